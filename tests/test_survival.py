"""helpers.survival: the SEER table, its releases, and the Kaplan-Meier helpers."""

from __future__ import annotations

import math
import re
from pathlib import Path

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


@pytest.mark.parametrize(("pct", "people"), [(0, 0), (14, 14), (66.5, 67), (67.5, 68), (0.5, 1),
                                             (12.5, 13), (66.49, 66), (99.5, 100), (100, 100)])
def test_people_alive_of_100_rounds_halves_up(pct: float, people: int) -> None:
    """66.5 people of 100 is shown as 67, as people round by hand (Python's round gives 66)."""
    assert survival.people_alive_of_100(pct) == people


@pytest.mark.parametrize("pct", [66.5, 12.5, 0.5, 39.5, 45.6])
def test_icon_array_fills_as_many_icons_as_the_sentence_says(pct: float) -> None:
    people = survival.people_alive_of_100(pct)
    assert f"{people} filled icons" in icon_array(pct).alt


@pytest.mark.parametrize("huge", [10**309, -(10**400), 2**1100], ids=["1e309", "-1e400", "2^1100"])
def test_integers_too_large_for_a_float_are_out_of_range_not_a_crash(huge: int) -> None:
    with pytest.raises(ValueError, match="^survival percent must be a number between 0 and 100"):
        survival.people_alive_of_100(huge)
    with pytest.raises(ValueError, match="^survival percent"):
        icon_array(huge)
    curve = kaplan_meier.kaplan_meier(pd.DataFrame({"years": [1.0, 2.0], "cens": [1, 0]}))
    with pytest.raises(ValueError, match="^years must be a number between 0 and 2"):
        kaplan_meier.survival_at(curve, huge)
    with pytest.raises(ValueError, match="^years must be a finite number"):
        kaplan_meier.kaplan_meier(pd.DataFrame({"years": pd.Series([1.0, huge], dtype=object),
                                                "cens": [1, 0]}))
    with pytest.raises(ValueError, match="^mark_years"):
        km_plot([curve], mark_years=huge)


def test_highest_subtype_at_each_stage_comes_from_the_table() -> None:
    """SEER 2013-2019: HR+/HER2- is highest at localized and regional stage, not distant."""
    best = survival.highest_by_stage("2013-2019").set_index("stage")
    assert best.loc["localized", "subtype"] == "HR+/HER2-"
    assert best.loc["regional", "subtype"] == "HR+/HER2-"
    assert best.loc["distant", "subtype"] == "HR+/HER2+"
    assert best.loc["distant", "survival_pct"] == 45.6
    assert survival.stages_where_highest("HR+/HER2-") == ("localized", "regional")
    assert survival.stages_where_highest("HR+/HER2+") == ("distant",)
    assert survival.stages_where_highest("HR-/HER2-") == ()
    assert survival.stages_where_highest("HR+/HER2-", "2014-2020") == ("all stages",)
    assert survival.stages_where_highest("HR+/HER2-", "seed") == ("localized", "regional",
                                                                   "distant")
    with pytest.raises(ValueError, match="^subtype must be one of"):
        survival.stages_where_highest("HR+/HER2+", "seed")
    with pytest.raises(ValueError, match="^subtype must be one of"):
        survival.stages_where_highest("unknown")


ROOT = Path(__file__).resolve().parents[1]
#: Texts that teach the survival figures: their claims about "the best" subtype must match
#: the table.
TEACHING_TEXTS = [ROOT / "lessons" / "00_start_here.py", ROOT / "lessons" / "04_survival.py",
                  ROOT / "lessons" / "06_patient_path.py", ROOT / "notebooks" / "glossary.md",
                  ROOT / "instructors" / "guide.md"]


def _plain(path: Path) -> str:
    """The text with comment markers and line breaks folded away, so phrases can be searched."""
    lines = [line.removeprefix("#").strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return " ".join(lines)


@pytest.mark.parametrize("path", TEACHING_TEXTS, ids=lambda p: p.name)
def test_no_text_claims_one_subtype_is_best_at_every_stage(path: Path) -> None:
    """A sentence that calls a subtype best/highest "at every stage" must be a comparison with
    triple-negative disease (true at every stage) or say "not" (correcting the claim). Text in
    double quotes (a misconception quoted in order to correct it) is not a claim."""
    unquoted = re.sub(r'"[^"]*"', '""', _plain(path))
    for sentence in re.split(r"(?<=[.!?])\s", unquoted):
        if re.search(r"\b(best|highest|higher)\b", sentence) and "at every stage" in sentence:
            assert re.search(r"\bnot\b|\b(than|against) triple-negative", sentence, re.I), \
                f"{path.name}: {sentence!r}"


@pytest.mark.parametrize("path", [ROOT / "lessons" / "04_survival.py",
                                  ROOT / "lessons" / "06_patient_path.py"], ids=lambda p: p.name)
def test_lessons_name_the_stages_where_hr_positive_is_highest(path: Path) -> None:
    """The wording is derived from the table: change the data and this test names the lesson."""
    stages = survival.stages_where_highest("HR+/HER2-", "2013-2019")
    others = [s for s in survival.STAGES if s not in stages]
    phrase = f"at the {' and '.join(stages)} stages"
    text = _plain(path)
    assert phrase in text, f"{path.name} should say HR+/HER2- is highest {phrase}"
    for stage in others:
        higher = survival.highest_by_stage("2013-2019").set_index("stage").loc[stage]
        assert f"at the {stage} stage" in text
        assert f"{higher['survival_pct']:.1f} %" in text or path.name == "06_patient_path.py"


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


# --- Wrong argument types and impossible values give a ValueError naming the field ----------

def _toy_curve() -> kaplan_meier.KaplanMeierSummary:
    return kaplan_meier.kaplan_meier(pd.DataFrame({"years": [1.0, 2.0, 3.0], "cens": [1, 0, 1]}))


@pytest.mark.parametrize("curve", ["x", None, 5, [0.5, 0.4], {"timeline": [1.0]}])
def test_survival_at_names_the_curve_when_it_is_not_one(curve) -> None:
    with pytest.raises(ValueError, match="^curve must be a fitted curve from kaplan_meier"):
        kaplan_meier.survival_at(curve, 5)


@pytest.mark.parametrize("years", ["5", None, math.nan, True, [5]])
def test_survival_at_names_years(years) -> None:
    with pytest.raises(ValueError, match="^years must be a number between 0 and 3"):
        kaplan_meier.survival_at(_toy_curve(), years)


@pytest.mark.parametrize(
    ("data", "missing"),
    [([1, 2], "the times \\('years'\\) and the event codes \\('cens'\\) are missing"),
     ((1.0, 2.0), "are missing"), ("years", "are missing"), (None, "are missing"),
     ({"years": [1.0], "cens": [1]}, "got a dict"),
     (pd.DataFrame({"cens": [1, 0]}), "the column 'years' is missing"),
     (pd.DataFrame({"time": [1.0]}), "the column 'years' and 'cens' are missing")],
)
def test_kaplan_meier_says_what_is_missing(data, missing: str) -> None:
    with pytest.raises(ValueError, match=f"^data must be a pandas DataFrame.*{missing}"):
        kaplan_meier.kaplan_meier(data)


@pytest.mark.parametrize(
    ("years", "cens", "message"),
    [([1.0, -0.5], [1, 0], "^years must be a finite number of at least 0 years in every row; "
                           "row 1 has -0.5"),
     ([1.0, math.nan], [1, 0], "^years .* row 1 has nan"),
     ([1.0, math.inf], [1, 0], "^years .* row 1 has inf"),
     ([1.0, "2"], [1, 0], "^years .* row 1 has '2'"),
     ([1.0, None], [1, 0], "^years .* row 1 has None"),
     ([1.0, 2.0], [1, 2], r"^cens must be 0 \(censored\) or 1 \(event observed\) in every row; "
                          "row 1 has 2"),
     ([1.0, 2.0], [-1, 0], "^cens .* row 0 has -1"),
     ([1.0, 2.0], [1, math.nan], "^cens .* row 1 has nan"),
     ([1.0, 2.0], [1, 0.5], "^cens .* row 1 has 0.5"),
     ([1.0, 2.0], ["1", "0"], "^cens .* row 0 has '1'"),
     ([1.0, 2.0], [1, None], "^cens .* row 1 has None")],
)
def test_kaplan_meier_refuses_negative_times_and_other_event_codes(years, cens, message) -> None:
    data = pd.DataFrame({"years": pd.Series(years, dtype=object),
                         "cens": pd.Series(cens, dtype=object)})
    with pytest.raises(ValueError, match=message):
        kaplan_meier.kaplan_meier(data)


def test_kaplan_meier_accepts_the_usual_codings() -> None:
    """Zero times, 0/1 as floats or booleans: the same curve as with integers."""
    as_ints = kaplan_meier.kaplan_meier(pd.DataFrame({"years": [0.0, 2.0], "cens": [1, 0]}))
    as_floats = kaplan_meier.kaplan_meier(pd.DataFrame({"years": [0, 2], "cens": [1.0, 0.0]}))
    as_bools = kaplan_meier.kaplan_meier(pd.DataFrame({"years": [0.0, 2.0],
                                                       "cens": [True, False]}))
    assert as_ints.survival == as_floats.survival == as_bools.survival
    assert as_ints.events == as_bools.events == 1


def test_kaplan_meier_label_must_be_text() -> None:
    with pytest.raises(ValueError, match="^label must be text"):
        kaplan_meier.kaplan_meier(pd.DataFrame({"years": [1.0], "cens": [1]}), label=3)


@pytest.mark.parametrize("data", ["Bea", [1, 2], pd.DataFrame({"years": [1.0], "cens": [1]})])
def test_compare_hormone_therapy_names_the_data(data) -> None:
    with pytest.raises(ValueError, match="^data must"):
        kaplan_meier.compare_hormone_therapy(data)


def test_plots_refuse_wrong_arguments_with_a_message() -> None:
    with pytest.raises(ValueError, match="^table must be a pandas DataFrame"):
        survival_bars("seed")
    with pytest.raises(ValueError, match="^curves must be a list of one to three fitted curves"):
        km_plot("x")
    with pytest.raises(ValueError, match="^curves must be"):
        km_plot([1, 2])
    with pytest.raises(ValueError, match="^mark_years must be a number at least 0"):
        km_plot([_toy_curve()], mark_years="5")
    with pytest.raises(ValueError, match="^log_rank must be"):
        km_plot([_toy_curve()], log_rank=0.05)


@pytest.mark.parametrize(("first", "second", "field"),
                         [(3, "seed", "first"), ("seed", None, "second"), ("2099", "seed", "first")])
def test_compare_releases_names_the_argument(first, second, field: str) -> None:
    with pytest.raises(ValueError, match=f"^{field} must be one of"):
        survival.compare_releases(first, second)


def test_lesson_4_reads_100_percent_and_the_seed_release_rightly() -> None:
    """Issue 21: 100 % relative survival is not 'no breast cancer deaths'; the seed's release is
    unknown, so nothing is concluded from its distant figures being higher."""
    text = " ".join(line.lstrip("# ").strip() for line in
                    (ROOT / "lessons" / "04_survival.py").read_text(encoding="utf-8").splitlines())
    assert "relative survival of 100 % does not mean that nobody died of breast cancer" in text
    assert "screening" in text
    assert "relative survival, not observed survival" in text
    assert "release the seed comes from is unknown" in text
    for conclusion in ("not from an older release", "a later one is more likely"):
        assert conclusion not in text
    meta = (ROOT / "data" / "seer_survival.meta.json").read_text(encoding="utf-8")
    assert "not an earlier release" not in meta
