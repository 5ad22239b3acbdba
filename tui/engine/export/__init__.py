"""Renderers: each turns a comparison (and optionally the reviewer's verdicts) into a ``str``.

:func:`render` is the one entry point the CLI and the app call; it never touches the disk.
(``claimdiff compare`` writes a JSON report as the UTF-8 it is written in,
:func:`~tui.engine.export.report.render_json_utf8`: the same text, not decoded to be encoded again.)
Markdown, HTML and CSV share one merged view (``view.py``), so they agree on what is flagged;
JSON is the scorer's report contract plus a ``review`` block; ClaimReview is schema.org JSON-LD
for the claims the reviewer confirmed.

Invariant: :data:`FORMATS` and :data:`EXTENSIONS` name the same formats, and :func:`render`
accepts every one of them; with ``review=None`` every format shows the engine's proposals alone.
No control character leaves :func:`render` raw (``visible.py``): JSON escapes them as it is
written (``jsontext.py``), the others show them as symbols.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.engine.model import Comparison

if TYPE_CHECKING:
    from datetime import date

    from tui.engine.export.claimreview import Author
    from tui.engine.review import Review

FORMATS: tuple[str, ...] = ("markdown", "html", "json", "csv", "claimreview")
"""Formats :func:`render` knows, the first being the default."""

EXTENSIONS: dict[str, str] = {
    "markdown": ".md",
    "html": ".html",
    "json": ".json",
    "csv": ".csv",
    "claimreview": ".jsonld",
}
"""The usual file-name ending for each format."""


def render(
    fmt: str,
    comparison: Comparison,
    review: Review | None = None,
    *,
    session_name: str | None = None,
    reviewed_on: date | None = None,
    author: Author | None = None,
    indent: bool = False,
) -> str:
    """Render ``comparison`` (with ``review``'s verdicts merged over the proposals) as ``fmt``.

    Args:
        fmt: One of :data:`FORMATS`.
        comparison: The engine's comparison.
        review: The reviewer's verdicts; None renders the engine's proposals alone.
        session_name: The session's name, recorded where the format has a header.
        reviewed_on: The date of review (ClaimReview's ``datePublished``); today when None.
        author: ClaimReview's publisher; a placeholder Organization when None (other formats
            ignore it).
        indent: JSON and ClaimReview indented, two spaces per level; else compact (the other
            formats ignore it).

    Returns:
        The export as text.

    Raises:
        ValueError: an unknown format.
    """
    from tui.engine.export.visible import visible

    text = _render(fmt, comparison, review, session_name=session_name, reviewed_on=reviewed_on, author=author,
                   indent=indent)
    return text if fmt in ("json", "claimreview") else visible(text)  # JSON is escaped as written (jsontext)


def _render(
    fmt: str,
    comparison: Comparison,
    review: Review | None,
    *,
    session_name: str | None,
    reviewed_on: date | None,
    author: Author | None,
    indent: bool,
) -> str:
    if fmt == "markdown":
        from tui.engine.export.markdown import render_markdown

        return render_markdown(comparison, review, session_name=session_name, reviewed_on=reviewed_on)
    if fmt == "html":
        from tui.engine.export.html import render_html

        return render_html(comparison, review, session_name=session_name, reviewed_on=reviewed_on)
    if fmt == "json":
        from tui.engine.export.report import render_json

        return render_json(comparison, review, session_name=session_name, reviewed_on=reviewed_on, indent=indent)
    if fmt == "csv":
        from tui.engine.export.csv import render_csv

        return render_csv(comparison, review, session_name=session_name, reviewed_on=reviewed_on)
    if fmt == "claimreview":
        from tui.engine.export.claimreview import render_claimreview

        return render_claimreview(comparison, review, author=author, session_name=session_name, reviewed_on=reviewed_on,
                                  indent=indent)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
