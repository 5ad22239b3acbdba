"""The command line: ``claimdiff [review] SOURCE DERIVED``, ``compare``, and friends.

Each subcommand lives in ``tui/commands/<name>.py`` with ``register(subparsers)``; this
module only dispatches. Every command reaches documents through the engine's front door
(``tui.engine.pipeline``), exactly as the app does.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from tui import __version__
from tui.engine.inputs.documents import InputError

COMMANDS = ("review", "compare", "sessions", "export")
"""Subcommand modules under ``tui.commands``; the first is the default."""


def build_parser(commands: tuple[str, ...] = COMMANDS) -> argparse.ArgumentParser:
    """The argument parser with ``commands`` registered (all of them by default)."""
    parser = argparse.ArgumentParser(
        prog="claimdiff",
        description="Check a derived text (blog, press release, news story) against its source.",
        epilog="With no command, `claimdiff [SOURCE DERIVED]` opens the review app (on the demo pair without files).",
    )
    parser.add_argument("--version", action="version", version=f"claimdiff {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in commands:
        importlib.import_module(f"tui.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for unusable input)."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    if not args_in or (args_in[0] not in COMMANDS and args_in[0] not in ("-h", "--help", "--version")):
        args_in.insert(0, COMMANDS[0])
    # Only the command being run is imported: start-up stays quick (the seed pair compares in
    # under half a second, start-up included).
    parser = build_parser((args_in[0],) if args_in[0] in COMMANDS else COMMANDS)
    args = parser.parse_args(args_in)
    try:
        return int(args.run(args) or 0)
    except InputError as error:
        print(f"claimdiff: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("claimdiff: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
