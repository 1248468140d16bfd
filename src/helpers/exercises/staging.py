"""Exercise checkers for lesson 03, staging (AJCC 8 anatomic stage, SEER summary stage, which
stage table is used where). The prognostic-stage exercises are in
:mod:`helpers.exercises.prognostic`."""

from __future__ import annotations

from typing import Any

from ..staging import STAGE_GROUPS, SUMMARY_STAGES, T_CATEGORIES, anatomic_stage, summary_stage, t_category
from . import Feedback, MultipleChoice, check_choice, worked_answer

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "concept_check",
           "show_answer", "PROGNOSTIC_OPTIONS"]

_WHY_1 = "20.4 mm is recorded as 20 mm, and T1c runs from over 10 mm up to and including 20 mm."
_WHY_2 = "with T2, nodal micrometastases count as N1, and T2 N1 M0 is stage IIB."
_WHY_3 = ("skin ulceration makes it T4b, and direct extension to skin is regional in SEER "
          "Summary Stage 2018.")
_WHY_4 = "any T with N3 and M0 is stage IIIC."
_STAGE_WHAT = ('a stage group in quotes, e.g. "IIA" (also accepted: "Stage IIA", "iia"), one of '
               + ", ".join(STAGE_GROUPS))

_T_MAIN = tuple(t for t in T_CATEGORIES if t not in ("T1", "T4"))


def exercise_1(answer: Any) -> Feedback:
    """Case 1: an invasive tumour measured at 20.4 mm, no skin or chest wall → which T?"""
    expected = t_category(20.4)
    return check_choice(
        answer, expected, allowed=_T_MAIN,
        what='a T category in quotes, e.g. "T1a" (a "c" or "p" before it, as in "pT1a", is '
             'accepted)',
        hints={"T2": "Round first: AJCC records the size to the nearest whole millimetre, and "
                     "the 20 mm cut-off belongs to the smaller category.",
               "T1b": "T1b ends at 10 mm; this tumour is larger.",
               "T1mi": "T1mi is for invasion of at most 1 mm; this tumour is far larger.",
               "T4b": "Nothing here reaches the skin or chest wall: size alone sets T."},
        default_hint="Round the size to the nearest whole millimetre, then find it on the "
                     "ruler; each upper limit is inclusive.",
        why=_WHY_1,
    )


def exercise_2(answer: Any) -> Feedback:
    """Case 2: 35 mm tumour (T2), 2 axillary nodes with micrometastases only (N1mi), M0."""
    expected = anatomic_stage("T2", "N1mi", "M0")
    return check_choice(
        answer, expected, allowed=STAGE_GROUPS, what=_STAGE_WHAT,
        hints={"IB": "The IB rule for micrometastases holds only with T0 or T1 tumours.",
               "IIA": "With a T2 tumour, N1mi is staged as N1, not N0; look at the T2 N1 row.",
               "IIIA": "Micrometastases only are N1mi, in any number of nodes; N2 needs 4-9 "
                       "nodes with at least one deposit larger than 2 mm."},
        default_hint="First find T from the size; then remember how N1mi counts with T2.",
        why=_WHY_2,
    )


def exercise_3(answer: Any) -> Feedback:
    """Case 3: 18 mm tumour, skin ulceration, no nodes, no distant spread → SEER summary stage."""
    expected = summary_stage(t_category(18.0, skin=True), "N0", "M0")
    return check_choice(
        answer, expected, allowed=SUMMARY_STAGES,
        what='"in situ", "localized" (or "localised"), "regional" or "distant", in quotes',
        hints={"localized": "The size is small, but ulcerated skin makes the tumour T4b: it "
                            "has spread directly beyond the breast tissue.",
               "distant": "Distant means spread to far organs (M1) or, in SEER summary "
                          "stage, to supraclavicular nodes (N3c); this tumour has neither.",
               "in situ": "In situ means no invasion at all; this tumour is invasive."},
        default_hint="No nodes and no distant spread: what does skin involvement do?",
        why=_WHY_3,
    )


def exercise_4(answer: Any) -> Feedback:
    """Case 4: 60 mm tumour, 12 positive axillary nodes (N3), M0 → stage group."""
    expected = anatomic_stage(t_category(60.0), "N3", "M0")
    return check_choice(
        answer, expected, allowed=STAGE_GROUPS, what=_STAGE_WHAT,
        hints={"IIIA": "T3 N2 is IIIA, but 10 or more nodes is N3.",
               "IIIB": "IIIB is for T4 tumours; this one is T3 by size.",
               "IV": "Stage IV needs distant metastasis (M1); many nodes are still regional.",
               "IIB": "IIB is T3 N0; with 12 nodes look at the N3 row."},
        default_hint="10 or more axillary nodes is N3; find the N3 row.",
        why=_WHY_4,
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
        choice, PROGNOSTIC_OPTIONS[1], allowed=PROGNOSTIC_OPTIONS, general=True, what="one of the options",
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


_ANSWERS = {
    1: lambda: ('"T1c"', _WHY_1),
    2: lambda: ('"IIB"', _WHY_2),
    3: lambda: ('"regional"', _WHY_3),
    4: lambda: ('"IIIC"', _WHY_4),
}


def show_answer(exercise: Any) -> Any:
    """The worked answer of exercise 1-4 of lesson 3, with why; it opens after three wrong
    tries. (Exercises 5 and 6: :func:`helpers.exercises.prognostic.show_answer`.)"""
    return worked_answer("staging", _ANSWERS, exercise)
