"""Changes a paper implies but does not write, as a press release writes them: a hazard, odds or
risk ratio as a relative change, and a move from one percentage to another as its size.

A paper writes "a lower risk of death (HR, 0.71; 95% CI, 0.56-0.92)"; its press release and
the news write "29% less likely to die". Both say the same, and a reviewer checking the number
needs to see that they do: read as written, the "29%" was "not borne out by the source". So a
ratio statistic also counts as the relative change it implies, ``(1 - r) * 100`` per cent lower
for ``r`` under 1 and ``(r - 1) * 100`` per cent higher over it. (An odds ratio is not a risk
ratio, and "29% lower odds" is the strict reading; the number is the same, which is what is
checked here.) The ratio's interval is a statistic's and stays unread
(:mod:`tui.engine.judge.quantity`).

Likewise "fell from 20% to 15%" is "dropped by 5 percentage points" and "fell by a quarter":
the move's difference in points and its size relative to where it started
(:func:`percent_moves`); "blood pressure fell from 140 to 120 mmHg" is "fell by 20 mmHg"
and "by 14%" (:func:`value_moves`); and "1.0% of the treatment group and 2.0% of the placebo
group" is "cut by 50%" (:func:`group_differences`).

Invariant: reads only the normalised (lower-case) text it is given; a ratio is a decimal
between 0.05 and 9.99, not 1, right after the statistic's name.
"""

from __future__ import annotations

import re

_NAME = (
    r"(?:(?:adjusted|pooled|summary)\s+)?(?:hazard|odds|risk|rate|incidence\s+rate|subdistribution\s+hazard)"
    r"\s+ratios?|relative\s+risks?|(?<!\d )(?<!\d)\b(?:a?hrs?|a?rrs?|irrs?|shr)\b"  # not "24 hr", a day
    r"|(?<=[(\[;])\s*a?or\b|\ba?or(?=\s*[,=:])"  # "or" only as "(OR 1.3", "OR, 1.3", "OR = 1.3"
)
_RATIO = re.compile(
    rf"(?:{_NAME})(?:\s*[(\[]\s*a?(?:hr|or|rr|irr)\s*[)\]])?"
    r"(?:\s+for\s+(?:[a-z0-9'-]+\s+){1,6}?(?:was|were|is|of)\s*|\s*(?:[,=:]|of|was|were|is|for)\s*|\s+)"
    r"(\d\.\d{1,3})(?![\d.])"
)
"""A ratio statistic and its value: "hr, 0.71", "hazard ratio (hr) 0.71", "(or 1.35", "relative
risk of 0.8", "the hazard ratio for heart attack alone was 0.74"."""
_DECIMAL = re.compile(r"\d\.\d")
_HINT = re.compile(r"ratio|relative risk|\b(?:a?hrs?|a?rrs?|irrs?|shr|a?or)\b")
"""What a text must hold, besides a decimal, for :data:`_RATIO` to be looked for (most
statements hold neither: the quick looks cost a tenth of the pattern's time)."""


def ratio_changes(plain: str) -> list[tuple[float, float, str]]:
    """Each ratio statistic of a normalised text with the relative change in per cent it implies,
    and the statistic as written: ``[(0.71, 29.0, "hr, 0.71")]`` for "(hr, 0.71)" (the change is
    lower for a ratio under 1, higher over it)."""
    if _DECIMAL.search(plain) is None or _HINT.search(plain) is None:
        return []
    out = []
    for match in _RATIO.finditer(plain):
        ratio = float(match.group(1))
        if 0.05 <= ratio < 10 and ratio != 1.0:
            out.append((ratio, round(abs(1.0 - ratio) * 100, 6), match.group().strip()))
    return out


_MOVE = re.compile(r"\bfrom (\d{1,3}(?:\.\d+)?) ?% to (\d{1,3}(?:\.\d+)?) ?%")
"""A move from one percentage to another: "from 20% to 15%", "from 3.1 % to 4.5 %"."""


def percent_moves(plain: str) -> list[tuple[float, float | None, str]]:
    """Each move from one percentage to another in a normalised text: its difference in
    percentage points, its size relative to the first (None from 0%), and the move as written.
    ``[(5.0, 25.0, "from 20% to 15%")]``."""
    if "from " not in plain or "%" not in plain:
        return []
    return [_sized(match) for match in _MOVE.finditer(plain) if float(match.group(1)) != float(match.group(2))]


def _sized(match: re.Match[str]) -> tuple[float, float | None, str]:
    """A move from the amount of ``match``'s first group to its second's: the difference, its
    size in per cent of where it started (None from 0), and the move as written."""
    first, second = float(match.group(1)), float(match.group(2))
    difference = round(abs(second - first), 6)
    return difference, round(difference / first * 100, 6) if first else None, match.group()


_LEVEL_AFTER = r"(?! ?(?:ci|cri|ui|confidence|credible|uncertainty|prediction)\b)"
_GROUPS = re.compile(
    rf"\b(\d{{1,3}}(?:\.\d+)?) ?%{_LEVEL_AFTER}[^%;()\[\]]{{0,60}}?\b(vs\.?|versus|compared (?:with|to)|and"
    rf"|against)\b[^%;()\[\]]{{0,40}}?\b(\d{{1,3}}(?:\.\d+)?) ?%{_LEVEL_AFTER}"
)
"""Two groups' percentages set side by side: "1.0% of the treatment group and 2.0% of the
placebo group", "31% vs 21%" (not an interval's level, "95% CI")."""
_ARMS = re.compile(r"\b(?:groups?|arms?|placebo|controls?|usual care|untreated|treated|cohort)\b")
"""What makes two percentages joined by "and" two groups compared (a trial's arms), rather than
shares of one whole ("45% labour and 31% conservative")."""


def group_differences(plain: str) -> list[tuple[float, float, float | None, str]]:
    """Each pair of percentages a normalised text sets side by side (:data:`_GROUPS`), as a
    press release states their difference: in percentage points, in per cent of the higher (a
    reduction: 2.0% against 1.0% is "cut by 50%") and of the lower (an increase: "100% more";
    None from 0%), with the pair as written. ``[(1.0, 50.0, 100.0, "1.0% of … 2.0%")]``."""
    if plain.count("%") < 2:
        return []
    out = []
    for match in _GROUPS.finditer(plain):
        if match.group(2) == "and" and _ARMS.search(match.group()) is None:
            continue  # "45% labour and 31% conservative": shares of a whole, not two groups compared
        low, high = sorted((float(match.group(1)), float(match.group(3))))
        if low != high:
            difference = round(high - low, 6)
            out.append((difference, round(difference / high * 100, 6), round(difference / low * 100, 6) if low else None,
                        match.group()))
    return out


_VALUE_MOVE = re.compile(r"\bfrom (\d+(?:\.\d+)?)(?: ?(?!per)[a-z/]+)? to (\d+(?:\.\d+)?)(?![\d.]| ?%| ?per)")
"""A move from one amount to another: "from 140 to 120", "from 8.2 mmol/l to 7.1" (not one in
per cent, however written: those are :func:`percent_moves`' to read)."""
_CHANGED = re.compile(
    r"\b(?:fell|fall|drop|declin|decreas|reduc|lower|cut|diminish|sank|shrank|plung|halv|rose|rise|rising|risen"
    r"|increas|grew|grow|climb|jump|soar|surg|doubl|improv|went|moved|shift|chang)"
)
"""A word that makes "from … to …" a change rather than a range ("ranged from 3 to 5 days")."""
CHANGE_WINDOW = 60
"""Characters before "from" in which the change word must stand."""


def value_moves(plain: str) -> list[tuple[float, float | None, str]]:
    """Each change from one amount to another in a normalised text, other than between years or
    percentages (:func:`percent_moves`): its difference, its size in per cent of where it
    started (None from 0), and the move as written. ``[(20.0, 14.285714, "from 140 to 120")]``
    for "fell from 140 to 120 mmhg"; nothing for "ranged from 3 to 5 days", which is a range."""
    if "from " not in plain or " to " not in plain:
        return []
    out: list[tuple[float, float | None, str]] = []
    for match in _VALUE_MOVE.finditer(plain):
        first, second = float(match.group(1)), float(match.group(2))
        if first == second or all(1800 <= v <= 2100 and v.is_integer() for v in (first, second)):
            continue
        if _CHANGED.search(plain, max(0, match.start() - CHANGE_WINDOW), match.start()) is not None:
            out.append(_sized(match))
    return out
