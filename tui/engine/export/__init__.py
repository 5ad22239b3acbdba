"""Renderers: each turns a comparison (and optionally the reviewer's verdicts) into a ``str``.

:func:`render` is the one entry point the CLI and the app call; it never touches the disk.
"""

from __future__ import annotations

from tui.engine.model import Comparison
from tui.engine.review import Review

FORMATS: tuple[str, ...] = ("markdown", "json")
"""Formats :func:`render` knows, the first being the default."""

EXTENSIONS: dict[str, str] = {"markdown": ".md", "json": ".json"}
"""The usual file-name ending for each format."""


def render(fmt: str, comparison: Comparison, review: Review | None = None, *, session_name: str | None = None) -> str:
    """Render ``comparison`` (with ``review``'s verdicts merged over the proposals) as ``fmt``.

    Raises:
        ValueError: an unknown format.
    """
    if fmt == "json":
        from tui.engine.export.report import render_json

        return render_json(comparison)
    if fmt == "markdown":
        from tui.engine.export.markdown import render_markdown

        return render_markdown(comparison)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
