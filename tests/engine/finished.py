"""A task already done, as the engine's steps see one sent to the second process."""

from __future__ import annotations


class Done:
    """A pending result that is ready: ``get`` returns ``value`` at once."""

    def __init__(self, value: object) -> None:
        self.value = value

    def ready(self) -> bool:
        return True

    def get(self) -> object:
        return self.value
