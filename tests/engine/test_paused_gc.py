"""The cycle collector paused for a comparison, and what it finds when it is back on; and what a
process that ends right after its command leaves to go with it."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from tui.engine import collector as lifetimes
from tui.engine.collector import keep_until_exit, paused_gc


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector on and nothing frozen, as in a fresh process (an app test of this run may
    have frozen its objects); frozen again and on or off as it was, after."""
    was_on, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.unfreeze()
    gc.enable()
    yield
    if frozen:
        gc.freeze()
    if not was_on:
        gc.disable()


def _generation_of(thing: object) -> int | None:
    return next((n for n in range(3) if any(o is thing for o in gc.get_objects(generation=n))), None)


@pytest.mark.usefixtures("collector")
def test_objects_made_in_the_pause_wait_in_the_oldest_generation_and_nothing_stays_frozen() -> None:
    with paused_gc():
        assert not gc.isenabled()
        made = [[n] for n in range(50_000)]  # a comparison's many small containers
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert _generation_of(made) == 2  # not walked by the young collections to come
    assert gc.get_count()[0] < 700  # and no young collection is owed for them


@pytest.mark.usefixtures("collector")
def test_what_was_frozen_before_the_pause_stays_frozen() -> None:
    kept = [[1], [2]]
    gc.freeze()
    frozen = gc.get_freeze_count()
    with paused_gc():
        made = [[n] for n in range(1_000)]
    assert gc.get_freeze_count() == frozen
    assert _generation_of(kept) is None  # still frozen: in no generation
    assert _generation_of(made) is not None


class _Node:
    def __init__(self) -> None:
        self.itself = self


@pytest.mark.usefixtures("collector")
def test_a_cycle_made_in_the_pause_is_still_collected_in_full() -> None:
    with paused_gc():
        probe = weakref.ref(_Node())  # a cycle: only the collector can free it
    assert probe() is not None
    gc.collect()
    assert probe() is None


class _Thing:
    """An object a weak reference can follow."""


def test_what_is_kept_until_exit_is_freed_as_usual_in_a_process_that_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lifetimes, "_KEPT", None)  # a script's, a test's, the app's process
    thing = _Thing()
    gone = weakref.ref(thing)
    keep_until_exit(thing)
    del thing
    assert gone() is None and not lifetimes.ends_next()


def test_a_process_that_ends_next_keeps_what_it_is_done_with_for_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lifetimes, "_KEPT", None)
    lifetimes.end_next()
    assert lifetimes.ends_next()
    thing = _Thing()
    kept = weakref.ref(thing)
    keep_until_exit(thing, [thing])
    del thing
    assert kept() is not None  # not freed now: the process frees nothing as it ends
    lifetimes.end_next()  # said twice, still one holder
    assert lifetimes._KEPT is not None and len(lifetimes._KEPT) == 2


def test_only_the_program_itself_ends_next(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui import cli

    monkeypatch.setattr(lifetimes, "_KEPT", None)
    source, derived = tmp_path / "a.txt", tmp_path / "b.txt"
    source.write_text("Aspirin cut deaths by half in the trial.", encoding="utf-8")
    derived.write_text("Aspirin halves deaths.", encoding="utf-8")
    assert cli.main(["compare", str(source), str(derived), "--format", "json", "-o", str(tmp_path / "r.json")]) == 0
    assert not lifetimes.ends_next()  # called with its arguments (a test, a script): it goes on
