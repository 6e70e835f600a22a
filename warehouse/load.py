"""Bulk loads into the warehouse: Arrow staging tables, then one set-based upsert each.

Row-by-row inserts are what makes pipelines slow as history grows; every loader here builds
one Arrow table, registers it, and merges it with a single statement keyed on the natural key.
Upserts only touch rows whose content changed, so loading the same input twice is a no-op.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pyarrow as pa

from extractors.base import raw_fetch_id
from spacemine.records import Document, EventCandidate, OrgRef
from warehouse import resolve
from warehouse.db import scalar

_TS = pa.timestamp("us", tz="UTC")


@dataclass(frozen=True)
class DocumentLoad:
    new: list[str]
    updated: list[str]
    unchanged: int


def _register(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    con.register(name, table)


def bulk_insert(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: Sequence[Sequence],
                on_conflict: str = "") -> None:
    """Insert many rows through one Arrow table: DuckDB's ``executemany`` runs one statement per
    row (about a thousand rows a second, see ``benchmarks/bench_load.py``)."""
    if not rows:
        return
    staged = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
    name = f"staged_{table}"
    con.register(name, staged)
    try:
        listed = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({listed}) SELECT {listed} FROM {name} {on_conflict}")
    finally:
        con.unregister(name)


def load_documents(con: duckdb.DuckDBPyConnection, documents: Sequence[Document], now: datetime) -> DocumentLoad:
    """Insert new documents, update changed ones (same key, new content), keep every version."""
    if not documents:
        return DocumentLoad([], [], 0)
    unique = {d.doc_id: d for d in documents}  # one row per key inside a batch
    table = pa.table(
        {
            "doc_id": [d.doc_id for d in unique.values()],
            "source_id": [d.source_id for d in unique.values()],
            "kind": [d.kind for d in unique.values()],
            "external_id": [d.external_id for d in unique.values()],
            "url": [d.url for d in unique.values()],
            "title": [d.title for d in unique.values()],
            "published_at": pa.array([d.published_at for d in unique.values()], type=_TS),
            "fetched_at": pa.array([d.fetched_at for d in unique.values()], type=_TS),
            "text": [d.text for d in unique.values()],
            "payload": [json.dumps(d.payload, ensure_ascii=False, default=str) for d in unique.values()],
            "raw_fetch_id": [d.raw_fetch_id for d in unique.values()],
            "content_hash": [d.content_hash for d in unique.values()],
        }
    )
    _register(con, "staged_documents", table)
    try:
        changes = con.execute(
            """
            SELECT s.doc_id, d.doc_id IS NULL AS is_new
            FROM staged_documents s LEFT JOIN documents d USING (doc_id)
            WHERE d.doc_id IS NULL OR d.content_hash <> s.content_hash
            """
        ).fetchall()
        con.execute(
            """
            INSERT INTO document_versions
            SELECT doc_id, content_hash, ?, title, text, payload::JSON FROM staged_documents
            ON CONFLICT DO NOTHING
            """,
            [now],
        )
        con.execute(
            """
            INSERT INTO documents (doc_id, source_id, kind, external_id, url, title, published_at,
                                   fetched_at, first_seen_at, updated_at, text, payload,
                                   raw_fetch_id, content_hash, version)
            SELECT doc_id, source_id, kind, external_id, url, title, published_at, fetched_at,
                   $now, $now, text, payload::JSON, raw_fetch_id, content_hash, 1
            FROM staged_documents
            ON CONFLICT (doc_id) DO UPDATE SET
                url = excluded.url, title = excluded.title, published_at = excluded.published_at,
                fetched_at = excluded.fetched_at, updated_at = excluded.updated_at,
                text = excluded.text, payload = excluded.payload,
                raw_fetch_id = excluded.raw_fetch_id, content_hash = excluded.content_hash,
                version = documents.version + 1, needs_extraction = true
            WHERE documents.content_hash <> excluded.content_hash
            """,
            {"now": now},
        )
    finally:
        con.unregister("staged_documents")
    new = [doc_id for doc_id, is_new in changes if is_new]
    updated = [doc_id for doc_id, is_new in changes if not is_new]
    return DocumentLoad(new, updated, len(unique) - len(changes))


def save_raw_fetch(
    con: duckdb.DuckDBPyConnection,
    source_id: str,
    url: str,
    status: int,
    headers: dict[str, str],
    body: bytes,
    fetched_at: datetime,
    request: str | None = None,
) -> str:
    """Keep a fetched body once per distinct content, so re-parsing never needs re-fetching."""
    fetch_id = raw_fetch_id(source_id, body)
    con.execute(
        "INSERT INTO raw_fetches (fetch_id, source_id, url, fetched_at, status, headers, body, body_sha256, request)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [fetch_id, source_id, url, fetched_at, status, json.dumps(headers), body,
         hashlib.sha256(body).hexdigest(), request],
    )
    return fetch_id


@dataclass(frozen=True)
class EventLoad:
    new_event_ids: list[str]
    updated_event_ids: list[str]
    evidence_rows: int


def load_events(
    con: duckdb.DuckDBPyConnection,
    candidates: Iterable[tuple[EventCandidate, str]],
    now: datetime,
) -> EventLoad:
    """Resolve candidates (with their document's content hash) into events plus evidence.

    Candidates with the same resolution key are one event; :mod:`warehouse.resolve` then joins
    reports of one real-world event across sources (amount and date tolerances) and applies
    corrections (``amends``). Counterparties and segments accumulate; a known amount is kept
    unless a correction replaces it. Evidence rows are append-only and keyed by the document
    version, so re-loading the same candidates adds nothing.
    """
    grouped: dict[str, list[tuple[EventCandidate, str]]] = {}
    for candidate, doc_hash in candidates:
        grouped.setdefault(candidate.resolution_key(), []).append((candidate, doc_hash))
    if not grouped:
        return EventLoad([], [], 0)

    summaries = [resolve.Summary.of(key, [c for c, _ in members]) for key, members in grouped.items()]
    target = resolve.plan(con, summaries)
    corrections = resolve.amended_targets(con, {c.amends for m in grouped.values() for c, _ in m if c.amends})
    amended: set[str] = set()
    for key, members in grouped.items():
        for candidate, _ in members:
            if candidate.amends and candidate.amends in corrections:
                target[key] = corrections[candidate.amends]
                amended.add(target[key])
    merged: dict[str, list[tuple[EventCandidate, str]]] = {}
    for key, members in grouped.items():
        merged.setdefault(target[key], []).extend(members)

    event_rows: dict[str, list] = {k: [] for k in _EVENT_COLUMNS}
    evidence_rows: dict[str, list] = {k: [] for k in _EVIDENCE_COLUMNS}
    for event_id, members in merged.items():
        pool = [c for c, _ in members]
        if event_id in amended:
            pool = [c for c in pool if c.amends] or pool  # the correction's amount wins
        best = max(pool, key=lambda c: (c.amount is not None, c.confidence))
        actors = _merge_orgs(c.actors for c, _ in members)
        counterparties = _merge_orgs(c.counterparties for c, _ in members)
        values = {
            "event_id": event_id,
            "type": best.type,
            "actor_ids": [o.org_id for o in actors],
            "actor_names": [o.name for o in actors],
            "counterparty_ids": [o.org_id for o in counterparties],
            "counterparty_names": [o.name for o in counterparties],
            "amount_value": best.amount.value if best.amount else None,
            "amount_currency": best.amount.currency if best.amount else None,
            "amount_usd": best.amount.usd if best.amount else None,
            "amount_kind": best.amount.kind if best.amount else None,
            "amount_text": best.amount.text if best.amount else None,
            "program": next((c.program for c in pool if c.program), best.program),
            "stage": best.stage,
            "outcome": best.outcome,
            "event_date": min((c.event_date for c, _ in members if c.event_date), default=None),
            "date_granularity": best.date_granularity,
            "confidence": max(c.confidence for c, _ in members),
            "segments": sorted({s for c, _ in members for s in c.segments}),
            "identity": next((c.identity for c, _ in members if c.identity and not c.amends), None),
            "amended": event_id in amended,
            "now": now,
        }
        for key in _EVENT_COLUMNS:
            event_rows[key].append(values[key])
        for candidate, doc_hash in members:
            ev = candidate.evidence
            for key, value in (
                ("event_id", event_id), ("doc_id", ev.doc_id), ("field", ev.field),
                ("sentence_start", ev.sentence_start), ("sentence_end", ev.sentence_end),
                ("sentence", ev.sentence), ("pattern_id", ev.pattern_id),
                ("content_hash", doc_hash), ("now", now),
            ):
                evidence_rows[key].append(value)

    events_table = pa.table(event_rows, schema=_EVENT_SCHEMA)
    evidence_table = pa.table(evidence_rows, schema=_EVIDENCE_SCHEMA)
    con.register("staged_events", events_table)
    con.register("staged_evidence", evidence_table)
    try:
        known = {
            row[0]
            for row in con.execute(
                "SELECT event_id FROM events WHERE event_id IN (SELECT event_id FROM staged_events)"
            ).fetchall()
        }
        changed = con.execute(
            "SELECT s.event_id FROM staged_events s JOIN events e USING (event_id) WHERE "
            + _CHANGED.replace("s.AMENDED", "s.amended")
        ).fetchall()
        con.execute(
            f"""
            INSERT INTO events (event_id, type, actor_ids, actor_names, counterparty_ids, counterparty_names,
                                amount_value, amount_currency, amount_usd, amount_kind, amount_text, program,
                                stage, outcome, event_date, date_granularity, confidence, first_seen_at,
                                updated_at, segments, identity, source_count, amended_at)
            SELECT event_id, type, actor_ids, actor_names, counterparty_ids, counterparty_names,
                   amount_value, amount_currency, amount_usd, amount_kind, amount_text, program,
                   stage, outcome, event_date, date_granularity, confidence, now, now,
                   segments, identity, 1, CASE WHEN amended THEN now END
            FROM staged_events
            ON CONFLICT (event_id) DO UPDATE SET
                actor_ids = list_distinct(list_concat(events.actor_ids, excluded.actor_ids)),
                actor_names = list_distinct(list_concat(events.actor_names, excluded.actor_names)),
                counterparty_ids = list_distinct(list_concat(events.counterparty_ids, excluded.counterparty_ids)),
                counterparty_names = list_distinct(list_concat(events.counterparty_names, excluded.counterparty_names)),
                amount_value = CASE WHEN excluded.amended_at IS NOT NULL THEN excluded.amount_value
                                    ELSE coalesce(events.amount_value, excluded.amount_value) END,
                amount_currency = CASE WHEN excluded.amended_at IS NOT NULL THEN excluded.amount_currency
                                       ELSE coalesce(events.amount_currency, excluded.amount_currency) END,
                amount_usd = CASE WHEN excluded.amended_at IS NOT NULL THEN excluded.amount_usd
                                  ELSE coalesce(events.amount_usd, excluded.amount_usd) END,
                amount_kind = CASE WHEN excluded.amended_at IS NOT NULL THEN excluded.amount_kind
                                   ELSE coalesce(events.amount_kind, excluded.amount_kind) END,
                amount_text = CASE WHEN excluded.amended_at IS NOT NULL THEN excluded.amount_text
                                   ELSE coalesce(events.amount_text, excluded.amount_text) END,
                program = coalesce(events.program, excluded.program),
                stage = coalesce(events.stage, excluded.stage),
                identity = coalesce(events.identity, excluded.identity),
                segments = list_sort(list_distinct(list_concat(events.segments, excluded.segments))),
                confidence = greatest(events.confidence, excluded.confidence),
                amended_at = coalesce(excluded.amended_at, events.amended_at),
                updated_at = excluded.updated_at
            WHERE {_CHANGED.replace("s.AMENDED", "excluded.amended_at IS NOT NULL").replace("s.", "excluded.")
                   .replace("e.", "events.")}
            """
        )
        # The append-only history the market model is rebuilt from: every new or changed state.
        con.execute(
            """
            INSERT INTO event_versions
            SELECT event_id, updated_at, type, actor_ids, actor_names, counterparty_ids, amount_usd, amount_kind,
                   program, stage, outcome, event_date, coalesce(segments, [])
            FROM events WHERE event_id IN (SELECT event_id FROM staged_events) AND updated_at = ?
            ON CONFLICT DO NOTHING
            """,
            [now],
        )
        before = scalar(con, "SELECT count(*) FROM event_evidence")
        con.execute("INSERT INTO event_evidence SELECT * FROM staged_evidence ON CONFLICT DO NOTHING")
        added = scalar(con, "SELECT count(*) FROM event_evidence") - before
        con.execute(
            """
            UPDATE events SET source_count = counted.n
            FROM (SELECT v.event_id, count(DISTINCT coalesce(d.source_id, v.doc_id)) AS n
                  FROM event_evidence v LEFT JOIN documents d USING (doc_id)
                  WHERE v.event_id IN (SELECT event_id FROM staged_events)
                  GROUP BY v.event_id) AS counted
            WHERE events.event_id = counted.event_id AND events.source_count IS DISTINCT FROM counted.n
            """
        )
    finally:
        con.unregister("staged_events")
        con.unregister("staged_evidence")
    return EventLoad(
        new_event_ids=[e for e in merged if e not in known],
        updated_event_ids=[row[0] for row in changed],
        evidence_rows=added,
    )


# A stored event changes when a report adds a party, a segment or a missing amount, or corrects it.
_CHANGED = """(
    list_sort(list_distinct(list_concat(e.counterparty_ids, s.counterparty_ids))) <> list_sort(e.counterparty_ids)
    OR list_sort(list_distinct(list_concat(e.actor_ids, s.actor_ids))) <> list_sort(e.actor_ids)
    OR list_sort(list_distinct(list_concat(e.segments, s.segments))) <> list_sort(e.segments)
    OR (s.amount_usd IS NOT NULL AND e.amount_usd IS NULL)
    OR (s.AMENDED AND s.amount_usd IS DISTINCT FROM e.amount_usd)
)"""


def _merge_orgs(groups: Iterable[Sequence[OrgRef]]) -> list[OrgRef]:
    seen: dict[str, OrgRef] = {}
    for group in groups:
        for org in group:
            seen.setdefault(org.org_id, org)
    return list(seen.values())


_EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()), ("type", pa.string()),
        ("actor_ids", pa.list_(pa.string())), ("actor_names", pa.list_(pa.string())),
        ("counterparty_ids", pa.list_(pa.string())), ("counterparty_names", pa.list_(pa.string())),
        ("amount_value", pa.float64()), ("amount_currency", pa.string()), ("amount_usd", pa.float64()),
        ("amount_kind", pa.string()), ("amount_text", pa.string()), ("program", pa.string()),
        ("stage", pa.string()), ("outcome", pa.string()), ("event_date", pa.date32()),
        ("date_granularity", pa.string()), ("confidence", pa.float64()),
        ("segments", pa.list_(pa.string())), ("identity", pa.string()), ("amended", pa.bool_()), ("now", _TS),
    ]
)
_EVENT_COLUMNS = _EVENT_SCHEMA.names
_EVIDENCE_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()), ("doc_id", pa.string()), ("field", pa.string()),
        ("sentence_start", pa.int32()), ("sentence_end", pa.int32()), ("sentence", pa.string()),
        ("pattern_id", pa.string()), ("content_hash", pa.string()), ("now", _TS),
    ]
)
_EVIDENCE_COLUMNS = _EVIDENCE_SCHEMA.names


def seed_orgs(con: duckdb.DuckDBPyConnection, orgs: Sequence[dict]) -> int:
    """Upsert the gazetteer's organisations and aliases (idempotent)."""
    if not orgs:
        return 0
    org_table = pa.table(
        {
            "org_id": [o["id"] for o in orgs],
            "name": [o["name"] for o in orgs],
            "kind": [o.get("kind", "company") for o in orgs],
            "country": [o.get("country") for o in orgs],
        }
    )
    alias_pairs = sorted({(o["id"], alias) for o in orgs for alias in [o["name"], *o.get("aliases", [])]})
    alias_table = pa.table({"org_id": [p[0] for p in alias_pairs], "alias": [p[1] for p in alias_pairs]})
    con.register("staged_orgs", org_table)
    con.register("staged_aliases", alias_table)
    try:
        con.execute(
            """
            INSERT INTO orgs SELECT org_id, name, kind, country, 'gazetteer', 'accepted' FROM staged_orgs
            ON CONFLICT (org_id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                country = excluded.country
            WHERE orgs.name <> excluded.name OR orgs.kind <> excluded.kind
               OR orgs.country IS DISTINCT FROM excluded.country
            """
        )
        con.execute("INSERT INTO org_aliases SELECT * FROM staged_aliases ON CONFLICT DO NOTHING")
    finally:
        con.unregister("staged_orgs")
        con.unregister("staged_aliases")
    return len(orgs)


def queue_discovered_orgs(con: duckdb.DuckDBPyConnection, orgs: Sequence[OrgRef]) -> int:
    """Organisations the gazetteer does not know are kept for review, never dropped."""
    if not orgs:
        return 0
    unique = list({o.org_id: o for o in orgs}.values())
    columns = ["org_id", "name", "kind", "country", "origin", "review_status"]
    bulk_insert(con, "orgs", columns,
                [[o.org_id, o.name, o.kind or "company", None, "discovered", "pending"] for o in unique],
                "ON CONFLICT DO NOTHING")
    bulk_insert(con, "org_aliases", ["org_id", "alias"], [[o.org_id, o.name] for o in unique], "ON CONFLICT DO NOTHING")
    return len(orgs)
