"""Commands that look at finished runs: ``adhere report``, ``adhere compare``, ``adhere leaderboard``.

They read run directories (the run log) and nothing else; the modules that do
the work load inside each command so ``adhere --help`` stays light.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from adhere._cli_errors import user_errors

__all__ = ["register"]

_RunDirs = Annotated[list[Path], typer.Argument(help="Run directories written by adhere eval.")]


def _print(renderable: object) -> None:
    from rich.console import Console

    console = Console()
    if not console.is_terminal:  # a pipe or a file: whole rows, not the 80 columns rich assumes
        console = Console(width=200)
    console.print(renderable)


def compare(
    run_a: Annotated[Path, typer.Argument(help="The baseline run directory (A).")],
    run_b: Annotated[Path, typer.Argument(help="The run compared with it (B).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
    min_shared: Annotated[
        int, typer.Option("--min-shared", min=1, help="Refuse runs sharing fewer samples than this.")
    ] = 10,
    replicates: Annotated[int, typer.Option(min=100, help="Bootstrap resamples.")] = 2000,
    seed: Annotated[int, typer.Option(help="Bootstrap seed.")] = 0,
) -> None:
    """Is B better than A? Paired differences with 95% intervals, McNemar's exact test, flipped samples."""
    from adhere.report._compare import compare_runs
    from adhere.report._runs import load_runs

    with user_errors():
        a, b = load_runs([run_a, run_b])
        comparison = compare_runs(a, b, min_shared=min_shared, replicates=replicates, seed=seed)
    if as_json:
        json.dump(comparison.as_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    from adhere.report._compare_table import comparison_tables

    _print(comparison_tables(comparison))


def leaderboard(
    run_dirs: _RunDirs,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
) -> None:
    """One table of runs (model, strategy, benchmark) with metrics, 95% intervals and cost."""
    from adhere.report._leaderboard import leaderboard_rows, leaderboard_table
    from adhere.report._runs import load_runs

    with user_errors():
        rows = leaderboard_rows(load_runs(run_dirs))
    if as_json:
        json.dump([r.as_dict() for r in rows], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    _print(leaderboard_table(rows))


def report(
    run_dirs: _RunDirs,
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
    min_shared: Annotated[
        int,
        typer.Option("--min-shared", min=1, help="Compare two runs only if they share this many samples."),
    ] = 10,
) -> None:
    """Write one self-contained HTML report of one or more runs (no network needed to open it)."""
    from adhere.report._html import write_report
    from adhere.report._runs import load_runs

    with user_errors():
        written = write_report(load_runs(run_dirs), out, min_shared=min_shared)
    size = written.stat().st_size
    typer.echo(f"wrote {written} ({size / 1e6:.1f} MB)")


def register(app: typer.Typer) -> None:
    app.command()(report)
    app.command()(compare)
    app.command()(leaderboard)
