"""A teaching model of treatment options for HER2-negative breast cancer, as explainable rules.

**Not a recommendation for any person.** It restates, in simplified form, which finding or
stage opens which door in published guidelines and trials, as reviewed on the date each rule
carries. The field changes every year.

The rules are data: ``data/treatment_rules.csv`` (one row per rule: conditions → one option,
with its rationale, evidence and reviewed date; described by its sidecar). This module is the
small engine that reads them: :class:`Patient` holds the findings, :func:`treatment_options`
returns the options whose conditions hold, and :func:`explain` says for every rule whether it
fired and, if not, which condition failed. The lesson's flowchart is drawn from the same table.
HER2-positive disease is outside the collection: its treatment centres on HER2-targeted therapy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ._validate import check_choice, check_int, check_number
from .datafiles import read_table

__all__ = [
    "SUBTYPES_IN_SCOPE", "SETTINGS", "EARLY_STAGES", "HER2_EXPRESSIONS", "MENOPAUSAL_STATUSES",
    "DRUG_CLASSES", "REVIEWED", "Patient", "Rule", "Option", "RuleCheck", "load_rules",
    "treatment_options", "explain", "SUPPORTIVE_CARE", "side_effects", "rule_conditions",
    "FlowBranch", "flowchart", "trial_results",
]

SUBTYPES_IN_SCOPE = ("HR+/HER2-", "HR-/HER2-")
HER2_POSITIVE_SUBTYPES = ("HR+/HER2+", "HR-/HER2+")
SETTINGS = ("early", "metastatic")
EARLY_STAGES = ("0", "IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC")
HER2_EXPRESSIONS = ("null", "ultralow", "low")
MENOPAUSAL_STATUSES = ("premenopausal", "postmenopausal")
DRUG_CLASSES = ("surgery", "radiation", "endocrine therapy", "CDK4/6 inhibitor",
                "PI3K/AKT pathway inhibitor", "PARP inhibitor", "antibody-drug conjugate",
                "chemotherapy", "immunotherapy")
REVIEWED = "2026-11-25"

#: Said with every set of options: supportive care belongs at every stage.
SUPPORTIVE_CARE = (
    "Palliative (supportive) care, which eases symptoms and side effects and supports the "
    "person and family, is part of care at any stage, alongside treatment. In metastatic "
    "disease, radiation can ease painful bone metastases and bone-modifying drugs protect bones."
)

_OUT_OF_SCOPE = (
    "HER2-positive breast cancer is outside this collection: its treatment centres on "
    "HER2-targeted therapy (such as trastuzumab and pertuzumab), which this HER2-negative "
    "teaching model does not cover"
)


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False; got {value!r}")
    return value


@dataclass(frozen=True)
class Patient:
    """The findings the rules look at. Validated on construction (``ValueError`` names the field).

    - ``subtype``: "HR+/HER2-" or "HR-/HER2-" (as from ``molecular_subtype``); HER2-positive
      subtypes are refused as outside this collection.
    - ``setting``: "early" or "metastatic".
    - ``stage``: for early disease, an AJCC group "0" ... "IIIC" (required); for metastatic
      disease leave it None (or "IV").
    - ``line``: for metastatic disease, the line of therapy about to start (1, 2, 3, ...).
    - ``her2_expression``: "null", "ultralow" or "low" (as from ``classify_her2``), or None.
    - ``menopausal_status``: "premenopausal", "postmenopausal" or None (unknown).
    - ``germline_brca``, ``pik3ca_akt1_pten``, ``esr1_mutation``: biomarker results.
    - ``pik3ca_mutation``: the PIK3CA/AKT1/PTEN alteration is a PIK3CA mutation (alpelisib and
      inavolisib were tested only in PIK3CA-mutated cancer; capivasertib also covers AKT1 and
      PTEN). True requires ``pik3ca_akt1_pten=True``.
    - ``pd_l1_cps``: PD-L1 combined positive score (0-100), or None when not tested.
    - ``prior_chemo``: chemotherapy already given (for example for early disease).
    - ``residual_disease``: early disease only: cancer still found at surgery after
      chemotherapy given before it (True/False), or None when not applicable.
    - ``high_risk``: early disease judged at high risk of return by a trial's criteria (e.g.
      several involved nodes; monarchE, NATALEE, OlympiA).
    - ``endocrine_resistant``: metastatic HR+ disease that came back during or within a year of
      adjuvant endocrine therapy (INAVO120).
    """

    subtype: str
    setting: str
    stage: str | None = None
    line: int | None = None
    her2_expression: str | None = None
    menopausal_status: str | None = None
    germline_brca: bool = False
    pik3ca_akt1_pten: bool = False
    esr1_mutation: bool = False
    pd_l1_cps: float | None = None
    prior_chemo: bool = False
    residual_disease: bool | None = None
    high_risk: bool = False
    endocrine_resistant: bool = False
    pik3ca_mutation: bool = False

    def __post_init__(self) -> None:
        if self.subtype in HER2_POSITIVE_SUBTYPES or self.her2_expression == "positive":
            raise ValueError(f"subtype: {_OUT_OF_SCOPE}")
        check_choice("subtype", self.subtype, SUBTYPES_IN_SCOPE)
        check_choice("setting", self.setting, SETTINGS)
        if self.setting == "early":
            if self.stage == "IV":
                raise ValueError("stage must be one of the early stages '0' ... 'IIIC' for "
                                 "setting 'early'; got 'IV' (stage IV is metastatic: use "
                                 "setting='metastatic')")
            check_choice("stage", self.stage, EARLY_STAGES)
            if self.line is not None:
                raise ValueError(f"line applies to metastatic disease only; got line="
                                 f"{self.line!r} with setting 'early'")
        else:
            if self.stage not in (None, "IV"):
                raise ValueError(f"stage must be None or 'IV' for setting 'metastatic'; got "
                                 f"{self.stage!r}")
            check_int("line", self.line, low=1)
            if self.residual_disease is not None:
                raise ValueError("residual_disease applies to early disease only; got "
                                 f"{self.residual_disease!r} with setting 'metastatic'")
        if self.her2_expression == "pending":
            raise ValueError("her2_expression must be one of 'null', 'ultralow', 'low' or None; "
                             "got 'pending': an IHC 2+ result needs ISH first")
        if self.her2_expression is not None:
            check_choice("her2_expression", self.her2_expression, HER2_EXPRESSIONS)
        if self.menopausal_status is not None:
            check_choice("menopausal_status", self.menopausal_status, MENOPAUSAL_STATUSES)
        for name in ("germline_brca", "pik3ca_akt1_pten", "esr1_mutation", "prior_chemo",
                     "high_risk", "endocrine_resistant", "pik3ca_mutation"):
            _flag(name, getattr(self, name))
        if self.pik3ca_mutation and not self.pik3ca_akt1_pten:
            raise ValueError("pik3ca_mutation=True needs pik3ca_akt1_pten=True: a PIK3CA "
                             "mutation is one of the PIK3CA/AKT1/PTEN alterations")
        if self.residual_disease is not None:
            _flag("residual_disease", self.residual_disease)
        if self.pd_l1_cps is not None:
            check_number("pd_l1_cps", self.pd_l1_cps, low=0.0, high=100.0)


@dataclass(frozen=True)
class Rule:
    """One row of the rules table: conditions (None = any) and the option it opens."""

    rule_id: str
    subtype: str
    setting: str
    stages: tuple[str, ...] | None
    min_line: int | None
    max_line: int | None
    her2_expression: tuple[str, ...] | None
    menopausal_status: str | None
    germline_brca: bool | None
    pik3ca_akt1_pten: bool | None
    pik3ca_mutation: bool | None
    esr1_mutation: bool | None
    min_pd_l1_cps: float | None
    max_pd_l1_cps: float | None
    prior_chemo: bool | None
    residual_disease: bool | None
    high_risk: bool | None
    endocrine_resistant: bool | None
    drug_class: str
    agents: tuple[str, ...]
    rationale: str
    evidence: str
    reviewed: str


@dataclass(frozen=True)
class Option:
    """A treatment option: ``drug_class``, ``agents`` (lower-case generic names), a plain-words
    ``rationale``, the ``evidence`` (trial or guideline with year) and the ``rule_id`` that
    opened it."""

    drug_class: str
    agents: tuple[str, ...]
    rationale: str
    evidence: str
    rule_id: str


@dataclass(frozen=True)
class RuleCheck:
    """Whether one rule fired for a patient, and if not, the first condition that failed."""

    rule_id: str
    drug_class: str
    fired: bool
    reason: str


def _none(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    return value


def _tuple(value: Any) -> tuple[str, ...] | None:
    value = _none(value)
    return None if value is None else tuple(str(value).split(";"))


def _bool(value: Any) -> bool | None:
    value = _none(value)
    if value is None:
        return None
    return str(value).lower() == "true"


def _int(value: Any) -> int | None:
    value = _none(value)
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    value = _none(value)
    return None if value is None else float(value)


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """Read the rules table (``data/treatment_rules.csv``) into :class:`Rule` rows, in order."""
    table = read_table("treatment_rules")
    rules = []
    for row in table.to_dict("records"):
        rules.append(Rule(
            rule_id=row["rule_id"], subtype=row["subtype"], setting=row["setting"],
            stages=_tuple(row["stages"]), min_line=_int(row["min_line"]),
            max_line=_int(row["max_line"]), her2_expression=_tuple(row["her2_expression"]),
            menopausal_status=_none(row["menopausal_status"]),
            germline_brca=_bool(row["germline_brca"]),
            pik3ca_akt1_pten=_bool(row["pik3ca_akt1_pten"]),
            pik3ca_mutation=_bool(row["pik3ca_mutation"]),
            esr1_mutation=_bool(row["esr1_mutation"]),
            min_pd_l1_cps=_float(row["min_pd_l1_cps"]),
            max_pd_l1_cps=_float(row["max_pd_l1_cps"]),
            prior_chemo=_bool(row["prior_chemo"]),
            residual_disease=_bool(row["residual_disease"]),
            high_risk=_bool(row["high_risk"]),
            endocrine_resistant=_bool(row["endocrine_resistant"]),
            drug_class=row["drug_class"], agents=_tuple(row["agents"]) or (),
            rationale=row["rationale"], evidence=row["evidence"], reviewed=row["reviewed"],
        ))
    return tuple(rules)


def _failed_condition(rule: Rule, p: Patient) -> str | None:
    """The first condition of ``rule`` that ``p`` does not meet, in words; None if all hold."""
    if rule.subtype != "any" and rule.subtype != p.subtype:
        return f"needs subtype {rule.subtype}"
    if rule.setting != p.setting:
        return f"needs {rule.setting} disease"
    if rule.stages is not None and p.stage not in rule.stages:
        return f"needs stage {', '.join(rule.stages)}"
    if rule.min_line is not None and (p.line is None or p.line < rule.min_line):
        return f"needs line {rule.min_line} or later"
    if rule.max_line is not None and (p.line is None or p.line > rule.max_line):
        return f"needs line {rule.max_line} or earlier"
    if rule.her2_expression is not None and p.her2_expression not in rule.her2_expression:
        return f"needs HER2 expression {' or '.join(rule.her2_expression)}"
    if rule.menopausal_status is not None:
        status = p.menopausal_status or "unknown"
        if status != rule.menopausal_status:
            return f"needs menopausal status {rule.menopausal_status}"
    for name in ("germline_brca", "pik3ca_akt1_pten", "pik3ca_mutation", "esr1_mutation",
                 "prior_chemo", "high_risk", "endocrine_resistant", "residual_disease"):
        wanted = getattr(rule, name)
        if wanted is not None and getattr(p, name) is not wanted:
            return f"needs {name.replace('_', ' ')} = {wanted}"
    if rule.min_pd_l1_cps is not None and (p.pd_l1_cps is None or p.pd_l1_cps < rule.min_pd_l1_cps):
        return f"needs PD-L1 CPS {rule.min_pd_l1_cps:g} or more"
    if rule.max_pd_l1_cps is not None and (p.pd_l1_cps is None
                                           or p.pd_l1_cps >= rule.max_pd_l1_cps):
        return f"needs a known PD-L1 CPS below {rule.max_pd_l1_cps:g}"
    return None


def explain(patient: Patient) -> list[RuleCheck]:
    """For every rule, in table order: did it fire for ``patient``, and if not, why not."""
    if not isinstance(patient, Patient):
        raise ValueError(f"patient must be a helpers.treatment.Patient; got {type(patient).__name__}")
    checks = []
    for rule in load_rules():
        failed = _failed_condition(rule, patient)
        checks.append(RuleCheck(rule.rule_id, rule.drug_class, failed is None,
                                "all conditions hold" if failed is None else failed))
    return checks


def treatment_options(patient: Patient) -> list[Option]:
    """The options whose rules fire for ``patient``, in table order, without repeats.

    Raises ``ValueError`` if ``patient`` is not a :class:`Patient`.
    """
    options: list[Option] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    fired = {check.rule_id for check in explain(patient) if check.fired}
    for rule in load_rules():
        key = (rule.drug_class, rule.agents)
        if rule.rule_id in fired and key not in seen:
            seen.add(key)
            options.append(Option(rule.drug_class, rule.agents, rule.rationale, rule.evidence,
                                  rule.rule_id))
    return options


def side_effects(drug_class: str) -> dict[str, str]:
    """Common side effects of a drug class in plain words, and how they are managed.

    Source: ``data/side_effects.csv`` (see its sidecar). Raises ``ValueError`` for an unknown
    class.
    """
    table = read_table("side_effects")
    drug_class = check_choice("drug_class", drug_class, tuple(table["drug_class"]))
    row = table[table["drug_class"] == drug_class].iloc[0]
    return {"common": row["common_side_effects"], "management": row["management"]}




_FLAG_WORDS = {
    "germline_brca": ("inherited (germline) BRCA1/2 variant", "no germline BRCA variant"),
    "pik3ca_akt1_pten": ("PIK3CA, AKT1 or PTEN alteration", "no PIK3CA/AKT1/PTEN alteration"),
    "pik3ca_mutation": ("PIK3CA mutation specifically", "not a PIK3CA mutation"),
    "esr1_mutation": ("ESR1 mutation", "no ESR1 mutation"),
    "prior_chemo": ("chemotherapy given for early disease", "no earlier chemotherapy"),
    "residual_disease": ("cancer left at surgery after chemotherapy", "no cancer left at surgery"),
    "high_risk": ("high risk of return (trial criteria)", "not high risk"),
    "endocrine_resistant": ("came back on or within a year of adjuvant endocrine therapy",
                            "not endocrine-resistant"),
}


def rule_conditions(rule: Rule) -> list[str]:
    """The conditions of ``rule`` beyond subtype and setting, in words (empty list = none).

    Used by the flowchart and the lesson so that the words come from the table itself.
    """
    words: list[str] = []
    if rule.stages is not None:
        words.append("stage " + ", ".join(rule.stages))
    if rule.min_line is not None and rule.max_line == rule.min_line:
        words.append(f"line {rule.min_line}")
    elif rule.min_line is not None and rule.max_line is not None:
        words.append(f"lines {rule.min_line}-{rule.max_line}")
    elif rule.min_line is not None:
        words.append(f"line {rule.min_line} or later")
    if rule.her2_expression is not None:
        words.append("HER2-" + " or ".join(rule.her2_expression))
    if rule.menopausal_status is not None:
        words.append(f"menopausal status {rule.menopausal_status}")
    for name, (yes, no) in _FLAG_WORDS.items():
        wanted = getattr(rule, name)
        if wanted is not None:
            words.append(yes if wanted else no)
    if rule.min_pd_l1_cps is not None:
        words.append(f"PD-L1 CPS {rule.min_pd_l1_cps:g} or more")
    if rule.max_pd_l1_cps is not None:
        words.append(f"PD-L1 CPS below {rule.max_pd_l1_cps:g}")
    return words


@dataclass(frozen=True)
class FlowBranch:
    """One branch of the flowchart: the gate (conditions in words) and the option it opens."""

    rule_id: str
    gate: str
    drug_class: str
    agents: tuple[str, ...]
    evidence: str


def flowchart(subtype: str, setting: str) -> list[FlowBranch]:
    """The branches of the decision flowchart for one subtype and setting, in table order.

    Every rule whose subtype is ``subtype`` (or "any") and whose setting is ``setting`` gives
    one branch, so the picture is drawn from the same table the engine reads. Raises
    ``ValueError`` for a subtype outside the collection or an unknown setting.
    """
    if subtype in HER2_POSITIVE_SUBTYPES:
        raise ValueError(f"subtype: {_OUT_OF_SCOPE}")
    check_choice("subtype", subtype, SUBTYPES_IN_SCOPE)
    check_choice("setting", setting, SETTINGS)
    branches = []
    for rule in load_rules():
        if rule.subtype in (subtype, "any") and rule.setting == setting:
            gate = "; ".join(rule_conditions(rule)) or "always"
            branches.append(FlowBranch(rule.rule_id, gate, rule.drug_class, rule.agents,
                                       rule.evidence))
    return branches


def trial_results() -> Any:
    """The headline trial results behind several rules (``data/trial_results.csv``) as a
    DataFrame: trial, subtype, setting, endpoint, unit, arm, value, source (one row per arm)."""
    return read_table("trial_results")
