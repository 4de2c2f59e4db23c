"""The ``adhere`` command line. One small function per command."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from adhere.errors import AdhereError, InputError

app = typer.Typer(
    name="adhere",
    help="Measure and improve how language models follow instructions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_stderr = Console(stderr=True)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn an error the user can fix into one line on stderr and exit status 1."""
    try:
        yield
    except AdhereError as error:
        _stderr.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    """Write all rows or none: a crash mid-write leaves any earlier file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _SkipReport:
    """Collects invalid rows under --skip-invalid and reports each on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        _stderr.print(f"[yellow]skipped[/] {error}", highlight=False, soft_wrap=True)


@app.command()
def check(
    data: Annotated[Path, typer.Option("--data", help="Prompts in IFEval format (JSONL).")],
    responses: Annotated[
        Path, typer.Option("--responses", help="JSONL rows with 'response' and 'key' or 'prompt'.")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write one verdict row per response row here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as one JSON object.")] = False,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Report and skip bad rows instead of stopping.")
    ] = False,
) -> None:
    """Check responses against the constraints of their prompts (strict and loose)."""
    from adhere._jsonl import raise_invalid
    from adhere.check import check_files
    from adhere.report import metrics_tables

    skipped = _SkipReport()
    with _user_errors():
        result = check_files(data, responses, skipped if skip_invalid else raise_invalid)
    if out is not None:
        _write_jsonl(out, (c.verdict_row() for c in result.responses))
    if skipped.count:
        _stderr.print(f"[yellow]{skipped.count} invalid row(s) skipped[/]")
    if as_json:
        typer.echo(json.dumps(result.metrics.headline()))
    else:
        Console().print(metrics_tables(result.metrics))


@app.command("list")
def list_constraints() -> None:
    """List every constraint id adhere can check."""
    from adhere.constraints import constraint_ids

    for constraint_id in constraint_ids():
        typer.echo(constraint_id)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
