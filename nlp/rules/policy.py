"""policy: a law, regulation, executive order, treaty or accord signing, or a licence.

Actor = the enacting or signing country, one event per signatory. Countries come from the
gazetteer's jurisdictions, their demonyms ("the Japanese parliament") and the country of an
agency ("the UAE Space Agency announced that the law has entered into force" is the UAE's).

Shapes: "Japan's parliament enacted a law", "the UAE Cabinet has issued a resolution adopting
regulations", "the Act was published in the Official Gazette", "the law has entered into
force" (``policy.enact``); "Saudi Arabia has signed the Artemis Accords", "India joins the
Artemis Accords" (``policy.sign``); "The signatories are Australia, Canada, ..."
(``policy.signatories``). Commentary on existing laws, proposals and bills still in debate are
not events.
"""

from __future__ import annotations

import re

from nlp.context import DocContext, Mention, Sentence
from nlp.rules.build import candidate
from nlp.rules.common import (BACKGROUND_CLAUSE, FRONTED_TIME, LIST_GAP, clause_bounds, hedged, row_dated_before, table_rows,
                               list_after_intro, names_an_old_year)
from nlp.timing import YEARS_AGO_TODAY, is_background
from spacemine.records import EventCandidate

INSTRUMENT = (r"(?:law|laws|act|bill|legislation|regulations?|rules?|resolution|decree|executive\s+order|ordinance|"
              r"accords?|treaty|convention|declaration|statute|licen[cs]es?|(?:space|national)\s+policy|"
              r"(?:policy\s+)?directive)")
ENACT = re.compile(
    rf"\b((?:enacted|enacts|passed|passes|adopted|adopts|approved|approves|promulgated|promulgates|issued|issues|"
    rf"ratified|ratifies|granted|grants|(?:voted|votes)(?=\s+(?:through\s+)?(?:on\s+\w+day\s+|today\s+)?(?:the|a|an)\s))\s+(?:through\s+)?"
    rf"(?:on\s+\w+day\s+|today\s+)?"
    rf"(?:a|an|the|its|new|\w+['’]s)?\s*"
    rf"(?:[\w.'’-]+\s+){{0,7}}?{INSTRUMENT}\b(?!\s+[Aa]greements?\b)|"
    # "The Federal Communications Commission voted 4-0 on Thursday to require operators ...": a regulator's rule
    rf"(?:voted|votes)\s+(?:\d+\s*[-–]\s*\d+\s+|unanimously\s+)?(?:on\s+\w+day\s+|today\s+)?to\s+(?:require|adopt|approve|"
    rf"ban|mandate|impose|establish|finali[sz]e)\b|"
    # "TRUMP SIGNS ORDER BACKING COMMERCIAL RECOVERY OF MOON RESOURCES — EO 'Encouraging ...'": an executive order
    rf"(?:signed|signs)\s+(?:an?\s+|the\s+)?order\b(?=[^.;]{{0,160}}\b(?:EO|E\.O\.|[Ee]xecutive\s+[Oo]rder|EXECUTIVE\s+ORDER)\b)|"
    # "Government of India has come out with Indian Space Policy-2023", "released its national space policy"
    rf"(?:has\s+|have\s+)?(?:come|came|comes)\s+out\s+with\s+(?:the\s+|its\s+|a\s+)?(?:new\s+)?(?:[\w.'’-]+\s+){{0,4}}?"
    rf"(?:space|national)\s+policy\b|(?:released|releases|unveiled|unveils|published|publishes)(?!\s+(?:after|before|since|in|on|under|with|by)\b)\s+(?:the\s+|its\s+|a\s+)?(?:new\s+)?"
    rf"(?:[\w.'’-]+\s+){{0,4}}?(?:space|national)\s+policy\b|"
    # "President Luiz Inácio Lula da Silva has sanctioned Law No. 14,946" (Portuguese "sancionar": sign into law)
    rf"(?:sanctioned|sanctions)\s+(?:the\s+|a\s+|new\s+)?(?:[\w.'’-]+\s+){{0,4}}?(?:law|bill|statute)\b(?!\s+(?:against|on)\b)|"
    # ("President Obama signed H.R. 2262, the U.S. Commercial Space Launch Competitiveness Act, into law")
    rf"it\s+is\s+hereby\s+ordered|(?:signed|signs)\s+(?:[^;]{{1,120}}?\s+)?into\s+law|"
    # "President Obama signed H.R. 2262, the U.S. Commercial Space Launch Competitiveness Act": a bill by its number
    rf"(?:signed|signs)\s+(?:H\.\s?R\.|S\.)\s?\d+\b|"
    # "it received permission from the Cabinet Office of Japan ... pursuant to the Space Resources Act": a licence
    rf"(?:received|receives|obtained|obtains)\s+(?:a\s+|the\s+)?(?:permission|permit|licen[cs]e|authori[sz]ation)\s+from\s+"
    rf"(?:the\s+)?(?:[\w-]+\s+){{0,4}}?(?:Office|Ministry|Agency|Administration|Government|Cabinet|Commission)\b|(?:signed|signs)\s+(?:a|an|the|new)?\s*(?:[\w.'’-]+\s+){{0,3}}?"
    # ("NASA has signed funded Space Act Agreements with three teams": a contract's kind, not a law)
    rf"(?:law|executive\s+order|decree|bill|act|ordinance|regulations?|directive)\b(?!\s+[Aa]greements?\b)|"
    rf"(?:entered|enters|entering|came|comes|come)\s+into\s+(?:force|effect)|tak(?:es|en)\s+effect|took\s+effect|"
    rf"(?:was|were|has\s+been)\s+published\s+in\s+the\s+official\s+gazette|became\s+law|becomes\s+law|"
    rf"(?:received|receives|receiving|was\s+given|given|granted)\s+(?:the\s+)?(?:Royal|Presidential)\s+Assent|"
    rf"(?:approved|approves|adopted|adopts|notified|notifies)\s+(?:an?\s+|the\s+)?amendments?\s+(?:in|to|of)\s+(?:the\s+)?"
    rf"(?:[\w().'’-]+\s+){{0,6}}?(?:policy|act|law|rules|regulations?)\b|"
    rf"(?:now\s+)?(?:has|have)\s+(?:now\s+)?(?:a|its\s+(?:first|own))\s+(?:new\s+)?(?:national\s+)?(?:space|outer\s+space)\s+"
    rf"(?:law|act|legislation)\b|"
    rf"(?<=policy|Policy)(?:\s+\d{{4}})?,?\s+(?:approved|adopted|enacted|promulgated)\s+by|"
    # "the 'Special Act on the Korea AeroSpace Administration' was passed at the plenary session"
    rf"(?:act|law|bill)(?:\b[^.;'’\"]{{0,120}}?['’\"])?\s+(?:was|has\s+been)\s+(?:passed|adopted|enacted|approved))",
    re.IGNORECASE,
)
SIGN = re.compile(
    r"\b((?:has\s+|have\s+)?(?:withdrew|withdraws|withdrawn|quit|quits|left|leaves)\s+(?:from\s+)?(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:Agreement|Treaty|Accords?|Convention)\b|"
    r"(?:has\s+|have\s+)?(?:signed|signs|sign|joined|joins|join|ratified|ratifies)\s+(?:on\s+to\s+|onto\s+)?(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:#?Artemis\s*Accords|accords?|treaty|declaration|convention|charter)|"
    r"(?:became|becomes|become|becoming)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:signatory|signatories|party|parties)\s+(?:to|of)|"
    # "Representatives of A, B and C put their names to the document"
    r"(?:put|puts)\s+(?:their|its)\s+names?\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:document|accords?|treaty|declaration|"
    r"text|agreement|charter)|"
    # "the Kingdom of Saudi Arabia has officially put pen to paper on the #ArtemisAccords"
    r"(?:has\s+|have\s+)?(?:officially\s+|formally\s+)?(?:put|puts)\s+pen\s+to\s+paper\s+on\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:#?Artemis\s*Accords|accords?|treaty|declaration|convention|charter))",
    re.IGNORECASE,
)
# "Minister X signed for the Republic of Korea", "... on behalf of the Republic of Poland"
SIGNED_FOR = re.compile(r"\bsigned\s+(?:[^.;]{0,60}?\s)?(?:for|on\s+behalf\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
ORDINAL_MEMBER = re.compile(
    # "Sweden followed on Tuesday: Education Minister Mats Persson signed in Stockholm"
    r"\b((?:followed|follows)(?:\s+suit)?(?=\s+on\s+\w+day\b|\s+the\s+(?:next|following)\s+day\b|\s+a\s+day\s+later\b|\s*:|"
    # "Sweden followed Tue (Apr 16) in Stockholm" (a wire's abbreviated day)
    r"\s+(?:\w+day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?\s+\()|"
    r"(?:is|was)\s+(?:the\s+)?(?:\w+\s+)?signatory(?:\s+No)?\b|(?:becomes|became|becoming|(?:followed|follows|joined|joins)"
    r"(?:\s+suit)?\s+as|making\s+(?:it|(?-i:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)))\s+(?:the\s+)?(?:(?:number|No\.?)\s*\d+\b|\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|eleventh|twelfth|\w+teenth|\w+tieth|\w+-(?:first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth))\b)",
    re.IGNORECASE,
)
# "When NASA welcomed the Netherlands ... it called the country the 31st signatory": the welcomed sign.
WELCOMED = re.compile(r"\b(?:welcomed|welcomes|welcoming)\s+(?=(?:the\s+)?[A-Z])")
# In an item about an accord, "Romania signed on March 1" needs no object.
BARE_SIGNED = re.compile(r"(?<=[A-Za-z)])\s+((?:has\s+|have\s+)?(?:signed|joined|put\s+pen\s+to\s+paper)\b)"
                         r"(?=\s*(?:on\b|in\b|at\b|during\b|last\b|this\b|earlier\b|later\b|today\b|after\b|for\b|too\b|"
                         r"as\s+well\b|the\s+(?:text|document)\b|"
                         r"(?:\w+day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?\s+\(|"
                         r"alongside\b|[,.;:—–]|$))")
# "Mohamed Al Aseeri, CEO of the National Space Science Agency, signed after cabinet approval": a signer's title
# between commas (", signed on Monday," after a treaty's name is only a description of it)
TITLED_SIGNER = re.compile(r",\s+(?:the\s+)?(?:CEO|chief\s+executive|head|director(?:-general)?|minister|president|"
                           r"chair(?:man|woman)?|administrator|secretary|ambassador)\b[^,;]{0,80},\s+((?:has\s+)?signed\b)"
                           r"(?=\s*(?:on\b|in\b|at\b|after\b|for\b|alongside\b|[,.;]|$))", re.IGNORECASE)
INSTRUMENT_DOC = re.compile(r"\b(?:accords?|treaty|convention|declaration|charter|Artemis\s+signator(?:y|ies))\b|#\w*Accords",
                            re.IGNORECASE)
SIGNATORIES = re.compile(r"\b(?:(?:signatories|signers|member\s+(?:nations|countries|states))\s+(?:of|to)\s+the\s+(?:[\w-]+\s+){0,2}?(?:accords?|treaty|declaration|"
                         r"convention|charter)|signatories|signers|signatory\s+countries|(?:countries|nations|states)\s+(?:(?:that|which)\s+"
                         r"(?:signed|joined)|signing|joining)(?:\s+the\s+(?:[\w-]+\s+){0,2}?(?:accords?|treaty|declaration|"
                         r"convention|charter))?(?:\s+(?:on\s+)?(?:\w+day|today)|\s+in\s+\w+|"
                         # "... signing the accords during a virtual event on the margins of the 71st IAC were"
                         r"\s+(?:during|at|in|on)\s+(?:a|an|the)\s+[^,;:.]{1,100}?)?)"
                         r"\s+(?:are|were|include|included)\b", re.IGNORECASE)
SIGNED_COLON = re.compile(r"\b(?:accords?|treaty|declaration|convention|charter)\s+(?:signed|ratified|joined)(?:\s+by)?\s*:\s*",
                          re.IGNORECASE)
PLAN_ON_POLICY = re.compile(r"\b(?:plan|strategy|roadmap|vision|blueprint|white\s+paper|budget)\s+(?:on|for)\s+"
                            r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:space|national)\s+policy\b", re.IGNORECASE)
NOT_POLICY = re.compile(r"\b(?:purchase\s+orders?|contracts?|task\s+orders?|funding|grants?)\b", re.IGNORECASE)


def find(ctx: DocContext) -> list[EventCandidate]:
    found: list[EventCandidate] = []
    if "|" in (ctx.document.text or "") and _instrument_doc(ctx):
        found.extend(_signatory_table(ctx))
    for sentence in ctx.sentences:
        if "policy" not in sentence.families:
            continue
        for match in ENACT.finditer(sentence.text):
            found.extend(_enacted(ctx, sentence, match))
        for match in SIGN.finditer(sentence.text):
            found.extend(_signed(ctx, sentence, match))
        if _instrument_doc(ctx):
            found.extend(_signing_list(ctx, sentence))
            found.extend(_signed_for(ctx, sentence))
            for match in [*BARE_SIGNED.finditer(sentence.text), *TITLED_SIGNER.finditer(sentence.text)]:
                found.extend(_signed(ctx, sentence, match))
            for match in WELCOMED.finditer(sentence.text):
                if _not_news(ctx, sentence, match.start(), match.end()) or "sign" not in ctx.document.text.lower():
                    continue
                members = list_after_intro(sentence, match.end(), kinds=("jurisdiction",))
                if members and members[0].start - match.end() <= 2:
                    found.extend(candidate(ctx, sentence, "policy", "policy.welcomed", actors=[m],
                                           program=_instrument(ctx), confidence=0.65) for m in members)
            for match in ORDINAL_MEMBER.finditer(sentence.text):
                found.extend(_signed(ctx, sentence, match))
            found.extend(_cosigners(ctx, sentence))
        signed_colon = SIGNED_COLON.search(sentence.text)
        if signed_colon and not _not_news(ctx, sentence, signed_colon.start(), signed_colon.end()):
            # "ARTEMIS ACCORDS SIGNED: US, AUSTRALIA, CANADA, ... UK INK MOON-EXPLORATION PRINCIPLES"
            stop = re.search(r"\s[—–]\s|;|\.\s", sentence.text[signed_colon.end():])
            end = signed_colon.end() + (stop.start() if stop else len(sentence.text) - signed_colon.end())
            found.extend(candidate(ctx, sentence, "policy", "policy.signed_colon", actors=[m], program=_instrument(ctx),
                                   confidence=0.7) for m in _jurisdictions(ctx, sentence, signed_colon.end(), end))
        signatories = SIGNATORIES.search(sentence.text)
        if signatories and re.search(r"\bAmong\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", sentence.text[:signatories.start()], re.I):
            signatories = None  # "Among the European signatories are also France, Italy ...": members, not this news
        if signatories and not _not_news(ctx, sentence, signatories.start(), signatories.end()):
            members = _jurisdictions(ctx, sentence, signatories.end(), len(sentence.text)) or \
                _listed_lines(ctx, sentence)
            found.extend(candidate(ctx, sentence, "policy", "policy.signatories", actors=[m], program=_instrument(ctx),
                                   confidence=0.75) for m in members)
    return found


# "Panama's ambassador Jose Miguel Aleman Healy and Austria's ambassador Petra Schneebauer signed": each
# country by its representative
REPRESENTED_GAP = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,3}?(?:ambassador|minister|president|prime\s+minister|"
                             r"foreign\s+minister|secretary|envoy|representative|head|chief|director(?:-general)?|"
                             r"administrator)\s+(?:[A-Z][\w.'’-]*\s+){1,5}(?:,\s*)?(?:and|,)\s+", re.IGNORECASE)
FUTURE_VERB = re.compile(r"\b(?:will|shall|would|is\s+to|are\s+to|is\s+due\s+to|are\s+due\s+to)\s+(?:also\s+|formally\s+|"
                         r"officially\s+)?$", re.IGNORECASE)
ANNIVERSARY = re.compile(rf"\b(?:\w+|\d+)\s+(?:years?|months?|decades?)\s+(?:since|after)\b[^.;]*$|\b{YEARS_AGO_TODAY}|"
                         r"\banniversary\s+of\b[^.;]*$", re.IGNORECASE)
# "The text now passes to the Senate for final approval": a bill one chamber passed is not yet law
PENDING_CHAMBER = re.compile(r"\b(?:passes|moves|goes|heads|sent|go|move)\s+(?:on\s+)?to\s+the\s+(?:Senate|upper\s+house|lower\s+house|"
                             r"House|Chamber|Council|National\s+Assembly)\b|\bfor\s+(?:its\s+)?final\s+(?:approval|vote|passage)\b|"
                             r"\b(?:Senate|upper\s+house|other\s+chamber)\s+(?:still\s+)?(?:has\s+)?(?:yet\s+)?to\s+vote\b|"
                             r"\bstill\s+(?:needs|has)\s+to\s+(?:pass|clear|be\s+approved)|\buntil\s+the\s+(?:Senate|upper\s+house)\s+"
                             r"votes\b|\b(?:Senate|upper\s+house)\s+still\s+to\s+vote\b", re.IGNORECASE)


def _listed_lines(ctx: DocContext, sentence: Sentence) -> list[Mention]:
    """"The founding member nations that signed the Accords are:" and then one country per line."""
    if not sentence.text.rstrip().endswith(":"):
        return []
    members: list[Mention] = []
    for line in ctx.sentences[sentence.index + 1:]:
        if line.field != sentence.field:
            break
        countries = [m for m in line.mentions if m.kind == "jurisdiction"]
        rest = line.text
        for country in reversed(countries):
            rest = rest[:country.start] + rest[country.end:]
        if len(countries) != 1 or re.sub(r"[\W_]+|\b(?:the|and)\b", "", rest, flags=re.IGNORECASE):
            break  # the list ends at the first line that is not a lone country
        members.append(countries[0])
    return members


def _not_news(ctx: DocContext, sentence: Sentence, start: int, end: int) -> bool:
    if hedged(sentence, start) or FUTURE_VERB.search(sentence.text, max(0, start - 30), start):
        return True  # ("On Wednesday, Dec. 11, Panama and Austria will sign the Artemis Accords": a media advisory)
    if ANNIVERSARY.search(sentence.text, 0, start):
        return True  # "Monday marked five years since the United States, Australia, ... signed the Artemis Accords"
    clause_start, clause_end = clause_bounds(sentence, start)
    if BACKGROUND_CLAUSE.search(sentence.text[max(clause_start, start - 120):start]):
        return True
    fronted = FRONTED_TIME.match(sentence.text)
    if fronted and fronted.end() <= start and names_an_old_year(fronted.group(0), ctx.published):
        return True  # "In 2020, the United States and seven other nations signed the Artemis Accords"
    near = sentence.text[max(clause_start, start - 40):min(clause_end, end + 80)]
    return is_background(near, ctx.published)


def _jurisdiction_of(ctx: DocContext, mention: Mention) -> Mention | None:
    if mention.kind == "jurisdiction":
        return mention
    if mention.kind == "agency":
        country = ctx.gazetteer.jurisdiction_of(mention.org_id)
        if country is not None:
            return Mention(mention.start, mention.end, country.id, country.name, "jurisdiction", "agency")
    return None


def _jurisdictions(ctx: DocContext, sentence: Sentence, start: int, end: int) -> list[Mention]:
    found: dict[str, Mention] = {}
    for mention in sentence.mentions:
        if start <= mention.start and mention.end <= end:
            if re.match(r"^-(?:led|based|owned|made)", sentence.text[mention.end:mention.end + 8]):
                continue
            if re.search(r"\b(?:ambassador|envoy|embassy|consul\w*|mission)\s+(?:to|in)\s+(?:the\s+)?$",
                         sentence.text[max(0, mention.start - 30):mention.start], re.IGNORECASE):
                continue  # "India's ambassador to the United States signed": the host country does not sign
            country = _jurisdiction_of(ctx, mention) if mention.source != "discovered" else None
            if country is not None:
                found.setdefault(country.org_id, country)
    return list(found.values())


def _subject_country(ctx: DocContext, sentence: Sentence, pos: int) -> list[Mention]:
    clause_start, _ = clause_bounds(sentence, pos)
    countries = _jurisdictions(ctx, sentence, clause_start, pos)
    if countries:
        return countries[-1:]
    countries = _jurisdictions(ctx, sentence, 0, clause_start) if 0 < clause_start <= 40 else []
    if countries:
        return countries[-1:]  # ("• JAPAN — The Cabinet Office granted ispace a licence": the item's head)
    for lead in ctx.lead_sentences(2):
        countries = _jurisdictions(ctx, lead, 0, len(lead.text))
        if countries:
            return countries[:1]
    # "President Trump signed Executive Order ...", "The Union Cabinet has approved ...": the
    # government is not named as a country up front; the country the item's agencies and
    # demonyms belong to most often is the one that acted.
    if "item_country" not in ctx.memo:  # the same for every match in the item: counted once
        counts: dict[str, tuple[int, Mention]] = {}
        for other in ctx.body:
            for country in _jurisdictions(ctx, other, 0, len(other.text)):
                seen = counts.get(country.org_id)
                counts[country.org_id] = ((seen[0] if seen else 0) + 1, country)
        ctx.memo["item_country"] = [max(counts.values(), key=lambda item: item[0])[1]] if counts else []
    return ctx.memo["item_country"]


def _instrument(ctx: DocContext) -> str | None:
    for sentence in ctx.lead_sentences(2):
        if sentence.programs:
            return sentence.programs[0]
    return None


# In an item about an accord: "The Accords were signed Oct. 13 by the agency directors or equivalent
# officials of Australia, Canada, ... and the United States": the countries listed after "by".
SIGNED_BY = re.compile(r"\b(?:were|was|have\s+been|has\s+been)\s+signed\b[^;]{0,60}?\bby\b", re.IGNORECASE)


JOINED_IN_SIGNING = re.compile(r"\bjoined\s+(?:the\s+)?(?P<country>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})\s+"
                               r"(?:[\w.,]+\s+){0,3}?in\s+signing\b")


def _signing_list(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    joined = JOINED_IN_SIGNING.search(sentence.text)
    if joined and not _not_news(ctx, sentence, joined.start(), joined.end()):
        # "Seven countries joined the United States on Tuesday in signing the Artemis Accords"
        host = [m for m in _jurisdictions(ctx, sentence, joined.start("country"), joined.end("country"))
                if m.source != "agency"][:1]
        return [candidate(ctx, sentence, "policy", "policy.signed_by", actors=host, program=_instrument(ctx),
                          confidence=0.7)] if host else []
    signing = SIGNED_BY.search(sentence.text)
    if not signing or _not_news(ctx, sentence, signing.start(), signing.end()):
        return []
    first = next((m for m in sentence.mentions if signing.end() <= m.start <= signing.end() + 120 and
                  m.kind == "jurisdiction"), None)
    if first is None:
        return []
    countries = [m for m in list_after_intro(sentence, first.start, kinds=("jurisdiction",))]
    return [candidate(ctx, sentence, "policy", "policy.signed_by", actors=[c], program=_instrument(ctx),
                      confidence=0.7) for c in countries]


def _instrument_doc(ctx: DocContext) -> bool:
    """Is the item about a treaty or accords (so "signed for X" and "becomes the tenth" are signings)?"""
    if "instrument_doc" not in ctx.memo:  # asked for every sentence: answered once per item
        # (a newsletter's masthead line and its first item's head come before the item's words)
        ctx.memo["instrument_doc"] = any(INSTRUMENT_DOC.search(s.text) for s in ctx.lead_sentences(3))
    return ctx.memo["instrument_doc"]


# "X signed on behalf of the United States, joining counterparts representing Australia, Canada ...":
# the countries the other signers stood for.
COSIGNERS = re.compile(r"\bsigned\b[^.;]{0,120}?\b(?:joining|joined|alongside|along\s+with|together\s+with)\s+"
                       r"(?:(?:his|her|their|the)\s+)?(?:counterparts|representatives|officials|ministers|leaders|envoys)\s+"
                       r"(?:representing|from|of)\s+(?:the\s+)?", re.IGNORECASE)


def _cosigners(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    match = COSIGNERS.search(sentence.text)
    if not match or _not_news(ctx, sentence, match.start(), match.end()):
        return []
    members = list_after_intro(sentence, match.end(), kinds=("jurisdiction",))
    if not members or members[0].start - match.end() > 2:
        return []
    return [candidate(ctx, sentence, "policy", "policy.cosigners", actors=[m], program=_instrument(ctx), confidence=0.7)
            for m in members]


def _signed_for(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for mention in sentence.mentions:
        if mention.kind != "jurisdiction" or not SIGNED_FOR.search(sentence.text[max(0, mention.start - 90):mention.start]):
            continue
        start = sentence.text.rfind("signed", 0, mention.start)
        if _not_news(ctx, sentence, start, mention.end):
            continue
        out.append(candidate(ctx, sentence, "policy", "policy.signed_for", actors=[mention], program=_instrument(ctx),
                             confidence=0.7))
    return out


def _enacted(ctx: DocContext, sentence: Sentence, match: re.Match) -> list[EventCandidate]:
    pos = match.start(1)
    if NOT_POLICY.search(match.group(1)) or _not_news(ctx, sentence, pos, match.end()):
        return []
    if re.match(r"(?:issued|issues|granted|grants)\s+(?:under|pursuant\s+to|in\s+accordance\s+with)\b", match.group(1), re.I) \
            and not re.search(r"\b(?:was|were|is|are|been)\s+$", sentence.text[:pos]):
        return []  # "the second licence issued under the 2021 law": the law is old; the licence is told elsewhere
    if PLAN_ON_POLICY.search(match.group(1)):
        return []  # "the Cabinet approved a revised Basic Plan on Space Policy that aims to double ...": a plan's targets
    if re.search(r"\b(?:bill|draft|proposal|proposed)\b", match.group(1), re.I) and not re.search(
            r"\b(?:passed|passes|approved|approves|enacted|enacts|signed|adopted|voted)\b", match.group(1), re.I):
        return []
    if re.search(r"\b(?:bills?|legislation|measure|act)\b", match.group(1), re.I) and re.search(
            r"\b(?:House(?!\s+of\s+Councillors)|Senate|lower\s+house|upper\s+house)\b",
            sentence.text[:pos + len(match.group(1))]) and \
            not re.search(r"\b(?:signed|enacted|law)\b", sentence.text, re.I):
        return []  # "House passes commercial space bill ...; Senate action still needed": one chamber is no law
    if re.search(r"\b(?:bills?|text|measure|legislation)\b", match.group(1), re.I) and \
            PENDING_CHAMBER.search(" ".join(s.text for s in ctx.sentences)):
        return []  # "The Chamber of Deputies approved the government's bill ... now passes to the Senate"
    if re.search(r"\b(?:draft|proposed)\b", match.group(1), re.I) and not re.search(
            r"\b(?:passed|passes|enacted|enacts|signed|voted)\b", match.group(1), re.I):
        return []  # "the Government Council approved the draft law and will submit it to the Chamber": not yet law
    clause_start, _ = clause_bounds(sentence, pos)
    if re.search(r"\b(?:until|unless|once|if|before)\s+(?:[\w'’]+\s+){0,4}$", sentence.text[max(clause_start, pos - 40):pos],
                 re.IGNORECASE):
        return []  # "nothing changes until it passes a bill": a condition, not a passage
    subject_text = sentence.text[max(clause_start, pos - 40):pos]
    if re.search(r"\b(?:memorand(?:um|a)|MoU|cooperation\s+agreement|partnership|contract|arrangement)\b", subject_text, re.I) \
            and re.match(r"(?:entered|enters|entering|came|comes|come|tak|took)", match.group(1), re.I):
        return []  # "The Memorandum enters into effect immediately": a partnership's term, not a law
    if re.search(r"\b(?:compan(?:y|ies)|firms?|operators?|start-?ups?|investors?)\b", subject_text, re.I) or any(
            m.kind in ("company", "investor", "university") and m.source != "discovered"
            and max(clause_start, pos - 40) <= m.start < pos for m in sentence.mentions):
        return []  # companies adopt frameworks; governments enact laws
    if INDEFINITE_LAWMAKER.search(subject_text):
        return []  # "The commercial signal comes later, when a parliament passes a licensing law": any, not one
    if COUNTED_COUNTRIES.search(subject_text):
        return []  # "only four countries have enacted it: the United States (2015), Luxembourg (2017), ...": a tally
    countries = _subject_country(ctx, sentence, pos)
    return [candidate(ctx, sentence, "policy", "policy.enact", actors=[c], program=_instrument(ctx), confidence=0.7)
            for c in countries]


INDEFINITE_LAWMAKER = re.compile(r"\b(?:a|an|any|another|the\s+next)\s+(?:[\w-]+\s+)?(?:parliament|government|country|nation|"
                                 r"state|legislature|regulator|congress|assembly|lawmakers?)\s+$", re.IGNORECASE)
COUNTED_COUNTRIES = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+handful\s+of|several|few)\s+"
                               r"(?:other\s+)?(?:countries|nations|states|governments)\s+(?:have|had)\s+(?:so\s+far\s+|now\s+)?$",
                               re.IGNORECASE)
SIGNATORY_COLUMNS = {"signatory": ("signatory", "signatories", "country", "nation", "signer"), "date": ("date", "signed")}


def _signatory_table(ctx: DocContext) -> list[EventCandidate]:
    """An accords item's table of signings ("| Dec. 11 | Panama | NASA Headquarters | 49 |" under "| Date |
    Signatory | ..."): each row's country signed, unless its date is well before the item."""
    out = []
    for sentence, spans, columns in table_rows(ctx, SIGNATORY_COLUMNS, ("signatory",)):
        start, end = spans[columns["signatory"]]
        country = next((m for m in sentence.mentions if start <= m.start < end and m.kind == "jurisdiction"), None)
        if country is None:
            continue
        if row_dated_before(ctx, sentence.text, spans, columns):
            continue
        out.append(candidate(ctx, sentence, "policy", "policy.table", actors=[country], program=_instrument(ctx),
                             confidence=0.7))
    return out


DASHED_LIST = re.compile(r"\s[—–-]\s([^—–]{3,300}?)\s[—–-]\s+(?:(?:has|have|formally|also|all|jointly)\s+)*$")


AT_PLACE = re.compile(r"\b(?:[Aa]t|[Ii]n)\s+(?:the\s+)?$")


def _signed(ctx: DocContext, sentence: Sentence, match: re.Match) -> list[EventCandidate]:
    pos = match.start(1)
    if _not_news(ctx, sentence, pos, match.end()):
        return []
    clause_start, _ = clause_bounds(sentence, pos)
    # ("Today at NASA Headquarters in Washington, Minister ... signed the Accords for Armenia": where, not who)
    countries = [c for c in _jurisdictions(ctx, sentence, clause_start, pos)
                 if not AT_PLACE.search(sentence.text, max(0, c.start - 12), c.start)]
    if match.group(1).lower().startswith("making"):
        # "... alongside Administrator Bill Nelson, making Switzerland the 37th signatory": the one made a member
        countries = _jurisdictions(ctx, sentence, pos, match.end()) or countries
    dashed = DASHED_LIST.search(sentence.text, 0, pos)
    if not countries and dashed:
        # "Representatives of eight countries — Australia, Canada, ... and the United States — signed"
        countries = _jurisdictions(ctx, sentence, dashed.start(1), dashed.end(1))
    named = [c for c in countries if c.source != "agency"]
    countries = named or countries  # "Panama and Austria signed ... at NASA headquarters": the countries sign
    if not countries and _instrument_doc(ctx):
        # "Greece (No. 35). Foreign Minister X signed the Artemis Accords ...": the country heads the item
        header = ctx.previous(sentence)
        if header is not None and len(header.text.split()) <= 6:
            heads = _jurisdictions(ctx, header, 0, len(header.text))
            if len(heads) == 1:
                countries = heads
    if not countries:
        # "... signed the #ArtemisAccords on behalf of the Republic of Poland"
        after = re.match(r"^[^.;]{0,40}?\b(?:on\s+behalf\s+of|for)\s+(?:the\s+)?", sentence.text[match.end():], re.I)
        if after:
            at = match.end() + after.end()
            countries = [m for m in _jurisdictions(ctx, sentence, at, at + 60) if m.start - at <= 2][:1]
        if not countries:
            return []
        return [candidate(ctx, sentence, "policy", "policy.sign", actors=countries, program=_instrument(ctx),
                          confidence=0.7)]
    signers = [countries[-1]]
    for previous in reversed(countries[:-1]):
        # "Nigeria and Rwanda on Tuesday signed": every country listed as the subject signs.
        gap = sentence.text[previous.end:signers[0].start]
        if not (LIST_GAP.match(gap) or REPRESENTED_GAP.fullmatch(gap)):
            break
        signers.insert(0, previous)
    return [candidate(ctx, sentence, "policy", "policy.sign", actors=[c], program=_instrument(ctx), confidence=0.75)
            for c in signers]
