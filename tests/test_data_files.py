"""Every data file has a sidecar that describes it exactly, and nothing has changed the file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers import DATA_DIR
from helpers.datafiles import file_sha256, read_csv, read_sidecar, sidecar_path, validate_table

CSV_FILES = sorted(DATA_DIR.glob("*.csv"))


def test_there_are_data_files() -> None:
    assert CSV_FILES, "data/ should hold the collection's tables"


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_file_matches_its_sidecar(path: Path) -> None:
    meta = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    frame = read_csv(path)
    assert validate_table(frame, meta) == []


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_checksum_recorded_in_sidecar(path: Path) -> None:
    """Nothing writes into data/: each file's bytes match the checksum its sidecar records."""
    assert read_sidecar(path.stem)["sha256"] == file_sha256(path)


def test_every_sidecar_has_a_data_file() -> None:
    for meta in DATA_DIR.glob("*.meta.json"):
        assert (DATA_DIR / meta.name.replace(".meta.json", ".csv")).is_file(), meta.name


#: The date of the last line-by-line review against the primary sources. Every sidecar and the
#: treatment rules' ``reviewed`` column carry it; a later review changes it everywhere at once.
REVIEW_DATE = "2026-11-25"


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_sidecar_carries_the_review_date(path: Path) -> None:
    assert read_sidecar(path.stem).get("reviewed") == REVIEW_DATE


def test_treatment_rules_reviewed_on_the_review_date() -> None:
    rules = read_csv(DATA_DIR / "treatment_rules.csv")
    assert set(rules["reviewed"].astype(str)) == {REVIEW_DATE}


def test_validator_catches_broken_tables() -> None:
    """The validator itself can fail: each kind of breakage is reported."""
    meta = {
        "title": "t", "publisher": "p", "url": "u", "data_years": "y", "retrieved": "r",
        "reviewed": "2026-11-25", "licence": "l", "description": "d", "sha256": "x",
        "columns": [
            {"name": "stage", "type": "string", "unit": None, "allowed": ["a", "b"]},
            {"name": "pct", "type": "number", "unit": "percent", "min": 0, "max": 100},
        ],
    }
    good = pd.DataFrame({"stage": ["a", "b"], "pct": [1.0, 99.0]})
    assert validate_table(good, meta) == []
    assert validate_table(good.rename(columns={"pct": "p"}), meta)
    assert validate_table(pd.DataFrame({"stage": ["a", "c"], "pct": [1.0, 2.0]}), meta)
    assert validate_table(pd.DataFrame({"stage": ["a", "b"], "pct": [1.0, 130.0]}), meta)
    assert validate_table(pd.DataFrame({"stage": ["a", None], "pct": [1.0, 2.0]}), meta)
    assert validate_table(pd.DataFrame({"stage": ["a", "b"], "pct": [1.0, "x"]}), meta)
    assert validate_table(good, {**meta, "url": ""})


def test_words_like_null_are_not_missing(tmp_path: Path) -> None:
    """HER2-null is written "null": it must stay a word, while an empty cell is missing."""
    path = tmp_path / "t.csv"
    path.write_text("expression,ratio\nnull,\nNA,2.0\n")
    frame = read_csv(path)
    assert frame["expression"].tolist() == ["null", "NA"]
    assert frame["ratio"].isna().tolist() == [True, False]
