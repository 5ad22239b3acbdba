"""The engine's second process (:class:`Second`), and a process started ahead of the comparison
that will take it (:func:`start_early`).

The process is this interpreter run again on a few lines (:data:`PROGRAM`) that serve tasks
read from its standard input and answer on its standard output. It is started by
``subprocess``, not ``multiprocessing``: a ``spawn`` process re-ran the caller's main script
(which hung the Python API from a script without a main guard, from standard input and from
a notebook), and on POSIX it also started ``multiprocessing``'s resource tracker, a third
interpreter that costs a large pair's start-up 3% on two cores. This module imports nothing
of the engine itself but the interpreter's settings (:mod:`tui.engine.startup`) and the
process's own side (:mod:`tui.engine.serving`).
"""

from __future__ import annotations

import itertools
import os
import pickle
import queue
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import IO, Any, Generic, TypeVar, cast

from tui.engine.collector import ends_next
from tui.engine.serving import (
    DROP,
    LATER,
    STARTED,
    read_message,
    unread,
    when_idle,
    widened,
    write_message,
)
from tui.engine.startup import blas
from tui.engine.startup.hugepages import huge_heap
from tui.engine.startup.switching import SWITCHING

T = TypeVar("T")


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
        second = Second.start()
    except (OSError, ValueError, RuntimeError):
        return
    second.early = True
    _EARLY.append(second)


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
    that tasks and answers do not wait behind the comparison
    (:mod:`tui.engine.startup.switching`). A thread here sends the tasks (so sending never
    waits on the process) and another reads the answers. When the process ends, the reading
    thread sees the pipe close: every task not yet answered is then done in this process after
    one warning (the engine's tasks are pure functions; the one that relies on what an earlier
    task left there says what to run instead). Stopping the process is killing it.
    """

    def __init__(self, process: subprocess.Popen[bytes], tasks: IO[bytes], answers: IO[bytes]) -> None:
        self._process = process
        self._tasks = tasks
        self._answers = answers
        self._outbox: queue.SimpleQueue[tuple[int, bytes, int] | None] = queue.SimpleQueue()
        self._queued = 0
        """Tasks handed to the sending thread and not yet written (see :meth:`_put`)."""
        self._queuing = threading.Lock()
        self._room = widened(tasks, answers)
        self._started: set[int] = set()
        self._answered: dict[int, tuple[bool, Any]] = {}
        self._changed = threading.Condition()
        self._numbers = itertools.count()
        self._lost = False
        self._told = False
        self._stopping = False
        self.tell: Callable[[str], None] = warn
        """Told, once, that the process ended and the work left is done in this one."""
        self.early = False
        """Started ahead of its comparison (:func:`start_early`)."""
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
                    kwds: Mapping[str, Any] | None = None, *, here: Callable[[], T] | None = None,
                    later: bool = False) -> Pending[T]:
        """``task(*args, **kwds)`` in the second process; once that is gone, the same call in
        this one, or ``here()`` for a task that relies on what an earlier one left there.
        A task sent ``later`` waits there until no other task does (:data:`~tui.engine.serving.LATER`)."""
        number = next(self._numbers)
        call = (task, args, dict(kwds or {}))
        if not self._lost:
            try:
                payload = pickle.dumps(call, pickle.HIGHEST_PROTOCOL)
            except Exception as error:  # noqa: BLE001 - the task's caller gets it
                self._settle(number, (False, error))
            else:
                self._put((number, payload, LATER if later else 0))
        return Pending(self, number, here or partial(task, *args, **call[2]))

    def when_idle(self, task: Callable[..., Iterator[object]], args: tuple[Any, ...] = ()) -> None:
        """Have the process step through the generator ``task(*args)`` whenever no task is waiting
        (:func:`tui.engine.serving.when_idle`): work that later tasks find done. Nothing is done
        here in its stead."""
        self.apply_async(when_idle, (task, args), here=_nothing)

    def drop(self, number: int) -> None:
        """Tell the process not to run task ``number`` if it has not started it (this one does it)."""
        if not self._lost:
            self._put((number, b"", DROP))

    def answered(self, number: int) -> bool:
        """Whether task ``number`` is answered, or the process is gone (it will be done here)."""
        with self._changed:
            return number in self._answered or self._lost

    def taken_up(self, number: int) -> bool:
        """Whether task ``number`` is answered or begun there (or the process is gone), once what
        is already in the pipe is read: asked before this process does a task itself. The reading
        thread needs the GIL, and read an answer 1-5 ms after it came while this one worked; and
        a task begun there was done here again, where waiting for it is on average shorter."""
        with self._changed:
            if number not in self._answered and not self._lost and unread(self._answers) > 0:
                self._changed.wait(CATCH_UP)  # the GIL is the reading thread's meanwhile
            return number in self._answered or number in self._started or self._lost

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
        """End the process, whatever it is doing, and the two threads. Where this process ends
        next (:func:`~tui.engine.collector.ends_next`), the other, told to end, is left to go with
        it: its ending, as the kernel frees its memory, took 6-8 ms of the 290 KB InSciOut
        pair's command after every result was in, and this one waited for it."""
        self.end()
        if self._switching:
            self._switching = False
            SWITCHING.leave()
        if ends_next():
            return
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

    def _put(self, item: tuple[int, bytes, int]) -> None:
        """Send a task or a drop: written here and now when nothing is waiting to be sent and the
        pipe is empty and holds it whole (so the write cannot block), else by the sending thread.

        That thread needs the GIL to write, and waited for it behind this one's work in C: the
        290 KB InSciOut pair's terms reached the second process 9 ms after they were sent, its
        first pieces of pairs 6 ms after, while this one went on to wait for their answers.
        """
        with self._queuing:
            if not self._queued and len(item[1]) + 16 <= self._room and unread(self._tasks) == 0:
                try:
                    write_message(self._tasks, item[0] | item[2], item[1])
                except (OSError, ValueError):
                    pass  # the process is gone: the reading thread says so, and the task is done here
                return
            self._queued += 1
        self._outbox.put(item)

    def _send(self) -> None:
        while self._post(self._outbox.get()):
            with self._queuing:
                self._queued -= 1  # nothing of a task is kept here once it is sent

    def _post(self, item: tuple[int, bytes, int] | None) -> bool:
        """Send one task (its number and flags, then the pickled call: two writes rather than one
        copy of a large call), or the drop of one (no call); False when there is nothing more to
        send or the process is gone (the reading thread says so)."""
        if item is None:
            return False
        number, payload, flags = item
        try:
            write_message(self._tasks, number | flags, payload)
        except (OSError, ValueError):  # ValueError: the pipe was closed here, by stop
            return False
        return True

    def _receive(self) -> None:
        while (answered := self._next_answer()) is not None:
            if answered[0] & STARTED:
                with self._changed:
                    self._started.add(answered[0] ^ STARTED)
                    self._changed.notify_all()
            else:
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
        if number & STARTED:
            return number, (True, None)
        try:
            return number, pickle.loads(message)
        except Exception as error:  # noqa: BLE001 - an answer that cannot be read here
            return number, (False, error)

    def _settle(self, number: int, answer: tuple[bool, Any]) -> None:
        with self._changed:
            self._answered[number] = answer
            self._changed.notify_all()


CATCH_UP = 0.002
"""Seconds this process gives its reading thread to read what is already in the pipe."""


def _nothing() -> None:
    """What this process does instead of the second one's idle work: nothing."""


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

    def begun(self) -> bool:
        """Whether the second process has begun the task, or answered it (or is gone)."""
        return self._answer is not None or self._second.taken_up(self._number)

    def do_here(self) -> T:
        """The task done in this process, now, and the second process told not to run it: for the
        last pieces of a shared step, which that process reaches late. An answer already in is
        taken instead, and a task that process has begun is waited for (:meth:`begun`)."""
        if not self.begun():
            self._second.drop(self._number)
            self._answer = (True, self._here())
        return self.get()

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
    "tasks = open(0, 'rb', buffering=0, closefd=False)\n"
    "def read(size, data=b''):\n"
    "    while len(data) < size:\n"
    "        data += tasks.read(size - len(data)) or sys.exit()\n"
    "    return data\n"
    "sys.path[:] = pickle.loads(read(int.from_bytes(read(16)[8:], 'little')))\n"
    "from tui.engine.serving import serve_standard_streams\n"
    "serve_standard_streams(tasks)\n"
)
"""What the second process runs: it takes the first process's module path (the first message),
then serves the tasks that follow. Its standard input is read unbuffered, so that it can tell
whether a task is waiting (:func:`tui.engine.serving.when_idle`)."""


def _launch() -> subprocess.Popen[bytes]:
    """This interpreter run on :data:`PROGRAM`, tasks to its standard input and answers from its
    standard output; its standard error is this process's. Its NumPy runs one BLAS thread
    (:mod:`tui.engine.startup.blas`), and its heap asks for huge pages
    (:mod:`tui.engine.startup.hugepages`).

    Raises:
        OSError, ValueError, RuntimeError: no process can be started here.
    """
    if not sys.executable:
        raise RuntimeError("no Python interpreter to start")
    return subprocess.Popen([sys.executable, "-c", PROGRAM], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env=huge_heap(blas.one_thread(dict(os.environ))))


