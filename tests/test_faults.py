"""Faults: a run killed at each step, an analyst holding the warehouse, a full disk, Slack down.

Each killed run is a real process killed outright (``tests/fault_runner.py``: ``os._exit`` at
the chosen point, as a SIGKILL or an OOM kill would), then run again to completion. The end
state is compared with an uninterrupted run over the same sources: nothing lost (every
document, event, alert, forecast version) and nothing twice (every alert and the digest posted
to Slack exactly once).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pytest
import yaml

from spacemine.demo.replay import ReplayServer
from tests.conftest import OTHER_FAMILIES, PROJECT, REPLAY_ALERTS
from tests.fakes.slack_api import FakeSlack

KILLED = 137
RUN_TIMEOUT = 240


# Harness ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def feeds() -> Iterator[dict[str, str]]:
    server, manifest = ReplayServer.from_manifest()
    with server:
        yield {feed["id"]: server.url(feed["path"]) for feed in manifest}


def environment(home: Path, feeds: dict[str, str], slack: FakeSlack | None) -> dict[str, str]:
    """The variables a user would set: a data directory, a config file, Slack."""
    home.mkdir(parents=True, exist_ok=True)
    config = {
        "user_agent": "spacemine-tests/1.0 (tests@example.com)",
        "http": {"timeout_seconds": 5, "per_host_requests_per_second": 1000},
        "sources": {**{family: {"enabled": False} for family in OTHER_FAMILIES},
                    "news": [{"id": k, "name": k, "url": v} for k, v in feeds.items()]},
        "alerts": REPLAY_ALERTS,
    }
    config_path = home / "config.yaml"
    config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SPACEMINE_"))}
    env.update(SPACEMINE_HOME=str(home / "data"), SPACEMINE_CONFIG=str(config_path), PYTHONPATH=str(PROJECT),
               COLUMNS="250")  # no wrapped error lines
    if slack is not None:
        env.update(SLACK_BOT_TOKEN=slack.token, SLACK_CHANNEL="#space-signals", SLACK_API_URL=slack.api_url)
    return env


def spacemine(env: dict[str, str], *args: str, kill: tuple[str, str, int] | None = None,
              timeout: float = RUN_TIMEOUT) -> subprocess.CompletedProcess:
    """The CLI in a fresh process; ``kill=(target, before|after, nth)`` kills it at that call."""
    prefix = ["-m", "tests.fault_runner", kill[0], kill[1], str(kill[2]), "--"] if kill else ["-m", "spacemine.cli"]
    return subprocess.run([sys.executable, *prefix, *args], env=env, cwd=PROJECT, capture_output=True,
                          text=True, timeout=timeout)


def snapshot(home: Path) -> dict[str, Any]:
    """What a run leaves behind, without the clocks: rows that must match an uninterrupted run."""
    with duckdb.connect(str(home / "data" / "warehouse.duckdb"), read_only=True) as con:
        def rows(sql: str) -> list[tuple]:
            return sorted(con.execute(sql).fetchall(), key=repr)

        return {
            "documents": rows("SELECT doc_id, content_hash, extracted_hash FROM documents"),
            "events": rows("SELECT event_id, type, amount_usd, source_count FROM events"),
            "evidence": rows("SELECT event_id, doc_id, sentence FROM event_evidence"),
            "alerts": rows("SELECT alert_id, status FROM alert_outbox"),
            "digests": rows("SELECT digest_date, status, event_count FROM digests"),
            "forecast_versions": rows("SELECT reason, list_sort(trigger_event_ids) FROM forecast_versions"),
            "market_size": rows("SELECT year, scenario, segment_dim, segment, round(value_usd, 2) FROM market_size"),
            "indicators": rows("SELECT indicator, dimension, key, amount_kind, round(all_time, 6) FROM latest_indicators"),
        }


def slack_keys(slack: FakeSlack) -> Counter:
    """How many times each outbox key (alert id, digest date, thread part) reached Slack."""
    return Counter(json.dumps(post.get("metadata"), sort_keys=True) for post in slack.posts)


@pytest.fixture(scope="module")
def reference(feeds, tmp_path_factory) -> dict[str, Any]:
    """An uninterrupted run: what every interrupted-and-resumed run must end up with."""
    slack = FakeSlack().start()
    try:
        home = tmp_path_factory.mktemp("reference")
        done = spacemine(environment(home, feeds, slack), "run")
        assert done.returncode == 0, done.stderr
        state = snapshot(home)
        assert state["events"] and state["alerts"] and state["digests"], "the demo feeds should alert"
        return {"state": state, "posts": slack_keys(slack), "uploads": len(slack.uploads)}
    finally:
        slack.stop()


# A run killed at each step ------------------------------------------------------------------
KILL_POINTS = {
    "ingest: documents loaded, not committed": ("spacemine.pipeline:load_documents", "after", 1),
    "ingest committed, extraction not started": ("spacemine.pipeline:extract_events", "before", 1),
    "events loaded, not committed": ("spacemine.pipeline:load_events", "after", 1),
    "indicators updated, not committed": ("spacemine.pipeline:update_indicators", "after", 1),
    "forecasts written, not committed": ("market.forecasts:update_forecasts", "after", 1),
    "alerts queued, not committed": ("spacemine.pipeline:queue_alerts", "after", 1),
    "first alert posted to Slack, not recorded": ("alerts.sinks:SlackSink.post", "after", 1),
    "third alert posted to Slack, not recorded": ("alerts.sinks:SlackSink.post", "after", 3),
    "digest chart uploaded, not recorded": ("alerts.sinks:SlackSink.upload", "after", 1),
    "warehouse being published": ("warehouse.db:Warehouse.publish", "before", 2),
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_run_killed_at_each_step_and_run_again_loses_nothing_and_duplicates_nothing(
        point, feeds, reference, tmp_path):
    slack = FakeSlack().start()
    try:
        env = environment(tmp_path, feeds, slack)
        killed = spacemine(env, "run", kill=KILL_POINTS[point])
        assert killed.returncode == KILLED, f"the kill point was not reached:\n{killed.stdout}\n{killed.stderr}"
        again = spacemine(env, "run")
        assert again.returncode == 0, again.stderr
        assert snapshot(tmp_path) == reference["state"]
        posts = slack_keys(slack)
        assert set(posts) == set(reference["posts"])
        assert max(posts.values()) == 1, [key for key, n in posts.items() if n > 1]
        assert len(slack.uploads) == reference["uploads"]
        # and a third run finds nothing to do
        third = spacemine(env, "run")
        assert third.returncode == 0 and slack_keys(slack) == posts
        assert snapshot(tmp_path) == reference["state"]
    finally:
        slack.stop()


# An analyst holding the warehouse open --------------------------------------------------------
ANALYST = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
before = con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
print("open", before, flush=True)
if sys.argv[2] == "until-told":
    sys.stdin.readline()
else:
    time.sleep(float(sys.argv[2]))
after = con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
print("still", after, flush=True)
"""


@contextmanager
def analyst_session(database: Path, hold: str) -> Iterator[tuple[subprocess.Popen, int]]:
    """Another process with the file open read-only (a DuckDB shell, a notebook), holding it
    for ``hold`` seconds or ``until-told`` (a line on its stdin); yields it and its first count."""
    process = subprocess.Popen([sys.executable, "-c", ANALYST, str(database), hold], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("open"), process.stderr.read() if process.stderr else line
    try:
        yield process, int(line.split()[1])
    finally:
        if process.poll() is None and hold == "until-told":
            process.communicate("go\n", timeout=60)
        process.wait(timeout=60)


def test_an_analyst_on_the_published_copy_neither_blocks_a_run_nor_is_broken(feeds, reference, tmp_path):
    env = environment(tmp_path, feeds, None)
    assert spacemine(env, "run", "--source", next(iter(feeds))).returncode == 0
    published = tmp_path / "data" / "published" / "warehouse.duckdb"
    with analyst_session(published, "until-told") as (analyst, seen):
        done = spacemine(env, "run")  # the analyst holds the copy open throughout
        assert done.returncode == 0, done.stderr
        out, err = analyst.communicate("go\n", timeout=60)
    assert analyst.returncode == 0, err
    assert out.strip() == f"still {seen}", "the analyst's session keeps its consistent view"
    assert snapshot(tmp_path)["events"] == reference["state"]["events"]
    with duckdb.connect(str(published), read_only=True) as fresh:  # and a new session sees the new run
        assert fresh.execute("SELECT count(*) FROM documents").fetchall()[0][0] > seen


def test_a_run_waits_for_an_analyst_holding_the_warehouse_file_itself_and_completes(feeds, reference, tmp_path):
    env = environment(tmp_path, feeds, None)
    assert spacemine(env, "run", "--source", next(iter(feeds))).returncode == 0
    with analyst_session(tmp_path / "data" / "warehouse.duckdb", "3") as (analyst, seen):
        done = spacemine(env, "run")
        assert analyst.poll() is not None, "the run should have waited for the analyst to close the file"
        out, err = analyst.communicate(timeout=60)
    assert done.returncode == 0, done.stderr
    assert analyst.returncode == 0 and out.strip() == f"still {seen}", err
    assert snapshot(tmp_path)["events"] == reference["state"]["events"]


# A full disk ----------------------------------------------------------------------------------
@contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``path``: writes past it fail with ENOSPC like a full disk."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_a_full_disk_gives_a_clear_error_and_no_corruption(feeds, reference, tmp_path):
    disk = tmp_path / "disk"
    with small_disk(disk, "3m"):
        env = environment(disk, feeds, None)
        full = spacemine(env, "run")
        assert full.returncode != 0
        message = " ".join(full.stderr.split())  # the terminal may wrap long lines
        assert "is full" in message and str(disk) in message, full.stderr
        assert "run again" in message and "Traceback" not in message
        # room again: move the data directory to a roomy disk, the same run completes
        roomy = tmp_path / "roomy"
        subprocess.run(["cp", "-a", str(disk), str(roomy)], check=True)
    env = environment(roomy, feeds, None)
    done = spacemine(env, "run")
    assert done.returncode == 0, done.stderr
    assert snapshot(roomy)["events"] == reference["state"]["events"]
    assert snapshot(roomy)["documents"] == reference["state"]["documents"]


# Slack down for a while -----------------------------------------------------------------------
def test_alerts_wait_out_a_slack_outage_and_are_delivered_once_after_it(feeds, reference, tmp_path):
    slack = FakeSlack().start()
    try:
        env = environment(tmp_path, feeds, slack)
        slack.down = True
        during = spacemine(env, "run")
        assert slack.posts == []
        pending = snapshot(tmp_path)["alerts"]
        assert pending and all(status != "delivered" for _, status in pending)
        assert during.returncode in (0, 1)
        slack.down = False
        after = spacemine(env, "run")
        assert after.returncode == 0, after.stderr
        posts = slack_keys(slack)
        assert set(posts) == set(reference["posts"]) and max(posts.values()) == 1
        assert snapshot(tmp_path)["alerts"] == reference["state"]["alerts"]
    finally:
        slack.stop()


WRITER = """
import sys, time
from pathlib import Path
from warehouse.db import Warehouse
warehouse = Warehouse(Path(sys.argv[1]), Path(sys.argv[2]))
with warehouse.write() as con:
    con.execute("CREATE TABLE IF NOT EXISTS fault_marks (who VARCHAR, stamp DOUBLE)")
    con.execute("INSERT INTO fault_marks VALUES ('first', ?)", [time.time()])
    print("holding", flush=True)
    time.sleep(2)
"""


def test_a_second_writer_waits_for_the_first_and_both_commit(tmp_path):
    from warehouse.db import Warehouse

    path, published = tmp_path / "warehouse.duckdb", tmp_path / "published" / "warehouse.duckdb"
    first = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(published)], cwd=PROJECT,
                             env={**os.environ, "PYTHONPATH": str(PROJECT)}, stdout=subprocess.PIPE, text=True)
    assert first.stdout is not None and first.stdout.readline().strip() == "holding"
    with Warehouse(path, published).write() as con:
        con.execute("CREATE TABLE IF NOT EXISTS fault_marks (who VARCHAR, stamp DOUBLE)")
        con.execute("INSERT INTO fault_marks VALUES ('second', ?)", [time.time()])
    assert first.wait(timeout=60) == 0
    with Warehouse(path, published).read() as con:
        marks = dict(con.execute("SELECT who, stamp FROM fault_marks").fetchall())
    assert set(marks) == {"first", "second"} and marks["second"] >= marks["first"] + 1.5
