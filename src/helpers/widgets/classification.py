"""Widgets for the classification lesson: a HER2/ER/PR classifier and an ISH counting simulator.

Thin views over :func:`helpers.her2.classify_her2`, :func:`helpers.receptors.classify_receptor`,
:func:`helpers.subtype.molecular_subtype` and :mod:`helpers.ish`. Bad entries show the helper's
``ValueError`` message; the widget stays usable.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..her2 import IHC_INPUTS, classify_her2
from ..ish import MIN_NUCLEI, count_result, fair_count, simulate_field
from ..plots.classification import ish_field_figure
from ..receptors import classify_receptor
from ..subtype import is_er_low, molecular_subtype
from . import Explorer, FigureView, error_html, message_html, number_text, read_number

__all__ = ["Classifier", "classifier", "IshSimulator", "ish_simulator", "parse_optional",
           "parse_counts"]

_STYLE = {"description_width": "11em"}
#: Upper bounds of the ISH boxes: the ranges the collection's case files allow
#: (data/pathology_cases.meta.json); real results lie far below them.
_MAX_RATIO, _MAX_COPIES = 50, 100


def parse_optional(field: str, text: str) -> float | None:
    """Turn a text box into a number, or ``None`` when it is empty; ``ValueError`` otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{field} must be a number (or left empty); got {text!r}") from None


def parse_counts(text: str) -> list[tuple[int, int]]:
    """Parse counts typed as "HER2,CEP17" pairs separated by spaces or semicolons,
    e.g. "5,2 4,2 6,3". Raises ``ValueError`` naming the entry at fault."""
    pairs = []
    for i, item in enumerate(text.replace(";", " ").split(), start=1):
        parts = item.split(",")
        if len(parts) != 2:
            raise ValueError(f"counts entry {i} must be HER2,CEP17 (two whole numbers); "
                             f"got {item!r}")
        try:
            pairs.append((int(parts[0]), int(parts[1])))
        except ValueError:
            raise ValueError(f"counts entry {i} must be two whole numbers; got {item!r}") from None
    return pairs


class Classifier(Explorer):
    """Enter IHC, ISH ratio and copies, ER % and PR %; see HER2 result, expression, ISH group,
    ER class, subtype and the rule that decided it."""

    def __init__(self, ihc: str = "2+", ratio: str = "", copies: str = "", er: str = "80",
                 pr: str = "40") -> None:
        self.ihc = w.Dropdown(options=list(IHC_INPUTS), value=ihc, description="HER2 IHC score",
                              style=_STYLE)
        self.ratio = number_text("ISH HER2/CEP17 ratio", low=0, high=_MAX_RATIO, value=ratio,
                                 placeholder="empty = ISH not done", style=_STYLE)
        self.copies = number_text("ISH HER2 copies/cell", low=0, high=_MAX_COPIES, value=copies,
                                  placeholder="empty = ISH not done", style=_STYLE)
        self.er = number_text("ER % of nuclei", low=0, high=100, value=er, style=_STYLE)
        self.pr = number_text("PR % of nuclei", low=0, high=100, value=pr, style=_STYLE)
        self.result = w.HTML()
        for control in (self.ihc, self.ratio, self.copies, self.er, self.pr):
            control.observe(lambda _c: self.update(), names="value")
        self.widget = w.VBox([w.HTML("<strong>Biopsy classifier</strong> (ASCO/CAP HER2 "
                                     "2018/2023, ER/PR 2020)"),
                              self.ihc, self.ratio, self.copies, self.er, self.pr, self.result])
        self.update()

    def update(self) -> None:
        """Recompute the result from the controls; show the error message on bad input."""
        try:
            her2 = classify_her2(self.ihc.value,
                                 read_number("ish_ratio", self.ratio.value, low=0,
                                             high=_MAX_RATIO),
                                 read_number("her2_copies", self.copies.value, low=0,
                                             high=_MAX_COPIES))
            er = read_number("er_percent", self.er.value, low=0, high=100, unit=" %")
            pr = read_number("pr_percent", self.pr.value, low=0, high=100, unit=" %")
            if er is None or pr is None:
                raise ValueError("er_percent and pr_percent must both be numbers from 0 to 100 %")
            er_class = classify_receptor(er, "ER")
            pr_class = classify_receptor(pr, "PR")
            if her2.status == "equivocal":
                subtype = "not yet: HER2 is equivocal, reflex ISH is needed first"
            else:
                subtype = molecular_subtype(er, pr, her2.status)
        except ValueError as error:
            self.result.value = error_html(error)
            return
        note = (" ER-low positive (1-10 %): the comment ASCO/CAP 2020 recommends says data on "
                "the benefit of endocrine therapy are limited but suggest possible benefit, so "
                "patients are considered eligible for it, and that such tumours vary and often "
                "behave more like ER-negative ones." if is_er_low(er) else "")
        rows = [("HER2 result", her2.status), ("HER2 expression", her2.expression),
                ("ISH group", "—" if her2.ish_group is None else str(her2.ish_group)),
                ("ER", er_class), ("PR", pr_class), ("Subtype", subtype),
                ("Rule", her2.explanation + note)]
        self.result.value = "<table>" + "".join(
            f"<tr><th style='text-align:left;padding-right:1em'>{k}</th>"
            f"<td>{html.escape(v)}</td></tr>" for k, v in rows) + "</table>"

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def classifier(**kwargs: str) -> Classifier:
    """Return a new classifier widget (display it as a cell's last line)."""
    return Classifier(**kwargs)


class IshSimulator(Explorer):
    """Choose a true ratio and copy number; count 20 nuclei (or use a fair count); see ratio,
    mean copies, group, result and how far the count is from the truth."""

    def __init__(self, true_ratio: float = 2.2, true_copies: float = 4.4, seed: int = 1) -> None:
        self.true_ratio = w.BoundedFloatText(value=true_ratio, min=0.5, max=10, step=0.1,
                                             description="True ratio (0.5-10)", style=_STYLE)
        self.true_copies = w.BoundedFloatText(value=true_copies, min=1, max=25, step=0.1,
                                              description="True HER2 copies (1-25)",
                                              style=_STYLE)
        self.seed = w.BoundedIntText(value=seed, min=0, max=10_000, description="Field number (0-10000)",
                                     style=_STYLE)
        self.ihc = w.Dropdown(options=list(IHC_INPUTS), value="2+", description="Concurrent IHC",
                              style=_STYLE)
        self.counts = w.Textarea(value="", placeholder="HER2,CEP17 per nucleus, e.g. 5,2 4,2 ... "
                                 "(empty = fair automatic count)", description="Your counts",
                                 style=_STYLE, layout=w.Layout(width="36em", height="5em"))
        self.view = FigureView("460px")
        self.image, self.caption = self.view.image, self.view.caption
        self.result = w.HTML()
        for control in (self.true_ratio, self.true_copies, self.seed, self.ihc, self.counts):
            control.observe(lambda _c: self.update(), names="value")
        self.widget = w.VBox([w.HTML("<strong>ISH counting simulator</strong> (count at least "
                                     f"{MIN_NUCLEI} nuclei)"),
                              self.true_ratio, self.true_copies, self.seed, self.ihc,
                              self.image, self.caption, self.counts, self.result])
        self.update()

    def update(self) -> None:
        """Redraw the field and recompute the count; show the error message on bad input."""
        try:
            field = simulate_field(self.true_ratio.value, self.true_copies.value,
                                   seed=self.seed.value)
            text = self.counts.value.strip()
            counts = parse_counts(text) if text else fair_count(field)
            res = count_result(counts, self.ihc.value, field)
        except ValueError as error:
            self.result.value = error_html(error)
            return
        self.view.show((field.true_ratio, field.true_copies, field.seed),
                       lambda: ish_field_figure(field))
        who = "Your count" if text else "A fair automatic count of nuclei 1-20"
        self.result.value = message_html(
            f"{who}: {res.her2_total} HER2 and {res.cep17_total} CEP17 signals in "
            f"{res.nuclei_counted} nuclei → ratio {res.ratio:.2f}, {res.mean_copies:.2f} HER2 "
            f"copies per nucleus → ISH group {res.group}; with IHC {self.ihc.value}: "
            f"HER2 {res.her2.status}. Truth: ratio {field.true_ratio:g}, {field.true_copies:g} "
            f"copies (group {res.true_group}); your ratio is off by {res.ratio_error:+.2f} and "
            f"copies by {res.copies_error:+.2f}.")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def ish_simulator(**kwargs: Any) -> IshSimulator:
    """Return a new ISH counting simulator widget (display it as a cell's last line)."""
    return IshSimulator(**kwargs)
