"""The CSV export: rows, reviewer columns, and neutralised formula cells."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.test_export_view import DAY, build_comparison, tiny_comparison
from tui.engine.export import render
from tui.engine.export.csv import COLUMNS, FORMULA_STARTS, neutralise, render_csv
from tui.engine.model import Candidate, Kind, Status
from tui.engine.review import Review


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_one_row_per_derived_claim_then_omitted_source_statements() -> None:
    text = render_csv(tiny_comparison())
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert text.endswith("\r\n")
    table = rows(text)
    assert [(r["id"], r["doc"], r["status"]) for r in table] == [
        ("d2", "derived", "divergence"),
        ("d3", "derived", "unsupported"),
        ("d4", "derived", "agreement"),
        ("s5", "source", "omitted"),
        ("s4", "source", "omitted"),
    ], "claims only (no headings), dropped caveats first among the omissions"


def test_cells_carry_reasons_score_texts_and_reviewer_columns() -> None:
    comparison = tiny_comparison()
    review = Review(comparison)
    review.accept("d2")
    review.set_note("d2", "Says may,\nnot \"shown\".")
    review.set_status("s4", Status.AGREEMENT)
    table = {r["id"]: r for r in rows(render_csv(comparison, review))}
    d2 = table["d2"]
    assert d2["reviewer_status"] == "divergence"
    assert d2["reasons"] == "certainty (overstated); quantifier (overstated)"
    assert d2["score"] == "72.5"
    assert d2["text"] == "X has been shown to reduce mortality in all patients."
    assert d2["counterpart_text"] == "X may reduce mortality in some patients (p<0.05)."
    assert d2["note"] == "Says may,\nnot \"shown\".", "commas, quotes and newlines survive quoting"
    assert table["d3"]["counterpart_text"] == "" and table["d3"]["score"] == ""
    assert (table["s4"]["status"], table["s4"]["reviewer_status"]) == ("omitted", "agreement"), (
        "an omission the reviewer overrode stays listed, with the override"
    )
    assert table["d4"]["reviewer_status"] == "" and table["d4"]["note"] == ""


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_starts_are_neutralised(start: str) -> None:
    payload = f"{start}HYPERLINK(\"http://evil.example\",\"x\")"
    assert neutralise(payload) == "'" + payload
    comparison = build_comparison(
        [(payload + " source", Kind.CLAIM, Status.OMITTED, (), ())],
        [(payload + " blog", Kind.CLAIM, Status.DIVERGENCE, (Candidate("s1", 60.0),), ())],
    )
    review = Review(comparison)
    review.set_note("d1", payload)
    for row in rows(render_csv(comparison, review)):
        for column in COLUMNS:
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), (column, row[column])
    row = rows(render_csv(comparison, review))[0]
    assert row["text"] == "'" + payload + " blog" and row["note"] == "'" + payload


@pytest.mark.parametrize("safe", ["plain", "", "'quoted", " =spaced", "5 - 3", "a=b"])
def test_ordinary_cells_are_left_alone(safe: str) -> None:
    assert neutralise(safe) == safe


def test_render_routes_csv() -> None:
    comparison = tiny_comparison()
    assert render("csv", comparison, reviewed_on=DAY) == render_csv(comparison)


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_text_round_trips_and_never_starts_a_formula(text: str) -> None:
    comparison = build_comparison([("A source claim.", Kind.CLAIM, Status.OMITTED, (), ())],
                                  [("A blog claim.", Kind.CLAIM, Status.UNSUPPORTED, (), ())])
    review = Review(comparison)
    review.set_note("d1", text)
    (row, _) = rows(render_csv(comparison, review))
    assert not row["note"].startswith(FORMULA_STARTS)
    assert row["note"] == (("'" + text) if text.startswith(FORMULA_STARTS) else text)


def test_a_comparison_without_claims_is_a_header_alone() -> None:
    comparison = build_comparison([("Only a heading", Kind.HEADING, None, (), ())],
                                  [("Another heading", Kind.HEADING, None, (), ())])
    assert render_csv(comparison) == ",".join(COLUMNS) + "\r\n"
