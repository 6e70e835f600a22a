"""The shared award layer: programme recognition, values, documents, candidates, and the HTTP helper."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import httpx
import pytest

from extractors.awards import (
    Award,
    award_document,
    candidates,
    eastern_to_utc,
    money,
    parse_amount,
    parse_day,
    recognize_program,
    retry_after,
    send,
    summary_text,
)
from extractors.base import HostLimiter, SourceContext, SourceState
from extractors.errors import BodyTooLarge, HTTPStatusError
from nlp.gazetteer import load_gazetteer
from spacemine.records import AMOUNT_KINDS, OrgRef

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)


class FakeResolver:
    """Resolves by a slug of the name, recording what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def resolve(self, name: str) -> OrgRef:
        self.asked.append(name)
        return OrgRef("org:" + "-".join(name.lower().replace(",", "").replace(".", "").split()), name)


# Programmes --------------------------------------------------------------------------------
PROGRAM_CASES = [
    # (text, expected programs.yaml id or None)
    ("CLPS TASK ORDER CP-31: DELIVERY OF NASA PAYLOADS TO MONS MOUTON", "clps"),
    ("Commercial Lunar Payload Services task order 2B", "clps"),
    ("COMMERCIAL LUNAR PAYLOAD SERVICE - ON-RAMP", "clps"),
    ("PURCHASE OF LUNAR REGOLITH COLLECTED IN SITU; TRANSFER OF OWNERSHIP TO NASA", "lunar_regolith_purchase"),
    ("Purchase of Lunar Regolith and/or Rock Materials from Contractors", "lunar_regolith_purchase"),
    ("NASA WILL BUY REGOLITH FROM THE CONTRACTOR ON THE LUNAR SURFACE", "lunar_regolith_purchase"),
    ("SPACE RESOURCES PURCHASE - LUNAR SAMPLE", "lunar_regolith_purchase"),
    # a regolith purchase paid through a CLPS order is still the regolith purchase (most specific first)
    ("CLPS TASK ORDER FOR THE PURCHASE OF REGOLITH", "lunar_regolith_purchase"),
    # regolith alone is not a purchase
    ("CLPS TASK ORDER: REGOLITH SAMPLING SUITE", "clps"),
    ("TIPPING POINT: LUNAR SURFACE REGOLITH EXCAVATION DEMONSTRATION", "tipping_point"),
    ("2026 Tipping-Point partnership for cryogenic fluid management", "tipping_point"),
    ("NIAC PHASE II: ASTEROID REGOLITH BAGGING", "niac"),
    ("NASA Innovative Advanced Concepts Phase I study", "niac"),
    ("SBIR PHASE II: HELIUM-3 EXTRACTION FROM LUNAR REGOLITH", "sbir"),
    ("Small Business Innovation Research Phase I", "sbir"),
    ("STTR PHASE I: PLATINUM-GROUP METAL REFINING", "sttr"),
    ("SMALL BUSINESS TECHNOLOGY TRANSFER PHASE II", "sttr"),
    # programs.yaml names and aliases (the gazetteer fallback)
    ("LUNAR TERRAIN VEHICLE SERVICES TASK ORDER 2", "ltv"),
    ("LUNAR SURFACE TECHNOLOGY RESEARCH: WATER-ICE PROSPECTING DRILL", "lustr"),
    ("Fission Surface Power Project phase 2 design", "fission_surface_power"),
    ("VIPER rover science operations", "viper"),
    # capital-only English-word aliases never match text written in capitals
    ("VIPER PIT MAINTENANCE AT THE MOTOR POOL", None),
    ("PROSPECT AVENUE FACILITY LEASE", None),
    # nothing programme-like
    ("JANITORIAL SERVICES, BUILDING 4200", None),
    ("", None),
    # word boundaries: no match inside another word
    ("CLPSX CALIBRATION KIT", None),
]


@pytest.mark.parametrize("text,expected", PROGRAM_CASES)
def test_recognize_program(text, expected):
    found = recognize_program(text)
    assert (found[0] if found else None) == expected
    if found:
        # The name is the one programs.yaml gives, so award events and news events agree.
        assert found[1] == load_gazetteer().programs[expected].name


def test_recognize_program_reads_every_text_given():
    assert recognize_program(None, "", "Space Technology", "NIAC") == ("niac", "NIAC")
    assert recognize_program(None) is None


def test_every_rule_names_a_programme_in_programs_yaml():
    from extractors.awards import PROGRAM_RULES

    programs = load_gazetteer().programs
    assert {rule.program_id for rule in PROGRAM_RULES} <= set(programs)


# Values ------------------------------------------------------------------------------------
@pytest.mark.parametrize("value,expected", [
    ("389838.00", 389838.0),
    ("-2750000.00", -2750000.0),
    ("0.00", 0.0),
    ("$1,200.50", 1200.5),
    (42, 42.0),
    (61241.34, 61241.34),
    ("", None),
    (None, None),
    ("n/a", None),
    (True, None),
])
def test_parse_amount(value, expected):
    assert parse_amount(value) == expected


@pytest.mark.parametrize("value,expected", [
    # Eastern daylight time (UTC-4) and standard time (UTC-5)
    ("2020-04-02 07:30:45", "2020-04-02T11:30:45+00:00"),
    ("2013-12-18 17:03:03", "2013-12-18T22:03:03+00:00"),
    # late evening Eastern is the next day in UTC
    ("2019-10-27 20:06:44", "2019-10-28T00:06:44+00:00"),
    # date only: midnight Eastern
    ("2018-10-27", "2018-10-27T04:00:00+00:00"),
    # an explicit offset is kept
    ("2026-11-02T10:00:00+00:00", "2026-11-02T10:00:00+00:00"),
    ("2026-11-02T10:00:00Z", "2026-11-02T10:00:00+00:00"),
    ("11/20/2026", "2026-11-20T05:00:00+00:00"),
    ("not a date", None),
    ("", None),
    (None, None),
])
def test_eastern_to_utc(value, expected):
    result = eastern_to_utc(value)
    assert (result.isoformat() if result else None) == expected
    if result:
        assert result.utcoffset().total_seconds() == 0


@pytest.mark.parametrize("value,expected", [
    ("2011-06-28 00:00:00", "2011-06-28"),
    ("2016-06-24", "2016-06-24"),
    ("2016-06-27 00:00:00", "2016-06-27"),
    ("11/02/2026", "2026-11-02"),
    ("junk", None),
    (None, None),
])
def test_parse_day(value, expected):
    assert parse_day(value) == expected


@pytest.mark.parametrize("value,expected", [
    (116900000.0, "$116,900,000"), (2501.0, "$2,501"), (8392.9, "$8,392.90"), (-2750000.0, "-$2,750,000"),
    (None, "an undisclosed amount"),
])
def test_money(value, expected):
    assert money(value) == expected


# Documents ---------------------------------------------------------------------------------
TASK_ORDER = Award(
    system="fpds", key="8000:80MSFC26F0011:0:0:80MSFC18D0008", category="contract", piid="80MSFC26F0011",
    parent_piid="80MSFC18D0008", mod_number="0", transaction_number="0", award_type="DELIVERY ORDER",
    obligation=116_900_000.0, ceiling=120_000_000.0, total=116_900_000.0, signed="2026-10-29",
    last_modified=datetime(2026, 10, 29, 20, 41, 7, tzinfo=timezone.utc), recipient_name="INTUITIVE MACHINES, LLC",
    agency_name="NATIONAL AERONAUTICS AND SPACE ADMINISTRATION",
    description="CLPS TASK ORDER CP-31: DELIVERY OF NASA PAYLOADS", url="https://www.fpds.gov/x",
)


def test_summary_names_agency_recipient_order_idv_amounts_description_and_date():
    text = summary_text(TASK_ORDER)
    assert text == ("NASA awarded INTUITIVE MACHINES, LLC a delivery order (PIID 80MSFC26F0011) under IDV "
                    "80MSFC18D0008 obligating $116,900,000 (ceiling $120,000,000): CLPS TASK ORDER CP-31: "
                    "DELIVERY OF NASA PAYLOADS. Signed 2026-10-29.")


def test_summary_of_a_deobligation_says_so():
    mod = TASK_ORDER.with_(mod_number="P00004", obligation=-2_750_000.0, ceiling_change=0.0,
                           modification_reason="CLOSE OUT")
    text = summary_text(mod)
    assert "modified delivery order 80MSFC26F0011 (modification P00004, close out)" in text
    assert "deobligating $2,750,000" in text


def test_document_is_keyed_stably_and_payload_is_plain_json():
    first = award_document(TASK_ORDER, "fpds:nasa", NOW, "raw-1")
    again = award_document(TASK_ORDER, "fpds:nasa", datetime(2027, 1, 1, tzinfo=timezone.utc), "raw-2")
    assert first.doc_id == again.doc_id and first.content_hash == again.content_hash
    assert first.kind == "award" and first.external_id == TASK_ORDER.key
    assert first.published_at == TASK_ORDER.last_modified
    decoded = json.loads(json.dumps(first.payload))  # no default=: dates are strings already
    assert decoded["amounts"] == {"obligation": 116_900_000.0, "ceiling": 120_000_000.0, "ceiling_change": None,
                                  "total": 116_900_000.0, "currency": "USD"}
    assert decoded["dates"]["last_modified"] == "2026-10-29T20:41:07+00:00"
    assert decoded["program"] == "CLPS" and decoded["program_id"] == "clps"
    assert decoded["is_task_order"] is True and decoded["is_modification"] is False


def test_an_amended_amount_changes_the_content_hash_not_the_id():
    first = award_document(TASK_ORDER, "fpds:nasa", NOW, None)
    amended = award_document(TASK_ORDER.with_(obligation=118_000_000.0), "fpds:nasa", NOW, None)
    assert amended.doc_id == first.doc_id
    assert amended.content_hash != first.content_hash


def test_published_at_falls_back_to_the_signing_date():
    document = award_document(TASK_ORDER.with_(last_modified=None), "fpds:nasa", NOW, None)
    assert document.published_at == datetime(2026, 10, 29, tzinfo=timezone.utc)


# Candidates --------------------------------------------------------------------------------
def _payload(**changes):
    base = award_document(TASK_ORDER, "fpds:nasa", NOW, None).payload
    amounts = {**base["amounts"], **changes.pop("amounts", {})}
    return {**base, "amounts": amounts, **changes}


CANDIDATE_CASES = [
    # (payload changes, expected (kind, value) or "none" when no candidate, or None for a candidate without amount)
    ({}, ("task_order", 116_900_000.0)),
    ({"is_task_order": False, "parent_piid": None}, ("obligation", 116_900_000.0)),
    # an IDV: nothing obligated, reported by its ceiling
    ({"category": "idv", "is_task_order": False, "amounts": {"obligation": 0.0, "ceiling": 2.6e9}},
     ("ceiling", 2.6e9)),
    ({"is_task_order": False, "amounts": {"obligation": None, "ceiling": 5e6}}, ("ceiling", 5e6)),
    # modifications: more money is a signal; a deobligation or an administrative change is not
    ({"is_modification": True, "amounts": {"obligation": 20e6, "ceiling_change": 0.0}}, ("task_order", 20e6)),
    ({"is_modification": True, "amounts": {"obligation": -2.75e6, "ceiling_change": 0.0}}, "none"),
    ({"is_modification": True, "amounts": {"obligation": 0.0, "ceiling_change": 0.0}}, "none"),
    ({"is_modification": True, "amounts": {"obligation": 0.0, "ceiling_change": None}}, "none"),
    ({"is_modification": True, "amounts": {"obligation": -5.0, "ceiling_change": -100.0}}, "none"),
    # a ceiling-only modification reports the ceiling it adds, not the whole ceiling
    ({"is_modification": True, "amounts": {"obligation": 0.0, "ceiling_change": 150_000.0, "ceiling": 1e6}},
     ("ceiling", 150_000.0)),
    # a new award with no money at all is still an award
    ({"is_task_order": False, "amounts": {"obligation": 0.0, "ceiling": 0.0}}, None),
]


@pytest.mark.parametrize("changes,expected", CANDIDATE_CASES)
def test_candidate_amounts(changes, expected):
    document = award_document(TASK_ORDER, "fpds:nasa", NOW, None)
    document = type(document)(**{**document.__dict__, "payload": _payload(**changes)})
    found = candidates(document, FakeResolver())
    if expected == "none":
        assert found == []
        return
    assert len(found) == 1
    amount = found[0].amount
    if expected is None:
        assert amount is None
        return
    kind, value = expected
    assert amount.kind == kind and amount.kind in AMOUNT_KINDS
    assert amount.value == value and amount.usd == value and amount.currency == "USD"


def test_candidate_actor_counterparty_program_date_and_evidence():
    document = award_document(TASK_ORDER, "fpds:nasa", NOW, None)
    resolver = FakeResolver()
    [candidate] = candidates(document, resolver)
    assert candidate.type == "contract_award"
    assert resolver.asked == ["INTUITIVE MACHINES, LLC", "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION"]
    assert candidate.actors[0].org_id == "org:intuitive-machines-llc"
    assert candidate.counterparties[0].name == "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION"
    assert candidate.program == "CLPS"
    assert candidate.event_date == date(2026, 10, 29) and candidate.date_granularity == "day"
    assert candidate.confidence == 0.9
    evidence = candidate.evidence
    assert (evidence.doc_id, evidence.field, evidence.sentence_start) == (document.doc_id, "payload", 0)
    assert evidence.sentence == document.text and evidence.sentence_end == len(document.text)
    assert evidence.pattern_id == "fpds.task_order"


def test_candidates_ignore_other_kinds_and_recipientless_records():
    document = award_document(TASK_ORDER.with_(recipient_name=None), "fpds:nasa", NOW, None)
    assert candidates(document, FakeResolver()) == []
    news = type(document)(**{**document.__dict__, "kind": "news"})
    assert candidates(news, FakeResolver()) == []


def test_candidates_with_the_real_resolver_find_gazetteer_organisations():
    from nlp.orgs import default_resolver

    document = award_document(TASK_ORDER, "fpds:nasa", NOW, None)
    [candidate] = candidates(document, default_resolver())
    assert candidate.actors[0].org_id == "intuitive_machines"
    assert candidate.counterparties[0].org_id == "nasa"


def test_same_award_from_two_systems_resolves_to_one_event():
    fpds_doc = award_document(TASK_ORDER, "fpds:nasa", NOW, None)
    usa_doc = award_document(
        TASK_ORDER.with_(system="usaspending", key="CONT_AWD_80MSFC26F0011_8000_80MSFC18D0008_8000", mod_number=None,
                         agency_name="National Aeronautics and Space Administration"),
        "usaspending:q", NOW, None)
    resolver = FakeResolver()
    [a], [b] = candidates(fpds_doc, resolver), candidates(usa_doc, resolver)
    assert fpds_doc.doc_id != usa_doc.doc_id
    assert a.resolution_key() == b.resolution_key()


# HTTP helper -------------------------------------------------------------------------------
class CountingLimiter(HostLimiter):
    def __init__(self) -> None:
        super().__init__(default_rate=1000)
        self.urls: list[str] = []

    def wait(self, url: str) -> float:
        self.urls.append(url)
        return 0.0


def _ctx(handler, max_bytes: int = 10_000_000) -> tuple[SourceContext, CountingLimiter]:
    limiter = CountingLimiter()
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return SourceContext(client=client, state=SourceState(), now=NOW, user_agent="t", max_bytes=max_bytes,
                         limiter=limiter), limiter


def test_send_retries_429_after_retry_after_then_succeeds():
    calls = []

    def handler(request):
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(429, headers={"Retry-After": "7"}, text="slow down")
        return httpx.Response(200, json={"ok": True})

    ctx, limiter = _ctx(handler)
    slept: list[float] = []
    response = send(ctx, "POST", "https://api.example/x", json_body={"page": 1}, sleep=slept.append)
    assert response.status == 200 and json.loads(response.body) == {"ok": True}
    assert slept == [7.0]
    assert len(limiter.urls) == len(calls) == 2  # the limiter is asked before every attempt
    assert json.loads(calls[1].content) == {"page": 1}
    assert response.request == json.dumps({"page": 1}, sort_keys=True)


def test_send_gives_up_on_a_persistent_403_with_exponential_backoff():
    ctx, limiter = _ctx(lambda request: httpx.Response(403, text="<html>Forbidden</html>"))
    slept: list[float] = []
    with pytest.raises(HTTPStatusError) as caught:
        send(ctx, "GET", "https://www.fpds.gov/feed", label="FPDS", sleep=slept.append, backoff=2.0)
    assert caught.value.status == 403
    assert slept == [2.0, 4.0] and len(limiter.urls) == 3
    assert "FPDS refused access (HTTP 403) after 3 attempts" in str(caught.value)
    assert caught.value.raw[0].body == b"<html>Forbidden</html>"  # the error body is kept


def test_send_does_not_retry_a_422_and_quotes_the_api():
    detail = {"detail": "'award_type_codes' must only contain types from one group."}
    ctx, limiter = _ctx(lambda request: httpx.Response(422, json=detail))
    slept: list[float] = []
    with pytest.raises(HTTPStatusError) as caught:
        send(ctx, "POST", "https://api.usaspending.gov/s", json_body={}, label="USAspending", sleep=slept.append)
    assert caught.value.status == 422 and slept == [] and len(limiter.urls) == 1
    assert "USAspending rejected the request (HTTP 422)" in str(caught.value)
    assert "must only contain types from one group" in str(caught.value)


def test_send_caps_the_body():
    ctx, _ = _ctx(lambda request: httpx.Response(200, content=b"x" * 5000), max_bytes=1000)
    with pytest.raises(BodyTooLarge):
        send(ctx, "GET", "https://api.example/big")


@pytest.mark.parametrize("headers,expected", [
    ({"retry-after": "30"}, 30.0),
    ({"retry-after": "Fri, 20 Nov 2026 15:00:45 GMT"}, 45.0),
    ({"retry-after": "soon"}, None),
    ({}, None),
])
def test_retry_after(headers, expected):
    assert retry_after(headers, now=NOW) == expected


# Through the pipeline --------------------------------------------------------------------------
def test_award_sources_through_ingest_and_extract(make_settings):
    """Both award systems against the demo fixtures: loaded once, not re-fetched, one event per award."""
    from pathlib import Path

    from spacemine import pipeline
    from spacemine.demo.replay import ReplayServer
    from tests.test_usaspending import loopback_client
    from warehouse.db import Warehouse

    routes = Path(__file__).resolve().parents[1] / "spacemine" / "demo" / "fixtures" / "awards" / "routes.yaml"
    with ReplayServer() as server:
        config = server.load_routes(routes)
        settings = make_settings(sources={k: config[k] for k in ("usaspending", "fpds", "sam_contract_awards")})
        client = loopback_client()
        first = pipeline.ingest(settings, ["awards"], client=client)
        outcomes = {o.source_id: o for o in first.sources}
        assert set(outcomes) == {"usaspending:nasa-lunar-resources", "fpds:nasa-lunar"}
        assert all(o.status == "fetched" and o.error is None for o in outcomes.values())
        assert outcomes["usaspending:nasa-lunar-resources"].new == 8 and outcomes["fpds:nasa-lunar"].new == 13

        again = pipeline.ingest(settings, ["awards"], client=client)
        assert again.new_documents == 0 and again.updated_documents == 0
        assert {o.source_id: o.status for o in again.sources}["usaspending:nasa-lunar-resources"] == "not_modified"

        extracted = pipeline.extract_events(settings)
    assert extracted.documents == 21
    with Warehouse.from_settings(settings).read() as con:
        rows = con.execute(
            """SELECT e.event_id, e.amount_kind, e.amount_value, e.program, list(DISTINCT d.source_id)
               FROM events e JOIN event_evidence v USING (event_id) JOIN documents d USING (doc_id)
               WHERE e.type = 'contract_award' AND list_contains(e.actor_ids, 'intuitive_machines')
               GROUP BY ALL"""
        ).fetchall()
    # the CP-31 task order is reported by both systems and is one event, evidenced by both
    [(_, kind, value, program, systems)] = rows
    assert (kind, value, program) == ("task_order", 116_900_000.0, "CLPS")
    assert sorted(systems) == ["fpds:nasa-lunar", "usaspending:nasa-lunar-resources"]


@pytest.mark.parametrize("body, expected", [
    (b'{"detail": "award_type_codes must only contain types from one group"}', "one group"),
    (b'{"error": {"code": "API_KEY_INVALID", "message": "bad key"}}', "API_KEY_INVALID"),
    (b'{"errors": ["first problem", "second"]}', "first problem"),
    (b"<html><body>Service Unavailable</body></html>", "Service Unavailable"),
])
def test_error_detail_quotes_what_the_api_said_whatever_its_shape(body, expected):
    from extractors.awards import error_detail

    assert expected in error_detail(body)
