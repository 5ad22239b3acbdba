"""Every speed and memory target, met or not, from ``bench-results.json``.

``make bench`` ends by writing this table at the top of ``docs/performance.md`` (between the
``bench`` markers): ``tests.bench`` records its figures in ``bench-results.json``,
``tests.bench_batch`` adds its own under ``whole_commands`` and then rewrites the table, so
the document never shows figures older than the last full run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
MARKERS = ("<!-- bench:begin -->", "<!-- bench:end -->")

Row = tuple[str, str, str, bool]
"""What is measured, its target, the figure, and whether it is met."""


def rows(r: dict[str, Any]) -> list[Row]:
    """The targets that ``r`` (the contents of ``bench-results.json``) has figures for."""
    found: list[Row] = []

    def add(keys: tuple[str, ...], what: str, target: str, shown: Callable[..., str], met: Callable[..., bool],
            within: dict[str, Any] = r) -> None:
        if all(isinstance(within.get(k), (int, float)) for k in keys):
            values = [within[k] for k in keys]
            found.append((what, target, shown(*values), met(*values)))

    add(("seed_compare_s",), "seed pair, whole command", "< 0.5 s", lambda s: f"{s:.2f} s", lambda s: s < 0.5)
    add(("large_compare_s",), "~1 MB generated pair, compare", "< 5 s", lambda s: f"{s:.2f} s", lambda s: s < 5)
    add(("large_peak_rss_mb",), "~1 MB generated pair, peak RSS", "< 500 MB", lambda m: f"{m:.0f} MB",
        lambda m: m < 500)
    add(("time_share_of_naive",), "share of the naive peer's time, ~500 KB", "≤ 0.15", lambda x: f"{x:.3f}",
        lambda x: x <= 0.15)
    add(("top1_agreement",), "first counterpart as brute force finds it", "≥ 99 %", lambda x: f"{100 * x:.1f} %",
        lambda x: x >= 0.99)
    budget = r.get("budget")
    if isinstance(budget, dict):
        add(("seconds", "peak_rss_mb"), "2 MB pair at the default limit, whole command", "< 30 s, < 1 GB",
            lambda s, m: f"{s:.1f} s, {m:.0f} MB", lambda s, m: s < 30 and m < 1024, within=budget)
    shapes = r.get("shapes")
    if isinstance(shapes, dict) and all(isinstance(shapes.get(k), dict) for k in ("one giant line", "165k tiny lines")):
        giant, tiny = shapes["one giant line"]["x_ordinary"], shapes["165k tiny lines"]["x_ordinary"]
        found.append(("one giant line, 165k tiny lines ÷ ordinary text", "≤ 1.5×", f"{giant:.2f}×, {tiny:.2f}×",
                      max(giant, tiny) <= 1.5))
    ui, seeds = r.get("ui"), r.get("ui_seeds")
    if isinstance(ui, dict) and isinstance(seeds, dict):
        found.append(("app: first frame on the seeds", "< 1 s", f"{seeds['first_frame_s']:.2f} s",
                      seeds["first_frame_s"] < 1))
        found.append(("app: key latency p95, seeds / ~1 MB pair", "< 50 ms",
                      f"{seeds['key_latency_ms_p95']:.1f} / {ui['key_latency_ms_p95']:.1f} ms",
                      max(seeds["key_latency_ms_p95"], ui["key_latency_ms_p95"]) < 50))
    whole = r.get("whole_commands")
    if isinstance(whole, dict):
        add(("compare_290k_s", "peer_290k_s", "share_of_peer_290k"), "290 KB InSciOut pair ÷ brute-force peer",
            "≤ 0.15", lambda c, p, x: f"{x:.3f} ({c:.3f} ÷ {p:.3f} s)", lambda c, p, x: x <= 0.15, within=whole)
        add(("compare_1m_json_piped_s", "compare_1m_markdown_piped_s", "compare_1m_table_piped_s"),
            "1 MB InSciOut pair: JSON, Markdown, table piped", "< 5 s each", lambda j, m, t: f"{j:.2f}, {m:.2f}, {t:.2f} s",
            lambda j, m, t: max(j, m, t) < 5, within=whole)
        add(("markdown_x_json_1m", "table_x_json_1m"), "Markdown ÷ JSON, table ÷ JSON, 1 MB", "≤ 1.25×",
            lambda m, t: f"{m:.2f}×, {t:.2f}×", lambda m, t: max(m, t) <= 1.25, within=whole)
        add(("batch_share_of_separate", "second_share_of_first"),
            "batch of 32 pairs ÷ 31 separate runs; second run ÷ first", "≤ 0.35; ≤ 0.25",
            lambda b, s: f"{b:.3f}; {s:.3f}", lambda b, s: b <= 0.35 and s <= 0.25, within=whole)
        if isinstance(whole.get("dask_summary_equals_local"), bool):
            equal = whole["dask_summary_equals_local"]
            found.append(("Dask, 2 workers: summary equals the local one", "equal", "equal" if equal else "differs",
                          equal))
    return found


def table(r: dict[str, Any]) -> str:
    """The markdown table, headed by the run's date and the machine's reference time."""
    head = f"`make bench`, {r.get('date', 'undated')}"
    if isinstance(r.get("machine_reference_s"), float):
        head += f" (machine reference {r['machine_reference_s']:.3f} s; a calm 2-core host takes about 0.28 s)"
    lines = [head + ":", "", "| measure | target | figure | met? |", "|---|---|---|---|"]
    lines += [f"| {what} | {target} | {shown} | {'yes' if met else '**no**'} |" for what, target, shown, met in rows(r)]
    return "\n".join(lines)


def write(results: dict[str, Any], doc: Path = DOC) -> None:
    """Rewrite the table in ``doc``."""
    from tests.factcheck import update_doc

    update_doc(doc, table(results), MARKERS)
