"""Benchmark of whole commands: many pairs (`claimdiff batch`) and one pair end to end.

Run by `make bench` after `tests.bench` (or alone: `python -m tests.bench_batch`). It needs
`../shared/data/sci-exaggeration/insciout_test.jsonl` beside the checkout and says so and
stops when it is absent. Every figure is the wall-clock time of a real command in a fresh
process, start-up included.

- **Batch**: a 32-pair manifest (30 pairs of InSciOut test conclusions, pair k holding rows
  18k to 18k+17, abstracts against press releases, one per paragraph; the seed pair; a pair
  whose source is missing) through `claimdiff batch`, against 31 separate `claimdiff compare`
  runs; a second run (everything up to date); 1 and 2 workers; a Dask LocalCluster of 2
  workers on 127.0.0.1, whose summary must equal the local one.
- **One pair end to end**: two documents of InSciOut conclusions, three copies each in
  paragraphs of five, copy k rotated by 37·k rows (abstracts the source, press releases the
  derived text, ~290 KB each), against a brute-force peer (a regex split, then
  `token_set_ratio` of every pair on every core); and eleven copies (~1 MB) written as
  JSON, Markdown and the table, each piped.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSCIOUT = ROOT.parent / "shared" / "data" / "sci-exaggeration" / "insciout_test.jsonl"
CLAIMDIFF = [sys.executable, "-m", "tui"]


def rows() -> list[dict[str, str]]:
    return [json.loads(line) for line in INSCIOUT.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_manifest(folder: Path) -> Path:
    """The 32-pair manifest of the issue, in ``folder``."""
    data = rows()
    lines = ["source,derived,name"]
    for k in range(30):
        part = data[18 * k:18 * k + 18]
        (folder / f"abstract-{k:02}.txt").write_text("\n\n".join(r["abstract_conclusion"] for r in part) + "\n",
                                                      encoding="utf-8")
        (folder / f"release-{k:02}.txt").write_text("\n\n".join(r["press_release_conclusion"] for r in part) + "\n",
                                                     encoding="utf-8")
        lines.append(f"abstract-{k:02}.txt,release-{k:02}.txt,insciout-{k:02}")
    for name in ("msc-covid-abstract.txt", "msc-covid-blog.txt"):
        shutil.copy(ROOT / "seeds" / name, folder / name)
    lines.append("msc-covid-abstract.txt,msc-covid-blog.txt,seeds")
    lines.append("no-such-abstract.txt,release-00.txt,missing-source")
    manifest = folder / "pairs.csv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def big_pair(folder: Path, copies: int) -> tuple[Path, Path]:
    """Source and derived text of ``copies`` rotated copies of the conclusions, in paragraphs of five."""
    data = rows()
    out = []
    for key, role in (("abstract_conclusion", "source"), ("press_release_conclusion", "derived")):
        sentences = [r[key] for r in data]
        paragraphs = []
        for copy in range(copies):
            shift = (37 * copy) % len(sentences)
            turned = sentences[shift:] + sentences[:shift]
            paragraphs += [" ".join(turned[i:i + 5]) for i in range(0, len(turned), 5)]
        path = folder / f"insciout-x{copies}-{role}.txt"
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        out.append(path)
    return out[0], out[1]


def timed(args: list[str], **kwargs: object) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    started = time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, capture_output=True, check=False, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - started, done


def batch_figures(folder: Path) -> dict[str, object]:
    manifest = build_manifest(folder)
    out: dict[str, object] = {}
    pairs = list(csv.DictReader(manifest.open(encoding="utf-8")))
    singles = 0.0
    for pair in pairs[:-1]:
        seconds, done = timed([*CLAIMDIFF, "compare", str(folder / pair["source"]), str(folder / pair["derived"]),
                               "--format", "json", "-o", os.devnull])
        assert done.returncode == 0, done.stderr
        singles += seconds
    out["separate_compare_runs_s"] = singles
    reports = folder / "out"
    first, done = timed([*CLAIMDIFF, "batch", str(manifest), "--out", str(reports), "--workers", "2"])
    summary = list(csv.DictReader((reports / "summary.csv").open(encoding="utf-8")))
    out["batch_exit"] = done.returncode
    out["batch_reports"] = len(list(reports.glob("*.json")))
    out["batch_summary_rows"] = len(summary)
    out["broken_row_error"] = next(r["error"] for r in summary if r["name"] == "missing-source")
    out["batch_first_s"] = first
    out["batch_share_of_separate"] = first / singles
    second, _ = timed([*CLAIMDIFF, "batch", str(manifest), "--out", str(reports), "--workers", "2"])
    out["batch_second_s"] = second
    out["second_share_of_first"] = second / first
    for workers in (1, 2):
        seconds, _ = timed([*CLAIMDIFF, "batch", str(manifest), "--out", str(folder / f"w{workers}"), "--workers",
                            str(workers)])
        out[f"batch_{workers}_workers_s"] = seconds
        out[f"batch_{workers}_workers_pairs_per_s"] = 31 / seconds
    try:
        from distributed import LocalCluster
    except ImportError:
        out["dask"] = "distributed not installed"
        return out
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", scheduler_port=0,
                      dashboard_address=None, silence_logs=40) as cluster:
        seconds, done = timed([*CLAIMDIFF, "batch", str(manifest), "--out", str(folder / "dask"), "--scheduler",
                               cluster.scheduler_address])
    on_dask = (folder / "dask" / "summary.csv").read_text(encoding="utf-8")
    out["dask_2_workers_s"] = seconds
    out["dask_exit"] = done.returncode
    out["dask_summary_equals_local"] = on_dask == (reports / "summary.csv").read_text(encoding="utf-8")
    return out


def brute_force_peer(source: Path, derived: Path) -> float:
    """A regex sentence split, then token_set_ratio of every pair on every core; top-1 per claim."""
    from rapidfuzz import fuzz, process, utils

    started = time.perf_counter()
    split = re.compile(r"(?<=[.!?])\s+")
    left = [utils.default_process(s) for s in split.split(source.read_text(encoding="utf-8")) if s.strip()]
    right = [utils.default_process(s) for s in split.split(derived.read_text(encoding="utf-8")) if s.strip()]
    scores = process.cdist(right, left, scorer=fuzz.token_set_ratio, processor=None, workers=-1)
    scores.argmax(axis=1)
    return time.perf_counter() - started


def end_to_end(folder: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    src, der = big_pair(folder, 3)
    out["pair_290k_bytes"] = (src.stat().st_size, der.stat().st_size)
    # alternated, so that a load on the host that comes and goes weighs on both alike
    runs, peer = [], []
    for turn in range(3):
        runs.append(timed([*CLAIMDIFF, "compare", str(src), str(der), "--format", "json", "-o", os.devnull])[0])
        if turn < 2:
            peer.append(brute_force_peer(src, der))
    out["compare_290k_s"] = min(runs)
    out["peer_290k_s"] = min(peer)
    out["share_of_peer_290k"] = out["compare_290k_s"] / out["peer_290k_s"]  # type: ignore[operator]
    src, der = big_pair(folder, 11)
    out["pair_1m_bytes"] = (src.stat().st_size, der.stat().st_size)
    env = {**os.environ, "COLUMNS": "120"}
    formats = ("json", "markdown", "table")
    taken: dict[str, list[float]] = {fmt: [] for fmt in formats}
    for _ in range(3):  # round by round, as the 290 KB runs alternate with the peer's: a load that
        for fmt in formats:  # grows during the runs must not fall on the last format alone
            taken[fmt].append(timed([*CLAIMDIFF, "compare", str(src), str(der), "--format", fmt], env=env)[0])
    for fmt in formats:
        out[f"compare_1m_{fmt}_piped_s"] = min(taken[fmt])
    for fmt in ("markdown", "table"):
        out[f"{fmt}_x_json_1m"] = out[f"compare_1m_{fmt}_piped_s"] / out["compare_1m_json_piped_s"]  # type: ignore[operator]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("batch", "end-to-end"), help="one half of the benchmark")
    args = parser.parse_args(argv)
    if not INSCIOUT.exists():
        print(f"skipped: {INSCIOUT.relative_to(ROOT.parent)} is not beside the checkout")
        return 0
    results: dict[str, object] = {"cores": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "batch":
            results.update(end_to_end(Path(tmp)))
        if args.only != "end-to-end":
            results.update(batch_figures(Path(tmp)))
    width = max(len(k) for k in results)
    for key, value in results.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{key:<{width}}  {shown}")
    saved = ROOT / "bench-results.json"
    if args.only is None and saved.exists():
        # after `tests.bench` in `make bench`: one file and one table in the docs for the whole run
        from tests import bench_standing

        figures = json.loads(saved.read_text(encoding="utf-8"))
        figures["whole_commands"] = results
        saved.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        bench_standing.write(figures)
        print(f"wrote {saved.name} and the table in docs/{bench_standing.DOC.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
