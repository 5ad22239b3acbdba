"""Links in statements: a claim that cites its study by a link is still a claim to check, and a
line that sends the reader to a link is page furniture."""

from __future__ import annotations

import pytest

from tui.engine.model import Kind, Role
from tui.engine.segment.segment import segment

OPENING = ("Stem cell clinics have spread quickly over the last decade, and many of them now advertise "
           "treatments for conditions that range from arthritis to lung disease.")


def kind_in_a_paragraph(sentence: str) -> Kind:
    statements = segment(f"{OPENING} {sentence}\n", Role.DERIVED)
    assert statements[-1].text == sentence
    return statements[-1].kind


@pytest.mark.parametrize("sentence", [
    "The infusions cured every patient, according to [this study](https://example.com/study).",
    "The infusions cured every patient, according to this study (https://doi.org/10.1000/xyz123).",
    "The infusions cured every patient in the trial, see www.example.org/trial for the data.",
    "The calculator is freely available at https://riskcalc.org/COVID19.",
])
def test_a_claim_with_one_link_is_a_claim(sentence: str) -> None:
    """One address is one link: ``https://www.example.com`` was counted as up to three, so a
    claim of a dozen words that cited its source by a link was dropped as furniture."""
    assert kind_in_a_paragraph(sentence) is Kind.CLAIM


@pytest.mark.parametrize("sentence", [
    "Please visit www.example.com for more information and hours.",
    "Please see the clinic section of the website for further details.",
    "Read the full study at https://example.com/study.",
    "Visit www.example.com.",
])
def test_a_line_that_sends_the_reader_to_a_link_is_furniture(sentence: str) -> None:
    assert kind_in_a_paragraph(sentence) is Kind.BOILERPLATE


def test_a_line_of_links_is_furniture() -> None:
    page = f"{OPENING}\n\nhttps://example.com/a | https://example.com/b | www.example.org\n"
    assert segment(page, Role.DERIVED)[-1].kind is Kind.BOILERPLATE


@pytest.mark.parametrize("item", [
    "- Lung damage was reversed in 9 out of 10 patients ([source](https://pubmed.ncbi.nlm.nih.gov/12345678/)).",
    "- Lung damage was reversed in 9 out of 10 patients (https://pubmed.ncbi.nlm.nih.gov/12345678/).",
])
def test_a_list_item_that_cites_its_source_in_brackets_is_a_claim(item: str) -> None:
    """Outside a paragraph a short statement with a link is furniture ("Email: info@…"), but
    not when the link is the citation in brackets of a finding."""
    page = f"{OPENING}\n\n## Key findings\n\n- MSC infusions were safe in all trials.\n{item}\n"
    assert segment(page, Role.DERIVED)[-1].kind is Kind.CLAIM


@pytest.mark.parametrize("line", [
    "[Home](https://example.com) > [Blog](https://example.com/blog)",
    "- [About us](https://clinic.example/about)",
    "Email: info@clinic.example.com",
    "Follow us at facebook.com/clinic",
])
def test_a_short_line_of_links_outside_a_paragraph_is_furniture(line: str) -> None:
    page = f"{OPENING}\n\n{line}\n"
    assert segment(page, Role.DERIVED)[-1].kind is Kind.BOILERPLATE
