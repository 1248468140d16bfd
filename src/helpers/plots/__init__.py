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
import contextlib
import io
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..palette import NEUTRAL

__all__ = ["AccessibleFigure", "RenderedFigure", "Overlay", "new_figure", "footnote",
           "figure_png", "FONT_SIZE", "MIN_FONT_PT", "DPI"]

FONT_SIZE = 11
#: Resolution of every PNG (dots per inch).
DPI = 100
#: The smallest text any figure of the collection may hold, in points: 9 pt is 12.5 pixels at
#: :data:`DPI`, readable on a laptop and on a projector at the back of a room (the footnotes,
#: the smallest text of all, use it). ``tests/test_figure_text.py`` holds every figure to it.
MIN_FONT_PT = 9
_RC = {
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE + 1,
    "axes.labelsize": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "her2neg",
}
#: Figures drawn without glyph hinting (see ``new_figure(hinted=False)``).
_UNHINTED: "weakref.WeakSet[Figure]" = weakref.WeakSet()


def new_figure(
    width: float = 6.4,
    height: float = 4.0,
    *,
    margins: tuple[float, float, float, float] | None = None,
    hinted: bool = True,
) -> Figure:
    """Return a new figure of the given size in inches, in the collection's style.

    By default matplotlib's constrained layout places the axes. A figure whose text around the
    axes has a known size may pass ``margins`` instead: the space (left, bottom, right, top) in
    inches between the figure's edges and its grid of axes, which must leave room for tick
    labels, axis labels, the title and the footnote strip. Fixed margins draw several times
    faster than a computed layout, which matters in widgets that redraw as a student types.

    ``hinted=False`` draws the figure's text without FreeType's hinting (the fitting of each
    glyph outline to the pixel grid): in a figure made mostly of small text (a flowchart, a
    grid of labelled panels) unhinted glyphs draw faster (about 8 % with matplotlib 3.10, a
    quarter with 3.11, which renders text glyph by glyph), at the cost of slightly softer
    letters. Hinting is read when the
    figure is drawn, so the figure remembers the choice and :func:`figure_png` and
    :class:`Overlay` apply it.
    """
    import matplotlib

    from matplotlib.layout_engine import ConstrainedLayoutEngine

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width, height), dpi=DPI)
    if margins is None:
        # Leave a strip at the bottom for the source footnote (see footnote()).
        fig.set_layout_engine(ConstrainedLayoutEngine(rect=(0, 0.05, 1, 0.95)))
    else:
        left, bottom, right, top = margins
        if left + right >= width or bottom + top >= height:
            raise ValueError(f"margins {margins} leave no room in a {width} x {height} in figure")
        fig.subplots_adjust(left=left / width, bottom=bottom / height,
                            right=1 - right / width, top=1 - top / height)
    if not hinted:
        _UNHINTED.add(fig)
    return fig


@contextlib.contextmanager
def _text_style(fig: Figure) -> Iterator[None]:
    """The settings that text in ``fig`` is drawn with (hinting; see :func:`new_figure`)."""
    if fig in _UNHINTED:
        import matplotlib

        with matplotlib.rc_context({"text.hinting": "no_hinting"}):
            yield
    else:
        yield


def footnote(fig: Figure, text: str) -> None:
    """Write a source note in the strip at the bottom of a figure made by :func:`new_figure`."""
    fig.text(0.01, 0.01, text, fontsize=MIN_FONT_PT, color=NEUTRAL, ha="left", va="bottom")


def _encode_png(canvas: FigureCanvasAgg) -> bytes:
    """PNG bytes of what ``canvas`` holds now (no metadata, so the bytes are repeatable)."""
    from PIL import Image

    buffer = io.BytesIO()
    # Fast zlib level: files barely grow, and encoding takes about half as long.
    Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buffer, format="png",
                                                          compress_level=1)
    return buffer.getvalue()


def _draw(fig: Figure) -> FigureCanvasAgg:
    """Draw ``fig`` on a new Agg canvas and return the canvas.

    Constrained layout needs a second pass to settle (long titles are cut off after one), so a
    figure that uses it is laid out once before it is drawn, as ``savefig`` does; a figure with
    fixed ``margins`` is drawn straight away.
    """
    canvas = FigureCanvasAgg(fig)
    with _text_style(fig):
        if fig.get_layout_engine() is not None:
            fig.draw_without_rendering()
        canvas.draw()
    return canvas


def figure_png(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes at the collection's resolution (:data:`DPI`)."""
    return _encode_png(_draw(fig))


class Overlay:
    """Quick redraws of a figure in which only a few artists change (matplotlib's "blitting").

    The figure is drawn once without the ``moving`` artists and that picture is kept; each
    :meth:`png` pastes it back and draws only the moving artists on top, in their current
    state. The caller changes those artists (position, text) between calls. The picture is the
    same as a full redraw as long as the moving artists do not overlap the rest.
    """

    def __init__(self, figure: Figure, moving: list[Artist]) -> None:
        self.figure = figure
        self.moving = list(moving)
        for artist in self.moving:
            artist.set_animated(True)
        self._canvas = _draw(figure)
        self._background = self._canvas.copy_from_bbox(figure.bbox)

    def png(self) -> bytes:
        """PNG bytes of the kept picture with the moving artists drawn as they are now."""
        self._canvas.restore_region(self._background)
        with _text_style(self.figure):
            for artist in self.moving:
                (artist.axes or self.figure).draw_artist(artist)
        return _encode_png(self._canvas)


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


@dataclass(frozen=True)
class RenderedFigure:
    """A figure already rendered to PNG, with its alt text (what :class:`Overlay` frames give).

    It has the same ``png()`` and ``alt`` as :class:`AccessibleFigure`, so widgets take either.
    """

    png_bytes: bytes
    alt: str

    def png(self) -> bytes:
        """The figure as PNG bytes."""
        return self.png_bytes
