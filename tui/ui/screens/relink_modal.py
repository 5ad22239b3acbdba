"""Choose another counterpart for a statement from every statement of the other text, or none.

The engine's candidates come first, best score first; then the other text's other claims,
then its headings, furniture and citations, each in document order: the right counterpart
may be one the engine never proposed. Typing filters the list (every word typed must appear
in the statement or its id); the arrows move in it and Enter chooses. "No counterpart"
is always offered last.

Invariant: the modal returns a :class:`Relinked` (whose ``counterpart`` None means "no
counterpart") or None when cancelled; the screen records it through ``Review.relink``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.engine.model import Kind, Statement
from tui.engine.review import Review
from tui.ui.text import hanging, one_line

NONE_ID = "-none-"
SHOWN_AT_MOST = 100
"""Most statements listed at once; typing narrows a longer list (every one can be found)."""


@dataclass(frozen=True)
class Relinked:
    """The reviewer's choice of counterpart."""

    counterpart: str | None


@dataclass(frozen=True)
class _Choice:
    """One statement of the other text, as typing finds it."""

    statement: Statement
    score: float | None
    """The engine's score, for its candidates only."""
    haystack: str
    """What typing is matched against: id and text, case-folded."""

    @property
    def id(self) -> str:
        """The statement's id."""
        return self.statement.id

    def label(self) -> Table:
        """The row: id, score (a dot when the engine did not propose it), kind unless a claim,
        text, its wrapped lines under its first."""
        head = Text(f"{self.id:>5} " + (f"{self.score:3.0f}  " if self.score is not None else "  ·  "))
        body = Text()
        if self.statement.kind is not Kind.CLAIM:
            body.append(f"({self.statement.kind.value}) ", style="italic")
        body.append(one_line(self.statement.text))
        return hanging(head, body)


class RelinkModal(ModalScreen[Relinked | None]):
    """Every statement of the other text, candidates first, filtered as you type."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-relink"),
        Binding("down", "move(1)", "Next", show=False, id="relink-next"),
        Binding("up", "move(-1)", "Previous", show=False, id="relink-previous"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="relink-page-down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="relink-page-up"),
    ]

    def __init__(self, review: Review, statement_id: str) -> None:
        super().__init__()
        self.review = review
        self.statement_id = statement_id
        self.choices = self._choices()
        """Every statement of the other text, in the order offered."""

    def _choices(self) -> list[_Choice]:
        """Candidates by score, then the other claims, then everything else, in document order."""
        finding = self.review.finding(self.statement_id)
        other = self.review.comparison.of(finding.statement.role.other)
        scores = {c.id: c.score for c in finding.matches}
        rest = [f.statement for f in other if f.statement.id not in scores]
        ordered = [self.review.finding(c.id).statement for c in finding.matches]
        ordered += [s for s in rest if s.kind is Kind.CLAIM] + [s for s in rest if s.kind is not Kind.CLAIM]
        return [_Choice(s, scores.get(s.id), f"{s.id} {s.text}".casefold()) for s in ordered]

    def compose(self) -> ComposeResult:
        """A filter field over the list, the counterpart in force highlighted."""
        with Vertical(classes="dialog", id="relink"):
            yield Label(f"Counterpart of {self.statement_id}", markup=False, classes="dialog-title")
            yield Label("Type to filter · ↑↓ move · Enter: choose · Escape: cancel. The engine's candidates "
                        "come first with their scores, then every other statement.", markup=False)
            yield Input(placeholder="words or an id, e.g. s12", id="relink-filter")
            yield Label("", id="relink-count", markup=False)
            yield OptionList(id="relink-options")

    def on_mount(self) -> None:
        """List everything, the counterpart in force highlighted."""
        self._show("", self.review.counterpart(self.statement_id))

    @on(Input.Changed, "#relink-filter")
    def narrow(self, event: Input.Changed) -> None:
        """Typing: keep the statements holding every word typed."""
        self._show(event.value, None)

    def _show(self, query: str, highlight: str | None) -> None:
        words = query.casefold().split()
        hits = [c for c in self.choices if all(w in c.haystack for w in words)]
        shown = hits[:SHOWN_AT_MOST]
        options = [Option(c.label(), id=c.id) for c in shown]
        options.append(Option(Text("no counterpart (nothing in the other text says this)"), id=NONE_ID))
        option_list = self.query_one("#relink-options", OptionList)
        option_list.set_options(options)
        ids = [o.id for o in options]
        if highlight is None and not query.strip():
            highlight = self.review.counterpart(self.statement_id)
        option_list.highlighted = ids.index(highlight) if highlight in ids else (0 if shown else len(ids) - 1)
        total = len(self.choices)
        count = f"{len(hits)} of {total} statements" if words else f"{total} statements"
        if len(hits) > len(shown):
            count += f" (the first {len(shown)} shown: type to narrow)"
        self.query_one("#relink-count", Label).update(count)

    def action_move(self, step: int) -> None:
        """Arrows while typing: move the highlight in the list."""
        option_list = self.query_one("#relink-options", OptionList)
        last = option_list.option_count - 1
        current = option_list.highlighted if option_list.highlighted is not None else 0
        option_list.highlighted = max(0, min(last, current + step))

    @on(Input.Submitted, "#relink-filter")
    def choose_highlighted(self) -> None:
        """Enter in the filter: choose the highlighted statement."""
        option_list = self.query_one("#relink-options", OptionList)
        if option_list.highlighted is not None:
            self._choose(option_list.get_option_at_index(option_list.highlighted).id)

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click in the list: choose that statement."""
        self._choose(event.option.id)

    def _choose(self, chosen: str | None) -> None:
        self.dismiss(Relinked(None if chosen in (NONE_ID, None) else chosen))

    def action_cancel(self) -> None:
        """Escape: keep the counterpart in force."""
        self.dismiss(None)
