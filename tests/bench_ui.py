"""App timings for `make bench`: time to the first review frame and key-to-repaint latency.

    python -m tests.bench_ui [SOURCE DERIVED]

:func:`measure` drives the real app with Pilot in a headless terminal. ``first_frame_s`` is
from starting the app to the review screen's first paint (the comparison included);
``key_latency_ms_*`` is from pressing ``j`` to the first frame written after it (the app's
``_display`` call), the frame that shows the moved cursor and the new detail;
``key_settle_ms_*`` is to the last frame the press caused (Textual follows with a frame or
two as the detail pane's widgets settle their sizes). Pilot's press returns once the app
is idle, so every frame the key caused has been written; its own idle-detection sleeps are
not counted, as a terminal user never waits for them.
Without arguments it generates a pair of about 10k statements in a temporary directory.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

TERMINAL = (120, 40)
PRESSES = 200


async def _measure(source_path: Path, derived_path: Path) -> dict[str, float]:
    from tests.ui.conftest import ready
    from tui.ui.app import make_app

    start = time.perf_counter()
    app = make_app(source_path, derived_path)
    async with app.run_test(size=TERMINAL) as pilot:
        screen = await ready(pilot, timeout=120.0)
        first_frame = time.perf_counter() - start
        painted: list[float] = []
        display = app._display

        def timed_display(*args: object) -> None:
            display(*args)  # type: ignore[arg-type]
            if args[1] is not None:
                painted.append(time.perf_counter())

        app._display = timed_display  # type: ignore[method-assign]
        latencies: list[float] = []
        settles: list[float] = []
        rows = len(screen.rows.ids)
        for _ in range(min(PRESSES, max(rows - 1, 0))):
            painted.clear()
            t0 = time.perf_counter()
            await pilot.press("j")
            if painted:
                latencies.append((painted[0] - t0) * 1000)
                settles.append((painted[-1] - t0) * 1000)
    return {
        "first_frame_s": first_frame,
        "key_latency_ms_p50": _quantile(latencies, 10),
        "key_latency_ms_p95": _quantile(latencies, 19),
        "key_settle_ms_p50": _quantile(settles, 10),
        "key_settle_ms_p95": _quantile(settles, 19),
        "rows": float(rows),
    }


def _quantile(values: list[float], twentieth: int) -> float:
    """The ``twentieth``/20 quantile (10 = median, 19 = p95); 0 without data."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20)[twentieth - 1]


def measure(source_path: str | Path, derived_path: str | Path) -> dict[str, float]:
    """Time the app on a pair of documents.

    Args:
        source_path: The primary document.
        derived_path: The derived text.

    Returns:
        ``first_frame_s``, ``key_latency_ms_p50``, ``key_latency_ms_p95``, the same for
        ``key_settle_ms_*``, and ``rows`` (how many statements the list holds).
    """
    return asyncio.run(_measure(Path(source_path), Path(derived_path)))


def generated_pair(folder: Path, n_bytes: int = 1_000_000, seed: int = 7) -> tuple[Path, Path]:
    """A generated source/derived pair of ``n_bytes`` each (about 10k statements at 1 MB)."""
    from tests.bench_data import generate_document

    source, derived = folder / "source.txt", folder / "derived.txt"
    source.write_text(generate_document(n_bytes, seed, "source"), encoding="utf-8")
    derived.write_text(generate_document(n_bytes, seed, "derived"), encoding="utf-8")
    return source, derived


def main(argv: list[str]) -> int:
    """Print the timings for the given pair, or the seeds and a generated ~10k-statement pair."""
    root = Path(__file__).resolve().parents[1]
    if len(argv) == 2:
        print(measure(*argv))
        return 0
    print("seeds", measure(root / "seeds" / "msc-covid-abstract.txt", root / "seeds" / "msc-covid-blog.txt"))
    with tempfile.TemporaryDirectory() as name:
        print("~1 MB pair", measure(*generated_pair(Path(name))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
