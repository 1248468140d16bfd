"""Every lesson ends with the date of the last review against the primary sources, and the
sources it was checked against; the start page, the data sidecars and the rules table carry the
same date (tests/test_data_files.py checks the last two)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_data_files import REVIEW_DATE

LESSONS = sorted((Path(__file__).resolve().parents[1] / "lessons").glob("[0-9][0-9]_*.py"))


@pytest.mark.parametrize("path", [p for p in LESSONS if not p.name.startswith("00_")],
                         ids=lambda p: p.stem)
def test_lesson_ends_with_a_reviewed_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8").rstrip()
    last_paragraph = text.split("\n#\n")[-1]
    match = re.match(r"# Reviewed (\d{4}-\d{2}-\d{2}) against: (.+)", last_paragraph, re.S)
    assert match, f"{path.name} should end with 'Reviewed {REVIEW_DATE} against: <sources>'"
    assert match.group(1) == REVIEW_DATE
    assert len(match.group(2)) > 20, "name the primary sources checked"


def test_start_page_states_the_review_date() -> None:
    start = next(p for p in LESSONS if p.name.startswith("00_"))
    assert f"Reviewed {REVIEW_DATE}" in start.read_text(encoding="utf-8")
