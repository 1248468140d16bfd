"""helpers.subtype: SEER subtypes from ER, PR and HER2."""

from __future__ import annotations

import pytest

from helpers.subtype import SUBTYPES, is_er_low, is_triple_negative, molecular_subtype


@pytest.mark.parametrize(
    ("er", "pr", "her2", "subtype"),
    [(90, 80, "negative", "HR+/HER2-"), (0, 5, "negative", "HR+/HER2-"),
     (1, 0, "negative", "HR+/HER2-"), (0.99, 0.99, "negative", "HR-/HER2-"),
     (0, 0, "negative", "HR-/HER2-"), (50, 0, "positive", "HR+/HER2+"),
     (0, 0, "positive", "HR-/HER2+"), (0, 1, "positive", "HR+/HER2+")],
)
def test_subtypes(er: float, pr: float, her2: str, subtype: str) -> None:
    assert molecular_subtype(er, pr, her2) == subtype
    assert subtype in SUBTYPES
    assert is_triple_negative(er, pr, her2) is (subtype == "HR-/HER2-")


def test_equivocal_her2_needs_ish_first() -> None:
    with pytest.raises(ValueError, match="her2_status .* needs reflex ISH"):
        molecular_subtype(50, 50, "equivocal")


@pytest.mark.parametrize(("er", "pr", "her2", "field"),
                         [(101, 0, "negative", "er_percent"), (0, -1, "negative", "pr_percent"),
                          (0, 0, "low", "her2_status"), (0, 0, None, "her2_status")])
def test_bad_input(er, pr, her2, field: str) -> None:
    with pytest.raises(ValueError, match=f"^{field} must be"):
        molecular_subtype(er, pr, her2)


@pytest.mark.parametrize(("er", "low"), [(0.99, False), (1, True), (10, True), (10.01, False)])
def test_er_low(er: float, low: bool) -> None:
    assert is_er_low(er) is low
