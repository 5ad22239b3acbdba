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

from collections.abc import Mapping, Sequence

Abbreviations = Mapping[str, tuple[str, ...]]
"""Short form (lower case) → the stems of its long form (:func:`tui.engine.align.text.find_abbreviations`)."""
Mentions = dict[str, tuple[int, ...]]
"""A statement's mentions of defined abbreviations: term (``#vte``) → the positions of its words."""


class Concepts:
    """A comparison's defined abbreviations, filed for finding their mentions in statements."""

    __slots__ = ("_by_first", "_defined", "_memo", "_shorts")

    def __init__(self, abbreviations: Abbreviations) -> None:
        self._defined = dict(abbreviations)
        self._shorts: dict[str, str] = {}
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for short, long in abbreviations.items():
            term = "#" + short
            self._shorts.setdefault(short, term)
            self._shorts.setdefault(short + "s", term)  # "MSCs", "VTEs"
            self._by_first.setdefault(long[0], []).append((long, term))
        for found in self._by_first.values():
            found.sort(key=lambda pair: -len(pair[0]))  # the longest long form first
        self._memo: dict[tuple[tuple[str, ...], tuple[str, ...]], Mentions] = {}

    def __bool__(self) -> bool:
        return bool(self._shorts)

    def __reduce__(self) -> tuple[type[Concepts], tuple[dict[str, tuple[str, ...]]]]:
        """Sent to the second process as its abbreviations (the memo stays here)."""
        return Concepts, (self._defined,)

    def mentions(self, tokens: Sequence[str], stems: Sequence[str]) -> Mentions:
        """Where a statement (its lower-case words and their stems) mentions a defined
        abbreviation, by its short form or its long form written out."""
        key = (tuple(tokens), tuple(stems))
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._find(tokens, stems)
        return found

    def _find(self, tokens: Sequence[str], stems: Sequence[str]) -> Mentions:
        out: dict[str, list[int]] = {}
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


def folded(words: frozenset[str], stems: Sequence[str], mentions: Mentions) -> frozenset[str]:
    """``words`` (a statement's stems, or its content stems) with each mentioned abbreviation's
    words read as its one term."""
    if not mentions:
        return words
    gone = {stems[at] for places in mentions.values() for at in places}
    return (words - gone) | frozenset(mentions)
