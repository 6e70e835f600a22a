"""Ingest news feeds, extract events, and announce new events as an Asset."""

from __future__ import annotations

from airflow.sdk import dag, task

from spacemine.airflow_support import DEFAULT_ARGS, NEWS_EVENTS, START_DATE


@dag(
    dag_id="ingest_news",
    schedule="@hourly",
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["spacemine", "ingest", "news"],
    doc_md=__doc__,
)
def ingest_news():
    @task
    def fetch_and_load() -> dict:
        from spacemine.pipeline import ingest_news as step
        from spacemine.settings import load_settings

        return step(load_settings()).as_dict()

    @task
    def extract(_: dict) -> dict:
        from spacemine.pipeline import extract_events
        from spacemine.settings import load_settings

        return extract_events(load_settings()).as_dict()

    @task.short_circuit
    def has_new_events(report: dict) -> bool:
        return report["new_events"] + report["updated_events"] > 0

    @task(outlets=[NEWS_EVENTS])
    def announce(report: dict) -> dict:
        return report

    report = extract(fetch_and_load())
    has_new_events(report) >> announce(report)


ingest_news()
