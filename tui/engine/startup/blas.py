"""One BLAS thread in claimdiff's own processes.

NumPy's OpenBLAS starts a thread per core when NumPy is imported, and an idle one spins for
about 0.1 s of CPU time before it sleeps. So every process that imports NumPy takes that much
of another core, even while it waits: importing NumPy and sleeping 0.3 s costs 0.19 s of CPU
time, 0.08 s with one thread. A large pair runs in two processes on two cores, and both
import NumPy as they start work, so each one's spinning took the core the other was working
on: with one thread, the 290 KB InSciOut pair's whole command takes about 0.96 of the time.

The engine's products are small (a claim's candidates times the ranker's weights), which BLAS
does in one thread anyway. The variables are read only when NumPy is imported, so they are set
where claimdiff's processes start: the command line (and through it the app and the batch
workers) and the engine's second process. A value the user set is kept. A script that uses
the engine keeps its own settings; only the second process it gets is set.
"""

from __future__ import annotations

from collections.abc import MutableMapping

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
"""What NumPy's BLAS reads for its number of threads: OpenBLAS (NumPy's wheels), and MKL (some
builds of NumPy elsewhere; not measured here)."""


def one_thread(environ: MutableMapping[str, str]) -> MutableMapping[str, str]:
    """``environ``, each of :data:`THREAD_VARIABLES` it lacks set to one thread.

    Args:
        environ: ``os.environ`` (this process, before NumPy is imported), or a copy of it for a
            process to start.

    Returns:
        ``environ`` itself, changed.
    """
    for name in THREAD_VARIABLES:
        environ.setdefault(name, "1")
    return environ
