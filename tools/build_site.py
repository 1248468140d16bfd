"""Build the published site: the collection as a book (Sphinx, MyST-NB and sphinx-book-theme),
every notebook with its committed outputs, the glossary and an index page, into ``_build/site/``.

The build stages the pages into a folder of its own (``_build/site-src/`` next to the output)
and runs Sphinx on it with the configuration in ``tools/site/conf.py``. No notebook is executed
(MyST-NB's ``nb_execution_mode = "off"``): the pages show the committed outputs, which nbval
checks, so the build needs no kernel and no network. Staging does what the book needs on top of
the notebooks:

- **Snapshot, said plainly.** Every lesson page opens with a note that it is a snapshot, with a
  link that opens the same lesson live on Binder; every explorer, every exercise and every
  passage that says how to run cells (Shift + Enter, the Kernel menu) gets the same note right
  above it, and the explorers' controls are switched off in the saved widget
  state (``disabled``), so that no control on the page looks live and does nothing.
- **Links that work.** Links between lessons and to glossary terms are MyST cross-references
  (Sphinx stops on one that does not resolve: the build runs with warnings as errors); a link
  that leaves the notebooks folder (the instructor guide) points at the repository's copy.
- **No script from an output.** A script that a lesson output carries (an
  ``application/javascript`` output, a ``<script>`` element, an ``on...=`` handler or a
  ``javascript:`` address in an HTML output or an HTML widget) is removed, unless the build is
  told to keep it (``--allow-output-scripts``).
- **Figures keep their alt text** (``tools/site/alt_text.py``: MyST-NB would write the image's
  file name instead).
- **Accessible tables and headings.** The empty corner header cell of a DataFrame table becomes
  a data cell; after the build, headings that HTML outputs bring never skip a level
  (:func:`heading_levels`).

The site is self-contained: no page requests anything from outside its folder. The theme bundles
its fonts and scripts; the widget outputs show their saved state through the Jupyter widget
manager ``@jupyter-widgets/html-manager`` at a pinned version, committed in ``tools/vendor/``
and copied into ``_static/html-manager/``; there is no MathJax (the build refuses a page with
maths rather than load it from a CDN).

Usage::

    .venv/bin/python tools/build_site.py                  # the whole collection
    .venv/bin/python tools/build_site.py --out DIR 04_survival   # some notebooks, elsewhere

``make site`` runs the first form; ``tests/test_site.py`` builds the site too.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import nbformat
from nbformat.v4 import new_markdown_cell

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "_build" / "site"
CONF = ROOT / "tools" / "site"
REPOSITORY = "https://github.com/her2neg-teaching/her2neg-teaching"
BINDER = "https://mybinder.org/v2/gh/her2neg-teaching/her2neg-teaching/HEAD"
SITE_TITLE = "HER2-negative breast cancer: an interactive teaching collection"
#: The index page's own title: the start page (lesson 0) has the collection's title, and the
#: index's "Next" link leads to it.
INDEX_TITLE = "Contents"
EDUCATION_NOTE = ("> **For education only.** Not medical advice, and not for decisions about "
                  "any person's care.")

VENDOR = ROOT / "tools" / "vendor"
#: The widget manager of ipywidgets 8 (npm @jupyter-widgets/html-manager), pinned and vendored.
HTML_MANAGER_VERSION = "1.0.15"
HTML_MANAGER = VENDOR / "html-manager"
#: Where the widget manager is in the built site (relative to its root).
WIDGET_MANAGER_URL = "_static/html-manager/embed.js"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: Widget models whose ``value`` is HTML that the widget manager writes into the page.
HTML_WIDGETS = ("HTMLModel", "HTMLMathModel")

_EMPTY_HEADER = re.compile(r"<th>\s*</th>")
_MATHS = re.compile(r"\$\$|\\\(|\\\[|(?<![\w$\\])\$(?=\S)[^$\n]*?[\\^_{}][^$\n]*?(?<=\S)\$(?!\w)")
#: A markdown link whose target leaves the notebooks folder: ``](../instructors/guide.md#x)``.
_OUTSIDE_LINK = re.compile(r"\]\(\.\./([^)\s#]+)(#[^)\s]*)?\)")


def binder_url(path_in_repo: str) -> str:
    """Binder link that opens ``path_in_repo`` (e.g. ``notebooks/04_survival.ipynb``) in Lab."""
    return f"{BINDER}?urlpath={quote('lab/tree/' + path_in_repo, safe='')}"


def repository_url(path_in_repo: str) -> str:
    """The repository's page of a file, e.g. ``instructors/guide.md``."""
    return f"{REPOSITORY}/blob/HEAD/{path_in_repo}"


def rewrite_links(markdown: str) -> str:
    """Point links that leave the notebooks folder (``../instructors/guide.md#x``) at the
    repository's copy of the file; links between pages are left to MyST, which resolves them."""
    return _OUTSIDE_LINK.sub(lambda m: f"]({repository_url(m.group(1))}{m.group(2) or ''})",
                             markdown)


def title_of(nb: nbformat.NotebookNode, fallback: str) -> tuple[str, str]:
    """The notebook's ``# Title`` and the whole first paragraph after it (never cut)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = [line.strip() for line in cell.source.splitlines()]
        for i, line in enumerate(lines):
            if line.startswith("# "):
                paragraph: list[str] = []
                for text in lines[i + 1:]:
                    if not text:
                        if paragraph:
                            break
                        continue
                    if text.startswith((">", "#", "*Abbreviations")) and not paragraph:
                        break
                    paragraph.append(text)
                return line[2:].strip(), " ".join(paragraph)
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


def article_heading_levels(page: str) -> str:
    """``page`` with :func:`heading_levels` applied to its article (the lesson), where HTML
    outputs bring their own headings (a case card's ``<h4>`` under an ``<h2>``)."""
    start = page.find('<article class="bd-article">')
    end = page.find("</article>", start)
    if start < 0 or end < 0:
        return page
    return page[:start] + heading_levels(page[start:end]) + page[end:]


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


# --- Scripts in outputs ---------------------------------------------------------------------

_SCRIPT_ELEMENTS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base"}
_VOID_ELEMENTS = {"embed", "frame", "base"}  # no end tag: nothing inside them to skip
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class _ScriptRemover(HTMLParser):
    """Rewrites HTML without script elements, event-handler attributes or ``javascript:``
    addresses; everything else (tables, styles, images, entities) is kept as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.skipping: str | None = None  # inside an element that is dropped whole
        self.removed = 0

    def _attributes(self, attrs: list[tuple[str, str | None]]) -> str:
        kept = []
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.removed += 1
                continue
            if (name.lower() in _URL_ATTRIBUTES and value
                    and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(("javascript:", "vbscript:"))):
                self.removed += 1
                continue
            kept.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
        return "".join(" " + a for a in kept)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            return
        if tag.lower() in _SCRIPT_ELEMENTS:
            self.removed += 1
            if tag.lower() not in _VOID_ELEMENTS:
                self.skipping = tag.lower()
            return
        self.parts.append(f"<{tag}{self._attributes(attrs)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            return
        if tag.lower() in _SCRIPT_ELEMENTS:
            self.removed += 1
            return
        self.parts.append(f"<{tag}{self._attributes(attrs)}/>")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag.lower() == self.skipping:
                self.skipping = None
            return
        self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        if not self.skipping:
            self.parts.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.skipping:
            self.parts.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        pass  # comments are dropped (conditional comments could carry scripts)

    def handle_decl(self, decl: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass


def remove_scripts(text: str) -> tuple[str, int]:
    """``text`` (HTML) without anything that runs a script; and how many things were removed."""
    parser = _ScriptRemover()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts), parser.removed


def without_output_scripts(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, int]:
    """The notebook with no script in its outputs or in its HTML widgets' saved values:
    ``application/javascript`` outputs dropped, HTML outputs cleaned (:func:`remove_scripts`).
    Returns the notebook and how many scripts were removed."""
    removed = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if data.pop("application/javascript", None) is not None:
                removed += 1
            if "text/html" in data:
                text = data["text/html"]
                text = "".join(text) if isinstance(text, list) else text
                data["text/html"], count = remove_scripts(text)
                removed += count
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model in state.values():
        if model.get("model_name") in HTML_WIDGETS and isinstance(model["state"].get("value"), str):
            model["state"]["value"], count = remove_scripts(model["state"]["value"])
            removed += count
    return nb, removed


# --- Snapshots ------------------------------------------------------------------------------

def snapshot_note(binder: str) -> str:
    """The note at the top of a lesson page."""
    return ("::::{admonition} This page is a snapshot of the lesson\n:class: note snapshot-note\n"
            "It shows the lesson as it was last run. Its explorers and exercises do not run here: "
            "their controls are switched off and the answers cannot be checked. "
            f"[Open this lesson live on Binder]({binder}) to change the values, run the code and "
            "check your answers (it starts a copy of the collection in your browser; no "
            "installation).\n::::")


def explorer_note(binder: str) -> str:
    """The note right above each explorer (widget) on a lesson page."""
    return ("::::{admonition} Snapshot of an explorer\n:class: note snapshot-note\n"
            "It shows the values it was saved with; its controls are switched off on this page. "
            f"[Use it live on Binder]({binder}).\n::::")


def exercise_note(binder: str) -> str:
    """The note right above each exercise cell on a lesson page."""
    return ("::::{admonition} Snapshot of an exercise\n:class: note snapshot-note\n"
            "Here the cell cannot be edited or run, and no answer is checked: what it shows is "
            f"the lesson's own run. [Do the exercise live on Binder]({binder}).\n::::")


def instructions_note(binder: str) -> str:
    """The note right above a passage that tells the reader to run cells or use the menus
    (Shift + Enter, the Kernel and Run menus), which only work in the live notebook."""
    return ("::::{admonition} On this site, nothing runs\n:class: note snapshot-note\n"
            "The steps below (Shift + Enter, the Run and Kernel menus, the widgets) work in the "
            "live notebook in JupyterLab, not on this page, which is a snapshot. "
            f"[Open this lesson live on Binder]({binder}) to follow them.\n::::")


#: A markdown passage that tells the reader how to run the notebook.
_RUN_INSTRUCTIONS = re.compile(r"<kbd>Shift</kbd>\s*\+\s*<kbd>Enter</kbd>|Kernel\s*→")


def gives_run_instructions(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "markdown" and bool(_RUN_INSTRUCTIONS.search(cell.source))


_EXERCISE_CALL = re.compile(r"\bexercises\.\w+\.\w+\(")


def is_exercise(cell: nbformat.NotebookNode) -> bool:
    """A code cell that checks a student's answer (calls a checker of ``helpers.exercises``)
    and is not an explorer (a widget, which gets :func:`explorer_note`)."""
    return (cell.cell_type == "code" and not shows_widget(cell)
            and bool(_EXERCISE_CALL.search(cell.source)))


def shows_widget(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "code" and any(
        WIDGET_VIEW in out.get("data", {}) for out in cell.get("outputs", []))


def as_snapshot(nb: nbformat.NotebookNode, binder: str) -> nbformat.NotebookNode:
    """The notebook as the site shows it: a snapshot note after the title cell and above each
    explorer, each exercise and each passage that says how to run cells, and every widget
    control switched off (``disabled``) in the saved state."""
    cells = []
    for i, cell in enumerate(nb.cells):
        if shows_widget(cell):
            cells.append(new_markdown_cell(explorer_note(binder)))
        elif is_exercise(cell):
            cells.append(new_markdown_cell(exercise_note(binder)))
        elif gives_run_instructions(cell):
            cells.append(new_markdown_cell(instructions_note(binder)))
        cells.append(cell)
        if i == 0:
            cells.append(new_markdown_cell(snapshot_note(binder)))
    nb.cells = cells
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model in state.values():
        if "disabled" in model.get("state", {}):
            model["state"]["disabled"] = True
    return nb


# --- Staging and building -------------------------------------------------------------------

def index_page(entries: list[tuple[str, str, str]], docnames: list[str]) -> str:
    """The index page (MyST): the lessons with their whole descriptions, and the book's
    table of contents (the sidebar)."""
    app = f"{BINDER}?urlpath={quote('voila/render/app/explorers.ipynb', safe='')}"
    reader = f"{BINDER}?urlpath={quote('voila/render/app/report_reader.ipynb', safe='')}"
    start = binder_url("notebooks/00_start_here.ipynb")
    lines = [
        f"# {INDEX_TITLE}", "",
        "Lessons that teach how HER2-negative breast cancer is recognised, classified, staged "
        "and treated, and what its survival figures mean. Each page shows a lesson as it was "
        "last run, with its results; to run the code and use the explorers, open it on Binder "
        f"([the start page on Binder]({start}); each lesson page has its own link).", "",
        EDUCATION_NOTE, "",
        "## Lessons", "",
        *[f"- [{title}]({name}.ipynb)" + (f": {blurb}" if blurb else "")
          for name, title, blurb in entries], "",
        "## Also", "",
        "- [Glossary](glossary.md): the terms used in the lessons, in plain words.",
        f"- [The explorers as an app]({app}) (on Binder, no code shown).",
        f"- [The report reader as an app]({reader}) (on Binder, no code shown): read a breast "
        "pathology report, finding by finding.",
        f"- [The instructor guide]({repository_url('instructors/guide.md')}) (in the "
        "repository): class plans, model answers and how to run a graded class.", "",
        "```{toctree}", ":hidden:", ":maxdepth: 1", "", *docnames, "```", "",
    ]
    return "\n".join(lines)


def stage(src: Path, notebooks: Path = NOTEBOOKS, names: list[str] | None = None,
          allow_output_scripts: bool = False) -> list[str]:
    """Write the pages Sphinx builds into ``src`` (emptied first); return their names."""
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    paths = sorted(notebooks.glob("*.ipynb"))
    if names:
        known = [p.stem for p in paths]
        missing = set(names) - set(known)
        if missing:
            raise ValueError(f"notebooks must be among {known}; got {sorted(missing)}")
        paths = [p for p in paths if p.stem in names]
    entries, docnames = [], []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if uses_maths(nb):
            raise ValueError(f"{path.name}: the page uses maths, and the site bundles no MathJax "
                             "(it loads nothing from outside its folder): vendor MathJax first")
        title, blurb = title_of(nb, path.stem)
        entries.append((path.stem, title, blurb))
        docnames.append(path.stem)
        nb = output_links(accessible_tables(nb))
        if not allow_output_scripts:
            nb, _ = without_output_scripts(nb)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = rewrite_links(cell.source)
        nb = as_snapshot(nb, binder_url(f"notebooks/{path.name}"))
        nbformat.write(nb, src / path.name)
    glossary = notebooks / "glossary.md"
    if glossary.is_file():
        text = rewrite_links(glossary.read_text(encoding="utf-8"))
        # The glossary's entries are <a id="term"></a> anchors: MyST targets, so that links
        # to them are checked like any other reference.
        text = re.sub(r'^<a id="([^"]+)"></a>$', r"(\1)=", text, flags=re.MULTILINE)
        lines = text.split("\n", 1)
        note = (f"\n\n[Open the glossary on Binder]({binder_url('notebooks/glossary.md')}) "
                "next to the lessons.\n")
        (src / "glossary.md").write_text(lines[0] + note + (lines[1] if len(lines) > 1 else ""),
                                         encoding="utf-8")
        docnames.append("glossary")
    (src / "index.md").write_text(index_page(entries, docnames), encoding="utf-8")
    static = src.parent / (src.name + "-static")
    if static.exists():
        shutil.rmtree(static)
    shutil.copytree(HTML_MANAGER, static / "html-manager")
    return ["index", *docnames]


class SiteBuildError(RuntimeError):
    """Sphinx reported a warning (a dead link, an unknown reference) or an error."""


def build(out: Path = OUT, names: list[str] | None = None, notebooks: Path = NOTEBOOKS,
          allow_output_scripts: bool = False) -> list[Path]:
    """Build the site into ``out`` (emptied first); return the pages written."""
    from sphinx.cmd.build import build_main

    src = out.parent / (out.name + "-src")
    docnames = stage(src, notebooks, names, allow_output_scripts)
    if out.exists():
        shutil.rmtree(out)
    warnings = out.parent / (out.name + "-warnings.txt")
    env = {"SITE_EXTRA_STATIC": str(src.parent / (src.name + "-static")),
           "SITE_ALLOW_OUTPUT_SCRIPTS": "1" if allow_output_scripts else "0"}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-E", "-c", str(CONF),
                             "-d", str(src / ".doctrees"), "-w", str(warnings), str(src), str(out)])
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if status != 0:
        raise SiteBuildError("Sphinx stopped on these warnings:\n"
                             + warnings.read_text(encoding="utf-8").replace(str(src) + os.sep, ""))
    pages = [out / f"{name}.html" for name in docnames]
    for path in pages:
        path.write_text(article_heading_levels(path.read_text(encoding="utf-8")), encoding="utf-8")
    return pages


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="notebook names (default: all)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--allow-output-scripts", action="store_true",
                        help="keep scripts that lesson outputs carry (removed by default)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    pages = build(args.out, args.names or None, allow_output_scripts=args.allow_output_scripts)
    print(f"Built {len(pages)} pages into {args.out} in {time.monotonic() - started:.1f} s; "
          f"open {html.escape(str(args.out / 'index.html'))}")


if __name__ == "__main__":
    main(sys.argv[1:])
