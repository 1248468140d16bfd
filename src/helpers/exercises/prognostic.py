"""Exercise checkers for lesson 03, prognostic stage groups (AJCC 8 clinical and pathological).

Answers are stage groups typed as people write them: "IIB", "iib", " IIb ", "Stage IIB".
The expected answers are computed with :func:`helpers.prognostic.prognostic_stage`, so the
checkers and the tables cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from ..prognostic import prognostic_result, prognostic_stage
from ..staging import STAGE_GROUPS
from . import (Feedback, MultipleChoice, check_choice, is_unanswered, not_answered,
               worked_answer)

__all__ = ["exercise_5", "exercise_6", "concept_check", "show_answer", "CONCEPT_OPTIONS", "CASE_1",
           "CASE_2"]

_WHAT = ('a stage group in quotes, e.g. "IIA" (also accepted: "Stage IIA", "iia"), one of '
         + ", ".join(STAGE_GROUPS))

#: Case 1: a 35 mm triple-negative grade 3 cancer, no nodes, no distant spread; clinical stage.
CASE_1 = {"t": "T2", "n": "N0", "m": "M0", "grade": 3, "her2": "negative", "er": "negative",
          "pr": "negative", "kind": "clinical"}
#: Case 2: surgery first; 28 mm, node-negative, grade 2, ER-positive, PR-negative,
#: HER2-negative, 21-gene recurrence score 8; pathological stage.
CASE_2 = {"t": "T2", "n": "N0", "m": "M0", "grade": 2, "her2": "negative", "er": "positive",
          "pr": "negative", "kind": "pathological", "recurrence_score": 8}


def _stage_answer(answer: Any) -> Any:
    """Drop a leading "stage" so that "Stage IIB" reads as "IIB"; anything else unchanged."""
    if isinstance(answer, str):
        words = answer.split()
        if len(words) == 2 and words[0].lower() == "stage":
            return words[1]
    return answer


def _case(case: dict[str, Any], **change: Any) -> str:
    args = {**case, **change}
    t, n, m = args.pop("t"), args.pop("n"), args.pop("m")
    return prognostic_stage(t, n, m, **args)


def exercise_5(answer: Any) -> Feedback:
    """Exercise 5 of lesson 3, case 1: T2 N0 M0, grade 3, ER-, PR-, HER2- (triple-negative):
    clinical prognostic stage?"""
    if is_unanswered(answer):
        return not_answered(_WHAT)
    expected = _case(CASE_1)
    anatomic = prognostic_result(**CASE_1).anatomic
    lower = {s: "The prognostic table moves a tumour below its anatomic stage only for "
                "favourable biology; this one is grade 3 and has none of the three receptors."
             for s in STAGE_GROUPS if STAGE_GROUPS.index(s) < STAGE_GROUPS.index(anatomic)}
    hints = {
        **lower,
        anatomic: "That is the anatomic stage from T and N alone. The clinical prognostic "
                  "table also weighs grade, ER, PR and HER2: look up this tumour's row.",
        "IIIA": "Too far: the table moves this T2 N0 tumour up, but not into stage III.",
        "IIIB": "Too far: neither prognostic table puts a T2 N0 tumour in stage III; that "
                "takes more nodes or a larger extent.",
        "IIIC": "Too far: neither table puts a T2 N0 tumour in IIIC, which needs at least N2 "
                "nodes, or T3 with N1, or a T4 tumour, or N3.",
        "IV": "Stage IV means distant metastasis, and this tumour is M0.",
        "0": "Stage 0 is for in situ disease; this cancer is invasive.",
    }
    return check_choice(
        _stage_answer(answer), expected, allowed=STAGE_GROUPS, what=_WHAT, hints=hints,
        default_hint="Find the group with T2 N0, then the grade 3 row, then the column for "
                     "HER2-negative, ER-negative, PR-negative.",
        why=f"the anatomic stage is {anatomic}, but the clinical table places a grade 3 "
            f"triple-negative T2 N0 cancer higher, in {expected}: its biology gives a worse "
            f"outlook than its size alone suggests.",
    )


def exercise_6(answer: Any) -> Feedback:
    """Exercise 6 of lesson 3, case 2: pT2 pN0 M0, grade 2, ER+, PR-, HER2-, recurrence
    score 8: pathological stage?"""
    if is_unanswered(answer):
        return not_answered(_WHAT)
    expected = _case(CASE_2)
    without_score = _case(CASE_2, recurrence_score=None)
    anatomic = prognostic_result(**{k: v for k, v in CASE_2.items()
                                    if k != "recurrence_score"}).anatomic
    hints = {
        anatomic: "That is the anatomic stage from T and N alone; the pathological prognostic "
                  "table also uses grade, receptors and, here, the recurrence score.",
        # Listed after the anatomic stage: when both are the same stage, this hint is the one
        # that points at the missing step.
        without_score: "That is what T, N, grade and receptors give. The pathological table "
                       "has one more rule for node-negative, ER-positive, HER2-negative "
                       "tumours: check what the recurrence score does.",
        "0": "Stage 0 is for in situ disease; this cancer is invasive.",
        "IV": "Stage IV means distant metastasis, and this tumour is M0.",
        "IB": "Close, but the recurrence-score rule names one group for every T1-T2 N0, "
              "ER-positive, HER2-negative tumour with a score below 11: look it up.",
        "IIB": "Favourable biology and a low recurrence score move this tumour down from its "
               "anatomic stage, not up.",
    }
    hints = {s: h for s, h in hints.items() if s != expected}
    return check_choice(
        _stage_answer(answer), expected, allowed=STAGE_GROUPS, what=_WHAT, hints=hints,
        default_hint="A recurrence score below 11 changes the pathological stage of some "
                     "small node-negative tumours: does this one qualify?",
        why=f"the tumour is T2 N0 M0, ER-positive and HER2-negative, so a recurrence score "
            f"below 11 places it in pathological stage {expected}, whatever its grade and PR "
            f"status.",
    )


CONCEPT_OPTIONS = (
    "For every patient, from examination, imaging and biopsy before any treatment.",
    "Only when surgery is the first treatment, adding what the operation and the pathologist "
    "found.",
    "After neoadjuvant chemotherapy, from the tumour that is left at surgery.",
    "Only for HER2-negative cancers, because HER2-positive ones are staged by the anatomic "
    "table.",
)


def _concept(choice: Any) -> Feedback:
    return check_choice(
        choice, CONCEPT_OPTIONS[1], allowed=CONCEPT_OPTIONS, general=True, what="one of the options",
        hints={CONCEPT_OPTIONS[0]: "That describes the clinical prognostic stage, which every "
                                   "patient gets.",
               CONCEPT_OPTIONS[2]: "Treatment before surgery changes the tumour, so the "
                                   "pathological prognostic table is not used then.",
               CONCEPT_OPTIONS[3]: "Both prognostic tables have rows for HER2-positive and "
                                   "HER2-negative cancers."},
        why="the pathological prognostic stage needs the surgical specimen of an untreated "
            "tumour, so it is assigned only when surgery comes first.",
    )


def concept_check() -> MultipleChoice:
    """Multiple choice: when is the pathological prognostic stage assigned?"""
    return MultipleChoice("When is a pathological prognostic stage group assigned?",
                          CONCEPT_OPTIONS, _concept)


def _answer_5() -> tuple[str, str]:
    expected = _case(CASE_1)
    anatomic = prognostic_result(**CASE_1).anatomic
    return (f'"{expected}"', f"T2 N0 M0 is anatomic stage {anatomic}; the clinical prognostic "
                             f"table places a grade 3 cancer that is ER-, PR- and HER2-negative "
                             f"at {expected}, because its biology gives a worse outlook than "
                             f"its size alone suggests.")


def _answer_6() -> tuple[str, str]:
    expected = _case(CASE_2)
    return (f'"{expected}"', f"pT2 pN0 M0, ER-positive and HER2-negative with a 21-gene "
                             f"recurrence score below 11: AJCC 8 places such a tumour in "
                             f"pathological stage {expected}, whatever its grade and PR status.")


_ANSWERS = {5: _answer_5, 6: _answer_6}


def show_answer(exercise: Any) -> Any:
    """The worked answer of exercise 5 or 6 of lesson 3, with why; it opens after three wrong
    tries."""
    return worked_answer("prognostic", _ANSWERS, exercise)
