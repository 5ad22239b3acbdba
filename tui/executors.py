"""Where ``claimdiff batch`` compares its pairs: ``concurrent.futures`` executors of local
processes (:func:`local_executor`) or of a Dask cluster (:func:`dask_executor`), one code path
for both (:func:`tui.batch.run` takes either).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager, suppress

from tui.engine.inputs.documents import InputError


@contextmanager
def local_executor(workers: int) -> Iterator[Executor]:
    """``workers`` long-lived processes, each comparing many pairs; stopped at once on Ctrl-C."""
    from concurrent.futures import ProcessPoolExecutor

    from tui.engine.pipeline import spawn_context

    pool = ProcessPoolExecutor(max_workers=max(1, workers), mp_context=spawn_context(), initializer=_quiet_worker)
    try:
        yield pool
    except BaseException:  # Ctrl-C, or the caller stopped: no pair is left running
        # The processes end first: the pool then fails what is left (cancelling it as well
        # would make the pool's own thread trip over the cancelled futures, with a traceback).
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=False)
        raise
    pool.shutdown(wait=True)


def release_before_exit() -> None:
    """Release what the interpreter's exit would release of ``multiprocessing``'s, for a process
    that ends with ``os._exit`` (an interrupted batch): the process pool's named semaphores are
    unlinked here. Left to ``multiprocessing``'s resource tracker, they were unlinked too, but
    under a warning of "5 leaked semaphore objects" after the command's last line.
    ``multiprocessing.util._run_finalizers`` is what that exit runs first; without it (another
    Python), the tracker still unlinks them."""
    from multiprocessing import util

    run_finalizers = getattr(util, "_run_finalizers", None)
    if run_finalizers is not None:
        with suppress(Exception):
            run_finalizers(0)


CONNECT_TIMEOUT = "10s"
"""How long to keep trying a scheduler that does not answer."""


@contextmanager
def dask_executor(address: str) -> Iterator[Executor]:
    """The executor of a Dask ``distributed`` client connected to ``address`` (tcp://HOST:PORT).

    Raises:
        InputError: ``distributed`` is not installed, ``address`` is no address, or the
            scheduler cannot be reached.
    """
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs Dask's distributed: pip install 'claimdiff[distributed]'") from None
    _check_address(address)
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise InputError(f"{address}: no Dask scheduler answers there ({error})") from None
    try:
        # pure=False: a pair is compared again when asked, as with local processes.
        yield client.get_executor(pure=False)
    finally:
        client.close()  # the scheduler then drops whatever this client still asked for


def _check_address(address: str) -> None:
    """Refuse an address with no port or an unknown protocol before a client is made: a client
    that fails on one has started its event loop's thread already, and left behind, it could
    hold up the next client's for ten seconds.

    Raises:
        InputError: ``address`` is not a scheduler's address.
    """
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import get_backend

    try:
        scheme, location = parse_address(address)  # tcp when none is written
        get_backend(scheme)
        if scheme in ("tcp", "tls", "ws", "wss"):
            parse_host_port(location)  # "missing port number in address 'host'"
    except ValueError as error:
        raise InputError(f"{address}: not a scheduler's address, which reads tcp://HOST:PORT ({error})") from None


def _quiet_worker() -> None:
    """Ctrl-C reaches every process of the group; only the first answers it (it stops the pool).
    The worker compiles regular expressions from the program's cache, when it has one
    (:mod:`tui.engine.startup.patterns`)."""
    import signal

    from tui.engine.startup import patterns

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    patterns.install_if_asked()
