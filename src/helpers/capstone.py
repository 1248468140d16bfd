"""The capstone's virtual patients, and the whole pipeline run on one of them.

The patients live in ``data/capstone_patients.csv`` with the results a student should reach,
worked out by hand from the guidelines. :func:`run_pipeline` chains the collection's helpers:
HER2 result (ASCO/CAP 2018/2023) → ER/PR and subtype (ASCO/CAP 2020, SEER) → AJCC 8 anatomic
stage group, clinical and pathological prognostic stage groups, and SEER summary stage → the
survival row that applies (SEER) → the treatment options of the teaching model. The tests check
that the pipeline reaches the hand-worked results.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any

from ._validate import check_choice
from .datafiles import read_table

__all__ = ["VirtualPatient", "PipelineResult", "load_patients", "patient", "patient_names", "pipeline_report",
           "run_pipeline"]


def _blank(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value


def _flag(value: Any) -> bool | None:
    value = _blank(value)
    if value is None:
        return None
    return value if isinstance(value, bool) else str(value).strip().lower() == "true"


def _whole(value: Any) -> int | None:
    value = _blank(value)
    return None if value is None else int(value)


@dataclass(frozen=True)
class VirtualPatient:
    """One invented patient: the report in words and the findings coded for the helpers."""

    name: str
    age: int
    menopausal_status: str
    pathology_report: str
    imaging_summary: str
    ihc: str
    ish_ratio: float | None
    her2_copies: float | None
    er_percent: float
    pr_percent: float
    t: str
    n: str
    m: str
    germline_brca: bool | None
    pd_l1_cps: float | None
    setting: str
    line: int | None
    sex: str = "female"
    grade: int | None = None
    tumour_size_mm: float | None = None
    positive_nodes: int | None = None
    residual_disease: bool | None = None
    surgery_first: bool | None = None

    def _repr_html_(self) -> str:
        return (
            f"<h4>{html.escape(self.name)}, {self.age}, {html.escape(self.menopausal_status)}</h4>"
            f"<p><strong>Pathology report.</strong> {html.escape(self.pathology_report)}</p>"
            f"<p><strong>Imaging and nodes.</strong> {html.escape(self.imaging_summary)}</p>"
        )

    def __repr__(self) -> str:
        return (f"{self.name}, {self.age}, {self.menopausal_status}\n"
                f"Pathology report: {self.pathology_report}\n"
                f"Imaging and nodes: {self.imaging_summary}")


def load_patients() -> dict[str, VirtualPatient]:
    """Return every virtual patient, by name, in the order of the data file."""
    table = read_table("capstone_patients")
    patients = {}
    for row in table.to_dict("records"):
        line = _blank(row["line"])
        patients[row["patient"]] = VirtualPatient(
            name=row["patient"], age=int(row["age"]), menopausal_status=row["menopausal_status"],
            pathology_report=row["pathology_report"], imaging_summary=row["imaging_summary"],
            ihc=str(row["ihc"]), ish_ratio=_blank(row["ish_ratio"]),
            her2_copies=_blank(row["her2_copies"]), er_percent=float(row["er_percent"]),
            pr_percent=float(row["pr_percent"]), t=row["t"], n=row["n"], m=row["m"],
            germline_brca=_flag(row["germline_brca"]), pd_l1_cps=_blank(row["pd_l1_cps"]),
            setting=row["setting"], line=None if line is None else int(line),
            sex=row["sex"], grade=_whole(row["grade"]),
            tumour_size_mm=_blank(row["tumour_size_mm"]),
            positive_nodes=_whole(row["positive_nodes"]),
            residual_disease=_flag(row["residual_disease"]),
            surgery_first=_flag(row["surgery_first"]),
        )
    return patients


def patient_names() -> tuple[str, ...]:
    """The virtual patients' names, in order."""
    return tuple(load_patients())


def patient(name: str) -> VirtualPatient:
    """Return one virtual patient by name (spaces and case forgiven); ``ValueError`` names the
    patients there are."""
    patients = load_patients()
    if isinstance(name, str):
        by_lower = {key.lower(): key for key in patients}
        name = by_lower.get(name.strip().lower(), name)
    return patients[check_choice("patient", name, patients)]


def _check_patient(p: Any) -> VirtualPatient:
    if not isinstance(p, VirtualPatient):
        hint = (f" (for a name, use capstone.patient({p.strip()[:20]!r}))"
                if isinstance(p, str) else "")
        raise ValueError(f"patient must be a VirtualPatient from capstone.patient(name); got "
                         f"{type(p).__name__}{hint}")
    return p


@dataclass(frozen=True)
class PipelineResult:
    """Every step of the pipeline for one patient."""

    her2_status: str
    her2_expression: str
    ish_group: int | None
    er_class: str
    pr_class: str
    subtype: str
    stage: str
    summary_stage: str
    survival_pct: float | None
    survival_release: str | None
    options: tuple[Any, ...]
    out_of_scope: str | None
    prompts: tuple[str, ...] = ()
    clinical_prognostic_stage: str | None = None
    pathological_prognostic_stage: str | None = None
    prognostic_note: str = ""


def _prognostic_stages(p: VirtualPatient, her2_status: str, anatomic: str
                       ) -> tuple[str | None, str | None, str]:
    """The AJCC 8 clinical and pathological prognostic stages of ``p``, and a note on what is
    missing. The clinical stage needs the grade (stage IV needs nothing more); the pathological
    stage applies only when surgery came first. HER2 must be settled (positive or negative)."""
    from .prognostic import prognostic_stage

    if her2_status not in ("positive", "negative"):
        return None, None, "The prognostic stages wait for a final HER2 result."
    if anatomic == "IV":
        return "IV", None, "Metastatic disease is stage IV in every table."
    if p.grade is None:
        return None, None, ("The prognostic stages need the histologic grade, which the report "
                            "does not give.")
    markers = dict(grade=p.grade, her2=her2_status,
                   er="positive" if p.er_percent >= 1 else "negative",
                   pr="positive" if p.pr_percent >= 1 else "negative")
    clinical = prognostic_stage(p.t, p.n, p.m, kind="clinical", **markers)
    if p.surgery_first:
        return clinical, prognostic_stage(p.t, p.n, p.m, kind="pathological", **markers), ""
    note = ("No pathological prognostic stage: it applies only when surgery is the first "
            "treatment" + (", and this patient had treatment before surgery."
                           if p.surgery_first is False else "; the case does not say."))
    return clinical, None, note


def run_pipeline(p: VirtualPatient) -> PipelineResult:
    """Run the whole pipeline on ``p`` with the collection's helpers.

    A HER2-positive patient gets a result at every step but treatment: the treatment model
    refuses HER2-positive disease (outside this collection), and ``out_of_scope`` holds its
    message. The survival figure comes from the seed table when it has the subtype and stage,
    else from SEER's 2013-2019 release. ``prompts`` lists tests the findings still call for
    (an untested PD-L1 or germline BRCA, an IHC 0 not yet called null or ultralow, an unknown
    menopausal status). A biomarker the report does not give is not tested (None), never read
    as negative. Raises ``ValueError`` when
    ``p`` is not a :class:`VirtualPatient` (a name is not enough: use :func:`patient`).
    """
    p = _check_patient(p)
    from .her2 import classify_her2
    from .receptors import classify_receptor
    from .staging import anatomic_stage, summary_stage
    from .subtype import molecular_subtype
    from .survival import survival_pct
    from .treatment import HER2_EXPRESSIONS, Patient, testing_prompts, treatment_options

    her2 = classify_her2(p.ihc, p.ish_ratio, p.her2_copies)
    subtype = molecular_subtype(p.er_percent, p.pr_percent, her2.status)
    stage = anatomic_stage(p.t, p.n, p.m)
    summary = summary_stage(p.t, p.n, p.m)
    figure, release = None, None
    for candidate in ("seed", "2013-2019"):
        try:
            figure, release = survival_pct(subtype, summary, candidate), candidate
            break
        except ValueError:
            continue
    options: tuple[Any, ...] = ()
    prompts: list[str] = []
    out_of_scope = None
    er_class = classify_receptor(p.er_percent, "ER")
    # The treatment model takes null, ultralow or low. Any other negative expression (an IHC 0
    # not yet called null or ultralow) goes in as unknown, with a prompt to state which it is.
    expression = her2.expression if her2.expression in HER2_EXPRESSIONS else None
    if her2.status == "negative" and expression is None:
        prompts.append("State whether the IHC 0 is HER2-null (no staining) or HER2-ultralow "
                       "(faint staining in up to 10 % of cells): it decides whether "
                       "trastuzumab deruxtecan can be an option later.")
    early = p.setting == "early"
    try:
        patient_model = Patient(
            subtype=subtype, setting=p.setting,
            stage=stage if early else None,
            line=p.line if not early else None,
            her2_expression=expression,
            menopausal_status=p.menopausal_status if p.sex == "female" else None,
            germline_brca=p.germline_brca, pd_l1_cps=p.pd_l1_cps, sex=p.sex,
            er_low=subtype == "HR+/HER2-" and er_class == "low positive",
            positive_nodes=p.positive_nodes if early else None,
            grade=p.grade if early else None,
            tumour_size_mm=p.tumour_size_mm if early else None,
            residual_disease=p.residual_disease if early else None,
        )
        options = tuple(treatment_options(patient_model))
        prompts += [t for t in testing_prompts(patient_model) if t not in prompts
                    and not (prompts and t.startswith("State the HER2 expression"))]
    except ValueError as error:
        if her2.status != "positive":
            raise
        out_of_scope = str(error)
    clinical, pathological, note = _prognostic_stages(p, her2.status, stage)
    return PipelineResult(
        her2_status=her2.status, her2_expression=her2.expression, ish_group=her2.ish_group,
        er_class=er_class,
        pr_class=classify_receptor(p.pr_percent, "PR"),
        subtype=subtype, stage=stage, summary_stage=summary, survival_pct=figure,
        survival_release=release, options=options, out_of_scope=out_of_scope,
        prompts=tuple(prompts),
        clinical_prognostic_stage=clinical, pathological_prognostic_stage=pathological,
        prognostic_note=note,
    )


def pipeline_report(p: VirtualPatient) -> str:
    """The pipeline's result for ``p`` as plain text, one step per line, with the reasons.

    Raises ``ValueError`` when ``p`` is not a :class:`VirtualPatient`."""
    r = run_pipeline(p)
    group = f", ISH group {r.ish_group}" if r.ish_group is not None else ""
    from .treatment import LEFT_OUT_URL, left_out_line

    lines = [
        f"Patient: {p.name}",
        f"1. HER2: {r.her2_status} (expression: {r.her2_expression}{group})",
        f"2. ER {p.er_percent:g} % → {r.er_class}; PR {p.pr_percent:g} % → {r.pr_class}; "
        f"subtype {r.subtype}",
        f"3. {p.t} {p.n} {p.m} → AJCC anatomic stage {r.stage}; SEER summary stage "
        f"{r.summary_stage}",
        "   AJCC prognostic stage (adds grade, HER2, ER, PR): clinical "
        f"{r.clinical_prognostic_stage or 'not assigned'}; pathological "
        f"{r.pathological_prognostic_stage or 'not assigned'}",
    ]
    if r.prognostic_note:
        lines.append(f"   {r.prognostic_note}")
    if r.survival_pct is not None:
        lines.append(f"4. 5-year relative survival for {r.subtype}, {r.summary_stage}: "
                     f"{r.survival_pct:g} % (SEER, release {r.survival_release})")
    if r.out_of_scope:
        lines.append(f"5. Treatment: outside this collection. {r.out_of_scope}")
    else:
        lines.append("5. Treatment options in the teaching model:")
        for option in r.options:
            agents = ", ".join(option.agents) if option.agents else "-"
            lines.append(f"   - {option.drug_class}: {agents} [{option.evidence}]")
    if r.prompts:
        lines.append("   Tests to ask for first:")
        lines.extend(f"   - {text}" for text in r.prompts)
    if not r.out_of_scope:
        lines.append(f"   {left_out_line()} ({LEFT_OUT_URL})")
    return "\n".join(lines)
