"""Charts as PNG files: market size by scenario, and contract and funding flows by quarter.

matplotlib with the Agg backend (no display needed). Each chart reads the warehouse through a
connection it is given and writes one file; the digest attaches them, `spacemine chart NAME`
writes them for analysts.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

CHARTS = {
    "market-size": "market size history and forecast by scenario (USD billion)",
    "flows": "contract value awarded and private funding raised per quarter (USD million)",
}
_COLOURS = {"history": "#333333", "baseline": "#1f77b4", "optimistic": "#2ca02c", "pessimistic": "#d62728"}


class ChartError(ValueError):
    """An unknown chart, or nothing yet to draw it from."""


def render(con: duckdb.DuckDBPyConnection, name: str, output: Path) -> Path:
    if name not in CHARTS:
        raise ChartError(f"unknown chart {name!r}: choose one of {', '.join(sorted(CHARTS))}")
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(9, 5), dpi=110)
    try:
        if name == "market-size":
            _market_size(con, axes)
        else:
            _flows(con, axes)
        axes.grid(alpha=0.3)
        figure.tight_layout()
        output.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(output, format="png")
    finally:
        pyplot.close(figure)
    return output


def _market_size(con: duckdb.DuckDBPyConnection, axes) -> None:  # noqa: ANN001 - a matplotlib Axes
    rows = con.execute(
        "SELECT scenario, year, value_usd FROM market_size WHERE segment_dim = 'total' ORDER BY scenario, year"
    ).fetchall()
    if not rows:
        raise ChartError("no forecast yet: run `spacemine forecast` (or load a contract award) first")
    series: dict[str, list[tuple[int, float]]] = {}
    for scenario, year, value in rows:
        series.setdefault(scenario, []).append((year, value / 1e9))
    history_end = series.get("history", [])[-1:] or []
    for scenario in ("history", "pessimistic", "baseline", "optimistic"):
        points = series.get(scenario)
        if not points:
            continue
        if scenario != "history":
            points = history_end + points  # join the forecast to the base year
        axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", markersize=3,
                  label=scenario, color=_COLOURS[scenario], linestyle="-" if scenario == "history" else "--")
    version = con.execute("SELECT max(version_id), max(created_at) FROM market_size").fetchall()[0]
    axes.set_title(f"Space-mining market size (forecast version {version[0]}, {version[1]:%Y-%m-%d})")
    axes.set_xlabel("year")
    axes.set_ylabel("USD billion")
    axes.legend()


def _flows(con: duckdb.DuckDBPyConnection, axes) -> None:  # noqa: ANN001
    rows = con.execute(
        """
        SELECT date_trunc('quarter', valid_date) AS quarter,
               sum(value) FILTER (WHERE indicator = 'contract_value_usd' AND amount_kind <> 'ceiling') / 1e6 AS contracts,
               sum(value) FILTER (WHERE indicator = 'funding_usd') / 1e6 AS funding
        FROM latest_series WHERE dimension = 'total' GROUP BY 1 ORDER BY 1
        """.replace("latest_series", "indicators_as_of(TIMESTAMPTZ '9999-12-31 00:00:00+00')")
    ).fetchall()
    if not rows:
        raise ChartError("no contract or funding events yet: run `spacemine run` or `make demo` first")
    labels = [f"{q.year} Q{(q.month - 1) // 3 + 1}" for q, _, _ in rows]
    positions = range(len(rows))
    axes.bar([p - 0.2 for p in positions], [c or 0 for _, c, _ in rows], width=0.4, label="contracts (no ceilings)")
    axes.bar([p + 0.2 for p in positions], [f or 0 for _, _, f in rows], width=0.4, label="private funding")
    axes.set_xticks(list(positions), labels, rotation=45, ha="right")
    axes.set_title("Contract value awarded and private funding raised per quarter")
    axes.set_ylabel("USD million")
    axes.legend()
