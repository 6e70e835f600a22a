"""Cross-source resolution: one real-world event, many reports; corrections update it."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from spacemine.records import Amount, Document, EventCandidate, Evidence, OrgRef
from warehouse.db import Warehouse, scalar
from warehouse.load import load_documents, load_events
from warehouse.resolve import AMOUNT_TOLERANCE, DATE_WINDOW, Summary, same_event

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
DAY = date(2026, 11, 18)


@pytest.fixture
def warehouse(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "w.duckdb", tmp_path / "published" / "w.duckdb")


def _doc(source: str, external_id: str, text: str) -> Document:
    return Document(
        doc_id=Document.make_id(source, external_id), source_id=source, kind="news", external_id=external_id,
        url=f"https://{source}.example.com/{external_id}", title=text[:40], published_at=NOW, fetched_at=NOW,
        text=text,
    )


def _award(doc: Document, actors=("intuitive_machines",), usd: float | None = 47e6, day: date = DAY,
           program: str | None = "CLPS", identity: str | None = None, amends: str | None = None,
           type_: str = "contract_award") -> EventCandidate:
    return EventCandidate(
        type=type_,
        actors=tuple(OrgRef(a, a.replace("_", " ").title()) for a in actors),
        counterparties=(OrgRef("nasa", "NASA", "agency"),),
        amount=Amount(usd, "USD", usd, "task_order", f"${usd:,.0f}") if usd is not None else None,
        evidence=Evidence(doc.doc_id, "text", 0, len(doc.text), doc.text, "award.agent.awarded"),
        program=program, event_date=day, date_granularity="day", confidence=0.8,
        identity=identity, amends=amends, segments=("body:lunar",),
    )


def _load(warehouse: Warehouse, pairs: list[tuple[Document, EventCandidate]]):
    with warehouse.write() as con:
        load_documents(con, [d for d, _ in pairs], NOW)
        return load_events(con, [(c, d.content_hash) for d, c in pairs], NOW)


def _events(warehouse: Warehouse) -> list[tuple]:
    with warehouse.write(publish=False) as con:
        return con.execute(
            "SELECT event_id, amount_usd, source_count, amended_at IS NOT NULL, segments FROM events ORDER BY event_id"
        ).fetchall()


def test_one_award_reported_by_three_sources_is_one_event_with_three_evidences(warehouse):
    release = _doc("nasa", "r1", "NASA awarded Intuitive Machines about $47 million to deliver PRIME-1.")
    wire = _doc("wire", "w1", "Intuitive Machines won a $46.99 million NASA task order.")
    award = _doc("usaspending", "a1", "NASA task order 80MSFC20C0035 to INTUITIVE MACHINES, LLC: $46,990,000")
    loaded = _load(warehouse, [(release, _award(release)), (wire, _award(wire, usd=46.99e6, day=DAY - timedelta(days=2))),
                               (award, _award(award, usd=46.99e6, day=DAY - timedelta(days=5), program=None))])

    (event,) = _events(warehouse)
    assert len(loaded.new_event_ids) == 1
    assert event[2] == 3, "sources count"
    with warehouse.read() as con:
        rows = con.execute("SELECT source_id, url, sentence FROM event_sources ORDER BY source_id").fetchall()
    assert [r[0] for r in rows] == ["nasa", "usaspending", "wire"]
    assert all(r[1].startswith("https://") and r[2] for r in rows)


def test_a_later_report_joins_the_stored_event_and_reloading_adds_nothing(warehouse):
    first = _doc("nasa", "r1", "NASA awarded Intuitive Machines $47 million.")
    later = _doc("wire", "w2", "Intuitive Machines books a $47.5 million NASA order.")
    _load(warehouse, [(first, _award(first))])
    joined = _load(warehouse, [(later, _award(later, usd=47.5e6, day=DAY + timedelta(days=3)))])
    again = _load(warehouse, [(later, _award(later, usd=47.5e6, day=DAY + timedelta(days=3)))])

    (event,) = _events(warehouse)
    assert joined.new_event_ids == [] and joined.evidence_rows == 1
    assert event[1] == 47e6, "the stored amount is kept when a report agrees within tolerance"
    assert event[2] == 2
    assert again.new_event_ids == [] and again.updated_event_ids == [] and again.evidence_rows == 0


@pytest.mark.parametrize("change", [
    pytest.param({"usd": 47e6 * (1 + 3 * AMOUNT_TOLERANCE)}, id="amount-outside-tolerance"),
    pytest.param({"day": DAY + timedelta(days=DATE_WINDOW["contract_award"] + 1)}, id="outside-date-window"),
    pytest.param({"program": "Tipping Point", "usd": 47.2e6}, id="other-program"),
    pytest.param({"actors": ("astrobotic",)}, id="other-recipient"),
    pytest.param({"type_": "funding_round"}, id="other-type"),
])
def test_reports_that_differ_beyond_tolerance_stay_separate_events(warehouse, change):
    a = _doc("nasa", "r1", "NASA awarded Intuitive Machines $47 million.")
    b = _doc("wire", "w1", "Another award.")
    _load(warehouse, [(a, _award(a)), (b, _award(b, **change))])

    assert len(_events(warehouse)) == 2


def test_events_sharing_one_party_are_not_merged():
    a = Summary("a", "partnership", frozenset({"nasa", "astrobotic"}), None, DAY, None, None)
    b = Summary("b", "partnership", frozenset({"nasa", "masten"}), None, DAY, None, None)
    narrower = Summary("c", "partnership", frozenset({"nasa"}), None, DAY, None, None)

    assert not same_event(a, b)
    assert same_event(a, narrower) and same_event(narrower, b)


def test_two_filings_with_different_identities_are_two_events(warehouse):
    a = _doc("edgar", "0001", "Form D: AstroForge sold $5,000,000.")
    b = _doc("edgar", "0002", "Form D: AstroForge sold $5,000,000.")
    _load(warehouse, [(a, _award(a, actors=("astroforge",), usd=5e6, type_="funding_round", identity="sec:0001")),
                      (b, _award(b, actors=("astroforge",), usd=5e6, type_="funding_round", identity="sec:0002"))])

    assert len(_events(warehouse)) == 2


def test_a_correction_updates_the_amount_of_the_event_it_amends(warehouse):
    original = _doc("edgar", "0001", "Form D: AstroForge sold $5,000,000.")
    amendment = _doc("edgar", "0002", "Form D/A: AstroForge sold $13,000,000. Amends filing 0001.")
    _load(warehouse, [(original, _award(original, actors=("astroforge",), usd=5e6, type_="funding_round",
                                        identity="sec:0001"))])
    corrected = _award(amendment, actors=("astroforge",), usd=13e6, type_="funding_round", identity="sec:0002",
                       amends="sec:0001")
    result = _load(warehouse, [(amendment, corrected)])
    again = _load(warehouse, [(amendment, corrected)])

    (event,) = _events(warehouse)
    assert event[1] == 13e6 and event[3] is True
    assert result.new_event_ids == [] and len(result.updated_event_ids) == 1
    assert again.updated_event_ids == [] and again.evidence_rows == 0
    with warehouse.read() as con:
        assert scalar(con, "SELECT count(*) FROM event_sources") == 2


def test_segments_accumulate_across_reports(warehouse):
    a = _doc("nasa", "r1", "NASA awarded Intuitive Machines $47 million.")
    b = _doc("wire", "w1", "Intuitive Machines won $47 million to land an ice drill.")
    _load(warehouse, [(a, _award(a))])
    _load(warehouse, [(b, EventCandidate(**{**_award(b).__dict__, "segments": ("resource:water_ice",)}))])

    (event,) = _events(warehouse)
    assert event[4] == ["body:lunar", "resource:water_ice"]
