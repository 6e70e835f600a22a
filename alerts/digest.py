"""The daily digest: events recorded since the previous digest, grouped by type.

A digest is keyed by its date. Building it twice for the same date returns the stored one,
so a re-run never re-sends; its window starts where the previous digest's window ended
(recorded time), so no event is reported twice or skipped. Source failures are listed, so
a broken feed is never silent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
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
        thread = json.loads(row["thread_blocks"]) if row.get("thread_blocks") else []
        return Digest(row["digest_date"], row["period_start"], row["period_end"], row["event_count"],
                      SlackMessage(row["text"], blocks, row["markdown"], thread), row["status"])
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
    message = render_digest(digest_date, period_start, events, evidence, failing, max_per_type,
                            market_lines(con, period_start, now))
    return Digest(digest_date, period_start, now, len(events), message)


def market_lines(con: duckdb.DuckDBPyConnection, since: datetime | None, until: datetime) -> list[str]:
    """The market in one or two lines: the forecast's move in the window and what moved it most,
    and the trailing-twelve-month drivers now against the window's start."""
    lines = []
    versions = con.execute(
        """SELECT version_id FROM forecast_versions WHERE created_at <= ? AND (? IS NULL OR created_at > ?)
           ORDER BY version_id""", [until, since, since]).fetchall()
    if versions:
        newest = versions[-1][0]
        before = scalar(con, "SELECT max(version_id) FROM forecast_versions WHERE version_id < ?", [versions[0][0]])
        value = lambda version: scalar(con, """SELECT value_usd FROM forecast_values WHERE version_id = ? AND year = 2030
                                               AND scenario = 'baseline' AND segment_dim = 'total'""", [version])
        now_value = value(newest)
        line = f"Forecast: 2030 baseline {format_usd(now_value)} (version {newest}"
        if before is not None:
            line += f", from {format_usd(value(before))}"
        line += ")"
        top = con.execute(
            """SELECT e.actor_names, e.type, sum(a.delta_usd) d FROM forecast_attribution a JOIN events e USING (event_id)
               WHERE a.version_id IN (SELECT unnest(?)) AND a.scenario = 'baseline' AND a.year = 2030
               GROUP BY 1, 2 ORDER BY abs(d) DESC LIMIT 1""", [[v[0] for v in versions]]).fetchall()
        if top and top[0][2]:
            actors, event_type, delta = top[0]
            line += f"; moved most by {TYPE_LABELS.get(event_type, event_type).lower()} of {', '.join(actors)} " \
                    f"({'+' if delta >= 0 else '-'}{format_usd(abs(delta))})"
        lines.append(line + ".")
    drivers = []
    for label, condition in (("contract value", "indicator = 'contract_value_usd' AND amount_kind <> 'ceiling'"),
                             ("private funding", "indicator = 'funding_usd'")):
        now_ttm = _ttm(con, condition, until)
        then_ttm = _ttm(con, condition, since) if since else None
        if now_ttm or then_ttm:
            change = f" (was {format_usd(then_ttm)})" if then_ttm is not None and then_ttm != now_ttm else ""
            drivers.append(f"{label} {format_usd(now_ttm)}{change}")
    if drivers:
        lines.append("Trailing 12 months: " + "; ".join(drivers) + ".")
    return lines


def _ttm(con: duckdb.DuckDBPyConnection, condition: str, at: datetime) -> float:
    return scalar(
        con,
        f"""SELECT coalesce(sum(value), 0) FROM indicators_as_of(?::TIMESTAMPTZ)
            WHERE dimension = 'total' AND {condition} AND valid_date > ?::DATE - INTERVAL 365 DAY
              AND valid_date <= ?::DATE""",
        [at, at.date(), at.date()],
    ) or 0.0


def render_digest(
    digest_date: date,
    period_start: datetime | None,
    events: list[dict[str, Any]],
    evidence: dict[str, list[dict[str, Any]]],
    failing_sources: list[dict[str, Any]],
    max_per_type: int = 50,
    market: list[str] | None = None,
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
    if market:
        md += ["", "## Market", *[f"- {line}" for line in market]]
        blocks.append({"type": "section", "text": {"type": "mrkdwn",
                                                    "text": truncate("*Market*\n" + "\n".join(escape(l) for l in market))}})
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
    # Source health is never cut: a broken feed must not go silent on a busy day. What does
    # not fit in one message (50 blocks) continues in the message's thread, in replies of
    # at most MAX_BLOCKS blocks each.
    room = MAX_BLOCKS - len(health_blocks)
    thread: list[list[dict[str, Any]]] = []
    if len(blocks) > room:
        overflow = blocks[room - 1:]
        blocks = blocks[: room - 1] + [
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "Continued in the thread below."}]}
        ]
        thread = [overflow[i:i + MAX_BLOCKS] for i in range(0, len(overflow), MAX_BLOCKS)]
    blocks.extend(health_blocks)
    text = truncate(f"{title}: {len(events)} new event(s) {since}.", 4000)
    return SlackMessage(text=text, blocks=blocks, markdown="\n".join(md), thread=thread)


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
                             text, blocks, status, thread_blocks, thread_posted)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, 0) ON CONFLICT DO NOTHING
        """,
        [digest.digest_date, digest.period_start, digest.period_end, now, digest.event_count,
         digest.message.markdown, digest.message.text, json.dumps(digest.message.blocks),
         json.dumps(digest.message.thread)],
    )


CHART_SENDING = "sending"  # chart_ref while an upload is under way: look it up before uploading again


def deliver_digest(con: duckdb.DuckDBPyConnection, digest_date: date, sink: Sink, now: datetime,
                   chart: Path | None = None) -> str:
    """Send the stored digest for ``digest_date`` once: the message, then its thread replies.

    Each step is recorded as soon as Slack answers; a step interrupted between Slack's answer
    and the bookkeeping is looked up (its key is in the message metadata) before it is sent again.
    """
    row = _rows(con, "SELECT * FROM digests WHERE digest_date = ?", [digest_date])
    if not row:
        raise LookupError(f"no digest stored for {digest_date}")
    digest = row[0]
    key = f"{digest_date:%Y-%m-%d}"
    thread = json.loads(digest.get("thread_blocks") or "[]")
    posted = digest.get("thread_posted") or 0
    chart_ref = digest.get("chart_ref")
    if digest["status"] == "delivered" and posted >= len(thread) and (chart is None or chart_ref not in (None, CHART_SENDING)):
        return "already delivered"
    ref = digest["delivery_ref"]
    try:
        if digest["status"] != "delivered":
            ref = sink.find(key, "digests") if digest["status"] == "sending" else None
            if ref is None:
                con.execute("UPDATE digests SET status = 'sending' WHERE digest_date = ?", [digest_date])
                message = SlackMessage(digest["text"], json.loads(digest["blocks"] or "[]"), digest["markdown"])
                ref = sink.post(key, message, "digests")
            con.execute(
                "UPDATE digests SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, delivered_to = ?,"
                " delivery_ref = ?, last_error = NULL WHERE digest_date = ?",
                [now, sink.name, ref, digest_date],
            )
        for number in range(posted, len(thread)):
            part_key = f"{key}#{number + 1}"
            found = sink.find(part_key, "digests", thread_ref=ref) if digest.get("thread_sending") == number else None
            if found is None:
                con.execute("UPDATE digests SET thread_sending = ? WHERE digest_date = ?", [number, digest_date])
                sink.reply(part_key, ref, SlackMessage(f"{digest['text']} (continued, part {number + 1})",
                                                       thread[number], ""), "digests")
            con.execute("UPDATE digests SET thread_posted = ?, thread_sending = NULL WHERE digest_date = ?",
                        [number + 1, digest_date])
        if chart is not None and chart_ref in (None, CHART_SENDING):
            chart_key = f"{key}-market"
            found = sink.find_upload(chart_key, ref, "digests") if chart_ref == CHART_SENDING else None
            if found is None:
                con.execute("UPDATE digests SET chart_ref = ? WHERE digest_date = ?", [CHART_SENDING, digest_date])
                found = sink.upload(chart_key, chart, f"Market size, {key}", ref, "digests")
            # None: the sink cannot carry files (a webhook); recorded as such, not retried
            con.execute("UPDATE digests SET chart_ref = ? WHERE digest_date = ?", [found or "none", digest_date])
    except DeliveryError as exc:
        con.execute(
            "UPDATE digests SET status = CASE WHEN status = 'delivered' THEN 'delivered' WHEN ? THEN 'sending'"
            " ELSE 'failed' END, attempts = attempts + 1, last_error = ? WHERE digest_date = ?",
            [exc.ambiguous, str(exc), digest_date],
        )
        raise
    return ref
