"""A scripted instructor follows the guide's "Running a graded class", command by command.

On a fresh clone of the repository (in a temporary folder), every command of the section's
code blocks runs as printed, in order, in one shell (so ``cd`` and ``.
.venv-grader/bin/activate`` carry over), with two students in between: an honest one who
answers every exercise right and a cheating one who tries the attacks of the review with no
right answer, both fetching and submitting through the exchange. Only the placeholders are
filled in: the class's repository is a local bare repository. Then the command ``make course``
prints is run as printed too, and the scores are checked.

It installs the grading environment (``make grader``) from scratch, as an instructor does: a
few minutes. This is the one test whose commands are not kept offline (conftest.py): pip must
reach the package index the machine is set up with (its cache makes it quick), as it must for
``make install``. It clones the repository's last commit: commit before running it.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "instructors" / "guide.md"
ASSIGNMENT = "04_survival"
CLASS_REPO = "https://github.com/YOUR-ACCOUNT/her2neg-class.git"


def guide_commands() -> list[list[str]]:
    """The commands of each bash block of the guide's graded-class section, in order."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## Running a graded class", 1)[1].split("\n## ", 1)[0]
    section = section.split("### What nbgrader cannot protect", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.DOTALL)
    return [[line.strip() for line in block.splitlines()
             if line.strip() and not line.strip().startswith("#")] for block in blocks]


def test_the_guide_section_has_the_blocks_this_test_expects() -> None:
    blocks = guide_commands()
    assert [b[0] for b in blocks] == ["make grader", "cd _build/student-tree",
                                      ". .venv-grader/bin/activate", f"nbgrader collect {ASSIGNMENT}"]
    assert any(CLASS_REPO in line for line in blocks[1])


STUDENTS = r'''
"""The two students: fetch, answer, submit."""
import importlib.util, os, subprocess, sys  # noqa: E401
from pathlib import Path

clone, top, assignment = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
spec = importlib.util.spec_from_file_location("flow", clone / "tests" / "test_nbgrader_flow.py")
flow = importlib.util.module_from_spec(spec)
sys.modules["flow"] = flow
spec.loader.exec_module(flow)
source = clone / "course" / "source" / assignment / f"{assignment}.ipynb"
attack = "\n".join(code for name, code in flow.CHEATS.items() if name != "rewrite_files")
for student in ("honest", "cheater"):
    home = top / student
    home.mkdir()
    env = dict(os.environ)
    run = lambda *args: subprocess.run(["nbgrader", *args, "--course", "her2neg"], cwd=home,
                                       env=env, check=True)
    run("fetch_assignment", assignment)
    notebook = home / assignment / f"{assignment}.ipynb"
    if student == "honest":
        flow._fill(notebook, source, None)
    else:
        flow._cheat(notebook, attack)
    run("submit", assignment, f"--CourseDirectory.student_id={student}")  # one OS user here
'''


@pytest.fixture(scope="module")
def instructor(tmp_path_factory):
    """The whole section, once; returns the clone, the printed link and the scores."""
    top = tmp_path_factory.mktemp("instructor")
    clone, exchange, config, bare = (top / "clone", top / "exchange", top / "jupyter-config",
                                     top / "her2neg-class.git")
    for folder in (exchange, config):
        folder.mkdir()
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    # What the hub's administrator puts in a configuration file everyone reads (step 1).
    (config / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\n"
        f"c.CourseDirectory.course_id = 'her2neg'\n", encoding="utf-8")
    (top / "students.py").write_text(STUDENTS, encoding="utf-8")
    blocks = guide_commands()
    script = ["set -ex", f"cd {clone}"]
    for index, block in enumerate(blocks):
        if index == 3:  # the students work between release and collect
            # (with this test's Python, which has pytest for the flow test's helpers; the
            # nbgrader it calls is the grading environment's, active in the shell)
            script.append(f"{sys.executable} {top / 'students.py'} {clone} {top} {ASSIGNMENT}")
        script += [line.replace(CLASS_REPO, str(bare)) for line in block]
    # A clean environment: no virtual environment active, the hub's config, a git identity.
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                           if not p.startswith(str(ROOT)))
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(PATH=path, JUPYTER_CONFIG_DIR=str(config), GIT_AUTHOR_NAME="Instructor",
               GIT_AUTHOR_EMAIL="instructor@example.org", GIT_COMMITTER_NAME="Instructor",
               GIT_COMMITTER_EMAIL="instructor@example.org")
    result = subprocess.run(["bash", "-c", "\n".join(script)], env=env, capture_output=True,
                            text=True, timeout=3600)
    assert result.returncode == 0, f"{result.stdout[-4000:]}\n{result.stderr[-6000:]}"
    with open(clone / "course" / "grades.csv", newline="") as handle:
        scores = {(r["assignment"], r["student_id"]): r for r in csv.DictReader(handle)}
    # The command `make course` prints, run as printed from the top of the clone.
    course = subprocess.run(["make", "course"], cwd=clone, env=env, capture_output=True,
                            text=True, timeout=1200)
    printed = [line.removeprefix("Next: ") for line in course.stdout.splitlines()
               if line.startswith("Next: ")]
    assert course.returncode == 0 and len(printed) == 1, course.stdout + course.stderr
    next_step = subprocess.run(["bash", "-c", printed[0]], cwd=clone, env=env,
                               capture_output=True, text=True, timeout=600)
    yield {"clone": clone, "stdout": result.stdout, "scores": scores, "bare": bare,
           "printed": printed[0], "next_step": next_step}
    subprocess.run(["chmod", "-R", "u+w", str(top)], check=False)


def test_honest_student_scores_everything_and_cheater_nothing(instructor) -> None:
    honest = instructor["scores"][(ASSIGNMENT, "honest")]
    cheater = instructor["scores"][(ASSIGNMENT, "cheater")]
    assert float(honest["max_score"]) > 0
    assert float(honest["score"]) == float(honest["max_score"])
    assert float(cheater["score"]) == 0


def test_feedback_reaches_each_student(instructor) -> None:
    course = instructor["clone"] / "course"
    for student in ("honest", "cheater"):
        assert (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").is_file()


def test_class_repository_holds_the_student_tree(instructor) -> None:
    files = subprocess.run(["git", "ls-tree", "-r", "--name-only", "main"],
                           cwd=instructor["bare"], capture_output=True, text=True,
                           check=True).stdout.split()
    assert "notebooks/00_start_here.ipynb" in files
    assert not [f for f in files if f.startswith(("lessons/", "instructors/", "src/"))]
    link = [line for line in instructor["stdout"].splitlines()
            if line.startswith("https://YOUR-HUB/hub/user-redirect/git-pull?")]
    assert link and "her2neg-class" in link[0]


def test_the_command_make_course_prints_runs(instructor) -> None:
    assert instructor["printed"].startswith(". .venv-grader/bin/activate && cd course && ")
    step = instructor["next_step"]
    assert step.returncode == 0, step.stdout + step.stderr
    assert (instructor["clone"] / "course" / "release" / "01_her2_biology").is_dir()


def test_grading_copy_of_helpers_is_read_only_and_not_editable(instructor) -> None:
    python = instructor["clone"] / ".venv-grader" / "bin" / "python"
    where = subprocess.run([str(python), "-c", "import helpers; print(helpers.__file__)"],
                           capture_output=True, text=True, check=True).stdout.strip()
    package = Path(where).parent
    assert ".venv-grader" in where and "site-packages" in where  # a copy, not the clone's src/
    assert not any(p.stat().st_mode & 0o222 for p in [package, *package.rglob("*.py")])


if __name__ == "__main__":  # print the commands this test runs
    for block in guide_commands():
        print("\n".join(block), end="\n\n")
    sys.exit(0)
