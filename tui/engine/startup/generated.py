"""The code ``dataclasses`` generates, compiled once and kept between runs, as the patterns are.

``dataclasses`` writes the methods of each class it makes (``__init__``, ``__repr__``,
``__eq__``, a frozen class's ``__setattr__``…) as Python source, and compiles that source as
the class is made. ``claimdiff compare`` makes 25 such classes as it starts, 147 functions:
compiling them took 11 ms of its start-up, and about as much of its second process's.

:func:`install` gives ``dataclasses`` an ``exec`` that runs the code an earlier run compiled
from the same source text, and keeps what it compiles in a file of the cache folder of
:mod:`.patterns`, named for the bytecode's version. The source text is the key: a class
whose fields change gets new code. As for the patterns, only claimdiff's own processes use it
(:func:`.patterns.install` installs it too), the file is trusted as bytecode is, and it is
written as the process ends when something was added.
"""

from __future__ import annotations

import builtins
import marshal
import sys
from collections.abc import Mapping
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

from tui.engine.startup.cachefile import read_whole, write_whole

MOST = 2_000
"""Functions the file keeps: those this run used first, then those of earlier runs."""


class _Code:
    """The compiled code of the source texts ``dataclasses`` hands ``exec``, and its file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes = _read(path)
        self.used: set[str] = set()
        self.added = False

    def exec(self, source: Any, globals: dict[str, Any] | None = None,
             locals: Mapping[str, object] | None = None) -> None:
        """``exec`` as ``dataclasses`` calls it: a source text runs as the code kept for it,
        compiled as ``exec`` compiles it (no ``__future__`` flags of the caller's)."""
        if type(source) is str:
            code = self.codes.get(source)
            if code is None:
                code = self.codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
                self.added = True
            self.used.add(source)
            source = code
        builtins.exec(source, globals, locals)  # noqa: S102 - dataclasses' own call, its code kept

    def save(self) -> None:
        """Write the file when this run compiled something it did not hold: this run's code, then
        the rest of the file's, up to :data:`MOST` (:func:`~.cachefile.write_whole`)."""
        if not self.added:
            return
        kept = {source: self.codes[source] for source in self.used}
        for source, code in _read(self.path).items():
            if len(kept) >= MOST:
                break
            kept.setdefault(source, code)
        write_whole(self.path, marshal.dumps(kept))


_INSTALLED: list[_Code] = []


def install(folder: Path) -> bool:
    """Run the code ``dataclasses`` generates from the file in ``folder`` for the rest of this
    process, and save it at exit; True when in use. Not where Python optimises (``-O``), whose
    code differs, and not twice."""
    import atexit
    import dataclasses

    if _INSTALLED or sys.flags.optimize or sys.implementation.name != "cpython":
        return bool(_INSTALLED)
    cache = _Code(folder / f"dataclasses-{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}.marshal")
    dataclasses.exec = cache.exec  # type: ignore[attr-defined]
    atexit.register(cache.save)
    _INSTALLED.append(cache)
    return True


def _read(path: Path) -> dict[str, CodeType]:
    """The file's code by source text; empty when it is missing or unreadable."""
    found = read_whole(path)
    if not isinstance(found, dict):
        return {}
    return {source: code for source, code in found.items() if type(source) is str and type(code) is CodeType}
