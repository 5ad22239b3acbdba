"""The antonym lists as stems: each stem with the stems of its antonyms ("increas" → "decreas").

Kept between runs of the program (:mod:`tui.engine.startup.derived`): stemming the lists'
6,098 words took 12 ms of every process that reads a pair's signals, both of a large pair's.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import TypeGuard

from tui.engine.align.text import stemmer_module, stems
from tui.engine.lexicon.lists import entries, read
from tui.engine.startup.derived import file_of, kept, source_of

LISTS = ("antonyms.txt", "antonyms_handwritten.txt")
"""The lists: two words a line, each the other's antonym."""


@cache
def antonym_stems() -> dict[str, frozenset[str]]:
    """Each stem of :data:`LISTS` with its antonyms' stems, as made from the same lists, code and
    stemmer by an earlier run of the program when it kept them."""
    stemmer = stemmer_module()
    inputs = [*(read(name) for name in LISTS), *source_of(__name__, "tui.engine.align.text"), stemmer,
              file_of(sys.modules.get(stemmer))]
    return kept("antonyms", inputs, _made, _is_table)


def _made() -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = {}
    lines = [line.split() for name in LISTS for line in entries(name)]
    stemmed = iter(stems([w for words in lines for w in words]))
    for a, b in zip(stemmed, stemmed):  # two words a line
        pairs.setdefault(a, set()).add(b)
        pairs.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in pairs.items()}


def _is_table(found: object) -> TypeGuard[dict[str, frozenset[str]]]:
    """Whether a kept value is such a table (a damaged file is made afresh)."""
    return isinstance(found, dict) and all(type(k) is str for k in found) and all(
        type(v) is frozenset for v in found.values())
