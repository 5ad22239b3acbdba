"""Fit the learned ranker and write ``tui/engine/align/ranker.npz`` (part of `make train`).

    python -m tools.train_rank [--shared DIR] [--limit N] [--out FILE]

Training lists, all written by others (``../shared/data/factcheck-dev``, see its README): each
dev claim of Check-COVID and WiCE with annotated evidence, and the engine's best
:data:`~tui.engine.align.align.RERANK_DEPTH` counterparts for it, each marked by whether it
overlaps an evidence sentence (as the evaluation scores alignment). The fit is a conditional
logit (one softmax over a claim's candidates, the evidence as the answer), L2-regularised,
by L-BFGS from zeros: deterministic, the same lists give the same weights byte for byte.
Figures in ``make eval`` come from rankers that left the item's fold out (:func:`held_out`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import optimize

from tests.factcheck import document, fold_of, overlap
from tools.train import FOLDS, ROOT, arguments, dev_items, write_weights
from tui.engine.align import rerank
from tui.engine.align.align import align
from tui.engine.align.text import find_abbreviations
from tui.engine.model import FEW_CLAIMS, CompareOptions, Role, Statement
from tui.engine.pipeline import prepare
from tui.engine.sides import with_lines

OUT = ROOT / "tui" / "engine" / "align" / rerank.WEIGHTS_FILE
RANK_SETS = ("check_covid", "wice")
"""The dev sets with evidence sentences annotated in their source documents."""
L2 = 1.0
"""Tried 1, 3, 10 and 30 on the dev sets as a whole (held-out folds): 3 was best until the
ranker read a share in both, 1 since (first candidate right on Check-COVID's lists 0.672 →
0.680, WiCE's 0.869 either way)."""

Listing = tuple[np.ndarray, np.ndarray]
"""One claim's candidates: their readings (one row each) and which of them are evidence."""


Evidence = Callable[[Statement, Statement], bool]
"""Whether a source claim is evidence for a derived claim."""


def record(source: str, derived: str, evidence: Evidence) -> tuple[list[Statement], dict[int, Listing]]:
    """Compare two texts as the engine does; each derived claim's candidates, marked."""
    abbreviations = find_abbreviations([source, derived])
    src = prepare(source, Role.SOURCE, abbreviations)
    der = prepare(derived, Role.DERIVED, abbreviations)
    if len(der.claims) <= FEW_CLAIMS:  # as the pipeline does
        src = with_lines(src, abbreviations)
    seen: dict[int, Listing] = {}
    if not src.claims or not der.claims:
        return der.claims, seen
    sources = rerank.read_sources([c.text for c in src.claims], src.terms, [src.facts[c.text].shares for c in src.claims])

    def keep(number: int, hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
        claim = der.claims[number].text
        rows = rerank.readings(claim, der.terms[number], hits, sources, der.facts[claim].shares)
        marks = np.array([evidence(src.claims[i], der.claims[number]) for i, _ in hits], dtype=bool)
        if marks.any() and not marks.all():
            seen[number] = (rows, marks)
        return hits

    options = CompareOptions()
    align(src.claims, der.claims, limit=options.max_candidates, score_cutoff=options.candidate_cutoff,
          terms=(src.terms, der.terms), rerank=keep)
    return der.claims, seen


def listing(item: dict[str, Any]) -> Listing | None:
    """The main derived claim's candidates and their evidence marks (None: nothing to learn)."""
    source, derived = document(item["source_text"], "source.txt"), document(item["derived_text"], "derived.txt")

    def evidence(claim: Statement, _: Statement) -> bool:
        return any(overlap((claim.start, claim.end), span) for span in item["gold_source_spans"])

    claims, seen = record(source.text, derived.text, evidence)
    if not claims:
        return None
    return seen.get(max(range(len(claims)), key=lambda n: claims[n].end - claims[n].start))


def listings(items: Sequence[dict[str, Any]]) -> list[tuple[dict[str, Any], Listing]]:
    """Each item that has something to learn from, with its listing."""
    out = []
    for item in items:
        if item.get("gold_source_spans"):
            found = listing(item)
            if found is not None:
                out.append((item, found))
    return out


def fit(lists: Sequence[Listing]) -> rerank.Ranker:
    """The conditional logit: weights that put each claim's evidence first, L2-regularised."""
    x = np.vstack([rows for rows, _ in lists])
    marked = np.concatenate([marks for _, marks in lists]).astype(np.float64)
    group = np.repeat(np.arange(len(lists)), [len(marks) for _, marks in lists])
    n = len(lists)
    mean, spread = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / spread

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = z @ w
        top = np.full(n, -np.inf)
        np.maximum.at(top, group, s)
        e = np.exp(s - top[group])
        total, hit = np.bincount(group, e, n), np.bincount(group, e * marked, n)
        value = float(-(np.log(hit) - np.log(total)).sum() / n + L2 * w @ w / n)
        grad = z.T @ (e / total[group] - marked * e / hit[group]) / n + 2 * L2 * w / n
        return value, grad

    result = optimize.minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return rerank.Ranker(np.asarray(result.x) / spread)


def held_out(found: Sequence[tuple[dict[str, Any], Listing]], folds: int = FOLDS) -> dict[int, rerank.Ranker]:
    """One ranker per fold, each trained without the items of its fold (for ``make eval``)."""
    return {k: fit([lst for item, lst in found if fold_of(item, folds) != k]) for k in range(folds)}


def precision_at_one(ranker: rerank.Ranker, found: Sequence[tuple[dict[str, Any], Listing]]) -> float:
    """Share of claims whose first candidate, as ``ranker`` orders them, is evidence."""
    return float(np.mean([marks[ranker.order(rows)[0]] for _, (rows, marks) in found])) if found else 0.0


def describe(ranker: rerank.Ranker, found: Sequence[tuple[dict[str, Any], Listing]]) -> str:
    """The weights a reviewer can read, scaled by each reading's spread (largest first)."""
    x = np.vstack([rows for _, (rows, _) in found])
    scaled = ranker.weights * (x.std(axis=0) + 1e-9)
    lines = ["ranker readings (weight × spread; + puts a candidate first):"]
    lines += [f"  {w:+6.2f}  {name}" for name, w in sorted(zip(rerank.NAMES, scaled, strict=True), key=lambda p: -abs(p[1]))]
    return "\n".join(lines)


def train(shared: Path, limit: int | None = None) -> tuple[rerank.Ranker, list[tuple[dict[str, Any], Listing]]]:
    """The ranker fitted on every dev list, and the lists."""
    found = listings(dev_items(shared, RANK_SETS, limit))
    return fit([lst for _, lst in found]), found


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(argv, __doc__, OUT, "items of each set")
    if args is None:
        return 2
    began = time.monotonic()
    ranker, found = train(args.shared, args.limit)
    digest = write_weights(args.out, ranker.to_bytes())
    print(f"train_rank: {len(found)} claims -> {args.out.name} (sha256 {digest}) in {time.monotonic() - began:.0f} s; "
          f"first candidate is evidence for {precision_at_one(ranker, found):.3f} (training lists)")
    print(describe(ranker, found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
