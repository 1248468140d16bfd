"""Exercise checkers for lesson 03, staging (AJCC 8 anatomic stage, SEER summary stage)."""

from __future__ import annotations

from typing import Any

from ..staging import STAGE_GROUPS, SUMMARY_STAGES, T_CATEGORIES, anatomic_stage, summary_stage, t_category
from . import Feedback, MultipleChoice, check_choice

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "concept_check",
           "PROGNOSTIC_OPTIONS"]

_T_MAIN = tuple(t for t in T_CATEGORIES if t not in ("T1", "T4"))


def exercise_1(answer: Any) -> Feedback:
    """Case 1: an invasive tumour measuring exactly 20 mm, no skin or chest wall → which T?"""
    expected = t_category(20.0)
    return check_choice(
        answer, expected, allowed=_T_MAIN, what='a T category in quotes, e.g. "T1a"',
        hints={"T2": "The cut-off belongs to the smaller category: T2 starts above 20 mm.",
               "T1b": "T1b ends at 10 mm; this tumour is larger."},
        default_hint="Find 20 mm on the ruler; each upper limit is inclusive.",
        why="T1c runs from over 10 mm up to and including 20 mm.",
    )


def exercise_2(answer: Any) -> Feedback:
    """Case 2: 35 mm tumour (T2), 2 axillary nodes with micrometastases only (N1mi), M0."""
    expected = anatomic_stage("T2", "N1mi", "M0")
    return check_choice(
        answer, expected, allowed=STAGE_GROUPS, what='a stage group in quotes, e.g. "IIA"',
        hints={"IB": "The IB rule for micrometastases holds only with T0 or T1 tumours.",
               "IIA": "With a T2 tumour, N1mi is staged as N1; look at the T2 N1 row."},
        default_hint="First find T from the size; then remember how N1mi counts with T2.",
        why="with T2, nodal micrometastases count as N1, and T2 N1 M0 is stage IIB.",
    )


def exercise_3(answer: Any) -> Feedback:
    """Case 3: 18 mm tumour, skin ulceration, no nodes, no distant spread → SEER summary stage."""
    expected = summary_stage(t_category(18.0, skin=True), "N0", "M0")
    return check_choice(
        answer, expected, allowed=SUMMARY_STAGES, what='"in situ", "localized", "regional" or '
                                                       '"distant"',
        hints={"localized": "The size is small, but ulcerated skin makes the tumour T4b: it "
                            "has spread directly beyond the breast tissue."},
        default_hint="No nodes and no distant spread: what does skin involvement do?",
        why="skin ulceration makes it T4b, and direct extension to skin is regional in SEER "
            "Summary Stage 2018.",
    )


def exercise_4(answer: Any) -> Feedback:
    """Case 4: 60 mm tumour, 12 positive axillary nodes (N3), M0 → stage group."""
    expected = anatomic_stage(t_category(60.0), "N3", "M0")
    return check_choice(
        answer, expected, allowed=STAGE_GROUPS, what='a stage group in quotes, e.g. "IIIA"',
        hints={"IIIA": "T3 N2 is IIIA, but 10 or more nodes is N3.",
               "IIIB": "IIIB is for T4 tumours; this one is T3 by size."},
        default_hint="10 or more axillary nodes is N3; find the N3 row.",
        why="any T with N3 and M0 is stage IIIC.",
    )


PROGNOSTIC_OPTIONS = (
    "Because ER, PR, HER2 and grade do not matter for outlook.",
    "Because registries such as SEER and most teaching use the anatomic table, and the "
    "survival table is organised by SEER summary stage, which follows the extent of spread.",
    "Because the prognostic stage groups were withdrawn in 2018.",
    "Because the anatomic table is only for HER2-negative tumours.",
)


def _prognostic(choice: Any) -> Feedback:
    return check_choice(
        choice, PROGNOSTIC_OPTIONS[1], allowed=PROGNOSTIC_OPTIONS, what="one of the options",
        hints={PROGNOSTIC_OPTIONS[0]: "They matter a great deal: that is why AJCC 8 added them.",
               PROGNOSTIC_OPTIONS[2]: "They came in with AJCC 8 and are used in the US since "
                                      "2018.",
               PROGNOSTIC_OPTIONS[3]: "The anatomic table applies to every breast cancer."},
        why="the prognostic groups are the clinical standard in the US, but the survival table "
            "and registries follow anatomic extent.",
    )


def concept_check() -> MultipleChoice:
    """Multiple choice: why does this lesson teach the anatomic table?"""
    return MultipleChoice("Why does this lesson teach the AJCC 8 anatomic stage table?",
                          PROGNOSTIC_OPTIONS, _prognostic)
