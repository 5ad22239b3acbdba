"""The words a text writes as part of a name (:func:`tui.engine.lexicon.names.named`)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.lexicon import names
from tui.engine.lexicon.names import named


def test_a_title_inside_a_sentence_is_named() -> None:
    assert named("He loved The Brave Little Toaster as a child.") == {"the", "brave", "little", "toaster"}


def test_a_word_also_written_in_lower_case_is_not_only_a_name() -> None:
    assert named("The Little Mermaid is a little film.") == {"mermaid"}


def test_a_heading_in_title_case_names_nothing() -> None:
    assert named("Vitamin D Reduces Risk Of Death") == frozenset()


def _as_a_pattern_reads_it(text: str) -> frozenset[str]:
    """The reading before: one ``\\bword\\b`` search per capitalised word."""
    if not names._prose(text):
        return frozenset()
    found = {m.group().lower() for m in names._CAPITALISED.finditer(text) if names._named(text, m.start())}
    return frozenset(w for w in found if not re.search(rf"\b{w}\b", text))


WORDS = st.sampled_from(["Little", "little", "Shape", "shape", "of", "You", "you", "x_little", "little2", "Little2",
                         "Will", "will's", "it", "naïve", "Naïve", "Ação", "ação", "the", "LITTLE", "ﬁne", "Ǆx"])
SEPARATORS = st.sampled_from([" ", " ", ", ", "-", "'", "’", "_", ": ", "\n", ". ", "“"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), min_size=1, max_size=12), st.sampled_from(["", ".", "!"]))
def test_lower_case_words_are_found_as_whole_runs_as_a_pattern_finds_them(parts: list[tuple[str, str]],
                                                                          end: str) -> None:
    text = "It is " + "".join(w + s for w, s in parts).strip() + end
    assert named(text) == _as_a_pattern_reads_it(text)
