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
from . import MIN_FONT_PT, AccessibleFigure, footnote, new_figure

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
    their value and arm name, so colour is never the only cue. Every panel measuring the same
    unit shares one scale, drawn as a labelled axis under each panel (0 to 30 months, say), so
    5.6 months is drawn a quarter as long as 24.8 months in every panel. Raises ``ValueError``
    when a column is missing or a trial does not have exactly two arms.
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
    # One scale per unit: from 0 to the unit's largest value rounded up to a whole tick.
    axis_ends = {unit: _axis_end(unit, float(values.max()))
                 for unit, values in table.groupby("unit")["value"]}
    # The panels share one axes measured in inches (x from the left edge, y from the bottom),
    # each panel a fixed box in it: 1.5 in on its left for the arm names, 0.5 in above it for its
    # title and 0.4 in below for its axis label. Eight axes with their tick machinery took two
    # thirds of the figure's time; boxes drawn on one axes look the same.
    width, height = 7.6, 2.6 * nrows + 0.6
    fig = new_figure(width, height, margins=(0.0, 0.0, 0.0, 0.0), hinted=False)
    ax = fig.add_subplot()
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    panel_w = (width - 1.95 - 1.55 * (ncols - 1)) / ncols
    panel_h = (height - 1.45 - 1.25 * (nrows - 1)) / nrows
    point = 1 / 72  # inches
    # Where a lone axes would put the two bars: centres at 1 and 0 with height 0.6, inside
    # matplotlib's default 5 % margins, so y runs from -0.38 to 1.38 of the panel.
    span = 1.6 * 1.1
    bar_y = [(1 + 0.38) / span, (0 + 0.38) / span]
    bar_h = 0.6 / span * panel_h
    spines, bars_y, bars_w, bars_left, parts = [], [], [], [], []
    for i, (trial, rows) in enumerate(pairs):
        left = 1.5 + (i % ncols) * (panel_w + 1.55)
        bottom = height - 0.5 - panel_h - (i // ncols) * (panel_h + 1.25)
        values = list(rows["value"])
        unit = rows["unit"].iloc[0]
        end, step = axis_ends[unit]
        scale = panel_w / end
        suffix = " %" if unit == "percent" else " mo"
        endpoint = rows["endpoint"].iloc[0]
        spines.append([(left, bottom), (left, bottom + panel_h)])
        # The shared scale: a baseline with a labelled tick at every step.
        spines.append([(left, bottom), (left + panel_w, bottom)])
        for tick in range(0, int(end) + 1, int(step)):
            x = left + tick * scale
            spines.append([(x, bottom), (x, bottom - 3.5 * point)])
            ax.text(x, bottom - 5 * point, f"{tick}", ha="center", va="top",
                    fontsize=MIN_FONT_PT)
        for fraction, arm, value in zip(bar_y, rows["arm"], values):
            y = bottom + fraction * panel_h
            bars_y.append(y)
            bars_w.append(value * scale)
            bars_left.append(left)
            spines.append([(left - 3.5 * point, y), (left, y)])  # the tick at each arm
            ax.text(left - 7 * point, y, "\n".join(textwrap.wrap(arm, 20)), ha="right",
                    va="center", fontsize=MIN_FONT_PT)
            ax.text(left + value * scale + 2 * point, y, f"{value:g}{suffix}", ha="left",
                    va="center", fontsize=MIN_FONT_PT)
        # Titles and labels wrapped to the panel's width, so they never overhang it.
        ax.text(left + panel_w / 2, bottom + panel_h + 6 * point, _wrap(trial, 26),
                ha="center", va="bottom", fontsize=9)
        ax.text(left + panel_w / 2, bottom - 20 * point, _wrap(f"{endpoint} ({unit})", 32),
                ha="center", va="top", fontsize=MIN_FONT_PT)
        parts.append(f"{trial}: {rows['arm'].iloc[0]} {values[0]:g} {unit} against "
                     f"{rows['arm'].iloc[1]} {values[1]:g} {unit} ({endpoint})")
    ax.barh(bars_y, bars_w, left=bars_left, height=bar_h,
            color=[_EXPERIMENTAL, _CONTROL] * len(pairs), hatch=["", "//"] * len(pairs),
            edgecolor="white")
    ax.add_collection(LineCollection(spines, colors="black", linewidths=0.8))
    footnote(fig, "Sources: the trial publications listed in data/trial_results.csv")
    scales = "; ".join(f"{unit} from 0 to {end:g}" for unit, (end, _step) in axis_ends.items())
    alt = ("Paired horizontal bars, one panel per trial, new treatment (solid) against the "
           f"comparison arm (hatched), on one shared scale per unit ({scales}). "
           + "; ".join(parts) + ".")
    return AccessibleFigure(fig, alt)


def _axis_end(unit: str, largest: float) -> tuple[float, float]:
    """Where a unit's shared axis ends, and its tick step: percent runs 0-100 in steps of 25;
    anything else to the largest value rounded up to a multiple of 10 (at least 10)."""
    if unit == "percent":
        return 100.0, 25.0
    step = 10.0
    return max(step, step * -(-largest // step)), step


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
    gates = [_wrap(branch.gate, 40) for branch in branches]
    options = [(f"{b.drug_class}: {', '.join(b.agents)}" if b.agents else b.drug_class)
               for b in branches]
    boxes = [_wrap(option, 36) + f"\n[{b.rule_id}]" for option, b in zip(options, branches)]
    # Each branch gets the height of the tallest box (lines of MIN_FONT_PT text, 1.2 apart,
    # plus the boxes' padding and a gap), so boxes never touch.
    lines = max([text.count("\n") + 1 for text in gates + boxes] or [1])
    row = lines * MIN_FONT_PT * 1.2 / 72 + 0.2
    height = row * n + 1.0
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
    for branch, y, gate, option, box in zip(branches, ys, gates, options, boxes):
        ax.text(2.05, y, gate, ha="left", va="center", fontsize=MIN_FONT_PT,
                bbox=dict(boxstyle="round,pad=0.4", facecolor="white", edgecolor=NEUTRAL,
                          linestyle="--"))
        ax.text(5.8, y, box, ha="left", va="center",
                fontsize=MIN_FONT_PT,
                bbox=dict(boxstyle="square,pad=0.4", facecolor=OKABE_ITO["sky blue"],
                          edgecolor=OKABE_ITO["blue"], alpha=0.35))
        lines.append(f"if {branch.gate}, then {option} (rule {branch.rule_id})")
    ax.set_title(f"Teaching model, {subtype} {setting}: each branch is one row of the rules "
                 "table", fontsize=10, y=1.0)
    footnote(fig, "Source: data/treatment_rules.csv (evidence and reviewed date in each row). "
                  "Not a treatment recommendation.")
    alt = (f"Flowchart for {subtype} {setting} disease with {n} branches, one per rule: "
           + "; ".join(lines) + ".")
    return AccessibleFigure(fig, alt)
