"""Records passed between packages: pure data, no I/O.

A :class:`Document` comes out of every extractor; an :class:`EventCandidate` comes out of the
NLP (or, later, straight from a structured source) with its :class:`Evidence`; the warehouse
resolves candidates into events. Keeping these frozen and free of parsing logic lets each
package be tested on its own.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

DOCUMENT_KINDS = ("news", "release", "award", "filing", "form_d")
EVENT_TYPES = (
    "contract_award",
    "funding_round",
    "acquisition",
    "partnership",
    "mission_outcome",
    "policy",
    "filing",
)
AMOUNT_KINDS = ("obligation", "ceiling", "task_order", "round", "symbolic", "undisclosed", "stated")


def stable_id(*parts: object, length: int = 20) -> str:
    """A short, stable hex id from the parts (unit separator between them)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def content_hash(payload: dict[str, Any]) -> str:
    """Hash of a document's meaningful content; unchanged content gives the same hash."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One item from a source (a feed item, an award, a filing)."""

    doc_id: str
    source_id: str
    kind: str
    external_id: str
    url: str | None
    title: str
    published_at: datetime | None
    fetched_at: datetime
    text: str
    payload: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    raw_fetch_id: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(
            {
                "title": self.title,
                "text": self.text,
                "url": self.url,
                "published_at": self.published_at.isoformat() if self.published_at else None,
            }
        )

    @staticmethod
    def make_id(source_id: str, external_id: str) -> str:
        return stable_id(source_id, external_id)


@dataclass(frozen=True)
class OrgRef:
    """An organisation as mentioned: canonical id (gazetteer) and the name used."""

    org_id: str
    name: str
    kind: str = "company"


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str
    usd: float | None
    kind: str = "stated"
    text: str = ""
    qualifier: str | None = None  # "up_to" | "nearly" | "about" | None


@dataclass(frozen=True)
class Evidence:
    """Where a candidate came from: the document, the sentence and the pattern that fired."""

    doc_id: str
    field: str  # "title" | "text"
    sentence_start: int
    sentence_end: int
    sentence: str
    pattern_id: str


@dataclass(frozen=True)
class EventCandidate:
    type: str
    actors: tuple[OrgRef, ...]
    counterparties: tuple[OrgRef, ...]
    amount: Amount | None
    evidence: Evidence
    program: str | None = None
    stage: str | None = None
    outcome: str | None = None
    event_date: date | None = None
    date_granularity: str | None = None
    confidence: float = 0.5
    identity: str | None = None  # a natural id when the source has one (an SEC accession number)
    segments: tuple[str, ...] = ()  # "dimension:segment" (nlp/segments.py)
    amends: str | None = None  # identity of an earlier candidate this one corrects (a Form D/A)

    def resolution_key(self) -> str:
        """Identity of the real-world event this candidate describes.

        A natural identity wins when the source gives one: a filing is its accession number,
        whichever EDGAR endpoint reported it. Otherwise type, actors, amount (rounded to
        thousands of USD) and the event's year: the same award reported by two feeds, or an
        item re-published with a new title, resolves to the same event. Later issues refine
        this with tolerances and date windows.
        """
        if self.identity:
            return stable_id(self.type, "identity", self.identity)
        actors = ",".join(sorted(a.org_id for a in self.actors))
        usd = round(self.amount.usd, -3) if self.amount and self.amount.usd else None
        year = self.event_date.year if self.event_date else None
        return stable_id(self.type, actors, usd, year)
