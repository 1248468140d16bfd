"""Exercise checkers for lesson 02, classification (answers worked from data/pathology_cases)."""

from __future__ import annotations

from typing import Any

from ..datafiles import read_table
from ..receptors import h_score
from . import Feedback, MultipleChoice, check_choice, check_number

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "concept_check",
           "LOW_OPTIONS"]


def _case(case_id: str) -> dict[str, Any]:
    cases = read_table("pathology_cases")
    return cases[cases["id"] == case_id].iloc[0].to_dict()


def exercise_1(answer: Any) -> Feedback:
    """Case C10 (IHC 2+, ratio 1.99, 4.0 copies): the final HER2 result."""
    return check_choice(
        answer, _case("C10")["expected_status"], allowed=("positive", "negative", "equivocal"),
        what='"positive", "negative" or "equivocal"',
        hints={"equivocal": "ISH has been done, so the 2+ result is no longer open.",
               "positive": "Find the ISH group first: is 1.99 at or above 2.0?"},
        why="ratio 1.99 is below 2.0 and 4.0 copies is ≥4.0 but <6.0: group 4, which with "
            "IHC 2+ (after a recount) is negative, and HER2-low.")


def exercise_2(answer: Any) -> Feedback:
    """Case C14 (ratio 1.5, 6.0 copies): the ISH group, as a whole number."""
    return check_number(
        answer, float(_case("C14")["expected_ish_group"]), what="the ISH group, 1 to 5",
        low_hint="A ratio under 2.0 rules out groups 1 and 2.",
        high_hint="6.0 copies counts as '≥6.0' (the boundaries are inclusive).",
        why="ratio <2.0 with ≥6.0 copies is group 3.")


def exercise_3(answer: Any) -> Feedback:
    """H-score of a tumour with 20 % weak, 30 % moderate and 10 % strong nuclei."""
    return check_number(
        answer, h_score(20, 30, 10), what="an H-score from 0 to 300",
        low_hint="Each percentage is multiplied by its intensity (1, 2 or 3) before adding.",
        high_hint="Multiply weak by 1, moderate by 2 and strong by 3: no more.",
        why="1×20 + 2×30 + 3×10 = 110.")


def exercise_4(answer: Any) -> Feedback:
    """Case C05 (IHC 1+, ER 1 %, PR 0 %): the subtype."""
    return check_choice(
        answer, _case("C05")["expected_subtype"],
        allowed=("HR+/HER2-", "HR-/HER2-", "HR+/HER2+", "HR-/HER2+"),
        what='a subtype such as "HR-/HER2-"',
        hints={"HR-/HER2-": "Is ER at exactly 1 % below the cut-off, or at it?",
               "HR+/HER2+": "IHC 1+ is HER2-negative (though HER2-low)."},
        why="ER 1 % is positive (ER-low, 1-10 %), so HR+; IHC 1+ is HER2-negative. By label "
            "HR+/HER2-, though ER-low tumours often behave like triple-negative ones.")


LOW_OPTIONS = (
    "A formal ASCO/CAP HER2 result category, alongside positive and negative",
    "A trial and drug-label category within HER2-negative results",
    "Another name for HER2 equivocal (IHC 2+ before ISH)",
)


def concept_check() -> MultipleChoice:
    """What is 'HER2-low'?"""
    def check(choice: Any) -> Feedback:
        if choice == LOW_OPTIONS[1]:
            return Feedback("correct", "HER2-low comes from trials (DESTINY-Breast04) and drug "
                                       "labels; ASCO/CAP 2023 chose not to make it a result "
                                       "category.")
        if choice not in LOW_OPTIONS:
            return Feedback("malformed", f"choose one of the listed options; got {choice!r}.")
        return Feedback("incorrect", "Not quite.", "What did the 2023 update decline to do?")
    return MultipleChoice("What is 'HER2-low'?", LOW_OPTIONS, check)
