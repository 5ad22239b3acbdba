"""An amount's unit of measure, so that an amount converted into another unit is the same
amount: "12 weeks" and "three months", "2.5 kg" and "5.5 pounds", "5 km" and "three miles".

News stories and blogs convert what a paper measures, and round as they do: read number by
number, "lost 5.5 pounds over three months" against "lost 2.5 kg over 12 weeks" changed both
numbers. Each amount written with a unit of time, mass, length, volume or temperature is also
read in its dimension's base unit (days, kilograms, metres, litres, degrees Celsius), and a
claimed amount is borne out by a source amount of the same dimension within
:data:`ROUNDING` of it (:func:`converted_holds`).

An amount converted in brackets beside it ("10 kg (23 lb)") is one amount in two units
(:func:`bracketed`); the quantity reader keeps both.

Invariant: reads the lower-case text it is given only; :data:`_UNITS` is the whole of the
conversions.
"""

from __future__ import annotations

import re
from functools import cache

from tui.engine.lexicon.lists import words

_UNIT_NAMES: tuple[tuple[str, float, float, str], ...] = (
    # dimension, factor and offset to the base unit, names
    ("time", 1.0, 0.0, "day days"),
    ("time", 7.0, 0.0, "week weeks"),
    ("time", 14.0, 0.0, "fortnight fortnights"),
    ("time", 30.4375, 0.0, "month months"),
    ("time", 365.25, 0.0, "year years"),
    ("time", 1 / 24, 0.0, "hour hours hrs"),
    ("time", 1 / 1440, 0.0, "minute minutes mins"),
    ("mass", 1.0, 0.0, "kg kgs kilo kilos kilogram kilograms kilogrammes"),
    ("mass", 1e-3, 0.0, "g gram grams grammes"),
    ("mass", 1e-6, 0.0, "mg milligram milligrams"),
    ("mass", 0.45359237, 0.0, "lb lbs pound pounds"),
    ("mass", 0.028349523, 0.0, "oz ounce ounces"),
    ("mass", 6.35029318, 0.0, "stone"),
    ("length", 1000.0, 0.0, "km kilometre kilometres kilometer kilometers"),
    ("length", 1.0, 0.0, "metre metres meter meters"),
    ("length", 0.01, 0.0, "cm centimetres centimeters"),
    ("length", 0.001, 0.0, "mm millimetres millimeters"),
    ("length", 1609.344, 0.0, "mi mile miles"),
    ("length", 0.3048, 0.0, "ft foot feet"),
    ("length", 0.0254, 0.0, "inch inches"),
    ("length", 0.9144, 0.0, "yard yards"),
    ("volume", 1.0, 0.0, "l litre litres liter liters"),
    ("volume", 1e-3, 0.0, "ml millilitres milliliters"),
    ("volume", 3.785411784, 0.0, "gallon gallons"),
    ("volume", 0.473176473, 0.0, "pint pints"),
    ("temperature", 1.0, 0.0, "°c c celsius"),
    ("temperature", 5 / 9, -32 * 5 / 9, "°f f fahrenheit"),
)
_UNITS = {name: (dimension, factor, offset) for dimension, factor, offset, names in _UNIT_NAMES for name in names.split()}
"""Each unit as written after an amount: its dimension, and the factor and offset that take it
to the dimension's base unit. Not "m" (a million, "5m people"), nor "in" ("5 in 10"). "c" and
"f" count only right after a degree sign or "degrees" (:func:`measured`). A month is a twelfth
of the Julian year."""
_DEGREES = ("degrees", "degree")

ROUNDING = 0.1
"""How far a converted amount may lie from the source's, as a share of it: a writer converts
and rounds ("12 weeks" is 2.8 months, written "three months"; "2.5 kg" is 5.5 pounds)."""

Measured = tuple[str, float, float]
"""An amount's dimension, its size in the dimension's base unit and its unit's size in it:
``("time", 84.0, 7.0)`` for "12 weeks"."""


def measured(value: float, after: str) -> Measured | None:
    """``value``'s dimension and base-unit size, from the words ``after`` it (lower case, as
    written: "-week trial", " kg of", "°c"); None when no unit of measure follows."""
    words = after.split(maxsplit=2)
    if not words:
        return None
    word = words[0].lstrip("-").rstrip(".,;:)")
    if word in _DEGREES and len(words) > 1:
        word = words[1].rstrip(".,;:)")
        word = {"c": "celsius", "f": "fahrenheit"}.get(word, word)
    elif word in ("c", "f"):
        return None  # a letter alone, not a temperature ("group c")
    unit = _UNITS.get(word)
    if unit is None:
        return None
    dimension, factor, offset = unit
    return dimension, value * factor + offset, factor


def converted_holds(bound: str, claimed: float, found: float) -> bool:
    """Whether a source amount ``found`` bears out a claimed one of ``bound`` (both in one
    dimension's base unit): within :data:`ROUNDING` of it for an amount stated exactly or about,
    on its side of a bound otherwise."""
    if bound in ("=", "~"):
        return abs(found - claimed) <= ROUNDING * abs(claimed)
    if bound in (">", ">="):
        return found >= claimed * (1 - ROUNDING / 10)
    if bound in ("<", "<="):
        return found <= claimed * (1 + ROUNDING / 10)
    return False


_MEASURE = r"([a-z°µμ/]+\d?(?: [a-z]+)?)"
"""A unit of measure as written after an amount ("kg", "m2", "square feet"), to be looked up."""
_CONVERTED = re.compile(rf"\s?{_MEASURE}\s?\(\s?(?:about |approximately |approx\. |c\. ?|~)?$")
"""What stands between an amount and the same amount converted, in brackets: its unit and the
bracket ("10 kg (" of "10 kg (23 lb)")."""
_CONVERSION = re.compile(rf"\s?{_MEASURE}\s?\)")
"""What follows the converted amount: its unit and the closing bracket ("lb)")."""


def bracketed(plain: str, before: int, at: int, end: int) -> bool:
    """Whether the amount at ``at``–``end`` converts the one ending at ``before`` into another
    unit of measure, in brackets: "10 kg (23 lb)", "30 meters (98 feet)", not "12 patients (8
    women)" nor "104 patients (81%)", which are two amounts."""
    first = _CONVERTED.fullmatch(plain, before, at)
    second = _CONVERSION.match(plain, end)
    if first is None or second is None:
        return False
    units = _measure_units()
    return first.group(1) != second.group(1) and first.group(1) in units and second.group(1) in units


@cache
def _measure_units() -> frozenset[str]:
    """Units of measure, between which a bracket converts (``measure_units.txt``)."""
    return words("measure_units.txt")
