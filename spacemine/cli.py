"""The `spacemine` command line.

Examples:
  spacemine run                                  # fetch, extract, alert, digest (no Airflow)
  spacemine query "select type, count(*) from events group by 1"
  spacemine query --format csv "select * from events" > events.csv
  spacemine digest --preview                     # what today's digest would say
  spacemine forecast                             # indicators and forecast versions up to date, plus one as of now
  spacemine chart market-size                    # a PNG chart under data/charts/
  spacemine demo                                 # the offline demo through Airflow
  spacemine reset --yes                          # start over: delete the data directory's contents
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import shutil
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Sequence

from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape as markup_escape
from rich.table import Table

from spacemine import logs
from spacemine.settings import ConfigError, load_settings

EXIT_USAGE = 2
DATA_ENTRIES = ("warehouse.duckdb", "warehouse.duckdb.wal", "warehouse.lock", "published", "outbox",
                "digests", "airflow", "demo-config.yaml")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spacemine",
        description="Market-signal tracker for the space-resources industry.",
        epilog=__doc__.split("Examples:", 1)[1] and "Examples:" + __doc__.split("Examples:", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log every step (-vv: also every HTTP request and Slack call; secrets masked)")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser(
        "run",
        help="collect the configured sources, extract events, alert and digest (no Airflow)",
        description="Collect, extract, alert and digest, without Airflow.\n\nExamples:\n"
        "  spacemine run\n  spacemine run --source awards          # one family\n"
        "  spacemine run --source fpds:nasa-clps  # one source",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("--source", action="append", metavar="NAME",
                     help="a family (news, awards, filings, funding), a source id, or a source system "
                          "(usaspending, fpds, edgar, form_d); repeatable")

    extract = sub.add_parser(
        "extract",
        help="extract events from a JSONL file of texts (no warehouse)",
        description='Input lines: {"id", "title", "text", "published"}. Output lines: {"id", "events": [...]}.'
        "\n\nExample:\n  spacemine extract --input texts.jsonl --output events.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument("--input", required=True, type=Path, help="JSONL file of texts")
    extract.add_argument("--output", required=True, type=Path, help="JSONL file to write (replaced)")

    sources = sub.add_parser("sources", help="the configured sources and their health")
    sources.add_argument("action", choices=("status",))

    query = sub.add_parser(
        "query",
        help="run read-only SQL on the warehouse",
        description='Read-only SQL on the published warehouse copy.\n\nExample:\n'
        '  spacemine query "select type, count(*) from events group by 1"',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query.add_argument("sql", help="one SQL statement")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table",
                       help="table (default), csv with a header row, or json (an array of objects)")
    query.add_argument("--max-rows", type=int, default=200, help="rows shown in table format (default 200)")

    digest = sub.add_parser("digest", help="build and deliver the daily digest, or --preview it")
    digest.add_argument("--preview", action="store_true", help="print the digest without storing or sending it")
    digest.add_argument("--date", type=date.fromisoformat, default=None, help="digest date, YYYY-MM-DD (today)")

    alerts = sub.add_parser(
        "alerts",
        help="check the alert rules, preview what would fire, or backtest them over the history",
        description="Alert rules: validate, preview, backtest.\n\nExamples:\n"
        "  spacemine alerts check                 # the configured (or shipped) rules\n"
        "  spacemine alerts check my-rules.yaml   # a rules file before deploying it\n"
        "  spacemine alerts preview               # what the next run would post\n"
        "  spacemine alerts backtest --since 2026-01-01   # alerts per rule per week",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    alerts.add_argument("action", choices=("check", "preview", "backtest"))
    alerts.add_argument("rules_file", nargs="?", type=Path, default=None,
                        help="a YAML rules file (a list, or a mapping with `rules:`); default: the configured rules")
    alerts.add_argument("--since", type=date.fromisoformat, default=None,
                        help="backtest events recorded since this day, YYYY-MM-DD (default: all)")

    forecast = sub.add_parser(
        "forecast",
        help="bring indicators and forecast versions up to date and forecast as of now",
        description="Catch the indicators and the event-triggered forecast versions up with the event history,\n"
        "then forecast as of now (a new version only if an input changed).\n\nExamples:\n"
        "  spacemine forecast\n  spacemine forecast --reason 'new growth parameters'\n"
        "  spacemine forecast --rebuild      # replay the event history from scratch",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    forecast.add_argument("--reason", default="manual", help="recorded with the version (default: manual)")
    forecast.add_argument("--rebuild", action="store_true", help="rebuild indicators and event-driven versions")

    chart = sub.add_parser(
        "chart",
        help="write a chart as PNG (market-size, flows)",
        description="Charts: market-size (history and forecast by scenario), flows (contracts and funding by "
        "quarter).\n\nExample:\n  spacemine chart market-size --output market.png",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    chart.add_argument("name", choices=("market-size", "flows"))
    chart.add_argument("--output", type=Path, default=None, help="PNG path (default: data/charts/NAME.png)")

    demo = sub.add_parser("demo", help="the offline demo: recorded feeds through Airflow into the warehouse")
    demo.add_argument("--no-airflow", action="store_true", help="run the steps directly instead of via Airflow")

    reset = sub.add_parser("reset", help="delete the data directory's contents (warehouse, outbox, digests, Airflow)")
    reset.add_argument("--yes", action="store_true", help="do it (without this, only list what would go)")

    config = sub.add_parser("config", help="show the effective configuration (secrets masked)")
    config.add_argument("action", choices=("show",))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logs.configure({0: logging.WARNING, 1: logging.INFO}.get(args.verbose, logging.DEBUG))
    console = Console()
    err = Console(stderr=True)
    try:
        return _dispatch(args, console)
    except ConfigError as exc:
        err.print(f"[red]configuration error:[/red] {markup_escape(str(exc))}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130
    except Exception as exc:  # the message, not a traceback, unless --verbose
        from warehouse.db import WarehouseError, disk_full

        if args.verbose:
            raise
        if disk_full(exc) and not isinstance(exc, WarehouseError):
            err.print(f"[red]disk full:[/red] {markup_escape(str(exc))}: free some space and run again; "
                      "the warehouse keeps everything committed so far", highlight=False)
            return 1
        kind = "error" if not isinstance(exc, WarehouseError) else "warehouse"
        err.print(f"[red]{kind}:[/red] {markup_escape(logs.redact(str(exc)))}", highlight=False)
        return 1


def _dispatch(args: argparse.Namespace, console: Console) -> int:
    if args.command == "demo":
        from spacemine.demo.runner import run_demo

        return run_demo(use_airflow=not args.no_airflow, console=console)
    if args.command == "extract":
        return _extract(args.input, args.output, console)
    settings = load_settings()
    if args.command == "run":
        from spacemine.pipeline import run_all

        with console.status("running") as status:
            report = run_all(settings, progress=status.update, only=args.source)
        _print_run(report, console)
        failed = report["ingest"]["failed_sources"]
        return 0 if not failed else 3
    if args.command == "sources":
        return _sources_status(settings, console)
    if args.command == "query":
        return _query(settings, args.sql, args.format, args.max_rows, console)
    if args.command == "digest":
        from spacemine.pipeline import digest_step

        digest = digest_step(settings, args.date, preview=args.preview)
        console.print(Markdown(digest.message.markdown))
        if not args.preview:
            console.print(f"[dim]digest {digest.digest_date}: {digest.status}[/dim]")
        return 0
    if args.command == "alerts":
        return _alerts(settings, args.action, args.rules_file, args.since, console)
    if args.command == "forecast":
        return _forecast(settings, args.reason, args.rebuild, console)
    if args.command == "chart":
        from market.charts import render
        from warehouse.db import Warehouse

        output = args.output or settings.home / "charts" / f"{args.name}.png"
        with Warehouse.from_settings(settings).read() as con:
            render(con, args.name, output)
        console.print(f"wrote {output}")
        return 0
    if args.command == "reset":
        return _reset(settings.home, args.yes, console)
    if args.command == "config":
        console.print_json(json.dumps(settings.masked(), default=str))
        return 0
    raise AssertionError(args.command)


def _alerts(settings, action: str, rules_file: Path | None, since: date | None, console: Console) -> int:  # noqa: ANN001
    import yaml

    from alerts.backtest import backtest, preview
    from alerts.rules import RuleError, parse_rules, rules_from_settings
    from spacemine.pipeline import alert_horizon_days
    from warehouse.db import Warehouse

    try:
        if rules_file is not None:
            try:
                data = yaml.safe_load(rules_file.read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError) as exc:
                raise RuleError(f"{rules_file}: cannot read it as YAML ({exc})") from None
            raw = data.get("rules") if isinstance(data, dict) else data
            rules = parse_rules(raw if isinstance(raw, list) else [], str(rules_file))
            if not isinstance(raw, list) or not raw:
                raise RuleError(f"{rules_file}: no rules (expected a list, or `rules:` with a list)")
        else:
            rules = rules_from_settings(settings.rules)
    except RuleError as exc:
        Console(stderr=True).print(f"[red]invalid rules:[/red] {markup_escape(str(exc))}", highlight=False)
        return EXIT_USAGE
    horizon = alert_horizon_days(settings)
    if action == "check":
        table = Table("rule", "severity", "event types", "minimum USD", "description", title="Alert rules: valid")
        for rule in rules:
            table.add_row(rule.id, rule.severity, ", ".join(rule.event_types),
                          f"{rule.min_amount_usd:,.0f}" if rule.min_amount_usd is not None else "", rule.description)
        console.print(table)
        console.print(f"backfill horizon: {horizon} days" if horizon is not None else "backfill horizon: off")
        return 0
    with Warehouse.from_settings(settings).read() as con:
        if action == "preview":
            found = preview(con, rules, horizon)
            table = Table("rule", "severity", "type", "actors", "amount USD", "event date",
                          title=f"Alerts the next run would post: {len(found)}")
            for row in found:
                table.add_row(row["rule"], row["severity"], row["type"], markup_escape(row["actors"]),
                              f"{row['amount_usd']:,.0f}" if row["amount_usd"] is not None else "",
                              str(row["event_date"] or ""))
            console.print(table)
            return 0
        result = backtest(con, rules, since, horizon)
    table = Table("rule", *result.weeks, "total",
                  title=f"Backtest: alerts per rule per week ({result.events} events replayed)")
    for rule in rules:
        counts = result.counts.get(rule.id, {})
        table.add_row(rule.id, *(str(counts.get(week, 0)) for week in result.weeks), str(result.total(rule.id)))
    console.print(table)
    console.print(f"{result.suppressed} matching event(s) recorded more than {horizon} days after they happened "
                  "(a backfill) would not page." if horizon is not None else "backfill horizon off")
    return 0


def _forecast(settings, reason: str, rebuild: bool, console: Console) -> int:  # noqa: ANN001
    from spacemine.pipeline import market_step
    from warehouse.db import Warehouse

    report = market_step(settings, manual=True, reason=reason, rebuild=rebuild)
    new = report["new_versions"]
    console.print(f"forecast versions added: {', '.join(map(str, new)) or 'none (nothing changed)'}; "
                  f"current version: {report['current_version']}")
    with Warehouse.from_settings(settings).read() as con:
        rows = con.execute(
            """SELECT year, max(value_usd) FILTER (WHERE scenario = 'pessimistic'),
                      max(value_usd) FILTER (WHERE scenario IN ('baseline', 'history')),
                      max(value_usd) FILTER (WHERE scenario = 'optimistic')
               FROM market_size WHERE segment_dim = 'total' AND year IN (2019, 2024, 2025, 2030, 2035)
               GROUP BY year ORDER BY year"""
        ).fetchall()
    table = Table("year", "pessimistic", "baseline / history", "optimistic", title="Market size, USD billion")
    for year, low, mid, high in rows:
        table.add_row(str(year), *(f"{v / 1e9:.2f}" if v is not None else "" for v in (low, mid, high)))
    console.print(table)
    return 0


def _query(settings, sql: str, fmt: str, max_rows: int, console: Console) -> int:  # noqa: ANN001
    import duckdb

    from warehouse.db import Warehouse

    with Warehouse.from_settings(settings).read(external_access=False) as con:
        try:
            cursor = con.execute(sql)
        except duckdb.Error as exc:
            Console(stderr=True).print(f"[red]query failed:[/red] {markup_escape(str(exc))}", highlight=False)
            return EXIT_USAGE
        if cursor.description is None:
            return 0
        columns = [d[0] for d in cursor.description]
        json_columns = {i for i, d in enumerate(cursor.description) if str(d[1]).upper() == "JSON"}
        rows = cursor.fetchall()
    if json_columns and fmt == "json":  # JSON columns (payloads) as nested objects, not strings
        rows = [tuple(_load_json(v) if i in json_columns else v for i, v in enumerate(row)) for row in rows]
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in row] for row in rows])
    elif fmt == "json":
        sys.stdout.write(json.dumps([dict(zip(columns, map(_jsonable, row))) for row in rows], ensure_ascii=False,
                                    indent=2) + "\n")
    else:
        table = Table(*columns, show_lines=False)
        for row in rows[:max_rows]:
            table.add_row(*[_plain(v) for v in row])
        console.print(table)
        suffix = f" (showing {max_rows}; use --format csv for all)" if len(rows) > max_rows else ""
        console.print(f"[dim]{len(rows)} row(s){suffix}[/dim]")
    return 0


def _extract(input_path: Path, output_path: Path, console: Console) -> int:
    from spacemine.extract_io import ExtractInputError, extract_file

    if not input_path.is_file():
        Console(stderr=True).print(f"[red]no such input file:[/red] {markup_escape(str(input_path))}")
        return EXIT_USAGE
    try:
        with console.status("extracting") as status:
            count = extract_file(input_path, output_path, progress=lambda n: status.update(f"extracted {n} texts"))
    except ExtractInputError as exc:
        Console(stderr=True).print(f"[red]bad input:[/red] {markup_escape(str(exc))}", highlight=False)
        return EXIT_USAGE
    console.print(f"{count} texts -> {output_path}")
    return 0


def _print_run(report: dict[str, Any], console: Console) -> None:
    table = Table("source", "status", "items", "new", "updated", "error", title="Sources")
    for source in report["ingest"]["sources"]:
        style = "red" if source["status"] == "failed" else None
        table.add_row(source["source_id"], source["status"], str(source["items"]), str(source["new"]),
                      str(source["updated"]), markup_escape(source["error"] or ""), style=style)
    console.print(table)
    extract, alerts, digest = report["extract"], report["alerts"], report["digest"]
    console.print(
        f"events: {extract['new_events']} new, {extract['updated_events']} updated "
        f"(from {extract['documents']} new or changed documents)\n"
        f"alerts: {alerts['queued']} queued, {alerts['delivered']} delivered, {alerts['failed']} failed "
        f"via {alerts['sink']}\ndigest {digest['date']}: {digest['events']} events, {digest['status']}"
    )
    for line in report["ingest"]["failed_sources"]:
        console.print(f"[red]failed:[/red] {markup_escape(line)}", highlight=False)


def _sources_status(settings, console: Console) -> int:  # noqa: ANN001
    from extractors.registry import build_sources
    from warehouse.db import Warehouse, WarehouseMissing

    configured = build_sources(settings)
    try:
        with Warehouse.from_settings(settings).read() as con:
            cursor = con.execute(
                "SELECT source_id, last_success_at, consecutive_failures, last_status, last_error, items_last_fetch"
                " FROM source_state"
            )
            state = {row[0]: row for row in cursor.fetchall()}
    except WarehouseMissing:
        state = {}
    table = Table("source", "family", "last success (UTC)", "failures", "HTTP", "items", "last error")
    configured_ids = {source.id for source in configured}
    # Sources with history that the current configuration no longer names (another config
    # file, a renamed query) are listed too, so no stored failure is hidden.
    retired = [SimpleNamespace(id=source_id, family="(not configured)") for source_id in sorted(state)
               if source_id not in configured_ids]
    for source in [*configured, *retired]:
        row = state.get(source.id)
        if row is None:
            table.add_row(source.id, source.family, "never run", "", "", "", "")
            continue
        _, success, failures, status, error, items = row
        table.add_row(
            source.id, source.family, f"{success:%Y-%m-%d %H:%M}" if success else "never",
            str(failures), str(status or ""), str(items if items is not None else ""),
            markup_escape(error or "") if failures else "", style="red" if failures else None,
        )
    console.print(table)
    return 0


def _load_json(value: Any) -> Any:
    try:
        return json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return value


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(_jsonable(value), ensure_ascii=False)
    return str(_jsonable(value))


def _reset(home: Path, confirmed: bool, console: Console) -> int:
    present = [home / name for name in DATA_ENTRIES if (home / name).exists()]
    if not present:
        console.print(f"nothing to delete in {home}")
        return 0
    if not confirmed:
        console.print("would delete:\n" + "\n".join(f"  {p}" for p in present) + "\nrun again with --yes")
        return 0
    for path in present:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    console.print(f"deleted {len(present)} entries from {home}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
