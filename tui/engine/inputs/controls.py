"""Terminal control codes are read as spaces and shown as written.

Text copied from a terminal or a log keeps its colour codes: ``ESC[31mcured ESC[0m``. They are
not words, yet read as text they were: ``[0m`` is "0 m", a length in metres that the source
"does not bear out", and ``31mcured`` is a word no source has. So the engine reads a copy of
each document in which every control sequence is as many spaces (offsets still index the
file), and the comparison it returns shows each statement as written, its codes made visible
by every output (``␛[31m``), with a warning that says how many were read as spaces.

Invariant: :func:`readable` keeps a document's length, so a statement's span means the same in
both texts, and gives the very document back when it holds no control code.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

from tui.engine.model import Comparison, Document, Finding, Role

_CODE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, "clear screen"
    r"|\x1b\][^\x07\x1b\n]{0,256}(?:\x07|\x1b\\)?"  # OSC: a window title, a hyperlink
    r"|\x1b[@-Z\\-_]?"  # any other escape, or a lone ESC
    r"|[\x00-\x08\x0e-\x1f\x7f]"  # other control characters (not tab, line ends or form feed)
)
"""One terminal control sequence or control character."""
_ANY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x9b]")
"""A character that every match of :data:`_CODE` opens with (ESC is \x1b)."""


def readable(document: Document) -> tuple[Document, int]:
    """The document as the engine reads it, every control code a run of spaces as long as
    itself, and how many codes there were (0: the very document)."""
    if _ANY.search(document.text) is None:  # most documents: one scan for a character (0.3 ms on 290 KB, not 7)
        return document, 0
    found = 0

    def blank(match: re.Match[str]) -> str:
        nonlocal found
        found += 1
        return " " * len(match.group())

    text = _CODE.sub(blank, document.text)
    return (document, 0) if not found else (replace(document, text=text), found)


def as_written(comparison: Comparison, source: tuple[Document, int], derived: tuple[Document, int]) -> Comparison:
    """``comparison``, made from readable copies, with each statement's text and each
    document as written (``source`` and ``derived``: the document and how many codes
    :func:`readable` blanked in it, which a warning reports)."""
    if not source[1] and not derived[1]:
        return comparison
    written = {Role.SOURCE: source[0].text, Role.DERIVED: derived[0].text}

    def restored(finding: Finding) -> Finding:
        st = finding.statement
        text = written[st.role][st.start:st.end]
        return finding if text == st.text else replace(finding, statement=replace(st, text=text))

    def shown(original: Document, codes: int, read: Document) -> Document:
        if not codes:
            return replace(original, title=read.title)
        warning = (f"{os.path.basename(original.path) or original.path}: {codes} terminal control code{'s' if codes != 1 else ''} (colours, cursor "
                   "moves) read as spaces; shown as written, with ␛ for ESC")
        return replace(original, title=read.title, warnings=(*original.warnings, warning))

    return replace(
        comparison,
        source=shown(*source, comparison.source),
        derived=shown(*derived, comparison.derived),
        findings=tuple(restored(f) for f in comparison.findings),
    )
