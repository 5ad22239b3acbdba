"""Lists with a lead-in: "Common symptoms include:" and its bullets are one statement.

A list item such as "• dizziness" says nothing on its own; what it claims is the lead-in's
claim with the item filled in. So a lead-in (the last sentence of a block, ending with
``:``) followed by bullet or numbered items becomes one statement whose span runs from the
lead-in to the end of the last item. Because the span covers everything in between (line
breaks, indentation, markers), ``text[start:end] == statement.text`` still holds.

Which blocks are items:

* the blocks right after the lead-in that open with a bullet or list marker (``•``, ``-``,
  ``*``, ``1.``, ``a)``…), at most one blank line apart (a "loose" Markdown list);
* nested items go with the list that holds them; when the lead-in is itself an item
  ("- Symptoms:" over indented sub-items), only the items indented deeper than it are its
  own, and its siblings stay separate;
* a Markdown heading (``## Benefits:``) is a section title, not a lead-in, and ends a list.

A list longer than ``MAX_LIST_CHARS`` characters, lead-in included, stays as it was (the
lead-in and each item a statement of their own): one statement that long would dilute every
term in it for alignment, and a long list usually holds items that are sentences of their
own. A nested list inside it can still be grouped with its own lead-in. The length is the
one limit: a count of items would only stand in for it. Bullets with no lead-in are left
alone, one statement each.

Invariant: groups are in document order, do not overlap, and each names a contiguous run
of statements: the lead-in's last sentence and every sentence of its items.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.engine.model import Kind
from tui.engine.segment.blocks import Block
from tui.engine.segment.layout import Layout, Section

MAX_LIST_CHARS = 600
"""Longest list (lead-in through its last item, in characters) that becomes one statement."""

_CLOSING_MARKS = "*_\"'”’)]"
"""Marks that may close a lead-in after its colon (``**Symptoms include:**``)."""


def _line_breaks(text: str, start: int, end: int) -> int:
    """How many line breaks lie between two offsets (2 means one blank line)."""
    return len((text[start:end] + "x").splitlines()) - 1


def _indent(text: str, at: int) -> int:
    """The column of offset ``at`` on its line (tabs count as one column)."""
    line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
    return at - line_start


def _leads_in(text: str, block: Block, spans: Sequence[tuple[int, int]], shape: Layout) -> bool:
    """Whether a block's last sentence introduces a list: it ends with a colon."""
    if not spans or shape.section is Section.REFERENCES or text.startswith("#", block.start):
        return False
    start, end = spans[-1]
    return text[start:end].rstrip(_CLOSING_MARKS).endswith(":")


def _items(text: str, blocks: Sequence[Block], lead: int) -> int:
    """The index of the last block that is an item of the list led in by block ``lead``
    (``lead`` itself when none is)."""
    last = lead
    floor = _indent(text, blocks[lead].start) if blocks[lead].bullet else -1
    for j in range(lead + 1, len(blocks)):
        block = blocks[j]
        if (not block.bullet or text.startswith("#", block.start)
                or _line_breaks(text, blocks[j - 1].end, block.start) > 2
                or _indent(text, block.start) <= floor):
            break
        last = j
    return last


def list_groups(text: str, blocks: Sequence[Block], spans: Sequence[Sequence[tuple[int, int]]],
                layouts: Sequence[Layout]) -> list[tuple[int, int]]:
    """The runs of statements that are a lead-in and its list, to be read as one statement.

    Args:
        text: The document's text.
        blocks: Its blocks, in order.
        spans: The statement spans of each block.
        layouts: The layout of each block.

    Returns:
        ``(first, last)`` pairs of statement indexes (counted over all blocks, both ends
        included), in order; the lead-in's last sentence is ``first``.
    """
    firsts: list[int] = []
    count = 0
    for block_spans in spans:
        firsts.append(count)
        count += len(block_spans)
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(blocks):
        if not _leads_in(text, blocks[i], spans[i], layouts[i]):
            i += 1
            continue
        last = _items(text, blocks, i)
        if last == i or blocks[last].end - spans[i][-1][0] > MAX_LIST_CHARS:
            i += 1
            continue
        groups.append((firsts[i] + len(spans[i]) - 1, firsts[last] + len(spans[last]) - 1))
        i = last + 1
    return groups


def list_kind(parts: Sequence[Kind]) -> Kind:
    """The kind of a lead-in and its items read as one: a claim when any part of it is one
    (a heading-shaped label over fragments says something once they are read together),
    otherwise the lead-in's kind (a menu of links under "Follow us:" stays furniture)."""
    return Kind.CLAIM if Kind.CLAIM in parts else parts[0]
