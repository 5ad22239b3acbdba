"""first_words: the words a pattern's match can open with, or None when they cannot be listed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.engine.lexicon.firstword import first_words

TABLE = [
    ("literal", r"may", {"may"}),
    ("phrase", r"lack\s+of", {"lack"}),
    ("inflected", r"suggest(?:s|es|ed|ing)?", {"suggest", "suggests", "suggestes", "suggested", "suggesting"}),
    ("group-first", r"(has|have|had)\s+been\s+shown", {"has", "have", "had"}),
    ("optional-first-word", r"(the\s+)?key\s+to", {"the", "key"}),
    ("optional-tail", r"because(\s+of)?", {"because"}),
    ("nested", r"hypothes(is|iz(?:e|ed))", {"hypothesis", "hypothesize", "hypothesized"}),
    ("charset", r"normali[sz]e", {"normalise", "normalize"}),
    ("hyphen-ends-word", r"well-designed\s+trials", {"well"}),
    ("case-folded", r"Some", {"some"}),
    ("assertion-ignored", r"\bmice\b", {"mice"}),
    ("later-wildcards-unread", r"lead\s+(\w+\s+){0,2}to", {"lead"}),
    ("unbounded-word", r"\w+\s+risk", None),
    ("any-char", r".ould", None),
    ("starts-with-space", r"\s+not", None),
    ("negated-set", r"[^x]ay", None),
    ("unbounded-letters", r"a+h", None),
]


@pytest.mark.parametrize(("name", "pattern", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_first_words(name: str, pattern: str, expected: set[str] | None) -> None:
    got = first_words(pattern, re.IGNORECASE)
    assert got == (None if expected is None else frozenset(expected))


_LISTED = [row[1] for row in TABLE if row[2] is not None]
_WORDS = sorted({w for row in TABLE if row[2] for w in row[2]} | {"been", "shown", "of", "to", "designed", "trials"})
_TEXTS = st.lists(st.sampled_from(_WORDS) | st.text(alphabet="adehiklmnorstyz", min_size=1, max_size=6), max_size=5).map(
    " ".join
) | st.builds(lambda a, b: a + "-" + b, st.sampled_from(_WORDS), st.sampled_from(_WORDS))


@given(st.sampled_from(_LISTED), _TEXTS)
def test_every_match_opens_with_a_listed_word(pattern: str, text: str) -> None:
    words = first_words(pattern, re.IGNORECASE)
    assert words is not None
    match = re.compile(pattern, re.IGNORECASE).match(text)
    if match:
        assert re.match(r"\w*", match.group()).group().lower() in words


def test_plain_phrases_are_read_without_parsing_as_parsing_reads_them() -> None:
    from tui.engine.lexicon.cues import _alternatives
    from tui.engine.lexicon.firstword import _PLAIN_PHRASE, _parsed

    patterns = [a for alternatives in _alternatives().values() for a in alternatives] + [row[1] for row in TABLE]
    plain = [p for p in patterns if _PLAIN_PHRASE.fullmatch(p)]
    assert len(plain) > 100
    for pattern in plain:
        assert first_words(pattern, re.IGNORECASE) == _parsed(pattern, re.IGNORECASE)
    for pattern in (r"lack\s*of", r"a\s+b|c", r"a\s+", r"a\s+(", "café"):
        assert _PLAIN_PHRASE.fullmatch(pattern) is None


def test_the_shipped_first_words_are_what_parsing_gives_now() -> None:
    """tui/engine/lexicon/first_words.tsv spares each process the parsing; after a cue list
    changes, run ``python tools/build_first_words.py``."""
    from tui.engine.lexicon import cues
    from tui.engine.lexicon.firstword import shipped as shipped_words

    shipped = shipped_words()
    alternatives = cues.every_alternative()
    assert list(shipped) == alternatives, "run: python tools/build_first_words.py"
    for alternative in alternatives:
        assert shipped[alternative] == first_words(alternative, re.IGNORECASE), alternative
