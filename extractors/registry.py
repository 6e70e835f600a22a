"""Every configured source, built from the settings, and the structured-candidate functions.

The pipeline asks this module for sources (all, one family, or one source by id) and, at
extraction time, for the function that turns a structured document (an award, a filing, a
Form D) into event candidates. News documents go through the NLP instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from extractors.base import FAMILIES, HostLimiter, Source
from spacemine.settings import ConfigError, Settings

NLP_KINDS = ("news", "release")


def build_sources(settings: Settings) -> list[Source]:
    """All enabled sources of all families, in a stable order (news first)."""
    from extractors import filings, form_d, fpds, news, sam, usaspending

    config: dict[str, Any] = dict(settings.raw.get("sources") or {})
    sources: list[Source] = []
    sources += news.sources_from_config(config.get("news") or [], settings.user_agent)
    sources += usaspending.sources_from_config(config.get("usaspending") or {"enabled": False}, settings.user_agent)
    sources += sam.contract_award_sources_from_config(config.get("sam_contract_awards") or {"enabled": False},
                                                      settings.user_agent)
    sources += sam.opportunity_sources_from_config(config.get("sam_opportunities") or {"enabled": False},
                                                   settings.user_agent)
    sources += fpds.sources_from_config(config.get("fpds") or {"enabled": False}, settings.user_agent)
    edgar_config = config.get("edgar") or {"enabled": False}
    sources += filings.sources_from_config(edgar_config, settings.user_agent)
    sources += form_d.sources_from_config(config.get("form_d") or {"enabled": False}, settings.user_agent,
                                          edgar_config)
    seen: set[str] = set()
    for source in sources:
        if source.id in seen:
            raise ConfigError(f"two sources share the id '{source.id}': give each query or feed its own id")
        seen.add(source.id)
    return sources


def select_sources(sources: Iterable[Source], names: Iterable[str] | None) -> list[Source]:
    """Sources matching the names: a family ("awards"), a source id, or an id prefix ("fpds")."""
    sources = list(sources)
    if not names:
        return sources
    chosen: list[Source] = []
    for name in names:
        matched = [s for s in sources if s.family == name or s.id == name or s.id.split(":", 1)[0] == name]
        if not matched:
            known = sorted({*FAMILIES, *(s.id for s in sources), *(s.id.split(":", 1)[0] for s in sources)})
            raise ConfigError(f"no enabled source is called '{name}'; choose from: {', '.join(known)}")
        chosen += [s for s in matched if s not in chosen]
    return chosen


def make_limiter(settings: Settings) -> HostLimiter:
    """Per-host politeness: EDGAR's published cap for sec.gov hosts, a gentle default elsewhere."""
    edgar = (settings.raw.get("sources") or {}).get("edgar") or {}
    rate = float(edgar.get("requests_per_second", 10))
    per_host = float((settings.raw.get("http") or {}).get("per_host_requests_per_second", 4))
    return HostLimiter(default_rate=per_host, rates={"sec.gov": rate})


def structured_candidates(kind: str) -> Callable | None:
    """The candidate function for a structured document kind; None for NLP kinds."""
    if kind == "award":
        from extractors.awards import candidates

        return candidates
    if kind == "filing":
        from extractors.filings import candidates

        return candidates
    if kind == "form_d":
        from extractors.form_d import candidates

        return candidates
    return None
