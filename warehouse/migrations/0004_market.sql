-- 0004: the market model's tables. Event versions are the append-only history the derived
-- tables are rebuilt from; indicators and forecasts are bitemporal (valid time + recorded time).

-- Every state an event has had: a new event, or a report that changed it (a party, a segment,
-- a missing amount, a correction). recorded_at is when the warehouse learned that state.
CREATE TABLE event_versions (
    event_id          VARCHAR NOT NULL,
    recorded_at       TIMESTAMPTZ NOT NULL,
    type              VARCHAR NOT NULL,
    actor_ids         VARCHAR[] NOT NULL,
    actor_names       VARCHAR[] NOT NULL,
    counterparty_ids  VARCHAR[] NOT NULL,
    amount_usd        DOUBLE,
    amount_kind       VARCHAR,
    program           VARCHAR,
    stage             VARCHAR,
    outcome           VARCHAR,
    event_date        DATE,
    segments          VARCHAR[] NOT NULL,
    PRIMARY KEY (event_id, recorded_at)
);
INSERT INTO event_versions
SELECT event_id, updated_at, type, actor_ids, actor_names, counterparty_ids, amount_usd, amount_kind, program,
       stage, outcome, event_date, coalesce(segments, []) FROM events;

-- Daily driver series. One row per change: the value a (indicator, dimension, key, amount kind,
-- day) took from recorded_at on; NULL when it stopped existing. The state as known at any time
-- is the latest row per key recorded at or before it (macro indicators_as_of).
CREATE TABLE indicator_values (
    indicator    VARCHAR NOT NULL,
    dimension    VARCHAR NOT NULL,   -- total | program | agency | segment | stage | operator | form | jurisdiction
    key          VARCHAR NOT NULL,   -- 'total', or the program, agency id, segment ...
    amount_kind  VARCHAR NOT NULL,   -- obligation | task_order | grant | ceiling | round | '' (counts)
    valid_date   DATE NOT NULL,      -- valid time: the day the events happened
    value        DOUBLE,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (indicator, dimension, key, amount_kind, valid_date, recorded_at)
);

-- External reference series (the rare-earth demand driver), loaded from a cited CSV.
CREATE TABLE reference_values (
    series       VARCHAR NOT NULL,
    valid_date   DATE NOT NULL,
    value        DOUBLE NOT NULL,
    unit         VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (series, valid_date, recorded_at)
);

-- How far each derivation has read the event history (a catch-up cursor).
CREATE TABLE derivation_state (
    name             VARCHAR PRIMARY KEY,
    processed_until  TIMESTAMPTZ
);

CREATE TABLE forecast_versions (
    version_id         INTEGER PRIMARY KEY,
    created_at         TIMESTAMPTZ NOT NULL,   -- recorded time of what triggered it
    reason             VARCHAR NOT NULL,       -- events | manual | parameters
    trigger_event_ids  VARCHAR[] NOT NULL,
    inputs             JSON NOT NULL,          -- drivers, backlog, parameters: everything the numbers came from
    inputs_hash        VARCHAR NOT NULL
);

CREATE TABLE forecast_values (
    version_id   INTEGER NOT NULL,
    year         INTEGER NOT NULL,
    scenario     VARCHAR NOT NULL,   -- history | baseline | optimistic | pessimistic
    segment_dim  VARCHAR NOT NULL,   -- total | body | resource | mission | ...
    segment      VARCHAR NOT NULL,   -- total, or the segment
    value_usd    DOUBLE NOT NULL,
    PRIMARY KEY (version_id, year, scenario, segment_dim, segment)
);

-- How much each triggering event (event_id) or everything else that changed (NULL) moved the
-- total market, per scenario and year, against the previous version.
CREATE TABLE forecast_attribution (
    version_id  INTEGER NOT NULL,
    event_id    VARCHAR,
    scenario    VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    delta_usd   DOUBLE NOT NULL
);
