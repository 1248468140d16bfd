"""The treatment explorer: set subtype, setting, stage or line and biomarkers; see the options.

A thin view over :class:`helpers.treatment.Patient`, :func:`~helpers.treatment.treatment_options`
and :func:`~helpers.treatment.explain`: for every option it shows the rationale, the evidence and
the rule that fired, and lists the rules that did not fire with the condition that failed. An
impossible combination (stage IV as early disease, a HER2-positive subtype, line 0) shows the
model's message instead of options. Every result ends with one line naming what the model
leaves out, linked to the list (:data:`helpers.treatment.LEFT_OUT`). Biomarkers are three-state:
"not tested" is a choice of its own, never read as negative. A teaching model, not a
recommendation for any person.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..treatment import (
    EARLY_STAGES, LEFT_OUT_URL, MAX_POSITIVE_NODES, MAX_TUMOUR_SIZE_MM, REVIEWED,
    SUPPORTIVE_CARE, Patient, explain, left_out_line, side_effects, testing_prompts,
    treatment_options,
)
from .._validate import shown
from . import Explorer, error_html, message_html, plural, range_label, readable_box

__all__ = ["TreatmentExplorer", "treatment_explorer", "parse_cps", "parse_optional_number"]

_SUBTYPES = (
    ("HR+/HER2- (hormone-receptor positive)", "HR+/HER2-"),
    ("HR-/HER2- (triple-negative)", "HR-/HER2-"),
    ("HR+/HER2+ (HER2-positive)", "HR+/HER2+"),
    ("HR-/HER2+ (HER2-positive)", "HR-/HER2+"),
)
_HER2 = (("not tested", None), ("HER2-null (IHC 0, no staining)", "null"),
         ("HER2-ultralow", "ultralow"), ("HER2-low (IHC 1+ or 2+/ISH-)", "low"),
         ("HER2-positive", "positive"))
_MENOPAUSE = (("unknown", None), ("premenopausal", "premenopausal"),
              ("postmenopausal", "postmenopausal"))
_PATHWAY = (("not tested", (None, None)), ("tested: no alteration found", (False, False)),
            ("PIK3CA mutation", (True, True)),
            ("AKT1 or PTEN alteration (no PIK3CA)", (True, False)))
#: A biomarker result: not tested is a choice of its own, never read as negative.
_RESULT = (("not tested", None), ("tested: not found", False), ("found", True))
_PRIOR_ENDOCRINE = (("none, or not known", None), ("tamoxifen", "tamoxifen"),
                    ("an aromatase inhibitor", "aromatase inhibitor"))
_SEX = (("female", "female"), ("male", "male"))
_GRADE = (("not known", None), ("1", 1), ("2", 2), ("3", 3))
#: The latest line of therapy the teaching model takes (helpers.treatment.Patient).
MAX_LINE = 20
_RESIDUAL = (("not applicable", None), ("yes: cancer left at surgery", True),
             ("no: none left at surgery", False))


def parse_cps(text: str) -> float | None:
    """Read the PD-L1 CPS box: empty means not tested (None); otherwise a number.

    Raises ``ValueError`` naming the PD-L1 CPS in words when the text is not a number.
    """
    text = text.strip()
    if not text:
        return None
    message = (f"The PD-L1 CPS must be a number from 0 to 100, or empty when not tested; got "
               f"{text[:40]!r}")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(message) from None
    if not 0 <= value <= 100:  # NaN and infinities too
        raise ValueError(message)
    return value


def parse_optional_number(field: str, text: str, *, high: float, whole: bool = False,
                          unit: str = "") -> float | int | None:
    """Read an optional number box: empty means not known (None); otherwise a number from 0 to
    ``high`` (a whole number when ``whole``). Raises ``ValueError`` naming ``field``."""
    text = text.strip()
    if not text:
        return None
    kind = "a whole number" if whole else "a number"
    message = (f"{field} must be {kind} from 0 to {high:g}{unit}, or empty when not known; "
               f"got {text[:40]!r}")
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(message) from None
    if not 0 <= value <= high or (whole and not value.is_integer()):
        raise ValueError(message)
    return int(value) if whole else value


def _bounded_line(line: Any) -> Any:
    """The line box's value; a whole number outside 1-:data:`MAX_LINE` is refused here, in
    words (:class:`Patient` checks the rest)."""
    if isinstance(line, int) and not 1 <= line <= MAX_LINE:
        raise ValueError(f"The line of therapy must be a whole number from 1 to {MAX_LINE}; "
                         f"got {shown(line)}")
    return line


class TreatmentExplorer(Explorer):
    """Controls for a :class:`~helpers.treatment.Patient` and the options the rules give."""

    def __init__(self) -> None:
        style = {"description_width": "12em"}
        self.subtype = w.Dropdown(options=_SUBTYPES, value="HR+/HER2-", description="Subtype",
                                  style=style)
        self.setting = w.Dropdown(options=[("early (not spread beyond nodes)", "early"),
                                           ("metastatic", "metastatic")],
                                  value="early", description="Setting", style=style)
        self.stage = w.Dropdown(options=list(EARLY_STAGES) + ["IV"], value="IIA",
                                description="Stage (early disease)", style=style)
        self.line = w.IntText(value=1, description=f"Line (metastatic) ({range_label(1, MAX_LINE)})",
                              style=style)
        self.sex = w.Dropdown(options=_SEX, value="female", description="Sex", style=style)
        self.nodes = w.Text(value="", placeholder=f"0-{MAX_POSITIVE_NODES}; empty = not known",
                            description="Positive nodes (early)", style=style)
        self.grade = w.Dropdown(options=_GRADE, index=0, description="Grade (early)",
                                style=style)
        self.size = w.Text(value="", placeholder=f"0-{MAX_TUMOUR_SIZE_MM:g} mm; empty = not known",
                           description="Tumour size, mm (early)", style=style)
        self.her2 = w.Dropdown(options=_HER2, index=0, description="HER2 expression",
                               style=style)
        self.menopause = w.Dropdown(options=_MENOPAUSE, value="postmenopausal",
                                    description="Menopausal status", style=style)
        self.cps = w.Text(value="", placeholder="0-100; empty = not tested",
                          description="PD-L1 CPS (0-100)", style=style)
        self.residual = w.Dropdown(options=_RESIDUAL, index=0,
                                   description="Residual disease", style=style)
        self.flags = {
            "er_low": w.Checkbox(description="ER low positive (1-10 %)"),
            "high_risk": w.Checkbox(description="high risk: Ki-67 20 %+ or genomic"),
            "prior_chemo": w.Checkbox(description="chemotherapy for early disease"),
            "endocrine_resistant": w.Checkbox(description="relapse on adjuvant endocrine"),
            "immunotherapy_unsuitable": w.Checkbox(description="PD-(L)1 therapy not an option"),
            "prior_metastatic_chemo": w.Checkbox(description="chemotherapy for metastatic disease"),
            "prior_sacituzumab": w.Checkbox(description="sacituzumab govitecan already given"),
            "relapse_within_6_months_of_chemo": w.Checkbox(
                description="relapse within 6 months of chemotherapy"),
        }
        self.results = {
            "germline_brca": w.Dropdown(options=_RESULT, index=0,
                                        description="Germline BRCA1/2 variant", style=style),
            "esr1_mutation": w.Dropdown(options=_RESULT, index=0,
                                        description="ESR1 mutation (plasma)", style=style),
        }
        self.prior_endocrine = w.Dropdown(options=_PRIOR_ENDOCRINE, index=0,
                                          description="Relapsed on adjuvant", style=style)
        self.pathway = w.Dropdown(options=_PATHWAY, value=(None, None),
                                  description="PI3K/AKT pathway", style=style)
        self.result = w.HTML()
        self.not_fired = w.HTML()
        controls = [self.subtype, self.setting, self.stage, self.line, self.sex, self.nodes,
                    self.grade, self.size, self.her2, self.menopause, self.cps, self.pathway,
                    *self.results.values(), self.prior_endocrine, self.residual,
                    *self.flags.values()]
        for control in controls:
            control.observe(lambda _change: self.update(), names="value")
        self.widget = readable_box(
            [*controls, self.result, self.not_fired],
            "<strong>Treatment explorer</strong> (teaching model of published guidelines "
            f"as reviewed {REVIEWED}; not a recommendation for any person)")
        self.update()

    def patient(self) -> Patient:
        """The :class:`Patient` the controls describe (``ValueError`` if they do not fit)."""
        early = self.setting.value == "early"
        self.stage.disabled = not early
        self.line.disabled = early
        self.residual.disabled = not early
        for box in (self.nodes, self.grade, self.size):
            box.disabled = not early
        self.menopause.disabled = self.sex.value == "male"
        return Patient(
            subtype=self.subtype.value, setting=self.setting.value,
            stage=self.stage.value if early else None,
            line=None if early else _bounded_line(self.line.value),
            sex=self.sex.value,
            positive_nodes=parse_optional_number("The number of positive nodes", self.nodes.value,
                                                 high=MAX_POSITIVE_NODES, whole=True)
            if early else None,
            grade=self.grade.value if early else None,
            tumour_size_mm=parse_optional_number("The tumour size", self.size.value,
                                                 high=MAX_TUMOUR_SIZE_MM, unit=" mm")
            if early else None,
            her2_expression=self.her2.value,
            menopausal_status=None if self.sex.value == "male" else self.menopause.value,
            pd_l1_cps=parse_cps(self.cps.value),
            residual_disease=self.residual.value if early else None,
            pik3ca_akt1_pten=self.pathway.value[0], pik3ca_mutation=self.pathway.value[1],
            prior_endocrine=self.prior_endocrine.value
            if self.subtype.value.startswith("HR+") else None,
            **{name: box.value for name, box in self.results.items()},
            **{name: box.value for name, box in self.flags.items()},
        )

    def update(self) -> None:
        """Recompute the options and the explanation from the current control values."""
        try:
            patient = self.patient()
            options = treatment_options(patient)
            checks = explain(patient)
        except ValueError as error:
            self.result.value = error_html(error)
            self.not_fired.value = ""
            return
        rows = "".join(
            f"<tr><td>{html.escape(o.drug_class)}</td><td>{html.escape(', '.join(o.agents))}</td>"
            f"<td>{html.escape(o.rationale)}</td><td>{html.escape(o.evidence)}</td>"
            f"<td><code>{html.escape(o.rule_id)}</code></td></tr>"
            for o in options)
        classes = list(dict.fromkeys(o.drug_class for o in options))
        prompts = "".join(f"<li>{html.escape(t)}</li>" for t in testing_prompts(patient))
        prompts = f"<p><strong>Tests to ask for first:</strong></p><ul>{prompts}</ul>" \
            if prompts else ""
        effects = "".join(
            f"<li><em>{html.escape(c)}</em>: {html.escape(side_effects(c)['common'])}</li>"
            for c in classes)
        self.result.value = (
            message_html(f"{plural(len(options), 'option')} from "
                         f"{plural(sum(c.fired for c in checks), 'rule')} that fired:")
            # On a phone the table scrolls sideways inside its own box, not off the page.
            + '<div style="overflow-x:auto;max-width:100%">'
            '<table style="border-collapse:collapse" border="1" cellpadding="4">'
            "<caption>Options the teaching model lists</caption><thead><tr>"
            '<th scope="col">Class</th><th scope="col">Agents</th><th scope="col">Why</th>'
            '<th scope="col">Evidence</th><th scope="col">Rule</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>{prompts}"
            f"<p><strong>Common side effects:</strong></p><ul>{effects}</ul>"
            f"<p><strong>At every stage:</strong> {html.escape(SUPPORTIVE_CARE)}</p>"
            f"<p><strong>Not in the model:</strong> {html.escape(left_out_line())} "
            f'<a href="{html.escape(LEFT_OUT_URL)}" target="_blank" rel="noopener">'
            "What the model leaves out</a></p>"
        )
        missed = "".join(f"<li><code>{html.escape(c.rule_id)}</code> ({html.escape(c.drug_class)})"
                         f": {html.escape(c.reason)}</li>" for c in checks if not c.fired)
        self.not_fired.value = (f"<details><summary>Rules that did not fire, and why "
                                f"({sum(not c.fired for c in checks)})</summary>"
                                f"<ul>{missed}</ul></details>")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def treatment_explorer() -> TreatmentExplorer:
    """Return a new treatment explorer widget (display it as a cell's last line)."""
    return TreatmentExplorer()
