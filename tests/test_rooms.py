"""The engine's house rules, checked: few modules at the top, small files everywhere.

The import arrows between rooms and the absence of cycles are import-linter contracts in
``pyproject.toml`` (``make lint``); these are the rules it cannot state.
"""

from __future__ import annotations

from tests.conftest import ROOT

TUI = ROOT / "tui"
MAX_LINES = 400
MAX_TOP_MODULES = 8


def test_no_python_file_in_tui_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in TUI.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these modules: {long}"


def test_few_modules_directly_in_the_engine() -> None:
    top = sorted(p.name for p in (TUI / "engine").glob("*.py") if p.name != "__init__.py")
    assert len(top) <= MAX_TOP_MODULES, f"move some of these into a room: {top}"


def test_every_room_is_a_package() -> None:
    rooms = [p for p in (TUI / "engine").iterdir() if p.is_dir() and not p.name.startswith("__")]
    missing = [p.name for p in rooms if any(p.rglob("*.py")) and not (p / "__init__.py").exists()]
    assert missing == []
