"""Alert rules: load, validate (errors name the rule and the field), and match.

Three kinds, in one YAML list (``kind:`` picks; ``event`` when absent):

* ``event``: a new event of given types, with optional filters: minimum amount, organisation
  watchlist (ids or names), programs, market segments, mission outcomes;
* ``forecast``: a forecast version that moved a scenario-year by more than ``min_change_pct``;
* ``source_health``: a source failing ``min_consecutive_failures`` times in a row, or with no
  success for ``stale_hours``;
* ``indicator``: a driver series (``latest_indicators``) over a trailing window of ``window_days``
  that changed by ``min_change_pct`` against the window before, or crossed ``threshold``.

Every rule has a severity, an optional Slack ``channel`` (routing; the configured channel when
absent), a ``cooldown_minutes`` (one alert per rule and organisation or source within it) and
``group_over`` (more alerts than this from one rule in one delivery go out as one message).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any, Mapping, Sequence

import yaml

from spacemine.records import EVENT_TYPES

SEVERITIES = ("info", "notable", "high")
OUTCOMES = ("success", "failure", "partial")
SCENARIOS = ("baseline", "optimistic", "pessimistic")
_COMMON = {"id", "kind", "description", "severity", "channel", "cooldown_minutes", "group_over"}
_FIELDS = {
    "event": _COMMON | {"event_types", "min_amount_usd", "organisations", "programs", "segments", "outcomes"},
    "forecast": _COMMON | {"scenario", "year", "min_change_pct"},
    "source_health": _COMMON | {"min_consecutive_failures", "stale_hours"},
    "indicator": _COMMON | {"indicator", "dimension", "key", "window_days", "min_change_pct", "threshold"},
}
INDICATORS = ("contract_value_usd", "funding_usd", "contract_awards", "funding_rounds", "mission_attempts",
              "mission_successes", "mission_failures", "mission_partials", "policy_events", "partnerships",
              "acquisitions", "filings")


class RuleError(ValueError):
    """A rule is invalid; the message names the rule and the field."""


@dataclass(frozen=True)
class EventRule:
    id: str
    description: str
    event_types: tuple[str, ...]
    min_amount_usd: float | None = None
    severity: str = "notable"
    organisations: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    channel: str | None = None
    cooldown_minutes: int = 0
    group_over: int | None = None
    kind: str = "event"

    def matches(self, event: Mapping[str, Any]) -> bool:
        if event["type"] not in self.event_types:
            return False
        if self.min_amount_usd is not None:
            amount = event.get("amount_usd")
            if amount is None or amount < self.min_amount_usd:
                return False
        if self.organisations:
            parties = {str(v).casefold() for key in ("actor_ids", "actor_names", "counterparty_ids",
                                                     "counterparty_names") for v in (event.get(key) or [])}
            if not parties & {o.casefold() for o in self.organisations}:
                return False
        if self.programs and (event.get("program") or "").casefold() not in {p.casefold() for p in self.programs}:
            return False
        if self.segments and not set(event.get("segments") or []) & set(self.segments):
            return False
        if self.outcomes and event.get("outcome") not in self.outcomes:
            return False
        return True

    def reason(self) -> str:
        return f"rule `{self.id}`: {self.description}"


@dataclass(frozen=True)
class ForecastRule:
    id: str
    description: str
    min_change_pct: float
    scenario: str = "baseline"
    year: int | None = None  # any forecast year when absent
    severity: str = "notable"
    channel: str | None = None
    cooldown_minutes: int = 0
    group_over: int | None = None
    kind: str = "forecast"

    def reason(self) -> str:
        return f"rule `{self.id}`: {self.description}"


@dataclass(frozen=True)
class SourceHealthRule:
    id: str
    description: str
    min_consecutive_failures: int | None = 3
    stale_hours: float | None = None
    severity: str = "notable"
    channel: str | None = None
    cooldown_minutes: int = 0
    group_over: int | None = None
    kind: str = "source_health"

    def reason(self) -> str:
        return f"rule `{self.id}`: {self.description}"


@dataclass(frozen=True)
class IndicatorRule:
    id: str
    description: str
    indicator: str
    dimension: str = "total"
    key: str = "total"
    window_days: int = 30
    min_change_pct: float | None = None
    threshold: float | None = None
    severity: str = "notable"
    channel: str | None = None
    cooldown_minutes: int = 0
    group_over: int | None = None
    kind: str = "indicator"

    def reason(self) -> str:
        return f"rule `{self.id}`: {self.description}"


Rule = EventRule | ForecastRule | SourceHealthRule | IndicatorRule


def _number(entry: Mapping[str, Any], key: str, name: str, minimum: float = 0, integer: bool = False):  # noqa: ANN202
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum or \
            (integer and not float(value).is_integer()):
        kind = "a whole number" if integer else "a number"
        raise RuleError(f"{name}: '{key}' must be {kind} of at least {minimum:g}, got {value!r}")
    return int(value) if integer else float(value)


def _texts(entry: Mapping[str, Any], key: str, name: str, allowed: Sequence[str] | None = None) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(f"{name}: '{key}' must be a list of names")
    if allowed is not None:
        unknown = [v for v in value if v not in allowed]
        if unknown:
            raise RuleError(f"{name}: '{key}' has unknown values {unknown}; known: {list(allowed)}")
    return tuple(value)


def parse_rules(raw: Sequence[Mapping[str, Any]], origin: str = "rules") -> list[Rule]:
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw or []):
        if not isinstance(entry, Mapping):
            raise RuleError(f"{origin}[{index}]: a rule must be a mapping")
        rule_id = entry.get("id")
        name = f"{origin}[{index}]" + (f" ({rule_id})" if rule_id else "")
        if not isinstance(rule_id, str) or not rule_id.strip():
            raise RuleError(f"{name}: 'id' is required and must be text")
        if rule_id in seen:
            raise RuleError(f"{name}: duplicate rule id")
        seen.add(rule_id)
        kind = entry.get("kind", "event")
        if kind not in _FIELDS:
            raise RuleError(f"{name}: 'kind' must be one of {list(_FIELDS)}, got {kind!r}")
        unknown_keys = set(entry) - _FIELDS[kind]
        if unknown_keys:
            raise RuleError(f"{name}: unknown fields {sorted(unknown_keys)} for a {kind} rule")
        severity = entry.get("severity", "notable")
        if severity not in SEVERITIES:
            raise RuleError(f"{name}: 'severity' must be one of {list(SEVERITIES)}, got {severity!r}")
        channel = entry.get("channel")
        if channel is not None and (not isinstance(channel, str) or not channel.strip()):
            raise RuleError(f"{name}: 'channel' must be a Slack channel name or id")
        common = {
            "id": rule_id, "description": str(entry.get("description") or rule_id), "severity": severity,
            "channel": channel, "cooldown_minutes": _number(entry, "cooldown_minutes", name, 0, True) or 0,
            "group_over": _number(entry, "group_over", name, 1, True),
        }
        if kind == "event":
            types = entry.get("event_types")
            if not isinstance(types, list) or not types:
                raise RuleError(f"{name}: 'event_types' must be a non-empty list")
            unknown = [t for t in types if t not in EVENT_TYPES]
            if unknown:
                raise RuleError(f"{name}: 'event_types' has unknown types {unknown}; known: {list(EVENT_TYPES)}")
            rules.append(EventRule(
                event_types=tuple(types), min_amount_usd=_number(entry, "min_amount_usd", name),
                organisations=_texts(entry, "organisations", name), programs=_texts(entry, "programs", name),
                segments=_texts(entry, "segments", name), outcomes=_texts(entry, "outcomes", name, OUTCOMES),
                **common,
            ))
        elif kind == "forecast":
            change = _number(entry, "min_change_pct", name)
            if change is None:
                raise RuleError(f"{name}: 'min_change_pct' is required for a forecast rule")
            scenario = entry.get("scenario", "baseline")
            if scenario not in SCENARIOS:
                raise RuleError(f"{name}: 'scenario' must be one of {list(SCENARIOS)}, got {scenario!r}")
            rules.append(ForecastRule(min_change_pct=change, scenario=scenario,
                                      year=_number(entry, "year", name, 2000, True), **common))
        elif kind == "indicator":
            indicator = entry.get("indicator")
            if indicator not in INDICATORS:
                raise RuleError(f"{name}: 'indicator' must be one of {list(INDICATORS)}, got {indicator!r}")
            change, threshold = _number(entry, "min_change_pct", name), _number(entry, "threshold", name)
            if change is None and threshold is None:
                raise RuleError(f"{name}: an indicator rule needs 'min_change_pct' or 'threshold'")
            for field in ("dimension", "key"):
                if field in entry and (not isinstance(entry[field], str) or not entry[field].strip()):
                    raise RuleError(f"{name}: '{field}' must be text")
            rules.append(IndicatorRule(indicator=indicator, dimension=entry.get("dimension", "total"),
                                       key=entry.get("key", "total"),
                                       window_days=_number(entry, "window_days", name, 1, True) or 30,
                                       min_change_pct=change, threshold=threshold, **common))
        else:
            failures = _number(entry, "min_consecutive_failures", name, 1, True)
            stale = _number(entry, "stale_hours", name, 0)
            if failures is None and stale is None:
                raise RuleError(f"{name}: a source_health rule needs 'min_consecutive_failures' or 'stale_hours'")
            rules.append(SourceHealthRule(min_consecutive_failures=failures, stale_hours=stale, **common))
    return rules


def shipped_rules() -> list[Rule]:
    text = resources.files("alerts").joinpath("rules.yaml").read_text(encoding="utf-8")
    return parse_rules((yaml.safe_load(text) or {}).get("rules", []), "alerts/rules.yaml")


def rules_from_settings(configured: Sequence[Mapping[str, Any]] | None) -> list[Rule]:
    """The configured rules (a `rules:` list in SPACEMINE_CONFIG) or the shipped ones."""
    if configured is None:
        return shipped_rules()
    return parse_rules(configured, "config rules")


def event_rules(rules: Sequence[Rule]) -> list[EventRule]:
    return [rule for rule in rules if isinstance(rule, EventRule)]
