"""Every student notebook, opened in JupyterLab in a real browser and run from the Run menu.

The list of notebooks is read from notebooks/ when the tests are collected, so a new lesson is
covered as soon as its notebook is committed. See harness.py for what is checked.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from harness import ROOT, check_notebook, expected_widget_views

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_every_notebook_is_covered() -> None:
    """The parametrized test below runs once per notebook in notebooks/, start page included."""
    names = {path.name for path in NOTEBOOKS}
    assert "00_start_here.ipynb" in names
    assert len(names) == len(list((ROOT / "notebooks").glob("*.ipynb")))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_and_its_widgets_respond(notebook: Path, browser, lab) -> None:
    expected = expected_widget_views(nbformat.read(notebook, as_version=4))
    report = check_notebook(browser, lab, f"notebooks/{notebook.name}", expected)
    print(report.summary(), f"({report.seconds:.1f} s)")
    assert not report.problems, report.summary()
    assert report.widgets_rendered == expected
    assert report.widgets_responding == expected
