"""Shown while the comparison runs: which files, which stage, how far.

Invariant: it only displays progress messages the app forwards; it starts no work.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, ProgressBar


class LoadingScreen(Screen[None]):
    """A title, a progress bar and the current stage."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="quit-loading", tooltip="stop and quit"),
    ]

    def __init__(self, source: str, derived: str) -> None:
        super().__init__()
        self.source = source
        self.derived = derived

    def compose(self) -> ComposeResult:
        """Files, bar, stage."""
        with Vertical(id="loading"):
            yield Label(f"Comparing {self.derived}\n against {self.source}", markup=False, id="loading-title")
            yield ProgressBar(total=1.0, show_eta=False, id="loading-bar")
            yield Label("starting", id="loading-stage", markup=False)
        yield Footer()

    def progress(self, stage: str, done: float) -> None:
        """Show a stage and the share done."""
        self.query_one("#loading-bar", ProgressBar).update(progress=done)
        self.query_one("#loading-stage", Label).update(stage)
