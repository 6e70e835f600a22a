"""Settings: shipped defaults, one optional override file, and the environment.

Precedence, lowest first: ``spacemine/defaults.yaml`` shipped with the code, the YAML file
named by ``SPACEMINE_CONFIG``, then environment variables for the data directory
(``SPACEMINE_HOME``) and Slack (``SLACK_BOT_TOKEN``, ``SLACK_CHANNEL``, ``SLACK_API_URL``).
Secrets live only in the environment so they never reach a config file or the warehouse.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import yaml

from spacemine.logs import register_secret

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
SOURCE_KINDS = {"news", "release"}


class ConfigError(ValueError):
    """The configuration file or an environment variable holds an unusable value."""


class Secret:
    """A string that never shows itself in ``repr``/``str`` (and so never in logs)."""

    __slots__ = ("_value",)

    def __init__(self, value: str | None) -> None:
        self._value = value or None
        register_secret(self._value)

    def reveal(self) -> str | None:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('***')" if self._value else "Secret(None)"

    __str__ = __repr__


@dataclass(frozen=True)
class FeedSource:
    """One RSS/Atom feed to poll."""

    id: str
    name: str
    url: str
    kind: str = "news"
    enabled: bool = True


@dataclass(frozen=True)
class SlackSettings:
    token: Secret
    channel: str | None
    api_url: str
    webhook_url: Secret = Secret(None)  # an incoming webhook, the alternative to a bot token

    @property
    def enabled(self) -> bool:
        return bool(self.token)


@dataclass(frozen=True)
class Settings:
    home: Path
    config_path: Path | None
    user_agent: str
    timeout_seconds: float
    max_bytes: int
    max_redirects: int
    news_sources: tuple[FeedSource, ...]
    rules: list[dict[str, Any]] | None
    slack: SlackSettings
    digest_max_events_per_type: int = 50
    nlp_model: str | None = None  # an installed spaCy model; None: the gazetteer-only pipeline
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    # Paths under the data directory -------------------------------------------------------
    @property
    def warehouse_path(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def published_path(self) -> Path:
        """The copy analysts read; replaced atomically after every write step."""
        return self.home / "published" / "warehouse.duckdb"

    @property
    def lock_path(self) -> Path:
        return self.home / "warehouse.lock"

    @property
    def outbox_dir(self) -> Path:
        return self.home / "outbox"

    @property
    def digests_dir(self) -> Path:
        return self.home / "digests"

    @property
    def airflow_home(self) -> Path:
        return self.home / "airflow"

    def masked(self) -> dict[str, Any]:
        """The effective configuration with secrets masked (for ``spacemine config show``)."""
        return {
            "home": str(self.home),
            "config_path": str(self.config_path) if self.config_path else None,
            "user_agent": self.user_agent,
            "http": {
                "timeout_seconds": self.timeout_seconds,
                "max_bytes": self.max_bytes,
                "max_redirects": self.max_redirects,
            },
            "sources": {"news": [vars(s) for s in self.news_sources]},
            "rules": self.rules if self.rules is not None else "shipped alerts/rules.yaml",
            "slack": {
                "token": "***" if self.slack.token else None,
                "webhook_url": "***" if self.slack.webhook_url else None,
                "channel": self.slack.channel,
                "api_url": self.slack.api_url,
            },
        }


def _deep_merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def shipped_defaults() -> dict[str, Any]:
    text = resources.files("spacemine").joinpath("defaults.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _read_config_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(f"SPACEMINE_CONFIG names {path}, which is not a readable file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of settings")
    return data


def _feed_sources(raw: Any, origin: str) -> tuple[FeedSource, ...]:
    if not isinstance(raw, list):
        raise ConfigError(f"{origin}: sources.news must be a list of feeds")
    feeds: list[FeedSource] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        where = f"{origin}: sources.news[{index}]"
        if not isinstance(item, Mapping):
            raise ConfigError(f"{where} must be a mapping with id, name and url")
        for key in ("id", "url"):
            if not item.get(key) or not isinstance(item[key], str):
                raise ConfigError(f"{where}: '{key}' is required and must be text")
        if not str(item["url"]).startswith(("http://", "https://")):
            raise ConfigError(f"{where} ({item['id']}): url must start with http:// or https://")
        kind = item.get("kind", "news")
        if kind not in SOURCE_KINDS:
            raise ConfigError(f"{where} ({item['id']}): kind must be one of {sorted(SOURCE_KINDS)}")
        if item["id"] in seen:
            raise ConfigError(f"{where}: duplicate source id '{item['id']}'")
        seen.add(item["id"])
        feeds.append(
            FeedSource(
                id=item["id"],
                name=item.get("name") or item["id"],
                url=item["url"],
                kind=kind,
                enabled=bool(item.get("enabled", True)),
            )
        )
    return tuple(feeds)


def _number(raw: Mapping[str, Any], key: str, origin: str, kind: type = float) -> Any:
    value = raw.get(key)
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{origin}: http.{key} must be a number, got {value!r}") from None
    if number <= 0:
        raise ConfigError(f"{origin}: http.{key} must be positive, got {value!r}")
    return number


def _nlp_model(raw: Any, origin: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{origin}: nlp must be a mapping (nlp: {{model: en_core_web_sm}})")
    model = raw.get("model")
    if model is not None and (not isinstance(model, str) or not model.strip()):
        raise ConfigError(f"{origin}: nlp.model must be the name or path of an installed spaCy model, or null")
    return model.strip() if model else None


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build the effective settings from defaults, ``SPACEMINE_CONFIG`` and the environment."""
    env = os.environ if env is None else env
    data = shipped_defaults()
    config_path: Path | None = None
    origin = "defaults.yaml"
    if env.get("SPACEMINE_CONFIG"):
        config_path = Path(env["SPACEMINE_CONFIG"]).expanduser().resolve()
        data = _deep_merge(data, _read_config_file(config_path))
        origin = str(config_path)

    home = Path(env.get("SPACEMINE_HOME") or "data").expanduser().resolve()
    http = data.get("http") or {}
    rules = data.get("rules")
    if rules is not None and not isinstance(rules, list):
        raise ConfigError(f"{origin}: rules must be a list of rules (or null for the shipped ones)")
    api_url = env.get("SLACK_API_URL") or DEFAULT_SLACK_API_URL
    if not api_url.endswith("/"):
        api_url += "/"  # slack-sdk joins method names onto the base URL
    return Settings(
        home=home,
        config_path=config_path,
        user_agent=str(data.get("user_agent") or "spacemine"),
        timeout_seconds=_number(http, "timeout_seconds", origin),
        max_bytes=_number(http, "max_bytes", origin, int),
        max_redirects=_number(http, "max_redirects", origin, int),
        news_sources=_feed_sources((data.get("sources") or {}).get("news", []), origin),
        rules=rules,
        slack=SlackSettings(
            token=Secret(env.get("SLACK_BOT_TOKEN")),
            channel=env.get("SLACK_CHANNEL") or None,
            api_url=api_url,
            webhook_url=Secret(env.get("SLACK_WEBHOOK_URL")),
        ),
        digest_max_events_per_type=int((data.get("digest") or {}).get("max_events_per_type", 50)),
        nlp_model=_nlp_model(data.get("nlp"), origin),
        raw=data,
    )
