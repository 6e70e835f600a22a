"""The benchmarks must not rot: each one runs at a tiny size and gives finite, positive ratios.

Issue 7: `make bench` runs every benchmark (benchmarks/). These tests run the same code paths
(a fresh process per side, peak memory, the real pipeline steps, the seeded warehouses, every
analyst view) on a few dozen documents; the benchmarks run two at a time (their sides are
separate processes) so the whole file takes seconds. The figures themselves mean nothing at
this size.
"""

from __future__ import annotations

import json
import math
from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks import bench_extraction, bench_load, bench_noop, bench_pipeline, bench_views, harness

TINY = {  # longest first
    "noop": lambda: bench_noop.figures(small=30, large=120, feed_items=20, batches=3, rounds=1),
    "pipeline": lambda: bench_pipeline.figures(docs=40, per_feed=20, rounds=1),
    "views": lambda: bench_views.figures(events=3000, repeats=1, rounds=1, batches=3, versions=3),
    "extraction": lambda: bench_extraction.figures(docs=30, rounds=1, source=None),
    "load": lambda: bench_load.figures(rows=200, rounds=1),
}


@pytest.fixture(scope="module")
def results() -> dict[str, list[harness.Figure] | BaseException]:
    def attempt(run):  # noqa: ANN001, ANN202
        try:
            return run()
        except BaseException as exc:  # reported by the test of that benchmark
            return exc

    with ThreadPoolExecutor(max_workers=2) as pool:  # two at a time: most sides are CPU-bound
        futures = {name: pool.submit(attempt, run) for name, run in TINY.items()}
        return {name: future.result() for name, future in futures.items()}


def _figures(results, name: str) -> list[harness.Figure]:  # noqa: ANN001
    found = results[name]
    if isinstance(found, BaseException):
        raise found
    assert found, f"{name} gave no figures"
    return found


@pytest.mark.parametrize("name", list(TINY))
def test_benchmark_gives_finite_positive_ratios_and_both_sides(results, name):
    for figure in _figures(results, name):
        assert figure.finite, f"{figure.benchmark} {figure.name}: ratio {figure.ratio}"
        for side in (figure.measured, figure.reference):
            assert math.isfinite(side.seconds) and side.seconds > 0, side
            assert side.peak_rss_bytes > 10 * 2**20, f"{side.name}: peak memory {side.peak_rss_bytes} bytes"
        assert (figure.met is None) == (not figure.goal)


def test_views_benchmark_covers_every_documented_view(results):
    measured = {f.measured.name for f in _figures(results, "views")}
    documented = {"event_sources", "contract_awards", "funding_rounds", "filings", "latest_indicators",
                  "indicators_as_of(ts)", "mission_stats", "market_size", "market_size_as_of(ts)", "forecast_history",
                  "forecast_attribution_detail", "company_scorecard"}
    assert documented <= measured


def test_report_renders_every_ratio_and_the_machine(results, tmp_path):
    figures = [f for name in TINY for f in _figures(results, name)]
    report = harness.Report(figures=figures, machine=harness.machine(), seconds=1.0)
    text, path = harness.render_text(report), harness.write_markdown(report, tmp_path / "latest.md")
    markdown = path.read_text(encoding="utf-8")
    for key in ("python", "duckdb", "cpus", "platform"):
        assert report.machine[key] and key in markdown
    for figure in figures:
        assert figure.name in text and figure.name in markdown
    assert markdown.count("\n| ") >= len(figures) + 1


def test_extraction_goal_is_judged_on_real_text_only(results, tmp_path):
    """The generated corpus's few distinct sentences let spaCy's tokenizer answer from its cache: no verdict there;
    texts given with --input (or the labelled set) get one."""
    generated = _figures(results, "extraction")[0]
    assert (generated.goal, generated.met) == ("", None) and "real texts" in generated.note
    source = tmp_path / "texts.jsonl"
    source.write_text("\n".join(json.dumps({"id": f"t{i}", "title": "NASA awards lander contract",
                                            "text": f"NASA has awarded Crater Robotics a ${i + 2} million contract.",
                                            "published": "2026-03-10"}) for i in range(3)) + "\n", encoding="utf-8")
    figure = bench_extraction.figures(docs=6, rounds=1, source=source)[0]
    assert figure.goal == ">= 10%" and figure.met == (figure.ratio >= bench_extraction.GOAL)
