"""Figures for the treatment lesson: the trials behind the rules, and the rules as a flowchart.

The trial chart reads ``data/trial_results.csv``; the flowchart reads the same rules table as
:func:`helpers.treatment.treatment_options` (through :func:`helpers.treatment.flowchart`), so the
picture cannot disagree with the engine.
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.path import Path

from ..palette import NEUTRAL, OKABE_ITO
from ..treatment import flowchart
from . import AccessibleFigure, footnote, new_figure

__all__ = ["trial_bars", "rules_flowchart"]

_EXPERIMENTAL = OKABE_ITO["blue"]
_CONTROL = OKABE_ITO["orange"]
#: x of the flowchart's trunk, the vertical line from which every branch leaves.
_TRUNK_X = 1.8
#: A filled arrowhead pointing right, its tip at the marker's origin (so at the point plotted).
_ARROWHEAD = Path([(-1.0, 0.45), (0.0, 0.0), (-1.0, -0.45), (-1.0, 0.45)],
                  [Path.MOVETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY])


def trial_bars(table: pd.DataFrame) -> AccessibleFigure:
    """Small paired bar charts, one panel per trial: the experimental arm against the control.

    ``table`` has the columns of ``data/trial_results.csv`` with the experimental arm listed
    first for each trial. The experimental bar is solid, the control bar hatched, and both carry
    their value and arm name, so colour is never the only cue. Raises ``ValueError`` when a
    column is missing or a trial does not have exactly two arms.
    """
    required = {"trial", "endpoint", "unit", "arm", "value", "source"}
    if not required <= set(table.columns):
        raise ValueError(f"table must have columns {sorted(required)}; got {list(table.columns)}")
    trials = list(dict.fromkeys(table["trial"]))
    if not trials:
        raise ValueError("table must hold at least one trial; got an empty table")
    ncols = min(2, len(trials))
    nrows = -(-len(trials) // ncols)
    # A fixed grid, in inches, rather than a computed layout (eight panels took a third of a
    # second to lay out): 1.5 in on the left of each panel for the arm names, 0.5 in above each
    # for its title, 0.4 in below for its axis label, and a strip for the footnote.
    width, height = 7.6, 2.3 * nrows + 0.6
    fig = new_figure(width, height, margins=(1.5, 0.65, 0.25, 0.5), hinted=False)
    panel_height = (height - 1.15 - 0.95 * (nrows - 1)) / nrows
    fig.subplots_adjust(wspace=1.55 / ((5.85 - 1.55) / ncols), hspace=0.95 / panel_height)
    parts = []
    for i, trial in enumerate(trials):
        rows = table[table["trial"] == trial]
        if len(rows) != 2:
            raise ValueError(f"trial {trial!r} must have exactly two arms; got {len(rows)}")
        ax = fig.add_subplot(nrows, ncols, i + 1)
        arms = ["\n".join(textwrap.wrap(a, 20)) for a in rows["arm"]]
        values = list(rows["value"])
        bars = ax.barh([1, 0], values, color=[_EXPERIMENTAL, _CONTROL],
                       hatch=["", "//"], edgecolor="white", height=0.6)
        unit = rows["unit"].iloc[0]
        suffix = " %" if unit == "percent" else " mo"
        ax.bar_label(bars, labels=[f"{v:g}{suffix}" for v in values], padding=2, fontsize=8)
        ax.set_yticks([1, 0], arms, fontsize=8)
        ax.set_xlim(0, max(values) * 1.3)
        endpoint = rows["endpoint"].iloc[0]
        # Titles and labels wrapped to the panel's width, so they never overhang it.
        ax.set_xlabel(_wrap(f"{endpoint} ({unit})", 32), fontsize=8)
        # A title at a fixed height: nothing lies above the panel, and matplotlib would
        # otherwise measure every tick label again to place it (a fifth of the drawing time).
        ax.set_title(_wrap(trial, 26), fontsize=9, y=1.0)
        # Each bar carries its value, so the panels need no x scale (and draw much faster).
        ax.set_xticks([])
        for side in ("bottom", "top", "right"):
            ax.spines[side].set_visible(False)
        parts.append(f"{trial}: {rows['arm'].iloc[0]} {values[0]:g} {unit} against "
                     f"{rows['arm'].iloc[1]} {values[1]:g} {unit} ({endpoint})")
    footnote(fig, "Sources: the trial publications listed in data/trial_results.csv")
    alt = ("Paired horizontal bars, one panel per trial, new treatment (solid) against the "
           "comparison arm (hatched). " + "; ".join(parts) + ".")
    return AccessibleFigure(fig, alt)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def rules_flowchart(subtype: str, setting: str) -> AccessibleFigure:
    """The decision flowchart for one subtype and setting, drawn from the rules table.

    One branch per rule (in table order): the subtype and setting on the left, the rule's
    conditions (its gate) in the middle, and the option it opens on the right, labelled with the
    rule id. Boxes are told apart by position and text, not by colour. Raises ``ValueError`` for
    a subtype outside the collection or an unknown setting (from
    :func:`helpers.treatment.flowchart`).
    """
    branches = flowchart(subtype, setting)
    n = len(branches)
    height = 0.62 * n + 1.0
    # Boxes and arrows only, no axis labels: fixed margins (0.45 in for the title above, 0.3 in
    # for the footnote below) draw quicker than a computed layout.
    fig = new_figure(9.0, height, margins=(0.1, 0.3, 0.1, 0.45), hinted=False)
    ax = fig.add_subplot()
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.7, n - 0.3)
    ax.axis("off")
    root_y = (n - 1) / 2
    ax.text(0.8, root_y, _wrap(f"{subtype}\n{setting} disease", 14), ha="center", va="center",
            fontsize=9, fontweight="bold",
            bbox=dict(boxstyle="round,pad=0.4", facecolor="white", edgecolor=OKABE_ITO["black"],
                      linewidth=1.5))
    # The connectors are one tree of lines (root, trunk, one twig into each gate and one from
    # each gate to its option) with all the arrowheads as markers of one line: two artists in
    # all, where an arrow per connector took 2 x n annotations.
    ys = [n - 1 - i for i in range(n)]
    segments = [[(1.55, root_y), (_TRUNK_X, root_y)]]
    segments += [[(_TRUNK_X, min(ys)), (_TRUNK_X, max(ys))]] if ys else []
    segments += [[(_TRUNK_X, y), (2.0, y)] for y in ys]
    segments += [[(5.45, y), (5.75, y)] for y in ys]
    ax.add_collection(LineCollection(segments, colors=NEUTRAL, linewidths=0.8))
    ax.plot([2.0] * n + [5.75] * n, ys + ys, linestyle="none", marker=_ARROWHEAD, markersize=5,
            color=NEUTRAL)
    lines = []
    for branch, y in zip(branches, ys):
        ax.text(2.05, y, _wrap(branch.gate, 44), ha="left", va="center", fontsize=7,
                bbox=dict(boxstyle="round,pad=0.25", facecolor="white", edgecolor=NEUTRAL,
                          linestyle="--"))
        option = f"{branch.drug_class}: {', '.join(branch.agents)}" if branch.agents \
            else branch.drug_class
        ax.text(5.8, y, _wrap(option, 40) + f"  [{branch.rule_id}]", ha="left", va="center",
                fontsize=7,
                bbox=dict(boxstyle="square,pad=0.25", facecolor=OKABE_ITO["sky blue"],
                          edgecolor=OKABE_ITO["blue"], alpha=0.35))
        lines.append(f"if {branch.gate}, then {option} (rule {branch.rule_id})")
    ax.set_title(f"Teaching model, {subtype} {setting}: each branch is one row of the rules "
                 "table", fontsize=10, y=1.0)
    footnote(fig, "Source: data/treatment_rules.csv (evidence and reviewed date in each row). "
                  "Not a treatment recommendation.")
    alt = (f"Flowchart for {subtype} {setting} disease with {n} branches, one per rule: "
           + "; ".join(lines) + ".")
    return AccessibleFigure(fig, alt)
