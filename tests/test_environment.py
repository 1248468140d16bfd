"""The three dependency lists agree with one another.

- ``pyproject.toml`` declares what the library needs (ranges) and the optional extras;
- ``requirements.txt`` is the one place where exact versions are pinned (``make lab``,
  ``make test``); every pin satisfies the ranges of pyproject.toml;
- ``environment.yml`` (Binder) holds the library and what a class needs to run it, at the pinned
  versions, and none of the test or authoring tools.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]

#: conda-forge names that differ from the PyPI name of the same package.
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}
#: What `import helpers` needs, and nothing more (see pyproject.toml).
RUNTIME = {"numpy", "pandas", "matplotlib", "pillow", "ipywidgets", "ipython", "lifelines"}
#: Tools a class never uses: they must stay out of the runtime dependencies and the Binder image.
NOT_FOR_CLASS = {"pytest", "nbval", "hypothesis", "playwright", "ruff", "jupytext", "nbgrader",
                 "setuptools", "sphinx", "myst-nb", "sphinx-book-theme"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_requirements(text: str) -> dict[str, str]:
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep, f"requirements.txt line is not pinned with ==: {line!r}"
        pins[_norm(name)] = version.strip()
    return pins


def conda_packages(text: str) -> dict[str, str]:
    """``name: version`` of environment.yml, with conda-forge names mapped to PyPI names."""
    pins = {}
    in_deps = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        if not in_deps or not line.strip().startswith("- ") or line.strip() == "- pip:":
            continue
        spec = line.strip()[2:].strip()
        if raw.startswith("  - "):  # conda-forge: name=version
            name, _, version = spec.partition("=")
        elif raw.startswith("      - "):  # the pip subsection: name==version
            name, sep, version = spec.partition("==")
            assert sep, f"environment.yml pip line is not pinned with ==: {spec!r}"
        else:
            continue
        name = _norm(name)
        pins[CONDA_TO_PYPI.get(name, name)] = version.lstrip("=").strip()
    return pins


def pin_problems(pins: dict[str, str], requirements: list[str]) -> list[str]:
    """How the pins fail the requirement ranges: a requirement with no pin, or a pin outside."""
    problems = []
    for text in requirements:
        req = Requirement(text)
        name = _norm(req.name)
        if name not in pins:
            problems.append(f"{req.name} is required but not pinned in requirements.txt")
        elif not req.specifier.contains(Version(pins[name]), prereleases=True):
            problems.append(f"{req.name}=={pins[name]} is outside {req.specifier}")
    return problems


def env_problems(env: dict[str, str], req: dict[str, str]) -> list[str]:
    """Packages of environment.yml not pinned in requirements.txt, or at another version."""
    return [f"{name}: environment.yml {version}, requirements.txt {req.get(name)}"
            for name, version in sorted(env.items()) if req.get(name) != version]


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def names(requirements: list[str]) -> set[str]:
    return {_norm(Requirement(r).name) for r in requirements}


@pytest.fixture(scope="module")
def pins() -> dict[str, str]:
    return pinned_requirements((ROOT / "requirements.txt").read_text())


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    packages = conda_packages((ROOT / "environment.yml").read_text())
    packages.pop("python", None)
    packages.pop("pip", None)
    return packages


def test_environment_yml_versions_are_the_pinned_ones(env, pins) -> None:
    assert env_problems(env, pins) == []


def test_binder_has_what_a_class_needs(env) -> None:
    extras = project()["optional-dependencies"]
    needed = names(project()["dependencies"]) | names(extras["lab"]) | names(extras["app"])
    assert needed - set(env) == set()


def test_binder_leaves_out_test_and_authoring_tools(env) -> None:
    assert NOT_FOR_CLASS & set(env) == set()


def test_runtime_dependencies_are_the_library_needs_only() -> None:
    assert names(project()["dependencies"]) == RUNTIME


@pytest.mark.parametrize("group", ["dependencies", "lab", "app", "test", "author"])
def test_pins_satisfy_pyproject_ranges(pins, group: str) -> None:
    requirements = (project()["dependencies"] if group == "dependencies"
                    else project()["optional-dependencies"][group])
    assert pin_problems(pins, requirements) == []


def test_pyproject_does_not_read_requirements() -> None:
    """The library's dependencies are ranges in pyproject.toml, not the pinned stack."""
    assert "dependencies" not in project().get("dynamic", [])
    assert "requirements.txt" not in (ROOT / "pyproject.toml").read_text().split("[tool.", 1)[1]


def test_drift_is_detected() -> None:
    """The comparisons above can fail: a changed version, a missing package, a pin outside a
    range, and a conda-forge name are all seen."""
    req = pinned_requirements("pandas==2.3.3\nnumpy==2.4.6\nmatplotlib==3.11.2\n")
    assert env_problems(conda_packages("dependencies:\n  - pandas=2.3.2\n"), req) == [
        "pandas: environment.yml 2.3.2, requirements.txt 2.3.3"]
    assert env_problems(conda_packages("dependencies:\n  - nbval=0.11.0\n"), req) == [
        "nbval: environment.yml 0.11.0, requirements.txt None"]
    assert conda_packages("dependencies:\n  - matplotlib-base=3.11.2\n") == {"matplotlib": "3.11.2"}
    with_pip = "dependencies:\n  - pandas=2.3.3\n  - pip\n  - pip:\n      - numpy==2.4.6\n"
    assert conda_packages(with_pip) == {"pandas": "2.3.3", "pip": "", "numpy": "2.4.6"}
    assert pin_problems(req, ["pandas>=2.2,<4", "numpy>=2.0"]) == []
    assert pin_problems(req, ["pandas>=3"]) == ["pandas==2.3.3 is outside >=3"]
    assert pin_problems(req, ["lifelines>=0.30"]) == [
        "lifelines is required but not pinned in requirements.txt"]
