"""The exercise-checking building blocks and the survival lesson's checkers."""

from __future__ import annotations

import math

import pytest

from helpers import exercises
from helpers.exercises import Feedback, check_choice, check_number, check_set
from helpers.exercises import survival as ex
from helpers.survival import load_survival_table


def test_feedback_text_and_html_say_the_status_in_words() -> None:
    fb = Feedback("incorrect", "too low.", "look again")
    assert str(fb) == "✘ Not yet: too low. Hint: look again" == repr(fb)
    assert "Not yet" in fb._repr_html_() and "look again" in fb._repr_html_()
    assert not fb.correct and Feedback("correct", "yes").correct


@pytest.mark.parametrize("answer", [..., None])
def test_unanswered_is_not_an_error(answer) -> None:
    for result in (check_choice(answer, "a", allowed=["a", "b"], what="a letter"),
                   check_number(answer, 1.0, what="a number"),
                   check_set(answer, ["a"], allowed=["a", "b"], what="letters")):
        assert result.status == "not answered"


def test_check_choice() -> None:
    kw = dict(allowed=["negative", "positive"], what="a result",
              hints={"positive": "look at the ratio"})
    assert check_choice(" Negative ", "negative", **kw).correct
    wrong = check_choice("positive", "negative", **kw)
    assert wrong.status == "incorrect" and wrong.hint == "look at the ratio"
    assert "negative" not in wrong.message  # the right answer is not revealed
    assert check_choice("maybe", "negative", **kw).status == "malformed"
    assert check_choice(3, "negative", **kw).status == "malformed"


def test_check_number() -> None:
    assert check_number(58.5, 58, tolerance=1, what="x").correct
    assert check_number(50, 58, tolerance=1, what="x", low_hint="up").hint == "up"
    assert "too high" in check_number(70, 58, what="x").message
    for bad in ("fifty-eight", "58 mm", True, math.nan, [58]):
        assert check_number(bad, 58, what="x").status == "malformed"
    # A number typed in quotes is read as the number, and the feedback says how to type it.
    quoted = check_number("58", 58, what="x")
    assert quoted.correct and "without quotes" in quoted.message
    assert check_number(" 70 ", 58, what="x").slip == "too high"
    assert check_number("58 %", 58, what="x", percent=True).correct
    assert check_number("58 %", 58, what="x").status == "malformed"


def test_check_set() -> None:
    kw = dict(allowed=["a", "b", "c"], what="letters")
    assert check_set(["b", "a"], ["a", "b"], **kw).correct
    wrong = check_set(["a", "c"], ["a", "b"], **kw)
    assert wrong.status == "incorrect" and "1 missing" in wrong.message and "'b'" not in wrong.message
    assert check_set("ab", ["a"], **kw).status == "malformed"
    assert check_set(["z"], ["a"], **kw).status == "malformed"


def test_lesson_modules_load_on_attribute_access() -> None:
    assert exercises.survival is ex
    with pytest.raises(AttributeError, match="no lesson module 'nosuch'"):
        exercises.nosuch  # noqa: B018


def test_survival_exercise_1() -> None:
    assert ex.exercise_1(67).correct
    assert ex.exercise_1(14).status == "incorrect"
    assert ex.exercise_1(90).status == "incorrect"
    assert ex.exercise_1("67").correct and "without quotes" in ex.exercise_1("67").message
    assert ex.exercise_1("sixty-seven").status == "malformed"
    assert ex.exercise_1(...).status == "not answered"


def test_survival_exercise_2() -> None:
    table = load_survival_table()
    rows = table[table["subtype"] == "HR+/HER2-"].set_index("stage")["survival_pct"]
    assert ex.exercise_2(rows["localized"] - rows["distant"]).correct
    assert ex.exercise_2(rows["localized"] - rows["regional"]).status == "incorrect"
    # A whole column (the ... of the fill-in line still there) is "not answered", not an error.
    assert ex.exercise_2(rows).status == "not answered"


def test_survival_exercise_3() -> None:
    table = load_survival_table()
    assert ex.exercise_3(table.pivot(index="stage", columns="subtype", values="survival_pct")).correct
    swapped = table.pivot(index="subtype", columns="stage", values="survival_pct")
    assert "swapped" in ex.exercise_3(swapped).message
    wrong = table.pivot(index="stage", columns="subtype", values="survival_pct") + 1
    assert ex.exercise_3(wrong).status == "incorrect"
    assert ex.exercise_3(table).status == "incorrect"
    assert ex.exercise_3([1, 2]).status == "malformed"
    assert ex.exercise_3(None).status == "not answered"


def test_survival_exercise_4() -> None:
    # Read at 3 years, which the chart does not print (its marker is at 5 years: 58 %).
    assert ex.exercise_4(71).correct and ex.exercise_4(68.5).correct
    assert ex.exercise_4(58).slip.startswith("5-year value")
    assert ex.exercise_4(44).status == "incorrect"
    assert ex.exercise_4("58 %").slip.startswith("5-year value")  # read as the number 58
    assert ex.exercise_4("58 years").status == "malformed"


def test_concept_check_widget() -> None:
    mc = ex.concept_check()
    right = ex.RELATIVE_SURVIVAL_OPTIONS[1]
    assert mc.check(right).correct and "Correct" in mc.feedback.value
    assert mc.check(ex.RELATIVE_SURVIVAL_OPTIONS[0]).status == "incorrect"
    assert "Not yet" in mc.feedback.value
    assert mc.check(None).status == "not answered"
    mc.choices.value = right
    mc.button.click()
    assert "Correct" in mc.feedback.value
