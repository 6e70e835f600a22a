"""One document as the rules see it: sentences with their organisations, money, missions, dates.

The title and the text are processed separately (evidence offsets point into one field) but
read together: the title often names the company that the text then calls "the company" or
"we", and the first organisation of the item is what those words refer to.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from importlib import resources
from itertools import islice
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple

import yaml
from spacy.attrs import IDX, IS_PUNCT, ORTH, SENT_START
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

from nlp.discovery import KIND_NOUN_AFTER, NameCandidate, find_names, org_shaped
from nlp.gazetteer_matcher import MODEL_DATA_KEY, USER_DATA_KEY
from nlp.triggers import families
from nlp.gazetteer import Gazetteer
from nlp.money import MoneyMention, find_money
from nlp.orgs import clean_name, slug
from nlp.timing import FIRST_YEAR, LAST_YEAR
from spacemine.records import Document

PARTY_KINDS = ("company", "university", "investor", "agency")


@dataclass(frozen=True)
class Mention:
    """An organisation or country named in a sentence (character offsets into its field)."""

    start: int
    end: int
    org_id: str
    name: str
    kind: str                 # company | agency | investor | university | jurisdiction
    source: str = "gazetteer"  # gazetteer | demonym | discovered | mission
    org_shaped: bool = True
    possessive: bool = False
    surface: str = ""          # as written in the text ("UTC Aerospace Systems" for Collins Aerospace)

    @property
    def display_name(self) -> str:
        """The name the text used, unless it is only an abbreviation of the canonical one."""
        written = clean_name(self.surface) if self.surface else ""
        if self.source != "gazetteer" or not written or (len(written) <= 4 and written.isupper()) or \
                self.kind == "jurisdiction":
            return self.name  # (a country by its usual English name: "Brasil", "Republic of Korea" are Brazil, South Korea)
        if written.casefold() == clean_name(self.name).casefold():
            return self.name  # the canonical form, legal suffix and all ("Asteroid Mining Corporation")
        return written

    @property
    def discovered(self) -> bool:
        return self.source == "discovered"


@dataclass(frozen=True)
class MissionMention:
    start: int
    end: int
    mission_id: str
    name: str
    operator: str | None
    kind: str | None = None


@dataclass
class Sentence:
    field: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    money: list[MoneyMention] = field(default_factory=list)  # offsets relative to the sentence
    missions: list[MissionMention] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    program_agencies: list[Mention] = field(default_factory=list)  # "NASA SBIR" names its agency
    names: list[NameCandidate] = field(default_factory=list)  # relative offsets, not yet orgs
    families: frozenset[str] = frozenset()  # rule families its words can trigger (nlp.triggers)

    def orgs(self, kinds: tuple[str, ...] = PARTY_KINDS, shaped_only: bool = False) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds and (m.org_shaped or not shaped_only)]

    def between(self, a: int, b: int) -> str:
        return self.text[max(a, 0):max(b, 0)]


@dataclass
class DocContext:
    document: Document
    published: date | None
    sentences: list[Sentence]
    gazetteer: Gazetteer
    memo: dict = field(default_factory=dict)  # per-document answers rules reuse (is it about awards?)

    @property
    def title(self) -> list[Sentence]:
        return [s for s in self.sentences if s.field == "title"]

    @property
    def body(self) -> list[Sentence]:
        return [s for s in self.sentences if s.field == "text"]

    def lead_sentences(self, count: int = 2) -> list[Sentence]:
        return self.title + self.body[:count]

    def mentions_any(self, *words: str) -> bool:
        """Whether the item's text (lower-cased) contains one of ``words``: a cheap test that lets a rule
        skip a case-insensitive pattern over the whole text (such patterns are tried at every character)."""
        lowered = self.memo.get("lowered_text")
        if lowered is None:
            lowered = self.memo["lowered_text"] = (self.document.text or "").lower()
        return any(word in lowered for word in words)

    def previous(self, sentence: Sentence) -> Sentence | None:
        """The sentence before ``sentence`` in the same field (``index`` is its place in ``sentences``)."""
        if sentence.index <= 0 or sentence.index > len(self.sentences):
            return None
        before = self.sentences[sentence.index - 1]
        return before if before.field == sentence.field else None

    def main_org(self, kinds: tuple[str, ...] = ("company",), shaped_only: bool = False) -> Mention | None:
        """The organisation the item is about: the first of these kinds in the title, else in the text.

        A name only written like an organisation ("Unlike", "Company watch") yields to a known
        or organisation-shaped one.
        """
        key = ("main_org", kinds, shaped_only)  # asked by many rules for every sentence: answered once per item
        if key not in self.memo:
            self.memo[key] = self._main_org(kinds, shaped_only)
        return self.memo[key]

    def _main_org(self, kinds: tuple[str, ...], shaped_only: bool) -> Mention | None:
        fallback = None
        for sentence in self.title + self.body:
            for mention in sentence.mentions:
                if mention.kind not in kinds or mention.source == "mission":
                    continue
                if _FORMER.search(sentence.text[max(0, mention.start - 8):mention.start]):
                    continue  # "Ex-Blue Origin chiefs' Interlune": where its founders came from

                if mention.org_shaped:
                    return mention
                if fallback is None and not shaped_only:
                    fallback = mention
        return fallback


_FORMER = re.compile(r"(?:\b[Ee]x-|\b[Ff]ormer\s+)$")
_PRONOUN_AFTER_POSSESSIVE = re.compile(r"^['’]s?\b")
_BARE_APOSTROPHE = re.compile(r"['’]\s")


# A known name that is not the party here, told by the word after it (one match per entity, as it
# runs for every gazetteer entity of every item): "Lunar Resources Weekly" (a newsletter), "Korea's
# NASA-style space agency" (a model compared with), "Cape Canaveral Space Force Station" (a place;
# only an agency's name makes one)
_NOT_THE_PARTY_AFTER = re.compile(r"\s+(?:Weekly|Daily|Monthly|Digest|Newsletter|Roundup|Round-up|Briefing|Bulletin|"
                                  r"Rundown|Recap)\b|-(?i:style|like|type|esque|inspired|modelled|modeled)\b|"
                                  r"(?P<place>\s+(?:Station|Base)\b)")
_TRANSLATED_FROM = re.compile(r"\b(?:translated|translation)\s+(?:from\s+)?(?:the\s+)?$", re.IGNORECASE)


def _possessive_at(text: str, end: int) -> bool:
    """"NASA's", and "Intuitive Machines' second lander": a name ending in s takes a bare apostrophe."""
    if _PRONOUN_AFTER_POSSESSIVE.match(text[end:end + 2]):
        return True
    return end > 0 and text[end - 1] in "sS" and bool(_BARE_APOSTROPHE.match(text[end:end + 2]))


def build_context(title_doc: Doc | None, text_doc: Doc | None, document: Document, gazetteer: Gazetteer) -> DocContext:
    """The rules' view of one document. The text is read before the title: a Title Case
    headline's capitalised words count as names only when the text names them too."""
    published = document.published_at.date() if document.published_at else None
    if published is not None and not FIRST_YEAR <= published.year <= LAST_YEAR:
        published = None  # 0001-01-01 or 9999-12-31 is no reference for dates, nor an event's day
    body: list[Sentence] = []
    if text_doc is not None and len(text_doc):
        body = _sentences(text_doc, _field_text(text_doc, document.text), "text", gazetteer)
    body_names = frozenset(c.name.lower() for s in body for c in s.names)
    title: list[Sentence] = []
    if title_doc is not None and len(title_doc):
        title = _sentences(title_doc, _field_text(title_doc, document.title), "title", gazetteer, body_names)
        _drop_headline_phrases(title, body, gazetteer)
    sentences = title + body
    for index, sentence in enumerate(sentences):
        sentence.index = index
    _government_dollars(sentences, gazetteer)
    _operator_named_missions(sentences, gazetteer)
    _context_named_orgs(sentences, gazetteer)
    _operators_on_the_day(sentences, gazetteer, published)
    _unify_names(sentences)
    return DocContext(document, published, sentences, gazetteer)


def _drop_headline_phrases(title: list[Sentence], body: list[Sentence], gazetteer: Gazetteer) -> None:
    """"NASA Selects Companies to Collect Lunar Resources": in a Title Case headline every phrase
    is capitalised, so a name that is also a common phrase of the field (``case: exact`` in the
    gazetteer) is the company only when the text names it too, or when it opens the headline
    as its subject ("Lunar Outpost Wins Rover Deal")."""
    named_in_text = {m.org_id for s in body for m in s.mentions}
    for sentence in title:
        sentence.mentions = [
            m for m in sentence.mentions
            if m.source != "gazetteer" or m.org_id in named_in_text or not sentence.text[:m.start].strip() or
            not getattr(gazetteer.org(m.org_id), "exact_case", False)]


def _operator_named_missions(sentences: list[Sentence], gazetteer: Gazetteer) -> None:
    """"Odin is gone" in a thread from AstroForge: a bare craft name too common to match alone
    (the gazetteer's ``with_operator``) is the operator's craft in an item that names the
    operator. Only the capitalised word counts, and not as part of a longer name ("Mike Griffin")."""
    named = {m.org_id for s in sentences for m in s.mentions if m.source == "gazetteer"}
    gated = gazetteer.missions_named_with(named) if named else []
    for mission, name in gated:
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
        for sentence in sentences:
            if name not in sentence.text:
                continue
            for match in pattern.finditer(sentence.text):
                start, end = match.span()
                if any(m.start < end and start < m.end for m in sentence.missions) or \
                        re.search(r"\b[A-Z][\w.-]*\s+$", sentence.text[max(0, start - 30):start]) and \
                        not re.search(r"['’]s?\s+$|\b(?:The|A|An|Our|Its|Their)\s+$", sentence.text[max(0, start - 30):start]) and \
                        not _sentence_opening(sentence.text[:start]):
                    continue  # already a mission; or part of a longer name ("Mike Griffin")
                sentence.mentions = [m for m in sentence.mentions
                                     if not (m.source == "discovered" and m.start < end and start < m.end)]
                sentence.missions.append(MissionMention(start, end, mission.id, mission.name, mission.operator,
                                                        mission.kind))
            sentence.missions.sort(key=lambda m: m.start)


def _sentence_opening(before: str) -> bool:
    """Whether only list marks, numbers or a label stand before a position ("2/ Odin rode ...")."""
    return not re.search(r"[A-Za-z]{2}", before)


def _field_text(doc: Doc, original: str | None) -> str:
    """The field's text: the document's own string when it is what was tokenized (spaCy
    rebuilds ``doc.text`` from the tokens on every access)."""
    if original is not None and len(original) == doc[-1].idx + len(doc[-1]) + len(doc[-1].whitespace_):
        return original
    return doc.text


_NOT_WORD = re.compile(r"[^\w\s]")


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(_NOT_WORD.sub(" ", name.lower()).split())


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    if not small or small[0] not in big:
        return False  # the usual answer (every pair of an item's names is compared), found without slicing
    return any(big[i:i + len(small)] == small for i in range(len(big) - len(small) + 1))


_DEFINED_ABBREVIATION = re.compile(r"\s*\(\s*([A-Z][A-Z0-9&]{1,7})\s*\)")  # "(LSA)", not "(Houston)"


# Words that name a kind of organisation, not one: alone they are never short for a longer name.
_GENERIC_NAME_WORDS = frozenset({
    "state", "states", "department", "ministry", "agency", "space", "national", "office", "council", "administration",
    "secretary", "government", "federal", "european", "international", "university", "institute", "center", "centre",
    "commission", "committee", "board", "bureau", "service", "services", "group", "company", "corporation", "force",
    "command", "laboratory", "lab", "foundation", "fund", "capital", "partners", "ventures", "systems", "technologies",
    "industries", "aerospace", "defence", "defense", "science", "research", "program", "programme", "mission",
    "cabinet", "parliament", "congress", "senate", "house", "assembly", "treasury", "embassy", "the"})


def _unify_names(sentences: list[Sentence]) -> None:
    """One organisation, one id within an item: "Firefly" is the "Firefly Aerospace" named
    elsewhere in it, "Bradford" the "Bradford Space Group"."""
    known: dict[tuple[str, ...], Mention] = {}
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.source != "discovered" and mention.kind != "jurisdiction":
                known.setdefault(_tokens(sentence.text[mention.start:mention.end]), mention)
                known.setdefault(_tokens(mention.name), mention)
                # "Luxembourg Space Agency (LSA)": the item goes on to write "LSA"
                defined = _DEFINED_ABBREVIATION.match(sentence.text, mention.end)
                if defined:
                    known.setdefault(_tokens(defined.group(1)), mention)
                # "Lockheed Martin and General Motors ..." with "GM" in the headline: a known name's initials
                words = mention.name.split()
                if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
                    known.setdefault(("".join(w[0] for w in words).lower(),), mention)
    discovered = sorted({_tokens(m.name): m for s in sentences for m in s.mentions if m.source == "discovered"}.items(),
                        key=lambda item: -len(item[0]))
    for sentence in sentences:
        for index, mention in enumerate(sentence.mentions):
            if mention.source != "discovered":
                continue
            tokens = _tokens(mention.name)
            if len(tokens) == 1 and tokens[0] in _GENERIC_NAME_WORDS:
                continue  # "State Secretary X" is no "State Department"; "Ministry" no ministry in particular
            target = next((m for t, m in known.items() if _contains(t, tokens) or _contains(tokens, t)), None)
            if target is None:
                # "ClearSpace" is not "ClearSpace-1": a name plus a number is a product or a mission
                target = next((m for t, m in discovered if len(t) > len(tokens) and _contains(t, tokens)
                               and not all(w.isdigit() for w in t if w not in tokens)), None)
            if target is not None and target.org_id != mention.org_id:
                sentence.mentions[index] = Mention(mention.start, mention.end, target.org_id, target.name, target.kind,
                                                   target.source, True, mention.possessive)


_LOCAL_DOLLARS = re.compile(
    r"\b(?:(?:all\s+)?(?:amounts|figures|values|sums)\s+(?:are\s+)?(?:in|expressed\s+in)\s+)"
    r"(Canadian|Australian|New\s+Zealand|Singapore|Hong\s+Kong)\s+dollars\b",
    re.IGNORECASE,
)
_LOCAL_CODES = {"canadian": "CAD", "australian": "AUD", "new zealand": "NZD", "singapore": "SGD", "hong kong": "HKD"}


def _local_dollars(text: str, money: list[MoneyMention]) -> list[MoneyMention]:
    """"All amounts are in Canadian dollars.": a bare "$" in that item is not a US dollar."""
    if "dollars" not in text.lower() and "ſ" not in text:
        # The case-insensitive pattern is tried at every character; without the word it cannot
        # match ("ſ" is the one character it reads as a letter of "dollars" that lower-cases to another).
        return money
    stated = _LOCAL_DOLLARS.search(text)
    if not stated:
        return money
    code = _LOCAL_CODES[" ".join(stated.group(1).lower().split())]
    return [MoneyMention(m.start, m.end, m.text, m.value, code, m.qualifier, m.stated_usd)
            if m.currency == "USD" and "US$" not in m.text and "USD" not in m.text.upper() else m for m in money]


# A dollar country's space agency: its releases count in its own dollars.
_AGENCY_DOLLARS = {"AU": "AUD", "CA": "CAD"}
_LOCAL_DOLLARS_WRITTEN = re.compile(r"(?<![A-Za-z])(?:A|AU|C|CA)\$")
_BARE_DOLLAR = re.compile(r"(?<![A-Za-z])\$")
_US_DOLLARS_WRITTEN = re.compile(r"US\$|\bUSD\b|\bU\.?S\.?\s+dollars?\b", re.IGNORECASE)


def _government_dollars(sentences: list[Sentence], gazetteer: Gazetteer) -> None:
    """"Two Australian consortia will each receive $4 million ... under the Australian Space
    Agency's Trailblazer program": an item led by an Australian or Canadian agency writes its own
    dollars as "$" (amounts in US dollars it writes "US$"). Unless the item writes US dollars
    somewhere, its bare "$" amounts are that country's."""
    if not any(m.currency == "USD" for s in sentences for m in s.money):
        return
    body = [s for s in sentences if s.field == "text"]
    lead = [s for s in sentences if s.field == "title"] + body[:2]
    if not any(m.kind == "agency" for s in lead for m in s.mentions):
        # "Media release — Minister ... Australia is a step closer ... The AROSE consortium ... will each
        # receive $4 million under ... the Australian Space Agency's ...": no agency before the first amount
        lead += [s for s in body[2:4] if s.money][:1]
    codes = {_AGENCY_DOLLARS.get(getattr(gazetteer.org(m.org_id), "country", None) or "")
             for s in lead for m in s.mentions if m.kind == "agency" and m.source == "gazetteer"}
    codes.discard(None)
    if len(codes) != 1 or any(_US_DOLLARS_WRITTEN.search(s.text) or _LOCAL_DOLLARS_WRITTEN.search(s.text)
                              for s in sentences):
        return  # (an item that writes "A$42 million" marks its own dollars: its bare "$" are US dollars)
    code = codes.pop()
    for sentence in sentences:
        sentence.money = [replace(m, currency=code) if m.currency == "USD" and m.stated_usd is None and
                          _BARE_DOLLAR.search(m.text) else m for m in sentence.money]


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _context_named_orgs(sentences: list[Sentence], gazetteer: Gazetteer) -> None:
    """"Canadarm maker MDA closes C$400 million IPO": a short name the gazetteer keeps only with
    context (``with_context``) is its organisation in an item that names a context word."""
    gated = gazetteer.context_gated_names()
    if not gated:
        return
    item = " ".join(s.text for s in sentences)
    for org, name, pattern, context in gated:
        if name not in item or not context.search(item):
            continue
        for sentence in sentences:
            for match in pattern.finditer(sentence.text) if name in sentence.text else ():
                start, end = match.span()
                if any(m.source == "gazetteer" and m.start < end and start < m.end for m in sentence.mentions):
                    continue  # inside a longer known name ("MDA Space")
                sentence.mentions = [m for m in sentence.mentions if not (m.start < end and start < m.end)]
                sentence.mentions.append(Mention(start, end, org.id, org.name, org.kind, "gazetteer", True,
                                                 _possessive_at(sentence.text, end), name))
                sentence.mentions.sort(key=lambda m: m.start)


def _operators_on_the_day(sentences: list[Sentence], gazetteer: Gazetteer, published: date | None) -> None:
    """A craft whose flights changed hands is its operator's of the item's day (Vega-C: Arianespace's
    in 2022, Avio's from 2025)."""
    for sentence in sentences:
        for index, mention in enumerate(sentence.missions):
            mission = gazetteer.missions.get(mention.mission_id)
            if mission is not None and mission.operator_from:
                sentence.missions[index] = replace(mention, operator=mission.operator_on(published))


def _sentences(doc: Doc, text: str, field_name: str, gazetteer: Gazetteer,
               body_names: frozenset[str] = frozenset()) -> list[Sentence]:
    money = _local_dollars(text, find_money(text))
    ents = _entities(doc, text)
    paragraph_starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    # Each sentence gets the entities and money that start inside it, found by bisection (both
    # lists are sorted by start): scanning the whole document's lists for every sentence was
    # quadratic, minutes for a long hostile text.
    ent_starts = [e.start_char for e in ents]
    money_starts = [m.start for m in money]
    out: list[Sentence] = []
    for span_start, span_end in _sentence_bounds(doc, text):
        for line_start, line_end in _split_lines(text, span_start, span_end):
            for start, end in _split_long(text, line_start, line_end):
                piece = text[start:end]
                if not piece.strip():
                    continue
                paragraph = bisect_right(paragraph_starts, start) - 1
                sentence = Sentence(field_name, len(out), paragraph, start, end, piece, families=families(piece))
                in_ents = ents[bisect_left(ent_starts, start):bisect_left(ent_starts, end)]
                in_money = money[bisect_left(money_starts, start):bisect_left(money_starts, end)]
                _fill(sentence, in_ents, text, in_money, gazetteer, body_names)
                out.append(sentence)
    return out


def _extend_mention(sentence: Sentence, span: tuple[int, int], candidate: NameCandidate) -> None:
    """"Honeybee Robotics Spacecraft Mechanisms": the gazetteer matched the start of a longer name."""
    if candidate.end <= span[1] or candidate.start > span[0]:
        return
    for index, mention in enumerate(sentence.mentions):
        if (mention.start, mention.end) == span and mention.kind not in ("jurisdiction",):
            sentence.mentions[index] = Mention(mention.start, candidate.end, mention.org_id, mention.name, mention.kind,
                                               mention.source, mention.org_shaped, mention.possessive, mention.surface)


# "HOUSTON, Aug. 21, 2023 -", "TOKYO (wire) -": a capitalised dateline city opening an item.
_DATELINE_AFTER = re.compile(r"^(?:,\s*(?:[A-Z][A-Za-z.]*\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+|[A-Z][A-Za-z]+\s*[-—–(])|"
                             r"\s*\(|\s+[-—–]\s)")
_ROLE_BEFORE = re.compile(r"\b(?:company|firm|start-?up|startup|maker|developer|builder|manufacturer|specialist)\s+$")
_PLACE_BEFORE = re.compile(r"(?:\b(?:of|in|at|near|from|outside|based\s+in|headquartered\s+in)\s+(?:the\s+)?)$")


@functools.cache
def _regions() -> frozenset[str]:
    """States and provinces written after a city (``data/places.yaml``)."""
    text = resources.files("nlp").joinpath("data", "places.yaml").read_text(encoding="utf-8")
    return frozenset(name.lower() for name in (yaml.safe_load(text) or {}).get("regions", []))


_REGION_WORDS = re.compile(r", ((?:[A-Z][a-z]+ ?){1,4})")


def _before_region(sentence: Sentence, mention: Mention) -> bool:
    """"Hawthorne, California": a name right before ", <state or province>" is a city."""
    after = sentence.text[mention.end:mention.end + 40]
    if not after.startswith(", "):
        return False
    words = _REGION_WORDS.match(after)
    return bool(words) and any(" ".join(words.group(1).split()[:n]).lower() in _regions() for n in (1, 2, 3, 4))


def _mark_places(sentence: Sentence) -> None:
    """Discovered names that are places, not organisations: "Masten of Mojave, California"."""
    previous_place: Mention | None = None
    for index, mention in enumerate(sentence.mentions):
        if mention.source != "discovered" or mention.org_shaped:
            previous_place = None
            continue
        before = sentence.text[max(0, mention.start - 40):mention.start]
        after_previous = previous_place is not None and sentence.text[previous_place.end:mention.start].strip() == ","
        dateline = mention.name.isupper() and not sentence.text[:mention.start].strip() and \
            _DATELINE_AFTER.match(sentence.text[mention.end:mention.end + 30])
        if _ROLE_BEFORE.search(before):
            previous_place = None
            continue  # "the 3D-printing construction company ICON, Colorado start-up ...": named as a company
        if dateline or _PLACE_BEFORE.search(before) or after_previous or mention.name.endswith("-based") or \
                mention.name.lower() in _regions() or _before_region(sentence, mention):
            place = Mention(mention.start, mention.end, mention.org_id, mention.name, "place", "discovered",
                            False, mention.possessive)
            sentence.mentions[index] = place
            previous_place = place
        else:
            previous_place = None


class _Entity(NamedTuple):
    """An entity as _fill reads it (a named tuple: built for every entity of every item, and a
    frozen dataclass costs three times as much to build)."""

    start_char: int
    end_char: int
    label_: str
    ent_id_: str
    text: str


def _entities(doc: Doc, text: str) -> list[_Entity]:
    """Gazetteer matches (kept as tuples by the matcher), plus a model's own entities if any.

    ``text`` is ``doc.text`` read once: spaCy rebuilds that string from the tokens on every access.
    """
    found = [_Entity(s, e, label, entity_id, text[s:e])
             for s, e, label, entity_id in doc.user_data.get(USER_DATA_KEY, [])]
    found += [_Entity(s, e, label, "", text[s:e]) for s, e, label in doc.user_data.get(MODEL_DATA_KEY, [])]
    return sorted(found, key=lambda f: f.start_char)


_ABBREVIATION_END = re.compile(r"\b(?:inc|corp|co|ltd|llc|plc|no|nos|jr|sr|st|dr|mr|ms|mrs|prof|vs|etc|approx|"
                               r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|u\.s|u\.k|e\.g|i\.e)\.\s*[(\[\"'“]?\s*$",
                               re.IGNORECASE)
_CONTINUES = re.compile(r"^[(a-z0-9]")


# spaCy's rule-based sentencizer ends a sentence at these tokens (full stops, ! and ? in many scripts).
_SENTENCE_END_IDS = frozenset(get_string_id(c) for c in Sentencizer.default_punct_chars)


def _sentence_bounds(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Character bounds of the sentences, read from token arrays (iterating ``doc.sents``
    builds a Python object per token and costs more than the whole tokenizer)."""
    if not len(doc):
        return []
    array = doc.to_array([SENT_START, IDX, ORTH, IS_PUNCT])
    if array[1:, 0].any():  # a model's parser or senter, or a sentencizer, set the sentences
        starts = array[array[:, 0] == 1, 1].tolist()
    else:
        starts = array[_rule_based_starts(array[:, 2].tolist(), array[:, 3].tolist()), 1].tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    # The rule-based sentencizer splits after any full stop; "ispace, inc. (TSE: 9348)" and
    # "U.S. officials" are one sentence. A split after an abbreviation, or before a lower-case
    # word, a bracket or a digit, is undone.
    kept = [starts[0]]
    for start in starts[1:]:
        if _CONTINUES.match(text[start:start + 2]) or _ABBREVIATION_END.search(text[max(0, start - 12):start]):
            continue
        kept.append(start)
    if ". " in text and ("I." in text or "V." in text or "X." in text or "eries " in text or "ERIES " in text):
        # "beginning with Artemis V. The companies are ...", "Impulse Space: $300 million, Series C. The
        # Redondo Beach company ...": spaCy keeps "V." and "C." as one token (an initial), so no
        # sentence ends there; a Roman numeral, or a round's letter, before a usual sentence opener
        # ends one (looked for only where one is written: the pattern is slow to scan).
        extra = [m.end() for m in _NUMERAL_END.finditer(text)]
        if extra:
            kept = sorted(set(kept) | set(extra))
    ends = kept[1:] + [len(text)]
    return list(zip(kept, ends))


def _rule_based_starts(orth: list[int], is_punct: list[int]) -> list[int]:
    """The tokens spaCy's rule-based sentencizer (default settings) starts sentences at, from
    token arrays: the default pipeline has no sentencizer, whose loop builds a Token per token
    (a seventh of the tokenizer's time). The same loop as its ``predict``: the first token
    starts a sentence, and so does the first token after a sentence end that is neither
    punctuation nor another sentence end ("end." "The", "end.” The", "ok?! Yes")."""
    starts = [0]
    seen_end = False
    for index, (orth_id, punct) in enumerate(zip(orth, is_punct)):
        if orth_id in _SENTENCE_END_IDS:
            seen_end = True
        elif seen_end and not punct:
            starts.append(index)
            seen_end = False
    return starts


_NUMERAL_END = re.compile(r"(?:(?<=\s)[IVX]{1,3}|(?<=[Ss]eries\s)[A-H]|(?<=SERIES\s)[A-H])\.\s+(?=(?:The|A|An|It|Its|This|These|They|In|On|At|Each|We|Our|NASA)\s)")


MAX_SENTENCE = 1000  # characters; news sentences stay far below


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A "sentence" longer than :data:`MAX_SENTENCE` (a table, a list without full stops, a
    hostile run of names) is cut at spaces into pieces no longer than that: the rules compare
    the names of a sentence with each other, and one 100,000-character sentence took minutes."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = start + MAX_SENTENCE if cut == -1 else cut
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        pieces.append((start, stop))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    return pieces


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence never runs across a line break (list items and headlines end lines, not dots),
    nor across a bullet that opens a list after a colon."""
    pieces = []
    cursor = start
    for match in _NEWLINES.finditer(text, start, end):
        pieces.append((cursor, match.start()))
        cursor = match.end()
    pieces.append((cursor, end))
    stripped = []
    for a, b in pieces:
        piece = text[a:b]
        stripped.append((a + len(piece) - len(piece.lstrip()), b - (len(piece) - len(piece.rstrip()))))
    return stripped


# (and a list run into one line after a colon: "Three awards are lunar: - Astrobotic, Pittsburgh: $34.6M ...")
_NEWLINES = re.compile(r"\n+|(?<=[:;])[ \t]+(?=[-•▪▸][ \t]+[A-Z])")  # (and the next item after a semicolon)


_WORDS = re.compile(r"[A-Za-z][\w'’-]*")


def field_is_headline(text: str) -> bool:
    """Title Case: most words of four letters or more start with a capital."""
    words = [w for w in _WORDS.findall(text) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.75


# "the EPE and Lunar Outpost Oceania consortium (ELO2)", "The Australian Remote Operations for Space and Earth
# (AROSE) consortium", "the AROSE (Australian Remote ...) consortium": a consortium's name, members' names inside
_CONSORTIUM = re.compile(r"(?<![\w-])(?P<core>[A-Z][\w&'’-]*(?:[ \t]+(?:[A-Z][\w&'’-]*|and|&|of|for)){0,8}?)[ \t]*"
                         r"(?:\((?P<inner>[^()]{2,80})\)[ \t]*)?[ \t]consortium\b(?:[ \t]*\((?P<after>[A-Z][\w-]{1,11})\))?")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,11}")


def _consortia(sentence: Sentence) -> None:
    """A consortium named with its own name is one party, not the members its name holds ("the EPE
    and Lunar Outpost Oceania consortium" is not Lunar Outpost): the name replaces the mentions inside."""
    for match in _CONSORTIUM.finditer(sentence.text):
        core = re.sub(r"^(?:The|A|An)[ \t]+", "", match.group("core"))
        if not core or core.split()[0].lower() in ("the", "and", "of", "for") or core.split()[-1] in ("and", "of", "for", "the"):
            continue
        inner = match.group("inner")
        if match.group("after") and _ACRONYM.fullmatch(match.group("after")):
            name = match.group("after")  # "the EPE and Lunar Outpost Oceania consortium (ELO2)"
        elif inner and _ACRONYM.fullmatch(inner.strip()):
            name = inner.strip()  # "The Australian Remote Operations for Space and Earth (AROSE) consortium"
        elif _ACRONYM.fullmatch(core):
            name = core  # "the AROSE (Australian Remote Operations for Space and Earth) consortium", "the ELO2 consortium"
        else:
            name = f"{core} consortium"
        start = match.start("core") + match.group("core").index(core)
        end = match.end()
        if any(m.start < start < m.end or m.start < end < m.end for m in sentence.mentions):
            continue  # a name runs across the consortium's edge: not this shape
        if any(m.kind == "jurisdiction" and sentence.text[m.start:m.end] == core for m in sentence.mentions):
            continue  # "an Australian consortium", "a Japanese consortium": where it is from
        sentence.mentions[:] = [m for m in sentence.mentions if not (start <= m.start and m.end <= end)]
        sentence.mentions.append(Mention(start, end, f"new:{slug(name)}", name, "company", "discovered", True,
                                         _possessive_at(sentence.text, end), name))


ORG_NOUN_AFTER = re.compile(r"\s+(?:consortium|consortia|coalition|joint\s+venture)\b")  # not "the Texas company"


_LOWER_WORD = re.compile(r"[a-z]{3}")


def _shouted(text: str) -> bool:
    """A line written in capitals: at least four words, nearly every letter upper-case."""
    if sum(1 for _ in islice(_LOWER_WORD.finditer(text), 3)) >= 3:
        return False  # (most sentences: three lower-case runs already say no, without counting every letter)
    letters = [c for c in text if c.isalpha()]
    return len(_WORDS.findall(text)) >= 4 and len(letters) >= 12 and \
        sum(c.isupper() for c in letters) / len(letters) >= 0.9


_HEAD_WORD = re.compile(r"\S+")
_COMPANIES_AFTER = re.compile(r"^\s+(?:[a-z][\w-]*\s+){0,2}?(?:companies|firms|start-?ups|startups|businesses|operators|"
                              r"providers|suppliers|makers|manufacturers|company|firm|start-?up|startup)\b")


def _named_prefix(candidate: NameCandidate, names: frozenset[str]) -> NameCandidate | None:
    """The longest leading words of a headline's capitalised run that the text names."""
    words = list(_HEAD_WORD.finditer(candidate.text))
    for count in range(len(words) - 1, 0, -1):
        prefix = candidate.text[:words[count - 1].end()]
        if prefix.lower() in names:
            return NameCandidate(candidate.start, candidate.start + len(prefix), prefix, prefix,
                                 org_shaped(prefix, prefix.split()))
    return None


def _fill(sentence: Sentence, ents: list, text: str, money: list[MoneyMention], gazetteer: Gazetteer,
          body_names: frozenset[str] = frozenset()) -> None:
    start, end = sentence.start, sentence.end
    taken: list[tuple[int, int]] = []
    for ent in ents:
        if ent.start_char < start or ent.end_char > end:
            continue
        rel_start, rel_end = ent.start_char - start, ent.end_char - start
        taken.append((rel_start, rel_end))
        possessive = _possessive_at(text, ent.end_char)
        if ent.label_ == "ORG" and not ent.ent_id_:
            # A statistical model's organisation the gazetteer does not know: a discovered one.
            name = clean_name(ent.text)
            sentence.mentions.append(Mention(rel_start, rel_end, f"new:{slug(name)}", name, "company", "model",
                                             True, possessive, ent.text))
            continue
        if ent.label_ in ("ORG", "GPE", "NORP"):
            org = gazetteer.org(ent.ent_id_)
            if org is None:
                continue
            source = "demonym" if ent.label_ == "NORP" else "gazetteer"
            if source == "demonym" and _TRANSLATED_FROM.search(text[max(0, ent.start_char - 30):ent.start_char]):
                continue  # "(Translated from French)": the language of the source, not a party
            if source == "demonym" and KIND_NOUN_AFTER.match(text[ent.end_char:ent.end_char + 40]):
                continue  # "the German start-up PTScientists": describes the company named next, not a party
            not_the_party = _NOT_THE_PARTY_AFTER.match(text, ent.end_char)
            if not_the_party and (not not_the_party.group("place") or org.kind == "agency"):
                continue
            if org.kind == "jurisdiction" and _COMPANIES_AFTER.match(text[ent.end_char:ent.end_char + 40]):
                continue  # "agreements with three U.S. companies": where the companies are from, not a party
            sentence.mentions.append(Mention(rel_start, rel_end, org.id, org.name, org.kind, source,
                                             possessive=possessive, surface=ent.text))
        elif ent.label_ == "MISSION":
            mission = gazetteer.missions.get(ent.ent_id_)
            if mission is not None:
                sentence.missions.append(MissionMention(rel_start, rel_end, mission.id, mission.name, mission.operator,
                                                         mission.kind))
        elif ent.label_ == "PROGRAM":
            program = gazetteer.programs.get(ent.ent_id_)
            sentence.programs.append(program.name if program else ent.ent_id_)
            agency = gazetteer.org(program.agency) if program and program.agency else None
            if agency is not None:
                sentence.program_agencies.append(Mention(rel_start, rel_end, agency.id, agency.name, agency.kind,
                                                         "program"))
    money_spans = [(m.start - start, m.end - start) for m in money if start <= m.start < end]
    headline = field_is_headline(sentence.text) if sentence.field == "title" else False
    if sentence.field == "text" and _shouted(sentence.text):
        # "FIREFLY AEROSPACE PRICES UPSIZED IPO OF 19.3 MLN SHARES AT $45/SHR": a wire flash in capitals,
        # where every word looks like a name; only the gazetteer's names count
        names_here: list[NameCandidate] = []
    else:
        names_here = find_names(sentence.text)
    for candidate in names_here:
        if any(candidate.start < b and a < candidate.end for a, b in money_spans):
            continue  # "$13M" is money, not a company called "13M"
        shouted = sentence.field == "title" and " " in candidate.text and candidate.text.isupper()
        if (headline or shouted) and not candidate.name.lower() in body_names:
            # ("PRADA SUITS UP: fashion house joins Axiom": a capitalised kicker is headline words too)
            # In Title Case Headlines every word looks like a name: trust the text's names, also at the
            # start of a longer run ("Astra Begins Trading on Nasdaq": the text names Astra).
            candidate = _named_prefix(candidate, body_names)
            if candidate is None:
                continue
        overlapping = [(a, b) for a, b in taken if candidate.start < b and a < candidate.end]
        if overlapping:
            _extend_mention(sentence, overlapping[-1], candidate)
            continue
        sentence.names.append(candidate)
        possessive = _possessive_at(sentence.text, candidate.end)
        # ("the ELO2 consortium": the kind noun after the name says organisation)
        shaped = candidate.org_shaped or bool(ORG_NOUN_AFTER.match(sentence.text, candidate.end))
        sentence.mentions.append(Mention(candidate.start, candidate.end, f"new:{slug(candidate.name)}",
                                         candidate.name, "company", "discovered", shaped, possessive))
    if "onsorti" in sentence.text:
        _consortia(sentence)
    sentence.mentions.sort(key=lambda m: m.start)
    _mark_places(sentence)
    sentence.money = [
        MoneyMention(m.start - start, m.end - start, m.text, m.value, m.currency, m.qualifier, m.stated_usd)
        for m in money if start <= m.start < end
    ]

