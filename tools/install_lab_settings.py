"""Install the collection's JupyterLab setting defaults into this Python environment.

JupyterLab reads default settings from ``<sys.prefix>/share/jupyter/lab/settings/overrides.d/``,
one file per package. Ours (``tools/lab_settings/her2neg-teaching.json``) answers the news
feed's question for everyone: no news, no update check, so a new workspace never asks "Would you
like to get notified about official Jupyter news?" and never reaches out to the network. A
person can still change the setting in JupyterLab's Settings Editor.

``make install`` runs this for ``.venv``; Binder's ``postBuild`` runs it for its environment.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "lab_settings" / "her2neg-teaching.json"


def target(prefix: str = sys.prefix) -> Path:
    """Where JupyterLab in the environment at ``prefix`` reads the file."""
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / SOURCE.name


def main() -> None:
    dest = target()
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, dest)
    print(f"JupyterLab settings: {dest.relative_to(sys.prefix)} in {Path(sys.prefix).name}")


if __name__ == "__main__":
    main()
