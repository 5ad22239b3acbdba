"""Progress reports during a comparison, and stopping one from its progress callback."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench_data import generate_document
from tui.engine import pipeline, processes, sides
from tui.engine.align import align
from tui.engine.model import Document


def doc(role: str, size: int = 40_000) -> Document:
    text = generate_document(size, 5, role)
    return Document(path=f"{role}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")


def test_reports_climb_from_nothing_to_done_through_every_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align, "EXHAUSTIVE_PAIRS", 0)  # the indexed path, as large pairs take
    monkeypatch.setattr(pipeline, "REPORT_EVERY", 100)
    monkeypatch.setattr(sides, "REPORT_EVERY", 100)  # reading a document's claims
    heard: list[tuple[str, float]] = []
    comparison = pipeline.compare(doc("source"), doc("derived"), progress=lambda stage, done: heard.append((stage, done)))
    assert heard[0] == ("segmenting", 0.0) and heard[-1] == ("done", 1.0)
    shares = [done for _, done in heard]
    assert shares == sorted(shares) and all(0.0 <= s <= 1.0 for s in shares)
    stages = list(dict.fromkeys(stage for stage, _ in heard))
    assert stages == ["segmenting", "reading claims", "weighing terms", "aligning", "ranking", "classifying", "done"]
    claims = sum(1 for f in comparison.findings if f.status is not None)
    assert sum(1 for stage, _ in heard if stage == "reading claims") >= claims // 100 // 2


class Stop(Exception):
    pass


def test_a_raising_callback_stops_the_comparison_and_its_second_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_CHARS", 0)
    started: list[processes.Second] = []
    start = processes.Second.start
    monkeypatch.setattr(processes.Second, "start", lambda: started.append(start()) or started[-1])
    running: list[int | None] = []

    def stop(stage: str, done: float) -> None:
        if stage == "reading claims":  # the worker process is still preparing its document
            running.extend(second._process.poll() for second in started)
            raise Stop

    with pytest.raises(Stop):
        pipeline.compare(doc("source", 200_000), doc("derived", 200_000), progress=stop, workers=2)
    assert running == [None], "the comparison should have started a second process, running then"
    # gone at once, its task unfinished
    assert [second._process.returncode for second in started] == [-signal.SIGTERM]


SCRIPT = """
import hashlib, sys
import psutil
from tests.bench_data import generate_document
from tui.engine import pipeline
from tui.engine.model import Document

class Captured:  # what Textual puts in place of sys.stderr while the app runs
    def write(self, text): pass
    def flush(self): pass
    def fileno(self): return -1

def doc(role):
    text = generate_document(60_000, 5, role)
    return Document(path=role, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")

if __name__ == "__main__":
    pipeline.PARALLEL_CHARS = 0
    seen = []
    sys.stderr = Captured()
    pipeline.compare(doc("source"), doc("derived"), workers=2,
                     progress=lambda stage, done: seen.append(len(psutil.Process().children())))
    print(max(seen))
"""


def test_the_second_process_starts_under_a_ui_that_captures_stderr(tmp_path: Path) -> None:
    script = tmp_path / "captured.py"
    script.write_text(SCRIPT, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, str(script)], check=False, capture_output=True, text=True, cwd=root,
                         timeout=120,
                         env={**os.environ, "PYTHONPATH": str(root)})
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 1  # a worker process ran (not a quiet fallback to one core)
