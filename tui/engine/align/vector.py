"""A statement as a vector, and how one is made: the type that ranking (``align``) and the
inverted index (``index``) share, kept apart so that neither has to import the other to name
it or to make one (the index packs a side's vectors in the second process)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain

from rapidfuzz import fuzz, process

SOFT_TERM_MIN_LENGTH = 5
"""Shorter stems are too ambiguous for edit-distance matches (need/needl, pin/pain)."""
SOFT_TERM_CUTOFF = 75.0
"""Least rapidfuzz ``ratio`` for two different stems to count as the same term."""

Soft = dict[str, list[tuple[str, float]]]
"""Each stem's near twins on the other side, with their similarity (0-1)."""


@dataclass(frozen=True, slots=True)
class Vector:
    """A statement as a unit TF-IDF vector, with the near twins of its terms."""

    weights: dict[str, float]
    reach: dict[str, float]
    """Near twins of its terms that it lacks (smoke for smoker) → weight × similarity."""


def idf_of(left_terms: list[list[str]], right_terms: list[list[str]]) -> dict[str, float]:
    """Each term's inverse document frequency over both lists of statements' terms, in the order
    the terms first appear: the same in every process (a set's order follows the process's
    string hashing), so that two processes number the terms alike (:func:`tui.engine.align.index.pack_shared`)."""
    df = Counter(chain.from_iterable(map(dict.fromkeys, chain(left_terms, right_terms))))
    total = len(left_terms) + len(right_terms)
    return {term: math.log(1.0 + total / count) for term, count in df.items()}


def weigh(terms: list[str], idf: dict[str, float], soft: Soft) -> Vector:
    """Binary term weights times IDF, L2-normalised (in a sentence, a repeat adds little)."""
    weights = {term: idf[term] for term in set(terms)}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    weights = {term: w / norm for term, w in weights.items()}
    reach: dict[str, float] = {}
    for term in weights.keys() & soft.keys():
        for near, sim in soft[term]:
            if near not in weights:
                reach[near] = max(reach.get(near, 0.0), weights[term] * sim)
    return Vector(weights, reach)


def soft_terms(left: set[str], right: set[str]) -> Soft:
    """Pairs of near-identical stems across the two sides (smoker/smoke, tumour/tumor, typos).

    Only stems that share their first three letters and differ in length by at most three
    are compared, which keeps this linear in the vocabulary in practice.
    """
    soft: Soft = defaultdict(list)
    left_buckets, right_buckets = _buckets(left), _buckets(right)
    for prefix in sorted(left_buckets.keys() & right_buckets.keys()):
        choices = right_buckets[prefix]
        for term in left_buckets[prefix]:
            # rapidfuzz scores the bucket in one call; the order of the pairs does not matter.
            for other, score, _ in process.extract(term, choices, scorer=fuzz.ratio,
                                                   score_cutoff=SOFT_TERM_CUTOFF, limit=None):
                if other == term or abs(len(other) - len(term)) > 3:
                    continue
                soft[term].append((other, score / 100.0))
                soft[other].append((term, score / 100.0))
    return dict(soft)


def _buckets(terms: set[str]) -> dict[str, list[str]]:
    """Stems long enough for near-twin matching, by their first three letters, sorted."""
    buckets: dict[str, list[str]] = defaultdict(list)
    for term in sorted(terms):
        if len(term) >= SOFT_TERM_MIN_LENGTH and term[0].isalpha():
            buckets[term[:3]].append(term)
    return buckets
