"""The gazetteer: organisations and programs of the market, with canonical ids and aliases.

The data lives in ``nlp/data/orgs.yaml`` and ``nlp/data/programs.yaml`` so analysts can add an
organisation without touching code. This module turns it into spaCy EntityRuler patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

ORG_KINDS = {"company", "agency", "investor", "university", "jurisdiction"}


class GazetteerError(ValueError):
    """A gazetteer file is malformed; the message names the file, entry and field."""


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  # jurisdictions only: "Japanese", "Emirati"
    parent: str | None = None       # a centre or laboratory's agency ("nasa" for JPL)
    exact_case: bool = False        # a name that is also a common phrase ("lunar resources"): capitals only
    # A short name that is another organisation's too ("MDA": also the Missile Defense Agency): it
    # counts only, as written, in an item that names one of its context words ("Canadarm", "Canadian").
    with_context: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Mission:
    """A mission, lander or spacecraft: "Peregrine crashed" is news about its operator."""

    id: str
    name: str
    operator: str | None = None
    body: str | None = None
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    # Bare names too common to match alone ("Odin", "Athena", "Spectrum"): they count only in an
    # item that names the operator, where the word is that operator's craft.
    with_operator: tuple[str, ...] = ()
    # A craft whose flights changed hands ("operator_from: {2025-01-01: avio}" for Vega-C, sold by
    # Arianespace until 2024): (first day, operator) pairs, oldest first.
    operator_from: tuple[tuple[date, str], ...] = ()

    def operator_on(self, day: date | None) -> str | None:
        """The operator of the craft's flights on ``day`` (the item's date; without one, the first)."""
        operator = self.operator
        for since, later in self.operator_from:
            if day is not None and day >= since:
                operator = later
        return operator


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    agency: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    orgs: dict[str, Org]
    programs: dict[str, Program]
    missions: dict[str, Mission] = field(default_factory=dict)
    raw_orgs: list[dict[str, Any]] = field(default_factory=list, compare=False)

    def org(self, org_id: str) -> Org | None:
        return self.orgs.get(org_id)

    def jurisdiction_of(self, org_id: str) -> Org | None:
        """The country an organisation belongs to (an agency's, or a jurisdiction itself)."""
        org = self.orgs.get(org_id)
        if org is None:
            return None
        if org.kind == "jurisdiction":
            return org
        return self._jurisdictions_by_country().get(org.country or "")

    def _jurisdictions_by_country(self) -> dict[str, Org]:
        cached = self.__dict__.get("_by_country")
        if cached is None:
            cached = {o.country: o for o in self.orgs.values() if o.kind == "jurisdiction" and o.country}
            object.__setattr__(self, "_by_country", cached)
        return cached

    def context_gated_names(self) -> list[tuple[Org, str, re.Pattern, re.Pattern]]:
        """Each ``with_context`` name with its organisation, its own pattern and its context words'
        pattern, compiled once (every item is checked against them)."""
        gated = self.__dict__.get("_context_gated")
        if gated is None:
            gated = [(org, name, re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"),
                      re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])"))
                     for org in self.orgs.values() for name, words in org.with_context]
            object.__setattr__(self, "_context_gated", gated)
        return gated

    def missions_named_with(self, org_ids: set[str]) -> list[tuple[Mission, str]]:
        """The operator-gated bare names ("Odin" for AstroForge) of the organisations in an item
        (an operator's parent agency counts as naming it)."""
        index = self.__dict__.get("_with_operator")
        if index is None:
            index = {}
            for mission in self.missions.values():
                operator = self.orgs.get(mission.operator or "")
                owners = {mission.operator} | ({operator.parent} if operator is not None and operator.parent else set())
                for name in mission.with_operator:
                    for owner in owners:  # JPL's Perseverance is named in NASA's items
                        index.setdefault(owner, []).append((mission, name))
            object.__setattr__(self, "_with_operator", index)
        return [pair for org_id in org_ids for pair in index.get(org_id, ())]

    def phrase_patterns(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """EntityRuler phrase patterns, split by how they match: (any case, exact case).

        Phrase patterns go through spaCy's PhraseMatcher (hash lookups), which is what keeps
        extraction fast with thousands of aliases; token patterns would walk a state machine
        per token. Short or all-capital aliases (ESA, JAXA, LUNR) and demonyms match exactly;
        longer names in any case ("Lunar Outpost", "LUNAR OUTPOST").
        """
        any_case: list[dict[str, Any]] = []
        exact: list[dict[str, Any]] = []

        def add(label: str, entry_id: str, alias: str, exact_case: bool = False) -> None:
            if exact_case:  # "Lunar Outpost" and "LUNAR OUTPOST", never "a permanent lunar outpost"
                exact.extend({"label": label, "id": entry_id, "pattern": form} for form in {alias, alias.upper()})
                return
            target = exact if len(alias) <= 4 or alias.isupper() else any_case
            target.append({"label": label, "id": entry_id, "pattern": alias})

        for org in self.orgs.values():
            label = "GPE" if org.kind == "jurisdiction" else "ORG"
            for alias in {org.name, *org.aliases}:
                add(label, org.id, alias, org.exact_case)
            for demonym in org.demonyms:
                exact.append({"label": "NORP", "id": org.id, "pattern": demonym})
        for mission in self.missions.values():
            for alias in {mission.name, *mission.aliases}:
                add("MISSION", mission.id, alias)
        for program in self.programs.values():
            for alias in {program.name, *program.aliases}:
                add("PROGRAM", program.id, alias)
        return any_case, exact

    def entity_patterns(self, tokenize) -> list[dict[str, Any]]:  # noqa: ANN001 - a spaCy tokenizer
        """EntityRuler patterns: label ORG/GPE/PROGRAM, ``id`` the canonical id.

        Short or all-capital aliases (ESA, JAXA, LUNR) match case-sensitively so ordinary words
        never match; longer names match case-insensitively ("Lunar Outpost", "LUNAR OUTPOST").
        """
        patterns: list[dict[str, Any]] = []
        for org in self.orgs.values():
            label = "GPE" if org.kind == "jurisdiction" else "ORG"
            for alias in {org.name, *org.aliases}:
                patterns.append({"label": label, "id": org.id, "pattern": _token_pattern(alias, tokenize, org.exact_case)})
            for demonym in org.demonyms:
                # Demonyms are capitalised adjectives: case-sensitive, so "japanese" in a URL never fires.
                patterns.append({"label": "NORP", "id": org.id,
                                 "pattern": [{"ORTH": t.text} for t in tokenize(demonym)]})
        for mission in self.missions.values():
            for alias in {mission.name, *mission.aliases}:
                patterns.append({"label": "MISSION", "id": mission.id, "pattern": _token_pattern(alias, tokenize)})
        for program in self.programs.values():
            for alias in {program.name, *program.aliases}:
                patterns.append(
                    {"label": "PROGRAM", "id": program.id, "pattern": _token_pattern(alias, tokenize)}
                )
        return patterns


def _token_pattern(alias: str, tokenize, exact_case: bool = False) -> list[dict[str, str]]:  # noqa: ANN001
    tokens = [t.text for t in tokenize(alias)]
    if exact_case or len(alias) <= 4 or alias.isupper():
        return [{"ORTH": t} for t in tokens]
    return [{"LOWER": t.lower()} for t in tokens]


def _require(entry: Any, key: str, where: str) -> str:
    if not isinstance(entry, dict) or not isinstance(entry.get(key), str) or not entry[key].strip():
        raise GazetteerError(f"{where}: '{key}' is required and must be text")
    return entry[key].strip()


def _case(entry: dict[str, Any], where: str) -> bool:
    """``case: exact`` marks a name that is also a common phrase; anything else is an error."""
    case = entry.get("case")
    if case not in (None, "exact"):
        raise GazetteerError(f"{where} ({entry.get('id')}): case must be 'exact' when given")
    return case == "exact"


def _with_context(entry: dict[str, Any], where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    gated = entry.get("with_context") or {}
    if not isinstance(gated, dict) or not all(isinstance(words, list) and words for words in gated.values()):
        raise GazetteerError(f"{where}: with_context must map a name to a list of context words")
    return tuple((str(name), tuple(str(w) for w in words)) for name, words in gated.items())


def parse_orgs(data: dict[str, Any], origin: str = "orgs.yaml") -> dict[str, Org]:
    orgs: dict[str, Org] = {}
    for index, entry in enumerate(data.get("orgs") or []):
        where = f"{origin}: orgs[{index}]"
        org_id = _require(entry, "id", where)
        kind = entry.get("kind", "company")
        if kind not in ORG_KINDS:
            raise GazetteerError(f"{where} ({org_id}): kind must be one of {sorted(ORG_KINDS)}")
        if org_id in orgs:
            raise GazetteerError(f"{where}: duplicate id '{org_id}'")
        orgs[org_id] = Org(
            id=org_id,
            name=_require(entry, "name", where),
            kind=kind,
            country=entry.get("country"),
            aliases=tuple(str(a) for a in entry.get("aliases") or () if str(a).strip()),
            demonyms=tuple(str(a) for a in entry.get("demonyms") or () if str(a).strip()),
            parent=entry.get("parent"),
            exact_case=_case(entry, where),
            with_context=_with_context(entry, where),
        )
    for org in orgs.values():
        if org.parent is not None and org.parent not in orgs:
            raise GazetteerError(f"{origin}: {org.id}: parent '{org.parent}' is not an id in {origin}")
    return orgs


def parse_missions(data: dict[str, Any], orgs: dict[str, Org], origin: str = "missions.yaml") -> dict[str, Mission]:
    missions: dict[str, Mission] = {}
    for index, entry in enumerate(data.get("missions") or []):
        where = f"{origin}: missions[{index}]"
        mission_id = _require(entry, "id", where)
        if mission_id in missions:
            raise GazetteerError(f"{where}: duplicate id '{mission_id}'")
        operator = entry.get("operator")
        if operator is not None and operator not in orgs:
            raise GazetteerError(f"{where} ({mission_id}): operator '{operator}' is not an id in orgs.yaml")
        handovers = []
        for since, later in (entry.get("operator_from") or {}).items():
            if later not in orgs:
                raise GazetteerError(f"{where} ({mission_id}): operator_from names '{later}', not an id in orgs.yaml")
            try:
                handovers.append((since if isinstance(since, date) else date.fromisoformat(str(since)), later))
            except ValueError as error:
                raise GazetteerError(f"{where} ({mission_id}): operator_from date '{since}' is not YYYY-MM-DD") from error
        missions[mission_id] = Mission(
            id=mission_id, name=_require(entry, "name", where), operator=operator,
            body=entry.get("body"), kind=entry.get("kind"),
            aliases=tuple(str(a) for a in entry.get("aliases") or () if str(a).strip()),
            with_operator=tuple(str(a) for a in entry.get("with_operator") or () if str(a).strip()),
            operator_from=tuple(sorted(handovers)),
        )
        if missions[mission_id].with_operator and operator is None:
            raise GazetteerError(f"{where} ({mission_id}): with_operator names need an operator")
    return missions


def parse_programs(data: dict[str, Any], origin: str = "programs.yaml") -> dict[str, Program]:
    programs: dict[str, Program] = {}
    for index, entry in enumerate(data.get("programs") or []):
        where = f"{origin}: programs[{index}]"
        program_id = _require(entry, "id", where)
        programs[program_id] = Program(
            id=program_id,
            name=_require(entry, "name", where),
            agency=entry.get("agency"),
            aliases=tuple(str(a) for a in entry.get("aliases") or () if str(a).strip()),
        )
    return programs


def _read_data(name: str) -> dict[str, Any]:
    path = resources.files("nlp").joinpath("data", name)
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer (cached: it is read once per process)."""
    org_data = _read_data("orgs.yaml")
    orgs = parse_orgs(org_data)
    return Gazetteer(
        orgs=orgs,
        programs=parse_programs(_read_data("programs.yaml")),
        missions=parse_missions(_read_data("missions.yaml"), orgs),
        raw_orgs=[
            {"id": o["id"], "name": o["name"], "kind": o.get("kind", "company"),
             "country": o.get("country"), "aliases": list(o.get("aliases") or [])}
            for o in org_data.get("orgs") or []
        ],
    )
