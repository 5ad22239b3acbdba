"""The learned ranker's second look at each derived claim's counterparts, shared by two processes.

:func:`tui.engine.align.align.align` hands a :class:`Reorderer` every derived claim with more
than one counterpart at once. With a second process, that process reads the source claims
(:func:`tui.engine.align.rerank.read_sources`) while this one corrects hubness, then orders
the last :data:`SHARE` of the claims while this one orders the rest: on the 1 MB pair the
readings took 0.7-0.8 s of the first process, with the second one idle.

Invariant: both processes run the same functions on the same values, so a claim's order is the
one a single process gives; only positions travel back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.engine.align import rerank

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

Hits = list[tuple[int, float]]
"""A claim's counterparts: ``(source index, score)``, best first."""

SHARE = 0.45
"""The share of the claims the second process orders (it reads the pairs' items first)."""
SHARED_FROM = 2_000
"""Claims to order below which the second process is not asked (sending costs more)."""

_READ: dict[str, rerank.Sources] = {}
"""In the second process: the source claims read for the comparison under way (one at a time)."""


class Reorderer:
    """Re-orders derived claims' counterparts with the learned ranker, in one or two processes."""

    def __init__(
        self,
        sources: tuple[Sequence[str], Sequence[Sequence[str]]],
        claims: tuple[Sequence[str], Sequence[Sequence[str]]],
        ranker: rerank.Ranker,
        pool: Pool | None = None,
    ) -> None:
        """Args:
            sources: The source claims' texts and content terms, in document order.
            claims: The derived claims' texts and content terms, in document order.
            ranker: The learned weights.
            pool: The second process, when there is one.
        """
        self._texts, self._terms = sources
        self._claims, self._claim_terms = claims
        self._ranker = ranker
        self._pool = pool
        self._read: rerank.Sources | None = None
        self._primed: AsyncResult[None] | None = None

    def __call__(self, number: int, hits: Hits) -> Hits:
        """Derived claim ``number``'s counterparts, re-ordered."""
        order = _order(self._claims[number], self._claim_terms[number], hits, self._sources(), self._ranker)
        return [hits[k] for k in order]

    def prime(self, wanted: int) -> None:
        """Let the second process read the source claims now, when ``wanted`` claims will be ordered."""
        if self._pool is not None and wanted >= SHARED_FROM and self._primed is None:
            self._primed = self._pool.apply_async(_read_sources, (list(self._texts), list(self._terms)))

    def many(self, jobs: Sequence[tuple[int, Hits]]) -> list[Hits]:
        """Each ``(claim number, counterparts)`` re-ordered, in order (see the module docstring)."""
        if self._pool is None or self._primed is None:
            return [self(number, hits) for number, hits in jobs]
        cut = len(jobs) - int(len(jobs) * SHARE)
        theirs = [(self._claims[n], list(self._claim_terms[n]), hits) for n, hits in jobs[cut:]]
        pending = self._pool.apply_async(_order_all, (theirs, self._ranker))
        out = [self(number, hits) for number, hits in jobs[:cut]]
        self._primed.get()
        for (_, hits), order in zip(jobs[cut:], pending.get(), strict=True):
            out.append([hits[k] for k in order])
        return out

    def _sources(self) -> rerank.Sources:
        if self._read is None:
            self._read = rerank.read_sources(self._texts, self._terms)
        return self._read


def _order(claim: str, terms: Sequence[str], hits: Hits, sources: rerank.Sources, ranker: rerank.Ranker) -> list[int]:
    """Positions of ``hits``, best first, as the ranker reads them."""
    return ranker.order(rerank.readings(claim, terms, hits, sources))


def _read_sources(texts: list[str], terms: list[list[str]]) -> None:
    """In the second process: read the source claims for :func:`_order_all`."""
    _READ.clear()
    _READ["sources"] = rerank.read_sources(texts, terms)


def _order_all(items: list[tuple[str, list[str], Hits]], ranker: rerank.Ranker) -> list[list[int]]:
    """In the second process: the order of each ``(claim, its terms, counterparts)``."""
    sources = _READ["sources"]
    return [_order(claim, terms, hits, sources, ranker) for claim, terms, hits in items]
