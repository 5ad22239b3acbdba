"""Split a document into statements with spans and kinds: the engine's only segmenter.

Three steps, each in its own module: page structure first (``blocks``: blank lines, bullets,
headings, hand-made line breaks versus hard-wrapped paragraphs), then sentence ends inside
each block (``sentences``: pySBD's judgement, paid for only where a mark is in doubt), then
kinds (``furniture``: claim, heading, boilerplate, citation). Entries under a *References*
heading are kept whole, one statement each, instead of being cut at every initial.

Invariant: statements are in document order, do not overlap, never cross a blank line or a
bullet, and ``text[start:end] == statement.text``, trimmed of surrounding white space. Ids
are ``s1…`` for the source and ``d1…`` for the derived text; ``index`` counts from 0.
``segment`` is a pure function of its arguments.
"""

from __future__ import annotations

from tui.engine.blocks import split_blocks
from tui.engine.furniture import Section, citation_shaped, is_heading_line, kinds, sections
from tui.engine.model import Role, Statement
from tui.engine.sentences import split_sentences


def segment(text: str, role: Role) -> list[Statement]:
    """Split ``text`` into statements, in document order.

    Args:
        text: The document's original text (any line endings; never changed).
        role: Which side the document is on (decides the id prefix).

    Returns:
        Statements with ids ``s1``/``d1``…, spans into ``text`` and a kind.
    """
    blocks = split_blocks(text)
    where = sections(text, blocks)
    spans: list[list[tuple[int, int]]] = []
    for block, section in zip(blocks, where):
        whole = section is Section.REFERENCES and not is_heading_line(text, block) and (
            block.bullet or citation_shaped(text[block.start:block.end]))
        spans.append([(block.start, block.end)] if whole else split_sentences(text, block.start, block.end))
    prefix = "s" if role is Role.SOURCE else "d"
    flat = [span for block_spans in spans for span in block_spans]
    return [
        Statement(f"{prefix}{i + 1}", role, i, start, end, text[start:end], kind)
        for i, ((start, end), kind) in enumerate(zip(flat, kinds(text, blocks, spans, where)))
    ]
