"""What the DAG files share: the Asset they exchange, the writers' pool, default task args.

Kept apart from the pipeline so that parsing a DAG file imports nothing heavy (no spaCy, no
DuckDB); the tasks import :mod:`spacemine.pipeline` when they run.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any, Mapping

from airflow.sdk import Asset

# Emitted by an ingest DAG when it loaded at least one new or changed event.
NEWS_EVENTS = Asset("spacemine://warehouse/events/news")
# Every task that writes the DuckDB warehouse runs in this pool: DuckDB has one writer.
WAREHOUSE_POOL = "spacemine_warehouse"

DEFAULT_ARGS: dict[str, Any] = {
    "owner": "spacemine",
    "retries": 2,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "pool": WAREHOUSE_POOL,
}
START_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def digest_date_from_context(context: Mapping[str, Any]) -> date:
    """The digest covers the run's data interval end (the day the digest goes out)."""
    for key in ("data_interval_end", "logical_date"):
        value = context.get(key)
        if value is not None:
            return value.date()
    return datetime.now(timezone.utc).date()
