"""Lexical cues in a statement: hedges, boosters, negations, numbers, causal and other words.

``find_cues(text)`` returns the cue spans the UI emphasises, the exports list and the
classifier compares; ``is_hedged(text)`` is the sentence-level speculation test.

Where the lists come from (the data files in ``tui/engine/lexicon/`` carry the same notes):

- ``hedge_bioscope_dev.tsv``: speculation cues learned by ``tools/build_cues.py`` from the
  BioScope corpus (Vincze et al. 2008, CC BY 2.0), *dev split only* (30% of the abstracts by a
  hash of the document id). ``is_hedged`` uses the cues that were marked at least
  ``lists.HEDGE_MIN_COUNT`` times with precision at least ``lists.HEDGE_MIN_PRECISION`` there.
- ``hedges_wooorm.txt``: the MIT ``hedges`` list by Titus Wormer (notice kept in the file).
  Its epistemic words join the hedges, its certainty words ("certainly", "definitely",
  "clearly") the boosters; its vague and frequency words are left out (``WOOORM_SKIP``, read
  from ``wooorm_skip.txt``).
- ``handwritten.txt``: boosters, negations, causal and association verbs, quantifiers and
  caveats, after Hyland's hedges/boosters and the claim-strength categories of Sumner et al.
  2014 (InSciOut) and Yu et al. 2019.

Invariant: cues are sorted by start, never overlap, and ``text[cue.start:cue.end] ==
cue.text``. Where two categories match overlapping words, the longer match wins, then the
category listed first in ``CATEGORIES``. A caveat right after a negation ("no further
trials are needed") is one booster cue with it. Patterns are compiled once, at first use.

How a sentence is searched: it is split into word runs once, and each word start tries only
the alternatives that can begin with that word (listed by :mod:`tui.engine.lexicon.firstword`), so a
cue costs a dictionary look-up instead of nine scans of the sentence. This finds exactly what
scanning with each category's whole alternation finds, which is still how a text is searched
when the engine's case-folding is not ``str.lower``'s for it (a letter that lower-cases to two,
or one that matches an ASCII letter: ``_FOLDS_TO_ASCII``); a text with other non-ASCII
words ("β-catenin", "ω-3") is looked up, and the whole alternations are then rarely compiled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter

from tui.engine.lexicon import appearing, attributive, lists, months, names, numero, reported
from tui.engine.lexicon.firstword import first_words, shipped
from tui.engine.lexicon.lists import bioscope_hedges

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
    "advice",
)
"""Every category, in the order that breaks ties between equally long overlapping matches."""

WOOORM_BOOSTERS = frozenset({"certainly", "definitely", "clearly", "quite clearly", "definite", "must"})
"""Entries of the Wormer list that express certainty, not doubt."""
WOOORM_SKIP = lists.words("wooorm_skip.txt")
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


def _wooorm() -> tuple[list[str], list[str]]:
    """(hedges, boosters) taken from the Wormer list."""
    hedges: list[str] = []
    boosters: list[str] = []
    for raw in lists.read("hedges_wooorm.txt").splitlines():
        entry = raw.strip().lower()
        if not entry or entry.startswith("%") or entry in WOOORM_SKIP:
            continue
        (boosters if entry in WOOORM_BOOSTERS else hedges).append(entry)
    return hedges, boosters


_NUMBER_WORD = r"(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand|million|billion|half|twice|double|triple)"
_UNIT = "(?:" + lists.alternation("units.txt") + ")"
"""Units and counted nouns after a number (``units.txt``)."""
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:[.·]\d+)?|\.\d+"
_NUMBER = (
    r"(?:(?:95|99|90)\s*%\s*(?:CI|confidence\s+interval)[\s:,]*(?:" + _NUM + r")?(?:\s*(?:[-–—]|to)\s*(?:" + _NUM + r"))?)"
    r"|(?:\b[pP]\s*(?:[<>=≤≥]|&lt;)\s*(?:" + _NUM + r"))"
    r"|(?:(?<![\w.\-/])[-−+]?(?:" + _NUM + r")(?:\s*(?:%|[-–—]|to|and)\s*(?:" + _NUM + r"))?(?:\s*:\s*\d+)?"
    r"(?:\s*" + _UNIT + r"(?![\w]))?)"
    r"|(?:\b" + _NUMBER_WORD + r"(?:[-\s](?:quarters?|thirds?|fold|times))?\b(?:\s+" + _UNIT + r"\b)?)"
)


@cache
def _alternatives() -> dict[str, list[str]]:
    """Each word category's alternatives, in the order the matcher tries them.

    Python tries alternatives in order: phrases of more words first, so "lack of" beats "lack";
    alternatives alike in both are ordered by their text, so that every process builds the
    same pattern (their set's order changes with each interpreter's string hashing).
    """
    sections = _sections(lists.read("handwritten.txt"))
    wooorm_hedges, wooorm_boosters = _wooorm()
    sections["hedge"] = [*sections.get("hedge", []), *map(_literal, bioscope_hedges()), *map(_literal, wooorm_hedges)]
    sections["booster"] = [*sections.get("booster", []), *map(_literal, wooorm_boosters)]
    return {
        category: sorted(set(sections.get(category, [])), key=lambda a: (a.count(r"\s+"), len(a), a), reverse=True)
        for category in CATEGORIES
        if category != "number"
    }


def every_alternative() -> list[str]:
    """Every category's alternatives, each once, in the order the categories are filed."""
    return list(dict.fromkeys(a for alternatives in _alternatives().values() for a in alternatives))


_START = r"(?<![\w'’-])"
"""A cue starts a word: no word character, apostrophe or hyphen before it."""
_END = r"(?![\w-])"
"""…and ends one."""


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """One compiled alternation per category, for scanning a whole text."""
    return {category: _pattern(category) for category in CATEGORIES}


@cache
def _pattern(category: str) -> re.Pattern[str]:
    """One category's alternation, compiled when first asked for (ASCII text needs numbers only)."""
    if category == "number":
        return re.compile(_NUMBER)
    body = "|".join(f"(?:{a})" for a in _alternatives()[category])
    return re.compile(rf"{_START}(?:{body}){_END}", re.IGNORECASE)


Entry = tuple[int, str, re.Pattern[str]]
"""(rank in ``CATEGORIES``, category, the alternatives that can start with one word)."""
Filed = tuple[int, str, str]
"""An :data:`Entry` whose pattern is compiled when a text first holds its word (:func:`_compiled`)."""


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The word categories, filed by the words their cues can start with."""

    by_word: dict[str, tuple[Filed, ...]]
    scanned: tuple[Entry, ...]
    """Categories matched by scanning the text instead: numbers, and any category with an
    alternative whose first words cannot be listed."""


@cache
def _lexicon() -> _Lexicon:
    filed: dict[str, list[Filed]] = {}
    scanned: list[Entry] = [(CATEGORIES.index("number"), "number", _pattern("number"))]
    for category, alternatives in _alternatives().items():
        rank = CATEGORIES.index(category)
        known = shipped()
        starts = [known[a] if a in known else first_words(a, re.IGNORECASE) for a in alternatives]
        if any(words is None for words in starts):
            scanned.append((rank, category, _pattern(category)))
            continue
        per_word: dict[str, list[str]] = {}
        for alternative, words in zip(alternatives, starts):
            for word in words or ():
                per_word.setdefault(word, []).append(alternative)
        for word, kept in per_word.items():
            body = "|".join(f"(?:{a})" for a in kept)  # in the scan's order, so the same one wins
            filed.setdefault(word, []).append((rank, category, rf"(?:{body}){_END}"))
    by_rank = itemgetter(0)
    return _Lexicon({w: tuple(sorted(e, key=by_rank)) for w, e in filed.items()}, tuple(sorted(scanned, key=by_rank)))


_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
"""The characters that case-insensitive matching takes for ASCII letters (İ ı ſ K: every code
point tried against ``[A-Za-z]``). Every cue starts with ASCII letters, so a word holding any
other non-ASCII letter starts none, and the look-up finds what scanning finds."""
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset(_NUMBER_WORD[3:-1].split("|"))
_RUN = re.compile(r"\w+")


def _may_hold_number(text: str) -> bool:
    """False only when the number pattern cannot match: no digit and no number word."""
    return _DIGIT.search(text) is not None or not _NUMBER_WORDS.isdisjoint(_RUN.findall(text))


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
        ``CATEGORIES`` (remembered per text: many callers ask about one statement).
    """
    return list(_find_cues(text))


@lru_cache(maxsize=65_536)
def _find_cues(text: str) -> tuple[Cue, ...]:
    lowered = text.lower()
    if text.isascii() or (len(lowered) == len(text) and _FOLDS_TO_ASCII.search(text) is None):
        found = _looked_up(text, lowered)
    else:  # case-folding beyond ASCII is the regex engine's to do
        found = _scanned(text)
    return _resolved(text, found)


Match = tuple[int, int, int, str]
"""(start, end, rank of the category, category) of one match before overlaps are resolved."""


def _looked_up(text: str, lowered: str) -> list[Match]:
    """Every category's matches, each word start trying only the alternatives filed under it.

    Within a category a match hides the word starts it covers, as scanning the text with
    the category's pattern would, so both find the same matches.
    """
    lexicon = _lexicon()
    found: list[Match] = []
    covered: dict[int, int] = {}
    by_word = lexicon.by_word
    for word in _RUN.finditer(lowered):  # whole runs: a word start is one not after ' ’ or -
        entries = by_word.get(word.group())
        if entries is None:
            continue
        start = word.start()
        if start and lowered[start - 1] in "'’-":
            continue
        for rank, category, body in entries:
            if start < covered.get(rank, 0):
                continue
            match = _compiled(body).match(text, start)
            if match:
                covered[rank] = match.end()
                _keep(found, text, start, match.end(), rank, category)
    if _may_hold_number(text):
        for rank, category, pattern in lexicon.scanned:
            for match in pattern.finditer(text):
                _keep(found, text, *match.span(), rank, category)
    return found


def _scanned(text: str) -> list[Match]:
    """Every category's matches, found by scanning the text with its pattern."""
    found: list[Match] = []
    for rank, (category, pattern) in enumerate(_patterns().items()):
        for match in pattern.finditer(text):
            _keep(found, text, *match.span(), rank, category)
    return found


def _resolved(text: str, found: list[Match]) -> tuple[Cue, ...]:
    """The matches that survive overlaps: longer first, then the earlier category."""
    found.sort(key=lambda item: (-(item[1] - item[0]), item[2], item[0]))
    taken: list[tuple[int, int, str]] = []
    occupied = bytearray(len(text))
    for start, end, _rank, category in found:
        if any(occupied[start:end]):
            continue
        occupied[start:end] = b"\x01" * (end - start)
        taken.append((start, end, category))
    taken.sort()
    kept = reported.reported(text, months.without_months(text, appearing.without_appearances(text, taken)))
    kept = attributive.without_attributives(text, kept)
    kept = _denied_caveats(text, names.without_names(text, numero.without_numeros(text, kept)))
    return tuple(Cue(s, e, category, text[s:e]) for s, e, category in kept)


def _denied_caveats(text: str, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A caveat right after a negation is denied, which is a booster: "no further trials
    are needed", "no more research is required" claim the very certainty a caveat withholds."""
    out: list[tuple[int, int, str]] = []
    for start, end, category in taken:
        if category == "caveat" and out and out[-1][2] == "negation" and not text[out[-1][1]:start].strip():
            out[-1] = (out[-1][0], end, "booster")
            continue
        out.append((start, end, category))
    return out


def _keep(found: list[Match], text: str, start: int, end: int, rank: int, category: str) -> None:
    """Add a match, less any trailing white space a pattern's ``\\s+`` took."""
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        found.append((start, end, rank, category))


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
