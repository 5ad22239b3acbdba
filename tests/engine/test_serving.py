"""The second process's own side (tui.engine.serving): tasks sent to run later, work done while
no task waits, and whole messages through its unbuffered standard input."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest

from tui.engine import processes, serving
from tui.engine.judge import rows, signals
from tui.engine.judge.concepts import Concepts

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no second process is ever started")

HANG = 60
"""Seconds after which a step counts as hung."""

NOTED: list[str] = []
"""In the second process: what :func:`note` was told, in order."""


def note(word: str) -> None:
    NOTED.append(word)


def noted() -> list[str]:
    return list(NOTED)


def count_steps(steps: int, pause: float) -> Iterator[None]:
    """Idle work: ``steps`` steps of ``pause`` seconds, each noted when done."""
    for _ in range(steps):
        time.sleep(pause)
        NOTED.append("step")
        yield


def fail_at(step: int) -> Iterator[None]:
    for done in range(step):
        yield
    raise ValueError(f"idle work failed at step {done + 1}")


def readings() -> int:
    """In the second process: how many statements it has read for the pair signals."""
    return signals.read.cache_info().currsize


@pytest.fixture
def second() -> Iterator[processes.Second]:
    started = processes.Second.start()
    yield started
    started.stop()


def test_idle_work_is_done_while_no_task_waits_and_never_holds_one_up(second: processes.Second) -> None:
    """Two thousand steps of 5 ms would take 10 s: a task sent meanwhile is answered after one."""
    second.when_idle(count_steps, (2_000, 0.005))
    deadline = time.monotonic() + HANG
    while "step" not in second.apply_async(noted).get():
        assert time.monotonic() < deadline, "no idle work was done while the process waited"
        time.sleep(0.05)
    done = second.apply_async(noted).get().count("step")
    assert 0 < done < 2_000


def test_a_later_task_waits_until_no_other_task_does(second: processes.Second) -> None:
    asleep = second.apply_async(time.sleep, (0.3,))  # both next tasks arrive while it sleeps
    later = second.apply_async(note, ("later",), later=True)
    now = second.apply_async(note, ("now",))
    asleep.get(), later.get(), now.get()
    assert second.apply_async(noted).get() == ["now", "later"]


def test_a_task_done_here_before_the_process_reached_it_is_not_run_there(second: processes.Second) -> None:
    asleep = second.apply_async(time.sleep, (0.3,))  # the next two wait behind it
    dropped = second.apply_async(note, ("dropped",))
    kept = second.apply_async(note, ("kept",))
    try:
        dropped.do_here()
        assert NOTED == ["dropped"]  # done in this process
    finally:
        NOTED.clear()
    asleep.get(), kept.get()
    assert second.apply_async(noted).get() == ["kept"]
    answered = second.apply_async(noted)
    deadline = time.monotonic() + HANG
    while not answered.ready():
        assert time.monotonic() < deadline, "the process never answered"
        time.sleep(0.01)
    assert answered.do_here() == ["kept"]  # once answered there, its answer is taken, not done again here


def slow_pid(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_a_task_the_process_has_begun_is_waited_for_not_done_again_here(second: processes.Second) -> None:
    begun = second.apply_async(slow_pid, (0.3,))
    deadline = time.monotonic() + HANG
    while not second.taken_up(begun._number):  # told as the task begins there
        assert time.monotonic() < deadline, "the process never began the task"
        time.sleep(0.005)
    assert not begun.ready()
    assert begun.do_here() != os.getpid()  # its answer, from there


def test_idle_work_that_fails_is_dropped_and_the_next_is_done(second: processes.Second) -> None:
    second.when_idle(fail_at, (3,))
    second.when_idle(count_steps, (5, 0.0))
    deadline = time.monotonic() + HANG
    while second.apply_async(noted).get().count("step") < 5:
        assert time.monotonic() < deadline, "the idle work after a failed one was never done"
        time.sleep(0.05)
    assert second.apply_async(sum, ([1, 2],)).get() == 3  # and tasks still run


def test_reading_ahead_leaves_the_claims_read_in_the_second_process(second: processes.Second) -> None:
    texts = [f"Treatment {n} did not reduce deaths by {n}% (95% CI 1-{n})." for n in range(40)]
    before = second.apply_async(readings).get()
    second.when_idle(rows.read_ahead, (texts, Concepts({"ci": ("confid", "interv")})))
    deadline = time.monotonic() + HANG
    while second.apply_async(readings).get() < before + len(texts):
        assert time.monotonic() < deadline, "the texts were never read ahead"
        time.sleep(0.05)


def write_and_close(fd: int, number: int, payload: bytes) -> None:
    with open(fd, "wb") as sent:
        serving.write_message(sent, number, payload)


def test_a_message_larger_than_a_pipe_arrives_whole_through_an_unbuffered_stream() -> None:
    read_end, write_end = os.pipe()
    payload = os.urandom(1 << 20) * 4
    writer = threading.Thread(target=write_and_close, args=(write_end, 7, payload), daemon=True)
    writer.start()
    with open(read_end, "rb", buffering=0) as tasks:  # closed first if the test fails: the writer then ends
        assert serving.read_message(tasks) == (7, payload)
        writer.join(HANG)
        with pytest.raises(EOFError):
            serving.read_message(tasks)


def test_whether_a_task_waits_is_seen_on_an_unbuffered_pipe() -> None:
    read_end, write_end = os.pipe()
    with open(read_end, "rb", buffering=0) as tasks:
        assert not serving._waiting(tasks)
        os.write(write_end, b"x")
        assert serving._waiting(tasks)
        os.close(write_end)


def echo(payload: bytes) -> int:
    """In the second process: the size of what it was sent, noted in order."""
    NOTED.append(str(len(payload)))
    return len(payload)


@pytest.mark.skipif(not hasattr(__import__("fcntl"), "F_SETPIPE_SZ"), reason="pipes keep their size here")
def test_a_task_that_fits_the_empty_pipe_is_written_at_once_and_the_rest_keep_their_order(
        second: processes.Second) -> None:
    assert second._room == serving.PIPE_BYTES  # both pipes widened
    assert second.apply_async(time.sleep, (0.3,)) is not None  # the process is busy a while: the pipe fills
    sizes = [600_000, 10, 700_000, 20, 900_000, 30]
    pending = [second.apply_async(echo, (b"x" * size,)) for size in sizes]
    assert second._queued >= 1  # those behind a pipe that holds a task go by the sending thread
    assert [within_get(p) for p in pending] == sizes
    assert second.apply_async(noted).get() == [str(size) for size in sizes]  # run in the order sent
    assert second._queued == 0
    started = time.monotonic()
    second.apply_async(echo, (b"y" * 800_000,))  # the pipe is empty again: written at once
    assert second._queued == 0 and time.monotonic() - started < 1


def within_get(pending: processes.Pending[int]) -> int:
    deadline = time.monotonic() + HANG
    while not pending.ready():
        assert time.monotonic() < deadline, "no answer"
        time.sleep(0.001)
    return pending.get()
