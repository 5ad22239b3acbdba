"""The built wheel works on its own: every data file the engine reads ships inside it.

An editable install reads the checkout, so a lexicon or template missing from
``[tool.setuptools.package-data]`` goes unnoticed until someone installs the wheel. This
test builds the wheel from a copy of the sources, installs it without dependencies into a
fresh virtual environment, and runs ``claimdiff compare`` on the seeds from outside the
checkout; the third-party libraries come from the development environment, ``tui`` only
from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, f"{args[:3]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv holding only the wheel, and the environment to run it with."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "tui", src / "tui", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", dist, src, cwd=tmp)
    wheels = list(dist.glob("claimdiff-*.whl"))
    assert len(wheels) == 1
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheels[0], cwd=tmp)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PYTHONPATH"] = sysconfig.get_paths()["purelib"]  # the dependencies, never the checkout
    env["CLAIMDIFF_DATA_DIR"] = str(tmp / "data")
    return venv, env


def test_tui_comes_from_the_wheel(installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    venv, env = installed
    where = run(venv / "bin" / "python", "-c", "import tui, tui.engine.inputs.documents as d; "
                "print(tui.__file__); print(*d.seed_paths())", cwd=tmp_path, env=env).split()
    assert all(Path(p).is_relative_to(venv) for p in where), where
    assert all(Path(p).is_file() for p in where[1:])


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_claimdiff_compare_from_the_wheel_matches_the_checkout(
    installed: tuple[Path, dict[str, str]], tmp_path: Path, fmt: str
) -> None:
    venv, env = installed
    pair = [str(SEEDS / "msc-covid-abstract.txt"), str(SEEDS / "msc-covid-blog.txt")]
    from_wheel = run(venv / "bin" / "claimdiff", "compare", *pair, "--format", fmt, cwd=tmp_path, env=env)
    from_checkout = run(sys.executable, "-m", "tui", "compare", *pair, "--format", fmt, cwd=ROOT)
    assert '"divergence"' in from_wheel or "divergence" in from_wheel
    assert from_wheel == from_checkout
