"""Tables derived from the engine's shipped word lists, kept between runs of the program.

The antonym lists hold 6,098 words, which are stemmed as a process first reads a pair's
signals: 12 ms, in each of a large pair's two processes and in every run of the seed pair
(0.17 s in all). :func:`kept` gives the table an earlier run kept, made from the same inputs,
or makes it and keeps it in the cache folder of :mod:`.patterns`. The inputs are what the
table is made from: the lists' text, and the code and the stemmer that make it. Only
claimdiff's own processes keep tables (where that cache is installed); a script makes them
each time. Only what shipped lists give is kept, never a document's text.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TypeGuard, TypeVar

from tui.engine.startup import patterns
from tui.engine.startup.cachefile import read_whole, write_whole

T = TypeVar("T")


def kept(name: str, inputs: Sequence[str], make: Callable[[], T], valid: Callable[[object], TypeGuard[T]]) -> T:
    """The table ``name`` made from ``inputs``: the one kept by an earlier run when there is one
    that ``valid`` accepts, else ``make()``, kept for the next run (where the program's cache is
    installed). A table kept from other inputs is removed as the new one is written."""
    folder = patterns.folder()
    if folder is None:
        return make()
    digest = zlib.crc32("\0".join([sys.version, *inputs]).encode("utf-8", "surrogatepass"))
    path = folder / f"{name}-{digest:08x}.marshal"
    found = read_whole(path)
    if found is not None and valid(found):
        return found
    made = make()
    try:
        data = marshal.dumps(made)  # type: ignore[arg-type]  # a table of strings, sets and numbers
    except ValueError:  # something marshal cannot write: made each time
        return made
    write_whole(path, data)
    for other in _listed(folder):  # not Path.glob: its pattern would join the patterns' cache
        if other.startswith(f"{name}-") and other.endswith(".marshal") and other != path.name:
            with suppress(OSError):
                os.remove(folder / other)
    return made


def _listed(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def source_of(*modules: str) -> list[str]:
    """The text of each module's file (its code, as an input of a table it makes); empty for
    one that has no file that can be read."""
    texts = []
    for name in modules:
        try:
            with open(sys.modules[name].__file__ or "", encoding="utf-8") as file:
                texts.append(file.read())
        except (KeyError, OSError, ValueError):
            texts.append("")
    return texts


def file_of(module: object) -> str:
    """The size and time of change of a compiled module's file (a stemmer's version, as an input)."""
    try:
        found = os.stat(getattr(module, "__file__", None) or "")
    except (OSError, ValueError):
        return ""
    return f"{found.st_size}:{found.st_mtime_ns}"
