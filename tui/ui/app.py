"""The review app: build it with :func:`make_app`, run it, read ``app.failure`` afterwards.

Invariant: the comparison runs in a thread worker that only posts messages; the app turns
the finished comparison into a ``Review`` through the injected ``open_review`` (the sessions
feature resumes one there) and every verdict lives in that ``Review``. An ``InputError`` ends
the app with ``failure`` set to its one line and return code 2, never a traceback. The app
never reads the environment, and reads no file itself: it gets the pair through the injected
:class:`Pair` (``claimdiff review`` hands over the documents it already loaded); it writes only
the export file the reviewer asks for.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import get_current_worker

from tui.engine import export
from tui.engine.inputs.documents import InputError
from tui.engine.inputs.outputs import check_output
from tui.engine.model import CompareOptions, Comparison, Document
from tui.engine.pipeline import compare, load_pair
from tui.engine.review import Review
from tui.engine.sessions.autosave import Autosave
from tui.ui.messages import (
    ComparisonFailed,
    ComparisonFinished,
    ComparisonProgressed,
    SaveStatusChanged,
)
from tui.ui.screens.confirm_modal import ConfirmModal
from tui.ui.screens.export_modal import ExportModal, ExportRequest
from tui.ui.screens.loading_screen import LoadingScreen
from tui.ui.screens.review_screen import ReviewScreen

OpenReview = Callable[[Comparison], "tuple[Review, str | None]"]
"""Turns a comparison into the review to use and an optional one-line notice."""


@dataclass(frozen=True, slots=True)
class Pair:
    """The two documents the app reviews: their names for the screen, and how to get them."""

    source: str
    derived: str
    load: Callable[[], tuple[Document, Document]]
    """Returns (source, derived); called once, in the worker (loading may take a while)."""


def fresh_review(comparison: Comparison) -> tuple[Review, str | None]:
    """The default ``open_review``: a new review with no verdicts and no notice."""
    return Review(comparison), None


class _Cancelled(Exception):
    """Raised from the progress callback to stop a comparison nobody waits for any more."""


class ReviewApp(App[None]):
    """Compare two documents in a worker, then review the result from the keyboard."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "claimdiff"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, id="app-quit"),
        Binding("ctrl+s", "save_session", "Save", show=False, id="save-session",
                tooltip="save the session now (retries a failed save)"),
    ]
    RETRY_EVERY = 5.0
    """Seconds between retries while saving fails."""

    def __init__(self, pair: Pair, *, options: CompareOptions | None = None,
                 open_review: OpenReview | None = None) -> None:
        super().__init__()
        self.pair = pair
        self.source = pair.source
        self.derived = pair.derived
        self.options = options
        self.open_review = open_review or fresh_review
        self.review: Review | None = None
        """The review, once the comparison is done."""
        self.failure: str | None = None
        """The one-line reason the app ended early (unfit input), for the command line."""
        self.autosave: Autosave | None = None
        """The session's autosaver, when ``open_review`` opened a saved session."""
        self.save_problem: str | None = None
        """Why the last save failed (shown in the status line); None while saves succeed."""

    def on_mount(self) -> None:
        """Show progress and start comparing; the review replaces the progress when ready."""
        self.push_screen(LoadingScreen(self.source, self.derived))
        self.compare()

    def on_unmount(self) -> None:
        """Hand the review's objects back to the cycle collector (see :meth:`finished`)."""
        gc.unfreeze()

    @work(thread=True, exclusive=True)
    def compare(self) -> None:
        """Run the engine's front door off the UI thread; report only by messages.

        Quitting cancels this worker; the next progress report then stops the engine (its
        second process too), so the app leaves within a fraction of a second, not when a
        large comparison would have finished.
        """
        worker = get_current_worker()

        def report(stage: str, done: float) -> None:
            if worker.is_cancelled:
                raise _Cancelled
            self.post_message(ComparisonProgressed(stage, done))

        try:
            source, derived = self.pair.load()
            said: list[str] = []  # how it had to run (no second process…), for the reviewer
            comparison = compare(source, derived, self.options, progress=report, workers=2, notice=said.append)
        except _Cancelled:
            return
        except InputError as error:
            self.post_message(ComparisonFailed(str(error)))
            return
        # The reviewer reads them with the documents' notices (stderr is hidden in the app).
        self.post_message(ComparisonFinished(comparison, tuple(n.removeprefix("claimdiff: ") for n in said)))

    @on(ComparisonProgressed)
    def progressed(self, message: ComparisonProgressed) -> None:
        """Move the progress bar."""
        if isinstance(self.screen, LoadingScreen):
            self.screen.progress(message.stage, message.done)

    @on(ComparisonFinished)
    def finished(self, message: ComparisonFinished) -> None:
        """Open the review (fresh or resumed) and show it."""
        try:
            review, notice = self.open_review(message.comparison)
        except InputError as error:
            self.fail(str(error))
            return
        self.review = review
        self.autosave = _autosave_of(review)
        if self.autosave is not None:
            self.autosave.status_listeners.append(self._save_status_told)
            self.save_problem = self.autosave.error
            self.set_interval(self.RETRY_EVERY, self.retry_save)
        self.switch_screen(ReviewScreen(review))
        # What is built by now lives as long as the review, so the cycle collector need not
        # walk it at every full collection: on the seeds one took 46 ms, in a key press.
        self.call_after_refresh(gc.freeze)
        said = [w for d in (message.comparison.source, message.comparison.derived) for w in d.warnings]
        notice = "; ".join(filter(None, [notice, *said, *message.notices]))
        if notice:
            self.notify(notice, timeout=8, markup=False)  # notices may quote document text

    # -- saving --------------------------------------------------------------------------
    def _save_status_told(self) -> None:
        """The autosave's word that a save failed or works again (from whichever thread saved)."""
        self.post_message(SaveStatusChanged())

    @on(SaveStatusChanged)
    def save_status_changed(self) -> None:
        """Show a failed save in the status line until a save succeeds again."""
        problem = self.autosave.error if self.autosave else None
        if problem is None and self.save_problem is not None:
            self.notify("saved: every change is on disk again", timeout=4, markup=False)
        self.save_problem = problem
        if isinstance(self.screen, ReviewScreen):
            self.screen.update_status_line()

    def retry_save(self) -> None:
        """While saves fail, try again now and then (each save writes the whole review)."""
        if self.autosave is not None and self.autosave.error is not None:
            self.autosave.save()

    def action_save_session(self) -> None:
        """Save now: retries a failed save, and says whether it worked."""
        if self.autosave is None:
            self.notify("this review is not kept in a session", timeout=3, markup=False)
        elif self.autosave.save():
            self.notify(f"saved session {self.autosave.name}", timeout=3, markup=False)

    async def action_quit(self) -> None:
        """Quit, asking first when changes could not be saved (a move still waiting is written now)."""
        if self.autosave is not None:
            self.autosave.flush()
        if self.autosave is None or self.autosave.error is None or self.autosave.save():
            self.exit()
            return
        count = self.autosave.unsaved

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit()

        changes = f"{count} change{'s' if count != 1 else ''}" if count else "the position"
        self.push_screen(ConfirmModal(f"{self.save_problem or 'not saved'}.\nQuit anyway and lose {changes}?"),
                         answer)

    @on(ComparisonFailed)
    def failed(self, message: ComparisonFailed) -> None:
        """Unfit input: leave with the one line for the command line to print."""
        self.fail(message.error)

    def fail(self, error: str) -> None:
        """End the app with ``error`` as its one-line reason and return code 2."""
        self.failure = error
        self.exit(return_code=2)

    # -- export --------------------------------------------------------------------------
    def action_export(self) -> None:
        """Ask for a format and a file name, then write the export."""
        if self.review is not None:
            self.push_screen(ExportModal(self.derived), self.write_export)

    def write_export(self, request: ExportRequest | None) -> None:
        """Render the review in the chosen format and write it; one line on failure."""
        if request is None or self.review is None:
            return
        comparison = self.review.comparison
        sessions = getattr(self.autosave.store, "root", None) if self.autosave else None
        try:
            # Never over a document under review or a session file, by path or through a link.
            check_output(request.path, (comparison.source.path, comparison.derived.path), sessions=sessions)
            text = export.render(request.fmt, comparison, self.review)
            request.path.write_text(text, encoding="utf-8")
        except InputError as error:
            self.notify(f"not exported: {error}", severity="error", timeout=8, markup=False)
        except OSError as error:
            self.notify(f"{request.path}: cannot write ({error.strerror or error})", severity="error", timeout=6, markup=False)
        except ValueError as error:
            self.notify(str(error), severity="error", timeout=6, markup=False)
        else:
            self.notify(f"exported {request.fmt} to {request.path.absolute()}", timeout=6, markup=False)

    # -- command palette -----------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every review key as a palette command, then Textual's own."""
        if isinstance(screen, ReviewScreen):
            for binding in screen.BINDINGS:
                if isinstance(binding, Binding) and binding.tooltip:
                    yield SystemCommand(binding.tooltip[0].upper() + binding.tooltip[1:],
                                        f"key: {binding.key}", partial(screen.run_action, binding.action))
        yield from super().get_system_commands(screen)


def _autosave_of(review: Review) -> Autosave | None:
    """The session autosaver listening to ``review``, if ``open_review`` started one."""
    for listener in review.listeners:
        owner = getattr(listener, "__self__", None)
        if isinstance(owner, Autosave):
            return owner
    return None


def make_app(
    source: Document | str | Path,
    derived: Document | str | Path,
    *,
    options: CompareOptions | None = None,
    open_review: OpenReview | None = None,
) -> ReviewApp:
    """Build the review app for a pair of documents.

    Args:
        source: The primary document: loaded (as ``claimdiff review`` passes it), or a path
            that the app's worker loads (tests, screenshots, the bench).
        derived: The text that leans on it, the same way.
        options: Comparison knobs; defaults when None.
        open_review: Turns the comparison into the review to use and an optional notice
            (default: a fresh review, no notice).

    Returns:
        The app, not yet running.
    """
    if isinstance(source, Document) and isinstance(derived, Document):
        documents = (source, derived)
        pair = Pair(source.path, derived.path, lambda: documents)
    elif isinstance(source, Document) or isinstance(derived, Document):
        raise TypeError("give both documents loaded, or both as paths")
    else:
        pair = Pair(os.fspath(source), os.fspath(derived), partial(load_pair, source, derived, options))
    return ReviewApp(pair, options=options, open_review=open_review)
