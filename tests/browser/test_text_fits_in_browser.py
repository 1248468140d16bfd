"""No control text is cut: every label, checkbox and radio-button text, dropdown option and
placeholder of every widget, measured in a real browser (its rendered width against the width
its text needs, in its own font).

The notebooks are measured in JupyterLab at a projector's 1024 px and a laptop's 1366 px; the
app at a phone's 390 px and at 1024 px. See ``harness.JS_CUT_TEXT`` for what counts as cut.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import nbformat
import pytest

from harness import (ROOT, check_app_text_fits, check_text_fits, executed,
                     expected_widget_views, start_app)
import serve

NOTEBOOKS = [path for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
             if expected_widget_views(nbformat.read(path, as_version=4))]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_no_control_text_is_cut_in_the_notebooks(notebook: Path, browser, lab) -> None:
    expected = expected_widget_views(nbformat.read(notebook, as_version=4))
    report = check_text_fits(browser, lab, f"notebooks/{notebook.name}", (1024, 1366), expected)
    print(report.summary(), f"({report.seconds:.1f} s)")
    assert not report.problems, report.summary()


def test_no_control_text_is_cut_in_the_app(browser, tmp_path) -> None:
    expected = expected_widget_views(executed(ROOT / serve.APP_NOTEBOOK, allow_errors=False))
    app = start_app(tmp_path, secrets.token_hex(24))
    try:
        report = check_app_text_fits(browser, app, (390, 1024), expected)
    finally:
        app.stop()
    print(report.summary(), f"({report.seconds:.1f} s)")
    assert not report.problems, report.summary()
