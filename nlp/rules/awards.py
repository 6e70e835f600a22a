"""contract_award: a contract, task order, grant, selection or purchase awarded to an organisation.

Shapes handled, each with its pattern id:
- ``award.agent``: the buyer acts - "NASA has awarded Firefly a $112 million task order",
  "Texas Space Commission selects Intuitive Machines", "Firefly has selected SpaceX to launch
  its lander" (a launch agreement: the provider is the recipient), "signed a contract with X";
- ``award.recipient``: the recipient acts or is acted on - "Blue Origin wins $3.4bn NASA
  contract", "OxEon Energy will receive $1.8 million", "ispace has been selected by TASA";
- ``award.list``: announcements that list winners once the item is about an award -
  "- United Launch Alliance — $86.2 million for ...", "$12.8 million to Masten Space Systems",
  "Track 1: Blue Origin, United Launch Alliance and UTC Aerospace Systems.".
One event per named recipient; unnamed ones ("eight other selectees") are not events.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from nlp import prefilter
from nlp.context import DocContext, Mention, Sentence
from nlp.money import MoneyMention
from nlp.rules.build import amount_of, candidate
from nlp.rules.funding import FROM_INVESTORS
from nlp.rules.common import (
    LIST_GAP,
    amount_following,
    amount_near,
    Found,
    background,
    clause_bounds,
    clause_heads,
    deal_money,
    eligible,
    hedged,
    list_after_intro,
    used_as_noun,
    objects_after,
    subject_before,
    table_cells,
)
from spacemine.records import EventCandidate

AGENT = re.compile(
    r"\b(awarded|awards|awarding|selected|selects|picked|picks|chose|chooses|chosen|tapped|taps|contracted|"
    r"hired|hires|(?:signed|signs|(?<=is\s)signing|(?<=are\s)signing|inked|inks|finali[sz]ed|finali[sz]es|concluded|"
    r"concludes|(?<=will\s)conclude|executed|entered\s+into)\s+"
    # "signed on Tuesday a contract with", "will conclude on 20 August the contract with JAXA"
    r"(?:on\s+\w+day\s+|today\s+|this\s+week\s+|on\s+\d{1,2}\s+[A-Z][a-z]+\s+|on\s+[A-Z][a-z]+\.?\s+\d{1,2}\s+)?"
    r"(?:(?:a|an|its|the)\s+(?:[\w$€£¥.,()-]+\s+){0,7}?(?:contract|agreement|deal|order)|the\s+(?:contracts|agreements)|"
    r"(?:(?:new|separate|launch|firm|binding)\s+){0,2}(?:contracts|agreements|deals|orders))\s+"
    # ("will conclude a contract worth about 12 billion yen (approx. $82 million) with the Japan Aerospace ...")
    r"(?:(?:worth|valued\s+at)\s+[^,;]{1,64}?\s+)?with|"
    r"exercised\s+(?:[\w$.,-]+\s+){0,10}?(?:contract|agreement)\s+with|"
    # "ESA has signed with Thales Alenia Space, the joint venture ..., a contract of 862 million euro"
    r"(?:signed|signs|inked|inks)\s+with(?=\s+[^.;]{0,160}?\b(?:a|an)\s+(?:[\w$€£¥.,()-]+\s+){0,5}?"
    r"(?:contract|agreement|deal|order)\b)|"
    r"(?:appointing|appointed|appoints|naming|named|names)(?=\s+(?:[\w.,&'’-]+\s+){1,14}?as\s+(?:the\s+|its\s+)?(?:prime\s+)?"
    r"(?:(?:contractor|supplier|provider|integrator|vendor|winner|awardee|recipient)s?\b(?![^.;]{0,60}?\b(?:Achievement|"
    r"Excellence|Lifetime|Leadership|Innovation|Pioneer)\s+Award|[^.;]{0,60}?\b(?:Medal|Trophy|Hall\s+of\s+Fame))|"
    r"(?:companies|firms|teams|providers|vendors)\s+(?:that|which|who)\s+will\b))|"
    r"issued\s+(?:a|an)\s+(?:[\w$.,-]+\s+){0,4}?(?:order|contract)\s+to|booked|books|ordered|purchased\s+(?:\w+\s+){0,4}?from|"
    r"issued|issues|gave|gives|handed|hands|(?<=is\s)handing|(?<=are\s)handing|"
    # "The UK Space Agency is today providing £2.9 million of new funding to Rolls-Royce"
    r"provid(?:es|ed|ing)(?=\s+(?:about\s+|nearly\s+|some\s+|an\s+additional\s+)?[$€£¥][\d.,]+\s*(?:million|billion|m|bn|k)?"
    r"(?:\s+(?:of|in)\s+(?:new\s+|additional\s+)?(?:funding|grant\s+funding|grants?|support))?\s+to\s)|"
    # "The agency is providing £2.9 million of new funding for Rolls-Royce to research ..."
    r"provid(?:es|ed|ing)(?=\s+(?:about\s+|nearly\s+|some\s+|an\s+additional\s+)?[$€£¥][\d.,]+\s*(?:million|billion|m|bn|k)?"
    r"\s+(?:of|in)\s+(?:new\s+|additional\s+)?(?:funding|grant\s+funding|grants?|support)\s+for\s)|"
    r"(?<=will\s)award(?=\s+(?:[\w$.,-]+\s+){0,8}?to\s+the\s+following\b)|"
    # "the Minister ... announced a $43-million contract to Canadensys Aerospace Corporation"
    r"announc(?:ed|es|ing)(?=\s+(?:a|an|the)\s+(?:[\w$€£¥.,()-]+\s+){0,6}?(?:contract|grant|award|task\s+order)\s+to\s)|"
    # "The UK Space Agency will give Rolls-Royce £2.9 million", "Japan will provide ispace with a subsidy of"
    r"(?<=will\s)give|"
    r"provid(?:e|es|ed|ing)(?=\s+(?:\([^)]{0,30}\)|[^.;(]){1,80}?\bwith\s+(?:a|an)\s+(?:[\w$€£¥.,()-]+\s+){0,4}?(?:subsidy|grant|contract|"
    r"award|funding)\b))\b",
    re.IGNORECASE,
)
# "The UK Space Agency has announced £2.9 million of new funding for Rolls-Royce": the agent form of
# a sentence whose words are the funding family's ("announced"), not the award family's.
FUNDING_FOR = re.compile(
    r"\b(announc(?:ed|es|ing))(?=\s+(?:about\s+|nearly\s+|some\s+|an\s+additional\s+)?[$€£¥][\d.,]+\s*"
    r"(?:million|billion|m|bn|k)?\s+(?:of|in)\s+(?:new\s+|additional\s+)?(?:funding|grant\s+funding|grants?|support)\s+"
    r"(?:for|to)\s)", re.IGNORECASE)
RECIPIENT = re.compile(
    r"\b(wins?|won|secures|secured|receives?|received|lands?|landed|gets|got|(?<=will\s)get|captures?|captured|earns?|earned|"
    r"clinch(?:es|ed)?|scoop(?:s|ed)?|bag(?:s|ged)|took|takes|picked\s+up|"
    r"nabs?|nabbed|snags?|snagged|(?:has|have)\s+been\s+(?:awarded|selected|chosen|picked|tapped|contracted|granted|"
    r"handed|given)|(?:was|were)\s+(?:handed|given)(?=\s+(?:about\s+|nearly\s+|almost\s+|over\s+)?[$€£¥])|"
    # "The Space Development Agency has confirmed we're under contract to design & build 18 satellites"
    r"(?:is|are|['’]re|was|were)\s+(?:now\s+)?under\s+contract(?=\s+(?:with\s+[^.;]{1,60}?\s+)?to\s)|"
    # "Masten Space Systems of Mojave, California, will be paid $15,000"
    r"(?:will\s+be|is\s+to\s+be|are\s+to\s+be)\s+paid(?=\s+(?:about\s+|nearly\s+|up\s+to\s+)?[$€£¥])|"
    r"(?:was|were|is|are)\s+(?:also\s+|likewise\s+|each\s+|both\s+)?(?:awarded|selected|chosen|picked|tapped|contracted|granted|"
    # "the Company was adopted by the Japanese government in the SBIR Phase 3 Program" (translated: selected)
    r"adopted(?=\s+(?:by|for|in|into|under)\b)))\b(?!['’]t|-outs?\b)",  # ("earn-outs of up to $95 million")
    re.IGNORECASE,
)
# "with three providers:", "to the following companies:": the parties are listed after the colon.
_PARTY_NOUNS = r"(?:providers|companies|firms|suppliers|vendors|contractors|teams|operators|partners|universities|start-?ups)"
COUNTED_PARTIES = re.compile(r"\s*(?:(?:the\s+following|\w+)\s+){0,2}" + _PARTY_NOUNS +
                             r"(?:\s+(?:to|for)\s+[^:;.$€£¥]{1,80})?\s*:\s*", re.IGNORECASE)
# "will award contracts to the following companies, each worth about $5 million:": named, so decided.
FOLLOWING_PARTIES = re.compile(r"\bthe\s+following\s+(?:\w+\s+){0,2}?(?:" + _PARTY_NOUNS + r"|recipients)\b[^:.;]{0,70}:\s*",
                               re.IGNORECASE)
COUNTED_SERVICE = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|several)\s+"
                             r"(?:[\w-]+\s+){0,2}?(?:launches|flights|missions)\b", re.IGNORECASE)
BOUGHT_COMPANY = re.compile(r"^\s*(?:up\s+)?(?:(?:the|a|an|its)\s+)?(?:[\w-]+\s+){0,4}?(?:rival|maker|start-?up|company|"
                            r"firm|developer|operator|builder|competitor|peer)\s+", re.IGNORECASE)
# "Astrobotic scoops up bankrupt Masten's assets": what a company owns, bought.
BOUGHT_ASSETS = re.compile(r"^\s*(?:up\s+)?(?:[\w-]+\s+){0,3}?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*['’]s?\s+(?:\w+\s+)?"
                           r"(?:assets|business|unit|division|operations|subsidiary)\b")
AS_WAS = re.compile(r",?\s+as\s+(?:was|were)\s+", re.IGNORECASE)
PASSIVE_BY = re.compile(r"^\s*by\b", re.IGNORECASE)
CONTRACT_WORD = re.compile(
    r"\b(?:contracts?|task\s+orders?|delivery\s+orders?|purchase\s+orders?|orders?|awards?|grants?|funding|deal|"
    r"selections?|stud(?:y|ies)|agreements?|subcontract|prize|option|phase\s+(?:i|ii|iii|one|two|three|\d))\b|"
    r"\bto\s+(?:deliver|build|develop|launch|carry|fly|land|provide|supply|demonstrate|study|design|test|"
    r"conduct|operate|mature|advance|perform|support|transport|produce|manufacture|return|collect|host|"
    r"integrate|ferry|take|send|place)\b",
    re.IGNORECASE,
)
LAUNCH_SERVICE = re.compile(r"^\W*(?:\w+\W+){0,10}?to\s+(?:launch|deliver|carry|fly|transport|ferry|take|send|place)\b",
                            re.IGNORECASE)
# "took" and "takes" carry an award only with its amount or its noun right after ("took $700 million",
# "takes the contract"); "the longest traverse took astronauts 4.7 miles" is none.
UNNAMED_RECIPIENTS = re.compile(r"[^.;:]{0,60}?\b(to\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+){0,2}?"
                                r"(?:companies|firms|start-?ups|teams|recipients|organi[sz]ations|universities|projects|"
                                r"entities|businesses)\b)(?!\s*:)", re.IGNORECASE)
TOOK_AN_AWARD = re.compile(r"^\s*(?:home\s+)?(?:(?:a|an|the|its)\s+)?(?:[\w'’-]+\s+){0,2}?"
                           r"(?:[$€£¥]|shares?\b|slice|contracts?\b|orders?\b|awards?\b|task\s+orders?|deals?\b|cheque|"
                           r"check\b|grants?\b|prize)", re.IGNORECASE)
RECIPIENT_NEEDS_OBJECT = re.compile(r"^(?:lands?|landed|gets?|got|earns?|earned|captures?|captured|receives?|received|"
                                    r"wins?|won|secures?|secured|nabs?|nabbed|snags?|snagged|clinch(?:es|ed)?|"
                                    r"scoop(?:s|ed)?|bag(?:s|ged)|took|takes|picked\s+up)$", re.IGNORECASE)
NOT_AN_AWARD_OBJECT = re.compile(r"^\W*(?:\w+\s+){0,3}?(?:proceeds|funding\s+round|investment|capital|financing|"
                                 r"approval|permission|license|licence|certification|patent|degree|prize\s+money|rights|"
                                 # "Astroscale wins TSE nod for Growth market listing"
                                 r"nod|go-ahead|green\s+light|clearance|listing|"
                                 r"shares|stock|warrants|dividends?|auction|bidding|bankruptcy\s+sale)\b",
                                 re.IGNORECASE)
LED_TEAM = re.compile(r"^\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:team|consortium|group|industrial\s+team)\s+led\s+by\s+",
                      re.IGNORECASE)
ROUND_AFTER_MONEY = re.compile(r"^\s*(?:\([^)]{0,40}\)\s*)?(?:in\s+)?(?:(?:a|an|its|new|fresh|first)\s+)*(?:pre-)?(?:seed|series[\s-]?[a-h]\b|"
                               r"funding|financing|round|equity|venture)\b", re.IGNORECASE)
# Selection language that makes an item "about an award", so its list lines are winners.
AWARD_CONTEXT = re.compile(
    r"\b(?:award(?:s|ed|ing)?|selections?|selected|selects|downselect(?:s|ed)?|chose|chosen|picks|picked|taps|tapped|"
    r"winners|contracts?|task\s+orders?|grants?|"
    r"competition|funding|recipients|pays?|paying|paid|buys|bought|purchases|purchased|"
    # "Two consortia will each receive $4 million ...", "The successful teams are ..."
    r"receives?\s+(?:(?:up\s+to|about|around|nearly)\s+)?(?:[A-Z]{0,2}[$€£¥]|AUD|USD|EUR|GBP)|"
    r"successful\s+(?:teams|bidders|applicants|consortia|companies|proposals|tenderers)|"
    # "NASA spread $370M+ across 14 firms under its fifth Tipping Point solicitation"
    r"(?:spread|split|divided|distributed|doled\s+out|handed\s+out)\s+(?:[$€£¥][^\s]+\s+)?(?:among|across|between))\b",
    re.IGNORECASE,
)
PAIR_DASH = re.compile(r"^\s*(?:\([^)]{0,40}\)\s*)?(?:(?:,|of)\s*[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3}\s*)?"
                       # ("Nokia of America (Bell Labs) — $14.1M"; a table's dot leaders: "Lunar Outpost, Golden,
                       # Colorado ...... $1", "Intuitive Machines feasibility task order ...... $30M")
                       r"(?:\([^)]{0,40}\)\s*)?(?:[—–:-]|(?:\s+[a-z][\w-]*){0,4}\s*(?:\.{3,}|…+))\s*$")
PAIR_TO = re.compile(r"^\s*,?\s*(?:(?:of|in)\s+(?:new\s+|fresh\s+|additional\s+)?(?:funding|financing|grants?|awards?|"
                     r"contracts?|support)\s+(?:to|for)\s+(?:the\s+)?$)|^\s*,?\s*(?:in\s+[\w\s-]{0,40}?)?(?:to|for|goes\s+to|go(?:es)?\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
# A winner's home between its name and its amount ("Mission Control, of Ottawa, receives $4.7 million")
PAIR_HOME = r"(?:,?\s*(?:of|in|from|based\s+in)\s+[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4},?)?"
PAIR_VERB = re.compile(
    rf"^\s*{PAIR_HOME}\s*"
    r"(?:will\s+receive|receives|received|gets|got|is\s+getting|wins|won|takes|took|was\s+awarded|is\s+awarded|"
    r"was\s+given|is\s+given)\s+(?:up\s+to\s+|about\s+|nearly\s+|roughly\s+|around\s+|approximately\s+)?$",
    re.IGNORECASE,
)
PAIR_VERB_BEFORE = re.compile(r"\b(?:will\s+receive|receives|received|gets|got|wins|won|was\s+awarded|is\s+awarded)\s+"
                              r"(?:up\s+to\s+|about\s+|nearly\s+|roughly\s+|around\s+|approximately\s+)?$", re.IGNORECASE)
PIPE_PAIR = re.compile(r"\s*(?:\([^()|]{0,60}\)\s*)?(?:\|[^|$€£¥\d]{1,80}){0,2}(?:\|[^|$€£¥]{1,120}){0,2}\|\s*(?:about\s+|up\s+to\s+|~)?$")
WENT_TO_PAIR = re.compile(rf"\b(?:went|go|goes)\s+to\s+(?:[A-Z][\w.&'’-]*\s+){{0,4}}?[A-Z][\w.&'’-]*{PAIR_HOME}\s*$")
# ("..., and Canadensys, of Bolton, Ontario, $4.73 million": the verb not repeated, the home kept)
PAIR_ELLIPSIS = re.compile(rf"^\s*{PAIR_HOME}\s*$")


SECURITIES = re.compile(r"\b(?:shares|stock|units|notes|warrants|equity|stakes?|interests?|debentures|bonds)\b", re.IGNORECASE)
PURCHASE_FROM = re.compile(
    r"\b((?:has\s+|have\s+)?(?:agreed\s+to\s+|will\s+|signed\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?agreement\s+to\s+)?"
    r"(?:purchase|purchases|purchased|buy|buys|bought|procure|procures|procured|source|sources|order|orders|ordered|"
    r"book|books|booked))"
    r"\s+(?:[\w$,.%-]+\s+){0,12}?from\s+",
    re.IGNORECASE,
)
PRICE_FOR = re.compile(r"\bfor\s+(?:about\s+|roughly\s+|just\s+|only\s+|approximately\s+)?$", re.IGNORECASE)
# "... and its Luxembourg subsidiary ispace Europe another $5,000": the owner's description may come first.
GAPPED = re.compile(r"\b(?:and|while)\s+(?:(?:its|their|the)\s+(?:[\w-]+\s+){0,3}?)?(?:[a-z][\w-]*\s+)?"
                    r"[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}\s*(?:\([^)]{1,12}\)\s*)?"
                    r"(?:about|roughly|nearly|approximately|some|another)?\s*$")
# In an item about several awards, each winner's share told in its own words: "Lunar Outpost bid
# just $1", "ispace will be paid $5,000", "Masten came in at $15,000", "Lockheed was handed about $700 million".
PAID = re.compile(r"\b(?:bid|bids|will\s+be\s+paid|rounds?\s+out\s+the\s+(?:group|list|field|cohort)\s+with|(?:was|were|is|are|gets?|got)\s+(?:handed|paid|given)|"
                  r"(?:came|comes)\s+in\s+at|secured|secures|receives?|received)\s+"
                  r"(?:a\s+|an\s+)?(?:(?:separate|just|about|roughly|nearly|approximately|only|some)\s+)*$", re.IGNORECASE)


LEGAL_WIN = re.compile(r"\b(?:bankruptcy|auction|court|legal|lawsuit|patent|election|arbitration)\s+$", re.IGNORECASE)
LOSING_BID = re.compile(r"\b(?:rival|losing|unsuccessful|fell\s+short|outbid|rejected|lost\s+out)\b", re.IGNORECASE)
OPINION = re.compile(r"^\W*(?:opinion|op-ed|analysis|commentary|column|editorial|perspective|viewpoint|letter|"
                     r"explainer|review)\b|\bop-ed\b", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[-•*–—▪◦]|\d+[.)]|\(\d+\))\s+")  # "- X", "2. X", "3) X", "(4) X"
BULLET_ARTICLE = re.compile(BULLET.pattern + r"(?:(?:the|a|an)\s+)?")  # ("- the AROSE ... consortium, led by ...")
LIST_INTRO = re.compile(r"\b(?:went\s+to|go\s+to|goes\s+to|awarded\s+to|awards?\s+(?:went|go)|selected|selections|"
                        r"selectees|winners|recipients|awardees|were\s+chosen|were\s+picked|contracts?\s+to|"
                        r"(?:new\s+)?(?:providers|companies|firms|teams|performers|vendors|suppliers|contractors)\s+"
                        r"(?:are|were|include|included)|break\s+down|breaks\s+down|as\s+follows|"
                        # "The companies that received awards are:"
                        r"(?:that|which|who)\s+(?:received|won|got|were\s+given)\s+(?:[\w-]+\s+){0,2}?"
                        r"(?:awards?|contracts?|agreements?|funding)|"
                        r"award(?:s|ed)?\s+(?:[^:]*?\s)?to(?=\s*:)|"
                        # "approved more than $26 million in grants from the ... Fund (SEARF) to five companies:"
                        r"(?:grants?|awards?|funding|contracts?)\b[^:]{0,80}?\bto\s+(?:two|three|four|five|six|seven|eight|nine|ten|"
                        r"\d+)\s+(?:[\w-]+\s+){0,2}?(?:companies|firms|start-?ups|teams|recipients|organi[sz]ations|"
                        r"universities|projects|businesses)(?=\s*:)|"
                        # "The total estimated award amount for all three funded Space Act Agreements is $415.6 million:"
                        r"(?:total|combined)\s+(?:estimated\s+)?(?:award|contract|agreement)s?\s+(?:amount|value))\b[^:]*:\s*$",
                        re.IGNORECASE)
# "NASA downselects three for lunar solar arrays" with the three on the bullet lines below it: a
# counted selection needs no colon when a list follows on the next line.
COUNTED_INTRO = re.compile(r"\b(?:selects?|selected|downselect(?:s|ed)?|down-selects?|down-selected|picks?|picked|"
                           r"chooses|chose|chosen|names?|named|awards?|awarded|taps?|tapped)\s+(?:its\s+|the\s+)?"
                           r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\b|"
                           # "following 7 proposals were adopted as subsidy projects"
                           r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:[\w-]+\s+){0,2}?"
                           r"(?:proposals|projects|companies|firms|teams|applicants|applications|bids)\s+(?:were|have\s+been|"
                           r"are)\s+(?:adopted|selected|chosen|accepted|approved|awarded)\b", re.IGNORECASE)
# "Among them are A and B, ...; C; D, which ...; and E." after "NASA has selected 14 companies"
AMONG = re.compile(r"^\W*(?:Among\s+(?:them|those|the\s+(?:selected\s+|winning\s+|chosen\s+)?[\w-]+)(?:\s+(?:picked|selected|chosen|named|tapped|announced)"
                   # ("Among the picks announced Dec. 5 are Firefly Aerospace, ...")
                   r"(?:\s+(?:on\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\w+day|today|this\s+week))?)?\s+"
                   r"(?:are|were)|They\s+(?:are|include)|"
                   r"Those\s+(?:on\s+the\s+list|selected|chosen|picked|named)\s+(?:are|were|include|included)|"
                   # "The contracts are with Lunar Outpost of Golden, Colorado, for $1; ispace Japan of Tokyo for $5,000; ..."
                   r"The\s+(?:contracts|awards|orders|task\s+orders|purchase\s+orders)\s+(?:are|were)\s+with|"
                   # "The selected firms and their awards are:", "The selected providers under the CLPS program are"
                   # "The firms chosen under the CLPS programme are", "The winners, announced Thursday, are"
                   r"(?:The\s+)?(?:(?:selected|winning|chosen|successful)\s+)?(?:winners|selections|selectees|companies|"
                   r"firms|recipients|awardees|performers|providers|teams)(?:\s+(?:chosen|selected|picked|named))?"
                   r"(?:\s+and\s+their\s+(?:proposed\s+|bid\s+)?(?:awards|amounts|contracts|prices)|\s+(?:under|for|in)(?:\s+the)?(?:\s+[\w()'’-]+){1,8}?|"
                   r",\s+(?:announced|named|unveiled)\s+[^,;:]{1,30},)?\s+(?:are|were|include|included))\b:?", re.IGNORECASE)


def find(ctx: DocContext) -> list[EventCandidate]:
    found: list[EventCandidate] = []
    award_doc = _award_context(ctx) and not OPINION.search(ctx.document.title or "")
    for sentence in ctx.sentences:
        if not sentence.mentions:
            continue
        if "funding" in sentence.families and sentence.money and "announc" in sentence.text.lower():
            found.extend(_agent_form(ctx, sentence, FUNDING_FOR))
        if "award" in sentence.families:
            found.extend(_agent_form(ctx, sentence))
            found.extend(_recipient_form(ctx, sentence))
            if "followed by" in sentence.text and sentence.money:
                found.extend(_followed_by(ctx, sentence, found))
            found.extend(_purchase_from(ctx, sentence))
            found.extend(_buyer_of_goods(ctx, sentence))
        if "ption" in sentence.text:
            found.extend(_option_exercised(ctx, sentence))
        if any(m.kind == "launch" for m in sentence.missions):
            found.extend(_launch_booked(ctx, sentence))
        if award_doc:
            if sentence.money:
                found.extend(_list_pairs(ctx, sentence))
                found.extend(_priced_work(ctx, sentence))
                found.extend(_possessive_priced(ctx, sentence))
            if ":" in sentence.text:
                found.extend(_colon_list(ctx, sentence))
            found.extend(_went_to(ctx, sentence))
            if ("place" in sentence.text or "prize" in sentence.text) and _challenge_item(ctx):
                found.extend(_placed(ctx, sentence))
    if ctx.mentions_any("counterpart") and CONTRACT_AMOUNT_LABEL.search(ctx.document.text or "") and \
            COUNTERPARTY_LABEL.search(ctx.document.text or ""):
        found.extend(_contract_disclosure(ctx))
    if award_doc:
        found.extend(_bullet_winners(ctx))
        found.extend(_among_them(ctx))
        found.extend(_paragraph_winners(ctx))
        found.extend(_listed_subjects(ctx))
        found.extend(_led_by(ctx))
        found.extend(_chosen_including(ctx))
        found.extend(_titled_proposals(ctx))
    return _possessive_amounts(ctx, _without_echoed_bookings(found))


# An exchange filing's contract disclosure told as numbered fields (Korea's "Single Sales/Supply Contract"):
# "3. Contract amount: KRW 286,000,000,000 (approx. USD 220 million)", "4. Counterparty: Korea Aerospace Research
# Institute (KARI)". The filer is the contractor; the counterparty pays.
CONTRACT_AMOUNT_LABEL = re.compile(r"\bContract\s+(?:amount|value|price)\s*:\s*", re.IGNORECASE)
COUNTERPARTY_LABEL = re.compile(r"\b(?:Contract\s+)?Counterpart(?:y|ies)\s*:\s*", re.IGNORECASE)


def _contract_disclosure(ctx: DocContext) -> list[EventCandidate]:
    """The filer's contract, from a disclosure's "Contract amount:" and "Counterparty:" fields."""
    filer = next((m for s in ctx.title + ctx.body[:1] for m in s.mentions
                  if m.kind == "company" and m.source == "gazetteer"), None) or ctx.main_org(("company",))
    money = evidence = buyer = None
    for line in ctx.body:
        amount = CONTRACT_AMOUNT_LABEL.search(line.text)
        if amount and money is None:
            money = next((m for m in line.money if 0 <= m.start - amount.end() <= 12), None)
            evidence = line
        party = COUNTERPARTY_LABEL.search(line.text)
        if party and buyer is None:
            buyer = next((m for m in line.mentions if 0 <= m.start - party.end() <= 4 and
                          m.kind in ("agency", "company", "jurisdiction", "university")), None)
    if filer is None or evidence is None or (buyer is not None and buyer.org_id == filer.org_id) or \
            hedged(evidence, 0) or background(ctx, evidence, 0):
        return []
    return [candidate(ctx, evidence, "contract_award", "award.disclosure", actors=[filer],
                      counterparties=[buyer] if buyer is not None else [], money=money,
                      amount_kind=_kind(evidence, money, ctx), program=_program(ctx, evidence), confidence=0.7)]


# "NASA has exercised its Option B with SpaceX", "modified its HLS contract with SpaceX, exercising an option worth
# about $1.15 billion": an option of a running contract taken up is new work for the contractor
OPTION_EXERCISED = re.compile(r"\b(?:exercised|exercises|exercising|exercise)\s+(?:(?:an?|the|its|a\s+second)\s+)?(?:[\w$.,-]+\s+){0,4}?"
                              r"option\b(?:\s+[A-Z]\b)?", re.IGNORECASE)


def _option_exercised(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    match = OPTION_EXERCISED.search(sentence.text)
    if match is None or hedged(sentence, match.start()) or background(ctx, sentence, match.start(), match.end()):
        return []
    # ("with SpaceX", "to SpaceX", "on SpaceX's Human Landing System contract")
    contractor = next((m for m in sentence.mentions if m.kind == "company" and m.source == "gazetteer" and
                       (re.search(r"\b(?:with|to|for)\s+(?:the\s+)?$", sentence.text[max(0, m.start - 10):m.start]) or
                        (m.possessive and re.search(r"\bon\s+$", sentence.text[max(0, m.start - 4):m.start])))), None)
    buyer = subject_before(ctx, sentence, match.start(), kinds=("agency", "jurisdiction"), strong=True)
    if contractor is None or buyer is None:
        return []
    money = next((m for m in sentence.money if m.start > match.start() and deal_money(sentence, m)), None) or \
        amount_following(ctx, sentence)
    return [candidate(ctx, sentence, "contract_award", "award.option", actors=[contractor], counterparties=[buyer.mention],
                      money=money, amount_kind=_kind(sentence, money, ctx), program=_program(ctx, sentence),
                      confidence=0.7)]


# "Lockheed Martin received the largest agreement, worth $700.5 million, followed by Northrop Grumman
# at $692.4 million": the next winners ranked after the first, each with its amount
FOLLOWED_BY = re.compile(r"\bfollowed\s+by\s+")
# ("followed by Lockheed Martin ($35.2 million), Northrop Grumman ($34.8 million) and ...": in brackets)
RANKED_AMOUNT = re.compile(r"^\s*(?:\s(?:at|with)\s+|\(\s*)(?:about\s+|roughly\s+|nearly\s+|some\s+)?$", re.IGNORECASE)


def _followed_by(ctx: DocContext, sentence: Sentence, found: list[EventCandidate]) -> list[EventCandidate]:
    first = next((c for c in found if c.type == "contract_award" and c.amount is not None and
                  c.evidence.field == sentence.field and c.evidence.sentence_start == sentence.start), None)
    if first is None:
        return []
    out = []
    for match in FOLLOWED_BY.finditer(sentence.text):
        for member in list_after_intro(sentence, match.end(), kinds=("company", "university")):
            money = next((m for m in sentence.money if m.start > member.end and
                          RANKED_AMOUNT.match(sentence.text[member.end:m.start])), None)
            if money is None or not deal_money(sentence, money):
                break
            out.append(candidate(ctx, sentence, "contract_award", "award.followed_by", actors=[member],
                                 counterparties=_doc_agencies(ctx, sentence),
                                 money=money, amount_kind=first.amount.kind, program=first.program, confidence=0.65))
    return out


# "Lockheed Martin's prototype agreement is worth about $700 million, Northrop Grumman's $692 million
# and York's roughly $382 million": each winner's amount told by its possessive name.
POSSESSIVE_AMOUNT_GAP = re.compile(r"^(?:['’]s?|\s+said\s+(?:that\s+)?its)\s+(?:(?:[\w-]+\s+){0,3}?(?:contract|agreement|award|share|order|deal|grant|"
                                   r"task\s+order|portion|slice)\s+(?:(?:is|was)\s+)?(?:worth\s+|valued\s+at\s+)?)?"
                                   r"(?:about\s+|roughly\s+|nearly\s+|some\s+|around\s+)?$", re.IGNORECASE)


def _possessive_amounts(ctx: DocContext, found: list[EventCandidate]) -> list[EventCandidate]:
    """Awards found without an amount take the one the item gives their recipient by name."""
    missing = {c.actors[0].org_id for c in found if c.type == "contract_award" and c.amount is None and c.actors}
    if not missing:
        return found
    amounts: dict[str, MoneyMention] = {}
    for sentence in ctx.body:
        # ("Intuitive Machines' task order is worth $30M"; "Intuitive Machines said its feasibility task order is
        # worth $30 million")
        said_its = " said " in sentence.text
        if len(sentence.money) < 1 or not (said_its or any(m.possessive for m in sentence.mentions)):
            continue
        for mention in sentence.mentions:
            if not (mention.possessive or said_its) or mention.org_id not in missing:
                continue
            money = next((m for m in sentence.money if m.start > mention.end and
                          POSSESSIVE_AMOUNT_GAP.match(sentence.text[mention.end:m.start])), None)
            if money is not None and deal_money(sentence, money):
                amounts.setdefault(mention.org_id, money)
    if not amounts:
        return found
    return [replace(c, amount=amount_of(ctx, amounts[c.actors[0].org_id], "obligation"))
            if c.type == "contract_award" and c.amount is None and c.actors and c.actors[0].org_id in amounts else c
            for c in found]


def _without_echoed_bookings(found: list[EventCandidate]) -> list[EventCandidate]:
    """A booked rocket ("TeamIndus books a PSLV") echoes the contract the text names when the
    same booker signs a launch contract with someone (the operator's commercial arm): keep that."""
    named = {c.org_id for f in found if f.evidence.pattern_id != "award.launch_booked" for c in f.counterparties}
    return [f for f in found if f.evidence.pattern_id != "award.launch_booked" or not {c.org_id for c in f.counterparties} & named]


BOOKED = re.compile(r"\b(books?|booked|selects?|selected|chooses|chose|picks?|picked|taps?|tapped|buys?|bought|"
                    r"purchases?|purchased|orders?|ordered|reserves?|reserved)\s+(?:a\s+|an\s+|the\s+|two\s+|three\s+|"
                    r"four\s+|five\s+|\d+\s+)?(?:(?:dedicated|additional|more|new|[A-Z][\w-]*)\s+){0,2}$")


def _launch_booked(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    """"NASA books Falcon Heavy for Dragonfly", "ispace has selected an Electron": booking a rocket
    is a launch contract awarded to the rocket's operator, the booker its counterparty."""
    out = []
    for rocket in (m for m in sentence.missions if m.kind == "launch" and m.operator):
        booked = BOOKED.search(sentence.text[max(0, rocket.start - 60):rocket.start])
        if booked is None:
            continue
        pos = rocket.start - (min(60, rocket.start) - booked.start(1))
        if hedged(sentence, pos) or background(ctx, sentence, pos, rocket.end):
            continue
        operator = ctx.gazetteer.org(rocket.operator)
        booker = subject_before(ctx, sentence, pos, kinds=("agency", "company", "university"))
        if operator is None or booker is None or booker.mention.org_id == operator.id:
            continue
        seller = Mention(rocket.start, rocket.end, operator.id, operator.name, operator.kind, "mission")
        money = amount_near(sentence, rocket.end)
        out.append(candidate(ctx, sentence, "contract_award", "award.launch_booked", actors=[seller],
                             counterparties=[booker.mention], money=money, amount_kind=_kind(sentence, money, ctx),
                             program=_program(ctx, sentence), confidence=0.7))
    return out


LED_BY_PI = re.compile(r"\bled\s+by\s+(?:principal\s+investigator\s+|PI\s+)?(?:[A-Z][\w.'’-]*\s+){1,3}(?:of|at|from)\s+"
                       r"(?:the\s+)?")


def _led_by(ctx: DocContext) -> list[EventCandidate]:
    """"NASA has selected two missions ... Lucy, led by principal investigator Harold Levison of the
    Southwest Research Institute": a selected science mission is an award to the PI's institution."""
    if not any(re.search(r"\bselect\w*\b[^.]{0,60}\bmissions?\b", s.text, re.IGNORECASE) for s in ctx.lead_sentences(2)):
        return []
    out = []
    for sentence in ctx.body:
        for match in LED_BY_PI.finditer(sentence.text):
            institution = next((m for m in sentence.mentions if m.start == match.end() and
                                eligible(m, ("company", "university"), strong=True)), None)
            if institution is None or hedged(sentence, match.start()) or background(ctx, sentence, match.start()):
                continue
            out.append(candidate(ctx, sentence, "contract_award", "award.mission_pi", actors=[institution],
                                 counterparties=_doc_agencies(ctx, sentence), money=amount_following(ctx, sentence),
                                 program=_program(ctx, sentence), confidence=0.6))
    return out


# NASA's selection lists: '"Mini Bee Prototype ...," Joel Sercel, TransAstra Corporation, Lake View
# Terrace, California.' - a proposal's title in quotes, its principal investigator, then the organisation.
TITLED_PROPOSAL = re.compile(r"^\W*[“\"]([^”\"]{8,240}?),?[”\"],?\s+(?:(?:Dr|Prof)\.?\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}"
                             r"[A-Z][\w.'’-]*,\s+")


_PERSON = r"(?:(?:Dr|Prof)\.?\s+)?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|\"[^\"]{1,20}\"|“[^”]{1,20}”)){1,3}"
BULLET_PROPOSAL = re.compile(r"^\s*(?:[-•*–—▪◦]|\d+[.)])\s+[^,\n]{12,240}?,\s+" + _PERSON + r",\s+")


SPEECH = re.compile(r"\b(?:said|says|added|adds|told|noted|explained|wrote|posted)\b")


def _titled_proposals(ctx: DocContext) -> list[EventCandidate]:
    if not any(re.search(r"\b(?:select|chos|choos|award|invest|fund)\w*", s.text, re.IGNORECASE)
               for s in ctx.title + ctx.lead_sentences(2)):
        return []
    out = []
    for sentence in ctx.body:
        match = TITLED_PROPOSAL.match(sentence.text)
        if not match or SPEECH.search(sentence.text):
            continue  # '"We will be back," John Thornton, Astrobotic chief executive, said': a quote
        institution = next((m for m in sentence.mentions if m.start == match.end() and
                            eligible(m, ("company", "university"), strong=True)), None)
        if institution is None or hedged(sentence, match.end()) or background(ctx, sentence, match.end()):
            continue
        out.append(candidate(ctx, sentence, "contract_award", "award.titled_proposal", actors=[institution],
                             counterparties=_doc_agencies(ctx, sentence), money=_each_amount(ctx.body, before=60),
                             program=_program(ctx, sentence), confidence=0.6))
    return out


def _each_amount(sentences: Iterable[Sentence], before: int = 40) -> MoneyMention | None:
    """The first amount said to be each winner's ("each worth about $5 million", "$5 million
    apiece", "Each selection will receive up to $2 million"): every listed winner gets it."""
    for sentence in sentences:
        for money in sentence.money:
            # ("25 million euros ($27 million) each": the converted amount in brackets sits between)
            after = re.sub(r"^\s*\([^)]{0,30}\)", "", sentence.text[money.end:money.end + 45])[:12]
            window = sentence.text[max(0, money.start - before):money.end] + after
            if EACH.search(window) and deal_money(sentence, money):
                return money
    return None


# A winner's home written after its name: "of Houston", "of Golden, Colorado", "from Hawthorne, California"
HOME = r"(?:of|in|from)\s+[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,3}"
HOME_AT_START = re.compile(rf"^\s*{HOME}")
PASSIVE_TO = re.compile(r"^\s*(?:by\s+(?:the\s+)?(?:[\w.'’&()-]+\s+){1,6}?)?to\s+(?:the\s+)?", re.IGNORECASE)
LISTED_WORK = re.compile(
    # (after the last member's home: "... and Venturi Astrolab of Hawthorne, California, will each begin")
    r"^(?:\s+(?:of|in|from|based\s+in)\s+[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,3})?"
    r"\s*,?\s*(?:will|each|are|were|have\s+been|has\s+been)\s+(?:each\s+|all\s+|also\s+)?(?:\w+\s+){0,2}?"
    r"(?:carry|perform|conduct|receive|get|develop|study|build|design|deliver|provide|work|win|won|share|split|begin|start|"
    r"selected|chosen|awarded|picked|funded)\w*\b", re.IGNORECASE)


def _listed_subjects(ctx: DocContext) -> list[EventCandidate]:
    """"Boeing, Lockheed Martin, Orbital ATK and Sierra Nevada will each carry out a study" in an
    item about awards: every listed organisation is a recipient."""
    out = []
    for sentence in ctx.body:
        members = list_after_intro(sentence, 0, kinds=("company", "university"))
        members = [m for m in members if eligible(m, ("company", "university"), strong=True)]
        if len(members) < 2 or members[0].start > 3 or not LISTED_WORK.match(sentence.text[members[-1].end:]):
            continue
        if hedged(sentence, members[-1].end) or background(ctx, sentence, members[-1].end):
            continue
        money = _money_for(ctx, sentence, members[-1].end, len(members))
        out.extend(candidate(ctx, sentence, "contract_award", "award.list.subjects", actors=[m],
                             counterparties=_doc_agencies(ctx, sentence), money=money,
                             amount_kind=_kind(sentence), program=_program(ctx, sentence), confidence=0.65)
                   for m in members)
    return out


PARTY_GROUP = re.compile(r"\b(?:companies|firms|teams|start-?ups|providers|businesses|universities|organi[sz]ations|"
                         r"recipients|winners|awardees|selectees|performers|vendors|contractors)\b", re.IGNORECASE)


SELECTION_VERB = re.compile(r"\b(?:selected|selects|picked|picks|chose|chosen|named|names|awarded|awards|tapped|taps)\b",
                            re.IGNORECASE)


CHOSEN_INCLUDING = re.compile(r"\b(?:companies|firms|performers|teams|organi[sz]ations|winners|start-?ups)\b[^.;]{0,60}?"
                              r"\b(?:chosen|selected|picked|tapped|funded)\s+by\s+[^,;]{2,60},\s+(?:including|such\s+as)\s+",
                              re.IGNORECASE)


def _chosen_including(ctx: DocContext) -> list[EventCandidate]:
    """"CisLunar joins a diverse group of companies, large and small, chosen by DARPA, including Blue Origin,
    Northrop Grumman and SpaceX": the named members of a selected group are recipients too."""
    out = []
    for sentence in ctx.body:
        match = CHOSEN_INCLUDING.search(sentence.text) if "award" in sentence.families else None
        if not match or hedged(sentence, match.start()) or background(ctx, sentence, match.start(), match.end()):
            continue
        members = [m for m in list_after_intro(sentence, match.end(), kinds=("company", "university"))
                   if eligible(m, ("company", "university"), strong=True)]
        if not members or members[0].start - match.end() > 2:
            continue
        out.extend(candidate(ctx, sentence, "contract_award", "award.list.including", actors=[m],
                             counterparties=_doc_agencies(ctx, sentence), program=_program(ctx, sentence), confidence=0.6)
                   for m in members)
    return out


def _among_them(ctx: DocContext) -> list[EventCandidate]:
    """"Among them are SpaceX and Blue Origin, both building landers; Northrop Grumman; and ICON."
    after the item said who selected how many: the first organisations of each list part."""
    out = []
    for index, sentence in enumerate(ctx.body):
        intro = AMONG.match(sentence.text)
        if not intro or hedged(sentence, intro.end()) or background(ctx, sentence, intro.end()):
            continue
        if re.match(r"^\W*(?:Among\s+(?:them|those)|They|Those)\b", intro.group(0), re.IGNORECASE) and not (any(
                PARTY_GROUP.search(s.text) for s in ctx.body[max(0, index - 1):index]) or any(
                PARTY_GROUP.search(s.text) and SELECTION_VERB.search(s.text) for s in ctx.body[max(0, index - 3):index])):
            continue  # "Among them are the Lunar PlanetVac, ...": instruments, not the companies selected
        if re.match(r"^\W*Among\s+(?:the\s+)?(?:[\w-]+\s+)?(?:instruments?|payloads?|experiments?|technolog(?:y|ies)|"
                    r"projects?|tools?|devices?|investigations?|proposals?|concepts?|studies)\b", intro.group(0),
                    re.IGNORECASE):
            continue  # "Among the instruments are LISTER, a drill ...": things selected, not their makers
        if not sentence.text[intro.end():].strip(" :") and index + 1 < len(ctx.body):
            # ("The selected teams are:" with the list on the next line, or one winner a line)
            lines = ctx.body[index + 1:index + 9]
            if PROJECT_LEAD_LINE.match(lines[0].text):
                # one project a paragraph, each opening "<title> — <lead>, <organisation>, <city>."
                firsts = [s for k, s in enumerate(ctx.body[index + 1:], index + 1)
                          if s.paragraph != ctx.body[k - 1].paragraph]
                for line in firsts[:12]:
                    if not PROJECT_LEAD_LINE.match(line.text):
                        break
                    out.extend(_listed_parts(ctx, line, 0, index, "award.list.among"))
                continue
            for line in lines:
                if BULLET.match(line.text) or ":" in line.text or line.paragraph != lines[0].paragraph:
                    break  # bullet lines ("- Astrobotic of Pittsburgh. Award: $79.5 million.") have their own rule
                listed = _listed_parts(ctx, line, 0, index, "award.list.among")
                if not listed:
                    break
                out.extend(listed)
            continue
        out.extend(_listed_parts(ctx, sentence, intro.end(), index, "award.list.among"))
    return out


OWNER_NOUN_AFTER = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:subsidiary|unit|division|spin-?off|spinout|arm|affiliate|"
                              r"joint\s+venture)\b|-(?:owned|backed)\b", re.IGNORECASE)
# A selection list's line: "<project title> — <lead's name>, <organisation>, <city>"
PROJECT_LEAD_LINE = re.compile(r"^\s*[^—–;]{10,220}?\s[—–]\s+(?:(?:Dr|Prof)\.?\s+)?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]*){1,3},\s+")


def _listed_parts(ctx: DocContext, sentence: Sentence, cursor: int, index: int, pattern: str) -> list[EventCandidate]:
    """The winners of a list after ``cursor``, part by part (parts end at semicolons): the first
    organisations of each part, each with its part's one amount ("Lunar Outpost of Golden,
    Colorado, for $1; ispace Japan of Tokyo, for $5,000; ...") or the amount said to be each one's."""
    out = []
    for part in re.split(r";", sentence.text[cursor:]):
        start = sentence.text.index(part, cursor)
        cursor = start + len(part)
        # ("The winners are the Franco-German start-up The Exploration Company, ...": a description first)
        # (or "Israeli oxygen-extraction startup Helios, Japanese space-robotics firm GITAI and ...")
        head = re.match(r"^\s*(?:and\s+)?(?:[A-Z][\w.'’-]*-based\s+|(?:(?:the|a|an|its|their)\s+|[A-Z][a-z]+\s+)(?:[\w-]+\s+){0,3}?"
                        r"(?:start-?up|company|firm|maker|developer|provider|manufacturer|operator)\s+)?", part)
        project = PROJECT_LEAD_LINE.match(part)
        if project:
            # "Mini Bee Prototype to Demonstrate ... — Joel Sercel, TransAstra Corporation, Lake View Terrace,
            # California": a selection list's line names the project, its lead and then the winner
            head = project
        members = list_after_intro(sentence, start + (head.end() if head else 0), kinds=("company", "university"))
        members = [m for m in members if m.start < start + len(part) and eligible(m, ("company", "university"),
                                                                                 strong=True)]
        if project:
            members = members[:1]
        # ("Honeybee Robotics, the Blue Origin subsidiary behind LUNARSABER": the owner describes the winner)
        members = [m for m in members if not (re.search(r",\s+the\s+$", sentence.text[max(0, m.start - 8):m.start]) and
                                              OWNER_NOUN_AFTER.match(sentence.text, m.end))]
        if not members or members[0].start - (start + (head.end() if head else 0)) > 25:
            continue
        for member in members:
            if _unfunded_partners(ctx):
                agencies = _doc_agencies(ctx, sentence)
                if agencies:
                    out.append(candidate(ctx, sentence, "partnership", "partnership.listed", actors=[agencies[0], member],
                                         confidence=0.6))
                continue
            # "Lunar Outpost of Golden, Colorado, for $1; ispace Japan of Tokyo, for $5,000": a part's one amount
            own = [m for m in sentence.money if start <= m.start < start + len(part) and deal_money(sentence, m)]
            # ("ESA has signed two contracts worth EUR 25m each ... The winners are A and B": told just before)
            money = own[0] if len(own) == 1 and len(members) == 1 else \
                _each_worth_next(ctx, sentence) or _each_amount(ctx.body[max(0, index - 1):index])
            out.append(candidate(ctx, sentence, "contract_award", pattern, actors=[member],
                                 counterparties=_doc_agencies(ctx, sentence), money=money,
                                 amount_kind=_kind(sentence, money, ctx), program=_program(ctx, sentence),
                                 confidence=0.65))
    return out


COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
COUNTED_WINNERS = re.compile(
    r"\b(?:(?:selected|selects|picked|picks|chose|chosen|named|names|tapped|taps)\s+(?:its\s+|the\s+)?(?P<n1>"
    r"two|three|four|five|six|seven|eight)\b|the\s+(?P<n2>two|three|four|five|six|seven|eight)\s+(?:[\w-]+\s+)?"
    r"(?:winners|selectees|awardees|recipients|selections|teams|companies|firms|institutes|proposals|projects)\b)",
    re.IGNORECASE)


def _paragraph_winners(ctx: DocContext) -> list[EventCandidate]:
    """"NASA has selected two university-led institutes ..." followed by one paragraph (or numbered
    item) per winner: the first organisation of each of the next paragraphs, when there are exactly
    as many as announced and the announcing paragraph names none itself."""
    out: list[EventCandidate] = []
    body = ctx.body
    paragraphs: dict[int, list[Sentence]] = {}
    for sentence in body:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    order = sorted(paragraphs)
    for intro in body:
        match = COUNTED_WINNERS.search(intro.text) if "award" in intro.families else None
        if not match or hedged(intro, match.start()) or background(ctx, intro, match.start()):
            continue
        count = COUNT_WORDS[(match.group("n1") or match.group("n2")).lower()]
        own = [m for s in paragraphs[intro.paragraph] for m in s.mentions
               if m.kind in ("company", "university") and m.source == "gazetteer"]
        following = order[order.index(intro.paragraph) + 1:][:count]
        winners = []
        for number in following:
            opening = paragraphs[number][0]
            head = BULLET.match(opening.text)
            lead = re.match(r"^(?:The\s+)?", opening.text[head.end() if head else 0:]).end() + (head.end() if head else 0)
            first = next((m for m in opening.mentions if eligible(m, ("company", "university"))), None)
            if first is None or first.start != lead:
                break  # each winner's paragraph opens with its name
            winners.append((opening, first))
        if own or len(winners) != count or len({m.org_id for _, m in winners}) != count:
            continue
        each = _each_amount(paragraphs[intro.paragraph])
        out.extend(candidate(ctx, sentence, "contract_award", "award.list.paragraphs", actors=[winner],
                             counterparties=_doc_agencies(ctx, intro), money=each, amount_kind=_kind(intro),
                             program=_program(ctx, intro), confidence=0.6)
                   for sentence, winner in winners)
    return out


UNFUNDED = re.compile(r"\b(?:no[- ]exchange[- ]of[- ]funds|unfunded|Space\s+Act\s+Agreements?|partners|partnerships?)\b",
                      re.IGNORECASE)


def _unfunded_partners(ctx: DocContext) -> bool:
    """"NASA selects commercial partners" under no-exchange-of-funds agreements: the listed
    companies are partners, not contractors."""
    lead = ctx.lead_sentences(3)
    return any(UNFUNDED.search(s.text) for s in lead) and not any(s.money for s in lead)


# An unknown name heading a bullet line is a winner when the line goes on like one: its home, a bracket or an amount
BULLET_HOME_AFTER = re.compile(r"\s+(?:of|in|from)\s+[A-Z]|\s*\(|\s*,\s*[A-Z][\w.'’-]*(?:,|\s+[—–-]|\s*$)|\s*[—–:-]\s*[$€£¥]|"
                               # "* ICON, the Texas 3D-printing construction firm, adds ..."
                               r"\s*,\s*(?:the|a|an)\s+[^,;]{0,80}?\b(?:firm|company|start-?up|startup|maker|developer|"
                               r"venture|operator|provider|specialist|supplier|manufacturer)\b")


PRICED_BULLET = re.compile(r"^\s*(?:[-•*–—▪◦]|\d+[.)])\s+[^:$€£¥\n]{2,60}:\s*(?:about\s+|up\s+to\s+|nearly\s+)?[$€£¥]\s?\d")


def _priced_bullets_follow(body: list[Sentence], index: int) -> bool:
    """The next two lines are bullets of a name, a colon and an amount ("• SpaceX: $53.2M — ...")."""
    return len(body) > index + 2 and all(PRICED_BULLET.match(line.text) for line in body[index + 1:index + 3])


def _bullet_winners(ctx: DocContext) -> list[EventCandidate]:
    """"The contracts went to:" followed by bullet lines: the first organisation of each line
    is a recipient; "each worth $5 million" in the lead gives every one its amount."""
    out = []
    body = ctx.body
    for index, intro in enumerate(body):
        first_line = index + 1
        cue = len(intro.text) - 1  # where the plan and background tests look: the colon, or the counted verb
        dated_from = cue
        if not (intro.text.rstrip().endswith(":") and (LIST_INTRO.search(intro.text) or _priced_bullets_follow(body, index))):
            # (the pattern ends in a colon; "The big tickets:" above "• Lockheed Martin: $89.7M — ..." lines is one too)
            counted = COUNTED_INTRO.search(intro.text)
            if not counted:
                continue
            cue = counted.start()
            dated_from = counted.end()  # (after the count: "following 7 proposals were adopted" is no "following" clause)
            # "NASA has selected 14 companies ..." then a quote, a heading and the bullets: the list
            # is the first bullet lines within the next few sentences.
            first_line = next((i for i in range(index + 1, min(len(body), index + 8)) if BULLET.match(body[i].text)
                               and _new_line(ctx, body[i - 1], body[i])), None)
            if first_line is None or any(BULLET.match(s.text) for s in body[index + 1:first_line]):
                continue
        if hedged(intro, cue) or background(ctx, intro, dated_from):
            continue
        each = _each_amount(reversed(body[max(0, index - 6):index + 1]))
        winners: list[tuple[Sentence, Mention, MoneyMention | None]] = []
        previous = body[first_line - 1]
        for position, line in enumerate(body[first_line:], start=first_line):
            if not BULLET.match(line.text) and _heading_between_bullets(ctx, body, position):
                previous = line
                continue
            if not BULLET.match(line.text):
                if winners and winners[-1][0] is not None and not _new_line(ctx, previous, line):
                    # "- Dynetics, ... on Vulcan. Award: $253 million.": the bullet's later sentences
                    sentence, first, money = winners[-1]
                    if money is None or money is each:
                        money = next((m for m in line.money if deal_money(line, m)), money)
                    winners[-1] = (sentence, first, money)
                    previous = line
                    continue
                break
            previous = line
            proposal = BULLET_PROPOSAL.match(line.text)
            # "- Title of the study, PI Name, Organisation, City.": the organisation after the PI
            first = next((m for m in line.mentions if m.start == proposal.end() and
                          eligible(m, ("company", "university"), strong=True)), None) if proposal else None
            first = first or next((m for m in line.mentions if eligible(m, ("company", "university"), strong=True)
                                   and m.start <= BULLET_ARTICLE.match(line.text).end() + 2), None)
            if first is not None and first.source == "discovered" and not first.org_shaped and \
                    not BULLET_HOME_AFTER.match(line.text, first.end):
                first = None  # "• Rovers: unpressurized ...", "2) RYUGU DELIVERED.": a line's head word, not a winner
            if first is None:
                winners.append((None, None, None))  # a line without a winner: its later sentences are its own
                continue
            winners.append((line, first, next((m for m in line.money if deal_money(line, m)), None) or each))
        out.extend(candidate(ctx, line, "contract_award", "award.list.bullets", actors=[first],
                             counterparties=_doc_agencies(ctx, intro), money=money, amount_kind=_kind(intro),
                             program=_program(ctx, intro), confidence=0.7)
                   for line, first, money in winners if line is not None)
    return out


def _heading_between_bullets(ctx: DocContext, body: list[Sentence], position: int) -> bool:
    """"Cryogenic Fluid Management" on its own line between two groups of winners: a section
    heading, not the end of the list."""
    line = body[position]
    following = body[position + 1] if position + 1 < len(body) else None
    return position > 0 and following is not None and BULLET.match(following.text) is not None and \
        _new_line(ctx, body[position - 1], line) and _new_line(ctx, line, following) and \
        (len(line.text.split()) <= 8 or len(line.text.split()) <= 20 and SECTION_LABEL.match(line.text)) and \
        not line.money and not re.search(r"[.!?]\s*$", line.text)


# "Theme 2: Technology development and demonstration necessary for reducing space debris": a labelled heading
SECTION_LABEL = re.compile(r"^\s*(?:Theme|Track|Category|Topic|Area|Group|Lot|Phase|Focus\s+area|Section)\s+\w{1,4}\s*[:.—–-]")


def _new_line(ctx: DocContext, previous: Sentence, line: Sentence) -> bool:
    """Whether ``line`` starts a new line of the text (a bullet's own sentences run on the same line)."""
    text = ctx.document.text or ""
    return line.start > previous.end and "\n" in text[previous.end:line.start]


def _purchase_from(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    """"Bluefors has agreed to purchase helium-3 from Interlune": an offtake or purchase
    agreement is an award to the seller, with the buyer as counterparty."""
    out = []
    for match in PURCHASE_FROM.finditer(sentence.text):
        pos = match.start(1)
        if used_as_noun(sentence, pos) or hedged(sentence, pos) or background(ctx, sentence, pos, match.end()):
            continue
        if SECURITIES.search(match.group(0)):
            continue  # "Bain Capital purchased 40,000 shares from the Company": an investment, not an award
        if any(match.start(1) < m.start and m.end <= match.end() and m.kind == "company" and m.source == "gazetteer"
               for m in sentence.mentions):
            continue  # "Blue Origin to buy Honeybee Robotics from Ensign-Bickford": a company bought (acquisition rules)
        sellers = objects_after(ctx, sentence, match.end(), kinds=("company", "university"), max_gap=3)
        if not sellers:
            # "purchase up to ten thousand liters ..., for delivery from 2028 to 2037, from Interlune": the
            # first "from" was a date's; the seller follows a later one in the same clause.
            _, clause_end = clause_bounds(sentence, match.end())
            for later in re.finditer(r"\bfrom\s+", sentence.text[match.end():min(clause_end, match.end() + 160)]):
                sellers = objects_after(ctx, sentence, match.end() + later.end(), kinds=("company", "university"),
                                        max_gap=3)
                if sellers:
                    break
        if not sellers:  # "from Seattle's Interlune": a place's possessive before the seller
            sellers = [f for f in objects_after(ctx, sentence, match.end(), kinds=("company", "university"), max_gap=30)
                       if re.fullmatch(r"[A-Z][\w .-]*['’]s\s+|(?:[A-Z][\w.]*[ -])*[A-Z][\w.]*-based\s+|"
                                       # "from Seattle startup Interlune"
                                       r"(?:[A-Z][\w.-]*\s+){0,2}(?:[\w-]+\s+){0,2}?(?:start-?up|startup|company|firm|"
                                       r"maker|developer|specialist)\s+",
                                       sentence.text[match.end():f.mention.start])][:1]  # or "from Seattle-based Interlune"
        buyer = subject_before(ctx, sentence, pos, kinds=("agency", "company", "jurisdiction", "university"))
        if not sellers or buyer is None or buyer.mention.org_id == sellers[0].mention.org_id:
            continue
        money = amount_near(sentence, match.end()) if len(sellers) == 1 else None
        # "Amazon books up to 83 launches from ULA, Arianespace and Blue Origin": each seller
        out.extend(candidate(ctx, sentence, "contract_award", "award.purchase_from", actors=[seller.mention],
                             counterparties=[buyer.mention], money=money, amount_kind="obligation",
                             program=_program(ctx, sentence), confidence=0.7) for seller in sellers)
    return out


CUSTOMER_AFTER = re.compile(r"['’]?s?\s+(?:[\w-]+\s+){0,3}?(?:customer|buyer|client|offtaker)s?\b", re.IGNORECASE)


def _buyer_of_goods(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    """"The DOE Isotope Program has agreed to purchase three liters of helium-3": in the seller's
    own item, a buyer agreeing to take a quantity of its product is an award to the item's company."""
    main = ctx.main_org(("company",))
    if main is None:
        return []
    out = []
    for match in GOODS_BOUGHT.finditer(sentence.text):
        pos = match.start(1)
        if hedged(sentence, pos, allow_agreed=True) or background(ctx, sentence, pos, match.end()):
            continue
        if re.search(r"\bfrom\s+(?!the\b)[A-Z]", sentence.text[match.end():match.end() + 80]):
            continue  # "... from Interlune": the seller is named (purchase_from)
        buyer = subject_before(ctx, sentence, pos, kinds=("agency", "company", "university"))
        if (buyer is None or buyer.mention.possessive and CUSTOMER_AFTER.match(sentence.text, buyer.mention.end)) and \
                re.search(r",\s*$", sentence.text[:pos]):
            # "Maybell Quantum became Interlune's first commercial customer, agreeing to purchase ...": the
            # participle's subject is the sentence's
            first = next((m for m in sentence.mentions if m.end <= pos and m.kind in ("agency", "company", "university")
                          and not m.possessive and m.org_id != main.org_id), None)
            buyer = Found(first) if first is not None else None
        seller = _supplied_by_next(ctx, sentence)
        if buyer is not None and seller is not None and seller.org_id != buyer.mention.org_id:
            # "Bluefors has agreed to purchase up to ten thousand liters of helium-3 ... The helium-3 will be
            # supplied by natural resources company Interlune": the seller is named in the next sentence
            out.append(candidate(ctx, sentence, "contract_award", "award.goods_bought", actors=[seller],
                                 counterparties=[buyer.mention], money=amount_near(sentence, match.end()),
                                 amount_kind="obligation", program=_program(ctx, sentence), confidence=0.65))
            continue
        if buyer is None or buyer.how != "named" or buyer.mention.org_id == main.org_id:
            continue
        if any(m.org_id == main.org_id and buyer.mention.end <= m.start < pos and not (
                m.possessive and CUSTOMER_AFTER.match(sentence.text, m.end)) for m in sentence.mentions):
            # (but "Maybell Quantum became Interlune's first commercial customer, agreeing to purchase" buys from it)
            continue  # "Interlune ... announced that Bluefors, the ... maker, has agreed to purchase": the item's company buys
        out.append(candidate(ctx, sentence, "contract_award", "award.goods_bought", actors=[main],
                             counterparties=[buyer.mention], money=amount_near(sentence, match.end()),
                             amount_kind="obligation", program=_program(ctx, sentence), confidence=0.65))
    return out


SUPPLIED_BY = re.compile(r"\b(?:will\s+be|is\s+to\s+be|are\s+to\s+be)\s+(?:supplied|provided|delivered|sourced)\s+by\s+"
                         r"(?:(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:company|firm|start-?up|startup|provider|supplier)\s+)?",
                         re.IGNORECASE)


def _supplied_by_next(ctx: DocContext, sentence: Sentence) -> Mention | None:
    """The company the next sentence says will supply the goods ("... will be supplied by ... Interlune")."""
    following = [s for s in ctx.sentences if s.field == sentence.field and s.index == sentence.index + 1]
    for other in following:
        match = SUPPLIED_BY.search(other.text)
        if match:
            return next((m for m in other.mentions if m.start == match.end() and eligible(m, ("company",), strong=True)),
                        None)
    return None


GOODS_BOUGHT = re.compile(
    r"\b((?:has\s+|have\s+)?(?:agreed\s+to|agreeing\s+to|will|signed\s+on\s+to)\s+(?:purchase|buy|procure|take))\s+(?:up\s+to\s+)?"
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens|thousands|hundreds|millions|"
    r"tens\s+of\s+thousands)(?:\s+(?:hundred|thousand|million))?\s+(?:of\s+)?(?:liters|litres|kilograms|kg|tonnes|tons|"
    r"metric\s+tons|grams|units|cubic\s+meters)\b",
    re.IGNORECASE,
)


def _priced_work(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    """"Lunar Outpost of Golden, Colorado, will collect a sample ... for $1" in an item about
    awards: each organisation doing priced work is a recipient."""
    out = []
    for money in sentence.money:
        priced = PRICE_FOR.search(sentence.text[max(0, money.start - 25):money.start])
        paid = PAID.search(sentence.text[max(0, money.start - 50):money.start])
        if out and not (priced or paid) and GAPPED.search(sentence.text[max(0, money.start - 80):money.start]):
            paid = True  # "X was handed $700 million and Y about $692 million": the verb is not repeated
        if not (priced or paid) or not deal_money(sentence, money):
            continue
        if paid is not True and paid and paid.group(0).lower().startswith("bid") and (
                LOSING_BID.search(sentence.text) or _auction_item(ctx)):
            continue  # "Two rival offers fell short: Intuitive Machines bid $2.725 million": a losing bid
        # ("its joint venture ..., which received a $217.5 million NASA award": the clause is judged at its verb)
        verb_at = max(0, money.start - 50) + paid.start() if paid is not True and paid else money.start
        if hedged(sentence, money.start) or background(ctx, sentence, money.start, money.end) or \
                (verb_at != money.start and background(ctx, sentence, verb_at, money.end)):
            continue
        subject = subject_before(ctx, sentence, money.start, kinds=("company", "university"), limit=160)
        if subject is None or subject.how != "named":
            continue
        between = sentence.text[subject.mention.end:money.start]
        # after a first priced part, the verb is not repeated: "...; ispace Japan of Tokyo for $5,000; and Masten ..."
        elided = out and re.fullmatch(r"(?:\s+of\s+[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3})?,?\s+for\s+"
                                      r"(?:about\s+|just\s+|only\s+|roughly\s+)?", between)
        if re.search(r"[.;](?:\s|$)", between) or not (paid and len(between) <= 90 or re.search(r"\bwill\s+\w+", between) or
                                                       elided):
            continue
        out.append(candidate(ctx, sentence, "contract_award", "award.priced_work", actors=[subject.mention],
                             counterparties=_doc_agencies(ctx, sentence), money=money, amount_kind=_kind(sentence),
                             program=_program(ctx, sentence), confidence=0.7))
    return out


# "United Launch Alliance's $86.2 million is for a smart propulsion cryogenic system": in an item
# about awards, a winner's amount told by its possessive name and what it pays for
POSSESSIVE_PRICED_AFTER = re.compile(r"^\s+(?:is|was|will\s+go|goes|will\s+pay|pays|covers|will\s+cover|funds|will\s+fund)\s+"
                                     r"(?:for|to|toward|towards|a|an|the)\b", re.IGNORECASE)


def _possessive_priced(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for money in sentence.money:
        owner = next((m for m in sentence.mentions if m.possessive and m.kind in ("company", "university") and
                      m.org_shaped and re.fullmatch(r"['’]s?\s+(?:about\s+|roughly\s+|nearly\s+)?",
                                                    sentence.text[m.end:money.start])), None)
        if owner is None or not POSSESSIVE_PRICED_AFTER.match(sentence.text[money.end:money.end + 30]) or \
                not deal_money(sentence, money) or hedged(sentence, money.start) or \
                background(ctx, sentence, money.start, money.end):
            continue
        out.append(candidate(ctx, sentence, "contract_award", "award.possessive_priced", actors=[owner],
                             counterparties=_doc_agencies(ctx, sentence), money=money, amount_kind=_kind(sentence),
                             program=_program(ctx, sentence), confidence=0.65))
    return out


AUCTION_ITEM = re.compile(r"\b(?:auction|bankruptcy|Chapter\s+11|stalking[- ]horse|insolven\w+)\b", re.IGNORECASE)


def _auction_item(ctx: DocContext) -> bool:
    """An item about a sale out of bankruptcy: its bids are offers for assets, not awards."""
    if "auction_item" not in ctx.memo:
        ctx.memo["auction_item"] = bool(AUCTION_ITEM.search(ctx.document.title or "") or
                                        AUCTION_ITEM.search(ctx.document.text or ""))
    return ctx.memo["auction_item"]


def _award_context(ctx: DocContext) -> bool:
    """Is the item about awards (award language next to an agency or a program)?"""
    if "award_context" not in ctx.memo:
        ctx.memo["award_context"] = any(
            (s.programs or any(m.kind == "agency" for m in s.mentions)) and AWARD_CONTEXT.search(s.text)
            for s in ctx.sentences)
    return ctx.memo["award_context"]


def _program(ctx: DocContext, sentence: Sentence) -> str | None:
    if sentence.programs:
        return sentence.programs[0]
    for lead in ctx.lead_sentences(3):
        if lead.programs:
            return lead.programs[0]
    return None


def _kind(sentence: Sentence, money: MoneyMention | None = None, ctx: DocContext | None = None) -> str:
    """Obligation unless the words say task order or grant (in the sentence, or in the next
    one when that is where the amount was stated)."""
    lowered = sentence.text.lower()
    if money is not None and ctx is not None and not any(m is money for m in sentence.money):
        lowered += " " + " ".join(s.text.lower() for s in ctx.sentences
                                  if s.field == sentence.field and s.index == sentence.index + 1)
    if "task order" in lowered or "delivery order" in lowered:
        return "task_order"
    if "grant" in lowered:
        return "grant"
    return "obligation"


def _doc_agencies(ctx: DocContext, sentence: Sentence) -> list[Mention]:
    """The buyer when the sentence names none: an agency here, its program's agency ("a NASA
    SBIR contract"), or the agency the item's lead names."""
    here = [m for m in sentence.mentions if m.kind == "agency"] or sentence.program_agencies
    if here:
        return here[:1]
    for lead in ctx.lead_sentences(3):
        agencies = [m for m in lead.mentions if m.kind == "agency"] or lead.program_agencies
        if agencies:
            return agencies[:1]
    return []


BACKLOG = re.compile(r"\b(?:backlog|order\s+book)\b", re.IGNORECASE)


def _contract_follows(ctx: DocContext, sentence: Sentence) -> bool:
    """The next sentence names the contract ("The work comes as a CLPS task order; its value is $73 million")."""
    following = next((s for s in ctx.sentences if s.field == sentence.field and s.index == sentence.index + 1), None)
    return following is not None and bool(CONTRACT_WORD.search(following.text)) and bool(
        following.money or following.programs)


# The thing awarded named at length before its winners: "... (IDIQ) contracts to Blue Origin, SpaceX and ULA"
CONTRACTS_TO = re.compile(r"\b(?:contracts?|task\s+orders?|orders?|awards?|grants?|agreements?|study\s+contracts?)\s+"
                          r"(?:worth\s+[^,;]{1,40}?\s+)?to\s+(?:the\s+)?(?=[A-Z])")
# "NASA also selected Intuitive Machines and Lunar Outpost in the same competition": the sentence before named it
SAME_AWARD = re.compile(r"\b(?:in|for|under|from)\s+the\s+same\s+(?:competition|round|solicitation|selection|procurement|"
                        r"call|program(?:me)?|contract|opportunity)\b", re.IGNORECASE)


def _same_award_before(ctx: DocContext, sentence: Sentence, pos: int) -> bool:
    """The selection continues the award told just before: "also selected" or "in the same competition"."""
    if not (SAME_AWARD.search(sentence.text) or re.search(r"\balso\s+$", sentence.text[max(0, pos - 8):pos])):
        return False
    previous = ctx.previous(sentence)
    return previous is not None and previous.field == sentence.field and bool(CONTRACT_WORD.search(previous.text))


def _agent_form(ctx: DocContext, sentence: Sentence, pattern: re.Pattern = AGENT) -> list[EventCandidate]:
    out = []
    for match in prefilter.finditer(pattern, sentence.text):
        verb = match.group(1).lower()
        pos = match.start(1)
        before = sentence.text[:pos]
        if not verb.split()[0].endswith("ing") and re.search(r"\b(?:been|was|were|is|are|be|being)\s+"
                                                           r"(?:each\s+|also\s+|both\s+|all\s+|jointly\s+)?$", before,
                                                           re.IGNORECASE):
            continue  # passive: handled as the recipient form ("is handing" is active)
        if used_as_noun(sentence, pos) or PASSIVE_BY.match(sentence.text[match.end():]):
            continue
        if hedged(sentence, pos) or background(ctx, sentence, pos, match.end()):
            continue
        if COURT_BEFORE.search(sentence.text, max(0, pos - 40), pos):
            continue  # "an ICC tribunal later awarded Devas $562.5 million": damages, not a contract
        rest = sentence.text[match.end():]
        if not (CONTRACT_WORD.search(sentence.text) or sentence.money or sentence.programs or
                verb.startswith("selected") and (_contract_follows(ctx, sentence) or _same_award_before(ctx, sentence, pos))):
            continue  # ("said it had selected a team led by Draper ... The work comes as a CLPS task order")
        if BACKLOG.search(sentence.text):
            continue  # "has signed contracts with ESA ... and with Axiom Space ..., for a backlog of $750 million": a tally
        if verb in ("picked", "picks") and re.match(r"\s+up\b", rest):
            continue  # "picks up a contract" is the recipient form; "picks up Masten's assets" a purchase
        if verb in ("booked", "books") and BOOKED_CONTRACT.match(sentence.text[match.end():]):
            # "Thales Alenia Space books EUR522 million ExoMars contract": the booker won it
            winner = subject_before(ctx, sentence, pos, kinds=("company", "university"), strong=True)
            if winner is not None and not hedged(sentence, pos):
                money = amount_near(sentence, match.end())
                out.append(candidate(ctx, sentence, "contract_award", "award.booked", actors=[winner.mention],
                                     counterparties=_doc_agencies(ctx, sentence), money=money,
                                     amount_kind=_kind(sentence, money, ctx), program=_program(ctx, sentence),
                                     confidence=0.7))
            continue
        provide_with = verb.startswith("provid") and PROVIDE_WITH.match(sentence.text, match.end())
        ditransitive = verb in ("issued", "issues", "gave", "gives", "give", "handed", "hands", "handing") or \
            bool(provide_with)
        with_party = verb.startswith(("signed", "signs", "signing", "inked", "inks", "finali", "conclude", "executed",
                                      "entered", "exercised"))
        kinds = ("company", "university", "agency") if with_party else ("company", "university")
        # ("will provide moon exploration start-up ispace (9348.T) with a subsidy": described before it is named)
        recipients = objects_after(ctx, sentence, match.end(), kinds=kinds,
                                   max_gap=3 if ditransitive and not provide_with else 70)
        far_to = CONTRACTS_TO.search(sentence.text, match.end(), match.end() + 240) if not recipients and \
            verb.startswith(("awarded", "awards", "awarding", "issued", "issues")) else None
        if far_to is not None:
            # "Space Systems Command (SSC) today awarded National Security Space Launch (NSSL) Phase 3 Lane 1
            # indefinite-delivery/indefinite-quantity (IDIQ) contracts to Blue Origin, SpaceX and United Launch Alliance"
            recipients = objects_after(ctx, sentence, far_to.end(), kinds=kinds, strong=True, max_gap=3)
        if not recipients and verb.startswith(("selected", "selects", "picked", "picks", "chose", "tapped", "taps", "awarded",
                                               "awards")):
            # "NASA has picked Blueshift, L'Garde and Air Squared for Phase II awards": names right after an
            # agency's selection verb are its winners, however they are written
            named = objects_after(ctx, sentence, match.end(), kinds=kinds, strong=True, max_gap=2)
            giver = subject_before(ctx, sentence, pos, kinds=("agency", "jurisdiction"), strong=True) if named else None
            if giver is not None and giver.how == "named" and SELECTED_FOR.match(
                    sentence.text, named[-1].mention.end, named[-1].mention.end + 80):
                recipients = named
        counted = COUNTED_PARTIES.match(sentence.text, match.end()) or \
            FOLLOWING_PARTIES.search(sentence.text, match.end(), match.end() + 140)
        if with_party:
            # "signed contracts with Hélène Huby of The Exploration Company ... and with Massimo
            # Comparini of Thales Alenia Space": each "with" names a party, a person's firm after "of"
            each_with = _with_parties(sentence, match.end(), kinds)
            if len(each_with) > len(recipients):
                recipients = each_with
        unnamed = UNNAMED_RECIPIENTS.match(sentence.text, match.end())
        if unnamed and not counted:
            # "has awarded more than $26 million to five companies in its latest round of Space Exploration and
            # Aeronautics Research Fund grants": the winners are counted, not named here
            recipients = [r for r in recipients if r.mention.start < unnamed.start(1)]
        if counted and not recipients:
            # "signed agreements with three providers: ULA will fly 38 missions, Europe's Arianespace
            # gets 18 and Blue Origin takes 12": each clause after the colon opens with one of them
            recipients = [Found(m) for m in clause_heads(sentence, counted.end(), kinds)]
        money_to = MONEY_TO.match(sentence.text[match.end():]) if ditransitive and not recipients else None
        if money_to:  # "ESA hands €25m apiece to The Exploration Company and Thales Alenia Space"
            recipients = objects_after(ctx, sentence, match.end() + money_to.end(), kinds=kinds, max_gap=3)
        led = LED_TEAM.search(sentence.text[match.end():match.end() + 160])
        if with_party and led:
            # "signed a contract with an industrial team led by Swiss start-up ClearSpace SA": the leader
            recipients = objects_after(ctx, sentence, match.end() + led.end(), kinds=("company", "university"),
                                       strong=True, max_gap=40)[:1] or recipients
        # ("picked three companies for the first phase of its Demonstration Rocket for Agile Cislunar Operations
        # (DRACO) program": a name after "its" is the buyer's own program, never a winner)
        recipients = [r for r in recipients if not (r.how == "named" and re.search(
            r"\b(?:its|their)\s+$", sentence.text[max(0, r.mention.start - 7):r.mention.start]))]
        if not recipients:
            continue
        if recipients[0].how == "named" and re.search(r"\b(?:under|through|via|from|(?<!led\s)by|in|within)\s+(?:the\s+|its\s+|a\s+)?$",
                                                       sentence.text[match.end():recipients[0].mention.start]):
            continue  # "awarded under the NextSTEP-2 programme": a program, not the recipient
        # (a pronoun's antecedent sits in another sentence: read on from the verb)
        given = recipients[-1].mention.end if recipients[-1].how == "named" else match.end()
        if ditransitive and not money_to and not (
                re.match(r"^[^.;]{0,40}?\b(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:contract|task\s+order|order|grant|award|subsidy)\b",
                         sentence.text[given:]) or
                any(given <= m.start <= given + 40 and deal_money(sentence, m) for m in sentence.money)):
            continue  # "gives us the runway", "gives Firefly a fully diluted value of $7 billion": no award given
        if ditransitive and CASH_GIVEN.match(sentence.text, given):
            continue  # "a $110 million PIPE gives Momentus approximately $247 million in cash": a deal's proceeds
        agent = subject_before(ctx, sentence, pos, kinds=("agency", "company", "jurisdiction", "university"),
                               strong=True)
        if agent and any(agent.mention.org_id == r.mention.org_id for r in recipients):
            continue
        if agent and agent.mention.source == "discovered" and not agent.mention.org_shaped and \
                PERSON_TITLE_AFTER.match(sentence.text, agent.mention.end):
            agent = None  # "François-Philippe Champagne, Minister of Innovation, ..., announced": a person speaks
        after_objects = sentence.text[recipients[-1].mention.end if recipients[-1].how == "named" else match.end():]
        service = bool(LAUNCH_SERVICE.match(after_objects)) or bool(
            counted and COUNTED_SERVICE.search(sentence.text[counted.end():]))
        launch = agent is not None and agent.mention.kind == "company" and service
        counterparties = [agent.mention] if agent else _doc_agencies(ctx, sentence)
        if with_party and re.search(r"\b(?:purchase|merger|acquisition|membership\s+interest|stock|share|asset)s?\b",
                                    verb, re.IGNORECASE):
            continue  # a purchase or merger agreement is an acquisition, not an award
        if with_party:
            # "X signed a contract with Y": who is paid depends on who is who. A provider
            # named to launch or carry something is paid; an agency pays a company; a company
            # signing with an agency is the contractor.
            other = recipients[0].mention
            if service or (agent is not None and agent.mention.kind in ("agency", "jurisdiction")):
                if other.kind == "agency":
                    continue
            elif other.kind == "agency" and agent is not None and agent.mention.kind in ("company", "university"):
                recipients, counterparties = [agent], [other]
            elif not sentence.money:
                continue  # an agreement between companies without a service or a price: a partnership
        elif agent is not None and agent.mention.kind == "company" and verb in (
                "selected", "selects", "picked", "picks", "chose", "chooses", "tapped", "taps") and not (
                launch or sentence.money or re.search(r"\b(?:contract|order|supplier|provider|vendor)\b", rest, re.I)):
            continue  # a company "selecting" another without a contract or service is not an award
        money = _money_for(ctx, sentence, match.end(), len(recipients))
        for index, recipient in enumerate(recipients):
            own = _clause_money(sentence, recipients, index) if counted and money is None else None
            out.append(candidate(
                ctx, sentence, "contract_award", f"award.agent.{verb.split()[0]}" + (".launch" if service else ""),
                actors=[recipient.mention], counterparties=counterparties, money=own or money,
                amount_kind=_kind(sentence, own or money, ctx), program=_program(ctx, sentence),
                confidence=0.7 + (0.15 if own or money else 0) + (0.05 if agent else 0),
            ))
    return out


_PERSON = r"(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*"
_TITLE = (r"(?i:CEO|chief\s+executive(?:\s+officer)?|president|head|founder|co-founder|director(?:[- ]general)?|"
          r"chair(?:man|woman)?|managing\s+director|general\s+manager)")
# "with Hélène Huby, CEO of The Exploration Company", "and Massimo Comparini of Thales Alenia Space"
WITH_PARTY_BEFORE = re.compile(rf"\b(?P<link>with|and)\s+(?P<person>{_PERSON},?\s+(?:(?:the\s+)?{_TITLE}\s+)?(?:of|from|at)\s+)?"
                               r"(?:the\s+)?$")
# "with The Exploration Company chief executive Hélène Huby and Thales Alenia Space CEO Massimo Comparini"
TITLE_NAME_AFTER = re.compile(rf"\s+{_TITLE}\s+[A-Z]")  # used with .match(text, pos)


def _with_parties(sentence: Sentence, start: int, kinds: tuple[str, ...]) -> list[Found]:
    """The organisations a signing was "with": after "with", and after "and" once a first one is
    found when a person and title stand for the organisation."""
    found: list[Found] = []
    for mention in sentence.mentions:
        if mention.start < start or mention.source == "discovered" or not eligible(mention, kinds):
            continue
        link = WITH_PARTY_BEFORE.search(sentence.text, max(0, start - 5, mention.start - 70), mention.start)
        if link is None:
            continue
        titled = link.group("person") or TITLE_NAME_AFTER.match(sentence.text, mention.end)
        if link.group("link").lower() == "with" or (found and titled):
            found.append(Found(mention))
    return found


def _clause_money(sentence: Sentence, recipients: list[Found], index: int) -> MoneyMention | None:
    """"Lunar Outpost for $1; Masten for $15,000": in an enumeration, the one amount of a
    recipient's own clause (up to the next recipient) is its award's."""
    start = recipients[index].mention.end
    end = recipients[index + 1].mention.start if index + 1 < len(recipients) else len(sentence.text)
    inside = [m for m in sentence.money if start <= m.start < end and deal_money(sentence, m)]
    return inside[0] if len(inside) == 1 else None


WENT_TO = re.compile(r"\b(?:contracts?|task\s+orders?|awards?|grants?|orders?|deals?)\b[^.;]{0,60}?\b((?:went|goes|go)\s+to)\s+",
                     re.IGNORECASE)
# "NASA's newest task order did not go to one of the usual shops. It went to Draper ...": "it" is the order.
IT_WENT_TO = re.compile(r"^\W*(?:Instead,?\s+)?(?:it|this\s+one|the\s+(?:order|contract|award))\s+((?:went|goes)\s+to)\s+",
                        re.IGNORECASE)
AWARD_NOUN = re.compile(r"\b(?:contracts?|task\s+orders?|awards?|grants?|orders?)\b", re.IGNORECASE)


# "Second place, $75,000: a team of students from the Colorado School of Mines", "First place and
# $125,000 go to Redwire Space": a challenge's prize to a placed team.
PLACED = re.compile(r"\b(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|top|grand)\s+(?:place|prize)\b"
                    r"[^.;:]{0,40}?(?::|\b(?:go(?:es)?|went)\s+to\b)\s*", re.IGNORECASE)


CHALLENGE = re.compile(r"\b(?:challenge|competition|contest|prizes?|centennial|hackathon)\b", re.IGNORECASE)


def _challenge_item(ctx: DocContext) -> bool:
    """A challenge's or competition's results (places are prizes), not a ranking of the year."""
    if "challenge_item" not in ctx.memo:
        ctx.memo["challenge_item"] = any(CHALLENGE.search(s.text) for s in ctx.title + ctx.lead_sentences(3))
    return ctx.memo["challenge_item"]


def _placed(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for match in PLACED.finditer(sentence.text):
        if hedged(sentence, match.start()) or background(ctx, sentence, match.start(), match.end()):
            continue
        winners = objects_after(ctx, sentence, match.end(), kinds=("company", "university"), strong=True, max_gap=45)
        if not winners:
            continue
        money = next((m for m in sentence.money if match.start() <= m.start < match.end()), None)
        out.append(candidate(ctx, sentence, "contract_award", "award.prize_place", actors=[winners[0].mention],
                             counterparties=_doc_agencies(ctx, sentence), money=money, amount_kind="grant",
                             program=_program(ctx, sentence), confidence=0.7))
    return out


def _went_to(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    """"The largest of the three task orders, $97 million, went to Orbit Beyond": the award's
    subject is the award itself; its amount is written between it and the verb."""
    out = []
    matches = list(WENT_TO.finditer(sentence.text))
    it_went = IT_WENT_TO.match(sentence.text)
    if it_went and not matches:
        previous = ctx.previous(sentence)
        noun = AWARD_NOUN.search(previous.text, 0, 80) if previous is not None else None
        if noun and not re.search(r"\b(?:under|through|via|with|for|by|from)\s+(?:\S+\s+){0,5}$", previous.text[:noun.start()],
                                  re.IGNORECASE):
            matches = [it_went]  # "NASA's newest task order did not go to ... It went to Draper" (not "built under a contract")
    for match in matches:
        pos = match.start(1)
        if hedged(sentence, pos) or background(ctx, sentence, pos, match.end()):
            continue
        recipients = objects_after(ctx, sentence, match.end(), kinds=("company", "university"), max_gap=3)
        if not recipients:
            continue
        money = next((m for m in sentence.money if match.start() <= m.start < pos and deal_money(sentence, m)), None)
        if money is None and match.re is IT_WENT_TO:  # "It went to Draper ... and it is worth $73 million"
            money = next((m for m in sentence.money if m.start > match.end() and
                          re.search(r"\b(?:worth|valued\s+at)\s+(?:about\s+|some\s+|nearly\s+)?$",
                                    sentence.text[max(0, m.start - 25):m.start])), None)
        out.extend(candidate(ctx, sentence, "contract_award", "award.went_to", actors=[r.mention],
                             counterparties=_doc_agencies(ctx, sentence), money=money if len(recipients) == 1 else None,
                             amount_kind=_kind(sentence, money, ctx), program=_program(ctx, sentence), confidence=0.65)
                   for r in recipients)
    return out


BOOKED_CONTRACT = re.compile(r"^\s*(?:an?\s+|its\s+)?(?:[\w$€£¥.,-]+\s+){0,4}?(?:contract|order|deal|task\s+order)s?\b",
                             re.IGNORECASE)
MONEY_TO = re.compile(r"^\s*(?:(?:a|an|two|three|four|five|six|\d+)\s+(?:[\w-]+\s+){0,2}?(?:contracts?|awards?|grants?|"
                      # "has handed two contracts of 25 million euros ($27 million) each to startup The Exploration Company"
                      r"agreements?|orders?)\s+(?:of|worth|valued\s+at)\s+)?(?:about\s+|nearly\s+|over\s+|up\s+to\s+)?"
                      r"(?:[$€£¥]\s?[\d.,]+\s*(?:m|bn|k|million|billion)?|[\d.,]+\s+(?:million|billion)\s+"
                      r"(?:euros?|dollars|pounds|yen))\s+(?:\([^)]{1,30}\)\s+)?(?:apiece\s+|each\s+)?to\s+"
                      r"(?:(?:the\s+)?(?:start-?ups?|startups?|companies|firms)\s+)?", re.IGNORECASE)
# "picked Blueshift, L'Garde and Air Squared for Phase II awards", "for study contracts" (not "for the award ceremony")
SELECTED_FOR = re.compile(r"\s*(?:,\s*)?(?:for\s+(?:[\w-]+\s+){0,3}?(?:awards?|contracts?|grants?|task\s+orders?|funding|studies|"
                          r"study)|to\s+(?:develop|build|design|demonstrate|mature|study)\b[^.;]{0,80}?\b(?:under|through)\s+"
                          r"(?:its|the|a)\s+(?:[\w-]+\s+){0,3}?(?:program|programme|contracts?|awards?))\b(?!\s+(?:ceremon\w+|gala|dinner|show|event|night|programme\s+of\s+events))", re.IGNORECASE)
COURT_BEFORE = re.compile(r"\b(?:tribunal|court|arbitrators?|arbitration\s+panel|jury|judge|arbitrator)\s+(?:[\w-]+\s+){0,2}$",
                          re.IGNORECASE)
PROVIDE_WITH = re.compile(r"\s+(?:\([^)]{0,30}\)|[^.;(]){1,80}?\bwith\s+(?:a|an)\s")  # "provide ispace with a subsidy"
# "Champagne, Minister of Innovation": a person named with the office held
PERSON_TITLE_AFTER = re.compile(r",?\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,2}(?:Minister|Secretary|Administrator|Governor|"
                                r"President|Premier|Chancellor|Senator|Commissioner|Ambassador|Mayor)\b")
# "... gives Momentus approximately $247 million in cash before fees": what a merger leaves the company
CASH_GIVEN = re.compile(r"\s*(?:about\s+|approximately\s+|roughly\s+|nearly\s+|some\s+)?[$€£¥][\d.,]+\s*"
                        r"(?:million|billion|m|bn)?\s+(?:in|of)\s+(?:gross\s+|net\s+)?(?:cash|proceeds|liquidity)\b",
                        re.IGNORECASE)
EACH = re.compile(r"\b(?:each|apiece|per\s+(?:team|company|award|recipient|winner))\b", re.IGNORECASE)


def _money_for(ctx: DocContext, sentence: Sentence, pos: int, recipients: int) -> MoneyMention | None:
    """The amount of one award: the sentence's own, or the next sentence's ("The task order is
    valued at $73 million"). With several recipients only an amount said to be each one's
    ("each worth about $5 million", "$5 million apiece") belongs to every one of them."""
    if recipients == 1:
        return amount_near(sentence, pos) or amount_following(ctx, sentence)
    # ("signed contracts with A and B ... Each company will receive €25 million for Phase 1")
    return _each_amount([sentence], before=25) or _each_worth_next(ctx, sentence)


BOTH_SUBJECT = re.compile(r"^\W*(?:Both|The\s+two)\s+(?:companies|firms|start-?ups|providers|teams|operators)\s+"
                          r"(?:each\s+|also\s+|have\s+|will\s+)*$", re.IGNORECASE)


def _pair_before(ctx: DocContext, sentence: Sentence) -> list[Mention]:
    """The two organisations the sentence just before names, when it names exactly two (besides agencies)."""
    previous = ctx.previous(sentence)
    if previous is None:
        return []
    named = list({m.org_id: m for m in previous.mentions if eligible(m, ("company", "university"))}.values())
    return named if len(named) == 2 else []


# "got ₹12,543.91 crore in the 2023-24 Union Budget", "gets $25 billion in the budget request"
BUDGET_SHARE = re.compile(r"^(?:[^.;]|\.\d){0,60}?\b(?:in|from|under)\s+(?:the\s+|its\s+|this\s+year['’]s\s+)?(?:[\w-]+\s+){0,3}?"
                          r"(?:budget|appropriations?|spending\s+bill)\b", re.IGNORECASE)
# "ULA received $337 million and SpaceX $316 million": the verb left out before the second receiver
GAPPED_RECEIVER = re.compile(r"\s*,?\s+and\s+$")


def _gapped_receivers(ctx: DocContext, sentence: Sentence, verb_end: int, money, subject: Mention) -> list[EventCandidate]:  # noqa: ANN001
    """Receivers whose verb is understood from the first: "A received $337 million and B $316 million"."""
    if money is None or money not in sentence.money:
        return []
    out = []
    previous_end = money.end
    for mention in sentence.mentions:
        if mention.start < previous_end or not GAPPED_RECEIVER.match(sentence.text[previous_end:mention.start]):
            continue
        if not eligible(mention, ("company", "university"), strong=True) or mention.org_id == subject.org_id:
            break
        own = next((m for m in sentence.money if m.start > mention.end and
                    re.fullmatch(r"\s+(?:about\s+|roughly\s+|nearly\s+|some\s+)?", sentence.text[mention.end:m.start])), None)
        if own is None:
            break
        out.append(candidate(ctx, sentence, "contract_award", "award.recipient.gapped", actors=[mention],
                             counterparties=_doc_agencies(ctx, sentence), money=own, amount_kind=_kind(sentence, own, ctx),
                             program=_program(ctx, sentence), confidence=0.7))
        previous_end = own.end
    return out


def _recipient_form(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for match in prefilter.finditer(RECIPIENT, sentence.text):
        verb = match.group(1).lower()
        pos = match.start(1)
        if used_as_noun(sentence, pos) or hedged(sentence, pos) or background(ctx, sentence, pos, match.end()):
            continue
        if LEGAL_WIN.search(sentence.text, max(0, pos - 30), pos):
            continue  # "Astrobotic's $4.5M bankruptcy win": a court or auction, not a contract
        if re.search(r"\b(?:follows|followed|after)\b[^.;]*\b(?:in|during)\s+which\b[^.;]{0,80}$", sentence.text[:pos]):
            continue  # "The selection follows Stage 1, in which ELO2 and the rival AROSE consortium each received $4 million"
        if verb == "won" and re.search(r"(?:\d|\b(?:million|billion|trillion|thousand|hundred))\s+$", sentence.text[max(0, pos - 12):pos]):
            continue  # "raised 57.6 billion won": Korea's currency
        if verb == "win" and re.search(r"\bto\s+$", sentence.text[max(0, pos - 4):pos]):
            continue  # "offered to waive up to $2 billion in payments to win a second contract": a purpose
        _, clause_end = clause_bounds(sentence, match.end())
        rest = sentence.text[match.end():clause_end]
        if NOT_AN_AWARD_OBJECT.match(rest) or re.search(r"\bright\s+to\s+$", sentence.text[max(0, pos - 12):pos]):
            continue  # "received gross proceeds of $777 million" is a raise; "the right to receive $58.00" a price
        if re.match(r"\s+(?:to\s+be\s+(?:carried|flown|hosted|launched)|as\s+(?:a\s+)?(?:payloads?|passengers?))\b", rest,
                    re.IGNORECASE):
            continue  # "payloads ... have been selected to be carried on the mission": a ride, not a contract
        if re.match(r"\s+(?:the\s+|most\s+|all\s+the\s+)?(?:headlines|attention|coverage|praise|spotlight|limelight)\b", rest,
                    re.IGNORECASE):
            continue  # "Interlune's emergence from stealth got the headlines for its funding"
        if FROM_INVESTORS.search(rest[:120]):
            continue  # "gets 150 million euros from U.S. investor Eldridge": a round (funding rules)
        if BUDGET_SHARE.search(rest[:110]):
            continue  # "the Department of Space got ₹12,543.91 crore in the 2023-24 Union Budget": an allocation
        if any(match.end() <= m.start < match.end() + 40 and ROUND_AFTER_MONEY.match(sentence.text[m.end:m.end + 40])
               for m in sentence.money):
            continue  # "lands $40M Series A": a round (funding rules)
        if verb in ("took", "takes", "picked up") and not TOOK_AN_AWARD.match(rest):
            continue
        if re.match(r"(?:scoop|snap|bag|nab|snag|pick)", verb) and BOUGHT_COMPANY.match(rest) and \
                not CONTRACT_WORD.search(rest[:BOUGHT_COMPANY.match(rest).end()]) and any(
                m.kind == "company" and match.end() < m.start <= match.end() + BOUGHT_COMPANY.match(rest).end() + 1
                for m in sentence.mentions):
            continue  # "Astrobotic scoops up bankrupt lander rival Masten": a company bought, not an award
        if re.match(r"(?:scoop|snap|bag|nab|snag|pick|win|won)", verb) and BOUGHT_ASSETS.match(rest):
            continue  # "scoops up bankrupt Masten's assets": a purchase (acquisition rules)
        if RECIPIENT_NEEDS_OBJECT.match(verb):
            head = rest[:90]
            loose = verb in ("won", "wins", "win", "took", "takes", "picked up", "secured", "secures", "clinched",
                             "clinches", "scooped", "bagged") and _award_context(ctx)
            if not (CONTRACT_WORD.search(head) or any(match.end() <= m.start < match.end() + 40 and deal_money(sentence, m)
                                                      for m in sentence.money) or loose or
                    COUNTED_SERVICE.match(head.lstrip())):  # "Arianespace secured 18 launches of the Ariane 6"
                continue
        if re.search(r"\b(?:how|what|where|why)\s+\w+\s+$", sentence.text[max(0, pos - 30):pos], re.IGNORECASE):
            continue  # "how we got here": a question, not a receiver
        if re.match(r"^\s*[,.;]", rest) and verb in ("won", "wins", "win"):
            continue  # "so Astrobotic won, and the court signed off": won what is not said here
        if re.search(r"\b(?:who|that|which)\s+(?!(?:it|we|they|the\s+company)\s)(?:\w+\s+){0,2}$",
                     sentence.text[max(0, pos - 30):pos], re.IGNORECASE):
            continue  # "technicians who will receive ...": the receiver is not an organisation ("that it has been",
            # "announce that the Company was adopted" are)
        if re.match(r"^(?:lands?|landed)$", verb) and not re.search(r"\b(?:contract|order|award|deal|mission\s+award|grant)\b|\$", rest[:80], re.I):
            continue
        passive_to = PASSIVE_TO.match(rest)
        if passive_to and verb.split()[-1] in ("awarded", "given", "granted", "issued", "let"):
            # "A contract to build X has been awarded by NASA to Lockheed Martin": the receiver follows "to"
            receiver = next((m for m in sentence.mentions if m.start == match.end() + passive_to.end()
                             and eligible(m, ("company", "university"), strong=True)), None)
            if receiver is not None:
                givers = [m for m in sentence.mentions if match.end() <= m.start < receiver.start
                          and m.kind in ("agency", "jurisdiction", "company")]
                money = amount_near(sentence, match.end()) or amount_following(ctx, sentence)
                out.append(candidate(ctx, sentence, "contract_award", "award.passive_to", actors=[receiver],
                                     counterparties=givers[:2] or _doc_agencies(ctx, sentence), money=money,
                                     amount_kind=_kind(sentence, money, ctx), program=_program(ctx, sentence),
                                     confidence=0.75 + (0.1 if money else 0)))
            continue
        strong = bool(sentence.money) and not verb.startswith(("was", "were", "is", "are", "has", "have"))
        subject = subject_before(ctx, sentence, pos, kinds=("company", "university"), strong=strong)
        pair = _pair_before(ctx, sentence) if subject is None and BOTH_SUBJECT.match(sentence.text[:pos]) else []
        if pair:
            # "The Space Force has added Rocket Lab and Stoke Space to the pool ... Both companies received
            # IDIQ contracts and an initial $5 million task order each": the two just named
            money = amount_near(sentence, match.end())
            out.extend(candidate(ctx, sentence, "contract_award", f"award.recipient.{verb.split()[-1]}", actors=[m],
                                 counterparties=_doc_agencies(ctx, sentence), money=money,
                                 amount_kind=_kind(sentence, money, ctx), program=_program(ctx, sentence),
                                 confidence=0.7) for m in pair)
            continue
        if subject is None:
            continue
        givers = [m for m in sentence.mentions if m.start >= match.end() and m.kind in ("agency", "jurisdiction")
                  and m.org_id != subject.mention.org_id]
        if not givers:
            givers = [m for m in sentence.mentions if m.kind == "agency" and m.org_id != subject.mention.org_id]
        if not givers:
            after = [m for m in sentence.mentions if match.end() <= m.start < clause_end and eligible(m, ("agency", "company"))
                     and re.search(r"\b(?<!followed\s)(?:by|from|with)\s+(?:the\s+)?$", sentence.text[max(0, m.start - 21):m.start], re.I)]
            givers = after[:1]
        money = amount_near(sentence, match.end()) or amount_following(ctx, sentence)
        if verb.endswith(("picked", "selected", "chosen", "tapped")):
            # "Blue Origin was picked for descent studies, SpaceX for a lander prototype"
            for extra in re.finditer(r"(?:,|;|\band)\s+(?:and\s+)?", rest):
                follower = next((m for m in sentence.mentions if m.start == match.end() + extra.end()
                                 and eligible(m, ("company", "university"), strong=True)), None)
                if follower is not None and re.match(r"^\s+for\b", sentence.text[follower.end:]):
                    out.append(candidate(ctx, sentence, "contract_award", "award.recipient.ellipsis",
                                         actors=[follower], counterparties=_doc_agencies(ctx, sentence),
                                         program=_program(ctx, sentence), confidence=0.65))
        also = AS_WAS.search(sentence.text, match.end())
        if also:  # "Helios ... was also selected, as was Honeybee Robotics"
            for other in objects_after(ctx, sentence, also.end(), kinds=("company", "university"), strong=True, max_gap=3):
                out.append(candidate(ctx, sentence, "contract_award", "award.recipient.as_was", actors=[other.mention],
                                     counterparties=_doc_agencies(ctx, sentence), program=_program(ctx, sentence),
                                     confidence=0.65))
        out.extend(_gapped_receivers(ctx, sentence, match.end(), money, subject.mention))
        winners = [subject.mention]
        # ("... consortium and the EPE and Lunar Outpost Oceania consortium will each receive", "A, B and C each
        # receive a task order"): a plural subject, told by its verb or by "each"
        if subject.how == "named" and (verb.startswith(("were", "are", "have")) or
                                       re.search(r"\b(?:each|both|jointly)\s+$", sentence.text[subject.mention.end:pos])):
            # "ispace Japan and its Luxembourg subsidiary, ispace Europe, were each awarded $5,000": every subject
            for earlier in reversed([m for m in sentence.mentions if m.end <= winners[0].start and
                                     eligible(m, ("company", "university"), strong=True)]):
                if not LIST_GAP.match(sentence.text[earlier.end:winners[0].start]):
                    break
                winners.insert(0, earlier)
        if len(winners) > 1 and money is not None and money not in sentence.money:
            money = None  # the next sentence's value is one winner's ("Intuitive Machines said its ... is worth $30M")
        out.extend(candidate(
            ctx, sentence, "contract_award", f"award.recipient.{verb.split()[-1]}",
            actors=[winner], counterparties=givers[:2] or _doc_agencies(ctx, sentence), money=money,
            amount_kind=_kind(sentence, money, ctx), program=_program(ctx, sentence),
            confidence=0.7 + (0.15 if money else 0),
        ) for winner in winners)
    return out


EARLIER_PHASE = re.compile(r"^\W*(?:In|During|Under|For)\s+(?:the|an|its|their)\s+(?:earlier|previous|prior|original)\s+"
                           r"(?:[\w-]+\s+){0,2}?(?:phase|round|stage|competition|awards?|contracts?|selections?)\b",
                           re.IGNORECASE)
PRICED_LIST_INTRO = re.compile(r"\b(?:awards?|contracts?|task\s+orders?|orders|agreements|deals)\s*:[^:]*$|"
                               r"\b(?:awards?|contracts?|selections|winners)\s+(?:include|included|including)\b[^:;]*$",
                               re.IGNORECASE)
PRICED_GAP = re.compile(rf"(?:\s*{HOME}){{0,2}},?\s*~?\s*")


def _list_pairs(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    """"ORG — $X", "$X to ORG", "ORG will receive $X", "and ORG $X" in an item about awards."""
    out = []
    if re.search(r"\b(?:raised|raises|round|valuation|revenue|market|investors?|series\s+[a-h]|seed|ipo|funding|"
                 r"financing|acquisition|takeover|merger)\b", sentence.text, re.I):
        return out  # "IMPULSE SPACE — $300M SERIES C": a round's head line, not an award
    if _auction_item(ctx) and re.search(r"\b(?:offered|offers?|bid|bids)\b", sentence.text, re.I):
        return out  # "Intuitive Machines offered $2.725 million for Masten's launch credit": an auction's offer
    if EARLIER_PHASE.match(sentence.text):
        return out  # "In the earlier design phase that began in April 2020, NASA split nearly $1 billion ...: $579 million to ..."
    paired = False
    for money in sentence.money:
        if not deal_money(sentence, money) or hedged(sentence, money.start) or \
                background(ctx, sentence, money.start, money.end):
            continue
        recipient = None
        pattern = None
        for mention in reversed([m for m in sentence.mentions if m.end <= money.start and eligible(m, ("company", "university"))
                                 and not re.search(r"\([^)]*$", sentence.text[:m.start])]):
            gap = sentence.text[mention.end:money.start]  # (a mention inside brackets is an aside)
            if PAIR_DASH.match(gap) and (mention.start <= 3 or sentence.text[:mention.start].strip() in ("-", "•", "*", "–", "—")):
                recipient, pattern = mention, "award.list.dash"
            elif PAIR_VERB.match(gap):
                recipient, pattern = mention, "award.list.receives"
            elif PRICED_GAP.fullmatch(gap) and re.search(r"(?:[:,]|\band|\binclude|\bincluding)\s*$",
                                                         sentence.text[:mention.start]) and \
                    PRICED_LIST_INTRO.search(sentence.text[:mention.start]):
                # "... Lane 2 awards: SpaceX ~$5.9B (28 missions), ULA ~$5.4B (19), Blue Origin ~$2.4B (7)", "awards
                # include Intuitive Machines of Houston, $41.6 million, to ..., and Nokia of America of Sunnyvale, ..."
                recipient, pattern = mention, "award.list.priced"
            elif paired and PAIR_ELLIPSIS.match(gap) and re.search(r"(?:,|\band)\s*$", sentence.text[:mention.start]):
                # "ULA gets $86.2 million ..., and SpaceX $53.2 million": only after a first pair.
                recipient, pattern = mention, "award.list.ellipsis"
            break
        if recipient is None and sentence.text.count("|") >= 2:
            # a table's row: "Lunar Outpost (Golden, Colo.) | $1 | south pole, 2023", "Intuitive Machines (Houston) |
            # Moon RACER | AVL, Boeing, Michelin, Northrop Grumman | $30 million"
            recipient = _table_row_head(sentence, money)
            pattern = "award.list.table"
            dated = re.match(r"\s*\(((?:19|20)\d\d)\)", sentence.text[money.end:])
            years = [int(cell) for cell in (sentence.text[a:b].strip() for a, b in table_cells(sentence.text))
                     if re.fullmatch(r"(?:19|20)\d\d", cell)]
            if ctx.published is not None and ((dated and int(dated.group(1)) < ctx.published.year) or
                                               (years and max(years) < ctx.published.year)):
                # "| Astrobotic | $199.5M (2020) | Upcoming |", "| 2019 | Astrobotic | Peregrine | $79.5M |": a
                # scorecard's earlier awards
                recipient = None
        if recipient is None:
            for mention in [m for m in sentence.mentions if m.start >= money.end and eligible(m, ("company", "university"))][:1]:
                if PAIR_TO.match(sentence.text[money.end:mention.start]):
                    recipient, pattern = mention, "award.list.to"
        if recipient is None:
            # ("Mission Control, of Ottawa, receives $4.7 million, and ...": a first pair the recipient rule reads;
            # "The biggest awards went to Blue Origin of Kent, Washington, $34.7 million ..., and Astrobotic of
            # Pittsburgh, $34.6 million": a first pair after "went to")
            paired = paired or bool(PAIR_VERB_BEFORE.search(sentence.text, max(0, money.start - 40), money.start)) or \
                bool(WENT_TO_PAIR.search(sentence.text, max(0, money.start - 90), money.start))
            continue
        paired = True
        out.append(candidate(
            ctx, sentence, "contract_award", pattern, actors=[recipient], counterparties=_doc_agencies(ctx, sentence),
            money=money, amount_kind=_kind(sentence), program=_program(ctx, sentence), confidence=0.75,
        ))
    return out


def _table_row_head(sentence: Sentence, money: MoneyMention) -> Mention | None:
    """The organisation opening the table row whose cell holds ``money``: the nearest one before it
    with only its home and up to two cells without amounts between, and no list around it (the
    row's "industry partners" cell is no winner)."""
    for mention in reversed([m for m in sentence.mentions if m.end <= money.start and eligible(m, ("company", "university"))
                             and not re.search(r"\([^)]*$", sentence.text[:m.start])]):
        if not PIPE_PAIR.match(sentence.text[mention.end:money.start]):
            continue  # (a name inside a list cell: the row's head stands further back)
        cell_start = sentence.text.rfind("|", 0, mention.start) + 1
        if "," not in sentence.text[cell_start:mention.start] and not re.match(r"\s*,", sentence.text[mention.end:]):
            return mention
    return None


FINAL_APPOSITIVE = re.compile(r"^,\s+(?:the|a|an)\s+[^,;:()]{3,80}?\s+(?:company|firm|start-?up|startup|maker|developer|"
                              r"builder|provider|specialist|operator|manufacturer|subsidiary|unit)(?=\s*\.?$)", re.IGNORECASE)


def _colon_list(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    """"Track 1, one-year studies: A, B, the University of C and D." - each listed winner."""
    colon = sentence.text.find(":")
    if colon < 0 or sentence.field != "text":
        return []
    intro = sentence.text[:colon]
    if re.search(r"\b(?:include|including|such as|like|partners?|team|teaming|teammates?|subcontractors?|suppliers?|"
                 r"investors?|signatories|backers|units?|"
                 r"divisions?|segments?|subsidiaries|businesses|brands|products|services|out\s+after|"
                 r"(?:is|are|was|were)\s+out|dropped(?:\s+out)?|knocked\s+out|eliminated|losers?|losing|unsuccessful|"
                 r"rejected|not\s+selected|(?:were|was)\s+cut|rivals?|competitors?|close\s+behind)\b", intro, re.I):
        return []  # "offered through its three business units: Delivery Services, ...": parts of a company
    members = [m for m in list_after_intro(sentence, colon + 1, kinds=("company", "university"))]
    if any(m.source == "discovered" and not m.org_shaped for m in members):
        return []  # "Name of representative: Takeshi Hakamada, Representative Director": a person, a title
    if len(members) < 2 and sentence.text.count(";", colon) >= 2 and SELECTION_VERB.search(intro) and sentence.money:
        # "NASA has selected four companies to collect ... on the Moon: Lunar Outpost of Golden, Colorado, for
        # $1; ispace Japan of Tokyo, for $5,000; ...": a priced part for each winner
        index = sentence.index - len(ctx.title)  # (its place in the body)
        return _listed_parts(ctx, sentence, colon + 1, index, "award.list.colon")
    if len(members) < 2 or members[0].start - colon > 6:
        return []
    tail = re.sub(r"^\s*\([^)]{0,60}\)", "", sentence.text[members[-1].end:])
    tail = HOME_AT_START.sub("", tail).strip()  # its home
    tail = FINAL_APPOSITIVE.sub("", tail)  # "... and Honeybee Robotics, the Blue Origin-owned robotics firm."
    if tail not in ("", ".") and not tail.startswith("."):
        return []
    money = _each_worth_next(ctx, sentence)
    return [
        candidate(ctx, sentence, "contract_award", "award.list.colon", actors=[m],
                  counterparties=_doc_agencies(ctx, sentence), money=money, amount_kind=_kind(sentence, money, ctx),
                  program=_program(ctx, sentence), confidence=0.65)
        for m in members
    ]


EACH_WORTH = re.compile(r"^\W*(?:Each|Every)\s+(?:"
                        # "Each company will receive €25 million for Phase 1"
                        r"(?:company|team|winner|firm|consortium|recipient|one|provider)\s+(?:will\s+)?(?:receives?|gets?)"
                        r"(?=\s+(?:up\s+to\s+|about\s+)?(?:[$€£¥]|\d|EUR|USD|GBP))|"
                        r"(?:[\w-]+\s+){0,2}?(?:contract|award|agreement|grant|order)\b[^.;]{0,40}?"
                        r"\b(?:is|was|are|were)\s+(?:worth|valued\s+at)|(?:one|company|team|winner|firm)\s+(?:will\s+)?"
                        # "Each one receive a contract of up to €25 million" (non-native English)
                        r"(?:receives?|gets?|wins?)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:contract|award|agreement|grant|order)"
                        r"\s+(?:of|worth|valued\s+at))\s+", re.IGNORECASE)


def _each_worth_next(ctx: DocContext, sentence: Sentence) -> MoneyMention | None:
    """"... with two companies: A and B. Each contract is worth up to €25 million.": every listed
    winner's amount, told once in the next sentence."""
    following = next((s for s in ctx.sentences if s.field == sentence.field and s.index == sentence.index + 1), None)
    if following is None or not following.money:
        return None
    worth = EACH_WORTH.match(following.text)
    return next((m for m in following.money if worth and m.start >= worth.end() - 12 and deal_money(following, m)), None)
