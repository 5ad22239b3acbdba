"""Rank counterparts across the two documents: soft TF-IDF over stems, with rapidfuzz.

Why not a plain rapidfuzz scorer: every sentence of a pair shares the topic words ("MSC",
"COVID-19"), so ``token_set_ratio`` ranks short fragments above the sentence a claim restates.
Here each term is weighted by its rarity *within the pair* (IDF over both documents' claims),
and terms that differ only in spelling (a typo, tumour/tumor) still meet through rapidfuzz's
``ratio`` — the soft TF-IDF of Cohen, Ravikumar & Fienberg (2003). Scores are cosines on a
0–100 scale.

Invariant: the score of a pair does not depend on the direction asked, and the best
counterparts are exact: small pairs score every pair, large ones sum scores over an inverted
index (only pairs sharing a term or a near twin are touched), which keeps 10k × 10k
comparisons within seconds and full score matrices out of memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rapidfuzz import fuzz

from tui.engine.align.text import content_terms, find_abbreviations, long_forms
from tui.engine.align.twins import exact_first
from tui.engine.align.vector import Vector, idf_of, soft_terms, weigh
from tui.engine.model import Candidate, CompareOptions, Statement

if TYPE_CHECKING:
    from tui.engine.align.index import Packed, Postings
    from tui.engine.model import Worker

Rerank = Callable[[int, list[tuple[int, float]]], list[tuple[int, float]]]
"""Re-orders one derived claim's counterparts: its number, its ``(source index, score)`` pairs."""


@runtime_checkable
class SharedRerank(Protocol):
    """A :data:`Rerank` that takes all claims at once and may share them with a second process
    (:class:`tui.engine.align.reorder.Reorderer`)."""

    def __call__(self, number: int, hits: list[tuple[int, float]]) -> list[tuple[int, float]]: ...

    def prime(self, wanted: int) -> None:
        """Get ready for about ``wanted`` claims (called once the ranking is under way, or done)."""

    def many(self, jobs: Sequence[tuple[int, list[tuple[int, float]]]], meanwhile: Callable[[], None] | None = None
             ) -> list[list[tuple[int, float]]]:
        """Each ``(claim number, counterparts)`` re-ordered, in order; ``meanwhile`` is run
        here, while a second process orders, or first."""

HUB_NEIGHBOURS = 5
"""How many best counterparts measure a statement's hubness."""
_DEFAULTS = CompareOptions()
"""The one place defaults are written; ``align``'s knobs default to its values."""
RERANK_DEPTH = 10
"""How many of a claim's best counterparts a re-ranker sees."""
EXHAUSTIVE_PAIRS = 250_000
"""Up to this many pairs every pair is scored in plain Python; above, through the index."""


@dataclass(frozen=True, slots=True)
class Vectors:
    """The statements of both sides as vectors."""

    left: list[Vector]
    right: list[Vector]


def vectorise(left: Sequence[str], right: Sequence[str]) -> Vectors:
    """TF-IDF vectors of two lists of texts, IDF taken over both lists together.

    Abbreviations defined in either list are expanded in both, so "MSC" meets "mesenchymal
    stem cell".
    """
    abbreviations = find_abbreviations([*left, *right])
    return vectorise_terms(terms_of(left, abbreviations), terms_of(right, abbreviations))


def terms_of(texts: Sequence[str], abbreviations: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """The content terms of each text (see :func:`tui.engine.align.text.content_terms`); a text
    that recurs is read once."""
    forms = long_forms(abbreviations)
    seen: dict[str, list[str]] = {}
    out = []
    for text in texts:
        if text not in seen:
            seen[text] = content_terms(text, abbreviations, forms=forms)
        out.append(list(seen[text]))
    return out


def vectorise_terms(left_terms: list[list[str]], right_terms: list[list[str]]) -> Vectors:
    """TF-IDF vectors of two lists of term lists, IDF taken over both lists together."""
    idf = idf_of(left_terms, right_terms)
    soft = soft_terms({t for ts in left_terms for t in ts}, {t for ts in right_terms for t in ts})
    made: dict[tuple[str, ...], Vector] = {}  # a statement that recurs is one vector

    def vector(terms: list[str]) -> Vector:
        key = tuple(terms)
        found = made.get(key)
        if found is None:
            found = made[key] = weigh(terms, idf, soft)
        return found

    return Vectors([vector(ts) for ts in left_terms], [vector(ts) for ts in right_terms])


def similarity(a: Vector, b: Vector) -> float:
    """Soft cosine of two statements, 0–100 (symmetric).

    Shared terms count fully; a term of one that is only a near twin of a term of the other
    counts at the twins' similarity, half from each side so the pair counts once.
    """
    x, y = a.weights, b.weights
    total = sum(x[t] * y[t] for t in x.keys() & y.keys())
    if a.reach:
        total += 0.5 * sum(a.reach[t] * y[t] for t in a.reach.keys() & y.keys())
    if b.reach:
        total += 0.5 * sum(b.reach[t] * x[t] for t in b.reach.keys() & x.keys())
    return round(min(100.0, 100.0 * total), 1)


def _best(scored: list[tuple[int, float]], limit: int, score_cutoff: float | None) -> list[tuple[int, float]]:
    """The ``limit`` best of ``(index, score)`` pairs above the cut-off; ties by index."""
    cutoff = score_cutoff or 0.0
    kept = [pair for pair in scored if pair[1] > 0 and pair[1] >= cutoff]
    kept.sort(key=lambda pair: (-pair[1], pair[0]))
    return kept[:limit]


def rank_both(
    vectors: Vectors,
    *,
    limit: int,
    score_cutoff: float | None,
    pool: Worker | None = None,
    progress: Callable[[float], None] | None = None,
) -> tuple[list[list[tuple[int, float]]], list[list[tuple[int, float]]]]:
    """Best counterparts of every right-side statement among the left, and the reverse.

    Up to :data:`EXHAUSTIVE_PAIRS` pairs every pair is scored once and read both ways; above
    it each side is ranked through an inverted index (:mod:`tui.engine.align.index`), most of the
    reverse direction in ``pool`` when one is given. Both are exact, and symmetric by construction.
    ``progress`` hears the share of this process's ranking done, from time to time.
    """
    left, right = vectors.left, vectors.right
    if len(left) * len(right) > EXHAUSTIVE_PAIRS:
        # NumPy only for large pairs: start-up stays quick.
        from tui.engine.align.index import pack

        (packed_left, packed_right), terms = pack([left, right])
        return _rank_packed(packed_left, packed_right, terms, limit=limit, score_cutoff=score_cutoff, pool=pool,
                            progress=progress)
    matrix = [[similarity(r, item) for item in left] for r in right]
    forward = [_best(list(enumerate(row)), limit, score_cutoff) for row in matrix]
    backward = [
        _best([(i, row[j]) for i, row in enumerate(matrix)], limit, score_cutoff) for j in range(len(left))
    ]
    return forward, backward


def _rank_packed(
    packed_left: Packed, packed_right: Packed, terms: int, *, limit: int, score_cutoff: float | None,
    pool: Worker | None, progress: Callable[[float], None] | None, sent: Callable[[], None] | None = None,
    left_postings: Postings | None = None,
) -> tuple[list[list[tuple[int, float]]], list[list[tuple[int, float]]]]:
    """:func:`rank_both` of packed sides, through the index (most of the reverse direction in
    ``pool``; ``sent`` is called once that share is handed over, to queue more work behind it).
    ``left_postings``: the left side's, when :func:`~tui.engine.align.index.pack_shared` packed
    the sides (``pool`` then holds the right one)."""
    from tui.engine.align.index import half_the_queries, rank_against_right, rank_indexed

    if pool is not None:
        # The second process ranks the first rows of the reverse direction, this one its own
        # direction and then the rest: half the distinct queries each.
        theirs = half_the_queries(packed_left, packed_right)
        options = {"limit": limit, "score_cutoff": score_cutoff, "rows": range(theirs)}
        if left_postings is not None:  # done here if that process is gone, with this one's copy of that side
            pending = pool.apply_async(rank_against_right, (packed_left, terms), options,
                                       here=partial(rank_indexed, packed_left, packed_right, terms, limit=limit,
                                                    score_cutoff=score_cutoff, rows=range(theirs)))
        else:
            pending = pool.apply_async(rank_indexed, (packed_left, packed_right, terms), options)
        if sent is not None:
            sent()
        ahead = rank_indexed(packed_right, packed_left if left_postings is None else left_postings, terms, limit=limit,
                             score_cutoff=score_cutoff, progress=progress)
        mine = rank_indexed(packed_left, packed_right, terms, limit=limit, score_cutoff=score_cutoff,
                            rows=range(theirs, packed_left.size)) if theirs < packed_left.size else []
        return ahead, pending.get() + mine
    half = (lambda done: progress(done / 2)) if progress else None
    rest = (lambda done: progress(0.5 + done / 2)) if progress else None
    forward = rank_indexed(packed_right, packed_left, terms, limit=limit, score_cutoff=score_cutoff, progress=half)
    return forward, rank_indexed(packed_left, packed_right, terms, limit=limit, score_cutoff=score_cutoff,
                                 progress=rest)


def align(
    sources: list[Statement],
    deriveds: list[Statement],
    *,
    limit: int = _DEFAULTS.max_candidates,
    score_cutoff: float | None = _DEFAULTS.candidate_cutoff,
    terms: tuple[list[list[str]], list[list[str]]] | None = None,
    pool: Worker | None = None,
    progress: Callable[[str, float], None] | None = None,
    rerank: Rerank | None = None,
) -> tuple[dict[str, list[Candidate]], dict[str, list[Candidate]]]:
    """Rank counterparts for every statement on both sides.

    Args:
        sources: The source document's claims.
        deriveds: The derived document's claims.
        limit: How many counterparts to keep per statement (default: ``CompareOptions``').
        score_cutoff: Least score to keep a counterpart (None: keep any above 0; default:
            ``CompareOptions.candidate_cutoff``).
        terms: Each side's content terms when already worked out (:func:`terms_of`).
        pool: A worker to rank one direction in, for large pairs.
        progress: Hears a stage name and the share of the alignment done (0–1).
        rerank: Re-orders one derived claim's best :data:`RERANK_DEPTH` counterparts (given
            its number and ``(source index, score)`` pairs), e.g. by the learned ranker of
            :mod:`tui.engine.align.rerank`.

    Returns:
        ``(derived id → source candidates, source id → derived candidates)``, best first.
    """
    report = progress or (lambda stage, done: None)
    wide = max(max(limit, HUB_NEIGHBOURS) * 2, RERANK_DEPTH if rerank else 0)
    # A re-ranker also sees weak candidates: the evidence a claim paraphrases may share few words.
    cutoff = None if rerank else score_cutoff

    def ranked(done: float) -> None:
        report("ranking", 0.15 + 0.65 * done)

    if terms is not None and pool is not None and len(sources) * len(deriveds) > EXHAUSTIVE_PAIRS:
        from tui.engine.align.index import pack_shared

        # The second process makes and packs the derived claims' vectors meanwhile.
        (packed_left, packed_right), count, left_postings = pack_shared(*terms, pool)
        report("ranking", 0.15)
        # The second process reads the sources for the re-ranker as soon as its ranking is done
        # (it waited for this one's, 0.07 s on the 1 MB generated pair).
        forward, backward = _rank_packed(packed_left, packed_right, count, limit=wide, score_cutoff=cutoff,
                                         pool=pool, progress=ranked, sent=lambda: _prime(rerank, len(deriveds)),
                                         left_postings=left_postings)
    else:
        vectors = vectorise_terms(*terms) if terms is not None else vectorise([s.text for s in sources],
                                                                               [d.text for d in deriveds])
        report("ranking", 0.15)
        forward, backward = rank_both(vectors, limit=wide, score_cutoff=cutoff, pool=pool, progress=ranked)
    report("ranking", 0.8)
    _prime(rerank, len(deriveds))  # the second process reads the sources while hubness is corrected
    s_texts, d_texts = [s.text for s in sources], [d.text for d in deriveds]
    ahead = _hub_corrected(forward, backward, RERANK_DEPTH if rerank else limit, d_texts, s_texts)
    found: list[dict[str, list[Candidate]]] = []

    def source_side() -> None:
        """Every source statement's counterparts: they do not wait on the re-ordering."""
        behind = _hub_corrected(backward, forward, limit, s_texts, d_texts)
        if rerank:
            behind = [_above(hits, score_cutoff, limit, keep_first=False) for hits in behind]
            behind = [_with_best(hits, raw, limit) for hits, raw in zip(behind, backward, strict=True)]
        found.append({s.id: [Candidate(deriveds[i].id, sc) for i, sc in hits]
                      for s, hits in zip(sources, exact_first(behind, s_texts, d_texts, limit))})

    if rerank:
        jobs = [(number, hits) for number, hits in enumerate(ahead) if len(hits) > 1]
        if isinstance(rerank, SharedRerank):
            done = rerank.many(jobs, meanwhile=source_side)
        else:
            done = [rerank(number, hits) for number, hits in jobs]
        reordered = {number: hits for (number, _), hits in zip(jobs, done, strict=True)}
        ahead = [_above(reordered.get(number, hits), score_cutoff, limit) for number, hits in enumerate(ahead)]
        # Whether a statement has a counterpart must read the same from either side: keep each
        # one's best-scoring counterpart among those shown, whatever the order put first.
        ahead = [_with_best(hits, raw, limit) for hits, raw in zip(ahead, forward, strict=True)]
    if not found:
        source_side()
    return (
        {d.id: [Candidate(sources[i].id, s) for i, s in hits]
         for d, hits in zip(deriveds, exact_first(ahead, d_texts, s_texts, limit))},
        found[0],
    )


def _prime(rerank: Rerank | None, wanted: int) -> None:
    """Let a shared re-ranker get ready for ``wanted`` claims (it does so once)."""
    if isinstance(rerank, SharedRerank):
        rerank.prime(wanted)


def _above(
    hits: list[tuple[int, float]], cutoff: float | None, limit: int, *, keep_first: bool = True
) -> list[tuple[int, float]]:
    """The candidates at or above ``cutoff`` (and the re-ranker's first pick, whatever its score)."""
    kept = [hit for k, hit in enumerate(hits) if (keep_first and k == 0) or cutoff is None or hit[1] >= cutoff]
    return kept[:limit]


def _with_best(hits: list[tuple[int, float]], raw: list[tuple[int, float]], limit: int) -> list[tuple[int, float]]:
    """``hits`` with the best raw counterpart (the head of ``raw``) in the last place when
    re-ordering and trimming left it out."""
    if not raw or any(index == raw[0][0] for index, _ in hits):
        return hits
    return [*hits[: max(0, limit - 1)], raw[0]]


_SCORE = itemgetter(1)
"""A ranked hit's score."""


def _hub_corrected(
    ranked: list[list[tuple[int, float]]],
    other: list[list[tuple[int, float]]],
    limit: int,
    queries: Sequence[str],
    targets: Sequence[str],
) -> list[list[tuple[int, float]]]:
    """Re-order each list by the score less the target's hubness (CSLS, Conneau et al. 2018).

    A target close to everything (a generic sentence that shares the topic words) is worth
    less as a counterpart than its raw score says: its hubness is the mean score of its
    :data:`HUB_NEIGHBOURS` best counterparts on the other side. Scores stay the raw ones.
    Targets that tie (the same words in another order) go by how close their very wording
    is (rapidfuzz ``ratio``), then by document order.
    """
    hubness = [sum(map(_SCORE, hits[:HUB_NEIGHBOURS])) / HUB_NEIGHBOURS for hits in other]
    out = []
    done: dict[tuple[str, tuple[tuple[int, float], ...]], list[tuple[int, float]]] = {}
    for number, hits in enumerate(ranked):
        key = (queries[number], tuple(hits))  # a repeated statement with the same list is ordered once
        if key in done:
            out.append(list(done[key]))
            continue
        corrected = [round(2 * score - hubness[i], 6) for i, score in hits]
        tied: set[float] = set()
        if len(set(corrected)) < len(corrected):
            wordings: dict[float, set[str]] = {}
            for c, (i, _) in zip(corrected, hits, strict=True):
                wordings.setdefault(c, set()).add(targets[i])
            # a tie among copies of one wording is left to document order, as their ratios would leave it
            tied = {c for c, texts in wordings.items() if len(texts) > 1}
        keyed = [
            (-c, -fuzz.ratio(queries[number], targets[i]) if c in tied else 0.0, i, score)
            for c, (i, score) in zip(corrected, hits)
        ]
        keyed.sort()
        done[key] = [(i, score) for _, _, i, score in keyed[:limit]]
        out.append(list(done[key]))
    return out


def score_matrix(queries: Sequence[str], candidates: Sequence[str], *, hub_corrected: bool = True) -> list[list[float]]:
    """Scores of every query against every candidate, by brute force, for evaluation.

    Args:
        queries: Texts to find counterparts for.
        candidates: Texts to rank for each query.
        hub_corrected: Return the scores claimdiff *ranks* by (twice the score less the
            candidate's hubness, see :func:`_hub_corrected`) rather than the raw 0–100 scores.

    Returns:
        One row per query, one column per candidate. The IDF is taken over both lists, as in
        a comparison.
    """
    vectors = vectorise(list(candidates), list(queries))
    raw = [[similarity(q, c) for c in vectors.left] for q in vectors.right]
    if not hub_corrected or not raw:
        return raw
    columns = range(len(vectors.left))
    hubness = [
        sum(sorted((row[j] for row in raw), reverse=True)[:HUB_NEIGHBOURS]) / HUB_NEIGHBOURS for j in columns
    ]
    return [[2 * row[j] - hubness[j] for j in columns] for row in raw]
