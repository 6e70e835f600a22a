"""Build the daily digest of new events and source health, and deliver it once."""

from __future__ import annotations

from airflow.sdk import dag, get_current_context, task

from spacemine.airflow_support import DEFAULT_ARGS, START_DATE, digest_date_from_context


@dag(
    dag_id="daily_digest",
    schedule="0 7 * * *",
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["spacemine", "digest", "slack"],
    doc_md=__doc__,
)
def daily_digest():
    @task
    def build_and_deliver() -> dict:
        from spacemine.pipeline import digest_step
        from spacemine.settings import load_settings

        digest = digest_step(load_settings(), digest_date_from_context(get_current_context()))
        return {"date": str(digest.digest_date), "events": digest.event_count, "status": digest.status}

    build_and_deliver()


daily_digest()
