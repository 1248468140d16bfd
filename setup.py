"""Build hook: the wheel carries the collection's data files inside the package.

Authors edit the tables in ``data/`` at the top of the repository (one copy of each file). When
a wheel is built, ``data/*.csv`` and ``data/*.meta.json`` are copied to ``helpers/data/`` in the
wheel, where ``helpers.DATA_DIR`` finds them through ``importlib.resources``. An editable install
(``pip install -e .``, as ``make install`` does) copies nothing: ``helpers.DATA_DIR`` is then the
repository's ``data/`` itself. Everything else about the package is in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA = Path(__file__).resolve().parent / "data"
DATA_PATTERNS = ("*.csv", "*.meta.json")


def data_files(folder: Path = DATA) -> list[Path]:
    """The files of ``data/`` that ship in the wheel."""
    return sorted(p for pattern in DATA_PATTERNS for p in folder.glob(pattern))


class BuildPyWithData(build_py):
    """``build_py`` that also copies ``data/`` into ``helpers/data`` of the build."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "helpers" / "data"
        target.mkdir(parents=True, exist_ok=True)
        files = data_files()
        if not files:
            raise RuntimeError(f"no data files found in {DATA}: build from a full checkout or sdist")
        for path in files:
            shutil.copy2(path, target / path.name)


setup(cmdclass={"build_py": BuildPyWithData})
