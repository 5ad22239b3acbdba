"""The yardstick: the seed pair's JSON report scored by ../shared/eval/score.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_seed_report_meets_the_gold(seed_pair: tuple[Path, Path], shared: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    subprocess.run([sys.executable, "-m", "tui", "compare", *map(str, seed_pair), "--format", "json",
                    "-o", str(report)], check=True, cwd=ROOT, timeout=120)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["format"] == "claimdiff-report" and data["version"] == 1
    result = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(shared / "eval" / "seed-gold.jsonl"),
         "--source", str(seed_pair[0]), "--derived", str(seed_pair[1]), "--report", str(report),
         "--min-labels", "0.85", "--min-alignment", "0.85", "--require-keys"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    print(result.stdout.splitlines()[-1])
    assert result.returncode == 0, result.stdout
