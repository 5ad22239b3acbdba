"""The main text of a web page, by trafilatura: headings, paragraphs, lists and tables.

Menus, cookie banners, share bars, related stories, comments, scripts, styles and footers are
left out (trafilatura's boilerplate detection; measured against jusText and readability-lxml
in README's *Inputs*). The text is laid out as plain text the segmenter already reads: a
heading or paragraph per block, blank lines between blocks, one list item per line opening
with a bullet or its number, a table row per line.
"""

from __future__ import annotations

from xml.etree import ElementTree as etree

from tui.engine.inputs.readers import Unreadable

_BLOCKS = {"head", "p", "quote", "code"}


def extract_titled(data: bytes) -> tuple[str, str | None]:
    """The page's main text and its title, as trafilatura reads it from the page's metadata
    (``og:title``, the ``<h1>``, ``<title>`` less the site's name); None when it has none.

    Raises:
        Unreadable: the page cannot be parsed at all.
    """
    import trafilatura

    try:
        xml = trafilatura.extract(data, output_format="xml", include_comments=False, include_tables=True,
                                  include_formatting=False, include_images=False, with_metadata=True)
    except Exception as error:  # noqa: BLE001 -- trafilatura raises lxml's and its own errors
        raise Unreadable(f"cannot read this web page ({type(error).__name__})") from None
    if not xml:
        return trafilatura.html2txt(data) or "", None
    root = etree.fromstring(xml)
    blocks: list[str] = []
    _collect(root, blocks)
    title = " ".join((root.get("title") or "").split())
    return "\n\n".join(block for block in blocks if block.strip()) + "\n", title or None


def _collect(element: etree.Element, blocks: list[str]) -> None:
    """The blocks under ``element``, in document order; a block's own children are part of it."""
    for child in element:
        if child.tag == "list":
            blocks.append(_list(child))
        elif child.tag == "table":
            rows = child.iter("row")
            blocks.append("\n".join(" · ".join(_words(cell) for cell in row.iter("cell")) for row in rows))
        elif child.tag in _BLOCKS:
            blocks.append(_words(child))
        else:
            _collect(child, blocks)


def _list(element: etree.Element, depth: int = 0) -> str:
    numbered = (element.get("rend") or "").lower() == "ol"
    lines = []
    for number, item in enumerate(element.findall("item"), start=1):
        own = " ".join(" ".join(part.split()) for part in _own_text(item) if part.strip())
        lines.append(f"{'  ' * depth}{f'{number}.' if numbered else '•'} {own}")
        lines.extend(_list(inner, depth + 1) for inner in item.findall("list"))
    return "\n".join(lines)


def _own_text(item: etree.Element) -> list[str]:
    """An item's text without the text of lists nested in it."""
    parts = [item.text or ""]
    for child in item:
        if child.tag != "list":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return parts


def _words(element: etree.Element) -> str:
    return " ".join("".join(element.itertext()).split())
