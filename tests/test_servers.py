"""``make lab`` and ``make app`` start servers that only this machine can reach, and only with
the token they print.

Each test reads the recipe of the Makefile target, runs that exact command (with only a free
port added), waits for the URL it prints, and checks: the URL is on 127.0.0.1 with a token; a
request without the token is refused (403, or a redirect to the login page); the same request
with the token succeeds; and the listening socket is bound to 127.0.0.1 and nothing wider.
"""

from __future__ import annotations

import http.server
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import serve  # noqa: E402

URL_RE = re.compile(r"http://([0-9a-zA-Z.\-]+):(\d+)/\S*[?&]token=([0-9a-f]+)")


def makefile_recipe(target: str) -> list[str]:
    """The command of a one-line Makefile target, with $(BIN) and $(CURDIR) expanded."""
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = lines[start + 1]
    assert recipe.startswith("\t"), f"make {target} has no recipe line"
    recipe = recipe.strip().replace("$(BIN)", str(Path(sys.executable).parent))
    recipe = recipe.replace("$(CURDIR)", str(ROOT))
    return shlex.split(recipe)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (Linux /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for row in path.read_text().splitlines()[1:]:
            fields = row.split()
            local, state = fields[1], fields[3]
            address, hex_port = local.split(":")
            if state != "0A" or int(hex_port, 16) != port:  # 0A = LISTEN
                continue
            if len(address) == 8:
                found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
            else:
                raw = bytes.fromhex(address)
                words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


def status_without_redirect(url: str) -> tuple[int, str]:
    """HTTP status and Location header of a GET, redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Location", "")


def start_and_read_url(command: list[str], tmp_path: Path, timeout: float = 90):
    """Start ``command``; return (process, host, port, token) once it prints its URL."""
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    log = tmp_path / "server.log"
    handle = log.open("w")
    proc = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = URL_RE.search(log.read_text())
        if match:
            return proc, match.group(1), int(match.group(2)), match.group(3)
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    proc.kill()
    raise AssertionError(f"server printed no URL with a token:\n{log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


SERVERS = {
    # target: (extra options giving the port, page that needs the token)
    "lab": (lambda port: [f"--ServerApp.port={port}", "--ServerApp.open_browser=False",
                          "--ServerApp.port_retries=0"], "/lab"),
    "app": (lambda port: [f"--port={port}"], "/"),
}


@pytest.mark.parametrize("target", sorted(SERVERS))
def test_makefile_runs_the_shared_server_command(target: str) -> None:
    assert makefile_recipe(target)[1:] == ["tools/serve.py", target]


@pytest.mark.parametrize("target", sorted(SERVERS))
def test_server_is_local_and_needs_its_token(target: str, tmp_path: Path) -> None:
    port_options, page = SERVERS[target]
    port = free_port()
    proc, host, printed_port, token = start_and_read_url(
        makefile_recipe(target) + port_options(port), tmp_path)
    try:
        assert host == "127.0.0.1"
        assert printed_port == port
        assert len(token) >= 32
        base = f"http://127.0.0.1:{port}"
        status, location = status_without_redirect(base + page)
        assert status == 403 or (status in (301, 302, 303, 307) and "login" in location), \
            (status, location)
        status, location = status_without_redirect(f"{base}{page}?token=deadbeef{token[8:]}")
        assert status == 403 or "login" in location, "a wrong token was accepted"
        status, _ = status_without_redirect(f"{base}{page}?token={token}")
        assert status == 200
        if Path("/proc/net/tcp").exists():
            assert listening_addresses(port) == {"127.0.0.1"}
    finally:
        stop(proc)


def test_listening_check_sees_a_wide_socket() -> None:
    """The address check above can fail: a server on 0.0.0.0 is not reported as 127.0.0.1."""
    if not Path("/proc/net/tcp").exists():
        pytest.fail("this check reads /proc/net/tcp (Linux)")
    port = free_port()
    server = http.server.HTTPServer(("0.0.0.0", port), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert listening_addresses(port) == {"0.0.0.0"}
    finally:
        server.shutdown()
        server.server_close()


def test_serve_commands_bind_loopback_with_token() -> None:
    lab, app = serve.lab_command(), serve.app_command()
    assert "--ServerApp.ip=127.0.0.1" in lab
    assert not any(arg.startswith("--ServerApp.token=") for arg in lab)
    assert "--Voila.ip=127.0.0.1" in app and "--token" in app
