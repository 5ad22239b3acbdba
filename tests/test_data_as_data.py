"""Data as data: long word lists and alternations live in files under the package.

A list literal of more than 30 strings, a string split into more than 30 words, or a regex
with more than 30 alternatives in ``tui/`` fails here: such a list belongs in a file under
``tui/engine/lexicon/`` with a header saying where it comes from. There is one stop-word
list and one normaliser.
"""

from __future__ import annotations

import ast
import tomllib
import unicodedata
from fnmatch import fnmatch

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT
from tui.engine.align.text import normalise
from tui.engine.lexicon.lists import STOP_WORD_USES, entries, stop_words

LIMIT = 30
LEXICON = ROOT / "tui" / "engine" / "lexicon"


def long_literals(source: str, where: str) -> list[str]:
    """Every literal in a module's source that holds more than ``LIMIT`` strings or alternatives."""
    found = []
    tree = ast.parse(source)
    parts = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    for node in ast.walk(tree):
        at = f"{where}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, (ast.List, ast.Set, ast.Tuple)):
            n = sum(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
            if n > LIMIT:
                found.append(f"{at} a literal of {n} strings")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            n = len(node.func.value.value.split())
            if n > LIMIT:
                found.append(f"{at} a string split into {n} words")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts:
            n = node.value.count("|") + 1
            if n > LIMIT:
                found.append(f"{at} a pattern of {n} alternatives")
        elif isinstance(node, ast.JoinedStr):
            n = sum(v.value.count("|") for v in node.values if isinstance(v, ast.Constant)) + 1
            if n > LIMIT:
                found.append(f"{at} an f-string pattern of {n} alternatives")
    return found


def test_no_long_word_list_or_alternation_in_code() -> None:
    found = [
        hit
        for path in sorted((ROOT / "tui").rglob("*.py"))
        for hit in long_literals(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == [], "move these into a data file under tui/engine/lexicon/:\n" + "\n".join(found)


def test_the_scan_catches_each_kind_of_long_list() -> None:
    words = [f"w{i}" for i in range(LIMIT + 1)]
    source = f"A = {words!r}\nB = {'|'.join(words)!r}\nC = {' '.join(words)!r}.split()\nD = f'{{x}}|{'|'.join(words)}'\n"
    assert len(long_literals(source, "probe")) == 4
    assert long_literals(f"A = {words[:LIMIT]!r}\n", "probe") == []


def test_every_list_file_has_a_header_and_ships() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["tui"]
    files = sorted(p for p in LEXICON.iterdir() if p.suffix in (".txt", ".tsv"))
    assert len(files) >= 7
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(("#", "%")), f"{path.name} has no header saying where it comes from"
        shipped = str(path.relative_to(ROOT / "tui"))
        assert any(fnmatch(shipped, pattern) for pattern in patterns), f"{path.name} is not package data"


def test_one_stop_word_list_with_its_uses() -> None:
    assert [p.name for p in LEXICON.glob("*stop*")] == ["stop_words.txt"]
    every = {line.split()[0] for line in entries("stop_words.txt")}
    assert set().union(*(stop_words(use) for use in STOP_WORD_USES)) == every
    assert {"the", "of", "and"} <= stop_words("terms") & stop_words("function") & stop_words("title")


@given(st.text())
def test_one_normaliser_keeps_saved_session_keys(text: str) -> None:
    """Without ``marks`` the normaliser is exactly what session keys were hashed with (and
    a text normalised with them first, as remembered, does not answer for it)."""
    normalise(text)
    assert normalise(text, marks=False) == " ".join(unicodedata.normalize("NFKC", text).casefold().split())
