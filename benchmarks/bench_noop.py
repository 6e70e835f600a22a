"""A run with nothing new: 100,000 documents already in the warehouse against 1,000.

A scheduled run mostly finds nothing new; its cost must not grow with the history. Both sides
run the same steps over the same feed (``--feed-items`` items, default 100, served from a
loopback HTTP server on 127.0.0.1 without ETag or Last-Modified, so it is fetched and parsed in
full every time) whose items are all already stored and extracted:

    ingest -> extract_events -> market_step -> queue_alerts_step -> deliver_alerts_step

(what ``spacemine run`` and the DAGs do, less the once-a-day digest), each write step
committing, checkpointing and publishing the analysts' copy. Only the warehouse differs: one
holds ``--small`` documents, the other ``--large``.

Seeding (once per size, outside the clock, in a process of its own): the history's documents are
generated texts bulk-loaded with :func:`warehouse.load.load_documents` in ``--batches`` runs,
with one kept raw feed body per 100 documents; its events (one per document, with evidence and
versions) are made in SQL by :mod:`benchmarks.synthetic`; indicators are derived over them
with the real derivation and a forecast version is made; alerts already sent for them are in
the outbox. Then the real pipeline loads the feed's items once. Each measured round copies the
seeded data directory, makes one untimed run (imports, caches, page cache: a long-lived worker's
state), then times the next one and checks that it found nothing new.

The figure is the ratio of the two run times (large over small); the goal is at most 1.5.

Run alone: ``python -m benchmarks.bench_noop [--small 1000] [--large 100000] [--rounds 3]``.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from benchmarks import harness

MODULE = "benchmarks.bench_noop"
GOAL = 1.5
FEED_ID = "bench_wire_0000"
ALERTED = """
    INSERT INTO alert_outbox (alert_id, rule_id, event_id, created_at, severity, text, blocks, status, attempts,
                              last_attempt_at, delivered_at, delivered_to, channel, subject)
    SELECT left(sha256('alert' || chr(31) || $rule || chr(31) || event_id), 20), $rule, event_id, first_seen_at,
           $severity, 'benchmark history alert', NULL, 'delivered', 1, first_seen_at, first_seen_at, 'console', NULL,
           actor_ids[1]
    FROM events WHERE {where}
    ON CONFLICT DO NOTHING
"""


def _feed_urls(feed_dir: Path, server: harness.FeedServer) -> dict[str, str]:
    return {p.stem: server.url(p.name) for p in sorted(feed_dir.glob("*.xml"))}


def _run(settings, sink, timer: harness.Timer | None = None) -> dict[str, Any]:  # noqa: ANN001
    """The steps of a run, in order; what each reported that would show new work."""
    from spacemine import pipeline

    def lap(name: str) -> None:
        if timer is not None:
            timer.lap(name)

    ingested = pipeline.ingest(settings, ["news"])
    lap("ingest")
    extracted = pipeline.extract_events(settings)
    lap("extract_events")
    market = pipeline.market_step(settings)
    lap("market_step")
    queued = pipeline.queue_alerts_step(settings)
    delivered = pipeline.deliver_alerts_step(settings, sink=sink)
    lap("alerts")
    return {"items": sum(s.items for s in ingested.sources), "failed": len(ingested.failures),
            "new_documents": ingested.new_documents, "updated_documents": ingested.updated_documents,
            "documents_to_extract": extracted.documents, "new_events": len(extracted.new_events),
            "new_versions": len(market["new_versions"]), "queued": len(queued), "delivered": delivered["delivered"]}


def _nothing_new(outcome: dict[str, Any]) -> bool:
    return outcome["items"] > 0 and not outcome["failed"] and not any(
        outcome[k] for k in ("new_documents", "updated_documents", "documents_to_extract", "new_events",
                             "new_versions", "queued", "delivered"))


def _sink(settings):  # noqa: ANN001, ANN202 - the console sink, never Slack or Airflow's connections
    from rich.console import Console

    from alerts.sinks import ConsoleFileSink

    return ConsoleFileSink(settings.outbox_dir, Console(quiet=True))


def side_seed(params: dict[str, Any]) -> dict[str, Any]:
    """Seed every size asked for, one after the other (one process: spaCy is loaded once)."""
    seeded = {name: _seed({**params, **size}) for name, size in params["sizes"].items()}
    return {"seconds": sum(s["seconds"] for s in seeded.values()), "seeded": seeded}


def _seed(params: dict[str, Any]) -> dict[str, Any]:
    from alerts.rules import EventRule, rules_from_settings
    from benchmarks import synthetic
    from benchmarks.corpus import generate, rss, write_feeds
    from spacemine.records import Document
    from warehouse.db import Warehouse, scalar
    from warehouse.load import load_documents, save_raw_fetch

    work, docs, feed_items, batches = Path(params["work"]), params["docs"], params["feed_items"], params["batches"]
    history_count = docs - feed_items
    if history_count < 1:
        raise SystemExit("--small and --large must exceed --feed-items")
    feed_dir, home = work / "feeds", work / "home"
    feed = [replace(d, doc_id=f"wire-{i}") for i, d in enumerate(generate(feed_items, seed=11))]
    write_feeds(feed, feed_dir, per_feed=feed_items, prefix="bench_wire")

    with harness.Timer() as timer, harness.FeedServer(feed_dir) as server:
        settings = harness.bench_settings(home, _feed_urls(feed_dir, server))
        end = datetime.now(timezone.utc) - timedelta(days=1)
        times = synthetic.batch_times(end, batches)
        history = [replace(d, source_id="history", doc_id=Document.make_id("history", f"hist-{i}"),
                           external_id=f"hist-{i}") for i, d in enumerate(generate(history_count, seed=7))]
        with Warehouse.from_settings(settings).write() as con:
            # One kept feed body per 100 documents, as the news sources keep every distinct body.
            for start in range(0, len(history), 100):
                group = history[start:start + 100]
                body = rss(group)
                fetched = times[min(len(times) - 1, start * len(times) // len(history))]
                fetch_id = save_raw_fetch(con, "history", "https://news.example.com/feed", 200,
                                          {"content-type": "application/rss+xml"}, body, fetched)
                history[start:start + 100] = [replace(d, raw_fetch_id=fetch_id) for d in group]
            per_batch = -(-len(history) // len(times))
            for number, at in enumerate(times):
                load_documents(con, history[number * per_batch:(number + 1) * per_batch], at)
            con.execute("UPDATE documents SET extracted_hash = content_hash, needs_extraction = false")
            pools = synthetic.seed_gazetteer(con)
            synthetic.insert_events(con, history_count, end, batches, pools, doc_source="history")
            synthetic.derive_market(con, times[-1], versions=batches)
            for rule in rules_from_settings(settings.rules):
                if isinstance(rule, EventRule) and not (rule.organisations or rule.programs or rule.segments):
                    where = [f"type IN ({', '.join(repr(t) for t in rule.event_types)})"]
                    if rule.min_amount_usd is not None:
                        where.append(f"amount_usd >= {float(rule.min_amount_usd)}")
                    if rule.outcomes:
                        where.append(f"outcome IN ({', '.join(repr(o) for o in rule.outcomes)})")
                    con.execute(ALERTED.format(where=" AND ".join(where)), {"rule": rule.id, "severity": rule.severity})
        timer.lap("history")
        sink = _sink(settings)
        first = _run(settings, sink)  # the feed's items: new documents, events, maybe alerts
        with Warehouse.from_settings(settings).write() as con:
            con.execute("UPDATE alert_outbox SET status = 'delivered', delivered_at = now(), delivered_to = 'console' "
                        "WHERE status <> 'delivered'")
        timer.lap("first run")
    with Warehouse.from_settings(settings).read() as con:
        counts = {t: scalar(con, f"SELECT count(*) FROM {t}") for t in
                  ("documents", "events", "event_evidence", "raw_fetches", "alert_outbox", "indicator_values")}
    return {"seconds": timer.seconds, "steps": timer.steps, "first_run": first, "home": str(home),
            "feed_dir": str(feed_dir), "warehouse_mib": round(settings.warehouse_path.stat().st_size / 2**20, 1),
            **counts}


def side_run(params: dict[str, Any]) -> dict[str, Any]:
    from nlp.pipeline import default_nlp

    seed_home, feed_dir = Path(params["home"]), Path(params["feed_dir"])
    default_nlp(None)  # built once per process (cached), as in a long-lived worker: not what this measures
    with tempfile.TemporaryDirectory(prefix="bench-noop-", dir=params.get("scratch")) as scratch, \
            harness.FeedServer(feed_dir) as server:
        home = Path(scratch) / "home"
        shutil.copytree(seed_home, home)
        settings = harness.bench_settings(home, _feed_urls(feed_dir, server))
        sink = _sink(settings)
        _run(settings, sink)  # imports, caches, the file in the page cache: a worker's second run is timed
        with harness.Timer() as timer:
            outcome = _run(settings, sink, timer)
    if not _nothing_new(outcome):
        raise SystemExit(f"expected a run with nothing new, got {outcome}")
    return {"seconds": timer.seconds, "steps": timer.steps, **outcome}


SIDES = {"seed": side_seed, "small": side_run, "large": side_run}


def figures(small: int = 1000, large: int = 100000, feed_items: int = 100, batches: int = 20, rounds: int = 3,
            progress=None, scratch: str | None = None) -> list[harness.Figure]:  # noqa: ANN001
    with tempfile.TemporaryDirectory(prefix="bench-noop-seed-", dir=scratch) as work:
        if progress:
            progress(f"bench_noop: seeding warehouses with {small:,} and {large:,} documents")
        sizes = {name: {"work": str(Path(work) / name), "docs": docs} for name, docs in (("small", small), ("large", large))}
        result, _ = harness.run_child(MODULE, "seed", {"sizes": sizes, "feed_items": feed_items, "batches": batches})
        seeded: dict[str, dict[str, Any]] = result["seeded"]
        per_side = {name: {"home": s["home"], "feed_dir": s["feed_dir"]} for name, s in seeded.items()}
        sides = harness.run_sides(MODULE, ["large", "small"], {"scratch": scratch}, rounds=rounds, progress=progress,
                                  per_side=per_side)
    big, little = sides["large"], sides["small"]
    big.name, little.name = f"{large:,} known", f"{small:,} known"
    ratio = big.seconds / little.seconds
    steps = "; ".join(f"{side.name}: " + ", ".join(f"{k} {v:.2f} s" for k, v in side.info["steps"].items())
                      for side in (big, little))
    sizes = "; ".join(f"{name} warehouse {s['warehouse_mib']} MiB ({s['documents']:,} documents, {s['events']:,} "
                      f"events, {s['raw_fetches']:,} raw bodies, {s['alert_outbox']:,} alerts, seeded in "
                      f"{s['seconds']:.0f} s)" for name, s in seeded.items())
    note = f"nothing new, a feed of {feed_items} known items: {steps}. {sizes}"
    return [harness.Figure("noop", f"run with nothing new, {large:,} vs {small:,} documents", ratio, big, little, "s",
                           1, kind="time", goal=f"<= {GOAL}", met=ratio <= GOAL, note=note)]


def main(argv: list[str] | None = None) -> None:
    harness.module_main(argv, __doc__, SIDES, [
        ("--small", {"type": int, "default": 1000}), ("--large", {"type": int, "default": 100000}),
        ("--feed-items", {"type": int, "default": 100}),
        ("--batches", {"type": int, "default": 20, "help": "runs the history was loaded in"}),
        ("--rounds", {"type": int, "default": 3})],
        lambda a, p: figures(a.small, a.large, a.feed_items, a.batches, a.rounds, p))

if __name__ == "__main__":
    main()
