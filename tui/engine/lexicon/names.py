"""A capitalised word inside a sentence is a name, not a cue.

"The music video "Shape of You" had 3.6 billion views" names a song: its *Shape* is no causal
verb. Nor is the *Will* of "Will Ferrell" a booster, the *Help* of "the Help! tour" a cause,
or the *No* of "No Country for Old Men" (or the *Little* of "The Brave Little Toaster") a
negation. In prose (a statement that ends as a sentence does, or is written in sentence case),
a cue whose first letter is the only capital of its word, and which does not open the sentence
(after any list marker: "- Cures …", "✅ Cures …") or a clause after a colon, is part of a name
or a title, and is not a cue. A heading in Title
Case ("Vitamin D Reduces Risk Of Death") keeps its cues, and so does a word in capitals
("NOT", "MAY").
"""

from __future__ import annotations

import re

Span = tuple[int, int, str]
"""(start, end, category) of one cue."""

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_OPENS = ".!?:;•*#>\n"
"""Characters after which a capital opens a sentence or a clause, not a name."""


def without_names(text: str, taken: list[Span]) -> list[Span]:
    """The cues of ``text`` less each one that is part of a name (see the module docstring)."""
    names = [span for span in taken if span[2] != "number" and _named(text, span[0])]
    if not names or not _prose(text):
        return taken
    return [span for span in taken if span not in names]


def _named(text: str, start: int) -> bool:
    """Whether the cue starting at ``start`` is a capitalised word inside a sentence."""
    first = text[start:start + 2]
    if len(first) < 2 or not (first[0].isupper() and first[1].islower()):
        return False
    before = text[:start].rstrip(" \t\"'“‘([")
    # after a list's dash or a pictograph alone ("- Cures …", "✅ Cures …") it opens the statement
    return bool(before) and before[-1] not in _OPENS and any(map(str.isalnum, before))


def _prose(text: str) -> bool:
    """Whether ``text`` ends as a sentence does, or most of its words after the first are
    written in lower case."""
    if _SENTENCE_END.search(text):
        return True
    words = _WORD.findall(text)[1:]
    capitals = sum(w[0].isupper() for w in words)
    return bool(words) and capitals * 2 < len(words)


def named(text: str) -> frozenset[str]:
    """The words (lower case) that ``text`` writes as part of a name: capitalised inside a
    sentence of prose, as :func:`without_names` reads a cue. For readers of the lower-cased
    words ("The Brave Little Toaster": {"brave", "little", "toaster"})."""
    if not _prose(text):
        return frozenset()
    found = {m.group().lower() for m in _CAPITALISED.finditer(text) if _named(text, m.start())}
    if not found:
        return frozenset()
    return frozenset(found.difference(_RUNS.findall(text)))  # less those also written in lower case


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z]+")
_RUNS = re.compile(r"\w+")
r"""Whole runs of word characters: a lower-case word also written in the text is one of them
(as ``\bword\b`` would find it), without a pattern compiled per word (84 on the 290 KB pair)."""
