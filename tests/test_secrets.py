"""Secrets: the Slack token, a webhook URL and API keys never reach logs, output or the data directory.

The whole pipeline runs in a fresh process at the most verbose log level (every HTTP request
and Slack call logged), with every secret the project knows set; then the output, every file
under the data directory and every text column of the warehouse are searched for them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import yaml

from spacemine.demo.replay import ReplayServer
from tests.conftest import OTHER_FAMILIES, PROJECT
from tests.fakes.slack_api import FakeSlack

SAM_KEY = "SAMKEY-do-not-leak-4242424242"
WEBHOOK = "https://hooks.slack.com/services/T000/B000/webhooksecretdonotleak"


def _files_mentioning(root: Path, secrets: list[str]) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file() and path.suffix not in (".duckdb", ".wal"):
            data = path.read_bytes()
            hits += [f"{path}: {s[:6]}..." for s in secrets if s.encode() in data]
    return hits


def _columns_mentioning(database: Path, secrets: list[str]) -> list[str]:
    hits = []
    with duckdb.connect(str(database), read_only=True) as con:
        columns = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                              "WHERE data_type IN ('VARCHAR', 'JSON', 'BLOB') AND table_schema = 'main'").fetchall()
        for table, column in columns:
            for (value,) in con.execute(f'SELECT "{column}" FROM "{table}"').fetchall():
                text = value.decode("utf-8", "replace") if isinstance(value, (bytes, bytearray)) else str(value)
                hits += [f"{table}.{column}" for s in secrets if value is not None and s in text]
    return hits


def test_no_secret_reaches_logs_output_files_or_the_warehouse(tmp_path):
    slack = FakeSlack().start()
    server, manifest = ReplayServer.from_manifest()
    try:
        with server:
            config = {"user_agent": "spacemine-tests/1.0 (tests@example.com)",
                      "sources": {**{family: {"enabled": False} for family in OTHER_FAMILIES},
                                  "news": [{"id": f["id"], "name": f["id"], "url": server.url(f["path"])}
                                           for f in manifest]}}
            (tmp_path / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
            env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SPACEMINE_"))}
            env.update(SPACEMINE_HOME=str(tmp_path / "data"), SPACEMINE_CONFIG=str(tmp_path / "config.yaml"),
                       SLACK_BOT_TOKEN=slack.token, SLACK_CHANNEL="#space-signals", SLACK_API_URL=slack.api_url,
                       SLACK_WEBHOOK_URL=WEBHOOK, SAM_API_KEY=SAM_KEY, PYTHONPATH=str(PROJECT), COLUMNS="250")
            outputs = []
            for args in (["-vv", "run"], ["config", "show"], ["-vv", "sources", "status"]):
                done = subprocess.run([sys.executable, "-m", "spacemine.cli", *args], env=env, cwd=PROJECT,
                                      capture_output=True, text=True, timeout=240)
                assert done.returncode == 0, done.stderr[-2000:]
                outputs.append(done.stdout + done.stderr)
    finally:
        slack.stop()
    secrets = [slack.token, SAM_KEY, WEBHOOK]
    assert slack.posts, "the run should have posted to Slack with the token"
    assert "Sending a request" in outputs[0], "the most verbose level logs each Slack call"
    for output in outputs:
        assert not [s for s in secrets if s in output]
    assert "***" in outputs[1], "config show names the secrets as set, masked"
    assert _files_mentioning(tmp_path / "data", secrets) == []
    assert _columns_mentioning(tmp_path / "data" / "warehouse.duckdb", secrets) == []
