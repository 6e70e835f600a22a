"""News and press-release feeds (RSS 2.0 / Atom) to Document records.

Quirks handled here:
- feedparser is given the *bytes* and the response headers, so it picks the charset from
  Content-Type / the XML declaration (ISO-8859-1 feeds exist: EDGAR, ESA mirrors).
- WordPress feeds (NASA, SpaceNews, Payload) carry a ``guid isPermaLink="false"`` of the form
  ``https://<host>/?p=<postid>``; it survives slug edits, so it is the item key. Items with no
  guid fall back to their link, then to title + date.
- SpaceNews/Payload descriptions are short leads; ``content:encoded`` (when present) wins.
- Feeds never need DTD entity declarations; a body that declares entities is refused before
  parsing (billion-laughs and external-entity payloads).
- A body that is not a feed at all (an HTML error page with 200, a truncated document) gives
  feedparser's "bozo" flag and no entries: that is a parse error against the source, while a
  bozo feed that still yields entries (a wrong declared charset, say) is kept with a warning.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping

import feedparser

from extractors.errors import FeedParseError
from extractors.html_text import html_to_text
from spacemine.records import Document, stable_id

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
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
    if _ENTITY_DECL.search(body[:65536]):
        raise FeedParseError("refused: the feed declares XML entities (possible entity-expansion attack)")
    if not body.strip():
        raise FeedParseError("empty body where a feed was expected")
    parsed = feedparser.parse(body, response_headers=dict(headers))
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
    link = (entry.get("link") or "").strip() or None
    published = _timestamp(entry.get("published_parsed") or entry.get("updated_parsed"))
    external_id = (entry.get("id") or "").strip() or link
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
    return " ".join(value.split())


def _timestamp(parsed: Any) -> datetime | None:
    """feedparser's UTC struct_time to an aware datetime (None when absent or absurd)."""
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
    except (OverflowError, ValueError, TypeError):
        return None
