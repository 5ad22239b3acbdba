"""A statement's word-for-word twin on the other side, put first (see :func:`exact_first`).

Kept apart from :mod:`tui.engine.align.align`, which ranks by term vectors: this step reads
only the texts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from tui.engine.align.text import normalise


def exact_first(
    ranked: list[list[tuple[int, float]]], queries: Sequence[str], targets: Sequence[str], limit: int
) -> list[list[tuple[int, float]]]:
    """Put a statement's word-for-word twin first, at 100, when the ranking did not.

    Term vectors cannot see a statement made only of stop words ("We did it.", "It is what it
    is.") or of none ("e.g."), so such a statement and its exact copy never met, and a text
    compared with itself was not all agreement. The n-th copy of a text meets the n-th copy on
    the other side (the last one when there are fewer), so repeats pair off in order.
    """
    plain: dict[str, str] = {}  # each distinct text normalised once

    def normalised(text: str) -> str:
        found = plain.get(text)
        if found is None:
            found = plain[text] = normalise(text)
        return found

    twins: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(targets):
        twins[normalised(text)].append(index)
    seen: Counter[str] = Counter()
    out = []
    for number, hits in enumerate(ranked):
        key = normalised(queries[number])
        occurrence = seen[key]
        seen[key] += 1
        same = twins.get(key)
        if not same or (hits and normalised(targets[hits[0][0]]) == key):
            out.append(hits)
            continue
        twin = same[min(occurrence, len(same) - 1)]
        out.append([(twin, 100.0), *(hit for hit in hits if hit[0] != twin)][:limit])
    return out
