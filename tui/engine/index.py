"""Exact top-k counterparts for large pairs, by accumulating scores over an inverted index.

Invariant: :func:`rank_indexed` returns what scoring every pair with
:func:`tui.engine.align.similarity` would return (same 0.1 rounding, ties by target order),
but touches only the pairs that share a term or a near twin. Blocking on rare words
(scoring only the candidates met through a statement's rarest terms) missed the best
counterpart for 15% of queries on a 1 MB pair where every word is moderately common, so the
index does the sum exactly instead, with NumPy doing the adding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tui.engine.align import Vector


class Postings:
    """For each term, the targets holding it (as a term or a near twin) and their weights."""

    def __init__(self, targets: list[Vector]) -> None:
        weights: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        reach: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for index, target in enumerate(targets):
            for table, values in ((weights, target.weights), (reach, target.reach)):
                for term, value in values.items():
                    rows, vals = table[term]
                    rows.append(index)
                    vals.append(value)
        self.size = len(targets)
        self.weights = {t: (np.array(r, np.int32), np.array(v)) for t, (r, v) in weights.items()}
        self.reach = {t: (np.array(r, np.int32), np.array(v)) for t, (r, v) in reach.items()}

    def parts(self, query: Vector) -> list[tuple[np.ndarray, np.ndarray, float]]:
        """The postings a query's score is summed over: (targets, their weights, factor)."""
        found = []
        for term, weight in query.weights.items():
            hit = self.weights.get(term)
            if hit is not None:
                found.append((hit[0], hit[1], weight))
            hit = self.reach.get(term)
            if hit is not None:
                found.append((hit[0], hit[1], 0.5 * weight))
        for term, weight in query.reach.items():
            hit = self.weights.get(term)
            if hit is not None:
                found.append((hit[0], hit[1], 0.5 * weight))
        return found


def rank_indexed(
    queries: list[Vector],
    targets: list[Vector],
    *,
    limit: int,
    score_cutoff: float | None,
    progress: Callable[[float], None] | None = None,
) -> list[list[tuple[int, float]]]:
    """For each query, its ``limit`` best targets as ``(index, score 0–100)``, best first.

    Args:
        queries: Statements to find counterparts for.
        targets: Statements to choose from.
        limit: How many to keep per query.
        score_cutoff: Least score kept (None: any score above 0).
        progress: Hears the share of queries done, every :data:`REPORT_EVERY` queries.

    Returns:
        One list per query, ties broken by target index.
    """
    postings = Postings(targets)
    floor = max(score_cutoff or 0.0, 0.05)
    out = []
    for number, query in enumerate(queries):
        if progress is not None and number % REPORT_EVERY == 0:
            progress(number / len(queries))
        out.append(_best(postings, query, limit, floor))
    return out


REPORT_EVERY = 1_000
"""Queries between two progress reports."""


def _best(postings: Postings, query: Vector, limit: int, floor: float) -> list[tuple[int, float]]:
    """One query's best targets: the scores summed over its postings, then the top kept."""
    parts = postings.parts(query)
    if not parts:
        return []
    targets, weights, factors = zip(*parts)
    lengths = [len(t) for t in targets]
    values = np.concatenate(weights) * np.repeat(np.array(factors), lengths)
    raw = np.bincount(np.concatenate(targets), weights=values, minlength=postings.size)
    kept = np.flatnonzero(raw >= floor / 100.0 - 1e-9)
    scores = np.round(np.minimum(100.0 * raw[kept], 100.0), 1)
    mask = scores >= floor
    kept, scores = kept[mask], scores[mask]
    if len(kept) > limit:
        kth = np.partition(scores, len(kept) - limit)[len(kept) - limit]
        mask = scores >= kth
        kept, scores = kept[mask], scores[mask]
    order = np.lexsort((kept, -scores))[:limit]
    return list(zip(kept[order].tolist(), scores[order].tolist()))
