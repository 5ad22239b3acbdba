"""Write or edit the reviewer's note on one statement.

Invariant: the modal only collects text; it dismisses with the note (possibly empty, which
clears it) or None when cancelled, and the screen records it through ``Review.set_note``.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class NoteModal(ModalScreen[str | None]):
    """One line of note; Enter keeps it, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel-note")]

    def __init__(self, statement_id: str, note: str) -> None:
        super().__init__()
        self.statement_id = statement_id
        self.note = note

    def compose(self) -> ComposeResult:
        """A label and the note field."""
        with Vertical(classes="dialog"):
            yield Label(f"Note on {self.statement_id} (Enter to keep, empty to clear, Escape to cancel)",
                        markup=False)
            yield Input(self.note, placeholder="why you decided as you did", id="note-input")

    @on(Input.Submitted)
    def keep(self, event: Input.Submitted) -> None:
        """Enter: return the note."""
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Escape: leave the note as it was."""
        self.dismiss(None)
