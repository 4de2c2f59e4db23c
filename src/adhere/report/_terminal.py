"""Rich tables for the terminal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Group
from rich.table import Table

from adhere.scoring import Metrics


def _pct(value: float) -> str:
    return f"{100 * value:.2f}%"


def _by_type_table(rows: Iterable[tuple[str, int, float, float]]) -> Table:
    """(instruction id, count, strict, loose) rows, weakest first: that is what a reader acts on."""
    table = Table(title="By instruction type")
    for column, justify in (("instruction", "left"), ("n", "right"), ("strict", "right"), ("loose", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for instruction_id, count, strict, loose in sorted(rows, key=lambda row: (row[2], row[0])):
        table.add_row(instruction_id, str(count), _pct(strict), _pct(loose))
    return table


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
    by_type = _by_type_table(
        (instruction_id, row["count"], row["strict"], row["loose"])
        for instruction_id, row in results.get("by_instruction", {}).items()
    )
    tables = [summary]
    if results.get("per_turn"):
        tables.append(_per_turn_table(results["per_turn"]))
    if results.get("paraphrases"):
        tables.append(_paraphrase_table(results["paraphrases"]))
    return Group(*tables, by_type)


def _per_turn_table(turns: Iterable[dict[str, Any]]) -> Table:
    """Accuracy by turn position: where in a conversation instructions stop being followed."""
    table = Table(title="By turn")
    for column in ("turn", "n", "prompt strict", "prompt loose", "instruction strict", "instruction loose"):
        table.add_column(column, justify="right")
    for row in turns:
        table.add_row(
            str(row["turn"]), str(row["n"]), _pct(row["prompt_strict"]), _pct(row["prompt_loose"]),
            _pct(row["instruction_strict"]), _pct(row["instruction_loose"]),
        )  # fmt: skip
    return table


def _paraphrase_table(section: dict[str, Any]) -> Table:
    """Accuracy by wording of the same constraints: how much a score owes to one phrasing."""
    k = section["k"]
    table = Table(title=f"By phrasing (each prompt in {k} wordings)")
    for column in ("phrasing", "n", "reworded", "prompt strict (95% CI)", "instruction strict"):
        table.add_column(column, justify="right")
    for row in section["per_phrasing"]:
        low, high = row["prompt_strict_ci95"]
        table.add_row(
            str(row["phrasing"]), str(row["n"]), str(row["reworded"]),
            f"{_pct(row['prompt_strict'])} ({_pct(low)}–{_pct(high)})", _pct(row["instruction_strict"]),
        )  # fmt: skip
    table.caption = (
        f"reliable@{k} {_pct(section[f'reliable_at_{k}'])} of {section['n']} prompts (all {k} pass) · "
        f"spread {100 * section['spread']:.2f} points (max − min), sd {100 * section['std']:.2f}"
    )
    return table


def metrics_tables(metrics: Metrics, title: str = "Instruction following") -> Group:
    summary = Table(title=title, caption=f"{metrics.n} responses", show_header=True, min_width=40)
    summary.add_column("level")
    summary.add_column("strict", justify="right")
    summary.add_column("loose", justify="right")
    summary.add_row("prompt", _pct(metrics.prompt_strict), _pct(metrics.prompt_loose))
    summary.add_row("instruction", _pct(metrics.instruction_strict), _pct(metrics.instruction_loose))

    by_type = _by_type_table(
        (instruction_id, row.count, row.strict, row.loose)
        for instruction_id, row in metrics.by_instruction.items()
    )
    return Group(summary, by_type)
