"""schema.org ``ClaimReview`` JSON-LD for the claims a reviewer confirmed, for fact-check desks.

One ``ClaimReview`` per derived claim whose reviewer status is set and is ``divergence`` or
``unsupported``: ``claimReviewed`` is the claim's text, ``itemReviewed`` a ``Claim`` whose
``appearance`` is the derived document, ``reviewRating`` a ``Rating`` whose ``alternateName``
says the verdict in words, ``reviewBody`` the source's counterpart, the reasons and the note.

Invariant: the output is always a JSON array (``[]`` when nothing is confirmed), so a consumer
never has to special-case "no reviews"; the engine's proposals alone never produce an entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tui.engine.export.jsontext import dumps
from tui.engine.export.view import Item, build_view, one_line
from tui.engine.judge.wording import reason_words
from tui.engine.model import Comparison, Document, Role, Status
from tui.engine.review import Review

CONFIRMABLE = (Status.DIVERGENCE, Status.UNSUPPORTED)
"""Reviewer statuses that make a ClaimReview."""

RATING_NAMES: dict[Status, str] = {
    Status.DIVERGENCE: "Misrepresents the source",
    Status.UNSUPPORTED: "Not supported by the source",
}
"""``reviewRating.alternateName`` per reviewer status."""

RATING_VALUES: dict[Status, int] = {Status.DIVERGENCE: 2, Status.UNSUPPORTED: 1}
"""``ratingValue`` on a 1 (worst) to 5 (best) scale, for consumers that want a number."""


@dataclass(frozen=True, slots=True)
class Author:
    """Who publishes the reviews: an ``Organization`` or a ``Person``."""

    name: str = "claimdiff reviewer"
    """A placeholder until the desk sets its own name."""
    type: str = "Organization"
    """``Organization`` or ``Person``."""
    url: str | None = None

    def __post_init__(self) -> None:
        if self.type not in ("Organization", "Person"):
            raise ValueError(f"author type must be Organization or Person, not {self.type!r}")

    def to_dict(self) -> dict[str, Any]:
        """The schema.org object."""
        out: dict[str, Any] = {"@type": self.type, "name": self.name}
        if self.url:
            out["url"] = self.url
        return out


def claim_reviews(
    comparison: Comparison,
    review: Review | None = None,
    *,
    reviewed_on: date | None = None,
    author: Author | None = None,
) -> list[dict[str, Any]]:
    """The ``ClaimReview`` objects for the confirmed divergent and unsupported claims.

    Args:
        comparison: The engine's comparison.
        review: The reviewer's verdicts; None yields no reviews.
        reviewed_on: ``datePublished``; today when None.
        author: The publisher; the placeholder :class:`Author` when None.

    Returns:
        One dict per confirmed claim, in the derived document's order.
    """
    view = build_view(comparison, review, reviewed_on=reviewed_on, marks=False)
    who = (author or Author()).to_dict()
    return [
        _claim_review(item, comparison, view.reviewed_on, who)
        for item in view.derived
        if item.reviewer_status in CONFIRMABLE
    ]


def render_claimreview(
    comparison: Comparison,
    review: Review | None = None,
    *,
    session_name: str | None = None,
    reviewed_on: date | None = None,
    author: Author | None = None,
    indent: bool = False,
) -> str:
    """The confirmed claims as a JSON-LD array (see :func:`claim_reviews`).

    Args:
        comparison: The engine's comparison.
        review: The reviewer's verdicts; None yields ``[]``.
        session_name: Unused; accepted so every renderer takes the same arguments.
        reviewed_on: ``datePublished``; today when None.
        author: The publisher; a placeholder Organization when None.
        indent: Two spaces per level; else compact.

    Returns:
        JSON text ending in a newline.
    """
    reviews = claim_reviews(comparison, review, reviewed_on=reviewed_on, author=author)
    return dumps(reviews, indent=indent) + "\n"


def _claim_review(item: Item, comparison: Comparison, published: date, author: dict[str, Any]) -> dict[str, Any]:
    assert item.reviewer_status is not None
    status = item.reviewer_status
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": item.statement.id,
        "datePublished": published.isoformat(),
        "author": author,
        "claimReviewed": one_line(item.statement.text),
        "itemReviewed": {
            "@type": "Claim",
            "appearance": _creative_work(comparison.document(Role.DERIVED)),
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": RATING_NAMES[status],
            "ratingValue": RATING_VALUES[status],
            "bestRating": 5,
            "worstRating": 1,
        },
        "reviewBody": _body(item),
        "isBasedOn": _creative_work(comparison.document(Role.SOURCE)),
    }
    return out


def _creative_work(document: Document) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": document.title or document.path}
    if document.path.startswith(("http://", "https://")):
        work["url"] = document.path
    return work


def _body(item: Item) -> str:
    parts = []
    if item.counterpart is not None:
        parts.append(f"The source says: \u201c{one_line(item.counterpart.text)}\u201d")
    else:
        parts.append("The source has no counterpart for this claim.")
    parts += [reason_words(r)[0].upper() + reason_words(r)[1:] + "." for r in item.reasons]
    if item.note.strip():
        parts.append(one_line(item.note))
    return " ".join(parts)
