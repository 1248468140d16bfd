"""Exercise checkers for lesson 07, the capstone: the whole pipeline on virtual patients."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..capstone import patient, run_pipeline
from ..treatment import DRUG_CLASSES as TREATMENT_DRUG_CLASSES
from . import Feedback, check_set, is_unanswered, not_answered

__all__ = ["FIELDS", "check_pipeline", "check_options", "DRUG_CLASSES"]

#: The steps a student answers for each patient, with a hint for a wrong answer at each.
FIELDS: Mapping[str, str] = {
    "her2_status": "Start from the IHC score; with 2+, find the ISH group from the ratio "
                   "(cut-off 2.0) and the copies (cut-offs 4.0 and 6.0).",
    "her2_expression": "Low means IHC 1+, or 2+ with a negative ISH; ultralow means IHC 0 with "
                       "faint staining in at most 10 % of cells.",
    "subtype": "HR+ needs ER or PR in at least 1 % of cells; ER 1-10 % is still positive.",
    "stage": "Look up T and N in the AJCC 8 table; any M1 is stage IV; N1mi with T0/T1 is IB.",
    "summary_stage": "Any nodal spread, micrometastases included, or T4 makes it regional; "
                     "M1 makes it distant.",
}

DRUG_CLASSES = TREATMENT_DRUG_CLASSES


def check_pipeline(name: str, answers: Any) -> Feedback:
    """Check a student's pipeline answers for one patient.

    ``answers`` is a dict with the keys in :data:`FIELDS`. The feedback names each step that is
    wrong and gives a hint for it, never the right value.
    """
    try:
        result = run_pipeline(patient(name))
    except ValueError as error:
        return Feedback("malformed", str(error))
    if is_unanswered(answers):
        return not_answered("a dict of your answers")
    if not isinstance(answers, Mapping):
        return Feedback("malformed", f"the answer should be a dict with keys "
                                     f"{', '.join(FIELDS)}; got {type(answers).__name__}.")
    missing = [k for k in FIELDS if k not in answers]
    if missing:
        return Feedback("malformed", f"the dict is missing {', '.join(missing)}.")
    if all(is_unanswered(answers[k]) for k in FIELDS):
        return not_answered("your answers in the dict")
    blank = [k for k in FIELDS if is_unanswered(answers[k])]
    wrong = [k for k in FIELDS if k not in blank
             and str(answers[k]).strip() != str(getattr(result, k))]
    if not wrong and not blank:
        return Feedback("correct", f"{name}'s pipeline is right at every step.")
    parts = []
    if wrong:
        parts.append("not right yet: " + ", ".join(wrong))
    if blank:
        parts.append("still to answer: " + ", ".join(blank))
    hint = FIELDS[wrong[0]] if wrong else ""
    return Feedback("incorrect", f"{name}: " + "; ".join(parts) + ".", hint)


def check_options(name: str, drug_classes: Any) -> Feedback:
    """Check the set of drug classes the teaching model offers one patient."""
    try:
        result = run_pipeline(patient(name))
    except ValueError as error:
        return Feedback("malformed", str(error))
    if result.out_of_scope:
        if is_unanswered(drug_classes):
            return not_answered("a list of drug classes, or an empty list if none apply")
        if isinstance(drug_classes, list | tuple | set) and len(drug_classes) == 0:
            return Feedback("correct", "this patient's cancer is HER2-positive, outside the "
                                       "model: its treatment centres on HER2-targeted therapy.")
        return Feedback("incorrect", "Check this patient's HER2 result again.",
                        "What does the treatment model say about HER2-positive disease?")
    expected = {option.drug_class for option in result.options}
    return check_set(drug_classes, expected, allowed=DRUG_CLASSES,
                     what="a list of drug classes",
                     why="these are the classes whose rules this patient's findings meet.")
