"""The fact-check dev sets scored in-process, exactly as ``../shared/eval/factcheck_eval.py`` does.

    python -m tests.factcheck [--sets check_covid,vitaminc_real,wice] [--limit N] [--no-naive]

Each item is one derived claim (``derived_text``) against one source text. The reference
scorer writes both to UTF-8 files and runs ``claimdiff compare SOURCE DERIVED --format json``
once per item; here the same documents go through the same front door
(:func:`tui.engine.pipeline.compare`) and the same JSON renderer, in one process, so the
figures are identical and take a fraction of the time (``tests/test_factcheck_eval.py``
checks that they are).

The scoring is separate from the producer: :func:`evaluate` takes ``report_for``, any
function from an item to a report-contract dict (``statements`` with ``doc``, ``start``,
``end``, ``kind``, ``status`` and ``matches``). The default is claimdiff itself
(:func:`claimdiff_report`); :func:`naive_report` is the naive peer of issue 10. A learned
decision plugs in the same way; where its figures on items it was trained on must come from
held-out folds, its ``report_for`` picks the model of the fold the item is held out in
(:func:`fold_of` gives grouped folds: by abstract, Wikipedia page or article).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / ".." / "shared" / "data" / "factcheck-dev"
SETS = ("check_covid", "vitaminc_real", "wice")
LABELS = ("agreement", "divergence", "unsupported")
NONE = "none"
"""The predicted label of an item whose report has no derived statement."""
RESAMPLES = 1000
SEED = 20261203

Item = dict[str, Any]
Report = dict[str, Any]
ReportFor = Callable[[Item], Report]


# --- data -----------------------------------------------------------------------------------


def load_set(name: str, data: Path = DEFAULT_DATA, limit: int | None = None) -> list[Item]:
    """The items of ``<data>/<name>.jsonl``, the first ``limit`` of them when given."""
    with (Path(data) / f"{name}.jsonl").open(encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle if line.strip()]
    return items[:limit] if limit else items


def bootstrap_group(item: Item) -> str:
    """The unit the bootstrap resamples: a VitaminC minimal pair together, otherwise the item."""
    return item.get("pair_id") or item["id"]


def fold_group(item: Item) -> str:
    """The unit training folds must keep together: the abstract (Check-COVID), the Wikipedia
    page (VitaminC: every revision and pair of it) or the article (WiCE), so no model is
    scored on an item whose source it was trained on."""
    for key in ("group_id", "page", "wikipedia_title"):
        if item.get(key):
            return f"{key}:{item[key]}"
    return item["id"]


def fold_of(item: Item, folds: int = 5) -> int:
    """The fold (0 … folds-1) the item is held out in: a stable hash of :func:`fold_group`."""
    digest = hashlib.sha256(fold_group(item).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % folds


# --- producers ------------------------------------------------------------------------------


def _as_loaded(text: str) -> str:
    """The text ``claimdiff compare`` reads back from a UTF-8 file written with ``newline=""``:
    the loader drops a leading BOM and refuses a blank file, and changes nothing else."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ValueError("the file is empty (nothing but white space)")
    return text


def document(text: str, path: str) -> Any:
    """A :class:`~tui.engine.model.Document` as the loader builds it from ``text`` saved as UTF-8."""
    from tui.engine.model import Document

    data = text.encode("utf-8")
    return Document(path=path, text=_as_loaded(text), sha256=hashlib.sha256(data).hexdigest(), encoding="utf-8")


def claimdiff_report(item: Item, decision: Any = None, options: Any = None, ranker: Any = None) -> Report:
    """claimdiff's report for one item, as ``claimdiff compare … --format json`` writes it
    (with ``decision`` and ``ranker`` in place of the shipped learned ones when given)."""
    from tui.engine import export
    from tui.engine.model import CompareOptions
    from tui.engine.pipeline import compare

    comparison = compare(document(item["source_text"], "source.txt"), document(item["derived_text"], "derived.txt"),
                         options or CompareOptions(), decision=decision, ranker=ranker)
    return json.loads(export.render("json", comparison))


def held_out_reports(shared: Path, log: Callable[[str], None] | None = None) -> ReportFor:
    """claimdiff judged by models that never saw the item: the shipped decision is trained on
    every dev item too (``make train``), and so is the shipped ranker, so each dev item is
    scored by the models retrained without its fold (grouped by abstract, page or article:
    :func:`fold_of`)."""
    from tools import train, train_rank

    began = time.perf_counter()
    rankers = train_rank.held_out(train_rank.listings(train.dev_items(shared, train_rank.RANK_SETS)))
    rows, dev = train.training_rows(shared)
    decisions = train.held_out(rows, dev)
    if log:
        log(f"fold models trained in {time.perf_counter() - began:.0f} s")
    return lambda item: claimdiff_report(item, decisions[fold_of(item)], ranker=rankers[fold_of(item)])


NAIVE_AGREEMENT = 80.0
NAIVE_DIVERGENCE = 55.0
_SEGMENTER: Any = None


@lru_cache(maxsize=1024)
def naive_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """pySBD sentences of each line of ``text``, as code-point spans (white space trimmed).

    Remembered per text: Check-COVID asks about 178 abstracts 429 times."""
    global _SEGMENTER
    if _SEGMENTER is None:
        import pysbd

        _SEGMENTER = pysbd.Segmenter(language="en", clean=False)
    spans: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        if line.strip():
            cursor = 0
            for sentence in _SEGMENTER.segment(line):
                piece = sentence.strip()
                found = line.find(piece, cursor) if piece else -1
                if found < 0:
                    continue
                spans.append((at + found, at + found + len(piece)))
                cursor = found + len(piece)
        at += len(line) + 1
    return tuple(spans)


def naive_report(item: Item) -> Report:
    """The naive peer of issue 10 as a report: the whole derived text is one claim, its match the
    source sentence with the best ``token_set_ratio`` on lower-cased text (the first on ties);
    agreement at 80 or more, divergence at 55 or more, unsupported below."""
    from rapidfuzz import fuzz

    source, derived = item["source_text"], item["derived_text"]
    spans = naive_sentences(source)
    statements: list[dict[str, Any]] = [
        {"id": f"s{n}", "doc": "source", "start": s, "end": e, "kind": "claim", "status": None, "matches": []}
        for n, (s, e) in enumerate(spans, 1)
    ]
    claim = derived.lower()
    best, best_score = None, -1.0
    for statement in statements:
        score = fuzz.token_set_ratio(claim, source[statement["start"]:statement["end"]].lower())
        if score > best_score:
            best, best_score = statement, score
    status = ("agreement" if best_score >= NAIVE_AGREEMENT else
              "divergence" if best_score >= NAIVE_DIVERGENCE else "unsupported")
    statements.append({"id": "d1", "doc": "derived", "start": 0, "end": len(derived), "kind": "claim",
                       "status": status, "matches": [{"id": best["id"], "score": best_score}] if best else []})
    return {"statements": statements}


# --- scoring --------------------------------------------------------------------------------


def overlap(a: Sequence[int], b: Sequence[int]) -> bool:
    """Two spans overlap by at least 30% of the shorter one."""
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    short = max(1, min(a[1] - a[0], b[1] - b[0]))
    return (hi - lo) / short >= 0.30 if hi > lo else False


def score_report(item: Item, report: Report) -> dict[str, Any]:
    """``{"status", "aligned"}`` of one item, read from its report as ``factcheck_eval.run_item`` does.

    The derived statements of kind ``claim`` are read (all derived statements if none): the
    status is divergence if any is, else the longest one's; alignment (items with gold spans
    only, else None) is whether the longest one's first match overlaps a gold span.
    """
    statements = report["statements"]
    source = {s["id"]: s for s in statements if s["doc"] == "source"}
    derived = [s for s in statements if s["doc"] == "derived"]
    claims = [s for s in derived if s.get("kind") == "claim"] or derived
    if not claims:
        return {"status": None, "aligned": None}
    main = max(claims, key=lambda s: s["end"] - s["start"])
    statuses = {s.get("status") for s in claims}
    status = "divergence" if "divergence" in statuses else main.get("status")
    aligned = None
    spans = item.get("gold_source_spans")
    if spans:
        matches = main.get("matches") or []
        aligned = False
        if matches and matches[0]["id"] in source:
            target = source[matches[0]["id"]]
            aligned = any(overlap((target["start"], target["end"]), gold) for gold in spans)
    return {"status": status, "aligned": aligned}


def predict(items: Iterable[Item], report_for: ReportFor | None = None) -> list[dict[str, Any]]:
    """Per item ``{"id", "gold", "status", "aligned"}``, or ``{"id", "gold", "error"}`` when the
    producer raised (the reference scorer counts a failed run the same way: left out)."""
    report_for = report_for or claimdiff_report
    out = []
    for item in items:
        try:
            result = score_report(item, report_for(item))
        except Exception as error:  # noqa: BLE001 - a failed item is reported, not fatal
            result = {"error": f"{type(error).__name__}: {error}"}
        out.append({"id": item["id"], "gold": item["gold_label"], **result})
    return out


def macro_f1(gold: Sequence[str], predicted: Sequence[str | None], labels: Sequence[str]) -> float:
    """Mean F1 over ``labels`` (a label never gold nor predicted is skipped), as the reference."""
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def bootstrap_f1(gold: Sequence[str], predicted: Sequence[str | None], groups: Sequence[str],
                 labels: Sequence[str], resamples: int = RESAMPLES, seed: int = SEED) -> tuple[float, float]:
    """95% percentile interval of macro-F1, resampling ``groups`` (whole groups) with replacement."""
    import numpy as np

    names = sorted(set(groups))
    index = {g: n for n, g in enumerate(names)}
    # Per group: (tp, fp, fn) for each label; a resample's counts are a weighted sum of them.
    counts = np.zeros((len(names), len(labels), 3))
    for g, p, group in zip(gold, predicted, groups):
        for k, label in enumerate(labels):
            counts[index[group], k] += (g == label and p == label, g != label and p == label,
                                        g == label and p != label)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(names), size=(resamples, len(names)))
    weights = np.stack([np.bincount(row, minlength=len(names)) for row in draws])
    totals = np.einsum("rg,gkc->rkc", weights, counts)
    tp, fp, fn = totals[..., 0], totals[..., 1], totals[..., 2]
    present = (tp + fp + fn) > 0
    f1 = np.where(tp > 0, 2 * tp / np.maximum(1, 2 * tp + fp + fn), 0.0)
    macro = (f1 * present).sum(axis=1) / np.maximum(1, present.sum(axis=1))
    lo, hi = np.percentile(macro, [2.5, 97.5])
    return float(lo), float(hi)


def summarize(items: Sequence[Item], results: Sequence[dict[str, Any]], *,
              resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, Any]:
    """The figures of one set from its per-item results (same order as ``items``)."""
    ok = [(it, r) for it, r in zip(items, results) if "error" not in r]
    errors = [r["error"] for r in results if "error" in r]
    aligned = [r["aligned"] for _, r in ok if r["aligned"] is not None]
    gold = [it["gold_label"] for it, _ in ok]
    predicted = [r["status"] for _, r in ok]
    right = sum(r["status"] in it.get("acceptable_labels", [it["gold_label"]]) for it, r in ok)
    labels = [label for label in LABELS if label in gold]
    columns = [*LABELS, NONE]
    confusion = {g: {p: sum(1 for gg, pp in zip(gold, predicted) if gg == g and (pp or NONE) == p)
                     for p in columns} for g in labels}
    recall = {label: confusion[label][label] / max(1, sum(confusion[label].values())) for label in labels}
    lo, hi = bootstrap_f1(gold, predicted, [bootstrap_group(it) for it, _ in ok], labels, resamples, seed)
    out: dict[str, Any] = {
        "items": len(items),
        "errors": len(errors),
        "alignment": round(sum(aligned) / len(aligned), 3) if aligned else None,
        "aligned_of": len(aligned),
        "label_acc": round(right / max(1, len(ok)), 3),
        "macro_f1": round(macro_f1(gold, predicted, labels), 3),
        "macro_f1_ci95": [round(lo, 3), round(hi, 3)],
        "per_label": {label: f"{confusion[label][label]}/{sum(confusion[label].values())}" for label in labels},
        "recall": {label: round(value, 3) for label, value in recall.items()},
        "confusion": confusion,
    }
    if errors:
        out["first_error"] = errors[0][:160]
    return out


def evaluate(items: Sequence[Item], report_for: ReportFor | None = None, *,
             resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, Any]:
    """Score ``report_for`` (claimdiff when None) on ``items``: figures plus ``results`` per item."""
    began = time.perf_counter()
    results = predict(items, report_for)
    seconds = time.perf_counter() - began
    return {**summarize(items, results, resamples=resamples, seed=seed), "seconds": round(seconds, 1),
            "results": results}


def run_sets(sets: Sequence[str] = SETS, *, data: Path = DEFAULT_DATA, limit: int | None = None,
             report_for: ReportFor | None = None, naive: bool = True,
             log: Callable[[str], None] | None = None, dump: Path | None = None) -> dict[str, Any]:
    """Every set's figures, with the naive peer's under ``"naive"``; per-item results of the
    producer go to ``dump`` (JSON lines, as the reference scorer's ``--dump``) when given."""
    figures: dict[str, Any] = {}
    if dump:
        dump.write_text("", encoding="utf-8")
    for name in sets:
        items = load_set(name, data, limit)
        scored = evaluate(items, report_for)
        if dump:
            with dump.open("a", encoding="utf-8") as handle:
                handle.writelines(json.dumps(row) + "\n" for row in scored["results"])
        figures[name] = _public(scored)
        if naive:
            figures[name]["naive"] = _public(evaluate(items, naive_report))
        if log:
            log(f"{name}: {json.dumps({k: v for k, v in figures[name].items() if k != 'confusion'})}")
    return figures


def _public(figures: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in figures.items() if k != "results"}


# --- the table in docs/evaluation.md --------------------------------------------------------

BEGIN, END = "<!-- factcheck:begin -->", "<!-- factcheck:end -->"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _recalls(figures: dict[str, Any]) -> str:
    return ", ".join(f"{label} {figures['per_label'][label]} ({value:.2f})"
                     for label, value in figures["recall"].items())


def markdown(figures: dict[str, Any], when: str, command: str) -> str:
    """The fact-check section: the table, the naive peer's own line, and the confusion tables."""
    lines = [
        f"Fact-check dev sets, {when}; command: `{command}`.",
        "",
        "| set | alignment | accuracy | macro-F1 [95% CI] | naive peer macro-F1 | per-label recall |",
        "|---|---|---|---|---|---|",
    ]
    for name, f in figures.items():
        n = f.get("naive")
        lo, hi = f["macro_f1_ci95"]
        lines.append(f"| {name} ({f['items']}) | {_pct(f['alignment'])} | {f['label_acc']:.3f} | "
                     f"{f['macro_f1']:.3f} [{lo:.3f}, {hi:.3f}] | "
                     f"{'' if n is None else format(n['macro_f1'], '.3f')} | {_recalls(f)} |")
    if any("naive" in f for f in figures.values()):
        lines += ["", ("The naive peer scored the same way (pySBD sentences per line, `token_set_ratio`, "
                       "agreement ≥ 80, divergence ≥ 55):"), "",
                  "| set | alignment | accuracy | macro-F1 [95% CI] | per-label recall |", "|---|---|---|---|---|"]
        for name, f in figures.items():
            if n := f.get("naive"):
                lo, hi = n["macro_f1_ci95"]
                lines.append(f"| {name} | {_pct(n['alignment'])} | {n['label_acc']:.3f} | "
                             f"{n['macro_f1']:.3f} [{lo:.3f}, {hi:.3f}] | {_recalls(n)} |")
    lines += ["", "Confusion (rows gold, columns predicted: agreement / divergence / unsupported / none):", ""]
    for name, f in figures.items():
        for who, g in (("claimdiff", f), ("naive", f.get("naive"))):
            if g:
                rows = "; ".join(f"{label} {' / '.join(str(v) for v in row.values())}"
                                 for label, row in g["confusion"].items())
                lines.append(f"- {name}, {who}: {rows}")
    return "\n".join(lines)


def update_doc(path: Path, section: str, markers: tuple[str, str] = (BEGIN, END)) -> None:
    """Replace the text between ``markers`` (the fact-check ones by default) in ``path``,
    appending them if absent."""
    begin, end = markers
    text = path.read_text(encoding="utf-8") if path.exists() else "# Evaluation\n"
    block = f"{begin}\n{section}\n{end}"
    if begin in text and end in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, count=1, flags=re.DOTALL)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- `make eval` ----------------------------------------------------------------------------

TARGETS = {"check_covid": (0.80, 0.65), "vitaminc_real": (None, 0.70), "wice": (0.85, 0.60)}
"""Issue 10's bars per set: (alignment, macro-F1)."""
DOC = ROOT / "docs" / "evaluation.md"


def section(results: Any, shared: Path, sets: str | None, limit: int | None, when: str, command: str,
            doc: Path = DOC) -> None:
    """The fact-check part of ``make eval``: figures under ``results.figures["factcheck"]``, rows in
    its table, and, on a full run of every set, the table in ``docs/evaluation.md`` rewritten.

    Args:
        results: ``tests.evaluate.Results`` (its ``add`` and ``figures`` are used).
        shared: The shared folder (``<shared>/data/factcheck-dev``).
        sets: Comma-separated set names; None for all, ``"none"`` to skip.
        limit: Only the first N items of each set.
        when: The date shown in the document.
        command: The command shown in the document.
        doc: The document whose fact-check section is rewritten.
    """
    names = list(SETS) if sets is None else [s for s in sets.split(",") if s and s != "none"]
    if not names:
        return
    if unknown := [n for n in names if n not in SETS]:
        raise SystemExit(f"error: unknown fact-check set {', '.join(unknown)}; choose from {', '.join(SETS)}")
    began = time.perf_counter()
    report_for = held_out_reports(shared, log=print) if limit is None else None
    figures = run_sets(names, data=shared / "data" / "factcheck-dev", limit=limit, report_for=report_for)
    results.figures["factcheck"] = figures
    results.figures["factcheck_decision"] = "held-out folds" if report_for else "shipped (trained on these items too)"
    results.figures.setdefault("seconds", {})["factcheck"] = round(time.perf_counter() - began, 2)
    for name, f in figures.items():
        aligned, f1 = TARGETS.get(name, (None, None))
        lo, hi = f["macro_f1_ci95"]
        task = f"fact-check {name}"
        results.add(f"factcheck_{name}_macro_f1", f["macro_f1"], task, f"macro-F1, {f['items']} items",
                    f"naive {f['naive']['macro_f1']:.3f}" + (f"; target {f1}" if f1 else ""),
                    f"95% CI [{lo:.3f}, {hi:.3f}]; recall " + _recalls(f))
        if f["alignment"] is not None:
            results.add(f"factcheck_{name}_alignment", f["alignment"], task, f"alignment, {f['aligned_of']} items",
                        f"naive {_pct(f['naive']['alignment'])}" + (f"; target {aligned}" if aligned else ""))
        results.add(f"factcheck_{name}_accuracy", f["label_acc"], task, "status accuracy",
                    f"naive {f['naive']['label_acc']:.3f}")
    if limit is None and names == list(SETS):
        update_doc(doc, markdown(figures, when, command))


# --- command line ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Score the sets, print the figures as JSON; 2 when the data is absent."""
    parser = argparse.ArgumentParser(prog="python -m tests.factcheck", description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    parser.add_argument("--limit", type=int, default=None, help="only the first N items of each set")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of <set>.jsonl")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive peer")
    parser.add_argument("--dump", type=Path, help="write per-item results (claimdiff) as JSON lines here")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: no fact-check data: {args.data} does not exist", file=sys.stderr)
        return 2
    sets = [s for s in args.sets.split(",") if s]
    figures = run_sets(sets, data=args.data, limit=args.limit, naive=not args.no_naive,
                       log=lambda line: print(line, flush=True), dump=args.dump)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
