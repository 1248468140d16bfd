"""The HER2 copy-number slider: vary ERBB2 copies per cell, see receptor density and the IHC score
the teaching cartoon of :mod:`helpers.biology` would typically produce."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..biology import MAX_COPIES, NORMAL_COPIES, cell_cartoon
from ..plots.biology import cell_receptors
from . import Explorer, FigureView, error_html, message_html, readable_box

__all__ = ["CopyNumberExplorer", "copy_number_explorer"]


class CopyNumberExplorer(Explorer):
    """A widget over :func:`helpers.biology.cell_cartoon` and
    :func:`helpers.plots.biology.cell_receptors`. Bad input shows the helper's message."""

    def __init__(self, copies: float = NORMAL_COPIES, seed: int = 0) -> None:
        self.seed = seed
        # Whole steps, as lesson 1's exercise 1 says: each press of an arrow key adds one copy.
        self.copies = w.FloatSlider(value=copies, min=0, max=MAX_COPIES, step=1,
                                    readout_format=".0f",
                                    description="HER2 copies per cell",
                                    style={"description_width": "11em"},
                                    layout=w.Layout(width="auto", max_width="36em"),
                                    continuous_update=False)
        self.result = w.HTML()
        self.view = FigureView("320px")
        self.image, self.caption = self.view.image, self.view.caption
        self.copies.observe(lambda _change: self.update(), names="value")
        self.widget = readable_box(
            [self.copies, self.result, self.image, self.caption],
            "<strong>HER2 copy number → receptors → typical IHC score</strong>"
            " (a teaching cartoon with illustrative steps: real scores come from staining)")
        self.update()

    def update(self, copies: Any = None) -> None:
        """Redraw for ``copies`` (default: the slider's value)."""
        value = self.copies.value if copies is None else copies
        try:
            cartoon = cell_cartoon(value, self.seed)
        except ValueError as error:
            self.result.value = error_html(error)
            self.caption.value = ""
            return
        self.result.value = message_html(
            f"{cartoon.copies:g} copies per cell, HER2/CEP17 ratio {cartoon.ratio:g} (ISH group"
            f" {cartoon.ish_group}): receptor density {cartoon.density:g} times a normal cell;"
            f" typical IHC score in this cartoon {cartoon.ihc} ({cartoon.words}).")
        self.view.show((cartoon.copies, self.seed), lambda: cell_receptors(value, self.seed))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def copy_number_explorer(copies: float = NORMAL_COPIES) -> CopyNumberExplorer:
    """Return a new copy-number explorer (display it as a cell's last line)."""
    return CopyNumberExplorer(copies)
