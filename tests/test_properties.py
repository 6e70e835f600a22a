"""Property-based tests: every parser and the event extractor on arbitrary input.

For arbitrary bytes, text and JSON shapes each parser either returns well-formed records or
raises its source's documented error (``FeedParseError``, ``EdgarParseError``), never another
exception and never a hang; records hold finite, bounded amounts and plausible dates, and their
payloads are valid JSON. The extractor never crashes on arbitrary text, its evidence offsets
point into the field they name, and its amounts are finite and not negative.

JSON strategies draw dictionary keys from the names each parser reads (plus random ones), so
the generated shapes reach the field readers instead of stopping at "no 'results' list".
Example counts are kept small enough for the whole file to run in well under a minute.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import awards, edgar, form_d, fpds, news, sam, usaspending
from extractors.articles import extract_article
from extractors.edgar import EdgarParseError
from extractors.errors import FeedParseError
from extractors.html_text import html_to_text
from extractors.sanity import EARLIEST, MAX_AMOUNT
from nlp.money import MAX_VALUE
from spacemine.records import Document, OrgRef

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
# No example database: nothing is written under the project, and every run draws afresh.
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
FAST = settings(max_examples=150, deadline=None, database=None, suppress_health_check=_SLOW_OK)
QUICK = settings(max_examples=60, deadline=None, database=None, suppress_health_check=_SLOW_OK)


class Resolver:
    def resolve(self, name: str) -> OrgRef:
        return OrgRef("org:" + "-".join(name.lower().split())[:60], name)


# Values hostile payloads carry ------------------------------------------------------------------
NASTY_TEXT = st.sampled_from([
    "NaN", "nan", "Infinity", "-Infinity", "inf", "1e30", "-1e30", "1e400", "-5000000", "-5,000,000.00", "$1,200",
    "0", "-0", "1E+308", "0x10", "²", "١٢٣", "Indefinite", "None", "null", "", " ", "\x00", "\ufeff",
    "2100-01-01", "1900-01-01", "0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
    "0001-01-01 00:00:00", "9999-12-31 23:59:59", "\ud800", "a\udfffb", "12/31/9999", "01/01/0001", "2026-02-30",
    "2026-13-01",
    "2024-12-26T17:00:07.000Z", "2100-01-01T00:00:00-05:00", "0000001234", "CIK0001844452", "12345678901",
    "CONT_AWD_X_1_Y_2", "CONT_AWD_____", "1.01,9.01", "items 1.01and9.01", "A (B) (1) (C)",
])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**300, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20), NASTY_TEXT,
)


def json_shapes(keys: list[str], max_leaves: int = 25) -> st.SearchStrategy[Any]:
    """Nested JSON values whose object keys are mostly names the parser reads."""
    key = st.one_of(st.sampled_from(keys), st.text(max_size=6))
    return st.recursive(
        SCALARS,
        lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(key, children, max_size=6)),
        max_leaves=max_leaves,
    )


def enveloped(keys: list[str], wrap, max_leaves: int = 25) -> st.SearchStrategy[Any]:
    """Arbitrary shapes, and as often records of arbitrary shapes inside the response's own
    envelope (``wrap(records)``), so the record readers are reached, not only the envelope check."""
    records = st.lists(st.dictionaries(st.one_of(st.sampled_from(keys), st.text(max_size=6)),
                                       json_shapes(keys, max_leaves), max_size=10), max_size=4)
    return st.one_of(json_shapes(keys, max_leaves), records.map(wrap))


def as_body(value: Any) -> bytes:
    """JSON as a server would send it (NaN and Infinity included: Python's json reads them back)."""
    return json.dumps(value, default=str).encode("utf-8")


ANY_BYTES = st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))


# Checks on records --------------------------------------------------------------------------------
def assert_amount(value: Any) -> None:
    assert value is None or (isinstance(value, float) and math.isfinite(value) and abs(value) <= MAX_AMOUNT), value


def assert_plausible_time(when: datetime | None, fetched_at: datetime = NOW) -> None:
    if when is not None:
        assert when.tzinfo is not None
        assert EARLIEST <= when <= fetched_at + timedelta(days=1)


def assert_json_safe(payload: Any) -> None:
    json.dumps(payload, allow_nan=False, default=str)  # NaN/Infinity would raise here


def assert_document(document: Document) -> None:
    assert document.doc_id and isinstance(document.title, str) and isinstance(document.text, str)
    assert_plausible_time(document.published_at, document.fetched_at)
    assert_json_safe(document.payload)
    assert document.content_hash


def assert_award(award: awards.Award) -> None:
    for value in (award.obligation, award.ceiling, award.ceiling_change, award.total):
        assert_amount(value)
    document = awards.award_document(award, "test:source", NOW, None)
    assert_document(document)
    for candidate in awards.candidates(document, Resolver()):
        if candidate.amount is not None:
            assert math.isfinite(candidate.amount.usd) and 0 < candidate.amount.usd <= MAX_AMOUNT
        if candidate.event_date is not None:
            assert EARLIEST.date() <= candidate.event_date <= NOW.date() + timedelta(days=1)


# News feeds ------------------------------------------------------------------------------------
@FAST
@given(body=ANY_BYTES, content_type=st.sampled_from(["application/rss+xml", "text/html", "text/xml; charset=utf-16",
                                                     "application/atom+xml; charset=cp500", ""]))
def test_news_feed_on_arbitrary_bytes(body, content_type):
    headers = {"content-type": content_type} if content_type else {}
    try:
        parsed = news.parse_feed("test", "news", body, headers, NOW)
    except FeedParseError as exc:
        assert str(exc)
        return
    for document in parsed.documents:
        assert_document(document)


ITEM_TEXT = st.one_of(st.text(max_size=60), NASTY_TEXT)


@FAST
@given(items=st.lists(st.fixed_dictionaries({}, optional={
    "title": ITEM_TEXT, "guid": ITEM_TEXT, "link": ITEM_TEXT, "pubDate": ITEM_TEXT, "description": ITEM_TEXT}),
    max_size=4))
def test_news_feed_items_with_arbitrary_fields(items):
    from xml.sax.saxutils import escape

    def clean(text: str) -> str:  # XML 1.0 cannot carry these at all; the feed would not parse
        return "".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd"))

    parts = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>']
    for item in items:
        parts.append("<item>" + "".join(f"<{k}>{escape(clean(v))}</{k}>" for k, v in item.items()) + "</item>")
    body = ("".join(parts) + "</channel></rss>").encode("utf-8")
    parsed = news.parse_feed("test", "news", body, {"content-type": "application/rss+xml"}, NOW)
    ids = [d.doc_id for d in parsed.documents]
    assert len(ids) == len(set(ids))
    for document in parsed.documents:
        assert_document(document)
        assert not any(ord(c) < 32 and c not in "\n\t" for c in document.title + document.external_id)


# HTML -----------------------------------------------------------------------------------------
HTML_PIECES = st.one_of(
    st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<script>", "</script>", "<article>", "</article>",
                     "<main>", "<aside>", "<nav>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;",
                     "<meta name=description content='", "'>", '<div class="entry-content">', "\x00", "<", ">"]),
    st.text(max_size=30),
)


@FAST
@given(st.lists(HTML_PIECES, max_size=40).map("".join))
def test_html_to_text_never_fails_and_normalises(fragment):
    text = html_to_text(fragment)
    assert text == text.strip()
    assert "\n\n\n" not in text and "\x00" not in text
    assert html_to_text(text.replace("&", "&amp;").replace("<", "&lt;")) == text  # plain text is kept


@FAST
@given(body=st.one_of(ANY_BYTES, st.lists(HTML_PIECES, max_size=60).map(lambda p: "".join(p).encode("utf-8"))),
       content_type=st.sampled_from([None, "text/html", "text/html; charset=bogus-9", "text/html; charset=utf-16"]))
def test_extract_article_on_arbitrary_pages(body, content_type):
    try:
        article = extract_article(body, content_type)
    except FeedParseError as exc:
        assert "refused" in str(exc)
        return
    if article is not None:
        assert article.text and article.method.startswith(("body:", "meta:"))


# USAspending ------------------------------------------------------------------------------------
USA_KEYS = ["results", "page_metadata", "hasNext", "internal_id", "generated_internal_id", "Award ID",
            "Recipient Name", "Award Amount", "Start Date", "End Date", "Last Modified Date", "Base Obligation Date",
            "NAICS", "PSC", "code", "description", "Last Date to Order", "Contract Award Type", "CFDA Number"]
DETAIL_KEYS = ["period_of_performance", "recipient", "awarding_agency", "toptier_agency", "subtier_agency",
               "parent_award", "latest_transaction_contract_data", "naics", "naics_hierarchy", "base_code",
               "psc_hierarchy", "product_or_service_code", "category", "total_obligation", "cfda_info", "cfda_number",
               "type", "piid", "fain", "base_and_all_options", "date_signed", "start_date", "end_date",
               "last_modified_date", "recipient_name", "name", "code", "description", "major_program"]


@FAST
@given(enveloped(USA_KEYS, lambda rows: {"results": rows, "page_metadata": {"hasNext": False}}),
       st.sampled_from(list(usaspending.AWARD_TYPE_GROUPS)))
def test_usaspending_search_page_on_arbitrary_json(data, group):
    response = awards.Response("https://api.invalid/", 200, {}, as_body(data), NOW)
    try:
        rows, has_next = usaspending.parse_search_page(response.json("USAspending search"))
    except FeedParseError:
        return
    assert isinstance(has_next, bool)
    for row in rows:
        assert_award(usaspending.award_from_row(row, group))


@FAST
@given(json_shapes(DETAIL_KEYS))
def test_usaspending_detail_on_arbitrary_json(detail):
    base = usaspending.award_from_row({"generated_internal_id": "CONT_AWD_1_2_3_4", "Award Amount": 5.0}, "contracts")
    # As the source reads it: through the response's JSON reader (lone surrogates in the body
    # become U+FFFD there; handing merge_detail a raw "\ud800" tested a path that cannot occur).
    response = awards.Response("https://api.invalid/", 200, {}, as_body(detail), NOW)
    try:
        merged = usaspending.merge_detail(base, response.json("USAspending award detail"))
    except FeedParseError:
        return
    assert_award(merged)


@QUICK
@given(ANY_BYTES)
def test_json_bodies_that_are_not_json(body):
    response = awards.Response("https://api.invalid/", 200, {"content-type": "text/html"}, body, NOW)
    try:
        response.json("USAspending search")
    except FeedParseError as exc:
        assert "expected JSON" in str(exc)


# FPDS -----------------------------------------------------------------------------------------
FPDS_ENTRY = """<entry><title>t</title><modified>{modified}</modified><content type="application/xml">
<ns1:award xmlns:ns1="https://www.fpds.gov/FPDS"><ns1:awardID><ns1:awardContractID>
<ns1:agencyID>8000</ns1:agencyID><ns1:PIID>{piid}</ns1:PIID><ns1:modNumber>{mod}</ns1:modNumber>
</ns1:awardContractID></ns1:awardID>
<ns1:relevantContractDates><ns1:signedDate>{signed}</ns1:signedDate></ns1:relevantContractDates>
<ns1:dollarValues><ns1:obligatedAmount>{obligated}</ns1:obligatedAmount>
<ns1:baseAndAllOptionsValue>{ceiling}</ns1:baseAndAllOptionsValue></ns1:dollarValues>
<ns1:vendor><ns1:vendorHeader><ns1:vendorName>{vendor}</ns1:vendorName></ns1:vendorHeader></ns1:vendor>
</ns1:award></content></entry>"""


def _xml_text(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape("".join(c for c in text if c in "\t\n\r" or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd"),
                  {'"': "&quot;"})


@FAST
@given(body=ANY_BYTES)
def test_fpds_on_arbitrary_bytes(body):
    try:
        page = fpds.parse_feed(body)
    except FeedParseError as exc:
        assert str(exc)
        return
    for award in page.awards:
        assert_award(award)


@FAST
@given(st.lists(st.fixed_dictionaries({k: st.one_of(NASTY_TEXT, st.text(max_size=12)) for k in
                                       ("modified", "piid", "mod", "signed", "obligated", "ceiling", "vendor")}),
                min_size=1, max_size=3))
def test_fpds_entries_with_arbitrary_values(entries):
    body = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            + "".join(FPDS_ENTRY.format(**{k: _xml_text(v) for k, v in e.items()}) for e in entries) + "</feed>")
    page = fpds.parse_feed(body.encode("utf-8"))
    assert len(page.awards) + len(page.warnings) == len(entries)
    for award in page.awards:
        assert_award(award)


# EDGAR ------------------------------------------------------------------------------------------
SUBMISSION_KEYS = ["cik", "name", "tickers", "entityType", "filings", "recent", "files", "accessionNumber",
                   "filingDate", "form", "acceptanceDateTime", "primaryDocument", "items", "reportDate",
                   "primaryDocDescription", "fileNumber"]
FULL_TEXT_KEYS = ["hits", "total", "value", "relation", "_source", "_id", "adsh", "display_names", "ciks", "form",
                  "file_type", "xsl", "items", "root_forms", "file_date", "period_ending", "file_description",
                  "sequence"]


def _filing_documents(rows: list[dict[str, Any]], cik: str = "0000000001") -> None:
    from extractors.filings import candidates, filing_document

    for row in rows:
        payload = edgar.filing_from_row(row, cik, "Co", "https://www.sec.gov")
        if not payload["accession"]:
            continue
        document = filing_document("edgar:test", {**payload, "source": "test"}, NOW, None)
        assert_document(document)
        for candidate in candidates(document, Resolver()):
            assert candidate.event_date is None or EARLIEST.date() <= candidate.event_date


@FAST
@given(st.one_of(json_shapes(SUBMISSION_KEYS, max_leaves=40),
                 st.builds(lambda recent, rest: {"cik": "1234", "filings": {"recent": recent}, **rest},
                           json_shapes(SUBMISSION_KEYS), st.dictionaries(st.sampled_from(SUBMISSION_KEYS), SCALARS))))
def test_edgar_submissions_on_arbitrary_json(data):
    try:
        submissions = edgar.parse_submissions(as_body(data))
    except EdgarParseError:
        return
    assert len(submissions.cik) == 10 and submissions.cik.isdigit()
    _filing_documents(submissions.rows, submissions.cik)


@FAST
@given(st.dictionaries(st.sampled_from(["accessionNumber", "filingDate", "form", "acceptanceDateTime",
                                        "primaryDocument", "items", "reportDate"]),
                       st.lists(SCALARS, min_size=2, max_size=2), min_size=3))
def test_edgar_columnar_rows_with_arbitrary_values(columns):
    try:
        rows = edgar.parse_submissions_page(as_body(columns))
    except EdgarParseError:
        return
    _filing_documents(rows)


@FAST
@given(enveloped(FULL_TEXT_KEYS, lambda hits: {"hits": {"total": {"value": len(hits)}, "hits": hits}}))
def test_edgar_full_text_on_arbitrary_json(data):
    try:
        page = edgar.parse_full_text(as_body(data))
    except EdgarParseError:
        return
    assert page.total >= 0
    for hit in page.hits:
        assert hit["cik"] is None or (len(hit["cik"]) == 10 and hit["cik"].isdigit())


@QUICK
@given(json_shapes(["fields", "data", "cik", "ticker", "name", "exchange"]))
def test_edgar_company_tickers_on_arbitrary_json(data):
    try:
        tickers = edgar.parse_company_tickers(as_body(data))
    except EdgarParseError:
        return
    assert all(len(v["cik"]) == 10 for v in tickers.values())


@FAST
@given(body=ANY_BYTES)
def test_edgar_xml_parsers_on_arbitrary_bytes(body):
    for parser in (edgar.parse_company_atom, edgar.parse_latest_atom, form_d.parse_form_d):
        try:
            parser(body)
        except EdgarParseError as exc:
            assert str(exc)


@FAST
@given(body=ANY_BYTES)
def test_edgar_json_parsers_on_arbitrary_bytes(body):
    for parser in (edgar.parse_submissions, edgar.parse_submissions_page, edgar.parse_full_text,
                   edgar.parse_company_tickers):
        try:
            parser(body)
        except EdgarParseError as exc:
            assert str(exc)


ATOM_ENTRY = """<entry><title>{title}</title><updated>{updated}</updated>
<id>urn:tag:sec.gov,2008:accession-number=0001234567-26-000001</id><summary>Filed: {filed}</summary>
<category term="{form}"/><content><accession-number>0001234567-26-00000{n}</accession-number>
<filing-date>{filed}</filing-date><filing-type>{form}</filing-type><items-desc>{items}</items-desc></content>
</entry>"""


@FAST
@given(st.lists(st.fixed_dictionaries({k: st.one_of(NASTY_TEXT, st.text(max_size=12)) for k in
                                       ("title", "updated", "filed", "form", "items")}), min_size=1, max_size=3))
def test_edgar_atom_entries_with_arbitrary_values(entries):
    body = ('<feed xmlns="http://www.w3.org/2005/Atom"><company-info><cik>1</cik></company-info>'
            + "".join(ATOM_ENTRY.format(n=i, **{k: _xml_text(v) for k, v in e.items()}) for i, e in enumerate(entries))
            + "</feed>").encode("utf-8")
    feed = edgar.parse_company_atom(body)
    for entry in feed.entries:
        assert entry["accepted_at"] is None or datetime.fromisoformat(entry["accepted_at"]).tzinfo is not None
    for record in edgar.parse_latest_atom(body):
        assert len(record["cik"]) == 10


# Form D -----------------------------------------------------------------------------------------
FORM_D = """<edgarSubmission><submissionType>D</submissionType><primaryIssuer><cik>{cik}</cik>
<entityName>Acme Space</entityName><yearOfInc><value>{year}</value></yearOfInc></primaryIssuer>
<offeringData><typeOfFiling><dateOfFirstSale><value>{first_sale}</value></dateOfFirstSale></typeOfFiling>
<offeringSalesAmounts><totalOfferingAmount>{offered}</totalOfferingAmount>
<totalAmountSold>{sold}</totalAmountSold><totalRemaining>{remaining}</totalRemaining></offeringSalesAmounts>
<investors><totalNumberAlreadyInvested>{investors}</totalNumberAlreadyInvested></investors>
<minimumInvestmentAccepted>{minimum}</minimumInvestmentAccepted></offeringData></edgarSubmission>"""


@FAST
@given(values=st.fixed_dictionaries({k: st.one_of(NASTY_TEXT, st.text(max_size=12)) for k in
                                     ("cik", "year", "first_sale", "offered", "sold", "remaining", "investors",
                                      "minimum")}),
       filed=st.one_of(NASTY_TEXT.filter(lambda t: not any("\ud800" <= c <= "\udfff" for c in t)), st.none()))
def test_form_d_with_arbitrary_values(values, filed):
    parsed = form_d.parse_form_d(FORM_D.format(**{k: _xml_text(v) for k, v in values.items()}).encode("utf-8"))
    for key in ("total_offering_amount", "total_amount_sold", "total_remaining", "minimum_investment"):
        value = parsed[key]
        assert value is None or (math.isfinite(value) and 0 <= value <= MAX_AMOUNT), (key, value)
    total = parsed["investors"]["total"]
    assert total is None or 0 <= total
    ref = {"accession": "0001234567-26-000001", "cik": "0001234567", "form": "D", "filed_at": filed,
           "accepted_at": None}
    document = form_d.form_d_document("form_d:test", ref, parsed, NOW, None, "https://www.sec.gov")
    assert_document(document)
    for candidate in form_d.candidates(document, Resolver()):
        assert candidate.amount is None or 0 < candidate.amount.usd <= MAX_AMOUNT
        assert candidate.event_date is None or EARLIEST.date() <= candidate.event_date


# SAM.gov ----------------------------------------------------------------------------------------
SAM_KEYS = ["awardSummary", "totalRecords", "contractId", "coreData", "awardDetails", "subtier", "piid",
            "modificationNumber", "transactionNumber", "referencedIDVPiid", "awardOrIDV", "federalOrganization",
            "contractingInformation", "dates", "dollars", "totalContractDollars", "awardeeData", "awardeeHeader",
            "productOrServiceInformation", "principalNaics", "productOrService", "baseAndAllOptionsValue",
            "totalBaseAndAllOptionsValue", "actionObligation", "totalActionObligation", "dateSigned",
            "lastModifiedDate", "transactionData", "awardeeName", "code", "name", "message"]
OPPORTUNITY_KEYS = ["opportunitiesData", "totalRecords", "award", "awardee", "name", "noticeId", "location",
                    "amount", "title", "date", "postedDate", "ueiSAM", "fullParentPathName", "fullParentPathCode",
                    "department", "city", "state", "uiLink", "message"]


def _decoded(data: Any) -> Any:
    """The body decoded as the SAM.gov sources decode it (``Response.json``)."""
    return awards.Response("https://api.invalid/", 200, {}, as_body(data), NOW).json("SAM.gov")


@FAST
@given(enveloped(SAM_KEYS, lambda records: {"totalRecords": len(records), "awardSummary": records}))
def test_sam_contract_awards_on_arbitrary_json(data):
    try:
        page = sam.parse_contract_awards(_decoded(data))
    except FeedParseError:
        return
    for award in page.awards:
        assert_award(award)


@FAST
@given(enveloped(OPPORTUNITY_KEYS, lambda records: {"totalRecords": len(records), "opportunitiesData": records}))
def test_sam_opportunities_on_arbitrary_json(data):
    try:
        page = sam.parse_opportunities(_decoded(data))
    except FeedParseError:
        return
    for award in page.awards:
        assert_award(award)


# The event extractor ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def extractor():
    from nlp.events import EventExtractor
    from nlp.gazetteer import load_gazetteer
    from nlp.pipeline import build_nlp

    return EventExtractor(build_nlp(), load_gazetteer())


NEWSY = st.sampled_from([
    "NASA awarded Intuitive Machines a $1e30 contract.", "NASA awarded Intuitive Machines a -5 million contract.",
    "Interlune raised $999,999,999,999,999,999 billion in a seed round.", "AstroForge raised $5 million.",
    "ispace signed an agreement with NASA on Jan. 3, 2100.", "Firefly Aerospace acquired SciTec for $855 million.",
    "The lander touched down on Dec. 31.", "In 1900, Blue Origin won a contract worth ¥10.15 billion.", "\x00",
    "\n\n", " . ", "U.S.", "$", "$5M-$", "NASA has awarded", "up to $", "\u202e", "🚀", "\ud7ff", "\u0301",
    "On Dec. 31 NASA awarded Astrobotic a $2 million contract.", "in February", "on 3 January", "$" * 40,
])
TEXTS = st.lists(st.one_of(NEWSY, st.text(max_size=40)), max_size=6).map(" ".join)
PUBLISHED = st.one_of(st.none(), st.sampled_from([datetime(1, 1, 1, tzinfo=timezone.utc), NOW,
                                                  datetime(9999, 12, 31, 23, 59, tzinfo=timezone.utc)]),
                      st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31),
                                   timezones=st.just(timezone.utc)))


@settings(max_examples=120, deadline=None, database=None,
          suppress_health_check=[*_SLOW_OK, HealthCheck.function_scoped_fixture])
@given(title=TEXTS, text=TEXTS, published=PUBLISHED)
def test_extractor_on_arbitrary_text(extractor, title, text, published):
    document = Document(doc_id="d", source_id="test", kind="news", external_id="d", url=None, title=title,
                        published_at=published, fetched_at=NOW, text=text)
    for candidate in extractor.extract([document])["d"]:
        evidence = candidate.evidence
        field = document.text if evidence.field == "text" else document.title
        assert evidence.field in ("text", "title")
        assert 0 <= evidence.sentence_start <= evidence.sentence_end <= len(field)
        assert evidence.sentence in field[evidence.sentence_start:evidence.sentence_end]
        assert candidate.actors
        if candidate.amount is not None:
            assert math.isfinite(candidate.amount.value) and 0 <= candidate.amount.value <= MAX_VALUE
            assert candidate.amount.usd is None or (math.isfinite(candidate.amount.usd) and candidate.amount.usd >= 0)
        assert 0 <= candidate.confidence <= 1
        # A publication date in year 1 or 9999 is no reference: no event is dated outside 1900-2099.
        assert candidate.event_date is None or 1900 <= candidate.event_date.year <= 2099


@FAST
@given(text=TEXTS, on=st.one_of(st.none(), st.dates()))
def test_money_and_dates_on_arbitrary_text(text, on):
    from nlp.money import find_money
    from nlp.timing import is_background, resolve_dates

    for mention in find_money(text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert math.isfinite(mention.value) and 0 <= mention.value <= MAX_VALUE
        usd = mention.usd(on)
        assert usd is None or (math.isfinite(usd) and usd >= 0)
    for found in resolve_dates(text, on):
        assert 0 <= found.start < found.end <= len(text) and isinstance(found.value, date)
    assert is_background(text, on) in (True, False)


# The cheap word tests in front of patterns must never hide a match ----------------------------------
def _prefilter_cases():
    from nlp.rules import funding, missions
    cases = [(regex, words) for regex, words in missions.NEEDS.items()]
    cases += [(funding.IPO_DONE, funding.LISTING_WORDS), (funding.SPAC_DONE, funding.LISTING_WORDS)]
    return cases


@pytest.mark.parametrize("case", range(6))
@settings(max_examples=300, deadline=None, database=None, suppress_health_check=_SLOW_OK)
@given(data=st.data())
def test_word_prefilters_never_hide_a_match(case, data):
    regex, needed = _prefilter_cases()[case]
    text = data.draw(st.from_regex(regex))  # text the pattern matches, drawn from the pattern itself
    assert regex.search(text)
    assert any(word in text.lower() for word in needed), text


# Every rule family's trigger words must start some word of any text its patterns match --------------
def _trigger_cases():
    from nlp.rules import acquisitions, awards, funding, missions, partnerships, policy
    return [("award", awards.AGENT), ("award", awards.RECIPIENT), ("award", awards.PURCHASE_FROM),
            ("award", awards.GOODS_BOUGHT), ("funding", awards.FUNDING_FOR), ("funding", funding.RAISE), ("funding", funding.EQUITY),
            ("funding", funding.IPO_DONE), ("funding", funding.SPAC_DONE),
            ("acquisition", acquisitions.ACTIVE), ("acquisition", acquisitions.PASSIVE),
            ("acquisition", acquisitions.CONTROL), ("acquisition", acquisitions.SALE_OF),
            ("acquisition", acquisitions.AUCTION_WON), ("acquisition", acquisitions.SUBSIDIARY_OF),
            ("acquisition", acquisitions.HEADLINE_PASSIVE), ("acquisition", acquisitions.SELLS),
            ("acquisition", acquisitions.APPROVED_BID),
            ("partnership", partnerships.MUTUAL),
            ("partnership", partnerships.WITH), ("partnership", partnerships.SIGNED_BETWEEN),
            ("mission", missions.SUCCESS), ("mission", missions.FAILURE), ("mission", missions.PARTIAL),
            ("mission", missions.ORBIT), ("mission", missions.LAUNCH_SUCCESS), ("mission", missions.LAUNCH_FAILURE),
            ("policy", policy.ENACT), ("policy", policy.SIGN), ("policy", policy.BARE_SIGNED),
            ("policy", policy.TITLED_SIGNER), ("policy", policy.WELCOMED), ("policy", policy.ORDINAL_MEMBER),
            ("policy", policy.SIGNATORIES), ("policy", policy.SIGNED_BY)]


@pytest.mark.parametrize("case", range(34))
@settings(max_examples=200, deadline=None, database=None, suppress_health_check=_SLOW_OK)
@given(data=st.data())
def test_trigger_stems_never_hide_a_family_s_match(case, data):
    """A sentence skips a rule family when none of its words starts with one of the family's
    stems (``nlp.triggers``): a verb added to a pattern without its stem would never fire. The
    text is drawn from the pattern itself."""
    from nlp.triggers import families

    family, regex = _trigger_cases()[case]
    text = data.draw(st.from_regex(regex))
    assert family in families(text), text


# The first-letters gate (nlp.prefilter) finds what the pattern finds -------------------------------
def _gated_patterns():
    from nlp.prefilter import _read_gate
    from nlp.rules import acquisitions, awards, funding, missions, partnerships
    return [awards.AGENT, awards.RECIPIENT, awards.FUNDING_FOR, funding.RAISE, acquisitions.ACTIVE,
            partnerships.WITH, partnerships.MUTUAL, missions.SUCCESS, missions.FAILURE, missions.PARTIAL,
            missions.ORBIT, missions.LAUNCH_SUCCESS, missions.LAUNCH_FAILURE], _read_gate


@pytest.mark.parametrize("case", range(13))
@settings(max_examples=150, deadline=None, database=None, suppress_health_check=_SLOW_OK)
@given(data=st.data())
def test_the_first_letters_gate_finds_every_match_of_its_pattern(case, data):
    """Text drawn from the pattern, with words, marks and case-folding letters ("ſ", "ı", "İ", the
    Kelvin sign) around and inside it: the gated scan gives the same matches as the plain one."""
    from nlp.prefilter import finditer
    patterns, read_gate = _gated_patterns()
    pattern = patterns[case]
    assert read_gate(pattern) is not None  # the gate is in use for every pattern listed here
    noise = st.text(alphabet="aSſıİ\u212a'’- .,\"we", max_size=12)
    text = data.draw(noise) + data.draw(st.from_regex(pattern)) + data.draw(noise) + \
        data.draw(st.from_regex(pattern)) + data.draw(noise)
    assert [m.span() for m in finditer(pattern, text)] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None, database=None)
@given(prefixes=st.sets(st.text(alphabet="ab.-", min_size=1, max_size=3), min_size=1, max_size=8),
       text=st.text(alphabet="ab.-c", max_size=5))
def test_the_gate_shares_first_letters_without_changing_what_it_matches(prefixes, text):
    """The gate writes its prefixes as a tree of shared first letters ("so(?:a|f)|lif"), prefixes of
    one another included ("li" and "lif"): it matches at a position exactly where one starts."""
    from nlp.prefilter import _trie
    assert bool(re.match(_trie(prefixes), text)) == any(text.startswith(p) for p in prefixes)
