"""Draw the engine's rooms and the imports between them, from the code, into the docs.

``python tools/import_graph.py`` walks every module under ``tui/engine/`` with ``ast``
(imports inside functions and under ``TYPE_CHECKING`` count too), folds modules into their
room (a package such as ``segment``, or a top-level module such as ``pipeline``) and writes
a Mermaid graph between the markers in ``docs/architecture.md``. ``--check`` only compares,
and exits 1 when the diagram is stale; a test runs the same comparison.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "tui" / "engine"
DOC = ROOT / "docs" / "architecture.md"
START = "<!-- import-graph:start (made by tools/import_graph.py; do not edit by hand) -->"
END = "<!-- import-graph:end -->"
PREFIX = "tui.engine."


def room_of(path: Path) -> str:
    """The room a module belongs to: its package under the engine, or its own name."""
    parts = path.relative_to(ENGINE).with_suffix("").parts
    return parts[0]


def imported_rooms(path: Path) -> set[str]:
    """The rooms of the engine one module imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] if node.module != "tui.engine" else [f"tui.engine.{a.name}" for a in node.names]
        else:
            continue
        found.update(name[len(PREFIX):].split(".")[0] for name in names if name.startswith(PREFIX))
    return found


def edges() -> dict[str, set[str]]:
    """Every room, and the other rooms its modules import."""
    graph: dict[str, set[str]] = {}
    for path in sorted(ENGINE.rglob("*.py")):
        if path.parent == ENGINE and path.name == "__init__.py":
            continue
        room = room_of(path)
        graph.setdefault(room, set()).update(imported_rooms(path) - {room})
    return graph


def mermaid() -> str:
    """The graph as a Mermaid block: one arrow from each importing room to each room it imports."""
    graph = edges()
    lines = ["```mermaid", "graph TD"]
    for room in sorted(graph, key=lambda r: (-len(graph[r]), r)):
        targets = sorted(graph[room])
        lines += [f"    {room} --> {target}" for target in targets] or [f"    {room}"]
    lines.append("```")
    return "\n".join(lines)


def with_diagram(doc: str) -> str:
    """``doc`` with the text between the markers replaced by the current diagram."""
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{mermaid()}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """Write the diagram into the document, or with ``--check`` say whether it is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the diagram is stale, write nothing")
    args = parser.parse_args(argv)
    doc = DOC.read_text(encoding="utf-8")
    fresh = with_diagram(doc)
    if args.check:
        if fresh != doc:
            print(f"{DOC.relative_to(ROOT)}: the import diagram is stale; run python tools/import_graph.py",
                  file=sys.stderr)
            return 1
        return 0
    DOC.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
