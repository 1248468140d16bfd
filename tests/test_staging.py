"""helpers.staging: every T × N × M combination of the AJCC 8 table, and the size cut-offs."""

from __future__ import annotations

import math

import pytest

from helpers.staging import (
    M_CATEGORIES, MAX_SIZE_MM, N_CATEGORIES, STAGE_GROUPS, T_CATEGORIES, anatomic_stage,
    n_category, recorded_size_mm, stage_rank, summary_stage, t_category,
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
N_COLUMN = {"N0": 0, "N0(i+)": 0, "N0(mol+)": 0, "N1mi": 1, "N1": 2, "N1a": 2, "N1b": 2,
            "N1c": 2, "N2": 3, "N2a": 3, "N2b": 3, "N3": 4, "N3a": 4, "N3b": 4, "N3c": 4}
T_ROW = {"Tis": "Tis", "T0": "T0", "T1mi": "T1", "T1a": "T1", "T1b": "T1", "T1c": "T1",
         "T1": "T1", "T2": "T2", "T3": "T3", "T4": "T4", "T4a": "T4", "T4b": "T4", "T4c": "T4",
         "T4d": "T4"}
COMBINATIONS = [(t, n, m) for t in T_CATEGORIES for n in N_CATEGORIES for m in M_CATEGORIES]


def expected_stage(t: str, n: str, m: str) -> str | None:
    return "IV" if m == "M1" else GRID[T_ROW[t]][N_COLUMN[n]]


def expected_summary(t: str, n: str, m: str) -> str | None:
    """SEER Summary Stage 2018, breast. None = refused (no tumour; a bare N3 with M0)."""
    if m == "M1":
        return "distant"
    if t == "T0" and N_COLUMN[n] == 0:
        return None
    if n == "N3":
        return None  # N3a/N3b are regional, N3c distant: the function asks which
    if n == "N3c":
        return "distant"  # ipsilateral supraclavicular nodes are distant in SEER
    if N_COLUMN[n] != 0:
        return "regional"  # in situ with regional nodes included
    if t == "Tis":
        return "in situ"
    return "regional" if t.startswith("T4") else "localized"


def test_vocabularies_cover_the_issue() -> None:
    assert len(COMBINATIONS) == 14 * 15 * 3
    assert {"N0(i+)", "N0(mol+)"} <= set(N_CATEGORIES) and "M0(i+)" in M_CATEGORIES


@pytest.mark.parametrize(("t", "n", "m"), COMBINATIONS, ids=lambda x: x)
def test_every_combination(t: str, n: str, m: str) -> None:
    stage = expected_stage(t, n, m)
    if stage is None:
        with pytest.raises(ValueError, match="^t"):
            anatomic_stage(t, n, m)
    else:
        assert anatomic_stage(t, n, m) == stage
    summary = expected_summary(t, n, m)
    if summary is None:
        with pytest.raises(ValueError, match="^[tn]"):
            summary_stage(t, n, m)
    else:
        assert summary_stage(t, n, m) == summary


@pytest.mark.parametrize(("t", "n", "m", "stage"),
                         [("cT2", "cN1", "cM0", "IIB"), ("pT1c", "pN0", "M0", "IA"),
                          ("pT1a", "pN1mi", "cM0", "IB"), (" T3 ", "N2a", "M0", "IIIA")])
def test_prefixes(t: str, n: str, m: str, stage: str) -> None:
    assert anatomic_stage(t, n, m) == stage


# Isolated tumour cells and molecular findings are node-negative; M0(i+) is M0 (AJCC 8).
@pytest.mark.parametrize(("t", "n", "m", "stage", "summary"), [
    ("T1c", "N0(i+)", "M0", "IA", "localized"),
    ("pT1c", "pN0(i+)", "cM0", "IA", "localized"),
    ("T1b", "N0(mol+)", "M0", "IA", "localized"),
    ("T2", "pN0(mol+)", "M0", "IIA", "localized"),
    ("T2", "N0", "M0(i+)", "IIA", "localized"),
    ("T2", "N0", "cM0(i+)", "IIA", "localized"),
    ("T1c", "N0(i+)", "M0(i+)", "IA", "localized"),
    ("Tis", "N0(i+)", "M0", "0", "in situ"),
    ("T3", "N0(i+)", "M0", "IIB", "localized"),
])
def test_isolated_tumour_cells_are_node_negative(t, n, m, stage, summary) -> None:
    assert anatomic_stage(t, n, m) == stage
    assert summary_stage(t, n, m) == summary


def test_isolated_tumour_cells_without_a_tumour_are_not_stageable() -> None:
    with pytest.raises(ValueError, match="no tumour"):
        anatomic_stage("T0", "N0(i+)", "M0")


# Categories as people type them: case, spaces, c/p prefixes.
@pytest.mark.parametrize(("t", "n", "m", "stage"), [
    ("t1c", "n0", "m0", "IA"), ("PT2", "PN1A", "CM0", "IIB"), ("tis", "n0", "m0", "0"),
    ("T1MI", "n1MI", "M0", "IB"), ("pT1c", "pN0 (i+)", "cM0", "IA"),
    ("p T 2", " N 0 ( mol + ) ", "m0 (i+)", "IIA"), ("T4 d", "n3c", "m1", "IV"),
    ("pT4b", "pN2", "pM1", "IV"), ("Tis (DCIS)", "N0", "M0", "0"), ("Tis (Paget)", "N0", "M0", "0"),
])
def test_categories_as_people_type_them(t, n, m, stage) -> None:
    assert anatomic_stage(t, n, m) == stage


@pytest.mark.parametrize("m", ["pM0", "pm0", " p M0 ", "pM0(i+)"])
def test_pm0_is_refused_with_the_reason(m: str) -> None:
    for call in (anatomic_stage, summary_stage):
        with pytest.raises(ValueError, match=r"^m cannot be .*M0 is a clinical finding.*pM1"):
            call("T1", "N0", m)


def test_lcis_is_not_staged() -> None:
    with pytest.raises(ValueError, match=r"^t cannot be .*LCIS.*not staged"):
        anatomic_stage("Tis (LCIS)", "N0", "M0")


def test_prefix_must_match_its_field() -> None:
    with pytest.raises(ValueError, match="^t must be one of"):
        anatomic_stage("cN1", "N0", "M0")


def test_long_input_is_cut_in_the_message() -> None:
    with pytest.raises(ValueError) as info:
        anatomic_stage("T" * 10_000, "N0", "M0")
    assert len(str(info.value)) < 400


def test_micrometastases() -> None:
    assert anatomic_stage("T1mi", "N1mi", "M0") == "IB"
    assert anatomic_stage("T0", "N1mi", "M0") == "IB"
    assert anatomic_stage("T2", "N1mi", "M0") == anatomic_stage("T2", "N1", "M0") == "IIB"
    assert anatomic_stage("T3", "N1mi", "M0") == "IIIA"
    assert summary_stage("T1b", "N1mi", "M0") == "regional"


# SEER summary stage is not a pure function of T and N: fixation to the pectoral muscle or
# underlying tissue, or skin involvement short of T4, is regional (SEER Summary Stage 2018).
@pytest.mark.parametrize(("t", "n", "m", "plain", "extended"), [
    ("T1c", "N0", "M0", "localized", "regional"),
    ("T2", "N0(i+)", "M0", "localized", "regional"),
    ("T3", "N0", "M0", "localized", "regional"),
    ("T2", "N1", "M0", "regional", "regional"),
    ("T4b", "N0", "M0", "regional", "regional"),
    ("T2", "N0", "M1", "distant", "distant"),
])
def test_regional_extension(t, n, m, plain, extended) -> None:
    assert summary_stage(t, n, m) == plain
    assert summary_stage(t, n, m, regional_extension=False) == plain
    assert summary_stage(t, n, m, regional_extension=True) == extended
    assert anatomic_stage(t, n, m) == anatomic_stage(t, n, m)  # AJCC stage unchanged


def test_regional_extension_is_keyword_only_and_checked() -> None:
    with pytest.raises(TypeError):
        summary_stage("T1", "N0", "M0", True)  # type: ignore[misc]
    with pytest.raises(ValueError, match="^regional_extension must be True or False"):
        summary_stage("T1", "N0", "M0", regional_extension="yes")
    with pytest.raises(ValueError, match="^regional_extension is True but t is 'Tis'"):
        summary_stage("Tis", "N0", "M0", regional_extension=True)


def test_impossible_and_unknown() -> None:
    with pytest.raises(ValueError, match="no tumour .T0 N0 M0."):
        anatomic_stage("T0", "N0", "M0")
    with pytest.raises(ValueError, match="^t must be one of 'Tis', 'T0'"):
        anatomic_stage("T5", "N0", "M0")
    with pytest.raises(ValueError, match=r"^n must be one of 'N0', 'N0\(i\+\)'"):
        anatomic_stage("T1", "N4", "M0")
    with pytest.raises(ValueError, match=r"^m must be one of 'M0', 'M0\(i\+\)', 'M1'"):
        anatomic_stage("T1", "N0", "M2")
    with pytest.raises(ValueError, match=r"^m cannot be 'MX': MX is not used"):
        anatomic_stage("T1", "N0", "MX")
    with pytest.raises(ValueError, match="^t must be one of"):
        anatomic_stage(None, "N0", "M0")


# Size cut-offs, inclusive upper limits: <=1 T1mi, <=5 T1a, <=10 T1b, <=20 T1c, <=50 T2, >50 T3,
# applied to the size as AJCC records it: nearest whole mm, and above 1.0 and below 2.0 mm -> 2 mm.
# (No case sits exactly halfway, such as 20.5 mm: the sources do not settle it.)
@pytest.mark.parametrize(
    ("size", "t"),
    [(0.1, "T1mi"), (1.0, "T1mi"), (1.01, "T1a"), (1.2, "T1a"), (1.99, "T1a"), (5.0, "T1a"),
     (5.1, "T1a"), (5.4, "T1a"), (5.6, "T1b"), (10.0, "T1b"), (10.4, "T1b"), (10.6, "T1c"),
     (20.0, "T1c"), (20.04, "T1c"), (20.4, "T1c"), (20.6, "T2"), (21, "T2"), (50.0, "T2"),
     (50.4, "T2"), (50.6, "T3"), (120, "T3"), (MAX_SIZE_MM, "T3")],
)
def test_size_cutoffs(size: float, t: str) -> None:
    assert t_category(size) == t


@pytest.mark.parametrize(("size", "recorded"), [
    (0.4, 0.4), (1.0, 1.0), (1.01, 2.0), (1.2, 2.0), (1.99, 2.0), (2.0, 2.0), (2.4, 2.0),
    (5.1, 5.0), (20.04, 20.0), (20.4, 20.0), (20.6, 21.0), (50.4, 50.0), (7, 7.0),
])
def test_recorded_size(size: float, recorded: float) -> None:
    assert recorded_size_mm(size) == recorded


@pytest.mark.parametrize("size", [MAX_SIZE_MM + 0.01, 1000, 100_000, 10**400, math.inf])
def test_sizes_beyond_the_bound_are_refused(size) -> None:
    with pytest.raises(ValueError, match=f"^size_mm must be a number above 0 and at most "
                                         f"{MAX_SIZE_MM:g} mm"):
        t_category(size)


def test_extension_flags() -> None:
    assert t_category(8, chest_wall=True) == "T4a"
    assert t_category(8, skin=True) == "T4b"
    assert t_category(8, chest_wall=True, skin=True) == "T4c"
    assert t_category(30, inflammatory=True) == "T4d"
    assert t_category(4, in_situ=True) == "Tis"
    assert t_category(0, in_situ=True) == "Tis"
    assert t_category(1.2, skin=True) == "T4b"


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
                          (9, False, "N2"), (10, False, "N3"), (2, True, "N1mi"),
                          (1, True, "N1mi"), (3, True, "N1mi")])
def test_n_category(nodes: int, micro: bool, n: str) -> None:
    assert n_category(nodes, micrometastases_only=micro) == n


def test_n_category_bad() -> None:
    with pytest.raises(ValueError, match="^positive_axillary_nodes must be a whole number"):
        n_category(-1)
    with pytest.raises(ValueError, match="micrometastases_only needs at least one"):
        n_category(0, micrometastases_only=True)


# Micrometastases only, in any number of nodes, is pN1mi: pN2a and pN3a need at least one
# deposit larger than 2.0 mm (AJCC 8).
@pytest.mark.parametrize("nodes", [4, 9, 10, 25])
def test_micrometastases_only_in_many_nodes_is_n1mi(nodes: int) -> None:
    assert n_category(nodes, micrometastases_only=True) == "N1mi"
    assert anatomic_stage("T1c", n_category(nodes, micrometastases_only=True), "M0") == "IB"


# Several invasive foci: T is set by the largest focus, not the sum, with the (m) suffix.
def test_multiple_foci_use_the_largest_with_the_m_suffix() -> None:
    foci_mm = (12.0, 9.0)
    t = t_category(max(foci_mm)) + "(m)"
    assert t == "T1c(m)"
    assert t_category(sum(foci_mm)) == "T2"  # the sum would wrongly give T2
    assert anatomic_stage(t, "N0", "M0") == "IA"
    assert "(m)" in t_category.__doc__ and "largest" in t_category.__doc__


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
from helpers.plots.staging import SizeRuler  # noqa: E402
from helpers.widgets.staging import (  # noqa: E402
    read_recurrence_score, read_size_mm, staging_explorer, subtype_of, survival_for,
)


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


def test_exercise_1_teaches_rounding() -> None:
    feedback = ex.exercise_1("T2")
    assert "nearest whole millimetre" in feedback.hint
    assert "20.4 mm is recorded as 20 mm" in ex.exercise_1("T1c").message


def test_concept_check() -> None:
    quiz = ex.concept_check()
    right = [o for o in ex.PROGNOSTIC_OPTIONS if quiz.checker(o).correct]
    assert len(right) == 1
    # The right answer: since 2018 US registries use the prognostic stage groups, and the
    # anatomic table is for settings where the biomarkers cannot be tested.
    assert "Since 2018" in right[0] and "prognostic stage groups" in right[0]
    assert "cannot be tested" in right[0]
    # The old claim (registries such as SEER use the anatomic table) is graded wrong.
    for option in ex.PROGNOSTIC_OPTIONS:
        if "stage with the anatomic table" in option or "anatomic stage group" in option:
            assert not quiz.checker(option).correct
    assert quiz.check(None).status != "correct"


def test_explorer_from_size_and_direct() -> None:
    e = staging_explorer()
    e.size.value = "30"
    e.n.value = "N1a"
    assert "stage IIB" in e.result.value and "regional" in e.result.value
    assert "90 %" in e.result.value  # seed table: HR+/HER2- regional
    e.er.value = e.pr.value = "negative"  # the receptors set the survival row's subtype
    assert "67 %" in e.result.value  # seed table: triple-negative regional
    e.m.value = "M1"
    assert "stage IV" in e.result.value and "distant" in e.result.value
    e.m.value, e.n.value, e.t.value = "M0", "N0", "Tis"
    assert "stage 0" in e.result.value and "no row for in situ" in e.result.value


def test_explorer_n3c_is_iiic_but_distant_in_seer() -> None:
    e = staging_explorer()
    assert "N3" not in e.n.options and "N3c" in e.n.options  # summary stage needs a, b or c
    e.size.value, e.n.value = "30", "N3c"
    assert "stage IIIC" in e.result.value and "SEER summary stage distant" in e.result.value
    assert "supraclavicular nodes as N3c (stage IIIC)" in e.result.value
    e.n.value = "N3a"
    assert "SEER summary stage regional" in e.result.value
    assert "supraclavicular" not in e.result.value


def test_explorer_shows_errors_and_recovers() -> None:
    e = staging_explorer()
    e.size.value = "-2"
    assert "Please check your input" in e.result.value and "Tumour size" in e.result.value
    e.size.value = "8"
    assert "T1b N0 M0" in e.result.value and "stage IA" in e.result.value
    e.chest_wall.value = True
    assert "T4a" in e.result.value and "IIIB" in e.result.value


def test_explorer_size_box_shows_its_bound() -> None:
    e = staging_explorer()
    assert f"up to {MAX_SIZE_MM:g}" in e.size.description


@pytest.mark.parametrize("typed", ["100000", "251", "", "   ", "abc", "1e9", "-3", "0", "nan",
                                   "x" * 100_000])
def test_explorer_refuses_bad_sizes_in_one_sentence(typed: str) -> None:
    e = staging_explorer()
    e.size.value = typed
    text = e.result.value
    assert "Tumour size" in text and "Traceback" not in text
    assert text.count("Tumour size") == 1 and len(text) < 600
    assert e.caption.value == ""  # no ruler drawn
    e.size.value = "12"
    assert "T1c N0 M0" in e.result.value


@pytest.mark.parametrize(("typed", "size"), [("20.4", 20.4), (" 20,4 mm ", 20.4), ("15mm", 15.0),
                                             ("7", 7.0), (".5", 0.5)])
def test_read_size_as_people_type_it(typed: str, size: float) -> None:
    assert read_size_mm(typed) == size


def test_explorer_shows_the_recorded_size() -> None:
    e = staging_explorer()
    e.size.value = "20.4"
    assert "Measured 20.4 mm is recorded as 20 mm" in e.result.value
    assert "T1c N0 M0" in e.result.value and "stage IA" in e.result.value
    assert "recorded as 20 mm, falls in T1c" in e.caption.value
    e.size.value = "1.2"
    assert "recorded as 2 mm" in e.result.value and "T1a N0 M0" in e.result.value
    e.size.value = "5.1"
    assert "T1a N0 M0" in e.result.value


def test_explorer_isolated_tumour_cells_and_extension() -> None:
    e = staging_explorer()
    e.size.value = "25"
    e.n.value = "N0(i+)"
    e.m.value = "M0(i+)"
    assert "stage IIA" in e.result.value and "summary stage localized" in e.result.value
    e.extension.value = True
    assert "stage IIA" in e.result.value and "summary stage regional" in e.result.value
    assert "SEER counts it as regional" in e.result.value


def test_survival_for_reads_the_table() -> None:
    assert survival_for("HR+/HER2-", "distant") == 35.0
    assert survival_for("HR+/HER2-", "in situ") is None


@pytest.mark.parametrize(("size", "t"), [(0.5, "T1mi"), (20.0, "T1c"), (20.4, "T1c"), (20.6, "T2"),
                                       (60, "T3"), (140, "T3"), (MAX_SIZE_MM, "T3")])
def test_ruler_names_the_category(size: float, t: str) -> None:
    figure = t_size_ruler(size)
    assert f"falls in {t}" in figure.alt
    low, high = figure.figure.axes[0].get_xlim()
    assert low <= size < high  # the marker is on the ruler
    assert figure.png().startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="^size_mm"):
        t_size_ruler(-1)


@pytest.mark.parametrize("size", [100_000, MAX_SIZE_MM + 1, 10**400])
def test_ruler_refuses_huge_sizes_before_drawing(size, monkeypatch) -> None:
    import helpers.plots.staging as plots

    def never(*_args, **_kwargs):
        raise AssertionError("the ruler was drawn for a size it should refuse")

    monkeypatch.setattr(plots, "_draw_ruler", never)
    with pytest.raises(ValueError, match="^size_mm"):
        plots.t_size_ruler(size)
    with pytest.raises(ValueError, match="^size_mm"):
        SizeRuler().frame(size)
    with pytest.raises(ValueError, match="^upper_mm"):
        plots.t_size_ruler(10, upper_mm=100_000)


def test_ruler_has_a_bounded_number_of_ticks() -> None:
    figure = t_size_ruler(MAX_SIZE_MM)
    ax = figure.figure.axes[0]
    assert len(ax.get_xticks()) <= 30
    assert ax.get_xlim()[1] <= MAX_SIZE_MM + 10


def test_ruler_marks_the_recorded_size() -> None:
    figure = t_size_ruler(20.4)
    assert "20.4 mm, recorded as 20 mm, falls in T1c" in figure.alt
    marker = figure.figure.axes[0].lines[-1]
    assert list(marker.get_xdata()) == [20.0]



# --- Prognostic stage groups: the re-export, the explorer, the figure, the exercises ----------

import helpers.prognostic as prognostic  # noqa: E402
from helpers import staging as staging_module  # noqa: E402


def test_prognostic_stage_is_reexported_from_staging() -> None:
    assert "prognostic_stage" in staging_module.__all__
    for kind in ("clinical", "pathological"):
        for grade in (1, 2, 3):
            for her2 in ("positive", "negative"):
                for er in ("positive", "negative"):
                    for pr in ("positive", "negative"):
                        for t, n in (("T1c", "N0"), ("T2", "N0"), ("T2", "N1"), ("T3", "N2"),
                                     ("T4b", "N1"), ("T1", "N3")):
                            kwargs = dict(grade=grade, her2=her2, er=er, pr=pr, kind=kind)
                            assert (staging_module.prognostic_stage(t, n, "M0", **kwargs)
                                    == prognostic.prognostic_stage(t, n, "M0", **kwargs))


def test_issue_examples_through_staging() -> None:
    hr_pos = dict(grade=1, her2="negative", er="positive", pr="positive")
    triple = dict(grade=3, her2="negative", er="negative", pr="negative")
    assert anatomic_stage("T2", "N0", "M0") == "IIA"
    assert staging_module.prognostic_stage("T2", "N0", "M0", kind="pathological", **hr_pos) == "IA"
    assert staging_module.prognostic_stage("T2", "N0", "M0", kind="clinical", **triple) == "IIB"
    assert staging_module.prognostic_stage("T1c", "N0", "M0", kind="pathological",
                                           recurrence_score=8, grade=3, her2="negative",
                                           er="positive", pr="negative") == "IA"
    with pytest.raises(ValueError, match="^kind must be"):
        staging_module.prognostic_stage("T2", "N0", "M0", kind="anatomic", **hr_pos)
    with pytest.raises(ValueError, match="^m "):
        staging_module.prognostic_stage("T2", "N0", "pM0", kind="clinical", **hr_pos)


def _explorer(**values):
    e = staging_explorer()
    for name, value in values.items():
        getattr(e, name).value = value
    return e


def test_explorer_shows_three_stages_side_by_side() -> None:
    e = _explorer(size="30", grade=1, er="positive", pr="positive", her2="negative")
    cells = e.stages.value
    assert cells.index("Anatomic") < cells.index("Clinical prognostic") < cells.index(
        "Pathological prognostic")
    assert "<strong>IIA</strong>" in cells and "<strong>IB</strong>" in cells
    assert "<strong>IA</strong>" in cells
    assert "clinical prognostic stage (IB) is lower than the anatomic stage (IIA)" in e.result.value
    assert "pathological prognostic stage (IA) is lower" in e.result.value
    assert "HR+/HER2-, localized: 100 %" in e.result.value


def test_explorer_triple_negative_moves_up() -> None:
    e = _explorer(size="30", grade=3, er="negative", pr="negative", her2="negative")
    assert "clinical prognostic stage (IIB) is higher than the anatomic stage (IIA)" in e.result.value
    assert "triple-negative" in e.result.value
    assert "HR-/HER2-, localized: 92 %" in e.result.value


def test_explorer_recurrence_score() -> None:
    # T2 N0 grade 3, ER+ PR- HER2-: pathological IIA without a score, IA with a score below 11.
    e = _explorer(size="35", grade=3, er="positive", pr="negative", her2="negative")
    assert e.stages.value.count("<strong>IIA</strong>") >= 2
    assert "<strong>IA</strong>" not in e.stages.value
    e.score.value = "8"
    assert "A recurrence score of 8 (below 11) makes" in e.result.value
    assert "<strong>IA</strong>" in e.stages.value  # pathological only
    assert e.stages.value.count("<strong>IA</strong>") == 1
    e.n.value = "N1"  # the rule is not for node-positive cancers
    assert "does not change the stage" in e.result.value
    e.score.value = "25"
    assert "11 or more" in e.result.value
    e.score.value = ""
    assert "recurrence score" not in e.result.value.lower().replace("recurrence score below", "")


@pytest.mark.parametrize("typed", ["101", "-1", "abc", "1e400", "x" * 10_000])
def test_explorer_refuses_bad_recurrence_scores(typed: str) -> None:
    e = _explorer(score=typed)
    assert "Recurrence score must be a number from 0 to 100" in e.result.value
    assert e.stages.value == "" and len(e.result.value) < 600 and "Traceback" not in e.result.value
    e.score.value = "12"
    assert "Pathological prognostic" in e.stages.value


def test_explorer_her2_positive_and_in_situ() -> None:
    e = _explorer(her2="positive")
    assert "HER2-negative subtypes only" in e.result.value
    e.t.value = "Tis"
    assert e.stages.value.count("<strong>0</strong>") == 3


def test_explorer_update_keeps_working_after_every_error() -> None:
    e = _explorer(t="T0")  # T0 N0 M0: nothing to stage
    assert "nothing to stage" in e.result.value and e.stages.value == ""
    e.n.value = "N1"
    assert "Pathological prognostic" in e.stages.value
    e.update()  # calling update() directly recomputes the same outputs
    assert "Pathological prognostic" in e.stages.value


@pytest.mark.parametrize(("typed", "score"), [("", None), ("  ", None), ("8", 8.0), (" 10.5 ", 10.5),
                                              ("0", 0.0), ("100", 100.0)])
def test_read_recurrence_score(typed: str, score) -> None:
    assert read_recurrence_score(typed) == score


def test_subtype_of() -> None:
    assert subtype_of("positive", "negative", "negative") == "HR+/HER2-"
    assert subtype_of("negative", "positive", "negative") == "HR+/HER2-"
    assert subtype_of("negative", "negative", "negative") == "HR-/HER2-"
    assert subtype_of("negative", "negative", "positive") == "HR-/HER2+"


# --- SEER Summary Stage 2018, breast: the supraclavicular exception and in situ with nodes ---
# AJCC stages ipsilateral supraclavicular nodes as N3c (stage IIIC); SEER Summary Stage 2018
# counts them as distant lymph nodes. N3a and N3b stay regional; a bare N3 cannot be placed.
@pytest.mark.parametrize(("n", "summary"), [("N3a", "regional"), ("N3b", "regional"),
                                            ("N3c", "distant"), ("pN3c", "distant")])
def test_summary_stage_of_n3_subcategories(n: str, summary: str) -> None:
    assert summary_stage("T2", n, "M0") == summary
    assert anatomic_stage("T2", n, "M0") == "IIIC"  # AJCC: every N3 is IIIC with M0


def test_bare_n3_asks_which() -> None:
    with pytest.raises(ValueError, match=r"^n is 'N3': .*N3a.*N3b.*regional.*N3c.*distant"):
        summary_stage("T2", "N3", "M0")
    assert summary_stage("T2", "N3", "M1") == "distant"  # M1 settles it


# SEER codes in situ disease with regional nodes as regional; AJCC has no stage group for it.
@pytest.mark.parametrize(("n", "summary"), [("N1", "regional"), ("N1mi", "regional"),
                                            ("N2a", "regional"), ("N3c", "distant")])
def test_in_situ_with_positive_nodes(n: str, summary: str) -> None:
    assert summary_stage("Tis", n, "M0") == summary
    with pytest.raises(ValueError, match="^t is 'Tis' .*no stage group for in situ disease"):
        anatomic_stage("Tis", n, "M0")


# --- after neoadjuvant therapy (AJCC 8 notes to the stage table) ---------------------------
@pytest.mark.parametrize(("t", "n", "m", "stage"), [
    ("ypT1c", "ypN1a", "cM0", "IIA"),
    ("ypT2", "ypN0", "cM0", "IIA"),
    ("ypT0", "ypN1mi", "cM0", "IB"),
    ("ypT1a(m)", "ypN0(i+)", "M0", "IA"),
    ("ycT2", "ycN1", "cM0", "IIB"),
])
def test_post_therapy_stage_is_accepted(t, n, m, stage) -> None:
    assert anatomic_stage(t, n, m) == stage


@pytest.mark.parametrize("t", ["ypT0", "ypTis", "ypTis (DCIS)"])
def test_pathological_complete_response_gets_no_stage_group(t: str) -> None:
    with pytest.raises(ValueError, match="pathological complete response.*no stage group"):
        anatomic_stage(t, "ypN0", "cM0")


def test_isolated_tumour_cells_left_after_treatment() -> None:
    with pytest.raises(ValueError, match="not counted as a complete response.*no stage group"):
        anatomic_stage("ypT0", "ypN0(i+)", "cM0")
    assert anatomic_stage("ypTis", "ypN0(i+)", "cM0") == "0"


def test_m1_before_treatment_stays_stage_iv() -> None:
    assert anatomic_stage("ypT0", "ypN0", "cM0", m1_before_treatment=True) == "IV"
    assert anatomic_stage("ypT1b", "ypN0", "cM0", m1_before_treatment=True) == "IV"
    assert anatomic_stage("cT2", "cN1", "cM1", m1_before_treatment=True) == "IV"
    with pytest.raises(ValueError, match="^m1_before_treatment is True, but .* no yc or yp"):
        anatomic_stage("T2", "N1", "M0", m1_before_treatment=True)
    with pytest.raises(ValueError, match="^m1_before_treatment must be True or False"):
        anatomic_stage("ypT2", "ypN1", "cM0", m1_before_treatment="yes")


def test_summary_stage_refuses_post_therapy_categories() -> None:
    with pytest.raises(ValueError, match="^t is 'ypT1c', a category after neoadjuvant therapy: "
                                         "SEER summary stage records the extent"):
        summary_stage("ypT1c", "ypN1a", "cM0")
