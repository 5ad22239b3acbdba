"""The cycle collector paused for a comparison, and what it finds when it is back on."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from tui.engine.collector import paused_gc


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
