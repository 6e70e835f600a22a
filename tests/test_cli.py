"""The `spacemine` command line: query formats and read-only-ness, digest preview, reset, config."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from datetime import date, datetime, timedelta, timezone

import duckdb
import pytest

from spacemine.cli import EXIT_USAGE, main
from spacemine.records import Amount, Document, EventCandidate, Evidence, OrgRef
from spacemine.settings import Settings
from warehouse.db import Warehouse
from warehouse.load import load_documents, load_events

COUNT_SQL = "select type, count(*) n from events group by 1"
# (type, actor, amount in USD): the events the populated warehouse holds
EVENTS = [
    ("contract_award", "Astro Mining", 30_000_000.0),
    ("contract_award", "Deep Drill", 12_500_000.0),
    ("contract_award", "Regolith Works", None),
    ("funding_round", "Rocket Startup", 5_000_000.0),
    ("funding_round", "Stealth Labs", None),
    ("partnership", "Lunar Partners", None),
]
EXPECTED_COUNTS = Counter(t for t, _, _ in EVENTS)


def flat(text: str) -> str:
    """Output with the terminal's line wrapping undone."""
    return " ".join(text.split())


def squashed(text: str) -> str:
    """Output with all whitespace removed (rich folds long paths mid-word)."""
    return "".join(text.split())


def populate(settings: Settings, now: datetime | None = None) -> None:
    now = now or datetime.now(timezone.utc) - timedelta(minutes=5)
    docs, pairs = [], []
    for n, (event_type, actor, usd) in enumerate(EVENTS):
        title = f"{actor}: {event_type.replace('_', ' ')}"
        doc = Document(f"doc-{n}", "feed_a", "news", f"ext-{n}", f"https://news.example.com/{n}", title,
                       now - timedelta(hours=1), now, "")
        amount = Amount(usd, "USD", usd, "stated", f"${usd:,.0f}") if usd is not None else None
        candidate = EventCandidate(event_type, (OrgRef(actor.lower().replace(" ", "_"), actor),), (), amount,
                                   Evidence(doc.doc_id, "title", 0, len(title), title, "test"),
                                   event_date=date(2026, 11, 20), date_granularity="day", confidence=0.9)
        docs.append(doc)
        pairs.append((candidate, doc.content_hash))
    with Warehouse.from_settings(settings).write() as con:
        load_documents(con, docs, now)
        load_events(con, pairs, now)


@pytest.fixture
def populated(make_settings) -> Settings:
    settings = make_settings(feeds={})
    populate(settings)
    return settings


def snapshot(settings: Settings) -> dict:
    """File hashes plus the tables and row counts of both the warehouse and the published copy."""
    state = {}
    for path in (settings.warehouse_path, settings.published_path):
        state[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        with duckdb.connect(str(path), read_only=True) as con:
            tables = [r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
            ).fetchall()]
            state[f"{path}:tables"] = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0]
                                       for t in tables}
    return state


# query ----------------------------------------------------------------------------------------
def test_query_before_any_warehouse_exists_says_how_to_make_one(make_settings, capsys):
    settings = make_settings(feeds={})
    assert main(["query", COUNT_SQL]) == 1
    out, err = capsys.readouterr()
    message = flat(err)
    assert "`spacemine run`" in message and "`make demo`" in message
    assert "Traceback" not in err and out == ""
    assert not settings.warehouse_path.exists()


def test_query_table_format(populated, capsys):
    assert main(["query", COUNT_SQL]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("┃"))
    assert [c.strip() for c in header.strip("┃").split("┃")] == ["type", "n"]
    cells = [[c.strip() for c in line.strip("│").split("│")] for line in lines if line.startswith("│")]
    assert {t: int(n) for t, n in cells} == dict(EXPECTED_COUNTS)
    assert f"{len(EXPECTED_COUNTS)} row(s)" in out


def test_query_csv_format(populated, capsys):
    assert main(["query", "--format", "csv", COUNT_SQL]) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["type", "n"]
    assert {t: int(n) for t, n in rows[1:]} == dict(EXPECTED_COUNTS)
    assert len(rows) == 1 + len(EXPECTED_COUNTS)


def test_query_json_format(populated, capsys):
    assert main(["query", "--format", "json", COUNT_SQL]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and all(set(row) == {"type", "n"} for row in data)
    assert {row["type"]: row["n"] for row in data} == dict(EXPECTED_COUNTS)


def test_query_json_format_handles_lists_dates_and_nulls(populated, capsys):
    sql = ("select actor_names, event_date, amount_usd, first_seen_at from events "
           "where actor_names[1] in ('Astro Mining', 'Stealth Labs') order by amount_usd nulls last")
    assert main(["query", "--format", "json", sql]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(r["actor_names"], r["event_date"], r["amount_usd"]) for r in data] == [
        (["Astro Mining"], "2026-11-20", 30_000_000.0), (["Stealth Labs"], "2026-11-20", None)]
    assert all(datetime.fromisoformat(r["first_seen_at"]) for r in data)


@pytest.mark.parametrize(
    "sql",
    [
        "insert into events select * from events",
        "delete from events",
        "update events set amount_usd = 0",
        "create table notes (a int)",
        "create view v as select 1",
        "drop table events",
        "alter table events add column x int",
        "select 1; drop table documents",
    ],
)
def test_query_refuses_write_statements(populated, capsys, sql):
    before = snapshot(populated)
    code = main(["query", sql])
    out, err = capsys.readouterr()
    assert code != 0
    assert err.strip()
    assert snapshot(populated) == before
    assert main(["query", "--format", "csv", "select count(*) n from events"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", str(len(EVENTS))]


@pytest.mark.parametrize(
    "sql, fragment",
    [
        ("selec type from events", "selec"),
        ("select * from no_such_table", "no_such_table"),
        ("select no_such_column from events", "no_such_column"),
        ("select '[/red]' from no_such_table", "no_such_table"),  # error text is not console markup
        ("select [1, 2][/x] from events", "/x"),
    ],
)
def test_query_invalid_sql_exits_2_with_the_error(populated, capsys, sql, fragment):
    assert main(["query", sql]) == 2
    out, err = capsys.readouterr()
    assert "query failed" in err
    assert fragment in err
    assert "Traceback" not in err


# digest ---------------------------------------------------------------------------------------
def test_digest_preview_prints_the_digest_and_stores_nothing(populated, capsys):
    assert main(["digest", "--preview", "--date", "2026-11-21"]) == 0
    out = flat(capsys.readouterr().out)
    assert "spacemine daily digest — 2026-11-21" in out
    assert f"{len(EVENTS)} new event(s)" in out
    assert "Astro Mining" in out and "Lunar Partners" in out
    with duckdb.connect(str(populated.warehouse_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM digests").fetchall() == [(0,)]
    assert not populated.outbox_dir.exists()


def test_digest_without_preview_stores_and_delivers_once(populated, capsys):
    assert main(["digest", "--date", "2026-11-21"]) == 0
    first = flat(capsys.readouterr().out)
    assert "spacemine daily digest — 2026-11-21" in first and "delivered" in first
    assert first.count("spacemine digests") == 1  # the console sink's panel: posted once
    written = populated.outbox_dir / "digests" / "2026-11-21.md"
    assert written.read_text(encoding="utf-8").startswith("# spacemine daily digest — 2026-11-21")
    written.unlink()
    assert main(["digest", "--date", "2026-11-21"]) == 0
    second = flat(capsys.readouterr().out)
    assert "delivered" in second and second.count("spacemine digests") == 0  # not posted again
    assert not written.exists()
    with duckdb.connect(str(populated.warehouse_path), read_only=True) as con:
        assert con.execute("SELECT digest_date, status, event_count FROM digests").fetchall() == [
            (date(2026, 11, 21), "delivered", len(EVENTS))]


# config and reset -----------------------------------------------------------------------------
def test_config_show_masks_the_slack_token(make_settings, slack_api, capsys):
    make_settings(feeds={"feed_a": "https://feeds.example.com/rss"}, slack=slack_api)
    assert main(["config", "show"]) == 0
    out, err = capsys.readouterr()
    assert slack_api.token not in out and slack_api.token not in err
    assert "***" in out
    assert "#space-signals" in out and "feed_a" in out


def test_config_show_without_a_token(make_settings, capsys):
    make_settings(feeds={})
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert '"token": null' in out and "***" not in out


def test_reset_without_yes_deletes_nothing(populated, capsys):
    before = snapshot(populated)
    assert main(["reset"]) == 0
    out = squashed(capsys.readouterr().out)
    assert "--yes" in out and "woulddelete" in out
    assert str(populated.warehouse_path) in out and str(populated.published_path.parent) in out
    assert snapshot(populated) == before


def test_reset_with_yes_removes_the_warehouse(populated, capsys):
    assert main(["reset", "--yes"]) == 0
    capsys.readouterr()
    assert not populated.warehouse_path.exists()
    assert not populated.published_path.exists()
    assert main(["query", COUNT_SQL]) == 1
    assert "`spacemine run`" in flat(capsys.readouterr().err)


def test_reset_on_an_empty_data_dir(make_settings, capsys):
    settings = make_settings(feeds={})
    assert main(["reset", "--yes"]) == 0
    assert "nothing to delete" in flat(capsys.readouterr().out)
    assert not settings.warehouse_path.exists()


def test_query_cannot_write_files_outside_the_warehouse(populated, capsys, tmp_path):
    target = tmp_path / "leak.csv"
    code = main(["query", f"copy (select * from events) to '{target}'"])
    assert code == EXIT_USAGE
    assert not target.exists()


def test_query_json_format_nests_json_columns(populated, capsys):
    assert main(["query", "--format", "json", "select payload from documents limit 1"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert isinstance(row["payload"], dict)


def test_query_shows_every_events_sentence_and_url(populated, capsys):
    sql = "select type, actor_names, sentence, url from event_sources order by url"
    assert main(["query", "--format", "json", sql]) == 0
    rows = json.loads(capsys.readouterr().out)

    assert len(rows) == len(EVENTS)
    for row, (event_type, actor, _) in zip(rows, EVENTS):
        assert row["type"] == event_type and row["actor_names"] == [actor]
        assert row["sentence"].startswith(actor) and row["url"].startswith("https://news.example.com/")


def test_forecast_and_charts_from_the_command_line(populated, capsys):
    assert main(["forecast", "--reason", "test"]) == 0
    out = flat(capsys.readouterr().out)
    assert "Market size, USD billion" in out and "2.00" in out  # the 2024 anchor

    for name in ("market-size", "flows"):
        assert main(["chart", name]) == 0
        path = populated.home / "charts" / f"{name}.png"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_chart_before_any_forecast_says_what_to_run(make_settings, capsys):
    settings = make_settings(feeds={})
    populate(settings)
    assert main(["chart", "market-size"]) == 1
    assert "spacemine forecast" in flat(capsys.readouterr().err)
