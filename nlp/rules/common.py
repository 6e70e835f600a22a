"""What every event rule needs: hedges, background clauses, subjects, lists, coreference, amounts.

The rules are positional, not parsed: blank English has no dependency parser, and the market's
news is written in a small number of shapes ("NASA has awarded X $Y", "X raised $Y led by Z",
"X has acquired Y"). So the helpers here answer positional questions about one sentence: the
organisation just before a verb (its subject), the organisations just after it (its objects,
as a list when the text lists several), whether the verb is hedged ("plans to raise") or set
in the past ("which won ... last year"), and which money mention belongs to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from dataclasses import dataclass

from nlp.context import PARTY_KINDS, DocContext, Mention, Sentence
from nlp.money import MoneyMention
from nlp.timing import BACKGROUND_AFTER, BACKGROUND_WORDS, is_background, resolve_dates

# Words that make what follows a plan, a rumour or a possibility rather than news.
PLANNED_AND = re.compile(r"\b(?:plans?|wants?|hopes?|aims?|intends?|seeks?|expects?)\s+to\s+[^.;]{0,180}?\band\s+(?:to\s+)?$",
                         re.IGNORECASE)
HEDGE = re.compile(
    # ("is close to raising about €150 million": the verb itself is the trigger)
    r"\b(?:is|are|was|were|now)\s+(?:very\s+|getting\s+)?close\s+to\s+$|"
    r"\b(?:plans?|planning|planned|aims?|aiming|hopes?|hoping|intends?|intending|seeks?|seeking|wants?|needs?|"
    r"expects?|expected|expecting|set|scheduled|poised|preparing|prepares|looking|likely|going|"
    r"proposes?|proposed|ready|race|racing|positioned|tipped|rumou?red|reportedly|meant|intended|supposed)\s+to\b|"
    r"\bdue\s+to\s+(?:attempt|launch|land|fly|arrive|be|close|complete|sign|receive|begin|start)\b|"
    r"\bon\s+course\s+(?:for|to)\b|\bheaded\s+for\b|\ben\s+route\b|"
    # "said on Sunday it had terminated its agreement to buy Aerojet Rocketdyne": a deal that ended
    r"\b(?:terminated|terminates|terminating|cancell?ed|cancels|abandoned|abandons|scrapped|scraps|called\s+off|"
    r"calls\s+off|walked\s+away\s+from|walks\s+away\s+from|withdrew|withdraws)\s+(?:its|their|the|a|an)\s+"
    r"(?:[\w$.,-]+\s+){0,4}?(?:agreement|deal|plan|bid|offer|contract|merger)\b|"
    r"\b(?:in\s+talks|in\s+discussions|in\s+negotiations|negotiating|considering|considers|discussing|discusses|"
    r"exploring|explores|weighing|weighs|mulling|mulls|nearing|nears|closing\s+in\s+on|said\s+to\s+be|odds|"
    # "will begin raising a Series A round next week"
    r"\b(?:will|would)\s+(?:begin|start)\b|"
    # "is close to a deal to raise about €150 million, according to a source"
    r"close\s+to\s+(?:a\s+deal|an\s+agreement|closing|finali[sz]ing|raising|signing|securing)|"
    r"waiting\s+for|awaiting|awaits|anticipate|anticipates|anticipating|"
    r"could(?!\s+not\b)|would|might|"
    r"(?-i:may)|should|if\s+it|whether|potential(?:ly)?|possible|possibly|bid\s+for|bidding|competing|"
    r"compete|will\s+compete|(?:is|are|was|were|be|become|becomes|remains?)\s+(?:also\s+)?eligible|proposals?|solicitation|request\s+for|rfp|seeking\s+to|hopes|would-be|"
    r"on\s+track\s+to|targeting|targets|no\s+earlier\s+than|ahead\s+of|"
    # "with the aim of getting samples back in the 2030s"
    r"(?:the|an?)\s+(?:aim|goal|objective)\s+of)\b",
    re.IGNORECASE,
)
# "agreed to acquire" is a signed deal, not a plan: callers that accept it pass allow_agreed.
# "agreed on Tuesday to acquire", "agreed in principle to buy": when the deal was struck, between the two.
AGREED_WHEN = (r"(?:\s+(?:on\s+\w+day|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
               r"on\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}|in\s+principle|this\s+week|last\s+week|"
               # "agreed Fri (Dec. 16) to buy": a wire's abbreviated day and its date in brackets
               r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?(?:\s+\([^)]{1,20}\))?|"
               r"yesterday|today|formally|unanimously|conditionally))?")
_AGREED = re.compile(r"\bagreed?" + AGREED_WHEN + r"\s+to\s*$", re.IGNORECASE)
# A trigger inside a clause that only recalls an earlier event.
BACKGROUND_CLAUSE = re.compile(
    r"(?:\b(?:which|who)\s+(?:(?:had|has|have|previously|already|also|once|recently|just)\s+)*$)|"
    r"(?:\bthat\s+(?:had|previously|already|once)\s+$)|"
    # "States that have adopted national legislation on space resources": a kind of country, not news
    r"(?:\b(?:States|countries|nations|governments|jurisdictions|companies|firms|operators)\s+(?:that|which|who)\s+"
    r"(?:have|had)\s+(?:already\s+)?$)|"
    # "ispace, whose shares began trading on April 12, said ...": a description of the subject
    r"(?:\bwhose\s+(?:[\w-]+\s+){1,3}$)|"
    # "Skyroot, which was the first start-up to sign an MoU with ISRO": a description, not news
    r"(?:\b(?:which|who)\s+(?:was|were|became)\s+(?:the\s+|an?\s+)?(?:first|second|third|only|last)\b[^,;]{0,60}?\bto\s+$)|"
    # ("following 7 proposals were adopted" is a translated "the following": no event before)
    r"(?:\b(?:(?:years?|months?|weeks?|(?<!than\sa\s)(?<!than\sone\s)days?|decades?|shortly|soon|long|comes|came)\s+after|since|"
    # ("The mission follows the failure in January of Astrobotic's Peregrine": the one before it)
    r"like|unlike|as\s+did|having|once|(?<!as\s)follows|(?<!as\s)followed(?!\s+by))\s+(?:\S+\s+){0,8}?$)|"
    # "following its 2019 seed round" recalls; "Immediately following the closing, Astra completed its
    # acquisition" and "Following the vote, X closed" are the news (the trigger is in the main clause)
    r"(?:\b(?<!immediately\s)(?<!directly\s)following(?!\s+\d)\s+(?:[^\s,]+\s+){0,8}?$)|"
    r"(?:\bhad\s+(?:\w+\s+)?$)|"
    # ("announced agreements with its first two customers and a joint development agreement": not past the "and")
    r"(?:\b(?:its|the|their|his|her)\s+(?:first|earlier|previous|prior|last)\s+(?:(?!and\s)\w+\s+){0,3}$)|"
    # "Earlier task orders went to Astrobotic, ...": a sentence opening on the earlier ones
    r"(?:^\W*(?:earlier|previous|prior|past|former)\s+(?:[\w-]+\s+){0,4}$)|"
    r"(?:\b(?:an?|one)\s+(?:earlier|previous|prior)\s+(?:\w+\s+){0,3}$)|"
    # "since its August listing, when it sold shares at $45 and raised $868 million"
    r"(?:\b(?:since|after|before)\s+(?:its|the|their)\s+(?:[\w-]+\s+){0,3}?(?:listing|IPO|debut|round|raise|launch|"
    r"landing|acquisition|merger|flight),?\s+when\s+(?:\S+\s+){0,8}?$)",
    re.IGNORECASE,
)
# "said on Tuesday it had raised": reported speech, news in the past perfect
REPORTED_PAST = re.compile(r"\b(?:said|says|announced|announces|told|reported|confirmed|disclosed)\s+(?:\w+\s+){0,3}?"
                           r"(?:that\s+)?(?:it|they|we|the\s+company|[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})\s+had\s+"
                           r"(?:\w+\s+)?$")
# Stock exchanges a ticker is written with ("[NYSE: LMT]", "(Nasdaq: LUNR)").
EXCHANGES = r"NYSE|NASDAQ|Nasdaq|TSE|TSX|LSE|ASX|OTC\w*|Euronext|Xetra"
TICKER_BRACKETS = re.compile(rf"\[\s*(?:{EXCHANGES})[^\[\]]{{0,24}}\]")
BOUNDARY = re.compile(r"[;:\[\]]|\s[—–]\s|—|–|,\s+(?=where|while|whereas|but|although)|"
                      r"\([^()]{60,}\)")
PRONOUN_ORG = re.compile(
    r"\b(?:the\s+(?:company|firm|start-?up|startup|group|business|venture|maker|developer|operator)|"
    # a described one: "the Tokyo lunar-lander company", "The maritime, aviation and weather data company", "The
    # Kent, Washington developer of the fully reusable Nova rocket"
    r"(?P<described>(?-i:[Tt]he)\s+(?:(?:[\w'’.-]+,?|and)\s+){1,6}?(?:company|firm|start-?up|startup|maker|developer|"
    r"operator|manufacturer|builder|specialist)(?:\s+of\s+(?:[\w'’-]+\s+){1,6}?(?:rockets?|launchers?|landers?|rovers?|"
    r"satellites?|spacecraft|vehicles?|engines?|tugs?|capsules?|stations?))?)|"
    r"(?-i:the Company)|(?P<agency>the\s+(?:space\s+)?agency(?:\s+(?:said|says|announced|confirmed|added)\s+(?:that\s+)?it)?)|"
    r"it|its|we|our|us)\s*$",
    re.IGNORECASE,
)
PRONOUN_ORG_AFTER = re.compile(
    # ("awarded the Westminster, Colorado, company a $72 million contract": its home before the noun)
    r"^\s*(?:the\s+(?:[A-Z][\w.'’-]*,?\s+){0,3}(?:company|firm|start-?up|startup|group|business|venture|maker|developer|operator)|"
    r"(?-i:the Company)|it|us)\b",
    re.IGNORECASE,
)
LIST_GAP = re.compile(
    r"^(?:\s*(?:\([^)]{0,40}\)|\[[^\]]{0,40}\])?\s*(?:,?\s*(?:of|in|at|from|based\s+in)\s+[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4}\s*)?)"
    # ("Intuitive Machines of Houston; Lunar Outpost of Golden, Colorado; and Venturi Astrolab": semicolons too)
    r"(?:[,;]|[,;]?\s+(?:and|&|\+|as\s+well\s+as|plus))\s*(?:the\s+)?"
    # "Houston's Axiom Space and Milan's Prada", "... and Hawthorne, California-based Venturi Astrolab": the next
    # name's home before it
    r"(?:[A-Z][a-z]+['’]s\s+|[A-Z][\w.'’]*(?:,?\s+[A-Z][\w.'’]*){0,2}-based\s+)?"
    # "ispace Japan and its Luxembourg subsidiary, ispace Europe"
    r"(?:(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:subsidiary|affiliate|unit|arm|sister\s+company),?\s+)?"
    # "SpaceX and Northrop Grumman; lander developers Firefly Aerospace and ispace": a kind heading the next pair
    r"(?:(?<=;\s)(?:[a-z][\w-]*\s+){0,2}?(?:developers|makers|builders|providers|specialists|operators|manufacturers|"
    r"firms|companies|start-?ups|primes|contractors)\s+)?$"
)
# "Nokia of America, which is flying a 4G/LTE demonstration with Intuitive Machines; and Honeybee
# Robotics": a member described by a relative clause that ends at the list's semicolon (names inside
# the clause are not members)
# "The Exploration Company, headquartered in Munich and Bordeaux, and Thales Alenia Space": a home between commas
HOME_APPOSITIVE = re.compile(r",\s+(?:headquartered|based|located|with\s+(?:seats|offices|headquarters|sites|bases))\s+in\s+"
                             r"[^,;:()]{2,60},")
DESCRIPTION_SPAN = re.compile(r",\s+(?:the|a|an)\s+[^,;:()]{3,80},")
KIND_BEFORE = re.compile(r"\b(?:company|firm|start-?up|startup|maker|developer|builder|provider|specialist|operator|"
                         r"manufacturer)\s+$")  # ("the 3D-printing construction company ICON": the name is the member)
MODIFIER_AFTER = re.compile(r"-(?:owned|based|backed|led|built|made|funded|controlled)\b")
RELATIVE_MEMBER_GAP = re.compile(r"(?:\s+(?:of|in|from)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?"
                                 r",\s+(?:which|who)\b(?:[^;]{0,150};\s*(?:and\s+)?|[^;,]{0,100},\s+and\s+)(?:the\s+)?")
DISTRACTOR_MONEY = re.compile(
    r"(?:(?:market|company|start-?up|firm|business|valuation)\s+(?:\w+\s+){0,3}?valued\s+at|worth\s+(?:some|an\s+estimated)|cost(?:s|ing)?\s+(?:of|about|roughly|around)?|"
    r"market|revenue|total(?:ling|ed)?\s+(?:of)?|combined(?:\s+(?:maximum|potential|total|contract))*(?:\s+value\s+of)?|brings?\s+(?:its|the)\s+total|to\s+date|"
    r"so\s+far|since|estimated\s+(?:at)?|forecast|projected|more\s+than\s+\$?[\d.]+\s*\w*\s+in|"
    # "a premium of 129% over Maxar's closing stock price of $23.10": a share's price, not the deal's
    r"(?:closing|share|stock)\s+(?:stock\s+|share\s+)?price\s+(?:of|was|at)?|closed\s+at|close\s+of|"
    # "gives Firefly a fully diluted value of more than $7 billion": what the company is worth
    r"(?:diluted|market|enterprise|equity|implied)\s+(?:value|valuation|capitali[sz]ation)\s+of(?:\s+(?:more\s+than|about|"
    r"nearly|roughly|around|over|some))?)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """An organisation a rule picked, with how it was found (for the pattern id)."""

    mention: Mention
    how: str = "named"  # named | pronoun


def table_cells(text: str) -> list[tuple[int, int]]:
    """The spans of a table row's cells ("| a | b |" or "a | b"), the empty outer ones dropped."""
    bounds = [-1] + [i for i, ch in enumerate(text) if ch == "|"] + [len(text)]
    spans = [(a + 1, b) for a, b in zip(bounds, bounds[1:])]
    return [span for span in spans if text[span[0]:span[1]].strip() or span not in (spans[0], spans[-1])][:12]


def table_rows(ctx: DocContext, columns: dict[str, tuple[str, ...]],
               required: tuple[str, ...]) -> Iterator[tuple[Sentence, list[tuple[int, int]], dict[str, int]]]:
    """The rows of each table in the item whose header names the ``required`` columns: yields (row sentence,
    cell spans, {column: index}). A header is a line with pipes whose cells hold the columns' words."""
    found: dict[str, int] | None = None
    for sentence in ctx.body:
        text = sentence.text
        if text.count("|") < 2:
            found = None if "|" not in text else found
            continue
        spans = table_cells(text)
        cells = [text[a:b].strip().lower() for a, b in spans]
        named: dict[str, int] = {}
        for index, cell in enumerate(cells):
            for key, words in columns.items():
                if key not in named and any(re.search(rf"\b{w}\b", cell) for w in words):
                    named[key] = index
        if all(key in named for key in required) and len(named) >= len(required) and \
                sum(1 for cell in cells if len(cell) > 40) == 0 and not any(ch.isdigit() for ch in text):
            found = named  # (a header holds column names, no figures)
            continue
        if found is None or set(text.replace("|", "").strip()) <= set("-: "):
            continue
        if len(spans) > max(found.values()):
            yield sentence, spans, found


def row_dated_before(ctx: DocContext, text: str, spans: list[tuple[int, int]], columns: dict[str, int]) -> bool:
    """A table row whose "Date" cell is well before the item (a log's earlier entries)."""
    if "date" not in columns or ctx.published is None:
        return False
    day = text[spans[columns["date"]][0]:spans[columns["date"]][1]]
    dates = [d for d in resolve_dates(day, ctx.published) if not d.future_marker]
    return bool(dates) and all(d.value < ctx.published - BACKGROUND_AFTER for d in dates)


def clause_bounds(sentence: Sentence, pos: int) -> tuple[int, int]:
    """The clause around ``pos``: between the nearest dashes, semicolons or colons (not those
    inside brackets, as in "(NYSE: GM)"), or long parentheticals."""
    marks = sentence.__dict__.get("_clause_marks")  # computed once per sentence
    if marks is None:
        text = sentence.text
        marks = []
        tickers = [(m.start(), m.end()) for m in TICKER_BRACKETS.finditer(text)] if "[" in text else []
        for match in BOUNDARY.finditer(text):
            before = text[:match.start()]
            if match.group(0) in ":;" and before.count("(") > before.count(")"):
                continue
            if any(start <= match.start() < end for start, end in tickers):
                continue  # "Lockheed Martin [NYSE: LMT] and General Motors": a ticker, not a clause break
            marks.append((match.start(), match.end()))
        sentence.__dict__["_clause_marks"] = marks
    start = 0
    end = len(sentence.text)
    for mark_start, mark_end in marks:
        if mark_end <= pos:
            start = mark_end
        elif mark_start >= pos:
            end = mark_start
            break
    return start, end


CONDITIONAL = re.compile(r"^\W*(?:if|unless|should|whether|assuming)\b", re.IGNORECASE)
NEGATION = re.compile(r"(?:\b(?:not|never|no\s+longer|yet\s+to|without)|n['’]t)\s+(?:\w+\s+){0,2}$|"
                      # "No executive order was signed, no law was passed"
                      r"\bno\s+(?:[\w-]+\s+){1,3}?(?:was|were|has\s+been|have\s+been|is|are|got)\s+$|"
                      r"\bno\s+$", re.IGNORECASE)  # (a trigger that starts with its noun: "no law was passed")
NOUN_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|these|those|such|many|several|of|two|three|four|five|"
                         r"new|first|more|other|which|what|any|no|(?:19|20)\d\d)\s+$", re.IGNORECASE)  # "NASA's 2020 purchases"


def hedged(sentence: Sentence, pos: int, allow_agreed: bool = False, window: int = 60) -> bool:
    """Is the trigger at ``pos`` a plan, rumour, possibility, condition or denial?

    "plans to raise", "could win", "If it lands, ...", "has not announced any awards".
    """
    start, _ = clause_bounds(sentence, pos)
    before = sentence.text[max(start, pos - window):pos]
    if allow_agreed and _AGREED.search(before):
        before = _AGREED.sub("", before)
    if CONDITIONAL.match(sentence.text) or NEGATION.search(sentence.text[max(start, pos - 30):pos]):
        return True
    if HEDGE.search(before):
        return True
    # "Pakistan wants to pin down the roles it could play ... and sign a cooperation agreement soon": the
    # second verb of the plan (a bare verb after "and", far from "wants to")
    return bool(re.search(r"\band\s+(?:to\s+)?$", sentence.text[max(0, pos - 10):pos]) and not re.match(r"\w+ed\b", sentence.text[pos:]) and
                PLANNED_AND.search(sentence.text, max(0, pos - 200), pos))


def used_as_noun(sentence: Sentence, pos: int) -> bool:
    """"the purchases are consistent", "how many awards": a trigger word used as a noun."""
    return bool(NOUN_BEFORE.search(sentence.text[max(0, pos - 12):pos]))


def background(ctx: DocContext, sentence: Sentence, pos: int, end: int | None = None) -> bool:
    """Does the trigger at ``pos`` recall an earlier event ("which won ... last year", "in 2019")?"""
    start, clause_end = clause_bounds(sentence, pos)
    before = sentence.text[max(start, pos - 120):pos]  # the patterns end at the trigger: a window is enough
    if (BACKGROUND_CLAUSE.search(before) and not REPORTED_PAST.search(before)) or _background_word_before(sentence.text, pos):
        return True
    head = DASH_BEFORE.search(sentence.text, max(0, start - 3), start) if start else None
    if head is not None:
        # "Blue Origin and Northrop Grumman, which had received development money under 2018 agreements —
        # $500 million for Blue Origin's New Glenn and $792 million for Northrop's OmegA": the part after the
        # dash spells out the clause before it, and shares its time
        head_start, _ = clause_bounds(sentence, head.start())
        told = sentence.text[head_start:head.start()]
        if HAD_RELATIVE.search(told) or is_background(told, ctx.published):
            return True
    if "already" in before and ALREADY_AND.search(before):
        return True  # "Luxembourg has already taken a stake in Planetary Resources and signed an agreement with DSI"
    if ALREADY_BEFORE.search(before) and sentence.text.startswith("signed", pos):
        return True  # "The Grand Duchy has already signed agreements with DSI and Planetary Resources": signed before
    year_label = YEAR_LABEL.match(sentence.text)
    if year_label and ctx.published is not None and (int(year_label.group(1)) < ctx.published.year or _timeline(ctx)):
        return True  # "2019: Astrobotic, Intuitive Machines and Orbit Beyond won the first orders" (a timeline)
    # a description of the subject between commas ("DSI, one of the start-ups that ... earlier this
    # decade, has been bought") does not date the verb after it
    after = sentence.text[pos:max(clause_end, end or 0)]
    relative = RELATIVE_AFTER.search(after, (end or pos) - pos)
    if relative and not DEAL_APPOSITIVE.match(after, relative.start()):  # "..., a deal announced in May 2019" dates it  # "... to Astrobotic, closing an auction for Masten, which filed for Chapter 11 on July 28": Masten's date
        after = after[:relative.start()]
    clause = DESCRIBED_SUBJECT.sub(", ", sentence.text[start:pos]) + after
    if (RELATIVE_OPENER.match(sentence.text) or SAME_TIME.search(sentence.text) or
            ("also" in before and ALSO_PERFECT.search(before))) and \
            _previous_is_dated_background(ctx, sentence):
        return True  # "It began in June 2020 ... Within weeks Redwire bought Made In Space": dated by the sentence before
    dated_award = DATED_PROCUREMENT.search(sentence.text, pos, max(clause_end, end or 0)) \
        if YEAR_DIGITS.search(sentence.text, pos, max(clause_end, end or 0)) else None
    if dated_award and ctx.published is not None and int(dated_award.group(1)) < ctx.published.year - 1:
        return True  # "ULA won about 60% of launches under the Pentagon's 2020 Phase 2 procurement" in a 2023 item
    year_when = YEAR_WHEN.search(before)
    if year_when and ctx.published is not None and int(year_when.group(1)) < ctx.published.year:
        return True  # "the headline number is still the regolith purchase of 2020, when NASA agreed to pay $1"
    if SINCE_THEN.match(sentence.text):
        return True  # "Since then the Government has ... signed agreements with companies like ...": a period's summary
    label = DATE_LABEL.match(sentence.text)
    if label and label.end() <= pos and ctx.published is not None:
        # "5/ Feb 2023: they finished the SPAC merger": a thread's or a timeline's dated line
        dates = [d for d in resolve_dates(label.group(1), ctx.published) if not d.future_marker]
        if dates and all(d.value < ctx.published - BACKGROUND_AFTER for d in dates):
            return True
    if PREVIOUSLY_TOLD.match(sentence.text) and not COMPLETION.search(sentence.text):
        return True  # "As previously disclosed on June 7, Legacy Astra entered into an agreement": told before
    fronted = FRONTED_TIME.match(sentence.text)
    if fronted and fronted.end() <= pos and (is_background(fronted.group(0), ctx.published) or
                                             names_an_old_year(fronted.group(0), ctx.published)):
        return True  # "On New Year's Day 2019, Bradford Space announced it had bought ...": dated by its opening
    if fronted and fronted.end() <= pos and ctx.published is not None and any(
            not d.future_marker and d.value >= ctx.published - BACKGROUND_AFTER
            for d in resolve_dates(fronted.group(0), ctx.published)):
        # "On August 12, 2025, X completed its purchase ... first disclosed on May 27": dated by its opening,
        # unless the verb's own words date it ("On March 2, X said it acquired Inmarsat in 2019")
        return is_background(sentence.text[pos:min(clause_end, (end or pos) + 70)], ctx.published)
    return is_background(clause, ctx.published)


# "Luxembourg has already signed similar agreements with Portugal ...": signed before the news
# "Last October the department gave Interlune a $365,000 grant. The company has also received NASA grants": also then
ALREADY_AND = re.compile(r"\b(?:has|have|had)\s+already\s+\w+\b[^.;]{0,80}?\band\s+$", re.IGNORECASE)
ALSO_PERFECT = re.compile(r"\b(?:has|have|had)\s+also\s+$")
DASH_BEFORE = re.compile(r"\s[—–]\s*$")
HAD_RELATIVE = re.compile(r"\b(?:which|who|that)\s+had\s+(?:\w+\s+)?(?:received|won|held|got|signed|secured|been\s+awarded)\b")
ALREADY_BEFORE = re.compile(r"\b(?:has|have|had)\s+already\s+$", re.IGNORECASE)
YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
# A procurement named by its year: "under the Pentagon's 2020 Phase 2 procurement", "in the 2019 round"
DATED_PROCUREMENT = re.compile(r"\b(?:under|in|from|through)\s+(?:the|its|their|[\w.]+['’]s?)\s+(?:[\w.]+['’]s?\s+)?((?:19|20)\d\d)\s+"
                               r"(?:[\w-]+\s+){0,3}?(?:procurement|competition|solicitation|round|selection|award|contract|"
                               r"call|cycle|agreement)\b", re.IGNORECASE)
DATE_LABEL = re.compile(r"^\W*(?:\d{1,2}\s*[/.)]\s*)?([A-Z][\w.]*\s+(?:\d{1,2},?\s+)?(?:19|20)\d\d)\s*:\s")
SINCE_THEN = re.compile(r"^\W*Since\s+(?:then|that\s+time|its\s+(?:founding|creation|inception|launch))\b", re.IGNORECASE)
YEAR_WHEN = re.compile(r"\b(?:in|of|from|since)\s+((?:19|20)\d\d),?\s+when\s+(?:\S+\s+){0,8}?$", re.IGNORECASE)
# "As previously disclosed, ...": the sentence retells an earlier filing's news (a completion is new, though)
PREVIOUSLY_TOLD = re.compile(r"^\W*As\s+(?:was\s+)?(?:previously|earlier|first)\s+(?:disclosed|announced|reported)\b",
                             re.IGNORECASE)
COMPLETION = re.compile(r"\b(?:completed|closed|consummated|finali[sz]ed)\b", re.IGNORECASE)
# A sentence opening with a time relative to the one before ("Within weeks", "Two months later",
# "Soon after") happened when that one did.
RELATIVE_OPENER = re.compile(r"^\W*(?:within\s+(?:days|weeks|months|a\s+(?:week|month|year))|(?:(?:a\s+(?:few|couple\s+of)|"
                             r"several|some|two|three|four|five|six)\s+)?(?:days|weeks|months|years)\s+later|"
                             r"(?:a|one)\s+(?:day|week|month|year)\s+later|soon\s+after(?:wards?)?|shortly\s+"
                             r"(?:after(?:wards?)?|thereafter)|later\s+that\s+(?:day|week|month|year)|the\s+(?:following|next)\s+"
                             r"(?:day|week|month|year)|that\s+same\s+(?:day|week|month|year))\b", re.IGNORECASE)


# "Planetary closed a $21.1 million Series A the same spring": dated by the sentence before.
SAME_TIME = re.compile(r"\b(?:the|that)\s+same\s+(?:day|week|month|spring|summer|autumn|fall|winter|year|quarter)\b",
                       re.IGNORECASE)


def _previous_is_dated_background(ctx: DocContext, sentence: Sentence) -> bool:
    """Whether the sentence before, in the same paragraph, is dated well before the item and the
    sentence itself names no recent date."""
    previous = ctx.previous(sentence)
    if previous is None or previous.paragraph != sentence.paragraph or previous.field != sentence.field or \
            ctx.published is None:
        return False
    own = [d for d in resolve_dates(sentence.text, ctx.published) if not d.future_marker]
    if any(d.value >= ctx.published - BACKGROUND_AFTER for d in own):
        return False
    before = [d for d in resolve_dates(previous.text, ctx.published) if not d.future_marker and d.value <= ctx.published]
    if not before:
        return bool(BACKGROUND_WORDS.search(previous.text))  # "Last October the department gave Interlune a grant"
    return all(d.value < ctx.published - BACKGROUND_AFTER for d in before)


# ", one of the start-ups that put asteroid mining on the map earlier this decade," describing the subject
_RELATIVE_DESCRIPTION = r",\s+(?:[\w'’-]+\s+){0,10}?(?:that|which|who)\b[^,;]*"
# ", the asteroid-mining company founded in 2013," an appositive: its dates are the subject's, not the verb's
_APPOSITIVE = (r",\s+(?:(?:the|a|an)\s+|(?:fresh\s+(?:off|from)|already|still|newly|itself|best\s+known\s+for|"
               # (", fresh off flying NASA astronauts to the station in May," describes SpaceX; it does not date the award)
               r"known\s+for|founded\s+in|based\s+in)\b)[^,;]{3,90}")
DESCRIBED_SUBJECT = re.compile("(?:" + _RELATIVE_DESCRIPTION + "|" + _APPOSITIVE + "),")
_DESCRIPTION_OPEN = re.compile(_RELATIVE_DESCRIPTION + "$")


# (", first announced in January," dates the announcement, not the closing)
# (", bringing the seed capital it has raised since 2020 to $18 million" is a running total's date)
RELATIVE_AFTER = re.compile(r",\s+(?:which|who|whose|the|a|an|(?:first|originally|initially)\s+\w+ed|"
                            r"(?:bringing|taking|lifting|pushing)\s+(?:its|the|their|total)|"
                            # (", adding them to the pool of SpaceX ... that won places last June": the pool's date)
                            # (", reviving a water-ice mission the agency cancelled 14 months ago": the mission's date)
                            r"(?:adding|joining|leaving|reviving|replacing|ending|restoring|reversing)\s+(?:them|it|the|its|their|a|an)\b)")
# "..., a deal announced in May 2019" dates the deal itself ("..., a deal first announced in January" only its start)
DEAL_APPOSITIVE = re.compile(r",\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:deal|contract|award|order|agreement|round|"
                             r"acquisition|purchase|transaction|grant|selection)s?\b)(?!\s+(?:first|originally|initially))",
                             re.IGNORECASE)


def _background_word_before(text: str, pos: int) -> bool:
    """"last year", "formerly" ... before the trigger, unless inside a description of the subject
    that closes before it: "DSI, one of the start-ups that put mining on the map earlier this
    decade, has been bought" is news."""
    for match in BACKGROUND_WORDS.finditer(text[:pos]):
        described = _DESCRIPTION_OPEN.search(text[:match.start()])
        if described and "," in text[match.end():pos]:
            continue
        return True
    return False


def names_an_old_year(text: str, published: date | None) -> bool:
    """"On New Year's Day 2019": a year whose last day is well before publication."""
    years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", text)]
    return bool(years) and published is not None and date(max(years), 12, 31) < published - BACKGROUND_AFTER


# A sentence's opening time adverbial dates all it says: "In 2016, ...", "Back in March 2021, ...".
YEAR_LABEL = re.compile(r"^\W*((?:19|20)\d\d)\s*[:—–]")


def _timeline(ctx: DocContext) -> bool:
    """Lines labelled by year ("2019: ...", "2020: ...") make a retrospective, this year's line too."""
    if "timeline" not in ctx.memo:
        ctx.memo["timeline"] = sum(1 for s in ctx.body if YEAR_LABEL.match(s.text)) >= 3
    return ctx.memo["timeline"]
FRONTED_TIME = re.compile(r"^\W*(?:(?:a\s+few|several|some|two|three|four)\s+(?:days|weeks|months)\s+later,?\s+)?"
                          r"(?:back\s+)?(?:in|on|by|during|at|since)\s+[^,;]{2,40}?(?:,\s*\d{4})?,", re.IGNORECASE)


def eligible(mention: Mention, kinds: tuple[str, ...] = PARTY_KINDS, strong: bool = False) -> bool:
    """An organisation that can fill a party slot: gazetteer kinds, or a discovered name.

    Discovered names need an organisation shape unless the slot itself is strong evidence.
    """
    if mention.kind not in kinds:
        return False
    if mention.source == "discovered":
        return mention.org_shaped or strong
    return True


BY_ASIDE_BEFORE = re.compile(r",\s+(?:created|established|set\s+up|founded|co-founded|formed|backed|owned|run|led|co-led|operated|"
                             r"chaired)\s+"
                             r"by\s+[^,;]{0,60}$")  # (a list inside the aside: ", co-led by EPE Oceania and Lunar Outpost Oceania,")
# "Blue Origin, for the Orbital Reef station it is developing with Sierra Space, gets $130 million": a partner
# named inside an aside that opens with a preposition after the subject is not the subject
PREPOSITION_ASIDE_BEFORE = re.compile(r"[\w.)],\s+(?:for|with|alongside|through|via|under)\s+(?:the|its|their|a|an)\s+[^,;]{0,80}$")
DASH_ASIDE_BEFORE = re.compile(r"\s[—–]\s[^—–;]{3,140}?\s[—–]\s*$")


def subject_before(ctx: DocContext, sentence: Sentence, pos: int, kinds: tuple[str, ...] = PARTY_KINDS,
                   strong: bool = False, limit: int = 140) -> Found | None:
    """The organisation a verb at ``pos`` belongs to: the nearest one before it in its clause.

    "it", "we" or "the company" just before the verb stand for the item's main organisation.
    """
    aside = DASH_ASIDE_BEFORE.search(sentence.text, max(0, pos - 170), pos)
    if aside is not None:
        # "Houston's Intuitive Machines — already under contract to land NASA payloads — was granted": the
        # subject stands before the aside between dashes (which clause_bounds reads as clause breaks)
        found = subject_before(ctx, sentence, aside.start(), kinds, strong, limit)
        if found is not None:
            return found
    clause_start, _ = clause_bounds(sentence, pos)
    start = max(clause_start, pos - limit)
    window = re.sub(r"['’](?:ve|s|re|ll|d)\b", "", sentence.text[start:pos])
    pronoun = PRONOUN_ORG.search(re.sub(r"\s+(?:has|have|had|is|are|was|were|will|would|also|now|just|today|"
                                        r"recently|officially|successfully|finally|been|formally)\b", "", window))
    candidates = [m for m in sentence.mentions if start <= m.start and m.end <= pos and eligible(m, kinds, strong)
                  and not MODIFIER_NOUN.match(sentence.text[m.end:m.end + 30])
                  and not _in_closed_parentheses(sentence.text, m, pos)
                  # ("The commission, created by House Bill 3447, received": the aside's name is not the subject)
                  and not ((BY_ASIDE_BEFORE.search(sentence.text, max(0, m.start - 90), m.start) or
                            PREPOSITION_ASIDE_BEFORE.search(sentence.text, max(0, m.start - 100), m.start)) and
                           "," in sentence.text[m.end:pos])]
    best = candidates[-1] if candidates else None
    # "ESA Director General Josef Aschbacher signed": the person signs for ESA
    titled = next((m for m in reversed(sentence.mentions) if start <= m.start and m.end <= pos and
                   eligible(m, kinds, strong) and TITLED_PERSON_GAP.fullmatch(sentence.text[m.end:pos])), None)
    if titled is not None and (best is None or best.start <= titled.start or
                               (best.source == "discovered" and not best.org_shaped)):
        best = titled
    # "Tom Mueller's El Segundo in-space transportation company raised": a place describing the company
    describing = best is not None and (best.source == "discovered" and not best.org_shaped and
                                       DESCRIBES_COMPANY.match(sentence.text[best.end:pos]) or
                                       SPINOUT_OF.match(sentence.text[best.end:pos]))
    if best is not None and (best.possessive and OWNERS_COMPANY.match(sentence.text[best.end:pos]) or describing):
        named = [m for m in sentence.mentions if m.end <= best.start and m.kind in kinds and m.source == "gazetteer"
                 and not m.possessive]
        if named:
            return Found(named[-1], "pronoun")  # "Impulse Space raises $300M. Tom Mueller's company closed ..."
        main = antecedent(ctx, sentence, ("company",) if "company" in kinds else kinds)
        if main is not None and main.org_id != best.org_id and (sentence.field == "title" or any(
                m.org_id == main.org_id for t in ctx.title + [p for p in [ctx.previous(sentence)] if p is not None]
                for m in t.mentions)):
            # ("Europe's capsule startup pulls in a nine-figure Series B": a headline's company is the text's)
            return Found(main, "pronoun")  # "Jeff Bezos' company will receive": the item's company, not Bezos
        if describing:
            return None  # a place's company the item never names
    if best is not None:
        # A long description between the subject and its verb may start before the window.
        whole = [m for m in sentence.mentions if clause_start <= m.start and m.end <= pos and eligible(m, kinds, strong)
                 and not MODIFIER_NOUN.match(sentence.text[m.end:m.end + 30])]
        best = _outside_apposition(sentence, whole, best, clause_start, pos)
        if REPORTED_SUBJECT.search(sentence.text[max(best.end, pos - 120):pos]):
            return None  # "X said a government customer has awarded it": the verb's subject is not X
    if pronoun:
        if pronoun.group("agency"):
            # "The agency is partnering with AI SpaceFactory": the item's agency, never its company
            main = antecedent(ctx, sentence, ("agency",)) if "agency" in kinds else None
        else:
            main = antecedent(ctx, sentence, ("company",) if "company" in kinds else kinds)
        gap_text = sentence.text[best.end:pos] if best else window
        weak_best = best is None or (best.source == "discovered" and not best.org_shaped)
        if pronoun.group("described") and best is not None and "," not in gap_text and \
                re.search(r"\b(?:of|the)\s", sentence.text[max(0, best.start - 40):best.start]) and main is not None:
            return Found(main, "pronoun")  # ("the developer of the Nova rocket raised": Nova names the rocket)
        speaker = re.search(r"\b(?:said|says|announced|announces|told|reported|confirmed|stated|disclosed|discloses|"
                            r"revealed|reveals)\b", gap_text)
        said_directly = best is not None and re.match(r"^\s*(?:said|says|announced|announces|confirmed)\b",
                                                      sentence.text[best.end:])
        if best is not None and (not weak_best or said_directly) and speaker and \
                pronoun.group(0).strip().lower() in ("it", "its"):
            return Found(best)  # "NASA said on Friday it has awarded ...", "SES said it has completed": the speaker
        if main is not None and (weak_best or re.search(r"\b(?:that|and)\b|,\s", gap_text) or speaker):
            return Found(main, "pronoun")
    return Found(best) if best else None


# Between an organisation and a person's name: the person's title ("ESA Director General Josef Aschbacher",
# "NASA's associate administrator Nicky Fox").
TITLED_PERSON_GAP = re.compile(r"(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}?(?:Director[- ]General|[Dd]irector|CEO|[Cc]hief\s+[Ee]xecutive"
                               r"(?:\s+[Oo]fficer)?|[Aa]dministrator|[Pp]resident|[Mm]inister|[Ff]ounder|[Cc]o-founder|"
                               r"[Cc]hair(?:man|woman)?|[Hh]ead|[Ss]ecretary)\s+(?:[A-Z][\w.'’-]*\s+){1,3}"
                               r"(?:(?:has|have|formally|officially|today|also)\s+)*")


def _in_closed_parentheses(text: str, mention: Mention, pos: int) -> bool:
    """"The mobility company (Mira and Helios transfer vehicles) closed": an aside, not the subject."""
    opened = text.rfind("(", 0, mention.start)
    if opened >= 0 and EXCHANGE_BEFORE.search(text, opened, mention.start):
        return False  # "Voyager (NYSE: VOYG) priced its IPO": the ticker names the subject
    return opened >= 0 and ")" not in text[opened:mention.start] and ")" in text[mention.end:pos]


EXCHANGE_BEFORE = re.compile(rf"\(\s*(?:{EXCHANGES}|NSE|BSE)\s*:\s*$")


# "The Sierra Nevada Corp. spinout closed a $1.4B Series A": the spinout, not its parent
SPINOUT_OF = re.compile(r"^['’]?s?\s+(?:[\w-]+\s+){0,2}?(?:spin-?out|spin-?off|spinoff|offshoot|subsidiary|unit|arm)\s+"
                        r"(?:(?:has|have|had|is|was|also|just|now|today|recently)\s+)*$", re.IGNORECASE)
DESCRIBES_COMPANY = re.compile(r"^\s+(?:[\w-]+\s+){0,3}?(?:company|firm|start-?up|startup|outfit)\s+"
                               r"(?:(?:has|have|had|is|was|also|just|now|today|recently)\s+)*$", re.IGNORECASE)
OWNERS_COMPANY = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,3}?(?:company|firm|start-?up|startup|venture|outfit)\b", re.IGNORECASE)
REPORTED_SUBJECT = re.compile(
    r"\b(?:said|says|announced|announces|reported|reports|confirmed|added|noted|stated)\b(?:\s+(?:that|on\s+\w+|"
    r"today|yesterday|this\s+week))*\s+(?:a|an|the|one|two|three|several)\s+(?![^,]*\b(?:company|firm)\b)[^,]*$",
    re.IGNORECASE,
)
# "Maxar shareholders", "NASA officials": the organisation names whose people act, not itself.
MODIFIER_NOUN = re.compile(r"^(?:['’]s?)?\s+(?:shareholders|stockholders|investors|employees|staff|customers|executives|"
                           r"officials|engineers|scientists|researchers|teams?|board|lawyers|analysts|spokesperson|"
                           r"spokesman|spokeswoman|administrator|ceo|chief|president|founder|director)\b", re.IGNORECASE)


APPOSITION_OPEN = re.compile(
    r",\s+(?:a|an|the|which|who|whose|leading|led\s+by|including|with|along\s+with|together\s+with|backed\s+by|"
    r"based\s+in|headquartered\s+in|part\s+of|teamed\s+with|alongside|through|via|"
    # ", Joseph Lubin's Brooklyn-based Ethereum venture studio,"
    r"(?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*){0,2}['’]s\s+|"
    # ", joint venture between Thales and Leonardo,", ", European company which designs ...,"
    r"(?:[\w-]+\s+){0,2}?(?:company|firm|start-?up|joint\s+venture|subsidiary|maker|manufacturer|developer|"
    r"provider|operator|unit|division|specialist|pioneer)\b)[^;]*$",
    re.IGNORECASE,
)


def _outside_apposition(sentence: Sentence, candidates: list[Mention], best: Mention, start: int,
                        pos: int) -> Mention:
    """"Redwire, a company formed by AE Industrial Partners, has acquired ..." - the subject is
    Redwire, not the organisation inside the description between the commas."""
    window_start = max(start, best.start - 200)
    opener = APPOSITION_OPEN.search(sentence.text[window_start:best.start])
    if opener is None or not re.search(r",\s*(?:[\w'’]+\s+){0,10}$", sentence.text[best.end:pos]):
        return best
    open_at = window_start + opener.start()
    before = [m for m in candidates if m.end <= open_at]
    rest = sentence.text[before[-1].end:open_at].strip(" ,.)").strip() if before else None  # "X (TEC), the ..."
    if before and (rest in ("", "Inc", "Corp", "Ltd", "LLC") or re.fullmatch(r"of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}", rest)):
        return before[-1]  # "Nokia of America, through its Bell Labs arm, was handed": Nokia
    return best


def antecedent(ctx: DocContext, sentence: Sentence, kinds: tuple[str, ...]) -> Mention | None:
    """Who "it" or "the company" stands for: the item's main organisation, unless the sentence's
    paragraph never names it and opens on another one ("Rocket Lab is shopping again. The
    company agreed to buy ..." in a roundup about Sierra Space first)."""
    main = ctx.main_org(kinds)
    if sentence.field != "text":
        return main
    if "paragraphs" not in ctx.memo:  # asked for every pronoun: the paragraphs are listed once per item
        paragraphs: dict[int, list[Sentence]] = {}
        for other in ctx.body:
            paragraphs.setdefault(other.paragraph, []).append(other)
        ctx.memo["paragraphs"] = paragraphs
    earlier = [s for s in ctx.memo["paragraphs"].get(sentence.paragraph, ()) if s.index < sentence.index]
    if not earlier or (main is not None and any(m.org_id == main.org_id for s in earlier + [sentence]
                                                for m in s.mentions)):
        return main
    # the paragraph's own organisation: named before, or earlier in this sentence ("Denver's Voyager
    # Technologies sold shares ... — raising $382.8 million in its initial public offering")
    return next((m for s in earlier + [sentence] for m in s.mentions if m.kind in kinds and m.source == "gazetteer"), main)


def objects_after(ctx: DocContext, sentence: Sentence, pos: int, kinds: tuple[str, ...] = PARTY_KINDS,
                  strong: bool = False, max_gap: int = 60) -> list[Found]:
    """The organisation(s) right after a verb: one, or every member of a list ("A, B and C")."""
    _, end = clause_bounds(sentence, pos)
    after_text = sentence.text[pos:end]
    pronoun = PRONOUN_ORG_AFTER.match(after_text)
    candidates = [m for m in sentence.mentions if pos <= m.start and m.end <= end and eligible(m, kinds, strong)]
    if pronoun and (not candidates or candidates[0].start > pos + pronoun.end()):
        main = antecedent(ctx, sentence, ("company",) if "company" in kinds else kinds)
        if main is not None:
            return [Found(main, "pronoun")]
    # "Jeff Bezos' Blue Origin", "Advent's Maxar": the owner written before the organisation is not a party
    while len(candidates) > 1 and candidates[0].possessive and \
            OWNER_GAP.fullmatch(sentence.text[candidates[0].end:candidates[1].start]):
        candidates = candidates[1:]
    if not candidates:
        return []
    first = candidates[0]
    if first.start - pos > max_gap:
        return []
    found = [Found(first)]
    for previous, current in zip(candidates, candidates[1:]):
        if not LIST_GAP.match(sentence.text[previous.end:current.start]) or not eligible(current, kinds, strong):
            break  # a list goes on with names that look like organisations, not "Redmond, Washington"
        if COMPOUND_AFTER.match(sentence.text, current.end):
            break  # "Thales Alenia Space, the Thales-Leonardo joint venture": a description, not another party
        found.append(Found(current))
    return found


COMPOUND_AFTER = re.compile(r"[-–/][A-Z][\w.&'’-]*\s+(?:joint\s+venture|JV|alliance|partnership|consortium|venture|"
                            r"team|tie-up|merger)\b", re.IGNORECASE)
CLAUSE_HEAD_GAP = re.compile(r"^(?:[,;]\s*)?(?:(?:and|while|plus|with)\s+)?(?:[A-Z][\w.-]*['’]s?\s+)?(?:the\s+)?$")


def clause_heads(sentence: Sentence, pos: int, kinds: tuple[str, ...] = PARTY_KINDS) -> list[Mention]:
    """The organisation opening each clause of an enumeration after ``pos`` ("ULA will fly 38
    missions, Europe's Arianespace gets 18 flights, and Blue Origin takes 12"): a name counts when
    nothing but a comma or semicolon, "and", and an owner's possessive stands between it and the
    end of the previous clause."""
    heads: list[Mention] = []
    clause_start = pos
    for mention in sentence.mentions:
        if mention.start < pos or mention.possessive or not eligible(mention, kinds):
            continue
        gap = sentence.text[clause_start:mention.start]
        last_break = max(gap.rfind(","), gap.rfind(";"))
        if heads and last_break < 0:
            continue  # inside the previous clause ("... on its Vulcan Centaur")
        if CLAUSE_HEAD_GAP.match(gap[last_break:] if heads else gap):
            heads.append(mention)
            clause_start = mention.end
    return heads


# "..., Colorado start-up CisLunar Industries": a list member introduced by a short description.
DESCRIBED_MEMBER_GAP = re.compile(r"(?:,|,?\s+and)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:company|firm|start-?up|startup|"
                                  r"maker|developer|builder|provider|specialist|operator|manufacturer)\s+")
DESCRIPTOR_GAP = re.compile(r"[\w-]*(?:\s+[\w-]+){0,3}?\s+(?:company|firm|start-?up|startup|maker|developer|builder|"
                            r"provider|specialist|operator|manufacturer)\s+")
OWNER_GAP = re.compile(r"['’]s?\s+(?:[a-z][\w-]*\s+){0,2}")
# "..., as well as ICON, the Austin company best known for 3D-printing houses, Japanese space robotics firm GITAI":
# the member before is described between commas, the next one may be too
APPOSITIVE_MEMBER_GAP = re.compile(r",\s+(?:(?:the|a|an)\s+[^,;:()]{3,80}|(?:headquartered|based|located|with\s+(?:seats|offices|"
                                   r"headquarters|sites|bases))\s+in\s+[^,;:()]{2,60}),"
                                   r"\s+(?:and\s+)?(?:(?:[\w-]+\s+){0,4}?(?:company|"
                                   r"firm|start-?up|startup|maker|developer|builder|provider|specialist|operator|"
                                   r"manufacturer)\s+)?")


def list_after_intro(sentence: Sentence, pos: int, kinds: tuple[str, ...] = PARTY_KINDS) -> list[Mention]:
    """Members of a list that starts at ``pos`` ("...: A, B, the University of C and D.")."""
    clauses = [m.span() for regex in (RELATIVE_MEMBER_GAP, HOME_APPOSITIVE) for m in regex.finditer(sentence.text, pos)]
    # ("The Exploration Company, the Franco-German startup developing the Nyx capsule, and ...": an unknown
    # name inside a member's description is not a member)
    described = [m.span() for m in DESCRIPTION_SPAN.finditer(sentence.text, pos)]
    candidates = [m for m in sentence.mentions if m.start >= pos and m.kind in kinds and
                  sentence.text.count("(", pos, m.start) <= sentence.text.count(")", pos, m.start) and
                  not any(start < m.start < end for start, end in clauses) and
                  not (m.source == "discovered" and not m.org_shaped and
                       any(start < m.start < end for start, end in described) and
                       not KIND_BEFORE.search(sentence.text, max(0, m.start - 30), m.start)) and
                  not MODIFIER_AFTER.match(sentence.text, m.end)]  # "the Blue Origin-owned robotics firm"
    if not candidates:  # (names inside a member's brackets, "Lunar Outpost (Golden, Colo.)", are not members)
        return []
    members = [candidates[0]]
    for previous, current in zip(candidates, candidates[1:]):
        gap = sentence.text[previous.end:current.start]
        if (previous.possessive and OWNER_GAP.fullmatch(gap)) or (
                previous.source == "discovered" and not previous.org_shaped and DESCRIPTOR_GAP.fullmatch(gap)):
            # "Jeff Bezos' Blue Origin", "the 3D-printing construction company ICON", "Colorado start-up
            # CisLunar Industries": the owner or the description is not a member, the company is
            members[-1] = current
            continue
        if not (LIST_GAP.match(gap) or DESCRIBED_MEMBER_GAP.fullmatch(gap) or APPOSITIVE_MEMBER_GAP.fullmatch(gap) or
                RELATIVE_MEMBER_GAP.fullmatch(gap)):
            break
        members.append(current)
    return members


# "after an 18-month design phase in which each group received A$4 million", "Stage 1, in which ELO2 and the
# rival AROSE consortium each received $4 million": an earlier phase's money
EARLIER_PHASE_MONEY = re.compile(r"\b(?:in|during)\s+which\s+(?:[^.;]{0,80}?\s)?(?:each|every|both|all)\s+(?:[\w-]+\s+){0,2}?"
                                 r"(?:received|got|won|was\s+given|were\s+given)\s+(?:up\s+to\s+|about\s+)?$", re.IGNORECASE)
IN_TOTAL = re.compile(r"\s+(?:in\s+total|in\s+all|all\s+told|altogether)\b", re.IGNORECASE)  # "received $350 million in total"
PER_UNIT = re.compile(r"^\s*(?:(?:per|a|an|each)\s+|/\s*)(?:share|unit|right|warrant|kg|kilogram|gram|pound|lb|ton|tonne|"
                      r"ounce|liter|litre|hour|day|week|month|year|seat|launch|kilowatt|kwh)\b", re.IGNORECASE)


def deal_money(sentence: Sentence, money: MoneyMention) -> bool:
    """An amount that can be a deal's value: not a price per share or per kilogram, not a
    market size, a total to date or a cost of something else."""
    if PER_UNIT.match(sentence.text[money.end:money.end + 20]) or IN_TOTAL.match(sentence.text, money.end):
        return False
    if "which" in sentence.text and EARLIER_PHASE_MONEY.search(sentence.text, max(0, money.start - 140), money.start):
        return False
    return not DISTRACTOR_MONEY.search(sentence.text[max(0, money.start - 40):money.start])


FOLLOW_ON_AMOUNT = re.compile(
    r"\b(?:transaction|deal|contract|task\s+order|award|agreement|acquisition|purchase|order|round|grant|"
    r"financing|investment|consideration|purchase\s+price|total\s+cost|launch\s+service|ordering)s?\b[^.;]{0,90}?"
    r"\b(?:valued\s+at|worth|(?:is|was)\s+(?:valued\s+at|worth)|totals?|totalling|totaling|amounts?\s+to|of|for|is|"
    r"are|was)\s*(?:approximately|about|roughly|around|some|nearly)?\s*$|"
    # "The work comes as a CLPS task order; its value, NASA said, is $73 million."
    r"\b(?:its|the\s+(?:order's|contract's|award's))\s+(?:total\s+)?value(?:,\s+[^,;]{1,30},)?\s+(?:is|was|will\s+be)\s*"
    r"(?:approximately|about|roughly|around|some|nearly)?\s*$",
    re.IGNORECASE,
)


DEAL_SUBJECT = re.compile(r"^\W*(?:The|This|That|Its|With\s+the|Under\s+the|[A-Z][\w-]*['’]s?)\s+"
                          r"(?:(?:maximum|total|potential|combined|estimated|overall)\s+)*(?:value\s+of\s+(?:the\s+)?)?"
                          r"(?:[\w-]+\s+){0,3}?(?i:contract|task\s+order|"
                          r"award|deal|agreement|order|grant|transaction|acquisition|consideration|cost|purchase\s+price)\b")


def amount_following(ctx: DocContext, sentence: Sentence) -> MoneyMention | None:
    """"... has been selected by NASA. The task order is valued at $73 million.": the value
    stated right after, in the next sentence of the same paragraph."""
    following = [s for s in ctx.sentences if s.field == sentence.field
                 and (s.index == sentence.index + 1 and (s.paragraph == sentence.paragraph or DEAL_SUBJECT.match(s.text))
                      or sentence.index + 1 < s.index <= sentence.index + 4 and DEAL_SUBJECT.match(s.text))]
    for other in following:
        for money in other.money:
            if FOLLOW_ON_AMOUNT.search(other.text[max(0, money.start - 90):money.start]) and deal_money(other, money):
                return money
            if VALUE_IN_SUBJECT_BEFORE.match(other.text[:money.start]) and \
                    VALUE_IN_SUBJECT_AFTER.match(other.text[money.end:]) and deal_money(other, money):
                return money  # "The three-year, $15 million Phase III SBIR contract covers ..."
    return None


VALUE_IN_SUBJECT_BEFORE = re.compile(r"^\W*(?:The|This|That|Its|Their)\s+(?:[\w,-]+\s+){0,3}$")
VALUE_IN_SUBJECT_AFTER = re.compile(r"^\s*(?:[\w()-]+\s+){0,8}?(?:contract|task\s+order|award|deal|agreement|order|grant)s?\b",
                                    re.IGNORECASE)


def amount_near(sentence: Sentence, pos: int, end: int | None = None, prefer_after: bool = True) -> MoneyMention | None:
    """The money mention that belongs to the event whose trigger is at ``pos``.

    Amounts in the same clause win, then the nearest one; amounts that describe something else
    ("valued at", "cost of", "combined", totals to date, prices per share) are skipped.
    """
    usable = [m for m in sentence.money if deal_money(sentence, m)]
    if not usable:
        return None
    start, clause_end = clause_bounds(sentence, pos)
    clause_end = max(clause_end, end or 0)
    in_clause = [m for m in usable if start <= m.start < clause_end]
    pool = in_clause or usable
    if prefer_after:
        after = [m for m in pool if m.start >= pos]
        if after and in_clause:
            return after[0]
    return min(pool, key=lambda m: abs(m.start - pos))


def unique_mentions(found: list[Found]) -> list[Found]:
    seen: dict[str, Found] = {}
    for item in found:
        seen.setdefault(item.mention.org_id, item)
    return list(seen.values())
