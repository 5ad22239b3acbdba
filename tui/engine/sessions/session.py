"""A review session as plain data: what is saved, how statements are keyed, the file format.

Invariant: a verdict is never keyed by a statement's position. Each saved statement carries a
key (role, hash of its normalised text, occurrence among identical texts) *and* its text, so
:mod:`tui.engine.sessions.reattach` can find it again when spans move or the text is edited.
:func:`to_dict` and :func:`from_dict` are exact inverses for every valid session;
:func:`from_dict` rejects anything else with :class:`SessionFormatError` (or
:class:`FutureSessionError` for a file written by a newer claimdiff), in one line.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tui.engine.align.text import normalise
from tui.engine.model import CompareOptions, Comparison, Role, Status
from tui.engine.review import Orphan, Review, Verdict, now, reviewable
from tui.engine.sessions.checks import (
    SessionFormatError,
    get,
    options_from,
    pack,
    short,
    unpack,
    whole,
)

FORMAT = "claimdiff-session"
SCHEMA_VERSION = 1
"""Bumped whenever the file changes incompatibly; newer files are refused, never rewritten."""
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
    text: str | None = None
    """The text that was reviewed (kept compressed in the file), so an export reflects the
    review even when the file moved, changed or was deleted; None in older sessions."""


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


def text_hash(text: str) -> str:
    """16 hex digits of the BLAKE2b hash of the normalised text."""
    return hashlib.blake2b(normalise(text, marks=False).encode("utf-8"), digest_size=8).hexdigest()


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
    claims = reviewable(comparison)  # the one count of the app, the listing and the exports
    reviewed = sum(1 for f in claims if verdicts.get(f.statement.id, Verdict()).status)
    stamp = now()
    return Session(
        name=name,
        source=DocumentRef(_resolved(comparison.source.path), comparison.source.sha256, comparison.source.text),
        derived=DocumentRef(_resolved(comparison.derived.path), comparison.derived.sha256, comparison.derived.text),
        options=comparison.options,
        entries=tuple(entries),
        orphans=tuple(distinct_orphans(orphans)),
        cursor=marks.get(cursor) if cursor else None,
        reviewed=reviewed,
        claims=len(claims),
        created=stamp if created is None else created,
        updated=stamp,
    )


def _resolved(path: str) -> str:
    """The absolute path, so the session finds its documents from any working directory."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def distinct_orphans(orphans: Iterable[Orphan]) -> list[Orphan]:
    """Orphans without repeats (the same verdict orphaned twice), the latest change kept."""
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
        "documents": {role: _document(ref) for role, ref in (("source", session.source), ("derived", session.derived))},
        "options": asdict(session.options),
        "progress": {"reviewed": session.reviewed, "claims": session.claims},
        "cursor": _anchor(session.cursor),
        "statements": [
            {**_anchor_fields(e.anchor), **_verdict(e.verdict), "counterpart": _anchor(e.counterpart),
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
        raise SessionFormatError(f"bad schema_version {short(version)}")
    if version > SCHEMA_VERSION:
        raise FutureSessionError(f"written by a newer claimdiff (schema {short(version)}; this one reads {SCHEMA_VERSION})")
    try:
        docs = get(data, "documents", dict)
        progress = get(data, "progress", dict)
        return Session(
            name=get(data, "name", str),
            source=_document_from(get(docs, "source", dict)),
            derived=_document_from(get(docs, "derived", dict)),
            options=options_from(get(data, "options", dict)),
            entries=tuple(_entry(e) for e in get(data, "statements", list)),
            orphans=tuple(_orphan_from(o) for o in get(data, "orphans", list)),
            cursor=_anchor_from(data.get("cursor")),
            reviewed=get(progress, "reviewed", int),
            claims=get(progress, "claims", int),
            created=get(data, "created", float),
            updated=get(data, "updated", float),
        )
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, SessionFormatError):
            raise
        raise SessionFormatError(f"malformed session ({error})") from None


def _document(ref: DocumentRef) -> dict[str, str]:
    out = {"path": ref.path, "sha256": ref.sha256}
    if ref.text is not None:
        out["text_zlib"] = pack(ref.text)
    return out


def _document_from(data: dict[str, Any]) -> DocumentRef:
    packed = data.get("text_zlib")
    if packed is not None and not isinstance(packed, str):
        raise SessionFormatError("malformed session (field 'text_zlib' should be str)")
    sha = get(data, "sha256", str)
    if not re.fullmatch(r"[0-9a-f]{64}", sha):
        raise SessionFormatError("malformed session (field 'sha256' should be 64 hex digits)")
    return DocumentRef(get(data, "path", str), sha, None if packed is None else unpack(packed))


def _anchor(anchor: Anchor | None) -> dict[str, str] | None:
    return None if anchor is None else _anchor_fields(anchor)


def _anchor_fields(anchor: Anchor) -> dict[str, str]:
    return {"key": anchor.key, "id": anchor.id, "text": anchor.text}


def _verdict(verdict: Verdict) -> dict[str, Any]:
    return {"status": verdict.status.value if verdict.status else None, "note": verdict.note,
            "relinked": verdict.relinked}


def _anchor_from(data: Any) -> Anchor | None:
    if data is None:
        return None
    key = get(data, "key", str)
    parts = key.split(":")
    if len(parts) != 3 or parts[0] not in Role._value2member_map_ or not re.fullmatch(r"[0-9]{1,9}", parts[2]):
        raise SessionFormatError(f"malformed session (bad statement key {short(key)})")
    return Anchor(key, get(data, "id", str), get(data, "text", str))


def _verdict_from(data: dict[str, Any], counterpart: str | None) -> Verdict:
    status = data.get("status")
    if status is not None and status not in Status._value2member_map_:
        raise SessionFormatError(f"malformed session (unknown status {short(status)})")
    return Verdict(Status(status) if status else None, get(data, "note", str), get(data, "relinked", bool),
                   counterpart)


def _entry(data: Any) -> Entry:
    if not isinstance(data, dict):
        raise SessionFormatError("malformed session (a statement entry is not an object)")
    anchor = _anchor_from(data)
    assert anchor is not None
    other = _anchor_from(data.get("counterpart"))
    verdict = _verdict_from(data, other.id if other else None)
    return Entry(anchor, verdict, other, get(data, "changed_at", float))


def _orphan_from(data: Any) -> Orphan:
    if not isinstance(data, dict):
        raise SessionFormatError("malformed session (an orphan entry is not an object)")
    role = get(data, "role", str)
    if role not in Role._value2member_map_:
        raise SessionFormatError(f"malformed session (unknown role {short(role)})")
    cid, ctext = data.get("counterpart_id"), data.get("counterpart_text")
    if not (cid is None or isinstance(cid, str)) or not (ctext is None or isinstance(ctext, str)):
        raise SessionFormatError("malformed session (bad orphan counterpart)")
    ctext = None if ctext is None else whole(ctext)
    reason = get(data, "reason", str)
    if reason not in ("statement", "counterpart"):
        raise SessionFormatError(f"malformed session (unknown orphan reason {short(reason)})")
    return Orphan(Role(role), get(data, "text", str), _verdict_from(data, cid), ctext, reason,
                  get(data, "changed_at", float))
