"""SEC EDGAR access shared by the filings and Form D families: the fair-access client and parsers.

Endpoints (SOURCES.md §5): submissions JSON on data.sec.gov, the company and latest-filings
Atom feeds (``cgi-bin/browse-edgar``) and the filing archive on www.sec.gov, full-text search
on efts.sec.gov. Quirks handled here, each where it bites:

- Fair access: EDGAR refuses anonymous clients (HTTP 403 for a missing or generic
  User-Agent). :class:`EdgarClient` refuses to send anything unless the User-Agent carries a
  contact e-mail address (:func:`require_contact`), and sends that exact User-Agent on every
  request. The 10 requests/second cap is the pipeline's :class:`~extractors.base.HostLimiter`
  (``rates={"sec.gov": requests_per_second}``); the client calls ``ctx.limiter.wait(url)``
  before every attempt, retries included.
- 403 and 429 (and 503) are what EDGAR answers a client over the cap: the client backs off
  (``Retry-After`` when sent, else exponential), retries a bounded number of times, then
  raises a :class:`~extractors.errors.SourceError` that says what to check.
- ``acceptanceDateTime`` in the submissions JSON ends in ``Z``. In older recordings that
  ``Z`` is false and the value is US Eastern local time (the same accession is
  ``…T17:00:07-05:00`` in the Atom feed); in 2026 recordings it is real UTC. EDGAR accepts
  filings between 06:00 and 22:00 Eastern only, so :func:`settle_acceptance_clock` decides per
  document which reading keeps the acceptance times inside those hours (Eastern when the
  evidence is even) and writes the offset out; :func:`parse_acceptance` then converts to UTC. Filing dates are Eastern calendar dates:
  :func:`filing_day_start` turns one into the UTC instant of its Eastern midnight.
- data.sec.gov sends no ETag/Last-Modified (and ``no-store``): conditional GET is useless, so
  incremental runs diff accession numbers (the sources keep them in their cursor).
- ``filings.recent`` is columnar (parallel arrays); older filings live in overflow pages
  (``filings.files[].name``) whose columnar arrays sit at the top level:
  :func:`columns_to_rows` handles both and refuses arrays of unequal length.
- An unknown CIK is an HTTP 404 with an S3 ``<Error><Code>NoSuchKey</Code>`` XML body
  (:func:`parse_s3_error`), not JSON.
- The Atom feeds are ISO-8859-1 (declared in the XML declaration; the parser reads bytes so
  expat honours it). ``updated`` carries a real -05:00/-04:00 offset.
- The latest-filings feed lists one entry per filer role ("(Issuer)", "(Reporting)",
  "(Filer)", "(Subject)", "(Filed by)") for the same accession: :func:`parse_latest_atom`
  dedupes on the accession number in ``<id>urn:tag:sec.gov,2008:accession-number=…</id>``
  and keeps every filer. Titles follow ``(.*?) - (.*) \\((\\d+)\\) \\((.*)\\)``.
- The company feed's ``items-desc`` loses spaces ("items 1.01, 2.03, 8.01and9.01"):
  :func:`decode_items` finds item codes by pattern, not by splitting.
- Full-text search returns one hit per matching *file* (``_id`` = ``<adsh>:<filename>``), so
  one filing can appear several times: :func:`parse_full_text` dedupes on ``adsh``.
  ``display_names`` put two spaces before the ticker and CIK parentheses. Pages hold 100
  hits; ``total.relation == "gte"`` means the 10,000-hit cap was reached.
- Form D ``primary_doc.xml`` as stored starts with a newline before ``<?xml`` (an XML
  declaration must come first): :func:`parse_xml` strips leading whitespace before parsing.
- Every XML body is parsed with defusedxml: entity declarations (billion laughs, external
  entities) are refused, never expanded.
- ``company_tickers_exchange.json`` (ticker -> CIK, for watchlists written by ticker) is
  columnar and has tickers with stray whitespace ("DAIC "): :func:`parse_company_tickers`.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Iterable, Mapping
from urllib.parse import quote, urlencode
from xml.etree.ElementTree import Element, ParseError

import httpx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from extractors.base import RawPayload, SourceContext
from extractors.http import request_capped
from extractors.sanity import json_loads
from extractors.timezones import EASTERN, eastern_to_utc
from extractors.errors import (
    FeedParseError,
    HTTPStatusError,
    SourceError,
)
from spacemine.settings import ConfigError

ATOM = "{http://www.w3.org/2005/Atom}"
DEFAULT_URLS = {
    "www_url": "https://www.sec.gov",
    "data_url": "https://data.sec.gov",
    "efts_url": "https://efts.sec.gov",
}
MAX_REQUESTS_PER_SECOND = 10  # SEC fair-access policy, whole process
LATEST_COUNTS = (10, 20, 40, 80, 100)  # what browse-edgar accepts as count=
FULL_TEXT_PAGE = 100  # hits per EFTS page
FULL_TEXT_CAP = 10_000  # EFTS never pages past this many hits
USER_AGENT_HINT = 'user_agent: "Company Name you@example.com"'

# Every 8-K item (Form 8-K General Instructions, items 1.01-9.01).
ITEMS_8K: dict[str, str] = {
    "1.01": "Entry into a Material Definitive Agreement",
    "1.02": "Termination of a Material Definitive Agreement",
    "1.03": "Bankruptcy or Receivership",
    "1.04": "Mine Safety - Reporting of Shutdowns and Patterns of Violations",
    "1.05": "Material Cybersecurity Incidents",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet "
            "Arrangement of a Registrant",
    "2.04": "Triggering Events That Accelerate or Increase a Direct Financial Obligation or an Obligation "
            "under an Off-Balance Sheet Arrangement",
    "2.05": "Costs Associated with Exit or Disposal Activities",
    "2.06": "Material Impairments",
    "3.01": "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; Transfer of Listing",
    "3.02": "Unregistered Sales of Equity Securities",
    "3.03": "Material Modification to Rights of Security Holders",
    "4.01": "Changes in Registrant's Certifying Accountant",
    "4.02": "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or Completed "
            "Interim Review",
    "5.01": "Changes in Control of Registrant",
    "5.02": "Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain "
            "Officers; Compensatory Arrangements of Certain Officers",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "5.04": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "5.05": "Amendment to Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "5.06": "Change in Shell Company Status",
    "5.07": "Submission of Matters to a Vote of Security Holders",
    "5.08": "Shareholder Director Nominations",
    "6.01": "ABS Informational and Computational Material",
    "6.02": "Change of Servicer or Trustee",
    "6.03": "Change in Credit Enhancement or Other External Support",
    "6.04": "Failure to Make a Required Distribution",
    "6.05": "Securities Act Updating Disclosure",
    "6.06": "Static Pool",
    "6.10": "Alternative Filings of Asset-Backed Issuers",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}

# Plain names for forms whose primaryDocDescription is empty or just repeats the form.
FORM_NAMES: dict[str, str] = {
    "8-K": "Current report",
    "8-K/A": "Amended current report",
    "10-K": "Annual report",
    "10-K/A": "Amended annual report",
    "10-Q": "Quarterly report",
    "10-Q/A": "Amended quarterly report",
    "S-1": "Registration statement",
    "S-1/A": "Amended registration statement",
    "424B4": "Prospectus",
    "D": "Notice of exempt offering of securities",
    "D/A": "Amended notice of exempt offering of securities",
}


# Errors -----------------------------------------------------------------------------------
class EdgarContactMissing(SourceError, ConfigError):
    """No contact e-mail address in the User-Agent: EDGAR would answer 403, so nothing is sent.

    Both a :class:`ConfigError` (it is one) and a :class:`SourceError`, so the pipeline records
    it against each EDGAR source and the other sources go on.
    """

    kind = "config"


class EdgarAccessDenied(HTTPStatusError):
    """403/429/503 after every retry: over the rate cap, or the User-Agent is not accepted."""

    kind = "rate_limited"


class EdgarNotFound(HTTPStatusError):
    kind = "not_found"


class EdgarParseError(FeedParseError):
    """An EDGAR body is not what the endpoint serves (malformed, hostile, HTML, wrong shape)."""

    kind = "parse"


# Fair-access client -------------------------------------------------------------------------
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def contact_email(user_agent: str | None) -> str | None:
    """The contact e-mail address in a User-Agent ("Acme Corp ops@acme.com" -> "ops@acme.com")."""
    match = _EMAIL.search(user_agent or "")
    return match.group(0) if match else None


def require_contact(user_agent: str | None) -> str:
    """Return the User-Agent if it names a contact e-mail address, else refuse (EDGAR would 403)."""
    if not contact_email(user_agent):
        raise EdgarContactMissing(
            "SEC EDGAR refuses clients that do not declare a contact e-mail address in their User-Agent "
            f"(current: {user_agent!r}). Set {USER_AGENT_HINT} in your config file (SPACEMINE_CONFIG); "
            "nothing was sent to sec.gov."
        )
    return str(user_agent)


@dataclass
class RetryPolicy:
    """Backoff on 403/429/503: ``Retry-After`` when the server sends one, else exponential."""

    max_attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 60.0
    sleep: Callable[[float], Any] = time.sleep
    statuses: tuple[int, ...] = (403, 429, 503)

    def delay(self, attempt: int, headers: Mapping[str, str]) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        advised = retry_after_seconds(headers.get("retry-after"))
        wait = advised if advised is not None else self.base_delay * (2 ** (attempt - 1))
        return max(0.0, min(wait, self.max_delay))


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """A ``Retry-After`` header (seconds or an HTTP date) as seconds from now; None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²".isdigit() is true too, and float("²") raises
        return min(float(value), 1e9)  # "9" * 400 would be inf
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class EdgarClient:
    """GET against EDGAR through the injected client: contact check, limiter, retries, raw kept.

    Every response (error bodies included) is appended to :attr:`raw` so the source can put
    them all in its :class:`~extractors.base.SourceResult`; :meth:`attach` puts them on an
    exception so the pipeline keeps them even when the source fails.
    """

    def __init__(self, ctx: SourceContext, retry: RetryPolicy | None = None) -> None:
        self.user_agent = require_contact(ctx.user_agent)
        self.ctx = ctx
        self.retry = retry or RetryPolicy()
        self.raw: list[RawPayload] = []
        self.requests = 0

    def get(self, url: str, accept: str = "*/*") -> RawPayload:
        """The 2xx response for ``url``, or a :class:`SourceError` saying what went wrong."""
        attempts = max(1, self.retry.max_attempts)
        for attempt in range(1, attempts + 1):
            self.ctx.limiter.wait(url)
            self.requests += 1
            raw = _get(self.ctx.client, url, {"User-Agent": self.user_agent, "Accept": accept},
                       self.ctx.max_bytes)
            self.raw.append(raw)
            if raw.status < 300:
                return raw
            if raw.status in self.retry.statuses and attempt < attempts:
                self.retry.sleep(self.retry.delay(attempt, raw.headers))
                continue
            raise self._status_error(url, raw, attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def attach(self, exc: SourceError) -> SourceError:
        """Give ``exc`` the bodies fetched so far (the pipeline stores ``exc.raw``)."""
        exc.raw = list(self.raw)  # type: ignore[attr-defined]
        return exc

    @staticmethod
    def _status_error(url: str, raw: RawPayload, attempts: int) -> SourceError:
        status = raw.status
        if status in (403, 429, 503):
            why = {
                403: "access denied",
                429: "too many requests",
                503: "service unavailable",
            }[status]
            return EdgarAccessDenied(
                f"SEC EDGAR answered HTTP {status} ({why}) to {url} after {attempts} attempt(s). EDGAR blocks "
                "clients that exceed 10 requests per second (the block lifts after about 10 minutes under the "
                f"limit) and clients whose User-Agent lacks a contact e-mail address: check {USER_AGENT_HINT} "
                "in your config and sources.edgar.requests_per_second (at most 10).",
                status,
            )
        if status == 404:
            code = parse_s3_error(raw.body)
            detail = f" ({code[0]}: {code[1]})" if code else ""
            return EdgarNotFound(f"SEC EDGAR has nothing at {url}: HTTP 404{detail}", 404)
        return HTTPStatusError(f"HTTP {status} from {url}", status)


def _get(client: httpx.Client, url: str, headers: dict[str, str], max_bytes: int) -> RawPayload:
    """One GET with the size cap; any status is returned (the caller judges 403/404/429)."""
    got = request_capped(client, "GET", url, headers=headers, max_bytes=max_bytes)
    return RawPayload(url=got.url, status=got.status, headers=got.headers, body=got.body, fetched_at=got.fetched_at)


# Configuration ------------------------------------------------------------------------------
@dataclass(frozen=True)
class EdgarUrls:
    www: str = DEFAULT_URLS["www_url"]
    data: str = DEFAULT_URLS["data_url"]
    efts: str = DEFAULT_URLS["efts_url"]


@dataclass(frozen=True)
class WatchedCompany:
    cik: str  # 10 digits, zero-padded
    name: str


def config_urls(config: Mapping[str, Any], where: str = "sources.edgar") -> EdgarUrls:
    urls = {}
    for key, default in DEFAULT_URLS.items():
        value = config.get(key) or default
        if not isinstance(value, str) or not value.startswith(("http://", "https://")):
            raise ConfigError(f"{where}.{key} must be a URL starting with http:// or https://, got {value!r}")
        urls[key] = value.rstrip("/")
    return EdgarUrls(urls["www_url"], urls["data_url"], urls["efts_url"])


def config_watchlist(config: Mapping[str, Any], where: str = "sources.edgar") -> list[WatchedCompany]:
    raw = config.get("watchlist") or []
    if not isinstance(raw, list):
        raise ConfigError(f"{where}.watchlist must be a list of {{cik, name}} entries")
    companies: list[WatchedCompany] = []
    for index, entry in enumerate(raw):
        spot = f"{where}.watchlist[{index}]"
        if isinstance(entry, (str, int)):
            entry = {"cik": entry}
        if not isinstance(entry, Mapping) or entry.get("cik") in (None, ""):
            raise ConfigError(f"{spot} must be a mapping with 'cik' (and 'name')")
        try:
            cik = pad_cik(entry["cik"])
        except ValueError:
            raise ConfigError(f"{spot}.cik must be a CIK of up to 10 digits, got {entry['cik']!r}") from None
        if any(c.cik == cik for c in companies):
            raise ConfigError(f"{spot}.cik {cik} is listed twice")
        name = entry.get("name") or f"CIK {cik}"
        if not isinstance(name, str):
            raise ConfigError(f"{spot}.name must be text")
        companies.append(WatchedCompany(cik, name.strip()))
    return companies


def config_str_list(config: Mapping[str, Any], key: str, where: str, default: Iterable[str] = ()) -> list[str]:
    value = config.get(key, None)
    if value is None:
        return list(default)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and str(v).strip() for v in value):
        raise ConfigError(f"{where}.{key} must be a list of non-empty text values, got {value!r}")
    return [str(v).strip() for v in value]


def config_positive_int(config: Mapping[str, Any], key: str, where: str, default: int) -> int:
    value = config.get(key, default)
    whole = isinstance(value, int) and not isinstance(value, bool) or isinstance(value, str) and value.strip().isdigit()
    if not whole or int(value) <= 0:
        raise ConfigError(f"{where}.{key} must be a positive whole number, got {value!r}")
    return int(value)


def config_enabled(config: Mapping[str, Any], where: str) -> bool:
    if not isinstance(config, Mapping):
        raise ConfigError(f"{where} must be a mapping of settings")
    enabled = config.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{where}.enabled must be true or false, got {enabled!r}")
    return enabled


# Small helpers --------------------------------------------------------------------------------
def pad_cik(value: Any) -> str:
    """"1844452", 1844452 or "0001844452" -> "0001844452" (ValueError for anything else)."""
    text = str(value).strip()
    if text.upper().startswith("CIK"):
        text = text[3:].strip()
    # ASCII digits only: "²" and "١" are digits to str.isdigit() but not to int().
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > 10 or not text.lstrip("0"):
        raise ValueError(f"not a CIK: {value!r}")
    return text.lstrip("0").zfill(10)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def accession_folder(accession: str) -> str:
    return accession.replace("-", "")


def archive_url(www_url: str, cik: str, accession: str, document: str) -> str:
    """https://www.sec.gov/Archives/edgar/data/<cik>/<accession-no-dashes>/<document>."""
    return f"{www_url}/Archives/edgar/data/{int(cik)}/{accession_folder(accession)}/{document.lstrip('/')}"


def index_url(www_url: str, cik: str, accession: str) -> str:
    return archive_url(www_url, cik, accession, f"{accession}-index.htm")


def submissions_url(data_url: str, cik: str) -> str:
    return f"{data_url}/submissions/CIK{pad_cik(cik)}.json"


def overflow_url(data_url: str, name: str) -> str:
    return f"{data_url}/submissions/{quote(name)}"


def latest_url(www_url: str, form_type: str, count: int = 100, start: int = 0) -> str:
    query = {"action": "getcurrent", "type": form_type, "company": "", "dateb": "", "owner": "include",
             "start": start, "count": count, "output": "atom"}
    return f"{www_url}/cgi-bin/browse-edgar?{urlencode(query)}"


def company_atom_url(www_url: str, cik: str, form_type: str = "", count: int = 100, start: int = 0) -> str:
    query = {"action": "getcompany", "CIK": pad_cik(cik), "type": form_type, "dateb": "", "owner": "include",
             "start": start, "count": count, "output": "atom"}
    return f"{www_url}/cgi-bin/browse-edgar?{urlencode(query)}"


def full_text_url(efts_url: str, phrase: str, forms: Iterable[str], start: date | None, end: date | None,
                  offset: int = 0) -> str:
    """The EFTS query for an exact phrase (quoted), some forms and a filing-date window."""
    query: dict[str, Any] = {"q": f'"{phrase}"', "forms": ",".join(forms)}
    if start and end:
        query.update({"dateRange": "custom", "startdt": start.isoformat(), "enddt": end.isoformat()})
    query["from"] = offset
    return f"{efts_url}/LATEST/search-index?{urlencode(query, quote_via=quote)}"


def parse_acceptance(value: str | None) -> datetime | None:
    """``acceptanceDateTime`` ("2024-12-26T17:00:07.000Z") as aware UTC.

    A value with a numeric offset (as :func:`settle_acceptance_clock` writes them) is taken as
    written; a bare ``Z`` value on its own is read as US Eastern, the older EDGAR behaviour.
    """
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if re.search(r"[+-]\d{2}:?\d{2}$", text):
            parsed = datetime.fromisoformat(text)
            return parsed.astimezone(timezone.utc)
        naive = datetime.fromisoformat(text.rstrip("Zz").split(".")[0])
        return naive.replace(tzinfo=EASTERN).astimezone(timezone.utc)
    except (ValueError, OverflowError):  # OverflowError: year 1 or 9999 moved across a zone
        return None


EDGAR_HOURS = (6, 22)  # EDGAR accepts filings from 06:00 to 22:00 US Eastern


def settle_acceptance_clock(rows: list[dict[str, Any]]) -> str:
    """Make each row's ``acceptanceDateTime`` carry its real offset; return "eastern" or "utc".

    The two readings of a bare ``...Z`` value are told apart by EDGAR's opening hours: under
    the wrong reading many acceptances fall at night. Midnight placeholders (``00:00:00``)
    carry no evidence and are left out of the vote.
    """
    eastern_misses = utc_misses = 0
    naive_values: list[tuple[dict[str, Any], datetime]] = []
    for row in rows:
        value = row.get("acceptanceDateTime")
        if not isinstance(value, str) or not value.strip().upper().endswith("Z"):
            continue
        try:
            naive = datetime.fromisoformat(value.strip().rstrip("Zz").split(".")[0])
        except ValueError:
            continue
        naive_values.append((row, naive))
        if naive.time() == datetime.min.time():
            continue
        try:
            as_eastern = naive.replace(tzinfo=timezone.utc).astimezone(EASTERN)
        except OverflowError:  # 0001-01-01T01:00Z has no Eastern reading: no evidence either way
            continue
        low, high = EDGAR_HOURS
        eastern_misses += not (low <= naive.hour < high)
        utc_misses += not (low <= as_eastern.hour < high)
    clock = "utc" if utc_misses < eastern_misses else "eastern"
    for row, naive in naive_values:
        zone = timezone.utc if clock == "utc" else EASTERN
        row["acceptanceDateTime"] = naive.replace(tzinfo=zone).isoformat()
    return clock


def parse_atom_time(value: str | None) -> datetime | None:
    """An Atom ``updated`` ("2024-12-26T17:00:07-05:00") as aware UTC (no offset: Eastern)."""
    return eastern_to_utc(value) if value else None


def parse_day(value: Any) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def filing_day_start(day: date | None) -> datetime | None:
    """An Eastern filing date as the UTC instant of its Eastern midnight."""
    if day is None:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=EASTERN).astimezone(timezone.utc)


def eastern_today(now: datetime) -> date:
    return (now if now.tzinfo else now.replace(tzinfo=timezone.utc)).astimezone(EASTERN).date()


_ITEM_CODE = re.compile(r"(?<![\d.])(\d{1,2}\.\d{2})(?!\d)")


def decode_items(value: Any) -> list[str]:
    """8-K item codes from "2.01,9.01", ["8.01", "9.01"] or "items 1.01, 2.03, 8.01and9.01"."""
    if value is None:
        return []
    text = ",".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
    codes: list[str] = []
    for code in _ITEM_CODE.findall(text):
        major, minor = code.split(".")
        code = f"{int(major)}.{minor}"
        if code not in codes:
            codes.append(code)
    return codes


def item_names(codes: Iterable[str]) -> list[str]:
    """Names of 8-K item codes; an unknown code is kept as "Item x.xx"."""
    return [ITEMS_8K.get(code, f"Item {code}") for code in codes]


def is_8k(form: str) -> bool:
    return form.upper().startswith("8-K")


def form_description(form: str, description: str | None) -> str:
    """A readable description: the filer's, unless it is empty or just the form again."""
    text = " ".join(description.split()) if isinstance(description, str) else ""
    if not text or text.upper().replace("FORM ", "") == form.upper():
        return FORM_NAMES.get(form, f"Form {form}")
    return text[:1].upper() + text[1:].lower() if text.isupper() else text


# XML ------------------------------------------------------------------------------------------
def parse_xml(body: bytes, what: str) -> Element:
    """Parse an XML body safely (defusedxml), after the leading whitespace EDGAR sometimes stores."""
    data = body.lstrip(b"\xef\xbb\xbf").lstrip()
    if not data:
        raise EdgarParseError(f"empty body where {what} was expected")
    try:
        return defused_fromstring(data)
    except DefusedXmlException as exc:
        raise EdgarParseError(
            f"refused {what}: it declares XML entities or a DTD ({type(exc).__name__}; possible "
            "entity-expansion attack)"
        ) from exc
    except ParseError as exc:
        head = data[:200].lower()
        if b"<html" in head or b"<!doctype html" in head:
            raise EdgarParseError(f"not {what}: an HTML page came back instead") from exc
        raise EdgarParseError(f"malformed {what}: {exc}") from exc


def _text(element: Element | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path)
    if found is None or found.text is None:
        return None
    text = " ".join(found.text.split())
    return text or None


def parse_s3_error(body: bytes) -> tuple[str, str] | None:
    """(Code, Message) of the S3-style XML error data.sec.gov sends for an unknown CIK."""
    try:
        root = parse_xml(body, "an error document")
    except EdgarParseError:
        return None
    if root.tag != "Error":
        return None
    return (_text(root, "Code") or "", _text(root, "Message") or "")


# Submissions JSON -----------------------------------------------------------------------------
@dataclass
class Submissions:
    cik: str
    name: str
    tickers: list[str]
    entity_type: str | None
    rows: list[dict[str, Any]]  # filings.recent as one dict per filing (the JSON's own keys)
    files: list[dict[str, Any]]  # overflow pages: {name, filingCount, filingFrom, filingTo}


_COLUMN_KEYS = ("accessionNumber", "filingDate", "form")


def _load_json(body: bytes, what: str) -> Any:
    try:
        return json_loads(body)  # deep nesting and lone surrogates: extractors.sanity
    except (ValueError, UnicodeDecodeError) as exc:
        head = body.lstrip()[:200].lower()
        if head.startswith(b"<"):
            raise EdgarParseError(f"not {what}: an XML/HTML document came back instead of JSON") from exc
        raise EdgarParseError(f"malformed {what}: {exc}") from exc


def columns_to_rows(columns: Mapping[str, Any], what: str = "submissions columns") -> list[dict[str, Any]]:
    """Columnar arrays (``filings.recent`` or an overflow page) to one dict per filing."""
    if not isinstance(columns, Mapping) or not all(isinstance(columns.get(k), list) for k in _COLUMN_KEYS):
        raise EdgarParseError(f"{what}: expected columnar arrays with {', '.join(_COLUMN_KEYS)}")
    arrays = {k: v for k, v in columns.items() if isinstance(v, list)}
    lengths = {len(v) for v in arrays.values()}
    if len(lengths) > 1:
        detail = ", ".join(f"{k}={len(v)}" for k, v in arrays.items())
        raise EdgarParseError(f"{what}: the columnar arrays have different lengths ({detail})")
    count = lengths.pop() if lengths else 0
    return [{k: v[i] for k, v in arrays.items()} for i in range(count)]


def parse_submissions(body: bytes) -> Submissions:
    """``data.sec.gov/submissions/CIK##########.json``: company facts, recent filings, overflow pages."""
    data = _load_json(body, "EDGAR submissions JSON")
    if not isinstance(data, dict) or "filings" not in data or "cik" not in data:
        raise EdgarParseError("not EDGAR submissions JSON: no 'cik' and 'filings'")
    filings = data.get("filings") or {}
    if not isinstance(filings, dict):
        raise EdgarParseError("not EDGAR submissions JSON: 'filings' is not an object")
    rows = columns_to_rows(filings.get("recent") or {}, "submissions filings.recent")
    settle_acceptance_clock(rows)
    files = [f for f in _list(filings.get("files")) if isinstance(f, dict) and isinstance(f.get("name"), str)
             and f["name"]]
    try:
        cik = pad_cik(data["cik"])
    except ValueError:
        raise EdgarParseError(f"EDGAR submissions JSON with an unusable cik {data['cik']!r}") from None
    return Submissions(
        cik=cik,
        name=" ".join(str(data.get("name") or "").split()),
        tickers=[str(t) for t in _list(data.get("tickers")) if isinstance(t, str)],
        entity_type=data.get("entityType") if isinstance(data.get("entityType"), str) else None,
        rows=rows,
        files=files,
    )


def parse_submissions_page(body: bytes) -> list[dict[str, Any]]:
    """An overflow page (``CIK##########-submissions-001.json``): columnar arrays at the top level."""
    data = _load_json(body, "an EDGAR submissions overflow page")
    rows = columns_to_rows(data, "submissions overflow page")
    settle_acceptance_clock(rows)
    return rows


def filing_from_row(row: Mapping[str, Any], cik: str, company: str, www_url: str) -> dict[str, Any]:
    """One submissions row as the normalized filing payload (without ``source``)."""
    accession = str(row.get("accessionNumber") or "").strip()
    form = str(row.get("form") or "").strip()
    accepted = parse_acceptance(row.get("acceptanceDateTime"))
    filed = parse_day(row.get("filingDate"))
    primary = str(row.get("primaryDocument") or "").strip() or None
    codes = decode_items(row.get("items")) if is_8k(form) else []
    raw_items = [i for i in str(row.get("items") or "").split(",") if i.strip()]
    return {
        "cik": cik,
        "company": company,
        "accession": accession,
        "form": form,
        "filed_at": filed.isoformat() if filed else None,
        "accepted_at": accepted.isoformat() if accepted else None,
        "report_date": str(row.get("reportDate") or "")[:10] or None,
        "items": codes if is_8k(form) else raw_items,
        "item_names": item_names(codes),
        "primary_document": primary,
        "description": form_description(form, row.get("primaryDocDescription")),
        "file_number": str(row.get("fileNumber") or "") or None,
        "url": archive_url(www_url, cik, accession, primary) if primary else index_url(www_url, cik, accession),
    }


# Ticker map -----------------------------------------------------------------------------------
def parse_company_tickers(body: bytes) -> dict[str, dict[str, Any]]:
    """``www.sec.gov/files/company_tickers_exchange.json`` as ticker -> {cik, name, exchange}.

    Maps tickers to CIKs for watchlists written by ticker: every EDGAR endpoint is keyed by
    CIK, so a watchlist entry "RKLB" must become "0001819994" before anything is fetched.
    The file is columnar, ``{"fields": ["cik", "name", "ticker", "exchange"], "data":
    [[320193, "Apple Inc.", "AAPL", "Nasdaq"], ...]}``; columns are found by name in
    ``fields``, not by position. ``cik`` comes back as a 10-digit zero-padded string
    (:func:`pad_cik`), ``name`` with its whitespace collapsed, ``exchange`` as written or
    None (the file has null exchanges). Tickers are the keys, stripped and upper-cased (the
    file has at least one ticker with a trailing space, "DAIC "); class shares keep EDGAR's
    dash ("BRK-B"). One company can have several tickers (one row each); a ticker listed
    twice keeps its first row. Rows without a ticker or with an unusable CIK are skipped.
    """
    data = _load_json(body, "EDGAR company_tickers_exchange.json")
    fields = data.get("fields") if isinstance(data, dict) else None
    rows = data.get("data") if isinstance(data, dict) else None
    if not isinstance(fields, list) or not isinstance(rows, list):
        raise EdgarParseError("not EDGAR company_tickers_exchange.json: no 'fields' and 'data' lists")
    column = {str(name): index for index, name in enumerate(fields)}
    missing = [name for name in ("cik", "ticker") if name not in column]
    if missing:
        raise EdgarParseError(f"EDGAR company_tickers_exchange.json without the {', '.join(missing)} field")

    def cell(row: list[Any], name: str) -> Any:
        index = column.get(name)
        return row[index] if index is not None and index < len(row) else None

    tickers: dict[str, dict[str, Any]] = {}
    for row in rows:
        if not isinstance(row, list):
            continue
        ticker = str(cell(row, "ticker") or "").strip().upper()
        if not ticker or ticker in tickers:
            continue
        try:
            cik = pad_cik(cell(row, "cik"))
        except ValueError:
            continue
        exchange = cell(row, "exchange")
        tickers[ticker] = {
            "cik": cik,
            "name": " ".join(str(cell(row, "name") or "").split()) or None,
            "exchange": (str(exchange).strip() or None) if exchange is not None else None,
        }
    return tickers


# Atom feeds -----------------------------------------------------------------------------------
_ACCESSION_ID = re.compile(r"accession-number=(\d{10}-\d{2}-\d{6})")
_LATEST_TITLE = re.compile(r"(.*?) - (.*) \((\d+)\) \((.*)\)")
MAX_TITLE = 1000  # characters of a latest-filings entry title
_SUMMARY_FILED = re.compile(r"Filed:\s*(?:</b>)?\s*(\d{4}-\d{2}-\d{2})")
_ROLE_PREFERENCE = ("issuer", "subject", "filer", "filed by", "reporting")


def _atom_root(body: bytes, what: str) -> Element:
    root = parse_xml(body, what)
    if root.tag != f"{ATOM}feed":
        raise EdgarParseError(f"not {what}: the root element is <{root.tag.split('}')[-1]}>, not an Atom <feed>")
    return root


def _accession_of(entry: Element) -> str | None:
    match = _ACCESSION_ID.search(_text(entry, f"{ATOM}id") or "")
    return match.group(1) if match else None


def _next_link(root: Element) -> str | None:
    for link in root.findall(f"{ATOM}link"):
        if link.get("rel") == "next" and link.get("href"):
            return link.get("href")
    return None


@dataclass
class CompanyFeed:
    company: dict[str, Any]
    entries: list[dict[str, Any]]
    next_url: str | None = None


def parse_company_atom(body: bytes) -> CompanyFeed:
    """``browse-edgar?action=getcompany&output=atom``: company info and one entry per filing."""
    root = _atom_root(body, "an EDGAR company Atom feed")
    info = root.find(f"{ATOM}company-info")
    company = {
        "cik": None,
        "name": _text(info, f"{ATOM}conformed-name"),
        "sic": _text(info, f"{ATOM}assigned-sic"),
        "sic_description": _text(info, f"{ATOM}assigned-sic-desc"),
        "state_location": _text(info, f"{ATOM}state-location"),
        "state_of_incorporation": _text(info, f"{ATOM}state-of-incorporation"),
        "fiscal_year_end": _text(info, f"{ATOM}fiscal-year-end"),
        "former_names": [n.text.strip() for n in info.iter(f"{ATOM}name") if n.text and n.text.strip()]
        if info is not None and info.find(f"{ATOM}formerly-names") is not None else [],
    }
    cik_text = _text(info, f"{ATOM}cik")
    if cik_text:
        try:
            company["cik"] = pad_cik(cik_text)
        except ValueError:
            pass
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in root.findall(f"{ATOM}entry"):
        content = entry.find(f"{ATOM}content")
        accession = _text(content, f"{ATOM}accession-number") or _accession_of(entry)
        if not accession or accession in seen:
            continue
        seen.add(accession)
        category = entry.find(f"{ATOM}category")
        form = _text(content, f"{ATOM}filing-type") or (category.get("term") if category is not None else "") or ""
        updated = parse_atom_time(_text(entry, f"{ATOM}updated"))
        link = entry.find(f"{ATOM}link")
        items_desc = _text(content, f"{ATOM}items-desc")
        codes = decode_items(items_desc) if is_8k(form) else []
        entries.append({
            "accession": accession,
            "form": form,
            "filed_at": _text(content, f"{ATOM}filing-date"),
            "accepted_at": updated.isoformat() if updated else None,
            "items_desc": items_desc,
            "items": codes,
            "item_names": item_names(codes),
            "form_name": _text(content, f"{ATOM}form-name"),
            "file_number": _text(content, f"{ATOM}file-number"),
            "film_number": _text(content, f"{ATOM}film-number"),
            "size": _text(content, f"{ATOM}size"),
            "amendment": _text(content, f"{ATOM}amend") is not None,
            "url": _text(content, f"{ATOM}filing-href") or (link.get("href") if link is not None else None),
        })
    return CompanyFeed(company, entries, _next_link(root))


def parse_latest_atom(body: bytes) -> list[dict[str, Any]]:
    """``browse-edgar?action=getcurrent&output=atom``: one entry per accession, every filer kept.

    The feed repeats an accession once per filer role; the entries are merged on the accession
    number. ``company``/``cik`` name the filer whose role best names the company the filing is
    about (Issuer, then Subject, Filer, Filed by, Reporting).
    """
    root = _atom_root(body, "an EDGAR latest-filings Atom feed")
    merged: dict[str, dict[str, Any]] = {}
    for entry in root.findall(f"{ATOM}entry"):
        accession = _accession_of(entry)
        title = _text(entry, f"{ATOM}title") or ""
        # The title pattern backtracks quadratically: a 128 KB title took 10 s. Real titles
        # ("8-K - ROCKET LAB USA, INC. (0001819994) (Filer)") stay far below the cap.
        match = _LATEST_TITLE.match(title) if len(title) <= MAX_TITLE else None
        if not accession or not match:
            continue
        form, name, cik, role = (g.strip() for g in match.groups())
        category = entry.find(f"{ATOM}category")
        if category is not None and category.get("term"):
            form = category.get("term", form).strip()
        link = entry.find(f"{ATOM}link")
        summary = _text(entry, f"{ATOM}summary") or ""
        filed = _SUMMARY_FILED.search(summary.replace("<b>", "").replace("</b>", ""))
        updated = parse_atom_time(_text(entry, f"{ATOM}updated"))
        try:
            cik = pad_cik(cik)
        except ValueError:
            continue
        filer = {"name": name, "cik": cik, "role": role,
                 "url": link.get("href") if link is not None else None}
        record = merged.get(accession)
        if record is None:
            merged[accession] = {
                "accession": accession,
                "form": form,
                "filed_at": filed.group(1) if filed else None,
                "accepted_at": updated.isoformat() if updated else None,
                "filers": [filer],
            }
        elif all(f["cik"] != filer["cik"] for f in record["filers"]):
            record["filers"].append(filer)
    for record in merged.values():
        main = min(record["filers"], key=lambda f: _role_rank(f["role"]))
        record.update({"company": main["name"], "cik": main["cik"], "url": main["url"]})
    return list(merged.values())


def _role_rank(role: str) -> int:
    role = role.lower()
    return _ROLE_PREFERENCE.index(role) if role in _ROLE_PREFERENCE else len(_ROLE_PREFERENCE)


# Full-text search -----------------------------------------------------------------------------
_DISPLAY_NAME = re.compile(r"^(?P<name>.*?)\s*(?:\((?P<tickers>[^()]*)\)\s*)?\(CIK (?P<cik>\d+)\)\s*$")


def split_display_name(display: str) -> tuple[str, list[str], str | None]:
    """"Maquia Capital Acquisition Corp  (MAQC, MAQCU)  (CIK 0001844419)" -> (name, tickers, cik)."""
    match = _DISPLAY_NAME.match(display or "")
    if not match:
        return " ".join((display or "").split()), [], None
    tickers = [t.strip() for t in (match.group("tickers") or "").split(",") if t.strip()]
    return " ".join(match.group("name").split()), tickers, _cik_or_none(match.group("cik"))


def _cik_or_none(value: Any) -> str | None:
    """:func:`pad_cik`, or None for a value that is not a CIK (an 11-digit number, say)."""
    try:
        return pad_cik(value)
    except ValueError:
        return None


def _list(value: Any) -> list[Any]:
    """A JSON array of the response, or [] when missing or of another shape (a number there
    broke the readers with TypeError)."""
    return value if isinstance(value, list) else []


def _whole(value: Any) -> int:
    """A non-negative count from a JSON number or numeric string; 0 for anything else (NaN,
    Infinity, text, objects)."""
    try:
        return max(0, int(value))
    except (TypeError, ValueError, OverflowError):
        return 0


def _scalar_text(value: Any) -> str | None:
    """A text field as text: numbers written out, anything else (objects, NaN) None."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


@dataclass
class FullTextPage:
    total: int
    relation: str  # "eq", or "gte" when the 10,000-hit cap was reached
    hits: list[dict[str, Any]]  # one per filing (adsh), best-scoring file first
    raw_hits: int  # hits on this page before the per-filing dedupe

    @property
    def capped(self) -> bool:
        return self.relation == "gte" or self.total >= FULL_TEXT_CAP


def parse_full_text(body: bytes, www_url: str = DEFAULT_URLS["www_url"]) -> FullTextPage:
    """One ``efts.sec.gov/LATEST/search-index`` page: hits merged per filing (``adsh``)."""
    data = _load_json(body, "EDGAR full-text search JSON")
    hits_block = data.get("hits") if isinstance(data, dict) else None
    if not isinstance(hits_block, dict) or not isinstance(hits_block.get("hits"), list):
        raise EdgarParseError("not EDGAR full-text search JSON: no hits.hits list")
    # Every value below is read defensively: a hit, a total or a list of another shape is
    # skipped or emptied, never a TypeError/ValueError (property tests feed arbitrary JSON).
    total_block = hits_block.get("total") or {}
    if isinstance(total_block, dict):
        total, relation = _whole(total_block.get("value")), str(total_block.get("relation") or "eq")
    else:
        total, relation = _whole(total_block), "eq"
    hits: dict[str, dict[str, Any]] = {}
    for hit in hits_block["hits"]:
        if not isinstance(hit, dict):
            continue
        source = hit.get("_source") if isinstance(hit.get("_source"), dict) else {}
        hit_id = str(hit.get("_id") or "")
        adsh = str(source.get("adsh") or hit_id.split(":", 1)[0]).strip()
        filename = hit_id.split(":", 1)[1] if ":" in hit_id else None
        if not re.fullmatch(r"\d{10}-\d{2}-\d{6}", adsh):
            continue
        if adsh in hits:  # another file of a filing already listed: remember its name only
            known = hits[adsh]
            if filename and filename not in known["documents"]:
                known["documents"].append(filename)
            if source.get("sequence") in (1, "1") and not known["primary_document"]:
                known["primary_document"] = filename
                known["description"] = form_description(known["form"], source.get("file_description"))
            continue
        names = [split_display_name(d) for d in _list(source.get("display_names")) if isinstance(d, str)]
        ciks = [c for c in (_cik_or_none(c) for c in _list(source.get("ciks")) if str(c).strip().isdigit()) if c]
        cik = ciks[0] if ciks else (names[0][2] if names else None)
        company = next((n for n, _, c in names if c == cik), names[0][0] if names else "")
        form = str(source.get("form") or source.get("file_type") or "")
        xsl = _scalar_text(source.get("xsl"))
        document = f"{xsl}/{filename}" if xsl and filename else filename
        codes = decode_items(source.get("items")) if is_8k(form) else []
        hits[adsh] = {
            "accession": adsh,
            "cik": cik,
            "ciks": ciks,
            "company": company,
            "tickers": names[0][1] if names else [],
            "form": form,
            "root_form": _scalar_text(next(iter(_list(source.get("root_forms"))), None)),
            "filed_at": _scalar_text(source.get("file_date")),
            "report_date": _scalar_text(source.get("period_ending")),
            "items": codes if codes else [str(i) for i in _list(source.get("items"))],
            "item_names": item_names(codes),
            "description": form_description(form, source.get("file_description")),
            "document": filename,  # the best-scoring file that matched (an exhibit, say)
            "documents": [filename] if filename else [],
            "primary_document": filename if source.get("sequence") in (1, "1") else None,
            "xsl": xsl,
            "sequence": source.get("sequence") if isinstance(source.get("sequence"), (str, int)) else None,
            "url": archive_url(www_url, cik, adsh, document) if cik and document else
            (index_url(www_url, cik, adsh) if cik else None),
        }
    return FullTextPage(total, relation, list(hits.values()), len(hits_block["hits"]))


def full_text_window(now: datetime, lookback_days: int, cursor: Mapping[str, Any]) -> tuple[date, date]:
    """The filing-date window of a full-text run: the lookback on a first run, else since the last run.

    Later runs start one day before the previous run's end date (a filing dated that day may
    have been indexed after the previous run), never earlier than the lookback.
    """
    end = eastern_today(now)
    start = end - timedelta(days=lookback_days)
    last_end = parse_day(cursor.get("last_end"))
    if last_end:
        start = max(start, min(last_end, end) - timedelta(days=1))
    return start, end


def prune_seen(seen: Mapping[str, str], end: date, lookback_days: int) -> dict[str, str]:
    """Seen accession numbers (-> filing date) still inside the lookback window.

    Kept for the whole lookback, not just the next window, so a server that returns older hits
    than asked for still yields nothing twice; older entries can never come back and are dropped.
    """
    floor = end - timedelta(days=lookback_days)
    return {a: d for a, d in seen.items() if (parse_day(d) or end) >= floor}


@dataclass
class FullTextRun:
    hits: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    pages: int = 0
    error: SourceError | None = None
    warnings: list[str] = field(default_factory=list)


def run_full_text(client: EdgarClient, efts_url: str, www_url: str, phrase: str, forms: Iterable[str],
                  start: date, end: date) -> tuple[FullTextRun, list[tuple[dict[str, Any], RawPayload]]]:
    """Page a full-text query (``from`` += 100) until the hits or the 10,000 cap run out.

    Returns the run summary and each distinct filing with the page it came from. A failure on
    the first page raises; a later one is returned in ``run.error`` with the hits so far.
    """
    forms = list(forms)
    run = FullTextRun()
    found: dict[str, tuple[dict[str, Any], RawPayload]] = {}
    offset = 0
    while True:
        url = full_text_url(efts_url, phrase, forms, start, end, offset)
        try:
            raw = client.get(url, accept="application/json")
            page = parse_full_text(raw.body, www_url)
        except SourceError as exc:
            if run.pages == 0:
                raise
            run.error = exc
            break
        run.pages += 1
        run.total = page.total
        for hit in page.hits:
            found.setdefault(hit["accession"], (hit, raw))
        offset += FULL_TEXT_PAGE
        limit = min(page.total, FULL_TEXT_CAP)
        if page.raw_hits == 0 or offset >= limit:
            if page.capped and offset >= FULL_TEXT_CAP:
                run.warnings.append(
                    f'full-text search for "{phrase}" matched more than {FULL_TEXT_CAP:,} files; EDGAR returns '
                    "only the first 10,000: narrow the phrase or shorten lookback_days"
                )
            break
    run.hits = [hit for hit, _ in found.values()]
    return run, list(found.values())
