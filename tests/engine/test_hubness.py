"""Each ranking re-ordered by hubness (``align._hub_corrected``): ties broken by wording, where
the wording differs, and by document order."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from tui.engine.align import align
from tui.engine.align.align import HUB_NEIGHBOURS


def reference(ranked: list[list[tuple[int, float]]], other: list[list[tuple[int, float]]], limit: int,
              queries: list[str], targets: list[str]) -> list[list[tuple[int, float]]]:
    """The re-ordering as first written: every tie broken by ``fuzz.ratio``, then document order."""
    hubness = [sum(score for _, score in hits[:HUB_NEIGHBOURS]) / HUB_NEIGHBOURS for hits in other]
    out = []
    for number, hits in enumerate(ranked):
        corrected = [round(2 * score - hubness[i], 6) for i, score in hits]
        tied = {c for c in corrected if corrected.count(c) > 1}
        keyed = sorted((-c, -fuzz.ratio(queries[number], targets[i]) if c in tied else 0.0, i, score)
                       for c, (i, score) in zip(corrected, hits))
        out.append([(i, score) for _, _, i, score in keyed[:limit]])
    return out


WORDINGS = ["Aspirin cut deaths by half.", "Deaths fell by half with aspirin.", "Aspirin halves deaths.",
            "The trial enrolled 200 adults.", "Adults, 200 of them, were enrolled."]


def rankings(seed: int) -> tuple[list[list[tuple[int, float]]], list[list[tuple[int, float]]], list[str], list[str]]:
    """Rankings of a side whose statements recur (copies of a few wordings) with scores from a
    few values: many ties, among copies of one wording and among different ones."""
    rng = random.Random(seed)
    targets = [rng.choice(WORDINGS) for _ in range(12)]
    queries = [rng.choice(WORDINGS) for _ in range(8)]
    scores = [10.0, 20.5, 33.3, 50.0]

    def ranked(size: int, count: int) -> list[list[tuple[int, float]]]:
        return [sorted(((i, rng.choice(scores)) for i in rng.sample(range(size), rng.randint(0, min(size, 10)))),
                       key=lambda hit: -hit[1]) for _ in range(count)]

    return ranked(len(targets), len(queries)), ranked(len(queries), len(targets)), queries, targets


def test_the_order_is_the_one_every_tie_broken_by_wording_gives() -> None:
    for seed in range(500):
        ranked, other, queries, targets = rankings(seed)
        for limit in (3, 5, 10):
            assert align._hub_corrected(ranked, other, limit, queries, targets) == reference(
                ranked, other, limit, queries, targets), seed


def test_copies_of_one_wording_that_tie_go_by_document_order_unscored(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str]] = []
    ratio = fuzz.ratio
    monkeypatch.setattr(align.fuzz, "ratio", lambda a, b: asked.append((a, b)) or ratio(a, b))
    targets = [WORDINGS[0], WORDINGS[1], WORDINGS[0], WORDINGS[0]]
    ranked = [[(3, 40.0), (0, 40.0), (2, 40.0)]]  # three copies, one score
    other = [[(0, 10.0)]] * len(targets)
    assert align._hub_corrected(ranked, other, 5, [WORDINGS[2]], targets) == [[(0, 40.0), (2, 40.0), (3, 40.0)]]
    assert asked == []
    ranked = [[(3, 40.0), (1, 40.0), (0, 40.0)]]  # two wordings tie: the closer wording goes first
    order = align._hub_corrected(ranked, other, 5, [WORDINGS[1]], targets)
    assert order[0][0] == (1, 40.0) and len(asked) == 3
