"""Split a document into statements with spans (first cut; see the segmentation work).

Invariant: spans index the original text and ``text[start:end]`` is the statement, trimmed
of surrounding white space.
"""

from __future__ import annotations

import re

import pysbd

from tui.engine.model import Kind, Role, Statement

_BLOCK = re.compile(r"\S(?:.*\S)?", re.MULTILINE)


def segment(text: str, role: Role) -> list[Statement]:
    """Split ``text`` into statements, in document order.

    Args:
        text: The document's original text.
        role: Which side the document is on (decides the id prefix).

    Returns:
        Statements with ids ``s1``/``d1``…, spans into ``text`` and a kind.
    """
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    prefix = "s" if role is Role.SOURCE else "d"
    out: list[Statement] = []
    for block in _BLOCK.finditer(text):
        for span in segmenter.segment(block.group()):
            piece = span.sent
            lead = len(piece) - len(piece.lstrip())
            start = block.start() + span.start + lead
            end = start + len(piece.strip())
            if end <= start:
                continue
            words = text[start:end].split()
            kind = Kind.CLAIM if len(words) >= 6 else Kind.HEADING
            out.append(Statement(f"{prefix}{len(out) + 1}", role, len(out), start, end, text[start:end], kind))
    return out
