"""Many pairs at once: a manifest in, one JSON report per pair and a summary out.

``claimdiff batch`` (``tui/commands/batch.py``) is a thin front end to this module, which
imports no Textual and no Rich. The work goes through a ``concurrent.futures`` executor, so
one code path serves both places it can run:

- **here**, a ``ProcessPoolExecutor`` of ``--workers`` processes, each started once (through
  the engine's :func:`~tui.engine.pipeline.spawn_context`, so never re-running the caller's
  script) and comparing many pairs, one pair at a time in one process each, so start-up and
  the lexicon are paid once per worker;
- **on a Dask cluster**, the executor of a ``distributed.Client`` (``--scheduler``).

Either way :func:`compare_pair` runs in the worker and returns the report's text and the
counts; only this process writes files. A pair that fails becomes an error in its row and
never stops the others.

Invariants: two pairs never share a name (refused before any work, :func:`read_manifest`);
a pair is skipped only when its report records the same input hashes, claimdiff version and
options (:func:`up_to_date`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import BrokenExecutor, Executor, as_completed
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from tui import __version__
from tui.engine.export.csv import neutralise
from tui.engine.inputs.documents import (
    STDIN,
    STDIN_NAME,
    InputError,
    decode,
    read_regular,
    read_stdin,
)
from tui.engine.model import CompareOptions

STATUSES = ("agreement", "divergence", "unsupported", "omitted")
"""The summary's count columns, in order."""

SUMMARY_COLUMNS = ("name", "source", "derived", *STATUSES, "error")
"""The columns of ``summary.csv``."""


@dataclass(frozen=True, slots=True)
class Pair:
    """One row of the manifest: paths as written (relative to the manifest) and where they are."""

    name: str
    source: str
    derived: str
    source_path: str
    derived_path: str


@dataclass(slots=True)
class Outcome:
    """What became of one pair: counts per status, or the error that stopped it."""

    pair: Pair
    counts: dict[str, int] = field(default_factory=dict)
    error: str = ""
    skipped: bool = False
    report: str | None = None
    """The report's text, when it was made in this run (only this process writes it)."""


def read_manifest(path: str | os.PathLike[str]) -> list[Pair]:
    """The pairs of a CSV manifest with the header ``source,derived[,name]`` (in any case, as a
    spreadsheet may write it).

    Paths are relative to the manifest's folder (to the current folder for a manifest read
    from standard input, ``-``); a name defaults to the derived file's stem. It is decoded as
    the documents are (:func:`~tui.engine.inputs.documents.decode`): a spreadsheet may save
    CSV in its Windows code page or in UTF-16.

    Raises:
        InputError: the manifest cannot be read or decoded, lacks the columns, or names a
            pair twice (or with a name that is not a plain file name).
    """
    shown = os.fspath(path)
    try:
        if shown == STDIN:
            shown, folder = STDIN_NAME, Path.cwd()
            data = read_stdin(None)
        else:
            data, folder = read_regular(path, None), Path(path).resolve().parent
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except InputError as error:  # a special file; standard input that is a terminal or closed
        message = str(error)
        raise InputError(message if message.startswith(f"{shown}:") else f"{shown}: {message}") from None
    except OSError as error:
        raise InputError(f"{shown}: cannot be read ({error.strerror or error})") from None
    text = decode(data, shown)[0] if data else ""
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    rows = list(reader)
    if not {"source", "derived"} <= set(header):
        first = text.split("\n", 1)[0]
        hint = "; separate the columns with commas" if "," not in first and (";" in first or "\t" in first) else ""
        raise InputError(f"{shown}: the first line must be the header source,derived[,name]{hint}")
    pairs: list[Pair] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not row.get("source") and not row.get("derived"):
            continue
        if not row.get("source") or not row.get("derived"):
            raise InputError(f"{shown}: line {line} needs both a source and a derived file")
        name = row.get("name") or Path(row["derived"]).stem
        if name in (".", "..") or "/" in name or "\\" in name or not name.strip():
            raise InputError(f"{shown}: line {line}: {name!r} is not a plain file name; give the pair another name")
        if name in seen:
            raise InputError(f"{shown}: lines {seen[name]} and {line} are both named {name!r}; "
                             "give one of them another name in a name column")
        seen[name] = line
        pairs.append(Pair(name, row["source"], row["derived"],
                          str(folder / row["source"]), str(folder / row["derived"])))
    return pairs


def compare_pair(pair: Pair, options: CompareOptions, indent: bool = False) -> Outcome:
    """Compare one pair in this process (runs in a worker): the report's text and counts.

    The report is the JSON contract with the paths as the manifest wrote them, plus a
    ``claimdiff`` block naming the version that made it (for :func:`up_to_date`); compact JSON,
    or with ``indent`` two spaces per level.
    """
    from tui.engine.export.jsontext import dumps
    from tui.engine.export.report import to_report
    from tui.engine.pipeline import compare_files

    try:
        comparison = compare_files(pair.source_path, pair.derived_path, options, workers=1)
    except InputError as error:
        return Outcome(pair, error=_relative(str(error), pair))
    except Exception as error:  # noqa: BLE001 - one pair's failure is its row's error, never the batch's
        return Outcome(pair, error=_relative(f"{type(error).__name__}: {error}", pair))
    comparison = replace(comparison, source=replace(comparison.source, path=pair.source),
                         derived=replace(comparison.derived, path=pair.derived))
    report = to_report(comparison)
    report["claimdiff"] = {"version": __version__}
    text = dumps(report, indent=indent) + "\n"
    return Outcome(pair, counts=counts_of(report), report=text)


def counts_of(report: dict[str, Any]) -> dict[str, int]:
    """Claims per status, as ``claimdiff compare`` counts them: derived claims, and the source
    claims nothing took up."""
    summary = report["summary"]
    counts = {s: int(summary["derived"].get(s, 0)) for s in STATUSES[:3]}
    counts["omitted"] = int(summary["source"].get("omitted", 0))
    return counts


def up_to_date(pair: Pair, report_path: Path, options: CompareOptions) -> dict[str, Any] | None:
    """The earlier report of ``pair`` when it still holds, else None.

    It holds when it records the same SHA-256 of both input files, the same claimdiff
    version and the same options as this run would use.
    """
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
        same = (report.get("claimdiff", {}).get("version") == __version__
                and report.get("options") == json.loads(json.dumps(asdict(options)))
                and report["source"]["sha256"] == _sha256(pair.source_path)
                and report["derived"]["sha256"] == _sha256(pair.derived_path))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return report if same else None


def run(
    pairs: list[Pair],
    out: Path,
    options: CompareOptions,
    executor: Callable[[int], AbstractContextManager[Executor]],
    *,
    force: bool = False,
    progress: Callable[[Outcome], None] | None = None,
    indent: bool = False,
) -> list[Outcome]:
    """Compare every pair not already up to date, writing ``out/NAME.json`` and ``out/summary.csv``.

    Args:
        pairs: From :func:`read_manifest`.
        out: The folder for the reports (made when missing).
        options: The comparison options for every pair.
        executor: Opens where pairs are compared, given how many there are to compare: local
            processes or a Dask client's executor. Not called when every pair is up to date,
            so a second run starts no process at all.
        force: Compare every pair again, even those whose report still holds.
        progress: Called with each pair's outcome as it comes in.
        indent: Write the reports indented, two spaces per level (else compact).

    Returns:
        The outcomes in manifest order.

    Raises:
        InputError: ``out`` is there and is no folder.
    """
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: is a file; --out names the folder for the reports")
    out.mkdir(parents=True, exist_ok=True)
    outcomes: dict[str, Outcome] = {}
    todo: list[Pair] = []
    for pair in pairs:
        missing = [shown for shown, path in ((pair.source, pair.source_path), (pair.derived, pair.derived_path))
                   if not os.path.exists(path)]
        earlier = None if force or missing else up_to_date(pair, out / f"{pair.name}.json", options)
        if missing:  # said here, as the engine would say it, without starting a worker for it
            outcomes[pair.name] = Outcome(pair, error=f"{missing[0]}: no such file")
            if progress:
                progress(outcomes[pair.name])
        elif earlier is not None:
            outcomes[pair.name] = Outcome(pair, counts=counts_of(earlier), skipped=True)
            if progress:
                progress(outcomes[pair.name])
        else:
            todo.append(pair)
    if todo:
        _compare_all(todo, executor, options, out, outcomes, progress, indent)
    ordered = [outcomes[p.name] for p in pairs if p.name in outcomes]
    write_summary(out / "summary.csv", ordered)
    return ordered


def _compare_all(todo: list[Pair], executor: Callable[[int], AbstractContextManager[Executor]],
                 options: CompareOptions, out: Path, outcomes: dict[str, Outcome],
                 progress: Callable[[Outcome], None] | None, indent: bool) -> None:
    """Compare the pairs of ``todo``, again where a worker process died under them.

    A worker that dies (killed, out of memory) breaks its whole local pool: every pair still
    queued failed with it, 29 of the bench's 32 when one worker was killed. Those pairs are
    compared again in a fresh pool; what a second death leaves is compared one pair per
    pool, so that only a pair that kills its own process fails, with its error in its row.
    """
    lost = todo
    rounds = (False, False, True)  # all together, those lost together again, then one pair per process
    for number, alone in enumerate(rounds):
        groups = [[pair] for pair in lost] if alone else [lost]
        lost = []
        for group in groups:
            with executor(len(group)) as pool:
                lost += _collect(pool, group, options, out, outcomes, progress, indent, last=alone)
        if not lost:
            return
        how = ", one pair per process" if rounds[number + 1] else ""
        warnings.warn(f"claimdiff: a worker process ended abruptly; comparing its {len(lost)} pairs again{how}",
                      RuntimeWarning, stacklevel=2)


def _collect(pool: Executor, todo: list[Pair], options: CompareOptions, out: Path, outcomes: dict[str, Outcome],
             progress: Callable[[Outcome], None] | None, indent: bool = False, *, last: bool = True) -> list[Pair]:
    """Submit every pair of ``todo`` to ``pool`` and write each report as it comes in.

    Returns the pairs lost to a broken pool (a worker process died), unless this is the
    ``last`` try: then each is an error in its row.
    """
    pending = {pool.submit(compare_pair, pair, options, indent): pair for pair in todo}
    lost: list[Pair] = []
    for future in as_completed(pending):
        pair = pending[future]
        try:
            outcome = future.result()
        except BrokenExecutor:
            if not last:
                lost.append(pair)
                continue
            outcome = Outcome(pair, error="the process comparing it ended abruptly (killed, or out of memory)")
        except Exception as error:  # noqa: BLE001 - a lost worker fails its pair, not the batch
            outcome = Outcome(pair, error=f"{type(error).__name__}: {error}")
        if outcome.report is not None:
            _write(out / f"{pair.name}.json", outcome.report)
            outcome.report = None
        outcomes[pair.name] = outcome
        if progress:
            progress(outcome)
    gone = {pair.name for pair in lost}  # names are unique in a manifest
    return [pair for pair in todo if pair.name in gone]  # in manifest order


def write_summary(path: Path, outcomes: Iterable[Outcome]) -> None:
    """``summary.csv``: one row per pair, counts empty and the error filled when it failed. A
    cell a spreadsheet would read as a formula gets a leading ``'``, as in the CSV export
    (:func:`~tui.engine.export.csv.neutralise`): a manifest may come from someone else."""
    rows = [[neutralise(o.pair.name), neutralise(o.pair.source), neutralise(o.pair.derived),
             *((str(o.counts.get(s, 0)) if not o.error else "") for s in STATUSES), neutralise(o.error)]
            for o in outcomes]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    writer.writerows(rows)
    _write(path, buffer.getvalue())


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _relative(message: str, pair: Pair) -> str:
    """An error as the manifest wrote the paths, not as this machine resolved them."""
    return message.replace(pair.source_path, pair.source).replace(pair.derived_path, pair.derived)


def _write(path: Path, text: str) -> None:
    """Write ``text`` atomically: a report is whole or absent, never half written."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
