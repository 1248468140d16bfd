"""Every "Think", "Question" and "Try" prompt has a folded model answer, for instructors only.

The model answers are markdown cells marked solution-only (first line ``<!-- solution -->``):
tools/build_notebooks.py keeps them in instructors/solutions/ and drops them from notebooks/.
The instructor guide carries the same answers, word for word.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_notebooks",
                                               ROOT / "tools" / "build_notebooks.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

GUIDE = ROOT / "instructors" / "guide.md"
PROMPT = re.compile(r"\*\*(?:Think|Question|Try it|Try this):\*\*")
ANSWER = re.compile(r"<summary>Model answer</summary>(.*?)</details>", re.S)
SOURCES = sorted(build.LESSONS.glob("*.py"))


def _markdown_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def prompt_answer_problems(cells: list[str]) -> list[str]:
    """Each prompt is followed by exactly one model answer before the next prompt."""
    problems, pending = [], None
    for source in cells:
        for match in PROMPT.finditer(source):
            if pending is not None:
                problems.append(f"no model answer after {pending!r}")
            pending = source[match.start():match.start() + 70]
        if source.lstrip().startswith(build.SOLUTION_ONLY) and ANSWER.search(source):
            if pending is None:
                problems.append("a model answer follows no prompt")
            pending = None
    if pending is not None:
        problems.append(f"no model answer after {pending!r}")
    return problems


def model_answers(cells: list[str]) -> list[str]:
    return [_words(m.group(1)) for source in cells if source.lstrip().startswith(build.SOLUTION_ONLY)
            for m in ANSWER.finditer(source)]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_student_notebooks_hold_no_model_answer(source: Path) -> None:
    text = "\n".join(_markdown_cells(build.STUDENT_DIR / f"{source.stem}.ipynb"))
    assert build.SOLUTION_ONLY not in text
    assert "Model answer" not in text


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_solution_notebooks_answer_every_prompt(source: Path) -> None:
    solution = build.SOLUTION_DIR / f"{source.stem}.ipynb"
    if not solution.exists():
        student = _markdown_cells(build.STUDENT_DIR / f"{source.stem}.ipynb")
        assert not any(PROMPT.search(c) for c in student), "a prompt needs a solution notebook"
        return
    cells = _markdown_cells(solution)
    prompts = sum(len(PROMPT.findall(c)) for c in cells)
    assert prompts == len(model_answers(cells))
    assert not prompt_answer_problems(cells), prompt_answer_problems(cells)


def test_every_lesson_with_exercises_has_a_prompt() -> None:
    """The check above is not vacuous: the lessons do ask Think/Question/Try prompts."""
    counts = {s.stem: sum(len(PROMPT.findall(c)) for c in _markdown_cells(
        build.STUDENT_DIR / f"{s.stem}.ipynb")) for s in SOURCES}
    assert all(counts[s.stem] >= 1 for s in SOURCES if not s.stem.startswith("00")), counts


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_the_guide_gives_the_same_model_answers(source: Path) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide.split("## Model answers to the Think prompts", 1)
    assert len(section) == 2, "the guide has no section 'Model answers to the Think prompts'"
    body = _words(section[1].split("\n## ", 1)[0])
    cells = [c.source for c in build.read_source(source).cells if c.cell_type == "markdown"]
    for answer in model_answers(cells):
        assert answer in body, f"the guide lacks the model answer: {answer[:80]}..."


def _cell(kind: str, source: str) -> nbformat.NotebookNode:
    maker = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
    return maker(source)


def test_the_build_drops_solution_only_cells_from_the_student_version() -> None:
    answer = f"{build.SOLUTION_ONLY}\n<details><summary>Model answer</summary>\n\nFour.\n\n</details>"
    nb = nbformat.v4.new_notebook(cells=[
        _cell("markdown", "**Think:** how many?"),
        _cell("markdown", answer),
        _cell("markdown", f"A comment {build.SOLUTION_ONLY} in the middle stays."),
        _cell("code", f"# {build.SOLUTION_ONLY}\nx = 1"),
    ])
    assert build.has_solutions(nb)
    student = build.student_version(nb, "demo")
    assert [c.source for c in student.cells] == [nb.cells[0].source, nb.cells[2].source,
                                                 nb.cells[3].source]
    assert [c.source for c in build.solution_version(nb).cells] == [c.source for c in nb.cells]
    assert [c.source for c in build.drop_solution_only(nb).cells] == [
        c.source for c in student.cells]
    assert len(nb.cells) == 4  # the source notebook itself is not changed


def test_only_a_first_line_marker_makes_a_markdown_cell_solution_only() -> None:
    assert build.is_solution_only(_cell("markdown", f"\n{build.SOLUTION_ONLY}\ntext"))
    assert not build.is_solution_only(_cell("markdown", f"text\n{build.SOLUTION_ONLY}"))
    assert not build.is_solution_only(_cell("code", build.SOLUTION_ONLY))
    assert not build.has_solutions(nbformat.v4.new_notebook(cells=[_cell("markdown", "plain")]))


def test_the_prompt_check_can_fail() -> None:
    answer = f"{build.SOLUTION_ONLY}\n<details><summary>Model answer</summary>A.</details>"
    assert prompt_answer_problems(["**Think:** one", answer, "**Question:** two", answer]) == []
    assert prompt_answer_problems(["**Think:** one", "**Try it:** two", answer]) != []
    assert prompt_answer_problems(["**Think:** one"]) != []
    assert prompt_answer_problems([answer]) == ["a model answer follows no prompt"]
