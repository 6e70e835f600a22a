"""A loopback fake of the Slack Web API, answering like Slack does.

- Every method answers HTTP 200 with ``{"ok": false, "error": ...}`` for API-level errors
  (``invalid_auth``, ``not_authed``, ``channel_not_found``), as Slack does.
- ``chat.postMessage`` records the message and answers ``ok``, ``channel``, ``ts``, ``message``.
- A script of transport-level answers can be queued: ``fail_next(429, retry_after=1)`` or
  ``fail_next(500)`` make the next calls answer like a rate-limited or broken Slack.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

VALID_TOKEN = "xoxb-test-0000-secret-token"


@dataclass
class FakeSlack:
    token: str = VALID_TOKEN
    channels: tuple[str, ...] = ("C0SPACEMINE", "#space-signals")
    posts: list[dict[str, Any]] = field(default_factory=list)
    uploads: list[dict[str, Any]] = field(default_factory=list)
    uploaded_bytes: dict[str, bytes] = field(default_factory=dict)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    _failures: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    _file_names: dict[str, str] = field(default_factory=dict)
    down: bool = False  # while True every call answers 503, as during a Slack outage

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._ts = 1763900000
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_POST(self) -> None:  # noqa: N802
                fake._handle(self)

            def do_GET(self) -> None:  # noqa: N802 - slack-sdk reads history with GET
                fake._handle(self)

            def log_message(self, *args: Any) -> None:
                return

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/api/"

    def start(self) -> "FakeSlack":
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def fail_next(self, status: int, retry_after: int | None = None, times: int = 1) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        with self._lock:
            self._failures.extend([(status, headers)] * times)

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        path, _, query = handler.path.partition("?")
        method = path.rsplit("/", 1)[-1]
        if path.startswith("/upload/"):  # step 2 of files_upload_v2: the bytes themselves
            length = int(handler.headers.get("Content-Length") or 0)
            with self._lock:
                self.uploaded_bytes[method] = handler.rfile.read(length) if length else b""
            return self._reply(handler, 200, {"ok": True})
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        content_type = handler.headers.get("Content-Type", "")
        if "json" in content_type:
            payload = json.loads(raw or b"{}")
        else:
            payload = {k: v[0] for k, v in parse_qs(raw.decode() or query).items()}
        with self._lock:
            self.calls.append((method, payload))
            failure = self._failures.pop(0) if self._failures else None
            if failure is None and self.down:
                failure = (503, {})
        if failure:
            status, headers = failure
            body = {"ok": False, "error": "ratelimited"} if status == 429 else {"ok": False, "error": "fatal_error"}
            return self._reply(handler, status, body, headers)
        auth = handler.headers.get("Authorization", "")
        if not auth:
            return self._reply(handler, 200, {"ok": False, "error": "not_authed"})
        if auth != f"Bearer {self.token}":
            return self._reply(handler, 200, {"ok": False, "error": "invalid_auth"})
        if method == "auth.test":
            return self._reply(handler, 200, {"ok": True, "team": "spacemine", "user_id": "U0BOT"})
        if method == "chat.postMessage":
            channel = payload.get("channel")
            if channel not in self.channels:
                return self._reply(handler, 200, {"ok": False, "error": "channel_not_found"})
            if not payload.get("text") and not payload.get("blocks"):
                return self._reply(handler, 200, {"ok": False, "error": "no_text"})
            with self._lock:
                self._ts += 1
                ts = f"{self._ts}.000100"
                self.posts.append({**payload, "ts": ts})
            return self._reply(handler, 200, {"ok": True, "channel": "C0SPACEMINE", "ts": ts,
                                              "message": {"text": payload.get("text"), "ts": ts}})
        if method == "files.getUploadURLExternal":
            with self._lock:
                self._ts += 1
                file_id = f"F{self._ts}"
                self._file_names[file_id] = payload.get("filename") or ""
            base = self.api_url.rsplit("/api/", 1)[0]
            return self._reply(handler, 200, {"ok": True, "file_id": file_id, "upload_url": f"{base}/upload/{file_id}"})
        if method == "files.completeUploadExternal":
            files = payload.get("files")
            files = json.loads(files) if isinstance(files, str) else files
            with self._lock:
                self._ts += 1
                shared = [{"id": f["id"], "title": f.get("title"), "name": self._file_names.get(f["id"], "")}
                          for f in files]
                # Slack shares the files as a message of their own, in the thread when one is named.
                self.uploads.append({"files": files, "channel_id": payload.get("channel_id"),
                                     "thread_ts": payload.get("thread_ts"), "ts": f"{self._ts}.000100",
                                     "shared": shared})
            return self._reply(handler, 200, {"ok": True, "files": [{"id": f["id"], "title": f.get("title")}
                                                                    for f in files]})
        if method == "conversations.list":
            channels = [{"id": "C0SPACEMINE", "name": "space-signals", "is_channel": True}]
            return self._reply(handler, 200, {"ok": True, "channels": channels,
                                              "response_metadata": {"next_cursor": ""}})
        if method in ("conversations.history", "conversations.replies"):
            # Conversation methods take a channel ID, not a name (chat.postMessage takes either).
            if not str(payload.get("channel", "")).startswith("C"):
                return self._reply(handler, 200, {"ok": False, "error": "channel_not_found"})
            with self._lock:
                if method == "conversations.history":  # parents only: thread replies are not history
                    found = [p for p in self.posts if not p.get("thread_ts")]
                else:
                    parent = str(payload.get("ts"))
                    found = [p for p in self.posts if p["ts"] == parent or p.get("thread_ts") == parent]
                    found += [{"ts": u["ts"], "text": "", "files": u["shared"]} for u in self.uploads
                              if u.get("thread_ts") == parent]
                    found.sort(key=lambda p: float(p["ts"]))
                newest_first = list(reversed(found)) if method == "conversations.history" else found
            start = int(payload.get("cursor") or 0)
            limit = int(payload.get("limit") or 100)
            page = newest_first[start:start + limit]
            metadata = str(payload.get("include_all_metadata", "")).lower() in ("1", "true")
            messages = [{"ts": p["ts"], "text": p.get("text"),
                         **({"files": p["files"]} if p.get("files") else {}),
                         **({"metadata": p["metadata"]} if metadata and p.get("metadata") else {})} for p in page]
            more = start + limit < len(newest_first)
            return self._reply(handler, 200, {"ok": True, "messages": messages, "has_more": more,
                                              "response_metadata": {"next_cursor": str(start + limit) if more else ""}})
        return self._reply(handler, 200, {"ok": False, "error": "unknown_method"})

    @staticmethod
    def _reply(handler: BaseHTTPRequestHandler, status: int, body: dict[str, Any],
               headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)
