"""The JSON export: the scorer's contract unchanged, plus the reviewer's ``review`` block."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.engine.test_export_view import DAY, orphan, tiny_comparison
from tui.engine.export import render
from tui.engine.export.report import to_report
from tui.engine.model import Role, Status
from tui.engine.pipeline import compare_files
from tui.engine.review import Review

CONTRACT_KEYS = ["format", "version", "source", "derived", "options", "statements", "summary"]


def test_without_a_review_the_report_is_the_contract_alone() -> None:
    report = json.loads(render("json", tiny_comparison()))
    assert list(report) == CONTRACT_KEYS
    assert (report["format"], report["version"]) == ("claimdiff-report", 1)


def test_review_block_adds_to_the_contract_and_changes_nothing_in_it() -> None:
    comparison = tiny_comparison()
    review = Review(comparison)
    review.accept("d2")
    review.set_note("d2", "only says may")
    review.set_status("d3", Status.AGREEMENT)
    review.relink("d3", "s4")
    review.set_note("s5", "the caveat the blog dropped")
    report = json.loads(render("json", comparison, review, session_name="blog check", reviewed_on=DAY))
    assert list(report) == [*CONTRACT_KEYS, "review"]
    assert {k: v for k, v in report.items() if k != "review"} == to_report(comparison), (
        "statements and summary stay the engine's proposals"
    )
    block = report["review"]
    assert (block["session"], block["date"], block["claims"], block["reviewed"]) == ("blog check", "2026-03-14", 5, 2)
    assert [v["id"] for v in block["verdicts"]] == ["s5", "d2", "d3"], "document order, source first"
    d3 = next(v for v in block["verdicts"] if v["id"] == "d3")
    assert d3 == {"id": "d3", "doc": "derived", "proposed_status": "unsupported", "reviewer_status": "agreement",
                  "status": "agreement", "note": "", "relinked": True, "counterpart": "s4"}
    s5 = next(v for v in block["verdicts"] if v["id"] == "s5")
    assert (s5["reviewer_status"], s5["status"], s5["note"]) == (None, "omitted", "the caveat the blog dropped")
    assert block["statuses"] == {"d2": "divergence", "d3": "agreement"}
    assert block["relinks"] == {"d3": "s4"}
    assert block["orphans"] == []


def test_orphans_are_recorded() -> None:
    comparison = tiny_comparison()
    review = Review(comparison, orphans=[orphan("Gone.", Status.DIVERGENCE, "n"),
                                         orphan("Kept.", None, "", role=Role.SOURCE, counterpart_text="Lost.")])
    block = json.loads(render("json", comparison, review, reviewed_on=DAY))["review"]
    assert block["orphans"] == [
        {"doc": "derived", "reason": "statement", "text": "Gone.", "reviewer_status": "divergence", "note": "n",
         "counterpart_text": None},
        {"doc": "source", "reason": "counterpart", "text": "Kept.", "reviewer_status": None, "note": "",
         "counterpart_text": "Lost."},
    ]


def test_the_scorer_accepts_a_report_with_a_review_block(seed_pair: tuple[Path, Path], shared: Path,
                                                         tmp_path: Path) -> None:
    source, derived = seed_pair
    comparison = compare_files(source, derived)
    review = Review(comparison)
    first = next(f for f in comparison.findings if f.status)
    review.accept(first.statement.id)
    out = tmp_path / "report.json"
    out.write_text(render("json", comparison, review, session_name="s", reviewed_on=DAY), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(shared / "eval" / "seed-gold.jsonl"),
         "--source", str(source), "--derived", str(derived), "--report", str(out)],
        check=False, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode in (0, 1), f"the scorer rejected the report: {result.stdout[-500:]} {result.stderr[-500:]}"


SHAPES = [
    {}, [], (), "", 0, -1, 1.0, 0.1 + 0.2, 1e-07, 1e22, -0.0, True, False, None, 10**30,
    "quote \" backslash \\ tab \t newline \n nul \x00 bell \x07 del \x7f c1 \x9b bidi \u202e é 😀 \u2028",
    "a lone surrogate, as an undecodable file name holds: \udcff",
    {"a": [], "b": {}, "c": [1, [2, [3, {}]]], "d": ({"e": None},)},
    {1: "int key", 2.5: "float key", False: "bool key", None: "none key"},
    [[[[[]]]]], [{"x": [1.5, "y", {"z": [True, False, None]}]}] * 3,
]
"""Values of every kind a report may hold, and some orjson refuses (a lone surrogate, keys
that are not strings, an integer beyond 64 bits), which ``json.dumps`` writes instead."""


def test_json_text_is_compact_or_indented_as_json_dumps_lays_it_out() -> None:
    import enum

    from tui.engine.export.jsontext import dumps, dumps_utf8
    from tui.engine.export.visible import escape_json

    class Shade(str, enum.Enum):
        LIGHT = "light"

    class Rank(enum.IntEnum):
        ONE = 1

    report = to_report(tiny_comparison(), Review(tiny_comparison()), session_name="s", reviewed_on=DAY)
    for shape in [*SHAPES, Shade.LIGHT, Rank.ONE, {"enum": Shade.LIGHT}, report]:
        compact, indented = dumps(shape), dumps(shape, indent=True)
        assert json.loads(compact) == json.loads(indented) == json.loads(json.dumps(shape)), shape
        if shape != 1e-07:  # the one difference: orjson writes the shortest exponent, 1e-7
            # ... and the characters a terminal acts on are escapes, as escape_json writes them
            assert compact == escape_json(json.dumps(shape, ensure_ascii=False, separators=(",", ":")))
            assert indented == escape_json(json.dumps(shape, ensure_ascii=False, indent=2))
        assert dumps_utf8(shape) == compact.encode() and dumps_utf8(shape, indent=True) == indented.encode()
        # a report ends in a newline, written with the rest (or after it, where json.dumps writes it)
        assert dumps_utf8(shape, newline=True) == compact.encode() + b"\n"
        assert dumps_utf8(shape, indent=True, newline=True) == indented.encode() + b"\n"
    assert "\n" not in dumps(report) and "\n  " in dumps(report, indent=True)


def test_the_report_reads_back_as_the_findings_whether_compact_or_indented(seed_pair: tuple[Path, Path]) -> None:
    import dataclasses

    from tui.engine.export.report import render_json

    seeds = compare_files(*seed_pair)
    odd = dataclasses.replace(seeds, findings=tuple(
        dataclasses.replace(f, statement=dataclasses.replace(f.statement, text=f.statement.text + "\udcff"),
                            confidence=0.1 + 0.2)
        if f.statement.index == 2 else f for f in seeds.findings))  # a lone surrogate: json.dumps writes it
    empty = dataclasses.replace(seeds, findings=())
    for comparison in (tiny_comparison(), seeds, odd, empty):
        compact, indented = render_json(comparison), render_json(comparison, indent=True)
        assert compact.endswith("}\n") and compact.count("\n") == 1
        assert indented.count("\n") > len(comparison.findings)
        assert json.loads(compact) == json.loads(indented) == to_report(comparison)
    review = Review(tiny_comparison())
    review.accept("d2")
    assert json.loads(render_json(tiny_comparison(), review, session_name="s", reviewed_on=DAY)) == to_report(
        tiny_comparison(), review, session_name="s", reviewed_on=DAY)
