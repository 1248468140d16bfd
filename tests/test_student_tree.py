"""The student-only tree of a graded class (tools/build_student_tree.py, `make student-tree`):
every lesson and the glossary, and nothing anywhere in it that holds a graded answer."""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402
import build_student_tree as tool  # noqa: E402


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tree") / "student-tree"
    assert tool.main(["--out", str(out)]) == 0
    return out


def _texts(tree: Path) -> dict[str, str]:
    """Every file of the tree as text: a notebook's cell sources and outputs, a file's content."""
    texts = {}
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            nb = nbformat.reads(text, as_version=4)
            text = "\n".join([c.source for c in nb.cells]
                             + [json.dumps(c.get("outputs", [])) for c in nb.cells])
        texts[str(path.relative_to(tree))] = text
    return texts


def _solution_lines() -> list[str]:
    """Every line of every solution region of the lessons (code and text)."""
    lines = []
    for source in sorted(build_notebooks.LESSONS.glob("[0-9][0-9]_*.py")):
        for cell in build_notebooks.read_source(source).cells:
            if build_notebooks.BEGIN in cell.source:
                region = cell.source.split(build_notebooks.BEGIN)[1].split(
                    build_notebooks.END)[0]
                lines += [line.strip().lstrip("# ").strip() for line in region.splitlines()]
            elif build_notebooks.is_solution_only(cell):
                lines += [line.strip() for line in cell.source.splitlines()
                          if len(line.strip()) > 30]
    return [line for line in lines if len(line) > 8]


def _worked_answers() -> list[str]:
    """The worked answers show_answer gives, as it shows them: ``answer = ...``."""
    from helpers.exercises import reset_tries

    shown = []
    for name in ("biology", "classification", "staging", "prognostic", "survival", "treatment",
                 "patient_path", "capstone"):
        module = importlib.import_module(f"helpers.exercises.{name}")
        for build in getattr(module, "_ANSWERS", {}).values():
            code, _why = build()
            shown.append(f"answer = {code}")
    reset_tries()
    return shown


def test_a_rebuild_keeps_the_published_git_folder_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "tree"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / "notebooks").mkdir()
    (out / "notebooks" / "99_removed.ipynb").write_text("{}")
    (out / "stale.txt").write_text("old")
    tool.build_tree(out)
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert not (out / "stale.txt").exists()
    assert not (out / "notebooks" / "99_removed.ipynb").exists()
    assert (out / "notebooks" / "00_start_here.ipynb").is_file()


def test_tree_holds_the_lessons_glossary_and_data(tree: Path) -> None:
    lessons = sorted(p.stem for p in build_notebooks.LESSONS.glob("[0-9][0-9]_*.py"))
    assert sorted(p.stem for p in (tree / "notebooks").glob("*.ipynb")) == lessons
    assert (tree / "notebooks" / "glossary.md").read_text() == (
        build_notebooks.STUDENT_DIR / "glossary.md").read_text()
    assert (tree / "data" / "seer_survival.csv").is_file()
    assert (tree / "data" / "seer_survival.meta.json").is_file()
    assert "For education only" in (tree / "README.md").read_text()


def test_no_folder_or_table_that_holds_answers(tree: Path) -> None:
    top = {p.name for p in tree.iterdir()} - {".git"}
    assert top == {"README.md", "notebooks", "data"}
    for table in (tree / "data").glob("*.csv"):
        header = table.read_text(encoding="utf-8").splitlines()[0]
        assert "expected_" not in header, table.name
    # The tables with worked answers are left out (the package on the hub carries them).
    assert not (tree / "data" / "capstone_patients.csv").exists()
    assert not (tree / "data" / "pathology_cases.csv").exists()


def test_no_graded_answer_appears_anywhere_in_the_tree(tree: Path) -> None:
    texts = _texts(tree)
    solutions, worked = _solution_lines(), _worked_answers()
    assert solutions and worked
    for path, text in texts.items():
        for line in solutions + worked:
            # As a whole: "answer = 4" is not found in "answer = 42.5".
            assert not re.search(rf"(?<![\w.]){re.escape(line)}(?![\w.])", text), (
                f"{path}: answer {line!r}")
        for sign in ("Model answer", "instructors/", "answer key", "### BEGIN SOLUTION",
                     "Patient: "):
            assert sign not in text, f"{path}: {sign!r}"


def test_capstone_names_no_patients_result(tree: Path) -> None:
    """No cell of the tree's capstone names an exercised patient together with their stage."""
    from helpers import capstone

    nb = nbformat.read(tree / "notebooks" / "07_capstone.ipynb", 4)
    names = re.findall(r'check_pipeline\("(\w+)"', "\n".join(c.source for c in nb.cells))
    assert len(names) >= 6
    for cell in nb.cells:
        if "check_pipeline(" in cell.source or "check_options(" in cell.source:
            continue
        for name in names:
            stage = capstone.run_pipeline(capstone.patient(name)).stage
            if name in cell.source:
                assert not re.search(rf"(?<![\w/]){re.escape(stage)}(?![\w/])", cell.source), (
                    name, cell.source[:200])
        assert "pipeline_report(capstone.patient(" not in cell.source
        assert "patient_names()" not in cell.source


def test_notebooks_have_no_outputs_and_worked_answers_off(tree: Path) -> None:
    for path in sorted((tree / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, 4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), path.name
        has_exercises = any(build_notebooks.CODE_STUB in c.source for c in nb.cells)
        assert has_exercises == any("graded_assignment()" in c.source for c in nb.cells), (
            path.name)


def test_graded_assignment_removes_show_answer() -> None:
    """What the tree's (and each assignment's) opening cell does in a student's kernel."""
    import subprocess

    code = ("from helpers import exercises\n"
            "from helpers.grading import graded_assignment\n"
            "graded_assignment()\n"
            "print(hasattr(exercises.survival, 'show_answer'),"
            " hasattr(exercises.capstone, 'show_answer'))\n"
            "for _ in range(5):\n"
            "    feedback = exercises.survival.exercise_1(12345)\n"
            "print('show_answer' in str(feedback))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.split() == ["False", "False", "False"]


def test_no_page_promises_the_worked_answers_that_are_off(tree: Path) -> None:
    """The start page tells students how to open a worked answer; in the tree they are off, so
    it says so instead of naming a call that fails."""
    for path in tree.rglob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                assert "show_answer" not in cell.source, path.name
    start = nbformat.read(tree / "notebooks" / "00_start_here.ipynb", as_version=4)
    assert any("worked answers are turned off" in c.source for c in start.cells)
