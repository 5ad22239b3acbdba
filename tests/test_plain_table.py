"""The uncoloured ``compare`` table drawn fast equals Rich's, character for character."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.bench_data import generate_document
from tests.conftest import ROOT
from tui.commands import plain_table
from tui.commands.compare import render_table
from tui.engine.model import Comparison, Document
from tui.engine.pipeline import compare, compare_files


def by_rich(comparison: Comparison, width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(plain_table, "draw", lambda *args, **kwargs: None)
        return render_table(comparison, color=False, width=width)


def doc(text: str, name: str) -> Document:
    return Document(path=f"{name}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")


@pytest.fixture(scope="module")
def seeds() -> Comparison:
    return compare_files(ROOT / "seeds/msc-covid-abstract.txt", ROOT / "seeds/msc-covid-blog.txt")


@pytest.fixture(scope="module")
def generated() -> Comparison:
    return compare(doc(generate_document(30_000, 5, "source"), "s"), doc(generate_document(30_000, 5, "derived"), "d"))


@pytest.mark.parametrize("width", [40, 60, 80, 99, 100, 120, 163, 240])
def test_the_seed_table_is_rich_s(seeds: Comparison, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = render_table(seeds, color=False, width=width)
    assert drawn == by_rich(seeds, width, monkeypatch)


@pytest.mark.parametrize("width", [70, 100, 140])
def test_a_generated_table_is_rich_s(generated: Comparison, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    assert render_table(generated, color=False, width=width) == by_rich(generated, width, monkeypatch)


def test_the_fast_path_is_taken(seeds: Comparison, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = plain_table.draw
    monkeypatch.setattr(plain_table, "draw", lambda *a, **k: calls.append(1) or real(*a, **k))
    render_table(seeds, color=False, width=120)
    assert calls == [1]


words = st.text(alphabet=st.sampled_from("abcdefghij  \u00a0-—.,“”é"), min_size=1, max_size=40) | st.text(
    alphabet="abc-", min_size=30, max_size=120)  # words longer than a column: cut with "…"


@settings(max_examples=40, deadline=None)
@given(st.lists(words, min_size=1, max_size=6), st.lists(words, min_size=1, max_size=6),
       st.sampled_from([50, 90, 130]))
def test_any_text_is_drawn_as_rich_draws_it(left: list[str], right: list[str], width: int) -> None:
    comparison = compare(doc("\n\n".join(left) + "\n", "a"), doc("\n\n".join(right) + "\n", "b"))
    with pytest.MonkeyPatch.context() as patch:
        fast = render_table(comparison, color=False, width=width)
        patch.setattr(plain_table, "draw", lambda *args, **kwargs: None)
        assert fast == render_table(comparison, color=False, width=width)


@settings(max_examples=400, deadline=None)
@given(st.lists(words | st.sampled_from([" ", "  ", "\n", "\u00a0"]), max_size=30), st.integers(min_value=3, max_value=45))
def test_a_cell_wraps_as_rich_wraps_it(pieces: list[str], width: int) -> None:
    from rich.console import Console
    from rich.text import Text

    text = "".join(pieces)
    expected = [line.plain for line in Text(text).wrap(Console(width=200), width, overflow="ellipsis")]
    assert list(plain_table._wrap(text, width)) == expected


def test_a_claim_without_counterpart_says_why_and_lists_none(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.engine.test_export_view import tiny_comparison

    comparison = tiny_comparison()
    for drawn in (render_table(comparison, color=False, width=320), by_rich(comparison, 320, monkeypatch)):
        rows = {line.split("│")[1].strip(): line for line in drawn.splitlines() if line.count("│") > 4}
        unsupported, omitted = rows["d3"], rows["s4"]
        assert "no statement of the source scores 12; the closest, s4, scores 8.0" in unsupported
        assert "no statement of the derived text scores 12; the closest, d3, scores 8.0" in omitted
        assert "no statement of the derived text comes close" in rows["s5"]
        assert "Enrolment" not in unsupported and "Our clinic" not in omitted, "no counterpart is listed"
