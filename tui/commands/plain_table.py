"""The ``compare`` table without colour, drawn fast and exactly as Rich draws it.

Rich renders a 10,000-row table in about 8 s, most of it generic work for styles and
segments that an uncoloured table (piped, redirected) never shows; JSON of the same pair
takes under a second. So when the table carries no colour, Rich draws only what needs its
judgement, once, on a stand-in table of one row: the title, the header and the column widths
(with expanding ratio columns, widths depend only on the id and status columns and on each
column's longest word, which the stand-in row holds). The body rows are then wrapped here,
word for word as ``rich._wrap.divide_line`` and ``Text.truncate`` wrap and cut them.
Cells holding any character that Rich does not count as one cell (a tab, a wide or a
zero-width character) leave the whole table to Rich.

Invariant: the output equals Rich's, character for character (``tests/test_plain_table.py``
compares both on the seeds and on generated text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import pairwise
from typing import Any

RUN = re.compile(r"\S+")
"""The non-space characters of Rich's word (``rich._wrap.re_word``, which takes the white
space on either side too)."""


def draw(header: Any, rows: list[list[str]], *, narrow: bool, width: int) -> str | None:
    """The table body under Rich's ``header`` rendering, or None when Rich must draw it all.

    Args:
        header: A function ``(stand_in_row) -> str`` rendering the table, with its title and
            header, around one row, as Rich would at this width.
        rows: Every row's cells as plain text.
        narrow: Rows are separated by a line (``show_lines``).
        width: The console's width.
    """
    if not rows or not _one_cell_each(set("".join(cell for row in rows for cell in row))):
        return None
    columns = len(rows[0])
    stand_in = [_longest_word([row[c] for row in rows]) for c in range(columns)]
    drawn: str = header(stand_in)
    lines = drawn.split("\n")
    try:
        top = next(i for i, line in enumerate(lines) if line.startswith("┏"))
        under_header = next(i for i in range(top, len(lines)) if lines[i].startswith("┡"))
    except StopIteration:
        return None
    widths = [len(part) for part in lines[top][1:-1].split("┳")]
    if len(widths) != columns or any(w < 3 for w in widths):
        return None
    out = lines[:under_header + 1]
    separator = "├" + "┼".join("─" * w for w in widths) + "┤"
    line = ("│" + "│".join(f" {{:<{w - 2}}} " for w in widths) + "│").format  # each cell padded as ljust pads it
    for number, row in enumerate(rows):
        if narrow and number:
            out.append(separator)
        cells = [_wrap(cell, w - 2) for cell, w in zip(row, widths, strict=True)]
        height = max(map(len, cells))
        out += map(line, *(cell + ("",) * (height - len(cell)) for cell in cells))  # one call per drawn line
    out.append("└" + "┴".join("─" * w for w in widths) + "┘")
    return "\n".join(out) + "\n"


def _one_cell_each(characters: set[str]) -> bool:
    """Every character is one cell wide for Rich, so its cell counts are character counts
    (newlines aside, which split lines; a tab, a zero-width or wide character is not)."""
    from rich.cells import get_character_cell_size

    return all(ch == "\n" or (ch not in "\t\u200d\ufe0f" and get_character_cell_size(ch) == 1)
               for ch in characters)


def _longest_word(cells: list[str]) -> str:
    """The longest run of non-space characters in ``cells`` (whole cells of id and status)."""
    return max(" ".join(cells).split(), key=len, default="")  # the first of the longest, as a scan finds it


@lru_cache(maxsize=4096)
def _wrap(text: str, width: int) -> tuple[str, ...]:
    """``text`` wrapped to ``width`` cells as Rich wraps a table cell: ``divide_line`` without
    folding, then each line's overflow cut with an ellipsis (a column's default). Kept for
    cells that recur: a status, a reason, a repeated paragraph's statements."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:  # every word fits: one line, as it is
            out.append(line)
            continue
        bounds = [0, *_breaks(line, width), len(line)]
        for a, b in pairwise(bounds):
            part = line[a:b]
            if len(part) > width and (space := len(part) - len(part.rstrip())):  # Rich's Text.rstrip_end
                part = part[:len(part) - min(space, len(part) - width)]
            out.append(part if len(part) <= width else part[:width - 1] + "…")  # Rich's overflow="ellipsis"
    return tuple(out)


def _breaks(line: str, width: int) -> list[int]:
    """Where ``divide_line`` starts a new line, found by bisection over the words' ends.

    Rich's word is a run of non-space characters with the white space around it, and it fits
    when its last non-space character stays within ``width`` of the line's start. So a line
    ends before the first word whose run ends past that mark; a word longer than the column
    stands alone on its line (cut later). Word by word, as Rich walks them, this took 0.05 s
    more of the 1 MB pair's 0.35 s table.
    """
    ends = [match.end() for match in RUN.finditer(line)]
    found: list[int] = []
    first, start = 0, 0  # the line's first word, and where the line starts
    while True:
        crossing = bisect_right(ends, start + width, first)
        if crossing == first:  # the line's first word alone is longer than the column
            crossing += 1
        if crossing >= len(ends):
            return found
        start = RUN.search(line, ends[crossing - 1]).start()  # type: ignore[union-attr]  # the next word's, never None
        found.append(start)
        first = crossing
