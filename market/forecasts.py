"""Forecast versions: triggered by new contract awards (and large rounds), stored with their
inputs and the attribution of their change to the events that triggered them.

A version is created for each recorded time at which the event history gained a trigger: a new
or changed ``contract_award``, or a ``funding_round`` of at least ``triggers.min_funding_round_usd``.
Its time is that recorded time (not the wall clock), so replaying the history (:func:`rebuild`)
gives the same versions, numbers and attributions as the incremental updates did. Loading the
same award again adds no event version, hence no forecast version.

Attribution walks from the previous version to the new one in steps: first everything that is
not a trigger (other events, the trailing windows moving on, parameter changes) as one step with
no event id, then each triggering event in turn; each step's difference in the total market per
scenario and year is stored, so the steps add up to the change between the two versions.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import duckdb
import yaml

from market import model
from warehouse.load import bulk_insert
from market.indicators import mark_processed, pending_times
from warehouse.db import scalar

CURSOR = "forecasts"


@lru_cache(maxsize=1)
def _shipped_parameters() -> dict[str, Any]:
    text = resources.files("market").joinpath("data", "model.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def parameters(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The model file with the config's ``market:`` section merged over it (mappings merge)."""
    merged = copy.deepcopy(_shipped_parameters())
    _merge(merged, overrides or {})
    model.validate(merged)
    return merged


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> None:
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)


@dataclass(frozen=True)
class ForecastUpdate:
    new_versions: list[int]


def update_forecasts(con: duckdb.DuckDBPyConnection, params: Mapping[str, Any]) -> ForecastUpdate:
    """Create the versions the event history calls for since the last update (idempotent)."""
    created = []
    for recorded_at in pending_times(con, CURSOR):
        triggers = _triggers(con, recorded_at, params)
        if triggers:
            version = create_version(con, recorded_at, "events", triggers, params)
            if version is not None:
                created.append(version)
        mark_processed(con, CURSOR, recorded_at)
    return ForecastUpdate(created)


def rebuild(con: duckdb.DuckDBPyConnection, params: Mapping[str, Any]) -> ForecastUpdate:
    """Drop the event-driven versions and replay the event history."""
    event_versions = [row[0] for row in con.execute(
        "SELECT version_id FROM forecast_versions WHERE reason = 'events'").fetchall()]
    for table in ("forecast_attribution", "forecast_values", "forecast_versions"):
        con.execute(f"DELETE FROM {table} WHERE version_id IN (SELECT unnest(?))", [event_versions])
    con.execute("DELETE FROM derivation_state WHERE name = ?", [CURSOR])
    return update_forecasts(con, params)


def forecast_now(con: duckdb.DuckDBPyConnection, params: Mapping[str, Any], now: datetime,
                 reason: str = "manual") -> int | None:
    """Catch up with the events, then forecast as of ``now`` unless nothing would change."""
    update_forecasts(con, params)
    return create_version(con, now, reason, [], params)


def create_version(con: duckdb.DuckDBPyConnection, at: datetime, reason: str, triggers: list[str],
                   params: Mapping[str, Any]) -> int | None:
    current = _events_at(con, at)
    rows, inputs = model.forecast(list(current.values()), at.date(), params)
    inputs["parameters"] = params
    digest = _hash(inputs, current)
    latest = con.execute(
        "SELECT version_id, created_at, inputs_hash FROM forecast_versions ORDER BY version_id DESC LIMIT 1"
    ).fetchall()
    if latest and latest[0][2] == digest:
        return None  # the same inputs give the same numbers: no new version
    version_id = (latest[0][0] + 1) if latest else 1
    con.execute(
        "INSERT INTO forecast_versions VALUES (?, ?, ?, ?, ?, ?)",
        [version_id, at, reason, sorted(triggers), json.dumps(inputs, sort_keys=True, default=str), digest],
    )
    bulk_insert(con, "forecast_values", ["version_id", "year", "scenario", "segment_dim", "segment", "value_usd"],
                [[version_id, *row] for row in rows])
    previous = None
    if latest:
        previous = (latest[0][0], latest[0][1])
    bulk_insert(con, "forecast_attribution", ["version_id", "event_id", "scenario", "year", "delta_usd"],
                [[version_id, event_id, scenario, year, delta]
                 for event_id, scenario, year, delta in _attribution(con, previous, current, triggers, at, params)])
    return version_id


def _attribution(con: duckdb.DuckDBPyConnection, previous: tuple[int, datetime] | None,
                 current: dict[str, model.ModelEvent], triggers: list[str], at: datetime,
                 params: Mapping[str, Any]) -> list[tuple]:
    as_of = at.date()
    if previous is None:
        state: dict[str, model.ModelEvent] = {}
        start = model.totals(model.forecast([], as_of, params)[0])
    else:
        state = dict(_events_at(con, previous[1]))
        start = {(scenario, year): value for scenario, year, value in con.execute(
            """SELECT scenario, year, value_usd FROM forecast_values
               WHERE version_id = ? AND segment_dim = 'total' AND scenario <> 'history'""", [previous[0]]).fetchall()}
    steps: list[tuple[str | None, dict[str, model.ModelEvent]]] = []
    others = {k: v for k, v in current.items() if k not in triggers}
    state = {k: v for k, v in state.items() if k in current or k in triggers}
    state.update(others)
    steps.append((None, dict(state)))
    named, pooled = _attributed_individually(current, triggers)
    for event_id in named:
        if event_id in current:
            state[event_id] = current[event_id]
        steps.append((event_id, dict(state)))
    if pooled:
        for event_id in pooled:
            if event_id in current:
                state[event_id] = current[event_id]
        steps.append((f"{POOLED_PREFIX}{len(pooled)}", dict(state)))
    found = []
    before = start
    for event_id, events in steps:
        after = model.totals(model.forecast(list(events.values()), as_of, params)[0])
        for (scenario, year), value in sorted(after.items()):
            found.append((event_id, scenario, year, round(value - before.get((scenario, year), 0.0), 2)))
        before = after
    return found


MAX_ATTRIBUTED_EVENTS = 40
POOLED_PREFIX = "pooled:"  # attribution row for the smaller triggers of a bulk load, pooled


def _attributed_individually(current: Mapping[str, model.ModelEvent], triggers: list[str]) -> tuple[list[str], list[str]]:
    """The triggers attributed one by one, and the rest attributed together.

    Attribution replays the forecast once per step, each replay reading every event: one step
    per trigger is quadratic in a backfill of thousands of awards. The largest
    ``MAX_ATTRIBUTED_EVENTS`` (by amount) keep a step each; the rest share one step whose
    ``event_id`` is ``pooled:<count>``. A day's news never comes near the limit.
    """
    if len(triggers) <= MAX_ATTRIBUTED_EVENTS:
        return sorted(triggers), []
    def size(event_id: str) -> float:
        event = current.get(event_id)
        return float(event.amount_usd or 0.0) if event is not None else 0.0
    ranked = sorted(triggers, key=lambda e: (-size(e), e))
    return sorted(ranked[:MAX_ATTRIBUTED_EVENTS - 1]), sorted(ranked[MAX_ATTRIBUTED_EVENTS - 1:])


def _triggers(con: duckdb.DuckDBPyConnection, recorded_at: datetime, params: Mapping[str, Any]) -> list[str]:
    minimum = float(params["triggers"]["min_funding_round_usd"])
    rows = con.execute(
        """SELECT event_id FROM event_versions WHERE recorded_at = ?
           AND (type = 'contract_award' OR (type = 'funding_round' AND amount_usd >= ?)) ORDER BY event_id""",
        [recorded_at, minimum],
    ).fetchall()
    return [row[0] for row in rows]


def _events_at(con: duckdb.DuckDBPyConnection, at: datetime) -> dict[str, model.ModelEvent]:
    rows = con.execute(
        """SELECT event_id, type, amount_usd, amount_kind, event_date, outcome FROM event_versions
           WHERE recorded_at <= ? QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY recorded_at DESC) = 1
           ORDER BY event_id""",
        [at],
    ).fetchall()
    return {row[0]: model.ModelEvent(*row) for row in rows}


def _hash(inputs: Mapping[str, Any], events: Mapping[str, model.ModelEvent]) -> str:
    payload = json.dumps({"inputs": inputs, "events": [list(map(str, vars(e).values())) for e in events.values()]},
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def latest_version(con: duckdb.DuckDBPyConnection) -> int | None:
    return scalar(con, "SELECT max(version_id) FROM forecast_versions")
