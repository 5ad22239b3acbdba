"""`make train`: fit the learned decision and write ``tui/engine/judge/decision.npz``.

    python -m tools.train [--shared DIR] [--limit N] [--out FILE]

Training rows, all written by others (``../shared/data/factcheck-dev``, see its README):
- the VitaminC "real" training file: a claim and the one Wikipedia sentence that supports or
  refutes it (rows marked NOT ENOUGH INFO are left out: the decision is only asked about
  matched pairs);
- the dev items of Check-COVID, VitaminC real and WiCE, each claim paired with the source
  statement the engine itself matches it with (as the app would), weighted ``DEV_WEIGHT``.
  Their figures in ``make eval`` come from models that left their fold out (:func:`fold_of`).

The fit is an L2-regularised logistic regression (L-BFGS, classes weighted to balance),
deterministic: the same rows give the same weights, byte for byte. Its temper (how far a
large source lowers the confidence, :attr:`~tui.engine.judge.decide.Decision.temper`) is fitted
on the dev rows' held-out chances, from one model per fold (:func:`fit_temper`).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy import optimize, sparse, special

from tests.factcheck import document, fold_group, fold_of
from tui.engine.align.text import find_abbreviations
from tui.engine.judge.concepts import Concepts
from tui.engine.judge.decide import WEIGHTS_FILE, Decision
from tui.engine.judge.rows import SLOTS, difference_slots, slot_of, slot_value
from tui.engine.judge.signals import NAMES, measure, read

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT / ".." / "shared"
OUT = ROOT / "tui" / "engine" / "judge" / WEIGHTS_FILE
DEV_SETS = ("check_covid", "vitaminc_real", "wice")
DEV_WEIGHT = 6.0
"""How much one dev row counts against one VitaminC training row (tuned on the dev sets as a
whole, held-out folds: 1, 3, 6 and 10 were tried)."""
L2 = 1.0
"""The penalty on the named signals' weights."""
L2_SLOTS = 2.0
"""The penalty on the hashed one-side words' weights: words seen in VitaminC's edits (names,
dates) fit that set and little else; 1, 2, 4, 8 and 11 were tried (held-out folds, the three
sets)."""
FOLDS = 5


@dataclass(frozen=True, slots=True)
class Row:
    """One training pair: a derived claim, its source statement, and whether it diverges."""

    derived: str
    source: str
    diverges: bool
    weight: float = 1.0
    group: str = ""
    """Rows of one group (an abstract, a Wikipedia page) are always in the same fold."""
    document: tuple[str, ...] | None = None
    """The source's claims, when there are more than the source statement (a dev item's, as
    the engine segments it and :func:`tui.engine.pipeline.source_claims` keeps them)."""
    defined: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The abbreviations the two documents define (:func:`tui.engine.align.text.find_abbreviations`),
    which the decision reads as one term with their long forms, as the engine does."""

    @property
    def concepts(self) -> Concepts | None:
        return Concepts(dict(self.defined)) if self.defined else None


def detokenise(text: str) -> str:
    """VitaminC's released text, with spaces around punctuation, as people write it."""
    text = re.sub(r" ([.,;:!?)%])", r"\1", text)
    text = re.sub(r"\( ", "(", text)
    text = re.sub(r" (['’]s|n't)\b", r"\1", text)
    return text.replace("-LRB-", "(").replace("-RRB-", ")")


def vitaminc_rows(path: Path, limit: int | None = None) -> list[Row]:
    """The SUPPORTS and REFUTES rows of the VitaminC real training file."""
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            raw = json.loads(line)
            if raw["label"] == "NOT ENOUGH INFO":
                continue
            claim, evidence = detokenise(raw["claim"]), detokenise(raw["evidence"])
            rows.append(Row(claim, evidence, raw["label"] == "REFUTES", 1.0, "vc-train:" + raw.get("page", ""),
                            defined=defined([evidence, claim])))
            if limit and len(rows) >= limit:
                break
    return rows


def defined(texts: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The abbreviations ``texts`` define, as a :class:`Row` keeps them."""
    return tuple(sorted(find_abbreviations(texts).items()))


def aligned_source(item: dict[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """The source statement the engine matches the item's main derived claim with, if any,
    and the source's claims as the engine reads them for a number stated elsewhere."""
    from tui.engine.model import Kind, Role
    from tui.engine.pipeline import compare, source_claims

    # Matching does not depend on the decision; a blank one keeps training from needing weights.
    blank = Decision(np.zeros(len(NAMES)), np.zeros(SLOTS), -1.0)
    comparison = compare(document(item["source_text"], "source.txt"), document(item["derived_text"], "derived.txt"),
                         decision=blank)
    derived = comparison.of(Role.DERIVED)
    claims = [f for f in derived if f.statement.kind is Kind.CLAIM] or derived
    if not claims:
        return None
    main = max(claims, key=lambda f: f.statement.end - f.statement.start)
    if not main.matches:
        return None
    statements = tuple(source_claims([f.statement for f in comparison.of(Role.SOURCE)]))
    return comparison.by_id()[main.matches[0].id].statement.text, statements


def dev_items(shared: Path, sets: Sequence[str] = DEV_SETS, limit: int | None = None) -> list[dict[str, Any]]:
    """The dev items of the fact-check sets, in file order."""
    items = []
    for name in sets:
        with (shared / "data" / "factcheck-dev" / f"{name}.jsonl").open(encoding="utf-8") as lines:
            chunk = [json.loads(line) for line in lines]
        items.extend(chunk[:limit] if limit else chunk)
    return items


def dev_rows(items: Iterable[dict[str, Any]]) -> list[tuple[dict[str, Any], Row]]:
    """Each dev item with a matched source statement, as a training row."""
    out = []
    for item in items:
        aligned = aligned_source(item)
        if aligned is not None:
            source, statements = aligned
            row = Row(item["derived_text"].strip(), source, item["gold_label"] != "agreement", DEV_WEIGHT, fold_group(item),
                      statements, defined([item["source_text"], item["derived_text"]]))
            out.append((item, row))
    return out


def features(rows: Sequence[Row]) -> sparse.csr_matrix:
    """Named signals, then hashed slots, one row per pair."""
    concepts = [r.concepts for r in rows]
    named = np.array([[measure(r.derived, r.source, document=r.document, concepts=c)[n] for n in NAMES]
                      for r, c in zip(rows, concepts, strict=True)], dtype=np.float64)
    indptr, indices, values = [0], [], []
    for r, c in zip(rows, concepts, strict=True):
        for side in difference_slots(r.derived, r.source, c):
            indices.extend(side)
            values.extend([slot_value(len(side))] * len(side))
        indptr.append(len(indices))
    hashed = sparse.csr_matrix((np.array(values), indices, indptr), shape=(len(rows), SLOTS))
    return sparse.hstack([sparse.csr_matrix(named), hashed], format="csr")


def fit(rows: Sequence[Row], matrix: sparse.csr_matrix | None = None) -> Decision:
    """The divergence model: an L2 logistic regression over the rows, classes balanced."""
    x = features(rows) if matrix is None else matrix
    y = np.array([r.diverges for r in rows], dtype=np.float64)
    w = np.array([r.weight for r in rows], dtype=np.float64)
    theta = logistic(sparse.csr_matrix(x), y, w)
    return Decision(theta[: len(NAMES)], theta[len(NAMES) : -1], float(theta[-1]))


def logistic(x: sparse.csr_matrix, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weights then bias of an L2 logistic regression, classes balanced; deterministic. The
    first ``len(NAMES)`` columns are the named signals, penalised by ``L2``; the rest are the
    hashed slots, penalised by ``L2_SLOTS``."""
    w = w.copy()
    for label in (0.0, 1.0):  # each class carries half of the total weight
        mask = y == label
        if mask.any():
            w[mask] *= w.sum() / (2 * w[mask].sum())
    xt = x.T.tocsr()
    penalty = np.full(x.shape[1], L2_SLOTS)
    penalty[: len(NAMES)] = L2

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ theta[:-1] + theta[-1]
        p = 1.0 / (1.0 + np.exp(-z))
        value = float(np.sum(w * (np.logaddexp(0.0, z) - y * z))) + 0.5 * float(penalty @ theta[:-1] ** 2)
        residual = w * (p - y)
        grad = np.append(xt @ residual + penalty * theta[:-1], residual.sum())
        return value, grad

    start = np.zeros(x.shape[1] + 1)
    result = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return np.asarray(result.x)


def held_out(train: Sequence[Row], dev: Sequence[tuple[dict[str, Any], Row]], folds: int = FOLDS) -> dict[int, Decision]:
    """One decision per fold, each trained without the dev items of its fold (for ``make eval``),
    and tempered by the held-out chances of the other folds' dev rows only."""
    rows = [*train, *(row for _, row in dev)]
    matrix = features(rows)
    fold = fold_column(train, dev, folds)
    models, odds = fold_models(rows, matrix, fold, folds)
    return {k: replace(models[k], temper=fit_temper(odds, rows, (fold >= 0) & (fold != k))) for k in range(folds)}


def fold_column(train: Sequence[Row], dev: Sequence[tuple[dict[str, Any], Row]], folds: int = FOLDS) -> np.ndarray:
    """Each row's fold, training rows first (-1: in every fold's training), then the dev rows."""
    return np.array([-1] * len(train) + [fold_of(item, folds) for item, _ in dev])


def fold_models(
    rows: Sequence[Row], matrix: sparse.csr_matrix, fold: np.ndarray, folds: int = FOLDS,
) -> tuple[dict[int, Decision], np.ndarray]:
    """One decision per fold, trained without the rows of that fold (``fold`` -1: in every
    fold's training), and each row's log-odds of divergence by the model that did not see it
    (0 for rows in every fold)."""
    models: dict[int, Decision] = {}
    odds = np.zeros(len(rows))
    for k in range(folds):
        keep, out = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        models[k] = fit([rows[i] for i in keep], matrix[keep])
        odds[out] = log_odds(models[k], matrix[out])
    return models, odds


def log_odds(decision: Decision, matrix: sparse.csr_matrix) -> np.ndarray:
    """The decision's log-odds of divergence for each row of a :func:`features` matrix."""
    return np.asarray(matrix @ np.concatenate([decision.named, decision.slots])) + decision.bias


def fit_temper(odds: np.ndarray, rows: Sequence[Row], which: np.ndarray | None = None) -> tuple[float, float]:
    """``(a, b)`` such that dividing held-out log-odds by ``exp(a + b * ln n)``, for a source of
    ``n`` claims, best predicts the rows' labels (mean log-loss; L-BFGS from (0, 0), so
    deterministic); ``which`` picks the rows to fit on (all when None). A verdict's confidence
    then means as much on a web page as on one sentence."""
    if which is not None:
        odds, rows = odds[which], [rows[i] for i in np.flatnonzero(which)]
    labels = np.array([r.diverges for r in rows], dtype=np.float64)
    size = np.log(np.array([max(1, len(r.document or ())) for r in rows], dtype=np.float64))

    def loss(ab: np.ndarray) -> tuple[float, np.ndarray]:
        z = odds * np.exp(-(ab[0] + ab[1] * size))
        miss = special.expit(z) - labels
        value = float(np.mean(np.logaddexp(0.0, z) - labels * z))
        return value, np.array([np.mean(-miss * z), np.mean(-miss * z * size)])

    if not len(rows):
        return (0.0, 0.0)
    a, b = optimize.minimize(loss, np.zeros(2), jac=True, method="L-BFGS-B").x
    return (float(a), float(b))


def training_rows(shared: Path, limit: int | None = None) -> tuple[list[Row], list[tuple[dict[str, Any], Row]]]:
    """The VitaminC training rows and the dev rows (with their items, for folds)."""
    train = vitaminc_rows(shared / "data" / "factcheck-dev" / "vitaminc_real_train.jsonl.gz", limit)
    dev = dev_rows(dev_items(shared, limit=limit))
    return train, dev


def describe(decision: Decision, rows: Sequence[Row], top: int = 12) -> str:
    """The weights a reviewer can read: named signals by weight, and the one-side words whose
    slots weigh most (words read back from the training rows; a slot may hold several)."""
    a, b = decision.temper
    lines = [f"temper: log-odds divided by exp({a:+.3f} {b:+.3f} ln n) for a source of n claims "
             f"({', '.join(f'{n}: {decision.temperature(n):.2f}' for n in (1, 5, 10, 30, 100))})",
             "named signals (weight per unit of signal; + pushes towards divergence):"]
    for name, weight in sorted(zip(NAMES, decision.named, strict=True), key=lambda p: -abs(p[1])):
        lines.append(f"  {weight:+6.2f}  {name}")
    words: dict[int, set[str]] = {}
    for r in rows:
        d_stems, s_stems = read(r.derived).stems, read(r.source).stems
        for side, alone in enumerate((d_stems - s_stems, s_stems - d_stems)):
            for word in alone:
                words.setdefault(slot_of(word, side), set()).add("+-"[side] + word)
    order = np.argsort(decision.slots)
    for title, picked in (("towards divergence", order[::-1][:top]), ("towards agreement", order[:top])):
        shown = ", ".join(f"{'/'.join(sorted(words.get(int(i), {'?'}))[:2])} {decision.slots[i]:+.2f}" for i in picked)
        lines.append(f"one-side words {title}: {shown}")
    return "\n".join(lines)


def arguments(argv: Sequence[str] | None, doc: str, out: Path, limit: str) -> argparse.Namespace | None:
    """The command line of a training tool (None, with a message, when the data is not there)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=None, help=f"{limit} (for a quick try)")
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "factcheck-dev").is_dir():
        print(f"{parser.prog}: {args.shared}/data/factcheck-dev not found", file=sys.stderr)
        return None
    return args


def write_weights(path: Path, data: bytes) -> str:
    """Write a weights file; the first 12 hex digits of its SHA-256, for the log line."""
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()[:12]


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(argv, __doc__, OUT, "rows of each file")
    if args is None:
        return 2
    began = time.monotonic()
    train, dev = training_rows(args.shared, args.limit)
    rows = train + [row for _, row in dev]
    matrix = features(rows)
    fold = fold_column(train, dev)
    _, odds = fold_models(rows, matrix, fold)
    decision = replace(fit(rows, matrix), temper=fit_temper(odds, rows, fold >= 0))
    digest = write_weights(args.out, decision.to_bytes())
    print(f"train: {len(train)} VitaminC rows + {len(dev)} dev rows -> {args.out.name} "
          f"(sha256 {digest}) in {time.monotonic() - began:.0f} s")
    print(describe(decision, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
