"""Statuses and reasons: how a derived claim stands against its counterpart in the source.

Invariant: the rules read the two texts of a matched pair only (no document-specific lists),
and each reason says which way the claim moved, read from the derived side: ``overstated``
when the derived text claims more (more certain, causal where the source saw association,
all where it said some, people where it studied mice, a caveat dropped), ``understated``
when it claims less.

Two kinds of reason differ in how close the pair must be. A change of certainty, causality,
scope or a dropped caveat matters whenever a claim leans on a source statement at all; a
changed number, a flipped negation or a changed quantifier is read in full only between two
versions of *the same* sentence (``CompareOptions.same_claim_threshold``). Between looser
matches narrower tests stand in: a number changed beside a value both share, in the same
unit; a relationship denied on one side and stated on the other; a cause one side
proposes or reports as an association, stated as fact on the other. Every test reads both
ways, so swapping the documents swaps the verdicts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from tui.engine.align.text import as_read
from tui.engine.judge.cued import (
    CueWords,
    advice,
    called_settled,
    caveat,
    first,
    of,
    quantifier,
    settled,
)
from tui.engine.judge.negation import denied_of_both, worded
from tui.engine.judge.numbers import (
    anchored_numbers,
    changed_amount,
    measures,
    shares_a_figure,
    values,
)
from tui.engine.judge.quantity import quantities
from tui.engine.judge.scope import Scope, scope_change, scope_marks
from tui.engine.judge.strength import (
    CAUSAL,
    CONDITIONAL,
    CORRELATIONAL,
    NONE,
    claim_strength,
    denied_relation,
    main_clause_first,
    possibility,
)
from tui.engine.judge.wording import NO_FINDING, PLAIN, STRENGTH_NAMES, UNWORDED
from tui.engine.lexicon.cues import find_cues
from tui.engine.lexicon.scene import sets_the_scene
from tui.engine.model import (
    Candidate,
    CompareOptions,
    Direction,
    Finding,
    Kind,
    Reason,
    ReasonCode,
    Role,
    Statement,
    Status,
)


def compare_claims(
    source: str, derived: str, *, same_claim: bool = True, known: Known | None = None, memo: Ruled | None = None
) -> list[Reason]:
    """Why ``derived`` diverges from ``source``, as reasons (empty when it does not).

    Args:
        source: The source statement's text.
        derived: The derived statement's text.
        same_claim: True when the two are versions of the same sentence, so numbers,
            negations and quantifiers are compared too.
        known: Facts already worked out, by text (the pipeline's); others are read here.
        memo: Reasons already given within one comparison, kept there too (:data:`Ruled`).

    Returns:
        Reasons in a fixed order: caveat, certainty, causality, scope, then the
        same-claim ones (number, negation, quantifier); a relationship one side denies and the
        other states takes the place of certainty and causality (:func:`_denied_relation`). Between loosely
        matched statements a number counts only beside a value both share
        (:func:`~tui.engine.judge.numbers.anchored_numbers`).
    """
    if memo is not None:
        key = (source, derived, same_claim)
        if key not in memo:
            memo[key] = tuple(compare_claims(source, derived, same_claim=same_claim, known=known))
        return list(memo[key])
    s, d = _facts_of(source, known), _facts_of(derived, known)
    denier = _denier(s, d)
    denial = _denied_relation(s, d, source, derived, denier) if denier else []
    negated = _negation(source, derived, s.cues, d.cues) if same_claim else []
    if negated and denial and _says_again(negated[0], denial[0]):
        # "dropped “did not” from “improve memory”" says it, and of what: it takes the direction
        negated, denial = [replace(negated[0], direction=denial[0].direction), *negated[1:]], []
    reasons: list[Reason] = []
    reasons += caveat(s.cues, d.cues)
    # a relationship one side denies is no matter of certainty: the denial (or the negation) says it
    reasons += denial if denier else (
        _certainty_and_causality(s, d, same_claim)
        or called_settled(s.settled, d.settled, _certainty_level(s.cues), s.strength >= CORRELATIONAL))
    reasons += scope_change(s.scope, d.scope, derived)
    reasons += advice(s.cues, d.cues)
    if same_claim:
        reasons += changed_amount(source, derived, s.values, d.values)
        reasons += negated
        reasons += quantifier(s.cues, d.cues)
    else:
        reasons += anchored_numbers(source, derived, (s.values, s.measures), (d.values, d.measures))
    return reasons


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules read from one statement: worked out once per text, then looked up."""

    cues: CueWords
    values: tuple[str, ...]
    scope: Scope
    strength: int
    denied: str | None = None
    """The words denying a relationship ("did not result in a lower"), if it denies one."""
    measures: tuple[tuple[str, str], ...] = ()
    """Each number with what it counts (see :func:`measures`)."""
    shares: bool = False
    """Whether it states a share of a whole or a change in per cent, however written ("36.4%",
    "over one third", "40 of 80 patients", a hazard ratio's relative change), not an
    interval's level ("95% CI"). The ranker reads it."""
    settled: str | None = None
    """The words that call its finding settled ("clinically proven"), if any (:func:`settled`)."""

    def __reduce__(self) -> tuple[type[Facts], tuple[object, ...]]:
        """Pickled as the arguments it is made from: the second process sends a document's facts
        five times faster than through the dataclass's field-by-field state."""
        return (Facts, (self.cues, self.values, self.scope, self.strength, self.denied, self.measures, self.shares,
                        self.settled))


Known = Mapping[str, Facts]
"""Facts already worked out, by text: the pipeline reads each claim's once and passes them on."""
Ruled = dict[tuple[str, str, bool], tuple[Reason, ...]]
"""Reasons by ``(source, derived, same_claim)``: classifying and the decision's rule signals
ask about the same pairs (nine in ten matched claims are versions of one sentence)."""


def facts(text: str) -> Facts:
    """The facts of a statement's text, read afresh."""
    return Facts(
        _cue_words(text), values(text), scope_marks(text), claim_strength(text), denied_relation(text),
        measures(text), any(q.unit == "%" for q in quantities(text)), settled(text),
    )


def _facts_of(text: str, known: Known | None) -> Facts:
    """The facts of ``text``: looked up in ``known`` when there, else read."""
    return (known.get(text) if known is not None else None) or facts(text)


def _cue_words(text: str) -> CueWords:
    """Each category's first cue in ``text``, as a reason quotes it (:func:`as_read`); a hedge
    in a clause that sets the scene is not the claim's (:func:`~tui.engine.lexicon.scene.sets_the_scene`)."""
    words: CueWords = {}
    for cue in main_clause_first(text, find_cues(text)):
        if cue.category not in words and not (cue.category == "hedge" and sets_the_scene(text, cue.start)):
            words[cue.category] = as_read(text, cue.start, cue.text)
    return words


def _asserts(found: Facts) -> bool:
    """Whether a statement asserts something a caveat could limit (a finding, or boosted)."""
    return found.strength >= 1 or of(found.cues, "booster")


def _certainty_level(cues: CueWords) -> int:
    """0 hedged, 1 plain, 2 boosted (a hedge anywhere wins: "suggests … significantly")."""
    if of(cues, "hedge") or of(cues, "caveat"):
        return 0
    return 2 if of(cues, "booster") else 1


def _one_word(s_words: str | None, d_words: str | None) -> bool:
    """Whether both sides' levels are set by the same word, read once as a hedge and once as
    a booster ("would" that reports a "will" against a "would" of a story told in the past):
    the word is no change of certainty, whatever its two readings."""
    return s_words is not None and d_words is not None and s_words.lower() == d_words.lower()


def _certainty_and_causality(s: Facts, d: Facts, same_claim: bool) -> list[Reason]:
    """Claim strength (InSciOut scale) between versions of one sentence; between loosely
    matched statements a jump from hedged to boosted, a proposed cause stated as fact, or an
    association stated as a cause (each also back) counts.

    Between versions of one sentence, equal strengths mean no certainty reason even when the
    cue words differ: adding a cue-level check there cost macro-F1 0.69 → 0.54 on InSciOut
    train (the strength scale already reads hedges and boosters).
    """
    s_cues, d_cues = s.cues, d.cues
    s_level, d_level = _certainty_level(s_cues), _certainty_level(d_cues)
    s_words = first(s_cues, "hedge") or first(s_cues, "caveat") or first(s_cues, "booster") or first(s_cues, "association")
    # each side is named by the cue that sets its level: a hedge wins over a booster ("unclear … will")
    hedged = (first(d_cues, "hedge") or first(d_cues, "caveat")) if d_level == 0 else None
    d_words = (hedged or first(d_cues, "booster") or first(d_cues, "hedge") or first(d_cues, "causal")
               or first(d_cues, "association"))
    if s_words or d_words:
        detail = f"{s_words or PLAIN} → {d_words or PLAIN}"
    else:  # no cue words on either side: name the claims' strengths instead
        detail = f"{STRENGTH_NAMES[s.strength]} → {STRENGTH_NAMES[d.strength]}"
    if not same_claim:
        if abs(s_level - d_level) == 2 and not _one_word(s_words, d_words):
            direction = Direction.OVERSTATED if d_level > s_level else Direction.UNDERSTATED
            return [Reason(ReasonCode.CERTAINTY, direction, detail, s_words, d_words)]
        booster = first(d_cues, "booster")
        if s_level == 0 and booster and not of(s_cues, "booster") and d.strength >= s.strength >= CONDITIONAL:
            # an intensifier added to a cause the source only proposes ("could" → "can significantly")
            return [Reason(ReasonCode.CERTAINTY, Direction.OVERSTATED, f"{s_words} → {booster}", s_words, booster)]
        if s.strength == NONE and not s.denied and s_level == 1 and d_level == 2 and d.strength == CAUSAL:
            # "cells were tested in a trial" → "cells cure every patient": a boosted cause where
            # the source states no finding at all
            return [Reason(ReasonCode.CERTAINTY, Direction.OVERSTATED, f"{NO_FINDING} → {booster}", None, booster)]
        # "coffee may protect against fibrosis" → "coffee protects your liver": a cause one
        # side only proposes, the other states as fact, even in other words (or back).
        if s_level == 0 and s.strength == CONDITIONAL and d.strength == CAUSAL and d_level == 1:
            return [Reason(ReasonCode.CERTAINTY, Direction.OVERSTATED, detail, s_words, d_words)]
        if d_level == 0 and d.strength == CONDITIONAL and s.strength == CAUSAL and s_level == 1:
            return [Reason(ReasonCode.CERTAINTY, Direction.UNDERSTATED, detail, s_words, d_words)]
        # An association one side reports, the other states as a plain cause (or back).
        if s.strength == CORRELATIONAL and d.strength == CAUSAL and d_level >= 1 and of(s_cues, "association"):
            s_assoc, d_cause = first(s_cues, "association"), first(d_cues, "causal") or PLAIN
            return [Reason(ReasonCode.CAUSALITY, Direction.OVERSTATED, f"{s_assoc} → {d_cause}", s_assoc, d_cause)]
        if d.strength == CORRELATIONAL and s.strength == CAUSAL and s_level >= 1 and of(d_cues, "association"):
            s_cause, d_assoc = first(s_cues, "causal") or PLAIN, first(d_cues, "association")
            return [Reason(ReasonCode.CAUSALITY, Direction.UNDERSTATED, f"{s_cause} → {d_assoc}", s_cause, d_assoc)]
        return []
    s_strength, d_strength = s.strength, d.strength
    if {s_strength, d_strength} == {NONE, CORRELATIONAL} and not (s.denied if s_strength == NONE else d.denied):
        # a strength of 0 that no denial set is a statement whose relation the cues do not read
        # ("rates of violent death have fallen"): a correlation against it is no change we can name
        return []
    if s_strength != d_strength:
        direction = Direction.OVERSTATED if d_strength > s_strength else Direction.UNDERSTATED
        if s_words and s_words == d_words and bool(s.denied) != bool(d.denied):
            # one side denies what the other states, in the same words ("did not significantly
            # reduce" → "significantly reduced"): the denial is what changed, not the shared word
            s_words, d_words = s.denied or s_words, d.denied or d_words
            detail = f"{s_words} → {d_words}"
        elif (s_words and s_words == d_words) or (d_level - s_level) * (d_strength - s_strength) < 0:
            # "idea → idea" says nothing, and the hedge and booster words may run the other way
            # ("will run" against "would be delayed": stronger, though "would" hedges): name the strengths
            detail = f"{STRENGTH_NAMES[s_strength]} → {STRENGTH_NAMES[d_strength]}"
            s_words = d_words = None
        crosses_causation = min(s_strength, d_strength) <= 1 < max(s_strength, d_strength)
        if crosses_causation and (of(s_cues, "association") or of(d_cues, "association")
                                  or CORRELATIONAL in (s_strength, d_strength)):  # a comparison: "was lower in"
            s_assoc = first(s_cues, "association") or first(s_cues, "causal") or PLAIN
            d_assoc = first(d_cues, "causal") or first(d_cues, "association") or PLAIN
            return [Reason(ReasonCode.CAUSALITY, direction, f"{s_assoc} → {d_assoc}", s_assoc, d_assoc)]
        return [Reason(ReasonCode.CERTAINTY, direction, detail, s_words, d_words)]
    return []


_NOT_ALL = re.compile(r"\W*not\s+(?:all|every|everyone|everybody|each|always)\b", re.IGNORECASE)
"""A negated quantifier ("not all patients improved") limits a claim; it denies no relation."""


def _denier(s: Facts, d: Facts) -> Role | None:
    """The side that denies a relationship ("do not support a potential link") the other side
    states ("indicate a link"), if one does; a negated quantifier ("not all") denies none."""
    def denies(one: Facts, other: Facts) -> bool:
        return bool(one.denied) and not _NOT_ALL.match(one.denied or "") and other.strength >= CORRELATIONAL \
            and "negation" not in other.cues
    return Role.SOURCE if denies(s, d) else Role.DERIVED if denies(d, s) else None


def _denied_relation(s: Facts, d: Facts, source: str, derived: str, denier: Role) -> list[Reason]:
    """The reason for a relationship the ``denier`` denies and the other side states: the
    denial as written ("did not result in a lower", "don't curb") and the other side's relation
    cue ("cut", "indicate"). In the place of a certainty reason: "the source says this is not
    yet certain (“potential”)" misread "do not support a potential link"."""
    if denier is Role.SOURCE:
        denied, said = _denial_as_written(source, s.denied or ""), _relation_cue(d, derived)
        return [Reason(ReasonCode.NEGATION, Direction.OVERSTATED, f"{denied} → {said}", denied, said)]
    denied, said = _denial_as_written(derived, d.denied or ""), _relation_cue(s, source)
    return [Reason(ReasonCode.NEGATION, Direction.UNDERSTATED, f"{said} → {denied}", said, denied)]


def _relation_cue(found: Facts, text: str) -> str:
    """The words a statement states its relationship in: its cause, else its association, else
    the modal that makes it a possibility ("could be"), as the text writes them."""
    cue = first(found.cues, "causal") or first(found.cues, "association")
    if cue is None and found.strength >= CONDITIONAL and (possible := possibility(text)) is not None:
        return as_read(text, *possible)
    return cue or UNWORDED[found.strength >= CONDITIONAL]


_AUXILIARY = re.compile(r"\b(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|may|might|should|must)\s+$",
                        re.IGNORECASE)
_GLUED = re.compile(r"\w+$")


def _denial_as_written(text: str, denied: str) -> str:
    """A denial as the text writes it, with the verb it negates: "did not result", "didn't
    improve" (the denial reader keeps "not result", "n't improve")."""
    at = text.lower().find(denied.lower())
    if at < 0:
        return denied
    before = (_GLUED if denied[:1] in "nN" and denied[1:2] in "'’" else _AUXILIARY).search(text, 0, at)
    start = before.start() if before else at
    return as_read(text, start, text[start:at + len(denied)])


def _says_again(negated: Reason, denial: Reason) -> bool:
    """Whether a negation reason's cue is the denial's own ("did not" in "did not improve")."""
    cue = negated.source_cue or negated.derived_cue
    denied = denial.source_cue if denial.direction is Direction.OVERSTATED else denial.derived_cue
    return bool(cue and denied and cue.lower() in denied.lower())


def _negation(source: str, derived: str, s_cues: CueWords, d_cues: CueWords) -> list[Reason]:
    """A negation one side adds or drops, when it denies what both sides say: one that denies
    words only its own side has is an aside, for the learned decision to weigh
    (:mod:`tui.engine.judge.negation`)."""
    s_neg, d_neg = first(s_cues, "negation"), first(d_cues, "negation")
    if bool(s_neg) == bool(d_neg):
        return []
    if s_neg:
        denial = denied_of_both(source, s_neg, derived)
        return [] if denial is None else [Reason(ReasonCode.NEGATION, None, worded("dropped", *denial), denial[0], None)]
    assert d_neg is not None
    denial = denied_of_both(derived, d_neg, source)
    return [] if denial is None else [Reason(ReasonCode.NEGATION, None, worded("added", *denial), None, denial[0])]


def matched(statement: Statement, matches: list[Candidate], counterpart: Statement | None,
            options: CompareOptions) -> bool:
    """Whether :func:`classify` calls a statement an agreement or a divergence: a claim whose
    counterparts reach ``match_threshold``, or whose counterpart gives a figure of its own
    (:func:`shares_a_figure`; known before its rules are asked)."""
    return (statement.kind is Kind.CLAIM and counterpart is not None and bool(matches)
            and (max(m.score for m in matches) >= options.match_threshold
                 or shares_a_figure(statement.text, counterpart.text)))


def classify(
    statement: Statement,
    matches: list[Candidate],
    counterpart: Statement | None,
    options: CompareOptions,
    known: Known | None = None,
    memo: Ruled | None = None,
) -> Finding:
    """The engine's proposal for one statement, given its ranked counterparts.

    Args:
        statement: The statement to classify (either side).
        matches: Its counterparts in the other document, best first.
        counterpart: The statement of the first match (None when there is none).
        options: Thresholds.
        known: Facts already worked out, by text (see :data:`Known`).
        memo: Reasons already given within the comparison (see :data:`Ruled`).

    Returns:
        A finding: no status for non-claims; unsupported/omitted when no counterpart scores
        ``match_threshold``; divergence when :func:`compare_claims` gives reasons; else agreement.
    """
    if statement.kind is not Kind.CLAIM:
        return Finding(statement, None)
    if counterpart is None or not matched(statement, matches, counterpart, options):
        unmatched = Status.UNSUPPORTED if statement.role.value == "derived" else Status.OMITTED
        return Finding(statement, unmatched, tuple(matches))
    source, derived = (
        (statement.text, counterpart.text) if statement.role.value == "source" else (counterpart.text, statement.text)
    )
    reasons = compare_claims(source, derived, same_claim=matches[0].score >= options.same_claim_threshold,
                             known=known, memo=memo)
    own = _facts_of(statement.text, known)
    if not _asserts(own) and not of(own.cues, "caveat"):
        # A statement that asserts nothing ("pins and needles", "Symptoms include:") drops no
        # caveat; the caveat's own statement still shows that it was not carried over.
        reasons = [r for r in reasons if r.code is not ReasonCode.CAVEAT]
    status = Status.DIVERGENCE if reasons else Status.AGREEMENT
    return Finding(statement, status, tuple(matches), tuple(reasons))
