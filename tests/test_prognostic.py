"""AJCC 8 clinical and pathological prognostic stage groups (helpers.prognostic).

Every row of both data files is read back through ``prognostic_stage`` for representative T, N
and M of its group; independent spot checks typed by hand from the source tables catch a typo in
a data file; clinical expectations (more extent never lowers the stage), the recurrence-score
rule and its limits, and the messages for bad input.
"""

from __future__ import annotations

import csv
import itertools
import math
import re

import pytest

from helpers import DATA_DIR
from helpers.prognostic import (
    TN_GROUPS,
    explain_stage_difference,
    prognostic_result,
    prognostic_stage,
    prognostic_table,
    tn_group,
)
from helpers.staging import STAGE_GROUPS, anatomic_stage

STATUS = ("positive", "negative")
COMBOS = list(itertools.product(STATUS, STATUS, STATUS))  # (her2, er, pr)

#: Representative T, N, M for each group of the tables, T1mi and T0 included where they belong.
REPRESENTATIVES = {
    "Tis N0": [("Tis", "N0", "M0"), ("pTis", "pN0", "cM0")],
    "T1 N0 | T0-T1 N1mi": [("T1mi", "N0", "M0"), ("T1a", "N0", "M0"), ("T1c", "N0", "M0"),
                           ("T0", "N1mi", "M0"), ("T1mi", "N1mi", "M0"), ("T1b", "N1mi", "M0"),
                           ("pT1c", "pN0(i+)", "M0"), ("T1", "N0(mol+)", "M0(i+)")],
    "T0-T1 N1 | T2 N0": [("T0", "N1", "M0"), ("T1mi", "N1a", "M0"), ("T1c", "N1c", "M0"),
                         ("T2", "N0", "M0"), ("cT2", "cN0", "cM0")],
    "T2 N1 | T3 N0": [("T2", "N1", "M0"), ("T2", "N1mi", "M0"), ("T2", "N1b", "M0"),
                      ("T3", "N0", "M0")],
    "T0-T3 N2 | T3 N1": [("T0", "N2", "M0"), ("T1mi", "N2a", "M0"), ("T1", "N2", "M0"),
                         ("T2", "N2b", "M0"), ("T3", "N1", "M0"), ("T3", "N1mi", "M0"),
                         ("T3", "N2", "M0")],
    "T4 N0-N2 | any T N3": [("T4", "N0", "M0"), ("T4a", "N1", "M0"), ("T4b", "N1mi", "M0"),
                            ("T4d", "N2", "M0"), ("T0", "N3", "M0"), ("T1mi", "N3a", "M0"),
                            ("T2", "N3c", "M0"), ("T4c", "N3b", "M0")],
    "any T any N M1": [("T1", "N0", "M1"), ("Tis", "N0", "M1"), ("T0", "N0", "M1"),
                       ("T4", "N3", "M1"), ("T2", "N1mi", "pM1")],
}


def _read(kind: str) -> list[dict[str, str]]:
    with (DATA_DIR / f"prognostic_stage_{kind}.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


ROWS = [(kind, row) for kind in ("clinical", "pathological") for row in _read(kind)]


def _expand(row: dict[str, str]) -> list[tuple[int, str, str, str]]:
    grades = [1, 2, 3] if row["grade"] == "any" else [int(row["grade"][1])]
    return [(g, h, e, p) for g in grades
            for h in (STATUS if row["her2"] == "any" else [row["her2"]])
            for e in (STATUS if row["er"] == "any" else [row["er"]])
            for p in (STATUS if row["pr"] == "any" else [row["pr"]])]


def test_representatives_cover_every_group() -> None:
    assert set(REPRESENTATIVES) == set(TN_GROUPS)
    for group, cases in REPRESENTATIVES.items():
        for t, n, m in cases:
            assert tn_group(t, n, m) == group, (t, n, m)


@pytest.mark.parametrize("kind", ["clinical", "pathological"])
def test_each_table_has_one_row_per_group_grade_and_receptor_status(kind: str) -> None:
    keys = [(r["tn_group"], g, h, e, p) for r in _read(kind) for g, h, e, p in _expand(r)]
    assert len(keys) == len(set(keys)), "a combination appears twice"
    assert set(keys) == {(group, g, h, e, p) for group in TN_GROUPS for g in (1, 2, 3)
                         for h, e, p in COMBOS}
    assert {r["stage"] for r in _read(kind)} <= set(STAGE_GROUPS)


@pytest.mark.parametrize(("kind", "row"), ROWS,
                         ids=[f"{k}-{r['tn_group']}-{r['grade']}-{r['her2']}-{r['er']}-{r['pr']}"
                              for k, r in ROWS])
def test_every_row_reads_back_through_prognostic_stage(kind: str, row: dict[str, str]) -> None:
    for t, n, m in REPRESENTATIVES[row["tn_group"]]:
        for grade, her2, er, pr in _expand(row):
            got = prognostic_stage(t, n, m, grade=grade, her2=her2, er=er, pr=pr, kind=kind)
            assert got == row["stage"], (t, n, m, grade, her2, er, pr)


def test_table_is_read_once() -> None:
    assert prognostic_table("clinical") is prognostic_table("clinical")
    assert len(prognostic_table("pathological")) == 122


# Typed by hand, independently of the data files.
# Clinical rows: from PDQ Breast Cancer Treatment (HP), NBK65744.43, Table 9 as read.
CLINICAL_BY_HAND = [
    # t, n, grade, her2, er, pr, stage
    ("Tis", "N0", 3, "negative", "negative", "negative", "0"),
    ("T1", "N0", 1, "negative", "negative", "negative", "IB"),
    ("T1", "N0", 3, "negative", "positive", "negative", "IB"),
    ("T1", "N0", 3, "negative", "positive", "positive", "IA"),
    ("T1", "N0", 3, "positive", "negative", "negative", "IA"),
    ("T0", "N1mi", 2, "negative", "negative", "positive", "IA"),
    ("T2", "N0", 1, "positive", "positive", "positive", "IB"),
    ("T2", "N0", 1, "positive", "positive", "negative", "IIA"),
    ("T2", "N0", 2, "negative", "negative", "negative", "IIB"),
    ("T2", "N0", 3, "negative", "positive", "positive", "IIA"),
    ("T2", "N0", 3, "negative", "positive", "negative", "IIB"),
    ("T1", "N1", 3, "negative", "negative", "negative", "IIB"),
    ("T3", "N0", 1, "positive", "negative", "negative", "IIB"),
    ("T3", "N0", 1, "negative", "positive", "positive", "IIA"),
    ("T3", "N0", 2, "negative", "negative", "negative", "IIIB"),
    ("T2", "N1", 3, "positive", "positive", "positive", "IB"),
    ("T2", "N1", 3, "negative", "positive", "negative", "IIIA"),
    ("T2", "N1", 3, "negative", "negative", "negative", "IIIB"),
    ("T3", "N1", 1, "positive", "positive", "positive", "IIA"),
    ("T3", "N1", 1, "negative", "negative", "negative", "IIIB"),
    ("T0", "N2", 2, "negative", "negative", "positive", "IIIA"),
    ("T3", "N2", 3, "positive", "positive", "positive", "IIB"),
]

# Pathological rows: from NCI SEER's encoding of the AJCC table (EOD 1.7), named in the data
# file's sidecar (no legible copy of the PDQ pathological table was available).
PATHOLOGICAL_BY_HAND = [
    ("T1", "N0", 1, "negative", "negative", "negative", "IA"),
    ("T1", "N0", 2, "negative", "negative", "negative", "IB"),
    ("T1", "N0", 3, "negative", "positive", "negative", "IA"),
    ("T2", "N0", 1, "negative", "positive", "positive", "IA"),
    ("T2", "N0", 1, "positive", "negative", "negative", "IIA"),
    ("T2", "N0", 2, "negative", "positive", "negative", "IIA"),
    ("T2", "N0", 3, "positive", "positive", "positive", "IA"),
    ("T2", "N0", 3, "negative", "positive", "positive", "IB"),
    ("T2", "N1", 1, "negative", "positive", "positive", "IA"),
    ("T3", "N0", 2, "positive", "positive", "positive", "IB"),
    ("T3", "N0", 3, "negative", "negative", "negative", "IIIA"),
    ("T3", "N0", 3, "negative", "positive", "positive", "IIA"),
    ("T3", "N1", 1, "negative", "positive", "positive", "IB"),
    ("T1", "N2", 3, "negative", "negative", "negative", "IIIC"),
    ("T2", "N2", 3, "negative", "positive", "positive", "IIB"),
    ("T4", "N0", 1, "negative", "positive", "positive", "IIIA"),
    ("T4", "N1", 2, "negative", "negative", "negative", "IIIC"),
    ("T1", "N3", 3, "positive", "positive", "positive", "IIIB"),
    ("T4", "N2", 1, "negative", "negative", "negative", "IIIB"),
]


@pytest.mark.parametrize(("t", "n", "grade", "her2", "er", "pr", "stage"), CLINICAL_BY_HAND)
def test_clinical_rows_typed_from_pdq(t: str, n: str, grade: int, her2: str, er: str, pr: str,
                                      stage: str) -> None:
    assert prognostic_stage(t, n, "M0", grade=grade, her2=her2, er=er, pr=pr,
                            kind="clinical") == stage


@pytest.mark.parametrize(("t", "n", "grade", "her2", "er", "pr", "stage"), PATHOLOGICAL_BY_HAND)
def test_pathological_rows_typed_by_hand(t: str, n: str, grade: int, her2: str, er: str,
                                         pr: str, stage: str) -> None:
    assert prognostic_stage(t, n, "M0", grade=grade, her2=her2, er=er, pr=pr,
                            kind="pathological") == stage


def test_clinical_rows_read_in_pdq_are_marked() -> None:
    """The file says which rows were read in the PDQ reprint: 1 (Tis) + 92 graded cells."""
    marks = [r["read_from"] for r in _read("clinical")]
    assert marks.count("PDQ NBK65744.43 Table 9") == 93
    assert set(marks) == {"PDQ NBK65744.43 Table 9", "NCI SEER EOD 1.7 table"}
    assert {r["read_from"] for r in _read("pathological")} == {"NCI SEER EOD 1.7 table"}


# ------------------------------------------------------------------ the two examples


def test_small_low_grade_hr_positive_moves_down() -> None:
    """T2 N0 G1 ER+ PR+ HER2- is anatomic IIA but pathological prognostic IA."""
    assert anatomic_stage("T2", "N0", "M0") == "IIA"
    assert prognostic_stage("T2", "N0", "M0", grade=1, her2="negative", er="positive",
                            pr="positive", kind="pathological") == "IA"


def test_triple_negative_grade_3_moves_up() -> None:
    """Clinical T2 N0 G3 triple-negative is IIB, above its anatomic IIA."""
    assert prognostic_stage("T2", "N0", "M0", grade=3, her2="negative", er="negative",
                            pr="negative", kind="clinical") == "IIB"


# ------------------------------------------------------------------ monotonic in extent

T_LADDER = ("T0", "T1mi", "T1", "T2", "T3", "T4")
N_LADDER = ("N0", "N1mi", "N1", "N2", "N3")


def _stage_or_none(t: str, n: str, m: str, **kw: object) -> int | None:
    try:
        return STAGE_GROUPS.index(prognostic_stage(t, n, m, **kw))  # type: ignore[arg-type]
    except ValueError:  # T0 N0: no row
        return None


@pytest.mark.parametrize("kind", ["clinical", "pathological"])
def test_more_extent_never_lowers_the_stage(kind: str) -> None:
    checked = 0
    for grade, (her2, er, pr) in itertools.product((1, 2, 3), COMBOS):
        kw = {"grade": grade, "her2": her2, "er": er, "pr": pr, "kind": kind}
        grid = {(t, n): _stage_or_none(t, n, "M0", **kw) for t in T_LADDER for n in N_LADDER}
        for n in N_LADDER:  # larger T, same N
            ranks = [grid[(t, n)] for t in T_LADDER if grid[(t, n)] is not None]
            assert ranks == sorted(ranks), (kind, kw, n, ranks)
            checked += 1
        for t in T_LADDER:  # more nodes, same T
            ranks = [grid[(t, n)] for n in N_LADDER if grid[(t, n)] is not None]
            assert ranks == sorted(ranks), (kind, kw, t, ranks)
            checked += 1
        assert all(r is None or r < STAGE_GROUPS.index("IV") for r in grid.values())
        assert _stage_or_none("T1", "N0", "M1", **kw) == STAGE_GROUPS.index("IV")
    assert checked == 24 * (len(T_LADDER) + len(N_LADDER))


# ------------------------------------------------------------------ recurrence score


def _path(t: str, n: str, *, grade: int = 3, her2: str = "negative", er: str = "positive",
          pr: str = "positive", kind: str = "pathological", score: float | None = None,
          m: str = "M0") -> str:
    return prognostic_stage(t, n, m, grade=grade, her2=her2, er=er, pr=pr, kind=kind,
                            recurrence_score=score)


def test_low_recurrence_score_makes_t1_t2_n0_er_positive_her2_negative_ia() -> None:
    assert _path("T2", "N0") == "IB"  # without a score
    assert _path("T2", "N0", score=10) == "IA"
    assert _path("T2", "N0", score=0) == "IA"
    assert _path("T2", "N0", score=10.9) == "IA"
    assert _path("T2", "N0", score=11) == "IB"  # the boundary: 11 is not below 11
    assert _path("T2", "N0", score=100) == "IB"
    assert _path("T2", "N0", pr="negative") == "IIA"
    assert _path("T2", "N0", pr="negative", score=5) == "IA"  # PR status does not matter
    assert _path("T1c", "N0", grade=2, er="positive", pr="negative", score=3) == "IA"
    assert _path("pT2", "pN0(i+)", score=5) == "IA"  # isolated tumour cells count as N0
    result = prognostic_result("T2", "N0", "M0", grade=3, her2="negative", er="positive",
                               pr="positive", kind="pathological", recurrence_score=9)
    assert result.recurrence_score_used and result.stage == "IA" and result.anatomic == "IIA"
    assert "recurrence score below 11" in result.explanation


@pytest.mark.parametrize(("case", "kwargs", "expected"), [
    ("N1", {"t": "T2", "n": "N1"}, "IIA"),
    ("N1mi with T2", {"t": "T2", "n": "N1mi"}, "IIA"),
    ("N1mi with T1", {"t": "T1", "n": "N1mi", "pr": "negative", "grade": 2}, "IA"),
    ("T3", {"t": "T3", "n": "N0", "grade": 2}, "IB"),
    ("HER2-positive", {"t": "T2", "n": "N0", "her2": "positive", "pr": "negative"}, "IIA"),
    ("ER-negative", {"t": "T2", "n": "N0", "er": "negative"}, "IIA"),
    ("clinical table", {"t": "T2", "n": "N0", "kind": "clinical"}, "IIA"),
    ("M1", {"t": "T2", "n": "N0", "m": "M1"}, "IV"),
])
def test_recurrence_score_rule_limits(case: str, kwargs: dict, expected: str) -> None:
    t, n = kwargs.pop("t"), kwargs.pop("n")
    without = _path(t, n, **kwargs)
    assert without == expected, case
    assert _path(t, n, score=2, **kwargs) == without, case
    result = prognostic_result(t, n, kwargs.pop("m", "M0"), grade=kwargs.get("grade", 3),
                               her2=kwargs.get("her2", "negative"),
                               er=kwargs.get("er", "positive"), pr=kwargs.get("pr", "positive"),
                               kind=kwargs.get("kind", "pathological"), recurrence_score=2)
    assert not result.recurrence_score_used, case


# ------------------------------------------------------------------ inputs people type


def test_friendly_inputs() -> None:
    base = _path("T2", "N0", grade=2, er="positive", pr="negative")
    for grade in (2, 2.0, "2", "G2", " g2 "):
        assert prognostic_stage("T2", "N0", "M0", grade=grade, her2="negative", er="positive",
                                pr="negative", kind="pathological") == base
    for her2, er, pr in (("Negative ", "POSITIVE", "negative"), ("-", "+", "-"),
                         ("HER2-", "ER+", "PR-"), ("her2 negative", "er positive", "pr neg"),
                         ("neg", "pos", "neg")):
        assert prognostic_stage("T2", "N0", "M0", grade=2, her2=her2, er=er, pr=pr,
                                kind=" Pathologic ") == base
    assert prognostic_stage(" pT2 ", "pN0(sn)", "cM0", grade=2, her2="negative", er="positive",
                            pr="negative", kind="pathological") == base


BAD_INPUTS = [
    ({"grade": 4}, "grade must be 1, 2 or 3"),
    ({"grade": 0}, "grade must be 1, 2 or 3"),
    ({"grade": "G4"}, "grade must be 1, 2 or 3"),
    ({"grade": 2.5}, "grade must be 1, 2 or 3"),
    ({"grade": True}, "grade must be 1, 2 or 3"),
    ({"grade": math.nan}, "grade must be 1, 2 or 3"),
    ({"grade": None}, "grade must be 1, 2 or 3"),
    ({"her2": "equivocal"}, "her2 must be 'positive' or 'negative'; got 'equivocal'"),
    ({"her2": "low"}, "her2 must be 'positive' or 'negative'"),
    ({"er": "weakly positive"}, "er must be 'positive' or 'negative'"),
    ({"pr": None}, "pr must be 'positive' or 'negative'"),
    ({"kind": "radiological"}, "kind must be 'clinical' or 'pathological'"),
    ({"kind": "neoadjuvant"}, "kind must be 'clinical' or 'pathological'"),
    ({"recurrence_score": 101}, "recurrence_score must be a number between 0 and 100"),
    ({"recurrence_score": -1}, "recurrence_score must be a number between 0 and 100"),
    ({"recurrence_score": math.nan}, "recurrence_score must be a number between 0 and 100"),
    ({"recurrence_score": math.inf}, "recurrence_score must be a number between 0 and 100"),
    ({"recurrence_score": "10"}, "recurrence_score must be a number between 0 and 100"),
    ({"t": "T5"}, "t must be one of"),
    ({"n": "N4"}, "n must be one of"),
    ({"m": "M2"}, "m must be one of"),
    ({"m": "pM0"}, "there is no pM0 (or ypM0) category"),
    ({"t": "Tis", "n": "N1"}, "t is 'Tis'"),
    ({"t": "T0", "n": "N0"}, "nothing to stage"),
]


@pytest.mark.parametrize(("change", "message"), BAD_INPUTS, ids=[str(c) for c, _ in BAD_INPUTS])
def test_bad_input_names_the_field_and_what_is_allowed(change: dict, message: str) -> None:
    args = {"t": "T2", "n": "N0", "m": "M0", "grade": 1, "her2": "negative", "er": "positive",
            "pr": "positive", "kind": "pathological", **change}
    t, n, m = args.pop("t"), args.pop("n"), args.pop("m")
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        prognostic_stage(t, n, m, **args)


def test_clinical_table_still_checks_the_score() -> None:
    """The clinical table ignores a valid score but does not let an impossible one pass."""
    with pytest.raises(ValueError, match="recurrence_score"):
        _path("T2", "N0", kind="clinical", score=150)


# ------------------------------------------------------------------ explanation


def test_explanation_says_which_way_and_why() -> None:
    down = explain_stage_difference("IIA", "IA", grade=1, her2="negative", er="positive",
                                    pr="positive", kind="pathological")
    assert "lower than the anatomic stage (IIA)" in down and "better" in down
    assert "pathological prognostic stage (IA)" in down
    up = explain_stage_difference("IIA", "IIB", grade=3, her2="negative", er="negative",
                                  pr="negative")
    assert "higher" in up and "worse" in up and "triple-negative" in up
    same = explain_stage_difference("IIA", "IIA", grade=1, her2="positive", er="negative",
                                    pr="negative", kind="pathological")
    assert "the same as the anatomic stage" in same and "HER2-positive" in same
    assert "same in every table" in explain_stage_difference(
        "IV", "IV", grade=2, her2="negative", er="positive", pr="positive")
    for text in (down, up, same):
        assert text.count(". ") == 0 and text.endswith(".")  # one sentence


def test_result_carries_the_explanation() -> None:
    result = prognostic_result("T2", "N0", "M0", grade=3, her2="negative", er="negative",
                               pr="negative", kind="clinical")
    assert (result.stage, result.anatomic, result.tn_group) == ("IIB", "IIA", "T0-T1 N1 | T2 N0")
    assert result.explanation == explain_stage_difference(
        "IIA", "IIB", grade=3, her2="negative", er="negative", pr="negative", kind="clinical")


@pytest.mark.parametrize(("change", "message"), [
    ({"anatomic": "IID"}, "anatomic must be one of"),
    ({"prognostic": "stage IIA"}, "prognostic must be one of"),
    ({"grade": 5}, "grade must be"),
    ({"er": "unknown"}, "er must be"),
    ({"kind": "x"}, "kind must be"),
])
def test_explanation_refuses_bad_input(change: dict, message: str) -> None:
    args = {"anatomic": "IIA", "prognostic": "IA", "grade": 1, "her2": "negative",
            "er": "positive", "pr": "positive", "kind": "pathological", **change}
    anatomic, prognostic = args.pop("anatomic"), args.pop("prognostic")
    with pytest.raises(ValueError, match=message):
        explain_stage_difference(anatomic, prognostic, **args)


# ------------------------------------------------------------------ figure


def _cells(figure: object) -> dict[str, str]:
    return {text.get_gid(): text.get_text() for ax in figure.axes  # type: ignore[attr-defined]
            for text in ax.texts if text.get_gid()}


@pytest.mark.parametrize(("t", "n", "anatomic"), [("T2", "N0", "IIA"), ("T3", "N1", "IIIA"),
                                                  ("T1mi", "N1mi", "IB")])
def test_grid_cells_match_prognostic_stage(t: str, n: str, anatomic: str) -> None:
    from helpers.plots import AccessibleFigure
    from helpers.plots.prognostic import COMPARISON_STYLE, prognostic_grid

    result = prognostic_grid(t, n, "M0")
    assert isinstance(result, AccessibleFigure)
    cells = _cells(result.figure)
    assert len(cells) == 2 * 3 * 8
    arrows = {style[2] for style in COMPARISON_STYLE.values()}
    for kind in ("clinical", "pathological"):
        for grade, (her2, er, pr) in itertools.product((1, 2, 3), COMBOS):
            label = cells[f"{kind}|G{grade}|{her2}|{er}|{pr}"]
            stage, arrow = label.split()
            assert stage == prognostic_stage(t, n, "M0", grade=grade, her2=her2, er=er, pr=pr,
                                             kind=kind)
            assert arrow in arrows
            rank = STAGE_GROUPS.index(stage) - STAGE_GROUPS.index(anatomic)
            assert arrow == ("↓" if rank < 0 else "↑" if rank > 0 else "=")
    assert f"anatomic stage {anatomic}" in result.alt
    assert f"{t} {n[:2] if n != 'N1mi' else n} M0".replace("T1mi", "T1") in result.alt
    assert "Clinical:" in result.alt and "Pathological:" in result.alt
    assert result.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_grid_summary_counts_add_up() -> None:
    from helpers.plots.prognostic import prognostic_grid

    alt = prognostic_grid().alt
    # T2 N0, clinical: triple-negative grade 3 is IIB (higher), HR+ HER2+ is IB (lower).
    assert "Clinical: from IB to IIB" in alt
    parts = [part for part in alt.split("; ") if "of 24 cells" in part]
    assert len(parts) == 2
    for part in parts:
        numbers = [int(w) for w in part.replace(",", " ").split() if w.isdigit()]
        assert sum(numbers) - 24 == 24  # lower + same + higher = 24 cells


def test_grid_refuses_what_prognostic_stage_refuses() -> None:
    from helpers.plots.prognostic import prognostic_grid

    with pytest.raises(ValueError, match="t must be one of"):
        prognostic_grid("T9", "N0", "M0")
    with pytest.raises(ValueError, match="nothing to stage"):
        prognostic_grid("T0", "N0", "M0")


# ------------------------------------------------------------------ exercises


@pytest.mark.parametrize("answer", ["IIB", "iib", " IIb ", "Stage IIB", "stage iib", "STAGE IIB"])
def test_exercise_5_accepts_the_right_answer_as_people_type_it(answer: str) -> None:
    from helpers.exercises.prognostic import exercise_5

    feedback = exercise_5(answer)
    assert feedback.correct, feedback
    assert "IIA" in feedback.message  # says why: the anatomic stage it moved from


@pytest.mark.parametrize("answer", ["IIA", "IB", "IA", "IIIA", "IIIB", "IIIC", "IV", "0"])
def test_exercise_5_wrong_answers_get_a_hint_without_the_answer(answer: str) -> None:
    from helpers.exercises.prognostic import exercise_5

    feedback = exercise_5(answer)
    assert feedback.status == "incorrect"
    assert feedback.hint
    assert not re.search(r"\bIIB\b", feedback.hint + feedback.message)


@pytest.mark.parametrize("answer", [..., None])
def test_exercises_not_answered(answer: object) -> None:
    from helpers.exercises.prognostic import exercise_5, exercise_6

    assert exercise_5(answer).status == "not answered"
    assert exercise_6(answer).status == "not answered"


@pytest.mark.parametrize("answer", [2, 2.5, "stage", ["IIB"], "IIB!"])
def test_exercises_malformed(answer: object) -> None:
    from helpers.exercises.prognostic import exercise_5, exercise_6

    assert exercise_5(answer).status == "malformed"
    assert exercise_6(answer).status == "malformed"


@pytest.mark.parametrize("answer", ["2B", "2b", "Stage II B", "stage 2b"])
def test_exercises_read_other_forms_of_a_stage(answer: str) -> None:
    from helpers.exercises.prognostic import exercise_5, exercise_6

    assert exercise_5(answer).correct  # IIB
    assert exercise_6(answer).status == "incorrect"  # IA: read as IIB, and wrong


def test_exercise_6_needs_the_recurrence_score_rule() -> None:
    from helpers.exercises.prognostic import CASE_2, exercise_6

    args = dict(CASE_2)
    t, n, m = args.pop("t"), args.pop("n"), args.pop("m")
    with_score = prognostic_stage(t, n, m, **args)
    without = prognostic_stage(t, n, m, **{**args, "recurrence_score": None})
    assert with_score == "IA" and without != with_score  # the score changes the answer
    assert exercise_6("Stage IA").correct and exercise_6(" ia ").correct
    wrong = exercise_6(without)
    assert wrong.status == "incorrect" and "recurrence score" in wrong.hint
    assert not re.search(r"\bIA\b", wrong.hint)
    for answer in ("IB", "IIB", "IIIA", "IV"):
        feedback = exercise_6(answer)
        assert feedback.status == "incorrect" and feedback.hint, answer


def test_concept_check() -> None:
    from helpers.exercises.prognostic import CONCEPT_OPTIONS, concept_check

    widget = concept_check()
    assert widget.check(CONCEPT_OPTIONS[1]).correct
    for option in CONCEPT_OPTIONS[:1] + CONCEPT_OPTIONS[2:]:
        feedback = widget.check(option)
        assert feedback.status == "incorrect" and feedback.hint
    assert widget.check(None).status == "not answered"
    assert widget.check("something else").status == "malformed"


# --- one reader; after neoadjuvant therapy; unknown grade ----------------------------------
_MARKERS = {"her2": "negative", "er": "positive", "pr": "positive"}


def test_pathological_table_refuses_yp_with_the_reason() -> None:
    with pytest.raises(ValueError, match="^t is 'ypT1c'.*pathological prognostic stage is "
                                         "assigned only when surgery is the first treatment"):
        prognostic_stage("ypT1c", "ypN1", "cM0", grade=2, kind="pathological", **_MARKERS)
    with pytest.raises(ValueError, match="^n is 'ypN1'.*before any treatment"):
        prognostic_stage("cT2", "ypN1", "cM0", grade=2, kind="clinical", **_MARKERS)


@pytest.mark.parametrize("kind", ["clinical", "pathological"])
@pytest.mark.parametrize("grade", [None, "GX", " gx ", "unknown"])
def test_unknown_grade_where_grade_cannot_matter(kind: str, grade) -> None:
    assert prognostic_stage("Tis", "N0", "M0", grade=grade, kind=kind, **_MARKERS) == "0"
    assert prognostic_stage("T2", "N1", "M1", grade=grade, kind=kind, her2="negative",
                            er="negative", pr="negative") == "IV"
    result = prognostic_result("T3", "N2", "M1", grade=grade, kind=kind, **_MARKERS)
    assert result.stage == result.anatomic == "IV" and "unknown grade" in result.explanation


@pytest.mark.parametrize("grade", [None, "GX"])
def test_unknown_grade_refused_where_grade_matters(grade) -> None:
    with pytest.raises(ValueError, match=r"^grade is unknown .*anatomic stage IIA.*Tis N0 M0 "
                                         r"\(stage 0\) and any M1 \(stage IV\)"):
        prognostic_stage("T2", "N0", "M0", grade=grade, kind="clinical", **_MARKERS)


def test_stage_0_and_iv_do_not_depend_on_grade_in_either_table() -> None:
    """Why an unknown grade may be accepted there: the tables give one stage for every grade."""
    for kind in ("clinical", "pathological"):
        for her2, er, pr in itertools.product(("positive", "negative"), repeat=3):
            for t, n, m, stage in (("Tis", "N0", "M0", "0"), ("T1", "N0", "M1", "IV")):
                got = {prognostic_stage(t, n, m, grade=g, her2=her2, er=er, pr=pr, kind=kind)
                       for g in (1, 2, 3)}
                assert got == {stage}
