"""Event candidates from text: the six closed types, each with actors, amount and evidence.

A document's title and text go through the spaCy pipeline (tokens, sentences, gazetteer
entities); :mod:`nlp.context` adds discovered organisations, money and missions per sentence;
the rules in :mod:`nlp.rules` (one module per event type) turn sentences into
:class:`EventCandidate` records whose :class:`Evidence` names the sentence's character offsets
and the pattern that fired. Within one document, candidates for the same event (type and
actors) are merged: the one with an amount, from the text rather than the title, with the
highest confidence wins.

Plans and rumours ("plans to raise", "in talks", "considering") and old events mentioned as
background ("which won ... last year", "awarded in 2021") are not events: every rule checks
the clause around its trigger with :mod:`nlp.rules.common`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from nlp.context import DocContext, Mention, Sentence, build_context
from nlp.gazetteer import Gazetteer, load_gazetteer
from nlp.rules import acquisitions, awards, funding, missions, partnerships, policy
from nlp.rules.build import org_refs
from nlp.segments import segments_for
from nlp.timing import BACKGROUND_AFTER, RECENT_DAY_WORDS, YEARS_AGO_TODAY, resolve_dates
from spacemine.records import Document, EventCandidate

RULES = (awards, funding, acquisitions, partnerships, missions, policy)


class EventExtractor:
    """Documents in, candidates out. Holds the pipeline and gazetteer; cheap to call per document."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer | None = None) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer or load_gazetteer()

    def extract(self, documents: Sequence[Document], batch_size: int = 64) -> dict[str, list[EventCandidate]]:
        """Candidates for each document (by doc_id), from its title and text read together."""
        documents = [_readable_part(document) for document in documents]
        texts = []
        for index, document in enumerate(documents):
            texts.append((tokenizable(document.title or ""), (index, "title")))
            texts.append((tokenizable(document.text or ""), (index, "text")))
        docs: dict[tuple[int, str], Doc] = {}
        for doc, key in self.nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            docs[key] = doc
        results: dict[str, list[EventCandidate]] = {}
        for index, document in enumerate(documents):
            ctx = build_context(docs[(index, "title")], docs[(index, "text")], document, self.gazetteer)
            results.setdefault(document.doc_id, []).extend(self.candidates_from_context(ctx))
        return results

    def candidates_from_doc(self, doc: Doc, document: Document, field: str = "text") -> list[EventCandidate]:
        """Candidates from one processed field of a document (offsets point into that field)."""
        title_doc = doc if field == "title" else None
        text_doc = doc if field == "text" else None
        return self.candidates_from_context(build_context(title_doc, text_doc, document, self.gazetteer))

    def candidates_from_context(self, ctx: DocContext) -> list[EventCandidate]:
        if OPINION.search(ctx.document.title or "") or OPINION_LABEL.match(ctx.document.text or "") or \
                HIRING_OPENING.match(ctx.document.text or "") or \
                (ctx.mentions_any("opinion", "op-ed", "commentary", "editorial") and
                 SELF_DECLARED_OPINION.search(ctx.document.text or "")) or \
                (not (ctx.document.title or "").strip() and OPINION.search((ctx.document.text or "")[:40])):
            return []  # opinion and commentary discuss events; they do not report them
        found: list[EventCandidate] = []
        for rule in RULES:
            found.extend(rule.find(ctx))
        found = _without_teaming(found)
        found = _rounds_are_not_awards(found)
        found = _listings_are_not_acquisitions(found)
        found = _countries_and_agencies_once(found, self.gazetteer)
        found = _treaties_are_policy(found)
        found = _agencies_for_countries(found, ctx)
        found = [c for c in found if not CONTEXT_LABEL.match(c.evidence.sentence)]
        found = _retrospective_news_only(found, ctx)
        found = _dated_listings(found, ctx)
        found = _protested_awards(found, ctx)
        lead = " ".join(s.text for s in ctx.lead_sentences(2))
        return [replace(c, segments=segments_for(c, lead)) for c in merge_within_document(found, self.gazetteer)]


# Only the first MAX_FIELD_CHARS characters of a title or text are read. A news item is a few
# thousand; a longer field is a page dump or hostile, and several steps of the rules compare the
# sentences or names of a document with each other, so a 400,000-character text took minutes.
# Evidence offsets are unaffected: the part read is a prefix of the field.
MAX_FIELD_CHARS = 100_000


def _readable_part(document: Document) -> Document:
    title, text = document.title or "", document.text or ""
    if len(title) <= MAX_FIELD_CHARS and len(text) <= MAX_FIELD_CHARS:
        return document
    return replace(document, title=title[:MAX_FIELD_CHARS], text=text[:MAX_FIELD_CHARS])


# spaCy's tokenizer strips prefixes and suffixes one at a time and searches the rest of the token
# again each time: a token of 4,000 "$" (or "=", "(", "'s") took two seconds, 100,000 of them more
# than ten minutes. So before tokenizing, long runs are broken with spaces: runs of punctuation and
# symbols every 16 characters, other unbroken runs every 64 unless they look like a URL or an
# address of at most 512 characters (which spaCy keeps whole). The text keeps its length, so
# offsets and sentences still point into the document's own text (nlp.context reads that, never
# the tokenized copy).
_PUNCT_RUN = re.compile(r"[^\w\s]{17,}")
_LONG_RUN = re.compile(r"\S{65,}")
_LINK = re.compile(r"://|^www\.|@", re.IGNORECASE)


def tokenizable(text: str) -> str:
    """``text`` with long runs broken by spaces for the tokenizer; same length, same offsets."""
    if len(text) <= 16 or not (_PUNCT_RUN.search(text) or _LONG_RUN.search(text)):
        return text
    text = _PUNCT_RUN.sub(lambda m: _break(m.group(0), 16), text)
    return _LONG_RUN.sub(lambda m: m.group(0) if len(m.group(0)) <= 512 and _LINK.search(m.group(0))
                         else _break(m.group(0), 64), text)


def _break(run: str, every: int) -> str:
    return " ".join(run[i:i + every - 1] for i in range(0, len(run), every)).ljust(len(run))[:len(run)]


OPINION = re.compile(r"^\W*(?:opinion|op-ed|commentary|editorial|column|perspective|viewpoint|letter\s+to)\b|\bop-ed\b|"
                     # "Analysis: why Moon companies are buying their way into defense" (news analysis discusses)
                     r"^\W*(?:news\s+)?analysis\s*[:|–—-]|"
                     # a job post tells why to join ("this year the DOE ... agreed to buy helium-3 from us"), not news
                     r"^\W*(?:(?:post|thread|tweet)\s*:\s*)?(?:we['’]re|we\s+are|now)\s+hiring\b|"
                     # "Careers: Senior Cryogenic Separation Engineer (Seattle, WA)", "Job opening - ..."
                     r"^\W*(?:careers?|jobs?|vacanc(?:y|ies)|job\s+(?:opening|post(?:ing)?|ad|listing))\s*[:|–—-]", re.IGNORECASE)
# A post that opens "We're hiring: ..." under any headline is a job post too.
# "None of those is news today. This is an opinion column.": a text that says what it is
SELF_DECLARED_OPINION = re.compile(r"\b(?:this|it)\s+is\s+(?:an?\s+)?(?:opinion|op-ed|commentary|editorial)"
                                   r"(?:\s+(?:column|piece|article|post))?\s*[.!]", re.IGNORECASE)
HIRING_OPENING = re.compile(r"\W*(?:we['’]re|we\s+are|now)\s+hiring\b", re.IGNORECASE)
# "Opinion. In September, Bluefors agreed to buy ...": a label opening the text, under any headline
OPINION_LABEL = re.compile(r"\W*(?:opinion|op-ed|commentary|editorial|column|viewpoint)\s*[.:|—–-]", re.IGNORECASE)
TEAMING = re.compile(r"\b(?:on|for)\s+(?:the|this|its|their)\s+(?:[\w-]+\s+){0,2}?(?:program|programme|contract|mission|project|bid|"
                     r"award|proposal|task\s+order|effort|study|work)\b|\bteam(?:ing|ed|s)?\b|\bwhich\s+is\s+(?:partnering|teaming|working)\b|"
                     # "Lockheed Martin is partnering with BWX Technologies, which will develop the reactor": a supplier's share
                     r",\s+which\s+will\s+(?:develop|build|provide|supply|design|produce|deliver|manufacture)\b",
                     re.IGNORECASE)


def _rounds_are_not_awards(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """"Impulse lands $300M" in a headline over a story about its Series C: an award with the
    same company and amount as a round in the item is the round told loosely."""
    rounds = {(a.org_id, round(c.amount.usd)) for c in candidates if c.type == "funding_round" and c.amount and c.amount.usd
              for a in c.actors}
    return [c for c in candidates if not (
        c.type == "contract_award" and c.amount and c.amount.usd and
        any((a.org_id, round(c.amount.usd)) in rounds for a in c.actors))]


def _listings_are_not_acquisitions(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """"The ... company closed its combination with NavSight Holdings": a company listed through a
    blank-check merger told in the same sentence as its listing is not buying the shell."""
    listed = {(a.org_id, c.evidence.field, c.evidence.sentence_start) for c in candidates
              if c.type == "funding_round" and c.stage == "spac" for a in c.actors}
    return [c for c in candidates if not (
        c.type == "acquisition" and
        any((a.org_id, c.evidence.field, c.evidence.sentence_start) in listed for a in c.actors))]


def _without_teaming(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """Teaming members named inside a contract award are not partnership events of their own:
    "Maxar is partnering with Blue Origin and Draper on the program" after Maxar's award."""
    recipients = {a.org_id for c in candidates if c.type == "contract_award" for a in (*c.actors, *c.counterparties)}
    recipient_names = {a.name for c in candidates if c.type == "contract_award" for a in c.actors}
    # "DARPA is partnering with NASA's STMD on the effort" after "DARPA and NASA selected Lockheed": a buyer's teaming
    award_texts = [c.evidence.sentence for c in candidates if c.type == "contract_award"]
    recipient_names |= {a.name for c in candidates if c.type == "partnership" for a in c.actors
                        if any(re.search(rf"\b{re.escape(a.name)}\b", text) for text in award_texts)}
    # "- Westinghouse of Cranberry Township - The company will partner with Aerojet Rocketdyne.": a
    # winner's line names its team; the partnership read from the same sentence is that team.
    award_sentences = {(c.evidence.field, c.evidence.sentence_start) for c in candidates if c.type == "contract_award"}
    return [c for c in candidates if not (
        c.type == "partnership" and ((recipients & {a.org_id for a in c.actors} or
                                      any(re.search(rf"\b{re.escape(name)}\b", c.evidence.sentence)
                                          for name in recipient_names))
                                     and TEAMING.search(c.evidence.sentence) or
                                     (c.evidence.field, c.evidence.sentence_start) in award_sentences))]


def _countries_and_agencies_once(candidates: list[EventCandidate], gazetteer: Gazetteer) -> list[EventCandidate]:
    """"China and Russia signed an agreement" and "CNSA and Roscosmos signed a memorandum" in
    one item are one partnership: keep one, with both the countries and their agencies."""
    def signature(candidate: EventCandidate) -> frozenset[str]:
        found = set()
        for actor in candidate.actors:
            country = gazetteer.jurisdiction_of(actor.org_id) if actor.kind in ("agency", "jurisdiction") else None
            found.add(country.id if country else actor.org_id)
        return frozenset(found)

    kept: list[EventCandidate] = []
    seen: dict[frozenset[str], int] = {}
    for candidate in candidates:
        if candidate.type != "partnership":
            kept.append(candidate)
            continue
        key = signature(candidate)
        if key in seen and len(key) >= 2:
            first = kept[seen[key]]
            actors = {a.org_id: a for a in (*first.actors, *candidate.actors)}
            kept[seen[key]] = replace(first, actors=tuple(actors.values()))
            continue
        seen[key] = len(kept)
        kept.append(candidate)
    return kept


# "- CONTEXT: CHANG'E-5 RETURNED ...", "Flashback: LV0006 failed ...": lines a digest labels as background.
CONTEXT_LABEL = re.compile(r"^\W*(?:context|background|backstory|flashback|previously|recap|history|for\s+context|reminder|"
                           r"note|aside)"
                           r"(?:\s*:|\s+[—–-]\s)", re.IGNORECASE)


# "Ten years after the asteroid gold rush: what we learned", "A look back at 2012-2019": an item that
# retells a past era sentence by sentence, most sentences without their own date.
RETROSPECTIVE_TITLE = re.compile(r"\b(?:(?:\d+|one|a|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                                 r"twenty|a\s+dozen)\s+years?\s+(?:after|since|on|later)|a\s+decade\s+(?:after|since|on|later|of)|"
                                 r"look(?:s|ing)?\s+back|retrospective|anniversary|what\s+happened\s+to|where\s+did\s+[^?]{1,60}\s+go|"
                                 # an era, not a week: "Boom, bust and blockchain", "the first asteroid-mining wave"
                                 r"boom\W+(?:and\s+)?bust|(?:first|last|previous|earlier)\s+(?:[\w-]+\s+){0,2}?wave)\b",
                                 re.IGNORECASE)
# A registration statement describes the company to investors: its track record ("We have been
# awarded four CLPS task orders", "our lander became the first ...") is the story so far, not news.
PROSPECTUS_TITLE = re.compile(r"\b(?:Form\s+)?(?:S-1|F-1|S-4|424B\d)\b|\bprospectus\b|\bregistration\s+statement\b",
                              re.IGNORECASE)
# (and a filing's risk factors: "Form 10-Q, Part II, Item 1A. Risk Factors" tells what could go wrong)
ANNUAL_REPORT_TITLE = re.compile(r"\b(?:Form\s+)?(?:10-K|20-F|40-F)\b|\bannual\s+report\b|\bRisk\s+Factors\b", re.IGNORECASE)
# "Two years ago tonight JAXA's little 'Moon Sniper' touched down ...": an anniversary post retells the mission
ANNIVERSARY_OPENING = re.compile(rf"\W*(?:{YEARS_AGO_TODAY}|on\s+this\s+day\b)", re.IGNORECASE)
RECENT_WORD = re.compile(rf"\b(?:{RECENT_DAY_WORDS}|this\s+week|this\s+month|last\s+week)\b", re.IGNORECASE)


def _retrospective_news_only(candidates: list[EventCandidate], ctx: DocContext) -> list[EventCandidate]:
    """In a retrospective or a prospectus, only what a sentence dates as recent is news: "DSI signed
    its own arrangement with the Grand Duchy" after a 2016 sentence is the era retold, not this
    week's deal."""
    title = ctx.document.title or ""
    if ANNUAL_REPORT_TITLE.search(title):
        return []  # a 10-K's business overview retells the year: its landings and awards were news months ago
    if ctx.published is None or not (RETROSPECTIVE_TITLE.search(title) or PROSPECTUS_TITLE.search(title) or
                                     ANNIVERSARY_OPENING.match(ctx.document.text or "")):
        return candidates
    return [c for c in candidates if RECENT_WORD.search(c.evidence.sentence) or any(
        not d.future_marker and 0 <= (ctx.published - d.value).days <= BACKGROUND_AFTER.days
        for d in resolve_dates(c.evidence.sentence, ctx.published))]


# "ispace listed on April 12 at an offering price of 254 yen, raising 6.7 billion yen": a listing's raise
LISTING_SENTENCE = re.compile(r"\b(?:listed|listing|IPO|initial\s+public\s+offering|offering\s+price|debuted|debut)\b",
                              re.IGNORECASE)
LISTING_TITLE = re.compile(r"\b(?:IPO|listing|lists|listed|debuts?|shares|stock\s+exchange|Nasdaq|NYSE|goes\s+public|"
                           r"public\s+offering|SPAC)\b", re.IGNORECASE)


def _dated_listings(candidates: list[EventCandidate], ctx: DocContext) -> list[EventCandidate]:
    """A listing a single story dates days before the item, told after its lead while the headline
    and lead report news of another kind, is the story's context: "ispace listed its shares on the
    Tokyo Stock Exchange on April 12" in the closing paragraph of an item about its lander's crash.
    (Awards, rounds and deals told so are too often the item's own news, restated with their day.)"""
    title = ctx.document.title or ""
    if ctx.published is None or not title or missions.DIGEST_TITLE.search(title) or missions.is_roundup(ctx) or \
            LISTING_TITLE.search(title):
        return candidates
    text_sentences = [s for s in ctx.sentences if s.field == "text"]
    if not text_sentences:
        return candidates
    lead = text_sentences[0].paragraph
    paragraph_at = {s.start: s.paragraph for s in text_sentences}
    # ("Listing. On April 12 the Tokyo lunar-lander company debuted ...": an item of its own under its label)
    opening: dict[int, Sentence] = {}
    for sentence in text_sentences:
        opening.setdefault(sentence.paragraph, sentence)
    labelled = {paragraph for paragraph, first in opening.items() if paragraph != lead and ITEM_LABEL.fullmatch(first.text)}
    told_up_front = {c.type for c in candidates
                     if c.evidence.field == "title" or paragraph_at.get(c.evidence.sentence_start) == lead}
    kept = []
    for candidate in candidates:
        paragraph = paragraph_at.get(candidate.evidence.sentence_start) if candidate.evidence.field == "text" else None
        listing = candidate.evidence.pattern_id.startswith("funding.ipo") or (
            candidate.type == "funding_round" and LISTING_SENTENCE.search(candidate.evidence.sentence))
        if listing and paragraph is not None and paragraph != lead and \
                candidate.type not in told_up_front and paragraph not in labelled and \
                _dated_days_before(candidate.evidence.sentence, ctx.published, days=5):
            continue
        kept.append(candidate)
    return kept


# A paragraph's label, a sentence of its own: "Listing.", "Landing.", "The lawsuit:"
ITEM_LABEL = re.compile(r"\s*[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,1}\s*[.:]\s*")


def _dated_days_before(sentence: str, published, days: int) -> bool:  # noqa: ANN001
    dates = [d for d in resolve_dates(sentence, published) if not d.future_marker]
    return bool(dates) and all(d.granularity == "day" and (published - d.value).days >= days for d in dates)


# "Blue Origin protests NASA's lunar lander award to SpaceX": the item's news is the challenge
PROTEST_TITLE = re.compile(r"\b(?:protests?|protested|challenged|sues|sued|lawsuit|appeals?|appealed|contested|"
                           # "Blue Origin, Dynetics challenge NASA's SpaceX lunar lander pick"
                           r"challeng(?:e|es|ing)\s+(?:[\w'’-]+\s+){0,5}?(?:pick|award|decision|selection|contract|choice))\b",
                           re.IGNORECASE)  # (not "contest" or a bare "challenges": prize competitions)
# "Blue Origin and Dynetics have each filed protests with the GAO challenging NASA's decision ..."
PROTEST_LEAD = re.compile(r"\bfiled\s+(?:a\s+|formal\s+|bid\s+)*(?:protests?|lawsuits?|suit|complaint)\b", re.IGNORECASE)


def _protested_awards(candidates: list[EventCandidate], ctx: DocContext) -> list[EventCandidate]:
    """In an item about a protest or a lawsuit against an award, the award told in the text is the
    one being challenged (its news was earlier), unless the headline itself reports an award."""
    lead = ctx.body[0].text if ctx.body else ""
    if not (PROTEST_TITLE.search(ctx.document.title or "") or PROTEST_LEAD.search(lead)) or \
            any(c.type == "contract_award" and c.evidence.field == "title" for c in candidates):
        return candidates
    if missions.DIGEST_TITLE.search(ctx.document.title or "") or missions.is_roundup(ctx):
        # ("Lander Ledger: $146 million for landers, a lawsuit on pause, ...": the lawsuit is one item of several)
        sued = {s.paragraph for s in ctx.body if PROTEST_LEAD.search(s.text) or PROTEST_TITLE.search(s.text)}
        paragraph_at = {s.start: s.paragraph for s in ctx.body}
        return [c for c in candidates if c.type != "contract_award" or c.evidence.field != "text" or
                paragraph_at.get(c.evidence.sentence_start) not in sued]
    return [c for c in candidates if c.type != "contract_award"]


TREATY = re.compile(r"\b(?:treaty|safeguards\s+agreement|technology\s+safeguards|framework\s+agreement|"
                    r"intergovernmental\s+agreement)\b", re.IGNORECASE)


def _treaties_are_policy(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """"The Governments of New Zealand and the United States have signed the Technology Safeguards
    Agreement": a treaty between countries binds each of them (policy), it is not a partnership."""
    out: list[EventCandidate] = []
    for candidate in candidates:
        if candidate.type == "partnership" and len(candidate.actors) >= 2 and \
                all(a.kind == "jurisdiction" for a in candidate.actors) and TREATY.search(candidate.evidence.sentence):
            evidence = replace(candidate.evidence, pattern_id="policy.treaty")
            out.extend(replace(candidate, type="policy", actors=(actor,), counterparties=(), evidence=evidence)
                       for actor in candidate.actors)
            continue
        out.append(candidate)
    return out


def _agencies_for_countries(candidates: list[EventCandidate], ctx: DocContext) -> list[EventCandidate]:
    """"China and Russia signed a memorandum", in an item that names CNSA and Roscosmos as the
    signers: an agreement between countries is signed by their space agencies, so the agencies
    the item names join the countries as partners."""
    agencies = {}
    for sentence in ctx.sentences:
        for mention in sentence.mentions:
            if mention.kind == "agency" and mention.source == "gazetteer":
                agencies.setdefault(mention.org_id, mention)
    if not agencies:
        return candidates
    out = []
    for candidate in candidates:
        if candidate.type == "partnership" and candidate.actors and all(a.kind == "jurisdiction" for a in candidate.actors):
            countries = {a.org_id for a in candidate.actors}
            by_country: dict[str, Mention] = {}
            for mention in agencies.values():  # the first agency named of each country, not a centre or office
                country = ctx.gazetteer.jurisdiction_of(mention.org_id)
                if country is not None and country.id in countries and not ctx.gazetteer.org(mention.org_id).parent:
                    by_country.setdefault(country.id, mention)
            if by_country:
                known = {a.org_id for a in candidate.actors}
                extra = tuple(r for r in org_refs(by_country.values()) if r.org_id not in known)
                candidate = replace(candidate, actors=candidate.actors + extra)
        out.append(candidate)
    return out


def merge_within_document(candidates: list[EventCandidate], gazetteer: Gazetteer | None = None) -> list[EventCandidate]:
    """One candidate per event in a document: same type and actors (and, for two named buyers,
    the same counterparty); the one with an amount, from the text, most confident wins."""
    best: dict[tuple, EventCandidate] = {}
    order: list[tuple] = []
    for candidate in candidates:
        key = (candidate.type, tuple(sorted(a.org_id for a in candidate.actors)))
        # (a buyer the sentence does not name was inferred from the item: "SpaceX was chosen for its technical
        # maturity" restates the selection the item told, whoever it guessed chose)
        named = [c for c in candidate.counterparties if c.name in candidate.evidence.sentence]
        parties = _with_parents({c.org_id for c in named}, gazetteer)
        # Two awards to one seller from different named buyers are two events; a partnership
        # named once with its two parties and once with a third is one.
        # A headline restates its body's event, whichever buyer each names ("Pentagon's SDA" / "the agency");
        # one sentence read twice is one event whatever buyer each reading found; a laboratory
        # placing its agency's contract ("Idaho National Laboratory" for the Department of Energy) is
        # the same buyer.
        slot = next((k for k in order if _same_slot(k, key) and (
            not parties or not best[k].counterparties or
            parties & _with_parents({c.org_id for c in best[k].counterparties}, gazetteer) or
            "title" in (candidate.evidence.field, best[k].evidence.field) or
            # a restatement without the amount ("ispace was selected in Phase 3 of the SBIR program") whose buyer was
            # read differently (the program's agency) is the award the item priced
            (candidate.amount is None) != (best[k].amount is None) or
            (candidate.evidence.field, candidate.evidence.sentence_start) ==
            (best[k].evidence.field, best[k].evidence.sentence_start))),
                    None)
        if slot is None:
            slot = (*key, len(order))
            order.append(slot)
            best[slot] = candidate
            continue
        if _rank(candidate) > _rank(best[slot]):
            best[slot] = candidate
    return [best[key] for key in order]


def _with_parents(org_ids: set[str], gazetteer: Gazetteer | None) -> set[str]:
    """The organisations and the ones they belong to (a NASA centre's parent is NASA)."""
    if gazetteer is None:
        return org_ids
    parents = {org.parent for org in map(gazetteer.org, org_ids) if org is not None and org.parent}
    return org_ids | parents


def _same_slot(slot: tuple, key: tuple) -> bool:
    if slot[0] != key[0]:
        return False
    if slot[1] == key[1]:
        return True
    if key[0] == "partnership":
        a, b = set(slot[1]), set(key[1])
        return len(a & b) >= 2 and (a <= b or b <= a)
    return False


def _rank(candidate: EventCandidate) -> tuple:
    return (candidate.amount is not None, candidate.evidence.field == "text", candidate.confidence,
            -candidate.evidence.sentence_start)
