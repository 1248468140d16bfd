"""The code-free app (app/explorers.ipynb under Voila), opened in a real browser: every explorer
renders, none shows an error, and each responds once to a change of its controls."""

from __future__ import annotations

import secrets

import pytest

from harness import ROOT, check_app, executed, expected_widget_views, start_app
import serve


@pytest.fixture(scope="module")
def app_widgets() -> int:
    """How many explorers the app displays: widget outputs of a fresh kernel run."""
    nb = executed(ROOT / serve.APP_NOTEBOOK, allow_errors=False)
    return expected_widget_views(nb)


def test_app_notebook_runs_and_shows_explorers(app_widgets: int) -> None:
    """No browser needed: the app runs without error and shows at least the survival explorer,
    one explorer per code cell that calls an explorer factory."""
    import nbformat

    nb = nbformat.read(ROOT / serve.APP_NOTEBOOK, as_version=4)
    factories = sum(cell.source.rstrip().endswith("()") for cell in nb.cells
                    if cell.cell_type == "code")
    assert app_widgets == factories >= 1
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"), \
        "commit the app without outputs: Voila runs it"


def test_app_in_browser(browser, app_widgets: int, tmp_path) -> None:
    app = start_app(tmp_path, secrets.token_hex(24))
    try:
        report = check_app(browser, app, app_widgets)
    finally:
        app.stop()
    print(report.summary(), f"({report.seconds:.1f} s)")
    assert not report.problems, report.summary()
    assert report.widgets_rendered == report.widgets_responding == app_widgets


def test_report_app_in_browser(browser, tmp_path) -> None:
    """The report reader's own app page (app/report_reader.ipynb, ``make report-app``)."""
    app = start_app(tmp_path, secrets.token_hex(24), notebook=serve.REPORT_APP_NOTEBOOK)
    try:
        report = check_app(browser, app, 1, name="report app")
    finally:
        app.stop()
    print(report.summary(), f"({report.seconds:.1f} s)")
    assert not report.problems, report.summary()
    assert report.widgets_rendered == report.widgets_responding == 1
