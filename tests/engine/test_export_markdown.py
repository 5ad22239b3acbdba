"""The Markdown summary on a hand-built comparison: header, counts, quotes, verdicts, escaping."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.test_export_view import DAY, build_comparison, orphan, tiny_comparison
from tui.engine.export import render
from tui.engine.export.markdown import _marked, escape, marked_line, render_markdown
from tui.engine.export.view import Piece, one_line
from tui.engine.model import Candidate, Kind, Status
from tui.engine.review import Review


def test_header_names_both_documents_with_fingerprints_and_date() -> None:
    comparison = tiny_comparison()
    text = render_markdown(comparison, reviewed_on=DAY)
    assert text.startswith("# claimdiff review: X cures Y\n")
    assert "| Path | paper/abstract.txt | blog/post.txt |" in text
    assert "| Title | Trial of X in Y | X cures Y |" in text
    assert f"`{comparison.source.sha256}`" in text and f"`{comparison.derived.sha256}`" in text
    assert "- Date of review: 2026-03-14" in text
    assert "- Not reviewed: every status is claimdiff's proposal" in text


def test_counts_per_status_and_reason() -> None:
    text = render_markdown(tiny_comparison(), reviewed_on=DAY)
    assert "| agreement | 1 | 1 |" in text
    assert "| divergence | 1 | 1 |" in text
    assert "| unsupported | 1 | — |" in text
    assert "| omitted | — | 2 |" in text
    assert "| total | 3 | 4 |" in text
    assert "Reasons for divergent claims: certainty 1, quantifier 1." in text


def test_divergence_is_quoted_with_counterpart_changed_words_reasons_verdict_and_note() -> None:
    comparison = tiny_comparison()
    review = Review(comparison)
    review.accept("d2")
    review.set_note("d2", "The abstract only says *may*.")
    text = render_markdown(comparison, review, session_name="blog check", reviewed_on=DAY)
    section = text.split("### d2 · divergence", 1)[1].split("###", 1)[0]
    assert "> X **has been shown to** reduce mortality in **all** patients." in section
    assert "Source s2, score 72.5:" in section
    assert "> X **may** reduce mortality in **some** patients **(p\\<0.05)**." in section
    assert "- Why: certainty, overstated: the source says this is not yet certain (“may reduce" in section
    assert "- Why: quantifier, overstated: generalises (e.g. some → all) (some → all)" in section
    assert "- Verdict: divergence, confirmed by the reviewer" in section
    assert "- Note: The abstract only says \\*may\\*." in section
    assert "- Session: blog check" in text
    assert "- Reviewed: 1 of 5 claims" in text


def test_unsupported_claim_has_no_counterpart_and_agreements_are_not_quoted() -> None:
    text = render_markdown(tiny_comparison(), reviewed_on=DAY)
    section = text.split("### d3 · unsupported", 1)[1].split("##", 1)[0]
    assert "> Our clinic offers X today." in section
    assert "No counterpart in the source: no statement of the source scores 12; the closest, s4, scores 8.0:" in section
    assert "> Enrolment was 40 people." in section, "the closest source statement is quoted for the reviewer"
    assert "### d4" not in text


def test_an_unsupported_claim_quotes_its_closest_statement_only_when_it_is_a_candidate() -> None:
    import dataclasses

    comparison = tiny_comparison()
    far = dataclasses.replace(comparison, findings=tuple(
        dataclasses.replace(f, matches=(Candidate("s4", 3.0),)) if f.statement.id == "d3" else
        dataclasses.replace(f, matches=()) if f.statement.id == "d2" else f for f in comparison.findings))
    section = render_markdown(far, reviewed_on=DAY).split("### d3 · unsupported", 1)[1].split("##", 1)[0]
    assert "No counterpart in the source: no statement of the source scores 12; the closest, s4, scores 3.0." in section
    assert "Enrolment" not in section, "a statement under the candidate cut-off is named, not quoted"
    none = dataclasses.replace(comparison, findings=tuple(
        dataclasses.replace(f, matches=()) if f.statement.id == "d3" else f for f in comparison.findings))
    section = render_markdown(none, reviewed_on=DAY).split("### d3 · unsupported", 1)[1].split("##", 1)[0]
    assert "No counterpart in the source: no statement of the source comes close." in section
    review = Review(comparison)
    review.relink("d3", None)
    section = render_markdown(comparison, review, reviewed_on=DAY).split("### d3 · unsupported", 1)[1]
    assert "No counterpart in the source (the reviewer unlinked it)." in section.split("##", 1)[0]


def test_reviewer_overrides_move_claims_in_and_out_of_the_flagged_list() -> None:
    comparison = tiny_comparison()
    review = Review(comparison)
    review.set_status("d3", Status.AGREEMENT)
    review.set_status("d4", Status.DIVERGENCE)
    text = render_markdown(comparison, review, reviewed_on=DAY)
    assert "### d3" not in text
    assert "### d4 · divergence" in text
    assert "- Verdict: divergence, set by the reviewer (claimdiff proposed agreement)" in text


def test_omitted_statements_list_dropped_caveats_first() -> None:
    text = render_markdown(tiny_comparison(), reviewed_on=DAY)
    omitted = text.split("## Omitted source statements", 1)[1]
    assert "Dropped caveats first." in omitted
    assert omitted.index("**s5** · caveat: Further trials") < omitted.index("**s4**: Enrolment was 40 people.")
    assert ("**s4**: Enrolment was 40 people.\n  - Why: no statement of the derived text scores 12; the closest, d3, "
            "scores 8.0\n") in omitted
    assert "Further trials are needed to confirm this.\n  - Why: no statement of the derived text comes close" in omitted


def test_orphaned_verdicts_get_their_own_section() -> None:
    comparison = tiny_comparison()
    assert "Orphaned verdicts" not in render_markdown(comparison, Review(comparison), reviewed_on=DAY)
    review = Review(comparison, orphans=[orphan("A sentence that left.", Status.DIVERGENCE, "keep this",
                                                counterpart_text="Its old counterpart.")])
    text = render_markdown(comparison, review, reviewed_on=DAY)
    assert "## Orphaned verdicts" in text
    assert "- derived statement whose chosen counterpart is gone (divergence): A sentence that left." in text
    assert "  - Chosen counterpart: Its old counterpart." in text
    assert "  - Note: keep this" in text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("[click](javascript:alert(1))", r"\[click\](javascript:alert(1))"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("- not a list", r"\- not a list"),
        ("1. not a list", r"1\. not a list"),
        ("a | b", r"a \| b"),
        ("&amp; stays", r"\&amp; stays"),
        ("two\n\nlines", "two lines"),
    ],
)
def test_escape_makes_document_text_inert(raw: str, shown: str) -> None:
    assert escape(raw) == shown


def test_hostile_statement_cannot_inject_markdown() -> None:
    hostile = "![x](http://evil.example/x.png) <img src=x onerror=alert(1)> | cell"
    comparison = build_comparison([("A plain source.", Kind.CLAIM, Status.OMITTED, (), ())],
                                  [(hostile, Kind.CLAIM, Status.UNSUPPORTED, (), ())],
                                  derived_title="<b>t</b>")
    text = render_markdown(comparison, reviewed_on=DAY)
    assert re.search(r"(?<!\\)<", text) is None, "every < is backslashed"
    assert re.search(r"(?<!\\)\]\(", text) is None, "no live link or image"
    assert re.search(r"^> \\!\\\[x\\\]\(http", text, re.MULTILINE)
    assert "# claimdiff review: \\<b\\>t\\</b\\>" in text


def test_render_routes_markdown_and_rejects_unknown_formats() -> None:
    comparison = tiny_comparison()
    assert render("markdown", comparison, reviewed_on=DAY) == render_markdown(comparison, reviewed_on=DAY)
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        render("pdf", comparison)


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_escaped_text_reads_back_as_the_words_given(text: str) -> None:
    escaped = escape(text)
    assert "\n" not in escaped
    assert re.sub(r"\\(.)", r"\1", escaped) == one_line(text)
    assert re.search(r"(?<!\\)[<>\[\]*_`|]", escaped.replace("\\\\", "")) is None


_PIECE_TEXT = st.text(alphabet=st.sampled_from([*"ab *_`#-+1.)[]<>|!&~\\\t\n", "\ue000", "é"]), max_size=8)


def _read_back(line: str) -> tuple[str, int]:
    """A marked line's text with its escapes undone, and how many ``**`` markers it holds."""
    out, markers, at = [], 0, 0
    while at < len(line):
        if line[at] == "\\" and at + 1 < len(line):
            out.append(line[at + 1])
            at += 2
        elif line.startswith("**", at):
            markers, at = markers + 1, at + 2
        else:
            out.append(line[at])
            at += 1
    return "".join(out), markers


@given(st.lists(st.tuples(_PIECE_TEXT, st.booleans()), min_size=1, max_size=5))
@settings(max_examples=400, deadline=None)
def test_a_marked_line_reads_back_as_its_pieces_words(parts: list[tuple[str, bool]]) -> None:
    # The line is escaped whole, a private-use character standing in for the bold markers;
    # it must be what escaping each piece alone gives, even when a piece holds that character.
    pieces = tuple(Piece(text, changed) for text, changed in parts if text)
    line = _marked(pieces)
    assert line == marked_line(pieces, whole=False)
    text, markers = _read_back(line)
    assert "\n" not in line
    assert " ".join(text.split()) == " ".join("".join(p.text for p in pieces).split())
    assert markers == 2 * sum(1 for p in pieces if p.changed and p.text.split())


def test_a_comparison_without_claims_says_none() -> None:
    comparison = build_comparison([("Only a heading", Kind.HEADING, None, (), ())],
                                  [("Another heading", Kind.HEADING, None, (), ())])
    text = render_markdown(comparison, reviewed_on=DAY)
    assert "## Divergent and unsupported claims\n\nNone." in text
    assert "## Omitted source statements\n\nNone." in text
    assert "Reasons for divergent claims: none." in text


def test_a_note_keeps_its_lines_as_hard_breaks() -> None:
    comparison = tiny_comparison()
    review = Review(comparison)
    review.set_note("d2", "First line.\n\n- second *line*\n")
    text = render_markdown(comparison, review, reviewed_on=DAY)
    assert "- Note: First line.\\\n  \\- second \\*line\\*\n" in text


def test_documents_without_titles_are_named_by_path() -> None:
    comparison = build_comparison([("A source claim.", Kind.CLAIM, Status.OMITTED, (), ())],
                                  [("A blog claim.", Kind.CLAIM, Status.UNSUPPORTED, (), ())],
                                  source_title=None, derived_title=None)
    text = render_markdown(comparison, reviewed_on=DAY)
    assert text.startswith("# claimdiff review: blog/post.txt\n")
    assert "| Title | — | — |" in text
