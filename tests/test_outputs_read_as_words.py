"""What a reader sees in a lesson's outputs reads as words, not as pandas or Python internals.

The collection is also for people who do not code (lesson 6 is the self-learner's first
lesson). Every committed output of every notebook, student and solution versions, is scanned
for what such a reader cannot read: ``NaN``, a Series footer (``dtype: ...``, ``Name: ...``), a
Python tuple written out (``(tamoxifen,)``, ``('a', 'b')``) and a table cell that pandas cut
short with "...". Only what the page shows is scanned: the HTML of an output that has HTML, the
plain text of one that has nothing richer (a widget's or a figure's plain text is a fallback no
one sees).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*(ROOT / "notebooks").glob("*.ipynb"),
                    *(ROOT / "instructors" / "solutions").glob("*.ipynb")])

#: What a reader must not meet, with the reason given in a failure.
PATTERNS = (
    (re.compile(r"\bNaN\b"), "NaN (a missing value shown as pandas writes it)"),
    (re.compile(r"^\s*dtype: \w+|, dtype: \w+", re.M), "a Series footer 'dtype: ...'"),
    (re.compile(r"^Name: [^\n]*?, (?:Length: \d+, )?dtype: ", re.M), "a Series footer 'Name: ...'"),
    (re.compile(r"\((?:'[^'\n]*'|\"[^\"\n]*\"|[\w -]+),\)"), "a one-item tuple like '(tamoxifen,)'"),
    (re.compile(r"\('[^'\n]*', '"), "a tuple of quoted words like \"('a', 'b')\""),
    (re.compile(r"<td>\([^()<]*,[^()<]*\)</td>"), "a table cell holding a tuple '(a, b)'"),
    (re.compile(r"<td>[^<]*(?:\.\.\.|…)</td>"), "a table cell cut short with '...'"),
    (re.compile(r"\w(?:\.\.\.|…)[ \t]*(?:\\)?$", re.M), "a column cut short with '...'"),
)

_RICH = ("text/html", "image/png", "image/svg+xml", "application/vnd.jupyter.widget-view+json",
         "text/markdown")


def shown_texts(output: dict) -> list[str]:
    """The texts of one output that the page shows."""
    if output.get("output_type") == "stream":
        return [output.get("text", "")]
    if output.get("output_type") == "error":
        return []  # nbval and the notebook tests fail on errors already
    data = output.get("data", {})
    texts = [data[kind] for kind in ("text/html", "text/markdown") if kind in data]
    if not any(kind in data for kind in _RICH) and "text/plain" in data:
        texts.append(data["text/plain"])
    return [t if isinstance(t, str) else "".join(t) for t in texts]


def problems_in(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    found = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            for text in shown_texts(output):
                for pattern, what in PATTERNS:
                    match = pattern.search(text)
                    if match:
                        around = text[max(match.start() - 40, 0): match.end() + 20]
                        found.append(f"cell {number}: {what}: {around!r}")
    return found


@pytest.mark.parametrize("notebook", NOTEBOOKS,
                         ids=[f"{p.parent.name}/{p.stem}" for p in NOTEBOOKS])
def test_outputs_read_as_words(notebook: Path) -> None:
    problems = problems_in(notebook)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("text", [
    "<td>NaN</td>", "Name: risk_factor, dtype: int64", "<td>(tamoxifen,)</td>",
    "('Test PD-L1 first',)", "<td>(docetaxel, cyclophosphamide)</td>",
    "<td>Pain, swelling and stiffness of the arm or sho...</td>",
    "0  Pain, swelling and stiffness of the arm or sho...   \n",
])
def test_the_scan_catches(text: str) -> None:
    """Each pattern finds what it is meant to find (so the scan above can fail)."""
    assert any(pattern.search(text) for pattern, _ in PATTERNS), text


@pytest.mark.parametrize("text", [
    "<strong>… Not answered yet:</strong> replace the ... with a number",
    "<td>0 (null)</td>", "Stage IIA (T2 N0 M0)", "<td>tamoxifen, letrozole</td>",
])
def test_the_scan_lets_words_pass(text: str) -> None:
    assert not any(pattern.search(text) for pattern, _ in PATTERNS), text
