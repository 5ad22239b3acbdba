"""Numbers in a statement: each value normalised, and what it counts.

The number rules of :mod:`tui.engine.judge.classify` compare these: "ten" and "10" are one
value, "1,000" is 1000, "5 %" is "5%"; a year dates a claim rather than measures it.

Invariant: both functions read only the text they are given, and return values in the
order they appear.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tui.engine.lexicon.cues import find_cues

_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_VALUE = re.compile(
    r"(?<![\w.-])(?:(\d+(?:[.,·]\d+)*)(\s?%|\s?percent|\s?per cent)?|(" + "|".join(_NUMBER_WORDS) + r"))(?![\w-])",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+")


@lru_cache(maxsize=65_536)
def values(text: str) -> tuple[str, ...]:
    """Numeric values of a text, normalised ("ten" → "10", "1,000" → "1000", "5 %" → "5%").

    Years (1900–2099 without a percent sign) are left out: they date a claim, not measure it.
    (Remembered per text: a number cue such as "95% CI 1.2 to 3.4" recurs across statements.)
    """
    out: list[str] = []
    for match in _VALUE.finditer(text):
        digits, percent, word = match.groups()
        if word:
            out.append(_NUMBER_WORDS[word.lower()])
            continue
        digits = digits.replace("·", ".")  # "1·7", a decimal point as The Lancet writes it
        value = digits.replace(",", "") if _THOUSANDS.fullmatch(digits) else digits.replace(",", ".")
        if _YEAR.fullmatch(value) and not percent:
            continue
        out.append(value + ("%" if percent else ""))
    return tuple(out)


def measures(text: str) -> tuple[tuple[str, str], ...]:
    """Each number cue's value and what it counts: ``("30", "patient")``, ``("31%", "%")``,
    ``("12", "")`` for a bare number."""
    out: list[tuple[str, str]] = []
    for cue in find_cues(text):
        if cue.category != "number":
            continue
        found = values(cue.text)
        if not found:
            continue
        last = cue.text.split()[-1].lower()
        unit = "%" if found[0].endswith("%") else last.rstrip("s") if last.isalpha() and len(cue.text.split()) > 1 else ""
        out.append((found[0], unit))
    return tuple(out)
