"""``claimdiff sessions`` through the real command line, on sessions in a temporary folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.engine.test_session import DERIVED, SOURCE, id_of, write_pair
from tui.cli import main
from tui.engine.model import Status
from tui.engine.pipeline import compare_files
from tui.engine.review import reviewable
from tui.engine.sessions.store import ENV, SessionStore


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SessionStore:
    monkeypatch.setenv(ENV, str(tmp_path / "data"))
    return SessionStore()


def make_session(store: SessionStore, folder: Path, name: str, reviewed: int) -> None:
    comparison = compare_files(*write_pair(folder, SOURCE, DERIVED))
    review, _, _ = store.open(comparison, name)
    claims = [f.statement.id for f in reviewable(comparison)][:reviewed]
    for sid in claims:
        review.set_status(sid, Status.AGREEMENT)


def test_no_sessions_says_where_it_looked(store: SessionStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions"]) == 0
    assert capsys.readouterr().out == f"no sessions yet in {store.root}\n"


def test_the_listing_shows_documents_progress_and_last_change(
    store: SessionStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_session(store, tmp_path / "one", "first", 2)
    make_session(store, tmp_path / "two", "second", 0)
    claims = store.peek("first").claims
    assert claims >= 2
    assert main(["sessions"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"NAME +DOCUMENTS +PROGRESS +LAST CHANGE", lines[0])
    rows = {line.split()[0]: line for line in lines[1:]}
    assert sorted(rows) == ["first", "second"]
    date = r"\d{4}-\d\d-\d\d \d\d:\d\d"
    assert re.fullmatch(rf"first +blog\.txt vs abstract\.txt +2/{claims} reviewed +{date}", rows["first"])
    assert re.fullmatch(rf"second +blog\.txt vs abstract\.txt +0/{claims} reviewed +{date}", rows["second"])


def test_orphans_and_unreadable_files_are_listed(
    store: SessionStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    comparison = compare_files(*write_pair(tmp_path / "docs", SOURCE, DERIVED))
    review, _, _ = store.open(comparison, "edited")
    review.set_note(id_of(comparison, DERIVED[0]), "check this")
    store.open(compare_files(*write_pair(tmp_path / "docs", SOURCE, DERIVED[1:])), "edited")
    store.path("broken").write_text("{", encoding="utf-8")
    assert main(["sessions"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^edited +blog\.txt vs abstract\.txt +0/\d+ reviewed, 1 orphaned +\d", out, re.MULTILINE)
    assert re.search(r"^broken +unreadable: session broken: is not valid JSON \(corrupt or truncated\)$", out, re.MULTILINE)
    assert store.path("broken").read_text(encoding="utf-8") == "{"  # listing moves nothing


def test_rm_removes_a_session(store: SessionStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_session(store, tmp_path / "one", "first", 1)
    make_session(store, tmp_path / "two", "second", 1)
    assert main(["sessions", "rm", "first"]) == 0
    assert capsys.readouterr().out == "removed session first\n"
    assert store.names() == ["second"]


@pytest.mark.parametrize(("argv", "message"), [
    (["sessions", "rm", "nothing-here"], "claimdiff: no session named 'nothing-here' (see `claimdiff sessions`)"),
    (["sessions", "rm", "../../etc"], ("claimdiff: '../../etc' cannot name a session: use up to 100 letters, "
                                       "digits, '.', '_' or '-', starting with a letter or digit")),
])
def test_an_unknown_or_bad_name_is_one_line_and_exit_2(
    store: SessionStore, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    make_session(store, tmp_path / "one", "first", 1)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err == message + "\n" and captured.out == ""
    assert store.names() == ["first"]


def test_the_installed_command_lists_sessions(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "data" / "sessions")
    make_session(store, tmp_path / "docs", "kept", 1)
    env = {**os.environ, ENV: str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "tui", "sessions"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^kept +blog\.txt vs abstract\.txt +1/\d+ reviewed", done.stdout, re.MULTILINE)
