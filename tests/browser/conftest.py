"""Fixtures of the real-browser tests: Chromium, one JupyterLab server per test session.

Chromium is Debian's ``chromium`` package (``/usr/bin/chromium``, or the path in $CHROMIUM),
driven by Playwright for Python. When it is missing:

- with ``CI=true`` every browser test FAILS (CI must run them; ``.ci/run`` installs Chromium);
- otherwise they are skipped, and the end of the test run says so in one clear line.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest

from harness import CHROMIUM, CHROMIUM_ARGS, copy_collection, start_lab

_SKIPPED: list[str] = []


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return (f"Chromium not found at {CHROMIUM}. Install Debian's chromium "
                "(sudo apt-get install chromium) or set CHROMIUM to its path")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (run make install)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = chromium_missing_reason()
    if reason:
        if _in_ci():
            pytest.fail(f"CI=true and the browser tests cannot run: {reason}", pytrace=False)
        _SKIPPED.append(reason)
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served_root(tmp_path_factory) -> Path:
    """A copy of the collection to serve (plus room for the tests' own broken notebooks)."""
    root = copy_collection(tmp_path_factory.mktemp("served"))
    (root / "broken").mkdir()
    return root


@pytest.fixture(scope="session")
def lab(browser, served_root, tmp_path_factory):
    """One JupyterLab server for the whole session, started as ``make lab`` starts it."""
    server = start_lab(served_root, tmp_path_factory.mktemp("lab"), secrets.token_hex(24))
    yield server
    server.stop()


def pytest_terminal_summary(terminalreporter) -> None:
    if _SKIPPED:
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED: {_SKIPPED[0]}. They run in CI (CI=true makes them fail "
            "instead of skipping).", yellow=True, bold=True)
