"""The learned ranker: its readings, its weights file, and what it changes in a comparison."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tui.engine.align import rerank
from tui.engine.align.align import score_matrix
from tui.engine.model import Document
from tui.engine.pipeline import compare

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"

AIM = "OBJECTIVE: To assess hydroxychloroquine in patients with covid-19 pneumonia."
RESULT = ("RESULTS: Mortality at day 21 was 16% in patients given hydroxychloroquine and 15% in the control group, "
          "a hazard ratio of 0.9 after weighting for age, sex and oxygen need at admission.")
CLAIM = "Giving hydroxychloroquine to patients with covid-19 greatly lowers their risk of mortality."


def _document(text: str, name: str) -> Document:
    return Document(path=name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")


def _ranker(**weights: float) -> rerank.Ranker:
    vector = np.zeros(len(rerank.NAMES))
    for name, weight in weights.items():
        vector[rerank.NAMES.index(name)] = weight
    return rerank.Ranker(vector)


def test_readings_cover_words_and_skip_numbers_inside_names() -> None:
    sources = rerank.read_sources(["RESULTS: 76% of the 20 patients with COVID-19 recovered."], [["patient", "recov"]])
    rows = rerank.readings("In COVID-19, 20 patients recovered.", ["patient", "recov"], [(0, 40.0)], sources)
    row = dict(zip(rerank.NAMES, rows[0], strict=True))
    assert row["covers_claim"] == 1.0 and row["score"] == pytest.approx(0.4)
    assert row["numbers_shared"] == 1.0 and row["claim_number_missing"] == 0.0  # 19 of COVID-19 is no number
    assert row["section_finding"] == 1.0 and row["has_percent"] == 1.0 and row["states_aim"] == 0.0


def test_a_share_in_both_is_read_from_the_quantities_not_the_percent_sign() -> None:
    from tui.engine.judge.classify import facts

    texts = ["Overall, 78 patients (36.4%) had neurologic manifestations.",
             "Treated patients lived 4.1 years longer (95% CI 2.5 to 5.7).",
             "40 of 80 patients recovered."]
    shares = [facts(text).shares for text in texts]
    assert shares == [True, False, True]  # an interval's level is no share; a count of a whole is one
    sources = rerank.read_sources(texts, [["patient"]] * 3, shares)
    claim = "Over one third of patients had neurological symptoms."
    assert facts(claim).shares
    rows = rerank.readings(claim, ["patient"], [(0, 20.0), (1, 20.0), (2, 20.0)], sources, share=True)
    assert [dict(zip(rerank.NAMES, row, strict=True))["share_in_both"] for row in rows] == [1.0, 0.0, 1.0]
    plain = rerank.readings(claim, ["patient"], [(0, 20.0)], sources, share=False)
    assert dict(zip(rerank.NAMES, plain[0], strict=True))["share_in_both"] == 0.0


def test_the_pipeline_hands_the_ranker_each_side_s_shares() -> None:
    source = _document("Most patients were treated at home. Overall, 78 patients (36.4%) had neurologic "
                       "manifestations.\n", "source.txt")
    derived = _document("A study found that over one third of patients had neurological symptoms.\n", "derived.txt")
    texts = {f.statement.id: f.statement.text for f in compare(source, derived).findings}
    for weight, first in ((10.0, "Overall, 78 patients"), (-10.0, "Most patients were treated")):
        finding = next(f for f in compare(source, derived, ranker=_ranker(share_in_both=weight)).findings
                       if f.statement.role.value == "derived")
        assert len(finding.matches) == 2 and texts[finding.matches[0].id].startswith(first)


def test_the_order_follows_the_weights_and_ties_keep_the_first_ranking() -> None:
    rows = np.array([[0.1], [0.9], [0.9]])
    assert rerank.Ranker(np.array([1.0])).order(rows) == [1, 2, 0]
    assert rerank.Ranker(np.array([0.0])).order(rows) == [0, 1, 2]


def test_the_shipped_ranker_reads_back_and_refuses_other_readings() -> None:
    ranker = rerank.shipped()
    assert ranker.weights.shape == (len(rerank.NAMES),)
    assert np.array_equal(rerank.Ranker.from_bytes(ranker.to_bytes()).weights, ranker.weights)
    out = io.BytesIO()
    np.savez(out, format=np.array(rerank.FORMAT), names=np.array(rerank.NAMES[:-1]), weights=ranker.weights[:-1])
    with pytest.raises(ValueError, match="make train"):
        rerank.Ranker.from_bytes(out.getvalue())


def test_a_ranker_changes_the_order_of_counterparts_never_their_scores() -> None:
    source, derived = _document(f"{AIM}\n\n{RESULT}\n", "source.txt"), _document(f"{CLAIM}\n", "derived.txt")
    by_cosine = compare(source, derived, ranker=_ranker(score=1.0))
    by_length = compare(source, derived, ranker=_ranker(length=1.0))
    first = {c.statement.text: c for c in by_cosine.findings}[CLAIM]
    second = {c.statement.text: c for c in by_length.findings}[CLAIM]
    texts = {f.statement.id: f.statement.text for f in by_cosine.findings}
    assert [texts[m.id] for m in first.matches] == [AIM, RESULT]
    assert [texts[m.id] for m in second.matches] == [RESULT, AIM]
    assert sorted(m.score for m in first.matches) == sorted(m.score for m in second.matches)
    raw = score_matrix([CLAIM], [AIM, RESULT], hub_corrected=False)[0]
    assert sorted(round(s, 1) for s in raw) == sorted(m.score for m in first.matches)


def test_the_shipped_ranker_prefers_the_result_a_claim_restates_to_the_aim() -> None:
    source, derived = _document(f"{AIM}\n\n{RESULT}\n", "source.txt"), _document(f"{CLAIM}\n", "derived.txt")
    finding = {f.statement.text: f for f in compare(source, derived).findings}[CLAIM]
    texts = {f.statement.id: f.statement.text for f in compare(source, derived).findings}
    assert score_matrix([CLAIM], [AIM, RESULT], hub_corrected=False)[0][0] > 0  # the aim shares words too
    assert texts[finding.matches[0].id] == RESULT
    # the aim scores more, so the claim says what put the result first, in words
    assert max(m.score for m in finding.matches) > finding.matches[0].score
    assert finding.ranked_by and set(finding.ranked_by) <= {words for pair in rerank.PLAIN.values() for words in pair}
    assert finding.ranked_by == ("the other stands under Background, Methods or Objective",
                                 "it stands under Results or Conclusions")


def test_why_names_the_readings_that_push_hardest_towards_the_first() -> None:
    ranker = _ranker(section_finding=2.0, states_aim=-1.0, length=0.5, score=3.0)
    rows = np.zeros((2, len(rerank.NAMES)))
    at = {name: k for k, name in enumerate(rerank.NAMES)}
    rows[0, at["section_finding"]], rows[0, at["length"]], rows[0, at["score"]] = 1.0, 0.7, 0.1
    rows[1, at["states_aim"]], rows[1, at["length"]], rows[1, at["score"]] = 1.0, 0.6, 0.4
    # pushes: section_finding +2.0, states_aim +1.0, length +0.05 (not more than the least), score −0.9
    assert ranker.why(rows, 0, 1) == ("it stands under Results or Conclusions", "the other states an aim, not a finding")
    assert ranker.why(rows, 1, 0) == ()  # the score alone pushes the other way, and it needs no telling


@pytest.mark.shared
def test_training_the_ranker_twice_gives_the_same_weights(tmp_path: Path) -> None:
    if not (SHARED / "data" / "factcheck-dev").is_dir():
        pytest.skip("../shared/data/factcheck-dev is not beside the checkout (CI has it)")
    digests = []
    for run in range(2):
        out = tmp_path / f"ranker-{run}.npz"
        done = subprocess.run([sys.executable, "-m", "tools.train_rank", "--limit", "30", "--shared", str(SHARED),
                               "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
        assert rerank.Ranker.from_bytes(out.read_bytes()).weights.any()
    assert digests[0] == digests[1]
