"""Ask for words to find in the statements.

Invariant: the modal returns the query (None when cancelled); the screen does the finding.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class SearchModal(ModalScreen[str | None]):
    """A one-line query, holding the last one; Enter searches forward from the current statement."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel-search")]

    def __init__(self, last: str = "") -> None:
        super().__init__()
        self.last = last

    def compose(self) -> ComposeResult:
        """A label and the query field."""
        with Vertical(classes="dialog"):
            yield Label("Find in statements", markup=False, classes="dialog-title")
            yield Label("Enter: next hit · Escape: cancel · later, / Enter or Enter: next hit, p: previous",
                        markup=False)
            yield Input(self.last, placeholder="words to find", id="search-input")

    @on(Input.Submitted)
    def find(self, event: Input.Submitted) -> None:
        """Enter: return the query."""
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Escape: no search."""
        self.dismiss(None)
