"""Figures for the staging lesson: the AJCC 8 T size thresholds drawn on a millimetre ruler.
(The prognostic stage figure is :func:`helpers.plots.prognostic.prognostic_grid`.)"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from .._validate import check_number
from ..palette import NEUTRAL, OKABE_ITO
from ..staging import MAX_SIZE_MM, T_SIZE_CUTOFFS, recorded_size_mm, t_category
from . import MIN_FONT_PT, AccessibleFigure, Overlay, RenderedFigure, footnote, new_figure

__all__ = ["t_size_ruler", "SizeRuler"]

_AJCC = "Source: AJCC Cancer Staging Manual, 8th edition (2017; breast chapter updated 2018)"

# One colour and one hatch per band, so that the bands differ by pattern as well as colour.
_BANDS = (
    ("T1mi", OKABE_ITO["sky blue"], ""),
    ("T1a", OKABE_ITO["bluish green"], "//"),
    ("T1b", OKABE_ITO["yellow"], ".."),
    ("T1c", OKABE_ITO["orange"], "\\\\"),
    ("T2", OKABE_ITO["blue"], "xx"),
    ("T3", OKABE_ITO["vermillion"], "--"),
)


_UPPER_MM = 70.0
_MARKER_Y, _LABEL_Y = -0.45, -0.75


def _ruler_upper(size_mm: float | None, upper_mm: float) -> float:
    """The ruler's right end: ``upper_mm``, or further so that the marker stays on the ruler.

    Never beyond :data:`~helpers.staging.MAX_SIZE_MM` + 10 mm, so the ruler has at most a few
    dozen ticks whatever it is asked for (sizes above the bound are refused before drawing)."""
    if size_mm is not None and recorded_size_mm(size_mm) > upper_mm - 5:
        return min(recorded_size_mm(size_mm), MAX_SIZE_MM) + 10.0
    return upper_mm


def _draw_ruler(upper_mm: float) -> tuple[Figure, Axes]:
    """The ruler itself: the T bands from 0 to ``upper_mm`` with their labels, no marker."""
    fig = new_figure(8.0, 2.8)
    ax = fig.add_subplot()
    low = 0.0
    edges = [limit for limit, _ in T_SIZE_CUTOFFS] + [upper_mm]
    for (name, colour, hatch), high in zip(_BANDS, edges, strict=True):
        ax.barh(0, high - low, left=low, height=0.6, color=colour, hatch=hatch,
                edgecolor="white", linewidth=0.8)
        label = f"{name}\n>{low:g}–{high:g} mm" if name not in ("T1mi", "T3") else (
            f"{name}\n≤{high:g} mm" if name == "T1mi" else f"{name}\n>{low:g} mm")
        if high - low >= 8:
            ax.text((low + high) / 2, 0, label, ha="center", va="center", fontsize=9,
                    bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1})
        else:  # narrow bands: label above the ruler with a leader line
            y = {"T1mi": 0.95, "T1a": 0.7}.get(name, 0.45)  # staggered so no line crosses a label
            shift = 0.0 if name == "T1mi" else 0.04 * upper_mm
            # A plain line and a text rather than annotate(): clipping an annotation's arrow
            # to its text box made this figure too slow to redraw in a widget.
            middle = (low + high) / 2
            ax.plot([middle, middle + shift], [0.3, y], color=NEUTRAL, linewidth=1)
            ax.text(middle + shift, y, label.replace("\n", " "), fontsize=MIN_FONT_PT, ha="left",
                    va="bottom")
        low = high
    ax.set_xlim(0, upper_mm)
    ax.set_ylim(-1.1, 1.1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xticks([1, 5, 10, 20, 30, 40, 50] + list(range(60, int(upper_mm) + 1, 10)))
    ax.set_xlabel("Greatest dimension of the invasive tumour (mm)")
    ax.set_title("AJCC 8 T categories by tumour size (T4 is set by spread, not size)")
    footnote(fig, _AJCC)
    return fig, ax


def _draw_marker(ax: Axes) -> tuple[Line2D, Text]:
    """The size marker and its label, placed by :func:`_move_marker`."""
    marker, = ax.plot([0.0], [_MARKER_Y], marker="^", markersize=12, color=OKABE_ITO["black"])
    label = ax.text(0.0, _LABEL_Y, "", ha="center", va="top", fontsize=9)
    # The layout never depends on where the marker is, so the ruler can be drawn once.
    marker.set_in_layout(False)
    label.set_in_layout(False)
    return marker, label


def _size_text(size_mm: float) -> str:
    """"20.4 mm, recorded as 20 mm" when AJCC's rounding changes the size, else "20 mm"."""
    recorded = recorded_size_mm(size_mm)
    if recorded == float(size_mm):
        return f"{float(size_mm):g} mm"
    return f"{float(size_mm):g} mm, recorded as {recorded:g} mm,"


def _move_marker(marker: Line2D, label: Text, size_mm: float, marked: str) -> None:
    # The marker stands at the recorded size: the size the T category is read from.
    at = recorded_size_mm(size_mm)
    marker.set_data([at], [_MARKER_Y])
    label.set_position((at, _LABEL_Y))
    label.set_text(f"{_size_text(size_mm).rstrip(',')} → {marked}")
    # Near either end of the ruler the label runs inwards, so it is never cut off.
    upper = marker.axes.get_xlim()[1]
    label.set_horizontalalignment(
        "left" if at < 0.1 * upper else "right" if at > 0.9 * upper else "center")


def _ruler_alt(size_mm: float | None, marked: str | None) -> str:
    alt = ("A ruler of tumour size in millimetres divided into bands: T1mi up to 1 mm, T1a "
           "over 1 up to 5 mm, T1b over 5 up to 10 mm, T1c over 10 up to 20 mm, T2 over 20 up "
           "to 50 mm, and T3 over 50 mm. Each upper limit belongs to the smaller category. "
           "Sizes are first rounded to the nearest whole millimetre (above 1 and below 2 mm: "
           "up to 2 mm).")
    if marked is not None:
        alt += f" A marker at {_size_text(size_mm)} falls in {marked}."
    return alt


def t_size_ruler(size_mm: float | None = None, *, upper_mm: float = _UPPER_MM) -> AccessibleFigure:
    """A ruler from 0 to ``upper_mm`` millimetres split into the AJCC 8 T size bands.

    Each band is labelled with its T category and its range; cut-offs (1, 5, 10, 20, 50 mm)
    are inclusive upper limits. With ``size_mm`` (as measured), a marker shows where that
    tumour falls once its size is rounded as AJCC records it
    (:func:`helpers.staging.recorded_size_mm`), and the label and alt text name the recorded
    size and the T category (from :func:`helpers.staging.t_category`). Raises ``ValueError``
    for a size that :func:`~helpers.staging.t_category` refuses (above 0 and at most
    :data:`~helpers.staging.MAX_SIZE_MM` mm), before anything is drawn, and for an
    ``upper_mm`` outside 70 to :data:`~helpers.staging.MAX_SIZE_MM` + 10 mm.
    """
    marked = t_category(size_mm) if size_mm is not None else None
    upper_mm = check_number("upper_mm", upper_mm, low=_UPPER_MM, high=MAX_SIZE_MM + 10.0,
                            unit=" mm")
    fig, ax = _draw_ruler(_ruler_upper(size_mm, upper_mm))
    if size_mm is not None:
        _move_marker(*_draw_marker(ax), float(size_mm), marked)
    return AccessibleFigure(fig, _ruler_alt(size_mm, marked))


class SizeRuler:
    """:func:`t_size_ruler` for one size after another, quickly enough for a widget.

    The ruler is drawn once (again only when a size needs a longer ruler) and each size then
    redraws just the marker and its label (:class:`~helpers.plots.Overlay`); the picture is the
    one :func:`t_size_ruler` draws.
    """

    def __init__(self) -> None:
        self._upper: float | None = None
        self._overlay: Overlay | None = None
        self._marker: tuple[Line2D, Text] | None = None

    def frame(self, size_mm: float) -> RenderedFigure:
        """The ruler marked at ``size_mm``, as PNG bytes with alt text. Raises ``ValueError``
        for a size that :func:`~helpers.staging.t_category` refuses."""
        marked = t_category(size_mm)
        size = float(size_mm)
        upper = _ruler_upper(size, _UPPER_MM)
        if self._overlay is None or upper != self._upper:
            fig, ax = _draw_ruler(upper)
            self._marker = _draw_marker(ax)
            self._overlay = Overlay(fig, list(self._marker))
            self._upper = upper
        _move_marker(*self._marker, size, marked)
        return RenderedFigure(self._overlay.png(), _ruler_alt(size, marked))
