"""The two server commands of the collection, in one place: JupyterLab (``make lab``) and the
code-free app of the explorers served by Voila (``make app``).

Both listen on 127.0.0.1 only and require a token: each prints the URL to open, token included.
The Makefile runs this script, and ``tests/test_servers.py`` and the browser tests build their
servers from the same functions, so what is tested is what a user starts. Usage::

    .venv/bin/python tools/serve.py lab              # JupyterLab on the start page
    .venv/bin/python tools/serve.py app              # the explorers as a Voila app
    .venv/bin/python tools/serve.py app --port 8871  # any extra option goes to the server
    .venv/bin/python tools/serve.py report-app       # the report reader (lesson 8) as an app

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


def lab_command(root: Path = ROOT, start: str = START_PAGE) -> list[str]:
    """JupyterLab on ``start``, serving ``root``; listening on 127.0.0.1 with a token.

    ``allow_root`` lets it start as root (containers, CI machines). The news feed and the
    check for new JupyterLab versions are off because they would reach out to the network.
    """
    return [
        str(BIN / "jupyter"), "lab",
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


def _voila_classes() -> Any:  # noqa: C901 - one place that builds the app's server classes
    """Build the Voila subclasses (imported only when the app runs, not for ``lab``)."""
    import tornado.web
    from jupyter_core.utils import ensure_async
    from tornado.ioloop import PeriodicCallback
    from traitlets import Int
    from voila.app import Voila
    from voila.handler import VoilaHandler
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    class V1OnlyWebsocketHandler(VoilaKernelWebsocketHandler):
        """Kernel websocket that refuses clients not offering the v1 subprotocol."""

        async def get(self, *args: Any, **kwargs: Any) -> None:
            offered = [p.strip() for p in
                       self.request.headers.get("Sec-WebSocket-Protocol", "").split(",")]
            if V1_SUBPROTOCOL not in offered:
                self.log.warning("refused a kernel websocket without the %s subprotocol",
                                 V1_SUBPROTOCOL)
                self.set_status(400)
                self.set_header("Content-Type", "text/plain; charset=utf-8")
                self.finish(f"This server speaks only the {V1_SUBPROTOCOL} websocket protocol.\n")
                return
            await super().get(*args, **kwargs)

        def open(self, *args: Any, **kwargs: Any) -> Any:
            sessions = self.settings.setdefault("explorers_session_start", {})
            sessions.setdefault(self.kernel_id, time.monotonic())
            return super().open(*args, **kwargs)

        def write_message(self, message: Any, binary: bool = False) -> Any:
            if isinstance(message, bytes):
                header = read_header_from_binary_message(message)
            elif isinstance(message, dict):
                header = message.get("header")
            else:
                header = None
            if header and header.get("msg_type") == "execute_input":
                return None  # Voila hides the code: never echo it to the page
            # Skip Voila's own (unbounded) header reader: call the handler Voila extends.
            return super(VoilaKernelWebsocketHandler, self).write_message(message, binary)

    class XsrfCookieVoilaHandler(VoilaHandler):
        """Voila's page, setting the ``_xsrf`` cookie its unload request sends back."""

        async def prepare(self) -> None:
            await ensure_async(super().prepare())  # authenticates (and checks the Host header)
            self.xsrf_token  # noqa: B018 - reading it sets the cookie

    class QuietShutdownHandler(VoilaShutdownKernelHandler):
        """The unload request: a kernel already gone is not an error (204 all the same)."""

        @tornado.web.authenticated
        async def post(self, kernel_id: str) -> None:
            if kernel_id in self.kernel_manager:
                await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))
            self.settings.get("explorers_session_start", {}).pop(kernel_id, None)
            self.set_status(204)
            self.finish()

    replacements = {
        VoilaKernelWebsocketHandler: V1OnlyWebsocketHandler,
        VoilaShutdownKernelHandler: QuietShutdownHandler,
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

        def init_settings(self) -> dict[str, Any]:
            settings = super().init_settings()
            # Voila turns JupyterLab's Host-header check off; turn it back on.
            settings["allow_remote_access"] = False
            settings["local_hostnames"] = ["localhost"]
            settings["explorers_session_start"] = {}
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
            super().start()

        async def _end_long_sessions(self) -> None:
            app = getattr(self, "app", None)
            sessions = app.settings.get("explorers_session_start", {}) if app else {}
            now = time.monotonic()
            for kernel_id, started in list(sessions.items()):
                if kernel_id not in self.kernel_manager:
                    sessions.pop(kernel_id, None)
                elif now - started > self.session_time_limit:
                    self.log.info("session time limit: shutting down kernel %s", kernel_id)
                    sessions.pop(kernel_id, None)
                    await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))

    return ExplorersVoila


def run_voila(argv: list[str]) -> None:
    """Run the explorers' Voila app in this process with command-line options ``argv``."""
    # The app's page template is found on the Jupyter data path.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(APP_DATA_DIR), *filter(None, [os.environ.get("JUPYTER_PATH")])])
    app_class = _voila_classes()
    app_class.launch_instance(later_options_win(argv))


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
    if not argv or argv[0] not in COMMANDS:
        raise SystemExit(f"usage: serve.py {{{'|'.join(COMMANDS)}}} [server options]")
    command = COMMANDS[argv[0]]() + argv[1:]
    os.execv(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
