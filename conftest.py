"""Settings for the whole test run (``make test``): offline, with a non-interactive backend.

Network access is blocked in this process and, through the environment, in every Python process
it starts: the notebook kernels that nbval runs, the servers and the builds. Loopback stays open
so kernels can talk to their client (see ``tests/offline/block.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))
from offline import block, kernel_env  # noqa: E402

block.install()
if os.environ.get("HER2NEG_OFFLINE") != "1":
    os.environ.update(kernel_env(dict(os.environ)))
