"""Split a document into statements with spans and kinds: the engine's only segmenter.

Four steps, each in its own module: page structure first (``blocks``: blank lines, bullets,
headings, hand-made line breaks versus hard-wrapped paragraphs), then sentence ends inside
each block (``sentences``: pySBD's judgement, paid for only where a mark is in doubt), then
kinds (``kinds``: claim, heading, boilerplate, citation), then lists (``lists``: a lead-in
ending with ``:`` and its items become one statement). Entries under a *References*
heading are kept whole, one statement each, instead of being cut at every initial.

Invariant: statements are in document order, do not overlap, and ``text[start:end] ==
statement.text``, trimmed of surrounding white space. They never cross a blank line or a
bullet, except a lead-in with its list, which runs to the end of its last item. Ids are
``s1…`` for the source and ``d1…`` for the derived text; ``index`` counts from 0.
``segment`` is a pure function of its arguments.
"""

from __future__ import annotations

from tui.engine.model import Role, Statement
from tui.engine.segment.blocks import BULLET, Block, split_blocks
from tui.engine.segment.kinds import kinds
from tui.engine.segment.layout import Section, citation_shaped, layout
from tui.engine.segment.lists import list_groups, list_kind
from tui.engine.segment.sentences import Splitter


def segment(text: str, role: Role) -> list[Statement]:
    """Split ``text`` into statements, in document order.

    Args:
        text: The document's original text (any line endings; never changed).
        role: Which side the document is on (decides the id prefix).

    Returns:
        Statements with ids ``s1``/``d1``…, spans into ``text`` and a kind.
    """
    blocks = split_blocks(text)
    layouts = layout(text, blocks)
    splitter = Splitter()
    spans: list[list[tuple[int, int]]] = []
    for block, shape in zip(blocks, layouts):
        whole = shape.section is Section.REFERENCES and not shape.heading and (
            block.bullet or citation_shaped(text[block.start:block.end]))
        spans.append([(block.start, block.end)] if whole else _sentences(text, block, splitter))
    prefix = "s" if role is Role.SOURCE else "d"
    flat = [span for block_spans in spans for span in block_spans]
    found = kinds(text, blocks, spans, layouts)
    for first, last in reversed(list_groups(text, blocks, spans, layouts)):
        flat[first:last + 1] = [(flat[first][0], flat[last][1])]
        found[first:last + 1] = [list_kind(found[first:last + 1])]
    return [
        Statement(f"{prefix}{i + 1}", role, i, start, end, text[start:end], kind)
        for i, ((start, end), kind) in enumerate(zip(flat, found, strict=True))
    ]


def _sentences(text: str, block: Block, splitter: Splitter) -> list[tuple[int, int]]:
    """Sentence spans of a block; a list marker always stays with the sentence after it."""
    if not block.bullet:
        return splitter.split(text, block.start, block.end)
    marker = BULLET.match(text, block.start, block.end)
    rest = marker.end() if marker else block.start
    while rest < block.end and text[rest].isspace():
        rest += 1
    if rest >= block.end:
        return [(block.start, block.end)]
    found = splitter.split(text, block.start, block.end)
    if len(found) > 1 and found[0][1] <= rest:
        found[:2] = [(found[0][0], found[1][1])]
    return found
