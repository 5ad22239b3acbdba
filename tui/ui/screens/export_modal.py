"""Choose an export format and a file name.

Invariant: the modal never writes; it returns an :class:`ExportRequest` (or None when
cancelled) and the app renders and writes. Formats come from ``tui.engine.export.FORMATS``,
so a new exporter shows up here without a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.engine import export


@dataclass(frozen=True)
class ExportRequest:
    """What to export where."""

    fmt: str
    """One of ``tui.engine.export.FORMATS``."""
    path: Path


def default_name(derived_path: str, fmt: str) -> str:
    """``<derived-stem>-review<ext>``, in the current directory."""
    return f"{Path(derived_path).stem}-review{export.EXTENSIONS.get(fmt, '.txt')}"


class ExportModal(ModalScreen[ExportRequest | None]):
    """Format list and file name; Enter in the name field exports."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel-export")]

    def __init__(self, derived_path: str) -> None:
        super().__init__()
        self.derived_path = derived_path
        self.fmt = export.FORMATS[0]

    def compose(self) -> ComposeResult:
        """Formats, then the file name."""
        with Vertical(classes="dialog"):
            yield Label("Export the review (Tab: move, Enter in the name: export, Escape: cancel)", markup=False)
            yield OptionList(*(Option(fmt, id=fmt) for fmt in export.FORMATS), id="export-formats")
            yield Input(default_name(self.derived_path, self.fmt), id="export-path")

    def on_mount(self) -> None:
        """Start in the name field: Enter exports the default at once."""
        self.query_one("#export-path", Input).focus()

    @on(OptionList.OptionHighlighted, "#export-formats")
    def pick_format(self, event: OptionList.OptionHighlighted) -> None:
        """A format was highlighted: follow it in the file name if the name is still a default."""
        field = self.query_one("#export-path", Input)
        if field.value == default_name(self.derived_path, self.fmt):
            field.value = default_name(self.derived_path, event.option.id or self.fmt)
        self.fmt = event.option.id or self.fmt

    @on(OptionList.OptionSelected, "#export-formats")
    def go_to_name(self) -> None:
        """Enter on a format: on to the name."""
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def confirm(self, event: Input.Submitted) -> None:
        """Enter in the name field: return the request (an empty name cancels)."""
        name = event.value.strip()
        self.dismiss(ExportRequest(self.fmt, Path(name).expanduser()) if name else None)

    def action_cancel(self) -> None:
        """Escape: no export."""
        self.dismiss(None)
