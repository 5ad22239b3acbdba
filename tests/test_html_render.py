"""The HTML export opened in real headless Chromium: it renders, shows the statements, and
hostile text stays inert. Skipped, with the reason, when Chromium is not installed
(``make browser`` installs Debian's package before ``make test``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.engine.test_export_golden import DAY, scripted_review, seed_comparison
from tests.engine.test_export_html import HOSTILE, hostile_comparison
from tests.make_export_screenshot import find_chromium, make_export_screenshot, run_chromium
from tui.engine.export import render
from tui.engine.export.view import build_view, one_line

pytestmark = pytest.mark.skipif(
    find_chromium() is None, reason="chromium is not installed (run `make browser`, or apt-get install chromium)"
)


class Rendered(HTMLParser):
    """The text and element names of a DOM Chromium dumped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def dump(page: Path) -> Rendered:
    done = run_chromium(page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-1000:]
    assert re.match(r"\s*(<!doctype html>\s*)?<html", done.stdout, re.IGNORECASE), done.stdout[:200]
    assert done.stdout.rstrip().endswith("</body></html>"), "the whole page was parsed"
    rendered = Rendered()
    rendered.feed(done.stdout)
    return rendered


def test_seed_export_renders_with_every_flagged_statement(tmp_path: Path) -> None:
    comparison = seed_comparison()
    review = scripted_review(comparison)
    page = tmp_path / "export.html"
    page.write_text(render("html", comparison, review, session_name="seed-review", reviewed_on=DAY), encoding="utf-8")
    rendered = dump(page)
    text = one_line("".join(rendered.text))
    view = build_view(comparison, review, reviewed_on=DAY)
    assert view.flagged, "the seed pair has flagged claims to show"
    for item in (*view.flagged, *view.omitted):
        assert one_line(item.statement.text) in text, item.statement.id
    for item in view.flagged:
        if item.counterpart is not None:
            assert one_line(item.counterpart.text) in text
    assert "Divergent and unsupported claims" in text and "Date of review: 2026-03-14" in text


def test_hostile_text_stays_text_in_the_browser(tmp_path: Path) -> None:
    review, session = hostile_comparison()
    page = tmp_path / "hostile.html"
    page.write_text(render("html", review.comparison, review, session_name=session, reviewed_on=DAY), encoding="utf-8")
    rendered = dump(page)
    assert "script" not in rendered.tags and "img" not in rendered.tags and "textarea" not in rendered.tags
    text = "".join(rendered.text)
    for h in HOSTILE:
        assert f"Blog says {h} there." in text, h
    assert not re.search(r"\b49\b", text)


def test_screenshot_is_a_png(tmp_path: Path) -> None:
    out = make_export_screenshot(tmp_path / "export.png", window=(1280, 1600))
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1600)
    assert len(data) > 20_000, "a blank page compresses to far less"
