"""Every figure a lesson or an explorer shows: no text too small, none overlapping another
artist or the edge of its box (see ``figure_text.py`` for what is measured)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from helpers import survival, treatment
from helpers.datafiles import read_table
from helpers.ish import simulate_field
from helpers.kaplan_meier import compare_hormone_therapy, kaplan_meier, load_gbsg2
from helpers.plots import MIN_FONT_PT, biology, classification, prognostic, staging
from helpers.plots import survival as survival_plots
from helpers.plots import treatment as treatment_plots

sys.path.insert(0, str(Path(__file__).parent))
from figure_text import text_problems  # noqa: E402


def _km_two():
    with_tamoxifen, without, log_rank = compare_hormone_therapy(load_gbsg2())
    return survival_plots.km_plot([with_tamoxifen, without], log_rank=log_rank,
                                  title="Recurrence-free survival with and without tamoxifen, "
                                  "GBSG2")


#: Each figure as the lessons (and their explorers) draw it.
FIGURES = {
    "receptor_membrane": lambda: biology.receptor_membrane(),
    "gene_copies_nucleus": lambda: biology.gene_copies_nucleus(12),
    "subtype_share_chart": lambda: biology.subtype_share_chart(read_table("subtype_incidence")),
    "cell_receptors": lambda: biology.cell_receptors(8),
    "staining_panels": lambda: classification.staining_panels(),
    "her2_flowchart": lambda: classification.her2_flowchart(),
    "ish_field_figure": lambda: classification.ish_field_figure(simulate_field(2.2, 4.4, seed=1)),
    "t_size_ruler": lambda: staging.t_size_ruler(12),
    "prognostic_grid": lambda: prognostic.prognostic_grid("T2", "N0", "M0"),
    "survival_bars": lambda: survival_plots.survival_bars(
        survival.load_survival_table(), title="5-year relative survival, HER2-negative "
        "subtypes (seed table)"),
    "survival_bars_2013": lambda: survival_plots.survival_bars(
        survival.load_survival_table("2013-2019")),
    "icon_array": lambda: survival_plots.icon_array(66.5, "HR-/HER2-, regional"),
    "icon_arrays_side_by_side": lambda: survival_plots.icon_arrays_side_by_side(
        (survival.survival_pct("HR-/HER2-", "localized"), "Localized: only in the breast"),
        (survival.survival_pct("HR-/HER2-", "distant"), "Distant: spread to distant organs"),
        title="Triple-negative breast cancer: 5-year relative survival",
        source="Source: SEER figures, rounded, as quoted by the Cleveland Clinic (2025): the "
        "seed table"),
    "km_plot": lambda: survival_plots.km_plot([kaplan_meier(load_gbsg2(), "all patients")]),
    "km_plot_two": _km_two,
    "rules_flowchart_hr": lambda: treatment_plots.rules_flowchart("HR+/HER2-", "metastatic"),
    "rules_flowchart_tnbc": lambda: treatment_plots.rules_flowchart("HR-/HER2-", "metastatic"),
    "trial_bars": lambda: treatment_plots.trial_bars(treatment.trial_results()),
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_text_is_readable_and_clear(name: str) -> None:
    problems = text_problems(FIGURES[name]().figure)
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_the_check_finds_small_crossed_and_boxed_text() -> None:
    """The measure can fail: small text, an arrow through a label, text on its box's edge,
    overlapping texts."""
    fig = Figure(figsize=(4, 3), dpi=100)
    ax = fig.add_subplot()
    ax.axis("off")
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.text(1, 9, "tiny", fontsize=MIN_FONT_PT - 2)
    ax.text(5, 5, "crossed by an arrow", ha="center", va="center", fontsize=12)
    ax.annotate("", xy=(5, 1), xytext=(5, 9), arrowprops={"arrowstyle": "->"})
    ax.text(1, 2, "boxed", fontsize=12, bbox={"boxstyle": "square,pad=0", "edgecolor": "k"})
    ax.text(7, 8, "one", fontsize=12)
    ax.text(7.2, 8, "two", fontsize=12)
    problems = "\n".join(text_problems(fig))
    assert "'tiny' is 7 pt" in problems
    assert "'crossed by an arrow' is crossed by an arrow" in problems
    assert "'boxed' touches the edge of its box" in problems
    assert "'one' overlaps 'two'" in problems


def test_every_figure_function_is_checked() -> None:
    """A new figure function in helpers.plots must be added to FIGURES."""
    public = {f"{module.__name__}.{name}" for module in (biology, classification, prognostic,
                                                         staging, survival_plots,
                                                         treatment_plots)
              for name in module.__all__ if callable(getattr(module, name))
              and not isinstance(getattr(module, name), type)}
    names = {key.removesuffix("_2013").removesuffix("_two").removesuffix("_hr")
             .removesuffix("_tnbc") for key in FIGURES}
    checked = {p for p in public if p.rsplit(".", 1)[1] in names}
    assert public - checked == set()
