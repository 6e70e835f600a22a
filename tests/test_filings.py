"""SEC EDGAR filings family: sources against a loopback EDGAR, incremental runs, faults, candidates."""

from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime, timezone

import httpx
import pytest

from extractors.edgar import (
    EdgarContactMissing,
    EdgarNotFound,
    EdgarUrls,
    RetryPolicy,
    WatchedCompany,
    config_urls,
    filing_day_start,
    item_names,
    parse_acceptance,
    parse_latest_atom,
)
from extractors.errors import SourceError
from extractors.filings import (
    CompanyFeedSource,
    FullTextSource,
    LatestFilingsSource,
    SubmissionsSource,
    candidates,
    filing_document,
    gazetteer_company_names,
    normalize_company,
    sources_from_config,
)
from spacemine.demo.replay import MatchedRoute, ReplayServer, Route
from spacemine.records import Document
from spacemine.settings import ConfigError, shipped_defaults
from tests.test_edgar import (
    NOW,
    ROUTES,
    UA,
    FakeResolver,
    FakeSleep,
    RecordingLimiter,
    efts_page,
    fixture_bytes,
    make_ctx,
    mock_client,
)

REQUIRED_PAYLOAD_KEYS = {"cik", "company", "accession", "form", "filed_at", "accepted_at", "items", "item_names",
                         "primary_document", "url", "source"}
S3_404 = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does '
          b"not exist.</Message><Key>submissions/CIK0000000001.json</Key></Error>")


@pytest.fixture
def edgar_server():
    """The loopback EDGAR with the demo fixtures, and the demo's `edgar` config pointing at it."""
    with ReplayServer() as server:
        config = server.load_routes(ROUTES)
        yield server, config["edgar"]


@pytest.fixture
def client():
    with httpx.Client(timeout=5) as c:
        yield c


def _by_id(sources):
    return {s.id: s for s in sources}


def _run(source, client, state=None, **kwargs):
    return source.collect(make_ctx(client, state=state, **kwargs))


def _configured_rows(name: str, forms: list[str]) -> list[dict]:
    data = json.loads(fixture_bytes(name))
    columns = data["filings"]["recent"] if "filings" in data else data
    rows = [dict(zip(columns, values)) for values in zip(*columns.values())]
    return [r for r in rows if r["form"] in forms]


# Configuration ----------------------------------------------------------------------------------
def test_sources_from_the_shipped_defaults():
    config = shipped_defaults()["sources"]["edgar"]
    sources = sources_from_config(config, shipped_defaults()["user_agent"])
    expected = ([f"edgar:cik{c['cik']}" for c in config["watchlist"]]
                + [f"edgar:latest-{t.lower()}" for t in config["latest_filings"]["types"]]
                + ["edgar:fulltext-regolith", "edgar:fulltext-in-situ-resource-utilization",
                   "edgar:fulltext-commercial-lunar-payload-services"])
    assert [s.id for s in sources] == expected
    assert all(s.family == "filings" and s.name and s.url.startswith("https://") for s in sources)
    assert sources[0].url == "https://data.sec.gov/submissions/CIK0001844452.json"
    assert "action=getcurrent" in sources[len(config["watchlist"])].url


def test_disabled_gives_no_sources():
    assert sources_from_config({"enabled": False}, UA) == []


def test_watchlist_feed_atom_reads_the_company_feed_instead():
    config = dict(shipped_defaults()["sources"]["edgar"], watchlist_feed="atom")
    sources = sources_from_config(config, UA)
    first = sources[0]
    assert isinstance(first, CompanyFeedSource) and first.id == "edgar:cik0001844452"
    assert "action=getcompany" in first.url and "CIK=0001844452" in first.url


@pytest.mark.parametrize("change, field", [
    ({"watchlist": [{"cik": "not-a-cik"}]}, "watchlist[0].cik"),
    ({"watchlist": [{"cik": "1844452"}, {"cik": "0001844452"}]}, "watchlist[1].cik"),
    ({"watchlist": "0001844452"}, "watchlist"),
    ({"requests_per_second": 20}, "requests_per_second"),
    ({"requests_per_second": 0}, "requests_per_second"),
    ({"latest_filings": {"types": ["8-K"], "count": 50}}, "latest_filings.count"),
    ({"watchlist_feed": "rss"}, "watchlist_feed"),
    ({"full_text": {"phrases": ['say "hi"'], "forms": ["8-K"], "lookback_days": 30}}, "full_text.phrases"),
    ({"full_text": {"phrases": ["x"], "forms": ["8-K"], "lookback_days": 0}}, "full_text.lookback_days"),
    ({"forms": {"a": 1}}, "forms"),
    ({"www_url": "ftp://www.sec.gov"}, "www_url"),
    ({"enabled": "yes"}, "enabled"),
])
def test_config_errors_name_the_field(change, field):
    config = copy.deepcopy(shipped_defaults()["sources"]["edgar"])
    config.update(change)
    with pytest.raises(ConfigError, match=rf"sources\.edgar\.{re.escape(field)}"):
        sources_from_config(config, UA)


def test_without_a_contact_address_every_source_fails_alone_and_nothing_is_sent(edgar_server, client):
    server, config = edgar_server
    default_ua = shipped_defaults()["user_agent"]
    sources = sources_from_config(config, default_ua)  # still built: news and awards keep running
    assert sources
    for source in sources:
        with pytest.raises(EdgarContactMissing) as caught:
            _run(source, client, user_agent=default_ua)
        assert isinstance(caught.value, SourceError) and isinstance(caught.value, ConfigError)
        assert 'user_agent: "Company Name you@example.com"' in str(caught.value)
    assert server.requests == []


# First run against the demo fixtures --------------------------------------------------------------
def test_submissions_first_run_reads_recent_and_overflow(edgar_server, client):
    server, config = edgar_server
    source = _by_id(sources_from_config(config, UA))["edgar:cik0001844452"]
    limiter = RecordingLimiter()

    result = _run(source, client, limiter=limiter)

    recent = _configured_rows("CIK0001844452.json", config["forms"])
    overflow = _configured_rows("CIK0001844452-submissions-001.json", config["forms"])
    assert [d.external_id for d in result.documents] == [r["accessionNumber"] for r in recent + overflow]
    assert [r.url.rsplit("/", 1)[1] for r in result.raw] == ["CIK0001844452.json", "CIK0001844452-submissions-001.json"]
    assert limiter.urls == [r.url for r in result.raw]  # the limiter before every request
    assert result.error is None
    raw_ids = {r.url.rsplit("/", 1)[1]: r.fetch_id(source.id) for r in result.raw}
    for document, row in zip(result.documents, recent + overflow):
        assert document.kind == "filing" and document.source_id == source.id
        assert document.doc_id == Document.make_id(source.id, row["accessionNumber"])
        assert REQUIRED_PAYLOAD_KEYS <= set(document.payload)
        assert document.payload["source"] == "submissions" and document.payload["form"] == row["form"]
        assert document.published_at == parse_acceptance(row["acceptanceDateTime"])
        assert document.published_at.tzinfo == timezone.utc
        assert document.url == (f"{server.base_url}/Archives/edgar/data/1844452/"
                                f"{row['accessionNumber'].replace('-', '')}/{row['primaryDocument']}")
        json.dumps(document.payload)  # JSON-serialisable
        page = "CIK0001844452.json" if row in recent else "CIK0001844452-submissions-001.json"
        assert document.raw_fetch_id == raw_ids[page]
    eight_k = result.documents[0]
    assert eight_k.title == ("Intuitive Machines, Inc. 8-K Entry into a Material Definitive Agreement; "
                             "Regulation FD Disclosure; Financial Statements and Exhibits")
    assert eight_k.published_at == datetime(2026, 11, 18, 21, 5, 12, tzinfo=timezone.utc)
    assert "1.01 Entry into a Material Definitive Agreement" in eight_k.text
    ten_q = next(d for d in result.documents if d.payload["form"] == "10-Q")
    assert ten_q.title == "Intuitive Machines, Inc. 10-Q Quarterly report"
    assert result.state.cursor == {"cik": "0001844452", "backfilled": True,
                                   "seen": sorted(r["accessionNumber"] for r in recent)}


def test_second_run_reads_only_recent_and_yields_nothing(edgar_server, client):
    server, config = edgar_server
    sources = sources_from_config(config, UA)
    states = {s.id: _run(s, client).state for s in sources}
    server.requests.clear()

    results = {s.id: _run(s, client, state=states[s.id]) for s in sources}

    assert all(r.documents == [] and r.error is None for r in results.values())
    assert len(server.requests) == len(sources)  # one request per source, no overflow page
    assert not any("submissions-001" in r.path for r in server.requests)
    assert all(results[i].state.cursor == states[i].cursor for i in states if "fulltext" not in i)


def test_a_new_filing_in_recent_is_the_only_new_document(client):
    with ReplayServer() as server:
        route = MatchedRoute("GET", "/submissions/CIK0001860160.json",
                             Route(body=fixture_bytes("CIK0001860160.json"), content_type="application/json"))
        server.add(route)
        source = SubmissionsSource(WatchedCompany("0001860160", "Firefly Aerospace"),
                                   EdgarUrls(server.base_url, server.base_url, server.base_url), ["8-K", "10-Q"])
        state = _run(source, client).state

        data = json.loads(fixture_bytes("CIK0001860160.json"))
        new_row = {"accessionNumber": "0001860160-26-000097", "filingDate": "2026-11-19",
                   "reportDate": "2026-11-19", "acceptanceDateTime": "2026-11-19T17:30:00.000Z", "act": "34",
                   "form": "8-K", "fileNumber": "001-42741", "filmNumber": "261190001", "items": "2.01,9.01",
                   "core_type": "XBRL", "size": 120000, "isXBRL": 1, "isInlineXBRL": 1,
                   "primaryDocument": "fly-20261119.htm", "primaryDocDescription": "8-K"}
        for key, values in data["filings"]["recent"].items():
            values.insert(0, new_row[key])
        route.route = Route(body=json.dumps(data).encode(), content_type="application/json")

        result = _run(source, client, state=state)

    assert [d.external_id for d in result.documents] == ["0001860160-26-000097"]
    document = result.documents[0]
    assert document.payload["item_names"] == ["Completion of Acquisition or Disposition of Assets",
                                              "Financial Statements and Exhibits"]
    assert document.published_at == datetime(2026, 11, 19, 22, 30, tzinfo=timezone.utc)
    assert "0001860160-26-000097" in result.state.cursor["seen"]


def test_latest_filings_keep_watched_and_known_companies_once(edgar_server, client):
    server, config = edgar_server
    by_id = _by_id(sources_from_config(config, UA))

    eight_k = _run(by_id["edgar:latest-8-k"], client)
    form_d = _run(by_id["edgar:latest-d"], client)

    # Watched CIK (Intuitive Machines, listed twice as co-registrants) and a gazetteer company
    # (Redwire); an unknown filer, an unknown 8-K/A, an unknown fund and a DEF 14A are left out.
    assert [d.external_id for d in eight_k.documents] == ["0001844452-26-000214", "0001819810-26-000077"]
    assert [d.external_id for d in form_d.documents] == ["0009900002-26-000001", "0009900001-26-000003"]
    joint = eight_k.documents[0]
    assert joint.payload["company"] == "Intuitive Machines, Inc." and len(joint.payload["filers"]) == 2
    assert joint.payload["source"] == "latest" and joint.published_at == datetime(2026, 11, 18, 21, 5, 12,
                                                                                 tzinfo=timezone.utc)
    assert joint.url.endswith("/1844452/000184445226000214/0001844452-26-000214-index.htm")
    assert form_d.documents[1].title == "Interlune, Inc. D/A Amended notice of exempt offering of securities"
    assert eight_k.state.cursor == {"seen": ["0001819810-26-000077", "0001844452-26-000214"]}


def test_latest_filter_unit():
    source = LatestFilingsSource("8-K", 100, EdgarUrls(), ["8-K"], ["0001844452"], known_names={"interlune"})
    records = parse_latest_atom(fixture_bytes("latest_8-K.xml")) + parse_latest_atom(fixture_bytes("latest_D.xml"))
    wanted = {r["accession"] for r in records if source.wanted(r)}
    assert wanted == {"0001844452-26-000214"}  # Interlune is known but filed a D/A, not an 8-K
    source.forms.append("D/A")
    assert {r["accession"] for r in records if source.wanted(r)} == {"0001844452-26-000214", "0009900001-26-000003"}


@pytest.mark.parametrize("name, expected", [
    ("ROCKET LAB USA, INC.", "rocket lab usa"),
    ("Helio Corp /FL/", "helio"),
    ("Redwire Corp", "redwire"),
    ("Intuitive Machines, LLC", "intuitive machines"),
    ("AstroForge, Inc.", "astroforge"),
    ("Regolith Ventures Fund II, L.P.", "regolith ventures fund ii l p"),
])
def test_normalize_company(name, expected):
    assert normalize_company(name) == expected


def test_gazetteer_names_for_the_latest_filter():
    names = gazetteer_company_names()
    assert {"astroforge", "interlune", "redwire", "intuitive machines", "rocket lab usa"} <= names
    assert not {"lunr", "rklb", "rdw"} & names  # tickers never match filer names


def test_full_text_first_run_against_the_fixture(edgar_server, client):
    server, config = edgar_server
    source = _by_id(sources_from_config(config, UA))["edgar:fulltext-regolith"]
    result = _run(source, client)
    data = json.loads(fixture_bytes("efts_regolith.json"))
    distinct = list(dict.fromkeys(h["_source"]["adsh"] for h in data["hits"]["hits"]))
    assert [d.external_id for d in result.documents] == distinct
    request = server.requests[0]
    assert all(part in request.path for part in ("%22regolith%22", "startdt=2026-10-21", "enddt=2026-11-20"))
    for document in result.documents:
        assert document.payload["matched_phrase"] == "regolith" and document.payload["source"] == "full_text"
        assert 'Matched the full-text search phrase "regolith".' in document.text
        # No acceptance time in search hits: published at the Eastern midnight of the filing date.
        filed = date.fromisoformat(document.payload["filed_at"])
        assert document.published_at == filing_day_start(filed)
        assert document.published_at.tzinfo == timezone.utc
    im = result.documents[0]
    assert im.payload["primary_document"] == "lunr-20261117.htm" and im.url.endswith("lunr-ex99_1.htm")
    assert result.state.cursor["last_end"] == "2026-11-20" and set(result.state.cursor["seen"]) == set(distinct)


def test_company_feed_source(edgar_server, client):
    server, config = edgar_server
    source = CompanyFeedSource(WatchedCompany("0001844452", "Intuitive Machines"),
                               config_urls(config), config["forms"])
    result = _run(source, client)
    assert [d.external_id for d in result.documents] == ["0001844452-26-000214", "0001844452-26-000205",
                                                         "0001844452-26-000203", "0001844452-26-000188"]
    assert result.documents[0].payload["items"] == ["1.01", "7.01", "9.01"]
    assert result.documents[0].payload["source"] == "company_atom"
    assert result.documents[1].title == "Intuitive Machines, Inc. 10-Q Quarterly report [Sections 13 or 15(d)]"
    assert _run(source, client, state=result.state).documents == []


# Faults -----------------------------------------------------------------------------------------
def test_an_unknown_cik_fails_alone_with_a_clear_message(edgar_server, client):
    server, config = edgar_server
    server.add(MatchedRoute("GET", "/submissions/CIK0000000001.json",
                            Route(body=S3_404, status=404, content_type="application/xml")))
    config = dict(config, watchlist=[{"cik": "1", "name": "Typo Corp"}] + config["watchlist"])
    sources = [s for s in sources_from_config(config, UA) if isinstance(s, SubmissionsSource)]

    with pytest.raises(EdgarNotFound) as caught:
        _run(sources[0], client)
    message = str(caught.value)
    assert "0000000001" in message and "Typo Corp" in message and "sources.edgar.watchlist" in message
    assert caught.value.status == 404 and [r.body for r in caught.value.raw] == [S3_404]
    assert all(_run(s, client).documents for s in sources[1:])  # the others go on


def test_an_overflow_page_failure_keeps_recent_and_retries_the_backfill(client):
    with ReplayServer() as server:
        server.add(MatchedRoute("GET", "/submissions/CIK0001844452.json",
                                Route(body=fixture_bytes("CIK0001844452.json"), content_type="application/json")))
        broken = MatchedRoute("GET", "/submissions/CIK0001844452-submissions-001.json",
                              Route(body=b"<html>503</html>", status=500, content_type="text/html"))
        server.add(broken)
        urls = EdgarUrls(server.base_url, server.base_url, server.base_url)
        forms = shipped_defaults()["sources"]["edgar"]["forms"]
        source = SubmissionsSource(WatchedCompany("0001844452", "Intuitive Machines"), urls, forms)

        partial = _run(source, client)
        recent = _configured_rows("CIK0001844452.json", forms)
        assert [d.external_id for d in partial.documents] == [r["accessionNumber"] for r in recent]
        assert partial.state is None and "overflow page failed" in partial.error and partial.error_kind == "http_status"
        assert [r.status for r in partial.raw] == [200, 500]

        broken.route = Route(body=fixture_bytes("CIK0001844452-submissions-001.json"), content_type="application/json")
        retried = _run(source, client, state=partial.state)
        overflow = _configured_rows("CIK0001844452-submissions-001.json", forms)
        assert len(retried.documents) == len(recent) + len(overflow) and retried.state.cursor["backfilled"]


@pytest.mark.parametrize("status, body, error", [
    (500, b"oops", "HTTP 500"),
    (200, b"<html><body>Maintenance</body></html>", "not EDGAR submissions JSON"),
    (200, b'{"cik": "0001844452", "filings": {"recent": {"accessionNumber": [1, 2], "form": ["8-K"], '
          b'"filingDate": ["2026-01-01"]}}}', "different lengths"),
])
def test_a_broken_submissions_response_fails_the_source(status, body, error):
    client = mock_client(lambda r: httpx.Response(status, content=body))
    source = SubmissionsSource(WatchedCompany("0001844452", "IM"), EdgarUrls(), ["8-K"])
    with pytest.raises(SourceError, match=error) as caught:
        _run(source, client)
    assert [r.body for r in caught.value.raw] == [body]


def test_a_hostile_latest_feed_is_refused():
    body = (b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<feed xmlns="http://www.w3.org/2005/Atom"><title>&b;</title></feed>')
    source = LatestFilingsSource("8-K", 40, EdgarUrls(), ["8-K"], [], known_names=set())
    with pytest.raises(SourceError, match="refused"):
        _run(source, mock_client(lambda r: httpx.Response(200, content=body)))


def test_429_inside_a_source_backs_off_then_reads():
    responses = [httpx.Response(429, headers={"Retry-After": "2"}),
                 httpx.Response(200, content=fixture_bytes("latest_8-K.xml"))]
    sleep = FakeSleep()
    source = LatestFilingsSource("8-K", 40, EdgarUrls(), ["8-K"], ["0001844452"], known_names=set(),
                                 retry=RetryPolicy(sleep=sleep))
    result = _run(source, mock_client(lambda r: responses.pop(0)))
    assert sleep.calls == [2.0] and [d.external_id for d in result.documents] == ["0001844452-26-000214"]
    assert [r.status for r in result.raw] == [429, 200]


def _efts_handler(total: int, fail_offset: int | None = None):
    requests: list[httpx.Request] = []

    def handler(request):
        requests.append(request)
        offset = int(request.url.params["from"])
        if offset == fail_offset:
            return httpx.Response(500, content=b"boom")
        count = max(0, min(100, total - offset))
        hits = [(f"0009922222-26-{(offset + i) // 2:06d}", f"f{i % 2}.htm", "8-K" if i % 4 else "10-K", "0009922222")
                for i in range(count)]
        return httpx.Response(200, content=efts_page(hits, total))

    return handler, requests


def test_full_text_source_pages_to_the_end_then_narrows_the_window():
    handler, requests = _efts_handler(230)
    source = FullTextSource("lunar regolith", ["8-K", "10-K"], ["8-K", "10-K"], 30, EdgarUrls())
    client = mock_client(handler)

    first = _run(source, client)

    assert [int(r.url.params["from"]) for r in requests] == [0, 100, 200]
    assert len(first.documents) == 115 == len({d.external_id for d in first.documents})
    assert first.error is None and len(first.raw) == 3

    requests.clear()
    later = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)
    second = _run(source, client, state=first.state, now=later)
    assert second.documents == []  # the fake ignores the window and sends every hit again: all seen
    assert requests[0].url.params["startdt"] == "2026-11-19" and requests[0].url.params["enddt"] == "2026-11-21"


def test_full_text_source_keeps_the_documents_before_a_failing_page():
    handler, _ = _efts_handler(230, fail_offset=100)
    result = _run(FullTextSource("x", ["8-K"], ["8-K", "10-K"], 30, EdgarUrls()), mock_client(handler))
    assert len(result.documents) == 50 and result.state is None
    assert "page 2" in result.error and result.error_kind == "http_status"


def test_full_text_source_keeps_only_configured_forms():
    handler, _ = _efts_handler(40)
    result = _run(FullTextSource("x", ["8-K", "10-K"], ["10-K"], 30, EdgarUrls()), mock_client(handler))
    assert {d.payload["form"] for d in result.documents} == {"10-K"}


# Documents and candidates ---------------------------------------------------------------------------
def _demo_documents(config, client):
    documents = []
    for source in sources_from_config(config, UA):
        documents += _run(source, client).documents
    return documents


def test_candidates_one_filing_event_per_document(edgar_server, client):
    server, config = edgar_server
    resolver = FakeResolver()
    for document in _demo_documents(config, client):
        found = candidates(document, resolver)
        payload = document.payload
        if payload["form"] in ("D", "D/A"):
            assert found == [], "Form D offerings are funding rounds (extractors/form_d.py), not filing events"
            continue
        assert len(found) == 1
        candidate = found[0]
        assert candidate.type == "filing" and candidate.identity == f"sec:{payload['accession']}"
        assert candidate.actors == (resolver.resolve(payload["company"]),)
        assert candidate.counterparties == () and candidate.amount is None and candidate.program is None
        assert candidate.event_date == date.fromisoformat(payload["filed_at"])
        assert candidate.date_granularity == "day" and candidate.confidence == 0.9
        evidence = candidate.evidence
        assert (evidence.doc_id, evidence.field, evidence.sentence_start, evidence.sentence_end, evidence.sentence) == \
            (document.doc_id, "payload", 0, len(document.text), document.text)
        assert evidence.pattern_id == f"edgar.{payload['form']}"
    assert candidates(Document("d", "s", "news", "x", None, "t", None, NOW, "text"), resolver) == []


def test_the_same_filing_from_three_sources_is_one_event_and_filings_stay_apart(edgar_server, client):
    server, config = edgar_server
    resolver = FakeResolver()
    keys: dict[str, set[str]] = {}
    for document in _demo_documents(config, client):
        for candidate in candidates(document, resolver):
            keys.setdefault(document.external_id, set()).add(candidate.resolution_key())
    assert all(len(k) == 1 for k in keys.values())
    assert len({next(iter(k)) for k in keys.values()}) == len(keys)  # no two accessions share an event
    im = [a for a in keys if a.startswith("0001844452-26")]
    assert len(im) >= 4  # several 2026 filings of one company, each its own event


def test_candidates_resolve_real_company_names():
    from nlp.orgs import default_resolver

    payload = {"cik": "0001844452", "company": "Intuitive Machines, Inc.", "accession": "0001844452-26-000214",
               "form": "8-K", "filed_at": "2026-11-18", "accepted_at": "2026-11-18T21:05:12+00:00", "items": [],
               "item_names": [], "primary_document": None, "url": None, "source": "submissions"}
    document = filing_document("edgar:cik0001844452", payload, NOW, None)
    (candidate,) = candidates(document, default_resolver())
    assert candidate.actors[0].org_id == "intuitive_machines"


def test_an_amended_record_changes_the_content_hash_not_the_doc_id(edgar_server, client):
    server, config = edgar_server
    source = _by_id(sources_from_config(config, UA))["edgar:cik0001844452"]
    first = _run(source, client).documents[0]
    again = _run(source, client).documents[0]
    assert (again.doc_id, again.content_hash) == (first.doc_id, first.content_hash)  # stable across runs

    # EDGAR corrects a filing's header data (here: the 8-K items) under the same accession number.
    payload = dict(first.payload, items=["1.01", "2.03", "9.01"], item_names=item_names(["1.01", "2.03", "9.01"]))
    corrected = filing_document(source.id, payload, NOW, None)
    assert corrected.doc_id == first.doc_id and corrected.content_hash != first.content_hash
