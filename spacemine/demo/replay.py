"""A loopback HTTP server that replays recorded payloads like the real hosts serve them.

Used by the offline demo and by the tests. It answers with the recorded status, headers and
body, honours conditional GET (``If-None-Match`` / ``If-Modified-Since`` -> 304, as WordPress
and CDNs do), and can misbehave on purpose: delays (timeouts), error statuses, redirect
loops, oversized or malformed bodies. It binds 127.0.0.1 only.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=UTF-8"
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    redirect_to: str | None = None


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]


class ReplayServer:
    """Serve :class:`Route` objects by path (query string included when the route has one)."""

    def __init__(self, routes: dict[str, Route] | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # silence per-request logs
                return

        self._httpd = ThreadingHTTPServer((host, port), Handler)
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    # Lifecycle ------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> "ReplayServer":
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="replay-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "ReplayServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set(self, path: str, route: Route) -> None:
        with self._lock:
            self.routes[path] = route

    # Serving --------------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(RecordedRequest("GET", handler.path, dict(handler.headers.items())))
            route = self.routes.get(handler.path) or self.routes.get(handler.path.split("?", 1)[0])
        if route is None:
            self._send(handler, 404, b"not found", {"Content-Type": "text/plain"})
            return
        if route.delay:
            time.sleep(route.delay)
        if route.redirect_to is not None:
            self._send(handler, 302, b"", {"Location": route.redirect_to})
            return
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if route.status == 200 and _not_modified(handler, route):
            headers.pop("Content-Type", None)
            self._send(handler, 304, b"", headers)
            return
        self._send(handler, route.status, route.body, headers)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
        try:
            handler.send_response(status)
            for key, value in headers.items():
                handler.send_header(key, value)
            if "Content-Length" not in headers:
                handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if body and status != 304:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
            pass

    # Recorded demo feeds -------------------------------------------------------------------
    @classmethod
    def from_manifest(cls, directory: Path | None = None) -> tuple["ReplayServer", list[dict[str, Any]]]:
        """A server loaded with the demo's recorded feeds, and the manifest entries."""
        folder = Path(directory) if directory else Path(str(resources.files("spacemine").joinpath("demo", "feeds")))
        manifest = yaml.safe_load((folder / "manifest.yaml").read_text(encoding="utf-8"))
        server = cls()
        for feed in manifest["feeds"]:
            server.set(
                feed["path"],
                Route(
                    body=(folder / feed["file"]).read_bytes(),
                    content_type=feed["content_type"],
                    etag=feed.get("etag"),
                    last_modified=feed.get("last_modified"),
                ),
            )
        return server, manifest["feeds"]


def _not_modified(handler: BaseHTTPRequestHandler, route: Route) -> bool:
    if_none_match = handler.headers.get("If-None-Match")
    if if_none_match and route.etag:
        return route.etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    since = handler.headers.get("If-Modified-Since")
    if since and route.last_modified:
        try:
            return parsedate_to_datetime(route.last_modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False
