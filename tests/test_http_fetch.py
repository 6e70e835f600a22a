"""HTTP fetching: declared headers, conditional GET, and every failure mapped to a SourceError."""

from __future__ import annotations

import gzip
import socket
import time
from datetime import timezone

import httpx
import pytest

from extractors.errors import (
    BodyTooLarge,
    FetchTimeout,
    HTTPStatusError,
    SourceError,
    TooManyRedirects,
    TransportError,
)
from extractors.http import fetch, header_subset, make_client
from spacemine.demo.replay import ReplayServer, Route
from tests.conftest import feed_route, rss

USER_AGENT = "spacemine-tests/1.0 (tests@example.com)"
FEED = rss([{"guid": "g-1", "title": "An item", "link": "https://example.com/1"}])


@pytest.fixture(scope="module")
def _replay_server():
    with ReplayServer() as server:
        yield server


@pytest.fixture
def feed_server(_replay_server):
    """conftest's loopback ReplayServer, started once for the module and reset for each test.

    Stopping a ReplayServer waits for its 0.5 s serve_forever poll, so one per test would make
    this file several times slower.
    """
    _replay_server.routes.clear()
    _replay_server.requests.clear()
    return _replay_server


@pytest.fixture
def client():
    with make_client(USER_AGENT, timeout_seconds=2) as c:
        yield c


def _headers(recorded) -> dict[str, str]:
    return {k.lower(): v for k, v in recorded.headers.items()}


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Request headers -----------------------------------------------------------------------------


def test_user_agent_and_accept_encoding_are_sent(feed_server, client):
    feed_server.set("/feed", Route(body=FEED))

    result = fetch(client, feed_server.url("/feed"), accept="application/rss+xml")

    assert result.status == 200
    assert result.body == FEED
    (request,) = feed_server.requests
    sent = _headers(request)
    assert sent["user-agent"] == USER_AGENT
    assert "gzip" in sent["accept-encoding"]
    assert sent["accept"] == "application/rss+xml"
    assert "if-none-match" not in sent and "if-modified-since" not in sent


def test_fetch_result_carries_lowercased_headers_and_an_aware_timestamp(feed_server, client):
    feed_server.set("/feed", Route(body=FEED, content_type="application/atom+xml; charset=ISO-8859-1",
                                   headers={"Cache-Control": "max-age=300", "Set-Cookie": "session=abc"}))

    result = fetch(client, feed_server.url("/feed"))

    assert result.headers["content-type"] == "application/atom+xml; charset=ISO-8859-1"
    assert result.headers["cache-control"] == "max-age=300"
    assert result.fetched_at.tzinfo is not None and result.fetched_at.utcoffset() == timezone.utc.utcoffset(None)
    kept = header_subset(result.headers)
    assert kept["content-type"] == result.headers["content-type"]
    assert "set-cookie" not in kept


def test_gzip_encoded_body_is_decoded(feed_server, client):
    feed_server.set("/feed", Route(body=gzip.compress(FEED), headers={"Content-Encoding": "gzip"}))

    assert fetch(client, feed_server.url("/feed")).body == FEED


def test_corrupt_gzip_body_is_a_transport_error(feed_server, client):
    feed_server.set("/feed", Route(body=b"definitely not gzip data", headers={"Content-Encoding": "gzip"}))

    with pytest.raises(TransportError):
        fetch(client, feed_server.url("/feed"))


# Conditional GET -----------------------------------------------------------------------------

ETAG = '"abc123-feed"'
LAST_MODIFIED = "Fri, 20 Nov 2026 20:10:00 GMT"


def test_etag_and_last_modified_are_returned(feed_server, client):
    feed_server.set("/feed", Route(body=FEED, etag=ETAG, last_modified=LAST_MODIFIED))

    result = fetch(client, feed_server.url("/feed"))

    assert not result.not_modified
    assert result.etag == ETAG
    assert result.last_modified == LAST_MODIFIED


@pytest.mark.parametrize(
    "use, sent_header",
    [("etag", "if-none-match"), ("last_modified", "if-modified-since"), ("both", "if-none-match")],
)
def test_second_fetch_with_validators_gets_304(feed_server, client, use, sent_header):
    feed_server.set("/feed", Route(body=FEED, etag=ETAG, last_modified=LAST_MODIFIED))
    first = fetch(client, feed_server.url("/feed"))
    validators = {
        "etag": first.etag if use in ("etag", "both") else None,
        "last_modified": first.last_modified if use in ("last_modified", "both") else None,
    }

    second = fetch(client, feed_server.url("/feed"), **validators)

    assert second.not_modified
    assert second.status == 304
    assert second.body == b""
    assert sent_header in _headers(feed_server.requests[-1])


def test_changed_feed_is_fetched_again_despite_old_validators(feed_server, client):
    feed_server.set("/feed", Route(body=FEED, etag=ETAG))
    first = fetch(client, feed_server.url("/feed"))
    updated = rss([{"guid": "g-2", "title": "New item", "link": "https://example.com/2"}])
    feed_server.set("/feed", Route(body=updated, etag='"def456-feed"'))

    second = fetch(client, feed_server.url("/feed"), etag=first.etag)

    assert not second.not_modified
    assert second.body == updated
    assert second.etag == '"def456-feed"'


def test_shipped_demo_feed_route_answers_304_to_its_etag(feed_server, client):
    feed_server.set("/nasa", feed_route("nasa_news_releases.xml", etag='"v1"'))

    first = fetch(client, feed_server.url("/nasa"))
    second = fetch(client, feed_server.url("/nasa"), etag=first.etag)

    assert first.body.startswith(b"<?xml") and not first.not_modified
    assert second.not_modified and second.body == b""


# Failures ------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [403, 404, 429, 500, 503])
def test_error_status_raises_http_status_error(feed_server, client, status):
    feed_server.set("/feed", Route(body=b"<html>error</html>", status=status, content_type="text/html"))
    url = feed_server.url("/feed")

    with pytest.raises(HTTPStatusError) as raised:
        fetch(client, url)

    assert raised.value.status == status
    assert str(status) in str(raised.value) and url in str(raised.value)
    assert raised.value.kind == "http_status"


def test_unknown_path_is_a_404_status_error(feed_server, client):
    with pytest.raises(HTTPStatusError) as raised:
        fetch(client, feed_server.url("/no-such-feed"))

    assert raised.value.status == 404


def test_slow_server_raises_fetch_timeout(feed_server):
    delay = 1.5
    feed_server.set("/slow", Route(body=FEED, delay=delay))

    with make_client(USER_AGENT, timeout_seconds=0.3) as client:
        started = time.monotonic()
        with pytest.raises(FetchTimeout) as raised:
            fetch(client, feed_server.url("/slow"))
        elapsed = time.monotonic() - started

    assert elapsed < delay  # gave up on its own timeout, did not wait for the server
    assert raised.value.kind == "timeout"


def test_redirect_loop_raises_too_many_redirects(feed_server):
    max_redirects = 3
    feed_server.set("/loop", Route(redirect_to=feed_server.url("/loop")))

    with make_client(USER_AGENT, timeout_seconds=2, max_redirects=max_redirects) as client:
        with pytest.raises(TooManyRedirects):
            fetch(client, feed_server.url("/loop"))

    assert len(feed_server.requests) <= max_redirects + 1


def test_redirect_within_the_limit_is_followed(feed_server, client):
    feed_server.set("/old-feed", Route(redirect_to="/new-feed"))
    feed_server.set("/new-feed", Route(body=FEED))

    result = fetch(client, feed_server.url("/old-feed"))

    assert result.status == 200
    assert result.body == FEED
    assert result.url == feed_server.url("/new-feed")


def test_declared_body_over_max_bytes_raises_body_too_large(feed_server, client):
    cap = 10_000
    feed_server.set("/big", Route(body=b"x" * (cap * 5)))

    with pytest.raises(BodyTooLarge, match="declares"):
        fetch(client, feed_server.url("/big"), max_bytes=cap)


def test_streamed_body_over_max_bytes_raises_body_too_large(feed_server, client):
    # A small compressed body that inflates past the cap: the declared length is under the cap,
    # so only counting the streamed (decoded) bytes can catch it.
    cap = 100_000
    compressed = gzip.compress(b"\0" * (cap * 20))
    assert len(compressed) < cap
    feed_server.set("/bomb", Route(body=compressed, headers={"Content-Encoding": "gzip"}))

    with pytest.raises(BodyTooLarge, match="more than"):
        fetch(client, feed_server.url("/bomb"), max_bytes=cap)


def test_body_of_exactly_max_bytes_is_accepted(feed_server, client):
    body = b"y" * 4096
    feed_server.set("/exact", Route(body=body))

    assert fetch(client, feed_server.url("/exact"), max_bytes=len(body)).body == body


def test_connection_refused_raises_transport_error(client):
    url = f"http://127.0.0.1:{_closed_port()}/feed"

    with pytest.raises(TransportError) as raised:
        fetch(client, url)

    assert url in str(raised.value)
    assert raised.value.kind == "transport"


def test_every_failure_is_a_source_error():
    for error in (FetchTimeout, HTTPStatusError, TooManyRedirects, BodyTooLarge, TransportError):
        assert issubclass(error, SourceError)


# An injected transport -----------------------------------------------------------------------


def test_client_accepts_an_injected_mock_transport():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.headers.get("if-none-match") == '"v7"':
            return httpx.Response(304, headers={"ETag": '"v7"'})
        return httpx.Response(200, content=FEED, headers={"Content-Type": "application/rss+xml", "ETag": '"v7"'})

    with make_client(USER_AGENT, transport=httpx.MockTransport(handler)) as client:
        first = fetch(client, "https://feeds.example.org/space.xml")
        second = fetch(client, "https://feeds.example.org/space.xml", etag=first.etag)

    assert first.status == 200 and first.body == FEED and first.etag == '"v7"'
    assert second.not_modified and second.body == b""
    assert [str(r.url) for r in seen] == ["https://feeds.example.org/space.xml"] * 2
    assert all(r.headers["user-agent"] == USER_AGENT for r in seen)
    assert seen[1].headers["if-none-match"] == '"v7"'


class _CountingStream(httpx.SyncByteStream):
    """A response body of ``chunks`` chunks with no Content-Length; counts what was read."""

    def __init__(self, chunk: bytes, chunks: int) -> None:
        self.chunk, self.chunks, self.read = chunk, chunks, 0

    def __iter__(self):
        for _ in range(self.chunks):
            self.read += 1
            yield self.chunk


def test_undeclared_streamed_body_is_cut_off_at_max_bytes():
    stream = _CountingStream(b"z" * 1024, chunks=1000)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=stream)

    with make_client(USER_AGENT, transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(BodyTooLarge):
            fetch(client, "https://feeds.example.org/endless.xml", max_bytes=10 * 1024)

    assert stream.read < stream.chunks  # stopped reading, did not buffer the whole body


def test_mock_transport_connect_error_is_a_transport_error():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("name resolution failed", request=request)

    with make_client(USER_AGENT, transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(TransportError, match="ConnectError"):
            fetch(client, "https://feeds.example.org/space.xml")
