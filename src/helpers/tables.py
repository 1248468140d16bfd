"""Tables as a reader sees them: words in every cell, nothing cut short.

pandas shows a table for people who code: a missing value as ``NaN``, a list of agents as a
Python tuple (``(tamoxifen,)``), a long cell cut with "...", a count as a Series with a
``Name: ..., dtype: int64`` footer. :func:`show_table` shows the same table for people who do
not code: a missing value as an empty cell (or the words given), a tuple or list as its items
joined by commas, every cell in full, and a Series as a two-column table.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["ReadableTable", "show_table", "cell_text"]


def cell_text(value: Any, missing: str = "") -> str:
    """One cell as words: ``missing`` for a missing value, a tuple/list/set as its items joined
    by ", ", a float without trailing zeros, anything else (``True`` and ``False`` too) as
    ``str``."""
    if isinstance(value, (tuple, list, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return ", ".join(cell_text(item, missing) for item in items)
    if value is None:
        return missing
    try:
        if pd.isna(value):
            return missing
    except (TypeError, ValueError):
        pass
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class ReadableTable:
    """A table whose HTML and plain text show every cell in words (see :func:`show_table`)."""

    def __init__(self, columns: Iterable[str], rows: Iterable[Iterable[str]],
                 caption: str = "") -> None:
        self.columns = tuple(str(c) for c in columns)
        self.rows = tuple(tuple(row) for row in rows)
        self.caption = caption

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col" style="text-align:left">{html.escape(c)}</th>'
                       for c in self.columns)
        body = "".join("<tr>" + "".join(f'<td style="text-align:left">{html.escape(v)}</td>'
                                        for v in row) + "</tr>" for row in self.rows)
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return (f'<table class="dataframe">{caption}<thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")

    def __repr__(self) -> str:
        widths = [max([len(c)] + [len(row[i]) for row in self.rows])
                  for i, c in enumerate(self.columns)]
        lines = [self.caption] if self.caption else []
        lines.append("  ".join(c.ljust(w) for c, w in zip(self.columns, widths)).rstrip())
        lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip()
                  for row in self.rows]
        return "\n".join(lines)


def show_table(data: pd.DataFrame | pd.Series, *, missing: str = "",
               caption: str = "") -> ReadableTable:
    """``data`` as a table for readers: every cell in words (:func:`cell_text`), nothing cut.

    A DataFrame keeps its columns (its index is left out: it is only row numbers in the
    lessons); a Series becomes two columns, its index and its values, named by the index's
    name and the Series' name. ``missing`` is what an empty value shows (default: nothing).
    """
    if isinstance(data, pd.Series):
        index_name = data.index.name or "item"
        value_name = data.name if data.name is not None else "value"
        frame = pd.DataFrame({str(index_name): list(data.index), str(value_name): list(data)})
    elif isinstance(data, pd.DataFrame):
        frame = data
    else:
        raise ValueError(f"show_table needs a pandas table (DataFrame or Series); got "
                         f"{type(data).__name__}")
    rows = [[cell_text(value, missing) for value in row]
            for row in frame.itertuples(index=False, name=None)]
    return ReadableTable(frame.columns, rows, caption)
