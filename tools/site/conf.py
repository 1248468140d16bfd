"""Sphinx configuration of the published site (Sphinx + MyST-NB + sphinx-book-theme).

``tools/build_site.py`` stages the pages (the committed notebooks, the glossary and a generated
index) into a folder of its own and runs Sphinx on it with this configuration
(``sphinx-build -c tools/site``). The notebooks are never executed here
(``nb_execution_mode = "off"``): the site shows the committed outputs, which nbval checks.

Nothing on a page is loaded from outside the site's folder: the theme bundles its fonts and
scripts, the widget manager is the pinned copy in ``tools/vendor/`` (copied into ``_static/``
by the build), there is no MathJax (the build refuses a page with maths) and no analytics.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from anchors import jupyterlab_anchor  # noqa: E402

project = "HER2-negative breast cancer: an interactive teaching collection"
author = "The her2neg-teaching authors"
copyright = "The her2neg-teaching authors. Code: MIT; lesson text: CC BY 4.0"
language = "en"

REPOSITORY = "https://github.com/her2neg-teaching/her2neg-teaching"

extensions = ["myst_nb", "alt_text"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints", "static"]
# build_site.py passes the staged extra static folder (the vendored widget manager) this way.
html_static_path = ["static"] + [p for p in os.environ.get("SITE_EXTRA_STATIC", "").split(os.pathsep) if p]
html_css_files = ["site.css"]
html_js_files = ["site.js"]

# --- MyST and MyST-NB ---------------------------------------------------------------------
nb_execution_mode = "off"  # show the committed outputs; no kernel, no network
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3


# Headings' anchors as JupyterLab writes them (in a module: Sphinx pickles its settings).
myst_heading_slug_func = jupyterlab_anchor
# The standalone widget manager of ipywidgets 8, vendored (tools/vendor/html-manager), instead
# of MyST-NB's default: RequireJS and html-manager from two CDNs.
nb_ipywidgets_js = {"html-manager/embed.js": {"defer": "defer"}}
# A script a lesson output carries (application/javascript) is not rendered unless the build
# is told to (build_site.py --allow-output-scripts sets SITE_ALLOW_OUTPUT_SCRIPTS=1); HTML
# outputs are cleaned of scripts by build_site.py before Sphinx sees them.
if os.environ.get("SITE_ALLOW_OUTPUT_SCRIPTS") != "1":
    nb_mime_priority_overrides = [("html", "application/javascript", None)]
nb_merge_streams = True

# --- Theme --------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "HER2-negative breast cancer"
html_favicon = "static/favicon.svg"  # made for the site; no request for /favicon.ico
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = True
html_theme_options = {
    "repository_url": REPOSITORY,
    "repository_branch": "HEAD",
    "path_to_docs": "notebooks",
    "use_repository_button": False,  # a link out, not needed to read the book
    "use_download_button": True,
    "use_fullscreen_button": False,
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    "home_page_in_toc": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "icon_links": [],
    # The title and the search field are in the sidebar: no top bar with a second search
    # field over the page (the top bar is hidden in static/site.css).
    "navbar_persistent": [],
    "extra_footer": "<p>For education only. Not medical advice, and not for decisions about "
                    "any person's care.</p>",
}
html_context = {"default_mode": "auto"}  # light or dark, as the reader's system is set
pygments_style = "a11y-light"
pygments_dark_style = "a11y-dark"

# Dead links and unknown references are errors (build_site.py runs Sphinx with -W); these
# categories are not about links.
suppress_warnings = ["myst.header", "config.cache"]
