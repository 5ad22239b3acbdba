"""The detail of the current statement: both sides with word-level marks, score, reasons,
the reviewer's note, other candidates and the neighbouring sentences.

Invariant: every piece of document text enters as Rich ``Text`` built from
:func:`~tui.ui.text.literal` (never markup), styled through component classes, so a document
cannot style or break the screen. The pane reads the ``Review``; it stores nothing.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from tui.engine.export.view import closest_to, grounds_words, ranked_words, unmatched_words
from tui.engine.judge.wordiff import Mark, mark
from tui.engine.judge.wording import confidence_words, reason_words
from tui.engine.model import Finding, Role, Statement, Status
from tui.engine.review import Review
from tui.ui.text import STATUS_BADGES, hanging, literal, one_line

_ROLE_WORDS = {Role.DERIVED: "derived", Role.SOURCE: "source"}
_UNMATCHED = (Status.UNSUPPORTED, Status.OMITTED)


class DetailPane(VerticalScroll, can_focus=False):
    """Shows one finding in full; :meth:`show` replaces what is shown."""

    inherit_bindings = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail-pane--same",
        "detail-pane--changed",
        "detail-pane--only",
        "detail-pane--cue",
        "detail-pane--label",
        "detail-pane--muted",
        "detail-pane--current",
    }

    def __init__(self, review: Review, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.review = review
        self._documents: dict[Role, list[Statement]] = {
            role: [f.statement for f in review.comparison.of(role)] for role in Role
        }
        self.statement_id: str | None = None
        """The statement shown."""

    def compose(self) -> ComposeResult:
        """Head and reasons first (they fit even at 80×24), the two sides, note, candidates, context."""
        yield Static(id="detail-head")
        yield Static(id="reasons")
        with Horizontal(id="sides"):
            yield Static(id="this-side")
            yield Static(id="other-side")
        yield Static(id="note")
        yield Static(id="candidates")
        yield Static(id="context")

    def show(self, statement_id: str) -> None:
        """Show a statement (again, after its verdict changed)."""
        if statement_id != self.statement_id and self.scroll_y:
            self.scroll_home(animate=False, immediate=True)
        self.statement_id = statement_id
        review = self.review
        finding = review.finding(statement_id)
        other_id = review.counterpart(statement_id)
        if review.status(statement_id) in _UNMATCHED and not review.verdict(statement_id).relinked:
            other_id = None  # the best candidate is below the threshold: listed, not paired
        other = review.finding(other_id).statement if other_id else None
        this_marks, other_marks = mark(finding.statement.text, other.text if other else None)
        self._put("#detail-head", self._head(finding, other_id))
        self._put("#this-side", self._side(finding.statement, this_marks, None, paired=other is not None))
        if other is None:
            self._put("#other-side", self._missing(finding))
        else:
            self._put("#other-side", self._side(other, other_marks, self._score(finding, other.id)))
        self._put("#reasons", self._reasons(finding, other_id))
        note = review.verdict(statement_id).note
        self._put("#note", Text.assemble(("Note: ", self._s("label")), literal(note)) if note else Text())
        self._put("#candidates", self._candidates(finding, other_id))
        self._put("#context", self._neighbours(finding.statement))

    def _put(self, selector: str, text: Text | Group) -> None:
        """Show ``text`` in a section, hiding the section when there is nothing to say."""
        box = self.query_one(selector, Static)
        box.display = bool(text.renderables) if isinstance(text, Group) else bool(text.plain)
        box.update(text)

    def _s(self, name: str) -> Style:
        return self.get_component_rich_style(f"detail-pane--{name}")

    def _head(self, finding: Finding, other_id: str | None) -> Text:
        sid = finding.statement.id
        review = self.review
        status = review.status(sid)
        verdict = review.verdict(sid)
        role = _ROLE_WORDS[finding.statement.role]
        text = Text.assemble((f"{sid} ", self._s("label")), f"{role} {finding.statement.kind.value}  ")
        if finding.status is None:
            text.append("not compared (not a claim)", self._s("muted"))
            return text
        text.append(f"[{STATUS_BADGES[status]}] {status.value if status else ''}")
        if verdict.status:
            proposed = finding.status.value
            text.append(f"  reviewed ✓ (engine proposed {proposed})" if verdict.status is not finding.status
                        else "  reviewed ✓")
        else:
            text.append("  proposed by the engine, not yet reviewed", self._s("muted"))
        if verdict.relinked:
            text.append(f"  counterpart chosen by the reviewer: {other_id or 'none'}", self._s("muted"))
        return text

    def _side(self, statement: Statement, marks: list[Mark], score: float | None, *, paired: bool = True) -> Text:
        """One side's title and text; without a counterpart only the cues are marked."""
        role = _ROLE_WORDS[statement.role]
        title = f"{role} {statement.id}" + (f" · score {score:.0f}" if score is not None else "")
        text = Text.assemble((title, self._s("label")), "\n")
        shown = literal(statement.text)
        for m in marks:
            style = self._s(m.change) if paired and m.change != "gap" else Style()
            if m.cue:
                style += self._s("cue")
            text.append(shown[m.start:m.end], style)
        return text

    def _missing(self, finding: Finding) -> Text:
        other = _ROLE_WORDS[finding.statement.role.other]
        if finding.status is None:
            return Text("")
        return Text(f"no counterpart in the {other} text", style=self._s("muted"))

    @staticmethod
    def _score(finding: Finding, other_id: str) -> float | None:
        return next((c.score for c in finding.matches if c.id == other_id), None)

    def _reasons(self, finding: Finding, other_id: str | None) -> Text | Group:
        """Why: each reason a bullet whose wrapped lines stay under its text, then the legend."""
        sure = confidence_words(finding.confidence)
        text = Text.assemble((f"Why ({sure}): " if sure else "Why: ", self._s("label")))
        if finding.status is None:
            return Text("")
        legend = (Text(self.review.comparison.options.score_legend, self._s("muted")),) if finding.matches else ()
        ranked = ranked_words(finding, other_id)
        if ranked:  # why this counterpart, where another candidate scores more
            legend = (hanging(Text("Counterpart: ", self._s("label")), Text(ranked)), *legend)
        if finding.reasons:
            bullets = [hanging(Text("  • "), Text(one_line(reason_words(r)))) for r in finding.reasons]
            return Group(text, *bullets, *legend)
        if other_id is None and self.review.verdict(finding.statement.id).relinked:
            text.append("the reviewer chose no counterpart")
        elif other_id is None and finding.status not in _UNMATCHED:
            text.append("the reviewer set this status; the engine had matched it")
        elif other_id is None:
            text.append(unmatched_words(finding.statement.role, closest_to(finding, self.review.finding),
                                        self.review.comparison.options.match_threshold))
        elif grounds := grounds_words(finding, other_id):
            # what the agreement rests on, as every export words it, a bullet as a reason is
            return Group(text, hanging(Text("  • "), Text(one_line(grounds))), *legend)
        else:
            text.append("no divergence found between the two", self._s("muted"))
        return Group(text, *legend) if legend else text

    def _candidates(self, finding: Finding, other_id: str | None) -> Text | Group:
        """The other candidates, each statement's wrapped lines under its first."""
        others = [c for c in finding.matches if c.id != other_id]
        if not others:
            return Text("")
        label = "Candidates below the threshold" if other_id is None else "Other candidates"
        rows = [hanging(Text(f"  {c.id:>5} {c.score:3.0f}  "),
                        Text(one_line(self.review.finding(c.id).statement.text), self._s("muted")))
                for c in others]
        return Group(Text.assemble((f"{label} (l to relink):", self._s("label"))), *rows)

    def _neighbours(self, statement: Statement) -> Text:
        document = self._documents[statement.role]
        i = statement.index
        text = Text.assemble(("In context:", self._s("label")))
        for neighbour in document[max(i - 1, 0): i + 2]:
            style = self._s("current") if neighbour.index == i else self._s("muted")
            text.append("\n")
            text.append(one_line(neighbour.text), style)
        return text
