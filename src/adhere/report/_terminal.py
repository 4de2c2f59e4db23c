"""Rich tables for the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table

from adhere.scoring import Metrics


def _pct(value: float) -> str:
    return f"{100 * value:.2f}%"


def results_tables(results: dict[str, Any]) -> Group:
    """The summary of a run's results.json: metrics with 95% intervals, then each type."""
    summary = Table(title=f"{results.get('model', '')} — instruction following", min_width=50)
    summary.add_column("level")
    summary.add_column("strict (95% CI)", justify="right")
    summary.add_column("loose (95% CI)", justify="right")
    ci = results.get("ci95", {})
    for level in ("prompt", "instruction"):
        cells = []
        for mode in ("strict", "loose"):
            name = f"{level}_{mode}"
            low, high = ci.get(name, (results[name], results[name]))
            cells.append(f"{_pct(results[name])} ({_pct(low)}–{_pct(high)})")
        summary.add_row(level, *cells)
    tokens = results.get("tokens", {})
    summary.caption = (
        f"{results['n']} responses to {results.get('n_prompts', results['n'])} prompts · "
        f"{tokens.get('input', 0)} tokens in, {tokens.get('output', 0)} out · "
        f"{results.get('wall_time_s', 0):.1f} s" + ("" if results.get("complete", True) else " · INCOMPLETE")
    )
    by_type = Table(title="By instruction type")
    for column, justify in (("instruction", "left"), ("n", "right"), ("strict", "right"), ("loose", "right")):
        by_type.add_column(column, justify=justify)  # type: ignore[arg-type]
    rows = sorted(results.get("by_instruction", {}).items(), key=lambda item: (item[1]["strict"], item[0]))
    for instruction_id, row in rows:
        by_type.add_row(instruction_id, str(row["count"]), _pct(row["strict"]), _pct(row["loose"]))
    return Group(summary, by_type)


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
