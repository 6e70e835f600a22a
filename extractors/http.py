"""HTTP fetching shared by all extractors.

One ``httpx.Client`` per run, injected, so tests pass a client bound to a loopback server or
a ``MockTransport``. Every request carries the declared User-Agent, a timeout, a redirect cap
and a body-size cap; conditional GET uses the validators stored per source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Mapping

import httpx

from extractors.errors import (
    BodyTooLarge,
    FetchTimeout,
    HTTPStatusError,
    TooManyRedirects,
    TransportError,
)


def make_client(
    user_agent: str,
    timeout_seconds: float = 20.0,
    max_redirects: int = 5,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """The client every extractor uses: declared UA, timeouts on, bounded redirects."""
    return httpx.Client(
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(timeout_seconds),
        follow_redirects=True,
        max_redirects=max_redirects,
        transport=transport,
    )


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@dataclass(frozen=True)
class CappedResponse:
    """A whole response read under the size cap: any status, headers lower-cased."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime


def request_capped(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    json_body: object = None,
    max_bytes: int = 10_000_000,
) -> CappedResponse:
    """One request, its body streamed and refused past ``max_bytes``; transport errors mapped.

    Every extractor's HTTP goes through here, so timeouts, redirect loops, oversized bodies and
    broken connections become the same :class:`SourceError` subclasses everywhere. The status
    is not judged here: callers decide what a 304, a 404 or a 429 means for their source.
    """
    try:
        with client.stream(method, url, headers=dict(headers or {}), json=json_body) as response:
            declared = response.headers.get("content-length")
            if declared and declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
                raise BodyTooLarge(f"{url} declares {declared} bytes, over the cap of {max_bytes}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise BodyTooLarge(f"{url} sent more than the cap of {max_bytes} bytes")
                chunks.append(chunk)
            return CappedResponse(
                url=str(response.url) or url,
                status=response.status_code,
                headers={k.lower(): v for k, v in response.headers.items()},
                body=b"".join(chunks),
                fetched_at=datetime.now(timezone.utc),
            )
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"timed out fetching {url} ({type(exc).__name__})") from exc
    except httpx.TooManyRedirects as exc:
        raise TooManyRedirects(f"too many redirects fetching {url}") from exc
    except httpx.DecodingError as exc:
        raise TransportError(f"could not decode the body of {url}: {exc}") from exc
    except httpx.TransportError as exc:
        raise TransportError(f"could not fetch {url}: {type(exc).__name__}: {exc}") from exc


def fetch(
    client: httpx.Client,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = 10_000_000,
    accept: str = "*/*",
) -> FetchResult:
    """GET ``url`` with conditional headers; raise a :class:`SourceError` on any failure.

    A 304 is a success with an empty body. The body is streamed and refused once it passes
    ``max_bytes`` (declared or actual), so a hostile server cannot exhaust memory.
    """
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    response = request_capped(client, "GET", url, headers=headers, max_bytes=max_bytes)
    if response.status >= 400:
        reason = httpx.codes.get_reason_phrase(response.status)
        raise HTTPStatusError(f"HTTP {response.status} {reason} from {url}".replace("  ", " "), response.status)
    body = b"" if response.status == 304 else response.body
    return FetchResult(url=response.url, status=response.status, headers=response.headers, body=body,
                       fetched_at=response.fetched_at)


def header_subset(headers: Mapping[str, str]) -> dict[str, str]:
    """The response headers worth keeping with a raw payload (no cookies)."""
    keep = ("content-type", "etag", "last-modified", "date", "content-length", "cache-control")
    return {k: v for k, v in headers.items() if k in keep}
