"""Page structure: split a text into blocks before anything looks for sentence ends.

A block is a paragraph, a bullet item, a heading or any other line that stands on its own.
Blank lines always separate blocks, and so does a line that opens with a bullet or list
marker. Inside a run of non-blank lines, a line break is a *wrap* (the paragraph goes on)
only when the next line's first word would not have fitted on the line before it, given the
longest line of the run; otherwise the break was made by hand (one-line blocks such as menu
entries, bylines, form messages) and the lines are separate blocks. Runs whose longest line
is short (under ``MIN_WRAP_WIDTH``) are never treated as wrapped prose.

Invariant: blocks are in document order, do not overlap, start and end on non-space
characters, and together cover every non-space character of the text. Only ``\\n``, ``\\r``
and ``\\r\\n`` (and the other characters ``str.splitlines`` knows) end lines; the text is
never changed, only indexed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.engine.lexicon.lists import stop_words

MIN_WRAP_WIDTH = 40
"""A run of lines whose longest line is shorter than this is a list of short lines, not
hard-wrapped prose."""

PICTOGRAPHS = "\u2300-\u23ff\u25a0-\u27bf\u2b50-\u2b55\U0001f300-\U0001faff"
"""Technical symbols, shapes, the miscellaneous symbols, dingbats, stars and the emoji blocks:
what social posts and ad copy open list items with ("✅ Reduces inflammation", "👉 Book now").
Not the plain arrows, which open a page's links ("← Previous post")."""

BULLET = re.compile(
    r"[ \t]*(?:[•◦▪▫‣⁃●○■□►▸➢✓✔·*+\-–—](?=\s)|\(?\d{1,3}[.)]\)?(?=\s)|\[\d{1,3}\](?=\s)"
    rf"|\(?[a-z]\)(?=\s)|#{{1,6}}(?=\s)|[{PICTOGRAPHS}][\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]?(?=\s))"
)
"""A line that opens with a bullet, a list number (``1.``, ``1)``, ``(1)``, ``[1]``), a
lettered item (``a)``, ``(a)``), a Markdown heading mark or a pictograph (one symbol, with its
variation selector or skin tone) starts a block of its own."""

_TITLE_SMALL_WORDS = stop_words("title")
"""Words a Title Case line leaves in lower case."""

_FIRST_WORD = re.compile(r"\s*(\S+)")
_CLOSING = ".,;:!?)]}"
"""A line that opens with one of these does not continue a wrapped paragraph."""


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of page structure: ``text[start:end]``, trimmed of white space."""

    start: int
    end: int
    lines: int
    """How many lines of the text the block spans (1 for a one-line block)."""
    bullet: bool
    """Whether the block opens with a bullet, list number or heading mark."""
    run: int = 0
    """Which run of non-blank lines the block belongs to (counted from 0); blocks of one run
    were separated by single line breaks only."""


@dataclass(slots=True)
class _Line:
    start: int
    """Offset of the first non-space character."""
    end: int
    """Offset just after the last non-space character."""
    width: int
    """Length of the line without its line ending, leading indentation included."""
    bullet: bool


def _lines(text: str) -> list[_Line | None]:
    """Non-blank lines with their offsets; ``None`` stands for a blank line."""
    out: list[_Line | None] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        content = body.rstrip()
        stripped = content.lstrip()
        if stripped:
            lead = len(content) - len(stripped)
            out.append(_Line(offset + lead, offset + len(content), len(content),
                             BULLET.match(content) is not None))
        else:
            out.append(None)
        offset += len(raw)
    return out


def _title_case(line: str) -> bool:
    """Whether a line reads as a title: three words or more, every other word capitalised,
    and no sentence end."""
    words = line.split()
    if len(words) < 3 or line[-1] in ".!?:;,":
        return False
    return all(w[0].isupper() or not w[0].isalpha() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _wrapped(text: str, before: _Line, after: _Line, width: int, opening: bool) -> bool:
    """Whether the break between two lines of one run is a soft wrap inside a paragraph.

    ``opening`` says that ``before`` is the first line of its block: a Title Case first line
    is a heading over the paragraph, not the paragraph's start.
    """
    if width < MIN_WRAP_WIDTH or after.bullet or text.startswith("#", before.start):
        return False
    if opening and _title_case(text[before.start:before.end]):
        return False
    if text[after.start] in _CLOSING:
        return False
    word = _FIRST_WORD.match(text, after.start)
    first = len(word.group(1)) if word else 0
    return before.width + 1 + first > width


def split_blocks(text: str) -> list[Block]:
    """Split ``text`` into blocks by blank lines, list markers and hand-made line breaks.

    Args:
        text: The document's original text (any line endings).

    Returns:
        The blocks in document order.
    """
    blocks: list[Block] = []
    run: list[_Line] = []
    runs = 0

    def flush() -> None:
        nonlocal runs
        if not run:
            return
        width = max(line.width for line in run)
        first = run[0]
        last = first
        count = 1
        for line in run[1:]:
            if _wrapped(text, last, line, width, last is first):
                last = line
                count += 1
                continue
            blocks.append(Block(first.start, last.end, count, first.bullet, runs))
            first = last = line
            count = 1
        blocks.append(Block(first.start, last.end, count, first.bullet, runs))
        runs += 1
        run.clear()

    for line in _lines(text):
        if line is None:
            flush()
        else:
            run.append(line)
    flush()
    return blocks
