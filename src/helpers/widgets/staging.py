"""The staging explorer: T, N, M (or a size in mm and extension flags) → stage group, SEER
summary stage and the survival table's figure for that row."""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as w

from ..plots.staging import SizeRuler
from ..staging import (
    M_CATEGORIES, MAX_SIZE_MM, N_CATEGORIES, T_CATEGORIES, anatomic_stage, recorded_size_mm,
    summary_stage, t_category,
)
from ..survival import load_survival_table
from . import FigureView, error_html, message_html

__all__ = ["StagingExplorer", "staging_explorer", "read_size_mm", "SIZE_LABEL"]

_SUBTYPES = (("HR+/HER2- (hormone-receptor positive)", "HR+/HER2-"),
             ("HR-/HER2- (triple-negative)", "HR-/HER2-"))
_FROM_SIZE = "from size in mm"
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


def survival_for(subtype: str, summary: str) -> float | None:
    """The seed table's 5-year relative survival for a subtype and summary stage (None: no row)."""
    table = load_survival_table()
    rows = table[(table["subtype"] == subtype) & (table["stage"] == summary)]
    return float(rows["survival_pct"].iloc[0]) if len(rows) else None


class StagingExplorer:
    """A widget over :func:`helpers.staging.anatomic_stage`, :func:`~helpers.staging.summary_stage`
    and :func:`~helpers.staging.t_category`.

    Choose T directly, or choose "from size in mm" and type the measured size (the explorer
    rounds it as AJCC records it and says so) and tick any extension; choose N, M and a subtype.
    Bad input shows one sentence naming the field, and the widget stays usable.
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
        self.n = w.Dropdown(options=N_CATEGORIES, value="N0", description="N category", style=style)
        self.m = w.Dropdown(options=M_CATEGORIES, value="M0", description="M category", style=style)
        self.subtype = w.Dropdown(options=_SUBTYPES, value="HR+/HER2-", description="Subtype",
                                  style=style)
        self.result = w.HTML()
        self.view = FigureView("560px")
        self.ruler = SizeRuler()
        self.image, self.caption = self.view.image, self.view.caption
        for control in (self.t, self.size, self.chest_wall, self.skin, self.inflammatory,
                        self.extension, self.n, self.m, self.subtype):
            control.observe(lambda _change: self.update(), names="value")
        self.widget = w.VBox([
            w.HTML("<strong>Staging explorer</strong> (AJCC 8 anatomic stage, SEER summary "
                   "stage, SEER 5-year relative survival)"),
            self.t, self.size, self.chest_wall, self.skin, self.inflammatory, self.extension,
            self.n, self.m, self.subtype, self.result, self.image, self.caption,
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

    def update(self) -> None:
        """Recompute every output from the current control values."""
        try:
            t = self.current_t()
            stage = anatomic_stage(t, self.n.value, self.m.value)
            summary = summary_stage(t, self.n.value, self.m.value,
                                    regional_extension=self.extension.value)
            size_line = self._size_sentence(t)
            ruler = self.t.value == _FROM_SIZE and not t.startswith("T4")
        except ValueError as error:
            self.result.value = error_html(error)
            self.view.clear()
            return
        pct = survival_for(self.subtype.value, summary)
        lines = [size_line] if size_line else []
        lines.append(f"{t} {self.n.value} {self.m.value}: AJCC 8 anatomic stage {stage}; "
                     f"SEER summary stage {summary}.")
        if self.extension.value and summary == "regional" and \
                summary_stage(t, self.n.value, self.m.value) == "localized":
            lines.append("Fixation to the pectoral muscle or skin involvement short of T4 does "
                         "not change the AJCC stage, but SEER counts it as regional.")
        if pct is None:
            lines.append("The survival table has no row for in situ disease.")
        else:
            lines.append(f"SEER 5-year relative survival, {self.subtype.value}, {summary}: "
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
