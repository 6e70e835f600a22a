"""SEC EDGAR access: the fair-access client, and the parsers for every EDGAR payload shape.

Parsers are checked on the demo fixtures (table-driven) and on every recorded EDGAR payload in
../shared/samples (conformance: counts, keys, amounts and UTC times derived from the files).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from extractors import edgar
from extractors.base import HostLimiter, SourceContext, SourceState
from extractors.edgar import (
    ITEMS_8K,
    EdgarAccessDenied,
    EdgarClient,
    EdgarContactMissing,
    EdgarNotFound,
    EdgarParseError,
    RetryPolicy,
    columns_to_rows,
    decode_items,
    full_text_url,
    full_text_window,
    item_names,
    pad_cik,
    parse_acceptance,
    parse_atom_time,
    parse_company_atom,
    parse_full_text,
    parse_latest_atom,
    parse_s3_error,
    parse_submissions,
    parse_submissions_page,
    parse_xml,
    require_contact,
    retry_after_seconds,
    run_full_text,
    split_display_name,
)
from extractors.errors import BodyTooLarge, FetchTimeout, HTTPStatusError, SourceError
from spacemine.records import OrgRef
from spacemine.settings import ConfigError, shipped_defaults

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = PROJECT / "spacemine" / "demo" / "fixtures" / "edgar"
ROUTES = FIXTURES / "routes.yaml"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
UA = "spacemine-tests/1.0 (tests@example.com)"
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
ATOM = "{http://www.w3.org/2005/Atom}"
EASTERN = edgar.EASTERN


# Shared helpers (test_filings and test_form_d import these) ---------------------------------
class RecordingLimiter(HostLimiter):
    """A limiter that never sleeps and records every URL it was asked about."""

    def __init__(self) -> None:
        super().__init__(default_rate=1e6, sleep=lambda _: None)
        self.urls: list[str] = []

    def wait(self, url: str) -> float:
        self.urls.append(url)
        return super().wait(url)


class FakeResolver:
    """Resolves a name to ``new:<lowercase words>``; records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def resolve(self, name: str) -> OrgRef:
        self.asked.append(name)
        return OrgRef("new:" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"), name)


def make_ctx(client: httpx.Client, state: SourceState | None = None, user_agent: str = UA,
             now: datetime = NOW, limiter: HostLimiter | None = None, max_bytes: int = 10_000_000) -> SourceContext:
    return SourceContext(client=client, state=state or SourceState(), now=now, user_agent=user_agent,
                         max_bytes=max_bytes, limiter=limiter or RecordingLimiter())


def mock_client(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


class FakeSleep:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"shared sample {name} not present")
    return path


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def efts_page(hits: list[tuple[str, str, str, str]], total: int, relation: str = "eq") -> bytes:
    """An EFTS response: hits are (adsh, filename, form, cik)."""
    return json.dumps({
        "took": 3, "timed_out": False,
        "hits": {"total": {"value": total, "relation": relation}, "max_score": 1.0, "hits": [
            {"_index": "edgar_file", "_id": f"{adsh}:{filename}", "_score": 1.0,
             "_source": {"ciks": [cik], "display_names": [f"Company {cik}  (CIK {cik})"], "form": form,
                         "root_forms": [form.split("/")[0]], "adsh": adsh, "file_date": "2026-11-10",
                         "items": [], "sequence": 1, "xsl": None, "file_description": form}}
            for adsh, filename, form, cik in hits]},
    }).encode()


# Fair access: the contact address -------------------------------------------------------------
@pytest.mark.parametrize("user_agent", [
    'Company Name you@example.com',
    "spacemine-demo/0.1 (offline demo on 127.0.0.1; demo@spacemine.invalid)",
    "Acme Mining ops+sec@acme.co.uk",
    UA,
])
def test_a_user_agent_with_a_contact_address_is_accepted(user_agent):
    assert require_contact(user_agent) == user_agent
    assert edgar.contact_email(user_agent) in user_agent


@pytest.mark.parametrize("user_agent", [
    shipped_defaults()["user_agent"], "", None, "python-httpx/0.28.1", "spacemine me@localhost",
    "contact: @example.com",
])
def test_a_user_agent_without_a_contact_address_is_refused_with_the_fix(user_agent):
    with pytest.raises(EdgarContactMissing) as caught:
        require_contact(user_agent)
    assert isinstance(caught.value, ConfigError) and isinstance(caught.value, SourceError)
    assert 'user_agent: "Company Name you@example.com"' in str(caught.value)
    assert caught.value.kind == "config"


def test_the_client_sends_nothing_without_a_contact_address():
    requests = []
    client = mock_client(lambda r: requests.append(r) or httpx.Response(200))
    with pytest.raises(EdgarContactMissing):
        EdgarClient(make_ctx(client, user_agent=shipped_defaults()["user_agent"])).get("https://data.sec.gov/x")
    assert requests == []


def test_the_client_sends_the_declared_user_agent_and_waits_on_the_limiter_first():
    seen = []

    def handler(request):
        seen.append((str(request.url), request.headers["user-agent"], request.headers["accept"]))
        return httpx.Response(200, content=b"{}")

    limiter = RecordingLimiter()
    # The injected client declares another User-Agent: the checked one is what goes out.
    client = httpx.Client(transport=httpx.MockTransport(handler), headers={"User-Agent": "python-httpx"})
    edgar_client = EdgarClient(make_ctx(client, limiter=limiter))
    raw = edgar_client.get("https://data.sec.gov/submissions/CIK0001844452.json", accept="application/json")

    assert seen == [("https://data.sec.gov/submissions/CIK0001844452.json", UA, "application/json")]
    assert limiter.urls == ["https://data.sec.gov/submissions/CIK0001844452.json"]
    assert raw.status == 200 and raw.body == b"{}" and edgar_client.raw == [raw]


def test_the_pipeline_limiter_caps_sec_hosts_at_the_configured_rate():
    """HostLimiter(rates={"sec.gov": 10}): consecutive requests to one EDGAR host are 0.1 s apart."""
    clock = [0.0]
    slept: list[float] = []

    def sleep(seconds):
        slept.append(seconds)
        clock[0] += seconds

    limiter = HostLimiter(default_rate=1000, rates={"sec.gov": 10}, clock=lambda: clock[0], sleep=sleep)
    responses = iter([httpx.Response(200, content=b"x")] * 5)
    client = EdgarClient(make_ctx(mock_client(lambda r: next(responses)), limiter=limiter))
    for _ in range(5):
        client.get("https://data.sec.gov/submissions/CIK0001844452.json")
    assert slept == pytest.approx([0.1] * 4)


# Backoff on 403/429 ---------------------------------------------------------------------------
def _scripted(responses: list[httpx.Response]):
    requests: list[httpx.Request] = []
    queue = list(responses)

    def handler(request):
        requests.append(request)
        return queue.pop(0)

    return handler, requests


def test_429_honours_retry_after_then_succeeds():
    handler, requests = _scripted([httpx.Response(429, headers={"Retry-After": "7"}, content=b"slow down"),
                                   httpx.Response(200, content=b"ok")])
    sleep, limiter = FakeSleep(), RecordingLimiter()
    client = EdgarClient(make_ctx(mock_client(handler), limiter=limiter), RetryPolicy(sleep=sleep))

    raw = client.get("https://www.sec.gov/x")

    assert raw.body == b"ok" and len(requests) == 2
    assert sleep.calls == [7.0]
    assert len(limiter.urls) == 2  # the limiter is asked before the retry too
    assert [r.status for r in client.raw] == [429, 200]  # the refusal is kept as a raw payload


def test_403_backs_off_exponentially_and_gives_up_after_the_bounded_attempts():
    handler, requests = _scripted([httpx.Response(403, content=b"Undeclared Automated Tool")] * 4)
    sleep = FakeSleep()
    client = EdgarClient(make_ctx(mock_client(handler)), RetryPolicy(max_attempts=4, base_delay=1.5, sleep=sleep))

    with pytest.raises(EdgarAccessDenied) as caught:
        client.get("https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent")

    assert len(requests) == 4
    assert sleep.calls == [1.5, 3.0, 6.0]
    assert caught.value.status == 403 and caught.value.kind == "rate_limited"
    message = str(caught.value)
    assert "10 requests per second" in message and "user_agent" in message and "4 attempt" in message
    assert len(client.raw) == 4


def test_retry_after_is_capped_and_accepts_an_http_date():
    sleep = FakeSleep()
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    handler, _ = _scripted([httpx.Response(429, headers={"Retry-After": "3600"}),
                            httpx.Response(503, headers={"Retry-After": when}),
                            httpx.Response(200, content=b"ok")])
    client = EdgarClient(make_ctx(mock_client(handler)), RetryPolicy(max_delay=60, sleep=sleep))
    client.get("https://efts.sec.gov/LATEST/search-index?q=x")
    assert sleep.calls[0] == 60
    assert 25 <= sleep.calls[1] <= 30


@pytest.mark.parametrize("value, expected", [("12", 12.0), ("0", 0.0), ("soon", None), (None, None), ("", None)])
def test_retry_after_seconds(value, expected):
    assert retry_after_seconds(value) == expected


def test_retry_after_date_in_the_past_is_zero():
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=NOW) == 0.0


def test_server_errors_other_than_503_are_not_retried():
    handler, requests = _scripted([httpx.Response(500, content=b"boom")])
    sleep = FakeSleep()
    with pytest.raises(HTTPStatusError) as caught:
        EdgarClient(make_ctx(mock_client(handler)), RetryPolicy(sleep=sleep)).get("https://data.sec.gov/x")
    assert caught.value.status == 500 and len(requests) == 1 and sleep.calls == []


def test_a_404_names_the_s3_error_code():
    body = (b"<?xml version='1.0'?><Error><Code>NoSuchKey</Code>"
            b"<Message>The specified key does not exist.</Message></Error>")
    handler, _ = _scripted([httpx.Response(404, content=body, headers={"content-type": "application/xml"})])
    with pytest.raises(EdgarNotFound) as caught:
        EdgarClient(make_ctx(mock_client(handler))).get("https://data.sec.gov/submissions/CIK0000000001.json")
    assert caught.value.status == 404 and "NoSuchKey" in str(caught.value)


def test_timeouts_and_oversized_bodies_are_source_errors():
    def timeout(request):
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(FetchTimeout):
        EdgarClient(make_ctx(mock_client(timeout))).get("https://data.sec.gov/x")
    big = mock_client(lambda r: httpx.Response(200, content=b"x" * 5000))
    with pytest.raises(BodyTooLarge):
        EdgarClient(make_ctx(big, max_bytes=1000)).get("https://data.sec.gov/x")


def test_attach_puts_the_fetched_bodies_on_the_error():
    handler, _ = _scripted([httpx.Response(500, content=b"boom")])
    client = EdgarClient(make_ctx(mock_client(handler)))
    with pytest.raises(HTTPStatusError) as caught:
        try:
            client.get("https://data.sec.gov/x")
        except SourceError as exc:
            raise client.attach(exc)
    assert [r.body for r in caught.value.raw] == [b"boom"]


# Small parsers (table-driven) -----------------------------------------------------------------
@pytest.mark.parametrize("value, expected", [
    # The trailing Z is false: Eastern local time. EST in December, EDT in October.
    ("2024-12-26T17:00:07.000Z", "2024-12-26T22:00:07+00:00"),
    ("2026-10-21T08:00:41.000Z", "2026-10-21T12:00:41+00:00"),
    ("2026-11-18T16:05:12.000Z", "2026-11-18T21:05:12+00:00"),
    ("2026-11-02T00:30:00.000Z", "2026-11-02T05:30:00+00:00"),  # the day after DST ended
    ("2026-11-18T16:05:12-05:00", "2026-11-18T21:05:12+00:00"),  # a real offset is kept
    ("2026-11-18T16:05:12", "2026-11-18T21:05:12+00:00"),
    ("not a time", None), ("", None), (None, None),
])
def test_parse_acceptance_reads_eastern_time(value, expected):
    parsed = parse_acceptance(value)
    assert (parsed.isoformat() if parsed else None) == expected
    if parsed:
        assert parsed.tzinfo == timezone.utc


@pytest.mark.parametrize("value, expected", [
    ("2.01,9.01", ["2.01", "9.01"]),
    ("1.01,7.01,9.01", ["1.01", "7.01", "9.01"]),
    (["8.01", "9.01"], ["8.01", "9.01"]),
    ("items 1.01, 2.03, 8.01and9.01", ["1.01", "2.03", "8.01", "9.01"]),
    ("items 4.01 and 9.01", ["4.01", "9.01"]),
    ("item 5.02", ["5.02"]),
    ("6.10", ["6.10"]),
    ("06b", []), ("", []), (None, []),
    ("8.01,8.01", ["8.01"]),
])
def test_decode_items(value, expected):
    assert decode_items(value) == expected


def test_the_8k_item_table_is_complete():
    expected = ["1.01", "1.02", "1.03", "1.04", "1.05", "2.01", "2.02", "2.03", "2.04", "2.05", "2.06", "3.01",
                "3.02", "3.03", "4.01", "4.02", "5.01", "5.02", "5.03", "5.04", "5.05", "5.06", "5.07", "5.08",
                "6.01", "6.02", "6.03", "6.04", "6.05", "6.06", "6.10", "7.01", "8.01", "9.01"]
    assert list(ITEMS_8K) == expected
    assert item_names(["2.01", "9.99"]) == ["Completion of Acquisition or Disposition of Assets", "Item 9.99"]


@pytest.mark.parametrize("value, expected", [
    ("1844452", "0001844452"), (1844452, "0001844452"), ("0001844452", "0001844452"), ("CIK0001844452", "0001844452"),
])
def test_pad_cik(value, expected):
    assert pad_cik(value) == expected


@pytest.mark.parametrize("value", ["abc", "", "0", "12345678901", "-000000001", "18.44"])
def test_pad_cik_refuses_non_ciks(value):
    with pytest.raises(ValueError):
        pad_cik(value)


@pytest.mark.parametrize("display, expected", [
    ("Maquia Capital Acquisition Corp  (MAQC, MAQCU, MAQCW)  (CIK 0001844419)",
     ("Maquia Capital Acquisition Corp", ["MAQC", "MAQCU", "MAQCW"], "0001844419")),
    ("Helio Corp /FL/  (HLEO)  (CIK 0001953988)", ("Helio Corp /FL/", ["HLEO"], "0001953988")),
    ("Interlune, Inc.  (CIK 0009900001)", ("Interlune, Inc.", [], "0009900001")),
    ("No parentheses at all", ("No parentheses at all", [], None)),
])
def test_split_display_name(display, expected):
    assert split_display_name(display) == expected


def test_columns_of_unequal_length_are_refused():
    with pytest.raises(EdgarParseError, match="different lengths"):
        columns_to_rows({"accessionNumber": ["a", "b"], "filingDate": ["2026-01-01"], "form": ["8-K", "4"]})
    with pytest.raises(EdgarParseError, match="columnar"):
        columns_to_rows({"accessionNumber": "a"})


def test_urls():
    assert edgar.submissions_url("https://data.sec.gov", "1844452") == \
        "https://data.sec.gov/submissions/CIK0001844452.json"
    assert edgar.archive_url("https://www.sec.gov", "0001844452", "0001844452-26-000214", "lunr-20261117.htm") == \
        "https://www.sec.gov/Archives/edgar/data/1844452/000184445226000214/lunr-20261117.htm"
    latest = urlsplit(edgar.latest_url("https://www.sec.gov", "D/A", 40))
    assert latest.path == "/cgi-bin/browse-edgar"
    assert parse_qs(latest.query, keep_blank_values=True) == {
        "action": ["getcurrent"], "type": ["D/A"], "company": [""], "dateb": [""], "owner": ["include"],
        "start": ["0"], "count": ["40"], "output": ["atom"]}
    company = parse_qs(urlsplit(edgar.company_atom_url("https://www.sec.gov", "1844452")).query, keep_blank_values=True)
    assert company["action"] == ["getcompany"] and company["CIK"] == ["0001844452"] and company["output"] == ["atom"]


def test_full_text_url_quotes_the_phrase():
    url = full_text_url("https://efts.sec.gov", "in-situ resource utilization", ["8-K", "D"],
                        date(2026, 10, 21), date(2026, 11, 20), 200)
    parts = urlsplit(url)
    assert parts.path == "/LATEST/search-index" and " " not in url
    assert parse_qs(parts.query) == {"q": ['"in-situ resource utilization"'], "forms": ["8-K,D"],
                                     "dateRange": ["custom"], "startdt": ["2026-10-21"],
                                     "enddt": ["2026-11-20"], "from": ["200"]}


def test_full_text_window_first_and_later_runs():
    assert full_text_window(NOW, 30, {}) == (date(2026, 10, 21), date(2026, 11, 20))
    # A later run starts the day before the previous run's end, never before the lookback.
    assert full_text_window(NOW, 30, {"last_end": "2026-11-18"}) == (date(2026, 11, 17), date(2026, 11, 20))
    assert full_text_window(NOW, 30, {"last_end": "2026-01-01"}) == (date(2026, 10, 21), date(2026, 11, 20))
    # 15:00 UTC on 20 Nov is still 20 Nov in New York; 02:00 UTC on 21 Nov is not.
    late = datetime(2026, 11, 21, 2, 0, tzinfo=timezone.utc)
    assert full_text_window(late, 1, {})[1] == date(2026, 11, 20)


def test_prune_seen_keeps_the_lookback():
    seen = {"a": "2026-11-19", "b": "2026-10-01", "c": "2026-10-21"}
    assert edgar.prune_seen(seen, date(2026, 11, 20), 30) == {"a": "2026-11-19", "c": "2026-10-21"}


# XML safety -----------------------------------------------------------------------------------
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&c;</title></feed>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&x;</title></feed>"""


@pytest.mark.parametrize("parser", [parse_latest_atom, parse_company_atom])
@pytest.mark.parametrize("body, match", [
    (BILLION_LAUGHS, "refused"),
    (EXTERNAL_ENTITY, "refused"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", "malformed"),
    (b"<!DOCTYPE html><html><body>Request Rate Threshold Exceeded</body></html>", "HTML|not"),
    (b"<rss version='2.0'><channel/></rss>", "not an EDGAR"),
    (b"   ", "empty"),
])
def test_hostile_or_wrong_xml_is_refused(parser, body, match):
    with pytest.raises(EdgarParseError, match=match):
        parser(body)


def test_parse_xml_skips_leading_whitespace_before_the_declaration():
    root = parse_xml(b"\n  <?xml version=\"1.0\"?>\n<edgarSubmission><x>1</x></edgarSubmission>", "a test")
    assert root.tag == "edgarSubmission"


@pytest.mark.parametrize("body", [b"{not json", b"<html>oops</html>", b'{"cik": "1"}', b"[]"])
def test_broken_submissions_json_is_a_parse_error(body):
    with pytest.raises(EdgarParseError):
        parse_submissions(body)


# Demo fixtures --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["CIK0001844452.json", "CIK0001860160.json"])
def test_submissions_fixture_rows_match_the_columns(name):
    data = json.loads(fixture_bytes(name))
    parsed = parse_submissions(fixture_bytes(name))
    recent = data["filings"]["recent"]
    assert parsed.cik == data["cik"] and parsed.name == data["name"]
    assert [r["accessionNumber"] for r in parsed.rows] == recent["accessionNumber"]
    assert [r["form"] for r in parsed.rows] == recent["form"]
    assert parsed.files == data["filings"]["files"]


def test_filing_from_row_normalizes_an_8k():
    parsed = parse_submissions(fixture_bytes("CIK0001844452.json"))
    row = next(r for r in parsed.rows if r["accessionNumber"] == "0001844452-26-000214")
    filing = edgar.filing_from_row(row, parsed.cik, parsed.name, "https://www.sec.gov")
    assert filing == {
        "cik": "0001844452", "company": "Intuitive Machines, Inc.", "accession": "0001844452-26-000214",
        "form": "8-K", "filed_at": "2026-11-18", "accepted_at": "2026-11-18T21:05:12+00:00",
        "report_date": "2026-11-17", "items": ["1.01", "7.01", "9.01"],
        "item_names": ["Entry into a Material Definitive Agreement", "Regulation FD Disclosure",
                       "Financial Statements and Exhibits"],
        "primary_document": "lunr-20261117.htm", "description": "Current report", "file_number": "001-40823",
        "url": "https://www.sec.gov/Archives/edgar/data/1844452/000184445226000214/lunr-20261117.htm",
    }


def test_overflow_fixture_is_columnar_at_the_top_level():
    data = json.loads(fixture_bytes("CIK0001844452-submissions-001.json"))
    rows = parse_submissions_page(fixture_bytes("CIK0001844452-submissions-001.json"))
    assert [r["accessionNumber"] for r in rows] == data["accessionNumber"]
    files = json.loads(fixture_bytes("CIK0001844452.json"))["filings"]["files"]
    assert files[0]["filingCount"] == len(rows)


def _atom_entries(body: bytes) -> list[tuple[str, str]]:
    root = ET.fromstring(body)
    return [(e.findtext(f"{ATOM}id").rsplit("=", 1)[1], e.findtext(f"{ATOM}title"))
            for e in root.findall(f"{ATOM}entry")]


@pytest.mark.parametrize("name", ["latest_8-K.xml", "latest_D.xml"])
def test_latest_fixture_one_record_per_accession_with_every_filer(name):
    body = fixture_bytes(name)
    entries = _atom_entries(body)
    records = parse_latest_atom(body)
    assert [r["accession"] for r in records] == list(dict.fromkeys(a for a, _ in entries))
    for record in records:
        titles = [t for a, t in entries if a == record["accession"]]
        assert len(record["filers"]) == len(titles)
        assert record["accepted_at"].endswith("+00:00")


def test_latest_fixture_is_iso_8859_1_and_keeps_both_co_registrants():
    body = fixture_bytes("latest_8-K.xml")
    assert body.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"') and b"CAF\xc9" in body
    records = {r["accession"]: r for r in parse_latest_atom(body)}
    assert records["0009800012-26-000019"]["company"] == "CAFÉ BORÉAL HOLDINGS INC"
    joint = records["0001844452-26-000214"]
    assert [f["cik"] for f in joint["filers"]] == ["0001844452", "0009800031"]
    assert joint["company"] == "Intuitive Machines, Inc." and joint["form"] == "8-K"
    assert joint["accepted_at"] == "2026-11-18T21:05:12+00:00" and joint["filed_at"] == "2026-11-18"
    # October is EDT (-04:00).
    fund = {r["accession"]: r for r in parse_latest_atom(fixture_bytes("latest_D.xml"))}["0009900003-26-000001"]
    assert fund["accepted_at"] == "2026-10-30T17:26:18+00:00"


def test_company_atom_fixture():
    body = fixture_bytes("getcompany_CIK0001844452.xml")
    feed = parse_company_atom(body)
    assert feed.company["cik"] == "0001844452" and feed.company["name"] == "Intuitive Machines, Inc."
    assert feed.company["former_names"] == ["Inflection Point Acquisition Corp."]
    assert [e["accession"] for e in feed.entries] == [a for a, _ in _atom_entries(body)]
    by_accession = {e["accession"]: e for e in feed.entries}
    assert by_accession["0001844452-26-000214"]["items"] == ["1.01", "7.01", "9.01"]
    assert by_accession["0001844452-26-000188"]["items"] == ["8.01", "9.01"]
    assert by_accession["0001844452-26-000188"]["accepted_at"] == "2026-10-21T12:00:41+00:00"
    assert feed.next_url is None
    # The feed and the submissions JSON agree on every acceptance time once the JSON's false Z is fixed.
    rows = {r["accessionNumber"]: r for r in parse_submissions(fixture_bytes("CIK0001844452.json")).rows}
    for entry in feed.entries:
        assert parse_acceptance(rows[entry["accession"]]["acceptanceDateTime"]).isoformat() == entry["accepted_at"]


def test_full_text_fixture_dedupes_on_adsh_and_keeps_the_primary_document():
    data = json.loads(fixture_bytes("efts_regolith.json"))
    page = parse_full_text(fixture_bytes("efts_regolith.json"), "https://www.sec.gov")
    adshs = list(dict.fromkeys(h["_source"]["adsh"] for h in data["hits"]["hits"]))
    assert [h["accession"] for h in page.hits] == adshs
    assert page.raw_hits == len(data["hits"]["hits"]) and page.total == data["hits"]["total"]["value"]
    assert not page.capped
    im = page.hits[0]
    assert im["company"] == "Intuitive Machines, Inc." and im["tickers"] == ["LUNR", "LUNRW"]
    assert im["documents"] == ["lunr-ex99_1.htm", "lunr-20261117.htm"]
    assert im["primary_document"] == "lunr-20261117.htm" and im["description"] == "Current report"
    assert im["url"] == "https://www.sec.gov/Archives/edgar/data/1844452/000184445226000214/lunr-ex99_1.htm"
    interlune = next(h for h in page.hits if h["accession"] == "0009900001-26-000003")
    assert interlune["form"] == "D/A" and interlune["cik"] == "0009900001"
    assert interlune["url"].endswith("/9900001/000990000126000003/xslFormDX01/primary_doc.xml")


# Full-text paging -----------------------------------------------------------------------------
def _paged_efts(total: int, relation: str = "eq", fail_from: int | None = None, per_page: int = 100):
    """A fake EFTS: `total` hits (two files per filing), served 100 per page by `from`."""
    requests: list[httpx.Request] = []

    def handler(request):
        requests.append(request)
        offset = int(request.url.params["from"])
        if fail_from is not None and offset >= fail_from:
            return httpx.Response(502, content=b"<html>Bad gateway</html>")
        count = max(0, min(per_page, min(total, 10_000) - offset))
        hits = [(f"0009911111-26-{(offset + i) // 2:06d}", f"doc{(offset + i) % 2}.htm", "8-K", "0009911111")
                for i in range(count)]
        return httpx.Response(200, content=efts_page(hits, total, relation))

    return handler, requests


def test_run_full_text_pages_to_the_end():
    handler, requests = _paged_efts(250)
    client = EdgarClient(make_ctx(mock_client(handler)))
    run, found = run_full_text(client, "https://efts.sec.gov", "https://www.sec.gov", "regolith", ["8-K"],
                               date(2026, 10, 21), date(2026, 11, 20))
    assert [int(r.url.params["from"]) for r in requests] == [0, 100, 200]
    assert run.pages == 3 and run.total == 250 and run.error is None and run.warnings == []
    assert len(found) == len(run.hits) == 125  # 250 files, two per filing
    assert all(r.url.params["q"] == '"regolith"' and r.url.params["startdt"] == "2026-10-21" for r in requests)


def test_run_full_text_stops_at_the_10000_cap_and_says_so():
    handler, requests = _paged_efts(10_000, relation="gte")
    client = EdgarClient(make_ctx(mock_client(handler)))
    run, _ = run_full_text(client, "https://efts.sec.gov", "https://www.sec.gov", "lunar", ["D"],
                           date(2026, 10, 21), date(2026, 11, 20))
    assert len(requests) == 100 and int(requests[-1].url.params["from"]) == 9_900
    assert any("10,000" in w for w in run.warnings)


def test_run_full_text_stops_on_an_empty_page():
    handler, requests = _paged_efts(500, per_page=0)
    run, found = run_full_text(EdgarClient(make_ctx(mock_client(handler))), "https://efts.sec.gov",
                               "https://www.sec.gov", "x", ["8-K"], date(2026, 11, 1), date(2026, 11, 20))
    assert len(requests) == 1 and found == []


def test_run_full_text_keeps_the_pages_before_a_failure():
    handler, requests = _paged_efts(350, fail_from=200)
    run, found = run_full_text(EdgarClient(make_ctx(mock_client(handler))), "https://efts.sec.gov",
                               "https://www.sec.gov", "x", ["8-K"], date(2026, 11, 1), date(2026, 11, 20))
    assert run.pages == 2 and isinstance(run.error, HTTPStatusError) and len(found) == 100
    handler, _ = _paged_efts(350, fail_from=0)
    with pytest.raises(HTTPStatusError):
        run_full_text(EdgarClient(make_ctx(mock_client(handler))), "https://efts.sec.gov", "https://www.sec.gov",
                      "x", ["8-K"], date(2026, 11, 1), date(2026, 11, 20))


# Conformance on the recorded EDGAR payloads ----------------------------------------------------
# Which clock each recording's bare "...Z" acceptance times are on: the 2024 recording writes
# Eastern local time (checked against its Atom feed below), the 2026 recordings real UTC
# (under an Eastern reading dozens of their filings would be accepted at night).
SUBMISSIONS_SAMPLES = {
    "sec_submissions_CIK0001881551_operating_company.json": timezone.utc,
    "sec_submissions_CIK0001889983_keen_vision.json": EASTERN,
    "sec_submissions_CIK0001771340.json": timezone.utc,
}


@pytest.mark.parametrize("name", sorted(SUBMISSIONS_SAMPLES))
def test_samples_submissions(name):
    body = sample(name).read_bytes()
    data = json.loads(body)
    parsed = parse_submissions(body)
    recent = data["filings"]["recent"]
    assert parsed.cik == str(data["cik"]).zfill(10) and parsed.name == data["name"]
    assert len(parsed.rows) == len(recent["accessionNumber"]) > 0
    assert set(parsed.rows[0]) == set(recent)
    assert parsed.files == data["filings"]["files"]
    for row, accepted in zip(parsed.rows, recent["acceptanceDateTime"]):
        filing = edgar.filing_from_row(row, parsed.cik, parsed.name, "https://www.sec.gov")
        local = datetime.fromisoformat(accepted.rstrip("Z").split(".")[0]).replace(tzinfo=SUBMISSIONS_SAMPLES[name])
        assert filing["accepted_at"] == local.astimezone(timezone.utc).isoformat()
        assert filing["url"].startswith(f"https://www.sec.gov/Archives/edgar/data/{int(parsed.cik)}/"
                                        f"{row['accessionNumber'].replace('-', '')}/")
        if filing["form"].startswith("8-K"):
            assert filing["items"] == [i for i in row["items"].split(",") if i]
            assert len(filing["item_names"]) == len(filing["items"])


def test_sample_keen_vision_acceptance_time_is_eastern():
    parsed = parse_submissions(sample("sec_submissions_CIK0001889983_keen_vision.json").read_bytes())
    row = next(r for r in parsed.rows if r["accessionNumber"] == "0001213900-24-112698")
    assert row["acceptanceDateTime"] == "2024-12-26T17:00:07-05:00"
    assert edgar.filing_from_row(row, parsed.cik, parsed.name, "https://www.sec.gov")["accepted_at"] == \
        "2024-12-26T22:00:07+00:00"


def test_sample_submissions_and_company_atom_agree_on_every_time():
    rows = {r["accessionNumber"]: r for r in
            parse_submissions(sample("sec_submissions_CIK0001889983_keen_vision.json").read_bytes()).rows}
    feed = parse_company_atom(sample("sec_browse_edgar_getcompany_atom_keen_vision.xml").read_bytes())
    common = [e for e in feed.entries if e["accession"] in rows]
    assert len(common) >= 40
    for entry in common:
        assert parse_acceptance(rows[entry["accession"]]["acceptanceDateTime"]).isoformat() == entry["accepted_at"]
    entry = next(e for e in feed.entries if e["accession"] == "0001213900-24-112698")
    assert entry["accepted_at"] == parse_atom_time("2024-12-26T17:00:07-05:00").isoformat() == \
        "2024-12-26T22:00:07+00:00"


def test_sample_operating_company_has_form_d_rows():
    parsed = parse_submissions(sample("sec_submissions_CIK0001881551_operating_company.json").read_bytes())
    d_rows = [r for r in parsed.rows if r["form"] in ("D", "D/A")]
    assert d_rows
    for row in d_rows:
        assert row["primaryDocument"].endswith("primary_doc.xml")
        filing = edgar.filing_from_row(row, parsed.cik, parsed.name, "https://www.sec.gov")
        assert filing["items"] == [i for i in row["items"].split(",") if i] and filing["item_names"] == []


def test_sample_overflow_page():
    body = sample("sec_submissions_CIK0001009672-submissions-001.json").read_bytes()
    data = json.loads(body)
    rows = parse_submissions_page(body)
    assert len(rows) == len(data["accessionNumber"]) == 205
    assert set(rows[0]) == set(data)
    assert parse_acceptance(rows[0]["acceptanceDateTime"]).isoformat() == "2003-12-08T16:29:36+00:00"


def test_sample_404_for_a_bad_cik():
    body = sample("sec_submissions_404_bad_cik.xml").read_bytes()
    assert parse_s3_error(body) == ("NoSuchKey", "The specified key does not exist.")
    handler, _ = _scripted([httpx.Response(404, content=body, headers={"content-type": "application/xml"})])
    with pytest.raises(EdgarNotFound, match="NoSuchKey"):
        EdgarClient(make_ctx(mock_client(handler))).get("https://data.sec.gov/submissions/CIK-000000001.json")
    with pytest.raises(EdgarParseError, match="not EDGAR submissions JSON|XML"):
        parse_submissions(body)


@pytest.mark.parametrize("name, count, company, cik", [
    ("sec_browse_edgar_getcompany_atom_keen_vision.xml", 55, "Keen Vision Acquisition Corp.", "0001889983"),
    ("sec_browse_edgar_getcompany_atom_S-1_maquia.xml", 5, "Maquia Capital Acquisition Corp", "0001844419"),
])
def test_samples_company_atom(name, count, company, cik):
    body = sample(name).read_bytes()
    feed = parse_company_atom(body)
    assert feed.company["name"] == company and feed.company["cik"] == cik
    assert len(feed.entries) == len(_atom_entries(body)) == count
    assert feed.next_url is None
    root = ET.fromstring(body)
    for entry, element in zip(feed.entries, root.findall(f"{ATOM}entry")):
        assert entry["form"] == element.find(f"{ATOM}category").get("term")
        updated = datetime.fromisoformat(element.findtext(f"{ATOM}updated"))
        assert entry["accepted_at"] == updated.astimezone(timezone.utc).isoformat()
        assert entry["url"] and entry["url"].endswith(f"{entry['accession']}-index.htm")


def test_sample_company_atom_items_match_the_summary_lines():
    """items-desc loses spaces ("8.01and9.01"); the decoded items equal the summary's Item lines."""
    root = ET.fromstring(sample("sec_browse_edgar_getcompany_atom_keen_vision.xml").read_bytes())
    feed = parse_company_atom(sample("sec_browse_edgar_getcompany_atom_keen_vision.xml").read_bytes())
    checked = 0
    for entry, element in zip(feed.entries, root.findall(f"{ATOM}entry")):
        lines = re.findall(r"Item (\d\.\d\d): ([^<]+)", element.findtext(f"{ATOM}summary") or "")
        if not entry["form"].startswith("8-K"):
            continue
        checked += 1
        assert entry["items"] == [code for code, _ in lines]
        for name, (_, summary_name) in zip(entry["item_names"], lines):
            assert re.sub(r"[;:]", ";", name) == re.sub(r"[;:]", ";", summary_name.strip())
    assert checked >= 10


def test_sample_latest_filings_40_entries_20_accessions():
    body = sample("sec_getcurrent_atom_count40.xml").read_bytes()
    assert body.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"')
    entries = _atom_entries(body)
    records = parse_latest_atom(body)
    assert len(entries) == 40 and len(records) == 20
    assert len({r["accession"] for r in records}) == 20
    assert sum(len(r["filers"]) for r in records) == len({(a, t) for a, t in entries})
    first = records[0]
    assert first["accession"] == "0001700545-25-000020" and first["form"] == "4"
    assert first["company"] == "CARVANA CO." and first["cik"] == "0001690820"  # the Issuer, not the Reporting person
    assert {f["role"] for f in first["filers"]} == {"Reporting", "Issuer"}
    assert first["accepted_at"] == "2025-12-12T23:02:10+00:00" and first["filed_at"] == "2025-12-12"
    grayscale = next(r for r in records if any("Grayscale" in f["name"] for f in r["filers"]))
    assert grayscale["company"] == "Grayscale Bittensor Trust (TAO)" and grayscale["form"] == "144"
    thirteen_d = next(r for r in records if r["form"] == "SCHEDULE 13D/A")
    assert thirteen_d["company"] == "COHERENT CORP."  # Subject beats Filed by


def test_sample_full_text_search_maquia():
    body = sample("sec_efts_search_index_maquia.json").read_bytes()
    data = json.loads(body)
    page = parse_full_text(body)
    distinct = list(dict.fromkeys(h["_source"]["adsh"] for h in data["hits"]["hits"]))
    assert (page.total, page.relation, page.raw_hits) == (146, "eq", 100)
    assert [h["accession"] for h in page.hits] == distinct and len(distinct) == 83
    assert not page.capped
    sources = {}
    for raw_hit in data["hits"]["hits"]:
        sources.setdefault(raw_hit["_source"]["adsh"], raw_hit["_source"])
    for hit in page.hits:
        source = sources[hit["accession"]]
        # The first filer names the filing (a Form 4 lists the reporting owner, then the issuer).
        expected_name = source["display_names"][0].split("  (")[0]
        assert hit["cik"] == source["ciks"][0] and hit["ciks"] == source["ciks"]
        assert hit["company"] == expected_name and "  " not in hit["company"]
        assert hit["url"].startswith(f"https://www.sec.gov/Archives/edgar/data/{int(source['ciks'][0])}/")
    two_filers = [h for h in page.hits if len(h["ciks"]) == 2]
    assert two_filers and all(h["company"] == "Polar Asset Management Partners Inc." for h in two_filers)
    first = page.hits[0]
    assert first["form"] == "8-K" and first["items"] == ["8.01", "9.01"] and first["filed_at"] == "2021-06-04"
    assert first["document"] == "tm2118859d1_8k.htm"


def test_sample_full_text_search_capped():
    page = parse_full_text(sample("sec_efts_search_forms_S-1.json").read_bytes())
    assert (page.total, page.relation, len(page.hits)) == (10_000, "gte", 100)
    assert page.capped
    assert page.hits[0]["company"] == "Helio Corp /FL/" and page.hits[0]["tickers"] == ["HLEO"]
    assert {h["form"] for h in page.hits} == {"S-1/A"}


def _rows(*times: str) -> list[dict]:
    return [{"acceptanceDateTime": t} for t in times]


@pytest.mark.parametrize("times, clock", [
    # Inside EDGAR's hours under both readings: no evidence either way -> the Eastern default.
    (("2024-12-26T14:00:00.000Z", "2024-12-26T17:00:07.000Z"), "eastern"),
    # 00:30 and 01:59 as Eastern local time are outside EDGAR's hours; as UTC they are
    # 19:30 and 20:59 Eastern the evening before -> UTC.
    (("2025-12-10T00:30:14.000Z", "2025-12-10T01:59:00.000Z", "2025-12-09T21:00:00.000Z"), "utc"),
    # 06:30 as UTC would be 01:30 Eastern, outside the hours; as Eastern it is fine -> Eastern.
    (("2024-03-01T21:30:00.000Z", "2024-03-01T06:30:00.000Z"), "eastern"),
    # Midnight placeholders carry no evidence.
    (("2020-01-01T00:00:00.000Z",), "eastern"),
])
def test_the_acceptance_clock_is_decided_by_edgar_opening_hours(times, clock):
    rows = _rows(*times)
    assert edgar.settle_acceptance_clock(rows) == clock
    zone = timezone.utc if clock == "utc" else EASTERN
    for row, original in zip(rows, times):
        naive = datetime.fromisoformat(original.rstrip("Z").split(".")[0])
        assert parse_acceptance(row["acceptanceDateTime"]) == naive.replace(tzinfo=zone).astimezone(timezone.utc)
