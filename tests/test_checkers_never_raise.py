"""Every exercise checker answers with feedback, whatever a student passes it.

A battery of odd answers (a Fraction, a 0-d NumPy array, a table of strings, ``pd.NA``, a huge
integer, a dict, ...) goes to every checker of every lesson module in ``helpers.exercises``, and
to the building blocks those checkers use; each call must return :class:`Feedback`.
"""

from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import exercises
from helpers.exercises import (
    Feedback, MultipleChoice, Unquoted, check_choice, check_number, check_set,
)

HUGE = 10**400  # beyond the float range (about 1.8e308)
HUGER = 10**5000  # too long even to print in full


def odd_answers() -> list[object]:
    return [
        Fraction(1, 3), Fraction(HUGE, 7), np.array(5), np.array(5.5), np.array("IIA"),
        np.array(["a", "b"]), np.array([[1, 2]]),
        pd.DataFrame({"a": ["x", "y"], "b": ["z", "w"]}), pd.DataFrame(),
        pd.Series(["x", "y"]), pd.NA, pd.NaT, np.nan, math.inf, -math.inf,
        HUGE, -HUGE, HUGER, None, ..., [1, 2, 3], [], {"a": 1}, {}, {1, 2}, (1,), b"bytes",
        True, 0, -1, 1e308, "", " ", "x" * 2_000_000, "\x00", "<script>alert(1)</script>",
        object(), Feedback, lambda: 1, range(10), np.int64(3), np.float32(2.5), 3 + 4j,
        {"her2_status": pd.NA, "her2_expression": [1], "subtype": HUGE, "stage": None,
         "summary_stage": np.array(1)},
        # What the notebook hooks hand a checker for a word typed without quotes, and text
        # that looks like a number (read as one) or like a stage in Arabic numerals.
        Unquoted("IA"), [Unquoted("chemotherapy")], {"stage": Unquoted("IIB")}, "4", " 69.5 ",
        "1e999", "-0", "2b", "Stage II B", "HR+, HER2-", "ER-/HER2-",
    ]


def lesson_modules() -> list[object]:
    names = [m.name for m in pkgutil.iter_modules(exercises.__path__)]
    assert names, "helpers.exercises should have lesson modules"
    return [importlib.import_module(f"helpers.exercises.{name}") for name in names]


def lesson_checkers() -> list[tuple[str, object]]:
    """Every public function of a lesson module that returns Feedback, and every concept
    check's checker (run through the widget's own check method)."""
    found = []
    for module in lesson_modules():
        for name, obj in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if obj.__module__ != module.__name__:
                continue
            annotation = inspect.signature(obj).return_annotation
            if annotation in (Feedback, "Feedback"):
                found.append((f"{module.__name__.rsplit('.', 1)[1]}.{name}", obj))
            elif annotation in (MultipleChoice, "MultipleChoice"):
                found.append((f"{module.__name__.rsplit('.', 1)[1]}.{name}.check",
                              lambda answer, _f=obj: _f().check(answer)))
    return found


CHECKERS = lesson_checkers()


def call(checker, answer):
    """Call a checker the way a lesson does: with the answer, or (capstone) a name first."""
    params = [p for p in inspect.signature(checker).parameters.values()
              if p.default is inspect.Parameter.empty]
    if len(params) == 2:  # check_pipeline(name, answers) and check_options(name, classes)
        from helpers.capstone import patient_names

        return [checker(patient_names()[0], answer), checker(answer, answer)]
    return [checker(answer)]


def test_every_lesson_has_checkers() -> None:
    modules = {name.split(".")[0] for name, _ in CHECKERS}
    assert {"survival", "staging", "treatment", "capstone"} <= modules
    assert len(CHECKERS) >= 20


@pytest.mark.parametrize("name,checker", CHECKERS, ids=[n for n, _ in CHECKERS])
def test_checker_returns_feedback_for_odd_answers(name: str, checker) -> None:
    for answer in odd_answers():
        for result in call(checker, answer):
            assert isinstance(result, Feedback), (name, type(answer).__name__, result)
            assert len(result.message) <= 1200, (name, type(answer).__name__)


BLOCKS = {
    "check_choice": lambda a: check_choice(a, "IIA", allowed=["IIA", "IIB"], what="a stage"),
    "check_number": lambda a: check_number(a, 58.0, tolerance=1, what="a percentage"),
    "check_set": lambda a: check_set(a, ["a"], allowed=["a", "b"], what="letters"),
    "MultipleChoice": lambda a: MultipleChoice(
        "Q?", ("yes", "no"), lambda c: check_choice(c, "yes", allowed=("yes", "no"),
                                                    what="one option")).check(a),
}


@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_building_blocks_return_feedback_for_odd_answers(block: str) -> None:
    for answer in odd_answers():
        assert isinstance(BLOCKS[block](answer), Feedback), (block, type(answer).__name__)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.fractions(),
    st.decimals(allow_nan=True), st.text(), st.binary(), st.none(), st.booleans(),
    st.lists(st.one_of(st.integers(), st.text(), st.none()), max_size=5),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.complex_numbers(),
))
def test_building_blocks_never_raise_on_generated_answers(answer) -> None:
    for block in BLOCKS.values():
        assert isinstance(block(answer), Feedback)


def test_fraction_and_zero_d_array_are_read_as_numbers() -> None:
    assert check_number(Fraction(117, 2), 58.5, what="x").correct
    assert check_number(np.array(58.5), 58.5, what="x").correct
    assert check_choice(np.array("IIA"), "IIA", allowed=["IIA", "IIB"], what="a stage").correct


def test_huge_integer_is_too_high_not_a_crash() -> None:
    result = check_number(HUGER, 58.0, what="a percentage", high_hint="lower")
    assert result.status == "incorrect" and result.hint == "lower"
    assert "digits" in result.message and len(result.message) < 100
    assert check_number(-HUGE, 58.0, what="x").status == "incorrect"


def test_pd_na_message_names_the_field() -> None:
    for block, what in ((lambda a: check_choice(a, "IIA", allowed=["IIA"], what="a stage group"),
                         "a stage group"),
                        (lambda a: check_number(a, 1.0, what="a relative risk"),
                         "a relative risk")):
        result = block(pd.NA)
        assert result.status == "malformed" and what in result.message, result.message


def test_table_of_strings_is_not_a_list_of_labels() -> None:
    result = check_set(pd.DataFrame({"a": ["a"]}), ["a"], allowed=["a"], what="letters")
    assert result.status == "malformed"


def test_long_answers_are_cut_in_feedback() -> None:
    result = check_choice("x" * 2_000_000, "IIA", allowed=["IIA"], what="a stage")
    assert result.status == "malformed" and len(result.message) < 300 and "…" in result.message


def test_unforeseen_failure_in_a_lesson_checker_becomes_feedback() -> None:
    """The guard applied to lesson modules: a checker that raises still gives feedback."""
    guarded = exercises.never_raises(lambda answer: 1 / 0)
    result = guarded(5)
    assert isinstance(result, Feedback) and result.status == "malformed"
    assert "ZeroDivisionError" not in result.message and "Traceback" not in result.message
    assert getattr(exercises.survival.exercise_3, "_never_raises", False)
