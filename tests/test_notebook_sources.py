"""Committed notebooks are fresh builds of their one source in lessons/ (see tools/build_notebooks.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "build_notebooks.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

SOURCES = sorted(build.LESSONS.glob("*.py"))
STUDENT = sorted(build.STUDENT_DIR.glob("*.ipynb"))
SOLUTIONS = sorted(build.SOLUTION_DIR.glob("*.ipynb"))


def _sources(path: Path) -> list[tuple[str, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]


def _cells(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in nb.cells]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_student_notebook_matches_source(source: Path) -> None:
    nb = build.read_source(source)
    expected = build.student_version(nb, source.stem) if build.has_solutions(nb) else nb
    assert _sources(build.STUDENT_DIR / f"{source.stem}.ipynb") == _cells(expected)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_solution_notebook_matches_source(source: Path) -> None:
    nb = build.read_source(source)
    path = build.SOLUTION_DIR / f"{source.stem}.ipynb"
    if build.has_solutions(nb):
        assert _sources(path) == _cells(build.solution_version(nb))
    else:
        assert not path.exists()


@pytest.mark.parametrize("path", STUDENT + SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_has_a_source_and_is_a_fresh_run(path: Path) -> None:
    assert (build.LESSONS / f"{path.stem}.py").is_file(), "every notebook is built from lessons/"
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    counts = [c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1)), "commit a fresh top-to-bottom run"
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "For education only" in text


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_student_version_holds_no_solution(source: Path) -> None:
    for kind, text in _sources(build.STUDENT_DIR / f"{source.stem}.ipynb"):
        assert build.BEGIN not in text and build.END not in text


def test_student_version_replaces_solutions() -> None:
    """The generator itself: a solution region becomes the stub, the placeholder stays."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "answer = ...\n### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION\ncheck(answer)")])
    student = build.student_version(nb, "demo")
    source = student.cells[0].source
    assert "42" not in source and build.CODE_STUB in source and "answer = ..." in source


def test_widget_ids_depend_on_the_notebook_not_the_run() -> None:
    import uuid

    def run() -> nbformat.NotebookNode:
        # Two widgets as a kernel leaves them: random ids, a box referring to a slider.
        box, slider = uuid.uuid4().hex, uuid.uuid4().hex
        nb = nbformat.v4.new_notebook()
        view = {"application/vnd.jupyter.widget-view+json": {"model_id": box,
                                                             "version_major": 2,
                                                             "version_minor": 0}}
        nb.cells = [nbformat.v4.new_code_cell("w", outputs=[nbformat.v4.new_output(
            "display_data", data=view)])]
        nb.cells[0].id = "cell-1"  # the builder's cell ids are fixed too
        nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
            "state": {slider: {"model_name": "IntSliderModel", "state": {"value": 3}},
                      box: {"model_name": "VBoxModel",
                            "state": {"children": [f"IPY_MODEL_{slider}"]}}},
            "version_major": 2, "version_minor": 0}}
        return nb

    first = build.stable_widget_ids(run(), "notebooks/demo")
    assert nbformat.writes(first) == nbformat.writes(build.stable_widget_ids(run(),
                                                                             "notebooks/demo"))
    state = first.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    box = first.cells[0].outputs[0]["data"]["application/vnd.jupyter.widget-view+json"][
        "model_id"]
    (child,) = [k for k in state if k != box]
    assert state[box]["state"]["children"] == [f"IPY_MODEL_{child}"]  # references follow
    other = build.stable_widget_ids(run(), "notebooks/other")
    assert set(other.metadata["widgets"]["application/vnd.jupyter.widget-state+json"][
        "state"]).isdisjoint(state)
