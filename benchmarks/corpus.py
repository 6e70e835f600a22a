"""A generated, deterministic corpus of news-like texts for the benchmarks.

Texts mix the shapes the extractor handles (awards, rounds, acquisitions, partnerships,
mission outcomes, policy) with plain filler sentences, so the measured speed is that of a
realistic mix and not of the easiest or hardest case. The same seed gives the same corpus.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from spacemine.records import Document

COMPANIES = ["Astrobotic", "Intuitive Machines", "Firefly Aerospace", "ispace", "Lunar Outpost", "AstroForge",
             "Interlune", "Karman+", "TransAstra", "Masten Space Systems", "Acme Lunar Mining", "Selene Robotics",
             "Regolith Works Inc.", "Helios Oxygen Systems", "Deep Crater Technologies"]
AGENCIES = ["NASA", "ESA", "JAXA", "the Luxembourg Space Agency", "DARPA"]
INVESTORS = ["Seven Seven Six", "Promus Ventures", "Lux Capital", "Founders Fund", "Space Capital"]
COUNTRIES = ["Japan", "India", "Brazil", "Germany", "Nigeria", "Luxembourg"]
MISSIONS = ["Peregrine", "Chandrayaan-3", "SLIM", "Blue Ghost Mission 1", "Odysseus"]
FILLER = [
    "The company said the work would be carried out at its facility over the next two years.",
    "Engineers will test the hardware in a thermal vacuum chamber before integration.",
    "Analysts expect demand for lunar delivery services to grow through the end of the decade.",
    "The payload includes a mass spectrometer, a camera and a small drill.",
    "Officials did not say when the next review would take place.",
    "Water ice at the lunar poles could one day supply propellant for landers and depots.",
    "The firm employs about 120 people and is hiring engineers.",
]


def _sentence(rng: random.Random) -> str:
    company, agency = rng.choice(COMPANIES), rng.choice(AGENCIES)
    amount = f"${rng.randint(2, 400)}.{rng.randint(0, 9)} million"
    shapes = [
        f"{agency} has awarded {company} a {amount} contract to deliver payloads to the Moon.",
        f"{company} raised {amount} in a Series {rng.choice('ABC')} round led by {rng.choice(INVESTORS)}.",
        f"{company} has acquired {rng.choice(COMPANIES)}, terms were not disclosed.",
        f"{company} and {agency} signed a memorandum of understanding on lunar resources.",
        f"{rng.choice(MISSIONS)} touched down on the Moon on Tuesday, {company} said.",
        f"{rng.choice(COUNTRIES)} signed the Artemis Accords on Monday.",
        f"{company} plans to raise {amount} next year, people familiar with the matter said.",
    ]
    return rng.choice(shapes)


def generate(count: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    documents = []
    for index in range(count):
        paragraphs = []
        for _ in range(rng.randint(2, 4)):
            sentences = [_sentence(rng)] + rng.sample(FILLER, rng.randint(1, 3))
            rng.shuffle(sentences)
            paragraphs.append(" ".join(sentences))
        published = start + timedelta(hours=index)
        documents.append(Document(
            doc_id=f"bench-{index}", source_id="bench", kind="news", external_id=str(index),
            url=f"https://news.example.com/{index}", title=_sentence(rng), published_at=published,
            fetched_at=published, text="\n\n".join(paragraphs),
        ))
    return documents


def rss(documents: list[Document], title: str = "spacemine benchmark feed") -> bytes:
    """One RSS 2.0 feed (WordPress-shaped: guid, pubDate, content:encoded with paragraphs)."""
    from email.utils import format_datetime
    from xml.sax.saxutils import escape

    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
             'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
             f"<title>{escape(title)}</title><link>https://news.example.com/</link>"
             "<description>generated for the benchmarks</description>"]
    for document in documents:
        body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in document.text.split("\n\n"))
        parts.append(
            f"<item><title>{escape(document.title)}</title><link>{escape(document.url or '')}</link>"
            f'<guid isPermaLink="false">{escape(document.doc_id)}</guid>'
            f"<pubDate>{format_datetime(document.published_at)}</pubDate>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def write_feeds(documents: list[Document], directory, per_feed: int = 1000, prefix: str = "bench_feed") -> dict[str, str]:  # noqa: ANN001
    """Split the documents into feeds of ``per_feed`` items, written as ``<id>.xml``; {feed id: file name}."""
    from pathlib import Path

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    feeds: dict[str, str] = {}
    for number, start in enumerate(range(0, len(documents), max(1, per_feed))):
        feed_id = f"{prefix}_{number:04d}"
        (folder / f"{feed_id}.xml").write_bytes(rss(documents[start:start + per_feed], title=feed_id))
        feeds[feed_id] = f"{feed_id}.xml"
    return feeds
