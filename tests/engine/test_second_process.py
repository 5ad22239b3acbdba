"""The second process cannot hang a comparison: not when it dies, not when it is stopped.

A one-process ``multiprocessing.Pool`` did both: a task whose process was killed was waited
for forever (the pool replaced the process and forgot the task), and ``Pool.terminate``
hung for good when it stopped a process in the middle of sending a result, or one killed
while it waited for a task. The 290 KB InSciOut pair hung once in 25 runs.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import warnings
from collections.abc import Callable

import pytest

from tests.engine.test_parallel import doc, summary
from tui.engine import collector, pipeline, processes, sides
from tui.engine.align import align, reorder
from tui.engine.judge import decide
from tui.engine.startup import switching

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no second process is ever started")

HANG = 60
"""Seconds after which a step counts as hung: each takes well under one, a hang never ends."""


def within(seconds: float, step: Callable[[], object]) -> object:
    """``step()``'s result, failing the test if it has not returned after ``seconds``."""
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(step()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{step} hung"
    return out[0]


def big_after(seconds: float) -> bytes:
    """A task that answers late with a result larger than a pipe holds."""
    time.sleep(seconds)
    return b"x" * (4 << 20)


@pytest.fixture
def every_task_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """The small generated pair sends the second process every kind of task there is."""
    monkeypatch.setattr(align, "EXHAUSTIVE_PAIRS", 0)
    monkeypatch.setattr(pipeline, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(decide, "POOL_PAIRS", 0)
    monkeypatch.setattr(decide, "CHUNK_PAIRS", 5)  # pieces of pairs whose verdicts are worded there
    monkeypatch.setattr(sides, "PIECE", 7)
    monkeypatch.setattr(sides.Helper, "idle", lambda self, sent: True)
    monkeypatch.setattr(reorder, "SHARED_FROM", 0)


def test_a_process_that_dies_before_any_task_leaves_the_comparison_unchanged(
        every_task_shared: None, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = summary(pipeline.compare(doc("source"), doc("derived")))
    real = processes.Second.apply_async
    sent: list[str] = []

    def counted(self: processes.Second, task: Callable[..., object], *args: object, **kwargs: object) -> object:
        sent.append(task.__name__)
        return real(self, task, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(processes.Second, "apply_async", counted)
    assert summary(pipeline.compare(doc("source"), doc("derived"), workers=2)) == alone
    kinds = {name: sent.index(name) for name in reversed(sent)}  # each kind of task, where it is first sent
    assert {"segment", "find_abbreviations", "read_claims", "pack_right", "rank_against_right", "_read_sources", "_order_shared", "text_rows",
            "keep_vocabulary", "word_kept"} <= set(kinds)
    for name, at in sorted(kinds.items(), key=lambda item: item[1]):
        # the process dies of a task sent just before this kind's first: the rest is done here
        def dying(self: processes.Second, task: Callable[..., object], *args: object, at: int = at,
                  seen: list[int] = [0], **kwargs: object) -> object:  # noqa: B006 - a count per kind
            if seen[0] == at:
                real(self, os._exit, (9,))
            seen[0] += 1
            return real(self, task, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(processes.Second, "apply_async", dying)
        with pytest.warns(RuntimeWarning, match=r"the second process ended \(exit code 9\); finishing in this one"):
            found = within(HANG, lambda: summary(pipeline.compare(doc("source"), doc("derived"), workers=2)))
        assert found == alone, f"the process died before its first {name}"


def test_a_caller_that_asks_to_be_told_hears_it_once_and_no_warning_is_raised(
        every_task_shared: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app passes ``notice``: it reads the line with the documents' notices, and the
    process-wide warning machinery is left alone."""
    alone = summary(pipeline.compare(doc("source"), doc("derived")))
    real, first = processes.Second.apply_async, []

    def dying(self: processes.Second, task: Callable[..., object], *args: object, **kwargs: object) -> object:
        if not first:
            first.append(real(self, os._exit, (9,)))
        return real(self, task, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(processes.Second, "apply_async", dying)
    told: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        found = within(HANG, lambda: summary(pipeline.compare(doc("source"), doc("derived"), workers=2,
                                                              notice=told.append)))
    assert found == alone
    assert told == ["claimdiff: the second process ended (exit code 9); finishing in this one"]


def test_a_process_killed_while_it_waits_is_noticed_and_stopped() -> None:
    """Killed while it waited for a task (it held the pool's queue lock then): the next
    task is done here and stopping returns."""
    import signal

    second = processes.Second.start()
    child = second.apply_async(os.getpid).get()
    os.kill(child, signal.SIGKILL)
    with pytest.warns(RuntimeWarning, match="exit code -9"):
        assert within(HANG, second.apply_async(os.getpid).get) == os.getpid()
    within(HANG, second.stop)


@pytest.mark.parametrize("lead", [0.0, 0.05, 0.1, 0.15, 0.2])
def test_stopping_a_process_that_is_sending_a_big_result_returns(lead: float) -> None:
    """Stopped around the moment it sends 4 MB (more than a pipe holds), as a comparison stops
    the process that is still on a piece it read itself."""
    second = processes.Second.start()
    assert second.apply_async(abs, (-1,)).get() == 1  # started and waiting
    second.apply_async(big_after, (0.1,))
    time.sleep(lead)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # stopping it on purpose is no loss to warn about
        within(HANG, second.stop)
    assert second._process.poll() is not None


def test_stopping_a_process_in_a_long_task_is_prompt() -> None:
    """A comparison stopped mid-way (Ctrl-C, the app moving on) ends its process at once,
    not when the task nobody waits for is done."""
    second = processes.Second.start()
    pending = second.apply_async(time.sleep, (600,))
    time.sleep(0.2)
    within(HANG, second.stop)
    assert second._process.poll() is not None
    assert pending.ready()  # asked now, it would be done here: nothing waits on the dead process


def test_an_ended_process_keeps_what_it_answered_and_what_it_did_not_is_done_here() -> None:
    """A comparison tells its process to end as soon as every result is in, and settles while
    it ends: what the process answered is still its answer, a task it never answered is done
    in this process, and nothing warns."""
    second = processes.Second.start()
    answered = second.apply_async(os.getpid)
    assert within(HANG, answered.get) != os.getpid()  # done there
    there = second.apply_async(os.getpid)
    deadline = time.monotonic() + HANG
    while not there.ready():  # answered, not yet asked for
        assert time.monotonic() < deadline, "no answer"
        time.sleep(0.005)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        second.end()
        late = second.apply_async(os.getpid)
        assert within(HANG, there.get) != os.getpid()  # answered before the end: kept
        assert within(HANG, late.get) == os.getpid()  # never sent: done here
        within(HANG, second.stop)
    assert second._process.poll() is not None


def test_a_process_that_ends_next_does_not_wait_for_the_other_to_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """``claimdiff compare`` ends right after its comparison: its second process, told to end, is
    left to go with it rather than waited for while the kernel frees its memory."""
    second = processes.Second.start()
    assert within(HANG, second.apply_async(os.getpid).get) != os.getpid()
    monkeypatch.setattr(collector, "_KEPT", [])  # as collector.end_next() leaves it

    def waited(seconds: float) -> bool:
        raise AssertionError("waited for the second process to end")

    monkeypatch.setattr(second, "_wait", waited)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        second.stop()
    assert second._stopping
    deadline = time.monotonic() + HANG
    while second._process.poll() is None:  # ended all the same
        assert time.monotonic() < deadline, "still running"
        time.sleep(0.005)


def test_threads_switch_often_while_a_second_process_works_and_as_before_after() -> None:
    before = sys.getswitchinterval()
    first = processes.Second.start()
    assert sys.getswitchinterval() == switching.SWITCH_INTERVAL < before
    second = processes.Second.start()
    within(HANG, first.stop)
    assert sys.getswitchinterval() == switching.SWITCH_INTERVAL  # the other one still works
    within(HANG, second.stop)
    within(HANG, second.stop)  # stopped twice: counted once
    assert sys.getswitchinterval() == before


def test_a_callers_own_shorter_switch_interval_is_kept() -> None:
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.0001)
    own = sys.getswitchinterval()  # as the interpreter keeps it, in whole microseconds
    try:
        second = processes.Second.start()
        assert sys.getswitchinterval() == own < switching.SWITCH_INTERVAL
        within(HANG, second.stop)
        assert sys.getswitchinterval() == own
    finally:
        sys.setswitchinterval(before)


def test_an_exception_in_a_task_is_raised_where_its_result_is_asked_for() -> None:
    second = processes.Second.start()
    try:
        with pytest.raises(ZeroDivisionError):
            second.apply_async(divmod, (1, 0)).get()
        assert second.apply_async(divmod, (7, 2)).get() == (3, 1)  # and the process goes on
    finally:
        second.stop()


WITHOUT_A_SECOND = """\
import sys
from tui import cli
from tui.engine import pipeline, processes

def refuse(*args, **kwargs):
    raise OSError("no processes here")

processes._launch = refuse
cli.PARALLEL_CHARS = pipeline.PARALLEL_CHARS = 0  # the seed pair is small: ask for a second process
sys.exit(cli.main(["compare", "seeds/msc-covid-abstract.txt", "seeds/msc-covid-blog.txt", "-f", "json", "-o",
                   sys.argv[1]]))
"""


def test_the_command_says_in_one_line_that_it_compares_in_one_process(tmp_path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-c", WITHOUT_A_SECOND, str(tmp_path / "r.json")], capture_output=True,
                          text=True, cwd=ROOT, timeout=HANG, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ("claimdiff: warning: no second process (no processes here); comparing in this one\n")
    assert (tmp_path / "r.json").stat().st_size > 1000
