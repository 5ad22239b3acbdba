"""`make screenshots`: regenerate screenshots/*.svg from the seeds through the real app.

    python -m tests.make_screenshots

Writes ``main.svg`` (the review on opening), ``divergence.svg`` (after ``n``) and
``help.svg`` (after ``?``), at a fixed 110×34 terminal, driving the app exactly as the
Pilot tests do.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
SIZE = (110, 34)
SHOTS: dict[str, tuple[str, ...]] = {"main": (), "divergence": ("n",), "help": ("question_mark",)}


async def shoot(name: str, keys: tuple[str, ...]) -> Path:
    """Open the seeds, press ``keys`` and save ``screenshots/<name>.svg``."""
    from tests.ui.conftest import ready
    from tui.ui.app import make_app

    app = make_app(ROOT / "seeds" / "msc-covid-abstract.txt", ROOT / "seeds" / "msc-covid-blog.txt")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        path = Path(app.save_screenshot(f"{name}.svg", path=str(OUT)))
    return path


def main() -> int:
    """Write every screenshot; print where."""
    OUT.mkdir(exist_ok=True)
    for name, keys in SHOTS.items():
        print(asyncio.run(shoot(name, keys)).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
