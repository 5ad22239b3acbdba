"""Compiled regular expressions kept between runs of the program, as Python keeps bytecode.

CPython compiles a pattern in two steps: ``re._parser`` and ``re._compiler`` turn it into a
list of opcodes, in pure Python, and ``_sre.compile`` builds the pattern object from that
list, in C. The first step is nearly all the cost, and claimdiff pays it in every process
for some 400 patterns at start-up (its own, pySBD's, Rich's) and a few hundred more as a
large pair's texts ask for cue and abbreviation patterns: 41 ms of the seed pair's 0.21 s,
and 59 ms of the 290 KB InSciOut pair's first process.

:func:`install` records what ``re._compiler`` hands ``_sre.compile`` for each pattern and
flags, and keeps it in a file of the user's cache folder (one per interpreter version and
``_sre.MAGIC``, the version of the opcodes). A later process hands the recorded arguments to
``_sre.compile`` directly: the same pattern object (patterns compare equal only when their
opcodes are equal), without the first step. Anything unexpected (another Python, a file
that cannot be read, arguments ``_sre`` refuses) falls back to compiling as usual. Like
bytecode, the file is trusted: ``_sre.compile`` checks that opcodes are well formed, not
that they are the pattern's, and the file lives in the user's own cache folder.

Only claimdiff's own processes use it: the command line run as the program, and the processes
it starts (a comparison's second process, the batch workers; told by :data:`ENV`). Each writes
the file as it ends when it compiled something new; a comparison's second process is stopped
rather than ended, so it only reads. A script that imports the engine keeps the ``re``
module as it found it. ``CLAIMDIFF_CACHE_DIR`` names the
folder; set empty, nothing is cached.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

from tui.engine.startup import generated
from tui.engine.startup.cachefile import read_whole, write_whole

ENV = "CLAIMDIFF_CACHE_DIR"
"""Environment variable naming the cache folder (empty: no cache). The program sets it to the
folder it uses, so that the processes it starts find the same one."""
MOST = 1_500
"""Patterns the file keeps: those this run used first, then those of earlier runs. A few text
dependent patterns join each run (pySBD builds some from the abbreviations a text holds); the
seeds, the app, a batch and the large benchmark pairs together use 900 (626 KB, read in 2.4 ms),
and patterns an older claimdiff used leave the file as it fills."""

Arguments = tuple[Any, ...]
"""What ``re._compiler`` passed ``_sre.compile`` for one pattern: its text, flags, opcodes,
group count, group index and index group."""


class _Cache:
    """The recorded arguments of one interpreter's patterns, and the file they are kept in."""

    def __init__(self, path: Path, compile_: Any, sre: Any) -> None:
        self.path = path
        self.compile = compile_
        """``re._compiler.compile`` as it was."""
        self.sre = sre
        """The ``_sre`` module ``re._compiler`` calls."""
        self.entries: dict[tuple[str, int], Arguments] = _read(path)
        self.used: set[tuple[str, int]] = set()
        self.added = False
        self.asking = threading.local()
        """The pattern and flags this thread is compiling, for :meth:`record`."""

    def compiled(self, pattern: Any, flags: Any = 0) -> Any:
        """``re._compiler.compile``, from the recorded arguments when there are some."""
        if type(pattern) is not str or int(flags) & re.DEBUG:
            return self.compile(pattern, flags)
        key = (pattern, int(flags))
        found = self.entries.get(key)
        if found is not None:
            try:
                made = self.sre.compile(*found)
            except Exception:  # noqa: BLE001 - anything amiss: compile as usual, and record afresh
                self.entries.pop(key, None)
            else:
                self.used.add(key)
                return made
        self.asking.key = key
        try:
            return self.compile(pattern, flags)
        finally:
            self.asking.key = None

    def record(self, *arguments: Any) -> Any:
        """``_sre.compile``, its arguments kept for the pattern being compiled."""
        made = self.sre.compile(*arguments)
        key = getattr(self.asking, "key", None)
        if key is not None and arguments and arguments[0] == key[0]:
            try:
                kept = tuple(_plain(a) for a in arguments)
            except TypeError:
                return made  # something marshal cannot write: compiled each time
            self.entries[key] = kept
            self.used.add(key)
            self.added = True
        return made

    def save(self) -> None:
        """Write the file when this run compiled a pattern it did not hold: this run's patterns,
        then the others the file holds now (another process may have written it), up to
        :data:`MOST`. Written whole under another name, then renamed over the old file."""
        if not self.added:
            return
        entries = self.entries
        kept = {key: entries[key] for key in list(self.used) if key in entries}
        for key, value in _read(self.path).items():
            if len(kept) >= MOST:
                break
            kept.setdefault(key, value)
        write_whole(self.path, marshal.dumps(kept))


class _Recorder:
    """Stands in for the ``_sre`` module in ``re._compiler``: ``compile`` is recorded, the rest
    is the module's own."""

    def __init__(self, cache: _Cache) -> None:
        self._cache = cache

    def compile(self, *arguments: Any) -> Any:
        return self._cache.record(*arguments)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cache.sre, name)


_INSTALLED: list[_Cache] = []


def install(folder: str | os.PathLike[str] | None = None) -> bool:
    """Compile patterns from the cache in ``folder`` (None: :data:`ENV`, else the user's cache
    folder) for the rest of this process, and save it at exit; True when it is in use. The code
    ``dataclasses`` generates is kept there too (:mod:`.generated`).

    Nothing changes where :data:`ENV` is set empty, on another Python than CPython, or where
    ``re`` is not built as this module expects. :data:`ENV` is set to the folder for the
    processes started from this one.
    """
    if _INSTALLED:
        return True
    try:
        where = _folder(folder)
    except (RuntimeError, OSError, ValueError):  # "~nobody/cache", no home folder: no cache, as when set empty
        return False
    compiler = getattr(re, "_compiler", None)
    if where is None or sys.implementation.name != "cpython" or compiler is None:
        return False
    sre = getattr(compiler, "_sre", None)
    real = getattr(compiler, "compile", None)
    if sre is None or real is None or not hasattr(sre, "MAGIC"):
        return False
    tag = sys.implementation.cache_tag or "python"
    cache = _Cache(where / f"patterns-{tag}-{sre.MAGIC}.marshal", real, sre)
    compiler._sre = _Recorder(cache)
    compiler.compile = cache.compiled
    os.environ[ENV] = str(where)
    atexit.register(cache.save)
    _INSTALLED.append(cache)
    generated.install(where)
    return True


def name_folder() -> None:
    """Set :data:`ENV` to the folder :func:`install` would use, for the processes started from
    this one before it does (where it names none, nothing changes)."""
    if ENV in os.environ:
        return
    try:
        os.environ[ENV] = str(user_cache())
    except (RuntimeError, OSError, ValueError):
        return


def folder() -> Path | None:
    """The cache folder in use in this process; None where the cache is not installed (a script
    that imports the engine), which then keeps nothing between runs."""
    return _INSTALLED[0].path.parent if _INSTALLED else None


def install_if_asked() -> bool:
    """:func:`install` where :data:`ENV` names a folder (a process the program started)."""
    return bool(os.environ.get(ENV)) and install()


def _folder(folder: str | os.PathLike[str] | None) -> Path | None:
    """The cache folder :func:`install` uses; None for none."""
    if folder is not None:
        return Path(folder)
    named = os.environ.get(ENV)
    if named is not None:
        return Path(named).expanduser() if named else None
    return user_cache()


def user_cache() -> Path:
    """``platformdirs.user_cache_path("claimdiff")``, worked out here on Linux as platformdirs
    does there: ``$XDG_CACHE_HOME/claimdiff`` when that is an absolute path, else
    ``~/.cache/claimdiff``. Importing platformdirs took 9 ms of every start (it imports
    ``tempfile``, ``shutil`` and ``random``), a third of the command line's own start-up; a test
    holds the two equal.

    Raises:
        RuntimeError: the home folder is unknown (and no absolute ``$XDG_CACHE_HOME`` is set).
    """
    if not sys.platform.startswith("linux"):
        import platformdirs

        return platformdirs.user_cache_path("claimdiff", appauthor=False)
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.expanduser("~/.cache")
        if not os.path.isabs(base):
            raise RuntimeError("no home folder for the cache")
    return Path(base) / "claimdiff"


def _read(path: Path) -> dict[tuple[str, int], Arguments]:
    """The file's recorded arguments; empty when it is missing or unreadable."""
    found = read_whole(path)
    if not isinstance(found, dict):
        return {}
    return {key: value for key, value in found.items()
            if isinstance(key, tuple) and len(key) == 2 and isinstance(value, tuple)}


def _plain(value: Any) -> Any:
    """``value`` with ``int`` subclasses (``re``'s opcodes and flags) as plain ints, for marshal."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, bytes, float)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    raise TypeError(type(value).__name__)
