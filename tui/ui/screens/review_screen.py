"""The review: the statement list, the detail of the current one, and the status line.

Invariant: this screen owns every review key (the list and the pane take no focus, so no
widget can swallow one: textual#4637), every verdict goes through the ``Review`` methods, and
every cursor change is told to ``Review.move_to``. A keypress repaints the two list lines
that changed, the detail pane and the status line, never the whole list.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Static

from tui.engine.model import Role, Status
from tui.engine.review import Change, Review
from tui.ui.rows import FILTERS, Rows
from tui.ui.screens.filter_modal import FilterModal
from tui.ui.screens.help_modal import HelpModal
from tui.ui.screens.note_modal import NoteModal
from tui.ui.screens.relink_modal import Relinked, RelinkModal
from tui.ui.screens.search_modal import SearchModal
from tui.ui.text import STATUS_BADGES
from tui.ui.widgets.detail_pane import DetailPane
from tui.ui.widgets.fitting_footer import FittingFooter
from tui.ui.widgets.statement_list import StatementList

_BADGES = {status: badge for status, badge in STATUS_BADGES.items() if status is not None}

_STATUS_KEYS = {
    Role.DERIVED: (Status.AGREEMENT, Status.DIVERGENCE, Status.UNSUPPORTED),
    Role.SOURCE: (Status.AGREEMENT, Status.DIVERGENCE, Status.OMITTED),
}


class ReviewScreen(Screen[None]):
    """List, detail and status line over one review."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="help", tooltip="all keys"),
        Binding("q", "quit", "Quit", id="quit", tooltip="quit (every verdict is already recorded)"),
        Binding("j,down", "move(1)", "Next", show=False, id="next-statement", tooltip="next statement"),
        Binding("k,up", "move(-1)", "Previous", show=False, id="previous-statement",
                tooltip="previous statement"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="page-down", tooltip="a page down the list"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page-up", tooltip="a page up the list"),
        Binding("home", "edge(0)", "First", show=False, id="first-statement", tooltip="first statement"),
        Binding("end", "edge(-1)", "Last", show=False, id="last-statement", tooltip="last statement"),
        Binding("n", "jump(1, 'divergence')", "Diverge", id="next-divergence", tooltip="next divergence"),
        Binding("N", "jump(-1, 'divergence')", "Prev divergence", show=False, id="previous-divergence",
                tooltip="previous divergence"),
        Binding("u", "jump(1, 'unsupported')", "Unsupp", id="next-unsupported", tooltip="next unsupported"),
        Binding("o", "jump(1, 'omitted')", "Omitted", id="next-omitted", tooltip="next omitted source claim"),
        Binding("right_square_bracket", "jump(1, 'unreviewed')", "Unreviewed", show=False, id="next-unreviewed",
                tooltip="next unreviewed claim"),
        Binding("left_square_bracket", "jump(-1, 'unreviewed')", "Prev unreviewed", show=False,
                id="previous-unreviewed", tooltip="previous unreviewed claim"),
        Binding("a", "accept", "Accept", id="accept", tooltip="accept the proposed status and advance"),
        Binding("1", "set_status(0)", "Agree", show=False, id="set-agreement",
                tooltip="set agreement and advance"),
        Binding("2", "set_status(1)", "Diverge", show=False, id="set-divergence",
                tooltip="set divergence and advance"),
        Binding("3", "set_status(2)", "Unsupp/omit", show=False, id="set-unsupported",
                tooltip="set unsupported (omitted on a source statement) and advance"),
        Binding("c", "edit_note", "Note", id="edit-note", tooltip="add or edit a note"),
        Binding("z", "undo", "Undo", id="undo", tooltip="undo the last change"),
        Binding("Z", "redo", "Redo", show=False, id="redo", tooltip="redo the last undone change"),
        Binding("l", "relink", "Relink", show=False, id="relink",
                tooltip="choose another counterpart, or none"),
        Binding("slash", "search", "Search", id="search",
                tooltip="find words in the statements (the box keeps them: / Enter finds the next)"),
        Binding("enter", "search_again(1)", "Next hit", show=False, id="next-hit",
                tooltip="next statement holding the words last searched for"),
        Binding("p", "search_again(-1)", "Previous hit", show=False, id="previous-hit",
                tooltip="previous statement holding the words last searched for"),
        Binding("f", "filter", "Filter", id="filter", tooltip="show one status, unreviewed or noted only"),
        Binding("b", "toggle_nonclaims", "Non-claims", show=False, id="toggle-nonclaims",
                tooltip="show or hide headings, page furniture and citations"),
        Binding("e", "export", "Export", id="export", tooltip="export the review to a file"),
    ]

    def __init__(self, review: Review) -> None:
        super().__init__()
        self.review = review
        self.rows = Rows(review)
        self.last_search = ""
        review.listeners.append(self._changed)

    def compose(self) -> ComposeResult:
        """Title, list, detail, status line, footer."""
        comparison = self.review.comparison
        yield Static(Text(f"{Path(comparison.derived.path).name}  ⟶  {Path(comparison.source.path).name}", no_wrap=True,
                          overflow="ellipsis"), id="title")
        with Container(id="panes"):
            yield StatementList(self.rows, id="statements")
            yield DetailPane(self.review, id="detail")
        yield Static(id="status-line")
        yield FittingFooter()

    def on_mount(self) -> None:
        """Start where the reviewer left off, else at the top."""
        start = self.review.cursor
        row = self.rows.index_of(start) if start else None
        if start and row is None and start in self.review.comparison.by_id():
            self.rows.rebuild(show_all=True)
            self.statements.reset()
            row = self.rows.index_of(start)
        self.go(row or 0)

    def on_resize(self) -> None:
        """Side by side when wide, stacked when narrow; the status line fits the width."""
        self.query_one("#panes").set_class(self.size.width >= 150, "-wide")
        if self.is_mounted:
            self.update_status_line()

    @property
    def statements(self) -> StatementList:
        """The list widget."""
        return self.query_one(StatementList)

    @property
    def current(self) -> str | None:
        """The id of the statement under the cursor (None when the list is empty)."""
        ids = self.rows.ids
        return ids[self.statements.cursor] if ids else None

    # -- moving --------------------------------------------------------------------------
    def go(self, row: int) -> None:
        """Move to a row, show it, and tell the review where the reviewer is."""
        statements = self.statements
        statements.move_to(row)
        sid = self.current
        if sid is not None:
            self.review.move_to(sid)
            self.query_one(DetailPane).show(sid)
        self.update_status_line()

    def action_move(self, step: int) -> None:
        """Next or previous statement."""
        self.go(self.statements.cursor + step)

    def action_page(self, step: int) -> None:
        """A screenful down or up."""
        self.go(self.statements.cursor + step * max(self.statements.size.height - 1, 1))

    def action_edge(self, end: int) -> None:
        """First (0) or last (-1) statement."""
        self.go(0 if end == 0 else len(self.rows.ids) - 1)

    def action_jump(self, step: int, what: str) -> None:
        """The next (or previous) statement that is a status, unreviewed or noted."""
        row = self.rows.find(self.statements.cursor, step, self.rows.is_(what)) if self.rows.ids else None
        if row is None:
            self.notify(f"no {what} statement in the list", timeout=3, markup=False)
            return
        self.go(row)

    @on(StatementList.Clicked)
    def clicked(self, event: StatementList.Clicked) -> None:
        """A click moves the cursor there."""
        self.go(event.row)

    # -- deciding ------------------------------------------------------------------------
    def _claim(self) -> str | None:
        sid = self.current
        if sid is None:
            return None
        if self.review.finding(sid).status is None:
            self.notify(f"{sid} is not a claim; there is nothing to decide", timeout=3, markup=False)
            return None
        return sid

    def action_accept(self) -> None:
        """Take the engine's proposal as the verdict, then advance."""
        sid = self._claim()
        if sid is not None:
            self.review.accept(sid)
            self.action_move(1)

    def action_set_status(self, choice: int) -> None:
        """Set status 1/2/3 (agreement, divergence, unsupported or omitted), then advance."""
        sid = self._claim()
        if sid is not None:
            role = self.review.finding(sid).statement.role
            self.review.set_status(sid, _STATUS_KEYS[role][choice])
            self.action_move(1)

    def action_undo(self) -> None:
        """Take back the last change and show where it was."""
        change = self.review.undo()
        if change is not None:
            self._show_change(change.statement_id, "undone")

    def action_redo(self) -> None:
        """Make the last undone change again and show where it was; say so when there is none."""
        change = self.review.redo()
        if change is None:
            self.notify("nothing to redo", timeout=3, markup=False)
        else:
            self._show_change(change.statement_id, "redone")

    def _show_change(self, sid: str, what: str) -> None:
        row = self.rows.index_of(sid)
        if row is not None:
            self.go(row)
        else:
            self.notify(f"{what} on {sid}, which the list does not show now", timeout=3, markup=False)

    def action_edit_note(self) -> None:
        """Write or edit the note on the current statement."""
        sid = self.current
        if sid is None:
            return

        def keep(note: str | None) -> None:
            if note is not None:
                self.review.set_note(sid, note)

        self.app.push_screen(NoteModal(sid, self.review.verdict(sid).note), keep)

    def action_relink(self) -> None:
        """Choose another counterpart (or none) for the current claim."""
        sid = self._claim()
        if sid is None:
            return

        def keep(choice: Relinked | None) -> None:
            if choice is not None:
                self.review.relink(sid, choice.counterpart)

        self.app.push_screen(RelinkModal(self.review, sid), keep)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo is offered only when there is something to take back (redo says when there is not)."""
        if action == "undo":
            return self.review.can_undo
        return True

    def _changed(self, change: Change) -> None:
        """A verdict changed (any way, undo included): repaint what shows it."""
        self.refresh_bindings()
        self.statements.forget(change.statement_id)
        if change.statement_id == self.current:
            self.query_one(DetailPane).show(change.statement_id)
        self.update_status_line()

    # -- finding and showing -------------------------------------------------------------
    def action_search(self) -> None:
        """Find words in the statements, forward from the cursor; the box keeps the last words."""

        def find(query: str | None) -> None:
            if query:
                self.last_search = query
                self.action_search_again(1)

        self.app.push_screen(SearchModal(self.last_search), find)

    def action_search_again(self, step: int) -> None:
        """The next (1) or previous (-1) statement holding the words last searched for."""
        query = self.last_search
        if not query:
            self.notify("nothing searched yet: press / to find words", timeout=3, markup=False)
            return
        row = self.rows.find(self.statements.cursor, step, self.rows.matching(query)) if self.rows.ids else None
        if row is None:
            self.notify(f"no statement in the list contains {query!r}", timeout=3, markup=False)
        else:
            self.go(row)

    def action_filter(self) -> None:
        """Choose which statements the list shows."""

        def apply(key: str | None) -> None:
            if key is not None:
                self._rebuild(filter=key)

        self.app.push_screen(FilterModal(self.rows.filter), apply)

    def action_toggle_nonclaims(self) -> None:
        """Show or hide headings, page furniture and citations."""
        self._rebuild(show_all=not self.rows.show_all)

    def _rebuild(self, **change: object) -> None:
        keep = self.current
        self.rows.rebuild(**change)  # type: ignore[arg-type]
        self.statements.reset()
        row = self.rows.index_of(keep) if keep else None
        self.go(row if row is not None else 0)
        if not self.rows.ids:
            self.query_one(DetailPane).display = False
        else:
            self.query_one(DetailPane).display = True

    def action_export(self) -> None:
        """Export the review (the app owns writing)."""
        self.app.action_export()  # type: ignore[attr-defined]

    def action_help(self) -> None:
        """Show every key."""
        self.app.push_screen(HelpModal(self.BINDINGS, self.review.comparison.options.score_legend))

    async def action_quit(self) -> None:
        """Leave the app; every verdict is already recorded (the app asks first if a save failed)."""
        await self.app.action_quit()

    def update_status_line(self) -> None:
        """``N/M reviewed`` and the count per status, plus the filter in force (short when narrow)."""
        rows = self.rows
        narrow = self.size.width < 110
        counts = "  ".join(
            f"{badge.replace(' ', '')} {rows.counts[status]}" if narrow
            else f"[{badge}] {rows.counts[status]} {status.value}"
            for status, badge in _BADGES.items()
        )
        line = f" {rows.reviewed}/{rows.total} reviewed   {counts}"
        where = f"   row {self.statements.cursor + 1 if rows.ids else 0}/{len(rows.ids)}"
        if rows.filter:
            where += f" · showing {FILTERS[rows.filter]}"
        if rows.show_all:
            where += " · non-claims shown"
        if self.review.orphans:
            # Verdicts whose statement is gone after an edit stay in the session and exports.
            where += f" · {len(self.review.orphans)} orphaned (in exports)"
        problem = getattr(self.app, "save_problem", None)
        status = self.query_one("#status-line", Static)
        status.set_class(problem is not None, "-unsaved")
        text = Text()
        if problem:
            text.append(f" ⚠ {problem}  ·", style="bold")
        text.append(line + where)
        status.update(Text(text.plain, no_wrap=problem is None, overflow="ellipsis", spans=text.spans),
                      layout=problem is not None)
