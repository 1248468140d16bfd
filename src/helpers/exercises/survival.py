"""Exercise checkers for lesson 04, the survival table."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..survival import load_survival_table, survival_pct
from . import (
    Feedback, MultipleChoice, Slip, check_choice, check_number, is_unanswered, not_answered,
    worked_answer,
)
from ._answers import robust

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "concept_check",
           "show_answer", "RELATIVE_SURVIVAL_OPTIONS", "CURVE_YEARS"]

#: The time at which exercise 4 reads the tamoxifen curve: not the 5 years the chart marks.
CURVE_YEARS = 3.0

_WHY_1 = "regional triple-negative disease: read the HR-/HER2- column at the regional row."
_WHY_2 = "stage changes the figure far more than subtype does."
_WHY_3 = "one row per stage and one column per subtype: the seed's layout."
_WHY_4 = ("a Kaplan-Meier estimate is read where the step curve crosses the time of interest: "
          "go up from 3 years to the solid curve, then across to the vertical axis.")


def _seed() -> pd.DataFrame:
    return load_survival_table()


def _pct(subtype: str, stage: str) -> float:
    table = _seed()
    return float(table.query("subtype == @subtype and stage == @stage")["survival_pct"].iloc[0])


#: The other release the lesson shows (section 5): a reading of its regional triple-negative
#: figure is a right reading of the same row, and is told so.
OTHER_RELEASE = "2013-2019"


@robust
def exercise_1(answer: Any) -> Feedback:
    """Read the table: 5-year relative survival of regional triple-negative disease (seed
    table). Tolerance ±0.5 (the table gives whole numbers). SEER's figure for diagnoses
    2013-2019 (66.2, and 66 rounded) is the same row of another release: right, and said so."""
    feedback = _exercise_1(answer)
    if feedback.correct or feedback.status != "incorrect":
        return feedback
    other = survival_pct("HR-/HER2-", "regional", release=OTHER_RELEASE)
    seed = _pct("HR-/HER2-", "regional")
    if check_number(answer, other, tolerance=0.5, what="").correct:
        number = float(answer) if not isinstance(answer, str) else float(answer.strip("\"' %"))
        return Feedback("correct", f"{number:g} is SEER's figure for the same row (regional, "
                                   f"triple-negative) in the table for diagnoses "
                                   f"{OTHER_RELEASE} ({other:g} %), which section 5 shows. The "
                                   f"seed table this exercise reads gives {seed:g} %, from a "
                                   f"release it does not name: figures move a little between "
                                   f"releases. " + _WHY_1)
    return feedback


def _exercise_1(answer: Any) -> Feedback:
    return check_number(
        answer, _pct("HR-/HER2-", "regional"), tolerance=0.5, percent=True, close=1.0,
        what="a percentage, as a number (no % sign)",
        slips=(Slip("other subtype (HR+/HER2-)", _pct("HR+/HER2-", "regional"),
                    "Triple-negative is HR-/HER2-, not HR+/HER2-."),
               Slip("neighbouring row (localized)", _pct("HR-/HER2-", "localized"),
                    "That is the localized row; the cancer had spread to regional nodes."),
               Slip("neighbouring row (distant)", _pct("HR-/HER2-", "distant"),
                    "That is the distant row; regional spread is to nearby lymph nodes.")),
        low_hint="Triple-negative is HR-/HER2-; check you took the 'regional' row, not 'distant'.",
        high_hint="Triple-negative is HR-/HER2-, not HR+/HER2-; and check the stage.",
        why=_WHY_1,
    )


@robust
def exercise_2(answer: Any) -> Feedback:
    """A line of pandas: how many percentage points separate localized from distant HR+/HER2-?
    Tolerance ±0.5."""
    expected = _pct("HR+/HER2-", "localized") - _pct("HR+/HER2-", "distant")
    return check_number(
        answer, expected, tolerance=0.5, percent=True,
        what="the difference in percentage points, as a number",
        slips=(Slip("neighbouring row (regional instead of distant)",
                    _pct("HR+/HER2-", "localized") - _pct("HR+/HER2-", "regional"),
                    "You subtracted the regional figure; subtract the distant one."),
               Slip("other subtype (HR-/HER2-)",
                    _pct("HR-/HER2-", "localized") - _pct("HR-/HER2-", "distant"),
                    "That is the gap for triple-negative (HR-/HER2-); use the HR+/HER2- rows."),
               Slip("localized figure alone", _pct("HR+/HER2-", "localized"),
                    "That is the localized figure alone; subtract the distant one from it.")),
        low_hint="Did you subtract regional instead of distant?",
        high_hint="Subtract the distant figure from the localized one for HR+/HER2- only.",
        why=_WHY_2,
    )


@robust
def exercise_3(answer: Any) -> Feedback:
    """Reshape the seed table with pivot: stages as rows, subtypes as columns."""
    if is_unanswered(answer):
        return not_answered("a DataFrame made with .pivot(...)")
    if not isinstance(answer, pd.DataFrame):
        return Feedback("malformed", f"the answer should be a pandas DataFrame; got "
                                     f"{type(answer).__name__}.")
    expected = _seed().pivot(index="stage", columns="subtype", values="survival_pct")
    if set(answer.columns) == set(expected.index) and set(answer.index) == set(expected.columns):
        return Feedback("incorrect", "Rows and columns are swapped.",
                        "index= sets the rows and columns= sets the columns.",
                        "rows and columns swapped")
    if set(answer.columns) != set(expected.columns) or set(answer.index) != set(expected.index):
        return Feedback("incorrect", "The table should have one row per stage and one column "
                                     "per subtype.",
                        "pivot(index=..., columns=..., values=...) with 'stage', 'subtype' and "
                        "'survival_pct'.", "wrong rows or columns")
    aligned = answer.loc[expected.index, expected.columns]
    try:
        values = aligned.astype(float).values
    except (TypeError, ValueError):
        return Feedback("incorrect", "The shape is right but the cells should hold numbers.",
                        "Use values='survival_pct'.", "wrong values")
    if not (values == expected.values).all():
        return Feedback("incorrect", "The shape is right but some values differ from the table.",
                        "Use values='survival_pct'.", "wrong values")
    return Feedback("correct", _WHY_3)


def _curves() -> tuple[Any, Any]:
    from ..kaplan_meier import compare_hormone_therapy

    with_tam, without, _test = compare_hormone_therapy()
    return with_tam, without


@robust
def exercise_4(answer: Any) -> Feedback:
    """Read the Kaplan-Meier curve: recurrence-free survival at 3 years with tamoxifen (GBSG2),
    a value the chart does not print. Tolerance ±3 points."""
    from ..kaplan_meier import survival_at

    with_tam, without = _curves()
    expected = 100 * survival_at(with_tam, CURVE_YEARS)
    return check_number(
        answer, expected, tolerance=3.0, percent=True,
        what="a percentage read off the curve, as a number",
        slips=(Slip("5-year value the chart prints", round(100 * survival_at(with_tam, 5.0)),
                    "That is the 5-year reading the chart prints; go up from 3 years instead.",
                    within=1.0),
               Slip("other curve (without tamoxifen)", 100 * survival_at(without, CURVE_YEARS),
                    "Read the solid tamoxifen curve, not the dashed one.", within=1.5)),
        low_hint="Read the solid tamoxifen curve, not the dashed one, at 3 years (not 5).",
        high_hint="Read the curve at 3 years, not at 1 or 2.",
        why=_WHY_4,
    )


def _answer_4() -> tuple[str, str]:
    from ..kaplan_meier import survival_at

    value = 100 * survival_at(_curves()[0], CURVE_YEARS)
    return (f"{value:.0f}  # any reading from {value - 3:.0f} to {value + 3:.0f} counts",
            _WHY_4)


_ANSWERS = {
    1: lambda: (f"{_pct('HR-/HER2-', 'regional'):g}", _WHY_1),
    2: lambda: ('hr_pos["localized"] - hr_pos["distant"]  # '
                f"{_pct('HR+/HER2-', 'localized') - _pct('HR+/HER2-', 'distant'):g}", _WHY_2),
    3: lambda: ('table.pivot(index="stage", columns="subtype", values="survival_pct")', _WHY_3),
    4: _answer_4,
}


def show_answer(exercise: Any) -> Any:
    """The worked answer of exercise 1-4 of lesson 4, with why; it opens after three wrong
    tries."""
    return worked_answer("survival", _ANSWERS, exercise)


RELATIVE_SURVIVAL_OPTIONS = (
    "It is the chance that a particular patient will be alive in five years.",
    "It compares people with the cancer with people of the same age, sex and race in the "
    "general population over the same years, as groups.",
    "It counts only deaths from breast cancer and ignores other causes.",
    "It describes people diagnosed this year with today's treatments.",
)


def _relative_survival(choice: Any) -> Feedback:
    return check_choice(
        choice, RELATIVE_SURVIVAL_OPTIONS[1], allowed=RELATIVE_SURVIVAL_OPTIONS, general=True,
        what="one of the options",
        hints={
            RELATIVE_SURVIVAL_OPTIONS[0]: "It is a group figure; a person's outlook depends on "
                                          "much more than subtype and stage.",
            RELATIVE_SURVIVAL_OPTIONS[2]: "Relative survival does not need the cause of death: "
                                          "think about what it is compared with.",
            RELATIVE_SURVIVAL_OPTIONS[3]: "Look at the years the table names: when were "
                                          "these people diagnosed and treated?",
        },
        why="relative survival sets a group with the cancer against a matched general "
            "population; it is neither a personal chance nor about today's treatments.",
    )


def concept_check() -> MultipleChoice:
    """A multiple-choice check: what does 5-year relative survival mean?"""
    return MultipleChoice("What does a 5-year relative survival of 90 % mean?",
                          RELATIVE_SURVIVAL_OPTIONS, _relative_survival)
