"""The survival explorer: updates with the controls and shows errors instead of tracebacks."""

from __future__ import annotations

from helpers.widgets.survival import survival_explorer


def test_explorer_shows_the_chosen_figure() -> None:
    explorer = survival_explorer()
    assert "90 %" in explorer.figure.value  # HR+/HER2-, regional by default
    first_image = explorer.image.value
    explorer.subtype.value = "HR-/HER2-"
    explorer.stage.value = "distant"
    assert "14 %" in explorer.figure.value
    assert "triple-negative" in explorer.sentence.value
    assert explorer.image.value != first_image
    assert "14 filled" in explorer.caption.value


def test_explorer_shows_bad_percentages_as_a_message_and_recovers() -> None:
    explorer = survival_explorer()
    explorer.custom.value = "130"
    assert "Please check your input" in explorer.figure.value
    assert "between 0 and 100" in explorer.figure.value
    explorer.custom.value = "forty"
    assert "&#x27;forty&#x27;" in explorer.figure.value
    explorer.custom.value = "40"
    assert "40 %" in explorer.figure.value and "40 filled" in explorer.caption.value
    explorer.custom.value = ""
    assert "90 %" in explorer.figure.value


def test_explorer_sentence_and_icons_agree_on_halves() -> None:
    """66.5 % is 67 people in the sentence and 67 filled icons (halves round up, not to even)."""
    explorer = survival_explorer()
    explorer.custom.value = "66.5"
    assert "about 67 women" in explorer.sentence.value
    assert "67 filled" in explorer.caption.value


def test_explorer_reads_percentages_as_people_type_them() -> None:
    explorer = survival_explorer()
    explorer.custom.value = " 50 % "
    assert "50 %" in explorer.figure.value and "50 filled" in explorer.caption.value


def test_explorer_cuts_long_or_huge_entries_in_its_message() -> None:
    explorer = survival_explorer()
    explorer.custom.value = "9" * 400  # larger than any float: read as infinity
    assert "between 0 and 100" in explorer.figure.value
    assert len(explorer.figure.value) < 600
    explorer.custom.value = "x" * 5000
    assert "between 0 and 100" in explorer.figure.value
    assert len(explorer.figure.value) < 600
    explorer.custom.value = "nan"
    assert "between 0 and 100" in explorer.figure.value
    explorer.custom.value = ""
    assert "90 %" in explorer.figure.value


def test_explorer_heading_names_the_table_and_refuses_other_releases() -> None:
    import pytest

    assert "does not name the years" in survival_explorer().widget.children[0].value
    newer = survival_explorer("2013-2019")
    assert "diagnoses 2013-2019" in newer.widget.children[0].value
    newer.stage.value = "distant"
    assert "34 %" in newer.figure.value
    with pytest.raises(ValueError, match="^release must be one of 'seed', '2013-2019'"):
        survival_explorer("2014-2020")
