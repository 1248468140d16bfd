"""Benchmarks of the collection: notebook run time against its floor, widget response, memory.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/run.py [--runs N] [--only NAME ...]``).
Not part of ``make test``: timings depend on the machine. Prints a table and writes
``benchmarks/results.json`` with the machine, the versions and the git commit.

What is measured (targets from issue 10):

- **Notebook time / floor** (target ≤ 1.5×). For every ``*.ipynb`` under ``notebooks/`` and
  ``instructors/solutions/`` (found automatically), the wall time of ``nbclient`` executing the
  whole notebook top to bottom in a fresh ``python3`` kernel, *including* kernel start and
  shutdown, against the notebook's *floor*: the same measurement on a copy of the notebook that
  keeps only its import cells. An import cell is a code cell in which every non-blank,
  non-comment line starts with ``import `` or ``from ``. Each is run ``--runs`` times (default 3),
  alternating full and floor runs; the median is reported and the ratio is median/median.
- **Kernel CPU / floor** (no target; for comparisons on a shared machine): the same median
  ratio for the kernel's CPU time, user plus system, as last seen by the memory poller below
  (so to within one polling interval).
- **Peak kernel memory** (target ≤ 300 MB): while a full run executes, a thread polls every
  50 ms the resident set size (psutil) of every child process of this process (the kernel); the
  largest value seen over the runs is reported.
- **Widget response** (target p95 ≤ 50 ms): every class defined in a ``helpers.widgets.*``
  module that has an ``update`` method, built by calling each public zero-argument factory of
  that module (a function in ``__all__`` whose result is an instance of such a class); new
  widgets are included automatically. Under matplotlib's Agg backend, each control of the widget
  (any attribute that is an ipywidgets control with ``options``, a numeric ``min``/``max``
  slider or box, an unbounded number box, or a checkbox) is set in turn to each of its values
  (5 evenly spaced values for a slider; 0.5, 1, 2, 4 and 6 times the default for an unbounded
  number box), as a student would, and the response is timed: the ``update()`` calls that the change
  triggers through the control's observer (or, when the value was already set, one direct
  ``update()``). Setting the control back to its first value is timed too. The sweep is repeated
  3 times. Widgets redraw their figure only when its inputs change, so a sweep times both
  redraws and the cheaper updates a student gets from controls the figure does not show.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import inspect
import json
import os
import pkgutil
import platform
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import nbformat  # noqa: E402
import psutil  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIRS = (ROOT / "notebooks", ROOT / "instructors" / "solutions")
RESULTS = ROOT / "benchmarks" / "results.json"
TARGET_RATIO, TARGET_P95_MS, TARGET_MB = 1.5, 50.0, 300.0


def discover_notebooks() -> list[Path]:
    """Every notebook in the student and solution folders, in name order."""
    return [p for d in NOTEBOOK_DIRS for p in sorted(d.glob("*.ipynb"))]


def is_import_cell(cell: nbformat.NotebookNode) -> bool:
    """True for a code cell whose every non-blank, non-comment line is an import."""
    if cell.cell_type != "code":
        return False
    lines = [ln.strip() for ln in cell.source.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    return bool(lines) and all(ln.startswith(("import ", "from ")) for ln in lines)


def floor_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` keeping only its import cells."""
    floor = copy.deepcopy(nb)
    floor.cells = [c for c in floor.cells if is_import_cell(c)]
    return floor


class PeakRss:
    """Poll the resident memory of this process's children (the kernel) in a thread.

    It also keeps the CPU time (user + system) each child had used when last seen, so
    :attr:`cpu` is the kernel's CPU time to within one polling interval: on a shared machine it
    varies much less than wall time.
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.interval, self.peak, self._stop = interval, 0, threading.Event()
        self._cpu: dict[int, float] = {}
        self._thread = threading.Thread(target=self._poll, daemon=True)

    @property
    def cpu(self) -> float:
        return sum(self._cpu.values())

    def _poll(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                try:
                    self.peak = max(self.peak, child.memory_info().rss)
                    times = child.cpu_times()
                    self._cpu[child.pid] = times.user + times.system
                except psutil.Error:
                    pass
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_notebook(nb: nbformat.NotebookNode, cwd: Path) -> tuple[float, int, float]:
    """Execute ``nb`` in a fresh kernel; return (wall seconds, peak kernel RSS in bytes, kernel
    CPU seconds)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}}, store_widget_state=True)
    with PeakRss() as rss:
        start = time.perf_counter()
        # The kernel's start-up warnings would bury the table; cell errors still raise.
        client.execute(stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
    return elapsed, rss.peak, rss.cpu


def bench_notebooks(paths: list[Path], runs: int) -> list[dict]:
    rows = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        floor = floor_notebook(nb)
        full_t, floor_t, full_cpu, floor_cpu, peak = [], [], [], [], 0
        for _ in range(runs):
            t, mem, cpu = run_notebook(nb, path.parent)
            full_t.append(t)
            full_cpu.append(cpu)
            peak = max(peak, mem)
            t, _, cpu = run_notebook(floor, path.parent)
            floor_t.append(t)
            floor_cpu.append(cpu)
        full, base = statistics.median(full_t), statistics.median(floor_t)
        cpu_full, cpu_base = statistics.median(full_cpu), statistics.median(floor_cpu)
        row = {
            "notebook": str(path.relative_to(ROOT)),
            "measured_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "import_cells": len(floor.cells),
            "runs": runs,
            "full_s": full_t, "floor_s": floor_t,
            "full_median_s": round(full, 3), "floor_median_s": round(base, 3),
            "ratio": round(full / base, 2),
            "kernel_cpu_s": [round(c, 3) for c in full_cpu],
            "floor_kernel_cpu_s": [round(c, 3) for c in floor_cpu],
            "cpu_ratio": round(cpu_full / cpu_base, 2) if cpu_base else None,
            "peak_rss_mb": round(peak / 2**20, 1),
        }
        row["within_target"] = row["ratio"] <= TARGET_RATIO and row["peak_rss_mb"] <= TARGET_MB
        rows.append(row)
        print(f"  {row['notebook']}: {full:.2f} s vs floor {base:.2f} s "
              f"({row['ratio']}x; kernel CPU {row['cpu_ratio']}x), peak {row['peak_rss_mb']} MB",
              flush=True)
    return rows


def merge_rows(new: list[dict], previous: list[dict], key: str) -> list[dict]:
    """The ``previous`` rows with those measured again replaced by their ``new`` row (in place),
    and new items added at the end, so that ``--only`` updates a results file."""
    fresh = {row[key]: row for row in new}
    merged = [fresh.pop(row.get(key), row) for row in previous]
    return merged + [row for row in new if row[key] in fresh]


def discover_widgets() -> list[tuple[str, object]]:
    """(name, instance) for every widget class with ``update`` built by its module's factory."""
    import helpers.widgets as package

    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"helpers.widgets.{info.name}")
        classes = tuple(
            cls for _, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__ and callable(getattr(cls, "update", None))
        )
        if not classes:
            continue
        for name in getattr(module, "__all__", ()):
            factory = getattr(module, name)
            if inspect.isclass(factory) or not callable(factory):
                continue
            params = inspect.signature(factory).parameters.values()
            if any(p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD,
                                                       p.KEYWORD_ONLY) for p in params):
                continue
            obj = factory()
            if isinstance(obj, classes):
                found.append((f"{module.__name__}.{name}", obj))
        built = {type(obj) for _, obj in found}
        for cls in classes:
            if cls not in built:
                print(f"  warning: {module.__name__}.{cls.__name__} has no zero-argument factory",
                      file=sys.stderr)
    return found


def control_values(control: object) -> list:
    """The values a sweep sets on one control (empty for controls not swept, e.g. text)."""
    import ipywidgets as w

    if isinstance(control, (w.Dropdown, w.RadioButtons, w.ToggleButtons, w.Select,
                            w.SelectionSlider)):
        return [value for _, value in control._options_full] if hasattr(
            control, "_options_full") else list(control.options)
    if isinstance(control, w.Checkbox):
        return [True, False]
    if isinstance(control, (w.IntSlider, w.FloatSlider, w.BoundedIntText, w.BoundedFloatText)):
        low, high = control.min, control.max
        values = [low + (high - low) * i / 4 for i in range(5)]
        return [round(v) for v in values] if isinstance(control.value, int) else values
    if isinstance(control, (w.FloatText, w.IntText)):  # unbounded: multiples of the default
        values = [control.value * k for k in (0.5, 1, 2, 4, 6)]
        return [round(v) for v in values] if isinstance(control, w.IntText) else values
    return []


def _selection_values(control: object) -> list:
    return [v for _, v in getattr(control, "_options_values", ())] or list(
        getattr(control, "_options_values", ()))


def _record_updates(obj: object) -> list[float]:
    """Make every call of ``obj.update`` (the controls' observers call it) record its time in ms
    into the returned list."""
    original = obj.update
    calls: list[float] = []

    def timed(*args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            calls.append((time.perf_counter() - start) * 1000)

    obj.update = timed
    return calls


def bench_widgets(repeats: int = 3) -> list[dict]:
    import ipywidgets as w

    rows = []
    for name, obj in discover_widgets():
        controls = [(attr, c) for attr, c in vars(obj).items()
                    if isinstance(c, w.ValueWidget) and not isinstance(c, (w.HTML, w.Image))]
        calls = _record_updates(obj)
        times = []

        def respond(control: object, value: object) -> None:
            """Set ``control`` as a student would and time the response: the update(s) the
            change triggers, or one direct update if the value was already set."""
            calls.clear()
            control.value = value
            if not calls:
                obj.update()
            times.append(sum(calls))

        for _ in range(repeats):
            for _attr, control in controls:
                if isinstance(control, w.widgets.widget_selection._Selection):
                    values = list(control._options_values)
                else:
                    values = control_values(control)
                original = control.value
                for value in values:
                    respond(control, value)
                respond(control, original)
        if not times:  # nothing to sweep: time the update as it stands
            for _ in range(10):
                calls.clear()
                obj.update()
                times.append(sum(calls))
        times.sort()
        p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
        row = {"widget": name, "class": type(obj).__name__, "calls": len(times),
               "controls_swept": [a for a, _ in controls],
               "median_ms": round(statistics.median(times), 2), "p95_ms": round(p95, 2),
               "max_ms": round(times[-1], 2)}
        row["within_target"] = row["p95_ms"] <= TARGET_P95_MS
        rows.append(row)
        print(f"  {name}: median {row['median_ms']} ms, p95 {row['p95_ms']} ms "
              f"({row['calls']} calls)", flush=True)
    return rows


def machine_info() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    def ver(dist: str) -> str | None:
        try:
            return version(dist)
        except PackageNotFoundError:
            return None

    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain"], cwd=ROOT,
                                    capture_output=True, text=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = None, None
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cpu": cpu, "logical_cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(), "python": sys.version.split()[0],
        "packages": {d: ver(d) for d in ("matplotlib", "numpy", "pandas", "ipywidgets",
                                          "ipykernel", "nbclient", "lifelines", "jupyter_client")},
        "git_commit": commit, "git_dirty": dirty,
    }


def print_tables(notebooks: list[dict], widgets: list[dict]) -> None:
    if notebooks:
        print(f"\n{'notebook':46} {'full s':>7} {'floor s':>7} {'ratio':>6} {'cpu':>5} "
              f"{'peak MB':>8}  ok")
        for r in notebooks:
            cpu = f"{r['cpu_ratio']:5.2f}" if r.get("cpu_ratio") else f"{'-':>5}"
            print(f"{r['notebook']:46} {r['full_median_s']:7.2f} {r['floor_median_s']:7.2f} "
                  f"{r['ratio']:6.2f} {cpu} {r['peak_rss_mb']:8.1f}  "
                  f"{'yes' if r['within_target'] else 'NO'}")
        print(f"targets: ratio <= {TARGET_RATIO}, peak <= {TARGET_MB:g} MB")
    if widgets:
        print(f"\n{'widget':52} {'calls':>5} {'median ms':>9} {'p95 ms':>7}  ok")
        for r in widgets:
            print(f"{r['widget']:52} {r['calls']:5d} {r['median_ms']:9.2f} {r['p95_ms']:7.2f}  "
                  f"{'yes' if r['within_target'] else 'NO'}")
        print(f"target: p95 <= {TARGET_P95_MS:g} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per notebook (default 3)")
    parser.add_argument("--only", nargs="*", default=None,
                        help="notebook name stems to run (default: all)")
    parser.add_argument("--skip-notebooks", action="store_true")
    parser.add_argument("--skip-widgets", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    info = machine_info()
    print(f"machine: {info['cpu']}, {info['logical_cores']} cores, {info['ram_gb']} GB, "
          f"Python {info['python']}, commit {info['git_commit']}", flush=True)
    widgets = [] if args.skip_widgets else (print("widgets:") or bench_widgets())
    paths = discover_notebooks()
    if args.only:
        paths = [p for p in paths if p.stem in args.only]
    notebooks = [] if args.skip_notebooks else (print("notebooks:") or bench_notebooks(
        paths, args.runs))
    print_tables(notebooks, widgets)
    if args.only is not None or args.skip_notebooks or args.skip_widgets:
        # A partial run updates the rows it measured and keeps the others, each row with the
        # date it was measured ("measured_utc"; the machine block describes the latest run).
        try:
            previous = json.loads(args.output.read_text())
        except (OSError, ValueError):
            previous = {}
        notebooks = merge_rows(notebooks, previous.get("notebooks", []), "notebook")
        widgets = merge_rows(widgets, previous.get("widgets", []), "widget")
    args.output.write_text(json.dumps({"machine": info, "runs": args.runs,
                                       "targets": {"ratio": TARGET_RATIO,
                                                   "widget_p95_ms": TARGET_P95_MS,
                                                   "peak_rss_mb": TARGET_MB},
                                       "notebooks": notebooks, "widgets": widgets},
                                      indent=2) + "\n")
    print(f"\nwrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
