"""End to end, without Airflow: loopback feeds in, warehouse rows, Slack posts out.

The regression guarantees of issue 2: a second run over the same feeds adds no document, no
event and posts nothing; an edited item updates; a broken feed does not stop the others and
is named by the run and the digest.
"""

from __future__ import annotations

from datetime import date, timedelta

from spacemine import pipeline
from spacemine.demo.replay import Route
from tests.conftest import REPLAY_ALERTS, rss
from warehouse.db import Warehouse, scalar

TABLES = ("documents", "document_versions", "events", "event_evidence", "alert_outbox", "digests", "raw_fetches")


def _counts(settings) -> dict[str, int]:
    with Warehouse.from_settings(settings).read() as con:
        return {table: scalar(con, f"SELECT count(*) FROM {table}") for table in TABLES}


def _demo_feeds(server, manifest) -> dict[str, str]:
    return {feed["id"]: server.url(feed["path"]) for feed in manifest}


def test_second_run_over_the_same_feeds_adds_nothing_and_posts_nothing(demo_server, slack_api, make_settings):
    server, manifest = demo_server
    settings = make_settings(feeds=_demo_feeds(server, manifest), slack=slack_api, alerts=REPLAY_ALERTS)

    first = pipeline.run_all(settings)
    after_first = _counts(settings)
    posts_after_first = len(slack_api.posts)
    second = pipeline.run_all(settings)

    assert first["ingest"]["new_documents"] == after_first["documents"] > 0
    assert after_first["events"] > 0
    assert first["alerts"]["delivered"] == after_first["alert_outbox"] > 0
    # One post per alert plus the digest.
    assert posts_after_first == after_first["alert_outbox"] + 1
    assert _counts(settings) == after_first
    assert second["ingest"]["new_documents"] == 0 and second["extract"]["new_events"] == 0
    assert second["alerts"]["queued"] == 0 and second["alerts"]["delivered"] == 0
    assert len(slack_api.posts) == posts_after_first
    # The second fetch was conditional and answered 304 by every feed.
    assert {s["status"] for s in second["ingest"]["sources"]} == {"not_modified"}
    conditional = [r for r in server.requests[len(manifest):] if "If-None-Match" in r.headers]
    assert len(conditional) == len(manifest)


def test_untrusted_feed_text_reaches_slack_as_literal_text(feed_server, slack_api, make_settings):
    feed_server.set("/feed", Route(body=rss([{
        "guid": "p-1", "title": "<!channel> big news", "link": "https://example.com/p1",
        "content": "<p>AstroForge won a $50 million contract from NASA. &lt;https://example.com|click&gt;</p>",
    }])))
    settings = make_settings(feeds={"feed": feed_server.url("/feed")}, slack=slack_api)
    pipeline.run_all(settings)
    assert slack_api.posts, "the award should have alerted"
    for post in slack_api.posts:
        rendered = post["text"] + str(post.get("blocks"))
        assert "<!channel>" not in rendered
        assert "<https://example.com|click>" not in rendered
    digest = slack_api.posts[-1]
    assert "&lt;!channel&gt;" not in digest["text"]  # the digest lists events, the title is escaped where shown


def test_an_edited_item_updates_its_document_and_does_not_alert_again(feed_server, slack_api, make_settings):
    item = {"guid": "https://example.com/?p=7", "link": "https://example.com/a",
            "content": "<p>NASA awarded Intuitive Machines $30 million to deliver a drill to the Moon.</p>"}
    feed_server.set("/feed", Route(body=rss([{**item, "title": "First title"}])))
    settings = make_settings(feeds={"feed": feed_server.url("/feed")}, slack=slack_api)
    pipeline.run_all(settings)
    posts = len(slack_api.posts)

    feed_server.set("/feed", Route(body=rss([{**item, "title": "Corrected title"}])))
    report = pipeline.run_all(settings, digest_date=date.today() + timedelta(days=1))

    assert report["ingest"]["updated_documents"] == 1 and report["ingest"]["new_documents"] == 0
    counts = _counts(settings)
    assert counts["documents"] == 1 and counts["document_versions"] == 2 and counts["events"] == 1
    with Warehouse.from_settings(settings).read() as con:
        assert scalar(con, "SELECT title FROM documents") == "Corrected title"
    # Only the next day's digest was posted; no second alert.
    assert len(slack_api.posts) == posts + 1
    assert report["alerts"]["queued"] == 0


def test_broken_feeds_do_not_stop_the_others_and_are_named(feed_server, make_settings):
    good = rss([{"guid": "g1", "title": "Funding", "link": "https://example.com/g1",
                 "content": "<p>AstroForge raised $40 million in a Series A round led by Initialized Capital.</p>"}])
    feed_server.set("/good", Route(body=good))
    feed_server.set("/slow", Route(body=good, delay=5))
    feed_server.set("/broken", Route(status=500, body=b"Internal Server Error", content_type="text/html"))
    feed_server.set("/malformed", Route(body=b"<?xml version='1.0'?><rss><channel><item><title>cut"))
    feeds = {"slow": feed_server.url("/slow"), "broken": feed_server.url("/broken"),
             "malformed": feed_server.url("/malformed"), "good": feed_server.url("/good")}
    settings = make_settings(feeds=feeds, http={"timeout_seconds": 0.5})

    report = pipeline.run_all(settings)

    failed = {line.split(":", 1)[0]: line for line in report["ingest"]["failed_sources"]}
    assert set(failed) == {"slow", "broken", "malformed"}
    assert "timed out" in failed["slow"] and "500" in failed["broken"] and "malformed" in failed["malformed"]
    assert report["ingest"]["new_documents"] == 1
    assert report["extract"]["new_events"] == 1
    with Warehouse.from_settings(settings).read() as con:
        markdown = scalar(con, "SELECT markdown FROM digests")
        failures = dict(con.execute("SELECT source_id, consecutive_failures FROM source_state").fetchall())
    for source in ("slow", "broken", "malformed"):
        assert source in markdown
    assert failures == {"slow": 1, "broken": 1, "malformed": 1, "good": 0}


def test_a_feed_that_recovers_resets_its_failure_count(feed_server, make_settings):
    feed_server.set("/feed", Route(status=503, body=b"busy"))
    settings = make_settings(feeds={"feed": feed_server.url("/feed")})
    pipeline.ingest_news(settings)
    pipeline.ingest_news(settings)
    with Warehouse.from_settings(settings).read() as con:
        assert scalar(con, "SELECT consecutive_failures FROM source_state") == 2
    feed_server.set("/feed", Route(body=rss([{"guid": "x", "title": "t", "description": "d"}])))
    report = pipeline.ingest_news(settings)
    assert report.failures == [] and report.new_documents == 1
    with Warehouse.from_settings(settings).read() as con:
        assert con.execute("SELECT consecutive_failures, last_status FROM source_state").fetchall() == [(0, 200)]
