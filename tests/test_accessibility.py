"""Accessibility across the collection: alt text on every figure, one colour-blind-safe palette."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.palette import OKABE_ITO

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb")) + sorted(
    (ROOT / "instructors" / "solutions").glob("*.ipynb"))
MODULES = sorted((ROOT / "src" / "helpers").rglob("*.py"))
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")


def _image_outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                yield index, output


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_figure_in_a_notebook_has_alt_text(path: Path) -> None:
    for index, output in _image_outputs(path):
        alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
        assert len(alt) >= 20, f"cell {index} shows a figure without alt text"
        plain = output["data"].get("text/plain", "")
        plain = "".join(plain) if isinstance(plain, list) else plain
        assert "<Figure size" not in plain, f"cell {index} shows a bare matplotlib figure"


@pytest.mark.parametrize("path", [m for m in MODULES if m.name != "palette.py"],
                         ids=lambda p: str(p.relative_to(ROOT / "src")))
def test_colours_come_only_from_the_palette_module(path: Path) -> None:
    found = HEX.findall(path.read_text(encoding="utf-8"))
    assert not found, f"colour literals {found}: take colours from helpers.palette"


def test_palette_is_okabe_ito() -> None:
    assert dict(OKABE_ITO) == {
        "black": "#000000", "orange": "#E69F00", "sky blue": "#56B4E9",
        "bluish green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
        "vermillion": "#D55E00", "reddish purple": "#CC79A7",
    }


def test_the_alt_text_check_can_fail(tmp_path: Path) -> None:
    bare = {"cells": [{"cell_type": "code", "source": "", "metadata": {}, "outputs": [
        {"output_type": "display_data", "metadata": {},
         "data": {"image/png": "AAAA", "text/plain": "<Figure size 640x480 with 1 Axes>"}}]}]}
    path = tmp_path / "bare.ipynb"
    path.write_text(json.dumps(bare))
    with pytest.raises(AssertionError, match="without alt text"):
        test_every_figure_in_a_notebook_has_alt_text(path)
