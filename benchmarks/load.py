"""Load benchmark of the explorers app: a class of simulated students on one machine.

Run with ``make bench-load`` (or ``.venv/bin/python benchmarks/load.py [--students N]``). Not
part of ``make test``: it takes minutes and its timings depend on the machine. It starts the app
exactly as ``make app`` does (tools/serve.py, on a free 127.0.0.1 port), then N simulated
students (default 30), arriving ``--spread`` seconds apart, each:

1. loads the page (``GET /?token=...``) and reads its kernel id from the page;
2. opens the kernel's websocket with the ``v1.kernel.websocket.jupyter.org`` subprotocol, as
   Voila's page does, and requests the state of every widget (``request_states`` on the
   ``jupyter.widget.control`` channel);
3. changes one control (the survival explorer's stage) ``--changes`` times, timing each change
   from the message leaving to the kernel reporting idle after it (the widget updates it sends
   arrive before that): the round trip *on arrival*, while other students are still arriving
   and the server refills its pool of preheated kernels;
4. once everyone is in and the pool has refilled, the whole class works at once: every student
   changes the control ``--changes`` more times, thinking 0.5-3 s (at random) before each
   change: the round trip *with the class working*;
5. closes the websocket without the page's unload request (the worst case: a crashed tab).

It reports time to first render (page request to all widget states received: median and 95th
percentile), the change round trip (median, p95), kernel memory (resident set of each kernel
process while all sessions are open, and of the server with all its kernels), that every
session rendered, and how many session kernels were still running 2 minutes after the sessions
closed (they must be culled after ``CULL_IDLE_TIMEOUT`` seconds without a connection). Once a
second all along it samples the kernels alive and the memory of the server with all its
kernels: the peaks are the class target of issue 24 (at most students + pool kernels, and a
class of 30 within an 8 GB machine). A student the server asks to wait (the kernel cap,
``--max-kernels``) tries again every 5 s, as the wait page does, and is counted. Writes
``benchmarks/load-results.json``. Targets (issues 17 and 24) are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import serve  # noqa: E402

V1 = serve.V1_SUBPROTOCOL
TARGETS = {"render_median_s": 3.0, "round_trip_p95_ms": 250.0, "kernel_mb": 150.0,
           "kernels_left_after_2_min": 0, "peak_kernels": "students + pool",
           "peak_mb": 8 * 1024}


# --- The v1 kernel websocket protocol (as jupyter_server writes it) ---------------------------

def pack_v1(channel: str, msg: dict[str, Any]) -> bytes:
    """A kernel message framed as the v1 websocket protocol frames it."""
    parts = [json.dumps(msg[k]).encode() for k in ("header", "parent_header", "metadata",
                                                    "content")]
    parts += [bytes(b) for b in msg.get("buffers", [])]
    chan = channel.encode()
    offsets = [8 * (1 + 1 + len(parts) + 1)]
    offsets.append(offsets[-1] + len(chan))
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    head = len(offsets).to_bytes(8, "little") + b"".join(o.to_bytes(8, "little") for o in offsets)
    return head + chan + b"".join(parts)


def unpack_v1(data: bytes) -> tuple[str, dict[str, Any]]:
    """(channel, message) of a v1 frame; buffers are kept as bytes."""
    count = int.from_bytes(data[:8], "little")
    if count < 3 or 8 * (count + 1) > len(data):
        raise ValueError("not a v1 frame")
    offsets = [int.from_bytes(data[8 * (i + 1): 8 * (i + 2)], "little") for i in range(count)]
    offsets.append(len(data))
    channel = data[offsets[0]:offsets[1]].decode()
    parts = [data[offsets[i]:offsets[i + 1]] for i in range(1, count)]
    msg = {k: json.loads(parts[i]) for i, k in enumerate(("header", "parent_header", "metadata",
                                                          "content"))}
    msg["buffers"] = [p for p in parts[4:] if p]
    return channel, msg


def new_message(msg_type: str, content: dict[str, Any], session: str,
                metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"header": {"msg_id": uuid.uuid4().hex, "username": "student", "session": session,
                       "date": "", "msg_type": msg_type, "version": "5.3"},
            "parent_header": {}, "metadata": metadata or {}, "content": content, "buffers": []}


# --- One simulated student --------------------------------------------------------------------

@dataclass
class Session:
    index: int
    kernel_id: str = ""
    render_s: float | None = None
    widgets: int = 0
    round_trips_ms: list[float] = field(default_factory=list)
    steady_round_trips_ms: list[float] = field(default_factory=list)
    stage_id: str = ""
    options: int = 0
    error: str = ""
    waits: int = 0


def kernel_id_from_page(html_text: str) -> str:
    match = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', html_text)
    if not match:
        raise ValueError("the page names no kernel")
    return match.group(1)


async def fetch(url: str, *, method: str = "GET", body: Any = None,
                headers: dict[str, str] | None = None, timeout: float = 300) -> Any:
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest

    # A class's browsers each have their own connections: no queue of 10 (tornado's default,
    # whose queued requests time out after 20 s) between the students and the server.
    AsyncHTTPClient.configure(None, max_clients=200)
    request = HTTPRequest(url, method=method, body=body, headers=headers or {},
                          request_timeout=timeout, follow_redirects=False)
    return await AsyncHTTPClient().fetch(request, raise_error=False)


class KernelSocket:
    """A student's websocket to their kernel, speaking v1."""

    def __init__(self, connection: Any, session: str) -> None:
        self.connection = connection
        self.session = session

    @classmethod
    async def open(cls, base: str, token: str, kernel_id: str,
                   subprotocols: list[str] | None = (V1,)) -> "KernelSocket":
        from tornado.websocket import websocket_connect

        session = uuid.uuid4().hex
        url = (f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels"
               f"?session_id={session}&token={token}")
        connection = await websocket_connect(
            url, subprotocols=list(subprotocols) if subprotocols else None,
            max_message_size=64 * 1024 * 1024)
        return cls(connection, session)

    async def send(self, channel: str, msg_type: str, content: dict[str, Any],
                   metadata: dict[str, Any] | None = None) -> str:
        msg = new_message(msg_type, content, self.session, metadata)
        await self.connection.write_message(pack_v1(channel, msg), binary=True)
        return msg["header"]["msg_id"]

    async def receive(self, timeout: float) -> tuple[str, dict[str, Any]]:
        raw = await asyncio.wait_for(self.connection.read_message(), timeout)
        if raw is None:
            raise ConnectionError("the server closed the websocket")
        if isinstance(raw, str):
            raise ValueError("a text frame on a v1 websocket")
        return unpack_v1(raw)

    async def widget_states(self, timeout: float = 120) -> dict[str, Any]:
        """Every widget model's state, as Voila's page asks for it on load."""
        comm_id = uuid.uuid4().hex
        await self.send("shell", "comm_open", {"comm_id": comm_id,
                                               "target_name": "jupyter.widget.control",
                                               "data": {}},
                        metadata={"version": "1.0.0"})  # ipywidgets' control protocol
        await self.send("shell", "comm_msg", {"comm_id": comm_id,
                                              "data": {"method": "request_states"}})
        deadline = time.monotonic() + timeout
        while True:
            _channel, msg = await self.receive(max(deadline - time.monotonic(), 0.01))
            content = msg["content"]
            if (msg["header"]["msg_type"] == "comm_msg" and content.get("comm_id") == comm_id
                    and content.get("data", {}).get("method") == "update_states"):
                return content["data"]["states"]

    async def change(self, comm_id: str, state: dict[str, Any], timeout: float = 60) -> float:
        """Set ``state`` on one widget; seconds until the kernel is idle after handling it."""
        started = time.perf_counter()
        msg_id = await self.send("shell", "comm_msg", {
            "comm_id": comm_id, "data": {"method": "update", "state": state,
                                         "buffer_paths": []}})
        deadline = time.monotonic() + timeout
        while True:
            _channel, msg = await self.receive(max(deadline - time.monotonic(), 0.01))
            if (msg["header"]["msg_type"] == "status"
                    and msg["parent_header"].get("msg_id") == msg_id
                    and msg["content"].get("execution_state") == "idle"):
                return time.perf_counter() - started

    def close(self) -> None:
        self.connection.close()


def find_control(states: dict[str, Any], model: str, description: str) -> tuple[str, Any]:
    for model_id, entry in states.items():
        state = entry.get("state", {})
        if state.get("_model_name") == model and state.get("description") == description:
            return model_id, state
    raise LookupError(f"no {model} labelled {description!r} among {len(states)} widgets")


async def student(session: Session, base: str, token: str, changes: int,
                  render_timeout: float) -> KernelSocket | None:
    started = time.perf_counter()
    try:
        page = await fetch(f"{base}/?token={token}", timeout=render_timeout)
        while page.code == 503 and time.perf_counter() - started < render_timeout:
            session.waits += 1  # the app is full: the wait page tries again by itself
            await asyncio.sleep(5)
            page = await fetch(f"{base}/?token={token}", timeout=render_timeout)
        if page.code != 200:
            raise RuntimeError(f"page answered {page.code}")
        session.kernel_id = kernel_id_from_page(page.body.decode())
        sock = await KernelSocket.open(base, token, session.kernel_id)
        states = await sock.widget_states(render_timeout)
        session.render_s = time.perf_counter() - started
        session.widgets = len(states)
        stage_id, stage = find_control(states, "DropdownModel", "Stage")
        session.stage_id, session.options = stage_id, len(stage.get("_options_labels", []))
        for i in range(changes):
            index = (1 + i) % max(session.options, 1)
            session.round_trips_ms.append(1000 * await sock.change(stage_id, {"index": index}))
        return sock
    except Exception as error:  # noqa: BLE001 - a failed session is reported, not fatal
        session.error = f"{type(error).__name__}: {error}"[:300]
        return None


# --- The server and its processes -------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(workdir: Path, extra: list[str] | None = None) -> tuple[subprocess.Popen, str, str]:
    """The app as ``make app`` starts it, on a free port with a known token."""
    port, token = free_port(), secrets.token_hex(24)
    command = serve.app_command() + [f"--port={port}", f"--Voila.token={token}", *(extra or [])]
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(workdir / "runtime"))
    log = (workdir / "server.log").open("w")
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=workdir)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    import urllib.request

    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/voila/static/voila.js?token={token}", timeout=5):
                return proc, base, token
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"the app did not start: {(workdir / 'server.log').read_text()[-2000:]}")


def kernel_processes(server_pid: int) -> list[Any]:
    import psutil

    try:
        return [p for p in psutil.Process(server_pid).children(recursive=True)
                if "ipykernel" in " ".join(p.cmdline())]
    except psutil.Error:
        return []


def rss_mb(process: Any) -> float:
    try:
        return process.memory_info().rss / 2**20
    except Exception:  # noqa: BLE001 - a process that ended has no memory
        return 0.0


async def working_class(session: Session, sock: KernelSocket, changes: int, seed: int) -> None:
    """Phase 2: with every session open, a student changes the control ``changes`` times,
    thinking 0.5-3 s (at random) before each change, as a class working at once does."""
    import random

    rng = random.Random(seed)
    try:
        for i in range(changes):
            await asyncio.sleep(rng.uniform(0.5, 3.0))
            index = (2 + i) % max(session.options, 1)
            session.steady_round_trips_ms.append(
                1000 * await sock.change(session.stage_id, {"index": index}))
    except Exception as error:  # noqa: BLE001
        session.error = session.error or f"working: {type(error).__name__}: {error}"[:300]


async def wait_pool_ready(server_pid: int, pool: int, timeout: float = 600) -> float:
    """Seconds until the pre-started kernels exist and have run the notebook: at least ``pool``
    kernels, together with the server (which runs the notebook in them) using under 2 % of a
    core over two 3-second windows in a row."""
    import psutil

    started = time.monotonic()
    quiet, previous = 0, None
    while time.monotonic() - started < timeout:
        kernels = kernel_processes(server_pid)
        used = 0.0
        for kernel in [psutil.Process(server_pid), *kernels]:
            try:
                times = kernel.cpu_times()
                used += times.user + times.system
            except Exception:  # noqa: BLE001 - a kernel that ended uses nothing
                pass
        # A kernel may die at start (two kernels picking the same free port, a jupyter_client
        # race when many start at once): a quiet pool that has stopped growing for 15 s is
        # ready too; the server log counts the deaths.
        if previous is not None and kernels and used - previous < 0.06:
            quiet += 1
            if (len(kernels) >= pool and quiet >= 2) or quiet >= 10:
                return time.monotonic() - started
        else:
            quiet = 0
        previous = used
        await asyncio.sleep(3)
    return time.monotonic() - started


class Peaks:
    """Samples, once a second, the kernels alive and the memory of the server and its kernels."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.kernels = 0
        self.mb = 0.0
        self._task: asyncio.Task[None] | None = None

    def sample(self) -> None:
        kernels = kernel_processes(self.server.pid)
        self.kernels = max(self.kernels, len(kernels))
        self.mb = max(self.mb, rss_mb(self.server) + sum(rss_mb(k) for k in kernels))

    async def _loop(self) -> None:
        while True:
            self.sample()
            await asyncio.sleep(1)

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


async def kernels_alive(base: str, token: str, kernel_ids: list[str]) -> list[str]:
    alive = []
    for kernel_id in kernel_ids:
        response = await fetch(f"{base}/api/kernels/{kernel_id}?token={token}", timeout=30)
        if response.code == 200:
            alive.append(kernel_id)
    return alive


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    import psutil

    import tempfile

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="load-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    pool = args.pool_size or serve.POOL_SIZE
    extra = [f"--pool_size={pool}"]
    if args.max_kernels:
        extra.append(f"--ExplorersVoila.max_kernels={args.max_kernels}")
    proc, base, token = start_app(workdir, extra)
    server = psutil.Process(proc.pid)
    results: dict[str, Any] = {"students": args.students, "spread_s": args.spread,
                               "changes_per_student": args.changes, "pool_size": pool,
                               "max_kernels": args.max_kernels or serve.default_max_kernels(),
                               "cull_idle_timeout_s": serve.CULL_IDLE_TIMEOUT,
                               "cull_interval_s": serve.CULL_INTERVAL}
    peaks = Peaks(server)
    peaks.start()
    try:
        cap = args.max_kernels or serve.default_max_kernels()
        results["pool_ready_s"] = round(await wait_pool_ready(proc.pid, min(pool, cap)), 1)
        sessions = [Session(i) for i in range(args.students)]
        tasks = []
        for s in sessions:
            tasks.append(asyncio.create_task(
                student(s, base, token, args.changes, args.render_timeout)))
            await asyncio.sleep(args.spread)
        sockets = await asyncio.gather(*tasks)
        arrived = time.monotonic()
        # Phase 2, once the pool has refilled: the whole class works at once.
        results["refill_wait_s"] = round(
            await wait_pool_ready(proc.pid, min(pool + args.students, cap)), 1)
        await asyncio.gather(*(working_class(s, sock, args.changes, s.index)
                               for s, sock in zip(sessions, sockets) if sock is not None))
        results["class_phase_s"] = round(time.monotonic() - arrived, 1)
        # Memory with every session open.
        kernels = kernel_processes(proc.pid)
        per_kernel = [rss_mb(k) for k in kernels]
        total = rss_mb(server) + sum(per_kernel)
        for sock in sockets:
            if sock is not None:
                sock.close()
        peaks.sample()
        peaks.stop()
        closed = time.monotonic()
        ids = [s.kernel_id for s in sessions if s.kernel_id]
        left_at: dict[str, int] = {}
        while time.monotonic() - closed < args.reclaim_wait:
            await asyncio.sleep(10)
            alive = await kernels_alive(base, token, ids)
            left_at[f"{round(time.monotonic() - closed)}"] = len(alive)
            if not alive and time.monotonic() - closed >= 120:
                break
        at_two_minutes = [n for t, n in left_at.items() if int(t) >= 120]
        renders = [s.render_s for s in sessions if s.render_s is not None]
        trips = [t for s in sessions for t in s.round_trips_ms]
        steady = [t for s in sessions for t in s.steady_round_trips_ms]
        results.update({
            "rendered": len(renders),
            "all_rendered": len(renders) == args.students,
            "errors": [f"student {s.index}: {s.error}" for s in sessions if s.error],
            "widgets_per_session": sorted({s.widgets for s in sessions if s.widgets}),
            "render_median_s": percentile(renders, 0.5),
            "render_p95_s": percentile(renders, 0.95),
            "render_max_s": max(renders) if renders else None,
            "round_trip_median_ms": percentile(trips, 0.5),
            "round_trip_p95_ms": percentile(trips, 0.95),
            "working_round_trip_median_ms": percentile(steady, 0.5),
            "working_round_trip_p95_ms": percentile(steady, 0.95),
            "working_round_trips": len(steady),
            "kernels_while_open": len(per_kernel),
            "kernel_mb_median": percentile(per_kernel, 0.5),
            "kernel_mb_max": max(per_kernel) if per_kernel else None,
            "server_and_kernels_mb": total,
            "server_mb": rss_mb(server),
            "session_kernels_left_by_seconds_after_close": left_at,
            "kernels_left_after_2_min": at_two_minutes[0] if at_two_minutes else None,
            "server_alive": proc.poll() is None,
            "peak_kernels": peaks.kernels,
            "peak_kernels_target": args.students + pool,
            "peak_server_and_kernels_mb": peaks.mb,
            "students_asked_to_wait": sum(1 for s in sessions if s.waits),
            "kernels_died_at_start": (workdir / "server.log").read_text().count(" died, removing"),
        })
    finally:
        peaks.stop()
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return results


def machine() -> dict[str, Any]:
    import psutil

    return {"platform": platform.platform(), "cpus": os.cpu_count(),
            "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version()}


def fmt(value: Any, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def report(results: dict[str, Any]) -> str:
    rows = [
        ("sessions rendered", f"{results['rendered']}/{results['students']}", "all"),
        ("first render median (s)", fmt(results["render_median_s"]), "≤ 3"),
        ("first render p95 (s)", fmt(results["render_p95_s"]), "-"),
        ("round trip on arrival, median (ms)", fmt(results["round_trip_median_ms"], 0), "-"),
        ("round trip on arrival, p95 (ms)", fmt(results["round_trip_p95_ms"], 0), "-"),
        ("round trip, class working, median (ms)",
         fmt(results["working_round_trip_median_ms"], 0), "-"),
        ("round trip, class working, p95 (ms)", fmt(results["working_round_trip_p95_ms"], 0),
         "≤ 250"),
        ("kernel memory median / max (MB)",
         f"{fmt(results['kernel_mb_median'], 0)} / {fmt(results['kernel_mb_max'], 0)}", "≤ 150"),
        ("server + all kernels (MB)", fmt(results["server_and_kernels_mb"], 0), "-"),
        ("peak kernels alive", fmt(results["peak_kernels"]),
         f"≤ {results['peak_kernels_target']} (students + pool)"),
        ("peak server + kernels (MB)", fmt(results["peak_server_and_kernels_mb"], 0),
         "within 8 GB, with room"),
        ("students asked to wait", fmt(results["students_asked_to_wait"]), "-"),
        ("session kernels left 2 min after close",
         fmt(results["kernels_left_after_2_min"]), "0"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{name:<{width}}  {value:>12}  target {target}" for name, value, target in rows]
    if results["errors"]:
        lines.append("errors: " + "; ".join(results["errors"][:5]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--spread", type=float, default=1.0,
                        help="seconds between two students' arrivals (default 1)")
    parser.add_argument("--changes", type=int, default=5, help="control changes per student")
    parser.add_argument("--pool-size", type=int, default=0,
                        help="preheated kernels (default: what make app uses, "
                             f"{serve.POOL_SIZE}); a class of N can be given N")
    parser.add_argument("--max-kernels", type=int, default=0,
                        help="the app's kernel cap (default: what make app sets on this "
                             f"machine, {serve.default_max_kernels()})")
    parser.add_argument("--render-timeout", type=float, default=300)
    parser.add_argument("--reclaim-wait", type=float, default=180,
                        help="seconds to watch for kernels to be reclaimed after close")
    parser.add_argument("--workdir", default="")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "load-results.json"))
    args = parser.parse_args(argv)
    import signal

    # Stopped with SIGTERM (timeout, kill): still stop the server and its kernels.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    info = machine()
    results = asyncio.run(run(args))
    print(report(results))
    Path(args.output).write_text(json.dumps({"machine": info, "results": results}, indent=2,
                                            default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
