"""The in-process fact-check evaluation agrees with the review's scorer, item by item.

``../shared/eval/factcheck_eval.py`` runs ``claimdiff compare`` once per item; ``tests/factcheck.py``
goes through the same front door in one process. On the first items of each dev set both must
give the same status and alignment. The scoring pieces are checked on their own as well.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import factcheck
from tests.conftest import ROOT

SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "eval" / "factcheck_eval.py"
DATA = SHARED / "data" / "factcheck-dev"
PER_SET = 8


@pytest.mark.shared
def test_in_process_matches_the_reference_scorer(tmp_path: Path) -> None:
    if not (REFERENCE.exists() and DATA.is_dir()):
        pytest.skip("../shared (eval/factcheck_eval.py and data/factcheck-dev) is not beside the checkout")
    dump = tmp_path / "reference.jsonl"
    run = subprocess.run(
        [sys.executable, str(REFERENCE), "--sets", ",".join(factcheck.SETS), "--limit", str(PER_SET),
         "--data", str(DATA), "--dump", str(dump), "--", sys.executable, "-m", "tui", "compare"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )
    assert run.returncode == 0, run.stderr
    reference = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    ours = [row for name in factcheck.SETS for row in factcheck.predict(factcheck.load_set(name, DATA, PER_SET))]
    assert len(reference) == len(ours) == PER_SET * len(factcheck.SETS)
    assert not [r for r in reference if "error" in r], reference
    assert [(r["id"], r["status"], r["aligned"]) for r in ours] == [
        (r["id"], r["status"], r["aligned"]) for r in reference
    ]


def report(*statements: dict) -> dict:
    return {"statements": list(statements)}


def st(sid: str, doc: str, start: int, end: int, status: str | None = None, matches: tuple = (),
       kind: str = "claim") -> dict:
    return {"id": sid, "doc": doc, "start": start, "end": end, "kind": kind, "status": status,
            "matches": [{"id": m, "score": 50.0} for m in matches]}


def test_status_and_alignment_are_read_as_the_reference_reads_them() -> None:
    item = {"gold_source_spans": [[100, 200]]}
    # Any divergence wins; alignment is the longest claim's first match, 30% of the shorter span.
    rep = report(st("s1", "source", 0, 90), st("s2", "source", 170, 300),
                 st("d1", "derived", 0, 40, "agreement", ("s2",)), st("d2", "derived", 41, 50, "divergence", ("s1",)),
                 st("d3", "derived", 51, 200, "unsupported", kind="heading"))
    assert factcheck.score_report(item, rep) == {"status": "divergence", "aligned": True}
    rep = report(st("s1", "source", 0, 90), st("d1", "derived", 0, 40, "agreement", ("s1",)))
    assert factcheck.score_report(item, rep) == {"status": "agreement", "aligned": False}
    # No claim: every derived statement counts; no gold spans: alignment is not scored.
    rep = report(st("d1", "derived", 0, 9, "unsupported", kind="heading"))
    assert factcheck.score_report({}, rep) == {"status": "unsupported", "aligned": None}
    assert factcheck.overlap((0, 10), (7, 100)) and not factcheck.overlap((0, 10), (8, 100))


def test_evaluate_takes_any_producer_and_reports_its_errors() -> None:
    items = [{"id": f"i{n}", "gold_label": gold, "acceptable_labels": [gold], "source_text": "x", "derived_text": "y"}
             for n, gold in enumerate(["agreement", "divergence"] * 5)]

    def always_agree(item: dict) -> dict:
        if item["id"] == "i9":
            raise RuntimeError("broken")
        return report(st("d1", "derived", 0, 1, "agreement"))

    figures = factcheck.evaluate(items, always_agree, resamples=200)
    assert figures["errors"] == 1 and figures["first_error"] == "RuntimeError: broken"
    assert figures["label_acc"] == round(5 / 9, 3)
    assert figures["macro_f1"] == round((2 * 5 / (2 * 5 + 4) + 0) / 2, 3)
    assert figures["confusion"]["divergence"] == {"agreement": 4, "divergence": 0, "unsupported": 0, "none": 0}
    lo, hi = figures["macro_f1_ci95"]
    assert lo <= figures["macro_f1"] <= hi
    assert factcheck.evaluate(items, always_agree, resamples=200)["macro_f1_ci95"] == [lo, hi]


def test_naive_peer_spans_are_code_points_into_the_source() -> None:
    source = "Título é bom. Second sentence here.\n\nA third line — with 17 mg.\r\n"
    spans = factcheck.naive_sentences(source)
    assert [source[s:e] for s, e in spans] == ["Título é bom.", "Second sentence here.", "A third line — with 17 mg."]
    item = {"source_text": source, "derived_text": "A third line with 17 mg", "gold_source_spans": [list(spans[2])]}
    assert factcheck.score_report(item, factcheck.naive_report(item)) == {"status": "agreement", "aligned": True}
