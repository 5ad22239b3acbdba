"""The rough edges a first reviewer hit, each driven through the real app by Pilot.

Search keeps its words, one count of claims everywhere, export beside the derived document,
the export dialog starting in its format list, nothing cut off at 80×24, a legend for the
score, and ``Z`` saying when there is nothing to redo. Snapshots at 80×24 and 160×45.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets._footer import FooterKey

from tests.ui.conftest import ready
from tests.ui.test_review_app import detail_text, status_line
from tests.ui.test_snapshots import no_blinking  # noqa: F401  (autouse: a still cursor in snapshots)
from tui.engine import export
from tui.engine.model import CompareOptions, Role, Status
from tui.engine.pipeline import compare_files
from tui.engine.review import reviewable
from tui.engine.sessions.store import SessionStore
from tui.ui.app import ReviewApp, make_app
from tui.ui.screens.help_modal import HelpModal

LEGEND = (
    "score: how close the wording is, 0–100; a claim with no candidate at 12 or more has no counterpart, "
    "except in a text of 3 claims or fewer, whose claims are judged against their best, or where its best "
    "candidate gives one of its figures (100 or more, or three significant digits); the counterpart is "
    "the candidate that best says the claim, not always the highest score. "
    "confidence: the learned decision's chance that the status is right, lower against a long source; "
    "an unsupported or omitted call has none, it rests on the score alone"
)


def notices(app: ReviewApp) -> list[str]:
    return [n.message for n in app._notifications]


def screen_lines(app: ReviewApp) -> list[str]:
    """The terminal as text, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def dialog_text(app: ReviewApp) -> str:
    """What the open dialog shows inside its frame, one line of words."""
    inside = [line[line.index("█") + 1:line.rindex("█")] for line in screen_lines(app) if line.count("█") >= 2]
    return " ".join(" ".join(inside).split())


async def test_search_keeps_its_words_and_steps_both_ways(seed_files: tuple[Path, Path]) -> None:
    app = make_app(*seed_files)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"stem cell", "enter")
        first = screen.current
        assert first is not None and "stem cell" in screen.review.finding(first).statement.text.lower()
        await pilot.press("enter")  # Enter again, on the review screen: the next hit
        second = screen.current
        assert second != first and "stem cell" in screen.review.finding(second).statement.text.lower()
        await pilot.press("p")  # the previous hit
        assert screen.current == first
        await pilot.press("slash")
        assert app.screen.query_one("#search-input", Input).value == "stem cell", "the box keeps the words"
        await pilot.press("enter")  # / then Enter: the next hit
        assert screen.current == second
        await pilot.press("n")  # n stays the next divergence
        assert screen.review.status(screen.current or "").value == "divergence"


async def test_enter_before_any_search_says_how(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("enter")
        assert screen.current == "d2"
        assert "nothing searched yet: press / to find words" in notices(app)


async def test_one_count_of_claims_in_the_app_the_session_and_the_exports(
        seed_files: tuple[Path, Path], tmp_path: Path) -> None:
    comparison = compare_files(*seed_files)
    claims = len(reviewable(comparison))
    app = make_app(*seed_files)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("a")
        assert f" 1/{claims} reviewed" in status_line(screen)
        review = screen.review
        assert review.claim_count() == claims and review.reviewed_count() == 1
        markdown = export.render("markdown", review.comparison, review)
        assert f"- Reviewed: 1 of {claims} claims" in markdown
        assert f"<li>Reviewed: 1 of {claims} claims" in export.render("html", review.comparison, review)
    store = SessionStore(tmp_path)
    saved, _, _ = store.open(comparison, "counted")
    saved.accept(reviewable(comparison)[0].statement.id)
    session = store.peek("counted")
    assert (session.reviewed, session.claims) == (1, claims)
    assert claims == sum(1 for f in comparison.findings if f.status and (
        f.statement.role.value == "derived" or f.status.value == "omitted")), "each claim once"


@pytest.fixture
def pair_elsewhere(small_pair: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    return Path(shutil.copy(small_pair[0], folder)), Path(shutil.copy(small_pair[1], folder))


async def test_export_goes_beside_the_derived_document_and_says_where(
        pair_elsewhere: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started_in = tmp_path / "elsewhere"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    app = make_app(*pair_elsewhere)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        assert isinstance(app.focused, OptionList), "the dialog opens on the format list"
        await pilot.press("down")  # ↓ moves in the list: html
        assert app.screen.query_one("#export-path", Input).value == str(
            pair_elsewhere[1].parent / "small-derived-review.html")
        await pilot.press("enter", "enter")  # the format, then the name as proposed
        await pilot.pause()
        target = pair_elsewhere[1].parent / "small-derived-review.html"
        assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert f"exported html to {target}" in notices(app)
    assert list(started_in.iterdir()) == []


async def test_redo_with_nothing_to_redo_says_so(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("Z")
        assert "nothing to redo" in notices(app)
        await pilot.press("a", "z", "Z")
        assert screen.review.verdict("d2").status is not None, "a real redo still redoes"


async def test_score_legend_in_the_detail_and_the_help(seed_files: tuple[Path, Path]) -> None:
    assert CompareOptions().score_legend == LEGEND
    app = make_app(*seed_files)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("n")
        shown = " ".join(detail_text(screen).split())  # as drawn: the legend wraps over lines
        assert "· score " in shown and " ".join(LEGEND.split()) in shown
        assert "Why (confidence " in detail_text(screen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpModal)
        assert any(LEGEND in str(w.render()) for w in app.screen.query(Static))


async def test_the_detail_says_why_a_lower_score_comes_first(seed_files: tuple[Path, Path]) -> None:
    app = make_app(*seed_files)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        review = screen.review
        finding = next(f for f in review.comparison.findings if f.ranked_by)
        for _ in range(len(review.comparison.findings)):
            if screen.current == finding.statement.id:
                break
            await pilot.press("j")
        await pilot.pause()
        shown = " ".join(detail_text(screen).split())
        best = max(finding.matches, key=lambda m: m.score)
        assert f"{finding.matches[0].id} comes first though {best.id} scores {best.score:.1f}:" in shown
        assert finding.ranked_by[0] in shown


async def test_the_legend_follows_the_threshold_in_force(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair, options=CompareOptions(match_threshold=30))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert "no candidate at 30 or more has no counterpart" in " ".join(detail_text(screen).split())


@pytest.mark.parametrize("keys", [["e"], ["slash"], ["c"], ["f"], ["l"], ["question_mark"]])
async def test_dialog_titles_whole_at_80x24(keys: list[str], seed_files: tuple[Path, Path]) -> None:
    app = make_app(*seed_files)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        shown = dialog_text(app)
        labels = [" ".join(str(label.render()).split()) for label in app.screen.query(Label)]
        labels += ["claimdiff: keys"] if keys == ["question_mark"] else []
        assert labels
        for label in labels:
            assert label in shown, (label, shown)


@pytest.mark.parametrize("width", [80, 90, 100, 160])
async def test_footer_labels_whole_or_not_at_all(width: int, seed_files: tuple[Path, Path]) -> None:
    app = make_app(*seed_files)
    async with app.run_test(size=(width, 24)) as pilot:
        await ready(pilot)
        await pilot.pause(0.1)
        footer = screen_lines(app)[-1]
        keys = list(app.screen.query(FooterKey))
        shown = [key for key in keys if key.display]
        for key in shown:
            assert " ".join(str(key.render()).split()) in " ".join(footer.split()), footer
        hidden = [key for key in keys if not key.display]
        last = " ".join(str(shown[-1].render()).split()) if shown else ""
        tail = footer[footer.index(last) + len(last):].split("▏")[0] if last else footer
        assert tail.strip() == "", f"part of a label shows: {tail!r}"
        assert any("Help" in str(key.render()) for key in shown)
        if width >= 160:
            assert not hidden, "a wide terminal shows every key"


SMALL, LARGE = (80, 24), (160, 45)


async def _ready(pilot: Pilot[None]) -> None:
    await ready(pilot)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x45"])
def test_snapshot_divergence(snap_compare, seed_files: tuple[Path, Path], size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(*seed_files), press=["n"], terminal_size=size, run_before=_ready)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x45"])
def test_snapshot_search_dialog(snap_compare, seed_files: tuple[Path, Path], size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(*seed_files), press=["slash", *"MSC"], terminal_size=size, run_before=_ready)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x45"])
def test_snapshot_help(snap_compare, seed_files: tuple[Path, Path], size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(*seed_files), press=["question_mark"], terminal_size=size, run_before=_ready)


async def test_an_agreement_says_what_it_rests_on_until_another_counterpart_is_chosen(
        small_pair: tuple[Path, Path]) -> None:
    """"No divergence found" told a reviewer nothing of why an agreement holds: the detail now
    names what both statements say and what the claim adds, as the JSON report and the table do."""
    app = make_app(*small_pair)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        agreement = next(f for f in screen.review.comparison.findings
                         if f.status is Status.AGREEMENT and f.statement.role is Role.DERIVED)
        while screen.current != agreement.statement.id:
            await pilot.press("j")
        await pilot.pause()
        shown = " ".join(detail_text(screen).split())
        assert agreement.grounds.startswith("both say trial, enrolled, patients")
        assert f"• {agreement.grounds}" in shown
        assert "no divergence found" not in shown
        await pilot.press("l", *"COSTS manufacturing", "enter")  # the reviewer picks another counterpart
        await pilot.pause()
        shown = " ".join(detail_text(screen).split())
        assert screen.review.verdict(agreement.statement.id).relinked
        assert "both say" not in shown  # the grounds were of the engine's counterpart
        assert "no divergence found between the two" in shown
