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


# --- issue 14 / 17: the findings the treatment rules read, and wrong argument types ----------

def test_brca_patient_shows_the_residual_disease_that_opens_olaparib() -> None:
    eli = capstone.patient("Eli")
    assert eli.germline_brca and eli.residual_disease is True
    assert "residual invasive carcinoma" in eli.imaging_summary
    agents = {a for o in capstone.run_pipeline(eli).options for a in o.agents}
    assert "olaparib" in agents and "capecitabine" not in agents


def test_pipeline_passes_nodes_grade_size_and_er_low_to_the_rules() -> None:
    chen = capstone.run_pipeline(capstone.patient("Chen"))  # T3 N0: NATALEE yes, monarchE no
    agents = {a for o in chen.options for a in o.agents}
    assert "ribociclib" in agents and "abemaciclib" not in agents
    dana = capstone.run_pipeline(capstone.patient("Dana"))  # metastatic, ER 5 %, PD-L1 untested
    assert any("PD-L1" in text and "ER-low" in text for text in dana.prompts)
    assert "Tests to ask for first" in capstone.pipeline_report(capstone.patient("Dana"))


@pytest.mark.parametrize("bad", ["Bea", 3, None, {"name": "Bea"}, ["Bea"]])
def test_run_pipeline_wrong_argument_type_names_the_field(bad) -> None:
    with pytest.raises(ValueError, match="^patient must be a VirtualPatient"):
        capstone.run_pipeline(bad)
    with pytest.raises(ValueError, match="^patient must be a VirtualPatient"):
        capstone.pipeline_report(bad)


@pytest.mark.parametrize("bad", [3, None, ["Bea"], float("nan")])
def test_patient_wrong_type_names_the_field(bad) -> None:
    with pytest.raises(ValueError, match="^patient must be one of"):
        capstone.patient(bad)


def test_patient_name_as_people_type_it() -> None:
    assert capstone.patient(" bea ").name == "Bea"


def test_unsubclassified_ihc_0_asks_for_null_or_ultralow(monkeypatch) -> None:
    """If classify_her2 reports an IHC 0 without null/ultralow, the pipeline does not guess."""
    from dataclasses import replace

    from helpers import her2

    real = her2.classify_her2

    def unsubclassified(ihc, *args, **kwargs):
        result = real(ihc, *args, **kwargs)
        if ihc.startswith("0"):
            return replace(result, expression="0 (not subclassified)")
        return result

    monkeypatch.setattr(her2, "classify_her2", unsubclassified)
    fatima = capstone.run_pipeline(capstone.patient("Fatima"))
    assert fatima.options and any("null" in t and "ultralow" in t for t in fatima.prompts)


def _blank_to_none(value: object) -> object:
    return None if isinstance(value, float) and math.isnan(value) else value


@pytest.mark.parametrize("row", EXPECTED, ids=lambda r: r["patient"])
def test_prognostic_stages_match_hand_worked_results(row: dict) -> None:
    """Each patient's AJCC 8 prognostic stages, worked out by hand from the tables."""
    result = capstone.run_pipeline(capstone.patient(row["patient"]))
    assert result.clinical_prognostic_stage == _blank_to_none(
        row["expected_clinical_prognostic_stage"])
    assert result.pathological_prognostic_stage == _blank_to_none(
        row["expected_pathological_prognostic_stage"])


def test_biology_moves_the_stage_both_ways() -> None:
    """Triple-negative grade 3 moves up, low-grade HR+/HER2- moves down (AJCC 8 tables)."""
    eli = capstone.run_pipeline(capstone.patient("Eli"))
    assert (eli.stage, eli.clinical_prognostic_stage) == ("IIA", "IIB")
    fatima = capstone.run_pipeline(capstone.patient("Fatima"))
    assert (fatima.stage, fatima.clinical_prognostic_stage) == ("IB", "IA")


def test_pathological_stage_only_when_surgery_came_first() -> None:
    eli = capstone.run_pipeline(capstone.patient("Eli"))  # neoadjuvant therapy, then surgery
    assert eli.pathological_prognostic_stage is None
    assert "treatment before surgery" in eli.prognostic_note
    ana = capstone.run_pipeline(capstone.patient("Ana"))
    assert ana.pathological_prognostic_stage == "IA" and ana.prognostic_note == ""


def test_prognostic_stage_needs_a_grade() -> None:
    grace = capstone.run_pipeline(capstone.patient("Grace"))
    assert grace.clinical_prognostic_stage is None and "grade" in grace.prognostic_note


def test_report_shows_prognostic_beside_anatomic_stage() -> None:
    text = capstone.pipeline_report(capstone.patient("Eli"))
    assert "AJCC anatomic stage IIA" in text
    assert "clinical IIB; pathological not assigned" in text


def test_check_pipeline_reads_answers_as_people_write_them() -> None:
    """"Negative", "HER2-low", "Stage IIB" and "Localized" were rejected before (exact match)."""
    chen = dict(her2_status="Negative", her2_expression="HER2-low", subtype="hr+/her2-",
                stage="Stage IIB", summary_stage="Localized")
    assert ex.check_pipeline("Chen", chen).correct
    bea = dict(her2_status=" negative ", her2_expression="HER2-null", subtype="Triple-negative",
               stage="iib", summary_stage="REGIONAL")
    assert ex.check_pipeline("Bea", bea).correct


def test_check_pipeline_hints_every_wrong_field() -> None:
    wrong = {**_right("Dana"), "stage": "IIB", "summary_stage": "regional", "subtype": "HR-/HER2-"}
    feedback = ex.check_pipeline("Dana", wrong)
    assert feedback.status == "incorrect"
    for field in ("stage:", "summary_stage:", "subtype:"):
        assert field in feedback.hint
    assert "ER is 5 %" in feedback.hint  # the HR half is wrong, and the hint says which half
    assert "ISH" not in feedback.hint  # nothing about ISH for an IHC 0 tumour
    assert "IV" not in feedback.hint and "distant" not in feedback.hint  # never the answer


# --- issue 21: untested germline BRCA, hints that state a rule checked against the library ---

def test_untested_germline_brca_is_asked_for_not_read_as_negative() -> None:
    bea = capstone.patient("Bea")  # triple-negative; the report does not mention germline testing
    assert bea.germline_brca is None
    assert any("germline" in t and "BRCA" in t for t in capstone.run_pipeline(bea).prompts)
    assert not any("germline" in t for t in capstone.run_pipeline(capstone.patient("Eli")).prompts)


def test_report_says_what_the_model_leaves_out() -> None:
    from helpers.treatment import LEFT_OUT_URL

    assert "The model leaves out" in capstone.pipeline_report(capstone.patient("Ana"))
    assert LEFT_OUT_URL in capstone.pipeline_report(capstone.patient("Dana"))
    assert "leaves out" not in capstone.pipeline_report(capstone.patient("Grace"))  # no options


def test_field_hints_state_rules_the_library_follows() -> None:
    """Each rule a hint states (ex.FIELDS and field_hint), checked against the helpers."""
    from helpers.her2 import classify_her2
    from helpers.receptors import classify_receptor
    from helpers.staging import anatomic_stage, summary_stage

    # "IHC 0 and 1+ are negative and 3+ positive without ISH"
    assert classify_her2("0").status == classify_her2("1+").status == "negative"
    assert classify_her2("3+").status == "positive"
    # "ER 1-10 % is still positive"
    assert classify_receptor(1, "ER") == classify_receptor(10, "ER") == "low positive"
    # "any M1 is stage IV; N1mi with T0/T1 is IB"
    assert anatomic_stage("T2", "N1", "M1") == "IV"
    for t in ("T0", "T1mi", "T1a", "T1b", "T1c"):
        assert anatomic_stage(t, "N1mi", "M0") == "IB"
    # "regional lymph nodes (axillary, internal mammary, infraclavicular; micrometastases
    # included) or T4 makes it regional; M1 makes it distant"
    for n in ("N1mi", "N1", "N2a", "N2b", "N3a"):
        assert summary_stage("T1c", n, "M0") == "regional", n
    for t in ("T4a", "T4b", "T4d"):
        assert summary_stage(t, "N0", "M0") == "regional"
    assert summary_stage("T2", "N0", "M1") == "distant"
    assert summary_stage("T3", "N0", "M0") == "localized"  # size alone is not spread
