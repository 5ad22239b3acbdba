"""Reasons read from the two sides' cue words alone: a caveat dropped or added, advice added, and
a quantifier widened or narrowed (:func:`tui.engine.judge.classify.compare_claims` asks each)."""

from __future__ import annotations

from tui.engine.model import Direction, Reason, ReasonCode

CueWords = dict[str, str]
"""A text's cues as category → the words of its first cue of that category."""


def of(cues: CueWords, category: str) -> bool:
    """Whether a text has a cue of ``category``."""
    return category in cues


def first(cues: CueWords, category: str) -> str | None:
    """The words of a text's first cue of ``category``, if any."""
    return cues.get(category)


def caveat(s_cues: CueWords, d_cues: CueWords) -> list[Reason]:
    """A caveat one side makes and the other, unhedged, does not."""
    said = first(s_cues, "caveat")
    if said and not of(d_cues, "caveat") and not of(d_cues, "hedge"):
        return [Reason(ReasonCode.CAVEAT, Direction.OVERSTATED, f"dropped “{said}”", said, None)]
    said = first(d_cues, "caveat")
    if said and not of(s_cues, "caveat") and not of(s_cues, "hedge"):
        return [Reason(ReasonCode.CAVEAT, Direction.UNDERSTATED, f"added “{said}”", None, said)]
    return []


def advice(s_cues: CueWords, d_cues: CueWords) -> list[Reason]:
    """Advice to readers the derived text gives and its source does not ("should take it").
    Only this way: a claim that leaves out its source's advice still says what the source found."""
    said = first(d_cues, "advice")
    if said and not of(s_cues, "advice"):
        return [Reason(ReasonCode.ADVICE, Direction.OVERSTATED, f"added “{said}”", None, said)]
    return []


def quantifier(s_cues: CueWords, d_cues: CueWords) -> list[Reason]:
    """Some → all, or back: a quantifier one side uses where the other uses its opposite."""
    s_part, d_all = first(s_cues, "partial"), first(d_cues, "universal")
    if s_part and d_all and not of(s_cues, "universal"):
        return [Reason(ReasonCode.QUANTIFIER, Direction.OVERSTATED, f"{s_part} → {d_all}", s_part, d_all)]
    s_all, d_part = first(s_cues, "universal"), first(d_cues, "partial")
    if s_all and d_part and not of(d_cues, "universal"):
        return [Reason(ReasonCode.QUANTIFIER, Direction.UNDERSTATED, f"{s_all} → {d_part}", s_all, d_part)]
    return []
