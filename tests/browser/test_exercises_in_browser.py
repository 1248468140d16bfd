"""The scripted student in JupyterLab in Chromium: edit an exercise cell as its instruction says,
run it with Shift+Enter, and read the feedback on the page.

The kernel-level scripted student (tests/test_scripted_student.py) covers every exercise of every
lesson; this test does the same for the staging lesson and lesson 5's fill-in-the-blank
exercise through the browser, where a student meets them: the editor, the keyboard, the rendered
feedback box, and no red traceback for an answer typed without quotes.
"""

from __future__ import annotations

import time

from harness import ARTIFACTS, run_all_cells

LABELS = ("✔ Correct:", "✘ Not yet:", "? Check the form of your answer:", "… Not answered yet:")


def _cell(page, call: str):
    """The code cell whose source holds ``call``, reached as a student would: from the top of
    the notebook, cell by cell (JupyterLab renders a cell's editor only once it is in view)."""
    page.query_selector(".jp-Notebook .jp-Cell").click()
    page.keyboard.press("Escape")  # command mode
    page.keyboard.press("Control+Home")
    for _ in range(300):
        active = page.query_selector(".jp-Notebook .jp-Cell.jp-mod-active")
        editor = active.query_selector(".cm-content") if active else None
        if (editor is not None and "jp-CodeCell" in (active.get_attribute("class") or "")
                and call in editor.inner_text()):
            return active
        page.keyboard.press("ArrowDown")
        time.sleep(0.05)
    raise AssertionError(f"no code cell calls {call}")


def _prompt(cell) -> str:
    return cell.query_selector(".jp-InputArea-prompt").inner_text().strip()


def _type_and_run(page, cell, source: str, timeout: float = 60) -> str:
    """Replace the cell's text with ``source`` as a student would (click, select all, type),
    run it with Shift+Enter, and return the text its output shows once it has run."""
    before = _prompt(cell)
    cell.scroll_into_view_if_needed()
    cell.query_selector(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(source)
    page.keyboard.press("Shift+Enter")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        prompt = _prompt(cell)
        if prompt != before and "*" not in prompt and prompt.strip("[]: "):
            output = cell.query_selector(".jp-OutputArea")
            text = output.inner_text().strip() if output else ""
            if any(label in text for label in LABELS) or "Error" in text:
                return text
        time.sleep(0.25)
    return f"(no feedback after {timeout:.0f} s; prompt {_prompt(cell)!r})"


def _errors(cell) -> list[str]:
    return [e.inner_text()[:300] for e in cell.query_selector_all(
        '[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output.jp-mod-error')]


def _open(browser, lab, relpath: str):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    workspace = "s" + "".join(ch if ch.isalnum() else "-" for ch in relpath)
    page.goto(lab.url(f"/lab/workspaces/{workspace}/tree/{relpath}", "&reset"))
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')", timeout=90_000)
    assert run_all_cells(page, 300) is None
    return context, page


def _script(page, call: str, steps: list[tuple[str, str, str]]) -> list[str]:
    """Run each (typed source, label, words) step in the cell holding ``call``."""
    problems = []
    cell = _cell(page, call)
    for source, label, words in steps:
        text = _type_and_run(page, cell, source)
        errors = _errors(cell)
        if errors or "Traceback" in text:
            problems.append(f"{call} {source!r}: a traceback on the page: {errors or text}")
        if label not in text or words.lower() not in text.lower():
            problems.append(f"{call} {source!r}: expected {label} ... {words!r}; the page "
                            f"shows: {text[:400]}")
    return problems


def _finish(page, context, lab, name: str, problems: list[str]) -> None:
    if problems:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
    lab.shutdown_kernels()
    assert not problems, "\n".join(problems)


def test_staging_exercises_in_the_browser(browser, lab) -> None:
    context, page = _open(browser, lab, "notebooks/03_staging.ipynb")
    stub = "# YOUR ANSWER HERE: replace the ... above, then run this cell.\n"
    problems = _script(page, "exercises.staging.exercise_2(", [
        (f"answer = IIB\n{stub}exercises.staging.exercise_2(answer)",
         "? Check the form of your answer:", 'in quotes: "IIB"'),
        (f'answer = "IIA"\n{stub}exercises.staging.exercise_2(answer)', "✘ Not yet:", "N1"),
        (f'answer = "stage 2b"\n{stub}exercises.staging.exercise_2(answer)', "✔ Correct:",
         "AJCC writes stage groups in Roman numerals"),
        (f'answer = "IIB"\n{stub}exercises.staging.exercise_2(answer)', "✔ Correct:", "T2 N1"),
    ])
    problems += _script(page, "exercises.prognostic.exercise_6(", [
        (f"answer = IA\n{stub}exercises.prognostic.exercise_6(answer)",
         "? Check the form of your answer:", 'in quotes: "IA"'),
        (f'answer = "1A"\n{stub}exercises.prognostic.exercise_6(answer)', "✔ Correct:",
         "Roman numerals"),
    ])
    _finish(page, context, lab, "scripted-student-03_staging", problems)


def test_treatment_fill_in_the_blank_in_the_browser(browser, lab) -> None:
    """Lesson 5 exercise 1: fill in the blank of the commented line, remove its #, run."""
    context, page = _open(browser, lab, "notebooks/05_treatment.ipynb")
    call = "exercises.treatment.exercise_1("
    cell = _cell(page, call)
    lines = cell.query_selector(".cm-content").inner_text().split("\n")
    edited = "\n".join(line[2:].replace("____", "drug_class")
                       if line.startswith("# answer") and "____" in line else line
                       for line in lines)
    problems = _script(page, call, [(edited, "✔ Correct:", "CDK4/6")])
    _finish(page, context, lab, "scripted-student-05_treatment", problems)
