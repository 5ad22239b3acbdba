"""Where claimdiff stands against every target of issue 10, as ``make eval`` measures it.

A full run of ``make eval`` writes this table into ``docs/evaluation.md`` (between the
``standing`` markers) and the plain table of the InSciOut, BioScope and Golden Rules figures
below it (between the ``insciout`` markers), so the document never shows a figure older than
the last run. The seed pair is scored as the issue says: ``claimdiff compare`` through the
real command line, then ``../shared/eval/score.py`` on its JSON report.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STANDING = ("<!-- standing:begin -->", "<!-- standing:end -->")
INSCIOUT = ("<!-- insciout:begin -->", "<!-- insciout:end -->")
SEED_GOLDS = (("seed-gold-v2", 0.90), ("seed-gold", 0.85))
"""The seed golds and the bar each is held to (v2 by issue 10; v1 by the project's own test)."""


def seed_line(shared: Path, gold: str, bar: float) -> tuple[str, bool]:
    """``score.py``'s summary line for the seed pair against ``gold``, and whether it passes."""
    source, derived = ROOT / "seeds" / "msc-covid-abstract.txt", ROOT / "seeds" / "msc-covid-blog.txt"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "seed.json"
        subprocess.run([sys.executable, "-m", "tui", "compare", str(source), str(derived), "--format", "json",
                        "-o", str(report)], check=True, capture_output=True, cwd=ROOT, timeout=300)
        scored = subprocess.run(
            [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(shared / "eval" / f"{gold}.jsonl"),
             "--source", str(source), "--derived", str(derived), "--report", str(report),
             "--min-labels", f"{bar:.2f}", "--min-alignment", f"{bar:.2f}", "--require-keys", "--quiet"],
            capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    line = scored.stdout.strip().splitlines()[-1] if scored.stdout.strip() else scored.stderr.strip()
    return line.removeprefix(f"{gold}: "), scored.returncode == 0


def _met(value: float | None, target: float) -> str:
    return "n/a" if value is None else ("yes" if value >= target else "**no**")


def standing(figures: dict[str, Any], shared: Path, when: str) -> str:
    """The markdown table of every target, its figure and whether it is met."""
    fc = figures.get("factcheck", {})
    rows: list[tuple[str, str, str, str]] = []
    for name, label, (aligned, f1) in (("check_covid", "Check-COVID", (0.80, 0.65)),
                                       ("vitaminc_real", "VitaminC real", (None, 0.70)),
                                       ("wice", "WiCE", (0.85, 0.60))):
        got = fc.get(name)
        if got is None:
            continue
        if aligned is not None:
            rows.append((f"{label}: alignment", f"≥ {aligned:.2f}", f"{got['alignment']:.3f}",
                         _met(got["alignment"], aligned)))
        lo, hi = got["macro_f1_ci95"]
        rows.append((f"{label}: macro-F1 (held-out folds)", f"≥ {f1:.2f}",
                     f"{got['macro_f1']:.3f} [{lo:.3f}, {hi:.3f}]", _met(got["macro_f1"], f1)))
    for gold, bar in SEED_GOLDS:
        if (shared / "eval" / f"{gold}.jsonl").exists():
            line, ok = seed_line(shared, gold, bar)
            what = "issue 10" if gold.endswith("v2") else "the project's seed test"
            rows.append((f"seed pair, `{gold}` ({what})", f"labels, alignment ≥ {bar:.2f}; every key finding",
                         line.split(" — ")[0], "yes" if ok else "**no**"))
    for key, label, target in (("exaggeration_mrr", "InSciOut test: alignment MRR", 0.70),
                               ("exaggeration_macro_f1", "InSciOut test: exaggeration macro-F1", 0.55),
                               ("whole_document_first_match", "InSciOut test: whole document, first counterpart",
                                0.70),
                               ("hedge_f1_abstracts", "BioScope test abstracts: hedge F1", 0.85)):
        if key in figures:
            rows.append((label, f"≥ {target:.2f}", f"{figures[key]:.3f}", _met(figures[key], target)))
    if "golden_rules_passed" in figures:
        passed, total = figures["golden_rules_passed"], figures["golden_rules_total"]
        rows.append(("Golden Rules (segmentation)", "≥ 46 of 48", f"{passed} of {total}",
                     "yes" if passed >= 46 else "**no**"))
    lines = [f"`make eval`, {when}:", "", "| what | target | figure | met? |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def plain_table(rendered: str) -> str:
    """The printed table of ``make eval`` as a fenced block."""
    return "```\n" + rendered.strip("\n") + "\n```"
