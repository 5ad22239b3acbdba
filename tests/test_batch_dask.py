"""``claimdiff batch --scheduler``: the same pairs on a real Dask cluster, the same results.

Each test starts its own scheduler and workers on 127.0.0.1 (port 0, no dashboard), with
timeouts, and stops them afterwards: once as a ``LocalCluster`` in this process, once through
the ``dask scheduler`` / ``dask worker`` commands a user would run on a cluster.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.cli import main

distributed = pytest.importorskip("distributed", reason="claimdiff[distributed] is not installed")

SEEDS = ROOT / "seeds"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The seed pair both ways and a pair whose source is missing."""
    for name in ("msc-covid-abstract.txt", "msc-covid-blog.txt"):
        shutil.copy(SEEDS / name, tmp_path / name)
    (tmp_path / "pairs.csv").write_text(
        "source,derived,name\nmsc-covid-abstract.txt,msc-covid-blog.txt,seeds\n"
        "missing.txt,msc-covid-blog.txt,broken\nmsc-covid-blog.txt,msc-covid-abstract.txt,swapped\n",
        encoding="utf-8")
    return tmp_path


def run_batch(folder: Path, out: str, *extra: str) -> tuple[int, str, dict[str, dict]]:
    """Exit status, summary.csv and every report (parsed) of one batch run into ``folder/out``."""
    code = main(["batch", str(folder / "pairs.csv"), "--out", str(folder / out), *extra])
    reports = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (folder / out).glob("*.json")}
    return code, (folder / out / "summary.csv").read_text(encoding="utf-8"), reports


def test_a_local_cluster_gives_what_local_processes_give(folder: Path) -> None:
    local = run_batch(folder, "local", "--workers", "2")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  scheduler_port=0, dashboard_address=None, silence_logs=40) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        on_dask = run_batch(folder, "dask", "--scheduler", cluster.scheduler_address)
    assert local[0] == on_dask[0] == 2
    assert on_dask[1] == local[1]
    assert on_dask[2] == local[2] and len(local[2]) == 2


def test_the_dask_commands_a_user_runs_on_a_cluster(folder: Path, tmp_path: Path) -> None:
    dask = Path(sys.executable).with_name("dask")
    if not dask.exists():
        pytest.skip("the dask command is not installed beside this Python")
    address_file = tmp_path / "scheduler.json"
    started: list[subprocess.Popen[bytes]] = []
    logs = (tmp_path / "dask.log").open("wb")
    try:
        started.append(subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                         "--no-dashboard", "--scheduler-file", str(address_file)],
                                        stdout=logs, stderr=logs))
        deadline = time.monotonic() + 60
        while not address_file.exists() or not address_file.read_text():
            assert time.monotonic() < deadline, "the scheduler did not start within 60 s"
            assert started[0].poll() is None, (tmp_path / "dask.log").read_text()
            time.sleep(0.2)
        address = json.loads(address_file.read_text())["address"]
        started.append(subprocess.Popen([str(dask), "worker", address, "--nworkers", "2", "--nthreads", "1",
                                         "--host", "127.0.0.1", "--no-dashboard"], stdout=logs, stderr=logs,
                                        start_new_session=True))
        with distributed.Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=90)
        on_dask = run_batch(folder, "dask", "--scheduler", address)
    finally:
        for process in reversed(started):
            process.send_signal(signal.SIGTERM)
        for process in reversed(started):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        logs.close()
    local = run_batch(folder, "local", "--workers", "1")
    assert on_dask[0] == local[0] == 2
    assert on_dask[1] == local[1]
    assert on_dask[2] == local[2]


def test_no_scheduler_there_is_one_line_and_2(folder: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from tui import executors

    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "2s")
    with socket.socket() as probe:  # a port on loopback that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["batch", str(folder / "pairs.csv"), "--out", str(folder / "out"),
                 "--scheduler", f"tcp://127.0.0.1:{port}"]) == 2
    assert "no Dask scheduler answers there" in capsys.readouterr().err


@pytest.mark.parametrize("address", ["nonsense", "tcp://127.0.0.1", "bogus://127.0.0.1:8786"])
def test_an_address_that_is_none_is_one_line_and_2(folder: Path, capsys, address: str) -> None:
    assert main(["batch", str(folder / "pairs.csv"), "--out", str(folder / "out"), "--scheduler", address]) == 2
    err = capsys.readouterr().err
    assert f"claimdiff: {address}: not a scheduler's address, which reads tcp://HOST:PORT (" in err
    assert "Traceback" not in err and err.count("\n") == 1
