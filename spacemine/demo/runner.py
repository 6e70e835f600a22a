"""`make demo` / `spacemine demo`: the main job, offline, through real Airflow.

Starts the replay server with the recorded feeds on 127.0.0.1, writes a config whose sources
point at it, then runs the three DAGs with ``airflow dags test`` (SQLite metadata under the
data directory) and prints what came out: alerts, the digest, and how to query the warehouse.
The data directory is kept between runs, so a second run shows that nothing is fetched,
loaded or posted twice; ``spacemine reset`` starts over.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import yaml
from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel

from spacemine.demo.replay import ReplayServer
from spacemine.settings import Settings, load_settings, shipped_defaults

DAG_ORDER = ("ingest_news", "ingest_awards", "ingest_filings", "ingest_funding", "reforecast", "alerts",
             "daily_digest")


class DemoError(RuntimeError):
    pass


def find_dags_folder() -> Path:
    """The project's ``dags/`` folder (next to the package in a clone or editable install)."""
    for candidate in (Path.cwd() / "dags", Path(__file__).resolve().parents[2] / "dags"):
        if (candidate / "spacemine_ingest_news.py").is_file():
            return candidate
    raise DemoError("cannot find the dags/ folder: run the demo from the project directory")


def fixture_routes() -> list[Path]:
    """The ``routes.yaml`` of every recorded source family under ``demo/fixtures/``."""
    folder = Path(str(resources.files("spacemine").joinpath("demo", "fixtures")))
    return sorted(folder.glob("*/routes.yaml")) if folder.is_dir() else []


def write_demo_config(home: Path, server: ReplayServer, manifest: list[dict]) -> Path:
    """Every source pointed at the replay server; other settings stay at their defaults."""
    kinds = {s["id"]: s.get("kind", "news") for s in shipped_defaults()["sources"]["news"]}
    families: dict = {}
    news_options: dict = {}
    for routes in fixture_routes():
        config = server.load_routes(routes)
        news_options.update(config.pop("news_options", {}) or {})
        for key, value in config.items():
            families[key] = value
    config = {
        # EDGAR asks for a contact address in the User-Agent; the demo declares a reserved one.
        "user_agent": "spacemine-demo/0.1 (offline demo on 127.0.0.1; demo@spacemine.invalid)",
        "http": {"timeout_seconds": 10, "per_host_requests_per_second": 200},
        # The demo replays a recording made on fixed dates. Seen from today its items grow older
        # every day, and the backfill guard (alerts.horizon_days) would soon silence all of them;
        # the demo shows the alerts the recording would have raised when it was live.
        "alerts": {"horizon_days": None},
        "sources": {
            "news": [
                {"id": f["id"], "name": f["name"], "kind": kinds.get(f["id"], "news"), "url": server.url(f["path"]),
                 **news_options.get(f["id"], {})}
                for f in manifest
            ],
            **families,
        },
    }
    home.mkdir(parents=True, exist_ok=True)
    path = home / "demo-config.yaml"
    path.write_text(
        "# Written by `spacemine demo`: the recorded sources, served on 127.0.0.1 for this run.\n"
        + yaml.safe_dump(config, sort_keys=False),
        encoding="utf-8",
    )
    return path


def airflow_env(settings: Settings, config_path: Path, dags_folder: Path) -> dict[str, str]:
    airflow_home = settings.airflow_home
    airflow_home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "SPACEMINE_HOME": str(settings.home),
            "SPACEMINE_CONFIG": str(config_path),
            "AIRFLOW_HOME": str(airflow_home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(dags_folder),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{airflow_home}/airflow.db",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": env.get("AIRFLOW__LOGGING__LOGGING_LEVEL", "WARNING"),
            "PYTHONWARNINGS": "ignore",
        }
    )
    return env


def _airflow(args: list[str], env: dict[str, str], console: Console, label: str) -> None:
    airflow = Path(sys.executable).with_name("airflow")
    command = [str(airflow) if airflow.exists() else "airflow", *args]
    started = time.monotonic()
    with console.status(f"{label} …"):
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        console.print(f"[red]✗ {label} failed ({elapsed:.0f}s)[/red]")
        console.print(result.stdout[-4000:], result.stderr[-4000:], markup=False)
        raise DemoError(f"`airflow {' '.join(args)}` exited with {result.returncode}")
    console.print(f"[green]✓[/green] {label} ({elapsed:.0f}s)")


def run_demo(use_airflow: bool = True, console: Console | None = None) -> int:
    console = console or Console()
    base = load_settings()
    started = datetime.now(timezone.utc)
    server, manifest = ReplayServer.from_manifest()
    with server:
        config_path = write_demo_config(base.home, server, manifest)
        recorded = ", ".join(path.parent.name for path in fixture_routes())
        console.print(f"Replaying {len(manifest)} recorded feeds and the recorded {recorded} payloads "
                      f"on {server.base_url}")
        os.environ["SPACEMINE_CONFIG"] = str(config_path)
        os.environ["SPACEMINE_HOME"] = str(base.home)
        settings = load_settings()
        if use_airflow:
            env = airflow_env(settings, config_path, find_dags_folder())
            _airflow(["db", "migrate"], env, console, "Airflow metadata database ready")
            _airflow(["pools", "set", "spacemine_warehouse", "1", "spacemine DuckDB writers"], env, console,
                     "Airflow pool spacemine_warehouse")
            for dag_id in DAG_ORDER:
                _airflow(["dags", "test", dag_id], env, console, f"airflow dags test {dag_id}")
        else:
            from alerts.sinks import make_sink
            from spacemine.pipeline import run_all

            # The summary below prints what was posted; the sink itself stays quiet.
            sink = make_sink(settings, console=Console(quiet=True))
            run_all(settings, sink=sink, progress=lambda message: console.print(f"  {message}"))
    _summarise(settings, started, console)
    return 0


def _summarise(settings: Settings, started: datetime, console: Console) -> None:
    from warehouse.db import Warehouse

    with Warehouse.from_settings(settings).read() as con:
        counts = dict(con.execute("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall())
        kinds = dict(con.execute("SELECT kind, count(*) FROM documents GROUP BY 1 ORDER BY 1").fetchall())
        failing = con.execute(
            "SELECT source_id, last_error FROM source_state WHERE consecutive_failures > 0"
        ).fetchall()
        alerts = con.execute(
            "SELECT blocks->>'$.markdown' FROM alert_outbox WHERE delivered_at >= ? ORDER BY created_at",
            [started],
        ).fetchall()
        digests = con.execute(
            "SELECT digest_date, markdown, status FROM digests ORDER BY digest_date DESC LIMIT 1"
        ).fetchall()
        market = con.execute(
            """SELECT year, max(value_usd) FILTER (WHERE scenario = 'pessimistic'),
                      max(value_usd) FILTER (WHERE scenario IN ('baseline', 'history')),
                      max(value_usd) FILTER (WHERE scenario = 'optimistic'), max(version_id)
               FROM market_size WHERE segment_dim = 'total' AND year IN (2024, 2025, 2030, 2035)
               GROUP BY year ORDER BY year"""
        ).fetchall()
    digest = digests[0] if digests else None
    console.rule("Alerts posted in this run")
    if alerts:
        for (markdown,) in alerts:
            console.print(Panel(Markdown(markdown or ""), expand=False))
    else:
        console.print("No new alert (every alert is posted once; earlier ones stay in the outbox).")
    if digest:
        console.rule(f"Daily digest {digest[0]} ({digest[2]})")
        console.print(Markdown(digest[1]))
    for source_id, error in failing:
        console.print(f"[yellow]Source {source_id} is failing: {error}[/yellow]")
    if market:
        console.rule(f"Market size, USD billion (forecast version {market[0][4]})")
        console.print("year  pessimistic  baseline  optimistic\n" + "\n".join(
            f"{year}  " + "  ".join(f"{v / 1e9:>9.2f}" if v is not None else " " * 9 for v in values[:3])
            for year, *values in market))
    console.rule("Warehouse")
    console.print(
        "documents by kind: " + (", ".join(f"{k} {v}" for k, v in kinds.items()) or "none")
        + "\nevents by type: "
        + (", ".join(f"{k} {v}" for k, v in counts.items()) or "none")
        + f"\nWarehouse: {settings.warehouse_path}\nAnalysts' copy (read-only, refreshed after every step): "
        f"{settings.published_path}\nQuery it:\n"
        '  .venv/bin/spacemine query "select type, count(*) from events group by 1"\n'
        f"  duckdb -readonly {settings.published_path}\n"
        "Start over: make demo-reset"
    )
