"""Sentence boundaries against public gold: the English Golden Rules and BioScope's abstracts.

Both read ``../shared/data`` and are skipped when it is not beside the checkout. Each prints
its figure, so a run with ``-s`` shows what the segmenter scores today.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from tui.engine.model import Role
from tui.engine.segment.segment import segment
from tui.engine.segment.sentences import split_sentences


def golden_rules(shared: Path) -> list[dict]:
    path = shared / "data" / "pysbd-golden-rules-en" / "golden_rules_en.jsonl"
    if not path.exists():
        pytest.skip("the Golden Rules are not in ../shared/data")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_golden_rules_through_segment(shared: Path) -> None:
    rules = golden_rules(shared)
    failed = []
    for rule in rules:
        statements = segment(rule["text"], Role.SOURCE)
        got = [s.text for s in statements]
        assert all(rule["text"][s.start:s.end] == s.text for s in statements)
        if got != rule["expected"]:
            failed.append(f"{rule['id']} {rule['rule']}: {got}")
    passed = len(rules) - len(failed)
    print(f"golden rules: {passed}/{len(rules)}")
    assert len(rules) == 48
    assert passed >= 46, "\n".join(failed)


def bioscope_paragraphs(shared: Path, limit: int) -> list[list[str]]:
    """BioScope's gold sentences, grouped back into the paragraphs (document parts) they came from."""
    path = shared / "data" / "bioscope-hedge-cues" / "sentences_abstracts.jsonl"
    if not path.exists():
        pytest.skip("BioScope is not in ../shared/data")
    parts: dict[tuple[str, str], list[str]] = defaultdict(list)
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            key = (item["doc_id"], item["part"])
            if key not in parts and len(parts) == limit:
                break
            parts[key].append(item["text"].strip())
    return list(parts.values())


def test_bioscope_abstract_sentences(shared: Path) -> None:
    paragraphs = bioscope_paragraphs(shared, limit=800)
    exact = 0
    for sentences in paragraphs:
        text = " ".join(sentences)
        got = [text[start:end] for start, end in split_sentences(text, 0, len(text))]
        exact += got == sentences
    share = exact / len(paragraphs)
    print(f"bioscope abstract paragraphs split exactly: {exact}/{len(paragraphs)} = {share:.3f}")
    assert share >= 0.9
