"""helpers.treatment: each rule fires when its conditions hold, and the checks a guideline reader makes."""

from __future__ import annotations

import itertools

import pytest

from helpers.treatment import (
    DRUG_CLASSES, EARLY_STAGES, Patient, explain, flowchart, load_rules, side_effects,
    treatment_options, trial_results,
)


def classes(patient: Patient) -> set[str]:
    return {o.drug_class for o in treatment_options(patient)}


def agents(patient: Patient) -> set[str]:
    return {a for o in treatment_options(patient) for a in o.agents}


def fired(patient: Patient) -> set[str]:
    return {c.rule_id for c in explain(patient) if c.fired}


# A grid of patients covering every subtype, setting, stage/line and biomarker combination.
def all_patients():
    status = itertools.cycle((None, "premenopausal", "postmenopausal"))
    for subtype, brca, (pik, pik3ca), esr1, expr, cps in itertools.product(
        ("HR+/HER2-", "HR-/HER2-"), (False, True), ((False, False), (True, False), (True, True)),
        (False, True), (None, "null", "ultralow", "low"), (None, 0, 9.9, 10, 50),
    ):
        for stage in EARLY_STAGES:
            for residual, risk in ((None, False), (True, True), (False, False)):
                yield Patient(subtype, "early", stage=stage, germline_brca=brca,
                              her2_expression=expr, residual_disease=residual, high_risk=risk,
                              menopausal_status=next(status))
        for line in (1, 2, 3, 5):
            for prior in (False, True):
                yield Patient(subtype, "metastatic", line=line, germline_brca=brca,
                              pik3ca_akt1_pten=pik, pik3ca_mutation=pik3ca,
                              esr1_mutation=esr1, her2_expression=expr,
                              pd_l1_cps=cps, prior_chemo=prior, endocrine_resistant=prior)


PATIENTS = list(all_patients())


def test_rules_table_is_well_formed() -> None:
    rules = load_rules()
    assert len({r.rule_id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.drug_class in DRUG_CLASSES
        assert all(a == a.lower() for a in rule.agents)
        assert rule.evidence and rule.rationale and rule.reviewed == "2026-11-25"
        assert any(ch.isdigit() for ch in rule.evidence), f"{rule.rule_id}: evidence needs a year"


def test_every_rule_fires_for_some_patient() -> None:
    seen = set().union(*(fired(p) for p in PATIENTS))
    assert seen == {r.rule_id for r in load_rules()}


def test_never_endocrine_therapy_for_triple_negative() -> None:
    for p in PATIENTS:
        if p.subtype == "HR-/HER2-":
            assert "endocrine therapy" not in classes(p)
            assert "CDK4/6 inhibitor" not in classes(p)


def test_no_pd_l1_dependent_option_below_10_or_unknown() -> None:
    for p in PATIENTS:
        if p.setting == "metastatic" and (p.pd_l1_cps is None or p.pd_l1_cps < 10):
            assert "pembrolizumab" not in agents(p)


def test_pembrolizumab_first_line_tnbc_at_cps_10() -> None:
    base = dict(subtype="HR-/HER2-", setting="metastatic", line=1)
    assert "pembrolizumab" in agents(Patient(**base, pd_l1_cps=10))
    assert "pembrolizumab" not in agents(Patient(**base, pd_l1_cps=9.9))
    assert "pembrolizumab" not in agents(Patient("HR-/HER2-", "metastatic", line=2, pd_l1_cps=50))


def test_first_line_sacituzumab_alone_needs_a_known_low_cps() -> None:
    base = dict(subtype="HR-/HER2-", setting="metastatic", line=1)
    assert "TN-MET-L1-SG" in fired(Patient(**base, pd_l1_cps=5))
    assert "TN-MET-L1-SG" not in fired(Patient(**base, pd_l1_cps=10))
    assert "TN-MET-L1-SG" not in fired(Patient(**base))


def test_adjuvant_cdk46_only_for_high_risk_stage_ii_iii() -> None:
    for p in PATIENTS:
        if p.setting == "early" and "CDK4/6 inhibitor" in classes(p):
            assert p.subtype == "HR+/HER2-" and p.high_risk and p.stage.startswith("II")


def test_olaparib_only_with_germline_brca() -> None:
    for p in PATIENTS:
        if {"olaparib", "talazoparib"} & agents(p):
            assert p.germline_brca


def test_trastuzumab_deruxtecan_only_for_low_or_ultralow() -> None:
    for p in PATIENTS:
        if "trastuzumab deruxtecan" in agents(p):
            assert p.setting == "metastatic" and p.line >= 2
            assert p.her2_expression == "low" or (
                p.her2_expression == "ultralow" and p.subtype == "HR+/HER2-")


def test_keynote522_for_stage_ii_iii_tnbc_only() -> None:
    for p in PATIENTS:
        if "TN-EARLY-KEYNOTE522-PEMBRO" in fired(p):
            assert p.subtype == "HR-/HER2-" and p.stage in ("IIA", "IIB", "IIIA", "IIIB", "IIIC")
    assert "pembrolizumab" not in agents(Patient("HR-/HER2-", "early", stage="IA"))


def test_capecitabine_after_residual_disease() -> None:
    assert "capecitabine" in agents(Patient("HR-/HER2-", "early", stage="IIB",
                                            residual_disease=True))
    assert "capecitabine" not in agents(Patient("HR-/HER2-", "early", stage="IIB",
                                                residual_disease=False))


def test_endocrine_choice_by_menopausal_status() -> None:
    pre = Patient("HR+/HER2-", "early", stage="IA", menopausal_status="premenopausal")
    post = Patient("HR+/HER2-", "early", stage="IA", menopausal_status="postmenopausal")
    unknown = Patient("HR+/HER2-", "early", stage="IA")
    assert fired(pre) & {"HRP-EARLY-ENDOCRINE-PRE"} and not fired(pre) & {"HRP-EARLY-ENDOCRINE-POST"}
    assert "HRP-EARLY-ENDOCRINE-POST" in fired(post)
    assert "HRP-EARLY-ENDOCRINE-UNKNOWN" in fired(unknown)


def test_metastatic_hr_positive_first_line() -> None:
    first = classes(Patient("HR+/HER2-", "metastatic", line=1))
    assert first == {"endocrine therapy", "CDK4/6 inhibitor"}
    assert "inavolisib" in agents(Patient("HR+/HER2-", "metastatic", line=1,
                                          pik3ca_akt1_pten=True, pik3ca_mutation=True,
                                          endocrine_resistant=True))
    assert "elacestrant" in agents(Patient("HR+/HER2-", "metastatic", line=2, esr1_mutation=True))
    assert "elacestrant" not in agents(Patient("HR+/HER2-", "metastatic", line=2))


def test_no_duplicate_options_and_explanations() -> None:
    p = Patient("HR-/HER2-", "early", stage="IIB", germline_brca=True, residual_disease=True,
                high_risk=True)
    options = treatment_options(p)
    assert len({(o.drug_class, o.agents) for o in options}) == len(options)
    reasons = {c.rule_id: c.reason for c in explain(p)}
    assert reasons["HRP-EARLY-ABEMACICLIB"] == "needs subtype HR+/HER2-"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [(dict(subtype="HR+/HER2+", setting="early", stage="IA"), "HER2-targeted therapy"),
     (dict(subtype="HR-/HER2+", setting="metastatic", line=1), "outside this collection"),
     (dict(subtype="HR+/HER2-", setting="early", stage="IA", her2_expression="positive"),
      "HER2-targeted"),
     (dict(subtype="luminal A", setting="early", stage="IA"), "^subtype must be one of"),
     (dict(subtype="HR+/HER2-", setting="adjuvant", stage="IA"), "^setting must be one of"),
     (dict(subtype="HR+/HER2-", setting="metastatic", line=0), "^line must be a whole number"),
     (dict(subtype="HR+/HER2-", setting="metastatic"), "^line must be a whole number"),
     (dict(subtype="HR+/HER2-", setting="early", stage="IV"), "^stage must be one of the early"),
     (dict(subtype="HR+/HER2-", setting="early"), "^stage must be one of"),
     (dict(subtype="HR+/HER2-", setting="early", stage="IA", line=2), "^line applies"),
     (dict(subtype="HR+/HER2-", setting="metastatic", line=1, stage="IIA"), "^stage must be None"),
     (dict(subtype="HR+/HER2-", setting="early", stage="IA", her2_expression="pending"),
      "needs ISH first"),
     (dict(subtype="HR+/HER2-", setting="early", stage="IA", pd_l1_cps=-1), "^pd_l1_cps"),
     (dict(subtype="HR+/HER2-", setting="early", stage="IA", germline_brca="yes"),
      "^germline_brca must be True or False"),
     (dict(subtype="HR+/HER2-", setting="early", stage="IA", menopausal_status="peri"),
      "^menopausal_status must be one of"),
     (dict(subtype="HR+/HER2-", setting="metastatic", line=2, pik3ca_mutation=True),
      "^pik3ca_mutation=True needs pik3ca_akt1_pten=True")],
)
def test_invalid_patients(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Patient(**kwargs)


def test_treatment_options_needs_a_patient() -> None:
    with pytest.raises(ValueError, match="patient must be a helpers.treatment.Patient"):
        treatment_options({"subtype": "HR+/HER2-"})


def test_side_effects() -> None:
    for drug_class in DRUG_CLASSES:
        text = side_effects(drug_class)
        assert text["common"] and text["management"]
    with pytest.raises(ValueError, match="^drug_class must be one of"):
        side_effects("antibiotics")


def test_stage_i_triple_negative_chemotherapy_includes_micrometastases() -> None:
    for stage in ("IA", "IB"):
        assert "TN-EARLY-CHEMO-SMALL" in fired(Patient("HR-/HER2-", "early", stage=stage))
    assert "TN-EARLY-CHEMO-SMALL" not in fired(Patient("HR-/HER2-", "early", stage="IIA"))
    assert "chemotherapy" not in classes(Patient("HR-/HER2-", "early", stage="0"))


def test_every_early_invasive_tnbc_gets_a_systemic_option() -> None:
    for stage in EARLY_STAGES[1:]:
        assert "chemotherapy" in classes(Patient("HR-/HER2-", "early", stage=stage))


def test_trastuzumab_deruxtecan_needs_hr_positive_for_ultralow() -> None:
    base = dict(setting="metastatic", line=2, her2_expression="ultralow")
    assert "trastuzumab deruxtecan" in agents(Patient("HR+/HER2-", **base))
    assert "trastuzumab deruxtecan" not in agents(Patient("HR-/HER2-", **base))
    assert "trastuzumab deruxtecan" not in agents(Patient("HR+/HER2-", "metastatic", line=2,
                                                          her2_expression="null"))
    # before any endocrine therapy (first line) it is not yet an option
    assert "trastuzumab deruxtecan" not in agents(Patient("HR+/HER2-", "metastatic", line=1,
                                                          her2_expression="low"))


def test_explain_names_the_failed_condition() -> None:
    checks = {c.rule_id: c for c in explain(Patient("HR-/HER2-", "metastatic", line=1,
                                                    pd_l1_cps=5))}
    assert not checks["TN-MET-L1-PEMBRO"].fired
    assert checks["TN-MET-L1-PEMBRO"].reason == "needs PD-L1 CPS 10 or more"
    assert checks["TN-MET-L1-SG"].fired and checks["TN-MET-L1-SG"].reason == "all conditions hold"


@pytest.mark.parametrize("subtype", ["HR+/HER2-", "HR-/HER2-"])
@pytest.mark.parametrize("setting", ["early", "metastatic"])
def test_flowchart_is_drawn_from_the_rules_table(subtype: str, setting: str) -> None:
    branches = flowchart(subtype, setting)
    expected = [r.rule_id for r in load_rules()
                if r.subtype in (subtype, "any") and r.setting == setting]
    assert [b.rule_id for b in branches] == expected and expected
    # every option the engine can produce for this subtype and setting appears as a branch
    produced = {rid for p in PATIENTS if p.subtype == subtype and p.setting == setting
                for rid in fired(p)}
    assert produced <= {b.rule_id for b in branches}
    if subtype == "HR-/HER2-":
        assert "endocrine therapy" not in {b.drug_class for b in branches}


def test_flowchart_gates_read_the_conditions() -> None:
    gates = {b.rule_id: b.gate for b in flowchart("HR-/HER2-", "metastatic")}
    assert gates["TN-MET-L1-PEMBRO"] == "line 1; PD-L1 CPS 10 or more"
    assert gates["TN-MET-SG-LATER"] == "line 3 or later"
    assert "inherited (germline) BRCA1/2 variant" in gates["TN-MET-PARP"]
    with pytest.raises(ValueError, match="HER2-targeted"):
        flowchart("HR+/HER2+", "early")
    with pytest.raises(ValueError, match="^setting must be one of"):
        flowchart("HR+/HER2-", "adjuvant")


def test_trial_results_back_the_rules() -> None:
    table = trial_results()
    # every trial named in the results table is cited as evidence by some rule
    evidence = " ".join(r.evidence for r in load_rules())
    for trial in table["trial"].unique():
        assert trial.split(" (")[0] in evidence, trial
    # each trial has exactly two arms, and the experimental arm (listed first) did better
    for _trial, rows in table.groupby("trial", sort=False):
        assert len(rows) == 2
        assert rows["value"].iloc[0] > rows["value"].iloc[1]
    assert set(table["unit"]) == {"months", "percent"}


# --- lesson 05: exercise checkers, the explorer widget, the figures -------------------------

from helpers.exercises import treatment as ex  # noqa: E402
from helpers.plots.treatment import rules_flowchart, trial_bars  # noqa: E402
from helpers.widgets.treatment import parse_cps, treatment_explorer  # noqa: E402


@pytest.mark.parametrize("check", [ex.exercise_1, ex.exercise_4, ex.exercise_2, ex.exercise_3])
def test_exercises_not_answered(check) -> None:
    assert check(...).status == "not answered"


def test_exercise_1_drug_classes() -> None:
    assert ex.exercise_1(["endocrine therapy", "CDK4/6 inhibitor"]).correct
    assert ex.exercise_1(["endocrine therapy"]).status == "incorrect"
    assert ex.exercise_1(["endocrine therapy", "CDK4/6 inhibitor", "chemotherapy"]).status \
        == "incorrect"
    assert ex.exercise_1(["hormones"]).status == "malformed"
    assert ex.exercise_1("endocrine therapy").status == "malformed"


def test_exercise_4_reads_the_destiny_breast04_bars() -> None:
    assert ex.exercise_4(4.7).correct  # 10.1 - 5.4 months (Modi 2022)
    assert ex.exercise_4(10.1).status == "incorrect"
    assert ex.exercise_4(3).status == "incorrect"
    assert ex.exercise_4("4.7").status == "malformed"


def test_exercise_2_finds_the_rule() -> None:
    assert ex.exercise_2("TN-MET-SG-SECOND").correct
    wrong = ex.exercise_2("TN-MET-SG-LATER")
    assert wrong.status == "incorrect" and "line 3" in wrong.hint
    assert "TN-MET-SG-SECOND" not in str(wrong)
    assert ex.exercise_2("SG-RULE").status == "malformed"
    assert ex.exercise_2(3).status == "malformed"


def test_exercise_3_cps_threshold() -> None:
    assert ex.exercise_3(10).correct
    assert ex.exercise_3(1).status == "incorrect"
    assert ex.exercise_3(50).status == "incorrect"
    assert ex.exercise_3(True).status == "malformed"


def test_concept_check() -> None:
    mc = ex.concept_check()
    assert mc.check(ex.TNBC_ENDOCRINE_OPTIONS[1]).correct
    assert mc.check(ex.TNBC_ENDOCRINE_OPTIONS[0]).status == "incorrect"
    assert "Correct" in mc.feedback.value or "Not yet" in mc.feedback.value


def test_explorer_lists_options_with_rule_and_evidence() -> None:
    e = treatment_explorer()
    e.subtype.value = "HR-/HER2-"
    e.setting.value = "metastatic"
    e.line.value = 1
    e.cps.value = "10"
    assert "pembrolizumab" in e.result.value and "KEYNOTE-355" in e.result.value
    assert "TN-MET-L1-PEMBRO" in e.result.value
    assert "Palliative" in e.result.value
    e.cps.value = "9"
    assert "KEYNOTE-355" not in e.result.value
    assert "needs PD-L1 CPS 10 or more" in e.not_fired.value
    assert e.stage.disabled and not e.line.disabled


@pytest.mark.parametrize(
    ("change", "message"),
    [({"stage": "IV"}, "stage IV is metastatic"),
     ({"subtype": "HR+/HER2+"}, "HER2-targeted therapy"),
     ({"her2": "positive"}, "HER2-targeted therapy"),
     ({"setting": "metastatic", "line": 0}, "line must be a whole number of at least 1"),
     ({"cps": "high"}, "pd_l1_cps must be a number"),
     ({"cps": "120"}, "pd_l1_cps")],
)
def test_explorer_shows_bad_combinations_and_recovers(change: dict, message: str) -> None:
    e = treatment_explorer()
    for name, value in change.items():
        getattr(e, name).value = value
    assert "Please check your input" in e.result.value and message in e.result.value
    assert e.not_fired.value == ""
    e.subtype.value, e.setting.value, e.stage.value = "HR-/HER2-", "early", "IIB"
    e.her2.value, e.cps.value, e.line.value = None, "", 1
    assert "KEYNOTE-522" in e.result.value


def test_parse_cps() -> None:
    assert parse_cps("  ") is None and parse_cps("12.5") == 12.5
    with pytest.raises(ValueError, match="^pd_l1_cps"):
        parse_cps("ten")


def test_trial_bars_show_every_arm() -> None:
    table = trial_results()
    fig = trial_bars(table)
    assert len(fig.figure.axes) == table["trial"].nunique()
    for value in table["value"]:
        assert f"{value:g}" in fig.alt
    with pytest.raises(ValueError, match="exactly two arms"):
        trial_bars(table.iloc[:3])
    with pytest.raises(ValueError, match="^table must have columns"):
        trial_bars(table.drop(columns="arm"))


@pytest.mark.parametrize("subtype", ["HR+/HER2-", "HR-/HER2-"])
def test_flowchart_figure_has_one_branch_per_rule(subtype: str) -> None:
    fig = rules_flowchart(subtype, "metastatic")
    branches = flowchart(subtype, "metastatic")
    assert f"with {len(branches)} branches" in fig.alt
    for branch in branches:
        assert branch.rule_id in fig.alt
    texts = " ".join(t.get_text() for t in fig.figure.axes[0].texts)
    assert all(b.rule_id in texts for b in branches)


def test_alpelisib_and_inavolisib_need_pik3ca_specifically() -> None:
    akt1_or_pten = dict(pik3ca_akt1_pten=True, pik3ca_mutation=False)
    pik3ca = dict(pik3ca_akt1_pten=True, pik3ca_mutation=True)
    later = agents(Patient("HR+/HER2-", "metastatic", line=2, **akt1_or_pten))
    assert "capivasertib" in later and "alpelisib" not in later
    assert {"capivasertib", "alpelisib"} <= agents(Patient("HR+/HER2-", "metastatic", line=2,
                                                           **pik3ca))
    first = dict(subtype="HR+/HER2-", setting="metastatic", line=1, endocrine_resistant=True)
    assert "inavolisib" not in agents(Patient(**first, **akt1_or_pten))
    assert "inavolisib" in agents(Patient(**first, **pik3ca))
    for p in PATIENTS:
        if {"alpelisib", "inavolisib"} & agents(p):
            assert p.pik3ca_mutation and p.pik3ca_akt1_pten


def test_explorer_pathway_choice_separates_pik3ca_from_akt1_pten() -> None:
    e = treatment_explorer()
    e.setting.value = "metastatic"
    e.line.value = 2
    e.pathway.value = (True, False)
    assert "capivasertib" in e.result.value and "alpelisib" not in e.result.value
    e.pathway.value = (True, True)
    assert "capivasertib" in e.result.value and "alpelisib" in e.result.value
