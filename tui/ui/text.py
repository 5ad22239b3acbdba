"""Document text made safe to show, and the plain-word labels the app uses.

Invariant: :func:`literal` replaces characters one for one, so a span into a statement is
still a span into what the app shows; nothing here parses markup, and every widget builds
Rich ``Text``/Textual ``Content`` from these strings (never markup), so ``[bold]`` or
``[1]`` in a document is shown as typed.
"""

from __future__ import annotations

from tui.engine.model import Direction, Reason, ReasonCode, Status

_SAFE = {code: chr(0x2400 + code) for code in range(0x20)}
_SAFE.update({0x7F: "\u2421"})
_SAFE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_SAFE.update({code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)})
_KEEP_NEWLINES = {**_SAFE, 0x0A: "\n", 0x09: " ", 0x0D: " "}
_ONE_LINE = {**_SAFE, 0x0A: " ", 0x09: " ", 0x0D: " "}

STATUS_BADGES: dict[Status | None, str] = {
    Status.AGREEMENT: "= A",
    Status.DIVERGENCE: "≠ D",
    Status.UNSUPPORTED: "? U",
    Status.OMITTED: "− O",
    None: "· -",
}
"""A symbol and a letter per status, so the list reads without colour."""

STATUS_CLASSES: dict[Status | None, str] = {
    Status.AGREEMENT: "agree",
    Status.DIVERGENCE: "diverge",
    Status.UNSUPPORTED: "unsupported",
    Status.OMITTED: "omitted",
    None: "other",
}
"""The style-class suffix of each status (``-agree``…), matching the stylesheet variables."""

_CODE_WORDS: dict[ReasonCode, str] = {
    ReasonCode.CERTAINTY: "certainty",
    ReasonCode.CAUSALITY: "causal claim",
    ReasonCode.NUMBER: "number",
    ReasonCode.NEGATION: "negation",
    ReasonCode.SCOPE: "scope",
    ReasonCode.QUANTIFIER: "quantifier",
    ReasonCode.CAVEAT: "caveat",
}


def literal(text: str) -> str:
    """``text`` with control characters, ANSI escapes and bidi overrides made visible.

    Newlines stay; tabs and carriage returns become spaces; the length never changes.
    """
    return text.translate(_KEEP_NEWLINES)


def one_line(text: str) -> str:
    """Like :func:`literal`, with line breaks turned into spaces (for list rows)."""
    return text.translate(_ONE_LINE)


def reason_words(reason: Reason) -> str:
    """A reason in plain words, e.g. ``certainty overstated: could diminish → have been shown``.

    Built from the code and direction; the detail follows, or the cues when there is none.
    """
    head = _CODE_WORDS.get(reason.code, str(reason.code))
    if reason.direction is Direction.OVERSTATED:
        head += " overstated"
    elif reason.direction is Direction.UNDERSTATED:
        head += " understated"
    else:
        head += " changed"
    detail = reason.detail.strip()
    if not detail and (reason.source_cue or reason.derived_cue):
        detail = f"{reason.source_cue or '(nothing)'} → {reason.derived_cue or '(nothing)'}"
    return one_line(f"{head}: {detail}" if detail else head)
