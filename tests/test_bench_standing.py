"""The table of targets that `make bench` writes into docs/performance.md."""

from __future__ import annotations

from pathlib import Path

from tests.bench_standing import MARKERS, table, write


def figures() -> dict[str, object]:
    return {
        "date": "2026-12-05 09:00 UTC", "machine_reference_s": 0.281, "seed_compare_s": 0.19,
        "large_compare_s": 5.2, "large_peak_rss_mb": 328.4, "time_share_of_naive": 0.07,
        "shapes": {"one giant line": {"x_ordinary": 1.1}, "165k tiny lines": {"x_ordinary": 1.6}},
        "ui": {"first_frame_s": 3.9, "key_latency_ms_p95": 19.1}, "ui_seeds": {"first_frame_s": 0.2,
                                                                                "key_latency_ms_p95": 17.8},
        "whole_commands": {"compare_290k_s": 0.9, "peer_290k_s": 4.8, "share_of_peer_290k": 0.1875,
                           "markdown_x_json_1m": 1.1, "table_x_json_1m": 1.2, "dask_summary_equals_local": False},
    }


def test_each_target_says_whether_it_is_met() -> None:
    lines = {line.split(" | ")[0].lstrip("| "): line for line in table(figures()).splitlines()
             if line.startswith("| ") and "---" not in line}
    assert lines["seed pair, whole command"].endswith("| 0.19 s | yes |")
    assert lines["~1 MB generated pair, compare"].endswith("| 5.20 s | **no** |")
    assert lines["one giant line, 165k tiny lines ÷ ordinary text"].endswith("| 1.10×, 1.60× | **no** |")
    assert lines["290 KB InSciOut pair ÷ brute-force peer"].endswith("| 0.188 (0.900 ÷ 4.800 s) | **no** |")
    assert lines["Markdown ÷ JSON, table ÷ JSON, 1 MB"].endswith("| yes |")
    assert lines["Dask, 2 workers: summary equals the local one"].endswith("| differs | **no** |")
    assert "2 MB pair at the default limit, whole command" not in lines  # not measured, not shown
    assert table(figures()).startswith("`make bench`, 2026-12-05 09:00 UTC (machine reference 0.281 s")


def test_the_table_replaces_the_last_one_in_the_document(tmp_path: Path) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Speed\n\n{MARKERS[0]}\nold table\n{MARKERS[1]}\n\n## Later\n", encoding="utf-8")
    write(figures(), doc)
    text = doc.read_text(encoding="utf-8")
    assert "old table" not in text and "| seed pair, whole command |" in text
    assert text.startswith("# Speed\n\n" + MARKERS[0]) and text.endswith(MARKERS[1] + "\n\n## Later\n")
