"""Numbers written in words, read alike by both number readers
(:mod:`tui.engine.judge.quantity` and :mod:`tui.engine.judge.numbers`).

"twenty-eight" is 28, and a number word joined by a hyphen to the word after it is read as its
digits are: "a five-year study" states 5 as "a 5-year study" does, and "a three-day total" 3.
A share ("two-thirds") is no count, and an ordinal ("twenty-eighth") no amount.

Invariant: a match is never followed by a letter; what comes before it is the caller's to check
(a pattern that starts with its words is quick to search).
"""

from __future__ import annotations

from collections.abc import Iterable

ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen").split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
VALUES: dict[str, int] = {**{w: i for i, w in enumerate(ONES)}, **{w: 20 + 10 * i for i, w in enumerate(TENS)}}
"""Each number word and its value."""
COUNTS = tuple(w for w in VALUES if VALUES[w] > 1)
"""The number words both readers read as an amount whatever stands around them ("two" to
"ninety"); "zero" and "one" are a pronoun or an article as often."""

_DIGIT_WORDS = "|".join(ONES[1:10])
_COMPOUND = rf"(?:{'|'.join(TENS)})-(?:{_DIGIT_WORDS})"
_JOINED = (r"(?![\w])(?!-(?:\d|" + _DIGIT_WORDS + r"|halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|"
           r"sevenths?|eighths?|ninths?|tenths?)(?![a-z]))")
"""What may follow a number word: no letter, and no hyphen before a digit, a number word
("twenty-eighth" is an ordinal) or a fraction's name ("two-thirds" is a share). A hyphen before
any other word joins the two ("five-year")."""


def word_numbers(words: Iterable[str]) -> str:
    """A pattern matching one of ``words`` or a compound of tens and ones ("twenty-eight"),
    as a whole word or joined to the next word by a hyphen ("five-year")."""
    longest_first = sorted(words, key=len, reverse=True)
    return rf"(?:{_COMPOUND}|{'|'.join(longest_first)}){_JOINED}"


def value_of(written: str) -> int:
    """The value of a word number as :func:`word_numbers` matches it: "twenty-eight" is 28."""
    return sum(VALUES[part] for part in written.lower().split("-"))


def first_letters(words: Iterable[str]) -> str:
    """The first letters of ``words``, for a character class a pattern looks at before it tries
    the words themselves: ``re`` skips at C speed past the characters no word starts with."""
    return "".join(sorted({word[0] for word in words}))
