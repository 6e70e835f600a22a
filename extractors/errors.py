"""Exceptions raised by extractors; each names what went wrong in words a user can act on."""

from __future__ import annotations


class SourceError(Exception):
    """A source could not be read this time. Recorded against the source; other sources go on."""

    kind = "source_error"


class FetchTimeout(SourceError):
    kind = "timeout"


class HTTPStatusError(SourceError):
    kind = "http_status"

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class TooManyRedirects(SourceError):
    kind = "redirects"


class BodyTooLarge(SourceError):
    kind = "too_large"


class TransportError(SourceError):
    kind = "transport"


class FeedParseError(SourceError):
    """The body is not a usable RSS/Atom feed (malformed, hostile, or HTML instead of XML)."""

    kind = "parse"
