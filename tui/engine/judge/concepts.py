"""The abbreviations a comparison's documents define, read as one term on either side of a pair.

An abstract writes "venous thromboembolism (VTE)" once and "VTE" after it; a news story
writes the long form. Word by word, the story's claim "adds venous, thromboembolism", and the
source's "Coronavirus disease 2019" leaves a claim about COVID-19 "adding covid-19". The
alignment already joins a short form and its long form
(:func:`tui.engine.align.text.content_terms`); here the decision's readings of a pair do the
same: every mention of a defined abbreviation, short or long, is one term (``#vte``) on the
side that makes it, in the signals, the hashed words and the content reason alike.

Invariant: with no abbreviation defined (or none mentioned) a statement's terms are its
stems, exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from tui.engine.align.text import long_forms, stem

Abbreviations = Mapping[str, tuple[str, ...]]
"""Short form (lower case) → the stems of its long form (:func:`tui.engine.align.text.find_abbreviations`)."""
Mentions = dict[str, tuple[int, ...]]
"""A statement's mentions of defined abbreviations: term (``#vte``) → the positions of its words."""


class Concepts:
    """A comparison's defined abbreviations, filed for finding their mentions in statements
    (the long forms filed as the alignment files them, :func:`tui.engine.align.text.long_forms`)."""

    __slots__ = ("_by_first", "_defined", "_memo", "_shorts")

    def __init__(self, abbreviations: Abbreviations) -> None:
        self._defined = dict(abbreviations)
        plurals = {short + "s": "#" + short for short in abbreviations}  # "VTEs"
        self._shorts = {**plurals, **{short: "#" + short for short in abbreviations}}  # a short form before a plural
        self._by_first = long_forms(self._defined)
        self._memo: dict[tuple[str, ...], Mentions] = {}

    def __bool__(self) -> bool:
        return bool(self._shorts)

    def __reduce__(self) -> tuple[Callable[[Defined], Concepts], tuple[Defined]]:
        """Sent to the second process as its abbreviations (the memo stays here), where each
        task that brings them finds the same object (:func:`received`)."""
        return received, (tuple(self._defined.items()),)

    def mentions(self, tokens: tuple[str, ...]) -> Mentions:
        """Where a statement (its lower-case words) mentions a defined abbreviation, by its
        short form or its long form written out (remembered: a statement meets many)."""
        found = self._memo.get(tokens)
        if found is None:
            found = self._memo[tokens] = self._find(tokens)
        return found

    def _find(self, tokens: tuple[str, ...]) -> Mentions:
        out: dict[str, list[int]] = {}
        stems = [stem(w) for w in tokens]
        at = 0
        while at < len(tokens):
            term = self._shorts.get(tokens[at])
            if term is not None:
                out.setdefault(term, []).append(at)
                at += 1
                continue
            for long, term in self._by_first.get(stems[at], ()):
                if tuple(stems[at:at + len(long)]) == long:
                    out.setdefault(term, []).extend(range(at, at + len(long)))
                    at += len(long)
                    break
            else:
                at += 1
        return {term: tuple(places) for term, places in out.items()}


Defined = tuple[tuple[str, tuple[str, ...]], ...]
"""Abbreviations as items, as :class:`Concepts` travel to the second process."""


@lru_cache(maxsize=1)
def received(defined: Defined) -> Concepts:
    """The second process's :class:`Concepts` of these abbreviations: one object for all the
    comparison's tasks, so that the mentions one task found (or the idle reading,
    :func:`tui.engine.judge.rows.read_ahead`) are remembered for the next."""
    return Concepts(dict(defined))


def folded(words: frozenset[str], tokens: Sequence[str], mentions: Mentions) -> frozenset[str]:
    """``words`` (a statement's stems, or its content stems) with each mentioned abbreviation's
    words (of ``tokens``, the statement's words) read as its one term."""
    if not mentions:
        return words
    gone = {stem(tokens[at]) for places in mentions.values() for at in places}
    return (words - gone) | frozenset(mentions)
