"""A defined abbreviation and its long form are one term to the decision (tui.engine.judge.concepts)."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np

from tui.engine.align.text import find_abbreviations
from tui.engine.judge.concepts import Concepts
from tui.engine.judge.decide import Decision
from tui.engine.judge.explain import explain
from tui.engine.judge.rows import SLOTS, difference_slots, text_rows
from tui.engine.judge.signals import NAMES, difference, measure, read
from tui.engine.model import ReasonCode, Role
from tui.engine.pipeline import compare_files

ABSTRACT = ("Venous thromboembolism (VTE) is common in novel coronavirus pneumonia (NCP). "
            "The incidence of VTE in patients with severe NCP is 25% (20/81).")
SOURCE = "The incidence of VTE in patients with severe NCP is 25% (20/81)."
CLAIM = "One in four patients with severe novel coronavirus pneumonia had a venous thromboembolism."


def concepts() -> Concepts:
    return Concepts(find_abbreviations([ABSTRACT, CLAIM]))


def test_a_long_form_and_its_short_form_are_one_term() -> None:
    plain = difference(CLAIM, SOURCE)
    assert {"venous", "thromboembol", "novel", "coronavirus", "pneumonia"} <= plain.added  # word by word
    folded = difference(CLAIM, SOURCE, concepts())
    assert not folded.added & {"venous", "thromboembol", "novel", "coronavirus", "pneumonia", "#vte", "#ncp"}
    assert not folded.dropped & {"vte", "ncp", "#vte", "#ncp"}
    assert measure(CLAIM, SOURCE, concepts=concepts())["cover_derived"] > measure(CLAIM, SOURCE)["cover_derived"]


def test_the_short_form_plural_and_a_mention_the_other_side_lacks() -> None:
    found = concepts()
    mentions = found.mentions(read("VTEs followed NCP in two patients.").tokens)
    assert mentions == {"#vte": (0,), "#ncp": (2,)}
    # a concept only the claim names is still something it adds, as one term
    assert "#vte" in difference("A venous thromboembolism was seen.", "Two patients died.", found).added


def test_the_content_reason_names_no_spelled_out_abbreviation_and_keeps_what_is_new() -> None:
    content = Decision(np.eye(len(NAMES))[NAMES.index("added_words")] * 50.0, np.zeros(SLOTS), -1.0)
    claim = CLAIM + " Aspirin prevented it."
    reason = explain(content.judge(claim, SOURCE, concepts=concepts()), claim, SOURCE, concepts=concepts())
    assert reason.code is ReasonCode.CONTENT
    shown = set(reason.detail.removeprefix("adds ").split(", "))
    assert {"aspirin", "prevented"} <= shown and not shown & {"venous", "thromboembolism", "novel", "pneumonia"}
    alone = "Deep vein thrombosis is rare."
    named = explain(content.judge("A venous thromboembolism struck.", alone, concepts=concepts()),
                    "A venous thromboembolism struck.", alone, concepts=concepts())
    assert {"venous", "thromboembolism"} <= set(named.detail.removeprefix("adds ").split(", "))


def test_without_abbreviations_every_reading_is_as_before() -> None:
    pairs = [(CLAIM, SOURCE), ("The drug did not improve survival.", "The drug improved survival.")]
    empty = Concepts({})
    assert not empty
    assert text_rows(pairs, empty) == text_rows(pairs)
    assert difference_slots(CLAIM, SOURCE, empty) == difference_slots(CLAIM, SOURCE)
    unrelated = Concepts({"who": ("world", "health", "organ")})
    assert text_rows(pairs, unrelated) == text_rows(pairs)


def test_they_travel_to_the_second_process_as_their_definitions() -> None:
    found = concepts()
    again = pickle.loads(pickle.dumps(found))
    assert difference(CLAIM, SOURCE, again) == difference(CLAIM, SOURCE, found)


def test_every_task_that_brings_them_finds_the_same_object_and_what_it_remembers() -> None:
    """The mentions one task (or the idle reading ahead) found are there for the next one."""
    sent = pickle.dumps(concepts())
    first, second = pickle.loads(sent), pickle.loads(sent)
    assert first is second
    tokens = tuple(read(CLAIM).tokens)
    remembered = first.mentions(tokens)
    assert remembered and second.mentions(tokens) is remembered
    other = pickle.loads(pickle.dumps(Concepts({"ncp": ("novel", "coronavirus", "pneumonia")})))
    assert other is not first and "#vte" not in other.mentions(tokens)


def test_a_claim_spelling_out_the_source_s_abbreviations_reads_as_agreement(tmp_path: Path) -> None:
    """Through the whole pipeline, files on disk: the claim restates the source's finding in
    the long forms the abstract defines, and no reason says it adds them."""
    source, derived = tmp_path / "abstract.txt", tmp_path / "story.txt"
    source.write_text(ABSTRACT + "\n", encoding="utf-8")
    derived.write_text("Venous thromboembolism struck one in four patients with severe novel coronavirus "
                       "pneumonia, researchers found.\n", encoding="utf-8")
    comparison = compare_files(source, derived)
    claim = next(f for f in comparison.of(Role.DERIVED) if f.statement.text.startswith("Venous"))
    assert claim.matches, "the claim has a counterpart"
    for reason in claim.reasons:
        assert not {"venous", "thromboembolism", "pneumonia"} & set(reason.detail.replace(",", " ").split())
