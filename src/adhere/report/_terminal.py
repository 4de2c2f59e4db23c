"""Rich tables for the terminal."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table

from adhere.scoring import Metrics


def _pct(value: float) -> str:
    return f"{100 * value:.2f}%"


def metrics_tables(metrics: Metrics, title: str = "Instruction following") -> Group:
    summary = Table(title=title, caption=f"{metrics.n} responses", show_header=True, min_width=40)
    summary.add_column("level")
    summary.add_column("strict", justify="right")
    summary.add_column("loose", justify="right")
    summary.add_row("prompt", _pct(metrics.prompt_strict), _pct(metrics.prompt_loose))
    summary.add_row("instruction", _pct(metrics.instruction_strict), _pct(metrics.instruction_loose))

    by_type = Table(title="By instruction type", show_header=True)
    by_type.add_column("instruction")
    by_type.add_column("n", justify="right")
    by_type.add_column("strict", justify="right")
    by_type.add_column("loose", justify="right")
    # Weakest first: that is what a reader acts on.
    for instruction_id, row in sorted(
        metrics.by_instruction.items(), key=lambda item: (item[1].strict, item[0])
    ):
        by_type.add_row(instruction_id, str(row.count), _pct(row.strict), _pct(row.loose))
    return Group(summary, by_type)
