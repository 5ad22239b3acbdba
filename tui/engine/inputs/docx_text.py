"""The text of a Word (.docx) file, by python-docx: paragraphs and tables in document order.

Headings and list paragraphs keep a line of their own; a table row becomes one line of its
cells. Headers, footers, comments and tracked deletions are not part of the body and stay out.
"""

from __future__ import annotations

import io

from tui.engine.inputs.readers import Unreadable


def extract(data: bytes) -> str:
    """The document's body text, one block per paragraph; "" when it has none.

    Raises:
        Unreadable: not a Word file python-docx can open.
    """
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 -- python-docx raises zipfile, lxml and its own errors
        raise Unreadable(f"cannot read this Word file ({type(error).__name__})") from None
    blocks: list[str] = []
    for part in document.iter_inner_content():
        if isinstance(part, Paragraph):
            text = " ".join(part.text.split())
            style = (part.style.name if part.style is not None else "") or ""
            if text and style.startswith("List"):
                text = f"• {text}"
            blocks.append(text)
        elif isinstance(part, Table):
            blocks.append("\n".join(" · ".join(" ".join(cell.text.split()) for cell in row.cells) for row in part.rows))
    return "\n\n".join(block for block in blocks if block) + "\n"
