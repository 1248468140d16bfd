"""The two server commands of the collection, in one place: JupyterLab (``make lab``) and the
code-free app of the explorers served by Voila (``make app``).

Both listen on 127.0.0.1 only and require a token: each prints the URL to open, token included.
The Makefile runs this script, and ``tests/test_servers.py`` and the browser tests build their
servers from the same functions, so what is tested is what a user starts. Usage::

    .venv/bin/python tools/serve.py lab              # JupyterLab on the start page
    .venv/bin/python tools/serve.py app              # the explorers as a Voila app
    .venv/bin/python tools/serve.py app --port 8871  # any extra option goes to the server
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
START_PAGE = "notebooks/00_start_here.ipynb"
APP_NOTEBOOK = "app/explorers.ipynb"


def lab_command(root: Path = ROOT, start: str = START_PAGE) -> list[str]:
    """JupyterLab on ``start``, serving ``root``; listening on 127.0.0.1 with a token.

    ``allow_root`` lets it start as root (containers, CI machines); the news feed is off
    because it would reach out to the network.
    """
    return [
        str(BIN / "jupyter"), "lab",
        f"--ServerApp.ip={HOST}",
        "--ServerApp.allow_root=True",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url=/lab/tree/{start}",
        "--LabApp.news_url=",
    ]


def app_command(root: Path = ROOT, notebook: str = APP_NOTEBOOK) -> list[str]:
    """Voila serving the explorers notebook (code hidden), on 127.0.0.1 with a token.

    ``--token`` makes Voila generate a token and print the URL with it; Voila, unlike
    JupyterLab, does not refuse to run as root, so it needs no ``allow_root``.
    """
    return [
        str(BIN / "voila"), str(root / notebook),
        f"--Voila.ip={HOST}",
        "--token",
        "--no-browser",
        f"--Voila.root_dir={root}",
    ]


COMMANDS = {"lab": lab_command, "app": app_command}


def main(argv: list[str]) -> None:
    """Replace this process with the server named by ``argv[0]``, extra options appended."""
    if not argv or argv[0] not in COMMANDS:
        raise SystemExit(f"usage: serve.py {{{'|'.join(COMMANDS)}}} [server options]")
    command = COMMANDS[argv[0]]() + argv[1:]
    os.execv(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
