"""The reason a reviewer is shown for a divergence the learned decision found and no rule named,
and the grounds of an agreement.

The signal that pushed hardest towards divergence names it, in the words every export uses: an
antonym ("mild → severe"), a quantity going the other way, a negation one side alone has
("dropped “not” from “recovered from the stool”"), a figure the source does not give, or the
words the claim adds, those the whole source never uses first.

An agreement's grounds (:func:`grounds`) are the words both statements say and those the claim
adds, in the same words.

Invariant: reads the two texts, the judgement's pushes and what the comparison knows of the
source (its numbers, its abbreviations, its vocabulary); changes no verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Protocol

from tui.engine.align.text import as_read, cased, dashes, opens_sentence, stem, word_spans
from tui.engine.judge.concepts import Concepts
from tui.engine.judge.negation import denied_of_both, worded
from tui.engine.judge.signals import (
    difference,
    directions,
    negation_words,
    read,
    spelled_out,
    terms,
    unborne,
    unshown_words,
)
from tui.engine.judge.wording import NOT_BORNE_OUT
from tui.engine.lexicon import lists
from tui.engine.model import Reason, ReasonCode

if TYPE_CHECKING:
    from tui.engine.judge.amounts import Numbers


class Weighed(Protocol):
    """What a reason is read from: how far each named signal pushed towards divergence (a
    :class:`~tui.engine.judge.decide.Judgement`)."""

    @property
    def contributions(self) -> Mapping[str, float]: ...


_READABLE = ("antonym", "direction_flip", "negation_differs_shared", "numbers_unmatched", "number_unmatched",
             "year_differs")
"""Signals that make a reason of their own, in the order they are preferred on a tie. A
negation that denies only its own side's words is not one: "adds … military, intervention"
says what "without military intervention" changes better than "added “without”"."""


_NUMBER_SIGNALS = ("numbers_unmatched", "number_unmatched", "year_differs")
"""The readable signals whose reason names figures, looked for among all the source's claims."""


def _strongest(pushes: Mapping[str, float]) -> str:
    """The readable signal that pushed hardest towards divergence (the first on a tie)."""
    return max(_READABLE, key=lambda name: pushes.get(name, 0.0))


def reads_document(judgement: Weighed) -> bool:
    """Whether :func:`explain` asks the numbers of all the source's claims for this judgement's
    reason: only a figure's reason does. Any other reason reads the pair alone."""
    pushes = judgement.contributions
    best = _strongest(pushes)
    return best in _NUMBER_SIGNALS and pushes.get(best, 0.0) > 0.0


def explain(judgement: Weighed, derived: str, source: str, document: Callable[[], Numbers] | None = None,
            concepts: Concepts | None = None, vocabulary: frozenset[str] | None = None) -> Reason:
    """The reason a reviewer is shown for a divergence the rules did not name.

    A number reason names the claimed figures the source statement does not bear out; given
    ``document`` (the numbers of all the source's claims, when asked), only those no claim of
    the source bears out. A figure the source gives elsewhere is no figure "the source does
    not" give; where every one is given elsewhere, the reason says what the claim adds. A
    defined abbreviation is one term with its long form (``concepts``): "venous
    thromboembolism" adds nothing to a source that says "VTE". Given ``vocabulary`` (the terms
    of all the source's claims), a content reason names first the words the source never uses."""
    pushes = judgement.contributions
    best = _strongest(pushes)
    diff = difference(derived, source, concepts)
    if pushes.get(best, 0.0) > 0.0:
        if best == "antonym" and diff.flipped:
            said, against = _as_written(derived, diff.flipped[0]), _as_written(source, diff.flipped[1])
            return Reason(ReasonCode.OPPOSITE, None, f"{against} → {said}", against, said)
        if best == "direction_flip":
            pair = directions(derived, source)
            detail = f"{pair[1]} → {pair[0]}" if pair else "the quantity goes the other way"
            return Reason(ReasonCode.OPPOSITE, None, detail)
        if best == "negation_differs_shared":
            return _negation_reason(derived, source)
        if best in _NUMBER_SIGNALS:
            numbers = document() if document is not None else None
            claimed = ", ".join(_as_cased(derived, said) for said in list(dict.fromkeys(unborne(derived, source, numbers)))[:3])
            if claimed or document is None:
                return Reason(ReasonCode.NUMBER, None, f"{claimed or 'a number'}: {NOT_BORNE_OUT}")
    return Reason(ReasonCode.CONTENT, None, _content_detail(_added_words(derived, source, diff.added, concepts,
                                                                          vocabulary)))


SHOWN_WORDS = 6
"""How many words a content reason names."""


def grounds(derived: str, source: str, concepts: Concepts | None = None, vocabulary: frozenset[str] | None = None
            ) -> str:
    """What an agreement rests on, for a reviewer: the content words both statements say, as
    the claim writes them, its figures the source statement bears out, then what the claim
    adds, worded as a content reason words it ("both say detected, sewage; the same figure:
    five; adds presence, community; the source says cities elsewhere"), or "adds nothing".
    The learned decision weighed those added words and still found no divergence; its
    confidence says how far, and this says what it weighed."""
    d_content, s_content = terms(derived, concepts)[0], terms(source, concepts)[0]
    words_of = _words_of(derived, source, concepts)  # the claim read once for both lists
    both = [word for word, _ in words_of(d_content & s_content, None)][:SHOWN_WORDS]
    unmatched = set(unborne(derived, source))
    said = " ".join(both).lower()
    figures: list[str] = []
    for q in read(derived).quantities:  # the first few only: a statement of a table holds thousands
        if q.stated in unmatched:
            continue
        figure = _as_cased(derived, q.stated)
        if figure not in figures and figure.lower() not in said:  # not the 2019 of "2019-nCoV" again
            figures.append(figure)
            if len(figures) == SHOWN_FIGURES:
                break
    added = _content_detail(words_of(d_content - s_content, vocabulary))
    parts = [f"both say {', '.join(both)}" if both else "no content word in common"]
    if figures:
        parts.append(f"the same {'figure' if len(figures) == 1 else 'figures'}: {', '.join(figures)}")
    return "; ".join((*parts, added or "adds nothing"))


SHOWN_FIGURES = 3
"""How many figures an agreement's grounds name as borne out."""


def _content_detail(words: list[tuple[str, bool]]) -> str:
    """A content reason's words: those the source never uses first ("adds covid-19,
    sars-cov-2"), then those it says elsewhere, named as such ("; the source says
    air-conditioned, restaurant elsewhere"): a claim that draws on two sentences of its source
    adds nothing the reviewer has to look for outside it."""
    new = [word for word, known in words if not known][:SHOWN_WORDS]
    elsewhere = [word for word, known in words if known][:SHOWN_WORDS - len(new)]
    if not new:
        return f"the source says {', '.join(elsewhere)} elsewhere" if elsewhere else ""
    return f"adds {', '.join(new)}" + (f"; the source says {', '.join(elsewhere)} elsewhere" if elsewhere else "")


def _added_words(derived: str, source: str, added: frozenset[str], concepts: Concepts | None,
                 vocabulary: frozenset[str] | None) -> list[tuple[str, bool]]:
    """The words of ``derived`` whose terms are in ``added`` (:func:`_words_of`)."""
    return _words_of(derived, source, concepts)(added, vocabulary)


def _words_of(derived: str, source: str, concepts: Concepts | None
              ) -> Callable[[frozenset[str], frozenset[str] | None], list[tuple[str, bool]]]:
    """The words of ``derived`` whose terms are in a set ``added``, as a content reason lists them:
    once each, in lower case but for an acronym, which keeps its letters ("US", not the "us"
    of a pronoun; "IL-6"), and a name, capitalised inside the sentence ("Steve Aoki",
    "Lancôme") or opening it before another name or as the source writes it inside one; a
    hyphened compound whole ("air-conditioned", "SARS-CoV-2") and a name as one ("United
    States"); without the spelling out of the source's acronyms, amounts
    and connectives; those the whole source (``vocabulary``) never uses first, each with
    whether the source uses it elsewhere."""
    spelled = spelled_out(derived, source)
    unshown = unshown_words()
    concept_at = {at: term for term, places in terms(derived, concepts)[2].items() for at in places}
    reading = read(derived)
    spans = word_spans(reading.plain)
    joined = _hyphened(reading.plain, spans, dashes(derived))
    written = cased(derived) or reading.plain

    others = read(source).names

    def named(at: int) -> bool:
        """Whether the word at ``at`` is a name: capitalised inside a sentence; or opening one,
        and capitalised inside a sentence of the source, or followed at once by a name ("Mira
        Sorvino is …", "Rip Torn played …")."""
        start = spans[at][0]
        if not written[start:start + 1].isupper():
            return False
        if not opens_sentence(written, start):
            return True  # "Lancôme" too, which the signals' ASCII reading of names leaves out
        after = at + 1
        return reading.tokens[at] in others or (
            after < len(spans) and written[spans[after][0]:spans[after][0] + 1].isupper()
            and reading.plain[spans[at][1]:spans[after][0]] == " ")

    def shown(start: int, end: int, name: bool) -> str:
        word = written[start:end]
        if word[1:] != word[1:].lower():
            return word  # a capital after the first letter: "US", "IL-6"
        return word if name else word.lower()  # a name: "Steve Aoki", not the "Aspirin" that opens a sentence

    def listed(added: frozenset[str], vocabulary: frozenset[str] | None) -> list[tuple[str, bool]]:
        new: list[tuple[str, bool]] = []  # each word (or name), and whether the source uses it anywhere
        shown_at: dict[int, int] = {}  # a compound's first word → where ``new`` shows it
        last = -2
        for at, w in enumerate(reading.tokens):
            key = concept_at.get(at, stem(w))
            if len(w) < 2 or key not in added or w in spelled or w in unshown:  # one letter: the "u" of "U.S."
                continue
            known = vocabulary is not None and key in vocabulary
            if at in joined:
                first, end = joined[at]
                if first in shown_at:  # another word of a compound already shown
                    place = shown_at[first]
                    new[place] = (new[place][0], new[place][1] and known)
                else:
                    shown_at[first] = len(new)
                    new.append((shown(spans[first][0], end, named(first)), known))
            elif (at == last + 1 and new and named(at) and named(last)
                  and reading.plain[spans[at - 1][1]:spans[at][0]].isspace()):
                new[-1] = (f"{new[-1][0]} {shown(*spans[at], True)}", new[-1][1] and known)
            else:
                new.append((shown(*spans[at], named(at)), known))
            last = at
        # stable: the claim's order within each group, the words that frame it as news last
        new.sort(key=lambda word: (word[1], word[0].lower() in _news_frame()))
        as_first_written: dict[str, tuple[str, bool]] = {}
        for word, known in new:
            as_first_written.setdefault(word.lower(), (word, known))  # once each
        words = list(as_first_written.values())
        parts = {part.lower() for word, _ in words if "-" in word for part in word.split("-")}
        return [(w, known) for w, known in words if "-" in w or w.lower() not in parts]  # not "pro-survival, survival"

    return listed


@cache
def _news_frame() -> frozenset[str]:
    """Words with which a report frames a claim ("a new study shows"), listed last (``news_frame.txt``)."""
    return lists.words("news_frame.txt")


def _hyphened(plain: str, spans: list[tuple[int, int]], dashed: frozenset[int] = frozenset()
              ) -> dict[int, tuple[int, int]]:
    """Each word that a hyphen joins to the next or the last, by its place: the compound's first
    word and where the compound ends. "air-conditioned" is two words to the matcher and one to
    a reader, so a reason that named "air, conditioned" named neither. A dash (``dashed``:
    where ``plain`` has "-" for one, :func:`~tui.engine.align.text.dashes`) joins nothing:
    "chest—accounts" is "chest, accounts"."""
    out: dict[int, tuple[int, int]] = {}
    start = 0
    for at in range(1, len(spans) + 1):
        if at < len(spans) and plain[spans[at - 1][1]:spans[at][0]] == "-" and spans[at - 1][1] not in dashed:
            continue
        if at - start > 1:
            out.update((k, (start, spans[at - 1][1])) for k in range(start, at))
        start = at
    return out


def _as_cased(text: str, said: str) -> str:
    """A figure the number reader gives in lower case ("after april 15, 2020") as ``text``
    writes it ("after April 15, 2020"), bar a capital that only opens a sentence."""
    plain, written = read(text).plain, cased(text)
    at = plain.find(said)
    if at < 0 or written is None or len(written) != len(plain):
        return said
    return as_read(written, at, written[at:at + len(said)])


def _as_written(text: str, stemmed: str) -> str:
    """The first word of ``text`` whose stem is ``stemmed``, as the text writes it (lower case):
    "earlier", not its stem "earli"."""
    return next((w for w in read(text).tokens if stem(w) == stemmed), stemmed)


def _negation_reason(derived: str, source: str) -> Reason:
    """The negation one side has and the other lacks, worded as the negation rule words it."""
    d_words, s_words = negation_words(derived), negation_words(source)
    if len(d_words) > len(s_words):
        word = next((w for w in d_words if w not in s_words), d_words[0])
        cue, denied = denied_of_both(derived, word, source) or (word, "")
        return Reason(ReasonCode.NEGATION, None, worded("added", cue, denied), None, cue)
    word = next((w for w in s_words if w not in d_words), s_words[0] if s_words else "a negation")
    cue, denied = denied_of_both(source, word, derived) or (word, "")
    return Reason(ReasonCode.NEGATION, None, worded("dropped", cue, denied), cue, None)
