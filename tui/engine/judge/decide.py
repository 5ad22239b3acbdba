"""The learned decision: does a matched derived claim agree with its source counterpart?

A logistic regression over the signals of :mod:`tui.engine.judge.signals` (named signals plus
hashed words only one side has) gives the chance that the pair diverges. Its weights are trained by
``make train`` (``tools/train.py``) and ship beside this module as ``decision.npz``; reading
them needs numpy only.

Invariants: the same texts give the same chance; a claim identical to its counterpart (after
normalisation) always agrees, with confidence 1; the weights file names the signals it was
trained on, and a file that does not match :data:`~tui.engine.judge.signals.NAMES` is refused.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from tui.engine.judge.classify import Known, Ruled
from tui.engine.judge.concepts import Concepts
from tui.engine.judge.explain import explain, grounds
from tui.engine.judge.rows import SLOTS, Slots, TextRow, slot_value, text_rows
from tui.engine.judge.signals import (
    NAMES,
    numbers_nowhere,
    quantities_of,
    rule_signals,
)
from tui.engine.model import Direction, Finding, Reason, ReasonCode, Role, Statement, Status

if TYPE_CHECKING:
    from tui.engine.judge.amounts import Numbers
    from tui.engine.model import Pending, Worker

WEIGHTS_FILE = "decision.npz"
FORMAT = 2
"""Version of the weights file; bumped when its layout changes (2: the source-size temper)."""
POOL_PAIRS = 500
"""Fewer pairs than this are read in this process alone: sending them costs more."""
CHUNK_PAIRS = 100
"""Pairs in one piece of :meth:`Decision.judge_all`'s work (10-30 ms). At 250, this process
waited 0.07 s for the second one's last piece on the 290 KB InSciOut pair's 731 pairs."""


@dataclass(frozen=True, slots=True)
class Judgement:
    """The decision on one pair, with what it rests on."""

    diverges: bool
    confidence: float
    """The chance the decision is right, as the model sees it (0.5–1)."""
    contributions: dict[str, float]
    """Each named signal's push towards divergence (weight × value), for reasons."""


@dataclass(frozen=True)
class Decision:
    """Trained weights: one per named signal, one per hashed slot, and a bias."""

    named: npt.NDArray[np.float64]
    slots: npt.NDArray[np.float64]
    bias: float
    threshold: float = 0.5
    """Least chance of divergence that is called one."""
    temper: tuple[float, float] = (0.0, 0.0)
    """How far the source's size tempers the chance: the model's log-odds are divided by
    :meth:`temperature`, ``exp(a + b * ln n)`` for a source of ``n`` claims. The same verdict
    is less often right when its counterpart was picked among many statements (a web page)
    than when the source is one sentence, which is most of what the model learns from. Fitted
    by ``make train`` on the dev claims' held-out chances; (0, 0) leaves the chance as it is.
    It never turns a verdict: only the confidence moves."""

    def judge(self, derived: str, source: str, known: Known | None = None,
              document: Sequence[str] | None = None, concepts: Concepts | None = None) -> Judgement:
        """Agreement or divergence for a derived claim against its matched source statement
        (``known``: cue facts already worked out, by text; ``document``: the source's claims
        (:func:`tui.engine.pipeline.source_claims`), when there are more than that one;
        ``concepts``: the abbreviations the documents define)."""
        found = quantities_of(document) if document is not None else None
        return self.judge_all([(derived, source)], known, document=(lambda: found) if found is not None else None,
                              sources=len(document) if document else 1, concepts=concepts)[0]

    def temperature(self, sources: int) -> float:
        """What the log-odds are divided by for a source of ``sources`` claims (see :attr:`temper`)."""
        a, b = self.temper
        return math.exp(a + b * math.log(max(1, sources)))

    def judge_all(
        self, pairs: Sequence[tuple[str, str]], known: Known | None = None, pool: Worker | None = None,
        memo: Ruled | None = None, first: Sequence[Callable[[], None]] = (),
        document: Callable[[], Numbers] | None = None, sources: int = 1, concepts: Concepts | None = None,
        judged: Judged | None = None, meanwhile: Callable[[], bool] | None = None,
    ) -> list[Judgement]:
        """:meth:`judge` of every ``(derived, source)`` pair, weighed a piece at a time.

        The signals of each piece of :data:`CHUNK_PAIRS` pairs make one matrix, so the weighing
        costs a few array operations instead of a handful of NumPy calls per pair; with
        ``pool``, the second process reads pieces of the pairs' texts meanwhile
        (:func:`_read_shared`; the rules, which need ``known``, stay here). Each chance is the
        very float that weighing one pair at a time would give (its signals by
        ``signals.measure``, NumPy call by call): the sums run over the same values in the same
        order (a row's sum, and the slots' of rows with as many slots, are NumPy's sums of those
        values alone). ``memo`` holds the rules' reasons already given in the comparison (see :data:`Ruled`);
        ``document`` gives the numbers of the source's claims (:func:`~tui.engine.judge.signals.quantities_of`),
        asked once the rules are (the second process may still be reading them); None: each
        pair's source statement is all the source there is. ``sources`` is how many claims the
        source has, which tempers each chance (:attr:`temper`).
        ``first`` is other work of this process's, in small steps, done before the rules are
        asked (the pipeline's classification, which fills ``memo``): with ``pool``, while the
        second process reads the first pieces. ``concepts``: the abbreviations the documents define.
        ``judged`` is told each piece of :data:`CHUNK_PAIRS` pairs as soon as it is weighed (with
        ``pool``, whether the second process read its texts), so that its verdicts can be worded
        while the rest is read (:mod:`tui.engine.judge.verdict_words`); ``meanwhile`` is asked
        to do a step of that wording here, while this process would wait for the last piece the
        second process is reading (False: nothing left).
        """
        rules: list[list[float]] = []

        def add_rules(start: int) -> None:
            whole = document() if document is not None else None
            for derived, source in pairs[start:start + CHUNK_PAIRS]:
                found = whole if whole is not None else quantities_of((source,))
                rules.append([*rule_signals(derived, source, known, memo).values(), numbers_nowhere(derived, found)])

        starts = range(0, len(pairs), CHUNK_PAIRS)
        out: dict[int, list[Judgement]] = {}

        def weigh(number: int, rows: list[TextRow], there: bool) -> None:
            """Weigh piece ``number`` (its rules are in) and tell ``judged``."""
            start = number * CHUNK_PAIRS
            out[number] = self._weigh(rows, rules[start:start + len(rows)], sources)
            if judged is not None:
                judged(pairs[start:start + len(rows)], out[number], there)

        if pool is not None and len(pairs) >= POOL_PAIRS:
            _read_shared(pairs, pool, [*first, *(partial(add_rules, start) for start in starts)], weigh, concepts,
                         meanwhile)
        else:
            for step in first:
                step()
            rows = text_rows(pairs, concepts)
            for start in starts:
                add_rules(start)
            for number, start in enumerate(starts):
                weigh(number, rows[start:start + CHUNK_PAIRS], False)
        return [judgement for number in range(len(starts)) for judgement in out[number]]

    def _weigh(self, rows: Sequence[TextRow], rules: Sequence[list[float]], sources: int) -> list[Judgement]:
        """The judgements of pairs read as ``rows``, with their ``rules``, against a source of
        ``sources`` claims. A row's chance does not depend on the rows weighed with it."""
        weighed = [i for i, (same, _, _) in enumerate(rows) if not same]
        values = np.array(
            [[*rows[i][1], *rules[i]] for i in weighed], dtype=np.float64
        ).reshape(len(weighed), len(NAMES))
        pushes = values * self.named
        sums = pushes.sum(axis=1).tolist()
        slot_sums = self._slot_sums([rows[i][2] for i in weighed])
        out = {i: Judgement(False, 1.0, {}) for i, (same, _, _) in enumerate(rows) if same}
        temperature = self.temperature(sources)
        cut = math.log(self.threshold / (1.0 - self.threshold))  # the log-odds of the threshold
        for i, total, slot_total, push in zip(weighed, sums, slot_sums, pushes.tolist(), strict=True):
            odds = total + slot_total + self.bias
            diverges = odds >= cut
            chance = float(1.0 / (1.0 + np.exp(-odds / temperature)))
            out[i] = Judgement(diverges, chance if diverges else 1.0 - chance, dict(zip(NAMES, push, strict=True)))
        return [out[i] for i in range(len(rows))]

    def _slot_sums(self, slots: list[Slots]) -> list[float]:
        """Each row's sum of its slots' weights, each side's times :func:`slot_value`: rows with
        as many slots on a side are summed together."""
        out = [0.0] * len(slots)
        for side in (0, 1):
            by_count: dict[int, list[int]] = {}
            for row, found in enumerate(slots):
                if found[side]:
                    by_count.setdefault(len(found[side]), []).append(row)
            for count, rows in by_count.items():
                index = np.array([slots[row][side] for row in rows], dtype=np.intp).reshape(len(rows), count)
                for row, total in zip(rows, self.slots[index].sum(axis=1).tolist(), strict=True):
                    out[row] += total * slot_value(count)
        return out

    def to_bytes(self) -> bytes:
        """The weights as an ``.npz`` file's bytes (float32, names included)."""
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            format=np.array(FORMAT),
            names=np.array(NAMES),
            named=self.named.astype(np.float32),
            slots=self.slots.astype(np.float32),
            bias=np.array(self.bias, dtype=np.float32),
            threshold=np.array(self.threshold, dtype=np.float32),
            temper=np.array(self.temper, dtype=np.float32),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Decision:
        """Weights read back from :meth:`to_bytes`.

        Raises:
            ValueError: the file is of another format or was trained on other signals.
        """
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            if int(npz["format"]) != FORMAT or tuple(str(n) for n in npz["names"]) != NAMES:
                raise ValueError("decision weights do not match this version's signals; run `make train`")
            slots = npz["slots"].astype(np.float64)
            if slots.shape != (SLOTS,):
                raise ValueError("decision weights have the wrong number of slots; run `make train`")
            a, b = (float(v) for v in npz["temper"])
            return cls(npz["named"].astype(np.float64), slots, float(npz["bias"]), float(npz["threshold"]), (a, b))


Weigh = Callable[[int, list[TextRow], bool], None]
"""Told a piece's number and rows once its rules are in, and whether the second process read it."""
Judged = Callable[[Sequence[tuple[str, str]], list[Judgement], bool], None]
"""Told a piece's pairs and judgements, and whether the second process read their texts."""


def _read_shared(pairs: Sequence[tuple[str, str]], pool: Worker, own_work: list[Callable[[], None]],
                 weigh: Weigh, concepts: Concepts | None = None, meanwhile: Callable[[], bool] | None = None) -> None:
    """:func:`text_rows` of all pairs, in pieces of :data:`CHUNK_PAIRS`: the second process
    takes pieces from the front (two queued, so it never waits on this one) while this one
    does ``own_work`` and then takes pieces from the back, so whichever process runs faster
    (another program may hold a core) reads more. Once ``own_work`` is done (it holds the
    rules), each piece is handed to ``weigh`` as soon as its rows are in."""
    pieces = [pairs[start:start + CHUNK_PAIRS] for start in range(0, len(pairs), CHUNK_PAIRS)]
    done: dict[int, tuple[list[TextRow], bool]] = {}
    sent: list[tuple[int, Pending[list[TextRow]]]] = []
    front, back = 0, len(pieces)
    work = list(own_work)

    def weigh_done() -> None:
        for number in sorted(done):
            weigh(number, *done.pop(number))

    while True:
        while sent and sent[0][1].ready():
            number, result = sent.pop(0)
            done[number] = result.get(), True
        while len(sent) < 2 and front < back:
            sent.append((front, pool.apply_async(text_rows, (pieces[front], concepts))))
            front += 1
        if work:
            work.pop(0)()
            continue
        weigh_done()
        if front < back:
            back -= 1
            done[back] = text_rows(pieces[back], concepts), False
        else:
            break
    for waiting, (number, result) in enumerate(reversed(sent)):
        # The last piece sent, when the second process has not read it, is most likely still
        # queued behind the other: it is read here (and dropped there) while that process
        # finishes the other, which then goes on to the words asked of it.
        here = waiting == 0 and not result.ready()
        while here and meanwhile is not None and result.begun() and not result.ready() and meanwhile():
            pass  # that process is reading it: what it would word after it is worded here meanwhile
        done[number] = (result.do_here(), False) if here else (result.get(), True)
        weigh_done()


WEIGHED = frozenset({ReasonCode.CERTAINTY, ReasonCode.CAUSALITY, ReasonCode.SCOPE, ReasonCode.QUANTIFIER,
                     ReasonCode.CAVEAT})
"""Typed reasons that are cues of wording. Where the derived claim is the more cautious side
(a hedge added, "show" → "indicates", a caveat added), the model weighs the cue (its ``rule_*``
signal) with the rest and may find that the claim agrees: a claim less sure than its source
still says what the source says. An overstatement stands whatever the model says: catching it
is what the rules are for. Measured on the dev sets as a whole (held-out folds), letting the
model weigh the more cautious side raised macro-F1 on all three (Check-COVID 0.565 → 0.581,
VitaminC 0.698 → 0.702, WiCE 0.527 → 0.534); weighing overstatements too would add more
(0.599, 0.703, 0.539) but called "Three cups of coffee a day protects" against "was
associated with a lower risk" an agreement."""


def _weighed(reason: Reason) -> bool:
    """Whether the model may overrule ``reason`` (see :data:`WEIGHED`)."""
    return reason.code in WEIGHED and reason.direction is not Direction.OVERSTATED


@cache
def shipped() -> Decision:
    """The decision trained by ``make train`` and shipped with the package (read once)."""
    data = resources.files("tui.engine.judge").joinpath(WEIGHTS_FILE).read_bytes()
    return Decision.from_bytes(data)


def settle(
    finding: Finding,
    counterpart: Statement | None,
    decision: Decision,
    known: Known | None = None,
    memo: dict[tuple[str, str], Judgement] | None = None,
    explained: dict[tuple[str, str], Reason] | None = None,
    document: Callable[[], Numbers] | None = None,
    concepts: Concepts | None = None,
    vocabulary: frozenset[str] | None = None,
    grounded: dict[tuple[str, str], str] | None = None,
) -> Finding:
    """A matched claim's status as the learned decision sees it, with its confidence.

    A divergence the typed rules named stands, unless it is only that the derived claim is more
    cautious than its source (:data:`WEIGHED`): the model weighs that and may call the claim
    an agreement. Where no rule named a divergence the model decides,
    and the signal that pushed hardest towards divergence is the reason shown. An agreement
    keeps no reason; its grounds say what both statements say and what the claim adds
    (:func:`~tui.engine.judge.explain.grounds`, kept per pair in ``grounded``).
    Findings that are not matched claims (non-claims, unsupported, omitted) pass unchanged.
    ``known`` holds cue facts already worked out; ``memo`` keeps judgements within one
    comparison, since a claim and its counterpart are often each other's best match, and
    ``explained`` the reasons :func:`explain` gave (a pair recurs with repeated sentences);
    ``document`` gives the numbers of the source's claims, for the reason's words
    (:func:`explain`; asked only for a number reason, once :meth:`Decision.judge_all` has);
    ``concepts`` the abbreviations the documents define, ``vocabulary`` the terms of the source's
    claims (for a content reason's words, :func:`explain`).
    The settled finding is made by its constructor (``dataclasses.replace`` reads the fields'
    list for every one of 17,000 findings).
    """
    needed = words_needed(finding, counterpart)
    if needed is None:
        return finding
    (derived, source), if_agree, if_diverge = needed
    judgement = memo.get((derived, source)) if memo is not None else None
    if judgement is None:
        judgement = decision.judge(derived, source, known, concepts=concepts)
        if memo is not None:
            memo[(derived, source)] = judgement
    if not (if_diverge if judgement.diverges else if_agree):
        # A typed rule named what changed and the model agrees, or the rule is one the model
        # may not overrule: the divergence stands, and the confidence says how far the model agrees
        # (below 0.5 when it would have called the pair an agreement).
        chance = judgement.confidence if judgement.diverges else 1.0 - judgement.confidence
        return Finding(finding.statement, Status.DIVERGENCE, finding.matches, finding.reasons, chance)
    if not judgement.diverges:
        said = grounded.get((derived, source)) if grounded is not None else None
        if said is None:
            said = grounds(derived, source, concepts, vocabulary)
            if grounded is not None:
                grounded[(derived, source)] = said
        return Finding(finding.statement, Status.AGREEMENT, finding.matches, (), judgement.confidence,
                       finding.ranked_by, said)
    reason = explained.get((derived, source)) if explained is not None else None
    if reason is None:
        reason = explain(judgement, derived, source, document, concepts, vocabulary)
        if explained is not None:
            explained[(derived, source)] = reason
    return Finding(finding.statement, Status.DIVERGENCE, finding.matches, (reason,), judgement.confidence)


def words_needed(finding: Finding, counterpart: Statement | None) -> tuple[tuple[str, str], bool, bool] | None:
    """Which words :func:`settle` gives a finding's verdict: None when the finding passes
    unchanged; else its pair, whether an agreement gets grounds (no typed reason, or only
    ones the decision may overrule) and whether a divergence gets a reason of the decision's
    (no typed reason: one a rule named stands)."""
    pair = judged_pair(finding, counterpart)
    if pair is None:
        return None
    bare = not finding.reasons
    return pair, bare or all(_weighed(r) for r in finding.reasons), bare


def judged_pair(finding: Finding, counterpart: Statement | None) -> tuple[str, str] | None:
    """The ``(derived, source)`` texts :func:`settle` judges for a finding (None: it passes
    unchanged), so that a caller can judge them all at once first (:meth:`Decision.judge_all`)."""
    if finding.status not in (Status.AGREEMENT, Status.DIVERGENCE) or counterpart is None:
        return None
    return pair_of(finding.statement, counterpart)


def pair_of(statement: Statement, counterpart: Statement) -> tuple[str, str]:
    """The ``(derived, source)`` texts of a statement and its counterpart, whichever its side."""
    own, other = statement.text, counterpart.text
    return (own, other) if statement.role is Role.DERIVED else (other, own)
