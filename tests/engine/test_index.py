"""The inverted index's split of the ranking between two processes."""

from __future__ import annotations

import os

from tui.engine.align.align import vectorise_terms
from tui.engine.align.index import Packed, half_the_queries, pack


def packed(left: list[list[str]], right: list[list[str]]) -> tuple[Packed, Packed]:
    vectors = vectorise_terms(left, right)
    sides = pack([vectors.left, vectors.right])[0]
    return sides[0], sides[1]


def test_half_the_queries_counts_a_repeated_statement_once() -> None:
    # left: a, b, a, a, c, d (four distinct); right: e, f (two): half of six distinct is three,
    # which the first five rows of the left hold (a, b, c)
    left = [["alpha"], ["beta"], ["alpha"], ["alpha"], ["gamma"], ["delta"]]
    right = [["epsilon"], ["zeta"]]
    assert half_the_queries(*packed(left, right)) == 5


def test_half_the_queries_is_every_row_of_a_side_with_fewer_distinct_rows() -> None:
    left = [["alpha"], ["alpha"], ["beta"]]
    right = [["gamma"], ["delta"], ["epsilon"], ["zeta"]]
    assert half_the_queries(*packed(left, right)) == 3


def test_without_repeats_half_the_queries_is_half_the_rows() -> None:
    left = [[f"left{k}"] for k in range(10)]
    right = [[f"right{k}"] for k in range(6)]
    assert half_the_queries(*packed(left, right)) == 8


def test_terms_are_weighed_in_the_same_order_whatever_the_string_hashing() -> None:
    """Both processes number the terms by the weights' order (pack_shared): a set's order,
    which follows each process's string hashing, numbered them differently."""
    import subprocess
    import sys

    program = ("from tui.engine.align.vector import idf_of; "
               "print(list(idf_of([['cell', 'stem', 'dose', 'cell'], ['trial', 'dose']], [['stem', 'death', 'risk']])))")
    orders = {subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert orders == {"['cell', 'stem', 'dose', 'trial', 'death', 'risk']\n"}


def test_the_second_process_ranks_against_the_side_it_packed_or_this_one_does_once_it_is_gone() -> None:
    from tui.engine import processes
    from tui.engine.align.align import _rank_packed
    from tui.engine.align.index import pack_shared

    left = [["stem", "cell", "dose"], ["trial", "death"], ["cell", "risk", "stem"], ["dose", "trial"]] * 30
    right = [["cell", "stem"], ["death", "risk", "trial"], ["dose"]] * 30
    options = {"limit": 5, "score_cutoff": None, "progress": None}
    (alone_left, alone_right), count = pack([vectorise_terms(left, right).left, vectorise_terms(left, right).right])
    alone = _rank_packed(alone_left, alone_right, count, pool=None, **options)  # type: ignore[arg-type]
    for gone in (False, True):
        second, told = processes.Second.start(), []
        second.tell = told.append
        try:
            (packed_left, packed_right), terms, postings = pack_shared(left, right, second)  # the right side there
            if gone:
                second._process.kill()
                second._process.wait()
            shared = _rank_packed(packed_left, packed_right, terms, pool=second, left_postings=postings,
                                  **options)  # type: ignore[arg-type]
        finally:
            second.stop()
        assert shared == alone and len(told) == gone, gone
