"""helpers.staging: every T × N × M combination of the AJCC 8 table, and the size cut-offs."""

from __future__ import annotations

import math

import pytest

from helpers.staging import (
    M_CATEGORIES, N_CATEGORIES, STAGE_GROUPS, T_CATEGORIES, anatomic_stage, n_category,
    stage_rank, summary_stage, t_category,
)

# The AJCC 8 anatomic table as a grid, written out by hand: rows are main T, columns main N
# (N0, N1mi, N1, N2, N3), for M0. None = not stageable (T0 N0: no tumour; Tis with nodes).
GRID = {
    "Tis": ("0", None, None, None, None),
    "T0": (None, "IB", "IIA", "IIIA", "IIIC"),
    "T1": ("IA", "IB", "IIA", "IIIA", "IIIC"),
    "T2": ("IIA", "IIB", "IIB", "IIIA", "IIIC"),
    "T3": ("IIB", "IIIA", "IIIA", "IIIA", "IIIC"),
    "T4": ("IIIB", "IIIB", "IIIB", "IIIB", "IIIC"),
}
N_COLUMN = {"N0": 0, "N1mi": 1, "N1": 2, "N1a": 2, "N1b": 2, "N1c": 2, "N2": 3, "N2a": 3,
            "N2b": 3, "N3": 4, "N3a": 4, "N3b": 4, "N3c": 4}
T_ROW = {"Tis": "Tis", "T0": "T0", "T1mi": "T1", "T1a": "T1", "T1b": "T1", "T1c": "T1",
         "T1": "T1", "T2": "T2", "T3": "T3", "T4": "T4", "T4a": "T4", "T4b": "T4", "T4c": "T4",
         "T4d": "T4"}
COMBINATIONS = [(t, n, m) for t in T_CATEGORIES for n in N_CATEGORIES for m in M_CATEGORIES]


def expected_stage(t: str, n: str, m: str) -> str | None:
    return "IV" if m == "M1" else GRID[T_ROW[t]][N_COLUMN[n]]


def expected_summary(t: str, n: str, m: str) -> str | None:
    if m == "M1":
        return "distant"
    if expected_stage(t, n, m) is None:
        return None
    if t == "Tis":
        return "in situ"
    return "regional" if n != "N0" or t.startswith("T4") else "localized"


def test_vocabularies_cover_the_issue() -> None:
    assert len(COMBINATIONS) == 14 * 13 * 2


@pytest.mark.parametrize(("t", "n", "m"), COMBINATIONS, ids=lambda x: x)
def test_every_combination(t: str, n: str, m: str) -> None:
    stage = expected_stage(t, n, m)
    if stage is None:
        with pytest.raises(ValueError, match="^t"):
            anatomic_stage(t, n, m)
        with pytest.raises(ValueError):
            summary_stage(t, n, m)
    else:
        assert anatomic_stage(t, n, m) == stage
        assert summary_stage(t, n, m) == expected_summary(t, n, m)


@pytest.mark.parametrize(("t", "n", "m", "stage"),
                         [("cT2", "cN1", "cM0", "IIB"), ("pT1c", "pN0", "M0", "IA"),
                          ("pT1a", "pN1mi", "cM0", "IB"), (" T3 ", "N2a", "M0", "IIIA")])
def test_prefixes(t: str, n: str, m: str, stage: str) -> None:
    assert anatomic_stage(t, n, m) == stage


def test_micrometastases() -> None:
    assert anatomic_stage("T1mi", "N1mi", "M0") == "IB"
    assert anatomic_stage("T0", "N1mi", "M0") == "IB"
    assert anatomic_stage("T2", "N1mi", "M0") == anatomic_stage("T2", "N1", "M0") == "IIB"
    assert anatomic_stage("T3", "N1mi", "M0") == "IIIA"
    assert summary_stage("T1b", "N1mi", "M0") == "regional"


def test_impossible_and_unknown() -> None:
    with pytest.raises(ValueError, match="no tumour .T0 N0 M0."):
        anatomic_stage("T0", "N0", "M0")
    with pytest.raises(ValueError, match="^t must be one of 'Tis', 'T0'"):
        anatomic_stage("T5", "N0", "M0")
    with pytest.raises(ValueError, match="^n must be one of 'N0', 'N1mi'"):
        anatomic_stage("T1", "N4", "M0")
    with pytest.raises(ValueError, match="^m must be one of 'M0', 'M1'"):
        anatomic_stage("T1", "N0", "MX")
    with pytest.raises(ValueError, match="^t must be one of"):
        anatomic_stage(None, "N0", "M0")


# Size cut-offs, inclusive upper limits: <=1 T1mi, <=5 T1a, <=10 T1b, <=20 T1c, <=50 T2, >50 T3.
@pytest.mark.parametrize(
    ("size", "t"),
    [(0.1, "T1mi"), (1.0, "T1mi"), (1.01, "T1a"), (5.0, "T1a"), (5.01, "T1b"), (10.0, "T1b"),
     (10.01, "T1c"), (20.0, "T1c"), (20.01, "T2"), (50.0, "T2"), (50.01, "T3"), (120, "T3")],
)
def test_size_cutoffs(size: float, t: str) -> None:
    assert t_category(size) == t


def test_extension_flags() -> None:
    assert t_category(8, chest_wall=True) == "T4a"
    assert t_category(8, skin=True) == "T4b"
    assert t_category(8, chest_wall=True, skin=True) == "T4c"
    assert t_category(30, inflammatory=True) == "T4d"
    assert t_category(4, in_situ=True) == "Tis"


@pytest.mark.parametrize(("size", "field"), [(-1, "size_mm"), (0, "size_mm"), (math.nan, "size_mm"),
                                             ("12", "size_mm"), (None, "size_mm")])
def test_bad_sizes(size, field: str) -> None:
    with pytest.raises(ValueError, match=f"^{field} must be"):
        t_category(size)


def test_bad_flag() -> None:
    with pytest.raises(ValueError, match="^skin must be True or False"):
        t_category(10, skin="yes")


@pytest.mark.parametrize(("nodes", "micro", "n"),
                         [(0, False, "N0"), (1, False, "N1"), (3, False, "N1"), (4, False, "N2"),
                          (9, False, "N2"), (10, False, "N3"), (2, True, "N1mi")])
def test_n_category(nodes: int, micro: bool, n: str) -> None:
    assert n_category(nodes, micrometastases_only=micro) == n


def test_n_category_bad() -> None:
    with pytest.raises(ValueError, match="^positive_axillary_nodes must be a whole number"):
        n_category(-1)
    with pytest.raises(ValueError, match="micrometastases_only"):
        n_category(5, micrometastases_only=True)


def test_stage_order() -> None:
    assert [stage_rank(s) for s in STAGE_GROUPS] == list(range(9))
    with pytest.raises(ValueError, match="^stage must be one of"):
        stage_rank("V")


# Monotonicity: a larger main T or N never gives a lower stage (M0, stageable cells only).
_T_ORDER = ("T0", "T1", "T2", "T3", "T4")
_N_ORDER = ("N0", "N1mi", "N1", "N2", "N3")


@pytest.mark.parametrize("m", ["M0"])
def test_monotone_in_t_and_n(m: str) -> None:
    for i, t in enumerate(_T_ORDER):
        for j, n in enumerate(_N_ORDER):
            if (t, n) == ("T0", "N0"):
                continue
            here = stage_rank(anatomic_stage(t, n, m))
            if i + 1 < len(_T_ORDER):
                assert stage_rank(anatomic_stage(_T_ORDER[i + 1], n, m)) >= here
            if j + 1 < len(_N_ORDER):
                assert stage_rank(anatomic_stage(t, _N_ORDER[j + 1], m)) >= here
            assert stage_rank(anatomic_stage(t, n, "M1")) > here


# Lesson 03 support: exercise checkers, the explorer widget, the size ruler.
from helpers.exercises import staging as ex  # noqa: E402
from helpers.plots.staging import t_size_ruler  # noqa: E402
from helpers.widgets.staging import staging_explorer, survival_for  # noqa: E402


@pytest.mark.parametrize(("check", "right", "wrong"),
                         [(ex.exercise_1, "T1c", "T2"), (ex.exercise_2, "IIB", "IB"),
                          (ex.exercise_3, "regional", "localized"),
                          (ex.exercise_4, "IIIC", "IIIA")])
def test_exercises(check, right: str, wrong: str) -> None:
    assert check(right).status == "correct"
    assert check(f"  {right.lower()} ").status == "correct"
    assert check(wrong).status == "incorrect" and check(wrong).hint
    assert check(...).status == "not answered"
    assert check(42).status == "malformed"
    assert check("stage five").status == "malformed"


def test_concept_check() -> None:
    quiz = ex.concept_check()
    assert quiz.checker(ex.PROGNOSTIC_OPTIONS[1]).correct
    assert not quiz.checker(ex.PROGNOSTIC_OPTIONS[0]).correct


def test_explorer_from_size_and_direct() -> None:
    e = staging_explorer()
    e.size.value = 30.0
    e.n.value = "N1a"
    assert "stage IIB" in e.result.value and "regional" in e.result.value
    assert "90 %" in e.result.value  # seed table: HR+/HER2- regional
    e.subtype.value = "HR-/HER2-"
    assert "67 %" in e.result.value  # seed table: triple-negative regional
    e.m.value = "M1"
    assert "stage IV" in e.result.value and "distant" in e.result.value
    e.m.value, e.n.value, e.t.value = "M0", "N0", "Tis"
    assert "stage 0" in e.result.value and "no row for in situ" in e.result.value


def test_explorer_shows_errors_and_recovers() -> None:
    e = staging_explorer()
    e.size.value = -2.0
    assert "Please check your input" in e.result.value and "size_mm" in e.result.value
    e.size.value = 8.0
    assert "T1b N0 M0" in e.result.value and "stage IA" in e.result.value
    e.chest_wall.value = True
    assert "T4a" in e.result.value and "IIIB" in e.result.value


def test_survival_for_reads_the_table() -> None:
    assert survival_for("HR+/HER2-", "distant") == 35.0
    assert survival_for("HR+/HER2-", "in situ") is None


@pytest.mark.parametrize(("size", "t"), [(0.5, "T1mi"), (20.0, "T1c"), (20.5, "T2"), (60, "T3"), (140, "T3")])
def test_ruler_names_the_category(size: float, t: str) -> None:
    figure = t_size_ruler(size)
    assert f"falls in {t}" in figure.alt
    low, high = figure.figure.axes[0].get_xlim()
    assert low <= size < high  # the marker is on the ruler
    assert figure.png().startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="^size_mm"):
        t_size_ruler(-1)
