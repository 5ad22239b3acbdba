"""Where each block of a document sits, and its shape: the section state machine.

A document runs preamble → body → back matter → references → tail. Everything under a
*References* (*Bibliography*, *Works cited*…) heading that has the shape of a reference is a
citation; a short back-matter heading (*Conflict of interest*, *Funding*, *Disclaimer*…)
opens back matter until the next heading or body paragraph. The first body paragraph (a
block of 30 words or more with a sentence end and a fair share of function words) ends the
preamble. :mod:`tui.engine.segment.kinds` reads these layouts to give each statement its kind.

Invariant: ``layout`` returns exactly one layout per block, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from tui.engine.lexicon.lists import alternation, stop_words
from tui.engine.segment.blocks import Block


class Section(Enum):
    """Where a block sits in the document."""

    PREAMBLE = "preamble"
    """Before the first body paragraph."""
    BODY = "body"
    BACK_MATTER = "back matter"
    """Under a heading such as *Conflict of interest* or *Funding*."""
    REFERENCES = "references"
    TAIL = "tail"
    """After the references."""


_I = re.IGNORECASE
_WORD = re.compile(r"[^\W_](?:[\w'’.\-/:]*[^\W_])?")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_REFERENCES = re.compile(
    r"^(?:#+\s*)?(?:\d+\.?\s*)?(?:references?(?: list| cited)?|bibliography|works cited|literature cited|"
    r"cited literature|sources|citations|notes and references|footnotes|further reading)\s*:?$", _I)
BACK_MATTER = re.compile(r"\b(?:" + alternation("back_matter.txt") + r")\b", _I)
"""Headings of back matter and page furniture (``back_matter.txt``): *Funding*, *Related stories*…"""
FUNCTION_WORDS = stop_words("function")
"""Function words, whose share tells prose from lists and titles (``stop_words.txt``)."""
_CITATION_STRONG = re.compile(
    r"\bdoi\s*:|\bdoi\.org/|\bPMID\b|\bPMCID\b|\b(?:19|20)\d{2}\s*(?:[A-Z][a-z]{2}\s*\d{0,2})?;\s*\d+\s*(?:\(\d+\))?\s*:|"
    r"\b\d+\s*\(\d+\)\s*:\s*\d+|\bRetrieved\b[^\n]{0,200}?\bfrom\b|\bAvailable (?:from|at)\b", _I)
_AUTHOR = re.compile(r"\b[A-Z][a-z'’-]+,? (?:[A-Z]\.\s?){1,3}|\b[A-Z][a-z'’-]+ [A-Z]{1,3}(?:,|\.)")
"""An author with initials, as reference lists write them (``Munster VJ,``, ``Bernardo, M. E.``)."""
_CITATION_WEAK = re.compile(
    r"\bet al\b|\((?:19|20)\d{2}[a-z]?(?:, [A-Z][a-z]+(?: \d{1,2})?)?\)[.,]|https?://|\bpp?\.\s*\d|\bvol\.")
"""Other marks of a reference: ``et al``, a year in brackets closing an author list, a URL, pages."""
LABELLED = re.compile(r"[^:]{1,40}:\s*\S")
"""A label and its value on one line ("Media contact: press@…", "Funding: none"): a piece of
furniture in itself, not the heading of a section."""
_NUMBERED_HEADING = re.compile(r"(?:\d{1,3}\.)+\d{0,3}\s+[A-Z]")
_QUESTION_LINE = re.compile(r"[^.!?]*\?[\"'”’)]*")
"""A line that is one question and nothing else (a question used as a heading)."""


def words(statement: str) -> list[str]:
    """The words of a statement (numbers and hyphenated names count as words)."""
    return _WORD.findall(statement)


def is_heading_line(text: str, block: Block) -> bool:
    """Whether a block is a heading: one line, no sentence end, at most 20 words.

    Args:
        text: The document's text.
        block: The block to judge.

    Returns:
        True for a heading; a line ending with ``:`` counts only when it reads as a title.
    """
    line = text[block.start:block.end]
    marked = line.startswith("#") or _NUMBERED_HEADING.match(line) is not None
    if block.lines != 1 or (block.bullet and not marked) or len(line) > 150:
        return False
    found = words(line)
    if not found or len(found) > 20:
        return False
    if SENTENCE_END.search(line):
        return _QUESTION_LINE.fullmatch(line) is not None and len(found) <= 15
    if line.endswith(":"):
        lower = sum(1 for w in found if w[0].islower() and w.lower() not in FUNCTION_WORDS)
        return lower <= len(found) // 3
    return True


def is_body(text: str, block: Block) -> bool:
    """Whether a block is a body paragraph: 30 words or more, a sentence end, prose-like."""
    piece = text[block.start:block.end]
    tokens = piece.lower().split()
    if len(tokens) < 30 or not re.search(r"[.!?]", piece):
        return False
    return sum(map(FUNCTION_WORDS.__contains__, tokens)) >= 0.2 * len(tokens)


def citation_shaped(statement: str) -> bool:
    """Whether a statement looks like a bibliography entry or a piece of one."""
    if _CITATION_STRONG.search(statement):
        return True
    authors = len(_AUTHOR.findall(statement))
    return authors >= 2 or (authors == 1 and _CITATION_WEAK.search(statement) is not None)


@dataclass(frozen=True, slots=True)
class Layout:
    """What the kind rules need to know about one block."""

    section: Section
    heading: bool
    """The block is a heading line (see ``is_heading_line``)."""
    body: bool
    """The block is a body paragraph (see ``is_body``) or one line of a paragraph written one
    sentence per line."""


def layout(text: str, blocks: Sequence[Block]) -> list[Layout]:
    """Where each block sits (preamble, body, back matter, references, tail) and its shape.

    Args:
        text: The document's text.
        blocks: Its blocks, in order.

    Returns:
        One layout per block.
    """
    prose_runs = _prose_runs(text, blocks)
    out: list[Layout] = []
    state = Section.PREAMBLE
    for block in blocks:
        piece = text[block.start:block.end]
        if is_heading_line(text, block):
            title = piece.strip("#: \t")
            if _REFERENCES.match(title):
                state = Section.REFERENCES
            elif len(title.split()) <= 6 and BACK_MATTER.search(title) and not LABELLED.match(title):
                state = Section.BACK_MATTER if state is not Section.TAIL else state
            elif state is Section.REFERENCES:
                state = Section.TAIL
            elif state is Section.BACK_MATTER:
                state = Section.BODY
            out.append(Layout(state, True, False))
            continue
        if state is Section.REFERENCES and not (block.bullet or citation_shaped(piece)):
            state = Section.TAIL
        body = block.run in prose_runs or is_body(text, block)
        if state in (Section.PREAMBLE, Section.BACK_MATTER) and body:
            state = Section.BODY
        out.append(Layout(state, False, body))
    if all(shape.section is not Section.BODY for shape in out):
        out = [Layout(Section.BODY, s.heading, s.body) if s.section is Section.PREAMBLE else s for s in out]
    return out


def _prose_runs(text: str, blocks: Sequence[Block]) -> set[int]:
    """Runs of one-line blocks that read as a paragraph written one sentence per line.

    A run counts when at least three of its lines end a sentence and together they hold 40
    words or more, a quarter of them function words.
    """
    sizes: dict[int, int] = {}
    for block in blocks:
        sizes[block.run] = sizes.get(block.run, 0) + 1
    ended: dict[int, int] = {}
    counts: dict[int, list[int]] = {}
    for block in blocks:
        if sizes[block.run] < 3:
            continue
        piece = text[block.start:block.end]
        if SENTENCE_END.search(piece):
            ended[block.run] = ended.get(block.run, 0) + 1
        lowered = piece.lower().split()
        tally = counts.setdefault(block.run, [0, 0])
        tally[0] += len(lowered)
        tally[1] += sum(map(FUNCTION_WORDS.__contains__, lowered))
    return {run for run, (n, function) in counts.items()
            if ended.get(run, 0) >= 3 and n >= 40 and function >= 0.25 * n}
