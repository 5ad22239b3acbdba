"""Control characters made visible: the one helper every output of claimdiff goes through.

Invariant: nothing a document, a note or a file name holds reaches a terminal or an export as
a raw control character. :func:`visible` is for text meant to be read (the ``compare`` table,
``claimdiff sessions``, Markdown, CSV and HTML exports): C0 controls but tab and line breaks
become their Control Pictures (ESC → ␛, BEL → ␇), DEL becomes ␡, and C1 controls (U+0080 to
U+009F, e.g. U+009B, a one-character ESC [), bidi embeddings, overrides and isolates, and lone
surrogates become U+FFFD. :func:`escape_json` is for JSON, whose readers want the data intact:
it writes those characters as ``\\uXXXX`` escapes, which ``json.dumps(ensure_ascii=False)``
leaves raw for C1, DEL and the bidi controls.
"""

from __future__ import annotations

import re

_C0 = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)}
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
_TABLE = {**_C0, 0x7F: "\u2421", **{code: "\ufffd" for code in (*range(0x80, 0xA0), *_BIDI)}}
_ONE_LINE = {**_TABLE, 0x09: " ", 0x0A: " ", 0x0D: " "}
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
"""Any character :data:`_TABLE` changes: translating a long report costs about 0.2 s, a search
for one of them a few milliseconds, and most reports hold none."""
_SHOWN_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_CHANGED = re.compile(_SHOWN.pattern[:-1] + "\ud800-\udfff]")
_CHANGED_ONE_LINE = re.compile(_SHOWN_ONE_LINE.pattern[:-1] + "\ud800-\udfff]")
"""Any character :func:`visible` changes, lone surrogates too: most texts hold none, and one search
tells (a second, for surrogates, took another 17 ms of the 1 MB pair's 3 MB of Markdown)."""
_JSON_RAW = re.compile("[\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character shown as a visible symbol, one for one.

    Args:
        text: Any text: a statement, a note, a file name (undecodable bytes included).
        one_line: Turn tabs and line breaks into spaces too (table cells, listings).

    Returns:
        Text of the same length, safe to print to a terminal or write into a report.
    """
    if (_CHANGED_ONE_LINE if one_line else _CHANGED).search(text) is None:
        return text
    if (_SHOWN_ONE_LINE if one_line else _SHOWN).search(text) is None:
        out = text
    else:
        out = text.translate(_ONE_LINE if one_line else _TABLE)
    return _SURROGATE.sub("\ufffd", out) if _SURROGATE.search(out) else out


def escape_json(text: str) -> str:
    """JSON text with DEL, C1, bidi controls and lone surrogates written as ``\\uXXXX``.

    Safe on the output of ``json.dumps``: those characters can only occur inside strings
    there, where an escape means the same character.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_BIDI_UTF8 = re.compile(rb"\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def json_raw_free(data: bytes) -> bool:
    """Whether UTF-8 ``data`` (with no lone surrogate, which UTF-8 cannot hold) has none of the
    characters :func:`escape_json` escapes: then it has nothing to do.

    Looking in the bytes finds each character by the byte it starts with, which is rare except
    for the bidi controls' (curly quotes and dashes start with it too): 2 ms on the 290 KB
    InSciOut pair's 1.9 MB report, where searching its text for them took 7 ms.
    """
    return (b"\x7f" not in data and (b"\xd8" not in data or b"\xd8\x9c" not in data)  # DEL, U+061C
            and (b"\xc2" not in data or _C1_UTF8.search(data) is None)
            and _BIDI_UTF8.search(data) is None)
