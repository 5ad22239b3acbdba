"""A statement as a vector: the one type that ranking (``align``) and the inverted index
(``index``) share, kept apart so that neither has to import the other to name it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Vector:
    """A statement as a unit TF-IDF vector, with the near twins of its terms."""

    weights: dict[str, float]
    reach: dict[str, float]
    """Near twins of its terms that it lacks (smoke for smoker) → weight × similarity."""
