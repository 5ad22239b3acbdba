"""The engine's second process: a ``spawn`` context that never imports the caller's ``__main__``,
what that process runs first (:func:`start_worker`), and a process started ahead of the
comparison that will take it (:func:`start_early`).

Kept apart from :mod:`tui.engine.pipeline` so that ``multiprocessing`` (and the ``socket``,
``pickle`` and ``logging`` it brings) is imported only when a pair is large enough for a
second process: a small pair's start-up pays nothing for it. It imports nothing of the
engine itself; the second process imports what its tasks need in a thread while it waits for
the first one (:func:`import_ahead`).
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing.context
import os
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.pool import Pool


def spawn_context() -> multiprocessing.context.SpawnContext:
    """A ``spawn`` context whose processes never import the caller's ``__main__``.

    A spawned process normally runs the parent's main script again (as ``__mp_main__``) so
    that functions defined there can be found. The engine's processes only ever run engine
    functions, and that re-run is what hung the Python API: a script without an
    ``if __name__ == "__main__":`` guard started its comparison again in the child, which
    failed, and the pool replaced it forever; from standard input (``python - < script``)
    the child looked for a file called ``<stdin>``, with the same end. So each process is
    launched while ``__main__`` is a bare module, and the child imports nothing of the
    caller's: from a script, standard input, ``python -c`` or a notebook alike.
    """
    return _EngineContext()


class _EngineProcess(multiprocessing.context.SpawnProcess):
    """A spawned process launched without the caller's main module (see :func:`spawn_context`)."""

    @staticmethod
    def _Popen(process_obj: Any) -> Any:
        with _LAUNCHING, _main_hidden():
            return multiprocessing.context.SpawnProcess._Popen(process_obj)


class _EngineContext(multiprocessing.context.SpawnContext):
    Process = _EngineProcess


_LAUNCHING = threading.Lock()
"""One launch at a time: hiding ``__main__`` is process-wide."""


@contextmanager
def _main_hidden() -> Iterator[None]:
    """``sys.modules["__main__"]`` is a bare module (no file, no spec) for the moment a child is launched."""
    real = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = real


def start_worker() -> None:
    """Run first in the second process: it ignores Ctrl-C (:func:`ignore_interrupts`) and runs
    without the cycle collector, as the comparison does (see
    :func:`tui.engine.pipeline.paused_gc`); it lives for one comparison. While it waits for
    its first task, a thread imports what its tasks will need (:func:`import_ahead`)."""
    ignore_interrupts()
    gc.disable()
    threading.Thread(target=import_ahead, name="claimdiff-imports", daemon=True).start()


TASK_MODULES = ("tui.engine.segment.segment", "tui.engine.sides")
"""What the second process's first tasks import: the segmenter, then the claim reader."""


def import_ahead() -> None:
    """Import :data:`TASK_MODULES` in the second process before its tasks ask for them.

    Started early (:func:`start_early`), the process waits about 0.05 s for its first task
    (the first process is still importing and reading the files), then imported the segmenter
    when that task arrived, and the claim reader after segmenting, while the first process
    read claims alone. A module a task asks for while it is being imported here is waited
    for, never imported twice; one that fails to import fails in the task that needs it."""
    for name in TASK_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the task that needs it reports it
            return


def ignore_interrupts() -> None:
    """Run first in the second process: Ctrl-C reaches the whole process group, and only the
    first process should answer it (it stops the pool); the second one, interrupted too, used
    to print its own KeyboardInterrupt traceback half of the time."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


_EARLY: list[Pool] = []
"""A second process started ahead of the comparison that will take it (:func:`start_early`)."""


def start_early() -> None:
    """Start the second process now, for the next comparison in this process to take.

    A command that knows from the files' sizes that its pair is large calls this before it
    imports the engine, so that process imports while this one does (0.2-0.3 s sooner ready
    on a 290 KB pair); it calls :func:`drop_early` when the comparison is over. Where no
    process can be started, the comparison starts (or does without) its own as usual.
    """
    if _EARLY or (os.cpu_count() or 1) < 2:
        return
    try:
        _EARLY.append(spawn_context().Pool(1, initializer=start_worker))
    except (OSError, ValueError, RuntimeError):
        return


def take_early() -> Pool | None:
    """The process :func:`start_early` started, if it is still waiting to be taken."""
    return _EARLY.pop() if _EARLY else None


def drop_early() -> None:
    """End a process :func:`start_early` started that no comparison took."""
    while _EARLY:
        _EARLY.pop().terminate()
