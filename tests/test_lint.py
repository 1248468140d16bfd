"""ruff (configured in pyproject.toml) finds nothing in the library, the tests and the tools."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache",
                           "--config", str(ROOT / "pyproject.toml"), *args],
                          cwd=cwd, capture_output=True, text=True)


def test_ruff_finds_nothing() -> None:
    result = ruff("src", "tests", "tools")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_check_can_fail(tmp_path: Path) -> None:
    """The same configuration reports an unused import and an undefined name."""
    (tmp_path / "bad.py").write_text("import os\n\nprint(undefined_name)\n")
    result = ruff(str(tmp_path / "bad.py"), cwd=tmp_path)
    assert result.returncode == 1
    assert "F401" in result.stdout and "F821" in result.stdout
