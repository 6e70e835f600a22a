"""Settings: shipped defaults, the SPACEMINE_CONFIG override file, the environment, secrets.

Also the log redaction that keeps the Slack token (and anything token-shaped) out of log output.
"""

from __future__ import annotations

import json
import logging
import uuid
from io import StringIO
from pathlib import Path

import pytest
import yaml

from spacemine import logs
from spacemine.settings import DEFAULT_SLACK_API_URL, ConfigError, load_settings, shipped_defaults

SLACK_TOKEN = "xoxb-424242-171717-SettingsTestTokenValue"


def _write_config(directory: Path, text: str) -> Path:
    path = directory / "override.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _use_config(monkeypatch, directory: Path, config: dict) -> Path:
    path = _write_config(directory, yaml.safe_dump(config))
    monkeypatch.setenv("SPACEMINE_CONFIG", str(path))
    return path


# Shipped defaults ----------------------------------------------------------------------------


def test_shipped_defaults_load_the_market_news_and_wire_feeds_over_https(clean_env):
    settings = load_settings()

    assert settings.config_path is None
    names = " ".join(source.name for source in settings.news_sources)
    for outlet in ("NASA", "SpaceNews", "ESA", "SpacePolicyOnline", "Payload", "PR Newswire", "Business Wire",
                   "GlobeNewswire"):
        assert outlet in names
    ids = [source.id for source in settings.news_sources]
    assert len(set(ids)) == len(ids)
    for source in settings.news_sources:
        assert source.url.startswith("https://"), source
        assert source.kind in ("news", "release")
        assert source.enabled


def test_shipped_defaults_match_the_defaults_file(clean_env):
    shipped = shipped_defaults()
    settings = load_settings()

    assert settings.timeout_seconds == shipped["http"]["timeout_seconds"]
    assert settings.max_bytes == shipped["http"]["max_bytes"]
    assert settings.max_redirects == shipped["http"]["max_redirects"]
    assert settings.user_agent == shipped["user_agent"]
    assert [s.url for s in settings.news_sources] == [s["url"] for s in shipped["sources"]["news"]]
    assert settings.rules is None
    assert not settings.slack.enabled
    assert settings.slack.api_url == DEFAULT_SLACK_API_URL


# SPACEMINE_CONFIG overrides ------------------------------------------------------------------


def test_config_mapping_merges_key_by_key(clean_env, monkeypatch):
    shipped = shipped_defaults()
    _use_config(monkeypatch, clean_env, {"http": {"timeout_seconds": 7}})

    settings = load_settings()

    assert settings.timeout_seconds == 7
    # The keys of the same mapping the file did not mention keep their shipped values.
    assert settings.max_bytes == shipped["http"]["max_bytes"]
    assert settings.max_redirects == shipped["http"]["max_redirects"]
    # Top-level keys the file did not mention are untouched too.
    assert len(settings.news_sources) == len(shipped["sources"]["news"])
    assert settings.user_agent == shipped["user_agent"]


def test_config_news_source_list_replaces_the_shipped_list(clean_env, monkeypatch):
    mine = {"id": "my_feed", "name": "My feed", "url": "https://feeds.example.org/space.xml"}
    path = _use_config(monkeypatch, clean_env, {"sources": {"news": [mine]}})

    settings = load_settings()

    assert settings.config_path == path.resolve()
    assert [(s.id, s.name, s.url, s.kind) for s in settings.news_sources] == [
        (mine["id"], mine["name"], mine["url"], "news")
    ]


def test_config_rules_list_replaces_the_shipped_rules(clean_env, monkeypatch):
    rules = [{"id": "big_awards", "event_type": "contract_award", "min_usd": 1_000_000}]
    _use_config(monkeypatch, clean_env, {"rules": rules})

    assert load_settings().rules == rules


def test_source_name_defaults_to_id_and_enabled_is_read(clean_env, monkeypatch):
    _use_config(monkeypatch, clean_env, {"sources": {"news": [
        {"id": "quiet", "url": "http://127.0.0.1:9/feed", "enabled": False, "kind": "release"},
    ]}})

    (source,) = load_settings().news_sources

    assert source.name == "quiet"
    assert source.enabled is False
    assert source.kind == "release"


# Environment ---------------------------------------------------------------------------------


def test_spacemine_home_sets_the_data_directory(clean_env, monkeypatch):
    home = clean_env / "elsewhere" / "spacemine-data"
    monkeypatch.setenv("SPACEMINE_HOME", str(home))

    settings = load_settings()

    assert settings.home == home.resolve()
    assert settings.warehouse_path.parent == settings.home
    assert settings.outbox_dir.parent == settings.home


def test_home_defaults_to_data_under_the_working_directory(clean_env, monkeypatch):
    monkeypatch.delenv("SPACEMINE_HOME", raising=False)
    monkeypatch.chdir(clean_env)

    assert load_settings().home == (clean_env / "data").resolve()


@pytest.mark.parametrize(
    "given, expected",
    [
        ("http://127.0.0.1:8765/api", "http://127.0.0.1:8765/api/"),
        ("http://127.0.0.1:8765/api/", "http://127.0.0.1:8765/api/"),
        ("https://slack.example.org/api", "https://slack.example.org/api/"),
    ],
)
def test_slack_api_url_gets_a_trailing_slash(clean_env, monkeypatch, given, expected):
    monkeypatch.setenv("SLACK_API_URL", given)

    assert load_settings().slack.api_url == expected


def test_slack_channel_and_token_come_from_the_environment(clean_env, monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", SLACK_TOKEN)
    monkeypatch.setenv("SLACK_CHANNEL", "#space-signals")

    slack = load_settings().slack

    assert slack.enabled
    assert slack.channel == "#space-signals"
    assert slack.token.reveal() == SLACK_TOKEN


# Bad configuration ---------------------------------------------------------------------------

BAD_CONFIGS = [
    pytest.param(
        "sources:\n  news:\n    - id: feed_a\n      name: A\n",
        ["sources.news[0]", "url"],
        id="missing-url",
    ),
    pytest.param(
        "sources:\n  news:\n    - name: A\n      url: https://example.org/feed\n",
        ["sources.news[0]", "id"],
        id="missing-id",
    ),
    pytest.param(
        "sources:\n  news:\n    - id: feed_a\n      url: ftp://example.org/feed\n",
        ["sources.news[0]", "feed_a", "url"],
        id="bad-scheme",
    ),
    pytest.param(
        "sources:\n  news:\n    - id: feed_a\n      url: https://a.example.org/feed\n"
        "    - id: feed_a\n      url: https://b.example.org/feed\n",
        ["sources.news[1]", "duplicate", "feed_a"],
        id="duplicate-id",
    ),
    pytest.param(
        "sources:\n  news:\n    - id: feed_a\n      url: https://example.org/feed\n      kind: podcast\n",
        ["sources.news[0]", "feed_a", "kind"],
        id="unknown-kind",
    ),
    pytest.param("sources:\n  news: https://example.org/feed\n", ["sources.news", "list"], id="news-not-a-list"),
    pytest.param("http:\n  timeout_seconds: soon\n", ["http.timeout_seconds"], id="timeout-not-a-number"),
    pytest.param("http:\n  max_bytes: 0\n", ["http.max_bytes", "positive"], id="max-bytes-zero"),
    pytest.param("rules: everything\n", ["rules"], id="rules-not-a-list"),
    pytest.param("- just\n- a list\n", ["top level", "mapping"], id="non-mapping-top-level"),
    pytest.param("http: {timeout_seconds: 5\nsources: [\n", ["YAML"], id="invalid-yaml"),
]


@pytest.mark.parametrize("text, fragments", BAD_CONFIGS)
def test_bad_config_raises_config_error_naming_the_field(clean_env, monkeypatch, text, fragments):
    path = _write_config(clean_env, text)
    monkeypatch.setenv("SPACEMINE_CONFIG", str(path))

    with pytest.raises(ConfigError) as raised:
        load_settings()

    message = str(raised.value)
    assert str(path.resolve()) in message
    for fragment in fragments:
        assert fragment in message


def test_missing_config_file_raises_config_error_naming_the_path(clean_env, monkeypatch):
    missing = clean_env / "no-such-dir" / "config.yaml"
    monkeypatch.setenv("SPACEMINE_CONFIG", str(missing))

    with pytest.raises(ConfigError) as raised:
        load_settings()

    assert str(missing.resolve()) in str(raised.value)


def test_empty_config_file_keeps_the_shipped_defaults(clean_env, monkeypatch):
    path = _write_config(clean_env, "# nothing overridden\n")
    monkeypatch.setenv("SPACEMINE_CONFIG", str(path))

    settings = load_settings()

    assert settings.config_path == path.resolve()
    assert len(settings.news_sources) == len(shipped_defaults()["sources"]["news"])


# Secrets -------------------------------------------------------------------------------------


@pytest.fixture
def settings_with_token(clean_env, monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", SLACK_TOKEN)
    monkeypatch.setenv("SLACK_CHANNEL", "#space-signals")
    return load_settings()


def test_slack_token_never_appears_in_repr_str_or_masked(settings_with_token):
    settings = settings_with_token

    shown = [
        repr(settings),
        str(settings),
        repr(settings.slack),
        str(settings.slack),
        str(settings.slack.token),
        repr(settings.slack.token),
        json.dumps(settings.masked()),
        str(settings.masked()),
    ]
    for text in shown:
        assert SLACK_TOKEN not in text
    assert settings.masked()["slack"]["token"] == "***"
    assert settings.masked()["slack"]["channel"] == "#space-signals"


def test_masked_shows_no_token_when_none_is_set(clean_env):
    settings = load_settings()

    assert settings.masked()["slack"]["token"] is None
    assert not settings.slack.token


# Log redaction -------------------------------------------------------------------------------


@pytest.fixture
def captured_logger():
    """A private logger writing to a StringIO through a StreamHandler, with redaction installed."""
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger(f"spacemine.tests.redaction.{uuid.uuid4().hex}")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logs.install_redaction(logger)
    yield logger, stream
    logger.removeHandler(handler)


def test_registered_token_is_masked_in_log_output(settings_with_token, captured_logger):
    logger, stream = captured_logger

    logger.warning("posting to Slack with token %s", settings_with_token.slack.token.reveal())

    output = stream.getvalue()
    assert SLACK_TOKEN not in output
    assert "posting to Slack with token ***" in output


def test_registered_secret_without_token_shape_is_masked(captured_logger):
    logger, stream = captured_logger
    secret = f"plain-{uuid.uuid4().hex}"
    logs.register_secret(secret)

    logger.info("api key is %s; again: %s", secret, secret)

    output = stream.getvalue()
    assert secret not in output
    assert output.count("***") == 2


@pytest.mark.parametrize(
    "message, secret",
    [
        ("token xoxb-98765-43210-UnregisteredBotToken in a dump", "xoxb-98765-43210-UnregisteredBotToken"),
        ("user token xoxp-11111-22222-UserTokenValue", "xoxp-11111-22222-UserTokenValue"),
        ("headers: {'Authorization: Bearer abc.def.ghi'}", "abc.def.ghi"),
        ("GET https://api.example.org/v1?api_key=s3cr3tK3y&q=moon", "s3cr3tK3y"),
    ],
)
def test_token_shaped_strings_are_masked_in_log_output(captured_logger, message, secret):
    logger, stream = captured_logger

    logger.error(message)

    output = stream.getvalue()
    assert secret not in output
    assert "***" in output


def test_token_in_an_exception_traceback_is_masked(settings_with_token, captured_logger):
    logger, stream = captured_logger

    try:
        raise RuntimeError(f"Slack refused token {SLACK_TOKEN}")
    except RuntimeError:
        logger.exception("delivery failed")

    output = stream.getvalue()
    assert "delivery failed" in output
    assert "RuntimeError" in output
    assert SLACK_TOKEN not in output


def test_redaction_leaves_ordinary_text_alone(captured_logger):
    logger, stream = captured_logger

    logger.info("fetched %d items from %s", 3, "https://spacenews.com/feed/")

    assert stream.getvalue().strip() == "INFO fetched 3 items from https://spacenews.com/feed/"


def test_redact_masks_extra_secrets_passed_in():
    secret = f"extra-{uuid.uuid4().hex}"

    assert logs.redact(f"a {secret} b", extra=[secret]) == "a *** b"


def test_install_redaction_is_idempotent(captured_logger):
    logger, _ = captured_logger

    logs.install_redaction(logger)
    logs.install_redaction(logger)

    for handler in logger.handlers:
        assert sum(isinstance(f, logs.RedactingFilter) for f in handler.filters) == 1
