"""Build ``tui/engine/lexicon/antonyms.txt`` from WordNet 3.0.

    apt-get install wordnet-base && python tools/build_antonyms.py [WORDNET_DIR]

Reads the direct antonym pointers ('!') of the adjective, verb, noun and adverb data files and
keeps pairs of single words. The output is sorted, so the same WordNet gives the same file.
"""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = """\
# Antonym pairs, one pair a line: the direct antonyms ('!' pointers) of WordNet 3.0's
# adjectives, verbs, nouns and adverbs, single words only. Built by tools/build_antonyms.py
# from Debian's wordnet-base package. WordNet 3.0 (c) 2006 Princeton University, WordNet
# licence (permissive, attribution): https://wordnet.princeton.edu/license-and-commercial-use
"""
OUT = Path(__file__).resolve().parents[1] / "tui" / "engine" / "lexicon" / "antonyms.txt"


def synsets(path: Path) -> dict[str, tuple[list[str], list[tuple[str, str, str, int, int]]]]:
    """Offset → (words, pointers) of one WordNet data file."""
    out = {}
    for line in path.open(encoding="latin-1"):
        if line.startswith("  "):
            continue  # the licence header
        head = line.split("|")[0].split()
        count = int(head[3], 16)
        words = [head[4 + 2 * i].lower() for i in range(count)]
        k = 4 + 2 * count
        pointers = []
        for _ in range(int(head[k])):
            symbol, offset, pos, ends = head[k + 1 : k + 5]
            ends_at = int(ends, 16)  # source word number, then target word number, a byte each
            pointers.append((symbol, offset, pos, ends_at >> 8, ends_at & 0xFF))
            k += 4
        out[head[0]] = (words, pointers)
    return out


def main(root: Path) -> None:
    pairs = set()
    for pos in ("adj", "verb", "noun", "adv"):
        table = synsets(root / f"data.{pos}")
        for words, pointers in table.values():
            for symbol, offset, target_pos, source, target in pointers:
                same_file = target_pos[0] == pos[0] or (pos == "adj" and target_pos in "as")
                if symbol != "!" or not same_file or not source or not target or offset not in table:
                    continue
                a = words[source - 1].split("(")[0]
                b = table[offset][0][target - 1].split("(")[0]
                if "_" not in a and "_" not in b:
                    pairs.add(tuple(sorted((a, b))))
    OUT.write_text(HEADER + "".join(f"{a} {b}\n" for a, b in sorted(pairs)), encoding="utf-8")
    print(f"{len(pairs)} pairs -> {OUT.name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/wordnet"))
