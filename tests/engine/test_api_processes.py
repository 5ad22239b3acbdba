"""The Python API with a second process never hangs, wherever it is called from.

A spawned process used to import the caller's main script again: a script without a main
guard, or one read from standard input, made ``multiprocessing.Pool`` replace its dying
worker forever and ``compare_files(..., workers=2)`` never returned. Each case runs in a
fresh interpreter with a timeout, the second process forced on the seed pair.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HANG = 180
"""Seconds after which a run counts as hung. A run takes about 3 s; a hang never ends, so the
limit only has to stand clear of a loaded host (one run took over 60 s beside other work)."""

SCRIPT = """\
from tui.engine import pipeline
pipeline.PARALLEL_CHARS = 0  # the seed pair is small: force the second process
c = pipeline.compare_files("seeds/msc-covid-abstract.txt", "seeds/msc-covid-blog.txt", workers=2)
print("statements", len(c.findings))
"""
"""A script without ``if __name__ == "__main__":``, as a user or a notebook cell writes it."""


def single_process_count() -> int:
    from tui.engine.pipeline import compare_files

    return len(compare_files(ROOT / "seeds/msc-covid-abstract.txt", ROOT / "seeds/msc-covid-blog.txt").findings)


@pytest.mark.parametrize("how", ["script without a main guard", "standard input", "python -c (a notebook)"])
def test_compare_files_with_two_workers_returns(how: str, tmp_path) -> None:
    script = tmp_path / "check.py"
    script.write_text(SCRIPT, encoding="utf-8")
    args = {"script without a main guard": [str(script)], "standard input": ["-"],
            "python -c (a notebook)": ["-c", SCRIPT]}[how]
    stdin = SCRIPT if how == "standard input" else None
    done = subprocess.run([sys.executable, *args], check=False, input=stdin, capture_output=True, text=True, cwd=ROOT,
                          timeout=HANG, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"statements {single_process_count()}"
    assert "Traceback" not in done.stderr and "bootstrapping" not in done.stderr


def test_the_child_does_not_run_the_callers_script(tmp_path) -> None:
    """Nothing of the caller's main module runs again in the second process."""
    marker = tmp_path / "runs.txt"
    script = tmp_path / "count.py"
    script.write_text(f"open({str(marker)!r}, 'a').write('x')\n" + SCRIPT, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], check=False, capture_output=True, text=True, cwd=ROOT, timeout=HANG,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "x"


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no second process is ever started")
def test_a_process_that_cannot_start_means_one_process_and_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.engine import pipeline, processes

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(processes, "_launch", refuse)
    with pytest.warns(RuntimeWarning, match="no second process"), pipeline.worker(True) as pool:
        assert pool is None


def test_the_second_process_imports_what_its_tasks_need_while_it_waits() -> None:
    """Started early, the process sat idle for its first task and then imported the segmenter,
    and the claim reader only after segmenting, while the first process read claims alone;
    NumPy, for ranking, only once it had read claims, while the first process waited on it."""
    import time

    from tui.engine import processes, serving

    wanted = (*serving.TASK_MODULES, "numpy")
    asked = f"all(m in __import__('sys').modules for m in {wanted!r})"
    second = processes.Second.start()
    try:
        deadline = time.monotonic() + HANG
        while not second.apply_async(eval, (asked,)).get():  # eval: a task that imports nothing itself
            assert time.monotonic() < deadline, "the second process never imported its tasks' modules"
            time.sleep(0.05)
    finally:
        second.stop()
