"""The real app on a disk that fills up mid-review, and an export aimed at an input.

The full-disk test mounts a small tmpfs (root only; skipped otherwise, with the reason) so
the writes fail the way they do on a real disk (ENOSPC from ``write``), drives the app with
Pilot, and unmounts in a ``finally``.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.ui.test_resume import DERIVED, SIZE, build, reviewing, write_pair
from tui.engine.sessions.session import from_dict
from tui.engine.sessions.store import SessionStore
from tui.ui.screens.confirm_modal import ConfirmModal
from tui.ui.screens.review_screen import ReviewScreen


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 96 KB tmpfs mounted under ``tmp_path``, unmounted afterwards whatever happens."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(folder)], check=False, capture_output=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Write a file until the disk is full; returns it (delete it to free the space)."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def status(screen: ReviewScreen) -> str:
    return str(screen.query_one("#status-line", Static).content)


async def test_a_full_disk_is_shown_and_no_verdict_is_lost_once_space_is_freed(tmp_path: Path, small_disk: Path) -> None:
    src, der = write_pair(tmp_path / "docs", DERIVED)
    store = SessionStore(small_disk / "sessions")
    app = build(store, src, der, [])
    async with app.run_test(size=SIZE) as pilot:
        screen = await reviewing(app, pilot)
        assert "not saved" not in status(screen)
        filler = fill(small_disk)
        await pilot.press("2", "3")
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one(Input).value = "the 40 percent is not in the abstract"
        await pilot.press("enter")
        await pilot.pause()
        line = status(screen)
        assert "not saved: disk full — your last 3 changes are kept in memory; free space or press ctrl+s to retry" in line
        assert screen.query_one("#status-line").has_class("-unsaved")
        # Quitting now asks first; "n" keeps the app running.
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        filler.unlink()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not saved" not in status(screen) and not screen.query_one("#status-line").has_class("-unsaved")
        review = app.review
        assert review is not None and len(review.verdicts) == 3
        on_disk = from_dict(json.loads(store.path(store.names()[0]).read_text(encoding="utf-8")))
        assert {e.anchor.id: e.verdict for e in on_disk.entries} == review.verdicts
        await pilot.press("q")  # saved again: no question
        await pilot.pause()
    assert not app.is_running


async def test_an_app_export_aimed_at_an_input_is_refused_and_the_input_unchanged(tmp_path: Path) -> None:
    src, der = write_pair(tmp_path / "docs", DERIVED)
    before = der.read_bytes()
    store = SessionStore(tmp_path / "sessions")
    app = build(store, src, der, [])
    async with app.run_test(size=SIZE) as pilot:
        await reviewing(app, pilot)
        for target in (der, tmp_path / "link-to-source.md", store.path(store.names()[0])):
            if target.name == "link-to-source.md":
                target.symlink_to(src)
            await pilot.press("e", "enter")  # the format list first, then on to the name
            await pilot.pause()
            app.screen.query_one("#export-path", Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any(m.startswith(f"not exported: {target}: ") for m in messages), messages
    assert der.read_bytes() == before and src.read_text(encoding="utf-8").startswith("We randomly")
    assert json.loads(store.path(store.names()[0]).read_text(encoding="utf-8"))["format"] == "claimdiff-session"
