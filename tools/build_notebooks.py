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
import hashlib
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


def read_source(path: Path) -> nbformat.NotebookNode:
    """Read a lesson script into an (unexecuted) notebook with clean metadata."""
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


def solution_version(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as written: solution regions included (markers stay, as nbgrader expects)."""
    return copy.deepcopy(nb)


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
        write(solution, SOLUTION_DIR / f"{name}.ipynb")
        written.append(SOLUTION_DIR / f"{name}.ipynb")
        student = execute(student_version(nb, name), STUDENT_DIR)
    else:
        student = execute(nb, STUDENT_DIR)
    write(student, STUDENT_DIR / f"{name}.ipynb")
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
