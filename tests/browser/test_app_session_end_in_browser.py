"""The explorers app tells the student, on the page and in words, when its session has ended
(before: after the session time limit the controls silently stopped answering)."""

from __future__ import annotations

import secrets

from harness import JS_WIDGET_OUTPUTS, Server, _wait, free_port
import serve


def test_the_page_says_its_session_reached_the_time_limit(browser, tmp_path) -> None:
    port, token = free_port(), secrets.token_hex(24)
    command = serve.app_command() + [
        f"--port={port}", f"--Voila.token={token}", "--pool_size=1",
        "--ExplorersVoila.session_time_limit=25", "--ExplorersVoila.session_check_interval=1"]
    app = Server(command, port, token, tmp_path, "/voila/static/voila.js")
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(app.url("/"))
        assert _wait(lambda: sum(o["rendered"] for o in page.evaluate(JS_WIDGET_OUTPUTS)) >= 5,
                     120), "the explorers did not render"
        assert page.locator("#explorers-session-ended").count() == 0  # not while it works
        notice = page.locator("#explorers-session-ended")
        notice.wait_for(state="visible", timeout=90_000)
        text = notice.inner_text()
        assert notice.get_attribute("role") == "alert"
        assert "time limit" in text and "Reload the page" in text
        context.close()
    finally:
        app.stop()
