"""Warehouse bulk load against row-by-row ``executemany`` of the same rows, in rows per second.

Both sides start from the same generated documents and a fresh warehouse file with the
project's migrations applied (outside the clock), and time one transaction from
:class:`~spacemine.records.Document` objects to committed rows in ``documents`` and
``document_versions``:

- bulk side: :func:`warehouse.load.load_documents`, the loader the pipeline uses (one Arrow
  table registered as a staging table, change detection, then one set-based insert per table);
- row side: the same values (content hash, payload JSON) inserted with ``executemany``, one
  parameterised ``INSERT`` per row into each table, without change detection (the row side
  does less work, not more).

The ratio is bulk rows/s over row-by-row rows/s (a row here is one document, written to both
tables on each side).

Run alone: ``python -m benchmarks.bench_load [--rows 20000] [--rounds 3]``.
"""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from benchmarks import harness

MODULE = "benchmarks.bench_load"


def _fresh(directory: str):  # noqa: ANN202
    import duckdb

    from warehouse.db import apply_migrations

    con = duckdb.connect(str(Path(directory) / "warehouse.duckdb"))
    apply_migrations(con)
    return con


def _counts(con) -> dict[str, int]:  # noqa: ANN001
    from warehouse.db import scalar

    return {table: scalar(con, f"SELECT count(*) FROM {table}") for table in ("documents", "document_versions")}


def side_bulk(params: dict[str, Any]) -> dict[str, Any]:
    from benchmarks.corpus import generate
    from warehouse.load import load_documents

    documents = generate(params["rows"])
    now = datetime.now(timezone.utc)
    with tempfile.TemporaryDirectory(prefix="bench-load-") as scratch:
        con = _fresh(scratch)
        try:
            with harness.Timer() as timer:
                con.execute("BEGIN TRANSACTION")
                loaded = load_documents(con, documents, now)
                con.execute("COMMIT")
            counts = _counts(con)
        finally:
            con.close()
    return {"seconds": timer.seconds, "new": len(loaded.new), **counts}


def side_executemany(params: dict[str, Any]) -> dict[str, Any]:
    from benchmarks.corpus import generate

    documents = generate(params["rows"])
    now = datetime.now(timezone.utc)
    with tempfile.TemporaryDirectory(prefix="bench-load-") as scratch:
        con = _fresh(scratch)
        try:
            with harness.Timer() as timer:
                con.execute("BEGIN TRANSACTION")
                versions, current = [], []
                for d in documents:
                    digest = d.content_hash
                    payload = json.dumps(d.payload, ensure_ascii=False, default=str)
                    versions.append([d.doc_id, digest, now, d.title, d.text, payload])
                    current.append([d.doc_id, d.source_id, d.kind, d.external_id, d.url, d.title, d.published_at,
                                    d.fetched_at, now, now, d.text, payload, d.raw_fetch_id, digest, 1])
                con.executemany("INSERT INTO document_versions VALUES (?, ?, ?, ?, ?, ?::JSON)", versions)
                con.executemany(
                    "INSERT INTO documents (doc_id, source_id, kind, external_id, url, title, published_at, fetched_at,"
                    " first_seen_at, updated_at, text, payload, raw_fetch_id, content_hash, version)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::JSON, ?, ?, ?)",
                    current,
                )
                con.execute("COMMIT")
            counts = _counts(con)
        finally:
            con.close()
    return {"seconds": timer.seconds, "new": len(documents), **counts}


SIDES = {"bulk": side_bulk, "executemany": side_executemany}


def figures(rows: int = 20000, rounds: int = 3, progress=None) -> list[harness.Figure]:  # noqa: ANN001
    sides = harness.run_sides(MODULE, ["bulk", "executemany"], {"rows": rows}, rounds=rounds, progress=progress)
    bulk, single = sides["bulk"], sides["executemany"]
    for side in (bulk, single):
        if side.info["documents"] != rows or side.info["document_versions"] != rows:
            raise harness.BenchmarkError(f"{side.name} loaded {side.info}, expected {rows} rows in each table")
    return [harness.Figure("load", "bulk load (Arrow) vs executemany", single.seconds / bulk.seconds, bulk, single,
                           "rows/s", rows,
                           note=f"load: {rows:,} documents into documents + document_versions, one transaction each")]


def main(argv: list[str] | None = None) -> None:
    harness.module_main(argv, __doc__, SIDES, [("--rows", {"type": int, "default": 20000}),
                                               ("--rounds", {"type": int, "default": 3})],
                        lambda a, p: figures(a.rows, a.rounds, p))

if __name__ == "__main__":
    main()
