"""Shared machinery of the benchmarks: each side in a fresh process, ratios, the results table.

Every figure is a ratio of two sides measured in the same run on the same input, so it carries
from one machine to another where absolute speeds do not. Each side runs in a fresh Python
process (``python -m benchmarks.<module> --side NAME``): its peak memory is that process's own
maximum resident set size, read by the parent with ``os.wait4`` when the child exits, so one
side's memory never bleeds into the other's. Rounds alternate the sides (A, B, A, B, ...), so
a slow patch of a shared machine hits both; the time kept is each side's best round, the peak
memory its largest.

The child does its own setup (imports, loading its input) before starting the clock and
reports the timed seconds plus any details as JSON in a result file.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"


class BenchmarkError(RuntimeError):
    """A side failed (non-zero exit, no result): the message carries its exit status and stderr tail."""


# One side in a fresh process ----------------------------------------------------------------
@dataclass
class Side:
    """One measured side: its best time, every round's time, its peak memory, what it reported."""

    name: str
    seconds: float
    rounds: list[float]
    peak_rss_bytes: int
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def peak_mib(self) -> float:
        return self.peak_rss_bytes / 2**20


def _maxrss_bytes(rusage: Any) -> int:
    # Linux reports kilobytes, macOS bytes.
    return int(rusage.ru_maxrss) * (1 if sys.platform == "darwin" else 1024)


def run_child(module: str, side: str, params: Mapping[str, Any], quiet: bool = True,
              timeout: float | None = None) -> tuple[dict[str, Any], int]:
    """Run ``python -m module --side side`` once; its JSON result and its peak RSS in bytes."""
    with tempfile.TemporaryDirectory(prefix="spacemine-bench-") as scratch:
        result_path = Path(scratch) / "result.json"
        stderr_path = Path(scratch) / "stderr.txt"
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
        command = [sys.executable, "-m", module, "--side", side, "--params", json.dumps(dict(params)),
                   "--result", str(result_path)]
        with open(stderr_path, "wb") as stderr:
            process = subprocess.Popen(command, cwd=PROJECT, env=env, stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL if quiet else None,
                                       stderr=stderr if quiet else None)
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if deadline is not None and time.monotonic() > deadline:
                    process.kill()
                    pid, status, rusage = os.wait4(process.pid, 0)
                    raise BenchmarkError(f"{module} --side {side} took over {timeout:.0f}s and was stopped")
                time.sleep(0.02)
            process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0 or not result_path.exists():
            tail = stderr_path.read_text(encoding="utf-8", errors="replace")[-3000:] if quiet else ""
            raise BenchmarkError(f"{module} --side {side} exited with {process.returncode}\n{tail}")
        return json.loads(result_path.read_text(encoding="utf-8")), _maxrss_bytes(rusage)


def run_sides(module: str, sides: Sequence[str], params: Mapping[str, Any], rounds: int = 1,
              quiet: bool = True, progress: Callable[[str], None] | None = None,
              per_side: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Side]:
    """Measure each side ``rounds`` times, alternating, each round in a fresh process."""
    found: dict[str, Side] = {}
    for number in range(1, rounds + 1):
        for side in sides:
            if progress:
                progress(f"{module.rsplit('.', 1)[-1]}: {side} (round {number}/{rounds})")
            result, peak = run_child(module, side, {**params, **(per_side or {}).get(side, {})}, quiet=quiet)
            seconds = float(result.pop("seconds"))
            if side not in found:
                found[side] = Side(side, seconds, [seconds], peak, result)
            else:
                entry = found[side]
                entry.rounds.append(seconds)
                entry.peak_rss_bytes = max(entry.peak_rss_bytes, peak)
                if seconds < entry.seconds:
                    entry.seconds, entry.info = seconds, result
    return found


def child_main(sides: Mapping[str, Callable[[dict[str, Any]], dict[str, Any]]], argv: Sequence[str]) -> None:
    """The child's entry point: run one side with its JSON parameters and write its result."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--side", required=True, choices=sorted(sides))
    parser.add_argument("--params", required=True)
    parser.add_argument("--result", required=True, type=Path)
    args = parser.parse_args(argv)
    result = sides[args.side](json.loads(args.params))
    if "seconds" not in result:
        raise SystemExit(f"side {args.side} reported no time")
    args.result.write_text(json.dumps(result, default=str), encoding="utf-8")


class Timer:
    """``with Timer() as t: ...`` then ``t.seconds``; ``t.lap(name)`` records named steps."""

    def __enter__(self) -> "Timer":
        self.began = self._last = time.perf_counter()
        self.steps: dict[str, float] = {}
        return self

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.steps[name] = self.steps.get(name, 0.0) + now - self._last
        self._last = now

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.began


# Figures --------------------------------------------------------------------------------------
@dataclass
class Figure:
    """One ratio: what is measured against what, the goal, and both sides."""

    benchmark: str
    name: str
    ratio: float
    measured: Side
    reference: Side
    unit: str                      # what the rates count ("documents/s", "words/s", "rows/s"; "s": times only)
    work: float                    # how much of that unit each side processed (rates = work / seconds)
    kind: str = "speed"            # speed: measured speed / reference speed; time: measured time / reference time
    goal: str = ""
    met: bool | None = None        # None: no goal for this figure
    note: str = ""

    @property
    def finite(self) -> bool:
        return math.isfinite(self.ratio) and self.ratio > 0


def rate(work: float, seconds: float) -> float:
    return work / seconds if seconds > 0 else float("inf")


@dataclass
class Report:
    """Every figure of a run plus the machine it ran on."""

    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    machine: dict[str, str] = field(default_factory=dict)
    started: str = field(default_factory=lambda: datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    seconds: float = 0.0


def machine() -> dict[str, str]:
    import duckdb

    try:
        import spacy

        spacy_version = spacy.__version__
    except ImportError:  # pragma: no cover
        spacy_version = "-"
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):  # pragma: no cover
        pass
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "spacy": spacy_version,
    }


def _fmt_rate(value: float) -> str:
    if not math.isfinite(value):
        return "inf"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def _fmt_seconds(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _fmt_ratio(figure: Figure) -> str:
    if figure.kind == "speed" and figure.ratio < 1:
        return f"{figure.ratio:.1%}"
    if figure.ratio >= 0.1:
        return f"{figure.ratio:.2f}x"
    return f"{figure.ratio:.3f}x"


def _goal_cell(figure: Figure) -> str:
    if not figure.goal:
        return ""
    return f"{figure.goal} {'met' if figure.met else 'NOT MET'}"


COLUMNS = ("benchmark", "figure", "ratio", "goal", "measured side", "reference side")


def _side_cell(side: Side, figure: Figure) -> str:
    if figure.unit == "s":
        return f"{side.name}: {_fmt_seconds(side.seconds)} s, peak {side.peak_mib:,.0f} MiB"
    return (f"{side.name}: {_fmt_rate(rate(figure.work, side.seconds))} {figure.unit} "
            f"({_fmt_seconds(side.seconds)} s), peak {side.peak_mib:,.0f} MiB")


def rows(report: Report) -> list[tuple[str, ...]]:
    return [(f.benchmark, f.name, _fmt_ratio(f), _goal_cell(f), _side_cell(f.measured, f), _side_cell(f.reference, f))
            for f in report.figures]


def render_text(report: Report) -> str:
    table = [COLUMNS, *rows(report)]
    widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS))]
    lines = [f"spacemine benchmarks, {report.started}, {report.seconds:.0f} s in all"]
    lines += [f"  {key}: {value}" for key, value in report.machine.items()]
    lines.append("")
    for index, row in enumerate(table):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    if report.notes:
        lines.append("")
        lines += [f"- {note}" for note in report.notes]
    return "\n".join(lines)


def render_markdown(report: Report) -> str:
    lines = ["# spacemine benchmarks", "",
             f"Run {report.started}, {report.seconds:.0f} s in all (`make bench`, i.e. `python -m benchmarks`).", "",
             "Each ratio compares two sides measured in the same run on the same input, each side in a fresh",
             "process (best round's time, largest peak resident memory of its rounds).", "",
             "| machine | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in report.machine.items()]
    lines += ["", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows(report)]
    if report.notes:
        lines += ["", "Notes:", ""]
        lines += [f"- {note}" for note in report.notes]
    return "\n".join(lines) + "\n"


def write_markdown(report: Report, path: Path | None = None) -> Path:
    path = path or RESULTS / "latest.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_markdown(report), encoding="utf-8")
    return path


def print_progress(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


def standalone(figures_of: Callable[[argparse.Namespace, Callable[[str], None] | None], list[Figure]],
               args: argparse.Namespace, notes: Sequence[str] = ()) -> Report:
    """What a module's ``main`` does when run alone: measure, print the table (no file written)."""
    began = time.perf_counter()
    report = Report(machine=machine())
    report.figures = figures_of(args, print_progress)
    report.notes = list(notes) + [n for f in report.figures for n in ([f.note] if f.note else [])]
    report.seconds = time.perf_counter() - began
    print(render_text(report))
    return report


def module_main(argv: Sequence[str] | None, doc: str,
                sides: Mapping[str, Callable[[dict[str, Any]], dict[str, Any]]],
                options: Sequence[tuple[str, dict[str, Any]]],
                figures_of: Callable[[argparse.Namespace, Callable[[str], None] | None], list[Figure]]) -> None:
    """A benchmark module's ``main``: a measured side when the runner asks for one (``--side``),
    otherwise the module's figures measured alone with its own size options."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--side" in argv:
        child_main(sides, argv)
        return
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    for flag, settings in options:
        parser.add_argument(flag, **settings)
    standalone(figures_of, parser.parse_args(argv))


# Loopback feeds ---------------------------------------------------------------------------------
class _Quiet(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".xml": "application/rss+xml"}

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return

    def end_headers(self) -> None:  # no validators: every GET is a full 200, like a feed without ETag
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "last-modified":
            return
        super().send_header(keyword, value)


class FeedServer:
    """Serve a directory of feed files on 127.0.0.1 (a thread; every request answered 200)."""

    def __init__(self, directory: Path) -> None:
        handler = partial(_Quiet, directory=str(directory))
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, name: str) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/{name}"

    def __enter__(self) -> "FeedServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


# Pipeline settings --------------------------------------------------------------------------------
OTHER_FAMILIES = ("usaspending", "fpds", "sam_contract_awards", "sam_opportunities", "edgar", "form_d")


def bench_settings(home: Path, feeds: Mapping[str, str]):  # noqa: ANN201 - spacemine.settings.Settings
    """Settings for a data directory whose only sources are the given feeds (id -> URL)."""
    import yaml

    from spacemine.settings import load_settings

    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    config = {
        "user_agent": "spacemine-bench/1.0 (bench@example.com)",
        "http": {"timeout_seconds": 60, "per_host_requests_per_second": 100000},
        "sources": {**{family: {"enabled": False} for family in OTHER_FAMILIES},
                    "news": [{"id": k, "name": k, "url": v, "kind": "news"} for k, v in feeds.items()]},
    }
    path = home / "bench-config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return load_settings(env={"SPACEMINE_HOME": str(home), "SPACEMINE_CONFIG": str(path)})
