"""The seeds ship inside the package, identical to the checkout's seeds/."""

from __future__ import annotations

from tests.conftest import SEEDS
from tui.engine.inputs.documents import seed_paths


def test_packaged_seeds_are_the_checkouts() -> None:
    source, derived = seed_paths()
    assert source.read_bytes() == (SEEDS / "msc-covid-abstract.txt").read_bytes()
    assert derived.read_bytes() == (SEEDS / "msc-covid-blog.txt").read_bytes()
