"""Helpers for the ``broadsheet serve`` tests (area D4): the server as a subprocess, and a
headless Chromium driven over the DevTools protocol.

Chromium's one-shot ``--screenshot`` / ``--dump-dom`` capture the page as soon as it has
loaded, before the app's subprocess has started and drawn anything (and xterm.js draws on a
canvas, so the DOM never holds the text). Driving Chromium over the DevTools protocol lets the
test wait for what a person waits for: the page's terminal receiving the app's first output
(textual-serve marks ``<body>`` with ``-first-byte``), then take the screenshot. Every wait is
a poll against a deadline, never a fixed sleep.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import httpx

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
DEADLINE = 60.0  # seconds: starting the app subprocess on a busy two-core machine is slow


def chromium() -> str | None:
    """The headless browser the test drives (Debian's ``chromium``), if installed."""
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(home: Path, *urls: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``broadsheet serve`` on a free port; yields the URL it printed, once the page answers."""
    env = {**os.environ, "BROADSHEET_HOME": str(home)}
    command = [sys.executable, "-m", "broadsheet", "serve", "--port", str(free_port()), *urls]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", first)
        assert found, f"no URL in the first line: {first!r}"
        url = found.group(0)
        deadline = time.monotonic() + DEADLINE
        while True:
            try:
                if httpx.get(url + "/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, "the server exited"
            assert time.monotonic() < deadline, "the server never answered"
            time.sleep(0.1)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


async def until(probe: Any, what: str, deadline: float = DEADLINE) -> Any:
    """Poll the coroutine function ``probe`` until it returns something truthy."""
    end = time.monotonic() + deadline
    while not (result := await probe()):
        assert time.monotonic() < end, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)
    return result


class Browser:
    """One headless Chromium with one page, spoken to over the DevTools websocket."""

    def __init__(self, executable: str, profile: Path) -> None:
        self.executable = executable
        self.profile = profile
        self.process: asyncio.subprocess.Process | None = None
        self.session: aiohttp.ClientSession | None = None
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self._ids = itertools.count(1)

    async def __aenter__(self) -> Browser:
        self.process = await asyncio.create_subprocess_exec(
            self.executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={self.profile}",
            "--window-size=1280,800",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        assert self.process.stderr is not None
        endpoint = ""
        end = time.monotonic() + DEADLINE
        while not endpoint:
            line = await asyncio.wait_for(self.process.stderr.readline(), DEADLINE)
            assert line or time.monotonic() < end, "Chromium gave no DevTools address"
            if found := re.search(rb"DevTools listening on (ws://\S+)", line):
                endpoint = found.group(1).decode()
        port = re.search(r":(\d+)/", endpoint)
        assert port
        self.session = aiohttp.ClientSession()
        listing = f"http://127.0.0.1:{port.group(1)}/json/list"
        async with self.session.get(listing) as response:
            pages = [t for t in await response.json() if t["type"] == "page"]
        self.socket = await self.session.ws_connect(pages[0]["webSocketDebuggerUrl"])
        return self

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one DevTools command and return its result (events in between are skipped)."""
        assert self.socket is not None
        number = next(self._ids)
        await self.socket.send_str(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(await self.socket.receive_str(timeout=DEADLINE))
            if message.get("id") == number:
                assert "error" not in message, message
                result: dict[str, Any] = message["result"]
                return result

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode((await self.call("Page.captureScreenshot"))["data"])
        path.write_bytes(data)
        return data

    async def __aexit__(self, *exc: object) -> None:
        if self.socket is not None:
            await self.socket.close()
        if self.session is not None:
            await self.session.close()
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 10)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
