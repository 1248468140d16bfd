"""The staging explorer: T, N, M (or a size in mm and extension flags) and the tumour's grade,
ER, PR, HER2 and recurrence score → the AJCC 8 anatomic, clinical prognostic and pathological
prognostic stage groups side by side, the SEER summary stage and the survival table's figure for
that row."""

from __future__ import annotations

import html
import re
from typing import Any

import ipywidgets as w

from ..plots.staging import SizeRuler
from ..prognostic import RECURRENCE_SCORE_CUTOFF, PrognosticResult, prognostic_result
from ..staging import (
    M_CATEGORIES, MAX_SIZE_MM, N_CATEGORIES, T_CATEGORIES, anatomic_stage, recorded_size_mm,
    summary_stage, t_category,
)
from ..survival import load_survival_table
from . import Explorer, FigureView, error_html, message_html

__all__ = ["StagingExplorer", "staging_explorer", "read_size_mm", "read_recurrence_score",
           "subtype_of", "SIZE_LABEL", "SCORE_LABEL"]

_FROM_SIZE = "from size in mm"
_GRADES = (("1 (low)", 1), ("2 (intermediate)", 2), ("3 (high)", 3))
_STATUSES = ("positive", "negative")
#: The recurrence-score box's label, with its range shown.
SCORE_LABEL = "21-gene recurrence score (0–100; blank if not tested)"
#: The size box's label, with its bound shown.
SIZE_LABEL = f"Tumour size (mm, up to {MAX_SIZE_MM:g})"
_NUMBER = re.compile(r"^[+]?(\d+([.,]\d*)?|[.,]\d+)(mm)?$")


def read_size_mm(text: object) -> float:
    """Read the size box as people type it: ``"20.4"``, ``"20,4"``, ``" 20.4 mm "``.

    Returns the measured size in mm. Raises ``ValueError`` with one plain sentence naming the
    field for a blank box, something that is not a number of millimetres, or a size outside
    0-:data:`~helpers.staging.MAX_SIZE_MM` mm (long input is cut in the message).
    """
    shown = repr(text) if len(repr(text)) <= 30 else repr(text)[:29] + "…"
    bound = f"above 0 and at most {MAX_SIZE_MM:g} mm"
    if text is None or (isinstance(text, str) and not text.strip()):
        raise ValueError(f"Tumour size is empty: type the size in millimetres, {bound}.")
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value: float | str = text
    else:
        compact = "".join(str(text).split()).lower()
        if not _NUMBER.match(compact):
            raise ValueError(f"Tumour size must be a number of millimetres, {bound}; "
                             f"you typed {shown}.")
        value = float(compact.removesuffix("mm").replace(",", "."))
    try:
        recorded_size_mm(value)
    except ValueError:
        raise ValueError(f"Tumour size must be {bound}; you typed {shown}.") from None
    return float(value)


def read_recurrence_score(text: object) -> float | None:
    """Read the recurrence-score box: blank means not tested (None); otherwise a number from 0
    to 100. Raises ``ValueError`` with one plain sentence naming the field."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    shown = repr(text) if len(repr(text)) <= 30 else repr(text)[:29] + "…"
    message = (f"Recurrence score must be a number from 0 to 100, or left blank if the test was "
               f"not done; you typed {shown}.")
    compact = "".join(str(text).split()).replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", compact):
        raise ValueError(message)
    value = float(compact)
    if not 0 <= value <= 100:
        raise ValueError(message)
    return value


def subtype_of(er: str, pr: str, her2: str) -> str:
    """The survival table's subtype label for receptor results: HR+ when ER or PR is positive."""
    hr = "HR+" if "positive" in (er, pr) else "HR-"
    return f"{hr}/HER2{'+' if her2 == 'positive' else '-'}"


def survival_for(subtype: str, summary: str) -> float | None:
    """The seed table's 5-year relative survival for a subtype and summary stage (None: no row)."""
    table = load_survival_table()
    rows = table[(table["subtype"] == subtype) & (table["stage"] == summary)]
    return float(rows["survival_pct"].iloc[0]) if len(rows) else None


class StagingExplorer(Explorer):
    """A widget over :func:`helpers.staging.anatomic_stage`, :func:`~helpers.staging.summary_stage`,
    :func:`~helpers.staging.t_category` and :func:`helpers.prognostic.prognostic_result`.

    Choose T directly, or choose "from size in mm" and type the measured size (the explorer
    rounds it as AJCC records it and says so) and tick any extension; choose N and M, then the
    grade, ER, PR and HER2 and, if it was done, the 21-gene recurrence score. The explorer shows
    the anatomic, clinical prognostic and pathological prognostic stage side by side with a
    sentence on each difference, the SEER summary stage, and the survival table's figure for the
    subtype the receptors give. Bad input shows one sentence naming the field, and the widget
    stays usable.
    """

    def __init__(self) -> None:
        style = {"description_width": "14em"}
        self.t = w.Dropdown(options=(_FROM_SIZE, *T_CATEGORIES), value=_FROM_SIZE,
                            description="T category", style=style)
        self.size = w.Text(value="15", description=SIZE_LABEL, continuous_update=False,
                           placeholder=f"e.g. 20.4 (0–{MAX_SIZE_MM:g})", style=style)
        self.chest_wall = w.Checkbox(value=False, description="Grows into chest wall")
        self.skin = w.Checkbox(value=False, description="Skin ulcer, nodules or oedema")
        self.inflammatory = w.Checkbox(value=False, description="Inflammatory carcinoma")
        self.extension = w.Checkbox(
            value=False, description="Fixed to pectoral muscle, or skin involved short of T4",
            layout=w.Layout(width="auto"))
        # A bare N3 is left out: SEER summary stage needs to know which N3 (N3c is distant).
        self.n = w.Dropdown(options=tuple(c for c in N_CATEGORIES if c != "N3"), value="N0",
                            description="N category", style=style)
        self.m = w.Dropdown(options=M_CATEGORIES, value="M0", description="M category", style=style)
        self.grade = w.Dropdown(options=_GRADES, value=2, description="Histologic grade",
                                style=style)
        self.er = w.Dropdown(options=_STATUSES, value="positive", description="ER", style=style)
        self.pr = w.Dropdown(options=_STATUSES, value="positive", description="PR", style=style)
        self.her2 = w.Dropdown(options=_STATUSES, value="negative", description="HER2",
                               style=style)
        self.score = w.Text(value="", description=SCORE_LABEL, continuous_update=False,
                            placeholder="not tested", style={"description_width": "24em"},
                            layout=w.Layout(width="32em"))
        self.stages = w.HTML()
        self.result = w.HTML()
        self.view = FigureView("560px")
        self.ruler = SizeRuler()
        self.image, self.caption = self.view.image, self.view.caption
        for control in (self.t, self.size, self.chest_wall, self.skin, self.inflammatory,
                        self.extension, self.n, self.m, self.grade, self.er, self.pr, self.her2,
                        self.score):
            control.observe(lambda _change: self.update(), names="value")
        self.widget = w.VBox([
            w.HTML("<strong>Stage explorer</strong>: AJCC 8 anatomic, clinical prognostic and "
                   "pathological prognostic stage; SEER summary stage and 5-year relative "
                   "survival"),
            w.HTML("<em>The tumour</em>"),
            self.t, self.size, self.chest_wall, self.skin, self.inflammatory, self.extension,
            self.n, self.m,
            w.HTML("<em>Its biology</em>"),
            self.grade, self.er, self.pr, self.her2, self.score,
            self.stages, self.result, self.image, self.caption,
        ])
        self.update()

    def current_t(self) -> str:
        """The T category chosen, or worked out from the size and flags."""
        if self.t.value != _FROM_SIZE:
            return self.t.value
        return t_category(read_size_mm(self.size.value), chest_wall=self.chest_wall.value,
                          skin=self.skin.value, inflammatory=self.inflammatory.value)

    def _size_sentence(self, t: str) -> str | None:
        """How the typed size became the T category (None when T was chosen directly)."""
        if self.t.value != _FROM_SIZE:
            return None
        size = read_size_mm(self.size.value)
        recorded = recorded_size_mm(size)
        if t.startswith("T4"):
            return f"{t}: spread to the chest wall or skin, or inflammatory carcinoma, is T4 " \
                   f"whatever the size."
        if recorded != size:
            return (f"Measured {size:g} mm is recorded as {recorded:g} mm (AJCC rounds to the "
                    f"nearest whole millimetre; above 1 and below 2 mm becomes 2 mm): {t}.")
        return f"Measured {size:g} mm: {t}."

    def prognostic(self, t: str, kind: str) -> PrognosticResult:
        """The clinical or pathological prognostic stage for the current controls."""
        return prognostic_result(t, self.n.value, self.m.value, grade=self.grade.value,
                                 her2=self.her2.value, er=self.er.value, pr=self.pr.value,
                                 kind=kind, recurrence_score=read_recurrence_score(self.score.value))

    def _stages_html(self, t: str, stage: str, clinical: PrognosticResult,
                     pathological: PrognosticResult) -> str:
        """The three stage groups side by side, as a small table."""
        cells = (("Anatomic", stage, "T, N and M only"),
                 ("Clinical prognostic", clinical.stage, "everyone, before treatment"),
                 ("Pathological prognostic", pathological.stage,
                  "only when surgery comes first"))
        head = "".join(f'<th style="padding:2px 12px;text-align:left">{html.escape(name)}</th>'
                       for name, _stage, _when in cells)
        body = "".join(f'<td style="padding:2px 12px"><strong>{html.escape(value)}</strong> '
                       f'<span style="font-size:85%">({html.escape(when)})</span></td>'
                       for _name, value, when in cells)
        caption = html.escape(f"Stage groups for {t} {self.n.value} {self.m.value}")
        return (f'<table aria-label="{caption}"><caption style="text-align:left">{caption}'
                f"</caption><tr>{head}</tr><tr>{body}</tr></table>")

    def _score_sentence(self, pathological: PrognosticResult) -> str | None:
        """Why a recurrence score that was typed did or did not change the stage."""
        score = read_recurrence_score(self.score.value)
        if score is None:
            return None
        if pathological.recurrence_score_used:
            return (f"A recurrence score of {score:g} (below {RECURRENCE_SCORE_CUTOFF}) makes "
                    f"this T1-T2 N0 M0, ER-positive, HER2-negative cancer pathological stage "
                    f"IA; the clinical table does not use the score.")
        if score < RECURRENCE_SCORE_CUTOFF:
            return (f"The recurrence score of {score:g} does not change the stage: the rule "
                    f"applies only to T1-T2 N0 M0, ER-positive, HER2-negative cancers, and only "
                    f"in the pathological table.")
        return (f"A recurrence score of {score:g} ({RECURRENCE_SCORE_CUTOFF} or more) does not "
                f"change the stage.")

    def update(self) -> None:
        """Recompute every output from the current control values."""
        try:
            t = self.current_t()
            stage = anatomic_stage(t, self.n.value, self.m.value)
            summary = summary_stage(t, self.n.value, self.m.value,
                                    regional_extension=self.extension.value)
            clinical = self.prognostic(t, "clinical")
            pathological = self.prognostic(t, "pathological")
            size_line = self._size_sentence(t)
            score_line = self._score_sentence(pathological)
            ruler = self.t.value == _FROM_SIZE and not t.startswith("T4")
        except ValueError as error:
            self.stages.value = ""
            self.result.value = error_html(error)
            self.view.clear()
            return
        self.stages.value = self._stages_html(t, stage, clinical, pathological)
        subtype = subtype_of(self.er.value, self.pr.value, self.her2.value)
        pct = survival_for(subtype, summary)
        lines = [size_line] if size_line else []
        lines += [clinical.explanation, pathological.explanation]
        if score_line:
            lines.append(score_line)
        lines.append(f"{t} {self.n.value} {self.m.value}: AJCC 8 anatomic stage {stage}; "
                     f"SEER summary stage {summary}.")
        if self.extension.value and summary == "regional" and \
                summary_stage(t, self.n.value, self.m.value) == "localized":
            lines.append("Fixation to the pectoral muscle or skin involvement short of T4 does "
                         "not change the AJCC stage, but SEER counts it as regional.")
        if self.n.value == "N3c" and self.m.value != "M1":
            lines.append("AJCC stages ipsilateral supraclavicular nodes as N3c (stage IIIC), "
                         "but SEER Summary Stage 2018 counts them as distant.")
        if subtype.endswith("HER2+"):
            lines.append(f"The survival table of this collection covers HER2-negative subtypes "
                         f"only; this tumour is {subtype}.")
        elif pct is None:
            lines.append("The survival table has no row for in situ disease.")
        else:
            lines.append(f"SEER 5-year relative survival, {subtype}, {summary}: "
                         f"{pct:g} % (seed table; groups diagnosed years ago, not a personal "
                         f"chance).")
        self.result.value = "".join(message_html(line) for line in lines)
        if ruler:
            size = read_size_mm(self.size.value)
            self.view.show(("ruler", size), lambda: self.ruler.frame(size))
        else:
            self.view.clear()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def staging_explorer() -> StagingExplorer:
    """Return a new staging explorer widget (display it as a cell's last line)."""
    return StagingExplorer()
