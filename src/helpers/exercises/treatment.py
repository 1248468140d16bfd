"""Exercise checkers for lesson 05, treatment logic. Expected answers come from the rules and
trial tables (``data/treatment_rules.csv``, ``data/trial_results.csv``), never typed in here."""

from __future__ import annotations

from typing import Any

from ..treatment import (
    DRUG_CLASSES, Patient, explain, load_rules, treatment_options, trial_results,
)
from . import Feedback, MultipleChoice, check_choice, check_number, check_set

__all__ = ["exercise_1", "exercise_4", "exercise_2", "exercise_3", "concept_check",
           "TNBC_ENDOCRINE_OPTIONS"]


def exercise_1(answer: Any) -> Feedback:
    """Which drug classes does the model list for first-line metastatic HR+/HER2- disease
    with no known biomarker? (A set of drug-class names.)"""
    expected = {o.drug_class for o in treatment_options(Patient("HR+/HER2-", "metastatic",
                                                                line=1))}
    return check_set(
        answer, expected, allowed=DRUG_CLASSES,
        what="a list of drug classes, e.g. [\"chemotherapy\"]",
        why="first line, the hormone-driven growth is blocked and a CDK4/6 inhibitor stops the "
            "cells dividing (PALOMA-2, MONALEESA, MONARCH-3).",
    )


def _pfs_gain(trial: str) -> float:
    rows = trial_results()
    rows = rows[rows["trial"] == trial]
    return round(float(rows["value"].iloc[0] - rows["value"].iloc[1]), 1)


def exercise_4(answer: Any) -> Feedback:
    """Read the chart: by how many months did trastuzumab deruxtecan lengthen median
    progression-free survival in the HR+ cohort of DESTINY-Breast04?"""
    return check_number(
        answer, _pfs_gain("DESTINY-Breast04 (HR+ cohort)"), tolerance=0.05,
        what="a number of months (new arm minus comparison arm)",
        low_hint="Subtract the comparison (hatched) bar from the trastuzumab deruxtecan bar.",
        high_hint="Use the difference between the two bars, not the new arm's value alone.",
        why="a difference of medians; it describes groups in the trial, not a person.",
    )


def exercise_2(answer: Any) -> Feedback:
    """Find the rule: which rule opens sacituzumab govitecan for metastatic triple-negative
    disease at line 2, after chemotherapy for early disease?"""
    patient = Patient("HR-/HER2-", "metastatic", line=2, prior_chemo=True)
    fired = [c.rule_id for c in explain(patient) if c.fired]
    expected = next(r.rule_id for r in load_rules()
                    if r.rule_id in fired and "sacituzumab govitecan" in r.agents)
    return check_choice(
        answer, expected, allowed=[r.rule_id for r in load_rules()], what="a rule_id in quotes",
        hints={"TN-MET-SG-LATER": "That rule needs line 3 or later; this patient is at line 2. "
                                  "Which rule counts the chemotherapy given for early disease?",
               "TN-MET-L1-SG": "That rule is for the first line only."},
        default_hint="Build the Patient, call explain(...) and look for a rule that fired and "
                     "lists sacituzumab govitecan.",
        why="ASCENT counted chemotherapy for early disease as one earlier therapy (if the "
            "cancer came back within 12 months).",
    )


def exercise_3(answer: Any) -> Feedback:
    """From the rules table: the lowest PD-L1 CPS at which pembrolizumab joins first-line
    chemotherapy for metastatic triple-negative disease."""
    rule = next(r for r in load_rules() if r.rule_id == "TN-MET-L1-PEMBRO")
    return check_number(
        answer, float(rule.min_pd_l1_cps or 0.0), what="a PD-L1 combined positive score, as a number",
        low_hint="In KEYNOTE-355 the benefit was shown above a higher cut-off than that.",
        high_hint="Look at the min_pd_l1_cps column of the rule that lists pembrolizumab.",
        why="KEYNOTE-355 showed the survival benefit in tumours with CPS 10 or more.",
    )


TNBC_ENDOCRINE_OPTIONS = (
    "Endocrine therapy is too toxic for people with triple-negative cancer.",
    "Triple-negative cancer cells lack the hormone receptors that endocrine therapy blocks, "
    "so their growth does not depend on estrogen.",
    "The trials of endocrine therapy were too small to include triple-negative cancer.",
    "Triple-negative cancer grows too slowly for endocrine therapy to matter.",
)


def _tnbc(choice: Any) -> Feedback:
    return check_choice(
        choice, TNBC_ENDOCRINE_OPTIONS[1], allowed=TNBC_ENDOCRINE_OPTIONS,
        what="one of the options",
        hints={TNBC_ENDOCRINE_OPTIONS[0]: "The same drugs are given for years to people with "
                                          "HR+ cancer. What do they act on?",
               TNBC_ENDOCRINE_OPTIONS[2]: "It is about biology, not trial size: what does "
                                          "'HR-' mean?",
               TNBC_ENDOCRINE_OPTIONS[3]: "Triple-negative cancers tend to grow fast; think "
                                          "about the target instead."},
        why="a drug needs a target: without estrogen or progesterone receptors, blocking "
            "estrogen does not slow the cancer.",
    )


def concept_check() -> MultipleChoice:
    """A multiple-choice check: why is endocrine therapy never offered for triple-negative
    disease?"""
    return MultipleChoice("Why does the model never list endocrine therapy for triple-negative "
                          "breast cancer?", TNBC_ENDOCRINE_OPTIONS, _tnbc)
