"""The words a regular expression's match can begin with, so a lexicon is looked up, not scanned.

A cue lexicon is hundreds of alternatives ("suggest(?:s|ed|ing)?", "(has|have|had)\\s+been
\\s+shown"). Scanning a sentence with it means trying the alternation at every character,
for every category. Instead, :func:`first_words` reads each alternative's parse tree (CPython's
own regular-expression parser) and lists the words its match can open with, so a matcher
tokenises the sentence once and tries only the alternatives filed under each word it meets.

Invariant: the set returned is a superset of the first ``\\w+`` runs (lower-cased) of every
string the pattern can match; when that set is not finite and small, or the tree holds a
construct this module does not read, the answer is None and the caller must scan instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from tui.engine.lexicon.lists import read

try:  # CPython ≥ 3.11 keeps its parser here; without it every pattern is scanned.
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons
    parser = C = None

LIMIT = 2_000
"""Most first words one pattern may have before it is scanned instead."""
MAX_EXPANDED_REPEAT = 3
"""Bounded repeats up to this count are unrolled; longer ones give up."""

_WORD_CHAR = re.compile(r"\w")
_PLAIN_PHRASE = re.compile(r"([A-Za-z]+)(?:\\s\+[A-Za-z]+)*")
"""A pattern that is ASCII words joined by ``\\s+`` ("lack\\s+of"): its first word is its first
word, without parsing (more than half of the cue lexicon's alternatives)."""


class _Unreadable(Exception):
    """The pattern holds something whose first words cannot be listed."""


def first_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The lower-cased words a match of ``pattern`` can start with, or None when unknown.

    Args:
        pattern: A regular expression whose matches start at the start of a word.
        flags: The flags it is compiled with.

    Returns:
        A finite set of words (``\\w+`` runs, lower case), or None when the pattern may
        start with a non-word character, with an unbounded word, or with anything this
        reader does not understand.
    """
    plain = _PLAIN_PHRASE.fullmatch(pattern)
    if plain is not None:
        return frozenset({plain.group(1).lower()})
    return _parsed(pattern, flags)


def _parsed(pattern: str, flags: int) -> frozenset[str] | None:
    """:func:`first_words` read from the parse tree."""
    if parser is None:
        return None
    try:
        tree = parser.parse(pattern, flags)
        open_, closed = _walk(list(tree), {""})
    except (_Unreadable, re.error, RecursionError):
        return None
    words = open_ | closed
    if "" in words or not words:
        return None
    return frozenset(words)


def _walk(items: Sequence[tuple[Any, Any]], open_: set[str]) -> tuple[set[str], set[str]]:
    """Follow a sequence: (words still being read, words already ended by a non-word char)."""
    closed: set[str] = set()
    for op, av in items:
        if not open_:
            break
        open_, ended = _item(op, av, open_)
        closed |= ended
        if len(open_) + len(closed) > LIMIT:
            raise _Unreadable
    return open_, closed


def _item(op: Any, av: Any, open_: set[str]) -> tuple[set[str], set[str]]:
    if op is C.LITERAL:
        return _chars([chr(av)], open_)
    if op is C.IN:
        return _chars(_charset(av), open_)
    if op is C.SUBPATTERN:
        return _walk(list(av[-1]), open_)
    if op is C.BRANCH:
        return _union(_walk(list(branch), set(open_)) for branch in av[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        return _repeat(av, open_)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return open_, set()  # zero-width: the words can only be fewer
    raise _Unreadable


def _repeat(av: Any, open_: set[str]) -> tuple[set[str], set[str]]:
    low, high, body = av[0], av[1], list(av[2])
    results = []
    current, closed = set(open_), set[str]()
    for count in range(max(low, 0) + MAX_EXPANDED_REPEAT + 1):
        if count >= low:
            results.append((set(current), set(closed)))
        if count == high or not current:
            break
        current, ended = _walk(body, current)
        closed |= ended
    else:
        if current:  # an unbounded repeat still reading word characters
            raise _Unreadable
    return _union(results)


def _union(results: Iterable[tuple[set[str], set[str]]]) -> tuple[set[str], set[str]]:
    open_: set[str] = set()
    closed: set[str] = set()
    for a, b in results:
        open_ |= a
        closed |= b
    return open_, closed


def _chars(chars: Sequence[str | None], open_: set[str]) -> tuple[set[str], set[str]]:
    """One character from ``chars`` (None: some non-word character) after each open word."""
    word = {c.lower() for c in chars if c is not None and _WORD_CHAR.match(c)}
    ends = any(c is None or not _WORD_CHAR.match(c) for c in chars)
    return {w + c for w in open_ for c in word}, (set(open_) if ends else set())


def _charset(items: Sequence[tuple[Any, Any]]) -> list[str | None]:
    """The characters of a ``[...]`` set; None stands for any non-word character."""
    out: list[str | None] = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.RANGE and av[1] - av[0] <= 64:
            out.extend(chr(c) for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_SPACE:
            out.append(None)
        else:
            raise _Unreadable
    return out


FIRST_WORDS = "first_words.tsv"
"""The words each cue alternative can start with (:func:`first_words`), as shipped,
written by ``python tools/build_first_words.py``: parsing the alternatives that are no plain
phrase took 8 ms in each process. One that is missing is parsed as before, and a test holds the
file to what parsing gives now."""


@cache
def shipped() -> dict[str, frozenset[str] | None]:
    """:data:`FIRST_WORDS` read: an alternative, a tab, its words (``*``: they cannot be listed)."""
    out: dict[str, frozenset[str] | None] = {}
    for line in read(FIRST_WORDS).splitlines():
        if line and not line.startswith("#"):
            pattern, _, words = line.partition("\t")
            out[pattern] = None if words == "*" else frozenset(words.split())
    return out
