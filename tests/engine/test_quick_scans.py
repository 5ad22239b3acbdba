"""The number patterns written to scan quickly find what their plain forms find.

:mod:`tui.engine.judge.quantity` and :mod:`tui.engine.judge.numbers` write their number
patterns so that ``re`` skips to where a number can start (a digit first, a word's first
letter looked at before the alternatives are tried); here each is held to the pattern as it
was written before, on texts made of numbers, number words, the characters around them and
plain words.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.judge import numbers, quantity
from tui.engine.judge.numerals import VALUES, word_numbers

PIECES = st.sampled_from([
    "1", "12", "123", "1,000", "72 314", "1·7", "0.5", "3.", ".5", "2019", "19-20", "ten", "Ten", "twenty-one",
    "twenty", "one", "zero", "two", "often", "attend", "seventeen", "dozen", "twice", "double-blind", "triple",
    "thirds", "half", "%", " per cent", "percent", "mg", "th", "-", "_", ".", ",", "·", "/", "(", ")", "x", "covid",
    "Phase", "stage", "a", " ", "  ", "\u00a0", "\u2009",
])
TEXTS = st.lists(PIECES, max_size=14).map("".join)

PLAIN_NUMBER = re.compile(r"\d{1,3}(?: \d{3})+(?![.,·]?\d)|\d+(?:[.,·]\d+)*")
PLAIN_WORD_NUMBER = re.compile(word_numbers(w for w in VALUES if VALUES[w] > 1)
                               + "|(?:" + "|".join(quantity._MULTIPLES) + r")(?![\w-])")
PLAIN_VALUE = re.compile(
    r"(?<![\w.-])(?:(\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![.,·]?\d)|\d+(?:[.,·]\d+)*)(\s?%|\s?percent|\s?per cent)?|("
    + word_numbers(w for w in VALUES if VALUES[w] > 1) + "|zero|one))"
    r"(?!\d|_|-\d)(?=([^\W\d_]*))",
    re.IGNORECASE,
)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_number_is_found_where_the_plain_pattern_finds_it(text: str) -> None:
    assert spans(quantity._NUMBER, text) == spans(PLAIN_NUMBER, text)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_number_word_is_found_where_the_plain_pattern_finds_one_that_starts_a_word(text: str) -> None:
    # the reader skips a match after a letter, a digit or "_" (its first look) and after "-"
    def read(found: list[tuple[tuple[int, int], tuple[str | None, ...]]]) -> list[tuple[int, int]]:
        return [(a, b) for (a, b), _ in found if not (a and (text[a - 1].isalnum() or text[a - 1] in "-_"))]

    lowered = text.lower()
    assert read(spans(quantity._WORD_NUMBER, lowered)) == read(spans(PLAIN_WORD_NUMBER, lowered))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_value_is_found_where_the_plain_pattern_finds_it(text: str) -> None:
    assert spans(numbers._VALUE, text) == spans(PLAIN_VALUE, text)
