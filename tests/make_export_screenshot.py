"""Render the seed pair's HTML export in headless Chromium and keep a PNG in ``screenshots/``.

Run ``python -m tests.make_export_screenshot`` (or call :func:`make_export_screenshot` from
``make screenshots``). The export is the reviewed one of the golden tests (a confirmed claim
with a note, an overruled one), so the picture shows verdicts and notes, not only proposals.
The functions here are also what ``tests/test_html_render.py`` runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "screenshots" / "export-html.png"
WINDOW = (1280, 1600)

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
"""Flags for a quiet, offline, root-safe headless run."""


def find_chromium() -> str | None:
    """The Chromium executable on PATH (Debian names it ``chromium``), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def run_chromium(page: Path, *extra: str, timeout: float = 90.0) -> subprocess.CompletedProcess[str]:
    """Open ``page`` in headless Chromium with a throw-away profile.

    Args:
        page: An HTML file.
        extra: More flags (``--dump-dom``, ``--screenshot=…``).
        timeout: Seconds before giving up.

    Returns:
        The finished process (stdout holds the DOM for ``--dump-dom``).

    Raises:
        FileNotFoundError: Chromium is not installed.
    """
    chromium = find_chromium()
    if chromium is None:
        raise FileNotFoundError("chromium is not installed (Debian: apt-get install chromium; `make browser`)")
    with tempfile.TemporaryDirectory(prefix="claimdiff-chromium-") as profile:
        return subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout, check=False,
        )


def seed_export_html() -> str:
    """The reviewed seed pair's HTML export, as in the golden tests."""
    from tests.engine.test_export_golden import DAY, scripted_review, seed_comparison
    from tui.engine.export import render

    comparison = seed_comparison()
    return render("html", comparison, scripted_review(comparison), session_name="seed-review", reviewed_on=DAY)


def make_export_screenshot(out: Path = SCREENSHOT, *, window: tuple[int, int] = WINDOW) -> Path:
    """Write the seed export to a temporary file and screenshot it into ``out``.

    Args:
        out: The PNG to write.
        window: Browser window size in CSS pixels (width, height).

    Returns:
        ``out``.

    Raises:
        FileNotFoundError: Chromium is not installed.
        RuntimeError: Chromium failed or wrote no picture.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="claimdiff-export-") as folder:
        page = Path(folder) / "export.html"
        page.write_text(seed_export_html(), encoding="utf-8")
        shot = Path(folder) / "shot.png"
        done = run_chromium(page, f"--screenshot={shot}", f"--window-size={window[0]},{window[1]}")
        if done.returncode != 0 or not shot.exists() or shot.stat().st_size == 0:
            raise RuntimeError(f"chromium could not screenshot the export (exit {done.returncode}): "
                               f"{done.stderr.strip().splitlines()[-1:]}")
        shutil.copyfile(shot, out)
    return out


def main() -> int:
    """Make ``screenshots/export-html.png``; exit 1 with one line when Chromium is missing or fails."""
    try:
        path = make_export_screenshot()
    except (FileNotFoundError, RuntimeError) as error:
        print(f"make_export_screenshot: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
