"""The CSV export: one row per derived claim and per omitted source statement, for spreadsheets.

Columns: ``id, doc, status, reviewer_status, reasons, score, confidence, text, counterpart_text, note,
grounds`` (what an agreement rests on, :attr:`~tui.engine.model.Finding.grounds`; last, so that
the earlier columns keep their places).
``status`` is claimdiff's proposal, ``reviewer_status`` the reviewer's (empty until reviewed).
Rows: every derived *claim* in document order (headings, page furniture and citations are left
out: they carry no status), then the source claims that are omitted by the proposal or by the
reviewer, dropped caveats first.

Invariant: no cell starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; such a
cell gets a leading ``'`` (OWASP's advice against CSV formula injection), so a spreadsheet
shows the text and never evaluates it. Quoting is the ``csv`` module's (RFC 4180, CRLF rows).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from tui.engine.export.view import Item, build_view
from tui.engine.model import Comparison
from tui.engine.review import Review

COLUMNS: tuple[str, ...] = (
    "id",
    "doc",
    "status",
    "reviewer_status",
    "reasons",
    "score",
    "confidence",
    "text",
    "counterpart_text",
    "note",
    "grounds",
)
"""The header row, in order."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters a spreadsheet may read as the start of a formula."""


def render_csv(
    comparison: Comparison,
    review: Review | None = None,
    *,
    session_name: str | None = None,
    reviewed_on: date | None = None,
) -> str:
    """The comparison as CSV text with a header row.

    Args:
        comparison: The engine's comparison.
        review: The reviewer's verdicts; None leaves ``reviewer_status`` and ``note`` empty.
        session_name: Unused (CSV has no header block); accepted so every renderer takes the
            same arguments.
        reviewed_on: Unused, as ``session_name``.

    Returns:
        CSV text, rows ended by CRLF.
    """
    view = build_view(comparison, review, session_name=session_name, reviewed_on=reviewed_on, marks=False)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for item in (*view.derived, *view.omitted):
        writer.writerow([neutralise(cell) for cell in _row(item)])
    return buffer.getvalue()


def neutralise(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would read as a formula.

    Args:
        cell: The cell's text.

    Returns:
        ``cell`` unchanged, or ``"'" + cell`` when it starts with one of :data:`FORMULA_STARTS`.
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _row(item: Item) -> list[str]:
    reasons = "; ".join(r.code.value + (f" ({r.direction.value})" if r.direction else "") for r in item.reasons)
    return [
        item.statement.id,
        item.statement.role.value,
        item.proposed.value if item.proposed else "",
        item.reviewer_status.value if item.reviewer_status else "",
        reasons,
        f"{item.score:.1f}" if item.score is not None else "",
        f"{item.finding.confidence:.2f}" if item.finding.confidence is not None else "",
        item.statement.text,
        item.counterpart.text if item.counterpart else "",
        item.note,
        item.grounds,
    ]
