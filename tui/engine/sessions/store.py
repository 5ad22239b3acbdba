"""Review sessions on disk: one JSON file per session, saved as the reviewer works.

Invariant: a session file on disk is always a complete, valid session or is left exactly as it
was. Writes go to a temporary file in the same folder, are fsynced and then renamed over the
old file (``os.replace``), so a crash leaves the old or the new version, never half of one.
Every read-merge-write holds an exclusive ``fcntl.flock`` on a hidden sidecar lock file, and a
save merges what is on disk statement by statement (the later change wins), so two claimdiff
processes on one session keep each other's work. A file that cannot be read (corrupt,
truncated, or from a newer claimdiff) is never overwritten: it is moved aside to
``<name>.corrupt-<time>.json`` and reported in one line.

Sessions live in ``default_root()``, resolved only when first needed: ``$CLAIMDIFF_DATA_DIR/
sessions`` when that variable is set, else ``platformdirs.user_data_path("claimdiff") /
"sessions"``. Tests pass ``SessionStore(tmp_path)``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tui.engine.inputs.documents import InputError, NotRegularFile, TooLarge, read_regular
from tui.engine.model import CompareOptions, Comparison
from tui.engine.review import Review
from tui.engine.sessions.autosave import LIVE, Autosave
from tui.engine.sessions.checks import SessionFormatError
from tui.engine.sessions.files import aside_path, clean_stale, parse_json, write_atomic
from tui.engine.sessions.folder import APP, ENV, default_root  # noqa: F401 (APP, ENV: named from here too)
from tui.engine.sessions.reattach import Attachment, merge, restore
from tui.engine.sessions.session import Session, from_dict, to_dict

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; merge-on-save still applies
    fcntl = None  # type: ignore[assignment]

STALE_AFTER = 3600.0
"""Seconds after which a leftover temporary file counts as stale (its writer was killed)."""
MAX_SESSION_BYTES = 256_000_000
"""Largest session file read; a bigger one is refused rather than read into memory."""
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")

OpenReview = Callable[[Comparison], tuple[Review, "str | None"]]
"""What the app calls once the comparison is ready: the review to use and a one-line notice."""


class SessionError(InputError):
    """A session problem; ``str(error)`` is one line for the user (the CLI exits with 2)."""


class SessionNotFound(SessionError):
    """No session of that name."""


class SessionUnreadable(SessionError):
    """A session file that is corrupt, truncated or from a newer claimdiff."""

    def __init__(self, message: str, moved_to: Path | None = None) -> None:
        super().__init__(message)
        self.moved_to = moved_to
        """Where the file was moved aside to (None when it was only looked at)."""


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One line of the session listing."""

    name: str
    session: Session | None
    """None when the file could not be read (see ``problem``)."""
    problem: str | None = None


def default_name(source: str | os.PathLike[str], derived: str | os.PathLike[str]) -> str:
    """The session name for a pair: ``<derived stem>--<source stem>-<hash of both paths>``."""
    both = f"{Path(source).resolve()}\0{Path(derived).resolve()}"
    digest = hashlib.sha256(both.encode("utf-8", "surrogatepass")).hexdigest()[:8]

    def stem(path: str | os.PathLike[str]) -> str:
        return re.sub(r"[^A-Za-z0-9_-]+", "-", Path(path).stem).strip("-_")[:40] or "doc"

    return f"{stem(derived)}--{stem(source)}-{digest}"


def check_name(name: str) -> str:
    """Return ``name`` if it can name a session file.

    Raises:
        SessionError: empty, too long, or with characters other than letters, digits, ``._-``.
    """
    if not _NAME.fullmatch(name) or ".corrupt-" in name:
        raise SessionError(f"{name!r} cannot name a session: use up to 100 letters, digits, '.', '_' or '-', "
                           "starting with a letter or digit")
    return name


class SessionStore:
    """The session files in one folder."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self._root = Path(root) if root is not None else None
        self._written: dict[str, tuple[int, int, int] | None] = {}

    @property
    def root(self) -> Path:
        """The folder (``default_root()`` unless one was given)."""
        if self._root is None:
            self._root = default_root()
        return self._root

    def path(self, name: str) -> Path:
        """The file of the session ``name``."""
        return self.root / f"{check_name(name)}.json"

    def names(self) -> list[str]:
        """Names of the sessions in the folder, sorted."""
        if not self.root.is_dir():
            return []
        return sorted(p.stem for p in self.root.glob("*.json")
                      if not p.name.startswith(".") and ".corrupt-" not in p.name and _NAME.fullmatch(p.stem))

    def exists(self, name: str) -> bool:
        """True when a session file of that name exists."""
        return self.path(name).exists()

    def load(self, name: str) -> Session | None:
        """Read a session; None when there is none.

        Raises:
            SessionUnreadable: the file is unreadable; it has been moved aside.
        """
        with self._lock(name):
            return self._read(name, move_aside=True)

    def peek(self, name: str) -> Session:
        """Read a session without changing anything on disk (for listings).

        Raises:
            SessionNotFound: there is none.
            SessionUnreadable: the file is unreadable (left where it is).
        """
        session = self._read(name, move_aside=False)
        if session is None:
            raise SessionNotFound(f"no session named {name!r} (see `claimdiff sessions`)")
        return session

    def infos(self) -> list[SessionInfo]:
        """Every session in the folder, readable or not, latest change first."""
        out = []
        for name in self.names():
            try:
                out.append(SessionInfo(name, self.peek(name)))
            except SessionError as error:
                out.append(SessionInfo(name, None, str(error)))
        return sorted(out, key=lambda i: -(i.session.updated if i.session else 0.0))

    def save(self, session: Session, comparison: Comparison | None = None, *, durable: bool = True,
             since: float | None = None) -> Session:
        """Write a session atomically, merged with what another process saved meanwhile.

        Args:
            session: The session to write.
            comparison: The comparison ``session`` was captured on; when given, the version
                on disk is merged in statement by statement (the later change wins).
            durable: fsync before the rename (False for cheap writes such as the cursor).
            since: The ``updated`` stamp of the version this process wrote last; when the
                file still carries it, nobody else wrote meanwhile and no merge is needed.

        Returns:
            The session as written.
        """
        path = self.path(session.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock(session.name):
            # The file as this store last wrote it (same inode, size and time) needs no reading.
            untouched = since is not None and self._written.get(session.name) == _identity(path)
            if comparison is not None and not untouched:
                try:
                    disk = self._read(session.name, move_aside=True)
                except SessionUnreadable:
                    disk = None  # moved aside, so writing ours loses nothing
                if disk is not None and disk.updated != since:
                    session = merge(session, disk, comparison)
            write_atomic(path, to_dict(session), durable=durable)
            self._written[session.name] = _identity(path)
        return session

    def remove(self, name: str) -> None:
        """Delete a session.

        Raises:
            SessionNotFound: there is none.
        """
        path = self.path(name)
        if not path.exists() and not path.is_symlink():
            raise SessionNotFound(f"no session named {name!r} (see `claimdiff sessions`)")
        with self._lock(name):
            path.unlink(missing_ok=True)
        self._lock_path(name).unlink(missing_ok=True)

    def resolve_name(self, source: str | os.PathLike[str], derived: str | os.PathLike[str], *,
                     name: str | None = None, new: bool = False) -> str:
        """The session to open for a pair.

        Args:
            source: The source document's path.
            derived: The derived document's path.
            name: The name asked for (``--session``); None for the pair's default.
            new: Start a new session beside the old ones (``--new``): ``<name>-2``, ``-3``…

        Returns:
            ``name`` when given; else the most recently saved session of the pair (the default
            name or one of its ``--new`` successors), or the default name when there is none.
        """
        base = check_name(name) if name is not None else default_name(source, derived)
        if new:
            number = 2
            while self.exists(f"{base}-{number}"):
                number += 1
            return f"{base}-{number}"
        if name is not None:
            return base
        family = [n for n in self.names() if n == base or re.fullmatch(re.escape(base) + r"-\d+", n)]
        return max(family, key=self._mtime) if family else base

    def _mtime(self, name: str) -> int:
        try:
            return self.path(name).stat().st_mtime_ns
        except OSError:
            return -1  # a dangling link or a file gone meanwhile: the least recent

    def saved_options(self, name: str) -> CompareOptions | None:
        """The options a session was made with (None when there is no readable session)."""
        try:
            return self.peek(name).options
        except SessionError:
            return None

    def open(self, comparison: Comparison, name: str) -> tuple[Review, str, Autosave]:
        """Find or create the session ``name`` for a comparison and start saving it.

        Returns:
            The review (verdicts re-attached, cursor restored), a one-line notice for the
            reviewer, and the autosaver already subscribed to the review.
        """
        notes: list[str] = []
        for other in list(LIVE):  # a move this process still holds for the session goes first
            if other.name == name and getattr(other.store, "root", None) == self.root:
                other.flush()
        self.clean_stale()
        try:
            session = self.load(name)
        except SessionUnreadable as error:
            session = None
            notes.append(f"{error}; starting fresh")
        if session is None:
            review, created = Review(comparison), None
            notes.insert(0, f"new session {name}")
        else:
            review, found = self.resume(session, comparison)
            created = session.created
            said = f"resumed session {name}: {_count(len(review.verdicts), 'verdict')}"
            said += "".join(f", {n} {what}" for n, what in (
                (found.moved, "re-attached after edits"), (found.changed, "changed"),
                (found.orphaned, "orphaned")) if n)
            earlier = len(review.orphans) - found.orphaned
            if earlier:
                said += f" ({earlier} orphaned earlier)"
            notes.insert(0, said)
            if session.options != comparison.options:
                notes.append("options differ from the ones the session was saved with; using the new ones")
        autosave = Autosave(self, name, review, created)
        autosave.start()
        if autosave.error:
            notes.append(autosave.error)
        return review, "; ".join(notes), autosave

    def resume(self, session: Session, comparison: Comparison) -> tuple[Review, Attachment]:
        """The one route from a saved session to a review (the app's through :meth:`open`, and
        ``claimdiff export``'s): verdicts, orphans and cursor laid over ``comparison``; no I/O."""
        return restore(session, comparison)

    def opener(self, name: str) -> Opener:
        """The ``open_review`` callable the app takes: opens session ``name`` for a comparison."""
        return Opener(self, name)

    def clean_stale(self, *, older_than: float = STALE_AFTER) -> list[Path]:
        """Delete the temporary files (``.<name>.*.tmp``) a killed claimdiff left here over
        ``older_than`` seconds ago; a concurrent writer's lives for milliseconds."""
        return clean_stale(self.root, older_than) if self.root.is_dir() else []

    # -- files -----------------------------------------------------------------------------
    def _lock_path(self, name: str) -> Path:
        return self.root / f".{check_name(name)}.lock"

    @contextmanager
    def _lock(self, name: str) -> Iterator[None]:
        if fcntl is None or not self.root.is_dir():
            yield
            return
        try:
            handle = open(self._lock_path(name), "a+b")  # noqa: SIM115 - closed below
        except OSError:
            # A read-only folder (or a lock file we may not open): nobody can write there
            # through us either, so reading without the lock is safe; a save fails on its own.
            yield
            return
        with handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _read(self, name: str, *, move_aside: bool) -> Session | None:
        path = self.path(name)
        try:
            raw = read_regular(path, MAX_SESSION_BYTES)
        except FileNotFoundError:
            if not path.is_symlink():
                return None
            raw, problem = None, "is a link to nothing"
        except (NotRegularFile, TooLarge) as error:
            raw, problem = None, str(error)
        except OSError as error:
            raise SessionError(f"session {name}: cannot be read ({error.strerror or error})") from None
        if raw is not None:
            try:
                session = from_dict(parse_json(raw))
            except (UnicodeDecodeError, json.JSONDecodeError):
                problem = "is not valid JSON (corrupt or truncated)"
            except RecursionError:
                problem = "is nested too deep to be a session"
            except ValueError as error:  # SessionFormatError, or a number out of bounds
                problem = str(error) if isinstance(error, SessionFormatError) else f"malformed session ({error})"
            else:
                if session.name != name:
                    return _renamed(session, name)
                return session
        if not move_aside:
            raise SessionUnreadable(f"session {name}: {problem}")
        aside = aside_path(path)
        try:
            os.replace(path, aside)
        except OSError as error:
            raise SessionUnreadable(f"session {name}: {problem}; could not move it aside "
                                    f"({error.strerror or error})") from None
        raise SessionUnreadable(f"session {name}: {problem}; moved aside to {aside.name}", aside)


class Opener:
    """Opens one session for a comparison (the app's ``open_review``) and keeps its autosaver,
    so the app can show a failed save and retry it."""

    def __init__(self, store: SessionStore, name: str) -> None:
        self.store = store
        self.name = name
        self.autosave: Autosave | None = None
        """The autosaver of the opened review (None until called)."""

    def __call__(self, comparison: Comparison) -> tuple[Review, str | None]:
        review, notice, self.autosave = self.store.open(comparison, self.name)
        return review, notice


def _renamed(session: Session, name: str) -> Session:
    return dataclasses.replace(session, name=name)


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
