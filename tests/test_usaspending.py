"""USAspending API v2: request bodies, payload parsing, the source against a loopback server, config."""

from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

import httpx
import pytest
import yaml

from extractors import usaspending
from extractors.awards import candidates
from extractors.base import HostLimiter, SourceContext, SourceState
from extractors.errors import FeedParseError, HTTPStatusError
from extractors.sam import contract_award_sources_from_config as sam_sources_from_config
from extractors.usaspending import (
    AWARD_TYPE_GROUPS,
    SEARCH_FIELDS,
    Query,
    USAspendingSource,
    award_from_row,
    merge_detail,
    parent_from_generated_id,
    parse_last_updated,
    parse_search_page,
    search_body,
    sources_from_config,
)
from spacemine.demo.replay import MatchedRoute, ReplayServer, Route
from spacemine.settings import ConfigError, shipped_defaults
from tests.test_awards import FakeResolver

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = PROJECT / "spacemine" / "demo" / "fixtures" / "awards"
ROUTES = FIXTURES / "routes.yaml"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
QUERY = Query(id="q", name="Q", agency="National Aeronautics and Space Administration",
              keywords=("CLPS", "regolith"), recipients=("INTUITIVE MACHINES",),
              award_type_groups=("contracts", "idvs", "grants"))


def _fixture(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _samples(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"shared sample {name} not present")
    return path


def _json_blocks(markdown: str) -> list[str]:
    """The indented JSON blocks of an API Blueprint file ("+ Body" sections), dedented."""
    blocks, current, indent = [], [], None
    for line in markdown.splitlines():
        stripped = line.strip()
        if current:
            if indent is not None and line.startswith(" " * indent) or not stripped:
                current.append(line)
                if line.startswith(" " * indent + "}") and len(line) - len(line.lstrip()) == indent:
                    blocks.append("\n".join(current))
                    current, indent = [], None
                continue
            blocks.append("\n".join(current))
            current, indent = [], None
        if stripped == "{" and len(line) - len(line.lstrip()) >= 8:
            indent = len(line) - len(line.lstrip())
            current = [line]
    return [b for b in blocks if '"$schema"' not in b]


# Request bodies ----------------------------------------------------------------------------
@pytest.mark.parametrize("group", list(AWARD_TYPE_GROUPS))
def test_search_body_queries_one_group_with_the_configured_filters(group):
    body = search_body(QUERY, group, date(2026, 5, 24), date(2026, 11, 20), 2, 100)
    filters = body["filters"]
    assert filters["award_type_codes"] == list(AWARD_TYPE_GROUPS[group])
    assert filters["agencies"] == [{"type": "awarding", "tier": "toptier",
                                    "name": "National Aeronautics and Space Administration"}]
    assert filters["keywords"] == ["CLPS", "regolith"]
    assert filters["recipient_search_text"] == ["INTUITIVE MACHINES"]
    assert filters["time_period"] == [{"start_date": "2026-05-24", "end_date": "2026-11-20",
                                       "date_type": "last_modified_date"}]
    assert (body["page"], body["limit"], body["subawards"]) == (2, 100, False)
    assert body["fields"] == list(SEARCH_FIELDS[group])
    json.dumps(body)


def test_groups_do_not_overlap():
    codes = [code for group in AWARD_TYPE_GROUPS.values() for code in group]
    assert len(codes) == len(set(codes))


def test_search_body_leaves_out_filters_the_query_does_not_set():
    body = search_body(Query(id="x", name="x", keywords=("ISRU",)), "contracts", date(2026, 1, 1),
                       date(2026, 2, 1), 1, 10)
    assert set(body["filters"]) == {"award_type_codes", "keywords", "time_period"}


# Conformance with the official contracts (shared samples) ---------------------------------------
def _documented_fields(markdown: str) -> dict[str, set[str]]:
    """Field lists of spending_by_award.md: "#### Base fields", "#### Contracts", "#### IDV", ..."""
    sections: dict[str, set[str]] = {}
    current = None
    for line in markdown.splitlines():
        if line.startswith("#### "):
            current = line[5:].strip()
            sections[current] = set()
        elif line.startswith("### ") or line.startswith("## "):
            current = None
        elif current and re.match(r"^- `[^`]+`$", line.strip()):
            sections[current].add(line.strip()[3:-1])
    return sections


def test_requested_fields_are_documented_for_each_group():
    markdown = _samples("usaspending_contract_spending_by_award.md").read_text(encoding="utf-8")
    documented = _documented_fields(markdown)
    base = documented["Base fields"]
    allowed = {"contracts": base | documented["Contracts"], "idvs": base | documented["IDV"],
               "grants": base | documented["Non Loan Assistance"]}
    for group, fields in SEARCH_FIELDS.items():
        assert set(fields) <= allowed[group], (group, set(fields) - allowed[group])
    # and the group-specific quirks the module docstring describes
    assert "End Date" not in documented["IDV"] and "Last Date to Order" in SEARCH_FIELDS["idvs"]
    assert "NAICS" not in documented["Non Loan Assistance"] and "NAICS" not in SEARCH_FIELDS["grants"]


def test_request_body_has_the_documented_shape():
    markdown = _samples("usaspending_contract_spending_by_award.md").read_text(encoding="utf-8")
    [example] = [json.loads(b) for b in _json_blocks(markdown)]
    ours = search_body(QUERY, "contracts", date(2026, 1, 1), date(2026, 2, 1), 1, 10)
    assert set(example) <= set(ours)
    assert set(example["filters"]) <= set(ours["filters"])
    assert set(example["filters"]["award_type_codes"]) <= set(AWARD_TYPE_GROUPS["contracts"])
    documented_codes = set(re.findall(r"^- `([0-9A-Z_]+)`$", markdown.split("#### Default")[1].split("##")[0],
                                      re.MULTILINE))
    assert {c for g in AWARD_TYPE_GROUPS.values() for c in g} <= documented_codes


def _award_detail_examples() -> list[dict]:
    markdown = _samples("usaspending_contract_award_id.md").read_text(encoding="utf-8")
    blocks = _json_blocks(markdown)
    assert len(blocks) == 3
    parsed = []
    for block in blocks:
        try:
            parsed.append(json.loads(block))
        except ValueError:
            # The official assistance example carries a typo ("goals": : "NOT APPLICABLE"); the
            # live API does not. Repair exactly that, so any other breakage still fails here.
            assert '"goals": : ' in block
            parsed.append(json.loads(block.replace('"goals": : ', '"goals": ')))
    return parsed


def test_contract_detail_example_merges_into_a_task_order():
    contract, _, _ = _award_detail_examples()
    summary = award_from_row({"generated_internal_id": contract["generated_unique_award_id"], "Award ID": "H907",
                              "Award Amount": 1.0}, "contracts")
    award = merge_detail(summary, contract)
    assert (award.piid, award.parent_piid, award.award_type) == ("H907", "SPE2DX16D1500", "DELIVERY ORDER")
    assert award.is_task_order and award.category == "contract"
    assert (award.obligation, award.total, award.ceiling) == (61241.34, 61241.34, 61241.34)
    assert (award.signed, award.start, award.end) == ("2016-06-24", "2016-06-24", "2016-06-27")
    # "2019-10-27 20:06:44" Eastern daylight time is the next day in UTC
    assert award.last_modified.isoformat() == "2019-10-28T00:06:44+00:00"
    assert (award.recipient_name, award.recipient_uei) == ("MCKESSON CORPORATION", "JTAPCFM4NSL4")
    assert (award.agency_name, award.sub_agency) == ("Department of Defense", "Defense Logistics Agency")
    assert (award.naics, award.psc) == ("325411", "6505")
    [candidate] = candidates(_document(award), FakeResolver())
    assert (candidate.amount.kind, candidate.amount.value) == ("task_order", 61241.34)


def test_assistance_detail_example_has_no_ceiling_and_a_date_only_modification():
    _, assistance, _ = _award_detail_examples()
    summary = award_from_row({"generated_internal_id": assistance["generated_unique_award_id"],
                              "Award ID": "12FA00PY54661041"}, "grants")
    award = merge_detail(summary, assistance)
    assert (award.fain, award.piid, award.ceiling, award.obligation) == ("12FA00PY54661041", None, None, 479.0)
    assert award.category == "other"  # a direct payment, not a grant
    assert award.last_modified.isoformat() == "2018-10-27T04:00:00+00:00"
    assert award.payload()["extra"]["cfda_number"] == "10.112"


def test_idv_detail_example_is_an_idv_with_no_parent():
    _, _, idv = _award_detail_examples()
    award = merge_detail(award_from_row({"generated_internal_id": idv["generated_unique_award_id"]}, "idvs"), idv)
    assert (award.category, award.piid, award.parent_piid, award.award_type) == ("idv", "FA304715A0037", None, "BPA")
    assert not award.is_task_order
    assert award.last_modified.isoformat() == "2018-06-11T20:42:25+00:00"
    assert (award.naics, award.psc) == ("488510", "V111")
    # nothing obligated, no ceiling: still an award, without an amount
    [candidate] = candidates(_document(award), FakeResolver())
    assert candidate.amount is None


def _document(award):
    from extractors.awards import award_document

    return award_document(award, "usaspending:t", NOW, None)


# Parsing our fixtures ----------------------------------------------------------------------------
PAGES = [
    ("usaspending_contracts_page1.json", "contracts", True),
    ("usaspending_contracts_page2.json", "contracts", False),
    ("usaspending_idvs_page1.json", "idvs", False),
    ("usaspending_grants_page1.json", "grants", False),
]


@pytest.mark.parametrize("name,group,has_next", PAGES)
def test_fixture_pages_parse_into_awards(name, group, has_next):
    data = _fixture(name)
    rows, more = parse_search_page(data)
    assert more is has_next and len(rows) == len(data["results"]) > 0
    for row in rows:
        award = award_from_row(row, group)
        assert award.key == row["generated_internal_id"]
        assert award.award_id == row["Award ID"]
        assert award.obligation == row["Award Amount"]
        assert award.recipient_name == row["Recipient Name"] and award.agency_name == row["Awarding Agency"]
        assert award.signed == row["Base Obligation Date"]
        assert award.category == usaspending.GROUP_CATEGORY[group]
        assert award.url == f"https://www.usaspending.gov/award/{row['generated_internal_id']}"
        if group != "grants":
            assert (award.naics, award.psc) == (row["NAICS"]["code"], row["PSC"]["code"])


@pytest.mark.parametrize("generated,parent", [
    ("CONT_AWD_80MSFC26F0011_8000_80MSFC18D0008_8000", "80MSFC18D0008"),
    ("CONT_AWD_80NSSC26C0097_8000_-NONE-_-NONE-", None),
    ("CONT_IDV_80MSFC26D0003_8000", None),
    ("ASST_NON_80NSSC26K0987_8000", None),
    (None, None),
])
def test_parent_from_generated_id(generated, parent):
    assert parent_from_generated_id(generated) == parent


@pytest.mark.parametrize("data,expected", [
    ({"last_updated": "11/20/2026"}, "11/20/2026"),
    ({"last_updated": ""}, None),
    ({}, None),
    ([], None),
])
def test_parse_last_updated(data, expected):
    assert parse_last_updated(data) == expected


@pytest.mark.parametrize("data", [{}, {"results": None}, [], "html"])
def test_a_response_without_results_is_a_parse_error(data):
    with pytest.raises(FeedParseError):
        parse_search_page(data)


def test_every_fixture_award_has_a_detail_file_and_a_route():
    spec = yaml.safe_load(ROUTES.read_text(encoding="utf-8"))
    paths = {r["path"] for r in spec["routes"] if r["method"] == "GET"}
    for name, group, _ in PAGES:
        for row in _fixture(name)["results"]:
            gid = row["generated_internal_id"]
            assert (FIXTURES / f"usaspending_award_{gid}.json").is_file()
            assert f"/api/v2/awards/{gid}/" in paths
            assert _fixture(f"usaspending_award_{gid}.json")["generated_unique_award_id"] == gid


def test_routes_tell_groups_apart_by_the_fields_the_source_sends():
    spec = yaml.safe_load(ROUTES.read_text(encoding="utf-8"))
    posted = [r["json_match"] for r in spec["routes"] if r["method"] == "POST"]
    assert {tuple(m["fields"]) for m in posted} == {tuple(f) for f in SEARCH_FIELDS.values()}


# The source against the replay server -------------------------------------------------------------
class RecordingLimiter(HostLimiter):
    def __init__(self) -> None:
        super().__init__(default_rate=1000)
        self.urls: list[str] = []

    def wait(self, url: str) -> float:
        self.urls.append(url)
        return 0.0


@pytest.fixture
def server():
    with ReplayServer() as replay:
        replay.config = replay.load_routes(ROUTES)
        yield replay


def _source(server, sleep=None, **overrides) -> USAspendingSource:
    config = copy.deepcopy(server.config["usaspending"])
    config.update(overrides)
    [source] = sources_from_config(config, "spacemine-tests/1.0", sleep=sleep or (lambda s: None))
    return source


def _ctx(state: SourceState | None = None, now: datetime = NOW, client: httpx.Client | None = None):
    limiter = RecordingLimiter()
    ctx = SourceContext(client=client or loopback_client(), state=state or SourceState(), now=now,
                        user_agent="spacemine-tests/1.0", limiter=limiter)
    return ctx, limiter


def loopback_client() -> httpx.Client:
    """A client for the replay server. No keep-alive: the server writes headers and body
    separately, and on a reused connection Nagle's algorithm adds ~40 ms to every request."""
    return httpx.Client(timeout=5, limits=httpx.Limits(max_keepalive_connections=0))


def _route(server, method: str, path: str, **match) -> Route:
    for matched in server.matched:
        if matched.method == method and matched.path == path and all(
                matched.json_match.get(k) == v for k, v in match.items()):
            return matched.route
    raise LookupError((method, path, match))


def _all_rows() -> list[dict]:
    return [row for name, _, _ in PAGES for row in _fixture(name)["results"]]


def test_first_run_reads_last_updated_pages_every_group_and_details(server):
    source = _source(server)
    ctx, limiter = _ctx()
    result = source.collect(ctx)
    assert result.error is None and result.warnings == [] and not result.not_modified
    rows = _all_rows()
    assert sorted(d.external_id for d in result.documents) == sorted(r["generated_internal_id"] for r in rows)
    assert all(d.source_id == "usaspending:nasa-lunar-resources" and d.kind == "award" for d in result.documents)

    paths = [r.path for r in server.requests]
    assert paths[0] == "/api/v2/awards/last_updated/"
    posts = [json.loads(r.body) for r in server.requests if r.method == "POST"]
    # contracts pages 1 and 2 (hasNext true, then false), then one page of IDVs and one of grants
    assert [(p["filters"]["award_type_codes"][0], p["page"]) for p in posts] == [("A", 1), ("A", 2),
                                                                               ("IDV_A", 1), ("02", 1)]
    assert posts[0]["filters"]["time_period"][0] == {"start_date": "2026-05-24", "end_date": "2026-11-20",
                                                     "date_type": "last_modified_date"}
    details = [p for p in paths if p.startswith("/api/v2/awards/") and "last_updated" not in p]
    assert len(details) == len(rows)
    # politeness: the limiter saw every request; every body is kept, POSTs with their request
    assert len(limiter.urls) == len(server.requests) == len(result.raw)
    assert [json.loads(r.request) for r in result.raw if r.request] == posts

    state = result.state.cursor
    assert state["last_updated"] == "11/20/2026" and state["completed"] is True
    assert state["since"] == "2026-11-13"
    assert set(state["seen"]) == {r["generated_internal_id"] for r in rows}
    json.dumps(state)


def test_documents_carry_detail_values(server):
    result = _source(server).collect(_ctx()[0])
    by_key = {d.external_id: d for d in result.documents}
    idv = by_key["CONT_IDV_80MSFC26D0003_8000"]
    detail = _fixture("usaspending_award_CONT_IDV_80MSFC26D0003_8000.json")
    assert idv.payload["amounts"]["ceiling"] == detail["base_and_all_options"]
    assert idv.payload["category"] == "idv" and idv.payload["program_id"] == "clps"
    order = by_key["CONT_AWD_80MSFC26F0011_8000_80MSFC18D0008_8000"]
    assert order.payload["parent_piid"] == "80MSFC18D0008" and order.payload["is_task_order"]
    assert order.text.startswith("NASA awarded INTUITIVE MACHINES, LLC a delivery order (PIID 80MSFC26F0011) "
                                 "under IDV 80MSFC18D0008 obligating $116,900,000")
    assert order.text.endswith("Signed 2026-10-29.")
    # "2026-11-04 14:12:09" Eastern standard time
    assert order.published_at.isoformat() == "2026-11-04T19:12:09+00:00"
    grant = by_key["ASST_NON_80NSSC26K0987_8000"]
    assert grant.payload["fain"] == "80NSSC26K0987" and grant.payload["program"] == "NIAC"
    assert grant.raw_fetch_id in {r.fetch_id("usaspending:nasa-lunar-resources") for r in
                                  _source(server).collect(_ctx()[0]).raw}
    programs = {d.payload["program_id"] for d in result.documents}
    assert {"clps", "lunar_regolith_purchase", "tipping_point", "niac", "sbir"} <= programs


def test_second_run_with_the_same_last_updated_fetches_nothing_else(server):
    source = _source(server)
    first = source.collect(_ctx()[0])
    before = len(server.requests)
    second = source.collect(_ctx(first.state)[0])
    assert second.not_modified and second.documents == [] and second.state is None
    assert [r.path for r in server.requests[before:]] == ["/api/v2/awards/last_updated/"]


def test_new_data_day_with_unchanged_awards_pages_but_fetches_no_details(server):
    source = _source(server)
    first = source.collect(_ctx()[0])
    _route(server, "GET", "/api/v2/awards/last_updated/").body = b'{"last_updated": "11/21/2026"}'
    before = len(server.requests)
    later = datetime(2026, 11, 21, 15, tzinfo=timezone.utc)
    second = source.collect(_ctx(first.state, now=later)[0])
    assert second.documents == [] and second.error is None
    requests = server.requests[before:]
    assert not [r for r in requests if r.method == "GET" and "last_updated" not in r.path]
    first_post = json.loads(next(r.body for r in requests if r.method == "POST"))
    assert first_post["filters"]["time_period"][0]["start_date"] == first.state.cursor["since"]
    assert second.state.cursor["last_updated"] == "11/21/2026"


def test_an_amended_award_updates_its_document(server):
    source = _source(server)
    first = source.collect(_ctx()[0])
    gid = "CONT_AWD_80NSSC26C0097_8000_-NONE-_-NONE-"
    page = _fixture("usaspending_contracts_page1.json")
    row = next(r for r in page["results"] if r["generated_internal_id"] == gid)
    row["Award Amount"], row["Last Modified Date"] = 14_900_000.0, "2026-11-19 10:00:00"
    _route(server, "POST", "/api/v2/search/spending_by_award/", page=1, fields=list(SEARCH_FIELDS["contracts"])
           ).body = json.dumps(page).encode()
    detail = _fixture(f"usaspending_award_{gid}.json")
    detail["total_obligation"] = 14_900_000.0
    detail["period_of_performance"]["last_modified_date"] = "2026-11-19 10:00:00"
    _route(server, "GET", f"/api/v2/awards/{gid}/").body = json.dumps(detail).encode()
    _route(server, "GET", "/api/v2/awards/last_updated/").body = b'{"last_updated": "11/21/2026"}'
    before = len(server.requests)
    second = source.collect(_ctx(first.state)[0])
    [updated] = second.documents
    original = next(d for d in first.documents if d.external_id == gid)
    assert updated.doc_id == original.doc_id and updated.content_hash != original.content_hash
    assert "obligating $14,900,000" in updated.text
    details = [r.path for r in server.requests[before:] if r.method == "GET" and "last_updated" not in r.path]
    assert details == [f"/api/v2/awards/{gid}/"]


def test_422_becomes_a_clear_source_error(server):
    server.add(MatchedRoute("POST", "/api/v2/search/spending_by_award/", Route(
        body=b'{"detail": "\'award_type_codes\' must only contain types from one group."}', status=422,
        content_type="application/json"), json_match={"page": 1, "fields": list(SEARCH_FIELDS["contracts"]),
                                                      "limit": 3}))
    with pytest.raises(HTTPStatusError) as caught:
        _source(server).collect(_ctx()[0])
    message = str(caught.value)
    assert caught.value.status == 422
    assert "must only contain types from one group" in message
    assert "query 'nasa-lunar-resources'" in message and "group 'contracts'" in message
    # the bodies read so far (last_updated, the 422 answer) travel with the error
    assert [r.status for r in caught.value.raw] == [200, 422]


def test_failure_on_a_later_page_keeps_earlier_documents_and_the_cursor(server):
    server.add(MatchedRoute("POST", "/api/v2/search/spending_by_award/", Route(
        body=b"<html>upstream error</html>", status=502, content_type="text/html"),
        json_match={"page": 2, "fields": list(SEARCH_FIELDS["contracts"]), "limit": 3}))
    slept: list[float] = []
    result = _source(server, sleep=slept.append).collect(_ctx()[0])
    page1 = _fixture("usaspending_contracts_page1.json")["results"]
    assert sorted(d.external_id for d in result.documents) == sorted(r["generated_internal_id"] for r in page1)
    assert result.state is None and result.error_kind == "http_status"
    assert "HTTP 502" in result.error and "group 'contracts'" in result.error
    assert slept == [2.0, 4.0]  # retried with backoff, through the injected sleep
    assert sum(1 for r in result.raw if r.status == 502) == 1


def test_max_pages_stops_with_a_warning(server):
    result = _source(server, max_pages=1).collect(_ctx()[0])
    assert any("max_pages=1" in w and "contracts" in w for w in result.warnings)
    posts = [json.loads(r.body)["page"] for r in server.requests if r.method == "POST"]
    assert posts == [1, 1, 1]
    assert len(result.documents) == sum(len(_fixture(n)["results"]) for n, _, _ in PAGES if "page2" not in n)


def test_without_details_no_award_pages_are_fetched(server):
    result = _source(server, fetch_details=False).collect(_ctx()[0])
    assert len(result.documents) == len(_all_rows())
    assert [r.path for r in server.requests if r.method == "GET"] == ["/api/v2/awards/last_updated/"]
    idv = next(d for d in result.documents if d.external_id.startswith("CONT_IDV_"))
    assert idv.payload["amounts"]["ceiling"] is None  # only the detail knows it


def test_a_missing_detail_keeps_the_summary_and_retries_next_time(server):
    gid = "CONT_AWD_80HQTR26P0042_8000_-NONE-_-NONE-"
    route = _route(server, "GET", f"/api/v2/awards/{gid}/")
    route.status, route.body = 404, b'{"detail": "No award found"}'
    result = _source(server).collect(_ctx()[0])
    assert gid in {d.external_id for d in result.documents}
    assert any(gid in w and "HTTP 404" in w for w in result.warnings)
    assert gid not in result.state.cursor["seen"]


def test_html_instead_of_json_is_a_parse_error(server):
    route = _route(server, "GET", "/api/v2/awards/last_updated/")
    route.body, route.content_type = b"<html><body>Scheduled maintenance</body></html>", "text/html"
    with pytest.raises(FeedParseError, match="expected JSON.*Scheduled maintenance"):
        _source(server).collect(_ctx()[0])


def test_429_is_retried_after_retry_after():
    calls = {"n": 0}

    def handler(request):
        if request.url.path == "/api/v2/awards/last_updated/":
            calls["n"] += 1
            if calls["n"] == 1:
                return httpx.Response(429, headers={"Retry-After": "3"})
            return httpx.Response(200, json={"last_updated": "11/20/2026"})
        return httpx.Response(200, json={"results": [], "page_metadata": {"page": 1, "hasNext": False}})

    slept: list[float] = []
    [source] = sources_from_config({"base_url": "https://api.usaspending.gov", "queries": [
        {"id": "q", "keywords": ["CLPS"]}]}, "ua", sleep=slept.append)
    ctx, _ = _ctx(client=httpx.Client(transport=httpx.MockTransport(handler)))
    result = source.collect(ctx)
    assert slept == [3.0] and result.error is None and result.documents == []
    assert result.state.cursor["completed"] is True


# Config ------------------------------------------------------------------------------------
def test_shipped_defaults_build_one_source_per_query():
    config = shipped_defaults()["sources"]["usaspending"]
    sources = sources_from_config(config, "ua")
    assert [s.id for s in sources] == [f"usaspending:{q['id']}" for q in config["queries"]]
    assert all(s.family == "awards" and s.url == "https://api.usaspending.gov/api/v2/search/spending_by_award/"
               for s in sources)
    assert sources[1].query.award_type_groups == ("contracts",)


def test_disabled_gives_no_sources():
    assert sources_from_config({"enabled": False, "queries": "whatever"}, "ua") == []


@pytest.mark.parametrize("changes,field", [
    ({"base_url": "ftp://x"}, "base_url"),
    ({"page_size": 500}, "page_size"),
    ({"max_pages": 0}, "max_pages"),
    ({"lookback_days": "lots"}, "lookback_days"),
    ({"fetch_details": "yes"}, "fetch_details"),
    ({"queries": []}, "queries"),
    ({"queries": [{"id": "a b", "keywords": ["x"]}]}, "id"),
    ({"queries": [{"id": "a", "keywords": ["x"]}, {"id": "a", "keywords": ["y"]}]}, "duplicate"),
    ({"queries": [{"id": "a", "keywords": ["x"], "award_type_groups": ["contracts", "loans"]}]}, "loans"),
    ({"queries": [{"id": "a"}]}, "agency, keywords or recipients"),
    ({"queries": [{"id": "a", "keywords": "CLPS", "keyword": ["typo"]}]}, "keyword"),
    ({"queries": [{"id": "a", "keywords": [""]}]}, "keywords"),
    ({"page_sise": 10}, "page_sise"),
])
def test_config_errors_name_the_field(changes, field):
    config = {"enabled": True, "base_url": "https://api.usaspending.gov",
              "queries": [{"id": "a", "keywords": ["CLPS"]}], **changes}
    with pytest.raises(ConfigError, match=re.escape(field)):
        sources_from_config(config, "ua")


def test_sam_disabled_gives_no_sources(monkeypatch):
    monkeypatch.delenv("SAM_API_KEY", raising=False)
    assert sam_sources_from_config({"enabled": False}, "ua") == []
    assert sam_sources_from_config(shipped_defaults()["sources"]["sam_contract_awards"], "ua") == []


def test_sam_enabled_without_a_key_is_a_config_error(monkeypatch):
    monkeypatch.delenv("SAM_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="SAM_API_KEY is not set"):
        sam_sources_from_config({"enabled": True, "base_url": "https://api.sam.gov/contract-awards/v1/search"}, "ua")


def test_sam_enabled_with_a_key_builds_sources_without_leaking_the_key(monkeypatch):
    monkeypatch.setenv("SAM_API_KEY", "test-key-123")
    sources = sam_sources_from_config(
        {"enabled": True, "queries": [{"id": "nasa", "name": "NASA", "q": "lunar"}]}, "ua")
    assert [s.id for s in sources] == ["sam_contract_awards:nasa"]
    assert all("test-key-123" not in f"{s.url} {s.name} {s!r}" for s in sources)