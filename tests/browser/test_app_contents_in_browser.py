"""The app's contents list: a person on a phone can move between the explorers.

Every explorer section of app/explorers.ipynb is listed under "Contents"; in the browser (390 px
wide, a phone) each link leads to its explorer's heading, and each section links back. Lesson 1's
copy-number explorer is one of them.
"""

from __future__ import annotations

import re
import secrets

import nbformat

from harness import ROOT, JS_WIDGET_OUTPUTS, _wait, start_app
import serve

LINK = re.compile(r"\[([^\]]+)\]\(#([^)]+)\)")


def _sections() -> list[str]:
    nb = nbformat.read(ROOT / serve.APP_NOTEBOOK, as_version=4)
    return [line[3:].strip() for cell in nb.cells if cell.cell_type == "markdown"
            for line in cell.source.splitlines() if line.startswith("## ")
            and line[3:].strip() != "Contents"]


def test_contents_lists_every_explorer_and_lesson_1s() -> None:
    nb = nbformat.read(ROOT / serve.APP_NOTEBOOK, as_version=4)
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    contents = text.split("## Contents", 1)[1].split("\n## ", 1)[0]
    listed = [name for name, _anchor in LINK.findall(contents)]
    assert listed == _sections()
    assert "HER2 copy-number explorer" in listed
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    assert "copy_number_explorer()" in code
    assert text.count("[Back to the contents](#Contents)") == len(listed)


def test_contents_links_lead_to_each_explorer_on_a_phone(browser, tmp_path) -> None:
    app = start_app(tmp_path, secrets.token_hex(24))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60_000)
    problems = []
    try:
        page.goto(app.url("/"))
        sections = _sections()
        _wait(lambda: sum(o["rendered"] for o in page.evaluate(JS_WIDGET_OUTPUTS))
              >= len(sections), 120)
        links = page.evaluate("""() => Array.from(document.querySelectorAll('a[href^="#"]'))
            .filter(a => !a.classList.contains('anchor-link'))
            .map(a => [a.textContent.trim(), a.getAttribute('href')])""")
        listed = [(text, href) for text, href in links if text != "Back to the contents"]
        if [text for text, _ in listed] != sections:
            problems.append(f"contents {listed} do not match the sections {sections}")
        for text, href in listed + [("Back to the contents", "#Contents")]:
            target = page.query_selector(f"[id='{href[1:]}']")
            if target is None:
                problems.append(f"link {text!r} leads nowhere ({href})")
                continue
            page.click(f"a[href='{href}']:not(.anchor-link) >> nth=0")
            page.wait_for_timeout(300)
            top = target.evaluate("e => e.getBoundingClientRect().top")
            if not -2 <= top <= 844:
                problems.append(f"after clicking {text!r} its heading is not on screen "
                                f"(top {top:.0f} px)")
    finally:
        context.close()
        app.stop()
    assert not problems, "\n".join(problems)
