"""One document made ready for alignment: its statements, its claims' terms and cue facts.

Kept apart from :mod:`tui.engine.pipeline` because the second process reads claims here
(:func:`read_claims`) once it has segmented its document: importing it brings segmentation,
the cue facts and the term reader, but not NumPy, the learned models nor document loading.
(Its first task, the segmenter alone, imports less still.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from tui.engine.align.text import content_terms, long_forms
from tui.engine.judge.amounts import Numbers
from tui.engine.judge.classify import Facts, facts
from tui.engine.judge.quantity import Quantity, quantities
from tui.engine.model import Kind, Role, Statement
from tui.engine.segment.segment import segment

if TYPE_CHECKING:
    from tui.engine.model import Pending, Worker

Progress = Callable[[str, float], None]
"""Called with a stage name and the share of the work done (0–1), several times a second on
large pairs. It may raise to stop the comparison: the exception comes out of
:func:`tui.engine.pipeline.compare` and the second process, if one was started, is stopped
with it."""

REPORT_EVERY = 1_000
"""Statements (or ranked claims) between two progress reports within a step."""


@dataclass(frozen=True, slots=True)
class Side:
    """One document made ready for alignment: statements, claims' terms and facts."""

    statements: list[Statement]
    claims: list[Statement]
    terms: list[list[str]]
    facts: dict[str, Facts]
    read_there: frozenset[str] = frozenset()
    """The claims' texts the second process read (:func:`prepare_pair`): it remembers their
    amounts, which :func:`source_numbers` asks of it rather than read again."""


def prepare(
    text: str, role: Role, abbreviations: dict[str, tuple[str, ...]], progress: Progress | None = None,
) -> Side:
    """Segment a document and read its claims' cue facts and terms, all in this process (a
    large pair shares the work with a second one: :func:`prepare_pair`). A claim that recurs is
    read once; its terms are :func:`tui.engine.align.align.terms_of`'s.
    """
    report = progress or silent
    statements = segment(text, role)
    claims = [s for s in statements if s.kind is Kind.CLAIM]
    report("reading claims", 0.3)
    distinct = list(dict.fromkeys(c.text for c in claims))
    read: dict[str, Reading] = {}
    for start in range(0, len(distinct), REPORT_EVERY):
        if start:
            report("reading claims", 0.3 + 0.55 * start / len(distinct))
        piece = distinct[start:start + REPORT_EVERY]
        read.update(zip(piece, read_claims(piece, abbreviations), strict=True))
    report("weighing terms", 0.85)
    return _side(statements, read, set())


def prepare_pair(
    here: tuple[str, Role], handed: tuple[Role, Pending[list[Statement]]], pool: Worker,
    abbreviations: Abbreviations | Callable[[], Abbreviations], progress: Progress | None = None,
    segmented_both: Callable[[list[str]], None] | None = None,
) -> dict[Role, Side]:
    """Both documents made ready with a second process, which segments one of them (``handed``:
    its role, and the pending :func:`~tui.engine.segment.segment.segment` of it) while this one
    segments the other (``here``: its text and role; which goes where, see
    :func:`tui.engine.pipeline._shares`).

    Then both processes read the claims of both documents: this one from the front (its own
    document's first), the second process pieces from the back whenever it is idle (see
    :class:`Helper`), so that neither waits for the other's document; a claim both documents
    hold is read once. Each :class:`Side` is the one :func:`prepare` makes of its document.
    Before, each process read its own document's claims and the second one only helped with
    the larger's: on the 290 KB InSciOut pair, whose derived text has more distinct claims and
    which that process starts later, this one waited 0.1-0.2 s for it.

    ``segmented_both`` is told the texts of both documents' claims, the source's first, as soon
    as both are segmented (the second process reads them ahead, see
    :func:`tui.engine.judge.rows.read_ahead`). ``abbreviations`` may be what gives them once
    ``here`` is segmented (the second process finds them meanwhile).
    """
    report = progress or silent
    (text, role), (other, segmented) = here, handed
    statements = {role: segment(text, role)}
    if callable(abbreviations):
        abbreviations = abbreviations()
    report("reading claims", 0.3)
    todo = list(dict.fromkeys(s.text for s in statements[role] if s.kind is Kind.CLAIM))
    forms = long_forms(abbreviations)
    helper = Helper(pool, segmented)
    read: dict[str, Reading] = {}
    head, tail, shown = 0, len(todo), 0.3
    piece = _piece(len(todo))
    sent: list[tuple[list[str], Pending[list[Reading]]]] = []
    while True:
        if other not in statements and (head >= tail or segmented.ready()):
            statements[other] = segmented.get()  # waited for only when nothing else is left to read
            if segmented_both is not None:
                segmented_both(list(dict.fromkeys(s.text for part in (Role.SOURCE, Role.DERIVED)
                                                  for s in statements[part] if s.kind is Kind.CLAIM)))
            mine = set(todo)
            todo[tail:] = [t for t in dict.fromkeys(s.text for s in statements[other] if s.kind is Kind.CLAIM)
                           if t not in mine]  # the texts beyond ``tail`` went to the second process
            tail = len(todo)
            piece = _piece(len(todo))
        if head >= tail:
            break
        if head % REPORT_EVERY == 0 and head:
            shown = max(shown, 0.3 + 0.55 * head / len(todo))
            report("reading claims", shown)
        if head % CHECK_EVERY == 0 and tail - head > 2 * piece and helper.idle(sent):
            texts = todo[tail - piece:tail]
            sent.append((texts, helper.read(texts, abbreviations)))
            tail -= piece
        claim = todo[head]
        read[claim] = facts(claim), content_terms(claim, abbreviations, forms=forms)
        head += 1
    there: set[str] = set()
    for texts, result in reversed(sent):  # the last sent first: one the other has not read yet is read here
        if result.ready():
            read.update(zip(texts, result.get(), strict=True))
            there.update(texts)
        else:  # and dropped there, if that process has not started on it
            read.update(zip(texts, result.do_here(), strict=True))
    report("weighing terms", 0.85)
    return {side: _side(found, read, there) for side, found in statements.items()}


def _side(statements: list[Statement], read: dict[str, Reading], there: set[str]) -> Side:
    """A document's :class:`Side` from its statements, the readings of its claims' texts, and
    which of those the second process read."""
    claims = [s for s in statements if s.kind is Kind.CLAIM]
    known = {text: read[text][0] for text in dict.fromkeys(c.text for c in claims)}
    return Side(statements, claims, [list(read[c.text][1]) for c in claims], known,
                frozenset(there.intersection(known)))


def source_numbers(texts: list[str], side: Side, pool: Worker | None) -> Callable[[], Numbers]:
    """The numbers of the source's claims ``texts``, as
    :func:`~tui.engine.judge.signals.quantities_of` reads them, made when first asked for (the
    rules ask, after classifying).

    With ``pool``, the second process is asked now, while this one aligns, for the amounts of
    the claims it read (``side.read_there``), which it remembers; this process remembers the
    rest. When the second process read them all afresh, it took 0.3 s
    of the 1 MB generated pair while this one waited on it to start ranking.
    """
    theirs = list(dict.fromkeys(text for text in texts if text in side.read_there))
    pending = pool.apply_async(amounts_of, (theirs,)) if pool is not None else None

    @cache
    def document() -> Numbers:
        found = dict(zip(theirs, pending.get(), strict=True)) if pending is not None else {}
        return Numbers([q for text in texts for q in (found[text] if text in found else quantities(text))])

    return document


def amounts_of(texts: Sequence[str]) -> list[list[Quantity]]:
    """Each text's amounts and years, as :func:`~tui.engine.judge.signals.quantities_of` reads
    them (remembered by the process that read the text's claim facts)."""
    return [quantities(text) for text in texts]


Abbreviations = dict[str, tuple[str, ...]]
"""Each abbreviation a pair defines, with its long forms (:func:`~tui.engine.align.text.find_abbreviations`)."""
Reading = tuple[Facts, list[str]]
"""A claim's cue facts and content terms."""
PIECE = 200
"""Claims the second process reads at a time (about 30 ms of work)…"""
LEAST_PIECE = 25
"""…or a sixteenth of the distinct claims, at least this many, when that is fewer: the 290 KB
InSciOut source has 561 distinct claims, too few for pieces of 200 (which went only while more
than four pieces' worth was left), so the second process sat idle for its whole reading.
Pieces now go while more than two are left: one not read in time is read here anyway."""
CHECK_EVERY = 25
"""Claims read here between two looks at whether the second process is idle."""


def _piece(claims: int) -> int:
    """How many claims' texts go to the second process at a time, of ``claims`` distinct ones to read."""
    return min(PIECE, max(LEAST_PIECE, claims // 16))


class Helper:
    """The second process, reading facts for :func:`prepare_pair` whenever it has nothing else to do.

    One piece always waits behind ``busy`` (its own document), so that it starts on it as
    soon as that is done: telling this process so takes the document's whole result, which
    on the 1 MB generated pair arrived 0.3-0.5 s after the second process went idle. Once
    ``busy`` is in, it is idle while fewer than two pieces wait. Its share follows how fast
    each process goes; when it is the slower one (a pair of two like documents, where it
    also starts late) this process reads that one piece itself rather than wait for it (on
    the 290 KB InSciOut pair it waited 0.14 s).
    """

    def __init__(self, pool: Worker, busy: Pending[Any]) -> None:
        self._pool = pool
        self._busy = busy

    def idle(self, sent: Sequence[tuple[Any, ...]]) -> bool:
        """Whether to hand the second process another piece (``sent``: the pieces handed so
        far, each ending with its pending result)."""
        waiting = sum(1 for piece in sent if not piece[-1].ready())
        return waiting < 2 if self._busy.ready() else waiting < 1

    def read(self, texts: list[str], abbreviations: dict[str, tuple[str, ...]]) -> Pending[list[Reading]]:
        """Read ``texts`` in the second process."""
        return self._pool.apply_async(read_claims, (texts, abbreviations))


def read_claims(texts: list[str], abbreviations: dict[str, tuple[str, ...]]) -> list[Reading]:
    """The cue facts and content terms of each text (runs in the second process)."""
    forms = long_forms(abbreviations)
    return [(facts(text), content_terms(text, abbreviations, forms=forms)) for text in texts]


LINE_WORDS = 6
"""Least words of a line without a full stop that a lone claim may be matched with."""
LINE_KINDS = (Kind.HEADING, Kind.BOILERPLATE)
"""The statements besides claims that may be a lone claim's counterpart: lines with no full
stop, and the page furniture that holds a dateline or a caption."""


def with_lines(side: Side, abbreviations: dict[str, tuple[str, ...]]) -> Side:
    """The side with its lines of :data:`LINE_WORDS` words or more that the segmenter calls
    headings or page furniture among its claims, as counterparts of the other text's few claims.

    A claim checked on its own against a web page often has its evidence on a line with no
    full stop (a caption, a standfirst, a list item), which is a heading to the segmenter, or
    in what it takes for furniture (a dateline, "Last modified: April 21, 2013"); neither was
    ever a counterpart. Such lines keep their kind (they get no status of their own); they are
    only candidates. A longer text's statements keep to claims: much of a blog post is its
    own, and a heading of the source would draw its asides.
    """
    extra = [s for s in side.statements if s.kind in LINE_KINDS and len(s.text.split()) >= LINE_WORDS]
    if not extra:
        return side
    texts = list(dict.fromkeys(e.text for e in extra if e.text not in side.facts))
    read = dict(zip(texts, read_claims(texts, abbreviations), strict=True))
    claims = sorted([*side.claims, *extra], key=lambda s: s.start)
    terms = {c.text: t for c, t in zip(side.claims, side.terms, strict=True)}
    terms.update({text: list(words) for text, (_, words) in read.items()})
    known = {**side.facts, **{text: found for text, (found, _) in read.items()}}
    return Side(side.statements, claims, [terms[c.text] for c in claims], known, side.read_there)


def silent(stage: str, done: float) -> None:
    """The progress callback of callers that want none."""
