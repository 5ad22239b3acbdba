"""Whether a document reads as English, the one language claimdiff's rules read.

The cue lexicon, the stemmer and the function words are English: a German blog post checked
against an English abstract gets verdicts that mean little ("adds eine, neue, zeigt"), and
nothing would say so. English prose is a fifth or more function words (the least among the
dev data's texts of 40 words or more is 0.155, a news page of menus and scores); German,
French, Spanish, Italian, Dutch and Portuguese paragraphs have 0.00-0.08 of them. A text
below :data:`ENGLISH_SHARE` is named by the stop lists of jusText (trafilatura's boilerplate
remover, installed with it; 100 languages): the language whose list covers most of its words
written in lower case (names are not function words, and some lists hold words that are also
names), when that covers :data:`NAMED_SHARE` of them and three times what English's does.
The six paragraphs above reach 0.36-0.48; the dev data's English texts that come this far
(lists of names, tables) reach at most 0.23 in any other language, and are named nothing.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import islice

from tui.engine.segment.layout import FUNCTION_WORDS

SAMPLE_WORDS = 1_000
"""Words read from the start of a text: enough to tell its language."""
LEAST_WORDS = 20
"""Fewer words than this are not judged (a headline, a lone claim)."""
ENGLISH_SHARE = 0.12
"""Share of English function words at or above which a text reads as English."""
NAMED_SHARE = 0.3
"""Least share of its words that a language's stop list must cover to name the text's language."""

_WORD = re.compile(r"[^\W\d_]+")


def foreign_language(text: str) -> str | None:
    """The language ``text`` reads as, when that is clearly not English (``"German"``); None
    for English, for a text too short to tell, and for one no language's function words cover.

    Args:
        text: A document's text (its first :data:`SAMPLE_WORDS` words are read).

    Returns:
        The language's name as jusText's stop lists name it, with spaces for underscores.
    """
    written = [m.group() for m in islice(_WORD.finditer(text), SAMPLE_WORDS)]
    count = len(written)
    if count < LEAST_WORDS or sum(w.lower() in FUNCTION_WORDS for w in written) >= ENGLISH_SHARE * count:
        return None
    lists = _stop_lists()
    lower = [w.lower() for w in written if not w[0].isupper()]  # scripts without case too
    covered = {name: sum(map(stop.__contains__, lower)) for name, stop in lists.items()}
    if not covered:
        return None
    best = max(covered, key=lambda name: (covered[name], name))
    english = max(covered.get("English", 0), covered.get("Simple_English", 0))
    if "English" in best or covered[best] < NAMED_SHARE * count or covered[best] < 3 * english:
        return None
    return best.replace("_", " ")


def language_warning(shown: str, text: str) -> str | None:
    """The one-line warning for a document ``shown`` by that name whose text is not in English."""
    language = foreign_language(text)
    if language is None:
        return None
    return (f"{shown}: reads as {language}, not English; claimdiff's rules read English, so its verdicts "
            "on this text mean little")


@cache
def _stop_lists() -> dict[str, frozenset[str]]:
    """jusText's stop list of every language it has (empty when jusText is not installed)."""
    try:
        import justext
    except ImportError:
        return {}
    return {name: frozenset(justext.get_stoplist(name)) for name in sorted(justext.get_stoplists())}
