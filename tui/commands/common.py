"""Pieces several subcommands share: document arguments, output, progress on stderr."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.engine.inputs.documents import InputError
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
        "--max-size", type=float, default=size, metavar="MB",
        help=f"largest input file accepted, in MB (default {size:g})",
    )
    group = parser.add_argument_group("comparison thresholds", "kept in JSON reports and saved with review sessions")
    for name, kind, text in THRESHOLDS:
        default = getattr(defaults, name)
        group.add_argument(f"--{name.replace('_', '-')}", type=kind, default=default, metavar="N",
                           help=f"{text} (default {default:g})")


def options_from(args: argparse.Namespace) -> CompareOptions:
    """Comparison options from parsed arguments (see :func:`add_compare_options`)."""
    knobs = {name: getattr(args, name) for name, _, _ in THRESHOLDS}
    return CompareOptions(max_bytes=int(args.max_size * 1_000_000), **knobs)


def write_output(text: str, output: str | None, *, inputs: tuple[str, ...] = ()) -> None:
    """Write ``text`` to a file (``-o``) or standard output, never over one of ``inputs``."""
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    target = Path(output)
    if target.exists() and any(Path(i).exists() and target.samefile(i) for i in inputs):
        raise InputError(f"{output}: is one of the documents being compared; choose another output file")
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{output}: cannot write ({error.strerror or error})") from None


@contextmanager
def stderr_progress(delay: float = 1.0) -> Iterator[Progress]:
    """A progress callback that shows a transient bar on stderr once work passes ``delay`` s.

    Rich is imported only when the bar is due, so quick runs do not pay for it.
    """
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
