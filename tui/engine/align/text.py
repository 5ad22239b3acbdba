"""Text normalisation for matching: tokens, stems, stop words and defined abbreviations.

Invariant: nothing here touches spans. Matching works on a normalised copy of a statement
(NFKC, no-break spaces, curly quotes, dashes, case folded) while the statement keeps its
original text and span.

Sources: stop words are the Snowball English stop list (snowballstemmer's project, BSD);
stems come from the Snowball English (Porter2) stemmer (snowballstemmer's API, run by
PyStemmer's C build: pure Python stemmed 20k distinct words in 2.8 s, C in 0.04 s); abbreviation definitions are found
with the algorithm of Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text", PSB 2003.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import snowballstemmer

from tui.engine.lexicon.lists import stop_words

_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    }
)

STOP_WORDS: frozenset[str] = stop_words("terms")
"""Words that carry no topic. Cue words among them (no, not, may, all…) are read by the
classifier from the original text, not from these tokens."""

_WORD = re.compile(r"[^\W_]+(?:(?<=[^\W\d_])(?:-[0-9]+)+|(?:[.,][0-9]+)*)", re.UNICODE)
r"""A word, a number (1.5, 10,000), or a name with a numeric suffix kept whole (COVID-19, IL-6).

One run of letters and digits, then either numeric suffixes (when the run ends in a letter)
or decimal parts. It matches what ``[^\W_]*[^\W\d_](?:-[0-9]+)+|[^\W_]+(?:[.,][0-9]+)*``
matches (a suffix can only follow a whole run), without backtracking through every word
before trying the second branch: tokenising took half the time."""
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_STEMMER = snowballstemmer.stemmer("english")


def stemmer_module() -> str:
    """The name of the module that stems (PyStemmer's, where it is installed)."""
    return type(_STEMMER).__module__


def normalise(text: str, *, marks: bool = True) -> str:
    """A matching copy of ``text``: NFKC, plain quotes and dashes, single spaces, lower case.

    The engine's one normaliser: terms, word diffs, session keys and re-attaching all use it.

    Args:
        text: Any text.
        marks: Also turn curly quotes, odd dashes and odd spaces into plain ones. Session keys
            and re-attaching pass False: the statement hashes already saved were made without
            this step, so the keys of saved sessions stay valid.

    Returns:
        The normalised copy (never used for spans).
    """
    return _normalised(text, marks)


@lru_cache(maxsize=1 << 16)
def _normalised(text: str, marks: bool) -> str:
    """:func:`normalise`, remembered: a statement is normalised by the reader of its terms, its
    cues, its numbers and the word diff, about seven times a comparison."""
    if text.isascii():
        # NFKC and the marks table leave ASCII as it is, and casefold is lower there.
        return " ".join(text.split()).lower()
    return _spaced(text, marks).casefold()


def _spaced(text: str, marks: bool) -> str:
    """:func:`normalise` of a text that is not all ASCII, before the case is folded."""
    folded = unicodedata.normalize("NFKC", _unmangled(text) if marks else text)
    if marks:
        folded = folded.translate(_TRANSLATE)
    return " ".join(folded.split())


def cased(text: str) -> str | None:
    """:func:`normalise` with the case kept, character for character ("SARS-CoV-2" where
    :func:`normalise` gives "sars-cov-2"), so that a span of the one is the same words in the
    other; None where case folding changes the text's length ("ß" folds to "ss")."""
    if text.isascii():
        return " ".join(text.split())
    kept = _spaced(text, marks=True)
    return kept if len(kept.casefold()) == len(kept) else None


def opens_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens a sentence of ``text`` (only quotes or brackets before
    it, or a full stop, question or exclamation mark, colon or semicolon): its capital is the
    sentence's, not the word's ("Preliminary studies …", "… . Aspirin prevented it")."""
    before = text[:at].rstrip(" \"'“‘([")
    return not before or before.endswith((".", "!", "?", ":", ";"))


def as_read(text: str, start: int, written: str) -> str:
    """Words of ``text`` from ``start`` (``written``) as a reason quotes them: in lower case
    where only their place at the head of a sentence gave them a capital ("Preliminary studies
    …" → "preliminary"; "RCT", or "Will Smith" inside a sentence, stay as written)."""
    first = written.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and opens_sentence(text, start):
        return written[0].lower() + written[1:]
    return written


def dashes(text: str) -> frozenset[int]:
    """Where :func:`cased` (and :func:`normalise`) of ``text`` write "-" for a dash the text
    wrote as such ("chest—accounts vary"), not for a hyphen: a reader sees two words there."""
    if text.isascii():
        return frozenset()
    marked = unicodedata.normalize("NFKC", _unmangled(text)).translate(_MARK_DASHES)
    return frozenset(at for at, char in enumerate(" ".join(marked.split())) if char == "\x00")


_MARK_DASHES = {**_TRANSLATE, 0x2014: "\x00", 0x2015: "\x00"}
"""The translation of :func:`_spaced` with the em dash and the horizontal bar marked."""


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball (Porter2) stem of a lower-case word; numbers stay as they are, and an
    acronym's plural is the acronym ("mscs" is "msc", as "rcts" is "rct": Porter2 keeps an "s"
    after letters with no vowel, and no English word is written so)."""
    if _NUMBER.fullmatch(word):
        return word.replace(",", "")
    if len(word) > 2 and word[-1] == "s" and _NO_VOWEL.fullmatch(word, 0, len(word) - 1):
        return word[:-1]
    stemmed: str = _STEMMER.stemWord(word)
    return stemmed


def stems(words: Sequence[str]) -> list[str]:
    """:func:`stem` of each of ``words``, the stemmer called once for the list: a word list of
    the lexicon (6,000 antonyms) in 1 ms instead of 10, in each process that reads it."""
    out: list[str] = _STEMMER.stemWords(words)
    return [stem(w) if w[:1].isdecimal() or w[-1:] == "s" else s for w, s in zip(words, out, strict=True)]


_NO_VOWEL = re.compile(r"[b-df-hj-np-tv-xz]+")
"""Letters with no vowel (nor y): an acronym, lower-cased ("msc", "rct", "hcw")."""


def words(text: str) -> list[str]:
    """Lower-case word and number tokens of ``text`` (hyphenated words split)."""
    return _WORD.findall(normalise(text))


_MANGLED = re.compile("[âÃÂ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
"""A character of UTF-8 read as Windows-1252 or Latin-1 ("â€™" for "’", "â\x80¯" for a thin
space): the mark of text decoded twice somewhere before it reached the engine."""


def _unmangled(text: str) -> str:
    """``text`` with text decoded twice repaired by ftfy, the maintained tool for it ("781â\x80¯000"
    reads as 781 000); a text without the mark is returned as it is (ftfy takes 0.1 ms a call)."""
    if _MANGLED.search(text) is None:
        return text
    import ftfy

    return ftfy.fix_text(text)  # NFC; the caller's NFKC follows


def normalised_words(plain: str) -> list[str]:
    """:func:`words` of a text already through :func:`normalise`: ``words(t) ==
    normalised_words(normalise(t))``, for callers that keep the normalised text anyway."""
    return _WORD.findall(plain)


def word_spans(plain: str) -> list[tuple[int, int]]:
    """Where each of :func:`normalised_words` stands in ``plain``."""
    return [m.span() for m in _WORD.finditer(plain)]


LongForms = dict[str, list[tuple[tuple[str, ...], str]]]
"""Long forms by their first stem, each with its concept term, longest first."""


def long_forms(abbreviations: dict[str, tuple[str, ...]]) -> LongForms:
    """The long forms :func:`content_terms` joins, filed once for many statements."""
    by_first: LongForms = {}
    for short, long in abbreviations.items():
        by_first.setdefault(long[0], []).append((long, "#" + short))
    return {first: sorted(found, key=lambda p: -len(p[0])) for first, found in by_first.items()}


def content_terms(
    text: str, abbreviations: dict[str, tuple[str, ...]] | None = None, *, forms: LongForms | None = None
) -> list[str]:
    """Stemmed content tokens: stop words dropped, defined abbreviations made one term.

    An abbreviation and its long form become the same single term (``#msc`` for "MSC",
    "MSCs" and "mesenchymal stem cells"), so a concept written either way matches, and a
    three-word long form does not weigh three times.

    Args:
        text: A statement.
        abbreviations: Short form (lower case) → stems of its long form.
        forms: :func:`long_forms` of ``abbreviations`` when already filed.

    Returns:
        Terms in text order, repeats kept.
    """
    abbreviations = abbreviations or {}
    out: list[str] = []
    for word in words(text):
        short = word if word in abbreviations else word[:-1] if word[:-1] in abbreviations and word.endswith("s") else None
        if short:
            out.append("#" + short)
        elif word not in STOP_WORDS and (len(word) > 1 or word.isdigit()):
            out.append(stem(word))
    if not abbreviations:
        return out
    return _join_long_forms(out, forms if forms is not None else long_forms(abbreviations))


def _join_long_forms(terms: list[str], by_first: LongForms) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(terms):
        for long, concept in by_first.get(terms[i], ()):
            if tuple(terms[i : i + len(long)]) == long:
                out.append(concept)
                i += len(long)
                break
        else:
            out.append(terms[i])
            i += 1
    return out


# -- abbreviation definitions (Schwartz & Hearst 2003) ---------------------------------------

_PAREN = re.compile(r"\(([^()]{1,60})\)")


def find_abbreviations(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Abbreviations the texts define, as ``short form (lower case) → long-form stems``.

    Both patterns of the paper are read: ``long form (SF)`` and ``SF (long form)``.
    """
    found: dict[str, tuple[str, ...]] = {}
    for text in texts:
        for match in _PAREN.finditer(text):
            inside = match.group(1).strip()
            before = text[max(0, match.start() - 300) : match.start()]  # a long form is at most ~20 words
            pair = _definition(before, inside)
            if pair and _WORD.fullmatch(pair[0].casefold()):
                short, long = pair
                stems = tuple(stem(w) for w in words(long) if w not in STOP_WORDS)
                if stems:
                    key = short.casefold()
                    if short.endswith("s") and short[:-1].isupper():
                        key = key[:-1]  # MSCs defines MSC
                    found.setdefault(key, stems)
    return found


def _definition(before: str, inside: str) -> tuple[str, str] | None:
    inside_words = inside.split()
    if len(inside_words) <= 2 and _is_short_form(inside_words[0] if inside_words else ""):
        short = inside_words[0].rstrip(",;")
        candidates = before.split()[-min(len(short) + 5, len(short) * 2):]
        long = _best_long_form(short, " ".join(candidates))
        return (short, long) if long else None
    previous = before.split()[-1:] if before.split() else []
    if previous and _is_short_form(previous[0]) and len(inside_words) > 1:
        short = previous[0]
        long = _best_long_form(short, inside)
        return (short, long) if long else None
    return None


def _is_short_form(token: str) -> bool:
    token = token.strip(",;")
    return 2 <= len(token) <= 10 and token[0].isalnum() and any(c.isalpha() for c in token) and (
        sum(c.isupper() for c in token) >= 2 or any(c.isdigit() for c in token)
    )


def _best_long_form(short: str, long: str) -> str | None:
    """The paper's matching: short-form characters found right to left in the long form,
    the first one at the start of a word."""
    chars = [c.lower() for c in short if c.isalnum()]
    if short.endswith("s") and len(chars) > 2:
        chars = chars[:-1]  # plural short forms (MSCs)
    s_index = len(chars) - 1
    l_index = len(long) - 1
    while s_index >= 0:
        current = chars[s_index]
        while l_index >= 0 and (
            long[l_index].lower() != current
            or (s_index == 0 and l_index > 0 and long[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = long.rfind(" ", 0, l_index + 1) + 1
    result = long[start:].strip()
    return result if len(result.split()) >= 2 and len(result) > len(short) else None
