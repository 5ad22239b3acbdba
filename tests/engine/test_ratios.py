"""A ratio statistic read as the relative change a press release makes of it."""

from __future__ import annotations

from tui.engine.judge.quantity import Quantity, quantities
from tui.engine.judge.ratios import ratio_changes, value_moves
from tui.engine.model import Document, ReasonCode, Role, Status
from tui.engine.pipeline import compare

PAPER = "Patients treated with tocilizumab had a lower risk of death (HR, 0.71; 95% CI, 0.56-0.92).\n"


def test_a_ratio_is_also_the_relative_change_it_implies() -> None:
    assert Quantity(29.0, "=", unit="%", also=0.71, implied=True) in quantities(PAPER)
    assert [(r, c) for r, c, _ in ratio_changes("odds ratio (or) 1.35, 95% ci 1.1-1.6")] == [(1.35, 35.0)]
    assert [(r, c) for r, c, _ in ratio_changes("an adjusted hazard ratio of 0.80 and (aor 0.62")] == [(0.8, 20.0),
                                                                                                     (0.62, 38.0)]
    # the statistic named for an outcome before its value, as many trial reports write it
    assert [(r, c) for r, c, _ in ratio_changes("the hazard ratio for heart attack alone was 0.74 (95% ci, 0.60 to "
                                                "0.91)")] == [(0.74, 26.0)]
    assert [(r, c) for r, c, _ in ratio_changes("an odds ratio for death of 1.9, and hr for stroke was 0.8")] == [
        (1.9, 90.0), (0.8, 20.0)]
    # hours, a conjunction and a ratio of one are not ratio statistics
    for text in ("took 24 hr 0.5 mg doses", "1 or 2 doses", "hr, 1.00", "the or 1.5 entry"):
        assert not ratio_changes(text), text


def test_a_press_release_s_percentage_is_borne_out_by_the_paper_s_ratio() -> None:
    source = Document("paper.txt", PAPER, "x", "utf-8")
    for claim, status in (("29% less likely", Status.AGREEMENT), ("40% less likely", Status.DIVERGENCE)):
        derived = Document("news.txt", f"Patients given tocilizumab were {claim} to die.\n", "y", "utf-8")
        (finding,) = compare(source, derived).of(Role.DERIVED)
        numbers = [r for r in finding.reasons if r.code is ReasonCode.NUMBER]
        assert finding.status is status, claim
        assert bool(numbers) is (status is Status.DIVERGENCE)
        assert all("40%" in (r.detail or "") for r in numbers)


def test_the_paper_s_ratio_is_borne_out_by_a_percentage_too() -> None:
    # the documents swapped: a review checking a paper against the release it cites
    release = Document("news.txt", "Patients given tocilizumab had a 29% lower risk of death.\n", "x", "utf-8")
    paper = Document("paper.txt", PAPER, "y", "utf-8")
    (finding,) = compare(release, paper).of(Role.DERIVED)
    assert not [r for r in finding.reasons if r.code is ReasonCode.NUMBER]


def test_a_ratio_s_change_bears_out_no_bound_nor_share() -> None:
    from tui.engine.judge.amounts import Numbers, bears

    found = quantities("an odds ratio of 1.9 (95% CI, 1.4-2.6)")
    for claim, borne in (("90% higher odds", True), ("about 90% more likely", True), ("more than half", False),
                         ("over 80% higher", False)):
        (claimed,) = [q for q in quantities(claim) if q.unit == "%"]
        assert bears(found, claimed) is Numbers(found).bears(claimed) is borne, claim


def test_a_move_between_percentages_is_also_its_size_in_points_and_relative() -> None:
    found = quantities("The share of adults who smoke fell from 20% to 15% between 2010 and 2020.")
    assert Quantity(5.0, "=", unit="pp", implied=True) in found
    assert Quantity(25.0, "=", unit="%", implied=True) in found
    source = Document("paper.txt", "The share of adults who smoke fell from 20% to 15% between 2010 and 2020.\n",
                      "x", "utf-8")
    for change, borne in (("by 5 percentage points", True), ("by 25%", True), ("by 8 percentage points", False),
                          ("by 40%", False)):
        derived = Document("news.txt", f"The share of adults who smoke fell {change} between 2010 and 2020.\n",
                           "y", "utf-8")
        (finding,) = compare(source, derived).of(Role.DERIVED)
        assert (not [r for r in finding.reasons if r.code is ReasonCode.NUMBER]) is borne, change


def test_a_move_between_amounts_is_also_its_difference_and_its_size() -> None:
    assert [(d, round(r or 0, 1)) for d, r, _ in value_moves("hba1c fell from 8.2 to 7.1 mmol/l")] == [(1.1, 13.4)]
    assert [d for d, _, _ in value_moves("it was lowered from 140 mmhg to 120 mmhg")] == [20.0]
    # a range, two years, and a move in per cent (percent_moves reads those) are no such move
    for text in ("recovery ranged from 3 to 5 days", "cases rose from 2010 to 2015",
                 "support fell from 50 percent to 37 percent"):
        assert not value_moves(text), text


def test_a_news_story_s_difference_is_borne_out_by_the_paper_s_move() -> None:
    source = Document("paper.txt", "Systolic blood pressure fell from 140 to 120 mmHg after 12 weeks.\n", "x", "utf-8")
    for claim, status in (("by 20 mmHg", Status.AGREEMENT), ("by 14%", Status.AGREEMENT),
                          ("by 30 mmHg", Status.DIVERGENCE)):
        derived = Document("news.txt", f"Systolic blood pressure fell {claim} after 12 weeks.\n", "y", "utf-8")
        (finding,) = compare(source, derived).of(Role.DERIVED)
        assert finding.status is status, claim


def test_two_groups_percentages_are_also_their_difference_as_a_release_states_it() -> None:
    from tui.engine.judge.ratios import group_differences

    trial = "Heart attacks occurred in 1.0% of the treatment group and 2.0% of the placebo group."
    assert [d[:3] for d in group_differences(trial.lower())] == [(1.0, 50.0, 100.0)]
    assert not group_differences("31% (95% ci 20 to 40) and no other share")  # an interval's level pairs with nothing
    source = Document("paper.txt", trial + "\n", "x", "utf-8")
    for claim, borne in (("cut heart attacks by 50%", True), ("cut heart attacks by 1 percentage point", True),
                         ("cut heart attacks by 80%", False)):
        derived = Document("news.txt", f"The drug {claim}.\n", "y", "utf-8")
        (finding,) = compare(source, derived).of(Role.DERIVED)
        assert (ReasonCode.NUMBER not in {r.code for r in finding.reasons}) is borne, claim


def test_a_worked_out_change_is_borne_out_rounded_as_the_claim_writes_it() -> None:
    from tui.engine.judge.amounts import bears

    found = quantities("Infections occurred in 31% of the vitamin D group versus 34% of the placebo group.")
    for claim, borne in (("by 9%", True), ("by 8.8%", True), ("by 8.9%", False), ("by 12%", False)):
        (claimed,) = quantities(claim)
        assert bears(found, claimed) is borne, claim


def test_a_multiple_in_words_is_about_that_many_times_and_checked_against_the_ratio() -> None:
    assert [(q.value, q.bound) for q in quantities("Smoking doubles the risk; it tripled, and more than twice")] == [
        (2.0, "~"), (3.0, "~"), (2.0, ">")]
    for ratio, claim, borne in (("2.1", "doubles", True), ("1.3", "doubles", False), ("2.9", "triples", True),
                                ("1.3", "is twice", False)):
        source = Document("paper.txt", f"Smokers had a higher risk of severe disease (odds ratio {ratio}).\n", "x", "utf-8")
        derived = Document("news.txt", f"Smoking {claim} the risk of severe disease.\n", "y", "utf-8")
        (finding,) = compare(source, derived).of(Role.DERIVED)
        assert (ReasonCode.NUMBER not in {r.code for r in finding.reasons}) is borne, (ratio, claim)
