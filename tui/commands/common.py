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


def add_size_option(parser: argparse.ArgumentParser) -> None:
    """``--max-size MB``: the largest input accepted."""
    default = CompareOptions().max_bytes / 1_000_000
    parser.add_argument(
        "--max-size", type=float, default=default, metavar="MB",
        help=f"largest input file accepted, in MB (default {default:g})",
    )


def options_from(args: argparse.Namespace) -> CompareOptions:
    """Comparison options from parsed arguments."""
    return CompareOptions(max_bytes=int(args.max_size * 1_000_000))


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
