"""The front door: two documents in, one :class:`Comparison` out.

The UI, the headless CLI, the exports and the tests all come through :func:`compare`, so
there is one place where documents become a comparison.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import cache, partial
from typing import TYPE_CHECKING

from tui.engine.align.align import align
from tui.engine.align.text import content_terms, find_abbreviations
from tui.engine.collector import keep_until_exit, paused_gc
from tui.engine.inputs.controls import as_written, readable
from tui.engine.inputs.documents import STDIN, InputError, load
from tui.engine.judge.classify import Ruled, classify, matched
from tui.engine.judge.concepts import Concepts
from tui.engine.judge.pairing import pair_lone_claims, take_up
from tui.engine.judge.rows import read_ahead
from tui.engine.model import (
    FEW_CLAIMS,
    Candidate,
    CompareOptions,
    Comparison,
    Document,
    Finding,
    Kind,
    Role,
    Statement,
)
from tui.engine.segment.language import language_warning
from tui.engine.segment.segment import segment
from tui.engine.sides import (
    REPORT_EVERY,
    Progress,
    Side,
    prepare,
    prepare_pair,
    silent,
    source_numbers,
    with_lines,
)
from tui.engine.startup import PARALLEL_CHARS, pair_bytes

if TYPE_CHECKING:
    import multiprocessing.context

    from tui.engine.align import rerank
    from tui.engine.align.reorder import Reorderer
    from tui.engine.judge.decide import Decision, Judgement
    from tui.engine.model import Worker
    from tui.engine.processes import Second

def compare_files(
    source: str | os.PathLike[str],
    derived: str | os.PathLike[str],
    options: CompareOptions | None = None,
    *,
    progress: Progress | None = None,
    workers: int = 1,
) -> Comparison:
    """Load two files and compare them (``workers`` as in :func:`compare`).

    When the files' sizes call for a second process, it is started first, so that it
    imports while this one loads and begins (see :func:`tui.engine.processes.start_early`).

    Raises:
        InputError: either file is unfit, or both name the same file.
    """
    early = workers > 1 and pair_bytes(source, derived) >= PARALLEL_CHARS
    if early:
        from tui.engine import processes

        processes.start_early()
    try:
        left, right = load_pair(source, derived, options)
        return compare(left, right, options, progress=progress, workers=workers)
    finally:
        if early:
            processes.drop_early()


def load_pair(
    source: str | os.PathLike[str], derived: str | os.PathLike[str], options: CompareOptions | None = None
) -> tuple[Document, Document]:
    """Load the two documents of a pair, within the size limit of ``options``.

    Raises:
        InputError: either file is unfit, both name the same file, or both are standard input.
    """
    options = options or CompareOptions()
    if os.fspath(source) == STDIN and os.fspath(derived) == STDIN:
        raise InputError(f"{STDIN}: only one of the two documents can come from standard input")
    if os.path.exists(source) and os.path.exists(derived) and os.path.samefile(source, derived):
        raise InputError(f"{os.fspath(derived)}: is the same file as the source; give two different documents")
    return load(source, max_bytes=options.max_bytes, pipes=True), load(derived, max_bytes=options.max_bytes, pipes=True)


def compare(
    source: Document,
    derived: Document,
    options: CompareOptions | None = None,
    *,
    progress: Progress | None = None,
    workers: int = 1,
    decision: Decision | None = None,
    ranker: rerank.Ranker | None = None,
    notice: Callable[[str], None] | None = None,
) -> Comparison:
    """Compare a derived document against its source.

    Args:
        source: The primary document (e.g. a paper's abstract).
        derived: The text that leans on it (a blog post, a press release).
        options: Thresholds and limits; defaults when None.
        progress: Optional callback for long runs.
        workers: 2 lets a large pair use a second process (the command line and the app
            do). It is this interpreter run on the engine's own few lines and never imports
            the caller's main module, so a script needs no ``if __name__ == "__main__":``
            guard (:mod:`tui.engine.processes`).
        decision: The learned decision that settles matched claims; the shipped one when
            None (evaluation passes the model of a held-out fold).
        ranker: The learned ranker that re-orders each claim's counterparts; the shipped one
            when None.
        notice: Told, in one line, how the comparison had to run: with no second process, or
            finishing in this one after it ended (the result is whole either way); None: a
            ``RuntimeWarning``. The app shows it; the command line prints the warning.

    Returns:
        Every statement of both documents with its status, counterparts and reasons. Terminal
        control codes in the text are read as spaces and shown as written
        (:mod:`tui.engine.inputs.controls`).
    """
    read = readable(source), readable(derived)
    # read first: at the comparison's end this process works alone
    said = [language_warning(os.path.basename(d.path) or d.path, d.text) for d in (source, derived)]
    with paused_gc():
        found = _compare(read[0][0], read[1][0], options or CompareOptions(), progress or silent, workers, decision,
                         ranker, notice)
    found = as_written(found, (source, read[0][1]), (derived, read[1][1]))
    return replace(found, source=_warned(found.source, said[0]), derived=_warned(found.derived, said[1]))


def _warned(document: Document, warning: str | None) -> Document:
    """The document with one more warning, if there is one (that it does not read as English:
    :mod:`~tui.engine.segment.language`)."""
    return replace(document, warnings=(*document.warnings, warning)) if warning else document


def _compare(
    source: Document, derived: Document, options: CompareOptions, report: Progress, workers: int,
    decision: Decision | None, ranker: rerank.Ranker | None, notice: Callable[[str], None] | None,
) -> Comparison:
    """:func:`compare`, its arguments filled in (the models once a document is read, see :func:`_models`)."""
    report("segmenting", 0.0)
    with worker(workers > 1 and len(source.text) + len(derived.text) >= PARALLEL_CHARS, notice) as pool:
        there, here = _shares(source, derived, pool)
        if pool:
            segmented = pool.apply_async(segment, (there[0].text, there[1]))
            # The pair's abbreviations are found there too, once it has segmented: it has time to
            # spare before this one has segmented the other document (7 ms that this one spent).
            defined = pool.apply_async(find_abbreviations, ([source.text, derived.text],))
            judge, ranker = _models(decision, ranker)  # while the second process segments (see _models)
            concepts_of = cache(lambda: Concepts(defined.do_here()))

            def ahead(texts: list[str]) -> None:
                """What the decision reads of each claim alone, read there whenever it waits."""
                _read_ahead(pool, concepts_of(), texts)

            sides = prepare_pair((here[0].text, here[1]), (there[1], segmented), pool, defined.do_here,
                                 _part(report, 0.0, 0.4), segmented_both=ahead)
            abbreviations, concepts = defined.do_here(), concepts_of()
        else:
            abbreviations = find_abbreviations([source.text, derived.text])
            concepts = Concepts(abbreviations)  # an abbreviation and its long form are one term to the decision
            judge, ranker = _models(decision, ranker)
            sides = {here[1]: prepare(here[0].text, here[1], abbreviations, _part(report, 0.0, 0.2))}
            sides[there[1]] = prepare(there[0].text, there[1], abbreviations, _part(report, 0.2, 0.4))
        src, der = sides[Role.SOURCE], sides[Role.DERIVED]
        # a lone claim's evidence may be on a line with no full stop, on either side
        few = {role: len(side.claims) <= FEW_CLAIMS for role, side in sides.items()}
        src = with_lines(src, abbreviations) if few[Role.DERIVED] else src
        der = with_lines(der, abbreviations) if few[Role.SOURCE] else der
        # a claim's number may stand in another sentence: the second process reads the numbers of the
        # source's claims it read while this one aligns (it sat idle then)
        texts = source_claims(src.statements)
        document = source_numbers(texts, src, pool)
        report("aligning", 0.4)
        ordering = reorderer(src, der, ranker, pool)
        fwd, back = align(src.claims, der.claims, limit=options.max_candidates, score_cutoff=options.candidate_cutoff,
                          terms=(src.terms, der.terms), pool=pool, progress=_part(report, 0.4, 0.85),
                          rerank=ordering)
        report("classifying", 0.85)
        statements = (*src.statements, *der.statements)
        by_id = {st.id: st for st in statements}
        known = {**src.facts, **der.facts}
        # a text of a few claims is about the other text: each of its claims is matched with its best counterpart
        lowered = replace(options, match_threshold=0.0)
        pair_lone_claims(src.claims, der.claims, fwd, back)
        asked = {role: lowered if few[role] else options for role in sides}
        found: list[tuple[Statement, list[Candidate], Statement | None]] = []
        for st in statements:
            matches = (back if st.role is Role.SOURCE else fwd).get(st.id, [])
            found.append((st, matches, by_id[matches[0].id] if matches else None))
        paired = [counterpart is not None and matched(st, matches, counterpart, asked[st.role])
                  for st, matches, counterpart in found]
        taken = take_up(found, paired)
        from tui.engine.judge.decide import pair_of, settle, words_needed
        from tui.engine.judge.verdict_words import VerdictWords

        # The pairs the decision settles are known before the rules are asked, so the second
        # process reads their texts while this one classifies (it sat idle, 0.35 s on the 1 MB pair).
        pairs = list(dict.fromkeys(pair_of(st, counterpart) for (st, _, counterpart), is_paired
                                   in zip(found, paired, strict=True) if is_paired and counterpart is not None))
        classified: list[tuple[Finding, Statement | None]] = []
        ruled: Ruled = {}

        def classify_from(start: int) -> None:
            if start % REPORT_EVERY == 0 and start:
                report("classifying", 0.85 + 0.05 * start / len(found))
            for st, matches, counterpart in found[start:start + CLASSIFY_STEP]:
                chosen = lowered if st.id in taken else asked[st.role]
                classified.append((classify(st, matches, counterpart, chosen, known, ruled), counterpart))

        steps = [partial(classify_from, start) for start in range(0, len(found), CLASSIFY_STEP)]
        vocabulary = source_vocabulary(src.terms, abbreviations)
        # the verdicts are worded as their pairs are weighed, where their texts were read
        worded = VerdictWords(classified, document, concepts, vocabulary, pool)
        judged = judge.judge_all(pairs, known, pool, ruled, first=[*steps, partial(report, "classifying", 0.9)],
                                 document=document, sources=len(texts), concepts=concepts, judged=worded,
                                 meanwhile=worded.word_last_here)
        memo: dict[tuple[str, str], Judgement] = dict(zip(pairs, judged, strict=True))
        settled: dict[int, Finding] = {}

        def settle_at(number: int) -> Finding:
            finding, counterpart = classified[number]
            return settle(finding, counterpart, judge, known, memo, worded.explained, document, concepts,
                          vocabulary, worded.grounded)

        def settle_others(to_come: frozenset[tuple[str, str]]) -> None:
            """Settle the findings whose words are in, while the second process words the rest."""
            for number, (finding, counterpart) in enumerate(classified):
                needed = words_needed(finding, counterpart)
                if needed is None or needed[0] not in to_come:
                    settled[number] = settle_at(number)

        worded.finish(meanwhile=settle_others)
        if pool is not None:
            pool.end()  # every result is in: it ends while this one settles (waiting after, 7 ms)
        findings = [settled[number] if number in settled else settle_at(number) for number in range(len(classified))]
        findings = ordering.annotated(findings, src.claims, der.claims)
    keep_until_exit(sides, known, memo, worded, ordering, found, ruled)  # for a process that ends next
    report("done", 1.0)
    return Comparison(
        source=replace(source, title=source.title or _title(src, abbreviations)),
        derived=replace(derived, title=derived.title or _title(der, abbreviations)),
        findings=tuple(findings),
        options=options,
    )


def _shares(source: Document, derived: Document, pool: Second | None
            ) -> tuple[tuple[Document, Role], tuple[Document, Role]]:
    """The document the second process segments, then the one this process does.

    A second process started with the command line (:func:`tui.engine.processes.start_early`) is
    ready while this one still imports the learned models: it takes the larger document (on the
    290 KB InSciOut pair 0.965 of the command's time, 20 alternated rounds). One started now is
    still starting meanwhile: it takes the smaller.
    """
    smaller, larger = sorted(((source, Role.SOURCE), (derived, Role.DERIVED)), key=lambda d: len(d[0].text))
    return (larger, smaller) if pool is not None and pool.early else (smaller, larger)


CLASSIFY_STEP = 500
"""Statements classified between two looks at the second process's reading (about 10 ms); a
divisor of :data:`REPORT_EVERY`, so progress is reported where it always was."""


def source_vocabulary(terms: Sequence[Sequence[str]], abbreviations: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """Every term of the source's claims (their stems, an abbreviation's ``#`` term), and the
    stems of the long forms of the abbreviations among them: what a content reason asks of
    a word the claim adds, whether the source uses it anywhere."""
    found = {term for claim in terms for term in claim}
    return frozenset(found.union(*(long for short, long in abbreviations.items() if "#" + short in found)))


def source_claims(statements: Sequence[Statement]) -> list[str]:
    """The texts of the source's claims, in which a derived claim's number may be borne out
    though its counterpart does not state it. A heading, a dateline, a caption or a page's
    links bear out nothing: "May 19, 2016" over a news page dates the page, not the event."""
    return [st.text for st in statements if st.kind is Kind.CLAIM]


def _models(decision: Decision | None, ranker: rerank.Ranker | None) -> tuple[Decision, rerank.Ranker]:
    """The learned decision and ranker, the shipped ones when None.

    With a second process they are imported (with NumPy) and read while it segments its
    document, before this one segments the other: the claims of both are then read by both
    processes to the end, so the second one takes on part of this one's share meanwhile.
    Imported after the claims, they took 0.05-0.08 s in which it had nothing left to do.
    """
    from tui.engine.align import rerank
    from tui.engine.judge.decide import shipped

    return decision or shipped(), ranker or rerank.shipped()


def reorderer(src: Side, der: Side, ranker: rerank.Ranker, pool: Worker | None = None) -> Reorderer:
    """The ranker's second look at a derived claim's counterparts (:mod:`tui.engine.align.rerank`),
    shared with ``pool`` when there is one (:mod:`tui.engine.align.reorder`)."""
    from tui.engine.align.reorder import Reorderer

    return Reorderer(([c.text for c in src.claims], src.terms, [src.facts[c.text].shares for c in src.claims]),
                     ([c.text for c in der.claims], der.terms, [der.facts[c.text].shares for c in der.claims]), ranker,
                     pool)


def _read_ahead(pool: Second, concepts: Concepts, texts: list[str]) -> None:
    """Have the second process read ``texts`` ahead (:func:`~tui.engine.judge.rows.read_ahead`)
    whenever it waits for a task."""
    pool.when_idle(read_ahead, (texts, concepts))


def _part(report: Progress, low: float, high: float) -> Progress:
    """A callback for one step, mapping its 0–1 onto ``low``–``high`` of the whole."""
    return lambda stage, done: report(stage, low + (high - low) * done)


@contextmanager
def worker(wanted: bool, notice: Callable[[str], None] | None = None) -> Iterator[Second | None]:
    """A second process for large pairs (None when not wanted or not available).

    The process is started by ``subprocess``, which is safe from the app's worker thread; where
    a process cannot be started the work simply stays in this one, and where it dies the
    work left is done here (:class:`tui.engine.processes.Second`). It is stopped mid-task
    when the comparison is (a progress callback raised, Ctrl-C), rather than left to finish
    a task nobody waits for, and nothing is left for the interpreter to wait on at exit.
    ``notice`` is told of either trouble (a ``RuntimeWarning`` when None).
    """
    if not wanted or (os.cpu_count() or 1) < 2:
        yield None
        return
    from tui.engine import processes

    try:
        second = processes.take_early() or processes.Second.start()
    except (OSError, ValueError, RuntimeError) as error:
        (notice or processes.warn)(f"claimdiff: no second process ({error}); comparing in this one")
        yield None
        return
    second.tell = notice or processes.warn
    try:
        yield second
    finally:
        second.stop()  # every result is in by now, or nobody wants it any more


def spawn_context() -> multiprocessing.context.SpawnContext:
    """A ``spawn`` context whose processes never import the caller's ``__main__``
    (:func:`tui.engine.spawning.spawn_context`; ``multiprocessing`` is imported only now)."""
    from tui.engine import spawning

    return spawning.spawn_context()


TITLE_SEARCH = 12
"""How many of the first headings may be a document's title."""


def _title(side: Side, abbreviations: dict[str, tuple[str, ...]]) -> str | None:
    """The heading that best names what the document's claims are about.

    Pages open with furniture that looks like headings ("An official website of the United
    States government"), so the title is the one of the first headings whose words recur
    most in the claims; ties go to the earlier heading.
    """
    headings = [s for s in side.statements if s.kind is Kind.HEADING and len(s.text.split()) <= 30
                and sum(any(c.isalpha() for c in word) for word in s.text.split()) >= 3]  # not "Mortality · -50%"
    if not headings:
        return None
    claim_terms = {term for terms in side.terms for term in terms}

    def topical(heading: Statement) -> float:
        terms = set(content_terms(heading.text, abbreviations))
        return len(terms & claim_terms) / len(terms) if terms else 0.0

    return max(headings[:TITLE_SEARCH], key=lambda h: (topical(h), -h.index)).text
