"""*Would* as *will* told after the fact, told from *would* as a hedge.

"Masks would reduce the spread" hedges. "The company announced that it would close the
plant" does not: reported speech moves the speaker's *will* back to *would* ("we will
close it"), so the report is as certain as the words it reports. News and encyclopedia text
writes this all the time ("it was confirmed that Ashcroft would be supporting…"); read as a
hedge, every such sentence set against a source that says *will* was called a change of
certainty. A *would* whose clause opens with a verb of saying in the past is read as *will*
is, a booster.
"""

from __future__ import annotations

import re

Span = tuple[int, int, str]
"""(start, end, category) of one cue."""

_SAYING = (
    r"said|announced|stated|told|reported|promised|pledged|vowed|claimed|insisted|declared|confirmed|"
    r"revealed|disclosed|warned|added|explained|noted|wrote|agreed|decided|ruled|assured|replied|answered"
)
"""Verbs of saying or deciding, in the past, after which *would* reports a *will*. Not the
verbs of guessing ("expected", "believed", "predicted", "suggested"), which hedge the report."""
_REPORTED = re.compile(r"\b(?:" + _SAYING + r")\b[^.;:!?()\"“”]{0,80}$", re.IGNORECASE)
"""A verb of saying earlier in the same clause, within 80 characters of the *would*."""


def reported(text: str, taken: list[Span]) -> list[Span]:
    """The cues of ``text``, each hedge that is a reported *will* ("said it would") made a booster."""
    if "ould" not in text:
        return taken
    return [(start, end, "booster") if category == "hedge" and reports_will(text, start, end) else (start, end, category)
            for start, end, category in taken]


def reports_will(text: str, start: int, end: int) -> bool:
    """Whether the cue ``text[start:end]`` is a *would* after a verb of saying in its clause."""
    return text[start:end].lower() == "would" and _REPORTED.search(text, max(0, start - 120), start) is not None
