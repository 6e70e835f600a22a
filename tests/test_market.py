"""Market drivers, market size and event-triggered re-forecasts (issue 5's acceptance)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from market import model
from market.forecasts import parameters, rebuild, update_forecasts
from market.indicators import load_reference_series, rebuild_indicators, update_indicators
from spacemine.records import Amount, Document, EventCandidate, Evidence, OrgRef
from warehouse.db import Warehouse, scalar
from warehouse.load import load_documents, load_events

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
PARAMS = parameters()


@pytest.fixture
def warehouse(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "w.duckdb", tmp_path / "published" / "w.duckdb")


def _event(n: int, type_: str, actor: str, usd: float | None, when: date, kind: str = "obligation",
           outcome: str | None = None, stage: str | None = None, program: str | None = None):
    doc = Document(doc_id=f"d{n}", source_id="feed", kind="news", external_id=str(n), url=f"https://x.test/{n}",
                   title=f"{actor} {type_}", published_at=T0, fetched_at=T0, text=f"{actor} {type_} {n}")
    candidate = EventCandidate(
        type=type_, actors=(OrgRef(actor, actor.title()),), counterparties=(OrgRef("nasa", "NASA", "agency"),),
        amount=Amount(usd, "USD", usd, kind, f"${usd}") if usd is not None else None,
        evidence=Evidence(doc.doc_id, "text", 0, len(doc.text), doc.text, "test"), program=program,
        stage=stage, outcome=outcome, event_date=when, date_granularity="day", confidence=0.9,
        segments=("body:lunar",),
    )
    return doc, candidate


def _load(warehouse: Warehouse, events, at: datetime) -> None:
    with warehouse.write() as con:
        load_documents(con, [d for d, _ in events], at)
        load_events(con, [(c, d.content_hash) for d, c in events], at)
        update_indicators(con)
        update_forecasts(con, PARAMS)


HISTORY = [
    _event(1, "contract_award", "astrobotic", 320e6, date(2026, 1, 10), program="CLPS"),
    _event(2, "contract_award", "astrobotic", 900e6, date(2026, 1, 10), kind="ceiling", program="CLPS"),
    _event(3, "funding_round", "interlune", 40e6, date(2026, 2, 1), stage="series_a"),
    _event(4, "mission_outcome", "intuitive_machines", None, date(2026, 2, 20), outcome="success"),
]
NEW_AWARD = _event(5, "contract_award", "firefly_aerospace", 150e6, date(2026, 3, 5), kind="task_order",
                   program="CLPS")


def _market(warehouse: Warehouse, sql: str, params: list | None = None):
    with warehouse.read() as con:
        return con.execute(sql, params or []).fetchall()


def test_market_size_has_the_base_year_and_three_ordered_scenarios_to_2035(warehouse):
    _load(warehouse, HISTORY, T0)
    rows = _market(warehouse, "SELECT year, scenario, value_usd FROM market_size WHERE segment_dim = 'total'")
    values = {(year, scenario): value for year, scenario, value in rows}

    assert values[(2024, "history")] == pytest.approx(2.0e9)
    assert {y for y, s in values if s == "history"} == set(range(2019, 2025))
    for year in range(2025, 2036):
        assert values[(year, "optimistic")] >= values[(year, "baseline")] >= values[(year, "pessimistic")] > 0


def test_segments_split_every_scenario_year_and_add_up_to_the_total(warehouse):
    _load(warehouse, HISTORY, T0)
    rows = _market(warehouse, """SELECT segment_dim, sum(value_usd) FROM market_size
                                 WHERE year = 2030 AND scenario = 'baseline' GROUP BY 1""")
    sums = dict(rows)
    total = sums.pop("total")

    assert set(sums) == set(PARAMS["segments"])
    assert all(value == pytest.approx(total, rel=1e-6) for value in sums.values())


def test_one_new_award_makes_exactly_one_version_attributed_to_it_and_reloading_makes_none(warehouse):
    _load(warehouse, HISTORY, T0)
    before = _market(warehouse, "SELECT max(version_id) FROM forecast_versions")[0][0]

    _load(warehouse, [NEW_AWARD], T0 + timedelta(days=5))
    versions = _market(warehouse, "SELECT version_id, trigger_event_ids FROM forecast_versions WHERE version_id > ?",
                       [before])
    event_id = NEW_AWARD[1].resolution_key()
    assert len(versions) == 1 and versions[0][1] == [event_id]
    attributed = _market(warehouse, """SELECT event_id, sum(delta_usd) FROM forecast_attribution
                                       WHERE version_id = ? GROUP BY 1""", [versions[0][0]])
    by_event = dict(attributed)
    assert by_event[event_id] > 0, "a $150M task order adds contracted backlog and demand"

    _load(warehouse, [NEW_AWARD], T0 + timedelta(days=6))
    assert _market(warehouse, "SELECT max(version_id) FROM forecast_versions")[0][0] == versions[0][0]


def test_attribution_steps_add_up_to_the_change_between_versions(warehouse):
    _load(warehouse, HISTORY, T0)
    _load(warehouse, [NEW_AWARD], T0 + timedelta(days=5))
    old, new = _market(warehouse, "SELECT version_id FROM forecast_versions ORDER BY 1 DESC LIMIT 2")[::-1]
    change = _market(warehouse, """SELECT n.scenario, n.year, n.value_usd - o.value_usd FROM forecast_values n
                                   JOIN forecast_values o USING (year, scenario, segment_dim, segment)
                                   WHERE n.version_id = ? AND o.version_id = ? AND n.segment_dim = 'total'
                                     AND n.scenario <> 'history'""", [new[0], old[0]])
    steps = dict(((s, y), d) for s, y, d in _market(
        warehouse, "SELECT scenario, year, sum(delta_usd) FROM forecast_attribution WHERE version_id = ? GROUP BY 1, 2",
        [new[0]]))

    for scenario, year, delta in change:
        assert steps[(scenario, year)] == pytest.approx(delta, abs=1.0)


def test_the_as_of_view_before_the_award_returns_the_previous_version(warehouse):
    _load(warehouse, HISTORY, T0)
    _load(warehouse, [NEW_AWARD], T0 + timedelta(days=5))
    sql = "SELECT DISTINCT version_id FROM market_size_as_of(?::TIMESTAMPTZ)"

    (before,) = _market(warehouse, sql, [T0 + timedelta(days=2)])
    (after,) = _market(warehouse, sql, [T0 + timedelta(days=5)])
    assert after[0] == before[0] + 1
    assert _market(warehouse, sql, [T0 - timedelta(days=1)]) == []


def test_rebuilding_from_the_event_history_reproduces_the_incremental_results(warehouse):
    _load(warehouse, HISTORY[:2], T0)
    _load(warehouse, HISTORY[2:], T0 + timedelta(days=1))
    _load(warehouse, [NEW_AWARD], T0 + timedelta(days=5))
    amended = _event(5, "contract_award", "firefly_aerospace", 150e6, date(2026, 3, 5), kind="task_order",
                     program="CLPS")
    _load(warehouse, [(amended[0], EventCandidate(**{**vars(amended[1]), "segments": ("body:lunar", "resource:water_ice")}))],
          T0 + timedelta(days=8))
    tables = ("indicator_values", "forecast_versions", "forecast_values", "forecast_attribution")
    with warehouse.write() as con:
        incremental = {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}
        rebuild_indicators(con)
        rebuild(con, PARAMS)
        rebuilt = {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}

    assert all(incremental[t] for t in tables)
    assert rebuilt == incremental


def test_indicators_keep_amount_kinds_apart_and_are_known_as_of_their_recorded_time(warehouse):
    _load(warehouse, HISTORY, T0)
    _load(warehouse, [NEW_AWARD], T0 + timedelta(days=5))
    sql = """SELECT amount_kind, sum(value) FROM indicators_as_of(?::TIMESTAMPTZ)
             WHERE indicator = 'contract_value_usd' AND dimension = 'total' GROUP BY 1"""

    assert dict(_market(warehouse, sql, [T0])) == {"obligation": 320e6, "ceiling": 900e6}
    assert dict(_market(warehouse, sql, [T0 + timedelta(days=5)])) == {
        "obligation": 320e6, "ceiling": 900e6, "task_order": 150e6}
    missions = _market(warehouse, "SELECT attempts, successes, success_rate FROM mission_stats WHERE year = 2026")
    assert missions == [(1.0, 1.0, 1.0)]


def test_the_scorecard_compares_companies_from_their_events(warehouse):
    _load(warehouse, HISTORY + [NEW_AWARD], T0)
    rows = _market(warehouse, """SELECT org_id, contracted_usd, ceilings_usd, funds_raised_usd, stage,
                                        mission_success_rate FROM company_scorecard ORDER BY org_id""")
    card = {r[0]: r[1:] for r in rows}

    assert card["astrobotic"][:2] == (320e6, 900e6), "a ceiling is reported apart from contracted value"
    assert card["interlune"][2:4] == (40e6, "series_a")
    assert card["intuitive_machines"][4] == 1.0


def test_the_reference_series_is_loaded_with_its_citation_and_only_changes_are_recorded(warehouse, tmp_path):
    csv_file = tmp_path / "ree.csv"
    csv_file.write_text("# Source: USGS Mineral Commodity Summaries\nyear,value,unit\n2023,350,kt REO\n2024,390,kt REO\n")
    with warehouse.write() as con:
        assert load_reference_series(con, csv_file, now=T0) == 2
        assert load_reference_series(con, csv_file, now=T0 + timedelta(days=1)) == 0
        csv_file.write_text("# Source: USGS Mineral Commodity Summaries\nyear,value,unit\n2023,350,kt REO\n2024,400,kt REO\n")
        assert load_reference_series(con, csv_file, now=T0 + timedelta(days=2)) == 1
        assert "USGS" in scalar(con, "SELECT any_value(source) FROM reference_values")
        csv_file.write_text("year,value\n2024,lots\n")
        with pytest.raises(ValueError, match="data row 2"):
            load_reference_series(con, csv_file, now=T0)


@pytest.mark.parametrize("contracts, funding", [(0.0, 0.0), (1e12, 1e12)])
def test_scenarios_never_cross_whatever_the_drivers(contracts, funding):
    events = [model.ModelEvent("a", "contract_award", contracts, "obligation", date(2026, 1, 1), None),
              model.ModelEvent("b", "funding_round", funding, "round", date(2026, 1, 1), None)]
    totals = model.totals(model.forecast(events, date(2026, 6, 1), PARAMS)[0])

    for year in range(2025, 2036):
        assert totals[("optimistic", year)] >= totals[("baseline", year)] >= totals[("pessimistic", year)]


def test_ceilings_do_not_count_as_contracted_backlog():
    ceiling = [model.ModelEvent("c", "contract_award", 1e9, "ceiling", date(2026, 1, 1), None)]
    obligation = [model.ModelEvent("o", "contract_award", 1e9, "obligation", date(2026, 1, 1), None)]

    assert model.backlog_by_year(ceiling, PARAMS) == {}
    assert sum(model.backlog_by_year(obligation, PARAMS).values()) == pytest.approx(1e9)


@pytest.mark.parametrize("override, message", [
    ({"segments": {"body": {"lunar": 0.9, "asteroid": 0.3}}}, "market.segments.body"),
    ({"scenarios": {"optimistic": {"cagr": 0.01}}}, "optimistic >= baseline >= pessimistic"),
])
def test_bad_parameters_are_refused_with_the_field_named(override, message):
    with pytest.raises(ValueError, match=message):
        parameters(override)


def test_a_backfill_attributes_its_largest_awards_one_by_one_and_pools_the_rest(warehouse):
    from market.forecasts import MAX_ATTRIBUTED_EVENTS, POOLED_PREFIX

    _load(warehouse, HISTORY, T0)
    count = MAX_ATTRIBUTED_EVENTS + 25
    backfill = [_event(100 + n, "contract_award", f"supplier-{n}", 1e6 * (n + 1), date(2026, 3, 1), program="CLPS")
                for n in range(count)]
    _load(warehouse, backfill, T0 + timedelta(days=5))
    old, new = _market(warehouse, "SELECT version_id FROM forecast_versions ORDER BY 1 DESC LIMIT 2")[::-1]
    named = {row[0] for row in _market(warehouse, "SELECT DISTINCT event_id FROM forecast_attribution "
                                                  "WHERE version_id = ? AND event_id IS NOT NULL", [new[0]])}
    pooled = [e for e in named if e.startswith(POOLED_PREFIX)]
    assert pooled == [f"{POOLED_PREFIX}{count - MAX_ATTRIBUTED_EVENTS + 1}"]
    largest = {c.resolution_key() for _, c in backfill[-(MAX_ATTRIBUTED_EVENTS - 1):]}
    assert named - set(pooled) == largest
    change = dict(((s, y), d) for s, y, d in _market(
        warehouse, """SELECT n.scenario, n.year, n.value_usd - o.value_usd FROM forecast_values n
                      JOIN forecast_values o USING (year, scenario, segment_dim, segment)
                      WHERE n.version_id = ? AND o.version_id = ? AND n.segment_dim = 'total'
                        AND n.scenario <> 'history'""", [new[0], old[0]]))
    steps = dict(((s, y), d) for s, y, d in _market(
        warehouse, "SELECT scenario, year, sum(delta_usd) FROM forecast_attribution WHERE version_id = ? GROUP BY 1, 2",
        [new[0]]))
    for key, delta in change.items():
        assert steps[key] == pytest.approx(delta, abs=1.0)
