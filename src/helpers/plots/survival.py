"""Figures for the survival lesson: grouped bars, an icon array, Kaplan-Meier curves."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .._validate import check_number
from ..palette import ALIVE, DIED, NEUTRAL, STAGE_COLOURS, SUBTYPE_COLOURS, SUBTYPE_HATCHES
from ..survival import people_alive_of_100
from . import AccessibleFigure, footnote, new_figure

if TYPE_CHECKING:  # importing helpers.kaplan_meier imports lifelines: only for km_plot
    from ..kaplan_meier import KaplanMeierSummary, LogRankSummary

__all__ = ["survival_bars", "icon_array", "icon_arrays_side_by_side", "km_plot"]

_SEER = "Source: SEER Cancer Stat Facts, Female Breast Cancer Subtypes"
#: The source line of each release's chart: which figures, from which years.
_SOURCES = {
    "seed": "Source: SEER figures, rounded, as quoted by the Cleveland Clinic (2025); "
            "release and years of diagnosis not named",
    "2013-2019": _SEER + "; SEER 22 (excl. IL/MA), diagnoses 2013-2019",
    "2014-2020": _SEER + "; SEER 22 (excl. IL/MA), diagnoses 2014-2020",
}
#: Inches around the axes of the bar and curve charts: tick labels and y label on the left;
#: tick labels, x label and footnote below; the title above.
_BAR_MARGINS = (0.8, 0.8, 0.2, 0.4)


def survival_bars(table: pd.DataFrame, title: str | None = None) -> AccessibleFigure:
    """Grouped bar chart of a survival table: stages along the axis, one bar per subtype.

    Each bar carries its value as a label, and each subtype a hatch as well as a colour.
    """
    required = {"subtype", "stage", "survival_pct"}
    if not isinstance(table, pd.DataFrame):
        raise ValueError(f"table must be a pandas DataFrame with columns {sorted(required)}; "
                         f"got a {type(table).__name__}")
    if not required <= set(table.columns):
        raise ValueError(f"table must have columns {sorted(required)}; got {list(table.columns)}")
    stages = list(dict.fromkeys(table["stage"]))
    subtypes = list(dict.fromkeys(table["subtype"]))
    fig = new_figure(7.0 if len(subtypes) <= 4 else 8.5, 4.2, margins=_BAR_MARGINS)
    ax = fig.add_subplot()
    width = 0.8 / len(subtypes)
    for i, subtype in enumerate(subtypes):
        rows = table[table["subtype"] == subtype].set_index("stage").reindex(stages)
        xs = [s + (i - (len(subtypes) - 1) / 2) * width for s in range(len(stages))]
        bars = ax.bar(xs, rows["survival_pct"], width, label=subtype,
                      color=SUBTYPE_COLOURS.get(subtype, NEUTRAL),
                      hatch=SUBTYPE_HATCHES.get(subtype, ""), edgecolor="white")
        ax.bar_label(bars, fmt="%g", padding=2, fontsize=8)
    ax.set_xticks(range(len(stages)), [s.capitalize() for s in stages])
    ax.set_ylim(0, 110)
    ax.set_ylabel("5-year relative survival (%)")
    ax.set_xlabel("How far the cancer had spread at diagnosis (SEER Combined Summary Stage)")
    release = table.attrs.get("release", "")
    ax.set_title(title or f"5-year relative survival by subtype and stage ({release})")
    ax.legend(title="Subtype", frameon=False, loc="upper right")
    footnote(fig, _SOURCES.get(release, _SEER))
    parts = []
    for subtype in subtypes:
        rows = table[table["subtype"] == subtype].set_index("stage").reindex(stages)
        values = ", ".join(f"{s} {v:g} %" for s, v in rows["survival_pct"].items())
        parts.append(f"{subtype}: {values}")
    alt = ("Grouped bar chart of 5-year relative survival by stage. " + "; ".join(parts)
           + ". Survival falls from localized to regional to distant for every subtype.")
    return AccessibleFigure(fig, alt)


def icon_array(percent: float, label: str = "") -> AccessibleFigure:
    """100 person icons in a 10 × 10 grid: filled for the share alive, hollow for the rest.

    Filled and hollow icons differ in shape fill as well as colour. The number filled is
    :func:`helpers.survival.people_alive_of_100` (halves round up), the same number the
    sentences give. Raises ``ValueError`` when ``percent`` is not from 0 to 100.
    """
    alive = people_alive_of_100(percent)
    fig = new_figure(4.2, 4.6, margins=(0.1, 0.3, 0.1, 0.6))
    ax = fig.add_subplot()
    _draw_icons(ax, alive)
    ax.set_title((label + "\n" if label else "")
                 + f"{alive} of 100 filled: relative survival,\nnot observed survival",
                 fontsize=10)
    alt = (f"Icon array of 100 people in a 10 by 10 grid: {alive} filled icons stand for the "
           f"people alive five years after diagnosis relative to the general population, "
           f"{100 - alive} hollow icons for the rest. The picture shows relative survival, not "
           f"observed survival." + (f" {label}." if label else ""))
    return AccessibleFigure(fig, alt)


def _draw_icons(ax, alive: int) -> None:
    """Draw 100 person icons on ``ax``: the first ``alive`` filled, the rest hollow."""
    # One scatter call per marker shape, with a colour per icon: drawing 200 separate
    # collections made this figure several times slower to render.
    xs = [k % 10 for k in range(100)]
    ys = [9 - k // 10 for k in range(100)]
    faces = [ALIVE if k < alive else "white" for k in range(100)]
    edges = [ALIVE if k < alive else DIED for k in range(100)]
    ax.scatter(xs, [y + 0.22 for y in ys], s=70, marker="o", facecolor=faces, edgecolor=edges,
               linewidth=1.2)
    ax.scatter(xs, [y - 0.18 for y in ys], s=190, marker="^", facecolor=faces, edgecolor=edges,
               linewidth=1.2)
    ax.set_xlim(-0.7, 9.7)
    ax.set_ylim(-0.8, 9.8)
    ax.set_aspect("equal")
    ax.axis("off")


def icon_arrays_side_by_side(
    left: tuple[float, str], right: tuple[float, str], title: str = "", source: str = ""
) -> AccessibleFigure:
    """Two 100-people icon arrays next to each other, to compare two survival figures.

    ``left`` and ``right`` are ``(percent, label)`` pairs, e.g.
    ``(survival_pct("HR-/HER2-", "localized"), "Localized")``. Each panel fills
    :func:`helpers.survival.people_alive_of_100` icons, as :func:`icon_array` does, and says the
    number in words under its label, so the comparison reads without colour. ``source`` names
    where the figures come from, in the footnote. Raises
    ``ValueError`` when a percent is not from 0 to 100 or a pair is malformed.
    """
    panels = []
    for side, pair in (("left", left), ("right", right)):
        if not isinstance(pair, tuple | list) or len(pair) != 2 or not isinstance(pair[1], str):
            raise ValueError(f"{side} must be a (percent, label) pair such as (92, 'Localized'); "
                             f"got {pair!r}")
        panels.append((people_alive_of_100(pair[0]), pair[1]))
    fig = new_figure(8.4, 5.1, margins=(0.1, 0.5, 0.1, 0.9))
    for index, (alive, label) in enumerate(panels, start=1):
        ax = fig.add_subplot(1, 2, index)
        _draw_icons(ax, alive)
        ax.set_title(f"{label}\n{alive} of 100 filled", fontsize=10)
    if title:
        fig.suptitle(title, fontsize=11)
    footnote(fig, "Relative survival, not observed survival. Filled: alive five years after "
                  "diagnosis, relative to the general population; hollow: the rest."
             + (f"\n{source}" if source else ""))
    (left_alive, left_label), (right_alive, right_label) = panels
    alt = (f"Two icon arrays of 100 people side by side. {left_label}: {left_alive} filled "
           f"icons and {100 - left_alive} hollow. {right_label}: {right_alive} filled icons and "
           f"{100 - right_alive} hollow. Filled icons stand for the people alive five years "
           f"after diagnosis relative to the general population (relative survival, not "
           f"observed survival); the difference is {abs(left_alive - right_alive)} people out "
           f"of 100." + (f" {title}." if title else ""))
    return AccessibleFigure(fig, alt)


def km_plot(
    curves: list[KaplanMeierSummary],
    mark_years: float | None = 5.0,
    log_rank: LogRankSummary | None = None,
    title: str = "Recurrence-free survival, GBSG2 trial (Kaplan-Meier)",
) -> AccessibleFigure:
    """Kaplan-Meier step curves with 95 % confidence bands, and the reading at ``mark_years``.

    Raises ``ValueError`` when ``curves`` is not a list of one to three fitted curves (from
    :func:`helpers.kaplan_meier.kaplan_meier`) or ``mark_years`` is not a number of at least 0.
    """
    from ..kaplan_meier import KaplanMeierSummary, LogRankSummary, survival_at

    if (not isinstance(curves, list | tuple) or not 1 <= len(curves) <= 3
            or not all(isinstance(c, KaplanMeierSummary) for c in curves)):
        raise ValueError("curves must be a list of one to three fitted curves from "
                         f"kaplan_meier(...); got a {type(curves).__name__}")
    if log_rank is not None and not isinstance(log_rank, LogRankSummary):
        raise ValueError("log_rank must be a log-rank result from compare_hormone_therapy() "
                         f"or None; got a {type(log_rank).__name__}")
    if mark_years is not None:
        try:
            mark_years = check_number("mark_years", mark_years, low=0.0, unit=" years")
        except OverflowError:
            raise ValueError("mark_years must be a number at least 0 years; got a number too "
                             "large to use") from None

    fig = new_figure(7.0, 4.2, margins=_BAR_MARGINS)
    ax = fig.add_subplot()
    styles = [(ALIVE, "-"), (STAGE_COLOURS["regional"], "--"), (NEUTRAL, ":")]
    readings = []
    for curve, (colour, dash) in zip(curves, styles):
        ax.step(curve.timeline, [100 * s for s in curve.survival], where="post", color=colour,
                linestyle=dash, linewidth=2, label=f"{curve.label} (n={curve.n})")
        ax.fill_between(curve.timeline, [100 * s for s in curve.lower],
                        [100 * s for s in curve.upper], step="post", color=colour, alpha=0.15)
        if mark_years is not None and mark_years <= curve.timeline[-1]:
            value = 100 * survival_at(curve, mark_years)
            readings.append(f"{curve.label}: {value:.0f} % at {mark_years:g} years")
            ax.plot([mark_years], [value], marker="o", color=colour)
            ax.annotate(f"{value:.0f} %", (mark_years, value), textcoords="offset points",
                        xytext=(6, 6), fontsize=9)
    if mark_years is not None:
        ax.axvline(mark_years, color=NEUTRAL, linewidth=0.8, linestyle=":")
    ax.set_ylim(0, 102)
    ax.set_xlabel("Years since surgery")
    ax.set_ylabel("Free of recurrence and alive (%)")
    ax.set_title(title)
    ax.legend(frameon=False, loc="lower left")
    note = "Data: GBSG2 (Schumacher et al., J Clin Oncol 1994), shipped with lifelines"
    if log_rank is not None:
        note += f"; log-rank p = {log_rank.p_value:.3f}"
    footnote(fig, note)
    alt = ("Kaplan-Meier curves of recurrence-free survival that step down over about seven "
           "years of follow-up. " + "; ".join(readings) + ".")
    if log_rank is not None:
        alt += f" Log-rank test p = {log_rank.p_value:.3f}."
    return AccessibleFigure(fig, alt)


