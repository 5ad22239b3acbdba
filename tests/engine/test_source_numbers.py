"""The numbers of the source's claims come from the process that read each claim.

Each process remembers the amounts of the claims it read (``read_quantities`` is cached), so
the second process is asked only for those of the claims it read, and this one reads the
rest from what it remembers; the result is what reading every claim afresh gives.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.bench_data import generate_document
from tests.engine.finished import Done
from tui.engine import processes, sides
from tui.engine.align.text import find_abbreviations
from tui.engine.judge.amounts import Numbers
from tui.engine.judge.signals import quantities_of
from tui.engine.model import Kind, Role
from tui.engine.pipeline import source_claims


def same(a: Numbers, b: Numbers) -> bool:
    return (a.years, a.amounts) == (b.years, b.amounts)


class Recording:
    """A pool that runs each task here at once and keeps what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []

    def apply_async(self, task: Callable[..., Any], args: tuple[Any, ...] = (), **_: Any) -> Done:
        self.asked.append((task, args))
        return Done(task(*args))


@pytest.fixture(scope="module")
def pair() -> tuple[str, str]:
    return generate_document(30_000, 5, "source"), generate_document(20_000, 5, "derived")


def test_the_second_process_is_asked_only_for_the_claims_it_read(pair: tuple[str, str]) -> None:
    source = sides.prepare(pair[0], Role.SOURCE, find_abbreviations(list(pair)))
    texts = source_claims(source.statements)
    there = frozenset(texts[1::3])
    pool = Recording()
    document = sides.source_numbers(texts, sides.Side(source.statements, source.claims, source.terms, source.facts,
                                                      there), pool)
    assert pool.asked == [(sides.amounts_of, ([text for text in dict.fromkeys(texts) if text in there],))]
    assert same(document(), quantities_of(texts))
    assert document() is document()  # made once


def test_without_a_second_process_the_numbers_are_read_here(pair: tuple[str, str]) -> None:
    source = sides.prepare(pair[0], Role.SOURCE, find_abbreviations(list(pair)))
    texts = source_claims(source.statements)
    assert any(quantities_of(texts).amounts)
    assert same(sides.source_numbers(texts, source, None)(), quantities_of(texts))


def test_a_side_knows_which_claims_the_second_process_read(pair: tuple[str, str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sides, "PIECE", 7)  # many small pieces, handed out whenever the second process is idle
    monkeypatch.setattr(sides, "CHECK_EVERY", 1)
    read_here = sides.facts

    def slowly(text: str) -> Any:  # this process reads slowly, so that the second one reads some
        time.sleep(0.002)
        return read_here(text)

    monkeypatch.setattr(sides, "facts", slowly)
    abbreviations = find_abbreviations(list(pair))
    second = processes.Second.start()
    sent: list[str] = []
    apply_async = second.apply_async

    def recording(task: Callable[..., Any], args: tuple[Any, ...] = (), **kwargs: Any) -> Any:
        if task is sides.read_claims:
            sent.extend(args[0])
        return apply_async(task, args, **kwargs)

    monkeypatch.setattr(second, "apply_async", recording)
    try:
        segmented = second.apply_async(sides.segment, (pair[1], Role.DERIVED))
        found = sides.prepare_pair((pair[0], Role.SOURCE), (Role.DERIVED, segmented), second, abbreviations)
    finally:
        second.stop()
    there = found[Role.SOURCE].read_there | found[Role.DERIVED].read_there
    assert there and there <= set(sent)
    for side in found.values():
        assert side.read_there <= {s.text for s in side.statements if s.kind is Kind.CLAIM}
