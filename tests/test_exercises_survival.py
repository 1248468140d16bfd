"""The checkers of lessons 4 and 6 give feedback, never a traceback, whatever a student passes."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from helpers import survival
from helpers.exercises import Feedback
from helpers.exercises import patient_path as path_ex
from helpers.exercises import survival as survival_ex

CHECKERS = [survival_ex.exercise_1, survival_ex.exercise_2, survival_ex.exercise_3,
            survival_ex.exercise_4, path_ex.exercise_1, path_ex.exercise_2, path_ex.exercise_3]

ODD_ANSWERS = [
    Fraction(67, 1), Fraction(10**400, 3), np.array(67), np.array(67.0), np.float64(67),
    np.int64(67), 10**400, -(10**400), pd.NA, float("nan"), float("inf"), "67 %", [67],
    pd.Series([67.0]), pd.DataFrame({"a": ["x", "y"]}), np.array([1, 2]), {"a": 1}, object(),
    True,
]


@pytest.mark.parametrize("answer", ODD_ANSWERS, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_checkers_never_raise(checker, answer) -> None:
    assert isinstance(checker(answer), Feedback)


def test_numpy_and_fraction_answers_are_read_as_numbers() -> None:
    """``np.array(67)`` or ``Fraction(67)`` is the right number, so it is marked right."""
    for answer in (np.array(67), np.float64(67.0), Fraction(67), np.int64(67)):
        assert survival_ex.exercise_1(answer).correct
    assert path_ex.exercise_2(np.float64(1.8)).correct


def test_huge_integers_are_malformed_not_a_crash() -> None:
    feedback = survival_ex.exercise_1(10**400)
    assert feedback.status == "malformed" and "too large" in feedback.message


def test_pivot_of_strings_is_incorrect_not_a_crash() -> None:
    wide = survival.load_survival_table().pivot(index="stage", columns="subtype",
                                                values="survival_pct")
    feedback = survival_ex.exercise_3(wide.astype(str).replace("67.0", "sixty-seven"))
    assert feedback.status == "incorrect" and "numbers" in feedback.message
