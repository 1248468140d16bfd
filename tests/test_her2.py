"""helpers.her2 against the ASCO/CAP 2018 (affirmed 2023) tables, boundaries included."""

from __future__ import annotations

import math

import pytest

from helpers.her2 import FINAL_RESULTS, ISH_GROUPS, IHC_SCORES, classify_her2, ish_group

# IHC alone: (ihc, status, expression), written from the guideline's IHC table.
IHC_ONLY = [
    ("0", "negative", "0 (not subclassified)"),
    ("0 (null)", "negative", "null"),
    ("0 (ultralow)", "negative", "ultralow"),
    ("1+", "negative", "low"),
    ("2+", "equivocal", "pending"),
    ("3+", "positive", "positive"),
]


@pytest.mark.parametrize(("ihc", "status", "expression"), IHC_ONLY)
def test_ihc_without_ish(ihc: str, status: str, expression: str) -> None:
    result = classify_her2(ihc)
    assert (result.status, result.expression, result.ish_group) == (status, expression, None)
    assert "ASCO/CAP 2018" in result.explanation


# ISH groups at and around every cut-off: (ratio, copies, group).
GROUPS = [
    (2.0, 4.0, 1), (5.0, 10.0, 1), (2.0, 3.99, 2), (3.0, 1.0, 2),
    (1.99, 6.0, 3), (1.0, 12.0, 3), (1.99, 5.99, 4), (1.99, 4.0, 4), (1.5, 3.99, 5),
    (0.5, 0.0, 5), (1.99, 3.99, 5),
]


@pytest.mark.parametrize(("ratio", "copies", "group"), GROUPS)
def test_ish_groups_and_boundaries(ratio: float, copies: float, group: int) -> None:
    assert ish_group(ratio, copies) == group


# The guideline's group x concurrent-IHC table: final status for each combination.
FINAL = {
    (1, "0/1+"): "positive", (1, "2+"): "positive", (1, "3+"): "positive",
    (2, "0/1+"): "negative", (2, "2+"): "negative", (2, "3+"): "positive",
    (3, "0/1+"): "negative", (3, "2+"): "positive", (3, "3+"): "positive",
    (4, "0/1+"): "negative", (4, "2+"): "negative", (4, "3+"): "positive",
    (5, "0/1+"): "negative", (5, "2+"): "negative", (5, "3+"): "positive",
}
EXAMPLE = {1: (2.5, 5.0), 2: (2.5, 3.0), 3: (1.5, 7.0), 4: (1.5, 5.0), 5: (1.2, 2.0)}


@pytest.mark.parametrize(("group", "ihc_class"), sorted(FINAL))
def test_every_group_and_ihc_combination(group: int, ihc_class: str) -> None:
    ratio, copies = EXAMPLE[group]
    scores = ["0", "1+"] if ihc_class == "0/1+" else [ihc_class]
    for ihc in scores:
        result = classify_her2(ihc, ratio, copies)
        assert result.ish_group == group
        assert result.status == FINAL[(group, ihc_class)]


def test_tables_are_complete_and_consistent() -> None:
    assert [row.score for row in IHC_SCORES] == ["3+", "2+", "1+", "0"]
    assert [row.group for row in ISH_GROUPS] == [1, 2, 3, 4, 5]
    assert {(r.group, r.ihc): r.status for r in FINAL_RESULTS} == FINAL


@pytest.mark.parametrize(
    ("ihc", "ratio", "copies", "expression"),
    [("2+", 1.5, 3.0, "low"), ("2+", 2.5, 3.0, "low"), ("2+", 1.5, 5.0, "low"),
     ("1+", 1.5, 7.0, "low"), ("0", 1.5, 7.0, "0 (not subclassified)"),
     ("0 (null)", 1.5, 7.0, "null"), ("0 (ultralow)", 1.2, 2.0, "ultralow"),
     ("2+", 2.5, 5.0, "positive"), ("2+", 1.5, 7.0, "positive"), ("0", 2.5, 5.0, "positive")],
)
def test_expression_with_ish(ihc: str, ratio: float, copies: float, expression: str) -> None:
    assert classify_her2(ihc, ratio, copies).expression == expression


def test_recount_rule_is_named() -> None:
    assert "second observer" in classify_her2("2+", 1.5, 7.0).explanation
    assert "HER2-low" in classify_her2("1+").explanation
    assert "not an ASCO/CAP result category" in classify_her2("0 (ultralow)").explanation


def test_plain_zero_is_negative_but_not_called_null() -> None:
    """A report of plain IHC 0 does not say null or ultralow: the helper must not guess null."""
    result = classify_her2("0")
    assert result.status == "negative"
    assert result.expression == "0 (not subclassified)"
    assert result.expression != "null"
    text = result.explanation
    assert "not subclassified" in text
    assert "HER2-null (no membrane staining)" in text
    assert ">0 to ≤10 %" in text and "ultralow" in text


def test_null_and_ultralow_stay_as_they_are() -> None:
    assert classify_her2("0 (null)").expression == "null"
    assert classify_her2("0 (ultralow)").expression == "ultralow"
    assert ">0 to ≤10 %" in classify_her2("0 (ultralow)").explanation
    assert "not subclassified" not in classify_her2("0 (null)").explanation


def test_reflex_testing_is_same_specimen_ish_or_new_test_on_new_specimen() -> None:
    row = next(r for r in IHC_SCORES if r.score == "2+")
    assert "ISH on the same specimen" in row.result
    assert "new test (IHC or ISH) on a new specimen" in row.result


def test_result_is_frozen() -> None:
    result = classify_her2("1+")
    with pytest.raises(AttributeError):
        result.status = "positive"  # type: ignore[misc]


@pytest.mark.parametrize("ihc", ["4+", "3", "", None, 3, "2 +", "ultralow"])
def test_unknown_ihc(ihc) -> None:
    with pytest.raises(ValueError, match=r"^ihc must be one of '0', '0 \(null\)'"):
        classify_her2(ihc)


@pytest.mark.parametrize(
    ("ratio", "copies", "field"),
    [(-0.1, 4.0, "ish_ratio"), (math.nan, 4.0, "ish_ratio"), (math.inf, 4.0, "ish_ratio"),
     ("2.0", 4.0, "ish_ratio"), (True, 4.0, "ish_ratio"), (2.0, -1.0, "her2_copies"),
     (2.0, math.nan, "her2_copies"), (2.0, "many", "her2_copies")],
)
def test_bad_ish_values(ratio, copies, field: str) -> None:
    with pytest.raises(ValueError, match=f"^{field} must be a number between 0 and "):
        classify_her2("2+", ratio, copies)


def test_ish_values_come_together() -> None:
    with pytest.raises(ValueError, match="ish_ratio and her2_copies must be given together"):
        classify_her2("2+", ish_ratio=2.2)
    with pytest.raises(ValueError, match="got only her2_copies"):
        classify_her2("2+", her2_copies=5.0)
