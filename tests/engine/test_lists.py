"""Lists and their lead-ins: a lead-in ending with ``:`` and its items are one statement.

The texts are list shapes as pages write them (a health-agency symptom list, a Markdown
README, numbered trial steps, a nested list, bullets with no lead-in); hypothesis checks
that grouping keeps every span exact whatever the markers, indentation and blank lines.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.test_segment import assert_spans, texts
from tui.engine.model import Document, Kind, Role, Status
from tui.engine.pipeline import compare
from tui.engine.segment.lists import MAX_LIST_CHARS
from tui.engine.segment.segment import segment

ROOT = Path(__file__).resolve().parents[2]

SYMPTOMS = (
    "Symptoms may appear 2-14 days after exposure to the virus. People with these symptoms may "
    "have COVID-19:\n\n"
    "  • Fever or chills\n"
    "  • Cough\n"
    "  • Shortness of breath or difficulty breathing\n"
    "  • New loss of taste or smell\n\n"
    "This list does not include all possible symptoms."
)
MARKDOWN = (
    "## Installing\n\n"
    "Before you start, make sure you have:\n\n"
    "- Python 3.11 or newer\n"
    "- a C compiler, for the optional speed-ups\n\n"
    "- about 200 MB of free disk space\n\n"
    "Then run the installer.\n"
)
NUMBERED = (
    "Each participant went through three steps:\n"
    "1. screening for eligibility at the first visit\n"
    "2. a single infusion of 1 million cells per kg\n"
    "3) follow-up visits at 28 and 90 days\n"
)
LETTERED = "The primary outcomes were:\n a) survival at 28 days\n b) days free of ventilation\n"
NO_LEAD_IN = (
    "The trial enrolled 100 adults.\n\n"
    "• 40 received the infusion\n"
    "• 60 received a placebo\n"
)
NESTED = (
    "Long COVID symptoms fall into two groups:\n"
    "- breathing:\n"
    "    - cough\n"
    "    - shortness of breath\n"
    "- other:\n"
    "    * rashes\n"
    "    * joint pain\n"
)
NESTED_WITHOUT_OUTER_LEAD_IN = (
    "- Breathing problems, such as:\n"
    "  - a cough that lasts\n"
    "  - wheezing\n"
    "- Rashes that come and go\n"
)


def test_bulleted_list_and_its_lead_in_are_one_claim() -> None:
    statements = segment(SYMPTOMS, Role.DERIVED)
    assert texts(statements) == [
        "Symptoms may appear 2-14 days after exposure to the virus.",
        SYMPTOMS[SYMPTOMS.index("People"):SYMPTOMS.index("smell") + len("smell")],
        "This list does not include all possible symptoms.",
    ]
    assert statements[1].kind is Kind.CLAIM
    assert_spans(SYMPTOMS, statements)


def test_markdown_list_keeps_its_loose_items_and_not_the_heading() -> None:
    statements = segment(MARKDOWN, Role.DERIVED)
    assert texts(statements) == [
        "## Installing",
        ("Before you start, make sure you have:\n\n- Python 3.11 or newer\n"
         "- a C compiler, for the optional speed-ups\n\n- about 200 MB of free disk space"),
        "Then run the installer.",
    ]
    assert [s.kind for s in statements] == [Kind.HEADING, Kind.CLAIM, Kind.CLAIM]


@pytest.mark.parametrize("text", [NUMBERED, LETTERED], ids=["numbered", "lettered"])
def test_numbered_and_lettered_lists_join_their_lead_in(text: str) -> None:
    statements = segment(text, Role.SOURCE)
    assert texts(statements) == [text.strip()]
    assert statements[0].kind is Kind.CLAIM


def test_bullets_with_no_lead_in_stay_one_statement_each() -> None:
    assert texts(segment(NO_LEAD_IN, Role.DERIVED)) == [
        "The trial enrolled 100 adults.", "• 40 received the infusion", "• 60 received a placebo"]


def test_a_pictograph_opens_a_list_item_as_a_bullet_does() -> None:
    """Social posts and ad copy bullet their lists with emoji and dingbats; each item is a claim
    to check, not a heading. A page's arrows ("← Previous post") are links, not bullets."""
    text = ("Our therapy works.\n\n✅ Reduces inflammation in the lungs\n✔️ Repairs damaged tissue\n"
            "👉🏽 Cures long COVID fatigue\n")
    statements = segment(text, Role.DERIVED)
    assert texts(statements) == ["Our therapy works.", "✅ Reduces inflammation in the lungs",
                                 "✔️ Repairs damaged tissue", "👉🏽 Cures long COVID fatigue"]
    assert [s.kind for s in statements] == [Kind.CLAIM] * 4
    assert_spans(text, statements)
    assert segment("← Previous post\n\n" + text, Role.DERIVED)[0].kind is not Kind.CLAIM


def test_a_call_to_action_in_a_list_is_furniture() -> None:
    text = "Our therapy works.\n\n• Reduces inflammation in the lungs\n• Book your free consultation today\n👉 Call us today!\n"
    assert [s.kind for s in segment(text, Role.DERIVED)] == [Kind.CLAIM, Kind.CLAIM, Kind.BOILERPLATE, Kind.BOILERPLATE]


def test_nested_list_goes_with_the_outer_lead_in() -> None:
    assert texts(segment(NESTED, Role.DERIVED)) == [NESTED.strip()]


def test_an_item_leading_in_takes_only_its_deeper_items() -> None:
    assert texts(segment(NESTED_WITHOUT_OUTER_LEAD_IN, Role.DERIVED)) == [
        "- Breathing problems, such as:\n  - a cough that lasts\n  - wheezing",
        "- Rashes that come and go",
    ]


def test_a_long_list_stays_items() -> None:
    items = [f"- item number {n} of a very long list of outcomes that were measured" for n in range(12)]
    text = "The trial measured these outcomes:\n" + "\n".join(items)
    assert len(text) > MAX_LIST_CHARS
    assert texts(segment(text, Role.SOURCE)) == ["The trial measured these outcomes:", *items]


@pytest.mark.parametrize("text", [
    "References:\n\n1. Smith J, Lee K. Cells and lungs. BMJ 2019;364:1.\n2. Lee K. Two. Lancet 2020;1:2.",
    "## Benefits:\n\n- less inflammation\n- faster recovery",
    "These were the findings:\n\n\n• two blank lines part this item from the lead-in",
], ids=["references", "markdown-heading", "two-blank-lines"])
def test_no_list_is_made(text: str) -> None:
    statements = segment(text, Role.SOURCE)
    assert len(statements) > 1
    assert_spans(text, statements)


def test_a_label_over_fragments_is_a_claim() -> None:
    statements = segment("Side effects:\n• headache\n• mild fever\n", Role.DERIVED)
    assert [(s.text, s.kind) for s in statements] == [("Side effects:\n• headache\n• mild fever", Kind.CLAIM)]


def test_seed_blog_has_no_bullet_fragments() -> None:
    text = (ROOT / "seeds" / "msc-covid-blog.txt").read_text(encoding="utf-8")
    statements = segment(text, Role.DERIVED)
    assert not [s.text for s in statements if s.text.startswith("•")]
    grouped = [s for s in statements if "\n" in s.text and "•" in s.text]
    assert len(grouped) == 1 and grouped[0].text.splitlines()[0].endswith(":")


def _doc(text: str, path: str) -> Document:
    return Document(path=path, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")


def test_a_list_is_one_finding_in_a_comparison() -> None:
    source = "Fever, cough and shortness of breath are the commonest symptoms of COVID-19."
    comparison = compare(_doc(source, "a.txt"), _doc(SYMPTOMS, "b.txt"))
    derived = comparison.of(Role.DERIVED)
    assert len(derived) == 3
    listed = derived[1]
    assert "• Cough" in listed.statement.text and listed.status in (Status.AGREEMENT, Status.DIVERGENCE)
    assert listed.matches and listed.matches[0].id == "s1"


MARKERS = ["•", "-", "*", "1.", "2)", "a)", "(3)"]
item = st.builds(lambda indent, marker, words: f"{' ' * indent}{marker} {words}",
                 st.integers(0, 6), st.sampled_from(MARKERS),
                 st.text(alphabet="abc :.\t", min_size=1, max_size=40).filter(str.strip))
gap = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\n\n\n"])


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="Ab .:\n", max_size=60), st.lists(st.tuples(gap, item), max_size=12),
       st.text(alphabet="Ab .:\n", max_size=30))
def test_grouping_keeps_spans_exact(lead: str, items: list[tuple[str, str]], after: str) -> None:
    text = lead + ":" + "".join(g + i for g, i in items) + "\n" + after
    statements = segment(text, Role.DERIVED)
    assert_spans(text, statements)
    assert "".join(text.split()) == "".join("".join(s.text.split()) for s in statements)
    assert len({s.id for s in statements}) == len(statements)
