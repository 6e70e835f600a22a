"""SAM.gov behind an API key: Contract Awards API v1 and Get Opportunities API v2 award notices.

Two optional award sources (family ``awards``, document kind ``award``), both off by default and
both needing a SAM.gov public API key in the environment variable ``SAM_API_KEY`` (read when the
sources are built, never from a config file):

``sam_contract_awards:<query id>`` -- ``GET https://api.sam.gov/contract-awards/v1/search``
    The successor of the FPDS feeds: one record per contract action (award, task order,
    modification, IDV), mapped to the same :class:`~extractors.awards.Award` as FPDS and keyed the
    same way (``subtier:PIID:mod:transaction[:referenced IDV PIID]``).
``sam_opportunities:<query id>`` -- ``GET https://api.sam.gov/opportunities/v2/search?ptype=a``
    Award notices: each opportunity carrying ``award{date, number, amount, awardee{name,
    ueiSAM}}`` becomes an award document keyed by ``noticeId``; notices without an award or an
    awardee name are skipped (``Page.skipped`` counts them; they are not errors).

Quirks handled here:

- The key travels as the ``api_key`` query parameter (that is how both APIs document it), so
  every URL that leaves this module is passed through :func:`strip_api_key` first: the URLs of
  RawPayloads (stored in the warehouse), document URLs, warnings and exception messages. Error
  texts from the transport layer (which quote the full URL) are rewritten with
  :func:`scrub`, exceptions are raised ``from None`` so the original (keyed) message is not
  chained into a traceback, and a response body that echoes the key has it masked before it is
  kept. The key is registered with :func:`spacemine.logs.register_secret` as well, so httpx's own
  request log lines are masked by the logging filter.
- Daily quotas are tiny (10 requests a day for a non-federal key without a role, 1,000 with one):
  ``max_pages`` defaults to 3, HTTP 429 -- or a body saying the rate limit / quota is exceeded
  ("API rate limit exceeded", "OVER_RATE_LIMIT", "Message throttled out") -- raises
  :class:`RateLimited` at once, never retried; 401/403 (missing, invalid or disabled key) are
  not retried either. Only 5xx answers get one retry after a pause.
- A run that stops at ``max_pages`` with more records left does not lose them: the cursor keeps
  the window and the next page (``resume``), and the next run carries on from there before it
  starts a new window. So a small quota still walks a large result set, a few pages a day.
- Dates in requests are ``MM/DD/YYYY`` (US Eastern calendar days); the window runs from the
  cursor's ``since`` (one day of overlap; records seen unchanged are skipped) or ``lookback_days``
  back on the first run, to today.

Contract Awards API -- paging and response shape. No live response of this API was recorded
for the project; the shape is taken from GSA's published documentation
(GSA/open-gsa-redesign ``_apidocs/contract-awards.md``: parameter table, error table and the two
example responses; ``_apidocs/contract-awards/v1/openapi.yaml``: the ``AwardResponse`` schema) and
read defensively (every section optional, ``{"code", "name"}`` objects or bare strings both read):

- ``limit`` is at most 100 (default 10). ``offset`` is documented as the *page index* ("any request
  where offset x limit is greater than 400,000 will be rejected"), so page ``n`` is ``offset=n``,
  starting at 0, and paging stops before ``(offset + 1) x limit`` passes 400,000. If the service
  treated it as a record offset instead, pages would overlap (slow, deduplicated by key) rather
  than skip records; a page that brings no new key ends the run with a warning.
- The window filter is ``lastModifiedDate=[MM/DD/YYYY,MM/DD/YYYY]`` (``date_field`` may choose
  ``dateSigned``, ``approvedDate`` or ``createdDate`` instead). HTTP 204 means "No Content Found":
  an empty result, not an error.
- Response: ``{"awardSummary": [...], "totalRecords": "25061", "limit": "1", "offset": "1"}``;
  the counts are strings. Each record::

      contractId{subtier{code,name}, piid, modificationNumber, transactionNumber,
                 referencedIDVSubtier{code,name}, referencedIDVPiid, reasonForModification{code,name}}
      coreData{awardOrIDV ("AWARD"|"IDV"), awardOrIDVType{code,name}, solicitationId,
               federalOrganization{contractingInformation{contractingDepartment, contractingSubtier,
                                                          contractingOffice}},
               acquisitionData{typeOfContractPricing, majorProgramCode, programAcronym},
               productOrServiceInformation{productOrService{code,name}, principalNaics[{code,name}]}}
      awardDetails{dates{dateSigned, periodOfPerformanceStartDate, currentCompletionDate,
                         lastDateToOrder},
                   dollars{actionObligation, baseAndAllOptionsValue},
                   totalContractDollars{totalActionObligation, totalBaseAndAllOptionsValue},
                   productOrServiceInformation{descriptionOfContractRequirement},
                   awardeeData{awardeeHeader{awardeeName, legalBusinessName},
                               awardeeUEIInformation{uniqueEntityId, awardeeUltimateParentName}},
                   transactionData{status, lastModifiedDate}}

  Amounts are decimal strings. ``dateSigned`` is midnight Eastern written in UTC
  (``2019-01-03T05:00:00.000Z``): the Eastern calendar day is the signing date.
  ``transactionData.lastModifiedDate`` carries a ``Z`` and is real UTC, while other timestamps
  (``closedDate`` ``2025-01-24 15:23:20.000`` for the same instant) are Eastern without a zone;
  :func:`extractors.awards.eastern_to_utc` reads both. The same FPDS semantics as
  extractors/fpds.py: ``actionObligation`` is this action's obligation, ``baseAndAllOptionsValue``
  this action's change of the ceiling, the ``total*`` values the award's totals.

Get Opportunities API v2 (official doc with examples: ``samples/samgov_get_opportunities_public_api.md``):

- ``postedFrom``/``postedTo`` (``MM/dd/yyyy``) are required and may be at most one year apart: a
  window longer than that is cut to the last 364 days, with a warning.
- ``offset`` is paged as a record offset (``offset += limit`` until ``offset >= totalRecords``),
  the way clients of the API use it; ``limit`` is at most 1000.
- ``award.amount`` is a string ("800620", "350567.00"). An award notice states the contract's
  value, which for an IDIQ is the whole ceiling; it is mapped to the award's *ceiling*, never to an
  obligation, so a multi-billion vehicle is never reported as money paid.
- Strings "null" stand for missing values (``"description": "null"``, ``"uiLink": "null"``);
  ``solicitationNumber`` comes padded with spaces.
- The organisation comes either as the deprecated ``department``/``subTier``/``office`` or as
  ``fullParentPathName`` ("GENERAL SERVICES ADMINISTRATION.FEDERAL ACQUISITION SERVICE.GSA/FAS
  ...") with ``fullParentPathCode`` ("047.4732.47QTCA"); the path is split on "." only when the
  names and codes have the same number of parts (a name may contain a full stop).
- The document URL is the public notice page ``https://sam.gov/opp/<noticeId>/view``: ``uiLink``
  may need a contracting-officer login and ``description`` needs the key appended.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote, unquote_plus, urlsplit, urlunsplit

import httpx

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
    config_url,
    eastern_to_utc,
    parse_amount,
    parse_day,
    retry_after,
)
from extractors.base import Source, SourceContext, SourceResult, SourceState
from extractors.errors import FeedParseError, HTTPStatusError, SourceError
from extractors.http import request_capped
from extractors.sanity import json_loads
from spacemine.logs import register_secret
from spacemine.records import Document
from spacemine.settings import Secret

SAM_KEY_ENV = "SAM_API_KEY"
CONTRACT_AWARDS_URL = "https://api.sam.gov/contract-awards/v1/search"
OPPORTUNITIES_URL = "https://api.sam.gov/opportunities/v2/search"
NOTICE_URL = "https://sam.gov/opp/{}/view"
USASPENDING_AWARD_URL = "https://www.usaspending.gov/award/{}"
KEY_HELP = "https://sam.gov/profile/details"

CONTRACT_AWARDS_MAX_LIMIT = 100
CONTRACT_AWARDS_MAX_RECORDS = 400_000  # "offset x limit" beyond this is refused
OPPORTUNITIES_MAX_LIMIT = 1000
OPPORTUNITIES_MAX_DAYS = 364  # postedFrom..postedTo at most one year
OVERLAP_DAYS = 1
SERVER_ERRORS = frozenset({500, 502, 503, 504})
DATE_FIELDS = ("lastModifiedDate", "dateSigned", "approvedDate", "createdDate")


# Keeping the key out of everything that is stored or shown ---------------------------------
_KEY_IN_TEXT = re.compile(r"(?i)(api_key=)[^&\s'\"<>#]+")


def strip_api_key(url: str) -> str:
    """``url`` without its ``api_key`` query parameter(s), everything else kept as written.

    The parameter name is matched case-insensitively and also when percent-encoded
    (``api%5Fkey``); order and encoding of the other parameters are untouched, so the stripped
    URL still names the exact query that was made.
    """
    if not url or "?" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return _KEY_IN_TEXT.sub("", url)
    kept = [p for p in parts.query.split("&") if p and unquote_plus(p.split("=", 1)[0]).strip().lower() != "api_key"]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), parts.fragment))


def scrub(text: str, key: str | Secret | None = None) -> str:
    """``text`` with the key (plain or percent-encoded) and any ``api_key=...`` value masked."""
    secret = key.reveal() if isinstance(key, Secret) else key
    if secret:
        for form in {secret, quote(secret, safe=""), quote(secret)}:
            text = text.replace(form, "***")
    return _KEY_IN_TEXT.sub(r"\1***", text)


def scrub_body(body: bytes, key: str | Secret | None) -> bytes:
    """A response body with the key masked wherever the service echoed it (a ``self`` link, say)."""
    secret = key.reveal() if isinstance(key, Secret) else key
    if not secret:
        return body
    for form in {secret, quote(secret, safe="")}:
        body = body.replace(form.encode(), b"***")
    return body


class RateLimited(HTTPStatusError):
    """SAM.gov says the key's request quota is used up (HTTP 429 or a rate-limit message)."""

    kind = "rate_limited"


_RATE_LIMIT_TEXT = re.compile(r"rate limit|OVER_RATE_LIMIT|throttl|exceeded your quota|too many requests", re.I)


def _is_rate_limited(status: int, body: bytes) -> bool:
    if status == 429:
        return True
    return status >= 400 and bool(_RATE_LIMIT_TEXT.search(body[:4000].decode("utf-8", "replace")))


def sam_get(ctx: SourceContext, base_url: str, params: Mapping[str, str], key: Secret, *, label: str,
            sleep: Callable[[float], None] = time.sleep, retries: int = 1, backoff: float = 5.0) -> Response:
    """One GET with the key added, through the injected client and the politeness limiter.

    The returned :class:`~extractors.awards.Response` (and so every RawPayload made from it)
    carries the URL without the key and a body with any echo of the key masked. 429 or a
    rate-limit message raises :class:`RateLimited` straight away; 401/403 and other 4xx raise
    :class:`HTTPStatusError`; 5xx is retried ``retries`` times after ``backoff`` seconds
    (doubling). Every message is scrubbed of the key.
    """
    full_url = str(httpx.URL(base_url, params={**params, "api_key": key.reveal() or ""}))
    safe_url = strip_api_key(full_url)
    for attempt in range(1, retries + 2):
        ctx.limiter.wait(safe_url)  # the host is all the limiter needs
        try:
            got = request_capped(ctx.client, "GET", full_url, headers={"Accept": "application/json"},
                                 max_bytes=ctx.max_bytes)
        except HTTPStatusError as exc:  # pragma: no cover - request_capped does not judge statuses
            raise type(exc)(scrub(str(exc).replace(full_url, safe_url), key), exc.status) from None
        except SourceError as exc:  # timeouts, transport errors, oversized bodies quote the URL
            raise type(exc)(scrub(str(exc).replace(full_url, safe_url), key)) from None
        response = Response(url=scrub(strip_api_key(got.url), key), status=got.status, headers=got.headers,
                            body=scrub_body(got.body, key), fetched_at=got.fetched_at)
        if response.status < 400:
            return response
        if _is_rate_limited(response.status, response.body):
            raise attach_raw(RateLimited(scrub(_rate_limit_message(label, response), key), 429), [response.raw()])
        if response.status in SERVER_ERRORS and attempt <= retries:
            sleep(backoff * (2 ** (attempt - 1)))
            continue
        raise attach_raw(HTTPStatusError(scrub(_status_message(label, response, attempt), key), response.status),
                         [response.raw()])
    raise AssertionError("unreachable")  # pragma: no cover


def error_text(body: bytes, limit: int = 300) -> str:
    """What a SAM.gov error body says, in one line.

    SAM.gov answers errors in several shapes: ``{"message", "detail"}`` (Contract Awards),
    ``{"error": "..."}`` or ``{"error": {"code", "message"}}`` (the api.data.gov gateway),
    ``{"fault": {"message", "description"}}`` (throttling), or plain text/HTML. (Not
    :func:`extractors.awards.error_detail`: it fails on an ``error`` that is an object.)
    """
    try:
        data = json_loads(body)
    except ValueError:
        data = None
    parts: list[str] = []
    if isinstance(data, Mapping):
        for key in ("error", "fault", "errors"):
            value = data.get(key)
            if isinstance(value, Mapping):
                parts += [str(value[k]) for k in ("code", "message", "description") if value.get(k)]
            elif isinstance(value, list):
                parts += [json.dumps(v) if not isinstance(v, str) else v for v in value[:3]]
            elif value:
                parts.append(str(value))
        parts += [str(data[k]) for k in ("message", "detail", "details", "description") if data.get(k)]
    if parts:
        text = ": ".join(dict.fromkeys(parts))
    else:  # plain text, an HTML error page, or JSON of another shape
        text = re.sub(r"<[^>]+>", " ", body[:4000].decode("utf-8", "replace"))
    text = " ".join(text.split()) or "empty body"
    return text[:limit] + "…" if len(text) > limit else text


def _rate_limit_message(label: str, response: Response) -> str:
    wait = retry_after(response.headers)
    when = f"; SAM.gov says to retry after {int(wait)} s" if wait is not None else ""
    return (f"{label}: SAM.gov refused the request because the API key's rate limit is used up "
            f"(HTTP {response.status}: {error_text(response.body)}){when}. A key without a SAM.gov role gets "
            f"10 requests a day, one with a role 1,000: wait until tomorrow, lower max_pages or the number of "
            f"queries, or use a key with a role ({response.url})")


def _status_message(label: str, response: Response, attempts: int) -> str:
    status = response.status
    detail = error_text(response.body)
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    if status in (401, 403):
        return (f"{label}: SAM.gov refused the API key (HTTP {status}: {detail}); check that {SAM_KEY_ENV} holds "
                f"a current public API key from {KEY_HELP} ({response.url})")
    if status >= 500:
        return f"{label} failed (HTTP {status}){tries}: {detail} ({response.url})"
    return f"{label} rejected the request (HTTP {status}): {detail} ({response.url})"


# Small readers -------------------------------------------------------------------------------
def _text(value: Any) -> str | None:
    """Trimmed text; None for missing, empty, or the string "null" (SAM writes it for missing)."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return None if not text or text.lower() == "null" else text


def _get(obj: Any, path: str) -> Any:
    """The value at a dotted path of nested mappings; None when any step is missing."""
    for part in path.split("."):
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(part)
    return obj


def _name(value: Any) -> str | None:
    """The ``name`` of a ``{"code", "name"}`` object, or the value itself when it is text."""
    return _text(value.get("name")) if isinstance(value, Mapping) else _text(value)


def _code(value: Any) -> str | None:
    return _text(value.get("code")) if isinstance(value, Mapping) else _text(value)


def _meaningful(value: str | None) -> str | None:
    return None if value is None or value.upper() in ("N/A", "NA", "NONE", "NOT APPLICABLE") else value


def _count(value: Any) -> int | None:
    """A record count written as a number or a string ("25061")."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(str(value).strip().replace(",", ""))
    except ValueError:
        return None


def eastern_day(value: Any) -> str | None:
    """The US Eastern calendar day ("YYYY-MM-DD") of a date or timestamp.

    SAM writes ``dateSigned`` as midnight Eastern in UTC (``2019-01-03T05:00:00.000Z``): with
    an offset, the value is converted to Eastern before the day is taken; a bare date or a
    zone-less timestamp is already Eastern.
    """
    text = _text(value)
    if text is None:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return parse_day(text)
    if parsed.tzinfo is not None:
        try:
            return parsed.astimezone(EASTERN).date().isoformat()
        except OverflowError:  # 0001-01-01T00:00:00Z has no Eastern day
            return None
    return parsed.date().isoformat()


def _records_error(what: str, data: Any, list_key: str) -> FeedParseError:
    """The response lacks its records list: quote what the service said instead, if anything."""
    said = ""
    if isinstance(data, Mapping):
        for key in ("message", "error", "errors", "detail", "description"):
            if data.get(key):
                said = f"; it says: {json.dumps(data[key])[:300]}"
                break
    return FeedParseError(f"{what}: the response has no '{list_key}' list{said}")


@dataclass
class Page:
    """One parsed page: awards, the service's total, how many records the page held, warnings."""

    awards: list[Award]
    total: int | None
    records: int
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)


# Contract Awards API -------------------------------------------------------------------------
def contract_award_key(subtier: str | None, piid: str, mod: str | None, transaction: str | None,
                       parent_piid: str | None) -> str:
    """subtier:PIID:mod:transaction[:referenced IDV PIID] -- the key FPDS entries get."""
    key = ":".join(part or "" for part in (subtier, piid, mod or "0", transaction or "0"))
    return f"{key}:{parent_piid}" if parent_piid else key


def usaspending_award_url(category: str, piid: str, subtier: str | None, parent_piid: str | None,
                          parent_subtier: str | None) -> str | None:
    """The award's USAspending page, from its generated id (``CONT_AWD_<PIID>_<agency>_<parent>_<agency>``)."""
    if not subtier:
        return None
    if category == "idv":
        generated = f"CONT_IDV_{piid}_{subtier}"
    else:
        generated = f"CONT_AWD_{piid}_{subtier}_{parent_piid or '-NONE-'}_{(parent_subtier or subtier) if parent_piid else '-NONE-'}"
    return USASPENDING_AWARD_URL.format(quote(generated, safe=""))


def _category(award_or_idv: str | None) -> str:
    text = (award_or_idv or "AWARD").upper()
    if "IDV" in text:
        return "idv"
    if "AWARD" in text:
        return "contract"
    return "other"


def award_from_contract_record(record: Mapping[str, Any]) -> Award:
    """One Contract Awards ``awardSummary`` record as an Award; ValueError without a PIID."""
    if not isinstance(record, Mapping):
        raise ValueError("a Contract Awards record that is not a JSON object")
    cid = record.get("contractId") or {}
    core = record.get("coreData") or {}
    details = record.get("awardDetails") or {}
    piid = _text(_get(cid, "piid"))
    if not piid:
        raise ValueError("a Contract Awards record without contractId.piid")
    subtier = _code(_get(cid, "subtier"))
    mod = _text(_get(cid, "modificationNumber")) or "0"
    transaction = _text(_get(cid, "transactionNumber")) or "0"
    parent_piid = _text(_get(cid, "referencedIDVPiid"))
    parent_subtier = _code(_get(cid, "referencedIDVSubtier"))
    category = _category(_text(_get(core, "awardOrIDV")))
    contracting = _get(core, "federalOrganization.contractingInformation") or {}
    dates = _get(details, "dates") or {}
    dollars = _get(details, "dollars") or {}
    totals = _get(details, "totalContractDollars") or {}
    awardee = _get(details, "awardeeData") or {}
    header = _get(awardee, "awardeeHeader") or {}
    uei = _get(awardee, "awardeeUEIInformation") or {}
    product = _get(core, "productOrServiceInformation") or {}
    naics_list = product.get("principalNaics") if isinstance(product, Mapping) else None
    naics = naics_list[0] if isinstance(naics_list, list) and naics_list else (naics_list or None)
    psc = _get(product, "productOrService")
    acquisition = _get(core, "acquisitionData") or {}
    ceiling_change = parse_amount(_get(dollars, "baseAndAllOptionsValue"))
    ceiling = parse_amount(_get(totals, "totalBaseAndAllOptionsValue"))
    description = (_text(_get(details, "productOrServiceInformation.descriptionOfContractRequirement"))
                   or _text(_get(product, "descriptionOfContractRequirement")))
    return Award(
        system="sam",
        key=contract_award_key(subtier, piid, mod, transaction, parent_piid),
        category=category,
        piid=piid,
        parent_piid=parent_piid,
        mod_number=mod,
        transaction_number=transaction,
        award_type=_name(_get(core, "awardOrIDVType")),
        modification_reason=_name(_get(cid, "reasonForModification")),
        obligation=parse_amount(_get(dollars, "actionObligation")),
        ceiling=ceiling if ceiling is not None else ceiling_change,
        ceiling_change=ceiling_change,
        total=parse_amount(_get(totals, "totalActionObligation")),
        signed=eastern_day(_get(dates, "dateSigned")),
        start=eastern_day(_get(dates, "periodOfPerformanceStartDate")),
        end=eastern_day(_get(dates, "currentCompletionDate") or _get(dates, "lastDateToOrder")),
        last_modified=eastern_to_utc(_text(_get(details, "transactionData.lastModifiedDate"))),
        recipient_name=(_text(_get(header, "awardeeName")) or _text(_get(header, "legalBusinessName"))
                        or _text(_get(header, "awardeeNameFromContract"))),
        recipient_uei=_text(_get(uei, "uniqueEntityId")),
        recipient_parent=_text(_get(uei, "awardeeUltimateParentName")),
        agency_name=_name(_get(contracting, "contractingDepartment")) or _name(_get(cid, "subtier")),
        agency_code=_code(_get(contracting, "contractingDepartment")),
        sub_agency=_name(_get(contracting, "contractingSubtier")) or _name(_get(cid, "subtier")),
        office=_name(_get(contracting, "contractingOffice")),
        description=description,
        naics=_code(naics),
        naics_description=_name(naics) if isinstance(naics, Mapping) else None,
        psc=_code(psc),
        psc_description=_name(psc) if isinstance(psc, Mapping) else None,
        url=usaspending_award_url(category, piid, subtier, parent_piid, parent_subtier),
        extra={k: v for k, v in {
            "subtier_code": subtier,
            "referenced_idv_subtier_code": parent_subtier,
            "award_or_idv": _text(_get(core, "awardOrIDV")),
            "solicitation_id": _text(_get(core, "solicitationId")),
            "pricing": _name(_get(acquisition, "typeOfContractPricing")),
            "status": _text(_get(details, "transactionData.status")),
            "program_text": " ".join(v for v in (_meaningful(_text(_get(acquisition, "majorProgramCode"))),
                                                 _meaningful(_text(_get(acquisition, "programAcronym")))) if v)
            or None,
        }.items() if v is not None},
    )


def parse_contract_awards(data: Any) -> Page:
    """A Contract Awards search page (decoded JSON; None for an HTTP 204 "No Content Found")."""
    if data is None or data == {}:
        return Page([], 0, 0)
    if not isinstance(data, Mapping):
        raise FeedParseError("SAM.gov Contract Awards: the response is not a JSON object")
    records = data.get("awardSummary")
    total = _count(data.get("totalRecords"))
    if records is None:
        if total == 0:
            return Page([], 0, 0)
        raise _records_error("SAM.gov Contract Awards", data, "awardSummary")
    if not isinstance(records, list):
        raise FeedParseError("SAM.gov Contract Awards: 'awardSummary' is not a list")
    awards, warnings = [], []
    for index, record in enumerate(records):
        try:
            awards.append(award_from_contract_record(record))
        except ValueError as exc:
            warnings.append(f"record {index} skipped: {exc}")
    return Page(awards, total, len(records), skipped=len(records) - len(awards), warnings=warnings)


# Get Opportunities API v2: award notices ---------------------------------------------------------
def _organisation(opportunity: Mapping[str, Any]) -> tuple[str | None, str | None, str | None, str | None]:
    """(department, sub-tier, office, department code) from the deprecated fields or the path.

    ``fullParentPathName`` is split on "." only when it has as many parts as
    ``fullParentPathCode`` (or there is no code path): a name may itself contain a full stop,
    and then the whole path is kept as the department rather than cut in the wrong place.
    """
    path = _text(opportunity.get("fullParentPathName"))
    code_path = _text(opportunity.get("fullParentPathCode"))
    names = [n.strip() for n in path.split(".")] if path else []
    codes = [c.strip() for c in code_path.split(".")] if code_path else []
    aligned = bool(names) and (not codes or len(names) == len(codes))
    department = _text(opportunity.get("department")) or (names[0] if aligned else path)
    sub_tier = (_text(opportunity.get("subTier")) or _text(opportunity.get("subtier"))
                or (names[1] if aligned and len(names) > 1 else None))
    office = _text(opportunity.get("office")) or (names[-1] if aligned and len(names) > 2 else None)
    return department, sub_tier, office, (codes[0] if codes else None)


def award_from_opportunity(opportunity: Mapping[str, Any]) -> Award | None:
    """An award notice as an Award; None when it carries no award or no awardee name.

    ValueError when it is not an object or has no ``noticeId`` (nothing to key it by).
    """
    if not isinstance(opportunity, Mapping):
        raise ValueError("an opportunity that is not a JSON object")
    award = opportunity.get("award")
    if not isinstance(award, Mapping):
        return None
    awardee = award.get("awardee") if isinstance(award.get("awardee"), Mapping) else {}
    recipient = _text(awardee.get("name"))
    if not recipient:
        return None
    notice_id = _text(opportunity.get("noticeId"))
    if not notice_id:
        raise ValueError("an award notice without a noticeId")
    department, sub_tier, office, department_code = _organisation(opportunity)
    location = awardee.get("location") if isinstance(awardee.get("location"), Mapping) else {}
    amount = parse_amount(award.get("amount"))
    if amount is not None and amount < 0:
        amount = None  # a notice states the contract's value: never negative (a deobligation is FPDS's)
    title = _text(opportunity.get("title"))
    ui_link = _text(opportunity.get("uiLink"))
    return Award(
        system="sam_opportunities",
        key=notice_id,
        category="contract",
        piid=_text(award.get("number")),
        ceiling=amount,
        signed=eastern_day(award.get("date")),
        last_modified=eastern_to_utc(_text(opportunity.get("postedDate"))),
        recipient_name=recipient,
        recipient_uei=_text(awardee.get("ueiSAM")),
        agency_name=department,
        agency_code=department_code,
        sub_agency=sub_tier,
        office=office,
        description=title,
        naics=_text(opportunity.get("naicsCode")),
        psc=_text(opportunity.get("classificationCode")),
        url=NOTICE_URL.format(quote(notice_id, safe="")),
        extra={k: v for k, v in {
            "notice_id": notice_id,
            "solicitation_number": _text(opportunity.get("solicitationNumber")),
            "notice_type": _text(opportunity.get("type")),
            "base_type": _text(opportunity.get("baseType")),
            "posted_date": _text(opportunity.get("postedDate")),
            "award_amount": amount,
            "set_aside": _text(opportunity.get("typeOfSetAsideDescription")) or _text(opportunity.get("setAside")),
            "active": _text(opportunity.get("active")),
            "organization_path_code": _text(opportunity.get("fullParentPathCode")),
            "ui_link": strip_api_key(ui_link) if ui_link else None,
            "awardee_city": _name(location.get("city")),
            "awardee_state": _code(location.get("state")),
            "awardee_country": _code(location.get("country")),
        }.items() if v is not None},
    )


def parse_opportunities(data: Any) -> Page:
    """An Opportunities search page: award documents for the notices that name an awardee."""
    if not isinstance(data, Mapping):
        raise FeedParseError("SAM.gov Opportunities: the response is not a JSON object")
    records = data.get("opportunitiesData")
    total = _count(data.get("totalRecords"))
    if records is None:
        if total == 0:
            return Page([], 0, 0)
        raise _records_error("SAM.gov Opportunities", data, "opportunitiesData")
    if not isinstance(records, list):
        raise FeedParseError("SAM.gov Opportunities: 'opportunitiesData' is not a list")
    awards, warnings, skipped = [], [], 0
    for index, record in enumerate(records):
        try:
            award = award_from_opportunity(record)
        except ValueError as exc:
            warnings.append(f"record {index} skipped: {exc}")
            skipped += 1
            continue
        if award is None:
            skipped += 1
        else:
            awards.append(award)
    return Page(awards, total, len(records), skipped=skipped, warnings=warnings)


# The sources ---------------------------------------------------------------------------------
def sam_date(day: date) -> str:
    return day.strftime("%m/%d/%Y")


@dataclass(frozen=True)
class Query:
    id: str
    name: str
    filters: tuple[tuple[str, str], ...] = ()


class _SAMSource:
    """Paging, windows, resume and partial failure shared by both SAM.gov sources."""

    family = "awards"
    system = ""
    label = ""
    section = ""
    max_window_days: int | None = None

    def __init__(self, query: Query, base_url: str, api_key: Secret, *, page_size: int, max_pages: int,
                 lookback_days: int, sleep: Callable[[float], None] = time.sleep, retries: int = 1) -> None:
        self.query = query
        self.base_url = base_url.rstrip("/")
        self._key = api_key
        self.page_size = page_size
        self.max_pages = max_pages
        self.lookback_days = lookback_days
        self.sleep = sleep
        self.retries = retries
        self.id = f"{self.system}:{query.id}"
        self.name = query.name
        self.url = strip_api_key(self.base_url)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r})"

    # Per source -------------------------------------------------------------------------------
    def params(self, start: date, end: date, page: int) -> dict[str, str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def parse(self, data: Any) -> Page:  # pragma: no cover - abstract
        raise NotImplementedError

    def page_limit(self) -> int | None:
        """The last page index the service will serve (None: no limit)."""
        return None

    # Shared -----------------------------------------------------------------------------------
    def window(self, ctx: SourceContext) -> tuple[date, date, int, list[str]]:
        """(start, end, first page, warnings): a stored resume point, else since/lookback to today."""
        cursor = ctx.state.cursor or {}
        today = ctx.now.astimezone(EASTERN).date()
        resume = cursor.get("resume")
        if isinstance(resume, Mapping):
            try:
                start, end = date.fromisoformat(resume["start"]), date.fromisoformat(resume["end"])
                page = int(resume["page"])
                if start <= end <= today and page >= 0:
                    return start, end, page, []
            except (KeyError, TypeError, ValueError):
                pass
        since = cursor.get("since")
        try:
            start = date.fromisoformat(since) if since else today - timedelta(days=self.lookback_days)
        except (TypeError, ValueError):
            start = today - timedelta(days=self.lookback_days)
        start = min(start, today)
        warnings = []
        if self.max_window_days is not None and (today - start).days > self.max_window_days:
            earliest = today - timedelta(days=self.max_window_days)
            warnings.append(f"{self.id}: the window from {start} is longer than the API allows; searching from "
                            f"{earliest} instead (notices posted before then are not read)")
            start = earliest
        return start, today, 0, warnings

    def _fetch(self, ctx: SourceContext, start: date, end: date, page: int) -> Response:
        return sam_get(ctx, self.base_url, self.params(start, end, page), self._key, label=self.label,
                       sleep=self.sleep, retries=self.retries)

    def _decode(self, response: Response) -> Any:
        if response.status == 204 or not response.body.strip():
            return None
        return response.json(self.label)

    def collect(self, ctx: SourceContext) -> SourceResult:
        cursor = dict(ctx.state.cursor or {})
        start, end, page, warnings = self.window(ctx)
        resuming = page > 0
        previous: dict[str, str] = dict(cursor.get("seen") or {})
        seen: dict[str, str] = dict(previous) if resuming else {}
        run_keys: set[str] = set()
        documents: dict[str, Document] = {}
        raws: list = []
        pages_read = 0
        done = False
        try:
            while True:
                limit = self.page_limit()
                if limit is not None and page > limit:
                    warnings.append(f"{self.id}: reached the API's limit of {CONTRACT_AWARDS_MAX_RECORDS:,} records "
                                    "for one search; narrow the query to see the rest")
                    done = True
                    break
                response = self._fetch(ctx, start, end, page)
                page_raw = response.raw()
                raws.append(page_raw)
                parsed = self.parse(self._decode(response))
                pages_read += 1
                warnings += [f"{self.id}: page {page + 1}: {w}" for w in parsed.warnings]
                fresh = 0
                for award in parsed.awards:
                    if award.key in run_keys:
                        continue
                    run_keys.add(award.key)
                    fresh += 1
                    if award.url:
                        award = award.with_(url=strip_api_key(award.url))
                    document = award_document(award, self.id, ctx.now, page_raw.fetch_id(self.id))
                    seen[award.key] = document.content_hash[:16]
                    if previous.get(award.key) == seen[award.key]:
                        continue  # delivered before, unchanged
                    documents[award.key] = document
                page += 1  # page indexes count from 0; messages count pages from 1
                read_so_far = self.records_through(page)
                if (parsed.records < self.page_size or (parsed.total is not None and read_so_far >= parsed.total)
                        or parsed.records == 0):
                    done = True
                    break
                if fresh == 0 and parsed.skipped == 0:
                    warnings.append(f"{self.id}: page {page} repeated records already read; stopped paging")
                    done = True
                    break
                if pages_read >= self.max_pages:
                    left = f" of {parsed.total:,}" if parsed.total is not None else ""
                    warnings.append(f"{self.id}: stopped after max_pages={self.max_pages} pages ({read_so_far:,} "
                                    f"records{left} read); the next run continues from page {page + 1} "
                                    f"(sources.{self.section}.max_pages)")
                    break
        except SourceError as exc:
            raws += [r for r in getattr(exc, "raw", []) or [] if r not in raws]
            message = scrub(f"{exc} (query '{self.query.id}', page {page + 1})", self._key)
            if not documents:
                failure = (type(exc)(message, exc.status) if isinstance(exc, HTTPStatusError) else type(exc)(message))
                raise attach_raw(failure, raws) from None
            return SourceResult(documents=list(documents.values()), raw=raws, state=None,
                                warnings=[scrub(w, self._key) for w in warnings], error=message,
                                error_kind=exc.kind)
        if done:
            state = SourceState(cursor={
                "since": max(end - timedelta(days=OVERLAP_DAYS), start).isoformat(),
                "completed": True,
                "seen": seen,
            })
        else:
            state = SourceState(cursor={
                "since": cursor.get("since"),
                "completed": False,
                "resume": {"start": start.isoformat(), "end": end.isoformat(), "page": page},
                "seen": seen,
            })
        return SourceResult(documents=list(documents.values()), raw=raws, state=state,
                            warnings=[scrub(w, self._key) for w in warnings])

    def records_through(self, next_page: int) -> int:
        """How many records the pages before ``next_page`` cover."""
        return next_page * self.page_size


class ContractAwardsSource(_SAMSource):
    """One configured SAM.gov Contract Awards search (``sam_contract_awards:<query id>``)."""

    system = "sam_contract_awards"
    label = "SAM.gov Contract Awards"
    section = "sam_contract_awards"

    def __init__(self, query: Query, base_url: str, api_key: Secret, *, page_size: int = 100, max_pages: int = 3,
                 lookback_days: int = 30, date_field: str = "lastModifiedDate",
                 sleep: Callable[[float], None] = time.sleep, retries: int = 1) -> None:
        super().__init__(query, base_url, api_key, page_size=page_size, max_pages=max_pages,
                         lookback_days=lookback_days, sleep=sleep, retries=retries)
        self.date_field = date_field

    def params(self, start: date, end: date, page: int) -> dict[str, str]:
        params = dict(self.query.filters)
        params[self.date_field] = f"[{sam_date(start)},{sam_date(end)}]"
        params["limit"] = str(self.page_size)
        params["offset"] = str(page)  # a page index: offset x limit <= 400,000
        return params

    def parse(self, data: Any) -> Page:
        return parse_contract_awards(data)

    def page_limit(self) -> int:
        return CONTRACT_AWARDS_MAX_RECORDS // self.page_size - 1


class OpportunityAwardsSource(_SAMSource):
    """Award notices of one configured SAM.gov Opportunities search (``sam_opportunities:<query id>``)."""

    system = "sam_opportunities"
    label = "SAM.gov Opportunities"
    section = "sam_opportunities"
    max_window_days = OPPORTUNITIES_MAX_DAYS

    def __init__(self, query: Query, base_url: str, api_key: Secret, *, page_size: int = 100, max_pages: int = 3,
                 lookback_days: int = 30, sleep: Callable[[float], None] = time.sleep, retries: int = 1) -> None:
        super().__init__(query, base_url, api_key, page_size=page_size, max_pages=max_pages,
                         lookback_days=lookback_days, sleep=sleep, retries=retries)

    def params(self, start: date, end: date, page: int) -> dict[str, str]:
        params = dict(self.query.filters)
        params.update({"postedFrom": sam_date(start), "postedTo": sam_date(end), "ptype": "a",
                       "limit": str(self.page_size), "offset": str(page * self.page_size)})
        return params

    def parse(self, data: Any) -> Page:
        if data is None:
            return Page([], 0, 0)
        return parse_opportunities(data)


# Config -------------------------------------------------------------------------------------
# Search parameters of the Contract Awards API (GSA contract-awards openapi.yaml, ContractRequest),
# less the ones spacemine sets itself (api_key, limit, offset), the Extract/aggregation modes
# (format, emailId, piidAggregation, includeSections) and deletedStatus (deleted records only).
CONTRACT_AWARDS_FILTERS = frozenset("""
    q piid modificationNumber transactionNumber referencedIdvPiid dollarsObligated totalDollarsObligated
    approvedDate closedDate closedStatus createdDate currentCompletionDate dateSigned lastModifiedDate
    periodOfPerformanceStartDate ultimateCompletionDate solicitationID solicitationDate documentVersion
    awardOrIDV awardOrIDVTypeCode awardOrIDVTypeName contractingSubtierCode contractingSubtierName
    contractingDepartmentCode contractingDepartmentName contractingOfficeCode fundingSubtierCode
    fundingSubtierName fundingDepartmentCode fundingDepartmentName fundingOfficeCode fiscalYear
    awardeeUniqueEntityId awardeeLegalBusinessName awardeeDoingBusinessAsName awardeeCageCode
    awardeeZipCode awardeeCityName awardeeCongressionalDistrict awardeeCountryCode awardeeCountryName
    awardeeStateCode awardeeStateName awardeeBusinessTypeCode awardeeBusinessTypeName
    ultimateParentLegalBusinessName ultimateParentUniqueEntityId consortiaUEI consortiaLegalBusinessName
    coBusSizeDeterminationCode coBusSizeDeterminationName naicsCode productOrServiceCode productOrServiceType
    extentCompetedCode extentCompetedName typeOfSetAsideCode typeOfSetAsideName solicitationProceduresCode
    solicitationProceduresName contractOpportunitiesNoticeCode contractOpportunitiesNoticeName
    nationalInterestActionCode nationalInterestActionName numberOfOffersReceived localAreaSetAsideName
    multiyearContractName reasonForModificationCode reasonForModificationName piidSubtierCode piidSubtierName
    referencedIdvPIIDSubtierCode referencedIdvPIIDSubtierName referencedIdvMultipleOrSingleCode
    referencedIdvMultipleOrSingleName referencedIdvPart8OrPart13 referencedIdvTypeCode referencedIdvTypeName
    sourceSelectionProcessCode sourceSelectionProcessName typeOfContractPricingCode typeOfContractPricingName
    ultimateContractValue totalUltimateContractValue nonGovernmentDollars totalNonGovernmentDollars
    typeOfAgreementName far1102ExceptionCode far1102ExceptionName clingerCohenActCode clingerCohenActName
    laborStandardsCode laborStandardsName materialsSuppliesArticlesAndEquipCode
    materialsSuppliesArticlesAndEquipName constructionWageRateRequirementsCode
    constructionWageRateRequirementsName placeOfPerformCityName placeOfPerformCongressionalDistrict
    placeOfPerformCountryCode placeOfPerformCountryName placeOfPerformStateCode placeOfPerformStateName
    placeOfPerformZipCode nonTraditionalGovernmentEntityParticipationCode
    nonTraditionalGovernmentEntityParticipationName createdBy approvedBy lastModifiedBy closedBy
""".split())
# Get Opportunities filters (the doc's parameter table) a query may set; ptype, the posted window,
# limit and offset are spacemine's.
OPPORTUNITY_FILTERS = frozenset({"solnum", "noticeid", "title", "state", "zip", "organizationCode", "organizationName",
                                 "typeOfSetAside", "typeOfSetAsideDescription", "ncode", "ccode", "status"})
_FORBIDDEN_CHARS = re.compile(r"[&|{}^\\]")  # refused by the Contract Awards API in any value

_CA_TOP = ("enabled", "base_url", "page_size", "max_pages", "lookback_days", "date_field", "queries")
_OPP_TOP = ("enabled", "base_url", "page_size", "max_pages", "lookback_days", "queries")


def api_key_from_env(where: str) -> Secret:
    """The SAM.gov key from ``SAM_API_KEY``, registered as a secret; ConfigError when unset."""
    value = os.environ.get(SAM_KEY_ENV, "").strip()
    if not value:
        raise config_error(
            f"{where} is enabled but {SAM_KEY_ENV} is not set in the environment: get a public API key from "
            f"{KEY_HELP}, export {SAM_KEY_ENV}=<key>, or set {where}.enabled: false")
    register_secret(value)
    return Secret(value)


def _filter_value(value: Any, here: str, name: str, allow_lists: bool) -> str:
    if isinstance(value, bool) or value is None:
        raise config_error(f"{here}.{name} must be text or a number, got {value!r}")
    if isinstance(value, list):
        if not allow_lists or not value:
            raise config_error(f"{here}.{name} must be {'a non-empty list or ' if allow_lists else ''}text, "
                               f"got {value!r}")
        text = "~".join(_filter_value(v, here, name, False) for v in value)  # "~" is OR in this API
    elif isinstance(value, (str, int, float)):
        text = str(value).strip()
    else:
        raise config_error(f"{here}.{name} must be text or a number, got {value!r}")
    if not text:
        raise config_error(f"{here}.{name} must not be empty")
    if allow_lists and _FORBIDDEN_CHARS.search(text):
        raise config_error(f"{here}.{name}: the Contract Awards API refuses the characters & | {{ }} ^ \\ "
                           f"in values, got {text!r}")
    return text


def _queries(config: Mapping[str, Any], where: str, allowed: frozenset[str], reserved: set[str],
             allow_lists: bool) -> list[Query]:
    found = []
    for here, raw in config_queries(config, where):
        filters = []
        for name, value in raw.items():
            if name in ("id", "name"):
                continue
            if name in reserved:
                raise config_error(f"{here}.{name}: spacemine sets {name} itself; leave it out of the query")
            if name not in allowed:
                raise config_error(f"{here}: unknown search parameter '{name}'; allowed: id, name, "
                                   f"{', '.join(sorted(allowed - reserved))}")
            filters.append((name, _filter_value(value, here, name, allow_lists)))
        if not filters:
            raise config_error(f"{here}: give at least one search parameter (for example "
                               f"{'contractingDepartmentCode or q' if allow_lists else 'organizationCode or title'}); "
                               "an empty search would spend the key's small daily quota on every federal award")
        found.append(Query(id=raw["id"], name=config_text(raw, "name", here) or raw["id"], filters=tuple(filters)))
    return found


def contract_award_sources_from_config(config: Mapping[str, Any], user_agent: str, *,
                                       sleep: Callable[[float], None] = time.sleep) -> list[Source]:
    """The SAM.gov Contract Awards sources of ``sources.sam_contract_awards`` ([] when disabled)."""
    where = "sources.sam_contract_awards"
    if not isinstance(config, Mapping):
        raise config_error(f"{where} must be a mapping")
    if not config_bool(config, "enabled", where, False):
        return []
    key = api_key_from_env(where)
    check_keys(config, _CA_TOP, where)
    base_url = config_url({"base_url": CONTRACT_AWARDS_URL, **config}, "base_url", where)
    if "api_key" in base_url.lower():
        raise config_error(f"{where}.base_url must not carry an api_key; spacemine reads it from {SAM_KEY_ENV}")
    page_size = config_int(config, "page_size", where, CONTRACT_AWARDS_MAX_LIMIT, 1, CONTRACT_AWARDS_MAX_LIMIT)
    max_pages = config_int(config, "max_pages", where, 3)
    lookback = config_int(config, "lookback_days", where, 30)
    date_field = config.get("date_field", "lastModifiedDate")
    if date_field not in DATE_FIELDS:
        raise config_error(f"{where}.date_field must be one of {', '.join(DATE_FIELDS)}, got {date_field!r}")
    reserved = {"api_key", "limit", "offset", date_field}
    queries = _queries(config, where, CONTRACT_AWARDS_FILTERS | {"api_key", "limit", "offset"}, reserved, True)
    return [ContractAwardsSource(q, base_url, key, page_size=page_size, max_pages=max_pages, lookback_days=lookback,
                                 date_field=date_field, sleep=sleep) for q in queries]


def opportunity_sources_from_config(config: Mapping[str, Any], user_agent: str, *,
                                    sleep: Callable[[float], None] = time.sleep) -> list[Source]:
    """The SAM.gov award-notice sources of ``sources.sam_opportunities`` ([] when disabled)."""
    where = "sources.sam_opportunities"
    if not isinstance(config, Mapping):
        raise config_error(f"{where} must be a mapping")
    if not config_bool(config, "enabled", where, False):
        return []
    key = api_key_from_env(where)
    check_keys(config, _OPP_TOP, where)
    base_url = config_url({"base_url": OPPORTUNITIES_URL, **config}, "base_url", where)
    if "api_key" in base_url.lower():
        raise config_error(f"{where}.base_url must not carry an api_key; spacemine reads it from {SAM_KEY_ENV}")
    page_size = config_int(config, "page_size", where, 100, 1, OPPORTUNITIES_MAX_LIMIT)
    max_pages = config_int(config, "max_pages", where, 3)
    lookback = config_int(config, "lookback_days", where, 30, 1, OPPORTUNITIES_MAX_DAYS)
    reserved = {"api_key", "limit", "offset", "ptype", "postedFrom", "postedTo"}
    queries = _queries(config, where, OPPORTUNITY_FILTERS | reserved, reserved, False)
    return [OpportunityAwardsSource(q, base_url, key, page_size=page_size, max_pages=max_pages,
                                    lookback_days=lookback, sleep=sleep) for q in queries]


sources_from_config = contract_award_sources_from_config
