"""A new workspace in JupyterLab, with a new user's empty settings, does not ask "Would you like
to get notified about official Jupyter news?" (README: the news feed is off). The answer comes
from the collection's settings defaults, which ``make install`` puts in the environment
(tools/install_lab_settings.py)."""

from __future__ import annotations

import json
import secrets
import sys
import urllib.request

from harness import ROOT, start_lab

sys.path.insert(0, str(ROOT / "tools"))
import install_lab_settings  # noqa: E402

QUESTION = "official Jupyter news"


def test_the_settings_file_is_installed_in_this_environment() -> None:
    """``make install`` (and Binder's postBuild) copy the defaults where JupyterLab reads them."""
    installed = install_lab_settings.target()
    assert installed.is_file(), f"run make install: {installed} is missing"
    settings = json.loads(installed.read_text())
    assert settings == json.loads(install_lab_settings.SOURCE.read_text())
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_a_new_workspace_does_not_ask_about_news(browser, served_root, tmp_path) -> None:
    lab = start_lab(served_root, tmp_path, secrets.token_hex(24), answer_news=False)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        with urllib.request.urlopen(lab.url(
                "/lab/api/settings/@jupyterlab/apputils-extension:notification")) as response:
            # The server applies the defaults to the setting's schema.
            default = json.load(response)["schema"]["properties"]["fetchNews"]["default"]
        page.goto(lab.url("/lab/workspaces/news/tree/notebooks/00_start_here.ipynb", "&reset"))
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        page.wait_for_timeout(6000)  # the question comes a moment after the page is ready
        text = page.evaluate("() => document.body.innerText")
    finally:
        context.close()
        lab.stop()
    assert QUESTION not in text
    assert default == "false", default
