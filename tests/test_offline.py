"""The helpers and the notebooks run with network access blocked, and the block really blocks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from offline import block, kernel_env  # noqa: E402

# The top-level conftest.py turns the block on for the whole run, before any test module loads.

PUBLIC = ("93.184.216.34", 80)  # a public address (example.com)


def test_block_refuses_a_public_address():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(2)
    with pytest.raises(OSError, match="network access is blocked"):
        sock.connect(PUBLIC)
    sock.close()
    with pytest.raises(OSError, match="network access is blocked"):
        socket.create_connection(("example.com", 80), timeout=2)


def test_block_allows_loopback():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=2)
    client.close()
    server.close()


def test_child_python_processes_start_blocked():
    """What notebook kernels get: the block is on from start-up in a child interpreter."""
    code = ("import socket\n"
            "try:\n"
            "    socket.create_connection(('93.184.216.34', 80), timeout=2)\n"
            "except OSError as e:\n"
            "    print('blocked' if 'blocked' in str(e) else 'other: ' + str(e))\n"
            "else:\n"
            "    print('connected')\n")
    out = subprocess.run([sys.executable, "-c", code], env=kernel_env(dict(os.environ)),
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "blocked", out.stdout + out.stderr


def test_the_whole_run_is_offline():
    """The block is on in this process and in what it starts with its own environment: the
    kernels nbval starts for the notebooks inherit ``os.environ``."""
    assert block.installed()
    code = ("import socket\n"
            "try:\n"
            "    socket.create_connection(('93.184.216.34', 80), timeout=2)\n"
            "except OSError as e:\n"
            "    print('blocked' if 'blocked' in str(e) else 'other: ' + str(e))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.strip() == "blocked", out.stdout + out.stderr


def test_helpers_work_offline():
    from helpers import her2, kaplan_meier, staging, survival

    assert block.installed()
    assert her2.classify_her2("3+").status == "positive"
    assert staging.anatomic_stage("T1", "N0", "M0") == "IA"
    assert 0 <= survival.survival_pct("HR+/HER2-", "localized") <= 100
    assert len(kaplan_meier.load_gbsg2()) > 0
