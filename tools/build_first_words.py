"""Write ``tui/engine/lexicon/first_words.tsv``: the words each cue alternative can start with.

Run from the repository root: ``python tools/build_first_words.py``. The matcher files each
alternative under those words (``tui.engine.lexicon.cues``); reading them from CPython's
regular-expression parser took 8 ms in every process, so they are worked out here and shipped.
Run it again after changing a cue list; ``tests/engine/test_firstword.py`` fails until then.
Running it twice gives byte-identical files.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.engine.lexicon import cues, firstword
from tui.engine.lexicon.firstword import first_words

HEADER = """\
# The words each cue alternative can start with, as tui.engine.lexicon.firstword reads them
# (case folded; * where they cannot be listed and the category is scanned instead).
# Written by tools/build_first_words.py from the cue lists beside this file; do not edit.
"""


def main() -> None:
    lines = [HEADER]
    for alternative in cues.every_alternative():
        if "\t" in alternative or "\n" in alternative or alternative.startswith("#"):
            raise SystemExit(f"cannot file {alternative!r} in a tab-separated line")
        words = first_words(alternative, re.IGNORECASE)
        lines.append(f"{alternative}\t{'*' if words is None else ' '.join(sorted(words))}\n")
    out = ROOT / "tui" / "engine" / "lexicon" / firstword.FIRST_WORDS
    out.write_text("".join(lines), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}: {len(lines) - 1} alternatives")


if __name__ == "__main__":
    main()
