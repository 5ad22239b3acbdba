"""The command line where people put it: pipes, narrow terminals, `-o` endings, CI gates, typos.

Every check runs the installed ``claimdiff`` console script in a subprocess, with standard
output a pipe (as ``| cat`` makes it), so colour and width are decided as they are for a user.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

SOURCE = SEEDS / "msc-covid-abstract.txt"
DERIVED = SEEDS / "msc-covid-blog.txt"
SCRIPT = Path(sys.executable).with_name("claimdiff")


def claimdiff(*args: str | Path, env: dict[str, str] | None = None,
              cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the console script with a clean colour environment plus ``env``."""
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "FORCE_COLOR", "TERM")}
    return subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=120,
                          check=False, env={**base, **(env or {})}, cwd=cwd)


def test_piped_table_holds_no_escape_character() -> None:
    result = claimdiff("compare", SOURCE, DERIVED)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert re.search(r"divergence: [1-9]", result.stdout)


def test_force_color_still_colours_a_pipe() -> None:
    result = claimdiff("compare", SOURCE, DERIVED, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in result.stdout


@pytest.mark.parametrize("columns", [60, 80, 132])
def test_columns_bound_every_line(columns: int) -> None:
    result = claimdiff("compare", SOURCE, DERIVED, env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert max(len(line) for line in lines) >= columns - 2, "the table uses the width it has"
    if columns < 100:
        assert "↳" in result.stdout, "a narrow table folds the counterpart under the statement"


@pytest.mark.parametrize(("name", "start"), [("r.html", "<!DOCTYPE html>"), ("r.htm", "<!DOCTYPE html>"),
                                             ("r.json", "{"), ("r.md", "# "), ("r.markdown", "# "),
                                             ("r.csv", "id,"), ("r.jsonld", "[")])
def test_output_ending_picks_the_format(name: str, start: str, tmp_path: Path) -> None:
    result = claimdiff("compare", SOURCE, DERIVED, "-o", tmp_path / name)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert text.startswith(start), text[:80]
    if name == "r.json":
        assert json.loads(text)["format"] == "claimdiff-report"


def test_unknown_ending_follows_format(tmp_path: Path) -> None:
    assert claimdiff("compare", SOURCE, DERIVED, "-o", tmp_path / "r.txt").returncode == 0
    assert "┃ id" in (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert claimdiff("compare", SOURCE, DERIVED, "-f", "json", "-o", tmp_path / "r.txt").returncode == 0
    json.loads((tmp_path / "r.txt").read_text(encoding="utf-8"))
    assert claimdiff("compare", SOURCE, DERIVED, "-f", "html", "-o", "/dev/null").returncode == 0


def test_ending_that_contradicts_format_is_refused(tmp_path: Path) -> None:
    result = claimdiff("compare", SOURCE, DERIVED, "-f", "json", "-o", tmp_path / "r.html")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        (f"claimdiff: {tmp_path / 'r.html'}: the ending .html means html, but --format json was asked; "
         "drop one or make them agree")]
    assert not (tmp_path / "r.html").exists()


def test_overwrite_check_comes_before_the_ending_check(tmp_path: Path) -> None:
    derived = tmp_path / "blog.html"
    shutil.copy(DERIVED, derived)
    result = claimdiff("compare", SOURCE, derived, "-f", "json", "-o", derived)
    assert result.returncode == 2 and "is one of the documents being compared" in result.stderr


def test_fail_on_gates_ci(tmp_path: Path) -> None:
    failed = claimdiff("compare", SOURCE, DERIVED, "--fail-on", "divergence", "-o", tmp_path / "r.json")
    assert failed.returncode == 1, failed.stderr
    assert re.search(r"failed the gate: [1-9]\d* divergence \(--fail-on divergence", failed.stderr)
    assert (tmp_path / "r.json").exists(), "the report is written before the gate closes"
    copy = tmp_path / "copy.txt"
    shutil.copy(SOURCE, copy)
    assert claimdiff("compare", SOURCE, copy, "--fail-on", "divergence").returncode == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    diverging = sum(1 for s in report["statements"] if s["doc"] == "derived" and s["status"] == "divergence")
    at = claimdiff("compare", SOURCE, DERIVED, "--fail-on", "divergence", "--fail-threshold", str(diverging))
    assert at.returncode == 1, "exit 1 when the count reaches the threshold"
    below = claimdiff("compare", SOURCE, DERIVED, "--fail-on", "divergence", "--fail-threshold", str(diverging + 1))
    assert below.returncode == 0
    both = claimdiff("compare", SOURCE, DERIVED, "--fail-on", "divergence,unsupported",
                     "--fail-threshold", str(diverging + 1))
    assert both.returncode == 1, "the listed statuses are counted together"


def test_unfit_input_wins_over_the_gate(tmp_path: Path) -> None:
    result = claimdiff("compare", SOURCE, tmp_path / "missing.txt", "--fail-on", "divergence")
    assert result.returncode == 2


def test_fail_on_refuses_an_unknown_status() -> None:
    result = claimdiff("compare", SOURCE, DERIVED, "--fail-on", "divergent")
    assert result.returncode == 2 and "not a status" in result.stderr


@pytest.mark.parametrize(("args", "named", "hint"), [
    (["frobnicate"], "frobnicate", "review or compare or sessions or export"),
    (["compar", "a.txt", "b.txt"], "compar", "did you mean compare?"),
    (["sesions"], "sesions", "did you mean sessions?"),
])
def test_unknown_command_is_named(args: list[str], named: str, hint: str, tmp_path: Path) -> None:
    result = claimdiff(*args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"unknown command '{named}'" in lines[0] and hint in lines[0]
    assert "Traceback" not in result.stderr


def test_two_arguments_are_always_source_and_derived(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "export").write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    result = claimdiff("missing-a.txt", "missing-b.txt", cwd=tmp_path)
    assert result.returncode == 2 and "missing-a.txt: no such file" in result.stderr
    # A file called like a command is still a document when two are given (the app would open,
    # so ask for help instead to stop short of it): parsing reaches `review`, not `export`.
    from tui.cli import _with_command

    monkeypatch.chdir(tmp_path)
    assert _with_command(["export", str(DERIVED)])[:2] == ["review", "export"]
    assert _with_command(["export", "-s", "x"])[0] == "export"


@pytest.mark.parametrize("command", ["", "compare", "review", "sessions", "export"])
def test_every_help_has_examples_and_statuses(command: str) -> None:
    result = claimdiff(*([command] if command else []), "--help")
    assert result.returncode == 0
    for words in ("examples:", "statuses:", "unsupported", "omitted", "exit status"):
        assert words in result.stdout, (command, words)
    if command in ("", "compare"):
        assert "1  --fail-on" in result.stdout


def test_export_follows_the_same_ending_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main
    from tui.engine.pipeline import compare_files
    from tui.engine.sessions.store import SessionStore

    monkeypatch.setenv("CLAIMDIFF_DATA_DIR", str(tmp_path / "data"))
    source, derived = Path(shutil.copy(SOURCE, tmp_path)), Path(shutil.copy(DERIVED, tmp_path))
    review, _, _ = SessionStore().open(compare_files(source, derived), "endings")
    review.accept(next(f.statement.id for f in review.comparison.findings if f.status))
    assert main(["export", "-s", "endings", "-o", str(tmp_path / "review.htm")]) == 0
    assert (tmp_path / "review.htm").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["export", "-s", "endings", "-f", "json", "-o", str(tmp_path / "review.md")]) == 2
    assert "the ending .md means markdown, but --format json was asked" in capsys.readouterr().err
    assert not (tmp_path / "review.md").exists()
    assert main(["export", "-s", "endings", "-f", "json", "-o", str(tmp_path / "review.txt")]) == 0
    json.loads((tmp_path / "review.txt").read_text(encoding="utf-8"))



ENDING = """\
import atexit, sys
from tui.cli import main

atexit.register(lambda: print("exit handler", file=sys.stderr))
sys.argv = ["claimdiff", *sys.argv[1:]]
main()
"""


def test_compare_run_as_the_program_ends_after_the_exit_handlers_with_its_output_whole_and_its_status() -> None:
    """``claimdiff compare`` ends the process at once (tui.cli._end_now): what an ending must do
    is still done."""
    done = subprocess.run([sys.executable, "-c", ENDING, "compare", str(SOURCE), str(DERIVED), "-f", "json",
                           "--fail-on", "unsupported"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1 and done.stderr.splitlines()[-1] == "exit handler"
    assert json.loads(done.stdout)["format"] == "claimdiff-report"


def test_a_report_given_as_bytes_reaches_a_text_stream_and_a_byte_stream_alike(tmp_path: Path) -> None:
    import contextlib
    import io

    from tui.commands.common import write_output

    report = '{"text":"décès ≥ 5\\u0085"}\n'
    text = io.StringIO()
    with contextlib.redirect_stdout(text):  # no bytes beneath it, as in a notebook
        write_output(report.encode(), None)
    raw = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")  # bytes beneath: written as they are
    with contextlib.redirect_stdout(raw):
        write_output(report.encode(), "-")
    write_output(report.encode(), str(tmp_path / "r.json"))
    assert text.getvalue() == report
    assert raw.buffer.getvalue() == report.encode() == (tmp_path / "r.json").read_bytes()  # type: ignore[attr-defined]
