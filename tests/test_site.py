"""The published site builds (offline, from the committed notebooks) and every page keeps what
readers need: its Binder link, the alt text of every figure, working links to the glossary, and
an entry on the index page. The whole site is built once (it takes a few seconds)."""

from __future__ import annotations

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
