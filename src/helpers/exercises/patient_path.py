"""Exercise checkers for lesson 06, the patient's path."""

from __future__ import annotations

from typing import Any

from ..datafiles import read_table
from . import Feedback, MultipleChoice, check_choice, check_number, check_set
from ._answers import robust

__all__ = ["exercise_1", "exercise_2", "exercise_3", "concept_check", "BIOPSY_TYPES",
           "GROWTH_OPTIONS"]

BIOPSY_TYPES = ("fine-needle aspiration", "core needle biopsy", "surgical biopsy")


@robust
def exercise_1(answer: Any) -> Feedback:
    """Which biopsy gives a tissue core that can be tested for ER, PR and HER2 with least surgery?"""
    return check_choice(
        answer, "core needle biopsy", allowed=BIOPSY_TYPES, what="one of " + ", ".join(BIOPSY_TYPES),
        hints={"fine-needle aspiration": "A thin needle draws out loose cells, usually too few "
                                         "and without tissue structure for receptor tests.",
               "surgical biopsy": "It gives tissue, but it is an operation; which needle method "
                                  "also gives a core of tissue?"},
        why="a core needle biopsy takes cylinders of tissue, enough for the diagnosis and the "
            "ER, PR and HER2 tests, without an operation.",
    )


@robust
def exercise_2(answer: Any) -> Feedback:
    """Pick from the data file every risk factor a person can change."""
    table = read_table("risk_factors")
    expected = table.loc[table["modifiable"], "risk_factor"]
    return check_set(answer, expected, allowed=table["risk_factor"],
                     what="a list of risk_factor names from the table",
                     why="alcohol, weight, activity, hormone therapy after menopause and "
                         "breastfeeding can be changed; genes, age and family history cannot.")


@robust
def exercise_3(answer: Any) -> Feedback:
    """Relative risk with one affected first-degree relative (Collaborative Group, Lancet 2001)."""
    table = read_table("risk_factors").set_index("risk_factor")
    expected = float(table.loc["One first-degree relative with breast cancer", "effect_size"])
    return check_number(answer, expected, what="a relative risk, as a number",
                        tolerance=0.005,
                        low_hint="Take the row with one relative, not a protective factor.",
                        high_hint="Take the row with one relative, not two.",
                        why="a relative risk of 1.8 means about 1.8 times the risk of women "
                            "with no affected relative; most such women never get breast cancer.")


GROWTH_OPTIONS = (
    "HER2-negative cancers always grow slowly.",
    "HER2-negative cancers always grow faster than HER2-positive ones.",
    "It depends: HER2-positive cancers often grow faster, but within HER2-negative disease "
    "triple-negative cancers tend to grow fast and many HR+ cancers slowly.",
    "HER2 status has nothing to do with how a cancer behaves.",
)


def _growth(choice: Any) -> Feedback:
    return check_choice(
        choice, GROWTH_OPTIONS[2], allowed=GROWTH_OPTIONS, what="one of the options",
        hints={GROWTH_OPTIONS[0]: "Triple-negative cancers are HER2-negative too.",
               GROWTH_OPTIONS[1]: "Excess HER2 is itself a growth signal.",
               GROWTH_OPTIONS[3]: "Excess HER2 drives growth and opens targeted treatments."},
        why="HER2-negative covers very different diseases; grade, hormone receptors and stage "
            "say more than the word 'negative'.",
    )


def concept_check() -> MultipleChoice:
    """Multiple choice: does HER2-negative breast cancer grow faster or slower?"""
    return MultipleChoice("Does HER2-negative breast cancer grow faster or slower?",
                          GROWTH_OPTIONS, _growth)
