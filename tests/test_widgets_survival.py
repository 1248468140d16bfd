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
