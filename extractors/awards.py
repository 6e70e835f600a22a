"""Contract awards, whichever system reports them: one normalized payload, programs, candidates.

USAspending (award summaries), FPDS (contract actions) and, later, SAM.gov Contract Awards all
describe the same things in different words. Each source module turns its payload into an
:class:`Award`; this module turns an award into a :class:`~spacemine.records.Document` (kind
``"award"``) with a one-paragraph human summary and the normalized ``payload`` below, and turns
such a document back into an event candidate without any NLP (:func:`candidates`).

The normalized payload (``Award.payload()``; JSON-serialisable, dates ISO, amounts floats)::

    {"schema": "award/1", "system": "usaspending" | "fpds" | "sam", "key": <natural key>,
     "category": "contract" | "idv" | "grant" | "other",
     "piid": ..., "fain": ..., "parent_piid": <parent IDV PIID>, "mod_number": ..., "transaction_number": ...,
     "is_modification": bool, "is_task_order": bool,
     "award_type": "DELIVERY ORDER" | "BPA" | "GRANT" ..., "action_type": ..., "modification_reason": ...,
     "amounts": {"obligation": this action's obligated amount (FPDS) or the award's obligation to date
                 (USAspending), "ceiling": base and all options, "ceiling_change": this action's change
                 of the ceiling (FPDS), "total": total obligated, "currency": "USD"},
     "dates": {"signed": "YYYY-MM-DD", "start": ..., "end": ..., "last_modified": ISO UTC datetime},
     "recipient": {"name", "uei", "parent_name"},
     "awarding_agency": {"name" (toptier), "code", "sub_agency", "office"},
     "description", "naics": {"code", "description"}, "psc": {"code", "description"},
     "program": <programs.yaml name or None>, "program_id": <programs.yaml id or None>,
     "url": <human page>, "extra": {<source-specific odds and ends>}}

The amount kinds stay apart on purpose: an obligation is money committed now, a ceiling is what
the vehicle could reach, a task order is an obligation under a parent IDV. Mixing them would make
a $0 IDV with a $2.6 billion ceiling look like a $2.6 billion payment.

The HTTP helper at the bottom (:func:`send`) is shared by the award sources: JSON and XML APIs
answer errors with a body worth reading (USAspending's 422 explains itself), and both hosts throttle
with 429/503, so it retries those with backoff (an injectable ``sleep`` keeps tests fast).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

import httpx

from extractors.base import RawPayload, SourceContext
from extractors.timezones import EASTERN, eastern_to_utc, naive_timestamp  # noqa: F401 - re-exported
from extractors.http import request_capped
from extractors.sanity import json_loads, plausible_amount, plausible_day, plausible_time
from extractors.errors import (
    FeedParseError,
    HTTPStatusError,
    SourceError,
)
from spacemine.records import Amount, Document, EventCandidate, Evidence

PAYLOAD_SCHEMA = "award/1"
CATEGORIES = ("contract", "idv", "grant", "other")


# Values -------------------------------------------------------------------------------------
def parse_amount(value: Any) -> float | None:
    """A dollar amount as a float: numbers pass, decimal strings ("-250000.00", "$1,200") parse.

    FPDS writes amounts as decimal strings and modifications can be negative (deobligations);
    Decimal parsing keeps "0.10" from becoming 0.1000000001 on the way. NaN, Infinity (JSON
    and Decimal both read them), integers too large for a float and amounts beyond a trillion
    dollars are not amounts: None (:func:`extractors.sanity.plausible_amount`).
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, (int, float)):
            return plausible_amount(float(value))
        text = str(value).strip().replace(",", "").replace("$", "")
        if not text:
            return None
        return plausible_amount(float(Decimal(text)))
    except (InvalidOperation, OverflowError, ValueError):
        return None


def parse_day(value: Any) -> str | None:
    """A calendar date ("YYYY-MM-DD") from a date or a date-time in any federal format.

    Signed/start/end dates are calendar dates (FPDS writes them as midnight, Eastern): the
    date part is the date; converting midnight Eastern to UTC never changes the day anyway.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        parsed = naive_timestamp(text)
        return parsed.date().isoformat() if parsed else None


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


# Programs -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgramRule:
    """A program recognised when every pattern of one alternative matches (case-insensitive)."""

    program_id: str
    alternatives: tuple[tuple[str, ...], ...]

    def matches(self, text: str) -> bool:
        return any(all(re.search(p, text, re.IGNORECASE) for p in alternative) for alternative in self.alternatives)


# Award descriptions name programmes tersely and in capitals ("CLPS CP-22 TASK ORDER", "PURCHASE
# OF LUNAR REGOLITH"), so the award-specific rules come first, most specific first: a regolith
# purchase paid through a CLPS order is the regolith purchase. "Tipping Point" is left out of the
# gazetteer as a common phrase, but in a NASA award description it only ever means the programme.
PROGRAM_RULES: tuple[ProgramRule, ...] = (
    ProgramRule("lunar_regolith_purchase", (
        (r"\bregolith\b", r"\bpurchas"),
        (r"\bregolith\b", r"\bbuy\b|\bsale\b|\bacquisition of\b"),
        (r"space resources? purchase",),
    )),
    ProgramRule("clps", ((r"\bCLPS\b",), (r"commercial lunar payload services?",))),
    ProgramRule("tipping_point", ((r"\btipping[ -]point\b",),)),
    ProgramRule("niac", ((r"\bNIAC\b",), (r"innovative advanced concepts",), (r"institute for advanced concepts",))),
    ProgramRule("sttr", ((r"\bSTTR\b",), (r"small business technology transfer",))),
    ProgramRule("sbir", ((r"\bSBIR\b",), (r"small business innovation research",))),
)


@lru_cache(maxsize=1)
def _gazetteer_programs() -> tuple[tuple[str, str, re.Pattern[str], bool], ...]:
    """(id, name, pattern, is_word) for every programs.yaml name and alias.

    Same case rule as the gazetteer: short or all-capital aliases match case-sensitively.
    ``is_word`` marks all-capital aliases that are ordinary English words (VIPER, MOXIE,
    PROSPECT): they are kept case-sensitive in the gazetteer so the word never matches, which
    cannot work on FPDS text written entirely in capitals, so they are skipped there.
    """
    from nlp.gazetteer import load_gazetteer

    found = []
    for program in load_gazetteer().programs.values():
        for alias in {program.name, *program.aliases}:
            sensitive = len(alias) <= 4 or alias.isupper()
            pattern = re.compile(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", 0 if sensitive else re.IGNORECASE)
            is_word = alias.isupper() and alias.isalpha() and len(alias) >= 5
            found.append((program.id, program.name, pattern, is_word))
    # Longest alias first: "Artemis Accords" before "Artemis".
    return tuple(sorted(found, key=lambda item: -len(item[2].pattern)))


@lru_cache(maxsize=1)
def _program_names() -> dict[str, str]:
    from nlp.gazetteer import load_gazetteer

    return {p.id: p.name for p in load_gazetteer().programs.values()}


def recognize_program(*texts: str | None) -> tuple[str, str] | None:
    """The programme an award belongs to, as (programs.yaml id, display name), or None.

    The award rules above come first; then any programs.yaml name or alias. The name is the
    one programs.yaml gives, the same one the NLP puts on news events, so both meet.
    """
    text = " ".join(t for t in texts if t)
    if not text.strip():
        return None
    names = _program_names()
    for rule in PROGRAM_RULES:
        if rule.matches(text):
            return rule.program_id, names.get(rule.program_id, rule.program_id)
    shouting = not any(c.islower() for c in text)
    for program_id, name, pattern, is_word in _gazetteer_programs():
        if shouting and is_word:
            continue
        if pattern.search(text):
            return program_id, name
    return None


# The normalized award -----------------------------------------------------------------------
@dataclass(frozen=True)
class Award:
    """One award (USAspending) or one contract action (FPDS), in the shared vocabulary."""

    system: str
    key: str
    category: str = "contract"
    piid: str | None = None
    fain: str | None = None
    parent_piid: str | None = None
    mod_number: str | None = None
    transaction_number: str | None = None
    award_type: str | None = None
    action_type: str | None = None
    modification_reason: str | None = None
    obligation: float | None = None
    ceiling: float | None = None
    ceiling_change: float | None = None
    total: float | None = None
    signed: str | None = None
    start: str | None = None
    end: str | None = None
    last_modified: datetime | None = None
    recipient_name: str | None = None
    recipient_uei: str | None = None
    recipient_parent: str | None = None
    agency_name: str | None = None
    agency_code: str | None = None
    sub_agency: str | None = None
    office: str | None = None
    description: str | None = None
    naics: str | None = None
    naics_description: str | None = None
    psc: str | None = None
    psc_description: str | None = None
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        """Coerce what a payload of the wrong shape put in: the sources copy JSON values as they
        come, and a recipient name that is an object (or a PIID that is a number) broke the
        summary and the candidate on ``.strip()``. Text fields hold text (numbers are written
        out, anything else is None) without control characters (a ``\u0000`` in JSON is a NUL);
        amounts are finite and bounded (:func:`parse_amount`)."""
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                value = str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
            if value is not None and _CONTROLS.search(value):
                value = _CONTROLS.sub("", value)
            object.__setattr__(self, name, value)
        for name in ("obligation", "ceiling", "ceiling_change", "total"):
            object.__setattr__(self, name, parse_amount(getattr(self, name)))
        if not isinstance(self.last_modified, datetime):
            object.__setattr__(self, "last_modified", None)

    @property
    def award_id(self) -> str | None:
        return self.piid or self.fain

    @property
    def is_modification(self) -> bool:
        """FPDS: a modification number other than 0 (USAspending summaries are whole awards)."""
        return bool(self.mod_number) and self.mod_number.strip() not in ("0", "00", "000")

    @property
    def is_task_order(self) -> bool:
        """A task/delivery order or BPA call: a contract placed under a parent IDV."""
        return self.category == "contract" and bool(self.parent_piid)

    def with_(self, **changes: Any) -> "Award":
        return replace(self, **changes)

    def payload(self) -> dict[str, Any]:
        program = recognize_program(self.description, self.extra.get("program_text"))
        return {
            "schema": PAYLOAD_SCHEMA,
            "system": self.system,
            "key": self.key,
            "category": self.category,
            "award_id": self.award_id,
            "piid": self.piid,
            "fain": self.fain,
            "parent_piid": self.parent_piid,
            "mod_number": self.mod_number,
            "transaction_number": self.transaction_number,
            "is_modification": self.is_modification,
            "is_task_order": self.is_task_order,
            "award_type": self.award_type,
            "action_type": self.action_type,
            "modification_reason": self.modification_reason,
            "amounts": {
                "obligation": self.obligation,
                "ceiling": self.ceiling,
                "ceiling_change": self.ceiling_change,
                "total": self.total,
                "currency": "USD",
            },
            "dates": {
                "signed": self.signed,
                "start": self.start,
                "end": self.end,
                "last_modified": self.last_modified.isoformat() if self.last_modified else None,
            },
            "recipient": {"name": self.recipient_name, "uei": self.recipient_uei, "parent_name": self.recipient_parent},
            "awarding_agency": {"name": self.agency_name, "code": self.agency_code, "sub_agency": self.sub_agency,
                                "office": self.office},
            "description": self.description,
            "naics": {"code": self.naics, "description": self.naics_description},
            "psc": {"code": self.psc, "description": self.psc_description},
            "program": program[1] if program else None,
            "program_id": program[0] if program else None,
            "url": self.url,
            "extra": {k: v for k, v in self.extra.items() if k != "program_text"},
        }


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TEXT_FIELDS = ("key", "category", "piid", "fain", "parent_piid", "mod_number", "transaction_number", "award_type",
                "action_type", "modification_reason", "signed", "start", "end", "recipient_name", "recipient_uei",
                "recipient_parent", "agency_name", "agency_code", "sub_agency", "office", "description", "naics",
                "naics_description", "psc", "psc_description", "url")


# Documents ----------------------------------------------------------------------------------
_AGENCY_SHORT = {
    "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION": "NASA",
    "DEPARTMENT OF DEFENSE": "DoD",
    "DEPT OF DEFENSE": "DoD",
    "NATIONAL SCIENCE FOUNDATION": "NSF",
    "DEPARTMENT OF ENERGY": "DOE",
    "ENERGY, DEPARTMENT OF": "DOE",
    "GENERAL SERVICES ADMINISTRATION": "GSA",
    "DEPT OF THE AIR FORCE": "Department of the Air Force",
    "DEPARTMENT OF THE AIR FORCE": "Department of the Air Force",
}
_ACRONYMS = {"IDV", "IDC", "BPA", "BOA", "GWAC", "FSS", "PIID", "FAIN", "USA", "US", "NASA", "LLC"}


def agency_display(name: str | None) -> str:
    """A readable agency name: NASA for the long form, capitals softened otherwise."""
    if not name:
        return "A federal agency"
    short = _AGENCY_SHORT.get(" ".join(name.upper().split()))
    if short:
        return short
    if name.isupper():
        small = {"of", "the", "and", "for"}
        words = name.lower().split()
        return " ".join(w if i and w in small else w.capitalize() for i, w in enumerate(words))
    return name


def _type_phrase(award: Award) -> str:
    """"delivery order", "IDV (IDC)", "grant"... in running text."""
    raw = (award.award_type or "").strip()
    if award.category == "idv":
        return f"IDV ({raw})" if raw else "IDV"
    if not raw:
        return {"grant": "grant", "contract": "contract"}.get(award.category, "award")
    raw = re.sub(r"\s*\([A-Z]\)\s*$", "", raw)  # "COOPERATIVE AGREEMENT (B)" -> "COOPERATIVE AGREEMENT"
    return " ".join(w if w in _ACRONYMS else w.lower() for w in raw.split())


def _article(phrase: str) -> str:
    return "an" if phrase[:1].lower() in "aeiou" or phrase.startswith(("IDV", "NIAC")) else "a"


def money(value: float | None) -> str:
    """$1,234,567 (cents only when there are cents); negative as -$250,000."""
    if value is None:
        return "an undisclosed amount"
    sign = "-" if value < 0 else ""
    value = abs(value)
    text = f"{value:,.2f}"
    if text.endswith(".00"):
        text = text[:-3]
    return f"{sign}${text}"


def summary_text(award: Award) -> str:
    """One paragraph a person can read: who awarded what to whom, how much, under what, when."""
    agency = agency_display(award.agency_name)
    recipient = award.recipient_name or "an undisclosed recipient"
    phrase = _type_phrase(award)
    ident = f"PIID {award.piid}" if award.piid else (f"FAIN {award.fain}" if award.fain else None)
    under = f" under IDV {award.parent_piid}" if award.parent_piid else ""
    if award.is_modification:
        change = award.obligation or 0.0
        if change > 0:
            money_part = f"obligating a further {money(change)}"
        elif change < 0:
            money_part = f"deobligating {money(-change)}"
        else:
            money_part = "with no change in obligations"
        if award.ceiling_change:
            money_part += f" (ceiling change {money(award.ceiling_change)})"
        reason = f", {award.modification_reason.lower()}" if award.modification_reason else ""
        sentence = (f"{agency} modified {phrase} {award.award_id or ''} (modification {award.mod_number}{reason})"
                    f"{under} with {recipient}, {money_part}").replace("  ", " ")
    else:
        sentence = f"{agency} awarded {recipient} {_article(phrase)} {phrase}"
        if ident:
            sentence += f" ({ident})"
        sentence += under
        if award.obligation is not None:
            sentence += f" obligating {money(award.obligation)}"
            if award.ceiling is not None and award.ceiling != award.obligation:
                sentence += f" (ceiling {money(award.ceiling)})"
        elif award.ceiling is not None:
            sentence += f" with a ceiling of {money(award.ceiling)}"
    if award.description:
        sentence += f": {award.description.rstrip(' .')}"
    sentence += "."
    if award.signed:
        sentence += f" Signed {award.signed}."
    return sentence


def summary_title(award: Award) -> str:
    """A short title: "NASA delivery order 80MSFC26F0012 to INTUITIVE MACHINES, LLC: $12,500,000"."""
    agency = agency_display(award.agency_name)
    recipient = award.recipient_name or "undisclosed recipient"
    phrase = _type_phrase(award)
    ident = award.award_id or award.key
    if award.is_modification:
        title = f"{agency} modification {award.mod_number} of {phrase} {ident} ({recipient})"
        return f"{title}: {money(award.obligation)}" if award.obligation is not None else title
    title = f"{agency} {phrase} {ident} to {recipient}"
    value = award.obligation if award.obligation else award.ceiling
    return f"{title}: {money(value)}" if value is not None else title


def award_document(award: Award, source_id: str, fetched_at: datetime, raw_fetch_id: str | None) -> Document:
    """The award as a Document (kind "award"), keyed by its natural key so reruns give the same id.

    ``published_at`` is when the government last changed the record (UTC), else the signing
    date: a changed amount changes the text and so the content hash, and the record updates.
    Either one only when plausible (:mod:`extractors.sanity`: not before 1975, not after the
    fetch); the payload keeps the dates as the source wrote them.
    """
    published = plausible_time(award.last_modified, fetched_at)
    if published is None and award.signed:
        published = plausible_time(datetime.fromisoformat(award.signed).replace(tzinfo=timezone.utc), fetched_at)
    return Document(
        doc_id=Document.make_id(source_id, award.key),
        source_id=source_id,
        kind="award",
        external_id=award.key,
        url=award.url,
        title=summary_title(award),
        published_at=published,
        fetched_at=fetched_at,
        text=summary_text(award),
        payload=award.payload(),
        raw_fetch_id=raw_fetch_id,
    )


# Candidates ---------------------------------------------------------------------------------
def _amount(payload: Mapping[str, Any]) -> tuple[Amount | None, bool]:
    """The candidate amount, and whether the record is worth a candidate at all.

    A modification that obligates nothing new (zero or negative) and adds no ceiling is not a
    new award: no candidate. Otherwise the obligation wins; a vehicle with no obligation (an IDV,
    a ceiling-only mod) is reported by its ceiling, never as if the ceiling were paid.
    """
    amounts = payload.get("amounts") or {}
    obligation = parse_amount(amounts.get("obligation"))
    is_mod = bool(payload.get("is_modification"))
    ceiling = parse_amount(amounts.get("ceiling_change") if is_mod else amounts.get("ceiling"))
    if is_mod and (obligation or 0) <= 0 and (ceiling or 0) <= 0:
        return None, False
    if obligation is not None and obligation > 0:
        kind = "task_order" if payload.get("is_task_order") else "obligation"
        label = "task order obligation" if kind == "task_order" else "obligation"
        return Amount(obligation, "USD", obligation, kind, f"{money(obligation)} {label}"), True
    if ceiling is not None and ceiling > 0:
        return Amount(ceiling, "USD", ceiling, "ceiling", f"{money(ceiling)} ceiling"), True
    return None, True


def candidates(document: Document, resolver) -> list[EventCandidate]:  # noqa: ANN001 - an OrgResolver
    """One ``contract_award`` candidate per award document, straight from its payload.

    Actor: the recipient; counterparty: the awarding agency (both through the resolver, so
    "INTUITIVE MACHINES, LLC" and "Intuitive Machines" are one organisation). Event date: the
    signing date. Deobligations and administrative modifications give nothing.
    """
    if document.kind != "award":
        return []
    payload = document.payload or {}
    amount, worth = _amount(payload)
    if not worth:
        return []
    recipient = ((payload.get("recipient") or {}).get("name") or "").strip()
    agency = ((payload.get("awarding_agency") or {}).get("name") or "").strip()
    if not recipient:
        return []
    signed = (payload.get("dates") or {}).get("signed")
    try:
        event_date = date.fromisoformat(signed) if signed else None
    except (TypeError, ValueError):
        event_date = None
    # A contract cannot have been signed after the record was fetched (nor before 1975).
    event_date = plausible_day(event_date, document.fetched_at)
    system = payload.get("system") or "award"
    rule = "modification" if payload.get("is_modification") else ("task_order" if payload.get("is_task_order") else
                                                                 payload.get("category") or "award")
    evidence = Evidence(doc_id=document.doc_id, field="payload", sentence_start=0, sentence_end=len(document.text),
                        sentence=document.text, pattern_id=f"{system}.{rule}")
    return [
        EventCandidate(
            type="contract_award",
            actors=(resolver.resolve(recipient),),
            counterparties=(resolver.resolve(agency),) if agency else (),
            amount=amount,
            evidence=evidence,
            program=payload.get("program"),
            event_date=event_date,
            date_granularity="day" if event_date else None,
            confidence=0.9,
        )
    ]


# HTTP ---------------------------------------------------------------------------------------
RETRY_STATUSES = frozenset({403, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    request: str | None = None

    def raw(self) -> RawPayload:
        return RawPayload(self.url, self.status, self.headers, self.body, self.fetched_at, self.request)

    def json(self, what: str) -> Any:
        """The body as JSON; a body that is not JSON (an HTML maintenance page) is a parse error."""
        try:
            return json_loads(self.body)  # deep nesting and lone surrogates: extractors.sanity
        except ValueError as exc:
            kind = self.headers.get("content-type", "unknown content type")
            raise FeedParseError(f"{what}: expected JSON from {self.url}, got {kind}: {_snippet(self.body)}") from exc


def _snippet(body: bytes, limit: int = 160) -> str:
    text = body[:2000].decode("utf-8", "replace")
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return (text[:limit] + "…") if len(text) > limit else (text or "empty body")


def error_detail(body: bytes) -> str:
    """What an API says went wrong: USAspending's ``detail``, SAM's ``message``, else the text."""
    try:
        data = json_loads(body)
    except ValueError:
        return _snippet(body)
    if isinstance(data, dict):
        for key in ("detail", "message", "error", "errors", "messages"):
            value = data.get(key)
            if value:
                text = value if isinstance(value, str) else json.dumps(value)
                return _snippet(text.encode("utf-8"), 300)
    return _snippet(body)


def retry_after(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), None when absent/bad."""
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():  # "²".isdigit() is true too, and float("²") raises
        return min(float(value), 1e9)  # "9" * 400 would be inf
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" gives a naive time: subtracting it from an aware one raised
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def attach_raw(exc: SourceError, raw: Iterable[RawPayload]) -> SourceError:
    """Keep the bodies fetched before a failure on the exception (the pipeline stores them)."""
    existing = list(getattr(exc, "raw", []) or [])
    exc.raw = existing + [r for r in raw if r not in existing]  # type: ignore[attr-defined]
    return exc


def send(
    ctx: SourceContext,
    method: str,
    url: str,
    *,
    params: Mapping[str, Any] | None = None,
    json_body: Any = None,
    accept: str = "application/json",
    label: str = "source",
    attempts: int = 3,
    backoff: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
) -> Response:
    """One request through the injected client, politely, with retries on throttling.

    ``ctx.limiter.wait`` runs before every attempt. 429/403/5xx are retried (``attempts`` in all)
    after ``Retry-After`` or an exponential backoff, capped at a minute. The body is streamed and
    refused past ``ctx.max_bytes``. A final 4xx/5xx raises :class:`HTTPStatusError` whose message
    quotes what the API said, with the error body kept on the exception (``exc.raw``).
    """
    full_url = str(httpx.URL(url, params=params)) if params else url
    request_text = json.dumps(json_body, sort_keys=True) if json_body is not None else None
    headers = {"Accept": accept}
    for attempt in range(1, attempts + 1):
        ctx.limiter.wait(full_url)
        response = _once(ctx, method, full_url, headers, json_body, request_text)
        if response.status < 400:
            return response
        if response.status in RETRY_STATUSES and attempt < attempts:
            delay = retry_after(response.headers)
            delay = backoff * (2 ** (attempt - 1)) if delay is None else delay
            sleep(min(delay, MAX_RETRY_AFTER))
            continue
        raise attach_raw(_status_error(label, response, attempt), [response.raw()])
    raise AssertionError("unreachable")  # pragma: no cover


def _once(ctx: SourceContext, method: str, url: str, headers: dict[str, str], json_body: Any,
          request_text: str | None) -> Response:
    got = request_capped(ctx.client, method, url, headers=headers, json_body=json_body, max_bytes=ctx.max_bytes)
    return Response(url=got.url, status=got.status, headers=got.headers, body=got.body,
                    fetched_at=got.fetched_at, request=request_text)


def _status_error(label: str, response: Response, attempts: int) -> HTTPStatusError:
    status = response.status
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    if status == 429:
        message = f"{label} kept rate-limiting us (HTTP 429){tries}: {response.url}; try again later"
    elif status == 403:
        message = (f"{label} refused access (HTTP 403){tries}: {response.url}; it may be throttling this "
                   f"address or want a User-Agent with a contact address: {error_detail(response.body)}")
    elif status >= 500:
        message = f"{label} failed (HTTP {status}){tries}: {response.url}: {error_detail(response.body)}"
    else:
        message = f"{label} rejected the request (HTTP {status}): {error_detail(response.body)} ({response.url})"
    return HTTPStatusError(message, status)


# Config -------------------------------------------------------------------------------------
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def config_error(message: str) -> Exception:
    from spacemine.settings import ConfigError

    return ConfigError(message)


def check_keys(section: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
    unknown = sorted(set(section) - set(allowed))
    if unknown:
        raise config_error(f"{where}: unknown setting(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")


def config_bool(section: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
    value = section.get(key, default)
    if not isinstance(value, bool):
        raise config_error(f"{where}.{key} must be true or false, got {value!r}")
    return value


def config_int(section: Mapping[str, Any], key: str, where: str, default: int, low: int = 1,
               high: int | None = None) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise config_error(f"{where}.{key} must be a whole number {bound}, got {value!r}")
    return value


def config_url(section: Mapping[str, Any], key: str, where: str) -> str:
    value = section.get(key)
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise config_error(f"{where}.{key} must be an http:// or https:// URL, got {value!r}")
    return value.rstrip("/")


def config_text(section: Mapping[str, Any], key: str, where: str, required: bool = False) -> str | None:
    value = section.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise config_error(f"{where}.{key} must be non-empty text, got {value!r}")
    return value.strip()


def config_texts(section: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = section.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise config_error(f"{where}.{key} must be a list of non-empty texts, got {value!r}")
    return tuple(v.strip() for v in value)


def config_queries(section: Mapping[str, Any], where: str) -> list[tuple[str, Mapping[str, Any]]]:
    """The ``queries`` list: mappings with unique, URL-safe ids, as (where, query) pairs."""
    queries = section.get("queries")
    if not isinstance(queries, list) or not queries:
        raise config_error(f"{where}.queries must be a non-empty list of queries (each with an id)")
    seen: set[str] = set()
    found = []
    for index, query in enumerate(queries):
        here = f"{where}.queries[{index}]"
        if not isinstance(query, Mapping):
            raise config_error(f"{here} must be a mapping with at least an id")
        query_id = query.get("id")
        if not isinstance(query_id, str) or not _ID.match(query_id):
            raise config_error(f"{here}.id must be text of letters, digits, '-', '_' or '.', got {query_id!r}")
        if query_id in seen:
            raise config_error(f"{here}.id: duplicate query id '{query_id}'")
        seen.add(query_id)
        found.append((f"{here} ({query_id})", query))
    return found
