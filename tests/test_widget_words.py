"""What a student reads in an explorer is written in words: a bad entry is named as the page
names it ("The ISH ratio must be a number between 0 and 50"), never by a name from the code
("ish_ratio must be ..."), and counts agree with their nouns ("1 option", "2 options")."""

from __future__ import annotations

import re

import pytest

from helpers.widgets import plural
from helpers.widgets.classification import classifier, ish_simulator
from helpers.widgets.survival import survival_explorer
from helpers.widgets.treatment import treatment_explorer

#: A name as code writes it: lower-case words joined by underscores (er_percent, pd_l1_cps).
CODE_NAME = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")


def _message(html_text: str) -> str:
    return re.sub(r"<[^>]+>", " ", html_text)


CASES = [
    (classifier, "ratio", "60", "The ISH ratio must be a number between 0 and 50"),
    (classifier, "ratio", "abc", "The ISH ratio must be a number from 0 to 50"),
    (classifier, "copies", "-3", "The ISH HER2 copies per cell must be a number between 0 and 100"),
    (classifier, "er", "120", "The ER percentage must be a number between 0 and 100 %"),
    (classifier, "pr", "", "The ER and PR percentages must both be numbers"),
    (ish_simulator, "counts", "5,2 x", "Nucleus 2 of your counts"),
    (ish_simulator, "counts", "5,2 4,2", "The counts must list 20 to 100 nuclei"),
    (survival_explorer, "custom", "120", "The percentage must be a number between 0 and 100 %"),
    (treatment_explorer, "cps", "high", "The PD-L1 CPS must be a number from 0 to 100"),
    (treatment_explorer, "nodes", "lots", "The number of positive nodes must be a whole number"),
    (treatment_explorer, "size", "big", "The tumour size must be a number"),
]


@pytest.mark.parametrize(("make", "control", "typed", "expected"), CASES,
                         ids=[f"{m.__name__}-{c}-{t!r}" for m, c, t, _ in CASES])
def test_messages_name_the_field_in_words(make, control: str, typed: str, expected: str) -> None:
    explorer = make()
    getattr(explorer, control).value = typed
    shown = _message(getattr(explorer, "figure", None).value if control == "custom"
                     else explorer.result.value)
    assert expected in shown, shown
    assert not CODE_NAME.search(shown), f"a code name in {shown!r}"


def test_line_of_therapy_is_named_in_words() -> None:
    explorer = treatment_explorer()
    explorer.setting.value = "metastatic"
    explorer.line.value = 0
    shown = _message(explorer.result.value)
    assert "The line of therapy must be a whole number from 1 to 20" in shown
    assert not CODE_NAME.search(shown)


@pytest.mark.parametrize(("count", "expected"), [(0, "0 options"), (1, "1 option"),
                                                 (2, "2 options")])
def test_plural(count: int, expected: str) -> None:
    assert plural(count, "option") == expected


def test_one_option_reads_1_option() -> None:
    """A patient for whom the model lists exactly one option: the sentence says "1 option"."""
    explorer = treatment_explorer()
    explorer.subtype.value = "HR-/HER2-"
    explorer.setting.value = "metastatic"
    explorer.line.value = 2
    seen = set()
    for line in range(1, 21):
        explorer.line.value = line
        text = _message(explorer.result.value)
        match = re.search(r"(\d+) options? from", text)
        assert match, text
        seen.add(match.group(0))
        assert not re.search(r"\b1 options\b|\b1 rules\b", text), text
    assert any(s.startswith("1 option ") for s in seen), seen
