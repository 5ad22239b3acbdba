"""The learned decision: its signals, its weights file, and how it settles a matched claim."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tui.engine.judge.amounts import holds
from tui.engine.judge.decide import WEIGHED, Decision, settle, shipped
from tui.engine.judge.explain import explain, grounds
from tui.engine.judge.numbers import values
from tui.engine.judge.quantity import Quantity, quantities
from tui.engine.judge.rows import SLOTS, difference_slots, slot_value
from tui.engine.judge.signals import NAMES, difference, directions, measure, spelled_out, unborne
from tui.engine.model import (
    Candidate,
    Direction,
    Document,
    Finding,
    Kind,
    Reason,
    ReasonCode,
    Role,
    Statement,
    Status,
)
from tui.engine.pipeline import compare

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"


def statement(text: str, role: Role, number: int = 1) -> Statement:
    prefix = "s" if role is Role.SOURCE else "d"
    return Statement(f"{prefix}{number}", role, number - 1, 0, len(text), text, Kind.CLAIM)


def test_numbers_are_read_with_their_bounds() -> None:
    assert quantities("Westlife made under 23.5 million sales") == [Quantity(23.5e6, "<")]
    assert quantities("more than 24 million combined sales in 2019") == [Quantity(24e6, ">"), Quantity(2019, "y")]
    assert quantities("COVID-19 and IL-6 rose in two weeks") == [Quantity(2.0, "=", measured=("time", 14.0, 7.0))]
    assert not holds(Quantity(23.5e6, "<"), 24e6)
    assert holds(Quantity(17.5e6, "<"), 17.084e6)
    assert holds(Quantity(100.0, "~"), 110.0)


def test_a_claimed_number_is_checked_against_the_source_value_it_restates() -> None:
    # The nearest value in magnitude, not any value of the sentence, and never a year.
    gross = "The film grossed a total of $1,272,790; it opened in two theaters and grossed $61,560."
    assert measure("The film has grossed less than $1.25 million.", gross)["numbers_unmatched"] == 1.0
    cases = "As of 14 March 2020 there are currently 21 cases, 18 in Republika Srpska."
    assert measure("There are more than 22 cases in Bosnia.", cases)["numbers_unmatched"] == 1.0
    reviews = "The film holds a rating of 28%, based on 88 reviews."
    assert measure("The film has a rating of 28% with more than 87 reviews.", reviews)["numbers_unmatched"] == 0.0


def test_a_claimed_number_is_looked_for_in_the_whole_source_too() -> None:
    page = ("Starbucks will open a store in Baku.", "The chain was founded in 1971 and has 30,000 stores.")
    claim = "Starbucks, founded in 1971, will open a store in Baku."
    assert measure(claim, page[0])["numbers_nowhere"] == 1.0  # the matched statement has no 1971
    assert measure(claim, page[0], document=page)["numbers_nowhere"] == 0.0  # another one has
    assert measure("In 2014 Starbucks will open a store in Baku.", page[0], document=page)["numbers_nowhere"] == 1.0
    before = "Starbucks, founded before 1980, has 30,000 stores and will open a store in Baku."
    assert measure(before, page[0], document=page)["numbers_nowhere"] == 0.0


def test_a_comparison_reads_a_claimed_number_against_every_source_statement() -> None:
    # a decision that calls a pair a divergence exactly when a claimed number is nowhere in the source
    nowhere = np.zeros(len(NAMES))
    nowhere[NAMES.index("numbers_nowhere")] = 100.0
    decision = Decision(nowhere, np.zeros(SLOTS), -50.0)
    source = Document("source.txt", "Starbucks will open a store in Baku.\n\nThe chain was founded in 1971.\n",
                      "x", "utf-8")
    for year, status in (("1971", Status.AGREEMENT), ("1972", Status.DIVERGENCE)):
        derived = Document("derived.txt", f"Starbucks, founded in {year}, will open a store in Baku.\n", "y", "utf-8")
        [claim] = compare(source, derived, decision=decision).of(Role.DERIVED)
        assert claim.status is status


def test_a_number_in_a_heading_or_dateline_bears_out_no_claim() -> None:
    """Only the source's claims bear out a number: a page's dateline dates the page."""
    nowhere = np.zeros(len(NAMES))
    nowhere[NAMES.index("numbers_nowhere")] = 100.0
    decision = Decision(nowhere, np.zeros(SLOTS), -50.0)
    text = "Starbucks news, 19 May 1971\n\nStarbucks will open a store in Baku.\n\nThe chain has 30,000 stores.\n"
    source = Document("source.txt", text, "x", "utf-8")
    derived = Document("derived.txt", "Starbucks, founded in 1971, will open a store in Baku.\n", "y", "utf-8")
    comparison = compare(source, derived, decision=decision)
    assert comparison.of(Role.SOURCE)[0].statement.kind is Kind.HEADING
    [claim] = comparison.of(Role.DERIVED)
    assert claim.status is Status.DIVERGENCE


def test_an_antonym_between_the_two_sides_is_found() -> None:
    diff = difference("COVID-19 is associated with a low inflammatory burden.",
                      "COVID-19 is associated with a high inflammatory burden.")
    assert diff.flipped == ("low", "high")
    signals = measure("COVID-19 is associated with a low inflammatory burden.",
                      "COVID-19 is associated with a high inflammatory burden.")
    assert signals["antonym"] == 1.0 and set(signals) == set(NAMES)


@pytest.mark.parametrize(("derived", "source", "flipped"), [
    ("The drug did not improve survival.", "The drug improved survival in the trial.", "shared"),
    ("Airflow that is not fresh can assist the spread of COVID-19.",
     "The airflow direction was consistent with droplet transmission.", "own"),
    ("The drug improved survival.", "The drug did not improve survival.", "shared"),
    ("The drug didn’t improve survival.", "The drug improved survival in the trial.", "shared"),
    ("The paper said the virus jumped from mink to humans.",
     "It did not mention its funding; the virus jumped from mink to humans.", "own"),
])
def test_a_negation_is_read_with_what_it_denies(derived: str, source: str, flipped: str) -> None:
    """A negation only one side has flips the claim when it denies what both say ("shared");
    denying words only its own side has ("own"), it is an aside."""
    signals = measure(derived, source)
    other = "own" if flipped == "shared" else "shared"
    assert signals[f"negation_differs_{flipped}"] == 1.0 and signals[f"negation_differs_{other}"] == 0.0
    side = "derived" if "not" in derived or "n’t" in derived else "source"
    assert signals[f"negation_{side}_{flipped}"] == 1.0 and signals[f"negation_{side}_{other}"] == 0.0
    same = measure("The drug did not improve survival.", "The drug did not improve survival at all.")
    assert same["negation_differs_shared"] == same["negation_differs_own"] == 0.0


@pytest.mark.parametrize(("derived", "source"), [
    ("Jones is recorded as having enlisted at Woodstock early in World War I.",
     "David enlisted with Jones into the 4th Welsh, and was posted to France late in 1916."),
    ("The majority of coronaviruses have a winter seasonality.",
     "Most coronaviruses exhibit winter seasonality, and persist in a minority of infected animals."),
])
def test_an_antonym_said_of_something_else_is_no_flip(derived: str, source: str) -> None:
    """Both sides must say the two words of the same thing (a content word within three words
    of each); said of the same thing, the pair still flips."""
    assert difference(derived, source).flipped is None
    assert measure(derived, source)["antonym"] == 0.0


@pytest.mark.parametrize(("derived", "source"), [
    ("The first legs were played on March 6–7, and the second legs were played on March 13–14, 2018.",
     "The second leg quarterfinals will be played the following week, March 13-14."),
    ("Symptomatic pregnant and nonpregnant women with COVID-19 reported similar frequencies of cough.",
     ("Among women with COVID-19, pregnant women are at the same risk of being hospitalized as women who are "
      "not pregnant.")),
    ("This process is triggered when a female employee or applicant requests an accommodation.",
     "The act provides protections to female employees and applicants for employment."),
])
def test_a_claim_that_names_both_words_of_a_pair_flips_neither(derived: str, source: str) -> None:
    """"Pregnant and nonpregnant women" against "pregnant women" changes no word into its
    opposite: the claim keeps the source's word beside the other one. It sets one against the
    other, which the source does not: a contrast, a reading of its own."""
    there, back = difference(derived, source), difference(source, derived)
    assert there.flipped is None and back.flipped is None
    assert (there.contrasted or back.contrasted) is not None
    assert measure(derived, source)["antonym"] == measure(source, derived)["antonym"] == 0.0
    assert 1.0 in (measure(derived, source)["antonym_contrast"], measure(source, derived)["antonym_contrast"])
    plain = ("COVID-19 is associated with a low inflammatory burden.",
             "COVID-19 is associated with a high inflammatory burden.")
    assert measure(*plain)["antonym"] == 1.0 and measure(*plain)["antonym_contrast"] == 0.0
    assert difference("Most infections were mild in older adults.",
                      "Most infections were severe in older adults.").flipped == ("mild", "sever")


def test_a_number_reason_names_only_figures_the_whole_source_lacks() -> None:
    source = ("Births fell in the 3 months after peak mortality. "
              "This paper examines births in 19 states during the 1918 pandemic.\n")
    derived = "In 1918, U.S. birthrates stayed level in the first three months.\n"
    numbers = Decision(np.eye(len(NAMES))[NAMES.index("numbers_unmatched")] * 50.0, np.zeros(SLOTS), -1.0)
    comparison = compare(Document("s.txt", source, "x", "utf-8"), Document("d.txt", derived, "y", "utf-8"), decision=numbers)
    claim = next(f for f in comparison.findings if f.statement.role is Role.DERIVED)
    counterpart = comparison.by_id()[claim.matches[0].id].statement.text
    assert counterpart.startswith("This paper") and "three" in unborne(claim.statement.text, counterpart)
    assert claim.status is Status.DIVERGENCE and claim.reasons[0].code is ReasonCode.CONTENT  # "three" is there
    assert "u" not in claim.reasons[0].detail.removeprefix("adds ").split(", ")
    alone = explain(numbers.judge(claim.statement.text, counterpart), claim.statement.text, counterpart)
    assert alone.code is ReasonCode.NUMBER and alone.detail.startswith("three")  # that statement alone lacks it


@pytest.mark.parametrize(("derived", "source"), [
    ("Moran had less than 1.2 million subscribers in August 2016.", "Moran's channel has over 1 million subscribers."),
    ("After 2018 there were more than 20 safety car deployments.", "Every race had at least one safety car."),
    ("Limit travel to countries with many cases to reduce the spread.", "Travel to tropical countries is increasing."),
    ("Airborne transmission is highly virulent and the dominant route to spread the disease.",
     "Masks are a means of reducing the transmission of the virus."),
])
def test_a_bound_or_a_direction_said_of_something_else_is_no_flip(derived: str, source: str) -> None:
    """"Less than 1.2 million" bounds an amount; "reduce the spread" and "travel is increasing"
    are said of two things; "highly virulent" says how virulent, not that anything rose. Said
    of one thing, the pair still flips."""
    assert directions(derived, source) is None
    assert measure(derived, source)["direction_flip"] == 0.0
    flipped = ("Masks reduced the spread of the virus.", "Masks increased the spread of the virus.")
    assert directions(*flipped) == ("reduced", "increased") and measure(*flipped)["direction_flip"] == 1.0


def test_the_shipped_decision_reads_back_and_refuses_other_signals() -> None:
    decision = shipped()
    assert decision.slots.shape == (SLOTS,) and decision.named.shape == (len(NAMES),)
    again = Decision.from_bytes(decision.to_bytes())
    assert np.allclose(again.named, decision.named) and again.bias == pytest.approx(decision.bias)
    other = io.BytesIO()
    with np.load(io.BytesIO(decision.to_bytes())) as npz:
        fields = {key: npz[key] for key in npz.files}
    np.savez(other, **{**fields, "names": np.array(["an older signal", *NAMES[1:]])})
    with pytest.raises(ValueError, match="make train"):
        Decision.from_bytes(other.getvalue())


def test_identical_claims_agree_with_full_confidence() -> None:
    judgement = shipped().judge("Only 11 sites show polymorphisms.", "Only  11 sites show polymorphisms.")
    assert not judgement.diverges and judgement.confidence == 1.0


def test_a_flipped_finding_is_a_divergence_with_a_plain_reason() -> None:
    source = "Coronavirus disease 2019 is associated with a high inflammatory burden."
    derived = "COVID-19 is associated with a low inflammatory burden."
    finding = Finding(statement(derived, Role.DERIVED), Status.AGREEMENT, (Candidate("s1", 80.0),))
    settled = settle(finding, statement(source, Role.SOURCE), shipped())
    assert settled.status is Status.DIVERGENCE
    assert settled.confidence is not None and 0.5 <= settled.confidence <= 1.0
    assert settled.reasons and settled.reasons[0].code is ReasonCode.OPPOSITE
    assert settled.reasons[0].detail == "high → low"


def test_an_opposite_reason_names_the_words_as_written_not_their_stems() -> None:
    source, derived = "Most infections were severe in older adults.", "Most infections were mild in older adults."
    antonym = Decision(np.eye(len(NAMES))[NAMES.index("antonym")] * 50.0, np.zeros(SLOTS), -1.0)
    reason = explain(antonym.judge(derived, source), derived, source)
    assert reason.code is ReasonCode.OPPOSITE and reason.detail == "severe → mild"  # the stem is "sever"
    assert (reason.source_cue, reason.derived_cue) == ("severe", "mild")


def _settled_by(
    decision: Decision, derived: str, source: str, code: ReasonCode, direction: Direction = Direction.OVERSTATED,
) -> tuple[Finding, Reason]:
    """A matched claim on which a typed rule named ``code``, settled by ``decision``."""
    reason = Reason(code, direction, "named by the rule")
    finding = Finding(statement(derived, Role.DERIVED), Status.DIVERGENCE, (Candidate("s1", 60.0),), (reason,))
    return settle(finding, statement(source, Role.SOURCE), decision), reason


NEVER = Decision(np.zeros(len(NAMES)), np.zeros(SLOTS), -50.0)
"""A decision that always says agreement."""
ALWAYS = Decision(np.zeros(len(NAMES)), np.zeros(SLOTS), 50.0)
"""A decision that always says divergence."""


@pytest.mark.parametrize("code", [ReasonCode.NUMBER, ReasonCode.NEGATION])
def test_a_number_or_negation_the_rules_named_stands_whatever_the_model_says(code: ReasonCode) -> None:
    settled, reason = _settled_by(NEVER, "Mortality fell by 40%.", "Mortality fell by 21%.", code)
    assert settled.status is Status.DIVERGENCE and settled.reasons == (reason,)
    assert settled.confidence is not None and settled.confidence < 0.5


@pytest.mark.parametrize("code", sorted(WEIGHED))
def test_an_overstatement_the_rules_named_stands_whatever_the_model_says(code: ReasonCode) -> None:
    settled, reason = _settled_by(NEVER, "MSCs have been shown to cure it.", "MSCs could help.", code)
    assert settled.status is Status.DIVERGENCE and settled.reasons == (reason,)


def test_a_claim_more_cautious_than_its_source_is_weighed_and_may_be_overruled() -> None:
    source, derived = "MSCs have been shown to diminish lung damage.", "MSCs could diminish lung damage."
    assert ReasonCode.CERTAINTY in WEIGHED and ReasonCode.NUMBER not in WEIGHED
    overruled, _ = _settled_by(NEVER, derived, source, ReasonCode.CERTAINTY, Direction.UNDERSTATED)
    assert overruled.status is Status.AGREEMENT and overruled.reasons == ()
    assert overruled.confidence is not None and overruled.confidence > 0.5
    upheld, reason = _settled_by(ALWAYS, derived, source, ReasonCode.CERTAINTY, Direction.UNDERSTATED)
    assert upheld.status is Status.DIVERGENCE and upheld.reasons == (reason,)
    assert upheld.confidence is not None and upheld.confidence > 0.5


def test_every_matched_claim_of_the_seeds_carries_a_confidence() -> None:
    seeds = ROOT / "seeds"
    docs = [Document(p.name, p.read_text(encoding="utf-8"), "x", "utf-8")
            for p in (seeds / "msc-covid-abstract.txt", seeds / "msc-covid-blog.txt")]
    comparison = compare(*docs)
    matched = [f for f in comparison.findings if f.status in (Status.AGREEMENT, Status.DIVERGENCE)]
    assert matched and all(f.confidence is not None and 0.0 <= f.confidence <= 1.0 for f in matched)
    unmatched = [f for f in comparison.findings if f.status in (Status.UNSUPPORTED, Status.OMITTED)]
    assert unmatched and all(f.confidence is None for f in unmatched)


def _one_pair_at_a_time(decision: Decision, derived: str, source: str) -> tuple[float, dict[str, float]]:
    """The chance of divergence and each signal's push, weighed for one pair, NumPy call by call."""
    signals = measure(derived, source)
    pushes = np.array([signals[name] for name in NAMES]) * decision.named
    slot_total = 0.0
    for side in difference_slots(derived, source):
        if side:
            slot_total += float(decision.slots[side].sum()) * slot_value(len(side))
    score = (float(pushes.sum()) + slot_total + decision.bias) / decision.temperature(1)
    return float(1.0 / (1.0 + np.exp(-score))), dict(zip(NAMES, (float(p) for p in pushes), strict=True))


def test_judging_many_pairs_at_once_gives_each_pair_s_own_judgement_to_the_last_digit() -> None:
    seeds = ROOT / "seeds"
    source = (seeds / "msc-covid-abstract.txt").read_text(encoding="utf-8").split(". ")
    derived = (seeds / "msc-covid-blog.txt").read_text(encoding="utf-8").split(". ")
    pairs = [(d, s) for d in derived[:12] for s in source[:12]] + [("Only 11 sites.", "Only  11 sites.")]
    decision = shipped()
    for (d, s), judgement in zip(pairs, decision.judge_all(pairs), strict=True):
        if judgement.contributions:
            chance, pushes = _one_pair_at_a_time(decision, d, s)
            assert judgement.confidence == (chance if judgement.diverges else 1.0 - chance)
            assert judgement.contributions == pushes
        else:
            assert judgement.confidence == 1.0 and not judgement.diverges


def test_a_larger_source_lowers_the_confidence_but_never_turns_a_verdict() -> None:
    seeds = ROOT / "seeds"
    source = (seeds / "msc-covid-abstract.txt").read_text(encoding="utf-8").split(". ")
    derived = (seeds / "msc-covid-blog.txt").read_text(encoding="utf-8").split(". ")
    pairs = [(d, s) for d in derived[:10] for s in source[:10]]
    decision = shipped()
    assert decision.temperature(1) < decision.temperature(10) < decision.temperature(100)
    one, many = decision.judge_all(pairs, sources=1), decision.judge_all(pairs, sources=100)
    assert [j.diverges for j in one] == [j.diverges for j in many]
    assert all(m.confidence <= o.confidence for o, m in zip(one, many, strict=True))
    assert sum(m.confidence < o.confidence for o, m in zip(one, many, strict=True)) > len(pairs) // 2


def test_a_claim_checked_against_a_long_page_is_judged_less_surely_than_against_one_sentence() -> None:
    claim = "The vaccine cut hospital admissions by 40% in adults over 65."
    evidence = "The vaccine reduced hospital admissions by 41% among adults aged 65 and over."
    others = [f"Clinic {n} in the region reported its opening hours and parking rules for visitors." for n in range(40)]
    page = " ".join([*others[:20], evidence, *others[20:]])
    alone = compare(Document("s.txt", evidence, "x", "utf-8"), Document("d.txt", claim, "y", "utf-8"))
    among = compare(Document("s.txt", page, "x", "utf-8"), Document("d.txt", claim, "y", "utf-8"))
    first, second = (next(f for f in c.findings if f.statement.role is Role.DERIVED) for c in (alone, among))
    assert first.status is second.status
    assert [c.by_id()[f.matches[0].id].statement.text for c, f in ((alone, first), (among, second))] == [evidence] * 2
    assert first.confidence is not None and second.confidence is not None
    assert second.confidence < first.confidence


def test_the_temper_is_fitted_to_what_held_out_chances_get_right() -> None:
    from tools.train import Row, fit_temper

    rng = np.random.default_rng(7)
    odds = rng.normal(0.0, 3.0, 4000)
    size = np.where(np.arange(4000) % 2 == 0, 1, 100)
    # On a 100-claim source the same log-odds are right as often as a third of them would be
    truth = 1.0 / (1.0 + np.exp(-odds / np.where(size == 1, 1.0, 3.0)))
    labels = rng.random(4000) < truth
    rows = [Row("d", "s", bool(y), document=("s",) * int(n)) for y, n in zip(labels, size, strict=True)]
    a, b = fit_temper(odds, rows)
    fitted = Decision(np.zeros(len(NAMES)), np.zeros(SLOTS), 0.0, temper=(a, b))
    assert abs(fitted.temperature(1) - 1.0) < 0.15
    assert abs(fitted.temperature(100) - 3.0) < 0.45


def test_the_weights_file_keeps_the_temper() -> None:
    decision = Decision(np.arange(len(NAMES), dtype=np.float64), np.zeros(SLOTS), 0.25, temper=(-0.05, 0.17))
    back = Decision.from_bytes(decision.to_bytes())
    assert back.temper == pytest.approx((-0.05, 0.17), abs=1e-6)
    assert back.temperature(36) == pytest.approx(decision.temperature(36), rel=1e-5)


@pytest.mark.shared
def test_training_twice_on_the_same_rows_gives_the_same_weights(tmp_path: Path) -> None:
    if not (SHARED / "data" / "factcheck-dev").is_dir():
        pytest.skip("../shared/data/factcheck-dev is not beside the checkout (CI has it)")
    digests = []
    for name in ("a.npz", "b.npz"):
        out = tmp_path / name
        run = subprocess.run([sys.executable, "-m", "tools.train", "--limit", "40", "--shared", str(SHARED), "--out", str(out)],
                             cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
        assert run.returncode == 0, run.stderr
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    trained = Decision.from_bytes((tmp_path / "a.npz").read_bytes())
    assert np.abs(trained.named).sum() > 0  # it learned something


def test_numbers_are_read_as_papers_write_them() -> None:
    assert quantities("We estimated that 1·7 billion people") == [Quantity(1.7e9, "=")]
    assert quantities("a phase 1 trial in type 2 diabetes") == []
    assert quantities("susceptibility in under-20s is half that of older adults") == [Quantity(20.0, "="),
                                                                                      Quantity(50.0, "~", unit="%")]


def test_thousands_set_apart_by_spaces_are_one_number() -> None:
    # SI style, as The Lancet and China CDC's report write them (a thin or no-break space in
    # the file, a plain one once copied out of a PDF)
    for space in (" ", "\u00a0", "\u2009", "\u202f"):
        assert quantities(f"A total of 72{space}314 patient records") == [Quantity(72314.0, "=")]
        assert values(f"A total of 72{space}314 patient records") == ("72314",)
    assert quantities("about 1 000 000 people in 2020") == [Quantity(1e6, "~"), Quantity(2020.0, "y")]
    assert [q.value for q in quantities("in 2020 1 200 people")] == [2020.0, 1200.0]
    assert values("in 2020 1 200 people") == ("1200",)
    assert [(q.value, q.upper) for q in quantities("aged 18 to 65")] == [(18.0, 65.0)]
    source = Document("s.txt", "The trial enrolled 4\u202f700 adults across 12 hospitals.\n", "x", "utf-8")
    for claim, status in (("4,700", Status.AGREEMENT), ("4,800", Status.DIVERGENCE)):
        derived = Document("d.txt", f"The trial enrolled {claim} adults across 12 hospitals.\n", "y", "utf-8")
        (finding,) = compare(source, derived).of(Role.DERIVED)
        assert finding.status is status, claim
        assert any(r.code is ReasonCode.NUMBER for r in finding.reasons) is (status is Status.DIVERGENCE)


def test_a_number_reason_names_the_numbers_the_source_does_not_bear_out() -> None:
    source = "The pandemic of 1918 lowered births in 19 states within 9 months."
    derived = "In 1918, births in 19 states dropped within three months."
    assert unborne(derived, source) == ["three"]
    always = Decision(np.eye(len(NAMES))[NAMES.index("numbers_unmatched")] * 50.0, np.zeros(SLOTS), -1.0)
    reason = explain(always.judge(derived, source), derived, source)
    assert reason.code is ReasonCode.NUMBER and reason.detail == "three: not borne out by the source"


def test_a_number_reason_writes_a_date_as_the_claim_does() -> None:
    """"after april 15, 2020": the number reader's lower case, not the claim's."""
    source = "As of April 12, 2020, the Missouri Department of Health has confirmed 4,160 cases."
    derived = "Missouri had 4,160 cases of coronavirus after April 15, 2020."
    dates = [NAMES.index("year_differs"), NAMES.index("numbers_unmatched")]
    always = Decision(np.eye(len(NAMES))[dates].sum(axis=0) * 50.0, np.zeros(SLOTS), -1.0)
    reason = explain(always.judge(derived, source), derived, source)
    assert reason.code is ReasonCode.NUMBER and reason.detail == "after April 15, 2020: not borne out by the source"


def test_a_negation_reason_names_the_negation() -> None:
    source, derived = "The majority of patients exhibited symptoms.", "The majority of patients did not exhibit symptoms."
    differs = [NAMES.index("negation_differs_shared"), NAMES.index("negation_differs_own")]
    negation = Decision(np.eye(len(NAMES))[differs].sum(axis=0) * 50.0, np.zeros(SLOTS), -1.0)
    reason = explain(negation.judge(derived, source), derived, source)
    assert reason.code is ReasonCode.NEGATION and reason.detail == "added “not” to “exhibit symptoms”"
    assert reason.derived_cue == "not"
    back = explain(negation.judge(source, derived), source, derived)
    assert back.detail == "dropped “not” from “exhibit symptoms”" and back.source_cue == "not"
    aside = "The majority of patients, not yet vaccinated, exhibited symptoms."  # denies only its own words
    assert explain(negation.judge(aside, source), aside, source).code is ReasonCode.CONTENT


def test_a_content_reason_leaves_out_the_spelling_out_of_the_source_s_acronym() -> None:
    source = "MSCs can directly modulate a variety of immune cells."
    derived = "Mesenchymal stem cells (MSCs) regulate the immune system by promoting a response."
    assert {"mesenchymal", "stem", "cells"} <= spelled_out(derived, source)
    content = Decision(np.eye(len(NAMES))[NAMES.index("added_words")] * 50.0, np.zeros(SLOTS), -1.0)
    reason = explain(content.judge(derived, source), derived, source)
    assert reason.code is ReasonCode.CONTENT and reason.detail.startswith("adds ")
    shown = set(reason.detail.removeprefix("adds ").split(", "))
    assert "regulate" in shown and not shown & {"mesenchymal", "stem", "cells"}


def test_a_content_reason_leaves_out_amounts_and_connectives() -> None:
    source = "During the first wave, fewer than 10% of the US adult population formed antibodies."
    derived = "Thus, in blood samples from the first wave, less than 10 percent of samples contained antibodies."
    content = Decision(np.eye(len(NAMES))[NAMES.index("added_words")] * 50.0, np.zeros(SLOTS), -1.0)
    reason = explain(content.judge(derived, source), derived, source)
    shown = set(reason.detail.removeprefix("adds ").split(", "))
    assert {"blood", "samples", "contained"} <= shown
    assert not shown & {"thus", "less", "percent"}


def content_words(derived: str, source: str) -> list[str]:
    """The words a content reason names for the pair, the decision made to give one."""
    content = Decision(np.eye(len(NAMES))[NAMES.index("added_words")] * 50.0, np.zeros(SLOTS), -1.0)
    return explain(content.judge(derived, source), derived, source).detail.removeprefix("adds ").split(", ")


def test_a_content_reason_names_a_hyphened_compound_as_written() -> None:
    source = "Stem cells answer inflammatory signals in the lung."
    derived = "Stem cells answer pro-inflammatory markers and anti-fibrotic cues in the lung."
    shown = content_words(derived, source)
    assert "pro-inflammatory" in shown and "anti-fibrotic" in shown
    assert not {"pro", "anti", "fibrotic"} & set(shown)


def test_a_content_reason_names_any_hyphened_word_whole_and_no_name_across_a_comma() -> None:
    """"adds covid-19, sars, cov-2, air, conditioned, restaurant" named no word a reader sees."""
    source = "The airflow direction was consistent with droplet transmission."
    derived = ("The airflow direction in an air-conditioned restaurant in Guangzhou, China was consistent "
               "with droplet transmission of the SARS-CoV-2 virus.")
    shown = content_words(derived, source)
    assert "air-conditioned" in shown and "SARS-CoV-2" in shown
    assert not {"air", "conditioned", "sars", "cov-2", "Guangzhou China", "guangzhou", "china"} & set(shown)
    assert {"Guangzhou", "China"} <= set(shown)  # names, as written


def test_a_content_reason_splits_words_at_a_dash_not_a_hyphen() -> None:
    """"adds chest-accounts": an em dash between two words read as the hyphen it is turned into."""
    source = "Sid Vicious was onstage with Gimme a fix carved into his chest."
    derived = "He appeared with the words Gimme a fix on his chest—accounts vary—and a well-known grin."
    shown = content_words(derived, source)
    assert {"accounts", "vary", "well-known"} <= set(shown)
    assert not [word for word in shown if word.startswith(("chest-", "accounts-", "vary-"))]


def test_a_content_reason_writes_a_name_as_the_claim_does() -> None:
    """"adds jeremy fraser, …, skowronski": a reviewer looks for the name as written."""
    source = "Anti-Abortion activists stage an \"invalid takeover\" of Alberta's Social Credit Party."
    derived = ("In 2016, anti-abortion activist Jeremy Fraser won the party's leadership in what was called "
               "an \"invalid takeover\" by Skowronski. Leadership rules changed.")
    shown = content_words(derived, source)
    assert {"Jeremy Fraser", "Skowronski", "won", "leadership"} <= set(shown)  # "Leadership" opens a sentence


@pytest.mark.parametrize(("derived", "source", "name"), [
    ("Lena Fischer is Austrian on her mother's side.", "The singer grew up in Graz.", "Lena Fischer"),
    ("Okafor scored twice in the final.", "Ahead of the final, the coach praised Okafor.", None),
    ("The campaign was run with Lancôme and Škoda in Prague.", "The campaign was run in Prague.", "Lancôme"),
])
def test_a_name_keeps_its_capital_where_it_opens_the_claim_or_has_accents(derived: str, source: str, name: str | None) -> None:
    """"adds lena, fischer": a name that opens the sentence lost its capital, where a name follows
    it at once or the source writes it capitalised inside a sentence."""
    shown = content_words(derived, source)
    if name:
        assert name in shown and name.lower().split()[0] not in shown
    else:
        assert "Okafor" not in shown  # the source says it: no added word
        assert grounds(derived, source).startswith("both say Okafor,")
    assert "researchers" in content_words("Researchers scored it twice.", "The final was played.")


def test_a_content_reason_keeps_an_acronym_s_letters() -> None:
    """"adds us, il-6" read as a pronoun and a typo; the claim wrote "US" and "IL-6"."""
    source = "Cases rose in the spring."
    derived = "In the US, cases with high IL-6 and COVID-19 rose in the spring, as Covid-19 spread."
    shown = content_words(derived, source)
    assert {"US", "IL-6", "COVID-19", "high"} <= set(shown)
    assert not {"us", "il-6", "covid-19", "Covid-19"} & set(shown)  # once, as first written


def test_a_content_reason_names_first_the_words_the_whole_source_never_uses(tmp_path: Path) -> None:
    """"Adds covid-19, united, states, …" said nothing a reviewer could use when the abstract
    speaks of COVID-19 and the United States in every other sentence."""
    source = "Cases rose in the spring."
    derived = "Across the United States, hospital cases of COVID-19 rose in the spring among unvaccinated teenagers."
    vocabulary = frozenset({"unit", "state", "hospit", "covid-19"})  # what the source's other claims say
    content = Decision(np.eye(len(NAMES))[NAMES.index("added_words")] * 50.0, np.zeros(SLOTS), -1.0)
    judged = content.judge(derived, source)
    plain = explain(judged, derived, source).detail.removeprefix("adds ").split(", ")
    assert plain[:2] == ["across", "United States"]  # in the order the claim writes them, a name as one and as written
    detail = explain(judged, derived, source, vocabulary=vocabulary).detail
    new, elsewhere = detail.removeprefix("adds ").split("; the source says ")
    assert new.split(", ") == ["across", "among", "unvaccinated", "teenagers"]
    assert elsewhere.removesuffix(" elsewhere").split(", ") == ["United States", "hospital"]
    everywhere = frozenset({"unit", "state", "hospit", "covid-19", "across", "among", "unvaccin", "teenag"})
    assert explain(judged, derived, source, vocabulary=everywhere).detail.startswith("the source says across, United States")
    # through the pipeline, the source's other sentences are its vocabulary
    (tmp_path / "s.txt").write_text("Hospital cases of COVID-19 fell across the United States in winter. "
                                    "Cases rose in the spring.\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(derived + "\n", encoding="utf-8")
    from tui.engine.pipeline import load_pair

    found = compare(*load_pair(tmp_path / "s.txt", tmp_path / "d.txt"), decision=content)
    claim = next(f for f in found.of(Role.DERIVED) if f.reasons)
    detail = next(r.detail for r in claim.reasons if r.code is ReasonCode.CONTENT)
    assert detail.startswith("adds among, unvaccinated, teenagers"), detail


@pytest.mark.parametrize("text", [
    "Smith and Jones found it", "xAbc Def", "_Abc Def", "1Abc Def", "Éa Abc", "ÀBc Dd", "αBeta Gamma", "a-Bcd",
    "Bcd_e Fgh", "Ab\u0301c De", "\nAbc", " Abc9 Xyz", "ÅAbc Qr", "A B Cd", "(Boston) 'Paris' “Rome”",
])
def test_names_are_the_capitalised_words_a_word_boundary_finds(text: str) -> None:
    import re

    from tui.engine.judge.signals import _NAME

    assert _NAME.findall(text) == re.findall(r"\b[A-Z][a-zA-Z]+\b", text)


def test_text_decoded_twice_is_read_as_written_first() -> None:
    """"781â\\x80¯000" is 781 000 with its thin space read as Windows-1252: the matching copy is
    repaired, the text shown is not."""
    from tui.engine.align.text import normalise

    mangled = "There were 781\u00e2\u0080\u00af000 deaths, the band\u00e2\u20ac\u2122s note said."
    assert normalise(mangled) == "there were 781 000 deaths, the band's note said."
    assert normalise("A château in Évian, 20 °C.") == "a château in évian, 20 °c."  # no mark: as it was
    assert [q.value for q in quantities(normalise(mangled))] == [781000.0]
    source = Document("s.txt", "There were approximately 781\u00e2\u0080\u00af000 deaths in the spring.\n", "x", "utf-8")
    derived = Document("d.txt", "There were about 780,000 deaths in the spring.\n", "y", "utf-8")
    (finding,) = compare(source, derived).of(Role.DERIVED)
    assert finding.status is Status.AGREEMENT and "781" in compare(source, derived).by_id()[
        finding.matches[0].id].statement.text


@pytest.mark.parametrize("text", [
    "SARS-CoV-2  in the\nUS", "Ünïcode “IL-6” — in Évian", "781\u00e2\u0080\u00af000 deaths", "Straße 5", "ΣΊΣΥΦΟΣ",
])
def test_the_cased_copy_keeps_every_character_where_the_matching_copy_has_it(text: str) -> None:
    from tui.engine.align.text import cased, normalise

    kept = cased(text)
    if kept is not None:  # None only where folding the case changes the length
        assert len(kept) == len(normalise(text)) and kept.casefold() == normalise(text)
    else:
        assert len(text.casefold()) != len(text.lower()) or text.casefold() != text.lower()
    assert cased("SARS-CoV-2  in the\nUS") == "SARS-CoV-2 in the US"
