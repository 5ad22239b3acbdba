"""Where sessions live: ``default_root()``, resolved only when first needed.

``$CLAIMDIFF_DATA_DIR/sessions`` when that variable is set, else
``platformdirs.user_data_path("claimdiff") / "sessions"``. Apart from
:mod:`tui.engine.sessions.store` so that a command writing a report (which must not write
into the sessions folder) can ask where it is without loading the whole store.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "claimdiff"
ENV = "CLAIMDIFF_DATA_DIR"
"""Environment variable naming the data folder; sessions go in its ``sessions`` subfolder."""


def default_root() -> Path:
    """The folder sessions are kept in (see the module docstring); nothing is created."""
    data = os.environ.get(ENV)
    if data:
        return Path(data).expanduser() / "sessions"
    import platformdirs

    return platformdirs.user_data_path(APP, appauthor=False) / "sessions"
