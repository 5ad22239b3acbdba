"""Load a document from disk or standard input: check it, decode it, fingerprint it, keep its text as is.

Invariant: ``Document.text`` is the file decoded (a BOM dropped) with nothing else changed,
line endings included, so spans into it are spans into what the user sees and what the
scorer reads. Every way a file can be unfit ends in :class:`InputError` with one line for
the user.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import sys
from pathlib import Path

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


class InputError(Exception):
    """A file that cannot be compared; ``str(error)`` is one line meant for the user."""


STDIN = "-"
"""The path that names standard input, as Unix tools take it: ``… | claimdiff compare paper.pdf -``."""
STDIN_NAME = "<stdin>"
"""How a document read from standard input is named in messages and reports."""


def load(path: str | os.PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES, pipes: bool = False
         ) -> Document:
    """Read and decode one document.

    Args:
        path: The file to read; :data:`STDIN` (``-``) reads standard input to its end.
        max_bytes: Largest size accepted; None for no limit.
        pipes: Read a pipe too (a shell's ``<(command)``, a named pipe), to its end, as
            standard input is read; else it is refused like any other special file.

    Returns:
        The decoded document with the SHA-256 of its bytes.

    Raises:
        InputError: missing, a directory or any other non-regular file (a device, a socket,
            a pipe unless ``pipes``), too large, binary, undecodable, or empty; standard
            input that is a terminal (nothing piped in) or closed.
    """
    shown = os.fspath(path)
    piped = shown == STDIN
    if piped:
        data, shown = read_stdin(max_bytes), STDIN_NAME
    else:
        data, piped = _read_file(path, shown, max_bytes, pipes)
    reader = readers.pick(shown, data)  # HTML, PDF, DOCX: their text, extracted (inputs/readers.py)
    title = None
    if reader is None:
        text, encoding, warnings = decode_with_warnings(data, shown)
    else:
        try:
            (text, title), encoding, warnings = readers.extract(reader, data), reader.name, ()
        except readers.Unreadable as error:
            raise InputError(f"{shown}: {error}") from None
    if not text.strip():
        what = "empty (nothing but white space came in)" if piped else "the file is empty (nothing but white space)"
        raise InputError(f"{shown}: {what}")
    return Document(path=shown, text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding,
                    warnings=warnings, text_source="file" if reader is None else "extracted", title=title)


def _read_file(path: str | os.PathLike[str], shown: str, max_bytes: int | None, pipes: bool) -> tuple[bytes, bool]:
    """:func:`read_regular`'s bytes and whether they came through a pipe, every failure worded
    as one line for the user."""
    try:
        piped = pipes and stat.S_ISFIFO(os.stat(path).st_mode)
        return read_regular(path, max_bytes, pipes=pipes), piped
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except TooLarge as error:
        raise InputError(f"{shown}: {error} (raise it with --max-size)") from None
    except NotRegularFile as error:
        raise InputError(f"{shown}: {error}") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as error:
        raise InputError(f"{shown}: cannot be read ({error.strerror or error})") from None


def read_stdin(max_bytes: int | None) -> bytes:
    """The bytes piped to standard input, read to their end but no further than ``max_bytes``.

    A terminal is refused rather than read: nothing was piped in, and waiting for typing
    would look like a hang.
    """
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or sys.stdin.closed:
        raise InputError(f"{STDIN_NAME}: standard input is closed; pipe the text in, or give a file")
    if stream.isatty():
        raise InputError(f"{STDIN_NAME}: standard input is a terminal, with nothing piped in; "
                         "pipe the text in, or give a file")
    try:
        data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    except OSError as error:
        raise InputError(f"{STDIN_NAME}: cannot be read ({error.strerror or error})") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"{STDIN_NAME}: more than {max_bytes / 1e6:g} MB, over the limit (raise it with --max-size)")
    return bytes(data)


class NotRegularFile(InputError):
    """A directory, FIFO, device or socket where a file was expected; says which, in words."""


class TooLarge(InputError):
    """A file over the size limit; says how large it is and what the limit is."""


_KINDS = ((stat.S_ISDIR, "is a directory, not a text file"), (stat.S_ISFIFO, "is a named pipe (FIFO), not a file"),
          (stat.S_ISCHR, "is a character device, not a file"), (stat.S_ISBLK, "is a block device, not a file"),
          (stat.S_ISSOCK, "is a socket, not a file"))


def read_regular(path: str | os.PathLike[str], max_bytes: int | None, *, pipes: bool = False) -> bytes:
    """The bytes of a regular file (or, with ``pipes``, of a pipe), read no further than ``max_bytes``.

    Anything else is refused before a byte is read, so ``/dev/zero`` cannot fill memory; the
    read is bounded even when ``stat`` says 0 (files in ``/proc``), and the file is opened
    without blocking and checked again once open, so it cannot be swapped for a FIFO in
    between. A pipe is opened without waiting for a writer, so a named pipe nobody writes to
    reads as empty rather than hanging; one that is written to (``<(command)``) is read as the
    command writes it, to its end.

    Raises:
        FileNotFoundError: nothing there (a link to nothing included).
        NotRegularFile: a directory, FIFO, device, socket or other special file.
        TooLarge: more than ``max_bytes`` bytes.
        OSError: anything else the system says (permission, name too long…).
    """
    _check_regular(os.stat(path).st_mode, pipes)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        _check_regular(info.st_mode, pipes)
        if stat.S_ISFIFO(info.st_mode):
            os.set_blocking(fd, True)  # opened without waiting for a writer; now read as it writes
        elif max_bytes is not None and info.st_size > max_bytes:
            raise TooLarge(f"{info.st_size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit")
        chunks, total = [], 0
        budget = None if max_bytes is None else max_bytes + 1
        while True:
            chunk = os.read(fd, 1 << 20 if budget is None else min(1 << 20, budget - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if budget is not None and total >= budget:
                raise TooLarge(f"more than {max_bytes / 1e6:g} MB, over the limit")  # type: ignore[operator]
        return b"".join(chunks)
    finally:
        os.close(fd)


def _check_regular(mode: int, pipes: bool = False) -> None:
    if stat.S_ISREG(mode) or (pipes and stat.S_ISFIFO(mode)):
        return
    for test, words in _KINDS:
        if test(mode):
            raise NotRegularFile(words)
    raise NotRegularFile("is not a regular file")


def decode(data: bytes, shown: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes to text (see :func:`decode_with_warnings`); the warnings are dropped."""
    text, encoding, _ = decode_with_warnings(data, shown)
    return text, encoding


def decode_with_warnings(data: bytes, shown: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes to text: a BOM decides, then UTF-8, then a detector.

    UTF-8 is kept when the data is UTF-8 but for a few stray bytes: more characters beyond
    ASCII decode as UTF-8 than bytes fail to. Those bytes become U+FFFD and a warning says
    how many, so one bad byte no longer turns every "é" and "—" of a file into mojibake.

    Returns:
        The text (BOM dropped), the name of the encoding used, and warnings for the user.

    Raises:
        InputError: binary (NUL bytes in a file that is not UTF-16/32) or undecodable data.
    """
    text, encoding = _decode(data, shown)
    if encoding != "utf-8-replaced":
        return text, encoding, ()
    bad = _bad_bytes(data)
    warning = f"{shown}: {bad} byte{'s are' if bad != 1 else ' is'} not valid UTF-8; replaced by U+FFFD"
    return text, "utf-8", (warning,)


def _bad_bytes(data: bytes) -> int:
    """How many bytes of ``data`` are not part of a valid UTF-8 sequence."""
    bad = 0
    start = 0
    while True:
        try:
            data[start:].decode("utf-8")
            return bad
        except UnicodeDecodeError as error:
            bad += error.end - error.start
            start += error.end


def _mostly_utf8(data: bytes) -> str | None:
    """The data decoded as UTF-8 with U+FFFD for stray bytes, when it is UTF-8 but for them."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    wide = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    return text if 0 < replaced <= wide else None


def _decode(data: bytes, shown: str) -> tuple[str, str]:
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
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly, "utf-8-replaced"
    from charset_normalizer import from_bytes  # only for text not in UTF-8: quick start-up

    probe = data
    best = from_bytes(data).best()
    if best is None and _CONTROL_BYTES.search(data):
        # A log or a terminal capture saved in a legacy code page keeps its colour codes, which
        # the detector takes for noise, refusing the whole file. The encoding is told from the
        # text around them; they are ASCII in the code pages it offers, so every byte then
        # decodes as it is, and they are read as spaces later, as in any file (`controls`).
        probe = _CONTROL_BYTES.sub(b" ", data)
        best = from_bytes(probe).best()
    if best is None or best.encoding is None:
        raise InputError(f"{shown}: cannot tell its text encoding (save it as UTF-8)")
    encoding = best.encoding
    if encoding != "cp1252":
        # On a little evidence the detector picks among code pages that read equally cleanly
        # (naïve → cp775, “quotes” → cp852). Legacy Western text is overwhelmingly
        # windows-1252, WHATWG's Latin default, so it wins whenever it reads no less cleanly;
        # Central European or Cyrillic bytes read as windows-1252 are a mess, and lose.
        western = from_bytes(probe, cp_isolation=["cp1252"]).best()
        if western is not None and western.chaos <= best.chaos:
            encoding = "cp1252"
    try:
        return data.decode(encoding), encoding.replace("_", "-")
    except UnicodeDecodeError:
        raise InputError(f"{shown}: cannot tell its text encoding (save it as UTF-8)") from None


_CONTROL_BYTES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0e-\x1f\x7f]")
"""A terminal colour code or a control character, as bytes: what the detector must not judge."""


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
