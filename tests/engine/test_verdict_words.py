"""The verdicts are worded as their pairs are judged, by the process that read them
(``tui.engine.judge.verdict_words``), and the words are the ones settling gave before."""

from __future__ import annotations

import hashlib

import pytest

from tests.bench_data import generate_document
from tui.engine import pipeline
from tui.engine.align import align
from tui.engine.judge import decide, verdict_words
from tui.engine.model import Comparison, Document


def doc(role: str) -> Document:
    text = generate_document(40_000, 3, role)
    return Document(path=f"{role}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")


def words(comparison: Comparison) -> list[tuple]:
    return [(f.statement.id, f.status, f.confidence, f.grounds, tuple(f.reasons)) for f in comparison.findings]


@pytest.fixture(scope="module")
def alone() -> list[tuple]:
    return words(pipeline.compare(doc("source"), doc("derived")))


def large_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small pair taken through a large pair's paths, its pairs judged in many small pieces."""
    monkeypatch.setattr(align, "EXHAUSTIVE_PAIRS", 0)
    monkeypatch.setattr(pipeline, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(decide, "POOL_PAIRS", 0)
    monkeypatch.setattr(decide, "CHUNK_PAIRS", 5)


def never(*args: object, **kwargs: object) -> None:
    raise AssertionError("settling worded a verdict that was not worded when its pair was judged")


def test_the_pair_has_verdicts_of_both_kinds_to_word(alone: list[tuple]) -> None:
    assert any(grounds for _, _, _, grounds, _ in alone)
    assert any(reasons and reasons[0].code.value == "content" for *_, reasons in alone)


@pytest.mark.parametrize("workers", [1, 2])
def test_every_verdict_is_worded_before_settling_and_as_settling_worded_it(
        workers: int, alone: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    if workers == 2:
        large_paths(monkeypatch)
    monkeypatch.setattr(decide, "grounds", never)  # what settle would call itself
    monkeypatch.setattr(decide, "explain", never)
    assert words(pipeline.compare(doc("source"), doc("derived"), workers=workers)) == alone


def test_the_second_process_words_the_pieces_whose_texts_it_read(monkeypatch: pytest.MonkeyPatch) -> None:
    large_paths(monkeypatch)
    here: list[tuple[str, str]] = []  # every pair worded in this process, whatever the way
    grounds, explain = verdict_words.grounds, verdict_words.explain
    monkeypatch.setattr(verdict_words, "grounds", lambda d, s, *rest: here.append((d, s)) or grounds(d, s, *rest))
    monkeypatch.setattr(verdict_words, "explain", lambda j, d, s, *rest: here.append((d, s)) or explain(j, d, s, *rest))
    worded: set[tuple[str, str]] = set()  # every pair worded before settling, in either process
    finish = verdict_words.VerdictWords.finish
    monkeypatch.setattr(verdict_words.VerdictWords, "finish",
                        lambda self, **kwargs: finish(self, **kwargs) or worded.update(self.grounded, self.explained))
    pipeline.compare(doc("source"), doc("derived"), workers=2)
    assert set(here) < worded  # some were worded there, and not again here
    assert len(here) == len(set(here))  # none twice


BEGUN: set[str] = set()
"""The derived texts of the pieces the second process has begun."""


class Late:
    """A piece the second process has not answered yet; asked for, it answers with its words."""

    def __init__(self, asked: list[verdict_words.Asked], taken: list[str]) -> None:
        self._asked, self._taken = asked, taken

    def ready(self) -> bool:
        return False

    def begun(self) -> bool:
        return self._asked[0][0] in BEGUN

    def get(self) -> list[verdict_words.Words]:
        self._taken.append(self._asked[0][0])
        return verdict_words.word(self._asked, None, frozenset())

    def do_here(self) -> list[verdict_words.Words]:
        self._taken.append("dropped: " + self._asked[0][0])
        return verdict_words.word(self._asked, None, frozenset())


class Behind:
    """A second process that has answered none of the pieces it was asked to word."""

    def __init__(self) -> None:
        self.taken: list[str] = []

    def apply_async(self, task: object, args: tuple = (), kwds: object = None, *, here: object = None,
                    later: bool = False) -> object:
        return Late(args[0], self.taken) if task is verdict_words.word_kept else None


def four_pieces_asked_there(behind: Behind) -> tuple[list[tuple[str, str]], verdict_words.VerdictWords]:
    """Four agreements, each its own piece, whose grounds are asked of ``behind``."""
    texts = [(f"Treatment {n} cut deaths by half.", f"Treatment {n} reduced deaths.") for n in range(4)]
    worded = verdict_words.VerdictWords([], None, None, frozenset(), behind)  # type: ignore[arg-type]
    worded._needs = {pair: (True, True) for pair in texts}
    agree = decide.Judgement(diverges=False, confidence=0.9, contributions={})
    for pair in texts:
        worded([pair], [agree], there=True)
    return texts, worded


def test_pieces_the_second_process_has_not_reached_are_worded_here_from_the_last_back() -> None:
    behind = Behind()
    texts, worded = four_pieces_asked_there(behind)
    worded.finish()
    # only the first, which it was on, is waited for; the others are worded here and dropped there
    assert behind.taken == [*(f"dropped: {texts[n][0]}" for n in (3, 2, 1)), texts[0][0]]
    assert set(worded.grounded) == set(texts)
    assert worded.grounded == {pair: verdict_words.word([(*pair, None)], None, frozenset())[0] for pair in texts}


def test_while_this_process_waits_it_words_the_last_pieces_the_other_has_not_begun() -> None:
    behind = Behind()
    texts, worded = four_pieces_asked_there(behind)
    BEGUN.add(texts[1][0])
    try:
        assert [worded.word_last_here() for _ in range(3)] == [True, True, False]  # stops at the one begun
    finally:
        BEGUN.clear()
    assert behind.taken == [f"dropped: {texts[3][0]}", f"dropped: {texts[2][0]}"]
    worded.finish()
    assert behind.taken[2:] == [f"dropped: {texts[1][0]}", texts[0][0]] and set(worded.grounded) == set(texts)


def test_before_it_waits_for_the_last_piece_it_does_other_work_told_the_pairs_still_to_come() -> None:
    behind = Behind()
    texts, worded = four_pieces_asked_there(behind)
    told: list[tuple[frozenset[tuple[str, str]], list[str]]] = []
    worded.finish(meanwhile=lambda to_come: told.append((to_come, list(behind.taken))))
    # told once, when only the piece the other process is on is left, and before it is waited for
    assert told == [(frozenset({texts[0]}), [f"dropped: {texts[n][0]}" for n in (3, 2, 1)])]
    assert behind.taken[-1] == texts[0][0]


def test_nothing_else_is_done_first_when_every_piece_is_in() -> None:
    worded = verdict_words.VerdictWords([], None, None, frozenset())  # type: ignore[arg-type]
    told: list[frozenset[tuple[str, str]]] = []
    worded.finish(meanwhile=told.append)
    assert told == []


def test_findings_settled_while_the_last_words_come_are_those_settling_after_gives(
        alone: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    large_paths(monkeypatch)
    finish, settle = verdict_words.VerdictWords.finish, decide.settle
    to_come: list[frozenset[tuple[str, str]]] = []
    settled: list[str] = []

    def waiting_on_the_last_piece(self: verdict_words.VerdictWords, meanwhile: object = None) -> None:
        """As if the second process were still wording every piece it was asked for."""
        waited = frozenset((derived, source) for piece, _ in self._pending for derived, source, _ in piece)
        if waited and callable(meanwhile):
            to_come.append(waited)
            meanwhile(waited)
            settled.append("meanwhile")
        finish(self)

    def counted(finding: object, *args: object, **kwargs: object) -> object:
        settled.append("settled")
        return settle(finding, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(decide, "settle", counted)

    monkeypatch.setattr(verdict_words.VerdictWords, "finish", waiting_on_the_last_piece)
    monkeypatch.setattr(decide, "grounds", never)  # nothing settled early is worded by settling itself
    monkeypatch.setattr(decide, "explain", never)
    assert words(pipeline.compare(doc("source"), doc("derived"), workers=2)) == alone
    assert to_come and to_come[0]
    # most findings were settled meanwhile, the rest once their words were in
    assert "settled" in settled[settled.index("meanwhile"):] and settled.index("meanwhile") > len(settled) / 2
