"""One row per run (model, strategy, benchmark) with its metrics, intervals and cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from rich.table import Table

from adhere.report._runs import LoadedRun

__all__ = ["LeaderRow", "leaderboard_rows", "leaderboard_table"]

_HEADLINE = ("prompt_strict", "prompt_loose", "instruction_strict", "instruction_loose")


@dataclass(frozen=True)
class LeaderRow:
    run: str
    model: str
    strategy: str
    benchmark: str
    n: int
    errors: int
    complete: bool
    #: metric name -> (value, low, high) of its 95% interval.
    metrics: dict[str, tuple[float, float, float]]
    calls_per_sample: float
    tokens_per_sample: float

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["metrics"] = {k: {"value": v, "ci95": [lo, hi]} for k, (v, lo, hi) in self.metrics.items()}
        return out


def _row(run: LoadedRun) -> LeaderRow:
    results = run.results
    headline = results.metrics.headline()
    return LeaderRow(
        run=run.label,
        model=run.model,
        strategy=run.strategy,
        benchmark=run.benchmark,
        n=results.metrics.n,
        errors=results.errors,
        complete=results.complete,
        metrics={
            name: (float(headline[name]), *results.intervals.get(name, (0.0, 0.0))) for name in _HEADLINE
        },
        calls_per_sample=round(run.calls_per_sample, 3),
        tokens_per_sample=round(run.tokens_per_sample, 1),
    )


def leaderboard_rows(runs: Sequence[LoadedRun]) -> list[LeaderRow]:
    """Rows best first by prompt-level strict accuracy (ties: fewer tokens first)."""
    rows = [_row(run) for run in runs]
    return sorted(rows, key=lambda r: (-r.metrics["prompt_strict"][0], r.tokens_per_sample, r.run))


def _cell(value: tuple[float, float, float]) -> str:
    v, lo, hi = value
    return f"{100 * v:.1f} [{100 * lo:.1f}, {100 * hi:.1f}]"


def leaderboard_table(rows: Sequence[LeaderRow]) -> Table:
    table = Table(title="Leaderboard (accuracy % [95% CI])", caption="sorted by prompt-level strict")
    for column in ("#", "run", "model", "strategy", "benchmark", "n"):
        table.add_column(column, justify="right" if column in ("#", "n") else "left")
    for name in _HEADLINE:
        table.add_column(name.replace("_", " "), justify="right")
    table.add_column("calls/sample", justify="right")
    table.add_column("tokens/sample", justify="right")
    for rank, row in enumerate(rows, start=1):
        flag = "" if row.complete else " (incomplete)"
        table.add_row(
            str(rank), row.run + flag, row.model, row.strategy, row.benchmark, str(row.n),
            *(_cell(row.metrics[name]) for name in _HEADLINE),
            f"{row.calls_per_sample:.2f}", f"{row.tokens_per_sample:.0f}",
        )  # fmt: skip
    return table
