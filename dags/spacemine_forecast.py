"""Re-forecast the market when a new contract award (or a large round) lands, or on demand.

Scheduled on the contract-award Asset the ingest DAGs emit. Triggered by hand (with the
parameters below), it also forecasts as of now, which picks up edited model parameters.
"""

from __future__ import annotations

from airflow.sdk import Param, dag, get_current_context, task

from spacemine.airflow_support import CONTRACT_AWARD_EVENTS, DEFAULT_ARGS, FORECASTS, START_DATE


@dag(
    dag_id="reforecast",
    schedule=CONTRACT_AWARD_EVENTS,
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["spacemine", "market", "forecast"],
    doc_md=__doc__,
    params={
        "forecast_now": Param(False, type="boolean", description="also forecast as of now (a manual version)"),
        "reason": Param("manual", type="string", description="why, for the forecast history"),
        "rebuild": Param(False, type="boolean", description="replay the whole event history from scratch"),
    },
)
def reforecast():
    @task(outlets=[FORECASTS])
    def update_market() -> dict:
        from spacemine.pipeline import market_step
        from spacemine.settings import load_settings

        params = get_current_context()["params"]
        return market_step(load_settings(), manual=bool(params["forecast_now"]), reason=str(params["reason"]),
                           rebuild=bool(params["rebuild"]))

    update_market()


reforecast()
