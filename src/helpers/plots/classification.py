"""Figures for the classification lesson: stylised HER2 membrane staining, the HER2 algorithm
drawn from the rule tables in :mod:`helpers.her2`, and a simulated ISH field.

Sources: Wolff AC et al., J Clin Oncol 2018;36:2105-2122 (affirmed 2023, J Clin Oncol
2023;41:3867-3872). The staining panels are drawings that follow the guideline's words, not
images of tissue.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.patches import Circle, FancyBboxPatch, Wedge

from ..her2 import FINAL_RESULTS, IHC_SCORES, ISH_GROUPS
from ..ish import IshField
from ..palette import NEUTRAL, OKABE_ITO
from . import MIN_FONT_PT, AccessibleFigure, footnote, new_figure

__all__ = ["staining_panels", "her2_flowchart", "ish_field_figure"]

_SOURCE = "Source: ASCO/CAP HER2 guideline 2018 (Wolff et al.), affirmed 2023. Stylised drawing."
_BROWN = OKABE_ITO["orange"]

# (label, share of cells with membrane staining, arc covered 0-1, line width = intensity)
_PANELS = (
    ("0 (null)", 0.0, 0.0, 0.0, "no membrane staining"),
    ("0 (ultralow)", 0.08, 0.4, 0.8, "faint, incomplete staining in ≤10 % of cells"),
    ("1+", 0.6, 0.45, 1.0, "faint, incomplete staining in >10 % of cells"),
    ("2+", 0.6, 1.0, 2.2, "weak to moderate complete staining in >10 % of cells"),
    ("3+", 0.9, 1.0, 4.5, "complete, intense staining in >10 % of cells"),
)


def staining_panels(seed: int = 2) -> AccessibleFigure:
    """Five panels of stylised tumour cells for IHC 0 (null), 0 (ultralow), 1+, 2+ and 3+.

    Stained membrane is drawn as a brown ring (thicker = more intense; partial arc = incomplete),
    each panel labelled with its score and the guideline's words, so colour is never the only cue.
    """
    rng = np.random.default_rng(seed)
    # Fixed margins: a title above each panel, its words and the footnote below.
    fig = new_figure(11.0, 3.2, margins=(0.1, 0.75, 0.1, 0.35))
    axes = fig.subplots(1, len(_PANELS), gridspec_kw={"wspace": 0.12})
    for ax, (label, share, arc, width, words) in zip(axes, _PANELS, strict=True):
        # An exact number of stained cells, so the share matches the guideline's words.
        stained = set(rng.choice(25, size=round(25 * share), replace=False).tolist())
        cells, nuclei, rings = [], [], []
        for i in range(5):
            for j in range(5):
                x, y = i + 0.5 + rng.uniform(-0.08, 0.08), j + 0.5 + rng.uniform(-0.08, 0.08)
                cells.append(Circle((x, y), 0.42, facecolor="white", edgecolor=NEUTRAL, lw=0.4))
                nuclei.append(Circle((x, y), 0.14, facecolor=OKABE_ITO["blue"], alpha=0.5))
                if 5 * i + j in stained:
                    start = rng.uniform(0, 360)
                    rings.append(Wedge((x, y), 0.45, start, start + 360 * arc, width=0.0,
                                       edgecolor=_BROWN, lw=width, fill=False))
        # One collection per kind of shape: adding 300 separate patches was slow to lay out.
        for patches in (cells, nuclei, rings):
            if patches:
                # Not clipped: the thickest rings reach just past the panel's edge.
                ax.add_collection(PatchCollection(patches, match_original=True, clip_on=False))
        ax.set_xlim(0, 5)
        ax.set_ylim(0, 5)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(f"IHC {label}", fontsize=11)
        ax.text(2.5, -0.35, textwrap.fill(words, 30), ha="center", va="top", fontsize=MIN_FONT_PT)
    footnote(fig, _SOURCE)
    alt = ("Five square panels of 25 round tumour cells with blue nuclei. IHC 0 (null): no "
           "membrane ring. 0 (ultralow): thin partial brown rings on 2 of 25 cells (8 %). 1+: "
           "thin partial rings on 15 of 25 cells. 2+: complete rings of medium thickness on 15 "
           "of 25 cells. 3+: thick complete rings on 22 of 25 cells.")
    return AccessibleFigure(fig, alt)


def _box(ax, x, y, text, colour, hatch="", w=2.3, h=0.7):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.05",
                                facecolor=colour, edgecolor=NEUTRAL, hatch=hatch, alpha=0.9))
    ax.text(x, y, text, ha="center", va="center", fontsize=MIN_FONT_PT,
            bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1})


_STATUS_STYLE = {"positive": (OKABE_ITO["reddish purple"], "xx"),
                 "negative": (OKABE_ITO["sky blue"], ""),
                 "equivocal": (OKABE_ITO["yellow"], "..")}


def _ratio_text(group) -> str:
    if group.ratio_low is not None:
        return f"ratio ≥{group.ratio_low:.1f}"
    return f"ratio <{group.ratio_high:.1f}"


def _copies_text(group) -> str:
    if group.copies_low is not None and group.copies_high is not None:
        return f"copies ≥{group.copies_low:.1f}, <{group.copies_high:.1f}"
    if group.copies_low is not None:
        return f"copies ≥{group.copies_low:.1f}"
    return f"copies <{group.copies_high:.1f}"


def her2_flowchart() -> AccessibleFigure:
    """The HER2 algorithm: IHC score → result, and for 2+ each ISH group → final result.

    Every box is read from :data:`helpers.her2.IHC_SCORES`, :data:`~helpers.her2.ISH_GROUPS`
    and :data:`~helpers.her2.FINAL_RESULTS`, so the chart cannot drift from the code. Results
    are written in words and differ by hatch as well as colour.
    """
    fig = new_figure(11.0, 6.0, margins=(0.1, 0.3, 0.1, 0.1))  # boxes only: no axis text
    ax = fig.add_subplot()
    ax.set_xlim(0, 14)
    ax.set_ylim(0, 7)
    ax.axis("off")
    _box(ax, 7, 6.5, "Invasive tumour: HER2 IHC score", "white", w=3.4)
    xs = {"3+": 1.6, "2+": 7.0, "1+": 11.0, "0": 13.0}
    for row in IHC_SCORES:
        x = xs[row.score]
        ax.annotate("", xy=(x, 5.6), xytext=(7, 6.15), arrowprops={"arrowstyle": "->",
                                                                   "color": NEUTRAL})
        status = row.result.split(":")[0]
        colour, hatch = _STATUS_STYLE[status]
        _box(ax, x, 5.25, f"IHC {row.score}\n{status.upper()}", colour, hatch,
             w=1.8 if row.score in ("1+", "0") else 2.3)
    # The reflex step is a label between two arrows: a short one from the 2+ box into it, and
    # the arrows to the five groups leave from below it, so no arrow runs through its words.
    ax.annotate("", xy=(7, 4.7), xytext=(7, 4.85), arrowprops={"arrowstyle": "->",
                                                               "color": NEUTRAL})
    ax.text(7, 4.55, "reflex dual-probe ISH on the same specimen (≥20 nuclei), or a new test"
            " (IHC or ISH) on a new specimen", ha="center", va="center", fontsize=MIN_FONT_PT)
    for k, group in enumerate(ISH_GROUPS):
        x = 3.2 + 1.9 * k
        ax.annotate("", xy=(x, 4.0), xytext=(7, 4.38), arrowprops={"arrowstyle": "->",
                                                                   "color": NEUTRAL})
        _box(ax, x, 3.5, f"Group {group.group}\n{_ratio_text(group)}\n{_copies_text(group)}",
             "white", w=1.8, h=0.9)
        final = next(r for r in FINAL_RESULTS if r.group == group.group and r.ihc == "2+")
        colour, hatch = _STATUS_STYLE[final.status]
        ax.annotate("", xy=(x, 2.15), xytext=(x, 3.0), arrowprops={"arrowstyle": "->",
                                                                   "color": NEUTRAL})
        _box(ax, x, 1.8, f"with IHC 2+:\n{final.status.upper()}", colour, hatch, w=1.8)
    ax.text(7, 0.8, "Groups 2-4 need a concurrent IHC review; with IHC 2+ a second observer "
            "recounts first.\nWith IHC 3+ groups 2-4 are positive; with IHC 0 or 1+ they are "
            "negative.", ha="center", fontsize=MIN_FONT_PT)
    footnote(fig, "Drawn from the rule tables in helpers.her2. " + _SOURCE.replace(
        " Stylised drawing.", ""))
    finals = "; ".join(f"group {r.group} {r.status}" for r in FINAL_RESULTS if r.ihc == "2+")
    alt = ("Flowchart of the HER2 algorithm. IHC 3+ is positive; IHC 1+ and 0 are negative; "
           "IHC 2+ is equivocal and goes to a reflex test: dual-probe ISH on the same specimen, "
           "or a new test (IHC or ISH) on a new specimen. ISH gives five groups by ratio (2.0) "
           f"and HER2 copies per cell (4.0 and 6.0). Final result with IHC 2+: {finals}.")
    return AccessibleFigure(fig, alt)


def ish_field_figure(field: IshField, n_numbered: int = 20) -> AccessibleFigure:
    """Draw a simulated ISH field: nuclei with red HER2 dots (circles) and green CEP17 dots
    (triangles); the first ``n_numbered`` nuclei are numbered in counting order (reading order:
    along each row from the top left).

    Drawn to be counted on a projector: the nuclei fill the figure, the signals are large and
    the numbers bold at 12 pt, each just above and to the left of its nucleus.
    """
    fig = new_figure(8.0, 6.4, margins=(0.1, 0.62, 0.1, 0.1))
    ax = fig.add_subplot()
    # One collection for the nuclei and one line each for all HER2 and all CEP17 dots: one
    # artist per nucleus made the simulator too slow to redraw.
    ax.add_collection(PatchCollection(
        [Circle((nu.x, nu.y), nu.radius) for nu in field.nuclei],
        facecolor=OKABE_ITO["blue"], edgecolor=NEUTRAL, linewidth=0.6, alpha=0.25))
    her2 = [dot for nu in field.nuclei for dot in nu.her2]
    if her2:
        hx, hy = zip(*her2)
        ax.plot(hx, hy, "o", ms=7, color=OKABE_ITO["vermillion"], linestyle="none")
    cep17 = [dot for nu in field.nuclei for dot in nu.cep17]
    if cep17:
        cx, cy = zip(*cep17)
        ax.plot(cx, cy, "^", ms=8, color=OKABE_ITO["bluish green"], linestyle="none")
    for i, nu in enumerate(field.nuclei[:n_numbered]):
        ax.text(nu.x - 0.8 * nu.radius, nu.y + 0.8 * nu.radius, str(i + 1), fontsize=12,
                fontweight="bold", ha="right", va="bottom")
    ax.plot([], [], "o", color=OKABE_ITO["vermillion"], label="HER2 signal (red, circle)")
    ax.plot([], [], "^", color=OKABE_ITO["bluish green"], label="CEP17 signal (green, triangle)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=2, fontsize=11, frameon=False)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    footnote(fig, "Simulated field (seeded), not tissue. Count ≥20 nuclei (ASCO/CAP 2018).")
    alt = (f"Simulated ISH field of {len(field.nuclei)} pale blue nuclei, the first "
           f"{min(n_numbered, len(field.nuclei))} numbered, each with red circular HER2 dots and "
           f"green triangular CEP17 dots to count.")
    return AccessibleFigure(fig, alt)
