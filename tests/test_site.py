"""The published site (Sphinx, MyST-NB and sphinx-book-theme) builds offline from the committed
notebooks, and every page keeps what readers need: its Binder link and a plain note that the
page is a snapshot (above every explorer too, whose controls are switched off), the alt text of
every figure, links that all resolve (to pages and to anchors), an entry on the index page with
the lesson's whole description; no page requests anything from outside the site's folder (the
widget manager is the pinned, vendored one; no require.js, no MathJax), and no script that a
lesson output carries runs unless the build is told to. The markup's accessibility is checked
in the browser (tests/browser/test_site_in_browser.py). The whole site is built once (a few
seconds)."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


class Page(HTMLParser):
    """Links, element ids, images (with their alt text) and scripts of one HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.images: list[dict[str, str | None]] = []
        self.scripts: list[dict[str, str | None]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "img":
            self.images.append(attributes)
        if tag == "script":
            self.scripts.append(attributes)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site.build(out)
    return out


def page(site: Path, name: str) -> Page:
    return Page((site / name).read_text(encoding="utf-8"))


def article(site: Path, name: str) -> str:
    """The page's main content (the lesson), without the theme's header and sidebars."""
    text = (site / name).read_text(encoding="utf-8")
    return text[text.index('<article class="bd-article">'):text.index("</article>")]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_page_has_binder_link_snapshot_note_and_figure_alt_text(site: Path, notebook: Path) -> None:
    content = Page(article(site, f"{notebook.stem}.html"))
    binder = build_site.binder_url(f"notebooks/{notebook.name}")
    assert binder in content.links
    text = article(site, f"{notebook.stem}.html")
    assert "This page is a snapshot of the lesson" in text
    cells = nbformat.read(notebook, as_version=4).cells
    assert text.count("Snapshot of an explorer") == sum(map(build_site.shows_widget, cells))
    assert text.count("Snapshot of an exercise") == sum(map(build_site.is_exercise, cells))
    nb = nbformat.read(notebook, as_version=4)
    alts = [out["metadata"]["image/png"]["alt"]
            for cell in nb.cells if cell.cell_type == "code"
            for out in cell.get("outputs", [])
            if "image/png" in out.get("data", {})
            and "alt" in out.get("metadata", {}).get("image/png", {})]
    page_alts = [img.get("alt") for img in content.images]
    assert page_alts == alts
    assert not any(link.endswith(".ipynb") or ".ipynb#" in link
                   for link in content.links if not link.startswith("https://mybinder.org")), \
        "links between lessons must point at the site's pages"


def test_exercise_cells_are_recognised() -> None:
    exercise = new_code_cell("answer = ...\nexercises.survival.exercise_1(answer)")
    plain = new_code_cell("table = read_table('x')")
    assert build_site.is_exercise(exercise) and not build_site.is_exercise(plain)
    assert sum(build_site.is_exercise(c) for p in NOTEBOOKS
               for c in nbformat.read(p, as_version=4).cells) >= 20


def test_every_page_has_a_binder_link(site: Path) -> None:
    for name in ["index.html", "glossary.html"]:
        assert any(link.startswith("https://mybinder.org/v2/gh/") for link in page(site, name).links), name


def test_widget_controls_are_switched_off_in_the_snapshot() -> None:
    """Every control the saved state holds is disabled on the site, so none looks live."""
    for notebook in NOTEBOOKS:
        nb = nbformat.read(notebook, as_version=4)
        state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        if not state:
            continue
        snap = build_site.as_snapshot(nb, "https://example.org/binder")
        models = snap.metadata["widgets"][WIDGET_STATE]["state"].values()
        controls = [m for m in models if "disabled" in m["state"]]
        assert controls, notebook.name
        assert all(m["state"]["disabled"] is True for m in controls), notebook.name


def test_every_link_to_the_site_resolves(site: Path) -> None:
    """No dead link: each link to a page of the site reaches a file, and each anchor an id on
    that page (the instructor guide, outside the book, is linked in the repository)."""
    ids = {p.name: page(site, p.name).ids for p in site.glob("*.html")}
    checked = 0
    for name in sorted(ids):
        for link in page(site, name).links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", link):
                continue
            target, _, anchor = link.partition("#")
            target = target or name
            assert (site / target).is_file(), f"{name} links to a missing page {link}"
            if anchor and target.endswith(".html"):
                assert unquote(anchor) in ids.get(target, page(site, target).ids), \
                    f"{name} links to a missing anchor {link}"
            checked += 1
    assert checked > 100
    guide = build_site.repository_url("instructors/guide.md")
    assert any(link.startswith(guide) for link in page(site, "00_start_here.html").links)


def test_glossary_terms_are_anchors(site: Path) -> None:
    glossary = page(site, "glossary.html")
    terms = re.findall(r'<a id="([^"]+)"></a>', (ROOT / "notebooks" / "glossary.md").read_text())
    assert len(terms) >= 10 and set(terms) <= glossary.ids


def test_index_lists_every_notebook_with_its_whole_description(site: Path) -> None:
    index = page(site, "index.html")
    text = article(site, "index.html")
    for notebook in NOTEBOOKS:
        assert f"{notebook.stem}.html" in index.links
        title, blurb = build_site.title_of(nbformat.read(notebook, as_version=4), notebook.stem)
        assert blurb and blurb.rstrip().endswith((".", ":", "?", "!")), (notebook.name, blurb)
        words = re.sub(r"<[^>]+>", "", text)
        assert " ".join(blurb.split()[-4:]).replace('"', "&quot;") in words or \
            blurb.split()[-1] in words, notebook.name
    assert "glossary.html" in index.links
    assert any("voila%2Frender%2Fapp%2Fexplorers.ipynb" in link for link in index.links)
    assert any("voila%2Frender%2Fapp%2Freport_reader.ipynb" in link for link in index.links)
    assert {p.name for p in site.glob("*.html")} == (
        {f"{p.stem}.html" for p in NOTEBOOKS} | {"index.html", "glossary.html", "search.html",
                                                  "genindex.html"})


def test_blurb_is_the_whole_first_paragraph() -> None:
    """A description that runs over several lines (or lists items) is not cut after a line."""
    nb = new_notebook(cells=[new_markdown_cell(
        "# 9. A lesson\n\nWhat it covers: one,\ntwo,\nthree,\nand four.\n\n*Abbreviations:* X.\n\n"
        "> **For education only.**")])
    assert build_site.title_of(nb, "x") == ("9. A lesson", "What it covers: one, two, three, and four.")


@pytest.mark.parametrize(("markdown", "expected"), [
    ("[the staging lesson](03_staging.ipynb)", "[the staging lesson](03_staging.ipynb)"),
    ("[guide](../instructors/guide.md#self-study-path-for-lay-readers)",
     "[guide](https://github.com/her2neg-teaching/her2neg-teaching/blob/HEAD/instructors/guide.md"
     "#self-study-path-for-lay-readers)"),
    ("[relative survival](glossary.md#relative-survival)",
     "[relative survival](glossary.md#relative-survival)"),
    ("[nbviewer](https://example.org/a.ipynb)", "[nbviewer](https://example.org/a.ipynb)"),
])
def test_links_leaving_the_book_point_at_the_repository(markdown: str, expected: str) -> None:
    assert build_site.rewrite_links(markdown) == expected


def test_unknown_notebook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="notebooks must be among"):
        build_site.build(tmp_path / "out", ["99_no_such_lesson"])


def png() -> str:
    """A 1x1 PNG, base64 (as stored in a notebook)."""
    return ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVO"
            "RK5CYII=")


def small_book(folder: Path, cells: list, metadata: dict | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nb = new_notebook(cells=[new_markdown_cell("# 1. A lesson\n\nA test lesson.")] + cells,
                      metadata={"language_info": {"name": "python"}, **(metadata or {})})
    nbformat.write(nb, folder / "01_lesson.ipynb")
    (folder / "glossary.md").write_text("# Glossary\n\n<a id=\"term\"></a>\n### Term\nA term.\n")
    return folder


def test_dead_link_stops_the_build(tmp_path: Path) -> None:
    books = small_book(tmp_path / "nb", [new_markdown_cell(
        "See [a term](glossary.md#no-such-term) and [a lesson](02_missing.ipynb).")])
    with pytest.raises(build_site.SiteBuildError, match="no-such-term|02_missing"):
        build_site.build(tmp_path / "out", notebooks=books)


SCRIPTED_OUTPUTS = [
    new_output("display_data", data={"application/javascript": "window.ranOutputScript = 1;",
                                     "text/plain": "<js>"}),
    new_output("display_data", data={"text/html": (
        '<div>kept <b>bold</b> &amp; <script>window.ranHtmlScript = 1;</script>'
        '<img src="x.png" onerror="window.ranHandler = 1"> <a href="javascript:alert(1)">a</a>'
        '<iframe src="https://example.org"></iframe></div>')}),
]


def test_scripts_in_outputs_are_removed(tmp_path: Path) -> None:
    books = small_book(tmp_path / "nb", [new_code_cell("x", outputs=SCRIPTED_OUTPUTS)])
    build_site.build(tmp_path / "out", notebooks=books)
    text = article(tmp_path / "out", "01_lesson.html")
    for carried in ("ranOutputScript", "ranHtmlScript", "ranHandler", "onerror", "javascript:",
                    "<iframe"):
        assert carried not in text, carried
    assert "kept <b>bold</b> &amp;" in text


def test_scripts_in_outputs_are_kept_when_the_build_is_told(tmp_path: Path) -> None:
    books = small_book(tmp_path / "nb", [new_code_cell("x", outputs=SCRIPTED_OUTPUTS)])
    build_site.build(tmp_path / "out", notebooks=books, allow_output_scripts=True)
    text = article(tmp_path / "out", "01_lesson.html")
    assert "window.ranOutputScript = 1;" in text and "window.ranHtmlScript = 1;" in text


def test_scripts_in_html_widgets_are_removed() -> None:
    nb = new_notebook(metadata={"widgets": {WIDGET_STATE: {"state": {"m": {
        "model_name": "HTMLModel", "state": {"value": '<p onclick="x()">Hi<script>y()</script></p>'}}}}}})
    cleaned, removed = build_site.without_output_scripts(nb)
    assert cleaned.metadata["widgets"][WIDGET_STATE]["state"]["m"]["state"]["value"] == "<p>Hi</p>"
    assert removed == 2


@pytest.mark.parametrize(("html_in", "html_out"), [
    ('<table class="dataframe"><tr><th>a</th></tr></table>',
     '<table class="dataframe"><tr><th>a</th></tr></table>'),
    ("<style scoped>.x { color: red }</style><p>&lt;3 &#8805; 2</p>",
     "<style scoped>.x { color: red }</style><p>&lt;3 &#8805; 2</p>"),
    ('<a href=" JaVaScRiPt:x()">a</a>', "<a>a</a>"),
    ("<object data='x'></object><embed src='y'><p>t</p>", "<p>t</p>"),
])
def test_remove_scripts_keeps_the_rest(html_in: str, html_out: str) -> None:
    assert build_site.remove_scripts(html_in)[0] == html_out


# --- Self-contained pages -------------------------------------------------------------------

class Requests(HTMLParser):
    """Every address a page makes the browser fetch by itself (not links the reader follows)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.feed(text)
        self.urls += re.findall(r"""url\(\s*['"]?([^'")]+)""", text)
        self.urls += re.findall(r"""@import\s+['"]([^'"]+)""", text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in ("src", "data-src", "srcset"):
            if attributes.get(name):
                self.urls.append(attributes[name])
        if tag == "link" and attributes.get("href") and attributes.get("rel") not in (
                "index", "search", "next", "prev"):
            self.urls.append(attributes["href"])


def outside(url: str) -> bool:
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:|//)", url.strip(), re.I)) and not url.startswith(
        ("data:", "blob:"))


def test_pages_and_stylesheets_request_nothing_outside_the_site(site: Path) -> None:
    for path in sorted(site.glob("*.html")) + sorted((site / "_static").rglob("*.css")):
        urls = Requests(path.read_text(encoding="utf-8")).urls
        assert [u for u in urls if outside(u)] == [], path.name
        for url in urls:
            if not outside(url) and not url.startswith(("#", "data:", "blob:")):
                assert (path.parent / url.split("#")[0].split("?")[0]).is_file(), (path.name, url)


def test_outside_requests_are_recognised() -> None:
    found = Requests('<script src="https://cdn.example.org/require.js"></script>'
                     '<img src="data:image/png;base64,AAAA"><style>@import "//fonts.x/css";'
                     '</style><link rel="stylesheet" href="_static/a.css">').urls
    assert [u for u in found if outside(u)] == ["https://cdn.example.org/require.js", "//fonts.x/css"]


def test_widget_pages_load_the_pinned_manager_and_no_mathjax(site: Path) -> None:
    for notebook in NOTEBOOKS:
        text = (site / f"{notebook.stem}.html").read_text(encoding="utf-8")
        has_widgets = "widgets" in nbformat.read(notebook, as_version=4).metadata
        scripts = [s.get("src", "").split("?")[0] for s in Page(text).scripts if s.get("src")]
        assert (build_site.WIDGET_MANAGER_URL in scripts) is has_widgets, notebook.name
        assert not any("require" in s.lower() or "mathjax" in s.lower() for s in scripts), scripts
        assert all(not outside(s) for s in scripts), scripts
    assert (site / build_site.WIDGET_MANAGER_URL).is_file()
    assert (site / build_site.WIDGET_MANAGER_URL).read_bytes() == (
        build_site.HTML_MANAGER / "embed.js").read_bytes()


def test_vendored_files_are_the_pinned_release() -> None:
    vendor = ROOT / "tools" / "vendor"
    sums = dict(reversed(line.split()) for line in (vendor / "SHA256SUMS").read_text().splitlines())
    on_disk = {str(p.relative_to(vendor)) for p in vendor.rglob("*")
               if p.is_file() and p.parent != vendor}
    assert set(sums) == on_disk
    for name, digest in sums.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name
    readme = (vendor / "README.md").read_text()
    assert f"| `@jupyter-widgets/html-manager` | {build_site.HTML_MANAGER_VERSION} |" in readme
    assert (vendor / "html-manager" / "LICENSE").is_file() and (vendor / "axe-core" / "LICENSE").is_file()


def test_site_tools_are_pinned() -> None:
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    for name in ("sphinx", "myst-nb", "myst-parser", "sphinx-book-theme", "pydata-sphinx-theme"):
        assert name in pins, f"requirements.txt must pin {name}"


@pytest.mark.parametrize(("text", "maths"), [
    ("It costs $5 and $10.", False),
    ("plain words", False),
    ("$x^2$", True),
    ("ratio $\\geq 2.0$", True),
    ("$$a + b$$", True),
    ("\\(a\\)", True),
])
def test_maths_is_recognised(text: str, maths: bool) -> None:
    assert build_site.uses_maths(new_notebook(cells=[new_markdown_cell(text)])) is maths


def test_page_with_maths_is_refused(tmp_path: Path) -> None:
    """No MathJax from a CDN: a page with maths stops the build with the reason."""
    books = small_book(tmp_path / "nb", [new_markdown_cell("$x^2$")])
    with pytest.raises(ValueError, match="uses maths.*bundles no MathJax"):
        build_site.build(tmp_path / "out", notebooks=books)


# --- Accessibility of the markup --------------------------------------------------------------

def test_dataframe_corner_is_not_an_empty_header() -> None:
    import pandas as pd

    html_table = pd.DataFrame({"a": [1]}).to_html()
    assert "<th></th>" in html_table
    nb = new_notebook(cells=[new_code_cell("df", outputs=[new_output(
        "execute_result", data={"text/html": html_table}, execution_count=1)])])
    fixed = build_site.accessible_tables(nb).cells[0].outputs[0].data["text/html"]
    assert "<th></th>" not in fixed and "<td></td>" in fixed and "<th>a</th>" in fixed


def test_no_built_page_has_an_empty_header_cell(site: Path) -> None:
    for path in sorted(site.glob("*.html")):
        assert not re.search(r"<th>\s*</th>", path.read_text(encoding="utf-8")), path.name


def test_no_built_page_skips_a_heading_level(site: Path) -> None:
    raw = re.compile(r"<script\b.*?</script>|<style\b.*?</style>", re.I | re.S)
    for name in [f"{p.stem}.html" for p in NOTEBOOKS] + ["glossary.html", "index.html"]:
        levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", raw.sub("", article(site, name)))]
        assert levels and levels[0] == 1, name
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (name, levels)


def test_stored_alt_text_is_used() -> None:
    sys.path.insert(0, str(ROOT / "tools" / "site"))
    import alt_text

    folder = Path(__file__).parent  # any folder: the function reads *.ipynb in it
    assert alt_text.stored_alt_texts(folder) == {}
    digest = hashlib.sha256(__import__("base64").b64decode(png())).hexdigest()
    nb = new_notebook(cells=[new_code_cell("f", outputs=[new_output(
        "display_data", data={"image/png": png()}, metadata={"image/png": {"alt": 'Bars "A" < B'}})])])
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "a.ipynb").write_text(json.dumps(nb))
        assert alt_text.stored_alt_texts(Path(tmp)) == {digest: 'Bars "A" < B'}


@pytest.mark.parametrize(("page", "expected"), [
    ("<h1>A</h1><h4 id=x>B</h4><h4>C</h4><h2>D</h2><h5>E</h5>",
     "<h1>A</h1><h2 id=x>B</h2><h2>C</h2><h2>D</h2><h3>E</h3>"),
    ("<h1>A</h1><script>x = '<h5>k</h5>'</script><h3>B</h3>",
     "<h1>A</h1><script>x = '<h5>k</h5>'</script><h2>B</h2>"),
    ("<h1>A</h1><h2>B</h2><h3>C</h3>", "<h1>A</h1><h2>B</h2><h3>C</h3>"),
])
def test_heading_levels_never_skip(page: str, expected: str) -> None:
    assert build_site.heading_levels(page) == expected
    wrapped = f'<nav><h3>Theme</h3></nav><article class="bd-article">{page}</article>'
    assert build_site.article_heading_levels(wrapped) == (
        f'<nav><h3>Theme</h3></nav><article class="bd-article">{expected}</article>')


def _h1(site: Path, name: str) -> str:
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", article(site, name), re.S)
    assert heading, name
    return " ".join(re.sub(r"<[^>]+>|¶|#", "", heading.group(1)).split())


def test_index_and_start_page_have_titles_of_their_own(site: Path) -> None:
    """The index is "Contents"; the start page, which its "Next" link leads to, keeps the
    collection's title, so the two are told apart in the sidebar, the tab and the link."""
    index, start = _h1(site, "index.html"), _h1(site, "00_start_here.html")
    assert index == build_site.INDEX_TITLE == "Contents"
    assert start.startswith("HER2-negative breast cancer") and start != index
    text = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>\s*Contents", text)
    following = re.search(r'<a class="right-next"[^>]*href="([^"]+)"[\s\S]*?'
                          r'<p class="prev-next-title">(.*?)</p>', text)
    assert following and following.group(1) == "00_start_here.html"
    assert following.group(2) != index


def test_index_links_to_the_report_reader_app(site: Path) -> None:
    links = page(site, "index.html").links
    reader = [link for link in links if "report_reader.ipynb" in link]
    assert reader == [build_site.BINDER + "?urlpath=voila%2Frender%2Fapp%2Freport_reader.ipynb"]
    assert (build_site.ROOT / "app" / "report_reader.ipynb").is_file()


def test_start_page_says_its_run_instructions_work_only_live(site: Path) -> None:
    """The start page's "press Shift + Enter" and Kernel-menu steps do nothing on the site: a
    note right above them says so and links the live lesson; the page does not claim the
    widgets work "here"."""
    text = article(site, "00_start_here.html")
    words = re.sub(r"<[^>]+>", "", text)
    assert "The widgets work here" not in words
    for step in ["Shift</kbd>", "Kernel →"]:
        at = text.index(step)
        before = text[:at]
        note = before.rfind("On this site, nothing runs")
        assert note != -1, step
        # the note is the last admonition before the step, and links the lesson on Binder
        assert before.rfind('class="admonition') < note + 200 and "mybinder.org" in before[note:]
    nb = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    assert not any("widgets work here" in c.source for c in nb.cells)


def test_run_instructions_note_only_above_passages_that_give_them() -> None:
    steps = new_markdown_cell("Press <kbd>Shift</kbd> + <kbd>Enter</kbd>.")
    other = new_markdown_cell("A table of stages.")
    nb = build_site.as_snapshot(new_notebook(cells=[new_markdown_cell("# 9. T"), other, steps]),
                                "https://mybinder.org/x")
    notes = [c.source for c in nb.cells if "On this site, nothing runs" in c.source]
    assert len(notes) == 1 and nb.cells[nb.cells.index(steps) - 1].source == notes[0]


def test_every_page_names_its_icon_so_no_favicon_ico_is_asked_for(site: Path) -> None:
    for name in ["index.html", "00_start_here.html", "glossary.html"]:
        icon = re.search(r'<link rel="icon" href="([^"]+)"', (site / name).read_text())
        assert icon, name
        assert (site / icon.group(1)).is_file() and icon.group(1).endswith(".svg")
