"""helpers.grading and helpers.nbgrader_grading: answers handed in as data, decided by the
grader's checker, and a time budget for a whole notebook."""

from __future__ import annotations

import math

import nbformat
import pandas as pd
import pytest

from helpers import grading


@pytest.mark.parametrize("value", [
    ..., None, True, 4, 69.5, "Stage IIB", ["chemotherapy", "surgery"], ("a", 1),
    {"her2_status": "negative", "stage": ...}, {"b", "a"}, 2**70, [], {},
])
def test_answers_travel_as_data_and_come_back_equal(value) -> None:
    import json

    assert grading.decode(json.loads(json.dumps(grading.encode(value)))) == value


def test_tables_and_odd_numbers_come_back() -> None:
    import json
    from fractions import Fraction

    import numpy as np

    table = pd.DataFrame({"HR+/HER2-": [99.0, 86.5], "HR-/HER2-": [91.3, 65.8]},
                         index=pd.Index(["localized", "regional"], name="stage"))
    table.columns.name = "subtype"
    back = grading.decode(json.loads(json.dumps(grading.encode(table))))
    pd.testing.assert_frame_equal(back, table)
    series = pd.Series([1.0, 2.0], index=["a", "b"], name="x")
    pd.testing.assert_series_equal(grading.decode(grading.encode(series)), series)
    assert grading.decode(grading.encode(np.float64(67.0))) == 67.0
    assert grading.decode(grading.encode(np.array(5))) == 5
    assert grading.decode(grading.encode(Fraction(1, 2))) == 0.5
    assert math.isnan(grading.decode(json.loads(json.dumps(grading.encode(float("nan"))))))


def test_anything_else_is_an_answer_of_the_wrong_form() -> None:
    back = grading.decode(grading.encode(lambda: "IIB"))
    assert "function" in repr(back)
    feedback = grading.check("exercises.staging.exercise_2(answer)", {"answer": back})
    assert not feedback.correct
    # A forged hand-in that is not what encode writes is not an answer either.
    assert not grading.check("exercises.staging.exercise_2(answer)",
                             {"answer": grading.decode({"$pickle": "..."})}).correct


def test_check_reads_the_call_and_never_runs_it() -> None:
    assert grading.check("exercises.survival.exercise_1(answer)", {"answer": 67}).correct
    assert not grading.check("exercises.survival.exercise_1(answer)", {}).correct  # unanswered
    for call in ("__import__('os').system('true')", "exercises.survival.show_answer(1)",
                 "exercises.survival._ANSWERS(answer)", "exercises.os.system(answer)",
                 "exercises.survival.exercise_1(answer, x=1)"):
        with pytest.raises(ValueError):
            grading.parse_call(call)
        assert grading.check(call, {"answer": 67}).status == "malformed"


def _cell(source: str, grade: bool = False) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    if grade:
        cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True,
                                     "grade_id": "survival-exercise_1-tests", "points": 1.0,
                                     "schema_version": 3}
    return cell


TESTS_CELL = ("from helpers.grading import hand_in\n"
              "hand_in('exercises.survival.exercise_1(answer)', globals())")


def _run(nb: nbformat.NotebookNode, **config) -> nbformat.NotebookNode:
    from helpers.nbgrader_grading import GradeInGrader

    executor = GradeInGrader(timeout=None, **config)
    nb, _ = executor.preprocess(nb, {"metadata": {"path": "."}})
    return nb


def test_the_grader_decides_from_the_answer_not_from_the_kernel() -> None:
    """A kernel whose checker, Feedback and hand_in all say "correct" still scores 0."""
    from nbgrader.utils import determine_grade

    cheat = ("from helpers import exercises, grading\n"
             "from helpers.exercises import Feedback\n"
             "Feedback.correct = property(lambda self: True)\n"
             "exercises.survival.exercise_1 = lambda a: Feedback('correct', 'yes')\n"
             "answer = 12345")
    nb = nbformat.v4.new_notebook(cells=[_cell(cheat), _cell(TESTS_CELL, grade=True),
                                         _cell("answer = 67"), _cell(TESTS_CELL, grade=True)])
    nb = _run(nb)
    wrong, right = nb.cells[1], nb.cells[3]
    assert determine_grade(wrong) == (0, 1.0)
    assert [o.output_type for o in wrong.outputs] == ["stream", "error"]
    assert wrong.outputs[1].traceback == [wrong.outputs[0].text.strip()]
    assert determine_grade(right) == (1.0, 1.0)  # right: the grader's checker says so


def test_a_notebook_gets_one_time_budget_not_one_per_cell() -> None:
    """Once the budget is spent, the remaining cells (however many) are not run."""
    from nbgrader.utils import determine_grade

    loops = [_cell("while True:\n    pass") for _ in range(20)]
    nb = nbformat.v4.new_notebook(cells=[_cell("answer = 67"), *loops,
                                         _cell(TESTS_CELL, grade=True)])
    nb = _run(nb, notebook_timeout=3)
    assert nb.cells[1].outputs[-1].output_type == "error"  # stopped by the budget
    not_run = [c for c in nb.cells[2:] if c.outputs and c.outputs[0].get("ename") == "NotRun"]
    assert len(not_run) >= 19
    assert determine_grade(nb.cells[-1])[0] == 0


def test_the_grader_imports_every_lesson_module_of_checkers() -> None:
    """A lesson whose checkers the grader does not import before submissions run would be
    graded with checker code a submission could have replaced."""
    from pathlib import Path

    import helpers.exercises
    from helpers.grading import CHECKER_MODULES

    folder = Path(helpers.exercises.__file__).parent
    modules = {p.stem for p in folder.glob("*.py") if not p.stem.startswith("_")}
    assert modules == set(CHECKER_MODULES)
