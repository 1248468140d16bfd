"""The library on Python 3.12 and 3.13: the built wheel, installed into an environment of that
Python (made by ``make test`` through tools/compat_envs.py, with the pinned runtime
dependencies), passes the library's unit tests there. A version whose interpreter this machine
lacks is skipped with the reason printed; an interpreter without its environment is a failure
(run ``make test``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fresh_env import LIBRARY_TESTS, ROOT, build_wheel, run

sys.path.insert(0, str(ROOT / "tools"))
import compat_envs  # noqa: E402


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.mark.parametrize("version", compat_envs.VERSIONS)
def test_library_unit_tests_pass(version: str, wheel: Path, tmp_path: Path) -> None:
    if compat_envs.interpreter(version) is None:
        reason = f"no Python {version} interpreter on this machine (python{version} or pyenv)"
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)
    python = compat_envs.env_python(version)
    if not python.is_file():
        pytest.fail(f"{python.parent.parent} is missing: run `make test` (it runs "
                    "tools/compat_envs.py)", pytrace=False)
    run([sys.executable, "-m", "pip", "--isolated", "--python", str(python), "install",
         "--no-index", "--no-deps", "--force-reinstall", "--quiet", str(wheel)])
    ini = tmp_path / "pytest.ini"
    ini.write_text("[pytest]\n")
    env = dict(os.environ)  # PYTHONPATH holds only the network block (see conftest.py)
    result = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(ini),
         "--rootdir", str(ROOT), "--confcutdir", str(ROOT),
         *[str(ROOT / "tests" / f"{name}.py") for name in LIBRARY_TESTS]],
        capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    check = ("import sys, helpers; from pathlib import Path; "
             "print(sys.version_info[:2], Path(helpers.__file__).resolve().is_relative_to("
             "Path(sys.prefix).resolve()))")
    out = run([str(python), "-c", check], env=env, cwd=tmp_path).stdout.strip()
    assert out == f"({version.replace('.', ', ')}) True", out
    print(f"Python {version}: {result.stdout.strip().splitlines()[-1]}")


def test_compat_envs_take_the_pinned_versions(tmp_path: Path) -> None:
    pins = tmp_path / "requirements.txt"
    pins.write_text("# comment\nnumpy==2.4.6  # the library\npytest==9.2.0\n")
    assert compat_envs.pinned(["numpy", "pytest"], pins) == ["numpy==2.4.6", "pytest==9.2.0"]
    with pytest.raises(ValueError, match=r"requirements.txt must pin \['pandas'\]"):
        compat_envs.pinned(["numpy", "pandas"], pins)
    assert "lifelines==0.30.3" in compat_envs.packages()


def test_no_interpreter_is_reported_not_guessed() -> None:
    assert compat_envs.interpreter("3.99") is None
    assert compat_envs.create("3.99") == "Python 3.99: no interpreter on this machine, skipped"
