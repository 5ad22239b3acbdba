"""What an agreement rests on: the words both statements say, the figures the source bears
out and what the claim adds, in the engine, the JSON report, the table and the app's words."""

from __future__ import annotations

import json
from pathlib import Path

from tui.commands.compare import render_table
from tui.engine.export import render
from tui.engine.judge.explain import grounds
from tui.engine.model import Comparison, Role, Status
from tui.engine.pipeline import compare_files

SOURCE = (
    "Methods\n\n"
    "The trial enrolled 120 patients across four hospitals in Norway and Denmark.\n\n"
    "Results\n\n"
    "Sewage samples from five cities tested positive for the virus in March.\n\n"
    "Infusions did not shorten the stay in intensive care.\n"
)
DERIVED = (
    "The trial enrolled 120 patients across four hospitals in Norway and Denmark.\n\n"
    "Researchers found the virus in sewage samples from five cities during March, a local council said.\n\n"
    "Infusions shortened the stay in intensive care.\n\n"
    "Our founder trained in Switzerland and speaks three languages.\n\n"
    "The clinic garden has won two prizes for its roses.\n"
)


def compared(tmp_path: Path) -> Comparison:
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "derived.txt").write_text(DERIVED, encoding="utf-8")
    return compare_files(tmp_path / "source.txt", tmp_path / "derived.txt")


def test_grounds_name_the_words_both_say_the_figures_borne_out_and_what_the_claim_adds() -> None:
    said = grounds("Researchers found the virus in sewage samples from five cities during March.",
                   "Sewage samples from five cities tested positive for the virus in March.")
    both, figures, added = said.split("; ")
    assert both.removeprefix("both say ").split(", ") == ["virus", "sewage", "samples", "cities", "March"]
    assert figures == "the same figure: five"
    assert added.removeprefix("adds ").split(", ") == ["found", "researchers"]  # the news frame last


def test_grounds_say_adds_nothing_when_the_source_says_every_word() -> None:
    sentence = "The trial enrolled 120 patients across four hospitals in Norway and Denmark."
    said = grounds(sentence, sentence)
    assert said.endswith("; adds nothing")
    assert "the same figures: 120, four;" in said


def test_grounds_name_the_added_words_the_source_says_elsewhere_as_such() -> None:
    said = grounds("Hospital cases rose in Norway in the spring.", "Cases rose in the spring.",
                   vocabulary=frozenset({"hospit"}))
    assert said == "both say cases, rose, spring; adds Norway; the source says hospital elsewhere"


def test_a_figure_inside_a_word_both_say_is_not_named_again() -> None:
    said = grounds("The virus 2019-nCoV spread in 2020.", "The 2019-nCoV virus spread widely in 2020.")
    assert said.startswith("both say virus, 2019-nCoV, spread; the same figure: 2020;"), said


def test_grounds_of_a_pair_with_no_word_in_common_say_so() -> None:
    said = grounds("Fewer than fifty staff work there.", "The firm employs 42 people.")
    assert said.startswith("no content word in common; ")


def test_every_agreement_of_a_comparison_has_grounds_and_no_other_status_does(tmp_path: Path) -> None:
    comparison = compared(tmp_path)
    statuses = {f.status for f in comparison.of(Role.DERIVED)}
    assert {Status.AGREEMENT, Status.DIVERGENCE, Status.UNSUPPORTED} <= statuses
    for finding in comparison.findings:
        if finding.status is Status.AGREEMENT:
            assert finding.grounds.startswith("both say "), finding
        else:
            assert finding.grounds == "", finding
    sewage = next(f for f in comparison.of(Role.DERIVED) if "sewage" in f.statement.text)
    assert sewage.status is Status.AGREEMENT
    assert "adds found, local, council, researchers, said" in sewage.grounds  # the news frame last


def test_the_json_report_and_the_table_carry_the_grounds_of_an_agreement(tmp_path: Path) -> None:
    comparison = compared(tmp_path)
    agreement = next(f for f in comparison.of(Role.DERIVED) if f.status is Status.AGREEMENT)
    statements = {s["id"]: s for s in json.loads(render("json", comparison))["statements"]}
    assert statements[agreement.statement.id]["grounds"] == agreement.grounds
    assert all("grounds" not in s for s in statements.values() if s["status"] != "agreement")
    table = " ".join(render_table(comparison, color=False, width=400).split())
    assert agreement.grounds.split("; ")[0] in table


def test_the_csv_gives_an_agreement_s_grounds_until_the_reviewer_picks_another_counterpart(tmp_path: Path) -> None:
    import csv
    import io

    from tui.engine.review import Review

    comparison = compared(tmp_path)
    agreement = next(f for f in comparison.of(Role.DERIVED) if f.status is Status.AGREEMENT)
    review = Review(comparison)

    def grounds_of(sid: str) -> str:
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(render("csv", comparison, review)))}
        return rows[sid]["grounds"]

    assert grounds_of(agreement.statement.id) == agreement.grounds
    other = next(f.statement.id for f in comparison.of(Role.SOURCE) if f.statement.id != agreement.matches[0].id)
    review.relink(agreement.statement.id, other)
    assert grounds_of(agreement.statement.id) == ""


def test_what_a_claim_adds_is_named_before_the_words_that_frame_it_as_news() -> None:
    said = grounds("A new study by researchers shows that aspirin cuts strokes in older women.",
                   "Aspirin cuts strokes.")
    assert said.endswith("; adds older, women, new, study, researchers, shows"), said


def test_a_content_reason_of_six_words_leaves_the_news_frame_out_first() -> None:
    from tui.engine.judge.explain import _added_words, _content_detail
    from tui.engine.judge.signals import difference

    derived = "A recent study showed that kids with disabilities are slightly more likely to die from Covid-19."
    source = "The case-fatality rate was higher for those with intellectual disabilities."
    detail = _content_detail(_added_words(derived, source, difference(derived, source).added, None, None))
    assert detail == "adds kids, slightly, likely, die, Covid-19, recent", detail
