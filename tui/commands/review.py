"""``claimdiff [review] [SOURCE DERIVED]``: until the review app lands, prints the comparison."""

from __future__ import annotations

import argparse

from tui.commands import compare
from tui.commands.common import add_size_option
from tui.engine.documents import InputError, seed_paths


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``review`` subcommand (the default)."""
    parser = sub.add_parser("review", help="review a pair of documents (default command)")
    parser.add_argument("source", nargs="?", help="the primary document")
    parser.add_argument("derived", nargs="?", help="the derived text")
    add_size_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Open the pair (the seeds when none is given)."""
    if (args.source is None) != (args.derived is None):
        raise InputError("give both SOURCE and DERIVED, or neither for the demo pair")
    if args.source is None:
        args.source, args.derived = (str(p) for p in seed_paths())
    args.format, args.output = "table", None
    return compare.run(args)
