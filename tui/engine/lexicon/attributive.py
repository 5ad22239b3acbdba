"""*Confirmed* and *established* that describe a noun, told from the boosters.

"The trial confirmed that masks work" and "it is established that…" vouch for a claim.
"55,508 confirmed cases", "laboratory-confirmed infection", "established practice" and "most
established coronaviruses" do not: the participle stands before its noun and says what kind of
case or practice it is (a confirmed case is the epidemiologist's term for a diagnosed one).
Read as boosters they gave reasons such as "certainty: confirmed → probably" against a claim
that the true count was probably higher. A *confirmed* or *established* after a count, an
article, a preposition or a hyphen, and before a word that is not a function word, is no cue.
"""

from __future__ import annotations

import re

from tui.engine.lexicon.lists import stop_words

Span = tuple[int, int, str]
"""(start, end, category) of one cue."""

_WORDS = ("confirmed", "established")
_BEFORE = re.compile(
    r"(?:(?:^|(?<![\w-]))(?:a|an|the|of|with|among|for|in|on|all|no|any|and|or|most|more|many|new|total|"
    r"\d[\d,.]*)\s+|[\w)]-|^)$",
    re.IGNORECASE,
)
"""What stands before a participle that describes its noun: a count, an article, a
preposition, "and" ("suspected and confirmed cases"), a hyphen ("laboratory-confirmed"), or
nothing (the text opens with it)."""
_NEXT = re.compile(r"\s+([A-Za-z][\w-]*)")


def without_attributives(text: str, taken: list[Span]) -> list[Span]:
    """The cues of ``text`` less each booster that is *confirmed* or *established* describing a noun."""
    lowered = text.lower()
    if "confirmed" not in lowered and "established" not in lowered:
        return taken
    return [span for span in taken if not (span[2] == "booster" and describes_noun(text, span[0], span[1]))]


def describes_noun(text: str, start: int, end: int) -> bool:
    """Whether the cue ``text[start:end]`` is *confirmed* or *established* before its noun."""
    if text[start:end].lower() not in _WORDS:
        return False
    after = _NEXT.match(text, end)
    if after is None or after.group(1).lower() in stop_words("function"):
        return False
    return _BEFORE.search(text, max(0, start - 20), start) is not None
