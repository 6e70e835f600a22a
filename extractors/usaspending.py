"""USAspending.gov API v2: award summaries for configured searches, as award documents.

One source per configured query (id ``usaspending:<query id>``). A run:

1. ``GET /api/v2/awards/last_updated/`` first. USAspending reloads once a day; when the date is
   the one stored after the last complete run, nothing else is fetched (``not_modified``).
2. ``POST /api/v2/search/spending_by_award/`` per award-type group (contracts, IDVs, grants),
   page 1, 2, ... until ``page_metadata.hasNext`` is false or ``max_pages`` (then a warning).
3. ``GET /api/v2/awards/<generated_internal_id>/`` for each new or changed award when
   ``fetch_details`` is on: only the detail has the ceiling (``base_and_all_options``), the
   parent IDV, the signing date and the period of performance.

Quirks handled here:
- ``award_type_codes`` must come from ONE group per request: mixing contracts and IDVs gets HTTP
  422 "'award_type_codes' must only contain types from one group" (usaspending-api
  ``api_helper.py``). Groups are queried separately; a 422 still becomes a SourceError quoting
  the API's ``detail`` and naming the query and group.
- The fields a search may ask for depend on the group (``spending_by_award.md``): IDVs have
  "Last Date to Order" and no "End Date"; grants have "Award Type" and "CFDA Number" but no
  "Contract Award Type", "NAICS" or "PSC". Each group asks for its own list.
- ``time_period`` with ``date_type: last_modified_date`` filters on the FPDS/FABS modification
  date, not the day USAspending loaded the record, which can be days later. The next window
  therefore starts ``OVERLAP_DAYS`` before this run's end; awards seen with an unchanged summary
  row are skipped (no detail fetched, no document), so the overlap costs one page, not new rows.
- Dates before 2007-10-01 are refused by the API; the window is clamped.
- ``generated_internal_id`` (``CONT_AWD_<PIID>_<agency>_<parent IDV PIID>_<agency>``) is the
  stable key. It also names the parent IDV, so a task order is recognised even without the
  detail call.
- NAICS and PSC come back either as codes or as ``{"code", "description"}`` objects: both read.
- ``last_modified_date`` is FPDS's Eastern local time without a zone (see awards.eastern_to_utc).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from extractors.awards import (
    EASTERN,
    Award,
    Response,
    attach_raw,
    award_document,
    check_keys,
    config_bool,
    config_error,
    config_int,
    config_queries,
    config_text,
    config_texts,
    config_url,
    eastern_to_utc,
    parse_amount,
    parse_day,
    send,
)
from extractors.base import Source, SourceContext, SourceResult, SourceState
from extractors.errors import FeedParseError, FetchTimeout, HTTPStatusError, SourceError, TransportError
from spacemine.records import Document, stable_id

LABEL = "USAspending"
SEARCH_PATH = "/api/v2/search/spending_by_award/"
LAST_UPDATED_PATH = "/api/v2/awards/last_updated/"
DETAIL_PATH = "/api/v2/awards/{}/"
HUMAN_URL = "https://www.usaspending.gov/award/{}"
EARLIEST = date(2007, 10, 1)
OVERLAP_DAYS = 7

AWARD_TYPE_GROUPS: dict[str, tuple[str, ...]] = {
    "contracts": ("A", "B", "C", "D"),
    "idvs": ("IDV_A", "IDV_B", "IDV_B_A", "IDV_B_B", "IDV_B_C", "IDV_C", "IDV_D", "IDV_E"),
    "grants": ("02", "03", "04", "05"),
}
GROUP_CATEGORY = {"contracts": "contract", "idvs": "idv", "grants": "grant"}

_BASE_FIELDS = ("Award ID", "Recipient Name", "Recipient UEI", "Award Amount", "Description", "Awarding Agency",
                "Awarding Sub Agency", "Start Date")
SEARCH_FIELDS: dict[str, tuple[str, ...]] = {
    # SOURCES.md §3, plus the award type.
    "contracts": _BASE_FIELDS + ("End Date", "Last Modified Date", "Base Obligation Date", "Contract Award Type",
                                 "NAICS", "PSC", "generated_internal_id"),
    "idvs": _BASE_FIELDS + ("Last Date to Order", "Last Modified Date", "Base Obligation Date", "Contract Award Type",
                            "NAICS", "PSC", "generated_internal_id"),
    "grants": _BASE_FIELDS + ("End Date", "Last Modified Date", "Base Obligation Date", "Award Type", "CFDA Number",
                              "generated_internal_id"),
}


@dataclass(frozen=True)
class Query:
    id: str
    name: str
    agency: str | None = None
    keywords: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    award_type_groups: tuple[str, ...] = ("contracts",)


# Pure parsing -------------------------------------------------------------------------------
def search_body(query: Query, group: str, start: date, end: date, page: int, page_size: int) -> dict[str, Any]:
    """The spending_by_award request for one query, one award-type group and one page."""
    filters: dict[str, Any] = {"award_type_codes": list(AWARD_TYPE_GROUPS[group])}
    if query.agency:
        filters["agencies"] = [{"type": "awarding", "tier": "toptier", "name": query.agency}]
    if query.keywords:
        filters["keywords"] = list(query.keywords)
    if query.recipients:
        filters["recipient_search_text"] = list(query.recipients)
    filters["time_period"] = [{"start_date": start.isoformat(), "end_date": end.isoformat(),
                               "date_type": "last_modified_date"}]
    return {
        "subawards": False,
        "limit": page_size,
        "page": page,
        "sort": "Award Amount",
        "order": "desc",
        "filters": filters,
        "fields": list(SEARCH_FIELDS[group]),
    }


def parse_search_page(data: Any) -> tuple[list[dict[str, Any]], bool]:
    """(result rows, has_next) from a spending_by_award response (already JSON-decoded)."""
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise FeedParseError("USAspending search: the response has no 'results' list")
    rows = [row for row in data["results"] if isinstance(row, dict)]
    meta = _obj(data.get("page_metadata"))
    return rows, bool(meta.get("hasNext"))


def parse_last_updated(data: Any) -> str | None:
    """The ``last_updated`` value of /awards/last_updated/ (kept as the API writes it)."""
    if isinstance(data, dict) and isinstance(data.get("last_updated"), str) and data["last_updated"].strip():
        return data["last_updated"].strip()
    return None


def _obj(value: Any) -> Mapping[str, Any]:
    """A nested object of the response, or {} when it is missing or of another shape (the
    readers below call ``.get`` on it; ``"recipient": true`` broke them with AttributeError)."""
    return value if isinstance(value, Mapping) else {}


def _scalar(value: Any) -> str | int | None:
    """A value copied into the payload's ``extra``: text or a whole number as the API wrote it;
    anything else (NaN, Infinity, objects) is None, so the payload stays valid JSON."""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    return None


def _code(value: Any) -> tuple[str | None, str | None]:
    """A NAICS/PSC value as (code, description), whether a code or a {"code", "description"} object."""
    if isinstance(value, dict):
        return (str(value["code"]) if value.get("code") else None), value.get("description")
    if value in (None, ""):
        return None, None
    return str(value), None


def parent_from_generated_id(generated_id: str | None) -> str | None:
    """The parent IDV PIID named in ``CONT_AWD_<PIID>_<agency>_<parent PIID>_<agency>``."""
    if not isinstance(generated_id, str) or not generated_id.startswith("CONT_AWD_"):
        return None
    parts = generated_id.split("_")
    if len(parts) != 6 or parts[4] in ("-NONE-", ""):
        return None
    return parts[4]


def award_from_row(row: Mapping[str, Any], group: str) -> Award:
    """An award from one search result row (the summary: no ceiling, no parent details)."""
    generated = _scalar(row.get("generated_internal_id"))
    internal = _scalar(row.get("internal_id"))
    key = str(generated or (f"internal:{internal}" if internal is not None else
                            f"award:{_scalar(row.get('Award ID'))}"))
    category = GROUP_CATEGORY.get(group, "other")
    award_id = row.get("Award ID")
    naics, naics_description = _code(row.get("NAICS"))
    psc, psc_description = _code(row.get("PSC"))
    obligation = parse_amount(row.get("Award Amount"))
    return Award(
        system="usaspending",
        key=key,
        category=category,
        piid=award_id if category != "grant" else None,
        fain=award_id if category == "grant" else None,
        parent_piid=parent_from_generated_id(generated),
        award_type=row.get("Contract Award Type") or row.get("Award Type"),
        obligation=obligation,
        total=obligation,
        signed=parse_day(row.get("Base Obligation Date")),
        start=parse_day(row.get("Start Date")),
        end=parse_day(row.get("End Date") or row.get("Last Date to Order")),
        last_modified=eastern_to_utc(row.get("Last Modified Date")),
        recipient_name=row.get("Recipient Name"),
        recipient_uei=row.get("Recipient UEI"),
        agency_name=row.get("Awarding Agency"),
        sub_agency=row.get("Awarding Sub Agency"),
        description=row.get("Description"),
        naics=naics,
        naics_description=naics_description,
        psc=psc,
        psc_description=psc_description,
        url=HUMAN_URL.format(quote(key, safe="")) if generated else None,
        extra={k: v for k, v in {"generated_internal_id": generated, "internal_id": internal,
                                 "award_type_group": group, "cfda_number": _scalar(row.get("CFDA Number"))}.items()
               if v is not None},
    )


_DETAIL_CATEGORY = {"contract": "contract", "idv": "idv", "grant": "grant"}


def merge_detail(award: Award, detail: Mapping[str, Any]) -> Award:
    """The summary completed by the award detail: ceiling, parent IDV, dates, codes, recipient.

    ``total_obligation`` is the award's obligation to date; ``base_and_all_options`` its
    ceiling (null for assistance). The detail's values win over the summary row's.
    """
    if not isinstance(detail, Mapping):
        raise FeedParseError("USAspending award detail: the response is not a JSON object")
    period = _obj(detail.get("period_of_performance"))
    recipient = _obj(detail.get("recipient"))
    awarding = _obj(detail.get("awarding_agency"))
    toptier = _obj(awarding.get("toptier_agency"))
    subtier = _obj(awarding.get("subtier_agency"))
    parent = _obj(detail.get("parent_award"))
    contract = _obj(detail.get("latest_transaction_contract_data"))
    naics, naics_description = contract.get("naics"), contract.get("naics_description")
    if not naics:
        naics, naics_description = _code(_obj(detail.get("naics_hierarchy")).get("base_code") or None)
    psc, psc_description = contract.get("product_or_service_code"), contract.get("product_or_service_description")
    if not psc:
        psc, psc_description = _code(_obj(detail.get("psc_hierarchy")).get("base_code") or None)
    category = _DETAIL_CATEGORY.get(str(detail.get("category") or ""), award.category if detail.get("category") is None
                                    else "other")
    obligation = parse_amount(detail.get("total_obligation"))
    cfda_info = detail.get("cfda_info")
    cfda = [c for c in cfda_info if isinstance(c, Mapping)] if isinstance(cfda_info, list) else []
    extra = dict(award.extra)
    if cfda:
        extra["cfda_number"] = _scalar(cfda[0].get("cfda_number"))
        extra["cfda_title"] = _scalar(cfda[0].get("cfda_title"))
    if _scalar(detail.get("type")):
        extra["type_code"] = _scalar(detail["type"])
    extra["program_text"] = " ".join(
        str(v) for v in (_scalar(contract.get("major_program")), _scalar(contract.get("program_acronym")),
                         _scalar(cfda[0].get("cfda_title")) if cfda else None) if v)
    return award.with_(
        category=category,
        piid=detail.get("piid") or award.piid,
        fain=detail.get("fain") or award.fain,
        parent_piid=parent.get("piid") or award.parent_piid,
        award_type=detail.get("type_description") or award.award_type,
        obligation=obligation if obligation is not None else award.obligation,
        total=obligation if obligation is not None else award.total,
        ceiling=parse_amount(detail.get("base_and_all_options")),
        signed=parse_day(detail.get("date_signed")) or award.signed,
        start=parse_day(period.get("start_date")) or award.start,
        end=parse_day(period.get("end_date")) or award.end,
        last_modified=eastern_to_utc(period.get("last_modified_date")) or award.last_modified,
        recipient_name=recipient.get("recipient_name") or award.recipient_name,
        recipient_uei=recipient.get("recipient_uei") or award.recipient_uei,
        recipient_parent=recipient.get("parent_recipient_name"),
        agency_name=toptier.get("name") or award.agency_name,
        agency_code=toptier.get("code"),
        sub_agency=subtier.get("name") or award.sub_agency,
        office=awarding.get("office_agency_name"),
        description=detail.get("description") or award.description,
        naics=str(naics) if naics else award.naics,
        naics_description=naics_description or award.naics_description,
        psc=str(psc) if psc else award.psc,
        psc_description=psc_description or award.psc_description,
        extra=extra,
    )


def row_fingerprint(row: Mapping[str, Any]) -> str:
    """A short hash of a summary row: unchanged row, unchanged award (no detail call, no document)."""
    return stable_id(json.dumps(row, sort_keys=True, default=str), length=16)


# The source ---------------------------------------------------------------------------------
class USAspendingSource:
    """One configured USAspending search (all its award-type groups)."""

    family = "awards"

    def __init__(self, query: Query, base_url: str, *, page_size: int = 100, max_pages: int = 50,
                 lookback_days: int = 180, fetch_details: bool = True,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.query = query
        self.base_url = base_url.rstrip("/")
        self.page_size = page_size
        self.max_pages = max_pages
        self.lookback_days = lookback_days
        self.fetch_details = fetch_details
        self.sleep = sleep
        self.id = f"usaspending:{query.id}"
        self.name = query.name
        self.url = self.base_url + SEARCH_PATH

    def __repr__(self) -> str:
        return f"USAspendingSource({self.id!r})"

    def _send(self, ctx: SourceContext, method: str, path: str, body: Any = None) -> Response:
        return send(ctx, method, self.base_url + path, json_body=body, label=LABEL, sleep=self.sleep)

    def window(self, ctx: SourceContext) -> tuple[date, date]:
        """(start, end) of the last-modified window: from the cursor, else ``lookback_days`` back."""
        today = ctx.now.astimezone(EASTERN).date()
        since = (ctx.state.cursor or {}).get("since")
        try:
            start = date.fromisoformat(since) if since else today - timedelta(days=self.lookback_days)
        except (TypeError, ValueError):
            start = today - timedelta(days=self.lookback_days)
        return min(max(start, EARLIEST), today), today

    def collect(self, ctx: SourceContext) -> SourceResult:
        cursor = dict(ctx.state.cursor or {})
        raws = []
        response = self._send(ctx, "GET", LAST_UPDATED_PATH)
        raws.append(response.raw())
        warnings: list[str] = []
        last_updated = parse_last_updated(response.json(f"{LABEL} last_updated"))
        if last_updated is None:
            warnings.append(f"{self.id}: /awards/last_updated/ gave no date; searching anyway")
        elif cursor.get("completed") and cursor.get("last_updated") == last_updated:
            return SourceResult(raw=raws, state=None, not_modified=True)

        start, end = self.window(ctx)
        previous: dict[str, str] = dict(cursor.get("seen") or {})
        seen: dict[str, str] = {}
        documents: dict[str, Document] = {}
        group = self.query.award_type_groups[0]
        try:
            for group in self.query.award_type_groups:
                self._collect_group(ctx, group, start, end, previous, seen, documents, raws, warnings)
        except SourceError as exc:
            raws += [r for r in getattr(exc, "raw", []) or [] if r not in raws]
            message = f"{exc} (query '{self.query.id}', group '{group}')"
            if not documents:
                failure = type(exc)(message, exc.status) if isinstance(exc, HTTPStatusError) else type(exc)(message)
                raise attach_raw(failure, raws) from exc
            return SourceResult(documents=list(documents.values()), raw=raws, state=None, warnings=warnings,
                                error=message, error_kind=exc.kind)
        state = SourceState(cursor={
            "last_updated": last_updated,
            "completed": True,
            "since": max(end - timedelta(days=OVERLAP_DAYS), start).isoformat(),
            "seen": seen,
        })
        return SourceResult(documents=list(documents.values()), raw=raws, state=state, warnings=warnings)

    def _collect_group(self, ctx: SourceContext, group: str, start: date, end: date, previous: dict[str, str],
                       seen: dict[str, str], documents: dict[str, Document], raws: list, warnings: list[str]) -> None:
        for page in range(1, self.max_pages + 1):
            body = search_body(self.query, group, start, end, page, self.page_size)
            response = self._send(ctx, "POST", SEARCH_PATH, body)
            page_raw = response.raw()
            raws.append(page_raw)
            rows, has_next = parse_search_page(response.json(f"{LABEL} search"))
            for row in rows:
                award = award_from_row(row, group)
                fingerprint = row_fingerprint(row)
                if award.key in seen:
                    continue
                seen[award.key] = fingerprint
                if previous.get(award.key) == fingerprint:
                    continue  # unchanged since the last run
                raw_id = page_raw.fetch_id(self.id)
                if self.fetch_details and award.extra.get("generated_internal_id"):
                    detailed = self._detail(ctx, award, raws, warnings)
                    if detailed is None:
                        seen.pop(award.key, None)  # fetch the detail again next run
                    else:
                        award, raw_id = detailed
                documents[award.key] = award_document(award, self.id, ctx.now, raw_id)
            if not has_next:
                return
        warnings.append(f"{self.id}: stopped after max_pages={self.max_pages} pages of {group} "
                        f"({self.max_pages * self.page_size} awards) with more left; narrow the query or raise "
                        f"sources.usaspending.max_pages")

    def _detail(self, ctx: SourceContext, award: Award, raws: list, warnings: list[str]) -> tuple[Award, str] | None:
        """The award with its detail merged, or None (with a warning) when the detail failed.

        A host that is down fails the run (timeout, transport); an error answer for one award
        (404 for a record withdrawn since the search) keeps the summary and says so.
        """
        path = DETAIL_PATH.format(quote(award.extra["generated_internal_id"], safe=""))
        try:
            response = self._send(ctx, "GET", path)
            raws.append(response.raw())
            merged = merge_detail(award, response.json(f"{LABEL} award detail"))
        except (FetchTimeout, TransportError):
            raise
        except SourceError as exc:
            raws += [r for r in getattr(exc, "raw", []) or [] if r not in raws]
            warnings.append(f"{self.id}: no detail for {award.key}, kept the summary: {exc}")
            return None
        return merged, response.raw().fetch_id(self.id)


# Config -------------------------------------------------------------------------------------
_TOP_KEYS = ("enabled", "base_url", "page_size", "max_pages", "lookback_days", "fetch_details", "queries")
_QUERY_KEYS = ("id", "name", "agency", "keywords", "recipients", "award_type_groups")


def sources_from_config(config: Mapping[str, Any], user_agent: str, *,
                        sleep: Callable[[float], None] = time.sleep) -> list[Source]:
    """The USAspending sources of ``sources.usaspending`` ([] when ``enabled`` is false)."""
    where = "sources.usaspending"
    if not isinstance(config, Mapping):
        raise config_error(f"{where} must be a mapping")
    if not config_bool(config, "enabled", where, True):
        return []
    check_keys(config, _TOP_KEYS, where)
    base_url = config_url(config, "base_url", where)
    page_size = config_int(config, "page_size", where, 100, 1, 100)
    max_pages = config_int(config, "max_pages", where, 50)
    lookback = config_int(config, "lookback_days", where, 180)
    fetch_details = config_bool(config, "fetch_details", where, True)
    sources: list[Source] = []
    for here, raw in config_queries(config, where):
        check_keys(raw, _QUERY_KEYS, here)
        groups = config_texts(raw, "award_type_groups", here) or ("contracts",)
        unknown = [g for g in groups if g not in AWARD_TYPE_GROUPS]
        if unknown:
            raise config_error(f"{here}.award_type_groups: unknown group(s) {', '.join(unknown)}; "
                               f"choose from {', '.join(AWARD_TYPE_GROUPS)}")
        query = Query(
            id=raw["id"],
            name=config_text(raw, "name", here) or raw["id"],
            agency=config_text(raw, "agency", here),
            keywords=config_texts(raw, "keywords", here),
            recipients=config_texts(raw, "recipients", here),
            award_type_groups=tuple(dict.fromkeys(groups)),
        )
        if not (query.agency or query.keywords or query.recipients):
            raise config_error(f"{here}: give at least one of agency, keywords or recipients "
                               "(an empty search would page through every federal award)")
        sources.append(USAspendingSource(query, base_url, page_size=page_size, max_pages=max_pages,
                                         lookback_days=lookback, fetch_details=fetch_details, sleep=sleep))
    return sources
