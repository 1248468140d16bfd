"""Lesson 7's summary table of the seven patients says which survival table each figure comes
from, and why when it is not the one the others use (the seed table has no HER2-positive row,
so Grace's figure comes from SEER's 2013-2019 release)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers import capstone

ROOT = Path(__file__).resolve().parents[1]


def _summary_rows(path: Path) -> list[list[str]]:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            table = output.get("data", {}).get("text/html", "")
            if "<th" in table and "survival table" in table and "Grace" in table:
                head = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", table)
                rows = [re.findall(r"<td(?:\s[^>]*)?>(.*?)</td>", row)
                        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]]
                return [dict(zip(head, row)) for row in rows]
    raise AssertionError(f"{path.name}: no summary table with a 'survival table' column")


@pytest.mark.parametrize("notebook", ["notebooks/07_capstone.ipynb",
                                      "instructors/solutions/07_capstone.ipynb"])
def test_summary_names_one_release_or_says_why(notebook: str) -> None:
    rows = _summary_rows(ROOT / notebook)
    assert {row["patient"] for row in rows} == set(capstone.patient_names())
    sources = [row["survival table"] for row in rows]
    main = max(set(sources), key=sources.count)
    assert main == "seed"
    for row in rows:
        if row["survival table"] != main:
            assert "the seed table has no" in row["survival table"], row
            assert row["subtype"] in row["survival table"], row
