"""The list of statements: one line each, virtualised, so 10k rows cost what 30 do.

Invariant: the widget renders only the visible lines (Line API over ``ScrollView``) and a
cursor move repaints two lines, never the list. It reads rows and statuses from
:class:`~tui.ui.rows.Rows` (and through it the ``Review``); it holds no verdicts. It takes no
focus and has no bindings, so every key reaches the screen (textual#4637).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.ui.rows import Rows
from tui.ui.text import STATUS_BADGES, STATUS_CLASSES, one_line

_BADGE_CLASSES = {status: f"statement-list--{name}" for status, name in STATUS_CLASSES.items()}


class StatementList(ScrollView, can_focus=False):
    """Statements in review order, each with a status badge, a reviewed mark and its text."""

    inherit_bindings = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "statement-list--cursor",
        "statement-list--reviewed",
        "statement-list--id",
        "statement-list--muted",
        *_BADGE_CLASSES.values(),
    }

    DEFAULT_CSS = """
    StatementList { height: 1fr; }
    """

    @dataclass
    class Clicked(Message):
        """The reviewer clicked a row."""

        row: int

    def __init__(self, rows: Rows, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows
        self.cursor = 0
        """The current row."""
        self._cache: dict[tuple[str, int, bool], Strip] = {}
        self._styles: dict[str, Style] | None = None

    def on_mount(self) -> None:
        """Size the virtual canvas to the rows."""
        self.reset()

    def reset(self) -> None:
        """Re-read the rows after a rebuild (filter, non-claims): one full repaint."""
        self._cache.clear()
        self.cursor = min(self.cursor, max(len(self.rows.ids) - 1, 0))
        self.virtual_size = Size(self.size.width, len(self.rows.ids))
        self.refresh()

    def forget(self, statement_id: str) -> None:
        """Repaint the row of one statement (its verdict changed)."""
        for key in [k for k in self._cache if k[0] == statement_id]:
            del self._cache[key]
        row = self.rows.index_of(statement_id)
        if row is not None:
            self.refresh_line(row)

    def move_to(self, row: int) -> None:
        """Put the cursor on ``row`` and scroll just enough to show it."""
        if not self.rows.ids:
            return
        row = max(0, min(row, len(self.rows.ids) - 1))
        old, self.cursor = self.cursor, row
        top, height = round(self.scroll_offset.y), max(self.size.height, 1)
        if abs(row - old) > 1 and not top <= row < top + height:
            self.scroll_to(y=max(row - height // 2, 0), animate=False, immediate=True)  # a jump: centre it
        elif row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)
        self.refresh_line(old)
        self.refresh_line(row)

    def on_resize(self, event: events.Resize) -> None:
        """Widths changed: cached lines are stale."""
        self._cache.clear()
        size = Size(event.size.width, len(self.rows.ids))
        if size != self.virtual_size:
            self.virtual_size = size

    def notify_style_update(self) -> None:
        """The theme or stylesheet changed: styles and lines are stale."""
        super().notify_style_update()
        self._styles = None
        self._cache.clear()

    def on_click(self, event: events.Click) -> None:
        """A click selects the row under the pointer."""
        row = event.y + round(self.scroll_offset.y)
        if 0 <= row < len(self.rows.ids):
            self.post_message(self.Clicked(row))

    def render_line(self, y: int) -> Strip:
        """One visible line: the row at ``y`` below the scroll position."""
        row = y + round(self.scroll_offset.y)
        width = self.size.width
        if row >= len(self.rows.ids):
            return Strip.blank(width, self.rich_style)
        sid = self.rows.ids[row]
        key = (sid, width, row == self.cursor)
        strip = self._cache.get(key)
        if strip is None:
            if len(self._cache) > 4096:
                self._cache.clear()
            strip = self._cache[key] = self._line(sid, width, row == self.cursor)
        return strip

    def _style(self, name: str) -> Style:
        if self._styles is None:
            self._styles = {n: self.get_component_rich_style(n, partial=True) for n in self.COMPONENT_CLASSES}
        return self._styles[name]

    def _line(self, sid: str, width: int, selected: bool) -> Strip:
        review = self.rows.review
        finding = review.finding(sid)
        status = review.status(sid)
        verdict = review.verdict(sid)
        base = self.rich_style + (self._style("statement-list--cursor") if selected else Style())
        text_style = base if finding.status is not None else base + self._style("statement-list--muted")
        mark = ("✓" if verdict.status else " ") + ("✎" if verdict.note else " ")
        segments = [
            Segment(" " + STATUS_BADGES[status] + " ", base + self._style(_BADGE_CLASSES[status])),
            Segment(mark, base + self._style("statement-list--reviewed")),
            Segment(f"{sid:>6} ", base + self._style("statement-list--id")),
            Segment(one_line(finding.statement.text), text_style),
        ]
        return Strip(segments).crop_extend(0, width, base)
