"""Acceptance: every payload in ../shared/samples/ parses to correct records.

``TABLE`` below is the one dispatch table: each recorded payload file (everything in the folder
except README.md and the ``*.source.*`` provenance sidecars) maps to the project parser(s) that
read it and to a check proving the records are correct: counts, keys, amounts and UTC times.
Expected values are read from the sample itself with a second, independent method (ElementTree,
json, email.utils, zoneinfo, a plain API-Blueprint block reader), never copied from a parser's
output. ``test_every_sample_payload_is_in_the_table`` fails as soon as a payload is added to the
folder without a row, so a new sample cannot be silently ignored.

The folder is found at ``Path(__file__).resolve().parents[2] / "shared" / "samples"``; a user's
clone has no ``shared/`` folder, and then the whole module is skipped.

Nothing is imported from other test modules; parsers are resolved by name when their row runs.
"""

from __future__ import annotations

import html
import importlib
import json
import re
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, is_dataclass
from datetime import datetime, time, timezone
from decimal import Decimal
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo

import pytest

from extractors.edgar import EdgarParseError

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
if not SAMPLES.is_dir():
    pytest.skip(f"no shared samples folder at {SAMPLES} (a user's clone has no shared/)", allow_module_level=True)

UTC = timezone.utc
EASTERN = ZoneInfo("America/New_York")
ATOM = "{http://www.w3.org/2005/Atom}"
FPDS = "{https://www.fpds.gov/FPDS}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
WWW = "https://www.sec.gov"
FETCHED = datetime(2026, 6, 1, 3, 4, 5, tzinfo=timezone.utc)  # after every recorded sample: nothing is dated after its fetch
ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")


# Independent readers (stdlib only) ---------------------------------------------------------------
def _xml(body: bytes) -> ET.Element:
    """Stdlib ElementTree; stored EDGAR files may start with a newline before ``<?xml``."""
    return ET.fromstring(body.lstrip())


def _sidecar(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / f"{name}.source.json").read_text(encoding="utf-8"))


def _eastern_naive_to_utc(text: str) -> datetime:
    """A zone-less federal timestamp ("2020-04-02 07:30:45" or a bare date) read as US Eastern."""
    text = text.strip()
    naive = datetime.strptime(text, "%Y-%m-%d") if len(text) == 10 else datetime.strptime(text[:19],
                                                                                         "%Y-%m-%d %H:%M:%S")
    return naive.replace(tzinfo=EASTERN).astimezone(UTC)


def _flat_text(fragment: str) -> str:
    """HTML fragment to whitespace-collapsed text: tags out, entities decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _blueprint_bodies(markdown: str) -> list[str]:
    """The JSON under each ``+ Body`` line of an API Blueprint file, dedented."""
    lines = markdown.splitlines()
    blocks: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "+ Body":
            i += 1
            continue
        indent = len(lines[i]) - len(lines[i].lstrip())
        block: list[str] = []
        i += 1
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            block.append(lines[i])
            i += 1
        blocks.append(textwrap.dedent("\n".join(block)).strip())
    return blocks


def _blueprint_names(markdown: str, heading: str) -> set[str]:
    """Backticked attribute names listed under a ``## <heading>`` data structure."""
    section = markdown.split(f"\n## {heading}", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\+ `([^`]+)`", section, re.MULTILINE))


def _pre_json_blocks(markdown: str) -> list[Any]:
    """The JSON documents inside ``<pre>`` blocks (the SAM.gov doc's examples); YAML blocks skipped."""
    found = []
    for block in re.findall(r"<pre>(.*?)</pre>", markdown, re.DOTALL):
        try:
            found.append(json.loads(block))
        except ValueError:
            continue
    return found


def _amount(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value).replace(",", "").replace("$", ""))


def _same_amount(got: Any, want: Any) -> bool:
    return (got is None and want is None) or (got is not None and want is not None
                                              and Decimal(str(got)) == Decimal(str(want)))


# EDGAR acceptance clock ---------------------------------------------------------------------------
# EDGAR accepts filer submissions from 6 a.m. to 10 p.m. Eastern. SEC-generated EFFECT notices
# (stamped 00:15 Eastern) and pre-2003 date-only placeholders (exactly 00:00:00) are not filer
# submissions and give no evidence. A document whose every acceptanceDateTime falls in those hours
# under one reading of its trailing "Z", and many of them outside under the other, says which
# clock it was written in.
EDGAR_OPENS, EDGAR_CLOSES = time(6, 0), time(22, 0)


def _acceptance_local(value: str, clock: str) -> datetime:
    naive = datetime.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")
    if clock == "eastern":
        return naive
    return naive.replace(tzinfo=UTC).astimezone(EASTERN).replace(tzinfo=None)


def _acceptance_utc(value: str, clock: str) -> datetime:
    naive = datetime.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")
    zone = EASTERN if clock == "eastern" else UTC
    return naive.replace(tzinfo=zone).astimezone(UTC)


def _outside_edgar_hours(values: list[str], forms: list[str], clock: str) -> int:
    count = 0
    for value, form in zip(values, forms):
        if form == "EFFECT" or value[11:19] == "00:00:00":
            continue
        if not EDGAR_OPENS <= _acceptance_local(value, clock).time() <= EDGAR_CLOSES:
            count += 1
    return count


def _acceptance_clock(values: list[str], forms: list[str]) -> str:
    """"eastern" or "utc": the reading under which every filer submission is inside EDGAR's hours."""
    eastern = _outside_edgar_hours(values, forms, "eastern")
    utc = _outside_edgar_hours(values, forms, "utc")
    assert min(eastern, utc) == 0 and max(eastern, utc) >= 5, \
        f"the sample does not say which clock its acceptanceDateTime uses (eastern={eastern}, utc={utc})"
    return "eastern" if eastern == 0 else "utc"


# Checks: news feeds (RSS 2.0) --------------------------------------------------------------------
def _rss_expected(body: bytes) -> tuple[str, list[dict[str, Any]]]:
    channel = _xml(body).find("channel")
    items: dict[str, dict[str, Any]] = {}
    for item in channel.findall("item"):
        guid = (item.findtext("guid") or "").strip()
        link = (item.findtext("link") or "").strip()
        body_html = item.findtext(f"{CONTENT}encoded") or item.findtext("description") or ""
        items[guid or link] = {
            "key": guid or link,
            "link": link or None,
            "title": " ".join((item.findtext("title") or "").split()),
            "published": parsedate_to_datetime(item.findtext("pubDate")).astimezone(UTC),
            "tags": [c.text.strip() for c in item.findall("category") if c.text and c.text.strip()],
            "author": (item.findtext(f"{DC}creator") or "").strip() or None,
            "paragraphs": [_flat_text(p) for p in re.split(r"</p>|\n\s*\n", body_html) if _flat_text(p)],
        }
    return " ".join((channel.findtext("title") or "").split()), list(items.values())


def check_news_rss(body: bytes, parse_feed: Callable) -> None:
    title, expected = _rss_expected(body)
    parsed = parse_feed("sample", "news", body, {"content-type": "application/rss+xml; charset=UTF-8"}, FETCHED)
    assert parsed.warnings == []
    assert parsed.feed_title == title
    assert [d.external_id for d in parsed.documents] == [e["key"] for e in expected] and expected
    for document, want in zip(parsed.documents, expected):
        assert document.kind == "news" and document.source_id == "sample"
        assert document.url == want["link"]
        assert document.title == want["title"]
        assert document.published_at == want["published"]
        assert document.published_at.utcoffset().total_seconds() == 0
        assert document.fetched_at == FETCHED
        assert document.payload["tags"] == want["tags"]
        assert ((document.payload["author"] or "").strip() or None) == want["author"]
        text = " ".join(document.text.split())
        for paragraph in want["paragraphs"]:
            assert paragraph in text, (want["key"], paragraph)


# Checks: FPDS ATOM --------------------------------------------------------------------------------
def _fpds_text(parent: ET.Element | None, path: str) -> str | None:
    if parent is None:
        return None
    found = parent.find("/".join(FPDS + part for part in path.split("/")))
    if found is None or not found.text:
        return None
    return " ".join(found.text.split()) or None


def _fpds_expected(entry: ET.Element) -> dict[str, Any]:
    document = next(iter(entry.find(f"{ATOM}content")))
    ids = next(iter(document))
    own = next(child for child in ids if child.tag != f"{FPDS}referencedIDVID")
    referenced = ids.find(f"{FPDS}referencedIDVID")
    agency, piid = _fpds_text(own, "agencyID"), _fpds_text(own, "PIID")
    mod, transaction = _fpds_text(own, "modNumber") or "0", _fpds_text(own, "transactionNumber") or "0"
    parent = _fpds_text(referenced, "PIID")
    key = f"{agency}:{piid}:{mod}:{transaction}" + (f":{parent}" if parent else "")
    vendor = document.find(f"{FPDS}vendor")
    purchaser = document.find(f"{FPDS}purchaserInformation")
    office_agency = purchaser.find(f"{FPDS}contractingOfficeAgencyID")
    return {
        "key": key, "piid": piid, "parent": parent, "mod": mod, "transaction": transaction,
        "category": {"award": "contract", "IDV": "idv"}[document.tag[len(FPDS):]],
        "obligation": _amount(_fpds_text(document, "dollarValues/obligatedAmount")),
        "total": _amount(_fpds_text(document, "totalDollarValues/totalObligatedAmount")),
        "ceiling": _amount(_fpds_text(document, "totalDollarValues/totalBaseAndAllOptionsValue")
                           or _fpds_text(document, "dollarValues/baseAndAllOptionsValue")),
        "signed": (_fpds_text(document, "relevantContractDates/signedDate") or "")[:10] or None,
        "modified": _eastern_naive_to_utc(entry.findtext(f"{ATOM}modified")),
        "recipient": (_fpds_text(vendor, "vendorHeader/vendorName")
                      or _fpds_text(vendor, "vendorSiteDetails/entityIdentifiers/vendorUEIInformation/"
                                            "UEILegalBusinessName")
                      or _fpds_text(vendor, "contractorName")),
        "uei": _fpds_text(vendor, "vendorSiteDetails/entityIdentifiers/vendorUEIInformation/UEI"),
        "agency": office_agency.get("departmentName"),
        "sub_agency": office_agency.get("name"),
        "naics": _fpds_text(document, "productOrServiceInformation/principalNAICSCode"),
        "psc": _fpds_text(document, "productOrServiceInformation/productOrServiceCode"),
        "description": _fpds_text(document, "contractData/descriptionOfContractRequirement"),
    }


def check_fpds_feed(body: bytes, parse_feed: Callable, award_from_entry: Callable) -> None:
    root = _xml(body)
    entries = root.findall(f"{ATOM}entry")
    expected = [_fpds_expected(entry) for entry in entries]
    page = parse_feed(body)
    assert page.warnings == []
    assert len(page.awards) == len(entries) == 10
    assert len({a.key for a in page.awards}) == len(page.awards)
    next_link = next(link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "next")
    assert page.next_href == next_link.strip()
    for award, entry, want in zip(page.awards, entries, expected):
        assert award_from_entry(entry) == award  # a stdlib element gives the same record
        assert award.system == "fpds" and award.key == want["key"]
        assert (award.piid, award.parent_piid, award.mod_number, award.transaction_number) == \
            (want["piid"], want["parent"], want["mod"], want["transaction"])
        assert award.category == want["category"]
        assert award.is_task_order == bool(want["parent"] and want["category"] == "contract")
        assert Decimal(str(award.obligation)) == want["obligation"]
        assert Decimal(str(award.total)) == want["total"]
        assert Decimal(str(award.ceiling)) == want["ceiling"]
        assert award.signed == want["signed"]
        assert award.last_modified == want["modified"] and award.last_modified.utcoffset().total_seconds() == 0
        assert award.recipient_name == want["recipient"] and award.recipient_uei == want["uei"]
        assert (award.agency_name, award.sub_agency) == (want["agency"], want["sub_agency"])
        assert (award.naics, award.psc, award.description) == (want["naics"], want["psc"], want["description"])


# Checks: USAspending (API Blueprint contracts with embedded JSON) ---------------------------------
def _award_detail_examples() -> list[dict[str, Any]]:
    """The three response bodies of awards/award_id.md (contract, assistance, IDV)."""
    bodies = _blueprint_bodies((SAMPLES / "usaspending_contract_award_id.md").read_text(encoding="utf-8"))
    documents = [b for b in bodies if b.startswith("{")]
    assert len(documents) == 3
    parsed = []
    for block in documents:
        if '"goals": : ' in block:
            # The official assistance example has a typo ("goals": : "NOT APPLICABLE"); only that is repaired.
            assert block.count('"goals": : ') == 1
            block = block.replace('"goals": : ', '"goals": ')
        parsed.append(json.loads(block))
    return parsed


def check_usaspending_search(body: bytes, parse_search_page: Callable, award_from_row: Callable) -> None:
    """spending_by_award.md holds the request example and the documented response structure.

    It has no example response, so the page below is assembled strictly from what it documents:
    the envelope (``results``, ``page_metadata.hasNext``), a row keyed by the request example's
    ``fields`` plus ids, every key a documented response attribute. The values are the contract
    example of awards/award_id.md (the same award as its detail response describes).
    """
    markdown = body.decode("utf-8")
    [request_block] = _blueprint_bodies(markdown)
    request = json.loads(request_block)
    response_names = _blueprint_names(markdown, "SpendingByAwardResponse")
    page_names = _blueprint_names(markdown, "PageMetadataObject")
    assert {"page", "hasNext"} <= page_names
    assert "`results` (required, array[SpendingByAwardResponse]" in markdown

    detail = _award_detail_examples()[0]
    period, recipient = detail["period_of_performance"], detail["recipient"]
    awarding, funding = detail["awarding_agency"], detail["funding_agency"]
    values = {
        "Award ID": detail["piid"], "Recipient Name": recipient["recipient_name"],
        "Start Date": period["start_date"], "End Date": period["end_date"], "Award Amount": detail["total_obligation"],
        "Awarding Agency": awarding["toptier_agency"]["name"],
        "Awarding Sub Agency": awarding["subtier_agency"]["name"],
        "Contract Award Type": detail["type_description"], "Award Type": None,
        "Funding Agency": funding["toptier_agency"]["name"], "Funding Sub Agency": funding["subtier_agency"]["name"],
    }
    row = {field: values[field] for field in request["fields"]}
    row.update({"internal_id": detail["id"], "generated_internal_id": detail["generated_unique_award_id"],
                "Last Modified Date": period["last_modified_date"]})
    assert set(row) <= response_names, set(row) - response_names

    for has_next in (True, False):
        page = {"spending_level": "awards", "limit": request["limit"], "results": [row],
                "page_metadata": {"page": request["page"], "hasNext": has_next}}
        rows, more = parse_search_page(json.loads(json.dumps(page)))
        assert rows == [row] and more is has_next

    award = award_from_row(row, "contracts")
    assert award.system == "usaspending" and award.category == "contract"
    assert award.key == detail["generated_unique_award_id"] and award.piid == detail["piid"]
    # the parent IDV is read from the generated id; the detail response names the same parent
    assert award.parent_piid == detail["parent_award"]["piid"] and award.is_task_order
    assert _same_amount(award.obligation, detail["total_obligation"])
    assert _same_amount(award.total, detail["total_obligation"]) and award.ceiling is None
    assert (award.start, award.end) == (period["start_date"], period["end_date"])
    assert award.last_modified == _eastern_naive_to_utc(period["last_modified_date"])
    assert award.recipient_name == recipient["recipient_name"]
    assert (award.agency_name, award.sub_agency) == (values["Awarding Agency"], values["Awarding Sub Agency"])
    assert award.award_type == detail["type_description"]
    assert award.url and award.url.endswith(detail["generated_unique_award_id"])


def check_usaspending_detail(body: bytes, award_from_row: Callable, merge_detail: Callable) -> None:
    assert b"+ Response 200 (application/json)" in body
    details = _award_detail_examples()
    assert [d["category"] for d in details] == ["contract", "direct payment", "idv"]
    for detail in details:
        group = {"contract": "contracts", "idv": "idvs"}.get(detail["category"], "grants")
        summary = award_from_row({"generated_internal_id": detail["generated_unique_award_id"],
                                  "Award ID": detail.get("piid") or detail.get("fain")}, group)
        award = merge_detail(summary, detail)
        period, recipient = detail["period_of_performance"], detail["recipient"]
        awarding = detail["awarding_agency"]
        contract = detail.get("latest_transaction_contract_data") or {}
        parent = detail.get("parent_award") or {}
        assert award.key == detail["generated_unique_award_id"]
        assert award.category == {"contract": "contract", "idv": "idv", "grant": "grant"}.get(detail["category"],
                                                                                               "other")
        assert (award.piid, award.fain) == (detail.get("piid"), detail.get("fain"))
        assert award.parent_piid == parent.get("piid")
        assert award.award_type == detail["type_description"]
        assert _same_amount(award.obligation, detail["total_obligation"])
        assert _same_amount(award.total, detail["total_obligation"])
        assert _same_amount(award.ceiling, detail["base_and_all_options"])
        assert award.signed == detail["date_signed"]
        assert (award.start, award.end) == (period["start_date"], period["end_date"])
        assert award.last_modified == _eastern_naive_to_utc(period["last_modified_date"])
        assert award.last_modified.utcoffset().total_seconds() == 0
        assert (award.recipient_name, award.recipient_uei, award.recipient_parent) == \
            (recipient["recipient_name"], recipient["recipient_uei"], recipient["parent_recipient_name"])
        assert (award.agency_name, award.agency_code, award.sub_agency, award.office) == \
            (awarding["toptier_agency"]["name"], awarding["toptier_agency"]["code"],
             awarding["subtier_agency"]["name"], awarding["office_agency_name"])
        naics = contract.get("naics") or ((detail.get("naics_hierarchy") or {}).get("base_code") or {}).get("code")
        psc = contract.get("product_or_service_code") or \
            ((detail.get("psc_hierarchy") or {}).get("base_code") or {}).get("code")
        assert (award.naics, award.psc) == (naics, psc)
        if detail.get("cfda_info"):
            assert award.payload()["extra"]["cfda_number"] == detail["cfda_info"][0]["cfda_number"]


# Checks: SAM.gov Get Opportunities ------------------------------------------------------------------
def _leaves(value: Any) -> list[Any]:
    """Every scalar inside a record (dataclass, mapping, sequence)."""
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, (list, tuple)):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def _sam_expected(notice: dict[str, Any]) -> dict[str, Any]:
    """What an award notice states, read straight from the doc's JSON."""
    award = notice["award"]
    awardee = award.get("awardee") or {}
    names = notice["fullParentPathName"].split(".") if notice.get("fullParentPathName") else []
    codes = notice["fullParentPathCode"].split(".") if notice.get("fullParentPathCode") else []
    return {
        "key": notice["noticeId"], "piid": award["number"], "ceiling": _amount(award["amount"]),
        "signed": award["date"][:10], "posted": _eastern_naive_to_utc(notice["postedDate"]),
        "recipient": awardee.get("name"), "uei": awardee.get("ueiSAM"),
        "agency": notice.get("department") or (names[0] if names else None),
        "sub_agency": notice.get("subTier") or (names[1] if len(names) > 1 else None),
        "office": notice.get("office") or (names[-1] if len(names) > 2 else None),
        "agency_code": codes[0] if codes else None,
        "title": " ".join(notice["title"].split()),
        "solicitation": notice["solicitationNumber"].strip(),
        "naics": notice.get("naicsCode"), "psc": notice.get("classificationCode"),
        "url": f"https://sam.gov/opp/{notice['noticeId']}/view",
    }


def _check_sam_award(award: Any, want: dict[str, Any]) -> None:
    assert award.system == "sam_opportunities" and award.category == "contract"
    assert (award.key, award.piid) == (want["key"], want["piid"])
    # an award notice states the contract's value (for an IDIQ its ceiling), never money obligated
    assert Decimal(str(award.ceiling)) == want["ceiling"] and award.obligation is None
    assert award.signed == want["signed"]
    assert award.last_modified == want["posted"] and award.last_modified.utcoffset().total_seconds() == 0
    assert (award.recipient_name, award.recipient_uei) == (want["recipient"], want["uei"])
    assert (award.agency_name, award.sub_agency, award.office, award.agency_code) == \
        (want["agency"], want["sub_agency"], want["office"], want["agency_code"])
    assert award.description == want["title"]
    assert award.extra["solicitation_number"] == want["solicitation"]
    assert (award.naics, award.psc, award.url) == (want["naics"], want["psc"], want["url"])
    assert "null" not in [v for v in _leaves(award) if isinstance(v, str)]  # SAM's "null" strings are absent


def check_sam_opportunities(body: bytes, parse_opportunities: Callable, award_from_opportunity: Callable) -> None:
    """Example 1 is a whole search response; Example 2 a single notice whose award names no awardee."""
    examples = _pre_json_blocks(body.decode("utf-8"))
    assert len(examples) == 2
    response, notice = examples
    page = parse_opportunities(response)
    assert (page.total, page.records, page.skipped, page.warnings) == \
        (response["totalRecords"], len(response["opportunitiesData"]), 0, [])
    assert len(page.awards) == len(response["opportunitiesData"]) == 1
    _check_sam_award(page.awards[0], _sam_expected(response["opportunitiesData"][0]))
    assert page.awards[0].extra["awardee_city"] == \
        response["opportunitiesData"][0]["award"]["awardee"]["location"]["city"]["name"]

    # Example 2: no awardee, so no award document (the notice is counted as skipped) ...
    assert "awardee" not in notice["award"]
    assert award_from_opportunity(notice) is None
    skipped = parse_opportunities({"totalRecords": 1, "limit": 10, "offset": 0, "opportunitiesData": [notice]})
    assert (skipped.awards, skipped.total, skipped.records, skipped.skipped) == ([], 1, 1, 1)
    # ... and with the awardee it lacks, its fullParentPath and "null" strings read correctly.
    named = json.loads(json.dumps(notice))
    named["award"]["awardee"] = {"name": "Awardee named by this test"}
    _check_sam_award(award_from_opportunity(named), _sam_expected(named))
    assert notice["uiLink"] == "null" and "ui_link" not in award_from_opportunity(named).extra


# Checks: EDGAR ----------------------------------------------------------------------------------
def check_submissions(clock: str) -> Callable[..., None]:
    """data.sec.gov submissions JSON; ``clock`` is what the sample's own times prove (checked here)."""

    def check(body: bytes, parse_submissions: Callable, filing_from_row: Callable) -> None:
        data = json.loads(body)
        recent = data["filings"]["recent"]
        assert _acceptance_clock(recent["acceptanceDateTime"], recent["form"]) == clock
        parsed = parse_submissions(body)
        cik = str(int(data["cik"])).zfill(10)
        assert (parsed.cik, parsed.name, parsed.tickers, parsed.entity_type) == \
            (cik, " ".join(data["name"].split()), data["tickers"], data["entityType"])
        assert parsed.files == data["filings"]["files"]
        count = len(recent["accessionNumber"])
        assert count > 0 and len(parsed.rows) == count
        columns = [k for k in recent if k != "acceptanceDateTime"]
        wrong_times = []
        for i, row in enumerate(parsed.rows):
            assert set(row) == set(recent)
            assert {k: row[k] for k in columns} == {k: recent[k][i] for k in columns}
            accession, raw_time = recent["accessionNumber"][i], recent["acceptanceDateTime"][i]
            filing = filing_from_row(row, parsed.cik, parsed.name, WWW)
            assert ACCESSION.match(filing["accession"]) and filing["accession"] == accession
            assert (filing["form"], filing["filed_at"], filing["cik"]) == (recent["form"][i], recent["filingDate"][i],
                                                                            cik)
            folder = f"{WWW}/Archives/edgar/data/{int(cik)}/{accession.replace('-', '')}/"
            primary = recent["primaryDocument"][i]
            assert filing["url"] == folder + (primary or f"{accession}-index.htm")
            if recent["form"][i].startswith("8-K"):
                assert filing["items"] == [code for code in recent["items"][i].split(",") if code]
            want = _acceptance_utc(raw_time, clock).isoformat()
            if filing["accepted_at"] != want:
                wrong_times.append((accession, recent["form"][i], recent["filingDate"][i], raw_time,
                                    filing["accepted_at"], want))
        assert not wrong_times, (
            f"{len(wrong_times)} of {count} acceptance times are not the UTC instant the sample states "
            f"(clock={clock}); (accession, form, filingDate, raw, got, want) e.g. {wrong_times[:3]}")

    return check


def check_submissions_page(body: bytes, parse_submissions_page: Callable, parse_acceptance: Callable) -> None:
    data = json.loads(body)
    clock = _acceptance_clock(data["acceptanceDateTime"], data["form"])
    assert clock == "eastern"
    rows = parse_submissions_page(body)
    assert len(rows) == len(data["accessionNumber"]) == 205
    for i, row in enumerate(rows):
        assert set(row) == set(data)
        assert row["accessionNumber"] == data["accessionNumber"][i] and row["form"] == data["form"][i]
        accepted = parse_acceptance(row["acceptanceDateTime"])
        assert accepted == _acceptance_utc(data["acceptanceDateTime"][i], clock)
        assert accepted.utcoffset().total_seconds() == 0


def check_s3_error(body: bytes, parse_s3_error: Callable, parse_submissions: Callable) -> None:
    root = _xml(body)
    assert root.tag == "Error"
    assert parse_s3_error(body) == (root.findtext("Code"), root.findtext("Message")) == \
        ("NoSuchKey", "The specified key does not exist.")
    recorded = _sidecar("sec_submissions_404_bad_cik.xml")
    assert recorded["response_status"]["code"] == 404
    assert recorded["response_headers"]["content-type"] == ["application/xml"]
    with pytest.raises(EdgarParseError):
        parse_submissions(body)


def check_company_atom(body: bytes, parse_company_atom: Callable) -> None:
    root = _xml(body)
    info = root.find(f"{ATOM}company-info")
    feed = parse_company_atom(body)
    assert feed.company["cik"] == info.findtext(f"{ATOM}cik").strip().zfill(10)
    assert feed.company["name"] == info.findtext(f"{ATOM}conformed-name").strip()
    assert feed.company["sic"] == info.findtext(f"{ATOM}assigned-sic")
    former = info.find(f"{ATOM}formerly-names")
    assert feed.company["former_names"] == ([n.text.strip() for n in former.iter(f"{ATOM}name")]
                                            if former is not None else [])
    elements = root.findall(f"{ATOM}entry")
    assert len(feed.entries) == len(elements) > 0
    assert len({e["accession"] for e in feed.entries}) == len(elements)
    assert feed.next_url is None
    for entry, element in zip(feed.entries, elements):
        content = element.find(f"{ATOM}content")
        accession = content.findtext(f"{ATOM}accession-number")
        assert entry["accession"] == accession and ACCESSION.match(accession)
        assert element.findtext(f"{ATOM}id").endswith(f"accession-number={accession}")
        assert entry["form"] == element.find(f"{ATOM}category").get("term") == content.findtext(f"{ATOM}filing-type")
        assert entry["filed_at"] == content.findtext(f"{ATOM}filing-date")
        updated = datetime.fromisoformat(element.findtext(f"{ATOM}updated"))
        assert updated.utcoffset() is not None
        assert entry["accepted_at"] == updated.astimezone(UTC).isoformat()
        assert entry["url"] == content.findtext(f"{ATOM}filing-href")
        assert entry["amendment"] is (content.find(f"{ATOM}amend") is not None)
        assert entry["file_number"] == content.findtext(f"{ATOM}file-number")
        assert entry["size"] == content.findtext(f"{ATOM}size")
        if entry["form"].startswith("8-K"):
            summary = html.unescape(element.findtext(f"{ATOM}summary") or "")
            assert entry["items"] == re.findall(r"Item (\d+\.\d\d):", summary)
            assert len(entry["item_names"]) == len(entry["items"])
        else:
            assert entry["items"] == []


def check_latest_atom(body: bytes, parse_latest_atom: Callable) -> None:
    assert body.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"')
    recorded = _sidecar("sec_getcurrent_atom_count40.xml")
    assert recorded["response_status"]["code"] == 200
    elements = _xml(body).findall(f"{ATOM}entry")
    assert len(elements) == 40
    expected: dict[str, dict[str, Any]] = {}
    for element in elements:
        accession = element.findtext(f"{ATOM}id").rsplit("=", 1)[1]
        head, cik_part, role_part = element.findtext(f"{ATOM}title").rsplit(" (", 2)
        form, name = head.split(" - ", 1)
        filer = {"name": name.strip(), "cik": cik_part.rstrip(")").zfill(10), "role": role_part.rstrip(")"),
                 "url": element.find(f"{ATOM}link").get("href")}
        filed = re.search(r"Filed:\s*(\d{4}-\d{2}-\d{2})", _flat_text(element.findtext(f"{ATOM}summary")))
        record = expected.setdefault(accession, {
            "form": element.find(f"{ATOM}category").get("term"),
            "filed_at": filed.group(1),
            "accepted_at": datetime.fromisoformat(element.findtext(f"{ATOM}updated")).astimezone(UTC).isoformat(),
            "filers": []})
        if all(f["cik"] != filer["cik"] for f in record["filers"]):
            record["filers"].append(filer)
    records = parse_latest_atom(body)
    assert [r["accession"] for r in records] == list(expected) and len(records) == 20
    for record in records:
        want = expected[record["accession"]]
        assert (record["form"], record["filed_at"], record["accepted_at"]) == \
            (want["form"], want["filed_at"], want["accepted_at"])
        assert record["filers"] == want["filers"]
        # the company a filing is about: Issuer, then Subject, Filer, Filed by, Reporting
        roles = {f["role"]: f for f in reversed(want["filers"])}
        about = next(roles[r] for r in ("Issuer", "Subject", "Filer", "Filed by", "Reporting") if r in roles)
        assert (record["company"], record["cik"], record["url"]) == (about["name"], about["cik"], about["url"])


def check_full_text(body: bytes, parse_full_text: Callable) -> None:
    data = json.loads(body)
    hits = data["hits"]["hits"]
    total = data["hits"]["total"]
    page = parse_full_text(body, WWW)
    assert (page.total, page.relation, page.raw_hits) == (total["value"], total["relation"], len(hits))
    assert page.capped is (total["relation"] == "gte")
    by_filing: dict[str, list[dict[str, Any]]] = {}
    for hit in hits:
        assert hit["_id"].split(":", 1)[0] == hit["_source"]["adsh"]
        by_filing.setdefault(hit["_source"]["adsh"], []).append(hit)
    assert [h["accession"] for h in page.hits] == list(by_filing)
    for record in page.hits:
        group = by_filing[record["accession"]]
        source = group[0]["_source"]
        ciks = [c.zfill(10) for c in source["ciks"]]
        names = {re.search(r"\(CIK (\d+)\)\s*$", d).group(1): d.split("  (")[0].strip()
                 for d in source["display_names"]}
        files = [h["_id"].split(":", 1)[1] for h in group]
        primary = next((h["_id"].split(":", 1)[1] for h in group if h["_source"].get("sequence") in (1, "1")), None)
        assert (record["cik"], record["ciks"], record["company"]) == (ciks[0], ciks, names[ciks[0]])
        assert "  " not in record["company"]
        assert (record["form"], record["filed_at"]) == (source["form"], source["file_date"])
        assert record["document"] == files[0] and record["documents"] == list(dict.fromkeys(files))
        assert record["primary_document"] == primary
        assert record["url"].startswith(f"{WWW}/Archives/edgar/data/{int(ciks[0])}/"
                                        f"{record['accession'].replace('-', '')}/")
        if source["form"].startswith("8-K"):
            assert record["items"] == source["items"]


def check_company_tickers(body: bytes, parse_company_tickers: Callable) -> None:
    data = json.loads(body)
    column = {name: i for i, name in enumerate(data["fields"])}
    expected: dict[str, dict[str, Any]] = {}
    for row in data["data"]:
        ticker = row[column["ticker"]].strip().upper()
        expected.setdefault(ticker, {"cik": f"{int(row[column['cik']]):010d}",
                                     "name": " ".join(row[column["name"]].split()),
                                     "exchange": row[column["exchange"]]})
    tickers = parse_company_tickers(body)
    assert len(tickers) == len(expected) == len(data["data"]) == 10_015
    assert tickers == expected
    assert all(len(v["cik"]) == 10 and v["cik"].isdigit() for v in tickers.values())
    # a stray space in the file ("DAIC ") must not make a ticker nobody can look up
    assert "DAIC" in tickers and not any(k != k.strip() for k in tickers)
    assert tickers["RKLB"] == {"cik": "0001819994", "name": "Rocket Lab USA, Inc.", "exchange": "Nasdaq"}
    assert tickers["BRK-B"]["cik"] == "0001067983"
    assert sum(v["exchange"] is None for v in tickers.values()) == \
        sum(row[column["exchange"]] is None for row in data["data"]) > 0
    # the sidecar: the snapshot predates the Firefly (FLY) and Karman (KRMN) listings
    assert "FLY" not in tickers and "KRMN" not in tickers


def check_form_d(body: bytes, parse_form_d: Callable) -> None:
    root = _xml(body)
    issuer = root.find("primaryIssuer")
    offering = root.find("offeringData")
    sales = offering.find("offeringSalesAmounts")
    parsed = parse_form_d(body)
    assert parsed["submission_type"] == root.findtext("submissionType")
    assert parsed["is_amendment"] is (offering.findtext("typeOfFiling/newOrAmendment/isAmendment") == "true")
    assert parsed["previous_accession"] == offering.findtext("typeOfFiling/newOrAmendment/previousAccessionNumber")
    assert parsed["issuer"]["cik"] == issuer.findtext("cik").zfill(10)
    assert parsed["issuer"]["name"] == issuer.findtext("entityName")
    assert parsed["issuer"]["entity_type"] == issuer.findtext("entityType")
    for key, tag in (("total_offering_amount", "totalOfferingAmount"), ("total_amount_sold", "totalAmountSold"),
                     ("total_remaining", "totalRemaining")):
        assert Decimal(str(parsed[key])) == Decimal(sales.findtext(tag)), key
    assert Decimal(str(parsed["minimum_investment"])) == Decimal(offering.findtext("minimumInvestmentAccepted"))
    assert parsed["currency"] == "USD"
    assert parsed["date_of_first_sale"] == offering.findtext("typeOfFiling/dateOfFirstSale/value")
    exemptions = offering.findall("federalExemptionsExclusions/item")
    assert parsed["federal_exemptions"] == [i.text.strip() for i in exemptions]
    assert parsed["industry_group"] == offering.findtext("industryGroup/industryGroupType")
    industry = offering.findtext("industryGroup/industryGroupType")
    assert parsed["is_pooled_fund"] is (industry == "Pooled Investment Fund")
    assert parsed["investors"]["total"] == int(offering.findtext("investors/totalNumberAlreadyInvested"))
    assert len(parsed["related_persons"]) == len(root.findall("relatedPersonsList/relatedPersonInfo"))
    assert [p["relationships"] for p in parsed["related_persons"]] == [
        [r.text for r in info.iter("relationship")] for info in root.findall("relatedPersonsList/relatedPersonInfo")]
    assert [i["cik"] for i in parsed["other_issuers"]] == [i.findtext("cik") for i in root.findall("issuerList/issuer")]
    assert parsed["signature_date"] == offering.findtext("signatureBlock/signature/signatureDate")
    json.dumps(parsed)


# The dispatch table ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    parsers: tuple[str, ...]  # "module:function", resolved when the row runs, passed to check in order
    check: Callable[..., None]  # check(body, *parsers)


TABLE: dict[str, Row] = {
    # news: RSS 2.0 feeds through the news family's parser
    "news_nasa_rss.xml": Row(("extractors.news:parse_feed",), check_news_rss),
    "news_spacenews_rss.xml": Row(("extractors.news:parse_feed",), check_news_rss),
    "sec_press_releases.rss": Row(("extractors.news:parse_feed",), check_news_rss),
    # awards: FPDS ATOM pages, USAspending contracts (API Blueprint), SAM.gov opportunities doc
    "fpds_atom_feed_page_10_entries_2020-04-02.xml":
        Row(("extractors.fpds:parse_feed", "extractors.fpds:award_from_entry"), check_fpds_feed),
    "fpds_atom_feed_gsa_4740_reserialized.xml":
        Row(("extractors.fpds:parse_feed", "extractors.fpds:award_from_entry"), check_fpds_feed),
    "usaspending_contract_spending_by_award.md":
        Row(("extractors.usaspending:parse_search_page", "extractors.usaspending:award_from_row"),
            check_usaspending_search),
    "usaspending_contract_award_id.md":
        Row(("extractors.usaspending:award_from_row", "extractors.usaspending:merge_detail"),
            check_usaspending_detail),
    "samgov_get_opportunities_public_api.md":
        Row(("extractors.sam:parse_opportunities", "extractors.sam:award_from_opportunity"), check_sam_opportunities),
    # EDGAR. The clock each submissions file writes acceptanceDateTime in is proved by the file itself
    # (_acceptance_clock): the 2026 recordings are real UTC, the older fixture and the overflow page Eastern.
    "sec_submissions_CIK0001889983_keen_vision.json":
        Row(("extractors.edgar:parse_submissions", "extractors.edgar:filing_from_row"), check_submissions("eastern")),
    "sec_submissions_CIK0001881551_operating_company.json":
        Row(("extractors.edgar:parse_submissions", "extractors.edgar:filing_from_row"), check_submissions("utc")),
    "sec_submissions_CIK0001771340.json":
        Row(("extractors.edgar:parse_submissions", "extractors.edgar:filing_from_row"), check_submissions("utc")),
    "sec_submissions_CIK0001009672-submissions-001.json":
        Row(("extractors.edgar:parse_submissions_page", "extractors.edgar:parse_acceptance"), check_submissions_page),
    "sec_submissions_404_bad_cik.xml":
        Row(("extractors.edgar:parse_s3_error", "extractors.edgar:parse_submissions"), check_s3_error),
    "sec_browse_edgar_getcompany_atom_keen_vision.xml":
        Row(("extractors.edgar:parse_company_atom",), check_company_atom),
    "sec_browse_edgar_getcompany_atom_S-1_maquia.xml":
        Row(("extractors.edgar:parse_company_atom",), check_company_atom),
    "sec_getcurrent_atom_count40.xml": Row(("extractors.edgar:parse_latest_atom",), check_latest_atom),
    "sec_efts_search_index_maquia.json": Row(("extractors.edgar:parse_full_text",), check_full_text),
    "sec_efts_search_forms_S-1.json": Row(("extractors.edgar:parse_full_text",), check_full_text),
    "sec_company_tickers_exchange.json": Row(("extractors.edgar:parse_company_tickers",), check_company_tickers),
    # funding: Form D primary_doc.xml
    "sec_formD_primary_doc_D.Shepards.xml": Row(("extractors.form_d:parse_form_d",), check_form_d),
    "sec_formD_primary_doc_D.APFund.xml": Row(("extractors.form_d:parse_form_d",), check_form_d),
}


def _resolve(spec: str) -> Callable:
    module_name, function = spec.split(":")
    module = importlib.import_module(module_name)
    assert hasattr(module, function), f"the table names {spec}, which does not exist"
    return getattr(module, function)


def _payload_names() -> set[str]:
    return {p.name for p in SAMPLES.iterdir() if p.is_file() and p.name != "README.md" and ".source." not in p.name}


# Tests --------------------------------------------------------------------------------------------
def test_every_sample_payload_is_in_the_table():
    missing = sorted(_payload_names() - set(TABLE))
    assert not missing, f"sample payloads with no row in TABLE (add the parser and checks that prove them): {missing}"


def test_the_table_names_only_existing_samples():
    stale = sorted(set(TABLE) - _payload_names())
    assert not stale, f"TABLE rows whose sample is gone from {SAMPLES}: {stale}"


@pytest.mark.parametrize("name", sorted(TABLE))
def test_sample_parses_to_correct_records(name):
    row = TABLE[name]
    parsers = [_resolve(spec) for spec in row.parsers]
    row.check((SAMPLES / name).read_bytes(), *parsers)
