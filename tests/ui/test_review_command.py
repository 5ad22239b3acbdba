"""`claimdiff [review] SOURCE DERIVED`: unfit input is one line on stderr and exit 2, before
any screen is drawn; no arguments means the seeds shipped in the package."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tui import cli
from tui.commands.review import pair_from


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
