"""Every key of the review screen, with what it does, and how to read the badges.

Invariant: the key table is generated from the review screen's ``BINDINGS``, so help never
disagrees with the keys.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.text import STATUS_BADGES

_KEY_NAMES = {
    "question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
    "down": "↓", "up": "↑", "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End",
    "escape": "Esc", "enter": "Enter",
}


def key_names(keys: str) -> str:
    """``j,down`` → ``j ↓``."""
    return " ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


class HelpModal(ModalScreen[None]):
    """The keys and the legend; any of Escape, ? or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "Close", id="close-help")]

    def __init__(self, bindings: list[BindingType], score_legend: str = "") -> None:
        super().__init__()
        self.bindings = [b for b in bindings if isinstance(b, Binding)]
        self.score_legend = score_legend
        """What a score means under the comparison's options (``CompareOptions.score_legend``)."""

    def compose(self) -> ComposeResult:
        """The table of keys, then the badge legend."""
        table = Text()
        for binding in self.bindings:
            table.append(f"{key_names(binding.key):<12}", "bold")
            table.append(f"{binding.tooltip or binding.description}\n")
        legend = Text("\nBadges: ")
        for status, badge in STATUS_BADGES.items():
            legend.append(f"[{badge}] {status.value if status else 'not a claim'}   ")
        legend.append("\n✓ reviewed   ✎ has a note   ctrl+p: command palette")
        if self.score_legend:
            legend.append(f"\n{self.score_legend}")
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(Text("claimdiff: keys", style="bold"))
            yield Static(table)
            yield Static(legend)

    def action_close(self) -> None:
        """Back to the review."""
        self.dismiss(None)
