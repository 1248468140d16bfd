"""The explorers app in a real browser asks nothing of any machine but the one serving it, and
closing its tab shuts its kernel down."""

from __future__ import annotations

import secrets
import urllib.error
import urllib.parse
import urllib.request

from harness import JS_WIDGET_OUTPUTS, _wait, start_app


def test_app_requests_stay_on_this_machine_and_closing_frees_the_kernel(browser, tmp_path) -> None:
    """Before: the page fetched Font Awesome from cdn.jsdelivr.net, and its unload request was
    refused (403, no _xsrf cookie), leaving the kernel running after the tab closed."""
    app = start_app(tmp_path, secrets.token_hex(24))
    requested: list[str] = []
    try:
        context = browser.new_context()
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(app.url("/"))
        assert _wait(lambda: sum(o["rendered"] for o in page.evaluate(JS_WIDGET_OUTPUTS)) >= 5,
                     120), "the explorers did not render"
        page.wait_for_load_state("networkidle", timeout=60_000)
        kernel_id = page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent)"
            ".kernelId")
        page.goto("about:blank")  # leaving the page sends its unload request (a beacon)
        context.close()

        def gone() -> bool:
            try:
                app.api("GET", f"/api/kernels/{kernel_id}")
            except urllib.error.HTTPError as error:
                return error.code == 404
            return False

        assert _wait(gone, 30), "the kernel was still running after its tab closed"
    finally:
        app.stop()
    hosts = {urllib.parse.urlsplit(url).hostname for url in requested
             if urllib.parse.urlsplit(url).scheme in ("http", "https", "ws", "wss")}
    assert requested and hosts == {"127.0.0.1"}, sorted(u for u in requested
                                                        if "127.0.0.1" not in u)[:10]
