"""Every notebook, executed in a fresh kernel with the network blocked, gives exactly the
committed outputs: text, image/png bytes, HTML and widget state (not only what nbval compares);
and running the notebooks neither creates nor modifies anything in data/.

Widget model ids are random per run, so they are renamed in order of first appearance before
comparing; a cell's printed text may reach the notebook in several pieces (the kernel flushes
its output on a timer, so where a print is split depends on the machine's load), so each cell's
stdout and stderr pieces are joined, as nbval joins them; everything else must match byte for
byte.
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from offline import kernel_env  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
NOTEBOOKS = [p for d in ("notebooks", "instructors/solutions")
             for p in sorted((ROOT / d).glob("*.ipynb"))]
_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def _data_snapshot() -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(DATA)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(DATA.rglob("*"))}


def _joined_streams(outputs: list) -> list:
    """``outputs`` with every stream's pieces joined into its first piece (nbval's rule)."""
    joined: list = []
    first: dict[str, dict] = {}
    for output in outputs:
        output = dict(output)
        if output.get("output_type") == "stream":
            name = output.get("name")
            if name in first:
                first[name]["text"] += output.get("text", "")
                continue
            first[name] = output
        joined.append(output)
    return joined


def _canonical(nb: nbformat.NotebookNode) -> str:
    """Outputs and widget state as JSON, with widget model ids renamed canonically.

    Model ids are random, and the committed state is stored sorted by id, so ids are numbered by
    a walk from the widget views in the outputs (in cell order) through each model's references
    (``IPY_MODEL_<id>``, keys in sorted order); models no view reaches are compared as a sorted
    list.
    """
    outputs = [{"outputs": _joined_streams(c.get("outputs", [])),
                "execution_count": c.get("execution_count")}
               for c in nb.cells if c.cell_type == "code"]
    widgets = nb.metadata.get("widgets", {})
    state = widgets.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    names: dict[str, str] = {}

    def visit(model_id: str) -> None:
        if model_id in names:
            return
        names[model_id] = f"MODEL{len(names)}"
        if model_id in state:
            text = json.dumps(state[model_id], sort_keys=True)
            for ref in re.findall(r"IPY_MODEL_([0-9a-f]{32})", text):
                visit(ref)

    for text in _ID.findall(json.dumps(outputs)):
        visit(text)
    rename = lambda text: _ID.sub(lambda m: names.get(m.group(0), "UNREACHED"), text)  # noqa: E731
    reached = {names[k]: json.loads(rename(json.dumps(v, sort_keys=True)))
               for k, v in state.items() if k in names}
    unreached = sorted(rename(json.dumps(v, sort_keys=True))
                       for k, v in state.items() if k not in names)
    view = {"cells": json.loads(rename(json.dumps(outputs))), "widget_state": reached,
            "unreached_widget_state": unreached,
            "widget_meta": {k: v for k, v in widgets.get(
                "application/vnd.jupyter.widget-state+json", {}).items() if k != "state"}}
    return json.dumps(view, sort_keys=True, indent=1)


def _run(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    fresh = copy.deepcopy(nb)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    fresh.metadata.pop("widgets", None)
    km = KernelManager(kernel_name="python3")
    client = NotebookClient(fresh, km=km, timeout=300, store_widget_state=True,
                            coalesce_streams=True,
                            resources={"metadata": {"path": str(path.parent)}})
    env = kernel_env(dict(os.environ))
    with client.setup_kernel(env=env, cwd=str(path.parent)):
        for index, cell in enumerate(fresh.cells):
            client.execute_cell(cell, index)
        client.set_widgets_metadata()
    return nbformat.reads(nbformat.writes(fresh), as_version=4)  # as written to disk


@pytest.fixture(scope="module")
def data_before():
    return _data_snapshot()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_fresh_run_matches_committed_outputs(path, data_before):
    committed = nbformat.read(path, as_version=4)
    fresh = _run(path)
    expected, got = _canonical(committed), _canonical(fresh)
    if expected != got:
        exp_lines, got_lines = expected.splitlines(), got.splitlines()
        first = next((i for i, (a, b) in enumerate(zip(exp_lines, got_lines)) if a != b),
                     min(len(exp_lines), len(got_lines)))
        a = exp_lines[first] if first < len(exp_lines) else "<end>"
        b = got_lines[first] if first < len(got_lines) else "<end>"
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        start = max(0, at - 80)  # show where in the line they differ, not only its start
        pytest.fail(f"{path.relative_to(ROOT)}: a fresh run differs from the committed outputs "
                    f"at line {first}, character {at} of the canonical JSON:\n committed: "
                    f"...{a[start:at + 160]}\n fresh:     ...{b[start:at + 160]}")


def test_split_prints_compare_equal_and_changed_text_does_not():
    """The canonical form joins a print the kernel sent in pieces, and nothing else."""
    def notebook(*outputs):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("print(x)", outputs=list(outputs))]
        return nb
    stream = nbformat.v4.new_output
    whole = notebook(stream("stream", name="stdout", text="Patient: Grace\n"))
    pieces = notebook(stream("stream", name="stdout", text="Patient: Grace"),
                      stream("stream", name="stdout", text="\n"))
    other = notebook(stream("stream", name="stdout", text="Patient: Grace \n"))
    to_stderr = notebook(stream("stream", name="stdout", text="Patient: Grace"),
                         stream("stream", name="stderr", text="\n"))
    assert _canonical(whole) == _canonical(pieces)
    assert _canonical(whole) != _canonical(other)
    assert _canonical(whole) != _canonical(to_stderr)


def test_notebook_runs_left_data_untouched(data_before):
    """Runs after the notebook runs above (same module, in order): data/ is as it was."""
    assert NOTEBOOKS, "no notebooks found"
    assert _data_snapshot() == data_before
