"""CompareOptions is the one place for defaults, and its thresholds reach the command line."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tui.cli import build_parser, main
from tui.commands.common import THRESHOLDS, options_from
from tui.engine.model import CompareOptions
from tui.engine.pipeline import compare_files
from tui.engine.sessions.store import SessionStore

SOURCE, DERIVED = str(SEEDS / "msc-covid-abstract.txt"), str(SEEDS / "msc-covid-blog.txt")


def test_every_knob_but_the_size_is_a_threshold_flag() -> None:
    knobs = {f.name for f in fields(CompareOptions)} - {"max_bytes"}
    assert {name for name, _, _ in THRESHOLDS} == knobs


@pytest.mark.parametrize("command", ["compare", "review"])
def test_help_lists_each_threshold_with_the_default_of_compare_options(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    defaults = CompareOptions()
    for name, _, _ in THRESHOLDS:
        flag = "--" + name.replace("_", "-")
        assert f"(default {getattr(defaults, name):g})" in text.split(flag + " N ", 1)[1].split("--", 1)[0]
    assert f"(default {defaults.max_bytes / 1e6:g})" in text


def test_no_flags_give_the_defaults() -> None:
    args = build_parser(("compare",)).parse_args(["compare", SOURCE, DERIVED])
    assert options_from(args) == CompareOptions()


def test_flags_reach_the_options() -> None:
    args = build_parser(("review",)).parse_args(
        ["review", SOURCE, DERIVED, "--match-threshold", "20", "--same-claim-threshold", "40.5",
         "--candidate-cutoff", "8", "--max-candidates", "3", "--max-size", "5"]
    )
    assert options_from(args) == CompareOptions(match_threshold=20.0, same_claim_threshold=40.5,
                                                candidate_cutoff=8.0, max_candidates=3, max_bytes=5_000_000)


def test_compare_uses_the_thresholds(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert main(["compare", SOURCE, DERIVED, "--format", "json", "-o", str(out), "--max-candidates", "1",
                 "--match-threshold", "99"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["options"]["max_candidates"] == 1 and report["options"]["match_threshold"] == 99.0
    derived = [s for s in report["statements"] if s["doc"] == "derived" and s["status"]]
    assert all(len(s["matches"]) <= 1 for s in report["statements"])
    assert {s["status"] for s in derived} == {"unsupported"}  # nothing reaches a score of 99


def test_thresholds_are_saved_with_the_session(tmp_path: Path) -> None:
    options = CompareOptions(match_threshold=20.0, max_candidates=3)
    comparison = compare_files(SOURCE, DERIVED, options)
    store = SessionStore(tmp_path)
    store.open(comparison, "s")
    assert store.saved_options("s") == options
    assert asdict(SessionStore(tmp_path).peek("s").options) == asdict(options)
