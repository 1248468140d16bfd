"""Checks of the static site in a real browser, as plain functions that return what they find.

:func:`check_page` opens one page of the site (the Sphinx book that ``tools/build_site.py``
builds), served from its own folder on a loopback port, at a given window width in light or
dark mode, with every request to any other address blocked (as when the reader is offline or a
CDN is gone), and reports, in words:

- any request that left the site's folder (blocked) or failed (an error status, or a file the
  site lacks);
- a dead link: a link to a page of the site that does not exist, or to an anchor that the page
  does not have;
- any figure that does not show (an image not loaded or of zero size);
- any widget output that shows no widget (the widget manager missing or failing), and any
  widget control that looks live (not switched off) on this snapshot, where it would do nothing;
- any cut control text: a label, button, option shown in a dropdown, placeholder or value whose
  text is wider (or taller) than the box that shows it;
- a page wider than the window, or a table that runs past the window without scrolling inside
  a box of its own;
- dark mode asked for (the reader's system setting) and not applied;
- with ``axe=True``, every serious or critical WCAG 2.1 A/AA violation axe-core reports.

The functions never raise on a finding, so ``test_site_in_browser.py`` can also check that
deliberately broken pages are reported.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tools" / "vendor" / "axe-core" / "axe.min.js"
#: WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEVERE = ("serious", "critical")

JS_FIGURES = """
() => Array.from(document.querySelectorAll('.bd-article img, article img')).map(img => ({
  alt: (img.getAttribute('alt') || '').slice(0, 80),
  loaded: img.complete && img.naturalWidth > 0,
  visible: img.getBoundingClientRect().width > 0 && img.getBoundingClientRect().height > 0
           && getComputedStyle(img).visibility !== 'hidden'}))
"""
#: MyST-NB writes each widget output as a widget-view script inside the cell's output box; the
#: widget manager draws the view into a .widget-subarea next to it.
JS_WIDGETS = """
() => Array.from(document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]')).map(s => {
  const box = s.parentElement;
  const area = box.querySelector('.widget-subarea');
  const rect = area ? area.getBoundingClientRect() : null;
  return {rendered: !!area && area.children.length > 0 && rect.width > 0 && rect.height > 0
                    && !box.querySelector('.jupyter-widgets-error-widget')
                    && !box.textContent.includes('Error displaying widget'),
          text: box.textContent.trim().slice(0, 120)};
})
"""
#: Widget controls that are not switched off: on a snapshot they would do nothing.
JS_LIVE_CONTROLS = """
() => Array.from(document.querySelectorAll(
    '.widget-subarea input, .widget-subarea select, .widget-subarea textarea, '
    + '.widget-subarea button, .widget-subarea [role=slider]'))
  .filter(e => !(e.disabled || e.getAttribute('aria-disabled') === 'true'
                 || e.closest('[disabled]')))
  .map(e => (e.closest('.widget-inline-hbox, .widget-box, .widget-subarea')
             .textContent.trim() || e.outerHTML).slice(0, 80))
"""
#: Control texts cut by their box: text wider (or taller) than the box that shows it, where the
#: box hides the rest (labels, buttons), or where the control never grows (a dropdown's shown
#: option, an input's value or placeholder, measured with the control's own font).
JS_CUT = """
() => {
  const ctx = document.createElement('canvas').getContext('2d');
  const textWidth = (el, text) => {
    const s = getComputedStyle(el);
    ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    return ctx.measureText(text).width;
  };
  const inner = el => { const s = getComputedStyle(el);
    return el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); };
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const cut = [];
  const scope = '.bd-article, .widget-subarea';
  for (const el of document.querySelectorAll(
      '.widget-label, .widget-label-basic, .widget-subarea label, .widget-subarea button, '
      + '.widget-toggle-button, .bd-article label, .bd-article button')) {
    if (!el.closest(scope) || !shown(el)) continue;
    const s = getComputedStyle(el);
    const hides = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
    if (hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2)
        && el.textContent.trim()) {
      cut.push(`label or button ${JSON.stringify(el.textContent.trim().slice(0, 60))}`);
    }
  }
  for (const el of document.querySelectorAll('.bd-article select, .widget-subarea select')) {
    if (!shown(el) || el.selectedIndex < 0) continue;
    const text = el.options[el.selectedIndex].text;
    if (textWidth(el, text) > inner(el) + 1) {
      cut.push(`dropdown option ${JSON.stringify(text.slice(0, 60))}`);
    }
  }
  for (const el of document.querySelectorAll(
      '.bd-article input:not([type=checkbox]):not([type=radio]), .widget-subarea input'
      + ':not([type=checkbox]):not([type=radio])')) {
    if (!shown(el)) continue;
    for (const [kind, text] of [['value', el.value], ['placeholder', el.placeholder]]) {
      if (text && (kind === 'value' || !el.value) && textWidth(el, text) > inner(el) + 1) {
        cut.push(`text box ${kind} ${JSON.stringify(text.slice(0, 60))}`);
      }
    }
  }
  for (const el of document.querySelectorAll('.bd-article textarea, .widget-subarea textarea')) {
    if (shown(el) && !el.value && el.placeholder && el.scrollHeight > el.clientHeight + 2) {
      cut.push(`text area placeholder ${JSON.stringify(el.placeholder.slice(0, 60))}`);
    }
  }
  return [...new Set(cut)];
}
"""
#: Wider than the window: the page itself, and tables that do not scroll in a box of their own.
JS_WIDTH = """
() => {
  const w = document.documentElement.clientWidth;
  const scrollsInside = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll'].includes(s.overflowX)) {
        const r = p.getBoundingClientRect();
        return r.left >= -1 && r.right <= w + 1;
      }
    }
    return false;
  };
  const tables = Array.from(document.querySelectorAll('.bd-article table')).filter(t => {
    const r = t.getBoundingClientRect();
    return r.width > 0 && (r.right > w + 1 || r.left < -1) && !scrollsInside(t);
  }).map(t => `${Math.round(t.getBoundingClientRect().width)} px: `
               + t.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60));
  const wide = Array.from(document.querySelectorAll('.bd-article *')).filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > w + 1 && !scrollsInside(e);
  }).slice(0, 3).map(e => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}: `
                          + e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 50));
  return {page: document.documentElement.scrollWidth, window: w, tables, wide};
}
"""
#: Every link of the page, resolved: to another address or to this site (with its anchor).
JS_LINKS = """
() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)
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
    links: int = 0
    axe: list[dict] = field(default_factory=list)

    def severe(self) -> list[dict]:
        return [v for v in self.axe if v["impact"] in SEVERE]

    def summary(self) -> str:
        lines = [f"{self.name}: {len(self.problems)} problem(s); {self.figures} figure(s), "
                 f"{self.widgets} widget output(s), {self.links} link(s) to the site"]
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


class LinkChecker:
    """Whether a link to the site reaches a page and, with an anchor, an element of that page
    with that id. Pages are fetched once (through the browser context, so blocked like the
    rest) and remembered across checks."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, set[str]]] = {}

    def ids(self, context, url: str) -> tuple[int, set[str]]:
        if url not in self.pages:
            try:
                response = context.request.get(url)
                status, text = response.status, response.text() if response.ok else ""
            except Exception:  # noqa: BLE001 - a page that cannot be fetched is a dead link
                status, text = 0, ""
            self.pages[url] = (status, set(re.findall(r'\bid="([^"]+)"', text)))
        return self.pages[url]

    def problem(self, context, link: str) -> str | None:
        url, _, anchor = link.partition("#")
        status, ids = self.ids(context, url)
        if status != 200:
            return f"dead link: {link} (HTTP {status or 'no answer'})"
        if anchor and unquote(anchor) not in ids:
            return f"dead link: {link} (the page has no anchor #{unquote(anchor)})"
        return None


def _settle(page, timeout: float = 20_000) -> None:
    """Wait until the network is quiet, for at most ``timeout`` ms (a busy machine may never
    give 500 ms of quiet; what has not arrived by then is reported by the checks)."""
    try:
        page.wait_for_load_state("networkidle", timeout=timeout)
    except Exception:  # noqa: BLE001
        pass


def check_page(browser, server: SiteServer, name: str, widgets_expected: int | None = None,
               axe: bool = False, width: int = 1366, dark: bool = False,
               links: LinkChecker | None = None, widget_timeout: float = 15.0) -> PageReport:
    """Open ``name`` (a page of the served site) in a window ``width`` pixels wide (a phone is
    390 x 844), in dark or light mode as the reader's system asks, with every other address
    blocked; wait up to ``widget_timeout`` seconds for the widget manager to draw the expected
    widgets, then check the page."""
    report = PageReport(name=f"{name} at {width} px, {'dark' if dark else 'light'}")
    origin = urlsplit(server.base).netloc
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 900},
                                  color_scheme="dark" if dark else "light")
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
    context.route("**/*", route)
    page.on("requestfailed", lambda req: None if req.url in report.blocked
            else report.failed.append(f"{req.url} ({req.failure})"))
    page.on("response", lambda resp: report.failed.append(f"{resp.url} (HTTP {resp.status})")
            if resp.status >= 400 else None)
    try:
        page.goto(server.base + name, wait_until="load")
        _settle(page)
        expected = widgets_expected
        if expected is None:
            expected = len(page.evaluate(JS_WIDGETS))
        try:  # the widget manager renders after the load event
            page.wait_for_function(
                f"() => ({JS_WIDGETS})().filter(w => w.rendered).length >= {expected}",
                timeout=widget_timeout * 1000)
        except Exception:  # noqa: BLE001
            pass  # reported below
        _settle(page)
        if dark and page.evaluate("() => document.documentElement.dataset.theme") != "dark":
            report.problems.append("the system asks for dark mode and the page is not dark")
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
        for control in page.evaluate(JS_LIVE_CONTROLS):
            report.problems.append(f"control looks live on a snapshot, where it does nothing: "
                                   f"{control!r}")
        for text in page.evaluate(JS_CUT):
            report.problems.append(f"cut control text: {text}")
        width_found = page.evaluate(JS_WIDTH)
        if width_found["page"] > width_found["window"] + 1:
            report.problems.append(f"the page is {width_found['page']} px wide in a "
                                   f"{width_found['window']} px window: {width_found['wide']}")
        for table in width_found["tables"]:
            report.problems.append(f"table wider than the window, not scrolling in its box: {table}")
        checker = links or LinkChecker()
        for link in sorted(set(page.evaluate(JS_LINKS))):
            if urlsplit(link).netloc != origin:
                continue
            report.links += 1
            problem = checker.problem(context, link)
            if problem:
                report.problems.append(problem)
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
