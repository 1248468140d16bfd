"""Tests for the HER2 biology cartoon, its figures, widget and data files."""

from __future__ import annotations

import math

import pytest
from matplotlib.figure import Figure

from helpers import biology
from helpers.datafiles import read_table
from helpers.plots import AccessibleFigure
from helpers.plots import biology as bplots
from helpers.widgets.biology import copy_number_explorer


@pytest.mark.parametrize("copies,expected", [
    (0, "0, 1+ or 2+"), (2, "0, 1+ or 2+"), (3, "0, 1+ or 2+"), (3.99, "0, 1+ or 2+"),
    (4.0, "2+ or 3+"), (5.99, "2+ or 3+"), (6.0, "3+"), (30, "3+"),
])
def test_typical_ihc_steps(copies, expected):
    assert biology.typical_ihc_score(copies)[0] == expected


def test_cartoon_never_calls_a_non_amplified_cell_her2_low():
    """HER2-low is non-amplified by definition: 3 copies is not "the HER2-low range", and below
    the amplification step the cartoon does not claim to know the IHC score."""
    for copies in (0, 2, 2.5, 3, 3.5, 3.99):
        score, words = biology.typical_ihc_score(copies)
        assert score == "0, 1+ or 2+"
        assert "not amplified" in words and "HER2-low range" not in words
    assert all("HER2-low range" not in words for _, _, words in biology.TYPICAL_IHC)


def test_her2_low_is_not_always_below_4_copies():
    """"Not amplified" is a negative final ISH result, not "< 4 copies": ISH groups 3 and 4
    (ratio below 2.0 with 6+ or 4-6 copies) can be HER2-negative, and HER2-low with IHC 1+ or
    2+ (ASCO/CAP 2018, affirmed 2023). The cartoon's words and docstring must not say otherwise."""
    from helpers.her2 import classify_her2

    for ihc, ratio, copies, group in (("2+", 1.8, 5.0, 4), ("1+", 1.8, 5.0, 4),
                                      ("1+", 1.5, 7.0, 3), ("2+", 1.9, 4.0, 4)):
        result = classify_her2(ihc, ratio, copies)
        assert (result.ish_group, result.status, result.expression) == (group, "negative", "low")
        assert copies >= 4.0
    assert classify_her2("2+", 1.5, 7.0).status == "positive"  # group 3 with IHC 2+
    words = " ".join(w for _, _, w in biology.TYPICAL_IHC)
    assert "all lie here" not in words and "4 or more copies" in words
    assert "groups 3 and 4" in words
    assert "negative final ISH result" in (biology.__doc__ or "")


def test_cartoon_is_amplified_from_4_copies_as_ish_group_1():
    """With 2 CEP17 signals, 4.0 copies give ratio 2.0: ISH group 1 (positive), not from 6."""
    assert biology.AMPLIFIED_FROM == 4.0
    for tenth in range(0, 301):
        copies = tenth / 10
        cartoon = biology.cell_cartoon(copies)
        assert cartoon.ratio == copies / 2
        assert (cartoon.ish_group == 1) == (copies >= 4.0)
        assert ("HER2-positive" in cartoon.words) == (copies >= 4.0)
    assert biology.cell_cartoon(3.99).ish_group == 5


def test_gene_copies_figure_refuses_a_non_amplified_count():
    with pytest.raises(ValueError, match="amplified_copies"):
        bplots.gene_copies_nucleus(3)
    assert "ratio 2" in bplots.gene_copies_nucleus(4).alt


def test_normal_cell_has_density_one_and_density_rises_with_copies():
    assert biology.relative_receptor_density(2) == 1.0
    values = [biology.relative_receptor_density(c) for c in range(0, 31)]
    assert values == sorted(values) and values[0] == 0 and values[-1] == 15


@pytest.mark.parametrize("bad", [-1, 30.5, "4", None, True, math.nan])
def test_bad_copies_raise_naming_field(bad):
    with pytest.raises(ValueError, match="copies"):
        biology.cell_cartoon(bad)


def test_receptor_angles_repeatable_and_scaled():
    a = biology.receptor_angles(4, seed=3)
    assert a == biology.receptor_angles(4, seed=3)
    assert a != biology.receptor_angles(4, seed=4)
    assert len(a) == 24 and all(0 <= x <= 2 * math.pi for x in a)
    assert biology.receptor_angles(0) == ()
    with pytest.raises(ValueError, match="per_copy"):
        biology.receptor_angles(2, per_copy=0)


@pytest.mark.parametrize("make", [bplots.receptor_membrane, bplots.gene_copies_nucleus,
                                  lambda: bplots.subtype_share_chart(read_table("subtype_incidence")),
                                  lambda: bplots.cell_receptors(8)])
def test_figures_return_figure_with_alt(make):
    result = make()
    assert isinstance(result, AccessibleFigure) and isinstance(result.figure, Figure)
    assert len(result.alt) > 40
    assert result.png().startswith(b"\x89PNG")


def test_subtype_chart_alt_lists_every_subtype():
    table = read_table("subtype_incidence")
    alt = bplots.subtype_share_chart(table).alt
    for subtype, share in zip(table["subtype"], table["share_pct"]):
        assert f"{subtype} {share:g} %" in alt


def test_subtype_data_matches_seer_release():
    table = read_table("subtype_incidence").set_index("subtype")
    assert table.loc["HR+/HER2-", "share_pct"] == 69.5
    assert table["share_pct"].idxmax() == "HR+/HER2-"
    # SEER's rows leave out about 0.3 % of cases: 129.0 of a total of 129.4, and 99.7 %
    assert abs(table["rate_per_100000"].sum() - 129.4) < 1.0
    assert 99 <= table["share_pct"].sum() <= 101


def test_subtype_sidecar_note_is_true():
    """The shares add up to 99.7, and SEER's own unrounded figures (69.507..., 10.539...,
    9.616..., 3.970..., 6.066...) already add up to 99.70: the note must not blame rounding."""
    from helpers.datafiles import read_sidecar

    table = read_table("subtype_incidence").set_index("subtype")
    assert list(table["share_pct"]) == [69.5, 10.5, 9.6, 4.0, 6.1]  # facts.md, SEER 22 2017-2021
    assert list(table["rate_per_100000"]) == [90.0, 13.6, 12.4, 5.1, 7.9]
    total = round(float(table["share_pct"].sum()), 1)
    meta = read_sidecar("subtype_incidence")
    note = meta["description"]
    assert total == 99.7 and f"add up to {total:g}" in note
    assert "because of rounding" not in note and "not a rounding effect" in note
    assert "SEER 22 2017-2021" in note and meta["retrieved"] in note


def test_risk_factors_effects_only_with_measure():
    table = read_table("risk_factors")
    has_size = table["effect_size"].notna()
    assert (table.loc[has_size, "effect_measure"].notna()).all()
    assert (table.loc[has_size, "comparison"].notna()).all()
    assert table["modifiable"].any() and (~table["modifiable"]).any()


def test_widget_updates_and_shows_errors():
    ex = copy_number_explorer()
    assert "IHC score in this cartoon 0, 1+ or 2+" in ex.result.value
    assert "ISH group 5" in ex.result.value
    ex.copies.value = 12
    assert "3+" in ex.result.value and bytes(ex.image.value).startswith(b"\x89PNG")
    ex.update(99)
    assert "Please check your input" in ex.result.value and "copies" in ex.result.value
    ex.update(4)
    assert "2+ or 3+" in ex.result.value and "ISH group 1" in ex.result.value


# --- exercise checkers of lessons 01 and 06 -------------------------------------------------
from helpers.exercises import biology as ex01  # noqa: E402
from helpers.exercises import patient_path as ex06  # noqa: E402


@pytest.mark.parametrize("check,right,wrong,malformed", [
    (ex01.exercise_3, 69.5, 10.5, "lots"),
    (ex01.exercise_2, "HER2-ultralow", "HER2-null", "HER2-zero"),
    (ex01.exercise_1, 4, 6, "four"),
    (ex06.exercise_3, "core needle biopsy", "fine-needle aspiration", "MRI"),
    (ex06.exercise_2, 1.8, 2.93, None),
])
def test_checkers_right_wrong_malformed(check, right, wrong, malformed):
    assert check(right).status == "correct"
    assert check(wrong).status == "incorrect"
    assert check(malformed).status in {"malformed", "not answered"}
    assert check(...).status == "not answered"


def test_modifiable_set_checker():
    table = read_table("risk_factors")
    modifiable = list(table.loc[table["modifiable"], "risk_factor"])
    assert ex06.exercise_1(modifiable).status == "correct"
    assert ex06.exercise_1(modifiable[:-1]).status == "incorrect"
    assert ex06.exercise_1(modifiable + ["Getting older"]).status == "incorrect"


@pytest.mark.parametrize("check,right_index", [(ex01._tnbc, 1), (ex06._growth, 2)])
def test_concept_checks_accept_only_the_right_option(check, right_index):
    options = ex01.TNBC_OPTIONS if check is ex01._tnbc else ex06.GROWTH_OPTIONS
    for i, option in enumerate(options):
        assert (check(option).status == "correct") == (i == right_index)
