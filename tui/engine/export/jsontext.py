"""JSON text for the JSON exports, written by orjson: compact, or indented by two spaces.

orjson writes a report in a few milliseconds where ``json.dumps`` took 0.03 s compact and,
indented, its pure-Python encoder 0.47 s (the 1 MB pair's report). Both write non-ASCII text
as itself. orjson refuses what is not valid JSON data: a lone surrogate (a file name's
undecodable byte), a key that is no string, an integer beyond 64 bits; those values are
written by ``json.dumps`` in the same layout instead, so every value ``json.dumps`` could
write is still written. A float is written as its shortest form in either case (``1e-07``
may be ``1e-7``): read back, the data are the same. The characters a terminal or an editor
would act on (DEL, C1 and bidi controls) are written as ``\\uXXXX`` escapes, which mean the same
characters to a reader (:func:`~tui.engine.export.visible.escape_json`).
"""

from __future__ import annotations

from typing import Any

import orjson

from tui.engine.export.visible import escape_json, json_raw_free

_INDENTED = {"indent": 2, "separators": (",", ": ")}
_COMPACT = {"indent": None, "separators": (",", ":")}


def dumps(value: Any, *, indent: bool = False) -> str:
    """``value`` as JSON text, non-ASCII characters as themselves but those
    :func:`~tui.engine.export.visible.escape_json` writes as escapes (DEL, C1 and bidi controls).

    Args:
        value: Lists, dicts, strings, numbers, booleans and None (enums as their values).
        indent: Two spaces per level and one item per line; else no whitespace at all.

    Raises:
        TypeError: ``value`` holds something JSON cannot write.
        ValueError: ``value`` holds a list or dict within itself.
    """
    return dumps_utf8(value, indent=indent).decode("utf-8")


def dumps_utf8(value: Any, *, indent: bool = False, newline: bool = False) -> bytes:
    """:func:`dumps` as UTF-8, as orjson writes it: for a report written to a file or a pipe,
    which decoded and encoded again took 5 ms of the 290 KB InSciOut pair's 1.9 MB report.
    ``newline``: ending in one, written with the rest rather than the whole copied to add it."""
    try:
        data = orjson.dumps(value, option=(orjson.OPT_INDENT_2 if indent else 0)
                            | (orjson.OPT_APPEND_NEWLINE if newline else 0))
    except orjson.JSONEncodeError:
        # what orjson refuses but json writes (a lone surrogate, a number key) and the errors json names
        import json

        text = json.dumps(value, ensure_ascii=False, **(_INDENTED if indent else _COMPACT))
        return escape_json(text + "\n" if newline else text).encode("utf-8")
    return data if json_raw_free(data) else escape_json(data.decode("utf-8")).encode("utf-8")
