"""Tests of the browser tests: deliberately broken notebooks must be reported as broken, and a
sound one must pass, so that a green run means something.

Each notebook is written into the served folder, run once in a kernel (as the lesson builder
does, so it holds its widget outputs like a committed lesson), then checked in the browser by
the same function that checks the lessons.
"""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from harness import check_notebook, executed, expected_widget_views

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

SOUND = """
import ipywidgets as w
choice = w.Dropdown(options=["one", "two", "three"], description="Pick")
shown = w.HTML("You picked one")
choice.observe(lambda change: setattr(shown, "value", f"You picked {change['new']}"), names="value")
w.VBox([choice, shown])
"""
SOUND_SLIDER = """
import ipywidgets as w
size = w.IntSlider(value=20, min=0, max=100, description="Size (mm)")
shown = w.HTML("Size 20 mm")
size.observe(lambda change: setattr(shown, "value", f"Size {change['new']} mm"), names="value")
w.VBox([size, shown])
"""
RAISES = 'print("before")\nraise RuntimeError("deliberately broken cell")'
NEVER_RENDERS = """
import ipywidgets as w
from traitlets import Unicode

class Missing(w.DOMWidget):
    _view_module = Unicode("no-such-widget-package").tag(sync=True)
    _view_module_version = Unicode("9.9.9").tag(sync=True)
    _view_name = Unicode("NoSuchView").tag(sync=True)

Missing()
"""
DEAF = """
import ipywidgets as w
choice = w.Dropdown(options=["one", "two"], description="Pick")
shown = w.HTML("You picked one")   # nothing observes the dropdown: the result never changes
w.VBox([choice, shown])
"""

CASES = {
    # name: (cells, words the report must contain; None = no problem at all)
    "sound": ([SOUND], None),
    "sound_slider": ([SOUND_SLIDER], None),
    "raises": ([RAISES, SOUND], "deliberately broken cell"),
    "never_renders": ([NEVER_RENDERS], "displays 1 widget(s) but the page shows 0 rendered"),
    "deaf": ([DEAF], "did not change when its controls (dropdown) were changed"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_checker_reports_broken_notebooks(case: str, browser, lab, served_root) -> None:
    cells, must_say = CASES[case]
    path = served_root / "broken" / f"{case}.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell(src) for src in cells],
                                metadata={"kernelspec": KERNELSPEC}), path)
    nb = executed(path)
    nbformat.write(nb, path)
    expected = expected_widget_views(nb)
    report = check_notebook(browser, lab, f"broken/{case}.ipynb", expected, run_timeout=120)
    print(report.summary())
    if must_say is None:
        assert not report.problems, report.summary()
        assert report.widgets_rendered == report.widgets_responding == expected == 1
    else:
        assert report.problems, f"{case}: the broken notebook passed the browser check"
        assert must_say in "\n".join(report.problems), report.summary()
        assert report.screenshot is not None and report.screenshot.exists()


def test_app_checker_reports_a_broken_app(browser, tmp_path) -> None:
    """The app check fails for an app whose first cell raises (Voila hides the traceback, so
    the check must read Voila's own error message)."""
    import secrets

    from harness import check_app, start_app

    path = tmp_path / "broken_app.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell(RAISES), new_code_cell(SOUND)],
                                metadata={"kernelspec": KERNELSPEC}), path)
    expected = expected_widget_views(executed(path))
    app = start_app(tmp_path, secrets.token_hex(24), root=tmp_path, notebook=path.name)
    try:
        report = check_app(browser, app, expected, name="broken_app")
    finally:
        app.stop()
    print(report.summary())
    assert any(p.startswith("error output:") for p in report.problems), report.summary()
    assert report.screenshot is not None and report.screenshot.exists()
