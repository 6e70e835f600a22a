"""News and press-release feeds (RSS 2.0 / Atom) to Document records.

Quirks handled here:
- feedparser is given the *bytes* and the response headers, so it picks the charset from
  Content-Type / the XML declaration (ISO-8859-1 feeds exist: EDGAR, ESA mirrors).
- WordPress feeds (NASA, SpaceNews, Payload) carry a ``guid isPermaLink="false"`` of the form
  ``https://<host>/?p=<postid>``; it survives slug edits, so it is the item key. Items with no
  guid fall back to their link, then to title + date.
- SpaceNews/Payload descriptions are short leads; ``content:encoded`` (when present) wins.
- Feeds never need DTD entity declarations; a body that declares entities is refused before
  parsing (billion-laughs and external-entity payloads), anywhere in the body and in whatever
  charset feedparser would decode it with (UTF-16, EBCDIC, UTF-7 hide ``<!ENTITY`` from a
  byte search).
- feedparser is handed the body as a stream, never as bytes: given bytes it first tries them
  as a *file name*, so a body of ``/etc/passwd`` read that local file as the feed, and one of
  ``/dev/zero`` never returned.
- A publication date before 1975 or more than a day after the fetch (placeholders such as
  1900-01-01, typos such as 2100) is not a publication date: the document has none, a warning
  says so and the payload keeps the date as written (:mod:`extractors.sanity`).
- NUL and other control characters are dropped from titles, ids and links (never text).
- A body that is not a feed at all (an HTML error page with 200, a truncated document) gives
  feedparser's "bozo" flag and no entries: that is a parse error against the source, while a
  bozo feed that still yields entries (a wrong declared charset, say) is kept with a warning.

:class:`NewsFeed` is the family's :class:`~extractors.base.Source` (family ``"news"``): one
conditional GET of the feed, :func:`parse_feed`, and, for lead-only feeds with
``fetch_articles`` on, the article pages (:mod:`extractors.articles`). A feed whose body cannot
be parsed raises :class:`~extractors.errors.FeedParseError` carrying the body it fetched as
``exc.raw`` (a list of :class:`~extractors.base.RawPayload`), so the pipeline stores the
offending body with the failure and it can be inspected or re-parsed without refetching.
"""

from __future__ import annotations

import calendar
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping

import feedparser
from feedparser.encodings import convert_to_utf8

from extractors.articles import DEFAULT_ARTICLE_MIN_CHARS, ArticleOptions, enrich_documents
from extractors.base import RawPayload, SourceContext, SourceResult, SourceState
from extractors.errors import FeedParseError
from extractors.html_text import html_to_text
from extractors.http import fetch
from extractors.sanity import EARLIEST, plausible_time
from spacemine.records import Document, stable_id
from spacemine.settings import ConfigError, FeedSource, _feed_sources

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:RDF", b"<RDF")


@dataclass
class ParsedFeed:
    documents: list[Document]
    feed_title: str | None = None
    warnings: list[str] = field(default_factory=list)


def parse_feed(
    source_id: str,
    kind: str,
    body: bytes,
    headers: Mapping[str, str],
    fetched_at: datetime,
    raw_fetch_id: str | None = None,
) -> ParsedFeed:
    """Parse one feed body into documents, one per item, keyed by guid (then link)."""
    head = body[:4096].lstrip()
    if _declares_entities(body, headers):
        raise FeedParseError("refused: the feed declares XML entities (possible entity-expansion attack)")
    if not body.strip():
        raise FeedParseError("empty body where a feed was expected")
    # A stream, not bytes: feedparser tries bytes as a file name first (see the module docstring).
    parsed = feedparser.parse(io.BytesIO(body), response_headers=dict(headers))
    # A truncated document still yields an empty entry from feedparser's loose parser; only
    # entries with an id, a link or a title count as items.
    entries = [e for e in parsed.get("entries", []) if e.get("id") or e.get("link") or e.get("title")]
    warnings: list[str] = []
    if parsed.get("bozo"):
        problem = f"{type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}"
        if not entries:
            looks_like_feed = any(marker in head.lower() for marker in (m.lower() for m in _FEED_MARKERS))
            content_type = headers.get("content-type", "unknown content type")
            what = "malformed feed" if looks_like_feed else f"not a feed ({content_type})"
            raise FeedParseError(f"{what}: {problem}")
        warnings.append(f"feed parsed with problems: {problem}")
    elif not entries and not parsed.get("version"):
        # A well-formed HTML page (a CDN's 503 page served as application/rss+xml) is not
        # flagged by feedparser; it has no RSS/Atom root element, so no feed version.
        content_type = headers.get("content-type", "unknown content type")
        raise FeedParseError(f"not a feed ({content_type}): no RSS or Atom root element")

    documents: dict[str, Document] = {}
    for entry in entries:
        document = _entry_to_document(source_id, kind, entry, fetched_at, raw_fetch_id)
        if document is None:
            warnings.append("skipped an item with no guid, link or title")
            continue
        if document.published_at is None and document.payload.get("published"):
            warnings.append(f"item {document.external_id[:80]!r}: publication date "
                            f"{str(document.payload['published'])[:60]!r} is unreadable, before "
                            f"{EARLIEST.year} or after the fetch; kept without a date")
        # A feed that repeats an item keeps the last copy: one document per key.
        documents[document.doc_id] = document
    return ParsedFeed(list(documents.values()), parsed.get("feed", {}).get("title"), warnings)


def _entry_to_document(
    source_id: str,
    kind: str,
    entry: Mapping[str, Any],
    fetched_at: datetime,
    raw_fetch_id: str | None,
) -> Document | None:
    title = _text_field(entry, "title")
    link = _CONTROLS.sub("", entry.get("link") or "").strip() or None
    published = plausible_time(_timestamp(entry.get("published_parsed") or entry.get("updated_parsed")), fetched_at)
    external_id = _CONTROLS.sub("", entry.get("id") or "").strip() or link
    if not external_id:
        if not title:
            return None
        external_id = "title:" + stable_id(title, published.isoformat() if published else "")
    body_html = ""
    if entry.get("content"):
        body_html = "\n".join(part.get("value", "") for part in entry["content"])
    if not body_html:
        body_html = entry.get("summary", "") or ""
    text = html_to_text(body_html)
    payload = {
        "id": entry.get("id"),
        "link": link,
        "title": title,
        "published": entry.get("published") or entry.get("updated"),
        "author": entry.get("author"),
        "tags": [t.get("term") for t in entry.get("tags", []) if t.get("term")],
        "summary": entry.get("summary"),
        "content": [part.get("value") for part in entry.get("content", [])],
    }
    return Document(
        doc_id=Document.make_id(source_id, external_id),
        source_id=source_id,
        kind=kind,
        external_id=external_id,
        url=link,
        title=title,
        published_at=published,
        fetched_at=fetched_at,
        text=text,
        payload=payload,
        raw_fetch_id=raw_fetch_id,
    )


def _text_field(entry: Mapping[str, Any], name: str) -> str:
    """A text field as plain text: HTML-typed values are rendered, plain ones kept literal."""
    value = entry.get(name) or ""
    detail = entry.get(f"{name}_detail") or {}
    if detail.get("type") in ("text/html", "application/xhtml+xml"):
        return html_to_text(value)
    return " ".join(_CONTROLS.sub("", value).split())


def _declares_entities(body: bytes, headers: Mapping[str, str]) -> bool:
    """Whether the body declares XML entities, as bytes or as feedparser will decode it.

    feedparser picks the charset from the Content-Type, the XML declaration or the first bytes
    (UTF-16/32, EBCDIC) and parses the decoded text, so that text is searched too.
    """
    if _ENTITY_DECL.search(body):
        return True
    return bool(_ENTITY_DECL.search(convert_to_utf8(dict(headers), body, {})))


def _timestamp(parsed: Any) -> datetime | None:
    """feedparser's UTC struct_time to an aware datetime (None when absent or absurd)."""
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
    except (OverflowError, ValueError, TypeError):
        return None


# The source ----------------------------------------------------------------------------------


class NewsFeed:
    """One RSS/Atom feed as a :class:`~extractors.base.Source` of the ``news`` family.

    ``collect`` makes one conditional GET (the stored ``ETag``/``Last-Modified``): a 304 is
    ``not_modified`` with the stored state kept; a 200 is parsed into one document per item
    and the response's validators become the new state. With ``fetch_articles`` on, the
    cursor remembers each item's fingerprint so article pages are fetched for new or changed
    items only, and only those items are emitted (see :mod:`extractors.articles`); with it off
    every item is emitted and the warehouse skips the unchanged ones.
    """

    family = "news"

    def __init__(self, feed: FeedSource, options: ArticleOptions | Mapping[str, Any] | None = None,
                 user_agent: str | None = None) -> None:
        self.feed = feed
        self.id = feed.id
        self.name = feed.name
        self.url = feed.url
        self.kind = feed.kind
        self.user_agent = user_agent  # the injected client sends it; kept for `sources status`
        if options is None:
            options = ArticleOptions()
        elif not isinstance(options, ArticleOptions):
            options = article_options(options, f"news feed '{feed.id}'")
        self.options = options

    def __repr__(self) -> str:
        return f"NewsFeed({self.id!r}, fetch_articles={self.options.fetch_articles})"

    def collect(self, ctx: SourceContext) -> SourceResult:
        ctx.limiter.wait(self.url)
        result = fetch(ctx.client, self.url, etag=ctx.state.etag, last_modified=ctx.state.last_modified,
                       max_bytes=ctx.max_bytes, accept=FEED_ACCEPT)
        if result.not_modified:
            return SourceResult(not_modified=True, state=None)
        raw = RawPayload(url=result.url, status=result.status, headers=dict(result.headers), body=result.body,
                         fetched_at=result.fetched_at)
        raw_id = raw.fetch_id(self.id)
        try:
            parsed = parse_feed(self.id, self.kind, result.body, result.headers, ctx.now, raw_fetch_id=raw_id)
        except FeedParseError as exc:
            exc.raw = [raw]  # type: ignore[attr-defined]  # the pipeline stores the unparseable body
            raise
        state = SourceState(etag=result.etag, last_modified=result.last_modified, cursor={})
        if not self.options.fetch_articles:
            return SourceResult(documents=parsed.documents, raw=[raw], state=state, warnings=list(parsed.warnings))
        enriched = enrich_documents(ctx, self.id, parsed.documents, self.options, ctx.state.cursor,
                                    feed_raw_fetch_id=raw_id)
        state.cursor = enriched.cursor
        return SourceResult(documents=enriched.documents, raw=[raw, *enriched.raw], state=state,
                            warnings=[*parsed.warnings, *enriched.warnings])


# Config ---------------------------------------------------------------------------------------

_FEED_KEYS = ("id", "name", "url", "kind", "enabled")
_OPTION_KEYS = ("fetch_articles", "article_min_chars", "article_base_url")


def article_options(raw: Mapping[str, Any], where: str, defaults: ArticleOptions | None = None) -> ArticleOptions:
    """Validate the article keys of one feed entry (others are ignored) over ``defaults``."""
    base = defaults or ArticleOptions()
    fetch_articles = raw.get("fetch_articles", base.fetch_articles)
    if not isinstance(fetch_articles, bool):
        raise ConfigError(f"{where}: fetch_articles must be true or false, got {fetch_articles!r}")
    min_chars = raw.get("article_min_chars", base.article_min_chars)
    if isinstance(min_chars, bool) or not isinstance(min_chars, int) or min_chars < 0:
        raise ConfigError(f"{where}: article_min_chars must be a whole number of characters (0 or more), "
                          f"got {min_chars!r}")
    base_url = raw.get("article_base_url", base.article_base_url)
    if base_url is not None and (not isinstance(base_url, str)
                                 or not base_url.startswith(("http://", "https://"))):
        raise ConfigError(f"{where}: article_base_url must start with http:// or https://, got {base_url!r}")
    return ArticleOptions(fetch_articles=fetch_articles, article_min_chars=min_chars,
                          article_base_url=base_url or None)


def sources_from_config(news_config: list[dict[str, Any]], user_agent: str,
                        options: Mapping[str, Any] | None = None) -> list[NewsFeed]:
    """The enabled feeds of ``sources.news``, each a :class:`NewsFeed`.

    Per feed: ``id``, ``url`` (required), ``name``, ``kind`` (news | release), ``enabled``, and
    the article options ``fetch_articles`` (default false), ``article_min_chars`` (default
    600) and ``article_base_url`` (default none: fetch the item link itself). ``options`` gives
    article-option defaults for every feed; a feed's own keys win. Unknown keys are refused
    (a misspelt ``fetch_article`` would otherwise be silently ignored).
    """
    if news_config is None:
        return []
    feeds = _feed_sources(news_config, "configuration")  # same checks and messages as the settings
    defaults = article_options(dict(options or {}), "news options")
    sources: list[NewsFeed] = []
    for index, (item, feed) in enumerate(zip(news_config, feeds)):
        where = f"sources.news[{index}] ({feed.id})"
        unknown = sorted(set(item) - set(_FEED_KEYS) - set(_OPTION_KEYS))
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}; a feed takes "
                              f"{', '.join(_FEED_KEYS + _OPTION_KEYS)}")
        feed_options = article_options(item, where, defaults)
        if feed.enabled:
            sources.append(NewsFeed(feed, feed_options, user_agent))
    return sources


__all__ = ["DEFAULT_ARTICLE_MIN_CHARS", "FEED_ACCEPT", "NewsFeed", "ParsedFeed", "article_options", "parse_feed",
           "sources_from_config"]
