"""Helpers for the network-settings tests: a SOCKS5 proxy on loopback, a closed port, the
request headers a ``SiteServer`` recorded, and the CLI run with the platform's folders.

The HTTP proxy of those tests is a plain ``SiteServer``: httpx sends a proxy the absolute URL
(``GET http://news.invalid/story.html``), which ``site.routes`` can answer directly, and an
``.invalid`` host cannot have been reached any other way.
"""

from __future__ import annotations

import os
import select
import socket
import socketserver
import struct
import subprocess
import threading
from pathlib import Path

from tests.support.area_c import run_module

from broadsheet.demo.server import SiteServer


class Socks5Proxy:
    """A SOCKS5 proxy (no authentication, CONNECT only) on 127.0.0.1 that relays to the
    real destination and records each one as (host, port) in ``destinations``."""

    def __init__(self) -> None:
        self.destinations: list[tuple[str, int]] = []
        proxy = self

        class _Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._serve(self.request)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"socks5://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> Socks5Proxy:
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _serve(self, client: socket.socket) -> None:
        def read(count: int) -> bytes:
            data = b""
            while len(data) < count:
                more = client.recv(count - len(data))
                if not more:
                    raise ConnectionError("the client went away")
                data += more
            return data

        try:
            _version, methods = read(2)
            read(methods)
            client.sendall(b"\x05\x00")  # no authentication
            _version, command, _reserved, kind = read(4)
            if kind == 1:
                host = socket.inet_ntoa(read(4))
            elif kind == 3:
                host = read(read(1)[0]).decode("ascii")
            else:
                host = socket.inet_ntop(socket.AF_INET6, read(16))
            (port,) = struct.unpack("!H", read(2))
            self.destinations.append((host, port))
            if command != 1:
                client.sendall(b"\x05\x07\x00\x01" + bytes(6))  # command not supported
                return
            upstream = socket.create_connection((host, port), timeout=10)
        except (ConnectionError, OSError):
            return
        with upstream:
            client.sendall(b"\x05\x00\x00\x01" + bytes(6))  # granted
            _relay(client, upstream)


def _relay(one: socket.socket, other: socket.socket) -> None:
    """Copy bytes both ways until either side closes."""
    pair = {one: other, other: one}
    while True:
        ready, _, _ = select.select(list(pair), [], [], 10)
        if not ready:
            return
        for sock in ready:
            try:
                data = sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            pair[sock].sendall(data)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def requests_to(server: SiteServer, host: str) -> list[tuple[str, dict[str, str]]]:
    """(path, headers with lower-case names) of the requests whose Host header is ``host``."""
    found = []
    for _method, path, headers in server.requests:
        lowered = {name.lower(): value for name, value in headers.items()}
        if lowered.get("host") == host:
            found.append((path, lowered))
    return found


def run_cli_platform(
    tmp: Path, *args: str, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m broadsheet ARGS`` the way a user does, without ``BROADSHEET_HOME``:
    the platform folders come from ``XDG_DATA_HOME`` (``tmp/xdg``) and ``~`` is ``tmp/user``.
    """
    env = {k: v for k, v in os.environ.items() if k != "BROADSHEET_HOME"}
    env.update(XDG_DATA_HOME=str(tmp / "xdg"), HOME=str(tmp / "user"), PYTHONIOENCODING="utf-8")
    env.update(extra_env or {})
    return run_module(args, env)
