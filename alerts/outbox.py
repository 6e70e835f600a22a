"""The alert outbox: rules turn events into queued alerts, delivery drains the queue.

An alert's id is derived from the rule and the event, so queueing is idempotent (re-running
a step, a retried task, a re-extracted document: the same alert, never a second one).

Delivery is exactly once, crashes included: an alert is marked ``sending`` (committed) before
the post, and ``delivered`` with Slack's ``ts`` after it. An alert found ``sending`` on the next
run was interrupted between the post and the bookkeeping: the sink is asked whether the message
is already there (it carries its alert id in Slack's message metadata) before posting again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import duckdb

from alerts.rules import EventRule
from alerts.sinks import DeliveryError, Sink
from alerts.slack_format import SlackMessage, alert_message
from spacemine.records import stable_id


@dataclass(frozen=True)
class DeliveryReport:
    delivered: int
    failed: int
    errors: list[str]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def evidence_for(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Evidence rows joined to their documents (title, url, source), per event."""
    if not event_ids:
        return {}
    rows = _rows(
        con,
        """
        SELECT ev.event_id, ev.sentence, ev.pattern_id, ev.field, d.doc_id, d.title, d.url, d.source_id,
               d.published_at
        FROM event_evidence ev JOIN documents d USING (doc_id)
        WHERE list_contains(?, ev.event_id)
        QUALIFY row_number() OVER (PARTITION BY ev.event_id, ev.doc_id
                                   ORDER BY ev.recorded_at DESC, ev.field DESC) = 1
        ORDER BY ev.event_id, d.published_at NULLS LAST, d.doc_id
        """,
        [event_ids],
    )
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["event_id"], []).append(row)
    return grouped


def too_old(event: Mapping[str, Any], horizon_days: int | None) -> bool:
    """A backfilled event: it happened more than the horizon before it was first recorded."""
    if horizon_days is None or event.get("event_date") is None or event.get("first_seen_at") is None:
        return False
    return event["event_date"] < event["first_seen_at"].date() - timedelta(days=horizon_days)


def queue_alerts(con: duckdb.DuckDBPyConnection, rules: list[EventRule], now: datetime | None = None,
                 horizon_days: int | None = None) -> list[str]:
    """Queue one alert per (rule, matching event) not queued before; return the new alert ids.

    Events older than ``horizon_days`` when first recorded (a backfill) never page.
    """
    now = now or datetime.now(timezone.utc)
    queued_keys = {row[0] for row in con.execute("SELECT alert_id FROM alert_outbox").fetchall()}
    events = _rows(con, "SELECT * FROM events ORDER BY first_seen_at, event_id")
    pending: list[tuple[EventRule, dict[str, Any], str]] = []
    for event in events:
        if too_old(event, horizon_days):
            continue
        for rule in rules:
            alert_id = stable_id("alert", rule.id, event["event_id"])
            if alert_id not in queued_keys and rule.matches(event):
                pending.append((rule, event, alert_id))
    if not pending:
        return []
    evidence = evidence_for(con, [event["event_id"] for _, event, _ in pending])
    rows = []
    for rule, event, alert_id in pending:
        message = alert_message(event, evidence.get(event["event_id"], []), rule.reason())
        rows.append(
            [alert_id, rule.id, event["event_id"], now, rule.severity, message.text,
             json.dumps({"blocks": message.blocks, "markdown": message.markdown}), "pending"]
        )
    con.executemany(
        "INSERT INTO alert_outbox (alert_id, rule_id, event_id, created_at, severity, text, blocks, status)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        rows,
    )
    return [row[0] for row in rows]


def pending_alerts(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _rows(con, "SELECT * FROM alert_outbox WHERE status <> 'delivered' ORDER BY created_at, alert_id")


def deliver_alerts(con: duckdb.DuckDBPyConnection, sink: Sink, now: datetime | None = None) -> DeliveryReport:
    """Post every undelivered alert once; record each outcome as soon as it is known.

    Call with an autocommit connection (``Warehouse.write(transactional=False)``) so each
    delivery is committed right after Slack answers, not at the end of the batch.
    """
    delivered, failed, errors = 0, 0, []
    for alert in pending_alerts(con):
        stored = json.loads(alert["blocks"]) if alert["blocks"] else {}
        message = SlackMessage(alert["text"], stored.get("blocks", []), stored.get("markdown", alert["text"]))
        attempt_at = now or datetime.now(timezone.utc)
        try:
            ref = sink.find(alert["alert_id"], "alerts") if alert["status"] == "sending" else None
            if ref is None:
                con.execute(
                    "UPDATE alert_outbox SET status = 'sending', last_attempt_at = ? WHERE alert_id = ?",
                    [attempt_at, alert["alert_id"]],
                )
                ref = sink.post(alert["alert_id"], message, "alerts")
        except DeliveryError as exc:
            failed += 1
            errors.append(str(exc))
            # Refused for sure: 'failed'. Perhaps posted (the connection broke): stay 'sending',
            # so the next attempt looks for the message before posting it again.
            status = "sending" if exc.ambiguous else "failed"
            con.execute(
                "UPDATE alert_outbox SET status = ?, attempts = attempts + 1, last_attempt_at = ?,"
                " last_error = ? WHERE alert_id = ?",
                [status, attempt_at, str(exc), alert["alert_id"]],
            )
            continue
        delivered += 1
        con.execute(
            "UPDATE alert_outbox SET status = 'delivered', attempts = attempts + 1, last_attempt_at = ?,"
            " delivered_at = ?, delivered_to = ?, delivery_ref = ?, last_error = NULL WHERE alert_id = ?",
            [attempt_at, attempt_at, sink.name, ref, alert["alert_id"]],
        )
    return DeliveryReport(delivered, failed, errors)
