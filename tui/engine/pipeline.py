"""The front door: two documents in, one :class:`Comparison` out.

The UI, the headless CLI, the exports and the tests all come through :func:`compare`, so
there is one place where documents become a comparison.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace

from tui.engine.align import align
from tui.engine.classify import classify
from tui.engine.documents import InputError, load
from tui.engine.model import Comparison, CompareOptions, Document, Finding, Kind, Role, Statement
from tui.engine.segment import segment
from tui.engine.text import content_terms

Progress = Callable[[str, float], None]
"""Called with a stage name and the share of the work done (0–1)."""


def compare_files(
    source: str | os.PathLike[str],
    derived: str | os.PathLike[str],
    options: CompareOptions | None = None,
    *,
    progress: Progress | None = None,
) -> Comparison:
    """Load two files and compare them.

    Raises:
        InputError: either file is unfit, or both name the same file.
    """
    options = options or CompareOptions()
    if os.path.exists(source) and os.path.exists(derived) and os.path.samefile(source, derived):
        raise InputError(f"{os.fspath(derived)}: is the same file as the source; give two different documents")
    left = load(source, max_bytes=options.max_bytes)
    right = load(derived, max_bytes=options.max_bytes)
    return compare(left, right, options, progress=progress)


def compare(
    source: Document, derived: Document, options: CompareOptions | None = None, *, progress: Progress | None = None
) -> Comparison:
    """Compare a derived document against its source.

    Args:
        source: The primary document (e.g. a paper's abstract).
        derived: The text that leans on it (a blog post, a press release).
        options: Thresholds and limits; defaults when None.
        progress: Optional callback for long runs.

    Returns:
        Every statement of both documents with its status, counterparts and reasons.
    """
    options = options or CompareOptions()
    report = progress or (lambda stage, done: None)
    report("segmenting", 0.0)
    src = segment(source.text, Role.SOURCE)
    der = segment(derived.text, Role.DERIVED)
    report("aligning", 0.3)
    src_claims = [s for s in src if s.kind is Kind.CLAIM]
    der_claims = [d for d in der if d.kind is Kind.CLAIM]
    fwd, back = align(src_claims, der_claims, limit=options.max_candidates, score_cutoff=options.candidate_cutoff)
    report("classifying", 0.8)
    by_id = {st.id: st for st in (*src, *der)}
    findings: list[Finding] = []
    for st in (*src, *der):
        matches = (back if st.role is Role.SOURCE else fwd).get(st.id, [])
        findings.append(classify(st, matches, by_id[matches[0].id] if matches else None, options))
    report("done", 1.0)
    return Comparison(
        source=replace(source, title=source.title or _title(src)),
        derived=replace(derived, title=derived.title or _title(der)),
        findings=tuple(findings),
        options=options,
    )


TITLE_SEARCH = 12
"""How many of the first headings may be a document's title."""


def _title(statements: list[Statement]) -> str | None:
    """The heading that best names what the document's claims are about.

    Pages open with furniture that looks like headings ("An official website of the United
    States government"), so the title is the one of the first headings whose words recur
    most in the claims; ties go to the earlier heading.
    """
    headings = [s for s in statements if s.kind is Kind.HEADING and 3 <= len(s.text.split()) <= 30]
    if not headings:
        return None
    claim_terms = set()
    for s in statements:
        if s.kind is Kind.CLAIM:
            claim_terms.update(content_terms(s.text))

    def topical(heading: Statement) -> float:
        terms = set(content_terms(heading.text))
        return len(terms & claim_terms) / len(terms) if terms else 0.0

    return max(headings[:TITLE_SEARCH], key=lambda h: (topical(h), -h.index)).text
