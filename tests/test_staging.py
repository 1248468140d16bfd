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
