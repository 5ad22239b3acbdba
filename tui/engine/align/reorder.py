"""The learned ranker's second look at each derived claim's counterparts, shared by two processes.

:func:`tui.engine.align.align.align` hands a :class:`Reorderer` every derived claim with more
than one counterpart at once. With a second process, that process reads the source claims
(:func:`tui.engine.align.rerank.read_sources`) while this one corrects the derived claims'
hubness, then orders them all while this one works out the source claims' counterparts,
which do not depend on the order (on the 1 MB generated pair, about 0.4 s of ordering
against 0.3 s of the source side).

Invariant: both processes run the same functions on the same values, so a claim's order is the
one a single process gives; only positions travel back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from tui.engine.align import rerank
from tui.engine.model import Finding, Statement, Status

if TYPE_CHECKING:
    from tui.engine.model import Pending, Worker

_MATCHED = (Status.AGREEMENT, Status.DIVERGENCE)
Hits = list[tuple[int, float]]
"""A claim's counterparts: ``(source index, score)``, best first."""
Ordered = tuple[list[int], tuple[str, ...]]
"""A claim's counterparts' positions, best first, and what put the first ahead of a candidate
that scores more (empty when none does)."""

SHARED_FROM = 400
"""Claims to order below which the second process is not asked (sending costs more). A pair
large enough for a second process has several hundred: on the 290 KB InSciOut pair (1,273
derived claims, 630 lists to order) sharing from 400 rather than 2,000 saved 0.02-0.12 s of
the 1.3 s command in 11 of 13 alternating runs, and 0.06 s on the 250 KB generated pair."""

_READ: dict[str, rerank.Sources] = {}
"""In the second process: the source claims read for the comparison under way (one at a time)."""


class Reorderer:
    """Re-orders derived claims' counterparts with the learned ranker, in one or two processes."""

    def __init__(
        self,
        sources: tuple[Sequence[str], Sequence[Sequence[str]], Sequence[bool]],
        claims: tuple[Sequence[str], Sequence[Sequence[str]], Sequence[bool]],
        ranker: rerank.Ranker,
        pool: Worker | None = None,
    ) -> None:
        """Args:
            sources: The source claims' texts, content terms and whether each states a share
                of a whole, in document order.
            claims: The derived claims' texts, content terms and shares, in document order.
            ranker: The learned weights.
            pool: The second process, when there is one.
        """
        self._texts, self._terms, self._shares = sources
        self._claims, self._claim_terms, self._claim_shares = claims
        self._ranker = ranker
        self._pool = pool
        self._read: rerank.Sources | None = None
        self._primed: Pending[None] | None = None
        self.explained: dict[int, tuple[int, tuple[str, ...]]] = {}
        """Per derived claim whose first counterpart scores less than another: that
        counterpart's source index and what put it first, in words (``Ranker.why``)."""

    def __call__(self, number: int, hits: Hits) -> Hits:
        """Derived claim ``number``'s counterparts, re-ordered."""
        return self.many([(number, hits)])[0]

    def prime(self, wanted: int) -> None:
        """Let the second process read the source claims now, when ``wanted`` claims will be ordered."""
        if self._pool is not None and wanted >= SHARED_FROM and self._primed is None:
            self._primed = self._pool.apply_async(_read_sources,
                                                  (list(self._texts), list(self._terms), list(self._shares)),
                                                  here=_nothing)  # read here when needed (_sources)

    def many(self, jobs: Sequence[tuple[int, Hits]], meanwhile: Callable[[], None] | None = None) -> list[Hits]:
        """Each ``(claim number, counterparts)`` re-ordered, in order; ``meanwhile`` is run here
        while the second process orders them (see the module docstring), or first.

        A claim that recurs with the same counterparts (a repeated sentence) is ordered once.
        """
        keys = [(self._claims[number], tuple(hits)) for number, hits in jobs]
        first: dict[tuple[str, tuple[tuple[int, float], ...]], tuple[int, Hits]] = {}
        for key, (number, hits) in zip(keys, jobs, strict=True):
            first.setdefault(key, (number, hits))
        orders = dict(zip(first, self._orders(list(first.values()), meanwhile or _nothing), strict=True))
        for key, (number, hits) in zip(keys, jobs, strict=True):
            order, why = orders[key]
            if why:
                self.explained[number] = (hits[order[0]][0], why)
        return [[hits[k] for k in orders[key][0]] for key, (_, hits) in zip(keys, jobs, strict=True)]

    def annotated(self, findings: list[Finding], sources: Sequence[Statement], deriveds: Sequence[Statement]
                  ) -> list[Finding]:
        """The findings, each matched derived claim's with what put its counterpart ahead of a
        candidate that scores more (:attr:`explained`), where that counterpart is still first
        (a word-for-word twin goes first whatever the ranker says)."""
        why = {deriveds[number].id: (sources[at].id, words) for number, (at, words) in self.explained.items()}
        out = []
        for finding in findings:
            found = why.get(finding.statement.id)
            if (found is not None and finding.status in _MATCHED and finding.matches
                    and finding.matches[0].id == found[0]):
                finding = replace(finding, ranked_by=found[1])
            out.append(finding)
        return out

    def _orders(self, jobs: list[tuple[int, Hits]], meanwhile: Callable[[], None]) -> list[Ordered]:
        """The order of each job's counterparts: in the second process when it has read the
        sources, while this one runs ``meanwhile``; else here, after it."""
        items = [(self._claims[number], list(self._claim_terms[number]), hits, self._claim_shares[number])
                 for number, hits in jobs]
        if self._pool is None or self._primed is None:
            meanwhile()
            return _order_all(items, self._ranker, self._sources())
        pending = self._pool.apply_async(_order_shared, (items, self._ranker),
                                         here=lambda: _order_all(items, self._ranker, self._sources()))
        meanwhile()
        self._primed.get()
        return pending.get()

    def _sources(self) -> rerank.Sources:
        if self._read is None:
            self._read = rerank.read_sources(self._texts, self._terms, self._shares)
        return self._read


def _nothing() -> None:
    """No work meanwhile."""


def _order_all(items: list[tuple[str, list[str], Hits, bool]], ranker: rerank.Ranker, sources: rerank.Sources
               ) -> list[Ordered]:
    """Positions of each ``(claim, its terms, counterparts, its share)``'s counterparts, best
    first, as the ranker reads them, with what put the first ahead of the highest score."""
    rows, bounds = rerank.readings_of(items, sources)
    out: list[Ordered] = []
    for (start, end), order, item in zip(pairwise(bounds), ranker.orders(rows, bounds), items, strict=True):
        hits = item[2]
        top = max(range(len(hits)), key=lambda k: (hits[k][1], -k))  # the highest score, listed first on ties
        beaten = hits[order[0]][1] < hits[top][1]
        out.append((order, ranker.why(rows[start:end], order[0], top) if beaten else ()))
    return out


def _read_sources(texts: list[str], terms: list[list[str]], shares: list[bool]) -> None:
    """In the second process: read the source claims for :func:`_order_shared`."""
    _READ.clear()
    _READ["sources"] = rerank.read_sources(texts, terms, shares)


def _order_shared(items: list[tuple[str, list[str], Hits, bool]], ranker: rerank.Ranker) -> list[Ordered]:
    """In the second process: :func:`_order_all` against the sources read before."""
    return _order_all(items, ranker, _READ["sources"])
