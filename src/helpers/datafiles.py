"""Reading the collection's data files together with their sidecar descriptions.

Every table in ``data/`` is a CSV file ``NAME.csv`` with a sidecar ``NAME.meta.json`` that says
where the figures come from and what each column holds::

    {
      "title": "...", "publisher": "...", "url": "...", "data_years": "...",
      "retrieved": "YYYY-MM-DD", "reviewed": "YYYY-MM-DD", "licence": "...", "description": "...",
      "sha256": "<checksum of the CSV file>",
      "columns": [
        {"name": "survival_pct", "type": "number", "unit": "percent",
         "description": "...", "min": 0, "max": 100, "required": true},
        {"name": "stage", "type": "string", "unit": null,
         "allowed": ["localized", "regional", "distant"], "required": true}
      ]
    }

``type`` is ``"string"``, ``"integer"``, ``"number"`` or ``"boolean"``; ``required`` means no
missing values. :func:`validate_table` checks a table against its sidecar; the test suite runs it
over every file, so a sidecar that no longer describes its file fails the tests.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd

from . import DATA_DIR

__all__ = ["sidecar_path", "read_sidecar", "read_table", "read_csv", "validate_table", "file_sha256",
           "SIDECAR_FIELDS"]

#: Source fields every sidecar must fill in.
SIDECAR_FIELDS = ("title", "publisher", "url", "data_years", "retrieved", "reviewed", "licence",
                  "description", "sha256", "columns")

_DTYPES = {"string", "integer", "number", "boolean"}


def sidecar_path(csv_path: Path) -> Path:
    """Return the sidecar path that belongs to ``csv_path`` (``NAME.csv`` → ``NAME.meta.json``)."""
    return csv_path.with_name(csv_path.stem + ".meta.json")


def read_sidecar(name: str, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Return the sidecar of ``data/NAME.csv`` as a dict."""
    return json.loads(sidecar_path(data_dir / f"{name}.csv").read_text(encoding="utf-8"))


def read_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Read ``data/NAME.csv`` with the column types its sidecar declares.

    Raises ``ValueError`` when no such data file exists.
    """
    path = data_dir / f"{name}.csv"
    if not path.is_file():
        known = sorted(p.stem for p in data_dir.glob("*.csv"))
        raise ValueError(f"data file name must be one of {known}; got {name!r}")
    return read_csv(path)


def read_csv(path: Path) -> pd.DataFrame:
    """Read one data file. Only empty cells count as missing: words such as "null" or "NA"
    (HER2-null, for one) stay text, which pandas' defaults would turn into missing values."""
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def file_sha256(path: Path) -> str:
    """Return the SHA-256 hex digest of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def validate_table(frame: pd.DataFrame, meta: dict[str, Any]) -> list[str]:
    """Return a list of the ways ``frame`` breaks its sidecar ``meta`` (empty when it conforms)."""
    problems: list[str] = []
    missing_fields = [f for f in SIDECAR_FIELDS if not meta.get(f)]
    if missing_fields:
        problems.append(f"sidecar lacks {missing_fields}")
    declared = [c["name"] for c in meta.get("columns", [])]
    if list(frame.columns) != declared:
        problems.append(f"columns are {list(frame.columns)}, sidecar declares {declared}")
        return problems
    for col in meta["columns"]:
        name, kind = col["name"], col.get("type")
        series = frame[name]
        if kind not in _DTYPES:
            problems.append(f"{name}: unknown type {kind!r}")
            continue
        if col.get("required", True) and series.isna().any():
            problems.append(f"{name}: {int(series.isna().sum())} missing values")
        present = series.dropna()
        if kind in {"integer", "number"}:
            numeric = pd.to_numeric(present, errors="coerce")
            if numeric.isna().any():
                problems.append(f"{name}: non-numeric values {present[numeric.isna()].tolist()}")
                continue
            if kind == "integer" and not (numeric == numeric.round()).all():
                problems.append(f"{name}: non-integer values")
            if "min" in col and (numeric < col["min"]).any():
                problems.append(f"{name}: values below {col['min']}")
            if "max" in col and (numeric > col["max"]).any():
                problems.append(f"{name}: values above {col['max']}")
        if kind == "boolean":
            bad = present[~present.astype(str).str.lower().isin(["true", "false"])]
            if len(bad):
                problems.append(f"{name}: non-boolean values {bad.tolist()}")
        if "allowed" in col:
            bad = present[~present.astype(str).isin([str(a) for a in col["allowed"]])]
            if len(bad):
                problems.append(f"{name}: values outside {col['allowed']}: {sorted(set(bad))}")
        if kind in {"integer", "number"} and "unit" not in col:
            problems.append(f"{name}: numeric column without a unit")
    return problems
