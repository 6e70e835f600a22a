"""``python -m benchmarks`` (``make bench``): every benchmark, one table of ratios, written to
``benchmarks/results/latest.md``.

Each figure is a ratio of two sides measured side by side in this run on the same input, each
side in a fresh process with its own peak memory (see :mod:`benchmarks.harness`):

- pipeline:   the whole pipeline vs the extraction step alone, documents/s, 50,000 documents
- extraction: the extractor vs spaCy's tokenizer alone, words/s
- load:       the warehouse's bulk load vs row-by-row ``executemany`` of the same rows, rows/s
- noop:       a run with nothing new, 100,000 vs 1,000 documents already stored (time ratio)
- views:      each analyst view vs a plain scan of the events table, 1,000,000 events (time ratio)

``--quick`` runs everything at a small size (about two minutes) and writes no file unless
``--output`` is given; ``--only pipeline,noop`` runs a subset. Each module also runs alone with
its own size options, e.g. ``python -m benchmarks.bench_pipeline --docs 5000``.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from benchmarks import bench_extraction, bench_load, bench_noop, bench_pipeline, bench_views, harness

Progress = Callable[[str], None] | None

# name -> (full size, quick size); each returns its figures.
BENCHMARKS: dict[str, tuple[Callable[[Progress], list[harness.Figure]], Callable[[Progress], list[harness.Figure]]]] = {
    "pipeline": (lambda p: bench_pipeline.figures(docs=50000, per_feed=1000, rounds=1, progress=p),
                 lambda p: bench_pipeline.figures(docs=1000, per_feed=250, rounds=1, progress=p)),
    "extraction": (lambda p: bench_extraction.figures(docs=2000, rounds=3, source=bench_extraction.default_source(),
                                                      progress=p),
                   lambda p: bench_extraction.figures(docs=300, rounds=1, source=bench_extraction.default_source(),
                                                      progress=p)),
    "load": (lambda p: bench_load.figures(rows=10000, rounds=3, progress=p),
             lambda p: bench_load.figures(rows=1000, rounds=1, progress=p)),
    "noop": (lambda p: bench_noop.figures(small=1000, large=100000, feed_items=100, rounds=3, progress=p),
             lambda p: bench_noop.figures(small=300, large=5000, feed_items=50, rounds=1, progress=p)),
    "views": (lambda p: bench_views.figures(events=1_000_000, repeats=3, rounds=2, progress=p),
              lambda p: bench_views.figures(events=50000, repeats=1, rounds=1, progress=p)),
}

NOTES = [
    "pipeline: ratio = pipeline docs/s over extraction-alone docs/s (goal: at least 50%).",
    "extraction: ratio = extraction words/s over tokenizer-only words/s (goal: at least 10%).",
    "load: ratio = bulk rows/s over executemany rows/s.",
    "noop: ratio = run time with the large history stored over run time with the small one (goal: at most 1.5).",
    "views: ratio = view time over the time of `SELECT * FROM events` read to the end (below 1: cheaper than a scan).",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run of every benchmark")
    parser.add_argument("--only", default="", help=f"comma-separated subset of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--output", type=Path, default=None,
                        help="Markdown results file (default: benchmarks/results/latest.md for a full run)")
    args = parser.parse_args(argv)
    chosen = [n.strip() for n in args.only.split(",") if n.strip()] or list(BENCHMARKS)
    unknown = sorted(set(chosen) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")

    began = time.perf_counter()
    report = harness.Report(machine=harness.machine())
    failed = []
    for name in chosen:
        full, quick = BENCHMARKS[name]
        started = time.perf_counter()
        try:
            figures = (quick if args.quick else full)(harness.print_progress)
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            failed.append(name)
            report.notes.append(f"{name}: FAILED: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
            continue
        report.figures += figures
        report.notes += [f.note for f in figures if f.note]
        harness.print_progress(f"{name}: done in {time.perf_counter() - started:.0f} s")
    report.notes = [n for n in NOTES if n.split(":", 1)[0] in chosen] + report.notes
    if args.quick:
        report.notes.insert(0, "QUICK RUN (small sizes): a smoke test, not the figures to quote.")
    report.seconds = time.perf_counter() - began
    print(harness.render_text(report))
    output = args.output or (None if args.quick else harness.RESULTS / "latest.md")
    if output is not None:
        print(f"\nwritten to {harness.write_markdown(report, output)}")
    missed = [f for f in report.figures if f.met is False]
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    if missed:
        print(f"goals not met: {', '.join(f'{f.benchmark} ({f.name})' for f in missed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
