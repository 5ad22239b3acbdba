"""Laying a saved session over a comparison of the documents as they are now.

Invariant: every saved verdict ends up in exactly one place: on the statement it was given on
(found by its key, or by its text at another place, or by the best fuzzy match above
:data:`ATTACH_THRESHOLD` among statements no other verdict took), or among the review's
orphans. Nothing the reviewer decided is dropped; :func:`merge` keeps, statement by
statement, the later of two versions of one session.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tui.engine.align.text import normalise
from tui.engine.model import Comparison, Role, Statement
from tui.engine.review import Orphan, Review, Verdict
from tui.engine.sessions.session import (
    Anchor,
    Entry,
    Session,
    anchors,
    build,
    distinct_orphans,
)

ATTACH_THRESHOLD = 75.0
"""Least ``fuzz.ratio`` (0–100, on normalised text) for an edited statement to keep its verdict."""


@dataclass(frozen=True, slots=True)
class Attachment:
    """A session laid over a comparison, with counts for the reviewer's notice."""

    verdicts: dict[str, Verdict]
    changed_at: dict[str, float]
    orphans: list[Orphan]
    cursor: str | None
    kept: int = 0
    """Verdicts found on the same statement, same text, same place."""
    moved: int = 0
    """Verdicts found on the same text at another place."""
    changed: int = 0
    """Verdicts found on a statement whose text was edited (fuzzy match)."""
    orphaned: int = 0
    """Verdicts (or chosen counterparts) newly left without a statement."""


def attach(session: Session, comparison: Comparison) -> Attachment:
    """Lay a saved session over a (possibly edited) comparison.

    Args:
        session: The saved session.
        comparison: The comparison of the documents as they are now.

    Returns:
        Verdicts by current statement id, with the orphans (old and new) and the counts.
    """
    marks = anchors(comparison)
    finder = _Finder(comparison, marks)
    live = [e for e in session.entries if not e.verdict.is_empty]
    placed: dict[int, tuple[str, str]] = {}
    for role in Role:
        mine = [i for i, e in enumerate(live) if e.role is role]
        placed.update(_place([live[i] for i in mine], mine, finder.statements[role], marks))
    verdicts: dict[str, Verdict] = {}
    changed_at: dict[str, float] = {}
    orphans = list(session.orphans)
    counts = {"kept": 0, "moved": 0, "changed": 0, "orphaned": 0}
    for index, entry in enumerate(live):
        if index not in placed:
            orphans.append(_orphan(entry, "statement"))
            counts["orphaned"] += 1
            continue
        sid, how = placed[index]
        verdict = entry.verdict
        if entry.counterpart is not None:
            other = finder.locate(entry.counterpart)
            if other is None:
                orphans.append(_orphan(entry, "counterpart"))
                counts["orphaned"] += 1
                verdict = Verdict(verdict.status, verdict.note)
            else:
                verdict = Verdict(verdict.status, verdict.note, True, other)
        counts[how] += 1
        if not verdict.is_empty:
            verdicts[sid] = verdict
        changed_at[sid] = entry.changed_at
    for entry in session.entries:  # tombstones keep their time only where the text is unchanged
        if entry.verdict.is_empty:
            exact = finder.exact.get(entry.anchor.key)
            if exact is not None and exact not in changed_at:
                changed_at[exact] = entry.changed_at
    cursor = finder.locate(session.cursor) if session.cursor else None
    return Attachment(verdicts, changed_at, distinct_orphans(orphans), cursor, **counts)


def restore(session: Session, comparison: Comparison) -> tuple[Review, Attachment]:
    """A review of ``comparison`` carrying the session's verdicts, orphans and cursor."""
    found = attach(session, comparison)
    review = Review(comparison, found.verdicts, orphans=found.orphans, changed_at=found.changed_at)
    review.cursor = found.cursor
    return review, found


def merge(mine: Session, theirs: Session, comparison: Comparison) -> Session:
    """Combine two versions of one session statement by statement: the later change wins.

    Args:
        mine: Captured from the live review of ``comparison``.
        theirs: What another process saved meanwhile (possibly on other document versions).
        comparison: The comparison ``mine`` was captured on.

    Returns:
        ``mine`` with every statement whose change in ``theirs`` is newer taken from
        ``theirs``, and the orphans of both.
    """
    ours = attach(mine, comparison)
    other = attach(theirs, comparison)
    verdicts, times = dict(ours.verdicts), dict(ours.changed_at)
    for sid, when in other.changed_at.items():
        if when > times.get(sid, -1.0):
            times[sid] = when
            verdicts.pop(sid, None)
            if sid in other.verdicts:
                verdicts[sid] = other.verdicts[sid]
    merged = build(comparison, mine.name, verdicts, times, [*ours.orphans, *other.orphans], ours.cursor,
                   created=min(mine.created, theirs.created or mine.created))
    return merged


def _place(
    entries: list[Entry], indices: list[int], statements: list[Statement], marks: dict[str, Anchor]
) -> dict[int, tuple[str, str]]:
    """Entry index → (statement id, how: kept / moved / changed), one entry per statement."""
    placed: dict[int, tuple[str, str]] = {}
    claimed: set[str] = set()
    by_key = {marks[s.id].key: s.id for s in statements}
    for index, entry in zip(indices, entries):
        sid = by_key.get(entry.anchor.key)
        if sid is not None and sid not in claimed:
            claimed.add(sid)
            placed[index] = (sid, "kept" if sid == entry.anchor.id else "moved")
    for index, entry in zip(indices, entries):
        if index in placed:
            continue
        digest = entry.anchor.key.split(":")[1]
        same = [s for s in statements if s.id not in claimed and marks[s.id].key.split(":")[1] == digest]
        if same:
            sid = same[0].id
            claimed.add(sid)
            placed[index] = (sid, "moved")
    left = [(i, e) for i, e in zip(indices, entries) if i not in placed]
    free = [s for s in statements if s.id not in claimed]
    if left and free:
        choices = [normalise(s.text, marks=False) for s in free]
        pairs = sorted(
            ((score, a, b) for a, (_, e) in enumerate(left)
             for _, score, b in process.extract(normalise(e.anchor.text, marks=False), choices, scorer=fuzz.ratio,
                                                score_cutoff=ATTACH_THRESHOLD, limit=None)),
            key=lambda p: (-p[0], abs(_number(left[p[1]][1].anchor.id) - free[p[2]].index)),
        )
        for _, a, b in pairs:
            index, sid = left[a][0], free[b].id
            if index not in placed and sid not in claimed:
                claimed.add(sid)
                placed[index] = (sid, "changed")
    return placed


class _Finder:
    """Finds one anchored statement in a comparison: same key, same text, or best fuzzy match."""

    def __init__(self, comparison: Comparison, marks: dict[str, Anchor]) -> None:
        self.statements = {role: [f.statement for f in comparison.of(role)] for role in Role}
        self.exact = {anchor.key: sid for sid, anchor in marks.items()}
        self.by_text: dict[str, str] = {}
        for sid, anchor in marks.items():
            self.by_text.setdefault(anchor.key.rsplit(":", 1)[0], sid)
        self._choices: dict[Role, list[str]] = {}

    def locate(self, anchor: Anchor) -> str | None:
        """The current id of the anchored statement, or None."""
        sid = self.exact.get(anchor.key) or self.by_text.get(anchor.key.rsplit(":", 1)[0])
        if sid is not None:
            return sid
        role = Role(anchor.key.split(":", 1)[0])
        if role not in self._choices:
            self._choices[role] = [normalise(s.text, marks=False) for s in self.statements[role]]
        best = process.extractOne(normalise(anchor.text, marks=False), self._choices[role], scorer=fuzz.ratio,
                                  score_cutoff=ATTACH_THRESHOLD)
        return self.statements[role][best[2]].id if best else None


def _number(statement_id: str) -> int:
    digits = statement_id.lstrip("sd")
    return int(digits) - 1 if digits.isdigit() else 0


def _orphan(entry: Entry, reason: str) -> Orphan:
    return Orphan(entry.role, entry.anchor.text, entry.verdict,
                  entry.counterpart.text if entry.counterpart else None, reason, entry.changed_at)
