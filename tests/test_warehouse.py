"""Warehouse: migrations, idempotent bulk loads, edited items, the analysts' published copy."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import duckdb
import pytest

from spacemine.records import Amount, Document, EventCandidate, Evidence, OrgRef
from warehouse.db import Warehouse, WarehouseMissing, apply_migrations, migrations, scalar
from warehouse.load import load_documents, load_events, save_raw_fetch

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def _doc(external_id: str, title: str = "A title", text: str = "Some text.") -> Document:
    return Document(
        doc_id=Document.make_id("feed", external_id), source_id="feed", kind="news", external_id=external_id,
        url=f"https://example.com/{external_id}", title=title, published_at=NOW, fetched_at=NOW, text=text,
        payload={"id": external_id},
    )


def _candidate(doc: Document, actor: str = "astroforge", usd: float | None = 5e6) -> EventCandidate:
    sentence = doc.text
    return EventCandidate(
        type="contract_award",
        actors=(OrgRef(actor, actor.title()),),
        counterparties=(OrgRef("nasa", "NASA", "agency"),),
        amount=Amount(usd, "USD", usd, "obligation", "$5 million") if usd else None,
        evidence=Evidence(doc.doc_id, "text", 0, len(sentence), sentence, "award.awarded"),
        event_date=NOW.date(), date_granularity="day", confidence=0.8,
    )


@pytest.fixture
def warehouse(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "w.duckdb", tmp_path / "published" / "w.duckdb")


def _count(warehouse: Warehouse, table: str) -> int:
    with warehouse.write(publish=False) as con:
        return scalar(con, f"SELECT count(*) FROM {table}")


def test_migrations_apply_once_and_are_recorded(tmp_path):
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    first = apply_migrations(con)
    second = apply_migrations(con)
    assert first == [name for _, name, _ in migrations()]
    assert second == []
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "events", "event_evidence", "orgs", "org_aliases", "source_state",
            "alert_outbox", "digests", "raw_fetches"} <= tables


def test_loading_the_same_documents_twice_changes_nothing(warehouse):
    docs = [_doc("a"), _doc("b")]
    with warehouse.write() as con:
        first = load_documents(con, docs, NOW)
    with warehouse.write() as con:
        second = load_documents(con, docs, NOW + timedelta(hours=1))
        updated_at = {row[0] for row in con.execute("SELECT updated_at FROM documents").fetchall()}
    assert sorted(first.new) == sorted(d.doc_id for d in docs) and first.updated == []
    assert second.new == [] and second.updated == [] and second.unchanged == 2
    assert updated_at == {NOW}
    assert _count(warehouse, "documents") == 2
    assert _count(warehouse, "document_versions") == 2


def test_an_edited_item_updates_its_document_and_keeps_the_old_version(warehouse):
    with warehouse.write() as con:
        load_documents(con, [_doc("a", title="Old title")], NOW)
    with warehouse.write() as con:
        result = load_documents(con, [_doc("a", title="New title")], NOW + timedelta(hours=1))
        row = con.execute("SELECT title, version, first_seen_at, updated_at FROM documents").fetchall()
    assert result.updated == [Document.make_id("feed", "a")] and result.new == []
    assert row == [("New title", 2, NOW, NOW + timedelta(hours=1))]
    assert _count(warehouse, "documents") == 1
    assert _count(warehouse, "document_versions") == 2


def test_duplicate_keys_inside_one_batch_load_one_row(warehouse):
    with warehouse.write() as con:
        result = load_documents(con, [_doc("a", title="first"), _doc("a", title="second")], NOW)
    assert len(result.new) == 1
    assert _count(warehouse, "documents") == 1


def test_raw_fetches_are_kept_once_per_distinct_body(warehouse):
    with warehouse.write() as con:
        one = save_raw_fetch(con, "feed", "https://x/feed", 200, {"etag": '"1"'}, b"<rss/>", NOW)
        two = save_raw_fetch(con, "feed", "https://x/feed", 200, {"etag": '"1"'}, b"<rss/>", NOW)
        three = save_raw_fetch(con, "feed", "https://x/feed", 200, {"etag": '"2"'}, b"<rss>2</rss>", NOW)
    assert one == two != three
    assert _count(warehouse, "raw_fetches") == 2


def test_events_resolve_across_documents_and_reloads_add_nothing(warehouse):
    doc_a = _doc("a", text="NASA awarded AstroForge $5 million.")
    doc_b = _doc("b", text="AstroForge won a $5 million NASA contract.")
    with warehouse.write() as con:
        load_documents(con, [doc_a, doc_b], NOW)
        first = load_events(con, [(_candidate(doc_a), "h1"), (_candidate(doc_b), "h2")], NOW)
    with warehouse.write() as con:
        again = load_events(con, [(_candidate(doc_a), "h1"), (_candidate(doc_b), "h2")], NOW)
    assert len(first.new_event_ids) == 1, "the same award from two sources is one event"
    assert first.evidence_rows == 2
    assert again.new_event_ids == [] and again.updated_event_ids == [] and again.evidence_rows == 0
    assert _count(warehouse, "events") == 1


def test_different_amounts_are_different_events(warehouse):
    doc = _doc("a")
    with warehouse.write() as con:
        result = load_events(con, [(_candidate(doc, usd=5e6), "h"), (_candidate(doc, usd=40e6), "h")], NOW)
    assert len(result.new_event_ids) == 2


def test_a_failed_write_step_rolls_back(warehouse):
    with pytest.raises(RuntimeError):
        with warehouse.write() as con:
            load_documents(con, [_doc("a")], NOW)
            raise RuntimeError("boom")
    assert _count(warehouse, "documents") == 0


def test_analysts_read_a_published_copy_that_survives_the_next_write(warehouse):
    with warehouse.write() as con:
        load_documents(con, [_doc("a")], NOW)
    analyst = warehouse.read()
    assert scalar(analyst, "SELECT count(*) FROM documents") == 1
    # The pipeline writes while the analyst's session is open: neither waits nor breaks.
    with warehouse.write() as con:
        load_documents(con, [_doc("b")], NOW)
    assert scalar(analyst, "SELECT count(*) FROM documents") == 1  # the analyst's snapshot
    analyst.close()
    with warehouse.read() as fresh:
        assert scalar(fresh, "SELECT count(*) FROM documents") == 2


def test_the_published_copy_is_read_only(warehouse):
    with warehouse.write() as con:
        load_documents(con, [_doc("a")], NOW)
    with warehouse.read() as con:
        with pytest.raises(duckdb.Error):
            con.execute("DELETE FROM documents")


def test_reading_before_any_write_names_the_fix(warehouse):
    with pytest.raises(WarehouseMissing, match="spacemine run"):
        warehouse.read()


def test_a_step_that_changes_nothing_does_not_copy_the_warehouse_again(warehouse):
    with warehouse.write() as con:
        load_documents(con, [_doc("a")], NOW)
    published = warehouse.published_path
    first = published.stat().st_ino
    with warehouse.write() as con:  # read-only work inside a write step
        assert scalar(con, "SELECT count(*) FROM documents") == 1
    assert published.stat().st_ino == first, "nothing changed: the copy is kept"
    with warehouse.write() as con:
        load_documents(con, [_doc("b")], NOW)
    assert published.stat().st_ino != first
    with warehouse.read() as con:
        assert scalar(con, "SELECT count(*) FROM documents") == 2


def test_bookkeeping_a_step_declines_to_publish_waits_for_the_next_change_or_the_lag_limit(warehouse, monkeypatch):
    import warehouse.db as db

    with warehouse.write() as con:
        load_documents(con, [_doc("a")], NOW)
    with warehouse.write(publish=lambda: False) as con:  # e.g. a source checked, nothing new
        load_documents(con, [_doc("b")], NOW)
    with warehouse.write() as con:  # a step that changes nothing does not copy either
        assert scalar(con, "SELECT count(*) FROM documents") == 2
    with warehouse.read() as con:
        assert scalar(con, "SELECT count(*) FROM documents") == 1
    monkeypatch.setattr(db, "PUBLISH_LAG_SECONDS", -1)  # ... until the copy has been behind too long
    with warehouse.write() as con:
        assert scalar(con, "SELECT count(*) FROM documents") == 2
    with warehouse.read() as con:
        assert scalar(con, "SELECT count(*) FROM documents") == 2
