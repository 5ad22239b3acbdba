"""Headline-shaped lines: a sentence-case title that states a finding is a claim."""

from __future__ import annotations

import pytest

from tui.engine.model import Kind, Role
from tui.engine.segment.kinds import unmarked
from tui.engine.segment.segment import segment

BODY = ("Researchers followed 1,200 adults for ten years and measured how often they drank coffee, "
        "then compared the rates of stroke between the groups in the study.")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Crossing your arms relieves pain", Kind.CLAIM),
        ("Mother's BMI linked to fatter babies", Kind.CLAIM),
        ("Talking therapy over the phone improves symptoms of chronic pain", Kind.CLAIM),
        ("Why You Can Trust Our Clinic", Kind.HEADING),
        ("Improve Your Quality of Life with Stem Cells", Kind.HEADING),
        ("Further validation of the efficacy of infusions for reducing mortality", Kind.HEADING),
        ("Symptoms of long COVID", Kind.HEADING),
        ("Vitamin D slashes winter infections in seniors, landmark trial confirms", Kind.CLAIM),
        ("Stem cell infusions are safe, new research proves", Kind.CLAIM),
        ("Effect of vitamin D3 supplementation on respiratory infections in older adults", Kind.HEADING),
        ("The role of diet in the progression of kidney disease", Kind.HEADING),
        ("But treating high volumes of patients seems to have a protective effect", Kind.CLAIM),
    ],
)
def test_headline_kind(line: str, kind: Kind) -> None:
    statements = segment(f"{line}\n\n{BODY}\n", Role.DERIVED)
    assert statements[0].text == line
    assert statements[0].kind is kind


def test_a_headline_between_menu_and_byline_stays_a_claim() -> None:
    page = ("Menu\n\nSign in | Subscribe\n\nStem cell infusions cut COVID deaths, new research proves\n\n"
            "By Jane Miller, Health Correspondent\n\n" + BODY + "\n")
    kinds = {s.text: s.kind for s in segment(page, Role.DERIVED)}
    assert kinds["Stem cell infusions cut COVID deaths, new research proves"] is Kind.CLAIM
    assert kinds["Sign in | Subscribe"] is Kind.BOILERPLATE
    assert kinds["By Jane Miller, Health Correspondent"] is Kind.BOILERPLATE


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Stem cells cured every patient!!!", Kind.CLAIM),
        ("Stem cells 🧬 cured every patient 💯!!!", Kind.CLAIM),
        ("Our therapy reverses aging!", Kind.CLAIM),
        ("Stay safe!", Kind.BOILERPLATE),
        ("Book your free consultation today!", Kind.BOILERPLATE),
        ("Welcome to our clinic!", Kind.BOILERPLATE),
    ],
)
def test_a_short_exclamation_is_furniture_unless_it_states_a_finding(line: str, kind: Kind) -> None:
    """Ad copy and social posts state their claims in short exclamations outside any paragraph:
    they are checked; a greeting or a call to action is page furniture."""
    statements = segment(f"{line} Amazing 🙌.\n\n{BODY}\n", Role.DERIVED)
    assert statements[0].text == line
    assert statements[0].kind is kind


@pytest.mark.parametrize("line", ["Posted on March 3, 2023 by the SunVita Wellness Team",
                                  "Published 14 Sep 2021 by Jane Miller"])
def test_a_dated_byline_is_boilerplate(line: str) -> None:
    statements = segment(f"{line}\n\n{BODY}\n", Role.DERIVED)
    assert statements[0].kind is Kind.BOILERPLATE


@pytest.mark.parametrize("text", [
    "low levels of IL-6 portend respiratory failure and death",  # no full stop: heading-shaped
    "By May 2020 millions of people contracted the coronavirus globally.",  # "By" and a month
    "She is the Melvin R. Seiden Curator of Chinese Art at the Freer Gallery of Art",  # initials
])
def test_a_text_of_one_statement_is_the_claim_to_check(text: str) -> None:
    statements = segment(text + "\n", Role.DERIVED)
    assert len(statements) == 1 and statements[0].kind is Kind.CLAIM


@pytest.mark.parametrize("text", ["Related posts", "By Jane Smith"])
def test_a_lone_line_of_a_few_words_keeps_its_kind(text: str) -> None:
    assert segment(text, Role.DERIVED)[0].kind is not Kind.CLAIM


def test_a_claim_dated_by_a_month_is_not_a_byline() -> None:
    kinds = {s.text: s.kind for s in segment(f"By May 2020 the virus had reached every continent.\n\n{BODY}\n",
                                             Role.DERIVED)}
    assert kinds["By May 2020 the virus had reached every continent."] is Kind.CLAIM


@pytest.mark.parametrize(("marked", "plain"), [
    ("*Reviewed by Dr. Sam Lee, MD*", "Reviewed by Dr. Sam Lee, MD"),
    ("**Is omega-3 safe?**", "Is omega-3 safe?"),
    ("[Home](https://example.com) > [Blog](https://example.com/blog)", "Home > Blog"),
    ("> \"Quoted\" words", "\"Quoted\" words"),
    ("## The evidence", "The evidence"),
    ("a * b * c and snake_case_name", "a * b * c and snake_case_name"),  # not emphasis
])
def test_unmarked(marked: str, plain: str) -> None:
    assert unmarked(marked) == plain
