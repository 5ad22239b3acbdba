"""The HTML export: one self-contained page, derived and source side by side, in the app's colours.

The page is rendered by Jinja2 from ``templates/report.html.j2`` with autoescaping on; the
template never marks anything ``safe``, so every piece of document text, every path and every
note reaches the page as text, never as markup. The CSS is inline, there are no scripts and no
external resources (it opens offline and prints cleanly through ``@media print``).

Invariant: statuses are shown by colour *and* by a letter and symbol (:data:`BADGES`), so the
page reads the same in black and white and to readers who do not tell the colours apart.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from tui import __version__
from tui.engine.export.view import build_view, unmatched_words, verdict_words
from tui.engine.judge.wording import STATUS_MARKS, reason_words
from tui.engine.model import Comparison, Role, Status
from tui.engine.review import Review

BADGES: dict[Status, tuple[str, str]] = {status: (letter, symbol) for status, (symbol, letter) in STATUS_MARKS.items()}
"""The letter and symbol shown beside each status's colour (the marks of ``judge.wording``)."""

TEMPLATE = "report.html.j2"


@cache
def environment() -> Environment:
    """The Jinja2 environment over the package's templates, autoescaping everything."""
    env = Environment(
        loader=PackageLoader("tui.engine.export", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(badges=BADGES, reason_words=reason_words, verdict_words=verdict_words,
                       unmatched_words=unmatched_words)
    return env


def render_html(
    comparison: Comparison,
    review: Review | None = None,
    *,
    session_name: str | None = None,
    reviewed_on: date | None = None,
) -> str:
    """The comparison as one self-contained HTML page.

    Args:
        comparison: The engine's comparison.
        review: The reviewer's verdicts; None shows the engine's proposals alone.
        session_name: The session's name, shown in the header when given.
        reviewed_on: The date of review; today when None.

    Returns:
        The page, ending in a newline.
    """
    view = build_view(comparison, review, session_name=session_name, reviewed_on=reviewed_on)
    return environment().get_template(TEMPLATE).render(
        view=view, Role=Role, Status=Status, version=__version__
    )
