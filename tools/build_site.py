"""Build the published site: every notebook of the collection as a static HTML page with its
executed outputs, the glossary, and an index page, into ``_build/site/``.

The pages come from the committed notebooks in ``notebooks/`` (their outputs are those of a
fresh run, which nbval checks), converted by nbconvert's JupyterLab template, so the build needs
no kernel and no network. On top of that template each page gets:

- a bar with links to the index, the glossary, and "Open in Binder" for that notebook;
- the alt text of every figure (our figures store it in the output metadata ``image/png.alt``;
  the stock template drops it);
- links between lessons rewritten from ``NN_name.ipynb`` and ``glossary.md`` to the pages.

The site is self-contained: no page requests anything from outside the site's folder, so it
works offline and does not change when a CDN does. The widget outputs show their saved state
through the Jupyter widget manager ``@jupyter-widgets/html-manager`` at a pinned version,
committed in ``tools/vendor/`` and copied into ``_static/``; the pages load no require.js, no
MathJax (the build refuses a page with maths rather than load MathJax from a CDN) and no
mermaid. The stylesheet on top of nbconvert's meets WCAG 2.1 AA, which the browser tests check
with axe-core on every page: prompts, code comments and numbers with enough contrast, links
underlined, the empty corner cell of a DataFrame table written as a data cell rather than an
empty header, heading levels that never skip one (:func:`heading_levels`), and, once the widget
manager has drawn them, each widget figure named by its caption and each slider by its label.

Usage::

    .venv/bin/python tools/build_site.py                  # the whole collection
    .venv/bin/python tools/build_site.py --out DIR 04_survival   # some notebooks, elsewhere

``make site`` runs the first form; ``tests/test_site.py`` builds one notebook.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import quote

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter
from nbformat.v4 import new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
GLOSSARY = NOTEBOOKS / "glossary.md"
OUT = ROOT / "_build" / "site"
BINDER = "https://mybinder.org/v2/gh/her2neg-teaching/her2neg-teaching/HEAD"
SITE_TITLE = "HER2-negative breast cancer: an interactive teaching collection"
EDUCATION_NOTE = ("> **For education only.** Not medical advice, and not for decisions about "
                  "any person's care.")

VENDOR = ROOT / "tools" / "vendor"
#: The widget manager of ipywidgets 8 (npm @jupyter-widgets/html-manager), pinned and vendored.
HTML_MANAGER_VERSION = "1.0.15"
HTML_MANAGER = VENDOR / "html-manager"
#: Where the vendored files go in the site, relative to its pages.
STATIC = "_static"
WIDGET_MANAGER_URL = f"{STATIC}/html-manager/embed.js"

TEMPLATE = r"""
{%- extends 'lab/index.html.j2' -%}

{#- No require.js: the widget manager below is the standalone build. -#}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{#- No MathJax and no mermaid from a CDN (build() refuses pages with maths). -#}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}

{% block jupyter_widgets %}
{%- if "widgets" in nb.metadata %}
<script src="{{ resources.widget_manager_url }}" defer></script>
{%- endif %}
{% endblock jupyter_widgets %}

{% block extra_css %}
<style>
  nav.site-bar { font-family: system-ui, sans-serif; padding: 8px 16px; margin-bottom: 8px;
                 border-bottom: 1px solid #999; display: flex; gap: 1.5em; flex-wrap: wrap; }
  nav.site-bar a { font-weight: 600; }
</style>
{% endblock extra_css %}

{#- After nbconvert's own stylesheet, so these rules win. -#}
{%- block html_head_css -%}
<style>
  /* WCAG 2.1 AA (checked with axe-core by the browser tests). Links are told apart from text
     by more than colour; prompts and code comments reach 4.5:1 on their background. */
  a, a:link, a:visited, .jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited,
  .jp-RenderedText pre a:link { text-decoration: underline; }
  :root { --jp-cell-prompt-not-active-font-color: #595959; --jp-cell-prompt-not-active-opacity: 1;
          --jp-cell-prompt-opacity: 1; --jp-cell-inprompt-font-color: #595959;
          --jp-cell-outprompt-font-color: #595959; }
  .highlight .c, .highlight .c1, .highlight .ch, .highlight .cm, .highlight .cp,
  .highlight .cpf, .highlight .cs { color: #2f6363; }
  .highlight .m, .highlight .mb, .highlight .mf, .highlight .mh, .highlight .mi,
  .highlight .il, .highlight .mo { color: #007a00; }
  .highlight .ow { color: #9a1ae6; }
</style>
{%- if "widgets" in nb.metadata %}
<script>
  /* Widget views drawn by the widget manager: each figure gets the alt text its caption (the
     HTML widget right after it) repeats, and each slider the name of its label. */
  (function () {
    function name() {
      document.querySelectorAll(".jupyter-widgets img").forEach(function (img) {
        var next = img.nextElementSibling;
        var text = next ? next.textContent.trim().replace(/^Figure:\s*/, "") : "";
        if (text && img.getAttribute("alt") !== text) { img.setAttribute("alt", text); }
        else if (!img.hasAttribute("alt")) { img.setAttribute("alt", "Figure (see its caption)"); }
      });
      document.querySelectorAll(".widget-slider [role=slider]:not([aria-label])")
        .forEach(function (handle) {
          var box = handle.closest(".widget-slider");
          var label = box && box.querySelector(".widget-label");
          if (label && label.textContent.trim()) {
            handle.setAttribute("aria-label", label.textContent.trim());
          }
        });
    }
    new MutationObserver(name).observe(document.documentElement,
                                       {childList: true, subtree: true, characterData: true});
  })();
</script>
{%- endif %}
{%- endblock html_head_css -%}

{%- block body_header -%}
{{ super() }}
<nav class="site-bar" aria-label="Site">
  <a href="index.html">All lessons</a>
  <a href="glossary.html">Glossary</a>
  <a href="{{ resources.binder_url | escape_html }}">Open this page on Binder (runs the code)</a>
</nav>
{%- endblock body_header -%}

{% block data_png scoped %}
{%- set alt = output | get_metadata('alt', 'image/png') -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- if alt is not none %} alt="{{ alt | escape_html }}"{% endif %}
{%- set width = output | get_metadata('width', 'image/png') -%}
{%- if width is not none %} width={{ width | escape_html }}{% endif %}
{%- set height = output | get_metadata('height', 'image/png') -%}
{%- if height is not none %} height={{ height | escape_html }}{% endif %}
>
</div>
{%- endblock data_png %}
"""

_EMPTY_HEADER = re.compile(r"<th>\s*</th>")
_MATHS = re.compile(r"\$\$|\\\(|\\\[|(?<![\w$\\])\$(?=\S)[^$\n]*?[\\^_{}][^$\n]*?(?<=\S)\$(?!\w)")

_NOTEBOOK_LINK = re.compile(r"\]\((?!https?:)([\w\-./]*?)([\w\-]+)\.ipynb(#[^)\s]*)?\)")
_GLOSSARY_LINK = re.compile(r"\]\((?!https?:)([\w\-./]*?)glossary\.md(#[^)\s]*)?\)")


def binder_url(path_in_repo: str) -> str:
    """Binder link that opens ``path_in_repo`` (e.g. ``notebooks/04_survival.ipynb``) in Lab."""
    return f"{BINDER}?urlpath={quote('lab/tree/' + path_in_repo, safe='')}"


def rewrite_links(markdown: str) -> str:
    """Point links at the site's pages: ``04_survival.ipynb#x`` -> ``04_survival.html#x``,
    ``glossary.md#x`` -> ``glossary.html#x`` (web links are left alone)."""
    markdown = _NOTEBOOK_LINK.sub(lambda m: f"]({m.group(2)}.html{m.group(3) or ''})", markdown)
    return _GLOSSARY_LINK.sub(lambda m: f"](glossary.html{m.group(2) or ''})", markdown)


def title_of(nb: nbformat.NotebookNode, fallback: str) -> tuple[str, str]:
    """The notebook's ``# Title`` and the first sentence-like line after it."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = [line.strip() for line in cell.source.splitlines()]
        for i, line in enumerate(lines):
            if line.startswith("# "):
                rest = [text for text in lines[i + 1:] if text and not text.startswith((">", "#"))]
                blurb = " ".join(rest[:3]) if rest else ""
                return line[2:].strip(), blurb
    return fallback, ""


def uses_maths(nb: nbformat.NotebookNode) -> bool:
    """Whether any markdown cell holds TeX maths (``$$``, ``\\(``, ``\\[`` or ``$...$`` with
    TeX in it), or any output is LaTeX. Amounts such as "$5 and $10" are not maths."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and _MATHS.search(cell.source):
            return True
        for out in cell.get("outputs", []):
            if "text/latex" in out.get("data", {}):
                return True
    return False


_RAW_BLOCK = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>)", re.IGNORECASE | re.DOTALL)
_HEADING_TAG = re.compile(r"<(/?)h([1-6])(?=[\s>])", re.IGNORECASE)


def heading_levels(page: str) -> str:
    """The HTML ``page`` with heading levels that never skip one (an ``<h4>`` right under an
    ``<h2>`` becomes ``<h3>``), because screen-reader users move through a page by its
    headings. This covers headings from markdown cells and from outputs alike; headings keep
    their order, text and ids, so links to them still work."""
    stack: list[tuple[int, int]] = []  # (level in the source, level on the page)
    current = [0]

    def renumber(match: re.Match) -> str:
        closing, level = match.group(1), int(match.group(2))
        if closing:
            return f"</h{current[0] or level}"
        while stack and stack[-1][0] >= level:
            stack.pop()
        new_level = stack[-1][1] + 1 if stack else 1
        stack.append((level, new_level))
        current[0] = new_level
        return f"<h{new_level}"

    parts = _RAW_BLOCK.split(page)  # script and style blocks (widget state, code) left alone
    return "".join(part if i % 2 else _HEADING_TAG.sub(renumber, part)
                   for i, part in enumerate(parts))


def accessible_tables(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """DataFrame tables with their empty corner header cell written as an empty data cell: a
    header cell must name its column, and the corner names none."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            html_out = out.get("data", {}).get("text/html")
            if html_out is None:
                continue
            text = "".join(html_out) if isinstance(html_out, list) else html_out
            if 'class="dataframe"' in text:
                out["data"]["text/html"] = _EMPTY_HEADER.sub("<td></td>", text)
    return nb


_HREF_NOTEBOOK = re.compile(r'href="(?!https?:)([\w\-./]*?)([\w\-]+)\.ipynb(#[^"\s]*)?"')


def output_links(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Links to lessons inside HTML outputs and saved widget values (the report reader's table)
    point at the site's pages too: ``href="02_x.ipynb#y"`` -> ``href="02_x.html#y"``."""
    def fix(text: str) -> str:
        return _HREF_NOTEBOOK.sub(lambda m: f'href="{m.group(2)}.html{m.group(3) or ""}"', text)

    for cell in nb.cells:
        for out in cell.get("outputs", []):
            html_out = out.get("data", {}).get("text/html")
            if html_out is not None:
                out["data"]["text/html"] = fix("".join(html_out) if isinstance(html_out, list)
                                               else html_out)
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    for model in state.get("state", {}).values():
        value = model.get("state", {}).get("value")
        if isinstance(value, str) and ".ipynb" in value:
            model["state"]["value"] = fix(value)
    return nb


def copy_static(out: Path) -> None:
    """Copy the vendored widget manager (script, icon fonts, licences) into the site."""
    dest = out / STATIC / "html-manager"
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(HTML_MANAGER.iterdir()):
        shutil.copy2(path, dest / path.name)


def exporter() -> HTMLExporter:
    """nbconvert's JupyterLab HTML template, with the site bar and figure alt text."""
    return HTMLExporter(template_name="lab", template_file="site.html.j2",
                        extra_loaders=[DictLoader({"site.html.j2": TEMPLATE})])


def render(nb: nbformat.NotebookNode, title: str, binder: str, dest: Path) -> Path:
    """Write ``nb`` as ``dest`` (HTML), links rewritten, with its Binder link."""
    nb = output_links(accessible_tables(nbformat.from_dict(nb)))
    if uses_maths(nb):
        raise ValueError(f"{dest.name}: the page uses maths, and the site bundles no MathJax "
                         "(it loads nothing from outside its folder): vendor MathJax first")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = rewrite_links(cell.source)
    body, _ = exporter().from_notebook_node(
        nb, resources={"metadata": {"name": title}, "binder_url": binder,
                       "widget_manager_url": WIDGET_MANAGER_URL})
    dest.write_text(heading_levels(body), encoding="utf-8")
    return dest


def markdown_page(text: str) -> nbformat.NotebookNode:
    return new_notebook(cells=[new_markdown_cell(text)],
                        metadata={"language_info": {"name": "python"}})


def build(out: Path = OUT, names: list[str] | None = None) -> list[Path]:
    """Build the site into ``out`` (emptied first); return the pages written."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    copy_static(out)
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    if names:
        paths = [p for p in paths if p.stem in names]
        missing = set(names) - {p.stem for p in paths}
        if missing:
            known = [p.stem for p in sorted(NOTEBOOKS.glob("*.ipynb"))]
            raise ValueError(f"notebooks must be among {known}; got {sorted(missing)}")
    pages, entries = [], []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        title, blurb = title_of(nb, path.stem)
        pages.append(render(nb, title, binder_url(f"notebooks/{path.name}"),
                            out / f"{path.stem}.html"))
        entries.append(f"- [{title}]({path.stem}.html)" + (f": {blurb}" if blurb else ""))
    glossary = rewrite_links(GLOSSARY.read_text(encoding="utf-8"))
    pages.append(render(markdown_page(glossary), "Glossary",
                        binder_url("notebooks/glossary.md"), out / "glossary.html"))
    app = f"{BINDER}?urlpath={quote('voila/render/app/explorers.ipynb', safe='')}"
    index = "\n".join([
        f"# {SITE_TITLE}", "",
        "Lessons that teach how HER2-negative breast cancer is recognised, classified, staged "
        "and treated, and what its survival figures mean. Each page shows a lesson with its "
        "results; open it on Binder to run the code and use the widgets.", "",
        EDUCATION_NOTE, "",
        "## Lessons", "", *entries, "",
        "## Also", "",
        "- [Glossary](glossary.html): the terms used in the lessons, in plain words.",
        f"- [The explorers as an app]({app}) (on Binder, no code shown).",
    ])
    pages.append(render(markdown_page(index), SITE_TITLE,
                        binder_url("notebooks/00_start_here.ipynb"), out / "index.html"))
    return pages


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="notebook names (default: all)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    started = time.monotonic()
    pages = build(args.out, args.names or None)
    print(f"Built {len(pages)} pages into {args.out} in {time.monotonic() - started:.1f} s; "
          f"open {html.escape(str(args.out / 'index.html'))}")


if __name__ == "__main__":
    main(sys.argv[1:])
