"""Alerts: Slack escaping, rules, the outbox and its sinks (Slack via the loopback fake, console)."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import duckdb
import pytest
from rich.console import Console
from slack_sdk import WebClient

from alerts.outbox import deliver_alerts, pending_alerts, queue_alerts
from alerts.rules import EventRule, RuleError, parse_rules, rules_from_settings, shipped_rules, SEVERITIES
from alerts.sinks import ConsoleFileSink, DeliveryError, SlackSink, make_sink
from alerts.slack_format import SlackMessage, alert_message, escape, link
from spacemine import pipeline
from spacemine.records import EVENT_TYPES, Amount, Document, EventCandidate, Evidence, OrgRef
from spacemine.settings import Secret, load_settings
from warehouse.db import Warehouse
from warehouse.load import load_documents, load_events

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
MENTION = "<!channel> big news"
FOREIGN_LINK = "<https://example.com|click>"


# Helpers ------------------------------------------------------------------------------------
@dataclass
class Spec:
    """One event to load: its own document, one candidate, the evidence sentence."""

    type: str
    actors: tuple[str, ...]
    usd: float | None = None
    title: str = ""
    sentence: str = ""
    url: str | None = None
    source_id: str = "feed_a"
    counterparties: tuple[str, ...] = ()
    program: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _org(name: str) -> OrgRef:
    return OrgRef(re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "org", name)


def load_specs(warehouse: Warehouse, specs: list[Spec], now: datetime = NOW) -> list[str]:
    """Load one document + one candidate per spec; return the event ids in spec order."""
    docs, pairs = [], []
    for spec in specs:
        n = len(docs)
        title = spec.title or f"{spec.type} {' '.join(spec.actors)} {n}"
        doc = Document(
            doc_id=f"doc-{spec.source_id}-{n}-{now:%Y%m%d%H%M%S%f}", source_id=spec.source_id, kind="news",
            external_id=f"ext-{n}", url=spec.url or f"https://news.example.com/{spec.source_id}/{n}",
            title=title, published_at=now - timedelta(hours=1), fetched_at=now, text=spec.sentence,
        )
        amount = (Amount(value=spec.usd, currency="USD", usd=spec.usd, kind="stated", text=f"${spec.usd:,.0f}")
                  if spec.usd is not None else None)
        sentence = spec.sentence or title
        candidate = EventCandidate(
            type=spec.type, actors=tuple(_org(a) for a in spec.actors),
            counterparties=tuple(_org(c) for c in spec.counterparties), amount=amount,
            evidence=Evidence(doc.doc_id, "text" if spec.sentence else "title", 0, len(sentence), sentence, "test"),
            program=spec.program, event_date=date(2026, 11, 20), date_granularity="day", confidence=0.9,
        )
        docs.append(doc)
        pairs.append((candidate, doc.content_hash))
    with warehouse.write() as con:
        load_documents(con, docs, now)
        load_events(con, pairs, now)
    return [c.resolution_key() for c, _ in pairs]


def block_texts(blocks: Any) -> list[str]:
    """Every "text" string anywhere in a Block Kit structure."""
    found: list[str] = []
    if isinstance(blocks, dict):
        for key, value in blocks.items():
            if key == "text" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(block_texts(value))
    elif isinstance(blocks, list):
        for item in blocks:
            found.extend(block_texts(item))
    return found


def outbox_rows(warehouse: Warehouse) -> dict[str, dict[str, Any]]:
    with warehouse.read() as con:
        cursor = con.execute("SELECT * FROM alert_outbox")
        names = [d[0] for d in cursor.description]
        return {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}


@pytest.fixture
def warehouse(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "wh" / "warehouse.duckdb", tmp_path / "wh" / "published" / "warehouse.duckdb")


BIG = EventRule("big-award", "awards of USD 10M or more", ("contract_award",), 10_000_000, "high")
ANY_ROUND = EventRule("any-round", "every funding round", ("funding_round",), None, "info")

SPECS = [
    Spec("contract_award", ("Astro Mining",), 25_000_000),   # BIG
    Spec("contract_award", ("Small Sat Co",), 2_000_000),    # below BIG's minimum
    Spec("contract_award", ("Quiet Corp",), None),           # no amount: never BIG
    Spec("funding_round", ("Rocket Startup",), 5_000_000),   # ANY_ROUND
    Spec("funding_round", ("Stealth Labs",), None),          # ANY_ROUND (no minimum)
    Spec("partnership", ("Lunar Partners",), 99_000_000),    # no rule for this type
]
EXPECTED = {("big-award", 0), ("any-round", 3), ("any-round", 4)}  # (rule, index into SPECS)


# escape / link ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, expected",
    [
        ("plain text", "plain text"),
        ("R&D", "R&amp;D"),
        ("a < b", "a &lt; b"),
        ("a > b", "a &gt; b"),
        ("<!channel>", "&lt;!channel&gt;"),
        ("<@U123>", "&lt;@U123&gt;"),
        (FOREIGN_LINK, "&lt;https://example.com|click&gt;"),
        ("&lt;", "&amp;lt;"),          # & first, or an entity in the input would survive as markup
        ("&amp;", "&amp;amp;"),
        ("&<>", "&amp;&lt;&gt;"),
        ("", ""),
        (None, ""),
    ],
)
def test_escape(raw, expected):
    assert escape(raw) == expected


@pytest.mark.parametrize(
    "url, label, expected",
    [
        ("https://example.com/a", "Story", "<https://example.com/a|Story>"),
        ("http://example.com/a?x=1&y=2", "Q&A", "<http://example.com/a?x=1&amp;y=2|Q&amp;A>"),
        ("https://example.com/a", "<!channel>", "<https://example.com/a|&lt;!channel&gt;>"),
        # refused: shown as the escaped label, never as a link
        ("javascript:alert(1)", "Story", "Story"),
        ("JAVASCRIPT:alert(1)", "Story", "Story"),
        ("ftp://example.com/file", "Story", "Story"),
        ("https://example.com/a|<!channel>", "Story", "Story"),
        ("https://example.com/a>b", "Story", "Story"),
        ("https://example.com/<a", "Story", "Story"),
        ("https://example.com/a b", "Story", "Story"),
        ("https://example.com/a\nb", "Story", "Story"),
        ("javascript:alert(1)", "<b>", "&lt;b&gt;"),
        (None, "Story", "Story"),
        ("", "Story", "Story"),
    ],
)
def test_link(url, label, expected):
    assert link(url, label) == expected


def _hostile_event() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    event = {
        "event_id": "e1", "type": "contract_award",
        "actor_names": [f"Acme {MENTION}", f"Beta {FOREIGN_LINK}"],
        "counterparty_names": [f"NASA {MENTION}"],
        "program": f"Artemis {FOREIGN_LINK}", "stage": None,
        "amount_usd": 12_000_000.0, "amount_currency": "EUR", "amount_text": f"EUR 11M {MENTION}",
    }
    evidence = [
        {"title": f"{MENTION} {FOREIGN_LINK}", "url": "https://news.example.com/story?id=1&ref=rss",
         "source_id": "feed_a", "sentence": f"Acme wins {MENTION} and {FOREIGN_LINK} today."},
        {"title": "Second <!here> source", "url": "https://other.example.org/b", "source_id": "feed_b",
         "sentence": "ignored"},
    ]
    return event, evidence


def test_alert_message_escapes_source_text_and_keeps_own_links():
    event, evidence = _hostile_event()
    message = alert_message(event, evidence, f"rule `x`: {MENTION}")
    texts = [message.text, *block_texts(message.blocks)]
    assert len(texts) >= 3
    for text in texts:
        for raw in ("<!channel>", "<!here>", FOREIGN_LINK, "<https://example.com"):
            assert raw not in text, (raw, text)
    everything = "\n".join(texts)
    # the source text is still shown, escaped
    assert "&lt;!channel&gt; big news" in everything
    assert "&lt;https://example.com|click&gt;" in everything
    # the links spacemine builds itself survive as links
    assert "<https://news.example.com/story?id=1&amp;ref=rss|" in everything
    assert "<https://other.example.org/b|Second &lt;!here&gt; source>" in everything


def test_alert_message_with_no_evidence_still_escapes():
    event, _ = _hostile_event()
    message = alert_message(event, [], "why")
    for text in [message.text, *block_texts(message.blocks)]:
        assert "<!channel>" not in text and FOREIGN_LINK not in text


def test_queued_alert_from_hostile_sources_is_escaped_in_the_outbox(warehouse):
    url = "https://news.example.com/a?b=1&c=2"
    load_specs(warehouse, [Spec("contract_award", (f"Acme {MENTION}",), 50_000_000,
                                title=f"{FOREIGN_LINK} headline", sentence=f"Acme {MENTION} won {FOREIGN_LINK}.",
                                url=url)])
    with warehouse.write() as con:
        assert len(queue_alerts(con, [BIG], NOW)) == 1
    (row,) = outbox_rows(warehouse).values()
    stored = json.loads(row["blocks"])
    for text in [row["text"], *block_texts(stored["blocks"])]:
        assert "<!channel>" not in text and FOREIGN_LINK not in text
    assert f"<{url.replace('&', '&amp;')}|&lt;https://example.com|click&gt; headline>" in json.dumps(stored)


# rules ----------------------------------------------------------------------------------------
def test_shipped_rules_load_and_are_valid():
    rules = shipped_rules()
    assert rules
    assert len({r.id for r in rules}) == len(rules)
    assert {r.kind for r in rules} == {"event", "forecast", "source_health", "indicator"}
    for rule in rules:
        assert rule.severity in SEVERITIES
        if rule.kind == "event":
            assert rule.event_types and set(rule.event_types) <= set(EVENT_TYPES)
            assert rule.min_amount_usd is None or rule.min_amount_usd >= 0
    assert rules_from_settings(None) == rules


def test_configured_rules_replace_shipped_ones():
    rules = rules_from_settings([{"id": "mine", "event_types": ["acquisition"]}])
    assert [(r.id, r.event_types, r.severity, r.min_amount_usd) for r in rules] == [
        ("mine", ("acquisition",), "notable", None)]


GOOD = {"id": "r1", "event_types": ["contract_award"], "min_amount_usd": 1000, "severity": "high"}


@pytest.mark.parametrize(
    "rules, rule_name, field_name",
    [
        ([{k: v for k, v in GOOD.items() if k != "id"}], "[0]", "id"),
        ([{**GOOD, "id": "  "}], "[0]", "id"),
        ([{**GOOD, "event_types": []}], "r1", "event_types"),
        ([{k: v for k, v in GOOD.items() if k != "event_types"}], "r1", "event_types"),
        ([{**GOOD, "event_types": "contract_award"}], "r1", "event_types"),
        ([{**GOOD, "event_types": ["contract_award", "moon_landing"]}], "r1", "event_types"),
        ([{**GOOD, "min_amount_usd": -1}], "r1", "min_amount_usd"),
        ([{**GOOD, "min_amount_usd": "10M"}], "r1", "min_amount_usd"),
        ([{**GOOD, "min_amount_usd": True}], "r1", "min_amount_usd"),
        ([{**GOOD, "severity": "urgent"}], "r1", "severity"),
        ([{**GOOD, "colour": "red"}], "r1", "colour"),
        ([GOOD, {**GOOD, "severity": "info"}], "r1", "duplicate"),
        ([GOOD, {**GOOD, "id": "r2", "severity": "loud"}], "r2", "severity"),
    ],
    ids=["missing-id", "blank-id", "empty-types", "missing-types", "types-not-list", "unknown-type",
         "negative-min", "text-min", "bool-min", "bad-severity", "unknown-field", "duplicate-id",
         "second-rule"],
)
def test_rule_validation_errors_name_rule_and_field(rules, rule_name, field_name):
    with pytest.raises(RuleError) as info:
        parse_rules(rules, "my-rules")
    message = str(info.value)
    assert "my-rules" in message
    assert rule_name in message
    assert field_name in message


def test_unknown_event_type_is_named():
    with pytest.raises(RuleError, match="moon_landing"):
        parse_rules([{**GOOD, "event_types": ["moon_landing"]}])


def test_valid_rule_parses():
    (rule,) = parse_rules([GOOD])
    assert rule == EventRule("r1", "r1", ("contract_award",), 1000.0, "high")


RULE_10M = EventRule("r", "d", ("contract_award", "funding_round"), 10_000_000)
RULE_ANY = EventRule("r", "d", ("contract_award",), None)


@pytest.mark.parametrize(
    "rule, event, expected",
    [
        (RULE_10M, {"type": "contract_award", "amount_usd": 10_000_000.0}, True),
        (RULE_10M, {"type": "funding_round", "amount_usd": 50_000_000.0}, True),
        (RULE_10M, {"type": "contract_award", "amount_usd": 9_999_999.0}, False),
        (RULE_10M, {"type": "contract_award", "amount_usd": None}, False),
        (RULE_10M, {"type": "contract_award"}, False),
        (RULE_10M, {"type": "acquisition", "amount_usd": 1e12}, False),
        (RULE_ANY, {"type": "contract_award", "amount_usd": None}, True),
        (RULE_ANY, {"type": "contract_award", "amount_usd": 1.0}, True),
        (RULE_ANY, {"type": "funding_round", "amount_usd": 1e9}, False),
        (EventRule("r", "d", ("contract_award",), 0), {"type": "contract_award", "amount_usd": None}, False),
        (EventRule("r", "d", ("contract_award",), 0), {"type": "contract_award", "amount_usd": 0.0}, True),
    ],
)
def test_rule_matches(rule, event, expected):
    assert rule.matches(event) is expected


# outbox -------------------------------------------------------------------------------------
def test_queue_alerts_matches_rules_and_is_idempotent(warehouse):
    event_ids = load_specs(warehouse, SPECS)
    with warehouse.write() as con:
        first = queue_alerts(con, [BIG, ANY_ROUND], NOW)
        second = queue_alerts(con, [BIG, ANY_ROUND], NOW + timedelta(hours=1))
    assert second == []
    assert len(first) == len(set(first)) == len(EXPECTED)
    rows = outbox_rows(warehouse)
    assert set(rows) == set(first)
    assert {(r["rule_id"], r["event_id"]) for r in rows.values()} == {
        (rule, event_ids[i]) for rule, i in EXPECTED}
    assert all(r["status"] == "pending" and r["attempts"] == 0 for r in rows.values())
    assert {r["severity"] for r in rows.values() if r["rule_id"] == "big-award"} == {"high"}


def test_queue_alerts_only_queues_new_events(warehouse):
    load_specs(warehouse, SPECS)
    with warehouse.write() as con:
        queue_alerts(con, [BIG, ANY_ROUND], NOW)
    (new_event,) = load_specs(warehouse, [Spec("contract_award", ("Fresh Award Inc",), 40_000_000)],
                              NOW + timedelta(hours=2))
    with warehouse.write() as con:
        added = queue_alerts(con, [BIG, ANY_ROUND], NOW + timedelta(hours=2))
    rows = outbox_rows(warehouse)
    assert len(added) == 1 and rows[added[0]]["event_id"] == new_event
    assert len(rows) == len(EXPECTED) + 1


def test_alert_ids_are_deterministic(tmp_path):
    queued = []
    for name in ("one", "two"):
        wh = Warehouse(tmp_path / name / "w.duckdb", tmp_path / name / "p.duckdb")
        load_specs(wh, SPECS)
        with wh.write() as con:
            queue_alerts(con, [BIG, ANY_ROUND], NOW)
        queued.append({(r["rule_id"], r["event_id"]): a for a, r in outbox_rows(wh).items()})
    assert queued[0] == queued[1]
    # one id per (rule, event): the same event under another rule is another alert
    both = EventRule("both", "d", ("funding_round",), None)
    wh = Warehouse(tmp_path / "one" / "w.duckdb", tmp_path / "one" / "p.duckdb")
    with wh.write() as con:
        extra = queue_alerts(con, [BIG, ANY_ROUND, both], NOW)
    assert len(extra) == 2 and not set(extra) & set(queued[0].values())


def _slack_sink(fake, token=None, channel="#space-signals") -> SlackSink:
    return SlackSink(WebClient(token=token or fake.token, base_url=fake.api_url), channel)


def _posted_keys(fake) -> list[str]:
    return [p["metadata"]["event_payload"]["key"] for p in fake.posts]


def test_deliver_alerts_to_slack_posts_each_alert_once(warehouse, slack_api):
    load_specs(warehouse, SPECS)
    with warehouse.write() as con:
        queued = queue_alerts(con, [BIG, ANY_ROUND], NOW)
    sink = _slack_sink(slack_api)
    with warehouse.write(transactional=False) as con:
        first = deliver_alerts(con, sink)
    with warehouse.write(transactional=False) as con:
        second = deliver_alerts(con, sink)
        assert pending_alerts(con) == []
    assert (first.delivered, first.failed, first.errors) == (len(queued), 0, [])
    assert (second.delivered, second.failed) == (0, 0)
    assert sorted(_posted_keys(slack_api)) == sorted(queued)
    rows = outbox_rows(warehouse)
    for post in slack_api.posts:
        assert post["channel"] == "#space-signals"
        assert post["unfurl_links"] is False
        row = rows[post["metadata"]["event_payload"]["key"]]
        assert post["text"] == row["text"]
        assert post["blocks"] == json.loads(row["blocks"])["blocks"]
        assert row["status"] == "delivered"
        assert row["delivery_ref"] == post["ts"]
        assert row["delivered_to"] == "slack:#space-signals"
        assert row["attempts"] == 1 and row["last_error"] is None


@pytest.mark.parametrize(
    "bad_sink, error",
    [
        (lambda fake: _slack_sink(fake, token="xoxb-wrong-token-0000"), "invalid_auth"),
        (lambda fake: _slack_sink(fake, channel="#no-such-channel"), "channel_not_found"),
    ],
    ids=["wrong-token", "unknown-channel"],
)
def test_slack_api_error_keeps_alert_for_a_later_delivery(warehouse, slack_api, bad_sink, error):
    load_specs(warehouse, SPECS[:1])
    with warehouse.write() as con:
        (alert_id,) = queue_alerts(con, [BIG], NOW)
    with warehouse.write(transactional=False) as con:
        report = deliver_alerts(con, bad_sink(slack_api))
    assert (report.delivered, report.failed) == (0, 1)
    assert error in report.errors[0]
    row = outbox_rows(warehouse)[alert_id]
    assert row["status"] != "delivered" and row["delivery_ref"] is None
    assert error in row["last_error"]
    assert row["attempts"] == 1
    assert slack_api.posts == []

    with warehouse.write(transactional=False) as con:
        good = deliver_alerts(con, _slack_sink(slack_api))
    with warehouse.write(transactional=False) as con:
        again = deliver_alerts(con, _slack_sink(slack_api))
    assert (good.delivered, good.failed, again.delivered) == (1, 0, 0)
    assert _posted_keys(slack_api) == [alert_id]
    row = outbox_rows(warehouse)[alert_id]
    assert row["status"] == "delivered" and row["delivery_ref"] == slack_api.posts[0]["ts"]
    assert row["last_error"] is None and row["attempts"] == 2


def test_a_slack_that_keeps_failing_is_a_delivery_error(slack_api):
    slack_api.fail_next(500, times=10)
    with pytest.raises(DeliveryError) as raised:
        _slack_sink(slack_api).post("k", SlackMessage("hello"), "alerts")
    assert slack_api.posts == [] and raised.value.ambiguous is False


@pytest.mark.parametrize("status, retry_after", [(429, 1), (500, None), (503, None)])
def test_rate_limits_and_server_errors_are_retried_and_post_once(slack_api, status, retry_after):
    slack_api.fail_next(status, retry_after=retry_after, times=2)

    ts = _slack_sink(slack_api).post("k", SlackMessage("hello"), "alerts")

    assert [p["ts"] for p in slack_api.posts] == [ts]
    assert [m for m, _ in slack_api.calls].count("chat.postMessage") == 3


def test_console_file_sink_writes_markdown_and_prints(warehouse, tmp_path):
    load_specs(warehouse, SPECS)
    with warehouse.write() as con:
        queued = queue_alerts(con, [BIG, ANY_ROUND], NOW)
    out = io.StringIO()
    sink = ConsoleFileSink(tmp_path / "outbox", Console(file=out, width=120))
    with warehouse.write(transactional=False) as con:
        report = deliver_alerts(con, sink)
    assert report.delivered == len(queued)
    rows = outbox_rows(warehouse)
    printed = out.getvalue()
    for alert_id in queued:
        path = tmp_path / "outbox" / "alerts" / f"{alert_id}.md"
        markdown = json.loads(rows[alert_id]["blocks"])["markdown"]
        assert path.read_text(encoding="utf-8").strip() == markdown.strip()
        assert rows[alert_id]["delivery_ref"] == str(path)
        assert rows[alert_id]["delivered_to"] == "console"
    assert printed.count("spacemine alerts") == len(queued)
    assert "Astro Mining" in printed and "Rocket Startup" in printed


def test_make_sink_uses_slack_when_a_token_is_set(make_settings, slack_api):
    sink = make_sink(make_settings(feeds={}, slack=slack_api))
    assert isinstance(sink, SlackSink) and sink.channel == "#space-signals"
    ts = sink.post("k1", SlackMessage("hello", [], "hello"), "alerts")
    assert [p["ts"] for p in slack_api.posts] == [ts]


def test_make_sink_without_a_token_uses_console_and_files(make_settings):
    settings = make_settings(feeds={})
    sink = make_sink(settings, console=Console(file=io.StringIO()))
    assert isinstance(sink, ConsoleFileSink) and sink.directory == settings.outbox_dir
    ref = sink.post("k1", SlackMessage("hello", [], "# hello"), "alerts")
    assert Path(ref) == settings.outbox_dir / "alerts" / "k1.md"


def test_make_sink_refuses_a_token_without_a_channel(make_settings, slack_api, monkeypatch):
    make_settings(feeds={}, slack=slack_api)
    monkeypatch.delenv("SLACK_CHANNEL")
    with pytest.raises(DeliveryError, match="SLACK_CHANNEL"):
        make_sink(load_settings())


def _token_in_warehouse(path: Path, token: str) -> list[str]:
    """Every (table.column) of the warehouse file whose text holds the token."""
    hits = []
    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
        ).fetchall()
        for table, column in columns:
            found = con.execute(
                f'SELECT count(*) FROM "{table}" WHERE contains(CAST("{column}" AS VARCHAR), ?)', [token]
            ).fetchall()[0][0]
            if found:
                hits.append(f"{table}.{column}")
    return hits


def test_slack_token_never_written_to_data_dir_or_warehouse(make_settings, slack_api):
    rules = [{"id": "all", "event_types": list(EVENT_TYPES)}]
    settings = make_settings(feeds={}, slack=slack_api, rules=rules)
    warehouse = Warehouse.from_settings(settings)
    load_specs(warehouse, SPECS)
    with warehouse.write() as con:  # a failing source, named in the digest
        con.execute("INSERT INTO source_state (source_id, kind, url, consecutive_failures, last_error)"
                    " VALUES ('feed_x', 'news', 'https://feed.example.com/rss', 1, 'HTTP 503')")
    slack_api.fail_next(500, times=10)            # a failed attempt is recorded with its error
    assert pipeline.queue_alerts_step(settings)
    failed = pipeline.deliver_alerts_step(settings)
    assert failed["failed"] >= 1
    delivered = pipeline.deliver_alerts_step(settings)
    assert delivered["failed"] == 0 and delivered["delivered"] >= 1
    pipeline.digest_step(settings, date(2026, 11, 21))
    assert len(slack_api.posts) == len(SPECS) + 1  # every alert and the digest reached Slack

    token = slack_api.token
    files = [p for p in settings.home.rglob("*") if p.is_file()]
    assert settings.warehouse_path in files and settings.published_path in files
    leaking = [str(p) for p in files if token.encode() in p.read_bytes()]
    assert leaking == []
    for path in (settings.warehouse_path, settings.published_path):
        assert _token_in_warehouse(path, token) == []


def test_token_scan_would_find_a_leak(tmp_path):
    """The warehouse scan used above does find a token stored in any column."""
    wh = Warehouse(tmp_path / "w.duckdb", None)
    with wh.write() as con:
        con.execute("INSERT INTO source_state (source_id, kind, url, last_error) VALUES ('s', 'news', 'u', ?)",
                    ["auth failed with xoxb-test-0000-secret-token"])
    assert _token_in_warehouse(wh.path, "xoxb-test-0000-secret-token") == ["source_state.last_error"]


class _KilledAfterPosting:
    """Posts for real, then dies before the outbox can record it (a worker killed mid-task)."""

    def __init__(self, sink) -> None:  # noqa: ANN001
        self.sink, self.name = sink, sink.name

    def post(self, key, message, kind, channel=None):  # noqa: ANN001, ANN201
        self.sink.post(key, message, kind, channel=channel)
        raise SystemExit("killed between Slack's answer and the bookkeeping")

    def find(self, key, kind):  # noqa: ANN001, ANN201
        return self.sink.find(key, kind)


def test_a_delivery_killed_after_posting_is_not_posted_again_when_retried(make_settings, slack_api):
    rules = [{"id": "all", "event_types": list(EVENT_TYPES)}]
    settings = make_settings(feeds={}, slack=slack_api, rules=rules)
    load_specs(Warehouse.from_settings(settings), SPECS)
    pipeline.queue_alerts_step(settings)
    sink = _slack_sink(slack_api)

    with pytest.raises(SystemExit):
        pipeline.deliver_alerts_step(settings, sink=_KilledAfterPosting(sink))
    assert len(slack_api.posts) == 1
    slack_api.fail_next(429, retry_after=1)        # and Slack rate-limits the retry
    retried = pipeline.deliver_alerts_step(settings, sink=sink)
    again = pipeline.deliver_alerts_step(settings, sink=sink)

    assert retried["delivered"] == len(SPECS) and again["delivered"] == 0
    keys = [p["metadata"]["event_payload"]["key"] for p in slack_api.posts]
    assert len(keys) == len(set(keys)) == len(SPECS), "every alert exactly once"
    with Warehouse.from_settings(settings).read() as con:
        refs = dict(con.execute("SELECT alert_id, delivery_ref FROM alert_outbox").fetchall())
    assert sorted(refs.values()) == sorted(p["ts"] for p in slack_api.posts)


def test_an_airflow_connection_can_hold_the_slack_token_and_channel(make_settings, slack_api, monkeypatch):
    settings = make_settings(feeds={})
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    monkeypatch.setenv("AIRFLOW_CONN_SLACK_API_DEFAULT", json.dumps(
        {"conn_type": "slack", "password": slack_api.token, "extra": {"channel": "#space-signals"}}))
    settings = replace(settings, slack=replace(settings.slack, api_url=slack_api.api_url))

    sink = make_sink(settings)

    assert isinstance(sink, SlackSink) and sink.channel == "#space-signals"
    sink.post("k", SlackMessage("hello"), "alerts")
    assert [p["text"] for p in slack_api.posts] == ["hello"]


def test_an_incoming_webhook_is_the_alternative_to_a_bot_token(make_settings, monkeypatch):
    from http.server import BaseHTTPRequestHandler, HTTPServer
    import threading

    received = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):  # noqa: ANN002
            return

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings = make_settings(feeds={})
        monkeypatch.delenv("AIRFLOW_CONN_SLACK_API_DEFAULT", raising=False)
        hook = f"http://127.0.0.1:{server.server_address[1]}/services/T0/B0/secret"
        settings = replace(settings, slack=replace(settings.slack, token=Secret(None), webhook_url=Secret(hook)))
        sink = make_sink(settings)
        sink.post("k", SlackMessage("<!channel> big news escaped upstream"), "alerts")
    finally:
        server.shutdown()

    assert sink.name == "slack-webhook" and received[0]["text"].startswith("<!channel>")
    assert received[0]["unfurl_links"] is False
    assert "secret" not in json.dumps(settings.masked())


@pytest.mark.parametrize("sources, url_length", [(3, 40), (400, 300), (30, 5000)])
def test_an_alert_with_many_sources_lists_whole_links_within_slack_limits(sources, url_length):
    event = {"type": "contract_award", "actor_names": ["Astro Mining"], "amount_usd": 5e7, "amount_kind": "obligation"}
    evidence = [{"sentence": "Astro Mining won a $50 million contract.", "source_id": f"s{i}",
                 "url": f"https://news.example.com/{i}/" + "a" * url_length, "title": f"Report <{i}> & more"}
                for i in range(sources)]
    message = alert_message(event, evidence, "rule big-awards")
    assert len(message.blocks) <= 50
    texts = [e["text"] for b in message.blocks for e in b.get("elements", [])] + \
            [b["text"]["text"] for b in message.blocks if "text" in b]
    assert all(len(t) <= 3000 for t in texts)
    for block in message.blocks[1:]:  # every link whole: as many openings as closings, never a cut one
        text = block["elements"][0]["text"]
        assert text.count("<") == text.count(">")
    listed = sum(t.count("Report &lt;") for t in texts)
    more = [int(m) for t in texts for m in re.findall(r"and (\d+) more sources", t)]
    assert listed + sum(more) == sources
    linked = sum(t.count("<https://") for t in texts)
    assert linked == (listed if url_length <= 1000 else 0)
