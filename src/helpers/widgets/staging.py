"""The staging explorer: T, N, M (or a size in mm and extension flags) → stage group, SEER
summary stage and the survival table's figure for that row."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..plots.staging import SizeRuler
from ..staging import M_CATEGORIES, N_CATEGORIES, T_CATEGORIES, anatomic_stage, summary_stage, t_category
from ..survival import load_survival_table
from . import Explorer, FigureView, error_html, message_html

__all__ = ["StagingExplorer", "staging_explorer"]

_SUBTYPES = (("HR+/HER2- (hormone-receptor positive)", "HR+/HER2-"),
             ("HR-/HER2- (triple-negative)", "HR-/HER2-"))
_FROM_SIZE = "from size in mm"


def survival_for(subtype: str, summary: str) -> float | None:
    """The seed table's 5-year relative survival for a subtype and summary stage (None: no row)."""
    table = load_survival_table()
    rows = table[(table["subtype"] == subtype) & (table["stage"] == summary)]
    return float(rows["survival_pct"].iloc[0]) if len(rows) else None


class StagingExplorer(Explorer):
    """A widget over :func:`helpers.staging.anatomic_stage`, :func:`~helpers.staging.summary_stage`
    and :func:`~helpers.staging.t_category`.

    Choose T directly, or choose "from size in mm" and give the size and extension flags;
    choose N, M and a subtype. Bad input shows the helper's message and the widget stays usable.
    """

    def __init__(self) -> None:
        style = {"description_width": "10em"}
        self.t = w.Dropdown(options=(_FROM_SIZE, *T_CATEGORIES), value=_FROM_SIZE,
                            description="T category", style=style)
        self.size = w.FloatText(value=15.0, description="Tumour size (mm)", style=style)
        self.chest_wall = w.Checkbox(value=False, description="Grows into chest wall")
        self.skin = w.Checkbox(value=False, description="Skin ulcer, nodules or oedema")
        self.inflammatory = w.Checkbox(value=False, description="Inflammatory carcinoma")
        self.n = w.Dropdown(options=N_CATEGORIES, value="N0", description="N category", style=style)
        self.m = w.Dropdown(options=M_CATEGORIES, value="M0", description="M category", style=style)
        self.subtype = w.Dropdown(options=_SUBTYPES, value="HR+/HER2-", description="Subtype",
                                  style=style)
        self.result = w.HTML()
        self.view = FigureView("560px")
        self.ruler = SizeRuler()
        self.image, self.caption = self.view.image, self.view.caption
        for control in (self.t, self.size, self.chest_wall, self.skin, self.inflammatory,
                        self.n, self.m, self.subtype):
            control.observe(lambda _change: self.update(), names="value")
        self.widget = w.VBox([
            w.HTML("<strong>Staging explorer</strong> (AJCC 8 anatomic stage, SEER summary "
                   "stage, SEER 5-year relative survival)"),
            self.t, self.size, self.chest_wall, self.skin, self.inflammatory, self.n, self.m,
            self.subtype, self.result, self.image, self.caption,
        ])
        self.update()

    def current_t(self) -> str:
        """The T category chosen, or worked out from the size and flags."""
        if self.t.value != _FROM_SIZE:
            return self.t.value
        return t_category(self.size.value, chest_wall=self.chest_wall.value,
                          skin=self.skin.value, inflammatory=self.inflammatory.value)

    def update(self) -> None:
        """Recompute every output from the current control values."""
        try:
            t = self.current_t()
            stage = anatomic_stage(t, self.n.value, self.m.value)
            summary = summary_stage(t, self.n.value, self.m.value)
            ruler = self.t.value == _FROM_SIZE and not t.startswith("T4")
        except ValueError as error:
            self.result.value = error_html(error)
            self.view.clear()
            return
        pct = survival_for(self.subtype.value, summary)
        lines = [f"{t} {self.n.value} {self.m.value}: AJCC 8 anatomic stage {stage}; "
                 f"SEER summary stage {summary}."]
        if pct is None:
            lines.append("The survival table has no row for in situ disease.")
        else:
            lines.append(f"SEER 5-year relative survival, {self.subtype.value}, {summary}: "
                         f"{pct:g} % (seed table; groups diagnosed years ago, not a personal "
                         f"chance).")
        self.result.value = "".join(message_html(line) for line in lines)
        if ruler:
            size = float(self.size.value)
            self.view.show(("ruler", size), lambda: self.ruler.frame(size))
        else:
            self.view.clear()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def staging_explorer() -> StagingExplorer:
    """Return a new staging explorer widget (display it as a cell's last line)."""
    return StagingExplorer()
