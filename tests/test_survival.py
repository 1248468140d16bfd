"""helpers.survival: the SEER table, its releases, and the Kaplan-Meier helpers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import kaplan_meier, survival
from helpers.plots import AccessibleFigure
from helpers.plots.survival import icon_array, km_plot, survival_bars

SEED = {
    ("HR+/HER2-", "localized"): 100, ("HR+/HER2-", "regional"): 90,
    ("HR+/HER2-", "distant"): 35, ("HR-/HER2-", "localized"): 92,
    ("HR-/HER2-", "regional"): 67, ("HR-/HER2-", "distant"): 14,
}


def test_default_table_is_the_seeds_six_figures() -> None:
    table = survival.load_survival_table()
    assert list(table.columns) == ["subtype", "stage", "survival_pct"]
    assert len(table) == 6
    got = {(r.subtype, r.stage): r.survival_pct for r in table.itertuples()}
    assert got == SEED
    assert pd.api.types.is_float_dtype(table["survival_pct"])


def test_releases_are_separate_tables() -> None:
    newer = survival.load_survival_table("2013-2019")
    assert newer.attrs["release"] == "2013-2019"
    assert len(newer) == 18  # 4 subtypes + unknown + all subtypes, 3 stages each
    assert newer.query("subtype == 'HR+/HER2-' and stage == 'distant'")["survival_pct"].item() == 34.0
    assert set(survival.load_survival_table("2014-2020")["stage"]) == {"all stages"}
    assert not newer.merge(survival.load_survival_table(), how="inner").shape[0] == 6


@pytest.mark.parametrize("release", ["2020", "", None, 2013, "SEED"])
def test_unknown_release_names_the_field(release) -> None:
    with pytest.raises(ValueError, match="release must be one of"):
        survival.load_survival_table(release)


@pytest.mark.parametrize(("subtype", "stage"), [(s, t) for (s, t) in SEED])
def test_survival_pct_reads_each_cell(subtype: str, stage: str) -> None:
    assert survival.survival_pct(subtype, stage) == SEED[(subtype, stage)]


@pytest.mark.parametrize(
    ("subtype", "stage", "field"),
    [("HER2+", "regional", "subtype"), ("HR+/HER2-", "local", "stage"),
     ("HR+/HER2+", "regional", "subtype"), (None, "distant", "subtype"),
     ("HR-/HER2-", 3, "stage")],
)
def test_survival_pct_bad_input(subtype, stage, field: str) -> None:
    with pytest.raises(ValueError, match=f"^{field} must be one of"):
        survival.survival_pct(subtype, stage)


@pytest.mark.parametrize("pct", [-0.1, 100.1, 130, math.nan, math.inf, "50", None, True])
def test_percent_outside_0_100_is_refused(pct) -> None:
    with pytest.raises(ValueError, match="survival percent must be a number between 0 and 100"):
        survival.people_alive_of_100(pct)
    with pytest.raises(ValueError, match="survival percent"):
        icon_array(pct)


@pytest.mark.parametrize(("pct", "people"), [(0, 0), (14, 14), (66.5, 66), (67.5, 68), (100, 100)])
def test_people_alive_of_100(pct: float, people: int) -> None:
    assert survival.people_alive_of_100(pct) == people


def test_sentence_says_what_the_figure_is_not() -> None:
    text = survival.survival_sentence("HR-/HER2-", "distant")
    assert "14 %" in text and "triple-negative" in text and "not anyone's personal chance" in text


def test_compare_releases_difference() -> None:
    diff = survival.compare_releases("seed", "2013-2019").set_index(["subtype", "stage"])
    assert diff.loc[("HR+/HER2-", "distant"), "difference"] == pytest.approx(-1.0)
    assert diff.loc[("HR-/HER2-", "distant"), "difference"] == pytest.approx(-1.2)
    assert len(diff) == 6
    with pytest.raises(ValueError, match="second release must differ"):
        survival.compare_releases("seed", "seed")


def test_gbsg2_is_the_published_cohort() -> None:
    data = kaplan_meier.load_gbsg2()
    assert len(data) == 686
    assert set(data["horTh"]) == {"yes", "no"}
    assert data["years"].max() == pytest.approx(data["time"].max() / 365.25)


def test_kaplan_meier_steps_down_and_reads_correctly() -> None:
    data = pd.DataFrame({"years": [1.0, 2.0, 3.0, 4.0], "cens": [1, 0, 1, 1]})
    curve = kaplan_meier.kaplan_meier(data, "toy")
    # By hand: S(1) = 3/4; S(3) = 3/4 * (1 - 1/2) = 3/8; S(4) = 0.
    assert kaplan_meier.survival_at(curve, 0.5) == 1.0
    assert kaplan_meier.survival_at(curve, 1.0) == pytest.approx(0.75)
    assert kaplan_meier.survival_at(curve, 2.5) == pytest.approx(0.75)
    assert kaplan_meier.survival_at(curve, 3.0) == pytest.approx(0.375)
    assert kaplan_meier.survival_at(curve, 4.0) == pytest.approx(0.0)
    with pytest.raises(ValueError, match="years must be a number between 0 and 4"):
        kaplan_meier.survival_at(curve, 5.0)
    with pytest.raises(ValueError, match="years"):
        kaplan_meier.survival_at(curve, -1)


def test_kaplan_meier_refuses_empty_or_wrong_tables() -> None:
    with pytest.raises(ValueError, match="at least one patient"):
        kaplan_meier.kaplan_meier(pd.DataFrame({"years": [], "cens": []}))
    with pytest.raises(ValueError, match="'cens' is missing"):
        kaplan_meier.kaplan_meier(pd.DataFrame({"years": [1.0]}))


def test_hormone_therapy_comparison() -> None:
    yes, no, test = kaplan_meier.compare_hormone_therapy()
    assert (yes.n, no.n) == (246, 440)
    assert kaplan_meier.survival_at(yes, 5) > kaplan_meier.survival_at(no, 5)
    assert 0 < test.p_value < 0.05


def test_figures_carry_alt_text_with_the_numbers() -> None:
    bars = survival_bars(survival.load_survival_table())
    assert isinstance(bars, AccessibleFigure)
    assert "HR-/HER2-: localized 92 %, regional 67 %, distant 14 %" in bars.alt
    assert len(bars.figure.axes[0].patches) == 6
    assert bars.png().startswith(b"\x89PNG")
    icons = icon_array(67)
    assert "67 filled" in icons.alt and "33 hollow" in icons.alt
    yes, no, test = kaplan_meier.compare_hormone_therapy()
    km = km_plot([yes, no], log_rank=test)
    assert "tamoxifen:" in km.alt and "p =" in km.alt
    assert repr(km).startswith("[Figure: ")
    with pytest.raises(ValueError, match="table must have columns"):
        survival_bars(pd.DataFrame({"x": [1]}))


def test_the_seer_module_does_not_import_lifelines() -> None:
    """Lessons and widgets that only read SEER tables do not pay for lifelines' import."""
    import subprocess
    import sys

    code = "import sys, helpers.survival, helpers.widgets.survival; print('lifelines' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stdout + out.stderr
