"""A loopback HTTP server that replays recorded payloads like the real hosts serve them.

Used by the offline demo and by the tests. It answers with the recorded status, headers and
body, honours conditional GET (``If-None-Match`` / ``If-Modified-Since`` -> 304, as WordPress
and CDNs do), and can misbehave on purpose: delays (timeouts), error statuses, redirect
loops, oversized or malformed bodies. It binds 127.0.0.1 only.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

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
    body: bytes = b""


@dataclass
class MatchedRoute:
    """A route that applies only to one method and, optionally, some query or JSON body values."""

    method: str
    path: str
    route: Route
    query_match: dict[str, str] = field(default_factory=dict)
    json_match: dict[str, Any] = field(default_factory=dict)

    def matches(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> bool:
        if method != self.method or path != self.path:
            return False
        for key, value in self.query_match.items():
            if str(value) not in query.get(key, []):
                return False
        if self.json_match:
            try:
                payload = json.loads(body or b"{}")
            except ValueError:
                return False
            if not isinstance(payload, dict):
                return False
            return all(payload.get(k) == v for k, v in self.json_match.items())
        return True

    @property
    def specificity(self) -> int:
        return len(self.query_match) + len(self.json_match)


class ReplayServer:
    """Serve :class:`Route` objects by path (query string included when the route has one)."""

    def __init__(self, routes: dict[str, Route] | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.matched: list[MatchedRoute] = []
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Keep-alive clients (httpx) otherwise wait ~40 ms per request on Nagle + delayed ACK.
            disable_nagle_algorithm = True

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server._handle(self, "GET")

            def do_POST(self) -> None:  # noqa: N802
                server._handle(self, "POST")

            def log_message(self, format: str, *args: Any) -> None:  # silence per-request logs
                return

        self._httpd = _QuietServer((host, port), Handler)
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
        """Serve ``route`` for GET requests to ``path`` (with or without a query string)."""
        with self._lock:
            self.routes[path] = route

    def add(self, matched: MatchedRoute) -> None:
        """Serve a route for one method, path and set of query/JSON values.

        The most specific route wins; between equally specific ones the one added last wins,
        so a test can override a recorded route (make one page fail, say).
        """
        with self._lock:
            self.matched.insert(0, matched)
            self.matched.sort(key=lambda m: -m.specificity)  # stable: newer first within a level

    # Serving --------------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        parts = urlsplit(handler.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        with self._lock:
            self.requests.append(RecordedRequest(method, handler.path, dict(handler.headers.items()), body))
            route = next((m.route for m in self.matched if m.matches(method, parts.path, query, body)), None)
            if route is None and method == "GET":
                route = self.routes.get(handler.path) or self.routes.get(parts.path)
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

    def load_routes(self, routes_file: Path) -> dict[str, Any]:
        """Add the routes of a fixtures ``routes.yaml``; return its ``config`` with ``{base}`` filled in."""
        spec = yaml.safe_load(routes_file.read_text(encoding="utf-8")) or {}
        for entry in spec.get("routes") or []:
            self.add(
                MatchedRoute(
                    method=entry.get("method", "GET").upper(),
                    path=entry["path"],
                    query_match={k: str(v) for k, v in (entry.get("query_match") or {}).items()},
                    json_match=dict(entry.get("json_match") or {}),
                    route=Route(
                        body=(routes_file.parent / entry["file"]).read_bytes() if entry.get("file") else b"",
                        status=int(entry.get("status", 200)),
                        content_type=entry.get("content_type", "application/octet-stream"),
                        etag=entry.get("etag"),
                        last_modified=entry.get("last_modified"),
                        headers={k: str(v) for k, v in (entry.get("headers") or {}).items()},
                    ),
                )
            )
        return _fill_base(spec.get("config") or {}, self.base_url)


def _fill_base(value: Any, base: str) -> Any:
    if isinstance(value, str):
        return value.replace("{base}", base)
    if isinstance(value, list):
        return [_fill_base(v, base) for v in value]
    if isinstance(value, dict):
        return {k: _fill_base(v, base) for k, v in value.items()}
    return value


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up early (a timeout test, a 4xx it does not read) is not an error."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


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
