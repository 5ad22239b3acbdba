"""Numbers in a statement, and the number rules of :mod:`tui.engine.judge.classify`.

:func:`values` gives each value normalised ("ten" and "10" are one value, "1,000" is 1000,
"5 %" and "5 per cent" are "5%"; a year dates a claim rather than measures it) and
:func:`measures` what each counts. :func:`changed_amount` compares two versions of one
sentence by their quantities (:mod:`tui.engine.judge.quantity`); :func:`anchored_numbers`
compares loosely matched statements by values beside a shared one.

Invariant: everything here reads only the texts it is given; values come in the order they
appear.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from tui.engine.align.text import normalise
from tui.engine.judge.amounts import asked_against, bears, firm, nearest_quantity
from tui.engine.judge.numerals import COUNTS, first_letters, value_of, word_numbers
from tui.engine.judge.quantity import (
    SCALE_TOPS,
    Quantity,
    glued_ending,
    read_quantities,
    shares_in_words,
)
from tui.engine.judge.wording import NOT_BORNE_OUT
from tui.engine.lexicon.cues import find_cues
from tui.engine.model import Direction, Reason, ReasonCode

Values = tuple[str, ...]
"""A text's numeric values as :func:`values` gives them."""
Measures = tuple[tuple[str, str], ...]
"""A text's values with what each counts, as :func:`measures` gives them."""

_VALUE = re.compile(
    rf"(?=[\d{first_letters((*COUNTS, 'zero', 'one'))}])"  # what a value starts with: a quick look first
    r"(?<![\w.-])(?:(\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![.,·]?\d)|\d+(?:[.,·]\d+)*)(\s?%|\s?percent|\s?per cent)?|("
    + word_numbers(COUNTS) + "|zero|one))"
    r"(?!\d|_|-\d)(?=([^\W\d_]*))",
    re.IGNORECASE,
)
"""A number as written ("72 314" with its thousands set apart by spaces too), with the letters
glued to it: not one glued to a name ("COVID-19",
"3D") nor the first end of a range ("10-20"), but one joined to its unit by a hyphen ("a
45-year-old", "a 30-pound shell") or glued to a unit, a scale or an ordinal's ending ("5mg",
"$20m", "4th") is, as :func:`~tui.engine.judge.quantity.read_quantities` reads it."""
_YEAR = re.compile(r"(?:19|20)\d\d")
_GROUP_SPACES = str.maketrans("", "", " \u00a0\u2009\u202f")
"""The spaces that set thousands apart, dropped from a value."""
_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+")
FAR_APART = 100.0
"""How many times larger one amount may be than the other and still be a changed version of it
("5 → 50" is a slip of a decimal point a claim may make; "63,000 → 5" is two things)."""


@lru_cache(maxsize=65_536)
def values(text: str) -> tuple[str, ...]:
    """Numeric values of a text, normalised ("ten" → "10", "1,000" → "1000", "5 %" → "5%").

    Years (1900–2099 without a percent sign) are left out: they date a claim, not measure it.
    (Remembered per text: a number cue such as "95% CI 1.2 to 3.4" recurs across statements.)
    """
    out: list[str] = []
    for match in _VALUE.finditer(text):
        digits, percent, word, glued = match.groups()
        if glued and (word or not glued_ending(glued.lower())):
            continue  # "tenth", "3D": part of another word or of a name
        if word and word.lower() in ("zero", "one") and text.startswith("-", match.end()):
            continue  # "one-third", "one-sided": the quantity reader reads none either
        if word:
            out.append(str(value_of(word)))
            continue
        if digits in SCALE_TOPS and text[match.start() - 1 : match.start()] == "/":
            continue  # the top of a scale, "5.9/10", as the quantity reader reads it
        digits = digits.replace("·", ".").translate(_GROUP_SPACES)  # "1·7", "72 314", as The Lancet writes them
        value = digits.replace(",", "") if _THOUSANDS.fullmatch(digits) else digits.replace(",", ".")
        if _YEAR.fullmatch(value) and not percent:
            continue
        out.append(value + ("%" if percent else ""))
    return tuple(out)


def measures(text: str) -> tuple[tuple[str, str], ...]:
    """Each number cue's value and what it counts: ``("30", "patient")``, ``("31%", "%")``,
    ``("12", "")`` for a bare number."""
    out: list[tuple[str, str]] = []
    for cue in find_cues(text):
        if cue.category != "number":
            continue
        found = values(cue.text)
        if not found:
            continue
        last = cue.text.split()[-1].lower()
        unit = "%" if found[0].endswith("%") else last.rstrip("s") if last.isalpha() and len(cue.text.split()) > 1 else ""
        out.append((found[0], unit))
    return tuple(out)


def _numbers(s_vals: tuple[str, ...], d_vals: tuple[str, ...]) -> list[Reason]:
    s_set, d_set = set(s_vals), set(d_vals)
    only_s = [v for v in s_vals if v not in d_set]
    only_d = [v for v in d_vals if v not in s_set]
    if not only_s or not only_d:
        return []
    s_val, d_val = only_s[0], only_d[0]
    direction = None
    try:
        a, b = float(s_val.rstrip("%")), float(d_val.rstrip("%"))
        direction = Direction.OVERSTATED if b > a else Direction.UNDERSTATED if b < a else None
    except ValueError:
        pass
    return [Reason(ReasonCode.NUMBER, direction, f"{s_val} → {d_val}", s_val, d_val)]


def changed_amount(source: str, derived: str, s_values: Values, d_values: Values) -> list[Reason]:
    """A number of one sentence that its other version changed: an amount of the derived claim
    the source's do not bear out (read with bounds, units, shares and ranges, so "nearly 30%"
    stands for 29.4%, "40 per cent" for 40%, "one in four" for 25%), where an amount of the
    source is missing from the claim. Years are left to the dates.

    The values (:func:`values`) say at a glance when there is nothing to compare: a claim
    that repeats every number of the source as written, or one with no number at all,
    changed none.
    """
    if not shares_in_words(source.lower()) and set(s_values) <= set(d_values):
        return []
    if not d_values and not shares_in_words(low := derived.lower()) and not multiples_in_words(low):
        return []  # no amount to compare: "doubles the risk" has one
    found, claimed = firm(_amounts(source)), _amounts(derived)
    if not found or not any(not bears(claimed, q) for q in found):
        return []
    for q, pool in zip(claimed, asked_against(found, claimed), strict=True):
        if not q.implied and not bears(pool, q):  # what a claim works out ("15 points" of "45% … 30%") it does not claim
            near = nearest_quantity(pool, q) if pool else None
            if near is None or not _comparable(near.value, q.value):
                # "63,000 fans" is no earlier version of "won 5–4": the source does not say it at all
                return [Reason(ReasonCode.NUMBER, None, f"{q.stated}: {NOT_BORNE_OUT}", None, q.said)]
            direction = (Direction.OVERSTATED if q.value > near.value else
                         Direction.UNDERSTATED if q.value < near.value else None)
            return [Reason(ReasonCode.NUMBER, direction, f"{near.stated} → {q.stated}", near.said, q.said)]
    return []


def multiples_in_words(low: str) -> bool:
    """Whether a lower-case text may write an amount as a multiple in words ("twice", "doubles")."""
    return "twice" in low or "doubl" in low or "tripl" in low or "quadrupl" in low


def _comparable(found: float, claimed: float) -> bool:
    """Whether two amounts are near enough in size to be one amount, changed."""
    low, high = sorted((abs(found), abs(claimed)))
    return high <= FAR_APART * max(low, 1.0)  # below one, as from one: "0 → 5 deaths" is a change


@lru_cache(maxsize=1 << 16)
def _amounts(text: str) -> tuple[Quantity, ...]:
    """A text's amounts, years apart (remembered: a statement recurs across pairs)."""
    return tuple(q for q in read_quantities(normalise(text)) if not q.is_year)


def anchored_numbers(source: str, derived: str, s_numbers: tuple[Values, Measures],
                     d_numbers: tuple[Values, Measures]) -> list[Reason]:
    """A changed value between statements that are not versions of one sentence.

    Loosely matched statements differ in their numbers as a rule, so a change counts only
    where the two share a value (the same 34% placebo rate beside 31% → 21%) and the values
    that differ measure the same thing: both percentages, or the same unit (30 patients →
    300 patients, not 30 patients → eight weeks). A claimed value the source bears out, read
    as :func:`changed_amount` reads it ("less than 250 reviews" against 242), or one that is
    no amount at all (the day of "before April 18" against "as of 17 April"), is no change.
    """
    (s_values, s_measures), (d_values, d_measures) = s_numbers, d_numbers
    if set(s_values).isdisjoint(d_values):
        return []
    s_only = [(v, unit) for v, unit in s_measures if v not in d_values]
    d_only = [(v, unit) for v, unit in d_measures if v not in s_values]
    for s_val, unit in s_only:
        d_val = next((v for v, other in d_only if other == unit), None)
        if d_val is not None and not _borne_out(source, derived, d_val):
            return _numbers((s_val,), (d_val,))
    return []


def _borne_out(source: str, derived: str, value: str) -> bool:
    """Whether every amount of ``derived`` written as ``value`` is borne out by ``source``'s
    amounts (true when none is an amount: a day of a date, a label)."""
    try:
        number = float(value.rstrip("%"))
    except ValueError:
        return False
    found = _amounts(source)
    claimed = [q for q in _amounts(derived) if q.upper is None and math.isclose(q.value, number)]
    return all(bears(found, q) for q in claimed) if found else not claimed


def shares_a_figure(one: str, other: str) -> bool:
    """Whether two statements give the same distinctive figure: 100 or more (not a year), or
    three significant digits ("8,000 steps a day", "18.4%"). A news story retells a result in
    other words and keeps its figures: "people who took 8,000 steps a day were 51% less likely
    to die" scores 8.8 against the paper's "taking 8,000 steps per day was associated with
    significantly lower all-cause mortality", under ``match_threshold``."""
    figures = {v for v in values(one) if _distinctive(v)}
    return bool(figures) and not figures.isdisjoint(values(other))


def _distinctive(value: str) -> bool:
    """Whether a normalised value (:func:`values`) is rare enough to tie two statements."""
    digits = value.rstrip("%")
    try:
        number = float(digits)
    except ValueError:
        return False
    return number >= 100 or len(digits.replace(".", "").lstrip("0")) >= 3
