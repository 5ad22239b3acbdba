"""Session files on disk: bounded JSON in, atomic JSON out, damaged files moved aside.

Invariant: :func:`write_atomic` leaves the old file or the new one, never half of one (a
temporary file in the same folder, fsynced, then ``os.replace``d; it is removed on any
failure); :func:`parse_json` accepts no NaN, no infinity, no float that overflows and no
integer longer than 30 digits.
"""

from __future__ import annotations

import json
import math
import os
import stat
import tempfile
import time
from pathlib import Path


def parse_json(raw: bytes) -> object:
    """Decode a session file's JSON with bounds: no NaN or infinity, no float that overflows,
    no integer longer than 30 digits (Python would spend quadratic time or refuse it).

    Raises:
        ValueError: not JSON, or a number out of those bounds (``json.JSONDecodeError`` too).
        RecursionError: nested too deep.
    """
    return json.loads(raw.decode("utf-8"), parse_constant=_no_constant, parse_float=_finite,
                      parse_int=_short_int)


def _no_constant(text: str) -> object:
    raise ValueError(f"{text} is not a number a session may hold")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is out of range")
    return value


def _short_int(text: str) -> int:
    if len(text) > 30:
        raise ValueError("an integer of more than 30 digits")
    return int(text)


def _dumps(data: dict[str, object], *, ascii_only: bool) -> str:
    """JSON with one top-level field per line and one statement per line: readable and diffable,
    and written by the C encoder (``indent=`` would fall back to the slow pure-Python one)."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=ascii_only)

    fields = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            value_text = "[\n" + ",\n".join(f"  {dump(item)}" for item in value) + "\n ]"
        else:
            value_text = dump(value)
        fields.append(f" {dump(key)}: {value_text}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


def write_atomic(path: Path, data: dict[str, object], *, durable: bool) -> None:
    try:
        raw = _dumps(data, ascii_only=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in a note: escape it rather than fail
        raw = _dumps(data, ascii_only=True).encode("ascii")
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if durable and hasattr(os, "O_DIRECTORY"):
        directory = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def aside_path(path: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    aside = path.with_name(f"{path.stem}.corrupt-{stamp}.json")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.stem}.corrupt-{stamp}-{number}.json")
    return aside


def clean_stale(folder: Path, older_than: float) -> list[Path]:
    """Delete temporary files of :func:`write_atomic` untouched for ``older_than`` seconds.

    Only regular files named ``.<name>.<random>.tmp`` go; a concurrent writer's temporary file
    lives for milliseconds, so it is never touched. Returns what was deleted.
    """
    gone: list[Path] = []
    limit = time.time() - older_than
    for temp in folder.glob(".*.tmp"):
        try:
            info = temp.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                temp.unlink()
                gone.append(temp)
        except OSError:
            continue  # gone meanwhile, or not ours to delete
    return gone
