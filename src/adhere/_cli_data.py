"""Commands ``adhere data`` (training data from runs) and ``adhere train`` (LoRA training).

Only typer and the standard library load at import; each command imports its work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from adhere.data import Summary

__all__ = ["register"]

data_app = typer.Typer(help="Training data from run directories (TRL formats).", no_args_is_help=True)

_RUNS = Annotated[list[Path], typer.Argument(help="Run directories (each with samples.jsonl).")]
_OUT = Annotated[Path, typer.Option("--out", help="The JSONL file to write.")]
_CAP = Annotated[
    int | None,
    typer.Option("--max-per-prompt", help="Keep at most this many rows per prompt (the first found)."),
]
_META = Annotated[
    bool,
    typer.Option(
        "--metadata", help="Add an 'adhere' field (source, key, failed constraint ids) to each row."
    ),
]


@contextmanager
def _user_errors() -> Iterator[None]:
    """An error the user can fix: one line on stderr and exit status 1, never a traceback."""
    from adhere.errors import AdhereError

    try:
        yield
    except AdhereError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        typer.echo(f"error: {where}{error.strerror or error}", err=True)
        raise typer.Exit(1) from None


def _print_summary(summary: Summary, what: str, out: Path) -> None:
    typer.echo(f"kept {summary.kept} {what} from {summary.prompts} prompts -> {out}")
    for title, counts in (
        ("by source", summary.by_source),
        ("failed constraint types (rejected)", summary.by_type),
        ("prompts without any, by reason", summary.without),
        ("dropped, by reason", summary.dropped),
    ):
        if counts:
            typer.echo(f"{title}:")
            for name, count in counts.most_common():
                typer.echo(f"  {count:6d}  {name}")


@data_app.command("pairs")
def pairs(
    runs: _RUNS,
    out: _OUT,
    max_per_prompt: _CAP = None,
    balance: Annotated[
        bool,
        typer.Option(
            "--balance", help="At most the median type's count of pairs per failed constraint type."
        ),
    ] = False,
    metadata: _META = False,
) -> None:
    """Preference pairs (prompt, chosen, rejected) from strategy traces and draws."""
    with _user_errors():
        from adhere.data import ExportOptions, export_pairs

        summary = export_pairs(runs, out, ExportOptions(max_per_prompt, balance, metadata))
    _print_summary(summary, "pairs", out)


@data_app.command("sft")
def sft(runs: _RUNS, out: _OUT, max_per_prompt: _CAP = None, metadata: _META = False) -> None:
    """Verified answers as messages-format SFT rows."""
    with _user_errors():
        from adhere.data import ExportOptions, export_sft

        summary = export_sft(runs, out, ExportOptions(max_per_prompt, False, metadata))
    _print_summary(summary, "rows", out)


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
