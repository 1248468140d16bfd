"""helpers.receptors: ASCO/CAP 2020 ER/PR bands, the Allred score and the H-score."""

from __future__ import annotations

import math

import pytest

from helpers.receptors import allred_positive, allred_score, classify_receptor, h_score


@pytest.mark.parametrize(
    ("percent", "er", "pr"),
    [(0, "negative", "negative"), (0.99, "negative", "negative"),
     (1, "low positive", "positive"), (1.0, "low positive", "positive"),
     (5, "low positive", "positive"), (10, "low positive", "positive"),
     (10.01, "positive", "positive"), (50, "positive", "positive"),
     (100, "positive", "positive")],
)
def test_er_and_pr_bands(percent: float, er: str, pr: str) -> None:
    assert classify_receptor(percent) == er
    assert classify_receptor(percent, "ER") == er
    assert classify_receptor(percent, "PR") == pr


@pytest.mark.parametrize("percent", [-1, 100.01, 130, math.nan, math.inf, "5", None])
def test_percent_out_of_range(percent) -> None:
    with pytest.raises(ValueError, match="er_percent must be a number between 0 and 100"):
        classify_receptor(percent)
    with pytest.raises(ValueError, match="pr_percent must be a number between 0 and 100"):
        classify_receptor(percent, "PR")


def test_unknown_receptor() -> None:
    with pytest.raises(ValueError, match="receptor must be one of 'ER', 'PR'"):
        classify_receptor(5, "HER2")


# Allred proportion score by the published bands: 0 none; 1 <1 %; 2 1-10 %; 3 11-33 %;
# 4 34-66 %; 5 67-100 %; values between whole-number bands go to the higher band.
@pytest.mark.parametrize(
    ("percent", "proportion"),
    [(0.5, 1), (0.99, 1), (1, 2), (10, 2), (10.5, 3), (11, 3), (33, 3), (33.5, 4), (34, 4),
     (66, 4), (66.5, 5), (67, 5), (100, 5)],
)
def test_allred_proportion(percent: float, proportion: int) -> None:
    score = allred_score(percent, "moderate")
    assert (score.proportion, score.intensity, score.total) == (proportion, 2, proportion + 2)


@pytest.mark.parametrize(("intensity", "points"),
                         [("weak", 1), ("moderate", 2), ("strong", 3)])
def test_allred_intensity(intensity: str, points: int) -> None:
    assert allred_score(50, intensity).intensity == points


def test_allred_zero_and_consistency() -> None:
    assert allred_score(0, "none").total == 0
    with pytest.raises(ValueError, match="intensity must be 'none' when percent is 0"):
        allred_score(0, "weak")
    with pytest.raises(ValueError, match="intensity must be one of 'weak'"):
        allred_score(20, "none")
    with pytest.raises(ValueError, match="intensity must be one of 'none', 'weak'"):
        allred_score(20, "intense")


@pytest.mark.parametrize(("total", "positive"), [(0, False), (2, False), (3, True), (8, True)])
def test_allred_positive(total: int, positive: bool) -> None:
    assert allred_positive(total) is positive


@pytest.mark.parametrize("total", [1, 9, -1, 3.5, "3"])
def test_allred_positive_bad_total(total) -> None:
    with pytest.raises(ValueError, match="total must be"):
        allred_positive(total)


@pytest.mark.parametrize(
    ("weak", "moderate", "strong", "score"),
    [(0, 0, 0, 0), (100, 0, 0, 100), (0, 0, 100, 300), (10, 20, 30, 140), (30, 30, 40, 210)],
)
def test_h_score(weak: float, moderate: float, strong: float, score: float) -> None:
    assert h_score(weak, moderate, strong) == score


def test_h_score_bad_input() -> None:
    with pytest.raises(ValueError, match="must add up to at most 100"):
        h_score(50, 40, 20)
    with pytest.raises(ValueError, match="pct_moderate must be a number between 0 and 100"):
        h_score(10, -5, 10)
    with pytest.raises(ValueError, match="pct_strong"):
        h_score(10, 5, math.nan)


# --- the glossary and lesson text that teach these rules -------------------------------------
from pathlib import Path  # noqa: E402
from test_data_files import REVIEW_DATE

ROOT = Path(__file__).resolve().parents[1]


def _glossary_entry(anchor: str) -> str:
    text = (ROOT / "notebooks" / "glossary.md").read_text(encoding="utf-8")
    start = text.index(f'<a id="{anchor}"></a>')
    end = text.find("<a id=", start + 1)
    return " ".join(text[start:end if end != -1 else None].split())


def test_glossary_says_er_low_is_still_positive() -> None:
    assert classify_receptor(5, "ER") == "low positive"
    assert "still a positive result" in _glossary_entry("er-low")


def test_glossary_her2_low_is_non_amplified_and_plain_zero_is_not_null() -> None:
    entry = _glossary_entry("her2-low")
    assert "without gene amplification" in entry
    assert "more than 0 % and at most 10 %" in entry
    assert 'plain "IHC 0" does not say' in entry


def test_glossary_triple_negative_can_receive_trastuzumab_deruxtecan_if_her2_low() -> None:
    entry = _glossary_entry("triple-negative")
    assert "trastuzumab-type HER2 blockers do not help" in entry
    assert "HER2-low can receive trastuzumab deruxtecan" in entry


def test_glossary_reflex_test_and_ish_group_1() -> None:
    assert "ISH on the same specimen, or a new test (IHC or ISH) on a new specimen" in (
        _glossary_entry("ihc"))
    assert "Group 1, a ratio of 2.0 or more with 4.0 copies or more, is HER2-positive" in (
        _glossary_entry("ish-group"))


@pytest.mark.parametrize("lesson", ["01_her2_biology", "02_classification"])
def test_lessons_end_with_reviewed_line_and_name_trial_populations(lesson: str) -> None:
    source = (ROOT / "lessons" / f"{lesson}.py").read_text(encoding="utf-8")
    paragraphs = [p for p in source.split("#\n") if p.strip()]
    last = " ".join(line.lstrip("# ") for line in paragraphs[-1].splitlines())
    assert last.startswith(f"Reviewed {REVIEW_DATE} against: Wolff et al. 2018 and 2023")
    assert "Modi et al. 2022" in last and "Bardia et al. 2024" in last
    text = " ".join(source.replace("#", " ").replace("*", "").split())
    for words in ("one or two lines of chemotherapy", "no chemotherapy for metastatic disease",
                  "494", "713", "153", "exploratory", "reporting comment", "practice points"):
        assert words in text, words
    assert "HER2-targeted antibodies have nothing to hold" not in text
    assert "affirmed without change in 2023" not in text
