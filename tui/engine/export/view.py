"""What every human-facing export shows: the engine's proposals with the reviewer's verdicts merged.

Markdown, HTML and CSV render the same :class:`ExportView`, so they never disagree about which
claims are flagged, which counterpart a statement has, or what the counts are.

Invariants: the view never changes the comparison or the review; the status "in force" is the
reviewer's when set, else the engine's; a statement has a counterpart only when the status in
force says it is matched (agreement or divergence) or the reviewer relinked it; every
``Piece`` list covers its statement's text exactly (``"".join(p.text for p in pieces) ==
text``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from tui.engine.judge.wordiff import diff_words
from tui.engine.lexicon.cues import cues_of
from tui.engine.model import Comparison, Finding, Reason, Role, Statement, Status
from tui.engine.review import Orphan, Review, reviewable

FLAGGED = (Status.DIVERGENCE, Status.UNSUPPORTED)
"""Derived statuses an export quotes in full."""
Closest = tuple[Statement, float]
"""The other text's statement that scores highest against one without a counterpart, and its score."""

class Piece(NamedTuple):
    """A run of a statement's text, and whether its words differ from the counterpart (a named
    tuple: lines are looked up by their pieces, 59,000 hashes in the 1 MB pair's Markdown)."""

    text: str
    changed: bool


@dataclass(frozen=True, slots=True)
class Item:
    """One statement as the exports show it."""

    finding: Finding
    status: Status | None
    """In force: the reviewer's status if set, else the engine's."""
    reviewer_status: Status | None
    """The reviewer's status; None when not reviewed."""
    note: str
    relinked: bool
    counterpart: Statement | None
    score: float | None
    """The counterpart's similarity (0–100), when the engine listed it."""
    pieces: tuple[Piece, ...]
    """The statement's text; on flagged derived claims (the ones quoted with their counterpart)
    the words changed against the counterpart are marked."""
    counterpart_pieces: tuple[Piece, ...]
    caveat: bool
    """On omitted source statements: the text carries a caveat cue (dropped caveats go first)."""
    closest: Closest | None = None
    """When the engine found no counterpart (it proposed unsupported or omitted, and the
    reviewer linked none): the other text's statement that scores highest, under the score a
    match needs, and its score (:func:`closest_to`)."""

    @property
    def statement(self) -> Statement:
        """The statement itself."""
        return self.finding.statement

    @property
    def proposed(self) -> Status | None:
        """The engine's proposal."""
        return self.finding.status

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the engine flagged it."""
        return self.finding.reasons

    @property
    def ranked(self) -> str | None:
        """Why the engine's counterpart comes before a candidate that scores more
        (:func:`ranked_words`); None when it scores most or the reviewer chose another."""
        if self.relinked or self.counterpart is None:
            return None
        return ranked_words(self.finding, self.counterpart.id)

    @property
    def grounds(self) -> str:
        """What the engine's agreement rests on (:func:`grounds_words`)."""
        return grounds_words(self.finding, self.counterpart.id if self.counterpart else None)

    @property
    def confirmed(self) -> bool:
        """The reviewer set a status equal to the engine's proposal."""
        return self.reviewer_status is not None and self.reviewer_status is self.proposed


@dataclass(frozen=True, slots=True)
class OrphanRow:
    """A saved verdict no statement could take after the documents were edited, as shown."""

    role: str
    """The document the statement was in (``source`` or ``derived``)."""
    text: str
    status: str
    """The reviewer's status, or empty."""
    note: str
    counterpart_text: str
    """The chosen counterpart's text for a relink, else empty."""
    reason: str
    """``statement`` (the statement is gone) or ``counterpart`` (its chosen counterpart is)."""

    @property
    def what(self) -> str:
        """What was lost, in words."""
        if self.reason == "counterpart":
            return f"{self.role} statement whose chosen counterpart is gone"
        return f"{self.role} statement no longer in the document"


@dataclass(frozen=True, slots=True)
class ExportView:
    """Everything a human-facing export prints, computed once."""

    comparison: Comparison
    reviewed_on: date
    session_name: str | None
    has_review: bool
    derived: tuple[Item, ...]
    """Derived claims in document order."""
    source: tuple[Item, ...]
    """Source claims in document order."""
    flagged: tuple[Item, ...]
    """Derived claims whose status in force is divergence, then unsupported, each in document
    order (a distorted claim matters more to an editor than an unsourced aside)."""
    omitted: tuple[Item, ...]
    """Source claims in force omitted (or proposed omitted): dropped caveats first, then order."""
    counts: dict[Role, dict[Status, int]]
    """Claims per status in force, per document (every applicable status listed, zero too)."""
    reasons: dict[str, int]
    """Reason codes of the derived claims in force divergent, most frequent first (the engine
    repeats a pair's reasons on the source side; counting them once per claim reads true)."""
    reviewed: int
    """How many of the ``claims`` carry a reviewer status."""
    claims: int
    """How many claims there are to review (:func:`tui.engine.review.reviewable`)."""
    orphans: tuple[OrphanRow, ...]


def build_view(
    comparison: Comparison,
    review: Review | None = None,
    *,
    session_name: str | None = None,
    reviewed_on: date | None = None,
    marks: bool = True,
) -> ExportView:
    """Merge the reviewer's verdicts over the engine's proposals.

    Args:
        comparison: The engine's comparison.
        review: The reviewer's verdicts; None for the proposals alone.
        session_name: Shown in headers when given.
        reviewed_on: The date printed as the date of review; today when None.
        marks: Mark changed words on the flagged claims (formats that quote no pieces skip
            the word diff, the costliest step).

    Returns:
        The view the Markdown, HTML and CSV renderers print.
    """
    by_id = comparison.by_id()
    items = {f.statement.id: _item(f, by_id, review, marks) for f in comparison.findings if f.status is not None}
    derived = tuple(items[f.statement.id] for f in comparison.of(Role.DERIVED) if f.statement.id in items)
    source = tuple(items[f.statement.id] for f in comparison.of(Role.SOURCE) if f.statement.id in items)
    omitted = [i for i in source if Status.OMITTED in (i.status, i.proposed)]
    omitted.sort(key=lambda i: not i.caveat)  # stable: document order within each group
    counts: dict[Role, dict[Status, int]] = {
        Role.DERIVED: {s: sum(1 for i in derived if i.status is s) for s in Status if s is not Status.OMITTED},
        Role.SOURCE: {s: sum(1 for i in source if i.status is s) for s in Status if s is not Status.UNSUPPORTED},
    }
    reasons = Counter(r.code.value for i in derived if i.status is Status.DIVERGENCE for r in i.reasons)
    counted = [f for f in reviewable(comparison) if f.statement.id in items]
    return ExportView(
        comparison=comparison,
        reviewed_on=reviewed_on or date.today(),
        session_name=session_name,
        has_review=review is not None,
        derived=derived,
        source=source,
        flagged=tuple(i for status in FLAGGED for i in derived if i.status is status),
        omitted=tuple(omitted),
        counts=counts,
        reasons=dict(reasons.most_common()),
        reviewed=sum(1 for f in counted if items[f.statement.id].reviewer_status is not None),
        claims=len(counted),
        orphans=tuple(_orphan_row(o) for o in (review.orphans if review is not None else ())),
    )


def verdict_words(item: Item, *, has_review: bool) -> str:
    """The verdict line: whose status is in force and whether the reviewer agreed.

    Args:
        item: One statement of the view.
        has_review: False when exporting the engine's proposals alone.

    Returns:
        e.g. ``divergence, confirmed by the reviewer``.
    """
    proposed = item.proposed.value if item.proposed else "none"
    if item.reviewer_status is None:
        return f"{proposed}, proposed by claimdiff" + (", not reviewed" if has_review else "")
    if item.confirmed:
        return f"{proposed}, confirmed by the reviewer"
    return f"{item.reviewer_status.value}, set by the reviewer (claimdiff proposed {proposed})"


def one_line(text: str) -> str:
    """White space collapsed to single spaces (statements may span lines)."""
    return " ".join(text.split())


def changed_pieces(text: str, other: str | None) -> tuple[Piece, ...]:
    """Cut ``text`` into runs, marking the words that differ from ``other``.

    Args:
        text: The statement shown.
        other: Its counterpart; None marks nothing.

    Returns:
        Pieces whose texts join to exactly ``text``.
    """
    if other is None:
        return (Piece(text, False),) if text else ()
    return changed_pair(text, other)[0]


@lru_cache(maxsize=4096)
def changed_pair(text: str, other: str) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """Both sides of a pair cut into runs, the words that differ marked on each side.

    The word diff is the app's (:func:`tui.engine.judge.wordiff.diff_words`), so an export marks
    what the reviewer saw; white space between two changed runs joins them, so a changed
    phrase is one piece. Kept for pairs that recur: a report cuts each pair for the claim and
    for its counterpart, and a repeated paragraph brings its pairs again (the 1 MB InSciOut
    pair cuts 619 pairs 4,167 times).

    Args:
        text: The statement shown.
        other: Its counterpart.

    Returns:
        (pieces of ``text``, pieces of ``other``), each joining to exactly its string.
    """
    ops = [op for op in diff_words(text, other) if op.tag != "equal"]
    left = _cut(text, [(op.a_start, op.a_end) for op in ops if op.a_end > op.a_start])
    right = _cut(other, [(op.b_start, op.b_end) for op in ops if op.b_end > op.b_start])
    return left, right


def _cut(text: str, spans: list[tuple[int, int]]) -> tuple[Piece, ...]:
    """``text`` as pieces, the ``spans`` (in order, not overlapping) marked changed."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    pieces: list[Piece] = []
    at = 0
    for start, end in merged:
        _append(pieces, text[at:start], False)
        _append(pieces, text[start:end], True)
        at = end
    _append(pieces, text[at:], False)
    return tuple(pieces)


def _append(pieces: list[Piece], text: str, changed: bool) -> None:
    if not text:
        return
    if pieces and pieces[-1].changed == changed:
        pieces[-1] = Piece(pieces[-1].text + text, changed)
    else:
        pieces.append(Piece(text, changed))


def _item(finding: Finding, by_id: dict[str, Finding], review: Review | None, marks: bool) -> Item:
    """One statement's :class:`Item`; only the items that show word marks or a caveat cue get them,
    the costliest parts (made at once: replacing fields after took 47 ms of the 1 MB Markdown)."""
    sid = finding.statement.id
    verdict = review.verdict(sid) if review is not None else None
    reviewer_status = verdict.status if verdict else None
    status = reviewer_status or finding.status
    relinked = bool(verdict and verdict.relinked)
    if relinked:
        counterpart_id = verdict.counterpart if verdict else None
    elif status in (Status.AGREEMENT, Status.DIVERGENCE) and finding.matches:
        counterpart_id = finding.matches[0].id
    else:
        counterpart_id = None
    counterpart = by_id[counterpart_id].statement if counterpart_id in by_id else None
    score = next((m.score for m in finding.matches if m.id == counterpart_id), None)
    text = finding.statement.text
    other = counterpart.text if counterpart else None
    unmatched = counterpart is None and not relinked and finding.status in (Status.UNSUPPORTED, Status.OMITTED)
    role = finding.statement.role
    pieces: tuple[Piece, ...] = (Piece(text, False),)
    counterpart_pieces: tuple[Piece, ...] = (Piece(other, False),) if other is not None else ()
    if marks and role is Role.DERIVED and status in FLAGGED and other is not None:
        pieces, counterpart_pieces = changed_pair(text, other)
    caveat = role is Role.SOURCE and Status.OMITTED in (status, finding.status) and has_caveat(text)
    return Item(
        finding=finding,
        status=status,
        reviewer_status=reviewer_status,
        note=verdict.note if verdict else "",
        relinked=relinked,
        counterpart=counterpart,
        score=score,
        pieces=pieces,
        counterpart_pieces=counterpart_pieces,
        caveat=caveat,
        closest=closest_to(finding, by_id.__getitem__) if unmatched else None,
    )


def closest_to(finding: Finding, finding_of: Callable[[str], Finding]) -> Closest | None:
    """The candidate of ``finding`` that scores highest (the first of equals in the engine's
    order) as its statement and score, ``finding_of`` giving a candidate's finding by id."""
    best = max(finding.matches, key=lambda m: m.score, default=None)
    return (finding_of(best.id).statement, best.score) if best is not None else None


def unmatched_words(role: Role, closest: Closest | None, threshold: float) -> str:
    """Why a statement of ``role`` has no counterpart, in one line: the least score a match
    needs, and the other text's closest statement with its score (a paraphrase the engine did
    not credit is often that one).

    Args:
        role: The document of the statement without a counterpart.
        closest: The other text's statement that scores highest and its score (None: none
            came close), see :func:`closest_to`.
        threshold: The least score a match needs (``CompareOptions.match_threshold``).

    Returns:
        e.g. ``no statement of the source scores 12; the closest, s32, scores 4.8``.
    """
    other = "source" if role is Role.DERIVED else "derived text"
    if closest is None:
        return f"no statement of the {other} comes close"
    statement, score = closest
    return f"no statement of the {other} scores {threshold:g}; the closest, {statement.id}, scores {score:.1f}"


def grounds_words(finding: Finding, shown: str | None) -> str:
    """What an agreement rests on (``Finding.grounds``), where the statement ``shown`` beside
    the claim is the engine's counterpart; empty for any other status or counterpart (the
    grounds are of the engine's pair)."""
    return finding.grounds if finding.matches and finding.matches[0].id == shown else ""


def ranked_words(finding: Finding, shown: str | None) -> str | None:
    """Why the counterpart comes before a candidate that scores more, in one line, or None
    where it scores most (``Finding.ranked_by``) or the statement ``shown`` beside the claim
    is not the engine's counterpart.

    Returns:
        e.g. ``s22 comes first though s31 scores 13.0: it is longer; it has more of the
        claim's rarer words``.
    """
    if not finding.ranked_by or not finding.matches or finding.matches[0].id != shown:
        return None
    first, best = finding.matches[0], max(finding.matches, key=lambda m: m.score)
    return f"{first.id} comes first though {best.id} scores {best.score:.1f}: {'; '.join(finding.ranked_by)}"


def has_caveat(text: str) -> bool:
    """Whether ``text`` carries a caveat cue ("further trials are needed", "limited by"…).

    Args:
        text: A source statement.

    Returns:
        True when the cue lexicon (:mod:`tui.engine.lexicon.cues`) finds a ``caveat`` cue in it.
    """
    return bool(cues_of(text, "caveat"))


def _orphan_row(orphan: Orphan) -> OrphanRow:
    verdict = orphan.verdict
    return OrphanRow(
        role=orphan.role.value,
        text=orphan.text,
        status=verdict.status.value if verdict.status else "",
        note=verdict.note,
        counterpart_text=orphan.counterpart_text or "",
        reason=orphan.reason,
    )
