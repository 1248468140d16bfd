"""Exercise checkers for lesson 04, the survival table."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..survival import load_survival_table
from . import Feedback, MultipleChoice, check_choice, check_number, is_unanswered, not_answered
from ._answers import robust

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "concept_check",
           "RELATIVE_SURVIVAL_OPTIONS"]


def _seed() -> pd.DataFrame:
    return load_survival_table()


@robust
def exercise_1(answer: Any) -> Feedback:
    """Read the table: 5-year relative survival of regional triple-negative disease (seed table)."""
    table = _seed()
    expected = float(table.query("subtype == 'HR-/HER2-' and stage == 'regional'")
                     ["survival_pct"].iloc[0])
    return check_number(
        answer, expected, what="a percentage, as a number (no % sign)",
        low_hint="Triple-negative is HR-/HER2-; check you took the 'regional' row, not 'distant'.",
        high_hint="Triple-negative is HR-/HER2-, not HR+/HER2-; and check the stage.",
        why="regional triple-negative disease: read the HR-/HER2- column at the regional row.",
    )


@robust
def exercise_2(answer: Any) -> Feedback:
    """A line of pandas: how many percentage points separate localized from distant HR+/HER2-?"""
    table = _seed()
    rows = table[table["subtype"] == "HR+/HER2-"].set_index("stage")["survival_pct"]
    expected = float(rows["localized"] - rows["distant"])
    if isinstance(answer, pd.Series | pd.DataFrame):
        return Feedback("malformed", "the answer should be one number, not a table; "
                                     "select a single value, e.g. with .loc[...].")
    return check_number(
        answer, expected, what="the difference in percentage points, as a number",
        low_hint="Did you subtract regional instead of distant?",
        high_hint="Subtract the distant figure from the localized one for HR+/HER2- only.",
        why="stage changes the figure far more than subtype does.",
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
                        "index= sets the rows and columns= sets the columns.")
    if set(answer.columns) != set(expected.columns) or set(answer.index) != set(expected.index):
        return Feedback("incorrect", "The table should have one row per stage and one column "
                                     "per subtype.",
                        "pivot(index=..., columns=..., values=...) with 'stage', 'subtype' and "
                        "'survival_pct'.")
    aligned = answer.loc[expected.index, expected.columns]
    try:
        values = aligned.astype(float).values
    except (TypeError, ValueError):
        return Feedback("incorrect", "The shape is right but the cells should hold numbers.",
                        "Use values='survival_pct'.")
    if not (values == expected.values).all():
        return Feedback("incorrect", "The shape is right but some values differ from the table.",
                        "Use values='survival_pct'.")
    return Feedback("correct", "one row per stage and one column per subtype: the seed's layout.")


@robust
def exercise_4(answer: Any) -> Feedback:
    """Read the Kaplan-Meier curve: recurrence-free survival at 5 years with tamoxifen (GBSG2)."""
    from ..kaplan_meier import compare_hormone_therapy, survival_at

    with_tam, _without, _test = compare_hormone_therapy()
    expected = round(100 * survival_at(with_tam, 5.0))
    return check_number(
        answer, expected, tolerance=2.0, what="a percentage read off the curve, as a number",
        low_hint="Read the solid tamoxifen curve, not the dashed one, at 5 years.",
        high_hint="Read the curve where it crosses the dotted line at 5 years, not at 2 or 3.",
        why="a Kaplan-Meier estimate is read where the step curve crosses the time of interest.",
    )


RELATIVE_SURVIVAL_OPTIONS = (
    "It is the chance that a particular patient will be alive in five years.",
    "It compares people with the cancer with people of the same age, sex and race in the "
    "general population over the same years, as groups.",
    "It counts only deaths from breast cancer and ignores other causes.",
    "It describes people diagnosed this year with today's treatments.",
)


def _relative_survival(choice: Any) -> Feedback:
    return check_choice(
        choice, RELATIVE_SURVIVAL_OPTIONS[1], allowed=RELATIVE_SURVIVAL_OPTIONS,
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
