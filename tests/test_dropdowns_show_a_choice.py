"""Every drop-down of every explorer opens showing one of its choices: a blank box leaves a
student guessing whether it means "not tested", "not known" or nothing at all (ipywidgets shows
an empty box when a drop-down is given the value None, even when None is one of its options)."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pytest

from helpers.widgets.biology import copy_number_explorer
from helpers.widgets.classification import classifier, ish_simulator
from helpers.widgets.staging import staging_explorer
from helpers.widgets.survival import survival_explorer
from helpers.widgets.treatment import treatment_explorer

EXPLORERS = [copy_number_explorer, classifier, ish_simulator, staging_explorer,
             survival_explorer, treatment_explorer]


def dropdowns(widget: Any) -> list[w.Dropdown]:
    found = [widget] if isinstance(widget, w.Dropdown) else []
    for child in getattr(widget, "children", ()):
        found += dropdowns(child)
    return found


@pytest.mark.parametrize("make", EXPLORERS, ids=lambda f: f.__name__)
def test_every_dropdown_opens_on_a_choice(make) -> None:
    boxes = dropdowns(make().widget)
    blank = [box.description for box in boxes if box.index is None]
    assert not blank, f"drop-downs that open blank: {blank}"


def test_the_check_can_fail() -> None:
    box = w.Dropdown(options=(("not tested", None), ("found", True)), value=None)
    assert box.index is None and dropdowns(w.VBox([box])) == [box]
