"""Fresh virtual environments for the packaging tests, made without a network.

``build_wheel`` builds the package's wheel through its sdist with the project's own setuptools;
``closure`` follows requirements through the distributions installed in the running environment
(the project's ``.venv``); ``copy_distribution`` copies the files a distribution recorded into
another environment's site-packages; ``new_environment`` makes an empty one. Used by
``test_wheel.py`` (the JupyterHub situation) and ``test_pandas3.py`` (the next pandas major);
see the first for why the environments are filled this way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
#: What the sdist is built from (everything else in the checkout is not part of the package).
SOURCES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE",
           "LICENSE-lessons.md", "CITATION.cff", "src", "data"]
#: The unit tests of the library (each imports only helpers and its dependencies, plus pytest
#: and hypothesis), which the pandas 3 and Python-version tests run in other environments; the
#: notebooks are left out there, as another pandas may print some tables differently.
LIBRARY_TESTS = ["test_biology", "test_capstone", "test_classification_support",
                 "test_data_files", "test_exercises", "test_her2", "test_ish",
                 "test_pathology_cases", "test_plots", "test_properties", "test_receptors",
                 "test_staging", "test_subtype", "test_survival", "test_treatment",
                 "test_widgets_survival"]


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} failed ({result.returncode}):\n"
        f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return result


def build_wheel(dest: Path) -> Path:
    """Build the sdist from a copy of the sources, then the wheel from the unpacked sdist."""
    src = dest / "src-copy"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif path.is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, src / name)
    sdist_dir = dest / "sdist"
    code = ("import sys, setuptools.build_meta as b; "
            "print(b.build_sdist(sys.argv[1]))")
    name = run([sys.executable, "-c", code, str(sdist_dir)], cwd=src).stdout.strip().splitlines()[-1]
    with tarfile.open(sdist_dir / name) as archive:
        archive.extractall(dest / "unpacked", filter="data")
    (unpacked,) = (dest / "unpacked").iterdir()
    wheels = dest / "wheels"
    run([sys.executable, "-m", "pip", "--isolated", "wheel", "--no-deps", "--no-index",
         "--no-build-isolation", "--wheel-dir", str(wheels), str(unpacked)])
    (wheel,) = wheels.glob("her2neg_teaching-*.whl")
    return wheel


def wheel_requirements(wheel: Path) -> list[str]:
    """The ``Requires-Dist`` lines of the wheel's metadata (extras' included, with markers)."""
    with zipfile.ZipFile(wheel) as archive:
        (meta,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        headers = Parser().parsestr(archive.read(meta).decode())
    return headers.get_all("Requires-Dist") or []


def closure(requirements: list[str]) -> dict[str, metadata.Distribution]:
    """The installed distributions that ``requirements`` need, transitively (markers evaluated
    for this interpreter; requirements behind an extra only when that extra is asked for)."""
    found: dict[str, metadata.Distribution] = {}
    queue = [(Requirement(r), ("",)) for r in requirements]
    while queue:
        req, extras = queue.pop()
        if req.marker and not any(req.marker.evaluate({"extra": e}) for e in extras):
            continue
        name = canonicalize_name(req.name)
        if name in found:
            continue
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            pytest.fail(f"{req.name} is required but not installed in {sys.prefix}")
        assert req.specifier.contains(dist.version, prereleases=True), (req, dist.version)
        found[name] = dist
        queue += [(Requirement(r), ("", *req.extras)) for r in dist.requires or []]
    return found


def copy_distribution(dist: metadata.Distribution, site: Path) -> None:
    """Copy (hard-link where possible) the files ``dist`` installed into site-packages."""
    base = Path(dist.locate_file("")).resolve()
    for record in dist.files or []:
        source = Path(dist.locate_file(record)).resolve()
        if not source.is_file() or not source.is_relative_to(base):
            continue  # console scripts in bin/ and the like: a kernel does not need them
        target = site / source.relative_to(base)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


def runtime_requirements(wheel: Path) -> list[str]:
    """The wheel's requirements that apply without extras, on this interpreter."""
    return [r for r in wheel_requirements(wheel)
            if not (m := Requirement(r).marker) or m.evaluate({"extra": ""})]


def new_environment(path: Path) -> tuple[Path, Path]:
    """An empty virtual environment (no pip): its python and its site-packages."""
    run([sys.executable, "-m", "venv", "--without-pip", str(path)])
    python = path / "bin" / "python"
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
                    ).stdout.strip())
    return python, site


def pip(python: Path) -> list[str]:
    """This environment's pip, acting on the environment of ``python``, ignoring any pip
    configuration of the machine (no index, no extra wheel folders)."""
    return [sys.executable, "-m", "pip", "--isolated", "--python", str(python)]
