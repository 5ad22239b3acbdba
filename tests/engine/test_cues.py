"""Cue finding: a named table of (text, expected cues) rows, plus the span invariants."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.engine.judge.signals import negation_words
from tui.engine.lexicon.cues import (
    CATEGORIES,
    Cue,
    _lexicon,
    _looked_up,
    _resolved,
    _scanned,
    bioscope_hedges,
    booster_cues,
    cues_of,
    find_cues,
    hedge_cues,
    is_hedged,
)
from tui.engine.model import Role
from tui.engine.segment.segment import segment

TABLE = [
    ("hedge-modal", "MSCs may improve outcomes.", [("hedge", "may"), ("causal", "improve")]),
    ("hedge-inflected", "The data suggested a role.", [("hedge", "suggested")]),
    ("hedge-multiword", "It appears to bind DNA.", [("hedge", "appears to")]),
    ("indicate-that", "Results indicate that X binds Y.", [("hedge", "indicate that")]),
    ("booster-shown", "MSCs have been shown to reduce mortality.", [("booster", "have been shown"), ("causal", "reduce")]),
    ("booster-cures", "This drug cures cancer and will help everyone.",
     [("booster", "cures"), ("booster", "will"), ("causal", "help"), ("universal", "everyone")]),
    ("will-have-to", "Countries will have to weigh it, and we will need to test it.", []),  # an obligation, not certainty
    ("negation", "It did not fail to work without support.", [("negation", "did not"), ("negation", "fail to"), ("negation", "without")]),
    ("never-is-negation", "It never works, perhaps.", [("negation", "never"), ("hedge", "perhaps")]),
    ("absence-of", "In the absence of data, lack of effect was seen.", [("negation", "absence of"), ("negation", "lack of")]),
    ("association", "Coffee is linked to lower risk and associated with MS.",
     [("association", "linked to"), ("association", "lower risk"), ("association", "associated with")]),
    ("more-likely", "Patients were 27% more likely to die.", [("number", "27%"), ("association", "more likely")]),
    ("causal-due-to", "Deaths due to sepsis increased because of late care.",
     [("causal", "due to"), ("causal", "increased"), ("causal", "because of")]),
    ("range-to", "50 to 80 percent of people recover.", [("number", "50 to 80 percent")]),
    ("range-dash", "Ratios of 1.8–6.0 were seen in 12 patients.", [("number", "1.8–6.0"), ("number", "12 patients")]),
    ("ci-and-p", "OR 1.25 (95% CI 1.19–1.31, p < 0.001).", [("number", "1.25"), ("number", "95% CI 1.19–1.31"), ("number", "p < 0.001")]),
    ("no-number-in-name", "COVID-19 and SARS-CoV-2 are named.", []),
    ("quantifiers", "Some patients, but not all, and most trials.",
     [("partial", "Some"), ("negation", "not"), ("universal", "all"), ("partial", "most")]),
    ("caveat-needed", "Further research is needed to confirm this.", [("caveat", "Further research is needed"), ("booster", "confirm")]),
    ("caveat-validate", "Additional phase II/III trials are required to validate the efficacy.",
     [("caveat", "Additional phase II/III trials are required")]),
    ("caveat-assess", "Future studies need to assess efficacy.", [("caveat", "Future studies"), ("caveat", "need to assess")]),
    ("caveat-unclear", "The mechanism remains unclear; results are preliminary.",
     [("caveat", "remains unclear"), ("caveat", "preliminary")]),
    ("whole-words", "Mayday, nothingness and allotment.", []),
    ("caveat-denied", "No further trials are needed before it is used.", [("booster", "No further trials are needed")]),
    ("caveat-denied-apart", "No: further trials are needed.", [("negation", "No"), ("caveat", "further trials are needed")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_cue_table(name: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.category, c.text) for c in find_cues(text)] == expected


@given(st.text(alphabet=st.sampled_from(list("abcdmnotwlyis 0123456789.%-–,")), max_size=80)
       | st.sampled_from([row[1] for row in TABLE]))
def test_spans_sorted_disjoint_and_exact(text: str) -> None:
    cues = find_cues(text)
    for cue in cues:
        assert text[cue.start:cue.end] == cue.text and cue.text.strip() == cue.text
        assert cue.category in CATEGORIES
    for left, right in pairwise(cues):
        assert left.end <= right.start


def test_category_helpers() -> None:
    text = "It may have been shown to work, perhaps."
    assert [c.text for c in hedge_cues(text)] == ["may", "perhaps"]
    assert [c.text for c in booster_cues(text)] == ["have been shown"]
    assert cues_of(text, "negation") == []
    with pytest.raises(ValueError, match="unknown cue category"):
        cues_of(text, "mood")


@pytest.mark.parametrize(("text", "hedged"), [
    ("These results suggest that NF-kB is required.", True),
    ("It is unclear whether the effect is direct.", True),
    ("IL-2 might act through STAT5.", True),
    ("We measured IL-2 in 40 patients.", False),
    ("The protein binds DNA or RNA.", False),
    ("This can be done in a day.", False),
])
def test_is_hedged(text: str, hedged: bool) -> None:
    assert is_hedged(text) is hedged


def test_bioscope_rule_selects_precise_cues() -> None:
    cues = bioscope_hedges()
    assert {"may", "suggest", "whether", "indicate that"} <= set(cues)
    assert "or" not in cues and "can" not in cues  # marked rarely: low precision in dev


def test_a_megabyte_in_one_text() -> None:
    text = ("MSCs may reduce mortality by 30% (95% CI 12–41) but further trials are needed. " * 13_000)[:1_000_000]
    cues = find_cues(text)
    assert len(cues) > 50_000
    assert isinstance(cues[0], Cue)
    assert cues[-1].end <= len(text)


# The matcher looks cues up by their first word; scanning with each category's whole
# alternation is the reference it must agree with, on real statements and on made-up ones.
_SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_SEED_STATEMENTS = [
    s.text for name in ("msc-covid-abstract.txt", "msc-covid-blog.txt")
    for s in segment((_SEEDS / name).read_text(encoding="utf-8"), Role.SOURCE)
]
_LEXICON_WORDS = sorted(_lexicon().by_word)


def _both_ways(text: str) -> tuple[tuple[Cue, ...], tuple[Cue, ...]]:
    return _resolved(text, _looked_up(text, text.lower())), _resolved(text, _scanned(text))


@pytest.mark.parametrize("text", [*_SEED_STATEMENTS, *(row[1] for row in TABLE)])
def test_look_up_finds_what_scanning_finds(text: str) -> None:
    looked_up, scanned = _both_ways(text)
    assert looked_up == scanned


@given(st.lists(st.sampled_from(_LEXICON_WORDS) | st.sampled_from(["the", "x", "-", "'s", "2", ",", "ten", "p <", "\n"]),
                max_size=14).map(" ".join))
def test_look_up_finds_what_scanning_finds_on_lexicon_words(text: str) -> None:
    looked_up, scanned = _both_ways(text)
    assert looked_up == scanned


def test_non_ascii_words_are_looked_up_as_scanning_finds_them() -> None:
    text = "Die Studie zeigt: MSCs may reduce Übersterblichkeit in 30% of patients."
    looked_up, scanned = _both_ways(text)
    assert find_cues(text) == list(scanned) == list(looked_up)
    assert ("hedge", "may") in [(c.category, c.text) for c in find_cues(text)]


def test_letters_that_fold_to_ascii_are_every_one_there_is_and_are_scanned() -> None:
    import re

    from tui.engine.lexicon.cues import _FOLDS_TO_ASCII

    ascii_letter = re.compile("[A-Za-z]", re.IGNORECASE)
    folding = {chr(c) for c in range(0x80, 0x110000) if ascii_letter.fullmatch(chr(c))}
    assert folding == set(_FOLDS_TO_ASCII.pattern[1:-1])
    text = "Results ſuggest a KEY rıse."  # long s, Kelvin sign, dotless i
    assert find_cues(text) == list(_resolved(text, _scanned(text)))
    assert [c.text for c in find_cues(text)] == ["ſuggest"]  # a hedge only the regex engine folds


_NON_ASCII = ["β-catenin", "ω-3", "Übersterblichkeit", "ΣΠ", "naïve", "café", "≥4%", "μg", "Ⅳ", "ﬁnd", "١٢"]


@given(st.lists(st.sampled_from(_LEXICON_WORDS) | st.sampled_from(["the", "-", "'s", "2", "ten", "p <", *_NON_ASCII]),
                max_size=14).map(" ".join))
def test_look_up_finds_what_scanning_finds_among_non_ascii_words(text: str) -> None:
    looked_up, scanned = _both_ways(text)
    assert looked_up == scanned


def test_every_category_is_looked_up_but_numbers() -> None:
    assert [category for _, category, _ in _lexicon().scanned] == ["number"]


@pytest.mark.parametrize(("text", "hedged"), [
    ("She was found on May 11, beaten to death.", False),
    ("In May 2020 the trial enrolled 400 people.", False),
    ("Cases have fallen since May in every region.", False),
    ("The law was passed on 3 May by the senate.", False),
    ("Coffee may protect against stroke.", True),
    ("May help you sleep better.", True),
    ("Coffee May Protect Against Stroke", True),
])
def test_the_month_may_is_not_a_hedge(text: str, hedged: bool) -> None:
    assert any(c.category == "hedge" for c in find_cues(text)) is hedged


@pytest.mark.parametrize(("text", "negated"), [
    ("Annett will drive the No. 1 Chevrolet.", False),
    ("The single reached No.3 in the UK.", False),
    ("Cars Nos. 4 and 5 were withdrawn.", False),
    ("No patients died.", True),
    ("There was no 5-year survival benefit.", True),  # "no" before a number, but no full stop
    ("No. Patients died.", True),
])
def test_the_abbreviation_no_before_a_number_is_not_a_negation(text: str, negated: bool) -> None:
    assert any(c.category == "negation" for c in find_cues(text)) is negated
    assert bool(negation_words(text)) is negated


@pytest.mark.parametrize(("text", "cue", "kept"), [
    ('The music video "Shape of You" had 3.6 billion views by July 2018.', "Shape", False),
    ("He appeared in No Country for Old Men in 2007.", "No", False),
    ("The paper ran in the Journal of Cancer Causes and Control.", "Causes", False),
    ("She toured with Will Ferrell, which may help.", "Will", False),
    ("Reduced salt lowers blood pressure.", "Reduced", True),  # opens the sentence
    ("Conclusions: Reduced doses were safe.", "Reduced", True),  # opens a clause after a colon
    ("Vitamin D Reduces Risk Of Death In Elderly Patients", "Reduces", True),  # a Title Case heading
    ("The vaccine did NOT protect the elderly.", "NOT", True),  # capitals, not a name
    ("Masks reduce the spread, the Associated Press reported.", "reduce", True),
    ("- Cures long COVID fatigue.", "Cures", True),  # opens a list item
    ("– Significantly reduces joint pain.", "Significantly", True),
    ("✅ Cures long COVID fatigue.", "Cures", True),
])
def test_a_capitalised_cue_inside_a_sentence_is_a_name(text: str, cue: str, kept: bool) -> None:
    assert any(cue in c.text for c in find_cues(text)) is kept


@pytest.mark.parametrize(("text", "negated"), [
    ("The Brave Little Toaster premiered before July 11, 1987.", False),
    ("He appeared in No Country for Old Men in 2007.", False),
    ("It never worked, said the Never Again campaign.", True),  # also written in lower case
    ("Little is known about the virus.", True),  # opens the sentence
    ("No patients died.", True),
])
def test_a_negation_word_inside_a_name_negates_nothing(text: str, negated: bool) -> None:
    assert bool(negation_words(text)) is negated


@pytest.mark.parametrize(("text", "hedged"), [
    ("Symptoms appeared within five days of exposure.", False),
    ("He appeared in three films in 2007.", False),
    ("A rash appears on the arms first.", False),
    ("The drug appears to reduce pain.", True),
    ("It appears that masks work.", True),
    ("The effect appeared significant in older adults.", True),
])
def test_appear_as_show_up_is_no_hedge(text: str, hedged: bool) -> None:
    assert any(c.category == "hedge" for c in find_cues(text)) is hedged


@pytest.mark.parametrize(("text", "category"), [
    ("Ericsson announced it would be merged with the platform company.", "booster"),
    ("It was confirmed that Ashcroft would be supporting the band in June.", "booster"),
    ("The minister said, after the vote, that the plant would close.", "booster"),
    ("Masks would reduce the spread of the virus.", "hedge"),
    ("Experts expected that prices would rise.", "hedge"),  # a guess, reported
    ("He said so. The plan would fail.", "hedge"),  # the report ended with its sentence
])
def test_would_after_a_verb_of_saying_reports_a_will(text: str, category: str) -> None:
    assert [c.category for c in find_cues(text) if c.text.lower() == "would"] == [category]


@pytest.mark.parametrize(("text", "boosted"), [
    ("As of February 20, there were 55,508 confirmed cases in mainland China.", False),
    ("Patients with laboratory-confirmed infection were included.", False),
    ("Suspected and confirmed cases rose.", False),
    ("Most established coronaviruses show winter seasonality.", False),
    ("The trial confirmed that masks work.", True),
    ("Studies confirmed efficacy in adults.", True),  # a verb with its subject
    ("It is established that smoking causes cancer.", True),
    ("The link was confirmed by two trials.", True),
])
def test_confirmed_before_its_noun_vouches_for_nothing(text: str, boosted: bool) -> None:
    assert any(c.category == "booster" for c in find_cues(text)) is boosted


def test_the_quick_look_for_a_numero_answers_as_the_pattern() -> None:
    """``writes_numero`` answers without its pattern where no "no." is written: over many texts
    of what a *No.* is made of, in any case (the long s and the dotless i too), both agree."""
    import random
    import re

    from tui.engine.lexicon import numero

    written = re.compile(r"\bnos?\.\s?(?=\d)", re.IGNORECASE)
    pieces = ["no", "No", "NO", "nO", "nos", "NOS", "noſ", "ſ", "s", ".", ". ", " ", "1", "1", "x", "-", "ın", "\u00a0"]
    chance = random.Random(5)
    found = 0
    for _ in range(20_000):
        text = "".join(chance.choice(pieces) for _ in range(chance.randint(1, 10)))
        full = "." in text and written.search(text) is not None
        assert numero.writes_numero(text) is full, text
        found += full
    assert found > 100
