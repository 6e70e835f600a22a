"""Rule kinds (event filters, forecast moves, source health), routing, cooldown and grouping."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from slack_sdk import WebClient

from alerts.outbox import deliver_alerts, queue_alerts
from alerts.rules import RuleError, parse_rules
from alerts.sinks import SlackSink
from market.forecasts import parameters, update_forecasts
from spacemine.records import Amount, Document, EventCandidate, Evidence, OrgRef
from warehouse.db import Warehouse
from warehouse.load import load_documents, load_events

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def warehouse(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "w.duckdb", tmp_path / "published" / "w.duckdb")


def _load(warehouse: Warehouse, events: list[dict], at: datetime = NOW) -> None:
    docs, pairs = [], []
    for n, spec in enumerate(events):
        key = f"{at:%H%M%S}-{n}"
        doc = Document(f"d{key}", "feed", "news", key, f"https://x.test/{key}", spec["actor"], at, at, "")
        usd = spec.get("usd")
        docs.append(doc)
        pairs.append((EventCandidate(
            spec.get("type", "contract_award"), (OrgRef(spec["actor"].lower(), spec["actor"]),),
            (OrgRef("nasa", "NASA", "agency"),), Amount(usd, "USD", usd, "obligation", "$") if usd else None,
            Evidence(doc.doc_id, "title", 0, 5, spec["actor"], "test"), program=spec.get("program"),
            outcome=spec.get("outcome"), event_date=at.date(), date_granularity="day",
            segments=tuple(spec.get("segments", ()))), doc.content_hash))
    with warehouse.write() as con:
        load_documents(con, docs, at)
        load_events(con, pairs, at)
        update_forecasts(con, parameters())


def _queued(warehouse: Warehouse, rules, now: datetime = NOW) -> list[str]:
    with warehouse.write() as con:
        return queue_alerts(con, rules, now=now, horizon_days=14)


@pytest.mark.parametrize("rule, expected", [
    ({"organisations": ["astrobotic"]}, {"astrobotic"}),
    ({"organisations": ["Firefly Aerospace"]}, {"firefly aerospace"}),
    ({"programs": ["CLPS"]}, {"astrobotic"}),
    ({"segments": ["body:asteroid"]}, {"astroforge"}),
    ({"event_types": ["mission_outcome"], "outcomes": ["failure"]}, {"ispace"}),
])
def test_event_rule_filters(warehouse, rule, expected):
    _load(warehouse, [{"actor": "Astrobotic", "usd": 5e6, "program": "CLPS", "segments": ["body:lunar"]},
                      {"actor": "Firefly Aerospace", "usd": 7e6, "segments": ["body:lunar"]},
                      {"actor": "AstroForge", "usd": 1e6, "segments": ["body:asteroid"]},
                      {"actor": "ispace", "type": "mission_outcome", "outcome": "failure"}])
    rules = parse_rules([{"id": "r", "event_types": ["contract_award"], **rule}])
    with warehouse.write() as con:
        queue_alerts(con, rules, now=NOW, horizon_days=14)
        subjects = {row[0] for row in con.execute("SELECT subject FROM alert_outbox").fetchall()}
    assert subjects == expected


def test_a_forecast_move_alerts_once_per_version_and_names_what_moved_it(warehouse):
    rules = parse_rules([{"id": "move", "kind": "forecast", "scenario": "baseline", "year": 2030,
                          "min_change_pct": 0.01}])
    _load(warehouse, [{"actor": "Astrobotic", "usd": 50e6}])
    _load(warehouse, [{"actor": "Firefly Aerospace", "usd": 900e6}], NOW + timedelta(hours=1))

    first = _queued(warehouse, rules)
    assert len(first) == 1 and _queued(warehouse, rules) == []
    with warehouse.read() as con:
        text = con.execute("SELECT text FROM alert_outbox").fetchall()[0][0]
    assert "Forecast baseline 2030" in text


def test_a_failing_source_alerts_once_per_failure_streak_with_a_cooldown(warehouse):
    rules = parse_rules([{"id": "down", "kind": "source_health", "min_consecutive_failures": 3,
                          "cooldown_minutes": 60}])
    with warehouse.write() as con:
        con.execute("INSERT INTO source_state (source_id, kind, url, consecutive_failures, last_error)"
                    " VALUES ('spacenews', 'news', 'https://x.test/rss', 4, 'HTTP 503')")
    assert len(_queued(warehouse, rules)) == 1
    assert _queued(warehouse, rules, NOW + timedelta(minutes=5)) == []


def test_routing_and_grouping_deliver_a_flood_as_one_message_once(warehouse, slack_api):
    rules = parse_rules([{"id": "all", "event_types": ["contract_award"], "channel": "C0SPACEMINE",
                          "group_over": 3}])
    _load(warehouse, [{"actor": f"Company {n}", "usd": 1e6 * (n + 1)} for n in range(12)])
    sink = SlackSink(WebClient(token=slack_api.token, base_url=slack_api.api_url), "#space-signals")
    _queued(warehouse, rules)
    with warehouse.write(transactional=False) as con:
        first = deliver_alerts(con, sink, NOW, rules)
        again = deliver_alerts(con, sink, NOW, rules)

    assert first.delivered == 12 and again.delivered == 0
    (post,) = slack_api.posts
    assert post["channel"] == "C0SPACEMINE" and "12 alerts from rule all" in post["text"]


@pytest.mark.parametrize("rule, field", [
    ({"id": "f", "kind": "forecast"}, "min_change_pct"),
    ({"id": "f", "kind": "forecast", "min_change_pct": 5, "scenario": "rosy"}, "scenario"),
    ({"id": "s", "kind": "source_health"}, "min_consecutive_failures"),
    ({"id": "s", "kind": "source_health", "stale_hours": -1}, "stale_hours"),
    ({"id": "e", "event_types": ["mission_outcome"], "outcomes": ["meh"]}, "outcomes"),
    ({"id": "e", "event_types": ["contract_award"], "cooldown_minutes": 1.5}, "cooldown_minutes"),
    ({"id": "k", "kind": "weather"}, "kind"),
    ({"id": "e", "event_types": ["contract_award"], "scenario": "baseline"}, "scenario"),
])
def test_rule_kind_errors_name_the_rule_and_field(rule, field):
    with pytest.raises(RuleError) as raised:
        parse_rules([rule], "rules.yaml")
    assert rule["id"] in str(raised.value) and field in str(raised.value)


def test_an_indicator_rule_fires_when_the_trailing_window_jumps(warehouse):
    from market.indicators import update_indicators

    rules = parse_rules([{"id": "surge", "kind": "indicator", "indicator": "contract_value_usd", "window_days": 30,
                          "min_change_pct": 50}])
    early = NOW - timedelta(days=40)
    _load(warehouse, [{"actor": "Astrobotic", "usd": 10e6}], early)
    _load(warehouse, [{"actor": "Firefly Aerospace", "usd": 30e6}])
    with warehouse.write() as con:
        update_indicators(con)

    fired = _queued(warehouse, rules)
    assert len(fired) == 1 and _queued(warehouse, rules) == []
    with warehouse.read() as con:
        text = con.execute("SELECT text FROM alert_outbox").fetchall()[0][0]
    assert "USD 30.0M over the last 30 days" in text and "+200%" in text


def test_an_indicator_rule_needs_a_known_series_and_a_condition():
    with pytest.raises(RuleError, match="indicator"):
        parse_rules([{"id": "x", "kind": "indicator", "indicator": "vibes", "threshold": 1}])
    with pytest.raises(RuleError, match="min_change_pct"):
        parse_rules([{"id": "x", "kind": "indicator", "indicator": "funding_usd"}])
