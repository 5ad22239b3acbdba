"""The session store on a real folder: autosave of every action, atomic writes, unreadable
files moved aside, names, options, two writers at once, and a writer killed mid-review."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.conftest import ROOT
from tests.engine.test_session import ACTIONS, DERIVED, SOURCE, id_of, play, write_pair
from tui.engine.model import CompareOptions, Comparison, Status
from tui.engine.pipeline import compare_files
from tui.engine.review import Review
from tui.engine.sessions import autosave as autosaving
from tui.engine.sessions.reattach import restore
from tui.engine.sessions.session import SCHEMA_VERSION, capture, from_dict, to_dict
from tui.engine.sessions.store import (
    ENV,
    SessionError,
    SessionNotFound,
    SessionStore,
    SessionUnreadable,
    default_name,
    default_root,
)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    return compare_files(*write_pair(tmp_path_factory.mktemp("pair"), SOURCE, DERIVED))


def on_disk(store: SessionStore, name: str, comparison: Comparison) -> Review:
    """The review as the file says it is (read without the store's help)."""
    data = json.loads(store.path(name).read_text(encoding="utf-8"))
    return restore(from_dict(data), comparison)[0]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_round_trip_through_the_store(pair: Comparison, actions: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        review, _, _ = SessionStore(folder).open(pair, "s")
        play(review, actions)
        again, notice, _ = SessionStore(folder).open(pair, "s")
        assert (again.verdicts, again.cursor) == (review.verdicts, review.cursor)
        assert notice.startswith(f"resumed session s: {len(review.verdicts)} verdict")


def test_every_action_is_on_disk_as_it_happens(
    pair: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cursor move is written at once while saves stay under the budget (a busy machine can
    # go over it, and then moves wait for the timer): keep this test to the at-once path.
    monkeypatch.setattr(autosaving, "CURSOR_BUDGET", float("inf"))
    store = SessionStore(tmp_path)
    review, notice, _ = store.open(pair, "s")
    assert notice == "new session s" and on_disk(store, "s", pair).verdicts == {}
    first, second = id_of(pair, DERIVED[0]), id_of(pair, SOURCE[1])
    steps = [
        lambda: review.set_status(first, Status.DIVERGENCE),
        lambda: review.set_note(first, "40 percent is not in the abstract"),
        lambda: review.relink(first, second),
        lambda: review.undo(),
        lambda: review.undo(),
        lambda: review.redo(),
        lambda: review.relink(second, None),
    ]
    for step in steps:
        step()
        assert on_disk(store, "s", pair).verdicts == review.verdicts
    review.move_to(second)
    assert on_disk(store, "s", pair).cursor == second


def test_writes_are_atomic_and_a_failed_write_keeps_the_old_file(
    pair: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SessionStore(tmp_path)
    review, _, autosave = store.open(pair, "s")
    sid = id_of(pair, DERIVED[0])
    review.set_status(sid, Status.AGREEMENT)
    before = store.path("s").read_bytes()

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    review.set_note(sid, "not saved yet")
    assert autosave.error == ("not saved: disk full — your last change is kept in memory; "
                              "free space or press ctrl+s to retry")
    assert autosave.unsaved == 1
    assert store.path("s").read_bytes() == before
    monkeypatch.undo()
    review.set_status(id_of(pair, DERIVED[1]), Status.DIVERGENCE)  # the next save catches up
    assert autosave.error is None and on_disk(store, "s", pair).verdicts == review.verdicts
    assert sorted(p.name for p in tmp_path.iterdir()) == [".s.lock", "s.json"]


BROKEN = {
    "truncated": lambda good: good[: len(good) // 2],
    "not JSON": lambda good: b"\x00\xffgarbage",
    "empty": lambda good: b"",
    "not a session": lambda good: b'{"hello": "world"}',
    "wrong field type": lambda good: good.replace(b'"statements": [', b'"statements": {"x": [').replace(
        b'\n ],\n "orphans"', b'\n ]},\n "orphans"'),
    "newer version": lambda good: good.replace(
        f'"schema_version": {SCHEMA_VERSION}'.encode(), f'"schema_version": {SCHEMA_VERSION + 1}'.encode()),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_an_unreadable_file_is_moved_aside_and_the_review_starts_fresh(
    pair: Comparison, tmp_path: Path, kind: str
) -> None:
    store = SessionStore(tmp_path)
    review, _, _ = store.open(pair, "s")
    review.set_status(id_of(pair, DERIVED[0]), Status.AGREEMENT)
    bad = BROKEN[kind](store.path("s").read_bytes())
    store.path("s").write_bytes(bad)
    with pytest.raises(SessionUnreadable):
        store.peek("s")
    assert store.path("s").read_bytes() == bad  # looking does not move anything
    fresh, notice, _ = store.open(pair, "s")
    (aside,) = tmp_path.glob("s.corrupt-*.json")
    assert aside.read_bytes() == bad
    assert notice.startswith("new session s; session s: ") and "\n" not in notice
    assert f"moved aside to {aside.name}; starting fresh" in notice
    if kind == "newer version":
        assert "newer claimdiff" in notice
    assert fresh.verdicts == {} and on_disk(store, "s", pair).verdicts == {}
    assert store.names() == ["s"]
    _, notice, _ = store.open(pair, "s")
    assert notice == "resumed session s: 0 verdicts"


def test_load_reports_an_unreadable_file_in_one_line(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    store.path("s").write_text('{"format": "claimdiff-session"', encoding="utf-8")
    with pytest.raises(SessionUnreadable) as caught:
        store.load("s")
    assert str(caught.value).startswith("session s: is not valid JSON (corrupt or truncated); moved aside to s.corrupt-")
    assert caught.value.moved_to is not None and caught.value.moved_to.exists() and not store.path("s").exists()
    assert store.load("s") is None


def test_the_root_comes_from_the_environment_or_platformdirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import platformdirs

    monkeypatch.setenv(ENV, str(tmp_path))
    assert default_root() == tmp_path / "sessions" and SessionStore().root == tmp_path / "sessions"
    monkeypatch.delenv(ENV)
    assert default_root() == platformdirs.user_data_path("claimdiff", appauthor=False) / "sessions"


def test_names_for_a_pair_new_sessions_and_resuming_the_latest(
    pair: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SessionStore(tmp_path / "store")
    src, der = write_pair(tmp_path / "docs", SOURCE, DERIVED)
    name = store.resolve_name(src, der)
    assert name.startswith("blog--abstract-") and name == default_name(src, der)
    monkeypatch.chdir(tmp_path)
    assert store.resolve_name(Path("docs/abstract.txt"), Path("docs/blog.txt")) == name
    assert store.resolve_name(der, src) != name
    store.open(pair, name)
    second = store.resolve_name(src, der, new=True)
    assert second == f"{name}-2"
    store.open(pair, second)
    assert store.resolve_name(src, der, new=True) == f"{name}-3"
    assert store.resolve_name(src, der) == second  # the latest of the pair's sessions
    assert store.resolve_name(src, der, name="mine") == "mine"
    assert store.resolve_name(src, der, name="mine", new=True) == "mine-2"


@pytest.mark.parametrize("name", ["", "../escape", "a/b", ".hidden", "x" * 101, "s.corrupt-1", "sp ace"])
def test_a_bad_name_is_a_one_line_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(SessionError, match="cannot name a session"):
        SessionStore(tmp_path).path(name)


def test_remove(pair: Comparison, tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    store.open(pair, "s")
    store.open(pair, "t")
    store.remove("s")
    assert store.names() == ["t"] and not (tmp_path / ".s.lock").exists()
    with pytest.raises(SessionNotFound, match="no session named 's'"):
        store.remove("s")


def test_options_are_saved_and_a_difference_is_told(pair: Comparison, tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    assert store.saved_options("s") is None
    store.open(pair, "s")
    assert store.saved_options("s") == pair.options
    other = compare_files(pair.source.path, pair.derived.path, CompareOptions(match_threshold=70.0))
    _, notice, _ = store.open(other, "s")
    assert notice == "resumed session s: 0 verdicts; options differ from the ones the session was saved with; using the new ones"
    assert store.saved_options("s") == CompareOptions(match_threshold=70.0)


def test_the_notice_counts_what_was_re_attached_changed_and_orphaned(pair: Comparison, tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "store")
    review, _, _ = store.open(pair, "s")
    for text in DERIVED:
        review.set_status(id_of(pair, text), Status.AGREEMENT)
    edited = ["Asthma is common.", DERIVED[0].replace("40", "45"), *DERIVED[1:3], *DERIVED[4:]]
    again, notice, _ = store.open(compare_files(*write_pair(tmp_path / "docs", SOURCE, edited)), "s")
    assert notice == "resumed session s: 5 verdicts, 2 re-attached after edits, 1 changed, 1 orphaned"
    assert [o.text for o in again.orphans] == [DERIVED[3]]
    _, notice, _ = store.open(compare_files(*write_pair(tmp_path / "docs", SOURCE, edited)), "s")
    assert notice == "resumed session s: 5 verdicts (1 orphaned earlier)"


# -- several processes ----------------------------------------------------------------------

WRITER = """
import sys
from tui.engine.pipeline import compare_files
from tui.engine.sessions.store import SessionStore
root, source, derived, first, step = sys.argv[1:6]
comparison = compare_files(source, derived)
review, _, autosave = SessionStore(root).open(comparison, "shared")
ids = [f.statement.id for f in comparison.findings]
print("ready", flush=True)
sys.stdin.readline()
for n, sid in enumerate(ids[int(first)::int(step)]):
    review.set_note(sid, f"writer {first}, action {n}")
    assert autosave.error is None, autosave.error
    print(sid, flush=True)
"""


def many_statements(folder: Path, count: int) -> tuple[Path, Path]:
    lines = [f"Statement number {n} reports that the measured effect was {n * 7} units." for n in range(count)]
    return write_pair(folder, lines[:3], lines)


def start(code: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_two_writers_on_one_session_lose_nothing(tmp_path: Path) -> None:
    src, der = many_statements(tmp_path / "docs", 40)
    writers = [start(WRITER, tmp_path / "store", src, der, first, 2) for first in (0, 1)]
    for writer in writers:  # both have opened the session before either writes
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    written = []
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        written += out.split()
    review, notice, _ = SessionStore(tmp_path / "store").open(compare_files(src, der), "shared")
    assert len(written) == 43 and sorted(review.verdicts) == sorted(written)
    assert notice == "resumed session shared: 43 verdicts"


KILLED = """
import sys
from tui.engine.model import Status
from tui.engine.pipeline import compare_files
from tui.engine.sessions.store import SessionStore
root, source, derived = sys.argv[1:4]
comparison = compare_files(source, derived)
review, _, autosave = SessionStore(root).open(comparison, "killed")
for n, finding in enumerate(comparison.findings):
    review.set_status(finding.statement.id, Status.DIVERGENCE)
    review.set_note(finding.statement.id, f"action {n}")
    review.move_to(finding.statement.id)
    print(finding.statement.id, flush=True)
"""


def test_a_process_killed_mid_review_loses_at_most_its_last_action(tmp_path: Path) -> None:
    src, der = many_statements(tmp_path / "docs", 200)
    victim = start(KILLED, tmp_path / "store", src, der)
    assert victim.stdout is not None
    done = [victim.stdout.readline().strip() for _ in range(25)]
    os.kill(victim.pid, signal.SIGKILL)
    victim.communicate(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    data = json.loads((tmp_path / "store" / "killed.json").read_text(encoding="utf-8"))
    comparison = compare_files(src, der)
    review = restore(from_dict(data), comparison)[0]
    assert all(review.verdict(sid).note.startswith("action ") for sid in done)
    assert len(done) <= len(review.verdicts) <= len(done) + 2  # what it was doing when killed may be lost
    order = [f.statement.id for f in comparison.findings]
    assert order.index(review.cursor or "") >= order.index(done[-1])
    to_dict(capture(review, "killed"))  # and it is a session we can keep working on


def test_the_session_records_resolved_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pair(tmp_path / "docs", SOURCE, DERIVED)
    monkeypatch.chdir(tmp_path)
    comparison = compare_files(Path("docs/abstract.txt"), Path("docs/blog.txt"))
    store = SessionStore(tmp_path / "store")
    store.open(comparison, "s")
    session = store.peek("s")
    assert session.source.path == str(tmp_path.resolve() / "docs" / "abstract.txt")
    assert session.derived.path == str(tmp_path.resolve() / "docs" / "blog.txt")
    assert session.derived.sha256 == comparison.derived.sha256


def test_moves_in_a_slow_session_are_gathered_and_still_reach_the_disk(pair: Comparison, tmp_path: Path) -> None:
    import time

    from tui.engine.sessions.autosave import CURSOR_DELAY

    store = SessionStore(tmp_path)
    review, _, autosave = store.open(pair, "s")
    ids = [f.statement.id for f in pair.findings]
    review.move_to(ids[0])
    assert on_disk(store, "s", pair).cursor == ids[0]  # quick saves: each move written at once
    autosave.cost = 1.0  # as if the session were huge
    saves = autosave.saves
    for sid in ids[1:6]:
        review.move_to(sid)
    assert autosave.saves == saves and on_disk(store, "s", pair).cursor == ids[0]
    time.sleep(CURSOR_DELAY + 0.5)  # the timer writes the last position once
    assert autosave.saves == saves + 1 and on_disk(store, "s", pair).cursor == ids[5]
    autosave.cost = 1.0
    review.move_to(ids[6])
    review.set_status(ids[7], Status.AGREEMENT)  # a change carries the position with it
    assert on_disk(store, "s", pair).cursor == ids[6]
    autosave.cost = 1.0
    review.move_to(ids[8])
    autosave.stop()  # as at exit (stop and the atexit hook both flush)
    assert on_disk(store, "s", pair).cursor == ids[8] and autosave.saves == saves + 3
    review.set_status(ids[9], Status.AGREEMENT)
    assert autosave.saves == saves + 3  # stopped: no more saves


def test_the_file_has_one_statement_per_line(pair: Comparison, tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    review, _, _ = store.open(pair, "s")
    for finding in pair.findings[:3]:
        review.set_note(finding.statement.id, "line\nbreak and ünïcode")
    lines = store.path("s").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.startswith('  {"key": ')]
    assert len(rows) == 3 and all("ünïcode" in row for row in rows)
    assert lines[0] == "{" and lines[-1] == "}" and lines[1] == ' "format": "claimdiff-session",'


def test_an_unusable_session_folder_is_a_one_line_error(pair: Comparison, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the sessions folder should be", encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        SessionStore(blocker).open(pair, "s")
    assert str(caught.value).startswith("session s: cannot be read (") and "\n" not in str(caught.value)
    assert blocker.read_text(encoding="utf-8") == "a file where the sessions folder should be"
