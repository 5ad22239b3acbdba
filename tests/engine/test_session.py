"""Sessions as data: exact round trips, keys that survive span moves, re-attachment after
edits to either document (insertions, deletions, reordering, a changed number), merging."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.engine.model import Comparison, Role, Status
from tui.engine.pipeline import compare_files
from tui.engine.review import Review, Verdict
from tui.engine.sessions.reattach import merge, restore
from tui.engine.sessions.session import (
    SCHEMA_VERSION,
    FutureSessionError,
    SessionFormatError,
    anchors,
    capture,
    from_dict,
    to_dict,
)

SOURCE = [
    "We randomly assigned 120 adults with moderate asthma to the inhaler or to placebo.",
    "Severe attacks fell from 30 to 18 per 100 patient-years in the inhaler group.",
    "Lung function did not differ between the groups after twelve months of follow-up.",
    "Headache was reported by 9 percent of patients taking the inhaler.",
    "Larger trials in children are needed before the inhaler can be recommended for them.",
]
DERIVED = [
    "A new inhaler cuts severe asthma attacks by 40 percent, a trial shows.",
    "Researchers followed 120 adults for a whole year in the study.",
    "The inhaler also improved lung function, according to the team.",
    "Side effects were rare and mild, with a few headaches reported.",
    "Parents can soon ask their doctor about the inhaler for their children.",
    "The drug maker paid for the study and employs two of its authors.",
]


def write_pair(folder: Path, source: list[str], derived: list[str]) -> tuple[Path, Path]:
    """Write the documents one statement per paragraph and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    src, der = folder / "abstract.txt", folder / "blog.txt"
    src.write_text("\n\n".join(source) + "\n", encoding="utf-8")
    der.write_text("\n\n".join(derived) + "\n", encoding="utf-8")
    return src, der


def texts(comparison: Comparison, role: Role) -> list[str]:
    return [f.statement.text for f in comparison.of(role)]


def id_of(comparison: Comparison, text: str) -> str:
    return next(f.statement.id for f in comparison.findings if f.statement.text == text)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    src, der = write_pair(tmp_path_factory.mktemp("pair"), SOURCE, DERIVED)
    comparison = compare_files(src, der)
    assert texts(comparison, Role.SOURCE) == SOURCE and texts(comparison, Role.DERIVED) == DERIVED
    return comparison


def reviewed_everything(comparison: Comparison) -> Review:
    """A review with a distinct verdict on every statement of both documents."""
    review = Review(comparison)
    for n, finding in enumerate(comparison.findings):
        sid = finding.statement.id
        review.set_status(sid, [Status.AGREEMENT, Status.DIVERGENCE][n % 2])
        review.set_note(sid, f"note on: {finding.statement.text}")
    return review


def by_text(review: Review) -> dict[str, Verdict]:
    """Verdicts keyed by statement text, counterparts as texts (ids shift with edits)."""
    out = {}
    for sid, verdict in review.verdicts.items():
        other = review.finding(verdict.counterpart).statement.text if verdict.counterpart else None
        out[review.finding(sid).statement.text] = replace(verdict, counterpart=other)
    return out


# -- round trips --------------------------------------------------------------------------

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["status", "note", "relink", "unlink", "undo", "redo", "move"]),
        st.integers(0, 10),
        st.one_of(st.none(), st.sampled_from(list(Status))),
        st.text(max_size=30),
        st.integers(0, 10),
    ),
    max_size=25,
)


def play(review: Review, actions: list[tuple[str, int, Status | None, str, int]]) -> None:
    ids = [f.statement.id for f in review.comparison.findings]
    for action, a, status, note, b in actions:
        sid, other = ids[a % len(ids)], ids[b % len(ids)]
        if action == "status":
            review.set_status(sid, status)
        elif action == "note":
            review.set_note(sid, note)
        elif action == "relink":
            review.relink(sid, other)
        elif action == "unlink":
            review.relink(sid, None)
        elif action == "undo":
            review.undo()
        elif action == "redo":
            review.redo()
        else:
            review.move_to(sid)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_round_trip_keeps_every_verdict_note_relink_and_the_cursor(pair: Comparison, actions: list) -> None:
    review = Review(pair)
    play(review, actions)
    session = capture(review, "trial")
    again = from_dict(json.loads(json.dumps(to_dict(session), ensure_ascii=False)))
    assert again == session
    restored, found = restore(again, pair)
    assert restored.verdicts == review.verdicts
    assert restored.cursor == review.cursor
    assert restored.changed_at == review.changed_at
    assert (found.moved, found.changed, found.orphaned, restored.orphans) == (0, 0, 0, [])


def test_identical_statements_get_distinct_keys_and_keep_their_own_verdicts(tmp_path: Path) -> None:
    line = "The study was small and short, so the results need confirming."
    comparison = compare_files(*write_pair(tmp_path, SOURCE, [line, DERIVED[0], line]))
    first, second = [f.statement.id for f in comparison.of(Role.DERIVED) if f.statement.text == line]
    marks = anchors(comparison)
    assert marks[first].key != marks[second].key
    assert marks[first].key.rsplit(":", 1)[0] == marks[second].key.rsplit(":", 1)[0]
    review = Review(comparison)
    review.set_note(second, "only the second one")
    restored, _ = restore(capture(review, "x"), comparison)
    assert restored.verdicts == {second: Verdict(note="only the second one")}


def test_keys_do_not_depend_on_position_or_white_space(pair: Comparison, tmp_path: Path) -> None:
    moved = compare_files(*write_pair(tmp_path, ["Background.", *SOURCE], [d.replace(" ", "  ") for d in DERIVED]))
    before, after = anchors(pair), anchors(moved)
    for text in SOURCE:
        assert before[id_of(pair, text)].key == after[id_of(moved, text)].key
        assert id_of(pair, text) != id_of(moved, text)
    assert [before[f.statement.id].key for f in pair.of(Role.DERIVED)] == [
        after[f.statement.id].key for f in moved.of(Role.DERIVED)]


# -- re-attachment after edits --------------------------------------------------------------

NEW = "Asthma affects about one in twelve adults in the country, experts say."
EDITS = {
    # name: (source lines, derived lines, expected (kept, moved, changed, orphaned))
    "insert at the top of the derived text": (SOURCE, [NEW, *DERIVED], (5, 6, 0, 0)),
    "insert in the middle of the source": (SOURCE[:2] + [NEW] + SOURCE[2:], DERIVED, (8, 3, 0, 0)),
    "delete a derived statement": (SOURCE, DERIVED[:2] + DERIVED[3:], (7, 3, 0, 1)),
    "delete the first source statement": (SOURCE[1:], DERIVED, (6, 4, 0, 1)),
    "reorder the derived text": (SOURCE, DERIVED[::-1], (5, 6, 0, 0)),
    "change a number in the derived text": (SOURCE, [DERIVED[0].replace("40", "45"), *DERIVED[1:]], (10, 0, 1, 0)),
    "change a number in the source": ([SOURCE[0], SOURCE[1].replace("18", "21"), *SOURCE[2:]], DERIVED,
                                      (10, 0, 1, 0)),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_verdicts_follow_their_statements_through_edits(pair: Comparison, tmp_path: Path, name: str) -> None:
    source, derived, counts = EDITS[name]
    review = reviewed_everything(pair)
    edited = compare_files(*write_pair(tmp_path, source, derived))
    restored, found = restore(from_dict(to_dict(capture(review, "x"))), edited)
    assert (found.kept, found.moved, found.changed, found.orphaned) == counts
    saved = by_text(review)
    now = {edited.by_id()[sid].statement.text: v for sid, v in restored.verdicts.items()}
    for text, verdict in now.items():
        if text in saved:  # unchanged text: the very same verdict
            assert verdict == saved[text]
        else:  # the edited statement: the verdict of the statement it was edited from
            assert verdict.note.startswith("note on: ") and verdict.note[9:] not in now
    gone = [t for t in saved if t not in now and t not in {v.note[9:] for v in now.values()}]
    assert sorted(o.text for o in restored.orphans) == sorted(gone)
    assert all(o.verdict == saved[o.text] for o in restored.orphans)
    assert len(restored.verdicts) + len(restored.orphans) == len(saved)


def test_a_changed_number_keeps_the_verdict_on_the_edited_statement(pair: Comparison, tmp_path: Path) -> None:
    review = Review(pair)
    sid = id_of(pair, DERIVED[1])
    review.set_status(sid, Status.DIVERGENCE)
    edited_text = DERIVED[1].replace("120", "210")
    edited = compare_files(*write_pair(tmp_path, SOURCE, [DERIVED[0], edited_text, *DERIVED[2:]]))
    restored, found = restore(capture(review, "x"), edited)
    assert found.changed == 1 and restored.verdicts == {id_of(edited, edited_text): Verdict(Status.DIVERGENCE)}


def test_a_rewritten_statement_is_orphaned_not_attached_to_a_stranger(pair: Comparison, tmp_path: Path) -> None:
    review = Review(pair)
    review.set_note(id_of(pair, DERIVED[2]), "claims better lung function")
    rewritten = [*DERIVED[:2], "Everyone should talk to their pharmacist before the winter.", *DERIVED[3:]]
    restored, found = restore(capture(review, "x"), compare_files(*write_pair(tmp_path, SOURCE, rewritten)))
    assert found.orphaned == 1 and restored.verdicts == {}
    assert [(o.text, o.verdict.note, o.reason) for o in restored.orphans] == [
        (DERIVED[2], "claims better lung function", "statement")]


def test_relinks_follow_the_counterpart_and_survive_losing_it(pair: Comparison, tmp_path: Path) -> None:
    review = Review(pair)
    review.relink(id_of(pair, DERIVED[3]), id_of(pair, SOURCE[3]))
    review.set_status(id_of(pair, DERIVED[3]), Status.DIVERGENCE)
    session = capture(review, "x")
    shifted = compare_files(*write_pair(tmp_path / "a", [NEW, *SOURCE], DERIVED))
    restored, _ = restore(session, shifted)
    assert restored.counterpart(id_of(shifted, DERIVED[3])) == id_of(shifted, SOURCE[3])
    without = compare_files(*write_pair(tmp_path / "b", SOURCE[:3] + SOURCE[4:], DERIVED))
    restored, found = restore(session, without)
    assert found.orphaned == 1
    assert restored.verdicts == {id_of(without, DERIVED[3]): Verdict(Status.DIVERGENCE)}
    (orphan,) = restored.orphans
    assert (orphan.reason, orphan.counterpart_text, orphan.verdict.relinked) == ("counterpart", SOURCE[3], True)


def test_orphans_survive_the_file_and_later_sessions(pair: Comparison, tmp_path: Path) -> None:
    review = reviewed_everything(pair)
    edited = compare_files(*write_pair(tmp_path, SOURCE, DERIVED[1:]))
    restored, found = restore(capture(review, "x"), edited)
    assert found.orphaned == 1
    again, found = restore(from_dict(to_dict(capture(restored, "x"))), edited)
    assert found.orphaned == 0 and again.orphans == restored.orphans and again.orphans[0].text == DERIVED[0]


# -- merging ------------------------------------------------------------------------------

def test_merge_keeps_both_sides_and_the_later_change_wins(pair: Comparison) -> None:
    a, b = Review(pair), Review(pair)
    ids = [f.statement.id for f in pair.findings]
    a.set_status(ids[0], Status.AGREEMENT)
    b.set_status(ids[1], Status.DIVERGENCE)
    a.set_note(ids[2], "older")
    b.set_note(ids[2], "newer")
    b.set_status(ids[3], Status.AGREEMENT)
    a.set_status(ids[3], Status.DIVERGENCE)
    a.undo()  # a's clearing of ids[3] is the latest word on it
    merged, _ = restore(merge(capture(a, "x"), capture(b, "x"), pair), pair)
    assert merged.verdicts == {
        ids[0]: Verdict(Status.AGREEMENT), ids[1]: Verdict(Status.DIVERGENCE), ids[2]: Verdict(note="newer")}


# -- refusing what is not a session -------------------------------------------------------

def test_a_newer_schema_is_refused_with_its_own_error(pair: Comparison) -> None:
    data = to_dict(capture(Review(pair), "x"))
    data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(FutureSessionError, match="newer claimdiff"):
        from_dict(data)


@pytest.mark.parametrize("damage", [
    lambda d: d.clear(),
    lambda d: d.update(format="something-else"),
    lambda d: d.update(schema_version="1"),
    lambda d: d.pop("statements"),
    lambda d: d["statements"][0].update(status="maybe"),
    lambda d: d["statements"][0].update(key="derived:abc"),
    lambda d: d["statements"][0].update(changed_at="yesterday"),
    lambda d: d["options"].update(match_threshold=None),
    lambda d: d.update(cursor=[]),
    lambda d: d.update(orphans=[{"role": "blog"}]),
])
def test_malformed_sessions_are_refused_in_one_line(pair: Comparison, damage) -> None:
    review = Review(pair)
    review.set_status(pair.findings[0].statement.id, Status.AGREEMENT)
    data = to_dict(capture(review, "x"))
    damage(data)
    with pytest.raises(SessionFormatError) as caught:
        from_dict(data)
    assert "\n" not in str(caught.value) and str(caught.value)
