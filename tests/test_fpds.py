"""FPDS ATOM: parsing real and synthetic feeds, hostile XML, paging, incremental runs, faults, config."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import httpx
import pytest

from extractors.awards import candidates
from extractors.base import SourceContext, SourceState
from extractors.errors import FeedParseError, HTTPStatusError
from extractors.fpds import FPDSSource, next_page_url, parse_feed, sources_from_config
from spacemine.demo.replay import MatchedRoute, ReplayServer, Route
from spacemine.settings import ConfigError, shipped_defaults
from tests.test_awards import FakeResolver
from tests.test_usaspending import RecordingLimiter, loopback_client

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = PROJECT / "spacemine" / "demo" / "fixtures" / "awards"
ROUTES = FIXTURES / "routes.yaml"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
ATOM = "{http://www.w3.org/2005/Atom}"
NS = "{https://www.fpds.gov/FPDS}"
EASTERN = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
SAMPLE_FILES = ["fpds_atom_feed_page_10_entries_2020-04-02.xml", "fpds_atom_feed_gsa_4740_reserialized.xml"]


def _sample(name: str) -> bytes:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"shared sample {name} not present")
    return path.read_bytes()


def _expected_entries(body: bytes) -> list[dict]:
    """What each entry states, read independently with the standard library (trusted test input)."""
    found = []
    for entry in ET.fromstring(body.lstrip()).iter(ATOM + "entry"):
        document = next(iter(entry.find(ATOM + "content")))
        ids = next(iter(document))
        own = next(c for c in ids if c.tag != NS + "referencedIDVID")
        ref = ids.find(NS + "referencedIDVID")
        vendor = document.find(NS + "vendor")
        name = vendor.findtext(f"{NS}vendorHeader/{NS}vendorName")
        legal = vendor.findtext(
            f"{NS}vendorSiteDetails/{NS}entityIdentifiers/{NS}vendorUEIInformation/{NS}UEILegalBusinessName")
        found.append({
            "agency": own.findtext(NS + "agencyID"), "piid": own.findtext(NS + "PIID"),
            "mod": own.findtext(NS + "modNumber"), "transaction": own.findtext(NS + "transactionNumber") or "0",
            "ref": ref.findtext(NS + "PIID") if ref is not None else None,
            "obligated": Decimal(document.findtext(f"{NS}dollarValues/{NS}obligatedAmount")),
            "total": Decimal(document.findtext(f"{NS}totalDollarValues/{NS}totalObligatedAmount")),
            "modified": datetime.strptime(entry.findtext(ATOM + "modified"), "%Y-%m-%d %H:%M:%S"),
            "recipient": name or legal, "header_empty": not name, "document": document.tag[len(NS):],
        })
    return found


# Conformance with recorded feeds ---------------------------------------------------------------
@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_recorded_feed_parses_every_entry(name):
    body = _sample(name)
    expected = _expected_entries(body)
    page = parse_feed(body)
    assert len(page.awards) == len(expected) == 10 and page.warnings == []
    keys = [a.key for a in page.awards]
    assert len(set(keys)) == 10  # unique even where PIID "0001" repeats under different IDVs
    for award, want in zip(page.awards, expected):
        key = f"{want['agency']}:{want['piid']}:{want['mod']}:{want['transaction']}"
        assert award.key == (f"{key}:{want['ref']}" if want["ref"] else key)
        assert (award.piid, award.parent_piid, award.mod_number) == (want["piid"], want["ref"], want["mod"])
        assert Decimal(str(award.obligation)) == want["obligated"]
        assert Decimal(str(award.total)) == want["total"]
        assert award.recipient_name == want["recipient"]
        # the feed's naive time is Eastern: back in Eastern it is exactly what the feed says
        assert award.last_modified.utcoffset() == timedelta(0)
        assert award.last_modified.astimezone(EASTERN).replace(tzinfo=None) == want["modified"]
        assert award.category == "contract" and award.system == "fpds"
    assert page.next_href and parse_qs(urlsplit(page.next_href).query)["start"] == ["10"]


def test_recorded_times_in_daylight_and_standard_time():
    april = parse_feed(_sample(SAMPLE_FILES[0])).awards[0]
    december = parse_feed(_sample(SAMPLE_FILES[1])).awards[0]
    assert april.last_modified.isoformat() == "2020-04-02T11:30:45+00:00"      # 07:30:45 EDT
    assert december.last_modified.isoformat() == "2013-12-18T22:03:03+00:00"   # 17:03:03 EST


def test_recorded_reserialized_feed_with_empty_vendor_header():
    expected = _expected_entries(_sample(SAMPLE_FILES[1]))
    assert all(e["header_empty"] for e in expected)  # the quirk is really in the sample
    awards = parse_feed(_sample(SAMPLE_FILES[1])).awards
    assert awards[0].recipient_name == "MC ALLEN CITY OF" and awards[0].recipient_uei == "LNLJPLNR7GF5"
    assert awards[0].agency_name == "GENERAL SERVICES ADMINISTRATION"
    assert awards[0].sub_agency == "PUBLIC BUILDINGS SERVICE"
    assert awards[0].is_modification and awards[0].modification_reason == "OTHER ADMINISTRATIVE ACTION"


def test_recorded_modifications_without_new_money_give_no_candidates():
    from extractors.awards import award_document

    awards = parse_feed(_sample(SAMPLE_FILES[1])).awards
    zero_mods = [a for a in awards if a.is_modification and a.obligation == 0 and not a.ceiling_change]
    assert len(zero_mods) == 3
    for award in zero_mods:
        assert candidates(award_document(award, "fpds:t", NOW, None), FakeResolver()) == []


# Our fixtures ----------------------------------------------------------------------------------
FIXTURE_CASES = [
    # (page, PIID, mod, expected category, obligation, candidate kind or None, program id)
    ("fpds_page1.xml", "80MSFC26F0011", "0", "contract", 116_900_000.0, "task_order", "clps"),
    ("fpds_page1.xml", "80MSFC26F0014", "0", "contract", 179_500_000.0, "task_order", "clps"),
    ("fpds_page1.xml", "80MSFC23F0022", "P00004", "contract", -2_750_000.0, None, "clps"),
    ("fpds_page1.xml", "80HQTR26P0042", "0", "contract", 1.0, "obligation", "lunar_regolith_purchase"),
    ("fpds_page1.xml", "80MSFC26D0003", "0", "idv", 0.0, "ceiling", "clps"),
    ("fpds_page1.xml", "80NSSC26C0097", "0", "contract", 12_400_000.0, "obligation", "tipping_point"),
    ("fpds_page1.xml", "80NSSC26C0123", "0", "contract", 850_000.0, "obligation", "sbir"),
    ("fpds_page1.xml", "80NSSC26C0123", "P00001", "contract", 0.0, "ceiling", "sbir"),
    ("fpds_page1.xml", "80GRC26C0015", "0", "contract", 150_000.0, "obligation", "sttr"),
    ("fpds_page1.xml", "80MSFC26F0011", "P00001", "contract", 0.0, None, "clps"),
    ("fpds_page2.xml", "80JSC026F0031", "0", "contract", 65_200_000.0, "task_order", "ltv"),
    ("fpds_page2.xml", "80MSFC26F0014", "P00001", "contract", 20_000_000.0, "task_order", "clps"),
    ("fpds_page2.xml", "80HQTR26P0051", "0", "contract", 5_000.0, "obligation", "lunar_regolith_purchase"),
]


def test_fixture_cases_cover_every_entry():
    listed = {(page, piid, mod) for page, piid, mod, *_ in FIXTURE_CASES}
    for page in ("fpds_page1.xml", "fpds_page2.xml"):
        for award in parse_feed((FIXTURES / page).read_bytes()).awards:
            assert (page, award.piid, award.mod_number) in listed
    assert len(parse_feed((FIXTURES / "fpds_page1.xml").read_bytes()).awards) == 10


@pytest.mark.parametrize("page,piid,mod,category,obligation,kind,program", FIXTURE_CASES)
def test_fixture_entries(page, piid, mod, category, obligation, kind, program):
    from extractors.awards import award_document

    body = (FIXTURES / page).read_bytes()
    expected = {(e["piid"], e["mod"]): e for e in _expected_entries(body)}[(piid, mod)]
    [award] = [a for a in parse_feed(body).awards if (a.piid, a.mod_number) == (piid, mod)]
    assert award.category == category and award.obligation == obligation
    assert Decimal(str(award.obligation)) == expected["obligated"]
    assert award.recipient_name == expected["recipient"] and award.parent_piid == expected["ref"]
    assert award.agency_name == "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION"
    document = award_document(award, "fpds:nasa-lunar", NOW, None)
    assert document.payload["program_id"] == program
    found = candidates(document, FakeResolver())
    assert [c.amount.kind for c in found] == ([kind] if kind else [])


def test_fixture_idv_and_empty_vendor_header():
    awards = {(a.piid, a.mod_number): a for a in parse_feed((FIXTURES / "fpds_page1.xml").read_bytes()).awards}
    idv = awards[("80MSFC26D0003", "0")]
    assert idv.extra["document_type"] == "IDV" and idv.ceiling == 2_600_000_000.0 and idv.end == "2036-10-13"
    assert idv.key == "8000:80MSFC26D0003:0:0"
    purchase = awards[("80HQTR26P0042", "0")]
    assert b"<ns1:vendorHeader/>" in (FIXTURES / "fpds_page1.xml").read_bytes()
    assert purchase.recipient_name == "LUNAR OUTPOST INC."
    deobligation = awards[("80MSFC23F0022", "P00004")]
    assert deobligation.obligation < 0 and deobligation.is_modification


def test_fixture_next_link_names_the_public_placeholder_host():
    page = parse_feed((FIXTURES / "fpds_page1.xml").read_bytes())
    assert urlsplit(page.next_href).netloc == "replay.invalid"
    assert parse_feed((FIXTURES / "fpds_page2.xml").read_bytes()).next_href is None


# Hostile and broken XML --------------------------------------------------------------------------
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&lol3;</title></feed>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&xxe;</title></feed>"""
DTD_ONLY = b"""<?xml version="1.0"?><!DOCTYPE feed SYSTEM "http://evil.invalid/x.dtd">
<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>"""


@pytest.mark.parametrize("body,message", [
    (BILLION_LAUGHS, "refused"),
    (EXTERNAL_ENTITY, "refused"),
    (DTD_ONLY, "refused"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>cut off', "malformed"),
    (b"<html><body><h1>Service Unavailable</h1></body></html>", "not an FPDS ATOM feed"),
    (b"", "empty body"),
    (b"   \n", "empty body"),
])
def test_hostile_or_broken_xml_is_refused(body, message):
    with pytest.raises(FeedParseError, match=message):
        parse_feed(body)


def test_leading_whitespace_before_the_declaration_is_tolerated():
    body = b"\n  " + (FIXTURES / "fpds_page2.xml").read_bytes()
    assert len(parse_feed(body).awards) == 3


def test_an_entry_without_an_award_is_skipped_with_a_warning():
    body = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>odd</title><content type="text">x</content>'
            b"</entry></feed>")
    page = parse_feed(body)
    assert page.awards == [] and page.warnings == ["skipped entry 1: no FPDS award or IDV in <content>"]


# Next links --------------------------------------------------------------------------------------
BASE = "http://127.0.0.1:8123/ezsearch/FEEDS/ATOM"


@pytest.mark.parametrize("href,expected", [
    (None, None),
    ("", None),
    ("http://127.0.0.1:8123/ezsearch/FEEDS/ATOM?q=x&start=10", "http://127.0.0.1:8123/ezsearch/FEEDS/ATOM?q=x&start=10"),
    ("https://replay.invalid/ezsearch/FEEDS/ATOM?s=FPDS&q=x&start=10",
     "http://127.0.0.1:8123/ezsearch/FEEDS/ATOM?s=FPDS&q=x&start=10"),
    ("https://www.fpds.gov/ezsearch/FEEDS/ATOM?start=20", "http://127.0.0.1:8123/ezsearch/FEEDS/ATOM?start=20"),
    ("/ezsearch/FEEDS/ATOM?start=30", "http://127.0.0.1:8123/ezsearch/FEEDS/ATOM?start=30"),
])
def test_next_page_url(href, expected):
    assert next_page_url(href, BASE) == expected


# The source against the replay server -------------------------------------------------------------
@pytest.fixture
def server():
    with ReplayServer() as replay:
        replay.config = replay.load_routes(ROUTES)
        yield replay


def _source(server, sleep=None, **overrides) -> FPDSSource:
    config = copy.deepcopy(server.config["fpds"])
    config.update(overrides)
    [source] = sources_from_config(config, "spacemine-tests/1.0", sleep=sleep or (lambda s: None))
    return source


def _ctx(state: SourceState | None = None, now: datetime = NOW, client: httpx.Client | None = None):
    limiter = RecordingLimiter()
    return SourceContext(client=client or loopback_client(), state=state or SourceState(), now=now,
                         user_agent="spacemine-tests/1.0", limiter=limiter), limiter


def _atom_route(server, start: str) -> Route:
    return next(m.route for m in server.matched if m.path == "/ezsearch/FEEDS/ATOM" and m.query_match == {"start": start})


def _query(request) -> dict[str, list[str]]:
    return parse_qs(urlsplit(request.path).query)


def test_first_run_pages_through_the_feed_on_the_configured_host(server):
    ctx, limiter = _ctx()
    result = _source(server).collect(ctx)
    assert result.error is None and result.warnings == []
    expected = _expected_entries((FIXTURES / "fpds_page1.xml").read_bytes()) + _expected_entries(
        (FIXTURES / "fpds_page2.xml").read_bytes())
    assert len(result.documents) == len(expected) == 13
    assert len({d.doc_id for d in result.documents}) == 13
    assert all(d.source_id == "fpds:nasa-lunar" and d.kind == "award" for d in result.documents)

    first, second = server.requests
    query = _query(first)
    assert (query["FEEDNAME"], query["VERSION"], query["start"]) == (["PUBLIC"], ["1.5.3"], ["0"])
    # 30 days back from today in Eastern time, to today
    assert query["q"] == ['CONTRACTING_AGENCY_ID:"8000" DESCRIPTION_OF_REQUIREMENT:"LUNAR" '
                          "LAST_MOD_DATE:[2026/10/21,2026/11/20]"]
    # the next link named replay.invalid; the request went to the replay server with its query
    assert _query(second)["start"] == ["10"] and _query(second)["s"] == ["FPDS"]
    assert len(limiter.urls) == 2 and all(u.startswith(server.base_url) for u in limiter.urls)
    assert len(result.raw) == 2 and result.raw[0].request is None
    assert result.state.cursor["since"] == "2026-11-19" and len(result.state.cursor["seen"]) == 13


def test_second_run_returns_nothing_new(server):
    source = _source(server)
    first = source.collect(_ctx()[0])
    before = len(server.requests)
    second = source.collect(_ctx(first.state, now=NOW + timedelta(hours=6))[0])
    assert second.documents == [] and second.error is None
    requests = server.requests[before:]
    assert len(requests) == 2  # FPDS has no validators: the window is re-read, nothing re-delivered
    assert "LAST_MOD_DATE:[2026/11/19,2026/11/20]" in _query(requests[0])["q"][0]


def test_an_amended_action_updates_its_document(server):
    source = _source(server)
    first = source.collect(_ctx()[0])
    route = _atom_route(server, "10")
    route.body = route.body.replace(b"<ns1:obligatedAmount>65200000.00<", b"<ns1:obligatedAmount>66100000.00<")
    second = source.collect(_ctx(first.state)[0])
    [updated] = second.documents
    original = next(d for d in first.documents if d.doc_id == updated.doc_id)
    assert updated.external_id == original.external_id == "8000:80JSC026F0031:0:0:80JSC024D0012"
    assert updated.content_hash != original.content_hash
    assert "obligating $66,100,000" in updated.text


def test_failure_on_page_two_keeps_page_one(server):
    server.add(MatchedRoute("GET", "/ezsearch/FEEDS/ATOM", Route(body=b"busy", status=503, content_type="text/plain"),
                            query_match={"start": "10", "FEEDNAME": "PUBLIC"}))
    slept: list[float] = []
    result = _source(server, sleep=slept.append).collect(_ctx()[0])
    assert len(result.documents) == 10 and result.state is None
    assert result.error_kind == "http_status" and "HTTP 503" in result.error and "page 2" in result.error
    assert slept == [2.0, 4.0]


def test_failure_on_page_one_raises_with_the_body_kept(server):
    route = _atom_route(server, "0")
    route.status, route.body = 500, b"Internal Server Error"
    with pytest.raises(HTTPStatusError) as caught:
        _source(server).collect(_ctx()[0])
    assert caught.value.status == 500 and "FPDS failed (HTTP 500)" in str(caught.value)
    assert caught.value.raw[-1].body == b"Internal Server Error"


def test_a_hostile_page_fails_the_source(server):
    _atom_route(server, "0").body = BILLION_LAUGHS
    with pytest.raises(FeedParseError, match="refused") as caught:
        _source(server).collect(_ctx()[0])
    assert caught.value.raw[0].body == BILLION_LAUGHS


def test_max_pages_stops_with_a_warning(server):
    result = _source(server, max_pages=1).collect(_ctx()[0])
    assert len(result.documents) == 10 and len(server.requests) == 1
    assert any("max_pages=1" in w for w in result.warnings)


def test_a_next_link_back_to_the_same_page_stops(server):
    route = _atom_route(server, "10")
    route.body = re.sub(rb"</author>", b'</author><link rel="next" href="https://replay.invalid/ezsearch/FEEDS/ATOM?'
                                       b's=FPDS&amp;FEEDNAME=PUBLIC&amp;VERSION=1.5.3&amp;q=x&amp;start=10"/>',
                        route.body, count=1)
    server.add(MatchedRoute("GET", "/ezsearch/FEEDS/ATOM", route, query_match={"start": "10", "q": "x"}))
    result = _source(server).collect(_ctx()[0])
    assert len(result.documents) == 13 and len(server.requests) == 3
    assert any("points back at a page already read" in w for w in result.warnings)


def test_429_then_success_waits_as_told():
    calls = []

    def handler(request):
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(429, headers={"Retry-After": "11"})
        return httpx.Response(200, content=(FIXTURES / "fpds_page2.xml").read_bytes())

    slept: list[float] = []
    [source] = sources_from_config({"base_url": "https://www.fpds.gov/ezsearch/FEEDS/ATOM",
                                    "queries": [{"id": "q", "q": 'PIID:"X"'}]}, "ua", sleep=slept.append)
    ctx, _ = _ctx(client=httpx.Client(transport=httpx.MockTransport(handler)))
    result = source.collect(ctx)
    assert slept == [11.0] and len(result.documents) == 3 and len(calls) == 2


# Config ------------------------------------------------------------------------------------------
def test_shipped_defaults_build_one_source_per_query():
    config = shipped_defaults()["sources"]["fpds"]
    sources = sources_from_config(config, "ua")
    assert [s.id for s in sources] == [f"fpds:{q['id']}" for q in config["queries"]]
    assert all(s.family == "awards" and s.url == config["base_url"] for s in sources)


def test_disabled_gives_no_sources():
    assert sources_from_config({"enabled": False}, "ua") == []


@pytest.mark.parametrize("changes,field", [
    ({"base_url": "www.fpds.gov"}, "base_url"),
    ({"max_pages": -1}, "max_pages"),
    ({"lookback_days": 1.5}, "lookback_days"),
    ({"queries": None}, "queries"),
    ({"queries": [{"id": "a"}]}, "q"),
    ({"queries": [{"id": "a", "q": "PIID:X LAST_MOD_DATE:[2026/01/01,2026/02/01]"}]}, "LAST_MOD_DATE"),
    ({"queries": [{"id": "a", "q": "x", "query": "typo"}]}, "query"),
    ({"queries": ["just text"]}, "queries[0]"),
])
def test_config_errors_name_the_field(changes, field):
    config = {"base_url": "https://www.fpds.gov/ezsearch/FEEDS/ATOM", "queries": [{"id": "a", "q": "x"}], **changes}
    with pytest.raises(ConfigError, match=re.escape(field)):
        sources_from_config(config, "ua")
