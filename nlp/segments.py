"""Market segments an event touches, for the market-size split (ARCHITECTURE.md).

Word-driven dimensions (body, resource, mission, technology) come from ``data/segments.yaml``
and are read in the event's sentence plus its item's title and lead: a CLPS award sentence
rarely says "lunar" but its headline does. Structure-driven dimensions come from the event:
who pays (end user) and whose money it is (funding source). Each segment is written
``dimension:segment``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from spacemine.records import EventCandidate


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], dict[str, str]]]:
    """One regex per dimension (a named group per segment): one pass per dimension.

    A word may sit in two dimensions ("regolith" is lunar and a resource), never twice in one.
    """
    text = resources.files("nlp").joinpath("data", "segments.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)["segments"]
    compiled = []
    for dimension, segments in data.items():
        groups: list[str] = []
        names: dict[str, str] = {}
        for segment, words in segments.items():
            parts = []
            for word in words:
                core = word.rstrip("*")
                body = re.escape(core) + (r"[\w-]*" if word.endswith("*") else "")
                # Short all-capital words (AI, NEO, LOX) match case-sensitively, the rest in any case.
                parts.append(f"(?-i:{body})" if core.isupper() and len(core) <= 4 else body)
            group = f"g{len(groups)}"
            names[group] = f"{dimension}:{segment}"
            groups.append(rf"(?P<{group}>\b(?:{'|'.join(parts)})\b)")
        compiled.append((re.compile("|".join(groups), re.IGNORECASE), names))
    return compiled


@lru_cache(maxsize=4096)
def _segments_in(text: str) -> frozenset[str]:
    """Word-driven segments of a text (cached: an item's lead is read once for all its events)."""
    return frozenset(names[match.lastgroup] for pattern, names in _patterns() for match in pattern.finditer(text)
                     if match.lastgroup)


def segments_for(candidate: EventCandidate, context_text: str) -> tuple[str, ...]:
    """Segments from the words around the event and from its structure, sorted and unique."""
    found = set(_segments_in(candidate.evidence.sentence)) | set(_segments_in(context_text))
    kinds = {c.kind for c in candidate.counterparties}
    actor_kinds = {a.kind for a in candidate.actors}
    if candidate.type == "contract_award":
        if "agency" in kinds or "jurisdiction" in kinds:
            found.update({"end_user:government_agencies", "funding_source:government"})
        elif kinds & {"company"}:
            found.add("end_user:commercial_companies")
    elif candidate.type == "funding_round":
        if kinds & {"agency", "jurisdiction"}:
            found.add("funding_source:government")
        elif kinds & {"company"}:
            found.add("funding_source:strategic_corporate")
        else:
            found.add("funding_source:venture_private_equity")
    elif candidate.type == "partnership" and (actor_kinds & {"agency", "jurisdiction"}) and (actor_kinds & {"company"}):
        found.add("funding_source:public_private_partnership")
    if actor_kinds & {"university"}:
        found.add("end_user:research_institutions")
    return tuple(sorted(found))
