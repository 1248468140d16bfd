"""The two server commands of the collection, in one place: JupyterLab (``make lab``) and the
code-free app of the explorers served by Voila (``make app``).

Both listen on 127.0.0.1 only and require a token: each prints the URL to open, token included.
The Makefile runs this script, and ``tests/test_servers.py`` and the browser tests build their
servers from the same functions, so what is tested is what a user starts. Usage::

    .venv/bin/python tools/serve.py lab              # JupyterLab on the start page
    .venv/bin/python tools/serve.py app              # the explorers as a Voila app
    .venv/bin/python tools/serve.py app --port 8871  # any extra option goes to the server
    .venv/bin/python tools/serve.py report-app       # the report reader (lesson 8) as an app

``lab`` runs JupyterLab through this script (``serve.py jupyterlab ...``), so that its websocket
readers are bounded first (:func:`guard_kernel_message_readers`).

The app runs Voila through :class:`ExplorersVoila` (``serve.py voila ...``, what ``app`` starts),
which makes it fit for a whole class at once:

- **Websockets speak only the v1 kernel protocol.** Voila 0.5.13 (the newest release) reads
  every outgoing binary message as if the client had asked for the
  ``v1.kernel.websocket.jupyter.org`` subprotocol; for a client that did not, it reads a length
  from the wrong bytes and builds a list billions of items long, until the machine runs out of
  memory. A websocket request that does not offer that subprotocol is refused (400) before the
  upgrade, and the header reader is bounded in any case. Browsers running Voila's page always
  offer it.
- **Kernels are reclaimed.** The page's unload request works (the page now sets the ``_xsrf``
  cookie the request must carry); a kernel with no open connection is shut down after
  ``CULL_IDLE_TIMEOUT`` seconds without activity, and every session ends after
  ``SESSION_TIME_LIMIT`` seconds, connected or not.
- **Pages render fast.** ``POOL_SIZE`` kernels are started ahead of time with the notebook
  already run (Voila's kernel preheating), and the pool refills as pages take them.
- **Every incoming frame is checked before jupyter_server reads it.** jupyter_server's v1
  reader trusts a frame's first 8 bytes as the number of offsets that follow: one 72-byte
  frame claiming 2**62 of them froze the server while its memory grew without end. A frame is
  passed on only if it is binary, at most ``MAX_FRAME_BYTES`` long, with 6 to
  ``MAX_FRAME_OFFSETS`` offsets, in order and inside the frame, a readable channel and header;
  any other frame closes that websocket (code 1008) and the server carries on. jupyter_server's
  own readers are replaced by bounded ones as well (:func:`guard_kernel_message_readers`), for
  the app and for JupyterLab (``make lab`` runs through this script too).
- **A class fits the machine.** At most ``max_kernels`` kernels run at once (pool included;
  by default what the machine's memory holds: :func:`default_max_kernels`); the pool stops
  refilling at that cap, and a student who arrives when it is reached gets a page that says,
  in words, to wait, and tries again by itself. A kernel takes at most
  ``MAX_CONNECTIONS_PER_KERNEL`` websockets (a page needs one), and a websocket whose reader
  has fallen ``MAX_PENDING_BYTES`` behind is closed instead of buffered without end.
- **The page says when its session has ended.** A session ended by the time limit has its
  websocket closed with code 4001 first; the page's template shows a notice in words whenever
  its kernel connection closes (time limit, culled, server stopped), instead of controls that
  silently stop answering.
- **Errors stay on the server.** A request for a template file that does not exist (or a path
  of the wrong shape) is a plain 404, not a 500.
- **Nothing leaves the machine and only this machine is served.** The page's template drops
  Voila's Font Awesome links to a public CDN (app/share/jupyter/voila/templates/explorers), and
  requests whose Host header is not localhost or a loopback address are refused, as JupyterLab
  does (Voila turns that check off).

The numbers below are for a class on one machine; README.md ("The app for a class") says what a
JupyterHub or Binder deployment sets instead (app/deploy/jupyter_server_config.py).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
START_PAGE = "notebooks/00_start_here.ipynb"
APP_NOTEBOOK = "app/explorers.ipynb"
#: Where the app's page template lives (``share/jupyter/voila/templates/explorers``).
APP_DATA_DIR = ROOT / "app" / "share" / "jupyter"
APP_TEMPLATE = "explorers"

#: The only websocket subprotocol the app accepts.
V1_SUBPROTOCOL = "v1.kernel.websocket.jupyter.org"
#: A kernel without an open connection is shut down after this many idle seconds (a closed tab
#: whose unload request was lost); connected kernels are not culled for idleness.
CULL_IDLE_TIMEOUT = 60
#: How often (seconds) idle kernels are looked for.
CULL_INTERVAL = 30
#: Every session's kernel is shut down this many seconds after its page first connected, even
#: if the tab stays open (a two-hour class, with room to spare).
SESSION_TIME_LIMIT = 3 * 3600
#: Kernels started ahead of time, the notebook already run in them.
POOL_SIZE = 2

#: The largest websocket frame the app reads (tornado closes the socket on a larger one). What
#: the page sends is a control's new value or a request: a few kilobytes.
MAX_FRAME_BYTES = 1024 * 1024
#: The most offsets a v1 frame may declare: channel, header, parent header, metadata and content
#: take 6; widgets may add binary buffers.
MAX_FRAME_OFFSETS = 64
#: Websockets one kernel accepts at once: the page opens one; the rest is room for a reload.
MAX_CONNECTIONS_PER_KERNEL = 3
#: A websocket whose unsent output passes this many bytes (a client that asks but never reads)
#: is closed.
MAX_PENDING_BYTES = 64 * 1024 * 1024
#: Memory one app kernel needs, with room (measured: ~125-145 MB resident; benchmarks/README.md)
#: and memory kept for the server, the system and the browser of a machine used for the class.
KERNEL_BUDGET_MB = 180
RESERVED_MB = 1536
#: Closing code of a session's websocket when its time limit ends it (the page says so).
SESSION_ENDED_CODE = 4001
#: How long (seconds) the "please wait" page waits before trying again by itself.
RETRY_AFTER = 20


def default_max_kernels(total_mb: float | None = None) -> int:
    """How many kernels (pool included) this machine's memory holds: (memory - reserve) /
    budget per kernel, at least ``POOL_SIZE + 1`` and at most 100. 8 GB gives 36: a class of
    30 with the pool of 2, and room."""
    if total_mb is None:
        try:
            total_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
        except (ValueError, OSError, AttributeError):  # not a POSIX system
            total_mb = 8 * 1024
    return max(POOL_SIZE + 1, min(100, int((total_mb - RESERVED_MB) // KERNEL_BUDGET_MB)))


def lab_command(root: Path = ROOT, start: str = START_PAGE) -> list[str]:
    """JupyterLab on ``start``, serving ``root``; listening on 127.0.0.1 with a token.

    ``allow_root`` lets it start as root (containers, CI machines). The news feed and the
    check for new JupyterLab versions are off because they would reach out to the network. It
    runs JupyterLab through this script (``serve.py jupyterlab``), which bounds jupyter_server's
    websocket readers first (:func:`guard_kernel_message_readers`).
    """
    return [
        sys.executable, str(Path(__file__).resolve()), "jupyterlab",
        f"--ServerApp.ip={HOST}",
        "--ServerApp.allow_root=True",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url=/lab/tree/{start}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]


def app_command(root: Path = ROOT, notebook: str = APP_NOTEBOOK) -> list[str]:
    """Voila serving the explorers notebook (code hidden), on 127.0.0.1 with a token.

    It runs :class:`ExplorersVoila` (see the module's docstring). ``--token`` makes Voila
    generate a token and print the URL with it; Voila, unlike JupyterLab, does not refuse to
    run as root, so it needs no ``allow_root``.
    """
    return [
        sys.executable, str(Path(__file__).resolve()), "voila", str(root / notebook),
        f"--Voila.ip={HOST}",
        "--token",
        "--no-browser",
        f"--Voila.root_dir={root}",
        f"--template={APP_TEMPLATE}",
        "--preheat_kernel=True",
        f"--pool_size={POOL_SIZE}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
        "--MappingKernelManager.cull_connected=False",
        f"--ExplorersVoila.session_time_limit={SESSION_TIME_LIMIT}",
    ]


def read_header_from_binary_message(ws_msg: bytes) -> dict[str, Any] | None:
    """The header of a v1-protocol binary websocket message, or None if it is not one.

    Voila's own reader trusts the first 8 bytes as the number of offsets; here that number is
    checked against the message's length first, so no message can make it allocate more than
    the message itself holds.
    """
    import json

    if len(ws_msg) < 8:
        return None
    count = int.from_bytes(ws_msg[:8], "little")
    if count < 3 or 8 * (count + 1) > len(ws_msg):
        return None
    offsets = [int.from_bytes(ws_msg[8 * (i + 1): 8 * (i + 2)], "little") for i in range(count)]
    try:
        return json.loads(ws_msg[offsets[1]:offsets[2]].decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None


def read_part_of_binary_message(ws_msg: bytes, part: int) -> Any:
    """Part ``part`` (1 header, 2 parent header, 3 metadata, 4 content) of a v1-protocol binary
    websocket message, read as JSON, or None when the message has no such readable part. The
    offsets are checked against the message's length first, as in
    :func:`read_header_from_binary_message`."""
    import json

    if len(ws_msg) < 8:
        return None
    count = int.from_bytes(ws_msg[:8], "little")
    if count <= part + 1 or 8 * (count + 1) > len(ws_msg):
        return None
    start = int.from_bytes(ws_msg[8 * (part + 1): 8 * (part + 2)], "little")
    end = int.from_bytes(ws_msg[8 * (part + 2): 8 * (part + 3)], "little")
    if not 0 <= start <= end <= len(ws_msg):
        return None
    try:
        return json.loads(ws_msg[start:end].decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


#: The only comm a page opens towards its kernel: ipywidgets' request for the widgets' state.
#: A page never creates widgets in the kernel, so any other comm_open from it is refused (each
#: one would make the kernel build and keep a widget: a student could fill its memory).
PAGE_COMM_TARGETS = ("jupyter.widget.control",)
#: How many of those a page may open on one connection (it needs one).
MAX_PAGE_COMM_OPENS = 4


def refused_page_message(frame: bytes) -> str | None:
    """Why a well-formed v1 frame from the page is not passed on to the kernel, or None.

    Refused: a ``comm_open`` for any target but :data:`PAGE_COMM_TARGETS`.
    """
    header = read_part_of_binary_message(frame, 1)
    if not isinstance(header, dict) or header.get("msg_type") != "comm_open":
        return None
    content = read_part_of_binary_message(frame, 4)
    target = content.get("target_name") if isinstance(content, dict) else None
    if target not in PAGE_COMM_TARGETS:
        return "a comm_open for a target the page never opens"
    return None


def hidden_from_page(message: Any) -> bool:
    """True for a kernel message the page must not get: the kernel's error output (a stream to
    stderr, an ``error`` message), which carries tracebacks with the server's paths. The
    details stay in the server's log; the explorers show their own messages in words."""
    if isinstance(message, bytes):
        header = read_header_from_binary_message(message)
        msg_type = header.get("msg_type") if isinstance(header, dict) else None
        if msg_type == "error":
            return True
        if msg_type == "stream":
            content = read_part_of_binary_message(message, 4)
            return not isinstance(content, dict) or content.get("name") != "stdout"
        return False
    if isinstance(message, dict):
        msg_type = (message.get("header") or {}).get("msg_type")
        if msg_type == "error":
            return True
        if msg_type == "stream":
            return (message.get("content") or {}).get("name") != "stdout"
    return False


def v1_frame_problem(frame: Any) -> str | None:
    """Why an incoming websocket frame is not a readable v1-protocol kernel message, or None.

    A v1 frame is: 8 bytes giving the number of offsets (little-endian), the offsets (8 bytes
    each), then the channel name and the message's parts (header, parent header, metadata,
    content, buffers) between consecutive offsets. Every number is checked against the frame's
    own length before anything is built from it, so a frame can cost no more than its size.
    """
    import json

    if not isinstance(frame, bytes):
        return "a text frame (the v1 protocol sends binary frames)"
    if len(frame) > MAX_FRAME_BYTES:
        return f"a frame of {len(frame):,} bytes (at most {MAX_FRAME_BYTES:,})"
    if len(frame) < 8:
        return "a frame too short to hold its offset count"
    count = int.from_bytes(frame[:8], "little")
    if not 6 <= count <= MAX_FRAME_OFFSETS:
        return f"an offset count of {count:,} (6 to {MAX_FRAME_OFFSETS})"
    table_end = 8 * (count + 1)
    if table_end > len(frame):
        return "offsets that run past the end of the frame"
    offsets = [int.from_bytes(frame[8 * (i + 1): 8 * (i + 2)], "little") for i in range(count)]
    if offsets[0] < table_end:
        return "a first part that overlaps the offsets"
    if any(later < earlier for earlier, later in zip(offsets, offsets[1:])):
        return "offsets out of order"
    if offsets[-1] > len(frame):
        return "offsets that point past the end of the frame"
    try:
        channel = frame[offsets[0]:offsets[1]].decode("utf-8")
        header = json.loads(frame[offsets[1]:offsets[2]].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "a channel or header that cannot be read"
    if channel not in ("shell", "control", "stdin", "iopub"):
        return "an unknown channel"
    if not isinstance(header, dict) or not isinstance(header.get("msg_type"), str):
        return "a header without a message type"
    return None


def legacy_binary_frame_problem(frame: bytes) -> str | None:
    """Why a legacy-protocol binary frame (4-byte big-endian part count, 4-byte offsets) cannot
    be read, or None. jupyter_server's reader builds a format string as long as the count."""
    if len(frame) > MAX_FRAME_BYTES:
        return f"a frame of {len(frame):,} bytes (at most {MAX_FRAME_BYTES:,})"
    if len(frame) < 4:
        return "a frame too short to hold its part count"
    count = int.from_bytes(frame[:4], "big", signed=True)
    if not 1 <= count <= MAX_FRAME_OFFSETS or 4 * (count + 1) > len(frame):
        return f"a part count of {count:,} that the frame cannot hold"
    return None


def guard_kernel_message_readers() -> None:
    """Replace jupyter_server's readers of incoming websocket frames by bounded ones.

    Both the v1 reader (``deserialize_msg_from_ws_v1``) and the legacy binary reader trust the
    counts a frame declares; the bounded ones refuse a frame that :func:`v1_frame_problem` or
    :func:`legacy_binary_frame_problem` finds wrong (``ValueError``: the server logs it and
    closes that websocket). Used by the app and by JupyterLab.
    """
    from jupyter_server.services.kernels.connection import channels

    if getattr(channels.deserialize_msg_from_ws_v1, "_bounded", False):
        return
    read_v1, read_legacy = channels.deserialize_msg_from_ws_v1, channels.deserialize_binary_message

    def bounded_v1(frame: Any) -> Any:
        problem = v1_frame_problem(frame)
        if problem:
            raise ValueError(f"refused a websocket frame: {problem}")
        return read_v1(frame)

    def bounded_legacy(frame: bytes) -> Any:
        problem = legacy_binary_frame_problem(frame)
        if problem:
            raise ValueError(f"refused a websocket frame: {problem}")
        return read_legacy(frame)

    bounded_v1._bounded = True  # type: ignore[attr-defined]
    channels.deserialize_msg_from_ws_v1 = bounded_v1
    channels.deserialize_binary_message = bounded_legacy


#: The page shown to a student who arrives when the app runs as many kernels as it may.
WAIT_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Please wait: the app is full</title>
<meta http-equiv="refresh" content="{retry}"></head>
<body style="font: 18px/1.5 sans-serif; max-width: 40em; margin: 3em auto; color: #000">
<h1>Please wait a moment</h1>
<p role="status">The explorers app is full: it already runs {kernels} sessions, the most this
server is set to run at once. As soon as someone leaves, there is room for you.</p>
<p>This page tries again by itself every {retry} seconds; you do not need to do anything.
If it keeps showing this message, tell your instructor.</p>
</body></html>
"""


#: What of a page request Voila may hand to the kernel that rendered it (its
#: ``/voila/query/<kernel id>`` websocket answers without a token): never the cookies, the
#: authorisation header or the token in the query string.
PUBLIC_REQUEST_KEYS = ("SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "SERVER_SOFTWARE",
                       "SERVER_PROTOCOL", "SERVER_PORT", "SERVER_NAME")


def public_request_info(payload: Any) -> Any:
    """Voila's request info (a JSON text or a dict) without secrets: only
    :data:`PUBLIC_REQUEST_KEYS`, and the query string without its ``token``."""
    import json
    from urllib.parse import parse_qsl, urlencode

    as_text = isinstance(payload, str)
    try:
        info = json.loads(payload) if as_text else dict(payload)
    except (TypeError, ValueError):
        return "{}" if as_text else {}
    kept = {key: info[key] for key in PUBLIC_REQUEST_KEYS if key in info}
    if isinstance(kept.get("QUERY_STRING"), str):
        kept["QUERY_STRING"] = urlencode([(k, v) for k, v in parse_qsl(
            kept["QUERY_STRING"], keep_blank_values=True) if k.lower() != "token"])
    return json.dumps(kept) if as_text else kept


def hide_secrets_from_request_info() -> None:
    """Make Voila hand kernels :func:`public_request_info` only (before: the class token and
    the page's cookies, to anyone who knew a kernel's id)."""
    from voila.request_info_handler import RequestInfoSocketHandler

    original = RequestInfoSocketHandler.send_updates.__func__
    if getattr(original, "_explorers_public", False):
        return

    def send_updates(cls: Any, msg: dict[str, Any]) -> None:
        original(cls, {**msg, "payload": public_request_info(msg.get("payload"))})

    send_updates._explorers_public = True  # type: ignore[attr-defined]
    RequestInfoSocketHandler.send_updates = classmethod(send_updates)  # type: ignore[method-assign]


def _voila_classes() -> Any:  # noqa: C901 - one place that builds the app's server classes
    """Build the Voila subclasses (imported only when the app runs, not for ``lab``)."""
    import tornado.web
    from jupyter_core.utils import ensure_async
    from tornado.ioloop import PeriodicCallback
    from traitlets import Int
    from voila.app import Voila
    from voila.handler import VoilaHandler
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
    from voila.static_file_handler import TemplateStaticFileHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    hide_secrets_from_request_info()

    class V1OnlyWebsocketHandler(VoilaKernelWebsocketHandler):
        """Kernel websocket that refuses clients not offering the v1 subprotocol, refuses
        malformed frames, and limits the websockets per kernel and what waits to be sent."""

        _explorers_kernel: str | None = None

        def _sockets(self) -> dict[str, set[Any]]:
            return self.settings.setdefault("explorers_sockets", {})

        def _refuse(self, status: int, text: str) -> None:
            self.set_status(status)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(text)

        async def get(self, *args: Any, **kwargs: Any) -> None:
            offered = [p.strip() for p in
                       self.request.headers.get("Sec-WebSocket-Protocol", "").split(",")]
            if V1_SUBPROTOCOL not in offered:
                self.log.warning("refused a kernel websocket without the %s subprotocol",
                                 V1_SUBPROTOCOL)
                self._refuse(400, f"This server speaks only the {V1_SUBPROTOCOL} websocket "
                                  f"protocol.\n")
                return
            kernel_id = kwargs.get("kernel_id") or (args[0] if args else "")
            limit = self.settings.get("explorers_max_connections", MAX_CONNECTIONS_PER_KERNEL)
            sockets = self._sockets().setdefault(kernel_id, set())
            if len(sockets) >= limit:
                self.log.warning("refused websocket %d for kernel %s", len(sockets) + 1,
                                 kernel_id)
                self._refuse(429, f"This session already has {len(sockets)} connections, the "
                                  f"most it may have. Close the app's other tabs.\n")
                return
            sockets.add(self)  # counted from now: websockets opened at once are all counted
            self._explorers_kernel = kernel_id
            try:
                await super().get(*args, **kwargs)
            finally:
                if self.ws_connection is None or self.close_code is not None:
                    self._release()

        def _release(self) -> None:
            kernel_id, self._explorers_kernel = self._explorers_kernel, None
            if kernel_id is not None:
                sockets = self._sockets().get(kernel_id, set())
                sockets.discard(self)
                if not sockets:
                    self._sockets().pop(kernel_id, None)

        def open(self, *args: Any, **kwargs: Any) -> Any:
            sessions = self.settings.setdefault("explorers_session_start", {})
            sessions.setdefault(self.kernel_id, time.monotonic())
            return super().open(*args, **kwargs)

        def on_message(self, message: Any) -> Any:
            problem = v1_frame_problem(message)
            if problem:
                self.log.warning("closed the websocket of kernel %s: it sent %s",
                                 self._explorers_kernel, problem)
                self.close(1008, "malformed message")
                return None
            refused = refused_page_message(message)
            if refused is None and read_part_of_binary_message(message, 1).get(
                    "msg_type") == "comm_open":
                self._explorers_comm_opens = getattr(self, "_explorers_comm_opens", 0) + 1
                if self._explorers_comm_opens > MAX_PAGE_COMM_OPENS:
                    refused = f"more than {MAX_PAGE_COMM_OPENS} comm_open messages"
            if refused:
                self.log.warning("dropped a message from the page of kernel %s: %s",
                                 self._explorers_kernel, refused)
                return None
            return super().on_message(message)

        def on_close(self) -> None:
            self._release()
            if getattr(self, "connection", None) is not None:
                super().on_close()

        def write_message(self, message: Any, binary: bool = False) -> Any:
            if isinstance(message, bytes):
                header = read_header_from_binary_message(message)
            elif isinstance(message, dict):
                header = message.get("header")
            else:
                header = None
            if header and header.get("msg_type") == "execute_input":
                return None  # Voila hides the code: never echo it to the page
            if hidden_from_page(message):
                return None  # tracebacks and error output stay in the server's log
            stream = getattr(self.ws_connection, "stream", None)
            limit = self.settings.get("explorers_max_pending_bytes", MAX_PENDING_BYTES)
            if unsent_bytes(stream) > limit:
                self.log.warning("closed the websocket of kernel %s: its client reads too "
                                 "slowly (more than %d bytes unsent)", self._explorers_kernel,
                                 limit)
                self.close(1008, "not reading")
                return None
            # Skip Voila's own (unbounded) header reader: call the handler Voila extends.
            return super(VoilaKernelWebsocketHandler, self).write_message(message, binary)

    class XsrfCookieVoilaHandler(VoilaHandler):
        """Voila's page, setting the ``_xsrf`` cookie its unload request sends back, and asking
        a student to wait when the app already runs as many kernels as it may."""

        _explorers_starting = False

        async def prepare(self) -> None:
            await ensure_async(super().prepare())  # authenticates (and checks the Host header)
            self.xsrf_token  # noqa: B018 - reading it sets the cookie

        @tornado.web.authenticated
        async def get(self, path: str | None = None) -> None:
            manager = self.kernel_manager
            limit = self.settings.get("explorers_max_kernels")
            pooled = manager.get_pool_size(self.notebook_path) if hasattr(
                manager, "get_pool_size") else 0
            if limit and not pooled:
                starting = self.settings.get("explorers_starting", 0)
                if kernels_committed(manager) + starting >= limit:
                    self.log.warning("the app is full (%d kernels): asked a student to wait",
                                     limit)
                    self.set_status(503)
                    self.set_header("Retry-After", str(RETRY_AFTER))
                    self.set_header("Content-Type", "text/html; charset=utf-8")
                    self.set_header("Cache-Control", "no-store")
                    self.finish(WAIT_PAGE.format(retry=RETRY_AFTER, kernels=limit))
                    return
                self.settings["explorers_starting"] = starting + 1
                self._explorers_starting = True
            await super().get(path)

        def on_finish(self) -> None:
            if self._explorers_starting:
                self._explorers_starting = False
                self.settings["explorers_starting"] = max(
                    0, self.settings.get("explorers_starting", 1) - 1)
            super().on_finish()

    class QuietShutdownHandler(VoilaShutdownKernelHandler):
        """The unload request: a kernel already gone is not an error (204 all the same)."""

        @tornado.web.authenticated
        async def post(self, kernel_id: str) -> None:
            if kernel_id in self.kernel_manager:
                await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))
            self.settings.get("explorers_session_start", {}).pop(kernel_id, None)
            self.set_status(204)
            self.finish()

    class NotFoundTemplateFileHandler(TemplateStaticFileHandler):
        """Template files: a path that is not ``<template>/static/<file>`` of an existing
        template is a 404 (Voila's handler failed on it with a 500)."""

        async def get(self, path: str, include_body: bool = True) -> None:
            try:
                await super().get(path, include_body)
            except (ValueError, AssertionError, OSError, LookupError):
                raise tornado.web.HTTPError(404) from None

    replacements = {
        VoilaKernelWebsocketHandler: V1OnlyWebsocketHandler,
        VoilaShutdownKernelHandler: QuietShutdownHandler,
        TemplateStaticFileHandler: NotFoundTemplateFileHandler,
    }

    class ExplorersVoila(Voila):
        """Voila for a class: see the module's docstring."""

        name = "voila"  # the same configuration files and settings key as Voila
        session_time_limit = Int(
            SESSION_TIME_LIMIT, config=True,
            help="Shut a session's kernel down this many seconds after its page first "
                 "connected (0: no limit).")
        session_check_interval = Int(
            CULL_INTERVAL, config=True,
            help="How often (seconds) sessions are checked against the time limit.")
        max_kernels = Int(
            default_max_kernels(), config=True,
            help="The most kernels that run at once, the preheated pool included; a student "
                 "arriving past it is asked to wait. Default: what this machine's memory "
                 "holds (serve.default_max_kernels).")
        max_connections_per_kernel = Int(
            MAX_CONNECTIONS_PER_KERNEL, config=True,
            help="The most websockets one kernel accepts at once.")
        max_pending_bytes = Int(
            MAX_PENDING_BYTES, config=True,
            help="Close a websocket whose client leaves more than this many bytes unsent.")

        def init_settings(self) -> dict[str, Any]:
            settings = super().init_settings()
            # Voila turns JupyterLab's Host-header check off; turn it back on.
            settings["allow_remote_access"] = False
            settings["local_hostnames"] = ["localhost"]
            settings["explorers_session_start"] = {}
            settings["explorers_sockets"] = {}
            settings["explorers_max_kernels"] = self.max_kernels
            settings["explorers_max_connections"] = self.max_connections_per_kernel
            settings["explorers_max_pending_bytes"] = self.max_pending_bytes
            settings["websocket_max_message_size"] = MAX_FRAME_BYTES
            cap_kernel_pool(self.kernel_manager, self.max_kernels)
            return settings

        def init_handlers(self) -> list[Any]:
            handlers = []
            for spec in super().init_handlers():
                spec = list(spec)
                handler = spec[1]
                if handler in replacements:
                    spec[1] = replacements[handler]
                elif isinstance(handler, type) and issubclass(handler, VoilaHandler):
                    spec[1] = type("ExplorersPageHandler", (XsrfCookieVoilaHandler, handler), {})
                handlers.append(tuple(spec))
            return handlers

        def start(self) -> None:
            if self.session_time_limit > 0:
                PeriodicCallback(self._end_long_sessions,
                                 1000 * max(self.session_check_interval, 1)).start()
            self.log.info("The app runs at most %d kernels at once (pool included), %d "
                          "websockets per kernel", self.max_kernels,
                          self.max_connections_per_kernel)
            super().start()

        async def _end_long_sessions(self) -> None:
            app = getattr(self, "app", None)
            sessions = app.settings.get("explorers_session_start", {}) if app else {}
            sockets = app.settings.get("explorers_sockets", {}) if app else {}
            now = time.monotonic()
            for kernel_id, started in list(sessions.items()):
                if kernel_id not in self.kernel_manager:
                    sessions.pop(kernel_id, None)
                elif now - started > self.session_time_limit:
                    self.log.info("session time limit: shutting down kernel %s", kernel_id)
                    sessions.pop(kernel_id, None)
                    for socket in list(sockets.get(kernel_id, ())):
                        socket.close(SESSION_ENDED_CODE, "session time limit")
                    await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))

    return ExplorersVoila


def unsent_bytes(stream: Any) -> int:
    """Bytes a tornado stream holds that its peer has not taken yet (0 if it cannot tell)."""
    try:
        return len(stream._write_buffer)  # tornado's IOStream: no public accessor
    except (AttributeError, TypeError):
        return 0


def kernels_committed(manager: Any) -> int:
    """Kernels running or being started for the pool: the number the cap limits."""
    pending = sum(1 for pool in getattr(manager, "_pools", {}).values()
                  for task in pool if not task.done())
    return len(manager.list_kernel_ids()) + pending


def cap_kernel_pool(manager: Any, max_kernels: int) -> None:
    """Make Voila's preheating kernel manager stop refilling its pool at ``max_kernels``
    kernels in all, and refill it when a kernel is shut down (a student left)."""
    if not hasattr(manager, "fill_if_needed"):
        return  # preheating is off: no pool to cap
    fill, shutdown, shutdown_all = (manager.fill_if_needed, manager.shutdown_kernel,
                                    manager.shutdown_all)
    stopping = False

    def capped_fill(delay: float | None = None, notebook_name: str | None = None,
                    **kwargs: Any) -> None:
        if stopping:
            return
        config = manager.kernel_pools_config
        default = dict(config.get("default", {}))
        wanted = config.get(notebook_name, default).get("pool_size", default.get("pool_size", 1))
        have = len(manager._pools.get(notebook_name, []))
        room = max(0, max_kernels - kernels_committed(manager))
        allowed = min(wanted, have + room)
        if allowed < wanted:
            manager.log.info("kernel cap (%d) reached: the pool gets %d kernel(s), not %d",
                             max_kernels, allowed, wanted)
        capped = {**config, "default": {**default, "pool_size": allowed}}
        if notebook_name in config:
            capped[notebook_name] = {**config[notebook_name], "pool_size": allowed}
        manager.kernel_pools_config = capped
        try:
            fill(delay=delay, notebook_name=notebook_name, **kwargs)
        finally:
            manager.kernel_pools_config = config

    async def shutdown_and_refill(kernel_id: str, *args: Any, **kwargs: Any) -> Any:
        result = await ensure_async_call(shutdown(kernel_id, *args, **kwargs))
        if not stopping and getattr(manager, "notebook_path", None):
            capped_fill(notebook_name=manager.notebook_path)
        return result

    async def stop_all(*args: Any, **kwargs: Any) -> Any:
        nonlocal stopping
        stopping = True
        return await ensure_async_call(shutdown_all(*args, **kwargs))

    manager.fill_if_needed = capped_fill
    manager.shutdown_kernel = shutdown_and_refill
    manager.shutdown_all = stop_all


async def ensure_async_call(result: Any) -> Any:
    """Await ``result`` if it is awaitable."""
    import inspect

    return await result if inspect.isawaitable(result) else result


def run_voila(argv: list[str]) -> None:
    """Run the explorers' Voila app in this process with command-line options ``argv``."""
    # The app's page template is found on the Jupyter data path.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(APP_DATA_DIR), *filter(None, [os.environ.get("JUPYTER_PATH")])])
    guard_kernel_message_readers()
    app_class = _voila_classes()
    app_class.launch_instance(later_options_win(argv))


def run_jupyterlab(argv: list[str]) -> None:
    """Run JupyterLab in this process, its websocket readers bounded, with options ``argv``."""
    from jupyterlab.labapp import LabApp

    guard_kernel_message_readers()
    LabApp.launch_instance(argv)


def later_options_win(argv: list[str]) -> list[str]:
    """``argv`` with each ``--name=value`` option kept only at its last occurrence, so that an
    option added after the app's defaults (``make app`` extras, tests) replaces the default
    instead of being refused as given twice."""
    last = {arg.split("=", 1)[0]: i for i, arg in enumerate(argv)
            if arg.startswith("--") and "=" in arg}
    return [arg for i, arg in enumerate(argv)
            if not (arg.startswith("--") and "=" in arg) or last[arg.split("=", 1)[0]] == i]


#: The report reader (lesson 8) as its own app page, served the same way as the explorers.
REPORT_APP_NOTEBOOK = "app/report_reader.ipynb"


def report_app_command(root: Path = ROOT) -> list[str]:
    """Voila serving the report reader page (``make report-app``): as :func:`app_command`."""
    return app_command(root, REPORT_APP_NOTEBOOK)


COMMANDS = {"lab": lab_command, "app": app_command, "report-app": report_app_command}


def main(argv: list[str]) -> None:
    """Replace this process with the server named by ``argv[0]``, extra options appended."""
    if argv and argv[0] == "voila":
        run_voila(argv[1:])
        return
    if argv and argv[0] == "jupyterlab":
        run_jupyterlab(argv[1:])
        return
    if not argv or argv[0] not in COMMANDS:
        raise SystemExit(f"usage: serve.py {{{'|'.join(COMMANDS)}}} [server options]")
    command = COMMANDS[argv[0]]() + argv[1:]
    os.execv(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
