"""Signals a reviewer can read, computed for one derived claim and its source counterpart.

Each signal is a named number in ``[0, 1]`` that says one thing about how the derived claim
differs from the source statement it was matched with: how much of its content the source
covers, whether a negation or an antonym flips between them, whether a quantity goes the
other way, whether its numbers hold against the source's (thresholds such as "more than 24
million" included), and which of the typed reasons of :mod:`tui.engine.judge.classify` fire.
The learned decision (:mod:`tui.engine.judge.decide`) weighs them; the same signals name
the reason a reviewer is shown.

Besides the named signals, the decision reads the words only one side has, hashed
(:mod:`tui.engine.judge.rows`).

Invariant: everything here reads the two texts only, and the abbreviations their documents
define (:mod:`tui.engine.judge.concepts`), so a signal is the same whether it is computed at
training time or in the app.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz

from tui.engine.align.text import STOP_WORDS, normalise, normalised_words, stem, stems
from tui.engine.judge.amounts import Numbers, bears_each
from tui.engine.judge.antonyms import antonym_stems
from tui.engine.judge.classify import Known, Ruled, compare_claims
from tui.engine.judge.concepts import Concepts, Mentions, folded
from tui.engine.judge.dates import year_borne
from tui.engine.judge.nearby import bounds, near, said_of_one_thing
from tui.engine.judge.negation import denied, negations
from tui.engine.judge.quantity import Quantity, read_quantities
from tui.engine.lexicon.lists import entries
from tui.engine.model import ReasonCode

_NUMBER = re.compile(r"\d+(?:[.,·]\d+)*")
RULE_CODES = (
    ReasonCode.CERTAINTY, ReasonCode.CAUSALITY, ReasonCode.NUMBER, ReasonCode.NEGATION,
    ReasonCode.SCOPE, ReasonCode.QUANTIFIER, ReasonCode.CAVEAT,
)
"""The rules' reason codes, each a signal of its own (1 when the rule fires on the pair)."""

NAMES = (
    "cover_derived", "cover_source", "added_words", "dropped_words", "one_word_swapped",
    "token_set", "partial", "negation_derived_shared", "negation_derived_own", "negation_source_shared",
    "negation_source_own", "negation_differs_shared", "negation_differs_own",
    "antonym", "antonym_contrast", "direction_flip", "direction_said", "numbers_said", "numbers_unmatched",
    "number_unmatched", "numbers_exact", "year_differs", "source_has_no_number", "new_name", "length_derived",
    "length_source",
    *(f"rule_{code.value}" for code in RULE_CODES),
    "numbers_nowhere",
)
"""The named signals, in the order of the decision's weights: those read from the two texts
(:data:`TEXT_NAMES`), the rules', then the one read against all the source's claims."""


@cache
def _stems(name: str) -> frozenset[str]:
    return frozenset(stems(entries(name)))


@cache
def unshown_words() -> frozenset[str]:
    """Words a content reason leaves out: amounts and connectives ("adds thus, less")."""
    return frozenset(entries("quantity_words.txt")) | frozenset(entries("connectives.txt"))


@dataclass(frozen=True, slots=True)
class Difference:
    """What one side says that the other does not, as stems, for reasons and slots."""

    added: frozenset[str]
    """Content stems of the derived claim that the source statement lacks."""
    dropped: frozenset[str]
    """Content stems of the source statement that the derived claim lacks."""
    flipped: tuple[str, str] | None
    """A derived word and the source's antonym of it, when there is one (and the claim does not
    say that antonym too)."""
    contrasted: tuple[str, str] | None = None
    """A derived word and the source's antonym of it, both said by the claim ("the first leg …
    the second leg" against "the first leg"), when there is one and no flip."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What the signals need of one statement, worked out once per text."""

    tokens: tuple[str, ...]
    stems: frozenset[str]
    content: frozenset[str]
    """Stems of the words that carry content (no stop words, no numbers)."""
    negations: tuple[str, ...]
    """Its negations as written ("not", "never", "didn't"…), in order."""
    negated: frozenset[str]
    """Stems of what its negations deny (:func:`tui.engine.judge.negation.denied`)."""
    plain: str
    """The normalised text (see :func:`tui.engine.align.text.normalise`)."""
    names: frozenset[str]
    """Capitalised words after the first, case-folded: names of people, places, products."""

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        """Its amounts (:mod:`tui.engine.judge.quantity`), read when first asked for: a source
        statement's are needed only against a claim that states one."""
        return read_quantities(self.plain)


_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[a-zA-Z]+\b")
r"""A capitalised word: ``\b[A-Z][a-zA-Z]+\b``, with the boundary before it checked after its
capital (the character before is no word character), so that the pattern opens with a set of
characters and the regex engine skips to the capitals (2.5 times quicker over a statement)."""


@lru_cache(maxsize=1 << 16)
def read(text: str) -> Reading:
    """One statement's tokens, stems, negations and quantities (cached: a source statement is
    read against many derived claims)."""
    plain = normalise(text)
    tokens = tuple(normalised_words(plain))
    stems = list(map(stem, tokens))
    pairs = list(zip(tokens, stems, strict=True))
    negating = negations(tokens, plain, text)
    return Reading(
        tokens=tokens,
        stems=frozenset(stems),
        # a number begins with a digit: only such words are tried against the pattern
        content=frozenset([s for w, s in pairs if w not in STOP_WORDS and not (w[:1].isdecimal() and _NUMBER.fullmatch(w))]),
        negations=tuple([written for _, written in negating]),
        negated=frozenset([s for at, _ in negating for s in denied(tokens, stems, at)]),
        plain=plain,
        names=frozenset(n.casefold() for n in _NAME.findall(text[1:])),
    )


_PREFIX = re.compile(r"\b(anti|pro|non|pre|post|hyper|hypo|intra|inter|semi|multi|sub|super|counter)-[a-z]",
                     re.IGNORECASE)
_ACRONYM = re.compile(r"\b([A-Z]{3,6})s?\b")


def spelled_out(derived: str, source: str) -> frozenset[str]:
    """Words of the derived claim that spell out an acronym the source uses: "mesenchymal stem
    cells" where the source says "MSCs". They are not words the claim adds."""
    tokens = read(derived).tokens
    out: set[str] = set()
    for acronym in {m.group(1).lower() for m in _ACRONYM.finditer(source)}:
        size = len(acronym)
        for at in range(len(tokens) - size + 1):
            if "".join(word[0] for word in tokens[at:at + size]) == acronym:
                out.update(tokens[at:at + size])
    return frozenset(out)


def negation_words(text: str) -> list[str]:
    """The negations of a statement, as written ("not", "never", "didn't"…), in order."""
    return list(read(text).negations)


def directions(derived: str, source: str) -> tuple[str, str] | None:
    """A word of the derived claim that says a quantity goes one way and a word of the source
    that says it goes the other (e.g. ``("reduce", "increased")``), when there are such. An
    adverb in -ly says how much, not which way: "highly virulent" raises nothing, though
    "highly" stems to "high"."""
    d, s = read(derived), read(source)
    up, down = _stems("direction_up.txt"), _stems("direction_down.txt")
    d_dir, s_dir = direction_stems(d.tokens), direction_stems(s.tokens)
    for mine, theirs in ((up, down), (down, up)):
        said = [w for w in d.tokens if stem(w) in mine and stem(w) in d_dir]
        against = [w for w in s.tokens if stem(w) in theirs and stem(w) in s_dir]
        if said and against and not (s_dir & mine) and not (d_dir & theirs) and said_of_one_thing(
                d.tokens, d_dir & mine, s.tokens, s_dir & theirs):
            return said[0], against[0]
    return None


@lru_cache(maxsize=1 << 16)
def direction_stems(tokens: tuple[str, ...]) -> frozenset[str]:
    """The stems that may say which way a quantity goes: not a bound ("more than 5"), nor an
    adverb in -ly ("highly", "greatly", "largely")."""
    return frozenset(stem(w) for w in tokens if not w.endswith("ly")) - bounds(tokens)


def terms(text: str, concepts: Concepts | None = None) -> tuple[frozenset[str], frozenset[str], Mentions]:
    """A statement's content stems and all its stems, each abbreviation the documents define
    read as one term wherever it is mentioned (:mod:`tui.engine.judge.concepts`), and those
    mentions."""
    r = read(text)
    found = concepts.mentions(r.tokens) if concepts else None
    if not found:
        return r.content, r.stems, {}
    return folded(r.content, r.tokens, found), folded(r.stems, r.tokens, found), found


def difference(derived: str, source: str, concepts: Concepts | None = None) -> Difference:
    """The content words each side has alone (a defined abbreviation and its long form are
    one), and an antonym flip between them (not by a prefix: "pro-inflammatory" against
    "anti-inflammatory" and "proinflammatory" is no flip). A pair the claim names both words
    of is a contrast, not a flip: "the first leg … the second leg" against "the first leg"
    turns no word into its opposite, but sets one thing against another the source does not."""
    d, s = read(derived), read(source)
    d_content, s_content = terms(derived, concepts)[0], terms(source, concepts)[0]
    s_all = (s.content | s.stems) - _prefixes(source)
    added = d_content - s_content
    antonyms = antonym_stems()
    flipped = contrasted = None
    for word in sorted(added - _prefixes(derived)):
        found = sorted(antonyms.get(word, frozenset()) & s_all)
        around = near(d.tokens, word) if found else frozenset()
        for other in found:
            if around.isdisjoint(near(s.tokens, other) - {word}):
                continue
            if other in d.content or other in d.stems:
                contrasted = contrasted or (word, other)
            else:
                flipped = (word, other)
                break
        if flipped:
            break
    return Difference(added, s_content - d_content, flipped, None if flipped else contrasted)


TEXT_NAMES = NAMES[: len(NAMES) - len(RULE_CODES) - 1]
"""The named signals read from the two texts alone: all but the rules', which need cue facts,
and ``numbers_nowhere``, which needs the source's other claims."""


def measure(derived: str, source: str, known: Known | None = None,
            document: Sequence[str] | None = None, concepts: Concepts | None = None) -> dict[str, float]:
    """Every named signal of :data:`NAMES` for a derived claim and the source statement it
    was matched with (``known``: cue facts already worked out, by text, for the rules;
    ``document``: the source's claims (:func:`tui.engine.pipeline.source_claims`), when
    there are more than that one; ``concepts``: the abbreviations the documents define)."""
    out = text_signals(derived, source, concepts)
    out.update(rule_signals(derived, source, known))
    out["numbers_nowhere"] = numbers_nowhere(derived, quantities_of(document or (source,)))
    return out


def quantities_of(statements: Iterable[str]) -> Numbers:
    """The amounts and years of a document's statements, as :func:`numbers_nowhere` reads
    them. Read statement by statement, so that the readings the engine keeps of each serve
    here too."""
    return Numbers([q for text in statements for q in read_quantities(normalise(text))])


def numbers_nowhere(derived: str, found: Numbers) -> float:
    """The share of a claim's numbers that no number of the source's claims (``found``, from
    :func:`quantities_of`) bears out: "In 2014 the store opened" against a page that gives no
    2014, "before 1990" against one born in 1992. A claim often restates two sentences of its
    source, so a number the matched statement lacks may still be borne out by another."""
    # its amounts alone: the rest of a reading is the second process's to make (0.2 s on the 1 MB pair)
    claimed = read_quantities(normalise(derived))
    if not claimed:
        return 0.0
    missing = sum(not (found.year_borne(q) if q.is_year else found.bears(q)) for q in claimed)
    return missing / len(claimed)


def text_signals(derived: str, source: str, concepts: Concepts | None = None) -> dict[str, float]:
    """The signals of :data:`TEXT_NAMES`: what the two texts say, without the rules
    (``concepts``: the abbreviations the documents define)."""
    d, s = read(derived), read(source)
    d_content, s_content = terms(derived, concepts)[0], terms(source, concepts)[0]
    diff = difference(derived, source, concepts)
    shared = len(d_content & s_content)
    up, down = _stems("direction_up.txt"), _stems("direction_down.txt")
    d_dir, s_dir = direction_stems(d.tokens), direction_stems(s.tokens)
    d_up, d_down, s_up, s_down = d_dir & up, d_dir & down, s_dir & up, s_dir & down
    out = {
        "cover_derived": shared / max(1, len(d_content)),
        "cover_source": shared / max(1, len(s_content)),
        "added_words": min(len(diff.added), 10) / 10,
        "dropped_words": min(len(diff.dropped), 30) / 30,
        "one_word_swapped": float(1 <= len(diff.added) <= 2),
        "token_set": fuzz.token_set_ratio(d.plain, s.plain) / 100,
        "partial": _partial(d.plain, s.plain) / 100,
        **_negation_signals(d, s),
        "antonym": float(diff.flipped is not None),
        "antonym_contrast": float(diff.contrasted is not None),
        "direction_flip": float(bool(((d_up and not d_down and s_down and not s_up)
                                      or (d_down and not d_up and s_up and not s_down))
                                     and said_of_one_thing(d.tokens, d_up | d_down, s.tokens, s_up | s_down))),
        "direction_said": float(bool(d_up or d_down)),
        "length_derived": min(len(d.tokens), 60) / 60,
        "length_source": min(len(s.tokens), 120) / 120,
    }
    claimed = d.quantities
    out.update(_number_signals(list(claimed), list(s.quantities) if claimed else []))
    out["new_name"] = float(any(n not in s.plain and not _defined(n, s_content) for n in d.names))
    return out


def _partial(derived: str, source: str) -> float:
    """rapidfuzz's ``partial_ratio``, the shorter text cut to :data:`PARTIAL_CHARS` when both are longer."""
    if min(len(derived), len(source)) > PARTIAL_CHARS:
        derived, source = (derived[:PARTIAL_CHARS], source) if len(derived) <= len(source) else (
            derived, source[:PARTIAL_CHARS])
    return float(fuzz.partial_ratio(derived, source))


PARTIAL_CHARS = 1_000
"""How much of the shorter of two long statements ``partial_ratio`` slides along the other: its
cost grows faster than the square of that length (1,000 characters 0.05 s, 2,000 0.4 s, 8,000
27 s; two lines of a table, 20 KB each, took minutes). No dev pair has both statements this long."""


def _defined(name: str, terms: frozenset[str]) -> bool:
    """Whether a capitalised word is an abbreviation the other side mentions, maybe by its
    long form: "SARS" against "severe acute respiratory syndrome", "COVID" against
    "coronavirus disease 2019" (defined as COVID-19)."""
    return f"#{name}" in terms or f"#{name.removesuffix('s')}" in terms or any(
        t.startswith(f"#{name}-") for t in terms if t[:1] == "#")


def _negation_signals(d: Reading, s: Reading) -> dict[str, float]:
    """Whether each side denies something, and whether that is something both say ("shared":
    "did not improve" against "improved") or only the denying side says ("own": "airflow that
    is not fresh" against a statement that never speaks of fresh air); see
    :mod:`tui.engine.judge.negation`. Trained, the model weighs a claim's negation of shared
    words more than twice one of its own words (the weights are in docs/evaluation.md)."""
    d_denies, s_denies = bool(d.negations), bool(s.negations)
    d_shared, s_shared = bool(d.negated & s.stems), bool(s.negated & d.stems)
    differs = d_denies != s_denies
    return {
        "negation_derived_shared": float(d_denies and d_shared),
        "negation_derived_own": float(d_denies and not d_shared),
        "negation_source_shared": float(s_denies and s_shared),
        "negation_source_own": float(s_denies and not s_shared),
        "negation_differs_shared": float(differs and (d_shared or s_shared)),
        "negation_differs_own": float(differs and not (d_shared or s_shared)),
    }


def rule_signals(derived: str, source: str, known: Known | None = None, memo: Ruled | None = None) -> dict[str, float]:
    """The rules' signals: 1 for each typed reason that fires on the pair read as one claim."""
    fired = {r.code for r in compare_claims(source, derived, same_claim=True, known=known, memo=memo)}
    return {f"rule_{code.value}": float(code in fired) for code in RULE_CODES}


def _number_signals(claimed: list[Quantity], found: list[Quantity]) -> dict[str, float]:
    if not claimed:
        return dict.fromkeys(("numbers_said", "numbers_unmatched", "number_unmatched", "numbers_exact", "year_differs",
                              "source_has_no_number"), 0.0)
    values = [q.value for q in found]
    amounts = [q for q in found if not q.is_year]
    counted = [q for q in claimed if not q.is_year]
    held = sum(bears_each(amounts, counted))
    exact = sum(any(math.isclose(q.value, v, rel_tol=1e-3) for v in values) for q in claimed)
    years_s = [q for q in found if q.is_year]
    return {
        "numbers_said": 1.0,
        "numbers_unmatched": (len(counted) - held) / max(1, len(counted)),
        "number_unmatched": float(held < len(counted)),
        "numbers_exact": exact / len(claimed),
        "year_differs": float(bool(years_s) and any(q.is_year and not year_borne(years_s, q) for q in claimed)),
        "source_has_no_number": float(not found),
    }


def unborne(derived: str, source: str, document: Numbers | None = None) -> list[str]:
    """The derived claim's numbers, as written, that the source does not bear out (each
    checked against the source amount nearest it; a year, against the source's years, "before
    2000" borne out by 1994); with ``document`` (:func:`quantities_of` the source's claims),
    less those another claim of the source bears out."""
    found = read(source).quantities
    amounts = [q for q in found if not q.is_year]
    years = [q for q in found if q.is_year]
    claimed = read(derived).quantities
    held = iter(bears_each(amounts, [q for q in claimed if not q.is_year]))
    out = []
    for q in claimed:
        borne = (year_borne(years, q) or not years) if q.is_year else next(held)
        if not borne and document is not None:
            borne = document.year_borne(q) if q.is_year else document.bears(q)
        if not borne and not q.implied:  # what the claim only works out ("15 points" of "45% … 30%") it does not say
            out.append(q.stated)
    return out


@lru_cache(maxsize=1 << 16)
def _prefixes(text: str) -> frozenset[str]:
    """Prefixes a hyphen binds to the next word ("pro" of "pro-inflammatory"), as stems
    (remembered: a source statement is compared with many claims)."""
    if "-" not in text:
        return frozenset()
    return frozenset(stem(m.group(1).lower()) for m in _PREFIX.finditer(text))
