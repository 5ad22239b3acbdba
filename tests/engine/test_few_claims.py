"""A text of a few claims is taken to be about the other text; a longer one is not."""

from __future__ import annotations

import hashlib

from tui.engine.model import FEW_CLAIMS, CompareOptions, Document, Status
from tui.engine.pipeline import compare

SOURCE = (
    "Mesenchymal stem cell infusions in patients with acute respiratory distress syndrome could diminish "
    "cytokine storm and lung damage. Additional phase II/III trials are required to validate the efficacy of "
    "these infusions for survival. Future studies also need to assess whether the cells prevent long COVID. "
    "Ten unexposed healthy donors were enrolled as controls.\n"
)
CLAIM = "Lung scarring heals faster after the treatment."
ASIDES = ("Many people visit the coast in summer.", "The city built a new library last year.",
          "Tea has been drunk in China for centuries.", "The river floods every spring.")


def _document(text: str, name: str) -> Document:
    return Document(path=name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")


def _finding(derived: str):  # type: ignore[no-untyped-def]
    comparison = compare(_document(SOURCE, "source.txt"), _document(derived, "derived.txt"))
    return next(f for f in comparison.findings if f.statement.text == CLAIM)


def test_a_lone_claim_with_a_weak_counterpart_is_judged_not_unsupported() -> None:
    finding = _finding(CLAIM + "\n")
    assert finding.matches and finding.matches[0].score < CompareOptions().match_threshold
    assert finding.status in (Status.AGREEMENT, Status.DIVERGENCE)
    assert finding.confidence is not None


FAINT = ("Generous donors across the region gave money, books, blankets, toys and warm winter clothing to the "
         "shelters, schools, libraries and churches of the valley towns last December.")
"""Shares one word ("donors") with :data:`SOURCE`: a counterpart under the candidate cutoff."""


def test_a_lone_claim_is_judged_against_its_best_counterpart_whatever_its_score() -> None:
    comparison = compare(_document(SOURCE, "source.txt"), _document(FAINT + "\n", "derived.txt"))
    finding = next(f for f in comparison.findings if f.statement.text == FAINT)
    assert finding.matches and 0 < finding.matches[0].score < CompareOptions().candidate_cutoff
    assert finding.status in (Status.AGREEMENT, Status.DIVERGENCE)
    assert finding.confidence is not None


def test_the_faint_claim_among_more_than_a_few_is_unsupported() -> None:
    derived = "\n\n".join([FAINT, *ASIDES[:FEW_CLAIMS]]) + "\n"
    comparison = compare(_document(SOURCE, "source.txt"), _document(derived, "derived.txt"))
    finding = next(f for f in comparison.findings if f.statement.text == FAINT)
    assert finding.status is Status.UNSUPPORTED


STAFF = "The firm employs 42 people.\n"


def _lone(source: str, claim: str):  # type: ignore[no-untyped-def]
    comparison = compare(_document(source, "source.txt"), _document(claim + "\n", "claim.txt"))
    return comparison, next(f for f in comparison.findings if f.statement.text == claim)


def test_one_claim_against_one_claim_is_judged_though_they_share_no_word() -> None:
    comparison, borne = _lone(STAFF, "Fewer than 50 staff work there.")
    assert [m.score for m in borne.matches] == [0.0] and borne.status is Status.AGREEMENT
    source = next(f for f in comparison.findings if f.statement.role.value == "source")
    assert source.status is not Status.OMITTED and source.matches[0].id == borne.statement.id
    _, changed = _lone(STAFF, "Fewer than 40 staff work there.")
    assert changed.status is Status.DIVERGENCE
    assert [r.code.value for r in changed.reasons] == ["number"]


def test_one_claim_against_two_that_share_no_word_is_unsupported() -> None:
    _, claim = _lone(STAFF + "It opened in 1990.\n", "Fewer than 50 staff work there.")
    assert not claim.matches and claim.status is Status.UNSUPPORTED


def test_the_same_claim_among_more_than_a_few_is_unsupported() -> None:
    derived = "\n\n".join([CLAIM, *ASIDES[:FEW_CLAIMS]]) + "\n"
    finding = _finding(derived)
    assert finding.matches and finding.matches[0].score < CompareOptions().match_threshold
    assert finding.status is Status.UNSUPPORTED


def test_a_longer_source_keeps_the_match_threshold() -> None:
    """Its claims are omitted, but for the one the lone claim is judged against, which that
    claim takes up (:func:`tui.engine.judge.pairing.take_up`)."""
    comparison = compare(_document(SOURCE, "source.txt"), _document(CLAIM + "\n", "derived.txt"))
    sources = [f for f in comparison.findings if f.statement.role.value == "source"]
    claim = next(f for f in comparison.findings if f.statement.text == CLAIM)
    taken = [f for f in sources if f.statement.id == claim.matches[0].id]
    assert len(sources) > FEW_CLAIMS and len(taken) == 1
    assert taken[0].status is claim.status and taken[0].matches[0].id == claim.statement.id
    assert all(f.status is Status.OMITTED for f in sources if f not in taken)


def test_the_rule_reads_the_same_from_either_side() -> None:
    comparison = compare(_document(CLAIM + "\n", "claim.txt"), _document(SOURCE, "page.txt"))
    claim = next(f for f in comparison.findings if f.statement.text == CLAIM)
    assert claim.matches and claim.matches[0].score < CompareOptions().match_threshold
    assert claim.status is not Status.OMITTED


PAGE = ("Weather and traffic news for the week\n\nCouncil approves new harbour bridge for the northern district\n\n"
        "The council met on Tuesday in the town hall. Residents spoke for an hour about parking. "
        "The mayor thanked the volunteers.\n")
LINE = "Council approves new harbour bridge for the northern district"
BRIDGE = "The council approved a new harbour bridge for the northern district."


def test_a_lone_claim_is_matched_with_a_page_line_that_has_no_full_stop() -> None:
    comparison = compare(_document(PAGE, "page.txt"), _document(BRIDGE + "\n", "claim.txt"))
    by_id = comparison.by_id()
    claim = next(f for f in comparison.findings if f.statement.text == BRIDGE)
    assert claim.matches and by_id[claim.matches[0].id].statement.text == LINE
    assert claim.status in (Status.AGREEMENT, Status.DIVERGENCE)
    line = next(f for f in comparison.findings if f.statement.text == LINE)
    assert line.status is None  # still a heading: a candidate, never omitted


def test_the_same_line_is_matched_from_either_side() -> None:
    comparison = compare(_document(BRIDGE + "\n", "claim.txt"), _document(PAGE, "page.txt"))
    by_id = comparison.by_id()
    claim = next(f for f in comparison.findings if f.statement.text == BRIDGE)
    assert claim.matches and by_id[claim.matches[0].id].statement.text == LINE


def test_a_claim_among_more_than_a_few_is_not_matched_with_a_heading() -> None:
    derived = "\n\n".join([BRIDGE, *ASIDES[:FEW_CLAIMS]]) + "\n"
    comparison = compare(_document(PAGE, "page.txt"), _document(derived, "post.txt"))
    by_id = comparison.by_id()
    claim = next(f for f in comparison.findings if f.statement.text == BRIDGE)
    assert all(by_id[m.id].statement.text != LINE for m in claim.matches)


def test_a_lone_claim_is_matched_with_a_dateline_the_segmenter_takes_for_furniture() -> None:
    dateline = "By Jane Smith, Local Reporter | Updated April 21, 2013 at 20:29"
    page = PAGE.replace("\n\nThe council met", f"\n\n{dateline}\n\nThe council met")
    claim = "Jane Smith updated the story on April 21, 2013."
    comparison = compare(_document(page, "page.txt"), _document(claim + "\n", "claim.txt"))
    by_id = comparison.by_id()
    found = next(f for f in comparison.findings if f.statement.text == claim)
    assert found.matches and by_id[found.matches[0].id].statement.text == dateline
    assert next(f for f in comparison.findings if f.statement.text == dateline).status is None
