"""Invariants of the front door, over generated documents (hypothesis) and the seeds."""

from __future__ import annotations

import hashlib

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.engine.model import Document, Kind, Role, Status
from tui.engine.pipeline import compare

TOPIC = ["coffee", "stroke", "risk", "adults", "trial", "dose", "memory", "sleep", "cells", "mice",
         "patients", "therapy", "lung", "damage", "cytokine", "survival", "vaccine", "children"]
VERBS = ["may reduce", "reduces", "is associated with", "was linked to", "did not change", "improves",
         "could lower", "has been shown to prevent"]


def doc(text: str, path: str) -> Document:
    return Document(path=path, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")


sentence = st.builds(
    lambda a, v, b, n: f"{a.capitalize()} {v} {b} in {n} {TOPIC[(n + 3) % len(TOPIC)]} of the study.",
    st.sampled_from(TOPIC), st.sampled_from(VERBS), st.sampled_from(TOPIC), st.integers(2, 900),
)
paragraphs = st.lists(st.lists(sentence, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=6).map("\n\n".join)
# Derandomized, as the other property tests: a run on a clean clone must not depend on luck. The
# cases a random search once found are pinned with @example.
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(paragraphs, paragraphs)
def test_every_statement_appears_once_with_its_span(left: str, right: str) -> None:
    comparison = compare(doc(left, "a.txt"), doc(right, "b.txt"))
    for role, text in ((Role.SOURCE, left), (Role.DERIVED, right)):
        findings = comparison.of(role)
        ids = [f.statement.id for f in findings]
        assert len(ids) == len(set(ids))
        assert [f.statement.index for f in findings] == list(range(len(findings)))
        for f in findings:
            assert text[f.statement.start : f.statement.end] == f.statement.text
            if f.statement.kind is Kind.CLAIM:
                allowed = {Status.AGREEMENT, Status.DIVERGENCE,
                           Status.OMITTED if role is Role.SOURCE else Status.UNSUPPORTED}
                assert f.status in allowed
            else:
                assert f.status is None
    ids_other = {f.statement.id for f in comparison.findings}
    assert all(m.id in ids_other for f in comparison.findings for m in f.matches)


@SETTINGS
@given(paragraphs)
def test_a_document_agrees_with_itself(text: str) -> None:
    comparison = compare(doc(text, "a.txt"), doc(text, "b.txt"))
    claims = [f for f in comparison.findings if f.status is not None]
    assert claims and all(f.status is Status.AGREEMENT for f in claims)


@SETTINGS
@given(paragraphs, paragraphs)
@example(  # the learned ranker once trimmed a claim's best-scoring counterpart from its list
    left="Coffee may reduce coffee in 2 dose of the study. Coffee may reduce coffee in 2 dose of the study.\n\n"
         "Coffee may reduce coffee in 2 dose of the study. Coffee may reduce coffee in 2 dose of the study. "
         "Coffee may reduce coffee in 2 dose of the study. Coffee may reduce coffee in 7 patients of the study.",
    right="Coffee may reduce coffee in 2 dose of the study. Coffee may reduce coffee in 6 mice of the study. "
          "Coffee may reduce stroke in 2 dose of the study.\n\nCoffee may reduce coffee in 3 memory of the study. "
          "Coffee may reduce coffee in 4 sleep of the study. Coffee may reduce coffee in 5 cells of the study.",
)
def test_swapping_sides_swaps_unsupported_and_omitted(left: str, right: str) -> None:
    # Whether a claim has a counterpart reads both ways. Agreement against divergence between
    # matched claims need not: the learned decision asks whether the derived claim is borne
    # out by its source statement, and entailment has a direction (a summary's claim follows
    # from the detail, not the detail from the summary).
    forward = compare(doc(left, "a.txt"), doc(right, "b.txt"))
    backward = compare(doc(right, "b.txt"), doc(left, "a.txt"))
    swap = {Status.UNSUPPORTED: Status.OMITTED, Status.OMITTED: Status.UNSUPPORTED}
    matched = {Status.AGREEMENT: "matched", Status.DIVERGENCE: "matched"}
    for there_role, back_role in ((Role.DERIVED, Role.SOURCE), (Role.SOURCE, Role.DERIVED)):
        there = [(f.statement.text, matched.get(f.status, swap.get(f.status, f.status))) for f in forward.of(there_role)]
        back = [(f.statement.text, matched.get(f.status, f.status)) for f in backward.of(back_role)]
        assert there == back


def test_same_words_in_another_order_still_agree_with_themselves() -> None:
    text = "Coffee may reduce risk in 2 dose of the study. Risk may reduce coffee in 2 dose of the study."
    comparison = compare(doc(text, "a.txt"), doc(text, "b.txt"))
    for finding in comparison.findings:
        assert finding.status is Status.AGREEMENT
        assert comparison.by_id()[finding.matches[0].id].statement.text == finding.statement.text
