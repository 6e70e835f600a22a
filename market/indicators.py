"""Driver indicators as daily, bitemporal series, derived from the event history.

Valid time is the day events happened (``valid_date``); recorded time is when the warehouse
learned the state that produced a value (``recorded_at``, the time of the event versions). The
state of every series at a recorded time ``t`` is a pure function of the event versions recorded
at or before ``t``, so the series are derived by replaying the history: for each recorded time
not yet processed, compute the state, and store only what changed (a new value, or NULL when a
series point disappears). A rebuild from scratch replays the same history and writes the same
rows as the incremental updates did.

Amount kinds stay apart: a ceiling is never summed with an obligation (``amount_kind`` is part
of every money series' key).
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb

from warehouse.db import scalar

CURSOR = "indicators"
KEY = "indicator, dimension, key, amount_kind, valid_date"

# Events as they stood at $t: the latest version of each, recorded at or before $t.
_EVENTS_AT = """
    SELECT * FROM event_versions WHERE recorded_at <= $t
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY recorded_at DESC) = 1
"""
# Every series, as (indicator, dimension, key, amount_kind, valid_date, value).
_STATE = f"""
WITH ev AS ({_EVENTS_AT}),
awards AS (SELECT * FROM ev WHERE type = 'contract_award' AND event_date IS NOT NULL),
rounds AS (SELECT * FROM ev WHERE type = 'funding_round' AND event_date IS NOT NULL),
missions AS (SELECT * FROM ev WHERE type = 'mission_outcome' AND event_date IS NOT NULL),
money AS (
    SELECT 'contract_value_usd' AS indicator, coalesce(amount_kind, 'stated') AS amount_kind, * EXCLUDE (amount_kind)
    FROM awards WHERE amount_usd IS NOT NULL
    UNION ALL
    SELECT 'funding_usd', 'round', * EXCLUDE (amount_kind) FROM rounds WHERE amount_usd IS NOT NULL
),
counts AS (
    SELECT 'contract_awards' AS indicator, * FROM awards
    UNION ALL SELECT 'funding_rounds', * FROM rounds
    UNION ALL SELECT 'mission_attempts', * FROM missions
    UNION ALL SELECT 'mission_successes', * FROM missions WHERE outcome = 'success'
    UNION ALL SELECT 'mission_failures', * FROM missions WHERE outcome = 'failure'
    UNION ALL SELECT 'mission_partials', * FROM missions WHERE outcome = 'partial'
    UNION ALL SELECT 'policy_events', * FROM ev WHERE type = 'policy' AND event_date IS NOT NULL
    UNION ALL SELECT 'partnerships', * FROM ev WHERE type = 'partnership' AND event_date IS NOT NULL
    UNION ALL SELECT 'acquisitions', * FROM ev WHERE type = 'acquisition' AND event_date IS NOT NULL
    UNION ALL SELECT 'filings', * FROM ev WHERE type = 'filing' AND event_date IS NOT NULL
),
filing_forms AS (
    SELECT c.event_date, coalesce(any_value(regexp_extract(v.pattern_id, '^edgar\\.(.+)$', 1)), 'filing') AS form
    FROM counts c LEFT JOIN event_evidence v USING (event_id)
    WHERE c.indicator = 'filings' GROUP BY c.event_id, c.event_date
)
SELECT indicator, 'total' AS dimension, 'total' AS key, amount_kind, event_date AS valid_date, sum(amount_usd) AS value
FROM money GROUP BY ALL
UNION ALL
SELECT indicator, 'program', program, amount_kind, event_date, sum(amount_usd) FROM money
WHERE program IS NOT NULL GROUP BY ALL
UNION ALL
SELECT indicator, 'agency', agency, amount_kind, event_date, sum(amount_usd)
FROM (SELECT *, unnest(counterparty_ids) AS agency FROM money WHERE indicator = 'contract_value_usd') GROUP BY ALL
UNION ALL
SELECT indicator, 'segment', segment, amount_kind, event_date, sum(amount_usd)
FROM (SELECT *, unnest(segments) AS segment FROM money) GROUP BY ALL
UNION ALL
SELECT indicator, 'stage', coalesce(stage, 'undisclosed'), amount_kind, event_date, sum(amount_usd) FROM money
WHERE indicator = 'funding_usd' GROUP BY ALL
UNION ALL
SELECT indicator, 'total', 'total', '', event_date, count(*) FROM counts GROUP BY ALL
UNION ALL
SELECT indicator, 'stage', coalesce(stage, 'undisclosed'), '', event_date, count(*) FROM counts
WHERE indicator = 'funding_rounds' GROUP BY ALL
UNION ALL
SELECT indicator, 'operator', operator, '', event_date, count(*)
FROM (SELECT *, unnest(actor_ids) AS operator FROM counts WHERE indicator LIKE 'mission_%') GROUP BY ALL
UNION ALL
SELECT indicator, 'jurisdiction', jurisdiction, '', event_date, count(*)
FROM (SELECT *, unnest(actor_ids) AS jurisdiction FROM counts WHERE indicator = 'policy_events') GROUP BY ALL
UNION ALL
SELECT 'filings', 'form', form, '', event_date, count(*) FROM filing_forms GROUP BY ALL
"""


@dataclass(frozen=True)
class IndicatorUpdate:
    recorded_times: int   # event-history times processed
    changed_rows: int     # indicator rows written (new values and retractions)


def pending_times(con: duckdb.DuckDBPyConnection, cursor: str) -> list[datetime]:
    """Recorded times of event versions that a derivation has not processed yet, oldest first."""
    until = scalar(con, "SELECT processed_until FROM derivation_state WHERE name = ?", [cursor])
    rows = con.execute(
        "SELECT DISTINCT recorded_at FROM event_versions WHERE $until IS NULL OR recorded_at > $until ORDER BY 1",
        {"until": until},
    ).fetchall()
    return [row[0] for row in rows]


def mark_processed(con: duckdb.DuckDBPyConnection, cursor: str, until: datetime) -> None:
    con.execute(
        "INSERT INTO derivation_state VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET processed_until = excluded.processed_until",
        [cursor, until],
    )


def update_indicators(con: duckdb.DuckDBPyConnection) -> IndicatorUpdate:
    """Bring the indicator series up to the latest event version (idempotent; catches up)."""
    times = pending_times(con, CURSOR)
    changed = 0
    for recorded_at in times:
        changed += _apply_state(con, recorded_at)
        mark_processed(con, CURSOR, recorded_at)
    return IndicatorUpdate(len(times), changed)


def rebuild_indicators(con: duckdb.DuckDBPyConnection) -> IndicatorUpdate:
    """Forget the derived series and replay the whole event history (same rows as incremental)."""
    con.execute("DELETE FROM indicator_values")
    con.execute("DELETE FROM derivation_state WHERE name = ?", [CURSOR])
    return update_indicators(con)


def _apply_state(con: duckdb.DuckDBPyConnection, recorded_at: datetime) -> int:
    """Store the differences between the state at ``recorded_at`` and what is stored."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE new_state AS {_STATE}", {"t": recorded_at})
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE current_state AS
        SELECT {KEY}, value FROM indicator_values
        QUALIFY row_number() OVER (PARTITION BY {KEY} ORDER BY recorded_at DESC) = 1
        """
    )
    before = scalar(con, "SELECT count(*) FROM indicator_values")
    con.execute(
        f"""
        INSERT INTO indicator_values
        SELECT n.indicator, n.dimension, n.key, n.amount_kind, n.valid_date, n.value, $t
        FROM new_state n LEFT JOIN current_state c USING ({KEY})
        WHERE c.value IS DISTINCT FROM n.value
        UNION ALL
        SELECT c.indicator, c.dimension, c.key, c.amount_kind, c.valid_date, NULL, $t
        FROM current_state c ANTI JOIN new_state n USING ({KEY})
        WHERE c.value IS NOT NULL
        """,
        {"t": recorded_at},
    )
    con.execute("DROP TABLE new_state")
    con.execute("DROP TABLE current_state")
    return scalar(con, "SELECT count(*) FROM indicator_values") - before


# Reference series ---------------------------------------------------------------------------
def reference_csv() -> Path:
    return Path(str(resources.files("market").joinpath("data", "rare_earth_demand.csv")))


def load_reference_series(con: duckdb.DuckDBPyConnection, path: Path | None = None,
                          series: str = "rare_earth_mine_production", now: datetime | None = None) -> int:
    """Load the cited reference CSV; a changed file records its new values at ``now``.

    Lines starting with ``#`` are the citation and notes; the source line is kept with every
    value so an analyst sees where each number came from.
    """
    path = path or reference_csv()
    text = path.read_text(encoding="utf-8")
    notes = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    source = " ".join(n for n in notes if n.lower().startswith(("source", "http"))) or str(path.name)
    rows = [r for r in csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))]
    values = []
    for number, row in enumerate(rows, 2):
        try:
            values.append((date(int(row["year"]), 12, 31), float(row["value"]), row.get("unit") or ""))
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"{path}: data row {number}: needs year,value[,unit] with numbers, got {row}") from None
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    recorded = now or datetime.now(timezone.utc)
    current = dict(con.execute(
        """SELECT valid_date, value FROM reference_values WHERE series = ?
           QUALIFY row_number() OVER (PARTITION BY valid_date ORDER BY recorded_at DESC) = 1""", [series]).fetchall())
    changed = [(series, day, value, unit, f"{source} [file {digest}]", recorded)
               for day, value, unit in values if current.get(day) != value]
    if changed:
        con.executemany("INSERT INTO reference_values VALUES (?, ?, ?, ?, ?, ?)", changed)
    return len(changed)
