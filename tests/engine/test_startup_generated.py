"""The code dataclasses generate, kept between runs of the program (tui.engine.startup.generated):
the same classes, whatever the file holds, and nothing compiled again."""

from __future__ import annotations

import dataclasses
import marshal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.engine.test_startup_patterns import run_program
from tui.engine.startup import generated

FILE = "dataclasses-*.marshal"


def make_class() -> type:
    """A frozen dataclass with slots, a default and a return annotation on its ``__init__``."""

    @dataclasses.dataclass(frozen=True, slots=True)
    class Point:
        x: int
        y: float = 1.5
        tags: tuple[str, ...] = ()

    return Point


def with_cache(path: Path, monkeypatch: pytest.MonkeyPatch) -> generated._Code:
    cache = generated._Code(path)
    monkeypatch.setattr(dataclasses, "exec", cache.exec, raising=False)
    return cache


def check(point_class: type) -> None:
    point = point_class(2)
    assert (point.x, point.y, point.tags) == (2, 1.5, ())
    assert repr(point) == "make_class.<locals>.Point(x=2, y=1.5, tags=())"
    assert point == point_class(2, 1.5) and point != point_class(3)
    assert hash(point) == hash(point_class(2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 5
    # compiled without this module's ``from __future__ import annotations``, as exec compiles it
    assert point_class.__init__.__annotations__["return"] is None


def test_classes_made_from_the_kept_code_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kept.marshal"
    first = with_cache(path, monkeypatch)
    check(make_class())
    first.save()
    kept = marshal.loads(path.read_bytes())
    assert len(kept) >= 5 and any(" def __init__(self,x:" in source for source in kept)

    second = with_cache(path, monkeypatch)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(generated, "compile", refuse, raising=False)
    check(make_class())
    assert not second.added
    written = path.stat().st_mtime_ns
    second.save()
    assert path.stat().st_mtime_ns == written  # nothing new: not written


@pytest.mark.parametrize("content", [b"garbage", b"", marshal.dumps(["a list"]), marshal.dumps({"text": "no code"}),
                                     marshal.dumps({1: compile("x = 1", "<string>", "exec")})],
                         ids=["garbage", "empty", "list", "not-code", "not-text"])
def test_a_damaged_file_is_compiled_afresh_and_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        content: bytes) -> None:
    path = tmp_path / "kept.marshal"
    path.write_bytes(content)
    cache = with_cache(path, monkeypatch)
    check(make_class())
    cache.save()
    kept = marshal.loads(path.read_bytes())
    assert kept and all(type(source) is str and type(code) is type(check.__code__) for source, code in kept.items())


def test_the_program_writes_it_once_and_reports_the_same(tmp_path: Path) -> None:
    first = run_program(tmp_path)
    assert first.returncode == 0 and first.stderr == ""
    [kept] = tmp_path.glob(FILE)
    written = kept.stat().st_mtime_ns
    assert len(marshal.loads(kept.read_bytes())) > 100  # the engine's classes' methods
    second = run_program(tmp_path)
    assert second.returncode == 0 and second.stderr == "" and second.stdout == first.stdout
    assert kept.stat().st_mtime_ns == written  # every class's code came from the file


def test_a_script_keeps_dataclasses_as_they_were(tmp_path: Path) -> None:
    script = ("import dataclasses, sys\nfrom tui.cli import main\n"
              "main(['compare', *sys.argv[1:3], '-f', 'json', '-o', '/dev/null'])\n"
              "print('exec' in vars(dataclasses))")
    pair = [str(ROOT / "seeds" / name) for name in ("msc-covid-abstract.txt", "msc-covid-blog.txt")]
    done = subprocess.run([sys.executable, "-c", script, *pair], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "False"
