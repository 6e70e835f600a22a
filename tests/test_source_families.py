"""All four source families through one pipeline: registry, politeness, state, faults, CLI.

Uses the recorded demo fixtures (spacemine/demo/fixtures) served on 127.0.0.1, the same
configuration `spacemine demo` writes.
"""

from __future__ import annotations

import pytest
import yaml

from extractors.base import HostLimiter
from extractors.registry import build_sources, select_sources
from spacemine import pipeline
from spacemine.cli import main
from spacemine.demo.replay import MatchedRoute, Route
from spacemine.settings import ConfigError, load_settings
from warehouse.db import Warehouse, scalar

TABLES = ("documents", "document_versions", "events", "event_evidence", "raw_fetches", "orgs")


def _counts(settings) -> dict[str, int]:
    with Warehouse.from_settings(settings).read() as con:
        return {table: scalar(con, f"SELECT count(*) FROM {table}") for table in TABLES}


def test_every_family_is_built_from_the_config(demo_settings):
    families = {source.family for source in build_sources(demo_settings)}
    assert families == {"news", "awards", "filings", "funding"}


@pytest.mark.parametrize("name, expected", [
    ("awards", {"awards"}), ("filings", {"filings"}), ("funding", {"funding"}), ("news", {"news"}),
    ("fpds", {"awards"}), ("edgar", {"filings"}), ("form_d", {"funding"}),
])
def test_sources_are_selected_by_family_system_or_id(demo_settings, name, expected):
    chosen = select_sources(build_sources(demo_settings), [name])
    assert chosen and {s.family for s in chosen} == expected
    one = chosen[0].id
    assert [s.id for s in select_sources(build_sources(demo_settings), [one])] == [one]


def test_an_unknown_source_name_lists_the_known_ones(demo_settings):
    with pytest.raises(ConfigError, match="awards"):
        select_sources(build_sources(demo_settings), ["nope"])


def test_hosts_under_one_configured_suffix_share_one_budget():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = HostLimiter(default_rate=1000, rates={"sec.gov": 10}, clock=lambda: now[0], sleep=sleep)
    for url in ("https://data.sec.gov/a", "https://www.sec.gov/b", "https://efts.sec.gov/c", "https://data.sec.gov/d"):
        limiter.wait(url)
    assert sum(slept) == pytest.approx(0.3), "four requests to sec.gov hosts take 0.3 s at 10 per second"
    limiter.wait("https://example.com/x")
    assert sum(slept) == pytest.approx(0.3), "other hosts have their own budget"


def test_all_families_load_and_a_second_run_adds_nothing(demo_settings):
    first = pipeline.run_all(demo_settings)
    with Warehouse.from_settings(demo_settings).read() as con:
        kinds = {row[0] for row in con.execute("SELECT DISTINCT kind FROM documents").fetchall()}
        types = {row[0] for row in con.execute("SELECT DISTINCT type FROM events").fetchall()}
    assert {"news", "award", "filing", "form_d"} <= kinds
    assert {"contract_award", "funding_round", "filing"} <= types
    assert first["ingest"]["failed_sources"] == []
    after_first = _counts(demo_settings)

    second = pipeline.run_all(demo_settings)
    assert _counts(demo_settings) == after_first
    assert second["ingest"]["new_documents"] == 0 and second["ingest"]["updated_documents"] == 0
    assert second["extract"]["new_events"] == 0


def test_one_hostile_source_does_not_stop_the_others_and_is_named(demo_settings, demo_server):
    server, _ = demo_server
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            b'<feed xmlns="http://www.w3.org/2005/Atom"><title>&lol2;</title></feed>')
    fpds = next(s for s in build_sources(demo_settings) if s.id.startswith("fpds:"))
    path = fpds.url.split("?")[0].replace(server.base_url, "") or "/"
    server.add(MatchedRoute("GET", path, Route(body=bomb, content_type="application/atom+xml"), query_match={"start": "0"}))

    report = pipeline.run_all(demo_settings)

    failed = {line.split(":", 2)[0] + ":" + line.split(":", 2)[1]: line for line in report["ingest"]["failed_sources"]}
    assert list(failed) == [fpds.id]
    with Warehouse.from_settings(demo_settings).read() as con:
        kinds = {row[0] for row in con.execute("SELECT DISTINCT kind FROM documents").fetchall()}
        markdown = scalar(con, "SELECT markdown FROM digests")
    assert {"news", "award", "filing", "form_d"} <= kinds, "USAspending still brought awards"
    assert fpds.id in markdown


@pytest.mark.parametrize("family, kind, prefix", [
    ("news", {"news", "release"}, "spacenews"), ("awards", {"award"}, "usaspending:"),
    ("filings", {"filing"}, "edgar:"), ("funding", {"form_d"}, "form_d:"),
])
def test_run_source_runs_one_family_and_status_shows_health(demo_settings, capsys, monkeypatch, family, kind, prefix):
    monkeypatch.setenv("COLUMNS", "250")
    assert main(["run", "--source", family]) == 0
    out = capsys.readouterr().out
    assert prefix in out
    others = [s.id for s in build_sources(demo_settings) if s.family != family]
    assert not any(f"{other} " in out for other in others)
    with Warehouse.from_settings(demo_settings).read() as con:
        assert {row[0] for row in con.execute("SELECT DISTINCT kind FROM documents").fetchall()} == kind
    assert main(["sources", "status"]) == 0
    status = capsys.readouterr().out
    assert "never run" in status  # the other families are configured but have not run yet
    for source in select_sources(build_sources(demo_settings), [family]):
        assert source.id in status


def test_edgar_sources_refuse_to_run_without_a_contact_address(demo_settings, tmp_path, monkeypatch):
    config = yaml.safe_load(open(demo_settings.config_path))
    config["user_agent"] = "spacemine"  # no e-mail address
    path = tmp_path / "no-contact.yaml"
    path.write_text(yaml.safe_dump(config))
    monkeypatch.setenv("SPACEMINE_CONFIG", str(path))
    report = pipeline.ingest(load_settings(), ["filings", "funding"])
    assert report.failures and all("@" in f.error or "e-mail" in f.error.lower() or "contact" in f.error.lower()
                                   for f in report.failures)
    assert report.new_documents == 0


def test_status_lists_sources_with_history_that_the_config_no_longer_names(demo_settings, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    assert main(["run", "--source", "awards"]) == 0
    ran = [s.id for s in select_sources(build_sources(demo_settings), ["awards"])]
    config = yaml.safe_load(open(demo_settings.config_path))
    config["sources"]["fpds"] = {"enabled": False}
    config["sources"]["usaspending"] = {"enabled": False}
    path = demo_settings.config_path.with_name("smaller.yaml")
    path.write_text(yaml.safe_dump(config))
    monkeypatch.setenv("SPACEMINE_CONFIG", str(path))
    capsys.readouterr()
    assert main(["sources", "status"]) == 0
    status = capsys.readouterr().out
    for source_id in ran:
        assert source_id in status
    assert "(not configured)" in status
