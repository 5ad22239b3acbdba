"""Why the engine's counterpart comes before a candidate that scores more, in every report."""

from __future__ import annotations

import json
from dataclasses import replace

from tests.engine.test_export_view import tiny_comparison
from tui.engine.export import render
from tui.engine.model import Candidate, Comparison
from tui.engine.review import Review

LINE = "s2 comes first though s3 scores 40.0: it is longer; it stands under Results or Conclusions"


def ranked_comparison() -> Comparison:
    """The tiny comparison, its first derived claim's counterpart put first by the ranker
    though another candidate scores more."""
    comparison = tiny_comparison()
    findings = tuple(
        replace(f, matches=(Candidate("s2", 30.0), Candidate("s3", 40.0)),
                ranked_by=("it is longer", "it stands under Results or Conclusions"))
        if f.statement.id == "d2" else f
        for f in comparison.findings)
    return replace(comparison, findings=findings)


def test_markdown_html_and_json_say_why_the_counterpart_comes_first() -> None:
    comparison = ranked_comparison()
    assert f"- Counterpart: {LINE}" in render("markdown", comparison)
    assert f'<p class="ranked">Counterpart: {LINE}</p>' in render("html", comparison)
    statements = {s["id"]: s for s in json.loads(render("json", comparison))["statements"]}
    assert statements["d2"]["ranked_by"] == ["it is longer", "it stands under Results or Conclusions"]
    assert "ranked_by" not in statements["d3"]  # said only where there is something to say


def test_a_counterpart_the_reviewer_chose_needs_no_such_line() -> None:
    review = Review(ranked_comparison())
    review.relink("d2", "s3")
    assert "Counterpart:" not in render("markdown", review.comparison, review)
    assert 'class="ranked"' not in render("html", review.comparison, review)
