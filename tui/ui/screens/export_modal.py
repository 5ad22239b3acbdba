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
    """``<derived-stem>-review<ext>`` in the derived document's folder (not wherever claimdiff
    was started), as a full path so the reviewer sees where it goes."""
    derived = Path(derived_path).expanduser().absolute()
    return str(derived.parent / f"{derived.stem}-review{export.EXTENSIONS.get(fmt, '.txt')}")


class ExportModal(ModalScreen[ExportRequest | None]):
    """Format list (focused first: ↓ ↑ pick, Enter moves on) and file name (Enter exports)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel-export")]

    def __init__(self, derived_path: str) -> None:
        super().__init__()
        self.derived_path = derived_path
        self.fmt = export.FORMATS[0]

    def compose(self) -> ComposeResult:
        """Formats, then the file name."""
        with Vertical(classes="dialog"):
            yield Label("Export the review", markup=False, classes="dialog-title")
            yield Label("↓ ↑: format · Enter: on to the file name · Enter there: export · Escape: cancel",
                        markup=False)
            yield OptionList(*(Option(fmt, id=fmt) for fmt in export.FORMATS), id="export-formats")
            yield Input(default_name(self.derived_path, self.fmt), id="export-path")

    def on_mount(self) -> None:
        """Start in the format list: ↓ picks another format, Enter then Enter exports the default."""
        self.query_one("#export-formats", OptionList).focus()

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
