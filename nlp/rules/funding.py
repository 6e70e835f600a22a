"""funding_round: capital raised - seed and Series rounds, IPOs that priced, SPAC closings,
government equity, private placements.

Shapes, each with its pattern id:
- ``funding.raised``: "X raised $Y in a Series B led by Z", "X closes $28 million Series B";
- ``funding.closed``: "we've closed our Series A" (amount undisclosed is still a round);
- ``funding.equity``: "the state takes an equity stake worth EUR 12 million in the company";
- ``funding.placement``: "issue shares ... to CVI by way of third-party allotment" with the
  proceeds stated in the item;
- ``funding.ipo`` / ``funding.spac``: a listing that happened ("began trading", "priced its IPO",
  "completed its business combination"), never an IPO *filing*.
A round needs money, or words saying the amount was not disclosed, or a stage name: "a seed
round" mentioned in passing is not news of a raise.
"""

from __future__ import annotations

import re
from datetime import date

from nlp import prefilter
from nlp.context import DocContext, Mention, Sentence
from nlp.rules import missions
from nlp.rules.build import candidate
from nlp.rules.common import (DESCRIBED_SUBJECT, Found, amount_near, background, clause_bounds, deal_money, hedged,
                               antecedent, objects_after, subject_before)
from nlp.timing import BACKGROUND_AFTER, month_number, resolve_dates
from spacemine.records import EventCandidate

RAISE = re.compile(
    r"\b(raised|raises|raising|closed|closes|closing|secured|secures|completed|completes|announced|announces|announcing|"
    r"landed|lands|nets|netted|bagged|bags|pulled\s+in|pulls\s+in|brought\s+in|attracted|gets|got|receives|received|"
    r"mopped\s+up|mops\s+up|signed|signs|issued|issues|pocketed|pockets|scooped\s+up|hauled\s+in|reeled\s+in|"
    # "came out of stealth with a $13 million seed round"
    r"(?:came|comes|coming|emerged|emerges|emerging|stepped|steps|exited|exits|broke|breaks)\s+(?:out\s+of|from)\s+"
    r"stealth(?:\s+[\w,]+){0,3}?\s+with)\b",
    re.IGNORECASE,
)
# "gets 150 million euros from U.S. investor Eldridge": money from investors is a round, not an award.
FROM_INVESTORS = re.compile(r"\bfrom\s+(?:[\w.'’&-]+\s+){0,4}?(?:investors?|backers?|venture|VCs?|shareholders?|"
                            r"(?:investment|private[- ]equity|sovereign(?:\s+wealth)?|pension)\s+funds?)\b", re.IGNORECASE)
ROUND = re.compile(
    r"\b(pre-seed|seed|(?:pre-)?series[\s-][a-h]\b|(?:funding|financing|investment|equity|venture|growth|bridge|"
    r"strategic)\s+(?:round|rounds)|round(?:s)?\s+of\s+(?:funding|financing)|(?:its|a|an|the)\s+round|"
    r"(?:its|a|an|the)\s+[$€£¥]\s?[\d.,]+\s*(?:[mbk]|mn|bn|million|billion)?\s+(?:[\w-]+\s+)?round|"  # "a $15M round"
    r"financing|funding|private\s+placement|capital\s+raise|investment|"
    # debt is funding too: "signed a €150 million convertible bond with Eldridge"
    r"convertible\s+(?:senior\s+)?(?:bonds?|notes?|loans?)|venture\s+debt|debt\s+(?:facility|financing)|credit\s+facility)\b",
    re.IGNORECASE,
)
STAGE = re.compile(r"\b(pre-seed|seed|(?<!pre-)series[\s-]([a-h]))\b", re.IGNORECASE)
UNDISCLOSED = re.compile(r"\b(?:undisclosed|not\s+disclos\w*|did\s+not\s+disclose|didn['’]t\s+disclose|"
                         r"without\s+disclosing|declined\s+to\s+disclose|terms\s+were\s+not)\b", re.IGNORECASE)
LED_BY = re.compile(r"\b(?:led\s+by|co-led\s+by|from|with\s+participation\s+from|backed\s+by)\s+$", re.IGNORECASE)
LED_VERB = re.compile(r"\b(led|co-led)\s+(?:the|its|this)\s+(?:(?:most\s+)?[\w-]+\s+){0,2}?(?:round|investment|financing|raise)",
                      re.IGNORECASE)  # ("Seven Seven Six led the most recent round of $15 million")
EQUITY = re.compile(r"\b(?:takes?|took|taking|acquires?|acquired|buys?|bought)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?"
                    r"(?:equity\s+)?stake\b", re.IGNORECASE)
PLACEMENT = re.compile(r"\b(third-party\s+allotment|private\s+placement|registered\s+direct\s+offering|"
                       r"equity\s+program\s+agreement|PIPE\s+financing|"
                       # an 8-K's "entered into a securities purchase agreement with certain institutional investors
                       # (the "Purchasers") for the sale of approximately 11.6 million shares" (not an acquisition's)
                       r"securities\s+purchase\s+agreement(?=[^.;]{0,200}?\b(?:for\s+the\s+(?:sale|issuance)\s+of|"
                       r"to\s+(?:issue\s+and\s+)?sell)\b)|"
                       r"issued\s+and\s+sold\s+to\s+(?:the\s+)?(?:Investors?|Purchasers?)\b[^.;]{0,120}?\b(?:preferred|common)\s+stock)\b",
                       re.IGNORECASE)
PROCEEDS = re.compile(r"\b(?:proceeds|raising|raise|aggregate\s+purchase\s+price|investing)\b", re.IGNORECASE)
SHARES_BY = re.compile(r"\s+of\s+(?:new\s+)?(?:shares|stock)\s+(?:issued\s+)?(?:by|of|in)\s+", re.IGNORECASE)
IPO_DONE = re.compile(
    r"\b(?:began\s+trading|started\s+trading|begins\s+trading|debuted|listed\s+its\s+shares|"
    r"(?:initial\s+public\s+offering|IPO)\s+(?:that\s+)?(?:raised|raises|nets|netted)|"
    r"(?:market|trading|stock\s+exchange|NYSE|Nasdaq)\s+debut|"
    # ("priced its New York Stock Exchange IPO": the exchange may be named in between; a wire flash drops the article:
    # "FIREFLY AEROSPACE PRICES UPSIZED IPO OF 19.3 MLN SHARES")
    r"(?:priced|prices|completed|closed)\s+(?:(?:its|an|the)\s+)?(?:upsized\s+)?(?:[A-Z][\w&-]*\s+){0,4}?"
    r"(?:initial\s+public\s+offering|IPO)|"
    r"(?:announced|announces)\s+the\s+(?:pricing|closing|completion)\s+of\s+(?:its|an|the)\s+(?:upsized\s+)?"
    r"(?:initial\s+public\s+offering|IPO)|"
    # "sold 19.3 million shares at $45, ..., raising $868 million in its initial public offering"
    r"(?:raised|raising|raises)\s+[^.;]{0,40}?\bin\s+(?:its|an|the)\s+(?:upsized\s+)?(?:initial\s+public\s+offering|IPO))\b",
    re.IGNORECASE,
)
SPAC_DONE = re.compile(r"\b(?:completed|completes|complete|closed|closes|close|completion\s+of|closing\s+of|consummated|"
                       r"consummation\s+of)\s+(?:its|the)\s+(?:previously\s+announced\s+)?"
                       r"(?:business\s+combination\b|(?:merger|combination)\s+with\b)|"
                       # an 8-K's "Following the domestication ..., the business combination was consummated"
                       r"\b(?:the|its)\s+business\s+combination\s+(?:was|has\s+been)\s+(?:consummated|completed|closed)\b",
                       re.IGNORECASE)
# "The gross proceeds to Firefly from the offering ... are expected to be approximately $868 million"
GROSS_PROCEEDS = re.compile(r"\b(?:gross\s+proceeds|proceeds)\b[^.;]{0,200}$", re.IGNORECASE)
PROCEEDS_AFTER = re.compile(r"^\s*(?:(?:in\s+)?(?:gross\s+)?proceeds|(?:of|in)\s+(?:committed\s+|new\s+)?capital)\b",
                            re.IGNORECASE)
MONEY_IN_FUNDING = re.compile(r"^\s*(?:in|of)\s+(?:new\s+|fresh\s+|seed\s+|venture\s+|initial\s+|additional\s+|early-stage\s+|"
                              r"series[\s-][a-h]\s+|pre-seed\s+)*(?:funding|financing|capital|investment|venture\s+capital)\b",
                              re.IGNORECASE)
CUMULATIVE = re.compile(r"\b(?:has|have|had)\s+(?:now\s+)?raised\s+(?:(?:more\s+than|over|about|nearly|a\s+total\s+of|roughly|"
                        # "has raised a little over $18 million in venture funding", "has raised ~$18M"
                        r"a\s+little\s+(?:over|more\s+than|under)|just\s+(?:over|under)|almost|approximately|upwards\s+of|"
                        r"in\s+excess\s+of|close\s+to)\b|~)|"
                        # "has raised $18 million since its 2020 founding"
                        r"\b(?:has|have|had)\s+(?:now\s+)?raised\s+[^.;]{1,40}?\bsince\s+(?:its\s+|our\s+|their\s+)?"
                        r"(?:\d{4}\s+)?(?:founding|inception|launch|start|creation)\b|"
                        # "Together with earlier angel money, the company has now raised $18 million"
                        r"\b(?:together\s+with|including|counting|along\s+with)\s+(?:its\s+|the\s+)?(?:earlier|previous|"
                        r"prior)\b[^.;]{0,80}?\b(?:has|have|had)\s+(?:now\s+)?raised\b",
                        re.IGNORECASE)
TOTAL_AFTER = re.compile(r",\s+(?:bringing|taking|lifting|pushing)\s+(?:its\s+|the\s+|our\s+)?(?:total|overall)\b",
                         re.IGNORECASE)
NOT_A_ROUND = re.compile(r"\b(?:total|to\s+date|so\s+far|since\s+(?:its\s+)?(?:founding|inception|20\d\d)|"
                         r"in\s+total|altogether|cumulative)\b", re.IGNORECASE)


# A word each alternative of QUICK_PLACEMENT holds, lower-cased
PLACEMENT_WORDS = ("allotment", "placement", "offering", "agreement", "pipe", "sold")
QUICK_PLACEMENT = re.compile(r"allotment|placement|direct\s+offering|program\s+agreement|PIPE|issued\s+and\s+sold|"
                             r"securities\s+purchase\s+agreement", re.IGNORECASE)


def find(ctx: DocContext) -> list[EventCandidate]:
    found: list[EventCandidate] = []
    for sentence in ctx.sentences:
        if "funding" in sentence.families:
            found.extend(_raised(ctx, sentence))
            found.extend(_equity(ctx, sentence))
            found.extend(_listing(ctx, sentence))
        if sentence.money:
            found.extend(_money_in_funding(ctx, sentence))
            found.extend(_led_round(ctx, sentence))
            found.extend(_headed_round(ctx, sentence))
    if (ctx.mentions_any(*PLACEMENT_WORDS) and QUICK_PLACEMENT.search(ctx.document.text or "")) or \
            QUICK_PLACEMENT.search(ctx.document.title or ""):
        found.extend(_placement(ctx))
    if FORM_D.search(ctx.document.title or "") or FORM_D.search((ctx.document.text or "")[:300]):
        found.extend(_form_d_facts(ctx))
    if ctx.mentions_any("round:", "round :") and ROUND_LABEL.search(ctx.document.text or ""):
        found.extend(_round_sheet(ctx))
    return found


LISTED_ON = re.compile(r"\b(?:listed|listing|trading|trades|debuted|debuts|floated)\s+on\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,4}$",
                       re.IGNORECASE)
PLANNED_OFFERING = re.compile(r"\b(?:proposed|intends?\s+to|plans?\s+to|seeks?\s+to|expects?\s+to|launch(?:ed|es)?\s+(?:a|an|its)\s+"
                              r"(?:proposed\s+)?offering)\b", re.IGNORECASE)
RAISED_BEFORE = re.compile(r"\s+(?:before|prior\s+to|until)\s+(?:this|that|then|now|the\s+(?:new\s+)?(?:round|raise|deal))\b",
                           re.IGNORECASE)
# A digest item's head: "Impulse Space: $300 million, Series C.", "▸ STOKE SPACE — $260M SERIES C."
HEADED_ROUND = re.compile(r"\s*[:—–-]\s*(?:raises\s+|closes\s+)?(?P<money>\S.{0,30}?)\s*,?\s*(?:in\s+(?:a\s+)?)?"
                          r"(?P<stage>pre-seed|seed|series[\s-][a-h])(?:\s+round)?\W*$", re.IGNORECASE)


# A digest's item told without a verb: "Impulse Space (Redondo Beach) — $300 million Series C led by Linse
# Capital, with ...", "Isar Aerospace (Munich) — €150 million (about $174 million) convertible bond from Eldridge"
HEADED_ITEM = re.compile(r"(?:\s*\([^()]{0,40}\))?\s*[:—–-]\s*(?:an?\s+)?(?P<money>[^\s(][^()]{0,30}?)(?:\s*\([^()]{0,40}\))?\s+"
                         r"(?:[\w-]+\s+){0,2}?(?P<stage>pre-seed|seed|series[\s-][a-h]\b(?:\s+extension)?|"
                         r"convertible\s+(?:bonds?|notes?|loans?)|(?:funding|financing|investment|growth)\s+round)"
                         r"(?:\s+round)?(?=\s+(?:led|co-led|from|with|backed|by|announced|closed|signed)\b|\s*[,.;(]|\s*$)",
                         re.IGNORECASE)


def _headed_round(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    """A line that opens with a company, a dash and its round's amount and stage heads a digest's item."""
    first = next((m for m in sentence.mentions if m.kind == "company"), None)
    if first is None or re.search(r"\w", sentence.text[:first.start]):
        return []
    match = (HEADED_ROUND.match(sentence.text, first.end) if len(sentence.text) < 80 else None) or \
        HEADED_ITEM.match(sentence.text, first.end)
    money = next((m for m in sentence.money if match and match.start("money") <= m.start < match.start("stage")), None)
    if money is None or hedged(sentence, money.start) or background(ctx, sentence, money.start, money.end):
        return []
    investors = _investors(sentence, match.end()) if match.re is HEADED_ITEM else []
    return [candidate(ctx, sentence, "funding_round", "funding.headed", actors=[first], counterparties=investors[:2],
                      money=money, amount_kind="round", stage=_stage(match.group("stage")) or "undisclosed",
                      confidence=0.7)]


# A deal sheet's labelled fields: "Company: Impulse Space (El Segundo, CA) | ... Round: Series B | Size: $150M | Lead: ..."
ROUND_LABEL = re.compile(r"\bRound\s*:\s*(?:(?:pre-?)?seed|series\s+[a-h]\d?(?:\s+extension)?|growth|bridge|venture)\b",
                         re.IGNORECASE)
SIZE_LABEL = re.compile(r"\b(?:Size|Amount|Raised|Raise|Round\s+size)\s*:\s*", re.IGNORECASE)
COMPANY_LABEL = re.compile(r"\b(?:Company|Issuer|Startup|Start-up)\s*:\s*", re.IGNORECASE)


def _round_sheet(ctx: DocContext) -> list[EventCandidate]:
    """A round told as a deal sheet's fields: the company after "Company:", the amount after "Size:"."""
    company = money = evidence = None
    for line in ctx.body:
        label = COMPANY_LABEL.search(line.text)
        if company is None and label:
            company = next((m for m in line.mentions if m.kind == "company" and 0 <= m.start - label.end() <= 2), None)
        size = SIZE_LABEL.search(line.text)
        if money is None and size:
            money = next((m for m in line.money if 0 <= m.start - size.end() <= 2), None)
            evidence = line if money is not None else evidence
        if ROUND_LABEL.search(line.text):
            evidence = evidence or line
    if company is None or evidence is None or hedged(evidence, 0) or background(ctx, evidence, 0):
        return []
    stage = _stage(" ".join(s.text for s in ctx.body if ROUND_LABEL.search(s.text)))
    return [candidate(ctx, evidence, "funding_round", "funding.sheet", actors=[company], money=money, amount_kind="round",
                      stage=stage, confidence=0.7)]


FORM_D = re.compile(r"\bForm\s+D\b")
AMOUNT_SOLD = re.compile(r"\bTotal\s+(?:amount\s+sold|offering\s+amount)\s*:\s*", re.IGNORECASE)


def _form_d_facts(ctx: DocContext) -> list[EventCandidate]:
    """A Form D notice quoted as its facts ("Issuer: Interlune | ... Total amount sold: $500,000"):
    an exempt offering is a round. The amount is what was sold, else the offering's size; the
    issuer is the organisation after "Issuer:", else the item's own company."""
    amounts: dict[str, tuple[Sentence, object]] = {}
    for sentence in ctx.body:
        for match in AMOUNT_SOLD.finditer(sentence.text):
            money = next((m for m in sentence.money if 0 <= m.start - match.end() <= 2), None)
            if money is not None and money.value:
                amounts.setdefault("sold" if "sold" in match.group(0).lower() else "offered", (sentence, money))
    if not amounts:
        return []
    sentence, money = amounts.get("sold") or amounts["offered"]
    issuer = None
    for line in ctx.body:
        at = re.search(r"\bIssuer\s*:\s*", line.text)
        if at:
            issuer = next((m for m in line.mentions if m.kind == "company" and 0 <= m.start - at.end() <= 2), None)
            break
    issuer = issuer or ctx.main_org(("company",))
    if issuer is None:
        return []
    return [candidate(ctx, sentence, "funding_round", "funding.form_d", actors=[issuer], money=money,
                      amount_kind="round", stage="undisclosed", confidence=0.75)]


def _stage(text: str) -> str | None:
    match = STAGE.search(text)
    if not match:
        return None
    if match.group(2):
        return f"series_{match.group(2).lower()}"
    return match.group(1).lower().replace("-", "_")


def _investors(sentence: Sentence, after: int) -> list[Mention]:
    investors = []
    for mention in sentence.mentions:
        if mention.start < after:
            continue
        if mention.kind == "investor" or (
            mention.kind in ("company", "agency", "jurisdiction")
            and LED_BY.search(sentence.text[max(0, mention.start - 40):mention.start])
        ):
            investors.append(mention)
    lead = LED_VERB.search(sentence.text)
    if lead:
        before = [m for m in sentence.mentions if m.end <= lead.start() and m.kind in ("investor", "company")]
        if before:
            investors.insert(0, before[-1])
    return investors


def _raised(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for match in prefilter.finditer(RAISE, sentence.text):
        verb = match.group(1).lower()
        pos = match.start(1)
        if re.match(r"\s+by\b", sentence.text[match.end():]):
            continue  # "the largest round ever raised by a start-up"
        if re.search(r"(?:offering|IPO|listing)\s+(?:that\s+)?$", sentence.text[max(0, pos - 30):pos], re.IGNORECASE):
            continue  # "the offering raised $383 million": the listing rule names the company
        window = sentence.text[pos:pos + 120]
        round_match = ROUND.search(window)
        money_after = [m for m in sentence.money if pos <= m.start <= pos + 80]
        if verb in ("announced", "announces", "announcing", "completed", "completes", "closed", "closes", "closing", "landed",
                    "lands", "secured", "secures", "signed", "signs", "issued", "issues") and not round_match:
            continue
        if verb in ("raised", "raises", "raising") and not (round_match or money_after):
            continue
        if round_match and verb.startswith("announc") and PLANNED_OFFERING.search(window, 0, round_match.start()):
            continue  # "announced that it intends to offer $300 million of Convertible Senior Notes": not yet sold
        if "stealth" in verb and not round_match:
            continue  # "emerged from stealth with a $4 million Space Force contract" is no round
        if verb in ("gets", "got", "receives", "received") and not (money_after and FROM_INVESTORS.search(window)):
            continue
        if NOT_RAISED.match(sentence.text[match.end():]):
            continue  # "raised doubts about Japan's plan": not money
        if not round_match and any(pos <= m.start and re.match(r"[\s-]*(?:bid|offer)\b", sentence.text[m.end:])
                                   for m in money_after):
            continue  # "HAL bags SSLV technology transfer with ₹511-crore bid": an offer, not capital raised
        if RAISED_BEFORE.match(sentence.text, match.end()):
            continue  # "Crunchbase had them at ~$13.7M raised before this": the total before the round
        if verb in ("brought in", "pulled in", "pulls in", "nets", "netted", "pocketed", "pockets", "scooped up", "hauled in",
                    "reeled in") and not (round_match or FROM_INVESTORS.search(window)):
            continue  # "Lanteris alone brought in about $630 million": revenue, not a round
        if not round_match and not money_after:
            continue
        if round_match and round_match.group(0).lower() in ("funding", "financing") and any(
                m.kind == "agency" and pos <= m.start and m.end <= pos + round_match.start() for m in sentence.mentions):
            continue  # "secured £2.9 million of new UK Space Agency funding": an agency's award, not a round
        if money_after and not round_match and any(
                m.kind == "agency" and re.fullmatch(r"\s*from\s+(?:the\s+)?(?:U\.?S\.?\s+)?",
                                                    sentence.text[money_after[0].end:m.start])
                for m in sentence.mentions if m.start > money_after[0].end):
            continue  # "RKLB bags $515M from Space Development Agency": an agency pays for work, it does not invest
        if hedged(sentence, pos) or background(ctx, sentence, pos, match.end()) or _dated_subject(ctx, sentence, pos):
            continue
        tail = TOTAL_AFTER.search(sentence.text, pos, pos + 60)
        near = sentence.text[max(0, pos - 40):tail.start() if tail else pos + 60]
        if NOT_A_ROUND.search(near) and not STAGE.search(window):
            continue  # (", bringing total funding to $18M" after the round tells the total, not the round)
        if CUMULATIVE.search(sentence.text[max(0, pos - 120):pos + 40]) and not STAGE.search(window):
            continue  # "has raised more than $18 million": a running total, not a round
        if (re.search(r"\b(?:award|contract|task order|grant|(?<!in\s)order|purchase order)\b", window[:60], re.I) or
                (not round_match and re.search(r"\bdeal\b", window[:60], re.I))) and not STAGE.search(window):
            continue  # "secured a $5M contract" is an award
        subject = subject_before(ctx, sentence, pos, kinds=("company",), strong=True)
        listed_on = subject and LISTED_ON.search(sentence.text, max(0, subject.mention.start - 60), subject.mention.start)
        if listed_on:
            # "ispace listed on the Tokyo Stock Exchange's Growth market on Wednesday after raising ...": the
            # market is where it listed; the company listed is the raiser
            subject = subject_before(ctx, sentence, listed_on.start(), kinds=("company",), strong=True)
        if subject is not None and EXCHANGE_NAME.search(subject.mention.name):
            continue  # "soared in their New York Stock Exchange debut ... raising": the listing rule reads it
        if subject is None and UNNAMED_COMPANY_SUBJECT.match(sentence.text[:pos]) and ctx.main_org(("company",)) is not None:
            subject = Found(antecedent(ctx, sentence, ("company",)) or ctx.main_org(("company",)), "pronoun")  # the item's
        if subject is None:
            continue
        money = amount_near(sentence, match.end()) if money_after or round_match else None
        if money is None and round_match:
            money = _amount_opening_next(ctx, sentence)
        if money is not None and money.start < pos and not money_after:
            money = None if NOT_A_ROUND.search(sentence.text[:pos]) else money
        if tail is not None and money is not None and money.start >= tail.start():
            continue  # the amount is the total the clause after the round tells ("bringing total funding to $329 million")
        stage = _stage(sentence.text)
        if money is None and not (stage or UNDISCLOSED.search(sentence.text) or round_match and UNDISCLOSED.search(
                " ".join(s.text for s in ctx.sentences if s.field == sentence.field and abs(s.index - sentence.index) <= 1))):
            continue
        out.append(candidate(
            ctx, sentence, "funding_round", f"funding.{'closed' if verb.startswith('clos') else 'raised'}",
            actors=[subject.mention], counterparties=_investors(sentence, match.end()), money=money,
            amount_kind="round", stage=stage, confidence=0.7 + (0.15 if money else 0) + (0.05 if stage else 0),
        ))
    return out


LED_ROUND = re.compile(r"\b(led|co-led|leads|co-leads)\s+(?:a|an|the|its)\s+(?:[\w$.,-]+\s+){0,4}?(?:round|"
                       r"(?:pre-)?series[\s-][a-h]|seed(?:\s+round)?|financing|raise)\b\s+(?:in|into|for)\s+", re.IGNORECASE)


LED_ITEM_ROUND = re.compile(r"\b(led|co-led)\s+(?:the|its|this)\s+(?:(?:most\s+)?[\w-]+\s+){0,2}?round\s+of\s+(?=[$€£¥]|US\$|USD|EUR)",
                            re.IGNORECASE)


def _led_round(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    """"Fleet Space said that TVG led a US$100 million Series D in the company": the investor is
    the subject, the raiser follows "in"."""
    out = []
    led_item_round = LED_ITEM_ROUND.search(sentence.text)
    main = ctx.main_org(("company",)) if led_item_round else None
    if led_item_round and main is not None and not LED_ROUND.search(sentence.text) and \
            not hedged(sentence, led_item_round.start(1)) and not background(ctx, sentence, led_item_round.start(1)):
        # "Seven Seven Six led the most recent round of $15 million" in the item about Interlune: its round
        lead = subject_before(ctx, sentence, led_item_round.start(1), kinds=("investor", "company"), strong=True)
        money = amount_near(sentence, led_item_round.end())
        if lead is not None and lead.mention.org_id != main.org_id and money is not None:
            return [candidate(ctx, sentence, "funding_round", "funding.led_item", actors=[main], counterparties=[lead.mention],
                              money=money, amount_kind="round", stage=_stage(sentence.text), confidence=0.7)]
    for match in LED_ROUND.finditer(sentence.text):
        pos = match.start(1)
        if hedged(sentence, pos) or background(ctx, sentence, pos, match.end()):
            continue
        raisers = objects_after(ctx, sentence, match.end(), kinds=("company",), strong=True, max_gap=3)
        raiser = raisers[0] if raisers else None
        if (raiser is None or raiser.how == "pronoun") and \
                re.match(r"(?:the|our)\s+company\b", sentence.text[match.end():], re.IGNORECASE):
            # "Fleet Space said that TVG led ... in the company": the company is the one speaking
            said = re.search(r"\b(?:said|says|announced|announces|confirmed)\b", sentence.text[:pos])
            speakers = [m for m in sentence.mentions if said and m.end <= said.start() and m.kind == "company"]
            main = speakers[-1] if speakers else ctx.main_org(("company",))
            raiser = Found(main, "pronoun") if main is not None else None
        if raiser is None:
            continue
        lead = subject_before(ctx, sentence, pos, kinds=("investor", "company"), strong=True)
        money = amount_near(sentence, pos, match.end())
        out.append(candidate(ctx, sentence, "funding_round", "funding.led", actors=[raiser.mention],
                             counterparties=[lead.mention] if lead and lead.mention.org_id != raiser.mention.org_id else [],
                             money=money, amount_kind="round", stage=_stage(sentence.text), confidence=0.75))
    return out


FACILITY = re.compile(r"\b(?:Cent(?:er|re)|Facility|Campus|Plant|Factory|Spaceport|Site|Complex|Hub|Building|"
                      r"Headquarters|Laboratory|Lab)$")


def _money_in_funding(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    """"Interlune came out of stealth with $15.5 million in new funding": money named as funding."""
    out = []
    for money in sentence.money:
        if not MONEY_IN_FUNDING.match(sentence.text[money.end:]):
            continue
        if hedged(sentence, money.start) or background(ctx, sentence, money.start, money.end):
            continue
        before = sentence.text[:money.start]
        if RAISE.search(before[-60:]) or CUMULATIVE.search(before[-60:]) or NOT_A_ROUND.search(sentence.text[money.end:money.end + 60]):
            continue  # the raise verb's own rule handles it; totals are not rounds
        subject = subject_before(ctx, sentence, money.start, kinds=("company", "agency", "investor", "jurisdiction"),
                                 strong=True, limit=200)
        if subject is None or subject.mention.kind != "company":
            continue  # "NASA provided $5 million in funding": an award, not a round
        if FACILITY.search(subject.mention.name) or re.search(r"\b(?:expand\w*|build\w*|upgrad\w*)\s+(?:its\s+|the\s+)?"
                                                             r"(?:[\w-]+\s+){0,5}$", sentence.text[:subject.mention.start]):
            continue  # "expanding its Lunar Production and Operations Center with $12 million of new investment"
        out.append(candidate(ctx, sentence, "funding_round", "funding.money_in_funding", actors=[subject.mention],
                             counterparties=_investors_in_item(ctx, sentence), money=money, amount_kind="round",
                             stage=_stage(sentence.text), confidence=0.7))
    return out


def _investors_in_item(ctx: DocContext, sentence: Sentence) -> list[Mention]:
    """Lead investors named in this sentence or the next one ("The round was led by X")."""
    for other in ctx.sentences:
        if other.field == sentence.field and sentence.index <= other.index <= sentence.index + 2:
            found = _investors(other, 0)
            if found:
                return found
    return []


def _equity(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    match = EQUITY.search(sentence.text)
    if not match or hedged(sentence, match.start()) or background(ctx, sentence, match.start(), match.end()):
        return []
    if re.search(r"\b(?:majority|controlling)\b", match.group(0), re.IGNORECASE):
        return []  # control changing hands is an acquisition
    rest = sentence.text[match.end():]
    target = None
    in_match = re.search(r"\bin\s+", rest)
    if in_match:
        objects = objects_after(ctx, sentence, match.end() + in_match.end(), kinds=("company",), max_gap=20)
        target = objects[0].mention if objects else None
    if target is None:
        return []
    investor = subject_before(ctx, sentence, match.start(), kinds=("agency", "investor", "company", "jurisdiction"),
                              strong=True)
    investors = [investor.mention] if investor else []
    investors += [m for m in sentence.mentions if m.kind in ("investor", "jurisdiction", "agency") and m.start < match.start()
                  and m not in investors]
    if not investors:
        for lead in ctx.lead_sentences(2):
            investors += [m for m in lead.mentions if m.kind in ("jurisdiction", "agency", "investor")][:1]
    money = amount_near(sentence, match.end())
    return [candidate(ctx, sentence, "funding_round", "funding.equity", actors=[target], counterparties=investors,
                      money=money, amount_kind="round", stage="undisclosed", confidence=0.75)]


# Words one of IPO_DONE or SPAC_DONE needs: a cheap test before the two patterns.
LISTING_WORDS = ("trading", "debut", "listed", "offering", "ipo", "combination", "merger")
BLANK_CHECK_NAME = re.compile(r"\bAcquisition(?:\s+(?:Corp|Corporation|Co|Company|Ltd|Holdings))?\.?$")
EXCHANGE_NAME = re.compile(r"\b(?:Stock\s+Exchange|Exchange|Nasdaq|NASDAQ|NYSE|Euronext|Bourse|Stock\s+Market)\b")


MONTH_DEAL = re.compile(r"(?:\b(?:its|their|the)|['’]s)\s+(January|February|March|April|May|June|July|August|September|October|"
                        r"November|December)\s+(?:[\w-]+\s+){0,2}?(?:IPO|initial\s+public\s+offering|listing|debut|"
                        r"offering|merger|business\s+combination)\b")


def _month_before(ctx: DocContext, text: str) -> bool:
    """A deal the text names by a month two or more months before the item ("its August IPO" in October)."""
    found = MONTH_DEAL.search(text)
    return bool(found) and ctx.published is not None and \
        (ctx.published.month - month_number(found.group(1))) % 12 >= 2


def _listing(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    lowered = sentence.text.lower()
    if not any(word in lowered for word in LISTING_WORDS):
        return []
    out = []
    spac = SPAC_DONE.search(sentence.text)
    # ("closed its combination with NavSight Holdings and began trading": listed by the merger, not an IPO)
    for match, stage in ((None if spac else IPO_DONE.search(sentence.text), "ipo"), (spac, "spac")):
        if not match or hedged(sentence, match.start()) or background(ctx, sentence, match.start(), match.end()):
            continue
        if _month_before(ctx, sentence.text[max(0, match.start() - 30):match.end()]):
            continue  # "the $45 at which Firefly priced its August IPO" in an October item: the listing told before
        subject = subject_before(ctx, sentence, match.start(), kinds=("company",), strong=True)
        if subject is not None and (EXCHANGE_NAME.search(subject.mention.name) or
                                    BLANK_CHECK_NAME.search(subject.mention.name)):
            subject = None  # "in their New York Stock Exchange debut": the market; "Genesis Park Acquisition": the SPAC
        shares_of = next((m for m in sentence.mentions if m.end <= match.start() and m.kind == "company" and
                          re.search(r"\b[Ss]hares\s+of\s+(?:the\s+)?$", sentence.text[max(0, m.start - 15):m.start])), None)
        if shares_of is not None:
            # "Shares of Voyager Technologies Inc soared in their NYSE debut" (also past a description naming
            # another company: "Shares of Voyager, the company behind the planned Starlab station, closed ...")
            subject = Found(shares_of)
        if subject is None:
            # "Denver's Voyager Technologies sold shares — above the range — ..., and began trading": the
            # sentence's own company, across the clauses
            named = next((m for m in sentence.mentions if m.end <= match.start() and m.kind == "company" and
                          m.source == "gazetteer" and not EXCHANGE_NAME.search(m.name)), None)
            subject = Found(named) if named is not None else None
        previous = ctx.previous(sentence)
        if subject is None and previous is not None and previous.paragraph == sentence.paragraph and \
                previous.field == sentence.field:
            # "Voyager Technologies: public at last. The Denver company ... priced its IPO": a roundup item's head
            named = [m for m in previous.mentions if m.kind == "company" and m.source != "discovered"]
            subject = Found(named[-1], "pronoun") if len(named) == 1 else None
        main = ctx.main_org(("company",))
        if main is not None and (EXCHANGE_NAME.search(main.name) or BLANK_CHECK_NAME.search(main.name)):
            # ("Satellogic Completes Business Combination with CF Acquisition Corp. V": the SPAC is no raiser)
            main = next((m for s in ctx.title + ctx.body[:1] for m in s.mentions if m.kind == "company" and
                         not EXCHANGE_NAME.search(m.name) and not BLANK_CHECK_NAME.search(m.name)), None)
        if main is not None and any(m.org_id == main.org_id for t in ctx.title for m in t.mentions) and (
                subject is None or (subject.mention.source == "discovered" and main.source != "discovered")):
            subject = Found(main, "pronoun")  # a listing is the headline company's (not a newsletter's name)
        if subject is None and sentence.field == "title" and missions.DIGEST_TITLE.search(sentence.text):
            continue  # "Space money, Q2 wrap: a record Series C, a NYSE debut and ...": a digest's headline names none
        if subject is None and main is not None:
            # A listing is the item's own company's: "X, a leader in ..., today announced the completion"
            # (in a roundup, "The Denver company" is the one just named, not the roundup's first)
            told = antecedent(ctx, sentence, ("company",))
            subject = Found(told if told is not None and not BLANK_CHECK_NAME.search(told.name) else main, "pronoun")
        if subject is None:
            continue
        money = amount_near(sentence, match.end())
        if money is not None and _share_price(sentence, money):
            # "19.3 million shares at $45, above a range of $41-43, raising about $868 million"
            money = next((m for m in sentence.money if m.start > money.start and not _share_price(sentence, m)
                          and deal_money(sentence, m)), None)
        money = money or _proceeds_nearby(ctx, sentence)
        out.append(candidate(ctx, sentence, "funding_round", f"funding.{stage}", actors=[subject.mention],
                             money=money, amount_kind="round", stage=stage, confidence=0.75))
    return out


SHARE_PRICE_BEFORE = re.compile(r"\b(?:shares?|units?|ADSs?|stock)\s+at\s+(?:a\s+price\s+of\s+)?$|\bpriced\s+at\s+$|"
                                r"\brange\s+(?:of\s+)?$|\bto\s+$", re.IGNORECASE)


def _dated_subject(ctx: DocContext, sentence: Sentence, pos: int) -> bool:
    """"Its August 2021 merger with Vector Acquisition raised $777 million": the subject carries an
    old date of its own (and nothing recent), so the raise is history."""
    if ctx.published is None:
        return False
    clause_start, _ = clause_bounds(sentence, pos)
    subject = sentence.text[clause_start:pos]
    old = ctx.published - BACKGROUND_AFTER
    values = _subject_dates(DESCRIBED_SUBJECT.sub(", ", subject), ctx.published)
    if values:
        return all(value < old for value in values)
    # Only the subject's description is dated ("Planetary Resources, which began in 2009 ..., raised
    # roughly $50 million"): history unless the sentence dates the raise itself as recent ("this week").
    described = _subject_dates(subject, ctx.published)
    recent = RECENT_WORDS.search(sentence.text) is not None or any(
        d.value >= old for d in resolve_dates(sentence.text, ctx.published) if not d.future_marker)
    return bool(described) and all(value < old for value in described) and not recent


RECENT_WORDS = re.compile(r"\b(?:today|yesterday|this\s+(?:week|month)|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                          r"Saturday|Sunday))\b", re.IGNORECASE)


def _subject_dates(text: str, published: date) -> list[date]:
    values = [d.value for d in resolve_dates(text, published) if not d.future_marker]
    for match in DATED_NOUN.finditer(text):  # "its August 2021 merger": a date used as an adjective
        month = month_number(match.group(1) or "") or 12  # a year alone: its last month
        values.append(date(int(match.group(2)), month, 28))
    return values


DATED_NOUN = re.compile(r"\b(?:its|the|their|his|her|a|an)\s+(?:(January|February|March|April|May|June|July|August|"
                        r"September|October|November|December)\s+)?((?:19|20)\d\d)\s+(?:[\w-]+\s+)?(?:merger|round|raise|"
                        r"listing|IPO|deal|acquisition|financing|offering|combination|debut)\b", re.IGNORECASE)


def _share_price(sentence: Sentence, money) -> bool:
    """A price per share ("shares at $45", "$45 per share", "a range it had lifted to $41-43")."""
    before = sentence.text[max(0, money.start - 40):money.start]
    after = sentence.text[money.end:money.end + 20]
    return bool(SHARE_PRICE_BEFORE.search(before)) or bool(re.match(r"^\s*(?:a|per)\s+share\b", after)) or \
        (money.value is not None and money.value < 1000)


NOT_RAISED = re.compile(r"^\s+(?:new\s+|serious\s+|fresh\s+)?(?:doubts?|questions?|concerns?|eyebrows|hopes?|fears?|"
                        r"the\s+(?:prospect|possibility|question|issue|bar|stakes)|alarms?|objections?|awareness|"
                        r"its\s+(?:forecast|guidance|outlook|estimate)|prices?|"
                        # "raised its revenue forecast", "raised the low end of its full-year revenue outlook"
                        r"(?:(?:its|the)\s+)?(?:[\w-]+\s+){0,7}?(?:forecasts?|guidance|outlooks?|estimates?|targets?|projections?)\b(?!\s+(?:of|for)\s+(?:a|an|the|its)\s+(?:round|raise))|"
                        # "above a raised range of $41-$43": a price range lifted, no money raised
                        # ("raised the expected price range for its initial public offering")
                        r"(?:its\s+|the\s+)?(?:expected\s+|indicative\s+|proposed\s+)?(?:price\s+|marketed\s+)?range)\b",
                        re.IGNORECASE)
# "A Seattle startup ... has raised", "The Franco-German capsule builder pocketed": the item's (or the section's) company
UNNAMED_COMPANY_SUBJECT = re.compile(r"^\W*(?:An?|The)\s+(?:[\w-]+\s+){0,3}?(?:start-?up|company|firm|maker|developer|operator|"
                                     r"builder|manufacturer|provider)\b")


def _amount_opening_next(ctx: DocContext, sentence: Sentence):
    """"we just closed our seed. $20M, led by Plural": the amount opens the next sentence."""
    following = [s for s in ctx.sentences if s.field == sentence.field and s.index == sentence.index + 1]
    if following and following[0].money and following[0].money[0].start <= 3:
        return following[0].money[0]
    return None


def _proceeds_nearby(ctx: DocContext, sentence: Sentence):
    """A listing's size is often the next sentence's: "The transaction provides Rocket Lab with
    approximately $777 million in gross proceeds", "The gross proceeds ... are expected to be $868 million"."""
    if sentence.field == "title":  # a headline's listing: the lead paragraph states its size
        following = [s for s in ctx.body if s.paragraph <= ctx.body[0].paragraph + 1][:6] if ctx.body else []
    else:
        following = [s for s in ctx.sentences if s.field == sentence.field and s.paragraph == sentence.paragraph
                     and s.start > sentence.start][:2]
    for other in [sentence] + following:
        for money in other.money:
            if GROSS_PROCEEDS.search(other.text[max(0, money.start - 200):money.start]) or \
                    PROCEEDS_AFTER.match(other.text[money.end:money.end + 30]):
                return money
    return None


def _placement(ctx: DocContext) -> list[EventCandidate]:
    """Shares issued to a named investor ("third-party allotment"), with the proceeds the item states."""
    for sentence in ctx.body + ctx.title:
        match = PLACEMENT.search(sentence.text)
        if not match or background(ctx, sentence, match.start(), match.end()):
            continue
        issuer = subject_before(ctx, sentence, match.start(), kinds=("company",))
        main = ctx.main_org(("company",))
        issuer_mention = main if main is not None else (issuer.mention if issuer else None)
        # "Kurita ... decided to subscribe to a third-party allotment of new shares by ispace, inc.": the
        # company after "shares by" issues them, whoever the item is about
        by = SHARES_BY.match(sentence.text, match.end())
        named = objects_after(ctx, sentence, by.end(), kinds=("company",), max_gap=3) if by else []
        if named:
            issuer_mention = named[0].mention
        if issuer_mention is None:
            continue
        investors = [m for m in sentence.mentions if m.org_id != issuer_mention.org_id
                     and m.kind in ("investor", "company") and m.org_shaped]
        money = None
        proceeds_sentence = sentence
        for other in ctx.sentences:
            if other.field == sentence.field and PROCEEDS.search(other.text) and other.money:
                money = max(other.money, key=lambda m: m.value)
                proceeds_sentence = other
                break
        del proceeds_sentence
        return [candidate(ctx, sentence, "funding_round", "funding.placement", actors=[issuer_mention],
                          counterparties=investors[:1], money=money, amount_kind="round", stage="undisclosed",
                          confidence=0.7)]
    return []
