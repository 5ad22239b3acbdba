"""The JSON report contract (``claimdiff-report`` version 1) read by the evaluation scorer.

Invariant: every statement of both documents appears once, with ``text`` equal to
``document.text[start:end]``; claims carry a status, non-claims ``null``. ``statements`` and
``summary`` are always the engine's proposals (what the scorer grades); the reviewer's
decisions go only into the optional ``review`` block, which is added when a review is given.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import TYPE_CHECKING, Any

from tui.engine.collector import keep_until_exit
from tui.engine.export.jsontext import dumps, dumps_utf8
from tui.engine.model import Comparison, Document, Finding, Role

if TYPE_CHECKING:
    from datetime import date

    from tui.engine.review import Review

FORMAT = "claimdiff-report"
VERSION = 1


def statement_dict(finding: Finding) -> dict[str, Any]:
    """One statement of the report."""
    st = finding.statement
    return {
        "id": st.id,
        "doc": st.role.value,
        "start": st.start,
        "end": st.end,
        "text": st.text,
        "kind": st.kind.value,
        "status": finding.status.value if finding.status else None,
        "confidence": None if finding.confidence is None else round(finding.confidence, 3),
        "matches": [{"id": m.id, "score": m.score} for m in finding.matches],
        "reasons": [
            {
                "code": r.code.value,
                "direction": r.direction.value if r.direction else None,
                "detail": r.detail,
                "source_cue": r.source_cue,
                "derived_cue": r.derived_cue,
            }
            for r in finding.reasons
        ],
        **({"ranked_by": list(finding.ranked_by)} if finding.ranked_by else {}),
        **({"grounds": finding.grounds} if finding.grounds else {}),
    }


def document_dict(document: Document) -> dict[str, Any]:
    """A document's path, SHA-256 of its bytes and title; for a web page, PDF or Word file also
    ``"text_source": "extracted"`` and ``text_sha256``, the hash of the extracted text that the
    statements' offsets index."""
    out: dict[str, Any] = {"path": document.path, "sha256": document.sha256, "title": document.title}
    if document.text_source != "file":
        out["text_source"] = document.text_source
        out["text_sha256"] = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    return out


def summary(comparison: Comparison) -> dict[str, Any]:
    """Counts per document and status, and per reason code."""
    out: dict[str, Any] = {}
    for role in Role:
        findings = comparison.of(role)
        out[role.value] = {
            "statements": len(findings),
            "claims": sum(1 for f in findings if f.status),
            **{str(k): v for k, v in Counter(f.status.value for f in findings if f.status).items()},
        }
    out["reasons"] = dict(Counter(r.code.value for f in comparison.findings for r in f.reasons))
    return out


def to_report(
    comparison: Comparison,
    review: Review | None = None,
    *,
    session_name: str | None = None,
    reviewed_on: date | None = None,
) -> dict[str, Any]:
    """The report as plain data.

    Args:
        comparison: The engine's comparison (``statements`` and ``summary`` come from it).
        review: The reviewer's verdicts; when given, a ``review`` block is added.
        session_name: Recorded in the ``review`` block.
        reviewed_on: The date of review recorded in the ``review`` block; today when None.

    Returns:
        The contract's keys, plus ``review`` when a review is given.
    """
    statements = [statement_dict(f) for f in comparison.findings]
    return _report(comparison, statements, review, session_name=session_name, reviewed_on=reviewed_on)


def _report(
    comparison: Comparison,
    statements: list[dict[str, Any]],
    review: Review | None,
    *,
    session_name: str | None,
    reviewed_on: date | None,
) -> dict[str, Any]:
    report: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "source": document_dict(comparison.source),
        "derived": document_dict(comparison.derived),
        "options": _options(comparison),
        "statements": statements,
        "summary": summary(comparison),
    }
    if review is not None:
        report["review"] = review_block(review, session_name=session_name, reviewed_on=reviewed_on)
    return report


def review_block(review: Review, *, session_name: str | None = None, reviewed_on: date | None = None) -> dict[str, Any]:
    """The reviewer's decisions: verdicts, reviewer-set statuses, relinks, notes, orphans.

    Args:
        review: The reviewer's verdicts over the comparison.
        session_name: The session's name (null when exported without one).
        reviewed_on: The date of review; today when None.

    Returns:
        ``session``, ``date``, counts, ``verdicts`` (one per statement the reviewer touched, in
        document order), ``statuses`` (id → reviewer status), ``relinks`` (id → counterpart id
        or null) and ``orphans`` (verdicts whose statements are gone).
    """
    from tui.engine.export.view import build_view

    findings = review.comparison.findings
    touched = [f for f in findings if not review.verdict(f.statement.id).is_empty]
    verdicts = []
    for finding in touched:
        sid = finding.statement.id
        verdict = review.verdict(sid)
        verdicts.append({
            "id": sid,
            "doc": finding.statement.role.value,
            "proposed_status": finding.status.value if finding.status else None,
            "reviewer_status": verdict.status.value if verdict.status else None,
            "status": _value(review.status(sid)),
            "note": verdict.note,
            "relinked": verdict.relinked,
            "counterpart": review.counterpart(sid),
        })
    view = build_view(review.comparison, review, session_name=session_name, reviewed_on=reviewed_on, marks=False)
    return {
        "session": session_name,
        "date": view.reviewed_on.isoformat(),
        "claims": view.claims,
        "reviewed": view.reviewed,
        "verdicts": verdicts,
        "statuses": {v["id"]: v["reviewer_status"] for v in verdicts if v["reviewer_status"]},
        "relinks": {v["id"]: v["counterpart"] for v in verdicts if v["relinked"]},
        "orphans": [
            {"doc": o.role, "reason": o.reason, "text": o.text, "reviewer_status": o.status or None,
             "note": o.note, "counterpart_text": o.counterpart_text or None}
            for o in view.orphans
        ],
    }


def render_json(
    comparison: Comparison,
    review: Review | None = None,
    *,
    session_name: str | None = None,
    reviewed_on: date | None = None,
    indent: bool = False,
) -> str:
    """The report as JSON text ending in a newline (see :func:`to_report`): compact, or
    with ``indent`` two spaces per level."""
    report = to_report(comparison, review, session_name=session_name, reviewed_on=reviewed_on)
    return dumps(report, indent=indent) + "\n"


def render_json_utf8(comparison: Comparison, *, indent: bool = False) -> bytes:
    """:func:`render_json` of the engine's proposals as UTF-8 (:func:`~tui.engine.export.jsontext.dumps_utf8`)."""
    report = to_report(comparison)
    keep_until_exit(report)  # for a process that ends next
    return dumps_utf8(report, indent=indent, newline=True)


def _value(status: Any) -> str | None:
    return status.value if status is not None else None


def _options(comparison: Comparison) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(comparison.options)
