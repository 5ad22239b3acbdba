"""Choose another counterpart for a statement from its ranked candidates, or none.

Invariant: the modal returns a :class:`Relinked` (whose ``counterpart`` None means "no
counterpart") or None when cancelled; the screen records it through ``Review.relink``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.engine.review import Review
from tui.ui.text import one_line

NONE_ID = "-none-"


@dataclass(frozen=True)
class Relinked:
    """The reviewer's choice of counterpart."""

    counterpart: str | None


class RelinkModal(ModalScreen[Relinked | None]):
    """Candidates best first, then "no counterpart"."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel-relink")]

    def __init__(self, review: Review, statement_id: str) -> None:
        super().__init__()
        self.review = review
        self.statement_id = statement_id

    def compose(self) -> ComposeResult:
        """The ranked candidates, the one in force highlighted."""
        finding = self.review.finding(self.statement_id)
        current = self.review.counterpart(self.statement_id)
        options = [
            Option(Text(f"{c.id:>5} {c.score:3.0f}  ") + Text(one_line(self.review.finding(c.id).statement.text)),
                   id=c.id)
            for c in finding.matches
        ]
        options.append(Option(Text("no counterpart (nothing in the other text says this)"), id=NONE_ID))
        with Vertical(classes="dialog"):
            yield Label(f"Counterpart of {self.statement_id} (Enter to choose, Escape to cancel)", markup=False)
            option_list = OptionList(*options, id="relink-options")
            ids = [o.id for o in options]
            option_list.highlighted = ids.index(current) if current in ids else len(ids) - 1
            yield option_list

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        """Enter: return the chosen counterpart."""
        chosen = event.option.id
        self.dismiss(Relinked(None if chosen == NONE_ID else chosen))

    def action_cancel(self) -> None:
        """Escape: keep the counterpart in force."""
        self.dismiss(None)
