"""Years and dates in a statement: the bound its words put on a year ("before 2000", "by late
2014"), the days of the year a date spans, and whether a source's years bear out a claimed one.

Part of :mod:`tui.engine.judge.quantity`, which reads a year as a :class:`Quantity` with a bound
starting ``y`` and these days.

Invariant: a year alone spans its whole year, so within one year only dates written with it
can bear out a bound ("before April 18, 2020" by "17 April 2020", never by "2020").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol


class Dated(Protocol):
    """A year as :class:`tui.engine.judge.quantity.Quantity` reads one."""

    @property
    def value(self) -> float: ...
    @property
    def bound(self) -> str: ...
    @property
    def days(self) -> tuple[int, int]: ...


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
ANY_MONTH = re.compile(r"(?<![a-z])" + _MONTH + r"(?![a-z])")
MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?![a-z])")
MONTH_BEFORE = re.compile(r"(?<![a-z])" + _MONTH + r"\s+$")
"""A month beside a number makes it a day ("18 April", "April 15,"): a date, not an amount."""
_YEAR_BOUND = re.compile(
    r"\b(before|prior to|earlier than|by|until|till|through|after|later than|since)\s+"
    r"(?:(?:early|late|mid)[\s-]+)?(?:the (?:end|start|beginning|middle) of\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + _MONTH + r"\s+)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$"
)
"""Words before a year that bound it: "before 2000", "after 3 August 2016", "by late 2014"."""
DECADE = re.compile(r"'?s(?![\w'])")
"""What follows a year that makes it a decade: "the 1990s", "the 1990's"."""
_YEAR_BOUNDS = {"before": "y<", "prior to": "y<", "earlier than": "y<", "by": "y<=", "until": "y<=",
                "till": "y<=", "through": "y<=", "after": "y>", "later than": "y>", "since": "y>="}

WHOLE_YEAR = 12 * 31 - 1
"""The last day of a year, counting 31 to a month (what :attr:`Quantity.days` compares)."""
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE_BEFORE = re.compile(
    r"(?:(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?<![a-z])(" + _MONTH + r")\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?$"
)
"""The month, and the day, written just before a year: "17 april 2020", "april 18, 2020", "march 2020"."""


def days_of(plain: str, at: int) -> tuple[int, int]:
    """The days of the year at position ``at`` that the date written before it spans."""
    found = _DATE_BEFORE.search(plain, max(0, at - 24), at)
    if not found:
        return 0, WHOLE_YEAR
    month = _MONTHS.index(found.group(2)[:3]) * 31
    day = found.group(1) or found.group(3)
    if day and 1 <= int(day) <= 31:
        return month + int(day) - 1, month + int(day) - 1
    return month, month + 30


def year_bound(plain: str, at: int) -> tuple[str, int]:
    """``y`` for a year at position ``at``, or its bound (``y<`` "before", ``y<=`` "by", ``y>``
    "after", ``y>=`` "since") when the words before put one on it; and where the year's
    wording opens (its bound word, or itself)."""
    found = _YEAR_BOUND.search(plain, max(0, at - 48), at)
    return (_YEAR_BOUNDS[found.group(1)], found.start()) if found else ("y", at)


def year_borne(years: Sequence[Dated], claimed: Dated) -> bool:
    """Whether a source's ``years`` bear out a claimed year: "in 2012" only by 2012, "before
    2000" by 1994 (or by "before 2000"), "since 2015" by 2016, "after 2015" not by 2015, "the
    1990s" by 1994 (and "before 2000" by "the 1990s"). Within one year the dates written with
    it decide: "before April 18, 2020" is borne out by "as of 17 April 2020", "after January
    2020" by "in March 2020", "before November 2018" by "by September 2018"."""
    value, bound = claimed.value, claimed.bound
    if bound == "y":
        return any(y.value == value and y.bound != "ys" for y in years)
    if bound == "ys":
        return any(value <= y.value <= value + 9 if y.bound == "y" else y.bound == "ys" and y.value == value
                   for y in years)
    earlier = bound.startswith("y<")
    same_way = ("y", "ys", "y<", "y<=") if earlier else ("y", "ys", "y>", "y>=")
    first, last_day = claimed.days
    for year in years:
        if year.bound == bound and year.value == value and year.days == claimed.days:
            return True
        if year.bound not in same_way:
            continue
        if year.bound != "ys" and year.value == value:  # the same year: its dates decide
            if (bound == "y<" and year.days[1] < first) or (bound == "y<=" and year.days[1] <= last_day) or (
                    bound == "y>" and year.days[0] > last_day) or (bound == "y>=" and year.days[0] >= first):
                return True
            continue
        if earlier:
            last = year.value + 9 if year.bound == "ys" else year.value  # a decade's last year
            if last < value or (bound == "y<=" and last == value):
                return True
        elif year.value > value or (bound == "y>=" and year.value == value):
            return True
    return False
