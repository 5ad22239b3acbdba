"""Quantities read as a reviewer reads them, and the number rule that compares them."""

from __future__ import annotations

import pytest

from tui.engine.judge.amounts import Numbers, bears
from tui.engine.judge.classify import compare_claims
from tui.engine.judge.dates import year_borne
from tui.engine.judge.quantity import Quantity, quantities
from tui.engine.judge.signals import unborne
from tui.engine.model import Direction, ReasonCode


def read(text: str) -> list[tuple[float, str, str, float | None]]:
    return [(round(q.value, 2), q.bound, q.unit, q.upper) for q in quantities(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The drug cut the risk by 40 per cent.", [(40.0, "=", "%", None)]),
    ("The drug cut the risk by 40 percent.", [(40.0, "=", "%", None)]),
    ("The drug cut the risk by 40%.", [(40.0, "=", "%", None)]),
    ("Unemployment rose by 0.5 percentage points.", [(0.5, "=", "pp", None)]),
    ("Unemployment rose by half a percentage point.", [(0.5, "=", "pp", None)]),
    ("One in four patients had a clot.", [(25.0, "~", "%", None)]),
    ("3 out of 10 adults are obese.", [(30.0, "~", "%", None)]),
    ("Nearly one in every hundred children", [(1.0, "~", "%", None)]),
    ("Half of the patients recovered.", [(50.0, "~", "%", None)]),
    ("A third of the patients recovered.", [(33.33, "~", "%", None)]),
    ("Two-thirds of adults", [(66.67, "~", "%", None)]),
    ("two thirds of council houses", [(66.67, "~", "%", None)]),  # the count is no amount of its own
    ("Three quarters of adults", [(75.0, "~", "%", None)]),
    ("Between 10 and 20 patients died.", [(10.0, "=", "", 20.0)]),
    ("between 1-10% of infected people", [(1.0, "=", "%", 10.0)]),
    ("aged 18–65 years", [(18.0, "=", "", 65.0)]),
    ("more than four deaths", [(4.0, ">", "", None)]),
    ("the top-8 nations qualified", [(8.0, "=", "", None)]),  # a rank, not a name such as IL-6
    ("As of 18 April 2020, 4,160 cases", [(2020.0, "y", "", None), (4160.0, "=", "", None)]),  # a date
    ("after April 15, 30 patients", [(30.0, "=", "", None)]),
    ("a trip during March 14-19 infected 60", [(60.0, "=", "", None)]),
])
def test_amounts_are_read_with_their_units_shares_and_ranges(text: str, expected: list[tuple[object, ...]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    "rose from 10% to 20%",  # a change, not a range
    "12·4% (95% CI 9·8-15·4)",  # an interval around an estimate
    "in 2019-2020",  # two years
    "COVID-19 and IL-6",  # digits of names
    "a third dose was given",  # an ordinal, not a share
    "as early as the second half of January",  # a stretch of time, not a share
])
def test_changes_intervals_years_and_ordinals_are_not_ranges_or_shares(text: str) -> None:
    assert all(q.upper is None for q in quantities(text))
    assert all(q.unit != "%" or "%" in q.said for q in quantities(text))


@pytest.mark.parametrize("text", [
    "a secondary attack rate of 12·4% (95% CI 9·8-15·4)",
    "an odds ratio of 1.9 (95%CI, 1.4-2.6)",
    "1.3 (90 % confidence interval 1.1 to 1.5)",
    "a median of 4 days (95% credible interval 2-7)",
])
def test_the_level_of_an_interval_is_no_amount(text: str) -> None:
    """"95% CI" sets the interval; it is no share that could bear out "more than half"."""
    # (an odds ratio of 1.9 also implies a change of 90%, not read from the interval's level)
    assert all(q.value not in (90.0, 95.0) for q in quantities(text) if not q.implied)
    assert not bears(quantities(text), quantities("more than half of them")[0])


@pytest.mark.parametrize(("text", "years"), [
    ("the 2018–19 UEFA Champions League", [2018.0, 2019.0]),
    ("during the 2019-20 pandemic", [2019.0, 2020.0]),
    ("the 1999/00 season", [1999.0, 2000.0]),
])
def test_a_season_is_two_years_not_a_year_and_an_amount(text: str, years: list[float]) -> None:
    found = quantities(text)
    assert [q.value for q in found] == years
    assert all(q.is_year for q in found)


def test_a_count_in_a_year_dates_it_and_is_no_share() -> None:
    assert read("He was Case 39 in 2006.") == [(39.0, "=", "", None), (2006.0, "y", "", None)]
    assert read("It strikes one in 2000 births.") == [(0.05, "~", "%", None)]


@pytest.mark.parametrize(("claimed", "source", "borne"), [
    ("the majority of samples held antibodies", "fewer than 10% of adults formed antibodies", False),
    ("a minority of patients had a fever", "fever in 16 of 86 (19%) episodes", True),
    ("the vast majority of patients recovered", "recovery in 91% of patients", True),
    ("the majority of coronaviruses peak in winter", "most coronaviruses peak in winter", True),  # no share to deny it
    ("the majority of coronaviruses peak in winter", "persisting in a minority of infected animals", True),
])
def test_a_majority_is_more_than_half_and_only_a_share_denies_it(claimed: str, source: str, borne: bool) -> None:
    claim = quantities(claimed)[0]
    assert claim.vague
    assert bears(quantities(source), claim) is borne
    assert Numbers(quantities(source)).bears(claim) is borne


def test_a_vague_share_bears_out_no_amount() -> None:
    assert not bears(quantities("in a minority of animals"), quantities("30% of animals")[0])


@pytest.mark.parametrize("claimed", ["30% of animals", "between 40 and 60% of animals"])
def test_a_vague_share_is_neither_compared_nor_named(claimed: str) -> None:
    """A range is no more borne out by "a majority" than an amount is, the document's reader
    agrees, and the number rule names no vague share as the amount a claim changed."""
    source = "Persistence was seen in the majority of animals."
    claim = quantities(claimed)[-1]
    assert not bears(quantities(source), claim)
    assert not Numbers(quantities(source)).bears(claim)
    assert not [r for r in compare_claims(source, f"Persistence was seen in {claimed}.") if r.code is ReasonCode.NUMBER
                and "majority" in r.detail]


@pytest.mark.parametrize(("source", "derived", "change"), [
    ("The drug cut the risk by 21%.", "The drug cut the risk by 40%.", "21% → 40%"),
    ("It cost 5 million dollars.", "It cost 50 million dollars.", "5 million → 50 million"),  # a slipped decimal point
    ("The ward reported 0 deaths this week.", "The ward reported 5 deaths this week.", "0 → 5"),
    ("More than 63,000 fans packed into the ground.", "United beat Arsenal 5–4 at the ground.",
     "5: not borne out by the source"),
])
def test_the_number_rule_compares_amounts_of_one_size(source: str, derived: str, change: str) -> None:
    """A changed amount is a version of the source's: 63,000 fans are not an earlier 5 goals,
    so the reason says the source never states it."""
    found = [r.detail for r in compare_claims(source, derived) if r.code is ReasonCode.NUMBER]
    assert found == [change]


def test_a_share_of_95_per_cent_is_still_an_amount() -> None:
    assert read("95% of patients recovered") == [(95.0, "=", "%", None)]


@pytest.mark.parametrize(("claimed", "source", "borne"), [
    ("one in four", "25% (20/81)", True),
    ("one in four", "13%", False),
    ("half of them", "50% of them", True),
    ("40 per cent", "40%", True),
    ("40 per cent", "21% of 40 patients", False),  # compared with the percentage, not the count
    ("between 10 and 20 patients", "15 patients", True),
    ("between 10 and 20 patients", "35 patients", False),
    ("about 15 patients", "between 10 and 20 patients", True),
    ("nearly 30%", "29.4%", True),
    ("1.2 million people", "1,200,000 people", True),
    ("1.2 million people", "120,000 people", False),
    ("half a percentage point", "2 percentage points", False),
    ("more than 176 people", "176 recoveries", False),  # a bound is strict
    ("less than 4%", "a rating of 4%", False),
    ("more than 950 carriers", "more than 950 carriers", True),  # unless the source says the same
    ("under 975 carriers", "more than 950 carriers", True),
    ("less than 2,010 deaths", "2,001 deaths", True),  # a thousands comma makes no year
    ("more than four deaths", "5 deaths", True),
    ("at least 60 students", "60 students", True),  # "at least" takes its number in, "more than" does not
    ("no fewer than three albums", "three albums", True),
    ("at least three albums", "two albums", False),
    ("up to 20% of patients", "20% of patients", True),
    ("no more than 3 doses", "3 doses", True),  # "no more than" bounds from above
    ("no more than 3 doses", "4 doses", False),
    ("averaged over 100 critics", "100 critics", True),  # a mean taken over a set: no bound
    ("sold over 100 copies", "100 copies", False),
])
def test_a_source_bears_out_a_claimed_amount_as_a_reader_would(claimed: str, source: str, borne: bool) -> None:
    found = [q for q in quantities(source) if not q.is_year]
    assert all(bears(found, q) for q in quantities(claimed)) is borne


@pytest.mark.parametrize(("source", "derived"), [
    ("The drug cut the risk by 40%.", "The drug cut the risk by 40 per cent."),
    ("The incidence of VTE was 25%.", "One in four patients had a VTE."),
    ("29.4% responded.", "Nearly 30% responded."),
    ("The trial enrolled 1,200,000 people.", "The trial enrolled 1.2 million people."),
    ("15 patients died.", "Between 10 and 20 patients died."),
])
def test_the_number_rule_passes_the_same_amount_written_another_way(source: str, derived: str) -> None:
    assert not [r for r in compare_claims(source, derived) if r.code is ReasonCode.NUMBER]


def test_a_mean_taken_over_a_set_says_how_many_not_more_than() -> None:
    """VitaminC's Rotten Tomatoes claims write "averaged over 100 critics": the reason named
    "100 → over 100", where what changed is the rating."""
    source = ("Rotten Tomatoes reports that 6% of 100 critics have given Paranoia a positive review, with an "
              "average rating of 3.8/10.")
    derived = "Averaged over 100 critics, the film Paranoia rated under 3.75/10."
    assert [r.detail for r in compare_claims(source, derived) if r.code is ReasonCode.NUMBER] == ["3.8 → under 3.75"]


@pytest.mark.parametrize(("source", "derived", "detail", "direction"), [
    ("The drug cut the risk by 21%.", "The drug cut the risk by 40 per cent.", "21% → 40 per cent", Direction.OVERSTATED),
    ("13% of adults are obese.", "Three in ten adults are obese.", "13% → three in ten", Direction.OVERSTATED),
    ("35 patients died.", "Between 10 and 20 patients died.", "35 → between 10 and 20", Direction.UNDERSTATED),
    ("The trial enrolled 120,000 people.", "The trial enrolled 1.2 million people.", "120,000 → 1.2 million",
     Direction.OVERSTATED),
    # an amount joined to its unit by a hyphen is still an amount
    ("A 45-year-old man died.", "A 54-year-old man died.", "45 → 54", Direction.OVERSTATED),
    ("It fired a 30-pound projectile.", "It fired a 23-pound projectile.", "30 → 23", Direction.UNDERSTATED),
    ("The 5-year survival rate was 40%.", "The 10-year survival rate was 40%.", "5 → 10", Direction.OVERSTATED),
    # and so is one glued to a unit, a scale or an ordinal's ending
    ("Each tablet holds 5mg of the drug.", "Each tablet holds 50mg of the drug.", "5 → 50", Direction.OVERSTATED),
    ("The film grossed $20m worldwide.", "The film grossed $40m worldwide.", "20 m → 40 m", Direction.OVERSTATED),
    ("The club finished 4th in the league.", "The club finished 5th in the league.", "4 → 5", Direction.OVERSTATED),
])
def test_the_number_rule_names_a_changed_amount_as_both_texts_write_it(
    source: str, derived: str, detail: str, direction: Direction
) -> None:
    numbers = [r for r in compare_claims(source, derived) if r.code is ReasonCode.NUMBER]
    assert [(r.detail, r.direction) for r in numbers] == [(detail, direction)]


def test_a_number_the_claim_adds_beside_all_of_the_source_s_is_no_changed_number() -> None:
    # every amount of the source is still there: "3 hospitals" adds a detail, it changes none
    source, derived = "Twenty patients died.", "Twenty patients died in 3 hospitals."
    assert not [r for r in compare_claims(source, derived) if r.code is ReasonCode.NUMBER]


def test_a_quantity_keeps_its_place_in_equality() -> None:
    assert Quantity(40.0, "=", unit="%") != Quantity(40.0, "=")
    assert Quantity(10.0, "=", "10-20", upper=20.0) == Quantity(10.0, "=", "other words", upper=20.0)


@pytest.mark.parametrize(("text", "bound", "said"), [
    ("Connor Franta was born before 2000.", "y<", "before 2000"),
    ("He joined Inter Milan after 3 August 2016.", "y>", "after 3 august 2016"),
    ("The shop will open by late 2014.", "y<=", "by late 2014"),
    ("He has lived there since 2015.", "y>=", "since 2015"),
    ("The album was released in 2012.", "y", "2012"),
    ("By the late 1990s, the bridge was full.", "ys", "1990s"),  # a decade
    ("It was popular in the 1980's.", "ys", "1980's"),
])
def test_a_year_is_read_with_the_bound_its_words_put_on_it(text: str, bound: str, said: str) -> None:
    [year] = quantities(text)
    assert (year.value > 1900, year.is_year, year.bound, year.said) == (True, True, bound, said)


@pytest.mark.parametrize(("claimed", "source", "borne"), [
    ("born before 1990", "born March 10, 1988", True),
    ("born before 1990", "born March 10, 1992", False),
    ("born before 1990", "born in 1990", False),  # before is strict
    ("elected by 2014", "elected in 2014", True),
    ("joined after 2015", "joined on 3 August 2016", True),
    ("joined after 2015", "joined on 3 August 2015", False),
    ("open since 2015", "opened in 2015", True),
    ("released in 2012", "released after 2010", False),  # a bound does not pin the year
    ("released before 2000", "released before 1995", True),
    ("released after 2000", "released before 2005", False),
    ("popular in the 1990s", "popular in 1994", True),
    ("popular in the 1990s", "built in the 1950s", False),
    ("released before 2000", "released in the 1990s", True),
    ("released in 1990", "released in the 1990s", False),  # a decade does not pin the year
    # within one year, the dates written with it decide
    ("four deaths before April 18, 2020", "As of 17 April 2020, 4 deaths", True),
    ("four deaths before April 16, 2020", "As of 17 April 2020, 4 deaths", False),
    ("born before June 1, 1987", "born May 24, 1987", True),
    ("published after January 2020", "publishes in March 2020", True),
    ("published after March 2020", "publishes in March 2020", False),
    ("sold before November 2018", "by September 2018 it had sold", True),
    ("elected by April 2014", "elected in 2014", False),  # the year alone does not say it was by April
])
def test_a_source_bears_out_a_bounded_year_as_a_reader_would(claimed: str, source: str, borne: bool) -> None:
    years = [q for q in quantities(source) if q.is_year]
    assert year_borne(years, quantities(claimed)[0]) is borne
    assert (unborne(claimed, source) == []) is borne


@pytest.mark.parametrize(("text", "said"), [
    ("Piranha 3D received positive reviews.", []),  # a name
    ("Cells grew faster in a 2D culture.", []),
    ("Tablets of 5mg were printed in 3D.", ["5"]),  # a unit glued on is still an amount
    ("The club plays in the 4th tier.", ["4"]),
    ("It was popular in the 1990s.", ["1990s"]),
])
def test_digits_glued_to_letters_that_are_no_unit_are_part_of_a_name(text: str, said: list[str]) -> None:
    assert [q.said for q in quantities(text)] == said


@pytest.mark.parametrize(("text", "pairs"), [
    ("The rounds weigh 10 kg (23 lb) each.", [(10.0, 23.0), (23.0, 10.0)]),
    ("The cell was at a distance of 30 meters (98 feet).", [(30.0, 98.0), (98.0, 30.0)]),
    ("The lake lies about 5 miles (c. 8 km) away.", [(5.0, 8.0), (8.0, 5.0)]),
    ("Of 12 patients (8 women), 104 patients (81%) had a fever.", [(12.0, None), (8.0, None), (104.0, None),
                                                                   (81.0, None)]),
    ("Doses of 5 mg (10 mg in adults) were given.", [(5.0, None), (10.0, None)]),
])
def test_an_amount_converted_in_brackets_is_one_amount_in_two_units(
        text: str, pairs: list[tuple[float, float | None]]) -> None:
    assert [(q.value, q.also) for q in quantities(text)] == pairs


@pytest.mark.parametrize(("source", "borne"), [
    ("The gun fires a projectile of 23 pounds at Mach 7.", []),
    ("The gun fires a projectile of 10 kilograms at Mach 7.", []),
    ("The gun fires a projectile of 30 pounds at Mach 7.", ["10", "23"]),
])
def test_a_source_that_gives_either_unit_bears_out_a_converted_amount(source: str, borne: list[str]) -> None:
    derived = "The hyper-velocity rounds weigh 10 kg (23 lb) and are fired at Mach 7."
    assert unborne(derived, source) == borne
    claimed = quantities(derived)
    assert [Numbers(quantities(source)).bears(q) for q in claimed] == [bears(quantities(source), q) for q in claimed]


def test_a_number_glued_to_a_name_or_another_word_is_no_value() -> None:
    from tui.engine.judge.numbers import values

    assert values("Piranha 3D, COVID-19, SARS-CoV-2, IL-6, the tenth, the tens, 10-20 days, two-thirds") == ()
    assert values("5mg, 4th, $20m, 10x, ten, a 45-year-old, the 1990s") == ("5", "4", "20", "10", "10", "45")


def test_a_source_amount_bears_out_one_claimed_value_at_most() -> None:
    # $51.6 million is nearest to both claimed amounts: it is the counterpart of $51.7 million,
    # so "over $50 million" is asked against the rest ($47 million) and is not borne out either
    source = ("Insidious: Chapter 3 has grossed $51.6 million in North America and $47 million in other "
              "territories, for a worldwide total of $98.6 million.")
    derived = ("Insidious: Chapter 3 earned more than $51.7 million in the United States and Canada, and over "
               "$50 million in other territories.")
    assert unborne(derived, source) == ["more than 51.7 million", "over 50 million"]
    # the same value claimed twice still leans on one amount
    assert unborne("All 5 of the 5 patients recovered.", "5 patients recovered.") == []
    # and two claimed values with two counterparts are both borne out
    assert unborne("Deaths fell from 30 to 20 a day.", "Deaths fell from 30.0 to 20 a day.") == []


@pytest.mark.parametrize(("text", "said"), [
    ("Insidious: Chapter 3 grossed $51.6 million.", ["51.6 million"]),
    ("Season 1 of the show has 67 reviews.", ["67"]),
    ("Episode 5 drew 2 million viewers.", ["2 million"]),
    ("The trial's phase 2 enrolled 40 adults.", ["40"]),
    ("A part of 20 films was shown.", ["20"]),  # a share of something, not a label
])
def test_a_number_after_a_word_that_names_a_part_is_a_label(text: str, said: list[str]) -> None:
    assert [q.said for q in quantities(text)] == said



def test_a_claimed_amount_that_lost_its_nearest_source_amount_is_named_against_the_rest() -> None:
    # $51.6 million is the counterpart of "more than $51.7 million"; "over $50 million",
    # claimed first, is changed from the $47 million that is left, not from $51.6 million
    source = "The film has grossed $51.6 million at home and $47 million abroad."
    derived = "The film grossed over $50 million abroad and more than $51.7 million at home."
    numbers = [r for r in compare_claims(source, derived) if r.code is ReasonCode.NUMBER]
    assert [(r.detail, r.direction) for r in numbers] == [("47 million → over 50 million", Direction.OVERSTATED)]


def test_a_count_of_a_whole_is_also_the_share_it_makes() -> None:
    found = quantities("Symptoms improved in 40 of 80 patients.")
    assert [q.value for q in found if q.unit != "%"] == [40.0, 80.0]  # the counts stand as written
    assert [(q.value, q.bound) for q in found if q.unit == "%"] == [(50.0, "~")]
    for claim in ("Half of the patients improved.", "40 patients improved.", "About 50% improved."):
        assert all(bears(found, q) for q in quantities(claim)), claim
    assert not bears(found, quantities("Most patients, 75%, improved.")[0])
    for text in ("in 2019 of 2020", "5 of 5 mice", "COVID-19 of 80 cases", "3 of 10% of them"):
        assert [q for q in quantities(text) if q.unit == "%" and " of " in q.said] == [], text


@pytest.mark.parametrize(("text", "expected"), [
    ("There were twenty-eight confirmed cases.", [(28.0, "=", "", None)]),
    ("a five-year, $36.7 million contract", [(36700000.0, "=", "", None), (5.0, "=", "", None)]),
    ("for a three-day total", [(3.0, "=", "", None)]),
    ("a forty-five-year-old man", [(45.0, "=", "", None)]),
])
def test_number_words_are_read_as_their_digits_are(text: str, expected: list[tuple[object, ...]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize("text", ["on the twenty-eighth day", "a double-blind trial", "two-thirds of them"])
def test_ordinals_multiples_and_shares_in_words_are_no_counts(text: str) -> None:
    assert all(q.unit == "%" for q in quantities(text))


@pytest.mark.parametrize(("source", "derived"), [
    ("As of 10 March, there were twenty-eight confirmed cases and five recoveries.", "28 cases were confirmed by March 10."),
    ("Moreno signed a five-year, $36.7 million contract.", "Moreno signed a 5-year $36.7 million contract."),
    ("There are 218 cases in 17 out of 28 provinces, with 3 recorded deaths.", "Cases were confirmed in more than 16 provinces."),
    ("The film grew to 10.90 crore, for a three-day total of 35.29 crore.", "The movie grossed 35 crore in three days."),
    ("There were 122 300 (95% PI, 116 800-127 000) more deaths than expected.", "Deaths were 122,000 higher than expected."),
    ("The film grossed $17,084,000 in its first week.", "The film grossed $17.1 million in its first week."),
])
def test_numbers_written_another_way_or_rounded_are_no_change(source: str, derived: str) -> None:
    assert not [r for r in compare_claims(source, derived) if r.code is ReasonCode.NUMBER]


@pytest.mark.parametrize(("source", "derived"), [
    ("The film has a Metacritic score of 61.", "The film has a Metacritic score of 60."),  # two digits: no rounding
    ("The risk was 1.6%.", "The risk was 2%."),  # rounding there would move it by a quarter
    ("There were 35.5 crore.", "There were 35.3 crore."),
    ("It was assigned the country code +991.", "It was assigned the country code +992."),  # not 0.1% off: changed
    ("The film grossed $51.6 million at home.", "The film grossed $51.7 million at home."),
])
def test_a_rounding_reviewers_would_not_accept_is_a_change(source: str, derived: str) -> None:
    assert [r for r in compare_claims(source, derived) if r.code is ReasonCode.NUMBER]


def test_a_number_reason_says_the_bound_the_claim_puts_on_it() -> None:
    source = "Rotten Tomatoes gives the film 94% based on 199 reviews."
    derived = "Its Rotten Tomatoes score is based on under 199 reviews."
    numbers = [r.detail for r in compare_claims(source, derived) if r.code is ReasonCode.NUMBER]
    assert numbers == ["199 → under 199"]  # the bound as the claim writes it
    at_least = "Its Rotten Tomatoes score is based on at least 250 reviews."
    assert [r.detail for r in compare_claims(source, at_least) if r.code is ReasonCode.NUMBER] == [
        "199 → at least 250"]
    assert not [r for r in compare_claims(source, "Its score is based on at least 199 reviews.")
                if r.code is ReasonCode.NUMBER]


@pytest.mark.parametrize(("text", "bound"), [
    ("more than 60", ">"), ("over 60", ">"), ("at least 60", ">="), ("no less than 60", ">="),
    ("a minimum of 60", ">="), ("less than 60", "<"), ("under 60", "<"), ("at most 60", "<="),
    ("up to 60", "<="), ("no more than 60", "<="), ("about 60", "~"), ("60", "="),
])
def test_a_bound_is_strict_or_takes_its_number_in_as_its_words_say(text: str, bound: str) -> None:
    assert [q.bound for q in quantities(text)] == [bound]


@pytest.mark.parametrize(("source", "derived"), [
    ("It has an approval rating of 55% based on 11 reviews, with an average rating of 5.9/10.",
     "Based on more than 10 reviewers, it has an average rating of less than 6/10."),  # "/10" is a scale's top
    ("The most populous parishes were Bridlington (34,000), Goole (17,000) and Beverley (17,000).",
     "Bridlington's population was over 25,000."),  # an amount in brackets, not a reference marker
    ("Nearly 45 percent of cases are in the state, with one-fourth of them in New York City.",
     "Almost 45% of cases are in the state and less than 30% in New York City."),  # one-fourth is 25%
])
def test_scores_amounts_in_brackets_and_fourths_are_read_as_written(source: str, derived: str) -> None:
    assert not [r for r in compare_claims(source, derived) if r.code is ReasonCode.NUMBER]
    assert unborne(derived, source) == []


def test_a_reading_such_as_blood_pressure_keeps_both_numbers() -> None:
    numbers = [r.detail for r in compare_claims("Blood pressure was 120/80 mmHg.", "Blood pressure was 130/80 mmHg.")
               if r.code is ReasonCode.NUMBER]
    assert numbers == ["120 → 130"]


@pytest.mark.parametrize(("text", "stated"), [
    ("up to 20% of patients", "up to 20%"), ("no more than 3 doses", "no more than 3"),
    ("over 50 million people", "over 50 million"), ("at least three albums", "at least three"),
    ("a minimum of $40", "a minimum of 40"), ("about 30 cases", "30"),
])
def test_a_reason_quotes_a_bound_as_the_claim_writes_it(text: str, stated: str) -> None:
    assert [q.stated for q in quantities(text)] == [stated]


def test_a_number_in_words_takes_the_scale_after_it() -> None:
    # "two million" was read as 2, so "sold more than two million copies" was checked against 2
    assert [(q.value, q.bound, q.said) for q in quantities("sold more than two million copies, twenty-two thousand "
                                                            "fans and five cats")] == [
        (2e6, ">", "two million"), (22e3, "=", "twenty-two thousand"), (5.0, "=", "five")]
