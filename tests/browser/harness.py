"""The real-browser checks, as plain functions that return the problems they find.

A student opens a notebook in JupyterLab, runs every cell from the Run menu and plays with the
widgets. :func:`check_notebook` does the same in headless Chromium and reports, in words,
anything that would be wrong on their screen:

- an error output (a traceback or anything written to stderr);
- a widget the notebook displays that the page does not render (the expected number of widget
  views is the number of widget outputs the notebook itself holds after a fresh run);
- a widget whose shown result does not change when one of its controls is changed (pick another
  dropdown option, move a slider with the keyboard, choose another radio button or toggle,
  tick a box, type into a text box, press a button; the first control that changes something
  is enough).

:func:`check_app` does the same for the Voila app. The functions never raise on a finding, so
the tests of the tests (``test_harness_catches.py``) can assert that broken notebooks are
reported. Servers are started from ``tools/serve.py``, as ``make lab`` and ``make app`` do.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import serve  # noqa: E402

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
#: Debian's Chromium, headless, as root (CI), with no background traffic to hosts this machine
#: cannot reach (without these flags it retries refused connections all the time).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
ARTIFACTS = ROOT / "test-artifacts"

#: Output areas of widget views: JupyterLab's widget renderer gives them no data-mime-type
#: (every other renderer does). A view that renders holds a .jupyter-widgets element; one whose
#: model or view cannot be made shows ipywidgets' error widget or says "Error displaying
#: widget"; one still waiting is empty.
JS_IS_RENDERED = """
(e) => e.querySelector('.jupyter-widgets') !== null
       && e.querySelector('.jupyter-widgets-error-widget') === null
       && !e.textContent.includes('Error displaying widget')
"""
JS_WIDGET_OUTPUTS = f"""
() => Array.from(document.querySelectorAll('.jp-OutputArea-output:not([data-mime-type])'))
  .map(e => ({{rendered: ({JS_IS_RENDERED})(e), text: e.textContent.trim().slice(0, 200),
               pending: e.querySelector('.jupyter-widgets') === null
                        && e.textContent.trim() === ''}}))
"""
JS_ERRORS = """
() => Array.from(document.querySelectorAll(
        '[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output.jp-mod-error'))
  .map(e => e.textContent.trim().slice(0, 600))
"""
#: What a widget view *shows* as its result: HTML widgets' content and images, not controls.
JS_SNAPSHOT = """
(view) => Array.from(view.querySelectorAll('.widget-html-content, img'))
  .map(e => e.tagName === 'IMG' ? e.getAttribute('src') : e.innerHTML).join('\\u0000')
"""


@dataclass
class Report:
    """What one page check found: problems in words, and how many widgets it exercised."""

    name: str
    problems: list[str] = field(default_factory=list)
    widgets_expected: int = 0
    widgets_rendered: int = 0
    widgets_responding: int = 0
    seconds: float = 0.0
    screenshot: Path | None = None

    def summary(self) -> str:
        lines = [f"{self.name}: {len(self.problems)} problem(s); widgets expected "
                 f"{self.widgets_expected}, rendered {self.widgets_rendered}, responding "
                 f"{self.widgets_responding}"]
        lines += [f"  - {p}" for p in self.problems]
        if self.screenshot:
            lines.append(f"  screenshot: {self.screenshot}")
        return "\n".join(lines)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def expected_widget_views(nb: nbformat.NotebookNode) -> int:
    """How many widget views the notebook displays: its widget outputs after a fresh run."""
    return sum(
        1
        for cell in nb.cells if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if WIDGET_VIEW in out.get("data", {})
    )


def executed(path: Path, allow_errors: bool = True) -> nbformat.NotebookNode:
    """The notebook at ``path`` run top to bottom in a fresh kernel (for notebooks that are not
    committed with outputs: the app, and the deliberately broken notebooks of the tests)."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=allow_errors,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


class Server:
    """A server from tools/serve.py on a free loopback port with a known token."""

    def __init__(self, command: list[str], port: int, token: str, workdir: Path,
                 ready_path: str) -> None:
        self.port, self.token = port, token
        self.base = f"http://127.0.0.1:{port}"
        env = dict(os.environ,
                   JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
                   JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"),
                   JUPYTERLAB_SETTINGS_DIR=str(workdir / "settings"))
        self.log = workdir / f"server-{port}.log"
        self._log_handle = self.log.open("w")
        self.proc = subprocess.Popen(command, stdout=self._log_handle, stderr=subprocess.STDOUT,
                                     env=env, cwd=workdir)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.base}{ready_path}?token={token}", timeout=5):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server did not start:\n{self.log.read_text()[-3000:]}")

    def url(self, path: str, extra: str = "") -> str:
        return f"{self.base}{path}?token={self.token}{extra}"

    def api(self, method: str, path: str) -> Any:
        import json

        request = urllib.request.Request(self.url(path), method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Stop every kernel (one notebook's kernel must not slow down the next)."""
        for kernel in self.api("GET", "/api/kernels"):
            self.api("DELETE", f"/api/kernels/{kernel['id']}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log_handle.close()


def start_lab(root: Path, workdir: Path, token: str, answer_news: bool = True) -> Server:
    """JupyterLab serving ``root``, built by tools/serve.py like ``make lab``.

    Its user settings are a fresh, empty folder. With ``answer_news`` the only setting answers
    the news-feed question with "never" (the collection's own default does too, once
    ``make install`` has run; see tools/install_lab_settings.py): its pop-up must not cover
    the notebook. Without it, the server starts as a new user's would.
    """
    (workdir / "settings").mkdir(parents=True, exist_ok=True)
    if answer_news:
        news = workdir / "settings" / "@jupyterlab" / "apputils-extension"
        news.mkdir(parents=True, exist_ok=True)
        (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    port = free_port()
    command = serve.lab_command(root=root) + [
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", "--ServerApp.open_browser=False",
    ]
    return Server(command, port, token, workdir, "/api/status")


def start_app(workdir: Path, token: str, root: Path = ROOT,
              notebook: str = serve.APP_NOTEBOOK) -> Server:
    """Voila serving the app notebook, built by tools/serve.py like ``make app``."""
    port = free_port()
    command = serve.app_command(root=root, notebook=notebook) + [
        f"--port={port}", f"--Voila.token={token}",
    ]
    return Server(command, port, token, workdir, "/voila/static/voila.js")


def copy_collection(dest: Path) -> Path:
    """A copy of notebooks/ to serve: running cells in the browser must never autosave over the
    committed notebooks."""
    shutil.copytree(ROOT / "notebooks", dest / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return dest


def _wait(predicate, timeout: float, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def _controls(view) -> list[tuple[str, Any]]:
    """The controls of one widget view, in the order a student would try them."""
    found: list[tuple[str, Any]] = []
    for kind, selector in (
        ("dropdown", "select:not(:disabled)"),
        ("slider", ".widget-slider:not([disabled]) .noUi-handle"),
        ("radio", "input[type=radio]:not(:disabled)"),
        ("toggle", "button.widget-toggle-button:not(:disabled)"),
        ("checkbox", "input[type=checkbox]:not(:disabled)"),
        ("text", "input[type=text]:not(:disabled), input[type=number]:not(:disabled), "
                 "textarea:not(:disabled)"),
        ("button", "button.jupyter-button:not(.widget-toggle-button):not(:disabled)"),
    ):
        elements = view.query_selector_all(selector)
        if kind == "radio":
            elements = [e for e in elements if not e.is_checked()][:1]
        found += [(kind, element) for element in elements]
    return found


def _operate(page, kind: str, element) -> None:
    element.scroll_into_view_if_needed(timeout=10_000)
    if kind == "dropdown":
        index = element.evaluate("e => e.selectedIndex")
        count = element.evaluate("e => e.options.length")
        if count < 2:
            return
        element.select_option(index=(index + 1) % count)
    elif kind == "slider":
        element.focus()
        page.keyboard.press("ArrowRight")
    elif kind == "radio":
        if not element.is_checked():
            element.check()
    elif kind in ("toggle", "button"):
        element.click()
    elif kind == "checkbox":
        element.click()
    elif kind == "text":
        element.fill("50")
        element.press("Enter")


def exercise_widgets(page, report: Report, respond_timeout: float = 5.0) -> None:
    """Change each rendered widget's controls, one after the other, until what it shows differs
    from what it showed at first (controls may act together: choose an answer, then press
    Check)."""
    views = page.query_selector_all(".jp-OutputArea-output:not([data-mime-type])")
    for number, view in enumerate(views, start=1):
        if not view.evaluate(JS_IS_RENDERED):
            continue
        controls = _controls(view)
        if not controls:
            report.widgets_responding += 1  # nothing to change: a display-only widget
            continue
        initial = view.evaluate(JS_SNAPSHOT)
        changed = lambda: view.evaluate(JS_SNAPSHOT) != initial  # noqa: E731
        responded = False
        for kind, element in controls:
            try:
                _operate(page, kind, element)
            except Exception as err:  # a control that cannot be used is a finding, not a crash
                report.problems.append(f"widget {number}: could not use its {kind}: {err}")
                continue
            if _wait(changed, 1.0):
                responded = True
                break
        if responded or _wait(changed, respond_timeout):
            report.widgets_responding += 1
        else:
            kinds = ", ".join(sorted({kind for kind, _ in controls}))
            report.problems.append(
                f"widget {number}: what it shows did not change when its controls ({kinds}) "
                "were changed")


def settle_widgets(page, expected: int, timeout: float = 15, quiet: float = 2) -> None:
    """Widget views render after the kernel's messages arrive: wait until all ``expected``
    have rendered, or nothing is pending and nothing has changed for ``quiet`` seconds."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        outputs = page.evaluate(JS_WIDGET_OUTPUTS)
        if len(outputs) >= expected and all(o["rendered"] for o in outputs):
            return
        state = [(o["rendered"], o["pending"]) for o in outputs]
        if state != last:
            last, since = state, time.monotonic()
        elif not any(o["pending"] for o in outputs) and time.monotonic() - since >= quiet:
            return
        time.sleep(0.25)


def check_rendered(page, report: Report) -> None:
    """Errors shown on the page, and widget views rendered versus expected."""
    for text in page.evaluate(JS_ERRORS):
        if f"error output: {text}" not in report.problems:
            report.problems.append(f"error output: {text}")
    outputs = page.evaluate(JS_WIDGET_OUTPUTS)
    report.widgets_rendered = sum(1 for o in outputs if o["rendered"])
    if report.widgets_rendered != report.widgets_expected or len(outputs) != report.widgets_expected:
        report.problems.append(
            f"the notebook displays {report.widgets_expected} widget(s) but the page shows "
            f"{report.widgets_rendered} rendered of {len(outputs)} widget output(s)"
            + "".join(f"; not rendered: {o['text'] or '(empty)'!r}"
                      for o in outputs if not o["rendered"]))


def _screenshot(page, report: Report) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / (report.name.replace("/", "__") + ".png")
    try:
        page.screenshot(path=str(path), full_page=True)
        report.screenshot = path
    except Exception as err:  # the report must still reach the test
        report.problems.append(f"(screenshot failed: {err})")


def run_all_cells(page, timeout: float) -> str | None:
    """Run > Run All Cells, as a student would; wait until no cell is queued or running and
    the kernel is idle. Returns a problem in words, or None."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    busy = ("() => Array.from(document.querySelectorAll('.jp-InputPrompt'))"
            ".some(e => e.textContent.includes('*'))")
    _wait(lambda: page.evaluate(busy), 5)
    idle = ("() => !Array.from(document.querySelectorAll('.jp-InputPrompt'))"
            ".some(e => e.textContent.includes('*')) && Array.from(document.querySelectorAll("
            "'.jp-StatusBar-TextItem')).some(e => e.textContent.includes('| Idle'))")
    if not _wait(lambda: page.evaluate(idle), timeout, 0.5):
        return f"cells still running after {timeout:.0f} s"
    not_run = page.evaluate(
        "() => Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt'))"
        ".filter(e => !/\\[\\d+\\]/.test(e.textContent)).length")
    if not_run:
        return f"{not_run} code cell(s) did not run (Run All stops at a cell that raises)"
    return None


def check_notebook(browser, lab: Server, relpath: str, expected_widgets: int,
                   run_timeout: float = 300) -> Report:
    """Open ``relpath`` (relative to the served root) in a fresh workspace, run all cells, and
    check errors, widget rendering and widget response. Screenshot on any problem."""
    report = Report(name=relpath, widgets_expected=expected_widgets)
    started = time.monotonic()
    workspace = "t" + "".join(ch if ch.isalnum() else "-" for ch in relpath)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(lab.url(f"/lab/workspaces/{workspace}/tree/{relpath}", "&reset"))
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')", timeout=90_000)
        problem = run_all_cells(page, run_timeout)
        if problem:
            report.problems.append(problem)
        settle_widgets(page, expected_widgets)
        check_rendered(page, report)
        exercise_widgets(page, report)
    except Exception as err:  # a page that cannot be driven is a finding too
        report.problems.append(f"could not drive the page: {type(err).__name__}: {err}")
    finally:
        if report.problems:
            _screenshot(page, report)
        context.close()
        try:
            lab.shutdown_kernels()
        except OSError:
            pass
        report.seconds = time.monotonic() - started
    return report


def check_app(browser, app: Server, expected_widgets: int, name: str = "app") -> Report:
    """Open the Voila app, wait for it to finish running, check errors and widgets, and use
    each explorer once."""
    report = Report(name=name, widgets_expected=expected_widgets)
    started = time.monotonic()
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(app.url("/"))
        # Voila runs the notebook as the page loads and shows each output as it comes; a cell
        # that raises shows Voila's own error message (the traceback stays hidden) and stops.
        errors_js = ("() => [...new Set(Array.from(document.querySelectorAll("
                     "'.jp-OutputArea-output')).filter(e => /Traceback|There was an error when "
                     "executing/.test(e.textContent)).map(e => e.textContent.trim().slice(0, 600)))]")
        _wait(lambda: page.evaluate(errors_js) or sum(
            o["rendered"] for o in page.evaluate(JS_WIDGET_OUTPUTS)) >= expected_widgets, 120)
        page.wait_for_load_state("networkidle", timeout=60_000)
        settle_widgets(page, expected_widgets)
        for text in page.evaluate(errors_js):
            report.problems.append(f"error output: {text}")
        check_rendered(page, report)
        exercise_widgets(page, report)
    except Exception as err:
        report.problems.append(f"could not drive the page: {type(err).__name__}: {err}")
    finally:
        if report.problems:
            _screenshot(page, report)
        context.close()
        report.seconds = time.monotonic() - started
    return report


#: Every piece of control text in ``root`` that a person cannot read in full: a label, a
#: checkbox or radio-button text, a dropdown option or a text box's placeholder that is cut
#: (wider or taller than the box that shows it, measured with the element's own font), a
#: control that runs past the right edge of ``root`` (where the page clips it), and a table
#: that does so outside a box that scrolls sideways.
JS_CUT_TEXT = """
(root) => {
  const problems = [];
  const ctx = document.createElement('canvas').getContext('2d');
  const width = (el, text) => {
    const cs = getComputedStyle(el);
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    return ctx.measureText(text).width;
  };
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const name = text => JSON.stringify(text.trim().replace(/\\s+/g, ' ').slice(0, 70));
  const edge = root.getBoundingClientRect().right;
  const labels = root.querySelectorAll(
    'label, .widget-label, .widget-label-basic, .jupyter-widget-label, button');
  for (const el of labels) {
    const text = el.textContent.trim();
    if (!text || !shown(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1)
      problems.push(`label ${name(text)} is cut: ${el.scrollWidth} px of text in ` +
                    `${el.clientWidth} px`);
    else if (el.scrollHeight > el.clientHeight + 2)
      problems.push(`label ${name(text)} is cut: ${el.scrollHeight} px tall in ` +
                    `${el.clientHeight} px`);
    if (el.getBoundingClientRect().right > edge + 1)
      problems.push(`label ${name(text)} runs past the edge of the output ` +
                    `(${Math.round(el.getBoundingClientRect().right - edge)} px)`);
  }
  for (const el of root.querySelectorAll('input[type=text][placeholder], input:not([type])[placeholder]')) {
    if (!el.placeholder || !shown(el)) continue;
    const cs = getComputedStyle(el);
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const need = width(el, el.placeholder);
    if (need > room + 1)
      problems.push(`placeholder ${name(el.placeholder)} is cut: ${Math.round(need)} px of ` +
                    `text in ${Math.round(room)} px`);
  }
  for (const el of root.querySelectorAll('select')) {
    if (!shown(el) || el.multiple) continue;
    const cs = getComputedStyle(el);
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    for (const option of el.options) {
      const need = width(el, option.text);
      if (need > room + 1)
        problems.push(`option ${name(option.text)} is cut: ${Math.round(need)} px of text ` +
                      `in ${Math.round(room)} px`);
    }
  }
  const scrolls = el => {
    for (let up = el.parentElement; up && up !== root; up = up.parentElement)
      if (/auto|scroll/.test(getComputedStyle(up).overflowX)) return true;
    return false;
  };
  for (const el of root.querySelectorAll('table')) {
    if (shown(el) && !scrolls(el) && el.getBoundingClientRect().right > edge + 1)
      problems.push(`a table runs past the edge of the output ` +
                    `(${Math.round(el.getBoundingClientRect().right - edge)} px) and cannot ` +
                    `be scrolled into view`);
  }
  for (const el of root.querySelectorAll('input, select, textarea')) {
    if (shown(el) && el.getBoundingClientRect().right > edge + 1)
      problems.push(`a control (${el.tagName.toLowerCase()}) runs past the edge of the output ` +
                    `(${Math.round(el.getBoundingClientRect().right - edge)} px)`);
  }
  return problems;
}
"""

#: The widget views of a notebook page or of the app.
_VIEWS = ".jp-OutputArea-output:not([data-mime-type])"


def cut_text(page, width: int, height: int = 900) -> list[str]:
    """Set the window to ``width`` x ``height`` px and list every cut control text in every
    widget view, each problem naming the view's number and the window width."""
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(600)  # let the layout settle
    found = []
    for number, view in enumerate(page.query_selector_all(_VIEWS), start=1):
        if not view.evaluate(JS_IS_RENDERED):
            continue
        found += [f"at {width} px, widget {number}: {p}" for p in view.evaluate(JS_CUT_TEXT)]
    return found


def check_text_fits(browser, lab: Server, relpath: str, widths: tuple[int, ...],
                    expected_widgets: int) -> Report:
    """Open ``relpath`` in JupyterLab, run all cells, and measure every label, option and
    placeholder of its widgets at each window width in ``widths``."""
    report = Report(name=f"{relpath} (text fits)", widgets_expected=expected_widgets)
    started = time.monotonic()
    workspace = "fit" + "".join(ch if ch.isalnum() else "-" for ch in relpath)
    context = browser.new_context(viewport={"width": widths[0], "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(lab.url(f"/lab/workspaces/{workspace}/tree/{relpath}", "&reset"))
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')", timeout=90_000)
        problem = run_all_cells(page, 300)
        if problem:
            report.problems.append(problem)
        settle_widgets(page, expected_widgets)
        for width in widths:
            report.problems += cut_text(page, width)
    except Exception as err:
        report.problems.append(f"could not drive the page: {type(err).__name__}: {err}")
    finally:
        if report.problems:
            _screenshot(page, report)
        context.close()
        try:
            lab.shutdown_kernels()
        except OSError:
            pass
        report.seconds = time.monotonic() - started
    return report


def check_app_text_fits(browser, app: Server, widths: tuple[int, ...],
                        expected_widgets: int) -> Report:
    """Open the Voila app and measure every label, option and placeholder at each width."""
    report = Report(name="app (text fits)", widgets_expected=expected_widgets)
    started = time.monotonic()
    context = browser.new_context(viewport={"width": widths[0], "height": 844})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(app.url("/"))
        _wait(lambda: sum(o["rendered"] for o in page.evaluate(JS_WIDGET_OUTPUTS))
              >= expected_widgets, 120)
        settle_widgets(page, expected_widgets)
        for width in widths:
            report.problems += cut_text(page, width, 844)
    except Exception as err:
        report.problems.append(f"could not drive the page: {type(err).__name__}: {err}")
    finally:
        if report.problems:
            _screenshot(page, report)
        context.close()
        report.seconds = time.monotonic() - started
    return report
