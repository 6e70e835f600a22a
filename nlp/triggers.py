"""Which rule families a sentence can concern, from its words, in one pass.

Each rule family runs several regular expressions per sentence; most sentences of a news
item (background, quotes, boilerplate) contain none of a family's trigger words. Reading the
sentence's words once and looking each up in a cache (word -> families whose trigger stems
start it) lets every family skip those sentences for the cost of a dictionary lookup per word,
which is what keeps extraction within a small multiple of spaCy's tokenizer. The stems must
cover every trigger of the family's patterns: they are a cheap over-approximation, never the rule.
"""

from __future__ import annotations

import re
from functools import lru_cache

STEMS: dict[str, tuple[str, ...]] = {
    "award": ("award", "select", "paid", "adopt", "downselect", "pick", "chos", "chose", "tap", "contract", "hire", "hiring", "sign", "ink", "issu",
              "book", "announc", "order", "purchas", "gave", "give", "hand", "win", "won", "secur", "receiv", "land$", "lands", "landed", "get",
              "got", "captur", "earn", "nab", "snag", "grant", "buy", "bought", "procur", "sourc", "nam", "appoint", "took", "take", "exercis", "choos", "enter", "conclud", "execut", "finali", "scoop", "bag", "clinch", "pick", "hand", "provid"),
    "funding": ("rais", "clos", "secur", "complet", "announc", "land$", "lands", "landed", "net", "bag", "pull", "brought", "attract",
                "pocket", "scoop", "haul", "reel",
                "stake", "trading", "debut", "listed", "ipo", "initial", "combination", "merger", "consummat", "get", "got",
                "receiv", "mop", "sign", "issu", "stealth"),
    "acquisition": ("acqui", "buy", "bought", "purchas", "sale", "sell", "sold", "tak", "approv", "oks$", "oked$", "okay", "off$",
                    "clear", "bless", "snap", "bidder", "take", "took", "stake", "swallow", "takeover", "combination", "auction", "strike", "struck", "clinch", "ink", "wholly", "pick", "scoop",
                    "merger"),
    # Every partnership pattern names the tie itself (partner, team, agreement, MoU, alliance ...), so the
    # verbs around it ("announced", "launched", "signed") need no stem of their own.
    "partnership": ("partner", "collaborat", "together", "jointly", "team", "forces", "cooperat", "agreement", "agree",
                    "mou", "memorand", "arrangement", "letter", "allian", "joint", "venture", "consorti", "coalition",
                    "statement", "collaboration", "sign", "ink", "finali", "conclud", "reach", "renew", "enter", "work$"),
    "mission": ("touch", "land$", "lands", "landed", "landing", "lift", "blast", "launch", "success", "down", "roll", "return", "collect", "grab",
                "captur", "cut", "crash", "hard", "smash", "lost", "loss", "los", "unable", "chance", "fail", "burn", "leak",
                "critical", "achievable", "possible", "possibility", "command", "surviv", "silent", "impact", "over", "tipp", "side",
                "upside", "partial", "complet", "mixed", "parachut", "splash", "recover", "retriev", "brought",
                "bring", "haul", "carried", "delivered", "delivers", "back", "orbit", "short", "fell", "fall", "quit", "abandon",
                "enter", "settl", "arriv", "insert", "reach", "went", "never", "incomplete", "achiev", "accomplish",
                "plac", "put", "inject", "deploy", "goes", "came", "come", "does", "did", "usable", "unusable", "self",
                "terminat", "anomal", "dock", "latch", "writ", "wrote", "giv", "gave", "depart", "working", "soft", "way$", "restor", "regain", "establish", "reestablish", "explod", "explos", "flawless", "perfect", "ceas", "destroy", "rode", "hit", "slam", "separat", "interrupt",
                "textbook", "smooth", "nominal", "aced", "aces", "nail", "flew", "flies", "perform", "flown", "arriv",
                "gone$", "home$", "debut", "consider", "presum", "declar", "deem", "contact", "communicat", "found", "roar", "soar", "sprang", "sprung",
                "stop", "signal", "oxygen", "sent$", "ascent", "clean$", "brak", "broke", "disintegrat"),
    "policy": ("enact", "vot", "names$", "name$", "pass", "adopt", "approv", "promulgat", "issu", "ratif", "grant", "sign", "force", "effect",
               "gazette", "law", "join", "becom", "becam", "signator", "took", "tak", "come", "came", "assent",
               "receiv", "given", "amend", "notif", "legislat", "act$", "welcom", "making$", "withdr", "quit", "left", "leav",
               "follow", "order", "sanction", "hereby", "pen$", "member", "releas", "unveil", "publish", "obtain"),
}
_WORD = re.compile(r"[a-z]+|[0-9]+")


# A stem ending in "$" is a whole word: "land$" is the verb ("landed a contract"), not "lander".
_PREFIXES = {family: tuple(s for s in stems if not s.endswith("$")) for family, stems in STEMS.items()}
_WORDS = {family: frozenset(s[:-1] for s in stems if s.endswith("$")) for family, stems in STEMS.items()}


@lru_cache(maxsize=65536)
def _families(word: str) -> frozenset[str]:
    return frozenset(family for family in STEMS if word.startswith(_PREFIXES[family]) or word in _WORDS[family])


def families(text: str) -> frozenset[str]:
    """The rule families whose trigger stems start some word of ``text``."""
    found: set[str] = set()
    for word in set(_WORD.findall(text.lower())):
        found |= _families(word)
    return frozenset(found)
