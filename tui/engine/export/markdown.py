"""The Markdown review summary: what an editor reads after a review.

Layout: a header naming both documents (path, title, SHA-256) and the date of review; counts
per status and per reason; each divergence and unsupported derived claim quoted with its
counterpart, changed words in bold, reasons in words, the verdict and the note; the omitted
source statements, dropped caveats first; orphaned verdicts when a session has any.

Invariant: every piece of document text and every note goes through :func:`escape`, so a
statement can never open a link, an HTML tag, emphasis or a table cell of its own.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from tui.engine.export.view import (
    ExportView,
    Item,
    Piece,
    build_view,
    one_line,
    unmatched_words,
    verdict_words,
)
from tui.engine.judge.wording import reason_words
from tui.engine.model import Comparison, Role, Status
from tui.engine.review import Review

_SPECIAL = re.compile(r"([\\`*_\[\]<>~|#!&])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(?=\s|$)")


def render_markdown(
    comparison: Comparison,
    review: Review | None = None,
    *,
    session_name: str | None = None,
    reviewed_on: date | None = None,
) -> str:
    """The comparison as a Markdown summary, with the reviewer's verdicts merged in.

    Args:
        comparison: The engine's comparison.
        review: The reviewer's verdicts; None prints the engine's proposals alone.
        session_name: The session's name, printed in the header when given.
        reviewed_on: The date of review; today when None.

    Returns:
        Markdown text ending in one newline.
    """
    view = build_view(comparison, review, session_name=session_name, reviewed_on=reviewed_on)
    lines = _header(view) + _counts(view) + _flagged(view) + _omitted(view) + _orphans(view)
    return "\n".join(lines).rstrip() + "\n"


def escape(text: str) -> str:
    """Document text made inert in Markdown: white space collapsed, specials backslashed.

    Args:
        text: Any text from a document or a note.

    Returns:
        One line that renders as exactly the words given, even at the start of a line.
    """
    return _line_start(_inline(one_line(text)))


def note(text: str, *, indent: int) -> str:
    """A reviewer's note inside a list item: each of its lines escaped, line breaks kept.

    Args:
        text: The note as typed (it may have several lines).
        indent: Spaces that continue the list item the note is in.

    Returns:
        The note's lines joined by Markdown hard breaks (a backslash at the end of a line).
    """
    lines = [escape(line) for line in text.strip().splitlines() if line.strip()]
    return ("\\\n" + " " * indent).join(lines)


def _inline(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _line_start(line: str) -> str:
    """Backslash a leading ``-``, ``+`` or ``1.`` so the line does not become a list item."""
    found = _LINE_START.match(line)
    if not found:
        return line
    cut = found.end() - 1
    return line[:cut] + "\\" + line[cut:]


@lru_cache(maxsize=4096)
def _marked(pieces: tuple[Piece, ...]) -> str:
    """One line of a statement with the changed runs in bold (spaces kept outside the markers).

    The line is escaped once, the markers standing in as a character escaping leaves alone (a
    statement holding that character is escaped piece by piece instead): a 1 MB pair's report
    has 66,000 pieces, and escaping each took a third of the Markdown export. Kept for lines
    that recur: a repeated paragraph quotes the same statements again."""
    return marked_line(pieces, whole=not any(_BOLD in piece.text for piece in pieces))


def marked_line(pieces: tuple[Piece, ...], *, whole: bool) -> str:
    """:func:`_marked`, the line escaped ``whole`` or each piece alone (the same text)."""
    bold = _BOLD if whole else "**"
    out = []
    for piece in pieces:
        core = one_line(piece.text)
        if not core:
            out.append(" ")
            continue
        lead = " " if piece.text[:1].isspace() else ""
        trail = " " if piece.text[-1:].isspace() else ""
        body = core if whole else _inline(core)
        out.append(f"{lead}{bold}{body}{bold}{trail}" if piece.changed else f"{lead}{body}{trail}")
    line = _inline("".join(out)).replace(_BOLD, "**") if whole else "".join(out)
    return _line_start(_SPACES.sub(" ", line).strip())


_BOLD = "\ue000"
"""A private-use character standing for ``**`` while a line is escaped."""
_SPACES = re.compile(r" {2,}")


def _header(view: ExportView) -> list[str]:
    src, der = view.comparison.source, view.comparison.derived
    lines = [f"# claimdiff review: {escape(der.title or der.path)}", ""]
    lines += ["| | Source | Derived |", "|---|---|---|"]
    lines.append(f"| Path | {escape(src.path)} | {escape(der.path)} |")
    lines.append(f"| Title | {escape(src.title or '—')} | {escape(der.title or '—')} |")
    lines.append(f"| SHA-256 | `{src.sha256}` | `{der.sha256}` |")
    lines.append("")
    lines.append(f"- Date of review: {view.reviewed_on.isoformat()}")
    if view.session_name:
        lines.append(f"- Session: {escape(view.session_name)}")
    if view.has_review:
        lines.append(f"- Reviewed: {view.reviewed} of {view.claims} claims; the rest are claimdiff's proposals")
    else:
        lines.append("- Not reviewed: every status is claimdiff's proposal")
    return [*lines, ""]


def _counts(view: ExportView) -> list[str]:
    lines = ["## Counts", "", "| Status | Derived claims | Source claims |", "|---|---:|---:|"]
    for status in Status:
        der = view.counts[Role.DERIVED].get(status)
        src = view.counts[Role.SOURCE].get(status)
        lines.append(f"| {status.value} | {'—' if der is None else der} | {'—' if src is None else src} |")
    lines.append(f"| total | {len(view.derived)} | {len(view.source)} |")
    lines.append("")
    if view.reasons:
        lines.append("Reasons for divergent claims: " + ", ".join(f"{code} {n}" for code, n in view.reasons.items()) + ".")
    else:
        lines.append("Reasons for divergent claims: none.")
    return [*lines, ""]


def _flagged(view: ExportView) -> list[str]:
    lines = ["## Divergent and unsupported claims", ""]
    if not view.flagged:
        return [*lines, "None.", ""]
    lines += ["Words in **bold** differ from the counterpart.", ""]
    for item in view.flagged:
        lines += _quote(item, view)
    return lines


def _quote(item: Item, view: ExportView) -> list[str]:
    assert item.status is not None
    lines = [f"### {item.statement.id} · {item.status.value}", "", f"> {_marked(item.pieces)}", ""]
    if item.counterpart is not None:
        score = f", score {item.score:.1f}" if item.score is not None else ""
        if item.finding.confidence is not None:
            score += f", confidence {item.finding.confidence:.2f}"
        chosen = ", chosen by the reviewer" if item.relinked else ""
        lines += [f"Source {item.counterpart.id}{score}{chosen}:", "", f"> {_marked(item.counterpart_pieces)}", ""]
    elif item.relinked:
        lines += ["No counterpart in the source (the reviewer unlinked it).", ""]
    elif item.proposed is Status.UNSUPPORTED:
        options = view.comparison.options
        why = unmatched_words(item.statement.role, item.closest, options.match_threshold)
        if item.closest is not None and item.closest[1] >= options.candidate_cutoff:
            lines += [f"No counterpart in the source: {escape(why)}:", "", f"> {escape(one_line(item.closest[0].text))}", ""]
        else:
            lines += [f"No counterpart in the source: {escape(why)}.", ""]
    else:
        lines += ["No counterpart in the source.", ""]
    if item.ranked:
        lines.append(f"- Counterpart: {escape(item.ranked)}")
    lines += [f"- Why: {escape(reason_words(r))}" for r in item.reasons]
    lines.append(f"- Verdict: {verdict_words(item, has_review=view.has_review)}")
    if item.note.strip():
        lines.append(f"- Note: {note(item.note, indent=2)}")
    return [*lines, ""]


def _omitted(view: ExportView) -> list[str]:
    lines = ["## Omitted source statements", ""]
    if not view.omitted:
        return [*lines, "None.", ""]
    lines += ["Dropped caveats first.", ""] if any(i.caveat for i in view.omitted) else []
    for item in view.omitted:
        tag = " · caveat" if item.caveat else ""
        lines.append(f"- **{item.statement.id}**{tag}: {escape(item.statement.text)}")
        if item.proposed is Status.OMITTED and not item.relinked:
            why = unmatched_words(item.statement.role, item.closest, view.comparison.options.match_threshold)
            lines.append(f"  - Why: {escape(why)}")
        if item.status is not Status.OMITTED or item.reviewer_status is not None:
            lines.append(f"  - Verdict: {verdict_words(item, has_review=view.has_review)}")
        if item.note.strip():
            lines.append(f"  - Note: {note(item.note, indent=4)}")
    return [*lines, ""]


def _orphans(view: ExportView) -> list[str]:
    if not view.orphans:
        return []
    lines = ["## Orphaned verdicts", "", "Saved verdicts whose statements are no longer in the documents.", ""]
    for orphan in view.orphans:
        status = f" ({orphan.status})" if orphan.status else ""
        lines.append(f"- {orphan.what}{status}: {escape(orphan.text)}")
        if orphan.counterpart_text:
            lines.append(f"  - Chosen counterpart: {escape(orphan.counterpart_text)}")
        if orphan.note.strip():
            lines.append(f"  - Note: {note(orphan.note, indent=4)}")
    return [*lines, ""]
