"""A ``spawn`` context whose processes never import the caller's ``__main__`` (:func:`spawn_context`),
for the pool of ``claimdiff batch``'s workers.

Kept apart so that ``multiprocessing`` (and the ``socket``, ``pickle`` and ``logging`` it
brings) is imported only where a pool is: a comparison's second process is started without
it (:mod:`tui.engine.processes`).
"""

from __future__ import annotations

import multiprocessing.context
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


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
