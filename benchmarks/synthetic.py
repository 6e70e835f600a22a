"""Warehouse history made in bulk (DuckDB SQL over ``range``), for the benchmarks that need a big one.

The rows follow the real schema (the project's migrations are applied first, through
:mod:`warehouse.db`) and the shapes the pipeline writes: events of every type with actors from
the gazetteer, amounts and their kinds, programs, stages, outcomes, dates and segments; one piece
of evidence per event pointing at a stored document and its content hash; one event version per
event, recorded in ``batches`` runs spread over the years before ``end``. Nothing here goes
through extraction: a million events take seconds, not hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb

SEGMENTS = ["body:lunar", "body:asteroid", "body:planetary", "resource:water_ice", "resource:silicates_regolith",
            "resource:platinum_group_metals", "resource:rare_earth_elements", "mission:prospecting",
            "mission:extraction_processing", "mission:sample_return", "technology:robotic_mining",
            "technology:spacecraft_landers", "end_user:government_agencies", "funding_source:government",
            "funding_source:venture_private_equity", "end_user:commercial_companies"]
PROGRAMS = ["CLPS", "Artemis", "NIAC", "SBIR", "Tipping Point", "regolith purchase"]


def seed_gazetteer(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[list[str], list[str]]]:
    """Load the gazetteer's organisations (the real loader); (ids, names) per kind."""
    from nlp.gazetteer import load_gazetteer
    from warehouse.load import seed_orgs

    seed_orgs(con, load_gazetteer().raw_orgs)
    pools: dict[str, tuple[list[str], list[str]]] = {}
    for kind in ("company", "agency", "investor", "jurisdiction"):
        rows = con.execute("SELECT org_id, name FROM orgs WHERE kind = ? ORDER BY org_id", [kind]).fetchall()
        pools[kind] = ([r[0] for r in rows], [r[1] for r in rows])
    return pools


def batch_times(end: datetime, batches: int, span_days: int = 6 * 365) -> list[datetime]:
    """``batches`` recorded times evenly spread over ``span_days`` before ``end`` (oldest first)."""
    step = timedelta(days=span_days) / max(1, batches)
    return [end - step * (batches - b) for b in range(batches)]


def insert_documents(con: duckdb.DuckDBPyConnection, count: int, end: datetime, batches: int,
                     source_id: str = "history", prefix: str = "hist") -> None:
    """``count`` short news documents (title, one paragraph, URL, payload), already extracted."""
    times = batch_times(end, batches)
    con.execute(
        """
        INSERT INTO documents (doc_id, source_id, kind, external_id, url, title, published_at, fetched_at,
                               first_seen_at, updated_at, text, payload, raw_fetch_id, content_hash, version,
                               extracted_hash, needs_extraction)
        SELECT left(md5($prefix || i), 20), $source, 'news', $prefix || '-' || i,
               'https://news.example.com/' || $prefix || '/' || i,
               'Item ' || i || ': lunar delivery and space resources news',
               t - INTERVAL 3 HOUR, t, t, t,
               'Report ' || i || '. A company announced work on lunar resources; amounts and parties vary by item '
                   || md5('text' || i) || '.',
               '{"id": "' || $prefix || '-' || i || '"}', NULL, md5('content' || i), 1, md5('content' || i), false
        FROM (SELECT i, $times[1 + (i * $batches) // $n] AS t FROM range($n) r(i))
        """,
        {"prefix": prefix, "source": source_id, "n": count, "batches": len(times), "times": times},
    )


def insert_events(con: duckdb.DuckDBPyConnection, count: int, end: datetime, batches: int,
                  pools: dict[str, tuple[list[str], list[str]]], doc_source: str | None = None,
                  prefix: str = "ev") -> list[datetime]:
    """``count`` events with one evidence row and one version each; their recorded times."""
    times = batch_times(end, batches)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE bench_docs AS SELECT doc_id, content_hash, "
        "row_number() OVER (ORDER BY doc_id) - 1 AS n FROM documents WHERE $source IS NULL OR source_id = $source",
        {"source": doc_source},
    )
    docs = con.execute("SELECT count(*) FROM bench_docs").fetchall()[0][0]
    if not docs:
        raise ValueError("insert_events needs stored documents to point its evidence at")
    company_ids, company_names = pools["company"]
    agency_ids, agency_names = pools["agency"]
    investor_ids, investor_names = pools["investor"]
    place_ids, place_names = pools["jurisdiction"]
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE bench_events AS
        WITH base AS (
            SELECT i, $prefix || '-' || left(md5($prefix || i), 16) AS event_id, (hash(i, 1) % 100)::BIGINT AS t,
                   (hash(i, 2) % 1000003)::BIGINT AS h2, (hash(i, 3) % 1000003)::BIGINT AS h3,
                   (hash(i, 4) % 1000003)::BIGINT AS h4, (hash(i, 5) % 1000003)::BIGINT AS h5,
                   (hash(i, 6) % 1000003)::BIGINT AS h6,
                   $times[1 + (i * $batches) // $n] AS recorded_at
            FROM range($n) r(i)
        ), typed AS (
            SELECT *, CASE WHEN t < 25 THEN 'contract_award' WHEN t < 45 THEN 'funding_round'
                           WHEN t < 65 THEN 'partnership' WHEN t < 75 THEN 'mission_outcome'
                           WHEN t < 85 THEN 'acquisition' WHEN t < 95 THEN 'policy' ELSE 'filing' END AS type,
                      1 + h2 % len($company_ids) AS company, 1 + h3 % len($company_ids) AS other,
                      1 + h3 % len($agency_ids) AS agency, 1 + h4 % len($investor_ids) AS investor,
                      1 + h2 % len($place_ids) AS place,
                      CASE WHEN h5 % 5 = 0 THEN NULL ELSE (1 + h5 % 400) * 1e6 + (h6 % 1000) * 1e3 END AS amount
            FROM base
        )
        SELECT event_id, type,
               CASE WHEN type = 'policy' THEN [$place_ids[place]] ELSE [$company_ids[company]] END AS actor_ids,
               CASE WHEN type = 'policy' THEN [$place_names[place]] ELSE [$company_names[company]] END AS actor_names,
               CASE type WHEN 'contract_award' THEN [$agency_ids[agency]] WHEN 'funding_round' THEN [$investor_ids[investor]]
                         WHEN 'partnership' THEN [$agency_ids[agency]] WHEN 'acquisition' THEN [$company_ids[other]]
                         ELSE []::VARCHAR[] END AS counterparty_ids,
               CASE type WHEN 'contract_award' THEN [$agency_names[agency]]
                         WHEN 'funding_round' THEN [$investor_names[investor]]
                         WHEN 'partnership' THEN [$agency_names[agency]] WHEN 'acquisition' THEN [$company_names[other]]
                         ELSE []::VARCHAR[] END AS counterparty_names,
               CASE WHEN type IN ('contract_award', 'funding_round', 'acquisition') THEN amount END AS amount_value,
               CASE WHEN type IN ('contract_award', 'funding_round', 'acquisition') AND amount IS NOT NULL
                    THEN 'USD' END AS amount_currency,
               CASE WHEN type IN ('contract_award', 'funding_round', 'acquisition') THEN amount END AS amount_usd,
               CASE WHEN type = 'contract_award' AND amount IS NOT NULL
                        THEN ['obligation', 'ceiling', 'task_order', 'obligation'][1 + h6 % 4]
                    WHEN type = 'funding_round' AND amount IS NOT NULL THEN 'round' END AS amount_kind,
               CASE WHEN type IN ('contract_award', 'funding_round', 'acquisition') AND amount IS NOT NULL
                    THEN '$' || round(amount / 1e6, 1) || ' million' END AS amount_text,
               CASE WHEN type = 'contract_award' AND h4 % 3 <> 0 THEN $programs[1 + h4 % len($programs)] END AS program,
               CASE WHEN type = 'funding_round' THEN ['seed', 'series_a', 'series_b', 'series_c', 'grant'][1 + h4 % 5]
                    END AS stage,
               CASE WHEN type = 'mission_outcome' THEN ['success', 'success', 'failure', 'partial'][1 + h4 % 4]
                    END AS outcome,
               (recorded_at::DATE - (h3 % 10)::INTEGER) AS event_date, 'day' AS date_granularity,
               0.5 + (h6 % 50) / 100 AS confidence, recorded_at AS first_seen_at, recorded_at AS updated_at,
               list_sort(list_distinct([$segments[1 + h5 % len($segments)], $segments[1 + h6 % len($segments)]]))
                   AS segments,
               CASE WHEN type = 'filing' THEN '0001' || lpad((h2 % 1000000)::VARCHAR, 6, '0') || '-' || i END AS identity,
               1 AS source_count, NULL::TIMESTAMPTZ AS amended_at,
               i % $docs AS doc_n,
               CASE WHEN type = 'filing' THEN ['edgar.8-K', 'edgar.10-Q', 'edgar.D'][1 + h4 % 3]
                    ELSE type || '.rule' END AS pattern_id
        FROM typed
        """,
        {"prefix": prefix, "n": count, "batches": len(times), "times": times, "docs": docs,
         "company_ids": company_ids, "company_names": company_names, "agency_ids": agency_ids,
         "agency_names": agency_names, "investor_ids": investor_ids, "investor_names": investor_names,
         "place_ids": place_ids, "place_names": place_names, "programs": PROGRAMS, "segments": SEGMENTS},
    )
    con.execute(
        """
        INSERT INTO events (event_id, type, actor_ids, actor_names, counterparty_ids, counterparty_names, amount_value,
                            amount_currency, amount_usd, amount_kind, amount_text, program, stage, outcome, event_date,
                            date_granularity, confidence, first_seen_at, updated_at, segments, identity, source_count,
                            amended_at)
        SELECT event_id, type, actor_ids, actor_names, counterparty_ids, counterparty_names, amount_value,
               amount_currency, amount_usd, amount_kind, amount_text, program, stage, outcome, event_date,
               date_granularity, confidence, first_seen_at, updated_at, segments, identity, source_count, amended_at
        FROM bench_events
        """
    )
    con.execute(
        """
        INSERT INTO event_evidence (event_id, doc_id, field, sentence_start, sentence_end, sentence, pattern_id,
                                    content_hash, recorded_at)
        SELECT e.event_id, d.doc_id, 'text', 0, 96,
               coalesce(e.actor_names[1], '') || ' reported a ' || replace(e.type, '_', ' ')
                   || coalesce(' of ' || e.amount_text, '') || ' with ' || coalesce(e.counterparty_names[1], 'others') || '.',
               e.pattern_id, d.content_hash, e.first_seen_at
        FROM bench_events e JOIN bench_docs d ON d.n = e.doc_n
        """
    )
    con.execute(
        """
        INSERT INTO event_versions (event_id, recorded_at, type, actor_ids, actor_names, counterparty_ids, amount_usd,
                                    amount_kind, program, stage, outcome, event_date, segments)
        SELECT event_id, updated_at, type, actor_ids, actor_names, counterparty_ids, amount_usd, amount_kind, program,
               stage, outcome, event_date, coalesce(segments, []) FROM bench_events
        """
    )
    con.execute("DROP TABLE bench_events")
    con.execute("DROP TABLE bench_docs")
    return times


def derive_market(con: duckdb.DuckDBPyConnection, at: datetime, versions: int = 1) -> None:
    """Indicators replayed over the history (the real derivation), one real forecast version as of ``at``,
    then ``versions - 1`` copies of it (values nudged) so version history has rows; cursors at ``at``."""
    from market.forecasts import CURSOR as FORECASTS, create_version, parameters
    from market.indicators import mark_processed, update_indicators

    update_indicators(con)
    first = create_version(con, at, "events", [], parameters())
    mark_processed(con, FORECASTS, at)
    if first is None or versions <= 1:
        return
    con.execute(
        """
        INSERT INTO forecast_versions
        SELECT v.version_id + k, created_at + INTERVAL 1 MINUTE * k, reason, trigger_event_ids, inputs,
               inputs_hash || '-' || k
        FROM forecast_versions v, range(1, $n) r(k) WHERE v.version_id = $first
        """,
        {"n": versions, "first": first},
    )
    con.execute(
        """
        INSERT INTO forecast_values
        SELECT v.version_id + k, year, scenario, segment_dim, segment, value_usd * (1 + k / 1000)
        FROM forecast_values v, range(1, $n) r(k) WHERE v.version_id = $first
        """,
        {"n": versions, "first": first},
    )
    con.execute(
        """
        INSERT INTO forecast_attribution
        SELECT a.version_id + k, event_id, scenario, year, delta_usd FROM forecast_attribution a, range(1, $n) r(k)
        WHERE a.version_id = $first
        """,
        {"n": versions, "first": first},
    )
