"""Checks of the static site in a real browser, as plain functions that return what they find.

:func:`check_page` opens one page of the site, served from its own folder on a loopback port,
with every request to any other address blocked (as when the reader is offline or a CDN is
gone), and reports, in words:

- any request that left the site's folder (blocked) or failed (an error status, or a file the
  site lacks);
- any figure that does not show (an image not loaded or of zero size);
- any widget output that shows no widget (the widget manager missing or failing);
- with ``axe=True``, every serious or critical WCAG 2.1 A/AA violation axe-core reports.

The functions never raise on a finding, so ``test_site_in_browser.py`` can also check that
deliberately broken pages are reported.
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tools" / "vendor" / "axe-core" / "axe.min.js"
#: WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEVERE = ("serious", "critical")

JS_FIGURES = """
() => Array.from(document.querySelectorAll('img')).map(img => ({
  alt: (img.getAttribute('alt') || '').slice(0, 80),
  loaded: img.complete && img.naturalWidth > 0,
  visible: img.getBoundingClientRect().width > 0 && img.getBoundingClientRect().height > 0
           && getComputedStyle(img).visibility !== 'hidden'}))
"""
#: nbconvert writes each widget output as div.jupyter-widgets.jp-OutputArea-output holding the
#: view's JSON; the widget manager renders the view into a .widget-subarea inside it.
JS_WIDGETS = """
() => Array.from(document.querySelectorAll('div.jupyter-widgets.jp-OutputArea-output')).map(e => {
  const area = e.querySelector('.widget-subarea');
  const box = area ? area.getBoundingClientRect() : null;
  return {rendered: !!area && area.children.length > 0 && box.width > 0 && box.height > 0
                    && !e.querySelector('.jupyter-widgets-error-widget')
                    && !e.textContent.includes('Error displaying widget'),
          text: e.textContent.trim().slice(0, 120)};
})
"""
JS_AXE = """
async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length}));
}
"""


@dataclass
class PageReport:
    """What one page check found."""

    name: str
    problems: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    figures: int = 0
    widgets: int = 0
    axe: list[dict] = field(default_factory=list)

    def severe(self) -> list[dict]:
        return [v for v in self.axe if v["impact"] in SEVERE]

    def summary(self) -> str:
        lines = [f"{self.name}: {len(self.problems)} problem(s); {self.figures} figure(s), "
                 f"{self.widgets} widget output(s)"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


class SiteServer:
    """The site's folder served over HTTP on 127.0.0.1 (a free port), in a thread."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_Quiet, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def check_page(browser, server: SiteServer, name: str, widgets_expected: int | None = None,
               axe: bool = False, widget_timeout: float = 15.0) -> PageReport:
    """Open ``name`` (a page of the served site) with every other address blocked; wait up to
    ``widget_timeout`` seconds for the widget manager to draw the expected widgets."""
    report = PageReport(name=name)
    origin = urlsplit(server.base).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)

    def route(r) -> None:
        url = r.request.url
        if urlsplit(url).netloc == origin or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            report.blocked.append(url)
            r.abort("blockedbyclient")

    page.route("**/*", route)
    page.on("requestfailed", lambda req: None if req.url in report.blocked
            else report.failed.append(f"{req.url} ({req.failure})"))
    page.on("response", lambda resp: report.failed.append(f"{resp.url} (HTTP {resp.status})")
            if resp.status >= 400 else None)
    try:
        page.goto(server.base + name, wait_until="load")
        page.wait_for_load_state("networkidle")
        expected = widgets_expected
        if expected is None:
            expected = page.locator("div.jupyter-widgets.jp-OutputArea-output").count()
        try:  # the widget manager renders after the load event
            page.wait_for_function(
                f"() => ({JS_WIDGETS})().filter(w => w.rendered).length >= {expected}",
                timeout=widget_timeout * 1000)
        except Exception:
            pass  # reported below
        page.wait_for_load_state("networkidle")
        figures = page.evaluate(JS_FIGURES)
        report.figures = len(figures)
        for fig in figures:
            if not (fig["loaded"] and fig["visible"]):
                report.problems.append(f"figure not shown: {fig['alt'] or '(no alt text)'!r}")
        widgets = page.evaluate(JS_WIDGETS)
        report.widgets = len(widgets)
        if widgets_expected is not None and len(widgets) != widgets_expected:
            report.problems.append(f"the notebook has {widgets_expected} widget output(s), "
                                   f"the page {len(widgets)}")
        for w in widgets:
            if not w["rendered"]:
                report.problems.append(f"widget output shows no widget: {w['text'] or '(empty)'!r}")
        if axe:
            page.add_script_tag(path=str(AXE))
            report.axe = page.evaluate(JS_AXE, AXE_TAGS)
            for v in report.severe():
                report.problems.append(f"axe {v['impact']} {v['id']} ({v['help']}): "
                                       f"{v['count']} element(s), e.g. {v['nodes'][:3]}")
    except Exception as err:  # a page that cannot be opened is a finding too
        report.problems.append(f"could not open the page: {type(err).__name__}: {err}")
    finally:
        context.close()
    report.problems[:0] = ([f"request left the site (blocked): {u}" for u in report.blocked]
                           + [f"request failed: {u}" for u in report.failed])
    return report
