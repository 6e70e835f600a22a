"""NLP: money mentions, currency conversion, gazetteer entities and event extraction."""

from __future__ import annotations

from datetime import date, datetime, timezone
from importlib import resources

import pytest
import yaml

from nlp.events import EventExtractor
from nlp.gazetteer import load_gazetteer
from nlp.money import find_money, to_usd
from nlp.pipeline import default_nlp
from spacemine.records import Document

PUBLISHED = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
NEUTRAL_TITLE = "Weekly space-resources roundup"


def _rates() -> dict[str, dict[int, float]]:
    text = resources.files("nlp").joinpath("data", "fx_rates.yaml").read_text(encoding="utf-8")
    return {cur: {int(y): float(r) for y, r in years.items()} for cur, years in yaml.safe_load(text)["usd_per_unit"].items()}


RATES = _rates()


def _usd(value: float, currency: str, year: int) -> float:
    return value if currency == "USD" else value * RATES[currency][year]


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return EventExtractor(default_nlp(), load_gazetteer())


def _document(text: str, title: str = NEUTRAL_TITLE, doc_id: str = "doc-1",
              published_at: datetime | None = PUBLISHED) -> Document:
    return Document(
        doc_id=doc_id, source_id="test_feed", kind="news", external_id=doc_id, url=f"https://example.com/{doc_id}",
        title=title, published_at=published_at, fetched_at=PUBLISHED, text=text,
    )


def _events(extractor: EventExtractor, document: Document):
    return extractor.extract([document])[document.doc_id]


def _assert_evidence_points_into(document: Document, candidate, sentence: str) -> None:
    evidence = candidate.evidence
    source = document.text if evidence.field == "text" else document.title
    assert evidence.doc_id == document.doc_id
    assert evidence.pattern_id
    assert evidence.sentence in source[evidence.sentence_start:evidence.sentence_end]
    assert sentence in evidence.sentence


# Money ---------------------------------------------------------------------------------------

MONEY = [
    # phrase, value, currency, qualifier
    ("$112.4 million", 112_400_000, "USD", None),
    ("$40M", 40_000_000, "USD", None),
    ("US$ 5 million", 5_000_000, "USD", None),
    ("USD 2.0 billion", 2_000_000_000, "USD", None),
    ("€12.5 million", 12_500_000, "EUR", None),
    ("¥8.5 billion", 8_500_000_000, "JPY", None),
    ("£3 million", 3_000_000, "GBP", None),
    ("$250k", 250_000, "USD", None),
    ("up to $600,000", 600_000, "USD", "up_to"),
    ("nearly $3 million", 3_000_000, "USD", "about"),
    ("about $1.5 billion", 1_500_000_000, "USD", "about"),
    ("more than $20 million", 20_000_000, "USD", "more_than"),
    ("$9,500", 9_500, "USD", None),
    ("$1,250,000", 1_250_000, "USD", None),
    ("5 million euros", 5_000_000, "EUR", None),
    ("200 million yen", 200_000_000, "JPY", None),
    ("$1.5 trillion", 1_500_000_000_000, "USD", None),  # read as $1.50 before trillion was a scale
    ("one million euros", 1_000_000, "EUR", None),
    ("two billion dollars", 2_000_000_000, "USD", None),
]


@pytest.mark.parametrize("phrase, value, currency, qualifier", MONEY, ids=[m[0] for m in MONEY])
def test_money_mentions_are_parsed(phrase, value, currency, qualifier):
    text = f"The company said it would receive {phrase} for the lunar drill work."

    (mention,) = find_money(text)

    assert mention.value == pytest.approx(value)
    assert mention.currency == currency
    assert mention.qualifier == qualifier
    assert mention.text == phrase
    assert text[mention.start:mention.end] == phrase


@pytest.mark.parametrize(
    "phrase",
    ["500 kg", "2027", "10%", "Series B", "Falcon 9", "3.5 km/s", "Artemis III", "1,200 tonnes", "Q3 2026",
     "a million reasons", "one of the two", "five hundred million euros", "twenty five million dollars"],
)
def test_non_money_numbers_are_not_money(phrase):
    assert find_money(f"The lander carries {phrase} in the update.") == []


@pytest.mark.parametrize("phrase, value, currency", [
    ("5 dollar\u017f", 5, "USD"), ("u\u017fd 5 million", 5e6, "USD"), ("$5 b\u0131llion", 5e9, "USD"),
    ("EUR 3 M\u0130LL\u0130ON", 3e6, "EUR"),
])
def test_letters_the_pattern_reads_as_ascii_are_read_as_those_letters(phrase, value, currency):
    # the case-insensitive pattern matches "\u017f" as "s" and "\u0131"/"\u0130" as "i"; the currency and
    # scale tables are looked up the same way instead of raising KeyError on hostile text
    assert [(m.value, m.currency) for m in find_money(f"It raised {phrase} on Friday.")] == [(value, currency)]


def test_several_amounts_in_one_text_are_all_found_in_order():
    text = "NASA paid $4 million in 2025 and €2 million in 2026, out of up to $10 million."

    found = find_money(text)

    assert [(m.value, m.currency, m.qualifier) for m in found] == [
        (4_000_000, "USD", None), (2_000_000, "EUR", None), (10_000_000, "USD", "up_to"),
    ]


def _monthly() -> dict[str, dict[int, list[float]]]:
    text = resources.files("nlp").joinpath("data", "fx_rates.yaml").read_text(encoding="utf-8")
    return {cur: {int(y): [float(r) for r in months] for y, months in years.items()}
            for cur, years in (yaml.safe_load(text).get("usd_per_unit_monthly") or {}).items()}


MONTHLY = _monthly()


@pytest.mark.parametrize("currency", sorted(RATES))
def test_to_usd_uses_the_yearly_rate_where_no_monthly_rate_exists(currency):
    for year, rate in RATES[currency].items():
        if year in MONTHLY.get(currency, {}):
            continue
        assert to_usd(1_000_000, currency, date(year, 6, 30)) == pytest.approx(1_000_000 * rate)


@pytest.mark.parametrize("currency", sorted(MONTHLY))
def test_to_usd_uses_the_monthly_rate_at_a_month_midpoint(currency):
    for year, months in MONTHLY[currency].items():
        for month, rate in enumerate(months, 1):
            assert to_usd(1_000_000, currency, date(year, month, 15)) == pytest.approx(1_000_000 * rate)


def test_to_usd_between_two_midpoints_interpolates():
    year = min(MONTHLY["JPY"])
    january, february = MONTHLY["JPY"][year][0], MONTHLY["JPY"][year][1]
    between = to_usd(1_000_000, "JPY", date(year, 1, 31))

    assert min(january, february) * 1_000_000 <= between <= max(january, february) * 1_000_000
    assert between != pytest.approx(january * 1_000_000) or january == february


def test_to_usd_outside_the_table_uses_the_nearest_year():
    eur = RATES["EUR"]
    first, last = min(eur), max(eur)

    assert to_usd(100.0, "EUR", date(first - 5, 1, 1)) == pytest.approx(100 * eur[first])
    assert to_usd(100.0, "EUR", date(last + 5, 1, 1)) == pytest.approx(100 * eur[last])
    assert to_usd(100.0, "EUR", None) == pytest.approx(100 * eur[last])


def test_to_usd_keeps_dollars_and_gives_none_for_unknown_currencies():
    assert to_usd(123.45, "USD", date(2024, 1, 1)) == 123.45
    assert to_usd(100.0, "XYZ", date(2024, 1, 1)) is None


def test_money_mention_usd_converts_with_its_currency():
    (mention,) = find_money("a €12.5 million contract")

    assert mention.usd(date(2024, 5, 15)) == pytest.approx(12_500_000 * MONTHLY["EUR"][2024][4])


def test_a_stated_dollar_equivalent_wins_over_the_table():
    (mention,) = find_money("raised ¥10.15 billion (approximately US$90.2 million) in a Series A")

    assert (mention.value, mention.currency) == (10_150_000_000, "JPY")
    assert mention.usd(date(2017, 12, 13)) == 90_200_000


@pytest.mark.parametrize("phrase, value, qualifier", [
    ("$10-15 million", 15_000_000, "range"),
    ("$5 million to $8 million", 8_000_000, "range"),
    ("between $5 and $10 million", 10_000_000, "range"),
    ("$43-million", 43_000_000, None),
    ("₹615 crore", 6_150_000_000, None),
])
def test_ranges_hyphenated_and_indian_scales(phrase, value, qualifier):
    (mention,) = find_money(f"The agency will pay {phrase} for the work.")

    assert mention.value == pytest.approx(value)
    assert mention.qualifier == qualifier


def test_two_amounts_joined_by_and_are_two_amounts():
    found = find_money("a $4 million grant and $2 million in options")

    assert [m.value for m in found] == [4_000_000, 2_000_000]


# Gazetteer entities --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "surface, org_id",
    [
        ("Lunar Outpost", "lunar_outpost"),
        ("LUNAR OUTPOST", "lunar_outpost"),
        ("lunar outpost", None),  # "a permanent lunar outpost": a name that is an everyday phrase (case: exact)
        ("Lunar Resources", "lunar_resources"),
        ("lunar resources", None),
        ("PLANETARY RESOURCES", "planetary_resources"),
        ("European Space Agency", "esa"),
        ("european space agency", "esa"),
        ("Intuitive Machines", "intuitive_machines"),
        ("intuitive machines", "intuitive_machines"),
        ("ESA", "esa"),
        ("esa", None),
        ("Esa", None),
        ("JAXA", "jaxa"),
        ("jaxa", None),
        ("LUNR", "intuitive_machines"),
        ("lunr", None),
    ],
)
def test_org_aliases_match_with_the_right_case_rule(surface, org_id):
    doc = default_nlp()(f"We met {surface} today.")

    found = [(ent.text, ent.ent_id_) for ent in doc.ents if ent.label_ == "ORG"]

    assert found == ([(surface, org_id)] if org_id else [])


# Contract awards -----------------------------------------------------------------------------

AWARDS = [
    # sentence, actor, counterparty, value, currency
    ("NASA awarded Intuitive Machines a $30 million contract to deliver a drill to the lunar south pole.",
     "intuitive_machines", "nasa", 30_000_000, "USD"),
    ("The European Space Agency awarded The Exploration Company a €12.5 million contract for a cargo study.",
     "the_exploration_company", "esa", 12_500_000, "EUR"),
    ("JAXA selected ispace for a ¥2 billion lunar data contract.", "ispace", "jaxa", 2_000_000_000, "JPY"),
    ("The U.S. Department of Energy awarded Colorado School of Mines $2.5 million to study regolith processing.",
     "colorado_school_of_mines", "doe", 2_500_000, "USD"),
    ("DARPA awarded Northrop Grumman a $7.5 million contract for a lunar railway study.",
     "northrop_grumman", "darpa", 7_500_000, "USD"),
]


@pytest.mark.parametrize("sentence, actor, counterparty, value, currency", AWARDS, ids=[a[1] for a in AWARDS])
def test_agency_award_to_a_company_is_one_contract_award(extractor, sentence, actor, counterparty, value, currency):
    document = _document(f"Engineers gathered in Houston this week.\n\n{sentence} More details will follow.")

    (event,) = _events(extractor, document)

    assert event.type == "contract_award"
    assert [a.org_id for a in event.actors] == [actor]
    assert [c.org_id for c in event.counterparties] == [counterparty]
    assert event.amount is not None
    assert event.amount.value == pytest.approx(value)
    assert event.amount.currency == currency
    assert event.amount.usd == pytest.approx(_usd(value, currency, PUBLISHED.year))
    assert event.event_date == PUBLISHED.date()
    _assert_evidence_points_into(document, event, sentence)
    assert event.evidence.field == "text"


def test_up_to_amount_in_an_award_is_a_ceiling(extractor):
    sentence = "NASA awarded Lunar Outpost up to $600,000 to study regolith collection."
    (event,) = _events(extractor, _document(sentence))

    assert event.amount.kind == "ceiling"
    assert event.amount.qualifier == "up_to"
    assert event.amount.usd == pytest.approx(600_000)


def test_task_order_award_is_marked_as_a_task_order(extractor):
    (event,) = _events(extractor, _document("NASA issued Astrobotic a $12 million task order for payload delivery."))

    assert event.type == "contract_award"
    assert event.amount.kind == "task_order"


@pytest.mark.parametrize("month", ["March", "this month"])
def test_award_dated_in_the_news_window_is_extracted(extractor, month):
    """Published 10 March: "in March" is this item's news ("May" the month is never a hedge)."""
    sentence = f"NASA awarded Astrobotic a $25 million contract in {month} to deliver lunar payloads."

    (event,) = _events(extractor, _document(sentence))

    assert event.type == "contract_award"
    assert [a.org_id for a in event.actors] == ["astrobotic"]


@pytest.mark.parametrize("when", ["in December", "in June", "in May", "in 2024", "last year"])
def test_award_dated_well_before_publication_is_background(extractor, when):
    """Published 10 March 2026: an award "in June" (2025) is recalled, not reported."""
    sentence = f"NASA awarded Astrobotic a $25 million contract {when} to deliver lunar payloads."

    assert _events(extractor, _document(sentence)) == []


# Funding rounds ------------------------------------------------------------------------------

ROUNDS = [
    # sentence, raiser, stage, investor, value
    ("AstroForge raised $40 million in a Series A round led by Seven Seven Six.",
     "astroforge", "series_a", "seven_seven_six", 40_000_000),
    ("Lunar Outpost raised $46 million in a Series B financing led by Promus Ventures.",
     "lunar_outpost", "series_b", "promus_ventures", 46_000_000),
    ("Interlune closed an $18 million seed round led by Founders Fund.",
     "interlune", "seed", "founders_fund", 18_000_000),
    ("Karman+ raised $20 million in a Series A round led by Hummingbird Ventures.",
     "karman_plus", "series_a", "hummingbird_ventures", 20_000_000),
]


@pytest.mark.parametrize("sentence, raiser, stage, investor, value", ROUNDS, ids=[r[1] for r in ROUNDS])
def test_company_round_led_by_an_investor_is_a_funding_round(extractor, sentence, raiser, stage, investor, value):
    document = _document(f"The start-up was founded in Denver.\n\n{sentence}")

    (event,) = _events(extractor, document)

    assert event.type == "funding_round"
    assert [a.org_id for a in event.actors] == [raiser]
    assert [c.org_id for c in event.counterparties] == [investor]
    assert event.stage == stage
    assert event.amount.value == pytest.approx(value)
    assert event.amount.kind == "round"
    _assert_evidence_points_into(document, event, sentence)


# Sentences that are not events ---------------------------------------------------------------

NOT_EVENTS = [
    pytest.param("Interlune plans to raise $50 million in a Series B round led by Founders Fund.", id="plans-to-raise"),
    pytest.param("AstroForge is in talks with NASA about a $20 million contract.", id="in-talks"),
    pytest.param("Intuitive Machines is set to win a $100 million NASA contract.", id="set-to"),
    pytest.param("Astrobotic is expected to be awarded a $30 million NASA contract.", id="expected-to"),
    pytest.param("AstroForge, which won a $5 million contract last year, unveiled its new spacecraft.",
                 id="background-which-won-last-year"),
    pytest.param("AstroForge, which won a $5 million NASA contract, unveiled its new spacecraft.",
                 id="background-which-won"),
    pytest.param("Interlune, which raised $18 million in a seed round, showed a helium-3 excavator.",
                 id="background-which-raised"),
    pytest.param("NASA's Webb telescope observed water ice on a distant asteroid. Scientists at JPL said the "
                 "finding will help plan future ESA missions to small bodies.", id="science"),
    pytest.param("Lunar regolith contains oxygen bound in minerals such as ilmenite.", id="no-orgs"),
    pytest.param("The round brings the total Karman+ has raised since its founding to $52 million.",
                 id="cumulative-total"),
    pytest.param("AstroForge has raised $55 million to date from investors.", id="raised-to-date"),
    pytest.param("TransAstra has funded its work so far with study contracts and a seed round.",
                 id="round-mentioned-in-passing"),
    pytest.param("Its prospecting work was paid for by NASA and Space Force study contracts.",
                 id="paid-for-by-contracts"),
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_hedged_background_and_science_text_gives_no_events(extractor, text):
    assert _events(extractor, _document(text)) == []


# Title and body ------------------------------------------------------------------------------

AWARD_TITLE = "NASA awards Astrobotic $25 million contract for lunar delivery"


@pytest.mark.parametrize("body", ["", "The lander will launch from Florida.\n\nIt carries four instruments."])
def test_event_only_in_the_title_is_found_with_title_evidence(extractor, body):
    document = _document(body, title=AWARD_TITLE)

    (event,) = _events(extractor, document)

    assert event.type == "contract_award"
    assert [a.org_id for a in event.actors] == ["astrobotic"]
    assert [c.org_id for c in event.counterparties] == ["nasa"]
    assert event.amount.usd == pytest.approx(25_000_000)
    assert event.evidence.field == "title"
    _assert_evidence_points_into(document, event, AWARD_TITLE)


def test_same_event_in_title_and_body_gives_one_candidate(extractor):
    sentence = "NASA awarded Astrobotic a $25 million contract to deliver payloads to the Moon."
    document = _document(f"Pittsburgh, Pa.\n\n{sentence}", title=AWARD_TITLE)

    (event,) = _events(extractor, document)

    assert event.type == "contract_award"
    assert event.evidence.field == "text"
    _assert_evidence_points_into(document, event, sentence)


def test_extract_keys_results_by_doc_id_for_every_document(extractor):
    award = _document("NASA awarded Intuitive Machines a $30 million contract for a lunar drill.", doc_id="award")
    round_ = _document("AstroForge raised $40 million in a Series A round led by Seven Seven Six.", doc_id="round")
    quiet = _document("The Moon has no atmosphere to speak of.", doc_id="quiet")

    results = extractor.extract([award, round_, quiet])

    assert set(results) == {"award", "round", "quiet"}
    assert [e.type for e in results["award"]] == ["contract_award"]
    assert [e.type for e in results["round"]] == ["funding_round"]
    assert results["quiet"] == []
    assert results["award"][0].evidence.doc_id == "award"
    assert results["round"][0].evidence.doc_id == "round"


def test_undated_document_gives_an_undated_event(extractor):
    (event,) = _events(extractor, _document("NASA awarded Astrobotic a $25 million contract.", published_at=None))

    assert event.event_date is None


# Alias case rules in extraction --------------------------------------------------------------


@pytest.mark.parametrize(
    "agency_text, counterparties",
    [("ESA", ["esa"]), ("esa", []), ("The European Space Agency", ["esa"]), ("the european space agency", ["esa"])],
)
def test_agency_alias_case_rules_apply_in_extraction(extractor, agency_text, counterparties):
    sentence = f"{agency_text} awarded AstroForge a $5 million contract for an asteroid prospecting study."

    (event,) = _events(extractor, _document(sentence))

    assert [a.org_id for a in event.actors] == ["astroforge"]
    assert [c.org_id for c in event.counterparties] == counterparties


def test_multi_word_company_alias_matches_in_any_case_in_extraction(extractor):
    sentence = "NASA awarded LUNAR OUTPOST a $9 million contract for a rover study."

    (event,) = _events(extractor, _document(sentence))

    assert [a.org_id for a in event.actors] == ["lunar_outpost"]


def test_candidates_from_doc_gives_offsets_into_the_field(extractor):
    text = "First sentence here.\n\nNASA awarded Intuitive Machines a $30 million contract for a drill."
    document = _document(text)

    (event,) = extractor.candidates_from_doc(default_nlp()(text), document, "text")

    start, end = event.evidence.sentence_start, event.evidence.sentence_end
    assert text[start:end].strip() == event.evidence.sentence
    assert event.evidence.sentence.startswith("NASA awarded Intuitive Machines")


@pytest.mark.parametrize("text, value", [("Rs 860 crore", 8.6e9), ("Rs. 403 crore", 4.03e9), ("₹1,500 crore", 1.5e10)])
def test_rupee_amounts_with_or_without_the_dot(text, value):
    (money,) = find_money(f"bagged a {text} contract")
    assert (money.value, money.currency) == (value, "INR")


def test_a_case_other_than_exact_is_refused():
    from nlp.gazetteer import GazetteerError, parse_orgs
    with pytest.raises(GazetteerError, match="case must be 'exact'"):
        parse_orgs({"orgs": [{"id": "x", "name": "X Corp", "kind": "company", "case": "lower"}]})
