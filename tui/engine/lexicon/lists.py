"""Read the word, phrase and pattern lists shipped beside this module.

Every list is a text file in ``tui/engine/lexicon/``: one entry a line, ``#`` starts a
comment line, and each file opens with a header saying where its entries come from. Code
keeps only short lists (30 entries at most, checked by a test); longer ones live here, so
a reader who asks "why is this word here?" finds the answer in one place.

Invariant: a list is read once per process and returned in file order (the order of a
regular-expression alternation is the order in which it tries its alternatives).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

STOP_WORD_USES = ("terms", "function", "title")
"""The rules that read ``stop_words.txt``, one tag each (see the file's header)."""


def read(name: str) -> str:
    """The whole text of one shipped list file.

    Args:
        name: The file name, e.g. ``"handwritten.txt"``.

    Returns:
        Its text, decoded as UTF-8.
    """
    return resources.files("tui.engine.lexicon").joinpath(name).read_text(encoding="utf-8")


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of a list file: its lines, stripped, without blank and comment lines."""
    return tuple(line.strip() for line in read(name).splitlines() if line.strip() and not line.lstrip().startswith("#"))


def words(name: str) -> frozenset[str]:
    """The entries of a list file as a set (words and phrases, matched whole)."""
    return frozenset(entries(name))


def alternation(name: str) -> str:
    """The entries of a pattern list joined into one regular-expression alternation, in order.

    The result is not grouped; the caller wraps it (``(?:…)``) where it is used.
    """
    return "|".join(entries(name))


@cache
def stop_words(use: str) -> frozenset[str]:
    """The words of the one stop-word list that one rule reads.

    Args:
        use: One of :data:`STOP_WORD_USES`.

    Returns:
        The words tagged with ``use`` in ``stop_words.txt``.
    """
    if use not in STOP_WORD_USES:
        raise ValueError(f"unknown stop-word use {use!r}; expected one of {', '.join(STOP_WORD_USES)}")
    return frozenset(word for word, *uses in map(str.split, entries("stop_words.txt")) if use in uses)


HEDGE_MIN_COUNT = 1
"""A BioScope dev cue counts for ``is_hedged`` when marked at least this often…"""
HEDGE_MIN_PRECISION = 0.5
"""…and at least this share of its dev occurrences were marked as speculation."""


def bioscope_hedges(*, min_count: int = HEDGE_MIN_COUNT, min_precision: float = HEDGE_MIN_PRECISION) -> list[str]:
    """The BioScope dev speculation cues that pass the selection rule.

    Args:
        min_count: Least times the cue was marked in the dev split.
        min_precision: Least share of its dev occurrences that were marked.

    Returns:
        Cue strings, lower case, most frequent first.
    """
    out: list[str] = []
    for line in read("hedge_bioscope_dev.tsv").splitlines():
        if not line or line.startswith(("#", "cue\t")):
            continue
        cue, count, _occurrences, precision = line.split("\t")
        if int(count) >= min_count and float(precision) >= min_precision:
            out.append(cue)
    return out
