"""Exercise checkers for lesson 01, HER2 biology."""

from __future__ import annotations

from typing import Any

from ..datafiles import read_table
from . import Feedback, MultipleChoice, Slip, check_choice, check_number, worked_answer

__all__ = ["exercise_1", "exercise_2", "exercise_3", "concept_check", "show_answer",
           "HER2_CATEGORIES", "TNBC_OPTIONS"]

HER2_CATEGORIES = ("HER2-null", "HER2-ultralow", "HER2-low", "HER2-positive")

_WHY_1 = ("with 2 CEP17 signals, 4.0 HER2 copies give a ratio of 2.0, and a ratio of at least "
          "2.0 with at least 4.0 copies is ISH group 1, HER2-positive (ASCO/CAP 2018, affirmed "
          "2023). The 6.0 cut-off matters only when the ratio is below 2.0.")
_WHY_2 = ("IHC 0 with faint staining in more than 0 % and at most 10 % of cells is the "
          "DESTINY-Breast06 'ultralow' group.")
_WHY_3 = "about seven in ten new breast cancers are HR+/HER2- (SEER 22, 2017-2021)."


def _incidence() -> Any:
    return read_table("subtype_incidence").set_index("subtype")


def exercise_1(answer: Any) -> Feedback:
    """Cartoon model: the lowest copy number at which the cartoon cell is amplified (ISH group 1,
    HER2-positive). Exact: the explorer moves in whole steps."""
    from ..biology import AMPLIFIED_FROM

    return check_number(
        answer, AMPLIFIED_FROM, what="a number of copies per cell",
        slips=(Slip("6.0 cut-off", 6.0, "6.0 copies is the cut-off used when the ratio is "
                                         "below 2.0; here the ratio reaches 2.0 earlier."),
               Slip("ratio cut-off", 2.0, "2.0 is the ratio cut-off, not a copy number: how "
                                          "many copies give a ratio of 2.0 against 2 CEP17?")),
        low_hint="Below that the ratio against the 2 CEP17 signals is under 2.0: move the "
                 "slider up until the ISH group changes to 1.",
        high_hint="The cell is amplified earlier; move the slider down step by step.",
        why=_WHY_1,
    )


def exercise_2(answer: Any) -> Feedback:
    """Name the category: IHC 0 with faint, incomplete membrane staining in 5 % of cells."""
    return check_choice(
        answer, "HER2-ultralow", allowed=HER2_CATEGORIES,
        what='one of "HER2-null", "HER2-ultralow", "HER2-low", "HER2-positive" (or just '
             '"ultralow", "low", ...)',
        hints={
            "HER2-null": "Null means no staining at all; here 5 % of cells stain faintly.",
            "HER2-low": "HER2-low needs IHC 1+ (faint staining in more than 10 % of cells) or "
                        "2+ with negative ISH; 5 % of cells is not more than 10 %.",
            "HER2-positive": "Faint incomplete staining in few cells is far from 3+.",
        },
        why=_WHY_2,
    )


def exercise_3(answer: Any) -> Feedback:
    """Read the data file: percent of new female breast cancers that are HR+/HER2- (SEER).
    Tolerance ±0.05 (the table's one decimal)."""
    table = _incidence()
    expected = float(table.loc["HR+/HER2-", "share_pct"])
    return check_number(
        answer, expected, what="a percentage, as a number (no % sign)", tolerance=0.05,
        close=1.0, percent=True,
        slips=(Slip("neighbouring column (rate per 100,000)",
                    float(table.loc["HR+/HER2-", "rate_per_100000"]),
                    "That is the rate per 100,000 women; read the share_pct column."),
               Slip("other subtype (triple-negative)", float(table.loc["HR-/HER2-", "share_pct"]),
                    "That is the HR-/HER2- (triple-negative) row; read the HR+/HER2- row."),
               Slip("sum of both HER2-negative rows",
                    float(table.loc[["HR+/HER2-", "HR-/HER2-"], "share_pct"].sum()),
                    "That adds triple-negative too; read the HR+/HER2- row alone."),
               Slip("neighbouring row (HR+/HER2+)", float(table.loc["HR+/HER2+", "share_pct"]),
                    "That is the HR+/HER2+ row; read the HR+/HER2- row.")),
        low_hint="Check you read the HR+/HER2- row (the largest), not another subtype.",
        high_hint="Read the share_pct column of the HR+/HER2- row, not the rate per 100,000.",
        why=_WHY_3,
    )


_ANSWERS = {
    1: lambda: ("4", _WHY_1),
    2: lambda: ('"HER2-ultralow"', _WHY_2),
    3: lambda: (f"{float(_incidence().loc['HR+/HER2-', 'share_pct']):g}  "
                f"# subtypes.set_index('subtype').loc['HR+/HER2-', 'share_pct']", _WHY_3),
}


def show_answer(exercise: Any) -> Any:
    """The worked answer of exercise 1, 2 or 3 of lesson 1, with why; it opens after three
    wrong tries."""
    return worked_answer("biology", _ANSWERS, exercise)


TNBC_OPTIONS = (
    "Triple-negative cells have too much estrogen, so blocking it is not enough.",
    "Triple-negative cells have (almost) no estrogen or progesterone receptors, so blocking "
    "these hormones removes no growth signal.",
    "Triple-negative cancers are HER2-negative, and hormone therapy works only on "
    "HER2-positive cancers.",
    "Triple-negative cancers grow too slowly for hormone therapy to matter.",
)


def _tnbc(choice: Any) -> Feedback:
    return check_choice(
        choice, TNBC_OPTIONS[1], allowed=TNBC_OPTIONS, general=True, what="one of the options",
        hints={TNBC_OPTIONS[0]: "Think about the receptor, not the amount of hormone.",
               TNBC_OPTIONS[2]: "HER2 and the hormone receptors are different handles: "
                                "hormone therapy acts on ER and PR, whatever the HER2 result.",
               TNBC_OPTIONS[3]: "Triple-negative cancers are often fast-growing; the reason is "
                                "the missing receptor."},
        why="hormone therapy works by starving the estrogen receptor; with no receptor there "
            "is no handle to pull.",
    )


def concept_check() -> MultipleChoice:
    """Multiple choice: why does hormone therapy not work for triple-negative cancer?"""
    return MultipleChoice("Why does hormone therapy not help triple-negative breast cancer?",
                          TNBC_OPTIONS, _tnbc)
