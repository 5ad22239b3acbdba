"""Who or what a claim covers: animals or people, one study or a body of work.

A scope reason says a claim widened (or narrowed) what its source covers: "in mice" against
"in people", "this study" against "studies show". The words of each kind are read from the two
texts of a pair alone.
"""

from __future__ import annotations

import re

from tui.engine.model import Direction, Reason, ReasonCode

Scope = tuple[str | None, str | None, str | None, str | None]
"""The first animal, human, one-study and many-studies words of a text."""

_ANIMALS = ("mice mouse murine rat rats rodent rodents animal animals monkey monkeys pig pigs dog dogs zebrafish "
            "rabbit rabbits hamster hamsters ferret ferrets primate primates organoid organoids")
_HUMANS = "people human humans patient patients men women adult adults children everyone person persons individuals"
_STUDY_NOUNS = "study trial experiment paper analysis"
_MANY_STUDIES = "studies trials research experiments science evidence"
"""Words for a body of work. "Scientists" is not among them: "scientists have found" names who
found it, as "this study revealed" does, and widens nothing."""


def _words_pattern(words: str, *phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join([*words.split(), *phrases]) + r")\b", re.IGNORECASE)


_SCOPE_MARKS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (_words_pattern(_ANIMALS, r"in vitro", r"cell cultures?", r"cell lines?", r"petri dish(?:es)?", r"test tubes?"),
     frozenset([*_ANIMALS.split(), "vitro", "culture", "cultures", "line", "lines", "dish", "dishes", "tube", "tubes"])),
    (_words_pattern(_HUMANS), frozenset(_HUMANS.split())),
    (re.compile(r"\b(?:(?:a|one|this|the|our|single|new|recent) (?:\w+ )?(?:" + _STUDY_NOUNS.replace(" ", "|") + r"))\b",
                re.IGNORECASE), frozenset(_STUDY_NOUNS.split())),
    (_words_pattern(_MANY_STUDIES), frozenset(_MANY_STUDIES.split())),
)
"""The animal, human, one-study and many-studies patterns, each with words one of which any
match holds: a text with none of them is not searched (most statements name no animal)."""
_LOWER_MARKS = tuple(re.compile(pattern.pattern) for pattern, _ in _SCOPE_MARKS)
"""The same patterns matching case, for an ASCII text lower-cased: the same spans, found in 5 µs
rather than 8 (the text's own words are then taken from those spans)."""
_TOKEN = re.compile(r"\w+")


def scope_marks(text: str) -> Scope:
    """The animal, human, one-study and many-studies words of a text (first of each)."""
    if not text.isascii():
        found = [pattern.search(text) for pattern, _ in _SCOPE_MARKS]
        animal, human, one, many = (m.group() if m else None for m in found)
        return animal, human, one, many
    lowered = text.lower()
    tokens = set(_TOKEN.findall(lowered))
    spans = [
        lower.search(lowered) if not tokens.isdisjoint(needed) else None
        for lower, (_, needed) in zip(_LOWER_MARKS, _SCOPE_MARKS, strict=True)
    ]
    animal, human, one, many = (text[m.start():m.end()] if m else None for m in spans)
    return animal, human, one, many


def scope_change(source: Scope, derived: Scope) -> list[Reason]:
    """The scope reason of a pair (each side's :func:`scope_marks`): animals read as people,
    or one study as many (and back for animals)."""
    s_animal, s_human, s_one, s_many = source
    d_animal, d_human, _, d_many = derived
    if s_animal and not d_animal and d_human:
        return [Reason(ReasonCode.SCOPE, Direction.OVERSTATED, f"{s_animal} → {d_human}", s_animal, d_human)]
    if d_animal and not s_animal and s_human:
        return [Reason(ReasonCode.SCOPE, Direction.UNDERSTATED, f"{s_human} → {d_animal}", s_human, d_animal)]
    if s_one and d_many and not s_many:
        return [Reason(ReasonCode.SCOPE, Direction.OVERSTATED, f"{s_one} → {d_many}", s_one, d_many)]
    return []
