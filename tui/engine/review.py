"""The reviewer's decisions over a comparison, with many-level undo and redo.

Invariant: a ``Review`` never changes the ``Comparison`` it is built on; it holds only the
reviewer's verdicts (status, note, chosen counterpart) per statement id, and every change
goes through :meth:`Review.apply`, which records it for undo, stamps the statement's change
time (so two sessions can be merged statement by statement) and tells the listeners (the
session store saves on each call, so nothing decided is lost). Verdicts that could not be
re-attached after the documents were edited are kept, read-only, in :attr:`Review.orphans`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from tui.engine.model import Comparison, Finding, Role, Status


def reviewable(comparison: Comparison) -> list[Finding]:
    """The claims a reviewer decides, in the order the app lists them.

    Every derived claim (agreement, divergence or unsupported), then the source claims the
    engine proposed as omitted; a source claim that has a derived counterpart is decided
    through that counterpart and is not counted again. This is the one ``M`` of
    ``N/M reviewed`` in the app's status line, ``claimdiff sessions`` and every export.
    """
    derived = [f for f in comparison.of(Role.DERIVED) if f.status is not None]
    return derived + [f for f in comparison.of(Role.SOURCE) if f.status is Status.OMITTED]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the reviewer said about one statement. The default means "not reviewed"."""

    status: Status | None = None
    """The reviewer's status; None until reviewed."""
    note: str = ""
    relinked: bool = False
    """True when the reviewer chose the counterpart (``counterpart`` None = "no counterpart")."""
    counterpart: str | None = None
    """The chosen counterpart's statement id, when ``relinked``."""

    @property
    def is_empty(self) -> bool:
        """True when the reviewer has said nothing about the statement."""
        return self == Verdict()


@dataclass(frozen=True, slots=True)
class Change:
    """One recorded edit: the verdict of ``statement_id`` before and after."""

    statement_id: str
    before: Verdict
    after: Verdict


@dataclass(frozen=True, slots=True)
class Orphan:
    """A saved verdict whose statement is no longer in the documents (or whose chosen
    counterpart is gone). Kept so that nothing the reviewer decided is silently dropped."""

    role: Role
    """The document the statement was in."""
    text: str
    """The statement's text when the verdict was given."""
    verdict: Verdict
    """The verdict as saved; ``counterpart`` is the id it had then, not a current id."""
    counterpart_text: str | None = None
    """The chosen counterpart's text, when the verdict was a relink."""
    reason: str = "statement"
    """``statement`` (the statement was not found) or ``counterpart`` (the statement was
    found and keeps status and note, but its chosen counterpart was not)."""
    changed_at: float = 0.0
    """When the reviewer last changed the verdict (seconds since the epoch)."""


Listener = Callable[[Change], None]


def now() -> float:
    """The current time in seconds since the epoch (the clock change times are read from)."""
    return time.time()


class Review:
    """Verdicts over one comparison, keyed by statement id."""

    def __init__(
        self,
        comparison: Comparison,
        verdicts: dict[str, Verdict] | None = None,
        *,
        orphans: Iterable[Orphan] = (),
        changed_at: dict[str, float] | None = None,
    ) -> None:
        self.comparison = comparison
        self._findings = comparison.by_id()
        self.verdicts: dict[str, Verdict] = {k: v for k, v in (verdicts or {}).items() if not v.is_empty}
        self.orphans: list[Orphan] = list(orphans)
        """Saved verdicts that no statement of these documents could take (see :class:`Orphan`)."""
        self.changed_at: dict[str, float] = dict(changed_at or {})
        """When each statement's verdict last changed (kept after an undo back to empty, so a
        merge with another session knows the clearing is the newer decision)."""
        self.cursor: str | None = None
        """The statement the reviewer was at, for resuming."""
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self.listeners: list[Listener] = []
        """Called after every change (including undo and redo)."""
        self.cursor_listeners: list[Callable[[str], None]] = []
        """Called with the statement id whenever the reviewer moves (for resuming there)."""

    # -- reading -------------------------------------------------------------------------
    def verdict(self, statement_id: str) -> Verdict:
        """The reviewer's verdict on a statement (empty when not reviewed)."""
        return self.verdicts.get(statement_id, Verdict())

    def finding(self, statement_id: str) -> Finding:
        """The engine's proposal for a statement."""
        return self._findings[statement_id]

    def status(self, statement_id: str) -> Status | None:
        """The status in force: the reviewer's if set, else the engine's proposal."""
        return self.verdict(statement_id).status or self._findings[statement_id].status

    def counterpart(self, statement_id: str) -> str | None:
        """The counterpart in force: the reviewer's choice if relinked, else the best match."""
        verdict = self.verdict(statement_id)
        if verdict.relinked:
            return verdict.counterpart
        matches = self._findings[statement_id].matches
        return matches[0].id if matches else None

    def is_reviewed(self, statement_id: str) -> bool:
        """True once the reviewer has set a status on the statement."""
        return self.verdict(statement_id).status is not None

    def reviewed_count(self) -> int:
        """How many of the :func:`reviewable` claims have a reviewer status."""
        return sum(1 for f in reviewable(self.comparison) if self.is_reviewed(f.statement.id))

    def claim_count(self) -> int:
        """How many claims there are to review (see :func:`reviewable`)."""
        return len(reviewable(self.comparison))

    def move_to(self, statement_id: str) -> None:
        """Record where the reviewer is; tells the cursor listeners when it changed."""
        if statement_id == self.cursor:
            return
        self.cursor = statement_id
        for listener in list(self.cursor_listeners):
            listener(statement_id)

    # -- writing -------------------------------------------------------------------------
    def apply(self, statement_id: str, after: Verdict) -> Change | None:
        """Set a statement's verdict, record it for undo and notify listeners.

        Returns:
            The change made, or None when ``after`` equals the current verdict.
        """
        if statement_id not in self._findings:
            raise KeyError(statement_id)
        before = self.verdict(statement_id)
        if before == after:
            return None
        change = Change(statement_id, before, after)
        self._set(statement_id, after)
        self._undo.append(change)
        self._redo.clear()
        self._notify(change)
        return change

    def set_status(self, statement_id: str, status: Status | None) -> Change | None:
        """Record the reviewer's status for a statement."""
        return self.apply(statement_id, replace(self.verdict(statement_id), status=status))

    def accept(self, statement_id: str) -> Change | None:
        """Record the engine's proposed status as the reviewer's."""
        return self.set_status(statement_id, self._findings[statement_id].status)

    def set_note(self, statement_id: str, note: str) -> Change | None:
        """Record or replace the reviewer's note."""
        return self.apply(statement_id, replace(self.verdict(statement_id), note=note))

    def relink(self, statement_id: str, counterpart: str | None) -> Change | None:
        """Choose another counterpart for a statement, or none (``counterpart=None``)."""
        if counterpart is not None and counterpart not in self._findings:
            raise KeyError(counterpart)
        new = replace(self.verdict(statement_id), relinked=True, counterpart=counterpart)
        return self.apply(statement_id, new)

    def undo(self) -> Change | None:
        """Take back the last change; returns it (None when there is nothing to undo)."""
        if not self._undo:
            return None
        change = self._undo.pop()
        self._redo.append(change)
        self._set(change.statement_id, change.before)
        self._notify(Change(change.statement_id, change.after, change.before))
        return change

    def redo(self) -> Change | None:
        """Make the last undone change again; returns it (None when there is nothing)."""
        if not self._redo:
            return None
        change = self._redo.pop()
        self._undo.append(change)
        self._set(change.statement_id, change.after)
        self._notify(change)
        return change

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone change to redo."""
        return bool(self._redo)

    def _set(self, statement_id: str, verdict: Verdict) -> None:
        # Strictly increasing per statement even if the wall clock steps back or is coarse.
        self.changed_at[statement_id] = max(now(), self.changed_at.get(statement_id, 0.0) + 1e-6)
        if verdict.is_empty:
            self.verdicts.pop(statement_id, None)
        else:
            self.verdicts[statement_id] = verdict

    def _notify(self, change: Change) -> None:
        for listener in list(self.listeners):
            listener(change)
