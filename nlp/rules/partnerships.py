"""partnership: an MoU, collaboration, joint development or cooperation agreement without a
stated award value, including cooperation between agencies or governments. All partners are
actors.

Shapes: "X is partnering with Y", "X and Y are teaming up", "X signed a memorandum of
understanding with Y", "NASA has extended its partnerships with three companies — A, B and C"
(``partnership.with`` / ``partnership.mutual``). An agency partnering with several companies
makes one event per company (each is its own agreement); companies partnering together make
one event with all of them. An agreement "to launch/deliver" something, or with a price, is a
contract award; a nominal mention ("builds on its collaboration with") is background.
"""

from __future__ import annotations

import re
from dataclasses import replace

from nlp import prefilter
from nlp.context import DocContext, Mention, Sentence
from nlp.rules.build import candidate
from nlp.rules.common import (
    ALREADY_BEFORE,
    LIST_GAP,
    background,
    clause_bounds,
    eligible,
    hedged,
    list_after_intro,
    objects_after,
    subject_before,
)
from spacemine.records import EventCandidate

_AGREEMENT = (r"(?:memorandum\s+of\s+understanding|memoranda\s+of\s+understanding|MoU|MOU|MoUs|"
              # a headline's bare "sign memorandum on joint construction of the lunar station"
              r"memorand(?:um|a)(?=\s+(?:on|regarding|concerning)\b)|"
              r"(?:cooperation|cooperative|collaboration|collaborative|partnership|framework|teaming|strategic|"
              r"joint\s+development|implementing|Space\s+Act)\s+agreements?|letter\s+of\s+intent|partnership|"
              r"alliance|joint\s+venture|joint\s+statement|memorand(?:um|a)\s+of\s+cooperation|(?:joint\s+)?research\s+agreements?|"
              r"(?:implementing\s+)?arrangements?|agreements?)")
WITH = re.compile(
    rf"\b(partner(?:s|ed|ing)?\s+with|(?:is|are|has\s+been|have\s+been|will\s+be)\s+(?:collaborating|working\s+together)\s+with|"
    rf"collaborat(?:es|ed|ing|e)\s+with|(?:will|['’]ll)\s+work\s+(?:closely\s+|together\s+)?with|team(?:s|ed|ing)\s+(?:up\s+)?with|team\s+up\s+with|join(?:s|ed|ing)?\s+forces\s+with|"
    rf"(?:signed|signs|sign|inked|inks|concluded|entered\s+into|enters\s+into|finali[sz]ed|finali[sz]es|reached)\s+"
    rf"(?:a|an|the|two|three|new)?\s*(?:[\w-]+\s+){{0,4}}?{_AGREEMENT}\s+(?:\([\w\s.-]{{1,20}}\)\s+)?"
    # ("CNSA also reached agreements on April 24 with the Asia-Pacific Space Cooperation Organization")
    rf"(?:on\s+(?:\w+day|[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}|\d{{1,2}}\s+[A-Z][a-z]{{2,8}})\s+)?with|"
    rf"(?:extended|extends|renewed|renews|expanded|expands)\s+(?:its|their|the)\s+(?:[\w-]+\s+){{0,4}}?(?:partnerships?|agreements?|collaboration)\s+with|"
    rf"(?:announced|announces|formed|forms|launched|launches|established|establishes|unveiled|entered|enters|"
    rf"entered\s+into|enters\s+into)\s+(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:partnership|collaboration|alliance|joint\s+venture|{_AGREEMENT})\s+with|"
    # "announced agreements with its first two customers and a joint development agreement with Vermeer"
    rf"(?<=\band\s)(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:partnership|collaboration|alliance|joint\s+venture|{_AGREEMENT})\s+with)\b",
    re.IGNORECASE,
)
MUTUAL = re.compile(
    rf"\b((?:are|have|will|['’]ll|['’]re)\s+(?:partnering|teaming(?:\s+up)?|collaborating|cooperating)|"
    rf"(?:partner|team\s+up|join\s+forces)\s+(?:on|to)|(?:are|is|['’]re)\s+joining\s+forces(?=\s+(?:on|to|in)\b)|"
    rf"(?:formed|form|forms)\s+(?:a|an)\s+(?:[\w'’-]+\s+){{0,2}}?(?:team|consortium|coalition)\b|"
    rf"teamed\s+up|(?:signed|signs|sign|signing|inked|inks|finali[sz]ed|finali[sz]es|concluded|concludes|reached|reach|renewed|"
    # "ISRO and JAXA today exchanged the Implementing Arrangement", "have entered a joint development agreement"
    rf"renews|entered(?:\s+into)?|enter(?:\s+into)?|exchanged|exchange)(?:,\s+(?:on\s+behalf|for|in\s+the\s+presence)\s+of\s+[^,;]{{3,80}},)?"
    # ("have signed, on behalf of the governments of the two countries, a memorandum of understanding")
    rf"\s+(?:a|an|the)?\s*(?:[\w-]+\s+){{0,4}}?{_AGREEMENT}(?!\s+with)|"
    rf"(?:announced|announce|announces|launched|launch|launches|established|establish|establishes|created|create|creates)"
    rf"\s+(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:partnership|alliance|joint\s+venture)(?!\s+with)|"
    rf"(?:announced|announce|announces)\s+the\s+(?:formation|creation|establishment|launch)\s+of\s+(?:a|an)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?:partnership|alliance|joint\s+venture)(?!\s+with)|"
    # ("NASA and ISRO have agreed to develop a strategic framework for human spaceflight cooperation")
    rf"agreed\s+to\s+(?:cooperate|collaborate|work\s+together|develop\s+(?:a|an|the)\s+[^.;]{{0,60}}?\bcooperation\b)|"
    # "NASA Administrator Bill Nelson and Japan's minister Masahito Moriyama put their names to the implementing arrangement"
    rf"(?:put|puts)\s+their\s+(?:names|signatures)\s+to\s+(?:the|an?)\s+(?:[\w-]+\s+){{0,3}}?{_AGREEMENT}(?!\s+with)|"
    # "NASA and Roscosmos agree to swap seats", "have agreed to fly each other's crew members"
    rf"agree(?:d|s)?\s+to\s+(?:swap|exchange|trade|fly\s+each\s+other['’]s)|(?:will|['’]ll)\s+(?:work|cooperate|collaborate)\s+together|"
    rf"(?:are|were|have\s+been)\s+(?:now\s+)?working\s+(?:together|jointly)|"
    rf"(?:will|['’]ll)\s+jointly\s+(?:develop|build|design|produce|pursue|study|offer|market|bid|operate)|(?:formed|form|forms)\s+(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:partnership|alliance|joint\s+venture)|"
    # a headline's "Voyager and Airbus form transatlantic joint venture" (not "which together form the Space Alliance")
    rf"(?:formed|form|forms)\s+(?:[a-z][\w-]*\s+)?joint\s+venture|"
    # "Axiom Space and Prada announce collaboration at IAC" (a headline's or a bullet's terse form)
    rf"(?:announced|announce|announces|unveiled|unveil|unveils)\s+(?:their\s+|a\s+|an\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?:collaboration|cooperation|partnership|alliance)(?!\s+with)(?=\s+(?:on|to|at|in|for)\b|\s*[.,;:]|\s*$))\b",
    re.IGNORECASE,
)
# Agreements about money or a sale are deals, not partnerships.
FINANCIAL_AGREEMENT = re.compile(r"\b(?:financing|financial|funding|loan|investment|purchase|supply|launch|services?|sales?|"
                                 r"offtake|licen[cs]e|licensing|procurement|lease|merger|acquisition|combination|"
                                 r"subscription|underwriting)\s+agreements?\b", re.IGNORECASE)
DEAL_UNDER_WHICH = re.compile(r"[^.;]{0,40}?\b(?:under\s+which|whereby|to\s+(?:be\s+)?(?:acquire|acquired|merge|buy|sell))\b"
                              r"[^.;]{0,80}?\b(?:acquire|acquired|merge|buy|purchase|combination|take\s+over)\b", re.IGNORECASE)
# (the first "to" after the tie: "teaming up to develop a vehicle to transport astronauts" is joint development)
SERVICE = re.compile(r"^\W*(?:(?!to\b)[\w'’-]+\W+){0,4}?to\s+(?:launch|deliver|carry|fly|transport|ferry|supply|sell|buy|purchase)\b",
                     re.IGNORECASE)
GROUP_INTRO = re.compile(r"^\s*(?:[\w.-]+\s+){0,4}?(?:companies|firms|partners|organi[sz]ations|agencies|universities|"
                         r"countries|nations|start-?ups|providers)\s*[—–:]\s*", re.IGNORECASE)
KINDS = ("company", "agency", "university", "investor", "jurisdiction")


# "an implementation agreement ... was signed between A, B and C"
SIGNED_BETWEEN = re.compile(rf"\b{_AGREEMENT}\b[^.;]{{0,120}}?\b(?:was|were|has\s+been|have\s+been)\s+(?:signed|concluded|"
                            # ("The MoU was signed on the sidelines of the 36th Space Symposium in Colorado Springs by UTS, ...")
                            rf"finali[sz]ed)\s+(?:(?:on|at|in|during)\s+[^.;,]{{0,80}}?\s)?(?:by|between)\s+|"
                            # "under an agreement signed Tuesday by NASA Administrator Bill Nelson and Japan's ... minister"
                            rf"\b{_AGREEMENT}\s+(?:signed|inked|concluded)\s+(?:on\s+)?(?:\w+day\s+|[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}\s+)?by\s+|"
                            # "under an agreement signed today between the Australian Government and NASA"
                            rf"\b{_AGREEMENT}\s+(?:signed|inked|concluded)\s+(?:on\s+)?(?:\w+day\s+|today\s+|this\s+week\s+|"
                            rf"[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}\s+)?between\s+|"
                            # "with the signing of a historic Memorandum of Understanding between SUPARCO and CNSA"
                            rf"\b(?:signing|conclusion)\s+of\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}?{_AGREEMENT}\s+between\s+|"
                            # "... signed by the video link the Memorandum of Understanding between the Government of
                            # the People's Republic of China and the Government of the Russian Federation"
                            # ("signed in Washington, D.C. the Implementing Arrangement between the Government of Japan and NASA")
                            rf"\b(?:signed|signs|inked|inks|concluded|concludes)\s+(?:[\w.,'’-]+\s+){{0,6}}?(?:the|a|an)\s+"
                            rf"(?:[\w-]+\s+){{0,2}}?{_AGREEMENT}\s+between\s+|"
                            # "Australia will build a rover ... under an agreement between the Australian Space Agency
                            # and NASA, Prime Minister Scott Morrison announced"
                            rf"\bunder\s+(?:a|an)\s+(?:new\s+)?(?:{_AGREEMENT}|agreement)\s+between\s+", re.IGNORECASE)
# "Under a new implementing arrangement, ...": the agreement of the parties the item is about.
UNDER_AGREEMENT = re.compile(rf"^\W*Under\s+(?:a|an|the|this)\s+(?:new\s+)?(?:[\w-]+\s+){{0,3}}?{_AGREEMENT}\b",
                             re.IGNORECASE)


def find(ctx: DocContext) -> list[EventCandidate]:
    found: list[EventCandidate] = []
    found.extend(_under_agreement(ctx))
    for sentence in ctx.sentences:
        if len(sentence.mentions) < 1 or "partnership" not in sentence.families:
            continue
        found.extend(_signed_between(ctx, sentence))
        found.extend(_with_form(ctx, sentence))
        found.extend(_mutual_form(ctx, sentence))
    return [split for c in found for split in _separate_agreements(ctx, _service_deal(c))]


# "signed two memoranda of understanding ... with the Italian Space Agency (ASI) and with France's CNES",
# "Inks Cooperation MoUs With Italy's ASI and France's CNES": one agreement with each partner
SEVERAL_AGREEMENTS = re.compile(r"\b(?:two|three|four|five|several|separate)\s+(?:[\w-]+\s+){0,3}?(?:memoranda|memorandums|"
                                r"MoUs|MOUs|agreements|arrangements)\b|\b(?:memoranda|MoUs|MOUs)\b|"
                                r"\b(?:signs|signed|inks|inked)\s+(?:[\w-]+\s+){0,2}?(?:agreements|arrangements)\s+with\b",
                                re.IGNORECASE)


def _separate_agreements(ctx: DocContext, found: EventCandidate) -> list[EventCandidate]:
    """A party's several agreements with several partners are one partnership with each of them
    (the countries written only as the partners' owners, "France's CNES", are no partners)."""
    told = found.evidence.sentence
    if found.evidence.pattern_id == "partnership.under_agreement":
        told += " " + " ".join(s.text for s in ctx.title)  # (its parties are the headline's)
    if found.type != "partnership" or len(found.actors) < 3 or not SEVERAL_AGREEMENTS.search(told):
        return [found]
    first, *others = found.actors
    agencies = [a for a in others if a.kind == "agency"]
    partners = [a for a in others if not (a.kind == "jurisdiction" and agencies)]
    if len(partners) < 2:
        return [found]
    return [replace(found, actors=(first, partner)) for partner in partners]


# "a strategic agreement between MBRSC and Firefly Aerospace, under which Firefly will provide payload
# delivery services for the Rashid 2 rover": an agreement to deliver, launch or carry is a service bought
SERVICE_UNDER = re.compile(r"\bunder\s+which\s+(?:the\s+)?(?P<who>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s+will\s+"
                           r"(?:provide|deliver|carry|launch|fly|transport)\b[^.;]{0,60}?\b(?:delivery|launch|transport\w*|"
                           r"rideshare|ride)\b")


SERVICE_WITH = re.compile(r"\b(?:announced|announces|signed|signs|inked|inks|reached|entered\s+into|concluded)\s+(?:an?\s+|the\s+)?"
                          r"(?:[\w-]+\s+){0,2}?(?:agreement|contract|deal)\s+with\s+[^.;]{1,120}?\bto\s+(?:deliver|launch|"
                          r"carry|fly|transport)\b", re.IGNORECASE)


def _service_deal(found: EventCandidate) -> EventCandidate:
    """A partnership whose agreement has one party provide delivery or launch services is a
    contract award to that provider, bought by the others (as the gold defines launch agreements)."""
    match = SERVICE_UNDER.search(found.evidence.sentence)
    if match is None:
        # "Firefly Aerospace today announced an agreement with the Mohammed Bin Rashid Space Centre ... to
        # deliver the Rashid 2 rover": the one announcing an agreement to deliver is the provider
        service = SERVICE_WITH.search(found.evidence.sentence)
        before = found.evidence.sentence[:service.start()].lower() if service else ""
        provider = next((a for a in found.actors if a.kind == "company" and a.name.lower() in before), None)
    else:
        who = match.group("who").lower()
        provider = next((a for a in found.actors
                         if a.name.lower().startswith(who) or who.startswith(a.name.lower().split()[0])), None)
    if provider is None:
        return found
    # (the buyer is the agency, not the country it is "of", when both are named)
    others = [a for a in found.actors if a.org_id != provider.org_id]
    buyers = others if match is not None else [a for a in others if a.kind != "jurisdiction"] or others
    return replace(found, type="contract_award", actors=(provider,), counterparties=tuple(buyers),
                   evidence=replace(found.evidence, pattern_id="award.service_agreement"))


DESCRIBED_LAST = re.compile(r",?\s+and\s+(?:[A-Z][\w-]*['’]s\s+|(?:[A-Z][\w-]*(?:-based)?\s+)?(?:[a-z][\w-]*\s+){0,2}?"
                            r"(?:maker|company|firm|start-?up|developer|manufacturer|provider|operator|supplier|"
                            r"specialist)\s+)?")


def _subjects(ctx: DocContext, sentence: Sentence, pos: int) -> list[Mention]:
    subject = subject_before(ctx, sentence, pos, kinds=KINDS, limit=200)  # (past a long description)
    if subject is None:
        return []
    members = [subject.mention]
    if subject.how == "named":
        earlier = [m for m in sentence.mentions if m.end <= subject.mention.start and eligible(m, KINDS)]
        current = subject.mention
        for previous in reversed(earlier):
            if not LIST_GAP.match(sentence.text[previous.end:current.start]):
                break
            members.insert(0, previous)
            current = previous
        # "Airbus, Thales and Leonardo sign", "Axiom Space and Milan's Prada announce collaboration": a name
        # the gazetteer leaves out (too ambiguous alone, or outside the market) is a party when it closes a
        # list of known organisations right before the verb
        last = next((m for m in sentence.mentions if m.start > subject.mention.end and m.end <= pos
                     and m.source == "discovered" and m.kind in KINDS), None)
        # ("Interlune and Iowa equipment maker Vermeer signed": the partner described before its name)
        if last is not None and DESCRIBED_LAST.fullmatch(sentence.text, subject.mention.end, last.start) and \
                re.fullmatch(r"\s+", sentence.text[last.end:pos]) and \
                (len(members) >= 2 or members[0].source == "gazetteer"):
            members.append(last)
    return members


def _signed_between(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    match = SIGNED_BETWEEN.search(sentence.text)
    if not match or hedged(sentence, match.start()) or background(ctx, sentence, match.start(), match.end()) or \
            FINANCIAL_AGREEMENT.search(match.group(0)) or sentence.money:
        return []
    parties = list_after_intro(sentence, match.end(), kinds=KINDS)
    parties = [m for m in parties if m.source != "discovered" or m.org_shaped]
    if len(parties) < 2:
        # "signed Tuesday by NASA Administrator Bill Nelson and Japan's education minister Masahito Moriyama": the
        # signers' organisations, with their people between them
        _, clause_end = clause_bounds(sentence, match.end())
        named = [m for m in sentence.mentions if match.end() <= m.start < min(clause_end, match.end() + 160)
                 and m.kind in KINDS and m.source != "discovered"]
        parties = list({m.org_id: m for m in named}.values())
    return _events(ctx, sentence, "partnership.signed_between", parties, [])


def _under_agreement(ctx: DocContext) -> list[EventCandidate]:
    """The parties an item's headline pairs ("NASA, United Arab Emirates announce ...") when its
    text goes on "Under a new implementing arrangement, ..." without naming them again."""
    if not ctx.title or any(s.money for s in ctx.lead_sentences(2)):
        return []
    sentence = next((s for s in ctx.body if UNDER_AGREEMENT.search(s.text)), None)
    if sentence is None or hedged(sentence, 0) or background(ctx, sentence, 0, len(sentence.text)) or \
            FINANCIAL_AGREEMENT.search(sentence.text[:120]) or sentence.money or \
            re.search(r"\b(?:stake|shares|equity|grant|contract|order)\b", sentence.text, re.IGNORECASE):
        return []
    title = ctx.title[0]
    parties = [m for m in title.mentions if m.kind in KINDS and m.source != "discovered"]
    parties = list({m.org_id: m for m in parties}.values())
    if len(parties) < 2 or not re.search(r",|\band\b|&|\bwith\b", title.text):
        return []
    return _events(ctx, sentence, "partnership.under_agreement", parties, [])


def _parties_in_clause(ctx: DocContext, sentence: Sentence, pos: int) -> list[Mention]:
    """"NASA Administrator Bill Nelson and Masahito Moriyama, Japan's minister, signed an
    agreement": officials sign for their organisations, so every party named before the verb
    in a clause joined by "and" is a partner."""
    start, _ = clause_bounds(sentence, pos)
    if not re.search(r"\band\b|&", sentence.text[start:pos]):
        return []
    parties = [m for m in sentence.mentions if start <= m.start and m.end <= pos and m.source != "discovered"
               and m.kind in KINDS]
    return list({m.org_id: m for m in parties}.values())


def _events(ctx: DocContext, sentence: Sentence, pattern: str, subjects: list[Mention],
            partners: list[Mention]) -> list[EventCandidate]:
    # ("Israel's Helios and Japan's ispace sign MoUs": each country is its company's home, not a party)
    homes = {m.org_id for m in subjects + partners if m.kind == "jurisdiction" and m.possessive and any(
        o.start > m.end and o.kind in ("company", "university") and re.fullmatch(r"['’]s?\s+", sentence.text[m.end:o.start])
        for o in sentence.mentions)}
    if homes and len({m.org_id for m in subjects + partners} - homes) >= 2:
        subjects = [m for m in subjects if m.org_id not in homes]
        partners = [m for m in partners if m.org_id not in homes]
    everyone = {m.org_id: m for m in subjects + partners}
    if len(everyone) < 2:
        return []
    agencies = [m for m in subjects if m.kind in ("agency", "jurisdiction")]
    companies = [m for m in partners if m.kind in ("company", "university")]
    if len(subjects) == 1 and agencies and len(companies) > 1:
        # An agency's agreements with several companies are separate agreements.
        return [candidate(ctx, sentence, "partnership", pattern, actors=[subjects[0], c], confidence=0.75)
                for c in companies]
    return [candidate(ctx, sentence, "partnership", pattern, actors=list(everyone.values()), confidence=0.75)]




COORDINATED_AFTER_VERB = re.compile(r"\b(?:announced|announces|signed|signs|inked|inks|concluded|reached)\s+[^.;]{5,120}?\sand\s+$",
                                   re.IGNORECASE)
SAID_BEFORE = re.compile(r"\b(?:said|say|says|announced|announce|announces)\b[^.;]{0,40}$")


def _with_form(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for match in prefilter.finditer(WITH, sentence.text):
        pos = match.start(1)
        if hedged(sentence, pos) or background(ctx, sentence, pos, match.end()) or \
                FINANCIAL_AGREEMENT.search(match.group(1)) or ALREADY_BEFORE.search(sentence.text[max(0, pos - 30):pos]):
            continue
        if re.match(r"an?\s", match.group(1), re.IGNORECASE) and not COORDINATED_AFTER_VERB.search(sentence.text, max(0, pos - 160), pos):
            continue  # (only "announced X and a joint development agreement with Y": the verb before governs both)
        if re.search(r"\b(?:similar|such|comparable|other)\b", match.group(1), re.IGNORECASE):
            continue  # "The Grand Duchy has signed similar cooperation agreements with Japan and the UAE": earlier ties
        if re.search(r"\bwork\b", match.group(1)) and not SAID_BEFORE.search(sentence.text[max(0, pos - 60):pos]):
            continue  # "NASA will work with the winners to ...": a plan or a contract's terms; "X said it will work with Y" is news
        rest = sentence.text[match.end():]
        intro = GROUP_INTRO.match(rest)
        if intro:
            partners = list_after_intro(sentence, match.end() + intro.end(), kinds=KINDS)
        else:
            partners = [f.mention for f in objects_after(ctx, sentence, match.end(), kinds=KINDS, strong=True, max_gap=45)]
        # "signed the agreements with Hélène Huby, chief executive of the Franco-German Exploration Company": a person
        partners = [p for p in partners if not (p.source == "discovered" and not p.org_shaped and
                                                PERSON_TITLE_AFTER.match(sentence.text, p.end))]
        if not partners:
            continue
        if SERVICE.match(sentence.text[partners[-1].end:]) or sentence.money:
            continue
        subjects = _subjects(ctx, sentence, pos)
        out.extend(_events(ctx, sentence, "partnership.with", subjects, partners))
    return out


PERSON_TITLE_AFTER = re.compile(r",\s+(?:the\s+)?(?:[\w-]+\s+)?(?:chief|CEO|president|head|director|founder|co-founder|"
                                r"minister|administrator|chair(?:man|woman)?|secretary|ambassador)\b", re.IGNORECASE)
SPEAKERS_THEY = re.compile(r"\b(?:said|say|says|announced|announce)\b[^.;]{0,40}?\b(?:that\s+)?(?:they|both|the\s+(?:two\s+)?"
                           r"(?:companies|firms|agencies|partners|organi[sz]ations))\s+(?:have\s+|had\s+|now\s+)*$",
                           re.IGNORECASE)


def _speakers(ctx: DocContext, sentence: Sentence, pos: int) -> list[Mention]:
    """"Lockheed Martin and GM said Wednesday they have agreed to work together": "they" are the
    organisations that said it."""
    match = SPEAKERS_THEY.search(sentence.text[max(0, pos - 80):pos])
    if not match:
        return []
    return _subjects(ctx, sentence, max(0, pos - 80) + match.start())


def _mutual_form(ctx: DocContext, sentence: Sentence) -> list[EventCandidate]:
    out = []
    for match in prefilter.finditer(MUTUAL, sentence.text):
        pos = match.start(1)
        if hedged(sentence, pos) or background(ctx, sentence, pos, match.end()) or \
                FINANCIAL_AGREEMENT.search(match.group(1)):
            continue
        if DEAL_UNDER_WHICH.match(sentence.text, match.end()):
            continue  # "entered into a definitive agreement under which Lockheed Martin will acquire Terran Orbital"
        if SERVICE.match(sentence.text[match.end():]) or sentence.money:
            continue
        if re.search(r"\bworking\b", match.group(1)) and not SAID_BEFORE.search(sentence.text[max(0, pos - 60):pos]):
            continue  # "NASA and DOE are working together to advance ...": a standing relationship, not news of one
        subjects = _subjects(ctx, sentence, pos)
        if len(subjects) < 2:
            subjects = _parties_in_clause(ctx, sentence, pos)
        if len(subjects) < 2:
            subjects = _speakers(ctx, sentence, pos)
        if len(subjects) < 2:
            continue
        out.extend(_events(ctx, sentence, "partnership.mutual", subjects, []))
    return out
