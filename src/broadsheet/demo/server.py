"""A small threaded HTTP server for a folder of pages, on 127.0.0.1.

It serves the demo site for ``broadsheet demo`` and the fixture pages for the test suite, so
both exercise the real network path (httpx, headers, conditional GET) without the internet.
Files are served with a type from their extension; ``.gbk.html`` files are labelled
``charset=gbk``. Every file answers conditional requests with ETag and Last-Modified, and
``routes`` lets a caller add programmatic responses (tests use them for faulty servers).
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
from collections.abc import Callable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

Handler = Callable[[BaseHTTPRequestHandler], None]

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
_LAST_MODIFIED = formatdate(1_767_225_600, usegmt=True)  # fixed, so responses are reproducible


def content_type_for(path: Path) -> str:
    """The Content-Type to send for a file; ``name.gbk.html`` is GBK-labelled HTML."""
    name = path.name
    if name.endswith(".gbk.html"):
        return "text/html; charset=gbk"
    if name.endswith(".nocharset.html"):
        return "text/html"
    return _TYPES.get(path.suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


class SiteServer:
    """Serve ``root`` on 127.0.0.1 at a free port in a daemon thread.

    Use as a context manager, or call ``start()`` / ``stop()``. ``url(path)`` builds an
    absolute URL. ``routes[path] = handler`` overrides a path with a function that writes the
    whole response itself. ``requests`` records (method, path, headers) for assertions.
    """

    def __init__(self, root: Path | None = None, port: int = 0) -> None:
        self.root = root
        self.routes: dict[str, Handler] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "BroadsheetDemo/1"

            def log_message(self, format: str, *args: object) -> None:
                return  # keep test and demo output quiet

            def do_HEAD(self) -> None:
                self.do_GET()

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                server.requests.append(("GET", self.path, dict(self.headers.items())))
                handler = server.routes.get(self.path) or server.routes.get(path)
                if handler is not None:
                    handler(self)
                    return
                server._serve_file(self, path)

        class _Server(ThreadingHTTPServer):
            request_queue_size = 64  # the default backlog of 5 stalls concurrent fetches

        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def start(self) -> SiteServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve_file(self, req: BaseHTTPRequestHandler, path: str) -> None:
        if self.root is None:
            send(req, 404, b"not found", "text/plain")
            return
        rel = path.lstrip("/") or "index.html"
        if rel.endswith("/"):
            rel += "index.html"
        file = (self.root / rel).resolve()
        if not file.is_relative_to(self.root.resolve()) or not file.is_file():
            send(req, 404, b"<h1>Not found</h1>", "text/html; charset=utf-8")
            return
        body = file.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if req.headers.get("If-None-Match") == etag or (
            req.headers.get("If-None-Match") is None
            and req.headers.get("If-Modified-Since") == _LAST_MODIFIED
        ):
            req.send_response(304)
            req.send_header("ETag", etag)
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        send(
            req,
            200,
            body,
            content_type_for(file),
            {"ETag": etag, "Last-Modified": _LAST_MODIFIED},
        )


def send(
    req: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str,
    headers: dict[str, str] | None = None,
) -> None:
    """Write a complete response with a correct Content-Length."""
    req.send_response(status)
    req.send_header("Content-Type", content_type)
    req.send_header("Content-Length", str(len(body)))
    for key, value in (headers or {}).items():
        req.send_header(key, value)
    req.end_headers()
    if req.command != "HEAD":
        req.wfile.write(body)
