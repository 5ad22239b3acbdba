"""The text layer of a PDF, by pypdf: in reading order, as the paragraphs a reader sees.

pypdf's layout mode places text as it sits on the page, so a blank line marks a paragraph
break; from there:

* a page set in two columns (a gutter of spaces down its middle) is read left column first;
* running headers and footers (a line at the top or bottom of most pages that differs only
  in its numbers, such as a journal's name or a browser's date and address) and bare page
  numbers (``3``, ``Page 3``, ``3 of 9``, ``3/9``) are dropped;
* a word hyphenated at a line end is put back together (``vali-`` + ``date`` → ``validate``,
  but ``COVID-`` + ``19`` → ``COVID-19`` and ``long-`` + ``term`` stays ``long-term`` when the
  document writes it so elsewhere);
* each paragraph becomes one line (its line ends were only where the page was full), list
  items keeping lines of their own;
* ligatures (``ﬁ``) become their letters.

A PDF with no text layer (a scan) raises :class:`Unreadable` saying so.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from tui.engine.inputs.readers import Unreadable

_PAGE_NUMBER = re.compile(r"(?i)(page\s*)?\d{1,4}(\s*(/|of)\s*\d{1,4})?")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_EDGE = 2
"""How many lines at the top and at the bottom of a page may be running headers or footers."""


def extract(data: bytes) -> str:
    """The PDF's text (see the module docstring).

    Raises:
        Unreadable: encrypted, broken, or without a text layer.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with _pypdf_quiet():
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise Unreadable("the PDF is encrypted; save an unprotected copy first")
            pages = [page.extract_text(extraction_mode="layout", layout_mode_space_vertically=True)
                     for page in reader.pages]
    except Unreadable:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise Unreadable(f"cannot read this PDF ({type(error).__name__})") from None
    if not any(page.strip() for page in pages):
        raise Unreadable("the PDF has no text layer (a scan?); run it through OCR first")
    lines_of = [_columns(page.translate(_LIGATURES).splitlines()) for page in pages]
    lines_of = _drop_running_lines(lines_of)
    text = ""
    for lines in lines_of:
        page = "\n".join(lines).strip()
        if page:  # a paragraph running on from the page before continues without a break
            text += ("\n" if text and not text.rstrip().endswith((".", "!", "?", ":")) else "\n\n") + page
    return _unwrap(_join_hyphens(_tidy(text))) + "\n"


@contextmanager
def _pypdf_quiet() -> Iterator[None]:
    """pypdf's log off while it reads: it logs what it repairs ("EOF marker not found",
    "Ignoring wrong pointing object"), and with no handler set Python prints that on stderr,
    a stray line above the one that says what became of the file."""
    logger = logging.getLogger("pypdf")  # its modules' loggers inherit this level
    was = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(was)


def _columns(lines: list[str]) -> list[str]:
    """A page's lines, a two-column page's left column first."""
    full = [line for line in lines if len(line.strip()) > 20]
    width = max((len(line) for line in full), default=0)
    if len(full) < 8:
        return lines
    for gutter in range(width // 3, 2 * width // 3):
        clear = sum(1 for line in full if line[gutter - 1:gutter + 2].strip() == "" and line[:gutter].strip()
                    and line[gutter:].strip())
        if clear >= 0.6 * len(full) and all(line[gutter - 1:gutter + 2].strip() == "" for line in full):
            return [line[:gutter] for line in lines] + [""] + [line[gutter:] for line in lines]
    return lines


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their running headers, footers and page numbers."""
    edges = [_edge_indices(lines) for lines in pages]
    seen = Counter(key for lines, idx in zip(pages, edges) for key in {_key(lines[i]) for i in idx})
    running = {key for key, n in seen.items() if len(pages) > 1 and n >= max(2, len(pages) / 2)}
    out = []
    for lines, idx in zip(pages, edges):
        drop = {i for i in idx if _key(lines[i]) in running or _PAGE_NUMBER.fullmatch(lines[i].strip())}
        out.append([line for i, line in enumerate(lines) if i not in drop])
    return out


def _edge_indices(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:_EDGE] + filled[-_EDGE:]


def _tidy(text: str) -> str:
    """Layout spacing undone: common indentation and runs of spaces inside lines, extra blank lines."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_BROKEN = re.compile(r"(\w+)-\n(\w+)[^\S\n]?")


def _join_hyphens(text: str) -> str:
    """Words hyphenated at a line end, whole again (see the module docstring)."""
    def join(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if head[-1].islower() and tail[0].islower() and f"{head}-{tail}".lower() not in text.lower():
            word = f"{head}{tail}"
        else:
            word = f"{head}-{tail}"
        return f"{word}\n"

    return _BROKEN.sub(join, text)


_ITEM = re.compile(r"([•◦▪‣●○■*\-–]|\(?\d{1,3}[.)]|\[\d{1,3}\])\s")


def _unwrap(text: str) -> str:
    """Each paragraph on one line (a PDF's line ends are only where the page was full), list
    items still on lines of their own."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines: list[str] = []
        for line in paragraph.splitlines():
            if lines and not _ITEM.match(line):
                lines[-1] += " " + line
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
