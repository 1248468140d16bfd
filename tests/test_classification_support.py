"""Lesson 02 support: exercise checkers, widgets (errors shown, not raised) and figures."""

from __future__ import annotations

import pytest

from helpers.exercises import classification as ex
from helpers.plots.classification import her2_flowchart, ish_field_figure, staining_panels
from helpers.ish import simulate_field
from helpers.widgets.classification import classifier, ish_simulator, parse_counts


@pytest.mark.parametrize("check, right, wrong", [
    (ex.exercise_1, "negative", "positive"),
    (ex.exercise_2, 3, 4),
    (ex.exercise_3, 110, 60),
    (ex.exercise_4, "HR+/HER2-", "HR-/HER2-"),
])
def test_checkers(check, right, wrong):
    assert check(right).status == "correct"
    assert check(wrong).status == "incorrect"
    assert check(...).status == "not answered"
    assert check(["x"]).status == "malformed"


def test_concept_check():
    mc = ex.concept_check()
    assert mc.check(ex.LOW_OPTIONS[1]).correct
    assert mc.check(ex.LOW_OPTIONS[0]).status == "incorrect"


def test_classifier_shows_results_and_errors():
    c = classifier(ihc="2+", ratio="1.99", copies="4.0", er="5", pr="0")
    assert "group" in c.result.value.lower() and "HR+/HER2-" in c.result.value
    assert "ER-low" in c.result.value
    c.ratio.value = "-1"
    assert "ish_ratio" in c.result.value
    c.copies.value = ""
    c.ratio.value = "2.5"
    assert "her2_copies" in c.result.value
    c.ratio.value = ""
    assert "equivocal" in c.result.value and "reflex ISH" in c.result.value
    c.er.value = "120"
    assert "er_percent" in c.result.value


def test_simulator_counts_and_errors():
    s = ish_simulator(true_ratio=2.5, true_copies=6.0, seed=2)
    assert "ISH group" in s.result.value and s.image.value
    s.counts.value = " ".join(["5,2"] * 20)
    assert "ratio 2.50" in s.result.value and "ISH group 1" in s.result.value
    s.counts.value = "5,2 4"
    assert "counts entry 2" in s.result.value
    s.counts.value = " ".join(["5,2"] * 10)
    assert "at least 20" in s.result.value


def test_parse_counts():
    assert parse_counts("5,2; 4,3") == [(5, 2), (4, 3)]
    with pytest.raises(ValueError, match="entry 1"):
        parse_counts("a,b")


def test_figures_have_alt_text():
    for fig in (staining_panels(), her2_flowchart(), ish_field_figure(simulate_field(2, 5))):
        assert len(fig.alt) > 40 and fig.png()[:4] == b"\x89PNG"


def test_flowchart_states_both_reflex_routes():
    alt = her2_flowchart().alt
    assert "ISH on the same specimen" in alt
    assert "new test (IHC or ISH) on a new specimen" in alt


def test_classifier_asks_null_or_ultralow_for_a_plain_zero():
    c = classifier(ihc="0", ratio="", copies="", er="90", pr="50")
    assert "0 (not subclassified)" in c.result.value
    assert "HER2-null (no membrane staining)" in c.result.value
    assert "HR+/HER2-" in c.result.value
    c.ihc.value = "0 (null)"
    assert "<td>null</td>" in c.result.value


def test_er_low_note_quotes_the_guideline_and_not_a_treatment_claim() -> None:
    """ASCO/CAP 2020's recommended comment: limited data, possible benefit, so patients are
    considered eligible for endocrine treatment. Treating ER-low disease as triple-negative is
    not the guideline's point, so the note does not attribute it to ASCO/CAP."""
    c = classifier(ihc="1+", er="5", pr="0")
    text = c.result.value
    assert "possible benefit" in text and "considered eligible" in text
    assert "triple-negative" not in text
