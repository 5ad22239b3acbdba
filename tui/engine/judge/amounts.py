"""Whether a source's amounts bear out a claimed one: for one source statement
(:func:`bears`) and for a whole document, filed so that many claims can ask quickly
(:class:`Numbers`).

:func:`bears` looks through every source quantity for each claimed one, which is right for one
source statement and far too slow for a whole document: a 1 MB source holds thousands of
amounts, asked about by thousands of claims (3.7 s on the generated 1 MB pair). :class:`Numbers`
answers the same question from sorted lists. The amounts themselves are read by
:mod:`tui.engine.judge.quantity`.

Invariant: ``Numbers(found).bears(q) == bears(found, q)`` and ``Numbers(found).year_borne(q)
== year_borne(years of found, q)`` for every quantity ``q`` (a test holds the two to each
other on random quantities).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate

from tui.engine.judge.conversions import converted_holds
from tui.engine.judge.dates import year_borne
from tui.engine.judge.quantity import Quantity

Entry = tuple[float, int, float, Quantity]
"""One end of an amount, filed by its size: ``(log1p(|end|), order, end, amount)``; ``order``
keeps the first of equals first, as :func:`bears` takes it."""


class Numbers:
    """A document's amounts and years, each once, ready for :meth:`bears` and :meth:`year_borne`."""

    def __init__(self, found: Sequence[Quantity], *, worked_apart: bool = True) -> None:
        unique = list(firm(list(dict.fromkeys(found))))
        amounts = [q for q in unique if not q.is_year]
        self.years: tuple[Quantity, ...] = tuple(q for q in unique if q.is_year)
        self.amounts: tuple[Quantity, ...] = tuple(amounts)
        ranges = sorted((q.value, q.upper) for q in amounts if q.upper is not None)
        self._lows = [low for low, _ in ranges]
        self._highs = sorted(high for _, high in ranges)
        self._reach = list(accumulate((high for _, high in ranges), max))  # the highest end of the ranges so far
        self._values = sorted(q.value for q in amounts)
        self._measured = [q for q in amounts if q.measured is not None]
        worked = [q for q in amounts if q.implied] if worked_apart else []
        self._worked = Numbers(worked, worked_apart=False) if worked else None
        """The amounts the document implies (:attr:`Quantity.implied`), filed apart too (see :func:`bears`)."""
        self._written: Numbers | None = None
        """Those it writes, filed when an implied amount is first the nearest to a claimed one (:meth:`_bears`)."""
        self._by_unit: dict[str, list[Entry]] = {}
        entries: list[Entry] = []
        for order, q in enumerate(amounts):
            for end_order, end in enumerate((q.value,) if q.upper is None else (q.value, q.upper)):
                entry = (math.log1p(abs(end)), 2 * order + end_order, end, q)
                entries.append(entry)
                self._by_unit.setdefault(q.unit, []).append(entry)
        self._all = sorted(entries, key=lambda e: (e[0], e[1]))
        self._asked: dict[Quantity, bool] = {}
        for unit in self._by_unit:
            self._by_unit[unit].sort(key=lambda e: (e[0], e[1]))

    def bears(self, claimed: Quantity) -> bool:
        """:func:`bears` of the document's amounts (remembered: the
        same amount is claimed again and again)."""
        known = self._asked.get(claimed)
        if known is None:
            known = self._asked[claimed] = self._bears(claimed)
        return known

    def _bears(self, claimed: Quantity) -> bool:
        if claimed.measured is not None and converted(self._measured, claimed):
            return True
        if claimed.also is not None:
            return any(self._bears(q) for q in each_unit(claimed))
        if claimed.upper is not None:
            low, high = claimed.value, claimed.upper
            margin = 0.01 * (abs(low) + abs(high)) + 1e-9
            start = bisect_left(self._values, low - margin)
            stop = bisect_right(self._values, high + margin)
            if any(within(v, low, high) for v in self._values[start:stop]):
                return True
            return self._reaches(high, low)  # a source range that overlaps the claimed one
        if claimed.vague and "%" not in self._by_unit:
            return True
        if claimed.bound in ("=", "~"):
            if self._worked is not None and self._worked.near_bears(claimed):
                return True
            if self._in_a_range(claimed.value):
                return True
        near = self._nearest(claimed)
        if near is None:
            return False
        if not near[3].implied or self._worked is None:
            return _near_bears(near[2], near[3], claimed)
        # the nearest amount is one the document implies, asked about above: the nearest it writes decides
        if self._written is None:
            self._written = Numbers([q for q in self.amounts if not q.implied], worked_apart=False)
        return self._written.near_bears(claimed)

    def near_bears(self, claimed: Quantity) -> bool:
        """Whether the filed amount nearest a claimed one bears it out (:func:`_near_bears`)."""
        near = self._nearest(claimed)
        return near is not None and _near_bears(near[2], near[3], claimed)

    def _reaches(self, start: float, end: float) -> bool:
        """Whether a range of the document starts at or below ``start`` and ends at or above ``end``."""
        count = bisect_right(self._lows, start)
        return count > 0 and self._reach[count - 1] >= end

    def _in_a_range(self, value: float) -> bool:
        """Whether ``value`` is :func:`within` a range of the document: inside one, or close to
        either end of one (the ends a sorted list each, searched where they may be close)."""
        if self._reaches(value, value):
            return True
        margin = 0.01 * abs(value) + 1e-9  # wider than within's half a per cent, either way
        return any(math.isclose(value, end, rel_tol=0.005)
                   for ends in (self._lows, self._highs)
                   for end in ends[bisect_left(ends, value - margin):bisect_right(ends, value + margin)])

    def year_borne(self, claimed: Quantity) -> bool:
        """:func:`~tui.engine.judge.dates.year_borne` of the document's years."""
        return year_borne(self.years, claimed)

    def nearest(self, claimed: Quantity) -> tuple[float, Quantity] | None:
        """:func:`_nearest` of the document's amounts: the end nearest the claimed amount, and its amount."""
        entry = self._nearest(claimed)
        return None if entry is None else (entry[2], entry[3])

    def _nearest(self, claimed: Quantity) -> Entry | None:
        """The end nearest the claimed amount in size, of its unit when the document has any;
        of ends equally near, the first (ends of different sizes can be: the gap is a float,
        and the log of a tiny amount, 1e-45, is lost in it)."""
        entries = self._by_unit.get(claimed.unit) or self._all
        if not entries:
            return None
        scale = math.log1p(abs(claimed.value))
        at = bisect_left(entries, scale, key=lambda e: e[0])
        nearest: list[Entry] = []
        gap = math.inf
        if at:  # the ends below, nearest last: those as near as the last one, whatever their size
            gap = scale - entries[at - 1][0]
            nearest = entries[bisect_left(entries, -gap, hi=at, key=lambda e: e[0] - scale):at]
        if at < len(entries):  # the ends above, nearest first
            above = entries[at][0] - scale
            if above <= gap:
                run = entries[at:bisect_right(entries, above, lo=at, key=lambda e: e[0] - scale)]
                nearest = run if above < gap else [*nearest, *run]
        return min(nearest, key=lambda e: e[1])


def holds(claimed: Quantity, found: float) -> bool:
    """Whether a source value ``found`` bears out a claimed quantity, its bound included:
    "more than 176" is not borne out by 176 (VitaminC's editors refute exactly that), "at
    least 176" is."""
    if claimed.bound == ">":
        return found > claimed.value
    if claimed.bound == "<":
        return found < claimed.value
    if claimed.bound == ">=":
        return found >= claimed.value or math.isclose(found, claimed.value)
    if claimed.bound == "<=":
        return found <= claimed.value or math.isclose(found, claimed.value)
    if claimed.bound == "~":
        return abs(found - claimed.value) <= 0.15 * max(abs(claimed.value), 1e-9)
    return math.isclose(found, claimed.value) or rounds_to(found, claimed)


_NUMERAL = re.compile(r"\d+(?:[,· ]\d{3})*(?:[.·]\d+)?")
"""The digits of an amount as written, in :attr:`Quantity.said` ("1·7" of "1·7 billion")."""


def rounds_to(found: float, claimed: Quantity) -> bool:
    """Whether a source value rounds to a claimed amount at the place of its last significant
    digit: "35 crore" for 35.29 crore, "122,000" for 122 300, "1.7 billion" for 1.72 billion.
    Only where rounding there moves a value by 5% at most: "60" is not 61, nor "2%" 1.6%."""
    half_step = _half_step(claimed.said, claimed.value)
    return half_step is not None and abs(found - claimed.value) <= half_step * (1 + 1e-9)


@lru_cache(maxsize=1 << 14)
def _half_step(said: str, value: float) -> float | None:
    """Half the place of the last significant digit of an amount as written, in the units of
    ``value`` ("1.7 billion": 0.05 billion); None where that is over 5% of it (remembered: a
    claimed amount is asked about against many source values)."""
    written = _NUMERAL.search(said)
    if written is None:
        return None
    whole, _, decimals = written.group().replace("·", ".").replace(",", "").replace(" ", "").partition(".")
    number = float(f"{whole}.{decimals or 0}")
    if number == 0:
        return None
    zeros = 0 if decimals else min(len(whole) - len(whole.rstrip("0")), max(0, len(whole) - 2))
    half_step = 0.5 * 10.0 ** (zeros - len(decimals)) * abs(value / number)
    return half_step if half_step <= 0.05 * abs(value) else None


def bears(found: Sequence[Quantity], claimed: Quantity) -> bool:
    """Whether the source's quantities (years apart) bear out a claimed one.

    A claimed amount is checked against the source amount nearest it in size, of its own unit
    when the source has any ("40%" against the 21% of "21% of 40 patients"), or the source says
    the same with the same bound ("more than 950" for "more than 950"); a range bears an amount
    within it, and a claimed range is borne by an amount within it.
    """
    found = firm(found)
    if claimed.measured is not None and converted(found, claimed):
        return True
    if claimed.also is not None:
        return any(bears(found, q) for q in each_unit(claimed))
    if claimed.upper is not None:
        low, high = claimed.value, claimed.upper
        return any(within(q.value, low, high) or (q.upper is not None and q.value <= high and low <= q.upper)
                   for q in found)
    if claimed.vague and not any(q.unit == "%" for q in found):
        return True  # "the majority" is checked against a share, and a source without one has none to deny it
    if claimed.bound in ("=", "~"):
        for q in found:
            if q.upper is not None and within(claimed.value, q.value, q.upper):
                return True
    worked = [q for q in found if q.implied]
    if worked:
        # a change the source implies but does not write ("hr, 0.71": 29% lower) bears out a
        # change claimed exactly or about ("29% less likely"), not a bound nor a share ("more
        # than half"), and never stands in the way of the amounts the source writes
        worked_near = _nearest(worked, claimed) if claimed.bound in ("=", "~") else None
        if worked_near is not None and _near_bears(*worked_near, claimed):
            return True
        found = [q for q in found if not q.implied]
    found_near = _nearest(found, claimed)
    return found_near is not None and _near_bears(*found_near, claimed)


def _near_bears(near_value: float, near: Quantity, claimed: Quantity) -> bool:
    """Whether the source amount nearest a claimed one (its end ``near_value``) bears it out: as
    :func:`holds` says, by the same words ("more than 950" for "more than 950"), or, for a
    change the source implies, rounded as the claim writes it (:func:`rounded_from`)."""
    return (holds(claimed, near_value) or (near.bound == claimed.bound and math.isclose(near_value, claimed.value))
            or (near.implied and rounded_from(near_value, claimed)))


def rounded_from(worked_out: float, claimed: Quantity) -> bool:
    """Whether a claimed amount is a value the source implies (worked out, not written: "8.82%"
    for 31% against 34%), rounded to the places the claim writes ("9%", "8.8%"). A writer
    rounds what they work out, though "9" is not 8.6 as a figure the source writes."""
    written = _NUMERAL.search(claimed.said)
    if written is None or claimed.bound != "=":
        return False
    places = len(written.group().partition(".")[2].partition("·")[0])
    return round(worked_out, places) == claimed.value


def converted(found: Sequence[Quantity], claimed: Quantity) -> bool:
    """Whether an amount of ``found`` in the claimed amount's dimension bears it out, converted
    and rounded as a writer does ("three months" for "12 weeks"; :mod:`~tui.engine.judge.conversions`)."""
    assert claimed.measured is not None
    dimension, size, unit = claimed.measured
    # an amount in the same unit is no conversion: "over three years" is not borne out by "a
    # 3-year contract", nor "ten years" by "nine years"
    return any(q.measured is not None and q.measured[0] == dimension and q.measured[2] != unit and not q.is_year
               and converted_holds(claimed.bound, size, q.measured[1]) for q in found)


def each_unit(claimed: Quantity) -> tuple[Quantity, Quantity]:
    """A claimed amount written in two units ("10 kg (23 lb)") as two amounts, each of which a
    source bears out for both."""
    assert claimed.also is not None
    return replace(claimed, also=None), replace(claimed, value=claimed.also, also=None)


def bears_each(found: Sequence[Quantity], claimed: Sequence[Quantity]) -> list[bool]:
    """:func:`bears` for each amount a statement claims, each asked against the source amounts
    :func:`asked_against` leaves it (filed, :class:`Numbers`, when there are many: see
    :data:`FILED_FROM`)."""
    solid = firm(found)
    filed = _filed(solid, claimed)
    # the source's amounts are asked filed; a pool left to a few claimed amounts (the source's
    # amounts less one another claimed amount kept) is read as it is
    return [filed.bears(q) if filed is not None and pool is solid else bears(pool, q)
            for pool, q in zip(_pools(solid, claimed, filed), claimed, strict=True)]


FILED_FROM = 10_000
"""Claimed amounts times source amounts from which :func:`bears_each` and :func:`asked_against`
file the source's amounts (:class:`Numbers`) rather than read them all again for each claimed
one. A statement of thousands of amounts (a table run into one line) against another took
minutes: 4,000 ranges against themselves 5.7 s, 30,000 over two minutes. Real statements hold
tens, and below this the plain reading is the quicker."""


def _filed(solid: Sequence[Quantity], claimed: Sequence[Quantity]) -> Numbers | None:
    """``solid`` filed for ``claimed`` when there are many (:data:`FILED_FROM`); never with a
    year among them, which :class:`Numbers` keeps apart from the amounts."""
    many = len(solid) * len(claimed) >= FILED_FROM and not any(q.is_year for q in solid)
    return Numbers(solid) if many else None


def asked_against(found: Sequence[Quantity], claimed: Sequence[Quantity]) -> list[Sequence[Quantity]]:
    """The source amounts each amount a statement claims is checked against, a source amount
    serving one claimed value at most, as a reader pairs them: "more than $51.7 million … and
    over $50 million" against "$51.6 million … and $47 million" leaves both unborne, though
    $51.6 million is the amount nearest to both and alone bears out "over $50 million".

    Each claimed amount is read against the source amount nearest it; where two claimed values
    have the same one, the nearer keeps it (borne out or not) and the other is asked against the
    rest, which also names its counterpart in a reason ("47 million → 50 million")."""
    solid = firm(found)
    return _pools(solid, claimed, _filed(solid, claimed))


def _pools(solid: Sequence[Quantity], claimed: Sequence[Quantity], filed: Numbers | None) -> list[Sequence[Quantity]]:
    """:func:`asked_against` of the source's firm amounts, ``filed`` when many."""
    pools: list[Sequence[Quantity]] = [solid] * len(claimed)
    leaning: dict[int, list[tuple[float, int]]] = {}  # a source amount -> (gap, claimed index) nearest it
    for number, q in enumerate(claimed):
        if q.upper is None and not q.vague and q.also is None:
            near = _nearest(solid, q) if filed is None else filed.nearest(q)
            if near is not None:
                gap = abs(math.log1p(abs(near[0])) - math.log1p(abs(q.value)))
                leaning.setdefault(id(near[1]), []).append((gap, number))
    for source_id, claims in leaning.items():
        if len({claimed[number].value for _, number in claims}) < 2:
            continue
        kept = claimed[min(claims)[1]].value
        rest = [f for f in solid if id(f) != source_id]
        for _, number in claims:
            if claimed[number].value != kept:
                pools[number] = rest
    return pools


def firm(found: Sequence[Quantity]) -> Sequence[Quantity]:
    """A source's quantities without its vague shares ("a minority of"), which are too loose to
    bear out or deny any claimed amount (``found`` itself when it has none)."""
    return [q for q in found if not q.vague] if any(q.vague for q in found) else found


def nearest_quantity(found: Sequence[Quantity], claimed: Quantity) -> Quantity:
    """The source quantity a claimed one restates: of its unit when there is one, nearest in
    size (ratio, not difference). "Less than $1.25 million" is checked against "$1,272,790",
    not against the "$61,560" of the same sentence; "more than 22 cases" against "21 cases"."""
    found_near = _nearest(found, claimed)
    if found_near is None:
        raise ValueError("no source quantity to compare with")
    return found_near[1]


def _nearest(found: Sequence[Quantity], claimed: Quantity) -> tuple[float, Quantity] | None:
    """The source amount nearest a claimed one in size (a range by either end), of its unit
    when the source has any, with the quantity it belongs to; the first of equals."""
    scale = math.log1p(abs(claimed.value))
    near: tuple[float, Quantity] | None = None
    distance = math.inf
    for q in _alike(found, claimed.unit):
        for end in (q.value,) if q.upper is None else (q.value, q.upper):
            gap = abs(math.log1p(abs(end)) - scale)
            if gap < distance:
                near, distance = (end, q), gap
    return near


def _alike(found: Sequence[Quantity], unit: str) -> list[Quantity]:
    """The source quantities a claimed one of ``unit`` is compared with: those of its unit, or
    all when the source has none of it."""
    return [q for q in found if q.unit == unit] or list(found)


def within(value: float, low: float, high: float) -> bool:
    """Whether ``value`` lies between ``low`` and ``high``, either end within half a per cent."""
    return low <= value <= high or math.isclose(value, low, rel_tol=0.005) or math.isclose(value, high, rel_tol=0.005)
