"""Word-level diff: opcodes with spans on both sides, and styled runs with cue emphasis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.judge.wordiff import diff_words, mark, tokens

words = st.lists(st.sampled_from(["MSCs", "could", "not", "reduce", "50%", "4.7", "lung", "damage", ",", "."]),
                 max_size=12)


def _sentence(parts: list[str]) -> str:
    return " ".join(parts)


@pytest.mark.parametrize(
    ("left", "right", "changed_left", "changed_right"),
    [
        ("mortality fell by 50% in trials", "mortality fell by 30% in trials", ["50%"], ["30%"]),
        ("MSCs could diminish lung damage", "MSCs have been shown to diminish lung damage", ["could"],
         ["have been shown to"]),
        ("MSCs reduce lung damage", "MSCs do not reduce lung damage", [], ["do not"]),
        ("the 4,000 patients improved", "the patients improved", ["4,000"], []),
    ],
    ids=["number", "certainty", "negation-added", "number-dropped"],
)
def test_changed_words_are_exactly_the_differences(
    left: str, right: str, changed_left: list[str], changed_right: list[str]
) -> None:
    ops = [op for op in diff_words(left, right) if op.tag != "equal"]
    assert [left[op.a_start:op.a_end] for op in ops if op.a_end > op.a_start] == changed_left
    assert [right[op.b_start:op.b_end] for op in ops if op.b_end > op.b_start] == changed_right


def test_case_and_typography_alone_are_no_change() -> None:
    ops = diff_words("MSCs “could” diminish – damage", 'mscs "could" diminish - damage')
    assert [op.tag for op in ops] == ["equal"]


def test_an_insert_has_an_empty_left_span_where_the_words_go() -> None:
    left, right = "reduce damage", "reduce lung damage"
    (insert,) = [op for op in diff_words(left, right) if op.tag == "insert"]
    assert insert.a_start == insert.a_end == left.index("damage")
    assert right[insert.b_start:insert.b_end] == "lung"


def test_numbers_keep_their_marks_as_one_token() -> None:
    text = "4.7 million, 50,000 people, 80% of them"
    numbers = [text[t.start:t.end] for t in tokens(text) if text[t.start].isdigit()]
    assert numbers == ["4.7", "50,000", "80%"]


@settings(max_examples=150, deadline=None)
@given(words, words)
def test_ops_cover_every_word_of_both_sides_once_in_order(a: list[str], b: list[str]) -> None:
    left, right = _sentence(a), _sentence(b)
    ops = diff_words(left, right)
    covered_left = [t for op in ops for t in tokens(left) if op.a_start <= t.start and t.end <= op.a_end]
    covered_right = [t for op in ops for t in tokens(right) if op.b_start <= t.start and t.end <= op.b_end]
    assert covered_left == tokens(left)
    assert covered_right == tokens(right)
    for op in ops:
        if op.tag == "equal":
            assert [t.key for t in tokens(left[op.a_start:op.a_end])] == [
                t.key for t in tokens(right[op.b_start:op.b_end])]


@settings(max_examples=150, deadline=None)
@given(words, words)
def test_marks_tile_each_side_end_to_end(a: list[str], b: list[str]) -> None:
    left, right = _sentence(a), _sentence(b)
    for text, marks in zip((left, right), mark(left, right)):
        assert "".join(text[m.start:m.end] for m in marks) == text
        assert all(m.start < m.end for m in marks)


def test_without_a_counterpart_everything_is_only_on_one_side() -> None:
    left_marks, right_marks = mark("MSCs cure COVID-19.", None)
    assert right_marks == []
    assert {m.change for m in left_marks} == {"only"}


def test_numbers_hedges_and_negations_are_emphasised() -> None:
    left = "MSCs could not reduce mortality by 50%."
    cues = {left[m.start:m.end]: m.cue for m in mark(left, "MSCs reduce mortality.")[0] if m.cue}
    assert cues.get("50%") == "number"
    assert cues.get("could") == "hedge"
    assert cues.get("not") == "negation"
