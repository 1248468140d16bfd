"""Build the student-only tree a graded class pulls onto its hub: nothing in it holds an answer.

For self-study and Binder the whole repository is fine: its solutions are open. A graded class
must not hand students the solution notebooks (``instructors/solutions/``), the lesson sources
(``lessons/``, which hold every solution) or the instructor guide (its answer keys). This builds,
from the lesson sources::

    _build/student-tree/
      README.md                    what this is, and that it needs the helpers package
      notebooks/NN_name.ipynb      each lesson as students get it: exercises blank, no outputs,
                                   no model answers, no cell that shows a graded answer, and
                                   the worked answers (show_answer) turned off
      notebooks/glossary.md
      data/NAME.csv + .meta.json   the tables the lessons describe, except those with worked
                                   answers (their ``expected_*`` columns)

The instructor publishes it as its own repository or branch and points the nbgitpuller link at
it (instructor guide, "Running a graded class"). The notebooks import the ``helpers`` package
installed on the hub, which carries its own data. ``tests/test_student_tree.py`` checks that no
graded answer appears anywhere in the tree.

Usage::

    python tools/build_student_tree.py                  # into _build/student-tree/
    python tools/build_student_tree.py --out /tmp/tree
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_course  # noqa: E402
import build_notebooks  # noqa: E402

ROOT = build_notebooks.ROOT
DEFAULT_OUT = ROOT / "_build" / "student-tree"
DATA = ROOT / "data"

#: A markdown link into the instructors' folder: the link goes, its text stays.
_INSTRUCTOR_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)?instructors/[^)\s]*\)")

README = """\
# HER2-negative breast cancer: the lessons, for a class

> **For education only.** Not medical advice, and not for decisions about any person's care.

The lessons of the teaching collection, as your class works through them: open
`notebooks/00_start_here.ipynb`. Each exercise gives feedback when you run its cell; the graded
assignments come separately, through the *Assignments* list. Terms are explained in
`notebooks/glossary.md`.

The notebooks use the `helpers` library installed on this hub (the package
`her2neg-teaching`). Built by `make student-tree` from the collection's lesson sources; do not
edit these files by hand.
"""


def has_answer_columns(csv_path: Path) -> bool:
    """True when the table holds worked answers (columns named ``expected_...``)."""
    with open(csv_path, newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle), [])
    return any(column.startswith("expected_") for column in header)


#: The start page's promise of worked answers after three tries: they are off in this tree.
_WORKED_ANSWER_PROMISE = re.compile(
    r"After three wrong tries the hint names\s+a call such as\s+`[^`]*show_answer\([^`]*\)`"
    r"\s+that shows the worked answer and why\.")
_NO_WORKED_ANSWERS = ("In this class the worked answers are turned off: the hint says what to "
                      "look at again.")


def student_notebook(source: Path) -> nbformat.NotebookNode:
    """The lesson ``source`` as the tree holds it (see the module)."""
    nb = build_course.without_answers(build_notebooks.read_source(source, answer_tags=True))
    if build_notebooks.has_solutions(nb):
        nb = build_notebooks.student_version(nb, source.stem)
    for index, cell in enumerate(nb.cells):
        if build_course._imports_exercises(cell):  # the worked answers are off in a graded class
            graded = nbformat.v4.new_code_cell(build_course.GRADED_CELL)
            graded.id = f"{cell.id}-graded"
            nb.cells.insert(index + 1, graded)
            break
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _WORKED_ANSWER_PROMISE.sub(_NO_WORKED_ANSWERS,
                                                     _INSTRUCTOR_LINK.sub(r"\1", cell.source))
        elif cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def build_tree(out: Path) -> list[Path]:
    """Write the tree into ``out``; return the files written.

    Everything in ``out`` is replaced except its ``.git`` folder, so that a tree already
    published takes a rebuild as one more commit.
    """
    out.mkdir(parents=True, exist_ok=True)
    for child in out.iterdir():
        if child.name == ".git":
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    (out / "notebooks").mkdir()
    written = [out / "README.md"]
    written[0].write_text(README, encoding="utf-8")
    for source in sorted(build_notebooks.LESSONS.glob("[0-9][0-9]_*.py")):
        path = out / "notebooks" / f"{source.stem}.ipynb"
        build_notebooks.write(student_notebook(source), path)
        written.append(path)
    glossary = out / "notebooks" / "glossary.md"
    shutil.copy2(build_notebooks.STUDENT_DIR / "glossary.md", glossary)
    written.append(glossary)
    (out / "data").mkdir()
    for table in sorted(DATA.glob("*.csv")):
        if has_answer_columns(table):
            continue
        for path in (table, table.with_suffix(".meta.json")):
            if path.is_file():
                shutil.copy2(path, out / "data" / path.name)
                written.append(out / "data" / path.name)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="the folder to write (default: _build/student-tree/)")
    args = parser.parse_args(argv)
    written = build_tree(args.out)
    print(f"{args.out}: {len(written)} files, no answers. Publish it as its own repository "
          f"or branch (see instructors/guide.md, 'Running a graded class').")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
