"""The one place where statuses and reasons become words and marks for people.

The app's detail pane, every export (Markdown, HTML, CSV, ClaimReview) and the command
line's table all word a reason through :func:`reason_words` and mark a status through
:data:`STATUS_MARKS`, so a reviewer reads the same sentence wherever the finding appears.

Invariant: a status's mark reads without colour (a symbol and a letter), and every
:class:`~tui.engine.model.ReasonCode` has words, whatever its direction.
"""

from __future__ import annotations

from tui.engine.model import Reason, ReasonCode, Status

STATUS_MARKS: dict[Status, tuple[str, str]] = {
    Status.AGREEMENT: ("=", "A"),
    Status.DIVERGENCE: ("≠", "D"),
    Status.UNSUPPORTED: ("?", "U"),
    Status.OMITTED: ("−", "O"),
}
"""A symbol and a letter per status, shown beside its colour so that it reads without one."""

NO_STATUS_MARK: tuple[str, str] = ("·", "-")
"""The mark of a statement that is not a claim (heading, boilerplate, citation)."""

REASON_WORDS: dict[tuple[ReasonCode, str | None], str] = {
    (ReasonCode.CERTAINTY, "overstated"): "states as certain what the source hedges",
    (ReasonCode.CERTAINTY, "understated"): "hedges what the source states firmly",
    (ReasonCode.CERTAINTY, None): "changes how certain the claim is",
    (ReasonCode.CAUSALITY, "overstated"): "claims a cause where the source reports an association",
    (ReasonCode.CAUSALITY, "understated"): "reports an association where the source claims a cause",
    (ReasonCode.CAUSALITY, None): "changes whether the claim is causal",
    (ReasonCode.NUMBER, None): "changes a number",
    (ReasonCode.NEGATION, "overstated"): "states a relationship the source denies",
    (ReasonCode.NEGATION, "understated"): "denies a relationship the source states",
    (ReasonCode.NEGATION, None): "adds or drops a negation",
    (ReasonCode.SCOPE, "overstated"): "widens who or what the claim covers",
    (ReasonCode.SCOPE, "understated"): "narrows who or what the claim covers",
    (ReasonCode.SCOPE, None): "changes who or what the claim covers",
    (ReasonCode.QUANTIFIER, "overstated"): "generalises (e.g. some → all)",
    (ReasonCode.QUANTIFIER, "understated"): "weakens the quantifier (e.g. all → some)",
    (ReasonCode.QUANTIFIER, None): "changes a quantifier",
    (ReasonCode.CAVEAT, None): "drops a caveat the source makes",
    (ReasonCode.ADVICE, None): "gives readers advice the source does not",
    (ReasonCode.OPPOSITE, None): "says the opposite of the source",
    (ReasonCode.CONTENT, None): "says what the source statement does not",
}
"""A reason code (and direction) in words for people; ``None`` is the fallback for a code."""

NOT_BORNE_OUT = "not borne out by the source"
"""How a number reason's detail says that the source never states a claimed amount
("three: not borne out by the source"), worded for people as a figure the source does not give."""


def confidence_words(confidence: float | None) -> str:
    """A finding's confidence for people, e.g. ``confidence 82%`` (empty when none)."""
    return "" if confidence is None else f"confidence {confidence:.0%}"


def status_badge(status: Status | None) -> str:
    """A status's mark as one short string, e.g. ``≠ D`` (``· -`` for a non-claim)."""
    symbol, letter = STATUS_MARKS[status] if status is not None else NO_STATUS_MARK
    return f"{symbol} {letter}"


TWO_SIDED: dict[tuple[ReasonCode, str], str] = {
    (ReasonCode.CERTAINTY, "overstated"): "the source says this is not yet certain ({s}); the derived text says it is ({d})",
    (ReasonCode.CERTAINTY, "understated"): "the source states it firmly ({s}); the derived text hedges ({d})",
    (ReasonCode.CAUSALITY, "overstated"): "the source reports an association ({s}); the derived text claims a cause ({d})",
    (ReasonCode.CAUSALITY, "understated"): "the source claims a cause ({s}); the derived text reports an association ({d})",
    (ReasonCode.NEGATION, "overstated"): "the source denies the relationship ({s}); the derived text states it ({d})",
    (ReasonCode.NEGATION, "understated"): "the source states a relationship ({s}); the derived text denies it ({d})",
    (ReasonCode.NUMBER, "overstated"): "the source gives one figure ({s}); the derived text a higher one ({d})",
    (ReasonCode.NUMBER, "understated"): "the source gives one figure ({s}); the derived text a lower one ({d})",
}
"""Reasons that read best as what each side says, when the engine knows both sides' words."""

NO_FINDING = "no finding"
"""A certainty reason's source side when the source states no finding at all ("the cells were
tested in a trial") and the claim a boosted cause: no word of the source says it."""

A_FINDING = "a finding"
"""A certainty reason's source side when the source reports a finding plainly and the claim
calls it settled ("clinically proven"): no word of the source says how sure it is."""

_UNSAID_SOURCE = {
    NO_FINDING: "the source states no finding here; the derived text claims one",
    A_FINDING: "the source reports a finding; the derived text calls it settled",
}
"""A certainty reason whose source side no word of the source says, in words."""

UNWORDED = ("an association", "a cause")
"""What a relationship reason says of a side that states one in no cue word ("was lower in"):
shown unquoted, as they are not the text's words."""

STRENGTH_NAMES = ("no relationship", "correlational", "conditional cause", "cause")
"""The InSciOut strengths, 0–3, as a reason's detail names them when no words of either side
say the change ("no relationship → cause")."""
_STRENGTH_SAID = dict(zip(STRENGTH_NAMES, ("no relationship", "an association", "a possible cause", "a cause"),
                          strict=True))
"""Each strength as a side's claim reads in words."""


PLAIN = "plain statement"
"""A side of a certainty or causality reason that no cue word sets (the rules' detail)."""


def _quoted(said: str) -> str:
    """A side's words as a two-sided reason shows them: the text's own in quotes; what the
    engine names in no words of the text ("an association", "a plain statement") without."""
    if said == PLAIN:
        return "a plain statement"
    return said if said in UNWORDED else f"“{said}”"


def reason_words(reason: Reason) -> str:
    """One reason for people: what changed, in plain words, and the words it rests on.

    Args:
        reason: A reason of a finding.

    Returns:
        e.g. ``certainty, overstated: the source says this is not yet certain (“could”); the
        derived text says it is (“have been shown”)`` when both sides' words are known, else
        ``certainty, overstated: states as certain what the source hedges (could → shown)``;
        when the engine gave no detail, the cues on each side stand in for it.
    """
    direction = reason.direction.value if reason.direction else None
    head = reason.code.value + (f", {direction}" if direction else "")
    sides = TWO_SIDED.get((reason.code, direction or ""))
    said = reason.detail.split(" → ") if reason.detail.count(" → ") == 1 else [reason.source_cue, reason.derived_cue]
    if len(said) == 2 and said[0] in _STRENGTH_SAID and said[1] in _STRENGTH_SAID:
        # strengths, not words of the texts: "the source says this is not yet certain (“no
        # relationship”)" misread them as quotations
        return f"{head}: the source claims {_STRENGTH_SAID[said[0]]}; the derived text {_STRENGTH_SAID[said[1]]}"
    if said[0] in _UNSAID_SOURCE and said[1]:
        return f"{head}: {_UNSAID_SOURCE[said[0]]} (“{said[1]}”)"
    if sides and all(said):
        return f"{head}: " + sides.format(**{k: _quoted(w or "") for k, w in zip("sd", said, strict=True)})
    unborne = reason.detail.removesuffix(f": {NOT_BORNE_OUT}")
    if reason.code is ReasonCode.NUMBER and unborne != reason.detail:
        return f"{head}: gives a figure the source does not ({unborne})"
    words = REASON_WORDS.get((reason.code, direction)) or REASON_WORDS.get((reason.code, None), reason.code.value)
    text = f"{head}: {words}"
    detail = reason.detail
    if not detail.strip() and (reason.source_cue or reason.derived_cue):
        detail = f"{reason.source_cue or '(nothing)'} → {reason.derived_cue or '(nothing)'}"
    if detail:
        text += f" ({detail})"
    return text
