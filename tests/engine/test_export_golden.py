"""Golden files (syrupy) for every export format: on the seed pair and on a hand-built comparison.

The seed goldens follow the engine: when alignment or classification is retuned, they
are regenerated with ``pytest tests/engine/test_export_golden.py --snapshot-update`` and the
diff is reviewed like code. The hand-built goldens do not depend on the engine at all. The date
of review is fixed, and the seed documents are named by their path inside the checkout, so the
files hold nothing of the machine they were made on.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from tests.engine.test_export_view import DAY, tiny_comparison
from tui.engine.export import EXTENSIONS, FORMATS, render
from tui.engine.inputs.documents import load
from tui.engine.model import Comparison, Role, Status
from tui.engine.pipeline import compare
from tui.engine.review import Review

ROOT = Path(__file__).resolve().parents[2]


def extension_for(fmt: str) -> type[SingleFileSnapshotExtension]:
    """A syrupy extension that keeps one file per snapshot, ending like the export.

    The files are written as bytes (UTF-8) so CSV's CRLF row ends are kept exactly; they are
    still plain text to read and diff.
    """

    class Golden(SingleFileSnapshotExtension):
        _write_mode = WriteMode.BINARY
        _file_extension = EXTENSIONS[fmt].lstrip(".")

    return Golden


def seed_comparison() -> Comparison:
    """The seed pair compared, named by their paths inside the checkout."""
    documents = []
    for name in ("msc-covid-abstract.txt", "msc-covid-blog.txt"):
        document = load(ROOT / "seeds" / name)
        documents.append(replace(document, path=f"seeds/{name}"))
    return compare(documents[0], documents[1])


def scripted_review(comparison: Comparison) -> Review:
    """What a reviewer might do, chosen by position so it adapts to whatever the engine proposes:
    confirm the first flagged derived claim (in the exports' order, divergences first) with a
    note, overrule the second, confirm the first omission."""
    review = Review(comparison)
    derived = comparison.of(Role.DERIVED)
    flagged = [f for status in (Status.DIVERGENCE, Status.UNSUPPORTED) for f in derived if f.status is status]
    if flagged:
        review.accept(flagged[0].statement.id)
        review.set_note(flagged[0].statement.id, "Checked against the abstract: the blog goes further.")
    if len(flagged) > 1:
        review.set_status(flagged[1].statement.id, Status.AGREEMENT)
    omitted = [f for f in comparison.of(Role.SOURCE) if f.status is Status.OMITTED]
    if omitted:
        review.accept(omitted[0].statement.id)
    return review


@pytest.fixture(scope="module")
def seeds() -> Comparison:
    return seed_comparison()


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_pair_golden(fmt: str, seeds: Comparison, snapshot: SnapshotAssertion) -> None:
    text = render(fmt, seeds, scripted_review(seeds), session_name="seed-review", reviewed_on=DAY, indent=True)
    assert text.encode("utf-8") == snapshot(extension_class=extension_for(fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_pair_proposals_golden(fmt: str, seeds: Comparison, snapshot: SnapshotAssertion) -> None:
    """What ``claimdiff compare --format F --indent`` prints (no review)."""
    text = render(fmt, seeds, reviewed_on=DAY, indent=True)
    assert text.encode("utf-8") == snapshot(extension_class=extension_for(fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_hand_built_golden(fmt: str, snapshot: SnapshotAssertion) -> None:
    comparison = tiny_comparison()
    text = render(fmt, comparison, scripted_review(comparison), session_name="tiny", reviewed_on=DAY, indent=True)
    assert text.encode("utf-8") == snapshot(extension_class=extension_for(fmt))
