"""The merged view every human-facing export prints, on a hand-built comparison.

The builders here (``build_comparison``, ``tiny_comparison``) make a ``Comparison`` directly
from ``Document``/``Statement``/``Finding``, so the export tests do not move when the engine
is retuned; the other ``test_export_*`` modules import them.
"""

from __future__ import annotations

import hashlib
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.export.view import build_view, changed_pieces, verdict_words
from tui.engine.judge.wording import reason_words
from tui.engine.model import (
    Candidate,
    Comparison,
    Direction,
    Document,
    Finding,
    Kind,
    Reason,
    ReasonCode,
    Role,
    Statement,
    Status,
)
from tui.engine.review import Orphan, Review, Verdict

Row = tuple[str, Kind, Status | None, tuple[Candidate, ...], tuple[Reason, ...]]
"""One statement to build: text, kind, proposed status, matches, reasons."""

DAY = date(2026, 3, 14)

CERTAINTY = Reason(ReasonCode.CERTAINTY, Direction.OVERSTATED, "may reduce → has been shown to reduce", "may", "has been shown")
QUANTIFIER = Reason(ReasonCode.QUANTIFIER, Direction.OVERSTATED, "some → all", "some", "all")


def build_document(path: str, texts: list[str], title: str | None = None) -> tuple[Document, list[tuple[int, int]]]:
    """A document whose text is ``texts`` one per line, with each text's span."""
    text = "\n".join(texts) + "\n"
    spans, at = [], 0
    for piece in texts:
        start = text.index(piece, at)
        spans.append((start, start + len(piece)))
        at = start + len(piece)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path=path, text=text, sha256=digest, encoding="utf-8", title=title), spans


def build_comparison(
    source: list[Row],
    derived: list[Row],
    *,
    source_path: str = "paper/abstract.txt",
    derived_path: str = "blog/post.txt",
    source_title: str | None = "Trial of X in Y",
    derived_title: str | None = "X cures Y",
) -> Comparison:
    """A comparison built by hand: ids ``s1…`` and ``d1…`` in the order given."""
    findings: list[Finding] = []
    documents = []
    for role, rows, path, title in (
        (Role.SOURCE, source, source_path, source_title),
        (Role.DERIVED, derived, derived_path, derived_title),
    ):
        document, spans = build_document(path, [r[0] for r in rows], title)
        documents.append(document)
        prefix = "s" if role is Role.SOURCE else "d"
        for index, ((text, kind, status, matches, reasons), (start, end)) in enumerate(zip(rows, spans, strict=True)):
            statement = Statement(f"{prefix}{index + 1}", role, index, start, end, text, kind)
            findings.append(Finding(statement, status, matches, reasons))
    return Comparison(source=documents[0], derived=documents[1], findings=tuple(findings))


def tiny_comparison() -> Comparison:
    """Five source and four derived statements covering every status, a heading each side."""
    claim = Kind.CLAIM
    source: list[Row] = [
        ("Trial of X in Y", Kind.HEADING, None, (), ()),
        ("X may reduce mortality in some patients (p<0.05).", claim, Status.DIVERGENCE, (Candidate("d2", 72.5),),
         (CERTAINTY, QUANTIFIER)),  # the engine repeats a pair's reasons on the source side
        ("Mortality fell from 30% to 20%.", claim, Status.AGREEMENT, (Candidate("d4", 100.0),), ()),
        ("Enrolment was 40 people.", claim, Status.OMITTED, (Candidate("d3", 8.0),), ()),
        ("Further trials are needed to confirm this.", claim, Status.OMITTED, (), ()),
    ]
    derived: list[Row] = [
        ("X cures Y", Kind.HEADING, None, (), ()),
        ("X has been shown to reduce mortality in all patients.", claim, Status.DIVERGENCE,
         (Candidate("s2", 72.5), Candidate("s3", 20.0)), (CERTAINTY, QUANTIFIER)),
        ("Our clinic offers X today.", claim, Status.UNSUPPORTED, (Candidate("s4", 8.0),), ()),
        ("Mortality fell from 30% to 20%.", claim, Status.AGREEMENT, (Candidate("s3", 100.0),), ()),
    ]
    return build_comparison(source, derived)


def orphan(text: str, status: Status | None, note: str, *, role: Role = Role.DERIVED,
           counterpart_text: str | None = None) -> Orphan:
    """A saved verdict that no statement took (as a session restore leaves it)."""
    reason = "counterpart" if counterpart_text else "statement"
    verdict = Verdict(status, note, relinked=counterpart_text is not None, counterpart="s9" if counterpart_text else None)
    return Orphan(role, text, verdict, counterpart_text, reason, 1.0)


def test_counts_follow_the_status_in_force() -> None:
    comparison = tiny_comparison()
    review = Review(comparison)
    review.set_status("d3", Status.AGREEMENT)
    plain, merged = build_view(comparison, reviewed_on=DAY), build_view(comparison, review, reviewed_on=DAY)
    assert plain.counts[Role.DERIVED] == {Status.AGREEMENT: 1, Status.DIVERGENCE: 1, Status.UNSUPPORTED: 1}
    assert merged.counts[Role.DERIVED] == {Status.AGREEMENT: 2, Status.DIVERGENCE: 1, Status.UNSUPPORTED: 0}
    assert plain.counts[Role.SOURCE] == {Status.AGREEMENT: 1, Status.DIVERGENCE: 1, Status.OMITTED: 2}
    assert [i.statement.id for i in merged.flagged] == ["d2"]
    review.set_status("d3", Status.UNSUPPORTED)
    review.set_status("d4", Status.DIVERGENCE)
    ordered = build_view(comparison, review, reviewed_on=DAY).flagged
    assert [i.statement.id for i in ordered] == ["d2", "d4", "d3"], "divergences first, then unsupported"
    assert (merged.claims, merged.reviewed) == (5, 1), "derived claims and omitted source claims"
    assert plain.reasons == {"certainty": 1, "quantifier": 1}, "one count per divergent derived claim"


def test_non_claims_are_left_out() -> None:
    view = build_view(tiny_comparison(), reviewed_on=DAY)
    ids = [i.statement.id for i in (*view.derived, *view.source)]
    assert "s1" not in ids and "d1" not in ids
    assert len(ids) == 7


def test_dropped_caveats_come_first_among_omissions() -> None:
    view = build_view(tiny_comparison(), reviewed_on=DAY)
    assert [(i.statement.id, i.caveat) for i in view.omitted] == [("s5", True), ("s4", False)]


def test_counterpart_only_where_the_status_says_matched_or_the_reviewer_relinked() -> None:
    comparison = tiny_comparison()
    review = Review(comparison)
    view = build_view(comparison, review, reviewed_on=DAY)
    items = {i.statement.id: i for i in view.derived}
    assert items["d2"].counterpart is not None and items["d2"].counterpart.id == "s2"
    assert items["d2"].score == 72.5
    assert items["d3"].counterpart is None, "an unsupported claim has no counterpart to quote"
    review.relink("d2", "s3")
    review.relink("d3", "s4")
    items = {i.statement.id: i for i in build_view(comparison, review, reviewed_on=DAY).derived}
    assert (items["d2"].counterpart.id, items["d2"].score, items["d2"].relinked) == ("s3", 20.0, True)  # type: ignore[union-attr]
    assert items["d3"].counterpart is not None and items["d3"].counterpart.id == "s4"


def test_changed_words_are_marked_and_pieces_cover_the_text() -> None:
    left = "X has been shown to reduce mortality in all patients."
    right = "X may reduce mortality in some patients (p<0.05)."
    pieces = changed_pieces(left, right)
    assert "".join(p.text for p in pieces) == left
    changed = [p.text for p in pieces if p.changed]
    assert changed == ["has been shown to", "all"]
    assert changed_pieces(left, None)[0].changed is False
    assert all(not p.changed for p in changed_pieces(left, left))


def test_reasons_and_verdicts_in_words() -> None:
    assert reason_words(CERTAINTY) == (
        "certainty, overstated: the source says this is not yet certain (“may reduce”); "
        "the derived text says it is (“has been shown to reduce”)"
    )
    no_words = Reason(ReasonCode.CERTAINTY, Direction.OVERSTATED, "")
    assert reason_words(no_words) == "certainty, overstated: states as certain what the source hedges"
    comparison = tiny_comparison()
    review = Review(comparison)
    review.accept("d2")
    review.set_status("d3", Status.AGREEMENT)
    items = {i.statement.id: i for i in build_view(comparison, review).derived}
    assert verdict_words(items["d2"], has_review=True) == "divergence, confirmed by the reviewer"
    assert verdict_words(items["d3"], has_review=True) == "agreement, set by the reviewer (claimdiff proposed unsupported)"
    assert verdict_words(items["d4"], has_review=True) == "agreement, proposed by claimdiff, not reviewed"
    assert verdict_words(items["d4"], has_review=False) == "agreement, proposed by claimdiff"


def test_orphans_are_read_from_the_review() -> None:
    comparison = tiny_comparison()
    review = Review(comparison)
    assert build_view(comparison, review).orphans == ()
    review = Review(comparison, orphans=[
        orphan("A sentence that left.", Status.DIVERGENCE, "was wrong"),
        orphan("Still here.", None, "", role=Role.SOURCE, counterpart_text="Gone counterpart."),
    ])
    rows = build_view(comparison, review).orphans
    assert [(o.role, o.status, o.note, o.text, o.counterpart_text) for o in rows] == [
        ("derived", "divergence", "was wrong", "A sentence that left.", ""),
        ("source", "", "", "Still here.", "Gone counterpart."),
    ]
    assert [o.what for o in rows] == ["derived statement no longer in the document",
                                      "source statement whose chosen counterpart is gone"]


def test_the_date_defaults_to_today() -> None:
    assert build_view(tiny_comparison()).reviewed_on == date.today()
    assert build_view(tiny_comparison(), reviewed_on=DAY).reviewed_on == DAY


@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=80)))
@settings(max_examples=200, deadline=None)
def test_pieces_always_cover_the_text_exactly(text: str, other: str | None) -> None:
    assert "".join(p.text for p in changed_pieces(text, other)) == text


def test_a_comparison_without_claims_renders_empty_sections() -> None:
    comparison = build_comparison([("Only a heading", Kind.HEADING, None, (), ())],
                                  [("Another heading", Kind.HEADING, None, (), ())])
    view = build_view(comparison, Review(comparison), reviewed_on=DAY)
    assert (view.derived, view.source, view.flagged, view.omitted, view.reasons) == ((), (), (), (), {})
    assert view.claims == 0 and view.reviewed == 0


def test_only_flagged_claims_carry_word_marks() -> None:
    comparison = tiny_comparison()
    view = build_view(comparison, reviewed_on=DAY)
    items = {i.statement.id: i for i in (*view.derived, *view.source)}
    assert any(p.changed for p in items["d2"].pieces) and any(p.changed for p in items["d2"].counterpart_pieces)
    assert [p.text for p in items["d4"].pieces] == ["Mortality fell from 30% to 20%."]
    plain = build_view(comparison, reviewed_on=DAY, marks=False)
    assert not any(p.changed for i in plain.derived for p in (*i.pieces, *i.counterpart_pieces))
    assert [i.caveat for i in plain.omitted] == [True, False], "caveats are still found without marks"
