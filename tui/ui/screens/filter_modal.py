"""Choose which statements the list shows: all, one status, unreviewed or noted.

Invariant: the modal returns a key of :data:`tui.ui.rows.FILTERS` ("" for all) or None when
cancelled; the screen rebuilds the rows.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.ui.rows import FILTERS


class FilterModal(ModalScreen[str | None]):
    """A list of filters; Enter picks one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel-filter")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        """The filters, the one in force highlighted."""
        with Vertical(classes="dialog"):
            yield Label("Show (Enter to choose, Escape to cancel)", markup=False)
            options = OptionList(*(Option(label, id=key or "all") for key, label in FILTERS.items()),
                                 id="filter-options")
            options.highlighted = list(FILTERS).index(self.current)
            yield options

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        """Enter: return the filter."""
        key = event.option.id or ""
        self.dismiss("" if key == "all" else key)

    def action_cancel(self) -> None:
        """Escape: keep the filter in force."""
        self.dismiss(None)
