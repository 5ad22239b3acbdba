"""Exact top-k counterparts for large pairs, by accumulating scores over an inverted index.

Invariant: :func:`rank_indexed` returns what scoring every pair with
:func:`tui.engine.align.align.similarity` would return (same 0.1 rounding, ties by target order),
but touches only the pairs that share a term or a near twin. Blocking on rare words
(scoring only the candidates met through a statement's rarest terms) missed the best
counterpart for 15% of queries on a 1 MB pair where every word is moderately common, so the
index does the sum exactly instead, with NumPy doing the adding.

Vectors travel as :class:`Packed` arrays (terms as numbers, rows as slices): a second
process gets them as a few buffers instead of ten thousand dictionaries, and the postings
are built by sorting instead of by a Python loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

from tui.engine.align.vector import Soft, Vector, idf_of, soft_terms, weigh

if TYPE_CHECKING:
    from tui.engine.model import Worker


@dataclass(frozen=True, slots=True)
class Packed:
    """One side's vectors as arrays: row ``i``'s terms are ``ids[indptr[i]:indptr[i+1]]``
    with ``weights`` alongside, and likewise for the near twins it reaches."""

    indptr: np.ndarray
    ids: np.ndarray
    weights: np.ndarray
    reach_indptr: np.ndarray
    reach_ids: np.ndarray
    reach_weights: np.ndarray

    @property
    def size(self) -> int:
        """How many statements."""
        return len(self.indptr) - 1


def pack(sides: Sequence[Sequence[Vector]]) -> tuple[list[Packed], int]:
    """Each side's vectors as :class:`Packed` arrays over one numbering of the terms.

    Returns:
        The packed sides, in order, and how many distinct terms they use.
    """
    numbers: dict[str, int] = {}
    packed = [_packed(vectors, numbers) for vectors in sides]
    return packed, len(numbers)


def _packed(vectors: Sequence[Vector], numbers: dict[str, int]) -> Packed:
    """One side's vectors as arrays, numbering the terms ``numbers`` does not know yet."""
    arrays = []
    for attribute in ("weights", "reach"):
        indptr = [0]
        ids: list[int] = []
        weights: list[float] = []
        for vector in vectors:
            table = getattr(vector, attribute)
            ids += [numbers.setdefault(term, len(numbers)) for term in table]
            weights += table.values()
            indptr.append(len(ids))
        arrays += [np.array(indptr, np.int64), np.array(ids, np.int64), np.array(weights, np.float64)]
    return Packed(*arrays)


def pack_shared(left_terms: list[list[str]], right_terms: list[list[str]], pool: Worker
                ) -> tuple[list[Packed], int, Postings]:
    """:func:`pack` of both sides' vectors made from their terms, the right side's in ``pool``.

    The terms are numbered by one table made first, so each process packs its side alone;
    which number a term gets changes no score (each sum runs over a query's own terms, in
    their order). On the 1 MB generated pair the second process sat idle for the 0.3 s this
    took this process alone. Both processes weigh the terms and find their near twins (the
    same ones), each from both sides' terms: sent them, the second process started 20 ms
    after this one on the 290 KB pair, which then waited 10 ms for its side. The left side's
    postings, which this one ranks against, are made while it waits for the right side (3 ms
    of the 5-6 it waited).
    """
    pending = pool.apply_async(pack_right, (left_terms, right_terms))
    idf, soft, numbers = _weighed(left_terms, right_terms)
    left = pack_terms(left_terms, idf, soft, numbers)
    postings = Postings(left, len(numbers))
    return [left, pending.get()], len(numbers), postings


def pack_right(left_terms: list[list[str]], right_terms: list[list[str]]) -> Packed:
    """The right side of :func:`pack_shared`, in the second process, which keeps it for its share
    of the ranking (:func:`rank_against_right`)."""
    _PACKED[:] = [pack_terms(right_terms, *_weighed(left_terms, right_terms))]
    return _PACKED[0]


_PACKED: list[Packed] = []
"""In the second process: the side it packed for the comparison under way."""


def rank_against_right(queries: Packed, terms: int, **options: Any) -> list[list[tuple[int, float]]]:
    """:func:`rank_indexed` of ``queries`` against the side this process packed
    (:func:`pack_right`): sent both sides, the task was 1.3 MB on the 290 KB InSciOut pair, too
    much for the pipe to take at once, and it reached the second process 7 ms late."""
    return rank_indexed(queries, _PACKED[0], terms, **options)


def _weighed(left_terms: list[list[str]], right_terms: list[list[str]]) -> tuple[dict[str, float], Soft, dict[str, int]]:
    """The terms weighed over both sides, their near twins, and each term's number (its place
    among the weights): the same in either process (see :func:`~tui.engine.align.vector.idf_of`)."""
    idf = idf_of(left_terms, right_terms)
    soft = soft_terms({t for ts in left_terms for t in ts}, {t for ts in right_terms for t in ts})
    return idf, soft, {term: number for number, term in enumerate(idf)}


def pack_terms(term_lists: list[list[str]], idf: dict[str, float], soft: Soft, numbers: dict[str, int]) -> Packed:
    """One side's statements, given as their terms, packed as vectors (runs in a worker too).

    ``numbers`` numbers every term. A statement that recurs is weighed and numbered once (see
    :func:`tui.engine.align.vector.weigh`).
    """
    number = numbers.__getitem__
    made: dict[tuple[str, ...], tuple[list[int], list[float], list[int], list[float]]] = {}
    indptr, ids, weights = [0], [], []
    reach_indptr, reach_ids, reach_weights = [0], [], []
    for terms in term_lists:
        key = tuple(terms)
        row = made.get(key)
        if row is None:
            vector = weigh(terms, idf, soft)
            row = made[key] = (list(map(number, vector.weights)), list(vector.weights.values()),
                               list(map(number, vector.reach)), list(vector.reach.values()))
        ids += row[0]
        weights += row[1]
        indptr.append(len(ids))
        reach_ids += row[2]
        reach_weights += row[3]
        reach_indptr.append(len(reach_ids))
    return Packed(np.array(indptr, np.int64), np.array(ids, np.int64), np.array(weights, np.float64),
                  np.array(reach_indptr, np.int64), np.array(reach_ids, np.int64),
                  np.array(reach_weights, np.float64))


def half_the_queries(left: Packed, right: Packed) -> int:
    """How many first rows of ``left`` hold half the distinct rows of both sides (all its rows
    when it holds fewer): a statement that recurs is ranked once (:func:`rank_indexed`), so
    the work of ranking is in the distinct ones."""
    keys = [_row_keys(packed) for packed in (left, right)]
    wanted = (len(set(keys[0])) + len(set(keys[1]))) // 2
    seen: set[tuple[int, ...]] = set()
    for row, key in enumerate(keys[0]):
        seen.add(key)
        if len(seen) >= wanted:
            return row + 1
    return left.size


def _row_keys(packed: Packed) -> list[tuple[int, ...]]:
    """Each row's term numbers: rows with the same terms are the same vector."""
    indptr, ids = packed.indptr.tolist(), packed.ids.tolist()
    return [tuple(ids[start:end]) for start, end in pairwise(indptr)]


Query = tuple[tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[float, ...]]
"""One query row: its term numbers and weights, and those of the near twins it reaches."""


class Postings:
    """For each term, the targets holding it (as a term or a near twin) and their weights."""

    def __init__(self, targets: Packed, terms: int) -> None:
        self.size = targets.size
        self.weights = _postings(targets.indptr, targets.ids, targets.weights, terms)
        self.reach = _postings(targets.reach_indptr, targets.reach_ids, targets.reach_weights, terms)

    def parts(self, ids: Sequence[int], weights: Sequence[float], reach_ids: Sequence[int],
              reach_weights: Sequence[float]) -> list[tuple[np.ndarray, np.ndarray, float]]:
        """The postings a query's score is summed over: (targets, their weights, factor)."""
        found = []
        for term, weight in zip(ids, weights):
            hit = self.weights[term]
            if hit is not None:
                found.append((hit[0], hit[1], weight))
            hit = self.reach[term]
            if hit is not None:
                found.append((hit[0], hit[1], 0.5 * weight))
        for term, weight in zip(reach_ids, reach_weights):
            hit = self.weights[term]
            if hit is not None:
                found.append((hit[0], hit[1], 0.5 * weight))
        return found


def _postings(indptr: np.ndarray, ids: np.ndarray, weights: np.ndarray, terms: int
              ) -> list[tuple[np.ndarray, np.ndarray] | None]:
    """Per term, the rows holding it in row order and their weights (None: no row)."""
    rows = np.repeat(np.arange(len(indptr) - 1, dtype=np.int32), np.diff(indptr))
    order = np.argsort(ids, kind="stable")  # stable: each term's rows stay in row order
    bounds = np.searchsorted(ids[order], np.arange(terms + 1)).tolist()
    sorted_rows, sorted_weights = rows[order], weights[order]
    return [
        (sorted_rows[start:end], sorted_weights[start:end]) if end > start else None
        for start, end in pairwise(bounds)
    ]


def rank_indexed(
    queries: Packed,
    targets: Packed | Postings,
    terms: int,
    *,
    limit: int,
    score_cutoff: float | None,
    progress: Callable[[float], None] | None = None,
    rows: range | None = None,
) -> list[list[tuple[int, float]]]:
    """For each query, its ``limit`` best targets as ``(index, score 0–100)``, best first.

    Args:
        queries: Statements to find counterparts for.
        targets: Statements to choose from, or their postings made beforehand.
        terms: How many term numbers the two use (from :func:`pack`).
        limit: How many to keep per query.
        score_cutoff: Least score kept (None: any score above 0).
        progress: Hears the share of queries done, every :data:`REPORT_EVERY` queries.
        rows: Only these queries (all when None).

    Returns:
        One list per query asked, ties broken by target index.
    """
    postings = targets if isinstance(targets, Postings) else Postings(targets, terms)
    floor = max(score_cutoff or 0.0, 0.05)
    rows = rows if rows is not None else range(queries.size)
    indptr, reach_indptr = queries.indptr.tolist(), queries.reach_indptr.tolist()
    ids, weights = queries.ids.tolist(), queries.weights.tolist()
    reach_ids, reach_weights = queries.reach_ids.tolist(), queries.reach_weights.tolist()
    asked: list[Query] = []
    for row in rows:
        a, b = indptr[row], indptr[row + 1]
        c, d = reach_indptr[row], reach_indptr[row + 1]
        asked.append((tuple(ids[a:b]), tuple(weights[a:b]), tuple(reach_ids[c:d]), tuple(reach_weights[c:d])))
    distinct = list(dict.fromkeys(asked))  # a statement that recurs (a repeated sentence) is ranked once
    found: dict[Query, list[tuple[int, float]]] = {}
    reported = -REPORT_EVERY
    for first in range(0, len(distinct), BLOCK):
        if progress is not None and first - reported >= REPORT_EVERY:
            progress(first / len(distinct))
            reported = first
        block = distinct[first:first + BLOCK]
        found.update(zip(block, _best_block(postings, [postings.parts(*query) for query in block], limit, floor)))
    return [list(found[query]) for query in asked]


BLOCK = 16
"""Queries scored together: one sum over their postings, so NumPy's fixed costs are paid once
for all of them, while their scores (16 × the targets) still fit in the cache."""
REPORT_EVERY = 1_000
"""Queries between two progress reports."""


def _best_block(postings: Postings, block: list[list[tuple[np.ndarray, np.ndarray, float]]], limit: int,
                floor: float) -> list[list[tuple[int, float]]]:
    """Each query's best targets: the scores summed over its postings, then the top kept.

    The queries' scores are summed in one ``bincount``, query ``q``'s target ``t`` in bin
    ``q × size + t``: each bin still adds the same products in the same order as a bincount
    of that query alone, so every score is the same float.
    """
    size = postings.size
    targets: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    factors: list[float] = []
    lengths: list[int] = []
    for number, parts in enumerate(block):
        offset = number * size
        for hit, weight, factor in parts:
            targets.append(hit + offset if offset else hit)
            weights.append(weight)
            factors.append(factor)
            lengths.append(len(hit))
    if not targets:
        return [[] for _ in block]
    # (array methods rather than NumPy's functions, which reach them through a Python wrapper)
    values = np.concatenate(weights) * np.array(factors).repeat(lengths)
    raw = np.bincount(np.concatenate(targets), weights=values, minlength=size * len(block))
    kept = (raw >= floor / 100.0 - 1e-9).nonzero()[0]
    scores = np.minimum(100.0 * raw[kept], 100.0).round(1)
    mask = scores >= floor
    kept, scores = kept[mask], scores[mask]
    bounds = kept.searchsorted(np.arange(len(block) + 1) * size).tolist()
    # Each query keeps the targets scoring at least its limit-th best score (ties included),
    # then the block is ordered once by query, score (best first) and target.
    counts = [end - start for start, end in pairwise(bounds)]
    floors = np.full(len(block), -np.inf)
    for number, (start, end) in enumerate(pairwise(bounds)):
        if end - start > limit:
            part = scores[start:end].copy()
            part.partition(end - start - limit)
            floors[number] = part[end - start - limit]
    query = np.arange(len(block), dtype=np.int64).repeat(counts)
    mask = scores >= floors.repeat(counts)
    kept, scores, query = kept[mask], scores[mask], query[mask]
    targets = kept - query * size
    order = np.lexsort((targets, -scores, query))
    query, found, found_scores = query[order], targets[order].tolist(), scores[order].tolist()
    starts = query.searchsorted(np.arange(len(block) + 1)).tolist()
    return [list(zip(found[start:min(end, start + limit)], found_scores[start:min(end, start + limit)]))
            for start, end in pairwise(starts)]
