"""The program's compiled patterns kept between runs (tui.engine.startup.patterns): the same
patterns and the same reports, whatever the file holds."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEEDS
from tui.engine.startup import patterns

PAIR = (SEEDS / "msc-covid-abstract.txt", SEEDS / "msc-covid-blog.txt")
FILE = "patterns-*.marshal"


def run_program(folder: Path | str, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m tui compare`` on the seed pair as JSON, its patterns cached in ``folder``."""
    return subprocess.run([sys.executable, "-m", "tui", "compare", *map(str, PAIR), "--format", "json", *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, patterns.ENV: str(folder), **(env or {})})


@pytest.fixture(scope="module")
def uncached() -> str:
    """The seed pair's report with no cache at all."""
    done = run_program("")
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_second_run_compiles_nothing_new_and_reports_the_same(tmp_path: Path, uncached: str) -> None:
    first = run_program(tmp_path)
    assert first.returncode == 0 and first.stderr == ""
    [kept] = tmp_path.glob(FILE)
    written = kept.stat().st_mtime_ns
    assert len(marshal.loads(kept.read_bytes())) > 300  # the engine's, pySBD's and the text's patterns

    second = run_program(tmp_path)
    assert second.returncode == 0 and second.stderr == ""
    assert first.stdout == second.stdout == uncached
    assert kept.stat().st_mtime_ns == written  # every pattern came from the file: nothing to write


def test_no_folder_no_file(tmp_path: Path, uncached: str) -> None:
    done = run_program("", env={"XDG_CACHE_HOME": str(tmp_path), "HOME": str(tmp_path)})
    assert done.returncode == 0 and done.stdout == uncached
    assert list(tmp_path.rglob("*")) == []


CHECK = """
import json, re, sys
from tui.engine.startup import patterns
assert patterns.install(sys.argv[1])
from tui.engine.pipeline import compare_files
compare_files(sys.argv[2], sys.argv[3])
cache = patterns._INSTALLED[0]
rebuilt = [cache.compile(p, f) == cache.sre.compile(*cache.entries[(p, f)]) for p, f in sorted(cache.used)]
cache.save()
print(json.dumps({"added": cache.added, "used": len(cache.used), "equal": all(rebuilt),
                  "env": patterns.os.environ[patterns.ENV],
                  "patched": re._compiler.compile == cache.compiled}))
"""


def check_in_a_process(folder: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", CHECK, str(folder), *map(str, PAIR)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_patterns_rebuilt_from_the_file_equal_compiled_ones(tmp_path: Path) -> None:
    first = check_in_a_process(tmp_path)
    assert first["added"] and first["equal"] and first["patched"]
    assert first["env"] == str(tmp_path)  # the processes it starts find the same folder
    second = check_in_a_process(tmp_path)
    # every pattern came from the file, and each equals the pattern compiled afresh
    # (CPython's patterns are equal only when their opcodes are)
    assert not second["added"] and second["equal"] and second["used"] == first["used"] > 300


def bogus_entry() -> bytes:
    """A file whose arguments for a pattern the segmenter compiles are opcodes ``_sre`` refuses."""
    from tui.engine.segment import sentences

    pattern = sentences._MARK.pattern
    return marshal.dumps({(pattern, 0): (pattern, int(re.UNICODE), [999_999, 1, 2], 0, {}, (None,))})


@pytest.mark.parametrize("content", [
    b"not a marshal file at all",
    b"",
    marshal.dumps({("x", 0): ("x", 32, [1, 2, 3], 0, {}, (None,))})[:-7],  # cut short
    marshal.dumps(["a list", "not a dict"]),
    marshal.dumps({"a key": "that is no pattern"}),
    "bogus",
], ids=["garbage", "empty", "truncated", "list", "odd-entries", "refused-opcodes"])
def test_a_damaged_file_is_compiled_afresh_and_replaced(tmp_path: Path, uncached: str, content: bytes | str) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    first = run_program(folder)  # only for the file's name
    [kept] = folder.glob(FILE)
    kept.write_bytes(bogus_entry() if content == "bogus" else content)  # type: ignore[arg-type]

    done = run_program(folder)
    assert done.returncode == 0 and done.stderr == "" and done.stdout == first.stdout == uncached
    entries = marshal.loads(kept.read_bytes())  # written whole again
    assert isinstance(entries, dict) and len(entries) > 300
    import _sre

    for arguments in entries.values():
        _sre.compile(*arguments)  # every entry is one that _sre takes


def test_a_folder_that_cannot_be_made_only_loses_the_cache(tmp_path: Path, uncached: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = run_program(blocker / "cache")
    assert done.returncode == 0 and done.stderr == "" and done.stdout == uncached


def test_a_folder_under_an_unknown_home_only_loses_the_cache(uncached: str) -> None:
    done = run_program("~no-such-user-here/cache")
    assert done.returncode == 0 and done.stderr == "" and done.stdout == uncached


def test_a_file_that_cannot_be_replaced_leaves_nothing_behind(tmp_path: Path, uncached: str) -> None:
    assert run_program(tmp_path / "scratch").returncode == 0
    [name] = [p.name for p in (tmp_path / "scratch").glob(FILE)]
    folder = tmp_path / "cache"
    (folder / name).mkdir(parents=True)  # a folder where the file should be
    done = run_program(folder)
    assert done.returncode == 0 and done.stderr == "" and done.stdout == uncached
    assert [p.name for p in folder.glob("patterns*")] == [name]  # the file written aside was removed


def test_a_script_keeps_re_as_it_was(tmp_path: Path) -> None:
    from tui.cli import main

    before = re._compiler.compile  # type: ignore[attr-defined]
    assert main(["compare", *map(str, PAIR), "--format", "json", "-o", str(tmp_path / "r.json")]) == 0
    assert re._compiler.compile is before  # type: ignore[attr-defined]
    assert not patterns._INSTALLED


class FakeSre:
    """Stands for ``_sre``: a pattern is the arguments it was built from."""

    MAGIC = 1

    def compile(self, *arguments: Any) -> tuple[Any, ...]:
        return arguments


def test_the_file_keeps_this_runs_patterns_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "patterns.marshal"
    path.write_bytes(marshal.dumps({(f"old{i}", 0): (f"old{i}", 32, [i], 0, {}, (None,)) for i in range(6)}))
    monkeypatch.setattr(patterns, "MOST", 4)

    def real(pattern: str, flags: int) -> Any:  # what re._compiler.compile does: parse, then _sre.compile
        return recorder.compile(pattern, flags | 32, [len(pattern)], 0, {}, (None,))

    cache = patterns._Cache(path, real, FakeSre())
    recorder = patterns._Recorder(cache)
    assert cache.compiled("new", 0) == ("new", 32, [3], 0, {}, (None,))
    assert cache.compiled("old3", 0) == ("old3", 32, [3], 0, {}, (None,))  # from the file
    cache.save()
    kept = marshal.loads(path.read_bytes())
    assert len(kept) == 4 and {("new", 0), ("old3", 0)} <= kept.keys()
    assert kept[("new", 0)] == ("new", 32, [3], 0, {}, (None,))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="elsewhere user_cache() is platformdirs' own")
@pytest.mark.parametrize("xdg", [None, "", "relative/cache", "/somewhere/cache", "/somewhere/cache/"])
@pytest.mark.parametrize("home", ["/home/reader", "/home/reader/"])
def test_the_cache_folder_is_the_one_platformdirs_names(xdg: str | None, home: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert patterns.user_cache() == platformdirs.user_cache_path("claimdiff", appauthor=False)


def test_the_program_starts_without_platformdirs(tmp_path: Path) -> None:
    script = ("import sys\nfrom tui.cli import main\n"
              "main(['compare', *sys.argv[1:3], '-f', 'json', '-o', '/dev/null'])\n"
              "print('platformdirs' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k not in (patterns.ENV, "CLAIMDIFF_DATA_DIR")}
    pair = [str(SEEDS / "msc-covid-abstract.txt"), str(SEEDS / "msc-covid-blog.txt")]
    done = subprocess.run([sys.executable, "-c", script, *pair], capture_output=True,
                          text=True, cwd=ROOT, env={**env, "XDG_CACHE_HOME": str(tmp_path)}, timeout=120, check=True)
    assert done.stdout == "False\n"  # neither for the pattern cache nor for /dev/null, a device


def test_the_folder_is_named_for_processes_started_before_the_cache_is_read(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    monkeypatch.delenv(patterns.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    patterns.name_folder()
    assert os.environ[patterns.ENV] == str(tmp_path / "claimdiff") == str(patterns.user_cache())
    for named in ("", str(tmp_path / "elsewhere")):  # none, or one of the user's: kept as it is
        monkeypatch.setenv(patterns.ENV, named)
        patterns.name_folder()
        assert os.environ[patterns.ENV] == named
