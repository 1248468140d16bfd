"""The virtual pathology case library: every case's hand-worked expected results must match
what the helpers compute, and the library must cover every ISH group and every cut-off."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.datafiles import read_sidecar, read_table, validate_table
from helpers.her2 import classify_her2
from helpers.receptors import classify_receptor
from helpers.subtype import molecular_subtype

CASES = read_table("pathology_cases")


def _value(x):
    return None if pd.isna(x) else float(x)


def test_case_library_matches_its_sidecar():
    assert validate_table(CASES, read_sidecar("pathology_cases")) == []


def test_case_ids_are_unique_and_about_twenty():
    assert CASES["id"].is_unique
    assert 18 <= len(CASES) <= 30


@pytest.mark.parametrize("case", CASES.to_dict("records"), ids=list(CASES["id"]))
def test_her2_result_of_each_case(case):
    result = classify_her2(case["ihc"], _value(case["ish_ratio"]), _value(case["her2_copies"]))
    assert result.status == case["expected_status"]
    assert result.expression == case["expected_expression"]
    expected_group = None if pd.isna(case["expected_ish_group"]) else int(case["expected_ish_group"])
    assert result.ish_group == expected_group


@pytest.mark.parametrize("case", CASES.to_dict("records"), ids=list(CASES["id"]))
def test_er_class_and_subtype_of_each_case(case):
    assert classify_receptor(float(case["er_percent"]), "ER") == case["expected_er_class"]
    status = case["expected_status"]
    if status == "equivocal":
        assert pd.isna(case["expected_subtype"])
        with pytest.raises(ValueError, match="her2_status"):
            molecular_subtype(case["er_percent"], case["pr_percent"], status)
    else:
        assert molecular_subtype(case["er_percent"], case["pr_percent"], status) == case[
            "expected_subtype"]


def test_every_ish_group_and_expression_is_covered():
    groups = set(CASES["expected_ish_group"].dropna().astype(int))
    assert groups == {1, 2, 3, 4, 5}
    assert set(CASES["expected_expression"]) == {"positive", "low", "ultralow", "null",
                                                 "0 (not subclassified)", "pending"}
    assert set(CASES["ihc"]) == {"0", "0 (null)", "0 (ultralow)", "1+", "2+", "3+"}
    assert set(CASES["expected_subtype"].dropna()) == {"HR+/HER2-", "HR-/HER2-", "HR+/HER2+",
                                                      "HR-/HER2+"}


@pytest.mark.parametrize("column, values", [
    ("ish_ratio", (2.0, 1.99)),
    ("her2_copies", (4.0, 3.99)),
    ("her2_copies", (6.0, 5.99)),
    ("er_percent", (1.0, 0.99)),
    ("er_percent", (10.0, 10.01)),
    ("pr_percent", (1.0, 0.99)),
])
def test_every_cut_off_appears_on_both_sides(column, values):
    present = [float(v) for v in CASES[column].dropna()]
    for value in values:
        assert any(math.isclose(v, value) for v in present), f"{column} = {value} missing"


def test_ihc_zero_cases_say_null_or_ultralow_where_they_mean_it():
    """A case whose findings describe the staining of an IHC 0 records it as "0 (null)" or
    "0 (ultralow)"; a plain "0" is kept only for a report that does not say, and is then
    expected to come out as not subclassified, never as null."""
    zero = CASES[CASES["ihc"].astype(str).str.startswith("0")]
    plain = zero[zero["ihc"] == "0"]
    assert len(plain) >= 1 and set(plain["expected_expression"]) == {"0 (not subclassified)"}
    for words in plain["description"].str.lower():
        assert not any(w in words for w in ("no staining", "no membrane staining", "null",
                                            "ultralow", "faint"))
    for _, case in zero[zero["ihc"] != "0"].iterrows():
        kind = "null" if case["ihc"] == "0 (null)" else "ultralow"
        assert case["expected_expression"] == kind
        assert (("no membrane staining" in case["description"]) if kind == "null"
                else ("faint" in case["description"] or "ultralow" in case["description"]))
