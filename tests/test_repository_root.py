"""The top of the repository holds only what README.md's "What is inside" table names.

Scratch files committed by accident (a script with one machine's paths, a process-id file) are
what this keeps out: every file or folder at the root that git tracks, or would add (untracked
and not ignored), must be named in the table's first column.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def named_in_readme(readme: str) -> set[str]:
    """Top-level names (``src/helpers/`` gives ``src``) in the first column of the table under
    the heading "What is inside"."""
    section = readme.split("## What is inside", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for line in section.splitlines():
        if not line.startswith("|") or line.startswith("|---"):
            continue
        first_column = line.split("|")[1]
        for name in re.findall(r"`([^`]+)`", first_column):
            names.add(name.strip("/").split("/")[0])
    return names


def root_entries() -> set[str]:
    """Names at the root that git tracks or would add (untracked, not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--full-name"],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    deleted = set(subprocess.run(["git", "ls-files", "--deleted"], cwd=ROOT, capture_output=True,
                                 text=True, check=True).stdout.splitlines())
    return {path.split("/")[0] for path in listed if path not in deleted}


def test_table_is_read() -> None:
    names = named_in_readme((ROOT / "README.md").read_text(encoding="utf-8"))
    assert {"notebooks", "src", "tools", "README.md", "Makefile", ".gitignore"} <= names


def test_root_holds_only_what_the_readme_names() -> None:
    names = named_in_readme((ROOT / "README.md").read_text(encoding="utf-8"))
    unnamed = sorted(root_entries() - names)
    assert unnamed == [], (f"not named in README.md's 'What is inside' table: {unnamed}; add a "
                           "row, or remove the file (scratch files belong outside the repository)")


@pytest.mark.parametrize("name", ["attack.py", "plainpid", "server.pid", "run.log"])
def test_scratch_files_are_ignored(name: str) -> None:
    ignored = subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT)
    assert ignored.returncode == 0, f"{name} at the root is not ignored by .gitignore"


def test_a_stray_file_is_reported(tmp_path: Path) -> None:
    """The check sees a new untracked file at the root."""
    stray = ROOT / "stray_scratch_file.py"
    stray.write_text("# scratch\n")
    try:
        assert "stray_scratch_file.py" in root_entries()
    finally:
        stray.unlink()
