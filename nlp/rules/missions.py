"""mission_outcome: a launch, landing, sample return or in-space operation with a known outcome.

Actor = the operator. Missions come from the gazetteer (``missions.yaml``: "Peregrine" is
Astrobotic's) or from "<operator>'s ... lander/spacecraft/probe". Outcome words are read per
sentence and given to the mission the sentence (or its paragraph, or the item) is about:

- success: landed, touched down, lifted off, is down safe, collected samples, returned ...;
- failure: crashed, hard landing, lost contact, unable to re-establish, no chance of landing ...;
- partial: tipped over, on its side, a demonstration "not completed" beside ones completed.

One event per mission in an item: partial beats failure beats success (a lander that launched
well and then crashed failed). Previews ("set to launch", "on track to attempt") and past
missions recalled as background ("four years after Chandrayaan-2 crashed") are not events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta

from nlp import prefilter
from nlp.context import DocContext, Mention, Sentence
from nlp.rules.build import candidate
from nlp.rules.common import (ALREADY_BEFORE, BACKGROUND_CLAUSE, HEDGE, NEGATION, SINCE_THEN, clause_bounds, hedged,
                               row_dated_before, table_rows)
from nlp.timing import (BACKGROUND_AFTER, BACKGROUND_WORDS, RECENT_DAY_WORDS, is_background, measured_since, month_number,
                         resolve_dates)
from spacemine.records import EventCandidate

SUCCESS = re.compile(
    r"\b(touched\s+down|touches\s+down|soft[- ]land(?:ed|ing|s)?|(?<!to\s)landed\s+(?:on|in|at|near|safely|softly|"
    r"successfully|upright|(?:precisely|accurately|gently)\s+(?:in|on|at|near))|"
    # an in-situ resource demonstration's result: "MOXIE makes oxygen on Mars", "Perseverance Rover Extracts First
    # Oxygen", "pulled oxygen out of it"
    r"(?:makes|made|produced|produces|extracted|extracts|generated|generates|pulled|pulls|converted|converts)\s+(?:its\s+|the\s+)?(?:first(?:-ever)?\s+|more\s+)?(?:breathable\s+|usable\s+)?oxygen\b|"
    # "The China National Space Administration (CNSA) declared the mission a complete success"
    r"declared\s+(?:the\s+)?(?:mission|landing|launch|flight)\s+(?:a\s+)?(?:complete\s+|total\s+|full\s+)?success|(?:has|have)\s+landed|lands\s+(?:on|in|near)|lifted\s+off|lifts\s+off|blasted\s+off|"
    r"launched\s+successfully|"
    # "first fully successful commercial lunar landing", "a successful soft Moon landing"
    r"successful\s+(?:(?:commercial|lunar|soft|Moon|moon|Mars|robotic|private|crewed|orbital|first)\s+){1,3}(?:landing|launch|touchdown)|"
    r"successful(?:ly)?\s+(?:launch|landing|touchdown|landed|launched|deployed|returned|"
    r"completed|inserted|reached)|is\s+down,?\s+safe|rolled\s+(?:off|down)|returned\s+(?:samples?|to\s+Earth|home)|"
    r"(?:collected|grabbed|captured)\s+(?:a\s+)?(?:samples?|regolith|material|rocks?|soil)|"
    r"capsule\s+(?:landed|touched\s+down|parachuted)|(?:mission|landing|launch)\s+(?:was\s+)?(?:a\s+)?success|"
    r"first[- ]ever\s+landing|made\s+(?:a\s+|the\s+|its\s+)?(?:first\s+|second\s+|third\s+|historic\s+|successful\s+)*(?:soft\s+)?(?:landing|touchdown)|parachuted|splashed\s+down|"
    r"settled\s+onto|settled\s+(?:in|on|at|near|into)\s+(?:the\s+)?(?:Mare|Oceanus|Lacus|Sinus|Mons|Vallis|Palus|"
    r"(?:lunar|Moon['’]s)\s+surface)\b|reached\s+the\s+(?:lunar\s+)?surface|touched\s+the\s+(?:lunar\s+|Martian\s+)?surface|"
    r"set(?:s|ting)?\s+(?:(?:its|the|their)\s+)?(?:[\w-]+\s+){0,3}?down\s+(?:softly|safely|gently|upright|on|in|inside|within|near|at)\b"
    r"(?!\s+(?:law|writing|paper|the\s+(?:treaty|act|law|rules?|regulations?)\b))|"
    # "A prototype spacecraft for space mining was sent into its planned orbit on Tuesday"
    r"(?:was|were)\s+(?:successfully\s+)?(?:sent|carried|placed|put)\s+into\s+(?:its\s+|their\s+|the\s+)?(?:planned\s+|"
    r"intended\s+|preset\s+|target(?:ed)?\s+|designated\s+|low\s+Earth\s+)?(?:orbit|space)\b|"
    r"came\s+back\s+to\s+(?:the\s+)?Earth|(?:came|comes|is|was|are|were)\s+(?:safely\s+|finally\s+)?(?:back\s+)?home\b"
    r"(?!\s+(?:to|of|for)\b)|completed\s+the\s+recovery|capsule\s+(?:was\s+|is\s+)?(?:collected|found|recovered)|"
    r"(?:came|comes)\s+down\s+(?:under|beneath)\s+(?:its\s+|a\s+)?parachutes?|"
    r"flew\s+(?:its|their)\s+first\s+(?:[\w-]+\s+){0,2}?(?:mission|flight)|performed\s+as\s+(?:planned|designed|expected)|(?:docked|latched|latches)\s+(?:onto|on\s+to|with|together)|"
    # "ISRO has successfully docked its two SpaDeX satellites"
    r"successfully\s+(?:docked|undocked|berthed|captured)\b|"
    r"successfully\s+complet\w+,?\s+(?:[\w:,()'’-]+\s+){0,12}?(?:the\s+)?(?:launch|flight|landing|mission|docking)|"
    # "ISRO has successfully accomplished the docking of the two satellites", "ISRO achieves docking of SpaDeX"
    r"(?:successfully\s+)?(?:accomplished|accomplishes|achieved|achieves)\s+(?:the\s+|its\s+|a\s+)?(?:first\s+)?(?:space\s+)?"
    r"(?:docking|rendezvous)\s+(?=of\b|with\b|between\b|in\b|on\b|at\b)|"
    r"(?:was|is)\s+(?:a\s+)?complete\s+success|"
    r"(?:is|was|were|been)\s+(?:safely\s+)?(?:recovered|retrieved)|"
    r"(?:brought|brings?|hauled|hauls?|carried|delivered)\s+(?:[\w,'’-]+\s+){0,6}?(?:home|back\s+to\s+Earth)|"
    r"returned\s+(?:[\w-]+\s+){0,3}?samples|samples?\s+(?:safely\s+)?back|"
    r"(?<!was\s)(?<!be\s)launched\s+(?:(?:flight|mission)\s+[A-Z]*\d[\w-]*\s+|(?:its|the|a)\s+(?:first|second|third|fourth|fifth|"
    r"maiden|next|latest|\d+(?:st|nd|rd|th))\s+(?-i:[A-Z])[\w-]*\s+(?:rocket\s+|launcher\s+|vehicle\s+)?)?(?:at\s+\d|on\s+(?:[A-Z]\w*\.?\s+\d|\w+day)|aboard|atop|from)|"
    r"we\s+have\s+lift-?off|(?:roared|soared)\s+(?:off|into|away|aloft|from)|rode\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:rocket|Falcon|Atlas|Vulcan|Ariane|PSLV|GSLV|LVM3|"
    r"Electron|H-?II\w*|H3|Long\s+March|Soyuz|Proton)|separated\s+from\s+(?:the|its)\s+(?:rocket|launcher|upper\s+stage)|"
    r"(?:was|were|went|performed)\s+(?:completely\s+)?nominal(?:ly)?|working\s+as\s+(?:planned|designed|expected)|"
    r"(?:is|are)\s+(?:now\s+)?on\s+(?:its|their)\s+way\s+(?:back|home)|"
    r"depart(?:ed|s)\s+(?:from\s+)?(?:the\s+)?(?:asteroid|comet|Ryugu|Bennu|Moon|lunar\s+orbit)|"
    r"flew\s+(?:past|by)\s+(?:its\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:asteroid|comet|Moon|moon|Mars|planet)|"
    r"(?:arrived|arrives)\s+at\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:asteroid|comet|Moon|moon|Mars|planet|Bennu|Ryugu|"
    r"Psyche|Didymos|Dimorphos))",
    re.IGNORECASE,
)
FAILURE = re.compile(
    r"\b(crash(?:ed|es|-landed)?|hard\s+landing|smashed|(?:smashes|slams|slammed)\s+into|"
    # "AstroForge said the chances of talking with Odin were now minimal"
    r"chances?\s+of\s+(?:ever\s+)?(?:talking|communicating|contacting|contact|re-?establishing\s+contact|recovering|regaining\s+contact)\s+"
    r"(?:with\s+|to\s+)?(?:[\w-]+\s+){0,3}?(?:are|were|is|was)\s+(?:now\s+)?['‘\"“]?(?:minimal|slim|remote|negligible|close\s+to\s+zero)|"
    # "no usable contact with Odin since it separated", "communication with the lander could not be confirmed"
    r"no\s+(?:usable\s+|reliable\s+|stable\s+)?(?:contact|communications?|signal)\s+(?:with|from)|"
    # "there is, unfortunately, no chance of a soft landing on the Moon"
    r"no\s+(?:longer\s+(?:any\s+)?)?chance[\"”]?\s+(?:of|for)\s+(?:a\s+)?(?:soft\s+|successful\s+)?landing|"
    r"communications?\s+with\s+(?:the\s+)?[\w-]+\s+(?:could|can)\s*not\s+be\s+(?:confirmed|established|restored)|"
    r"(?:lost|loses|losing)\s+(?:contact|communications?|the\s+signal|"
    r"its\s+signal|(?:the|its)\s+(?:ship|vehicle|rocket|upper\s+stage|second\s+stage|spacecraft|lander|probe)\b)|loss\s+of\s+(?:communications?|contact|signal)|communication\s+(?:was|has\s+been)\s+lost|"
    r"(?:was|is|were)\s+(?:effectively\s+|now\s+|officially\s+)?lost|unable\s+to\s+(?:(?:re-?)?establish|restore|contact|communicate|regain|command|control)|"
    r"(?:could|can)\s+not\s+be\s+(?:restored|re-?established|recovered|regained)|"
    r"(?:could|can|did)\s*not\s+(?:restore|re-?establish|regain|establish)\s+(?:[\w-]+\s+){0,2}?(?:communications?|contact|"
    r"link|signal)|(?:has|have|had)\s+not\s+been\s+able\s+to\s+(?:establish|restore|re-?establish|regain|contact|"
    r"communicate)|(?:now\s+)?(?:considered|presumed|declared|deemed)\s+(?:to\s+be\s+)?lost|(?:is|are)\s+gone\b|"
    r"(?:not|never|unlikely\s+to)\s+(?:going\s+to\s+|be\s+able\s+to\s+)?recover\s+(?:the|its|our)\s+(?:spacecraft|probe|craft|lander|"
    r"satellite|vehicle)|never\s+made\s+it\s+(?:through|to|past|out\s+of)|"
    r"(?:written|wrote|writes|writing|given|gave|giving)\s+(?:off|up\s+on)\s+(?:the\s+|its\s+)?"
    r"(?:[A-Z][\w-]*\b(?!\s+(?:shares?|stake|investment|loan|debt|costs?))|spacecraft|probe|lander|mission|craft)|"
    r"chance\s+of\s+(?:talking|communicating|contacting|recovering|regaining|hearing)\b[^.;]{0,40}?\b(?:is|was)\s+"
    r"(?:minimal|slim|small|low|remote|very\s+low)|"
    r"(?:no|little)\s+chance\s+of|(?:was|were)\s+no\s+possibility\s+(?:of|to)|"
    r"(?:command\s+of\s+destruction|destruct(?:ion)?\s+command)\s+was\s+(?:sent|transmitted|issued)|"
    # "controllers sent the destruct command about 14 minutes into the flight"
    r"(?:sent|issued|transmitted)\s+(?:the\s+|a\s+)?(?:self-)?destruct(?:ion)?\s+command|failed|failure(?!s)|(?:burn(?:ed|t|ing)\s+up)|propellant\s+leak|leaking|"
    r"critical\s+loss|not\s+achievable|no\s+longer\s+possible|did\s+not\s+survive|went\s+silent|"
    r"impacted\s+the\s+(?:lunar\s+)?surface|mission\s+(?:was\s+)?(?:lost|over)|explod(?:ed|es|ing)|exploded|"
    r"explosion|(?:was|were)\s+destroyed|(?:hit|hits|slammed\s+into|crashed\s+into)\s+the\s+(?:Moon|moon|lunar\s+surface|"
    r"surface)|"
    r"never\s+(?:established|regained|re-?established)\s+(?:[\w-]+\s+){0,3}?(?:communications?|contact)|"
    r"(?:communication|contact)\s+with\s+the\s+(?:spacecraft|lander|probe|craft|station)\s+was\s+(?:interrupted|lost)|"
    r"ceased\s+to\s+exist|(?:stopped|ceased)\s+(?:transmitting|communicating|responding)|"
    r"(?:has|have|had)\s+lost\s+(?:a|an|its|the|their)\s+(?:[\w-]+\s+)?(?:lander|spacecraft|probe|rover|craft)|"
    r"unable\s+to\s+(?:generate|reach|achieve|produce|get)|(?:failed|unable)\s+to\s+reach|f(?:a|e)ll\s+short|"
    r"calls?\s+it\s+quits|called\s+it\s+quits|abandon(?:ed|s)?\s+(?:the|its)\s+mission)",
    re.IGNORECASE,
)
# Arriving in orbit is the outcome of an orbiter's flight, not of a lander's (whose goal is the surface).
ORBIT = re.compile(
    r"\b((?:entered|enters|entering|settled|settles|settling|arrived|arrives|inserted|braked|brakes|braking)\s+(?:into\s+|in\s+|at\s+)?"
    r"(?:its\s+|a\s+|the\s+)?(?:[\w-]+\s+){0,4}?orbit|(?:completed?|completes)\s+(?:[\w-]+\s+){0,6}?orbit\s+insertion|"
    r"reached\s+(?:lunar|its\s+\w+)\s+orbit|"
    # "ICUBE-Q, Pakistan's first lunar mission, is in orbit around the Moon and has transmitted its first images"
    r"(?:is|are)\s+(?:now\s+)?in\s+(?:lunar\s+)?orbit\s+(?:around|of)\s+the\s+Moon)",
    re.IGNORECASE,
)
ORBIT_KINDS = ("orbiter", "demonstration", "cubesat", "flyby", "mission", None)
# A rocket's own flight: it reached orbit, or put its payload there; or it came down.
LAUNCH_SUCCESS = re.compile(
    r"\b((?:reached|reaches|reaching|achieved|achieves|made\s+it\s+to)\s+(?:low\s+Earth\s+|a\s+stable\s+|its\s+\w+\s+)?orbit|"
    r"(?:placed|placing|places|put|puts|putting|delivered|delivers|deployed|deploys|deploying|inserted|inserting|injected|"
    r"injecting)\s+(?:(?!(?:will|would|where|which|when)\b)[\w,'’-]+\s+){0,8}?(?:in|into)\s+(?:the\s+|its\s+|a\s+)?(?:intended|target(?:ed)?|planned|designated|"
    r"precise|correct|sun-synchronous|geostationary|transfer|low\s+Earth|polar)?\s*orbit|"
    # "deployed Capella Space's Sequoia radar satellite into a 500 km, 45-degree orbit", "has delivered the
    # VICTUS NOX satellite to orbit"
    r"(?:placed|placing|put|putting|delivered|deployed|inserted|injected)\s+(?:(?!(?:will|would|where|which|when)\b)[\w,'’~-]+\s+){0,8}?(?:in|into|to)\s+(?:the\s+|its\s+|a\s+)?"
    r"(?:(?:roughly|about|an?|approximately|[\d.,]+|x|by|km|kilometres?|kilometers?|miles?|degrees?|[\w-]+-degree|"
    r"[\w-]+-(?:km|kilometre|kilometer|mile)|sun-synchronous|circular|elliptical|low|Earth|polar|equatorial|inclined|"
    r"geostationary|transfer|target(?:ed)?|planned|intended),?\s+){0,7}?orbit|"
    # "the ascent was textbook"
    r"(?:ascent|flight|launch)\s+was\s+(?:(?:absolutely|totally|completely)\s+)?(?:textbook|flawless|perfect|nominal|clean)|"
    r"launch(?:ed|es)?\s+with\s+success|first\s+(?:successful\s+)?orbital\s+(?:flight|launch)(?!\s+(?:vehicle|rocket|system|pad|site|complex|attempt))|"
    r"flew\s+(?:a\s+)?(?:flawless|perfect|textbook|smooth|clean)\w*|(?:flew|flies)\s+(?:its\s+[^.;]{1,40}?\s+)?for\s+the\s+first\s+time|"
    r"(?:flew|flies|performed|launched|went)\s+without\s+(?:a\s+)?(?:hitch|problems?|issues?|anomal(?:y|ies))|(?:aced|aces|nailed|nails)\s+(?:its\s+)?(?:debut|maiden|first)|"
    r"(?:flawless|perfect|textbook|successful|nominal|smooth)\s+(?:maiden|first|debut|inaugural|certification)\s+"
    r"(?:flight|launch|mission)|(?:flawless|perfect|textbook|successful|smooth|clean)\s+debut)",
    re.IGNORECASE,
)
LAUNCH_FAILURE = re.compile(
    r"\b((?:went|goes|came|comes|coming)\s+down|(?:does|did)\s+not\s+(?:survive|reach\s+(?:orbit|space))|no\s+longer\s+usable|"
    r"unusable|(?:failed|fails)\s+to\s+(?:reach|achieve)\s+orbit|self-destruct\w*|terminated\s+the\s+flight|"
    r"flight\s+(?:was\s+)?terminated|flight\s+termination\s+system\s+(?:was\s+)?(?:triggered|activated)|"
    # "the rocket fell into the sea near the pad"
    r"f(?:e|a)lls?\s+(?:back\s+)?(?:in|into|to)\s+(?:the\s+)?(?:(?-i:[A-Z])[\w-]*\s+)?(?:sea|ocean|ground|Earth)|"
    r"(?:began|begins|started|starts)\s+to\s+lose\s+control|broke\s+(?:apart|up)\b|disintegrated|"
    # "lost attitude control and had its engines cut about 30 seconds into flight, falling back near the pad"
    r"fall(?:ing|s)?\s+back\s+(?:to|near|onto|into)\s+(?:the\s+)?(?:pad|ground|Earth|sea|ocean|launch\s+site)|"
    r"lost\s+attitude\s+control|"
    # "the upper stage shut down early and the two TROPICS CubeSats were not delivered to orbit"
    r"(?:was|were)\s+not\s+(?:delivered|placed|put|deployed|inserted)\s+(?:in|into|to)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,2}?orbit|(?:upper|second|third)\s+stage\s+(?:shut\s+down|cut\s+off)\s+(?:early|prematurely))",
    re.IGNORECASE,
)
# "Vulcan Centaur rocket flew flawlessly on its maiden launch, but the lander it carried ...": the
# rocket's own flight, told apart from its payload's fate.
ROCKET_OWN_FLIGHT = re.compile(
    r"^(?:\s+[\w-]+){0,3}?\s+(?:flew|flies|aced|aces|nailed|nails|had|made|performed|completed|lifted|lifts|launched|"
    r"debuted|debuts)\b[^.;]{0,40}?"
    r"\b(?:flawless\w*|perfect\w*|textbook|successful\w*|nominal\w*|smooth\w*|clean\w*|debut|maiden|inaugural|"
    r"without\s+(?:a\s+)?(?:hitch|problems?|issues?|anomal(?:y|ies))|first\s+(?:launch|flight|time))", re.IGNORECASE)
# "Our capsule touched down", "At 12:30 CEST today our Spectrum vehicle left the pad": a post's own craft.
OUR_CRAFT = re.compile(r"^\W*(?:[\w:.,-]+\s+){0,5}?our\s+(?:[\w-]+\s+){0,2}?(?:cubesat|spacecraft|lander|probe|rover|"
                       r"orbiter|capsule|satellite|(?P<launcher>rocket|vehicle|launcher)|craft)\b", re.IGNORECASE)


def _our_craft(text: str) -> re.Match | None:
    """OUR_CRAFT, tried only where "our" is written near the start (most sentences have none)."""
    return OUR_CRAFT.match(text) if "our " in text[:80].lower() else None


# A rocket written as what something rode on ("rode the same Falcon 9", "aboard an H-IIA").
REPORTING = re.compile(r"\b(?:said|says|told|tells|announced|announces|confirmed|confirms|reported|reports)\b")
CARRIER_BEFORE = re.compile(r"\b(?:rode|ride|rides|riding|aboard|atop|on\s+board|launched\s+(?:on|by|aboard)|flew\s+on|"
                            r"(?:lifted|lifts|lifting|blasted|blasts|took|takes)\s+off\s+on|(?:launch|flight|ride)\s+on|"
                            r"carried\s+(?:by|on))\s+"
                            # ("aboard a SpaceX Falcon 9": the rocket's maker before its name)
                            r"(?:(?:a|an|the|its|their|same|same-day|shared|\w+['’]s)\s+){0,3}(?:(?-i:[A-Z][\w-]*)\s+)?$",
                            re.IGNORECASE)
# "X's Odin, the 120-kilogram probe", "X's Nova, its first lander": a named craft and its description.
NAMED_CRAFT = re.compile(r"['’]s?\s+([A-Z][\w-]*(?:[ -][A-Z0-9][\w-]*)?),\s+(?:the|its|a|an|their)\s+"
                         r"(?:[\w$.,’'-]+\s+){0,5}?(?:lander|spacecraft|probe|rover|orbiter|capsule|cubesat|smallsat|"
                         r"hopper|satellite)\b")
PRONOUN_CRAFT = re.compile(r"\b[Ii]ts\s+(?:[A-Z][\w-]*\s+){0,2}(?:lunar\s+|[Mm]oon\s+|asteroid\s+)?"
                           r"(lander|spacecraft|probe|rover|orbiter|capsule|cubesat)\b")
ANAPHOR = re.compile(r"^\W*(?:(?:the|our)\s+(?:[\w-]+\s+){0,2}?(?:cubesat|spacecraft|lander|probe|rover|orbiter|mission|capsule|"
                     r"satellite|craft|vehicle|(?P<rocket>rocket|launcher))|it|its)\b", re.IGNORECASE)
PARTIAL = re.compile(
    r"\b(tipp(?:ed|ing)\s+over|tipped|on\s+its\s+side|upside[- ]down|partial(?:ly)?\s+success(?:ful)?|"
    r"partially\s+(?:successful|met|achieved|completed)|not\s+completed|incomplete|mixed\s+results?)",
    re.IGNORECASE,
)
VEHICLE = re.compile(
    r"\b(lander|spacecraft|probe|rover|orbiter|satellite|capsule|mission|cubesat|smallsat|hopper)\b", re.IGNORECASE,
)
# "ispace lander crashes": a known organisation's name used as the craft's modifier
ATTRIBUTIVE_CRAFT = re.compile(r"\s+(?:(?:lunar|moon|asteroid|mars)\s+)?(?:lander|spacecraft|probe|rover|orbiter|capsule|"
                               r"cubesat)\b", re.IGNORECASE)
NOT_OUTCOME = re.compile(r"\b(?:landed\s+(?:a|an|the|its)\s+(?:contract|deal|order|award|round|investment))\b",
                         re.IGNORECASE)
STATISTIC_AFTER = re.compile(r"\s+(?:rates?|risks?|modes?|probabilit\w+|scenarios?|analysis|mechanisms?|statistics)\b",
                             re.IGNORECASE)
ORDER = {"partial": 3, "failure": 2, "success": 1}
# For the smaller patterns, words one of which every alternative contains (lower case).
NEEDS = {
    PARTIAL: ("tipp", "side", "partial", "complet", "mixed"),
    ORBIT: ("orbit",),
    LAUNCH_SUCCESS: ("orbit", "launch", "flew", "flies", "performed", "went", "debut", "maiden", "first", "flight",
                     "mission", "ascent"),
    LAUNCH_FAILURE: ("down", "not", "usable", "orbit", "destruct", "terminat", "fell", "off", "fall", "attitude", "lose",
                     "broke", "disintegrat"),
}
CANCELLED = re.compile(r"\b(?:costs?|budget\w*|overruns?|fund\w*|Congress|cancel\w*|terminat\w*|scrap\w*)\b",
                       re.IGNORECASE)
PLANNED_END = re.compile(r"\b(?:as\s+planned|planned\s+impact|intentional(?:ly)?|deliberate(?:ly)?|by\s+design|"
                         r"as\s+designed|controlled\s+impact)\b", re.IGNORECASE)


@dataclass
class _Subject:
    key: str
    operator: Mention | None
    name: str
    owner: Mention | None = None  # "NASA's Psyche": the organisation the text says it belongs to
    kind: str | None = None       # the gazetteer's: lander, orbiter, sample_return ...

    def actors(self) -> list[Mention]:
        found = [m for m in (self.owner, self.operator) if m is not None]
        return list({m.org_id: m for m in found}.values())


def find(ctx: DocContext) -> list[EventCandidate]:
    logged = _result_table(ctx) if "|" in (ctx.document.text or "") else []
    return logged + [c for c in _told(ctx) if not any(
        c.actors and c.actors[0].org_id == t.actors[0].org_id and c.outcome == t.outcome for t in logged)]


# A launch log's row result: "| 3 Jan | Falcon 9 / Transporter-6 | SpaceX | SLC-40 | Success — 114 payloads deployed |"
ROW_RESULT = re.compile(r"\s*(?:\*\*)?(success(?:ful)?|failure|failed|partial(?:\s+(?:success|failure))?|anomaly)\b", re.IGNORECASE)
ROW_OUTCOME = {"success": "success", "successful": "success", "failure": "failure", "failed": "failure", "anomaly": "failure"}


def _result_table(ctx: DocContext) -> list[EventCandidate]:
    """A launch log told as a table: each row's operator and its "Result" cell ("Success — 114 payloads
    deployed", "Failure — second-stage anomaly"); rows dated well before the item are its history."""
    out: list[EventCandidate] = []
    for sentence, spans, columns in table_rows(ctx, RESULT_COLUMNS, ("operator", "result")):
        text = sentence.text
        result = ROW_RESULT.match(text[spans[columns["result"]][0]:spans[columns["result"]][1]])
        if result is None:
            continue  # "Scheduled", "Upcoming"
        word = result.group(1).lower()
        outcome = "partial" if word.startswith("partial") else ROW_OUTCOME[word]
        start, end = spans[columns["operator"]]
        operator = next((m for m in sentence.mentions if start <= m.start < end and m.kind in ("company", "agency")
                         and m.source == "gazetteer"), None)
        if operator is None or row_dated_before(ctx, text, spans, columns):
            continue  # ("| 7 Mar 2023 | H3 Test Flight 1 (for reference) | Failure |": an earlier flight)
        out.append(candidate(ctx, sentence, "mission_outcome", f"mission.table.{outcome}", actors=[operator],
                             outcome=outcome, confidence=0.7))
    return out


RESULT_COLUMNS = {"operator": ("operator", "provider", "company"), "result": ("result", "outcome"), "date": ("date",)}


def _told(ctx: DocContext) -> list[EventCandidate]:
    """Outcomes told in sentences, one per mission of the item."""
    outcomes: dict[str, tuple[str, Sentence, str, _Subject]] = {}
    if not any(s.missions or any(m.possessive for m in s.mentions) or _our_craft(s.text) or _may_be_direct(s)
               for s in ctx.sentences):
        return []  # no mission, no "X's" and no organisation before an outcome: nothing can have one
    main = _main_subject(ctx)
    current: _Subject | None = None
    current_paragraph = None
    for sentence in ctx.sentences:
        # "Moon week: one upright, one on its side, one silent": each "one" is a different item's craft
        enumerated = ENUMERATED.search(sentence.text) if sentence.field == "title" else None
        if sentence.field == "title" and STUDY_LABEL.match(sentence.text):
            continue  # "Study: Perseverance's MOXIE makes oxygen on Mars as reliably as a small tree": a paper's finding
        if sentence.field == "text" and (sentence.paragraph != current_paragraph or ITEM_HEAD.match(sentence.text)):
            current, current_paragraph = None, sentence.paragraph  # (a new paragraph, or a new item: "2/ Athena is down")
        if "mission" not in sentence.families and not sentence.missions and \
                not any(m.possessive or m.source == "demonym" for m in sentence.mentions):
            # No outcome word and no craft named (most sentences): nothing to find, and only an opening
            # "It ..."/"The lander ..." changes what the next sentences are about.
            current = _opening_subject(ctx, sentence, main, current) or current
            continue
        subjects = _subjects(ctx, sentence) if sentence.missions or any(m.possessive or m.source == "demonym"
                                                                         for m in sentence.mentions) or \
            ("its " in sentence.text.lower() and "mission" in sentence.families) else []
        opening = _opening_subject(ctx, sentence, main, current)
        if opening is not None:
            subjects = [(0, opening)] + subjects
        checks = (("partial", PARTIAL), ("failure", FAILURE), ("success", SUCCESS), ("success", ORBIT),
                  ("failure", LAUNCH_FAILURE), ("success", LAUNCH_SUCCESS))
        direct_only = not (subjects or current or main)
        may_be_direct = _may_be_direct(sentence)
        coded = direct_only and "mission" in sentence.families and CRAFT_CODE.match(sentence.text) is not None
        if coded:
            direct_only = False  # ("ICUBE-Q, Pakistan's first lunar mission, is in orbit": a craft by its code name)
        if direct_only and not may_be_direct:
            checks = ()  # nothing the sentence could be about: no mission, no craft, none before
        else:
            # Orbit and launch wording only count for orbiters and rockets: skip scanning for them
            # when nothing the sentence can be about is one.
            kinds = {subject.kind for _, subject in subjects} | {s.kind for s in (current, main) if s is not None}
            if may_be_direct:
                kinds.add("organisation")
            if coded:
                kinds.add("mission")
            checks = tuple((outcome, regex) for outcome, regex in checks
                           if not (regex is ORBIT and not kinds & set(ORBIT_KINDS + ("organisation",))) and
                           not (regex in (LAUNCH_SUCCESS, LAUNCH_FAILURE) and not kinds & {"launch", "organisation"}))
        lowered = sentence.text.lower() if checks else ""
        for outcome, regex in checks if "mission" in sentence.families else ():
            if regex in NEEDS and not any(word in lowered for word in NEEDS[regex]):
                continue  # a word every alternative of the pattern contains is missing: no need to scan
            for match in (_after_organisations(regex, sentence) if direct_only else prefilter.finditer(regex, sentence.text)):
                if enumerated and enumerated.start() <= match.start() < enumerated.end():
                    continue
                if NOT_OUTCOME.search(sentence.text[match.start():match.start() + 40]) or \
                        STATISTIC_AFTER.match(sentence.text, match.end()):
                    continue  # ("first-flight failure rates": a statistic, not a flight)
                if re.search(r"\bthan\s+(?:any|ever|anyone|anything)\b[^,;—–]*$", sentence.text[:match.start()], re.I):
                    continue  # "closer to the pole than any spacecraft has landed before"
                if _not_news(ctx, sentence, match.start(), match.end()):
                    continue
                if match.group(1).lower().startswith(("given", "gave", "giving", "written", "wrote", "writ")) and \
                        CANCELLED.search(sentence.text):
                    continue  # "NASA has given up on VIPER, citing cost overruns": a cancellation, not a flight's end
                if outcome == "failure" and PLANNED_END.search(sentence.text):
                    outcome = "success"  # "impacted the surface, as planned": the mission ended as designed
                asides = _participle_asides(sentence.text)
                told = [(at, subject) for at, subject in subjects
                        # ("its Peregrine lander, launched Monday on the first flight of ULA's Vulcan Centaur, has 'no
                        # chance'": the rocket in the aside is not what the outcome is about)
                        if not any(a <= at < b <= match.start() for a, b in asides) and
                        not (at > match.end() and (ASIDE_BEFORE_DATE.search(sentence.text, match.end(), at) or
                                                      _own_clause_outcome(sentence.text, match.end(), at) or
                                                      # ("...: '100% MISSION SUCCESS'; TARGET IS 2009 H-IIA UPPER STAGE")
                                                      ";" in sentence.text[match.end():at]))]
                subject = _direct_subject(sentence, match) or _subject_for(told, match.start()) or \
                    (None if current is not None else _operator_named(ctx, sentence, match.start()))
                if match.group(1).lower().startswith("declared") and (current or main) is not None and \
                        not _subject_for(told, match.start()):
                    # "JAXA declared the launch a success": the item's flight, with the declarer as its owner
                    base = current or main
                    subject = replace(base, owner=base.owner or (subject.operator if subject is not None else None))
                if subject is None and OTHER_CRAFT.search(sentence.text, 0, match.start()) and \
                        not (ctx.body and sentence is ctx.body[0]):
                    # (a news lead's "A prototype spacecraft for space mining was sent into its planned orbit" is the item's)
                    continue  # "Last month a lander built by Astrobotic sprang a leak": not the item's craft
                if subject is None and (current or main) is not None and \
                        any(s.key == (current or main).key and (at, s) not in told for at, s in subjects):
                    continue  # the craft the sentence names is another clause's ("..., days after Russian probe crashed")
                if subject is None and current is None and main is None:
                    # "MisrSat-2, a remote-sensing satellite funded by China ..., was successfully launched into
                    # orbit": a craft the gazetteer does not know, named by its code, opening the sentence
                    subject = _unknown_craft(ctx, sentence, match.start())
                subject = subject or current or main
                if regex is ORBIT and (subject is None or subject.kind not in ORBIT_KINDS + ("organisation",)):
                    continue
                if regex in (LAUNCH_SUCCESS, LAUNCH_FAILURE) and (subject is None or subject.kind not in ("launch", "organisation")):
                    continue
                if subject is None or subject.operator is None:
                    continue
                if main is not None and subject.key != main.key and _single_story(ctx, main) and \
                        _told_weeks_ago(ctx, sentence) and not _titled(ctx, subject):
                    continue  # "Astrobotic's Peregrine was lost to a propellant leak in January" in an IM-1 story
                if _story_context(ctx, sentence) and not (_titled(ctx, subject) and _titled_crafts(ctx) >= 2):
                    # (a headline about two crafts, "Peregrine burns up ... as Vulcan's debut goes by the book", tells both)
                    continue  # "Vikram touched down on August 23" closing a story about a finding six days later
                previous = outcomes.get(subject.key)
                if previous is None or ORDER[outcome] > ORDER[previous[0]]:
                    outcomes[subject.key] = (outcome, sentence, f"mission.{outcome}.{match.group(1).split()[0].lower()}",
                                             subject)
                elif previous[3].owner is None and subject.owner is not None:
                    # the same outcome told again by its owner ("JAXA declared the launch a success"): keep who said it
                    outcomes[subject.key] = (*previous[:3], replace(previous[3], owner=subject.owner))
        if subjects:
            current = subjects[0][1]  # a sentence is about its first mission; later ones are asides
    # ("JAXA's new H3 rocket failed on its first flight ... JAXA sent a destruct command": the organisation's own
    # outcome retells the flight of a craft of its already told)
    crafts_of = {m.org_id for subject in (o[3] for o in outcomes.values()) if subject.kind != "organisation"
                 for m in (subject.owner, subject.operator) if m is not None}
    return [
        candidate(ctx, sentence, "mission_outcome", pattern,
                  actors=_with_owner(ctx, subject).actors() + [p for p in [_parent_of(ctx, subject.operator)] if p],
                  outcome=outcome, program=subject.name, confidence=0.75)
        for outcome, sentence, pattern, subject in outcomes.values()
        if not (subject.kind == "organisation" and subject.operator is not None and subject.operator.org_id in crafts_of)
    ]


def _opening_subject(ctx: DocContext, sentence: Sentence, main: _Subject | None,
                     current: _Subject | None) -> _Subject | None:
    """What a sentence opening without a name is about: "The new rocket lifted off" the rocket told
    before, "The cubesat ...", "It ..." the item's mission, "Our capsule touched down" the posting
    company's craft."""
    anaphor = ANAPHOR.match(sentence.text)
    if anaphor and anaphor.group("rocket") and current is not None and current.kind == "launch":
        return current
    if anaphor and current is not None and is_roundup(ctx):
        return current  # ("EUROPE - Isar Aerospace's first Spectrum rocket lifted off ... It carried no payload.")
    if anaphor and main is not None:
        return main
    if main is None and _our_craft(sentence.text) and _named_up_front(ctx, ctx.main_org(("company",))):
        own = ctx.main_org(("company",))
        craft = _our_craft(sentence.text)
        return _Subject(f"{own.org_id}:own", own, sentence.text[:craft.end()],
                        kind="launch" if craft.group("launcher") else None)
    return None


def _with_owner(ctx: DocContext, subject: _Subject) -> _Subject:
    """The subject with the owner the item names for it anywhere ("JAXA launched H3 ..." in the lead,
    the failure told two paragraphs later)."""
    if subject.owner is not None:
        return subject
    for sentence in ctx.sentences:
        for mission in sentence.missions:
            owner = _owner(sentence, mission.start) if mission.mission_id == subject.key else None
            if owner is not None:
                return replace(subject, owner=owner)
    return subject


FUTURE_AFTER = re.compile(r"^([^.;]{0,100}?)\b(?:targeted|planned|scheduled|slated|expected|set|due|pencil+ed\s+in)\s+(?:for|to|in|on)\b",
                          re.IGNORECASE)
# "first spacecraft ever to fly the orbit planned for Gateway": a plan describing a noun, not the outcome's
ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|a|an|its|their)\s+[\w-]+(?:\s+[\w-]+)?\s+$|"
                                # ("..., ending a mission that had been set to attempt ...": the plan describes the mission)
                                r"\b(?:that|which)\s+(?:had\s+been|has\s+been|was|were|is|are)\s+$", re.IGNORECASE)


def _future_after(text: str, cue: str = "") -> bool:
    match = FUTURE_AFTER.match(text)
    if match and not match.group(1).strip() and PLACE_NOUN_END.search(cue):
        return False  # "entered the near-rectilinear halo orbit planned for Gateway": the plan describes the orbit
    return bool(match) and not ATTRIBUTIVE_BEFORE.search(match.group(1))


PLACE_NOUN_END = re.compile(r"\b(?:orbit|surface|site|region|area|location|crater|spot|point|zone)$", re.IGNORECASE)
JUDGED_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:is|was|would\s+be|remains?|seems?)\s+(?:\w+\s+)?"
                          r"(?:unlikely|uncertain|doubtful|not\s+expected|a\s+stretch|a\s+long\s+shot|the\s+goal|the\s+aim|"
                          r"the\s+hope|possible|hard|(?:the\s+)?(?:primary|main|key|first|only|real|stated)\s+"
                          r"(?:objective|goal|aim|priority)|(?:a\s+)?stretch\s+goal|the\s+(?:objective|priority))\b",
                          re.IGNORECASE)
APPROVED_MISSION = re.compile(r"\b(?:approved|approves|approval\s+(?:of|for)|sanctioned|sanctions|green-?lit|"
                              r"greenlights?|greenlighted)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+,?\s+){0,3}?mission\b",
                              re.IGNORECASE)
# "Astrobotic said on Friday its lander had touched down": reported news, not an earlier event.
REPORTED_HAD = re.compile(r"\b(?:said|says|told|tells|announced|announces|confirmed|confirms|reported|reports)\b[^.;]{0,80}?"
                          r"\bhad\s+(?:\w+\s+)?$", re.IGNORECASE)
HAPPENED = re.compile(r"^\s+(?:(?:had|has)\s+)?(?:(?:most\s+)?likely\s+|probably\s+)?(?:occurred|took\s+place|taken\s+place|"
                      r"happened)\b", re.IGNORECASE)
INDEFINITE = re.compile(r"\b(?:a|an|any|first)\s+$", re.IGNORECASE)
# "Peregrine suffered a propellant leak": an indefinite outcome that was had, not one that may be.
UNDERGONE = re.compile(r"\b(?:suffered|suffers|experienced|experiences|encountered|sustained|had|detected|"
                       r"reported|saw|was|proved|marked|sprang|sprung|springs|developed|causing|caused|"
                       r"led\s+to|resulting\s+in|resulted\s+in|made|makes)\s+(?:a|an)\s+$", re.IGNORECASE)


# "the risk that our programs experience delays or failures", "destroyed in a ground test": a risk
# factor, or a test on the ground, is not a flight's outcome.
NOT_A_FLIGHT_OUTCOME = re.compile(r"\b(?:risks?\s+(?:that|of)|risk\s+factors?)\b[^.;]{0,120}$|"
                                  r"^[^;]{0,40}?\b(?:in|during)\s+(?:an?\s+|the\s+)?(?:[\w.-]+\s+){0,2}(?:ground|static[- ]fire|"
                                  r"hot[- ]fire|engine|acceptance|qualification)[\s-]+test", re.IGNORECASE)


MONTH_FLIGHT = re.compile(r"\b(?:an?|the|its|their)\s+(January|February|March|April|May|June|July|August|September|"
                          r"October|November|December)\s+(?:[\w-]+\s+){0,2}?(?:flight|launch|mission|landing|attempt|test|failure|crash|"
                          r"explosion|anomaly)\b")


def _dated_by_month(ctx: DocContext, before: str) -> bool:
    """A flight named by a month more than a month before the item's ("an April flight" in August)."""
    match = None
    for match in MONTH_FLIGHT.finditer(before):
        pass
    if match is None or ctx.published is None or (re.search(r"[,;:]", before[match.end():]) and
                                                  not re.fullmatch(r"[^,;:]*,\s+which\b[^,;:]*", before[match.end():])):
        # ("the February landing of Odysseus, which touched down but tipped onto its side": the clause is the landing's)
        return False  # "After its January launch, the lander touched down on Sunday": the launch is not the outcome
    months_back = (ctx.published.month - month_number(match.group(1))) % 12
    return months_back >= 2


# "lost control shortly after clearing the tower and fell into the sea": the verb after "and" is the
# sentence's own, the "after ...ing" phrase only times the one before it
AFTER_GERUND_AND = re.compile(r"\bafter\s+\w+ing\b[^,;]{0,60}\band\s+$", re.IGNORECASE)
FUTURE_YEAR = re.compile(r"\b(20\d\d)(?:s\b|\b)")
GOAL_BEFORE = re.compile(r"\b(?:priority|goal|aim|objective|focus|target|hope|plan|dream)\s+(?:was|is|remains|will\s+be)\s+"
                         r"(?:a\s+|the\s+|to\s+(?:make\s+|achieve\s+)?(?:a\s+)?)?$", re.IGNORECASE)
# A sentence that places the item's news after an earlier one: what it follows is the story before.
FOLLOWS_EARLIER = re.compile(r"^\W*(?:The|This|That|It|Its|Today['’]s)\s+(?:[\w-]+\s+){0,3}?(?:follows|followed(?!\s+by)|"
                             r"(?:comes|came)\s+(?:(?:just\s+)?(?:\w+\s+)?(?:days|weeks|months)\s+)?(?:after|on\s+the\s+heels\s+of))\b",
                             re.IGNORECASE)
# "JAXA's SLIM made Japan the fifth nation to soft-land on the Moon", "became the first company to land": a
# rank the flight earned, not a purpose ("trying to make Space One the first company to reach orbit" is one)
RANK_ACHIEVED = re.compile(r"\b(?<!to\s)(?:made|makes|making|became|becomes|becoming)\s+(?:[\w'’.-]+\s+){0,4}?(?:the\s+)?"
                           r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|\d+(?:st|nd|rd|th))\s+(?:[\w-]+\s+){0,3}?"
                           r"(?:nation|country|company|firm|state|agency|power|private\s+company|rocket|launcher|vehicle)\s+"
                           r"(?:[\w-]+\s+){0,6}?(?:ever\s+)?to\s+$",
                           re.IGNORECASE)


def _not_news(ctx: DocContext, sentence: Sentence, start: int, end: int) -> bool:
    if hedged(sentence, start) and not _hedge_only_in_aside(sentence, start):
        return True
    if NOT_A_FLIGHT_OUTCOME.search(sentence.text[:start]) or NOT_A_FLIGHT_OUTCOME.search(sentence.text[end:end + 80]):
        return True
    if sentence.text[start:end].lower().startswith("fail") and NOT_A_FLIGHT.search(sentence.text[max(0, start - 30):start]):
        return True  # "when a follow-on round failed to close": a deal's failure, not a flight's
    if sentence.text[start:end].lower().startswith(("fail", "leak")) and SCRUBBED.search(sentence.text):
        return True  # "NASA called off its second attempt to launch ... after engineers failed to stop a leak": no flight
    if any(GROUND_TEST_TITLE.search(s.text) for s in ctx.title) and not LAUNCH_CUE.match(sentence.text[start:end]):
        return True  # "a 'major component failure' indication on engine 4" in an item about an engine test
    if re.search(r"\b(?:so\s+far|to\s+date|ever|yet|previously|only)\s+$|\blast\s+(?:[\w.-]+\s+){0,2}$",
                 sentence.text[max(0, start - 25):start], re.IGNORECASE):
        return True  # "Only three countries have so far landed softly on the Moon", "1972 - last U.S. soft landing": history
    if _dated_by_month(ctx, sentence.text[max(0, start - 120):end]):
        return True  # "an April flight ... ended in failure" in an August item
    if _future_after(sentence.text[end:], sentence.text[start:end]) or (INDEFINITE.search(sentence.text[max(0, start - 8):start]) and
                                                   not HAPPENED.match(sentence.text[end:end + 40]) and
                                                   not UNDERGONE.search(sentence.text[max(0, start - 20):start])):
        return True  # "a hard landing would end it" is not one; "a hard landing occurred" is
    year_noun = YEAR_NOUN.search(sentence.text, max(0, start - 40), start)
    if year_noun and ctx.published is not None and int(year_noun.group(1)) < ctx.published.year:
        return True  # "That differs from the 2023 failure" in a 2025 item: an earlier year's flight
    if EARLIER_FLIGHTS.search(sentence.text, max(0, start - 120), start):
        return True  # "Two earlier flights this year ended with the upper stage exploding": the story before
    if CONDITION_BEFORE.search(sentence.text, max(0, start - 120), start):
        return True  # "payment is contingent on achieving milestones, including successful landing": a condition
    if JUDGED_AFTER.match(sentence.text[end:end + 60]):
        return True  # "reaching orbit is unlikely": a judgement on a goal, not an outcome
    if re.search(r"\b(?<!came\s)(?<!come\s)(?<!comes\s)(?:to|will|would|designed\s+to|meant\s+to)\s+(?:\w+\s+){0,1}$",
                 sentence.text[max(0, start - 25):start],
                 re.IGNORECASE) and not RANK_ACHIEVED.search(sentence.text, max(0, start - 120), start):
        return True  # "designed to collect ... and bring it back": what it is for, not what happened
    first_word = sentence.text[start:end].split()[0].lower() if sentence.text[start:end].strip() else ""
    if re.search(r"\b(?:that|which)\s+(?:\w+ly\s+)?$", sentence.text[max(0, start - 20):start], re.IGNORECASE) and \
            first_word.endswith("s") and not first_word.endswith("ss"):
        return True  # "a reusable first stage that lands on an ocean platform": what it does, not what it did
    if re.search(r"\b(?:capable\s+of|able\s+to|can|could|designed\s+for)\s+(?:\w+\s+){0,1}$",
                 sentence.text[max(0, start - 30):start], re.IGNORECASE):
        return True  # "a rocket capable of placing 300 kg into orbit": what it can do
    if re.search(r"\b(?:which|that)\s+\w+s\b[^.;:]{0,80}?\band\s+$", sentence.text[max(0, start - 120):start],
                 re.IGNORECASE) and first_word.endswith("s") and not first_word.endswith("ss"):
        return True  # "the descent element, which flies to the Moon and lands on the target": what it does
    if re.search(r"\b(?:designed|meant|intended|built|set)\s+to\s+\w+[^,;:.]{0,100}?\band\s+(?:to\s+)?$",
                 sentence.text[max(0, start - 160):start], re.IGNORECASE):
        return True  # "designed to collect regolith from the Moon and bring it back": both are its purpose
    if WHEN_PRESENT.search(sentence.text, max(0, start - 90), start) and re.match(r"[a-z]+s\b", sentence.text[start:end]) \
            and not sentence.text[start:end].lower().startswith(("was", "has", "is")):
        return True  # "When ispace's Resilience lander lifts off this month, it will carry ...": a time to come
    if OPEN_OUTCOME.search(sentence.text):
        return True  # "lost contact a day after liftoff; the team is still trying to reestablish it": not known yet
    if re.match(r"(?:failure|loss|crash|explosion|anomaly)", sentence.text[start:end], re.IGNORECASE) and re.search(
            r"\b(?:follows|followed|following|comes\s+after|came\s+after|after)\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}$",
            sentence.text[max(0, start - 40):start], re.IGNORECASE):
        return True  # "The attempt follows the failure of Astrobotic, whose Peregrine lander ...": the story before
    if FUTURE_LIST.search(sentence.text, 0, start):
        return True  # "ispace will ... carry out 2 lunar missions: orbiting the Moon ... and landing": plans listed
    if SINCE_THEN.match(sentence.text):
        return True  # "Since then India's Vikram (2019) crashed, ispace's HAKUTO-R (2023) crashed, ...": a tally of the past
    if PREVIOUS_ATTEMPT.search(sentence.text[max(0, start - 80):start]):
        return True  # "Astrobotic's Peregrine, the previous American attempt, failed in January": the story before
    if re.search(r"\b(?:all|both|each|most|several|many|some|none|two|three)\s+of\s+(?:which|them|these|those)\s+(?:\w+\s+){0,2}$",
                 sentence.text[max(0, start - 40):start], re.IGNORECASE):
        return True  # "several high-altitude tests this year, all of which ended in explosions": a tally
    if GENERIC_SUBJECT.search(sentence.text[max(0, start - 90):start]):
        return True  # "roughly half of all lunar landing attempts have failed": a statistic, not a flight
    if _launch_before_previewed_step(ctx, sentence, start, end):
        return True  # "Odysseus lifted off on Feb. 15" in a story about the landing it will attempt
    if re.search(r"\b(?:word|term|label|description|verdict)\s+[\"“'‘]?$", sentence.text[max(0, start - 20):start], re.IGNORECASE) or \
            re.search(r"\b(?:stop|quit|don['’]t|not)\s+calling\s+it\s+(?:a\s+)?[\"“'‘]?$", sentence.text[max(0, start - 40):start],
                      re.IGNORECASE):
        return True  # 'rejected the word "failure"', "Stop calling it a 'partial success'": a word discussed, not an outcome
    if ctx.published is not None and any(int(year) > ctx.published.year for year in
                                         FUTURE_YEAR.findall(sentence.text, max(0, start - 80), start)):
        return True  # "designed to deliver cargo to the lunar surface from the early 2030s, launched on Ariane 6": a plan
    if GOAL_BEFORE.search(sentence.text, max(0, start - 40), start):
        return True  # "the priority was a successful landing": a goal, not an outcome
    if ALREADY_BEFORE.search(sentence.text, max(0, start - 20), start) or \
            re.search(r"\b(?i:only)\s+(?:[A-Z][\w-]*\s+){1,3}(?:(?:has|have)\s+)?$", sentence.text[max(0, start - 40):start]):
        return True  # "Zhuque-2 has already reached orbit", "only Firefly has landed upright": a tally, not news
    if FOLLOWS_EARLIER.match(sentence.text) and FOLLOWS_EARLIER.match(sentence.text).end() <= start:
        return True  # "The mission follows the failure in January of Astrobotic's Peregrine lander, which suffered a leak"
    if APPROVED_MISSION.search(sentence.text[:start]):
        return True  # "the Cabinet has approved the Chandrayaan-4 mission, to ... after successfully landing": a plan
    clause_start, clause_end = clause_bounds(sentence, start)
    # ("... but, as with the company's Odysseus a year earlier, on its side": the comparison is dated, not the outcome)
    # (and "four days after Russia's Luna-25, which had been racing for the same region, crashed": the aside goes)
    text = AS_WITH_ASIDE.sub(lambda m: "," + " " * (len(m.group(0)) - 2) + ",", sentence.text)  # same offsets
    text = RELATIVE_ASIDE.sub(lambda m: " " * len(m.group(0)) if m.end() <= start else m.group(0), text)
    before = text[max(clause_start, start - 120):start]
    if (BACKGROUND_CLAUSE.search(before) and not REPORTED_HAD.search(before) and not AFTER_GERUND_AND.search(before)) or \
            BACKGROUND_WORDS.search(text[:start]):
        return True
    aside = ASIDE_BEFORE_DATE.search(sentence.text, end, min(clause_end, end + 70))
    near = text[max(clause_start, start - 70):aside.start() if aside else min(clause_end, end + 70)]
    if is_background(near, ctx.published):
        return True
    # "Peregrine launched in January ... and suffered a leak hours later": the sentence's own
    # date dates the outcome unless a recent date sits right by the cue.
    dates = [d for d in resolve_dates(sentence.text, ctx.published) if not d.future_marker and
             not (d.start >= end and ASIDE_BEFORE_DATE.search(sentence.text, end, d.start)) and
             not measured_since(sentence.text, d)]
    if ctx.published is None or not dates:
        return False
    # "Tianwen-2 arrives at asteroid Kamo'oalewa around July 2026" posted in June 2025: a schedule
    # (a year alone is judged by its last day, so "lands in 2026" told in March 2026 still counts)
    if all(d.granularity != "year" and d.value > ctx.published + SCHEDULE_AFTER for d in dates):
        return True
    recent = [d for d in dates if d.value >= ctx.published - BACKGROUND_AFTER]
    # "first Russian lunar attempt since 1976 ends Sunday": a weekday is this week's
    return not recent and not RECENT_DAY.search(sentence.text)


WHEN_PRESENT = re.compile(r"\b(?:when|once|after|before|until|as\s+soon\s+as)\s+[^,;.]{0,80}$", re.IGNORECASE)
YEAR_NOUN = re.compile(r"\b(?:the|its|their|[A-Z][\w-]*['’]s?)\s+((?:19|20)\d\d)\s+(?:[a-z][\w-]*\s+){0,2}$")
EARLIER_FLIGHTS = re.compile(r"\b(?:(?:two|three|four|several|both)\s+)?(?:earlier|previous|prior|past)\s+(?:[\w-]+\s+){0,2}?"
                             r"(?:flights?|launch(?:es)?|missions?|attempts?|tests?|landings?|landers?)\b|"
                             # "Nearly three weeks after its RESILIENCE lander slammed into Mare Frigoris, ispace ..."
                             r"\b(?:nearly|almost|about|some|more\s+than|over)?\s*(?:two|three|four|five|six|several|\d+)\s+"
                             r"(?:weeks|months|years)\s+after\s+[^,;]{0,80}$|"
                             # "to find out the cause for the second failure": a failure told before, now investigated
                             r"\b(?:cause|causes|root\s+cause|investigation|inquiry|analysis)\s+(?:of|for|into)\s+"
                             r"(?:the|its|their)\s+(?:[\w-]+\s+){0,2}$|"
                             # "what two consecutive crashes mean": a tally
                             r"\b(?:two|three|four|several|\d+)\s+(?:consecutive|straight|successive|back-to-back)\s+$",
                             re.IGNORECASE)
CONDITION_BEFORE = re.compile(r"\b(?:contingent|conditional|conditioned|dependent|depends|depending)\s+(?:up)?on\b"
                              r"[^.;]{0,100}$", re.IGNORECASE)
# A flight dated this long after the item is on a schedule ("around July 2026"), not in the news.
SCHEDULE_AFTER = timedelta(days=7)
SCRUBBED = re.compile(r"\b(?:scrub(?:s|bed|bing)?|called\s+off|calls\s+off|call\s+off|calling\s+off|postpone[ds]?|stood\s+down|"
                      # "Japan's new H3 rocket stays on pad as boosters fail to ignite", "did not lift off"
                      r"(?:stays|stay|stayed)\s+on\s+(?:the\s+|its\s+)?pad|(?:did|does)\s+not\s+lift\s+off|"
                      r"stands\s+down|(?:halted|halts|stopped|stops)\s+the\s+countdown|stayed\s+on\s+the\s+ground|"
                      # "the H3 stayed on the ground after its boosters failed to ignite, forcing the agency to halt its debut launch"
                      r"remained\s+(?:\w+\s+)?on\s+(?:the|its)\s+pad|halt(?:ed|s)?\s+(?:its|the)\s+(?:[\w-]+\s+)?launch|"
                      r"abort(?:ed|s)?\s+(?:its|the)\s+(?:[\w-]+\s+)?launch|launch\s+abort)\b", re.IGNORECASE)
# "NASA moon rocket's key engine test cut short", "Green Run hot fire": a test on the ground, not a flight
GROUND_TEST_TITLE = re.compile(r"\b(?:engine\s+test|hot[- ]fire|static[- ]fire|ground\s+test|test\s+stand|green\s+run|"
                               r"wet\s+dress)", re.IGNORECASE)
FUTURE_LIST = re.compile(r"\bwill\s+(?:\w+\s+){0,2}?(?:carry\s+out|conduct|fly|perform|undertake|attempt)\b[^.;]{0,60}:\s",
                         re.IGNORECASE)
RELATIVE_ASIDE = re.compile(r",\s+(?:which|who)\b[^,;]{0,100},", re.IGNORECASE)
AS_WITH_ASIDE = re.compile(r",\s*(?:just\s+)?as\s+(?:with|in|for|did|was\s+the\s+case\s+with)\b[^,;]{0,80},", re.IGNORECASE)
DIGEST_TITLE = re.compile(r"\b(?:week|weekly|digest|round-?up|review|ledger|headlines|brief(?:ing)?|notes|newsletter|"
                          r"issue|monthly|recap|catch-?up|tape|log)\b|#\d|:[^:]*,", re.IGNORECASE)


def _single_story(ctx: DocContext, main: _Subject) -> bool:
    """An item about one mission: its title names the main craft or its operator and is no digest's."""
    if "single_story" not in ctx.memo:
        title = " ".join(s.text for s in ctx.title)
        named = any(m.mission_id == main.key for s in ctx.title for m in s.missions) or (
            main.operator is not None and any(m.org_id == main.operator.org_id for s in ctx.title for m in s.mentions))
        ctx.memo["single_story"] = bool(title) and named and not DIGEST_TITLE.search(title)
    return ctx.memo["single_story"]


def _titled(ctx: DocContext, subject: _Subject) -> bool:
    """The headline names the craft ("Peregrine burns up ... as Vulcan's debut goes by the book"):
    its outcome is part of the item's news, even told with an older date."""
    return any(m.mission_id == subject.key for s in ctx.title for m in s.missions)


def _titled_crafts(ctx: DocContext) -> int:
    return len({m.mission_id for s in ctx.title for m in s.missions})


PLANNED_BEFORE = re.compile(r"\b(?:set\s+to|scheduled|planned|slated|(?:was|were)\s+to|due\s+to|expected\s+to|targeted|"
                            r"targeting|would\s+have)\b[^;]{0,80}$", re.IGNORECASE)  # (dots: "the first U.S. landing")


def _told_dates(ctx: DocContext, sentence: Sentence) -> list:  # list[TextDate]
    """The sentence's dates of what happened: not a plan's ("... ending a mission that had been set to
    attempt the first U.S. landing ... on Feb. 23")."""
    return [d for d in resolve_dates(sentence.text, ctx.published) if not d.future_marker and
            not PLANNED_BEFORE.search(sentence.text, max(0, d.start - 90), d.start)]


def _told_weeks_ago(ctx: DocContext, sentence: Sentence) -> bool:
    """The sentence dates what it tells more than ten days before the item (or says "last month")."""
    if ctx.published is None:
        return False
    if re.search(r"\blast\s+month\b", sentence.text, re.IGNORECASE):
        return True
    dates = _told_dates(ctx, sentence)
    cutoff = ctx.published - timedelta(days=10)
    return bool(dates) and all((d.value.replace(day=15) if d.granularity == "month" else d.value) < cutoff
                               for d in dates)


def _story_context(ctx: DocContext, sentence: Sentence) -> bool:
    """An outcome a single story tells as context for other news: its headline tells no outcome and
    either previews a step still to come ("RESILIENCE lander set to attempt Moon touchdown": "the
    company's first lander crashed ..." is why it matters) or the outcome, told after the lead, is
    dated days before the item (a finding from a rover "Vikram touched down on August 23")."""
    if sentence.field != "text" or not ctx.title or _title_tells_outcome(ctx):
        return False
    title = " ".join(s.text for s in ctx.title)
    if MARKET_TITLE.search(title):
        return True  # a market story ("Space stocks tumble as Nasdaq suffers worst day", "Q4 recap: revenue up 79%")
    if DIGEST_TITLE.search(title):
        return False  # a roundup's items each carry their own news
    if PREVIEW_TITLE.search(title):
        return True
    lead = min(s.paragraph for s in ctx.sentences if s.field == "text")
    if ctx.published is None or sentence.paragraph == lead:
        return False
    dates = _told_dates(ctx, sentence)
    return bool(dates) and all(d.granularity == "day" and (ctx.published - d.value).days >= 5 for d in dates)


MARKET_TITLE = re.compile(r"\b(?:stocks?|shares)\s+(?:\w+\s+)?(?:tumble|fall|fell|drop|slide|slump|sink|plunge|rally|"
                          r"rallies|soar|surge|jump|climb|rise|gain)|\b(?:earnings|revenue|quarterly\s+results|"
                          r"(?:record|first|second|third|fourth)\s+quarter|Q[1-4]\s+(?:results|recap|earnings))\b",
                          re.IGNORECASE)


def _title_tells_outcome(ctx: DocContext) -> bool:
    if "title_outcome" not in ctx.memo:
        ctx.memo["title_outcome"] = any(regex.search(s.text) for s in ctx.title
                                        for regex in (PARTIAL, FAILURE, SUCCESS, ORBIT, LAUNCH_FAILURE, LAUNCH_SUCCESS))
    return ctx.memo["title_outcome"]


STUDY_LABEL = re.compile(r"^\W*(?:study|paper|research|science|analysis|explainer|opinion|review)\s*:", re.IGNORECASE)
ENUMERATED = re.compile(r"\bone\s+[^,;:]+(?:,\s+(?:and\s+)?one\s+[^,;:]+)+", re.IGNORECASE)
RECENT_DAY = re.compile(rf"\b(?:{RECENT_DAY_WORDS})\b", re.IGNORECASE)
# "could not restore contact with the spacecraft, which went silent on Feb. 27": a date in an
# aside after the outcome dates the aside, not the outcome.
ASIDE_BEFORE_DATE = re.compile(r",\s+(?:which|who|since|after|one\s+day\s+after|days?\s+after)\b")


# "India lands near Moon's south pole, days after Russian probe crashed": a craft named after the
# outcome in another clause, with an outcome of its own, is not what landed
OTHER_CLAUSE = re.compile(r"\b(?:after|before|since|while|whereas|unlike|than)\b", re.IGNORECASE)


def _own_clause_outcome(text: str, end: int, at: int) -> bool:
    return bool(OTHER_CLAUSE.search(text, end, at)) and any(
        regex.search(text[at:at + 80]) for regex in (FAILURE, SUCCESS, PARTIAL))
OTHER_CRAFT = re.compile(r"\b(?:a|an|another)\s+(?:[\w-]+\s+){0,2}?(?:lander|spacecraft|probe|rover|orbiter|capsule|craft|"
                         r"rocket|launcher|mission)\b", re.IGNORECASE)
OPEN_OUTCOME = re.compile(r"\b(?:still\s+(?:trying|working|attempting|hoping)\s+to|(?:has|have)\s+not\s+(?:yet\s+)?"
                          r"declared|outcome\s+(?:is\s+|remains\s+)?(?:unknown|unclear|uncertain))\b", re.IGNORECASE)
PREVIOUS_ATTEMPT = re.compile(r"\b(?:the|its|their)\s+(?:previous|prior|earlier|preceding)\s+(?:[\w-]+\s+){0,2}?"
                              r"(?:attempt|try|mission|flight|lander|launch)\b", re.IGNORECASE)
GENERIC_SUBJECT = re.compile(r"\bonly\s+(?:\w+\s+){0,2}?(?:countries|nations|companies|teams|agencies)\s+(?:have|had)\s+"
                             r"(?:ever\s+|so\s+far\s+|successfully\s+)?$|"  # "Only four countries have soft-landed"
                             r"\b(?:all|most|many|half|some|nearly|roughly|about)\b[^.;,]{0,40}?\b(?:attempts|missions|"
                             r"landings|launches|landers|efforts|tries|spacecraft|rockets)"
                             # ("roughly half of all attempts by any nation or company have failed")
                             r"(?:\s+(?:by|of|from|to)\s+[^.;,]{1,40}?)?\s+(?:have\s+|had\s+)?$",
                             re.IGNORECASE)
# A headline about a step still to come: "Odysseus heads for lunar orbit ahead of Thursday landing try".
PREVIEW_TITLE = re.compile(r"\b(?:ahead\s+of|set\s+(?:to|for)|(?:will|to)\s+attempt|prepares?\s+(?:to|for)|gears?\s+up|readies|"
                           r"countdown|poised|on\s+track\s+(?:to|for)|(?:landing|launch)\s+(?:window|date|schedule))\b", re.IGNORECASE)
LAUNCH_CUE = re.compile(r"^(?:lift|launch|blast|rode|we\s+have)", re.IGNORECASE)


def _launch_before_previewed_step(ctx: DocContext, sentence: Sentence, start: int, end: int) -> bool:
    """A launch days before an item whose headline previews the next step (orbit, landing) is
    that story's background: its outcome is still to come."""
    if ctx.published is None or not LAUNCH_CUE.match(sentence.text[start:end]) or \
            not any(PREVIEW_TITLE.search(s.text) for s in ctx.title):
        return False
    dates = [d for d in resolve_dates(sentence.text, ctx.published) if not d.future_marker]
    return bool(dates) and all((ctx.published - d.value).days >= 2 for d in dates)


def _operator_of(ctx: DocContext, mission_operator: str | None) -> Mention | None:
    if not mission_operator:
        return None
    org = ctx.gazetteer.org(mission_operator)
    if org is None:
        return None
    return Mention(0, 0, org.id, org.name, org.kind, "mission")


def _parent_of(ctx: DocContext, mention: Mention | None) -> Mention | None:
    """A NASA centre's missions are NASA's too: "LADEE (Ames)" is reported as NASA's."""
    org = ctx.gazetteer.org(mention.org_id) if mention is not None else None
    parent = ctx.gazetteer.org(org.parent) if org is not None and org.parent else None
    return Mention(0, 0, parent.id, parent.name, parent.kind, "mission") if parent else None


def _subjects(ctx: DocContext, sentence: Sentence) -> list[tuple[int, _Subject]]:
    """Missions named in the sentence, in order: gazetteer missions, or "X's lander"."""
    found: list[tuple[int, _Subject]] = []
    for mission in sentence.missions:
        if mission.kind == "launch" and CARRIER_BEFORE.search(sentence.text, max(0, mission.start - 40), mission.start):
            continue  # "the probe that rode the same Falcon 9 as Athena": the rocket is how it got there
        if mission.kind == "launch" and _carries_payload_mission(ctx, sentence) and \
                not ROCKET_OWN_FLIGHT.match(sentence.text[mission.end:mission.end + 90]) and \
                not _rocket_debut_told(ctx, sentence):
            continue  # a rocket carries the mission; its flight is not the mission's outcome
        found.append((mission.start, _Subject(mission.mission_id, _operator_of(ctx, mission.operator), mission.name,
                                              _owner(sentence, mission.start), mission.kind)))
    for craft in PRONOUN_CRAFT.finditer(sentence.text):
        if any(craft.start() <= mission.start < craft.end() for mission in sentence.missions):
            continue  # "its Athena lunar lander": the gazetteer's entry names it
        said = REPORTING.search(sentence.text, 0, craft.start())
        limit = said.start() if said else craft.start()  # "X told NASA its lander ...": the speaker's lander
        owner = next((m for m in reversed(sentence.mentions) if m.end <= limit and not m.possessive and
                      m.kind in ("company", "agency", "university") and m.source == "gazetteer"), None) or \
            ctx.main_org(("company", "agency"))
        if owner is not None and owner.source == "gazetteer":  # not "(Beijing Time)" read as a name
            # "Astrobotic said its Griffin lunar lander ...": the speaker's own craft
            key = f"{owner.org_id}:{craft.group(1).lower()}"
            found.append((craft.start(), _Subject(key, owner, craft.group(0)[4:], owner)))
    for mention in sentence.mentions:
        if mention.source == "demonym":
            # "A Chinese spacecraft landed": the country's space agency
            craft = re.match(r"^\s+(?:[\w-]+\s+){0,2}?(lander|spacecraft|probe|rover|orbiter|capsule|mission)\b",
                             sentence.text[mention.end:mention.end + 40], re.IGNORECASE)
            agency = _national_agency(ctx, mention) if craft else None
            known = _national_mission(ctx, mention) if craft else None
            if known is not None:
                found.append((mention.start, known))  # "Israeli lander" in an item about Beresheet: Beresheet
                continue
            if agency is not None:
                found.append((mention.start, _Subject(f"{agency.org_id}:{craft.group(1).lower()}", agency,
                                                      sentence.text[mention.start:mention.end + craft.end()])))
            continue
        if mention.kind not in ("company", "agency", "university", "jurisdiction") or not (
                mention.possessive or (mention.kind != "jurisdiction" and mention.source == "gazetteer" and
                                       ATTRIBUTIVE_CRAFT.match(sentence.text, mention.end))):
            continue  # "ispace's lander", "ispace lander": the organisation's craft
        if mention.source == "discovered" and not mention.org_shaped:
            continue
        after = sentence.text[mention.end:mention.end + 45]
        named = re.match(r"^['’]s?\s+([A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*)?)\s+(?=lift|launch|land|touch|crash|arriv|enter|"
                         r"return|blast|settl|reach|fail|los)", after)
        if named and mention.kind == "agency" and not any(
                m.start == mention.end + named.start(1) for m in sentence.missions):
            # "ESA's Hera lifts off": an agency's craft the gazetteer does not list, named before its verb
            key = f"{mention.org_id}:{named.group(1).lower()}"
            found.append((mention.start, _Subject(key, mention, named.group(1), mention, "mission")))
            continue
        appositive = NAMED_CRAFT.match(sentence.text, mention.end, mention.end + 110)
        if appositive and not any(m.start == appositive.start(1) for m in sentence.missions):
            # "AstroForge's Odin, the asteroid flyby probe that ...": a craft the gazetteer does not
            # list (or lists only in a qualified form), named and then described
            operator = _national_agency(ctx, mention) if mention.kind == "jurisdiction" else mention
            if operator is not None:
                key = f"{operator.org_id}:{appositive.group(1).lower()}"
                found.append((mention.start, _Subject(key, operator, appositive.group(1), mention, "mission")))
                continue
        vehicle = VEHICLE.search(after)
        if not vehicle or re.search(r"[,.;]|\b(?:to|for|from|with|by|and|of)\b", after[:vehicle.start()]):
            # "Masten's assets to Pittsburgh lander builder Astrobotic": the craft word is not Masten's
            continue
        if any(mention.end < m.start < mention.end + vehicle.start() and m.source == "gazetteer" and
               m.kind in ("company", "agency", "university") for m in sentence.mentions):
            continue  # "Japan's ispace says Moon lander ...": the craft is the organisation's after it
        if any(mission.start > mention.end and mission.start < mention.end + vehicle.end() for mission in sentence.missions):
            continue  # "India's Chandrayaan-3 spacecraft": the mission entry already names it
        operator = mention
        if mention.kind == "jurisdiction":
            operator = _national_agency(ctx, mention) or mention
        key = f"{operator.org_id}:{vehicle.group(1).lower()}"
        found.append((mention.start, _Subject(key, operator, sentence.text[mention.start:mention.end + vehicle.end()])))
    found.sort(key=lambda item: item[0])
    return found


# "ISRO has successfully completed the docking", "Astra reached orbit": the organisation itself is
# the subject of the outcome, with no craft named. Only the auxiliary and an adverb may stand between.
# ("Israel Aerospace Industries (IAI) successfully launched": the abbreviation in brackets, or after it)
DIRECT_GAP = re.compile(r"^(?:\s*\([A-Z][\w&.-]{0,11}\)|\))?\s+(?:(?:has|have|had)\s+)?(?:(?:now|finally|also|just|successfully|safely|effectively|essentially|officially|"
                        r"formally|all(?:\s+but)?)\s+){0,2}$",
                        re.IGNORECASE)
# "Rocket Lab flew 'I Can't Believe It's Not Optical' from Launch Complex 1 ... and deployed Capella's satellite
# into a 500 km orbit": the flight's own verb first, the outcome after "and"
COORDINATED_FLIGHT = re.compile(r"\s+(?:flew|launched|lofted)\s+[^.;]{1,160}?\s+and\s+(?:then\s+)?(?=\S)", re.IGNORECASE)
# A bare "failed" or "failure" after a company is as often a bid or a deal as a flight ("Boeing failed
# to win"); those need a craft to be about.
WEAK_DIRECT = re.compile(r"^(?:failed|failure|explosion|leaking|was\s+lost|is\s+lost|were\s+lost)$", re.IGNORECASE)
NOT_A_FLIGHT = re.compile(r"\b(?:round|contracts?|acquisition|deal|agreement|funding|financing|raise|review|audit|"
                          r"merger|transaction|offering|IPO|listing|sale)\b", re.IGNORECASE)


def _after_organisations(regex: re.Pattern, sentence: Sentence) -> list[re.Match]:
    """Matches of ``regex`` that start right after a known organisation (and its auxiliary or
    adverb): with no craft in sight, only an organisation's own outcome can count, so the rest of
    the sentence need not be searched (which keeps extraction's speed)."""
    found = []
    for mention in sentence.mentions:
        if mention.source != "gazetteer" or mention.possessive:
            continue
        for word in re.finditer(r"\S+", sentence.text[mention.end:mention.end + 40]):
            start = mention.end + word.start()
            if not DIRECT_GAP.match(sentence.text[mention.end:start]):
                break
            match = regex.match(sentence.text, start)
            if match:
                found.append(match)
                break
        else:
            continue
        if not found or found[-1].start() < mention.end:
            coordinated = COORDINATED_FLIGHT.match(sentence.text, mention.end)
            match = coordinated and regex.match(sentence.text, coordinated.end())
            if match:
                found.append(match)
    return found


def _may_be_direct(sentence: Sentence) -> bool:
    """Whether a known organisation in the sentence could be an outcome's own subject."""
    return "mission" in sentence.families and any(
        m.source == "gazetteer" and not m.possessive and m.kind in ("company", "agency", "university")
        for m in sentence.mentions)


def _direct_subject(sentence: Sentence, match: re.Match) -> _Subject | None:
    """The organisation written as the outcome verb's own subject ("Astra reached orbit")."""
    if WEAK_DIRECT.match(match.group(1)) or NOT_A_FLIGHT.search(sentence.text[match.start():match.start() + 80]):
        return None
    for mention in reversed(sentence.mentions):
        if mention.end > match.start() or mention.possessive or not mention.org_shaped or \
                mention.kind not in ("company", "agency", "university") or mention.source != "gazetteer":
            continue
        if not (DIRECT_GAP.match(sentence.text[mention.end:match.start()]) or
                (coordinated := COORDINATED_FLIGHT.match(sentence.text, mention.end)) and coordinated.end() == match.start()):
            return None
        return _Subject(f"{mention.org_id}:own", mention, mention.display_name, mention, "organisation")
    return None


def _named_up_front(ctx: DocContext, org: Mention | None) -> bool:
    """Whether the item's own company is named in its title or lead (who "our" is)."""
    return org is not None and any(m.org_id == org.org_id for s in ctx.title + ctx.lead_sentences(2) for m in s.mentions)


def _carries_payload_mission(ctx: DocContext, sentence: Sentence) -> bool:
    """Whether the story the sentence belongs to names a mission other than a rocket: then a
    rocket's flight is only how that mission got to space, and the outcome is the mission's.
    Without one, the story is about the rocket itself (a first flight, a failure) and the
    rocket's flight is the outcome. A story is the item, or in a roundup (several paragraphs or
    items) the sentence's own paragraph."""
    if "payload_stories" not in ctx.memo:
        stories = {_item_of(ctx, s) for s in ctx.sentences if any(m.kind != "launch" for m in s.missions)}
        ctx.memo["payload_stories"] = stories
    stories = ctx.memo["payload_stories"]
    return _item_of(ctx, sentence) in stories if is_roundup(ctx) else bool(stories)


# ("MOON - Firefly's Blue Ghost ... EUROPE - Isar Aerospace's first Spectrum ...": a label in capitals and a dash)
ITEM_HEAD = re.compile(r"^\s*(?:--?|[•*▪◦—–]|\d+\s*[.)/]|[A-Z][A-Z0-9 '&-]{3,}[.:]|[A-Z][A-Z0-9'&]{2,}(?:\s[A-Z0-9'&]+)*\s+[-—–])(?:\s|$)")


def _item_of(ctx: DocContext, sentence: Sentence) -> tuple[str, int, int]:
    """A roundup's item: its paragraph, and within it the lines since the last item head ("3/ Starship
    Flight 8 (Thu): ..." is its own story even with no blank line before it)."""
    if "items" not in ctx.memo:
        items: dict[int, tuple[str, int, int]] = {}
        heads = 0
        for other in ctx.sentences:
            if ITEM_HEAD.match(other.text):
                heads += 1
            items[other.index] = (other.field, other.paragraph, heads)
        ctx.memo["items"] = items
    return ctx.memo["items"][sentence.index]


# A rocket's first flight is news of its own, beside its payload's ("a clean certification flight").
DEBUT = re.compile(r"\b(?:maiden|inaugural|debut\w*|first[- ](?:ever\s+)?(?:flight|launch|mission)|certification\s+flight|"
                   r"Cert-1|for\s+the\s+first\s+time)\b", re.IGNORECASE)


def _rocket_debut_told(ctx: DocContext, sentence: Sentence) -> bool:
    """Whether the sentence's paragraph, or the headline, tells of a first flight."""
    key = ("debut", sentence.field, sentence.paragraph)
    if key not in ctx.memo:
        ctx.memo[key] = any(DEBUT.search(s.text) for s in ctx.sentences
                            if (s.field, s.paragraph) == (sentence.field, sentence.paragraph) or s.field == "title")
    return ctx.memo[key]


def _operator_named(ctx: DocContext, sentence: Sentence, position: int) -> _Subject | None:
    """"Astrobotic said a propulsion anomaly was causing a critical loss of propellant": with no
    craft in the sentence, an operator named before the outcome means its own craft in the item
    (not the rocket the story opened with)."""
    if "by_operator" not in ctx.memo:
        by_operator: dict[str, _Subject] = {}
        for s in ctx.sentences:
            for mission in s.missions:
                if mission.operator and mission.kind != "launch":
                    by_operator.setdefault(mission.operator, _Subject(
                        mission.mission_id, _operator_of(ctx, mission.operator), mission.name, None, mission.kind))
        ctx.memo["by_operator"] = by_operator
    by_operator = ctx.memo["by_operator"]
    for mention in sentence.mentions:
        if mention.start < position and not mention.possessive and mention.org_id in by_operator:
            return by_operator[mention.org_id]
    return None


def is_roundup(ctx: DocContext) -> bool:
    """Several short items in one text: bullet lines or numbered/capitalised item heads."""
    if "roundup" not in ctx.memo:
        # ("FLY FLIES." may be a sentence of its own)
        heads = sum(1 for s in ctx.body if ITEM_HEAD.match(s.text))  # ("1/ ...", a thread's numbered posts, too)
        # (two items under a digest's headline: "Launch & Landers Weekly: Firefly books a fourth Moon trip; Eris ...")
        ctx.memo["roundup"] = heads >= 3 or heads >= 2 and bool(DIGEST_TITLE.search(" ".join(s.text for s in ctx.title)))
    return ctx.memo["roundup"]


def _owner(sentence: Sentence, mission_start: int) -> Mention | None:
    """The organisation written as the mission's owner right before it ("NASA's Psyche"), or as the
    one flying it ("JAXA launched H3 Launch Vehicle Test Flight No. 1": JAXA's flight of the rocket
    MHI operates commercially)."""
    for mention in sentence.mentions:
        if mention.possessive and mention.kind in ("company", "agency", "university") and \
                0 <= mission_start - mention.end <= 30 and mention.org_shaped and \
                re.fullmatch(r"['’]s?\s+(?:[\w-]+\s+){0,2}", sentence.text[mention.end:mission_start]):
            return mention
        if not mention.possessive and mention.kind in ("company", "agency") and mention.source == "gazetteer" and \
                0 <= mission_start - mention.end <= 60 and LAUNCHED_GAP.fullmatch(sentence.text[mention.end:mission_start]):
            return mention
    return None


LAUNCHED_GAP = re.compile(r"\)?\s*(?:\([^()]{0,20}\)\s*)?(?:has\s+|have\s+|successfully\s+)*(?:launched|launches|flew|flies)\s+"
                          r"(?:its\s+|the\s+|a\s+)?(?:[\w-]+\s+){0,3}?", re.IGNORECASE)


def _national_mission(ctx: DocContext, jurisdiction: Mention) -> _Subject | None:
    """The item's own mission flown from the country a demonym names ("Israeli lander" for Beresheet)."""
    country = ctx.gazetteer.org(jurisdiction.org_id)
    for sentence in ctx.sentences:
        for mission in sentence.missions:
            operator = ctx.gazetteer.org(mission.operator) if mission.operator else None
            if operator is not None and country is not None and operator.country == country.country and \
                    mission.kind != "launch":
                return _Subject(mission.mission_id, _operator_of(ctx, mission.operator), mission.name, None, mission.kind)
    return None


# A craft's code name: "MisrSat-2", "THEOS-2", "ICUBE-Q", "SATRIA-1", "Taifa-1", "Ofek 13" (a name and its number)
CRAFT_CODE = re.compile(r"^(?:[A-Z][\w .,'’()-]{1,60}?\s+[—–-]{1,2}\s+)?\W*(?:The\s+)?['‘\"“]?(?P<code>[A-Z][A-Za-z]{1,12}(?:-(?:\d{1,3}[A-Z]?|[A-Z]{1,2})| \d{1,3}))['’\"”]?"
                        r"(?P<aside>,\s+[^,;]{3,140}?,)?\s+(?:has\s+been\s+|was\s+|is\s+|were\s+)?")
CRAFT_WORDS = re.compile(r"\b(?:satellite|cubesat|CubeSat|spacecraft|probe|orbiter|lander|rover|mission|microsatellite|"
                         r"smallsat|nanosatellite)\b", re.IGNORECASE)
OWNER_IN_ASIDE = re.compile(r"\b(?:[A-Z][\w-]*\s+){0,3}?[A-Z][\w-]*['’]s\s+(?:\w+\s+){0,3}?(?:satellite|cubesat|spacecraft|"
                            r"probe|orbiter|lander|rover|mission)", re.IGNORECASE)


def _unknown_craft(ctx: DocContext, sentence: Sentence, at: int) -> _Subject | None:
    """A craft the gazetteer does not know, opening the sentence by its code name right before the
    outcome ("ICUBE-Q, Pakistan's first lunar mission, is in orbit"): its country's agency when the
    aside names a country, else the item's own agency or company."""
    code = CRAFT_CODE.match(sentence.text)
    if code is None or code.end() != at or code.group("code").split("-")[0].lower() in _NOT_CRAFT_CODES:
        return None
    aside = code.group("aside") or ""
    if not (CRAFT_WORDS.search(aside) or CRAFT_WORDS.search(" ".join(s.text for s in ctx.title + ctx.lead_sentences(2)))):
        return None  # nothing says the code names a craft
    owner = None
    start, end = code.span("aside") if aside else (0, 0)
    for mention in sentence.mentions:
        if start <= mention.start < end and (mention.possessive or mention.source == "demonym"):
            if mention.kind == "jurisdiction":
                owner = _national_agency(ctx, mention)
            elif mention.kind in ("agency", "company", "university"):
                owner = mention
            break
    owner = owner or ctx.main_org(("agency",)) or ctx.main_org(("company",), shaped_only=True)
    if owner is None or owner.source == "discovered" and not owner.org_shaped:
        return None
    return _Subject(f"{owner.org_id}:{code.group('code').lower()}", owner, code.group("code"), None, "mission")


_NOT_CRAFT_CODES = {"covid", "series", "phase", "block", "stage", "tranche", "flight", "mission", "launch", "article",
                    "section", "form", "item", "chapter", "part", "annex", "note", "exhibit", "rule", "route", "gate"}


def _national_agency(ctx: DocContext, jurisdiction: Mention) -> Mention | None:
    org = ctx.gazetteer.org(jurisdiction.org_id)
    if org is None:
        return None
    for candidate_org in ctx.gazetteer.orgs.values():
        if candidate_org.kind == "agency" and candidate_org.country == org.country:
            return Mention(jurisdiction.start, jurisdiction.end, candidate_org.id, candidate_org.name, "agency", "mission")
    return None


# (", launched Monday on the first flight of ULA's Vulcan Centaur,", ", the ~120 kg probe that rode up on the
# Falcon 9 with Intuitive Machines' Athena,")
PARTICIPLE_ASIDE = re.compile(r",\s+(?:launched|built|developed|carried|made|operated|flown|designed|owned|sent|"
                              # ("AstroForge's Odin, which rode the same Falcon 9 as Athena on Feb. 26, never established
                              # stable two-way communications": the crafts in the relative clause are not its subject)
                              r"which\s+(?:rode|flew|launched|shared|travelled|traveled)|"
                              r"(?:the|a|an|its)\s+[^,;]{0,60}?\b(?:that|which)\b)[^,;]{0,120},")


def _hedge_only_in_aside(sentence: Sentence, start: int) -> bool:
    """"AstroForge's Odin, a small probe that ... was meant to fly past 2022 OB5, never established contact": the plan
    is the aside's, told about the craft; the sentence's own verb is an outcome."""
    asides = [span for span in _participle_asides(sentence.text) if span[1] <= start]
    if not asides:
        return False
    text = list(sentence.text)
    for a, b in asides:
        text[a:b] = " " * (b - a)
    blanked = "".join(text)
    return not (HEDGE.search(blanked[max(0, start - 60):start]) or NEGATION.search(blanked[max(0, start - 30):start]))


def _participle_asides(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in PARTICIPLE_ASIDE.finditer(text)] if ", " in text else []


def _subject_for(subjects: list[tuple[int, _Subject]], position: int) -> _Subject | None:
    before = [s for start, s in subjects if start <= position]
    if before:
        return before[-1]
    return subjects[0][1] if subjects else None


def _main_subject(ctx: DocContext) -> _Subject | None:
    """The lead's first mission; a payload before the rocket that carried it ("Vulcan flew a clean
    maiden mission, but its passenger, Peregrine, sprang a leak": "the company" later is Astrobotic)."""
    for sentence in ctx.lead_sentences(2):
        subjects = _subjects(ctx, sentence)
        if subjects:
            return next((s for _, s in subjects if s.kind != "launch"), subjects[0][1])
    return None
