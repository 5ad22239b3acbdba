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


def read_sources(texts: Sequence[str], terms: Sequence[Sequence[str]]) -> Sources:
    """Read the source claims (in document order) for ranking."""
    count = len(texts)
    frequency: dict[str, int] = {}
    for words in terms:
        for word in set(words):
            frequency[word] = frequency.get(word, 0) + 1
    idf = {word: math.log((count + 1) / (n + 0.5)) for word, n in frequency.items()}
    static = []
    section: str | None = None
    for number, text in enumerate(texts):
        label = _SECTION.match(text)
        if label:
            section = label.group(1).lower()
        static.append(tuple(float(value) for value in (
            math.log1p(len(text)) / 6,
            len(terms[number]) <= 2,
            section in _FINDING_SECTIONS, section is not None and section not in _FINDING_SECTIONS,
            bool(_NUMBER.search(text)), "%" in text, bool(_AIM.search(text)),
        )))
    sets = [frozenset(words) for words in terms]
    return Sources(
        terms=sets,
        pairs=[frozenset(pairwise(words)) for words in terms],
        numbers=[frozenset(_NUMBER.findall(text)) for text in texts],
        idf=idf,
        rare=[math.fsum([idf[w] for w in words]) or 1.0 for words in sets],
        static=static,
    )


def readings(claim: str, claim_terms: Sequence[str], hits: Sequence[tuple[int, float]], sources: Sources
             ) -> npt.NDArray[np.float64]:
    """One row of :data:`NAMES` per candidate ``(source index, score)`` of one claim, ranked."""
    words = frozenset(claim_terms)
    pairs = frozenset(pairwise(claim_terms))
    numbers = frozenset(_NUMBER.findall(claim))
    idf = sources.idf
    rare = math.fsum([idf.get(w, 1.0) for w in words]) or 1.0
    size, pair_count = max(1, len(words)), max(1, len(pairs))
    best = max((score for _, score in hits), default=0.0)
    out = []
    for rank, (index, score) in enumerate(hits):
        other = sources.terms[index]
        shared = words & other
        shared_rare = math.fsum([idf[w] for w in shared])
        found = sources.numbers[index]
        out.append((
            score / 100, (score - best) / 100, float(score >= best), float(rank == 0), 1 / (1 + rank),
            len(shared) / size, shared_rare / rare, 0.0,
            len(shared) / max(1, len(other)), shared_rare / sources.rare[index],
            len(pairs & sources.pairs[index]) / pair_count,
            float(bool(numbers & found)), float(bool(numbers - found)),
            *sources.static[index],
        ))
    rows = np.array(out, dtype=np.float64).reshape(len(hits), len(NAMES))
    if len(hits):
        column = NAMES.index("covers_claim_rare")
        rows[:, column + 1] = rows[:, column] - rows[:, column].max()
    return rows


@dataclass(frozen=True)
class Ranker:
    """Trained weights, one per reading: a candidate's worth is their dot product."""

    weights: npt.NDArray[np.float64]

    def order(self, rows: npt.NDArray[np.float64]) -> list[int]:
        """Positions of the candidates, best first (ties keep the first ranking's order)."""
        worth = rows @ self.weights
        return sorted(range(len(worth)), key=lambda k: (-round(float(worth[k]), 9), k))

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
