"""A learned second look at each derived claim's counterparts: which source statement says it.

The first ranking (:mod:`tui.engine.align.align`) scores a pair by the cosine of its TF-IDF
vectors, a symmetric measure: a short statement of an abstract's aim that shares the topic
words ("To assess hydroxychloroquine in patients with covid-19…") outranks the result the
claim restates ("…76% in the treatment group and 75% in the control group"). This step
re-orders a claim's best candidates by a listwise logistic model (a conditional logit over
one claim's candidates) on readings a reviewer can follow:

- how much of the claim the statement covers, plainly and weighted by rarity in the source,
  and how much of the statement the claim covers; shared word pairs; shared numbers;
- the first ranking's score, its rank and its gap to the best;
- its length, the section it stands in ("Results", "Methods"), whether it states a finding
  (numbers, per cent) or an aim ("we aimed to…").

The weights are trained by ``make train`` (``tools/train_rank.py``) on the dev claims with
annotated evidence and ship beside this module as ``ranker.npz``; reading them needs numpy.

Invariant: only the order changes. Every candidate keeps the first ranking's score, so the
numbers a reviewer sees still mean what the legend says; a claim's word-for-word twin is put
first afterwards as before.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

import numpy as np
import numpy.typing as npt

NAMES = (
    "score", "score_gap", "score_is_best", "first_rank", "inverse_rank",
    "covers_claim", "covers_claim_rare", "rare_gap", "claim_covers", "claim_covers_rare",
    "word_pairs", "numbers_shared", "claim_number_missing",
    "length", "very_short",
    "section_finding", "section_other", "has_number", "has_percent", "states_aim",
)
"""The readings of one (claim, candidate) pair, in the order of the ranker's weights."""

WEIGHTS_FILE = "ranker.npz"
FORMAT = 1
"""Version of the weights file; bumped when its layout changes."""

_SECTION = re.compile(
    r"^\W*(background|introduction|objectives?|aims?|purpose|methods?|design|setting|participants|"
    r"results?|findings|conclusions?|interpretation|discussion|importance)\b\s*[:.]?",
    re.IGNORECASE,
)
_FINDING_SECTIONS = frozenset({"result", "results", "findings", "conclusion", "conclusions", "interpretation",
                               "discussion"})
_AIM = re.compile(
    r"\b(?:aim|aims|aimed|objective|purpose|we (?:investigated|describe|examined|assessed|evaluated)|"
    r"to (?:assess|evaluate|describe|investigate|determine|examine)|this study)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![\w-])\d+(?:[.,]\d+)*")
"""A number on its own: not the 19 of "COVID-19" nor the 2 of "SARS-CoV-2"."""


@dataclass(frozen=True, slots=True)
class Sources:
    """What the ranker reads of the source claims once per comparison."""

    terms: list[frozenset[str]]
    pairs: list[frozenset[tuple[str, str]]]
    numbers: list[frozenset[str]]
    idf: dict[str, float]
    rare: list[float]
    """Per statement: the rarity (IDF) of its words, summed."""
    static: list[tuple[float, ...]]
    """Per statement: length … states_aim (the readings that do not depend on the claim)."""
    table: npt.NDArray[np.float64]
    """:attr:`static` as one array, a row per statement."""


def read_sources(texts: Sequence[str], terms: Sequence[Sequence[str]]) -> Sources:
    """Read the source claims (in document order) for ranking; a text that recurs is read once
    (only the section it stands in is read each time)."""
    count = len(texts)
    frequency: dict[str, int] = {}
    for words in terms:
        for word in set(words):
            frequency[word] = frequency.get(word, 0) + 1
    idf = {word: math.log((count + 1) / (n + 0.5)) for word, n in frequency.items()}
    static: list[tuple[float, ...]] = []
    section: str | None = None
    known: dict[str, tuple[str | None, float, float, float, float]] = {}
    for number, text in enumerate(texts):
        own = known.get(text)
        if own is None:
            label = _SECTION.match(text)
            own = known[text] = (label.group(1).lower() if label else None, math.log1p(len(text)) / 6,
                                 float(bool(_NUMBER.search(text))), float("%" in text), float(bool(_AIM.search(text))))
        if own[0] is not None:
            section = own[0]
        static.append((own[1], float(len(terms[number]) <= 2), float(section in _FINDING_SECTIONS),
                       float(section is not None and section not in _FINDING_SECTIONS), *own[2:]))
    sets = [frozenset(words) for words in terms]
    numbers: dict[str, frozenset[str]] = {}
    rare: dict[frozenset[str], float] = {}
    return Sources(
        terms=sets,
        pairs=[frozenset(pairwise(words)) for words in terms],
        numbers=[numbers[text] if text in numbers else numbers.setdefault(text, frozenset(_NUMBER.findall(text)))
                 for text in texts],
        idf=idf,
        rare=[rare[words] if words in rare else rare.setdefault(words, math.fsum([idf[w] for w in words]) or 1.0)
              for words in sets],
        static=static,
        table=np.array(static, dtype=np.float64).reshape(count, len(NAMES) - _STATIC_FROM),
    )


_STATIC_FROM = NAMES.index("length")
"""The first of the readings that do not depend on the claim."""
Item = tuple[str, Sequence[str], Sequence[tuple[int, float]]]
"""One claim to rank: its text, its content terms and its candidates ``(source index, score)``."""


def readings(claim: str, claim_terms: Sequence[str], hits: Sequence[tuple[int, float]], sources: Sources
             ) -> npt.NDArray[np.float64]:
    """One row of :data:`NAMES` per candidate ``(source index, score)`` of one claim, ranked."""
    return readings_of([(claim, claim_terms, hits)], sources)[0]


def readings_of(items: Sequence[Item], sources: Sources) -> tuple[npt.NDArray[np.float64], list[int]]:
    """:func:`readings` of many claims at once: their rows one under the other, and where each
    claim's rows begin (one more bound at the end).

    The readings that compare a claim with a candidate are counted in Python, candidate by
    candidate; the divisions and the rest are done by NumPy column by column, which gives the
    very floats of Python's own operators (a quotient of two floats, or of two small integers,
    is the correctly rounded one either way).
    """
    idf, terms, source_pairs, source_numbers = sources.idf, sources.terms, sources.pairs, sources.numbers
    index: list[int] = []
    scores: list[float] = []
    ranks: list[int] = []
    best: list[float] = []
    sizes: list[int] = []
    pair_counts: list[int] = []
    claim_rare: list[float] = []
    shared_counts: list[int] = []
    shared_rare: list[float] = []
    other_sizes: list[int] = []
    shared_pairs: list[int] = []
    numbers_shared: list[float] = []
    number_missing: list[float] = []
    bounds = [0]
    for claim, claim_terms, hits in items:
        words = frozenset(claim_terms)
        pairs = frozenset(pairwise(claim_terms))
        numbers = frozenset(_NUMBER.findall(claim))
        rare = math.fsum([idf.get(w, 1.0) for w in words]) or 1.0
        top = max((score for _, score in hits), default=0.0)
        count = len(hits)
        for rank, (at, score) in enumerate(hits):
            other = terms[at]
            shared = words & other
            shared_counts.append(len(shared))
            shared_rare.append(math.fsum([idf[w] for w in shared]))
            other_sizes.append(len(other))
            shared_pairs.append(len(pairs & source_pairs[at]) if pairs else 0)
            if numbers:
                found = source_numbers[at]
                numbers_shared.append(float(bool(numbers & found)))
                number_missing.append(float(bool(numbers - found)))
            else:
                numbers_shared.append(0.0)
                number_missing.append(0.0)
            index.append(at)
            scores.append(score)
            ranks.append(rank)
        best += [top] * count
        sizes += [max(1, len(words))] * count
        pair_counts += [max(1, len(pairs))] * count
        claim_rare += [rare] * count
        bounds.append(bounds[-1] + count)
    rows = np.empty((bounds[-1], len(NAMES)), dtype=np.float64)
    score_of = np.array(scores, dtype=np.float64)
    top_score = np.array(best, dtype=np.float64)
    rank_of = np.array(ranks, dtype=np.float64)
    shared_of = np.array(shared_counts, dtype=np.float64)
    rare_of = np.array(shared_rare, dtype=np.float64)
    rows[:, 0] = score_of / 100
    rows[:, 1] = (score_of - top_score) / 100
    rows[:, 2] = score_of >= top_score
    rows[:, 3] = rank_of == 0
    rows[:, 4] = 1 / (1 + rank_of)
    rows[:, 5] = shared_of / np.array(sizes, dtype=np.float64)
    rows[:, 6] = rare_of / np.array(claim_rare, dtype=np.float64)
    rows[:, 8] = shared_of / np.maximum(1, np.array(other_sizes, dtype=np.float64))
    rows[:, 9] = rare_of / np.array(sources.rare, dtype=np.float64)[index]
    rows[:, 10] = np.array(shared_pairs, dtype=np.float64) / np.array(pair_counts, dtype=np.float64)
    rows[:, 11] = numbers_shared
    rows[:, 12] = number_missing
    rows[:, _STATIC_FROM:] = sources.table[index]
    starts = [start for start, end in pairwise(bounds) if end > start]
    if starts:  # rare_gap: how far each candidate's rare cover falls short of its claim's best
        column = rows[:, 6]
        rows[:, 7] = column - np.repeat(np.maximum.reduceat(column, starts), np.diff([*starts, bounds[-1]]))
    return rows, bounds


@dataclass(frozen=True)
class Ranker:
    """Trained weights, one per reading: a candidate's worth is their dot product."""

    weights: npt.NDArray[np.float64]

    def order(self, rows: npt.NDArray[np.float64]) -> list[int]:
        """Positions of the candidates, best first (ties keep the first ranking's order)."""
        return self.orders(rows, [0, len(rows)])[0]

    def orders(self, rows: npt.NDArray[np.float64], bounds: Sequence[int]) -> list[list[int]]:
        """:meth:`order` of each claim's rows, ``rows[bounds[k]:bounds[k + 1]]`` (see
        :func:`readings_of`); each claim's worth is its own product, as :meth:`order` takes it."""
        out = []
        for start, end in pairwise(bounds):
            worth = (rows[start:end] @ self.weights).tolist()
            out.append([k for _, k in sorted([(-round(value, 9), k) for k, value in enumerate(worth)])])
        return out

    def to_bytes(self) -> bytes:
        """The weights as a small ``.npz`` file that names its readings."""
        out = io.BytesIO()
        np.savez(out, format=np.array(FORMAT), names=np.array(NAMES), weights=self.weights)
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Ranker:
        """Read weights written by :meth:`to_bytes`; refuse a file made for other readings."""
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            if int(stored["format"]) != FORMAT or tuple(str(n) for n in stored["names"]) != NAMES:
                raise ValueError("the ranker's weights were trained on other readings; run `make train`")
            return cls(np.asarray(stored["weights"], dtype=np.float64))


@cache
def shipped() -> Ranker:
    """The ranker that ships with claimdiff (``align/ranker.npz``)."""
    return Ranker.from_bytes(resources.files(__package__).joinpath(WEIGHTS_FILE).read_bytes())
