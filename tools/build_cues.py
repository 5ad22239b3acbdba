"""Rebuild the shipped cue lists in ``tui/engine/lexicon/`` from the shared evaluation data.

Run from the repository root: ``python tools/build_cues.py [--shared ../shared]``.

What it writes, and the invariant it keeps: ``hedge_bioscope_dev.tsv`` is learned from the
BioScope *dev* abstracts only (Vincze et al. 2008, CC BY 2.0); the test abstracts and the
nine full papers are never read here, so the evaluation harness can report on them honestly.
The split is by document: an abstract is dev when
``int(sha256(doc_id).hexdigest(), 16) % 100 < 30`` (as ``bioscope-hedge-cues/SOURCE.md``
suggests). ``hedges_wooorm.txt`` is a verbatim copy of the MIT hedge list by Titus Wormer,
with its notice. Running the script twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tui" / "engine" / "lexicon"
DEV_PERCENT = 30


def is_dev(doc_id: str) -> bool:
    """Whether a BioScope abstract belongs to the dev split (by a hash of its id)."""
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 100 < DEV_PERCENT


def read_dev(shared: Path) -> list[dict]:
    """The dev-split sentences of the BioScope abstracts."""
    path = shared / "data" / "bioscope-hedge-cues" / "sentences_abstracts.jsonl"
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [row for row in rows if is_dev(row["doc_id"])]


def learn(rows: list[dict]) -> list[tuple[str, int, int, float]]:
    """Every annotated speculation-cue string with (cue, annotated, occurrences, precision).

    ``occurrences`` counts whole-word, case-insensitive matches of the string in all dev
    sentences except those inside a longer marked cue; ``annotated`` how often an annotator
    marked the string as a speculation cue.
    """
    annotated: Counter[str] = Counter()
    for row in rows:
        for cue in row["speculation_cues"]:
            annotated[cue["text"].lower().strip()] += 1
    out: list[tuple[str, int, int, float]] = []
    for cue, count in annotated.items():
        if not cue:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, cue.split())) + r"(?!\w)", re.IGNORECASE)
        hits = 0
        marked = 0
        for row in rows:
            spans = {(c["start"], c["end"]) for c in row["speculation_cues"]}
            for match in pattern.finditer(row["text"]):
                exact = match.span() in spans
                inside_longer = any(s <= match.start() and match.end() <= e for s, e in spans)
                if inside_longer and not exact:
                    continue  # part of a longer cue ("indicate" in "indicate that"): counted there
                hits += 1
                marked += exact
        occurrences = max(hits, count)
        out.append((cue, count, occurrences, round(marked / occurrences, 3) if occurrences else 0.0))
    out.sort(key=lambda item: (-item[1], item[0]))
    return out


HEADER = """\
# Speculation (hedge) cues learned from the BioScope corpus, dev split only.
# Source: BioScope (Vincze, Szarvas, Farkas, Mora & Csirik 2008, BMC Bioinformatics 9(Suppl 11):S9),
#   abstracts.xml via ../shared/data/bioscope-hedge-cues/sentences_abstracts.jsonl. License: CC BY 2.0.
# Split: by document; an abstract is dev when int(sha256(doc_id).hexdigest(), 16) % 100 < 30.
#   Dev: {docs} abstracts, {sentences} sentences ({speculative} speculative). Test abstracts and full papers unused.
# Columns: cue (lower case); annotated = times marked as a speculation cue in dev;
#   occurrences = whole-word case-insensitive matches in dev sentences, leaving out those inside a
#   longer marked cue ("indicate" inside "indicate that"); precision = the share of occurrences
#   that were marked exactly. tui/engine/lexicon/cues.py uses the rows its rule selects (see there).
# Rebuilt by tools/build_cues.py; do not edit by hand.
"""


def write_bioscope(rows: list[dict]) -> Path:
    """Write ``hedge_bioscope_dev.tsv`` and return its path."""
    learned = learn(rows)
    header = HEADER.format(
        docs=len({r["doc_id"] for r in rows}),
        sentences=len(rows),
        speculative=sum(1 for r in rows if r["speculative"]),
    )
    lines = [header + "cue\tannotated\toccurrences\tprecision"]
    lines += [f"{cue}\t{count}\t{occ}\t{prec:.3f}" for cue, count, occ, prec in learned]
    path = OUT / "hedge_bioscope_dev.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


WOOORM_HEADER = """\
% Copy of data.txt from words/hedges (npm `hedges` 2.0.1), commit 0e972f034671bc9fde086abd701a8a55adfd4e0c.
% (The MIT License) Copyright (c) 2014 Titus Wormer <tituswormer@gmail.com>
% Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
% associated documentation files (the 'Software'), to deal in the Software without restriction,
% including without limitation the rights to use, copy, modify, merge, publish, distribute,
% sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
% furnished to do so, subject to the following conditions: The above copyright notice and this
% permission notice shall be included in all copies or substantial portions of the Software.
% THE SOFTWARE IS PROVIDED 'AS IS', WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
% NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
% NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
% DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
% OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def write_wooorm(shared: Path) -> Path:
    """Copy the MIT hedge list with its notice and return the path."""
    source = shared / "data" / "hedge-lexicon" / "hedges_wooorm_data.txt"
    path = OUT / "hedges_wooorm.txt"
    path.write_text(WOOORM_HEADER + source.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Rebuild the data files; print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared", help="the shared folder")
    args = parser.parse_args(argv)
    if not (args.shared / "data").is_dir():
        print(f"error: no data folder under {args.shared}", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    rows = read_dev(args.shared)
    for path in (write_bioscope(rows), write_wooorm(args.shared)):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
