"""Shared fixtures: the seed pair and the ../shared folder beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_pair() -> tuple[Path, Path]:
    """(source abstract, derived blog post) in the checkout's seeds/."""
    return SEEDS / "msc-covid-abstract.txt", SEEDS / "msc-covid-blog.txt"


@pytest.fixture
def shared() -> Path:
    """The ../shared folder; the test is skipped when it is absent (a user's clone)."""
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("../shared is not beside the checkout (it is only there in CI)")
    return SHARED
