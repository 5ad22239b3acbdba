"""The command line: ``claimdiff [review] SOURCE DERIVED``, ``compare``, and friends.

Each subcommand lives in ``tui/commands/<name>.py`` with ``register(subparsers)``; this
module only dispatches. Every command reaches documents through the engine's front door
(``tui.engine.pipeline``), exactly as the app does.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import os
import sys
import warnings

from tui import __version__
from tui.engine import collector
from tui.engine.startup import PARALLEL_CHARS, blas, pair_bytes, patterns

COMMANDS = ("review", "compare", "sessions", "export", "batch")
"""Subcommand modules under ``tui.commands``; the first is the default."""


def build_parser(commands: tuple[str, ...] = COMMANDS) -> argparse.ArgumentParser:
    """The argument parser with ``commands`` registered (all of them by default)."""
    from tui.commands.common import HelpFormatter, help_epilog

    parser = argparse.ArgumentParser(
        prog="claimdiff",
        description="Check a derived text (blog, press release, news story) against its source, statement "
                    "by statement. With no command, `claimdiff [SOURCE DERIVED]` opens the review app "
                    "(on the demo pair without files).",
        epilog=help_epilog(EXAMPLES), formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"claimdiff {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in commands:
        importlib.import_module(f"tui.commands.{name}").register(sub)
    return parser


EXAMPLES = """\
  claimdiff                                  review the demo pair in the app
  claimdiff paper.txt blog.html              review any pair (= claimdiff review paper.txt blog.html)
  claimdiff compare paper.pdf blog.txt       a table; -o r.html, r.json, r.md, r.csv for a report
  claimdiff sessions                         saved reviews
  claimdiff export -s NAME -o review.html    a saved review as a report
  claimdiff batch pairs.csv --out reports    many pairs: a JSON report each and summary.csv"""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for unusable input).

    Run as the program (``argv`` None: the ``claimdiff`` script, ``python -m tui``), the
    process ends right after: the objects left are frozen out of the cycle collector, whose
    last pass at exit would walk a large comparison's millions of objects once more for
    nothing (0.05 s on a 290 KB pair). They are still freed as the interpreter ends, but
    after ``claimdiff compare``, which ends at once (:func:`_end_now`); what that command is
    done with on the way is not freed either (:func:`~tui.engine.collector.keep_until_exit`).

    NumPy, imported later if at all, runs one BLAS thread here and in every process started
    from here (:mod:`tui.engine.startup.blas`). Run as the program, this process and those it
    starts compile regular expressions from the cache of earlier runs
    (:mod:`tui.engine.startup.patterns`); a large pair's second process is started before this
    one reads it (:func:`_main`).
    """
    blas.one_thread(os.environ)
    warnings.formatwarning = _one_line
    args_in = list(sys.argv[1:] if argv is None else argv)
    if argv is None and args_in[:1] == ["compare"]:
        collector.end_next()  # what it is done with goes with the process (_end_now)
    try:
        code = _main(args_in, cached=argv is None)
    finally:
        if argv is None:
            gc.freeze()
    if argv is None and args_in[:1] == ["compare"]:
        _end_now(code)
    return code


def _end_now(code: int) -> None:
    """End ``claimdiff compare`` here, as mypy ends its runs: the exit handlers run (the pattern
    cache is saved) and the standard streams are flushed, but the interpreter does not free the
    comparison, the engine's caches and NumPy one object at a time (6 ms of the 290 KB InSciOut
    pair's command). A stream that cannot be flushed is left to the interpreter's own ending."""
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


_python_format = warnings.formatwarning


def _one_line(message: Warning | str, category: type[Warning], filename: str, lineno: int,
              line: str | None = None) -> str:
    """The engine's own warnings ("claimdiff: no second process …") as one line, like the
    command's other messages, not Python's two with the warning's source line under them."""
    text = str(message)
    if text.startswith("claimdiff: "):
        return f"claimdiff: warning: {text.removeprefix('claimdiff: ')}\n"
    return _python_format(message, category, filename, lineno, line)


def _main(args_in: list[str], cached: bool = False) -> int:
    """Run the command ``args_in``; ``cached``: with the pattern cache (run as the program).

    A large pair's second process is started first, told where the cache is: it imports what
    its tasks need while this one reads the cache (10 ms), and is ready sooner for the first
    (0.976 and 0.991 of the 290 KB InSciOut pair's command, 40 alternated rounds each)."""
    if cached:
        patterns.name_folder()
    early = _start_early(args_in)
    if cached:
        patterns.install()
    try:
        return _command(args_in)
    finally:
        if early:
            from tui.engine.processes import drop_early

            drop_early()  # the comparison did not take it (unusable input, a wrong option)


def _command(args_in: list[str]) -> int:
    from tui.engine.inputs.documents import InputError  # after the pattern cache is installed

    try:
        args_in = _with_command(args_in)
    except InputError as error:
        print(f"claimdiff: {error}", file=sys.stderr)
        return 2
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
    except OSError as error:
        # The one place an unforeseen system error becomes one line (ENOSPC, EACCES, EROFS,
        # ENAMETOOLONG…) instead of a traceback: exit status 2, like any unfit input.
        where = f"{error.filename}: " if error.filename is not None else ""
        print(f"claimdiff: {where}{error.strerror or error}", file=sys.stderr)
        return 2


def _with_command(args_in: list[str]) -> list[str]:
    """``args_in`` with its command first: ``review`` when none is named.

    Two positional arguments are always SOURCE DERIVED (even a file called ``export``); a first
    positional argument that is no command and no file is a mistyped command.

    Raises:
        InputError: an unknown command, with the commands it is closest to.
    """
    from tui.engine.inputs.documents import InputError

    if args_in and args_in[0] in ("-h", "--help", "--version"):
        return args_in
    words = _positionals(args_in)
    if args_in and args_in[0] in COMMANDS and not (len(words) == 2 and all(os.path.exists(w) for w in words)):
        return args_in
    if words and not os.path.exists(words[0]) and (len(words) != 2 or _close(words[0])):
        close = _close(words[0]) or list(COMMANDS)
        raise InputError(f"unknown command {words[0]!r}; did you mean {' or '.join(close)}? "
                         "(or give two files: claimdiff SOURCE DERIVED)")
    return [COMMANDS[0], *args_in]


def _start_early(args_in: list[str]) -> bool:
    """Start the second process of ``claimdiff compare`` now, before the engine is imported, when
    its two files are large enough for one (see :func:`tui.engine.processes.start_early`); True
    when started. Started once the command had imported the engine's model and parsed its
    arguments, it began 30 ms later and was still importing when its first task came."""
    words = _positionals(args_in[1:])
    if args_in[:1] != ["compare"] or len(words) != 2:
        return False
    if pair_bytes(*words) < PARALLEL_CHARS:
        return False
    from tui.engine.processes import start_early

    start_early()
    return True


def _positionals(args_in: list[str]) -> list[str]:
    """The words of ``args_in`` that are neither options nor an option's value."""
    takes_value = {"--max-size", "--session", "-s", "--match-threshold", "--same-claim-threshold",
                   "--candidate-cutoff", "--max-candidates", "--out", "--workers", "--scheduler",
                   "-o", "--output", "-f", "--format", "--fail-on", "--fail-threshold"}
    words: list[str] = []
    skip = False
    for arg in args_in:
        if skip:
            skip = False
        elif arg == "--":
            continue
        elif arg.startswith("-") and arg != "-":
            skip = arg in takes_value
        else:
            words.append(arg)
    return words


def _close(word: str) -> list[str]:
    import difflib  # only for a mistyped command: 1 ms of every start otherwise

    return difflib.get_close_matches(word, COMMANDS, n=2, cutoff=0.6)
