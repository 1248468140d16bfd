"""AJCC 8th edition prognostic stage groups for invasive breast cancer.

Since 2018 US registries and cancer centres stage invasive breast cancer with two tables that add
histologic grade, HER2, ER and PR to T, N and M: the *clinical* prognostic stage (everyone, from
examination, imaging and biopsy before any treatment) and the *pathological* prognostic stage
(only when surgery is the first treatment, not after neoadjuvant therapy). The pathological table
has one more rule: a 21-gene recurrence score below 11 makes a T1-T2 N0 M0, ER-positive,
HER2-negative cancer stage IA.

Source: Amin MB et al., eds. *AJCC Cancer Staging Manual*, 8th edition (Springer, 2017; breast
chapter updated 2018), as reprinted with permission in NCI PDQ *Breast Cancer Treatment (Health
Professional Version)*. Both tables are data files, ``data/prognostic_stage_clinical.csv`` and
``data/prognostic_stage_pathological.csv``, one row per T/N group × grade × HER2 × ER × PR;
their sidecars say which PDQ version was read and which rows still wait for a check against it.
:func:`prognostic_stage` is a thin reader over them, like :mod:`helpers.her2` over its tables.

The T/N groups are the tables' own: they coincide with the anatomic stage groups, except that
anatomic IA and IB share one group and so do IIIB and IIIC (:data:`TN_GROUPS`). T1 includes T1mi;
N1mi with T0 or T1 belongs to the first group, with T2-T4 it counts as N1. T, N and M are read by
:mod:`helpers.tnm`, the reader every stage helper shares: isolated tumour cells in nodes
(N0(i+), N0(mol+)) count as N0, and tumour cells found only in blood or marrow (M0(i+)) as M0;
"pM0" is not a category (M0 is clinical unless metastasis is proven). Neither table is used
after neoadjuvant therapy (yc/yp categories).

For education only: not for decisions about any person's care.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from numbers import Real
from types import MappingProxyType
from typing import Any

from . import DATA_DIR
from ._validate import check_number
from .datafiles import read_csv
from .staging import STAGE_GROUPS, anatomic_stage, stage_rank
from .tnm import read_tnm

__all__ = [
    "KINDS", "GRADES", "STATUSES", "TN_GROUPS", "RECURRENCE_SCORE_CUTOFF", "TableRow",
    "PrognosticResult", "prognostic_table", "tn_group", "prognostic_result", "prognostic_stage",
    "explain_stage_difference", "normalise_grade", "normalise_status", "normalise_kind",
    "main_categories", "UNKNOWN_GRADES",
]

KINDS = ("clinical", "pathological")
GRADES = (1, 2, 3)
STATUSES = ("positive", "negative")
#: A recurrence score strictly below this value triggers the pathological table's rule.
RECURRENCE_SCORE_CUTOFF = 11
#: How an unknown grade may be written (besides ``None``): accepted only where grade cannot
#: change the stage (Tis N0 M0, stage 0; any M1, stage IV).
UNKNOWN_GRADES = ("GX", "X", "unknown")

#: The tables' T/N groups (M0 unless the group says M1), in order of extent.
TN_GROUPS = (
    "Tis N0",
    "T1 N0 | T0-T1 N1mi",
    "T0-T1 N1 | T2 N0",
    "T2 N1 | T3 N0",
    "T0-T3 N2 | T3 N1",
    "T4 N0-N2 | any T N3",
    "any T any N M1",
)

# Anatomic stage group -> the prognostic tables' T/N group (the groups follow anatomic extent).
_GROUP_OF_ANATOMIC = MappingProxyType({
    "0": TN_GROUPS[0], "IA": TN_GROUPS[1], "IB": TN_GROUPS[1], "IIA": TN_GROUPS[2],
    "IIB": TN_GROUPS[3], "IIIA": TN_GROUPS[4], "IIIB": TN_GROUPS[5], "IIIC": TN_GROUPS[5],
    "IV": TN_GROUPS[6],
})

_FILES = MappingProxyType({"clinical": "prognostic_stage_clinical",
                           "pathological": "prognostic_stage_pathological"})


@dataclass(frozen=True)
class TableRow:
    """One row of a prognostic stage table as the data file holds it ("any" = any value)."""

    tn_group: str
    grade: str  # "G1", "G2", "G3" or "any"
    her2: str
    er: str
    pr: str
    stage: str
    read_from: str


@dataclass(frozen=True)
class PrognosticResult:
    """A prognostic stage with what decided it.

    ``stage`` is the prognostic stage group; ``anatomic`` the anatomic stage group of the same T,
    N and M; ``tn_group`` the table's T/N group; ``recurrence_score_used`` is True when the
    pathological table's recurrence-score rule set the stage; ``explanation`` is one sentence
    on why the prognostic stage differs from the anatomic one (or that it does not).
    """

    stage: str
    kind: str
    anatomic: str
    tn_group: str
    recurrence_score_used: bool
    explanation: str


@lru_cache(maxsize=None)
def prognostic_table(kind: str) -> tuple[TableRow, ...]:
    """The rows of the clinical or pathological table, read once from ``data/``."""
    kind = normalise_kind(kind)
    frame = read_csv(DATA_DIR / f"{_FILES[kind]}.csv")
    return tuple(TableRow(*(str(v) for v in row)) for row in frame.itertuples(index=False))


@lru_cache(maxsize=None)
def _lookup(kind: str) -> MappingProxyType[tuple[str, str, str, str, str], str]:
    """(tn_group, grade, her2, er, pr) -> stage, with the "any" rows spelt out."""
    table: dict[tuple[str, str, str, str, str], str] = {}
    for row in prognostic_table(kind):
        for grade in ([f"G{g}" for g in GRADES] if row.grade == "any" else [row.grade]):
            for her2 in (STATUSES if row.her2 == "any" else (row.her2,)):
                for er in (STATUSES if row.er == "any" else (row.er,)):
                    for pr in (STATUSES if row.pr == "any" else (row.pr,)):
                        key = (row.tn_group, grade, her2, er, pr)
                        if key in table:
                            raise ValueError(f"{_FILES[kind]}.csv has two rows for {key}")
                        table[key] = row.stage
    return MappingProxyType(table)


# ---------------------------------------------------------------------------------------------
# Reading inputs as people write them


def normalise_kind(kind: Any) -> str:
    """"clinical" or "pathological" (also "pathologic"; case and spaces ignored)."""
    text = " ".join(kind.strip().lower().split()) if isinstance(kind, str) else None
    if text == "pathologic":
        text = "pathological"
    if text not in KINDS:
        raise ValueError(f"kind must be 'clinical' or 'pathological'; got {kind!r}")
    return text


def _grade_or_unknown(grade: Any) -> int | None:
    """Grade 1-3, or ``None`` when it is given as unknown (``None``, "GX", "X", "unknown")."""
    if grade is None or (isinstance(grade, str) and "".join(grade.split()).lower() in
                         {g.lower() for g in UNKNOWN_GRADES}):
        return None
    return normalise_grade(grade)


def normalise_grade(grade: Any) -> int:
    """Histologic grade as 1, 2 or 3; accepts 1, "1", "G1", " g2 "."""
    message = f"grade must be 1, 2 or 3 (or 'G1', 'G2', 'G3'); got {grade!r}"
    if isinstance(grade, str):
        text = grade.strip().upper()
        text = text[1:].strip() if text.startswith("G") else text
        if text in ("1", "2", "3"):
            return int(text)
        raise ValueError(message)
    if isinstance(grade, bool) or not isinstance(grade, Real):
        raise ValueError(message)
    value = float(grade)
    if math.isnan(value) or not value.is_integer() or int(value) not in GRADES:
        raise ValueError(message)
    return int(value)


_POSITIVE = ("positive", "pos", "+")
_NEGATIVE = ("negative", "neg", "-")


def normalise_status(field: str, value: Any) -> str:
    """A receptor status as "positive" or "negative".

    Case and spaces are ignored; "+", "-", "pos", "neg" are accepted, as is the marker's name in
    front ("ER+", "HER2-negative"). HER2 "equivocal" is refused: it must be resolved first.
    """
    message = f"{field} must be 'positive' or 'negative'; got {value!r}"
    if not isinstance(value, str):
        raise ValueError(message)
    text = "".join(value.strip().lower().split())
    if text.startswith(field) and text != field:
        rest = text[len(field):]
        text = rest if rest in ("+", "-") else rest.lstrip("-:")
    if text in _POSITIVE:
        return "positive"
    if text in _NEGATIVE:
        return "negative"
    if field == "her2" and text == "equivocal":
        raise ValueError("her2 must be 'positive' or 'negative'; got 'equivocal': an equivocal "
                         "HER2 test must be resolved (reflex ISH) before the stage can be "
                         "assigned")
    raise ValueError(message)


def tn_group(t: str, n: str, m: str) -> str:
    """The prognostic tables' T/N group for T, N and M (see :data:`TN_GROUPS`).

    Reads the categories as :func:`helpers.staging.anatomic_stage` does (one reader,
    :mod:`helpers.tnm`: prefixes, modifiers, N0(i+)/N0(mol+) as N0, M0(i+) as M0). Raises
    ``ValueError`` for an unknown category, "pM0", TX/NX with M0, and the combinations the AJCC
    tables have no row for (T0 N0 M0; Tis with nodal spread).
    """
    return _group_and_anatomic(t, n, m)[0]


def main_categories(t: str, n: str, m: str) -> tuple[str, str, str]:
    """The main T, N and M categories the tables use: ("pT1c", "pN0(i+)", "M0(i+)") gives
    ("T1", "N0", "M0"). N1mi stays N1mi. Same errors as :func:`tn_group`."""
    group, _anatomic, main_t, main_n = _group_and_anatomic(t, n, m)
    return main_t, main_n, ("M1" if group == TN_GROUPS[-1] else "M0")


def _group_and_anatomic(t: Any, n: Any, m: Any) -> tuple[str, str, str, str]:
    tc, nc, _mc = read_tnm(t, n, m)
    anatomic = anatomic_stage(t, n, m)
    return _GROUP_OF_ANATOMIC[anatomic], anatomic, tc.main, nc.main


def _refuse_post_therapy(kind: str, t: Any, n: Any, m: Any) -> None:
    """The prognostic tables stage the disease before any treatment: refuse yc/yp categories."""
    post = next((c for c in read_tnm(t, n, m) if c.post_therapy), None)
    if post is None:
        return
    if kind == "pathological":
        raise ValueError(f"{post.field} is {str(post)!r}, a category after neoadjuvant therapy: "
                         f"the pathological prognostic stage is assigned only when surgery is "
                         f"the first treatment, not after neoadjuvant therapy (AJCC 8); use "
                         f"the clinical prognostic stage from before treatment")
    raise ValueError(f"{post.field} is {str(post)!r}, a category after neoadjuvant therapy: the "
                     f"clinical prognostic stage is assigned from examination, imaging and "
                     f"biopsy before any treatment; give the clinical categories (cT, cN, cM)")


# ---------------------------------------------------------------------------------------------
# The stage


def _recurrence_rule_applies(kind: str, main_t: str, main_n: str, m: str, her2: str,
                             er: str, score: float | None) -> bool:
    """The pathological table's rule: score < 11 with T1-T2 N0 M0, ER-positive, HER2-negative."""
    return (kind == "pathological" and score is not None and score < RECURRENCE_SCORE_CUTOFF
            and main_t in ("T1", "T2") and main_n == "N0" and m == "M0"
            and her2 == "negative" and er == "positive")


def prognostic_result(
    t: str,
    n: str,
    m: str,
    *,
    grade: Any,
    her2: str,
    er: str,
    pr: str,
    kind: str,
    recurrence_score: float | None = None,
) -> PrognosticResult:
    """The prognostic stage with the anatomic stage, T/N group and an explanation.

    Same inputs and errors as :func:`prognostic_stage`.
    """
    kind_ = normalise_kind(kind)
    grade_ = _grade_or_unknown(grade)
    her2_ = normalise_status("her2", her2)
    er_ = normalise_status("er", er)
    pr_ = normalise_status("pr", pr)
    score = None
    if recurrence_score is not None:
        score = check_number("recurrence_score", recurrence_score, low=0.0, high=100.0)
    _refuse_post_therapy(kind_, t, n, m)
    group, anatomic, main_t, main_n = _group_and_anatomic(t, n, m)
    if grade_ is None:
        if anatomic not in ("0", "IV"):
            raise ValueError(f"grade is unknown ({grade!r}), and for {t} {n} {m} (anatomic "
                             f"stage {anatomic}) the prognostic tables need it: grade must be "
                             f"1, 2 or 3; only Tis N0 M0 (stage 0) and any M1 (stage IV) are "
                             f"staged whatever the grade")
        stage = _lookup(kind_)[(group, "G1", her2_, er_, pr_)]  # the same for every grade
        return PrognosticResult(stage, kind_, anatomic, group, False,
                                f"Stage {anatomic} is the same in every table: grade and "
                                f"receptors do not change it, so an unknown grade does not "
                                f"matter here.")
    m_main = "M1" if group == TN_GROUPS[-1] else "M0"
    used = _recurrence_rule_applies(kind_, main_t, main_n, m_main, her2_, er_, score)
    stage = "IA" if used else _lookup(kind_)[(group, f"G{grade_}", her2_, er_, pr_)]
    explanation = explain_stage_difference(anatomic, stage, grade=grade_, her2=her2_, er=er_,
                                           pr=pr_, kind=kind_, recurrence_score_used=used)
    return PrognosticResult(stage, kind_, anatomic, group, used, explanation)


def prognostic_stage(
    t: str,
    n: str,
    m: str,
    *,
    grade: Any,
    her2: str,
    er: str,
    pr: str,
    kind: str,
    recurrence_score: float | None = None,
) -> str:
    """Return the AJCC 8 clinical or pathological prognostic stage group.

    ``t``, ``n``, ``m``: AJCC categories as :func:`helpers.staging.anatomic_stage` reads them
    (one reader, :mod:`helpers.tnm`: ``c``/``p`` prefixes, modifiers, N0(i+)/N0(mol+) as N0,
    M0(i+) as M0). Categories after neoadjuvant therapy (``yc``, ``yp``) are refused: the
    clinical table stages the disease before treatment, and the pathological table applies
    only when surgery is the first treatment.
    ``grade``: histologic grade 1, 2 or 3 ("G1"-"G3" accepted); unknown (``None``, "GX") is
    accepted only where grade cannot change the stage: Tis N0 M0 (stage 0) and any M1
    (stage IV). ``her2``, ``er``, ``pr``:
    "positive" or "negative" (case and spaces ignored; "+"/"-" accepted). ``kind``: "clinical"
    or "pathological". ``recurrence_score``: optional 21-gene recurrence score, 0-100; only the
    pathological table uses it, and only for T1-T2 N0 M0, ER-positive, HER2-negative cancers,
    which a score below 11 places in stage IA (PR status does not matter). The clinical table
    ignores it.

    Returns one of "0", "IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC", "IV". Raises
    ``ValueError`` naming the field and what is allowed: grade 4, an unknown grade where grade
    matters, HER2 "equivocal", an unknown kind, a score outside 0-100 or not a number, an
    unknown T/N/M category, yc/yp categories, and T/N/M combinations the tables have no row
    for.
    """
    return prognostic_result(t, n, m, grade=grade, her2=her2, er=er, pr=pr, kind=kind,
                             recurrence_score=recurrence_score).stage


# ---------------------------------------------------------------------------------------------
# Why the prognostic stage differs


def _biology(grade: int, her2: str, er: str, pr: str) -> str:
    text = f"grade {grade}, ER-{er}, PR-{pr}, HER2-{her2}"
    if her2 == er == pr == "negative":
        text += " (triple-negative)"
    return text


def explain_stage_difference(
    anatomic: str,
    prognostic: str,
    *,
    grade: Any,
    her2: str,
    er: str,
    pr: str,
    kind: str = "clinical",
    recurrence_score_used: bool = False,
) -> str:
    """One sentence on why the prognostic stage differs from the anatomic one (or does not).

    A pure function of its inputs, for the stage explorer to show beside the two stages.
    Raises ``ValueError`` for an unknown stage group or an invalid grade, status or kind.
    """
    for field, value in (("anatomic", anatomic), ("prognostic", prognostic)):
        if not isinstance(value, str) or value not in STAGE_GROUPS:
            listed = ", ".join(repr(s) for s in STAGE_GROUPS)
            raise ValueError(f"{field} must be one of {listed}; got {value!r}")
    kind_ = normalise_kind(kind)
    biology = _biology(normalise_grade(grade), normalise_status("her2", her2),
                       normalise_status("er", er), normalise_status("pr", pr))
    if not isinstance(recurrence_score_used, bool):
        raise ValueError(f"recurrence_score_used must be True or False; got "
                         f"{recurrence_score_used!r}")
    difference = stage_rank(prognostic) - stage_rank(anatomic)
    if anatomic in ("0", "IV") and difference == 0:
        return (f"Stage {anatomic} is the same in every table: grade and receptors do not change "
                f"it.")
    if recurrence_score_used:
        return (f"The pathological prognostic stage is IA, "
                f"{'lower than' if difference < 0 else 'the same as'} the anatomic stage "
                f"{anatomic}, because a recurrence score below {RECURRENCE_SCORE_CUTOFF} in this "
                f"small, node-negative, ER-positive, HER2-negative cancer marks a low risk of "
                f"recurrence.")
    if difference == 0:
        return (f"The {kind_} prognostic stage is {prognostic}, the same as the anatomic stage: "
                f"for this {biology} cancer the table keeps the stage that size and nodes give.")
    direction, outlook = (("lower", "better") if difference < 0 else ("higher", "worse"))
    return (f"The {kind_} prognostic stage ({prognostic}) is {direction} than the anatomic stage "
            f"({anatomic}) because the table judges the outlook of this {biology} cancer "
            f"{outlook} than its size and nodes alone suggest.")
