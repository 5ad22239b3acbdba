"""The HTML page: hostile text stays text, the page is self-contained, statuses read without colour."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.engine.test_export_view import DAY, build_comparison, orphan, tiny_comparison
from tui.engine.export import render
from tui.engine.export.html import BADGES, render_html
from tui.engine.model import Candidate, Kind, Status
from tui.engine.review import Review

HOSTILE = [
    "<script>alert(1)</script>",
    '"onerror=alert(1) x="',
    "</textarea><img src=x onerror=alert(2)>",
    "{{ 7*7 }} {% raw %}",
    "&amp; &lt;b&gt;",
    "' onmouseover='alert(3)",
    "<style>body{display:none}</style>",
]

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "table", "thead", "tbody", "tr",
    "th", "td", "code", "ul", "li", "time", "section", "p", "span", "b", "mark", "div", "article",
    "blockquote", "strong", "br", "small", "em", "footer",
}


class Page(HTMLParser):
    """Every start tag with its attributes, and all the text a reader sees (outside <style>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.styles = 0
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "style":
            self.styles += 1
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def hostile_comparison() -> tuple[Review, str]:
    """Hostile strings in every statement (with a counterpart, so changed-word marks cut them), the
    paths, titles, a note, the session name and an orphan."""
    source = [(f"Source says {h} here.", Kind.CLAIM, Status.DIVERGENCE, (Candidate(f"d{i + 1}", 50.0),), ())
              for i, h in enumerate(HOSTILE)]
    source.append((HOSTILE[0], Kind.CLAIM, Status.OMITTED, (), ()))
    derived = [(f"Blog says {h} there.", Kind.CLAIM, Status.DIVERGENCE, (Candidate(f"s{i + 1}", 50.0),), ())
               for i, h in enumerate(HOSTILE)]
    derived.append((HOSTILE[2], Kind.CLAIM, Status.UNSUPPORTED, (), ()))
    comparison = build_comparison(source, derived, source_path=HOSTILE[1], derived_path=HOSTILE[2],
                                  source_title=HOSTILE[3], derived_title=HOSTILE[0])
    review = Review(comparison, orphans=[orphan(HOSTILE[0], Status.DIVERGENCE, HOSTILE[1], counterpart_text=HOSTILE[2])])
    for i, h in enumerate(HOSTILE):
        review.set_note(f"d{i + 1}", h)
    return review, HOSTILE[4]


def test_hostile_text_cannot_inject_markup() -> None:
    review, session = hostile_comparison()
    page = parse(render_html(review.comparison, review, session_name=session, reviewed_on=DAY))
    names = [tag for tag, _ in page.tags]
    assert "script" not in names
    assert "img" not in names and "textarea" not in names
    assert set(names) <= ALLOWED_TAGS, f"unexpected elements: {set(names) - ALLOWED_TAGS}"
    assert page.styles == 1, "only the page's own stylesheet"
    attributes = [name for _, attrs in page.tags for name, _ in attrs]
    assert not [a for a in attributes if a.startswith("on")], "no event-handler attribute"
    assert "src" not in attributes and "style" not in attributes


def test_hostile_text_round_trips_as_text() -> None:
    review, session = hostile_comparison()
    text = "".join(parse(render_html(review.comparison, review, session_name=session, reviewed_on=DAY)).text)
    for h in HOSTILE:
        assert f"Blog says {h} there." in text, h
        assert f"Source says {h} here." in text, h
    assert "Session: &amp; &lt;b&gt;" in text, "entities in data are shown literally, not decoded"
    assert "{{ 7*7 }}" in text and not re.search(r"\b49\b", text), "template syntax in data is not evaluated"


def test_page_is_self_contained_and_printable() -> None:
    page = render_html(tiny_comparison(), reviewed_on=DAY)
    lowered = page.lower()
    assert "<script" not in lowered and "<link" not in lowered and "@import" not in lowered
    assert "http://" not in lowered and "https://" not in lowered and "url(" not in lowered
    assert "@media print" in page
    assert page.startswith("<!DOCTYPE html>")


def test_side_by_side_pairs_with_status_colour_letter_and_marks() -> None:
    comparison = tiny_comparison()
    review = Review(comparison)
    review.accept("d2")
    review.set_note("d2", "Says may.")
    page = render_html(comparison, review, reviewed_on=DAY)
    parsed = parse(page)
    classes = {value for tag, attrs in parsed.tags for name, value in attrs if name == "class"}
    assert {"pair st-divergence", "pair st-unsupported", "side derived", "side source"} <= classes
    assert '<article class="pair st-divergence" id="d2">' in page
    assert "<mark>has been shown to</mark>" in page and "<mark>may</mark>" in page
    letter, symbol = BADGES[Status.DIVERGENCE]
    assert f"<b>{letter}</b> {symbol} divergence" in page
    text = "".join(parsed.text)
    assert "Verdict: divergence, confirmed by the reviewer" in text
    assert "Note: Says may." in text
    omitted = text[text.index("Omitted source statements"):]
    assert omitted.index("s5") < omitted.index("s4"), "dropped caveats first"
    assert "no statement of the derived text scores 12; the closest, d3, scores 8.0" in omitted
    assert "2026-03-14" in text
    unsupported = page[page.index('id="d3"'):page.index("</article>", page.index('id="d3"'))]
    assert "No counterpart in the source: no statement of the source scores 12; the closest, s4, scores 8.0:" in unsupported
    assert '<blockquote class="closest">Enrolment was 40 people.</blockquote>' in unsupported


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_its_own_colour_class(status: Status) -> None:
    page = render_html(tiny_comparison(), reviewed_on=DAY)
    assert f".st-{status.value} {{ color: var(--{status.value});" in page


def test_render_routes_html() -> None:
    comparison = tiny_comparison()
    assert render("html", comparison, reviewed_on=DAY) == render_html(comparison, reviewed_on=DAY)
