"""The documents a saved review was made on, as they were reviewed.

Invariant: exporting a session never silently reads a file other than the one reviewed. A
document whose file is still there, a regular file with the same SHA-256, is read from disk;
otherwise the text the session stored is used and a note says why; a session that stored no
text (older files) and whose file moved or changed is refused in one line, since its path
could name any readable file (a session may come from someone else's repository).
"""

from __future__ import annotations

from tui.engine.inputs.documents import InputError, load
from tui.engine.model import Document, Role
from tui.engine.sessions.session import DocumentRef, Session


def reviewed_documents(session: Session, max_bytes: int | None) -> tuple[Document, Document, list[str]]:
    """The session's source and derived documents, and one note per document not read from disk.

    Args:
        session: The saved session.
        max_bytes: Size limit for reading the files.

    Returns:
        ``(source, derived, notes)``.

    Raises:
        InputError: a document changed or is gone and the session kept no text of it.
    """
    notes: list[str] = []
    source = _document(Role.SOURCE, session.source, max_bytes, notes)
    derived = _document(Role.DERIVED, session.derived, max_bytes, notes)
    return source, derived, notes


def _document(role: Role, ref: DocumentRef, max_bytes: int | None, notes: list[str]) -> Document:
    try:
        on_disk = load(ref.path, max_bytes=max_bytes)
    except InputError as error:
        why = str(error).removeprefix(f"{ref.path}: ")
    else:
        if on_disk.sha256 == ref.sha256:
            return on_disk
        why = "its content changed since the review"
    if ref.text is None:
        raise InputError(f"the session's {role.value} document {ref.path}: {why}, and the session keeps no copy "
                         "of the text reviewed; give SOURCE DERIVED to export against files you choose")
    notes.append(f"note: the {role.value} document {ref.path}: {why}; exporting the text that was reviewed, "
                 "kept in the session")
    return Document(path=ref.path, text=ref.text, sha256=ref.sha256, encoding="utf-8")

