"""The market-size model: transparent, deterministic, and a pure function of its inputs.

History (2019 to the base year) is the base-year value (USD 2.0 billion in 2024) discounted at
the historical growth rate. The forecast to 2035 is, per scenario,

    value(y) = base * prod over years (1 + g) + share * backlog(y)

* ``g`` is the scenario's growth rate moved by the driver index
  ``D = sum of weight * clip(ln(driver / reference), -1, 1)`` (contracted government demand and
  private funding over the trailing twelve months, mission success rate over three years),
  times ``elasticity``; after ``taper_after`` the rate is multiplied by ``taper``;
* ``backlog(y)`` is the contracted value of awards (ceilings excluded) recognised evenly over
  the ``spread_years`` after each award's year; ``share`` is the scenario's part of it that is
  market revenue.

One elasticity for all scenarios keeps them apart by their growth rates and backlog shares:
optimistic >= baseline >= pessimistic in every year. Each scenario-year is split by every
segment dimension with the shares of the model file.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

SCENARIOS = ("baseline", "optimistic", "pessimistic")


@dataclass(frozen=True)
class ModelEvent:
    """What the model reads of an event."""

    event_id: str
    type: str
    amount_usd: float | None
    amount_kind: str | None
    event_date: date | None
    outcome: str | None


@dataclass(frozen=True)
class Drivers:
    contract_value_ttm: float
    private_funding_ttm: float
    mission_success_rate: float | None

    def as_dict(self) -> dict[str, Any]:
        return {"contract_value_ttm": self.contract_value_ttm, "private_funding_ttm": self.private_funding_ttm,
                "mission_success_rate": self.mission_success_rate}


def drivers(events: Iterable[ModelEvent], as_of: date, params: Mapping[str, Any]) -> Drivers:
    kinds = set(params["backlog"]["amount_kinds"])
    year_ago = as_of - timedelta(days=365)
    three_years = as_of - timedelta(days=3 * 365)
    contract = funding = 0.0
    attempts = successes = 0
    for event in events:
        if event.event_date is None or event.event_date > as_of:
            continue
        recent = event.event_date > year_ago
        if event.type == "contract_award" and recent and event.amount_usd and (event.amount_kind or "stated") in kinds:
            contract += event.amount_usd
        elif event.type == "funding_round" and recent and event.amount_usd:
            funding += event.amount_usd
        elif event.type == "mission_outcome" and event.event_date > three_years:
            attempts += 1
            successes += event.outcome == "success"
    return Drivers(contract, funding, successes / attempts if attempts else None)


def driver_index(found: Drivers, params: Mapping[str, Any]) -> float:
    total = 0.0
    for name, spec in params["drivers"].items():
        value = getattr(found, name)
        if value is None:
            continue  # no evidence either way: the driver is neutral
        reference = float(spec.get("reference_usd", spec.get("reference")))
        ratio = math.log(value / reference) if value > 0 else -1.0
        total += float(spec["weight"]) * max(-1.0, min(1.0, ratio))
    return total


def backlog_by_year(events: Iterable[ModelEvent], params: Mapping[str, Any]) -> dict[int, float]:
    """Contracted value recognised per year: each award spread over the years after its own."""
    kinds = set(params["backlog"]["amount_kinds"])
    spread = int(params["backlog"]["spread_years"])
    by_year: dict[int, float] = {}
    for event in events:
        if event.type != "contract_award" or not event.amount_usd or event.event_date is None:
            continue
        if (event.amount_kind or "stated") not in kinds:
            continue
        for offset in range(1, spread + 1):
            year = event.event_date.year + offset
            by_year[year] = by_year.get(year, 0.0) + event.amount_usd / spread
    return by_year


def forecast(events: list[ModelEvent], as_of: date, params: Mapping[str, Any]) -> tuple[list[tuple], dict[str, Any]]:
    """Rows (year, scenario, segment_dim, segment, value_usd) and the inputs they came from."""
    base_year = int(params["base_year"])
    base = float(params["base_value_usd"])
    found = drivers(events, as_of, params)
    index = driver_index(found, params)
    backlog = backlog_by_year(events, params)
    rows: list[tuple] = []
    for year in range(int(params["first_history_year"]), base_year + 1):
        value = base / (1 + float(params["history_growth"])) ** (base_year - year)
        rows.extend(_split(year, "history", value, params))
    for scenario in SCENARIOS:
        spec = params["scenarios"][scenario]
        growth = float(spec["cagr"]) + float(params["elasticity"]) * index
        value = base
        for year in range(base_year + 1, int(params["last_forecast_year"]) + 1):
            rate = growth * (float(params["taper"]) if year > int(params["taper_after"]) else 1.0)
            value *= 1 + rate
            total = value + float(spec["backlog_share"]) * backlog.get(year, 0.0)
            rows.extend(_split(year, scenario, total, params))
    inputs = {
        "as_of": as_of.isoformat(),
        "drivers": found.as_dict(),
        "driver_index": round(index, 10),
        "backlog_by_year": {str(y): round(v, 2) for y, v in sorted(backlog.items())},
        "events": len(events),
    }
    return rows, inputs


def _split(year: int, scenario: str, value: float, params: Mapping[str, Any]) -> list[tuple]:
    rows = [(year, scenario, "total", "total", round(value, 2))]
    for dimension, shares in params["segments"].items():
        for segment, share in shares.items():
            rows.append((year, scenario, dimension, segment, round(value * float(share), 2)))
    return rows


def totals(rows: Iterable[tuple]) -> dict[tuple[str, int], float]:
    """(scenario, year) -> total value, for the forecast years."""
    return {(scenario, year): value for year, scenario, dim, _seg, value in rows
            if dim == "total" and scenario != "history"}


def validate(params: Mapping[str, Any]) -> None:
    """Clear errors for a broken parameter file: each segment dimension sums to 1, scenarios ordered."""
    for dimension, shares in params["segments"].items():
        total = sum(float(v) for v in shares.values())
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"market.segments.{dimension}: shares sum to {total:.4f}, not 1")
    scenarios = params["scenarios"]
    if not (scenarios["optimistic"]["cagr"] >= scenarios["baseline"]["cagr"] >= scenarios["pessimistic"]["cagr"]):
        raise ValueError("market.scenarios: cagr must be optimistic >= baseline >= pessimistic")
    if not (scenarios["optimistic"]["backlog_share"] >= scenarios["baseline"]["backlog_share"]
            >= scenarios["pessimistic"]["backlog_share"]):
        raise ValueError("market.scenarios: backlog_share must be optimistic >= baseline >= pessimistic")
