"""Document text made safe to show, and the status labels the app uses (reasons are worded
by :mod:`tui.engine.judge.wording`, as in every export).

Invariant: :func:`literal` replaces characters one for one, so a span into a statement is
still a span into what the app shows; nothing here parses markup, and every widget builds
Rich ``Text``/Textual ``Content`` from these strings (never markup), so ``[bold]`` or
``[1]`` in a document is shown as typed.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from tui.engine.judge.wording import status_badge
from tui.engine.model import Status

_SAFE = {code: chr(0x2400 + code) for code in range(0x20)}
_SAFE.update({0x7F: "\u2421"})
_SAFE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_SAFE.update({code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)})
_KEEP_NEWLINES = {**_SAFE, 0x0A: "\n", 0x09: " ", 0x0D: " "}
_ONE_LINE = {**_SAFE, 0x0A: " ", 0x09: " ", 0x0D: " "}

STATUS_BADGES: dict[Status | None, str] = {status: status_badge(status) for status in (*Status, None)}
"""A symbol and a letter per status, so the list reads without colour (``judge.wording``)."""

STATUS_CLASSES: dict[Status | None, str] = {
    Status.AGREEMENT: "agree",
    Status.DIVERGENCE: "diverge",
    Status.UNSUPPORTED: "unsupported",
    Status.OMITTED: "omitted",
    None: "other",
}
"""The style-class suffix of each status (``-agree``…), matching the stylesheet variables."""


def literal(text: str) -> str:
    """``text`` with control characters, ANSI escapes and bidi overrides made visible.

    Newlines stay; tabs and carriage returns become spaces; the length never changes.
    """
    return text.translate(_KEEP_NEWLINES)


def one_line(text: str) -> str:
    """Like :func:`literal`, with line breaks turned into spaces (for list rows)."""
    return text.translate(_ONE_LINE)


def hanging(head: Text, body: Text) -> Table:
    """``head`` then ``body``, the lines ``body`` wraps to indented under its first one (a
    statement listed after its id and score reads as one block)."""
    row = Table.grid()
    row.add_column(width=head.cell_len, no_wrap=True)
    row.add_column(ratio=1)
    row.add_row(head, body)
    return row
