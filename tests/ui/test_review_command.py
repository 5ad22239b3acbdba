"""`claimdiff [review] SOURCE DERIVED`: unfit input is one line on stderr and exit 2, before
any screen is drawn; no arguments means the seeds shipped in the package."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from tests.ui.conftest import ready
from tui import cli
from tui.commands.review import pair_from
from tui.engine.model import Document
from tui.engine.pipeline import load_pair
from tui.ui.app import make_app


@pytest.mark.parametrize("argv_of", [
    lambda tmp, good: [str(tmp / "missing.txt"), str(good)],
    lambda tmp, good: ["review", str(good), str(tmp)],
    lambda tmp, good: [str(good)],
], ids=["missing", "directory", "one-file"])
def test_unfit_input_is_one_line_and_exit_2(tmp_path: Path, small_pair: tuple[Path, Path],
                                           capsys: pytest.CaptureFixture[str], argv_of) -> None:  # type: ignore[no-untyped-def]
    code = cli.main(argv_of(tmp_path, small_pair[1]))
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("claimdiff: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_no_arguments_opens_the_packaged_seeds() -> None:
    source, derived = pair_from(argparse.Namespace(source=None, derived=None))
    assert Path(source).name == "msc-covid-abstract.txt" and Path(source).is_file()
    assert Path(derived).name == "msc-covid-blog.txt" and Path(derived).is_file()
    assert "seeds" in Path(source).parts and "tests" not in Path(source).parts


def test_the_review_command_loads_the_pair_once_and_hands_it_to_the_app(
    tmp_path: Path, small_pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.engine.pipeline
    import tui.ui.app

    loaded: list[str] = []
    real_load = tui.engine.pipeline.load

    def counting_load(path, **kwargs):  # type: ignore[no-untyped-def]
        loaded.append(str(path))
        return real_load(path, **kwargs)

    handed: list[tuple[object, ...]] = []

    class NoApp:
        failure = None
        return_code = 0

        def run(self) -> None:
            pass

    monkeypatch.setattr(tui.engine.pipeline, "load", counting_load)
    monkeypatch.setattr(tui.ui.app, "make_app", lambda *a, **k: handed.append(a) or NoApp())
    monkeypatch.setenv("CLAIMDIFF_DATA_DIR", str(tmp_path / "data"))
    assert cli.main(["review", *map(str, small_pair)]) == 0
    assert loaded == [str(p) for p in small_pair]
    assert [type(d) for d in handed[0]] == [Document, Document]
    assert [d.path for d in handed[0]] == [str(p) for p in small_pair]  # type: ignore[attr-defined]


async def test_the_app_reviews_the_documents_it_is_handed_without_reading_the_disk(
    tmp_path: Path, small_pair: tuple[Path, Path]
) -> None:
    copies = [tmp_path / p.name for p in small_pair]
    for original, copy in zip(small_pair, copies, strict=True):
        shutil.copyfile(original, copy)
    documents = load_pair(*copies)
    for copy in copies:
        copy.unlink()
    app = make_app(*documents)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert app.failure is None and screen.current is not None
        assert (app.source, app.derived) == tuple(map(str, copies))
