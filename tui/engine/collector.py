"""The cycle collector paused for a comparison and its report (:func:`paused_gc`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector off for a while (back on after, if it was on).

    A comparison allocates millions of objects and frees them by reference counting; the
    collector, triggered by the allocations alone, kept walking the growing heap and took
    about 1 s of the 1 MB pair's 7.6 s command (peak memory is the same without it: the
    engine makes next to no cycles). It is process-wide: while an app's comparison runs in
    a thread, the interface's cycles wait too, for those seconds.

    Back on, the collector's first pass would walk every object made meanwhile, all of them
    still in its youngest generation (0.14 s of the 1 MB pair's comparison, 25 ms of the
    290 KB pair's). They are moved to the oldest generation instead, in one step and unwalked:
    ``gc.freeze`` then ``gc.unfreeze``, which leave nothing frozen. Not when some of the
    process's objects are frozen already (the app freezes a review once it is built), which
    that would thaw: the first pass then walks them as before.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_on:
            gc.enable()
