"""*Appear* as "show up", told from *appear* as a hedge.

"The drug appears to reduce pain" and "it appears that masks work" hedge; "symptoms appeared
within five days", "he appeared in three films" and "the rash appears on the arms" report
that something showed up, and state it plainly. A form of *appear* followed by a word of
place or time is not a hedge cue.
"""

from __future__ import annotations

import re

Span = tuple[int, int, str]
"""(start, end, category) of one cue."""

_SHOWN_UP = re.compile(
    r"\s+(?:in|on|at|within|after|before|during|from|for|with|between|among|across|throughout|around|"
    r"alongside|as|twice|once|first|again|early|late|earlier|later)\b", re.IGNORECASE)


def without_appearances(text: str, taken: list[Span]) -> list[Span]:
    """The cues of ``text`` less each hedge that is *appear* meaning "show up"."""
    if "ppear" not in text:
        return taken
    return [span for span in taken if not (span[2] == "hedge" and _shown_up(text, span[0], span[1]))]


def _shown_up(text: str, start: int, end: int) -> bool:
    """Whether the cue ``text[start:end]`` is a form of *appear* before a word of place or time."""
    word = text[start:end].lower()
    return word in ("appear", "appears", "appeared", "appearing") and _SHOWN_UP.match(text, end) is not None
