"""Claim strength on the InSciOut scale, read from lexical cues (no trained model).

The scale of Sumner et al. 2014 (BMJ 349:g7015), as coded in the InSciOut data that
Wright & Augenstein 2021 release: 0 = no relationship stated (or a statement that there is
none), 1 = correlational ("associated with", "linked to", "more likely"), 2 = conditional
causal ("may reduce", "could lead to", "appears to improve"), 3 = direct causal or
certain ("reduces", "has been shown to improve", "causes").

A verb that reports a finding ("suggests that", "indicates that") leaves its strength to the
finding's own words: "the trials suggest that X improves Y" is direct, "… that X may improve Y"
conditional. So the InSciOut coders read it: in the training rows every "suggest that" with no
modal after it is coded 3. (The certainty rule still hears "suggest" as a hedge: a claim that
drops it changes certainty, not claim strength.)

The classifier compares ``claim_strength(derived)`` with ``claim_strength(source)``: higher
means overstated, lower understated. The rules were tuned on ``insciout_train.jsonl`` only;
``tests/evaluate.py`` reports them on ``insciout_test.jsonl``.

Invariant: a pure function of the text, always in 0–3; the same words give the same strength.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tui.engine.lexicon.cues import Cue, find_cues
from tui.engine.lexicon.months import is_month
from tui.engine.lexicon.reported import reports_will

NONE, CORRELATIONAL, CONDITIONAL, CAUSAL = 0, 1, 2, 3
"""The four levels, by name."""

_MODAL = re.compile(
    r"(?<![\w-])(?:may|might|could|can|would|possibly|potentially|perhaps|likely\s+to|appears?\s+to|seems?\s+to)(?![\w-])",
    re.IGNORECASE,
)
"""Words that make a causal verb conditional ("may reduce"), looked for just before the verb."""
MODAL_REACH = 40
"""How many characters before a causal verb a modal may stand ("could significantly cut")."""
_HEDGE_VERB = re.compile(
    r"(?<![\w-])(?:appear\w*|seem\w*|potential\w*|hypothes\w*|propos\w*|possib\w*|"
    r"likely|may|might|could|implies|imply)(?![\w-])",
    re.IGNORECASE,
)
"""Hedges that, anywhere before the causal verb, make the claim conditional unless boosted
(not "suggest" nor "indicate", which report a finding and leave its strength to it)."""
_SPECULATIVE = re.compile(r"(?<![\w-])(?:may|might|could)(?![\w-])", re.IGNORECASE)
"""A modal that makes a whole claim conditional wherever it stands ("… may hold the key")."""
_NEGATOR = r"(?:(?<![\w-])(?:no|not|nor|neither|without|never|little|unrelated|fail\w*\s+to)|n't)"
_QUALIFIER = r"significant(?:ly)?|clear|strong|consistent|any|an?|the|have|be|been"
"""Words that may stand between a negation and the relation it denies ("no clear link")."""
_RELATION = (
    r"associat\w*|relat\w*|link\w*|correlat\w*|effect\w*|difference\w*|different|impact\w*|evidence|benefit\w*|"
    r"improv\w*|reduc\w*|increas\w*|chang\w*|affect\w*|influenc\w*|predict\w*|support\w*|caus\w*|prevent\w*|"
    r"lead\w*|help\w*|curb\w*|result\w*|lower\w*|protect\w*"
)
"""Words naming a relation or an effect, which a negation before them denies."""
_NO_RELATION = re.compile(
    _NEGATOR + r"\s+(?:\w+\s+){0,3}?(?:(?:" + _QUALIFIER + r")\s+)*(?:" + _RELATION + ")",
    re.IGNORECASE,
)
"""A denied relationship: "not associated with", "no effect on", "did not improve", "don't curb"."""
_COMPARISON = re.compile(
    r"(?<![\w-])(?:higher|lower|more|less|fewer|greater|better|worse|larger|smaller|elevated|different|differences?|"
    r"compared\s+(?:with|to)|than|twice|times)(?![\w-])",
    re.IGNORECASE,
)
"""A comparison between groups with no causal verb: a correlational finding."""
_BOUND = re.compile(
    r"(?<![\w-])(?:more|less|fewer|greater|higher|lower|larger|smaller|older|younger|longer|shorter)\s+than\s+"
    r"(?=[$£€]?\d|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|half|"
    r"a\s+(?:third|quarter|fifth))\b)",
    re.IGNORECASE,
)
"""A bound on an amount ("more than 35%", "less than $66 billion", "fewer than a third"): it
sets how much, not how two groups differ, so it is no comparison."""


@lru_cache(maxsize=65_536)
def claim_strength(text: str) -> int:
    """The strength of the relationship a statement claims, 0–3 (InSciOut scale).

    The first causal or association cue decides the kind of claim; a denied relationship
    ("not associated with") before it makes the claim 0; a modal just before a causal verb,
    or an unboosted hedge before it (or "may/might/could" after it), makes it conditional.

    Args:
        text: One claim (a sentence or two).

    Returns:
        0 for no relationship or a denied one, 1 correlational, 2 conditional causal,
        3 direct causal.
    """
    cues = find_cues(text)
    relation = finding_relation(text)
    if denied_relation(text) is not None:
        return NONE
    if relation is None:
        if possibility(text) is not None:
            return CONDITIONAL
        return CORRELATIONAL if _COMPARISON.search(_BOUND.sub(" ", text)) else NONE
    if relation.category == "association":
        return CORRELATIONAL
    # a modal or a hedge qualifies the sentence it stands in ("… acts as a switch. It could help …")
    begins = _sentence_start(text, relation.start)
    if _found(_MODAL, text, max(begins, relation.start - MODAL_REACH), relation.start):
        return CONDITIONAL
    boosted = any(c.category == "booster" for c in cues)
    if (_found(_HEDGE_VERB, text, begins, relation.start)
            or _found(_SPECULATIVE, text, relation.end, _sentence_end(text, relation.end))) and not boosted:
        return CONDITIONAL
    return CAUSAL


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“‘(])")


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence that holds ``at`` ends (the text's end when it is the last)."""
    found = _SENTENCE_END.search(text, at)
    return found.end() if found else len(text)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence that holds ``at`` begins."""
    start = 0
    for found in _SENTENCE_END.finditer(text, 0, at):
        start = found.end()
    return start


_MODAL_VERB = re.compile(r"\s+(?:not\s+)?\w+")


def possibility(text: str) -> tuple[int, str] | None:
    """Where the first "may", "might" or "could" stands, with the verb it qualifies, as written
    ((start, "could be")): what makes a claim with no causal cue conditional in
    :func:`claim_strength`. The month *May* is none. None when the text has no such modal."""
    for match in _SPECULATIVE.finditer(text):
        if not is_month(text, match.start(), match.end()):
            verb = _MODAL_VERB.match(text, match.end())
            return match.start(), text[match.start():verb.end() if verb else match.end()]
    return None


def _found(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``pattern`` occurs in ``text[start:end]`` other than as the month *May*
    ("released on May 27" hedges nothing) or as a reported *will* ("said it would cut")."""
    for match in pattern.finditer(text, start, len(text) if end is None else end):
        if not is_month(text, match.start(), match.end()) and not reports_will(text, match.start(), match.end()):
            return True
    return False


@lru_cache(maxsize=65_536)
def denied_relation(text: str) -> str | None:
    """The words that deny a relationship, when that is what a statement says ("did not
    result in a lower", "not associated with", "no effect on"), else None.

    A denial counts when it comes before the statement's first causal or association cue,
    as in :func:`claim_strength`, which gives such a statement strength 0.
    """
    denied = _NO_RELATION.search(text)
    if denied is None:
        return None
    relation = finding_relation(text)
    return denied.group() if relation is None or denied.start() <= relation.start else None


_STUDIED = re.compile(
    r"(?<![\w-])(?:test|assess|evaluat|investigat|examin|stud|explor|determin|measur|compar|review|analy[sz])\w*"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
"""A verb of study just before a noun ("tested the effectiveness of…", "assessing its impact")."""
_TOPIC_NOUNS = frozenset({"effect", "effects", "effectiveness", "efficacy", "impact", "impacts", "role", "benefit",
                          "benefits", "influence"})
"""Causal nouns that name what a study looked at when a verb of study governs them."""


_COMPARED = re.compile(r"(?:\b(?:is|was|were|are|be|been|being|had|has|have|a|an|the)\s+)$", re.IGNORECASE)
"""What stands before "lower" when it compares ("was lower", "had lower", "a lower dose"), where
it names no effect as "statins lower cholesterol" does."""
_THAN = re.compile(r"\s+than\b", re.IGNORECASE)

_AMOUNT_CHANGE = re.compile(
    r"(?:increas|decreas|rose|rise|rising|risen|fell|fall|grew|grow|declin|drop|climb|jump|soar|plung|doubl|tripl)\w*"
    r"\s+(?:to|by|from)\s+(?:(?:about|around|over|under|nearly|almost|roughly|some|(?:more|less|fewer)\s+than)\s+)?"
    r"[$£€]?\d",
    re.IGNORECASE,
)
"""A change of an amount given with its figure ("have increased to over 40 million", "rose by
5%"): how much something moved, with no second thing that moved it."""

_EFFECT_BOOSTERS = ("cur", "eliminat")
"""Boosters that are themselves an effect: "cures", "eliminates" state a cause, and a sure one."""


def finding_relation(text: str) -> Cue | None:
    """The first causal or association cue that states a relation, not the topic of a study:
    "trials testing the effectiveness of MSCs" says what was studied, not that MSCs work; nor
    "lower" where it compares ("was lower in…", "lower than 30%"); nor a change of an amount
    given with its figure ("sales increased to 40 million"). A booster that is itself an
    effect ("cures", "eliminates") states a cause. A cause in a relative clause ("drugs that
    block IL-6 can increase…") describes a thing; a relation after it states the finding
    (:func:`main_clause_first`)."""
    for cue in main_clause_first(text, find_cues(text)):
        if cue.category == "booster" and cue.text.lower().startswith(_EFFECT_BOOSTERS):
            return cue
        if cue.category not in ("causal", "association"):
            continue
        if cue.category == "causal" and _AMOUNT_CHANGE.match(text, cue.start):
            continue  # an amount that moved, not a cause ("figures have increased to over 40 million")
        if cue.text.split()[0].lower() in _TOPIC_NOUNS and _STUDIED.search(text, max(0, cue.start - 40), cue.start):
            continue
        if cue.category == "causal" and _named_thing(text, cue):
            continue  # a verb's noun: "eight combined tackles", "a fight between them", "the reduced transmission"
        if cue.text.lower() == "lower" and (_THAN.match(text, cue.end) or _COMPARED.search(text, max(0, cue.start - 10),
                                                                                          cue.start)):
            continue  # a comparison ("was lower in the statin group", "lower than 30%"), not an effect
        return cue
    return None


_RELATIVE = re.compile(r"(?<![\w-])(?:that|which|who)\s+$", re.IGNORECASE)
"""A relative pronoun just before a verb: the clause describes what it follows."""


def main_clause_first(text: str, cues: Sequence[Cue]) -> list[Cue]:
    """``cues`` in order, each cause that opens a relative clause ("drugs that block IL-6")
    moved after the others: what the claim states comes before what describes its nouns. The
    claim strength and the cue words a reason quotes read them in this order."""
    stated: list[Cue] = []
    described: list[Cue] = []
    for cue in cues:
        relative = cue.category == "causal" and _RELATIVE.search(text, max(0, cue.start - 12), cue.start)
        (described if relative else stated).append(cue)
    return stated + described


_NOUN_SLOT = re.compile(
    r"(?:(?<![\w-])(?:a|an|the|his|her|its|their|our|my|your|every|two|three|four|"
    r"five|six|seven|eight|nine|ten|several|many|few|multiple)|(?<![\w.,-])\d[\d.,]*)(?:\s+[a-z]+(?:ed|ive))?\s+$",
    re.IGNORECASE,
)
"""What stands just before a noun: an article, a possessive, a count or a figure, with at most
one adjective of a participle's form between ("eight combined tackles", "a forced fumble"). Not
"this", "that", "one": they stand for a noun as often ("mechanisms that protect them")."""
_RELATION_NOUNS = frozenset({
    "cause", "causes", "effect", "effects", "influence", "influences", "impact", "impacts", "role", "benefit",
    "benefits", "increase", "increases", "decrease", "decreases", "reduction", "rise", "fall", "lower", "higher",
    "result", "results", "risk", "due", "contribution", "trigger", "driver", "protection", "improvement",
})
"""Causal words whose noun still names a relation ("the cause of the explosion", "an increase
in deaths", "the role of macrophages"), or that no determiner turns into a noun ("the lower dose")."""

_ADJECTIVE_ENDINGS = ("ive", "ful", "ial", "ory")
"""Endings of causal adjectives, which qualify a relation after an article ("a protective
effect", "a beneficial role"): not a verb's noun."""


def _named_thing(text: str, cue: Cue) -> bool:
    """Whether a causal cue is a verb used as a noun after a determiner or a count ("a fight",
    "nine tackles", "the lead"), where it names a thing, not an effect."""
    first = cue.text.split()[0].lower()
    if first in _RELATION_NOUNS or first.endswith(_ADJECTIVE_ENDINGS):
        return False
    return _NOUN_SLOT.search(text, max(0, cue.start - 40), cue.start) is not None
