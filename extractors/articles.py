"""Article pages for feeds that carry only a lead (SpaceNews, Payload's "Snippet" feed).

A feed item whose cleaned text is shorter than ``article_min_chars`` gets its article page
fetched (when the feed's ``fetch_articles`` option is on) and the article body replaces the
document text; the feed's lead stays in ``payload["lead"]`` and the page body is kept as a
:class:`~extractors.base.RawPayload` like every other fetched body.

Rules, and the source quirks behind them:

- **Fetch only what changed.** The source's cursor remembers ``{item key: fingerprint}`` of the
  feed side of each item (title, link, date, lead). An item whose fingerprint is unchanged is
  neither refetched nor re-emitted: the warehouse already holds its document with the article
  text, and emitting the lead again would overwrite that text with the shorter lead. So a
  second run over an unchanged feed fetches no article page, even from a feed that answers 200
  every time because it sends no ``ETag``/``Last-Modified`` (whether these hosts send validators
  is unverified: shared/SOURCES.md).
- **Soft failures.** News sites guard article pages (Cloudflare answers 403 to many bots; 429
  when polled too fast; 5xx and timeouts happen). None of that fails the feed: the document
  keeps its lead, a warning names the page, and the item is tried again on later runs (at most
  ``MAX_ARTICLE_TRIES`` times for the same lead). After a 403/429/5xx, a timeout or a
  connection failure no further article is requested from that feed in this run (the host is
  telling us to back off; the other items are simply tried next run). A 404/410, a page over
  the size cap or a page that is not HTML is not retried.
- **Politeness.** ``ctx.limiter.wait(url)`` before every page (per-host spacing shared with the
  feed fetches), at most ``MAX_ARTICLES_PER_RUN`` pages per feed per run; the rest are fetched
  on the next runs.
- **``article_base_url``.** Feed links name the publisher's host (``https://spacenews.com/...``).
  When this option is set, the link's path and query are fetched from that base instead: the
  offline demo replays recorded article pages on 127.0.0.1 this way, and a deployment can route
  article fetches through a caching or archiving proxy. The document URL stays the
  publisher's link.
- **Extraction** (:func:`extract_article`): WordPress themes put the body in
  ``[itemprop=articleBody]`` or ``.entry-content`` inside ``<article>`` inside ``<main>``; the
  most specific container with enough text wins. Share widgets (Jetpack ``sharedaddy``),
  related posts (``jp-relatedposts``, ``<aside>``), comments, newsletter forms, bylines, tags,
  figures and ads are removed; paragraph breaks are kept (evidence offsets depend on them).
  A page without a usable body (a consent wall, a JavaScript shell) falls back to its
  ``og:description`` / ``meta name=description`` when that says more than the lead.
"""

from __future__ import annotations

import copy
import hashlib
import re
import warnings as _warnings
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import Tag

from extractors.base import RawPayload, SourceContext
from extractors.errors import (
    BodyTooLarge,
    FeedParseError,
    FetchTimeout,
    HTTPStatusError,
    SourceError,
    TooManyRedirects,
    TransportError,
)
from extractors.html_text import html_to_text, parse_html
from extractors.http import FetchResult, fetch
from spacemine.records import Document

ARTICLE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
DEFAULT_ARTICLE_MIN_CHARS = 600
MAX_ARTICLE_TRIES = 3        # failed fetches of one item (same lead) before keeping the lead for good
MAX_ARTICLES_PER_RUN = 30    # article pages per feed per run; the rest wait for the next run
MIN_BODY_CHARS = 200         # a container with less text than this is not the article body
# Hostile pages: browsers stop nesting elements at 512 levels (Blink's parser); a deeper page is
# refused rather than walked. At most this many elements per body selector are looked at.
MAX_NESTING = 512
MAX_MATCHES = 1000

# Most specific first: WordPress's ``.entry-content`` sits inside ``<article>`` (which also
# holds the title, byline and share bar) inside ``<main>`` (which may also hold related posts).
BODY_SELECTORS = (
    '[itemprop="articleBody"]',
    ".entry-content",
    ".post-content",
    ".article-content",
    ".article-body",
    ".article__body",
    "article",
    "main",
    '[role="main"]',
)
_ALWAYS_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "link", "meta")
# Inside the chosen container: page furniture that is not the story.
_DROP_TAGS = ("nav", "aside", "figure", "figcaption", "form", "footer", "header", "button", "input", "select",
              "textarea", "label", "dialog")
# Class/id tokens of widgets (matched on whole "-"/"_"-separated words, so "header" never
# matches "ad" and "shared" never matches "share").
_JUNK_WORDS = (
    "share", "sharing", "sharedaddy", "social", "jp-relatedposts", "related", "relatedposts", "comments",
    "comment", "respond", "newsletter", "subscribe", "subscription", "signup", "sign-up", "advert",
    "advertisement", "ad", "ads", "adslot", "sponsor", "sponsored", "promo", "paywall", "byline", "author-bio",
    "breadcrumb", "breadcrumbs", "tags", "tag-links", "cat-links", "entry-meta", "post-meta", "meta",
    "sidebar", "widget", "popup", "modal", "cookie", "consent", "print", "recommended", "more-stories",
)
_JUNK = re.compile(r"(?:^|[-_])(?:" + "|".join(re.escape(w) for w in _JUNK_WORDS) + r")(?:$|[-_])", re.I)
# A container inside one of these is a teaser (related-post cards are <article> too). Wrappers
# are judged on a narrower word list than widgets: themes name page wrappers "has-sidebar".
_TEASER_ANCESTORS = ("aside", "nav", "footer", "header")
_TEASER_WORDS = ("related", "relatedposts", "jp-relatedposts", "more-stories", "recommended", "comments",
                 "widget", "sharedaddy", "newsletter", "promo")
_TEASER = re.compile(r"(?:^|[-_])(?:" + "|".join(re.escape(w) for w in _TEASER_WORDS) + r")(?:$|[-_])", re.I)
_META_FALLBACKS = (("property", "og:description"), ("name", "description"), ("name", "twitter:description"))
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_RETRY_STATUSES = {403, 408, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class ArticleOptions:
    """Per-feed options for article fetching (``sources.news[i]`` keys of the same names)."""

    fetch_articles: bool = False
    article_min_chars: int = DEFAULT_ARTICLE_MIN_CHARS
    article_base_url: str | None = None


@dataclass(frozen=True)
class ExtractedArticle:
    text: str
    method: str               # "body:<selector>" or "meta:<og:description|description|...>"
    title: str | None = None


@dataclass
class ArticleFetch:
    """What fetching one item's article gave: the new document, or the lead and why."""

    document: Document
    raw: RawPayload | None = None
    warning: str | None = None
    retry: bool = False       # a transient failure: try again on a later run
    back_off: bool = False    # stop requesting article pages from this feed for this run

    @property
    def enriched(self) -> bool:
        return self.document.payload.get("text_source") in ("article", "meta_description")


@dataclass
class EnrichResult:
    documents: list[Document]            # new or changed items only (see module docstring)
    raw: list[RawPayload] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cursor: dict[str, Any] = field(default_factory=dict)
    fetched: int = 0                     # article pages requested this run


# Pure parts ---------------------------------------------------------------------------------


def article_fetch_url(link: str, base_url: str | None = None) -> str:
    """The URL to GET for an item link: the link itself, or its path+query under ``base_url``."""
    if not base_url:
        return link
    parts = urlsplit(link)
    path = parts.path or "/"
    return base_url.rstrip("/") + path + (f"?{parts.query}" if parts.query else "")


def item_fingerprint(document: Document) -> str:
    """Hash of the feed side of an item (title, link, date, lead text): changes when the lead does."""
    return hashlib.sha256(document.content_hash.encode("ascii")).hexdigest()[:16]


def extract_article(body: bytes | str, content_type: str | None = None) -> ExtractedArticle | None:
    """The readable article text of an HTML page, or None when there is none.

    Paragraphs are separated by a blank line. The body container is the first of
    :data:`BODY_SELECTORS` with at least :data:`MIN_BODY_CHARS` of text after boilerplate is
    removed (the longest match when several elements match, e.g. an ``<article>`` per
    related-post card). Without one, the page's ``og:description`` / ``description`` meta.
    A page nested more than :data:`MAX_NESTING` levels deep raises
    :class:`~extractors.errors.FeedParseError` (:func:`fetch_article` keeps the lead).
    """
    soup = _soup(body, content_type)
    if _nested_deeper_than(soup, MAX_NESTING):
        raise FeedParseError(f"refused: the page nests HTML elements more than {MAX_NESTING} levels deep "
                             "(broken or hostile markup, not an article page)")
    title = _page_title(soup)
    meta = _meta_description(soup)  # read before <meta> tags are dropped
    for tag in soup.find_all(_ALWAYS_DROP):
        if not tag.decomposed:  # a dropped tag inside another one went with it
            tag.decompose()
    for selector in BODY_SELECTORS:
        best = ""
        read: set[int] = set()
        for element in soup.select(selector, limit=MAX_MATCHES):
            # A match inside a container already read has no more text than that container:
            # reading nested matches too made 1,000 nested <article> take minutes.
            if any(id(parent) in read for parent in element.parents) or _is_teaser(element):
                continue
            read.add(id(element))
            text = _container_text(element)
            if len(text) > len(best):
                best = text
        if len(best) >= MIN_BODY_CHARS:
            return ExtractedArticle(best, f"body:{selector}", title)
    if meta:
        name, text = meta
        return ExtractedArticle(text, f"meta:{name}", title)
    return None


def _nested_deeper_than(soup: BeautifulSoup, limit: int) -> bool:
    """Whether any element sits more than ``limit`` levels deep (an explicit stack: no recursion)."""
    stack = [(soup, 0)]
    while stack:
        tag, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in tag.contents if isinstance(child, Tag))
    return False


def _soup(body: bytes | str, content_type: str | None) -> BeautifulSoup:
    charset = None
    if isinstance(body, bytes) and content_type:
        found = _CHARSET.search(content_type)
        charset = found.group(1) if found else None
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        _warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        # Without a header charset, bs4 reads the page's <meta charset> (then guesses).
        return parse_html(body, charset)


def _page_title(soup: BeautifulSoup) -> str | None:
    og = soup.find("meta", attrs={"property": "og:title"})
    if og and og.get("content"):
        return " ".join(str(og["content"]).split())
    if soup.title and soup.title.string:
        return " ".join(soup.title.string.split())
    return None


def _meta_description(soup: BeautifulSoup) -> tuple[str, str] | None:
    for attr, name in _META_FALLBACKS:
        tag = soup.find("meta", attrs={attr: name})
        content = tag.get("content") if tag else None
        text = html_to_text(str(content)) if content else ""
        if text:  # a description that is only markup ("<p>") says nothing
            return name, text
    return None


def _is_junk(tag: Tag) -> bool:
    if tag.name in _DROP_TAGS:
        return True
    attrs = tag.attrs or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    words = list(attrs.get("class") or [])
    if attrs.get("id"):
        words.append(str(attrs["id"]))
    if str(attrs.get("role", "")).lower() in ("navigation", "complementary", "banner", "contentinfo"):
        return True
    return any(_JUNK.search(word) for word in words)


def _is_teaser(element: Tag) -> bool:
    """An element inside page furniture (a related-posts <aside>, a <footer> card list)."""
    for parent in element.parents:
        if parent.name in ("body", "html", "[document]"):
            return False
        if parent.name in _TEASER_ANCESTORS:
            return True
        words = list(parent.attrs.get("class") or []) + [str(parent.attrs.get("id") or "")]
        if any(_TEASER.search(word) for word in words if word):
            return True
    return False


def _container_text(element: Tag) -> str:
    container = copy.copy(element)  # bs4 copies deeply; the page stays intact for the next selector
    for tag in container.find_all(True):
        if not tag.decomposed and _is_junk(tag):
            tag.decompose()
    return html_to_text(container.decode_contents())


# Fetching -----------------------------------------------------------------------------------


def fetch_article(ctx: SourceContext, source_id: str, document: Document, options: ArticleOptions,
                  feed_raw_fetch_id: str | None = None) -> ArticleFetch:
    """GET the article page of ``document`` and put its text in a new document. Never raises
    a :class:`SourceError`: a failure gives back the lead document with a warning."""
    link = document.url or ""
    url = article_fetch_url(link, options.article_base_url)
    lead = document.text
    base_payload = {**document.payload, "lead": lead, "article_url": url}
    if feed_raw_fetch_id:
        base_payload["feed_raw_fetch_id"] = feed_raw_fetch_id

    def kept(reason: str, *, retry: bool = False, back_off: bool = False, raw: RawPayload | None = None,
             status: int | None = None) -> ArticleFetch:
        payload = {**base_payload, "text_source": "feed", "article_error": reason}
        if status is not None:
            payload["article_status"] = status
        then = "; will retry on a later run" if retry else ""
        return ArticleFetch(replace(document, payload=payload), raw=raw, retry=retry, back_off=back_off,
                            warning=f"{source_id}: article {url}: {reason}; kept the feed lead{then}")

    ctx.limiter.wait(url)
    try:
        result = fetch(ctx.client, url, max_bytes=ctx.max_bytes, accept=ARTICLE_ACCEPT)
    except HTTPStatusError as exc:
        transient = exc.status in _RETRY_STATUSES or exc.status >= 500
        return kept(str(exc), retry=transient, back_off=transient, status=exc.status)
    except (FetchTimeout, TransportError) as exc:
        return kept(str(exc), retry=True, back_off=True)
    except (BodyTooLarge, TooManyRedirects) as exc:
        return kept(str(exc))
    except SourceError as exc:  # any other fetch failure is soft as well
        return kept(str(exc), retry=True, back_off=True)

    raw = _raw(result)
    content_type = result.headers.get("content-type", "")
    if content_type and not re.search(r"html|xml", content_type, re.I):
        return kept(f"not an HTML page ({content_type})", raw=raw, status=result.status)
    try:
        article = extract_article(result.body, content_type or None)
    except FeedParseError as exc:  # a hostile page: the lead stays, nothing to retry
        return kept(str(exc), raw=raw, status=result.status)
    if article is None or len(article.text) <= len(lead):
        return kept("the page has no article text beyond the feed lead", raw=raw, status=result.status)
    payload = {
        **base_payload,
        "text_source": "meta_description" if article.method.startswith("meta:") else "article",
        "article_method": article.method,
        "article_title": article.title,
        "article_status": result.status,
        "article_raw_fetch_id": raw.fetch_id(source_id),
    }
    return ArticleFetch(replace(document, text=article.text, payload=payload), raw=raw)


def _raw(result: FetchResult) -> RawPayload:
    return RawPayload(url=result.url, status=result.status, headers=dict(result.headers), body=result.body,
                      fetched_at=result.fetched_at)


def needs_article(document: Document, options: ArticleOptions) -> bool:
    """Fetching is on, the item has a web link, and its feed text is only a lead."""
    return (
        options.fetch_articles
        and bool(document.url)
        and str(document.url).startswith(("http://", "https://"))
        and len(document.text) < options.article_min_chars
    )


def enrich_documents(ctx: SourceContext, source_id: str, documents: Iterable[Document], options: ArticleOptions,
                     cursor: Mapping[str, Any] | None = None, feed_raw_fetch_id: str | None = None,
                     max_fetches: int = MAX_ARTICLES_PER_RUN) -> EnrichResult:
    """Emit the new or changed items of a feed, with article text where the feed has only a lead.

    ``cursor`` is the one returned by the previous run (``SourceState.cursor``):
    ``{"seen": {item key: fingerprint}, "retries": {item key: {"fingerprint", "failures"}}}``.
    The returned cursor covers the items of this feed body only, so it stays as small as the feed.
    """
    previous = dict((cursor or {}).get("seen") or {})
    previous_retries = dict((cursor or {}).get("retries") or {})
    out = EnrichResult(documents=[])
    seen: dict[str, str] = {}
    retries: dict[str, dict[str, Any]] = {}
    backed_off: str | None = None
    postponed = 0
    for document in documents:
        key = document.external_id
        fingerprint = item_fingerprint(document)
        if previous.get(key) == fingerprint:
            seen[key] = fingerprint  # unchanged since a run that settled it: no fetch, no document
            continue
        if not needs_article(document, options):
            out.documents.append(document)
            seen[key] = fingerprint
            continue
        if backed_off is not None or out.fetched >= max_fetches:
            # Not attempted this run: emit the lead, leave the item unsettled for the next run.
            payload = {**document.payload, "lead": document.text, "text_source": "feed", "article_pending": True,
                       "article_url": article_fetch_url(document.url or "", options.article_base_url)}
            out.documents.append(replace(document, payload=payload))
            postponed += 1
            carried = previous_retries.get(key)
            if isinstance(carried, Mapping) and carried.get("fingerprint") == fingerprint:
                retries[key] = dict(carried)
            continue
        out.fetched += 1
        got = fetch_article(ctx, source_id, document, options, feed_raw_fetch_id)
        out.documents.append(got.document)
        if got.raw is not None:
            out.raw.append(got.raw)
        if got.warning:
            out.warnings.append(got.warning)
        if got.retry:
            carried = previous_retries.get(key)
            failures = 1
            if isinstance(carried, Mapping) and carried.get("fingerprint") == fingerprint:
                failures = int(carried.get("failures", 0)) + 1
            if failures >= MAX_ARTICLE_TRIES:
                out.warnings.append(f"{source_id}: gave up on the article of {key} after {failures} failed "
                                    f"tries; the document keeps the feed lead")
                seen[key] = fingerprint
            else:
                retries[key] = {"fingerprint": fingerprint, "failures": failures}
        else:
            seen[key] = fingerprint
        if got.back_off:
            backed_off = got.warning
    if postponed:
        why = "the host asked to back off" if backed_off is not None else f"at most {max_fetches} per run"
        out.warnings.append(f"{source_id}: {postponed} article page(s) left for the next run ({why})")
    out.cursor = {"seen": seen, "retries": retries}
    return out
