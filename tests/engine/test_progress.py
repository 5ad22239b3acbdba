"""Progress reports during a comparison, and stopping one from its progress callback."""

from __future__ import annotations

import hashlib
import multiprocessing
import signal

import pytest

from tests.bench_data import generate_document
from tui.engine import align, pipeline
from tui.engine.model import Document


def doc(role: str, size: int = 40_000) -> Document:
    text = generate_document(size, 5, role)
    return Document(path=f"{role}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")


def test_reports_climb_from_nothing_to_done_through_every_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align, "EXHAUSTIVE_PAIRS", 0)  # the indexed path, as large pairs take
    monkeypatch.setattr(pipeline, "REPORT_EVERY", 100)
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
    running: list[multiprocessing.process.BaseProcess] = []

    def stop(stage: str, done: float) -> None:
        if stage == "reading claims":  # the worker process is still preparing its document
            running.extend(multiprocessing.active_children())
            raise Stop

    with pytest.raises(Stop):
        pipeline.compare(doc("source", 200_000), doc("derived", 200_000), progress=stop, workers=2)
    assert running, "the comparison should have started a second process"
    assert not any(process.is_alive() for process in running)  # gone at once, its task unfinished
    assert all(process.exitcode == -signal.SIGTERM for process in running)
