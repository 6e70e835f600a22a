"""Pipeline steps shared by the Airflow DAGs and the CLI (one code path, two front doors).

Each step opens the warehouse for as short a time as it can, is idempotent (natural keys,
upserts, an outbox), and returns a small JSON-friendly report that Airflow keeps as XCom and
the CLI prints. Network I/O happens outside the warehouse lock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import httpx

from alerts import digest as digest_mod
from alerts.outbox import deliver_alerts, queue_alerts
from alerts.rules import rules_from_settings
from alerts.sinks import Sink, make_sink
from extractors.errors import SourceError
from extractors.http import fetch, header_subset, make_client
from extractors.news import parse_feed
from spacemine.records import Document
from spacemine.settings import FeedSource, Settings
from warehouse.db import Warehouse
from warehouse.load import load_documents, load_events, save_raw_fetch, seed_orgs

log = logging.getLogger(__name__)
Progress = Callable[[str], None]
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"


def _now() -> datetime:
    return datetime.now(timezone.utc)


# Ingest -------------------------------------------------------------------------------------
@dataclass
class SourceOutcome:
    source_id: str
    status: str  # fetched | not_modified | failed
    items: int = 0
    new: int = 0
    updated: int = 0
    error: str | None = None
    error_kind: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    sources: list[SourceOutcome]

    @property
    def new_documents(self) -> int:
        return sum(s.new for s in self.sources)

    @property
    def updated_documents(self) -> int:
        return sum(s.updated for s in self.sources)

    @property
    def failures(self) -> list[SourceOutcome]:
        return [s for s in self.sources if s.status == "failed"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "new_documents": self.new_documents,
            "updated_documents": self.updated_documents,
            "failed_sources": [f"{s.source_id}: {s.error}" for s in self.failures],
            "sources": [asdict(s) for s in self.sources],
        }


@dataclass
class _Fetched:
    source: FeedSource
    outcome: SourceOutcome
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    url: str = ""
    fetched_at: datetime | None = None
    documents: list[Document] = field(default_factory=list)


def ingest_news(settings: Settings, client: httpx.Client | None = None, progress: Progress | None = None) -> IngestReport:
    """Fetch every enabled news feed (conditional GET), parse, and load documents.

    One feed failing (timeout, 5xx, malformed XML, too large) is recorded against that feed
    and the others go on; the report and the digest name the failure.
    """
    warehouse = Warehouse.from_settings(settings)
    sources = [s for s in settings.news_sources if s.enabled]
    with warehouse.write(publish=False) as con:
        state = {
            row[0]: (row[1], row[2])
            for row in con.execute("SELECT source_id, etag, last_modified FROM source_state").fetchall()
        }
    own_client = client is None
    client = client or make_client(settings.user_agent, settings.timeout_seconds, settings.max_redirects)
    fetched: list[_Fetched] = []
    try:
        for index, source in enumerate(sources, 1):
            if progress:
                progress(f"[{index}/{len(sources)}] fetching {source.name}")
            fetched.append(_fetch_one(client, source, state.get(source.id, (None, None)), settings.max_bytes))
    finally:
        if own_client:
            client.close()

    with warehouse.write() as con:
        now = _now()  # recorded time is taken under the lock, so digests never miss a row
        for item in fetched:
            outcome = item.outcome
            if item.status == 200:
                raw_id = save_raw_fetch(con, item.source.id, item.url, item.status, header_subset(item.headers),
                                        item.body, item.fetched_at or now)
                try:
                    parsed = parse_feed(item.source.id, item.source.kind, item.body, item.headers,
                                        item.fetched_at or now, raw_id)
                except SourceError as exc:
                    outcome.status, outcome.error, outcome.error_kind = "failed", str(exc), exc.kind
                else:
                    load = load_documents(con, parsed.documents, now)
                    outcome.items, outcome.new, outcome.updated = len(parsed.documents), len(load.new), len(load.updated)
                    outcome.warnings.extend(parsed.warnings)
            _record_state(con, item, now)
            if outcome.status == "failed":
                log.warning("source %s failed: %s", item.source.id, outcome.error)
            else:
                log.info("source %s: %s, %d items, %d new, %d updated", item.source.id, outcome.status,
                         outcome.items, outcome.new, outcome.updated)
    return IngestReport([item.outcome for item in fetched])


def _fetch_one(client: httpx.Client, source: FeedSource, validators: tuple[str | None, str | None],
               max_bytes: int) -> _Fetched:
    etag, last_modified = validators
    try:
        result = fetch(client, source.url, etag=etag, last_modified=last_modified, max_bytes=max_bytes,
                       accept=FEED_ACCEPT)
    except SourceError as exc:
        outcome = SourceOutcome(source.id, "failed", error=str(exc), error_kind=exc.kind)
        return _Fetched(source, outcome, status=getattr(exc, "status", None))
    status = "not_modified" if result.not_modified else "fetched"
    return _Fetched(source, SourceOutcome(source.id, status), result.status, result.headers, result.body,
                    result.url, result.fetched_at)


def _record_state(con, item: _Fetched, now: datetime) -> None:  # noqa: ANN001
    outcome = item.outcome
    failed = outcome.status == "failed"
    con.execute(
        """
        INSERT INTO source_state (source_id, kind, url, etag, last_modified, last_attempt_at, last_success_at,
                                  last_status, consecutive_failures, last_error, last_error_at, items_last_fetch)
        VALUES ($id, $kind, $url, $etag, $lm, $now, $success_at, $status, $failures, $error, $error_at, $items)
        ON CONFLICT (source_id) DO UPDATE SET
            kind = excluded.kind, url = excluded.url,
            etag = CASE WHEN $failed OR $not_modified THEN source_state.etag ELSE excluded.etag END,
            last_modified = CASE WHEN $failed OR $not_modified THEN source_state.last_modified
                                 ELSE excluded.last_modified END,
            last_attempt_at = excluded.last_attempt_at,
            last_success_at = coalesce(excluded.last_success_at, source_state.last_success_at),
            last_status = excluded.last_status,
            consecutive_failures = CASE WHEN $failed THEN source_state.consecutive_failures + 1 ELSE 0 END,
            last_error = CASE WHEN $failed THEN excluded.last_error ELSE source_state.last_error END,
            last_error_at = CASE WHEN $failed THEN excluded.last_error_at ELSE source_state.last_error_at END,
            items_last_fetch = CASE WHEN $failed OR $not_modified THEN source_state.items_last_fetch
                                    ELSE excluded.items_last_fetch END
        """,
        {
            "id": item.source.id, "kind": item.source.kind, "url": item.source.url,
            "etag": None if failed else item.headers.get("etag"),
            "lm": None if failed else item.headers.get("last-modified"),
            "now": now, "success_at": None if failed else now, "status": item.status,
            "failures": 1 if failed else 0, "error": outcome.error, "error_at": now if failed else None,
            "items": outcome.items, "failed": failed, "not_modified": outcome.status == "not_modified",
        },
    )


# Extract ------------------------------------------------------------------------------------
@dataclass
class ExtractReport:
    documents: int
    candidates: int
    new_events: list[str]
    updated_events: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "candidates": self.candidates,
                "new_events": len(self.new_events), "updated_events": len(self.updated_events)}


def extract_events(settings: Settings, extractor=None, progress: Progress | None = None) -> ExtractReport:  # noqa: ANN001
    """Run the NLP on documents whose current version it has not seen; load the events."""
    from nlp.events import EventExtractor
    from nlp.gazetteer import load_gazetteer
    from nlp.pipeline import default_nlp

    warehouse = Warehouse.from_settings(settings)
    with warehouse.write(publish=False) as con:
        rows = con.execute(
            """
            SELECT doc_id, source_id, kind, external_id, url, title, published_at, fetched_at, text, content_hash
            FROM documents WHERE extracted_hash IS DISTINCT FROM content_hash ORDER BY doc_id
            """
        ).fetchall()
    documents = [
        (Document(doc_id=r[0], source_id=r[1], kind=r[2], external_id=r[3], url=r[4], title=r[5] or "",
                  published_at=r[6], fetched_at=r[7], text=r[8] or ""), r[9])
        for r in rows
    ]
    gazetteer = load_gazetteer()
    if extractor is None:
        extractor = EventExtractor(default_nlp(), gazetteer)
    if progress:
        progress(f"extracting events from {len(documents)} document(s)")
    found = extractor.extract([d for d, _ in documents]) if documents else {}
    hashes = {d.doc_id: h for d, h in documents}
    pairs = [(c, hashes[doc_id]) for doc_id, cands in found.items() for c in cands]
    with warehouse.write() as con:
        now = _now()
        seed_orgs(con, gazetteer.raw_orgs)
        loaded = load_events(con, pairs, now)
        if documents:
            con.executemany(
                "UPDATE documents SET extracted_hash = ? WHERE doc_id = ? AND content_hash = ?",
                [[h, d.doc_id, h] for d, h in documents],
            )
    return ExtractReport(len(documents), len(pairs), loaded.new_event_ids, loaded.updated_event_ids)


# Alerts -------------------------------------------------------------------------------------
def queue_alerts_step(settings: Settings) -> list[str]:
    """Evaluate the rules against the events; queue each new (rule, event) alert once."""
    rules = rules_from_settings(settings.rules)
    with Warehouse.from_settings(settings).write() as con:
        return queue_alerts(con, rules)


def deliver_alerts_step(settings: Settings, sink: Sink | None = None) -> dict[str, Any]:
    """Post queued alerts (Slack, or terminal + files); each delivery committed on its own."""
    sink = sink or make_sink(settings)
    with Warehouse.from_settings(settings).write(transactional=False) as con:
        report = deliver_alerts(con, sink)
    return {"delivered": report.delivered, "failed": report.failed, "errors": report.errors, "sink": sink.name}


# Digest -------------------------------------------------------------------------------------
def digest_step(settings: Settings, digest_date: date | None = None, sink: Sink | None = None,
                preview: bool = False) -> digest_mod.Digest:
    """Build (or reuse) the digest for a date, store it and deliver it once; or just preview."""
    digest_date = digest_date or _now().date()
    warehouse = Warehouse.from_settings(settings)
    if preview:
        with warehouse.read() as con:
            return digest_mod.build_digest(con, digest_date, _now(), settings.digest_max_events_per_type)
    with warehouse.write() as con:
        now = _now()
        built = digest_mod.build_digest(con, digest_date, now, settings.digest_max_events_per_type)
        digest_mod.store_digest(con, built, now)
    sink = sink or make_sink(settings)
    with warehouse.write(transactional=False) as con:
        digest_mod.deliver_digest(con, digest_date, sink, _now())
        return digest_mod.build_digest(con, digest_date, now)


# Everything ---------------------------------------------------------------------------------
def run_all(settings: Settings, client: httpx.Client | None = None, sink: Sink | None = None,
            progress: Progress | None = None, digest_date: date | None = None) -> dict[str, Any]:
    """`spacemine run`: the same steps as the DAGs, in order, without Airflow."""
    ingest = ingest_news(settings, client=client, progress=progress)
    extracted = extract_events(settings, progress=progress)
    if progress:
        progress("queueing and delivering alerts")
    queued = queue_alerts_step(settings)
    delivered = deliver_alerts_step(settings, sink=sink)
    if progress:
        progress("building the daily digest")
    digest = digest_step(settings, digest_date, sink=sink)
    return {
        "ingest": ingest.as_dict(),
        "extract": extracted.as_dict(),
        "alerts": {"queued": len(queued), **delivered},
        "digest": {"date": str(digest.digest_date), "events": digest.event_count, "status": digest.status},
    }
