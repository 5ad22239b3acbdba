"""What a word is said of: the words near it, and which words say that a quantity goes one way.

An antonym or a direction flips a claim only where both sides say it of the same thing ("a
high inflammatory burden" against "a low inflammatory burden"), and a bound word before a
number ("less than 1.2 million") is no direction at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from tui.engine.align.text import STOP_WORDS, stem
from tui.engine.judge.numerals import VALUES

NEAR = 3
"""Words either side of an antonym or a direction word that say what it is about."""


def near(tokens: tuple[str, ...], stemmed: str) -> frozenset[str]:
    """Stems of the content words within :data:`NEAR` words of each word of ``tokens`` whose
    stem is ``stemmed``: what it is said of. An antonym flips a claim only where both sides
    say it of the same thing ("a high inflammatory burden" against "a low inflammatory
    burden"), not of something else ("early in World War I" against "posted to France late
    in 1916", "the majority of coronaviruses" against "a minority of infected animals")."""
    out: set[str] = set()
    for at, word in enumerate(tokens):
        if stem(word) == stemmed:
            out.update(stem(w) for w in tokens[max(0, at - NEAR):at + NEAR + 1] if w not in STOP_WORDS)
    out.discard(stemmed)
    return frozenset(out)


_BOUNDS = frozenset({"more", "less", "fewer", "over", "under", "above", "below", "least", "most", "greater",
                     "higher", "lower", "larger", "smaller", "up"})
"""Direction words that bound an amount when a number follows ("less than 1.2 million",
"over 850 million", "at least one", "up to 20"): a bound, not a quantity going one way."""
_LINKS = frozenset({"than", "to", "of", "then"})
"""Words between a bound and its number ("then" as claims misspell "than")."""


@lru_cache(maxsize=1 << 16)
def bounds(tokens: tuple[str, ...]) -> frozenset[str]:
    """Stems of the bound words (:data:`_BOUNDS`) that ``tokens`` use only before a number: no
    direction there. A word of the same stem used elsewhere ("lowered") still says one."""
    bounding: dict[int, str] = {}
    for at, word in enumerate(tokens):
        if word in _BOUNDS:
            after = tokens[at + 1:at + 3]
            if after and after[0] in _LINKS:
                after = after[1:]
            if after and (after[0][:1].isdecimal() or after[0] in VALUES or after[0] in ("a", "half")):
                bounding[at] = stem(word)  # "a million", "half the patients" too
    if not bounding:
        return frozenset()
    return frozenset(bounding.values()) - {stem(word) for at, word in enumerate(tokens) if at not in bounding}


def said_of_one_thing(d_tokens: tuple[str, ...], d_words: Iterable[str], s_tokens: tuple[str, ...],
                       s_words: Iterable[str]) -> bool:
    """Whether a word near one of ``d_words`` in the derived claim stands near one of
    ``s_words`` in the source (stems): two directions flip a claim only where both are said of
    the same thing ("reduce the spread" against "the spread increased"), not of two things
    ("limit travel to reduce the spread" against "travel is increasing")."""
    around = frozenset[str]().union(*(near(d_tokens, w) for w in d_words))
    return not around.isdisjoint(frozenset[str]().union(*(near(s_tokens, w) for w in s_words)))
