"""The start page's facts about the other lessons follow the data they describe."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import DATA_DIR
from helpers.datafiles import read_csv

ROOT = Path(__file__).resolve().parents[1]
NUMBER_WORDS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
CAPSTONE_ROW = re.compile(r"\[Capstone: (\w+) virtual patients\]\(07_capstone\.ipynb\)")


def _capstone_count(text: str) -> int:
    match = CAPSTONE_ROW.search(text)
    assert match, "the start page should say how many virtual patients the capstone has"
    word = match.group(1).lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def test_start_page_counts_the_capstone_patients_in_the_data_file() -> None:
    """Adding or removing a patient in data/capstone_patients.csv must update the start page."""
    patients = read_csv(DATA_DIR / "capstone_patients.csv")
    assert patients["patient"].is_unique
    source = (ROOT / "lessons" / "00_start_here.py").read_text(encoding="utf-8")
    assert _capstone_count(source) == len(patients)
    notebook = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"]
                         if c["cell_type"] == "markdown")
    assert _capstone_count(markdown) == len(patients)


def test_count_reader_reads_words_and_digits() -> None:
    assert _capstone_count("[Capstone: six virtual patients](07_capstone.ipynb)") == 6
    assert _capstone_count("[Capstone: 12 virtual patients](07_capstone.ipynb)") == 12
