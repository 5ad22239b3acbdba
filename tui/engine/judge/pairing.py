"""Who is whose counterpart, once the alignment has ranked each claim's candidates.

The alignment ranks each side's claims against the other side on their own; two rules then
pair claims it would leave apart: one claim set beside one claim (:func:`pair_lone_claims`),
and a source claim that a matched derived claim takes as its counterpart (:func:`take_up`).
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.engine.model import Candidate, Kind, Statement


def pair_lone_claims(sources: Sequence[Statement], deriveds: Sequence[Statement],
                      fwd: dict[str, list[Candidate]], back: dict[str, list[Candidate]]) -> None:
    """One claim against one claim: each is the other's counterpart, whatever words they share.

    Someone who sets a claim beside one sentence asks whether that sentence bears it out:
    "Fewer than 50 staff work there" against "The firm employs 42 people" shares no word, and
    was called unsupported where its number settles it.
    """
    if len(sources) == 1 and len(deriveds) == 1 and not fwd.get(deriveds[0].id):
        fwd[deriveds[0].id] = [Candidate(sources[0].id, 0.0)]
        back[sources[0].id] = [Candidate(deriveds[0].id, 0.0)]


def take_up(found: list[tuple[Statement, list[Candidate], Statement | None]], paired: list[bool]) -> set[str]:
    """The claims a matched claim of the other text takes as its counterpart, though none of
    their own candidates reaches the match threshold: each gets that claim as its counterpart
    and is matched with it (``found`` and ``paired`` are changed), rather than called omitted
    or unsupported.

    Scores are not symmetric (a short claim can be all in a long sentence that is mostly not
    in it), and the ranker may choose a counterpart below the threshold: the report said "s5
    omitted: no statement of the derived text scores 12" while d9's counterpart was s5. The
    claim scoring highest for it takes it up (the first in its text, on a tie). Who takes up
    whom is read from the alignment alone, the same from either side.

    Args:
        found: Each statement, its ranked counterparts and the first one's statement.
        paired: For each, whether it is matched with its counterpart
            (:func:`~tui.engine.judge.classify.matched`), asked once by the caller.

    Returns:
        The ids of the claims taken up.
    """
    takers: dict[str, tuple[float, int, Statement]] = {}
    for (st, matches, counterpart), is_paired in zip(found, paired, strict=True):
        if is_paired and counterpart is not None and counterpart.role is not st.role:
            best = takers.get(counterpart.id)
            if best is None or (matches[0].score, -st.index) > best[:2]:
                takers[counterpart.id] = (matches[0].score, -st.index, st)
    taken: set[str] = set()
    for number, (st, matches, _) in enumerate(found):
        if st.id in takers and st.kind is Kind.CLAIM and not paired[number]:
            score, _, taker = takers[st.id]
            own = next((m.score for m in matches if m.id == taker.id), score)
            found[number] = (st, [Candidate(taker.id, own), *(m for m in matches if m.id != taker.id)], taker)
            paired[number] = True
            taken.add(st.id)
    return taken
