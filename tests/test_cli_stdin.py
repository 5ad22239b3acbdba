"""A document from standard input: ``… | claimdiff compare paper.pdf -``.

Every check runs the installed console script in a subprocess with a real pipe (or a real
pseudo-terminal) as its standard input, as a shell gives it.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

SOURCE = SEEDS / "msc-covid-abstract.txt"
DERIVED = SEEDS / "msc-covid-blog.txt"
HTML = Path(__file__).parent / "data" / "html" / "clinic-blog.html"
SCRIPT = Path(sys.executable).with_name("claimdiff")


def claimdiff(*args: str | Path, stdin: bytes | int | None = None,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the console script; ``stdin`` is piped bytes or an open descriptor."""
    piped = isinstance(stdin, bytes)
    result = subprocess.run([str(SCRIPT), *map(str, args)], input=stdin if piped else None,
                            stdin=None if piped else (subprocess.DEVNULL if stdin is None else stdin),
                            capture_output=True, timeout=120, check=False, env={**os.environ, **(env or {})})
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8"),
                                       result.stderr.decode("utf-8"))


def statuses(report: str) -> list[tuple[str, str, str]]:
    return [(st["doc"], st["text"], st["status"]) for st in json.loads(report)["statements"]]


@pytest.mark.parametrize("side", ["source", "derived"])
def test_either_document_may_come_from_standard_input(side: str) -> None:
    from_files = claimdiff("compare", SOURCE, DERIVED, "--format", "json")
    piped = (SOURCE if side == "source" else DERIVED).read_bytes()
    args = ("-", DERIVED) if side == "source" else (SOURCE, "-")
    from_pipe = claimdiff("compare", *args, "--format", "json", stdin=piped)
    assert from_pipe.returncode == 0, from_pipe.stderr
    assert statuses(from_pipe.stdout) == statuses(from_files.stdout)
    report = json.loads(from_pipe.stdout)
    assert report[side]["path"] == "<stdin>"
    assert report[side]["sha256"] == json.loads(from_files.stdout)[side]["sha256"], "the hash of the same bytes"


def test_a_web_page_on_standard_input_is_read_as_a_page() -> None:
    result = claimdiff("compare", SOURCE, "-", "--format", "json", stdin=HTML.read_bytes())
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["derived"].get("text_source") == "extracted"
    texts = " ".join(st["text"] for st in report["statements"] if st["doc"] == "derived")
    assert "<p" not in texts and "</" not in texts


def test_a_short_claim_piped_in_is_judged_against_its_source() -> None:
    result = claimdiff("compare", SOURCE, "-", stdin=b"MSCs cured every COVID-19 patient with ARDS.\n",
                       env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    assert "<stdin>" in result.stdout
    assert "divergence" in result.stdout


@pytest.mark.parametrize(("stdin", "says"), [
    (b"", "<stdin>: empty"),
    (b"  \n\t\n", "<stdin>: empty"),
    (b"\x00\x01binary\x00" * 50, "<stdin>: looks like a binary file"),
    (b"a" * 1_100_000, "<stdin>: more than 1 MB, over the limit (raise it with --max-size)"),
], ids=["nothing", "white-space", "binary", "over-the-limit"])
def test_unfit_standard_input_is_one_line_and_exit_2(stdin: bytes, says: str) -> None:
    result = claimdiff("compare", SOURCE, "-", "--max-size", "1", stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"claimdiff: {says}"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_terminal_is_refused_rather_than_waited_on() -> None:
    leader, follower = pty.openpty()
    try:
        result = claimdiff("compare", SOURCE, "-", stdin=follower)
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert "standard input is a terminal, with nothing piped in; pipe the text in" in result.stderr


def test_only_one_document_can_be_standard_input() -> None:
    result = claimdiff("compare", "-", "-", stdin=DERIVED.read_bytes())
    assert result.returncode == 2
    assert "only one of the two documents can come from standard input" in result.stderr


def test_the_app_refuses_standard_input_before_reading_it(tmp_path: Path) -> None:
    result = claimdiff(SOURCE, "-", stdin=DERIVED.read_bytes(), env={"CLAIMDIFF_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert "the app reads its keys from the terminal" in result.stderr
    assert not any(tmp_path.rglob("*.json")), "no session is made for a pair it cannot open"


def test_a_file_named_dash_is_reached_by_its_path(tmp_path: Path) -> None:
    (tmp_path / "-").write_bytes(DERIVED.read_bytes())
    result = claimdiff("compare", SOURCE, tmp_path / "-", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["derived"]["path"].endswith("/-")


def test_a_batch_manifest_may_come_from_standard_input(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for document in (SOURCE, DERIVED):
        (docs / document.name).write_bytes(document.read_bytes())
    manifest = f"source,derived,name\ndocs/{SOURCE.name},docs/{DERIVED.name},seeds\n".encode()
    result = subprocess.run([str(SCRIPT), "batch", "-", "--out", "reports", "--workers", "1"], input=manifest,
                            capture_output=True, timeout=300, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "reports" / "seeds.json").read_text(encoding="utf-8"))
    assert report["derived"]["path"] == f"docs/{DERIVED.name}", "paths as the manifest wrote them, from here"
    assert (tmp_path / "reports" / "summary.csv").read_text(encoding="utf-8").count("\n") == 2


def test_a_batch_manifest_on_a_terminal_is_refused(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    try:
        result = claimdiff("batch", "-", "--out", tmp_path / "reports", stdin=follower)
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert "<stdin>: standard input is a terminal" in result.stderr
    assert not (tmp_path / "reports").exists()


# -- a shell's <(command): a pipe named /dev/fd/N -----------------------------------------------

def _bash(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "CLAIMDIFF": str(SCRIPT), "SOURCE": str(SOURCE), "DERIVED": str(DERIVED)})


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd: the shell cannot pass <(command)")
def test_both_documents_may_come_from_process_substitution() -> None:
    """``claimdiff compare <(pdftotext paper.pdf -) <(curl -s URL)``: each is a pipe, read to its end."""
    from_files = claimdiff("compare", SOURCE, DERIVED, "--format", "json")
    done = _bash('"$CLAIMDIFF" compare <(cat "$SOURCE") <(cat "$DERIVED") --format json')
    assert done.returncode == 0, done.stderr
    assert statuses(done.stdout) == statuses(from_files.stdout)
    report = json.loads(done.stdout)
    assert report["source"]["path"].startswith("/dev/fd/")
    assert report["source"]["sha256"] == json.loads(from_files.stdout)["source"]["sha256"]


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd: the shell cannot pass <(command)")
@pytest.mark.parametrize("command, says", [
    ('<(true)', r"^claimdiff: /dev/fd/\d+: empty \(nothing but white space came in\)$"),
    ('<(head -c 2000000 /dev/zero)', r"^claimdiff: /dev/fd/\d+: more than 1 MB, over the limit"),
], ids=["nothing written", "endless and over the limit"])
def test_an_unfit_pipe_is_one_line_and_2(command: str, says: str) -> None:
    import re

    done = _bash(f'"$CLAIMDIFF" compare "$SOURCE" {command} --max-size 1 --format json')
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and re.search(says, done.stderr), done.stderr
