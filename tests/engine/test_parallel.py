"""The large-pair paths give the same comparison as the small-pair path.

Large pairs rank through the inverted index (NumPy) and may use a second process; small
pairs score every pair in plain Python. Forcing the large paths on a small generated pair
must change nothing.
"""

from __future__ import annotations

import hashlib

import pytest

from tests.bench_data import generate_document
from tui.engine import pipeline
from tui.engine.align import align
from tui.engine.model import Comparison, Document


def doc(role: str) -> Document:
    text = generate_document(40_000, 3, role)
    return Document(path=f"{role}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")


def summary(comparison: Comparison) -> list[tuple]:
    return [(f.statement.id, f.status, tuple((m.id, m.score) for m in f.matches),
             tuple(r.detail for r in f.reasons)) for f in comparison.findings]


@pytest.fixture(scope="module")
def small_path() -> list[tuple]:
    return summary(pipeline.compare(doc("source"), doc("derived")))


def test_index_matches_every_pair_scoring(small_path: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align, "EXHAUSTIVE_PAIRS", 0)
    assert summary(pipeline.compare(doc("source"), doc("derived"))) == small_path


def test_second_process_changes_nothing(small_path: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align, "EXHAUSTIVE_PAIRS", 0)
    monkeypatch.setattr(pipeline, "PARALLEL_CHARS", 0)
    assert summary(pipeline.compare(doc("source"), doc("derived"), workers=2)) == small_path
