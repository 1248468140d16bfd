"""The static site (the Sphinx book) in a real browser, offline: every page opens on a phone
(390 px) and a laptop (1366 px), in light and dark mode, with every request outside the site's
own folder blocked, and shows all its figures and widget outputs, with every widget control
switched off (a snapshot); it has no dead link, no cut control text, nothing wider than the
window (wide tables scroll in their own box), and axe-core finds no serious or critical
WCAG 2.1 A/AA violation. Search, previous/next links and the print layout work. The tests of
the check itself open a deliberately broken page and expect each fault to be reported."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

from harness import expected_widget_views
from site_checks import LinkChecker, SiteServer, check_page

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PAGES = [f"{p.stem}.html" for p in NOTEBOOKS] + ["glossary.html", "index.html", "search.html"]


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


LINKS = LinkChecker()  # pages fetched once for the whole module


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [390, 1366], ids=["phone", "laptop"])
@pytest.mark.parametrize("page", PAGES)
def test_page_is_self_contained_complete_and_accessible(browser, site, page: str, width: int,
                                                        dark: bool) -> None:
    report = check_page(browser, site, page, widgets_expected=widgets_in(page), axe=True,
                        width=width, dark=dark, links=LINKS)
    assert report.problems == [], report.summary()
    assert report.widgets == widgets_in(page)
    assert report.links > 5, report.summary()  # the sidebar and prev/next links were checked


def test_search_finds_a_lesson(browser, site) -> None:
    """The search page works offline: a word from the staging lesson finds it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site.base)
                   else r.abort("blockedbyclient"))
        page.goto(site.base + "search.html?q=prognostic+stage")
        page.wait_for_selector("#search-results ul.search li", timeout=30_000)
        found = page.eval_on_selector_all("#search-results ul.search li a",
                                          "links => links.map(a => a.getAttribute('href'))")
        assert any(link.startswith("03_staging.html") for link in found), found
    finally:
        context.close()


def test_previous_and_next_links(browser, site) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site.base + "04_survival.html")
        prev = page.get_attribute("a.left-prev", "href")
        nxt = page.get_attribute("a.right-next", "href")
        assert (prev, nxt) == ("03_staging.html", "05_treatment.html")
    finally:
        context.close()


def test_print_layout_shows_the_lesson_only(browser, site) -> None:
    """Printed, a page drops the sidebars, header and prev/next links and uses the whole width."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.base + "04_survival.html")
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.bd-sidebar-primary', '.bd-sidebar-secondary',
            '.prev-next-area', '.bd-header'].map(s => Array.from(document.querySelectorAll(s))
            .every(e => e.getClientRects().length === 0))""")
        assert hidden == [True, True, True, True]
        article = page.evaluate("() => document.querySelector('.bd-article').getBoundingClientRect().width")
        assert article > 0.7 * 1366
    finally:
        context.close()


def test_site_has_figures_and_widgets_to_check(browser, site) -> None:
    """The checks above look at real content: the survival lesson has both."""
    report = check_page(browser, site, "04_survival.html", widgets_expected=widgets_in(
        "04_survival.html"))
    assert report.figures >= 3 and report.widgets >= 2, report.summary()


BROKEN = """<!DOCTYPE html><html lang="en"><head><title>Broken</title>
<script src="https://cdn.example.org/require.min.js"></script></head>
<body><main><article class="bd-article"><h1>Broken page</h1>
<p style="color:#b0b0b0">Grey text on white.</p>
<p>Text with <a href="index.html" style="color:#222;text-decoration:none">a link</a> in it.</p>
<p><a href="no_such_page.html">A dead link</a>, <a href="index.html#no-such-anchor">a dead
anchor</a>.</p>
<img src="missing.png" alt="A figure whose file is missing">
<div class="cell_output"><script type="application/vnd.jupyter.widget-view+json">
{"version_major": 2, "version_minor": 0, "model_id": "abc"}</script></div>
<div class="widget-subarea"><div class="widget-inline-hbox">
<label class="widget-label" style="display:inline-block;width:60px;overflow:hidden;white-space:nowrap;
text-overflow:ellipsis">A label far too long for its box</label>
<select aria-label="Stage" style="width:80px"><option>A very long option text</option></select>
<input type="text" aria-label="Counts" style="width:80px"
 placeholder="A placeholder much too long to show"></div></div>
<table><tr><td style="min-width:700px">A table wider than a phone</td></tr></table>
</article></main></body></html>"""


def test_check_reports_every_fault(browser, tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text(BROKEN)
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>i</title>")
    server = SiteServer(tmp_path)
    try:
        report = check_page(browser, server, "broken.html", widgets_expected=1, axe=True,
                            widget_timeout=2, width=390, dark=True)
    finally:
        server.stop()
    text = "\n".join(report.problems)
    assert "request left the site (blocked): https://cdn.example.org/require.min.js" in text
    assert "missing.png (HTTP 404)" in text
    assert "figure not shown: 'A figure whose file is missing'" in text
    assert "widget output shows no widget" in text
    assert "axe serious color-contrast" in text
    assert "axe serious link-in-text-block" in text
    assert "dead link: " + server.base + "no_such_page.html (HTTP 404)" in text
    assert "(the page has no anchor #no-such-anchor)" in text
    assert "control looks live on a snapshot" in text
    assert 'cut control text: label or button "A label far too long for its box"' in text
    assert 'cut control text: dropdown option "A very long option text"' in text
    assert 'cut control text: text box placeholder "A placeholder much too long to show"' in text
    assert "table wider than the window, not scrolling in its box" in text
    assert "the page is " in text and "wide in a 390 px window" in text
    assert "the system asks for dark mode and the page is not dark" in text


def _visible_button(page, selector: str):
    buttons = [b for b in page.query_selector_all(selector) if b.is_visible()]
    assert buttons, f"no visible {selector} button"
    return buttons[0]


def test_menu_buttons_open_the_sidebar_and_contents_on_a_phone(browser, site) -> None:
    """At 390 px, tapping ☰ shows the site's contents and tapping ☷ the page's contents (each
    in a dialog with its links), not just a tooltip."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site.base + "03_staging.html")
        page.wait_for_load_state("load")
        for toggle, dialog, link in [("button.primary-toggle", "#pst-primary-sidebar-modal",
                                      "a[href='04_survival.html']"),
                                     ("button.secondary-toggle", "#pst-secondary-sidebar-modal",
                                      "a[href^='#']")]:
            _visible_button(page, toggle).tap()
            page.wait_for_selector(f"{dialog}[open]", timeout=5_000)
            shown = page.locator(f"{dialog} {link}").first
            assert shown.is_visible(), f"{dialog} opened without its links"
            box = shown.bounding_box()
            assert box and 0 <= box["x"] < 390 and box["width"] > 0
            page.keyboard.press("Escape")
            page.wait_for_selector(f"{dialog}:not([open])", state="attached", timeout=5_000)
    finally:
        context.close()


def test_menu_button_hides_and_shows_the_sidebar_on_a_laptop(browser, site) -> None:
    """At 1366 px the sidebar is shown; ☰ hides it, and a second click shows it again."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        page.goto(site.base + "03_staging.html")
        page.wait_for_load_state("load")
        shown = ("() => document.querySelector('#pst-primary-sidebar')"
                 ".checkVisibility({visibilityProperty: true})")
        assert page.evaluate(shown)
        _visible_button(page, "button.primary-toggle").click()
        page.wait_for_function(f"() => !({shown})()", timeout=5_000)
        _visible_button(page, "button.primary-toggle").click()
        page.wait_for_function(shown, timeout=5_000)
    finally:
        context.close()


def test_header_shows_the_title_and_one_search_field_on_a_laptop(browser, site) -> None:
    """At 1366 px the site's title is visible, also after scrolling, with nothing drawn over it,
    and there is one search field, not a second one in a sticky top bar."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        page.goto(site.base + "00_start_here.html")
        page.wait_for_load_state("load")
        searches = [b for b in page.query_selector_all(".search-button-field") if b.is_visible()]
        assert len(searches) == 1, f"{len(searches)} search fields shown"
        assert not any(h.is_visible() for h in page.query_selector_all(".bd-header"))
        for y in (0, 60):  # scrolled a little: a sticky bar would come over the title
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(200)
            on_top = page.evaluate("""() => {
                const title = document.querySelector('.bd-sidebar-primary .navbar-brand');
                const r = title.getBoundingClientRect();
                if (r.bottom <= 0 || r.height === 0) return 'not on screen';
                const x = r.left + r.width / 2, y = Math.max(r.top, 0) + Math.min(r.height, 10) / 2;
                const hit = document.elementFromPoint(x, y);
                return title.contains(hit) ? 'title' : hit.className;
            }""")
            assert on_top == "title", f"at scroll {y}: {on_top} is over the title"
    finally:
        context.close()


def test_wide_tables_scroll_with_a_cue_and_printed_text_wraps_on_a_phone(browser, site) -> None:
    """On the start page at 390 px, the lessons table keeps all its columns in a box that
    scrolls sideways and says so; the printed disclaimer wraps inside the page."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site.base + "00_start_here.html")
        page.wait_for_load_state("load")
        page.wait_for_selector(".scroll-cue", timeout=5_000)
        table = page.evaluate("""() => {
            const t = Array.from(document.querySelectorAll('.bd-article table'))
                .find(t => /Reading/.test(t.textContent));
            const box = t.closest('.pst-scrollable-table-container');
            const cue = box.previousElementSibling;
            box.scrollLeft = box.scrollWidth;
            const last = t.querySelector('tr th:last-child, tr td:last-child').getBoundingClientRect();
            return {overflow: getComputedStyle(box).overflowX, right: box.getBoundingClientRect().right,
                    cue: cue && cue.classList.contains('scroll-cue') ? cue.textContent : null,
                    lastRight: last.right, tab: box.getAttribute('tabindex')};
        }""")
        assert table["overflow"] in ("auto", "scroll") and table["right"] <= 390, table
        assert table["cue"] and "sideways" in table["cue"], table
        assert table["lastRight"] <= 390 and table["tab"] == "0", table
        printed = page.evaluate("""() => Array.from(document.querySelectorAll(
            'div.cell_output .output.stream pre')).filter(p => /education only/.test(p.textContent))
            .map(p => [p.scrollWidth, p.clientWidth, p.getBoundingClientRect().right])""")
        assert printed, "the printed disclaimer is not on the page"
        for scroll_width, width, right in printed:
            assert scroll_width <= width + 1 and right <= 390, printed
    finally:
        context.close()
