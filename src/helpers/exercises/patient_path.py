"""Exercise checkers for lesson 06, the patient's path."""

from __future__ import annotations

from typing import Any

from ..datafiles import read_table
from . import Feedback, MultipleChoice, Slip, check_choice, check_number, check_set, worked_answer
from ._answers import robust

__all__ = ["exercise_1", "exercise_2", "exercise_3", "concept_check", "show_answer",
           "BIOPSY_TYPES", "GROWTH_OPTIONS"]

BIOPSY_TYPES = ("fine-needle aspiration", "core needle biopsy", "surgical biopsy")

_WHY_1 = ("alcohol, weight, activity, hormone therapy after menopause and breastfeeding can be "
          "changed; genes, age and family history cannot.")
_WHY_2 = ("a relative risk of 1.8 means about 1.8 times the risk of women with no affected "
          "relative; most such women never get breast cancer.")
_WHY_3 = ("a core needle biopsy takes cylinders of tissue, enough for the diagnosis and the "
          "ER, PR and HER2 tests, without an operation.")


def _risks() -> Any:
    return read_table("risk_factors")


def _relative_risk(row: str) -> float:
    return float(_risks().set_index("risk_factor").loc[row, "effect_size"])


@robust
def exercise_1(answer: Any) -> Feedback:
    """Pick from the data file every risk factor a person can change."""
    table = _risks()
    expected = table.loc[table["modifiable"], "risk_factor"]
    if isinstance(answer, list) and not answer:
        # What the fill-in line gives with its ... still there, or with "True" in quotes: the
        # modifiable column holds truth values, so the text "True" matches no row.
        return Feedback("not answered", "your list is empty: no row matched. Replace the ... "
                                        "with True or False without quotes: the modifiable "
                                        "column holds the truth values True and False, so the "
                                        'text "True" (in quotes) matches no row.')
    return check_set(answer, expected, allowed=table["risk_factor"],
                     what="a list of risk_factor names from the table, each in quotes",
                     hint="Filter the rows whose modifiable column is True: "
                          "risks.loc[risks[\"modifiable\"], \"risk_factor\"].",
                     why=_WHY_1)


@robust
def exercise_2(answer: Any) -> Feedback:
    """Relative risk with one affected first-degree relative (Collaborative Group, Lancet 2001).
    Tolerance ±0.005 (the table's two decimals)."""
    expected = _relative_risk("One first-degree relative with breast cancer")
    return check_number(answer, expected, what="a relative risk, as a number",
                        tolerance=0.005, close=0.05,
                        slips=(Slip("neighbouring row (two relatives)",
                                    _relative_risk("Two first-degree relatives with breast "
                                                   "cancer"),
                                    "That is the row for two relatives; take the row with one."),
                               Slip("percent increase instead of a relative risk",
                                    round((expected - 1) * 100, 6),
                                    "A relative risk is a ratio (1.0 means no change), not a "
                                    "percent increase: read effect_size as it stands."),
                               Slip("increase instead of the ratio", round(expected - 1, 6),
                                    "That is the extra risk; the relative risk is the whole "
                                    "ratio, 1 plus the increase.")),
                        low_hint="Take the row with one relative, not a protective factor.",
                        high_hint="Take the row with one relative, not two.",
                        why=_WHY_2)


@robust
def exercise_3(answer: Any) -> Feedback:
    """Which biopsy gives a tissue core that can be tested for ER, PR and HER2 with least surgery?"""
    return check_choice(
        answer, "core needle biopsy", allowed=BIOPSY_TYPES,
        what="one of " + ", ".join(f'"{b}"' for b in BIOPSY_TYPES) + ", in quotes",
        hints={"fine-needle aspiration": "A thin needle draws out loose cells, usually too few "
                                         "and without tissue structure for receptor tests.",
               "surgical biopsy": "It gives tissue, but it is an operation; which needle method "
                                  "also gives a core of tissue?"},
        why=_WHY_3,
    )


GROWTH_OPTIONS = (
    "HER2-negative cancers always grow slowly.",
    "HER2-negative cancers always grow faster than HER2-positive ones.",
    "It depends: HER2-positive cancers often grow faster, but within HER2-negative disease "
    "triple-negative cancers tend to grow fast and many HR+ cancers slowly.",
    "HER2 status has nothing to do with how a cancer behaves.",
)


def _growth(choice: Any) -> Feedback:
    return check_choice(
        choice, GROWTH_OPTIONS[2], allowed=GROWTH_OPTIONS, general=True, what="one of the options",
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


_ANSWERS = {
    1: lambda: (repr(sorted(_risks().loc[_risks()["modifiable"], "risk_factor"])), _WHY_1),
    2: lambda: (f"{_relative_risk('One first-degree relative with breast cancer'):g}", _WHY_2),
    3: lambda: ('"core needle biopsy"', _WHY_3),
}


def show_answer(exercise: Any) -> Any:
    """The worked answer of exercise 1-3 of lesson 6, with why; it opens after three wrong
    tries."""
    return worked_answer("patient_path", _ANSWERS, exercise)
