"""Fixtures for the app tests: a small pair with every status, and a helper that waits for
the comparison worker so a test starts on the review screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.ui.app import ReviewApp
from tui.ui.screens.review_screen import ReviewScreen

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def small_pair() -> tuple[Path, Path]:
    """A tiny pair whose comparison has an agreement, a divergence, an unsupported claim,
    omitted source claims, a heading and page furniture."""
    return DATA / "small-source.txt", DATA / "small-derived.txt"


@pytest.fixture
def markup_pair() -> tuple[Path, Path]:
    """Documents full of Rich markup, ANSI escapes, control and bidi characters."""
    return DATA / "markup-source.txt", DATA / "markup-derived.txt"


@pytest.fixture
def seed_files() -> tuple[Path, Path]:
    """The seed pair in the checkout."""
    return SEEDS / "msc-covid-abstract.txt", SEEDS / "msc-covid-blog.txt"


async def ready(pilot: Pilot[None], timeout: float = 10.0) -> ReviewScreen:
    """Wait until the comparison is done and the review screen is up; return it."""
    app = pilot.app
    assert isinstance(app, ReviewApp)
    for _ in range(int(timeout * 100)):
        if isinstance(app.screen, ReviewScreen):
            await pilot.pause()
            return app.screen
        await pilot.pause(0.01)
    raise AssertionError(f"the review screen never came up (failure: {app.failure})")
