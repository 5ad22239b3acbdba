"""`make eval`: claimdiff's comparison quality on data nobody here wrote, printed as a table.

    python -m tests.evaluate [--limit N] [--shared DIR] [--output eval-results.json]

Every figure is computed here from ``../shared/data`` with the same engine code the app uses;
nothing is typed in by hand. Only *test* parts are reported as the headline figures: the
BioScope test split (70% of the abstracts by document hash, and the 9 full papers), the
InSciOut test file (563 pairs) and all 48 Golden Rules (a regression set). The rules and cue
lists were tuned on the dev/train parts only (see ``tools/build_cues.py`` and
``tui/engine/judge/strength.py``).

Ties are counted fairly: where the right candidate ties with others, its reciprocal rank is
the *expected* reciprocal rank over a uniformly random order of the tie, and P@1 is the
chance it comes first.

Invariant: the harness only reads ``../shared`` and writes the one results file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT / ".." / "shared"
LABELS = ("same", "exaggerates", "downplays")


@dataclass
class Row:
    """One line of the printed table."""

    task: str
    metric: str
    value: str
    reference: str = ""
    note: str = ""


@dataclass
class Results:
    """The figures (for the JSON file) and the table rows (for people)."""

    figures: dict[str, Any] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)

    def add(self, key: str, value: Any, task: str, metric: str, reference: str = "", note: str = "") -> None:
        """Record one figure under ``key`` and show it in the table."""
        self.figures[key] = value
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        self.rows.append(Row(task, metric, shown, reference, note))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --- segmentation ---------------------------------------------------------------------------


def golden_rules(shared: Path, limit: int | None, out: Results) -> None:
    """English Golden Rules through ``segment``: cases whose stripped statements equal ``expected``."""
    from tui.engine.model import Role
    from tui.engine.segment.segment import segment

    cases = read_jsonl(shared / "data" / "pysbd-golden-rules-en" / "golden_rules_en.jsonl")[:limit]
    failed = [c["id"] for c in cases if [s.text.strip() for s in segment(c["text"], Role.SOURCE)] != c["expected"]]
    out.add("golden_rules_passed", len(cases) - len(failed), "segmentation", f"Golden Rules passed /{len(cases)}",
            "pySBD 47, blingfire 36", "failed: " + ", ".join(map(str, failed)) if failed else "")
    out.figures["golden_rules_total"] = len(cases)
    out.figures["golden_rules_failed_ids"] = failed


# --- alignment ------------------------------------------------------------------------------


def expected_ranks(matrix: Sequence[Sequence[float]]) -> tuple[float, float]:
    """MRR and P@1 where query ``i``'s right answer is candidate ``i``, ties counted fairly.

    With ``b`` candidates scoring strictly better and ``t`` tied (the right one included), the
    right one is equally likely at ranks ``b+1 … b+t``: its expected reciprocal rank is the
    mean of ``1/k`` over those ranks, and it comes first with chance ``1/t`` when ``b == 0``.

    Args:
        matrix: ``matrix[i][j]`` is the score of candidate ``j`` for query ``i``.

    Returns:
        ``(mean reciprocal rank, precision at 1)``.
    """
    rr = 0.0
    p1 = 0.0
    for i, scores in enumerate(matrix):
        right = scores[i]
        better = sum(1 for s in scores if s > right)
        tied = sum(1 for s in scores if s == right)
        rr += sum(1.0 / k for k in range(better + 1, better + tied + 1)) / tied
        p1 += (1.0 / tied) if better == 0 else 0.0
    n = len(matrix) or 1
    return rr / n, p1 / n


def baseline_matrix(queries: Sequence[str], candidates: Sequence[str]) -> list[list[float]]:
    """The reference scorer of SOURCE.md: rapidfuzz ``token_set_ratio`` with ``default_process``."""
    from rapidfuzz import fuzz, utils

    prepared = [utils.default_process(c) for c in candidates]
    return [[fuzz.token_set_ratio(utils.default_process(q), c) for c in prepared] for q in queries]


def alignment(pairs: list[dict[str, Any]], out: Results) -> None:
    """Rank every abstract conclusion for each press-release conclusion (test split)."""
    queries = [p["press_release_conclusion"] for p in pairs]
    candidates = [p["abstract_conclusion"] for p in pairs]
    scorer: Callable[[Sequence[str], Sequence[str]], list[list[float]]] | None
    try:
        from tui.engine.align.align import score_matrix as scorer
    except ImportError:
        scorer = None
    base_mrr, base_p1 = expected_ranks(baseline_matrix(queries, candidates))
    if scorer is None:
        out.add("exaggeration_mrr", base_mrr, "alignment", f"MRR over {len(pairs)} (BASELINE: no score_matrix)",
                "token_set_ratio 0.363", "expected RR within ties")
        out.add("exaggeration_p_at_1", base_p1, "alignment", "P@1 (BASELINE)", "token_set_ratio 0.300")
        return
    mrr, p1 = expected_ranks(scorer(queries, candidates))
    out.add("exaggeration_mrr", mrr, "alignment", f"MRR, claimdiff scorer, {len(pairs)} queries", "target 0.70",
            "expected RR within ties")
    out.add("exaggeration_p_at_1", p1, "alignment", "P@1, claimdiff scorer", "", "expected, ties split")
    out.add("baseline_mrr", base_mrr, "alignment", "MRR, token_set_ratio baseline", "SOURCE.md 0.363 (663 pairs)")
    out.add("baseline_p_at_1", base_p1, "alignment", "P@1, token_set_ratio baseline", "SOURCE.md 0.300 (663 pairs)")


# --- exaggeration ---------------------------------------------------------------------------


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = LABELS) -> float:
    """Unweighted mean of the per-label F1 scores."""
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def label_from_reasons(reasons: Sequence[Any]) -> str:
    """same / exaggerates / downplays from the first certainty, causality or negation reason
    with a direction (a negation has one when it denies a relationship the other side states:
    InSciOut's strength 0 against a stated one)."""
    for reason in reasons:
        if str(reason.code) in ("certainty", "causality", "negation") and reason.direction is not None:
            return "exaggerates" if str(reason.direction) == "overstated" else "downplays"
    return "same"


def label_from_strengths(source: int, derived: int) -> str:
    """The InSciOut rule: the label is the sign of the strength difference."""
    return "same" if source == derived else ("exaggerates" if derived > source else "downplays")


def exaggeration(pairs: list[dict[str, Any]], out: Results) -> None:
    """Exaggeration labels and claim-strength accuracy on the InSciOut test pairs."""
    from tui.engine.judge.strength import claim_strength

    gold = [p["exaggeration_label"] for p in pairs]
    pr = [claim_strength(p["press_release_conclusion"]) for p in pairs]
    ab = [claim_strength(p["abstract_conclusion"]) for p in pairs]
    by_strength = [label_from_strengths(a, d) for a, d in zip(ab, pr)]
    try:
        from tui.engine.judge.classify import compare_claims
    except ImportError:
        compare_claims = None
    n = len(pairs) or 1
    if compare_claims is not None:
        predicted = [label_from_reasons(compare_claims(p["abstract_conclusion"], p["press_release_conclusion"]))
                     for p in pairs]
        out.add("exaggeration_macro_f1", macro_f1(gold, predicted), "exaggeration",
                f"macro-F1, compare_claims reasons, {len(pairs)} pairs", "always-same 0.25; target 0.55")
        out.add("strength_only_macro_f1", macro_f1(gold, by_strength), "exaggeration",
                "macro-F1, claim_strength difference alone")
    else:
        out.add("exaggeration_macro_f1", macro_f1(gold, by_strength), "exaggeration",
                f"macro-F1 (claim_strength; no compare_claims yet), {len(pairs)} pairs", "always-same 0.25")
    out.add("strength_accuracy_press_release", sum(g["press_release_strength"] == s for g, s in zip(pairs, pr)) / n,
            "exaggeration", "claim strength 0-3 accuracy, press releases")
    out.add("strength_accuracy_abstract", sum(g["abstract_strength"] == s for g, s in zip(pairs, ab)) / n,
            "exaggeration", "claim strength 0-3 accuracy, abstracts")
    out.figures["always_same_macro_f1"] = macro_f1(gold, ["same"] * len(gold))


# --- hedge detection ------------------------------------------------------------------------


def hedge_scores(sentences: list[dict[str, Any]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``is_hedged`` against BioScope's ``speculative``."""
    from tui.engine.lexicon.cues import is_hedged

    tp = fp = fn = 0
    for sentence in sentences:
        predicted, gold = is_hedged(sentence["text"]), bool(sentence["speculative"])
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def hedges(shared: Path, limit: int | None, out: Results) -> None:
    """Sentence-level speculation on the BioScope test split (and dev, for reference)."""
    sys.path.insert(0, str(ROOT))
    from tools.build_cues import is_dev

    folder = shared / "data" / "bioscope-hedge-cues"
    abstracts = read_jsonl(folder / "sentences_abstracts.jsonl")
    papers = read_jsonl(folder / "sentences_full_papers.jsonl")
    test = [s for s in abstracts if not is_dev(s["doc_id"])]
    dev = [s for s in abstracts if is_dev(s["doc_id"])]
    if limit is not None:
        test, dev, papers = test[: limit * 20], dev[: limit * 20], papers[: limit * 20]
    for key, name, sentences, reference in (
        ("hedge_f1_abstracts", "test abstracts", test, "generic list 0.617; target 0.85"),
        ("hedge_f1_papers", "full papers", papers, "generic 0.536; 46 cues 0.808"),
        ("hedge_f1_dev", "dev abstracts (tuned on)", dev, ""),
    ):
        precision, recall, f1 = hedge_scores(sentences)
        out.add(key, f1, "hedge detection", f"F1, BioScope {name} ({len(sentences)} sentences)", reference,
                f"P {precision:.3f} R {recall:.3f}")


# --- whole documents ------------------------------------------------------------------------


def whole_document(pairs: list[dict[str, Any]], out: Results) -> None:
    """The conclusions as two documents through ``compare_files``: is the first counterpart right?

    Each conclusion is one paragraph. A row counts as right when the first match of its
    first claim statement lies inside the right row of the other document. Rows the segmenter
    reads as headings only (a one-line title with no full stop) have no claim: they are
    reported apart, and counted wrong in the all-rows figure.
    """
    from tui.engine.pipeline import compare_files

    def write(path: Path, texts: list[str]) -> list[tuple[int, int]]:
        spans, parts, at = [], [], 0
        for text in texts:
            text = " ".join(text.split())
            spans.append((at, at + len(text)))
            parts.append(text)
            at += len(text) + 2
        path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
        return spans

    def row_of(spans: list[tuple[int, int]], start: int) -> int | None:
        return next((i for i, (s, e) in enumerate(spans) if s <= start < e), None)

    with tempfile.TemporaryDirectory() as tmp:
        src, der = Path(tmp) / "abstract-conclusions.txt", Path(tmp) / "press-release-conclusions.txt"
        src_spans = write(src, [p["abstract_conclusion"] for p in pairs])
        der_spans = write(der, [p["press_release_conclusion"] for p in pairs])
        began = time.perf_counter()
        comparison = compare_files(src, der)
        seconds = time.perf_counter() - began
    by_id = {f.statement.id: f for f in comparison.findings}
    first_claim: dict[int, Any] = {}
    for finding in comparison.findings:
        st = finding.statement
        if str(st.role) != "derived" or finding.status is None:
            continue
        row = row_of(der_spans, st.start)
        if row is not None and row not in first_claim:
            first_claim[row] = finding
    right = 0
    for row, finding in first_claim.items():
        if finding.matches:
            target = by_id[finding.matches[0].id].statement
            right += row_of(src_spans, target.start) == row
    out.add("whole_document_first_match", right / (len(first_claim) or 1), "whole document",
            f"first counterpart right, {len(first_claim)} rows with a claim", "target 0.70",
            f"{seconds:.1f}s compare_files")
    out.add("whole_document_first_match_all_rows", right / (len(pairs) or 1), "whole document",
            f"first counterpart right, all {len(pairs)} rows", "",
            f"{len(pairs) - len(first_claim)} rows are headings/boilerplate only")


# --- driver ---------------------------------------------------------------------------------


def render(results: Results, command: str, when: str) -> str:
    """The plain-text table with the date and the command."""
    head = ("task", "metric", "value", "reference", "note")
    cells = [head] + [(r.task, r.metric, r.value, r.reference, r.note) for r in results.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(head))]
    lines = [f"claimdiff evaluation, {when}", f"command: {command}", ""]
    for index, row in enumerate(cells):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def run(shared: Path, limit: int | None) -> Results:
    """Every evaluation, in order; returns the figures and table rows."""
    results = Results()
    timings: dict[str, float] = {}
    pairs = read_jsonl(shared / "data" / "sci-exaggeration" / "insciout_test.jsonl")[:limit]
    steps: list[tuple[str, Callable[[], None]]] = [
        ("segmentation", lambda: golden_rules(shared, limit, results)),
        ("alignment", lambda: alignment(pairs, results)),
        ("exaggeration", lambda: exaggeration(pairs, results)),
        ("hedges", lambda: hedges(shared, limit, results)),
        ("whole_document", lambda: whole_document(pairs, results)),
    ]
    for name, step in steps:
        began = time.perf_counter()
        step()
        timings[name] = round(time.perf_counter() - began, 2)
    results.figures["seconds"] = timings
    results.figures["limit"] = limit
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation, print the table, write the JSON file; 2 when the data is absent."""
    parser = argparse.ArgumentParser(prog="python -m tests.evaluate", description="claimdiff comparison quality")
    parser.add_argument("--limit", type=int, default=None, help="only the first N items of each set (a smoke run)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default ../shared)")
    parser.add_argument("--output", type=Path, default=ROOT / "eval-results.json", help="where to write the figures")
    parser.add_argument("--sets", default=None, help="fact-check dev sets, comma-separated ('none' skips them)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if not (args.shared / "data").is_dir():
        print(f"error: no evaluation data: {args.shared / 'data'} does not exist (it sits beside the checkout in CI)",
              file=sys.stderr)
        return 2
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = "python -m tests.evaluate" + ("" if argv is None and len(sys.argv) < 2 else " " + shlex.join(
        sys.argv[1:] if argv is None else argv))
    results = run(args.shared, args.limit)
    # The fact-check dev sets (issue 10); a full run rewrites the table in docs/evaluation.md.
    from tests.factcheck import section

    section(results, args.shared, args.sets, args.limit, when, command)
    results.figures["date"] = when
    results.figures["command"] = command
    rendered = render(results, command, when)
    print(rendered)
    if args.limit is None and args.sets is None:
        # a full run on the shared data rewrites the document's tables: none is older than the run
        from tests.factcheck import DOC, update_doc
        from tests.standing import INSCIOUT, STANDING, plain_table, standing

        update_doc(DOC, standing(results.figures, args.shared, when), STANDING)
        others = Results(rows=[row for row in results.rows if not row.task.startswith("fact-check")])
        update_doc(DOC, plain_table(render(others, command, when)), INSCIOUT)  # the fact-check table is above
    args.output.write_text(json.dumps(results.figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
