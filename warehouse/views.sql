-- Analyst views and as-of macros (recreated whenever this file changes; they hold no data).

-- Contract awards with their amount kind, buyer and first source.
CREATE OR REPLACE VIEW contract_awards AS
SELECT e.event_id, e.event_date, e.actor_names AS recipients, e.counterparty_names AS buyers, e.amount_usd,
       e.amount_kind, e.amount_value, e.amount_currency, e.program, e.segments, e.source_count,
       (SELECT any_value(d.url) FROM event_evidence v JOIN documents d USING (doc_id) WHERE v.event_id = e.event_id) AS url
FROM events e WHERE e.type = 'contract_award';

CREATE OR REPLACE VIEW funding_rounds AS
SELECT e.event_id, e.event_date, e.actor_names AS raisers, e.counterparty_names AS investors, e.amount_usd,
       e.amount_value, e.amount_currency, e.stage, e.segments, e.source_count,
       (SELECT any_value(d.url) FROM event_evidence v JOIN documents d USING (doc_id) WHERE v.event_id = e.event_id) AS url
FROM events e WHERE e.type = 'funding_round';

CREATE OR REPLACE VIEW filings AS
SELECT e.event_id, e.event_date, e.actor_names AS filers, e.identity AS accession,
       (SELECT any_value(regexp_extract(v.pattern_id, '^edgar\.(.+)$', 1)) FROM event_evidence v
        WHERE v.event_id = e.event_id) AS form,
       (SELECT any_value(d.url) FROM event_evidence v JOIN documents d USING (doc_id) WHERE v.event_id = e.event_id) AS url
FROM events e WHERE e.type = 'filing';

-- Indicator series as known at a recorded time (valid time: valid_date).
CREATE OR REPLACE MACRO indicators_as_of(ts) AS TABLE
SELECT indicator, dimension, key, amount_kind, valid_date, value
FROM indicator_values WHERE recorded_at <= ts
QUALIFY row_number() OVER (PARTITION BY indicator, dimension, key, amount_kind, valid_date ORDER BY recorded_at DESC) = 1
    AND value IS NOT NULL;

-- Every series now: the last day with a value, trailing twelve months, year to date, all time.
CREATE OR REPLACE VIEW latest_indicators AS
WITH s AS (SELECT * FROM indicators_as_of(TIMESTAMPTZ '9999-12-31 00:00:00+00'))
SELECT indicator, dimension, key, amount_kind, max(valid_date) AS last_date,
       sum(value) FILTER (WHERE valid_date > current_date - INTERVAL 365 DAY) AS trailing_12m,
       sum(value) FILTER (WHERE year(valid_date) = year(current_date)) AS year_to_date,
       sum(value) AS all_time
FROM s GROUP BY ALL;

-- Mission success rate and launch cadence per year.
CREATE OR REPLACE VIEW mission_stats AS
WITH s AS (SELECT * FROM indicators_as_of(TIMESTAMPTZ '9999-12-31 00:00:00+00') WHERE dimension = 'total')
SELECT year(valid_date) AS year,
       sum(value) FILTER (WHERE indicator = 'mission_attempts') AS attempts,
       sum(value) FILTER (WHERE indicator = 'mission_successes') AS successes,
       sum(value) FILTER (WHERE indicator = 'mission_successes') / sum(value) FILTER (WHERE indicator = 'mission_attempts')
           AS success_rate
FROM s WHERE indicator LIKE 'mission_%' GROUP BY 1 ORDER BY 1;

-- Market size of the forecast version current at a recorded time, plus the history rows.
CREATE OR REPLACE MACRO market_size_as_of(ts) AS TABLE
SELECT v.version_id, fv.created_at, v.year, v.scenario, v.segment_dim, v.segment, v.value_usd
FROM forecast_values v JOIN forecast_versions fv USING (version_id)
WHERE v.version_id = (SELECT max(version_id) FROM forecast_versions WHERE created_at <= ts);

CREATE OR REPLACE VIEW market_size AS
SELECT year, scenario, segment_dim, segment, value_usd, version_id, created_at
FROM market_size_as_of(TIMESTAMPTZ '9999-12-31 00:00:00+00');

-- Every forecast version: why it was made, and the 2030 baseline it gave.
CREATE OR REPLACE VIEW forecast_history AS
SELECT fv.version_id, fv.created_at, fv.reason, fv.trigger_event_ids,
       (SELECT value_usd FROM forecast_values x WHERE x.version_id = fv.version_id AND x.year = 2030
          AND x.scenario = 'baseline' AND x.segment_dim = 'total') AS baseline_2030_usd,
       (SELECT value_usd FROM forecast_values x WHERE x.version_id = fv.version_id AND x.year = 2035
          AND x.scenario = 'baseline' AND x.segment_dim = 'total') AS baseline_2035_usd
FROM forecast_versions fv ORDER BY fv.version_id;

-- What moved each version: per triggering event (or NULL: everything else), scenario and year.
CREATE OR REPLACE VIEW forecast_attribution_detail AS
SELECT a.version_id, fv.created_at, a.event_id, e.type, e.actor_names, e.amount_usd, a.scenario, a.year, a.delta_usd
FROM forecast_attribution a JOIN forecast_versions fv USING (version_id) LEFT JOIN events e USING (event_id);

-- The report's company comparison, where events allow it.
CREATE OR REPLACE VIEW company_scorecard AS
WITH roles AS (
    SELECT unnest(actor_ids) AS org_id, * FROM events
),
scored AS (
    SELECT org_id,
           arg_max(stage, event_date) FILTER (WHERE type = 'funding_round' AND stage IS NOT NULL) AS stage,
           sum(amount_usd) FILTER (WHERE type = 'funding_round') AS funds_raised_usd,
           count(*) FILTER (WHERE type = 'funding_round') AS rounds,
           sum(amount_usd) FILTER (WHERE type = 'contract_award' AND coalesce(amount_kind, '') <> 'ceiling')
               AS contracted_usd,
           sum(amount_usd) FILTER (WHERE type = 'contract_award' AND amount_kind = 'ceiling') AS ceilings_usd,
           count(*) FILTER (WHERE type = 'contract_award') AS awards,
           count(*) FILTER (WHERE type = 'mission_outcome') AS missions,
           count(*) FILTER (WHERE type = 'mission_outcome' AND outcome = 'success') AS mission_successes,
           count(*) FILTER (WHERE type = 'partnership') AS partnerships,
           count(*) FILTER (WHERE type = 'mission_outcome' AND event_date > current_date - INTERVAL 365 DAY)
               AS missions_last_12m,
           max(event_date) AS last_event_date
    FROM roles GROUP BY org_id
)
SELECT s.org_id, o.name, o.kind, s.stage, s.funds_raised_usd, s.rounds, s.contracted_usd, s.ceilings_usd, s.awards,
       s.missions, s.mission_successes,
       CASE WHEN s.missions > 0 THEN s.mission_successes / s.missions END AS mission_success_rate,
       s.partnerships, s.missions_last_12m AS launch_cadence_12m, s.last_event_date,
       date_diff('day', s.last_event_date, current_date) AS days_since_last_event
FROM scored s LEFT JOIN orgs o USING (org_id)
WHERE coalesce(o.kind, 'company') IN ('company', 'university');
