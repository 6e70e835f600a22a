"""Organisation names as structured sources write them, mapped to canonical ids.

USAspending and FPDS write recipients in capitals with legal suffixes ("INTUITIVE MACHINES,
LLC"), EDGAR writes conformed names ("Intuitive Machines, Inc."). The resolver runs the same
gazetteer patterns as the NLP over the name; a name the gazetteer does not know becomes a
*discovered* organisation (id ``new:<slug>``) so it is kept and can be reviewed, not dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language

from nlp.gazetteer import Gazetteer, load_gazetteer
from spacemine.records import OrgRef

_LEGAL_SUFFIX = re.compile(
    r"[,\s]+(inc|incorporated|corp|corporation|co|company|llc|l\.l\.c|ltd|limited|plc|gmbh|s\.?a|"
    r"s\.?a\.?r\.?l|s\.à r\.l|k\.?k|ag|nv|bv|lp|llp|pbc|holdings?)\.?$",
    re.IGNORECASE,
)


def clean_name(name: str) -> str:
    """Drop legal suffixes and fix all-capitals: "FIREFLY AEROSPACE, INC." -> "Firefly Aerospace"."""
    cleaned = " ".join(name.split()).strip(" ,.")
    previous = None
    while previous != cleaned:
        previous, cleaned = cleaned, _LEGAL_SUFFIX.sub("", cleaned).strip(" ,.")
    if cleaned.isupper() and len(cleaned) > 4:
        cleaned = " ".join(w if len(w) <= 3 and w.isalpha() and w in {"USA", "LLC", "NASA"} else w.capitalize()
                           for w in cleaned.split())
    return cleaned or name.strip()


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    return _NOT_SLUG.sub("-", clean_name(name).lower()).strip("-") or "unknown"


class GazetteerResolver:
    """Resolve a name to the gazetteer organisation it names, else a discovered organisation."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer | None = None) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer or load_gazetteer()
        self._cache: dict[str, OrgRef] = {}

    def resolve(self, name: str) -> OrgRef:
        name = (name or "").strip()
        if name in self._cache:
            return self._cache[name]
        ref = self._match(name)
        self._cache[name] = ref
        return ref

    def _match(self, name: str) -> OrgRef:
        if not name:
            return OrgRef("new:unknown", "unknown")
        doc = self.nlp(clean_name(name))
        orgs = [ent for ent in doc.ents if ent.label_ in ("ORG", "GPE")]
        if orgs:
            best = max(orgs, key=lambda ent: (len(ent.text), -ent.start_char))
            org = self.gazetteer.org(best.ent_id_)
            if org is not None:
                return OrgRef(org.id, org.name, org.kind)
        return OrgRef(f"new:{slug(name)}", clean_name(name), "company")


@lru_cache(maxsize=1)
def default_resolver() -> GazetteerResolver:
    from nlp.pipeline import default_nlp

    return GazetteerResolver(default_nlp())
