"""FPDS-NG public ATOM feed: federal contract actions (awards, task orders, modifications, IDVs).

One source per configured query (id ``fpds:<query id>``), read as
``GET <base_url>?FEEDNAME=PUBLIC&VERSION=1.5.3&q=<query> LAST_MOD_DATE:[from,to]&start=0`` and the
feed's ``rel="next"`` links, ten entries a page. Each entry is one contract action and becomes
one award document.

Quirks handled here:
- Parsed with defusedxml's ElementTree, not feedparser: feedparser flattens the nested award
  into ``ns1_piid``-style keys and loses which PIID is the award's and which the parent IDV's.
  Elements are found by namespace URI (``https://www.fpds.gov/FPDS``, Atom), never by prefix:
  the wire format writes ``ns1:``, a re-serialised copy writes ``ns0:``/``ns1:`` differently.
- Entry documents are ``award`` or ``IDV`` (and the OtherTransaction variants); the id block is
  ``awardID/awardContractID`` or ``contractID/IDVID``, with ``referencedIDVID`` for the parent.
- Entries have no ``<id>``. The key is agencyID + PIID + modNumber + transactionNumber, plus the
  referenced IDV PIID: task orders under different IDVs commonly share PIID "0001".
- Timestamps have no zone (``2020-04-02 07:30:45``): US Eastern local time, converted to UTC.
- ``<vendorHeader/>`` can be empty: the name then comes from ``UEILegalBusinessName``, then
  ``contractorName``.
- Amounts are decimal strings; modifications can be negative (deobligations).
- The ``rel="next"`` href is absolute and names the public host. When the configured base URL is
  another host (a proxy, a mirror, the replay server), the href's path and query are kept and
  put on the configured host: following the public host would bypass the proxy, and following
  any host a feed names would let a feed send us anywhere.
- LAST_MOD_DATE is a day range in FPDS's local (Eastern) calendar; FPDS loads daily, so the next
  window starts the day before this run's end and entries already seen unchanged are skipped.
- Hostile XML (DTDs, entity declarations) is refused before anything is expanded.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as StdET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import defusedxml
import defusedxml.ElementTree as SafeET

from extractors.awards import (
    EASTERN,
    Award,
    attach_raw,
    award_document,
    check_keys,
    config_bool,
    config_error,
    config_int,
    config_queries,
    config_text,
    config_url,
    eastern_to_utc,
    parse_amount,
    parse_day,
    send,
)
from extractors.base import Source, SourceContext, SourceResult, SourceState
from extractors.errors import FeedParseError, HTTPStatusError, SourceError
from spacemine.records import Document

LABEL = "FPDS"
ATOM = "{http://www.w3.org/2005/Atom}"
FPDS = "{https://www.fpds.gov/FPDS}"
FEED_VERSION = "1.5.3"
ACCEPT = "application/atom+xml, application/xml;q=0.9, */*;q=0.1"
DOCUMENT_CATEGORY = {"award": "contract", "IDV": "idv", "OtherTransactionAward": "contract",
                     "OtherTransactionIDV": "idv"}


@dataclass(frozen=True)
class Query:
    id: str
    name: str
    q: str


@dataclass
class FeedPage:
    awards: list[Award]
    next_href: str | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)


# Pure parsing -------------------------------------------------------------------------------
def _el(parent: Any, path: str) -> Any:
    """The element at a slash path of FPDS-namespace local names (None when absent)."""
    if parent is None:
        return None
    return parent.find("/".join(FPDS + part for part in path.split("/")))


def _text(parent: Any, path: str) -> str | None:
    element = _el(parent, path)
    if element is None or element.text is None:
        return None
    return " ".join(element.text.split()) or None


def _attr(parent: Any, path: str, name: str) -> str | None:
    element = _el(parent, path)
    value = element.get(name) if element is not None else None
    return " ".join(value.split()) if value and value.strip() else None


def parse_xml(body: bytes) -> Any:
    """The feed's root element; hostile or malformed XML is a FeedParseError."""
    body = body.lstrip()
    if not body:
        raise FeedParseError("empty body where an FPDS ATOM feed was expected")
    head = body[:200].lower()
    if head.startswith((b"<!doctype html", b"<html")):
        # An error page's <!DOCTYPE html> would otherwise be reported as a refused DTD.
        raise FeedParseError("not an FPDS ATOM feed: an HTML page came back instead")
    try:
        root = SafeET.fromstring(body, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        raise FeedParseError(f"refused: the FPDS feed declares a DTD or entities ({type(exc).__name__})") from exc
    except StdET.ParseError as exc:
        raise FeedParseError(f"malformed FPDS feed: {exc}") from exc
    if root.tag != ATOM + "feed":
        raise FeedParseError(f"not an FPDS ATOM feed: the root element is <{root.tag.split('}')[-1]}>")
    return root


def parse_feed(body: bytes) -> FeedPage:
    """One ATOM page: its contract actions, in feed order, and the next-page href."""
    root = parse_xml(body)
    page = FeedPage(awards=[], title=" ".join((root.findtext(ATOM + "title") or "").split()) or None)
    for link in root.findall(ATOM + "link"):
        if link.get("rel") == "next" and link.get("href"):
            page.next_href = link.get("href").strip()
    for index, entry in enumerate(root.findall(ATOM + "entry")):
        try:
            award = award_from_entry(entry)
        except ValueError as exc:
            page.warnings.append(f"skipped entry {index + 1}: {exc}")
            continue
        page.awards.append(award)
    return page


def _document(entry: Any) -> Any:
    content = entry.find(ATOM + "content")
    if content is None:
        return None
    for child in content:
        if isinstance(child.tag, str) and child.tag.startswith(FPDS):
            return child
    return None


def _ids(document: Any) -> tuple[Any, Any]:
    """(own id block, referenced IDV block) for award, IDV and OtherTransaction documents.

    The id container is the document's first child (awardID, contractID, ...). Its child that
    is not ``referencedIDVID`` holds the action's own agencyID/PIID/modNumber.
    """
    container = next((c for c in document if isinstance(c.tag, str)), None)
    if container is None:
        return None, None
    own = next((c for c in container if isinstance(c.tag, str) and c.tag != FPDS + "referencedIDVID"), None)
    return own, container.find(FPDS + "referencedIDVID")


def entry_key(agency: str | None, piid: str | None, mod: str | None, transaction: str | None,
              parent_piid: str | None) -> str:
    """agencyID:PIID:modNumber:transactionNumber[:referenced IDV PIID] (FPDS entries have no id)."""
    key = ":".join(part or "" for part in (agency, piid, mod or "0", transaction or "0"))
    return f"{key}:{parent_piid}" if parent_piid else key


def award_from_entry(entry: Any) -> Award:
    """One ATOM entry as an Award; ValueError when it holds no FPDS document or no PIID."""
    document = _document(entry)
    if document is None:
        raise ValueError("no FPDS award or IDV in <content>")
    doc_type = document.tag[len(FPDS):]
    own, referenced = _ids(document)
    piid = _text(own, "PIID")
    if not piid:
        raise ValueError(f"an FPDS {doc_type} without a PIID")
    agency_id = _text(own, "agencyID")
    mod = _text(own, "modNumber") or "0"
    transaction = _text(own, "transactionNumber") or "0"
    parent_piid = _text(referenced, "PIID")
    dates = _el(document, "relevantContractDates")
    purchaser = _el(document, "purchaserInformation")
    contract = _el(document, "contractData")
    product = _el(document, "productOrServiceInformation")
    vendor = _el(document, "vendor")
    uei_info = _el(vendor, "vendorSiteDetails/entityIdentifiers/vendorUEIInformation")
    # An empty <vendorHeader/> is common: fall back to the UEI legal name, then contractorName.
    recipient = (_text(vendor, "vendorHeader/vendorName") or _text(uei_info, "UEILegalBusinessName")
                 or _text(vendor, "contractorName"))
    modified = eastern_to_utc(entry.findtext(ATOM + "modified")) or eastern_to_utc(
        _text(document, "transactionInformation/lastModifiedDate"))
    link = next((lnk.get("href") for lnk in entry.findall(ATOM + "link") if lnk.get("rel") in (None, "alternate")),
                None)
    end = _text(dates, "currentCompletionDate") or _text(dates, "lastDateToOrder")
    return Award(
        system="fpds",
        key=entry_key(agency_id, piid, mod, transaction, parent_piid),
        category=DOCUMENT_CATEGORY.get(doc_type, "other"),
        piid=piid,
        parent_piid=parent_piid,
        mod_number=mod,
        transaction_number=transaction,
        award_type=_attr(contract, "contractActionType", "description"),
        action_type=_attr(contract, "contractActionType", "description"),
        modification_reason=_attr(contract, "reasonForModification", "description"),
        obligation=parse_amount(_text(document, "dollarValues/obligatedAmount")),
        ceiling=parse_amount(_text(document, "totalDollarValues/totalBaseAndAllOptionsValue")
                             or _text(document, "dollarValues/baseAndAllOptionsValue")),
        ceiling_change=parse_amount(_text(document, "dollarValues/baseAndAllOptionsValue")),
        total=parse_amount(_text(document, "totalDollarValues/totalObligatedAmount")),
        signed=parse_day(_text(dates, "signedDate")),
        start=parse_day(_text(dates, "effectiveDate")),
        end=parse_day(end),
        last_modified=modified,
        recipient_name=recipient,
        recipient_uei=_text(uei_info, "UEI"),
        recipient_parent=_text(uei_info, "ultimateParentUEIName"),
        agency_name=(_attr(purchaser, "contractingOfficeAgencyID", "departmentName")
                     or _attr(purchaser, "contractingOfficeAgencyID", "name") or _attr(own, "agencyID", "name")),
        agency_code=_attr(purchaser, "contractingOfficeAgencyID", "departmentID"),
        sub_agency=_attr(purchaser, "contractingOfficeAgencyID", "name") or _attr(own, "agencyID", "name"),
        office=_attr(purchaser, "contractingOfficeID", "name"),
        description=_text(contract, "descriptionOfContractRequirement"),
        naics=_text(product, "principalNAICSCode"),
        naics_description=_attr(product, "principalNAICSCode", "description"),
        psc=_text(product, "productOrServiceCode"),
        psc_description=_attr(product, "productOrServiceCode", "description"),
        url=link,
        extra={k: v for k, v in {
            "document_type": doc_type,
            "agency_id": agency_id,
            "feed_title": " ".join((entry.findtext(ATOM + "title") or "").split()) or None,
            "pricing": _attr(contract, "typeOfContractPricing", "description"),
            "solicitation_id": _text(contract, "solicitationID"),
            "status": _attr(document, "transactionInformation/status", "description"),
            "program_text": " ".join(v for v in (_text(contract, "majorProgramCode"),
                                                 _text(contract, "programAcronym")) if v) or None,
        }.items() if v is not None},
    )


def next_page_url(href: str | None, base_url: str) -> str | None:
    """The next page to fetch: the href itself on the configured host, else rebased onto it.

    FPDS next links name the public host even when the feed is read through a proxy (and the
    demo's recorded feeds name ``replay.invalid``); the path and query are kept, the scheme and
    host come from the configured base URL.
    """
    if not href:
        return None
    target, base = urlsplit(href), urlsplit(base_url)
    if not target.netloc:  # a relative href
        return urlunsplit((base.scheme, base.netloc, target.path or base.path, target.query, ""))
    if target.netloc.lower() == base.netloc.lower() and target.scheme == base.scheme:
        return href
    return urlunsplit((base.scheme, base.netloc, target.path, target.query, ""))


# The source ---------------------------------------------------------------------------------
class FPDSSource:
    """One configured FPDS ATOM search."""

    family = "awards"

    def __init__(self, query: Query, base_url: str, *, max_pages: int = 20, lookback_days: int = 30,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.query = query
        self.base_url = base_url.rstrip("/")
        self.max_pages = max_pages
        self.lookback_days = lookback_days
        self.sleep = sleep
        self.id = f"fpds:{query.id}"
        self.name = query.name
        self.url = self.base_url

    def __repr__(self) -> str:
        return f"FPDSSource({self.id!r})"

    def window(self, ctx: SourceContext) -> tuple[date, date]:
        today = ctx.now.astimezone(EASTERN).date()
        since = (ctx.state.cursor or {}).get("since")
        try:
            start = date.fromisoformat(since) if since else today - timedelta(days=self.lookback_days)
        except (TypeError, ValueError):
            start = today - timedelta(days=self.lookback_days)
        return min(start, today), today

    def first_params(self, start: date, end: date) -> dict[str, str]:
        q = f"{self.query.q} LAST_MOD_DATE:[{start:%Y/%m/%d},{end:%Y/%m/%d}]"
        return {"FEEDNAME": "PUBLIC", "VERSION": FEED_VERSION, "q": q, "start": "0"}

    def collect(self, ctx: SourceContext) -> SourceResult:
        cursor = dict(ctx.state.cursor or {})
        previous: dict[str, str] = dict(cursor.get("seen") or {})
        start, end = self.window(ctx)
        raws: list = []
        warnings: list[str] = []
        documents: dict[str, Document] = {}
        seen: dict[str, str] = {}
        visited: set[str] = set()
        url: str | None = None
        params: dict[str, str] | None = self.first_params(start, end)
        pages = 0
        try:
            while True:
                response = send(ctx, "GET", url or self.base_url, params=params, accept=ACCEPT, label=LABEL,
                                sleep=self.sleep)
                params = None
                visited.add(response.url)
                page_raw = response.raw()
                raws.append(page_raw)
                page = parse_feed(response.body)
                pages += 1
                warnings += [f"{self.id}: {w}" for w in page.warnings]
                for award in page.awards:
                    document = award_document(award, self.id, ctx.now, page_raw.fetch_id(self.id))
                    if award.key in seen:
                        continue
                    seen[award.key] = document.content_hash[:16]
                    if previous.get(award.key) == seen[award.key]:
                        continue  # already delivered, unchanged
                    documents[award.key] = document
                url = next_page_url(page.next_href, self.base_url)
                if not url:
                    break
                if url in visited:
                    warnings.append(f"{self.id}: the feed's next link points back at a page already read; stopped")
                    break
                if pages >= self.max_pages:
                    warnings.append(f"{self.id}: stopped after max_pages={self.max_pages} pages "
                                    f"({pages * 10} actions) with more left; narrow the query or raise "
                                    "sources.fpds.max_pages")
                    break
        except SourceError as exc:
            raws += [r for r in getattr(exc, "raw", []) or [] if r not in raws]
            message = f"{exc} (query '{self.query.id}', page {pages + 1})"
            if not documents:
                failure = type(exc)(message, exc.status) if isinstance(exc, HTTPStatusError) else type(exc)(message)
                raise attach_raw(failure, raws) from exc
            return SourceResult(documents=list(documents.values()), raw=raws, state=None, warnings=warnings,
                                error=message, error_kind=exc.kind)
        state = SourceState(cursor={
            "since": max(end - timedelta(days=1), start).isoformat(),
            "completed": True,
            "seen": seen,
        })
        return SourceResult(documents=list(documents.values()), raw=raws, state=state, warnings=warnings)


# Config -------------------------------------------------------------------------------------
_TOP_KEYS = ("enabled", "base_url", "max_pages", "lookback_days", "queries")
_QUERY_KEYS = ("id", "name", "q")


def sources_from_config(config: Mapping[str, Any], user_agent: str, *,
                        sleep: Callable[[float], None] = time.sleep) -> list[Source]:
    """The FPDS sources of ``sources.fpds`` ([] when ``enabled`` is false)."""
    where = "sources.fpds"
    if not isinstance(config, Mapping):
        raise config_error(f"{where} must be a mapping")
    if not config_bool(config, "enabled", where, True):
        return []
    check_keys(config, _TOP_KEYS, where)
    base_url = config_url(config, "base_url", where)
    max_pages = config_int(config, "max_pages", where, 20)
    lookback = config_int(config, "lookback_days", where, 30)
    sources: list[Source] = []
    for here, raw in config_queries(config, where):
        check_keys(raw, _QUERY_KEYS, here)
        q = config_text(raw, "q", here, required=True)
        if "LAST_MOD_DATE" in q.upper():
            raise config_error(f"{here}.q: leave LAST_MOD_DATE out; spacemine adds the window itself")
        query = Query(id=raw["id"], name=config_text(raw, "name", here) or raw["id"], q=q)
        sources.append(FPDSSource(query, base_url, max_pages=max_pages, lookback_days=lookback, sleep=sleep))
    return sources
