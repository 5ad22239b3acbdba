"""The checks a session file's values pass before they become a session.

Invariant: every value read from a session file is bounded: times are finite and between the
epoch and the year 3000, counts are whole numbers up to a billion, options have their type and
range, strings hold no lone surrogate (UTF-8 could not write it back), and a stored text unpacks
to at most :data:`MAX_TEXT_CHARS`. Anything else is a :class:`SessionFormatError` in one line.
"""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import fields
from typing import Any, cast

from tui.engine.model import CompareOptions


class SessionFormatError(ValueError):
    """The data is not a valid session; ``str(error)`` is one line for the user."""


MAX_TIME = 32_503_680_000.0
"""Latest time a session may carry (the year 3000), so every stamp can be shown as a date."""
MAX_COUNT = 1_000_000_000
"""Largest count (reviewed, claims) a session may carry."""
OPTION_BOUNDS: dict[str, tuple[type, float, float]] = {
    "match_threshold": (float, 0.0, 100.0),
    "same_claim_threshold": (float, 0.0, 100.0),
    "candidate_cutoff": (float, 0.0, 100.0),
    "max_candidates": (int, 1, 1000),
    "max_bytes": (int, 1, 1 << 40),
}
"""Type and range of each :class:`CompareOptions` field a session file may set."""
_SURROGATE = re.compile("[\ud800-\udfff]")


MAX_TEXT_CHARS = 1 << 30
"""Most characters a stored document text may unpack to (a bound against zip bombs)."""
_packed: list[tuple[str, str]] = []


def pack(text: str) -> str:
    """The text, UTF-8, zlib-compressed, base64: made once per text, as every save writes it."""
    for seen, blob in _packed:
        if seen is text:
            return blob
    raw = text.encode("utf-8", "surrogatepass")
    blob = base64.b64encode(zlib.compress(raw, 6)).decode("ascii")
    _packed.insert(0, (text, blob))
    del _packed[4:]
    return blob


def unpack(packed: str) -> str:
    """A text packed by :func:`pack`, within :data:`MAX_TEXT_CHARS`.

    Raises:
        SessionFormatError: not base64, not zlib, too large, or not UTF-8.
    """
    try:
        inflate = zlib.decompressobj()
        raw = inflate.decompress(base64.b64decode(packed, validate=True), MAX_TEXT_CHARS)
        if inflate.unconsumed_tail or not inflate.eof:
            raise ValueError("too large or truncated")
        return whole(raw.decode("utf-8", "surrogatepass"))
    except (ValueError, zlib.error, UnicodeDecodeError):
        raise SessionFormatError("malformed session (a stored document text does not unpack)") from None


def get(data: Any, key: str, kind: type) -> Any:
    if not isinstance(data, dict):
        raise SessionFormatError(f"malformed session (expected an object around {key!r})")
    value: Any = data.get(key)
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        ok, value = abs(value) <= MAX_TIME, float(value)
    if not ok:
        raise SessionFormatError(f"malformed session (field {key!r} should be {kind.__name__})")
    if kind is float and not 0.0 <= value <= MAX_TIME:
        raise SessionFormatError(f"malformed session (field {key!r} is out of range: {short(value)})")
    if kind is int and not 0 <= value <= MAX_COUNT:
        raise SessionFormatError(f"malformed session (field {key!r} is out of range: {short(value)})")
    if kind is str:
        value = whole(value)
    return value


def whole(text: str) -> str:
    """The text with any lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def options_from(data: dict[str, Any]) -> CompareOptions:
    """Known options, each checked against its type and range; unknown ones are ignored."""
    values: dict[str, Any] = {}
    for field in fields(CompareOptions):
        if field.name not in data:
            continue
        bounds: tuple[type, float, float] = OPTION_BOUNDS.get(field.name, (float, -1e12, 1e12))
        kind, low, high = bounds
        value: Any = data[field.name]
        if kind is float and isinstance(value, int) and not isinstance(value, bool) and abs(value) <= high:
            value = float(value)
        if isinstance(value, bool) or not isinstance(value, kind) or not low <= cast(float, value) <= high:
            raise SessionFormatError(
                f"malformed session (option {field.name!r} should be {'an integer' if kind is int else 'a number'}"
                f" from {low:g} to {high:g}, not {short(value)})")
        values[field.name] = value
    return CompareOptions(**values)


def short(value: Any) -> str:
    """A value as it may appear in a one-line message: at most 40 characters of its repr."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else "a huge integer"
    return text if len(text) <= 40 else text[:37] + "..."
