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


def test_the_report_app_reads_on_a_phone(browser, tmp_path) -> None:
    """The report reader's app at a phone's 390 px: with the made-up example read, no control
    text is cut, the findings table stays inside the page (one block per finding), the
    button's words are not cut with "…", and the paste box is not squeezed by its label."""
    from harness import cut_text, settle_widgets

    app = start_app(tmp_path, secrets.token_hex(24), notebook=serve.REPORT_APP_NOTEBOOK)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(app.url("/"))
        button = page.get_by_role("button", name="Show the made-up example")
        button.wait_for(timeout=120_000)
        settle_widgets(page, 1)
        button.click()
        page.wait_for_selector("table.her2neg-report-findings tr td", timeout=60_000)
        problems = cut_text(page, 390, 844)
        fits = page.evaluate("""() => {
            const table = document.querySelector('table.her2neg-report-findings');
            const row = table.querySelector('tbody tr');
            const b = [...document.querySelectorAll('button')].find(
                x => x.textContent.includes('made-up example'));
            const box = document.querySelector('textarea');
            return {tableRight: table.getBoundingClientRect().right,
                    rowDisplay: getComputedStyle(row).display,
                    buttonCut: b.scrollWidth > b.clientWidth + 1,
                    boxWidth: box.getBoundingClientRect().width,
                    width: document.documentElement.clientWidth};
        }""")
    finally:
        context.close()
        app.stop()
    assert not problems, problems
    assert fits["rowDisplay"] == "block" and fits["tableRight"] <= fits["width"] + 1, fits
    assert not fits["buttonCut"], fits
    assert fits["boxWidth"] >= 0.8 * fits["width"] - 40, fits
