"""acquisition: one organisation buys another. Actor = the acquirer, counterparty = the target.

Shapes: "X has acquired Y" / "X buys Y" / "X agreed to acquire Y" / "X signed a definitive
agreement to acquire Y" / "X completed its acquisition of Y" (``acquisition.active``), and
"Y has been acquired by X" (``acquisition.passive``), "the court approved the sale of Y's assets
to X" (``acquisition.sale``). Buying all of a company's assets (out of bankruptcy, typically) is
buying the company; buying some assets, a stake or shares is not. Talks, plans and rumours are
not events.
"""

from __future__ import annotations

import re

from nlp import prefilter
from nlp.context import DocContext, Mention, Sentence
from nlp.money import MoneyMention
from nlp.rules.build import candidate
from nlp.rules.common import (
    Found,
    AGREED_WHEN,
    PER_UNIT,
    amount_following,
    clause_bounds,
    amount_near,
    background,
    hedged,
    objects_after,
    subject_before,
    used_as_noun,
)
from spacemine.records import EventCandidate

ACTIVE = re.compile(
    r"\b((?:has\s+|have\s+|had\s+)?(?:acquired|acquires|buys|bought|purchased|purchases|snapped\s+up|snaps\s+up|"
    # "Astrobotic picking up substantially all of Masten's assets" (only with "all of" after it; see _active)
    r"(?:picked|picks|picking)\s+up(?=\s+(?:substantially\s+)?all\s+of\b|\s+(?:the\s+)?(?:bankrupt|insolvent|defunct)\s)|"
    # "Astrobotic scoops up bankrupt lander rival Masten"
    r"(?:scoops|scooped|scooping)\s+up|"
    r"(?:is|are)\s+(?:buying|acquiring|snapping\s+up|scooping\s+up)|swallow(?:s|ed)|"
    r"(?:agreed|agrees)" + AGREED_WHEN + r"\s+to\s+(?:acquire|buy|purchase)|"
    # "L3Harris strikes $4.7 billion deal for Aerojet Rocketdyne" (a priced deal "for" a company), "struck a deal
    # to buy"; "strikes deal for SpaceX to fly a mission" is a service
    r"(?:strikes|struck|inks|inked|clinches|clinched)\s+(?:a|an)?\s*[$€£¥][\d.,]+\s*(?:[\w-]+\s+){0,2}?(?:deal|agreement)\s+"
    r"for|(?:strikes|struck|inks|inked|clinches|clinched)\s+(?:a|an)?\s*(?:[\w$€£.,-]+\s+){0,3}?(?:deal|agreement)\s+"
    r"to\s+(?:buy|acquire)|"
    r"(?:signed|signs|entered\s+into)\s+(?:a|an)?\s*(?:[\w-]+\s+){0,3}?(?:agreement|deal)\s+"
    r"(?:with\s+(?:[\w.,&'’-]+\s+){1,5}?)?"  # "a share purchase agreement with QinetiQ Group plc to acquire"
    r"(?:\([^)]{0,40}\)\s+)?"  # 'a definitive agreement (the "Purchase Agreement") to acquire
    r"(?:on\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:\d{4}\s+)?)?to\s+(?:acquire|buy|purchase)|"
    r"(?:completed|completes|closed|closes|finalized|finalised)\s+(?:its|the)\s+(?:previously\s+announced\s+)?"
    r"(?:acquisition|purchase)\s+of|to\s+acquire|to\s+buy|will\s+acquire|will\s+buy|"
    r"(?:has\s+|have\s+)?(?:taken|takes|took)\s+over(?:\s+(?:substantially\s+)?(?:all\s+)?(?:of\s+)?the\s+assets\s+of)?|"
    # "SES has completed the takeover of Intelsat", "Eutelsat completed its all-share combination with OneWeb"
    r"(?:completed|completes|closed|closes|finalized|finalised)\s+(?:its|the)\s+(?:previously\s+announced\s+)?"
    r"(?:takeover\s+of|(?:all-(?:share|stock|cash)\s+)?(?:combination|merger)\s+with)|"
    # "Eutelsat announces the completion of its all-share combination with OneWeb"
    r"(?:announced|announces|announce|confirmed|confirms)\s+the\s+(?:completion|closing)\s+of\s+(?:its|the)\s+"
    r"(?:previously\s+announced\s+)?(?:acquisition\s+of|purchase\s+of|takeover\s+of|"
    r"(?:all-(?:share|stock|cash)\s+)?(?:combination|merger)\s+with)))\b",
    re.IGNORECASE,
)
PASSIVE = re.compile(r"\b((?:has|have|had)\s+been|was|were|is\s+being|is|will\s+be|(?:agreed|agrees|agreement)\s+to\s+be|"
                     r"to\s+be)\s+(?:acquired|bought|purchased|taken\s+over)\s+by\b", re.IGNORECASE)
# "takes a majority stake in": control changes hands, which is an acquisition, not a round.
CONTROL = re.compile(r"\b((?:takes?|took|taking|acquires?|acquired|buys?|bought|purchased?)\s+(?:a\s+)?"
                     r"(?:majority|controlling|\d{2,3}(?:\.\d+)?\s*(?:%|percent|per\s+cent))\s+(?:(?:stake|interest|share)\s+in|"
                     # "signed an agreement to acquire 77 per cent of the shares in NanoAvionics"
                     r"of\s+(?:the\s+)?(?:issued\s+|outstanding\s+)?(?:shares|stock|share\s+capital|equity)\s+(?:in|of)))\b",
                     re.IGNORECASE)
NOT_A_COMPANY = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:assets?|stakes?|shares|stock|interest|equity|portfolio|operations|"
                           r"management|responsibilit\w*|duties|role|production|control|"
                           r"rights|licen[cs]es?|patents?|data|satellites?|spacecraft)\b"
                           r"(?!(?:\s+(?!(?:from|of|for|to|with|by)\b)[\w-]+){0,3}?\s+(?:maker|manufacturer|builder|operator|"
                           r"company|firm|developer|"
                           r"provider|start-?up|specialist|business)\b)|"
                           r"^\s*(?:[\w'’-]+\s+){0,2}?(?:signals?|lock|telemetry|images?|photos?|targets?|samples?)\b",
                           re.IGNORECASE)
# What is bought from the company named before it: its flights or launches, not the company.
SERVICES_AFTER = re.compile(r"\s+(?:flights?|seats?|launch(?:es)?|rides?|tickets?|services|capacity|slots?)\b",
                            re.IGNORECASE)
# "agreed to acquire 100% of the issued and outstanding membership interests of Lanteris"
ALL_OF = re.compile(r"^\s*(?:(?:substantially\s+)?all\s+(?:of\s+)?the\s+(?:\w+\s+)?assets|the\s+assets|"
                    r"(?:100\s*%|100\s+percent|all)\s+(?:of\s+)?(?:the\s+)?(?:issued\s+and\s+outstanding\s+|issued\s+|"
                    r"outstanding\s+)?"
                    r"(?:membership\s+interests|shares(?:\s+of\s+(?:common|capital|preferred)\s+stock)?|equity|stock|"
                    r"capital\s+stock|equity\s+interests)|"
                    r"(?:the\s+)?parent(?:\s+holding)?\s+company)\s+(?:of|in)\s+",
                    re.IGNORECASE)
# "substantially all of Masten Space Systems' assets": everything the company owns, named by its owner.
# "bankrupt Masten's assets" too: a bankrupt company's assets are what is left of it.
ALL_OF_OWNER = re.compile(r"^\s*(?:(?:substantially\s+)?all\s+(?:of\s+)?|(?:the\s+)?(?:bankrupt|insolvent|defunct)\s+)"
                          r"(?=(?:[A-Z][\w.&-]*\s+){0,4}?[A-Z][\w.&-]*['’]s?\s+(?:\w+\s+)?assets\b)")
DEAL_AFTER = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:deal|contract|order|award|agreement|partnership)s?\b", re.IGNORECASE)
BULLET_OR_DEFINED = re.compile(r"(?:^\s*(?:[-•*–—▪]|\d+[.)])\s*$)|(?:\b(?:Purchaser|Buyer|Acquirer|the\s+Company)\s*$)|"
                               r"(?:^\s*(?:[-•*–—▪]|\d+[.)])?\s*(?:Signed|Entered|Agreed|Completed|Closed)\b)")
TO_ACQUIRE_OK = re.compile(r"\b(?:(?:agreed|agrees|agreement|deal)" + AGREED_WHEN + r"|(?:agreement|deal)\s+(?:for|under\s+which)\s+"
                           r"(?:[\w.&'’-]+\s+){1,4}?)\s*to\s+(?:acquire|buy)$", re.IGNORECASE)


# "the Company will survive as a wholly owned subsidiary of L3Harris": a merger that is a takeover
SUBSIDIARY_OF = re.compile(r"\b((?:will\s+)?(?:become|becomes|became|survive\s+as|survives\s+as|surviving\s+as|operate\s+as)\s+"
                           r"(?:a\s+)?wholly[- ]owned\s+subsidiary\s+of)\s+", re.IGNORECASE)


def find(ctx: DocContext) -> list[EventCandidate]:
    found: list[EventCandidate] = []
    for sentence in ctx.sentences:
        if "acquisition" not in sentence.families:
            continue
        found.extend(_active(ctx, sentence))
        found.extend(_passive(ctx, sentence))
        found.extend(_control(ctx, sentence))
        found.extend(_subsidiary(ctx, sentence))
        found.extend(_auction(ctx, sentence))
        found.extend(_sale_to(ctx, sentence))
        if any(m.possessive for m in sentence.mentions):
            found.extend(_approved_bid(ctx, sentence))
        if " sold " in sentence.text:
            found.extend(_sold_passive(ctx, sentence))
    return found


# "approved the sale of substantially all of Masten Space Systems' assets to Astrobotic for $4.5 million":
# a company (or all it owns) sold to a named buyer.
SALE_OF = re.compile(r"\b((?:approved|approves|cleared|clears|signed\s+off\s+on|closed|closes|completed|completes|"
                     r"finali[sz]ed)\s+the\s+(?:\$?[\d.,]+\s*(?:[mbk]|million|billion)?\s+)?sale\s+of)\s+"
                     r"(?:substantially\s+)?(?:all\s+(?:of\s+)?)?(?:the\s+(?:\w+\s+)?assets\s+of\s+)?", re.IGNORECASE)
SALE_TO = re.compile(r"(?:['’]s?\s+(?:\w+\s+)?assets)?\s+to\s+", re.IGNORECASE)


# "Maxar ... agreed to sell its Canadian space-robotics business MDA to a consortium of investors led by
# Northern Private Capital": the seller is the subject; the buyer follows "to".
SELLS = re.compile(r"\b((?:agreed|agrees|has\s+agreed)\s+to\s+sell|(?:has\s+|have\s+)?sold|sells|will\s+sell)\s+"
                   r"(?:(?:its|their|the)\s+(?:[\w-]+\s+){0,4}?(?:business|unit|division|subsidiary|arm)\s+)?",
                   re.IGNORECASE)
BUYER_GROUP = re.compile(r"\s*(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:consortium|group|team)\s+(?:of\s+(?:[\w-]+\s+){0,2}?"
                         r"investors\s+)?led\s+by\s+", re.IGNORECASE)


def _sale_to(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for match in SELLS.finditer(sentence.text):
        if hedged(sentence, match.start(1)) or background(ctx, sentence, match.start(1), match.end()):
            continue
        target = next((Found(m) for m in sentence.mentions if match.end() <= m.start <= match.end() + 3 and
                       m.kind == "company" and m.org_shaped or (m.start == match.end() and m.kind == "company")), None)
        to = SALE_TO.match(sentence.text, target.mention.end) if target else None
        if to is None:
            continue
        group = BUYER_GROUP.match(sentence.text, to.end())
        buyers = objects_after(ctx, sentence, group.end() if group else to.end(), kinds=("company", "investor"),
                               strong=True, max_gap=3 if group else 40)
        buyers = [_described(sentence, buyers[0])] if buyers else []
        if not buyers or buyers[0].mention.org_id == target.mention.org_id:
            continue
        out.append(candidate(ctx, sentence, "acquisition", "acquisition.sold_to", actors=[buyers[0].mention],
                             counterparties=[target.mention], money=amount_near(sentence, to.end()), amount_kind="price",
                             confidence=0.7))
    for match in SALE_OF.finditer(sentence.text):
        pos = match.start(1)
        if hedged(sentence, pos) or background(ctx, sentence, pos, match.end()):
            continue
        # the company written right after "sale of" (its possessive is the seller's assets, not an owner)
        targets = [Found(m) for m in sentence.mentions if match.end() <= m.start <= match.end() + 3 and
                   m.kind == "company" and m.org_shaped]
        if not targets:
            continue
        to = SALE_TO.match(sentence.text, targets[0].mention.end)
        buyers = objects_after(ctx, sentence, to.end(), kinds=("company", "investor"), strong=True, max_gap=60) if to else []
        buyers = [_described(sentence, buyers[0])] if buyers else []
        if not buyers or buyers[0].mention.org_id == targets[0].mention.org_id:
            continue
        money = amount_near(sentence, match.end())
        out.append(candidate(ctx, sentence, "acquisition", "acquisition.sale", actors=[buyers[0].mention],
                             counterparties=[targets[0].mention], money=money, amount_kind="price", confidence=0.75))
    return out


# "the court approved Astrobotic Technology's $4.5 million bid for substantially all of the assets of
# Masten Space Systems", "Court OKs Astrobotic's $4.5M takeover of bankrupt Masten's assets": an
# approved bid for all a company owns is its purchase.
APPROVED_BID = re.compile(r"\b(?:approved|approves|approve|OKs|OKed|okays|okayed|cleared|clears|blessed|blesses|"
                          r"signed\s+off\s+on)\s+(?:the\s+)?$", re.IGNORECASE)
BID_FOR_ALL = re.compile(r"['’]s?\s+(?:[$€£][\d.,]+\s*(?:[MBK]|million|billion)?\s+|(?:winning|stalking[- ]horse)\s+)*"
                         r"(?:bid|offer|takeover|purchase|acquisition)\s+(?:for|of)\s+(?:(?:(?:substantially\s+)?all\s+(?:of\s+)?)?"
                         r"the\s+(?:\w+\s+)?assets\s+of\s+|(?:the\s+)?(?:bankrupt|insolvent|defunct)\s+(?=[A-Z]))",
                         re.IGNORECASE)


# "The space company QinetiQ Space from Kruibeke is sold to the American group Redwire for 32 million euro"
SOLD_PASSIVE = re.compile(r"\b((?:is|was|has\s+been|have\s+been|will\s+be|are|were)\s+(?:being\s+)?sold)\s+to\s+"
                          r"(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?", re.IGNORECASE)


def _sold_passive(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for match in SOLD_PASSIVE.finditer(sentence.text):
        pos = match.start(1)
        if hedged(sentence, pos) or background(ctx, sentence, pos, match.end()):
            continue
        target = subject_before(ctx, sentence, pos, kinds=("company",), strong=True)
        # the buyer right after "sold to (the American group)": a known name, or one shaped like a company
        buyer = next((m for m in sentence.mentions if match.end(1) < m.start <= match.end() + 40 and
                      m.kind in ("company", "investor") and (m.source == "gazetteer" or m.org_shaped) and
                      re.fullmatch(r"[\w\s-]*", sentence.text[match.end():m.start])), None)
        if target is None or buyer is None or buyer.org_id == target.mention.org_id:
            continue
        out.append(candidate(ctx, sentence, "acquisition", "acquisition.sold_passive", actors=[buyer],
                             counterparties=[target.mention], money=amount_near(sentence, match.end()),
                             amount_kind="price", confidence=0.7))
    return out


def _approved_bid(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for buyer in sentence.mentions:
        if not buyer.possessive or buyer.kind not in ("company", "investor") or \
                not APPROVED_BID.search(sentence.text, max(0, buyer.start - 40), buyer.start):
            continue
        bid = BID_FOR_ALL.match(sentence.text, buyer.end)
        if bid is None or hedged(sentence, buyer.start) or background(ctx, sentence, buyer.start, bid.end()):
            continue
        target = next((m for m in sentence.mentions if bid.end() <= m.start <= bid.end() + 3 and m.kind == "company"), None)
        if target is None or target.org_id == buyer.org_id:
            continue
        out.append(candidate(ctx, sentence, "acquisition", "acquisition.approved_bid", actors=[buyer],
                             counterparties=[target], money=amount_near(sentence, buyer.end), amount_kind="price",
                             confidence=0.7))
    return out


# "Astrobotic wins Masten auction", "has won the bankruptcy auction for satellite broadband operator OneWeb"
# "... have emerged as the winning bidders for satellite broadband operator OneWeb", "was named the successful bidder for"
AUCTION_WON = re.compile(r"\b((?:has\s+|have\s+)?(?:won|wins|win)|(?:has\s+|have\s+)?(?:emerged|emerges)\s+as|"
                         r"(?:was|were|has\s+been|have\s+been)\s+(?:named|declared|selected\s+as)(?:\s+as)?)\s+"
                         r"(?:the\s+|a\s+)?(?:(?:[\w-]+\s+){0,2}?auction\s+"
                         r"(?:for|of)\s+(?:the\s+)?(?:(?:assets\s+of|bankrupt|insolvent)\s+)?|(?=(?-i:[A-Z])[\w-]*\s+auction\b)|"
                         r"(?:successful|winning)\s+(?:bidders?|buyers?)\s+(?:for|of)\s+(?:the\s+)?"
                         r"(?:(?:assets\s+of|bankrupt|insolvent)\s+)?)",
                         re.IGNORECASE)


def _auction(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    """Winning a bankruptcy auction for a company is buying it."""
    match = AUCTION_WON.search(sentence.text)
    if not match or hedged(sentence, match.start(1)) or background(ctx, sentence, match.start(1), match.end()):
        return []
    targets = objects_after(ctx, sentence, match.end(), kinds=("company",), max_gap=25) or \
        [t for t in objects_after(ctx, sentence, match.end(), kinds=("company",), max_gap=60)
         if ROLE_NOUN.match(sentence.text[match.end() - 1:t.mention.start])][:1]  # "for satellite broadband operator OneWeb"
    buyers = subject_before(ctx, sentence, match.start(1), kinds=("company", "investor", "jurisdiction"), strong=True)
    if not targets or buyers is None or buyers.mention.org_id == targets[0].mention.org_id:
        return []
    return [candidate(ctx, sentence, "acquisition", "acquisition.auction", actors=[buyers.mention],
                      counterparties=[targets[0].mention], money=amount_near(sentence, match.end()), amount_kind="price",
                      confidence=0.7)]


# A filing's defined term for a party: 'Lockheed Martin Corporation ("Parent")' ... "a wholly owned subsidiary of Parent".
DEFINED_TERM_AT = re.compile(r"(?:the\s+)?([A-Z][A-Za-z]+)\b")
DEFINES = re.compile(r"\s*\(\s*(?:the\s+)?[\"“]([A-Z][A-Za-z ]{1,30})[\"”]\s*\)")


def _defined_term(ctx: DocContext, term: str) -> Mention | None:
    """The organisation a filing names right before defining ``term`` ('X Corporation ("Parent")')."""
    for sentence in ctx.sentences:
        if term not in sentence.text:
            continue
        for mention in sentence.mentions:
            defined = DEFINES.match(sentence.text, mention.end)
            if defined and defined.group(1) == term and mention.kind in ("company", "investor"):
                return mention
    return None


BLANK_CHECK_DEAL = re.compile(r"\b(?:business\s+combination|blank[- ]check|special[- ]purpose\s+acquisition|SPAC)\b",
                              re.IGNORECASE)


def _total_following(ctx: DocContext, sentence: Sentence, pos: int) -> MoneyMention | None:
    """The deal's total from the next sentences, unless the sentence prices the deal per share ("will
    acquire all outstanding shares for $53.00 per share"): then the amounts after it are other things
    (the equity contributions financing it), and the total, if any, is told elsewhere."""
    if any(m.start >= pos and PER_UNIT.match(sentence.text[m.end:m.end + 20]) for m in sentence.money):
        return None
    return amount_following(ctx, sentence)


def _subsidiary(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    match = SUBSIDIARY_OF.search(sentence.text)
    if not match or hedged(sentence, match.start(1)) or background(ctx, sentence, match.start(1), match.end()):
        return []
    if ctx.mentions_any("combination", "blank", "special", "spac") and BLANK_CHECK_DEAL.search(ctx.document.text or ""):
        return []  # a company surviving as the blank-check company's subsidiary is listed, not bought
    acquirers = objects_after(ctx, sentence, match.end(), kinds=("company", "investor"), strong=True, max_gap=5)
    if not acquirers:
        term = DEFINED_TERM_AT.match(sentence.text, match.end())
        defined = _defined_term(ctx, term.group(1)) if term else None
        acquirers = [Found(defined, "pronoun")] if defined is not None else []
    target = subject_before(ctx, sentence, match.start(1), kinds=("company",), strong=True)
    if target is None or re.search(r"\bthe\s+Company\s*$", sentence.text[:match.start(1)].rstrip() + " ", re.I):
        main = ctx.main_org(("company",))
        target = Found(main, "pronoun") if main is not None else target
    if not acquirers or target is None or target.mention.org_id == acquirers[0].mention.org_id:
        return []
    return [candidate(ctx, sentence, "acquisition", "acquisition.subsidiary", actors=[acquirers[0].mention],
                      counterparties=[target.mention], money=amount_following(ctx, sentence), amount_kind="price",
                      confidence=0.7)]


def _control(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for match in CONTROL.finditer(sentence.text):
        pos = match.start(1)
        if hedged(sentence, pos) or background(ctx, sentence, pos, match.end()):
            continue
        percent = re.search(r"(\d{2,3}(?:\.\d+)?)\s*(?:%|percent|per\s+cent)", match.group(1))
        if percent and float(percent.group(1)) <= 50:
            continue  # a minority stake is an investment
        targets = objects_after(ctx, sentence, match.end(), kinds=("company",), strong=True, max_gap=40)
        buyer = subject_before(ctx, sentence, pos, kinds=("company", "investor"), strong=True)
        if not targets or buyer is None or buyer.mention.org_id == targets[0].mention.org_id:
            continue
        out.append(candidate(ctx, sentence, "acquisition", "acquisition.control", actors=[buyer.mention],
                             counterparties=[targets[0].mention], money=amount_near(sentence, match.end()),
                             amount_kind="price", confidence=0.75))
    return out


ROLE_NOUN = re.compile(r"^\s+(?:[\w-]+\s+){0,4}?(?:supplier|maker|developer|manufacturer|provider|builder|start-?up|"
                       r"specialist|operator|firm|company|subcontractor|partner)\s+$", re.IGNORECASE)


def _described(sentence: Sentence, target: Found) -> Found:
    """"buys Dream Chaser supplier Orbitec": the name before a role noun describes the target
    that follows it; the company bought is the one after."""
    for mention in sentence.mentions:
        if target.mention.end < mention.start <= target.mention.end + 60 and mention.kind == "company" and \
                ROLE_NOUN.match(sentence.text[target.mention.end:mention.start]):
            return Found(mention, target.how)
    return target


TAKE_OVER = re.compile(r"(?:has\s+|have\s+)?(?:taken|takes|took)\s+over", re.IGNORECASE)


def _headline_deal(sentence: Sentence, pos: int) -> bool:
    """"Intuitive Machines to buy Lanteris for $800 million": in a headline, "X to buy Y" reports
    an agreed deal (the plan forms, "plans to buy", are hedged elsewhere)."""
    bullet = re.match(r"^\s*(?:[-•*–—▪▶]|\d+[.)])\s", sentence.text)  # "• Blue Origin to buy Honeybee Robotics"
    subject = next((m for m in sentence.mentions if m.end <= pos and re.fullmatch(r"\s*", sentence.text[m.end:pos])
                    and m.kind in ("company", "investor")), None)
    if subject is None:
        return False
    if sentence.field == "title" or _capitals_line(sentence.text) or bullet:
        return True
    # A priced headline written into a post or a digest ("🚨 $LUNR to acquire Lanteris ... for $800M", "the real
    # headline: Rocket Lab to acquire Geost ... for $275M"): the name opens its clause, a price follows.
    opens = not re.sub(r"[^\w]+", "", sentence.text[:subject.start]) or \
        re.search(r"[:—–]\s*$", sentence.text[:subject.start])
    return bool(opens) and bool(re.search(r"\bfor\s+(?:about\s+|roughly\s+|around\s+)?[$€£¥]", sentence.text[pos:]))


def _capitals_line(text: str) -> bool:
    """A wire headline line in the text ("* ROCKET LAB TO BUY GEOST ... FOR $275M")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _active(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for match in prefilter.finditer(ACTIVE, sentence.text):
        phrase = match.group(1)
        pos = match.start(1)
        if phrase.lower().startswith(("to acquire", "to buy")) and not TO_ACQUIRE_OK.search(sentence.text[:match.end()]) \
                and not _headline_deal(sentence, pos):
            continue  # "plans to acquire", "in talks to acquire"
        if used_as_noun(sentence, pos) or hedged(sentence, pos) or background(ctx, sentence, pos, match.end()):
            continue
        if re.search(r"\b(?:was|were|been|be|being|is|are)\s+$", sentence.text[:pos], re.IGNORECASE) or \
                re.match(r"\s+by\b", sentence.text[match.end():]):
            continue  # "was bought by", a headline's "taken over by": the passive rule reads it the right way round
        if re.search(r"\b(?:anyone|anybody|someone|somebody|nobody|no\s+one|everyone|who)\s+(?:\w+\s+)?$",
                     sentence.text[:pos], re.IGNORECASE):
            continue  # "long before anyone bought it": no buyer named
        rest = sentence.text[match.end():]
        whole = ALL_OF.match(rest) or ALL_OF_OWNER.match(rest)
        after = match.end() + (whole.end() if whole else 0)
        if not whole and NOT_A_COMPANY.match(rest):
            continue
        targets = objects_after(ctx, sentence, after, kinds=("company",), strong=True, max_gap=25)
        if not targets:  # "to acquire Boca Raton smallsat maker Terran Orbital": a longer description first
            targets = [t for t in objects_after(ctx, sentence, after, kinds=("company",), strong=True, max_gap=60)
                       if ROLE_NOUN.match(sentence.text[after:t.mention.start])][:1]
        if not targets or NOT_A_COMPANY.match(sentence.text[targets[0].mention.end:]) and \
                re.match(r"^['’]s?\s", sentence.text[targets[0].mention.end:]) and not (whole and whole.re is ALL_OF_OWNER):
            continue  # "bought Planetary Resources' satellites" (but "all of Masten's assets" is all of Masten)
        if SERVICES_AFTER.match(sentence.text, targets[0].mention.end):
            continue  # "then bought his own Crew Dragon flights", "buys SpaceX launches": services, not the company
        if re.search(r"\bfrom\s+(?:the\s+)?$", sentence.text[after:targets[0].mention.start]):
            continue  # "to buy lunar helium-3 from Interlune": goods bought from a company, not the company
        if re.search(r"\b(?:blank[- ]check|SPAC|special[- ]purpose\s+acquisition)\b",
                     sentence.text[after:targets[0].mention.start], re.IGNORECASE) or \
                re.search(r"\bAcquisition(?:\s+(?:Corp|Corporation|Company|Co|Ltd|Holdings)\b|$)", targets[0].mention.name) or \
                re.match(r"[^.;]{0,40}?,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:blank[- ]check|SPAC|special[- ]purpose\s+acquisition)\b",
                         sentence.text[targets[0].mention.end:], re.IGNORECASE):
            # ("its merger with CF Acquisition Corp. V, a special purpose acquisition company affiliated with ...")
            continue  # "completed its merger with blank-check company Genesis Park Acquisition Corp.": a listing
        if TAKE_OVER.match(phrase) and not re.fullmatch(r"\s*(?:rival\s+|the\s+)?", sentence.text[after:targets[0].mention.start]):
            continue  # "took over as chief executive of X", "took over the launch from X": no company changes hands
        targets = [_described(sentence, targets[0])] + targets[1:]
        if DEAL_AFTER.match(sentence.text, targets[0].mention.end):
            continue  # "Firefly scoops up Northrop Grumman rocket deal": a deal with the company, not the company
        acquirer = subject_before(ctx, sentence, pos, kinds=("company", "investor"), strong=True)
        if BULLET_OR_DEFINED.search(sentence.text[:pos]) or not sentence.text[:pos].strip():
            # "* Signed a definitive agreement to acquire KinetX" (a highlights bullet), or the
            # filing's defined term ("Purchaser agreed to acquire"): the item's own company.
            main = ctx.main_org(("company",))
            acquirer = Found(main, "pronoun") if main is not None else None
        if acquirer is None or acquirer.mention.org_id == targets[0].mention.org_id:
            continue
        money = amount_near(sentence, match.end()) or _total_following(ctx, sentence, match.end())
        out.append(candidate(ctx, sentence, "acquisition", "acquisition.active", actors=[acquirer.mention],
                             counterparties=[targets[0].mention], money=money, amount_kind="price",
                             confidence=0.8))
    return out


# Headlines drop the auxiliary: "Deep Space Industries taken over by Bradford Space".
HEADLINE_PASSIVE = re.compile(r"(?<=[\w.)])\s+((?:acquired|bought|purchased|taken\s+over|snapped\s+up))\s+by\b",
                              re.IGNORECASE)


def _passive(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    matches = list(PASSIVE.finditer(sentence.text))
    if sentence.field == "title" and not matches:
        matches = list(HEADLINE_PASSIVE.finditer(sentence.text))
    for match in matches:
        pos = match.start(1)
        if hedged(sentence, pos) or background(ctx, sentence, pos, match.end()):
            continue
        acquirers = objects_after(ctx, sentence, match.end(), kinds=("company", "investor"), strong=True, max_gap=25)
        target = subject_before(ctx, sentence, pos, kinds=("company",), strong=True)
        clause_start, _ = clause_bounds(sentence, pos)
        if target is None and re.search(r"\b(?:it|the\s+company|we)\b", sentence.text[clause_start:pos], re.IGNORECASE):
            # "Maxar ... announced that it has entered into a definitive agreement to be acquired by"
            main = ctx.main_org(("company",))
            target = Found(main, "pronoun") if main is not None else None
        if not acquirers or target is None or target.mention.org_id == acquirers[0].mention.org_id:
            continue
        money = amount_near(sentence, match.end()) or _total_following(ctx, sentence, match.end())
        out.append(candidate(ctx, sentence, "acquisition", "acquisition.passive", actors=[acquirers[0].mention],
                             counterparties=[target.mention], money=money, amount_kind="price", confidence=0.8))
    return out
