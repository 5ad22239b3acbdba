"""Load a document from disk: check it, decode it, fingerprint it, keep its text as is.

Invariant: ``Document.text`` is the file decoded (a BOM dropped) with nothing else changed,
line endings included, so spans into it are spans into what the user sees and what the
scorer reads. Every way a file can be unfit ends in :class:`InputError` with one line for
the user.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from pathlib import Path

from charset_normalizer import from_bytes

from tui.engine.inputs import readers
from tui.engine.model import CompareOptions, Document

DEFAULT_MAX_BYTES = CompareOptions().max_bytes
"""The size limit of :class:`CompareOptions`, for callers that load without options."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_LATIN_ALPHABETS = {"Basic Latin", "Latin-1 Supplement", "Latin Extended-A", "General Punctuation"}


class InputError(Exception):
    """A file that cannot be compared; ``str(error)`` is one line meant for the user."""


def load(path: str | os.PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Document:
    """Read and decode one document.

    Args:
        path: The file to read.
        max_bytes: Largest size accepted; None for no limit.

    Returns:
        The decoded document with the SHA-256 of its bytes.

    Raises:
        InputError: missing, a directory, too large, binary, undecodable, or empty.
    """
    shown = os.fspath(path)
    file = Path(path)
    if not file.exists():
        raise InputError(f"{shown}: no such file")
    if file.is_dir():
        raise InputError(f"{shown}: is a directory, not a text file")
    try:
        size = file.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(
                f"{shown}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit "
                "(raise it with --max-size)"
            )
        data = file.read_bytes()
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as error:
        raise InputError(f"{shown}: cannot be read ({error.strerror or error})") from None
    reader = readers.pick(shown, data)  # HTML, PDF, DOCX: their text, extracted (inputs/readers.py)
    if reader is None:
        text, encoding = decode(data, shown)
    else:
        try:
            text, encoding = readers.extract(reader, data), reader.name
        except readers.Unreadable as error:
            raise InputError(f"{shown}: {error}") from None
    if not text.strip():
        raise InputError(f"{shown}: the file is empty (nothing but white space)")
    return Document(path=shown, text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding,
                    text_source="file" if reader is None else "extracted")


def decode(data: bytes, shown: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes to text: a BOM decides, then strict UTF-8, then a detector.

    Returns:
        The text (BOM dropped) and the name of the encoding used.

    Raises:
        InputError: binary (NUL bytes in a file that is not UTF-16/32) or undecodable data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError:
                raise InputError(f"{shown}: starts with a {encoding} mark but does not decode as it") from None
    if b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess is None:
            raise InputError(f"{shown}: looks like a binary file (it contains NUL bytes), not text")
        return guess
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"{shown}: cannot tell its text encoding (save it as UTF-8)")
    if set(best.alphabets) <= _LATIN_ALPHABETS:
        # Detectors guess among Latin code pages on little evidence (café → cp775); legacy
        # Western text is overwhelmingly windows-1252, which WHATWG makes the Latin default.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding.replace("_", "-")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM has a NUL in every other byte for ASCII letters."""
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.3 * len(zeros):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return (text, encoding) if "\x00" not in text else None
    return None


def seed_paths() -> tuple[Path, Path]:
    """The demo pair shipped inside the package: (source abstract, derived blog post)."""
    from importlib.resources import files

    root = Path(str(files("tui") / "data" / "seeds"))
    return root / "msc-covid-abstract.txt", root / "msc-covid-blog.txt"
