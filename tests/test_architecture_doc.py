"""docs/architecture.md cannot go stale: its import diagram is the one the code draws now."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.conftest import ROOT


def _import_graph() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "tools" / "import_graph.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_diagram_in_the_doc_is_the_one_the_code_draws() -> None:
    graph = _import_graph()
    doc = graph.DOC.read_text(encoding="utf-8")
    assert graph.with_diagram(doc) == doc, "run: python tools/import_graph.py"


def test_the_diagram_shows_every_room_and_the_front_door() -> None:
    graph = _import_graph()
    rooms = set(graph.edges())
    assert {"lexicon", "segment", "align", "judge", "sessions", "inputs", "export", "pipeline", "model"} <= rooms
    assert graph.edges()["lexicon"] == set()  # the lowest room imports nothing of the engine


def test_the_readme_links_the_architecture_page() -> None:
    assert "docs/architecture.md" in (ROOT / "README.md").read_text(encoding="utf-8")
