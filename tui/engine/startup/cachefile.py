"""Reading and writing a file of the program's cache folder (:mod:`.patterns`, :mod:`.generated`,
:mod:`.derived`): marshalled data, trusted as bytecode is."""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path


def read_whole(path: Path) -> object | None:
    """The data a cache file holds; None when it is missing or cannot be read back (each reader
    then checks that the data are what it keeps)."""
    try:
        found: object = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return found


def write_whole(path: Path, data: bytes) -> None:
    """Write a cache file whole under another name, then rename it over the old one (a process
    reading it meanwhile reads the old one whole). A folder that cannot be written to loses
    nothing but the cache: the next run makes it again."""
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
