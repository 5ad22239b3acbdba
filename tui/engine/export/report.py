"""The JSON report contract (``claimdiff-report`` version 1) read by the evaluation scorer.

Invariant: every statement of both documents appears once, with ``text`` equal to
``document.text[start:end]``; claims carry a status, non-claims ``null``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from tui.engine.model import Comparison, Finding, Role

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
    }


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


def to_report(comparison: Comparison) -> dict[str, Any]:
    """The report as plain data."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "source": {"path": comparison.source.path, "sha256": comparison.source.sha256, "title": comparison.source.title},
        "derived": {"path": comparison.derived.path, "sha256": comparison.derived.sha256, "title": comparison.derived.title},
        "options": _options(comparison),
        "statements": [statement_dict(f) for f in comparison.findings],
        "summary": summary(comparison),
    }


def render_json(comparison: Comparison) -> str:
    """The report as indented JSON text."""
    return json.dumps(to_report(comparison), ensure_ascii=False, indent=2) + "\n"


def _options(comparison: Comparison) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(comparison.options)
