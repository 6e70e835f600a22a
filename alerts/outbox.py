"""The alert outbox: rules turn events into queued alerts, delivery drains the queue.

An alert's id is derived from the rule and the event, so queueing is idempotent (re-running
a step, a retried task, a re-extracted document: the same alert, never a second one).

Delivery is exactly once, crashes included: an alert is marked ``sending`` (committed) before
the post, and ``delivered`` with Slack's ``ts`` after it. An alert found ``sending`` on the next
run was interrupted between the post and the bookkeeping: the sink is asked whether the message
is already there (it carries its alert id in Slack's message metadata) before posting again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import duckdb

from alerts.rules import EventRule, ForecastRule, IndicatorRule, SourceHealthRule
from alerts.sinks import DeliveryError, Sink
from alerts.slack_format import (
    SlackMessage,
    alert_message,
    forecast_message,
    grouped_message,
    indicator_message,
    source_message,
)
from spacemine.records import stable_id
from warehouse.db import scalar


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


def queue_alerts(con: duckdb.DuckDBPyConnection, rules: list, now: datetime | None = None,
                 horizon_days: int | None = None) -> list[str]:
    """Queue one alert per (rule, subject) not queued before; return the new alert ids.

    Event rules match new events (events older than ``horizon_days`` when first recorded, a
    backfill, never page); forecast rules match forecast versions that moved; source-health
    rules match failing or stale sources. Within a rule's cooldown, a second alert about the
    same organisation or source is recorded as ``cooled`` and not posted.
    """
    now = now or datetime.now(timezone.utc)
    queued = {row[0] for row in con.execute("SELECT alert_id FROM alert_outbox").fetchall()}
    pending: list[tuple[Any, str, str, str | None, SlackMessage]] = []
    event_rules = [r for r in rules if isinstance(r, EventRule)]
    if event_rules:
        # Only events first recorded since these rules last looked: a run with nothing new does
        # not re-read a history of 100,000 events. Changed rules get a cursor of their own, so
        # they (or a changed horizon) look at the whole history once; the horizon keeps backfills quiet.
        fingerprint = repr((sorted(map(repr, event_rules)), horizon_days))
        cursor = "alerts.events." + hashlib.sha256(fingerprint.encode()).hexdigest()[:16]
        since = scalar(con, "SELECT processed_until FROM derivation_state WHERE name = ?", [cursor])
        events = _rows(con, "SELECT * FROM events WHERE ? IS NULL OR first_seen_at > ? ORDER BY first_seen_at, event_id",
                       [since, since])
        if events:
            con.execute("INSERT INTO derivation_state VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
                        "processed_until = excluded.processed_until", [cursor, max(e["first_seen_at"] for e in events)])
        matched = []
        for event in events:
            if too_old(event, horizon_days):
                continue
            for rule in event_rules:
                alert_id = stable_id("alert", rule.id, event["event_id"])
                if alert_id not in queued and rule.matches(event):
                    matched.append((rule, event, alert_id))
        evidence = evidence_for(con, [event["event_id"] for _, event, _ in matched])
        for rule, event, alert_id in matched:
            subject = (event.get("actor_ids") or [None])[0]
            pending.append((rule, alert_id, event["event_id"], subject,
                            alert_message(event, evidence.get(event["event_id"], []), rule.reason())))
    for rule in rules:
        if isinstance(rule, ForecastRule):
            pending.extend(_forecast_alerts(con, rule, queued))
        elif isinstance(rule, SourceHealthRule):
            pending.extend(_source_alerts(con, rule, queued, now))
        elif isinstance(rule, IndicatorRule):
            pending.extend(_indicator_alerts(con, rule, queued, now))
    if not pending:
        return []
    rows = []
    for rule, alert_id, subject_id, subject, message in pending:
        status = "cooled" if _cooling(con, rule, subject, now) else "pending"
        rows.append([alert_id, rule.id, subject_id, now, rule.severity, message.text,
                     json.dumps({"blocks": message.blocks, "markdown": message.markdown}), status,
                     rule.channel, subject])
    con.executemany(
        "INSERT INTO alert_outbox (alert_id, rule_id, event_id, created_at, severity, text, blocks, status, channel,"
        " subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        rows,
    )
    return [row[0] for row in rows if row[7] == "pending"]


def _cooling(con: duckdb.DuckDBPyConnection, rule, subject: str | None, now: datetime) -> bool:  # noqa: ANN001
    if not rule.cooldown_minutes or subject is None:
        return False
    since = now - timedelta(minutes=rule.cooldown_minutes)
    return bool(scalar(con, "SELECT count(*) FROM alert_outbox WHERE rule_id = ? AND subject = ? AND created_at > ?"
                            " AND status <> 'cooled'", [rule.id, subject, since]))


def _forecast_alerts(con: duckdb.DuckDBPyConnection, rule: ForecastRule, queued: set[str]) -> list[tuple]:
    """A forecast version whose scenario-year moved more than the rule's percentage."""
    rows = con.execute(
        """
        SELECT n.version_id, n.year, o.value_usd, n.value_usd, v.created_at
        FROM forecast_values n JOIN forecast_versions v USING (version_id)
        JOIN forecast_values o ON o.version_id = (SELECT max(version_id) FROM forecast_versions p
                                                  WHERE p.version_id < n.version_id)
             AND o.year = n.year AND o.scenario = n.scenario AND o.segment_dim = 'total'
        WHERE n.scenario = ? AND n.segment_dim = 'total' AND (? IS NULL OR n.year = ?)
        ORDER BY n.version_id, n.year
        """,
        [rule.scenario, rule.year, rule.year],
    ).fetchall()
    found = []
    for version, year, before, after, created in rows:
        if not before or abs(after - before) / before * 100 <= rule.min_change_pct:
            continue
        alert_id = stable_id("alert", rule.id, version, year)
        if alert_id in queued or any(a[1] == alert_id for a in found):
            continue
        movers = con.execute(
            """SELECT e.actor_names, sum(a.delta_usd) d FROM forecast_attribution a LEFT JOIN events e USING (event_id)
               WHERE a.version_id = ? AND a.scenario = ? AND a.year = ? GROUP BY 1 ORDER BY abs(d) DESC LIMIT 3""",
            [version, rule.scenario, year]).fetchall()
        found.append((rule, alert_id, f"forecast:{version}", f"forecast:{rule.scenario}:{year}",
                      forecast_message(version, rule.scenario, year, before, after, movers, rule.reason())))
    return found


def _indicator_alerts(con: duckdb.DuckDBPyConnection, rule: IndicatorRule, queued: set[str],
                      now: datetime) -> list[tuple]:
    """A driver series over the trailing window against the window before it (ceilings apart)."""
    today = now.date()
    current, previous = (scalar(
        con,
        """SELECT coalesce(sum(value), 0) FROM indicators_as_of(?::TIMESTAMPTZ)
           WHERE indicator = ? AND dimension = ? AND key = ? AND amount_kind <> 'ceiling'
             AND valid_date > ?::DATE - ?::INTEGER AND valid_date <= ?::DATE - ?::INTEGER""",
        [now, rule.indicator, rule.dimension, rule.key, today, rule.window_days * (offset + 1), today,
         rule.window_days * offset]) or 0.0 for offset in (0, 1))
    crossed = rule.threshold is not None and current >= rule.threshold > previous
    moved = rule.min_change_pct is not None and previous > 0 and \
        abs(current - previous) / previous * 100 >= rule.min_change_pct
    if not (crossed or moved):
        return []
    alert_id = stable_id("alert", rule.id, today, round(current, 2))
    if alert_id in queued:
        return []
    return [(rule, alert_id, f"indicator:{rule.indicator}:{today}", f"indicator:{rule.indicator}:{rule.key}",
             indicator_message(rule.indicator, rule.key, rule.window_days, previous, current, rule.reason()))]


def _source_alerts(con: duckdb.DuckDBPyConnection, rule: SourceHealthRule, queued: set[str],
                   now: datetime) -> list[tuple]:
    """A source failing N times in a row, or stale: one alert per failure streak."""
    rows = con.execute(
        "SELECT source_id, consecutive_failures, last_error, last_error_at, last_success_at FROM source_state"
    ).fetchall()
    found = []
    for source_id, failures, error, error_at, success_at in rows:
        failing = rule.min_consecutive_failures is not None and (failures or 0) >= rule.min_consecutive_failures
        stale = rule.stale_hours is not None and success_at is not None and \
            success_at < now - timedelta(hours=rule.stale_hours)
        if not (failing or stale):
            continue
        streak = f"{success_at}" if success_at else "never"
        alert_id = stable_id("alert", rule.id, source_id, streak)
        if alert_id in queued:
            continue
        found.append((rule, alert_id, f"source:{source_id}", f"source:{source_id}",
                      source_message(source_id, failures or 0, error, success_at, rule.reason())))
    return found


def pending_alerts(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _rows(con, "SELECT * FROM alert_outbox WHERE status NOT IN ('delivered', 'cooled')"
                      " ORDER BY created_at, alert_id")


def deliver_alerts(con: duckdb.DuckDBPyConnection, sink: Sink, now: datetime | None = None,
                   rules: list | None = None) -> DeliveryReport:
    """Post every undelivered alert once; record each outcome as soon as it is known.

    Call with an autocommit connection (``Warehouse.write(transactional=False)``) so each
    delivery is committed right after Slack answers, not at the end of the batch. Alerts go to
    their rule's channel; more than a rule's ``group_over`` pending alerts go out as one message.
    """
    group_over = {rule.id: rule.group_over for rule in rules or [] if getattr(rule, "group_over", None)}
    delivered, failed, errors = 0, 0, []
    batches: list[tuple[str, list[dict[str, Any]]]] = []
    by_group: dict[str, list[dict[str, Any]]] = {}
    fresh_by_rule: dict[str, list[dict[str, Any]]] = {}
    for alert in pending_alerts(con):
        if alert.get("group_ref"):
            by_group.setdefault(alert["group_ref"], []).append(alert)  # an interrupted grouped delivery
        else:
            fresh_by_rule.setdefault(alert["rule_id"], []).append(alert)
    batches.extend(by_group.items())
    for rule_id, alerts in fresh_by_rule.items():
        limit = group_over.get(rule_id)
        if limit and len(alerts) > limit:
            batches.append((stable_id("group", rule_id, *sorted(a["alert_id"] for a in alerts)), alerts))
        else:
            batches.extend((alert["alert_id"], [alert]) for alert in alerts)
    for key, alerts in batches:
        grouped = len(alerts) > 1 or bool(alerts[0].get("group_ref"))
        first = alerts[0]
        if grouped:
            message = grouped_message(first["rule_id"], [a["text"] for a in alerts])
        else:
            stored = json.loads(first["blocks"]) if first["blocks"] else {}
            message = SlackMessage(first["text"], stored.get("blocks", []), stored.get("markdown", first["text"]))
        attempt_at = now or datetime.now(timezone.utc)
        ids = [a["alert_id"] for a in alerts]
        try:
            ref = sink.find(key, "alerts") if first["status"] == "sending" else None
            if ref is None:
                con.execute(
                    "UPDATE alert_outbox SET status = 'sending', last_attempt_at = ?, group_ref = ?"
                    " WHERE list_contains(?, alert_id)",
                    [attempt_at, key if grouped else None, ids],
                )
                ref = sink.post(key, message, "alerts", channel=first.get("channel"))
        except DeliveryError as exc:
            failed += len(alerts)
            errors.append(str(exc))
            # Refused for sure: 'failed'. Perhaps posted (the connection broke): stay 'sending',
            # so the next attempt looks for the message before posting it again.
            status = "sending" if exc.ambiguous else "failed"
            con.execute(
                "UPDATE alert_outbox SET status = ?, attempts = attempts + 1, last_attempt_at = ?,"
                " last_error = ? WHERE list_contains(?, alert_id)",
                [status, attempt_at, str(exc), ids],
            )
            continue
        delivered += len(alerts)
        con.execute(
            "UPDATE alert_outbox SET status = 'delivered', attempts = attempts + 1, last_attempt_at = ?,"
            " delivered_at = ?, delivered_to = ?, delivery_ref = ?, last_error = NULL WHERE list_contains(?, alert_id)",
            [attempt_at, attempt_at, sink.name, ref, ids],
        )
    return DeliveryReport(delivered, failed, errors)
