"""Organisations the gazetteer does not know, found from how names are written.

"Acme Lunar raised $4M" must still give a funding round for Acme Lunar. Without a statistical
model the signal is the surface: a run of capitalised words, optionally with a legal suffix
("Techshot, Inc."), not starting a sentence with an ordinary word, not a month, weekday or
place word. Each candidate carries ``org_shaped``: true when the name itself says
"organisation" (a head word such as Systems, Robotics, Energy, University, Fund; a legal
suffix; an inner capital as in BlazeTech or OxEon). Rules accept an org-shaped name anywhere
an organisation fits, and any capitalised name only in a strong slot ("X raised $4M",
"acquired X"), which keeps person and place names out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LEGAL = r"(?:Inc|Incorporated|Corp|Corporation|Co|LLC|L\.L\.C|Ltd|Limited|PLC|plc|GmbH|AG|S\.A|SA|SE|K\.K|N\.V|B\.V|LP|PBC)\.?"
_WORD = r"(?:[A-Z][A-Za-z0-9]*(?:[-'’+][A-Za-z0-9]+)*|[0-9]+[A-Za-z][A-Za-z0-9]*)"
# "of" joins only after heads that take it: "University of Illinois", "Development Bank of Japan".
_OF_HEADS = (
    "University|Institute|College|School|Bank|Department|Ministry|Office|Agency|Commission|"
    "Corporation|Government|Academy|Laboratory|Laboratories|Centre|Center|Society|Council|Board|Bureau|Fund"
)
_NAME = re.compile(
    rf"(?<![\w'’.-])(?:The[ \t]+)?{_WORD}(?:(?:[ \t]+|[ \t]*&[ \t]*){_WORD}|[ \t]+(?:of|for|de|du)[ \t]+{_WORD})*"
    rf"(?:,?[ \t]+{_LEGAL}(?![A-Za-z]))?"
)
_OF_HEAD_SET = {h.lower() for h in _OF_HEADS.split("|")}
_HEADS = {
    "space", "systems", "system", "energy", "robotics", "aerospace", "technologies", "technology", "tech",
    "labs", "lab", "laboratories", "laboratory", "industries", "group", "college", "university", "institute",
    "fund", "capital", "ventures", "partners", "investments", "investment", "scientific", "sciences",
    "dynamics", "engineering", "networks", "solutions", "works", "mining", "resources", "holdings",
    "company", "agency", "commission", "alliance", "enterprises", "motors", "corporation", "corp", "inc",
    "incorporated", "llc", "ltd", "limited", "gmbh", "ag", "plc", "orbital", "exploration", "launch",
    "rocket", "rockets", "satellite", "satellites", "astronautics", "instruments", "electric",
    "electronics", "materials", "manufacturing", "bank", "insurance", "mechanisms", "microsystems",
    "foundry", "innovations", "innovation", "research", "analytics", "services", "logistics", "defense",
    "defence", "aviation", "spaceworks", "lunar", "planetary", "astro", "mobility", "power", "propulsion",
    "robotic", "automation", "school", "consortium", "foundation", "association", "council",
}
_STOP_FIRST = {
    "the", "a", "an", "in", "on", "at", "for", "by", "with", "from", "this", "that", "these", "those", "its",
    "it", "their", "our", "we", "he", "she", "they", "i", "you", "his", "her", "but", "and", "or", "after", "before",
    "when", "while", "as", "under", "over", "if", "since", "during", "both", "each", "all", "some", "other",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "first", "second", "third", "fourth", "fifth", "newly", "then", "there", "here", "what", "why",
    "how", "who", "which", "where", "so", "yet", "also", "now", "today", "yesterday", "tomorrow", "under",
    "big", "huge", "separately", "meanwhile", "however", "although", "though", "once", "until", "every", "immediately",
    "most", "many", "more", "several", "track", "item", "items", "note", "key", "practical", "scope",
    "permits", "review", "ownership", "terms", "financial", "president", "chief", "ceo", "founder",
    "administrator", "director", "chairman", "minister", "prime", "dr", "mr", "ms", "mrs", "sen",
    "senator", "rep", "forward-looking", "exhibit", "form", "item", "overview", "reason", "use",
    "payment", "total", "congratulations", "thanks", "huge", "farewell", "post", "company", "watch", "about",
    "following", "according", "including", "despite", "amid", "per", "via",
}
# "We've closed a round", "It's official": a pronoun with its verb is no name.
_CONTRACTION = re.compile(r"['’](?:ve|re|ll|d|m|s)$")
_NOT_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "moon", "earth",
    "mars", "sun", "lunar", "space", "solar", "system", "orbit", "inc", "corp", "ltd", "llc", "nasdaq",
    "nyse", "tse", "tsx", "edt", "est", "utc", "jst", "pst", "pdt", "cst", "am", "pm", "phase", "mission",
    "missions", "series", "round", "seed", "ipo", "spac", "pipe", "ceo", "cfo", "cto",
    # platforms a post is on ("Matt Gialich on LinkedIn: We raised our seed"), never a party
    # a ministry's portfolio ("Minister of Innovation, Science and Industry"), never a party on its own
    "industry", "innovation", "science", "economy", "trade",
    "linkedin", "twitter", "facebook", "instagram", "youtube", "substack", "bluesky", "tiktok", "reddit",
}


# Capitalised words that name a document, an amount or a round, never an organisation: "Series C",
# "Merger Agreement", "155 Millionen Euro" in a German headline, "Tranche 1".
_NOT_FIRST = {"series", "tranche", "phase", "round", "pre-series", "block", "lot", "option", "exhibit", "item",
              "section", "schedule", "annex", "article", "chapter", "rule", "part"}
_NOT_LAST = {"agreement", "agreements", "contract", "contracts", "euro", "euros", "dollar", "dollars", "yen",
             "pounds", "rupees", "crore", "million", "millionen", "billion", "milliarden", "mio", "mrd",
             "prospectus", "statement", "statements", "notes", "warrants", "shares", "stock", "units",
             # a newsletter's name ("Orbital Capital Weekly — June 13"): a publication, never a party
             "weekly", "daily", "monthly", "digest", "newsletter", "roundup", "round-up", "briefing", "bulletin",
             "rundown", "recap",
             # a law's or a treaty's name ("under Space Resources Act, teams with ..."), never a party
             "act", "law", "treaty", "accords", "convention", "directive", "bill", "regulations", "ordinance", "decree"}
_ADVERB_AFTER = re.compile(r",|\s+(?:with|after|before|prior|following|upon|thereafter|thereby)\b")
_EXCHANGE_NAME = re.compile(r"\b(?:Stock|Securities)\s+Exchange\b", re.IGNORECASE)
# A ticker in "(Nasdaq: FLY)" is the company's symbol: the company is named just before it.
_TICKER_BEFORE = re.compile(r"\b(?:Nasdaq|NASDAQ|NYSE(?:\s+American)?|TSX(?:-?V)?|TSE|ASX|LSE|AIM|OTC\w*|Euronext|"
                            r"ticker(?:\s+symbols?)?|symbols?)\s*[:\-]?\s*" '["“]?$')

# Every alternative of _TICKER_BEFORE holds one of these words: found by a fast scan where the
# pattern itself, anchored at the end, is tried at every character (for every name candidate).
_TICKER_WORD = re.compile(r"Nasdaq|NASDAQ|NYSE|TSX|TSE|ASX|LSE|AIM|OTC|Euronext|ticker|symbol")


def _ticker_before(before: str) -> bool:
    return bool(_TICKER_WORD.search(before) and _TICKER_BEFORE.search(before))


_TITLE_INSIDE = re.compile(r"[ \t](?:President|Chairman|Chairwoman|Chair|CEO|Chief|Founder|Co-founder|Director|Minister|"
                           r"Administrator|Secretary|Spokesperson|Spokesman|Spokeswoman|Governor|Senator|Professor|Dr|"
                           r"Mayor|Ambassador)\b")
_NOT_ALONE = {"founders", "shareholders", "stockholders", "holders", "directors", "officers", "merger", "closing", "purchaser", "seller", "buyer", "parent", "registrant", "issuer", "borrower",
              "reporting persons", "reporting person", "executives",
              "lender", "investor", "investors", "transaction", "offering", "agreement", "effective"}
_INDEFINITE_BEFORE = re.compile(r"(?:^|\b)(?:a|an|A|An|the|The)\s+$")  # ("The Denver company": described, unnamed)
# "a Seattle startup", "the German start-up PTScientists": a word describing the company that follows
KIND_NOUN_AFTER = re.compile(r"^\s+(?:[a-z][\w-]*\s+){0,2}?(?:start-?up|company|firm|SME|maker|developer|manufacturer|"
                             r"operator|supplier|provider|lab|team|group|venture|spin-?out|spin-?off|business)\b")

# Compiled once: these ran for every name candidate of every sentence (``find_names`` is the
# extractor's busiest function after the tokenizer).
_BASED = re.compile(r"[A-Z][\w.'’-]*-(?:based|headquartered)\s+")
_OWNER_BEFORE = re.compile(r"(?:[A-Z][\w.-]*[ \t]+){0,2}[A-Z][\w.-]*['’]s[ \t]+(?=[A-Z])")
_ABBREVIATED_END = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Bros)$")
_CONNECTOR = re.compile(r"[ \t]+(?:of|for|de|du)[ \t]+")
_LEGAL_END = re.compile(rf",?\s+{_LEGAL}$")
_LEGAL_SHAPED = re.compile(rf"\s{_LEGAL}$")
_ORDINAL_OR_PLURAL = re.compile(r"\d+(?:st|nd|rd|th|s)")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
_MC = re.compile(r"(?:Mc|Mac)[A-Z][a-z]+$")

_JOINERS = {"of", "for", "de", "du"}
_MEASURE = re.compile(r"\d+[A-Za-z]{1,2}(?:-[a-z][\w-]*)?")
_CALENDAR = {w for w in _NOT_NAMES if w.endswith("day") or len(w) <= 4 or w.endswith(("ber", "ary", "rch", "ril", "une", "uly", "ust"))} - {
    "moon", "mars", "sun", "inc", "corp", "ltd", "llc", "nyse", "tse", "tsx", "edt", "est", "utc", "jst", "pst",
    "pdt", "cst", "am", "pm", "seed", "ipo"}


@dataclass(frozen=True)
class NameCandidate:
    start: int
    end: int
    text: str
    name: str          # without a legal suffix or a leading "The"
    org_shaped: bool


def find_names(text: str, offset: int = 0) -> list[NameCandidate]:
    """Capitalised name candidates in ``text`` (character offsets), longest first per position."""
    found = []
    for match in _NAME.finditer(text):
        raw = match.group(0)
        start = match.start()
        end = match.end()
        words = raw.split()
        # Drop leading ordinary words ("The", "After", "Separately") the sentence starts with.
        # ("CEO of Astra" leaves "of Astra" once "CEO" is dropped: the joining word goes too)
        while words and (_ordinary_first(words[0].lower()) or (words[0] in _JOINERS and len(words) < len(raw.split()))):
            start = text.index(words[0], start) + len(words[0])
            words = words[1:]
            while start < len(text) and text[start] in " \t\n&":
                start += 1
        if not words:
            continue
        owner = ("'s" in raw or "’s" in raw) and _OWNER_BEFORE.match(text, start, end)
        if owner:  # "Carlsbad's Viasat": the place or owner before the name is not part of it
            start = owner.end()
        based = "-based" in raw or "-headquartered" in raw
        based = based and _BASED.match(text, start, end)
        if based:  # "Austin-based ICON", "Joseph Lubin's Brooklyn-based Ethereum venture studio": not part of the name
            start = based.end()
            if start >= end:
                continue
        title = " " in raw and _TITLE_INSIDE.search(text[start:end])
        if title:  # "Space One President Masakazu Toyoda": the company ends where a person's title begins
            end = start + title.start()
        if end > start and text[end - 1] in "'’":  # "GM's battery": the name is GM
            end -= 1
        elif end - start > 1 and text[end - 1] == "s" and text[end - 2] in "'’":
            end -= 2
        if text[end:end + 1] == "." and _ABBREVIATED_END.search(text, start, end):
            end += 1  # "Regolith Forge Inc." ends with its abbreviation's dot
        surface = text[start:end]
        cut = _cut_connector(surface) if (" of" in surface or " for" in surface or " d" in surface or "\t" in surface) \
            else None
        if cut is not None:
            remainder = _CONNECTOR.match(surface, cut)
            rest_start = start + (remainder.end() if remainder else cut)
            found.extend(find_names(text[rest_start:end], offset + rest_start))
            surface = surface[:cut].rstrip()
            end = start + len(surface)
        name = _strip_legal(surface)
        tokens = name.replace("&", " ").split()
        lowered = [t.lower().strip(".,") for t in tokens]
        if not tokens or _NOT_NAMES.issuperset(lowered):
            continue
        if (len(name) < 3 and not (len(name) == 2 and name.isupper())) or name.isdigit():
            continue  # two capitals can be a name ("IX"), never shaped like one
        if _MEASURE.fullmatch(name):
            continue  # "3D-printing", a "6U" cubesat, "5G": a number and a unit, not a name
        if _INDEFINITE_BEFORE.search(text[max(0, start - 4):start]) and KIND_NOUN_AFTER.match(text[end:end + 40]) \
                and not _org_shaped(surface, tokens, lowered):
            continue  # "A Seattle startup ... has raised": the place describes the startup, it is not its name
        if (len(lowered) == 1 and (lowered[0] in _NOT_ALONE or _ORDINAL_OR_PLURAL.fullmatch(lowered[0]))) or \
                " ".join(lowered) in _NOT_ALONE:
            continue  # a filing's defined term: "the Merger", "the Purchaser", "the Reporting Persons"
        if lowered[0] in _NOT_FIRST or lowered[-1] in _NOT_LAST or _ticker_before(text[max(0, start - 30):start]):
            continue
        if len(lowered) == 1 and lowered[0].endswith("ly") and _ADVERB_AFTER.match(text, end):
            continue  # "Concurrently with the Closing", "Immediately, ...": an adverb opening a clause (not "Firefly raised")
        if "exchange" in lowered and _EXCHANGE_NAME.search(name):
            continue  # "the Tokyo Stock Exchange Growth market": where shares trade, never a party
        found.append(NameCandidate(offset + start, offset + end, surface, name, _org_shaped(surface, tokens, lowered)))
    return sorted(found, key=lambda c: c.start)


def _ordinary_first(word: str) -> bool:
    """A lower-cased first word the sentence starts with, not the name: "the", "after", "it's", "may"."""
    bare = word.strip(",")
    if "'" in bare or "’" in bare:
        bare = _CONTRACTION.sub("", bare)
    return bare in _STOP_FIRST or word.strip(".") in _CALENDAR


def _cut_connector(surface: str) -> int | None:
    """Where an "of"/"for" joins two names that are not one ("Masten Space Systems of Mojave")."""
    for connector in _CONNECTOR.finditer(surface):
        before = surface[:connector.start()].split()
        if not before or before[-1].lower() not in _OF_HEAD_SET:
            return connector.start()
    return None


def _strip_legal(surface: str) -> str:
    return _LEGAL_END.sub("", surface).strip(" ,")


def org_shaped(surface: str, tokens: list[str]) -> bool:
    """Does the name itself say "organisation" (a head word, a legal suffix, an inner capital)?"""
    return _org_shaped(surface, tokens, [t.lower().strip(".,") for t in tokens])


def _org_shaped(surface: str, tokens: list[str], lowered: list[str]) -> bool:
    """``lowered``: the tokens lower-cased without dots and commas (find_names has them already)."""
    if _LEGAL_SHAPED.search(surface):
        return True
    if len(tokens) >= 2 and any(t in _HEADS for t in lowered[1:]):
        return True
    if len(tokens) >= 2 and lowered[0] in {"university", "institute", "college", "bank"}:
        return True
    # An inner capital after lower-case letters: BlazeTech, OxEon, SpaceIL, AstroForge.
    # ("McLean", "MacDonald" are names of people and places, not this shape)
    return any(_INNER_CAPITAL.search(t) and not _MC.match(t) for t in tokens)
