"""NewsFeed (the news family's Source) and sources_from_config, against a loopback feed server."""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import yaml

from extractors.articles import ArticleOptions
from extractors.base import HostLimiter, RawPayload, SourceContext, SourceState
from extractors.errors import BodyTooLarge, FeedParseError, HTTPStatusError
from extractors.http import make_client
from extractors.news import FEED_ACCEPT, NewsFeed, parse_feed, sources_from_config
from spacemine.demo.replay import ReplayServer, Route
from spacemine.settings import ConfigError, FeedSource, shipped_defaults
from tests.conftest import FEEDS, PROJECT, rss

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
NEWS_FIXTURES = PROJECT / "spacemine" / "demo" / "fixtures" / "news"
ETAG = '"7c87bf454673be1bf5a5a87b2f14651c"'
LAST_MODIFIED = "Fri, 20 Nov 2026 14:22:09 GMT"
ITEMS = [
    {"guid": "https://spacenews.com/?p=1", "title": "Interlune closes seed round", "link": "https://spacenews.com/a/",
     "pubDate": "Thu, 12 Nov 2026 16:30:12 +0000", "description": "<p>Interlune closed a $6.5 million seed round.</p>"},
    {"guid": "https://spacenews.com/?p=2", "title": "ispace delays lander", "link": "https://spacenews.com/b/",
     "pubDate": "Wed, 21 Oct 2026 13:40:00 +0000", "description": "<p>ispace delayed its next mission to 2027.</p>"},
]
ARTICLE = ("<html><body><header>SpaceNews</header><article><div class='entry-content'>"
           + "".join(f"<p>Paragraph {i} of the full story, long enough to be the body of an article.</p>"
                     for i in range(6))
           + "<div class='sharedaddy'>Share this:</div></div></article></body></html>").encode("utf-8")
ARTICLE_TEXT = "\n\n".join(f"Paragraph {i} of the full story, long enough to be the body of an article."
                           for i in range(6))


class RecordingLimiter(HostLimiter):
    def __init__(self) -> None:
        super().__init__(default_rate=1e6)
        self.urls: list[str] = []

    def wait(self, url: str) -> float:
        self.urls.append(url)
        return super().wait(url)


@pytest.fixture
def client():
    with make_client("spacemine-tests/1.0 (tests@example.com)", timeout_seconds=2) as c:
        yield c


def _ctx(client, state: SourceState | None = None, *, limiter: HostLimiter | None = None, max_bytes: int = 1_000_000):
    return SourceContext(client=client, state=state or SourceState(), now=NOW, user_agent="spacemine-tests/1.0",
                         max_bytes=max_bytes, limiter=limiter or RecordingLimiter())


def _feed(server: ReplayServer, path: str = "/feed/", source_id: str = "spacenews", kind: str = "news",
          **options) -> NewsFeed:
    return NewsFeed(FeedSource(id=source_id, name="SpaceNews", url=server.url(path), kind=kind),
                    ArticleOptions(**options) if options else None)


def _keys(documents) -> list[tuple[str, str]]:
    return sorted((d.doc_id, d.content_hash) for d in documents)


# Conditional GET and state ---------------------------------------------------------------------


def test_200_then_304_with_both_validators(feed_server, client):
    body = rss(ITEMS)
    feed_server.set("/feed/", Route(body=body, etag=ETAG, last_modified=LAST_MODIFIED))
    source = _feed(feed_server)
    limiter = RecordingLimiter()

    first = source.collect(_ctx(client, limiter=limiter))
    second = source.collect(_ctx(client, first.state, limiter=limiter))

    assert source.family == "news" and source.id == "spacenews" and source.url == feed_server.url("/feed/")
    assert [d.external_id for d in first.documents] == [i["guid"] for i in ITEMS]
    assert all(d.kind == "news" and d.source_id == "spacenews" and d.fetched_at == NOW for d in first.documents)
    (raw,) = first.raw
    assert isinstance(raw, RawPayload) and raw.body == body and raw.status == 200
    assert raw.url == feed_server.url("/feed/") and raw.headers["etag"] == ETAG
    assert all(d.raw_fetch_id == raw.fetch_id("spacenews") for d in first.documents)
    assert first.state == SourceState(etag=ETAG, last_modified=LAST_MODIFIED, cursor={})
    assert not first.not_modified and first.error is None

    assert second.not_modified and second.state is None and second.documents == [] and second.raw == []
    conditional = feed_server.requests[1].headers
    assert conditional["If-None-Match"] == ETAG and conditional["If-Modified-Since"] == LAST_MODIFIED
    assert feed_server.requests[0].headers["Accept"] == FEED_ACCEPT
    assert limiter.urls == [source.url, source.url]  # politeness before every request


def test_last_modified_alone_gives_304(feed_server, client):
    feed_server.set("/feed/", Route(body=rss(ITEMS), last_modified=LAST_MODIFIED))
    source = _feed(feed_server)

    first = source.collect(_ctx(client))
    second = source.collect(_ctx(client, first.state))

    assert first.state.etag is None and first.state.last_modified == LAST_MODIFIED
    assert second.not_modified and "If-None-Match" not in feed_server.requests[1].headers


def test_a_changed_feed_answers_200_with_new_validators(feed_server, client):
    feed_server.set("/feed/", Route(body=rss(ITEMS), etag='"v1"'))
    source = _feed(feed_server)
    first = source.collect(_ctx(client))
    edited = [{**ITEMS[0], "title": "Interlune closes $6.5 million seed round"}, ITEMS[1]]
    feed_server.set("/feed/", Route(body=rss(edited), etag='"v2"'))

    second = source.collect(_ctx(client, first.state))

    assert second.state.etag == '"v2"' and not second.not_modified
    before = {d.doc_id: d.content_hash for d in first.documents}
    after = {d.doc_id: d.content_hash for d in second.documents}
    assert before.keys() == after.keys()
    assert [k for k in before if before[k] != after[k]] == [first.documents[0].doc_id]


def test_release_kind_is_passed_to_documents(feed_server, client):
    feed_server.set("/feed/", Route(body=rss(ITEMS)))

    result = _feed(feed_server, kind="release", source_id="nasa").collect(_ctx(client))

    assert {d.kind for d in result.documents} == {"release"}


# Failures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("body, content_type, message", [
    (b"<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>", "text/html", "not a feed"),
    (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
     b"<rss><channel><title>&lol2;</title></channel></rss>", "application/rss+xml", "entities"),
    (rss(ITEMS)[:120], "application/rss+xml", "malformed feed"),
])
def test_a_parse_error_carries_the_fetched_body(feed_server, client, body, content_type, message):
    feed_server.set("/feed/", Route(body=body, content_type=content_type, etag='"x"'))
    source = _feed(feed_server)

    with pytest.raises(FeedParseError, match=message) as caught:
        source.collect(_ctx(client))

    (raw,) = caught.value.raw
    assert raw.body == body and raw.status == 200 and raw.url == source.url
    assert caught.value.kind == "parse"


def test_http_errors_fail_the_feed(feed_server, client):
    feed_server.set("/feed/", Route(body=b"", status=503))

    with pytest.raises(HTTPStatusError) as caught:
        _feed(feed_server).collect(_ctx(client))

    assert caught.value.status == 503


def test_size_cap_applies_to_the_feed(feed_server, client):
    body = rss(ITEMS)
    feed_server.set("/feed/", Route(body=body))

    with pytest.raises(BodyTooLarge):
        _feed(feed_server).collect(_ctx(client, max_bytes=len(body) - 1))
    assert len(_feed(feed_server).collect(_ctx(client, max_bytes=len(body))).documents) == len(ITEMS)


def test_iso_8859_1_feed(feed_server, client):
    titles = ["Agência Espacial Brasileira signs lunar accord", "Société du Grand Paris funds régolithe study"]
    items = [{"guid": f"g{i}", "title": t, "link": f"https://example.com/{i}", "description": f"À propos: {t}."}
             for i, t in enumerate(titles)]
    body = rss(items).replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"').decode("utf-8").encode("iso-8859-1")
    feed_server.set("/feed/", Route(body=body, content_type="application/rss+xml; charset=ISO-8859-1"))

    result = _feed(feed_server).collect(_ctx(client))

    assert [d.title for d in result.documents] == titles
    assert [d.text for d in result.documents] == [f"À propos: {t}." for t in titles]


# Feeds that send no validators; article fetching ----------------------------------------------------


def _lead_feed(server: ReplayServer, items=ITEMS) -> None:
    """A feed with no ETag/Last-Modified whose items link to article pages on the same server."""
    linked = [{**i, "link": server.url(urlsplit(i["link"]).path)} for i in items]
    server.set("/feed/", Route(body=rss(linked)))
    for item in items:
        server.set(urlsplit(item["link"]).path, Route(body=ARTICLE, content_type="text/html; charset=UTF-8"))


def test_without_validators_two_runs_give_the_same_documents(feed_server, client):
    _lead_feed(feed_server)
    source = _feed(feed_server)

    first = source.collect(_ctx(client))
    second = source.collect(_ctx(client, first.state))

    assert "If-None-Match" not in feed_server.requests[1].headers
    assert not second.not_modified and _keys(second.documents) == _keys(first.documents)
    assert [r.path for r in feed_server.requests] == ["/feed/", "/feed/"]  # fetch_articles is off


def test_without_validators_a_second_run_fetches_no_article_and_emits_nothing_new(feed_server, client):
    _lead_feed(feed_server)
    source = _feed(feed_server, fetch_articles=True)

    first = source.collect(_ctx(client))
    second = source.collect(_ctx(client, first.state))

    paths = [r.path for r in feed_server.requests]
    assert paths == ["/feed/", "/a/", "/b/", "/feed/"]
    assert [d.text for d in first.documents] == [ARTICLE_TEXT, ARTICLE_TEXT]
    assert [d.payload["lead"] for d in first.documents] == ["Interlune closed a $6.5 million seed round.",
                                                             "ispace delayed its next mission to 2027."]
    assert [r.url for r in first.raw] == [feed_server.url(p) for p in ("/feed/", "/a/", "/b/")]
    # Unchanged items are settled: not refetched, and not re-emitted with the lead as their text.
    assert second.documents == [] and second.raw[0].url == feed_server.url("/feed/") and len(second.raw) == 1
    assert second.state.cursor == first.state.cursor and set(first.state.cursor["seen"]) == {i["guid"] for i in ITEMS}


def test_a_changed_lead_refetches_only_its_article(feed_server, client):
    _lead_feed(feed_server)
    source = _feed(feed_server, fetch_articles=True)
    first = source.collect(_ctx(client))
    _lead_feed(feed_server, [ITEMS[0], {**ITEMS[1], "description": "<p>ispace now targets mid-2027.</p>"}])

    second = source.collect(_ctx(client, first.state))

    assert [r.path for r in feed_server.requests[3:]] == ["/feed/", "/b/"]
    (changed,) = second.documents
    assert changed.external_id == ITEMS[1]["guid"] and changed.payload["lead"] == "ispace now targets mid-2027."


def test_article_failures_do_not_fail_the_feed(feed_server, client):
    _lead_feed(feed_server)
    feed_server.set("/a/", Route(body=b"", status=403))
    source = _feed(feed_server, fetch_articles=True)

    result = source.collect(_ctx(client))

    assert result.error is None and result.state is not None
    assert [d.text for d in result.documents] == ["Interlune closed a $6.5 million seed round.",
                                                  "ispace delayed its next mission to 2027."]
    assert any("HTTP 403" in w for w in result.warnings)
    assert [r.path for r in feed_server.requests] == ["/feed/", "/a/"]  # backed off for this run


def test_feed_and_article_requests_share_the_limiter(feed_server, client):
    _lead_feed(feed_server)
    limiter = RecordingLimiter()

    _feed(feed_server, fetch_articles=True).collect(_ctx(client, limiter=limiter))

    assert limiter.urls == [feed_server.url(p) for p in ("/feed/", "/a/", "/b/")]


def test_demo_spacenews_feed_with_recorded_article_pages(client):
    server, manifest = ReplayServer.from_manifest()
    with server:
        config = server.load_routes(NEWS_FIXTURES / "routes.yaml")
        options = config["news_options"]
        entries = [{"id": f["id"], "name": f["name"], "url": server.url(f["path"]), **options.get(f["id"], {})}
                   for f in manifest]
        sources = {s.id: s for s in sources_from_config(entries, "spacemine-tests/1.0")}
        spacenews = sources["spacenews"]

        first = spacenews.collect(_ctx(client))
        second = spacenews.collect(_ctx(client, first.state))
        article_requests = [r.path for r in server.requests if not r.path.startswith("/spacenews/")]

    feed_links = re.findall(r"<link>(https://spacenews\.com/[^<]+)</link>", (FEEDS / "spacenews.xml").read_text("utf-8"))
    assert spacenews.options.article_base_url == server.base_url and not sources["payload"].options.fetch_articles
    assert first.warnings == [] and len(first.documents) == len(feed_links)
    assert sorted(article_requests) == sorted(urlsplit(link).path for link in feed_links)
    assert all(d.payload["text_source"] == "article" and d.url in feed_links for d in first.documents)
    karman = next(d for d in first.documents if "Karman" in d.title)
    assert "Lux Capital" in karman.text and "Starship Ventures" in karman.text
    assert "Share this" not in karman.text and karman.payload["lead"].startswith("Asteroid mining startup Karman+")
    assert second.not_modified and second.state is None


def test_shared_spacenews_sample_keeps_its_leads_when_articles_are_unreachable(feed_server, client):
    path = SAMPLES / "news_spacenews_rss.xml"
    if not path.is_file():
        pytest.skip(f"recorded samples not available ({path})")
    parsed = parse_feed("spacenews", "news", path.read_bytes(), {"content-type": "application/rss+xml"}, NOW)
    feed_server.set("/feed/", Route(body=path.read_bytes()))
    # The sample's links name spacenews.com; with the base URL they go to the loopback server: 404.
    for document in parsed.documents:
        feed_server.set(urlsplit(document.url).path, Route(body=b"", status=404))
    source = _feed(feed_server, fetch_articles=True, article_base_url=feed_server.base_url)

    result = source.collect(_ctx(client))

    assert result.documents and result.error is None
    # Every item kept, with the feed's own text, and every article attempt (a 404 each) reported.
    assert [(d.doc_id, d.text) for d in result.documents] == [(d.doc_id, d.text) for d in parsed.documents]
    assert all(d.payload["text_source"] == "feed" for d in result.documents)
    fetched = [r.path for r in feed_server.requests if r.path != "/feed/"]
    assert fetched == [urlsplit(d.url).path for d in parsed.documents]
    assert len(fetched) == sum("HTTP 404" in w for w in result.warnings)
    assert all(d.published_at.utcoffset().total_seconds() == 0 for d in result.documents if d.published_at)


def test_a_feed_collect_is_fast_with_the_default_limiter_on_loopback(feed_server, client):
    _lead_feed(feed_server)
    started = time.monotonic()

    _feed(feed_server, fetch_articles=True).collect(_ctx(client, limiter=HostLimiter(default_rate=50)))

    assert time.monotonic() - started < 2


# Config ---------------------------------------------------------------------------------------


def test_shipped_news_config_builds_one_feed_per_entry():
    entries = shipped_defaults()["sources"]["news"]

    sources = sources_from_config(entries, "spacemine-tests/1.0")

    assert [s.id for s in sources] == [e["id"] for e in entries]
    assert all(s.family == "news" and s.url == e["url"] and s.kind == e.get("kind", "news")
               for s, e in zip(sources, entries))
    assert all(s.options == ArticleOptions(fetch_articles=bool(e.get("fetch_articles", False)))
               for s, e in zip(sources, entries))
    assert any(s.options.fetch_articles for s in sources), "lead-only feeds read their article pages"


def test_per_feed_options_override_the_defaults():
    entries = [
        {"id": "spacenews", "url": "https://spacenews.com/feed/", "fetch_articles": True, "article_min_chars": 900},
        {"id": "payload", "url": "https://payloadspace.com/feed/", "article_base_url": "http://127.0.0.1:9/"},
        {"id": "nasa", "url": "https://www.nasa.gov/news-release/feed/", "fetch_articles": False},
        {"id": "off", "url": "https://example.com/feed/", "enabled": False},
    ]

    sources = sources_from_config(entries, "ua", options={"fetch_articles": True})

    assert [s.id for s in sources] == ["spacenews", "payload", "nasa"]
    assert [s.options for s in sources] == [
        ArticleOptions(fetch_articles=True, article_min_chars=900),
        ArticleOptions(fetch_articles=True, article_base_url="http://127.0.0.1:9/"),
        ArticleOptions(fetch_articles=False),
    ]
    assert sources[0].name == "spacenews"  # the name defaults to the id


@pytest.mark.parametrize("entry, field", [
    ({"id": "a", "url": "https://a.example/feed", "fetch_articles": "yes"}, "fetch_articles"),
    ({"id": "a", "url": "https://a.example/feed", "article_min_chars": -1}, "article_min_chars"),
    ({"id": "a", "url": "https://a.example/feed", "article_min_chars": "600"}, "article_min_chars"),
    ({"id": "a", "url": "https://a.example/feed", "article_base_url": "127.0.0.1:8080"}, "article_base_url"),
    ({"id": "a", "url": "https://a.example/feed", "fetch_article": True}, "fetch_article"),
    ({"id": "a", "url": "ftp://a.example/feed"}, "url"),
    ({"id": "a"}, "url"),
    ({"id": "a", "url": "https://a.example/feed", "kind": "blog"}, "kind"),
])
def test_bad_feed_config_names_the_field(entry, field):
    with pytest.raises(ConfigError, match=re.escape(field)):
        sources_from_config([entry], "ua")


def test_duplicate_ids_and_non_lists_are_refused():
    with pytest.raises(ConfigError, match="duplicate source id 'a'"):
        sources_from_config([{"id": "a", "url": "https://a.example/1"}, {"id": "a", "url": "https://a.example/2"}],
                            "ua")
    with pytest.raises(ConfigError, match="must be a list"):
        sources_from_config({"enabled": True}, "ua")  # type: ignore[arg-type]
    assert sources_from_config([], "ua") == []


def test_demo_config_merges_news_options_into_the_spacenews_entry():
    spec = yaml.safe_load((NEWS_FIXTURES / "routes.yaml").read_text(encoding="utf-8"))
    options = spec["config"]["news_options"]
    manifest_ids = {f["id"] for f in yaml.safe_load((FEEDS / "manifest.yaml").read_text("utf-8"))["feeds"]}

    assert set(options) <= manifest_ids
    entry = {"id": "spacenews", "url": "http://127.0.0.1:1/spacenews/feed/",
             **{k: (v.replace("{base}", "http://127.0.0.1:1") if isinstance(v, str) else v)
                for k, v in options["spacenews"].items()}}
    (source,) = sources_from_config([entry], "ua")
    assert source.options == ArticleOptions(fetch_articles=True, article_base_url="http://127.0.0.1:1")


def test_mock_transport_timeouts_on_the_feed_are_hard_failures():
    def handler(request):
        raise httpx.ReadTimeout("timed out")

    source = NewsFeed(FeedSource(id="f", name="F", url="https://feeds.example/rss"))
    with httpx.Client(transport=httpx.MockTransport(handler)) as mock:
        with pytest.raises(Exception) as caught:
            source.collect(_ctx(mock))

    assert caught.value.kind == "timeout"
