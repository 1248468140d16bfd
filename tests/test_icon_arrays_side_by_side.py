"""The side-by-side 100-people pictures of lesson 4: the right counts, alt text, clear errors."""

from __future__ import annotations

import pytest

from helpers import survival
from helpers.plots import AccessibleFigure
from helpers.plots.survival import icon_arrays_side_by_side


def _filled(ax) -> int:
    """How many icons of one panel are filled (their face is not white)."""
    heads = ax.collections[0]
    return sum(1 for face in heads.get_facecolors() if tuple(face[:3]) != (1.0, 1.0, 1.0))


def test_each_panel_fills_the_people_of_its_figure() -> None:
    localized = survival.survival_pct("HR-/HER2-", "localized")
    distant = survival.survival_pct("HR-/HER2-", "distant")
    result = icon_arrays_side_by_side((localized, "Localized"), (distant, "Distant"))
    assert isinstance(result, AccessibleFigure)
    left, right = result.figure.axes
    assert _filled(left) == survival.people_alive_of_100(localized) == 92
    assert _filled(right) == survival.people_alive_of_100(distant) == 14
    assert "Localized" in left.get_title() and "92 of 100" in left.get_title()
    assert "Distant" in right.get_title() and "14 of 100" in right.get_title()


def test_alt_text_gives_both_counts_and_the_difference() -> None:
    result = icon_arrays_side_by_side((92, "Localized"), (14, "Distant"), title="Triple-negative")
    assert "Localized: 92 filled icons and 8 hollow" in result.alt
    assert "Distant: 14 filled icons and 86 hollow" in result.alt
    assert "the difference is 78 people out of 100" in result.alt
    assert "Triple-negative" in result.alt
    assert result.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_halves_round_up_as_in_the_sentences() -> None:
    result = icon_arrays_side_by_side((12.5, "a"), (0, "b"))
    left, right = result.figure.axes
    assert _filled(left) == 13 and _filled(right) == 0


@pytest.mark.parametrize("bad, field", [
    (((130, "x"), (10, "y")), "percent"),
    (((10, "x"), (-1, "y")), "percent"),
    (((10,), (10, "y")), "left"),
    (((10, "x"), (10, 5)), "right"),
    ((50, (10, "y")), "left"),
])
def test_bad_input_raises_a_value_error_naming_the_field(bad, field) -> None:
    with pytest.raises(ValueError, match=field):
        icon_arrays_side_by_side(*bad)


def test_pictures_say_they_show_relative_not_observed_survival() -> None:
    """Issue 21: a picture of 100 people read as 'alive or dead' is observed survival; these
    show relative survival, and say so in the figure and its text alternative."""
    from helpers.plots.survival import icon_array, icon_arrays_side_by_side

    pair = icon_arrays_side_by_side((92, "Localized"), (14, "Distant"))
    one = icon_array(100, "HR+/HER2-, localized")
    for fig in (pair, one):
        texts = " ".join(t.get_text() for t in fig.figure.findobj(
            lambda a: hasattr(a, "get_text")))
        assert "relative survival" in texts.replace("\n", " ").lower()
        assert "not observed survival" in texts.replace("\n", " ")
        assert "relative survival, not observed survival" in fig.alt
