"""Snapshots of the review app (pytest-textual-snapshot): main screen, a divergence, help,
and a document full of markup and escapes. Fixed terminal size, no clock, no blinking.

Regenerate after a deliberate change with ``pytest tests/ui --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.conftest import ready
from tui.ui.app import make_app

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def no_blinking(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make two runs differ."""
    original = Input.on_mount if hasattr(Input, "on_mount") else None

    def still(self: Input) -> None:
        self.cursor_blink = False
        if original is not None:
            original(self)

    monkeypatch.setattr(Input, "on_mount", still)


async def _ready(pilot: Pilot[None]) -> None:
    await ready(pilot)


def test_main_screen(snap_compare, seed_files: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(*seed_files), terminal_size=SIZE, run_before=_ready)


def test_divergence_detail(snap_compare, seed_files: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(*seed_files), press=["n"], terminal_size=SIZE, run_before=_ready)


def test_help(snap_compare, seed_files: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(*seed_files), press=["question_mark"], terminal_size=SIZE, run_before=_ready)


def test_markup_and_escapes_stay_literal(snap_compare, markup_pair: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(*markup_pair), press=["b", "j", "j"], terminal_size=(80, 24),
                        run_before=_ready)
