"""Links between lessons, to the glossary and to its terms all resolve (no dead links)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
LINK = re.compile(r"\]\(([^)\s]+)\)")
GLOSSARY = NOTEBOOK_DIR / "glossary.md"
ANCHORS = set(re.findall(r'<a id="([^"]+)"></a>', GLOSSARY.read_text(encoding="utf-8")))


def _markdown(path: Path) -> str:
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


SOLUTIONS = sorted((ROOT / "instructors" / "solutions").glob("*.ipynb"))
PAGES = sorted(NOTEBOOK_DIR.glob("*.ipynb")) + [GLOSSARY] + SOLUTIONS


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_relative_links_resolve(page: Path) -> None:
    for target in LINK.findall(_markdown(page)):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        file_part, _, anchor = target.partition("#")
        path = (page.parent / file_part).resolve()
        assert path.exists(), f"{page.parent.name}/{page.name} links to missing {target}"
        if path == GLOSSARY and anchor:
            assert anchor in ANCHORS, f"{page.name} links to unknown glossary term #{anchor}"


def test_every_lesson_is_on_the_start_page() -> None:
    start = _markdown(NOTEBOOK_DIR / "00_start_here.ipynb")
    for nb in NOTEBOOK_DIR.glob("0[1-9]_*.ipynb"):
        assert f"({nb.name})" in start, f"the start page does not list {nb.name}"
