"""claimdiff's own processes run NumPy's BLAS in one thread, unless the user said otherwise.

An idle OpenBLAS thread spins for about 0.1 s of CPU time after NumPy is imported, which took
the core of the other process of a large pair (:mod:`tui.engine.startup.blas`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tui.cli import main
from tui.engine import processes
from tui.engine.startup import blas


def test_what_is_missing_is_set_to_one_thread_and_what_is_set_is_kept() -> None:
    assert blas.one_thread({}) == {name: "1" for name in blas.THREAD_VARIABLES}
    told = {"OPENBLAS_NUM_THREADS": "4", "PATH": "/bin"}
    assert blas.one_thread(told) is told
    assert told == {"OPENBLAS_NUM_THREADS": "4", "MKL_NUM_THREADS": "1", "PATH": "/bin"}


def _unset(monkeypatch: pytest.MonkeyPatch) -> None:
    """No BLAS variable in this process's environment, each restored after the test."""
    for name in blas.THREAD_VARIABLES:
        monkeypatch.setenv(name, "0")  # remembered, so that teardown restores (or removes) it
        monkeypatch.delenv(name)


@pytest.mark.parametrize(("told", "expected"), [(None, "1"), ("3", "3")])
def test_the_second_process_runs_one_blas_thread_unless_told_otherwise(
        monkeypatch: pytest.MonkeyPatch, told: str | None, expected: str) -> None:
    _unset(monkeypatch)
    if told:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", told)
    second = processes.Second.start()
    try:
        assert second.apply_async(os.getenv, ("OPENBLAS_NUM_THREADS",)).get() == expected
        assert second.apply_async(os.getenv, ("MKL_NUM_THREADS",)).get() == "1"
    finally:
        second.stop()
    assert os.environ.get("OPENBLAS_NUM_THREADS") == told  # the caller's own environment is left alone


@pytest.mark.parametrize(("told", "expected"), [(None, "1"), ("2", "2")])
def test_the_command_line_sets_one_blas_thread_for_itself_and_what_it_starts(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, told: str | None, expected: str) -> None:
    _unset(monkeypatch)
    if told:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", told)
    report = tmp_path / "report.json"
    code = main(["compare", str(SEEDS / "msc-covid-abstract.txt"), str(SEEDS / "msc-covid-blog.txt"), "-o", str(report)])
    assert code == 0 and report.stat().st_size > 0
    assert os.environ["OPENBLAS_NUM_THREADS"] == expected
    assert os.environ["MKL_NUM_THREADS"] == "1"
