"""Exercise checkers for lesson 02, classification (answers worked from data/pathology_cases)."""

from __future__ import annotations

from typing import Any

from ..datafiles import read_table
from ..receptors import h_score
from . import Feedback, MultipleChoice, Slip, check_choice, check_number, worked_answer

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "concept_check",
           "show_answer", "LOW_OPTIONS"]

_WHY_1 = ("ratio 1.99 is below 2.0 and 4.0 copies is ≥4.0 but <6.0: group 4, which with "
          "IHC 2+ (after a recount) is negative, and HER2-low.")
_WHY_2 = "ratio <2.0 with ≥6.0 copies is group 3."
_WHY_3 = "1×20 + 2×30 + 3×10 = 110."
_WHY_4 = ("ER 1 % is positive (ER-low, 1-10 %), so HR+; IHC 1+ is HER2-negative. By label "
          "HR+/HER2-, though ER-low tumours often behave like triple-negative ones.")


def _case(case_id: str) -> dict[str, Any]:
    cases = read_table("pathology_cases")
    return cases[cases["id"] == case_id].iloc[0].to_dict()


def exercise_1(answer: Any) -> Feedback:
    """Case C10 (IHC 2+, ratio 1.99, 4.0 copies): the final HER2 result."""
    return check_choice(
        answer, _case("C10")["expected_status"], allowed=("positive", "negative", "equivocal"),
        what='"positive", "negative" or "equivocal" in quotes (e.g. "negative" or '
             '"HER2-negative")',
        hints={"equivocal": "ISH has been done, so the 2+ result is no longer open.",
               "positive": "Find the ISH group first: is 1.99 at or above 2.0? Rounding 1.99 "
                           "up to 2.0 is the slip the cut-off is there to stop."},
        why=_WHY_1)


def exercise_2(answer: Any) -> Feedback:
    """Case C14 (ratio 1.5, 6.0 copies): the ISH group, as a whole number."""
    return check_number(
        answer, float(_case("C14")["expected_ish_group"]),
        what="the ISH group, a whole number from 1 to 5",
        slips=(Slip("neighbouring group (4)", 4.0, "6.0 copies counts as '≥6.0' (the "
                                                   "boundaries are inclusive), not as 4.0-6.0."),
               Slip("ratio read as the group", 1.5, "1.5 is the ratio; the answer is the "
                                                    "group number, 1 to 5.")),
        low_hint="A ratio under 2.0 rules out groups 1 and 2.",
        high_hint="6.0 copies counts as '≥6.0' (the boundaries are inclusive).",
        why=_WHY_2)


def exercise_3(answer: Any) -> Feedback:
    """H-score of a tumour with 20 % weak, 30 % moderate and 10 % strong nuclei."""
    return check_number(
        answer, h_score(20, 30, 10), what="an H-score from 0 to 300",
        slips=(Slip("sum of the percentages, unweighted", 20 + 30 + 10,
                    "That adds the percentages; multiply each by its intensity (1, 2 or 3) "
                    "first."),
               Slip("weights reversed", 3 * 20 + 2 * 30 + 1 * 10,
                    "Weak staining counts 1 and strong 3, not the other way round."),
               Slip("fractions instead of percentages", h_score(20, 30, 10) / 100,
                    "Use the percentages as whole numbers (20, not 0.2): the H-score runs "
                    "from 0 to 300.")),
        low_hint="Each percentage is multiplied by its intensity (1, 2 or 3) before adding.",
        high_hint="Multiply weak by 1, moderate by 2 and strong by 3: no more.",
        why=_WHY_3)


def exercise_4(answer: Any) -> Feedback:
    """Case C05 (IHC 1+, ER 1 %, PR 0 %): the subtype."""
    return check_choice(
        answer, _case("C05")["expected_subtype"],
        allowed=("HR+/HER2-", "HR-/HER2-", "HR+/HER2+", "HR-/HER2+"),
        what='a subtype in quotes: "HR+/HER2-", "HR-/HER2-" (or "triple-negative"), '
             '"HR+/HER2+" or "HR-/HER2+"',
        hints={"HR-/HER2-": "Is ER at exactly 1 % below the cut-off, or at it?",
               "HR+/HER2+": "IHC 1+ is HER2-negative (though HER2-low).",
               "HR-/HER2+": "ER 1 % is at the cut-off, and IHC 1+ is HER2-negative."},
        why=_WHY_4)


LOW_OPTIONS = (
    "A formal ASCO/CAP HER2 result category, alongside positive and negative",
    "A trial and drug-label category within HER2-negative results",
    "Another name for HER2 equivocal (IHC 2+ before ISH)",
    "A HER2-positive cancer with a low amount of HER2, treated with trastuzumab",
)


def _low(choice: Any) -> Feedback:
    return check_choice(
        choice, LOW_OPTIONS[1], allowed=LOW_OPTIONS, general=True, what="one of the options",
        hints={LOW_OPTIONS[0]: "ASCO/CAP reports HER2 as positive or negative; what did the "
                               "2023 update decline to do with 'low'?",
               LOW_OPTIONS[2]: "Equivocal is a temporary state before ISH; HER2-low is a final "
                               "result (IHC 1+, or 2+ with negative ISH).",
               LOW_OPTIONS[3]: "HER2-low cancers are HER2-negative: trastuzumab does not help "
                               "them; trastuzumab deruxtecan does."},
        why="HER2-low comes from trials (DESTINY-Breast04) and drug labels; ASCO/CAP 2023 chose "
            "not to make it a result category.")


def concept_check() -> MultipleChoice:
    """What is 'HER2-low'?"""
    return MultipleChoice("What is 'HER2-low'?", LOW_OPTIONS, _low)


_ANSWERS = {
    1: lambda: ('"negative"', _WHY_1),
    2: lambda: ("3", _WHY_2),
    3: lambda: ("110  # h_score(20, 30, 10)", _WHY_3),
    4: lambda: ('"HR+/HER2-"', _WHY_4),
}


def show_answer(exercise: Any) -> Any:
    """The worked answer of exercise 1-4 of lesson 2, with why; it opens after three wrong
    tries."""
    return worked_answer("classification", _ANSWERS, exercise)
