"""The contract every source family implements, and what they share.

A *source* is one configured thing to poll (a feed, a USAspending query, an EDGAR watchlist).
Its ``collect`` gets a :class:`SourceContext` (the injected HTTP client, the source's stored
state, the clock, the politeness limiter) and returns a :class:`SourceResult`: the documents it
found, every raw payload it fetched (kept in the warehouse, so re-parsing never re-fetches),
and the new incremental state (validators, cursors, seen ids). A failure raises
:class:`~extractors.errors.SourceError`; a failure after some pages were read returns the
documents read so far with ``error`` set and the cursor left where it was, so nothing read is
lost and nothing is skipped next time.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from spacemine.records import Document, EventCandidate

FAMILIES = ("news", "awards", "filings", "funding")


def raw_fetch_id(source_id: str, body: bytes) -> str:
    """Id of a raw payload: the source plus the body's hash (one row per distinct body)."""
    return f"{source_id}:{hashlib.sha256(body).hexdigest()[:24]}"


@dataclass(frozen=True)
class RawPayload:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    request: str | None = None  # e.g. the JSON body of a POST, to replay the exact query

    def fetch_id(self, source_id: str) -> str:
        return raw_fetch_id(source_id, self.body)


@dataclass
class SourceState:
    """What the warehouse remembers about a source between runs."""

    etag: str | None = None
    last_modified: str | None = None
    cursor: dict[str, Any] = field(default_factory=dict)  # free-form per family, JSON-serialisable


@dataclass
class SourceResult:
    documents: list[Document] = field(default_factory=list)
    raw: list[RawPayload] = field(default_factory=list)
    state: SourceState | None = None  # None: keep the stored state unchanged
    not_modified: bool = False
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # partial failure: documents so far are kept, state not advanced
    error_kind: str | None = None


class HostLimiter:
    """Per-host politeness: at most ``rate`` requests per second to any one host, process-wide.

    SEC EDGAR asks for at most 10 requests per second across a process; news hosts get a
    gentler default. Thread-safe, so concurrent fetchers share the budget.
    """

    def __init__(self, default_rate: float = 2.0, rates: dict[str, float] | None = None,
                 clock=time.monotonic, sleep=time.sleep) -> None:  # noqa: ANN001
        self.default_rate = default_rate
        self.rates = dict(rates or {})
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def budget_for(self, host: str) -> tuple[str, float]:
        """The budget a host draws on: a configured suffix shares one budget across its hosts
        (data.sec.gov, www.sec.gov and efts.sec.gov together stay under SEC's 10 per second)."""
        for suffix, rate in self.rates.items():
            if host == suffix or host.endswith("." + suffix):
                return suffix, rate
        return host, self.default_rate

    def rate_for(self, host: str) -> float:
        return self.budget_for(host)[1]

    def wait(self, url: str) -> float:
        """Block until a request to ``url``'s host is allowed; return the time waited."""
        key, rate = self.budget_for(urlsplit(url).hostname or "")
        interval = 1.0 / rate
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(key, now))
            self._next[key] = start + interval
        delay = start - now
        if delay > 0:
            self._sleep(delay)
        return delay


@dataclass
class SourceContext:
    client: httpx.Client
    state: SourceState
    now: datetime
    user_agent: str
    max_bytes: int = 10_000_000
    limiter: HostLimiter = field(default_factory=HostLimiter)


class Source(Protocol):
    id: str       # unique across all families, e.g. "spacenews", "usaspending:nasa-lunar"
    family: str   # news | awards | filings | funding
    name: str
    url: str      # what a user sees in `spacemine sources status`

    def collect(self, ctx: SourceContext) -> SourceResult: ...


class OrgResolver(Protocol):
    """Maps an organisation name as a source writes it ("INTUITIVE MACHINES, LLC") to an OrgRef."""

    def resolve(self, name: str): ...  # -> spacemine.records.OrgRef


class StructuredCandidates(Protocol):
    """Event candidates straight from a structured document's payload (no NLP)."""

    def __call__(self, document: Document, resolver: OrgResolver) -> list[EventCandidate]: ...
