"""Every unfit input ends in one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd, timeout=120,
                          check=False)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text("Coffee may lower the risk of stroke in older adults.\n", encoding="utf-8")
    return path


def _bad_files(tmp: Path) -> dict[str, tuple[list[str], str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_text(" \n\t\n  ", encoding="utf-8")
    (tmp / "binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp / "noise.txt").write_bytes(bytes(range(128, 256)) * 4)
    (tmp / "big.txt").write_text("A sentence about coffee and stroke. " * 400, encoding="utf-8")
    (tmp / "adir").mkdir()
    return {
        "missing": ([str(tmp / "nope.txt")], "no such file"),
        "directory": ([str(tmp / "adir")], "is a directory"),
        "empty": ([str(tmp / "empty.txt")], "empty"),
        "whitespace": ([str(tmp / "blank.txt")], "empty"),
        "binary": ([str(tmp / "binary.bin")], "binary"),
        "undecodable": ([str(tmp / "noise.txt")], "encoding"),
        "too large": ([str(tmp / "big.txt"), "--max-size", "0.01"], "limit"),
    }


@pytest.mark.parametrize(
    "case", ["missing", "directory", "empty", "whitespace", "binary", "undecodable", "too large"]
)
def test_bad_derived_file(case: str, good: Path, tmp_path: Path) -> None:
    args, words = _bad_files(tmp_path)[case]
    result = run("compare", str(good), *args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimdiff: ") and words in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_same_file_twice(good: Path) -> None:
    result = run("compare", str(good), str(good))
    assert result.returncode == 2
    assert "same file" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_unwritable_output(seed_pair: tuple[Path, Path], tmp_path: Path) -> None:
    result = run("compare", *map(str, seed_pair), "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert result.returncode == 2 and "cannot write" in result.stderr


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_encodings_give_the_same_statements(encoding: str, tmp_path: Path) -> None:
    text = "Café owners said “coffee” reduces stroke risk.\r\nA study of 1,200 adults found no effect – none at all.\r\n"
    plain, other = tmp_path / "plain.txt", tmp_path / f"other-{encoding}.txt"
    plain.write_bytes(text.encode("utf-8"))
    other.write_bytes(text.encode(encoding))
    report = json.loads(run("compare", str(plain), str(other), "--format", "json").stdout)
    by_doc = {doc: [s["text"] for s in report["statements"] if s["doc"] == doc] for doc in ("source", "derived")}
    assert by_doc["source"] == by_doc["derived"] and len(by_doc["source"]) == 2
    for st in report["statements"]:
        assert text[st["start"] : st["end"]] == st["text"]  # spans index the decoded text, CRLF kept


def test_a_legacy_code_page_with_colour_codes_is_read(good: Path, tmp_path: Path) -> None:
    # A terminal capture saved as windows-1252: the detector alone refuses it for its escapes.
    text = "Caf\u00e9 owners said the \x1b[31mcure\x1b[0m works. Na\u00efve readers agree.\n"
    capture = tmp_path / "capture.txt"
    capture.write_bytes(text.encode("cp1252"))
    result = run("compare", str(good), str(capture), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "2 terminal control codes" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    derived = [s["text"] for s in json.loads(result.stdout)["statements"] if s["doc"] == "derived"]
    assert derived == ["Caf\u00e9 owners said the \x1b[31mcure\x1b[0m works.", "Na\u00efve readers agree."]


def test_output_never_overwrites_an_input(seed_pair: tuple[Path, Path], tmp_path: Path) -> None:
    source, derived = (tmp_path / p.name for p in seed_pair)
    for original, copy in zip(seed_pair, (source, derived)):
        copy.write_bytes(original.read_bytes())
    before = derived.read_bytes()
    result = run("compare", str(source), str(derived), "-f", "json", "-o", str(derived))
    assert result.returncode == 2 and "documents being compared" in result.stderr
    assert derived.read_bytes() == before
