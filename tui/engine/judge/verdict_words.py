"""The verdicts' words of a comparison (an agreement's grounds, a divergence's reason),
worded as its pairs are judged, by the process that read them.

Grounds and reasons (:mod:`tui.engine.judge.explain`) read the pair's texts again. Worded
after the decision, in the first process alone, they took 0.07-0.08 s of the 290 KB InSciOut
pair and 0.3 s of the ~1 MB generated one while the second process sat idle, much of it
reading again texts that process had read. :class:`VerdictWords` words each piece of pairs
as soon as :meth:`~tui.engine.judge.decide.Decision.judge_all` has weighed it: in the second
process when that one read its texts, here otherwise, while the other pieces are still read.

Invariant: it words exactly what :func:`~tui.engine.judge.decide.settle` would, with the same
functions on the same values, and hands it over in the memos ``settle`` reads first; a pair it
leaves out is worded by ``settle`` as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui.engine.judge.concepts import Concepts
from tui.engine.judge.decide import Judgement, words_needed
from tui.engine.judge.explain import explain, grounds, reads_document
from tui.engine.model import Finding, Reason, Statement

if TYPE_CHECKING:
    from tui.engine.judge.amounts import Numbers
    from tui.engine.model import Pending, Worker

Pair = tuple[str, str]
Words = str | Reason
"""An agreement's grounds, or a divergence's reason."""
Asked = tuple[str, str, Judgement | None]
"""A pair's texts, and its judgement when it is a divergence's reason that is asked (None: grounds)."""

_KEPT: dict[str, frozenset[str]] = {}
"""In the second process: the source's vocabulary for the comparison under way."""


class VerdictWords:
    """Words a comparison's verdicts as its pieces of pairs are judged (see the module docstring).

    Args:
        findings: The classified findings and their counterparts, complete once the pairs are
            weighed (they tell which verdicts need words: one a typed rule names needs none).
        document: The numbers of the source's claims, which a figure's reason asks here.
        concepts: The abbreviations the documents define.
        vocabulary: The terms of the source's claims.
        pool: The second process, when there is one.
    """

    def __init__(self, findings: Sequence[tuple[Finding, Statement | None]],
                 document: Callable[[], Numbers] | None, concepts: Concepts | None,
                 vocabulary: frozenset[str], pool: Worker | None = None) -> None:
        self._findings = findings
        self._document = document
        self._concepts = concepts
        self._vocabulary = vocabulary
        self._pool = pool
        self._needs: dict[Pair, tuple[bool, bool]] | None = None
        self._pending: list[tuple[list[Asked], Pending[list[Words]]]] = []
        self._kept = False
        self.grounded: dict[Pair, str] = {}
        """An agreement's grounds, per ``(derived, source)`` pair."""
        self.explained: dict[Pair, Reason] = {}
        """A divergence's reason, per pair."""

    def __call__(self, pairs: Sequence[Pair], judgements: Sequence[Judgement], there: bool) -> None:
        """Word the verdicts of a piece of judged pairs that need words: in the second process
        when ``there`` (it read the pairs' texts), here otherwise."""
        needs = self._needs_of()
        asked: list[Asked] = []
        for pair, judgement in zip(pairs, judgements, strict=True):
            if_agree, if_diverge = needs.get(pair, (False, False))
            if judgement.diverges and if_diverge:
                if reads_document(judgement):  # the source's numbers are this process's
                    self.explained[pair] = explain(judgement, *pair, self._document, self._concepts, self._vocabulary)
                else:
                    asked.append((*pair, judgement))
            elif not judgement.diverges and if_agree:
                asked.append((*pair, None))
        if not asked:
            return
        if there and self._pool is not None:
            if not self._kept:
                self._pool.apply_async(keep_vocabulary, (self._vocabulary,), here=_nothing)
                self._kept = True
            # later: the pieces of pairs it reads come first (this process waits on those)
            self._pending.append((asked, self._pool.apply_async(
                word_kept, (asked, self._concepts), here=lambda: word(asked, self._concepts, self._vocabulary),
                later=True)))
        else:
            self._store(asked, word(asked, self._concepts, self._vocabulary))

    def word_last_here(self) -> bool:
        """Word here the last piece the second process was asked for and has not begun, and
        drop it there; False when there is none. For the time this process would otherwise
        wait on it at the end of the pairs (17-20 ms on the 290 KB InSciOut pair)."""
        if not self._pending or self._pending[-1][1].begun():
            return False
        asked, pending = self._pending.pop()
        self._store(asked, pending.do_here())
        return True

    def finish(self, meanwhile: Callable[[frozenset[Pair]], None] | None = None) -> None:
        """Take in the words the second process was asked for (before it is stopped).

        It words its pieces in the order asked, and may still have a few to go when this one is
        done: those are worded here from the last one back, while it words the first, and the
        last one it is on is waited for (on the 290 KB InSciOut pair this one waited 25 ms for
        three pieces). ``meanwhile`` is called first, if this one would wait, with the pairs
        whose words are still to come: work that needs none of them (settling the other
        findings; up to 22 ms of waiting on that pair)."""
        todo = self._pending
        while todo:
            asked, pending = todo[0]
            if pending.ready() or len(todo) == 1:
                if meanwhile is not None and not pending.ready():
                    meanwhile(frozenset((derived, source) for piece, _ in todo for derived, source, _ in piece))
                    meanwhile = None
                self._store(asked, pending.get())
                todo.pop(0)
            else:
                asked, pending = todo.pop()
                self._store(asked, pending.do_here())  # and dropped there

    def _store(self, asked: list[Asked], words: list[Words]) -> None:
        for (derived, source, judgement), said in zip(asked, words, strict=True):
            if judgement is None:
                assert isinstance(said, str)
                self.grounded[(derived, source)] = said
            else:
                assert isinstance(said, Reason)
                self.explained[(derived, source)] = said

    def _needs_of(self) -> dict[Pair, tuple[bool, bool]]:
        """Per pair, whether its verdict needs words if it agrees, and if it diverges, for any of
        its findings (:func:`~tui.engine.judge.decide.words_needed`)."""
        if self._needs is None:
            needs: dict[Pair, tuple[bool, bool]] = {}
            for finding, counterpart in self._findings:
                found = words_needed(finding, counterpart)
                if found is not None:
                    pair, if_agree, if_diverge = found
                    was = needs.get(pair, (False, False))
                    needs[pair] = (was[0] or if_agree, was[1] or if_diverge)
            self._needs = needs
        return self._needs


def word(asked: Sequence[Asked], concepts: Concepts | None, vocabulary: frozenset[str]) -> list[Words]:
    """Each asked pair's grounds, or its reason (given its judgement), as ``settle`` words them:
    a reason asked here is one that reads the pair alone (not ``reads_document``)."""
    return [grounds(derived, source, concepts, vocabulary) if judgement is None
            else explain(judgement, derived, source, None, concepts, vocabulary)
            for derived, source, judgement in asked]


def keep_vocabulary(vocabulary: frozenset[str]) -> None:
    """In the second process: keep the source's vocabulary for :func:`word_kept` (sent once)."""
    _KEPT["vocabulary"] = vocabulary


def word_kept(asked: Sequence[Asked], concepts: Concepts | None) -> list[Words]:
    """In the second process: :func:`word` with the vocabulary :func:`keep_vocabulary` kept."""
    return word(asked, concepts, _KEPT["vocabulary"])


def _nothing() -> None:
    """Nothing to keep here: this process words with its own vocabulary."""
