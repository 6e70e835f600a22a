"""The daily digest: grouping and totals, one digest per date, windows, health, Slack limits."""

from __future__ import annotations

import json

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from slack_sdk import WebClient

from alerts.digest import build_digest, deliver_digest, store_digest
from alerts.sinks import SlackSink
from spacemine import pipeline
from spacemine.records import EVENT_TYPES, Amount, Document, EventCandidate, Evidence, OrgRef
from warehouse.db import Warehouse
from warehouse.load import load_documents, load_events

DAY1 = date(2026, 11, 20)
T0 = datetime(2026, 11, 20, 6, 0, tzinfo=timezone.utc)


# Helpers ------------------------------------------------------------------------------------
@dataclass
class Spec:
    type: str
    actors: tuple[str, ...]
    usd: float | None = None
    url: str | None = None
    source_id: str = "feed_a"
    extra_sources: tuple[tuple[str, str], ...] = ()  # (source_id, url): more reports of the event


def _org(name: str) -> OrgRef:
    return OrgRef(re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:60], name)


def load_specs(warehouse: Warehouse, specs: list[Spec], now: datetime) -> list[str]:
    """One document per report and one candidate per document; the event ids in spec order."""
    docs, pairs, ids = [], [], []
    stamp = f"{now:%Y%m%d%H%M%S%f}"
    for n, spec in enumerate(specs):
        amount = Amount(spec.usd, "USD", spec.usd, "stated", f"${spec.usd:,.0f}") if spec.usd is not None else None
        actors = tuple(_org(a) for a in spec.actors)
        reports = [(spec.source_id, spec.url or f"https://news.example.com/{spec.source_id}/{stamp}/{n}"),
                   *spec.extra_sources]
        for r, (source_id, url) in enumerate(reports):
            title = f"{spec.type} {n} {' '.join(spec.actors)}"
            doc = Document(doc_id=f"d-{stamp}-{n}-{r}", source_id=source_id, kind="news", external_id=f"{n}-{r}",
                           url=url, title=title, published_at=now - timedelta(hours=1), fetched_at=now, text="")
            candidate = EventCandidate(spec.type, actors, (), amount,
                                       Evidence(doc.doc_id, "title", 0, len(title), title, "test"),
                                       event_date=DAY1, date_granularity="day", confidence=0.9)
            docs.append(doc)
            pairs.append((candidate, doc.content_hash))
        ids.append(pairs[-1][0].resolution_key())
    with warehouse.write() as con:
        load_documents(con, docs, now)
        load_events(con, pairs, now)
    return ids


def add_failing_source(warehouse: Warehouse, source_id: str, failures: int, error: str) -> None:
    with warehouse.write() as con:
        con.execute(
            "INSERT INTO source_state (source_id, kind, url, consecutive_failures, last_error, last_error_at)"
            " VALUES (?, 'news', 'https://feeds.example.com/rss', ?, ?, ?)",
            [source_id, failures, error, T0],
        )


def block_texts(blocks: Any) -> list[str]:
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


def digest_rows(warehouse: Warehouse) -> list[tuple]:
    with warehouse.read() as con:
        return con.execute("SELECT digest_date, status, event_count FROM digests ORDER BY 1").fetchall()


def slack_sink(fake) -> SlackSink:
    return SlackSink(WebClient(token=fake.token, base_url=fake.api_url), "#space-signals")


@pytest.fixture
def warehouse(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "warehouse.duckdb", tmp_path / "published" / "warehouse.duckdb")


def build_and_store(warehouse: Warehouse, day: date, now: datetime, max_per_type: int = 50):
    with warehouse.write() as con:
        digest = build_digest(con, day, now, max_per_type)
        store_digest(con, digest, now)
    return digest


# Content --------------------------------------------------------------------------------------
def test_digest_groups_events_by_type_with_totals_amounts_and_sources(warehouse):
    specs = [
        Spec("funding_round", ("Rocket Startup",), 5_000_000),
        Spec("contract_award", ("Astro Mining",), 30_000_000, url="https://spacenews.example.com/astro"),
        Spec("partnership", ("Lunar Partners", "Orbit Works")),
        Spec("contract_award", ("Deep Drill",), 12_500_000,
             extra_sources=(("feed_b", "https://payload.example.com/deep-drill"),)),
        Spec("funding_round", ("Stealth Labs",), None),
    ]
    load_specs(warehouse, specs, T0)
    with warehouse.read() as con:
        digest = build_digest(con, DAY1, T0 + timedelta(hours=1))
    md = digest.message.markdown
    blocks = "\n".join(block_texts(digest.message.blocks))
    assert digest.event_count == 5
    assert md.startswith("# spacemine daily digest — 2026-11-20")
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Contract awards (2, USD 42.5M)",
        "## Funding rounds (2, USD 5.0M)",
        "## Partnerships (1, no disclosed amounts)",
    ]
    for heading in headings:
        assert heading[3:] in blocks
    # every event, its amount, and a link to each report
    assert "- Contract award: Astro Mining — USD 30.0M — [feed_a](https://spacenews.example.com/astro)" in md
    deep = next(line for line in md.splitlines() if "Deep Drill" in line)
    assert "USD 12.5M" in deep and "[feed_b](https://payload.example.com/deep-drill)" in deep
    assert "Funding round: Rocket Startup — USD 5.0M" in md
    assert "Funding round: Stealth Labs —" in md
    assert "Partnership: Lunar Partners, Orbit Works" in md
    assert "<https://spacenews.example.com/astro|feed_a>" in blocks
    assert "<https://payload.example.com/deep-drill|feed_b>" in blocks
    # within a type, the largest amount first
    assert md.index("Astro Mining") < md.index("Deep Drill")
    assert md.index("Rocket Startup") < md.index("Stealth Labs")
    assert "All sources healthy." in md


def test_digest_lists_at_most_max_per_type_and_counts_the_rest(warehouse):
    load_specs(warehouse, [Spec("contract_award", (f"Company {i}",), 1_000_000) for i in range(12)], T0)
    with warehouse.read() as con:
        digest = build_digest(con, DAY1, T0 + timedelta(hours=1), max_per_type=5)
    md = digest.message.markdown
    assert "## Contract awards (12, USD 12.0M)" in md
    assert len([line for line in md.splitlines() if line.startswith("- Contract award:")]) == 5
    assert "…and 7 more" in md and "…and 7 more" in "\n".join(block_texts(digest.message.blocks))


def test_digest_escapes_source_text_in_slack_blocks(warehouse):
    load_specs(warehouse, [Spec("contract_award", ("Acme <!channel> big news", "<https://example.com|click>"),
                                20_000_000)], T0)
    add_failing_source(warehouse, "feed_<!here>", 1, "HTTP 500 <https://evil.example|click>")
    with warehouse.read() as con:
        digest = build_digest(con, DAY1, T0 + timedelta(hours=1))
    texts = [digest.message.text, *block_texts(digest.message.blocks)]
    for text in texts:
        assert "<!channel>" not in text and "<!here>" not in text
        assert "<https://example.com|click>" not in text and "<https://evil.example|click>" not in text
    assert "&lt;!channel&gt; big news" in "\n".join(texts)


def test_empty_day_says_no_new_events(warehouse):
    with warehouse.write():
        pass
    with warehouse.read() as con:
        digest = build_digest(con, DAY1, T0)
    assert digest.event_count == 0
    assert "No new events." in digest.message.markdown
    assert "No new events." in block_texts(digest.message.blocks)
    assert "0 new event(s)" in digest.message.text


@pytest.mark.parametrize("failures, error", [(1, "HTTP 503 Service Unavailable"),
                                             (4, "timed out after 20s"),
                                             (2, "malformed XML: not well-formed (line 3)")])
def test_failing_source_is_named_with_its_error(warehouse, failures, error):
    load_specs(warehouse, [Spec("contract_award", ("Astro Mining",), 30_000_000)], T0)
    add_failing_source(warehouse, "spacenews", failures, error)
    with warehouse.write() as con:  # a healthy source is not listed
        con.execute("INSERT INTO source_state (source_id, kind, url, consecutive_failures)"
                    " VALUES ('healthy_feed', 'news', 'https://ok.example.com/rss', 0)")
    with warehouse.read() as con:
        digest = build_digest(con, DAY1, T0 + timedelta(hours=1))
    md = digest.message.markdown
    blocks = "\n".join(block_texts(digest.message.blocks))
    assert "## Source health" in md
    for text in (md, blocks):
        line = next(line for line in text.splitlines() if "spacenews" in line and "failing" in line)
        assert f"({failures} in a row)" in line and error in line
        assert "healthy_feed" not in text
        assert "All sources healthy." not in text


def test_failing_source_named_even_when_the_digest_is_shortened(warehouse):
    """A big day must not push the source-health section out of the Slack message."""
    # 350 events over the 7 types (the 50 listed per type), each reported by three more feeds
    # with news-length URLs: ~8 lines per section block, more than 48 blocks in all.
    specs = [Spec(EVENT_TYPES[i % len(EVENT_TYPES)], (f"Company {i}", "Partner Space Industries"), 1_000_000 + i,
                  extra_sources=tuple((f"feed_{s}", f"https://news{s}.example.com/2026/11/20/"
                                       f"company-{i}-announces-agreement-with-partner-space-industries-{s}")
                                      for s in range(3)))
             for i in range(350)]
    load_specs(warehouse, specs, T0)
    add_failing_source(warehouse, "spacenews", 3, "HTTP 503 Service Unavailable")
    with warehouse.read() as con:
        digest = build_digest(con, DAY1, T0 + timedelta(hours=1))
    blocks = digest.message.blocks
    assert len(blocks) <= 50
    assert all(len(t) <= 3000 for t in block_texts(blocks))
    assert any("Continued in the thread" in t for t in block_texts(blocks))  # the precondition: it was cut
    assert digest.message.thread and all(len(part) <= 50 for part in digest.message.thread)
    assert any("spacenews" in t and "HTTP 503 Service Unavailable" in t for t in block_texts(blocks))


@pytest.mark.parametrize("max_per_type", [50, 1000])
@pytest.mark.parametrize("name_length", [20, 4000])
def test_digest_of_500_events_fits_slack_limits(warehouse, max_per_type, name_length):
    specs = [Spec(EVENT_TYPES[i % len(EVENT_TYPES)], (f"Org{i:03d} " + "&" * name_length,), 1_000_000 * (i + 1),
                  url=f"https://news.example.com/{'a' * 200}/{i}")
             for i in range(500)]
    load_specs(warehouse, specs, T0)
    with warehouse.read() as con:
        digest = build_digest(con, DAY1, T0 + timedelta(hours=1), max_per_type)
    assert digest.event_count == 500
    blocks = digest.message.blocks
    assert 0 < len(blocks) <= 50
    for block in blocks:
        for text in block_texts(block):
            assert len(text) <= 3000
    assert blocks[0]["type"] == "header" and len(blocks[0]["text"]["text"]) <= 150
    assert len(digest.message.text) <= 40000
    # the markdown (terminal, files) keeps every type total
    for event_type in EVENT_TYPES:
        count = len([s for s in specs if s.type == event_type])
        assert re.search(rf"^## .*\({count}, USD ", digest.message.markdown, re.M)


# Storage, windows and delivery ---------------------------------------------------------------
def test_building_twice_returns_the_stored_digest_and_delivers_once(warehouse, slack_api):
    load_specs(warehouse, [Spec("contract_award", ("Astro Mining",), 30_000_000)], T0)
    first = build_and_store(warehouse, DAY1, T0 + timedelta(hours=1))
    load_specs(warehouse, [Spec("funding_round", ("Late Arrival",), 8_000_000)], T0 + timedelta(hours=2))
    second = build_and_store(warehouse, DAY1, T0 + timedelta(hours=3))
    assert second.message == first.message
    assert (second.event_count, second.period_end) == (1, first.period_end)
    assert "Late Arrival" not in second.message.markdown

    sink = slack_sink(slack_api)
    with warehouse.write(transactional=False) as con:
        ref = deliver_digest(con, DAY1, sink, T0 + timedelta(hours=4))
        again = deliver_digest(con, DAY1, sink, T0 + timedelta(hours=5))
        stored = build_digest(con, DAY1, T0 + timedelta(hours=6))
    assert len(slack_api.posts) == 1
    post = slack_api.posts[0]
    assert ref == post["ts"] and again != post["ts"]
    assert post["text"] == first.message.text and post["blocks"] == first.message.blocks
    assert post["unfurl_links"] is False
    assert stored.status == "delivered" and stored.message == first.message
    assert digest_rows(warehouse) == [(DAY1, "delivered", 1)]


def test_next_days_digest_covers_only_events_recorded_after_the_previous_one(warehouse):
    (early,) = load_specs(warehouse, [Spec("contract_award", ("Early Bird",), 30_000_000)], T0)
    day1 = build_and_store(warehouse, DAY1, T0 + timedelta(hours=1))
    (late,) = load_specs(warehouse, [Spec("funding_round", ("Late Arrival",), 8_000_000)], T0 + timedelta(hours=2))
    day2 = build_and_store(warehouse, DAY1 + timedelta(days=1), T0 + timedelta(days=1))
    day3 = build_and_store(warehouse, DAY1 + timedelta(days=2), T0 + timedelta(days=2))

    assert (day1.event_count, day2.event_count, day3.event_count) == (1, 1, 0)
    assert "Early Bird" in day1.message.markdown and "Late Arrival" not in day1.message.markdown
    assert "Late Arrival" in day2.message.markdown and "Early Bird" not in day2.message.markdown
    assert day2.period_start == day1.period_end
    assert day3.period_start == day2.period_end
    assert "No new events." in day3.message.markdown
    assert early != late


def test_digest_step_twice_posts_once(make_settings, slack_api):
    settings = make_settings(feeds={}, slack=slack_api)
    warehouse = Warehouse.from_settings(settings)
    load_specs(warehouse, [Spec("contract_award", ("Astro Mining",), 30_000_000)],
               datetime.now(timezone.utc) - timedelta(minutes=5))
    first = pipeline.digest_step(settings, DAY1)
    second = pipeline.digest_step(settings, DAY1)
    assert len(slack_api.posts) == 1
    assert first.status == second.status == "delivered"
    assert first.message == second.message and first.event_count == 1
    assert digest_rows(warehouse) == [(DAY1, "delivered", 1)]


def test_digest_preview_stores_and_sends_nothing(make_settings, slack_api):
    settings = make_settings(feeds={}, slack=slack_api)
    warehouse = Warehouse.from_settings(settings)
    load_specs(warehouse, [Spec("contract_award", ("Astro Mining",), 30_000_000)],
               datetime.now(timezone.utc) - timedelta(minutes=5))
    preview = pipeline.digest_step(settings, DAY1, preview=True)
    assert preview.event_count == 1 and "Astro Mining" in preview.message.markdown
    assert digest_rows(warehouse) == []
    with warehouse.write(publish=False) as con:  # the warehouse itself, not only the published copy
        assert con.execute("SELECT count(*) FROM digests").fetchall() == [(0,)]
    assert slack_api.posts == []
    assert not settings.outbox_dir.exists()
    # the real digest afterwards is not affected by the preview
    real = pipeline.digest_step(settings, DAY1)
    assert real.event_count == 1 and real.period_start is None
    assert len(slack_api.posts) == 1


def test_type_totals_never_add_a_ceiling_to_obligations(warehouse):
    """An IDV's ceiling is reported apart from the money actually awarded."""
    docs, pairs = [], []
    for n, (usd, kind) in enumerate([(2_600_000_000, "ceiling"), (30_000_000, "obligation"), (5_000_000, "task_order")]):
        title = f"award {n}"
        doc = Document(doc_id=f"c-{n}", source_id="awards", kind="award", external_id=str(n), url=None, title=title,
                       published_at=T0, fetched_at=T0, text=title)
        amount = Amount(usd, "USD", usd, kind, f"${usd:,}")
        pairs.append((EventCandidate("contract_award", (_org(f"Company {n}"),), (), amount,
                                     Evidence(doc.doc_id, "title", 0, len(title), title, "test"),
                                     event_date=DAY1, date_granularity="day", confidence=0.9), doc.content_hash))
        docs.append(doc)
    with warehouse.write() as con:
        load_documents(con, docs, T0)
        load_events(con, pairs, T0)
    digest = build_and_store(warehouse, DAY1, T0 + timedelta(hours=1))
    heading = next(line for line in digest.message.markdown.splitlines() if line.startswith("## Contract award"))
    assert "USD 35.0M" in heading and "USD 2.6B in ceilings" in heading
    assert "USD 2.6B ceiling" in digest.message.markdown


def test_a_500_event_digest_continues_in_its_thread_once(warehouse, slack_api):
    from slack_sdk import WebClient

    from alerts.digest import deliver_digest, store_digest
    from alerts.sinks import SlackSink

    specs = [Spec(EVENT_TYPES[i % len(EVENT_TYPES)], (f"Org{i:03d} Lunar Works",), 1_000_000 * (i + 1),
                  url=f"https://news.example.com/{'a' * 200}/{i}") for i in range(500)]
    load_specs(warehouse, specs, T0)
    sink = SlackSink(WebClient(token=slack_api.token, base_url=slack_api.api_url), "#space-signals")

    class DiesAfterFirstReply:
        name = sink.name
        replies = 0

        def post(self, key, message, kind):  # noqa: ANN001, ANN202
            return sink.post(key, message, kind)

        def find(self, key, kind, thread_ref=None):  # noqa: ANN001, ANN202
            return sink.find(key, kind, thread_ref=thread_ref)

        def reply(self, key, ref, message, kind):  # noqa: ANN001, ANN202
            sink.reply(key, ref, message, kind)
            raise SystemExit("worker killed after Slack answered")

    with warehouse.write(transactional=False) as con:
        store_digest(con, build_digest(con, DAY1, T0 + timedelta(hours=1), 1000), T0)
        with pytest.raises(SystemExit):
            deliver_digest(con, DAY1, DiesAfterFirstReply(), T0)
        deliver_digest(con, DAY1, sink, T0)
        assert deliver_digest(con, DAY1, sink, T0) == "already delivered"

    main, *replies = slack_api.posts
    assert "thread_ts" not in main and replies, "the overflow went to the thread"
    assert all(r["thread_ts"] == main["ts"] for r in replies)
    keys = [p["metadata"]["event_payload"]["key"] for p in slack_api.posts]
    assert len(keys) == len(set(keys)), "no reply posted twice"
    for post in slack_api.posts:
        blocks = post["blocks"] if isinstance(post["blocks"], list) else json.loads(post["blocks"])
        assert len(blocks) <= 50 and all(len(t) <= 3000 for t in block_texts(blocks))
    listed = " ".join(t for p in slack_api.posts for t in block_texts(
        p["blocks"] if isinstance(p["blocks"], list) else json.loads(p["blocks"])))
    assert all(f"Org{i:03d}" in listed for i in range(500)), "every event is in the message or its thread"


def test_digest_chart_is_uploaded_once_into_the_digest_thread(warehouse, slack_api, tmp_path):
    load_specs(warehouse, [Spec("contract_award", ("Astro Mining",), 30_000_000)], T0)
    build_and_store(warehouse, DAY1, T0 + timedelta(hours=1))
    chart = tmp_path / "market.png"
    chart.write_bytes(b"\x89PNG\r\n\x1a\n" + b"chart-bytes" * 10)
    sink = slack_sink(slack_api)
    with warehouse.write(transactional=False) as con:
        ref = deliver_digest(con, DAY1, sink, T0 + timedelta(hours=2), chart)
        again = deliver_digest(con, DAY1, sink, T0 + timedelta(hours=3), chart)
        (chart_ref,) = con.execute("SELECT chart_ref FROM digests WHERE digest_date = ?", [DAY1]).fetchone()
    assert again == "already delivered"
    assert len(slack_api.posts) == 1 and len(slack_api.uploads) == 1
    upload = slack_api.uploads[0]
    assert upload["thread_ts"] == ref == slack_api.posts[0]["ts"]
    assert upload["files"][0]["id"] == chart_ref
    assert list(slack_api.uploaded_bytes.values()) == [chart.read_bytes()]


def test_digest_without_a_chart_uploads_nothing(warehouse, slack_api):
    load_specs(warehouse, [Spec("contract_award", ("Astro Mining",), 30_000_000)], T0)
    build_and_store(warehouse, DAY1, T0 + timedelta(hours=1))
    with warehouse.write(transactional=False) as con:
        deliver_digest(con, DAY1, slack_sink(slack_api), T0 + timedelta(hours=2))
    assert len(slack_api.posts) == 1 and slack_api.uploads == []
