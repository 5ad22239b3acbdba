"""ClaimReview JSON-LD: one review per claim the reviewer confirmed as divergent or unsupported."""

from __future__ import annotations

import json

import pytest

from tests.engine.test_export_view import DAY, tiny_comparison
from tui.engine.export import render
from tui.engine.export.claimreview import Author, claim_reviews
from tui.engine.model import Status
from tui.engine.review import Review


def test_no_review_or_no_confirmation_gives_an_empty_list() -> None:
    comparison = tiny_comparison()
    assert json.loads(render("claimreview", comparison, reviewed_on=DAY)) == []
    review = Review(comparison)
    review.set_note("d2", "a note is not a verdict")
    review.accept("d4")  # a confirmed agreement is nothing to publish
    assert json.loads(render("claimreview", comparison, review, reviewed_on=DAY)) == []


def test_confirmed_divergence_and_unsupported_claims_are_reviewed() -> None:
    comparison = tiny_comparison()
    review = Review(comparison)
    review.accept("d2")
    review.set_note("d2", "The trial was small.")
    review.set_status("d3", Status.UNSUPPORTED)
    review.set_status("d4", Status.DIVERGENCE)  # the reviewer overrides an agreement: confirmed by them
    reviews = json.loads(render("claimreview", comparison, review, reviewed_on=DAY))
    assert [r["identifier"] for r in reviews] == ["d2", "d3", "d4"]
    first = reviews[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "ClaimReview"
    assert first["claimReviewed"] == "X has been shown to reduce mortality in all patients."
    assert first["datePublished"] == "2026-03-14"
    assert first["author"] == {"@type": "Organization", "name": "claimdiff reviewer"}
    assert first["itemReviewed"] == {"@type": "Claim", "appearance": {"@type": "CreativeWork", "name": "X cures Y"}}
    assert first["reviewRating"]["@type"] == "Rating"
    assert first["reviewRating"]["alternateName"] == "Misrepresents the source"
    assert "X may reduce mortality in some patients" in first["reviewBody"]
    assert "Certainty, overstated: the source says this is not yet certain (“may reduce" in first["reviewBody"]
    assert first["reviewBody"].endswith("The trial was small.")
    assert reviews[1]["reviewRating"]["alternateName"] == "Not supported by the source"
    assert "no counterpart" in reviews[1]["reviewBody"]


def test_author_is_configurable() -> None:
    comparison = tiny_comparison()
    review = Review(comparison)
    review.accept("d2")
    desk = Author(name="Example Fact Desk", type="Person", url="https://desk.example")
    (only,) = claim_reviews(comparison, review, reviewed_on=DAY, author=desk)
    assert only["author"] == {"@type": "Person", "name": "Example Fact Desk", "url": "https://desk.example"}
    with pytest.raises(ValueError, match="Organization or Person"):
        Author(type="Robot")
