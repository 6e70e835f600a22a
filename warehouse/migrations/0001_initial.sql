-- 0001: documents, events with evidence, organisations, source state, alert outbox, digests.
-- Raw tables (raw_fetches, document_versions, event_evidence) are append-only; the rest are
-- current-state tables kept by upserts on natural keys, so re-running a step changes nothing.

CREATE TABLE raw_fetches (
    fetch_id      VARCHAR PRIMARY KEY,       -- source id + body hash: one row per distinct body
    source_id     VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    fetched_at    TIMESTAMPTZ NOT NULL,
    status        INTEGER NOT NULL,
    headers       JSON,
    body          BLOB NOT NULL,
    body_sha256   VARCHAR NOT NULL
);

CREATE TABLE documents (
    doc_id          VARCHAR PRIMARY KEY,     -- stable: source id + external id (guid, then link)
    source_id       VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,        -- news | release | award | filing | form_d
    external_id     VARCHAR NOT NULL,
    url             VARCHAR,
    title           VARCHAR,
    published_at    TIMESTAMPTZ,             -- valid time
    fetched_at      TIMESTAMPTZ NOT NULL,
    first_seen_at   TIMESTAMPTZ NOT NULL,    -- recorded time of the first version
    updated_at      TIMESTAMPTZ NOT NULL,    -- recorded time of the current version
    text            VARCHAR,
    payload         JSON,                    -- the source's structured item, as parsed
    raw_fetch_id    VARCHAR,
    content_hash    VARCHAR NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    extracted_hash  VARCHAR                  -- content_hash the NLP last ran on
);

CREATE TABLE document_versions (
    doc_id        VARCHAR NOT NULL,
    content_hash  VARCHAR NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    title         VARCHAR,
    text          VARCHAR,
    payload       JSON,
    PRIMARY KEY (doc_id, content_hash)
);

CREATE TABLE orgs (
    org_id         VARCHAR PRIMARY KEY,
    name           VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,          -- company | agency | investor | university | jurisdiction
    country        VARCHAR,
    origin         VARCHAR NOT NULL,          -- gazetteer | discovered
    review_status  VARCHAR NOT NULL DEFAULT 'accepted'
);

CREATE TABLE org_aliases (
    org_id  VARCHAR NOT NULL,
    alias   VARCHAR NOT NULL,
    PRIMARY KEY (org_id, alias)
);

CREATE TABLE events (
    event_id            VARCHAR PRIMARY KEY,
    type                VARCHAR NOT NULL,
    actor_ids           VARCHAR[] NOT NULL,
    actor_names         VARCHAR[] NOT NULL,
    counterparty_ids    VARCHAR[] NOT NULL,
    counterparty_names  VARCHAR[] NOT NULL,
    amount_value        DOUBLE,
    amount_currency     VARCHAR,
    amount_usd          DOUBLE,
    amount_kind         VARCHAR,
    amount_text         VARCHAR,
    program             VARCHAR,
    stage               VARCHAR,
    outcome             VARCHAR,
    event_date          DATE,                -- valid time
    date_granularity    VARCHAR,
    confidence          DOUBLE NOT NULL,
    first_seen_at       TIMESTAMPTZ NOT NULL,  -- recorded time
    updated_at          TIMESTAMPTZ NOT NULL
);

CREATE TABLE event_evidence (
    event_id        VARCHAR NOT NULL,
    doc_id          VARCHAR NOT NULL,
    field           VARCHAR NOT NULL,        -- title | text
    sentence_start  INTEGER NOT NULL,        -- character offsets into documents.<field>
    sentence_end    INTEGER NOT NULL,
    sentence        VARCHAR NOT NULL,
    pattern_id      VARCHAR NOT NULL,
    content_hash    VARCHAR NOT NULL,        -- the document version the sentence is from
    recorded_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_id, doc_id, field, sentence_start, pattern_id, content_hash)
);

CREATE TABLE source_state (
    source_id             VARCHAR PRIMARY KEY,
    kind                  VARCHAR NOT NULL,
    url                   VARCHAR NOT NULL,
    etag                  VARCHAR,
    last_modified         VARCHAR,
    last_attempt_at       TIMESTAMPTZ,
    last_success_at       TIMESTAMPTZ,
    last_status           INTEGER,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    last_error            VARCHAR,
    last_error_at         TIMESTAMPTZ,
    items_last_fetch      INTEGER
);

CREATE TABLE alert_outbox (
    alert_id         VARCHAR PRIMARY KEY,     -- deterministic: rule id + event id
    rule_id          VARCHAR NOT NULL,
    event_id         VARCHAR NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    severity         VARCHAR,
    text             VARCHAR NOT NULL,        -- plain-text fallback, already escaped for Slack
    blocks           JSON,
    status           VARCHAR NOT NULL,        -- pending | delivered | failed
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_attempt_at  TIMESTAMPTZ,
    delivered_at     TIMESTAMPTZ,
    delivered_to     VARCHAR,                 -- slack:<channel> | console
    delivery_ref     VARCHAR,                 -- Slack message ts or the file written
    last_error       VARCHAR
);

CREATE TABLE digests (
    digest_date   DATE PRIMARY KEY,
    period_start  TIMESTAMPTZ,                -- recorded-time window of the events it covers
    period_end    TIMESTAMPTZ NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    event_count   INTEGER NOT NULL,
    markdown      VARCHAR NOT NULL,
    text          VARCHAR NOT NULL,
    blocks        JSON,
    status        VARCHAR NOT NULL,           -- pending | delivered | failed
    attempts      INTEGER NOT NULL DEFAULT 0,
    delivered_at  TIMESTAMPTZ,
    delivered_to  VARCHAR,
    delivery_ref  VARCHAR,
    last_error    VARCHAR
);
