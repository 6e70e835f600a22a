"""Alert rules: load, validate (errors name the rule and the field), and match events."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any, Mapping, Sequence

import yaml

from spacemine.records import EVENT_TYPES

SEVERITIES = ("info", "notable", "high")


class RuleError(ValueError):
    """A rule is invalid; the message names the rule and the field."""


@dataclass(frozen=True)
class EventRule:
    id: str
    description: str
    event_types: tuple[str, ...]
    min_amount_usd: float | None = None
    severity: str = "notable"

    def matches(self, event: Mapping[str, Any]) -> bool:
        if event["type"] not in self.event_types:
            return False
        if self.min_amount_usd is not None:
            amount = event.get("amount_usd")
            if amount is None or amount < self.min_amount_usd:
                return False
        return True

    def reason(self) -> str:
        return f"rule `{self.id}`: {self.description}"


def parse_rules(raw: Sequence[Mapping[str, Any]], origin: str = "rules") -> list[EventRule]:
    rules: list[EventRule] = []
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
        types = entry.get("event_types")
        if not isinstance(types, list) or not types:
            raise RuleError(f"{name}: 'event_types' must be a non-empty list")
        unknown = [t for t in types if t not in EVENT_TYPES]
        if unknown:
            raise RuleError(f"{name}: 'event_types' has unknown types {unknown}; known: {list(EVENT_TYPES)}")
        minimum = entry.get("min_amount_usd")
        if minimum is not None:
            if isinstance(minimum, bool) or not isinstance(minimum, (int, float)) or minimum < 0:
                raise RuleError(f"{name}: 'min_amount_usd' must be a non-negative number, got {minimum!r}")
        severity = entry.get("severity", "notable")
        if severity not in SEVERITIES:
            raise RuleError(f"{name}: 'severity' must be one of {list(SEVERITIES)}, got {severity!r}")
        unknown_keys = set(entry) - {"id", "description", "event_types", "min_amount_usd", "severity"}
        if unknown_keys:
            raise RuleError(f"{name}: unknown fields {sorted(unknown_keys)}")
        rules.append(
            EventRule(
                id=rule_id,
                description=str(entry.get("description") or rule_id),
                event_types=tuple(types),
                min_amount_usd=float(minimum) if minimum is not None else None,
                severity=severity,
            )
        )
    return rules


def shipped_rules() -> list[EventRule]:
    text = resources.files("alerts").joinpath("rules.yaml").read_text(encoding="utf-8")
    return parse_rules((yaml.safe_load(text) or {}).get("rules", []), "alerts/rules.yaml")


def rules_from_settings(configured: Sequence[Mapping[str, Any]] | None) -> list[EventRule]:
    """The configured rules (a `rules:` list in SPACEMINE_CONFIG) or the shipped ones."""
    if configured is None:
        return shipped_rules()
    return parse_rules(configured, "config rules")
