"""Plotting helpers: one figure style for the whole collection, with alt text on every figure.

Every figure function in this package builds a :class:`matplotlib.figure.Figure` directly (not
through ``pyplot``, so nothing is displayed twice or left open) and returns it wrapped in
:class:`AccessibleFigure`, which carries the figure's alt text. In a notebook the last line of a
cell shows it as a PNG whose output metadata holds the alt text (the static site turns it into
the image's ``alt`` attribute); its plain-text form is the alt text itself, so readers of the text
output and nbval see the description. Colours come from :mod:`helpers.palette` only, and each
colour is paired with a hatch, marker or label so that nothing depends on colour alone.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure

from ..palette import NEUTRAL

__all__ = ["AccessibleFigure", "new_figure", "footnote", "figure_png", "FONT_SIZE"]

FONT_SIZE = 11
_RC = {
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE + 1,
    "axes.labelsize": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "her2neg",
}


def new_figure(width: float = 6.4, height: float = 4.0) -> Figure:
    """Return a new figure of the given size in inches, in the collection's style."""
    import matplotlib

    from matplotlib.layout_engine import ConstrainedLayoutEngine

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width, height), dpi=100)
    # Leave a strip at the bottom for the source footnote (see footnote()).
    fig.set_layout_engine(ConstrainedLayoutEngine(rect=(0, 0.05, 1, 0.95)))
    return fig


def footnote(fig: Figure, text: str) -> None:
    """Write a source note in the strip at the bottom of a figure made by :func:`new_figure`."""
    fig.text(0.01, 0.01, text, fontsize=8, color=NEUTRAL, ha="left", va="bottom")


def figure_png(fig: Figure, dpi: int = 100) -> bytes:
    """Render ``fig`` to PNG bytes (no timestamps, so the bytes are repeatable)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


@dataclass(frozen=True)
class AccessibleFigure:
    """A matplotlib figure together with its alt text.

    ``figure`` is the Figure (tests inspect its axes); ``alt`` describes what the figure shows
    in words, for people who cannot see it.
    """

    figure: Figure
    alt: str

    def png(self) -> bytes:
        """The figure as PNG bytes."""
        return figure_png(self.figure)

    def __repr__(self) -> str:
        return f"[Figure: {self.alt}]"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Any:
        data = {
            "image/png": base64.b64encode(self.png()).decode("ascii"),
            "text/plain": repr(self),
        }
        metadata = {"image/png": {"alt": self.alt}}
        return data, metadata
