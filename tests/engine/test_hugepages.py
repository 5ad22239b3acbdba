"""The second process's heap asks glibc for huge pages (tui.engine.startup.hugepages); the
first process's environment, and a choice the user made, are left as they are."""

from __future__ import annotations

import os

import pytest

from tui.engine import processes
from tui.engine.startup.hugepages import TUNABLE, VARIABLE, huge_heap


@pytest.mark.parametrize(("given", "made"), [
    (None, f"{TUNABLE}=1"),
    ("glibc.malloc.arena_max=2", f"glibc.malloc.arena_max=2:{TUNABLE}=1"),
    (f"{TUNABLE}=0", f"{TUNABLE}=0"),  # the user's own choice
    (f"glibc.malloc.arena_max=2:{TUNABLE}=0", f"glibc.malloc.arena_max=2:{TUNABLE}=0"),
])
def test_the_tunable_is_added_unless_it_is_named(given: str | None, made: str) -> None:
    environ = {} if given is None else {VARIABLE: given}
    assert huge_heap(environ) is environ and environ[VARIABLE] == made


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no second process is ever started")
def test_the_second_process_starts_with_it_and_this_one_is_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    second = processes.Second.start()
    try:
        assert second.apply_async(os.getenv, (VARIABLE,)).get() == f"{TUNABLE}=1"
    finally:
        second.stop()
    assert VARIABLE not in os.environ
