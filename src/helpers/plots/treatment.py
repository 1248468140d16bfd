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
    pairs = []
    for trial in trials:
        rows = table[table["trial"] == trial]
        if len(rows) != 2:
            raise ValueError(f"trial {trial!r} must have exactly two arms; got {len(rows)}")
        pairs.append((trial, rows))
    ncols = min(2, len(trials))
    nrows = -(-len(trials) // ncols)
    # The panels share one axes measured in inches (x from the left edge, y from the bottom),
    # each panel a fixed box in it: 1.5 in on its left for the arm names, 0.5 in above it for its
    # title and 0.4 in below for its axis label. Eight axes with their tick machinery took two
    # thirds of the figure's time; boxes drawn on one axes look the same.
    width, height = 7.6, 2.3 * nrows + 0.6
    fig = new_figure(width, height, margins=(0.0, 0.0, 0.0, 0.0), hinted=False)
    ax = fig.add_subplot()
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    panel_w = (width - 1.75 - 1.55 * (ncols - 1)) / ncols
    panel_h = (height - 1.15 - 0.95 * (nrows - 1)) / nrows
    point = 1 / 72  # inches
    # Where a lone axes would put the two bars: centres at 1 and 0 with height 0.6, inside
    # matplotlib's default 5 % margins, so y runs from -0.38 to 1.38 of the panel.
    span = 1.6 * 1.1
    bar_y = [(1 + 0.38) / span, (0 + 0.38) / span]
    bar_h = 0.6 / span * panel_h
    spines, bars_y, bars_w, bars_left, parts = [], [], [], [], []
    for i, (trial, rows) in enumerate(pairs):
        left = 1.5 + (i % ncols) * (panel_w + 1.55)
        bottom = height - 0.5 - panel_h - (i // ncols) * (panel_h + 0.95)
        values = list(rows["value"])
        # The longer bar fills 1/1.3 of the panel, leaving room for its value label.
        scale = panel_w / (max(values) * 1.3) if max(values) > 0 else 0.0
        unit = rows["unit"].iloc[0]
        suffix = " %" if unit == "percent" else " mo"
        endpoint = rows["endpoint"].iloc[0]
        spines.append([(left, bottom), (left, bottom + panel_h)])
        for fraction, arm, value in zip(bar_y, rows["arm"], values):
            y = bottom + fraction * panel_h
            bars_y.append(y)
            bars_w.append(value * scale)
            bars_left.append(left)
            spines.append([(left - 3.5 * point, y), (left, y)])  # the tick at each arm
            ax.text(left - 7 * point, y, "\n".join(textwrap.wrap(arm, 20)), ha="right",
                    va="center", fontsize=8)
            ax.text(left + value * scale + 2 * point, y, f"{value:g}{suffix}", ha="left",
                    va="center", fontsize=8)
        # Titles and labels wrapped to the panel's width, so they never overhang it.
        ax.text(left + panel_w / 2, bottom + panel_h + 6 * point, _wrap(trial, 26),
                ha="center", va="bottom", fontsize=9)
        ax.text(left + panel_w / 2, bottom - 4 * point, _wrap(f"{endpoint} ({unit})", 32),
                ha="center", va="top", fontsize=8)
        parts.append(f"{trial}: {rows['arm'].iloc[0]} {values[0]:g} {unit} against "
                     f"{rows['arm'].iloc[1]} {values[1]:g} {unit} ({endpoint})")
    ax.barh(bars_y, bars_w, left=bars_left, height=bar_h,
            color=[_EXPERIMENTAL, _CONTROL] * len(pairs), hatch=["", "//"] * len(pairs),
            edgecolor="white")
    ax.add_collection(LineCollection(spines, colors="black", linewidths=0.8))
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
