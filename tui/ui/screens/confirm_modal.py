"""Ask a yes-or-no question before doing something that cannot be taken back.

Invariant: the modal only asks; it dismisses with True (y) or False (n, Escape) and the caller
acts on the answer.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label


class ConfirmModal(ModalScreen[bool]):
    """A question; y answers yes, n or Escape no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes", tooltip="yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no", tooltip="no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """The question and the keys that answer it."""
        with Vertical(classes="dialog"):
            yield Label(self.question, markup=False)
            yield Label("y: yes   n or Escape: no", markup=False)

    def action_answer(self, yes: bool) -> None:
        """Return the answer."""
        self.dismiss(yes)
