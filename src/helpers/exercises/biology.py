"""Exercise checkers for lesson 01, HER2 biology."""

from __future__ import annotations

from typing import Any

from ..datafiles import read_table
from . import Feedback, MultipleChoice, check_choice, check_number

__all__ = ["exercise_1", "exercise_2", "exercise_3", "concept_check", "HER2_CATEGORIES",
           "TNBC_OPTIONS"]

HER2_CATEGORIES = ("HER2-null", "HER2-ultralow", "HER2-low", "HER2-positive")


def exercise_1(answer: Any) -> Feedback:
    """Read the data file: percent of new female breast cancers that are HR+/HER2- (SEER)."""
    table = read_table("subtype_incidence").set_index("subtype")
    expected = float(table.loc["HR+/HER2-", "share_pct"])
    return check_number(
        answer, expected, what="a percentage, as a number (no % sign)",
        low_hint="Check you read the HR+/HER2- row (the largest), not triple-negative.",
        high_hint="Read share_pct, not the rate per 100,000.",
        why="about seven in ten new breast cancers are HR+/HER2- (SEER 22, 2017-2021).",
    )


def exercise_2(answer: Any) -> Feedback:
    """Name the category: IHC 0 with faint, incomplete membrane staining in 5 % of cells."""
    return check_choice(
        answer, "HER2-ultralow", allowed=HER2_CATEGORIES, what="one of " + ", ".join(HER2_CATEGORIES),
        hints={
            "HER2-null": "Null means no staining at all; here 5 % of cells stain faintly.",
            "HER2-low": "HER2-low needs IHC 1+ (faint staining in more than 10 % of cells) or "
                        "2+ with negative ISH.",
            "HER2-positive": "Faint incomplete staining in few cells is far from 3+.",
        },
        why="IHC 0 with faint staining in more than 0 % and at most 10 % of cells is the "
            "DESTINY-Breast06 'ultralow' group.",
    )


def exercise_3(answer: Any) -> Feedback:
    """Cartoon model: the lowest copy number at which the cartoon cell is amplified (ISH group 1,
    HER2-positive)."""
    from ..biology import AMPLIFIED_FROM

    return check_number(
        answer, AMPLIFIED_FROM, what="a number of copies per cell",
        low_hint="Below that the ratio against the 2 CEP17 signals is under 2.0: move the "
                 "slider up until the ISH group changes to 1.",
        high_hint="The cell is amplified earlier; move the slider down step by step.",
        why="with 2 CEP17 signals, 4.0 HER2 copies give a ratio of 2.0, and a ratio of at least "
            "2.0 with at least 4.0 copies is ISH group 1, HER2-positive (ASCO/CAP 2018, affirmed "
            "2023). The 6.0 cut-off matters only when the ratio is below 2.0.",
    )


TNBC_OPTIONS = (
    "Triple-negative cells have too much estrogen, so blocking it is not enough.",
    "Triple-negative cells have (almost) no estrogen or progesterone receptors, so blocking "
    "these hormones removes no growth signal.",
    "Hormone therapy is only given to men.",
    "Triple-negative cancers grow too slowly for hormone therapy to matter.",
)


def _tnbc(choice: Any) -> Feedback:
    return check_choice(
        choice, TNBC_OPTIONS[1], allowed=TNBC_OPTIONS, what="one of the options",
        hints={TNBC_OPTIONS[0]: "Think about the receptor, not the amount of hormone.",
               TNBC_OPTIONS[2]: "Hormone therapy is used in women and men with HR+ cancers.",
               TNBC_OPTIONS[3]: "Triple-negative cancers are often fast-growing; the reason is "
                                "the missing receptor."},
        why="hormone therapy works by starving the estrogen receptor; with no receptor there "
            "is no handle to pull.",
    )


def concept_check() -> MultipleChoice:
    """Multiple choice: why does hormone therapy not work for triple-negative cancer?"""
    return MultipleChoice("Why does hormone therapy not help triple-negative breast cancer?",
                          TNBC_OPTIONS, _tnbc)
