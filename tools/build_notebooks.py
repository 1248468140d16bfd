"""Build the collection's notebooks from their one source per lesson.

Each lesson is written once, as a jupytext "percent" script in ``lessons/NN_name.py``, with its
exercise solutions between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` markers. This script
turns it into:

- ``instructors/solutions/NN_name.ipynb``: the solution version (only for lessons with
  exercises), and
- ``notebooks/NN_name.ipynb``: the student version, made from the solution version by nbgrader's
  ``ClearSolutions`` preprocessor, which replaces each solution region with a stub, and without
  the solution-only markdown cells (see below),

and executes each in a fresh kernel from top to bottom, so that the committed outputs are exactly
those of a fresh run (nbval compares them). Usage::

    .venv/bin/python tools/build_notebooks.py            # every lesson
    .venv/bin/python tools/build_notebooks.py 04_survival  # one or more lessons by name

A markdown cell whose first line is ``<!-- solution -->`` (``SOLUTION_ONLY``) is **solution-only**:
it appears in the solution version and is dropped from the student version. The lessons use it for
the folded model answer after each "Think", "Question" or "Try" prompt::

    # %% [markdown]
    # <!-- solution -->
    # <details><summary>Model answer</summary>
    #
    # The answer, in a few sentences.
    #
    # </details>

``make notebooks`` runs it. ``tests/test_notebook_sources.py`` fails when a committed notebook no
longer matches its source.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"
STUDENT_DIR = ROOT / "notebooks"
SOLUTION_DIR = ROOT / "instructors" / "solutions"

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
#: The first line of a markdown cell that only the solution version shows (e.g. a model answer).
SOLUTION_ONLY = "<!-- solution -->"
#: What a student sees where a solution was: the cell still runs and its checker then says
#: "not answered yet", because the placeholder above the stub is left as ``...``.
CODE_STUB = "# YOUR ANSWER HERE: replace the ... above, then run this cell."
TEXT_STUB = "*Your answer here.*"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


#: The tag of a lesson cell that shows a graded answer; only a graded class's copies use it
#: (``tools/build_course.py``), so the collection's notebooks do not carry it.
SHOWS_ANSWERS = "shows-answers"


def read_source(path: Path, *, answer_tags: bool = False) -> nbformat.NotebookNode:
    """Read a lesson script into an (unexecuted) notebook with clean metadata.

    The :data:`SHOWS_ANSWERS` cell tag is kept only when ``answer_tags`` is true.
    """
    nb = jupytext.read(path, fmt="py:percent")
    nb.metadata = nbformat.from_dict(
        {
            "kernelspec": KERNELSPEC,
            "language_info": {"name": "python"},
        }
    )
    seen: dict[str, int] = {}
    for cell in nb.cells:
        cell.metadata.pop("lines_to_next_cell", None)
        if not answer_tags and SHOWS_ANSWERS in cell.metadata.get("tags", []):
            cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != SHOWS_ANSWERS]
            if not cell.metadata["tags"]:
                del cell.metadata["tags"]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        # Ids from the cell's content, not random: a rebuild changes only the cells that changed.
        digest = hashlib.sha1(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
    return nb


def is_solution_only(cell: nbformat.NotebookNode) -> bool:
    """True for a markdown cell whose first line is ``<!-- solution -->``."""
    if cell.cell_type != "markdown":
        return False
    first_line = cell.source.lstrip("\n").split("\n", 1)[0]
    return first_line.strip() == SOLUTION_ONLY


def has_solutions(nb: nbformat.NotebookNode) -> bool:
    """True when any cell holds a solution region or is a solution-only markdown cell."""
    return any(BEGIN in cell.source or is_solution_only(cell) for cell in nb.cells)


def drop_solution_only(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` without its solution-only markdown cells (for any version students see)."""
    copied = copy.deepcopy(nb)
    copied.cells = [cell for cell in copied.cells if not is_solution_only(cell)]
    return copied


#: A markdown link's target: ``[text](target)``.
_LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def solution_version(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as written: solution regions included (markers stay, as nbgrader expects).

    Its links are written for ``notebooks/``; the solution version lives in
    ``instructors/solutions/``, so a link to a page that has no solution version there (the
    glossary, the start page) is pointed at the student folder. Links between lessons stay
    between solution versions.
    """
    solution = copy.deepcopy(nb)
    for cell in solution.cells:
        if cell.cell_type == "markdown":
            cell.source = _LINK.sub(_solution_link, cell.source)
    return solution


@functools.lru_cache(maxsize=None)
def _has_solution_version(page: str) -> bool:
    """Whether ``page`` (e.g. "04_survival.ipynb") is a lesson that has a solution version."""
    source = (LESSONS / page).with_suffix(".py")
    return page.endswith(".ipynb") and source.exists() and has_solutions(read_source(source))


def _solution_link(match: re.Match[str]) -> str:
    target = match.group(2)
    page = target.partition("#")[0]
    if re.match(r"^[a-z]+:", target) or not page or _has_solution_version(page):
        return match.group(0)
    relative = Path(os.path.relpath(STUDENT_DIR, SOLUTION_DIR)).as_posix()
    return f"{match.group(1)}{relative}/{target}{match.group(3)}"


def student_version(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The notebook with every solution region replaced by a stub (nbgrader ClearSolutions).

    Solution-only markdown cells (first line ``<!-- solution -->``) are left out.
    """
    from nbgrader.preprocessors import ClearSolutions

    student = drop_solution_only(nb)
    for index, cell in enumerate(student.cells):
        if BEGIN in cell.source:
            cell.metadata["nbgrader"] = {
                "solution": True,
                "grade": False,
                "locked": False,
                "grade_id": f"{name}-{index}",
                "schema_version": 3,
            }
    clear = ClearSolutions(code_stub={"python": CODE_STUB}, text_stub=TEXT_STUB,
                           begin_solution_delimeter="BEGIN SOLUTION",
                           end_solution_delimeter="END SOLUTION")
    student, _ = clear.preprocess(student, {})
    for cell in student.cells:
        cell.metadata.pop("nbgrader", None)
    return student


def execute(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    """Run ``nb`` top to bottom in a fresh kernel started in ``cwd``; return it with outputs."""
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        store_widget_state=True,
        record_timing=False,  # no timestamps in the committed notebooks
        # The kernel sends a print in pieces when its output thread flushes mid-print (on a
        # busy machine): merge them, so that the committed outputs do not depend on load.
        coalesce_streams=True,
    )
    client.execute(stderr=subprocess.DEVNULL)  # kernel start-up warnings; cell errors still raise
    return nb


_MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def stable_widget_ids(nb: nbformat.NotebookNode, key: str) -> nbformat.NotebookNode:
    """``nb`` with its widget model ids replaced by ids that depend only on ``key`` and order.

    The kernel gives every widget a random id, so each rebuild would rewrite every id in the
    outputs and the saved widget state, and a one-line change to a lesson would show as a
    diff of thousands of lines. Ids are numbered in the order the outputs show the widgets,
    then along each model's references; models nothing refers to follow, sorted by content.
    """
    state = nb.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    if not state:
        return nb
    order: list[str] = []

    def visit(model_id: str) -> None:
        if model_id in order or model_id not in state:
            return
        order.append(model_id)
        for ref in re.findall(r"IPY_MODEL_([0-9a-f]{32})", json.dumps(state[model_id],
                                                                       sort_keys=True)):
            visit(ref)

    outputs = [c.get("outputs", []) for c in nb.cells if c.cell_type == "code"]
    for model_id in _MODEL_ID.findall(json.dumps(outputs)):
        visit(model_id)
    for model_id in sorted(set(state) - set(order),
                           key=lambda k: json.dumps(state[k], sort_keys=True)):
        visit(model_id)
    new = {old: hashlib.sha256(f"{key}/{n}".encode()).hexdigest()[:32]
           for n, old in enumerate(order)}
    text = _MODEL_ID.sub(lambda m: new.get(m.group(0), m.group(0)), nbformat.writes(nb))
    return nbformat.reads(text, as_version=4)


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write ``nb`` as a notebook file (nbformat 4, validated)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    nbformat.write(nb, path)


def build(source: Path) -> list[Path]:
    """Build (and execute) the notebook(s) of one lesson script; return the paths written."""
    name = source.stem
    nb = read_source(source)
    written = []
    if has_solutions(nb):
        solution = execute(solution_version(nb), SOLUTION_DIR)
        solution = stable_widget_ids(solution, f"solutions/{name}")
        write(solution, SOLUTION_DIR / f"{name}.ipynb")
        written.append(SOLUTION_DIR / f"{name}.ipynb")
        student = execute(student_version(nb, name), STUDENT_DIR)
    else:
        student = execute(nb, STUDENT_DIR)
    write(stable_widget_ids(student, f"notebooks/{name}"), STUDENT_DIR / f"{name}.ipynb")
    written.append(STUDENT_DIR / f"{name}.ipynb")
    return written


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem for p in LESSONS.glob("*.py"))
    for name in names:
        source = LESSONS / f"{Path(name).stem}.py"
        if not source.is_file():
            print(f"no lesson source {source.relative_to(ROOT)}", file=sys.stderr)
            return 2
        start = time.perf_counter()
        print(f"building {source.relative_to(ROOT)} ...", flush=True)
        for path in build(source):
            print(f"  wrote {path.relative_to(ROOT)}", flush=True)
        print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
