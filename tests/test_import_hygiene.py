"""The engine stays UI-free: importing all of it must not pull in Textual or Rich."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import importlib, pkgutil, sys
import tui.engine
names = [m.name for m in pkgutil.walk_packages(tui.engine.__path__, "tui.engine.")]
for name in names:
    importlib.import_module(name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or m.startswith("tui.ui"))
print(len(names), ",".join(bad))
"""


def test_engine_imports_no_ui() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, check=True)
    count, bad = out.stdout.strip().split(" ", 1) if " " in out.stdout.strip() else (out.stdout.strip(), "")
    assert int(count) >= 8, "expected to import every engine module"
    assert bad == "", f"the engine imported UI modules: {bad}"
