"""requirements.txt is the one place versions are pinned; environment.yml must agree with it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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
        pins[_norm(name)] = version.lstrip("=").strip()
    return pins


def test_environment_yml_matches_requirements() -> None:
    req = pinned_requirements((ROOT / "requirements.txt").read_text())
    env = conda_packages((ROOT / "environment.yml").read_text())
    env.pop("python", None)
    env.pop("pip", None)
    assert env == req


def test_drift_is_detected() -> None:
    """The comparison above can fail: a changed version or a missing package is a difference."""
    req = pinned_requirements("pandas==2.3.3\nnumpy==2.4.6\n")
    assert conda_packages("dependencies:\n  - pandas=2.3.2\n  - numpy=2.4.6\n") != req
    assert conda_packages("dependencies:\n  - numpy=2.4.6\n") != req
    assert conda_packages("dependencies:\n  - pandas=2.3.3\n  - numpy=2.4.6\n") == req
    with_pip = "dependencies:\n  - pandas=2.3.3\n  - pip\n  - pip:\n      - numpy==2.4.6\n"
    assert conda_packages(with_pip) == {**req, "pip": ""}
    assert conda_packages(with_pip.replace("numpy==2.4.6", "numpy==2.4.5")) != {**req, "pip": ""}


def test_pyproject_reads_requirements() -> None:
    text = (ROOT / "pyproject.toml").read_text()
    assert 'dependencies = { file = ["requirements.txt"] }' in text
