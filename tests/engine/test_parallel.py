"""The large-pair paths give the same comparison as the small-pair path.

Large pairs rank through the inverted index (NumPy) and may use a second process; small
pairs score every pair in plain Python. Forcing the large paths on a small generated pair
must change nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.bench_data import generate_document
from tui.engine import pipeline
from tui.engine.align import align
from tui.engine.model import Comparison, Document, Role


def doc(role: str) -> Document:
    text = generate_document(40_000, 3, role)
    return Document(path=f"{role}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")


def summary(comparison: Comparison) -> list[tuple]:
    return [(f.statement.id, f.status, tuple((m.id, m.score) for m in f.matches),
             tuple(r.detail for r in f.reasons), f.confidence, f.grounds) for f in comparison.findings]


@pytest.fixture(scope="module")
def small_path() -> list[tuple]:
    return summary(pipeline.compare(doc("source"), doc("derived")))


def test_index_matches_every_pair_scoring(small_path: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align, "EXHAUSTIVE_PAIRS", 0)
    assert summary(pipeline.compare(doc("source"), doc("derived"))) == small_path


def test_second_process_changes_nothing(small_path: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.engine.judge import decide

    monkeypatch.setattr(align, "EXHAUSTIVE_PAIRS", 0)
    monkeypatch.setattr(pipeline, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(decide, "POOL_PAIRS", 0)  # pairs and the whole source's numbers read there too
    assert summary(pipeline.compare(doc("source"), doc("derived"), workers=2)) == small_path


def test_shared_reading_and_ordering_change_nothing(small_path: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.engine import sides
    from tui.engine.align import reorder

    monkeypatch.setattr(align, "EXHAUSTIVE_PAIRS", 0)
    monkeypatch.setattr(pipeline, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(sides, "PIECE", 7)  # many small pieces read by the second process…
    monkeypatch.setattr(sides, "CHECK_EVERY", 1)
    monkeypatch.setattr(sides.Helper, "idle", lambda self, sent: True)  # …even while it reads its own document
    monkeypatch.setattr(reorder, "SHARED_FROM", 0)  # and the claims ordered there
    assert summary(pipeline.compare(doc("source"), doc("derived"), workers=2)) == small_path


def test_the_second_process_is_told_every_claim_to_read_ahead_once_both_are_segmented() -> None:
    """Source claims first, each text once, as soon as the second process's document is in."""
    from tui.engine import processes, sides
    from tui.engine.model import Kind, Role
    from tui.engine.segment.segment import segment

    source, derived = doc("source"), doc("derived")
    told: list[list[str]] = []
    second = processes.Second.start()
    try:
        pending = second.apply_async(segment, (derived.text, Role.DERIVED))
        found = sides.prepare_pair((source.text, Role.SOURCE), (Role.DERIVED, pending), second, {},
                                   segmented_both=told.append)
    finally:
        second.stop()
    claims = [s.text for role in (Role.SOURCE, Role.DERIVED) for s in found[role].statements if s.kind is Kind.CLAIM]
    assert told == [list(dict.fromkeys(claims))]


@pytest.mark.parametrize("taken", [True, False], ids=["taken", "left-over"])
def test_a_second_process_started_early_by_the_command_is_taken_or_ended(
        taken: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui import cli
    from tui.cli import main
    from tui.engine import processes

    src, der = tmp_path / "source.txt", tmp_path / "derived.txt"
    src.write_text(doc("source").text, encoding="utf-8")
    der.write_text(doc("derived").text, encoding="utf-8")
    alone = tmp_path / "alone.json"
    assert main(["compare", str(src), str(der), "-o", str(alone)]) == 0  # a small pair: one process
    started: list[object] = []
    monkeypatch.setattr(cli, "PARALLEL_CHARS", 0)  # the command line starts a second process early…
    monkeypatch.setattr(processes, "start_early", lambda real=processes.start_early: started.append(real()))
    seconds: list[processes.Second] = []
    start = processes.Second.start
    monkeypatch.setattr(processes.Second, "start", lambda: seconds.append(start()) or seconds[-1])
    monkeypatch.setattr(pipeline, "PARALLEL_CHARS", 0 if taken else 10**9)  # …which the comparison takes, or not
    if taken:
        monkeypatch.setattr(align, "EXHAUSTIVE_PAIRS", 0)
    out = tmp_path / "early.json"
    assert main(["compare", str(src), str(der), "-o", str(out)]) == 0
    assert started and not processes._EARLY
    assert [second._process.poll() is not None for second in seconds] == [True]  # one, stopped either way
    assert [second.early for second in seconds] == [True]
    assert out.read_bytes() == alone.read_bytes()


@pytest.mark.parametrize("early", [True, False])
def test_a_second_process_started_early_segments_the_larger_document(early: bool) -> None:
    """Started with the command line, it is ready before this process has its models: it takes
    the larger document; started with the comparison, the smaller; alone, this process takes both."""
    from types import SimpleNamespace

    source, derived = doc("source"), Document("d.txt", "A short claim.", "0", "utf-8")
    there, here = pipeline._shares(source, derived, SimpleNamespace(early=early))  # type: ignore[arg-type]
    assert (there[1], here[1]) == ((Role.SOURCE, Role.DERIVED) if early else (Role.DERIVED, Role.SOURCE))
    assert there[0] is (source if early else derived)
    alone = pipeline._shares(source, derived, None)
    assert (alone[0][1], alone[1][1]) == (Role.DERIVED, Role.SOURCE)


FIRST_THINGS = """\
import sys
from tui import cli
from tui.engine import processes

processes.start_early = lambda: print(sorted(m for m in ("tui.engine.model", "tui.engine.pipeline", "numpy")
                                             if m in sys.modules))
cli.PARALLEL_CHARS = int(sys.argv[1])
cli.main(["compare", *sys.argv[2:4], "--format", "json", "-o", sys.argv[4], "--max-candidates", "3"])
"""


@pytest.mark.parametrize("least", [10, 10**9], ids=["large", "small"])
def test_the_command_line_starts_a_large_pairs_second_process_before_it_imports_the_engine(
        least: int, tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    src, der = tmp_path / "source.txt", tmp_path / "derived.txt"
    src.write_text(doc("source").text, encoding="utf-8")
    der.write_text(doc("derived").text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", FIRST_THINGS, str(least), str(src), str(der), str(tmp_path / "r.json")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=True)
    assert done.stdout == ("[]\n" if least == 10 else "")  # options and their values told apart from the files


CACHE_FIRST = """\
import os, sys
from tui import cli
from tui.engine import processes
from tui.engine.startup import patterns

processes.start_early = lambda: print(patterns.folder(), os.environ.get(patterns.ENV) == sys.argv[5])
cli.PARALLEL_CHARS = 10
cli._main(["compare", *sys.argv[2:4], "--format", "json", "-o", sys.argv[4]], cached=sys.argv[1] == "cached")
print(patterns.folder() is not None)
"""


@pytest.mark.parametrize("cached", ["cached", "script"])
def test_run_as_the_program_the_second_process_starts_before_the_cache_is_read_and_knows_where_it_is(
        cached: str, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tui.engine.startup import patterns

    src, der = tmp_path / "source.txt", tmp_path / "derived.txt"
    src.write_text(doc("source").text, encoding="utf-8")
    der.write_text(doc("derived").text, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != patterns.ENV}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    done = subprocess.run([sys.executable, "-c", CACHE_FIRST, cached, str(src), str(der), str(tmp_path / "r.json"),
                           str(tmp_path / "cache" / "claimdiff")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=True, env=env)
    # started with the cache not read yet, its folder named for it; read after (the program only)
    assert done.stdout == ("None True\nTrue\n" if cached == "cached" else "None False\nFalse\n")


def test_a_second_process_started_for_a_command_that_fails_is_ended(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from tui import cli
    from tui.engine import processes

    src, der = tmp_path / "source.txt", tmp_path / "derived.txt"
    src.write_text(doc("source").text, encoding="utf-8")
    der.write_text(doc("derived").text, encoding="utf-8")
    seconds: list[processes.Second] = []
    start = processes.Second.start
    monkeypatch.setattr(processes.Second, "start", lambda: seconds.append(start()) or seconds[-1])
    monkeypatch.setattr(cli, "PARALLEL_CHARS", 0)
    with pytest.raises(SystemExit):
        cli.main(["compare", str(src), str(der), "--no-such-option"])
    assert len(seconds) == 1 and seconds[0]._process.poll() is not None and not processes._EARLY
