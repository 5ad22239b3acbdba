"""``claimdiff batch MANIFEST --out DIR``: many pairs, one report each and a summary.

The work itself is in ``tui/batch.py``, where it runs in ``tui/executors.py``; this module
reads the arguments, draws the progress bar on stderr and turns the outcomes into an exit
status.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from concurrent.futures import Executor
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from tui.commands.common import (
    HelpFormatter,
    add_compare_options,
    add_fail_on,
    add_indent,
    gate,
    help_epilog,
    options_from,
    positive_int,
)

EXAMPLES = """\
  claimdiff batch pairs.csv --out reports          every pair of pairs.csv, on every core
  claimdiff batch pairs.csv --out reports --force  compare them all again
  claimdiff batch pairs.csv --out reports --fail-on divergence
  claimdiff batch pairs.csv --out reports --scheduler tcp://10.0.0.5:8786   on a Dask cluster
  find-pairs | claimdiff batch - --out reports     the manifest from standard input

manifest (CSV, paths relative to its folder, or to the current folder when read from
standard input; name defaults to the derived file's stem):
  source,derived,name
  papers/trial.pdf,releases/trial.html,trial
  papers/cohort.txt,blogs/cohort.txt,"""

EXIT = """\
exit status:
  0  every pair was compared (and, with --fail-on, every one under the threshold)
  1  --fail-on: at least --fail-threshold claims of a pair have a listed status
  2  a pair could not be compared (its summary row says why), or the manifest is unfit:
     missing, without the source,derived header, or naming two pairs alike (2 wins over 1)
  130 interrupted (Ctrl-C)"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``batch`` subcommand."""
    parser = sub.add_parser(
        "batch", help="compare many pairs listed in a CSV manifest",
        description="Compare every pair of a CSV manifest: DIR/NAME.json for each (the JSON report) and "
                    "DIR/summary.csv with the counts per status of every pair, or its error. A second run "
                    "skips the pairs whose report still holds (same files, version and options).",
        epilog=help_epilog(EXAMPLES, exits=False) + "\n\n" + EXIT, formatter_class=HelpFormatter,
    )
    parser.add_argument("manifest", help="CSV with the header source,derived[,name]; - reads it from standard input")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the reports and summary.csv")
    parser.add_argument("--workers", type=positive_int, default=os.cpu_count() or 1, metavar="N",
                        help="processes comparing pairs on this machine (default: the core count)")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help="run the pairs on this Dask distributed scheduler instead (needs "
                             "claimdiff[distributed]; the workers must see the files at the same paths)")
    parser.add_argument("--force", action="store_true", help="compare every pair again, even those up to date")
    add_indent(parser, "the JSON reports")
    add_fail_on(parser)
    add_compare_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Compare the manifest's pairs; 2 if any failed, else 1 if any failed the gate, else 0."""
    from tui import batch, executors

    pairs = batch.read_manifest(args.manifest)
    options = options_from(args)
    out = Path(args.out)

    def executor(todo: int) -> AbstractContextManager[Executor]:
        if args.scheduler:
            return executors.dask_executor(args.scheduler)
        return executors.local_executor(min(args.workers, todo))

    try:
        with _bar(len(pairs)) as progress:
            outcomes = batch.run(pairs, out, options, executor, force=args.force, progress=progress,
                                 indent=args.indent)
    except KeyboardInterrupt:
        # Every finished pair's report is on disk and the workers are stopped. A worker stopped
        # while it wrote a result can leave the process pool's thread reading for ever, and the
        # interpreter joins that thread at exit (CPython 3.11; seen once in CI, under load): so
        # the command ends here, not at the interpreter's exit.
        executors.release_before_exit()
        print(f"claimdiff: interrupted: the reports made are kept in {out}; run the command again to go on",
              file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    failed = [o for o in outcomes if o.error]
    for outcome in failed:
        print(f"claimdiff: {outcome.pair.name}: {outcome.error}", file=sys.stderr)
    gated = 0
    for outcome in outcomes:
        if not outcome.error:
            said = io.StringIO()
            with contextlib.redirect_stderr(said):
                code = gate(outcome.counts, args)
            if code:
                gated += 1
                print(f"claimdiff: {outcome.pair.name}: {said.getvalue().removeprefix('claimdiff: ')}", end="",
                      file=sys.stderr)
    skipped = sum(o.skipped for o in outcomes)
    print(f"claimdiff: {len(outcomes)} pair{'' if len(outcomes) == 1 else 's'}: "
          f"{len(outcomes) - len(failed) - skipped} compared, {skipped} up to "
          f"date, {len(failed)} failed; {out / 'summary.csv'}", file=sys.stderr)
    return 2 if failed else 1 if gated else 0


@contextlib.contextmanager
def _bar(total: int) -> Any:
    """A progress callback drawing pairs done, failed and left, and the time left, on stderr.

    Off a terminal there is no bar (the last line says what became of the pairs), and Rich
    is not even imported: a second run, with everything up to date, is mostly start-up.
    """
    if not sys.stderr.isatty():
        yield lambda outcome: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    bar = Progress(TextColumn("{task.description}"), BarColumn(), TimeRemainingColumn(), console=console,
                   transient=True)
    counts = {"done": 0, "failed": 0}

    def words() -> str:
        left = total - counts["done"] - counts["failed"]
        return f"{counts['done']} done, {counts['failed']} failed, {left} left"

    task = bar.add_task(words(), total=total)

    def update(outcome: Any) -> None:
        counts["failed" if outcome.error else "done"] += 1
        bar.update(task, advance=1, description=words())

    with bar:
        yield update
