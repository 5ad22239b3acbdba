"""The real app through a review, quit, and reopen: verdicts, note and position come back.

Drives ``make_app`` with the session store's ``open_review`` exactly as ``claimdiff review``
does, at a real terminal size, on real files and a session folder under ``tmp_path``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tui.engine.model import Comparison, Document, Status
from tui.engine.review import Review
from tui.engine.sessions.store import SessionStore
from tui.ui.app import ReviewApp, make_app
from tui.ui.screens.review_screen import ReviewScreen

SIZE = (100, 30)
SOURCE = [
    "We randomly assigned 120 adults with moderate asthma to the inhaler or to placebo.",
    "Severe attacks fell from 30 to 18 per 100 patient-years in the inhaler group.",
    "Lung function did not differ between the groups after twelve months of follow-up.",
    "Headache was reported by 9 percent of patients taking the inhaler.",
]
DERIVED = [
    "A new inhaler cuts severe asthma attacks by 40 percent, a trial shows.",
    "Researchers followed 120 adults for a whole year in the study.",
    "The inhaler also improved lung function, according to the team.",
    "Side effects were rare and mild, with a few headaches reported.",
    "Parents can soon ask their doctor about the inhaler for their children.",
]


def write_pair(folder: Path, derived: list[str]) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    src, der = folder / "abstract.txt", folder / "blog.txt"
    src.write_text("\n\n".join(SOURCE) + "\n", encoding="utf-8")
    der.write_text("\n\n".join(derived) + "\n", encoding="utf-8")
    return src, der


def build(store: SessionStore, src: Path, der: Path, notices: list[str | None]) -> ReviewApp:
    """The app as ``claimdiff review`` builds it, recording the notice it is given."""
    name = store.resolve_name(src, der)
    opener = store.opener(name)

    def open_review(comparison: Comparison) -> tuple[Review, str | None]:
        review, notice = opener(comparison)
        notices.append(notice)
        return review, notice

    return make_app(src, der, options=store.saved_options(name), open_review=open_review)


async def reviewing(app: ReviewApp, pilot: Pilot[None]) -> ReviewScreen:
    """Wait for the comparison worker and the review screen."""
    for _ in range(200):
        if isinstance(app.screen, ReviewScreen) and app.review is not None:
            await pilot.pause()
            return app.screen
        await pilot.pause(0.05)
    raise AssertionError(f"the review never opened (screen: {app.screen!r}, failure: {app.failure!r})")


def status_line(screen: ReviewScreen) -> str:
    return str(screen.query_one("#status-line", Static).content)


async def test_review_quit_and_reopen_brings_back_verdicts_note_and_position(tmp_path: Path) -> None:
    src, der = write_pair(tmp_path / "docs", DERIVED)
    store = SessionStore(tmp_path / "sessions")
    notices: list[str | None] = []

    app = build(store, src, der, notices)
    async with app.run_test(size=SIZE) as pilot:
        screen = await reviewing(app, pilot)
        first = screen.current
        await pilot.press("2")  # divergence, then the list advances
        second = screen.current
        await pilot.press("1")  # agreement
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"40% is not in the abstract", "enter")
        await pilot.pause()
        await pilot.press("j")
        assert app.review is not None
        review = app.review
        verdicts, position = dict(review.verdicts), review.cursor
        await pilot.press("q")
    assert app.return_code in (0, None)
    assert first and second and first != second and position not in (None, first, second)
    assert review.verdict(first).status is not None and review.verdict(second).status is not None
    noted = [sid for sid, v in verdicts.items() if v.note == "40% is not in the abstract"]
    assert len(noted) == 1
    assert notices == [f"new session {store.resolve_name(src, der)}"]
    saved = json.loads(store.path(store.resolve_name(src, der)).read_text(encoding="utf-8"))
    assert saved["cursor"]["id"] == position

    again = build(store, src, der, notices)
    async with again.run_test(size=SIZE) as pilot:
        screen = await reviewing(again, pilot)
        assert again.review is not None
        assert again.review.verdicts == verdicts
        assert screen.current == position  # back on the statement we left
        reviewed = sum(1 for v in verdicts.values() if v.status is not None)
        assert f"{reviewed}/" in status_line(screen)
        await pilot.press("q")
    assert notices[-1] == f"resumed session {store.resolve_name(src, der)}: {len(verdicts)} verdicts"


async def test_reopening_after_the_blog_was_edited_re_attaches_and_says_so(tmp_path: Path) -> None:
    src, der = write_pair(tmp_path / "docs", DERIVED)
    store = SessionStore(tmp_path / "sessions")
    notices: list[str | None] = []

    app = build(store, src, der, notices)
    async with app.run_test(size=SIZE) as pilot:
        screen = await reviewing(app, pilot)
        for _ in range(len(DERIVED) + len(SOURCE)):
            sid = screen.current
            assert app.review is not None and sid is not None
            if app.review.finding(sid).status is not None and not app.review.is_reviewed(sid):
                await pilot.press("2")
            else:
                await pilot.press("j")
        await pilot.press("q")
    assert app.review is not None
    before = {app.review.finding(s).statement.text: v for s, v in app.review.verdicts.items()}
    assert before[DERIVED[0]].status is Status.DIVERGENCE

    edited = ["Asthma is common.", DERIVED[0].replace("40", "45"), *DERIVED[1:3], *DERIVED[4:]]
    write_pair(tmp_path / "docs", edited)
    again = build(store, src, der, notices)
    async with again.run_test(size=SIZE) as pilot:
        await reviewing(again, pilot)
        review = again.review
        assert review is not None
        after = {review.finding(s).statement.text: v for s, v in review.verdicts.items()}
        assert after[edited[1]] == before[DERIVED[0]]  # the changed number kept its verdict
        assert [o.text for o in review.orphans] == [DERIVED[3]]
        status = str(again.screen.query_one("#status-line").render())
        assert "1 orphaned" in status  # orphaned verdicts stay visible in the app
        await pilot.press("q")
    assert notices[-1] is not None and notices[-1].endswith("1 changed, 1 orphaned")
    assert "re-attached after edits" in notices[-1]


class FakeApp:
    """Stands in for the app in ``claimdiff review``: compares and opens the review at once."""

    def __init__(self, source: Document, derived: Document, *, options: object, open_review: object) -> None:
        self.source, self.derived, self.options, self.open_review = source, derived, options, open_review
        self.failure: str | None = None
        self.return_code = 0
        self.notice: str | None = None
        self.review: Review | None = None

    def run(self) -> None:
        from tui.engine.pipeline import compare

        self.review, self.notice = self.open_review(compare(self.source, self.derived, self.options))


async def test_the_review_command_passes_the_session_and_resumes_its_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.ui.app
    from tui.cli import main
    from tui.engine.model import CompareOptions

    apps: list[FakeApp] = []
    monkeypatch.setattr(tui.ui.app, "make_app", lambda *a, **k: apps.append(FakeApp(*a, **k)) or apps[-1])
    monkeypatch.setenv("CLAIMDIFF_DATA_DIR", str(tmp_path / "data"))
    src, der = (str(p) for p in write_pair(tmp_path / "docs", DERIVED))
    store = SessionStore()

    assert main(["review", src, der, "--max-size", "5"]) == 0
    name = store.resolve_name(src, der)
    assert apps[-1].notice == f"new session {name}" and apps[-1].options == CompareOptions(max_bytes=5_000_000)
    assert apps[-1].review is not None
    apps[-1].review.set_note(apps[-1].review.comparison.findings[0].statement.id, "kept")

    assert main([src, der]) == 0  # nothing asked: the saved options come back with the verdicts
    assert apps[-1].options == CompareOptions(max_bytes=5_000_000)
    assert apps[-1].notice == f"resumed session {name}: 1 verdict"

    assert main([src, der, "--new"]) == 0
    assert apps[-1].notice == f"new session {name}-2"
    assert main([src, der]) == 0  # the pair now resumes its latest session
    assert apps[-1].notice == f"resumed session {name}-2: 0 verdicts"
    assert main([src, der, "--session", name]) == 0
    assert apps[-1].notice == f"resumed session {name}: 1 verdict"
    assert main([src, der, "--session", "trial-a"]) == 0
    assert apps[-1].notice == "new session trial-a"
    assert sorted(store.names()) == sorted([name, f"{name}-2", "trial-a"])


def test_a_bad_session_name_is_one_line_before_the_app_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    monkeypatch.setenv("CLAIMDIFF_DATA_DIR", str(tmp_path / "data"))
    src, der = (str(p) for p in write_pair(tmp_path / "docs", DERIVED))
    assert main([src, der, "--session", "../x"]) == 2
    assert capsys.readouterr().err.startswith("claimdiff: '../x' cannot name a session")
