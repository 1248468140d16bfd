"""The static site in a real browser, offline: every page opens with every request outside the
site's own folder blocked, and shows all its figures and widget outputs; axe-core finds no
serious or critical WCAG 2.1 A/AA violation on any page. The tests of the check itself open a
deliberately broken page and expect each fault to be reported."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

from harness import expected_widget_views
from site_checks import SiteServer, check_page

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PAGES = [f"{p.stem}.html" for p in NOTEBOOKS] + ["glossary.html", "index.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    build_site.build(out)
    server = SiteServer(out)
    yield server
    server.stop()


def widgets_in(page: str) -> int:
    path = ROOT / "notebooks" / page.replace(".html", ".ipynb")
    return expected_widget_views(nbformat.read(path, as_version=4)) if path.is_file() else 0


@pytest.mark.parametrize("page", PAGES)
def test_page_is_self_contained_complete_and_accessible(browser, site, page: str) -> None:
    report = check_page(browser, site, page, widgets_expected=widgets_in(page), axe=True)
    assert report.problems == [], report.summary()
    assert report.widgets == widgets_in(page)


def test_site_has_figures_and_widgets_to_check(browser, site) -> None:
    """The checks above look at real content: the survival lesson has both."""
    report = check_page(browser, site, "04_survival.html", widgets_expected=widgets_in(
        "04_survival.html"))
    assert report.figures >= 3 and report.widgets >= 2, report.summary()


BROKEN = """<!DOCTYPE html><html lang="en"><head><title>Broken</title>
<script src="https://cdn.example.org/require.min.js"></script></head>
<body><main><h1>Broken page</h1>
<p style="color:#b0b0b0">Grey text on white.</p>
<p>Text with <a href="index.html" style="color:#222;text-decoration:none">a link</a> in it.</p>
<img src="missing.png" alt="A figure whose file is missing">
<div class="jupyter-widgets jp-OutputArea-output"><script type="application/vnd.jupyter.widget-view+json">
{"version_major": 2, "version_minor": 0, "model_id": "abc"}</script></div>
</main></body></html>"""


def test_check_reports_every_fault(browser, tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text(BROKEN)
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>i</title>")
    server = SiteServer(tmp_path)
    try:
        report = check_page(browser, server, "broken.html", widgets_expected=1, axe=True,
                            widget_timeout=2)
    finally:
        server.stop()
    text = "\n".join(report.problems)
    assert "request left the site (blocked): https://cdn.example.org/require.min.js" in text
    assert "missing.png (HTTP 404)" in text
    assert "figure not shown: 'A figure whose file is missing'" in text
    assert "widget output shows no widget" in text
    assert "axe serious color-contrast" in text
    assert "axe serious link-in-text-block" in text
