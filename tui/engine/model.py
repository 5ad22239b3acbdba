"""Plain data that the engine produces and everything else consumes.

The invariant this module owns: every statement carries its ``[start, end)`` span in the
*original* decoded text of its document, so ``document.text[start:end] == statement.text``.
Nothing here computes; it only names things. Values of the enums are the lowercase strings
of the report contract, so JSON stays readable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Role(StrEnum):
    """Which side of the comparison a document or statement is on."""

    SOURCE = "source"
    DERIVED = "derived"

    @property
    def other(self) -> Role:
        """The opposite role."""
        return Role.DERIVED if self is Role.SOURCE else Role.SOURCE


class Kind(StrEnum):
    """What a statement is: only claims are compared."""

    CLAIM = "claim"
    HEADING = "heading"
    BOILERPLATE = "boilerplate"
    CITATION = "citation"


class Status(StrEnum):
    """The verdict on a claim. UNSUPPORTED is for derived claims only, OMITTED for source."""

    AGREEMENT = "agreement"
    DIVERGENCE = "divergence"
    UNSUPPORTED = "unsupported"
    OMITTED = "omitted"


class Direction(StrEnum):
    """Which way a divergence goes, read from the derived text's side."""

    OVERSTATED = "overstated"
    UNDERSTATED = "understated"


class ReasonCode(StrEnum):
    """The documented set of reasons a matched claim diverges."""

    CERTAINTY = "certainty"
    CAUSALITY = "causality"
    NUMBER = "number"
    NEGATION = "negation"
    SCOPE = "scope"
    QUANTIFIER = "quantifier"
    CAVEAT = "caveat"
    ADVICE = "advice"
    """The derived claim tells readers what to do where its source gives no such advice."""
    OPPOSITE = "opposite"
    """The derived claim says the opposite: an antonym, or a quantity going the other way."""
    CONTENT = "content"
    """The derived claim says what its counterpart does not (the learned decision's reason)."""


@dataclass(frozen=True, slots=True)
class Document:
    """One decoded input file."""

    path: str
    """The path as the user gave it (shown and exported as is)."""
    text: str
    """The decoded text: a UTF-8 BOM dropped, line endings exactly as in the file."""
    sha256: str
    """SHA-256 of the raw bytes of the file, hex."""
    encoding: str
    """The encoding the text was decoded from (e.g. ``utf-8``, ``utf-16``, ``cp1252``)."""
    title: str | None = None
    """A title, when the document has an evident one: a web page's own, else the heading that
    best names what its claims are about (see :func:`tui.engine.pipeline.compare`)."""
    warnings: tuple[str, ...] = ()
    """One line each about how the file was read (e.g. stray bytes shown as U+FFFD)."""
    text_source: str = "file"
    """``file``: ``text`` is the file decoded, so spans index the file; ``extracted``: the file
    is a web page, PDF or Word file and ``text`` is what its reader found, so spans index that
    text (reports then carry its SHA-256 as ``text_sha256``)."""


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence, heading, list item or piece of page furniture, with its span."""

    id: str
    """Unique in a comparison: ``s<N>`` for source, ``d<N>`` for derived, N from 1."""
    role: Role
    index: int
    """Position among the statements of its document, from 0."""
    start: int
    end: int
    text: str
    """Exactly ``document.text[start:end]``."""
    kind: Kind

    def __reduce__(self) -> tuple[type[Statement], tuple[str, Role, int, int, int, str, Kind]]:
        """Pickled as the arguments it is made from: a document's statements reach the other
        process faster than through the dataclass's field-by-field state (1 MB: 0.05 -> 0.03 s)."""
        return (Statement, (self.id, self.role, self.index, self.start, self.end, self.text, self.kind))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible counterpart in the other document, with a 0–100 similarity score."""

    id: str
    score: float


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a matched claim diverges, in machine-readable form."""

    code: ReasonCode
    direction: Direction | None
    detail: str
    """For people: e.g. ``could diminish → have been shown``."""
    source_cue: str | None = None
    """The words on the source side that the reason rests on, if any."""
    derived_cue: str | None = None
    """The words on the derived side that the reason rests on, if any."""


@dataclass(frozen=True, slots=True)
class Finding:
    """The engine's proposal for one statement."""

    statement: Statement
    status: Status | None
    """None for non-claims (headings, boilerplate, citations)."""
    matches: tuple[Candidate, ...] = ()
    """Counterparts in the other document, best first; the first is the one ``status`` means."""
    reasons: tuple[Reason, ...] = ()
    confidence: float | None = None
    """How sure the learned decision is of ``status`` (0.5–1); None where it was not asked
    (non-claims, and claims with no counterpart over the match threshold)."""
    ranked_by: tuple[str, ...] = ()
    """Why the first counterpart comes before a candidate that scores more, in words ("it
    stands under Results or Conclusions"): what the learned ranker read in its favour. Empty
    where the first counterpart scores most."""
    grounds: str = ""
    """What an agreement rests on, in words: the content words both statements say, and those
    the derived claim adds ("both say detected, sewage; adds presence, community", or "… ;
    adds nothing"). Empty for every other status, whose reasons say what changed."""


FEW_CLAIMS = 3
"""A text of this many claims or fewer (a headline, a post, one claim to check) is taken to be
about the other text: each of its claims is judged against its best counterpart, whatever
its score, and one claim against one claim are each other's counterpart even with no word in
common. In a longer text, a claim with no counterpart at the match threshold is unsupported
(or omitted): much of a blog post or a press release is its own.
The rule reads the same whichever side the text is on, so swapping the documents swaps
unsupported and omitted."""


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Every knob of a comparison, saved with a session so a resumed review reproduces it.

    Scores are on rapidfuzz's 0–100 scale; ``None`` turns a cut-off off.
    """

    match_threshold: float = 12.0
    """Least score for a counterpart to count as support."""
    same_claim_threshold: float = 35.0
    """Least score for two statements to count as versions of one sentence, so that a changed
    number, negation or quantifier between them is a divergence."""
    candidate_cutoff: float = 5.0
    """Least score for a counterpart to be listed at all."""
    max_candidates: int = 5
    """How many counterparts each statement lists."""
    max_bytes: int = 2_000_000
    """Largest input file accepted (``--max-size`` raises it). The budget: a pair at the limit
    compares in under 30 s and 1 GB on 2 cores, whole command included (``make bench``). A pair
    of 2 MB took 23 s and 0.6 GB; 3 MB, 39 s and 0.83 GB; 20 MB, 8.8 min and 2.4 GB."""

    @property
    def score_legend(self) -> str:
        """What a score means under these options, in one line for people: the help screen and
        the detail pane show it, so it says what the decision in force does with a score."""
        return (
            f"score: how close the wording is, 0–100; a claim with no candidate at {self.match_threshold:g} "
            f"or more has no counterpart, except in a text of {FEW_CLAIMS} claims or fewer, whose claims are "
            "judged against their best, or where its best candidate gives one of its figures (100 or more, or "
            "three significant digits); the counterpart is the candidate that best says the claim, not always "
            "the highest score. "
            "confidence: the learned decision's chance that the status is right, lower against a long source; "
            "an unsupported or omitted call has none, it rests on the score alone"
        )


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing two documents: the single thing the UI and exports read."""

    source: Document
    derived: Document
    findings: tuple[Finding, ...]
    """Source statements in document order, then derived statements in document order."""
    options: CompareOptions = field(default_factory=CompareOptions)

    def by_id(self) -> dict[str, Finding]:
        """Findings keyed by statement id."""
        return {f.statement.id: f for f in self.findings}

    def of(self, role: Role) -> list[Finding]:
        """The findings of one document, in document order."""
        return [f for f in self.findings if f.statement.role is role]

    def document(self, role: Role) -> Document:
        """The document playing ``role``."""
        return self.source if role is Role.SOURCE else self.derived


class Pending(Protocol[T_co]):
    """A task handed to the second process (:class:`Worker`)."""

    def ready(self) -> bool:
        """Whether :meth:`get` would return at once."""

    def get(self) -> T_co:
        """The task's result, waited for if need be; its exception is raised here."""

    def do_here(self) -> T_co:
        """The task done in this process instead, now (the worker is told it need not), unless the
        worker has begun it: then its answer is waited for."""

    def begun(self) -> bool:
        """Whether the worker has begun the task (or answered it)."""


class Worker(Protocol):
    """The second process as the engine's steps see it (:class:`tui.engine.processes.Second`):
    tasks run there, one at a time, in the order sent."""

    def apply_async(self, task: Callable[..., T], args: tuple[Any, ...] = (),
                    kwds: Mapping[str, Any] | None = None, *, here: Callable[[], T] | None = None,
                    later: bool = False) -> Pending[T]:
        """``task(*args, **kwds)`` there; ``here()`` is what this process runs instead if that
        one has gone, for a task that relies on what an earlier one left there. ``later``: it
        runs there only when no other task is waiting."""
