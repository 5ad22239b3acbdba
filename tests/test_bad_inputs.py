"""The bad-input catalogue: odd files, odd arguments, damaged sessions, hostile outputs.

Each case is named, runs the real command line in this process (a thirty-second alarm turns a
hang into a failure), and states the one line it must end with and the exit status. None may
hang, print a traceback, or write where it must not. Issue 14 found most of these; the cases
are variants of its reports, not copies.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.cli import main
from tui.engine.model import Status
from tui.engine.pipeline import compare_files
from tui.engine.sessions.session import SCHEMA_VERSION
from tui.engine.sessions.store import ENV, SessionStore

SOURCE = "Coffee may lower the risk of stroke in older adults.\nThe trial enrolled 400 people.\n"
DERIVED = "Coffee prevents stroke.\nThe trial enrolled 400 people.\n"


class Hung(Exception):
    """Raised by the alarm: the command did not end in time (not an OSError, so the command
    line's handler does not turn it into a message)."""


@pytest.fixture(autouse=True)
def alarm() -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise Hung

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@dataclass
class Place:
    """A folder with a good pair in it and a sessions folder beside it."""

    root: Path
    source: Path
    derived: Path
    data: Path

    @property
    def sessions(self) -> Path:
        return self.data / "sessions"

    def file(self, name: str, content: str | bytes) -> str:
        path = self.root / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return str(path)

    def session(self, name: str = "s") -> Path:
        """A real session of the pair, with one verdict; returns its file."""
        store = SessionStore(self.sessions)
        comparison = compare_files(self.source, self.derived)
        review, _, autosave = store.open(comparison, name)
        claim = next(f.statement.id for f in comparison.findings if f.status)
        review.set_status(claim, Status.DIVERGENCE)
        autosave.stop()
        return store.path(name)

    def damaged(self, name: str, change: Callable[[dict], object]) -> Path:
        """A session whose JSON ``change`` edited (it may return new raw text)."""
        path = self.session(name)
        data = json.loads(path.read_text(encoding="utf-8"))
        raw = change(data)
        path.write_text(raw if isinstance(raw, str) else json.dumps(data), encoding="utf-8")
        return path

    def fifo(self, name: str) -> str:
        path = self.root / name
        os.mkfifo(path)
        return str(path)


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Place:
    monkeypatch.setenv(ENV, str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    source, derived = tmp_path / "source.txt", tmp_path / "derived.txt"
    source.write_text(SOURCE, encoding="utf-8")
    derived.write_text(DERIVED, encoding="utf-8")
    return Place(tmp_path, source, derived, tmp_path / "data")


def compare(p: Place, *extra: str, source: str | None = None, derived: str | None = None) -> list[str]:
    return ["compare", source or str(p.source), derived or str(p.derived), *extra]


def long_name(p: Place) -> str:
    return str(p.root / ("n" * 300 + ".txt"))


def unix_socket(p: Place) -> str:
    path = p.root / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    p.__dict__.setdefault("keep", []).append(server)
    return str(path)


def deep(data: dict) -> str:
    return json.dumps(data)[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}"


def huge_int(data: dict) -> str:
    return json.dumps(data).replace('"reviewed": ', '"reviewed": ' + "9" * 5000 + " + 0 * ", 1).replace(" + 0 * ", "")


# (id, argv maker, the one line stderr must end with (a regex), exit status)
CASES: list[tuple[str, Callable[[Place], list[str]], str, int]] = [
    # -- documents that are not regular text files --------------------------------------------
    ("missing source", lambda p: compare(p, source=str(p.root / "nope.txt")), r"nope\.txt: no such file", 2),
    ("a directory", lambda p: compare(p, derived=str(p.root)), r": is a directory, not a text file", 2),
    # a named pipe is read like standard input (a shell's <(command) is one); nobody writes to these
    ("a FIFO as source", lambda p: compare(p, source=p.fifo("pipe")), r"pipe: empty \(nothing but white space came in\)$", 2),
    ("a FIFO as derived", lambda p: compare(p, derived=p.fifo("pipe2")), r"pipe2: empty \(nothing but white space", 2),
    ("a FIFO in review", lambda p: ["review", str(p.source), p.fifo("pipe3")], r"pipe3: empty \(nothing", 2),
    ("/dev/zero", lambda p: compare(p, derived="/dev/zero"), r"/dev/zero: is a character device, not a file", 2),
    ("/dev/null", lambda p: compare(p, source="/dev/null"), r"/dev/null: is a character device", 2),
    ("a socket", lambda p: compare(p, derived=unix_socket(p)), r"sock: is a socket, not a file", 2),
    ("a link to nothing", lambda p: (os.symlink(p.root / "gone", p.root / "link"), compare(
        p, derived=str(p.root / "link")))[1], r"link: no such file", 2),
    ("a link to a FIFO", lambda p: (os.symlink(p.fifo("pipe4"), p.root / "l4"), compare(
        p, derived=str(p.root / "l4")))[1], r"l4: empty \(nothing but white space came in\)$", 2),
    ("binary", lambda p: compare(p, derived=p.file("b.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))),
     r"looks like a binary file", 2),
    ("empty", lambda p: compare(p, derived=p.file("e.txt", b"")), r"e\.txt: the file is empty", 2),
    ("only white space", lambda p: compare(p, derived=p.file("w.txt", " \n\t ")), r"the file is empty", 2),
    ("over the size limit", lambda p: compare(p, "--max-size", "0.00001"),
     r"MB is over the 1e-05 MB limit \(raise it with --max-size\)", 2),
    ("the same file twice", lambda p: compare(p, derived=str(p.source)), r"is the same file as the source", 2),
    ("the same file through a link", lambda p: (os.symlink(p.source, p.root / "again"), compare(
        p, derived=str(p.root / "again")))[1], r"is the same file as the source", 2),
    ("a file name over 255 bytes", lambda p: compare(p, derived=long_name(p)), r"File name too long", 2),
    # -- argument values ------------------------------------------------------------------------
    ("--max-size inf", lambda p: compare(p, "--max-size", "inf"), r"'inf' is not a size in MB above 0", 2),
    ("--max-size nan", lambda p: compare(p, "--max-size", "nan"), r"'nan' is not a size in MB above 0", 2),
    ("--max-size 1e400", lambda p: compare(p, "--max-size", "1e400"), r"'1e400' is not a size in MB", 2),
    ("--max-size -3", lambda p: compare(p, "--max-size=-3"), r"'-3' is not a size in MB above 0", 2),
    ("--max-size 0", lambda p: compare(p, "--max-size", "0"), r"'0' is not a size in MB above 0", 2),
    ("--max-size words", lambda p: compare(p, "--max-size", "ten"), r"'ten' is not a size in MB", 2),
    # -- outputs that would destroy something -----------------------------------------------------
    ("-o the derived file", lambda p: compare(p, "-o", str(p.derived)), r"is one of the documents being", 2),
    ("-o a link to the source", lambda p: (os.symlink(p.source, p.root / "out.md"), compare(
        p, "-o", str(p.root / "out.md")))[1], r"is one of the documents being", 2),
    ("-o a hard link to the source", lambda p: (os.link(p.source, p.root / "hard.md"), compare(
        p, "-o", str(p.root / "hard.md")))[1], r"is one of the documents being", 2),
    ("export -o its own session file", lambda p: ["export", "-s", "s", "-o", str(p.session("s"))],
     r"is in the sessions folder", 2),
    ("export -o another session file", lambda p: (p.session("t"), ["export", "-s", "s", "-o", str(p.session("s"))])[1],
     r"is in the sessions folder", 2),
    ("export -o a link to a session", lambda p: (os.symlink(p.session("s"), p.root / "r.json"), [
        "export", "-s", "s", "-o", str(p.root / "r.json")])[1], r"is in the sessions folder", 2),
    ("compare -o into the sessions folder", lambda p: (p.session("s"), compare(p, "-o", str(p.sessions / "x.md")))[1],
     r"is in the sessions folder", 2),
    ("-o a name over 255 bytes", lambda p: compare(p, "-o", long_name(p)), r"File name too long", 2),
    ("-o on a full device", lambda p: compare(p, "--format", "json", "-o", "/dev/full"),
     r"/dev/full: cannot write \(No space left on device\)", 2),
    ("-o in a missing folder", lambda p: compare(p, "-o", str(p.root / "no" / "r.md")), r"No such file or directory", 2),
    ("-o a directory", lambda p: compare(p, "-o", str(p.root)), r"Is a directory|is one of", 2),
    # -- damaged sessions ---------------------------------------------------------------------------
    ("session updated 1e999", lambda p: (p.damaged("s", lambda d: json.dumps(d).replace(
        f'"updated": {d["updated"]}', '"updated": 1e999')), ["export", "-s", "s"])[1], r"session s: malformed session \(1e999 is out of range\)", 2),
    ("session NaN", lambda p: (p.damaged("s", lambda d: json.dumps(d).replace(
        f'"created": {d["created"]}', '"created": NaN')), ["export", "-s", "s"])[1], r"session s: malformed session \(NaN is not a number", 2),
    ("session 5000-digit integer", lambda p: (p.damaged("s", huge_int), ["export", "-s", "s"])[1],
     r"session s: malformed session \(an integer of more than 30 digits\)", 2),
    ("session nested 100000 deep", lambda p: (p.damaged("s", deep), ["export", "-s", "s"])[1],
     r"session s: is nested too deep to be a session", 2),
    ("session null statement", lambda p: (p.damaged("s", lambda d: d["statements"].append(None)), [
        "export", "-s", "s"])[1], r"session s: malformed session \(a statement entry is not an object\)", 2),
    ("session max_candidates 2.5", lambda p: (p.damaged("s", lambda d: d["options"].update(max_candidates=2.5)), [
        "export", "-s", "s"])[1], r"option 'max_candidates' should be an integer from 1 to 1000, not 2\.5", 2),
    ("session negative threshold", lambda p: (p.damaged("s", lambda d: d["options"].update(match_threshold=-5)), [
        "export", "-s", "s"])[1], r"option 'match_threshold' should be a number from 0 to 100", 2),
    ("session from a newer claimdiff", lambda p: (p.damaged("s", lambda d: d.update(schema_version=SCHEMA_VERSION + 1)),
                                                  ["export", "-s", "s"])[1], r"written by a newer claimdiff", 2),
    ("session not JSON", lambda p: (p.session("s").write_bytes(b"{\"format\": "), ["export", "-s", "s"])[1],
     r"session s: is not valid JSON \(corrupt or truncated\)", 2),
    ("session a FIFO", lambda p: (p.sessions.mkdir(parents=True), os.mkfifo(p.sessions / "f.json"),
                                  ["export", "-s", "f"])[2], r"session f: is a named pipe \(FIFO\), not a file", 2),
    ("session a link to nothing", lambda p: (p.sessions.mkdir(parents=True), os.symlink(
        p.root / "gone.json", p.sessions / "g.json"), ["export", "-s", "g"])[2], r"session g: is a link to nothing", 2),
    ("session document a FIFO", lambda p: (p.damaged("s", lambda d: (d["documents"]["source"].update(
        path=p.fifo("docpipe")), d["documents"]["source"].pop("text_zlib"))), ["export", "-s", "s"])[1],
     r"the session's source document .*docpipe: is a named pipe \(FIFO\), not a file, and the session keeps no copy", 2),
    ("session pointing at /etc/passwd", lambda p: (p.damaged("s", lambda d: (d["documents"]["derived"].update(
        path="/etc/passwd"), d["documents"]["derived"].pop("text_zlib"))), ["export", "-s", "s"])[1],
     r"document /etc/passwd: its content changed since the review, and the session keeps no copy", 2),
    ("an unknown session", lambda p: ["export", "-s", "nobody"], r"no session named 'nobody'", 2),
    ("a session name with a slash", lambda p: ["export", "-s", "../etc"], r"'\.\./etc' cannot name a session", 2),
    ("sessions rm an unknown one", lambda p: ["sessions", "rm", "ghost"], r"no session named 'ghost'", 2),
    ("export with SOURCE only", lambda p: ["export", str(p.source)], r"give both SOURCE and DERIVED", 2),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_bad_input_ends_in_one_line(case: tuple, place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    _, make, expected, status = case
    argv = make(place)
    before = {path: path.read_bytes() for path in (place.source, place.derived)}
    sessions = {p: p.read_bytes() for p in place.sessions.glob("*.json") if p.is_file()} if place.sessions.is_dir() else {}
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's own errors
        code = exit_.code
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    assert lines and re.search(expected, lines[-1]), err
    assert code == status
    assert {path: path.read_bytes() for path in before} == before  # no input was overwritten
    for path, raw in sessions.items():  # nor any session file
        assert not path.exists() or path.read_bytes() == raw


def test_the_catalogue_is_at_least_forty_cases() -> None:
    assert len(CASES) >= 40 and len({c[0] for c in CASES}) == len(CASES)


# -- the one top-level handler, and standard output ------------------------------------------

def _cli(place: Place, *args: str, stdout: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], stdout=stdout if stdout is not None else subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=60, check=False,
                          env={**os.environ, ENV: str(place.data)})


def test_json_to_a_full_standard_output_is_one_line_and_status_2(place: Place) -> None:
    with open("/dev/full", "w") as full:
        done = _cli(place, "compare", str(place.source), str(place.derived), "--format", "json", stdout=full.fileno())
    assert done.stderr == "claimdiff: No space left on device\n" and done.returncode == 2


def test_a_closed_pipe_is_silent_and_keeps_the_exit_status(place: Place) -> None:
    argv = [sys.executable, "-m", "tui", "compare", str(place.source), str(place.derived), "--format", "json"]
    for gate, status in ((["--fail-on", "divergence"], 1), ([], 0)):
        reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        done = subprocess.run([*argv, *gate], stdout=reader.stdin, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                              timeout=60, check=False)
        reader.stdin.close()  # type: ignore[union-attr]
        reader.wait()
        assert "Traceback" not in done.stderr and "Broken pipe" not in done.stderr
        assert done.returncode == status


@pytest.mark.parametrize(("code", "words"), [(errno.EACCES, "Permission denied"), (errno.EROFS, "Read-only file system"),
                                             (errno.ENOSPC, "No space left on device"),
                                             (errno.ENAMETOOLONG, "File name too long")])
def test_the_top_level_handler_turns_any_os_error_into_one_line(
    place: Place, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code: int, words: str
) -> None:
    from tui.commands import sessions

    def fail(args: object, store: object = None) -> int:
        raise OSError(code, os.strerror(code), "/some/where")

    monkeypatch.setattr(sessions, "run", fail)
    assert main(["sessions"]) == 2
    assert capsys.readouterr().err == f"claimdiff: /some/where: {words}\n"


def test_an_output_on_a_read_only_file_system_is_one_line(place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a read-only tmpfs needs root")
    folder = place.root / "ro"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], check=False,
                      capture_output=True).returncode:
        pytest.skip("mount -t tmpfs is not allowed here")
    try:
        assert main(compare(place, "-o", str(folder / "r.md"))) == 2
        assert capsys.readouterr().err == f"claimdiff: {folder / 'r.md'}: cannot write (Read-only file system)\n"
    finally:
        subprocess.run(["umount", str(folder)], check=False)
