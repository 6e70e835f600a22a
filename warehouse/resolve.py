"""Cross-source event resolution: candidates about the same real-world event become one event.

A NASA release, the USAspending award and the awardee's 8-K about one task order are one
event with three pieces of evidence. Exact keys (type, actors, amount, year) catch re-published
items; this module catches the rest with tolerances: same type, actors that agree (one report's actors within the other's), amounts within
:data:`AMOUNT_TOLERANCE` (or one side without an amount), dates within the type's window,
compatible programs, and never two different natural identities (two filings are two events).

A correction is explicit: a candidate whose ``amends`` names an earlier identity (a Form D/A
naming the Form D it amends) updates that event's amount instead of creating a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa

from spacemine.records import EventCandidate

AMOUNT_TOLERANCE = 0.05
# How far apart two reports of one event can be dated, by type (days).
DATE_WINDOW = {
    "contract_award": 45, "funding_round": 45, "acquisition": 60, "partnership": 30,
    "mission_outcome": 7, "policy": 30, "filing": 0,
}


@dataclass(frozen=True)
class Summary:
    """What resolution compares: one per group of candidates with the same exact key."""

    key: str
    type: str
    actor_ids: frozenset[str]
    amount_usd: float | None
    event_date: date | None
    program: str | None
    identity: str | None

    @classmethod
    def of(cls, key: str, members: list[EventCandidate]) -> Summary:
        best = max(members, key=lambda c: (c.amount is not None, c.confidence))
        return cls(
            key=key, type=best.type,
            actor_ids=frozenset(a.org_id for c in members for a in c.actors),
            amount_usd=best.amount.usd if best.amount else None,
            event_date=min((c.event_date for c in members if c.event_date), default=None),
            program=next((c.program for c in members if c.program), None),
            identity=next((c.identity for c in members if c.identity), None),
        )


def same_event(a: Summary, b: Summary) -> bool:
    """Do two summaries describe one real-world event (within the tolerances above)?"""
    if a.type != b.type or not (a.actor_ids & b.actor_ids):
        return False
    if not (a.actor_ids <= b.actor_ids or b.actor_ids <= a.actor_ids):
        return False  # {X, Y} and {X, Z} are two events that share a party
    if a.identity and b.identity and a.identity != b.identity:
        return False
    if a.amount_usd is not None and b.amount_usd is not None:
        high = max(abs(a.amount_usd), abs(b.amount_usd))
        if high and abs(a.amount_usd - b.amount_usd) > AMOUNT_TOLERANCE * high:
            return False
    if a.event_date is not None and b.event_date is not None:
        if abs((a.event_date - b.event_date).days) > DATE_WINDOW.get(a.type, 30):
            return False
    if a.program and b.program and a.program.casefold() != b.program.casefold():
        return False
    return True


def plan(con: duckdb.DuckDBPyConnection, summaries: list[Summary]) -> dict[str, str]:
    """Map each group key to the event id it belongs to (its own key when the event is new)."""
    target: dict[str, str] = {}
    # Within the batch first: two reports in one run of the same event become one.
    chosen: list[Summary] = []
    for summary in summaries:
        match = next((c for c in chosen if same_event(c, summary)), None)
        target[summary.key] = target[match.key] if match else summary.key
        if match is None:
            chosen.append(summary)
    existing = _existing_matches(con, chosen)
    for summary in chosen:
        found = existing.get(summary.key)
        if found and found != summary.key:
            for key, event_id in target.items():
                if event_id == summary.key:
                    target[key] = found
    return target


def _existing_matches(con: duckdb.DuckDBPyConnection, summaries: list[Summary]) -> dict[str, str]:
    """For each summary, the stored event it is the same as: its own key first, else the closest."""
    if not summaries:
        return {}
    staged = pa.table({
        "key": [s.key for s in summaries],
        "type": [s.type for s in summaries],
        "actor_ids": [sorted(s.actor_ids) for s in summaries],
        "event_date": [s.event_date for s in summaries],
    })
    con.register("staged_resolution", staged)
    try:
        rows = con.execute(
            """
            SELECT s.key, e.event_id, e.actor_ids, e.amount_usd, e.event_date, e.program, e.identity
            FROM staged_resolution s JOIN events e
              ON e.type = s.type AND list_has_any(e.actor_ids, s.actor_ids)
             AND (e.event_date IS NULL OR s.event_date IS NULL
                  OR abs(date_diff('day', e.event_date, s.event_date)) <= 90)
            """
        ).fetchall()
    finally:
        con.unregister("staged_resolution")
    by_key = {s.key: s for s in summaries}
    best: dict[str, tuple[int, str]] = {}
    for key, event_id, actor_ids, amount_usd, event_date, program, identity in rows:
        summary = by_key[key]
        if event_id == key:
            best[key] = (-1, event_id)
            continue
        stored = Summary(event_id, summary.type, frozenset(actor_ids), amount_usd, event_date, program, identity)
        if not same_event(summary, stored):
            continue
        distance = abs((summary.event_date - event_date).days) if summary.event_date and event_date else 999
        if key not in best or distance < best[key][0]:
            best[key] = (distance, event_id)
    return {key: event_id for key, (_, event_id) in best.items()}


def amended_targets(con: duckdb.DuckDBPyConnection, amends: set[str]) -> dict[str, str]:
    """Stored events by the natural identity a correction names."""
    if not amends:
        return {}
    rows = con.execute("SELECT identity, event_id FROM events WHERE identity IN (SELECT unnest(?))",
                       [sorted(amends)]).fetchall()
    return {identity: event_id for identity, event_id in rows}
