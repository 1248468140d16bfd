"""Network block for the test suite and the notebook kernels it starts (see block.py)."""

from pathlib import Path

OFFLINE_DIR = Path(__file__).resolve().parent


def kernel_env(base: dict[str, str]) -> dict[str, str]:
    """``base`` with the variables that make a child Python process start with the block on."""
    env = dict(base)
    paths = [str(OFFLINE_DIR)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    env["PYTHONPATH"] = ":".join(paths)
    env["HER2NEG_OFFLINE"] = "1"
    return env
