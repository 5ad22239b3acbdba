"""What the decision reads of a pair: its text signals and the words only one side has.

The words only one side has are hashed into a fixed number of slots
(:func:`difference_slots`): the decision learns which added or dropped words tend to change
a claim ("no", "only", "first", "never"…) from the training data. :func:`text_rows` reads
many pairs at once, texts in and numbers out, so a second process can read a share of them.

Invariant: everything here reads the two texts only, and the abbreviations their documents
define (see :mod:`tui.engine.judge.signals`).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterator, Sequence
from functools import lru_cache

from tui.engine.judge.concepts import Concepts
from tui.engine.judge.quantity import read_quantities
from tui.engine.judge.signals import TEXT_NAMES, direction_stems, read, terms, text_signals

SIDE = 1 << 14
"""How many hashed slots the words only one side has are spread over, per side."""
SLOTS = 2 * SIDE
"""Slot weights in all: the claim's words first, then the source's."""

Slots = tuple[list[int], list[int]]
"""A pair's hashed slots: the claim's words alone, then the source's."""
TextRow = tuple[bool, list[float], Slots]
"""A pair as :func:`text_rows` reads it: the same text?, its :data:`TEXT_NAMES`, its slots."""


def text_rows(pairs: Sequence[tuple[str, str]], concepts: Concepts | None = None) -> list[TextRow]:
    """For each ``(derived, source)`` pair: whether the two read the same once normalised
    (then nothing else is read), the text signals in :data:`TEXT_NAMES` order and the hashed
    slots. Texts in, numbers out, so a second process can read a share of the pairs
    (``concepts``: the abbreviations the documents define)."""
    out: list[TextRow] = []
    for derived, source in pairs:
        if read(derived).plain == read(source).plain:
            out.append((True, [], ([], [])))
            continue
        signals = text_signals(derived, source, concepts)
        out.append((False, [signals[name] for name in TEXT_NAMES], difference_slots(derived, source, concepts)))
    return out


def difference_slots(derived: str, source: str, concepts: Concepts | None = None) -> Slots:
    """Hashed slots of the stems only the derived claim has, and of those only the source has
    (after :data:`SIDE`; a defined abbreviation and its long form are one term). Each side
    counts :func:`slot_value` a slot, so the many words a long source statement has alone
    weigh no more than a claim's few (see docs/evaluation.md)."""
    d_stems, s_stems = terms(derived, concepts)[1], terms(source, concepts)[1]
    return sorted({slot_of(w, 0) for w in d_stems - s_stems}), sorted({slot_of(w, 1) for w in s_stems - d_stems})


@lru_cache(maxsize=1 << 17)
def slot_of(word: str, side: int) -> int:
    """The slot of a stem only the derived claim (side 0) or only the source (side 1) has
    (remembered: the same words recur across a comparison's pairs)."""
    return zlib.crc32(f"{'+-'[side]}{word}".encode()) % SIDE + side * SIDE


def slot_value(count: int) -> float:
    """The value of each of one side's ``count`` slots: ``1/sqrt(count)``, so that many words
    weigh together about as much as a few."""
    return 1.0 / math.sqrt(count) if count else 0.0


AHEAD = 8
"""Texts read ahead in one step: about 1 ms, the most a task waits behind the reading."""


def read_ahead(texts: Sequence[str], concepts: Concepts | None = None) -> Iterator[None]:
    """What :func:`text_rows` reads of each of ``texts`` alone (:func:`read_alone`),
    :data:`AHEAD` texts a step: the second process's work whenever it waits for a task once both
    documents are segmented (:func:`tui.engine.serving.when_idle`), so that the pairs it reads
    later take less.

    On the 290 KB InSciOut pair it waited 0.06-0.08 s in the alignment alone; its pieces of
    pairs then took about a third less, so it read more of them and the first process fewer.
    """
    for start in range(0, len(texts), AHEAD):
        for text in texts[start:start + AHEAD]:
            read_alone(text, concepts)
        yield


def read_alone(text: str, concepts: Concepts | None = None) -> None:
    """Work out what the pair signals read of ``text`` alone, whatever it is paired with, and
    leave it remembered: its reading (:func:`~tui.engine.judge.signals.read`), the mentions of
    its terms, its amounts and the stems that may say which way a quantity goes. That is
    about half of reading a pair."""
    reading = read(text)
    if concepts:
        concepts.mentions(reading.tokens)  # what :func:`~tui.engine.judge.signals.terms` remembers
    direction_stems(reading.tokens)
    read_quantities(reading.plain)  # what ``reading.quantities`` gives
