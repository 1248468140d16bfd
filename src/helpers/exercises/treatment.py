"""Exercise checkers for lesson 05, treatment logic. Expected answers come from the rules and
trial tables (``data/treatment_rules.csv``, ``data/trial_results.csv``), never typed in here."""

from __future__ import annotations

from typing import Any

from ..treatment import (
    DRUG_CLASSES, Patient, explain, load_rules, treatment_options, trial_results,
)
from . import (
    Feedback, MultipleChoice, Slip, check_choice, check_number, check_set, worked_answer,
)

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "concept_check",
           "show_answer", "ADC_OPTIONS"]

_WHY_1 = ("first line, the hormone-driven growth is blocked and a CDK4/6 inhibitor stops the "
          "cells dividing (PALOMA-2, MONALEESA, MONARCH-3).")
_WHY_2 = ("ASCENT counted chemotherapy for early disease as one earlier therapy (if the "
          "cancer came back within 12 months).")
_WHY_3 = "KEYNOTE-355 showed the survival benefit in tumours with CPS 10 or more."
_WHY_4 = "a difference of medians; it describes groups in the trial, not a person."


def _first_line_classes() -> list[str]:
    return sorted({o.drug_class for o in treatment_options(Patient(
        "HR+/HER2-", "metastatic", line=1, menopausal_status="postmenopausal"))})


def _sg_rule() -> str:
    patient = Patient("HR-/HER2-", "metastatic", line=2, prior_chemo=True)
    fired = [c.rule_id for c in explain(patient) if c.fired]
    return next(r.rule_id for r in load_rules()
                if r.rule_id in fired and "sacituzumab govitecan" in r.agents)


def _pembro_cps() -> float:
    rule = next(r for r in load_rules() if r.rule_id == "TN-MET-L1-PEMBRO")
    return float(rule.min_pd_l1_cps or 0.0)


def exercise_1(answer: Any) -> Feedback:
    """Which drug classes does the model list for first-line metastatic HR+/HER2- disease
    after menopause, with no biomarker tested? (A set of drug-class names.)"""
    return check_set(
        answer, _first_line_classes(), allowed=DRUG_CLASSES,
        what='a list of drug classes in quotes, e.g. ["chemotherapy"]; one of '
             + ", ".join(f'"{c}"' for c in DRUG_CLASSES),
        hint="Build the Patient and list the drug_class of each option treatment_options "
             "gives; the first line blocks the hormone signal and adds one partner drug.",
        why=_WHY_1,
    )


def _pfs_gain(trial: str) -> float:
    rows = trial_results()
    rows = rows[rows["trial"] == trial]
    return round(float(rows["value"].iloc[0] - rows["value"].iloc[1]), 1)


def exercise_4(answer: Any) -> Feedback:
    """Read the chart: by how many months did trastuzumab deruxtecan lengthen median
    progression-free survival in the HR+ cohort of DESTINY-Breast04? Tolerance ±0.05 (one
    decimal)."""
    trial = "DESTINY-Breast04 (HR+ cohort)"
    rows = trial_results()
    values = rows[rows["trial"] == trial]["value"]
    return check_number(
        answer, _pfs_gain(trial), tolerance=0.05, close=0.5, unit="months",
        what="a number of months (new arm minus comparison arm)",
        slips=(Slip("difference for all patients of the trial", 9.9 - 5.1,
                    "9.9 - 5.1 months is the whole trial's result (all patients, Modi 2022); "
                    "the question asks for the HR+ cohort, whose bars the chart draws.",
                    within=0.05),
               Slip("new arm's value alone", float(values.iloc[0]),
                    "That is the trastuzumab deruxtecan bar alone; subtract the comparison "
                    "(hatched) bar from it."),
               Slip("comparison arm's value alone", float(values.iloc[1]),
                    "That is the comparison (chemotherapy) bar; the question asks for the "
                    "difference between the two bars.")),
        low_hint="Subtract the comparison (hatched) bar from the trastuzumab deruxtecan bar.",
        high_hint="Use the difference between the two bars, not the new arm's value alone.",
        why=_WHY_4,
    )


def exercise_2(answer: Any) -> Feedback:
    """Find the rule: which rule opens sacituzumab govitecan for metastatic triple-negative
    disease at line 2, after chemotherapy for early disease?"""
    return check_choice(
        answer, _sg_rule(), allowed=[r.rule_id for r in load_rules()],
        what='a rule_id in quotes, e.g. "TN-MET-L1-PEMBRO" (case does not matter)',
        hints={"TN-MET-SG-LATER": "That rule needs line 3 or later; this patient is at line 2. "
                                  "Which rule counts the chemotherapy given for early disease?",
               "TN-MET-L1-SG": "That rule is for the first line only."},
        default_hint="Build the Patient, call explain(...) and look for a rule that fired and "
                     "lists sacituzumab govitecan.",
        why=_WHY_2,
    )


def exercise_3(answer: Any) -> Feedback:
    """From the rules table: the lowest PD-L1 CPS at which pembrolizumab joins first-line
    chemotherapy for metastatic triple-negative disease."""
    return check_number(
        answer, _pembro_cps(), what="a PD-L1 combined positive score, as a number (exact)",
        slips=(Slip("CPS 1 cut-off", 1.0, "KEYNOTE-355 also looked at CPS 1 or more, but the "
                                          "overall-survival benefit was shown at a higher "
                                          "cut-off: read min_pd_l1_cps of the rule."),
               Slip("fraction", _pembro_cps() / 100, "The CPS is a count per 100 tumour "
                                                     "cells, written as a whole number, not a "
                                                     "fraction.")),
        low_hint="In KEYNOTE-355 the benefit was shown above a higher cut-off than that.",
        high_hint="Look at the min_pd_l1_cps column of the rule that lists pembrolizumab.",
        why=_WHY_3,
    )


ADC_OPTIONS = (
    "HER2-low cells make enough HER2 for trastuzumab to block their growth signal.",
    "Trastuzumab deruxtecan uses HER2 as an address: the antibody brings a chemotherapy "
    "payload to cells that carry even a little HER2, so the cancer need not depend on HER2.",
    "HER2-low cancers are HER2-positive cancers that the test missed.",
    "Trastuzumab deruxtecan works whatever the HER2 result, HER2-null included.",
)


def _adc(choice: Any) -> Feedback:
    return check_choice(
        choice, ADC_OPTIONS[1], allowed=ADC_OPTIONS, general=True, what="one of the options",
        hints={ADC_OPTIONS[0]: "HER2-low cancers do not depend on the HER2 signal; that is why "
                               "trastuzumab alone does not help them. What else can an "
                               "antibody do?",
               ADC_OPTIONS[2]: "HER2-low is a real HER2-negative result (IHC 1+, or 2+ with "
                               "negative ISH), not a missed positive.",
               ADC_OPTIONS[3]: "The trials enrolled HER2-low and, in HR+ disease, HER2-ultralow "
                               "cancers; the drug still needs some HER2 to find the cell."},
        why="trastuzumab blocks a growth signal, which matters only when the cancer depends on "
            "excess HER2; trastuzumab deruxtecan only needs HER2 as a target to deliver its "
            "payload (DESTINY-Breast04, -06).",
    )


def concept_check() -> MultipleChoice:
    """A multiple-choice check: why can trastuzumab deruxtecan help HER2-low cancer when
    trastuzumab does not?"""
    return MultipleChoice("Why can trastuzumab deruxtecan help a HER2-low cancer when "
                          "trastuzumab does not?", ADC_OPTIONS, _adc)


_ANSWERS = {
    1: lambda: (repr(_first_line_classes()), _WHY_1),
    2: lambda: (repr(_sg_rule()), _WHY_2),
    3: lambda: (f"{_pembro_cps():g}", _WHY_3),
    4: lambda: (f"{_pfs_gain('DESTINY-Breast04 (HR+ cohort)'):g}  # new arm minus comparison",
                _WHY_4),
}


def show_answer(exercise: Any) -> Any:
    """The worked answer of exercise 1-4 of lesson 5, with why; it opens after three wrong
    tries."""
    return worked_answer("treatment", _ANSWERS, exercise)
