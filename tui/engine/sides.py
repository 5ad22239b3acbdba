"""One document made ready for alignment: its statements, its claims' terms and cue facts.

Kept apart from :mod:`tui.engine.pipeline` because the second process runs :func:`prepare`
first: importing it brings segmentation, the cue facts and the term reader, but not NumPy,
the learned models nor document loading, so that process starts reading its document about
0.1 s sooner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui.engine.align.align import terms_of
from tui.engine.judge.classify import Facts, facts
from tui.engine.model import Kind, Role, Statement
from tui.engine.segment.segment import segment

Progress = Callable[[str, float], None]
"""Called with a stage name and the share of the work done (0–1), several times a second on
large pairs. It may raise to stop the comparison: the exception comes out of
:func:`tui.engine.pipeline.compare` and the second process, if one was started, is stopped
with it."""

REPORT_EVERY = 1_000
"""Statements (or ranked claims) between two progress reports within a step."""


@dataclass(frozen=True, slots=True)
class Side:
    """One document made ready for alignment: statements, claims' terms and facts."""

    statements: list[Statement]
    claims: list[Statement]
    terms: list[list[str]]
    facts: dict[str, Facts]


def prepare(
    text: str, role: Role, abbreviations: dict[str, tuple[str, ...]], progress: Progress | None = None
) -> Side:
    """Segment a document and read its claims' terms and cue facts (runs in a worker too)."""
    report = progress or silent
    statements = segment(text, role)
    claims = [s for s in statements if s.kind is Kind.CLAIM]
    report("reading claims", 0.3)
    known: dict[str, Facts] = {}
    for number, claim in enumerate(claims):
        if number % REPORT_EVERY == 0 and number:
            report("reading claims", 0.3 + 0.55 * number / len(claims))
        if claim.text not in known:
            known[claim.text] = facts(claim.text)
    report("weighing terms", 0.85)
    return Side(statements, claims, terms_of([c.text for c in claims], abbreviations), known)


def silent(stage: str, done: float) -> None:
    """The progress callback of callers that want none."""
