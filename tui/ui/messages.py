"""App-wide messages: small dataclasses with past-tense names.

Invariant: the comparison worker only ever talks to the app through these (``post_message``
is thread-safe), so no widget is touched from the worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.engine.model import Comparison


@dataclass
class ComparisonProgressed(Message):
    """The worker reached a stage; bursts collapse into the latest."""

    stage: str
    done: float
    """Share of the work done, 0–1."""

    def can_replace(self, message: Message) -> bool:
        """A newer progress report makes an older one pointless."""
        return isinstance(message, ComparisonProgressed)


@dataclass
class ComparisonFinished(Message):
    """The comparison is ready; ``notices``: what the engine warned of on the way, one line each."""

    comparison: Comparison
    notices: tuple[str, ...] = ()


@dataclass
class ComparisonFailed(Message):
    """The comparison could not be made; ``error`` is one line for the user."""

    error: str


@dataclass
class SaveStatusChanged(Message):
    """A save of the session failed or succeeded again (posted from any thread)."""
