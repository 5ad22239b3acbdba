"""Web pages, PDFs and Word files as inputs: real files on disk, read through the one interface.

The two web pages in ``tests/data/html/`` were written for these tests in the style of a news
site and of a clinic's blog (menus, cookie banners, share bars, related stories, comments);
they copy no real site. The seed pair is wrapped in a page, and printed to PDF by headless
Chromium, at run time.
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from tests.make_export_screenshot import find_chromium, run_chromium
from tui.engine.inputs import readers
from tui.engine.inputs.documents import InputError, load
from tui.engine.inputs.pdf_text import _columns, _drop_running_lines, _join_hyphens
from tui.engine.model import Role, Status
from tui.engine.pipeline import compare_files

PAGES = ROOT / "tests" / "data" / "html"
SCRIPT = Path(sys.executable).with_name("claimdiff")

PAGE_FURNITURE = ("cookie", "Accept all", "Subscribe", "Share on", "Facebook", "Related stories", "green tea",
                  "You may also like", "brewmaster", "Correlation is not", "Janet R.", "Leave a reply",
                  "rights reserved", "Harbour Road", "Call now", "Chat with us", "dataLayer", "chatConfig",
                  "font-family", "Privacy", "Book a consultation")

MARKUP = re.compile(r"<[a-zA-Z/!]|[{}]|&[a-z]+;|function\s*\(|track\(|\*\*|^#", re.MULTILINE)


def report(*args: str | Path) -> dict:  # type: ignore[type-arg]
    result = subprocess.run([str(SCRIPT), "compare", *map(str, args), "-f", "json"], capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def wrap_in_page(text: str, title: str) -> str:
    """A text as a web page: its paragraphs in an article, with a style, scripts, a menu and a footer."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    body = "\n".join(f"<p>{html.escape(' '.join(block.split()))}</p>" for block in blocks)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body {{ font: 12pt Georgia, serif; margin: 2em; }} nav a {{ margin: 0 1em; }}</style>
<script>function track(event) {{ window.seen = (window.seen || []).concat([event]); }} track("view");</script>
</head><body>
<nav><a href="/">Home</a> <a href="/health">Health</a> <a href="/about">About us</a></nav>
<main><article>
{body}
</article></main>
<footer><p>© 2026 Example Health Media. All rights reserved.</p><nav><a href="/privacy">Privacy</a></nav></footer>
<script>track("end");</script>
</body></html>
"""


@pytest.mark.parametrize(("page", "kept"), [
    ("news-site.html", ["Coffee drinkers live longer, huge study finds", "What the scientists found",
                        "• Heart disease deaths fell by a fifth among the heaviest drinkers.",
                        "15 percent less likely to die"]),
    ("clinic-blog.html", ["Can stem cells heal a torn rotator cuff?", "Who is a good candidate?",
                          "1. Adults with partial or full-thickness tears.",
                          "regenerates torn tendon tissue in every patient treated",
                          "patient’s own fat tissue"]),
])
def test_web_page_keeps_the_article_and_drops_the_furniture(page: str, kept: list[str]) -> None:
    document = load(PAGES / page)
    assert document.text_source == "extracted" and document.encoding == "html"
    for words in kept:
        assert words in document.text, words
    for words in PAGE_FURNITURE:
        assert words not in document.text, words
    assert "\n\nWhat the" in document.text or "\n\nWho is" in document.text, "headings stand alone"


def test_web_page_compares_with_headings_and_list_items_as_statements() -> None:
    comparison = compare_files(PAGES / "news-site.html", PAGES / "clinic-blog.html")
    texts = [f.statement.text for f in comparison.of(Role.DERIVED)]
    assert "Who is a good candidate?" in texts
    assert "2. Patients who want to avoid surgery and long recovery times." in texts
    assert all(f.statement.text == comparison.document(f.statement.role).text[f.statement.start:f.statement.end]
               for f in comparison.findings)


@pytest.mark.parametrize(("page", "title"), [
    ("news-site.html", "Coffee drinkers live longer, huge study finds"),
    ("clinic-blog.html", "Can stem cells heal a torn rotator cuff?"),  # a question: a claim, not a heading
])
def test_a_web_page_is_titled_by_its_own_headline_not_a_section_heading(page: str, title: str) -> None:
    """Read from the page's metadata; the headings gave "What the scientists found"."""
    assert load(PAGES / page).title == title
    assert compare_files(SEEDS / "msc-covid-abstract.txt", PAGES / page).derived.title == title


def test_a_table_row_is_no_title(tmp_path: Path) -> None:
    """A web page's table row reads as a heading-shaped line; it names no document."""
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><html><body><article><p>" + "Mesenchymal stem cells reduced mortality in "
                    "patients with severe COVID-19 in several small trials. " * 3 + "</p>"
                    "<table><tr><td>Mortality</td><td>-50%</td></tr></table></article></body></html>",
                    encoding="utf-8")
    comparison = compare_files(SEEDS / "msc-covid-abstract.txt", page)
    assert "Mortality · -50%" in comparison.derived.text
    assert comparison.derived.title is None


def test_seed_pair_wrapped_in_web_pages(tmp_path: Path) -> None:
    for name in ("abstract", "blog"):
        text = (SEEDS / f"msc-covid-{name}.txt").read_text(encoding="utf-8")
        (tmp_path / f"{name}.html").write_text(wrap_in_page(text, f"The {name}"), encoding="utf-8")
    out = report(tmp_path / "abstract.html", tmp_path / "blog.html")
    for statement in out["statements"]:
        assert not MARKUP.search(statement["text"]), statement["text"]
        assert "All rights reserved" not in statement["text"] and "Home Health" not in statement["text"]
    mortality = [s for s in out["statements"] if s["doc"] == "derived" and s["text"].endswith("reducing mortality.")]
    assert [s["status"] for s in mortality] == ["divergence"]
    for doc in ("source", "derived"):
        assert out[doc]["text_source"] == "extracted" and len(out[doc]["text_sha256"]) == 64
    plain = report(SEEDS / "msc-covid-abstract.txt", SEEDS / "msc-covid-blog.txt")
    assert "text_source" not in plain["source"], "offsets into the file itself need no note"


@pytest.mark.skipif(find_chromium() is None,
                    reason="chromium is not installed (run `make browser`, or apt-get install chromium)")
def test_seed_abstract_printed_to_pdf_by_chromium(tmp_path: Path) -> None:
    page = tmp_path / "abstract.html"
    page.write_text(wrap_in_page((SEEDS / "msc-covid-abstract.txt").read_text(encoding="utf-8"), "The abstract"),
                    encoding="utf-8")
    pdf = tmp_path / "abstract.pdf"
    done = run_chromium(page, f"--print-to-pdf={pdf}")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF-"), done.stderr[-2000:]
    out = report(pdf, SEEDS / "msc-covid-blog.txt")
    source = [s["text"] for s in out["statements"] if s["doc"] == "source"]
    assert ("While these outcomes are significant, additional phase II/III trials are required to validate "
            "the efficacy of MSCs to improve the survival of COVID-19 patients with ARDS.") in source
    assert any(text.startswith("Recent double-blind, randomized, controlled trials reported") for text in source)
    for text in source:  # Chromium's running header (date, title) and footer (address, page of pages)
        assert "file:" not in text and not re.search(r"\b\d/\d\b$", text), text
    assert out["source"]["text_source"] == "extracted"
    # with no ending at all, the content says it is a PDF
    bare = tmp_path / "abstract"
    bare.write_bytes(pdf.read_bytes())
    assert load(bare).encoding == "pdf"


def test_pdf_without_a_text_layer_is_refused_in_one_line(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    scan = tmp_path / "scan.pdf"
    with scan.open("wb") as out:
        writer.write(out)
    result = subprocess.run([str(SCRIPT), "compare", str(scan), str(SEEDS / "msc-covid-blog.txt")],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"claimdiff: {scan}: the PDF has no text layer (a scan?); run it through OCR first"]


def test_broken_pdf_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(InputError, match="broken.pdf: "):
        load(broken)


def test_a_pdf_pypdf_repairs_or_gives_up_on_says_one_line(tmp_path: Path) -> None:
    """pypdf logs what it repairs; with no handler set, Python printed that above our line."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    whole = io.BytesIO()
    writer.write(whole)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole.getvalue().replace(b"%%EOF", b""))  # pypdf: "EOF marker not found"
    result = subprocess.run([str(SCRIPT), "compare", str(cut), str(SEEDS / "msc-covid-blog.txt")],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"claimdiff: {cut}: cannot read this PDF (PdfStreamError)"]


def test_word_file(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Coffee and the heart", level=1)
    document.add_paragraph("Drinking coffee prevents heart attacks in everyone. It is proven.")
    document.add_paragraph("Drink three cups a day.", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Cups", "Risk"
    path = tmp_path / "press-release.docx"
    document.save(str(path))
    loaded = load(path)
    assert loaded.text == ("Coffee and the heart\n\nDrinking coffee prevents heart attacks in everyone. It is proven."
                           "\n\n• Drink three cups a day.\n\nCups · Risk\n")
    assert loaded.encoding == "docx" and loaded.text_source == "extracted"
    renamed = tmp_path / "press-release.bin"
    renamed.write_bytes(path.read_bytes())
    assert load(renamed).text == loaded.text, "a ZIP holding word/document.xml is a Word file"


def test_text_endings_are_always_text_and_content_decides_otherwise(tmp_path: Path) -> None:
    page = (PAGES / "news-site.html").read_bytes()
    (tmp_path / "page.txt").write_bytes(page)
    assert load(tmp_path / "page.txt").text.startswith("<!DOCTYPE html>"), ".txt is text, whatever it holds"
    (tmp_path / "page").write_bytes(page)
    assert load(tmp_path / "page").text.startswith("Coffee drinkers live longer")
    (tmp_path / "notes.md").write_text("%PDF-1.4 is how a PDF starts.\n", encoding="utf-8")
    assert load(tmp_path / "notes.md").encoding == "utf-8"
    assert readers.pick("x.HTM", b"plain words") is not None and readers.pick("x.dat", b"plain words") is None
    assert readers.pick("x", b"\xef\xbb\xbf  <html><body>hi") is not None


def test_hyphens_at_line_ends() -> None:
    assert _join_hyphens("trials are re-\nquired to vali-\ndate it") == "trials are required\nto validate\nit"
    assert _join_hyphens("in COVID-\n19 patients") == "in COVID-19\npatients"
    assert _join_hyphens("long-term effects; no long-\nterm harm") == "long-term effects; no long-term\nharm"


def test_running_headers_footers_and_page_numbers() -> None:
    bodies = ["Coffee was studied here.", "Tea was studied there.", "Nothing was found."]
    pages = [["Journal of Tests 2026;3:1", "", body, "", f"Page {n} of 3"] for n, body in enumerate(bodies, 1)]
    pages[1][-1] = "2"
    kept = _drop_running_lines(pages)
    assert [[line for line in page if line] for page in kept] == [[body] for body in bodies]


def test_two_columns_are_read_left_first() -> None:
    left = [f"left column line {n:02d} has words" for n in range(10)]
    right = [f"right column line {n:02d} has more" for n in range(10)]
    lines = [f"{a:<40}{b}" for a, b in zip(left, right)]
    text = [line.strip() for line in _columns(lines) if line.strip()]
    assert text == left + right


def test_status_of_a_divergence_survives_the_page(tmp_path: Path) -> None:
    """The same claim in a page and in plain text gets the same status."""
    source = tmp_path / "source.txt"
    source.write_text("Coffee drinking was associated with a lower risk of early death in this cohort.\n",
                      encoding="utf-8")
    comparison = compare_files(source, PAGES / "news-site.html")
    statuses = {f.statement.text: f.status for f in comparison.of(Role.DERIVED)}
    assert statuses["Drinking three cups of coffee a day prevents early death, according to a study of more "
                    "than 400,000 adults published on Tuesday."] in (Status.DIVERGENCE, Status.AGREEMENT)
