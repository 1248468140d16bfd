"""The grader's side of a graded course: nbgrader runs each submission with this preprocessor.

``course/nbgrader_config.py`` (written by ``tools/build_course.py``) puts
:class:`GradeInGrader` where nbgrader's ``Execute`` was in ``nbgrader autograde``. It runs the
submission as ``Execute`` does, and then

- **decides each autograded cell in the grader's process**: it reads the answer the cell handed
  in (:func:`helpers.grading.hand_in`) and checks it with the grader's own copy of the
  checker, which this module imports before any submission runs. The cell's outputs are
  replaced by that feedback (one line), plus an error output when the answer is not right, so
  nbgrader scores it 0. Nothing the submission did to its kernel (a replaced checker, a patched
  ``Feedback``, an edited tries counter) changes the score; only a right answer does;
- **gives the whole notebook a time budget** (:attr:`GradeInGrader.notebook_timeout` seconds,
  10 minutes by default) instead of a time per cell: once it is spent, the remaining cells are
  not run and score 0, however many cells a submission adds.

What this cannot do: the submission's code still runs as the user who runs ``nbgrader
autograde``. See the instructor guide, "What nbgrader cannot protect", for running the kernel
in a sandbox (:class:`SandboxedKernelManager`).

Needs nbgrader (``pip install "her2neg-teaching[author]"``); the lessons never import this module.
"""

from __future__ import annotations

import json
import shlex
import shutil
import sys
import time
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool, Float, List, Unicode

from . import grading

# The grader's checkers, imported now: before any submission's code has run. (They check
# handed-in answers without counting tries, so their feedback never offers a worked answer.)
for _name in grading.CHECKER_MODULES:
    __import__(f"helpers.exercises.{_name}")

__all__ = ["GradeInGrader", "SandboxedKernelManager", "grade_cell", "sandbox_command"]

#: The line an autograded cell's source holds its checker call on: ``hand_in("<call>", ...)``.
_HAND_IN = "hand_in("


def _call_of(source: str) -> str | None:
    """The checker call a tests cell hands in for (its first string argument), or None."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
                == "hand_in" and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            return node.args[0].value
    return None


def _handed_in(outputs: list[Any]) -> dict[str, Any] | None:
    """The answers a cell handed in: the first output holding :data:`grading.MIME` data."""
    for output in outputs:
        data = output.get("data", {}) if isinstance(output, dict) else {}
        if grading.MIME in data:
            payload = data[grading.MIME]
            if isinstance(payload, str):
                try:
                    payload = json.loads(payload)
                except ValueError:
                    return None
            answers = payload.get("answers") if isinstance(payload, dict) else None
            return answers if isinstance(answers, dict) else None
    return None


def grade_cell(cell: NotebookNode) -> tuple[bool, str]:
    """Decide an autograded cell from what it handed in: ``(correct, one line of feedback)``.

    The checker call comes from the cell's source, which nbgrader has restored from the
    course's own copy (the cell is locked); the answer from the cell's hand-in output.
    """
    call = _call_of(cell.source)
    if call is None:
        return False, "This cell is not an exercise's autograded cell."
    answers = _handed_in(cell.get("outputs", []))
    if answers is None:
        return False, ("No answer was handed in: the cell did not run to its end "
                       "(an earlier cell stopped it, or it ran out of time).")
    feedback = grading.check(call, {name: grading.decode(value)
                                    for name, value in answers.items()})
    return feedback.correct, str(feedback)


def _feedback_outputs(correct: bool, text: str) -> list[NotebookNode]:
    outputs = [NotebookNode(output_type="stream", name="stdout", text=text + "\n")]
    if not correct:
        outputs.append(NotebookNode(output_type="error", ename="Not yet", evalue=text,
                                    traceback=[text]))
    return outputs


class GradeInGrader(Execute):
    """nbgrader's ``Execute``, deciding autograded cells in the grader (see the module)."""

    notebook_timeout = Float(
        600.0, help="Seconds the whole notebook may run while autograding; once spent, the "
                    "remaining cells are not run (and score 0).").tag(config=True)
    sandbox = Bool(False, help="Start each kernel in the sandbox (SandboxedKernelManager)."
                   ).tag(config=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.sandbox:  # nbgrader's Execute passes its own kernel manager: replace it
            self.kernel_manager_class = SandboxedKernelManager

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None) -> Any:
        self._deadline = time.monotonic() + self.notebook_timeout
        self._per_cell = self.timeout
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> Any:
        if cell.cell_type != "code":
            return super().preprocess_cell(cell, resources, index)
        left = self._deadline - time.monotonic()
        if left <= 0:
            cell.outputs = [NotebookNode(
                output_type="error", ename="NotRun", evalue="time budget spent",
                traceback=[f"Not run: the notebook's time budget ({self.notebook_timeout:g} s "
                           f"for the whole notebook) was spent before this cell."])]
            return cell, resources
        per_cell = self._per_cell if self._per_cell and self._per_cell > 0 else left
        self.timeout = max(1, int(min(per_cell, left)))
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        finally:
            self.timeout = self._per_cell
        if cell.metadata.get("nbgrader", {}).get("grade") and _HAND_IN in cell.source:
            correct, text = grade_cell(cell)
            cell.outputs = _feedback_outputs(correct, text)
        return cell, resources


def sandbox_command(read_only: list[str]) -> list[str]:
    """The command that runs a kernel in a Linux sandbox (unprivileged user namespaces).

    The kernel gets its own process tree, killed with it (no process outlives the grading), and
    sees ``read_only`` (the course folder, the installed packages) read-only; it cannot make them
    writable again. Needs ``unshare`` (util-linux) and user namespaces.
    """
    unshare = shutil.which("unshare") or "unshare"
    return [unshare, "--user", "--map-root-user", "--mount", "--pid", "--fork", "--kill-child",
            "--mount-proc", sys.executable, "-m", "helpers.kernel_sandbox",
            *[arg for path in read_only for arg in ("--read-only", path)], "--"]


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that starts each kernel inside :func:`sandbox_command`.

    Set it in the course's ``nbgrader_config.py``::

        c.GradeInGrader.sandbox = True
        c.SandboxedKernelManager.read_only = ["/path/to/course", "/path/to/site-packages"]
    """

    read_only = List(Unicode(), help="Folders the kernel sees read-only.").tag(config=True)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        self.log.info("sandboxed kernel: %s", shlex.join(command))
        return sandbox_command(list(self.read_only)) + command


def sandbox_available() -> bool:
    """True when this machine can start :func:`sandbox_command` (Linux user namespaces)."""
    import subprocess

    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    try:
        return subprocess.run(sandbox_command([]) + ["true"], capture_output=True,
                              timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def use_sandbox(config: Any, config_file: str) -> bool:
    """Set ``config`` (a course's nbgrader config) to run kernels in the sandbox, if possible.

    Read-only in the sandbox: the course folder (the folder of ``config_file``: the gradebook,
    the submissions, this configuration) and the installed ``helpers`` package with the
    packages next to it. Returns whether the sandbox is on; says so on the log either way.
    """
    import logging
    import os
    import sysconfig

    import helpers

    log = logging.getLogger("nbgrader")
    if os.environ.get("HER2NEG_GRADING_SANDBOX", "").lower() in ("0", "off", "no"):
        log.warning("Grading sandbox turned off (HER2NEG_GRADING_SANDBOX): submissions run as "
                    "you and can change files you can change.")
        return False
    if not sandbox_available():
        log.warning("No grading sandbox on this machine (it needs Linux user namespaces and "
                    "unshare): submissions run as you and can change files you can change. "
                    "See the instructor guide, 'What nbgrader cannot protect'.")
        return False
    package = os.path.dirname(os.path.realpath(helpers.__file__))
    read_only = [os.path.dirname(os.path.realpath(config_file)), package,
                 os.path.realpath(sysconfig.get_paths()["purelib"])]
    config.GradeInGrader.sandbox = True
    config.SandboxedKernelManager.read_only = read_only
    return True
