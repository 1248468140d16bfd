"""The library with the next pandas major (3.x): its unit tests pass against pandas 3.

lifelines, which the Kaplan-Meier lesson uses, declares ``pandas<3``, so no resolver installs
pandas 3 next to it: requirements.txt pins pandas 2 and the README says so. This test builds an
environment the way ``test_wheel.py`` does (the built wheel, its runtime dependencies copied from
the project's environment), then replaces pandas with the pandas 3 release pinned in
``requirements-pandas3.txt``, installed from the wheel ``make test`` downloads into
``.venv/compat-wheels/`` (the test run itself is offline). lifelines is kept, without its pin
honoured: ``pip check`` must report exactly that one conflict, so the test notices when
lifelines lifts it. The library's unit tests then run in that environment, the Kaplan-Meier ones
included; if lifelines itself stops working with pandas 3, only those are skipped, and the
reason is printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from fresh_env import (LIBRARY_TESTS, ROOT, build_wheel, closure, copy_distribution,
                       new_environment, pip, run, runtime_requirements)

PINS = ROOT / "requirements-pandas3.txt"
WHEELS = Path(sys.prefix) / "compat-wheels"
TEST_TOOLS = ["pytest", "hypothesis"]


def pinned_pandas() -> str:
    (line,) = [ln.split("#")[0].strip() for ln in PINS.read_text().splitlines()
               if ln.split("#")[0].strip()]
    name, _, version = line.partition("==")
    assert canonicalize_name(name) == "pandas" and version.startswith("3."), line
    return version


@pytest.fixture(scope="module")
def pandas3_python(tmp_path_factory) -> Path:
    version = pinned_pandas()
    found = sorted(WHEELS.glob(f"pandas-{version}-*.whl"))
    if not found:
        pytest.fail(f"no pandas {version} wheel in {WHEELS}: run `make test` (it downloads "
                    f"the wheel named in {PINS.name})", pytrace=False)
    work = tmp_path_factory.mktemp("pandas3")
    wheel = build_wheel(work)
    python, site = new_environment(work / "venv")
    for name, dist in closure(runtime_requirements(wheel) + TEST_TOOLS).items():
        if name != "pandas":
            copy_distribution(dist, site)
    run(pip(python) + ["install", "--no-index", "--no-deps", str(found[-1]), str(wheel)])
    return python


def test_only_conflict_is_the_lifelines_pin(pandas3_python: Path) -> None:
    result = subprocess.run(pip(pandas3_python) + ["check"], capture_output=True, text=True)
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("lifelines ") and "pandas<3" in lines[0], \
        result.stdout + result.stderr
    version = run([str(pandas3_python), "-c", "import pandas; print(pandas.__version__)"]).stdout
    assert version.strip() == pinned_pandas()


def test_library_unit_tests_pass_with_pandas3(pandas3_python: Path, tmp_path: Path) -> None:
    ini = tmp_path / "pytest.ini"
    ini.write_text("[pytest]\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = os.environ.get("PYTHONPATH", "")  # the network block only (conftest)
    base = [str(pandas3_python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(ini),
            "--rootdir", str(ROOT), "--confcutdir", str(ROOT),
            *[str(ROOT / "tests" / f"{name}.py") for name in LIBRARY_TESTS]]
    km_probe = "from helpers import kaplan_meier as k; k.compare_hormone_therapy()"
    km_works = subprocess.run([str(pandas3_python), "-c", km_probe],
                              capture_output=True, text=True, env=env, cwd=tmp_path)
    command = base
    if km_works.returncode != 0:
        reason = km_works.stderr.strip().splitlines()[-1] if km_works.stderr.strip() else "?"
        print(f"SKIPPED with pandas 3: the Kaplan-Meier tests, because lifelines fails: {reason}")
        command = base + ["-k", "not kaplan and not km_ and not gbsg and not logrank"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    summary = result.stdout.strip().splitlines()[-1]
    print(f"library unit tests with pandas {pinned_pandas()}: {summary}")
    assert int(summary.split(" passed")[0].split()[-1]) >= 100, summary
    where = run([str(pandas3_python), "-c", "import helpers; print(helpers.__file__)"],
                env=env, cwd=tmp_path).stdout
    assert Path(where.strip()).resolve().is_relative_to(pandas3_python.parent.parent.resolve())
