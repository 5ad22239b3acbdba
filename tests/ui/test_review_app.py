"""The review app driven by Pilot through every key, asserting the review's state.

Each test starts the real app on real files (the comparison runs in its worker) at a real
terminal size and presses keys exactly as a reviewer would.
"""

from __future__ import annotations

import asyncio
import gc
import os
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.ui.conftest import ready
from tui.engine.model import Role, Status
from tui.engine.pipeline import compare_files
from tui.engine.review import Review
from tui.ui.app import make_app
from tui.ui.screens.help_modal import HelpModal
from tui.ui.screens.review_screen import ReviewScreen
from tui.ui.widgets.detail_pane import DetailPane


def status_line(screen: ReviewScreen) -> str:
    return str(screen.query_one("#status-line", Static).render())


def detail_text(screen: ReviewScreen) -> str:
    """The detail pane's sections as drawn, line by line."""
    return "\n".join(strip.text for w in screen.query_one(DetailPane).query(Static) if w.display
                     for strip in (w.render_line(y) for y in range(w.size.height)))


async def test_opens_on_the_first_claim_with_counts(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        review = screen.review
        assert screen.rows.ids == ["d2", "d3", "d4", "s4", "s5"]
        assert review.cursor == "d2"
        line = status_line(screen)
        assert "0/5 reviewed" in line
        for status in Status:
            count = sum(1 for sid in screen.rows.ids if review.status(sid) is status)
            assert f"{count} {status.value}" in line


async def test_the_open_review_is_kept_from_the_cycle_collector_until_the_app_ends(
        small_pair: tuple[Path, Path]) -> None:
    # A full collection walking the whole review paused a key press by 46 ms on the seeds.
    app = make_app(*small_pair)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        assert screen.review is app.review and gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


async def test_j_k_and_arrows_move_and_tell_the_review(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        moves: list[str] = []
        screen.review.cursor_listeners.append(moves.append)
        await pilot.press("j", "j", "k", "down", "up", "up", "up")
        assert moves == ["d3", "d4", "d3", "d4", "d3", "d2"]
        assert screen.current == "d2"
        await pilot.press("end")
        assert screen.current == "s5"
        await pilot.press("home")
        assert screen.current == "d2"


@pytest.mark.parametrize(("key", "status"), [("n", Status.DIVERGENCE), ("u", Status.UNSUPPORTED),
                                             ("o", Status.OMITTED)])
async def test_jump_keys_land_on_their_status(small_pair: tuple[Path, Path], key: str, status: Status) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("j", key)
        assert screen.review.status(screen.current or "") is status
        assert screen.statements.cursor != 1 or status is Status.DIVERGENCE


async def test_n_shows_the_source_sentence_and_the_reason(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("end", "n")
        assert screen.current == "d2"
        text = detail_text(screen)
        assert "source s2" in text
        assert "could reduce lung damage" in text.replace("\n", " ")
        assert "certainty, overstated" in text
        await pilot.press("N")
        assert screen.current == "d2"


async def test_unreviewed_brackets_skip_reviewed_claims(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("j", "a", "a")  # d3 and d4 reviewed, cursor on s4
        await pilot.press("home", "right_square_bracket")
        assert screen.current == "s4"
        await pilot.press("left_square_bracket")
        assert screen.current == "d2"


async def test_a_accepts_the_proposal_and_advances(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("a")
        assert screen.review.verdict("d2").status is Status.DIVERGENCE
        assert screen.current == "d3"
        assert "1/5 reviewed" in status_line(screen)


async def test_number_keys_set_statuses_by_role(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        review = screen.review
        await pilot.press("1", "2", "3", "1", "3")
        assert [review.verdict(s).status for s in ("d2", "d3", "d4", "s4", "s5")] == [
            Status.AGREEMENT, Status.DIVERGENCE, Status.UNSUPPORTED, Status.AGREEMENT, Status.OMITTED]
        assert review.finding("s5").statement.role is Role.SOURCE
        line = status_line(screen)
        assert "5/5 reviewed" in line and "2 agreement" in line and "1 omitted" in line


async def test_c_writes_a_note_through_the_review(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("c", *"hedge [dropped]", "enter")
        assert screen.review.verdict("d2").note == "hedge [dropped]"
        assert "Note: hedge [dropped]" in detail_text(screen)
        await pilot.press("c", "escape")
        assert screen.review.verdict("d2").note == "hedge [dropped]"


async def test_z_and_shift_z_undo_and_redo_many_levels(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        review = screen.review
        await pilot.press("a", "a", "a")
        assert review.reviewed_count() == 3
        await pilot.press("z", "z", "z")
        assert review.verdicts == {} and screen.current == "d2"
        assert "0/5 reviewed" in status_line(screen)
        await pilot.press("Z", "Z")
        assert set(review.verdicts) == {"d2", "d3"} and screen.current == "d3"


async def test_l_relinks_to_another_candidate_or_none(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("l", "home", "down", "enter")
        assert screen.review.counterpart("d2") == "s5"
        await pilot.press("l", "tab", "end", "enter")  # into the list, to its last entry
        verdict = screen.review.verdict("d2")
        assert verdict.relinked and verdict.counterpart is None
        assert "no counterpart in the source text" in detail_text(screen)


async def test_a_claim_without_counterpart_says_what_came_closest(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("j", "j")
        assert screen.current == "d4"
        assert "Why: no statement of the source comes close" in detail_text(screen)
        await pilot.press("j")
        assert screen.current == "s4"
        shown = detail_text(screen)
        assert "Why: no statement of the derived text scores 12; the closest, d3, scores 5.8" in shown
        assert "Candidates below the threshold" in shown
        await pilot.press("home", "j", "3", "k")  # the reviewer calls d3, an agreement, unsupported
        assert screen.current == "d3" and screen.review.status("d3") is Status.UNSUPPORTED
        assert "the reviewer set this status; the engine had matched it" in detail_text(screen)
        await pilot.press("j", "j", "l", "tab", "end", "enter")  # s4: no counterpart, by the reviewer's choice
        assert screen.current == "s4" and screen.review.verdict("s4").relinked
        assert "the reviewer chose no counterpart" in detail_text(screen)


async def test_slash_searches_forward(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"COSTS of", "enter")
        assert screen.current == "s5"


async def test_f_filters_by_status_and_back(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f", "home", "down", "down", "down", "down", "enter")  # omitted
        assert screen.rows.ids == ["s4", "s5"]
        assert "showing omitted" in status_line(screen)
        await pilot.press("f", "home", "enter")
        assert len(screen.rows.ids) == 5


async def test_b_shows_and_hides_non_claims(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("b")
        assert screen.rows.ids[:1] == ["d1"] and "d5" in screen.rows.ids
        assert screen.current == "d2"
        await pilot.press("home", "a")
        assert screen.review.verdicts == {}
        await pilot.press("b")
        assert "d1" not in screen.rows.ids


async def test_question_mark_shows_every_key(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpModal)
        shown = "\n".join(str(w.render()) for w in app.screen.query(Static))
        for words in ("next divergence", "undo the last change", "choose another counterpart"):
            assert words in shown
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_q_quits_cleanly(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("q")
    assert app.return_code == 0 and app.failure is None


async def test_e_exports_to_the_named_file(small_pair: tuple[Path, Path], tmp_path: Path) -> None:
    app = make_app(*small_pair)
    target = tmp_path / "out.md"
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        field = app.screen.query_one("#export-path")
        assert field.value == str(small_pair[1].parent / "small-derived-review.md")  # type: ignore[attr-defined]
        field.value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter", "enter")  # the format list, then the name
        await pilot.pause()
    assert target.read_text(encoding="utf-8").strip()


async def test_export_to_an_unwritable_path_is_one_line(small_pair: tuple[Path, Path], tmp_path: Path) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        app.screen.query_one("#export-path").value = str(tmp_path / "missing" / "out.md")  # type: ignore
        await pilot.press("enter", "enter")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("cannot write" in m and "\n" not in m for m in messages)
        assert isinstance(app.screen, ReviewScreen)


async def test_unfit_input_ends_with_one_line_and_code_2(tmp_path: Path, small_pair: tuple[Path, Path]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    app = make_app(small_pair[0], empty)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if app.failure:
                break
            await pilot.pause(0.01)
    assert app.return_code == 2
    assert app.failure == f"{empty}: the file is empty (nothing but white space)"


async def test_open_review_resumes_at_the_cursor_and_shows_the_notice(small_pair: tuple[Path, Path]) -> None:
    def resume(comparison):  # type: ignore[no-untyped-def]
        review = Review(comparison)
        review.set_status("d2", Status.AGREEMENT)
        review.cursor = "s4"
        return review, "resumed session t: 1 verdict re-attached"

    app = make_app(*small_pair, open_review=resume)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert screen.current == "s4"
        assert "1/5 reviewed" in status_line(screen)
        assert any("resumed session t" in n.message for n in app._notifications)


async def test_palette_offers_every_review_key(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        titles = [c.title for c in app.get_system_commands(screen)]
        for title in ("Next divergence", "Accept the proposed status and advance", "Export the review to a file"):
            assert title in titles
        command = next(c for c in app.get_system_commands(screen) if c.title == "Next unsupported")
        await command.callback()
        assert screen.current == "d4"


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_works_at_small_and_large_terminals(seed_files: tuple[Path, Path], size: tuple[int, int]) -> None:
    app = make_app(*seed_files)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("n", "a")
        assert screen.review.reviewed_count() == 1
        line = status_line(screen)
        assert "1/" in line
        assert ("≠D " in line) is (size[0] < 110) and ("divergence" in line) is (size[0] >= 110)
        assert screen.query_one("#panes").has_class("-wide") is (size[0] >= 150)


async def test_markup_and_escapes_are_shown_literally(markup_pair: tuple[Path, Path]) -> None:
    app = make_app(*markup_pair)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("b")
        lines = [screen.statements.render_line(y).text for y in range(len(screen.rows.ids))]
        shown = "\n".join(lines)
        assert "Markup test [Advertisement]" in shown
        assert "[bold]bold[/] and [/]" in shown and "[red]in two countries[/red]" in shown
        assert not any(ch in shown for ch in "\x1b\x07\u202e\t")
        assert "␛[31mred text␛[0m" in shown
        await pilot.press("j", "j")
        detail = detail_text(screen)
        assert "[1] enrolled" in detail or "[bold]bold[/]" in detail
        assert "\x1b" not in detail


async def test_an_omitted_claim_lists_its_weak_candidate_without_pairing_it(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("o")
        assert screen.current == "s4"
        text = detail_text(screen)
        assert "no counterpart in the derived text" in text
        assert "Candidates below the threshold" in text and "d3" in text
        assert "derived d3" not in text


async def test_undo_is_disabled_when_there_is_nothing(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert screen.check_action("undo", ()) is False, "Z stays available to say there is nothing to redo"
        await pilot.press("z", "Z")
        assert screen.review.verdicts == {} and screen.current == "d2"
        await pilot.press("a")
        assert screen.check_action("undo", ()) is True
        await pilot.press("z")
        assert screen.check_action("undo", ()) is False


async def test_an_empty_filter_leaves_every_key_harmless(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f", "end", "enter")  # "with a note": nothing yet
        assert screen.rows.ids == [] and screen.current is None
        await pilot.press("j", "k", "n", "a", "1", "l", "c", "z")
        assert screen.review.verdicts == {}
        assert "0/0" in status_line(screen) and isinstance(app.screen, ReviewScreen)
        await pilot.press("f", "home", "enter")
        assert screen.current == "d2" and screen.query_one(DetailPane).display


async def test_status_line_follows_a_resize(small_pair: tuple[Path, Path]) -> None:
    app = make_app(*small_pair)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        assert "agreement" not in status_line(screen)
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        assert "1 agreement" in status_line(screen)


async def test_q_while_comparing_stops_the_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.bench_data import generate_document
    from tui.ui import app as app_module
    from tui.ui.screens.loading_screen import LoadingScreen

    source, derived = tmp_path / "source.txt", tmp_path / "derived.txt"
    source.write_text(generate_document(1_000_000, 7, "source"), encoding="utf-8")
    derived.write_text(generate_document(1_000_000, 7, "derived"), encoding="utf-8")
    ended = threading.Event()
    outcome: list[BaseException | None] = []
    real = app_module.compare

    def watched(*args: object, **kwargs: object) -> object:
        try:
            result = real(*args, **kwargs)  # type: ignore[arg-type]
        except BaseException as error:
            outcome.append(error)
            raise
        else:
            outcome.append(None)
            return result
        finally:
            ended.set()

    monkeypatch.setattr(app_module, "compare", watched)
    app = make_app(source, derived)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        await pilot.press("q")
    assert await asyncio.to_thread(ended.wait, 60)
    assert outcome and type(outcome[0]).__name__ == "_Cancelled"  # stopped, not run to the end
    assert app.review is None and app.return_code == 0


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no second process is ever asked for")
@pytest.mark.parametrize("trouble, said", [
    ("cannot start", "no second process (no processes here); comparing in this one"),
    ("dies", "the second process ended (exit code 9); finishing in this one"),
])
async def test_the_reviewer_is_told_when_the_second_process_fails_and_gets_the_whole_review(
        small_pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, trouble: str, said: str) -> None:
    """The engine warns on stderr, which the app hides: the notice says it instead."""
    from tui.engine import pipeline, processes
    from tui.engine.align import align

    whole = [(f.statement.id, f.status) for f in compare_files(*small_pair).findings]
    monkeypatch.setattr(pipeline, "PARALLEL_CHARS", 0)  # the small pair asks for a second process…
    monkeypatch.setattr(align, "EXHAUSTIVE_PAIRS", 0)
    if trouble == "cannot start":
        def refuse(*args: object, **kwargs: object) -> None:
            raise OSError("no processes here")

        monkeypatch.setattr(processes, "_launch", refuse)
    else:  # …which dies before its first task
        real, first = processes.Second.apply_async, []

        def dying(self, task, *args, **kwargs):  # type: ignore[no-untyped-def]
            if not first:
                first.append(real(self, os._exit, (9,)))
            return real(self, task, *args, **kwargs)

        monkeypatch.setattr(processes.Second, "apply_async", dying)
    app = make_app(*small_pair)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert [(f.statement.id, f.status) for f in screen.review.comparison.findings] == whole
        assert any(said in n.message for n in app._notifications), [n.message for n in app._notifications]


async def test_a_document_not_in_english_is_told_to_the_reviewer(tmp_path: Path) -> None:
    from tests.engine.test_language import SPANISH

    derived = tmp_path / "blog-es.txt"
    derived.write_text(SPANISH, encoding="utf-8")
    app = make_app(Path(__file__).resolve().parents[2] / "seeds" / "msc-covid-abstract.txt", derived)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        messages = [n.message for n in app._notifications]
        assert any("blog-es.txt: reads as Spanish, not English" in m for m in messages), messages
