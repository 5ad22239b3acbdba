"""Where an output may go: never over a document being read, never into the sessions folder.

Invariant: no file claimdiff writes on request (``-o``, the app's export) replaces an input
document or a session file, whether the path names it directly, through a symbolic link or
through a hard link. The app and every command ask :func:`check_output` before writing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from tui.engine.inputs.documents import InputError


def check_output(
    output: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]] = (),
    *,
    sessions: str | os.PathLike[str] | None = None,
) -> None:
    """Refuse an output path that would overwrite an input or a session file.

    Args:
        output: The file about to be written.
        inputs: The documents the output is made from.
        sessions: The sessions folder; nothing in it may be written over.

    Raises:
        InputError: the output is one of ``inputs`` or lies in ``sessions`` (one line).
    """
    shown = os.fspath(output)
    target = _resolved(output)
    for document in inputs:
        if _same(output, target, document):
            raise InputError(f"{shown}: is one of the documents being read; choose another output file")
    if sessions is not None:
        folder = _resolved(sessions)
        if folder == target.parent or folder in target.parents or _same(output, target, sessions):
            raise InputError(f"{shown}: is in the sessions folder ({os.fspath(sessions)}); "
                             "choose an output file elsewhere")


def _resolved(path: str | os.PathLike[str]) -> Path:
    """The absolute path with every link that exists followed (lexically past the rest)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def _same(output: str | os.PathLike[str], target: Path, other: str | os.PathLike[str]) -> bool:
    if target == _resolved(other):
        return True
    try:
        return os.path.samefile(output, other)  # a hard link to the same file
    except OSError:
        return False
