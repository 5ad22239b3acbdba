"""Saving a review as it happens: every change durably, moves cheaply, all before exit.

Invariant: once :meth:`Autosave.start` has run, every change the review reports is on disk
(fsynced) before the listener returns, unless the write failed, which :attr:`Autosave.error`
says in one line (and :attr:`Autosave.unsaved` counts) until a later save repairs it: each
save writes the whole review, so nothing kept in memory is lost once space is freed. The position
reaches the disk at the latest when the process exits normally.
"""

from __future__ import annotations

import atexit
import errno
import threading
import time
import weakref
from collections.abc import Callable
from typing import Protocol

from tui.engine.inputs.documents import InputError
from tui.engine.model import Comparison
from tui.engine.review import Change, Review
from tui.engine.sessions.session import Session, capture


class Saver(Protocol):
    """What the autosaver needs of a store (:class:`tui.engine.sessions.store.SessionStore`),
    named here so that the store can import the autosaver without a cycle."""

    def save(self, session: Session, comparison: Comparison | None = None, *, durable: bool = True,
             since: float | None = None) -> Session:
        """Write a session; see ``SessionStore.save``."""
        ...

_REASONS = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded", errno.EROFS: "read-only file system",
            errno.EACCES: "permission denied", errno.EPERM: "permission denied"}
"""Short words for the failures a reviewer can do something about."""

LIVE: weakref.WeakSet[Autosave] = weakref.WeakSet()
"""The autosavers of this process, so that opening a session writes a move another one holds."""

CURSOR_BUDGET = 0.015
"""Seconds a save may take for moves to be written one by one; slower sessions gather them."""
CURSOR_DELAY = 0.5
"""Seconds moves are gathered for before they are written, in slow sessions."""


class Autosave:
    """Saves a review's session on every change (durably) and on moves (cheaply).

    A move is written at once while saving is quick; when a save takes longer than
    :data:`CURSOR_BUDGET` (a long review), moves are gathered and written at most every
    :data:`CURSOR_DELAY` seconds by a timer, by the next change, or at the latest when the
    process exits (``atexit``), so the position is on disk by quit without a write per keypress.
    """

    def __init__(self, store: Saver, name: str, review: Review, created: float | None) -> None:
        self.store = store
        self.name = name
        self.review = review
        self.created = created
        self.error: str | None = None
        """The last save's failure in one line, None once a save succeeds again."""
        self.unsaved = 0
        """Changes made since the last save that reached the disk (kept in memory meanwhile)."""
        self.status_listeners: list[Callable[[], None]] = []
        """Called after every save that changed :attr:`error` (the app shows it)."""
        self.saves = 0
        """How many saves succeeded."""
        self.written: float | None = None
        """The ``updated`` stamp of the last version this autosaver wrote, when that version
        held nothing but this review (None after a merge brought in another process's work)."""
        self.cost = 0.0
        """How long the last save took, in seconds."""
        self._lock = threading.RLock()
        self._pending = False
        self._timer: threading.Timer | None = None

    def start(self) -> None:
        """Subscribe to the review and save once (records the documents and options now)."""
        LIVE.add(self)
        self.review.listeners.append(self._changed)
        self.review.cursor_listeners.append(self._moved)
        atexit.register(self.flush)
        self.save()

    def stop(self) -> None:
        """Write a pending move and unsubscribe (no more saves)."""
        self.flush()
        atexit.unregister(self.flush)
        if self._changed in self.review.listeners:
            self.review.listeners.remove(self._changed)
        if self._moved in self.review.cursor_listeners:
            self.review.cursor_listeners.remove(self._moved)

    def flush(self) -> None:
        """Write the position now if a move is waiting."""
        with self._lock:
            if self._pending:
                self.save(durable=False)

    def save(self, *, durable: bool = True) -> bool:
        """Write the session now; returns False (and sets :attr:`error`) when it fails."""
        with self._lock:
            self._pending = False
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            began = time.perf_counter()
            before = self.error
            try:
                mine = capture(self.review, self.name, created=self.created)
                written = self.store.save(mine, self.review.comparison, durable=durable, since=self.written)
            except (OSError, InputError) as error:  # SessionError is an InputError
                self.error = self._failure(error)
                self._tell(before)
                return False
            self.cost = time.perf_counter() - began
            # Skipping the merge is right only while the file holds nothing but our review.
            only_ours = written is mine or (written.entries, written.orphans) == (mine.entries, mine.orphans)
            self.created, self.error = written.created, None
            self.written = written.updated if only_ours else None
            self.saves += 1
            self.unsaved = 0
            self._tell(before)
            return True

    def _failure(self, error: OSError | InputError) -> str:
        """The warning the reviewer sees while saves fail: what went wrong and what to do."""
        if isinstance(error, OSError):
            reason = _REASONS.get(error.errno or 0) or error.strerror or str(error)
        else:
            reason = str(error)
        kept = (f" — your last {self.unsaved} changes are kept in memory" if self.unsaved > 1
                else " — your last change is kept in memory" if self.unsaved else "")
        return f"not saved: {reason}{kept}; free space or press ctrl+s to retry"

    def _tell(self, before: str | None) -> None:
        if self.error != before:
            for listener in list(self.status_listeners):
                listener()

    def _changed(self, change: Change) -> None:
        with self._lock:
            self.unsaved += 1
            self.save()

    def _moved(self, statement_id: str) -> None:
        with self._lock:
            if self.cost <= CURSOR_BUDGET:
                self.save(durable=False)
                return
            self._pending = True
            if self._timer is None:
                self._timer = threading.Timer(CURSOR_DELAY, self.flush)
                self._timer.daemon = True
                self._timer.start()
