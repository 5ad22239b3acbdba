"""The words before a number that bound it: "more than 60", "at least 60", "up to 20", "about 30".

A bound is read from the few words just before the number (:func:`bound_before`):

- ``>`` more than ("more than", "over", "above", "exceeds", "in excess of"): 60 does not bear
  out "more than 60", as VitaminC's editors refute exactly that;
- ``>=`` at least ("at least", "no less than", "no fewer than", "a minimum of"): 60 does;
- ``<`` less than and ``<=`` at most ("at most", "up to", "no more than"), the same way down;
- ``~`` about ("about", "nearly", "an estimated"), within 15%;
- ``=`` none.

Invariant: a pure function of the text before the number; most numbers have no bound word just
before them and are answered without a regular expression.
"""

from __future__ import annotations

import re

_MORE_THAN = re.compile(
    r"\b(?:more than|(?<!averaged )(?<!average )(?<!spread )(?<!pooled )over|above|greater than|higher than|"
    r"larger than|exceed(?:s|ed|ing)?|upwards of|in excess of)\s+\$?$"
)
"""More than: "over" too, but not where a mean or a total is taken over a set ("averaged over
100 critics" says how many critics, not more than 100)."""
_AT_LEAST = re.compile(r"\b(?:at least|no less than|no fewer than|a minimum of)\s+\$?$")
_LESS_THAN = re.compile(r"\b(?:less than|lower than|smaller than|under|below|fewer than|just under)\s+\$?$")
_AT_MOST = re.compile(r"\b(?:at most|up to|no more than|a maximum of)\s+\$?$")
_ABOUT = re.compile(r"\b(?:about|around|approximately|roughly|nearly|almost|close to|an estimated|estimated|~)\s+\$?$")
_BOUNDS = ((">=", _AT_LEAST), ("<=", _AT_MOST), (">", _MORE_THAN), ("<", _LESS_THAN), ("~", _ABOUT))
"""Each bound and the words that set it, the inclusive ones first: "no more than 3" ends in
"more than 3" and is at most 3."""
_ENDS = frozenset({"than", "over", "above", "least", "exceed", "exceeds", "exceeded", "exceeding", "of", "under",
                   "below", "most", "to", "about", "around", "approximately", "roughly", "nearly", "almost",
                   "estimated"})
"""The last word of every bound above: a number after any other word has none."""

BOUND_WORDS = {">": "more than", ">=": "at least", "<": "less than", "<=": "at most"}
"""How a reason says a bound ("at least 60")."""


def bound_before(plain: str, at: int) -> tuple[str, str]:
    """The bound the words before position ``at`` of a normalised text put on the number there,
    and, for a bound a reason names (:data:`BOUND_WORDS`), those words as written ("up to",
    "over", "no fewer than": a reason quotes them)."""
    before = plain[max(0, at - 25) : at]
    last = before.rstrip().rstrip("$").rstrip().rpartition(" ")[2].lstrip("\"'([{“‘«*-—–")
    if last not in _ENDS and not last.endswith("~"):
        return "=", ""  # most numbers: no bound word just before, so no pattern need look
    for bound, pattern in _BOUNDS:
        found = pattern.search(before)
        if found:
            return bound, found.group().rstrip().rstrip("$").rstrip() if bound in BOUND_WORDS else ""
    return "=", ""
