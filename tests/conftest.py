"""Shared fixtures: a temporary data directory, the loopback feed server, a fake Slack.

Airflow reads its configuration when first imported, so AIRFLOW_HOME and friends are set
here, at import time, before any test module can import airflow.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
FEEDS = PROJECT / "spacemine" / "demo" / "feeds"
OTHER_FAMILIES = ("usaspending", "fpds", "sam_contract_awards", "edgar", "form_d")

_AIRFLOW_HOME = tempfile.mkdtemp(prefix="spacemine-airflow-")
os.environ["AIRFLOW_HOME"] = _AIRFLOW_HOME
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(PROJECT / "dags")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "WARNING"
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{_AIRFLOW_HOME}/airflow.db"

from spacemine.demo.replay import ReplayServer, Route  # noqa: E402
from spacemine.settings import Settings, load_settings  # noqa: E402
from tests.fakes.slack_api import FakeSlack  # noqa: E402


@pytest.fixture
def feed_server():
    with ReplayServer() as server:
        yield server


@pytest.fixture
def demo_server():
    """The replay server loaded with the shipped demo feeds, and its manifest."""
    server, manifest = ReplayServer.from_manifest()
    with server:
        yield server, manifest


@pytest.fixture
def slack_api():
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No user configuration leaks into a test: fresh home, no config, no Slack."""
    for name in ("SPACEMINE_CONFIG", "SLACK_BOT_TOKEN", "SLACK_CHANNEL", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SPACEMINE_HOME", str(tmp_path / "data"))
    return tmp_path


@pytest.fixture
def make_settings(clean_env, monkeypatch) -> Callable[..., Settings]:
    """Write a config file for the given feeds (id -> URL) and load the settings from it."""

    def factory(feeds: dict[str, str] | None = None, slack: FakeSlack | None = None, **extra: Any) -> Settings:
        config: dict[str, Any] = {"user_agent": "spacemine-tests/1.0 (tests@example.com)",
                                  "http": {"timeout_seconds": 2, "per_host_requests_per_second": 1000}}
        # Only the sources a test names: every other family is off (no test reaches the network).
        config["sources"] = {family: {"enabled": False} for family in OTHER_FAMILIES}
        if feeds is not None:
            config["sources"]["news"] = [{"id": k, "name": k, "url": v} for k, v in feeds.items()]
        config["sources"].update(extra.pop("sources", {}))
        config["http"].update(extra.pop("http", {}))
        config.update(extra)
        path = clean_env / "config.yaml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        monkeypatch.setenv("SPACEMINE_CONFIG", str(path))
        if slack is not None:
            monkeypatch.setenv("SLACK_BOT_TOKEN", slack.token)
            monkeypatch.setenv("SLACK_CHANNEL", "#space-signals")
            monkeypatch.setenv("SLACK_API_URL", slack.api_url)
        return load_settings()

    return factory


# The shipped demo feeds are a recording with fixed dates: seen from the day the tests run, their
# items are older every day, and the backfill guard would silence them. Tests that replay the
# recording and expect alerts turn the guard off, as `spacemine demo` does; the guard itself is
# tested with dates relative to today (tests/test_alert_rules.py).
REPLAY_ALERTS = {"horizon_days": None}


def feed_route(name: str, **kwargs: Any) -> Route:
    """A route serving one of the shipped demo feed files."""
    return Route(body=(FEEDS / name).read_bytes(), **kwargs)


def rss(items: list[dict[str, str]], title: str = "Test feed") -> bytes:
    """A small RSS 2.0 feed (WordPress-shaped) from item dicts: guid, title, link, description."""
    from xml.sax.saxutils import escape

    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
             f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{escape(title)}</title>'
             "<link>https://example.com/</link><description>test</description>"]
    for item in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "pubDate", "description"):
            if key in item:
                attrs = ' isPermaLink="false"' if key == "guid" else ""
                parts.append(f"<{key}{attrs}>{escape(item[key])}</{key}>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


@pytest.fixture
def demo_settings(clean_env, monkeypatch, demo_server) -> Settings:
    """Every source family pointed at the replay server, exactly as `spacemine demo` does."""
    from spacemine.demo.runner import write_demo_config

    server, manifest = demo_server
    path = write_demo_config(clean_env / "data", server, manifest)
    monkeypatch.setenv("SPACEMINE_CONFIG", str(path))
    return load_settings()
