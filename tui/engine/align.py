"""Rank counterparts across documents (first cut: plain rapidfuzz, replaced by the real aligner)."""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from tui.engine.model import Candidate, Statement


def align(
    sources: list[Statement], deriveds: list[Statement], *, limit: int = 5, score_cutoff: float = 20.0
) -> tuple[dict[str, list[Candidate]], dict[str, list[Candidate]]]:
    """Rank counterparts for each claim on both sides, best first."""
    s_text = [s.text for s in sources]
    d_text = [d.text for d in deriveds]
    fwd: dict[str, list[Candidate]] = {}
    back: dict[str, list[Candidate]] = {s.id: [] for s in sources}
    for d in deriveds:
        hits = process.extract(d.text, s_text, scorer=fuzz.token_set_ratio, processor=utils.default_process,
                               limit=limit, score_cutoff=score_cutoff)
        fwd[d.id] = [Candidate(sources[i].id, round(score, 1)) for _, score, i in hits]
    for s in sources:
        hits = process.extract(s.text, d_text, scorer=fuzz.token_set_ratio, processor=utils.default_process,
                               limit=limit, score_cutoff=score_cutoff)
        back[s.id] = [Candidate(deriveds[i].id, round(score, 1)) for _, score, i in hits]
    return fwd, back
