"""Who or what a claim covers: animals or people, one study or a body of work, a group of
people or everyone.

A scope reason says a claim widened (or narrowed) what its source covers: "in mice" against
"in people", "this study" against "studies show", "adults under 65" against "everyone". The
words of each kind are read from the two texts of a pair alone.
"""

from __future__ import annotations

import re

from tui.engine.lexicon.lists import alternation
from tui.engine.model import Direction, Reason, ReasonCode

Scope = tuple[str | None, str | None, str | None, str | None, str | None, str | None]
"""The first animal, human, one-study, many-studies, group and everyone words of a text."""

_ANIMALS = ("mice mouse murine rat rats rodent rodents animal animals monkey monkeys pig pigs dog dogs zebrafish "
            "rabbit rabbits hamster hamsters ferret ferrets primate primates organoid organoids")
_HUMANS = "people human humans patient patients men women adult adults children everyone person persons individuals"
_STUDY_NOUNS = "study trial experiment paper analysis"
_MANY_STUDIES = "studies trials research experiments science evidence"
"""Words for a body of work. "Scientists" is not among them: "scientists have found" names who
found it, as "this study revealed" does, and widens nothing."""


_PEOPLE = "people patients adults men women children individuals participants persons subjects those volunteers"
"""The people a group is made of ("adults under 65", "healthy volunteers")."""
_GROUP = alternation("population_groups.txt")
"""A group of people that a finding is restricted to: by age ("adults under 65", "children aged 5
to 11"), by a condition ("patients with severe COVID-19"), or named by what sets it apart ("older
adults", "pregnant women", "infants")."""
_GROUP_WORDS = f"{_PEOPLE} years elderly seniors infants toddlers newborns neonates adolescents teenagers"
_EVERYONE = (
    rf"(?:{alternation('everyone.txt')})"
    r"(?! (?:over|under|aged|with|who|older|younger|above|below|at|in|from|of|on|taking|treated|that|between))"
)
"""Everyone, unrestricted: "everyone" or "all adults", not "everyone over 50" or "all patients in
the trial", which name a group of their own."""
_EVERYONE_WORDS = "everyone everybody anyone anybody all every regardless general whole"


def _words_pattern(words: str, *phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join([*words.split(), *phrases]) + r")\b", re.IGNORECASE)


_SCOPE_MARKS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (_words_pattern(_ANIMALS, r"in vitro", r"cell cultures?", r"cell lines?", r"petri dish(?:es)?", r"test tubes?"),
     frozenset([*_ANIMALS.split(), "vitro", "culture", "cultures", "line", "lines", "dish", "dishes", "tube", "tubes"])),
    (_words_pattern(_HUMANS), frozenset(_HUMANS.split())),
    (re.compile(r"\b(?:(?:a|one|this|the|our|single|new|recent) (?:\w+ )?(?:" + _STUDY_NOUNS.replace(" ", "|") + r"))\b",
                re.IGNORECASE), frozenset(_STUDY_NOUNS.split())),
    (_words_pattern(_MANY_STUDIES), frozenset(_MANY_STUDIES.split())),
    (re.compile(rf"\b(?:{_GROUP})\b", re.IGNORECASE), frozenset(_GROUP_WORDS.split())),
    (re.compile(rf"\b{_EVERYONE}\b", re.IGNORECASE), frozenset(_EVERYONE_WORDS.split())),
)
"""The animal, human, one-study, many-studies, group and everyone patterns, each with words one of which any
match holds: a text with none of them is not searched (most statements name no animal)."""
_LOWER_MARKS = tuple(re.compile(pattern.pattern) for pattern, _ in _SCOPE_MARKS)
"""The same patterns matching case, for an ASCII text lower-cased: the same spans, found in 5 µs
rather than 8 (the text's own words are then taken from those spans)."""
_TOKEN = re.compile(r"\w+")


def scope_marks(text: str) -> Scope:
    """The animal, human, one-study, many-studies, group and everyone words of a text (first of
    each)."""
    if not text.isascii():
        found = [pattern.search(text) for pattern, _ in _SCOPE_MARKS]
        animal, human, one, many, group, everyone = (m.group() if m else None for m in found)
        return animal, human, one, many, group, everyone
    lowered = text.lower()
    tokens = set(_TOKEN.findall(lowered))
    spans = [
        lower.search(lowered) if not tokens.isdisjoint(needed) else None
        for lower, (_, needed) in zip(_LOWER_MARKS, _SCOPE_MARKS, strict=True)
    ]
    animal, human, one, many, group, everyone = (text[m.start():m.end()] if m else None for m in spans)
    return animal, human, one, many, group, everyone


def scope_change(source: Scope, derived: Scope, derived_text: str = "") -> list[Reason]:
    """The scope reason of a pair (each side's :func:`scope_marks`): animals read as people, a
    group of people as everyone, or one study as many (and back for animals). A group is
    widened only when ``derived_text`` drops what sets it apart: "every patient" with long
    COVID, in a claim about long COVID, is a patient of the source's group."""
    s_animal, s_human, s_one, s_many, s_group, s_everyone = source
    d_animal, d_human, _, d_many, _, d_everyone = derived
    if s_animal and not d_animal and d_human:
        return [Reason(ReasonCode.SCOPE, Direction.OVERSTATED, f"{s_animal} → {d_human}", s_animal, d_human)]
    if d_animal and not s_animal and s_human:
        return [Reason(ReasonCode.SCOPE, Direction.UNDERSTATED, f"{s_human} → {d_animal}", s_human, d_animal)]
    if s_group and d_everyone and not s_everyone and not _keeps(s_group, derived_text):
        return [Reason(ReasonCode.SCOPE, Direction.OVERSTATED, f"{s_group} → {d_everyone}", s_group, d_everyone)]
    if s_one and d_many and not s_many:
        return [Reason(ReasonCode.SCOPE, Direction.OVERSTATED, f"{s_one} → {d_many}", s_one, d_many)]
    return []


_NOT_DISTINCT = frozenset(
    f"{_PEOPLE} with who have had are were living suffering from at high increased risk of aged ages the age years old "
    "and or to".split()
)
"""The words of a group that do not set it apart: its people and the words that join them."""


def _keeps(group: str, text: str) -> bool:
    """Whether ``text`` holds every word that sets ``group`` apart ("long", "covid" of "patients
    with long COVID"; "under", "65" of "adults under 65")."""
    distinct = set(_TOKEN.findall(group.lower())) - _NOT_DISTINCT
    return bool(distinct) and distinct <= set(_TOKEN.findall(text.lower()))
