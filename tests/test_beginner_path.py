"""What a beginner needs is where they need it: Python basics, pandas marked as needed, the word
"median" explained, a note before survival figures, and both ends of the 100-people picture."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_notebooks",
                                               ROOT / "tools" / "build_notebooks.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

SOURCES = sorted(build.LESSONS.glob("*.py"))
PANDAS_CALL = re.compile(r"\.(loc|iloc|set_index|pivot|groupby|query)\b|\bpd\.")
CONTENT_NOTE = "**A note for readers with a diagnosis.**"
#: Lessons that show survival figures, so open with the note.
SURVIVAL_LESSONS = ("04_survival", "06_patient_path", "07_capstone")


def _cells(source: Path) -> list:
    return build.read_source(source).cells


def _solutions(source: Path) -> str:
    text = source.read_text(encoding="utf-8")
    return "\n".join(re.findall(rf"{build.BEGIN}\n(.*?){build.END}", text, re.S))


def _prerequisites(source: Path) -> list[tuple[str, str]]:
    """(concept, needed or helpful) rows of the lesson's prerequisites table."""
    text = "\n".join(c.source for c in _cells(source) if c.cell_type == "markdown")
    table = text.split("**Prerequisites**", 1)[1].split("**Time:**", 1)[0]
    return re.findall(r"^\| ([^|]+?) \| (Needed|Helpful) \|", table, re.M)


def test_start_page_teaches_the_python_the_exercises_need() -> None:
    cells = _cells(ROOT / "lessons" / "00_start_here.py")
    text = "\n".join(c.source for c in cells)
    section = text.split("## Python you need", 1)[1].split("\n## ", 1)[0]
    for idea in ("Running a cell", "A variable", "in quotes", "A list", "pandas"):
        assert idea in section, idea
    # The example cell runs the three kinds of value it describes.
    # (Its string is no exercise's answer: the start page also goes to a graded class.)
    assert any(c.cell_type == "code" and re.search(r'= "\w+"', c.source) and "[" in c.source
               for c in cells)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_pandas_is_marked_needed_where_an_exercise_uses_it(source: Path) -> None:
    if not PANDAS_CALL.search(_solutions(source)):
        return
    rows = [(concept, need) for concept, need in _prerequisites(source) if "pandas" in concept]
    assert rows and all(need == "Needed" for _, need in rows), rows


def test_the_pandas_check_sees_the_lessons_that_use_pandas() -> None:
    uses = {s.stem for s in SOURCES if PANDAS_CALL.search(_solutions(s))}
    assert {"04_survival", "05_treatment", "06_patient_path"} <= uses


def test_lesson_1_explains_median_before_the_first_median_figure() -> None:
    text = "\n".join(c.source for c in _cells(ROOT / "lessons" / "01_her2_biology.py")
                     if c.cell_type == "markdown")
    first_figure = re.search(r"median [a-z ]*?\d+(\.\d+)? (vs|months|against)", text, re.I)
    explained = text.find("The median is the middle value")
    assert first_figure and explained != -1
    assert explained < first_figure.start()


@pytest.mark.parametrize("name", SURVIVAL_LESSONS)
def test_survival_lessons_open_with_a_content_note(name: str) -> None:
    cells = _cells(ROOT / "lessons" / f"{name}.py")
    assert CONTENT_NOTE in cells[0].source, "the note belongs in the lesson's first cell"
    note = cells[0].source.split(CONTENT_NOTE, 1)[1]
    assert "care team" in note and "cannot say what will happen" in note


def test_lesson_4_shows_localized_and_distant_side_by_side() -> None:
    code = "\n".join(c.source for c in _cells(ROOT / "lessons" / "04_survival.py")
                     if c.cell_type == "code")
    call = code.split("icon_arrays_side_by_side(", 1)[1].split("\n)\n", 1)[0]
    assert '"localized"' in call and '"distant"' in call
