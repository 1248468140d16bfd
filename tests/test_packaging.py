"""What a packager or a user looks for: declared dependencies that cover what the library
imports, one copy of each data file, the licence files, the citation file, and built notebooks
marked as generated."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import helpers

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "helpers"


def imported_top_level(path: Path) -> set[str]:
    """Top-level names of the absolute imports in one module."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def undeclared(modules: set[str], declared: set[str]) -> set[str]:
    """Imported third-party modules whose distribution is not among ``declared``."""
    providers = metadata.packages_distributions()
    missing = set()
    for module in modules - set(sys.stdlib_module_names) - {"__future__", "helpers"}:
        dists = {canonicalize_name(d) for d in providers.get(module, [module])}
        if not dists & declared:
            missing.add(module)
    return missing


#: Modules only a graded course's nbgrader configuration imports, with the "author" extra.
GRADER_ONLY = {"nbgrader_grading.py"}


def test_every_import_of_the_library_is_a_declared_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {canonicalize_name(Requirement(r).name) for r in project["dependencies"]}
    modules = set().union(*(imported_top_level(p) for p in SRC.rglob("*.py")
                            if p.name not in GRADER_ONLY))
    assert undeclared(modules, declared) == set()


def test_grader_module_imports_what_the_author_extra_installs() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {canonicalize_name(Requirement(r).name) for r in project["dependencies"]}
    author = {canonicalize_name(Requirement(r).name)
              for r in project["optional-dependencies"]["author"]}
    brought = {canonicalize_name(Requirement(r).name)
               for dist in author for r in (metadata.requires(dist) or [])
               if "extra ==" not in r}
    modules = set().union(*(imported_top_level(SRC / name) for name in GRADER_ONLY))
    assert "nbgrader" in modules
    assert undeclared(modules, declared | author | brought) == set()


def test_undeclared_import_is_found() -> None:
    """PIL comes from pillow: without pillow declared, the import is reported."""
    assert undeclared({"PIL", "numpy", "json"}, {"numpy"}) == {"PIL"}
    assert undeclared({"PIL", "numpy"}, {"numpy", "pillow"}) == set()


def test_checkout_uses_the_one_data_folder() -> None:
    """In a checkout (editable install) the data are the repository's data/ itself; the package
    copy exists only in built wheels (tests/test_wheel.py), never beside the sources."""
    assert helpers.DATA_DIR == ROOT / "data"
    assert not (SRC / "data").exists()


def test_licences_and_citation() -> None:
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    lessons = (ROOT / "LICENSE-lessons.md").read_text()
    assert "CC BY 4.0" in lessons and "creativecommons.org/licenses/by/4.0" in lessons
    citation = {line.split(":", 1)[0]: line.split(":", 1)[1].strip().strip('"')
                for line in (ROOT / "CITATION.cff").read_text().splitlines()
                if line and not line.startswith((" ", "#")) and ":" in line}
    assert citation["cff-version"] == "1.2.0"
    assert {"title", "authors", "message", "license"} <= set(citation)
    assert citation["version"] == helpers.__version__ == metadata.version("her2neg-teaching")


@pytest.mark.parametrize(("path", "generated"), [
    ("notebooks/04_survival.ipynb", "true"),
    ("instructors/solutions/04_survival.ipynb", "true"),
    ("lessons/04_survival.py", "unspecified"),
])
def test_built_notebooks_are_marked_generated(path: str, generated: str) -> None:
    out = subprocess.run(["git", "check-attr", "linguist-generated", "--", path], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith(f": {generated}")
