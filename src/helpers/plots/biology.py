"""Figures for lesson 01 (HER2 biology), drawn from scratch with matplotlib.

Cartoons, not micrographs: receptor pairs on a membrane, gene copies in a nucleus, and the share
of new breast cancers by subtype (SEER Cancer Stat Facts, data/subtype_incidence.csv).
"""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle, Rectangle

from ..biology import cell_cartoon
from ..palette import NEUTRAL, OKABE_ITO, SUBTYPE_COLOURS, SUBTYPE_HATCHES
from . import MIN_FONT_PT, AccessibleFigure, footnote, new_figure

__all__ = ["receptor_membrane", "gene_copies_nucleus", "subtype_share_chart", "cell_receptors"]

_HER2 = OKABE_ITO["vermillion"]
_MEMBRANE = OKABE_ITO["orange"]
_CEP17 = OKABE_ITO["blue"]


def receptor_membrane() -> AccessibleFigure:
    """Two panels: a stretch of membrane of a normal cell (few HER2 receptors, an occasional pair)
    and of an HER2-amplified cell (receptors crowded, many pairs, growth signal arrows)."""
    fig = new_figure(8.0, 3.6)
    panels = (("Normal cell: few HER2 receptors", 4, 1),
              ("HER2-amplified cell: crowded receptors", 16, 7))
    for k, (title, n_receptors, n_pairs) in enumerate(panels):
        ax = fig.add_subplot(1, 2, k + 1)
        ax.add_patch(Rectangle((0, 0), 10, 0.6, facecolor=_MEMBRANE, hatch="..",
                               edgecolor=NEUTRAL))
        ax.text(10, 0.3, " membrane", va="center", fontsize=MIN_FONT_PT)
        xs = [0.4 + i * 9.2 / max(n_receptors - 1, 1) for i in range(n_receptors)]
        for i, x in enumerate(xs):
            paired = i < 2 * n_pairs
            ax.plot([x, x], [-0.8, 1.6], color=_HER2, linewidth=3)
            ax.plot([x], [1.7], marker="o", color=_HER2, markersize=6)
            if paired and i % 2 == 0 and i + 1 < len(xs):
                ax.plot([x, xs[i + 1]], [1.2, 1.2], color=NEUTRAL, linewidth=2)
                ax.annotate("", xy=((x + xs[i + 1]) / 2, -2.2),
                            xytext=((x + xs[i + 1]) / 2, -0.9),
                            arrowprops={"arrowstyle": "->", "color": NEUTRAL})
        ax.text(5, 2.6, "outside the cell", ha="center", fontsize=MIN_FONT_PT)
        ax.text(5, -2.8, "inside: growth signal (arrows)", ha="center", fontsize=MIN_FONT_PT)
        ax.set_xlim(-0.5, 11.5)
        ax.set_ylim(-3.2, 3.0)
        ax.set_title(title, fontsize=10)
        ax.axis("off")
    footnote(fig, "Cartoon, not to scale. Bars = HER2 receptors; grey links = receptor pairs"
                  " (dimers); arrows = growth signal.")
    alt = ("Two cartoon panels of a cell membrane. Left, a normal cell: 4 HER2 receptors, one pair"
           " joined and sending one growth-signal arrow into the cell. Right, an HER2-amplified"
           " cell: 16 receptors crowded together, 7 pairs joined, each sending a growth-signal"
           " arrow: more receptors mean more pairs and more signal.")
    return AccessibleFigure(fig, alt)


def gene_copies_nucleus(amplified_copies: int = 12) -> AccessibleFigure:
    """Two nuclei as seen by dual-probe ISH: a normal one (2 HER2, 2 CEP17 signals) and an
    amplified one (``amplified_copies`` HER2 signals, 2 CEP17). HER2 = round dots, CEP17 = squares.

    ``amplified_copies`` runs from 4 to 30: with 2 CEP17 signals, 4 copies give a ratio of 2.0,
    the lowest count that is amplified (ISH group 1); fewer would not be "amplified"."""
    from .._validate import check_int

    n = check_int("amplified_copies", amplified_copies, low=4, high=30)
    fig = new_figure(7.0, 3.8)
    for k, (title, her2) in enumerate((("Normal: 2 HER2 copies", 2),
                                       (f"Amplified: {n} HER2 copies", n))):
        ax = fig.add_subplot(1, 2, k + 1)
        ax.add_patch(Circle((0, 0), 1.0, facecolor=OKABE_ITO["sky blue"], alpha=0.35,
                            edgecolor=NEUTRAL))
        for i in range(her2):
            a = 2 * math.pi * i / her2 + 0.3
            r = 0.55 if i % 2 else 0.35
            ax.plot(r * math.cos(a), r * math.sin(a), "o", color=_HER2, markersize=8)
        for x, y in ((-0.6, -0.55), (0.6, 0.55)):
            ax.plot(x, y, "s", color=_CEP17, markersize=8)
        ax.set_title(title, fontsize=10)
        ax.set_xlim(-1.2, 1.2)
        ax.set_ylim(-1.2, 1.2)
        ax.set_aspect("equal")
        ax.axis("off")
        ratio = her2 / 2
        ax.text(0, -1.15, f"HER2/CEP17 ratio {ratio:g}", ha="center", va="top", fontsize=9)
    footnote(fig, "Cartoon. Round dots = HER2 gene (ERBB2) signals; squares = chromosome 17"
                  " centre (CEP17).")
    alt = (f"Two cartoon nuclei. Left: 2 round HER2 signals and 2 square CEP17 signals, ratio 1."
           f" Right: {n} round HER2 signals and 2 square CEP17 signals, ratio {n / 2:g}:"
           f" the HER2 gene is amplified.")
    return AccessibleFigure(fig, alt)


def subtype_share_chart(table: pd.DataFrame) -> AccessibleFigure:
    """Horizontal bars of the share of new female breast cancers by subtype, labelled with the
    percent and the age-adjusted rate. ``table`` is ``read_table("subtype_incidence")``.
    Raises ``ValueError`` when the columns are missing."""
    required = {"subtype", "share_pct", "rate_per_100000"}
    if not required <= set(table.columns):
        raise ValueError(f"table must have columns {sorted(required)}; got {list(table.columns)}")
    rows = table.sort_values("share_pct")
    fig = new_figure(7.5, 3.8)
    ax = fig.add_subplot()
    for y, row in enumerate(rows.itertuples()):
        ax.barh(y, row.share_pct, color=SUBTYPE_COLOURS.get(row.subtype, NEUTRAL),
                hatch=SUBTYPE_HATCHES.get(row.subtype, ""), edgecolor="white")
        ax.text(row.share_pct + 1, y, f"{row.share_pct:g} % ({row.rate_per_100000:g} per 100,000)",
                va="center", fontsize=9)
    ax.set_yticks(range(len(rows)), list(rows["subtype"]))
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of new female breast cancers (%)")
    ax.set_title("Most breast cancers are HR+/HER2-")
    footnote(fig, "Source: SEER Cancer Stat Facts, Female Breast Cancer Subtypes; SEER 22,"
                  " 2017-2021; rates age-adjusted")
    parts = "; ".join(f"{r.subtype} {r.share_pct:g} %" for r in
                      table.sort_values("share_pct", ascending=False).itertuples())
    alt = f"Horizontal bar chart of the share of new female breast cancers by subtype: {parts}."
    return AccessibleFigure(fig, alt)


def cell_receptors(copies: float, seed: int = 0) -> AccessibleFigure:
    """One round cell with HER2 receptors drawn as ticks around its membrane for ``copies``
    ERBB2 copies (0 to 30), titled with the cartoon's typical IHC score. Raises ``ValueError``."""
    cartoon = cell_cartoon(copies, seed)
    fig = new_figure(4.2, 4.4, margins=(0.1, 0.3, 0.1, 0.55))
    ax = fig.add_subplot()
    ax.add_patch(Circle((0, 0), 1.0, facecolor="white", edgecolor=_MEMBRANE, linewidth=3))
    ax.add_patch(Circle((0, 0), 0.35, facecolor=OKABE_ITO["sky blue"], alpha=0.4,
                        edgecolor=NEUTRAL))
    ax.text(0, 0, "nucleus", ha="center", va="center", fontsize=MIN_FONT_PT)
    # All receptor ticks in one collection (one line each was slow to redraw in the widget).
    ax.add_collection(LineCollection(
        [[(math.cos(a), math.sin(a)), (1.18 * math.cos(a), 1.18 * math.sin(a))]
         for a in cartoon.angles], colors=_HER2, linewidths=2))
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"{cartoon.copies:g} copies (ratio {cartoon.ratio:g}, ISH group "
                 f"{cartoon.ish_group}): {len(cartoon.angles)} receptors,\n"
                 f"density ×{cartoon.density:g}, typical IHC {cartoon.ihc} (cartoon)", fontsize=10)
    footnote(fig, "Teaching cartoon: real IHC scores come from staining.")
    alt = (f"Cartoon cell with {cartoon.copies:g} HER2 gene copies and 2 CEP17 signals (ratio"
           f" {cartoon.ratio:g}, ISH group {cartoon.ish_group}): {len(cartoon.angles)} receptor"
           f" ticks around the membrane, {cartoon.density:g} times a normal cell's density;"
           f" typical IHC score in this cartoon {cartoon.ihc}.")
    return AccessibleFigure(fig, alt)
