"""The gazetteer files: one id per name, operators that exist, errors that name the entry."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.gazetteer import GazetteerError, load_gazetteer, parse_missions, parse_orgs
from nlp.pipeline import default_nlp


def test_no_name_or_alias_belongs_to_two_entries_across_the_files():
    gazetteer = load_gazetteer()
    owners: dict[str, set[str]] = {}
    entries = [(f"org:{o.id}", [o.name, *o.aliases]) for o in gazetteer.orgs.values()]
    entries += [(f"program:{p.id}", [p.name, *p.aliases]) for p in gazetteer.programs.values()]
    entries += [(f"mission:{m.id}", [m.name, *m.aliases, *m.with_operator]) for m in gazetteer.missions.values()]
    for owner, names in entries:
        for name in names:
            owners.setdefault(name.casefold(), set()).add(owner)
    shared = {name: ids for name, ids in owners.items() if len(ids) > 1}

    assert shared == {}


def test_every_mission_operator_and_program_agency_is_an_organisation():
    gazetteer = load_gazetteer()

    assert all(m.operator in gazetteer.orgs for m in gazetteer.missions.values() if m.operator)
    assert all(p.agency in gazetteer.orgs for p in gazetteer.programs.values() if p.agency)
    assert len(gazetteer.missions) >= 50 and sum(o.kind == "jurisdiction" for o in gazetteer.orgs.values()) >= 50


@pytest.mark.parametrize("entry, message", [
    ({"id": "m1", "name": "Lander One", "operator": "nobody"}, "operator 'nobody'"),
    ({"id": "m1"}, "'name' is required"),
    ({"id": "m1", "name": "Lander One", "with_operator": ["Odin"]}, "with_operator names need an operator"),
    ({"id": "m1", "name": "Lander One", "operator_from": {"2025-01-01": "nobody"}}, "operator_from names 'nobody'"),
    ({"id": "m1", "name": "Lander One", "operator_from": {"next year": "acme"}}, "'next year' is not YYYY-MM-DD"),
])
def test_a_bad_mission_entry_is_named(entry, message):
    orgs = parse_orgs({"orgs": [{"id": "acme", "name": "Acme Lunar", "kind": "company"}]})

    with pytest.raises(GazetteerError, match=message):
        parse_missions({"missions": [entry]}, orgs)


def test_duplicate_mission_ids_are_refused():
    with pytest.raises(GazetteerError, match="duplicate id 'm1'"):
        parse_missions({"missions": [{"id": "m1", "name": "A"}, {"id": "m1", "name": "B"}]}, {})


@pytest.mark.parametrize("text, expected", [
    ("The Japanese parliament passed the bill.", [("NORP", "japan")]),
    ("A japanese-language site.", []),
    ("Peregrine lost propellant.", [("MISSION", "peregrine_m1")]),
])
def test_demonyms_and_missions_are_tagged_with_their_ids(text, expected):
    doc = default_nlp()(text)

    assert [(e.label_, e.ent_id_) for e in doc.ents] == expected


def test_a_vehicle_whose_flights_changed_hands_has_the_operator_of_the_item_s_day():
    orgs = parse_orgs({"orgs": [{"id": "old", "name": "Old Launch", "kind": "company"},
                                {"id": "new", "name": "New Launch", "kind": "company"}]})
    rocket = parse_missions({"missions": [{"id": "r1", "name": "Rocket One", "operator": "old",
                                           "operator_from": {"2025-01-01": "new"}}]}, orgs)["r1"]

    assert [rocket.operator_on(d) for d in (date(2022, 12, 21), date(2025, 1, 1), None)] == ["old", "new", "old"]


def test_a_context_gated_name_counts_only_beside_its_context_words():
    from nlp.context import build_context
    from spacemine.records import Document
    from datetime import datetime, timezone

    nlp, gazetteer = default_nlp(), load_gazetteer()

    def orgs(title: str, text: str) -> set[str]:
        when = datetime(2020, 12, 18, tzinfo=timezone.utc)
        document = Document(doc_id="d", source_id="t", kind="news", external_id="d", url="https://example.com/d",
                            title=title, published_at=when, fetched_at=when, text=text)
        ctx = build_context(nlp(title), nlp(text), document, gazetteer)
        return {m.org_id for s in ctx.sentences for m in s.mentions if m.source == "gazetteer"}

    assert "mda_space" in orgs("Canadarm3", "The Canadian Space Agency hands MDA a Phase A contract.")
    assert "mda_space" not in orgs("Missile defense", "MDA awarded Northrop Grumman a contract for interceptors.")


def test_a_context_gated_name_needs_a_list_of_words():
    with pytest.raises(GazetteerError, match="with_context must map a name to a list of context words"):
        parse_orgs({"orgs": [{"id": "x", "name": "X Corp", "with_context": {"X": "Canada"}}]})
