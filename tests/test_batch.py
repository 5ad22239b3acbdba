"""``claimdiff batch``: a manifest of pairs in, a report each and summary.csv out.

Exit codes (2 wins over 1), a failing pair that never stops the others, duplicate names
refused before any work, and resume that skips exactly the pairs whose report still holds.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.cli import main

SEEDS = ROOT / "seeds"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two seed documents under docs/, and a manifest beside them naming three pairs, one broken."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("msc-covid-abstract.txt", "msc-covid-blog.txt"):
        shutil.copy(SEEDS / name, docs / name)
    (tmp_path / "pairs.csv").write_text(
        "source,derived,name\n"
        "docs/msc-covid-abstract.txt,docs/msc-covid-blog.txt,seeds\n"
        "docs/missing.txt,docs/msc-covid-blog.txt,broken\n"
        "docs/msc-covid-blog.txt,docs/msc-covid-abstract.txt,\n",
        encoding="utf-8",
    )
    return tmp_path


def batch(folder: Path, *extra: str) -> int:
    return main(["batch", str(folder / "pairs.csv"), "--out", str(folder / "out"), "--workers", "1", *extra])


def summary(folder: Path) -> list[dict[str, str]]:
    with (folder / "out" / "summary.csv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_every_pair_gets_a_report_and_a_row_and_the_broken_one_its_error(folder: Path, capsys) -> None:
    assert batch(folder) == 2
    rows = summary(folder)
    assert list(rows[0]) == ["name", "source", "derived", "agreement", "divergence", "unsupported", "omitted",
                             "error"]
    assert [r["name"] for r in rows] == ["seeds", "broken", "msc-covid-abstract"]
    assert rows[1]["error"] == "docs/missing.txt: no such file" and rows[1]["agreement"] == ""
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["msc-covid-abstract.json", "seeds.json",
                                                                  "summary.csv"]
    assert "broken: docs/missing.txt: no such file" in capsys.readouterr().err


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(folder: Path) -> None:
    (folder / "pairs.csv").write_text("source,derived,name\ndocs/msc-covid-abstract.txt,docs/msc-covid-blog.txt,"
                                      "=HYPERLINK(1)\n", encoding="utf-8")
    assert batch(folder) == 0
    assert [r["name"] for r in summary(folder)] == ["'=HYPERLINK(1)"]
    assert (folder / "out" / "=HYPERLINK(1).json").exists()  # the report keeps the name as given


def test_counts_and_report_are_those_of_compare(folder: Path, capsys) -> None:
    batch(folder)
    capsys.readouterr()
    main(["compare", str(folder / "docs/msc-covid-abstract.txt"), str(folder / "docs/msc-covid-blog.txt"),
          "--format", "json"])
    alone = json.loads(capsys.readouterr().out)
    report = json.loads((folder / "out" / "seeds.json").read_text(encoding="utf-8"))
    assert report.pop("claimdiff") == {"version": __import__("tui").__version__}
    assert (report["source"]["path"], report["derived"]["path"]) == ("docs/msc-covid-abstract.txt",
                                                                     "docs/msc-covid-blog.txt")
    for doc in ("source", "derived"):
        report[doc]["path"] = alone[doc]["path"]
    assert report == alone
    derived = alone["summary"]["derived"]
    row = summary(folder)[0]
    assert [int(row[s]) for s in ("agreement", "divergence", "unsupported")] == [
        derived.get(s, 0) for s in ("agreement", "divergence", "unsupported")]
    assert int(row["omitted"]) == alone["summary"]["source"].get("omitted", 0)


def test_fail_on_gives_1_and_a_broken_pair_2(folder: Path, capsys) -> None:
    assert batch(folder, "--fail-on", "divergence") == 2  # 2 wins over 1
    report = json.loads((folder / "out" / "seeds.json").read_text(encoding="utf-8"))
    divergent = report["summary"]["derived"]["divergence"]
    assert divergent > 0
    assert f"seeds: failed the gate: {divergent} divergence" in capsys.readouterr().err
    (folder / "pairs.csv").write_text("source,derived\ndocs/msc-covid-abstract.txt,docs/msc-covid-blog.txt\n",
                                      encoding="utf-8")
    assert batch(folder, "--fail-on", "divergence") == 1
    assert batch(folder, "--fail-on", "divergence", "--fail-threshold", "99") == 0


def test_two_rows_with_one_name_are_refused_before_any_work(folder: Path, capsys) -> None:
    (folder / "pairs.csv").write_text(
        "source,derived\ndocs/msc-covid-abstract.txt,docs/msc-covid-blog.txt\n"
        "docs/msc-covid-blog.txt,sub/msc-covid-blog.txt\n", encoding="utf-8")
    assert batch(folder) == 2
    assert "lines 2 and 3 are both named 'msc-covid-blog'" in capsys.readouterr().err
    assert not (folder / "out").exists()


@pytest.mark.parametrize("manifest, says", [
    ("derived\nx.txt\n", "header source,derived"),
    ("source,derived,name\na.txt,b.txt,../escape\n", "not a plain file name"),
    ("source,derived\na.txt,\n", "needs both"),
    ("source;derived\na.txt;b.txt\n", "header source,derived[,name]; separate the columns with commas"),
    ("source\tderived\na.txt\tb.txt\n", "separate the columns with commas"),
])
def test_an_unfit_manifest_is_one_line_and_2(folder: Path, capsys, manifest: str, says: str) -> None:
    (folder / "pairs.csv").write_text(manifest, encoding="utf-8")
    assert batch(folder) == 2
    assert says in capsys.readouterr().err


def test_a_header_in_capitals_is_read(folder: Path, capsys) -> None:
    """As a spreadsheet may write it: "Source,Derived,Name", with a byte-order mark and CRLF."""
    (folder / "pairs.csv").write_text("\ufeffSource, Derived ,NAME\r\n"
                                      "docs/msc-covid-abstract.txt,docs/msc-covid-blog.txt,first\r\n", encoding="utf-8")
    assert batch(folder) == 0
    assert [row["name"] for row in summary(folder)] == ["first"]
    assert (folder / "out" / "first.json").is_file()


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_a_manifest_saved_by_a_spreadsheet_in_its_own_encoding_is_read(folder: Path, capsys, encoding: str) -> None:
    """Excel's "CSV" is the Windows code page, its "Unicode text" UTF-16: "étude" is read, not refused."""
    (folder / "docs" / "étude.txt").write_text((SEEDS / "msc-covid-blog.txt").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    (folder / "pairs.csv").write_bytes("source,derived,name\r\ndocs/msc-covid-abstract.txt,docs/étude.txt,\r\n"
                                       .encode(encoding))
    assert batch(folder) == 0, capsys.readouterr().err
    assert [(row["name"], row["derived"], row["error"]) for row in summary(folder)] == [
        ("étude", "docs/étude.txt", "")]


@pytest.mark.parametrize("content, says", [
    (b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, "pairs.csv: looks like a binary file (it contains NUL bytes), not text"),
    (None, "pairs.csv: is a directory, not a text file"),
], ids=["binary", "directory"])
def test_a_manifest_that_is_no_text_file_is_one_line_and_2(folder: Path, capsys, content: bytes | None,
                                                           says: str) -> None:
    (folder / "pairs.csv").unlink()
    if content is None:
        (folder / "pairs.csv").mkdir()
    else:
        (folder / "pairs.csv").write_bytes(content)
    assert batch(folder) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err
    assert not (folder / "out").exists()


def test_an_out_that_is_a_file_is_one_line_and_2(folder: Path, capsys) -> None:
    (folder / "out").write_text("not a folder\n", encoding="utf-8")
    assert batch(folder) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "out: is a file; --out names the folder for the reports" in err
    assert (folder / "out").read_text(encoding="utf-8") == "not a folder\n"


def test_one_pair_is_counted_as_one_pair(folder: Path, capsys) -> None:
    (folder / "pairs.csv").write_text("source,derived\ndocs/msc-covid-abstract.txt,docs/msc-covid-blog.txt\n",
                                      encoding="utf-8")
    assert batch(folder) == 0
    assert "claimdiff: 1 pair: 1 compared, 0 up to date, 0 failed;" in capsys.readouterr().err


def test_a_second_run_skips_what_still_holds_and_redoes_what_changed(folder: Path, capsys) -> None:
    batch(folder)
    before = summary(folder)
    assert [r["error"] == "" for r in before] == [True, False, True]
    out = folder / "out"
    first = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert batch(folder) == 2
    assert "0 compared, 2 up to date, 1 failed" in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == first
    assert summary(folder) == before

    # An input changes: only the pairs that read it are compared again (here both).
    blog = folder / "docs/msc-covid-blog.txt"
    blog.write_text(blog.read_text(encoding="utf-8") + "\nA new sentence that cures everything.\n", encoding="utf-8")
    batch(folder)
    assert "2 compared, 0 up to date" in capsys.readouterr().err
    # Other options: compared again; the same again: skipped; --force: compared again.
    batch(folder, "--match-threshold", "20")
    assert "2 compared, 0 up to date" in capsys.readouterr().err
    batch(folder, "--match-threshold", "20")
    assert "0 compared, 2 up to date" in capsys.readouterr().err
    batch(folder, "--match-threshold", "20", "--force")
    assert "2 compared, 0 up to date" in capsys.readouterr().err


def test_a_report_from_another_version_is_redone(folder: Path, capsys) -> None:
    batch(folder)
    report = folder / "out" / "seeds.json"
    data = json.loads(report.read_text(encoding="utf-8"))
    data["claimdiff"]["version"] = "0.0.0"
    report.write_text(json.dumps(data), encoding="utf-8")
    batch(folder)
    assert "1 compared, 1 up to date" in capsys.readouterr().err


def test_a_second_run_with_nothing_to_compare_starts_no_worker(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Up-to-date pairs are read from their reports and a missing file is said here: no process starts."""
    from tui import executors

    batch(folder)

    def no_workers(count: int) -> None:
        raise AssertionError(f"{count} workers started for nothing")

    monkeypatch.setattr(executors, "local_executor", no_workers)
    assert batch(folder) == 2
    assert summary(folder)[1]["error"] == "docs/missing.txt: no such file"


def test_ctrl_c_stops_a_batch_at_once_and_keeps_the_reports_made(tmp_path: Path) -> None:
    """Interrupted, batch ends with 130 within seconds, its workers gone; a rerun resumes."""
    import signal
    import subprocess
    import sys
    import time

    for name in ("msc-covid-abstract.txt", "msc-covid-blog.txt"):
        shutil.copy(SEEDS / name, tmp_path / name)
    rows = "".join(f"msc-covid-abstract.txt,msc-covid-blog.txt,p{i}\n" for i in range(200))
    (tmp_path / "pairs.csv").write_text("source,derived,name\n" + rows, encoding="utf-8")
    # Ctrl-C answered even where this test runs with SIGINT ignored (a background CI job).
    script = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
              "from tui.cli import main; sys.exit(main(sys.argv[1:]))")
    run = subprocess.Popen([sys.executable, "-c", script, "batch", "pairs.csv", "--out", "out", "--workers", "2"],
                           cwd=tmp_path, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while not list((tmp_path / "out").glob("p*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)
    run.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    err = run.communicate(timeout=30)[1]
    assert run.returncode == 130, err
    assert time.monotonic() - stopped < 10
    assert "Traceback" not in err
    # one line, and no "leaked semaphore objects" from multiprocessing's resource tracker
    assert err.endswith("claimdiff: interrupted: the reports made are kept in out; run the command again to go on\n")
    assert err.count("\n") == 1, err
    made = len(list((tmp_path / "out").glob("p*.json")))
    assert 0 < made < 200
    again = subprocess.run([sys.executable, "-m", "tui", "batch", "pairs.csv", "--out", "out", "--workers", "2"],
                           cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                           timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    assert f"200 pairs: {200 - made} compared, {made} up to date, 0 failed" in again.stderr


def test_on_a_terminal_the_bar_counts_done_failed_and_left_with_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    from types import SimpleNamespace

    from tui.commands.batch import _bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("COLUMNS", "100")
    with _bar(3) as tick:
        tick(SimpleNamespace(error=""))
        tick(SimpleNamespace(error="docs/missing.txt: no such file"))
    shown = screen.getvalue()
    assert "0 done, 0 failed, 3 left" in shown and "1 done, 1 failed, 1 left" in shown
    assert "-:--:--" in shown or "0:00:0" in shown  # the time left, once there is a pace to go by


def test_reports_are_compact_unless_indent_is_asked(folder: Path, capsys) -> None:
    batch(folder)
    compact = (folder / "out" / "seeds.json").read_text(encoding="utf-8")
    batch(folder, "--indent", "--force")
    indented = (folder / "out" / "seeds.json").read_text(encoding="utf-8")
    capsys.readouterr()
    assert compact.count("\n") == 1 and indented.startswith('{\n  "format": "claimdiff-report",\n')
    assert json.loads(compact) == json.loads(indented)


def _dying(deaths: dict[str, int]):
    """The real local pool, whose worker process dies (``os._exit``) when handed a pair named in
    ``deaths``, as many times as counted there: an out-of-memory kill, made to order."""
    from concurrent.futures import Executor
    from contextlib import contextmanager

    from tui import executors

    real = executors.local_executor

    class Dying(Executor):
        def __init__(self, pool: Executor) -> None:
            self.pool = pool

        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            name = args[0].name
            if deaths.get(name, 0):
                deaths[name] -= 1
                return self.pool.submit(os._exit, 9)
            return self.pool.submit(fn, *args, **kwargs)

    @contextmanager
    def opened(workers: int):  # type: ignore[no-untyped-def]
        with real(workers) as pool:
            yield Dying(pool)

    return opened


def test_a_worker_that_dies_takes_no_pair_with_it(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dead worker broke the whole pool: every pair still queued failed with it."""
    from tui import executors

    assert batch(folder) == 2
    undisturbed = {p.name: p.read_bytes() for p in (folder / "out").glob("*.json")}
    shutil.rmtree(folder / "out")
    monkeypatch.setattr(executors, "local_executor", _dying({"seeds": 1}))  # the first pair, the other queued
    with pytest.warns(RuntimeWarning, match=r"a worker process ended abruptly; comparing its 2 pairs again$"):
        assert batch(folder) == 2
    assert {p.name: p.read_bytes() for p in (folder / "out").glob("*.json")} == undisturbed
    assert [r["error"] for r in summary(folder)] == ["", "docs/missing.txt: no such file", ""]


def test_a_pair_that_kills_every_worker_it_meets_fails_alone(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys) -> None:
    from tui import executors

    monkeypatch.setattr(executors, "local_executor", _dying({"seeds": 99}))
    with pytest.warns(RuntimeWarning) as said:
        assert batch(folder) == 2
    assert [str(w.message) for w in said] == [
        "claimdiff: a worker process ended abruptly; comparing its 2 pairs again",
        "claimdiff: a worker process ended abruptly; comparing its 2 pairs again, one pair per process"]
    rows = summary(folder)
    assert rows[0]["error"] == "the process comparing it ended abruptly (killed, or out of memory)"
    assert rows[0]["agreement"] == "" and rows[2]["error"] == "" and int(rows[2]["agreement"]) > 0
    assert sorted(p.name for p in (folder / "out").glob("*.json")) == ["msc-covid-abstract.json"]
    assert "seeds: the process comparing it ended abruptly" in capsys.readouterr().err
