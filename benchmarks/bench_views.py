"""Each analyst view over a million events against a plain scan of the events table.

Seeding (once, outside the clock, in its own process): a fresh warehouse with the project's
migrations and views (:mod:`warehouse.db`), the gazetteer's organisations, ``--events`` events
(default 1,000,000) with one evidence row and one version each and half as many documents,
all made in DuckDB SQL (:mod:`benchmarks.synthetic`), then the real indicator derivation over
that history, one real forecast version and copies of it (so version history has rows).

Sides, each in a fresh process opening the file read-only, as an analyst's session does:

- reference: ``SELECT * FROM events`` read to the end (into Arrow), the plainest full scan;
- one side per analyst view (every non-internal view in the file, so a view added later is
  measured too) and per as-of table macro (called with ``TIMESTAMPTZ`` now, or for
  ``market_size_as_of`` the time of the middle forecast version): ``SELECT * FROM <view>`` read to the end the same way.

Each side runs its query once to warm up, then ``--repeats`` times; the best time is kept. A
figure is view time over scan time: 2.0x means the view costs two full scans of the events table.

Run alone: ``python -m benchmarks.bench_views [--events 1000000] [--repeats 3] [--rounds 2]``.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from benchmarks import harness

MODULE = "benchmarks.bench_views"
SCAN = "SELECT * FROM events"
MID_HISTORY = {"market_size_as_of"}


def side_seed(params: dict[str, Any]) -> dict[str, Any]:
    import duckdb

    from benchmarks import synthetic
    from warehouse.db import apply_migrations, scalar

    path = Path(params["path"])
    events, batches = params["events"], params["batches"]
    end = datetime.now(timezone.utc) - timedelta(days=1)
    con = duckdb.connect(str(path))
    try:
        with harness.Timer() as timer:
            apply_migrations(con)
            con.execute("BEGIN TRANSACTION")
            pools = synthetic.seed_gazetteer(con)
            synthetic.insert_documents(con, max(1, events // 2), end, batches)
            times = synthetic.insert_events(con, events, end, batches, pools)
            con.execute("COMMIT")
            timer.lap("documents and events (SQL)")
            con.execute("BEGIN TRANSACTION")
            synthetic.derive_market(con, times[-1], versions=params["versions"])
            con.execute("COMMIT")
            timer.lap("indicators and forecasts (real derivation)")
            con.execute("CHECKPOINT")
        counts = {t: scalar(con, f"SELECT count(*) FROM {t}") for t in
                  ("documents", "events", "event_evidence", "event_versions", "indicator_values",
                   "forecast_versions", "forecast_values")}
        queries = {"scan": SCAN}
        for (name,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' "
                                   "ORDER BY view_name").fetchall():
            queries[name] = f'SELECT * FROM "{name}"'
        macros = con.execute("SELECT DISTINCT function_name, parameters FROM duckdb_functions() WHERE NOT internal "
                             "AND function_type = 'table_macro' AND schema_name = 'main' ORDER BY 1").fetchall()
        # The as-of time of a forecast macro is the middle version's (an older belief), else now.
        middle = scalar(con, "SELECT created_at FROM forecast_versions ORDER BY version_id "
                             "LIMIT 1 OFFSET (SELECT count(*) // 2 FROM forecast_versions)")
        for name, parameters in macros:
            if list(parameters) == ["ts"]:
                at = middle if name in MID_HISTORY and middle else datetime.now(timezone.utc)
                queries[f"{name}(ts)"] = f"SELECT * FROM \"{name}\"(TIMESTAMPTZ '{at.isoformat()}')"
    finally:
        con.close()
    return {"seconds": timer.seconds, "steps": timer.steps, "queries": queries, **counts,
            "warehouse_mib": round(path.stat().st_size / 2**20, 1)}


def side_query(params: dict[str, Any]) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect(params["path"], read_only=True)
    try:
        rows = con.execute(params["sql"]).to_arrow_table().num_rows  # warm-up: the file into the buffer pool
        best = float("inf")
        for _ in range(params["repeats"]):
            with harness.Timer() as timer:
                table = con.execute(params["sql"]).to_arrow_table()
            best = min(best, timer.seconds)
            rows = table.num_rows
            del table
    finally:
        con.close()
    return {"seconds": best, "rows": rows}


SIDES = {"seed": side_seed, "query": side_query}


def figures(events: int = 1_000_000, repeats: int = 3, rounds: int = 2, batches: int = 20, versions: int = 50,
            progress=None, scratch: str | None = None) -> list[harness.Figure]:  # noqa: ANN001
    with tempfile.TemporaryDirectory(prefix="bench-views-", dir=scratch) as work:
        path = Path(work) / "warehouse.duckdb"
        if progress:
            progress(f"bench_views: seeding {events:,} events")
        seeded, _ = harness.run_child(MODULE, "seed", {"path": str(path), "events": events, "batches": batches,
                                                       "versions": versions})
        queries: dict[str, str] = seeded["queries"]
        per_side = {name: {"sql": sql} for name, sql in queries.items()}
        sides = harness.run_sides(MODULE, list(queries), {"path": str(path), "repeats": repeats}, rounds=rounds,
                                  progress=progress, per_side=per_side)
    scan = sides.pop("scan")
    scan.name = "scan of events"
    found = []
    for name, side in sides.items():
        side.name = name
        found.append(harness.Figure("views", f"{name} vs plain scan", side.seconds / scan.seconds, side, scan, "s", 1,
                                    kind="time", note=""))
    found[0].note = (f"views: {seeded['events']:,} events, {seeded['documents']:,} documents, "
                     f"{seeded['indicator_values']:,} indicator rows, {seeded['forecast_versions']} forecast versions; "
                     f"warehouse {seeded['warehouse_mib']} MiB, seeded in {seeded['seconds']:.0f} s; rows returned: "
                     + ", ".join(f"{s.name} {s.info['rows']:,}" for s in [scan, *sides.values()]))
    return found


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    side = argv[argv.index("--side") + 1] if "--side" in argv else None
    harness.module_main(argv, __doc__, {side: SIDES.get(side, side_query)} if side else SIDES, [
        ("--events", {"type": int, "default": 1_000_000}), ("--repeats", {"type": int, "default": 3}),
        ("--rounds", {"type": int, "default": 2}),
        ("--batches", {"type": int, "default": 20, "help": "runs the history was recorded in"})],
        lambda a, p: figures(a.events, a.repeats, a.rounds, a.batches, progress=p))

if __name__ == "__main__":
    main()
