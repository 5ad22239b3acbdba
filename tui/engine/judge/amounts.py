"""A whole document's numbers, filed so that many claims can ask about them quickly.

:func:`~tui.engine.judge.quantity.bears` looks through every source quantity for each claimed
one, which is right for one source statement and far too slow for a whole document: a 1 MB
source holds thousands of amounts, asked about by thousands of claims (3.7 s on the generated
1 MB pair). :class:`Numbers` answers the same question from sorted lists.

Invariant: ``Numbers(found).bears(q) == bears(found, q)`` and ``Numbers(found).year_borne(q)
== year_borne(years of found, q)`` for every quantity ``q`` (a test holds the two to each
other on random quantities).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from tui.engine.judge.dates import year_borne
from tui.engine.judge.quantity import Quantity, firm, holds, within

Entry = tuple[float, int, float, Quantity]
"""One end of an amount, filed by its size: ``(log1p(|end|), order, end, amount)``; ``order``
keeps the first of equals first, as :func:`~tui.engine.judge.quantity.bears` takes it."""


class Numbers:
    """A document's amounts and years, each once, ready for :meth:`bears` and :meth:`year_borne`."""

    def __init__(self, found: Sequence[Quantity]) -> None:
        unique = list(firm(list(dict.fromkeys(found))))
        amounts = [q for q in unique if not q.is_year]
        self.years: tuple[Quantity, ...] = tuple(q for q in unique if q.is_year)
        self.amounts: tuple[Quantity, ...] = tuple(amounts)
        self._ranges = [q for q in amounts if q.upper is not None]
        self._values = sorted(q.value for q in amounts)
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
        """:func:`~tui.engine.judge.quantity.bears` of the document's amounts (remembered: the
        same amount is claimed again and again)."""
        known = self._asked.get(claimed)
        if known is None:
            known = self._asked[claimed] = self._bears(claimed)
        return known

    def _bears(self, claimed: Quantity) -> bool:
        if claimed.upper is not None:
            low, high = claimed.value, claimed.upper
            margin = 0.01 * (abs(low) + abs(high)) + 1e-9
            start = bisect_left(self._values, low - margin)
            stop = bisect_right(self._values, high + margin)
            if any(within(v, low, high) for v in self._values[start:stop]):
                return True
            return any(q.value <= high and low <= q.upper for q in self._ranges if q.upper is not None)
        if claimed.vague and "%" not in self._by_unit:
            return True
        value = claimed.value
        if claimed.bound in ("=", "~") and any(
                q.upper is not None and within(value, q.value, q.upper) for q in self._ranges):
            return True
        near = self._nearest(claimed)
        if near is None:
            return False
        _, _, near_value, quantity = near
        return holds(claimed, near_value) or (quantity.bound == claimed.bound and math.isclose(near_value, value))

    def year_borne(self, claimed: Quantity) -> bool:
        """:func:`~tui.engine.judge.dates.year_borne` of the document's years."""
        return year_borne(self.years, claimed)

    def _nearest(self, claimed: Quantity) -> Entry | None:
        """The end nearest the claimed amount in size, of its unit when the document has any."""
        entries = self._by_unit.get(claimed.unit) or self._all
        if not entries:
            return None
        scale = math.log1p(abs(claimed.value))
        at = bisect_left(entries, scale, key=lambda e: e[0])
        right = entries[at] if at < len(entries) else None
        left = None
        if at:
            first = bisect_left(entries, entries[at - 1][0], key=lambda e: e[0])
            left = entries[first]
        if left is None or right is None:
            return left or right
        left_gap, right_gap = abs(left[0] - scale), abs(right[0] - scale)
        if left_gap != right_gap:
            return left if left_gap < right_gap else right
        return left if left[1] < right[1] else right
