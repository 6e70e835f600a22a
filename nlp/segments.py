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
def _patterns() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    text = resources.files("nlp").joinpath("data", "segments.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)["segments"]
    compiled: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for dimension, segments in data.items():
        compiled[dimension] = []
        for segment, words in segments.items():
            parts = [re.escape(w[:-1]) + r"[\w-]*" if w.endswith("*") else re.escape(w) for w in words]
            # Short all-capital words (AI, NEO, LOX) match case-sensitively, the rest in any case.
            exact = [p for p, w in zip(parts, words) if w.rstrip("*").isupper() and len(w.rstrip("*")) <= 4]
            loose = [p for p, w in zip(parts, words) if p not in exact]
            pattern = "|".join(
                ([rf"(?-i:\b(?:{'|'.join(exact)})\b)"] if exact else []) +
                ([rf"\b(?:{'|'.join(loose)})\b"] if loose else [])
            )
            compiled[dimension].append((segment, re.compile(pattern, re.IGNORECASE)))
    return compiled


def segments_for(candidate: EventCandidate, context_text: str) -> tuple[str, ...]:
    """Segments from the words around the event and from its structure, sorted and unique."""
    text = f"{candidate.evidence.sentence}\n{context_text}"
    found = set()
    for dimension, segments in _patterns().items():
        for segment, pattern in segments:
            if pattern.search(text):
                found.add(f"{dimension}:{segment}")
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
