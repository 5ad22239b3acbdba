"""An amount converted into another unit, and rounded as a writer rounds it, is the same amount."""

from __future__ import annotations

import pytest

from tui.engine.judge.amounts import bears
from tui.engine.judge.classify import compare_claims
from tui.engine.judge.conversions import measured
from tui.engine.judge.quantity import quantities
from tui.engine.model import ReasonCode


@pytest.mark.parametrize(("text", "expected"), [
    ("lost 2.5 kg in a 12-week trial", [("mass", 2.5), ("time", 84.0)]),
    ("walked three miles", [("length", 4828.032)]),
    ("a fever of 100.4°F", [("temperature", 38.0)]),
    ("above 38 degrees C", [("temperature", 38.0)]),
    ("5m people were in 3 c grades and 4 in clinics", [None, None, None]),  # a million, a letter, no unit
])
def test_an_amount_is_read_in_its_dimension_s_base_unit(text: str, expected: list[tuple[str, float] | None]) -> None:
    found = [q.measured for q in quantities(text) if not q.unit]
    assert [(m[0], round(m[1], 3)) if m else None for m in found] == expected


@pytest.mark.parametrize(("source", "claim", "borne"), [
    ("over 12 weeks", "three months", True),
    ("for 26 weeks", "six months", True),
    ("after 24 months", "two years", True),
    ("lost 2.5 kg", "5.5 pounds", True),
    ("ran 5 km", "about three miles", True),
    ("a fever of 38 °C", "100.4 °F", True),
    ("lost 2.5 kg", "9 pounds", False),
    ("for 12 weeks", "six months", False),
    ("in 12 patients", "three months", False),  # another dimension: no unit of measure
    ("signed a 3-year contract", "over three years", False),  # the same unit: no conversion, and not over 3
    ("nine years later", "ten years", False),
])
def test_a_converted_amount_is_borne_out_within_rounding(source: str, claim: str, borne: bool) -> None:
    (claimed,) = [q for q in quantities(claim) if q.measured]
    assert bears(quantities(source), claimed) is borne


def test_a_story_that_converts_the_paper_s_units_changes_no_number() -> None:
    source = "Participants lost 2.5 kg over 12 weeks on the diet."
    assert not [r for r in compare_claims(source, "Participants lost 5.5 pounds in three months on the diet.")
                if r.code is ReasonCode.NUMBER]
    (number,) = [r for r in compare_claims(source, "Participants lost 9 pounds in three months on the diet.")
                 if r.code is ReasonCode.NUMBER]
    assert "9" in number.detail


def test_a_unit_is_read_after_a_hyphen_or_a_degree_sign_only_as_written() -> None:
    assert measured(12, "-week course") == ("time", 84.0, 7.0)
    assert measured(38, "°c.") == ("temperature", 38.0, 1.0)
    assert measured(5, " in 10") is None
    assert measured(5, "") is None
