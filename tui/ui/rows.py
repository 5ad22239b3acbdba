"""What the statement list shows, in which order, and how the reviewer moves over it.

Invariant: rows are statement ids only; every status read here comes from the ``Review``
(the reviewer's verdict, else the engine's proposal), so the UI keeps no verdict of its own.
The order is the derived document's statements, then the source statements the engine found
omitted; non-claims (headings, page furniture, citations) join only when shown, and a filter
keeps the rows whose status in force matches. Nothing here imports Textual.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tui.engine.model import Role, Status
from tui.engine.review import Change, Review, reviewable

FILTERS: dict[str, str] = {
    "": "all statements",
    "agreement": "agreement",
    "divergence": "divergence",
    "unsupported": "unsupported",
    "omitted": "omitted",
    "unreviewed": "not yet reviewed",
    "noted": "with a note",
}
"""Filter keys and how the app names them."""


class Rows:
    """The list's rows over a review, with counts kept up to date on every change."""

    def __init__(self, review: Review) -> None:
        self.review = review
        comparison = review.comparison
        derived = comparison.of(Role.DERIVED)
        omitted = [f for f in comparison.of(Role.SOURCE) if f.status is Status.OMITTED]
        self._all = [f.statement.id for f in (*derived, *omitted)]
        self._claims = [f.statement.id for f in reviewable(comparison)]
        self._in_scope = frozenset(self._claims)
        self.show_all = False
        """True when non-claims are listed too."""
        self.filter = ""
        """A key of :data:`FILTERS`; "" lists everything."""
        self.ids: list[str] = list(self._claims)
        """The statement ids listed, in order."""
        self._position = {sid: i for i, sid in enumerate(self.ids)}
        self.counts: Counter[Status] = Counter(review.status(sid) for sid in self._claims)  # type: ignore[misc]
        """Claims per status in force (derived claims and omitted source claims)."""
        self.reviewed = sum(1 for sid in self._claims if review.is_reviewed(sid))
        """How many of those claims carry a reviewer status."""
        review.listeners.append(self._changed)

    @property
    def total(self) -> int:
        """How many claims there are to review."""
        return len(self._claims)

    def rebuild(self, *, show_all: bool | None = None, filter: str | None = None) -> None:
        """Recompute the listed ids after the non-claims switch or the filter changed."""
        if show_all is not None:
            self.show_all = show_all
        if filter is not None:
            if filter not in FILTERS:
                raise ValueError(f"unknown filter {filter!r}")
            self.filter = filter
        base = self._all if self.show_all else self._claims
        self.ids = [sid for sid in base if self._passes(sid)]
        self._position = {sid: i for i, sid in enumerate(self.ids)}

    def index_of(self, statement_id: str) -> int | None:
        """The row of a statement, or None when it is not listed."""
        return self._position.get(statement_id)

    def find(self, start: int, step: int, test: Callable[[str], bool]) -> int | None:
        """The first row from ``start + step`` on (wrapping round) whose id passes ``test``."""
        n = len(self.ids)
        for k in range(1, n + 1):
            row = (start + step * k) % n
            if test(self.ids[row]):
                return row
        return None

    def is_(self, what: str) -> Callable[[str], bool]:
        """A row test by name: a status value, ``unreviewed`` or ``noted``."""
        review = self.review
        if what == "unreviewed":
            return lambda sid: sid in self._in_scope and not review.is_reviewed(sid)
        if what == "noted":
            return lambda sid: bool(review.verdict(sid).note)
        status = Status(what)
        return lambda sid: review.status(sid) is status

    def matching(self, query: str) -> Callable[[str], bool]:
        """A row test: the statement's text contains ``query`` (case-insensitive)."""
        needle = query.casefold()
        return lambda sid: needle in self.review.finding(sid).statement.text.casefold()

    def _passes(self, sid: str) -> bool:
        return not self.filter or self.is_(self.filter)(sid)

    def _changed(self, change: Change) -> None:
        sid = change.statement_id
        if sid not in self._in_scope:
            return
        proposal = self.review.finding(sid).status
        before, after = change.before.status or proposal, change.after.status or proposal
        if before is not None:
            self.counts[before] -= 1
        if after is not None:
            self.counts[after] += 1
        self.reviewed += (change.after.status is not None) - (change.before.status is not None)
