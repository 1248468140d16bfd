"""The JupyterHub path: tools/nbgitpuller_link.py makes the link the instructor guide shows."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import nbgitpuller_link as tool  # noqa: E402

GUIDE = ROOT / "instructors" / "guide.md"


def test_guide_shows_the_generated_link() -> None:
    """The guide's example link is exactly what the command prints for its placeholder hub."""
    link = tool.nbgitpuller_link("https://YOUR-HUB")
    assert f"`{link}`" in GUIDE.read_text(encoding="utf-8")


def test_guide_names_the_command_and_the_install_that_works() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert "python3 tools/nbgitpuller_link.py" in text
    assert 'pip install -c requirements.txt ".[lab]"' in text


def test_link_pulls_the_repository_and_opens_the_start_page() -> None:
    link = tool.nbgitpuller_link("https://hub.example.edu")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https", "hub.example.edu", "/hub/user-redirect/git-pull")
    query = parse_qs(parts.query, strict_parsing=True)
    assert query == {"repo": [tool.REPO], "branch": ["main"],
                     "urlpath": ["lab/tree/her2neg-teaching/notebooks/00_start_here.ipynb"]}
    # The page it opens exists in the repository.
    assert (ROOT / query["urlpath"][0].removeprefix("lab/tree/her2neg-teaching/")).is_file()


def test_link_is_encoded_as_nbgitpuller_encodes_it() -> None:
    """Known value: the same link nbgitpuller's link generator gives for these inputs (its
    parameters in its order, percent-encoded, the hub's own path kept)."""
    assert tool.nbgitpuller_link(
        "https://uni.example.org/jupyter/", repo="https://github.com/a/b.git",
        branch="class-2026", path="notebooks/04_survival.ipynb") == (
        "https://uni.example.org/jupyter/hub/user-redirect/git-pull?"
        "repo=https%3A%2F%2Fgithub.com%2Fa%2Fb.git&"
        "urlpath=lab%2Ftree%2Fb%2Fnotebooks%2F04_survival.ipynb&branch=class-2026")


@pytest.mark.parametrize("hub", ["  https://hub.example.edu  ", "https://hub.example.edu/"])
def test_hub_as_people_paste_it(hub: str) -> None:
    assert tool.nbgitpuller_link(hub).startswith("https://hub.example.edu/hub/user-redirect/")


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"hub": "hub.example.edu"}, "hub"),
    ({"hub": "ftp://hub.example.edu"}, "hub"),
    ({"hub": "https://hub.example.edu/?next=x"}, "hub"),
    ({"hub": "https://h.org", "repo": "github.com/a/b"}, "repo"),
    ({"hub": "https://h.org", "branch": " "}, "branch"),
    ({"hub": "https://h.org", "branch": "class day"}, "branch"),
    ({"hub": "https://h.org", "path": "../etc/passwd"}, "path"),
    ({"hub": "https://h.org", "path": ""}, "path"),
])
def test_bad_input_names_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(ValueError, match=f"^{field} must"):
        tool.nbgitpuller_link(**kwargs)


def test_command_prints_the_link_or_a_clear_error(capsys) -> None:
    assert tool.main(["https://hub.example.edu", "--branch", "class-2026"]) == 0
    assert capsys.readouterr().out.strip() == tool.nbgitpuller_link(
        "https://hub.example.edu", branch="class-2026")
    assert tool.main(["hub.example.edu"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: hub must") and "Traceback" not in err


def _released_names() -> set[str]:
    """Tags of this repository (none yet): a guide may name only these as releases."""
    import subprocess

    result = subprocess.run(["git", "tag"], cwd=ROOT, capture_output=True, text=True)
    return set(result.stdout.split())


@pytest.mark.parametrize("page", [GUIDE, ROOT / "README.md"])
def test_no_instruction_names_a_release_that_does_not_exist(page: Path) -> None:
    """Neither a PyPI release (the package is not on PyPI) nor a tag the repository lacks."""
    import re

    text = page.read_text(encoding="utf-8")
    assert not re.search(r"pip install ['\"]?her2neg-teaching(\[\w,]+\])?['\"]?(?!\s*@)(\s|`|$)",
                         text)
    named = set(re.findall(r"@(v\d[\w.]*)", text))
    named |= set(re.findall(r"her2neg-teaching/her2neg-teaching/(v\d[\w.]*)\?", text))
    named |= set(re.findall(r"git branch \S+ (v\d[\w.]*)", text))
    assert named <= _released_names(), named - _released_names()


def test_guide_pins_a_commit_for_class_day() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert "git branch class-2026 COMMIT && git push origin class-2026" in text
    assert "https://mybinder.org/v2/gh/her2neg-teaching/her2neg-teaching/COMMIT?urlpath=" in text
    assert "git tag class-2026-v1 COMMIT" in text


def test_pinning_commands_run_as_printed(tmp_path: Path) -> None:
    """The guide's branch and tag commands, with COMMIT a real commit, in a clone."""
    import subprocess

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(clone)],
                   check=True)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True,
                            text=True, check=True).stdout.strip()
    for command in ("git branch class-2026 COMMIT", "git tag class-2026-v1 COMMIT"):
        subprocess.run(command.replace("COMMIT", commit).split(), cwd=clone, check=True)
    for ref in ("class-2026", "class-2026-v1"):
        assert subprocess.run(["git", "rev-parse", f"{ref}^{{commit}}"], cwd=clone,
                              capture_output=True, text=True,
                              check=True).stdout.strip() == commit


def test_graded_class_link_opens_the_student_trees_start_page() -> None:
    """The guide's link for a graded class pulls the student-only tree, not this repository."""
    link = tool.nbgitpuller_link("https://YOUR-HUB",
                                 repo="https://github.com/YOUR-ACCOUNT/her2neg-class")
    query = parse_qs(urlsplit(link).query)
    assert query["urlpath"] == ["lab/tree/her2neg-class/notebooks/00_start_here.ipynb"]
    assert ("python3 tools/nbgitpuller_link.py https://YOUR-HUB --repo "
            "https://github.com/YOUR-ACCOUNT/her2neg-class --branch main") in GUIDE.read_text(
                encoding="utf-8")
