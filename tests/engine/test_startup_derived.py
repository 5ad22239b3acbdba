"""Tables derived from the shipped word lists, kept between runs of the program
(tui.engine.startup.derived): the same table as one made afresh, whatever the folder holds."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from tui.engine.judge import antonyms
from tui.engine.startup import derived, patterns


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The program's cache folder, as if it were installed in this process."""
    monkeypatch.setattr(patterns, "folder", lambda: tmp_path)
    return tmp_path


class Maker:
    """Makes a table and counts how often it was asked to."""

    def __init__(self, table: object) -> None:
        self.table = table
        self.made = 0

    def __call__(self) -> object:
        self.made += 1
        return self.table


def is_dict(found: object) -> bool:
    return isinstance(found, dict)


def test_a_script_makes_the_table_each_time_and_keeps_nothing(tmp_path: Path) -> None:
    assert patterns.folder() is None  # the tests' own process did not install the cache
    make = Maker({"a": frozenset({"b"})})
    assert derived.kept("table", ["list"], make, is_dict) == {"a": frozenset({"b"})}
    assert derived.kept("table", ["list"], make, is_dict) == {"a": frozenset({"b"})}
    assert make.made == 2


def test_a_table_is_made_once_and_then_read(folder: Path) -> None:
    make = Maker({"a": frozenset({"b"}), "c": frozenset()})
    first = derived.kept("table", ["list", "code"], make, is_dict)
    [path] = folder.glob("table-*.marshal")
    again = derived.kept("table", ["list", "code"], make, is_dict)
    assert first == again == make.table and make.made == 1
    assert marshal.loads(path.read_bytes()) == make.table


def test_other_inputs_make_it_again_and_the_old_table_goes(folder: Path) -> None:
    derived.kept("table", ["list"], Maker({"old": frozenset()}), is_dict)
    [old] = folder.glob("table-*.marshal")
    make = Maker({"new": frozenset()})
    assert derived.kept("table", ["list, changed"], make, is_dict) == {"new": frozenset()} and make.made == 1
    [new] = folder.glob("table-*.marshal")
    assert new != old


@pytest.mark.parametrize("content", [b"garbage", b"", marshal.dumps(["not", "a", "table"])],
                         ids=["garbage", "empty", "refused"])
def test_a_damaged_table_is_made_afresh_and_replaced(folder: Path, content: bytes) -> None:
    derived.kept("table", ["list"], Maker({"a": frozenset()}), is_dict)
    [path] = folder.glob("table-*.marshal")
    path.write_bytes(content)
    make = Maker({"a": frozenset()})
    assert derived.kept("table", ["list"], make, is_dict) == {"a": frozenset()} and make.made == 1
    assert marshal.loads(path.read_bytes()) == {"a": frozenset()}


def test_a_table_marshal_cannot_write_is_made_each_time(folder: Path) -> None:
    make = Maker({"a": object()})
    derived.kept("table", ["list"], make, is_dict)
    derived.kept("table", ["list"], make, is_dict)
    assert make.made == 2 and not list(folder.iterdir())


def test_the_kept_antonyms_are_the_ones_made_from_the_lists(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    antonyms.antonym_stems.cache_clear()
    made = antonyms.antonym_stems()
    assert made["increas"] >= {"decreas"} and "increas" in made["decreas"]
    antonyms.antonym_stems.cache_clear()

    def refuse() -> dict[str, frozenset[str]]:
        raise AssertionError("made again")

    monkeypatch.setattr(antonyms, "_made", refuse)
    try:
        assert antonyms.antonym_stems() == made
    finally:
        antonyms.antonym_stems.cache_clear()
