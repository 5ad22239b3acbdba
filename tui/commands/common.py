"""Pieces several subcommands share: document arguments, output, progress on stderr."""

from __future__ import annotations

import argparse
import math
import os
import stat
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.engine.inputs.documents import InputError
from tui.engine.inputs.outputs import check_output
from tui.engine.model import CompareOptions

if TYPE_CHECKING:
    from tui.engine.pipeline import Progress


THRESHOLDS: tuple[tuple[str, type, str], ...] = (
    ("match_threshold", float, "least score (0-100) for a counterpart to count as support"),
    ("same_claim_threshold", float, "least score (0-100) for two statements to count as one claim reworded"),
    ("candidate_cutoff", float, "least score (0-100) for a counterpart to be listed at all"),
    ("max_candidates", int, "how many counterparts each statement lists"),
)
"""The comparison knobs the command line offers: a field of :class:`CompareOptions` (whose
default the help shows), its type, and what it does."""


def add_compare_options(parser: argparse.ArgumentParser) -> None:
    """``--max-size MB`` and the thresholds of :class:`CompareOptions`, defaults read from it."""
    defaults = CompareOptions()
    size = defaults.max_bytes / 1_000_000
    parser.add_argument(
        "--max-size", type=megabytes, default=size, metavar="MB",
        help=f"largest input file accepted, in MB (default {size:g})",
    )
    group = parser.add_argument_group("comparison thresholds", "kept in JSON reports and saved with review sessions")
    for name, kind, text in THRESHOLDS:
        default = getattr(defaults, name)
        group.add_argument(f"--{name.replace('_', '-')}", type=kind, default=default, metavar="N",
                           help=f"{text} (default {default:g})")


def megabytes(text: str) -> float:
    """A ``--max-size`` value: a finite number of megabytes above 0 and at most a terabyte."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= 1_000_000):
        raise argparse.ArgumentTypeError(f"{text!r} is not a size in MB above 0 and at most 1000000")
    return value


def options_from(args: argparse.Namespace) -> CompareOptions:
    """Comparison options from parsed arguments (see :func:`add_compare_options`)."""
    knobs = {name: getattr(args, name) for name, _, _ in THRESHOLDS}
    return CompareOptions(max_bytes=int(args.max_size * 1_000_000), **knobs)


STATUS_HELP = """\
statuses:
  agreement    a derived claim that its source counterpart supports
  divergence   a derived claim whose counterpart says something else: certainty inflated,
               a number changed, a negation flipped, the scope widened, a caveat dropped
  unsupported  a derived claim with no counterpart in the source
  omitted      a source claim that nothing in the derived text takes up"""
"""What the four statuses mean, for every command's ``--help``."""

EXIT_HELP = """\
exit status:
  0  done (and, with --fail-on, under the threshold)
  1  --fail-on: at least --fail-threshold claims have a listed status
  2  unfit input or usage: a missing, binary, empty or too large file, an unknown command,
     an output ending that contradicts --format (2 wins over 1)
  130 interrupted (Ctrl-C)"""
"""The exit statuses, for every command's ``--help``."""

ENDINGS: dict[str, str] = {
    ".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
    ".csv": "csv", ".jsonld": "claimreview",
}
"""File-name endings that name an output format; any other ending names none."""


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help text wrapped to the terminal, except sections (a paragraph whose first line ends in
    a colon, like ``examples:``), which keep their own layout."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = text.split("\n\n")
        return "\n\n".join(
            paragraph if paragraph.split("\n", 1)[0].rstrip().endswith(":")
            else textwrap.fill(" ".join(paragraph.split()), width, initial_indent=indent, subsequent_indent=indent)
            for paragraph in paragraphs
        )


def help_epilog(examples: str, *, exits: bool = True) -> str:
    """A command's ``--help`` epilog: its examples, the statuses and (by default) the exit codes."""
    parts = ["examples:\n" + examples.rstrip(), STATUS_HELP]
    return "\n\n".join([*parts, EXIT_HELP] if exits else parts)


def format_from_ending(output: str | None) -> str | None:
    """The format a known ending of ``output`` names (``r.html`` → html), else None."""
    if not output or output == "-":
        return None
    return ENDINGS.get(Path(output).suffix.lower())


def choose_format(output: str | None, asked: str | None, default: str) -> str:
    """The output format: ``--format`` when given, else the ending of ``-o``, else ``default``.

    Raises:
        InputError: ``--format`` and a known ending of ``-o`` name different formats.
    """
    named = format_from_ending(output)
    if asked is not None and named is not None and asked != named:
        raise InputError(f"{output}: the ending {Path(output or '').suffix} means {named}, but --format {asked} "
                         "was asked; drop one or make them agree")
    return asked or named or default


def refuse_inputs_as_output(output: str | None, inputs: tuple[str, ...], what: str = "compared") -> None:
    """An output file is never one of the documents it is made from."""
    if output is None or output == "-":
        return
    target = Path(output)
    if target.exists() and any(Path(i).exists() and target.samefile(i) for i in inputs):
        raise InputError(f"{output}: is one of the documents being {what}; choose another output file")


def add_fail_on(parser: argparse.ArgumentParser) -> None:
    """``--fail-on STATUSES`` and ``--fail-threshold N``: a gate for CI (exit status 1)."""
    gate = parser.add_argument_group("CI gate", "exit with status 1 when too many claims have a listed status")
    gate.add_argument("--fail-on", type=_statuses, metavar="STATUSES",
                      help="comma-separated statuses, e.g. divergence,unsupported")
    gate.add_argument("--fail-threshold", type=positive_int, default=1, metavar="N",
                      help="least number of such claims that fails (default 1)")


def gate(counts: dict[str, int], args: argparse.Namespace) -> int:
    """The exit status ``--fail-on`` asks for, given claims counted per status; says why on stderr."""
    if not args.fail_on:
        return 0
    hits = sum(counts.get(status, 0) for status in args.fail_on)
    if hits < args.fail_threshold:
        return 0
    listed = ", ".join(f"{counts.get(s, 0)} {s}" for s in args.fail_on)
    print(f"claimdiff: failed the gate: {listed} (--fail-on {','.join(args.fail_on)}, "
          f"--fail-threshold {args.fail_threshold})", file=sys.stderr)
    return 1


def _statuses(text: str) -> tuple[str, ...]:
    from tui.engine.model import Status

    names = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    known = {s.value for s in Status}
    wrong = [n for n in names if n not in known]
    if wrong or not names:
        raise argparse.ArgumentTypeError(f"{', '.join(wrong) or repr(text)}: not a status; choose from "
                                         f"{', '.join(s.value for s in Status)}")
    return names


def positive_int(text: str) -> int:
    """An argument that must be a whole number of 1 or more (``--workers``, ``--fail-threshold``)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return value


def add_indent(parser: argparse.ArgumentParser, what: str = "JSON and ClaimReview output") -> None:
    """``--indent``: JSON two spaces per level, where it is compact by default."""
    parser.add_argument("--indent", action="store_true",
                        help=f"{what} indented two spaces per level (default: compact; indented on a terminal)")


def indented(args: argparse.Namespace) -> bool:
    """Whether JSON goes out indented: asked with ``--indent``, or read on a terminal."""
    to_stdout = getattr(args, "output", None) in (None, "-")
    return bool(args.indent) or (to_stdout and sys.stdout.isatty())


def write_output(text: str | bytes, output: str | None, *, inputs: tuple[str, ...] = (),
                 sessions: Path | None = None) -> None:
    """Write ``text`` (or UTF-8 bytes, as they are) to a file (``-o``) or standard output, never
    over one of ``inputs`` nor into the sessions folder (by path or through a link).

    A closed pipe (``… | head``) ends the writing silently and the run keeps its exit status;
    any other failure of standard output (``> /dev/full``) is raised here, not at exit.
    """
    if output is None or output == "-":
        try:
            binary = getattr(sys.stdout, "buffer", None)
            if isinstance(text, bytes) and binary is not None:
                sys.stdout.flush()
                binary.write(text)
                binary.flush()
            elif isinstance(text, bytes):  # a stream of text alone (a test's, a notebook's)
                sys.stdout.write(text.decode("utf-8"))
                sys.stdout.flush()
            else:
                sys.stdout.write(text)
                sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        return
    refuse_inputs_as_output(output, inputs)
    if sessions is None and _may_be_a_file(output):  # a device or a pipe (/dev/null) holds no session
        from tui.engine.sessions.folder import default_root

        sessions = default_root()
    check_output(output, inputs, sessions=sessions)
    try:
        if isinstance(text, bytes):
            Path(output).write_bytes(text)
        else:
            Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{output}: cannot write ({error.strerror or error})") from None


def _may_be_a_file(output: str) -> bool:
    """Whether ``output`` names a file (or nothing yet), not a device or a pipe."""
    try:
        return stat.S_ISREG(os.stat(output).st_mode)
    except (OSError, ValueError):
        return True


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush cannot fail noisily."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


@contextmanager
def stderr_progress(delay: float = 1.0) -> Iterator[Progress]:
    """A progress callback that shows a transient bar on stderr once work passes ``delay`` s.

    Rich is imported only when the bar is due, so quick runs do not pay for it. Off a
    terminal there is no bar, as in ``claimdiff batch``: Rich draws a live display only on a
    terminal, yet it was imported (0.05-0.1 s, holding the interpreter's lock while the
    comparison waited) and redrew it unseen ten times a second.
    """
    if not sys.stderr.isatty():
        yield lambda stage, done: None
        return
    state: dict[str, Any] = {"stage": "starting", "done": 0.0}
    lock = threading.Lock()

    def start() -> None:
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        with lock:
            if state.get("closed"):
                return
            bar = Bar(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True)
            state["task"] = bar.add_task(state["stage"], total=1.0, completed=state["done"])
            state["bar"] = bar
            bar.start()

    timer = threading.Timer(delay, start)
    timer.daemon = True
    timer.start()

    def update(stage: str, done: float) -> None:
        with lock:
            state["stage"], state["done"] = stage, done
            if "bar" in state:
                state["bar"].update(state["task"], description=stage, completed=done)

    try:
        yield update
    finally:
        timer.cancel()
        with lock:
            state["closed"] = True
            if "bar" in state:
                state["bar"].stop()
