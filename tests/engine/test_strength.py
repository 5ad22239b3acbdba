"""Claim strength (InSciOut 0–3): a named table of claims, and the range invariant."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.engine.judge.classify import compare_claims
from tui.engine.judge.strength import CAUSAL, CONDITIONAL, CORRELATIONAL, NONE, claim_strength
from tui.engine.model import Direction, Document, ReasonCode, Role
from tui.engine.pipeline import compare

TABLE = [
    ("direct-verb", "Talking therapy over the phone improves symptoms of chronic pain.", CAUSAL),
    ("shown-to", "MSCs have been shown to reduce mortality in COVID-19.", CAUSAL),
    ("causes", "Smoking causes lung cancer.", CAUSAL),
    ("cures", "The drug cures asthma in patients.", CAUSAL),  # a booster that is itself an effect
    ("may-cure", "The drug may cure asthma.", CONDITIONAL),
    ("eliminates", "MSC infusions eliminate lung damage.", CAUSAL),
    ("make", "Happy children make happy adults", CAUSAL),
    ("makes-up-is-no-cause", "Nursing makes up a large share of the workforce.", NONE),
    ("modal", "MSCs may reduce lung damage in COVID-19 patients.", CONDITIONAL),
    ("could-adverb", "Vitamin A could significantly cut rates of mortality.", CONDITIONAL),
    ("suggests-that", "These trials suggest that closed-loop insulin delivery improves overnight control.", CAUSAL),
    ("suggests-that-may", "These trials suggest that closed-loop insulin delivery may improve overnight control.",
     CONDITIONAL),
    ("indicates-a-link", "The results indicate a consistent link between migraine and heart disease.", CORRELATIONAL),
    ("later-modal", "Medicines which increase dopamine may hold the key to kicking the habit.", CONDITIONAL),
    ("next-sentence-modal", ("The protein acts as a switch that determines whether cells promote inflammation. "
                             "The study could help researchers find new treatments."), CAUSAL),
    ("earlier-sentence-hedge", "These results may matter. Exercise improves balance in older adults.",
     CAUSAL),
    ("associated", "Starting testosterone was associated with an increased risk of thrombosis.", CORRELATIONAL),
    ("linked", "Coffee is linked to a reduced risk of multiple sclerosis.", CORRELATIONAL),
    ("risk-marker", "Migraine should be considered an important risk marker for cardiovascular disease.",
     CORRELATIONAL),
    ("indicative-of", "We identified biomarkers in ex-preterm adults that are indicative of risks to later health.",
     CORRELATIONAL),
    ("more-likely", "Affluent patients were 27% more likely to be prescribed the drugs.", CORRELATIONAL),
    ("comparison", "Pain thresholds were higher after laughter than in the control condition.", CORRELATIONAL),
    ("denied-association", "Oral contraceptive use is not associated with birth defects.", NONE),
    ("denied-effect", "Inflammation did not cause hyperalgesia to heat stimuli.", NONE),
    ("failing-to", "Pay for performance targets are failing to improve the health of patients.", NONE),
    ("no-claim", "We recruited 40 adults from two clinics.", NONE),
    ("bound-not-comparison", "Licensed t-shirts account for more than 35% of the shop's revenue.", NONE),
    ("bounds-in-words", "Fewer than a third of the 120 patients were older than 60.", NONE),
    ("month-may", "The film was released worldwide on May 27, 2016.", NONE),
    ("day-then-may", "On 3 May the senate passed the law.", NONE),
    ("may-after-the-cause", "Masks reduce spread, and may cut deaths.", CONDITIONAL),
]


@pytest.mark.parametrize(("name", "text", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_strength_table(name: str, text: str, expected: int) -> None:
    assert claim_strength(text) == expected


def test_seed_overstatement_reads_stronger() -> None:
    source = ("Recent trials reported that MSC infusions in COVID-19 patients with ARDS could diminish "
              "cytokine storm and lung damage.")
    derived = "MSCs have been shown to reduce lung damage and mortality."
    assert claim_strength(derived) > claim_strength(source)


@given(st.text(max_size=200))
def test_always_on_the_scale(text: str) -> None:
    assert claim_strength(text) in (NONE, CORRELATIONAL, CONDITIONAL, CAUSAL)


@pytest.mark.parametrize(("text", "strength"), [
    ("We tested the effectiveness of aspirin in 200 adults.", 0),
    ("The review assessed the impact of masks on transmission.", 0),
    ("We tested the effect of aspirin and found that it reduces strokes.", 3),
    ("Aspirin has a protective effect against stroke.", 3),
])
def test_what_a_study_looked_at_is_not_its_finding(text: str, strength: int) -> None:
    assert claim_strength(text) == strength


def test_a_study_described_drops_no_caveat_of_the_source() -> None:
    source = Document("a.txt", "Additional phase II/III trials are required to validate the efficacy of MSCs in ARDS.",
                      "x", "utf-8")
    derived = Document("b.txt", "The review looked at clinical trials testing the effectiveness of MSCs in ARDS.",
                       "y", "utf-8")
    claim = compare(source, derived).of(Role.DERIVED)[0]
    assert claim.status is not None and claim.matches
    assert not [r for r in claim.reasons if r.code is ReasonCode.CAVEAT]


@pytest.mark.parametrize(("source", "derived"), [
    ("As of 16 April 2020, there are 387 confirmed cases in the state.",
     "The state had less than 390 confirmed cases by 16 April 2020."),
    ("Approximately 40% of the chain's revenue comes from sales of licensed band t-shirts.",
     "Licensed band t-shirt sales account for more than 35% of the chain's revenue."),
])
def test_a_bound_on_an_amount_is_no_change_of_certainty(source: str, derived: str) -> None:
    claim = compare(Document("a.txt", source, "x", "utf-8"), Document("b.txt", derived, "y", "utf-8")).of(Role.DERIVED)[0]
    assert claim.matches
    assert not [r for r in claim.reasons if r.code in (ReasonCode.CERTAINTY, ReasonCode.CAUSALITY)]


@pytest.mark.parametrize(("text", "strength"), [
    ("Worldwide, those figures have increased to over 40 million albums sold.", 0),
    ("Sales rose by 5% in 2019.", 0),
    ("Statins reduced cholesterol by 20%.", 3),
    ("Mortality fell from 20% to 10% after the drug reduced inflammation.", 3),
])
def test_an_amount_that_moved_is_no_cause(text: str, strength: int) -> None:
    """"Figures have increased to over 40 million" says how far an amount moved, with nothing
    that moved it; "statins reduced cholesterol by 20%" names its cause."""
    assert claim_strength(text) == strength


@pytest.mark.parametrize(("source", "derived", "detail"), [
    ("The free show will run at 9:30 pm on Friday, July 19.", "The show on Friday, July 19 would be delayed slightly.",
     "no relationship → conditional cause"),
    ("SARS-CoV may have caused an infection in the central nervous system in this patient.",
     "SARS-CoV is unable to infect the central nervous system.", "conditional cause → no relationship"),
])
def test_a_change_of_strength_its_hedges_belie_is_named_by_the_strengths(source: str, derived: str,
                                                                         detail: str) -> None:
    """"Will" is surer than "would", yet "would be delayed" claims more than "will run": quoting
    the hedges ("the source says this is not yet certain (“will”)") said the opposite."""
    (reason,) = [r for r in compare_claims(source, derived) if r.code is ReasonCode.CERTAINTY]
    assert reason.detail == detail and reason.source_cue is None and reason.derived_cue is None


def test_a_changed_amount_is_a_number_reason_not_a_certainty_one() -> None:
    """Against "has sold less than 40 million albums", "figures have increased to over 40
    million" was "certainty: cause → no relationship"; what changed is the figure."""
    reasons = compare_claims("Worldwide, those figures have increased to over 40 million albums and over 50 million "
                             "singles sold.", "Avril Lavigne has sold less than 40 million albums worldwide.")
    assert [r.code for r in reasons] == [ReasonCode.NUMBER]


@pytest.mark.parametrize(("text", "strength"), [
    ("Statins lower cholesterol.", 3),
    ("The drug may lower the risk of stroke.", 2),
    ("Cholesterol was lower in the statin group.", 1),
    ("Patients had lower blood pressure than controls.", 1),
    ("The film's rating is lower than 30%.", 0),
])
def test_lower_names_an_effect_only_as_a_verb(text: str, strength: int) -> None:
    assert claim_strength(text) == strength


def test_a_cause_restated_as_a_comparison_is_a_causality_change_in_its_words() -> None:
    reasons = compare_claims("Statins lowered cholesterol in 40% of patients.",
                             "Cholesterol was lower in 40% of patients on statins.")
    assert [(r.code, r.direction, r.detail) for r in reasons] == [(ReasonCode.CAUSALITY, Direction.UNDERSTATED,
                                                                   "lowered → lower")]


def test_lower_than_bounds_an_amount() -> None:
    source = Document("a.txt", "It holds a 29% rating on Rotten Tomatoes based on 48 reviews.", "x", "utf-8")
    derived = Document("b.txt", "Its rating on Rotten Tomatoes is lower than 30%.", "y", "utf-8")
    claim = compare(source, derived).of(Role.DERIVED)[0]
    assert claim.matches and not claim.reasons


@pytest.mark.parametrize(("text", "strength"), [
    ("The company said the new drug would reduce deaths.", 3),  # "will reduce", reported
    ("The new drug would reduce deaths.", 2),
    ("Experts expected that the new drug would reduce deaths.", 2),  # a guess, reported
])
def test_a_reported_will_is_as_strong_as_will(text: str, strength: int) -> None:
    assert claim_strength(text) == strength


@pytest.mark.parametrize(("text", "strength"), [
    ("In Week 12, Watt recorded nine tackles and a forced fumble.", NONE),  # a count of things
    ("He collected three sacks and eight combined tackles in the defeat.", NONE),
    ("He left after a fight between them.", NONE),
    ("Mask-wearing is a factor in the reduced transmission of the virus.", NONE),  # a participle as adjective
    ("FKBP51 regulates chronic pain.", CAUSAL),  # a figure inside a name counts nothing
    ("Treating many patients seems to have a protective effect.", CONDITIONAL),  # an adjective of a relation
    ("The cause of the outbreak was a leak.", CAUSAL),  # a noun that still names a relation
    ("Drugs that block interleukin-6 lower the risk of death.", CAUSAL),  # "that" stands for a noun
])
def test_a_causal_verb_used_as_a_noun_states_no_relation(text: str, strength: int) -> None:
    assert claim_strength(text) == strength


@pytest.mark.parametrize(("text", "strength"), [
    ("Alcohol increases the likelihood of violence.", CAUSAL),  # a verb with its subject: a cause
    ("Coffee may reduce the risk of multiple sclerosis.", CONDITIONAL),
    ("Statins reduced the risk of death.", CAUSAL),
    ("Smoking lowers the odds of recovery.", CAUSAL),  # as "increases" reads, so "lowers"
    ("Patients had a reduced risk of death.", CORRELATIONAL),  # a risk described, not changed
    ("Patients given metformin had reduced risk of death.", CORRELATIONAL),
    ("Exposure was associated with increased risk of asthma.", CORRELATIONAL),
    ("Contractions are weaker, increasing the risk of caesarean birth.", CORRELATIONAL),
])
def test_a_verb_that_changes_a_risk_states_a_cause(text: str, strength: int) -> None:
    assert claim_strength(text) == strength


@pytest.mark.parametrize(("text", "strength"), [
    ("Drugs that block interleukin-6 can increase the likelihood of death.", CONDITIONAL),  # the main clause's relation
    ("Bats evolved mechanisms that protect them from viruses.", CAUSAL),  # no other relation: the clause's stands
])
def test_a_cause_in_a_relative_clause_gives_way_to_the_main_clause(text: str, strength: int) -> None:
    assert claim_strength(text) == strength
