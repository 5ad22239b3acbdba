"""Reasons read from the two sides' cue words alone: a caveat dropped or added, advice added, and
a quantifier widened or narrowed (:func:`tui.engine.judge.classify.compare_claims` asks each)."""

from __future__ import annotations

import re

from tui.engine.judge.wording import A_FINDING
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


_SETTLED = re.compile(
    r"\b(?:(?:clinically|scientifically|medically) )?(?<!-)proven\b|\bproves? that\b|\bguarantee[sd]?\b"
    r"|\bbeyond (?:any |all |a )?doubt\b|\bconclusively\b|\bdefinitively\b|\bindisputabl[ye]\b"
    r"|\bundeniabl[ye]\b|\bsettled science\b",
    re.IGNORECASE,
)
"""Words that call a finding settled: "clinically proven", "proves that", "guaranteed", "beyond
doubt" (not "biopsy-proven", a diagnosis)."""
_DENIED = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno|\byet to)(?: \w+){0,2} $", re.IGNORECASE)
"""What denies the settled words right before them: "not proven", "has not been proven"."""


def settled(text: str) -> str | None:
    """The words of ``text`` that call its finding settled ("clinically proven"), unless denied."""
    if "rove" not in text and "uarant" not in text and "oubt" not in text and "ively" not in text \
            and "isputab" not in text and "niab" not in text and "ettled" not in text:
        return None
    for match in _SETTLED.finditer(text):
        if _DENIED.search(text, max(0, match.start() - 24), match.start()) is None:
            return match.group()
    return None


def called_settled(s_settled: str | None, d_settled: str | None, s_level: int, s_finding: bool) -> list[Reason]:
    """A finding the source reports plainly (no hedge, no booster: ``s_level`` 1) that the derived
    text calls settled ("improved pain scores" → "clinically proven to relieve"). One trial's
    result is not proof, and "clinically proven" is the claim marketing rules ask most of."""
    if d_settled and not s_settled and s_level == 1 and s_finding:
        return [Reason(ReasonCode.CERTAINTY, Direction.OVERSTATED, f"{A_FINDING} → {d_settled}", None, d_settled)]
    return []
