"""The whole pipeline against the extraction step alone, in documents per second.

Input: the generated corpus (:mod:`benchmarks.corpus`) written as RSS feeds of ``--per-feed``
items each and served from a loopback HTTP server on 127.0.0.1.

- pipeline side: a fresh data directory whose only sources are those feeds, then the real
  steps, timed together: ``ingest`` (fetch over HTTP, parse with the news parser, keep the raw
  bodies, bulk-load the documents), ``extract_events`` (read the new documents back, extract,
  resolve and load the events, indicators) and ``market_step`` (indicators and forecast
  versions). Every write step commits, checkpoints and publishes the analysts' copy, as in
  production.
- extraction side: the same feed files parsed with the same parser outside the clock, then
  only ``EventExtractor.extract`` over those documents.

Both sides build the spaCy pipeline and warm the extractor on 20 documents before the clock
starts. The ratio is pipeline docs/s over extraction docs/s; the goal is at least 0.5 (the rest
of the pipeline costs no more than extraction does).

Run alone: ``python -m benchmarks.bench_pipeline [--docs 50000] [--per-feed 1000] [--rounds 1]``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from benchmarks import harness

MODULE = "benchmarks.bench_pipeline"
GOAL = 0.5


def _parsed(feed_dir: Path) -> list:
    """Every document of the feed files, parsed exactly as the news source parses them."""
    from datetime import datetime, timezone

    from extractors.news import parse_feed

    documents = []
    for path in sorted(feed_dir.glob("*.xml")):
        parsed = parse_feed(path.stem, "news", path.read_bytes(), {"content-type": "application/rss+xml"},
                            datetime.now(timezone.utc))
        documents.extend(parsed.documents)
    return documents


def _warm_extractor():  # noqa: ANN202
    """The pipeline's own extractor (default_nlp is cached per process), warmed on a few documents."""
    from benchmarks.corpus import generate
    from nlp.events import EventExtractor
    from nlp.pipeline import default_nlp

    extractor = EventExtractor(default_nlp(None))
    extractor.extract(generate(20, seed=99))  # regexes, gazetteer lookups: outside the clock
    return extractor


def side_pipeline(params: dict[str, Any]) -> dict[str, Any]:
    from spacemine import pipeline
    from warehouse.db import Warehouse, scalar

    feed_dir = Path(params["feed_dir"])
    _warm_extractor()
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-", dir=params.get("scratch")) as home, \
            harness.FeedServer(feed_dir) as server:
        settings = harness.bench_settings(Path(home), {p.stem: server.url(p.name) for p in sorted(feed_dir.glob("*.xml"))})
        with harness.Timer() as timer:
            ingested = pipeline.ingest(settings, ["news"])
            timer.lap("ingest (fetch, parse, load documents)")
            extracted = pipeline.extract_events(settings)
            timer.lap("extract_events (extract, resolve, load events, indicators)")
            market = pipeline.market_step(settings)
            timer.lap("market_step (indicators, forecasts)")
        with Warehouse.from_settings(settings).read() as con:
            counts = {t: scalar(con, f"SELECT count(*) FROM {t}") for t in ("documents", "events", "event_evidence")}
        warehouse_mib = settings.warehouse_path.stat().st_size / 2**20
    if ingested.failures:
        raise SystemExit(f"feeds failed: {[f.error for f in ingested.failures]}")
    return {"seconds": timer.seconds, "steps": timer.steps, "new_documents": ingested.new_documents,
            "candidates": extracted.candidates, "new_versions": len(market["new_versions"]),
            "warehouse_mib": round(warehouse_mib, 1), **counts}


def side_extraction(params: dict[str, Any]) -> dict[str, Any]:
    documents = _parsed(Path(params["feed_dir"]))
    extractor = _warm_extractor()
    with harness.Timer() as timer:
        found = extractor.extract(documents)
    return {"seconds": timer.seconds, "documents": len(documents), "candidates": sum(len(v) for v in found.values())}


SIDES = {"pipeline": side_pipeline, "extraction": side_extraction}


def figures(docs: int = 50000, per_feed: int = 1000, rounds: int = 1, progress=None,  # noqa: ANN001
            scratch: str | None = None) -> list[harness.Figure]:
    from benchmarks.corpus import generate, write_feeds

    with tempfile.TemporaryDirectory(prefix="bench-feeds-", dir=scratch) as work:
        feed_dir = Path(work) / "feeds"
        write_feeds(generate(docs), feed_dir, per_feed)
        sides = harness.run_sides(MODULE, ["pipeline", "extraction"],
                                  {"feed_dir": str(feed_dir), "scratch": scratch}, rounds=rounds, progress=progress)
    whole, alone = sides["pipeline"], sides["extraction"]
    if whole.info.get("new_documents") != docs or alone.info.get("documents") != docs:
        raise harness.BenchmarkError(f"expected {docs} documents on both sides, got {whole.info} / {alone.info}")
    ratio = alone.seconds / whole.seconds
    steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in whole.info["steps"].items())
    note = (f"pipeline over {docs:,} documents in {-(-docs // per_feed)} feeds: {steps}; "
            f"{whole.info['events']:,} events from {whole.info['candidates']:,} candidates; "
            f"warehouse {whole.info['warehouse_mib']} MiB")
    return [harness.Figure("pipeline", "whole pipeline vs extraction alone", ratio, whole, alone, "documents/s",
                           docs, goal=f">= {GOAL:.0%}", met=ratio >= GOAL, note=note)]


def main(argv: list[str] | None = None) -> None:
    harness.module_main(argv, __doc__, SIDES, [("--docs", {"type": int, "default": 50000}),
                                               ("--per-feed", {"type": int, "default": 1000}),
                                               ("--rounds", {"type": int, "default": 1})],
                        lambda a, p: figures(a.docs, a.per_feed, a.rounds, p))

if __name__ == "__main__":
    main()
