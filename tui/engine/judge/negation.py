"""What a negation denies, read the same way by the negation rule and the learned decision.

A negation only one side of a pair has flips the claim when it denies something both sides
say: "the drug did not improve survival" against "the drug improved survival". When it denies
words only its own side has, it is mostly an aside the other side never speaks of: "airflow
that is *not fresh* can assist the spread" against a sentence on the airflow's direction, "a
paper that has *not yet* been peer-reviewed" against the paper's finding. What a negation
denies is taken to be the first :data:`DENIED_WORDS` content words within :data:`REACH` words
after it ("did not mention" → mention, "without military intervention" → military,
intervention).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from tui.engine.align.text import (
    STOP_WORDS,
    cased,
    normalise,
    normalised_words,
    stem,
    word_spans,
    words,
)
from tui.engine.lexicon.lists import entries
from tui.engine.lexicon.names import named
from tui.engine.lexicon.numero import numero_word, writes_numero

REACH = 5
"""Words after a negation that may hold what it denies…"""
DENIED_WORDS = 2
"""…and how many content words among them it denies."""


def denied(words: Sequence[str], stems: Sequence[str], at: int) -> list[str]:
    """Stems of the content words the negation at word ``at`` denies (``words`` as written,
    lower case, with their ``stems``)."""
    return [s for w, s in zip(words[at + 1:at + 1 + REACH], stems[at + 1:at + 1 + REACH], strict=True)
            if w not in STOP_WORDS][:DENIED_WORDS]


def negations(words: tuple[str, ...], plain: str, text: str = "") -> list[tuple[int, str]]:
    """The negations among a text's words (``plain``: the text through
    :func:`~tui.engine.align.text.normalise`, ``words``: its words), each with where it stands
    and as written: the words of the negation list, and a contraction ("didn't", "can't"),
    which the words split in two ("didn", "t"). "No. 1" names a number and negates nothing, nor
    does a word that ``text`` (the text as written) writes as part of a name ("The Brave
    Little Toaster": :func:`tui.engine.lexicon.names.named`)."""
    negators = _negators()
    numeros = writes_numero(plain)
    contracted = "n't" in plain  # only then is a lone "t" worth a look
    out = []
    names: frozenset[str] | None = None  # read only once a negation word is met
    for at, word in enumerate(words):
        if word in negators:
            if names is None:
                names = named(text) if text else frozenset()
            if word not in names and not (numeros and numero_word(words, at)):
                out.append((at, word))
        elif contracted and word == "t" and at and words[at - 1].endswith("n"):
            out.append((at, f"{words[at - 1]}'t"))
    return out


def denied_of_both(denying: str, cue: str, other: str) -> tuple[str, str] | None:
    """The first word that a negation of the text ``denying`` denies and the text ``other``
    says too, with the words between them, and that negation as written: ("did not",
    "improve") of "did not improve" against "improved", ("not", "recovered from the stool") of
    "was not recovered from the stool" against "particles in stools": the stool alone is not
    what the negation denies. None when its negations deny only words of its own.

    The negations looked at are those of :func:`negations` and every occurrence of ``cue``,
    the negation the rules found ("lack of", "unable to"): the rules keep a text's first cue
    only, not where it stands, so the one that denies the shared word may be another ("nor"
    where the rules found "do not"). A text where neither is found denies what it may:
    ``(cue, "")``, no word to name.
    """
    plain = normalise(denying)
    tokens = tuple(normalised_words(plain))
    stems = [stem(w) for w in tokens]
    written = dict(negations(tokens, plain, denying))
    size = len(cue_words := tuple(words(cue)))
    written.update((i + size - 1, cue) for i in range(len(tokens) - size + 1) if size and tokens[i:i + size] == cue_words)
    if not written:
        return cue, ""
    said = _stems(other)
    for i in sorted(written):
        for stemmed in denied(tokens, stems, i):
            if stemmed in said:
                last = next(at for at in range(i + 1, len(tokens)) if stems[at] == stemmed)
                first = next(at for at in range(i + 1, last + 1) if tokens[at] not in STOP_WORDS)
                return written[i], _phrase(denying, plain, first, _run_end(tokens, stems, last, said))
    return None


def _run_end(tokens: Sequence[str], stems: Sequence[str], last: int, said: frozenset[str]) -> int:
    """Word ``last`` moved on over the content words right after it that the other text says
    too, up to :data:`SHOWN_AFTER` of them: "no detectable immune response" against "immune
    responses" names "detectable immune response", not "detectable immune"."""
    end = last
    while (end + 1 < len(tokens) and end - last < SHOWN_AFTER and tokens[end + 1] not in STOP_WORDS
           and stems[end + 1] in said):
        end += 1
    return end


SHOWN_AFTER = 4
"""At most this many shared words after the first are named with it."""


def _phrase(text: str, plain: str, first: int, last: int) -> str:
    """The words from ``first`` (the first content word the negation denies) to the end of word
    ``last``, as ``text`` writes them (case kept, spacing normalised: "COVID-19", "Cheez-It"),
    taking in the rest of a hyphenated word ("symptom-based", not "symptom"). ``plain`` is
    ``text`` through :func:`~tui.engine.align.text.normalise`, whose words are counted."""
    spans = word_spans(plain)
    end = spans[last][1]
    while end < len(plain) and not plain[end].isspace() and plain[end] not in ",;:.!?)]}\"'”’":
        end += 1
    shown = cased(text)
    return (shown if shown is not None and len(shown) == len(plain) else plain)[spans[first][0]:end]


def worded(change: str, cue: str, word: str) -> str:
    """A negation reason's detail: "added “not” to “improve”", "dropped “no” from “effect”"
    (``change``: "added" or "dropped"; ``word``: what it denies, "" when not known)."""
    if not word:
        return f"{change} “{cue}”"
    return f"{change} “{cue}” {'to' if change == 'added' else 'from'} “{word}”"


@lru_cache(maxsize=1 << 12)
def _stems(text: str) -> frozenset[str]:
    return frozenset(map(stem, words(text)))


@cache
def _negators() -> frozenset[str]:
    """The negation list's words as written: "hardly" is a negation, its stem "hard" is not."""
    return frozenset(entries("negation.txt"))
