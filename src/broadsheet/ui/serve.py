"""``broadsheet serve``: the app in a web browser, through textual-serve, on 127.0.0.1 only.

textual-serve is a small aiohttp server: its page runs xterm.js, and each browser tab that
connects gets its own copy of the app, started as a subprocess (``python -m broadsheet open``)
with Textual's web driver, its screen relayed over a websocket. The subprocess inherits our
environment, so ``BROADSHEET_HOME`` and the config file apply to it as to the terminal app.

The server listens on the loopback address and nowhere else, on purpose: whoever reaches the
page drives the app, which reads the cache, fetches any URL and writes export files. There is
no option to listen on other addresses; put an authenticating proxy in front for that.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Sequence
from typing import TextIO

HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def app_command(urls: Sequence[str] = ()) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this package."""
    return shlex.join([sys.executable, "-m", "broadsheet", "open", *urls])


def serve_url(port: int) -> str:
    """The address people open: the same one the server announces."""
    return f"http://{HOST}:{port}"


def run_server(
    port: int = DEFAULT_PORT, urls: Sequence[str] = (), out: TextIO | None = None
) -> None:
    """Serve the app on ``HOST:port`` until interrupted (Ctrl+C or SIGTERM stop it cleanly).

    The URL is printed (and flushed) before the server starts, so a script or a test reading
    stdout knows where to go; textual-serve prints its own banner after it.
    """
    from textual_serve.server import Server

    server = Server(app_command(urls), host=HOST, port=port, title="Broadsheet")
    print(f"Broadsheet is served at {serve_url(port)}", file=out or sys.stdout, flush=True)
    server.serve()
