"""Rewrites of an abstract as news and sponsored posts: what claimdiff flags, statement by statement.

The pairs (``tests/data/pairs``, written for these tests) are not used to tune anything; they
hold the behaviour a reviewer expects on pages the seed pair does not show.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.engine.model import Comparison, Finding, Kind, ReasonCode, Status
from tui.engine.pipeline import compare_files

PAIRS = Path(__file__).resolve().parents[1] / "data" / "pairs"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def finding(comparison: Comparison, opening: str) -> Finding:
    found = [f for f in comparison.findings if f.statement.text.startswith(opening)]
    assert found, f"no statement opens with {opening!r}"
    return found[0]


def reasons(comparison: Comparison, opening: str) -> set[ReasonCode]:
    return {r.code for r in finding(comparison, opening).reasons}


@pytest.fixture(scope="module")
def vitamin_d() -> Comparison:
    return compare_files(PAIRS / "vitamin-d-abstract.txt", PAIRS / "vitamin-d-sponsored.txt")


@pytest.fixture(scope="module")
def coffee() -> Comparison:
    return compare_files(PAIRS / "coffee-abstract.txt", PAIRS / "coffee-news.txt")


@pytest.fixture(scope="module")
def msc_news() -> Comparison:
    return compare_files(SEEDS / "msc-covid-abstract.txt", PAIRS / "msc-news.txt")


def test_sponsored_post_numbers_and_negations(vitamin_d: Comparison) -> None:
    assert ReasonCode.NUMBER in reasons(vitamin_d, "Infections fell to 21%")
    # "did not reduce" → "reduced" is a negation dropped, not a change of certainty
    assert reasons(vitamin_d, "Vitamin D also reduced hospital") == {ReasonCode.NEGATION}
    # against "did not significantly reduce": it read "the source says this is not yet certain
    # (“significantly”)", where the source denies what the post says it proved
    assert reasons(vitamin_d, "A major clinical trial of 1,250") == {ReasonCode.NEGATION}
    assert finding(vitamin_d, "Vitamin D slashes winter infections").statement.kind is Kind.CLAIM
    for furniture in ("Posted on March 3", "Order SunVita", "Subscribe to our newsletter", "© 2023 SunVita"):
        assert finding(vitamin_d, furniture).statement.kind is Kind.BOILERPLATE
    assert finding(vitamin_d, "Effect of vitamin D3 supplementation").statement.kind is Kind.HEADING


def test_news_story_cause_scope_and_numbers(coffee: Comparison) -> None:
    # Against "may protect" it is certainty; against the cohort's "was associated with" (the
    # learned ranker's pick: it shares "three cups"), it is causality. Either is the change.
    assert {ReasonCode.CERTAINTY, ReasonCode.CAUSALITY} & reasons(coffee, "Three cups of coffee a day protects")
    assert ReasonCode.CERTAINTY in reasons(coffee, "The findings show that coffee")
    assert ReasonCode.NUMBER in reasons(coffee, "People who drank three or more cups")
    assert ReasonCode.SCOPE in reasons(coffee, "Caffeine also reduced scarring")
    assert finding(coffee, "Randomized trials are needed").status is Status.OMITTED


def test_news_story_of_the_seed_abstract(msc_news: Comparison) -> None:
    assert finding(msc_news, "Stem cell infusions cut COVID deaths").statement.kind is Kind.CLAIM
    assert ReasonCode.CERTAINTY in reasons(msc_news, "Doctors have finally found")
    assert ReasonCode.CERTAINTY in reasons(msc_news, "Umbilical cord stem cell infusions have been shown")
    assert ReasonCode.CAVEAT in reasons(msc_news, "The treatment also improves survival")
    for furniture in ("By Jane Miller", "Share on Facebook", "We use cookies", "Sign up for our daily"):
        assert finding(msc_news, furniture).statement.kind is Kind.BOILERPLATE


def test_press_release_body_under_a_contact_line_stays_claims() -> None:
    comparison = compare_files(PAIRS / "fasting-abstract.txt", PAIRS / "fasting-press-release.txt")
    assert finding(comparison, "Media contact:").statement.kind is Kind.BOILERPLATE
    for claim in ("Eating only within an eight-hour window", "The team found that", "The researchers studied 240"):
        assert finding(comparison, claim).statement.kind is Kind.CLAIM
    assert finding(comparison, "The study was funded").statement.kind is Kind.BOILERPLATE  # under "Notes to editors"
    # "improved blood sugar control by 40%" is the paper's 18% result inflated, and its hedged
    # reading ("might improve …, although whether this applies to humans remains unknown") is shown
    found = finding(comparison, "The team found that")
    assert found.status is Status.DIVERGENCE and ReasonCode.NUMBER in reasons(comparison, "The team found that")
    texts = {f.statement.id: f.statement.text for f in comparison.findings}
    assert any(texts[m.id].startswith("These results suggest") for m in found.matches)


def test_markdown_blog_against_a_null_trial() -> None:
    comparison = compare_files(PAIRS / "omega-3-abstract.txt", PAIRS / "omega-3-blog.md")
    assert ReasonCode.NEGATION in reasons(comparison, "- Omega-3 supplements **prevent heart attacks**")
    for furniture in ("*Reviewed by Dr. Sam Lee", "[Home](", "*Disclaimer:"):
        assert finding(comparison, furniture).statement.kind is Kind.BOILERPLATE
    assert finding(comparison, "- Omega-3 supplements **prevent heart attacks**").statement.kind is Kind.CLAIM


def test_wellness_story_of_a_pilot_trial() -> None:
    comparison = compare_files(PAIRS / "acupuncture-abstract.txt", PAIRS / "acupuncture-news.txt")
    assert {ReasonCode.SCOPE, ReasonCode.CERTAINTY, ReasonCode.CAVEAT} <= reasons(comparison, "Acupuncture cures migraines")
    eliminated = reasons(comparison, "Scientists found that 12 sessions")
    assert ReasonCode.CERTAINTY in eliminated and ReasonCode.NUMBER not in eliminated  # 30 patients is not 8 weeks
    for furniture in ("Photo: Getty Images", "About the author:", "Read more:", "Skip to main page content"):
        assert finding(comparison, furniture).statement.kind is Kind.BOILERPLATE
    assert finding(comparison, "The difference was not statistically significant.").status is Status.OMITTED


def test_news_story_that_retells_each_result_in_other_words() -> None:
    comparison = compare_files(PAIRS / "steps-abstract.txt", PAIRS / "steps-news.txt")
    # the same figures tie a retold result to its sentence, though the words score under the threshold
    for opening in ("Walking 8,000 steps a day cuts", "Researchers tracked nearly 5,000 adults"):
        retold = finding(comparison, opening)
        assert retold.status is not Status.UNSUPPORTED, opening
        assert max(m.score for m in retold.matches) < comparison.options.match_threshold
    for opening in ("Researchers tracked nearly 5,000 adults", "Taking 12,000 steps slashed"):
        assert ReasonCode.NUMBER not in reasons(comparison, opening), opening  # 51% and 65%: HRs of 0.49, 0.35
    assert ReasonCode.CAUSALITY in reasons(comparison, "Walking 8,000 steps a day cuts")
    assert ReasonCode.CAUSALITY in reasons(comparison, "Taking 12,000 steps slashed")
    assert ReasonCode.ADVICE in reasons(comparison, "\"Everyone should aim for at least 8,000 steps")
    # a year, or a figure under 100, ties nothing
    assert finding(comparison, "Forget the gym").status is Status.UNSUPPORTED
