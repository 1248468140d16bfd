"""The capstone pipeline reaches the hand-worked results, and its checkers give feedback."""

from __future__ import annotations

import math

import pytest

from helpers import capstone
from helpers.datafiles import read_table
from helpers.exercises import capstone as ex

EXPECTED = read_table("capstone_patients").to_dict("records")


def test_at_least_six_patients() -> None:
    assert len(capstone.patient_names()) >= 6


@pytest.mark.parametrize("row", EXPECTED, ids=lambda r: r["patient"])
def test_pipeline_matches_hand_worked_results(row: dict) -> None:
    result = capstone.run_pipeline(capstone.patient(row["patient"]))
    assert result.her2_status == row["expected_her2_status"]
    assert result.her2_expression == row["expected_her2_expression"]
    group = row["expected_ish_group"]
    assert result.ish_group == (None if isinstance(group, float) and math.isnan(group) else group)
    assert result.subtype == row["expected_subtype"]
    assert result.stage == row["expected_stage"]
    assert result.summary_stage == row["expected_summary_stage"]
    assert result.survival_pct is not None
    if row["expected_her2_status"] == "positive":
        assert result.options == () and "HER2-targeted" in result.out_of_scope
    else:
        assert result.options and result.out_of_scope is None


def test_pipeline_reports_name_every_step() -> None:
    text = capstone.pipeline_report(capstone.patient("Dana"))
    for step in ("1. HER2", "2. ER", "3. T2 N1 M1", "4. 5-year", "5. Treatment"):
        assert step in text


def test_survival_release_falls_back_for_her2_positive() -> None:
    grace = capstone.run_pipeline(capstone.patient("Grace"))
    assert grace.survival_release == "2013-2019" and grace.survival_pct == 99.1
    ana = capstone.run_pipeline(capstone.patient("Ana"))
    assert ana.survival_release == "seed" and ana.survival_pct == 100


def test_unknown_patient() -> None:
    with pytest.raises(ValueError, match="patient must be one of 'Ana'"):
        capstone.patient("Zoe")


def _right(name: str) -> dict:
    r = capstone.run_pipeline(capstone.patient(name))
    return {k: getattr(r, k) for k in ex.FIELDS}


def test_check_pipeline_feedback() -> None:
    assert ex.check_pipeline("Bea", _right("Bea")).correct
    wrong = {**_right("Bea"), "stage": "IIA"}
    result = ex.check_pipeline("Bea", wrong)
    assert result.status == "incorrect" and "stage" in result.message
    assert "IIB" not in result.message + result.hint
    half = {**_right("Bea"), "subtype": ...}
    assert "still to answer: subtype" in ex.check_pipeline("Bea", half).message
    blank = {k: ... for k in ex.FIELDS}
    assert ex.check_pipeline("Bea", blank).status == "not answered"
    assert ex.check_pipeline("Bea", ...).status == "not answered"
    assert ex.check_pipeline("Bea", ["IIB"]).status == "malformed"
    assert ex.check_pipeline("Bea", {"stage": "IIB"}).status == "malformed"
    assert ex.check_pipeline("Nobody", _right("Bea")).status == "malformed"


def test_check_options_feedback() -> None:
    bea = capstone.run_pipeline(capstone.patient("Bea"))
    classes = sorted({o.drug_class for o in bea.options})
    assert ex.check_options("Bea", classes).correct
    assert ex.check_options("Bea", classes + ["endocrine therapy"]).status == "incorrect"
    assert ex.check_options("Bea", "chemotherapy").status == "malformed"
    assert ex.check_options("Grace", []).correct
    assert ex.check_options("Grace", ["endocrine therapy"]).status == "incorrect"
    assert ex.check_options("Grace", ...).status == "not answered"
