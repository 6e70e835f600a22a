"""Pipeline steps shared by the Airflow DAGs and the CLI (one code path, two front doors).

Each step opens the warehouse for as short a time as it can, is idempotent (natural keys,
upserts, an outbox), and returns a small JSON-friendly report that Airflow keeps as XCom and
the CLI prints. Network I/O happens outside the warehouse lock.
"""

from __future__ import annotations

import json
from pathlib import Path
import logging
from collections.abc import Callable
from dataclasses import replace, asdict, dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import httpx
import pyarrow as pa

from alerts import digest as digest_mod
from alerts.outbox import deliver_alerts, queue_alerts
from alerts.rules import rules_from_settings
from alerts.sinks import Sink, make_sink
from extractors.base import Source, SourceContext, SourceResult, SourceState
from extractors.errors import SourceError
from extractors.http import header_subset, make_client
from extractors.registry import NLP_KINDS, build_sources, make_limiter, select_sources, structured_candidates
from spacemine.records import Document
from market.indicators import update_indicators
from spacemine.settings import ConfigError, Settings
from warehouse.db import Warehouse, scalar
from warehouse.load import load_documents, load_events, queue_discovered_orgs, save_raw_fetch, seed_orgs

log = logging.getLogger(__name__)
Progress = Callable[[str], None]


def _now() -> datetime:
    return datetime.now(timezone.utc)


# Ingest -------------------------------------------------------------------------------------
@dataclass
class SourceOutcome:
    source_id: str
    status: str  # fetched | not_modified | failed
    http_status: int | None = None
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


def ingest(settings: Settings, only: list[str] | None = None, client: httpx.Client | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Collect every selected source (all, a family, or source ids), then load what came back.

    Network I/O happens outside the warehouse lock; the load is one transaction. A source that
    fails (timeout, 5xx, malformed or hostile payload, refused access) is recorded against that
    source and the others go on; the report and the digest name the failure. Every fetched body
    is kept in ``raw_fetches``, even when it could not be parsed.
    """
    sources = select_sources(build_sources(settings), only)
    warehouse = Warehouse.from_settings(settings)
    with warehouse.write(publish=False) as con:
        rows = con.execute(
            "SELECT source_id, etag, last_modified, cursor, consecutive_failures FROM source_state").fetchall()
        stored = {row[0]: SourceState(etag=row[1], last_modified=row[2], cursor=json.loads(row[3]) if row[3] else {})
                  for row in rows}
        failing = {row[0] for row in rows if row[4]}
    own_client = client is None
    client = client or make_client(settings.user_agent, settings.timeout_seconds, settings.max_redirects)
    limiter = make_limiter(settings)
    collected: list[tuple[Source, SourceResult | None, SourceOutcome]] = []
    try:
        for index, source in enumerate(sources, 1):
            if progress:
                progress(f"[{index}/{len(sources)}] {source.family}: {source.name}")
            ctx = SourceContext(client=client, state=stored.get(source.id, SourceState()), now=_now(),
                                user_agent=settings.user_agent, max_bytes=settings.max_bytes, limiter=limiter)
            collected.append(_collect_one(source, ctx))
    finally:
        if own_client:
            client.close()

    def worth_publishing() -> bool:
        """New or changed documents, a new source, or a source failing or recovering. A run that
        only confirms nothing is new bumps check times, which are not worth copying the warehouse for
        (``spacemine sources status`` shows them at the next publish)."""
        return any(o.new or o.updated or o.status == "failed" or (source.id in failing) or source.id not in stored
                   for source, _, o in collected)

    with warehouse.write(publish=worth_publishing) as con:
        now = _now()  # recorded time is taken under the lock, so digests never miss a row
        for source, result, outcome in collected:
            if result is not None:
                for raw in result.raw:
                    save_raw_fetch(con, source.id, raw.url, raw.status, header_subset(raw.headers), raw.body,
                                   raw.fetched_at, request=raw.request)
                load = load_documents(con, result.documents, now)
                outcome.items, outcome.new, outcome.updated = len(result.documents), len(load.new), len(load.updated)
            _record_state(con, source, result, outcome, now)
            if outcome.status == "failed":
                log.warning("source %s failed: %s", source.id, outcome.error)
            else:
                log.info("source %s: %s, %d items, %d new, %d updated", source.id, outcome.status,
                         outcome.items, outcome.new, outcome.updated)
    return IngestReport([outcome for _, _, outcome in collected])


def ingest_news(settings: Settings, client: httpx.Client | None = None, progress: Progress | None = None) -> IngestReport:
    """The news family only (RSS/Atom feeds and article pages)."""
    return ingest(settings, ["news"], client=client, progress=progress)


def _collect_one(source: Source, ctx: SourceContext) -> tuple[Source, SourceResult | None, SourceOutcome]:
    try:
        result = source.collect(ctx)
    except SourceError as exc:
        # Whatever was fetched before the failure is kept (a malformed feed's body, say).
        kept = SourceResult(raw=list(getattr(exc, "raw", []) or []), state=None)
        return source, kept, SourceOutcome(source.id, "failed", http_status=getattr(exc, "status", None),
                                           error=str(exc), error_kind=exc.kind)
    except Exception as exc:  # a bug in one extractor must not stop the others
        log.exception("source %s crashed", source.id)
        return source, None, SourceOutcome(source.id, "failed", error=f"internal error: {type(exc).__name__}: {exc}",
                                           error_kind="internal")
    last_status = 304 if result.not_modified else (result.raw[-1].status if result.raw else None)
    outcome = SourceOutcome(source.id, "not_modified" if result.not_modified else "fetched",
                            http_status=last_status, warnings=list(result.warnings))
    if result.error:
        outcome.status, outcome.error, outcome.error_kind = "failed", result.error, result.error_kind or "partial"
    return source, result, outcome


def _record_state(con, source: Source, result: SourceResult | None, outcome: SourceOutcome,  # noqa: ANN001
                  now: datetime) -> None:
    failed = outcome.status == "failed"
    new_state = result.state if result is not None and not failed else None
    con.execute(
        """
        INSERT INTO source_state (source_id, kind, url, family, name, etag, last_modified, cursor, last_attempt_at,
                                  last_success_at, last_status, consecutive_failures, last_error, last_error_at,
                                  items_last_fetch)
        VALUES ($id, $family, $url, $family, $name, $etag, $lm, $cursor, $now, $success_at, $status,
                $failures, $error, $error_at, $items)
        ON CONFLICT (source_id) DO UPDATE SET
            url = excluded.url, family = excluded.family, name = excluded.name,
            etag = CASE WHEN $keep_state THEN source_state.etag ELSE excluded.etag END,
            last_modified = CASE WHEN $keep_state THEN source_state.last_modified ELSE excluded.last_modified END,
            cursor = CASE WHEN $keep_state THEN source_state.cursor ELSE excluded.cursor END,
            last_attempt_at = excluded.last_attempt_at,
            last_success_at = coalesce(excluded.last_success_at, source_state.last_success_at),
            last_status = excluded.last_status,
            consecutive_failures = CASE WHEN $failed THEN source_state.consecutive_failures + 1 ELSE 0 END,
            last_error = CASE WHEN $failed THEN excluded.last_error ELSE source_state.last_error END,
            last_error_at = CASE WHEN $failed THEN excluded.last_error_at ELSE source_state.last_error_at END,
            items_last_fetch = CASE WHEN $keep_state THEN source_state.items_last_fetch
                                    ELSE excluded.items_last_fetch END
        """,
        {
            "id": source.id, "family": source.family, "url": source.url, "name": source.name,
            "etag": new_state.etag if new_state else None,
            "lm": new_state.last_modified if new_state else None,
            "cursor": json.dumps(new_state.cursor) if new_state else None,
            "now": now, "success_at": None if failed else now, "status": outcome.http_status,
            "failures": 1 if failed else 0, "error": outcome.error, "error_at": now if failed else None,
            "items": outcome.items, "failed": failed, "keep_state": new_state is None,
        },
    )


# Extract ------------------------------------------------------------------------------------
@dataclass
class ExtractReport:
    documents: int
    candidates: int
    new_events: list[str]
    updated_events: list[str]
    forecast_triggers: int = 0  # new or changed contract awards and large rounds: a re-forecast is due

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "candidates": self.candidates,
                "new_events": len(self.new_events), "updated_events": len(self.updated_events),
                "forecast_triggers": self.forecast_triggers}


def extract_events(settings: Settings, extractor=None, progress: Progress | None = None) -> ExtractReport:  # noqa: ANN001
    """Turn documents whose current version has not been processed into events.

    News and releases go through the spaCy pipeline; awards, filings and Form D offerings
    yield candidates straight from their structured payload. Both meet in one event table.
    """
    from nlp.events import EventExtractor
    from nlp.gazetteer import load_gazetteer
    from nlp.orgs import GazetteerResolver
    from nlp.pipeline import default_nlp
    from nlp.segments import segments_for

    warehouse = Warehouse.from_settings(settings)
    with warehouse.write(publish=False) as con:
        rows = con.execute(
            """
            SELECT doc_id, source_id, kind, external_id, url, title, published_at, fetched_at, text,
                   payload, content_hash
            FROM documents WHERE needs_extraction ORDER BY doc_id
            """
        ).fetchall()
    documents = [
        (Document(doc_id=r[0], source_id=r[1], kind=r[2], external_id=r[3], url=r[4], title=r[5] or "",
                  published_at=r[6], fetched_at=r[7], text=r[8] or "", payload=json.loads(r[9]) if r[9] else {}),
         r[10])
        for r in rows
    ]
    if not documents:  # nothing new: no write step (the market step catches indicators up anyway)
        return ExtractReport(0, 0, [], [], 0)
    gazetteer = load_gazetteer()
    if extractor is None:
        extractor = EventExtractor(default_nlp(settings.nlp_model), gazetteer)
    if progress:
        progress(f"extracting events from {len(documents)} document(s)")
    hashes = {d.doc_id: h for d, h in documents}
    textual = [d for d, _ in documents if d.kind in NLP_KINDS]
    found = extractor.extract(textual) if textual else {}
    resolver = GazetteerResolver(extractor.nlp, gazetteer)
    for document, _ in documents:
        if document.kind in NLP_KINDS:
            continue
        make = structured_candidates(document.kind)
        made = make(document, resolver) if make else []
        context = f"{document.title}\n{(document.text or '')[:600]}"
        found[document.doc_id] = [replace(c, segments=segments_for(c, context)) if not c.segments else c for c in made]
    pairs = [(c, hashes[doc_id]) for doc_id, cands in found.items() for c in cands]
    discovered = {a.org_id: a for c, _ in pairs for a in (*c.actors, *c.counterparties) if a.org_id.startswith("new:")}
    with warehouse.write() as con:
        now = _now()
        seed_orgs(con, gazetteer.raw_orgs)
        queue_discovered_orgs(con, list(discovered.values()))
        loaded = load_events(con, pairs, now)
        if documents:  # one set-based update (a statement per document is slow at 50,000)
            con.register("extracted_now", pa.table({"doc_id": [d.doc_id for d, _ in documents],
                                                    "content_hash": [h for _, h in documents]}))
            try:
                con.execute("UPDATE documents SET extracted_hash = x.content_hash, needs_extraction = false "
                            "FROM extracted_now x "
                            "WHERE documents.doc_id = x.doc_id AND documents.content_hash = x.content_hash")
            finally:
                con.unregister("extracted_now")
        update_indicators(con)
        triggers = scalar(
            con,
            """SELECT count(*) FROM event_versions WHERE recorded_at = ?
               AND (type = 'contract_award' OR (type = 'funding_round' AND amount_usd >= ?))""",
            [now, float(market_parameters(settings)["triggers"]["min_funding_round_usd"])],
        )
    return ExtractReport(len(documents), len(pairs), loaded.new_event_ids, loaded.updated_event_ids, triggers)


# Market -------------------------------------------------------------------------------------
def market_parameters(settings: Settings) -> dict[str, Any]:
    """The market model's parameters: market/data/model.yaml with the config's `market:` over it."""
    from market.forecasts import parameters

    try:
        return parameters((settings.raw or {}).get("market"))
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"market parameters: {exc}") from None


def market_step(settings: Settings, manual: bool = False, reason: str = "manual", rebuild: bool = False,
                now: datetime | None = None) -> dict[str, Any]:
    """Indicators and forecast versions caught up with the event history (what the re-forecast
    DAG runs); ``manual`` also forecasts as of now, ``rebuild`` replays the history from scratch."""
    from market.forecasts import forecast_now, rebuild as rebuild_forecasts, update_forecasts
    from market.indicators import load_reference_series, rebuild_indicators, update_indicators as indicators

    params = market_parameters(settings)
    with Warehouse.from_settings(settings).write() as con:
        stamp = now or _now()
        reference = load_reference_series(con, now=stamp)
        if rebuild:
            updated, forecasts = rebuild_indicators(con), rebuild_forecasts(con, params)
        else:
            updated, forecasts = indicators(con), update_forecasts(con, params)
        versions = list(forecasts.new_versions)
        if manual:
            version = forecast_now(con, params, stamp, reason)
            if version is not None:
                versions.append(version)
        latest = scalar(con, "SELECT max(version_id) FROM forecast_versions")
    return {"indicator_rows": updated.changed_rows, "reference_rows": reference, "new_versions": versions,
            "current_version": latest}


# Alerts -------------------------------------------------------------------------------------
def queue_alerts_step(settings: Settings) -> list[str]:
    """Evaluate the rules against the events; queue each new (rule, event) alert once."""
    rules = rules_from_settings(settings.rules)
    with Warehouse.from_settings(settings).write() as con:
        return queue_alerts(con, rules, horizon_days=alert_horizon_days(settings))


def alert_horizon_days(settings: Settings) -> int | None:
    """`alerts.horizon_days` from the config (default 14); null turns the backfill guard off."""
    raw = ((settings.raw or {}).get("alerts") or {}).get("horizon_days", 14)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise ConfigError(f"alerts.horizon_days must be a whole number of days (or null), got {raw!r}")
    return raw


def deliver_alerts_step(settings: Settings, sink: Sink | None = None) -> dict[str, Any]:
    """Post queued alerts (Slack, or terminal + files); each delivery committed on its own."""
    sink = sink or make_sink(settings)
    rules = rules_from_settings(settings.rules)
    with Warehouse.from_settings(settings).write(transactional=False) as con:
        report = deliver_alerts(con, sink, rules=rules)
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
    # The Markdown digest is always written under the data directory, whatever the sink.
    settings.digests_dir.mkdir(parents=True, exist_ok=True)
    (settings.digests_dir / f"{digest_date:%Y-%m-%d}.md").write_text(built.message.markdown + "\n", encoding="utf-8")
    sink = sink or make_sink(settings)
    chart = _digest_chart(settings, digest_date)
    with warehouse.write(transactional=False) as con:
        digest_mod.deliver_digest(con, digest_date, sink, _now(), chart)
        return digest_mod.build_digest(con, digest_date, now)


def _digest_chart(settings: Settings, digest_date: date) -> Path | None:
    """The market-size chart the digest carries (None before the first forecast)."""
    from market.charts import ChartError, render

    path = settings.home / "charts" / f"digest-{digest_date:%Y-%m-%d}.png"
    try:
        with Warehouse.from_settings(settings).read() as con:
            return render(con, "market-size", path)
    except ChartError:
        return None


# Everything ---------------------------------------------------------------------------------
def run_all(settings: Settings, client: httpx.Client | None = None, sink: Sink | None = None,
            progress: Progress | None = None, digest_date: date | None = None,
            only: list[str] | None = None) -> dict[str, Any]:
    """`spacemine run [--source NAME]`: the same steps as the DAGs, in order, without Airflow."""
    ingested = ingest(settings, only, client=client, progress=progress)
    extracted = extract_events(settings, progress=progress)
    if progress:
        progress("updating indicators and forecasts")
    market = market_step(settings)
    if progress:
        progress("queueing and delivering alerts")
    queued = queue_alerts_step(settings)
    delivered = deliver_alerts_step(settings, sink=sink)
    if progress:
        progress("building the daily digest")
    digest = digest_step(settings, digest_date, sink=sink)
    return {
        "ingest": ingested.as_dict(),
        "extract": extracted.as_dict(),
        "market": market,
        "alerts": {"queued": len(queued), **delivered},
        "digest": {"date": str(digest.digest_date), "events": digest.event_count, "status": digest.status},
    }
