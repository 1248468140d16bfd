"""Every hint of the staging and prognostic exercises (lesson 3) that states a rule is checked
against the library: a hint that teaches a false rule fails here.

Each test names the hint it checks and asserts the rule over every case it speaks of, and that
the checker still shows that hint for the wrong answer it belongs to.
"""

from __future__ import annotations

import itertools

import pytest

from helpers.exercises import prognostic as ex_prognostic
from helpers.exercises import staging as ex_staging
from helpers.prognostic import (RECURRENCE_SCORE_CUTOFF, TN_GROUPS, prognostic_result,
                                prognostic_stage, prognostic_table, tn_group)
from helpers.staging import (M_CATEGORIES, N_CATEGORIES, STAGE_GROUPS, T_CATEGORIES,
                             anatomic_stage, n_category, stage_rank, summary_stage, t_category)

KINDS = ("clinical", "pathological")
STATUS = ("positive", "negative")
MARKERS = list(itertools.product((1, 2, 3), STATUS, STATUS, STATUS))  # grade, her2, er, pr
INVASIVE_T = [t for t in T_CATEGORIES if t not in ("Tis", "T0")]


def _hint(feedback) -> str:
    assert not feedback.correct
    return feedback.hint


def _stages(t: str, n: str, m: str = "M0", kinds=KINDS) -> set[str]:
    return {prognostic_stage(t, n, m, grade=g, her2=h, er=e, pr=p, kind=k)
            for k in kinds for g, h, e, p in MARKERS}


def _anatomic_or_none(t: str, n: str, m: str) -> str | None:
    try:
        return anatomic_stage(t, n, m)
    except ValueError:
        return None


# --- lesson 3, exercise 5 (clinical prognostic stage of a T2 N0 triple-negative cancer) ----

def test_ex5_iiic_hint_no_t2_n0_is_iiic_and_iiic_needs_n2_t3n1_t4_or_n3() -> None:
    """'neither table puts a T2 N0 tumour in IIIC, which needs at least N2 nodes, or T3 with N1,
    or a T4 tumour, or N3' (the old hint, 'IIIC needs N3 or a T4 tumour', was false)."""
    assert "IIIC" not in _stages("T2", "N0")
    for group_example in (("T1", "N1"), ("T2", "N1"), ("T3", "N0"), ("T1", "N1mi")):
        assert "IIIC" not in _stages(*group_example)
    # Each named way to IIIC reaches it in both tables for some grade and markers:
    for t, n in (("T0", "N2"), ("T2", "N2a"), ("T3", "N1"), ("T4b", "N0"), ("T1", "N3a")):
        for kind in KINDS:
            assert "IIIC" in _stages(t, n, kinds=(kind,)), (t, n, kind)
    # The counter-example: T3 N1, grade 3, triple-negative is IIIC in both tables.
    for kind in KINDS:
        assert prognostic_stage("T3", "N1", "M0", grade=3, her2="negative", er="negative",
                                pr="negative", kind=kind) == "IIIC"
    assert "N2" in _hint(ex_prognostic.exercise_5("IIIC"))


def test_ex5_stage_iii_hints_no_t2_n0_reaches_stage_iii() -> None:
    """'the table moves this T2 N0 tumour up, but not into stage III' and 'neither prognostic
    table puts a T2 N0 tumour in stage III'."""
    assert all(not s.startswith("III") for s in _stages("T2", "N0"))
    result = prognostic_result(**ex_prognostic.CASE_1)
    assert stage_rank(result.stage) > stage_rank(result.anatomic)  # "moves ... up"
    assert "not into stage III" in _hint(ex_prognostic.exercise_5("IIIA"))
    assert "stage III" in _hint(ex_prognostic.exercise_5("IIIB"))


@pytest.mark.parametrize("kind", KINDS)
def test_iv_hint_stage_iv_means_m1(kind: str) -> None:
    """'Stage IV means distant metastasis, and this tumour is M0' (exercises 5 and 6)."""
    for t, n in (("T1", "N0"), ("T2", "N1"), ("T4d", "N3c"), ("T0", "N2")):
        assert _stages(t, n, "M1", kinds=(kind,)) == {"IV"}
        assert "IV" not in _stages(t, n, "M0", kinds=(kind,))
    assert "distant metastasis" in _hint(ex_prognostic.exercise_5("IV"))
    assert "distant metastasis" in _hint(ex_prognostic.exercise_6("IV"))


def test_stage_0_hint_only_in_situ_disease() -> None:
    """'Stage 0 is for in situ disease; this cancer is invasive' (exercises 5 and 6)."""
    assert _stages("Tis", "N0") == {"0"}
    for t in INVASIVE_T:
        assert "0" not in _stages(t, "N0")
    assert anatomic_stage("Tis", "N0", "M0") == "0"
    assert "in situ" in _hint(ex_prognostic.exercise_5("0"))
    assert "in situ" in _hint(ex_prognostic.exercise_6("0"))


# --- lesson 3, exercise 6 (pathological stage with a recurrence score) --------------------

def test_ex6_ib_hint_one_group_for_every_qualifying_tumour() -> None:
    """'the recurrence-score rule names one group for every T1-T2 N0, ER-positive,
    HER2-negative tumour with a score below 11'."""
    got = {prognostic_stage(t, n, "M0", grade=g, her2="negative", er="positive", pr=pr,
                            kind="pathological", recurrence_score=score)
           for t in ("T1mi", "T1a", "T1b", "T1c", "T2") for n in ("N0", "N0(i+)")
           for g in (1, 2, 3) for pr in STATUS for score in (0, 5, 10, 10.9)}
    assert got == {"IA"}
    # ... and only below 11, only with N0, only in the pathological table:
    assert prognostic_stage("T2", "N0", "M0", grade=3, her2="negative", er="positive",
                            pr="negative", kind="pathological",
                            recurrence_score=RECURRENCE_SCORE_CUTOFF) != "IA"
    for kind, n in (("pathological", "N1"), ("clinical", "N0")):
        args = dict(grade=3, her2="negative", er="positive", pr="negative", kind=kind)
        assert prognostic_stage("T2", n, "M0", recurrence_score=5, **args) == \
            prognostic_stage("T2", n, "M0", **args) != "IA"
    assert "one group" in _hint(ex_prognostic.exercise_6("IB"))


def test_ex6_hints_the_score_moves_the_stage_down() -> None:
    """'Favourable biology and a low recurrence score move this tumour down from its anatomic
    stage, not up' and 'The pathological table has one more rule for node-negative,
    ER-positive, HER2-negative tumours: check what the recurrence score does'."""
    case = dict(ex_prognostic.CASE_2)
    with_score = prognostic_result(**case)
    case.pop("recurrence_score")
    without = prognostic_result(**case)
    assert with_score.recurrence_score_used and not without.recurrence_score_used
    assert stage_rank(with_score.stage) < stage_rank(with_score.anatomic)
    assert with_score.stage != without.stage
    assert "not up" in _hint(ex_prognostic.exercise_6("IIB"))
    assert "recurrence score" in _hint(ex_prognostic.exercise_6(without.stage))


def test_concept_hints_pathological_table_not_after_neoadjuvant_both_tables_have_her2() -> None:
    """'the pathological prognostic table is not used then' (after treatment before surgery);
    'Both prognostic tables have rows for HER2-positive and HER2-negative cancers'."""
    with pytest.raises(ValueError, match="only when surgery is the first treatment"):
        prognostic_stage("ypT2", "ypN1", "cM0", grade=2, her2="negative", er="positive",
                         pr="positive", kind="pathological")
    for kind in KINDS:
        her2 = {row.her2 for row in prognostic_table(kind)}
        assert {"positive", "negative"} <= her2 | ({"positive", "negative"} if "any" in her2
                                                   else set())
    quiz = ex_prognostic.concept_check()
    assert "not used" in _hint(quiz.checker(ex_prognostic.CONCEPT_OPTIONS[2]))
    assert "HER2-positive" in _hint(quiz.checker(ex_prognostic.CONCEPT_OPTIONS[3]))


# --- lesson 3, exercise 1 (T from a 20.4 mm tumour) ---------------------------------------

def test_ex1_hints_rounding_and_cutoffs() -> None:
    """'Round first ... the 20 mm cut-off belongs to the smaller category'; 'T1b ends at
    10 mm'; 'T1mi is for invasion of at most 1 mm'; 'size alone sets T' without skin or chest
    wall (which would make it T4)."""
    assert t_category(20.0) == t_category(20.4) == "T1c" and t_category(20.6) == "T2"
    assert t_category(10.0) == "T1b" and t_category(10.6) == "T1c"
    assert t_category(1.0) == "T1mi" and t_category(1.2) != "T1mi"
    assert t_category(20.4, skin=True) == "T4b" and t_category(20.4, chest_wall=True) == "T4a"
    assert "smaller category" in _hint(ex_staging.exercise_1("T2"))
    assert "10 mm" in _hint(ex_staging.exercise_1("T1b"))
    assert "1 mm" in _hint(ex_staging.exercise_1("T1mi"))


# --- lesson 3, exercise 2 (T2 with micrometastases in 2 nodes) ----------------------------

def test_ex2_hints_micrometastases() -> None:
    """'The IB rule for micrometastases holds only with T0 or T1 tumours'; 'With a T2 tumour,
    N1mi is staged as N1'; 'Micrometastases only are N1mi, in any number of nodes; N2 needs 4-9
    nodes with at least one deposit larger than 2 mm'."""
    for t in T_CATEGORIES:
        stage = _anatomic_or_none(t, "N1mi", "M0")
        if t in ("T0", "T1", "T1mi", "T1a", "T1b", "T1c"):
            assert stage == "IB", t
        elif t != "Tis":
            assert stage != "IB" and stage == anatomic_stage(t, "N1", "M0"), t
    for nodes in (1, 2, 3, 4, 9, 10, 30):
        assert n_category(nodes, micrometastases_only=True) == "N1mi"
    assert [n_category(k) for k in (3, 4, 9, 10)] == ["N1", "N2", "N2", "N3"]
    assert "T0 or T1" in _hint(ex_staging.exercise_2("IB"))
    assert "N1mi is staged as N1" in _hint(ex_staging.exercise_2("IIA"))
    assert "any number of nodes" in _hint(ex_staging.exercise_2("IIIA"))


# --- lesson 3, exercise 3 (SEER summary stage of an ulcerated 18 mm tumour) ----------------

def test_ex3_hints_summary_stage() -> None:
    """'ulcerated skin makes the tumour T4b'; 'Distant means spread to far organs (M1) or, in
    SEER summary stage, to supraclavicular nodes (N3c)'; 'In situ means no invasion at all'."""
    assert t_category(18.0, skin=True) == "T4b"
    assert summary_stage("T4b", "N0", "M0") == "regional"
    for t, n, m in itertools.product(T_CATEGORIES, N_CATEGORIES, M_CATEGORIES):
        try:
            summary = summary_stage(t, n, m)
        except ValueError:
            continue
        assert (summary == "distant") == (m == "M1" or n == "N3c"), (t, n, m)
        assert (summary == "in situ") == (t == "Tis" and n in ("N0", "N0(i+)", "N0(mol+)")
                                           and m != "M1"), (t, n, m)
    assert "supraclavicular" in _hint(ex_staging.exercise_3("distant"))
    assert "T4b" in _hint(ex_staging.exercise_3("localized"))


# --- lesson 3, exercise 4 (60 mm tumour, 12 nodes) ----------------------------------------

def test_ex4_hints_n3_and_stage_groups() -> None:
    """'T3 N2 is IIIA, but 10 or more nodes is N3'; 'IIIB is for T4 tumours; this one is T3 by
    size'; 'Stage IV needs distant metastasis (M1)'; 'IIB is T3 N0'; 'any T with N3 and M0 is
    stage IIIC'."""
    assert anatomic_stage("T3", "N2", "M0") == "IIIA"
    assert n_category(10) == "N3" and n_category(9) == "N2" and t_category(60.0) == "T3"
    for t, n, m in itertools.product(T_CATEGORIES, N_CATEGORIES, M_CATEGORIES):
        stage = _anatomic_or_none(t, n, m)
        if stage == "IIIB":
            assert t.startswith("T4") and m != "M1"
        if stage is not None:
            assert (stage == "IV") == (m == "M1")
            if n.startswith("N3") and m != "M1":
                assert stage == "IIIC"
    assert anatomic_stage("T3", "N0", "M0") == "IIB"
    assert "N3" in _hint(ex_staging.exercise_4("IIIA"))
    assert "T4" in _hint(ex_staging.exercise_4("IIIB"))
    assert "M1" in _hint(ex_staging.exercise_4("IV"))
    assert "T3 N0" in _hint(ex_staging.exercise_4("IIB"))


def test_capstone_summary_and_stage_hints() -> None:
    """Capstone field hints: 'Any nodal spread, micrometastases included, or T4 makes it
    regional; M1, or supraclavicular nodes (N3c), makes it distant'; 'any M1 is stage IV; N1mi
    with T0/T1 is IB'."""
    from helpers.exercises.capstone import FIELDS

    for t in INVASIVE_T:
        for n in N_CATEGORIES:
            if n in ("N3", "N3c"):
                continue
            regional = n not in ("N0", "N0(i+)", "N0(mol+)") or t.startswith("T4")
            assert summary_stage(t, n, "M0") == ("regional" if regional else "localized")
        assert summary_stage(t, "N3c", "M0") == summary_stage(t, "N0", "M1") == "distant"
        assert anatomic_stage(t, "N2", "M1") == "IV"
    assert anatomic_stage("T0", "N1mi", "M0") == anatomic_stage("T1b", "N1mi", "M0") == "IB"
    assert "N3c" in FIELDS["summary_stage"] and "IB" in FIELDS["stage"]


def test_stage_vocabulary_is_what_the_hints_use() -> None:
    assert STAGE_GROUPS[0] == "0" and STAGE_GROUPS[-1] == "IV"
    assert tn_group("T3", "N1", "M0") == TN_GROUPS[4]
