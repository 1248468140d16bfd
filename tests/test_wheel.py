"""The helpers package as a hub image or any other Python environment gets it: a built wheel,
installed (not editable) into a fresh virtual environment that holds only the library's runtime
dependencies, with the lessons copied to a folder outside this checkout and run there under
nbval. This is the JupyterHub + nbgitpuller situation: the pulled notebooks must import the
installed package and find its data.

How the fresh environment gets its packages without a network (the test run blocks it, see
``conftest.py``) and without relying on anything outside the project:

1. The wheel is built from a copy of the package's sources, through its sdist, with the
   project's own setuptools (``pip wheel --no-build-isolation``; setuptools is pinned in
   requirements.txt). Building through the sdist also checks that the sdist carries the data.
2. ``python -m venv --without-pip`` makes an empty environment.
3. The wheel's runtime requirements (its ``Requires-Dist``) are followed, transitively, through
   the distributions installed in this test run's own environment (the project's ``.venv``, which
   ``make install`` filled from requirements.txt), plus ``ipykernel`` to run the notebooks, the
   one package a hub image adds for its kernel. The files each of those distributions recorded in
   its ``RECORD`` are copied (hard-linked where possible) into the fresh site-packages, with
   their ``.dist-info``, so the fresh environment is an ordinary installation of exactly that
   set, whatever pip cache the machine has or lacks.
4. The wheel is installed with this environment's pip, acting on the fresh interpreter
   (``pip --python``), with ``--no-index`` and without ``--no-deps``: pip itself must find every
   declared runtime dependency already present, and ``pip check`` must report none broken. A
   dependency missing from pyproject.toml shows up as an import error in the lessons.

A probe notebook added to the copied folder prints where ``helpers`` and its data came from; its
committed output says "the fresh environment", so nbval fails if the kernel imported the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from fresh_env import (ROOT, build_wheel, closure, copy_distribution, new_environment, pip, run,
                       runtime_requirements)

#: The kernel a hub image provides next to the library.
KERNEL_PACKAGES = ["ipykernel"]
KERNEL_NAME = "her2neg-wheel"

PROBE = """\
import sys
from pathlib import Path
import helpers
from helpers.datafiles import read_table
home = Path(sys.prefix).resolve()
inside = lambda p: Path(p).resolve().is_relative_to(home)
print("helpers from the fresh environment:", inside(helpers.__file__))
print("data from the fresh environment:", inside(helpers.DATA_DIR))
print("tables:", len(list(helpers.DATA_DIR.glob("*.csv"))), "rows of survival:",
      len(read_table("seer_survival")) > 0)"""


def fresh_environment(path: Path, wheel: Path) -> Path:
    """A new virtual environment with the wheel, its runtime closure and a kernel; its python."""
    python, site = new_environment(path)
    for dist in closure(runtime_requirements(wheel) + KERNEL_PACKAGES).values():
        copy_distribution(dist, site)
    run(pip(python) + ["install", "--no-index", str(wheel)])
    run(pip(python) + ["check"])
    return python


def kernel_spec(folder: Path, python: Path) -> Path:
    """A kernel spec named KERNEL_NAME that starts ``python``; returns the JUPYTER_PATH entry."""
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "her2neg-teaching (wheel)", "language": "python"}))
    return folder


def probe_notebook(path: Path) -> None:
    """A notebook whose expected output says helpers and its data come from the environment.
    Its kernel spec is the lessons' own ("python3"), so it runs exactly as they do: only
    nbval's --nbval-kernel-name sends it, and them, to the fresh environment."""
    expected = ("helpers from the fresh environment: True\n"
                "data from the fresh environment: True\n"
                f"tables: {len(list((ROOT / 'data').glob('*.csv')))} rows of survival: True\n")
    cell = new_code_cell(PROBE, outputs=[new_output("stream", name="stdout", text=expected)],
                         execution_count=1)
    lesson = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    nbformat.write(new_notebook(cells=[cell], metadata={
        "kernelspec": lesson.metadata["kernelspec"]}), path)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory) -> Path:
    return fresh_environment(tmp_path_factory.mktemp("env") / "venv", wheel)


def test_wheel_carries_the_data_files(wheel: Path) -> None:
    """Every data file of data/ is in the wheel, byte for byte, under helpers/data/."""
    with zipfile.ZipFile(wheel) as archive:
        packaged = {n.removeprefix("helpers/data/"): archive.read(n)
                    for n in archive.namelist() if n.startswith("helpers/data/")}
    expected = {p.name: p.read_bytes() for pattern in ("*.csv", "*.meta.json")
                for p in (ROOT / "data").glob(pattern)}
    assert packaged == expected
    assert not any(name.startswith(("tests/", "notebooks/", "data/"))
                   for name in zipfile.ZipFile(wheel).namelist())


def test_installed_wheel_imports_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    code = ("import json, helpers; from helpers.datafiles import read_table, read_sidecar, "
            "validate_table; names = sorted(p.stem for p in helpers.DATA_DIR.glob('*.csv')); "
            "problems = {n: validate_table(read_table(n), read_sidecar(n)) for n in names}; "
            "print(json.dumps({'file': helpers.__file__, 'data': str(helpers.DATA_DIR), "
            "'names': names, 'problems': problems}))")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = json.loads(run([str(installed), "-c", code], cwd=tmp_path, env=env).stdout)
    venv = installed.parent.parent.resolve()
    assert Path(result["file"]).resolve().is_relative_to(venv)
    assert Path(result["data"]).resolve().is_relative_to(venv)
    assert result["names"] == sorted(p.stem for p in (ROOT / "data").glob("*.csv"))
    assert result["problems"] == {name: [] for name in result["names"]}


def test_lessons_run_from_the_wheel_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    """Every lesson, copied out of the checkout, passes nbval on a kernel of the fresh env."""
    notebooks = tmp_path / "pulled" / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    probe_notebook(notebooks / "zz_where_is_helpers.ipynb")
    (tmp_path / "pytest.ini").write_text("[pytest]\nfilterwarnings =\n"
                                         "    ignore::DeprecationWarning:jupyter_client.*\n")
    env = dict(os.environ, JUPYTER_PATH=str(kernel_spec(tmp_path / "share", installed)))
    lessons = sorted(notebooks.glob("*.ipynb"))
    assert len(lessons) == len(list((ROOT / "notebooks").glob("*.ipynb"))) + 1
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c",
         str(tmp_path / "pytest.ini"), "--rootdir", str(tmp_path), "--nbval",
         "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
         "--nbval-kernel-name", KERNEL_NAME, *map(str, lessons)],
        cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
