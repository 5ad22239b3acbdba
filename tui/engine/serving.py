"""The second process's side of :mod:`tui.engine.processes`: what it runs first
(:func:`start_worker`), the tasks it serves in order (:func:`serve`), the messages both sides
exchange and the pipes they go through (:func:`widened`), and the work it does while no task
is waiting (:func:`when_idle`).

This module imports nothing of the engine but the interpreter's settings
(:mod:`tui.engine.startup`): the modules the tasks need are imported by a thread while the
first task is awaited (:func:`import_ahead`).
"""

from __future__ import annotations

import gc
import importlib
import io
import os
import pickle
import select
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import IO, Any

from tui.engine.startup import patterns


def start_worker() -> None:
    """Run first in the second process: it ignores Ctrl-C (:func:`ignore_interrupts`) and runs
    without the cycle collector, as the comparison does (see
    :func:`tui.engine.collector.paused_gc`); it lives for one comparison. It compiles regular
    expressions from the cache of the program that started it, if that has one
    (:func:`tui.engine.startup.patterns.install_if_asked`). While it waits for its first task, a
    thread imports what its tasks will need (:func:`import_ahead`)."""
    ignore_interrupts()
    gc.disable()
    patterns.install_if_asked()
    threading.Thread(target=import_ahead, name="claimdiff-imports", daemon=True).start()


TASK_MODULES = ("tui.engine.segment.segment", "tui.engine.sides", "tui.engine.align.index",
                "tui.engine.align.reorder")
"""What the second process's tasks import, in the order they ask: the segmenter, the claim
reader, then NumPy with the index and the ranker, for ranking."""


def import_ahead() -> None:
    """Import :data:`TASK_MODULES` in the second process before its tasks ask for them.

    Started early (:func:`tui.engine.processes.start_early`), the process waits about 0.05 s
    for its first task (the first process is still importing and reading the files), then
    imported the segmenter when that task arrived, and the claim reader after segmenting,
    while the first process read claims alone. NumPy and the ranking modules it imported once
    it had read its share of the claims, while the first process, NumPy imported, waited for
    it to pack its side of the vectors (0.05 s of the 290 KB InSciOut pair): they are
    imported here too, while it segments. A module a task asks for while it is being imported
    here is waited for, never imported twice; one that fails to import fails in the task that
    needs it."""
    for name in TASK_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the task that needs it reports it
            return


def ignore_interrupts() -> None:
    """Run first in the second process: Ctrl-C reaches the whole process group, and only the
    first process should answer it (it stops the second); the second one, interrupted too, used
    to print its own KeyboardInterrupt traceback half of the time."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def serve_standard_streams(tasks: IO[bytes]) -> None:
    """The second process's ``tasks`` from its standard input (unbuffered, so that a task waiting
    can be seen, see :func:`_waiting`), answered on its standard output, which only the
    answers reach: what a task might print goes to standard error."""
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(tasks, answers)


def serve(tasks: IO[bytes], answers: IO[bytes]) -> None:
    """The second process: run each task sent and send back its answer, until the first process
    closes its end.

    Tasks run in the order sent, except those sent with :data:`LATER`: they wait, in their own
    order, until no other task does. Then comes the work :func:`when_idle` was given, a step at
    a time. Where it cannot be told whether a task is waiting (``tasks`` is buffered, or no
    file), every task runs as it comes and there is no idle work.
    """
    start_worker()
    watched = isinstance(tasks, io.RawIOBase)
    waiting = _Waiting()
    while True:
        try:
            while watched and _waiting(tasks):  # every task that has come, so that a drop is seen in time
                waiting.take(*read_message(tasks))
            if not (waiting or (watched and _IDLE)):
                waiting.take(*read_message(tasks))  # nothing to do but wait
            elif waiting:
                number, message = waiting.next()
                write_message(answers, number | STARTED, b"")
                write_message(answers, number, _run(message))
                del message  # nothing of the task is kept while the next is awaited
            else:
                _step()
        except (EOFError, OSError):
            return


LATER = 1 << 62
"""Set in a task's number (:func:`write_message`): run it only when no other task is waiting."""
DROP = 1 << 61
"""Set in the number of a message with no task: the task of that number is not to be run (the
first process does it itself)."""
STARTED = 1 << 60
"""Set in the number of an empty answer, sent as the task of that number begins: the first
process then waits for it rather than do it too."""


class _Waiting:
    """The tasks read and not yet run: those to run now, in order, then those sent to run later."""

    def __init__(self) -> None:
        self._now: deque[tuple[int, bytes]] = deque()
        self._later: deque[tuple[int, bytes]] = deque()
        self._dropped: set[int] = set()

    def __bool__(self) -> bool:
        return bool(self._now or self._later)

    def take(self, number: int, message: bytes) -> None:
        """File a message read: a task to run now or later, or the drop of one."""
        if number & DROP:
            self._dropped.add(number ^ DROP)
            self._now = deque(task for task in self._now if task[0] not in self._dropped)
            self._later = deque(task for task in self._later if task[0] not in self._dropped)
        elif number & LATER:
            self._later.append((number ^ LATER, message))
        else:
            self._now.append((number, message))

    def next(self) -> tuple[int, bytes]:
        """The next task to run (there is one)."""
        return (self._now or self._later).popleft()


def write_message(stream: IO[bytes], number: int, payload: bytes) -> None:
    """One message: its number and size (eight bytes each, little-endian), then the payload."""
    stream.write(number.to_bytes(8, "little") + len(payload).to_bytes(8, "little"))
    stream.write(payload)
    stream.flush()


def read_message(stream: IO[bytes]) -> tuple[int, bytes]:
    """The number and payload of the next message :func:`write_message` wrote.

    Raises:
        EOFError: the other end is closed.
    """
    head = _exactly(stream, 16)
    return int.from_bytes(head[:8], "little"), _exactly(stream, int.from_bytes(head[8:], "little"))


def _exactly(stream: IO[bytes], size: int) -> bytes:
    """The next ``size`` bytes of ``stream``: an unbuffered one gives what the pipe holds at a time.

    Raises:
        EOFError: the stream ends first.
    """
    data = stream.read(size)
    if len(data) == size:
        return data
    gathered = bytearray(data)
    while len(gathered) < size:
        more = stream.read(size - len(gathered))
        if not more:
            raise EOFError
        gathered += more
    return bytes(gathered)


def _run(message: bytes) -> bytes:
    """The pickled answer to a pickled task: whether it returned, and its result or exception."""
    try:
        task, args, kwds = pickle.loads(message)
        answer: tuple[bool, Any] = (True, task(*args, **kwds))
    except Exception as error:  # noqa: BLE001 - raised in the first process
        answer = (False, error)
    try:
        return pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # noqa: BLE001 - a result or exception that cannot be sent
        return pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))


_IDLE: deque[Iterator[object]] = deque()
"""The work :func:`when_idle` was given, in the order given."""


def when_idle(task: Callable[..., Iterator[object]], args: tuple[Any, ...]) -> None:
    """In the second process: step through ``task(*args)``, a generator, between tasks, one step
    at a time while no task is waiting, for work whose results later tasks find remembered.

    A task that arrives waits for one step at most. What is not done when the comparison ends
    is not needed: a task works out whatever it does not find.
    """
    _IDLE.append(task(*args))


def _step() -> None:
    """One step of the first work :func:`when_idle` was given (dropped once done, or failed)."""
    try:
        next(_IDLE[0])
    except StopIteration:
        _IDLE.popleft()
    except Exception:  # noqa: BLE001 - a task that needs what it was working out meets the error itself
        _IDLE.popleft()


def _waiting(tasks: IO[bytes]) -> bool:
    """Whether a task is waiting to be read on the unbuffered ``tasks`` (True when the pipe cannot
    be asked: then the task is read, and waited for)."""
    try:
        return bool(select.select([tasks], [], [], 0)[0])
    except (OSError, ValueError):
        return True


PIPE_BYTES = 1 << 20
"""What each pipe to and from the second process holds (Linux; its default is 64 KB, and 1 MB is
what any process may ask for): a task or an answer up to this size is written at once, and
the writer goes on. The second process's answers waited on the first process's reading thread,
which needs the GIL between every 64 KB (its segments, 0.3 MB, took 6 ms to hand over)."""


def widened(tasks: IO[bytes], answers: IO[bytes]) -> int:
    """In the first process: widen both pipes to :data:`PIPE_BYTES` where the system allows it;
    the bytes the pipe of tasks then holds (0 where that cannot be known: every task then goes
    by the sending thread)."""
    try:
        import fcntl

        for stream in (tasks, answers):
            fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        return int(fcntl.fcntl(tasks.fileno(), fcntl.F_GETPIPE_SZ))
    except (ImportError, AttributeError, OSError, ValueError):
        return 0


def unread(stream: IO[bytes]) -> int:
    """The bytes waiting in a pipe to be read (-1 where that cannot be known)."""
    try:
        import fcntl
        import termios

        waiting = bytearray(4)
        fcntl.ioctl(stream.fileno(), termios.FIONREAD, waiting)
    except (ImportError, OSError, ValueError):
        return -1
    return int.from_bytes(waiting, sys.byteorder)
