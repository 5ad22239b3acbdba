"""Relinking (``l``) offers every statement of the other text, filtered as you type.

The real app on real files: the engine's candidates come first, then every other statement;
typing narrows the list; a statement the engine never proposed can be chosen, and the choice
comes back after quitting and reopening the session.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from tests.ui.conftest import ready
from tests.ui.test_resume import DERIVED, SIZE, SOURCE, build, reviewing, write_pair
from tui.engine.model import Kind, Role
from tui.engine.sessions.store import SessionStore
from tui.ui.app import make_app
from tui.ui.screens.relink_modal import NONE_ID, RelinkModal
from tui.ui.screens.review_screen import ReviewScreen


def shown(modal: RelinkModal) -> list[str | None]:
    options = modal.query_one("#relink-options", OptionList)
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


async def go_to(pilot, screen: ReviewScreen, statement_id: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(len(screen.rows.ids)):
        if screen.current == statement_id:
            return
        await pilot.press("j")
    assert screen.current == statement_id


async def test_every_statement_of_the_other_text_is_offered_candidates_first(
        small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        review = screen.review
        await pilot.press("l")
        modal = app.screen
        assert isinstance(modal, RelinkModal)
        assert modal.focused is modal.query_one("#relink-filter", Input)  # typing filters at once
        candidates = [c.id for c in review.finding(screen.current or "").matches]
        source = review.comparison.of(Role.SOURCE)
        assert shown(modal) == [c.id for c in modal.choices] + [NONE_ID]
        ids = [c.id for c in modal.choices]
        assert sorted(ids) == sorted(f.statement.id for f in source)
        assert ids[:len(candidates)] == candidates
        kinds = [review.finding(sid).statement.kind for sid in ids[len(candidates):]]
        assert kinds == sorted(kinds, key=lambda k: k is not Kind.CLAIM)  # other claims, then the rest
        await pilot.press("escape")
        assert not review.verdict(screen.current or "").relinked


async def test_typing_narrows_the_list_and_enter_chooses(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        sid = screen.current or ""
        await pilot.press("l", *"COSTS manufacturing")
        modal = app.screen
        assert isinstance(modal, RelinkModal)
        (hit,) = [s for s in shown(modal) if s != NONE_ID]
        assert "Costs of cell manufacturing" in screen.review.finding(hit or "").statement.text
        await pilot.press(*" nothing like this")
        assert shown(modal) == [NONE_ID]
        for _ in " nothing like this":
            await pilot.press("backspace")
        assert shown(modal)[0] == hit
        await pilot.press("enter")
        assert screen.review.counterpart(sid) == hit and screen.review.verdict(sid).relinked


async def test_a_statement_the_engine_never_proposed_is_chosen_and_survives_resume(tmp_path: Path) -> None:
    src, der = write_pair(tmp_path / "docs", DERIVED)
    store = SessionStore(tmp_path / "sessions")
    app = build(store, src, der, [])
    async with app.run_test(size=SIZE) as pilot:
        screen = await reviewing(app, pilot)
        review = screen.review
        derived = next(f.statement.id for f in review.comparison.of(Role.DERIVED) if f.statement.text == DERIVED[1])
        wanted = next(f.statement.id for f in review.comparison.of(Role.SOURCE) if f.statement.text == SOURCE[3])
        assert wanted not in [c.id for c in review.finding(derived).matches]  # not an engine candidate
        await go_to(pilot, screen, derived)
        await pilot.press("l", *"headache")
        modal = app.screen
        assert isinstance(modal, RelinkModal)
        assert shown(modal) == [wanted, NONE_ID]
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        assert review.counterpart(derived) == wanted
        assert f"counterpart chosen by the reviewer: {wanted}" in "\n".join(
            str(w.render()) for w in screen.query("#detail-head"))
        await pilot.press("q")

    again = build(store, src, der, [])
    async with again.run_test(size=SIZE) as pilot:
        screen = await reviewing(again, pilot)
        review = screen.review
        assert review.verdict(derived).relinked and review.counterpart(derived) == wanted
        await go_to(pilot, screen, derived)
        await pilot.press("l")
        modal = again.screen
        assert isinstance(modal, RelinkModal)
        options = modal.query_one("#relink-options", OptionList)
        assert options.highlighted is not None
        assert options.get_option_at_index(options.highlighted).id == wanted  # the choice in force
        await pilot.press("escape", "q")


async def test_a_listed_statement_wraps_under_its_first_line_not_under_its_id(
        seed_files: tuple[Path, Path]) -> None:
    """The candidates in the detail and every row of the relink list keep their id and score
    in a column of their own: a wrapped line starts under the text, so each statement reads
    as one block."""
    app = make_app(*seed_files)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("n")  # the first divergence, which has other candidates
        reasons = screen.query_one("#reasons", Static)
        why = [reasons.render_line(y).text.rstrip() for y in range(reasons.size.height)]
        bullet = next(n for n, line in enumerate(why) if line.lstrip().startswith("• "))
        assert why[bullet + 1].startswith(" " * (why[bullet].index("•") + 2)), why  # the reason wraps under its text
        box = screen.query_one("#candidates", Static)
        lines = [box.render_line(y).text.rstrip() for y in range(box.size.height)]
        starts = [n for n, line in enumerate(lines) if re.match(r"\s+s\d+\s+\d+\s+\S", line)]
        assert starts and len(lines) > len(starts) + 1, lines  # some candidate wraps
        text_at = re.match(r"\s+s\d+\s+\d+\s+", lines[starts[0]]).end()  # type: ignore[union-attr]
        for n, line in enumerate(lines[1:], start=1):
            if n not in starts and line.strip():
                assert len(line) - len(line.lstrip()) == text_at, line
        await pilot.press("l")
        modal = app.screen
        assert isinstance(modal, RelinkModal)
        await pilot.pause()
        options = modal.query_one("#relink-options", OptionList)
        drawn = [options.render_line(y).text for y in range(options.size.height)]
        first = next(n for n, line in enumerate(drawn) if re.search(r"s\d+\s+\d+\s+Recent", line))
        column = drawn[first].index("Recent")
        wrapped = drawn[first + 1]
        assert wrapped[column - 1] == " " and wrapped[column].isalpha(), (drawn[first], wrapped)
        await pilot.press("escape", "q")
