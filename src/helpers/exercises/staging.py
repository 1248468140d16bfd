"""Exercise checkers for lesson 03, staging (AJCC 8 anatomic stage, SEER summary stage, which
stage table is used where). The prognostic-stage exercises are in
:mod:`helpers.exercises.prognostic`."""

from __future__ import annotations

from typing import Any

from ..staging import STAGE_GROUPS, SUMMARY_STAGES, T_CATEGORIES, anatomic_stage, summary_stage, t_category
from . import Feedback, MultipleChoice, check_choice

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "concept_check",
           "PROGNOSTIC_OPTIONS"]

_T_MAIN = tuple(t for t in T_CATEGORIES if t not in ("T1", "T4"))


def exercise_1(answer: Any) -> Feedback:
    """Case 1: an invasive tumour measured at 20.4 mm, no skin or chest wall → which T?"""
    expected = t_category(20.4)
    return check_choice(
        answer, expected, allowed=_T_MAIN, what='a T category in quotes, e.g. "T1a"',
        hints={"T2": "Round first: AJCC records the size to the nearest whole millimetre, and "
                     "the 20 mm cut-off belongs to the smaller category.",
               "T1b": "T1b ends at 10 mm; this tumour is larger."},
        default_hint="Round the size to the nearest whole millimetre, then find it on the "
                     "ruler; each upper limit is inclusive.",
        why="20.4 mm is recorded as 20 mm, and T1c runs from over 10 mm up to and including "
            "20 mm.",
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
    "US cancer registries stage with the anatomic table; the prognostic stage groups are "
    "used only in research.",
    "Since 2018, US registries record the clinical and pathological prognostic stage groups; "
    "the anatomic table is meant for places where grade, ER, PR and HER2 cannot be tested.",
    "SEER's survival tables by subtype are organised by AJCC anatomic stage group.",
    "The prognostic stage groups were withdrawn in 2018.",
)


def _prognostic(choice: Any) -> Feedback:
    return check_choice(
        choice, PROGNOSTIC_OPTIONS[1], allowed=PROGNOSTIC_OPTIONS, what="one of the options",
        hints={PROGNOSTIC_OPTIONS[0]: "Since 2018 US registries and cancer centres record the "
                                      "stage groups that include grade and receptor status.",
               PROGNOSTIC_OPTIONS[2]: "Look at the rows of the survival table: localized, "
                                      "regional, distant. Which scale is that?",
               PROGNOSTIC_OPTIONS[3]: "They came in with AJCC 8 and have been used in the US "
                                      "since 2018."},
        why="the prognostic stage groups are what US registries record since 2018; the anatomic "
            "table is for settings without biomarker tests, and SEER's survival tables are "
            "organised by summary stage (localized, regional, distant).",
    )


def concept_check() -> MultipleChoice:
    """Multiple choice: which AJCC 8 stage table do US registries use, and where does the
    anatomic table belong?"""
    return MultipleChoice("Which statement about the AJCC 8th edition stage tables is true?",
                          PROGNOSTIC_OPTIONS, _prognostic)
