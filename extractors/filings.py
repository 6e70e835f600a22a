"""SEC EDGAR filings (family "filings", document kind "filing") and their event candidates.

Sources built from ``sources.edgar`` (one per watched company, latest-filings type and
full-text phrase, so one failing CIK or query never hides the others):

- ``edgar:cik##########`` (:class:`SubmissionsSource`): the company's submissions JSON. The
  first run also reads every overflow page (``filings.files[]``), so the company's whole
  history is loaded once; later runs read only ``filings.recent`` and emit the accession
  numbers they have not seen (data.sec.gov sends no validators, so the cursor keeps the seen
  accession numbers). With ``watchlist_feed: atom`` the company's ``getcompany`` Atom feed is
  read instead (:class:`CompanyFeedSource`: the latest 100 filings, no primary document name).
- ``edgar:latest-<type>`` (:class:`LatestFilingsSource`): the latest-filings Atom feed for one
  form type. It lists every filer in the country, so it keeps filings whose filer is on the
  watchlist or is a company the gazetteer knows (``nlp/data/orgs.yaml`` name or alias, compared
  after dropping legal suffixes); it is the low-latency path for those companies. Only the
  first page is read: the submissions and full-text sources catch what scrolls past.
- ``edgar:fulltext-<phrase>`` (:class:`FullTextSource`): full-text search for an exact phrase
  in ``full_text.forms`` filed within ``lookback_days`` (first run), then since the previous
  run; every page is read up to EDGAR's 10,000-hit cap. This is the discovery path: filers
  not on any list that mention regolith, ISRU or CLPS.

Every source keeps only the forms listed in ``sources.edgar.forms``. Times: see
:func:`extractors.edgar.settle_acceptance_clock` (``acceptanceDateTime`` ends in Z but was
Eastern local time in older EDGAR data; the clock is decided per document).

When the User-Agent has no contact e-mail address (the shipped default), the sources are still
built and each one's ``collect`` raises :class:`~extractors.edgar.EdgarContactMissing` (a
SourceError and a ConfigError) with the fix, so news and award sources keep running and
``sources status`` names the problem against every EDGAR source.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Any, Iterable, Mapping

from extractors.base import RawPayload, SourceContext, SourceResult, SourceState
from extractors.edgar import (
    LATEST_COUNTS,
    MAX_REQUESTS_PER_SECOND,
    EdgarClient,
    EdgarNotFound,
    EdgarUrls,
    RetryPolicy,
    WatchedCompany,
    company_atom_url,
    config_enabled,
    config_positive_int,
    config_str_list,
    config_urls,
    config_watchlist,
    filing_day_start,
    filing_from_row,
    form_description,
    full_text_url,
    full_text_window,
    prune_seen,
    latest_url,
    overflow_url,
    parse_company_atom,
    parse_day,
    parse_latest_atom,
    parse_submissions,
    parse_submissions_page,
    run_full_text,
    slug,
    submissions_url,
)
from extractors.errors import SourceError
from extractors.sanity import plausible_day, plausible_time
from spacemine.records import Document, Evidence, EventCandidate
from spacemine.settings import ConfigError

FAMILY = "filings"
KIND = "filing"
WHERE = "sources.edgar"
DEFAULT_FORMS = ("8-K", "8-K/A", "10-K", "10-Q", "S-1", "S-1/A", "424B4", "D", "D/A")


# Configuration ------------------------------------------------------------------------------
def sources_from_config(config: Mapping[str, Any], user_agent: str) -> list:
    """The filings sources of ``sources.edgar``; [] when ``enabled`` is false.

    ``user_agent`` is not checked here: a missing contact address fails each EDGAR source at
    collect time (see the module docstring), so the other families still run.
    """
    if not config_enabled(config, WHERE):
        return []
    urls = config_urls(config, WHERE)
    rate = config.get("requests_per_second", MAX_REQUESTS_PER_SECOND)
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 < rate <= MAX_REQUESTS_PER_SECOND:
        raise ConfigError(f"{WHERE}.requests_per_second must be a number above 0 and at most "
                          f"{MAX_REQUESTS_PER_SECOND} (SEC fair access), got {rate!r}")
    forms = config_str_list(config, "forms", WHERE, DEFAULT_FORMS)
    watchlist = config_watchlist(config, WHERE)
    feed = config.get("watchlist_feed", "submissions")
    if feed not in ("submissions", "atom"):
        raise ConfigError(f"{WHERE}.watchlist_feed must be 'submissions' or 'atom', got {feed!r}")

    sources: list = []
    for company in watchlist:
        if feed == "atom":
            sources.append(CompanyFeedSource(company, urls, forms))
        else:
            sources.append(SubmissionsSource(company, urls, forms))

    latest = config.get("latest_filings") or {}
    if not isinstance(latest, Mapping):
        raise ConfigError(f"{WHERE}.latest_filings must be a mapping with types and count")
    count = latest.get("count", 100)
    if count not in LATEST_COUNTS:
        raise ConfigError(f"{WHERE}.latest_filings.count must be one of {list(LATEST_COUNTS)} "
                          f"(what EDGAR accepts), got {count!r}")
    for form_type in config_str_list(latest, "types", f"{WHERE}.latest_filings"):
        sources.append(LatestFilingsSource(form_type, count, urls, forms, [c.cik for c in watchlist]))

    full_text = config.get("full_text") or {}
    if not isinstance(full_text, Mapping):
        raise ConfigError(f"{WHERE}.full_text must be a mapping with phrases, forms and lookback_days")
    where_ft = f"{WHERE}.full_text"
    phrases = config_str_list(full_text, "phrases", where_ft)
    if phrases:
        query_forms = config_str_list(full_text, "forms", where_ft, forms)
        lookback = config_positive_int(full_text, "lookback_days", where_ft, 30)
        for phrase in phrases:
            if '"' in phrase:
                raise ConfigError(f"{where_ft}.phrases: {phrase!r} must not contain double quotes "
                                  "(each phrase is searched as an exact phrase)")
            sources.append(FullTextSource(phrase, query_forms, forms, lookback, urls))
    return sources


# Documents ----------------------------------------------------------------------------------
def filing_title(payload: Mapping[str, Any]) -> str:
    """"<Company> <form> <item names or description>"."""
    detail = "; ".join(payload.get("item_names") or []) or payload.get("description") or ""
    return " ".join(part for part in (payload.get("company") or f"CIK {payload.get('cik')}",
                                      payload.get("form") or "", detail) if part)


def filing_text(payload: Mapping[str, Any]) -> str:
    """A one-paragraph summary built only from the payload (stable: same filing, same text)."""
    company = payload.get("company") or "An EDGAR filer"
    parts = [f"{company} (CIK {payload.get('cik')}) filed Form {payload.get('form')} with the SEC"]
    if payload.get("filed_at"):
        parts[0] += f" on {payload['filed_at']}"
    accepted = payload.get("accepted_at")
    if accepted:
        parts[0] += f" (accepted {datetime.fromisoformat(accepted):%Y-%m-%d %H:%M:%S} UTC)"
    parts[0] += f", accession number {payload.get('accession')}."
    codes, names = payload.get("items") or [], payload.get("item_names") or []
    if names and len(codes) == len(names):
        parts.append("Items: " + "; ".join(f"{c} {n}" for c, n in zip(codes, names)) + ".")
    if payload.get("description"):
        parts.append(f"Document: {payload['description']}.")
    if payload.get("report_date"):
        parts.append(f"Period of report: {payload['report_date']}.")
    if payload.get("matched_phrase"):
        parts.append(f'Matched the full-text search phrase "{payload["matched_phrase"]}".')
    return " ".join(parts)


def filing_document(source_id: str, payload: dict[str, Any], fetched_at: datetime,
                    raw_fetch_id: str | None) -> Document:
    """A filing payload (see :func:`extractors.edgar.filing_from_row`) as a Document."""
    accepted = payload.get("accepted_at")
    published = datetime.fromisoformat(accepted) if accepted else filing_day_start(parse_day(payload.get("filed_at")))
    published = plausible_time(published, fetched_at)  # not before 1975, not after the fetch
    return Document(
        doc_id=Document.make_id(source_id, payload["accession"]),
        source_id=source_id,
        kind=KIND,
        external_id=payload["accession"],
        url=payload.get("url"),
        title=filing_title(payload),
        published_at=published,
        fetched_at=fetched_at,
        text=filing_text(payload),
        payload=payload,
        raw_fetch_id=raw_fetch_id,
    )


def _payload(base: Mapping[str, Any], source: str, **extra: Any) -> dict[str, Any]:
    keys = ("cik", "company", "accession", "form", "filed_at", "accepted_at", "items", "item_names",
            "primary_document", "url")
    payload = {key: base.get(key) for key in keys}
    payload.update({k: v for k, v in base.items() if k not in payload})
    payload["source"] = source
    payload.update(extra)
    return payload


# Sources ------------------------------------------------------------------------------------
class _EdgarSource:
    family = FAMILY

    def __init__(self, retry: RetryPolicy | None = None) -> None:
        self.retry = retry

    def _client(self, ctx: SourceContext) -> EdgarClient:
        return EdgarClient(ctx, self.retry)


class SubmissionsSource(_EdgarSource):
    """One watched company's filings from ``data.sec.gov/submissions/CIK##########.json``."""

    def __init__(self, company: WatchedCompany, urls: EdgarUrls, forms: Iterable[str],
                 retry: RetryPolicy | None = None) -> None:
        super().__init__(retry)
        self.company, self.urls, self.forms = company, urls, list(forms)
        self.id = f"edgar:cik{company.cik}"
        self.name = f"EDGAR filings of {company.name}"
        self.url = submissions_url(urls.data, company.cik)

    def collect(self, ctx: SourceContext) -> SourceResult:
        client = self._client(ctx)
        cursor = ctx.state.cursor or {}
        seen = set(cursor.get("seen") or [])
        backfilled = bool(cursor.get("backfilled"))
        try:
            raw = client.get(self.url, accept="application/json")
            submissions = parse_submissions(raw.body)
        except EdgarNotFound as exc:
            raise client.attach(EdgarNotFound(
                f"EDGAR has no filer with CIK {self.company.cik} ({self.company.name}): {self.url} answered "
                f"HTTP 404. Check the CIK in sources.edgar.watchlist (look it up at "
                f"https://www.sec.gov/cgi-bin/browse-edgar?company=&CIK={self.company.cik}).", 404)) from exc
        except SourceError as exc:
            raise client.attach(exc)
        warnings: list[str] = []
        if submissions.cik != self.company.cik:
            warnings.append(f"{self.url} describes CIK {submissions.cik}, not {self.company.cik}")
        company = submissions.name or self.company.name
        rows: list[tuple[dict[str, Any], RawPayload]] = [(row, raw) for row in submissions.rows]
        recent = {str(row.get("accessionNumber")) for row in submissions.rows if row.get("form") in self.forms}
        error: SourceError | None = None
        if not backfilled:
            # First run: the older filings live in overflow pages; later runs never need them.
            for page in submissions.files:
                try:
                    page_raw = client.get(overflow_url(self.urls.data, page["name"]), accept="application/json")
                    rows += [(row, page_raw) for row in parse_submissions_page(page_raw.body)]
                except SourceError as exc:
                    error = exc
                    break
        documents: dict[str, Document] = {}
        for row, row_raw in rows:
            form = str(row.get("form") or "")
            accession = str(row.get("accessionNumber") or "")
            if form not in self.forms or not accession or accession in seen or accession in documents:
                continue
            payload = _payload(filing_from_row(row, submissions.cik, company, self.urls.www), "submissions")
            documents[accession] = filing_document(self.id, payload, ctx.now, row_raw.fetch_id(self.id))
        result = SourceResult(documents=list(documents.values()), raw=client.raw, warnings=warnings)
        if error is not None:
            result.error = f"overflow page failed, {len(documents)} filing(s) kept, retried next run: {error}"
            result.error_kind = error.kind
            return result
        # Only accession numbers still in `recent` can come back; older ones never reappear.
        result.state = SourceState(cursor={"cik": self.company.cik, "backfilled": True, "seen": sorted(recent)})
        return result


class CompanyFeedSource(_EdgarSource):
    """One watched company's latest 100 filings from its ``getcompany`` Atom feed."""

    def __init__(self, company: WatchedCompany, urls: EdgarUrls, forms: Iterable[str],
                 retry: RetryPolicy | None = None) -> None:
        super().__init__(retry)
        self.company, self.urls, self.forms = company, urls, list(forms)
        self.id = f"edgar:cik{company.cik}"
        self.name = f"EDGAR filings of {company.name} (Atom)"
        self.url = company_atom_url(urls.www, company.cik)

    def collect(self, ctx: SourceContext) -> SourceResult:
        client = self._client(ctx)
        seen = set((ctx.state.cursor or {}).get("seen") or [])
        try:
            raw = client.get(self.url, accept="application/atom+xml")
            feed = parse_company_atom(raw.body)
        except SourceError as exc:
            raise client.attach(exc)
        company = feed.company.get("name") or self.company.name
        cik = feed.company.get("cik") or self.company.cik
        documents = []
        kept = set()
        for entry in feed.entries:
            if entry["form"] not in self.forms:
                continue
            kept.add(entry["accession"])
            if entry["accession"] in seen:
                continue
            base = {
                "cik": cik, "company": company, "accession": entry["accession"], "form": entry["form"],
                "filed_at": entry["filed_at"], "accepted_at": entry["accepted_at"], "items": entry["items"],
                "item_names": entry["item_names"], "primary_document": None, "url": entry["url"],
                "description": form_description(entry["form"], entry.get("form_name")),
                "file_number": entry.get("file_number"),
            }
            documents.append(filing_document(self.id, _payload(base, "company_atom"), ctx.now, raw.fetch_id(self.id)))
        return SourceResult(documents=documents, raw=client.raw,
                            state=SourceState(cursor={"cik": self.company.cik, "seen": sorted(kept)}))


class LatestFilingsSource(_EdgarSource):
    """The latest-filings Atom feed for one form type, kept to watched and known companies."""

    def __init__(self, form_type: str, count: int, urls: EdgarUrls, forms: Iterable[str],
                 watch_ciks: Iterable[str], known_names: Iterable[str] | None = None,
                 retry: RetryPolicy | None = None) -> None:
        super().__init__(retry)
        self.form_type, self.count, self.urls, self.forms = form_type, count, urls, list(forms)
        self.watch_ciks = set(watch_ciks)
        self._known = frozenset(known_names) if known_names is not None else None
        self.id = f"edgar:latest-{slug(form_type)}"
        self.name = f"EDGAR latest {form_type} filings"
        self.url = latest_url(urls.www, form_type, count)

    @property
    def known_names(self) -> frozenset[str]:
        if self._known is None:
            self._known = gazetteer_company_names()
        return self._known

    def wanted(self, record: Mapping[str, Any]) -> bool:
        """A filing of a watched CIK or of a company the gazetteer knows, in a configured form."""
        if record["form"] not in self.forms:
            return False
        return any(f["cik"] in self.watch_ciks or normalize_company(f["name"]) in self.known_names
                   for f in record["filers"])

    def collect(self, ctx: SourceContext) -> SourceResult:
        client = self._client(ctx)
        seen = set((ctx.state.cursor or {}).get("seen") or [])
        try:
            raw = client.get(self.url, accept="application/atom+xml")
            records = parse_latest_atom(raw.body)
        except SourceError as exc:
            raise client.attach(exc)
        documents = []
        kept = []
        for record in records:
            if not self.wanted(record):
                continue
            kept.append(record["accession"])
            if record["accession"] in seen:
                continue
            codes = []  # the latest feed names no 8-K items
            base = {
                "cik": record["cik"], "company": record["company"], "accession": record["accession"],
                "form": record["form"], "filed_at": record["filed_at"], "accepted_at": record["accepted_at"],
                "items": codes, "item_names": [], "primary_document": None, "url": record["url"],
                "description": form_description(record["form"], None), "filers": record["filers"],
            }
            documents.append(filing_document(self.id, _payload(base, "latest"), ctx.now, raw.fetch_id(self.id)))
        # The feed is a rolling window: only what is on it now can be seen again.
        return SourceResult(documents=documents, raw=client.raw,
                            state=SourceState(cursor={"seen": sorted(kept)}))


class FullTextSource(_EdgarSource):
    """EDGAR full-text search for one exact phrase, every page, deduplicated per filing."""

    def __init__(self, phrase: str, query_forms: Iterable[str], forms: Iterable[str], lookback_days: int,
                 urls: EdgarUrls, retry: RetryPolicy | None = None) -> None:
        super().__init__(retry)
        self.phrase, self.query_forms, self.forms = phrase, list(query_forms), list(forms)
        self.lookback_days, self.urls = lookback_days, urls
        self.id = f"edgar:fulltext-{slug(phrase)}"
        self.name = f'EDGAR full-text search "{phrase}"'
        self.url = full_text_url(urls.efts, phrase, self.query_forms, None, None)

    def collect(self, ctx: SourceContext) -> SourceResult:
        client = self._client(ctx)
        cursor = ctx.state.cursor or {}
        seen: dict[str, str] = dict(cursor.get("seen") or {})
        start, end = full_text_window(ctx.now, self.lookback_days, cursor)
        try:
            run, found = run_full_text(client, self.urls.efts, self.urls.www, self.phrase, self.query_forms,
                                       start, end)
        except SourceError as exc:
            raise client.attach(exc)
        documents = []
        for hit, raw in found:
            if hit["form"] not in self.forms or not hit["cik"] or hit["accession"] in seen:
                continue
            payload = _payload(hit, "full_text", matched_phrase=self.phrase, accepted_at=None)
            documents.append(filing_document(self.id, payload, ctx.now, raw.fetch_id(self.id)))
        result = SourceResult(documents=documents, raw=client.raw, warnings=list(run.warnings))
        if run.error is not None:
            result.error = (f"page {run.pages + 1} of the full-text search failed, {len(documents)} filing(s) "
                            f"kept, retried next run: {run.error}")
            result.error_kind = run.error.kind
            return result
        for hit in run.hits:
            seen[hit["accession"]] = hit.get("filed_at") or end.isoformat()
        result.state = SourceState(cursor={"last_end": end.isoformat(),
                                           "seen": prune_seen(seen, end, self.lookback_days)})
        return result


# Company names the gazetteer knows (filter for the latest-filings feed) ----------------------
_LEGAL_WORDS = {"inc", "incorporated", "corp", "corporation", "co", "company", "llc", "l", "c", "ltd", "limited",
                "plc", "lp", "llp", "pbc", "sa", "ag", "nv", "bv", "gmbh", "holdings", "holding", "the"}
_STATE_SUFFIX = re.compile(r"\s*/[A-Z]{2}/\s*$")


def normalize_company(name: str) -> str:
    """"ROCKET LAB USA, INC." -> "rocket lab usa"; "Helio Corp /FL/" -> "helio"."""
    text = _STATE_SUFFIX.sub("", name or "")
    words = re.sub(r"[^a-z0-9+]+", " ", text.lower()).split()
    while words and words[-1] in _LEGAL_WORDS:
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=1)
def gazetteer_company_names() -> frozenset[str]:
    """Normalized names and aliases of the gazetteer's companies (tickers and short aliases left out)."""
    from nlp.gazetteer import load_gazetteer

    names = set()
    for org in load_gazetteer().orgs.values():
        if org.kind != "company":
            continue
        for alias in (org.name, *org.aliases):
            if alias.isupper() and len(alias) <= 5:
                continue  # tickers (LUNR, RKLB) never appear as filer names
            normalized = normalize_company(alias)
            if len(normalized) >= 5:
                names.add(normalized)
    return frozenset(names)


# Event candidates ---------------------------------------------------------------------------
FORM_D_FORMS = {"D", "D/A"}

def candidates(document: Document, resolver) -> list[EventCandidate]:  # noqa: ANN001 - an OrgResolver
    """One "filing" event per filing document: the filer, no amount, dated on the filing date.

    The event's identity is the accession number, so the same filing seen by the submissions,
    latest-filings and full-text sources is one event. Form D offerings are left to the funding
    family (extractors/form_d.py), which turns them into funding rounds: not a filing event too.
    """
    if document.kind != KIND:
        return []
    if str((document.payload or {}).get("form") or "").upper() in FORM_D_FORMS:
        return []
    payload = document.payload or {}
    company = payload.get("company") or ""
    accession = payload.get("accession") or document.external_id
    if not company or not accession:
        return []
    filed = plausible_day(parse_day(payload.get("filed_at")), document.fetched_at)  # not after the fetch
    if filed is None and document.published_at is not None:
        filed = plausible_day(document.published_at.date(), document.fetched_at)
    return [
        EventCandidate(
            type="filing",
            actors=(resolver.resolve(company),),
            counterparties=(),
            amount=None,
            evidence=Evidence(
                doc_id=document.doc_id, field="payload", sentence_start=0, sentence_end=len(document.text),
                sentence=document.text, pattern_id=f"edgar.{payload.get('form') or 'filing'}",
            ),
            program=None,
            event_date=filed,
            date_granularity="day" if filed else None,
            confidence=0.9,
            identity=f"sec:{accession}",
        )
    ]
