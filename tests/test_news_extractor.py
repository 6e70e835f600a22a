"""News/press-release feeds (RSS 2.0 and Atom) to Document records, and feed-body HTML to text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from extractors.errors import FeedParseError
from extractors.html_text import html_to_text
from extractors.news import parse_feed
from spacemine.records import Document
from tests.conftest import FEEDS, rss

FETCHED = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
RSS_HEADERS = {"content-type": "application/rss+xml; charset=UTF-8"}
ATOM_NS = "{http://www.w3.org/2005/Atom}"
SHARED_SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


def _parse(body: bytes, headers=None, source_id: str = "feed"):
    return parse_feed(source_id, "news", body, RSS_HEADERS if headers is None else headers, FETCHED)


def _items(body: bytes) -> list[tuple[str, str]]:
    """Each item's (key, title) as the feed file states them, read with ElementTree.

    The key is the guid (Atom: id), else the link; the title is whitespace-normalised.
    """
    root = ET.fromstring(body)
    found = []
    for item in root.iter("item"):
        key = item.findtext("guid") or item.findtext("link")
        found.append((key.strip(), " ".join((item.findtext("title") or "").split())))
    for entry in root.iter(f"{ATOM_NS}entry"):
        title = " ".join((entry.findtext(f"{ATOM_NS}title") or "").split())
        found.append((entry.findtext(f"{ATOM_NS}id").strip(), title))
    return found


def _titles_by_key(body: bytes) -> dict[str, set[str]]:
    titles: dict[str, set[str]] = {}
    for key, title in _items(body):
        titles.setdefault(key, set()).add(title)
    return titles


# Keys and identity ---------------------------------------------------------------------------


def test_one_document_per_item_keyed_by_guid():
    items = [
        {"guid": "https://example.com/?p=101", "title": "First", "link": "https://example.com/first"},
        {"guid": "https://example.com/?p=102", "title": "Second", "link": "https://example.com/second"},
        {"guid": "https://example.com/?p=103", "title": "Third", "link": "https://example.com/third"},
    ]

    documents = _parse(rss(items), source_id="news_src").documents

    assert [d.external_id for d in documents] == [i["guid"] for i in items]
    assert [d.doc_id for d in documents] == [Document.make_id("news_src", i["guid"]) for i in items]
    assert [d.url for d in documents] == [i["link"] for i in items]
    assert [d.title for d in documents] == [i["title"] for i in items]
    assert all(d.source_id == "news_src" and d.kind == "news" and d.fetched_at == FETCHED for d in documents)


def test_same_guid_with_a_different_link_keeps_the_doc_id():
    item = {"guid": "https://example.com/?p=7", "title": "Lander update"}

    before = _parse(rss([{**item, "link": "https://example.com/old-slug"}])).documents[0]
    after = _parse(rss([{**item, "link": "https://example.com/new-slug"}])).documents[0]

    assert before.doc_id == after.doc_id
    assert (before.url, after.url) == ("https://example.com/old-slug", "https://example.com/new-slug")


def test_item_without_guid_is_keyed_by_its_link():
    link = "https://example.com/2026/11/no-guid-item"

    (document,) = _parse(rss([{"title": "No guid here", "link": link}]), source_id="src").documents

    assert document.external_id == link
    assert document.doc_id == Document.make_id("src", link)


def test_item_without_guid_or_link_is_still_kept_by_title():
    (document,) = _parse(rss([{"title": "Only a title", "pubDate": "Tue, 10 Mar 2026 09:30:00 GMT"}])).documents

    assert document.title == "Only a title"
    assert document.external_id


def test_same_guid_in_two_sources_gives_two_doc_ids():
    body = rss([{"guid": "shared-guid-1", "title": "Syndicated", "link": "https://example.com/s"}])

    first = _parse(body, source_id="source_a").documents[0]
    second = _parse(body, source_id="source_b").documents[0]

    assert first.doc_id != second.doc_id


def test_item_repeated_in_one_feed_gives_one_document():
    repeated = {"guid": "https://example.com/?p=1", "title": "Repeated", "link": "https://example.com/r"}
    other = {"guid": "https://example.com/?p=2", "title": "Other", "link": "https://example.com/o"}

    documents = _parse(rss([repeated, other, repeated])).documents

    assert sorted(d.external_id for d in documents) == sorted([repeated["guid"], other["guid"]])


def test_title_change_keeps_doc_id_and_changes_content_hash():
    item = {"guid": "https://example.com/?p=9", "link": "https://example.com/a", "description": "Body text."}

    original = _parse(rss([{**item, "title": "First title"}])).documents[0]
    corrected = _parse(rss([{**item, "title": "Corrected title"}])).documents[0]
    unchanged = _parse(rss([{**item, "title": "First title"}])).documents[0]

    assert corrected.doc_id == original.doc_id
    assert corrected.content_hash != original.content_hash
    assert unchanged.content_hash == original.content_hash


# Body text -----------------------------------------------------------------------------------


def test_content_encoded_is_preferred_over_description():
    item = {
        "guid": "g-1",
        "title": "Lead and body",
        "description": "A short lead that only teases the story.",
        "content": "<p>Full story, first paragraph.</p><p>Second paragraph.</p>",
    }

    (document,) = _parse(rss([item])).documents

    assert "short lead" not in document.text
    assert document.text == "Full story, first paragraph.\n\nSecond paragraph."


def test_description_is_used_when_there_is_no_content_encoded():
    (document,) = _parse(rss([{"guid": "g-2", "title": "T", "description": "<p>Only a <b>description</b>.</p>"}])).documents

    assert document.text == "Only a description."


def test_content_html_is_cleaned_to_text_with_entities_decoded():
    content = (
        "<h2>Heading</h2><p>AT&amp;T &eacute;tude &ndash; &pound;5&nbsp;million.</p>"
        "<script>track('x')</script><style>p{color:red}</style>"
        "<ul><li>one</li><li>two</li></ul>"
    )

    (document,) = _parse(rss([{"guid": "g-3", "title": "T", "content": content}])).documents

    assert document.text == "Heading\n\nAT&T étude – £5 million.\n\none\n\ntwo"
    assert "<" not in document.text and "track(" not in document.text and "color" not in document.text


@pytest.mark.parametrize(
    "fragment, expected",
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("Line one<br>line two", "Line one\n\nline two"),
        ("<div>  lots   of \t spaces  </div>", "lots of spaces"),
        ("Fish &amp; chips &lt;b&gt;", "Fish & chips <b>"),
        ("&lt;!channel&gt; hello", "<!channel> hello"),
        ("plain text, no markup", "plain text, no markup"),
        ("<p>kept</p><nav>menu</nav><footer>foot</footer><iframe>frame</iframe>", "kept"),
        ("", ""),
        (None, ""),
    ],
)
def test_html_to_text(fragment, expected):
    assert html_to_text(fragment) == expected


# Dates ---------------------------------------------------------------------------------------


def test_published_at_is_utc_from_an_rfc822_date_with_offset():
    (document,) = _parse(rss([{"guid": "g-4", "title": "T", "pubDate": "Tue, 10 Mar 2026 09:30:00 -0500"}])).documents

    assert document.published_at is not None
    assert document.published_at.utcoffset() == timedelta(0)
    assert document.published_at == datetime(2026, 3, 10, 14, 30, tzinfo=timezone.utc)


def test_item_without_a_date_has_no_published_at():
    (document,) = _parse(rss([{"guid": "g-5", "title": "Undated"}])).documents

    assert document.published_at is None


# Encodings -----------------------------------------------------------------------------------

LATIN1_TITLE = "Société Lunaire lève £5 million pour l'extraction"
LATIN1_SUMMARY = "Crème brûlée à 3 £ pour l'équipe"


def _latin1_atom() -> bytes:
    return f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:example:feed</id><title>Actualités</title><updated>2026-11-16T09:00:00+01:00</updated>
  <entry>
    <id>urn:example:entry:1</id>
    <title type="text">{LATIN1_TITLE}</title>
    <link rel="alternate" href="https://example.org/1"/>
    <published>2026-11-16T09:00:00+01:00</published>
    <updated>2026-11-16T09:00:00+01:00</updated>
    <summary type="text">{LATIN1_SUMMARY}</summary>
  </entry>
</feed>""".encode("latin-1")


@pytest.mark.parametrize(
    "content_type",
    ["application/atom+xml; charset=ISO-8859-1", "application/atom+xml", None],
)
def test_iso_8859_1_atom_feed_parses_with_correct_characters(content_type):
    body = _latin1_atom()
    assert "é".encode("utf-8") not in body  # really Latin-1 bytes, not UTF-8
    headers = {"content-type": content_type} if content_type else {}

    parsed = _parse(body, headers=headers)

    (document,) = parsed.documents
    assert document.title == LATIN1_TITLE
    assert document.text == LATIN1_SUMMARY
    assert document.external_id == "urn:example:entry:1"
    assert document.url == "https://example.org/1"
    assert document.published_at == datetime(2026, 11, 16, 8, 0, tzinfo=timezone.utc)
    assert parsed.feed_title == "Actualités"


# Refused and broken bodies -------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b'<rss version="2.0"><channel><title>&lol2;</title></channel></rss>',
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><guid>g</guid></item></channel></rss>',
        b'<?xml version="1.0"?><!DOCTYPE rss [<!entity lower "x">]><rss version="2.0"><channel/></rss>',
    ],
    ids=["billion-laughs", "external-entity", "lowercase-declaration"],
)
def test_body_declaring_entities_is_refused(body):
    with pytest.raises(FeedParseError, match="entit"):
        _parse(body)


HTML_PAGES = {
    "apache-503": (
        b'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>503 Service Unavailable</title>\n'
        b"</head><body>\n<h1>Service Unavailable</h1>\n<p>The server is temporarily unable to service your "
        b"request.</p>\n</body></html>"
    ),
    "sloppy-html": (
        b"<!doctype html><html><head><title>Just a moment...</title></head><body><p>Checking your browser"
        b"<br>please wait &nbsp; <img src=x></body></html>"
    ),
}


@pytest.mark.parametrize("page", sorted(HTML_PAGES))
@pytest.mark.parametrize(
    "content_type",
    ["text/html; charset=utf-8", "application/rss+xml; charset=UTF-8", "application/xml", None],
)
def test_html_page_served_as_a_feed_is_not_a_feed(page, content_type):
    headers = {"content-type": content_type} if content_type else {}

    with pytest.raises(FeedParseError, match="not a feed"):
        _parse(HTML_PAGES[page], headers=headers)


def _truncated_feeds() -> dict[str, bytes]:
    full = rss([{"guid": "g-1", "title": "An item", "link": "https://example.com/1"}])
    return {
        "cut-before-first-item": full[: full.index(b"<item>")],
        "cut-inside-first-item-tag": full[: full.index(b"<item>") + 3],
        "cut-in-channel-header": full[: full.index(b"<channel>") + 12],
        "unclosed-rss": b'<rss version="2.0"><channel><title>x</title>',
        "mismatched-tags": b'<rss version="2.0"><channel><title>x</channel></title></rss>',
    }


@pytest.mark.parametrize("name", sorted(_truncated_feeds()))
def test_malformed_or_truncated_feed_without_entries_raises(name):
    with pytest.raises(FeedParseError):
        _parse(_truncated_feeds()[name])


@pytest.mark.parametrize("body", [b"", b"   \n\t  ", b"\n"])
def test_empty_body_raises(body):
    with pytest.raises(FeedParseError, match="empty"):
        _parse(body)


def test_feed_with_no_items_is_not_an_error():
    parsed = _parse(rss([], title="Quiet week"))

    assert parsed.documents == []
    assert parsed.feed_title == "Quiet week"


# Untrusted text stays literal ----------------------------------------------------------------


def test_title_that_looks_like_slack_markup_stays_literal_text():
    title = "<!channel> big news"

    (document,) = _parse(rss([{"guid": "g-6", "title": title, "link": "https://example.com/6",
                               "content": "<p>&lt;https://example.com|click&gt; here</p>"}])).documents

    assert document.title == title
    assert document.text == "<https://example.com|click> here"


# Real and shipped feeds ----------------------------------------------------------------------

MANIFEST = yaml.safe_load((FEEDS / "manifest.yaml").read_text(encoding="utf-8"))["feeds"]


@pytest.mark.parametrize("feed", MANIFEST, ids=[f["id"] for f in MANIFEST])
def test_every_shipped_demo_feed_parses_cleanly(feed):
    body = (FEEDS / feed["file"]).read_bytes()
    items = _items(body)

    parsed = parse_feed(feed["id"], "news", body, {"content-type": feed["content_type"]}, FETCHED)

    assert parsed.warnings == []
    assert len(parsed.documents) == len(items) > 0
    assert sorted((d.external_id, d.title) for d in parsed.documents) == sorted(items)
    for document in parsed.documents:
        assert document.text
        assert document.published_at is not None and document.published_at.utcoffset() == timedelta(0)


SHARED_FEEDS = [
    ("news_nasa_rss.xml", "application/rss+xml; charset=UTF-8"),
    ("news_spacenews_rss.xml", "application/rss+xml; charset=UTF-8"),
    # As recorded: EDGAR sends no charset; the body is ISO-8859-1 by its XML declaration.
    ("sec_getcurrent_atom_count40.xml", "application/atom+xml"),
]


@pytest.mark.parametrize("name, content_type", SHARED_FEEDS, ids=[n for n, _ in SHARED_FEEDS])
def test_recorded_real_feeds_parse(name, content_type):
    path = SHARED_SAMPLES / name
    if not path.is_file():
        pytest.skip(f"recorded samples not available ({path})")
    body = path.read_bytes()
    titles = _titles_by_key(body)

    parsed = parse_feed("sample", "news", body, {"content-type": content_type}, FETCHED)

    assert parsed.warnings == []
    # One document per distinct key: EDGAR lists a filing once per filer under one id.
    assert len(parsed.documents) == len(titles) > 0
    assert {d.external_id for d in parsed.documents} == set(titles)
    for document in parsed.documents:
        assert document.title in titles[document.external_id]
        assert document.published_at is not None and document.published_at.utcoffset() == timedelta(0)
