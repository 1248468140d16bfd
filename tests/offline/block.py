"""Block network access: any socket connect to a non-loopback address raises ``OSError``.

``install()`` patches :class:`socket.socket` ``connect``/``connect_ex`` and
``socket.create_connection`` in this process. Loopback (127.0.0.0/8, ::1) and Unix sockets stay
allowed, so Jupyter kernels can still talk to their client. ``sitecustomize.py`` next to this file
calls ``install()`` at interpreter start-up when ``HER2NEG_OFFLINE=1``; the tests put this folder
on ``PYTHONPATH`` for the kernels they start, so notebooks run offline too.
"""

from __future__ import annotations

import ipaddress
import socket

_INSTALLED = False


class NetworkBlocked(OSError):
    """Raised for a connection to a non-loopback address while the block is on."""


def _allowed(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = address[0] if isinstance(address, tuple) and address else address
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost: would need DNS, refuse


def _check(address: object) -> None:
    if not _allowed(address):
        raise NetworkBlocked(f"network access is blocked during tests; tried to connect to {address!r}")


def install() -> None:
    """Turn the block on for this process (idempotent)."""
    global _INSTALLED
    if _INSTALLED:
        return
    original_connect, original_connect_ex = socket.socket.connect, socket.socket.connect_ex
    original_create = socket.create_connection

    def connect(self, address):  # type: ignore[no-untyped-def]
        _check(address)
        return original_connect(self, address)

    def connect_ex(self, address):  # type: ignore[no-untyped-def]
        _check(address)
        return original_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        _check(address)
        return original_create(address, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.create_connection = create_connection  # type: ignore[assignment]
    _INSTALLED = True


def installed() -> bool:
    return _INSTALLED
