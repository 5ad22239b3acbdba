"""``claimdiff export``: a saved session through the real command line, files on disk."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.engine.model import Role, Status
from tui.engine.pipeline import compare_files
from tui.engine.sessions.store import SessionStore

SOURCE = "Trial of X in Y\n\nX may reduce mortality in some patients with ARDS.\n\nFurther trials are needed to confirm this.\n"
DERIVED = "X cures Y\n\nX has been shown to reduce mortality in all patients with ARDS.\n\nOur clinic offers X today.\n"


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, SessionStore]:
    """Two small documents and a session store in tmp_path (the CLI finds it via the env var)."""
    monkeypatch.setenv("CLAIMDIFF_DATA_DIR", str(tmp_path / "data"))
    source, derived = tmp_path / "abstract.txt", tmp_path / "blog.txt"
    source.write_text(SOURCE, encoding="utf-8")
    derived.write_text(DERIVED, encoding="utf-8")
    return source, derived, SessionStore(tmp_path / "data" / "sessions")


def save_session(source: Path, derived: Path, store: SessionStore, name: str | None = None) -> tuple[str, str]:
    """Review the pair like the app does: mark the "shown" claim unsupported with a note.

    Returns:
        The session name and the id of the claim reviewed.
    """
    comparison = compare_files(source, derived)
    name = name or store.resolve_name(source, derived)
    review, _, autosave = store.open(comparison, name)
    (claim,) = [f.statement.id for f in comparison.of(Role.DERIVED) if f.status and "shown" in f.statement.text]
    review.set_status(claim, Status.UNSUPPORTED)
    review.set_note(claim, "=no source says this")
    autosave.stop()
    return name, claim


def test_export_named_session_as_markdown(pair: tuple[Path, Path, SessionStore],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    source, derived, store = pair
    _, claim = save_session(source, derived, store, "blog-check")
    assert main(["export", "--session", "blog-check", "--date", "2026-03-14"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# claimdiff review:")
    assert "- Session: blog-check" in out and "- Date of review: 2026-03-14" in out
    assert f"### {claim} · unsupported" in out
    assert "- Note: =no source says this" in out
    assert "set by the reviewer" in out or "confirmed by the reviewer" in out


def test_format_follows_the_output_ending(pair: tuple[Path, Path, SessionStore], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    source, derived, store = pair
    name, claim = save_session(source, derived, store)
    outputs = {"html": tmp_path / "r.html", "claimreview": tmp_path / "r.jsonld", "csv": tmp_path / "r.csv",
               "json": tmp_path / "r.json"}
    for fmt, path in outputs.items():
        assert main(["export", str(source), str(derived), "-o", str(path)]) == 0
        assert f"exported session {name} as {fmt} to {path}" in capsys.readouterr().err
    assert outputs["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    (review,) = json.loads(outputs["claimreview"].read_text(encoding="utf-8"))
    assert review["identifier"] == claim and review["reviewRating"]["alternateName"] == "Not supported by the source"
    assert review["author"] == {"@type": "Organization", "name": "claimdiff reviewer"}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(outputs["csv"].read_text(encoding="utf-8"), newline=""))}
    assert rows[claim]["reviewer_status"] == "unsupported" and rows[claim]["note"] == "'=no source says this"
    block = json.loads(outputs["json"].read_text(encoding="utf-8"))["review"]
    assert block["session"] == name and block["statuses"] == {claim: "unsupported"}


def test_claimreview_author_is_set_from_the_command_line(pair: tuple[Path, Path, SessionStore],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    source, derived, store = pair
    save_session(source, derived, store, "desk")
    assert main(["export", "-s", "desk", "-f", "claimreview", "--author", "Health Desk", "--author-type", "Person",
                 "--author-url", "https://desk.example"]) == 0
    (review,) = json.loads(capsys.readouterr().out)
    assert review["author"] == {"@type": "Person", "name": "Health Desk", "url": "https://desk.example"}


def test_export_only_reads_the_session(pair: tuple[Path, Path, SessionStore],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    source, derived, store = pair
    name, _ = save_session(source, derived, store)
    before = store.path(name).read_bytes()
    assert main(["export", "-s", name, "-f", "json"]) == 0
    assert store.path(name).read_bytes() == before
    capsys.readouterr()


def test_edited_document_is_noted_and_lost_verdicts_are_listed(pair: tuple[Path, Path, SessionStore],
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    source, derived, store = pair
    name, _ = save_session(source, derived, store)
    derived.write_text(DERIVED.replace("X has been shown to reduce mortality in all patients with ARDS.",
                                       "Completely different words stand here now."), encoding="utf-8")
    # The session kept the text that was reviewed: exporting it alone needs no re-attaching.
    assert main(["export", "-s", name, "--date", "2026-03-14"]) == 0
    captured = capsys.readouterr()
    assert "its content changed since the review; exporting the text that was reviewed" in captured.err
    assert "## Orphaned verdicts" not in captured.out
    # Against the edited files, named on the command line, verdicts are re-attached or orphaned.
    assert main(["export", "-s", name, str(source), str(derived), "--date", "2026-03-14"]) == 0
    captured = capsys.readouterr()
    assert "note: the derived changed since the session was saved; 1 verdict could not be placed" in captured.err
    assert "## Orphaned verdicts" in captured.out
    assert ("derived statement no longer in the document (unsupported): "
            "X has been shown to reduce mortality in all patients with ARDS.") in captured.out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export"], "name the session with --session NAME"),
        (["export", "{source}"], "give both SOURCE and DERIVED"),
        (["export", "-s", "nobody"], "no session named 'nobody'"),
        (["export", "-s", "bad/name"], "cannot name a session"),
        (["export", "{source}", "{derived}"], "no saved session for"),
    ],
)
def test_unusable_requests_get_one_line_and_status_2(argv: list[str], message: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CLAIMDIFF_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "a.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DERIVED, encoding="utf-8")
    argv = [a.format(source=tmp_path / "a.txt", derived=tmp_path / "b.txt") for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err


def test_missing_documents_hint_at_giving_them(pair: tuple[Path, Path, SessionStore],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source, derived, store = pair
    name, _ = save_session(source, derived, store)
    source.rename(source.with_name("moved.txt"))
    assert main(["export", "-s", name]) == 0  # the session kept the text that was reviewed
    err = capsys.readouterr().err
    assert "no such file; exporting the text that was reviewed, kept in the session" in err
    assert main(["export", "-s", name, str(source.with_name("moved.txt")), str(derived), "-f", "csv"]) == 0


def test_corrupt_session_is_reported_and_left_in_place(pair: tuple[Path, Path, SessionStore],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    source, derived, store = pair
    name, _ = save_session(source, derived, store)
    store.path(name).write_text("{ not json", encoding="utf-8")
    assert main(["export", "-s", name]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert store.path(name).read_text(encoding="utf-8") == "{ not json"


def test_unwritable_output_and_bad_date(pair: tuple[Path, Path, SessionStore], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    source, derived, store = pair
    name, _ = save_session(source, derived, store)
    assert main(["export", "-s", name, "-o", str(tmp_path)]) == 2
    assert "cannot write" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "-s", name, "--date", "14/03/2026"])
    assert exit_info.value.code == 2
    assert "is not a date like 2026-03-14" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "csv", "claimreview"])
def test_compare_prints_the_proposals_in_every_format(fmt: str, pair: tuple[Path, Path, SessionStore],
                                                      tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, derived, _ = pair
    out = tmp_path / f"report.{fmt}"
    assert main(["compare", str(source), str(derived), "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "reduce mortality in" in text or fmt == "claimreview"
    if fmt == "json":
        assert "review" not in json.loads(text), "no review block without a review"
    err = capsys.readouterr().err
    if fmt == "claimreview":
        assert json.loads(text) == [], "nothing is confirmed without a reviewer"
        assert err.count("\n") == 1 and "warning: ClaimReview lists only the claims a reviewer confirmed" in err
        assert "claimdiff export -s NAME -f claimreview" in err
    else:
        assert "ClaimReview" not in err
    if fmt == "markdown":
        assert "- Not reviewed: every status is claimdiff's proposal" in text


def test_export_never_overwrites_a_document(pair: tuple[Path, Path, SessionStore],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    source, derived, store = pair
    name, _ = save_session(source, derived, store)
    assert main(["export", "-s", name, "-o", str(derived)]) == 2
    assert "is one of the documents being exported" in capsys.readouterr().err
    assert derived.read_text(encoding="utf-8") == DERIVED


@pytest.mark.parametrize("fmt", ["json", "claimreview"])
def test_json_is_compact_in_a_file_and_indented_with_indent(fmt: str, pair: tuple[Path, Path, SessionStore],
                                                            tmp_path: Path) -> None:
    source, derived, _ = pair
    compact, indented = tmp_path / "compact.out", tmp_path / "indented.out"
    assert main(["compare", str(source), str(derived), "--format", fmt, "-o", str(compact)]) == 0
    assert main(["compare", str(source), str(derived), "--format", fmt, "-o", str(indented), "--indent"]) == 0
    short, long = compact.read_text(encoding="utf-8"), indented.read_text(encoding="utf-8")
    assert short.count("\n") == 1 and short.endswith("\n")
    assert json.loads(short) == json.loads(long)
    if fmt == "json":
        assert long.startswith('{\n  "format": "claimdiff-report",\n  "version": 1,\n')
        assert len(short) < 0.8 * len(long)


def test_json_on_a_terminal_is_indented_and_through_a_pipe_compact(pair: tuple[Path, Path, SessionStore]) -> None:
    import os
    import pty
    import subprocess
    import sys

    source, derived, _ = pair
    argv = [sys.executable, "-m", "tui", "compare", str(source), str(derived), "--format", "json"]
    piped = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=True).stdout
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(argv, stdout=follower, stderr=subprocess.DEVNULL)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end closed: the command is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=60) == 0
    finally:
        os.close(leader)
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert piped.count("\n") == 1
    assert shown.startswith('{\n  "format": "claimdiff-report",')
    assert json.loads(shown) == json.loads(piped)
