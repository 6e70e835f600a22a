"""Article pages for lead-only feeds: extraction, soft failures, politeness, article_base_url."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx
import pytest
import yaml
from bs4 import BeautifulSoup

from extractors.articles import (
    MAX_ARTICLE_TRIES,
    MIN_BODY_CHARS,
    ArticleOptions,
    article_fetch_url,
    enrich_documents,
    extract_article,
    fetch_article,
    needs_article,
)
from extractors.base import HostLimiter, SourceContext, SourceState
from extractors.http import make_client
from extractors.news import parse_feed
from spacemine.demo.replay import Route
from tests.conftest import FEEDS, PROJECT, rss

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
NEWS_FIXTURES = PROJECT / "spacemine" / "demo" / "fixtures" / "news"
HTML = "text/html; charset=UTF-8"

PARAGRAPHS = [
    "Asteroid mining startup Karman+ has raised $32 million in a Series A round to build its first spacecraft.",
    "Founders Fund led the round. Lux Capital, Shield Capital and Seraphim Space also invested, along with "
    "existing investor Starship Ventures.",
    "The spacecraft will rendezvous with a near-Earth asteroid in 2028 & extract water from its regolith.",
]
# Page furniture that must not reach the document text (each string appears once in the page).
JUNK = {
    "site menu": '<nav class="main-navigation"><ul><li><a href="/news/">Menu: News</a></li></ul></nav>',
    "share bar": '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>'
                 '<ul><li class="share-twitter"><a href="#">Post on X</a></li></ul></div>',
    "social buttons": '<ul class="social-links"><li><a href="#">Follow us on LinkedIn</a></li></ul>',
    "related posts": '<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related stories</h3></div>',
    "newsletter": '<div class="newsletter-signup"><p>Get First Up every weekday</p>'
                  '<form><input type="email"><button>Sign up now</button></form></div>',
    "inline ad": '<div class="ad-slot"><span>Advertisement block</span></div>',
    "figure": '<figure class="wp-block-image"><img src="x.jpg" alt=""><figcaption>Photo credit: Karman+'
              '</figcaption></figure>',
    "script": "<script>var tracking = 'analytics-payload';</script>",
    "style": "<style>.entry-content { color: 'stylesheet-rule'; }</style>",
    "byline": '<div class="entry-meta"><span class="byline">by Staff Writer Byline</span></div>',
    "tags": '<span class="tags-links">Tagged asteroid-mining-tag</span>',
    "comments": '<div id="comments" class="comments-area"><p>Comments are closed.</p></div>',
    "hidden": '<div class="cookie-note" hidden>We use cookies banner</div>',
}
JUNK_TEXT = {
    "site menu": "Menu: News", "share bar": "Share this", "social buttons": "Follow us", "related posts": "Related stories",
    "newsletter": "Sign up now", "inline ad": "Advertisement block", "figure": "Photo credit", "script": "analytics-payload",
    "style": "stylesheet-rule", "byline": "Staff Writer Byline", "tags": "asteroid-mining-tag",
    "comments": "Comments are closed", "hidden": "cookies banner",
}


def _p(text: str) -> str:
    return "<p>" + text.replace("&", "&amp;") + "</p>"


def _wordpress_page(paragraphs=PARAGRAPHS, *, body_attrs='class="entry-content" itemprop="articleBody"',
                    meta: str = "") -> str:
    """A WordPress single-post page: header, nav, article (header, share, figure, body, footer), aside."""
    body = "\n".join([_p(paragraphs[0]), JUNK["inline ad"], _p(paragraphs[1]), JUNK["newsletter"], JUNK["figure"],
                      *map(_p, paragraphs[2:]), JUNK["share bar"], JUNK["related posts"], JUNK["script"]])
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Karman+ raises $32 million</title>
    {meta}{JUNK["style"]}</head>
    <body class="single single-post has-sidebar"><div id="page" class="site layout-with-sidebar">
    <header class="site-header"><a href="/">SpaceNews</a>{JUNK["site menu"]}</header>
    <main id="main" class="site-main"><article class="post type-post">
      <header class="entry-header"><h1>Karman+ raises $32 million</h1>{JUNK["byline"]}</header>
      {JUNK["social buttons"]}
      <div {body_attrs}>{body}</div>
      <footer class="entry-footer">{JUNK["tags"]}</footer>
    </article>{JUNK["comments"]}</main>
    <aside class="widget-area"><article class="related-post"><h4>Most read: another story</h4>
      <p>{"Teaser text of another story. " * 20}</p></article></aside>
    <footer class="site-footer"><p>Copyright SpaceNews footer</p></footer>{JUNK["hidden"]}
    </div></body></html>"""


def _long(words: str, n: int = 12) -> list[str]:
    return [f"{words} paragraph {i}, with enough words to read like a real story about the lunar economy."
            for i in range(n // 3)]


EXTRACTION_CASES = [
    # (case id, html, expected paragraphs or None, expected method prefix)
    ("wordpress entry-content", _wordpress_page(), PARAGRAPHS, 'body:[itemprop="articleBody"]'),
    ("entry-content without itemprop", _wordpress_page(body_attrs='class="entry-content"'), PARAGRAPHS,
     "body:.entry-content"),
    ("bare article element",
     "<html><body><nav>Home News</nav><article><header><h1>Title</h1></header>"
     + "".join(map(_p, _long("Article"))) + "<footer>Filed under: lunar</footer></article>"
     "<footer>Site footer</footer></body></html>",
     _long("Article"), "body:article"),
    ("main element only",
     "<html><body><header>Masthead</header><main>" + JUNK["share bar"] + "".join(map(_p, _long("Main")))
     + "</main><footer>Site footer</footer></body></html>",
     _long("Main"), "body:main"),
    ("related-post cards are <article> too: the story wins",
     "<html><body><main><article class='post'>" + "".join(map(_p, _long("Story", 9))) + "</article>"
     "<section class='related-posts'>" + "".join(f"<article><p>{'Card text. ' * 60}</p></article>" for _ in range(3))
     + "</section></main></body></html>",
     _long("Story", 9), "body:article"),
    ("line breaks and headings inside the body",
     "<article><h2>Propellant</h2>" + "".join(map(_p, _long("Section"))) + "</article>",
     ["Propellant", *_long("Section")], "body:article"),
]


@pytest.mark.parametrize("html, expected, method", [c[1:] for c in EXTRACTION_CASES],
                         ids=[c[0] for c in EXTRACTION_CASES])
def test_article_body_is_extracted_without_boilerplate(html, expected, method):
    article = extract_article(html.encode("utf-8"), HTML)

    assert article is not None
    assert article.method == method
    # Paragraphs kept, in order, one blank line apart; nothing else.
    assert article.text == "\n\n".join(expected)


def test_every_kind_of_page_furniture_is_dropped():
    text = extract_article(_wordpress_page().encode("utf-8"), HTML).text

    leaked = [name for name, marker in JUNK_TEXT.items() if marker in text]
    assert leaked == []
    # The furniture is really in the page, so the test could fail.
    page = _wordpress_page()
    assert all(marker in page for marker in JUNK_TEXT.values())


META = ('<meta property="og:description" content="Founders Fund led the $32 million round &amp; more.">'
        '<meta name="description" content="Plain description.">'
        '<meta name="twitter:description" content="Twitter description.">')
FALLBACK_CASES = [
    ("javascript shell with og:description", f"<html><head>{META}</head><body><div id='app'></div></body></html>",
     "Founders Fund led the $32 million round & more.", "meta:og:description"),
    ("body shorter than the minimum", f"<html><head>{META}</head><body><article><p>Too short.</p></article></body></html>",
     "Founders Fund led the $32 million round & more.", "meta:og:description"),
    ("only meta description", '<html><head><meta name="description" content="Plain description."></head>'
     "<body><p>x</p></body></html>", "Plain description.", "meta:description"),
    ("only twitter:description", '<html><head><meta name="twitter:description" content="Twitter description.">'
     "</head><body></body></html>", "Twitter description.", "meta:twitter:description"),
]


@pytest.mark.parametrize("html, text, method", [c[1:] for c in FALLBACK_CASES], ids=[c[0] for c in FALLBACK_CASES])
def test_pages_without_a_body_fall_back_to_their_description(html, text, method):
    article = extract_article(html.encode("utf-8"), HTML)

    assert (article.text, article.method) == (text, method)


def test_a_page_with_no_text_at_all_gives_none():
    assert extract_article(b"<html><head><title>Just a moment...</title></head><body></body></html>", HTML) is None


def test_minimum_body_length_is_the_threshold():
    exact = "x" * MIN_BODY_CHARS
    below = "x" * (MIN_BODY_CHARS - 1)

    assert extract_article(f"<article><p>{exact}</p></article>", HTML).text == exact
    assert extract_article(f"<article><p>{below}</p></article>", HTML) is None


@pytest.mark.parametrize("content_type, declared", [
    ("text/html; charset=ISO-8859-1", ""),                      # charset from the header
    ("text/html", '<meta charset="ISO-8859-1">'),               # charset from the page
])
def test_latin1_pages_are_decoded(content_type, declared):
    paragraphs = ["Société Générale and Agência Espacial Brasileira signed a lunar regolith accord. " * 3,
                  "The Münich-based partner will supply the excavator's drive train. " * 3]
    page = f"<html><head>{declared}</head><body><article>{''.join(map(_p, paragraphs))}</article></body></html>"

    article = extract_article(page.encode("iso-8859-1"), content_type)

    assert article.text == "\n\n".join(p.strip() for p in paragraphs)


def test_demo_fixture_pages_extract_their_story_paragraphs():
    spec = yaml.safe_load((NEWS_FIXTURES / "routes.yaml").read_text(encoding="utf-8"))
    assert spec["routes"]
    for route in spec["routes"]:
        page = (NEWS_FIXTURES / route["file"]).read_bytes()
        # The story as written in the fixture: the <p> and <h2> children of the body container.
        container = BeautifulSoup(page, "html.parser").select_one(".entry-content")
        expected = [" ".join(el.get_text().split()) for el in container.find_all(["p", "h2"], recursive=False)]

        article = extract_article(page, route["content_type"])

        assert article.text.split("\n\n") == expected, route["file"]
        assert not re.search(r"Share this|Sign up|Advertisement|More from SpaceNews|Comments are closed|Tagged",
                             article.text)


def test_demo_routes_are_the_paths_of_the_spacenews_item_links():
    spec = yaml.safe_load((NEWS_FIXTURES / "routes.yaml").read_text(encoding="utf-8"))
    links = re.findall(r"<link>(https://spacenews\.com/[^<]+)</link>", (FEEDS / "spacenews.xml").read_text("utf-8"))

    assert {r["path"] for r in spec["routes"]} == {urlsplit(link).path for link in links}
    assert all((NEWS_FIXTURES / r["file"]).is_file() and r["method"] == "GET" for r in spec["routes"])
    assert spec["config"] == {"news_options": {"spacenews": {"fetch_articles": True, "article_base_url": "{base}"}}}


def test_demo_articles_state_more_than_the_feed_leads():
    feed = parse_feed("spacenews", "news", (FEEDS / "spacenews.xml").read_bytes(),
                      {"content-type": "application/rss+xml; charset=UTF-8"}, NOW)
    karman = next(d for d in feed.documents if "Karman" in d.title)
    page = (NEWS_FIXTURES / (urlsplit(karman.url).path.strip("/") + ".html")).read_bytes()

    text = extract_article(page, HTML).text

    assert "Founders Fund" in karman.text and "Lux Capital" not in karman.text
    assert "led by Founders Fund" in text and "Lux Capital" in text and len(text) > 3 * len(karman.text)


# URLs and selection --------------------------------------------------------------------------


@pytest.mark.parametrize("link, base, expected", [
    ("https://spacenews.com/karman-raises/", None, "https://spacenews.com/karman-raises/"),
    ("https://spacenews.com/karman-raises/", "http://127.0.0.1:8080", "http://127.0.0.1:8080/karman-raises/"),
    ("https://spacenews.com/karman-raises/", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/karman-raises/"),
    ("https://spacenews.com/?p=604418", "http://proxy.local/spacenews", "http://proxy.local/spacenews/?p=604418"),
    ("https://payloadspace.com", "http://127.0.0.1:9", "http://127.0.0.1:9/"),
])
def test_article_fetch_url(link, base, expected):
    assert article_fetch_url(link, base) == expected


def _doc(text: str = "A short lead.", url: str | None = "https://news.example/story/", key: str = "g1"):
    body = rss([{"guid": key, "title": f"Story {key}", "link": url or "", "description": text}])
    return parse_feed("feed", "news", body, {"content-type": "application/rss+xml"}, NOW).documents[0]


@pytest.mark.parametrize("options, text, url, expected", [
    (ArticleOptions(fetch_articles=False), "short", "https://a.example/x", False),
    (ArticleOptions(fetch_articles=True), "short", "https://a.example/x", True),
    (ArticleOptions(fetch_articles=True, article_min_chars=10), "0123456789", "https://a.example/x", False),
    (ArticleOptions(fetch_articles=True, article_min_chars=11), "0123456789", "https://a.example/x", True),
    (ArticleOptions(fetch_articles=True), "short", None, False),
])
def test_needs_article(options, text, url, expected):
    assert needs_article(_doc(text, url), options) is expected


# Fetching ------------------------------------------------------------------------------------


class FakeClock:
    """A monotonic clock that only moves when the limiter sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _ctx(client: httpx.Client, limiter: HostLimiter | None = None, max_bytes: int = 1_000_000,
         state: SourceState | None = None) -> SourceContext:
    return SourceContext(client=client, state=state or SourceState(), now=NOW, user_agent="spacemine-tests/1.0",
                         max_bytes=max_bytes, limiter=limiter or HostLimiter(default_rate=1e6))


@pytest.fixture
def client():
    with make_client("spacemine-tests/1.0 (tests@example.com)", timeout_seconds=2) as c:
        yield c


def _served(server, path: str, html: str | bytes = None, **kwargs) -> str:
    body = html if isinstance(html, bytes) else (html or _wordpress_page()).encode("utf-8")
    server.set(path, Route(body=body, content_type=kwargs.pop("content_type", HTML), **kwargs))
    return server.url(path)


def test_article_text_replaces_the_lead_and_the_page_is_kept(feed_server, client):
    url = _served(feed_server, "/karman/")
    document = _doc("Karman+ raised $32 million.", url)

    got = fetch_article(_ctx(client), "feed", document, ArticleOptions(fetch_articles=True), "feed:rawid")

    assert got.warning is None and not got.retry
    assert got.document.text == "\n\n".join(PARAGRAPHS)
    assert got.document.doc_id == document.doc_id and got.document.url == url
    assert got.document.content_hash != document.content_hash
    assert got.document.payload["lead"] == "Karman+ raised $32 million."
    assert got.document.payload["text_source"] == "article"
    assert got.document.payload["article_url"] == url
    assert got.document.payload["feed_raw_fetch_id"] == "feed:rawid"
    assert got.raw.url == url and got.raw.status == 200 and got.raw.body == _wordpress_page().encode("utf-8")
    assert got.document.payload["article_raw_fetch_id"] == got.raw.fetch_id("feed")
    assert "text/html" in feed_server.requests[-1].headers["Accept"]


def test_meta_description_is_used_only_when_it_says_more_than_the_lead(feed_server, client):
    longer = "Founders Fund led the $32 million Series A round; Lux Capital and Shield Capital joined."
    page = f'<html><head><meta property="og:description" content="{longer}"></head><body></body></html>'
    options = ArticleOptions(fetch_articles=True)

    better = fetch_article(_ctx(client), "feed", _doc("Karman+ raised money.", _served(feed_server, "/a/", page)),
                           options)
    worse = fetch_article(_ctx(client), "feed", _doc(longer + " And more.", _served(feed_server, "/b/", page)), options)

    assert better.document.text == longer and better.document.payload["text_source"] == "meta_description"
    assert worse.document.text == longer + " And more." and worse.document.payload["text_source"] == "feed"
    assert "no article text beyond the feed lead" in worse.warning and not worse.retry


@pytest.mark.parametrize("status, retry", [(403, True), (429, True), (500, True), (503, True), (404, False),
                                           (410, False)])
def test_error_statuses_are_soft_failures(feed_server, client, status, retry):
    url = _served(feed_server, "/guarded/", b"", status=status)
    document = _doc("The lead stays.", url)

    got = fetch_article(_ctx(client), "feed", document, ArticleOptions(fetch_articles=True))

    assert got.document.text == "The lead stays." and got.document.payload["text_source"] == "feed"
    assert got.document.payload["article_status"] == status
    assert f"HTTP {status}" in got.warning and url in got.warning and "kept the feed lead" in got.warning
    assert got.retry is retry and got.back_off is retry and got.raw is None


@pytest.mark.parametrize("error", [httpx.ReadTimeout("read timed out"), httpx.ConnectError("connection refused")])
def test_timeouts_and_connection_failures_are_soft(error):
    def handler(request):
        raise error

    with httpx.Client(transport=httpx.MockTransport(handler)) as mock:
        got = fetch_article(_ctx(mock), "feed", _doc("Lead."), ArticleOptions(fetch_articles=True))

    assert got.document.text == "Lead." and got.retry and got.back_off
    assert "https://news.example/story/" in got.warning


@pytest.mark.parametrize("content_type", ["application/pdf", "image/jpeg"])
def test_a_non_html_page_is_not_parsed(feed_server, client, content_type):
    url = _served(feed_server, "/file", b"%PDF-1.7 " + b"x" * 500, content_type=content_type)

    got = fetch_article(_ctx(client), "feed", _doc("Lead.", url), ArticleOptions(fetch_articles=True))

    assert got.document.text == "Lead." and "not an HTML page" in got.warning and not got.retry
    assert got.raw is not None  # what was fetched is still kept


def test_size_cap_applies_to_article_pages(feed_server, client):
    page = _wordpress_page().encode("utf-8")
    url = _served(feed_server, "/big/", page)

    capped = fetch_article(_ctx(client, max_bytes=len(page) - 1), "feed", _doc("Lead.", url),
                           ArticleOptions(fetch_articles=True))
    fits = fetch_article(_ctx(client, max_bytes=len(page)), "feed", _doc("Lead.", url),
                         ArticleOptions(fetch_articles=True))

    assert capped.document.text == "Lead." and "cap" in capped.warning and capped.raw is None
    assert fits.document.text == "\n\n".join(PARAGRAPHS)


def test_article_base_url_fetches_the_link_path_from_the_base(feed_server, client):
    _served(feed_server, "/karman-raises-32-million/")
    document = _doc("Lead.", "https://spacenews.com/karman-raises-32-million/")
    options = ArticleOptions(fetch_articles=True, article_base_url=feed_server.base_url)

    got = fetch_article(_ctx(client), "feed", document, options)

    assert [r.path for r in feed_server.requests] == ["/karman-raises-32-million/"]
    assert got.document.text == "\n\n".join(PARAGRAPHS)
    assert got.document.url == "https://spacenews.com/karman-raises-32-million/"  # the human link stays
    assert got.document.payload["article_url"] == feed_server.url("/karman-raises-32-million/")


def test_without_article_base_url_the_link_itself_is_fetched():
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, headers={"content-type": HTML}, content=_wordpress_page().encode("utf-8"))

    with httpx.Client(transport=httpx.MockTransport(handler)) as mock:
        got = fetch_article(_ctx(mock), "feed", _doc("Lead.", "https://spacenews.com/a-story/?amp=1"),
                            ArticleOptions(fetch_articles=True))

    assert seen == ["https://spacenews.com/a-story/?amp=1"] and got.document.payload["text_source"] == "article"


# Politeness and incremental fetching -----------------------------------------------------------


def _feed_docs(server, items: list[tuple[str, str]]):
    """Documents of a feed whose items link to ``server`` paths: (key, lead) pairs."""
    body = rss([{"guid": key, "title": f"Story {key}", "link": server.url(f"/{key}/"), "description": lead}
                for key, lead in items])
    return parse_feed("feed", "news", body, {"content-type": "application/rss+xml"}, NOW).documents


def test_article_fetches_to_one_host_are_spaced_by_the_limiter():
    fake = FakeClock()
    limiter = HostLimiter(default_rate=2.0, clock=fake.clock, sleep=fake.sleep)
    requested: list[tuple[str, float]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append((request.url.host, fake.now))
        return httpx.Response(200, headers={"content-type": HTML}, content=_wordpress_page().encode("utf-8"))

    docs = [_doc("Lead a.", "https://spacenews.com/a/", "a"), _doc("Lead b.", "https://spacenews.com/b/", "b"),
            _doc("Lead c.", "https://payloadspace.com/c/", "c")]
    with httpx.Client(transport=httpx.MockTransport(handler)) as mock:
        result = enrich_documents(_ctx(mock, limiter), "feed", docs, ArticleOptions(fetch_articles=True))

    assert result.fetched == 3 and len(requested) == 3
    times = {host: [t for h, t in requested if h == host] for host in ("spacenews.com", "payloadspace.com")}
    # Same host: 1 / 2.0 requests per second apart; another host is not held back.
    assert times["spacenews.com"][1] - times["spacenews.com"][0] == pytest.approx(0.5)
    assert times["payloadspace.com"][0] == times["spacenews.com"][1]
    assert fake.sleeps == [pytest.approx(0.5)]


def test_only_new_or_changed_items_are_fetched_and_emitted(feed_server, client):
    for key in ("a", "b", "c"):
        _served(feed_server, f"/{key}/")
    options = ArticleOptions(fetch_articles=True)
    first_docs = _feed_docs(feed_server, [("a", "Lead a."), ("b", "Lead b."), ("c", "Lead c.")])

    first = enrich_documents(_ctx(client), "feed", first_docs, options)
    again = enrich_documents(_ctx(client), "feed", first_docs, options, first.cursor)
    changed_docs = _feed_docs(feed_server, [("a", "Lead a."), ("b", "Lead b, corrected."), ("c", "Lead c."),
                                            ("d", "Lead d.")])
    _served(feed_server, "/d/")
    third = enrich_documents(_ctx(client), "feed", changed_docs, options, again.cursor)

    assert first.fetched == 3 and all(d.payload["text_source"] == "article" for d in first.documents)
    assert again.fetched == 0 and again.documents == [] and again.cursor == first.cursor
    assert [d.external_id for d in third.documents] == ["b", "d"] and third.fetched == 2
    assert [r.path for r in feed_server.requests] == ["/a/", "/b/", "/c/", "/b/", "/d/"]
    assert set(third.cursor["seen"]) == {"a", "b", "c", "d"}


def test_items_with_a_full_text_are_not_fetched(feed_server, client):
    long_lead = "A complete press release. " * 30
    docs = _feed_docs(feed_server, [("long", long_lead), ("short", "Short lead.")])
    _served(feed_server, "/short/")

    result = enrich_documents(_ctx(client), "feed", docs, ArticleOptions(fetch_articles=True, article_min_chars=600))

    assert [r.path for r in feed_server.requests] == ["/short/"]
    assert {d.external_id: d.payload.get("text_source") for d in result.documents} == {"long": None,
                                                                                       "short": "article"}


def test_a_host_that_says_back_off_gets_no_more_requests_this_run(feed_server, client):
    feed_server.set("/a/", Route(status=429, headers={"Retry-After": "120"}))
    for key in ("b", "c"):
        _served(feed_server, f"/{key}/")
    docs = _feed_docs(feed_server, [("a", "Lead a."), ("b", "Lead b."), ("c", "Lead c.")])
    options = ArticleOptions(fetch_articles=True)

    first = enrich_documents(_ctx(client), "feed", docs, options)

    assert [r.path for r in feed_server.requests] == ["/a/"]
    assert [d.text for d in first.documents] == ["Lead a.", "Lead b.", "Lead c."]  # nothing lost
    assert any("HTTP 429" in w for w in first.warnings) and any("2 article page(s) left" in w for w in first.warnings)
    assert first.cursor["seen"] == {} and first.cursor["retries"]["a"]["failures"] == 1

    _served(feed_server, "/a/")  # the host recovers
    second = enrich_documents(_ctx(client), "feed", docs, options, first.cursor)

    assert [r.path for r in feed_server.requests[1:]] == ["/a/", "/b/", "/c/"]
    assert all(d.payload["text_source"] == "article" for d in second.documents)
    assert set(second.cursor["seen"]) == {"a", "b", "c"} and second.cursor["retries"] == {}


def test_an_article_that_keeps_failing_is_given_up_after_max_tries(feed_server, client):
    feed_server.set("/a/", Route(status=503))
    docs = _feed_docs(feed_server, [("a", "Lead a.")])
    options = ArticleOptions(fetch_articles=True)

    cursor: dict = {}
    for run in range(1, MAX_ARTICLE_TRIES + 2):
        result = enrich_documents(_ctx(client), "feed", docs, options, cursor)
        cursor = result.cursor
        if run < MAX_ARTICLE_TRIES:
            assert cursor["retries"]["a"]["failures"] == run and "a" not in cursor["seen"]
        elif run == MAX_ARTICLE_TRIES:
            assert "a" in cursor["seen"] and any("gave up" in w for w in result.warnings)

    assert len(feed_server.requests) == MAX_ARTICLE_TRIES  # the run after giving up asks nothing


def test_a_changed_lead_restarts_the_retry_count(feed_server, client):
    feed_server.set("/a/", Route(status=503))
    options = ArticleOptions(fetch_articles=True)

    first = enrich_documents(_ctx(client), "feed", _feed_docs(feed_server, [("a", "Lead a.")]), options)
    second = enrich_documents(_ctx(client), "feed", _feed_docs(feed_server, [("a", "Lead a, updated.")]), options,
                              first.cursor)

    assert first.cursor["retries"]["a"]["failures"] == 1 and second.cursor["retries"]["a"]["failures"] == 1


def test_article_fetches_per_run_are_capped(feed_server, client):
    keys = ["a", "b", "c"]
    for key in keys:
        _served(feed_server, f"/{key}/")
    docs = _feed_docs(feed_server, [(k, f"Lead {k}.") for k in keys])
    options = ArticleOptions(fetch_articles=True)

    first = enrich_documents(_ctx(client), "feed", docs, options, max_fetches=2)
    second = enrich_documents(_ctx(client), "feed", docs, options, first.cursor, max_fetches=2)

    assert first.fetched == 2 and [d.payload["text_source"] for d in first.documents] == ["article", "article", "feed"]
    assert any("at most 2 per run" in w for w in first.warnings)
    assert second.fetched == 1 and [d.external_id for d in second.documents] == ["c"]
    assert [r.path for r in feed_server.requests] == ["/a/", "/b/", "/c/"]


def test_cursor_keeps_only_the_items_of_the_current_feed(feed_server, client):
    options = ArticleOptions(fetch_articles=True, article_min_chars=0)  # nothing to fetch
    old = enrich_documents(_ctx(client), "feed", _feed_docs(feed_server, [("a", "A."), ("b", "B.")]), options)
    new = enrich_documents(_ctx(client), "feed", _feed_docs(feed_server, [("b", "B."), ("c", "C.")]), options,
                           old.cursor)

    assert set(old.cursor["seen"]) == {"a", "b"} and set(new.cursor["seen"]) == {"b", "c"}
    assert [d.external_id for d in new.documents] == ["c"] and feed_server.requests == []


def test_an_unchanged_item_is_recognised_even_with_a_new_fetch_time(feed_server, client):
    _served(feed_server, "/a/")
    docs = _feed_docs(feed_server, [("a", "Lead a.")])
    options = ArticleOptions(fetch_articles=True)
    first = enrich_documents(_ctx(client), "feed", docs, options)

    later = [replace(d, fetched_at=datetime(2026, 11, 21, tzinfo=timezone.utc), raw_fetch_id="other") for d in docs]
    second = enrich_documents(_ctx(client), "feed", later, options, first.cursor)

    assert second.documents == [] and second.fetched == 0
