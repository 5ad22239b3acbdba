"""The month *May* told from the hedge *may*.

"Found on May 11", "in May 2020" and "since May" name a month; "may protect" hedges. A
capital *May* followed by a day or a year, or after a day ("3 May") or a word that opens a
date ("in", "on", "since", "early"…), is a month, and is not a hedge cue.
"""

from __future__ import annotations

import re

_DATED = re.compile(r"\s+\d")
_OPENS_A_DATE = re.compile(r"\b(?:in|on|since|until|till|by|from|through|during|early|late|mid|last|next|of|"
                           r"\d{1,2}(?:st|nd|rd|th)?)\s+$", re.IGNORECASE)

Span = tuple[int, int, str]
"""(start, end, category) of one cue."""


def without_months(text: str, taken: list[Span]) -> list[Span]:
    """The cues of ``text`` less each hedge that is the month *May*."""
    if "May" not in text:
        return taken
    return [span for span in taken if not (span[2] == "hedge" and is_month(text, span[0], span[1]))]


def is_month(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the month *May* (see the module docstring)."""
    if text[start:end] != "May":
        return False
    return _DATED.match(text, end) is not None or _OPENS_A_DATE.search(text, max(0, start - 12), start) is not None
