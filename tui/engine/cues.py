"""Lexical cues in a statement: hedges, boosters, negations, numbers, causal and other words.

``find_cues(text)`` returns the cue spans the UI emphasises, the exports list and the
classifier compares; ``is_hedged(text)`` is the sentence-level speculation test.

Where the lists come from (the data files in ``tui/data/cues/`` carry the same notes):

- ``hedge_bioscope_dev.tsv``: speculation cues learned by ``tools/build_cues.py`` from the
  BioScope corpus (Vincze et al. 2008, CC BY 2.0), *dev split only* (30% of the abstracts by a
  hash of the document id). ``is_hedged`` uses the cues that were marked at least
  ``HEDGE_MIN_COUNT`` times with precision at least ``HEDGE_MIN_PRECISION`` there.
- ``hedges_wooorm.txt``: the MIT ``hedges`` list by Titus Wormer (notice kept in the file).
  Its epistemic words join the hedges, its certainty words ("certainly", "definitely",
  "clearly") the boosters; its vague and frequency words are left out (``WOOORM_SKIP``).
- ``handwritten.txt``: boosters, negations, causal and association verbs, quantifiers and
  caveats, after Hyland's hedges/boosters and the claim-strength categories of Sumner et al.
  2014 (InSciOut) and Yu et al. 2019.

Invariant: cues are sorted by start, never overlap, and ``text[cue.start:cue.end] ==
cue.text``. Where two categories match overlapping words, the longer match wins, then the
category listed first in ``CATEGORIES``. All patterns are compiled once, at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

CATEGORIES: tuple[str, ...] = (
    "caveat",
    "number",
    "association",
    "booster",
    "hedge",
    "causal",
    "negation",
    "universal",
    "partial",
)
"""Every category, in the order that breaks ties between equally long overlapping matches."""

HEDGE_MIN_COUNT = 1
"""A BioScope dev cue counts for ``is_hedged`` when marked at least this often…"""
HEDGE_MIN_PRECISION = 0.5
"""…and at least this share of its dev occurrences were marked as speculation."""

WOOORM_BOOSTERS = frozenset({"certainly", "definitely", "clearly", "quite clearly", "definite", "must", "will"})
"""Entries of the Wormer list that express certainty, not doubt."""
WOOORM_SKIP = frozenset({
    "about", "actually", "almost", "always", "apparent", "approximately", "around", "assume",
    "assumed", "assumes", "basically", "believe", "believed", "believes", "bunch", "can",
    "certain", "clear", "consider", "considered", "considers", "couple", "diagnostic",
    "effectively", "estimate", "estimated", "estimates", "evidently", "fairly", "few", "find",
    "finds", "found", "frequently", "generally", "guess", "guessed", "guesses", "hopefully",
    "largely", "like", "little", "mainly", "many", "most", "mostly", "much", "necessarily", "never",
    "occasionally", "often", "overall", "partially", "practically", "pretty", "quite", "rare",
    "rarely", "rather", "read", "really", "roughly", "say", "says", "seldom", "several", "should",
    "some", "somebody", "somehow", "someone", "something", "sometimes", "somewhat", "somewhere",
    "tend", "think", "thinks", "thought", "understand", "understands", "understood", "usually",
    "virtually", "would", "and all that", "and so forth", "et cetera", "kind of", "sort of",
    "more or less", "in general", "so far", "at least", "a bit", "almost never", "consistent with",
    "be sure", "looks like", "look like",
})
"""Entries of the Wormer list that are vague, frequency or quantity words rather than hedges (or
that the hand-written lists place in another category)."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue: a span of the text and what kind of word it is."""

    start: int
    end: int
    category: str
    """One of ``CATEGORIES``."""
    text: str
    """Exactly ``text[start:end]`` of the text searched."""


def _data(name: str) -> str:
    return resources.files("tui").joinpath("data", "cues", name).read_text(encoding="utf-8")


def _inflect(word: str) -> str:
    """A regex for ``word`` and its simple inflections (suggest → suggests/suggested/suggesting)."""
    if word.endswith("e"):
        stem = word[:-1]
        return f"{stem}(?:e|es|ed|ing)"
    if word.endswith("y") and len(word) > 3 and word[-2] not in "aeiou":
        stem = word[:-1]
        return f"{stem}(?:y|ies|ied|ying)"
    return f"{word}(?:s|es|ed|ing)?"


def _phrase(line: str) -> str:
    """Turn one pattern line of the mini syntax (see ``handwritten.txt``) into a regex."""
    line = re.sub(r"(\w+)~", lambda m: _inflect(m.group(1)), line.strip())
    return line.replace(" ", r"\s+")


def _literal(phrase: str) -> str:
    """A regex for a literal word or phrase, any white space between words."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(_phrase(line))
    return sections


def bioscope_hedges(*, min_count: int = HEDGE_MIN_COUNT, min_precision: float = HEDGE_MIN_PRECISION) -> list[str]:
    """The BioScope dev speculation cues that pass the selection rule.

    Args:
        min_count: Least times the cue was marked in the dev split.
        min_precision: Least share of its dev occurrences that were marked.

    Returns:
        Cue strings, lower case, most frequent first.
    """
    out: list[str] = []
    for line in _data("hedge_bioscope_dev.tsv").splitlines():
        if not line or line.startswith(("#", "cue\t")):
            continue
        cue, count, _occurrences, precision = line.split("\t")
        if int(count) >= min_count and float(precision) >= min_precision:
            out.append(cue)
    return out


def _wooorm() -> tuple[list[str], list[str]]:
    """(hedges, boosters) taken from the Wormer list."""
    hedges: list[str] = []
    boosters: list[str] = []
    for raw in _data("hedges_wooorm.txt").splitlines():
        entry = raw.strip().lower()
        if not entry or entry.startswith("%") or entry in WOOORM_SKIP:
            continue
        (boosters if entry in WOOORM_BOOSTERS else hedges).append(entry)
    return hedges, boosters


_NUMBER_WORD = r"(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand|million|billion|half|twice|double|triple)"
_UNIT = (
    r"(?:%|percent|per\s+cent|percentage\s+points?|mg|g|kg|µg|μg|mcg|ml|mL|l|L|mmol(?:/[lL])?|mmHg|IU|units?|"
    r"kcal|cm|mm|km|m|fold|times|hours?|hrs?|h|minutes?|mins?|days?|weeks?|months?|years?|decades?|"
    r"patients?|participants?|people|persons?|subjects?|adults?|children|women|men|cases?|deaths?|"
    r"respondents?|individuals?|volunteers?|mice|rats|cups?|doses?|trials?|studies)"
)
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_NUMBER = (
    r"(?:(?:95|99|90)\s*%\s*(?:CI|confidence\s+interval)[\s:,]*(?:" + _NUM + r")?(?:\s*(?:[-–—]|to)\s*(?:" + _NUM + r"))?)"
    r"|(?:\b[pP]\s*(?:[<>=≤≥]|&lt;)\s*(?:" + _NUM + r"))"
    r"|(?:(?<![\w.\-/])[-−+]?(?:" + _NUM + r")(?:\s*(?:%|[-–—]|to|and)\s*(?:" + _NUM + r"))?(?:\s*:\s*\d+)?"
    r"(?:\s*" + _UNIT + r"(?![\w]))?)"
    r"|(?:\b" + _NUMBER_WORD + r"(?:[-\s](?:quarters?|thirds?|fold|times))?\b(?:\s+" + _UNIT + r"\b)?)"
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """One compiled alternation per category (built once)."""
    sections = _sections(_data("handwritten.txt"))
    wooorm_hedges, wooorm_boosters = _wooorm()
    sections["hedge"] = [*sections.get("hedge", []), *map(_literal, bioscope_hedges()), *map(_literal, wooorm_hedges)]
    sections["booster"] = [*sections.get("booster", []), *map(_literal, wooorm_boosters)]
    out: dict[str, re.Pattern[str]] = {}
    for category in CATEGORIES:
        if category == "number":
            out[category] = re.compile(_NUMBER)
            continue
        # Python tries alternatives in order: phrases of more words first, so "lack of" beats "lack".
        alternatives = sorted(set(sections.get(category, [])), key=lambda a: (a.count(r"\s+"), len(a)), reverse=True)
        out[category] = re.compile(rf"(?<![\w'’-])(?:{_by_first_letter(alternatives)})(?![\w-])", re.IGNORECASE)
    return out


def _by_first_letter(alternatives: list[str]) -> str:
    """One alternation, factored by leading letter so a word start tries only its own bucket.

    Python's ``re`` tries alternatives one by one at every word start; grouping them under
    their first letter (``s(?:uggest…|how…)``) cuts a cue search about tenfold. Alternatives
    that do not start with a plain letter keep their place after the buckets.
    """
    buckets: dict[str, list[str]] = {}
    others: list[str] = []
    for alternative in alternatives:
        first, rest = alternative[:1], alternative[1:]
        if first.isalpha() and first.isascii() and not rest.startswith(("?", "*", "+", "{")):
            buckets.setdefault(first.lower(), []).append(rest)
        else:
            others.append(alternative)
    parts = [f"{letter}(?:{'|'.join(f'(?:{r})' if r else '' for r in rests)})" for letter, rests in sorted(buckets.items())]
    return "|".join([*parts, *(f"(?:{a})" for a in others)])


@cache
def _hedge_pattern() -> re.Pattern[str]:
    """The sentence-level speculation detector: BioScope dev cues and a few dev-checked forms."""
    cues = bioscope_hedges()
    body = "|".join(_literal(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w-])", re.IGNORECASE)


def find_cues(text: str) -> list[Cue]:
    """Every cue in ``text``: sorted by start, non-overlapping, spans into ``text``.

    Args:
        text: A statement (or any text; a whole document works too).

    Returns:
        The cues, the longer match winning an overlap, then the earlier category in
        ``CATEGORIES``. (Remembered per text: the classifier, claim strength and the app
        all ask about the same statements.)
    """
    return list(_find_cues(text))


@lru_cache(maxsize=65_536)
def _find_cues(text: str) -> tuple[Cue, ...]:
    found: list[tuple[int, int, int, str]] = []
    for rank, (category, pattern) in enumerate(_patterns().items()):
        for match in pattern.finditer(text):
            start, end = match.span()
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                found.append((start, end, rank, category))
    found.sort(key=lambda item: (-(item[1] - item[0]), item[2], item[0]))
    taken: list[tuple[int, int, str]] = []
    occupied = bytearray(len(text))
    for start, end, _rank, category in found:
        if any(occupied[start:end]):
            continue
        occupied[start:end] = b"\x01" * (end - start)
        taken.append((start, end, category))
    taken.sort()
    return tuple(Cue(start, end, category, text[start:end]) for start, end, category in taken)


def cues_of(text: str, category: str) -> list[Cue]:
    """The cues of one category in ``text`` (as ``find_cues`` resolves overlaps).

    Args:
        text: The text to search.
        category: One of ``CATEGORIES``.

    Returns:
        The matching cues, in order.
    """
    if category not in CATEGORIES:
        raise ValueError(f"unknown cue category {category!r}; expected one of {', '.join(CATEGORIES)}")
    return [cue for cue in find_cues(text) if cue.category == category]


def hedge_cues(text: str) -> list[Cue]:
    """The hedges in ``text`` ("may", "suggests", "appears to"…)."""
    return cues_of(text, "hedge")


def booster_cues(text: str) -> list[Cue]:
    """The boosters in ``text`` ("shown", "clearly", "will"…)."""
    return cues_of(text, "booster")


def is_hedged(text: str) -> bool:
    """Whether a sentence is speculative (CoNLL-2010 task 1: it has a speculation cue).

    Args:
        text: One sentence.

    Returns:
        True when one of the BioScope dev cues selected by the rule occurs in it.
    """
    return _hedge_pattern().search(text) is not None
