"""The Airflow DAGs: integrity (imports, tags, retries, pool) and real runs with dag.test().

conftest.py points AIRFLOW_HOME at a temporary directory with SQLite metadata before Airflow
is imported; the DAGs run in-process against the loopback feeds and the fake Slack.
"""

from __future__ import annotations

import pytest

from spacemine.airflow_support import CONTRACT_AWARD_EVENTS, EVENT_ASSETS, NEWS_EVENTS, WAREHOUSE_POOL
from tests.conftest import PROJECT, REPLAY_ALERTS
from warehouse.db import Warehouse, scalar

DAG_IDS = {"ingest_news", "ingest_awards", "ingest_filings", "ingest_funding", "alerts", "daily_digest", "reforecast"}
FAMILIES = ("news", "awards", "filings", "funding")


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag
    from airflow.utils import db

    db.initdb()
    return DagBag(dag_folder=str(PROJECT / "dags"), known_pools={"default_pool", WAREHOUSE_POOL})


def test_dag_files_import_cleanly(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == DAG_IDS
    assert not [w for w in dagbag.dag_warnings], "every pool a task uses must be known"


@pytest.mark.parametrize("dag_id", sorted(DAG_IDS))
def test_every_task_retries_and_writes_through_the_shared_pool(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert "spacemine" in dag.tags
    assert dag.catchup is False
    for task in dag.tasks:
        assert task.retries >= 1, task.task_id
        assert task.pool == WAREHOUSE_POOL, task.task_id


def test_schedules_wire_every_ingest_to_alerts_through_its_asset(dagbag):
    alert_inputs = {asset.uri for asset in dagbag.dags["alerts"].schedule.objects}
    for family in FAMILIES:
        announce = dagbag.dags[f"ingest_{family}"].task_dict["announce"]
        assert [a.uri for a in announce.outlets] == [EVENT_ASSETS[family].uri]
    assert alert_inputs == {a.uri for a in EVENT_ASSETS.values()}, "alerts run after any family's new events"
    for family in FAMILIES:
        announce = dagbag.dags[f"ingest_{family}"].task_dict["announce_contract_awards"]
        assert [a.uri for a in announce.outlets] == [CONTRACT_AWARD_EVENTS.uri]
    assert dagbag.dags["reforecast"].schedule.uri == CONTRACT_AWARD_EVENTS.uri
    assert dagbag.dags["daily_digest"].schedule == "0 7 * * *"


def _states(run) -> dict[str, str]:
    return {ti.task_id: str(ti.state) for ti in run.get_task_instances()}


def _asset_events(run_id: str) -> int:
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session

    with create_session() as session:
        return (
            session.query(AssetEvent)
            .join(AssetModel, AssetEvent.asset_id == AssetModel.id)
            .filter(AssetModel.uri == NEWS_EVENTS.uri, AssetEvent.source_run_id == run_id)
            .count()
        )


def test_the_three_dags_run_end_to_end_and_announce_only_new_events(dagbag, demo_server, slack_api, make_settings):
    server, manifest = demo_server
    settings = make_settings(feeds={f["id"]: server.url(f["path"]) for f in manifest}, slack=slack_api,
                             alerts=REPLAY_ALERTS)

    first = dagbag.dags["ingest_news"].test()
    assert str(first.state) == "success"
    assert _states(first)["announce"] == "success"
    assert _asset_events(first.run_id) == 1

    alerts_run = dagbag.dags["alerts"].test()
    assert str(alerts_run.state) == "success"
    with Warehouse.from_settings(settings).read() as con:
        delivered = scalar(con, "SELECT count(*) FROM alert_outbox WHERE status = 'delivered'")
        events = scalar(con, "SELECT count(*) FROM events")
    assert events > 0 and delivered == len(slack_api.posts) > 0

    digest_run = dagbag.dags["daily_digest"].test()
    assert str(digest_run.state) == "success"
    assert len(slack_api.posts) == delivered + 1

    second = dagbag.dags["ingest_news"].test()
    assert str(second.state) == "success"
    assert _states(second)["announce"] == "skipped", "nothing new: no Asset event"
    assert _asset_events(second.run_id) == 0
    dagbag.dags["alerts"].test()
    assert len(slack_api.posts) == delivered + 1, "a rerun posts nothing twice"


@pytest.mark.parametrize("family, kind", [("awards", "award"), ("filings", "filing"), ("funding", "form_d")])
def test_each_source_family_ingests_through_its_own_dag(dagbag, demo_settings, family, kind):
    first = dagbag.dags[f"ingest_{family}"].test()
    assert str(first.state) == "success"
    assert _states(first)["announce"] == "success"
    with Warehouse.from_settings(demo_settings).read() as con:
        kinds = dict(con.execute("SELECT kind, count(*) FROM documents GROUP BY 1").fetchall())
        failing = con.execute("SELECT source_id, last_error FROM source_state WHERE consecutive_failures > 0").fetchall()
    assert set(kinds) == {kind}, "an ingest DAG loads its own family only"
    assert failing == []
    second = dagbag.dags[f"ingest_{family}"].test()
    assert _states(second)["announce"] == "skipped"


def test_a_new_contract_award_reforecasts_once_through_the_dags(dagbag, demo_settings):
    first = dagbag.dags["ingest_awards"].test()
    assert _states(first)["announce_contract_awards"] == "success", "awards announce the re-forecast Asset"
    forecast = dagbag.dags["reforecast"].test()
    assert str(forecast.state) == "success"
    with Warehouse.from_settings(demo_settings).read() as con:
        versions = scalar(con, "SELECT count(*) FROM forecast_versions")
        scenarios = scalar(con, "SELECT count(DISTINCT scenario) FROM market_size WHERE year = 2030")
    assert versions >= 1 and scenarios == 3

    again = dagbag.dags["ingest_awards"].test()
    assert _states(again)["announce_contract_awards"] == "skipped", "nothing new: no re-forecast"
    dagbag.dags["reforecast"].test()
    with Warehouse.from_settings(demo_settings).read() as con:
        assert scalar(con, "SELECT count(*) FROM forecast_versions") == versions
