"""Word-level difference between two statements, as spans on both sides.

Like difflib's opcodes, :func:`diff_words` returns plain data, an ordered list of
:class:`WordOp` whose tags are ``equal``, ``replace``, ``insert`` and ``delete``; widgets and
exporters only render it. :func:`mark` turns the ops and the cues of each side into
non-overlapping :class:`Mark` runs that a renderer styles.

Invariants: every op's spans index the *original* strings (``left[a_start:a_end]``), ops come
in order and cover every word of both sides exactly once; words compare case-folded, with
curly quotes and dashes normalised, so a change of case alone is not a change. The module is
pure: no I/O, no UI imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from tui.engine.align.text import normalise

_WORD = re.compile(r"\w+(?:[.,'’\-/]\w+)*%?|[^\w\s]")
"""A word (numbers keep their decimal and thousands marks: 4.7, 50,000, 80%) or one symbol."""

EMPHASISED = frozenset({"number", "hedge", "booster", "negation"})
"""Cue categories a renderer should make stand out (the ones that change what a claim says)."""


class Token(NamedTuple):
    """One word or symbol with its span in the original string (a named tuple: a 1 MB pair's
    Markdown export makes 40,000, which as a frozen dataclass took a third of its word diffs)."""

    start: int
    end: int
    key: str
    """The normalised form compared (case-folded, quotes and dashes unified)."""


@dataclass(frozen=True, slots=True)
class WordOp:
    """One difflib opcode translated from word indices to character spans on both sides."""

    tag: str
    """``equal``, ``replace``, ``insert`` (words only on the right) or ``delete`` (only left)."""
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class Mark:
    """A run of one side's text and how to show it."""

    start: int
    end: int
    change: str
    """``same`` (shared word), ``changed`` (replaced), ``only`` (added or dropped) or ``gap``
    (white space and anything between words)."""
    cue: str | None = None
    """The cue category covering this run (see :data:`EMPHASISED`), if any."""


def tokens(text: str) -> list[Token]:
    """Split ``text`` into words and symbols with their spans.

    Args:
        text: Any string.

    Returns:
        Tokens in order; white space is never a token.
    """
    return [Token(m.start(), m.end(), _key(m.group())) for m in _WORD.finditer(text)]


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """A word's normalised form (words recur: a report reads each of them many times)."""
    return normalise(word)


def diff_words(left: str, right: str) -> list[WordOp]:
    """The word-level opcodes that turn ``left`` into ``right``.

    Args:
        left: One statement (in the app, the one under review).
        right: Its counterpart.

    Returns:
        Ops in order; an ``insert`` has an empty left span placed where the words would go,
        a ``delete`` an empty right span.
    """
    return list(_diff(left, right))


@lru_cache(maxsize=4096)
def _diff(left: str, right: str) -> tuple[WordOp, ...]:
    """:func:`diff_words`, kept for pairs that recur (a repeated paragraph, the app's redraws)."""
    a, b = tokens(left), tokens(right)
    matcher = SequenceMatcher(None, [t.key for t in a], [t.key for t in b], autojunk=False)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a_start, a_end = _span(a, i1, i2, len(left))
        b_start, b_end = _span(b, j1, j2, len(right))
        ops.append(WordOp(tag, a_start, a_end, b_start, b_end))
    return tuple(ops)


def _span(words: list[Token], i: int, j: int, length: int) -> tuple[int, int]:
    if i < j:
        return words[i].start, words[j - 1].end
    at = words[i].start if i < len(words) else length
    return at, at


def mark(left: str, right: str | None) -> tuple[list[Mark], list[Mark]]:
    """Runs of both sides labelled by change and cue, ready to style.

    Args:
        left: The statement under review.
        right: Its counterpart, or None when it has none (every word is then ``only``).

    Returns:
        (marks of ``left``, marks of ``right``); each list covers its string end to end
        with no overlap. ``right``'s list is empty when ``right`` is None.
    """
    if right is None:
        return _runs(left, [(0, len(left), "only")]), []
    a_changes: list[tuple[int, int, str]] = []
    b_changes: list[tuple[int, int, str]] = []
    for op in diff_words(left, right):
        label = {"equal": "same", "replace": "changed"}.get(op.tag, "only")
        if op.a_end > op.a_start:
            a_changes.append((op.a_start, op.a_end, label))
        if op.b_end > op.b_start:
            b_changes.append((op.b_start, op.b_end, label))
    return _runs(left, a_changes), _runs(right, b_changes)


def _runs(text: str, changes: list[tuple[int, int, str]]) -> list[Mark]:
    """Cut ``text`` at every change and cue boundary, labelling each piece.

    A change covers its words and the spaces between them, so a replaced phrase reads as
    one run; only the text between two ops is a ``gap``.
    """
    labels = ["gap"] * len(text)
    for start, end, label in changes:
        labels[start:end] = [label] * (end - start)
    cues: list[str | None] = [None] * len(text)
    for start, end, category in emphasis(text):
        for k in range(start, min(end, len(text))):
            cues[k] = cues[k] or category
    out: list[Mark] = []
    run_start = 0
    for k in range(1, len(text) + 1):
        if k == len(text) or labels[k] != labels[run_start] or cues[k] != cues[run_start]:
            out.append(Mark(run_start, k, labels[run_start], cues[run_start]))
            run_start = k
    return out


def emphasis(text: str) -> list[tuple[int, int, str]]:
    """Spans of ``text`` to emphasise: numbers, hedges and boosters, negations.

    Args:
        text: One statement.

    Returns:
        ``(start, end, category)`` for each cue of :data:`EMPHASISED` category, in order.
    """
    from tui.engine.lexicon.cues import find_cues

    return [(c.start, c.end, c.category) for c in find_cues(text) if c.category in EMPHASISED]
