"""The daily digest: events recorded since the previous digest, grouped by type.

A digest is keyed by its date. Building it twice for the same date returns the stored one,
so a re-run never re-sends; its window starts where the previous digest's window ended
(recorded time), so no event is reported twice or skipped. Source failures are listed, so
a broken feed is never silent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import duckdb

from warehouse.db import scalar

from alerts.outbox import _rows, evidence_for
from alerts.sinks import DeliveryError, Sink
from alerts.slack_format import (
    TYPE_LABELS,
    SlackMessage,
    escape,
    event_headline,
    format_usd,
    link,
    truncate,
)

MAX_BLOCKS = 48  # Slack allows 50 blocks per message; keep room for the footer


@dataclass(frozen=True)
class Digest:
    digest_date: date
    period_start: datetime | None
    period_end: datetime
    event_count: int
    message: SlackMessage
    status: str = "new"


def build_digest(
    con: duckdb.DuckDBPyConnection,
    digest_date: date,
    now: datetime | None = None,
    max_per_type: int = 50,
) -> Digest:
    """The digest for ``digest_date``: the stored one if it exists, otherwise a new one."""
    stored = _rows(con, "SELECT * FROM digests WHERE digest_date = ?", [digest_date])
    if stored:
        row = stored[0]
        blocks = json.loads(row["blocks"]) if row["blocks"] else []
        return Digest(row["digest_date"], row["period_start"], row["period_end"], row["event_count"],
                      SlackMessage(row["text"], blocks, row["markdown"]), row["status"])
    now = now or datetime.now(timezone.utc)
    period_start = scalar(con, "SELECT max(period_end) FROM digests WHERE digest_date < ?", [digest_date])
    events = _rows(
        con,
        """
        SELECT * FROM events
        WHERE (? IS NULL OR first_seen_at > ?) AND first_seen_at <= ?
        ORDER BY type, amount_usd DESC NULLS LAST, first_seen_at, event_id
        """,
        [period_start, period_start, now],
    )
    failing = _rows(
        con,
        "SELECT source_id, consecutive_failures, last_error, last_success_at FROM source_state"
        " WHERE consecutive_failures > 0 ORDER BY source_id",
    )
    evidence = evidence_for(con, [e["event_id"] for e in events])
    message = render_digest(digest_date, period_start, events, evidence, failing, max_per_type)
    return Digest(digest_date, period_start, now, len(events), message)


def render_digest(
    digest_date: date,
    period_start: datetime | None,
    events: list[dict[str, Any]],
    evidence: dict[str, list[dict[str, Any]]],
    failing_sources: list[dict[str, Any]],
    max_per_type: int = 50,
) -> SlackMessage:
    since = f"since {period_start:%Y-%m-%d %H:%M} UTC" if period_start else "so far"
    title = f"spacemine daily digest — {digest_date:%Y-%m-%d}"
    by_type: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        by_type.setdefault(event["type"], []).append(event)

    md = [f"# {title}", "", f"{len(events)} new event(s) {since}."]
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": title[:150]}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": f"{len(events)} new event(s) {since}."}]},
    ]
    for event_type in sorted(by_type, key=lambda t: list(TYPE_LABELS).index(t) if t in TYPE_LABELS else 99):
        group = by_type[event_type]
        label = TYPE_LABELS.get(event_type, event_type)
        heading = f"{label}s ({len(group)}, {_totals(group)})"
        md += ["", f"## {heading}"]
        lines = []
        for event in group[:max_per_type]:
            sources = evidence.get(event["event_id"], [])
            links = " ".join(link(s.get("url"), s.get("source_id") or "source") for s in sources)
            lines.append(f"• {escape(event_headline(event))} {links}".rstrip())
            md.append(
                f"- {event_headline(event)} — "
                + ", ".join(f"[{s.get('source_id')}]({s.get('url')})" for s in sources)
            )
        if len(group) > max_per_type:
            more = len(group) - max_per_type
            lines.append(f"…and {more} more")
            md.append(f"- …and {more} more")
        blocks.extend(_section_blocks(f"*{escape(heading)}*", lines))
    if not events:
        md += ["", "No new events."]
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "No new events."}})
    if failing_sources:
        md += ["", "## Source health"]
        health = []
        for source in failing_sources:
            line = (f"{source['source_id']}: failing ({source['consecutive_failures']} in a row) — "
                    f"{source['last_error']}")
            md.append(f"- {line}")
            health.append(f"• {escape(line)}")
        health_blocks = _section_blocks("*Source health*", health)
    else:
        md += ["", "All sources healthy."]
        health_blocks = [{"type": "context", "elements": [{"type": "mrkdwn", "text": "All sources healthy."}]}]
    # Source health is never cut: a broken feed must not go silent on a busy day.
    room = MAX_BLOCKS - len(health_blocks)
    if len(blocks) > room:
        blocks = blocks[: room - 1] + [
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "Digest shortened: see the warehouse."}]}
        ]
    blocks.extend(health_blocks)
    text = truncate(f"{title}: {len(events)} new event(s) {since}.", 4000)
    return SlackMessage(text=text, blocks=blocks, markdown="\n".join(md))


def _totals(group: list[dict[str, Any]]) -> str:
    """Amount totals that never add a ceiling to an obligation or a round."""
    ceilings = sum(e["amount_usd"] or 0 for e in group if e.get("amount_kind") == "ceiling")
    others = sum(e["amount_usd"] or 0 for e in group if e.get("amount_kind") != "ceiling")
    parts = []
    if others:
        parts.append(format_usd(others))
    if ceilings:
        parts.append(f"{format_usd(ceilings)} in ceilings")
    return " + ".join(parts) if parts else "no disclosed amounts"


def _section_blocks(heading: str, lines: list[str]) -> list[dict[str, Any]]:
    """Sections of at most 3,000 characters (Slack's limit), heading on the first."""
    blocks, current = [], heading
    for line in lines:
        line = truncate(line, 2900)
        if len(current) + 1 + len(line) > 3000:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": current}})
            current = line
        else:
            current += "\n" + line
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": current}})
    return blocks


def store_digest(con: duckdb.DuckDBPyConnection, digest: Digest, now: datetime) -> None:
    con.execute(
        """
        INSERT INTO digests (digest_date, period_start, period_end, created_at, event_count, markdown,
                             text, blocks, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT DO NOTHING
        """,
        [digest.digest_date, digest.period_start, digest.period_end, now, digest.event_count,
         digest.message.markdown, digest.message.text, json.dumps(digest.message.blocks)],
    )


def deliver_digest(con: duckdb.DuckDBPyConnection, digest_date: date, sink: Sink, now: datetime) -> str:
    """Send the stored digest for ``digest_date`` unless it was delivered already."""
    row = _rows(con, "SELECT * FROM digests WHERE digest_date = ?", [digest_date])
    if not row:
        raise LookupError(f"no digest stored for {digest_date}")
    digest = row[0]
    if digest["status"] == "delivered":
        return "already delivered"
    message = SlackMessage(digest["text"], json.loads(digest["blocks"] or "[]"), digest["markdown"])
    try:
        ref = sink.post(f"{digest_date:%Y-%m-%d}", message, "digests")
    except DeliveryError as exc:
        con.execute(
            "UPDATE digests SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE digest_date = ?",
            [str(exc), digest_date],
        )
        raise
    con.execute(
        "UPDATE digests SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, delivered_to = ?,"
        " delivery_ref = ?, last_error = NULL WHERE digest_date = ?",
        [now, sink.name, ref, digest_date],
    )
    return ref
