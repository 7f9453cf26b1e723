"""Several worker processes (多进程) on one port, each with its own listening socket.

uvicorn's supervisor gives every worker the one socket it bound, and on Linux the worker that
wakes first accepts every waiting connection: with keep-alive clients one worker can end up
with all of them while the other idles. With SO_REUSEPORT each worker listens on a socket of
its own and the kernel spreads new connections over them. The supervision (start, restart of a
dead worker, signals) stays uvicorn's: what it hands each worker is a `ReusePortSocket`, which
becomes that worker's own socket when the worker unpickles it.

The parent first binds the address alone (a port in use, by anything, is reported before any
worker starts), then holds it in the group (bound, never listening, so never handed a
connection) while the workers serve, so no later server can bind it alone.
"""
from __future__ import annotations

import socket
import sys

# Linux spreads connections over the sockets of a SO_REUSEPORT group; other systems (macOS,
# the BSDs) give them all to one socket, so there the workers keep uvicorn's shared socket
REUSE_PORT = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _bound(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def _exclusive_check(host: str, port: int) -> int:
    """The port, once bound without SO_REUSEPORT: fails when anything holds it, another
    `yingsu serve` with its own workers included (it could otherwise join their group)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        return probe.getsockname()[1]


def _worker_socket(host: str, port: int) -> socket.socket:
    sock = _bound(host, port)
    sock.set_inheritable(True)
    return sock


class ReusePortSocket:
    """Pickled into each worker as (host, port); unpickled there as a socket bound with SO_REUSEPORT."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port

    def __reduce__(self):
        return _worker_socket, (self.host, self.port)


def run_workers(app_factory: str, host: str, port: int, workers: int, options: dict) -> None:
    """Serve `app_factory` (an import string) with `workers` processes behind one port."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from ..errors import YingsuError

    try:
        port = _exclusive_check(host, port)
        held = _bound(host, port)
    except OSError as e:
        raise YingsuError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    try:
        port = held.getsockname()[1]
        config = uvicorn.Config(app_factory, factory=True, host=host, port=port, workers=workers, **options)
        Multiprocess(config, sockets=[ReusePortSocket(host, port)]).run()
    finally:
        held.close()
