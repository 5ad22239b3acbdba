"""Readers for documents that are not plain text: one small interface, one module per format.

A reader turns a file's bytes into the text a reviewer would read (the main text of a web
page, the text layer of a PDF, the paragraphs of a Word file). :func:`pick` decides which
reader, if any, a file needs; :func:`extract` runs it. A new format is one module with an
``extract(data: bytes) -> str`` function and one line in :data:`READERS`; a format that names
its title (a web page) has ``extract_titled(data: bytes) -> tuple[str, str | None]`` instead.

Invariant: ``.txt`` and ``.md`` files are always plain text; a known ending names its reader;
for any other ending (or none) the content decides, from its first bytes alone. Readers are
imported only when a file needs them, so plain text pays nothing for them. A reader never
raises anything but :class:`Unreadable`, whose message is one line for the user.
"""

from __future__ import annotations

import importlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass


class Unreadable(Exception):
    """A file of a known format with no text to compare; ``str(error)`` says why, in one line."""


def _is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    import zipfile  # only for a ZIP archive (a Word file is one)

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _is_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"\x00" in head[:64]:  # UTF-16 HTML: look at it as text
        head = head.replace(b"\x00", b"").lstrip(b"\xff\xfe \t\r\n")
    if head.startswith(b"<!--"):
        head = head[head.find(b"-->") + 3:].lstrip()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()
    return head.startswith((b"<!doctype html", b"<html"))


@dataclass(frozen=True, slots=True)
class Reader:
    """One input format: how to recognise it and which module extracts its text."""

    name: str
    """Shown as the document's encoding (``html``, ``pdf``, ``docx``)."""
    endings: tuple[str, ...]
    """File-name endings that name this format, lower case with the dot."""
    sniff: Callable[[bytes], bool]
    """Whether the first bytes of a file with another ending are of this format."""
    module: str
    """The module under ``tui.engine.inputs`` whose ``extract(data) -> str`` (or
    ``extract_titled(data) -> (text, title)``) reads it."""


READERS: tuple[Reader, ...] = (
    Reader("pdf", (".pdf",), _is_pdf, "pdf_text"),
    Reader("docx", (".docx",), _is_docx, "docx_text"),
    Reader("html", (".html", ".htm", ".xhtml"), _is_html, "html_text"),
)
"""Every reader, tried in this order when the content decides."""

TEXT_ENDINGS = (".txt", ".md", ".markdown", ".text")
"""Endings that are always read as plain text, whatever the file starts with."""


def pick(path: str | os.PathLike[str], data: bytes) -> Reader | None:
    """The reader a file needs, or None for plain text.

    Args:
        path: The file's path (only its ending is looked at).
        data: The file's bytes.

    Returns:
        The reader named by the ending, else the first whose sniff accepts the bytes, else None.
    """
    ending = os.path.splitext(os.fspath(path))[1].lower()
    if ending in TEXT_ENDINGS:
        return None
    for reader in READERS:
        if ending in reader.endings:
            return reader
    return next((reader for reader in READERS if reader.sniff(data)), None)


def extract(reader: Reader, data: bytes) -> tuple[str, str | None]:
    """The text ``reader`` finds in ``data``, and the title the file gives itself (None when
    the format names none, or the file does not).

    Raises:
        Unreadable: no text to compare (a scanned PDF, a page with no main text, a broken file).
    """
    module = importlib.import_module(f"tui.engine.inputs.{reader.module}")
    titled = getattr(module, "extract_titled", None)
    text: str
    title: str | None
    text, title = titled(data) if titled is not None else (module.extract(data), None)
    if not text.strip():
        raise Unreadable(f"no text found in this {reader.name} file")
    return text, title
