"""The engine's second process (:class:`Second`), what it runs first (:func:`start_worker`), and a
process started ahead of the comparison that will take it (:func:`start_early`).

The process is this interpreter run again on a few lines (:data:`PROGRAM`) that serve tasks
read from its standard input and answer on its standard output. It is started by
``subprocess``, not ``multiprocessing``: a ``spawn`` process re-ran the caller's main script
(which hung the Python API from a script without a main guard, from standard input and from
a notebook), and on POSIX it also started ``multiprocessing``'s resource tracker, a third
interpreter that costs a large pair's start-up 3% on two cores. This module imports nothing
of the engine itself but the interpreter's settings (:mod:`tui.engine.startup`); the second
process imports what its tasks need in a thread while it waits for the first one
(:func:`import_ahead`).
"""

from __future__ import annotations

import gc
import importlib
import itertools
import os
import pickle
import queue
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable, Mapping
from functools import partial
from typing import IO, Any, Generic, TypeVar, cast

from tui.engine.startup import blas, patterns
from tui.engine.startup.switching import SWITCHING

T = TypeVar("T")


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

    Started early (:func:`start_early`), the process waits about 0.05 s for its first task
    (the first process is still importing and reading the files), then imported the segmenter
    when that task arrived, and the claim reader after segmenting, while the first process
    read claims alone. NumPy and the ranking modules it imported once it had read its share
    of the claims, while the first process, NumPy imported, waited for it to pack its side of
    the vectors (0.05 s of the 290 KB InSciOut pair): they are imported here too, while it
    segments. A module a task asks for while it is being imported here is waited for, never
    imported twice; one that fails to import fails in the task that needs it."""
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


_EARLY: list[Second] = []
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
        _EARLY.append(Second.start())
    except (OSError, ValueError, RuntimeError):
        return


def take_early() -> Second | None:
    """The process :func:`start_early` started, if it is still waiting to be taken."""
    return _EARLY.pop() if _EARLY else None


def drop_early() -> None:
    """End a process :func:`start_early` started that no comparison took."""
    while _EARLY:
        _EARLY.pop().stop()


class Second:
    """The second process of one comparison: tasks sent to it run there, one at a time, in order.

    It replaced a one-process ``multiprocessing.Pool``, which can hang a comparison for good in
    two ways, both seen with claimdiff:

    - A process that dies in a task (killed, out of memory) leaves the task's result waited
      for forever: the pool starts another process and forgets the task (cpython#66587).
    - ``Pool.terminate`` hangs when it stops a process that is sending a result
      (cpython#96995), or one that was killed while it waited for a task: the lock it held
      on the pool's queue is never released (cpython#96062). The 290 KB InSciOut pair hung in
      ``terminate`` once in 25 runs, on the piece a comparison hands out and then reads itself
      when it gets there first.

    Here each direction is a pipe with one writer and one reader, and no lock is shared with
    the process. While it works, this process's threads hand over the GIL every 0.5 ms, so
    that tasks and answers do not wait behind the comparison (:mod:`tui.engine.startup.switching`). A thread here sends the tasks (so sending never waits on the process) and
    another reads the answers. When the process ends, the reading thread sees the pipe close:
    every task not yet answered is then done in this process after one warning (the engine's
    tasks are pure functions; the one that relies on what an earlier task left there says
    what to run instead). Stopping the process is killing it.
    """

    def __init__(self, process: subprocess.Popen[bytes], tasks: IO[bytes], answers: IO[bytes]) -> None:
        self._process = process
        self._tasks = tasks
        self._answers = answers
        self._outbox: queue.SimpleQueue[tuple[int, tuple[Any, ...]] | None] = queue.SimpleQueue()
        self._answered: dict[int, tuple[bool, Any]] = {}
        self._changed = threading.Condition()
        self._numbers = itertools.count()
        self._lost = False
        self._told = False
        self._stopping = False
        self.tell: Callable[[str], None] = warn
        """Told, once, that the process ended and the work left is done in this one."""
        self._threads = (threading.Thread(target=self._send, name="claimdiff-send", daemon=True),
                         threading.Thread(target=self._receive, name="claimdiff-receive", daemon=True))
        SWITCHING.join()
        self._switching = True
        for thread in self._threads:
            thread.start()

    @classmethod
    def start(cls) -> Second:
        """Start the process (:func:`_launch`) and tell it where this one finds modules.

        Raises:
            OSError, ValueError, RuntimeError: no process can be started here.
        """
        process = _launch()
        assert process.stdin is not None and process.stdout is not None
        try:
            write_message(process.stdin, 0, pickle.dumps(sys.path))  # its modules are found where these are
        except OSError:
            process.kill()
            process.wait()
            raise
        return cls(process, process.stdin, process.stdout)

    def apply_async(self, task: Callable[..., T], args: tuple[Any, ...] = (),
                    kwds: Mapping[str, Any] | None = None, *, here: Callable[[], T] | None = None) -> Pending[T]:
        """``task(*args, **kwds)`` in the second process; once that is gone, the same call in
        this one, or ``here()`` for a task that relies on what an earlier one left there."""
        number = next(self._numbers)
        call = (task, args, dict(kwds or {}))
        if not self._lost:
            self._outbox.put((number, call))
        return Pending(self, number, here or partial(task, *args, **call[2]))

    def answered(self, number: int) -> bool:
        """Whether task ``number`` is answered, or the process is gone (it will be done here)."""
        with self._changed:
            return number in self._answered or self._lost

    def answer(self, number: int) -> tuple[bool, Any] | None:
        """Task ``number``'s answer (whether it returned, and its result or exception), once it
        comes; None if the process ended first, the first time with a warning (unless it was
        stopped). It is handed out once."""
        with self._changed:
            self._changed.wait_for(lambda: number in self._answered or self._lost)
            found = self._answered.pop(number, None)
            tell = found is None and not (self._told or self._stopping)
            self._told = self._told or tell
        if tell:
            self._wait(STOP_WAIT)  # its exit code, for the warning
            self.tell(f"claimdiff: the second process ended (exit code {self._process.returncode}); "
                      "finishing in this one")
        return found

    def end(self) -> None:
        """Tell the process to end, without waiting for it (:meth:`stop` waits): for a
        comparison whose results are all in, which settles meanwhile. What it answered is
        kept; a task still unanswered is done in this process, with no warning."""
        self._stopping = True
        self._outbox.put(None)
        if self._process.poll() is None:
            self._process.terminate()

    def stop(self) -> None:
        """End the process, whatever it is doing, and the two threads."""
        self.end()
        if self._switching:
            self._switching = False
            SWITCHING.leave()
        if not self._wait(STOP_WAIT):
            self._process.kill()
            self._process.wait()
        for thread in self._threads:
            thread.join(STOP_WAIT)
        for stream in (self._tasks, self._answers):
            try:
                stream.close()
            except OSError:
                pass  # what was left to send has nowhere to go

    def _wait(self, seconds: float) -> bool:
        """Whether the process has ended within ``seconds``."""
        try:
            self._process.wait(seconds)
        except subprocess.TimeoutExpired:
            return False
        return True

    def _send(self) -> None:
        while self._post(self._outbox.get()):
            pass  # nothing of a task is kept here once it is sent

    def _post(self, item: tuple[int, tuple[Any, ...]] | None) -> bool:
        """Send one task (its number, then the call: two messages rather than one copy of a
        large call); False when there is nothing more to send or the process is gone (the
        reading thread says so)."""
        if item is None:
            return False
        number, call = item
        try:
            payload = pickle.dumps(call, pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # noqa: BLE001 - the task's caller gets it
            self._settle(number, (False, error))
            return True
        try:
            write_message(self._tasks, number, payload)
        except (OSError, ValueError):  # ValueError: the pipe was closed here, by stop
            return False
        return True

    def _receive(self) -> None:
        while (answered := self._next_answer()) is not None:
            self._settle(*answered)
        with self._changed:
            self._lost = True
            self._changed.notify_all()

    def _next_answer(self) -> tuple[int, tuple[bool, Any]] | None:
        """The next answer's task number and answer; None once the process has ended."""
        try:
            number, message = read_message(self._answers)
        except (EOFError, OSError, ValueError):
            return None
        try:
            return number, pickle.loads(message)
        except Exception as error:  # noqa: BLE001 - an answer that cannot be read here
            return number, (False, error)

    def _settle(self, number: int, answer: tuple[bool, Any]) -> None:
        with self._changed:
            self._answered[number] = answer
            self._changed.notify_all()


def warn(message: str) -> None:
    """A trouble of the comparison's processes, as a ``RuntimeWarning`` (the command line prints it
    on one line), where the caller asked to be told no other way."""
    warnings.warn(message, RuntimeWarning, stacklevel=2)


STOP_WAIT = 5.0
"""Seconds given to the process, and then to each thread, to end once told to."""


class Pending(Generic[T]):
    """A task sent to :class:`Second`: its result, from whichever process gives it."""

    def __init__(self, second: Second, number: int, here: Callable[[], T]) -> None:
        self._second = second
        self._number = number
        self._here = here
        self._answer: tuple[bool, Any] | None = None

    def ready(self) -> bool:
        """Whether :meth:`get` would return without waiting on the second process."""
        return self._answer is not None or self._second.answered(self._number)

    def get(self) -> T:
        """The task's result (its exception raised here), done in this process if the second one is gone."""
        if self._answer is None:
            self._answer = self._second.answer(self._number)
        if self._answer is None:
            self._answer = (True, self._here())
        returned, value = self._answer
        if not returned:
            raise cast(BaseException, value)
        return cast(T, value)


PROGRAM = (
    "import pickle, sys\n"
    "size = int.from_bytes(sys.stdin.buffer.read(16)[8:], 'little')\n"
    "sys.path[:] = pickle.loads(sys.stdin.buffer.read(size))\n"
    "from tui.engine.processes import serve_standard_streams\n"
    "serve_standard_streams()\n"
)
"""What the second process runs: it takes the first process's module path (the first message),
then serves the tasks that follow."""


def _launch() -> subprocess.Popen[bytes]:
    """This interpreter run on :data:`PROGRAM`, tasks to its standard input and answers from its
    standard output; its standard error is this process's. Its NumPy runs one BLAS thread
    (:mod:`tui.engine.startup.blas`).

    Raises:
        OSError, ValueError, RuntimeError: no process can be started here.
    """
    if not sys.executable:
        raise RuntimeError("no Python interpreter to start")
    return subprocess.Popen([sys.executable, "-c", PROGRAM], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env=blas.one_thread(dict(os.environ)))


def serve_standard_streams() -> None:
    """The second process's tasks from its standard input, answered on its standard output, which
    only the answers reach: what a task might print goes to standard error."""
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.stdin.buffer, answers)


def serve(tasks: IO[bytes], answers: IO[bytes]) -> None:
    """The second process: run each task sent, in order, and send back its answer, until the
    first process closes its end."""
    start_worker()
    while True:
        try:
            number, message = read_message(tasks)
            payload = _run(message)
            del message  # nothing of the task is kept while the next is awaited
            write_message(answers, number, payload)
        except (EOFError, OSError):
            return


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
    head = stream.read(16)
    if len(head) < 16:
        raise EOFError
    size = int.from_bytes(head[8:], "little")
    payload = stream.read(size)
    if len(payload) < size:
        raise EOFError
    return int.from_bytes(head[:8], "little"), payload


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
