"""A document that is not in English is named, and the reviewer warned: the rules read English."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.engine.segment.language import foreign_language

GERMAN = ("Mesenchymale Stammzellen heilen COVID-19-Patienten mit schwerem Lungenversagen. Eine neue Studie "
          "zeigt, dass die Sterblichkeit um die Hälfte sinkt. Die Behandlung ist vollkommen sicher und hat keine "
          "Nebenwirkungen. In der Studie wurden 24 Patienten behandelt, und alle haben sich schnell erholt.\n")
SPANISH = ("Las células madre mesenquimales curan a los pacientes con COVID-19 y síndrome de dificultad "
           "respiratoria grave. Un nuevo estudio muestra que la mortalidad se redujo a la mitad. El tratamiento "
           "es completamente seguro y no tiene efectos secundarios.\n")
RUSSIAN = ("Мезенхимальные стволовые клетки излечивают пациентов с COVID-19. Новое исследование показывает, что "
           "смертность снизилась вдвое. Лечение совершенно безопасно и не имеет побочных эффектов. В исследовании "
           "участвовали 24 пациента, и все они быстро выздоровели.\n")
NAMES = ("The film stars Travis Fimmel , Paula Patton , Ben Foster , Dominic Cooper , Toby Kebbell , Ben Schnetzer , "
         "Robert Kazinsky , Clancy Brown and Daniel Wu .")
"""An English sentence that is nearly all names: few English function words, and no language's."""


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "German"), (SPANISH, "Spanish"), (RUSSIAN, "Russian")])
def test_a_text_in_another_language_is_named(text: str, language: str) -> None:
    assert foreign_language(text) == language


@pytest.mark.parametrize("text", [
    (ROOT / "seeds" / "msc-covid-abstract.txt").read_text(encoding="utf-8"),
    (ROOT / "seeds" / "msc-covid-blog.txt").read_text(encoding="utf-8"),
    NAMES,
    "Stammzellen heilen alles.",  # too short to tell
])
def test_english_a_list_of_names_and_a_short_line_are_named_nothing(text: str) -> None:
    assert foreign_language(text) is None


def test_the_command_warns_in_one_line_and_still_reports(tmp_path: Path) -> None:
    derived = tmp_path / "blog-de.txt"
    derived.write_text(GERMAN, encoding="utf-8")
    out = tmp_path / "r.json"
    result = subprocess.run([sys.executable, "-m", "tui", "compare", str(ROOT / "seeds" / "msc-covid-abstract.txt"),
                             str(derived), "--format", "json", "-o", str(out)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    told = ("claimdiff: warning: blog-de.txt: reads as German, not English; claimdiff's rules read English, "
            "so its verdicts on this text mean little")
    assert lines == [told]
    assert out.stat().st_size > 0

