"""The quantities a statement states, read as a reviewer reads them.

A quantity is read with what a reviewer reads into it: its bound ("more than 24 million" is
above 2.4e7, "at least 60" 60 or more, "nearly 30%" about 30: :mod:`tui.engine.judge.bounds`), its unit ("40 per cent" and "40%" are one amount;
"half a percentage point" is 0.5 points), a range ("between 10 and 20", "1-10%") and the
everyday ways of writing a share ("one in four", "a third of", "half the patients" are
about 25, 33 and 50 per cent), and a conversion in brackets ("10 kg (23 lb)") as one amount
in two units. Whether a source's quantities bear out a claimed one is
:mod:`tui.engine.judge.amounts`'s to say.

Invariant: everything here reads the text it is given only; the same text gives the same
quantities, in the order they are written (shares and ranges after single numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from tui.engine.align.text import normalise
from tui.engine.judge.bounds import BOUND_WORDS, bound_before
from tui.engine.judge.conversions import Measured, bracketed, measured
from tui.engine.judge.dates import (
    ANY_MONTH,
    DECADE,
    MONTH_AFTER,
    MONTH_BEFORE,
    WHOLE_YEAR,
    days_of,
    year_bound,
)
from tui.engine.judge.numerals import COUNTS, VALUES, first_letters, value_of, word_numbers
from tui.engine.judge.ratios import group_differences, percent_moves, ratio_changes, value_moves
from tui.engine.lexicon.lists import words

_NUMBER = re.compile(r"\d(?:\d{0,2}(?: \d{3})+(?![.,·]?\d)|\d*(?:[.,·]\d+)*)")
"""A number as written: "4,700", "1·7", or its thousands set apart by spaces as SI style and
The Lancet write them ("72 314", a thin or no-break space in the file). (Its first digit is
written first, outside the alternatives, so that ``re`` skips to the digits of a text without
trying each alternative at every character: twice as fast.)"""
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9, "k": 1e3}
_MULTIPLES = {"dozen": 12.0, "twice": 2.0, "double": 2.0, "triple": 3.0, "quadruple": 4.0}
_MULTIPLE = (
    r"dozen|twice|(?:doubl|tripl|quadrupl)(?:ed|ing|e(?!s)|es(?= (?:the|its|their|your|his|her|our|a|an|risk|odds|chances?"
    r"|rates?|numbers?|likelihood)\b))"
)
"""A multiple in words, as a verb too ("doubles the risk", not "38 doubles titles"): about that many times."""
_COUNTS = {"one": 1.0, **{w: float(VALUES[w]) for w in COUNTS}, "hundred": 100.0, "thousand": 1000.0}
"""Number words a share may be written with ("one in four", "three out of ten")."""
_AGE_WORD = re.compile(r"\b(?:under|over|aged?|mid|early|late|top)-$")
_LABEL_WORD = re.compile(r"\b(?:phase|type|stage|grade|wave|step|chapter|season|episode|volume|series|part)\s$")
_COUNT_WORD = r"\d+(?:,\d{3})*|" + "|".join(_COUNTS)
_SHARE_OF = re.compile(rf"\b({_COUNT_WORD})\s+(?:in|out of)\s+(?:every\s+)?({_COUNT_WORD})\b")
"""A share written as a count: "one in four", "3 out of 10", "one in every hundred"."""
_LETTERS = re.compile(r"[a-zµμ]+")
"""Letters glued to a number: a unit ("5mg"), an ordinal's ending ("4th") or part of a name ("3d")."""
_COUNT_OF = re.compile(r"(?<![\w.,·-])(\d{1,6}) of (?:the |all |a total of )?(\d{1,6})(?![\w.,·%-])")
"""A count of a whole, "40 of 80 patients": both counts stand as written, and the share they make
stands beside them (a claim may say "half of the patients" or "40 patients")."""
_SHARE_HINT = re.compile(rf" (?:in|out of) (?:every )?(?:\d|{'|'.join(_COUNTS)})")
"""What any share has: a count after "in" or "out of" (a quick look before :data:`_SHARE_OF`)."""
_FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fourth": 25.0, "fifth": 20.0}
_FRACTION = re.compile(
    r"\b(?:(one|two|three|four)[\s-](thirds?|quarters?|fourths?|fifths?)|(?:a|one)\s+(third|quarter|fourth|fifth)\s+of|"
    r"(?<!first )(?<!second )(?<!other )(?<!last )(?<!latter )(?<!former )(half)(?!\s+an?\b)(?![\w-]))"
)
"""A share written as a fraction: "two-thirds", "a quarter of", "half the patients" (not "half a
point", nor "the second half of January", a stretch of time)."""
_FRACTION_NAMES = (" third", " quarter", " fourth", " fifth")
"""What follows the count of a share written as two words ("two thirds", "three quarters")."""
_MAJORITY = re.compile(r"\b(?:the|a)\s+(?:(?:vast|large|great|overwhelming|small|slim|narrow|tiny)\s+)?(majority|minority)\s+of\b")
"""A share said as a majority or a minority "of" a whole: more or less than half of it."""
SCALE_TOPS = frozenset({"5", "10", "100"})
"""What a score is out of when written after a slash ("5.9/10"), no amount of its own (to
either number reader)."""
_HALF_A = re.compile(r"\bhalf\s+an?\s+(percentage\s+point|\w+)")
_RANGE = re.compile(
    r"(?:\bbetween\s+(\d+(?:[.·]\d+)?)\s*(%?)\s+and|(?<![\w.,·])(\d+(?:[.·]\d+)?)\s*(%?)\s*(?:-|–|—|\bto\b))"
    r"\s*(\d+(?:[.·]\d+)?)"
)
"""Two numbers written as a range: "between 10 and 20", "10-20", "1–10%", "5 to 7" (not "from 5 to 7",
a change)."""
_WORD_NUMBER = re.compile(
    rf"\b(?=[{first_letters((*COUNTS, *_MULTIPLES))}])(?:{word_numbers(COUNTS)}|(?:{_MULTIPLE})(?![\w-]))"
)
"""A number written as a word ("more than four", "twenty-eight", "a five-year study"), not part
of another ("two-thirds", "double-blind"; a hyphen before is checked apart). Tried only where a
word starts with one of their first letters: three times as fast as at every character."""
_RANGE_HINT = re.compile(r"\d\s*%?\s*(?:[-–—]|to\s)\s*\d|between\s+\d")
"""What any range has: two numbers with a dash or "to" between them, or "between" and a number."""
_INTERVAL = re.compile(r"\b(?:ci|confidence interval|iqr|interquartile range|range|sd)\b[^a-z]{0,12}$")
"""Words before a range that make it a statistic's interval, not an amount claimed."""
_SEASON = re.compile(r"((?:19|20)\d\d)[-–—/]")
"""The first year of a season written with the last two digits of the second, "2018–19"."""
_LEVELS = frozenset({"80", "90", "95", "99", "99.9"})
_LEVEL = re.compile(r"\s*%\s*(?:ci|cis|cri|ui|confidence|credible|uncertainty|prediction)\b")
"""What follows an interval's level ("95% CI", "90% credible interval"): a statistic's setting,
not an amount anyone claims."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number read from a statement, with what it is said to be."""

    value: float
    bound: str
    """``=`` exact, ``>`` more than, ``>=`` at least, ``<`` less than, ``<=`` at most, ``~``
    about; ``y`` a year, ``y<`` before
    it, ``y<=`` by it, ``y>`` after it, ``y>=`` since it, ``ys`` the decade it opens."""
    said: str = field(default="", compare=False)
    """The number as the statement writes it (normalised), for reasons."""
    unit: str = ""
    """``%`` a percentage (however written), ``pp`` percentage points, or empty."""
    upper: float | None = None
    """The top of a range ("between 10 and 20"): ``value`` is its bottom."""
    days: tuple[int, int] = (0, WHOLE_YEAR)
    """Of a year: the days of it the date written with it spans, counting 31 to a month ("17
    April 2020" is (107, 107), "March 2020" (62, 92), "2020" alone the whole year)."""
    vague: bool = False
    """A share said in words with no number ("the majority of", "a minority of"): only a
    source's percentages can deny it, and it bears out no claimed amount."""
    also: float | None = None
    """The same amount in another unit, written beside it in brackets ("10 kg (23 lb)": 23 for
    the 10, 10 for the 23). A source that gives either bears both out."""
    implied: bool = False
    """A change the statement implies but does not write (:mod:`tui.engine.judge.ratios`):
    "hr, 0.71" is 29% lower, "from 20% to 15%" 5 percentage points and 25% lower. It bears out
    a change claimed exactly or about ("29% less likely"), not a bound nor a share ("more than
    half")."""
    bounded: str = field(default="", compare=False)
    """The words that bound it as the statement writes them ("up to", "over"), for reasons;
    empty for no bound or one set otherwise (a share, a majority)."""
    measured: Measured | None = None
    """Its size in its dimension's base unit when a unit follows it ("12 weeks": 84 days; :mod:`.conversions`)."""

    @property
    def stated(self) -> str:
        """How a reason says it: the number with its bound as written ("under 199", "up to 20%";
        a year's is in ``said``)."""
        bound = (self.bounded or BOUND_WORDS.get(self.bound)) if not self.vague else None
        return f"{bound} {self.said}" if bound else self.said

    @property
    def is_year(self) -> bool:
        """Whether it is a year (with or without a bound), which dates a claim rather than measures it."""
        return self.bound[:1] == "y"


def quantities(text: str) -> list[Quantity]:
    """The numbers of ``text`` with their bounds and units ("more than 24 million" is ``> 2.4e7``).

    Digits glued to a name (COVID-19, IL-6) are part of the name, a number after *phase*,
    *type*, *stage* or *chapter* names one, and a number alone in brackets is a reference marker; none
    is a quantity. Ages such as "under-20s" are, and "1·7" is 1.7 (a decimal point as The
    Lancet writes it). A share written in words or as a count is a percentage, and a range
    is one quantity instead of its two ends (except a statistic's interval, "95% CI 9·8-15·4").
    """
    return list(read_quantities(normalise(text)))


@lru_cache(maxsize=1 << 16)
def read_quantities(plain: str) -> tuple[Quantity, ...]:
    """:func:`quantities` of a text already normalised (remembered: a source statement is
    compared with many claims)."""
    # the patterns of ranges and shares are tried only where a quick look finds their kind
    dashed = "-" in plain or "–" in plain or "—" in plain or " to " in plain or "between" in plain
    hint = _RANGE_HINT.search(plain) if dashed else None
    ranges: list[re.Match[str]] = []
    counted = (" in " in plain or " out of " in plain) and _SHARE_HINT.search(plain)
    shares = [m for m in _SHARE_OF.finditer(plain) if not _dated(plain, m)] if counted else []
    taken: set[int] | tuple[()] = ()
    if hint:
        found = list(_RANGE.finditer(plain, max(0, hint.start() - 8)))
        dates = [m for m in found if MONTH_BEFORE.search(plain, max(0, m.start() - 12), m.start())]  # "March 14-19"
        ranges = [m for m in found if m not in dates and _is_range(plain, m)]
        taken = {at for m in (*ranges, *dates) for at in range(m.start(), m.end())}
    if shares:  # "17 out of 28 provinces" also claims 17 provinces: its counts in digits stand
        taken = {*taken, *(at for m in shares if not _counts_of_whole(m) for at in range(m.start(), m.end()))}
    out: list[Quantity] = []
    months: bool | None = None  # whether the text names a month, looked at once a day may be there
    previous: tuple[int, int] | None = None  # the end of the last amount read and its place in ``out``
    for m in _NUMBER.finditer(plain):
        at, written = m.start(), m.group()
        if at in taken:
            continue
        if at and (plain[at - 1].isalpha() or (plain[at - 1] == "-" and at > 1 and plain[at - 2].isalpha()
                                               and _AGE_WORD.search(plain, max(0, at - 8), at) is None)):
            continue
        if _LABEL_WORD.search(plain, max(0, at - 8), at):
            continue  # "phase 1", "type 2 diabetes", "stage 4", "Chapter 3", "season 1"
        if plain[m.end() : m.end() + 1].isalpha() and _glued_to_name(plain, m.end()):
            continue  # part of a name: "piranha 3d", "a 2d culture" (not "5mg", "4th", "1990s")
        if at and plain[at - 1] in "([" and plain[m.end() : m.end() + 1] in (")", "]") and len(written) <= 3:
            continue  # a reference marker, "(2)" or "[12]", not a quantity ("(34,000)" is one)
        if at and plain[at - 1] == "/" and written in SCALE_TOPS:
            continue  # the top of a scale, "5.9/10", "60/100": the score is the amount
        if len(written) <= 2:
            if months is None:
                months = ANY_MONTH.search(plain) is not None
            if months and (MONTH_AFTER.match(plain, m.end()) or MONTH_BEFORE.search(plain, max(0, at - 12), at)):
                continue  # a day of the month: the date is the year's to compare
        if written in _LEVELS and _LEVEL.match(plain, m.end()):
            continue  # the level of an interval, "95% ci"
        digits = written.replace(",", "").replace("·", ".").replace(" ", "")
        if len(written) == 2 and at > 5 and plain[at - 1] in "-–—/":
            season = _SEASON.match(plain, at - 5)
            if season and season.end() == at and int(written) == (int(season.group(1)) + 1) % 100:
                # the second year of a season, "2018–19" ("2019–20": 2020)
                year = int(season.group(1)) + 1
                out.append(Quantity(float(year), "y", str(year)))
                continue
        try:
            value = float(digits)
        except ValueError:
            continue
        unit, said_unit = _unit(plain, m.end())
        scale = _word_after(plain, m.end())
        value *= _SCALES.get(scale, 1.0)
        bound, bounded = bound_before(plain, at)
        days = (0, WHOLE_YEAR)
        if 1900 <= value <= 2100 and digits == written and not unit and scale not in _SCALES:  # not "2,010", "1·9"
            (bound, opens), bounded = year_bound(plain, at), ""
            decade = DECADE.match(plain, m.end()) if bound == "y" and written.endswith("0") else None
            bound = "ys" if decade else bound
            # "before 2000", "after 3 august 2016", "the 1990s": as the reason says it
            written = plain[opens:decade.end() if decade else m.end()]
            days = days if decade else days_of(plain, at)
        said = written + said_unit if said_unit else f"{written} {scale}" if scale in _SCALES else written
        size = measured(value, plain[m.end() : m.end() + 24]) if not unit and scale not in _SCALES else None
        quantity = Quantity(value, bound, said, unit, days=days, bounded=bounded, measured=size)
        if previous is not None and "(" in plain[previous[0]:at] and bracketed(plain, previous[0], at, m.end()):
            out[previous[1]] = replace(out[previous[1]], also=value)
            quantity = replace(quantity, also=out[previous[1]].value)
        previous = (m.end(), len(out))
        out.append(quantity)
    for m in _WORD_NUMBER.finditer(plain):
        at = m.start()
        if at in taken or (at and (plain[at - 1].isalnum() or plain[at - 1] in "-_")):
            continue  # within a share ("one in four"), or part of a word ("often", "two-thirds")
        if plain.startswith(_FRACTION_NAMES, m.end()):
            continue  # the count of a share written apart: "two thirds"
        word = m.group()
        bound, bounded = bound_before(plain, at)
        multiple = next((v for w, v in _MULTIPLES.items() if word.startswith(w[:-1])), None)  # "doubles": double
        if multiple and word != "dozen" and bound == "=":
            bound = "~"  # "doubles the risk" for an odds ratio of 2.1
        value = multiple or float(value_of(word))
        scale = _word_after(plain, m.end()) if not multiple else ""
        if len(scale) > 2 and scale in _SCALES:  # "two million", not "two m" nor "two k"
            out.append(Quantity(value * _SCALES[scale], bound, f"{word} {scale}", bounded=bounded))
            continue
        size = measured(value, plain[m.end() : m.end() + 24])
        out.append(Quantity(value, bound, word, bounded=bounded, measured=size))
    if shares or shares_in_words(plain):
        out.extend(_shares(plain, shares))
    for m in _COUNT_OF.finditer(plain) if " of " in plain else ():  # "40 of 80 patients" is also half of them
        part, whole = int(m.group(1)), int(m.group(2))
        if 0 < part < whole and not 1900 <= whole <= 2100:  # not "2019 of 2020", two years
            out.append(Quantity(100 * part / whole, "~", m.group(), "%"))
    if ranges:
        out.extend(_ranges(plain, ranges))
    for ratio, change, written in ratio_changes(plain):  # "hr, 0.71" is also "29% lower"
        stated = next((i for i, q in enumerate(out) if q.value == ratio and q.also is None and not q.unit), None)
        if stated is not None:
            out[stated] = replace(out[stated], also=change)
            out.append(Quantity(change, "=", f"{change:g}% ({written})", "%", also=ratio, implied=True))
    for points, relative, written in percent_moves(plain):  # "from 20% to 15%": 5 points, a quarter
        out.append(Quantity(points, "=", f"{points:g} percentage points ({written})", "pp", implied=True))
        if relative is not None:
            out.append(Quantity(relative, "=", f"{relative:.3g}% ({written})", "%", implied=True))
    for points, down, up, written in group_differences(plain):  # "1% … and 2% …": a point, 50% less, 100% more
        out.append(Quantity(points, "=", f"{points:g} percentage points ({written})", "pp", implied=True))
        out.extend(Quantity(size, "=", f"{size:.3g}% ({written})", "%", implied=True) for size in (down, up) if size)
    for difference, relative, written in value_moves(plain):  # "from 140 to 120": by 20, by 14%
        out.append(Quantity(difference, "=", f"{difference:g} ({written})", implied=True))
        if relative is not None:
            out.append(Quantity(relative, "=", f"{relative:.3g}% ({written})", "%", implied=True))
    return tuple(out)


def shares_in_words(low: str) -> bool:
    """Whether a lower-case text may write an amount as a share in words ("half", "a third",
    "a quarter"): only then are such shares looked for."""
    return "half" in low or "third" in low or "quarter" in low or "fourth" in low or "fifth" in low or "ority" in low


def _word_after(plain: str, end: int) -> str:
    """The word right after an amount ending at ``end``: its scale, if it has one ("million")."""
    following = plain[end : end + 12].split(maxsplit=1)
    return following[0].rstrip(".,;:)") if following else ""


def _unit(plain: str, end: int) -> tuple[str, str]:
    """The unit written right after a number (``%``, ``pp`` or none) and how it is written."""
    if plain.startswith(("%", " %"), end):
        return "%", "%"
    if not plain.startswith((" per", " pc"), end):  # most numbers have no unit: no more to read
        return "", ""
    after = plain[end : end + 24]
    words = [w.strip(".,;:)") for w in after.split()]
    if words[:2] in (["percentage", "points"], ["percentage", "point"]):
        return "pp", " " + " ".join(words[:2])
    if words[:1] in (["percent"], ["pc"]):
        return "%", " " + words[0]
    if words[:2] == ["per", "cent"]:
        return "%", " per cent"
    return "", ""


@cache
def _glued_endings() -> frozenset[str]:
    """What may follow a number with no space and leave it an amount: an ordinal's or a
    decade's ending, a scale, a unit (``glued_endings.txt``: "5mg", "10km", "1990s", "4th")."""
    return words("glued_endings.txt")


def _glued_to_name(plain: str, end: int) -> bool:
    """Whether letters glued to the number ending at ``end`` make it part of a name ("3d")."""
    letters = _LETTERS.match(plain, end)
    return letters is not None and not glued_ending(letters.group())


def glued_ending(letters: str) -> bool:
    """Whether lower-case ``letters`` glued to a number leave it an amount ("mg", "th", "m")."""
    return letters in _glued_endings()


def _count(word: str) -> float:
    return _COUNTS[word] if word in _COUNTS else float(word.replace(",", ""))


def _shares(plain: str, shares: list[re.Match[str]]) -> list[Quantity]:
    """Shares written as counts or fractions, as percentages about that size."""
    out = []
    for m in shares:
        part, whole = _count(m.group(1)), _count(m.group(2))
        if 0 < part < whole:
            bound = bound_before(plain, m.start())[0]
            out.append(Quantity(100 * part / whole, "~" if bound == "=" else bound, m.group(), "%"))
    for m in _FRACTION.finditer(plain):
        many, name = (m.group(1), m.group(2)) if m.group(1) else ("one", m.group(3) or m.group(4))
        share = _COUNTS[many] * _FRACTIONS[name.rstrip("s")]
        said = m.group().removesuffix(" of")
        bound = bound_before(plain, m.start())[0]
        out.append(Quantity(share, "~" if bound == "=" else bound, said, "%"))
    for m in _MAJORITY.finditer(plain) if "ority" in plain else ():
        out.append(Quantity(50.0, ">" if m.group(1) == "majority" else "<", m.group().removesuffix(" of"), "%",
                            vague=True))
    for m in _HALF_A.finditer(plain) if "half" in plain else ():
        unit = "pp" if m.group(1).startswith("percentage") else ""
        out.append(Quantity(0.5, bound_before(plain, m.start())[0], m.group(), unit))
    return out


def _counts_of_whole(share: re.Match[str]) -> bool:
    """Whether a share is a count of a whole in digits, "17 out of 28", whose counts are amounts
    too; not a rate ("3 out of 10", "1 out of 5", "12 out of 100")."""
    whole = share.group(2).replace(",", "")
    return (" out of " in share.group() and share.group(1)[0].isdigit() and whole.isdigit() and int(whole) >= 20
            and whole.rstrip("0") != "1")


def _dated(plain: str, share: re.Match[str]) -> bool:
    """Whether a count "in" a year ends a clause, which dates the count: "Case 39 in 2006." is
    no share, "one in 2000 births" is."""
    whole = share.group(2)
    return (len(whole) == 4 and whole.isdigit() and 1900 <= int(whole) <= 2100
            and not plain[share.end():share.end() + 2].strip(" ").isalpha())


def _is_range(plain: str, m: re.Match[str]) -> bool:
    """Whether a matched pair of numbers is an amount's range: rising, not two years, not an
    interval around an estimate, not the digits of a name ("COVID-19")."""
    start = m.start(1) if m.group(1) else m.start(3)
    if start and (plain[start - 1].isalpha() or plain[start - 1] in "-–" or plain[max(0, start - 5):start] == "from "):
        return False
    low, high = _ends_of(m)
    if not low < high or (1900 <= low <= 2100 and 1900 <= high <= 2100):
        return False
    return _INTERVAL.search(plain, max(0, m.start() - 30), m.start()) is None


def _ranges(plain: str, ranges: list[re.Match[str]]) -> list[Quantity]:
    out = []
    for m in ranges:
        low, high = _ends_of(m)
        unit = "%" if m.group(2) or m.group(4) else _unit(plain, m.end())[0]
        out.append(Quantity(low, "=", m.group().strip(), unit, high))
    return out


def _ends_of(m: re.Match[str]) -> tuple[float, float]:
    low = m.group(1) or m.group(3)
    return float(low.replace("·", ".")), float(m.group(5).replace("·", "."))
