"""The app (``make app``) and JupyterLab (``make lab``) survive a hostile class (issue 24).

Each test starts the server as the Makefile does, on a free 127.0.0.1 port, does what the
attack review did, and checks that the server stays up, small and answering, and that nothing
but words reaches the page:

- one 72-byte websocket frame claiming 2**62 offsets (before: the server froze and grew by
  gigabytes), and a set of other malformed v1 frames, each closing only its own websocket;
- more websockets on one kernel than a page needs (before: 60 took the server to 1.5 GB);
- more students than the machine holds kernels for (before: every page load started a kernel,
  and the pool refilled without end): a page in words asks the extra student to wait;
- a session that reaches its time limit: the page is told (before: it silently stopped);
- widget values of the wrong type and a ``comm_open`` with bad data (before: tracebacks with
  the server's paths reached the page);
- ``/voila/templates/<t>/<file>`` (before: 500).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402
import serve  # noqa: E402
from test_servers import (  # noqa: E402
    GROWTH_LIMIT_MB,
    free_port,
    makefile_recipe,
    open_page,
    rss_mb,
    run,
    start_and_read_url,
    start_app,
    status_without_redirect,
    stop,
)

#: The frame of the issue: an offset count of 2**62, then 64 zero bytes.
FRAME_72 = (2**62).to_bytes(8, "little") + b"\0" * 64


def frame_with(offsets: list[int], body: bytes, count: int | None = None) -> bytes:
    """A v1 frame with the given offsets (and declared count) before ``body``."""
    count = len(offsets) if count is None else count
    return count.to_bytes(8, "little") + b"".join(o.to_bytes(8, "little") for o in offsets) + body


def good_frame(msg_type: str = "kernel_info_request") -> bytes:
    return load.pack_v1("shell", load.new_message(msg_type, {}, "s"))


def malformed_frames() -> dict[str, bytes | str]:
    good = good_frame()
    count = int.from_bytes(good[:8], "little")
    offsets = [int.from_bytes(good[8 * (i + 1): 8 * (i + 2)], "little") for i in range(count)]
    body = good[8 * (count + 1):]
    swapped = offsets[:2] + [offsets[3], offsets[2]] + offsets[4:]
    return {
        "count 2**62 (the issue's frame)": FRAME_72,
        "count 2**64-1": b"\xff" * 8 + b"\0" * 64,
        "count 0": (0).to_bytes(8, "little") + b"\0" * 64,
        "count 5": frame_with(offsets[:5], body),
        "count larger than the offsets given": frame_with(offsets, body, count=count + 20),
        "offsets out of order": frame_with(swapped, body),
        "offset past the end": frame_with(offsets[:-1] + [offsets[-1] + 10**9], body),
        "offset inside the offset table": frame_with([8] + offsets[1:], body),
        "header not JSON": good.replace(b'"msg_type"', b'"msg_type', 1),
        "unknown channel": load.pack_v1("shelf", load.new_message("kernel_info_request", {}, "s")),
        "text frame": json.dumps({"channel": "shell"}),
        "shorter than 8 bytes": b"\x06\0\0",
        "2 MB frame": load.pack_v1("shell", load.new_message(
            "comm_msg", {"comm_id": "x", "data": {"pad": "x" * (2 * 1024 * 1024)}}, "s")),
    }


# --- The frame check itself (no server) -------------------------------------------------------

@pytest.mark.parametrize("name", sorted(malformed_frames()))
def test_every_malformed_frame_is_named_as_a_problem(name: str) -> None:
    assert serve.v1_frame_problem(malformed_frames()[name])


def test_well_formed_frames_pass_the_check() -> None:
    assert serve.v1_frame_problem(good_frame()) is None
    with_buffer = load.new_message("comm_msg", {"comm_id": "x", "data": {}}, "s")
    with_buffer["buffers"] = [b"\x01\x02"]
    assert serve.v1_frame_problem(load.pack_v1("shell", with_buffer)) is None


def test_the_page_may_open_only_the_widget_state_comm() -> None:
    """Before: each comm_open from the page made the kernel build and keep a widget (about 1 MB
    each with a large value): one student grew a kernel past 1.4 GB in 42 s."""
    control = load.pack_v1("shell", load.new_message(
        "comm_open", {"comm_id": "c", "target_name": "jupyter.widget.control", "data": {}}, "s"))
    widget = load.pack_v1("shell", load.new_message(
        "comm_open", {"comm_id": "w", "target_name": "jupyter.widget",
                      "data": {"state": {"_model_name": "TextModel", "value": "x" * 1000}}}, "s"))
    other = load.pack_v1("shell", load.new_message(
        "comm_open", {"comm_id": "n", "target_name": "nope", "data": {}}, "s"))
    assert serve.refused_page_message(control) is None
    assert serve.refused_page_message(widget) and serve.refused_page_message(other)
    assert serve.refused_page_message(good_frame()) is None
    assert serve.refused_page_message(good_frame("comm_msg")) is None


def test_error_output_of_the_kernel_is_hidden_from_the_page() -> None:
    """Before: a widget guard's traceback, written to stderr, reached the page as a stream."""
    def message(msg_type: str, content: dict) -> bytes:
        return load.pack_v1("iopub", load.new_message(msg_type, content, "s"))

    assert serve.hidden_from_page(message("stream", {"name": "stderr", "text": "Traceback"}))
    assert serve.hidden_from_page(message("error", {"ename": "E", "traceback": ["..."]}))
    assert not serve.hidden_from_page(message("stream", {"name": "stdout", "text": "ok"}))
    assert not serve.hidden_from_page(message("comm_msg", {"comm_id": "x", "data": {}}))
    assert serve.hidden_from_page({"header": {"msg_type": "stream"},
                                   "content": {"name": "stderr", "text": "x"}})


def test_jupyter_servers_readers_are_replaced_by_bounded_ones() -> None:
    """What ``make lab`` and ``make app`` install: the 72-byte frame raises at once instead of
    building a list 2**62 long; a good frame reads as before."""
    from jupyter_server.services.kernels.connection import channels

    serve.guard_kernel_message_readers()
    with pytest.raises(ValueError, match="offset count"):
        channels.deserialize_msg_from_ws_v1(FRAME_72)
    channel, parts = channels.deserialize_msg_from_ws_v1(good_frame())
    assert channel == "shell" and json.loads(parts[0])["msg_type"] == "kernel_info_request"
    with pytest.raises(ValueError, match="part count"):
        channels.deserialize_binary_message((2**31 - 1).to_bytes(4, "big") + b"\0" * 60)


def test_the_jupyterhub_configuration_bounds_the_reader_too(monkeypatch) -> None:
    """app/deploy/jupyter_server_config.py (Voila inside each user's Jupyter Server) installs
    the same offset checks when Jupyter loads it."""
    import runpy
    import types

    from jupyter_server.services.kernels.connection import base, channels

    # jupyter_server's own reader, as a user's server has it before loading the configuration
    monkeypatch.setattr(channels, "deserialize_msg_from_ws_v1", base.deserialize_msg_from_ws_v1)

    class Config(types.SimpleNamespace):
        def __getattr__(self, name: str) -> types.SimpleNamespace:
            value = types.SimpleNamespace()
            setattr(self, name, value)
            return value

    runpy.run_path(str(ROOT / "app" / "deploy" / "jupyter_server_config.py"),
                   init_globals={"get_config": Config})
    for name, frame in malformed_frames().items():
        if isinstance(frame, bytes) and name not in ("header not JSON", "unknown channel",
                                                     "2 MB frame"):
            with pytest.raises(ValueError, match="refused a malformed websocket frame"):
                channels.deserialize_msg_from_ws_v1(frame)
    assert channels.deserialize_msg_from_ws_v1(good_frame())[0] == "shell"


def test_default_kernel_cap_fits_the_machine() -> None:
    assert serve.default_max_kernels(8 * 1024) >= 30 + serve.POOL_SIZE  # the class target
    assert serve.default_max_kernels(8 * 1024) * serve.KERNEL_BUDGET_MB <= 8 * 1024
    assert serve.default_max_kernels(1024) == serve.POOL_SIZE + 1
    assert serve.default_max_kernels(10**6) == 100


# --- The app under attack ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def app(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("app")
    proc, base, token = start_app(workdir, "--pool_size=1")
    yield proc, base, token, workdir / "server.log"
    stop(proc)


@pytest.fixture(scope="module")
def kernel_id(app) -> str:
    _proc, base, token, _log = app
    return load.kernel_id_from_page(run(open_page(base, token)))


async def send_and_watch(base: str, token: str, kernel_id: str, frame: bytes | str,
                         pid: int, seconds: float = 8) -> tuple[str, float]:
    """Send ``frame`` on a fresh websocket; return how it ended and the server's growth (MB)."""
    sock = await load.KernelSocket.open(base, token, kernel_id)
    start = rss_mb(pid)
    from tornado.websocket import WebSocketClosedError

    try:
        await sock.connection.write_message(frame, binary=isinstance(frame, bytes))
    except WebSocketClosedError:
        pass  # the server closed it while a large frame was still being sent
    deadline = time.monotonic() + seconds
    outcome = "still open"
    while time.monotonic() < deadline:
        if rss_mb(pid) - start > GROWTH_LIMIT_MB:
            outcome = "server memory exploded"
            break
        try:
            message = await asyncio.wait_for(sock.connection.read_message(), 0.25)
        except asyncio.TimeoutError:
            continue
        if message is None:
            outcome = f"closed {sock.connection.close_code}"
            break
    growth = rss_mb(pid) - start
    sock.close()
    return outcome, growth


async def responsive(base: str, token: str, kernel_id: str) -> int:
    """Widgets still load on the kernel: the number of widget states a new websocket gets."""
    sock = await load.KernelSocket.open(base, token, kernel_id)
    try:
        return len(await sock.widget_states(60))
    finally:
        sock.close()


def test_the_72_byte_frame_closes_its_websocket_and_the_server_stays_small(app, kernel_id):
    """Before: the server froze, 97 MB -> 1.46 GB in 40 s. Bounded: the server is killed past
    +300 MB so the test machine survives a regression."""
    proc, base, token, _log = app
    outcome, growth = run(send_and_watch(base, token, kernel_id, FRAME_72, proc.pid))
    if not outcome.startswith("closed"):
        proc.kill()  # frozen or growing: stop it before it takes the machine
    assert outcome == "closed 1008", outcome
    assert growth < 50
    assert proc.poll() is None
    assert run(responsive(base, token, kernel_id)) > 50


@pytest.mark.parametrize("name", sorted(malformed_frames()))
def test_malformed_frames_close_only_their_websocket(app, kernel_id, name):
    proc, base, token, _log = app
    outcome, growth = run(send_and_watch(base, token, kernel_id, malformed_frames()[name],
                                         proc.pid))
    if not outcome.startswith("closed"):
        proc.kill()  # frozen or growing: stop it before it takes the machine
    # tornado itself closes a socket on a frame above the size limit (1009; the client, still
    # sending, may not read the code); the check, 1008
    allowed = ("closed 1008", "closed 1009") + (("closed None",) if name == "2 MB frame" else ())
    assert outcome in allowed, outcome
    assert growth < 50 and proc.poll() is None


def test_server_answers_after_the_malformed_frames(app, kernel_id):
    proc, base, token, _log = app
    assert run(responsive(base, token, kernel_id)) > 50
    assert proc.poll() is None


def test_websockets_per_kernel_are_limited(app, kernel_id):
    """Before: 60 websockets on one kernel, each asking for every widget's state, grew the
    server to 1.5 GB. Now the kernel takes MAX_CONNECTIONS_PER_KERNEL; the next is refused."""
    from tornado.httpclient import HTTPClientError

    _proc, base, token, _log = app

    async def scenario() -> tuple[int, int | None, bool]:
        opened = []
        refused = None
        for _ in range(serve.MAX_CONNECTIONS_PER_KERNEL + 2):
            try:
                opened.append(await load.KernelSocket.open(base, token, kernel_id))
            except HTTPClientError as error:
                refused = error.code
                break
        count = len(opened)
        for sock in opened:
            sock.close()
        await asyncio.sleep(1)
        again = await load.KernelSocket.open(base, token, kernel_id)  # room again after closing
        again.close()
        return count, refused, True

    count, refused, reopened = run(scenario())
    assert count == serve.MAX_CONNECTIONS_PER_KERNEL
    assert refused == 429 and reopened


def every_frame_after(sock, seconds: float):
    """Every message the page's websocket receives for ``seconds``, as text."""

    async def collect() -> list[str]:
        texts = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                raw = await asyncio.wait_for(sock.connection.read_message(), 0.25)
            except asyncio.TimeoutError:
                continue
            if raw is None:
                break
            texts.append(raw if isinstance(raw, str) else raw.decode("utf-8", "replace"))
        return texts

    return collect()


FORBIDDEN = ("Traceback", "File \"", ".py", "site-packages", "Error", "Exception", str(ROOT),
             "/tmp/", "/usr/")


def test_bad_widget_messages_send_no_traceback_or_path_to_the_page(app):
    """Before: a value of the wrong type, or a comm_open with bad data, sent the full
    traceback, with the server's paths, to the page."""
    _proc, base, token, log = app

    async def scenario() -> list[str]:
        page_kernel = load.kernel_id_from_page(await open_page(base, token))
        sock = await load.KernelSocket.open(base, token, page_kernel)
        try:
            states = await sock.widget_states(60)
            stage_id, _ = load.find_control(states, "DropdownModel", "Stage")
            for state in ({"index": "not a number"}, {"index": [1, 2]}, {"index": 10**6},
                          {"value": {"x": 1}}):
                await sock.send("shell", "comm_msg", {
                    "comm_id": stage_id, "data": {"method": "update", "state": state,
                                                  "buffer_paths": []}})
            for data in ({"state": {"_model_name": "NoSuchModel", "_model_module": "nowhere",
                                    "_model_module_version": "9"}, "buffer_paths": []},
                         {"state": {"_model_name": "IntSliderModel", "value": "x"},
                          "buffer_paths": [["value"]]},
                         "not a dict"):
                await sock.send("shell", "comm_open", {
                    "comm_id": uuid.uuid4().hex, "target_name": "jupyter.widget", "data": data},
                    metadata={"version": "2.1.0"})
            # As a student sent them: without the protocol version, to an unknown target, and a
            # wrong-typed index on every drop-down of the page.
            await sock.send("shell", "comm_open", {"comm_id": uuid.uuid4().hex,
                                                   "target_name": "jupyter.widget", "data": {}})
            await sock.send("shell", "comm_open", {"comm_id": uuid.uuid4().hex,
                                                   "target_name": "nope", "data": {}})
            for comm_id, model in states.items():
                if model.get("state", {}).get("_model_name") == "DropdownModel":
                    await sock.send("shell", "comm_msg", {
                        "comm_id": comm_id, "data": {"method": "update",
                                                     "state": {"index": "abc"},
                                                     "buffer_paths": []}})
            return await every_frame_after(sock, 8)
        finally:
            sock.close()

    frames = run(scenario())
    assert frames, "the kernel answered nothing"
    leaked = [(word, text[:300]) for text in frames for word in FORBIDDEN if word in text]
    assert leaked == []
    assert not any('"msg_type": "error"' in t or '"msg_type":"error"' in t for t in frames)
    assert not any('"stderr"' in t for t in frames)
    assert "Traceback" in log.read_text()  # the details are in the server's log


def test_template_paths_of_the_wrong_shape_are_404(app):
    _proc, base, token, _log = app
    for path in ("explorers/index.html.j2", "lab/nothing", "explorers/static/nothing.js",
                 "no-such-template/static/x.js", "explorers", "lab/static/../../../etc/passwd"):
        status, _ = status_without_redirect(f"{base}/voila/templates/{path}?token={token}")
        assert status == 404, (path, status)


def test_the_page_says_when_its_session_has_ended(app):
    """The page's template watches its kernel websocket and shows a notice in words when it
    closes; the session limit closes it with its own code (4001), which the notice names."""
    _proc, base, token, _log = app
    page = run(open_page(base, token))
    assert "explorers-session-ended" in page and 'role", "alert"' in page
    assert f"event.code === {serve.SESSION_ENDED_CODE}" in page
    assert "time limit and has ended" in page and "Reload the page" in page


def test_the_session_limit_closes_the_page_with_its_code(tmp_path: Path):
    proc, base, token = start_app(tmp_path, "--pool_size=1",
                                  "--ExplorersVoila.session_time_limit=4",
                                  "--ExplorersVoila.session_check_interval=1")

    async def scenario() -> int | None:
        kernel = load.kernel_id_from_page(await open_page(base, token))
        sock = await load.KernelSocket.open(base, token, kernel)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if await asyncio.wait_for(sock.connection.read_message(), 1) is None:
                    return sock.connection.close_code
            except asyncio.TimeoutError:
                continue
        return None

    try:
        code = run(scenario())
    finally:
        stop(proc)
    assert code == serve.SESSION_ENDED_CODE


def kernel_count(server_pid: int) -> int:
    """Kernel processes the server runs (Voila serves no list of kernels)."""
    return len(load.kernel_processes(server_pid))


def test_kernels_are_capped_and_the_extra_student_is_asked_to_wait(tmp_path: Path):
    """Before: every page load started a kernel and the pool refilled without end. With a cap
    of 3 kernels and a pool of 1: three students get kernels, the pool does not refill past
    the cap, the fourth student gets a page in words asking to wait; when one leaves, the
    next student gets in."""
    proc, base, token = start_app(tmp_path, "--pool_size=1", "--ExplorersVoila.max_kernels=3")

    async def scenario() -> dict[str, object]:
        seen: dict[str, object] = {}
        kernels = []
        for _ in range(3):
            page = await load.fetch(f"{base}/?token={token}")
            assert page.code == 200, page.code
            kernels.append(load.kernel_id_from_page(page.body.decode()))
        await asyncio.sleep(8)  # time for the pool to refill, if it were to
        seen["kernels"] = kernel_count(proc.pid)
        wait = await load.fetch(f"{base}/?token={token}")
        seen["wait_code"] = wait.code
        seen["wait_page"] = wait.body.decode()
        seen["retry_after"] = wait.headers.get("Retry-After")
        gone = await load.fetch(f"{base}/api/kernels/{kernels[0]}?token={token}",
                                method="DELETE")
        seen["left"] = gone.code
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            again = await load.fetch(f"{base}/?token={token}")
            if again.code == 200:
                seen["after_leaving"] = 200
                break
            await asyncio.sleep(2)
        seen["kernels_at_end"] = kernel_count(proc.pid)
        return seen

    try:
        seen = run(scenario())
    finally:
        stop(proc)
    assert seen["kernels"] <= 3
    assert seen["wait_code"] == 503 and seen["retry_after"] == str(serve.RETRY_AFTER)
    text = seen["wait_page"]
    assert "Please wait" in text and "tries again by itself" in text and "Traceback" not in text
    assert seen["left"] == 204 and seen.get("after_leaving") == 200
    assert seen["kernels_at_end"] <= 3


# --- JupyterLab (make lab): the same reader, the same guard -----------------------------------

def test_lab_survives_the_72_byte_frame(tmp_path: Path) -> None:
    """JupyterLab runs the same jupyter_server reader. Only the token's holder (the one user)
    can reach it, but the frame would freeze it all the same; ``make lab`` bounds it too."""
    port = free_port()
    proc, _host, _port, token = start_and_read_url(
        makefile_recipe("lab") + [f"--ServerApp.port={port}", "--ServerApp.open_browser=False",
                                  "--ServerApp.port_retries=0"], tmp_path)
    base = f"http://127.0.0.1:{port}"

    async def scenario() -> tuple[str, float, int]:
        started = await load.fetch(f"{base}/api/kernels", method="POST", body="{}",
                                   headers={"Authorization": f"token {token}"})
        kernel = json.loads(started.body)["id"]
        outcome, growth = await send_and_watch(base, token, kernel, FRAME_72, proc.pid)
        status = await load.fetch(f"{base}/api/status",
                                  headers={"Authorization": f"token {token}"})
        return outcome, growth, status.code

    try:
        outcome, growth, status = run(scenario())
        alive = proc.poll() is None
    finally:
        proc.kill()  # (a frozen server would not stop when asked)
        proc.wait()
    assert outcome.startswith("closed"), outcome
    assert growth < 50 and alive and status == 200


def raw_v1_websocket(base: str, token: str, kernel_id: str):
    """A websocket opened by hand on a plain TCP socket with a small receive buffer, so that a
    client that never reads makes the server's unsent output pile up (a tornado client would
    read everything into its own queue)."""
    import base64
    import os
    import socket as sockets

    host, port = base.removeprefix("http://").split(":")
    sock = sockets.socket()
    sock.setsockopt(sockets.SOL_SOCKET, sockets.SO_RCVBUF, 4096)
    sock.connect((host, int(port)))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"
                  f"&token={token} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                  f"Sec-WebSocket-Version: 13\r\n"
                  f"Sec-WebSocket-Protocol: {serve.V1_SUBPROTOCOL}\r\n\r\n").encode())
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += sock.recv(1)
    assert answer.startswith(b"HTTP/1.1 101"), answer[:200]

    def send(frame: bytes) -> None:
        mask = os.urandom(4)
        size = len(frame)
        head = bytes([0x82]) + (bytes([0x80 | size]) if size < 126 else
                                bytes([0x80 | 126]) + size.to_bytes(2, "big") if size < 65536
                                else bytes([0x80 | 127]) + size.to_bytes(8, "big"))
        sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(frame)))

    return sock, send


def test_a_client_that_asks_but_never_reads_is_closed_not_buffered(tmp_path: Path):
    """Before: what the server had to send to websockets that never read piled up in its
    memory (60 such websockets: 1.5 GB). Now a websocket with more than ``max_pending_bytes``
    unsent (64 MB; 1 MB here, so that a few replies reach it) is closed."""
    proc, base, token = start_app(tmp_path, "--pool_size=1",
                                  "--ExplorersVoila.max_pending_bytes=1000000")
    log = tmp_path / "server.log"
    try:
        kernel = load.kernel_id_from_page(run(open_page(base, token)))
        sock, send = raw_v1_websocket(base, token, kernel)
        time.sleep(3)  # the server connects the websocket to its kernel after the handshake
        start = rss_mb(proc.pid)
        comm_id, session = uuid.uuid4().hex, uuid.uuid4().hex
        peak, closed, sent = 0.0, False, 0
        try:
            send(load.pack_v1("shell", load.new_message(
                "comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control",
                              "data": {}}, session, {"version": "1.0.0"})))
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not closed:
                if sent < 200:
                    try:
                        send(load.pack_v1("shell", load.new_message(  # a new msg_id each time
                            "comm_msg", {"comm_id": comm_id,
                                         "data": {"method": "request_states"}}, session)))
                        sent += 1
                    except OSError:
                        closed = True  # the server closed the connection
                peak = max(peak, rss_mb(proc.pid) - start)
                closed = closed or "reads too slowly" in log.read_text()
                time.sleep(0.2)
        finally:
            sock.close()
        alive = proc.poll() is None
    finally:
        stop(proc)
    assert closed, (peak, sent)
    assert peak < GROWTH_LIMIT_MB and alive


def test_voila_hands_kernels_no_token_or_cookie() -> None:
    """Before: /voila/query/<kernel id> answered, without a token, with the page request's query
    string (the class token) and its headers (cookies)."""
    info = {"SCRIPT_NAME": "/", "QUERY_STRING": "token=SECRET&x=1", "SERVER_NAME": "127.0.0.1",
            "HTTP_COOKIE": "_xsrf=abc; username-127-0-0-1=SECRET", "HTTP_AUTHORIZATION": "SECRET"}
    kept = serve.public_request_info(json.dumps(info))
    assert "SECRET" not in kept and "x=1" in kept and "SERVER_NAME" in kept
    assert serve.public_request_info({"QUERY_STRING": "TOKEN=SECRET"}) == {"QUERY_STRING": ""}
    assert serve.public_request_info("not json") == "{}"
    from voila.request_info_handler import RequestInfoSocketHandler

    serve.hide_secrets_from_request_info()
    serve.hide_secrets_from_request_info()  # once is enough; a second call changes nothing
    RequestInfoSocketHandler.send_updates({"kernel_id": "k-test", "payload": json.dumps(info)})
    sent = RequestInfoSocketHandler._cache.pop("k-test")
    assert "SECRET" not in sent and "x=1" in sent
