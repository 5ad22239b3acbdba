"""Sessions under faults: damaged files beside good ones, stale temporary files, special files,
a read-only folder, a hostile session, and a fuzzed loader. Each test names the fault it holds
(issue 14); the catalogue of one-line messages is ``tests/test_bad_inputs.py``."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.engine.test_session import DERIVED, SOURCE, id_of, write_pair
from tui.cli import main
from tui.engine.model import Comparison, Status
from tui.engine.pipeline import compare_files
from tui.engine.sessions.files import parse_json
from tui.engine.sessions.session import SessionFormatError, from_dict
from tui.engine.sessions.store import ENV, SessionStore


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    return compare_files(*write_pair(tmp_path_factory.mktemp("pair"), SOURCE, DERIVED))


def saved(store: SessionStore, pair: Comparison, name: str, note: str = "checked") -> dict:
    review, _, autosave = store.open(pair, name)
    review.set_status(id_of(pair, DERIVED[0]), Status.DIVERGENCE)
    review.set_note(id_of(pair, DERIVED[0]), note)
    autosave.stop()
    return json.loads(store.path(name).read_text(encoding="utf-8"))


DAMAGE = {
    "updated 1e999": lambda raw: raw.replace('"updated": ', '"updated": 1e999, "was": ', 1),
    "created NaN": lambda raw: raw.replace('"created": ', '"created": NaN, "was": ', 1),
    "5000-digit reviewed": lambda raw: raw.replace('"reviewed": ', '"reviewed": ' + "7" * 5000 + ', "was": ', 1),
    "nested 50000 deep": lambda raw: raw[: raw.rindex("}")] + ', "deep": ' + "[" * 50_000 + "]" * 50_000 + "}",
    "null statement": lambda raw: raw.replace('"statements": [', '"statements": [null,', 1),
    "max_candidates 2.5": lambda raw: raw.replace('"max_candidates": 5', '"max_candidates": 2.5', 1),
    "updated as a string": lambda raw: raw.replace('"updated": ', '"updated": "soon", "was": ', 1),
    "text that does not unpack": lambda raw: raw.replace('"text_zlib": "', '"text_zlib": "AAAA', 1),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_sessions_lists_the_good_sessions_beside_a_damaged_one(
    pair: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    monkeypatch.setenv(ENV, str(tmp_path))
    store = SessionStore()
    saved(store, pair, "good-one")
    saved(store, pair, "bad")
    saved(store, pair, "good-two")
    raw = store.path("bad").read_text(encoding="utf-8")
    damaged = DAMAGE[kind](raw)
    assert damaged != raw
    store.path("bad").write_text(damaged, encoding="utf-8")
    assert main(["sessions"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert set(rows) == {"good-one", "bad", "good-two"}
    assert "unreadable: session bad: " in rows["bad"] and "1/" in rows["good-one"] and "1/" in rows["good-two"]
    assert main(["export", "-s", "good-two", "-f", "csv"]) == 0  # the others still export
    assert main(["export", "-s", "bad"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    # Opening it for review moves it aside in one line, and starts fresh.
    _, notice, _ = store.open(pair, "bad")
    assert "moved aside to bad.corrupt-" in notice and "\n" not in notice
    assert store.peek("good-one").entries and store.names() == ["bad", "good-one", "good-two"]


def test_a_note_with_a_lone_surrogate_saves_and_exports(
    pair: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, str(tmp_path / "data"))
    store = SessionStore()
    saved(store, pair, "s", note="pasted \ud83d half an emoji")
    out = tmp_path / "report.md"
    assert main(["export", "-s", "s", "-o", str(out)]) == 0
    assert "pasted \ufffd half an emoji" in out.read_text(encoding="utf-8")
    assert store.peek("s").entries[0].verdict.note == "pasted \ufffd half an emoji"


def test_stale_temporary_files_are_cleaned_on_the_next_open_and_fresh_ones_kept(
    pair: Comparison, tmp_path: Path
) -> None:
    store = SessionStore(tmp_path)
    saved(store, pair, "s")
    stale, fresh = tmp_path / ".s.k1ll3d.tmp", tmp_path / ".s.wr1t1ng.tmp"
    stale.write_text("half a session")
    fresh.write_text("another process is writing this")
    hour_ago = time.time() - 3700
    os.utime(stale, (hour_ago, hour_ago))
    store.open(pair, "s")
    assert not stale.exists() and fresh.exists()


def test_a_killed_writer_leaves_a_temporary_file_that_the_next_open_removes(pair: Comparison, tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    saved(store, pair, "s")
    # What kill -9 between mkstemp and os.replace leaves behind.
    leftover = tmp_path / ".s.abc123.tmp"
    leftover.write_bytes(store.path("s").read_bytes()[:40])
    os.utime(leftover, (time.time() - 7200, time.time() - 7200))
    assert store.clean_stale() == [leftover]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".s.lock", "s.json"]


def test_a_fifo_and_a_dangling_link_in_the_sessions_folder_do_not_hang_the_listing(
    pair: Comparison, tmp_path: Path
) -> None:
    store = SessionStore(tmp_path)
    saved(store, pair, "good")
    os.mkfifo(tmp_path / "pipe.json")
    os.symlink(tmp_path / "gone.json", tmp_path / "dangling.json")
    infos = {i.name: i for i in store.infos()}
    assert infos["good"].session is not None
    assert infos["pipe"].problem == "session pipe: is a named pipe (FIFO), not a file"
    assert infos["dangling"].problem == "session dangling: is a link to nothing"
    assert store.resolve_name(tmp_path / "a", tmp_path / "b", name=None) != ""


def test_a_session_keeps_the_reviewed_text_and_exports_it_when_the_file_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV, str(tmp_path / "data"))
    source, derived = write_pair(tmp_path, SOURCE, DERIVED)
    comparison = compare_files(source, derived)
    store = SessionStore()
    saved(store, comparison, "s")
    derived.write_text("Something else entirely now.\n", encoding="utf-8")
    assert main(["export", "-s", "s", "-f", "json"]) == 0
    captured = capsys.readouterr()
    assert DERIVED[0] in texts(captured.out) and "Something else entirely now." not in texts(captured.out)
    assert "its content changed since the review; exporting the text that was reviewed" in captured.err
    derived.unlink()
    assert main(["export", "-s", "s", "-f", "json"]) == 0
    assert DERIVED[0] in texts(capsys.readouterr().out)


def test_a_hostile_session_cannot_pull_another_file_into_an_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV, str(tmp_path / "data"))
    secret = tmp_path / "secret.txt"
    secret.write_text("The launch code is 0000. Nobody may read this.\n", encoding="utf-8")
    source, derived = write_pair(tmp_path, SOURCE, DERIVED)
    store = SessionStore()
    data = saved(store, compare_files(source, derived), "s")
    data["documents"]["source"]["path"] = str(secret)  # the copy of the text still says what was reviewed
    store.path("s").write_text(json.dumps(data), encoding="utf-8")
    assert main(["export", "-s", "s", "-f", "json"]) == 0
    captured = capsys.readouterr()
    assert "launch code" not in captured.out and SOURCE[0] in texts(captured.out)
    del data["documents"]["source"]["text_zlib"]  # and without a copy it is refused
    store.path("s").write_text(json.dumps(data), encoding="utf-8")
    assert main(["export", "-s", "s", "-f", "json"]) == 2
    captured = capsys.readouterr()
    assert "launch code" not in captured.out and "keeps no copy" in captured.err


def texts(report: str) -> list[str]:
    return [statement["text"] for statement in json.loads(report)["statements"]]


def _can_mount() -> bool:
    return os.geteuid() == 0 and subprocess.run(["which", "mount"], check=False, capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs root to mount a read-only tmpfs (chmod does not stop root)")
def test_a_read_only_sessions_folder_gives_a_warning_not_a_traceback(pair: Comparison, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], check=False,
                      capture_output=True).returncode:
        pytest.skip("mount -t tmpfs is not allowed here")
    try:
        review, notice, autosave = SessionStore(folder).open(pair, "s")
        assert "not saved: read-only file system" in notice
        review.set_status(id_of(pair, DERIVED[0]), Status.AGREEMENT)
        assert autosave.unsaved == 1 and autosave.error is not None
        assert SessionStore(folder).infos() == []
    finally:
        subprocess.run(["umount", str(folder)], check=False)


# -- the loader, fuzzed ----------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=25,
)


def _mutations(good: dict) -> st.SearchStrategy[dict]:
    keys = st.sampled_from(sorted(good))

    def mutate(pair: tuple[str, object]) -> dict:
        key, value = pair
        return {**good, key: value}

    return st.tuples(keys, JSON).map(mutate)


@pytest.fixture(scope="module")
def good_session(pair: Comparison, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return saved(SessionStore(tmp_path_factory.mktemp("good")), pair, "s")


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_loader_accepts_a_session_or_refuses_it_in_one_line(good_session: dict, data: st.DataObject) -> None:
    value = data.draw(st.one_of(JSON, _mutations(good_session)))
    try:
        session = from_dict(value)
    except SessionFormatError as error:
        assert "\n" not in str(error) and len(str(error)) < 300
    else:
        assert session.updated >= 0 and session.options.max_candidates >= 1


@settings(max_examples=300, deadline=None, derandomize=True)
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_the_json_reader_refuses_bytes_with_a_value_error(raw: bytes) -> None:
    try:
        parse_json(raw)
    except (ValueError, RecursionError):
        pass


def test_the_loader_refuses_the_unbounded_values_of_issue_14() -> None:
    for text in ('{"a": 1e999}', '{"a": NaN}', '{"a": -Infinity}', '{"a": ' + "1" * 5000 + "}"):
        with pytest.raises(ValueError):
            parse_json(text.encode())


def test_options_out_of_range_never_reach_the_app(pair: Comparison, tmp_path: Path) -> None:
    """`"max_candidates": 2.5` used to come back as the review's options and crash the app."""
    store = SessionStore(tmp_path)
    data = saved(store, pair, "s")
    data["options"]["max_candidates"] = 2.5
    store.path("s").write_text(json.dumps(data), encoding="utf-8")
    assert store.saved_options("s") is None  # `claimdiff review` then uses the defaults
    _, notice, _ = store.open(pair, "s")
    assert "option 'max_candidates' should be an integer from 1 to 1000, not 2.5); moved aside" in notice
