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
import urllib.parse
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


# --- The app for a whole class: websockets, Host header, assets, kernel life-cycle ------------

sys.path.insert(0, str(ROOT / "benchmarks"))
import load  # noqa: E402  (the load benchmark's v1 websocket client)

#: The server may grow by at most this much while a client misbehaves (before the guard, it
#: grew by gigabytes a minute).
GROWTH_LIMIT_MB = 300


def rss_mb(pid: int) -> float:
    """Resident memory of one process (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_app(tmp_path: Path, *options: str):
    port = free_port()
    proc, _host, _port, token = start_and_read_url(
        makefile_recipe("app") + [f"--port={port}", *options], tmp_path)
    return proc, f"http://127.0.0.1:{port}", token


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    proc, base, token = start_app(tmp_path_factory.mktemp("app"))
    yield proc, base, token
    stop(proc)


def run(coroutine):
    """Run ``coroutine`` to completion in a thread of its own, with its own event loop: in the
    whole suite the browser tests' Playwright keeps an event loop running in this thread, where
    ``asyncio.run`` would refuse to start."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def open_page(base: str, token: str) -> str:
    page = await load.fetch(f"{base}/?token={token}")
    assert page.code == 200, page.code
    return page.body.decode()


async def legacy_client_attack(base: str, token: str, kernel_id: str, pid: int) -> str:
    """What the issue's client did: a websocket without the v1 subprotocol that asks for every
    widget's state (binary replies: PNG figures). Watches the server's memory for 20 s and stops
    the server if it grows past the limit. Returns how the attempt ended."""
    import asyncio
    import json as jsonlib
    import uuid

    from tornado.httpclient import HTTPClientError

    try:
        sock = await load.KernelSocket.open(base, token, kernel_id, subprotocols=None)
    except HTTPClientError as error:
        return f"refused {error.code}"
    start = rss_mb(pid)
    comm = uuid.uuid4().hex
    for msg_type, content, meta in (
            ("comm_open", {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}},
             {"version": "1.0.0"}),
            ("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}, {})):
        msg = load.new_message(msg_type, content, sock.session, meta)
        msg.pop("buffers")
        await sock.connection.write_message(jsonlib.dumps({**msg, "channel": "shell"}))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if rss_mb(pid) - start > GROWTH_LIMIT_MB:
            os.kill(pid, 9)
            return "server memory exploded"
        try:
            await asyncio.wait_for(sock.connection.read_message(), 0.2)
        except asyncio.TimeoutError:
            pass
    sock.close()
    return "accepted"


def test_websocket_without_v1_subprotocol_is_refused_and_server_stays_small(app_server) -> None:
    """Before: Voila 0.5.13 misread its binary messages for such a client and grew by gigabytes
    until the machine killed it. Bounded: 20 s, and the server is stopped past +300 MB."""
    proc, base, token = app_server
    kernel_id = load.kernel_id_from_page(run(open_page(base, token)))
    before = rss_mb(proc.pid)
    outcome = run(legacy_client_attack(base, token, kernel_id, proc.pid))
    assert proc.poll() is None, outcome
    assert outcome == "refused 400"
    assert rss_mb(proc.pid) - before < GROWTH_LIMIT_MB


def test_v1_client_gets_widgets_and_a_change_answers(app_server) -> None:
    """The guard leaves the protocol Voila's page speaks working: states and a change."""
    proc, base, token = app_server

    async def session() -> tuple[int, float]:
        kernel_id = load.kernel_id_from_page(await open_page(base, token))
        sock = await load.KernelSocket.open(base, token, kernel_id)
        try:
            states = await sock.widget_states(60)
            stage_id, _ = load.find_control(states, "DropdownModel", "Stage")
            seconds = await sock.change(stage_id, {"index": 2})
        finally:
            sock.close()
        return len(states), seconds

    widgets, seconds = run(session())
    assert widgets > 50 and seconds > 0
    assert proc.poll() is None


def test_binary_header_reader_is_bounded() -> None:
    """The reader that replaced Voila's: a legacy-format frame (first 8 bytes read as a huge
    count) gives no header instead of a list billions long."""
    legacy = (2).to_bytes(4, "big") + (12).to_bytes(4, "big") + (20).to_bytes(4, "big") + b"{}" * 8
    assert serve.read_header_from_binary_message(legacy) is None
    assert serve.read_header_from_binary_message(b"\xff" * 64) is None
    frame = load.pack_v1("iopub", load.new_message("status", {}, "s"))
    assert serve.read_header_from_binary_message(frame)["msg_type"] == "status"


def test_app_checks_the_host_header_like_jupyterlab(app_server) -> None:
    """Before: Voila answered any Host header (DNS rebinding)."""
    _proc, base, token = app_server
    for host, expected in (("evil.example", 403), ("localhost", 200), ("127.0.0.1", 200)):
        request = urllib.request.Request(f"{base}/?token={token}", headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status = response.status
        except urllib.error.HTTPError as err:
            status = err.code
        assert status == expected, host


def test_app_page_loads_nothing_from_other_machines(app_server) -> None:
    """Before: the page linked Font Awesome on a public CDN (unpinned, no integrity hash)."""
    _proc, base, token = app_server
    page = run(open_page(base, token))
    remote = re.findall(r"""(?:src|href)\s*=\s*["'](https?://[^"']+)|import\(\s*["'](https?://[^"']+)""",
                        page)
    assert remote == []
    assert "fontawesome" not in page.lower() and "cdnjs" not in page


def test_page_unload_shuts_its_kernel_down(app_server) -> None:
    """Before: the unload request was refused for lack of an _xsrf cookie, and the kernel
    stayed. The page's request: POST /voila/api/shutdown/<id> with the cookie's _xsrf value."""
    import http.cookiejar

    _proc, base, token = app_server
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/?token={token}", timeout=120) as response:
        kernel_id = load.kernel_id_from_page(response.read().decode())
    xsrf = {c.name: c.value for c in jar}.get("_xsrf")
    assert xsrf, "the page must set the _xsrf cookie its unload request sends back"
    body = urllib.parse.urlencode({"_xsrf": xsrf}).encode()
    with opener.open(urllib.request.Request(f"{base}/voila/api/shutdown/{kernel_id}", data=body,
                                            method="POST"), timeout=60) as response:
        assert response.status == 204
    status, _ = status_without_redirect(f"{base}/api/kernels/{kernel_id}?token={token}")
    assert status == 404


def test_idle_kernels_are_culled_and_sessions_end_at_their_limit(tmp_path: Path) -> None:
    """Before: no culling, so every closed tab left a kernel behind. With short times: a closed
    session is culled; an open one lives until the session limit, then is shut down too."""
    proc, base, token = start_app(
        tmp_path, "--MappingKernelManager.cull_idle_timeout=3",
        "--MappingKernelManager.cull_interval=1", "--ExplorersVoila.session_time_limit=15",
        "--ExplorersVoila.session_check_interval=1")

    async def alive(kernel_id: str) -> bool:
        response = await load.fetch(f"{base}/api/kernels/{kernel_id}?token={token}")
        return response.code == 200

    async def scenario() -> dict[str, object]:
        import asyncio

        closed_id = load.kernel_id_from_page(await open_page(base, token))
        closed = await load.KernelSocket.open(base, token, closed_id)
        await closed.widget_states(60)
        closed.close()
        open_id = load.kernel_id_from_page(await open_page(base, token))
        kept = await load.KernelSocket.open(base, token, open_id)
        await kept.widget_states(60)
        opened = time.monotonic()
        seen: dict[str, object] = {"closed_gone": False, "open_alive_at_8s": None,
                                   "open_gone": False}
        while time.monotonic() - opened < 60:
            await asyncio.sleep(1)
            if not seen["closed_gone"] and not await alive(closed_id):
                seen["closed_gone"] = True
            if seen["open_alive_at_8s"] is None and time.monotonic() - opened >= 8:
                seen["open_alive_at_8s"] = await alive(open_id)
            if seen["open_alive_at_8s"] is not None and not await alive(open_id):
                seen["open_gone"] = True
                break
        kept.close()
        return seen

    try:
        seen = run(scenario())
    finally:
        stop(proc)
    assert seen == {"closed_gone": True, "open_alive_at_8s": True, "open_gone": True}


def test_app_command_sets_the_class_settings() -> None:
    app = serve.app_command()
    for option in ("--preheat_kernel=True", f"--pool_size={serve.POOL_SIZE}",
                   f"--MappingKernelManager.cull_idle_timeout={serve.CULL_IDLE_TIMEOUT}",
                   f"--ExplorersVoila.session_time_limit={serve.SESSION_TIME_LIMIT}",
                   f"--template={serve.APP_TEMPLATE}"):
        assert option in app
    assert 0 < serve.CULL_IDLE_TIMEOUT + serve.CULL_INTERVAL <= 120  # reclaimed within 2 min
    assert 1 <= serve.POOL_SIZE <= 4


def test_lab_makes_no_update_or_news_requests() -> None:
    lab = serve.lab_command()
    assert "--LabApp.news_url=" in lab
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in lab


def test_options_given_after_the_defaults_replace_them() -> None:
    argv = ["nb.ipynb", "--a=1", "--token", "--b=2", "--a=3"]
    assert serve.later_options_win(argv) == ["nb.ipynb", "--token", "--b=2", "--a=3"]
