"""How claimdiff's own processes set up the interpreter: one BLAS thread for NumPy
(:mod:`.blas`), regular expressions compiled from the cache of earlier runs (:mod:`.patterns`),
and a short switch interval while a second process works (:mod:`.switching`). The command line
sets the first two as it starts, and the processes it starts take them from its environment;
the second process's heap also asks glibc for huge pages (:mod:`.hugepages`). The command line
starts the second process of a large pair as it starts (:data:`PARALLEL_CHARS`)."""

from __future__ import annotations

import os

PARALLEL_CHARS = 400_000
"""From this many characters in the pair, one side's preparation and one direction of the
ranking run in a second process (2 cores: the 1 MB pair takes about half the time). Here,
not with the model (:mod:`tui.engine.model`): the command line starts that process as soon as
it sees two files this large, before it imports the model (13 ms)."""


def pair_bytes(*paths: str | os.PathLike[str]) -> int:
    """The files' bytes together (at least as many as their text's characters), which the command
    line and :func:`tui.engine.pipeline.compare_files` weigh against :data:`PARALLEL_CHARS`; 0 when
    one cannot be read (loading it will say what is wrong)."""
    try:
        return sum(os.stat(path).st_size for path in paths)
    except (OSError, ValueError):
        return 0
