"""``claimdiff [review] [SOURCE DERIVED]``: open the review app (on the seeds without files).

Invariant: unfit input never reaches the screen as a traceback: the pair is loaded once,
here, before the app starts (so an unfit file fails at once) and handed to the app, which
reads no file again; anything the worker still raises comes back as ``app.failure`` and is
raised here as ``InputError``, which the CLI
prints as one line with exit status 2 after the terminal is restored. The review is a
session (``tui.engine.sessions.store``): the pair's own, or ``--session NAME``, or a fresh one with
``--new``; it is saved as the reviewer works and resumed where they left off.
"""

from __future__ import annotations

import argparse

from tui.commands.common import HelpFormatter, add_compare_options, help_epilog, options_from
from tui.engine.inputs.documents import STDIN, InputError, seed_paths
from tui.engine.model import CompareOptions
from tui.engine.pipeline import load_pair
from tui.engine.sessions.store import SessionStore

EXAMPLES = """\
  claimdiff review                          the demo pair
  claimdiff review paper.pdf blog.html      any pair (`claimdiff paper.pdf blog.html` is the same)
  claimdiff review paper.txt blog.txt --new a fresh session beside the earlier ones
  claimdiff review paper.txt blog.txt -s trial-a   open or create the session trial-a"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``review`` subcommand (the default)."""
    parser = sub.add_parser(
        "review", help="review a pair of documents in the app (default command)",
        description="Open the review app on a pair (the demo pair without files). Every verdict and note "
                    "is saved as you go; opening the pair again resumes where you left off.",
        epilog=help_epilog(EXAMPLES), formatter_class=HelpFormatter,
    )
    parser.add_argument("source", nargs="?", help="the primary document (e.g. a paper's abstract)")
    parser.add_argument("derived", nargs="?", help="the derived text (blog post, press release, news story)")
    add_compare_options(parser)
    parser.add_argument("--session", "-s", metavar="NAME",
                        help="open or create the session NAME (default: the pair's own; see `claimdiff sessions`)")
    parser.add_argument("--new", action="store_true",
                        help="start a fresh session beside the pair's earlier ones (they are kept)")
    parser.set_defaults(run=run)


def pair_from(args: argparse.Namespace) -> tuple[str, str]:
    """The pair to open: both files given, or the seeds when neither is (never standard input)."""
    if (args.source is None) != (args.derived is None):
        raise InputError("give both SOURCE and DERIVED, or neither for the demo pair")
    if args.source is None:
        source, derived = seed_paths()
        return str(source), str(derived)
    if STDIN in (args.source, args.derived):
        raise InputError(f"{STDIN}: the app reads its keys from the terminal, so a document cannot come from "
                         "standard input; save it to a file, or use claimdiff compare")
    return args.source, args.derived


def run(args: argparse.Namespace) -> int:
    """Load the pair, then open the app on it; returns the app's exit status."""
    source, derived = pair_from(args)
    options = options_from(args)
    store = SessionStore()
    name = store.resolve_name(source, derived, name=args.session, new=args.new)
    if options == CompareOptions():  # nothing asked on the command line: resume as saved
        options = store.saved_options(name) or options
    documents = load_pair(source, derived, options)
    from tui.ui.app import make_app

    app = make_app(*documents, options=options, open_review=store.opener(name))
    app.run()
    if app.failure:
        raise InputError(app.failure)
    return app.return_code or 0
