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
missing values. A table whose rows are identified by some columns lists them as ``"key": [...]``;
no two rows may share a key.

Every read checks the file against its sidecar before anyone uses it (:func:`read_csv`, which
every reader of ``data/`` goes through; a file without a sidecar, or with a sidecar that is not
a well-formed description, is an error): that it
is UTF-8 text separated by commas, that it has exactly the declared columns, that every cell has
its column's type (a boolean is written ``true`` or ``false``, nothing else), lies within its
range and among its allowed values, that no key repeats, and that the file's checksum is the one
its sidecar records. A file that breaks any of these raises :class:`DataFileError` (a
``ValueError``) naming the file, the row and the problem, so that a wrong file gives an error,
never a wrong answer. :func:`validate_table` lists the problems of a frame already read; the
test suite runs it over every file.

The checksum is of the file's bytes with LF line ends, as ``.gitattributes`` keeps them; a file
whose checksum fails only because its line ends were changed to CRLF (a Windows checkout) gets
an error that says so.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import DATA_DIR
from ._validate import shown

__all__ = ["sidecar_path", "read_sidecar", "read_table", "read_csv", "validate_table", "file_sha256",
           "SIDECAR_FIELDS", "DataFileError", "check_rows", "sidecar_problems"]

#: Source fields every sidecar must fill in.
SIDECAR_FIELDS = ("title", "publisher", "url", "data_years", "retrieved", "reviewed", "licence",
                  "description", "sha256", "columns")

_DTYPES = {"string", "integer", "number", "boolean"}
_BOOLEANS = {"true": True, "false": False}
#: At most this many problems are listed in one error (the first ones, in file order).
_MAX_PROBLEMS = 5


class DataFileError(ValueError):
    """A data file of the collection does not match its sidecar, or cannot be read as a table.

    A ``ValueError``, so that code catching bad input catches it too; widgets tell it apart to
    say that the problem lies in a data file, not in what the student typed.
    """


def sidecar_path(csv_path: Path) -> Path:
    """Return the sidecar path that belongs to ``csv_path`` (``NAME.csv`` → ``NAME.meta.json``)."""
    return csv_path.with_name(csv_path.stem + ".meta.json")


def read_sidecar(name: str, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Return the sidecar of ``data/NAME.csv`` as a dict."""
    return json.loads(sidecar_path(data_dir / f"{name}.csv").read_text(encoding="utf-8"))


def read_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Read ``data/NAME.csv``, checked against its sidecar, with the column types it declares.

    Raises ``ValueError`` when no such data file exists, and :class:`DataFileError` when the
    file has no sidecar or does not match it.
    """
    path = data_dir / f"{name}.csv"
    if not isinstance(name, str) or not path.is_file():
        known = sorted(p.stem for p in data_dir.glob("*.csv"))
        raise ValueError(f"data file name must be one of {known}; got {shown(name)}")
    if not sidecar_path(path).is_file():
        raise DataFileError(f"{_label(path)} has no sidecar {sidecar_path(path).name} that "
                            f"describes it")
    return read_csv(path)


def read_csv(path: Path) -> pd.DataFrame:
    """Read one data file, checked against its sidecar first (a file without one is an error).

    Only empty cells count as missing: words such as "null" or "NA" (HER2-null, for one) stay
    text, which pandas' defaults would turn into missing values. Boolean columns hold Python
    ``True``/``False`` (``None`` where a cell is empty). Raises :class:`DataFileError` naming the
    file, and the row where there is one, when the file cannot be read or breaks its sidecar.
    The checked table is kept while the file is unchanged; each call returns a fresh copy.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as error:
        raise DataFileError(f"{_label(path)} cannot be read: {error.strerror}") from None
    side = sidecar_path(path)
    try:
        side_stat = side.stat()
    except OSError:
        raise DataFileError(f"{_label(path)} has no sidecar {side.name} that describes it, so "
                            f"it cannot be checked: every data file needs one") from None
    return _read_checked(str(path), stat.st_mtime_ns, stat.st_size, side_stat.st_mtime_ns,
                         side_stat.st_size).copy()


@lru_cache(maxsize=32)
def _read_checked(path_text: str, _mtime: int, _size: int, _side_mtime: int,
                  _side_size: int) -> pd.DataFrame:
    path = Path(path_text)
    data = path.read_bytes()
    text = _decode(path, data)
    meta = _load_sidecar(path)
    raw = _parse(path, text, dtype=str)
    problems = check_rows(raw, meta)
    if problems:
        raise DataFileError(_problem_text(path, problems))
    recorded = meta["sha256"]
    actual = hashlib.sha256(data).hexdigest()
    if recorded != actual:
        if b"\r\n" in data and hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest() == recorded:
            raise DataFileError(
                f"{_label(path)}: its checksum fails only because its line ends are Windows "
                f"ones (CRLF); the content is unchanged. Save it with LF line ends, or check it "
                f"out again: the repository's .gitattributes asks git for LF in data/*.csv")
        raise DataFileError(
            f"{_label(path)}: its checksum (SHA-256 {actual[:12]}...) is not the one its "
            f"sidecar records ({shown(recorded, 20)}): the file was changed without its "
            f"sidecar being reviewed")
    frame = _parse(path, text)
    for col in meta["columns"]:
        if col.get("type") == "boolean":
            values = [None if pd.isna(v) else _BOOLEANS[str(v).strip().lower()]
                      for v in raw[col["name"]]]
            frame[col["name"]] = pd.Series(
                values, index=frame.index, dtype=bool if None not in values else object)
    return frame


def _no_repeated_fields(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, refusing a field given twice (JSON would keep the last)."""
    seen: dict[str, Any] = {}
    for field, value in pairs:
        if field in seen:
            raise ValueError(f"the field {shown(field)} is given twice")
        seen[field] = value
    return seen


def _load_sidecar(path: Path) -> dict[str, Any]:
    """The sidecar of data file ``path``, read and checked to be a well-formed description."""
    side = sidecar_path(path)
    try:
        meta = json.loads(side.read_text(encoding="utf-8"), object_pairs_hook=_no_repeated_fields)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise DataFileError(f"the sidecar of {_label(path)} ({side.name}) cannot be read: "
                            f"{shown(str(error), 160)}") from None
    problems = sidecar_problems(meta)
    if problems:
        raise DataFileError(f"the sidecar of {_label(path)} ({side.name}) is not a valid "
                            f"description: " + "; ".join(problems[:_MAX_PROBLEMS]))
    return meta


def sidecar_problems(meta: Any) -> list[str]:
    """Every way ``meta`` (a sidecar as read from JSON) is not a well-formed description.

    A sidecar is an object; ``sha256`` is a 64-digit hex string; ``columns`` is a non-empty list
    of objects, each with a name (text, not empty, not repeated) and a known type; ``min`` and
    ``max`` are numbers, ``allowed`` a list, ``required`` true or false; ``key``, if given, is a
    list of declared column names.
    """
    if not isinstance(meta, dict):
        return [f"it must be a JSON object with fields, not a {type(meta).__name__}"]
    problems = []
    checksum = meta.get("sha256")
    if not (isinstance(checksum, str) and len(checksum) == 64
            and all(c in "0123456789abcdef" for c in checksum)):
        problems.append(f"sha256 must be the file's SHA-256 checksum (64 hex digits); "
                        f"got {shown(checksum, 30)}")
    columns = meta.get("columns")
    if not isinstance(columns, list) or not columns:
        return [*problems, f"columns must be a non-empty list of column descriptions; "
                           f"got {shown(columns, 60)}"]
    names: list[str] = []
    for number, col in enumerate(columns, start=1):
        if not isinstance(col, dict):
            problems.append(f"column {number} must be an object with a name and a type; "
                            f"got {shown(col, 60)}")
            continue
        name = col.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"column {number} has no name")
            continue
        if name in names:
            problems.append(f"column {shown(name)} is described twice")
        names.append(name)
        if col.get("type") not in _DTYPES:
            problems.append(f"column {shown(name)} has type {shown(col.get('type'))}, not one "
                            f"of {sorted(_DTYPES)}")
        for bound in ("min", "max"):
            value = col.get(bound)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                problems.append(f"column {shown(name)}: {bound} must be a number; got "
                                f"{shown(value)}")
        if "allowed" in col and not isinstance(col["allowed"], list):
            problems.append(f"column {shown(name)}: allowed must be a list of values")
        if "required" in col and not isinstance(col["required"], bool):
            problems.append(f"column {shown(name)}: required must be true or false")
    key = meta.get("key", [])
    if not isinstance(key, list) or not all(isinstance(k, str) for k in key):
        problems.append(f"key must be a list of column names; got {shown(key, 60)}")
    else:
        unknown = [k for k in key if k not in names]
        if unknown:
            problems.append(f"key names columns it does not describe: {shown(unknown)}")
    return problems


def _label(path: Path) -> str:
    """How a message names a data file: ``data/NAME.csv``."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:1000]:
        raise DataFileError(f"{_label(path)} is not UTF-8 text (it looks like UTF-16); save it "
                            f"as UTF-8 CSV")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataFileError(f"{_label(path)}, line {line}: the file is not UTF-8 text "
                            f"(byte {error.start}); save it as UTF-8 CSV") from None


def _parse(path: Path, text: str, dtype: Any = None) -> pd.DataFrame:
    try:
        return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""], dtype=dtype)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        raise DataFileError(f"{_label(path)} cannot be read as a comma-separated table: "
                            f"{shown(str(error), 160)}") from None


def _problem_text(path: Path, problems: list[str]) -> str:
    shown_problems = problems[:_MAX_PROBLEMS]
    more = len(problems) - len(shown_problems)
    text = f"{_label(path)} does not match its sidecar: " + "; ".join(shown_problems)
    if more:
        text += f"; and {more} more problem{'s' if more > 1 else ''}"
    return text


def _row_name(frame: pd.DataFrame, index: int, key: list[str]) -> str:
    """``row 3 (rule_id 'X')``: the data row, counted from 1 below the header, and its key."""
    label = f"row {index + 1}"
    if key and all(k in frame.columns for k in key):
        values = ", ".join(f"{k} {shown(frame.iloc[index][k], 30)}" for k in key)
        label += f" ({values})"
    return label


def check_rows(raw: pd.DataFrame, meta: dict[str, Any]) -> list[str]:
    """Every way a table read as text (``dtype=str``) breaks its sidecar, row by row.

    Each problem names the row (counted from 1 below the header), the column and the value.
    """
    declared = [c["name"] for c in meta.get("columns", [])]
    actual = [str(c) for c in raw.columns]
    if actual != declared:
        missing = [c for c in declared if c not in actual]
        extra = [c for c in actual if c not in declared]
        parts = []
        if missing:
            parts.append(f"missing column{'s' if len(missing) > 1 else ''} "
                         f"{shown(missing, 120)}")
        if extra:
            parts.append(f"unexpected column{'s' if len(extra) > 1 else ''} {shown(extra, 120)}")
        if not parts:
            parts.append(f"columns in the order {shown(actual, 120)}, not {shown(declared, 120)}")
        if len(actual) == 1 and ";" in actual[0]:
            parts.append("the file seems to use ';' between values: it must use ','")
        return ["; ".join(parts)]
    key = list(meta.get("key", []))
    problems: list[str] = []
    for col in meta["columns"]:
        name, kind = col["name"], col.get("type")
        if kind not in _DTYPES:
            problems.append(f"column {name} has unknown type {shown(kind)}")
            continue
        for i, cell in enumerate(raw[name]):
            problem = _cell_problem(col, cell)
            if problem:
                problems.append(f"{_row_name(raw, i, key)}: {problem}")
    if key:
        unknown = [k for k in key if k not in declared]
        if unknown:
            problems.append(f"the sidecar's key names unknown columns {shown(unknown)}")
        else:
            first: dict[tuple[Any, ...], int] = {}
            for i, values in enumerate(raw[key].itertuples(index=False, name=None)):
                if values in first:
                    problems.append(f"rows {first[values] + 1} and {i + 1} repeat the key "
                                    f"{', '.join(key)} = {shown(values, 80)}")
                else:
                    first[values] = i
    return problems


def _cell_problem(col: dict[str, Any], cell: Any) -> str | None:
    """What is wrong with one cell (read as text), or None."""
    name, kind = col["name"], col["type"]
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return f"{name} is empty, and it is required" if col.get("required", True) else None
    text = str(cell)
    if kind == "boolean":
        if text.strip().lower() not in _BOOLEANS:
            return f"{name} must be true or false; got {shown(text)}"
    elif kind in {"integer", "number"}:
        try:
            number = float(text)
        except ValueError:
            return f"{name} must be {'a whole number' if kind == 'integer' else 'a number'}; " \
                   f"got {shown(text)}"
        if not math.isfinite(number):
            return f"{name} must be a finite number; got {shown(text)}"
        if kind == "integer" and not number.is_integer():
            return f"{name} must be a whole number; got {shown(text)}"
        low, high = col.get("min"), col.get("max")
        if (low is not None and number < low) or (high is not None and number > high):
            span = (f"between {low:g} and {high:g}" if low is not None and high is not None
                    else f"at least {low:g}" if low is not None else f"at most {high:g}")
            unit = f" ({col['unit']})" if col.get("unit") else ""
            return f"{name} must be {span}{unit}; got {shown(text)}"
    if "allowed" in col and text not in [str(a) for a in col["allowed"]]:
        return f"{name} must be one of {shown(col['allowed'], 200)}; got {shown(text)}"
    return None


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
    key = list(meta.get("key", []))
    if key:
        if not set(key) <= set(declared):
            problems.append(f"key {key} names columns the sidecar does not declare")
        elif frame.duplicated(subset=key).any():
            repeated = frame.loc[frame.duplicated(subset=key, keep=False), key]
            problems.append(f"key {key} repeats: {repeated.drop_duplicates().values.tolist()}")
    return problems
