"""A short switch interval while a second process works (:data:`SWITCH_INTERVAL`).

The first process talks to its second one through two threads (:class:`tui.engine.processes.Second`),
which need the GIL to write a task and to read an answer, while the comparison holds it in the
main thread. Python hands the GIL over only every switch interval, 5 ms by default.
"""

from __future__ import annotations

import sys
import threading

SWITCH_INTERVAL = 0.0005
"""Seconds a thread of this process runs before one that waits for the GIL gets it, while a
second process works (Python's default: 0.005). The threads that send its tasks and read its
answers wait for the GIL behind the comparison, which holds it throughout: at the default each
message waited up to 5 ms, several times per task, and a large pair sends a few dozen tasks.
With 0.5 ms the 290 KB InSciOut pair's whole command takes 0.965-0.97 of the time (the log,
2026-12-06); 2 ms gave 0.978, 0.1-0.2 ms no more than 0.5 ms."""


class _Switching:
    """The interpreter's switch interval, :data:`SWITCH_INTERVAL` while any second process
    works (or the caller's own, if shorter), as it was once the last one stops."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._working = 0
        self._before = sys.getswitchinterval()

    def join(self) -> None:
        """A second process starts working: the interval is shortened if none was working."""
        with self._lock:
            if not self._working:
                self._before = sys.getswitchinterval()
                if SWITCH_INTERVAL < self._before:  # set only when shorter: it is kept in whole µs
                    sys.setswitchinterval(SWITCH_INTERVAL)
            self._working += 1

    def leave(self) -> None:
        """A second process stopped: the interval is as it was once none works."""
        with self._lock:
            self._working -= 1
            if not self._working and SWITCH_INTERVAL < self._before:
                sys.setswitchinterval(self._before)


SWITCHING = _Switching()
"""The one switch interval of this process."""
