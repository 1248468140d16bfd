"""Figure for the prognostic stage groups: one anatomic stage across grade × receptor status.

For the T, N and M of one anatomic stage group (by default T2 N0 M0, anatomic stage IIA) the
figure is a small table per prognostic table (clinical, pathological): a row per grade, a column
per combination of HER2, ER and PR, and in every cell the prognostic stage with an arrow that
says whether it is lower (↓), the same (=) or higher (↑) than the anatomic stage. The cell
colour says the same thing again, so nothing depends on colour alone.
"""

from __future__ import annotations

import itertools

from matplotlib.patches import Patch, Rectangle

from ..palette import NEUTRAL, OKABE_ITO
from ..prognostic import KINDS, main_categories, prognostic_stage
from ..staging import anatomic_stage, stage_rank
from . import AccessibleFigure, footnote, new_figure

__all__ = ["prognostic_grid", "RECEPTOR_COLUMNS", "COMPARISON_STYLE"]

#: Column order: (her2, er, pr), HER2-positive first, as the AJCC tables list them.
RECEPTOR_COLUMNS: tuple[tuple[str, str, str], ...] = tuple(
    itertools.product(("positive", "negative"), repeat=3))

#: How a cell is drawn when the prognostic stage is below, equal to or above the anatomic one:
#: (fill colour, hatch, arrow, words for the legend).
COMPARISON_STYLE = {
    "lower": (OKABE_ITO["bluish green"], "", "↓", "lower than anatomic"),
    "same": ("white", "", "=", "same as anatomic"),
    "higher": (OKABE_ITO["vermillion"], "//", "↑", "higher than anatomic"),
}

_SOURCE = ("Source: AJCC 8th ed. breast prognostic stage tables (2018 update), as reprinted in "
           "NCI PDQ and encoded by NCI SEER. For education only.\nPathological table: from NCI "
           "SEER's encoding, not yet checked row by row against the PDQ reprint.")
_SIGN = {"positive": "+", "negative": "−"}


def _compare(prognostic: str, anatomic: str) -> str:
    difference = stage_rank(prognostic) - stage_rank(anatomic)
    return "lower" if difference < 0 else ("higher" if difference > 0 else "same")


def _summary(kind: str, stages: dict[tuple[int, str, str, str], str], anatomic: str) -> str:
    ordered = sorted(set(stages.values()), key=stage_rank)
    counts = {c: sum(_compare(s, anatomic) == c for s in stages.values())
              for c in ("lower", "same", "higher")}
    span = ordered[0] if len(ordered) == 1 else f"from {ordered[0]} to {ordered[-1]}"
    return (f"{kind}: {span}; {counts['lower']} of 24 cells lower than {anatomic}, "
            f"{counts['same']} the same, {counts['higher']} higher")


def prognostic_grid(t: str = "T2", n: str = "N0", m: str = "M0") -> AccessibleFigure:
    """Clinical and pathological prognostic stage for every grade and receptor status.

    ``t``, ``n``, ``m`` as :func:`helpers.prognostic.prognostic_stage` takes them; the figure
    shows the T/N group they belong to. Raises ``ValueError`` as that function does.
    Every cell's text carries a ``gid`` "kind|G<grade>|her2|er|pr" so that tests can read it.
    """
    plain = main_categories(t, n, m)
    anatomic = anatomic_stage(*plain)
    label = " ".join(plain)
    # Fixed margins (inches: left, bottom, right, top) leave room for the tick labels, the
    # legend and the footnote below the grids, and the titles above them.
    fig = new_figure(9.0, 6.2, margins=(0.9, 1.3, 0.15, 0.75))
    axes = fig.subplots(len(KINDS), 1, gridspec_kw={"hspace": 0.6})
    summaries = []
    for ax, kind in zip(axes, KINDS, strict=True):
        stages = {}
        for row, grade in enumerate((1, 2, 3)):
            for col, (her2, er, pr) in enumerate(RECEPTOR_COLUMNS):
                stage = prognostic_stage(t, n, m, grade=grade, her2=her2, er=er, pr=pr,
                                         kind=kind)
                stages[(grade, her2, er, pr)] = stage
                colour, hatch, arrow, _ = COMPARISON_STYLE[_compare(stage, anatomic)]
                ax.add_patch(Rectangle((col, row), 1, 1, facecolor=colour, alpha=0.45,
                                       hatch=hatch, edgecolor=NEUTRAL, linewidth=0.8))
                text = ax.text(col + 0.5, row + 0.5, f"{stage} {arrow}", ha="center",
                               va="center", fontsize=11, fontweight="bold",
                               bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none",
                                     "pad": 1.5})
                text.set_gid(f"{kind}|G{grade}|{her2}|{er}|{pr}")
        ax.set_xlim(0, len(RECEPTOR_COLUMNS))
        ax.set_ylim(3, 0)
        ax.set_yticks([0.5, 1.5, 2.5], ["Grade 1", "Grade 2", "Grade 3"])
        ax.set_xticks([c + 0.5 for c in range(len(RECEPTOR_COLUMNS))],
                      [f"HER2{_SIGN[h]}\nER{_SIGN[e]} PR{_SIGN[p]}"
                       for h, e, p in RECEPTOR_COLUMNS], fontsize=9)
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_title(f"{kind.capitalize()} prognostic stage", loc="left")
        summaries.append(_summary(kind.capitalize(), stages, anatomic))
    fig.suptitle(f"{label} (anatomic stage {anatomic}): prognostic stage by grade and receptors")
    fig.legend(handles=[Patch(facecolor=c, alpha=0.45, hatch=h, edgecolor=NEUTRAL,
                              label=f"{a} {words}")
                        for c, h, a, words in COMPARISON_STYLE.values()],
               loc="lower center", bbox_to_anchor=(0.5, 0.06), ncols=3, fontsize=9,
               frameon=False)
    footnote(fig, _SOURCE)
    alt = (f"Heat-map table for a {label} tumour, anatomic stage {anatomic}: the "
           f"clinical and the pathological prognostic stage for each grade (1 to 3) and each "
           f"combination of HER2, ER and PR, with the stage written in every cell and an arrow "
           f"for lower, same or higher than {anatomic}. " + "; ".join(summaries) + ".")
    return AccessibleFigure(fig, alt)

