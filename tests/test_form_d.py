"""Form D: the primary_doc.xml parser, the funding sources against a loopback EDGAR, candidates."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone

import httpx
import pytest

from extractors.edgar import EdgarContactMissing, EdgarParseError, EdgarUrls, WatchedCompany, filing_day_start
from extractors.errors import SourceError
from extractors.form_d import (
    FormDFullTextSource,
    FormDWatchlistSource,
    candidates,
    form_d_document,
    parse_form_d,
    sources_from_config,
)
from spacemine.demo.replay import MatchedRoute, ReplayServer, Route
from spacemine.records import Document
from spacemine.settings import ConfigError, shipped_defaults
from tests.test_edgar import NOW, ROUTES, UA, FakeResolver, fixture_bytes, make_ctx, mock_client, sample

INTERLUNE = "primary_doc_0009900001-26-000003.xml"
ASTROFORGE = "primary_doc_0009900002-26-000001.xml"
FUND = "primary_doc_0009900003-26-000001.xml"
WWW = "https://www.sec.gov"


def _xml(body: bytes) -> ET.Element:
    return ET.fromstring(body.lstrip())


def _expected_from_xml(body: bytes) -> dict:
    """What the parser must report, read straight from the XML with ElementTree."""
    root = _xml(body)
    sales = root.find("offeringData/offeringSalesAmounts")
    return {
        "submission_type": root.findtext("submissionType"),
        "cik": root.findtext("primaryIssuer/cik"),
        "name": root.findtext("primaryIssuer/entityName"),
        "offering": float(sales.findtext("totalOfferingAmount")),
        "sold": float(sales.findtext("totalAmountSold")),
        "remaining": float(sales.findtext("totalRemaining")),
        "investors": int(root.findtext("offeringData/investors/totalNumberAlreadyInvested")),
        "first_sale": root.findtext("offeringData/typeOfFiling/dateOfFirstSale/value"),
        "persons": len(root.findall("relatedPersonsList/relatedPersonInfo")),
        "exemptions": [i.text for i in root.findall("offeringData/federalExemptionsExclusions/item")],
        "industry": root.findtext("offeringData/industryGroup/industryGroupType"),
        "signature_date": root.findtext("offeringData/signatureBlock/signature/signatureDate"),
    }


def _doc(body: bytes, accession: str = "0009900002-26-000001", cik: str = "0009900002", form: str = "D",
         **ref) -> Document:
    parsed = parse_form_d(body)
    reference = {"accession": accession, "cik": cik, "form": form, "filed_at": "2026-11-05", "accepted_at": None,
                 "document": "xslFormDX01/primary_doc.xml", "source": "full_text", **ref}
    return form_d_document("form_d:test", reference, parsed, NOW, None, WWW)


# Parser: recorded samples ------------------------------------------------------------------------
def test_sample_amendment_with_a_leading_newline():
    body = sample("sec_formD_primary_doc_D.Shepards.xml").read_bytes()
    assert body.startswith(b"\n<?xml")
    with pytest.raises(ET.ParseError):  # what a naive parser does with the stored file
        ET.fromstring(body)
    parsed = parse_form_d(body)
    expected = _expected_from_xml(body)
    assert parsed["submission_type"] == "D/A" and parsed["is_amendment"] is True
    assert parsed["previous_accession"] == "0001544190-19-000002"
    assert parsed["total_offering_amount"] == expected["offering"] == 8_000_000
    assert parsed["total_amount_sold"] == expected["sold"] == 5_725_051
    assert parsed["total_remaining"] == expected["remaining"] == 8_000_000 - 5_725_051
    assert parsed["date_of_first_sale"] == expected["first_sale"] == "2017-03-16"
    assert parsed["issuer"]["cik"] == expected["cik"] and parsed["issuer"]["name"] == "Shepherd's Finance, LLC"
    assert parsed["issuer"]["jurisdiction"] == "DELAWARE"
    assert parsed["issuer"]["entity_type"] == "Limited Liability Company"
    assert parsed["issuer"]["year_of_inc"]["over_five_years"] is True
    assert parsed["issuer"]["previous_names"] == ["84 RE Partners, LLC"]
    assert parsed["industry_group"] == expected["industry"] == "Other Banking and Financial Services"
    assert parsed["revenue_range"] == "Decline to Disclose"
    assert parsed["federal_exemptions"] == expected["exemptions"] == ["06b"]
    assert parsed["exemption_names"] == ["Rule 506(b)"]
    assert parsed["securities"]["equity"] is True and parsed["securities"]["debt"] is False
    assert parsed["investors"] == {"has_non_accredited": False, "non_accredited": None, "total": expected["investors"]}
    assert len(parsed["related_persons"]) == expected["persons"] == 7
    assert parsed["related_persons"][0] == {
        "name": "Daniel M. Wallach", "relationships": ["Executive Officer", "Director"],
        "clarification": "Chief Executive Officer and Member of the Board of Managers"}
    assert parsed["signature_date"] == expected["signature_date"] == "2023-01-31"
    assert parsed["is_pooled_fund"] is False and parsed["offering_indefinite"] is False
    json.dumps(parsed)

    document = _doc(body, accession="0001544190-23-000001", cik="0001544190", form="D/A")
    (candidate,) = candidates(document, FakeResolver())
    assert candidate.type == "funding_round" and candidate.amount.value == 5_725_051
    assert (candidate.amount.currency, candidate.amount.usd, candidate.amount.kind) == ("USD", 5_725_051, "round")
    assert candidate.event_date == date(2017, 3, 16) and candidate.stage == "undisclosed"
    assert candidate.evidence.pattern_id == "edgar.form_d_amendment"
    assert document.payload["previous_accession"] == "0001544190-19-000002"


def test_sample_pooled_fund_gives_no_candidate():
    body = sample("sec_formD_primary_doc_D.APFund.xml").read_bytes()
    parsed = parse_form_d(body)
    expected = _expected_from_xml(body)
    assert parsed["total_offering_amount"] == parsed["total_amount_sold"] == expected["sold"] == 659_752
    assert parsed["is_pooled_fund"] is True and parsed["investment_fund_type"] == "Venture Capital Fund"
    assert parsed["federal_exemptions"] == ["06b", "3C.1"]
    assert parsed["exemption_names"] == ["Rule 506(b)", "Investment Company Act Section 3(c)(1)"]
    assert parsed["issuer"]["year_of_inc"] == {"value": 2022, "within_five_years": True, "over_five_years": None,
                                               "yet_to_be_formed": None}
    assert [i["cik"] for i in parsed["other_issuers"]] == ["0001963203"]
    assert parsed["minimum_investment"] == 1400 and parsed["investors"]["total"] == expected["investors"] == 27
    assert parsed["issuer"]["previous_names"] == []  # "None" is a placeholder, not a name
    assert candidates(_doc(body, accession="0001958740-23-000001", cik="0001958740"), FakeResolver()) == []


# Parser: demo fixtures -----------------------------------------------------------------------------
@pytest.mark.parametrize("name, amendment, pooled, securities", [
    (INTERLUNE, True, False, {"equity", "option", "security_to_be_acquired"}),
    (ASTROFORGE, False, False, {"equity"}),
    (FUND, False, True, {"pooled_fund"}),
])
def test_fixtures_parse_like_elementtree_reads_them(name, amendment, pooled, securities):
    body = fixture_bytes(name)
    assert body.startswith(b"\n<?xml")
    parsed = parse_form_d(body)
    expected = _expected_from_xml(body)
    assert parsed["submission_type"] == expected["submission_type"]
    assert parsed["issuer"]["cik"] == expected["cik"] and parsed["issuer"]["name"] == expected["name"]
    assert (parsed["total_offering_amount"], parsed["total_amount_sold"], parsed["total_remaining"]) == \
        (expected["offering"], expected["sold"], expected["remaining"])
    assert parsed["investors"]["total"] == expected["investors"]
    assert parsed["date_of_first_sale"] == expected["first_sale"]
    assert len(parsed["related_persons"]) == expected["persons"]
    assert parsed["is_amendment"] is amendment and parsed["is_pooled_fund"] is pooled
    assert {k for k, v in parsed["securities"].items() if v is True} == securities


def _variant(name: str, *replacements: tuple[str, str]) -> bytes:
    text = fixture_bytes(name).decode()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text.encode()


def test_indefinite_offering_amount():
    body = _variant(INTERLUNE, ("<totalOfferingAmount>23000000", "<totalOfferingAmount>Indefinite"),
                    ("<totalRemaining>4500000", "<totalRemaining>Indefinite"))
    parsed = parse_form_d(body)
    assert parsed["total_offering_amount"] is None and parsed["offering_indefinite"] is True
    assert parsed["total_remaining"] is None and parsed["remaining_indefinite"] is True
    assert parsed["total_amount_sold"] == 18_500_000
    document = _doc(body, accession="0009900001-26-000003", cik="0009900001", form="D/A")
    assert document.title == "Interlune, Inc. Form D/A: $18,500,000 sold (offering size indefinite)"
    assert "offering of indefinite size" in document.text
    (candidate,) = candidates(document, FakeResolver())
    assert candidate.amount.value == 18_500_000 and candidate.amount.text == "$18,500,000 sold"


def test_first_sale_yet_to_occur_dates_the_event_on_the_filing():
    body = _variant(ASTROFORGE, ("<value>2026-10-22</value>", "<yetToOccur>true</yetToOccur>"),
                    ("<totalAmountSold>40000000", "<totalAmountSold>0"))
    parsed = parse_form_d(body)
    assert parsed["date_of_first_sale"] is None and parsed["first_sale_yet_to_occur"] is True
    document = _doc(body)
    assert "First sale: yet to occur." in document.text
    (candidate,) = candidates(document, FakeResolver())
    assert candidate.event_date == date(2026, 11, 5)  # the filing date
    assert candidate.amount is None  # nothing sold yet: an offering target is not money raised


@pytest.mark.parametrize("types, stage", [
    (["isDebtType"], "debt"),
    (["isDebtType", "isOptionToAcquireType"], "debt"),
    (["isEquityType", "isDebtType"], "undisclosed"),
    (["isEquityType"], "undisclosed"),
    (["isOtherType"], "undisclosed"),
])
def test_stage_is_debt_only_when_debt_without_equity(types, stage):
    flags = "".join(f"<{t}>true</{t}>" for t in types)
    body = _variant(ASTROFORGE, ("<isEquityType>true</isEquityType>", flags))
    (candidate,) = candidates(_doc(body), FakeResolver())
    assert candidate.stage == stage


@pytest.mark.parametrize("body, match", [
    (b"<html><body>Not found</body></html>", "not a Form D"),
    (b'<?xml version="1.0"?><!DOCTYPE edgarSubmission [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
     b"<edgarSubmission><x>&b;</x></edgarSubmission>", "refused"),
    (b"\n<?xml version='1.0'?><edgarSubmission><offeringData>", "malformed"),
    (b"<edgarSubmission><primaryIssuer/></edgarSubmission>", "offeringData"),
    (b"<edgarSubmission><primaryIssuer><cik>1</cik></primaryIssuer><offeringData/></edgarSubmission>", "entityName"),
])
def test_broken_or_hostile_form_d_is_refused(body, match):
    with pytest.raises(EdgarParseError, match=match):
        parse_form_d(body)


# Documents and candidates -----------------------------------------------------------------------
def test_document_fields():
    document = _doc(fixture_bytes(ASTROFORGE))
    assert document.kind == "form_d" and document.external_id == "0009900002-26-000001"
    assert document.doc_id == Document.make_id("form_d:test", "0009900002-26-000001")
    assert document.title == "AstroForge, Inc. Form D: $40,000,000 sold (offering $40,000,000)"
    assert document.url == f"{WWW}/Archives/edgar/data/9900002/000990000226000001/xslFormDX01/primary_doc.xml"
    assert document.payload["xml_url"] == f"{WWW}/Archives/edgar/data/9900002/000990000226000001/primary_doc.xml"
    assert document.published_at == filing_day_start(date(2026, 11, 5)) == datetime(2026, 11, 5, 5, tzinfo=timezone.utc)
    assert document.text.startswith("AstroForge, Inc. (CIK 0009900002), a Delaware corporation in Other Technology, "
                                    "filed a Form D on 2026-11-05")
    assert "It reports $40,000,000 sold of $40,000,000 offered ($0 remaining) to 34 investors." in document.text
    payload = document.payload
    assert {"cik", "company", "accession", "form", "filed_at", "accepted_at", "url", "source", "issuer",
            "total_amount_sold", "total_offering_amount", "previous_accession", "date_of_first_sale"} <= set(payload)
    json.dumps(payload)
    accepted = _doc(fixture_bytes(ASTROFORGE), accepted_at="2026-11-05T14:14:27+00:00", document=None)
    assert accepted.published_at == datetime(2026, 11, 5, 14, 14, 27, tzinfo=timezone.utc)
    assert accepted.url.endswith("/000990000226000001/0009900002-26-000001-index.htm")


def test_candidates_for_the_demo_fixtures():
    resolver = FakeResolver()
    interlune = _doc(fixture_bytes(INTERLUNE), accession="0009900001-26-000003", cik="0009900001", form="D/A",
                     filed_at="2026-11-03")
    (round_,) = candidates(interlune, resolver)
    assert round_.actors == (resolver.resolve("Interlune, Inc."),)
    assert round_.amount.value == 18_500_000 and round_.amount.text == "$18,500,000 sold of $23,000,000 offered"
    assert round_.event_date == date(2026, 6, 2) and round_.date_granularity == "day"
    assert round_.confidence == 0.9 and round_.program is None and round_.counterparties == ()
    evidence = round_.evidence
    assert (evidence.doc_id, evidence.field, evidence.sentence_start, evidence.sentence_end, evidence.sentence) == \
        (interlune.doc_id, "payload", 0, len(interlune.text), interlune.text)
    assert evidence.pattern_id == "edgar.form_d_amendment"
    assert interlune.payload["previous_accession"] == "0009900001-26-000001"
    assert "Amends filing 0009900001-26-000001." in interlune.text
    fund = _doc(fixture_bytes(FUND), accession="0009900003-26-000001", cik="0009900003")
    assert candidates(fund, resolver) == []
    assert candidates(Document("d", "s", "filing", "x", None, "t", None, NOW, "text"), resolver) == []


def test_candidates_resolve_real_company_names():
    from nlp.orgs import default_resolver

    (candidate,) = candidates(_doc(fixture_bytes(ASTROFORGE)), default_resolver())
    assert candidate.actors[0].org_id == "astroforge"


def test_an_amended_amount_changes_the_content_hash_not_the_doc_id():
    first = _doc(fixture_bytes(ASTROFORGE))
    again = _doc(fixture_bytes(ASTROFORGE))
    amended = _doc(_variant(ASTROFORGE, ("<totalAmountSold>40000000", "<totalAmountSold>32500000")))
    assert (again.doc_id, again.content_hash) == (first.doc_id, first.content_hash)
    assert amended.doc_id == first.doc_id and amended.content_hash != first.content_hash
    assert candidates(amended, FakeResolver())[0].amount.value == 32_500_000


# Configuration -------------------------------------------------------------------------------------
def test_sources_from_the_shipped_defaults():
    defaults = shipped_defaults()["sources"]
    sources = sources_from_config(defaults["form_d"], defaults["user_agent"] if "user_agent" in defaults else UA,
                                  defaults["edgar"])
    phrases = defaults["form_d"]["full_text_phrases"]
    assert [s.id for s in sources] == ["form_d:watchlist"] + [
        "form_d:fulltext-" + re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in phrases]
    assert all(s.family == "funding" for s in sources)
    assert sources[0].watchlist == [WatchedCompany(c["cik"], c["name"]) for c in defaults["edgar"]["watchlist"]]
    assert "forms=D" in sources[1].url and sources[1].url.startswith("https://efts.sec.gov/LATEST/search-index?")


def test_form_d_is_switched_on_its_own():
    defaults = shipped_defaults()["sources"]
    assert sources_from_config({"enabled": False}, UA, defaults["edgar"]) == []
    off = dict(defaults["edgar"], enabled=False)
    assert len(sources_from_config(defaults["form_d"], UA, off)) == 1 + len(defaults["form_d"]["full_text_phrases"])
    only_phrases = sources_from_config({"full_text_phrases": ["regolith"]}, UA, None)
    assert [s.id for s in only_phrases] == ["form_d:fulltext-regolith"]
    assert only_phrases[0].urls == EdgarUrls() and only_phrases[0].lookback_days == 90


@pytest.mark.parametrize("form_d_config, edgar_config, field", [
    ({"lookback_days": "soon"}, {}, "sources.form_d.lookback_days"),
    ({"full_text_phrases": ['"quoted"']}, {}, "sources.form_d.full_text_phrases"),
    ({"full_text_phrases": "lunar", "enabled": "on"}, {}, "sources.form_d.enabled"),
    ({}, {"watchlist": [{"cik": "x"}]}, "sources.edgar.watchlist[0].cik"),
    ({}, {"efts_url": "efts.sec.gov"}, "sources.edgar.efts_url"),
])
def test_config_errors_name_the_field(form_d_config, edgar_config, field):
    with pytest.raises(ConfigError, match=re.escape(field)):
        sources_from_config(form_d_config, UA, edgar_config)


# Sources against the loopback EDGAR -------------------------------------------------------------------
@pytest.fixture
def client():
    with httpx.Client(timeout=5) as c:
        yield c


def test_full_text_source_on_the_demo_fixtures(client):
    with ReplayServer() as server:
        config = server.load_routes(ROUTES)
        source = next(s for s in sources_from_config(config["form_d"], UA, config["edgar"])
                      if isinstance(s, FormDFullTextSource))
        first = source.collect(make_ctx(client))
        first_requests = list(server.requests)
        server.requests.clear()
        second = source.collect(make_ctx(client, state=first.state))
        second_requests = list(server.requests)

    hits = json.loads(fixture_bytes("efts_regolith_D.json"))["hits"]["hits"]
    assert [d.external_id for d in first.documents] == [h["_source"]["adsh"] for h in hits]
    assert "forms=D&" in first_requests[0].path and "%22regolith%22" in first_requests[0].path
    assert [r.path.rsplit("/", 2)[-2] for r in first_requests[1:]] == \
        [h["_source"]["adsh"].replace("-", "") for h in hits]
    assert len(first.raw) == 1 + len(hits) and first.error is None and first.warnings == []
    assert {d.payload["matched_phrase"] for d in first.documents} == {"regolith"}
    by_accession = {d.external_id: d for d in first.documents}
    assert by_accession["0009900001-26-000003"].url.endswith("/xslFormDX01/primary_doc.xml")
    assert by_accession["0009900001-26-000003"].raw_fetch_id == first.raw[1].fetch_id(source.id)
    events = [c for d in first.documents for c in candidates(d, FakeResolver())]
    assert sorted(c.actors[0].name for c in events) == ["AstroForge, Inc.", "Interlune, Inc."]
    assert sum(c.amount.value for c in events) == 18_500_000 + 40_000_000

    assert second.documents == [] and len(second_requests) == 1 and second.error is None


def _submissions_with_d_rows() -> bytes:
    """Intuitive Machines' fixture JSON with three Form D rows added (one outside the 90-day lookback)."""
    data = json.loads(fixture_bytes("CIK0001844452.json"))
    rows = [
        ("0001844452-26-000219", "2026-11-16", "2026-11-16T11:20:05.000Z", "D/A"),
        ("0001844452-26-000207", "2026-11-13", "2026-11-13T16:45:30.000Z", "D"),
        ("0001844452-25-000031", "2025-03-10", "2025-03-10T10:00:00.000Z", "D"),
    ]
    recent = data["filings"]["recent"]
    for accession, filed, accepted, form in reversed(rows):  # recent is newest first
        values = {"accessionNumber": accession, "filingDate": filed, "reportDate": "", "acceptanceDateTime": accepted,
                  "act": "33", "form": form, "fileNumber": "021-999999", "filmNumber": "", "items": "06b",
                  "core_type": form, "size": 9000, "isXBRL": 0, "isInlineXBRL": 0,
                  "primaryDocument": "xslFormDX01/primary_doc.xml", "primaryDocDescription": ""}
        for key in recent:
            recent[key].insert(0, values[key])
    return json.dumps(data).encode()


def _doc_path(cik: int, accession: str) -> str:
    return f"/Archives/edgar/data/{cik}/{accession.replace('-', '')}/primary_doc.xml"


@pytest.fixture
def watch_server():
    """IM with Form D rows, Firefly without; IM's D and D/A documents served (AstroForge/Interlune bodies)."""
    with ReplayServer() as server:
        server.add(MatchedRoute("GET", "/submissions/CIK0001844452.json",
                                Route(body=_submissions_with_d_rows(), content_type="application/json")))
        server.add(MatchedRoute("GET", "/submissions/CIK0001860160.json",
                                Route(body=fixture_bytes("CIK0001860160.json"), content_type="application/json")))
        docs = {
            "0001844452-26-000219": MatchedRoute("GET", _doc_path(1844452, "0001844452-26-000219"),
                                                 Route(body=fixture_bytes(INTERLUNE), content_type="text/xml")),
            "0001844452-26-000207": MatchedRoute("GET", _doc_path(1844452, "0001844452-26-000207"),
                                                 Route(body=fixture_bytes(ASTROFORGE), content_type="text/xml")),
        }
        for route in docs.values():
            server.add(route)
        source = FormDWatchlistSource([WatchedCompany("0001844452", "Intuitive Machines"),
                                       WatchedCompany("0001860160", "Firefly Aerospace")],
                                      EdgarUrls(server.base_url, server.base_url, server.base_url), 90)
        yield server, source, docs


def test_watchlist_source_reads_d_rows_in_the_lookback(watch_server, client):
    server, source, _ = watch_server
    first = source.collect(make_ctx(client))
    assert [d.external_id for d in first.documents] == ["0001844452-26-000219", "0001844452-26-000207"]
    amendment = first.documents[0]
    assert amendment.payload["source"] == "submissions" and amendment.payload["form"] == "D/A"
    assert amendment.published_at == datetime(2026, 11, 16, 16, 20, 5, tzinfo=timezone.utc)  # EST, not UTC
    assert amendment.payload["accepted_at"] == "2026-11-16T16:20:05+00:00"
    assert amendment.url == (f"{server.base_url}/Archives/edgar/data/1844452/000184445226000219/"
                             "xslFormDX01/primary_doc.xml")
    assert first.error is None and set(first.state.cursor["seen"]) == {"0001844452-26-000219", "0001844452-26-000207"}
    assert not any("0001844452-25-000031".replace("-", "") in r.path for r in server.requests)

    server.requests.clear()
    second = source.collect(make_ctx(client, state=first.state))
    assert second.documents == [] and len(server.requests) == 2  # the two submissions JSONs, no documents


def test_watchlist_source_keeps_the_others_when_a_cik_is_unknown(watch_server, client):
    server, source, _ = watch_server
    source.watchlist.insert(0, WatchedCompany("0000000001", "Typo Corp"))
    result = source.collect(make_ctx(client))
    assert [d.external_id for d in result.documents] == ["0001844452-26-000219", "0001844452-26-000207"]
    assert result.state is None and result.error_kind == "not_found"
    assert "0000000001" in result.error and "Typo Corp" in result.error and "sources.edgar.watchlist" in result.error


def test_watchlist_source_fails_when_every_cik_fails(client):
    source = FormDWatchlistSource([WatchedCompany("0000000001", "A"), WatchedCompany("0000000002", "B")],
                                  EdgarUrls(), 90)
    with pytest.raises(SourceError, match="0000000001.*0000000002") as caught:
        source.collect(make_ctx(mock_client(lambda r: httpx.Response(404, content=b"<Error><Code>NoSuchKey</Code>"
                                                                                  b"</Error>"))))
    assert len(caught.value.raw) == 2


def test_a_missing_document_is_retried_next_run(watch_server, client):
    server, source, docs = watch_server
    saved = docs["0001844452-26-000207"].route
    docs["0001844452-26-000207"].route = Route(body=b"not found", status=404, content_type="text/plain")
    first = source.collect(make_ctx(client))
    assert [d.external_id for d in first.documents] == ["0001844452-26-000219"]
    assert any("0001844452-26-000207" in w and "retried" in w for w in first.warnings)
    assert first.error is None and list(first.state.cursor["seen"]) == ["0001844452-26-000219"]

    docs["0001844452-26-000207"].route = saved
    second = source.collect(make_ctx(client, state=first.state))
    assert [d.external_id for d in second.documents] == ["0001844452-26-000207"]


def test_a_hostile_document_is_skipped_for_good(watch_server, client):
    server, source, docs = watch_server
    docs["0001844452-26-000219"].route = Route(
        body=b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a"><!ENTITY b "&a;&a;">]><edgarSubmission>&b;'
             b"</edgarSubmission>", content_type="text/xml")
    result = source.collect(make_ctx(client))
    assert [d.external_id for d in result.documents] == ["0001844452-26-000207"]
    assert any("0001844452-26-000219 skipped" in w and "refused" in w for w in result.warnings)
    assert set(result.state.cursor["seen"]) == {"0001844452-26-000219", "0001844452-26-000207"}
    assert len(result.raw) == 4  # both JSONs and both documents, the refused one included


def test_a_failing_document_server_is_a_partial_failure(watch_server, client):
    server, source, docs = watch_server
    docs["0001844452-26-000207"].route = Route(body=b"boom", status=500, content_type="text/plain")
    result = source.collect(make_ctx(client))
    assert [d.external_id for d in result.documents] == ["0001844452-26-000219"]
    assert result.state is None and "HTTP 500" in result.error and result.error_kind == "http_status"


def test_no_contact_address_no_request(watch_server, client):
    server, source, _ = watch_server
    with pytest.raises(EdgarContactMissing):
        source.collect(make_ctx(client, user_agent=shipped_defaults()["user_agent"]))
    with pytest.raises(EdgarContactMissing):
        FormDFullTextSource("lunar", source.urls, 90).collect(make_ctx(client, user_agent="spacemine/0.1"))
    assert server.requests == []


def test_full_text_source_partial_failure_on_page_two():
    def handler(request):
        if "search-index" in request.url.path:
            offset = int(request.url.params["from"])
            if offset:
                return httpx.Response(500, content=b"boom")
            hits = [{"_id": f"0009933333-26-{i:06d}:primary_doc.xml", "_source": {
                "ciks": ["0009933333"], "display_names": ["Lunar Mining Co  (CIK 0009933333)"], "form": "D",
                "adsh": f"0009933333-26-{i:06d}", "file_date": "2026-11-10", "xsl": "xslFormDX01", "sequence": 1,
                "root_forms": ["D"], "items": []}} for i in range(100)]
            return httpx.Response(200, json={"hits": {"total": {"value": 150, "relation": "eq"}, "hits": hits}})
        return httpx.Response(200, content=fixture_bytes(ASTROFORGE))

    source = FormDFullTextSource("lunar", EdgarUrls(), 90)
    result = source.collect(make_ctx(mock_client(handler)))
    assert len(result.documents) == 100 and result.state is None
    assert "page 2" in result.error
