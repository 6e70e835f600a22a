"""What the rules would do: preview (now) and backtest (over the warehouse's history).

A backtest replays every event recorded since a date through the rules as if live, the backfill
horizon included, and counts the alerts each rule would have sent per ISO week, so a noisy rule
shows before it is deployed. Nothing is queued or sent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from alerts.outbox import too_old
from alerts.rules import EventRule
from spacemine.records import stable_id


@dataclass(frozen=True)
class Backtest:
    weeks: list[str]
    counts: dict[str, Counter]   # rule id -> week -> alerts
    suppressed: int              # matching events that were too old when recorded (backfill)
    events: int

    def total(self, rule_id: str) -> int:
        return sum(self.counts.get(rule_id, Counter()).values())


def _events(con: duckdb.DuckDBPyConnection, since: date | None) -> list[dict[str, Any]]:
    cursor = con.execute(
        "SELECT * FROM events WHERE $since IS NULL OR first_seen_at >= $since ORDER BY first_seen_at, event_id",
        {"since": since},
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def backtest(con: duckdb.DuckDBPyConnection, rules: list[EventRule], since: date | None,
             horizon_days: int | None) -> Backtest:
    counts: dict[str, Counter] = {rule.id: Counter() for rule in rules}
    weeks: set[str] = set()
    suppressed = 0
    events = _events(con, since)
    for event in events:
        matching = [rule for rule in rules if rule.matches(event)]
        if not matching:
            continue
        if too_old(event, horizon_days):
            suppressed += 1
            continue
        year, week, _ = event["first_seen_at"].isocalendar()
        label = f"{year}-W{week:02d}"
        weeks.add(label)
        for rule in matching:
            counts[rule.id][label] += 1
    return Backtest(sorted(weeks), counts, suppressed, len(events))


def preview(con: duckdb.DuckDBPyConnection, rules: list[EventRule], horizon_days: int | None) -> list[dict[str, Any]]:
    """The alerts the next run would queue: matching events not alerted yet, within the horizon."""
    queued = {row[0] for row in con.execute("SELECT alert_id FROM alert_outbox").fetchall()}
    found = []
    for event in _events(con, None):
        if too_old(event, horizon_days):
            continue
        for rule in rules:
            if rule.matches(event) and stable_id("alert", rule.id, event["event_id"]) not in queued:
                found.append({"rule": rule.id, "severity": rule.severity, "type": event["type"],
                              "actors": ", ".join(event["actor_names"]), "amount_usd": event["amount_usd"],
                              "event_date": event["event_date"]})
    return found
