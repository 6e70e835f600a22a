"""SAM.gov Contract Awards and Opportunities award notices: parsers, paging, quota errors, the key kept secret."""

from __future__ import annotations

import copy
import html
import json
import re
import socket
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from extractors import sam
from extractors.awards import award_document, candidates
from extractors.base import HostLimiter, SourceContext, SourceState
from extractors.errors import FeedParseError, FetchTimeout, HTTPStatusError, SourceError, TransportError
from extractors.sam import (
    ContractAwardsSource,
    OpportunityAwardsSource,
    Query,
    RateLimited,
    award_from_contract_record,
    award_from_opportunity,
    contract_award_sources_from_config,
    error_text,
    opportunity_sources_from_config,
    parse_contract_awards,
    parse_opportunities,
    scrub,
    scrub_body,
    strip_api_key,
)
from spacemine import logs
from spacemine.demo.replay import MatchedRoute, ReplayServer, Route
from spacemine.records import OrgRef
from spacemine.settings import ConfigError, Secret, shipped_defaults

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
OPPORTUNITIES_DOC = SAMPLES / "samgov_get_opportunities_public_api.md"
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
KEY = "Sk3yT35tABCDEFghij0123456789klmnopQRSTuv"  # a fake key, shaped like a SAM.gov one
CA_PATH = "/contract-awards/v1/search"
OPP_PATH = "/opportunities/v2/search"


class FakeResolver:
    def resolve(self, name: str) -> OrgRef:
        return OrgRef("org:" + "-".join(name.lower().replace(",", "").replace(".", "").split()), name)


class RecordingLimiter(HostLimiter):
    def __init__(self) -> None:
        super().__init__(default_rate=1e6, sleep=lambda _: None)
        self.urls: list[str] = []

    def wait(self, url: str) -> float:
        self.urls.append(url)
        return super().wait(url)


def _client(transport: httpx.BaseTransport | None = None, timeout: float = 5) -> httpx.Client:
    return httpx.Client(timeout=timeout, transport=transport, limits=httpx.Limits(max_keepalive_connections=0))


def _ctx(state: SourceState | None = None, now: datetime = NOW, client: httpx.Client | None = None):
    limiter = RecordingLimiter()
    return SourceContext(client=client or _client(), state=state or SourceState(), now=now,
                         user_agent="spacemine-tests/1.0", limiter=limiter), limiter


def _query(path: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(path).query)


# Payloads in the documented shapes (synthetic records, Oct-Nov 2026) -------------------------------
def ca_record(piid: str, *, mod: str = "0", txn: str = "0", parent: str | None = None, idv: bool = False,
              awardee: str = "INTUITIVE MACHINES, LLC", uei: str = "HH2MUZ4BKAE3", obligation: str = "12500000.00",
              ceiling_change: str | None = "12500000.00", total_obligation: str | None = "12500000.00",
              total_ceiling: str | None = "35000000.00", signed: str = "2026-10-14T04:00:00.000Z",
              modified: str = "2026-10-15T18:04:11.000Z", description: str = "CLPS TASK ORDER CP-32 LUNAR DELIVERY",
              award_type: str = "DEFINITIVE CONTRACT", reason: str | None = None) -> dict:
    contract_id = {"subtier": {"code": "8000", "name": "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION"},
                   "piid": piid, "modificationNumber": mod, "transactionNumber": txn}
    if parent:
        contract_id["referencedIDVSubtier"] = {"code": "8000", "name": "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION"}
        contract_id["referencedIDVPiid"] = parent
    if reason:
        contract_id["reasonForModification"] = {"code": "M", "name": reason}
    dollars = {"actionObligation": obligation}
    if ceiling_change is not None:
        dollars["baseAndAllOptionsValue"] = ceiling_change
    totals = {}
    if total_obligation is not None:
        totals["totalActionObligation"] = total_obligation
    if total_ceiling is not None:
        totals["totalBaseAndAllOptionsValue"] = total_ceiling
    return {
        "contractId": contract_id,
        "coreData": {
            "coreVersionId": "1.5",
            "awardOrIDV": "IDV" if idv else "AWARD",
            "awardOrIDVType": {"code": "E" if idv else "C", "name": "BPA" if idv else award_type},
            "federalOrganization": {"contractingInformation": {
                "contractingDepartment": {"code": "8000", "name": "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION"},
                "contractingSubtier": {"code": "8000", "name": "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION"},
                "contractingOffice": {"code": "80JSC0", "name": "NASA JOHNSON SPACE CENTER"}}},
            "acquisitionData": {"typeOfContractPricing": {"code": "J", "name": "FIRM FIXED PRICE"},
                                "programAcronym": "N/A"},
            "productOrServiceInformation": {
                "productOrService": {"type": "SERVICE", "code": "AR22", "name": "R&D- SPACE: FLIGHT (APPLIED RESEARCH)"},
                "principalNaics": [{"code": "336414", "name": "GUIDED MISSILE AND SPACE VEHICLE MANUFACTURING"}]},
        },
        "awardDetails": {
            "dates": {"dateSigned": signed, "periodOfPerformanceStartDate": "2026-10-14 00:00:00.000",
                      "currentCompletionDate": "2028-03-31 00:00:00.000", "fiscalYear": "2027"},
            "dollars": dollars,
            "totalContractDollars": totals,
            "productOrServiceInformation": {"descriptionOfContractRequirement": description},
            "awardeeData": {"awardeeHeader": {"awardeeName": awardee, "awardeeNameFromContract": awardee},
                            "awardeeUEIInformation": {"uniqueEntityId": uei, "cageCode": "6ZBW8",
                                                      "awardeeUltimateParentName": "INTUITIVE MACHINES, INC."}},
            "transactionData": {"status": "FINAL", "version": "1.5", "lastModifiedDate": modified,
                                "closedDate": "2026-10-15 14:04:11.000"},
        },
    }


def ca_page(records: list, total: int | None = None, limit: int = 100, offset: int = 0) -> dict:
    # the service writes the counts as strings
    return {"awardSummary": records, "totalRecords": str(len(records) if total is None else total),
            "limit": str(limit), "offset": str(offset)}


def opportunity(notice_id: str, *, awardee: str | None = "Firefly Aerospace, Inc.", amount="93300000.00",
                number: str | None = "80MSFC26C0031", title: str = "CLPS Task Order: Blue Ghost Mission 4 lunar delivery",
                posted: str = "2026-11-03", award_date: str = "2026-10-30", uei: str = "KD7HLM1DXJQ5",
                award: bool = True) -> dict:
    record = {
        "noticeId": notice_id,
        "title": title,
        "solicitationNumber": " 80MSFC25R0007 ",
        "fullParentPathName": "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION.NASA.NASA MARSHALL SPACE FLIGHT CENTER",
        "fullParentPathCode": "080.8000.80MSFC",
        "postedDate": posted,
        "type": "Award Notice",
        "baseType": "Award Notice",
        "archiveType": "autocustom",
        "archiveDate": "2027-05-03",
        "typeOfSetAsideDescription": None,
        "typeOfSetAside": None,
        "responseDeadLine": None,
        "naicsCode": "336414",
        "classificationCode": "AR22",
        "active": "Yes",
        "award": None,
        "pointOfContact": None,
        "description": f"https://api.sam.gov/prod/opportunities/v1/noticedesc?noticeid={notice_id}",
        "organizationType": "OFFICE",
        "uiLink": f"https://sam.gov/workspace/contract/opp/{notice_id}/view",
        "links": [{"rel": "self", "href": f"https://api.sam.gov/prod/opportunities/v2/search?noticeid={notice_id}&limit=1"}],
        "resourceLinks": None,
    }
    if award:
        record["award"] = {"date": award_date, "number": number, "amount": amount}
        if awardee is not None:
            record["award"]["awardee"] = {"name": awardee, "ueiSAM": uei, "location": {
                "city": {"code": "11390", "name": "Cedar Park"}, "state": {"code": "TX"}, "country": {"code": "USA"}}}
    return record


def opp_page(records: list, total: int | None = None, limit: int = 100, offset: int = 0) -> dict:
    return {"totalRecords": len(records) if total is None else total, "limit": limit, "offset": offset,
            "opportunitiesData": records,
            "links": [{"rel": "self", "href": "https://api.sam.gov/prod/opportunities/v2/search?limit=100"}]}


def _json_route(data, **kwargs) -> Route:
    return Route(body=json.dumps(data).encode(), content_type="application/json", **kwargs)


# The key stays out of URLs and messages ----------------------------------------------------------
@pytest.mark.parametrize("url, expected", [
    ("https://api.sam.gov/opportunities/v2/search?api_key=K&postedFrom=10/01/2026&limit=10",
     "https://api.sam.gov/opportunities/v2/search?postedFrom=10/01/2026&limit=10"),
    ("https://api.sam.gov/x?limit=10&api_key=K", "https://api.sam.gov/x?limit=10"),
    ("https://api.sam.gov/x?a=1&API_KEY=K&b=%5B10%2F01%2F2026%2C11%2F20%2F2026%5D",
     "https://api.sam.gov/x?a=1&b=%5B10%2F01%2F2026%2C11%2F20%2F2026%5D"),
    ("https://api.sam.gov/x?api%5Fkey=K&q=lunar", "https://api.sam.gov/x?q=lunar"),
    ("https://api.sam.gov/x?api_key=K&api_key=L", "https://api.sam.gov/x"),
    ("https://api.sam.gov/x?api_key=K#frag", "https://api.sam.gov/x#frag"),
    ("https://api.sam.gov/x?my_api_key=1&api_keys=2", "https://api.sam.gov/x?my_api_key=1&api_keys=2"),
    ("https://sam.gov/opp/abc/view", "https://sam.gov/opp/abc/view"),
    ("", ""),
])
def test_strip_api_key(url, expected):
    assert strip_api_key(url) == expected


def test_scrub_masks_the_key_in_any_form():
    key = "abc/def+ghi"
    text = f"could not fetch https://x/?api_key=abc%2Fdef%2Bghi&q=1 ({key}) and api_key=other"
    masked = scrub(text, Secret(key))
    assert key not in masked and "abc%2Fdef%2Bghi" not in masked and "other" not in masked
    assert masked.count("***") == 3 and "q=1" in masked
    assert scrub_body(b'{"href": "https://x/?api_key=%s"}' % KEY.encode(), KEY) == b'{"href": "https://x/?api_key=***"}'
    assert scrub_body(b"nothing", None) == b"nothing"


@pytest.mark.parametrize("body, expected", [
    (b'{"message": "Dates must be specified in the MM/DD/YYYY format.", "detail": "Any Date parameter"}',
     "Dates must be specified in the MM/DD/YYYY format.: Any Date parameter"),
    (b'{"error": {"code": "OVER_RATE_LIMIT", "message": "API rate limit exceeded"}}',
     "OVER_RATE_LIMIT: API rate limit exceeded"),
    (b'{"error": "An invalid api_key was supplied"}', "An invalid api_key was supplied"),
    (b'{"fault": {"code": 900802, "message": "Message throttled out"}}', "900802: Message throttled out"),
    (b'{"messages": ["x"], "other": 1}', '{"messages": ["x"], "other": 1}'),
    (b"<html><body><h1>503 Service Unavailable</h1></body></html>", "503 Service Unavailable"),
    (b"", "empty body"),
])
def test_error_text(body, expected):
    assert error_text(body) == expected


# Conformance: the official Opportunities doc's example JSON ---------------------------------------
def _doc_json_blocks() -> list:
    if not OPPORTUNITIES_DOC.is_file():
        pytest.skip("shared sample samgov_get_opportunities_public_api.md not present")
    text = OPPORTUNITIES_DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"<code><pre>(.*?)</pre></code>", text, re.S)
    parsed = []
    for block in blocks:
        try:
            parsed.append(json.loads(html.unescape(block)))
        except ValueError:
            continue  # the OpenAPI excerpt is YAML
    return parsed


def test_doc_examples_are_the_two_json_responses():
    blocks = _doc_json_blocks()
    assert len(blocks) == 2
    assert "opportunitiesData" in blocks[0] and "noticeId" in blocks[1]


def test_doc_example_1_award_notice_becomes_one_award():
    data = _doc_json_blocks()[0]
    page = parse_opportunities(data)
    record = data["opportunitiesData"][0]
    assert page.total == data["totalRecords"] == 34 and page.records == len(data["opportunitiesData"]) == 1
    [award] = page.awards
    assert award.key == record["noticeId"]
    assert award.piid == record["award"]["number"]
    assert award.ceiling == float(record["award"]["amount"]) == 800620.0 and award.obligation is None
    assert award.recipient_name == record["award"]["awardee"]["name"] == "D.G. Beyer, Inc."
    assert award.recipient_uei == record["award"]["awardee"]["ueiSAM"]
    assert award.signed == record["award"]["date"] == "2018-05-04"
    assert (award.agency_name, award.sub_agency, award.office) == (record["department"], record["subTier"],
                                                                   record["office"])
    assert award.extra["solicitation_number"] == record["solicitationNumber"].strip() == "47PF0018R0023"
    assert (award.naics, award.psc) == (record["naicsCode"], record["classificationCode"])
    assert award.url == f"https://sam.gov/opp/{record['noticeId']}/view"
    assert award.extra["awardee_city"] == "New Berlin" and award.extra["awardee_state"] == "WI"
    # postedDate is an Eastern calendar day: midnight Eastern (EDT in May) is 04:00 UTC
    assert award.last_modified == datetime(2018, 5, 4, 4, 0, tzinfo=timezone.utc)

    document = award_document(award, "sam_opportunities:gsa", NOW, "raw-1")
    assert document.kind == "award" and document.external_id == record["noticeId"]
    assert document.published_at.utcoffset() == timedelta(0)
    json.dumps(document.payload)  # JSON-serialisable
    assert document.payload["system"] == "sam_opportunities"
    assert document.payload["amounts"]["ceiling"] == 800620.0 and document.payload["amounts"]["obligation"] is None
    assert "D.G. Beyer, Inc." in document.text and "GSA" in document.text and "$800,620" in document.text
    [candidate] = candidates(document, FakeResolver())
    assert candidate.type == "contract_award" and candidate.actors[0].name == "D.G. Beyer, Inc."
    assert candidate.amount.value == 800620.0 and candidate.amount.kind == "ceiling"
    assert candidate.event_date == date(2018, 5, 4) and candidate.evidence.pattern_id == "sam_opportunities.contract"


def test_doc_example_2_award_without_awardee_is_skipped_but_reads_the_path():
    record = _doc_json_blocks()[1]
    assert record["award"] and "awardee" not in record["award"]
    assert award_from_opportunity(record) is None
    page = parse_opportunities({"totalRecords": 1, "opportunitiesData": [record]})
    assert page.awards == [] and page.skipped == 1 and page.records == 1

    named = copy.deepcopy(record)
    named["award"]["awardee"] = {"name": "Astrobotic Technology, Inc.", "ueiSAM": "QWERTY123456"}
    award = award_from_opportunity(named)
    names = record["fullParentPathName"].split(".")
    assert (award.agency_name, award.sub_agency, award.office) == tuple(names)
    assert award.agency_code == record["fullParentPathCode"].split(".")[0] == "047"
    assert award.ceiling == float(record["award"]["amount"]) == 350567.0
    assert award.signed == "2020-12-01"
    assert "ui_link" not in award.extra  # the string "null"


# Opportunity parser, table-driven --------------------------------------------------------------------
OPPORTUNITY_CASES = [
    # (name, record, expected: None (skipped) or dict of Award attributes)
    ("award with awardee", opportunity("n1"), {"key": "n1", "piid": "80MSFC26C0031", "ceiling": 93_300_000.0,
                                              "recipient_name": "Firefly Aerospace, Inc.", "signed": "2026-10-30",
                                              "agency_name": "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION",
                                              "sub_agency": "NASA", "office": "NASA MARSHALL SPACE FLIGHT CENTER",
                                              "agency_code": "080"}),
    ("award is null", opportunity("n2", award=False), None),
    ("award without awardee", opportunity("n3", awardee=None), None),
    ("awardee with empty name", opportunity("n4", awardee="  "), None),
    ("numeric amount", opportunity("n5", amount=1_250_000), {"ceiling": 1_250_000.0}),
    ("amount with commas and $", opportunity("n6", amount="$1,250,000.50"), {"ceiling": 1_250_000.5}),
    ("amount null string", opportunity("n7", amount="null"), {"ceiling": None}),
    ("award date with a zone", opportunity("n8", award_date="2026-11-02T03:00:00Z"), {"signed": "2026-11-01"}),
    ("posted with a time", opportunity("n9", posted="2026-11-03 10:15:00"),
     {"last_modified": datetime(2026, 11, 3, 15, 15, tzinfo=timezone.utc)}),
]


@pytest.mark.parametrize("name, record, expected", OPPORTUNITY_CASES, ids=[c[0] for c in OPPORTUNITY_CASES])
def test_award_from_opportunity(name, record, expected):
    award = award_from_opportunity(record)
    if expected is None:
        assert award is None
        return
    for attribute, value in expected.items():
        assert getattr(award, attribute) == value, attribute
    assert award.system == "sam_opportunities" and award.category == "contract"


def test_organisation_path_with_a_full_stop_in_a_name_is_not_cut():
    record = opportunity("n1")
    record["fullParentPathName"] = "DEPT OF DEFENSE.U.S. SPACE FORCE.SPACE SYSTEMS COMMAND"
    record["fullParentPathCode"] = "097.5700.FA8811"
    award = award_from_opportunity(record)
    assert award.agency_name == record["fullParentPathName"] and award.sub_agency is None
    assert award.agency_code == "097"


def test_opportunity_page_counts_and_errors():
    good, bad = opportunity("n1"), opportunity("n2")
    del bad["noticeId"]
    page = parse_opportunities(opp_page([good, bad, opportunity("n3", award=False)], total=40))
    assert [a.key for a in page.awards] == ["n1"] and page.total == 40 and page.records == 3 and page.skipped == 2
    assert len(page.warnings) == 1 and "noticeId" in page.warnings[0]
    assert parse_opportunities({"totalRecords": 0}).awards == []
    with pytest.raises(FeedParseError, match="No api_key was supplied"):
        parse_opportunities({"error": {"code": "API_KEY_MISSING", "message": "No api_key was supplied"}})
    with pytest.raises(FeedParseError, match="not a list"):
        parse_opportunities({"totalRecords": 1, "opportunitiesData": {"noticeId": "x"}})
    with pytest.raises(FeedParseError):
        parse_opportunities([1, 2])


# Contract Awards parser, table-driven --------------------------------------------------------------
CONTRACT_CASES = [
    ("definitive contract", ca_record("80MSFC26C0012"), {
        "key": "8000:80MSFC26C0012:0:0", "category": "contract", "is_modification": False, "is_task_order": False,
        "obligation": 12_500_000.0, "ceiling": 35_000_000.0, "total": 12_500_000.0, "signed": "2026-10-14",
        "start": "2026-10-14", "end": "2028-03-31", "recipient_name": "INTUITIVE MACHINES, LLC",
        "recipient_uei": "HH2MUZ4BKAE3", "recipient_parent": "INTUITIVE MACHINES, INC.",
        "agency_name": "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION", "agency_code": "8000",
        "office": "NASA JOHNSON SPACE CENTER", "award_type": "DEFINITIVE CONTRACT", "naics": "336414",
        "psc": "AR22", "last_modified": datetime(2026, 10, 15, 18, 4, 11, tzinfo=timezone.utc),
        "url": "https://www.usaspending.gov/award/CONT_AWD_80MSFC26C0012_8000_-NONE-_-NONE-"}),
    ("task order under an IDV", ca_record("80JSC026F0031", parent="80JSC024D0012", award_type="DELIVERY ORDER"), {
        "key": "8000:80JSC026F0031:0:0:80JSC024D0012", "is_task_order": True, "parent_piid": "80JSC024D0012",
        "url": "https://www.usaspending.gov/award/CONT_AWD_80JSC026F0031_8000_80JSC024D0012_8000"}),
    ("deobligating modification", ca_record("80MSFC26C0012", mod="P00002", obligation="-250000.00",
                                            ceiling_change="0", reason="FUNDING ONLY ACTION"), {
        "key": "8000:80MSFC26C0012:P00002:0", "is_modification": True, "obligation": -250_000.0,
        "ceiling_change": 0.0, "modification_reason": "FUNDING ONLY ACTION"}),
    ("IDV (BPA)", ca_record("80NSSC26A0004", idv=True, obligation="0", total_ceiling="2600000000"), {
        "category": "idv", "award_type": "BPA", "obligation": 0.0, "ceiling": 2_600_000_000.0,
        "url": "https://www.usaspending.gov/award/CONT_IDV_80NSSC26A0004_8000"}),
    ("signed after DST ends, zone-less modified date",
     ca_record("80MSFC26C0013", signed="2026-11-02T05:00:00.000Z", modified="2026-11-02 10:00:00"), {
         "signed": "2026-11-02", "last_modified": datetime(2026, 11, 2, 15, 0, tzinfo=timezone.utc)}),
    ("no totals: the action's ceiling", ca_record("80MSFC26C0014", total_ceiling=None, total_obligation=None,
                                                  ceiling_change="4000000"), {
        "ceiling": 4_000_000.0, "total": None}),
    ("sparse record, plain strings for coded values", {
        "contractId": {"piid": "80ARC026P0007", "subtier": "8000"},
        "coreData": {"awardOrIDVType": "PURCHASE ORDER"},
        "awardDetails": {"awardeeData": {"awardeeHeader": {"legalBusinessName": "Lunar Outpost Inc."}},
                         "dollars": {"actionObligation": 98000}}}, {
        "key": "8000:80ARC026P0007:0:0", "recipient_name": "Lunar Outpost Inc.", "award_type": "PURCHASE ORDER",
        "obligation": 98_000.0, "agency_name": "8000", "signed": None, "last_modified": None, "category": "contract"}),
]


@pytest.mark.parametrize("name, record, expected", CONTRACT_CASES, ids=[c[0] for c in CONTRACT_CASES])
def test_award_from_contract_record(name, record, expected):
    award = award_from_contract_record(record)
    for attribute, value in expected.items():
        assert getattr(award, attribute) == value, attribute
    assert award.system == "sam"
    document = award_document(award, "sam_contract_awards:q", NOW, None)
    json.dumps(document.payload)
    assert document.external_id == award.key


def test_contract_award_candidates_follow_the_award_rules():
    base = award_document(award_from_contract_record(ca_record("80MSFC26C0012")), "sam_contract_awards:q", NOW, None)
    [candidate] = candidates(base, FakeResolver())
    assert candidate.amount.value == 12_500_000.0 and candidate.amount.kind == "obligation"
    assert candidate.program == base.payload["program"] and base.payload["program_id"] == "clps"
    assert candidate.actors[0].name == "INTUITIVE MACHINES, LLC" and candidate.event_date == date(2026, 10, 14)
    assert candidate.evidence.pattern_id == "sam.contract"
    deob = award_document(award_from_contract_record(
        ca_record("80MSFC26C0012", mod="P00002", obligation="-250000", ceiling_change="0")), "s:q", NOW, None)
    assert candidates(deob, FakeResolver()) == []
    order = award_document(award_from_contract_record(ca_record("80JSC026F0031", parent="80JSC024D0012")),
                           "s:q", NOW, None)
    assert candidates(order, FakeResolver())[0].amount.kind == "task_order"


def test_contract_awards_page():
    records = [ca_record("A1"), {"contractId": {"modificationNumber": "0"}}, ca_record("A2")]
    page = parse_contract_awards(ca_page(records, total=25061))
    assert [a.piid for a in page.awards] == ["A1", "A2"] and page.total == 25061 and page.records == 3
    assert page.skipped == 1 and "piid" in page.warnings[0]
    assert parse_contract_awards(None).awards == []  # HTTP 204 "No Content Found"
    assert parse_contract_awards({"totalRecords": "0"}).awards == []
    with pytest.raises(FeedParseError, match="The max value allowed for parameter 'limit' is 100"):
        parse_contract_awards({"message": "The max value allowed for parameter 'limit' is 100.",
                               "detail": "Please provide a value equal to or less than 100"})
    with pytest.raises(FeedParseError, match="not a list"):
        parse_contract_awards({"awardSummary": "x", "totalRecords": "1"})


# The sources against a loopback server --------------------------------------------------------------
@pytest.fixture
def server():
    with ReplayServer() as replay:
        yield replay


def _opp_source(server, *, page_size: int = 2, max_pages: int = 5, sleep=None, key: str = KEY,
                **kwargs) -> OpportunityAwardsSource:
    return OpportunityAwardsSource(Query("nasa", "NASA", (("organizationCode", "080"), ("title", "lunar"))),
                                   server.url(OPP_PATH), Secret(key), page_size=page_size, max_pages=max_pages,
                                   sleep=sleep or (lambda s: None), **kwargs)


def _ca_source(server, *, page_size: int = 2, max_pages: int = 5, sleep=None, **kwargs) -> ContractAwardsSource:
    return ContractAwardsSource(Query("nasa", "NASA", (("contractingDepartmentCode", "8000"), ("q", "lunar"))),
                                server.url(CA_PATH), Secret(KEY), page_size=page_size, max_pages=max_pages,
                                sleep=sleep or (lambda s: None), **kwargs)


def _serve_opportunities(server, records: list, page_size: int = 2) -> None:
    for offset in range(0, max(len(records), 1), page_size):
        server.add(MatchedRoute("GET", OPP_PATH, _json_route(opp_page(records[offset:offset + page_size],
                                                                      total=len(records), limit=page_size,
                                                                      offset=offset)),
                                query_match={"offset": str(offset)}))


def _serve_contract_awards(server, records: list, page_size: int = 2) -> None:
    for index, offset in enumerate(range(0, max(len(records), 1), page_size)):
        server.add(MatchedRoute("GET", CA_PATH, _json_route(ca_page(records[offset:offset + page_size],
                                                                    total=len(records), limit=page_size,
                                                                    offset=index)),
                                query_match={"offset": str(index)}))


OPPORTUNITIES = [opportunity("n1"), opportunity("n2", award=False),
                 opportunity("n3", awardee="Astrobotic Technology, Inc.", amount="62500000"),
                 opportunity("n4", awardee="ispace U.S., Inc.", amount="55000000"),
                 opportunity("n5", awardee="Interlune Corp.", amount="4800000", title="Lunar regolith purchase")]


def test_opportunities_page_by_record_offset_to_the_total(server):
    _serve_opportunities(server, OPPORTUNITIES)
    ctx, limiter = _ctx()
    result = _opp_source(server).collect(ctx)
    assert result.error is None and result.warnings == []
    requests = [_query(r.path) for r in server.requests]
    assert [q["offset"] for q in requests] == [["0"], ["2"], ["4"]]  # until offset >= totalRecords (5)
    first = requests[0]
    assert (first["ptype"], first["limit"], first["organizationCode"], first["title"]) == (["a"], ["2"], ["080"],
                                                                                          ["lunar"])
    # 30 days back to today, US Eastern calendar days, MM/dd/yyyy
    assert (first["postedFrom"], first["postedTo"]) == (["10/21/2026"], ["11/20/2026"])
    expected = [r["noticeId"] for r in OPPORTUNITIES if r["award"] and r["award"].get("awardee")]
    assert sorted(d.external_id for d in result.documents) == sorted(expected) == ["n1", "n3", "n4", "n5"]
    assert all(d.source_id == "sam_opportunities:nasa" and d.kind == "award" for d in result.documents)
    assert len(limiter.urls) == 3 and len(result.raw) == 3
    assert result.state.cursor["completed"] is True and result.state.cursor["since"] == "2026-11-19"
    interlune = next(d for d in result.documents if d.external_id == "n5")
    assert interlune.payload["program_id"] == "lunar_regolith_purchase"


def test_contract_awards_page_by_page_index(server):
    records = [ca_record(f"80MSFC26C00{i:02d}") for i in range(5)]
    _serve_contract_awards(server, records)
    result = _ca_source(server).collect(_ctx()[0])
    requests = [_query(r.path) for r in server.requests]
    assert [q["offset"] for q in requests] == [["0"], ["1"], ["2"]]
    assert requests[0]["lastModifiedDate"] == ["[10/21/2026,11/20/2026]"]
    assert requests[0]["contractingDepartmentCode"] == ["8000"] and requests[0]["q"] == ["lunar"]
    assert requests[0]["limit"] == ["2"]
    assert sorted(d.external_id for d in result.documents) == sorted(f"8000:{r['contractId']['piid']}:0:0"
                                                                     for r in records)
    assert result.state.cursor["completed"] is True


def test_contract_awards_204_is_an_empty_result(server):
    server.add(MatchedRoute("GET", CA_PATH, Route(status=204, body=b"", content_type="application/json")))
    result = _ca_source(server).collect(_ctx()[0])
    assert result.documents == [] and result.error is None and result.state.cursor["completed"] is True


def test_contract_awards_date_field_and_page_limit(server):
    source = _ca_source(server, date_field="dateSigned", page_size=100)
    params = source.params(date(2026, 10, 1), date(2026, 11, 20), 3)
    assert params["dateSigned"] == "[10/01/2026,11/20/2026]" and "lastModifiedDate" not in params
    assert params["offset"] == "3" and params["limit"] == "100"
    assert source.page_limit() == 3999  # (3999 + 1) x 100 = 400,000


def test_a_server_ignoring_offset_stops_paging(server):
    server.add(MatchedRoute("GET", CA_PATH, _json_route(ca_page([ca_record("A1"), ca_record("A2")], total=9,
                                                                limit=2))))
    result = _ca_source(server).collect(_ctx()[0])
    assert len(server.requests) == 2 and len(result.documents) == 2
    assert any("repeated records" in w for w in result.warnings)


def test_max_pages_resumes_on_the_next_run(server):
    _serve_opportunities(server, OPPORTUNITIES)
    source = _opp_source(server, max_pages=1)
    first = source.collect(_ctx()[0])
    assert len(server.requests) == 1 and [d.external_id for d in first.documents] == ["n1"]
    assert first.state.cursor["resume"] == {"start": "2026-10-21", "end": "2026-11-20", "page": 1}
    assert first.state.cursor["completed"] is False and "max_pages=1" in first.warnings[0]

    second = source.collect(_ctx(first.state, now=NOW + timedelta(hours=6))[0])
    assert _query(server.requests[1].path)["offset"] == ["2"]
    assert _query(server.requests[1].path)["postedFrom"] == ["10/21/2026"]  # the stored window
    assert sorted(d.external_id for d in second.documents) == ["n3", "n4"]

    third = source.collect(_ctx(second.state, now=NOW + timedelta(hours=12))[0])
    assert _query(server.requests[2].path)["offset"] == ["4"]
    assert [d.external_id for d in third.documents] == ["n5"]
    assert third.state.cursor["completed"] is True and "resume" not in third.state.cursor
    assert set(third.state.cursor["seen"]) == {"n1", "n3", "n4", "n5"}


def test_second_run_fetches_one_page_and_yields_nothing_new(server):
    _serve_opportunities(server, OPPORTUNITIES, page_size=10)
    source = _opp_source(server, page_size=10)
    first = source.collect(_ctx()[0])
    assert len(first.documents) == 4 and len(server.requests) == 1
    second = source.collect(_ctx(first.state, now=NOW + timedelta(hours=6))[0])
    assert second.documents == [] and second.error is None and len(server.requests) == 2
    assert _query(server.requests[1].path)["postedFrom"] == ["11/19/2026"]


def test_an_amended_award_amount_updates_its_document(server):
    _serve_opportunities(server, OPPORTUNITIES, page_size=10)
    source = _opp_source(server, page_size=10)
    first = source.collect(_ctx()[0])
    amended = copy.deepcopy(OPPORTUNITIES)
    amended[0]["award"]["amount"] = "97100000.00"
    _serve_opportunities(server, amended, page_size=10)  # added last: wins over the first route
    second = source.collect(_ctx(first.state)[0])
    [updated] = second.documents
    original = next(d for d in first.documents if d.doc_id == updated.doc_id)
    assert updated.external_id == "n1" and updated.content_hash != original.content_hash
    assert "$97,100,000" in updated.text and "$93,300,000" in original.text


def test_opportunity_window_is_cut_to_one_year(server):
    _serve_opportunities(server, [])
    state = SourceState(cursor={"since": "2024-06-01", "completed": True, "seen": {}})
    result = _opp_source(server).collect(_ctx(state)[0])
    query = _query(server.requests[0].path)
    assert (query["postedFrom"], query["postedTo"]) == (["11/21/2025"], ["11/20/2026"])  # 364 days
    assert any("longer than the API allows" in w for w in result.warnings)


def test_failure_on_a_later_page_keeps_the_earlier_ones(server):
    _serve_opportunities(server, OPPORTUNITIES)
    server.add(MatchedRoute("GET", OPP_PATH, Route(status=500, body=b'{"message": "Internal Server Error"}',
                                                   content_type="application/json"), query_match={"offset": "2"}))
    slept: list[float] = []
    result = _opp_source(server, sleep=slept.append).collect(_ctx()[0])
    assert [d.external_id for d in result.documents] == ["n1"] and result.state is None
    assert result.error_kind == "http_status" and "HTTP 500" in result.error and "page 2" in result.error
    assert slept == [5.0] and len(server.requests) == 3  # one retry of the failing page, no more
    assert KEY not in result.error and all(KEY not in r.url for r in result.raw)


# Quota and key errors ---------------------------------------------------------------------------------
RATE_LIMIT_BODIES = [
    (429, b'{"error": {"code": "OVER_RATE_LIMIT", "message": "API rate limit exceeded"}}'),
    (429, b""),
    (403, b'{"message": "API rate limit exceeded"}'),
    (503, b'{"fault": {"code": 900802, "message": "Message throttled out", '
          b'"description": "You have exceeded your quota"}}'),
]


@pytest.mark.parametrize("status, body", RATE_LIMIT_BODIES)
def test_rate_limit_is_a_clear_error_without_retries(server, status, body):
    server.add(MatchedRoute("GET", OPP_PATH, Route(status=status, body=body, content_type="application/json",
                                                   headers={"Retry-After": "3600"})))
    slept: list[float] = []
    with pytest.raises(RateLimited) as caught:
        _opp_source(server, sleep=slept.append).collect(_ctx()[0])
    error = caught.value
    assert isinstance(error, HTTPStatusError) and isinstance(error, SourceError)
    assert error.status == 429 and error.kind == "rate_limited"
    assert "rate limit" in str(error) and "10 requests a day" in str(error) and "3600" in str(error)
    assert len(server.requests) == 1 and slept == []  # no retry storm
    assert KEY not in str(error) and error.raw and all(KEY not in r.url and "api_key" not in r.url for r in error.raw)


def test_invalid_key_names_the_variable_and_is_not_retried(server):
    server.add(MatchedRoute("GET", CA_PATH, Route(
        status=403, body=b'{"message": "An invalid API key was supplied. Please submit with a valid API key."}',
        content_type="application/json")))
    slept: list[float] = []
    with pytest.raises(HTTPStatusError) as caught:
        _ca_source(server, sleep=slept.append).collect(_ctx()[0])
    assert not isinstance(caught.value, RateLimited) and caught.value.status == 403
    assert "SAM_API_KEY" in str(caught.value) and "invalid API key" in str(caught.value)
    assert KEY not in str(caught.value) and len(server.requests) == 1 and slept == []


def test_server_errors_get_one_retry_then_fail():
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(503, text="Service Unavailable")
        return httpx.Response(200, json=opp_page([opportunity("n1")]))

    slept: list[float] = []
    source = OpportunityAwardsSource(Query("q", "Q", (("title", "lunar"),)), "https://api.sam.gov/opportunities/v2/search",
                                     Secret(KEY), sleep=slept.append)
    result = source.collect(_ctx(client=_client(httpx.MockTransport(handler)))[0])
    assert len(calls) == 2 and slept == [5.0] and [d.external_id for d in result.documents] == ["n1"]
    assert calls[0].url.params["api_key"] == KEY  # sent to the service ...
    assert all("api_key" not in r.url for r in result.raw)  # ... never kept

    calls.clear()
    always = httpx.MockTransport(lambda request: calls.append(request) or httpx.Response(502, text="Bad Gateway"))
    with pytest.raises(HTTPStatusError, match="after 2 attempts") as caught:
        source.collect(_ctx(client=_client(always))[0])
    assert caught.value.status == 502 and len(calls) == 2 and KEY not in str(caught.value)


# The key is never stored or shown ---------------------------------------------------------------
def test_the_key_is_sent_but_never_stored(server):
    echo = opp_page(OPPORTUNITIES)
    # a service echoing the request (key included) in a self link and a notice's uiLink
    echo["links"][0]["href"] = f"https://api.sam.gov/prod/opportunities/v2/search?limit=100&api_key={KEY}"
    echo["opportunitiesData"][0]["uiLink"] = f"https://sam.gov/opp/n1/view?api_key={KEY}"
    server.add(MatchedRoute("GET", OPP_PATH, _json_route(echo)))
    _serve_contract_awards(server, [ca_record("80MSFC26C0012")], page_size=100)
    ctx, limiter = _ctx()
    opp = _opp_source(server, page_size=100)
    ca = _ca_source(server, page_size=100)
    results = [opp.collect(ctx), ca.collect(ctx)]

    assert all(_query(r.path)["api_key"] == [KEY] for r in server.requests)  # it was sent
    assert all(KEY not in url for url in limiter.urls)
    for result in results:
        assert result.documents and result.raw
        for raw in result.raw:
            assert "api_key" not in raw.url and KEY not in raw.url and KEY.encode() not in raw.body
        for document in result.documents:
            assert KEY not in (document.url or "") and KEY not in json.dumps(document.payload)
            assert KEY not in document.text and KEY not in document.title
        assert KEY not in json.dumps(result.state.cursor) and all(KEY not in w for w in result.warnings)
    n1 = next(d for d in results[0].documents if d.external_id == "n1")
    assert n1.payload["extra"]["ui_link"] == "https://sam.gov/opp/n1/view"
    assert KEY not in repr(opp) and KEY not in opp.url and KEY not in repr(vars(opp))


def test_error_messages_never_carry_the_key(server):
    server.add(MatchedRoute("GET", OPP_PATH, Route(status=400, content_type="application/json",
                                                   body=b'{"error": "Invalid Date Entered. Expected date format '
                                                        b'is MM/dd/yyyy"}')))
    with pytest.raises(HTTPStatusError) as caught:
        _opp_source(server).collect(_ctx()[0])
    assert "Invalid Date Entered" in str(caught.value) and "HTTP 400" in str(caught.value)
    assert KEY not in str(caught.value) and "api_key" not in str(caught.value)
    assert caught.value.__cause__ is None


def test_transport_errors_and_timeouts_are_scrubbed(server):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        base = f"http://127.0.0.1:{probe.getsockname()[1]}{OPP_PATH}"
    source = OpportunityAwardsSource(Query("q", "Q", (("title", "lunar"),)), base, Secret(KEY), sleep=lambda s: None)
    with pytest.raises(TransportError) as caught:
        source.collect(_ctx()[0])
    assert KEY not in str(caught.value) and "api_key" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__

    server.add(MatchedRoute("GET", OPP_PATH, _json_route(opp_page([]), delay=0.5)))
    with pytest.raises(FetchTimeout) as caught:
        _opp_source(server).collect(_ctx(client=_client(timeout=0.1))[0])
    assert KEY not in str(caught.value) and "api_key" not in str(caught.value)


def test_nothing_in_the_warehouse_carries_the_key(server, make_settings, monkeypatch):
    """Through the real pipeline: raw fetches, documents, source state and errors, every text column."""
    from spacemine import pipeline
    from warehouse.db import Warehouse

    monkeypatch.setenv("SAM_API_KEY", KEY)
    _serve_opportunities(server, OPPORTUNITIES, page_size=100)
    server.add(MatchedRoute("GET", CA_PATH, Route(status=429, content_type="application/json",
                                                  body=b'{"message": "API rate limit exceeded"}')))
    settings = make_settings(sources={
        "sam_opportunities": {"enabled": True, "base_url": server.url(OPP_PATH), "page_size": 100,
                              "queries": [{"id": "nasa", "organizationCode": "080", "title": "lunar"}]},
        "sam_contract_awards": {"enabled": True, "base_url": server.url(CA_PATH),
                                "queries": [{"id": "nasa", "contractingDepartmentCode": "8000", "q": "lunar"}]},
    })
    report = pipeline.ingest(settings, ["sam_opportunities", "sam_contract_awards"], client=_client())
    outcomes = {o.source_id: o for o in report.sources}
    assert outcomes["sam_opportunities:nasa"].new == 4
    assert outcomes["sam_contract_awards:nasa"].status == "failed"
    assert outcomes["sam_contract_awards:nasa"].error_kind == "rate_limited"
    assert all(_query(r.path)["api_key"] == [KEY] for r in server.requests)

    checked = 0
    with Warehouse.from_settings(settings).read() as con:
        columns = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                              "WHERE data_type IN ('VARCHAR', 'JSON', 'BLOB')").fetchall()
        for table, column in columns:
            for (value,) in con.execute(f'SELECT "{column}" FROM "{table}"').fetchall():
                if value is None:
                    continue
                text = value.decode("utf-8", "replace") if isinstance(value, (bytes, bytearray)) else str(value)
                assert KEY not in text, f"{table}.{column}"
                checked += 1
        urls = [row[0] for row in con.execute("SELECT url FROM raw_fetches WHERE source_id LIKE 'sam%'").fetchall()]
    assert checked > 0 and len(urls) == 2 and all("api_key" not in u for u in urls)


# Config -----------------------------------------------------------------------------------------
def test_disabled_gives_no_sources(monkeypatch):
    monkeypatch.delenv("SAM_API_KEY", raising=False)
    defaults = shipped_defaults()["sources"]
    assert defaults["sam_contract_awards"]["enabled"] is False and defaults["sam_opportunities"]["enabled"] is False
    assert contract_award_sources_from_config(defaults["sam_contract_awards"], "ua") == []
    assert opportunity_sources_from_config(defaults["sam_opportunities"], "ua") == []
    assert opportunity_sources_from_config({"enabled": False}, "ua") == []


@pytest.mark.parametrize("build, section", [(contract_award_sources_from_config, "sam_contract_awards"),
                                            (opportunity_sources_from_config, "sam_opportunities")])
def test_enabled_without_a_key_is_a_config_error(monkeypatch, build, section):
    monkeypatch.delenv("SAM_API_KEY", raising=False)
    config = dict(shipped_defaults()["sources"][section], enabled=True)
    with pytest.raises(ConfigError, match="SAM_API_KEY is not set") as caught:
        build(config, "ua")
    assert f"sources.{section}" in str(caught.value)
    monkeypatch.setenv("SAM_API_KEY", "   ")
    with pytest.raises(ConfigError, match="SAM_API_KEY"):
        build(config, "ua")


def test_shipped_queries_build_with_a_key(monkeypatch):
    key = "Shipped-Queries-Key-0987654321"
    monkeypatch.setenv("SAM_API_KEY", key)
    defaults = shipped_defaults()["sources"]
    [awards] = contract_award_sources_from_config(dict(defaults["sam_contract_awards"], enabled=True), "ua")
    [notices] = opportunity_sources_from_config(dict(defaults["sam_opportunities"], enabled=True), "ua")
    assert awards.id == "sam_contract_awards:nasa-lunar" and notices.id == "sam_opportunities:nasa-lunar-awards"
    assert (awards.family, notices.family) == ("awards", "awards")
    assert awards.max_pages == 3 and notices.max_pages == 3 and awards.page_size == 100
    assert dict(awards.query.filters) == {"contractingDepartmentCode": "8000", "q": "lunar"}
    assert logs.redact(f"GET https://api.sam.gov/x?limit=1&api_key={key} ({key})").count(key) == 0
    assert key not in repr(awards) and key not in repr(notices)
    assert sam.sources_from_config is contract_award_sources_from_config


def test_usaspending_name_delegates_to_sam(monkeypatch):
    from extractors.sam import contract_award_sources_from_config as sam_sources_from_config

    monkeypatch.setenv("SAM_API_KEY", KEY)
    [source] = sam_sources_from_config({"enabled": True, "queries": [{"id": "x", "piid": "80MSFC26C0012"}]}, "ua")
    assert isinstance(source, ContractAwardsSource) and source.base_url == sam.CONTRACT_AWARDS_URL


def test_registry_builds_both_sam_sources(make_settings, monkeypatch):
    from extractors.registry import build_sources, select_sources

    monkeypatch.setenv("SAM_API_KEY", KEY)
    settings = make_settings(sources={"sam_contract_awards": {"enabled": True},
                                      "sam_opportunities": {"enabled": True}})
    sources = build_sources(settings)
    ids = {s.id for s in sources}
    assert {"sam_contract_awards:nasa-lunar", "sam_opportunities:nasa-lunar-awards"} <= ids
    assert [s.id for s in select_sources(sources, ["sam_opportunities"])] == ["sam_opportunities:nasa-lunar-awards"]


CA_BASE = {"enabled": True, "queries": [{"id": "a", "contractingDepartmentCode": "8000"}]}
OPP_BASE = {"enabled": True, "queries": [{"id": "a", "organizationCode": "080"}]}


@pytest.mark.parametrize("build, base, changes, field", [
    (contract_award_sources_from_config, CA_BASE, {"page_size": 101}, "page_size"),
    (contract_award_sources_from_config, CA_BASE, {"max_pages": 0}, "max_pages"),
    (contract_award_sources_from_config, CA_BASE, {"date_field": "signedDate"}, "date_field"),
    (contract_award_sources_from_config, CA_BASE, {"base_url": "ftp://x"}, "base_url"),
    (contract_award_sources_from_config, CA_BASE, {"base_url": "https://x/search?api_key=abc"}, "base_url"),
    (contract_award_sources_from_config, CA_BASE, {"max_page": 3}, "max_page"),
    (contract_award_sources_from_config, CA_BASE, {"queries": []}, "queries"),
    (contract_award_sources_from_config, CA_BASE, {"queries": [{"id": "a"}]}, "at least one search parameter"),
    (contract_award_sources_from_config, CA_BASE, {"queries": [{"id": "a", "contractingDeptCode": "8000"}]},
     "contractingDeptCode"),
    (contract_award_sources_from_config, CA_BASE, {"queries": [{"id": "a", "q": "lunar", "offset": 5}]}, "offset"),
    (contract_award_sources_from_config, CA_BASE, {"queries": [{"id": "a", "q": "lunar", "api_key": "x"}]},
     "api_key"),
    (contract_award_sources_from_config, CA_BASE, {"queries": [{"id": "a", "lastModifiedDate": "[01/01/2026,]"}]},
     "lastModifiedDate"),
    (contract_award_sources_from_config, CA_BASE, {"queries": [{"id": "a", "q": "lunar & mars"}]}, "q"),
    (contract_award_sources_from_config, CA_BASE, {"queries": [{"id": "a", "q": True}]}, "q"),
    (opportunity_sources_from_config, OPP_BASE, {"page_size": 1001}, "page_size"),
    (opportunity_sources_from_config, OPP_BASE, {"lookback_days": 400}, "lookback_days"),
    (opportunity_sources_from_config, OPP_BASE, {"queries": [{"id": "a", "ptype": "o"}]}, "ptype"),
    (opportunity_sources_from_config, OPP_BASE, {"queries": [{"id": "a", "postedFrom": "01/01/2026"}]}, "postedFrom"),
    (opportunity_sources_from_config, OPP_BASE, {"queries": [{"id": "a", "deptname": "NASA"}]}, "deptname"),
    (opportunity_sources_from_config, OPP_BASE, {"queries": [{"id": "a", "ncode": ["336414", "541715"]}]}, "ncode"),
    (opportunity_sources_from_config, OPP_BASE, {"date_field": "lastModifiedDate"}, "date_field"),
])
def test_config_errors_name_the_field(monkeypatch, build, base, changes, field):
    monkeypatch.setenv("SAM_API_KEY", KEY)
    with pytest.raises(ConfigError, match=re.escape(field)) as caught:
        build({**base, **changes}, "ua")
    assert KEY not in str(caught.value)


def test_list_filters_are_ored_for_contract_awards(monkeypatch):
    monkeypatch.setenv("SAM_API_KEY", KEY)
    [source] = contract_award_sources_from_config(
        {"enabled": True, "date_field": "dateSigned",
         "queries": [{"id": "a", "naicsCode": [336414, "541715"], "contractingDepartmentCode": "8000"}]}, "ua")
    assert dict(source.query.filters)["naicsCode"] == "336414~541715" and source.date_field == "dateSigned"
