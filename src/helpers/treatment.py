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

from ._validate import check_int, check_number
from .datafiles import read_table

__all__ = [
    "SUBTYPES_IN_SCOPE", "SETTINGS", "EARLY_STAGES", "HER2_EXPRESSIONS", "MENOPAUSAL_STATUSES",
    "DRUG_CLASSES", "REVIEWED", "Patient", "Rule", "Option", "RuleCheck", "load_rules",
    "treatment_options", "explain", "SUPPORTIVE_CARE", "side_effects", "rule_conditions",
    "FlowBranch", "flowchart", "trial_results", "SEXES", "GRADES", "testing_prompts",
    "MAX_POSITIVE_NODES", "MAX_TUMOUR_SIZE_MM", "PRIOR_ENDOCRINE", "BIOMARKERS", "LEFT_OUT",
    "LEFT_OUT_URL", "left_out_line",
]

SUBTYPES_IN_SCOPE = ("HR+/HER2-", "HR-/HER2-")
HER2_POSITIVE_SUBTYPES = ("HR+/HER2+", "HR-/HER2+")
SETTINGS = ("early", "metastatic")
EARLY_STAGES = ("0", "IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC")
HER2_EXPRESSIONS = ("null", "ultralow", "low")
MENOPAUSAL_STATUSES = ("premenopausal", "postmenopausal")
SEXES = ("female", "male")
GRADES = (1, 2, 3)
#: The adjuvant endocrine drug a cancer came back on (``Patient.prior_endocrine``).
PRIOR_ENDOCRINE = ("tamoxifen", "aromatase inhibitor")
#: The biomarker results of :class:`Patient` that are three-state: True (found), False (tested,
#: not found) or None (not tested, the default). A test not done is not a negative result.
BIOMARKERS = ("germline_brca", "pik3ca_akt1_pten", "pik3ca_mutation", "esr1_mutation")
#: Bounds of the numeric findings (what is meaningful, not what is likely).
MAX_POSITIVE_NODES = 60
MAX_TUMOUR_SIZE_MM = 300.0
DRUG_CLASSES = ("surgery", "radiation", "endocrine therapy", "CDK4/6 inhibitor",
                "PI3K/AKT/mTOR pathway inhibitor", "PARP inhibitor", "antibody-drug conjugate",
                "chemotherapy", "immunotherapy")
REVIEWED = "2026-12-05"

#: Said with every set of options: supportive care belongs at every stage.
SUPPORTIVE_CARE = (
    "Palliative (supportive) care, which eases symptoms and side effects and supports the "
    "person and family, is part of care at any stage, alongside treatment. In metastatic "
    "disease, radiation can ease painful bone metastases and bone-modifying drugs protect bones."
)

#: What the teaching model leaves out, each with the source that would bring it in; the lesson,
#: the explorer and the capstone report point to this list (its page: :data:`LEFT_OUT_URL`).
LEFT_OUT: tuple[tuple[str, str], ...] = (
    ("visceral crisis", "severe organ dysfunction from metastases calls for chemotherapy first, even "
                        "in HR+ disease (ESO-ESMO ABC 5 guideline, Cardoso F et al., Ann Oncol 2020)"),
    ("omitting radiation at 70 or older", "after breast-conserving surgery for a T1 N0 HR+ cancer "
                                           "with endocrine therapy, radiation may be left out "
                                           "(CALGB 9343, Hughes KS et al., J Clin Oncol 2013; "
                                           "PRIME II, which took women of 65 or older with "
                                           "tumours up to 3 cm, Kunkler IH et al., N Engl J Med "
                                           "2023); the model has no age field"),
    ("adjuvant bisphosphonates", "after menopause they lowered bone recurrence and breast cancer "
                                 "deaths (EBCTCG, Lancet 2015)"),
    ("age, frailty and other illnesses", "they change what is safe and worth it; the model does not "
                                         "hold them"),
    ("pregnancy", "some drugs cannot be given in pregnancy and the plan changes; the model does not "
                  "hold it"),
)
#: Where the list is written out for readers (the glossary entry, online).
LEFT_OUT_URL = ("https://github.com/her2neg-teaching/her2neg-teaching/blob/main/notebooks/"
                "glossary.md#model-leaves-out")

_OUT_OF_SCOPE = (
    "HER2-positive breast cancer is outside this collection: its treatment centres on "
    "HER2-targeted therapy (such as trastuzumab and pertuzumab), which this HER2-negative "
    "teaching model does not cover"
)


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False; got {_short(value)}")
    return value


def _result(name: str, value: Any) -> bool | None:
    """A biomarker result: True (found), False (tested, not found) or None (not tested)."""
    if value is not None and not isinstance(value, bool):
        raise ValueError(f"{name} must be True (found), False (tested, not found) or None (not "
                         f"tested); got {_short(value)}")
    return value


def left_out_line() -> str:
    """One line naming what the teaching model leaves out, for every output that lists options
    (the full list, with sources, is :data:`LEFT_OUT`, written out at :data:`LEFT_OUT_URL`)."""
    return ("The model leaves out: " + ", ".join(name for name, _ in LEFT_OUT)
            + "; see the list with its sources.")


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _choice(field: str, value: Any, allowed: tuple[str, ...], *,
            prefixes: tuple[str, ...] = ()) -> str:
    """Read a choice as people type it: spaces around it, any case, a usual prefix and the
    typographic minus are forgiven. Returns the canonical spelling from ``allowed``."""
    listed = ", ".join(repr(a) for a in allowed)
    if isinstance(value, str):
        text = value.strip().replace("\u2212", "-").replace("\u2013", "-")
        for prefix in prefixes:
            if text.lower().startswith(prefix) and len(text) > len(prefix):
                text = text[len(prefix):].strip()
        for option in allowed:
            if text.casefold() == option.casefold():
                return option
    raise ValueError(f"{field} must be one of {listed}; got {_short(value)}")


def _number(field: str, value: Any, *, low: float, high: float, unit: str = "") -> float:
    """``check_number``, with integers too large for a float refused as out of range."""
    try:
        return check_number(field, value, low=low, high=high, unit=unit)
    except OverflowError:
        raise ValueError(f"{field} must be a number between {low:g} and {high:g}{unit}; got "
                         f"{_short(value)}") from None


def _normal_subtype(value: Any) -> str:
    if isinstance(value, str):
        text = value.strip().replace("\u2212", "-").replace("\u2013", "-").upper()
        if text in HER2_POSITIVE_SUBTYPES:
            raise ValueError(f"subtype: {_OUT_OF_SCOPE}")
    return _choice("subtype", value, SUBTYPES_IN_SCOPE)


_STAGE_ORDER = {stage: i for i, stage in enumerate(EARLY_STAGES)}
#: The lowest stage group that a count of positive axillary nodes allows (AJCC 8: 1-3 nodes
#: are at least N1mi, stage IB; 4-9 are N2, at least IIIA; 10 or more are N3, IIIC).
_NODES_MIN_STAGE = ((10, "IIIC"), (4, "IIIA"), (1, "IB"))


@dataclass(frozen=True)
class Patient:
    """The findings the rules look at. Validated on construction (``ValueError`` names the field).

    Text fields are read as people type them (spaces, case, a "HER2-" prefix) and stored in
    their canonical spelling, so ``Patient("hr+/her2- ", " Metastatic", line=1).subtype`` is
    ``"HR+/HER2-"``.

    - ``subtype``: "HR+/HER2-" or "HR-/HER2-" (as from ``molecular_subtype``); HER2-positive
      subtypes are refused as outside this collection.
    - ``setting``: "early" or "metastatic".
    - ``stage``: for early disease, an AJCC group "0" ... "IIIC" (required); for metastatic
      disease leave it None (or "IV").
    - ``line``: for metastatic disease, the line of therapy about to start (1, 2, 3, ...).
    - ``her2_expression``: "null", "ultralow" or "low" (as from ``classify_her2``), or None
      (not tested, or an IHC 0 not yet called null or ultralow).
    - ``menopausal_status``: "premenopausal", "postmenopausal" or None (unknown); women only.
    - ``sex``: "female" (default) or "male". Men have tamoxifen, or an aromatase inhibitor only
      together with a GnRH agonist (ASCO 2020).
    - ``er_low``: ER in 1-10 % of nuclei ("ER low positive", ASCO/CAP 2020); HR+ only.
    - ``positive_nodes``: early disease: positive axillary lymph nodes (0-60), or None when not
      known. Adjuvant abemaciclib and ribociclib read it.
    - ``grade``: early disease: histological grade 1, 2 or 3, or None when not known.
    - ``tumour_size_mm``: early disease: invasive tumour size in mm (0-300), or None.
    - ``germline_brca``, ``pik3ca_akt1_pten``, ``esr1_mutation``: biomarker results, each True
      (found), False (tested, not found) or None (not tested, the default). A test not done is
      not a negative result: an option that needs the result is not offered, and
      :func:`testing_prompts` asks for the test.
    - ``pik3ca_mutation``: the PIK3CA/AKT1/PTEN alteration is a PIK3CA mutation (alpelisib and
      inavolisib were tested only in PIK3CA-mutated cancer; capivasertib also covers AKT1 and
      PTEN). True requires ``pik3ca_akt1_pten=True``; with ``pik3ca_akt1_pten=False`` it is
      False; None while the alteration found has not been named.
    - ``pd_l1_cps``: PD-L1 combined positive score (0-100), or None when not tested.
    - ``immunotherapy_unsuitable``: PD-(L)1 immunotherapy is not an option whatever the score
      (a contraindication, or immunotherapy given recently).
    - ``prior_chemo``: chemotherapy already given for early disease.
    - ``prior_metastatic_chemo``: metastatic disease, line 2 or later: chemotherapy already
      given for metastatic disease.
    - ``prior_sacituzumab``: metastatic disease, line 2 or later: sacituzumab govitecan already
      given for metastatic disease.
    - ``residual_disease``: early disease only: cancer still found at surgery after
      treatment given before it (True/False), or None when not applicable.
    - ``high_risk``: early disease at high risk of return by a trial's own criteria beyond
      nodes, grade and size (for NATALEE's grade 2 tumours: Ki-67 20 % or more or a high
      genomic score; OlympiA after neoadjuvant therapy: a CPS+EG score of 3 or more in HR+
      disease). It never makes node-negative disease eligible for abemaciclib. OlympiA's other
      HR+ criterion (4 or more positive nodes after adjuvant chemotherapy) is read from
      ``positive_nodes`` and ``prior_chemo``.
    - ``endocrine_resistant``: metastatic HR+ disease that came back during or within 12
      months of adjuvant endocrine therapy.
    - ``prior_endocrine``: HR+ disease: the adjuvant endocrine drug it came back on,
      "tamoxifen" or "aromatase inhibitor", or None (none, or not known). After tamoxifen an
      aromatase inhibitor with a CDK4/6 inhibitor remains a first-line option; after an
      aromatase inhibitor the partner is fulvestrant.
    - ``relapse_within_6_months_of_chemo``: metastatic disease that came back during or within
      6 months of finishing chemotherapy for early disease (needs ``prior_chemo=True``).
    """

    subtype: str
    setting: str
    stage: str | None = None
    line: int | None = None
    her2_expression: str | None = None
    menopausal_status: str | None = None
    germline_brca: bool | None = None
    pik3ca_akt1_pten: bool | None = None
    esr1_mutation: bool | None = None
    pd_l1_cps: float | None = None
    prior_chemo: bool = False
    residual_disease: bool | None = None
    high_risk: bool = False
    endocrine_resistant: bool = False
    pik3ca_mutation: bool | None = None
    positive_nodes: int | None = None
    grade: int | None = None
    tumour_size_mm: float | None = None
    sex: str = "female"
    er_low: bool = False
    immunotherapy_unsuitable: bool = False
    prior_metastatic_chemo: bool = False
    prior_sacituzumab: bool = False
    prior_endocrine: str | None = None
    relapse_within_6_months_of_chemo: bool = False

    def _set(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)

    def __post_init__(self) -> None:
        self._set("subtype", _normal_subtype(self.subtype))
        self._set("setting", _choice("setting", self.setting, SETTINGS))
        if self.her2_expression is not None:
            if isinstance(self.her2_expression, str) and \
                    self.her2_expression.strip().lower() in ("positive", "her2-positive"):
                raise ValueError(f"her2_expression: {_OUT_OF_SCOPE}")
            if isinstance(self.her2_expression, str) and \
                    self.her2_expression.strip().lower() == "pending":
                raise ValueError("her2_expression must be one of 'null', 'ultralow', 'low' or "
                                 "None; got 'pending': an IHC 2+ result needs ISH first")
            self._set("her2_expression", _choice("her2_expression", self.her2_expression,
                                                 HER2_EXPRESSIONS, prefixes=("her2-", "her2 ")))
        self._set("sex", _choice("sex", self.sex, SEXES))
        if self.menopausal_status is not None:
            self._set("menopausal_status", _choice("menopausal_status", self.menopausal_status,
                                                   MENOPAUSAL_STATUSES))
            if self.sex == "male":
                raise ValueError("menopausal_status applies to women only; leave it None for "
                                 f"sex 'male' (got {self.menopausal_status!r})")
        for name in BIOMARKERS:
            _result(name, getattr(self, name))
        for name in ("prior_chemo", "high_risk", "endocrine_resistant", "er_low",
                     "immunotherapy_unsuitable", "prior_metastatic_chemo", "prior_sacituzumab",
                     "relapse_within_6_months_of_chemo"):
            _flag(name, getattr(self, name))
        if self.prior_endocrine is not None:
            self._set("prior_endocrine", _choice("prior_endocrine", self.prior_endocrine,
                                                 PRIOR_ENDOCRINE))
            if self.subtype != "HR+/HER2-":
                raise ValueError("prior_endocrine applies to HR+/HER2- disease only (endocrine "
                                 "therapy is not given for triple-negative cancer); got "
                                 f"{self.prior_endocrine!r}")
        if self.setting == "early":
            self._check_early()
        else:
            self._check_metastatic()
        if self.pik3ca_mutation and not self.pik3ca_akt1_pten:
            raise ValueError("pik3ca_mutation=True needs pik3ca_akt1_pten=True: a PIK3CA "
                             "mutation is one of the PIK3CA/AKT1/PTEN alterations")
        if self.pik3ca_akt1_pten is False:
            self._set("pik3ca_mutation", False)
        if self.er_low and self.subtype != "HR+/HER2-":
            raise ValueError("er_low=True needs subtype 'HR+/HER2-': ER in 1-10 % of nuclei is "
                             "a positive result (ER low positive), so the tumour is HR+")
        if self.pd_l1_cps is not None:
            self._set("pd_l1_cps", _number("pd_l1_cps", self.pd_l1_cps, low=0.0, high=100.0))

    def _check_early(self) -> None:
        if isinstance(self.stage, str) and self.stage.strip().upper() == "IV":
            raise ValueError("stage must be one of the early stages '0' ... 'IIIC' for "
                             "setting 'early'; got 'IV' (stage IV is metastatic: use "
                             "setting='metastatic')")
        self._set("stage", _choice("stage", self.stage, EARLY_STAGES, prefixes=("stage",)))
        if self.line is not None:
            raise ValueError(f"line applies to metastatic disease only; got line="
                             f"{_short(self.line)} with setting 'early'")
        for name in ("prior_metastatic_chemo", "prior_sacituzumab"):
            if getattr(self, name):
                raise ValueError(f"{name} applies to metastatic disease (line 2 or later) "
                                 "only; got True with setting 'early'")
        if self.relapse_within_6_months_of_chemo:
            raise ValueError("relapse_within_6_months_of_chemo applies to metastatic disease "
                             "only; got True with setting 'early'")
        if self.residual_disease is not None:
            _flag("residual_disease", self.residual_disease)
        if self.positive_nodes is not None:
            nodes = check_int("positive_nodes", self.positive_nodes, low=0,
                              high=MAX_POSITIVE_NODES)
            self._set("positive_nodes", nodes)
            for least, lowest in _NODES_MIN_STAGE:
                if nodes >= least and _STAGE_ORDER[self.stage] < _STAGE_ORDER[lowest]:
                    raise ValueError(f"positive_nodes={nodes} does not fit stage "
                                     f"{self.stage!r}: {least} or more positive axillary nodes "
                                     f"mean stage {lowest} or later (AJCC 8)")
        if self.grade is not None:
            self._set("grade", check_int("grade", self.grade, low=1, high=3))
        if self.tumour_size_mm is not None:
            self._set("tumour_size_mm", _number("tumour_size_mm", self.tumour_size_mm,
                                                low=0.0, high=MAX_TUMOUR_SIZE_MM, unit=" mm"))

    def _check_metastatic(self) -> None:
        if self.stage is not None:
            if not (isinstance(self.stage, str) and self.stage.strip().upper() in ("IV",
                                                                                   "STAGE IV")):
                raise ValueError(f"stage must be None or 'IV' for setting 'metastatic'; got "
                                 f"{_short(self.stage)}")
            self._set("stage", "IV")
        self._set("line", check_int("line", self.line, low=1, high=20))
        if self.residual_disease is not None:
            raise ValueError("residual_disease applies to early disease only; got "
                             f"{_short(self.residual_disease)} with setting 'metastatic'")
        for name in ("positive_nodes", "grade", "tumour_size_mm"):
            if getattr(self, name) is not None:
                raise ValueError(f"{name} applies to early disease only; got "
                                 f"{_short(getattr(self, name))} with setting 'metastatic'")
        for name in ("prior_metastatic_chemo", "prior_sacituzumab"):
            if getattr(self, name) and self.line < 2:
                raise ValueError(f"{name}=True needs line 2 or later: before the first line "
                                 "nothing has been given for metastatic disease")
        if self.relapse_within_6_months_of_chemo and not self.prior_chemo:
            raise ValueError("relapse_within_6_months_of_chemo=True needs prior_chemo=True: it "
                             "counts from the end of chemotherapy given for early disease")


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
    menopausal_status: tuple[str, ...] | None
    sex: str | None
    er_low: bool | None
    min_positive_nodes: int | None
    max_positive_nodes: int | None
    grades: tuple[int, ...] | None
    min_tumour_size_mm: float | None
    germline_brca: bool | None
    pik3ca_akt1_pten: bool | None
    pik3ca_mutation: bool | None
    esr1_mutation: bool | None
    min_pd_l1_cps: float | None
    max_pd_l1_cps: float | None
    immunotherapy_unsuitable: bool | None
    prior_chemo: bool | None
    prior_metastatic_chemo: bool | None
    prior_sacituzumab: bool | None
    residual_disease: bool | None
    high_risk: bool | None
    endocrine_resistant: bool | None
    relapse_within_6_months_of_chemo: bool | None
    prior_endocrine: str | None
    gnrh_agonist_for: tuple[str, ...] | None
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


#: The yes/no conditions of a rule, in the order the engine checks them.
_FLAGS = ("er_low", "germline_brca", "pik3ca_akt1_pten", "pik3ca_mutation", "esr1_mutation",
          "immunotherapy_unsuitable", "prior_chemo", "prior_metastatic_chemo",
          "prior_sacituzumab", "high_risk", "endocrine_resistant", "residual_disease",
          "relapse_within_6_months_of_chemo")


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """Read the rules table (``data/treatment_rules.csv``) into :class:`Rule` rows, in order."""
    table = read_table("treatment_rules")
    rules = []
    for row in table.to_dict("records"):
        grades = _tuple(row["grades"])
        rules.append(Rule(
            rule_id=row["rule_id"], subtype=row["subtype"], setting=row["setting"],
            stages=_tuple(row["stages"]), min_line=_int(row["min_line"]),
            max_line=_int(row["max_line"]), her2_expression=_tuple(row["her2_expression"]),
            menopausal_status=_tuple(row["menopausal_status"]), sex=_none(row["sex"]),
            min_positive_nodes=_int(row["min_positive_nodes"]),
            max_positive_nodes=_int(row["max_positive_nodes"]),
            grades=None if grades is None else tuple(int(float(g)) for g in grades),
            min_tumour_size_mm=_float(row["min_tumour_size_mm"]),
            min_pd_l1_cps=_float(row["min_pd_l1_cps"]),
            max_pd_l1_cps=_float(row["max_pd_l1_cps"]),
            prior_endocrine=_none(row["prior_endocrine"]),
            gnrh_agonist_for=_tuple(row["gnrh_agonist_for"]),
            drug_class=row["drug_class"], agents=_tuple(row["agents"]) or (),
            rationale=row["rationale"], evidence=row["evidence"], reviewed=row["reviewed"],
            **{name: _bool(row[name]) for name in _FLAGS},
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
    if rule.sex is not None and p.sex != rule.sex:
        return "for men only" if rule.sex == "male" else "for women only"
    if rule.menopausal_status is not None:
        status = p.menopausal_status or "unknown"
        if status not in rule.menopausal_status:
            return f"needs menopausal status {' or '.join(rule.menopausal_status)}"
    if rule.min_positive_nodes is not None or rule.max_positive_nodes is not None:
        if p.positive_nodes is None:
            return "needs the number of positive axillary nodes (not given)"
        if rule.min_positive_nodes is not None and p.positive_nodes < rule.min_positive_nodes:
            return (f"needs at least {rule.min_positive_nodes} positive node"
                    f"{'s' if rule.min_positive_nodes > 1 else ''} (node-positive disease)")
        if rule.max_positive_nodes is not None and p.positive_nodes > rule.max_positive_nodes:
            return ("needs node-negative disease" if rule.max_positive_nodes == 0
                    else f"needs at most {rule.max_positive_nodes} positive nodes")
    if rule.grades is not None and p.grade not in rule.grades:
        known = "" if p.grade is not None else " (grade not given)"
        return f"needs grade {' or '.join(str(g) for g in rule.grades)}{known}"
    if rule.min_tumour_size_mm is not None and (
            p.tumour_size_mm is None or p.tumour_size_mm < rule.min_tumour_size_mm):
        known = "" if p.tumour_size_mm is not None else " (size not given)"
        return f"needs a tumour of {rule.min_tumour_size_mm:g} mm or more{known}"
    for name in _FLAGS:
        wanted = getattr(rule, name)
        if wanted is not None and getattr(p, name) is not wanted:
            untested = " (not tested)" if getattr(p, name) is None else ""
            return f"needs {name.replace('_', ' ')} = {wanted}{untested}"
    if rule.prior_endocrine is not None and p.prior_endocrine != rule.prior_endocrine:
        known = "" if p.prior_endocrine is not None else " (not given)"
        return f"needs relapse on adjuvant {rule.prior_endocrine}{known}"
    if rule.gnrh_agonist_for and "premenopausal" in rule.gnrh_agonist_for \
            and p.sex == "female" and p.menopausal_status is None:
        return ("needs menopausal status (not given): before menopause this option needs "
                "ovarian suppression with a GnRH agonist")
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
        if rule.rule_id not in fired:
            continue
        agents, rationale = rule.agents, rule.rationale
        group = _gnrh_group(rule, patient)
        if group is not None:
            agents = agents + ("goserelin",)
            rationale = f"{rationale} {_GNRH_WORDS[group]}"
        key = (rule.drug_class, agents)
        if key not in seen:
            seen.add(key)
            options.append(Option(rule.drug_class, agents, rationale, rule.evidence,
                                  rule.rule_id))
    return options


#: Why a GnRH agonist joins an option, by who takes it (``gnrh_agonist_for`` in the table).
_GNRH_WORDS = {
    "premenopausal": ("Before menopause it is given with ovarian suppression: a GnRH agonist "
                      "(goserelin) switches the ovaries off, because the drug is labelled for "
                      "postmenopausal women (its trial gave premenopausal women the same)."),
    "male": ("For a man it is given with a GnRH agonist (goserelin), which stops the testes "
             "making the hormones an aromatase inhibitor alone would let through."),
}


def _gnrh_group(rule: Rule, p: Patient) -> str | None:
    """Who, of those the rule names in ``gnrh_agonist_for``, this patient is; None if nobody."""
    if not rule.gnrh_agonist_for:
        return None
    if p.sex == "male":
        return "male" if "male" in rule.gnrh_agonist_for else None
    if p.menopausal_status == "premenopausal" and "premenopausal" in rule.gnrh_agonist_for:
        return "premenopausal"
    return None


def side_effects(drug_class: str) -> dict[str, str]:
    """Common side effects of a drug class in plain words, and how they are managed.

    Source: ``data/side_effects.csv`` (see its sidecar). Raises ``ValueError`` for an unknown
    class.
    """
    table = read_table("side_effects")
    known = tuple(table["drug_class"])
    drug_class = _choice("drug_class", drug_class, tuple(dict.fromkeys(known + DRUG_CLASSES)))
    if drug_class not in known:
        raise ValueError(f"drug_class {drug_class!r} has no row in data/side_effects.csv")
    row = table[table["drug_class"] == drug_class].iloc[0]
    return {"common": row["common_side_effects"], "management": row["management"]}




_FLAG_WORDS = {
    "er_low": ("ER low positive (1-10 %)", "ER above 10 %"),
    "germline_brca": ("inherited (germline) BRCA1/2 variant", "no germline BRCA variant"),
    "pik3ca_akt1_pten": ("PIK3CA, AKT1 or PTEN alteration", "no PIK3CA/AKT1/PTEN alteration"),
    "pik3ca_mutation": ("PIK3CA mutation specifically", "not a PIK3CA mutation"),
    "esr1_mutation": ("ESR1 mutation", "no ESR1 mutation"),
    "immunotherapy_unsuitable": ("PD-(L)1 immunotherapy not an option",
                                 "immunotherapy possible"),
    "prior_chemo": ("chemotherapy given for early disease", "no earlier chemotherapy"),
    "prior_metastatic_chemo": ("after chemotherapy for metastatic disease",
                               "no chemotherapy yet for metastatic disease"),
    "prior_sacituzumab": ("sacituzumab govitecan already given", "no sacituzumab govitecan yet"),
    "residual_disease": ("cancer left at surgery after chemotherapy", "no cancer left at surgery"),
    "high_risk": ("high risk of return (trial criteria)", "not high risk"),
    "endocrine_resistant": ("came back on or within a year of adjuvant endocrine therapy",
                            "not endocrine-resistant"),
    "relapse_within_6_months_of_chemo": ("came back within 6 months of chemotherapy for early "
                                         "disease", "not within 6 months of chemotherapy"),
}


def rule_conditions(rule: Rule) -> list[str]:
    """The conditions of ``rule`` beyond subtype and setting, in words (empty list = none).

    Used by the flowchart and the lesson so that the words come from the table itself.
    """
    if not isinstance(rule, Rule):
        raise ValueError(f"rule must be a helpers.treatment.Rule (from load_rules()); got "
                         f"{type(rule).__name__}")
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
    if rule.sex is not None:
        words.append("men" if rule.sex == "male" else "women")
    if rule.menopausal_status is not None:
        words.append(" or ".join(rule.menopausal_status))
    if rule.min_positive_nodes is not None and rule.max_positive_nodes is not None:
        words.append(f"{rule.min_positive_nodes}-{rule.max_positive_nodes} positive nodes")
    elif rule.min_positive_nodes is not None:
        words.append(f"{rule.min_positive_nodes} or more positive nodes")
    elif rule.max_positive_nodes == 0:
        words.append("node-negative")
    elif rule.max_positive_nodes is not None:
        words.append(f"at most {rule.max_positive_nodes} positive nodes")
    if rule.grades is not None:
        words.append("grade " + " or ".join(str(g) for g in rule.grades))
    if rule.min_tumour_size_mm is not None:
        words.append(f"tumour {rule.min_tumour_size_mm:g} mm or more")
    for name, (yes, no) in _FLAG_WORDS.items():
        wanted = getattr(rule, name)
        if wanted is not None:
            words.append(yes if wanted else no)
    if rule.prior_endocrine is not None:
        words.append(f"relapse on adjuvant {rule.prior_endocrine}")
    if rule.gnrh_agonist_for:
        words.append("with a GnRH agonist for " + " and ".join(
            "premenopausal women" if g == "premenopausal" else "men"
            for g in rule.gnrh_agonist_for))
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
    subtype = _normal_subtype(subtype)
    setting = _choice("setting", setting, SETTINGS)
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


#: The tests :func:`testing_prompts` can ask for, by biomarker field: what to test and how.
_TEST_WORDS = {
    "germline_brca": "Test for an inherited (germline) BRCA1/2 variant (a blood or saliva test)",
    "esr1_mutation": ("Test for an ESR1 mutation in a blood sample (plasma circulating tumour DNA, "
                      "the test the elacestrant label names; the mutation appears under endocrine "
                      "therapy, so the test is done when the cancer grows on it)"),
    "pik3ca_akt1_pten": ("Test the tumour or a blood sample (circulating tumour DNA) for PIK3CA, "
                         "AKT1 and PTEN alterations"),
    "pik3ca_mutation": ("Name the PIK3CA/AKT1/PTEN alteration that was found: a PIK3CA mutation, "
                        "or AKT1 or PTEN only"),
}


def _opened_by(patient: Patient, name: str) -> list[str]:
    """The drugs a positive result of the untested biomarker ``name`` would add. A woman whose
    menopausal status is not set is read as postmenopausal here, so that a test is asked for
    even while that status is still to be established."""
    from dataclasses import replace

    base = patient
    if patient.sex == "female" and patient.menopausal_status is None:
        base = replace(patient, menopausal_status="postmenopausal")
    change: dict[str, Any] = {name: True}
    if name == "pik3ca_akt1_pten":
        change["pik3ca_mutation"] = True
    before = {a for o in treatment_options(base) for a in o.agents} | {"goserelin"}
    return list(dict.fromkeys(a for o in treatment_options(replace(base, **change))
                              for a in o.agents if a not in before))


def _brca_indicated(p: Patient) -> bool:
    """Germline BRCA testing is asked for in triple-negative invasive cancer and in high-risk HR+
    early disease (OlympiA's criteria), even when no option is open yet."""
    if p.subtype == "HR-/HER2-":
        return p.setting == "metastatic" or p.stage != "0"
    return p.setting == "early" and ((p.positive_nodes or 0) >= 4 or p.residual_disease is True)


def testing_prompts(patient: Patient) -> list[str]:
    """Tests and findings still needed before the options are complete, in words.

    A test that has not been done is not a negative result. For each biomarker of
    :data:`BIOMARKERS` that is not tested (None), the prompt asks for the test when a positive
    result would open an option, and names that option: ESR1 and PIK3CA/AKT1/PTEN at HR+
    metastatic line 2 or later (ESR1 in plasma, per the elacestrant label); germline BRCA in
    triple-negative invasive cancer, in high-risk HR+ early disease and wherever it opens a PARP
    inhibitor. An untested PD-L1 in first-line metastatic triple-negative (or ER-low) disease,
    an HR+ metastatic cancer without a HER2 expression category, a woman with HR+ disease whose
    menopausal status is not set, and an endocrine-resistant relapse without the drug it came
    back on are asked about too. Raises ``ValueError`` if ``patient`` is not a
    :class:`Patient`.
    """
    if not isinstance(patient, Patient):
        raise ValueError(f"patient must be a helpers.treatment.Patient; got "
                         f"{type(patient).__name__}")
    prompts = []
    if patient.setting == "metastatic" and patient.pd_l1_cps is None \
            and not patient.immunotherapy_unsuitable:
        if patient.subtype == "HR-/HER2-" and patient.line == 1:
            prompts.append("Test PD-L1 (combined positive score): it is not known, and it "
                           "decides between chemotherapy with pembrolizumab (CPS 10 or more) "
                           "and the first-line options for people who cannot have PD-(L)1 "
                           "therapy (sacituzumab govitecan or datopotamab deruxtecan).")
        if patient.er_low:
            prompts.append("Test PD-L1 (combined positive score): ER-low metastatic cancer "
                           "often behaves like triple-negative cancer, so the team checks "
                           "whether the triple-negative options could apply.")
    if patient.setting == "metastatic" and patient.subtype == "HR+/HER2-" \
            and patient.her2_expression is None:
        prompts.append("State the HER2 expression (null, ultralow or low): an IHC 0 must be "
                       "called null or ultralow, because low and ultralow open trastuzumab "
                       "deruxtecan after endocrine therapy.")
    for name in BIOMARKERS:
        if getattr(patient, name) is not None:
            continue
        if name == "pik3ca_mutation" and patient.pik3ca_akt1_pten is not True:
            continue
        agents = _opened_by(patient, name)
        if agents:
            prompts.append(f"{_TEST_WORDS[name]}: not tested yet, and an untested result is not "
                           f"a negative one. A positive result would open: {', '.join(agents)}.")
        elif name == "germline_brca" and _brca_indicated(patient):
            prompts.append(f"{_TEST_WORDS[name]}: not tested yet, and an untested result is not "
                           "a negative one. A positive result can open olaparib after "
                           "chemotherapy (OlympiA) or a PARP inhibitor later, and it matters "
                           "for relatives.")
    if patient.subtype == "HR+/HER2-" and patient.sex == "female" \
            and patient.menopausal_status is None:
        prompts.append("Establish menopausal status: it is not set, and it decides whether an "
                       "aromatase inhibitor, fulvestrant or the newer oral drugs need ovarian "
                       "suppression with a GnRH agonist. Until it is known, the model does not "
                       "offer an aromatase inhibitor alone or those drugs.")
    if patient.setting == "metastatic" and patient.subtype == "HR+/HER2-" \
            and patient.endocrine_resistant and patient.prior_endocrine is None:
        prompts.append("State the adjuvant endocrine drug the cancer came back on: after "
                       "tamoxifen an aromatase inhibitor with a CDK4/6 inhibitor remains an "
                       "option; after an aromatase inhibitor the partner is fulvestrant.")
    return prompts
