"""A review session as plain data: what is saved, how it is keyed, and how it finds its way
back to the statements after the documents were edited.

Invariant: a verdict is never keyed by a statement's position. Each saved statement carries a
key (role, hash of its normalised text, occurrence among identical texts) *and* its text, so
:func:`attach` finds it again when spans move (exact key, then the same text elsewhere, then
the best fuzzy match among statements nobody else took) and keeps what it cannot place as an
:class:`~tui.engine.review.Orphan`: nothing the reviewer decided is dropped. :func:`to_dict`
and :func:`from_dict` are exact inverses for every valid session; :func:`from_dict` rejects
anything else with :class:`SessionFormatError` (or :class:`FutureSessionError` for a file
written by a newer claimdiff).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

from rapidfuzz import fuzz, process

from tui.engine.model import Comparison, CompareOptions, Role, Statement, Status
from tui.engine.review import Orphan, Review, Verdict, now

FORMAT = "claimdiff-session"
SCHEMA_VERSION = 1
"""Bumped whenever the file changes incompatibly; newer files are refused, never rewritten."""
ATTACH_THRESHOLD = 75.0
"""Least ``fuzz.ratio`` (0–100, on normalised text) for an edited statement to keep its verdict."""


class SessionFormatError(ValueError):
    """The data is not a valid session; ``str(error)`` is one line for the user."""


class FutureSessionError(SessionFormatError):
    """The session was written by a newer claimdiff (a higher ``schema_version``)."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """How a saved statement is found again."""

    key: str
    """``<role>:<16 hex of the normalised text's hash>:<occurrence from 0>``."""
    id: str
    """The statement's id when saved (a hint: ids shift when the document is edited)."""
    text: str
    """The statement's text when saved, for fuzzy re-attachment."""


@dataclass(frozen=True, slots=True)
class Entry:
    """The reviewer's verdict on one statement, as saved."""

    anchor: Anchor
    verdict: Verdict
    """An empty verdict is a tombstone: the reviewer cleared it (kept for merging)."""
    counterpart: Anchor | None
    """The chosen counterpart, when the verdict is a relink to a statement."""
    changed_at: float

    @property
    def role(self) -> Role:
        """The document the statement is in."""
        return Role(self.anchor.key.split(":", 1)[0])


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """Which file a session was made on."""

    path: str
    """The resolved path when saved."""
    sha256: str


@dataclass(frozen=True, slots=True)
class Session:
    """Everything saved for one review."""

    name: str
    source: DocumentRef
    derived: DocumentRef
    options: CompareOptions
    entries: tuple[Entry, ...]
    orphans: tuple[Orphan, ...] = ()
    cursor: Anchor | None = None
    reviewed: int = 0
    """Claims with a reviewer status when saved (for listings without re-comparing)."""
    claims: int = 0
    created: float = 0.0
    updated: float = 0.0


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


def normalise(text: str) -> str:
    """Text as keys and fuzzy matching see it: NFKC, case-folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def text_hash(text: str) -> str:
    """16 hex digits of the BLAKE2b hash of the normalised text."""
    return hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=8).hexdigest()


_recent: list[tuple[Comparison, dict[str, Anchor]]] = []


def anchors(comparison: Comparison) -> dict[str, Anchor]:
    """The anchor of every statement of a comparison, by statement id (do not mutate it)."""
    for seen_comparison, marks in _recent:
        if seen_comparison is comparison:
            return marks
    out = _anchors(comparison)
    _recent.insert(0, (comparison, out))
    del _recent[4:]  # autosave asks for the same comparison's anchors on every keystroke
    return out


def _anchors(comparison: Comparison) -> dict[str, Anchor]:
    out: dict[str, Anchor] = {}
    seen: dict[tuple[Role, str], int] = defaultdict(int)
    for finding in comparison.findings:
        st = finding.statement
        digest = text_hash(st.text)
        occurrence = seen[(st.role, digest)]
        seen[(st.role, digest)] += 1
        out[st.id] = Anchor(f"{st.role.value}:{digest}:{occurrence}", st.id, st.text)
    return out


def capture(review: Review, name: str, *, created: float | None = None) -> Session:
    """The session to save for a review.

    Args:
        review: The live review.
        name: The session's name.
        created: When the session was first made (now when None).

    Returns:
        Every verdict (and every cleared one, as a tombstone), the orphans and the cursor.
    """
    return build(review.comparison, name, review.verdicts, review.changed_at, review.orphans,
                 review.cursor, created=created)


def build(
    comparison: Comparison,
    name: str,
    verdicts: dict[str, Verdict],
    changed_at: dict[str, float],
    orphans: Iterable[Orphan],
    cursor: str | None,
    *,
    created: float | None = None,
) -> Session:
    """A session from verdicts keyed by statement ids of ``comparison``."""
    marks = anchors(comparison)
    order = {sid: n for n, sid in enumerate(marks)}
    entries = []
    for sid in sorted(set(verdicts) | set(changed_at), key=order.__getitem__):
        verdict = verdicts.get(sid, Verdict())
        other = marks[verdict.counterpart] if verdict.relinked and verdict.counterpart else None
        entries.append(Entry(marks[sid], verdict, other, changed_at.get(sid, 0.0)))
    reviewed = sum(1 for f in comparison.findings if f.status and verdicts.get(f.statement.id, Verdict()).status)
    stamp = now()
    return Session(
        name=name,
        source=DocumentRef(comparison.source.path, comparison.source.sha256),
        derived=DocumentRef(comparison.derived.path, comparison.derived.sha256),
        options=comparison.options,
        entries=tuple(entries),
        orphans=tuple(_unique(orphans)),
        cursor=marks.get(cursor) if cursor else None,
        reviewed=reviewed,
        claims=sum(1 for f in comparison.findings if f.status),
        created=stamp if created is None else created,
        updated=stamp,
    )


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
            sid = finder.exact.get(entry.anchor.key)
            if sid is not None and sid not in changed_at:
                changed_at[sid] = entry.changed_at
    cursor = finder.locate(session.cursor) if session.cursor else None
    return Attachment(verdicts, changed_at, _unique(orphans), cursor, **counts)


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
        choices = [normalise(s.text) for s in free]
        pairs = sorted(
            ((score, a, b) for a, (_, e) in enumerate(left)
             for _, score, b in process.extract(normalise(e.anchor.text), choices, scorer=fuzz.ratio,
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
            self._choices[role] = [normalise(s.text) for s in self.statements[role]]
        best = process.extractOne(normalise(anchor.text), self._choices[role], scorer=fuzz.ratio,
                                  score_cutoff=ATTACH_THRESHOLD)
        return self.statements[role][best[2]].id if best else None


def _number(statement_id: str) -> int:
    digits = statement_id.lstrip("sd")
    return int(digits) - 1 if digits.isdigit() else 0


def _orphan(entry: Entry, reason: str) -> Orphan:
    return Orphan(entry.role, entry.anchor.text, entry.verdict,
                  entry.counterpart.text if entry.counterpart else None, reason, entry.changed_at)


def _unique(orphans: Iterable[Orphan]) -> list[Orphan]:
    """Orphans without repeats (the same verdict orphaned twice), latest change kept."""
    seen: dict[tuple[Any, ...], Orphan] = {}
    for o in orphans:
        key = (o.role, o.text, o.verdict, o.counterpart_text, o.reason)
        if key not in seen or o.changed_at > seen[key].changed_at:
            seen[key] = o
    return list(seen.values())


# -- the file format ------------------------------------------------------------------------

def to_dict(session: Session) -> dict[str, Any]:
    """The session as JSON-ready data (the format documented in the README)."""
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "name": session.name,
        "created": session.created,
        "updated": session.updated,
        "documents": {role: {"path": ref.path, "sha256": ref.sha256}
                      for role, ref in (("source", session.source), ("derived", session.derived))},
        "options": asdict(session.options),
        "progress": {"reviewed": session.reviewed, "claims": session.claims},
        "cursor": _anchor(session.cursor),
        "statements": [
            {**_anchor(e.anchor), **_verdict(e.verdict), "counterpart": _anchor(e.counterpart),
             "changed_at": e.changed_at}
            for e in session.entries
        ],
        "orphans": [
            {"role": o.role.value, "text": o.text, **_verdict(o.verdict), "counterpart_id": o.verdict.counterpart,
             "counterpart_text": o.counterpart_text, "reason": o.reason, "changed_at": o.changed_at}
            for o in session.orphans
        ],
    }


def from_dict(data: Any) -> Session:
    """Read a session written by :func:`to_dict`.

    Raises:
        FutureSessionError: written by a newer claimdiff.
        SessionFormatError: anything else that is not a valid session.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SessionFormatError("not a claimdiff session file")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SessionFormatError(f"bad schema_version {version!r}")
    if version > SCHEMA_VERSION:
        raise FutureSessionError(f"written by a newer claimdiff (schema {version}; this one reads {SCHEMA_VERSION})")
    try:
        docs = _get(data, "documents", dict)
        known = {f.name: f.type for f in fields(CompareOptions)}
        options = {k: v for k, v in _get(data, "options", dict).items() if k in known}
        progress = _get(data, "progress", dict)
        return Session(
            name=_get(data, "name", str),
            source=DocumentRef(_get(_get(docs, "source", dict), "path", str), _get(docs["source"], "sha256", str)),
            derived=DocumentRef(_get(_get(docs, "derived", dict), "path", str), _get(docs["derived"], "sha256", str)),
            options=CompareOptions(**{k: _number_value(v, k) for k, v in options.items()}),
            entries=tuple(_entry(e) for e in _get(data, "statements", list)),
            orphans=tuple(_orphan_from(o) for o in _get(data, "orphans", list)),
            cursor=_anchor_from(data.get("cursor")),
            reviewed=_get(progress, "reviewed", int),
            claims=_get(progress, "claims", int),
            created=_get(data, "created", float),
            updated=_get(data, "updated", float),
        )
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, SessionFormatError):
            raise
        raise SessionFormatError(f"malformed session ({error})") from None


def _anchor(anchor: Anchor | None) -> dict[str, str] | None:
    return None if anchor is None else {"key": anchor.key, "id": anchor.id, "text": anchor.text}


def _verdict(verdict: Verdict) -> dict[str, Any]:
    return {"status": verdict.status.value if verdict.status else None, "note": verdict.note,
            "relinked": verdict.relinked}


def _get(data: Any, key: str, kind: type) -> Any:
    if not isinstance(data, dict):
        raise SessionFormatError(f"malformed session (expected an object around {key!r})")
    value = data.get(key)
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        ok, value = True, float(value)
    if not ok:
        raise SessionFormatError(f"malformed session (field {key!r} should be {kind.__name__})")
    return value


def _number_value(value: Any, name: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SessionFormatError(f"malformed session (option {name!r} should be a number)")
    return value


def _anchor_from(data: Any) -> Anchor | None:
    if data is None:
        return None
    key = _get(data, "key", str)
    parts = key.split(":")
    if len(parts) != 3 or parts[0] not in Role._value2member_map_ or not parts[2].isdigit():
        raise SessionFormatError(f"malformed session (bad statement key {key!r})")
    return Anchor(key, _get(data, "id", str), _get(data, "text", str))


def _verdict_from(data: dict[str, Any], counterpart: str | None) -> Verdict:
    status = data.get("status")
    if status is not None and status not in Status._value2member_map_:
        raise SessionFormatError(f"malformed session (unknown status {status!r})")
    return Verdict(Status(status) if status else None, _get(data, "note", str), _get(data, "relinked", bool),
                   counterpart)


def _entry(data: Any) -> Entry:
    anchor = _anchor_from(data)
    assert anchor is not None
    other = _anchor_from(data.get("counterpart"))
    verdict = _verdict_from(data, other.id if other else None)
    return Entry(anchor, verdict, other, _get(data, "changed_at", float))


def _orphan_from(data: Any) -> Orphan:
    role = _get(data, "role", str)
    if role not in Role._value2member_map_:
        raise SessionFormatError(f"malformed session (unknown role {role!r})")
    cid, ctext = data.get("counterpart_id"), data.get("counterpart_text")
    if not (cid is None or isinstance(cid, str)) or not (ctext is None or isinstance(ctext, str)):
        raise SessionFormatError("malformed session (bad orphan counterpart)")
    reason = _get(data, "reason", str)
    if reason not in ("statement", "counterpart"):
        raise SessionFormatError(f"malformed session (unknown orphan reason {reason!r})")
    return Orphan(Role(role), _get(data, "text", str), _verdict_from(data, cid), ctext, reason,
                  _get(data, "changed_at", float))
