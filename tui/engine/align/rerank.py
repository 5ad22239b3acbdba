"""A learned second look at each derived claim's counterparts: which source statement says it.

The first ranking (:mod:`tui.engine.align.align`) scores a pair by the cosine of its TF-IDF
vectors, a symmetric measure: a short statement of an abstract's aim that shares the topic
words ("To assess hydroxychloroquine in patients with covid-19…") outranks the result the
claim restates ("…76% in the treatment group and 75% in the control group"). This step
re-orders a claim's best candidates by a listwise logistic model (a conditional logit over
one claim's candidates) on readings a reviewer can follow:

- how much of the claim the statement covers, plainly and weighted by rarity in the source,
  and how much of the statement the claim covers; shared word pairs; shared numbers; whether
  both state a share of a whole ("over one third" against "78 patients (36.4%)"), which the
  pipeline tells from the quantity reader;
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
from itertools import accumulate, pairwise

import numpy as np
import numpy.typing as npt

NAMES = (
    "score", "score_gap", "score_is_best", "first_rank", "inverse_rank",
    "covers_claim", "covers_claim_rare", "rare_gap", "claim_covers", "claim_covers_rare",
    "word_pairs", "numbers_shared", "claim_number_missing", "share_in_both",
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
    shares: list[bool]
    """Per statement: whether it states a share of a whole (``Facts.shares``)."""
    idf: dict[str, float]
    rare: list[float]
    """Per statement: the rarity (IDF) of its words, summed."""
    static: list[tuple[float, ...]]
    """Per statement: length … states_aim (the readings that do not depend on the claim)."""
    table: npt.NDArray[np.float64]
    """:attr:`static` as one array, a row per statement."""


def read_sources(texts: Sequence[str], terms: Sequence[Sequence[str]], shares: Sequence[bool] | None = None
                 ) -> Sources:
    """Read the source claims (in document order) for ranking; a text that recurs is read once
    (only the section it stands in is read each time). ``shares``: whether each states a share
    of a whole (none does when not given)."""
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
        shares=list(shares) if shares is not None else [False] * count,
        idf=idf,
        rare=[rare[words] if words in rare else rare.setdefault(words, math.fsum([idf[w] for w in words]) or 1.0)
              for words in sets],
        static=static,
        table=np.array(static, dtype=np.float64).reshape(count, len(NAMES) - _STATIC_FROM),
    )


_STATIC_FROM = NAMES.index("length")
"""The first of the readings that do not depend on the claim."""
Item = tuple[str, Sequence[str], Sequence[tuple[int, float]], bool]
"""One claim to rank: its text, its content terms, its candidates ``(source index, score)`` and
whether it states a share of a whole."""


def readings(claim: str, claim_terms: Sequence[str], hits: Sequence[tuple[int, float]], sources: Sources,
             share: bool = False) -> npt.NDArray[np.float64]:
    """One row of :data:`NAMES` per candidate ``(source index, score)`` of one claim, ranked."""
    return readings_of([(claim, claim_terms, hits, share)], sources)[0]


def readings_of(items: Sequence[Item], sources: Sources) -> tuple[npt.NDArray[np.float64], list[int]]:
    """:func:`readings` of many claims at once: their rows one under the other, and where each
    claim's rows begin (one more bound at the end).

    The readings that compare a claim with a candidate are counted in Python, candidate by
    candidate; the divisions and the rest are done by NumPy column by column, which gives the
    very floats of Python's own operators (a quotient of two floats, or of two small integers,
    is the correctly rounded one either way).
    """
    idf, terms, source_pairs, source_numbers = sources.idf, sources.terms, sources.pairs, sources.numbers
    source_shares = sources.shares
    # Per candidate: source index, score, rank, shared words, their rarity, the source's words,
    # shared word pairs, whether a number is shared, whether one of the claim's is missing,
    # whether both state a share.
    met: list[tuple[float, ...]] = []
    # Per claim: the best score, its words (at least 1), its word pairs (at least 1), their rarity.
    claims: list[tuple[float, ...]] = []
    counts: list[int] = []
    for claim, claim_terms, hits, share in items:
        words = frozenset(claim_terms)
        pairs = frozenset(pairwise(claim_terms))
        numbers = frozenset(_NUMBER.findall(claim))
        rare = math.fsum([idf.get(w, 1.0) for w in words]) or 1.0
        claims.append((max((score for _, score in hits), default=0.0), max(1, len(words)), max(1, len(pairs)), rare))
        counts.append(len(hits))
        for rank, (at, score) in enumerate(hits):
            other = terms[at]
            shared = words & other
            found = source_numbers[at]
            met.append((at, score, rank, len(shared), math.fsum(map(idf.__getitem__, shared)), len(other),
                        len(pairs & source_pairs[at]) if pairs else 0,
                        bool(numbers & found) if numbers else False, bool(numbers - found) if numbers else False,
                        share and source_shares[at]))
    bounds = [0, *accumulate(counts)]
    table = np.array(met, dtype=np.float64).reshape(len(met), 10)
    claim_of = np.repeat(np.array(claims, dtype=np.float64).reshape(len(claims), 4), counts, axis=0)
    index = table[:, 0].astype(np.intp)
    score_of, top_score, rank_of = table[:, 1], claim_of[:, 0], table[:, 2]
    shared_of, rare_of = table[:, 3], table[:, 4]
    rows = np.empty((len(met), len(NAMES)), dtype=np.float64)
    rows[:, 0] = score_of / 100
    rows[:, 1] = (score_of - top_score) / 100
    rows[:, 2] = score_of >= top_score
    rows[:, 3] = rank_of == 0
    rows[:, 4] = 1 / (1 + rank_of)
    rows[:, 5] = shared_of / claim_of[:, 1]
    rows[:, 6] = rare_of / claim_of[:, 3]
    rows[:, 8] = shared_of / np.maximum(1, table[:, 5])
    rows[:, 9] = rare_of / np.array(sources.rare, dtype=np.float64)[index]
    rows[:, 10] = table[:, 6] / claim_of[:, 2]
    rows[:, 11:14] = table[:, 7:10]
    rows[:, _STATIC_FROM:] = sources.table[index]
    starts = [start for start, end in pairwise(bounds) if end > start]
    if starts:  # rare_gap: how far each candidate's rare cover falls short of its claim's best
        column = rows[:, 6]
        rows[:, 7] = column - np.repeat(np.maximum.reduceat(column, starts), np.diff([*starts, bounds[-1]]))
    return rows, bounds


PLAIN: dict[str, tuple[str, str]] = {
    "section_finding": ("it stands under Results or Conclusions", ""),
    "section_other": ("", "the other stands under Background, Methods or Objective"),
    "share_in_both": ("it states a share of a whole, as the claim does", ""),
    "covers_claim_rare": ("it has more of the claim's rarer words", ""),
    "covers_claim": ("it has more of the claim's words", ""),
    "claim_covers": ("more of its words are the claim's", ""),
    "word_pairs": ("it shares more of the claim's word pairs", ""),
    "numbers_shared": ("it gives a number the claim gives", ""),
    "claim_number_missing": ("", "the other lacks a number the claim gives"),
    "length": ("it is longer", ""),
    "very_short": ("", "the other is very short"),
    "states_aim": ("", "the other states an aim, not a finding"),
    "has_percent": ("it gives a percentage", ""),
}
"""The readings a reviewer can follow, in words: what it says when the first counterpart has
more of it (a reading that puts a candidate first), and when the other has more of it (one
that puts a candidate back). The rest (the first ranking's score and rank) need no telling."""
LEAST_PUSH = 0.05
"""Smallest push (weight × difference) worth naming."""


SURELY_APART = 2e-9
"""Worths further apart than this stay in their order when rounded to 9 places (each moves
by at most half of 1e-9), so :meth:`Ranker.orders` need not round them."""


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
            ranked = sorted(range(len(worth)), key=worth.__getitem__, reverse=True)  # stable: ties by position
            if all(worth[a] - worth[b] > SURELY_APART for a, b in pairwise(ranked)):
                out.append(ranked)  # no two round to the same 9 places: rounding keeps this order
            else:
                out.append([k for _, k in sorted([(-round(value, 9), k) for k, value in enumerate(worth)])])
        return out

    def why(self, rows: npt.NDArray[np.float64], first: int, other: int) -> tuple[str, ...]:
        """What puts candidate ``first`` ahead of candidate ``other`` (rows of one claim), in
        words: the two readings of :data:`PLAIN` that push hardest its way, hardest first."""
        pushes = self.weights * (rows[first] - rows[other])
        named = []
        for k, name in enumerate(NAMES):
            if name in PLAIN and pushes[k] > LEAST_PUSH:
                words = PLAIN[name][0 if self.weights[k] > 0 else 1]
                if words:
                    named.append((-float(pushes[k]), words))
        return tuple(words for _, words in sorted(named)[:2])

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
