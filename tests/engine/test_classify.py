"""Reasons for divergence, as a table of named (source, derived, expected) rows."""

from __future__ import annotations

import pytest

from tui.engine.judge.classify import compare_claims, values
from tui.engine.judge.scope import scope_marks
from tui.engine.judge.strength import claim_strength
from tui.engine.judge.wording import reason_words
from tui.engine.model import Direction, ReasonCode

O, U = Direction.OVERSTATED, Direction.UNDERSTATED

ROWS = [
    ("hedge to proof", "MSC infusions could diminish lung damage in patients with ARDS.",
     "MSC infusions have been shown to eliminate lung damage in patients with ARDS.", (ReasonCode.CERTAINTY, O)),
    ("may help to cures", "The drug may help some patients with mild asthma in this small trial.",
     "The drug cures asthma in patients.", (ReasonCode.CERTAINTY, O)),
    ("proof to hedge", "Exercise improves balance in older adults.",
     "Exercise may improve balance in older adults.", (ReasonCode.CERTAINTY, U)),
    ("association to cause", "Coffee drinking was associated with a lower risk of stroke.",
     "Coffee drinking lowers the risk of stroke.", (ReasonCode.CAUSALITY, O)),
    ("changed percentage", "The drug reduced symptoms in 25% of patients after 12 weeks.",
     "The drug reduced symptoms in 40% of patients after 12 weeks.", (ReasonCode.NUMBER, O)),
    ("smaller sample", "The trial enrolled 1,200 adults with asthma.",
     "The trial enrolled 120 adults with asthma.", (ReasonCode.NUMBER, U)),
    ("number word", "Three trials tested the vaccine in children.",
     "Five trials tested the vaccine in children.", (ReasonCode.NUMBER, O)),
    ("negation dropped", "The supplement did not improve memory in healthy volunteers.",
     "The supplement did improve memory in healthy volunteers.", (ReasonCode.NEGATION, O)),
    ("negation added", "Vitamin D improved bone density in the treated group.",
     "Vitamin D never improved bone density in the treated group.", (ReasonCode.NEGATION, U)),
    ("mice to people", "The compound reversed hair loss in mice.",
     "The compound reversed hair loss in people.", (ReasonCode.SCOPE, O)),
    ("cell lines to patients", "The drug shrank tumours in human cell lines.",
     "The drug shrank tumours in patients.", (ReasonCode.SCOPE, O)),
    ("ferrets to people", "The vaccine protected ferrets from infection.",
     "The vaccine protected people from infection.", (ReasonCode.SCOPE, O)),
    ("one study to studies", "This study found that the diet lowered blood pressure.",
     "Studies found that the diet lowered blood pressure.", (ReasonCode.SCOPE, O)),
    ("some to all", "Some patients recovered faster with the therapy.",
     "All patients recovered faster with the therapy.", (ReasonCode.QUANTIFIER, O)),
    ("cell cultures dropped", "In cell cultures, the extract killed 90% of cancer cells.",
     "The extract kills 90% of cancer cells.", (ReasonCode.CAVEAT, O)),
    ("a study of rats dropped", "In a study of rats, the drug lowered blood sugar.",
     "The drug lowers blood sugar.", (ReasonCode.CAVEAT, O)),
    ("zebrafish dropped", "The compound regrew damaged nerves in zebrafish.",
     "The compound regrows damaged nerves.", (ReasonCode.CAVEAT, O)),
    ("advice added", "Sun exposure was associated with higher vitamin D levels in fair-skinned adults.",
     "Fair-skinned people need to take vitamin D supplements.", (ReasonCode.ADVICE, O)),
    ("advice to see a doctor", "Omega-3 supplements lowered triglycerides in the trial.",
     "Ask your doctor whether omega-3 supplements can lower your triglycerides.", (ReasonCode.ADVICE, O)),
    ("a finding called settled", "In this trial of 120 adults, curcumin improved joint pain scores.",
     "Curcumin is clinically proven to relieve joint pain.", (ReasonCode.CERTAINTY, O)),
    ("a population read as everyone", "The vaccine was 95% effective in adults under 65.",
     "The vaccine is 95% effective in everyone.", (ReasonCode.SCOPE, O)),
    ("caveat dropped", "Further trials are required to confirm that the therapy improves survival.",
     "The therapy improves survival.", (ReasonCode.CAVEAT, O)),
    ("caveat denied", "Additional trials are required to validate the efficacy of the infusions.",
     "The infusions work, and no further trials are needed before they are used.", (ReasonCode.CAVEAT, O)),
]


@pytest.mark.parametrize(("name", "source", "derived", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_reason(name: str, source: str, derived: str, expected: tuple[ReasonCode, Direction | None]) -> None:
    reasons = compare_claims(source, derived)
    assert expected in [(r.code, r.direction) for r in reasons], [r.detail for r in reasons]
    assert all(r.detail for r in reasons)


@pytest.mark.parametrize("text", [row[1] for row in ROWS] + [row[2] for row in ROWS])
def test_a_claim_does_not_diverge_from_itself(text: str) -> None:
    assert compare_claims(text, text) == []


def test_loose_matches_flag_a_number_changed_beside_a_shared_one() -> None:
    source = "Infections occurred in 31% of the vitamin D group and 34% of the placebo group (p = 0.17)."
    derived = "Infections fell to 21% with vitamin D compared with 34% on placebo."
    reasons = compare_claims(source, derived, same_claim=False)
    assert [(r.code, r.detail) for r in reasons if r.code is ReasonCode.NUMBER] == [(ReasonCode.NUMBER, "31% → 21%")]


@pytest.mark.parametrize(("source", "derived"), [
    ("We followed 300 adults for 12 months.", "After 12 months, 45% of people felt better."),  # % against a count
    ("We followed 300 adults for a year.", "Some 45 people felt better."),  # nothing shared
    ("30 patients had 12 sessions of acupuncture.", "12 sessions ended migraines within eight weeks."),  # other units
    ("The film has a rating of 31% based on 242 reviews.", "With a rating of 31%, it had less than 250 reviews."),  # borne
    ("As of 17 April 2020, there were 1,405 cases and 4 deaths.", "Before April 18, 2020, there were four deaths."),  # a day
])
def test_loose_matches_leave_unanchored_numbers_alone(source: str, derived: str) -> None:
    assert ReasonCode.NUMBER not in {r.code for r in compare_claims(source, derived, same_claim=False)}


@pytest.mark.parametrize(("source", "derived", "as_sure"), [
    # a proposed cause stated as fact in other words
    ("These findings suggest that coffee may protect against liver fibrosis.",
     "Three cups of coffee a day protects your liver, study finds", "Coffee may protect the liver, a study finds."),
    # an intensifier added to a cause the source only proposes, even in a hedged sentence
    ("Early trials reported that the new inhaler could lessen asthma attacks in children.",
     "The results suggest that the inhaler can significantly reduce asthma attacks.",
     "The results suggest that the inhaler can reduce asthma attacks."),
])
def test_a_cause_the_source_only_proposes_stated_more_surely_is_overstated(source: str, derived: str,
                                                                            as_sure: str) -> None:
    reasons = compare_claims(source, derived, same_claim=False)
    assert [(r.code, r.direction) for r in reasons] == [(ReasonCode.CERTAINTY, Direction.OVERSTATED)]
    assert compare_claims(source, as_sure, same_claim=False) == []


def test_a_boosted_cause_against_a_source_that_states_no_finding_is_overstated() -> None:
    source = "Mesenchymal stem cells were tested in a small phase 1 trial of 24 patients with long COVID."
    reasons = compare_claims(source, "Stem cells cure long COVID fatigue in every patient, a new trial shows.",
                             same_claim=False)
    assert [(r.code, r.direction, r.derived_cue) for r in reasons] == [
        (ReasonCode.CERTAINTY, Direction.OVERSTATED, "cure")]
    assert reason_words(reasons[0]) == ("certainty, overstated: the source states no finding here; the derived "
                                        "text claims one (“cure”)")
    # a plain cause, or a boosted one the claim itself calls preliminary, is left to the decision
    assert compare_claims(source, "Stem cells reduce long COVID fatigue.", same_claim=False) == []
    hedged = compare_claims(source, "Preliminary studies have shown that stem cells cure long COVID fatigue.",
                            same_claim=False)
    assert ReasonCode.CERTAINTY not in {r.code for r in hedged}


def test_a_cause_stated_as_fact_against_a_proposed_one_is_understated() -> None:
    back = compare_claims("Three cups of coffee a day protects your liver, study finds",
                          "These findings suggest that coffee may protect against liver fibrosis.", same_claim=False)
    assert [(r.code, r.direction) for r in back] == [(ReasonCode.CERTAINTY, Direction.UNDERSTATED)]


def test_a_denied_relation_stated_as_a_cause_is_flagged_both_ways() -> None:
    source = "Daily fish oil supplements did not result in a lower incidence of heart attack than placebo."
    derived = "In the trial, omega-3 fish oil cut the risk of heart attack by 26%."
    there = compare_claims(source, derived, same_claim=False)
    back = compare_claims(derived, source, same_claim=False)
    assert [(r.code, r.direction) for r in there] == [(ReasonCode.NEGATION, Direction.OVERSTATED)]
    assert [(r.code, r.direction) for r in back] == [(ReasonCode.NEGATION, Direction.UNDERSTATED)]


def test_an_association_stated_as_a_cause_is_flagged_between_loose_matches() -> None:
    source = "Coffee drinking was associated with a lower risk of liver fibrosis in the cohort."
    derived = "Coffee prevents liver scarring, scientists say."
    reasons = compare_claims(source, derived, same_claim=False)
    assert [(r.code, r.direction) for r in reasons] == [(ReasonCode.CAUSALITY, Direction.OVERSTATED)]


def test_a_strength_change_without_cue_words_names_the_strengths() -> None:
    reasons = compare_claims("Side effects were no more common with fish oil than with placebo.", "There are no side effects.")
    assert [r.detail for r in reasons if r.code is ReasonCode.CERTAINTY] == ["correlational → no relationship"]


@pytest.mark.parametrize(("source", "derived"), [
    ("Violent deaths in infancy were recorded in every region of the country.",
     "Violent deaths in infancy are more common in poorer families."),
    ("Most children in the study were boys.", "Boys were more likely to be in the study than girls."),
])
def test_a_statement_whose_relation_is_not_read_is_no_weaker_than_a_correlation(source: str, derived: str) -> None:
    # strength 0 by the absence of cues, not by a denial, against strength 1: nothing to name
    assert (claim_strength(source), claim_strength(derived)) == (0, 1)
    for reasons in (compare_claims(source, derived), compare_claims(derived, source)):
        assert not [r for r in reasons if r.code in (ReasonCode.CERTAINTY, ReasonCode.CAUSALITY)]


@pytest.mark.parametrize(("source", "derived"), [
    ("The airflow direction was consistent with droplet transmission.",
     "Airflow that is not fresh can assist the spread of COVID-19, consistent with droplet transmission."),
    ("The virus was introduced from humans and evolved among mink.",
     "A paper that has not yet been peer-reviewed says the virus was introduced from humans and evolved among mink."),
    ("Recruiting militants was the coalition's way to weaken the group, without military intervention.",
     "Recruiting militants was the coalition's way to weaken the group."),
])
def test_a_negation_that_denies_an_aside_is_no_negation_reason(source: str, derived: str) -> None:
    """A negation only one side has, denying words the other side never says, names no change."""
    assert ReasonCode.NEGATION not in {r.code for r in compare_claims(source, derived)}
    flipped = derived.replace(", consistent", ", not consistent").replace("evolved", "never evolved")
    if flipped != derived:  # the same negation on words both say is one
        assert ReasonCode.NEGATION in {r.code for r in compare_claims(source.replace("not ", ""), flipped)}


def test_a_negation_reason_names_what_it_denies() -> None:
    reasons = compare_claims("The supplement did not improve memory.", "The supplement improved memory a little.")
    assert [r.detail for r in reasons if r.code is ReasonCode.NEGATION] == ["dropped “did not” from “improve memory”"]
    # the denial of a relationship the other side states: it says which way the claim moved
    assert [reason_words(r) for r in reasons] == [
        "negation, overstated: states a relationship the source denies (dropped “did not” from “improve memory”)"]
    reasons = compare_claims("Vitamin D improved bone density.", "Vitamin D never improved bone density.")
    assert [r.detail for r in reasons if r.code is ReasonCode.NEGATION] == ["added “never” to “improved bone density”"]



def test_a_negation_reason_names_the_negation_that_denies_the_shared_word() -> None:
    """The rules keep a text's first negation ("not"); the one that denies what both say is "nor"."""
    source = "The trial did not enrol children, nor did vitamin levels rise."
    reasons = compare_claims(source, "Vitamin levels rise in adults.")
    assert [r.detail for r in reasons if r.code is ReasonCode.NEGATION] == ["dropped “nor” from “vitamin levels rise”"]


@pytest.mark.parametrize(("source", "derived", "detail"), [
    ("Infectious virus was not recovered from the stool specimens.",
     "The virus particles found in the stool specimens were infectious.", "dropped “not” from “recovered from the stool specimens”"),
    ("This model did not identify symptom-based screening alone as sufficient.",
     "This model found symptom-based screening alone sufficient.", "dropped “not” from “identify symptom-based screening alone”"),
    ("The drug did not improve survival.", "The drug improved survival.", "dropped “not” from “improve survival”"),
    ("CanSino reported that their vaccine produced no detectable immune response.",
     "The vaccine induced significant immune responses in the majority of recipients.",
     "dropped “no” from “detectable immune response”"),
    ("Sewage levels had no correlation with positive test results.",
     "SARS-CoV-2 RNA in sludge was 0-2 d ahead of SARS-CoV-2 positive test results.",
     "dropped “no” from “correlation with positive test results”"),
    ("Greg Zipadelli announced that Stewart would not start the Cheez-It 355 at The Glen.",
     "Smith was hired to replace Stewart in the Cheez-It 355 at The Glen.", "dropped “not” from “start the Cheez-It”"),
])
def test_a_negation_reason_quotes_what_the_negation_denies_up_to_the_shared_words(
        source: str, derived: str, detail: str) -> None:
    """"Dropped “not” from “stool”" told a reviewer nothing: the stool is not what is denied.
    Nor did "detectable immune" where both say "immune response": the shared words that follow
    are named with it, as written ("Cheez-It")."""
    from tui.engine.judge.negation import denied_of_both, worded

    found = denied_of_both(source, "not", derived)
    assert found is not None and worded("dropped", *found) == detail

@pytest.mark.parametrize(("contracted", "cue"), [
    ("Patients didn't improve at all.", "didn't"),
    ("Patients didn’t improve at all.", "didn’t"),
    ("Patients won't improve at all.", "won't"),
    ("Patients can't improve at all.", "can't"),
])
def test_a_contraction_is_a_negation_to_the_rule(contracted: str, cue: str) -> None:
    """"didn't" is two words to a tokeniser ("didn", "t"); the rule reads it as the negation it is."""
    reasons = compare_claims("Patients improved at all sites.", contracted)
    assert [r.detail for r in reasons if r.code is ReasonCode.NEGATION] == [f"added “{cue}” to “improve”"]


def test_loose_matches_ignore_numbers_and_negations() -> None:
    reasons = compare_claims("Not all 40 patients improved.", "Some 12 patients improved.", same_claim=False)
    assert {r.code for r in reasons}.isdisjoint({ReasonCode.NUMBER, ReasonCode.NEGATION, ReasonCode.QUANTIFIER})


@pytest.mark.parametrize(
    ("text", "expected"),
    [("In 2021, 1,200 people (35%) took 2.5 mg for ten days.", ["1200", "35%", "2.5", "10"]),
     ("COVID-19 and SARS-CoV-2 affected 184 million", ["184"]),
     ("95% CI 1.8 to 6.0, p < 0.05", ["95%", "1.8", "6.0", "0.05"])],
)
def test_values(text: str, expected: list[str]) -> None:
    assert list(values(text)) == expected


def test_a_fragment_drops_no_caveat_but_the_caveat_still_shows() -> None:
    import hashlib

    from tui.engine.model import Document, Role, Status
    from tui.engine.pipeline import compare

    def doc(text: str, path: str) -> Document:
        return Document(path, text, hashlib.sha256(text.encode()).hexdigest(), "utf-8")

    source = doc("Further trials are required to confirm that zinc lozenges shorten colds in children.\n", "s")
    derived = doc("Zinc lozenges for colds in children and adults\n\n"
                  "We offer zinc lozenges for colds in children at every pharmacy counter we run.\n", "d")
    comparison = compare(source, derived)
    [src] = [f for f in comparison.of(Role.SOURCE) if f.status]
    assert src.status is Status.DIVERGENCE and src.reasons[0].code is ReasonCode.CAVEAT
    fragments = [f for f in comparison.of(Role.DERIVED) if f.status and f.matches]
    assert fragments and all(ReasonCode.CAVEAT not in {r.code for r in f.reasons} for f in fragments)


@pytest.mark.parametrize(("text", "expected"), [
    ("The compound reversed hair loss in mice.", ("mice", None, None, None, None, None)),
    ("Cells grown in vitro responded; this new trial in adults confirmed it.", ("in vitro", "adults", "this new trial", None, None, None)),
    ("Studies show that people benefit.", (None, "people", None, "Studies", None, None)),
    ("Die Mäuse (mice) im Versuch.", ("mice", None, None, None, None, None)),  # not ASCII: searched without the word check
    ("Nothing here names a subject.", (None, None, None, None, None, None)),
    ("Scientists have found traces of the virus.", (None, None, None, None, None, None)),  # who found it, not how many studies
    ("In adults under 65 it halved the risk; everyone over 50 should ask.", (None, "adults", None, None, "adults under 65", None)),
    ("Patients with severe COVID-19 improved: it works for everyone.", (None, "Patients", None, None, "Patients with severe COVID-19", "everyone")),
    ("Children aged 5 to 11 years and pregnant women took part.", (None, "Children", None, None, "Children aged 5 to 11 years", None)),
    ("It helps people of all ages, regardless of age.", (None, "people", None, None, None, "people of all ages")),
])
def test_scope_marks(text: str, expected: tuple[str | None, ...]) -> None:
    assert scope_marks(text) == expected


def test_one_study_told_by_scientists_widens_no_scope() -> None:
    source = "This study revealed protein changes in the sera of severe patients."
    assert ReasonCode.SCOPE not in {r.code for r in compare_claims(source, "Scientists have found protein changes in severe patients.")}
    assert ReasonCode.SCOPE in {r.code for r in compare_claims(source, "Studies have found protein changes in severe patients.")}



@pytest.mark.parametrize(("source", "derived", "detail"), [
    ("The vaccine was 95% effective in adults under 65.", "The vaccine is 95% effective in everyone.",
     "adults under 65 → everyone"),
    ("In patients with severe COVID-19, dexamethasone reduced mortality.", "Dexamethasone cuts deaths in all patients.",
     "patients with severe COVID-19 → all patients"),
    ("Among children aged 5 to 11, the vaccine was 90% effective.", "The vaccine works for people of all ages.",
     "children aged 5 to 11 → people of all ages"),
    ("In older adults, exercise improved memory.", "Exercise improves memory for anyone.", "older adults → anyone"),
    # the derived text names a group of its own, keeps what sets the source's apart, or the source
    # covers everyone too: no widening
    ("Among children aged 5 to 11, the vaccine was 90% effective.", "The vaccine works for everyone over 5.", None),
    ("In 24 patients with long COVID, fatigue fell.", "It cures long COVID fatigue in every patient.", None),
    ("In older adults, and in everyone else, exercise improved memory.", "Exercise improves memory for anyone.", None),
    ("Exercise improved memory in the trial.", "Exercise improves memory for anyone.", None),
])
def test_a_group_of_people_read_as_everyone_widens_the_scope(source: str, derived: str, detail: str | None) -> None:
    scoped = [r for r in compare_claims(source, derived) if r.code is ReasonCode.SCOPE]
    assert [(r.direction, r.detail) for r in scoped] == ([(O, detail)] if detail else [])


def test_a_denied_finding_stated_as_fact_is_a_negation_not_a_change_of_certainty() -> None:
    # "did not significantly reduce" → "significantly reduced": the reason read
    # "significantly → significantly", then "certainty: not significantly reduce → significantly
    # reduced", where nothing hedged; and "do not support a potential link" read "the source says
    # this is not yet certain (“potential”)"
    source = "In this trial, the drug did not significantly reduce mortality compared with placebo."
    derived = "In this trial, the drug significantly reduced mortality compared with placebo."
    reasons = compare_claims(source, derived)
    assert ReasonCode.CERTAINTY not in {r.code for r in reasons}
    assert [r.source_cue for r in reasons if r.code is ReasonCode.NEGATION] == ["did not"]
    (loose,) = compare_claims(source, derived, same_claim=False)
    assert (loose.code, loose.direction, loose.source_cue) == (ReasonCode.NEGATION, O, "did not significantly reduce")
    source = ("CONCLUSIONS: Our findings do not support a potential link between vitamin D concentrations and risk of "
              "COVID-19 infection, nor that vitamin D concentration may explain ethnic differences in COVID-19 infection.")
    derived = "Findings indicate a link between vitamin D concentration and the risk of COVID-19 infection."
    first = compare_claims(source, derived)[0]
    assert (first.code, first.direction, first.source_cue) == (ReasonCode.NEGATION, O, "do not support")
    assert reason_words(first).startswith("negation, overstated: the source denies the relationship (“do not support”)")


@pytest.mark.parametrize(("source", "derived", "denied"), [
    ("Patients improved quickly.", "Patients didn't improve quickly.", "didn't improve"),
    ("Masks reduced transmission.", "No effect of masks on transmission was found.", "no effect"),
])
def test_a_denial_is_quoted_with_its_verb_and_without_the_sentence_capital(source: str, derived: str, denied: str) -> None:
    reasons = compare_claims(source, derived, same_claim=False)
    assert [(r.direction, r.derived_cue) for r in reasons if r.code is ReasonCode.NEGATION] == [(U, denied)]


@pytest.mark.parametrize(("source", "said"), [
    (("Released on May 27, the data indicate that sewage surveillance could be a sensitive tool to monitor "
      "the virus."), "could be"),
    ("Wearing masks might limit the spread of the virus in schools.", "might limit"),
])
def test_a_possibility_denied_is_quoted_by_its_modal_not_named_a_cause(source: str, said: str) -> None:
    # "could be a sensitive tool" against "is not an effective way" read "the source states a
    # relationship (a cause)": words the source never says
    derived = "Sewage surveillance is not an effective way to monitor the virus."
    (reason,) = [r for r in compare_claims(source, derived, same_claim=False) if r.code is ReasonCode.NEGATION]
    assert (reason.direction, reason.source_cue) == (U, said)
    assert f"the source states a relationship (“{said}”)" in reason_words(reason)


def test_an_acronym_and_its_plural_are_one_word_to_the_reasons() -> None:
    from tui.engine.align.text import stem
    from tui.engine.judge.signals import difference

    assert stem("mscs") == stem("msc") and stem("rcts") == "rct"
    assert stem("ards") == "ard" and stem("this") == "this"  # an "s" of the word itself stays
    derived = "The MSCs utilized in these studies were delivered intravenously."
    source = "Umbilical cord-derived MSC infusions were delivered intravenously."
    assert "mscs" not in difference(derived, source).added and "msc" not in difference(derived, source).added


def test_a_word_list_stemmed_at_once_is_stemmed_as_word_by_word() -> None:
    from tui.engine.align.text import stem, stems
    from tui.engine.lexicon.lists import entries

    words = ["mscs", "rcts", "this", "ards", "1,000", "2.5", "٣٤", "running", "increases", "décès", "x", "",
             *(w for line in entries("antonyms.txt") for w in line.split())]
    assert stems(words) == [stem(w) for w in words]


def test_a_hedged_claim_is_named_by_its_hedge_not_by_a_booster_it_also_has() -> None:
    source = "These outbreaks will depend on the season and on how long immunity lasts."
    derived = "It is unclear how long immunity will last after recovery."
    reasons = compare_claims(source, derived, same_claim=False)
    certainty = [r for r in reasons if r.code is ReasonCode.CERTAINTY]
    assert [(r.direction, r.detail, r.derived_cue) for r in certainty] == [(U, "will → is unclear", "is unclear")]


def test_a_strength_change_with_the_same_cue_both_sides_names_the_strengths() -> None:
    source = "The idea of a shared kitchen for the town came in 1999."
    derived = "The idea of a shared kitchen for the town came in 1999, and it will help the town."
    reasons = compare_claims(source, derived)
    assert [r.detail for r in reasons if r.code is ReasonCode.CERTAINTY] == ["no relationship → cause"]


@pytest.mark.parametrize(("source", "derived", "cue"), [
    ("Conclusions and Relevance: This case series provides early outcomes of hospitalized patients.",
     "Preliminary studies on COVID-19 indicate that severe outcomes are not associated with any condition.",
     "preliminary"),
    ("Some patients recovered within a week.", "All patients recovered within a week.", "all"),
    ("The drug helped patients. Some patients recovered within a week.",
     "The drug helped patients. All patients recovered within a week.", "all"),
])
def test_a_cue_that_opens_a_sentence_is_quoted_in_lower_case(source: str, derived: str, cue: str) -> None:
    """"Added “Preliminary”" quoted the capital the sentence gave the word, not the word."""
    reasons = compare_claims(source, derived)
    assert [r.derived_cue for r in reasons if r.derived_cue] == [cue]
    assert all(f"“{cue.capitalize()}”" not in r.detail for r in reasons)


def test_a_cue_written_in_capitals_keeps_them() -> None:
    from tui.engine.align.text import as_read

    assert as_read("Data from one RCT suggest a benefit.", 14, "RCT") == "RCT"
    assert as_read("ALL patients recovered.", 0, "ALL") == "ALL"
    assert as_read("Patients: Most recovered.", 10, "Most") == "most"
    assert as_read('"Preliminary data suggest a benefit."', 1, "Preliminary") == "preliminary"


@pytest.mark.parametrize(("text", "at", "opens"), [
    ("Aspirin helps.", 0, True), ("(Aspirin helps.)", 1, True), ("It rose. Aspirin helps.", 9, True),
    ("Trials: Aspirin helps.", 8, True), ("Doctors say Aspirin helps.", 12, False), ("In the US, Smith said.", 11, False),
])
def test_a_word_opens_a_sentence_after_a_stop_or_only_quotes(text: str, at: int, opens: bool) -> None:
    from tui.engine.align.text import opens_sentence

    assert opens_sentence(text, at) is opens


@pytest.mark.parametrize(("source", "derived"), [
    # "would" that reports a "will" against "would" in a story told in the past: one word, two readings
    ("It was announced that the third season would be released in the autumn.",
     "The third season would be released before October 2018."),
    ("Ericsson announced it would be merged with the platform company.", "Ericsson will be merged with the company."),
])
def test_one_word_read_two_ways_is_no_change_of_certainty(source: str, derived: str) -> None:
    reasons = compare_claims(source, derived, same_claim=False)
    assert ReasonCode.CERTAINTY not in {r.code for r in reasons}


def test_a_report_of_what_will_happen_against_a_guess_is_overstated() -> None:
    reasons = compare_claims("The plant might close next year.", "The owners said the plant would close next year.",
                             same_claim=False)
    assert [(r.code, r.direction, r.detail) for r in reasons] == [(ReasonCode.CERTAINTY, Direction.OVERSTATED, "might → would")]


@pytest.mark.parametrize(("source", "derived", "reasoned"), [
    # the hedge is about the spillage, not the preference
    ("Absorbent material is preferred for clothing in routine care where risk of large spillage is unlikely.",
     "Absorbent material has been shown to be better for clothing in routine care.", False),
    ("Although the data may be biased, masks cut transmission in households.",
     "Masks have been shown to cut transmission in households.", False),
    ("Masks may cut transmission in households.", "Masks have been shown to cut transmission in households.", True),
])
def test_a_hedge_in_a_clause_that_sets_the_scene_is_not_the_claims(source: str, derived: str, reasoned: bool) -> None:
    reasons = compare_claims(source, derived, same_claim=False)
    assert (ReasonCode.CERTAINTY in {r.code for r in reasons}) is reasoned


def test_a_reason_names_the_findings_verb_not_one_in_a_relative_clause() -> None:
    reasons = compare_claims("Tocilizumab was associated with a decreased likelihood of death in ventilated patients.",
                             "Drugs that block interleukin-6 can increase the likelihood of death in ventilated patients.")
    assert "block" not in " ".join(r.detail for r in reasons)
    assert reasons


def test_scope_marks_of_a_lower_cased_text_are_the_texts_own() -> None:
    """An ASCII text is searched lower-cased, a pattern matching case: the same words, as the
    text writes them, as the patterns that ignore case find."""
    import random

    from tui.engine.judge import scope

    words = ["Mice", "mouse", "RATS", "in", "Vitro", "cell", "Cultures", "patients", "Humans", "this", "New",
             "study", "Trials", "research", "our", "a", "the", "recent", "Evidence", "show", "Science", "of", "-"]
    chance = random.Random(3)
    found = 0
    for _ in range(3000):
        text = " ".join(chance.choice(words) for _ in range(chance.randint(1, 9)))
        ignoring_case = tuple(m.group() if (m := pattern.search(text)) else None for pattern, _ in scope._SCOPE_MARKS)
        assert scope_marks(text) == ignoring_case, text
        found += sum(mark is not None for mark in ignoring_case)
    assert found > 3000


def test_advice_the_source_gives_too_is_no_reason() -> None:
    source = "Clinicians should consider screening older adults for vitamin D deficiency."
    assert compare_claims(source, "Doctors should consider screening older adults for vitamin D deficiency.") == []
    # and a claim that leaves the advice out still says what the source found
    assert ReasonCode.ADVICE not in {r.code for r in compare_claims(source, "Older adults are often deficient.",
                                                                     same_claim=False)}


def test_a_finding_called_settled_is_overstated_unless_the_words_are_denied_or_the_source_s_own() -> None:
    source = "In this trial of 120 adults, curcumin improved joint pain scores compared with placebo."
    for claim, settled in (("Curcumin is clinically proven to relieve joint pain.", "clinically proven"),
                           ("This trial proves that curcumin relieves joint pain.", "proves that"),
                           ("Curcumin relieves joint pain, guaranteed.", "guaranteed")):
        for same_claim in (True, False):
            (reason,) = [r for r in compare_claims(source, claim, same_claim=same_claim)
                         if r.code is ReasonCode.CERTAINTY]
            assert (reason.direction, reason.derived_cue) == (O, settled)
            assert reason_words(reason) == ("certainty, overstated: the source reports a finding; the derived text "
                                            f"calls it settled (“{settled}”)")
    for claim in ("It has not been proven that curcumin relieves joint pain.",
                  "Curcumin improved biopsy-proven joint pain scores compared with placebo."):
        assert ReasonCode.CERTAINTY not in {r.code for r in compare_claims(source, claim)}, claim
    proven = "Curcumin is a proven treatment that relieves joint pain."
    assert not compare_claims(proven, "Curcumin is clinically proven to relieve joint pain.")


def test_a_shared_figure_ties_statements_only_when_it_is_distinctive() -> None:
    from tui.engine.judge.numbers import shares_a_figure

    paper = "Taking 8,000 steps per day (18.4% of adults) was associated with lower mortality in 2015 (95% CI; p = 0.05)."
    assert shares_a_figure("People who walk 8,000 steps a day live longer.", paper)
    assert shares_a_figure("Almost 18.4% of adults walk that much.", paper)
    for claim in ("In 2015, walking was popular.", "We are 95% sure.", "It mattered, p = 0.05.", "Walk 12 minutes."):
        assert not shares_a_figure(claim, paper), claim
