"""The treatment explorer: set subtype, setting, stage or line and biomarkers; see the options.

A thin view over :class:`helpers.treatment.Patient`, :func:`~helpers.treatment.treatment_options`
and :func:`~helpers.treatment.explain`: for every option it shows the rationale, the evidence and
the rule that fired, and lists the rules that did not fire with the condition that failed. An
impossible combination (stage IV as early disease, a HER2-positive subtype, line 0) shows the
model's message instead of options. A teaching model, not a recommendation for any person.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..treatment import (
    EARLY_STAGES, REVIEWED, SUPPORTIVE_CARE, Patient, explain, side_effects, treatment_options,
)
from .._validate import shown
from . import Explorer, error_html, message_html, range_label

__all__ = ["TreatmentExplorer", "treatment_explorer", "parse_cps"]

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
_PATHWAY = (("no alteration found / not tested", (False, False)),
            ("PIK3CA mutation", (True, True)),
            ("AKT1 or PTEN alteration (no PIK3CA)", (True, False)))
#: The latest line of therapy the rules table describes (data/treatment_rules.meta.json).
MAX_LINE = 10
_RESIDUAL = (("not applicable", None), ("yes: cancer left at surgery", True),
             ("no: none left at surgery", False))


def parse_cps(text: str) -> float | None:
    """Read the PD-L1 CPS box: empty means not tested (None); otherwise a number.

    Raises ``ValueError`` naming ``pd_l1_cps`` when the text is not a number.
    """
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"pd_l1_cps must be a number from 0 to 100, or empty when not "
                         f"tested; got {text!r}") from None


def _bounded_line(line: Any) -> Any:
    """The line box's value; above :data:`MAX_LINE` is refused here (:class:`Patient` checks
    the rest: a whole number of at least 1)."""
    if isinstance(line, int) and line > MAX_LINE:
        raise ValueError(f"line must be a whole number from 1 to {MAX_LINE}; got {shown(line)}")
    return line


class TreatmentExplorer(Explorer):
    """Controls for a :class:`~helpers.treatment.Patient` and the options the rules give."""

    def __init__(self) -> None:
        style = {"description_width": "12em"}
        wide = w.Layout(width="32em")
        self.subtype = w.Dropdown(options=_SUBTYPES, value="HR+/HER2-", description="Subtype",
                                  style=style, layout=wide)
        self.setting = w.Dropdown(options=[("early (not spread beyond nodes)", "early"),
                                           ("metastatic", "metastatic")],
                                  value="early", description="Setting", style=style, layout=wide)
        self.stage = w.Dropdown(options=list(EARLY_STAGES) + ["IV"], value="IIA",
                                description="Stage (early disease)", style=style)
        self.line = w.IntText(value=1, description=f"Line (metastatic) ({range_label(1, MAX_LINE)})",
                              style=style)
        self.her2 = w.Dropdown(options=_HER2, value=None, description="HER2 expression",
                               style=style, layout=wide)
        self.menopause = w.Dropdown(options=_MENOPAUSE, value=None,
                                    description="Menopausal status", style=style)
        self.cps = w.Text(value="", placeholder="0-100; empty = not tested",
                          description="PD-L1 CPS (0-100)", style=style)
        self.residual = w.Dropdown(options=_RESIDUAL, value=None,
                                   description="Residual disease", style=style, layout=wide)
        self.flags = {
            "germline_brca": w.Checkbox(description="germline BRCA1/2 variant"),
            "esr1_mutation": w.Checkbox(description="ESR1 mutation"),
            "high_risk": w.Checkbox(description="high risk (trial criteria)"),
            "prior_chemo": w.Checkbox(description="chemotherapy for early disease"),
            "endocrine_resistant": w.Checkbox(description="relapse on adjuvant endocrine"),
        }
        self.pathway = w.Dropdown(options=_PATHWAY, value=(False, False),
                                  description="PI3K/AKT pathway", style=style, layout=wide)
        self.result = w.HTML()
        self.not_fired = w.HTML()
        controls = [self.subtype, self.setting, self.stage, self.line, self.her2, self.menopause,
                    self.cps, self.pathway, self.residual, *self.flags.values()]
        for control in controls:
            control.observe(lambda _change: self.update(), names="value")
        self.widget = w.VBox([
            w.HTML("<strong>Treatment explorer</strong> (teaching model of published guidelines "
                   f"as reviewed {REVIEWED}; not a recommendation for any person)"),
            *controls, self.result, self.not_fired,
        ])
        self.update()

    def patient(self) -> Patient:
        """The :class:`Patient` the controls describe (``ValueError`` if they do not fit)."""
        early = self.setting.value == "early"
        self.stage.disabled = not early
        self.line.disabled = early
        self.residual.disabled = not early
        return Patient(
            subtype=self.subtype.value, setting=self.setting.value,
            stage=self.stage.value if early else None,
            line=None if early else _bounded_line(self.line.value),
            her2_expression=self.her2.value, menopausal_status=self.menopause.value,
            pd_l1_cps=parse_cps(self.cps.value),
            residual_disease=self.residual.value if early else None,
            pik3ca_akt1_pten=self.pathway.value[0], pik3ca_mutation=self.pathway.value[1],
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
        effects = "".join(
            f"<li><em>{html.escape(c)}</em>: {html.escape(side_effects(c)['common'])}</li>"
            for c in classes)
        self.result.value = (
            message_html(f"{len(options)} options from {sum(c.fired for c in checks)} rules "
                         "that fired:")
            + '<table style="border-collapse:collapse" border="1" cellpadding="4">'
            "<caption>Options the teaching model lists</caption><thead><tr>"
            '<th scope="col">Class</th><th scope="col">Agents</th><th scope="col">Why</th>'
            '<th scope="col">Evidence</th><th scope="col">Rule</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
            f"<p><strong>Common side effects:</strong></p><ul>{effects}</ul>"
            f"<p><strong>At every stage:</strong> {html.escape(SUPPORTIVE_CARE)}</p>"
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
