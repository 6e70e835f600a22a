"""Form D offerings (family "funding", document kind "form_d") and their funding-round candidates.

A Form D is the notice a company files within 15 days of the first sale in an offering exempt
from registration (Regulation D, Section 4(a)(5)): issuer, industry, amount offered and sold,
investor count. For private space companies (Interlune, AstroForge) it is often the first
public trace of a round. The structured filing is ``primary_doc.xml`` in the filing's archive
folder (``<www_url>/Archives/edgar/data/<cik>/<accession-no-dashes>/primary_doc.xml``).

Sources built from ``sources.form_d`` (URLs and watchlist from ``sources.edgar``):

- ``form_d:watchlist`` (:class:`FormDWatchlistSource`): the D and D/A rows of each watched
  company's submissions JSON filed within ``lookback_days``; later runs fetch only accession
  numbers not seen before. A CIK that fails (404, timeout) is named in the error while the
  other companies' filings are kept (the cursor then stays put, so nothing is skipped).
- ``form_d:fulltext-<phrase>`` (:class:`FormDFullTextSource`): full-text search with
  ``forms=D`` for each of ``full_text_phrases`` (lookback on the first run, then since the
  previous run), every page, deduplicated per accession.

Quirks handled in :func:`parse_form_d`: the stored file starts with a newline before
``<?xml`` (stripped in :func:`extractors.edgar.parse_xml`); the root is ``edgarSubmission``
without a namespace; ``totalOfferingAmount``/``totalRemaining`` may be the word "Indefinite"
(None plus an ``*_indefinite`` flag); ``dateOfFirstSale`` is ``value`` or ``yetToOccur``;
``yearOfInc`` is ``overFiveYears`` | ``withinFiveYears`` (+ ``value``) | ``yetToBeFormed``;
booleans are the strings "true"/"false"; placeholder values "None" mean absent.

Event rules (:func:`candidates`):

- The amount raised is ``totalAmountSold``; the offering size stays in the payload. A filing
  that has sold nothing yet gives a candidate without an amount (a target is not money raised).
- Stage is "debt" when debt is offered and equity is not (notes, convertible notes), else
  "undisclosed": Form D does not say seed or Series A.
- A pooled investment fund (industry group "Pooled Investment Fund", or the pooled-fund
  security type) gives no candidate: a fund raising money is not a space company raising.
- ``event_date`` is the date of first sale (else the filing date). The candidate's identity
  is its accession number; an amendment (D/A) names the filing it corrects
  (``previous_accession``) in ``amends``, so the warehouse updates that event's amount
  instead of adding a second round (:mod:`warehouse.resolve`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Iterable, Mapping
from xml.etree.ElementTree import Element

from extractors.base import SourceContext, SourceResult, SourceState
from extractors.edgar import (
    EdgarClient,
    EdgarNotFound,
    EdgarParseError,
    EdgarUrls,
    RetryPolicy,
    WatchedCompany,
    archive_url,
    config_enabled,
    config_positive_int,
    config_str_list,
    config_urls,
    config_watchlist,
    eastern_today,
    filing_day_start,
    full_text_url,
    full_text_window,
    index_url,
    parse_acceptance,
    parse_day,
    parse_submissions,
    parse_xml,
    prune_seen,
    run_full_text,
    slug,
    submissions_url,
)
from extractors.errors import SourceError
from extractors.sanity import plausible_amount, plausible_day, plausible_time
from spacemine.records import Amount, Document, Evidence, EventCandidate
from spacemine.settings import ConfigError

FAMILY = "funding"
KIND = "form_d"
WHERE = "sources.form_d"
FORMS = ("D", "D/A")
POOLED_FUND = "Pooled Investment Fund"
MAX_COUNT = 10_000_000  # investors in one offering: more is a broken value, not a count

# Federal exemptions and exclusions claimed (Form D item 6).
EXEMPTIONS: dict[str, str] = {
    "04": "Rule 504(b)(1) (not (i), (ii) or (iii))",
    "04.1": "Rule 504(b)(1)(i)",
    "04.2": "Rule 504(b)(1)(ii)",
    "04.3": "Rule 504(b)(1)(iii)",
    "05": "Rule 505",
    "06": "Rule 506",
    "06b": "Rule 506(b)",
    "06c": "Rule 506(c)",
    "4a5": "Securities Act Section 4(a)(5)",
    "3C": "Investment Company Act Section 3(c)",
    **{f"3C.{n}": f"Investment Company Act Section 3(c)({n})" for n in range(1, 15)},
}
# Types of securities offered (Form D item 9): XML flag, payload key, words for the summary.
SECURITY_TYPES: tuple[tuple[str, str, str], ...] = (
    ("isEquityType", "equity", "equity"),
    ("isDebtType", "debt", "debt"),
    ("isOptionToAcquireType", "option", "option, warrant or other right to acquire another security"),
    ("isSecurityToBeAcquiredType", "security_to_be_acquired",
     "security to be acquired upon exercise of an option or right"),
    ("isPooledInvestmentFundType", "pooled_fund", "pooled investment fund interests"),
    ("isTenantInCommonType", "tenant_in_common", "tenant-in-common securities"),
    ("isMineralPropertyType", "mineral_property", "mineral property securities"),
    ("isOtherType", "other", "other"),
)


# Parser ---------------------------------------------------------------------------------------
def _text(element: Element | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path)
    if found is None or found.text is None:
        return None
    text = " ".join(found.text.split())
    return None if not text or text.lower() == "none" else text


def _flag(element: Element | None, path: str) -> bool | None:
    value = _text(element, path)
    return None if value is None else value.strip().lower() in ("true", "y", "yes", "1")


def _amount(element: Element | None, path: str) -> tuple[float | None, bool]:
    """A dollar amount, or (None, True) for "Indefinite".

    Offering amounts are never negative, and NaN, Infinity or more than a trillion dollars is
    not an amount (:mod:`extractors.sanity`): all of those are None, as if not given.
    """
    value = _text(element, path)
    if value is None:
        return None, False
    if value.strip().lower().startswith("indefinite"):
        return None, True
    try:
        amount = plausible_amount(float(value.replace(",", "").replace("$", "")))
    except ValueError:
        return None, False
    return (amount if amount is not None and amount >= 0 else None), False


def _int(element: Element | None, path: str) -> int | None:
    """A count (investors): a whole number from 0 up; "inf" (OverflowError), "NaN", negative or
    absurd counts are None."""
    value = _text(element, path)
    try:
        number = int(float(value)) if value is not None else None
    except (ValueError, OverflowError):
        return None
    return number if number is None or 0 <= number <= MAX_COUNT else None


def _issuer(element: Element | None) -> dict[str, Any]:
    year = element.find("yearOfInc") if element is not None else None
    year_value = _text(year, "value")
    address = element.find("issuerAddress") if element is not None else None
    cik = _text(element, "cik")
    return {
        "cik": cik.zfill(10) if cik and cik.isdigit() else cik,
        "name": _text(element, "entityName"),
        "jurisdiction": _text(element, "jurisdictionOfInc"),
        "entity_type": _text(element, "entityType"),
        "entity_type_other": _text(element, "entityTypeOtherDesc"),
        "year_of_inc": {
            # ASCII digits only: "²".isdigit() is true but int("²") raises.
            "value": int(year_value) if year_value and year_value.isascii() and year_value.isdigit() else None,
            "within_five_years": _flag(year, "withinFiveYears"),
            "over_five_years": _flag(year, "overFiveYears"),
            "yet_to_be_formed": _flag(year, "yetToBeFormed"),
        },
        "city": _text(address, "city"),
        "state_or_country": _text(address, "stateOrCountry"),
        "state_or_country_description": _text(address, "stateOrCountryDescription"),
        "phone": _text(element, "issuerPhoneNumber"),
        "previous_names": [" ".join(e.text.split()) for e in (element.iter("previousName") if element is not None
                                                               else []) if e.text and e.text.strip() != "None"],
    }


def _person(info: Element) -> dict[str, Any]:
    name = info.find("relatedPersonName")
    parts = [_text(name, key) for key in ("firstName", "middleName", "lastName")]
    return {
        "name": " ".join(p for p in parts if p),
        "relationships": [" ".join(r.text.split()) for r in info.iter("relationship") if r.text and r.text.strip()],
        "clarification": _text(info, "relationshipClarification"),
    }


def parse_form_d(body: bytes) -> dict[str, Any]:
    """A Form D ``primary_doc.xml`` (schema X0708) as a normalized, JSON-serialisable dict."""
    root = parse_xml(body, "a Form D primary_doc.xml")
    if root.tag != "edgarSubmission":
        raise EdgarParseError(f"not a Form D primary_doc.xml: the root element is <{root.tag}>, not <edgarSubmission>")
    offering = root.find("offeringData")
    if offering is None:
        raise EdgarParseError("Form D primary_doc.xml without offeringData")
    issuer = _issuer(root.find("primaryIssuer"))
    if not issuer["name"]:
        raise EdgarParseError("Form D primary_doc.xml without primaryIssuer/entityName")
    industry = offering.find("industryGroup")
    filing_type = offering.find("typeOfFiling")
    amendment = filing_type.find("newOrAmendment") if filing_type is not None else None
    first_sale = filing_type.find("dateOfFirstSale") if filing_type is not None else None
    securities_el = offering.find("typesOfSecuritiesOffered")
    securities: dict[str, Any] = {key: bool(_flag(securities_el, flag)) for flag, key, _ in SECURITY_TYPES}
    securities["other_description"] = _text(securities_el, "descriptionOfOtherType")
    sales = offering.find("offeringSalesAmounts")
    total_offering, offering_indefinite = _amount(sales, "totalOfferingAmount")
    total_sold, _ = _amount(sales, "totalAmountSold")
    total_remaining, remaining_indefinite = _amount(sales, "totalRemaining")
    investors = offering.find("investors")
    exemptions = [" ".join(i.text.split()) for i in offering.findall("federalExemptionsExclusions/item")
                  if i.text and i.text.strip()]
    signature = offering.find("signatureBlock/signature")
    industry_group = _text(industry, "industryGroupType")
    fund_type = _text(industry, "investmentFundInfo/investmentFundType")
    submission_type = _text(root, "submissionType") or ""
    is_amendment = _flag(amendment, "isAmendment")
    commissions = offering.find("salesCommissionsFindersFees")
    return {
        "submission_type": submission_type,
        "schema_version": _text(root, "schemaVersion"),
        "test_or_live": _text(root, "testOrLive"),
        "issuer": issuer,
        "other_issuers": [{"cik": _text(e, "cik"), "name": _text(e, "entityName")}
                          for e in root.findall("issuerList/issuer")],
        "industry_group": industry_group,
        "investment_fund_type": fund_type,
        "is_pooled_fund": industry_group == POOLED_FUND or securities["pooled_fund"],
        "revenue_range": _text(offering, "issuerSize/revenueRange"),
        "aggregate_nav_range": _text(offering, "issuerSize/aggregateNetAssetValueRange"),
        "federal_exemptions": exemptions,
        "exemption_names": [EXEMPTIONS.get(code, code) for code in exemptions],
        "is_amendment": bool(is_amendment) if is_amendment is not None else submission_type == "D/A",
        "previous_accession": _text(amendment, "previousAccessionNumber"),
        "date_of_first_sale": _text(first_sale, "value"),
        "first_sale_yet_to_occur": bool(_flag(first_sale, "yetToOccur")),
        "more_than_one_year": _flag(offering, "durationOfOffering/moreThanOneYear"),
        "securities": securities,
        "business_combination": _flag(offering, "businessCombinationTransaction/isBusinessCombinationTransaction"),
        "minimum_investment": _amount(offering, "minimumInvestmentAccepted")[0],
        "currency": "USD",
        "total_offering_amount": total_offering,
        "offering_indefinite": offering_indefinite,
        "total_amount_sold": total_sold,
        "total_remaining": total_remaining,
        "remaining_indefinite": remaining_indefinite,
        "investors": {
            "has_non_accredited": _flag(investors, "hasNonAccreditedInvestors"),
            "non_accredited": _int(investors, "numberNonAccreditedInvestors"),
            "total": _int(investors, "totalNumberAlreadyInvested"),
        },
        "sales_commissions": _amount(commissions, "salesCommissions/dollarAmount")[0],
        "finders_fees": _amount(commissions, "findersFees/dollarAmount")[0],
        "gross_proceeds_used": _amount(offering, "useOfProceeds/grossProceedsUsed/dollarAmount")[0],
        "related_persons": [_person(info) for info in root.findall("relatedPersonsList/relatedPersonInfo")],
        "signature_date": _text(signature, "signatureDate"),
        "signer": _text(signature, "nameOfSigner"),
        "signer_title": _text(signature, "signatureTitle"),
    }


# Documents ------------------------------------------------------------------------------------
def primary_doc_url(www_url: str, cik: str, accession: str) -> str:
    return archive_url(www_url, cik, accession, "primary_doc.xml")


def _money(value: float | None) -> str:
    if value is None:
        return "an undisclosed amount"
    return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"


def _offering_phrase(parsed: Mapping[str, Any]) -> str:
    if parsed.get("offering_indefinite"):
        return "offering size indefinite"
    return f"offering {_money(parsed.get('total_offering_amount'))}"


def form_d_title(parsed: Mapping[str, Any], form: str) -> str:
    issuer = parsed["issuer"]["name"]
    return f"{issuer} Form {form}: {_money(parsed.get('total_amount_sold'))} sold ({_offering_phrase(parsed)})"


def form_d_text(parsed: Mapping[str, Any], form: str, accession: str, filed_at: str | None,
                matched_phrase: str | None = None) -> str:
    """A one-paragraph summary of the offering, built from the parsed filing only."""
    issuer = parsed["issuer"]
    about = []
    if issuer.get("jurisdiction"):
        about.append(issuer["jurisdiction"].title())
    if issuer.get("entity_type"):
        about.append(issuer["entity_type"].lower())
    lead = f"{issuer['name']} (CIK {issuer.get('cik')})"
    if about:
        lead += f", a {' '.join(about)}"
    if parsed.get("industry_group"):
        lead += f" in {parsed['industry_group']}"
    kind = "an amended Form D (D/A)" if form == "D/A" or parsed.get("is_amendment") else "a Form D"
    lead += f", filed {kind}"
    if filed_at:
        lead += f" on {filed_at}"
    lead += " giving notice of an exempt securities offering"
    if parsed.get("exemption_names"):
        lead += " under " + ", ".join(parsed["exemption_names"])
    parts = [lead + f" (accession number {accession})."]
    sold = f"It reports {_money(parsed.get('total_amount_sold'))} sold"
    if parsed.get("offering_indefinite"):
        sold += " in an offering of indefinite size"
    else:
        sold += f" of {_money(parsed.get('total_offering_amount'))} offered"
        if parsed.get("total_remaining") is not None:
            sold += f" ({_money(parsed.get('total_remaining'))} remaining)"
    investors = (parsed.get("investors") or {}).get("total")
    if investors is not None:
        sold += f" to {investors} investor{'s' if investors != 1 else ''}"
    parts.append(sold + ".")
    offered = [words for _, key, words in SECURITY_TYPES if (parsed.get("securities") or {}).get(key)]
    if offered:
        other = parsed["securities"].get("other_description")
        detail = f" ({other})" if other else ""
        parts.append("Securities offered: " + ", ".join(offered) + detail + ".")
    if parsed.get("date_of_first_sale"):
        parts.append(f"First sale: {parsed['date_of_first_sale']}.")
    elif parsed.get("first_sale_yet_to_occur"):
        parts.append("First sale: yet to occur.")
    if parsed.get("is_pooled_fund"):
        fund_type = parsed.get("investment_fund_type") or "type not given"
        parts.append(f"The issuer is a pooled investment fund ({fund_type}).")
    if parsed.get("previous_accession"):
        parts.append(f"Amends filing {parsed['previous_accession']}.")
    if parsed.get("signature_date"):
        signed = f"Signed {parsed['signature_date']}"
        if parsed.get("signer"):
            signed += f" by {parsed['signer']}" + (f", {parsed['signer_title']}" if parsed.get("signer_title") else "")
        parts.append(signed + ".")
    if matched_phrase:
        parts.append(f'Matched the full-text search phrase "{matched_phrase}".')
    return " ".join(parts)


def form_d_document(source_id: str, ref: Mapping[str, Any], parsed: dict[str, Any], fetched_at: datetime,
                    raw_fetch_id: str | None, www_url: str) -> Document:
    """A parsed Form D and what the source knew of the filing (``ref``) as a Document.

    ``ref``: accession, cik, form, filed_at, accepted_at (ISO UTC or None), document (the
    XSL-rendered ``xslFormDX01/primary_doc.xml`` path, when known), source, matched_phrase.
    """
    accession = ref["accession"]
    cik = parsed["issuer"].get("cik") or ref["cik"]
    form = parsed.get("submission_type") or ref.get("form") or "D"
    document = ref.get("document")
    url = archive_url(www_url, ref["cik"], accession, document) if document and "/" in document \
        else index_url(www_url, ref["cik"], accession)
    accepted = ref.get("accepted_at")
    published = datetime.fromisoformat(accepted) if accepted else filing_day_start(parse_day(ref.get("filed_at")))
    published = plausible_time(published, fetched_at)  # not before 1975, not after the fetch
    payload: dict[str, Any] = {
        "cik": cik,
        "company": parsed["issuer"]["name"],
        "accession": accession,
        "form": form,
        "filed_at": ref.get("filed_at"),
        "accepted_at": accepted,
        "url": url,
        "xml_url": primary_doc_url(www_url, ref["cik"], accession),
        "source": ref.get("source"),
        **parsed,
    }
    if ref.get("matched_phrase"):
        payload["matched_phrase"] = ref["matched_phrase"]
    return Document(
        doc_id=Document.make_id(source_id, accession),
        source_id=source_id,
        kind=KIND,
        external_id=accession,
        url=url,
        title=form_d_title(parsed, form),
        published_at=published,
        fetched_at=fetched_at,
        text=form_d_text(parsed, form, accession, ref.get("filed_at"), ref.get("matched_phrase")),
        payload=payload,
        raw_fetch_id=raw_fetch_id,
    )


# Sources --------------------------------------------------------------------------------------
def sources_from_config(form_d_config: Mapping[str, Any], user_agent: str,
                        edgar_config: Mapping[str, Any] | None = None) -> list:
    """The Form D sources of ``sources.form_d``; URLs and watchlist come from ``sources.edgar``.

    [] when ``form_d.enabled`` is false. ``edgar.enabled: false`` does not turn Form D off:
    the two families are switched separately. The User-Agent is checked at collect time.
    """
    if not config_enabled(form_d_config, WHERE):
        return []
    edgar_config = edgar_config or {}
    if not isinstance(edgar_config, Mapping):
        raise ConfigError("sources.edgar must be a mapping of settings")
    urls = config_urls(edgar_config, "sources.edgar")
    watchlist = config_watchlist(edgar_config, "sources.edgar")
    lookback = config_positive_int(form_d_config, "lookback_days", WHERE, 90)
    sources: list = []
    if watchlist:
        sources.append(FormDWatchlistSource(watchlist, urls, lookback))
    for phrase in config_str_list(form_d_config, "full_text_phrases", WHERE):
        if '"' in phrase:
            raise ConfigError(f"{WHERE}.full_text_phrases: {phrase!r} must not contain double quotes "
                              "(each phrase is searched as an exact phrase)")
        sources.append(FormDFullTextSource(phrase, urls, lookback))
    return sources


class _FormDSource:
    family = FAMILY

    def __init__(self, urls: EdgarUrls, lookback_days: int, retry: RetryPolicy | None) -> None:
        self.urls, self.lookback_days, self.retry = urls, lookback_days, retry

    def _fetch(self, client: EdgarClient, refs: Iterable[dict[str, Any]], now: datetime
               ) -> tuple[list[Document], list[str], set[str], SourceError | None]:
        """Fetch and parse each filing's primary_doc.xml.

        A malformed or hostile document is a warning and counts as done (it will not get
        better); a 404 is a warning and is retried next run; any other failure stops here.
        """
        documents: list[Document] = []
        warnings: list[str] = []
        done: set[str] = set()
        for ref in refs:
            url = primary_doc_url(self.urls.www, ref["cik"], ref["accession"])
            try:
                raw = client.get(url, accept="application/xml")
            except EdgarNotFound as exc:
                warnings.append(f"Form D {ref['accession']}: no primary_doc.xml ({exc}); retried next run")
                continue
            except SourceError as exc:
                return documents, warnings, done, exc
            try:
                parsed = parse_form_d(raw.body)
            except EdgarParseError as exc:
                warnings.append(f"Form D {ref['accession']} skipped: {exc}")
                done.add(ref["accession"])
                continue
            documents.append(form_d_document(self.id, ref, parsed, now, raw.fetch_id(self.id), self.urls.www))
            done.add(ref["accession"])
        return documents, warnings, done, None


class FormDWatchlistSource(_FormDSource):
    """Form D and D/A filings of the watched companies (their submissions JSON)."""

    def __init__(self, watchlist: Iterable[WatchedCompany], urls: EdgarUrls, lookback_days: int,
                 retry: RetryPolicy | None = None) -> None:
        super().__init__(urls, lookback_days, retry)
        self.watchlist = list(watchlist)
        self.id = "form_d:watchlist"
        self.name = f"Form D offerings of {len(self.watchlist)} watched companies"
        self.url = f"{urls.data}/submissions/"

    def collect(self, ctx: SourceContext) -> SourceResult:
        client = EdgarClient(ctx, self.retry)
        seen: dict[str, str] = dict((ctx.state.cursor or {}).get("seen") or {})
        since = eastern_today(ctx.now) - timedelta(days=self.lookback_days)
        refs: list[dict[str, Any]] = []
        failures: list[tuple[WatchedCompany, SourceError]] = []
        for company in self.watchlist:
            url = submissions_url(self.urls.data, company.cik)
            try:
                raw = client.get(url, accept="application/json")
                submissions = parse_submissions(raw.body)
            except SourceError as exc:
                failures.append((company, exc))
                continue
            for row in submissions.rows:
                filed = parse_day(row.get("filingDate"))
                accession = str(row.get("accessionNumber") or "")
                if row.get("form") not in FORMS or not filed or filed < since or not accession or accession in seen:
                    continue
                accepted = parse_acceptance(row.get("acceptanceDateTime"))
                refs.append({
                    "accession": accession, "cik": submissions.cik, "form": row.get("form"),
                    "filed_at": filed.isoformat(), "accepted_at": accepted.isoformat() if accepted else None,
                    "document": row.get("primaryDocument") or None, "source": "submissions",
                })
        if failures and len(failures) == len(self.watchlist):
            raise client.attach(_cik_error(failures, self.urls))
        documents, warnings, done, error = self._fetch(client, refs, ctx.now)
        result = SourceResult(documents=documents, raw=client.raw, warnings=warnings)
        if failures or error:
            problems = [_cik_message(c, e, self.urls) for c, e in failures]
            if error:
                problems.append(f"stopped fetching Form D documents: {error}")
            result.error = f"{len(documents)} Form D filing(s) kept, retried next run; " + "; ".join(problems)
            result.error_kind = (error or failures[0][1]).kind
            return result
        for ref in refs:
            if ref["accession"] in done:
                seen[ref["accession"]] = ref["filed_at"]
        seen = {a: d for a, d in seen.items() if (parse_day(d) or since) >= since}
        result.state = SourceState(cursor={"seen": seen})
        return result


def _cik_message(company: WatchedCompany, exc: SourceError, urls: EdgarUrls) -> str:
    if isinstance(exc, EdgarNotFound):
        return (f"EDGAR has no filer with CIK {company.cik} ({company.name}): "
                f"{submissions_url(urls.data, company.cik)} answered HTTP 404; check sources.edgar.watchlist")
    return f"CIK {company.cik} ({company.name}): {exc}"


def _cik_error(failures: list[tuple[WatchedCompany, SourceError]], urls: EdgarUrls) -> SourceError:
    first = failures[0][1]
    message = "; ".join(_cik_message(c, e, urls) for c, e in failures)
    return type(first)(message, first.status) if hasattr(first, "status") else type(first)(message)


class FormDFullTextSource(_FormDSource):
    """Form D filings found by full-text search for one phrase (``forms=D``)."""

    def __init__(self, phrase: str, urls: EdgarUrls, lookback_days: int, retry: RetryPolicy | None = None) -> None:
        super().__init__(urls, lookback_days, retry)
        self.phrase = phrase
        self.id = f"form_d:fulltext-{slug(phrase)}"
        self.name = f'Form D offerings mentioning "{phrase}"'
        self.url = full_text_url(urls.efts, phrase, ["D"], None, None)

    def collect(self, ctx: SourceContext) -> SourceResult:
        client = EdgarClient(ctx, self.retry)
        cursor = ctx.state.cursor or {}
        seen: dict[str, str] = dict(cursor.get("seen") or {})
        start, end = full_text_window(ctx.now, self.lookback_days, cursor)
        try:
            run, found = run_full_text(client, self.urls.efts, self.urls.www, self.phrase, ["D"], start, end)
        except SourceError as exc:
            raise client.attach(exc)
        refs = []
        for hit, _ in found:
            if hit["form"] not in FORMS or not hit["cik"] or hit["accession"] in seen:
                continue
            refs.append({
                "accession": hit["accession"], "cik": hit["cik"], "form": hit["form"], "filed_at": hit["filed_at"],
                "accepted_at": None, "document": _document_path(hit), "source": "full_text",
                "matched_phrase": self.phrase,
            })
        documents, warnings, done, error = self._fetch(client, refs, ctx.now)
        result = SourceResult(documents=documents, raw=client.raw, warnings=run.warnings + warnings)
        failure = run.error or error
        if failure is not None:
            where = f"page {run.pages + 1} of the full-text search" if run.error else "a Form D document"
            result.error = f"{where} failed, {len(documents)} Form D filing(s) kept, retried next run: {failure}"
            result.error_kind = failure.kind
            return result
        for hit in run.hits:
            if hit["accession"] in done or hit["form"] not in FORMS:
                seen[hit["accession"]] = hit.get("filed_at") or end.isoformat()
        result.state = SourceState(cursor={"last_end": end.isoformat(),
                                           "seen": prune_seen(seen, end, self.lookback_days)})
        return result


def _document_path(hit: Mapping[str, Any]) -> str | None:
    """The XSL-rendered view's path ("xslFormDX01/primary_doc.xml") when the hit names one."""
    if hit.get("xsl") and hit.get("document"):
        return f"{hit['xsl']}/{hit['document']}"
    return None


# Event candidates -----------------------------------------------------------------------------
def candidates(document: Document, resolver) -> list[EventCandidate]:  # noqa: ANN001 - an OrgResolver
    """One funding round per operating-company Form D (see the module docstring for the rules)."""
    if document.kind != KIND:
        return []
    payload = document.payload or {}
    if payload.get("is_pooled_fund") or payload.get("industry_group") == POOLED_FUND:
        return []
    name = (payload.get("issuer") or {}).get("name") or payload.get("company")
    if not name:
        return []
    sold = payload.get("total_amount_sold")
    amount = None
    if isinstance(sold, (int, float)) and sold > 0:
        offered = payload.get("total_offering_amount")
        text = f"{_money(sold)} sold" + (f" of {_money(offered)} offered" if offered else "")
        amount = Amount(value=float(sold), currency="USD", usd=float(sold), kind="round", text=text)
    securities = payload.get("securities") or {}
    stage = "debt" if securities.get("debt") and not securities.get("equity") else "undisclosed"
    # A first sale or filing day after the fetch (or before 1975) is no event date.
    when = (plausible_day(parse_day(payload.get("date_of_first_sale")), document.fetched_at)
            or plausible_day(parse_day(payload.get("filed_at")), document.fetched_at))
    if when is None and document.published_at is not None:
        when = plausible_day(document.published_at.date(), document.fetched_at)
    amended = payload.get("is_amendment") or payload.get("form") == "D/A"
    accession = payload.get("accession") or document.external_id
    previous = payload.get("previous_accession")
    return [
        EventCandidate(
            type="funding_round",
            actors=(resolver.resolve(name),),
            counterparties=(),
            amount=amount,
            evidence=Evidence(
                doc_id=document.doc_id, field="payload", sentence_start=0, sentence_end=len(document.text),
                sentence=document.text, pattern_id="edgar.form_d_amendment" if amended else "edgar.form_d",
            ),
            program=None,
            stage=stage,
            event_date=when,
            date_granularity="day" if when else None,
            confidence=0.9,
            identity=f"sec:{accession}" if accession else None,
            # A D/A corrects the offering it names: the warehouse updates that event's amount.
            amends=f"sec:{previous}" if amended and previous else None,
        )
    ]

