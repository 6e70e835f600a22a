"""What the DAG files share: the Asset they exchange, the writers' pool, default task args.

Kept apart from the pipeline so that parsing a DAG file imports nothing heavy (no spaCy, no
DuckDB); the tasks import :mod:`spacemine.pipeline` when they run.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any, Mapping

from airflow.sdk import Asset

# Emitted by each ingest DAG when it loaded at least one new or changed event. The awards
# Asset is the "new contract event" signal later re-forecasts are scheduled on.
NEWS_EVENTS = Asset("spacemine://warehouse/events/news")
AWARD_EVENTS = Asset("spacemine://warehouse/events/awards")
FILING_EVENTS = Asset("spacemine://warehouse/events/filings")
FUNDING_EVENTS = Asset("spacemine://warehouse/events/funding")
EVENT_ASSETS = {"news": NEWS_EVENTS, "awards": AWARD_EVENTS, "filings": FILING_EVENTS, "funding": FUNDING_EVENTS}
ANY_NEW_EVENTS = NEWS_EVENTS | AWARD_EVENTS | FILING_EVENTS | FUNDING_EVENTS
# Emitted by any ingest DAG that loaded a new or changed contract award (or a funding round over
# the model's trigger size): the re-forecast DAG is scheduled on it.
CONTRACT_AWARD_EVENTS = Asset("spacemine://warehouse/events/contract_award")
# Emitted when the re-forecast DAG stored a new forecast version.
FORECASTS = Asset("spacemine://warehouse/forecasts")
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


def ingest_dag(family: str, schedule: str, doc: str):  # noqa: ANN201 - returns an Airflow DAG
    """The ingest DAG of one source family: collect -> extract -> announce new events.

    ``announce`` emits the family's Asset only when the extraction added or changed events
    (a short-circuit skips it otherwise), so downstream DAGs run only when there is news.
    """
    from airflow.sdk import dag, task

    @dag(
        dag_id=f"ingest_{family}",
        schedule=schedule,
        start_date=START_DATE,
        catchup=False,
        max_active_runs=1,
        default_args=DEFAULT_ARGS,
        tags=["spacemine", "ingest", family],
        doc_md=doc,
    )
    def ingest_family():
        @task
        def collect_and_load() -> dict:
            from spacemine.pipeline import ingest
            from spacemine.settings import load_settings

            return ingest(load_settings(), [family]).as_dict()

        @task
        def extract(_: dict) -> dict:
            from spacemine.pipeline import extract_events
            from spacemine.settings import load_settings

            return extract_events(load_settings()).as_dict()

        @task.short_circuit
        def has_new_events(report: dict) -> bool:
            return report["new_events"] + report["updated_events"] > 0

        @task(outlets=[EVENT_ASSETS[family]])
        def announce(report: dict) -> dict:
            return report

        @task.short_circuit
        def has_forecast_triggers(report: dict) -> bool:
            return report.get("forecast_triggers", 0) > 0

        @task(outlets=[CONTRACT_AWARD_EVENTS])
        def announce_contract_awards(report: dict) -> dict:
            return report

        report = extract(collect_and_load())
        has_new_events(report) >> announce(report)
        has_forecast_triggers(report) >> announce_contract_awards(report)

    return ingest_family()
