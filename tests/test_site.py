"""The published site builds (offline, from the committed notebooks) and every page keeps what
readers need: its Binder link, the alt text of every figure, working links to the glossary, and
an entry on the index page; no page requests anything from outside the site's folder (the
widget manager is the pinned, vendored one; no require.js, no MathJax); the markup meets the
accessibility rules axe-core checks in the browser (tests/browser/test_site_in_browser.py).
The whole site is built once (it takes a few seconds)."""

from __future__ import annotations

import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


class Page(HTMLParser):
    """Links, element ids and images (with their alt text) of one HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.images: list[dict[str, str | None]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "img":
            self.images.append(attributes)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site.build(out)
    return out


def page(site: Path, name: str) -> Page:
    return Page((site / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_page_has_binder_link_and_figure_alt_text(site: Path, notebook: Path) -> None:
    html_page = page(site, f"{notebook.stem}.html")
    binder = build_site.binder_url(f"notebooks/{notebook.name}")
    assert binder in html_page.links
    nb = nbformat.read(notebook, as_version=4)
    alts = [out["metadata"]["image/png"]["alt"]
            for cell in nb.cells if cell.cell_type == "code"
            for out in cell.get("outputs", [])
            if "image/png" in out.get("data", {})
            and "alt" in out.get("metadata", {}).get("image/png", {})]
    page_alts = [img.get("alt") for img in html_page.images if img.get("alt")]
    assert page_alts == alts
    assert not any(link.endswith(".ipynb") or ".ipynb#" in link
                   for link in html_page.links if not link.startswith("https://mybinder.org")), \
        "links between lessons must point at the site's pages"


def test_glossary_links_reach_an_entry(site: Path) -> None:
    glossary = page(site, "glossary.html")
    assert len(glossary.ids) >= 10
    for name in sorted(p.name for p in site.glob("*.html")):
        for link in page(site, name).links:
            if link.startswith("glossary.html#"):
                anchor = link.split("#", 1)[1]
                assert anchor in glossary.ids, f"{name} links to a missing glossary entry {anchor!r}"


def test_index_lists_every_notebook_and_the_glossary(site: Path) -> None:
    index = page(site, "index.html")
    for notebook in NOTEBOOKS:
        assert f"{notebook.stem}.html" in index.links
    assert "glossary.html" in index.links
    assert any("voila%2Frender%2Fapp%2Fexplorers.ipynb" in link for link in index.links)
    assert {p.name for p in site.glob("*.html")} == (
        {f"{p.stem}.html" for p in NOTEBOOKS} | {"index.html", "glossary.html"})


@pytest.mark.parametrize(("markdown", "expected"), [
    ("[the staging lesson](03_staging.ipynb)", "[the staging lesson](03_staging.html)"),
    ("[x](04_survival.ipynb#6.-The-survival-explorer)", "[x](04_survival.html#6.-The-survival-explorer)"),
    ("[relative survival](glossary.md#relative-survival)",
     "[relative survival](glossary.html#relative-survival)"),
    ("[Glossary](glossary.md)", "[Glossary](glossary.html)"),
    ("[nbviewer](https://example.org/a.ipynb)", "[nbviewer](https://example.org/a.ipynb)"),
])
def test_links_are_rewritten_to_pages(markdown: str, expected: str) -> None:
    assert build_site.rewrite_links(markdown) == expected


def test_unknown_notebook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="notebooks must be among"):
        build_site.build(tmp_path / "out", ["99_no_such_lesson"])


def test_stored_alt_text_is_used(tmp_path: Path) -> None:
    """The page carries the alt text stored with the figure (escaped); without one, nbconvert
    writes its placeholder, which the per-notebook test above would catch."""
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    png = build_site_png()
    cell = new_code_cell("fig", outputs=[
        new_output("display_data", data={"image/png": png},
                   metadata={"image/png": {"alt": 'Bars "A" < B'}}),
        new_output("display_data", data={"image/png": png}),
    ])
    dest = build_site.render(new_notebook(cells=[cell]), "t", "https://example.org/b",
                             tmp_path / "t.html")
    images = Page(dest.read_text()).images
    assert [img.get("alt") for img in images] == [
        'Bars "A" < B', "No description has been provided for this image"]


def build_site_png() -> str:
    """A 1x1 PNG, base64 (as stored in a notebook)."""
    return ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVO"
            "RK5CYII=")


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
        if tag == "link" and attributes.get("href"):
            self.urls.append(attributes["href"])


def outside(url: str) -> bool:
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:|//)", url.strip(), re.I)) and not url.startswith(
        ("data:", "blob:"))


def test_pages_request_nothing_outside_the_site(site: Path) -> None:
    for path in sorted(site.glob("*.html")):
        urls = Requests(path.read_text(encoding="utf-8")).urls
        assert [u for u in urls if outside(u)] == [], path.name
        for url in urls:
            if not outside(url) and not url.startswith(("#", "data:", "blob:")):
                assert (site / url.split("#")[0].split("?")[0]).is_file(), (path.name, url)


def test_outside_requests_are_recognised() -> None:
    found = Requests('<script src="https://cdn.example.org/require.js"></script>'
                     '<img src="data:image/png;base64,AAAA"><style>@import "//fonts.x/css";'
                     '</style><link rel="stylesheet" href="_static/a.css">').urls
    assert [u for u in found if outside(u)] == ["https://cdn.example.org/require.js", "//fonts.x/css"]


def test_widget_pages_load_the_pinned_manager_and_nothing_else(site: Path) -> None:
    for notebook in NOTEBOOKS:
        text = (site / f"{notebook.stem}.html").read_text(encoding="utf-8")
        has_widgets = "widgets" in nbformat.read(notebook, as_version=4).metadata
        scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', text)
        assert scripts == ([build_site.WIDGET_MANAGER_URL] if has_widgets else []), notebook.name
        assert "require.min.js" not in text and "MathJax" not in text
    assert (site / build_site.WIDGET_MANAGER_URL).is_file()


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


@pytest.mark.parametrize(("text", "maths"), [
    ("It costs $5 and $10.", False),
    ("plain words", False),
    ("$x^2$", True),
    ("ratio $\\geq 2.0$", True),
    ("$$a + b$$", True),
    ("\\(a\\)", True),
])
def test_maths_is_recognised(text: str, maths: bool) -> None:
    from nbformat.v4 import new_markdown_cell

    assert build_site.uses_maths(build_site.markdown_page(text)) is maths
    assert build_site.uses_maths(nbformat.v4.new_notebook(cells=[new_markdown_cell(text)])) is maths


def test_page_with_maths_is_refused(tmp_path: Path) -> None:
    """No MathJax from a CDN: a page with maths stops the build with the reason."""
    with pytest.raises(ValueError, match="uses maths.*bundles no MathJax"):
        build_site.render(build_site.markdown_page("$x^2$"), "t", "https://example.org/b",
                          tmp_path / "t.html")


# --- Accessibility of the markup --------------------------------------------------------------

def test_dataframe_corner_is_not_an_empty_header() -> None:
    import pandas as pd
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    html_table = pd.DataFrame({"a": [1]}).to_html()
    assert "<th></th>" in html_table
    nb = new_notebook(cells=[new_code_cell("df", outputs=[new_output(
        "execute_result", data={"text/html": html_table}, execution_count=1)])])
    fixed = build_site.accessible_tables(nb).cells[0].outputs[0].data["text/html"]
    assert "<th></th>" not in fixed and "<td></td>" in fixed and "<th>a</th>" in fixed


def test_no_built_page_has_an_empty_header_cell(site: Path) -> None:
    for path in sorted(site.glob("*.html")):
        assert not re.search(r"<th>\s*</th>", path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize(("page", "expected"), [
    ("<h1>A</h1><h4 id=x>B</h4><h4>C</h4><h2>D</h2><h5>E</h5>",
     "<h1>A</h1><h2 id=x>B</h2><h2>C</h2><h2>D</h2><h3>E</h3>"),
    ("<h1>G</h1><h3>T1</h3><h3>T2</h3>", "<h1>G</h1><h2>T1</h2><h2>T2</h2>"),
    ("<h1>A</h1><script>x = '<h5>k</h5>'</script><h3>B</h3>",
     "<h1>A</h1><script>x = '<h5>k</h5>'</script><h2>B</h2>"),
    ("<h1>A</h1><h2>B</h2><h3>C</h3>", "<h1>A</h1><h2>B</h2><h3>C</h3>"),
])
def test_heading_levels_never_skip(page: str, expected: str) -> None:
    assert build_site.heading_levels(page) == expected


def test_no_built_page_skips_a_heading_level(site: Path) -> None:
    for path in sorted(site.glob("*.html")):
        text = build_site._RAW_BLOCK.sub("", path.read_text(encoding="utf-8"))
        levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", text)]
        assert levels and levels[0] == 1, path.name
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (path.name, levels)
