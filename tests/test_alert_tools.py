"""Backfill horizon, `spacemine alerts check | preview | backtest`."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from alerts.backtest import backtest, preview
from alerts.outbox import queue_alerts
from alerts.rules import parse_rules
from spacemine.cli import EXIT_USAGE, main
from spacemine.records import Amount, Document, EventCandidate, Evidence, OrgRef
from warehouse.db import Warehouse
from warehouse.load import load_documents, load_events

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
RULES = parse_rules([
    {"id": "big", "event_types": ["contract_award"], "min_amount_usd": 10_000_000},
    {"id": "any-round", "event_types": ["funding_round"]},
])


def _load(settings_or_warehouse, items: list[tuple[str, str, float, date]], at: datetime) -> None:
    warehouse = settings_or_warehouse if isinstance(settings_or_warehouse, Warehouse) else \
        Warehouse.from_settings(settings_or_warehouse)
    docs, pairs = [], []
    for n, (type_, actor, usd, happened) in enumerate(items):
        key = f"{at:%Y%m%d%H}-{n}"
        doc = Document(f"d{key}", "feed", "news", key, f"https://x.test/{key}", f"{actor} {type_}", at, at, "")
        docs.append(doc)
        pairs.append((EventCandidate(type_, (OrgRef(actor, actor),), (), Amount(usd, "USD", usd, "stated", "$"),
                                     Evidence(doc.doc_id, "title", 0, 5, doc.title, "test"), event_date=happened,
                                     date_granularity="day"), doc.content_hash))
    with warehouse.write() as con:
        load_documents(con, docs, at)
        load_events(con, pairs, at)


@pytest.fixture
def warehouse(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "w.duckdb", tmp_path / "published" / "w.duckdb")


def test_events_older_than_the_horizon_when_recorded_never_page(warehouse):
    _load(warehouse, [("contract_award", "fresh", 20e6, MONDAY.date() - timedelta(days=3)),
                      ("contract_award", "backfill", 20e6, MONDAY.date() - timedelta(days=200))], MONDAY)
    with warehouse.write() as con:
        queued = queue_alerts(con, RULES, horizon_days=14)
        assert len(queued) == 1
        assert len(queue_alerts(con, RULES, horizon_days=None)) == 1, "with the guard off the backfill pages too"


def test_backtest_counts_alerts_per_rule_per_week_and_the_backfill_kept_quiet(warehouse):
    _load(warehouse, [("contract_award", "a", 20e6, MONDAY.date()), ("contract_award", "b", 5e6, MONDAY.date()),
                      ("funding_round", "c", 1e6, MONDAY.date())], MONDAY)
    _load(warehouse, [("contract_award", "d", 50e6, MONDAY.date() + timedelta(days=7)),
                      ("contract_award", "old", 50e6, date(2020, 1, 1))], MONDAY + timedelta(days=7))
    with warehouse.read() as con:
        result = backtest(con, RULES, None, 14)
        recent = backtest(con, RULES, (MONDAY + timedelta(days=1)).date(), 14)

    assert result.weeks == ["2026-W45", "2026-W46"]
    assert dict(result.counts["big"]) == {"2026-W45": 1, "2026-W46": 1}
    assert dict(result.counts["any-round"]) == {"2026-W45": 1}
    assert result.suppressed == 1
    assert recent.weeks == ["2026-W46"] and recent.total("big") == 1


def test_preview_lists_what_the_next_run_would_queue(warehouse):
    _load(warehouse, [("contract_award", "a", 20e6, MONDAY.date())], MONDAY)
    with warehouse.read() as con:
        assert [row["rule"] for row in preview(con, RULES, 14)] == ["big"]
    with warehouse.write() as con:
        queue_alerts(con, RULES, horizon_days=14)
    with warehouse.read() as con:
        assert preview(con, RULES, 14) == []


def test_alerts_check_validates_a_rules_file_and_names_the_bad_field(make_settings, tmp_path, capsys):
    make_settings(feeds={})
    good = tmp_path / "good.yaml"
    good.write_text("rules:\n  - {id: big, event_types: [contract_award], min_amount_usd: 5000000}\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: noisy, event_types: [contract_award], min_amount_usd: lots}\n")

    assert main(["alerts", "check", str(good)]) == 0
    assert "big" in capsys.readouterr().out
    assert main(["alerts", "check", str(bad)]) == EXIT_USAGE
    err = " ".join(capsys.readouterr().err.split())
    assert "noisy" in err and "min_amount_usd" in err


def test_alerts_backtest_from_the_command_line(make_settings, capsys):
    settings = make_settings(feeds={}, rules=[{"id": "big", "event_types": ["contract_award"],
                                              "min_amount_usd": 10_000_000}])
    _load(settings, [("contract_award", "a", 20e6, MONDAY.date())], MONDAY)

    assert main(["alerts", "backtest", "--since", "2026-11-01"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "2026-W45" in out and "big" in out


def test_each_run_reads_only_events_recorded_since_and_a_new_rule_reads_the_history_once(warehouse):
    _load(warehouse, [("contract_award", "a", 20e6, MONDAY.date())], MONDAY)
    with warehouse.write() as con:
        assert len(queue_alerts(con, RULES, horizon_days=14)) == 1
        con.execute("DELETE FROM alert_outbox")  # were the history read again, "a" would queue again
        assert queue_alerts(con, RULES, horizon_days=14) == []
    _load(warehouse, [("contract_award", "b", 30e6, MONDAY.date())], MONDAY + timedelta(hours=1))
    with warehouse.write() as con:
        assert len(queue_alerts(con, RULES, horizon_days=14)) == 1, "the newly recorded event"
        wider = RULES + parse_rules([{"id": "all-awards", "event_types": ["contract_award"]}])
        assert len(queue_alerts(con, wider, horizon_days=14)) == 3, "changed rules look at the whole history"
