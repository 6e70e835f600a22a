"""Queue alerts for new events (any ingest DAG's Asset) and deliver them to Slack, once each."""

from __future__ import annotations

from airflow.sdk import dag, task

from spacemine.airflow_support import ANY_NEW_EVENTS, DEFAULT_ARGS, START_DATE


@dag(
    dag_id="alerts",
    schedule=ANY_NEW_EVENTS,
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["spacemine", "alerts", "slack"],
    doc_md=__doc__,
)
def alerts():
    @task
    def queue() -> int:
        from spacemine.pipeline import queue_alerts_step
        from spacemine.settings import load_settings

        return len(queue_alerts_step(load_settings()))

    @task
    def deliver(_: int) -> dict:
        from spacemine.pipeline import deliver_alerts_step
        from spacemine.settings import load_settings

        return deliver_alerts_step(load_settings())

    deliver(queue())


alerts()
