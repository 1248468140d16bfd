"""Property-based tests (hypothesis) over the public helpers.

For random valid inputs every helper answers from its documented vocabulary; the monotone rules
stay monotone; random invalid inputs (wrong types, NaN, infinities, negatives, unknown strings,
None) raise only ValueError or TypeError, with a message naming the field.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import _validate, her2, receptors, staging, subtype, survival, treatment
from helpers import tnm as tnm_reader

settings.register_profile("helpers", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("helpers")

percent = st.floats(min_value=0, max_value=100, allow_nan=False)
#: ISH values inside the physical bounds the library accepts (ratio up to 50, copies up to 100).
ratios = st.floats(min_value=0, max_value=her2.MAX_ISH_RATIO, allow_nan=False)
copy_numbers = st.floats(min_value=0, max_value=her2.MAX_HER2_COPIES, allow_nan=False)
#: Values that are never a valid number: wrong types, NaN, infinities, None.
not_a_number = st.one_of(
    st.none(), st.booleans(), st.text(max_size=5), st.just(math.nan), st.just(math.inf),
    st.just(-math.inf), st.lists(st.integers(), max_size=2), st.just(object()),
)
not_in = lambda allowed: st.one_of(  # noqa: E731
    st.none(), st.integers(), st.floats(), st.booleans(),
    st.text(max_size=12).filter(lambda s: s.strip() not in allowed),
)


def raises_naming(field: str, call, *args, **kwargs) -> None:
    with pytest.raises((ValueError, TypeError)) as info:
        call(*args, **kwargs)
    assert field in str(info.value), f"message does not name {field!r}: {info.value}"


# --- shared validators -------------------------------------------------------------------

@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(-100, 0), st.floats(0, 100))
def test_check_number_returns_value_within_range_or_names_field(value, low, high):
    if math.isfinite(value) and low <= value <= high:
        assert _validate.check_number("dose", value, low=low, high=high) == value
    else:
        raises_naming("dose", _validate.check_number, "dose", value, low=low, high=high)


@given(not_a_number)
def test_check_number_refuses_non_numbers(value):
    raises_naming("dose", _validate.check_number, "dose", value)


@given(st.one_of(st.floats(-1e3, 1e3), st.sampled_from([math.nan, math.inf, -math.inf])))
def test_check_percent_accepts_exactly_0_to_100(value):
    if math.isfinite(value) and 0 <= value <= 100:
        assert _validate.check_percent("pct", value) == value
    else:
        raises_naming("pct", _validate.check_percent, "pct", value)


@given(st.one_of(st.integers(-50, 50), st.floats(), not_a_number))
def test_check_int_accepts_whole_numbers_in_range(value):
    whole = (not isinstance(value, bool) and isinstance(value, (int, float))
             and math.isfinite(value) and float(value).is_integer())
    if whole and 0 <= value <= 10:
        assert _validate.check_int("nodes", value, low=0, high=10) == int(value)
    else:
        raises_naming("nodes", _validate.check_int, "nodes", value, low=0, high=10)


@given(st.one_of(st.sampled_from(["a", " b ", "c"]), not_in(("a", "b", "c"))))
def test_check_choice_accepts_only_listed(value):
    if isinstance(value, str) and value.strip() in ("a", "b", "c"):
        assert _validate.check_choice("kind", value, ("a", "b", "c")) == value.strip()
    else:
        raises_naming("kind", _validate.check_choice, "kind", value, ("a", "b", "c"))


# --- survival ------------------------------------------------------------------------------

def _table(release):
    table = survival.load_survival_table(release)
    return tuple(dict.fromkeys(table["subtype"])), tuple(dict.fromkeys(table["stage"]))


@given(st.data(), st.sampled_from(tuple(survival.RELEASES)))
def test_survival_pct_is_a_percentage(data, release):
    subtypes, stages = _table(release)
    sub, stage = data.draw(st.sampled_from(subtypes)), data.draw(st.sampled_from(stages))
    value = survival.survival_pct(sub, stage, release)
    assert 0 <= value <= 100
    assert isinstance(survival.survival_sentence(sub, stage, release), str)


@pytest.mark.parametrize("release", tuple(survival.RELEASES))
def test_survival_falls_with_stage(release):
    subtypes, stages = _table(release)
    ordered = [s for s in survival.STAGES if s in stages]
    for sub in subtypes:
        values = [survival.survival_pct(sub, s, release) for s in ordered]
        assert values == sorted(values, reverse=True), (release, sub, values)


@given(percent)
def test_people_alive_of_100_is_whole_and_monotone(value):
    people = survival.people_alive_of_100(value)
    assert isinstance(people, int) and 0 <= people <= 100
    assert survival.people_alive_of_100(min(100.0, value + 1)) >= people


@given(st.one_of(not_a_number, st.floats(-1e6, -1e-9), st.floats(100.0001, 1e6)))
def test_people_alive_of_100_refuses_bad_percent(value):
    with pytest.raises((ValueError, TypeError)) as info:
        survival.people_alive_of_100(value)
    assert "percent" in str(info.value)


@given(not_in(survival.SUBTYPES), st.sampled_from(survival.STAGES))
def test_survival_pct_unknown_subtype_names_field(sub, stage):
    raises_naming("subtype", survival.survival_pct, sub, stage)


@given(st.data(), not_in(survival.STAGES))
def test_survival_pct_unknown_stage_names_field(data, stage):
    sub = data.draw(st.sampled_from(_table(survival.DEFAULT_RELEASE)[0]))
    raises_naming("stage", survival.survival_pct, sub, stage)


@given(not_in(tuple(survival.RELEASES)))
def test_survival_unknown_release_names_field(release):
    raises_naming("release", survival.load_survival_table, release)


# --- HER2 ----------------------------------------------------------------------------------

@given(st.sampled_from(her2.IHC_INPUTS), st.one_of(st.none(), st.tuples(ratios, copy_numbers)))
def test_classify_her2_answers_from_vocabulary(ihc, ish):
    result = her2.classify_her2(ihc, *(ish or (None, None)))
    assert result.status in her2.STATUSES
    assert result.expression in her2.EXPRESSIONS
    assert result.ish_group in (None, 1, 2, 3, 4, 5)
    assert (result.status == "positive") == (result.expression == "positive")


@given(st.sampled_from(her2.IHC_INPUTS), ratios, copy_numbers, copy_numbers)
def test_more_her2_copies_in_same_ratio_band_never_turns_positive_to_negative(
        ihc, ratio, copies, extra):
    more = min(copies + extra, her2.MAX_HER2_COPIES)
    first = her2.classify_her2(ihc, ratio, copies)
    second = her2.classify_her2(ihc, ratio, more)
    if first.status == "positive":
        assert second.status == "positive", (ihc, ratio, copies, more)


@given(ratios, copy_numbers)
def test_ish_group_is_one_to_five(ratio, copies):
    assert her2.ish_group(ratio, copies) in (1, 2, 3, 4, 5)


@given(not_in(her2.IHC_INPUTS))
def test_classify_her2_unknown_ihc_names_field(ihc):
    raises_naming("ihc", her2.classify_her2, ihc)


@given(st.sampled_from(her2.IHC_INPUTS),
       st.one_of(not_a_number.filter(lambda v: v is not None), st.floats(-1e6, -1e-9)))
def test_classify_her2_bad_ratio_names_field(ihc, ratio):
    raises_naming("ish_ratio", her2.classify_her2, ihc, ratio, 5.0)


@given(st.sampled_from(her2.IHC_INPUTS),
       st.one_of(not_a_number.filter(lambda v: v is not None), st.floats(-1e6, -1e-9)))
def test_classify_her2_bad_copies_names_field(ihc, copies):
    raises_naming("her2_copies", her2.classify_her2, ihc, 1.5, copies)


# --- ER / PR -------------------------------------------------------------------------------

@given(percent, st.sampled_from(receptors.RECEPTORS))
def test_classify_receptor_answers_from_vocabulary(value, receptor):
    assert receptors.classify_receptor(value, receptor) in receptors.RECEPTOR_CLASSES


@given(percent, percent, st.sampled_from(receptors.RECEPTORS))
def test_higher_percent_never_gives_lower_class(a, b, receptor):
    low, high = sorted((a, b))
    rank = receptors.RECEPTOR_CLASSES.index
    assert rank(receptors.classify_receptor(high, receptor)) >= rank(
        receptors.classify_receptor(low, receptor))


@given(st.one_of(not_a_number, st.floats(-1e6, -1e-9), st.floats(100.0001, 1e6)),
       st.sampled_from(receptors.RECEPTORS))
def test_classify_receptor_bad_percent_names_field(value, receptor):
    raises_naming(f"{receptor.lower()}_percent", receptors.classify_receptor, value, receptor)


@given(not_in(receptors.RECEPTORS))
def test_classify_receptor_unknown_receptor_names_field(receptor):
    raises_naming("receptor", receptors.classify_receptor, 50.0, receptor)


@given(percent, st.sampled_from(tuple(receptors.ALLRED_INTENSITY)))
def test_allred_score_total_is_0_or_2_to_8(value, intensity):
    assume((value == 0) == (intensity == "none"))
    score = receptors.allred_score(value, intensity)
    assert score.total == 0 or 2 <= score.total <= 8
    assert score.total == score.proportion + score.intensity
    assert isinstance(receptors.allred_positive(score.total), bool)


@given(st.floats(0.0001, 100), st.floats(0.0001, 100),
       st.sampled_from([i for i in receptors.ALLRED_INTENSITY if i != "none"]))
def test_allred_total_never_falls_with_more_staining(a, b, intensity):
    low, high = sorted((a, b))
    assert receptors.allred_score(high, intensity).total >= receptors.allred_score(
        low, intensity).total


@given(st.one_of(not_a_number, st.floats(-1e6, -1e-9), st.floats(100.0001, 1e6)))
def test_allred_bad_percent_names_field(value):
    raises_naming("percent", receptors.allred_score, value, "weak")


@given(not_in(tuple(receptors.ALLRED_INTENSITY)))
def test_allred_unknown_intensity_names_field(intensity):
    raises_naming("intensity", receptors.allred_score, 50.0, intensity)


@given(percent, percent, percent)
def test_h_score_in_0_to_300_or_refused(w, m, s):
    if w + m + s <= 100:
        value = receptors.h_score(w, m, s)
        assert 0 <= value <= 300
        assert math.isclose(value, w + 2 * m + 3 * s, rel_tol=1e-9, abs_tol=1e-9)
    else:
        with pytest.raises(ValueError) as info:
            receptors.h_score(w, m, s)
        assert "pct_" in str(info.value)


@given(st.sampled_from(["pct_weak", "pct_moderate", "pct_strong"]),
       st.one_of(not_a_number, st.floats(-1e6, -1e-9), st.floats(100.0001, 1e6)))
def test_h_score_bad_field_named(field, value):
    args = {"pct_weak": 0.0, "pct_moderate": 0.0, "pct_strong": 0.0, field: value}
    raises_naming(field, receptors.h_score, **args)


# --- subtype -------------------------------------------------------------------------------

@given(percent, percent, st.sampled_from(subtype.HER2_STATUSES))
def test_molecular_subtype_answers_from_vocabulary(er, pr, status):
    result = subtype.molecular_subtype(er, pr, status)
    assert result in subtype.SUBTYPES
    assert result.endswith("HER2+" if status == "positive" else "HER2-")


@given(percent, percent, percent, st.sampled_from(subtype.HER2_STATUSES))
def test_more_er_never_loses_hormone_receptor_positivity(er, extra, pr, status):
    more = min(100.0, er + extra)
    if subtype.molecular_subtype(er, pr, status).startswith("HR+"):
        assert subtype.molecular_subtype(more, pr, status).startswith("HR+")


@given(st.one_of(not_a_number, st.floats(-1e6, -1e-9), st.floats(100.0001, 1e6)))
def test_molecular_subtype_bad_er_names_field(value):
    raises_naming("er_percent", subtype.molecular_subtype, value, 0.0, "negative")


@given(st.one_of(not_a_number, st.floats(-1e6, -1e-9), st.floats(100.0001, 1e6)))
def test_molecular_subtype_bad_pr_names_field(value):
    raises_naming("pr_percent", subtype.molecular_subtype, 0.0, value, "negative")


@given(not_in(subtype.HER2_STATUSES))
def test_molecular_subtype_bad_her2_names_field(value):
    raises_naming("her2_status", subtype.molecular_subtype, 50.0, 50.0, value)


# --- staging -------------------------------------------------------------------------------

tnm = st.tuples(st.sampled_from(staging.T_CATEGORIES), st.sampled_from(staging.N_CATEGORIES),
                st.sampled_from(staging.M_CATEGORIES))


def _stage_or_none(t, n, m):
    try:
        return staging.anatomic_stage(t, n, m)
    except ValueError:
        return None  # T0 N0 M0 and Tis with nodes: documented refusals


@given(tnm, st.sampled_from(["", "c", "p"]))
def test_anatomic_and_summary_stage_answer_from_vocabulary(cats, prefix):
    t, n, m = (prefix + c for c in cats)
    stage = _stage_or_none(t, n, m)
    assert stage is None or stage in staging.STAGE_GROUPS
    try:
        summary = staging.summary_stage(t, n, m)
    except ValueError as error:  # T0 N0 M0 names t, a bare N3 with M0 n, "pM0" m
        assert str(error)[:1] in ("t", "n", "m"), error
        assert stage is None or n.endswith("N3")
        return
    assert summary in staging.SUMMARY_STAGES


_T_ORDER = ("T0", "T1mi", "T1a", "T1b", "T1c", "T2", "T3", "T4b")
_N_ORDER = ("N0", "N1mi", "N1", "N2", "N3")


@given(st.integers(0, len(_T_ORDER) - 1), st.integers(0, len(_T_ORDER) - 1),
       st.sampled_from(_N_ORDER), st.sampled_from(staging.M_CATEGORIES))
def test_larger_t_never_gives_lower_stage(i, j, n, m):
    lo, hi = sorted((i, j))
    a, b = _stage_or_none(_T_ORDER[lo], n, m), _stage_or_none(_T_ORDER[hi], n, m)
    assume(a is not None and b is not None)
    assert staging.stage_rank(b) >= staging.stage_rank(a), (_T_ORDER[lo], _T_ORDER[hi], n, m)


@given(st.integers(0, len(_N_ORDER) - 1), st.integers(0, len(_N_ORDER) - 1),
       st.sampled_from(_T_ORDER), st.sampled_from(staging.M_CATEGORIES))
def test_larger_n_never_gives_lower_stage(i, j, t, m):
    lo, hi = sorted((i, j))
    a, b = _stage_or_none(t, _N_ORDER[lo], m), _stage_or_none(t, _N_ORDER[hi], m)
    assume(a is not None and b is not None)
    assert staging.stage_rank(b) >= staging.stage_rank(a), (t, _N_ORDER[lo], _N_ORDER[hi], m)


@given(st.floats(0.001, staging.MAX_SIZE_MM), st.floats(0, staging.MAX_SIZE_MM))
def test_t_category_never_falls_with_size(size, extra):
    assume(size + extra <= staging.MAX_SIZE_MM)
    order = ("T1mi", "T1a", "T1b", "T1c", "T2", "T3")
    a, b = staging.t_category(size), staging.t_category(size + extra)
    assert a in order and b in order
    assert order.index(b) >= order.index(a)


@given(st.one_of(not_a_number, st.floats(-1e6, -1e-9),
                 st.floats(staging.MAX_SIZE_MM + 1e-6, 1e300), st.integers(min_value=251)))
def test_t_category_bad_size_names_field(value):
    raises_naming("size_mm", staging.t_category, value)


@given(st.sampled_from(["chest_wall", "skin", "inflammatory", "in_situ"]),
       st.one_of(st.none(), st.integers(), st.text(max_size=3), st.floats()))
def test_t_category_bad_flag_names_field(flag, value):
    raises_naming(flag, staging.t_category, 10.0, **{flag: value})


@given(st.integers(0, 60), st.integers(0, 60))
def test_n_category_never_falls_with_nodes(a, b):
    lo, hi = sorted((a, b))
    order = ("N0", "N1a", "N2a", "N3a")  # n_category counts axillary nodes
    assert order.index(staging.n_category(hi)) >= order.index(staging.n_category(lo))


@given(st.one_of(not_a_number, st.integers(max_value=-1), st.floats(0.1, 0.9)))
def test_n_category_bad_count_names_field(value):
    raises_naming("positive_axillary_nodes", staging.n_category, value)


@given(st.sampled_from(["t", "n", "m"]), st.one_of(st.none(), st.integers(), st.floats(),
                                                   st.text(max_size=6)))
def test_stage_unknown_category_names_field(field, value):
    cats = {"t": "T1", "n": "N0", "m": "M0"}
    allowed = {"t": staging.T_CATEGORIES, "n": staging.N_CATEGORIES,
               "m": staging.M_CATEGORIES}[field]
    if isinstance(value, str):  # only what the shared reader refuses
        try:
            tnm_reader.read_category(field, value)
        except ValueError:
            pass
        else:
            assume(False)
    assert allowed
    cats[field] = value
    for call in (staging.anatomic_stage, staging.summary_stage):
        raises_naming(field, call, cats["t"], cats["n"], cats["m"])


# --- treatment -----------------------------------------------------------------------------

early = st.builds(
    treatment.Patient, subtype=st.sampled_from(("HR+/HER2-", "HR-/HER2-")),
    setting=st.just("early"),
    stage=st.sampled_from(("0", "IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC")),
    her2_expression=st.sampled_from((None, "null", "ultralow", "low")),
    menopausal_status=st.sampled_from((None, "premenopausal", "postmenopausal")),
    germline_brca=st.booleans(), prior_chemo=st.booleans(),
    residual_disease=st.sampled_from((None, True, False)), high_risk=st.booleans(),
    pd_l1_cps=st.one_of(st.none(), percent),
)
metastatic = st.builds(
    treatment.Patient, subtype=st.sampled_from(("HR+/HER2-", "HR-/HER2-")),
    setting=st.just("metastatic"), stage=st.sampled_from((None, "IV")),
    line=st.integers(1, 6), her2_expression=st.sampled_from((None, "null", "ultralow", "low")),
    menopausal_status=st.sampled_from((None, "premenopausal", "postmenopausal")),
    germline_brca=st.booleans(), esr1_mutation=st.booleans(), prior_chemo=st.booleans(),
    endocrine_resistant=st.booleans(), pd_l1_cps=st.one_of(st.none(), percent),
)


@given(st.one_of(early, metastatic))
def test_treatment_options_are_options_with_reasons(patient):
    options = treatment.treatment_options(patient)
    assert isinstance(options, list)
    for option in options:
        assert isinstance(option, treatment.Option)
    checks = treatment.explain(patient)
    assert len(checks) == len(treatment.load_rules())


@given(st.sampled_from(["subtype", "setting", "stage", "line", "her2_expression",
                        "menopausal_status", "pd_l1_cps", "germline_brca", "sex", "er_low",
                        "immunotherapy_unsuitable"]),
       st.one_of(st.text(max_size=6), st.floats(), st.integers(-5, 0), st.just(math.nan)))
def test_patient_bad_field_is_named(field, value):
    base = {"subtype": "HR+/HER2-", "setting": "metastatic", "line": 1}
    good = {"subtype": ("HR+/HER2-", "HR-/HER2-"), "setting": ("early", "metastatic"),
            "stage": (None, "IV"), "her2_expression": ("null", "ultralow", "low"),
            "menopausal_status": ("premenopausal", "postmenopausal"),
            "sex": ("female", "male")}
    if field in good:
        assume(value not in good[field])
        if isinstance(value, str):  # text is read as people type it: spaces, case, prefixes
            typed = value.strip().casefold()
            for prefix in ("her2-", "her2 ", "stage"):
                typed = typed.removeprefix(prefix).strip() if typed != prefix else typed
            assume(typed not in {g.casefold() for g in good[field] if g})
    if field == "pd_l1_cps":
        assume(not (isinstance(value, (int, float)) and 0 <= value <= 100))
    if field == "line":
        assume(not (isinstance(value, (int, float)) and math.isfinite(value)
                    and float(value).is_integer() and value >= 1))
    base[field] = value
    raises_naming(field, treatment.Patient, **base)


@given(st.sampled_from(["positive_nodes", "grade", "tumour_size_mm"]),
       st.one_of(not_a_number, st.integers(max_value=-1), st.integers(min_value=301),
                 st.floats(-1e6, -0.01)))
def test_patient_bad_early_finding_is_named(field, value):
    assume(value is not None)  # None means "not known", which is allowed
    if field == "grade":
        assume(not (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3))
    raises_naming(field, treatment.Patient, "HR+/HER2-", "early", stage="IIIC",
                  **{field: value})


def _typed(text: str, pad: tuple[str, str], upper: bool) -> str:
    return pad[0] + (text.upper() if upper else text.lower()) + pad[1]


pads = st.tuples(st.sampled_from(["", " ", "  ", "\t"]), st.sampled_from(["", " ", "\n"]))


@given(st.one_of(early, metastatic), pads, pads, pads, st.booleans())
def test_padded_or_recased_text_gives_the_same_patient(patient, p1, p2, p3, upper):
    """Issue 17: padded text was validated stripped but stored padded, changing the answer."""
    typed = treatment.Patient(
        **{**patient.__dict__,
           "subtype": _typed(patient.subtype, p1, True),
           "setting": _typed(patient.setting, p2, upper),
           "her2_expression": None if patient.her2_expression is None
           else _typed(patient.her2_expression, p3, upper),
           "stage": None if patient.stage is None else _typed(patient.stage, p1, True)})
    assert typed == patient
    assert treatment.treatment_options(typed) == treatment.treatment_options(patient)


@given(st.sampled_from(["HR+/HER2-", "HR-/HER2-"]), st.sampled_from(["early", "metastatic"]),
       pads, pads)
def test_padded_flowchart_has_the_same_branches(subtype, setting, p1, p2):
    assert treatment.flowchart(p1[0] + subtype + p1[1], p2[0] + setting.upper() + p2[1]) == \
        treatment.flowchart(subtype, setting)


@given(st.one_of(st.text(max_size=8), st.integers(), st.none(), st.floats(),
                 st.lists(st.text(max_size=3), max_size=2), st.dictionaries(st.text(max_size=2),
                                                                          st.integers())))
def test_run_pipeline_wrong_type_is_a_value_error_naming_patient(value):
    from helpers import capstone
    with pytest.raises(ValueError, match="^patient must be a VirtualPatient"):
        capstone.run_pipeline(value)
