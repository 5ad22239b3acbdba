"""Reasons and status marks are worded in one module, and every surface uses it."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT
from tui.engine.judge.wording import STATUS_MARKS, reason_words, status_badge
from tui.engine.model import Direction, Reason, ReasonCode, Status

WORDING = ROOT / "tui" / "engine" / "judge" / "wording.py"


def _defines_wording(path: Path) -> bool:
    """Whether a module defines a reason-wording function or a map keyed by reason codes or statuses' marks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "reason_words":
            return True
        if isinstance(node, ast.Constant) and node.value in ("≠", "≠ D"):
            return True
        if isinstance(node, ast.Dict) and any(
            isinstance(k, ast.Attribute) and isinstance(k.value, ast.Name) and k.value.id == "ReasonCode"
            for k in node.keys
        ):
            return True
    return False


def test_reasons_and_marks_are_worded_in_one_module() -> None:
    defining = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tui").rglob("*.py") if _defines_wording(p))
    assert defining == [str(WORDING.relative_to(ROOT))]


def test_every_reason_code_has_words() -> None:
    for code in ReasonCode:
        for direction in (None, *Direction):
            words = reason_words(Reason(code, direction, "a → b"))
            assert words.startswith(code.value)
            # Certainty and causality with both sides' words say what each side says.
            assert words.endswith("(a → b)") or ("(“a”)" in words and words.endswith("(“b”)"))


def test_cues_stand_in_for_a_missing_detail() -> None:
    reason = Reason(ReasonCode.NUMBER, None, "", "10", "20")
    assert reason_words(reason) == "number: changes a number (10 → 20)"


def test_every_status_has_a_mark_that_reads_without_colour() -> None:
    assert set(STATUS_MARKS) == set(Status)
    assert status_badge(Status.DIVERGENCE) == "≠ D" and status_badge(None) == "· -"


def test_a_changed_number_reads_as_what_each_side_says() -> None:
    more = Reason(ReasonCode.NUMBER, Direction.OVERSTATED, "21% → 40%", "21%", "40%")
    assert reason_words(more) == "number, overstated: the source gives one figure (“21%”); the derived text a higher one (“40%”)"
    less = Reason(ReasonCode.NUMBER, Direction.UNDERSTATED, "35 → between 10 and 20", "35", "between 10 and 20")
    assert reason_words(less).endswith("the derived text a lower one (“between 10 and 20”)")


def test_a_figure_the_source_never_gives_is_not_called_a_change() -> None:
    reason = Reason(ReasonCode.NUMBER, None, "three: not borne out by the source", None, "three")
    assert reason_words(reason) == "number: gives a figure the source does not (three)"


def test_strengths_named_in_a_detail_read_as_what_each_side_claims() -> None:
    """"the source says this is not yet certain (“no relationship”)" quoted a strength as if
    the source had written it."""
    reason = Reason(ReasonCode.CERTAINTY, Direction.OVERSTATED, "no relationship → conditional cause")
    assert reason_words(reason) == ("certainty, overstated: the source claims no relationship; "
                                    "the derived text a possible cause")
    quoted = Reason(ReasonCode.CERTAINTY, Direction.OVERSTATED, "may → shown", "may", "shown")
    assert "(“may”)" in reason_words(quoted)


def test_a_side_no_cue_word_sets_is_not_quoted_as_if_the_text_said_it() -> None:
    """"the source states it firmly (“plain statement”)" quoted the rules' name for a side as words of the source."""
    reason = Reason(ReasonCode.CERTAINTY, Direction.UNDERSTATED, "plain statement → could")
    assert reason_words(reason) == ("certainty, understated: the source states it firmly (a plain statement); "
                                    "the derived text hedges (“could”)")
