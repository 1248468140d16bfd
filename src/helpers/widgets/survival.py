"""The survival explorer: choose a subtype and a stage, see the figure, 100 people, a sentence."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from .._validate import check_choice
from ..plots.survival import icon_array
from ..survival import (DEFAULT_RELEASE, STAGES, people_alive_of_100, survival_pct,
                        survival_sentence)
from . import Explorer, FigureView, error_html, message_html, readable_box

__all__ = ["SurvivalExplorer", "survival_explorer"]

#: How the explorer's heading names each table, so that every figure shown has its years.
_TABLE_NAMES = {
    "seed": "seed table, whose source does not name the years of diagnosis",
    "2013-2019": "diagnoses 2013-2019",
}

_SUBTYPE_LABELS = (
    ("HR+/HER2- (hormone-receptor positive)", "HR+/HER2-"),
    ("HR-/HER2- (triple-negative)", "HR-/HER2-"),
)


class SurvivalExplorer(Explorer):
    """A widget over :func:`helpers.survival.survival_pct` and :func:`~helpers.plots.survival.icon_array`.

    Pick a subtype and a stage to see the seed table's figure; or type any percentage into
    "Try a percentage" to see what it looks like as 100 people. Bad input (a percentage
    outside 0-100) shows the helper's message and leaves the widget usable.
    """

    message_widget = "figure"

    def __init__(self, release: str = DEFAULT_RELEASE) -> None:
        # Only the releases with a row per stage fit the explorer's stage menu.
        self.release = check_choice("release", release, tuple(_TABLE_NAMES))
        style = {"description_width": "9em"}
        self.subtype = w.Dropdown(options=_SUBTYPE_LABELS, value="HR+/HER2-",
                                  description="Subtype", style=style)
        self.stage = w.Dropdown(options=[(s.capitalize(), s) for s in STAGES],
                                value="regional", description="Stage", style=style)
        self.custom = w.Text(value="", placeholder="0-100, e.g. 50 (empty = use the table)",
                             description="Try a percentage (0-100)", style=style)
        self.figure = w.HTML()
        self.sentence = w.HTML()
        self.view = FigureView("320px")
        self.image, self.caption = self.view.image, self.view.caption
        for control in (self.subtype, self.stage, self.custom):
            control.observe(lambda _change: self.update(), names="value")
        self.widget = readable_box(
            [self.subtype, self.stage, self.custom, self.figure, self.image, self.caption,
             self.sentence],
            "<strong>Survival explorer</strong> (SEER 5-year relative survival; "
            + html.escape(_TABLE_NAMES[self.release]) + ")")
        self.update()

    def update(self) -> None:
        """Recompute every output from the current control values."""
        try:
            text = self.custom.value.strip()
            if text:
                shown = text if len(text) <= 20 else text[:19] + "…"
                try:
                    percent = float(text.removesuffix("%").strip())
                except ValueError:
                    percent = float("nan")
                if not 0 <= percent <= 100:  # NaN, infinities and very long numbers too
                    raise ValueError(f"The percentage must be a number between 0 and 100 %; "
                                     f"got {shown!r}")
                people = people_alive_of_100(percent)
                label = f"Your figure: {percent:g} %"
                sentence = (f"A relative survival of {percent:g} % would mean about {people} "
                            f"women alive for every 100 alive among women of the same age and "
                            f"race in the general population over the same years.")
            else:
                percent = survival_pct(self.subtype.value, self.stage.value, self.release)
                label = f"{self.subtype.value}, {self.stage.value}"
                sentence = survival_sentence(self.subtype.value, self.stage.value, self.release)
        except ValueError as error:
            self.figure.value = error_html(error)
            self.sentence.value = ""
            return
        self.figure.value = message_html(f"5-year relative survival: {percent:g} %")
        self.view.show((percent, label), lambda: icon_array(percent, label))
        self.sentence.value = message_html(sentence)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def survival_explorer(release: str = DEFAULT_RELEASE) -> SurvivalExplorer:
    """Return a new survival explorer widget (display it as a cell's last line)."""
    return SurvivalExplorer(release)
