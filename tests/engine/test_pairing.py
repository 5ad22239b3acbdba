"""Who is whose counterpart: a source claim that a derived claim takes up is never omitted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.engine.model import Role, Status
from tui.engine.pipeline import compare_files

PAIRS = Path(__file__).resolve().parents[1] / "data" / "pairs"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
REWRITES = [
    (SEEDS / "msc-covid-abstract.txt", SEEDS / "msc-covid-blog.txt"),
    (PAIRS / "vitamin-d-abstract.txt", PAIRS / "vitamin-d-sponsored.txt"),
    (PAIRS / "coffee-abstract.txt", PAIRS / "coffee-news.txt"),
    (SEEDS / "msc-covid-abstract.txt", PAIRS / "msc-news.txt"),
    (PAIRS / "fasting-abstract.txt", PAIRS / "fasting-press-release.txt"),
    (PAIRS / "omega-3-abstract.txt", PAIRS / "omega-3-blog.md"),
    (PAIRS / "acupuncture-abstract.txt", PAIRS / "acupuncture-news.txt"),
]


@pytest.mark.parametrize(("source", "derived"), REWRITES, ids=[d.stem for _, d in REWRITES])
def test_no_source_claim_is_omitted_that_a_derived_claim_took_up(source: Path, derived: Path) -> None:
    comparison = compare_files(source, derived)
    taken = {f.matches[0].id: f.statement.id for f in comparison.of(Role.DERIVED)
             if f.status in (Status.AGREEMENT, Status.DIVERGENCE)}
    omitted = {f.statement.id for f in comparison.of(Role.SOURCE) if f.status is Status.OMITTED}
    assert not {s: taken[s] for s in omitted & taken.keys()}, "omitted, yet a derived claim's counterpart"


def test_a_result_the_blog_misreports_is_taken_up_not_omitted() -> None:
    """Omega-3: "cut the risk of heart attack by 26%" (d9) takes the Results sentence (s5) as its
    counterpart, though s5's own candidates score under the threshold: s5 is matched, with the
    derived claim that takes it up first among its counterparts."""
    comparison = compare_files(PAIRS / "omega-3-abstract.txt", PAIRS / "omega-3-blog.md")
    by_id = comparison.by_id()
    results = next(f for f in comparison.of(Role.SOURCE) if f.statement.text.startswith("Results: Over a median"))
    assert results.status is not Status.OMITTED
    taker = by_id[results.matches[0].id]
    assert taker.statement.role is Role.DERIVED and taker.status in (Status.AGREEMENT, Status.DIVERGENCE)
    assert taker.matches[0].id == results.statement.id
