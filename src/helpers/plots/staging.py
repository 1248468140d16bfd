"""Figures for the staging lesson: the AJCC 8 T size thresholds drawn on a millimetre ruler."""

from __future__ import annotations

from ..palette import NEUTRAL, OKABE_ITO
from ..staging import T_SIZE_CUTOFFS, t_category
from . import AccessibleFigure, footnote, new_figure

__all__ = ["t_size_ruler"]

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


def t_size_ruler(size_mm: float | None = None, *, upper_mm: float = 70.0) -> AccessibleFigure:
    """A ruler from 0 to ``upper_mm`` millimetres split into the AJCC 8 T size bands.

    Each band is labelled with its T category and its range; cut-offs (1, 5, 10, 20, 50 mm)
    are inclusive upper limits. With ``size_mm``, a marker shows where that tumour falls and the
    alt text names its T category (from :func:`helpers.staging.t_category`). Raises
    ``ValueError`` for a size that :func:`~helpers.staging.t_category` refuses.
    """
    marked = t_category(size_mm) if size_mm is not None else None
    if size_mm is not None and float(size_mm) > upper_mm - 5:
        upper_mm = float(size_mm) + 10.0  # keep the marker on the ruler
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
            y = {"T1mi": 0.45, "T1b": 0.7}.get(name, 0.95)  # staggered so labels never overlap
            shift = 0.0 if name == "T1mi" else 0.04 * upper_mm
            ax.annotate(label.replace("\n", " "), xy=((low + high) / 2, 0.3),
                        xytext=((low + high) / 2 + shift, y),
                        fontsize=8, ha="left", arrowprops={"arrowstyle": "-", "color": NEUTRAL})
        low = high
    if size_mm is not None:
        ax.plot([float(size_mm)], [-0.45], marker="^", markersize=12, color=OKABE_ITO["black"])
        ax.text(float(size_mm), -0.75, f"{float(size_mm):g} mm → {marked}", ha="center",
                va="top", fontsize=9)
    ax.set_xlim(0, upper_mm)
    ax.set_ylim(-1.1, 1.1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xticks([1, 5, 10, 20, 30, 40, 50] + list(range(60, int(upper_mm) + 1, 10)))
    ax.set_xlabel("Greatest dimension of the invasive tumour (mm)")
    ax.set_title("AJCC 8 T categories by tumour size (T4 is set by spread, not size)")
    footnote(fig, _AJCC)
    alt = ("A ruler of tumour size in millimetres divided into bands: T1mi up to 1 mm, T1a "
           "over 1 up to 5 mm, T1b over 5 up to 10 mm, T1c over 10 up to 20 mm, T2 over 20 up "
           "to 50 mm, and T3 over 50 mm. Each upper limit belongs to the smaller category.")
    if marked is not None:
        alt += f" A marker at {float(size_mm):g} mm falls in {marked}."
    return AccessibleFigure(fig, alt)
