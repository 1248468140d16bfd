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
    "MAX_POSITIVE_NODES", "MAX_TUMOUR_SIZE_MM",
]

SUBTYPES_IN_SCOPE = ("HR+/HER2-", "HR-/HER2-")
HER2_POSITIVE_SUBTYPES = ("HR+/HER2+", "HR-/HER2+")
SETTINGS = ("early", "metastatic")
EARLY_STAGES = ("0", "IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC")
HER2_EXPRESSIONS = ("null", "ultralow", "low")
MENOPAUSAL_STATUSES = ("premenopausal", "postmenopausal")
SEXES = ("female", "male")
GRADES = (1, 2, 3)
#: Bounds of the numeric findings (what is meaningful, not what is likely).
MAX_POSITIVE_NODES = 60
MAX_TUMOUR_SIZE_MM = 300.0
DRUG_CLASSES = ("surgery", "radiation", "endocrine therapy", "CDK4/6 inhibitor",
                "PI3K/AKT/mTOR pathway inhibitor", "PARP inhibitor", "antibody-drug conjugate",
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
        raise ValueError(f"{name} must be True or False; got {_short(value)}")
    return value


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
    - ``germline_brca``, ``pik3ca_akt1_pten``, ``esr1_mutation``: biomarker results.
    - ``pik3ca_mutation``: the PIK3CA/AKT1/PTEN alteration is a PIK3CA mutation (alpelisib and
      inavolisib were tested only in PIK3CA-mutated cancer; capivasertib also covers AKT1 and
      PTEN). True requires ``pik3ca_akt1_pten=True``.
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
      genomic score; OlympiA's criteria). It never makes node-negative disease eligible for
      abemaciclib.
    - ``endocrine_resistant``: metastatic HR+ disease that came back during or within 12
      months of adjuvant endocrine therapy.
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
    positive_nodes: int | None = None
    grade: int | None = None
    tumour_size_mm: float | None = None
    sex: str = "female"
    er_low: bool = False
    immunotherapy_unsuitable: bool = False
    prior_metastatic_chemo: bool = False
    prior_sacituzumab: bool = False

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
        for name in ("germline_brca", "pik3ca_akt1_pten", "esr1_mutation", "prior_chemo",
                     "high_risk", "endocrine_resistant", "pik3ca_mutation", "er_low",
                     "immunotherapy_unsuitable", "prior_metastatic_chemo", "prior_sacituzumab"):
            _flag(name, getattr(self, name))
        if self.setting == "early":
            self._check_early()
        else:
            self._check_metastatic()
        if self.pik3ca_mutation and not self.pik3ca_akt1_pten:
            raise ValueError("pik3ca_mutation=True needs pik3ca_akt1_pten=True: a PIK3CA "
                             "mutation is one of the PIK3CA/AKT1/PTEN alterations")
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
          "prior_sacituzumab", "high_risk", "endocrine_resistant", "residual_disease")


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


def testing_prompts(patient: Patient) -> list[str]:
    """Tests the findings still call for before the options are complete, in words.

    An untested PD-L1 status in first-line metastatic triple-negative disease decides between
    chemotherapy with pembrolizumab (CPS 10 or more) and the options for people who cannot
    have PD-(L)1 therapy; metastatic ER-low disease often behaves like triple-negative disease,
    so PD-L1 is tested too; an HR+ metastatic cancer without a HER2 expression category cannot
    be matched to trastuzumab deruxtecan.
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
    return prompts
