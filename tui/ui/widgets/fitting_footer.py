"""A footer whose key labels are shown whole or not at all.

Textual's footer clips the last label that does not fit (``/ Se``) when a terminal is
narrow. This one turns compact below :data:`COMPACT_BELOW` columns and hides, from the right,
every key that would not fit whole beside the command-palette key; ``?`` lists them all.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

COMPACT_BELOW = 120
"""Narrower than this, the labels drop their padding."""


class FittingFooter(Footer):
    """:class:`~textual.widgets.Footer` that never shows part of a label."""

    def compose(self) -> ComposeResult:
        """The footer's keys; they are fitted once laid out."""
        yield from super().compose()
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        """Fit the keys to the new width."""
        self.compact = self.size.width < COMPACT_BELOW
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Show the keys, left to right, while each fits whole; hide the rest."""
        keys = list(self.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        room = self.size.width - sum(_width(key) for key in palette)
        used, fits = 0, True
        for key in keys:
            if key in palette:
                continue
            width = _width(key)
            fits = fits and used + width <= room
            key.display = fits
            used += width if fits else 0


def _width(key: FooterKey) -> int:
    """The columns a key takes when shown: its label, its frame and its margin."""
    return key.render().cell_len + key.styles.gutter.width + key.styles.margin.width
