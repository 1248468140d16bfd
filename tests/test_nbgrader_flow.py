"""A graded class with nbgrader, end to end (tools/build_course.py and the guide's
"Running a graded class").

In a temporary folder: build the course for two lessons, ``nbgrader generate_assignment`` and
``release_assignment``; one student solves every exercise (placed in ``submitted/`` directly),
another fetches the assignment through the exchange, answers some exercises right, some wrong,
leaves some blank and stops one with an unquoted word, and submits; cheating students try
each attack of the review (a patched ``Feedback``, replaced checkers, junk tries then
``show_answer``, an edited tries counter, a rewritten checker file, a detached process) with no
right answer; ``nbgrader collect``, ``autograde``, ``generate_feedback`` and ``export``, then
the scores are checked. Nothing is written inside the repository.

A fast part checks every lesson's course notebook without running nbgrader: each exercise has
a tests cell calling the exercise cell's own checker.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_course", ROOT / "tools" / "build_course.py")
build_course = importlib.util.module_from_spec(_spec)
sys.modules["build_course"] = build_course  # its dataclass looks its module up there
_spec.loader.exec_module(build_course)
BEGIN = build_course.build_notebooks.BEGIN

#: A lesson with number, table and expression answers, and the capstone (dict answers, 2-point
#: pipeline checks, an empty list as a right answer).
LESSONS = ["04_survival", "07_capstone"]
#: What the mixed student does with each exercise, in order, repeating.
PLAN = ["right", "wrong", "blank", "right", "error"]
WRONG_TEXT = '"no such answer"'
#: An unquoted label, the slip a checker cannot catch: the cell raises NameError.
UNQUOTED = "HR-/HER2-"


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """Run an nbgrader command in ``course``; fail the test with its log if it fails."""
    bin_dir = Path(sys.executable).parent  # nbgrader runs `alembic` from PATH
    env = dict(os.environ, PATH=os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")]))
    result = subprocess.run([str(bin_dir / "nbgrader"), *args], cwd=course, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _placeholder_cell(released: str, value: str) -> str:
    """The released exercise cell answered with ``value``: each ``...`` placeholder above the
    stub is set to it, except a fill-in blank inside a subscript (``table[...]``, which runs as
    it is handed out): that line stays, and ``answer = value`` follows it, as a student who typed
    a whole answer instead would write."""
    head, _, rest = released.partition(build_course.build_notebooks.CODE_STUB)
    if re.search(r"\[\s*\.\.\.\s*\]", head):
        head = f"{head.rstrip()}\nanswer = {value}\n"
    else:
        head = head.replace("...", value)
    return head + build_course.build_notebooks.CODE_STUB + rest


def _wrong_value(solution: str) -> str:
    """A wrong answer of the right kind: a number far off when the solution is a number."""
    region = solution.split(BEGIN)[1].split(build_course.build_notebooks.END)[0]
    for node in ast.walk(ast.parse(region)):
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, int | float)):
            return repr(node.value.value + 50)
    return WRONG_TEXT


def _answer(kind: str, released: str, solution: str) -> str:
    if kind == "right":
        return solution
    if kind == "wrong":
        return _placeholder_cell(released, _wrong_value(solution))
    if kind == "error":
        return _placeholder_cell(released, UNQUOTED)
    return released  # blank: as handed out


#: The cheating students of the attack review, each with no right answer: the code each adds
#: after the assignment's opening cells. ``_cheat(n)``, where defined, gives exercise n's answer.
CHEATS = {
    # A one-line monkeypatch of Feedback: every feedback says "correct".
    "patch_feedback": "from helpers.exercises import Feedback\n"
                      "Feedback.correct = property(lambda self: True)",
    # Replaced checkers, and a replaced grading check.
    "replace_checker": "from helpers import grading\n"
                       "from helpers.exercises import Feedback\n"
                       "right = lambda *args, **kwargs: Feedback('correct', 'right')\n"
                       "for n in range(1, 9):\n"
                       "    setattr(exercises.survival, f'exercise_{n}', right)\n"
                       "grading.check = right",
    # Three junk tries, then the worked answer.
    "junk_then_show_answer": "def _cheat(n):\n"
                             "    for _ in range(3):\n"
                             "        getattr(exercises.survival, f'exercise_{n}')('junk')\n"
                             "    return eval(exercises.survival.show_answer(n).answer)",
    # The tries counter edited, then the worked answer.
    "edit_tries": "exercises._TRIES.update({f'survival.exercise_{n}': 99 for n in range(1, 9)})\n"
                  "def _cheat(n):\n"
                  "    return eval(exercises.survival.show_answer(n).answer)",
    # The autograded cell made to return a number (nbgrader reads it as partial credit).
    "partial_credit": "from helpers import grading\n"
                      "grading.hand_in = lambda call, namespace: 1.0",
    # Files the grader can write rewritten, and a process left behind to change things later.
    "rewrite_files": "import os, subprocess, helpers\n"
                     "targets = [os.path.join(os.path.dirname(helpers.__file__), 'exercises',\n"
                     "                        '_pwned.py'),\n"
                     "           os.path.join(os.getcwd(), '..', '..', '..', 'pwned.txt')]\n"
                     "for target in targets:\n"
                     "    try:\n"
                     "        with open(target, 'w') as handle:\n"
                     "            handle.write('pwned')\n"
                     "    except OSError as error:\n"
                     "        print('blocked:', error)\n"
                     # waits until its kernel has ended, then writes (the gradebook, say)
                     "later = ('import os, sys, time\\n'\n"
                     "         'while True:\\n'\n"
                     "         '    try:\\n'\n"
                     "         '        os.kill(int(sys.argv[1]), 0)\\n'\n"
                     "         '    except OSError:\\n'\n"
                     "         '        break\\n'\n"
                     "         '    time.sleep(0.2)\\n'\n"
                     "         'open(sys.argv[2], \"w\").write(\"changed after grading\")\\n')\n"
                     "import sys\n"
                     "subprocess.Popen([sys.executable, '-c', later, str(os.getpid()), 'MARKER'],\n"
                     "                 start_new_session=True)",
}
#: The assignment the cheaters hand in.
CHEATED = "04_survival"


def _cheat(notebook: Path, attack: str) -> None:
    """Add ``attack`` after the assignment's locked opening cell; exercise cells call
    ``_cheat(n)`` when the attack defines it, and stay blank otherwise."""
    nb = nbformat.read(notebook, as_version=4)
    at = next(i for i, c in enumerate(nb.cells)
              if c.metadata.get("nbgrader", {}).get("grade_id") == "graded-assignment")
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(attack))
    if "def _cheat" in attack:
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            number = re.search(r"exercise_(\d+)-answer$", grade_id)
            if number and cell.metadata["nbgrader"].get("solution"):
                cell.source = _placeholder_cell(cell.source, f"_cheat({number.group(1)})")
    nbformat.write(nb, notebook)


def _fill(notebook: Path, source: Path, plan: list[str] | None) -> dict[str, str]:
    """Answer the exercises of the student notebook ``notebook`` in place, following ``plan``
    (every one right when None); return {exercise grade id: what was done}."""
    solutions = {c.metadata["nbgrader"]["grade_id"]: c.source
                 for c in nbformat.read(source, as_version=4).cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    nb = nbformat.read(notebook, as_version=4)
    kinds = {}
    for cell in nb.cells:
        if not cell.metadata.get("nbgrader", {}).get("solution"):
            continue
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        kind = "right" if plan is None else plan[len(kinds) % len(plan)]
        cell.source = _answer(kind, cell.source, solutions[grade_id])
        kinds[grade_id.removesuffix("-answer")] = kind
    nbformat.write(nb, notebook)
    return kinds


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The whole flow, once: {"course", "exercises", "kinds", "csv", "student", "marker"}.

    "ada" solves everything; her work is placed in ``submitted/`` directly (as when it comes
    from a learning platform). The other student, the user running the tests (nbgrader's
    exchange knows students by user name), follows PLAN and goes through the exchange as on a
    hub: release, fetch, submit, collect. The cheaters (:data:`CHEATS`) hand in
    :data:`CHEATED` through ``submitted/``.
    """
    from nbgrader.utils import get_username

    top = tmp_path_factory.mktemp("graded")
    course, exchange, home = top / "course", top / "exchange", top / "home"
    exchange.mkdir()
    home.mkdir()
    on_exchange = f"--Exchange.root={exchange}"
    student = get_username()
    exercises = build_course.build_course(course, LESSONS)
    kinds: dict[str, dict[str, str]] = {}
    nbgrader(course, "generate_assignment", "*")  # every assignment ("*" is a glob)
    for assignment in LESSONS:
        source = course / "source" / assignment / f"{assignment}.ipynb"
        nbgrader(course, "release_assignment", assignment, on_exchange)

        ada = course / "submitted" / "ada" / assignment
        shutil.copytree(course / "release" / assignment, ada)
        _fill(ada / f"{assignment}.ipynb", source, None)
        (ada / "timestamp.txt").write_text("2026-11-25 10:00:00.000000 UTC\n")

        nbgrader(home, "fetch_assignment", assignment, "--course", build_course.COURSE_ID,
                 on_exchange)
        kinds[assignment] = _fill(home / assignment / f"{assignment}.ipynb", source, PLAN)
        nbgrader(home, "submit", assignment, "--course", build_course.COURSE_ID, on_exchange)
        nbgrader(course, "collect", assignment, on_exchange)
    marker = top / "detached-process-was-here"
    for name, attack in CHEATS.items():
        folder = course / "submitted" / name / CHEATED
        shutil.copytree(course / "release" / CHEATED, folder)
        _cheat(folder / f"{CHEATED}.ipynb", attack.replace("MARKER", str(marker)))
        (folder / "timestamp.txt").write_text("2026-11-25 10:00:00.000000 UTC\n")
    nbgrader(course, "autograde", "*")
    nbgrader(course, "generate_feedback", "*")
    nbgrader(course, "export", "--to", str(course / "grades.csv"))
    with open(course / "grades.csv", newline="") as handle:
        rows = {(r["assignment"], r["student_id"]): r for r in csv.DictReader(handle)}
    yield {"course": course, "exercises": exercises, "kinds": kinds, "csv": rows,
           "student": student, "marker": marker}
    shutil.rmtree(top, ignore_errors=True)
    (Path(build_course.build_notebooks.ROOT) / "src" / "helpers" / "exercises" / "_pwned.py"
     ).unlink(missing_ok=True)


def _points(exercises, kinds, wanted="right") -> float:
    return sum(e.points for e in exercises if kinds[e.grade_id] == wanted)


def test_released_notebook_has_stubs_and_tests_not_solutions(graded) -> None:
    course = graded["course"]
    for assignment in LESSONS:
        source = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", 4)
        released = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", 4)
        text = "\n".join(c.source for c in released.cells)
        assert BEGIN not in text
        answers = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("solution")]
        tests = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert len(answers) == len(tests) == len(graded["exercises"][assignment]) > 0
        for answer in answers:
            assert build_course.build_notebooks.CODE_STUB in answer.source
        # Every solution line of the source is gone from the release.
        for cell in source.cells:
            if BEGIN in cell.source:
                region = cell.source.split(BEGIN)[1].split(build_course.build_notebooks.END)[0]
                for line in filter(str.strip, region.splitlines()):
                    assert line not in text, line
        assert (course / "release" / assignment / "glossary.md").is_file()


def test_every_solution_earns_full_marks(graded) -> None:
    for assignment in LESSONS:
        row = graded["csv"][(assignment, "ada")]
        total = sum(e.points for e in graded["exercises"][assignment])
        assert float(row["max_score"]) == total
        assert float(row["score"]) == total, f"{assignment}: a solution fails its own checker"


def test_mixed_submission_scores_only_the_right_answers(graded) -> None:
    # Today: 04_survival right, wrong, blank, right = 2 of 4 points; 07_capstone: Bea's pipeline
    # (2) right, her options wrong, Chen blank, Dana (2) right, Eli stopped by an unquoted word,
    # Fatima (2) right, Grace's pipeline wrong, her options blank = 6 of 14 points. Derived from
    # the lessons, so that added or renamed exercises need no change here.
    for assignment in LESSONS:
        exercises, kinds = graded["exercises"][assignment], graded["kinds"][assignment]
        assert {"right", "wrong", "blank"} <= set(kinds.values())
        row = graded["csv"][(assignment, graded["student"])]
        right = _points(exercises, kinds)
        assert 0 < right < sum(e.points for e in exercises)
        assert float(row["score"]) == right
        assert float(row["max_score"]) == sum(e.points for e in exercises)
    assert "error" in graded["kinds"]["07_capstone"].values()


def test_each_cell_is_graded_by_its_own_checker(graded) -> None:
    from nbgrader.api import Gradebook

    course = graded["course"]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for assignment in LESSONS:
            for exercise in graded["exercises"][assignment]:
                kind = graded["kinds"][assignment][exercise.grade_id]
                grade = gradebook.find_grade(f"{exercise.grade_id}-tests", assignment,
                                             assignment, graded["student"])
                assert grade.score == (exercise.points if kind == "right" else 0), (
                    exercise.grade_id, kind)


def test_feedback_shows_the_checkers_one_line_not_grader_internals(graded) -> None:
    course = graded["course"]
    report = (course / "feedback" / graded["student"] / "04_survival" / "04_survival.html"
              ).read_text()
    assert "Not answered yet" in report  # the blank exercise
    assert "Not yet" in report or "Check the form of your answer" in report  # the wrong one
    for internal in ("AssertionError", "_feedback", "uncounted", "site-packages", "File \"/",
                     "CellExecutionError"):
        assert internal not in report, internal
    # Each autograded cell shows one line of the checker's feedback, and no traceback.
    nb = nbformat.read(course / "autograded" / graded["student"] / "04_survival"
                       / "04_survival.ipynb", 4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            for output in cell.outputs:
                if output.output_type == "error":
                    assert len(output.traceback) == 1, output.traceback
                    assert "Traceback" not in output.traceback[0]
                    assert output.traceback[0] in report.replace("&#8217;", "'") or (
                        output.traceback[0][:40] in report)
    assert (course / "feedback" / "ada" / "07_capstone" / "07_capstone.html").is_file()


@pytest.mark.parametrize("cheat", sorted(CHEATS))
def test_a_cheating_submission_scores_nothing(graded, cheat: str) -> None:
    """Each attack of the review, with no right answer, scores 0 (it scored 4/4 before the
    grade was decided in the grader's process)."""
    row = graded["csv"][(CHEATED, cheat)]
    assert float(row["max_score"]) > 0
    assert float(row["score"]) == 0, f"{cheat} scored {row['score']}"


def test_worked_answers_are_absent_in_a_graded_assignment(graded) -> None:
    """show_answer does not exist in the graded run: the cheats that call it stop there."""
    course = graded["course"]
    for cheat in ("junk_then_show_answer", "edit_tries"):
        nb = nbformat.read(course / "autograded" / cheat / CHEATED / f"{CHEATED}.ipynb", 4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                  if o.output_type == "error"]
        assert any("show_answer" in o.evalue for o in errors), cheat


def test_a_submission_cannot_change_the_grader_or_outlive_grading(graded) -> None:
    """In the grading sandbox the installed checkers and the course folder are read-only and a
    process a submission leaves behind ends with its kernel."""
    import time

    from helpers import nbgrader_grading

    if not nbgrader_grading.sandbox_available():
        if os.environ.get("CI"):
            pytest.fail("the grading sandbox (Linux user namespaces, unshare) is not available")
        pytest.skip("no grading sandbox on this machine (needs Linux user namespaces): "
                    "see the instructor guide, 'What nbgrader cannot protect'")
    course = graded["course"]
    package = Path(nbgrader_grading.__file__).parent
    assert not (package / "exercises" / "_pwned.py").exists()
    assert not (course / "pwned.txt").exists()
    nb = nbformat.read(course / "autograded" / "rewrite_files" / CHEATED / f"{CHEATED}.ipynb", 4)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.outputs)
    assert text.count("Read-only file system") == 2, text[:2000]
    time.sleep(5)  # the process left behind would write the marker once its kernel ended
    assert not graded["marker"].exists()


def test_run_all_on_a_blank_assignment_runs_every_cell(graded) -> None:
    """A student who runs every cell of the released assignment, nothing answered, reaches the
    end: no cell stops Run All, and each autograded cell shows the checker's feedback."""
    from nbclient import NotebookClient

    folder = graded["course"] / "release" / "07_capstone"
    nb = nbformat.read(folder / "07_capstone.ipynb", 4)
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(folder)}}).execute()
    graded_cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert graded_cells
    for cell in graded_cells:
        assert [o.output_type for o in cell.outputs] == ["display_data"]
        assert "Not answered yet" in cell.outputs[0].data["text/plain"]
    # Nothing the released capstone shows gives a graded field away.
    _assert_no_capstone_answers(nb)


def _exercised_patients(nb) -> list[str]:
    names = []
    for cell in nb.cells:
        found = re.search(r"check_pipeline\(\"(\w+)\"", cell.source)
        if found and cell.metadata.get("nbgrader", {}).get("solution"):
            names.append(found.group(1))
    return names


def _assert_no_capstone_answers(nb) -> None:
    from helpers import capstone

    names = _exercised_patients(nb)
    assert len(names) >= 6, names
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            continue
        texts = [cell.source] if cell.cell_type == "markdown" else [
            str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
            + str(o.get("data", {}).get("text/html", "")) for o in cell.get("outputs", [])]
        for text in texts:
            for name in names:
                result = capstone.run_pipeline(capstone.patient(name))
                assert f"Patient: {name}" not in text, f"{name}'s pipeline report is shown"
                if name in text:
                    assert not re.search(rf"(?<![\w/]){re.escape(result.stage)}(?![\w/])",
                                         text), f"{name}'s stage {result.stage} is shown"


def test_released_capstone_text_names_no_graded_answer(graded) -> None:
    nb = nbformat.read(graded["course"] / "release" / "07_capstone" / "07_capstone.ipynb", 4)
    _assert_no_capstone_answers(nb)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "patient_names()" not in code  # the summary table of every patient


# Every lesson, without nbgrader: fast, and catches an exercise whose tests cell would call the
# wrong checker after a rename.
@pytest.mark.parametrize("lesson", build_course.lessons_with_exercises())
def test_each_exercise_gets_a_tests_cell_calling_its_checker(lesson: str) -> None:
    from nbgrader.nbgraderformat import MetadataValidator

    nb, exercises = build_course.course_notebook(build_course.LESSONS / f"{lesson}.py")
    cells = nb.cells
    for index, cell in enumerate(cells):
        if cell.cell_type == "code" and BEGIN in cell.source:
            last = cell.source.strip().splitlines()[-1]
            tests = cells[index + 1]
            assert tests.metadata["nbgrader"]["grade"] and tests.metadata["nbgrader"]["locked"]
            assert tests.metadata["nbgrader"]["points"] > 0
            assert f"hand_in({last!r}, globals())" in tests.source
            assert cell.metadata["nbgrader"]["solution"]
            heading = re.search(r"exercise_(\d+)\(", last)
            assert heading is None or tests.metadata["nbgrader"]["grade_id"].endswith(
                f"exercise_{heading.group(1)}-tests")
    assert len({e.grade_id for e in exercises}) == len(exercises) > 0
    MetadataValidator().validate_nb(nb)  # what generate_assignment checks first


def test_a_cell_without_its_checker_call_is_refused() -> None:
    with pytest.raises(ValueError, match="must end with its checker call"):
        build_course.checker_call("answer = ...\n### BEGIN SOLUTION\nanswer = 4\n"
                                  "### END SOLUTION\nprint(answer)")
    with pytest.raises(ValueError, match="one checker call"):
        build_course.exercise_of("exercises.survival.exercise_1(answer) + (1)")
    assert build_course.exercise_of(
        'answers = dict(a=...)\n### BEGIN SOLUTION\n### END SOLUTION\n'
        'exercises.capstone.check_pipeline("Bea", answers)'
    ) == build_course.Exercise("capstone-check_pipeline-bea",
                               'exercises.capstone.check_pipeline("Bea", answers)', 2,
                               ("answers",))


def test_tests_cell_resets_the_answer_so_a_failing_cell_is_not_graded_with_it(capsys) -> None:
    # Exercise 2's cell fails (an unquoted word) before it assigns `answer`: its tests cell must
    # hand in "not answered", not exercise 1's right answer still in `answer`. It never raises.
    exercise = build_course.exercise_of(
        "answer = ...\n### BEGIN SOLUTION\nanswer = 67\n### END SOLUTION\n"
        "exercises.survival.exercise_1(answer)")
    namespace = {"answer": 67}
    exec(build_course.tests_source(exercise), namespace)  # exercise 1 right
    assert namespace["answer"] is Ellipsis
    assert "Correct" in capsys.readouterr().out
    exec(build_course.tests_source(exercise), namespace)  # no error: feedback instead
    assert "Not answered yet" in capsys.readouterr().out


def test_the_autograded_cell_does_not_count_a_second_try(capsys) -> None:
    # A student answers exercise 1 of lesson 4 wrongly twice, running the autograded cell after
    # each: that is two tries, so the worked answer is not offered yet (it opens at three).
    from helpers import exercises
    from helpers.exercises import reset_tries, tries

    exercise = build_course.exercise_of(
        "answer = ...\n### BEGIN SOLUTION\n### END SOLUTION\n"
        "exercises.survival.exercise_1(answer)")
    reset_tries()
    try:
        for attempt in (1, 2):
            namespace = {"answer": 12345.0}
            own = exercises.survival.exercise_1(namespace["answer"])  # the student's cell
            assert own.status == "incorrect"
            exec(build_course.tests_source(exercise), namespace)
            assert tries("survival.exercise_1") == attempt
            assert "show_answer" not in capsys.readouterr().out
        third = exercises.survival.exercise_1(12345.0)
        assert tries("survival.exercise_1") == 3 and "show_answer(1)" in third.hint
    finally:
        reset_tries()


def test_markdown_model_answers_are_not_graded_and_not_released(tmp_path: Path) -> None:
    from nbgrader.nbgraderformat import MetadataValidator

    lesson = tmp_path / "09_demo.py"
    lesson.write_text(
        "# %% [markdown]\n# **Think:** why?\n#\n# ### BEGIN SOLUTION\n# Because of the model.\n"
        "# ### END SOLUTION\n\n"
        "# %%\nfrom helpers import exercises\n\n"
        "# %%\nanswer = ...\n### BEGIN SOLUTION\nanswer = 4\n### END SOLUTION\n"
        "exercises.biology.exercise_3(answer)\n", encoding="utf-8")
    nb, exercises = build_course.course_notebook(lesson)
    think = nb.cells[0]
    assert "Because of the model" not in think.source and BEGIN.strip("# ") not in think.source
    assert build_course.build_notebooks.TEXT_STUB in think.source
    assert "nbgrader" not in think.metadata
    assert [e.grade_id for e in exercises] == ["biology-exercise_3"]
    assert [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells] == [
        None, None, "graded-assignment", "biology-exercise_3-answer", "biology-exercise_3-tests"]
    MetadataValidator().validate_nb(nb)  # what generate_assignment checks first


def test_solution_only_model_answers_never_reach_the_course() -> None:
    """The Think prompts' folded model answers (solution-only markdown cells) stay out of every
    assignment, as they stay out of the student notebooks."""
    lessons = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.py"))
    with_answers = [p for p in lessons if any(
        build_course.build_notebooks.is_solution_only(c)
        for c in build_course.build_notebooks.read_source(p).cells)]
    assert with_answers, "the lessons should hold model answers to their Think prompts"
    for path in with_answers:
        nb, _ = build_course.course_notebook(path)
        leaked = [c.source[:60] for c in nb.cells if build_course.build_notebooks.is_solution_only(c)
                  or "Model answer" in c.source]
        assert not leaked, f"{path.name}: model answers in the course: {leaked}"
