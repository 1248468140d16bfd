"""Create the environments in which the tests check the library on newer Pythons (3.12, 3.13).

For each version, when an interpreter for it is on this machine (``python3.X`` on the PATH, or a
pyenv installation), this makes ``.venv-compat/py3.X`` with the library's runtime dependencies
at the versions pinned in requirements.txt, plus pytest and hypothesis. ``make test`` runs
it (it needs the network, like the rest of the install); ``tests/test_python_versions.py`` then
installs the built wheel there and runs the library's unit tests, offline. A version with no
interpreter is reported here and skipped there, with the reason printed.

Usage::

    .venv/bin/python tools/compat_envs.py          # every version in VERSIONS
    .venv/bin/python tools/compat_envs.py 3.13     # one
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
ENVS = ROOT / ".venv-compat"
VERSIONS = ("3.12", "3.13")
TEST_TOOLS = ("pytest", "hypothesis")


@functools.lru_cache
def interpreter(version: str) -> Path | None:
    """A working interpreter for ``version`` (e.g. "3.12"), or None when this machine has none.
    pyenv installations come first; a ``python3.X`` on the PATH counts only if it runs (a
    pyenv shim for a version that is not selected does not)."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = sorted(pyenv.glob(f"{version}.*/bin/python{version}"), reverse=True)
    on_path = shutil.which(f"python{version}")
    candidates += [Path(on_path)] if on_path else []
    for candidate in candidates:
        try:
            out = subprocess.run([str(candidate), "-c", "import sys; print(*sys.version_info[:2])"],
                                 capture_output=True, text=True, timeout=30)
        except OSError:
            continue
        if out.returncode == 0 and out.stdout.split() == version.split("."):
            return candidate
    return None


def pinned(names: list[str], requirements: Path = ROOT / "requirements.txt") -> list[str]:
    """``name==version`` lines of requirements.txt for ``names`` (each must be pinned there)."""
    pins = {}
    for line in requirements.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = f"{name}=={version}"
    missing = [n for n in names if canonicalize_name(n) not in pins]
    if missing:
        raise ValueError(f"requirements.txt must pin {missing}")
    return [pins[canonicalize_name(n)] for n in names]


def packages() -> list[str]:
    """The library's runtime dependencies (and scipy, pinned for lifelines) and the test tools,
    at their pinned versions."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = [Requirement(r).name for r in project["dependencies"]] + ["scipy", *TEST_TOOLS]
    return pinned(names)


def env_python(version: str) -> Path:
    return ENVS / f"py{version}" / "bin" / "python"


def create(version: str) -> str:
    """Create (or bring up to date) the environment for ``version``; say what happened."""
    python = interpreter(version)
    if python is None:
        return f"Python {version}: no interpreter on this machine, skipped"
    target = ENVS / f"py{version}"
    if not env_python(version).is_file():
        subprocess.run([str(python), "-m", "venv", str(target)], check=True)
    subprocess.run([str(env_python(version)), "-m", "pip", "install", "--quiet",
                    "--disable-pip-version-check", *packages()], check=True)
    return f"Python {version}: {target} ready"


def main(argv: list[str]) -> int:
    for version in argv or VERSIONS:
        print(create(version))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
