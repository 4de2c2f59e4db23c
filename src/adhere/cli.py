"""The ``adhere`` command line. One small function per command."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
    except OSError as error:  # an output path that cannot be written
        where = f"{error.filename}: " if error.filename else ""
        _stderr.print(
            f"[bold red]error:[/] {where}{error.strerror or error}", highlight=False, soft_wrap=True
        )
        raise typer.Exit(1) from None


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
    from adhere._files import write_jsonl
    from adhere._jsonl import raise_invalid
    from adhere.check import check_files
    from adhere.report import metrics_tables

    skipped = _SkipReport()
    with _user_errors():
        result = check_files(data, responses, skipped if skip_invalid else raise_invalid)
        if out is not None:
            write_jsonl(out, (c.verdict_row() for c in result.responses))
    if skipped.count:
        _stderr.print(f"[yellow]{skipped.count} invalid row(s) skipped[/]")
    if as_json:
        typer.echo(json.dumps(result.metrics.headline()))
    else:
        Console().print(metrics_tables(result.metrics))


def _progress() -> tuple[Any, Any, Any]:
    """A rich progress bar on stderr with rate and ETA, and the two callbacks that drive it."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("generating"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
        console=_stderr, transient=False,
    )  # fmt: skip
    state: dict[str, Any] = {}

    def start(total: int) -> None:
        bar.start()
        state["task"] = bar.add_task("generate", total=total, rate="")

    def done(generation: Any) -> None:
        task = bar.tasks[0]
        speed = task.speed
        bar.update(state["task"], advance=1, rate=f"{speed:.2f}/s" if speed else "")

    return bar, start, done


@app.command("eval")
def eval_(
    model: Annotated[
        str, typer.Option("--model", help="embedded, llama-cpp/PATH.gguf, openai/MODEL or fake/echo.")
    ] = "embedded",
    bench: Annotated[
        str, typer.Option("--bench", help="synth, ifeval, ifbench:PATH or an IFEval-format PATH.")
    ] = "synth",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Use only the first N prompts.")] = None,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="Requests in flight at once.")] = 8,
    samples: Annotated[int, typer.Option("--samples", min=1, help="Responses drawn per prompt.")] = 1,
    max_tokens: Annotated[int, typer.Option("--max-tokens", min=1)] = 512,
    temperature: Annotated[float, typer.Option("--temperature", min=0.0)] = 0.0,
    seed: Annotated[int, typer.Option("--seed", help="Seed for synth prompts and sampling.")] = 0,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint (openai/...).")
    ] = None,
    api_key: Annotated[str | None, typer.Option("--api-key", help="Defaults to $OPENAI_API_KEY.")] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Run directory for results.json and samples.jsonl.")
    ] = Path("runs/latest"),
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="Completion cache (default: $ADHERE_CACHE or ~/.cache/adhere)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Generate everything afresh; nothing is resumable.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for one answer.")
    ] = 120.0,
    retries: Annotated[
        int, typer.Option("--retries", min=0, help="Retries of a failed request (429, 5xx, timeout).")
    ] = 5,
) -> None:
    """Run a model on a benchmark, check every response, and report the scores."""
    from adhere.cache import default_cache_path
    from adhere.evaluation import EvalSettings, run_eval
    from adhere.runner import RetryPolicy

    settings = EvalSettings(
        model=model, bench=bench, limit=limit, concurrency=concurrency, draws=samples, max_tokens=max_tokens,
        temperature=temperature, seed=seed, base_url=base_url, api_key=api_key,
        cache_path=None if no_cache else (cache or default_cache_path()),
        timeout_s=timeout, retry=RetryPolicy(attempts=retries + 1),
    )  # fmt: skip
    bar, start, done = _progress()
    try:
        with _user_errors():
            results = run_eval(settings, out, on_start=start, on_done=done)
    finally:
        bar.stop()
    _report(results, out)


def _report(results: dict[str, Any], out: Path) -> None:
    from adhere.report import results_tables

    Console().print(results_tables(results))
    if results.get("errors"):
        _stderr.print(f"[yellow]{results['errors']} response(s) failed after retries; rerun to retry them[/]")
    _stderr.print(f"results in {out / 'results.json'}, samples in {out / 'samples.jsonl'}", highlight=False)


@app.command()
def score(run_dir: Annotated[Path, typer.Argument(help="A run directory written by adhere eval.")]) -> None:
    """Re-check the responses of a run and rewrite its results, without generating."""
    from adhere.evaluation import score_dir

    with _user_errors():
        results = score_dir(run_dir)
    _report(results, run_dir)


@app.command()
def extract(
    prompt: Annotated[str | None, typer.Argument(help="The prompt text to read constraints from.")] = None,
    data: Annotated[Path | None, typer.Option(help="A JSONL file of rows with a 'prompt' field.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per prompt.")] = False,
) -> None:
    """Print the checkable constraints a prompt states (rule parser)."""
    from adhere._jsonl import read_jsonl
    from adhere.extract import extract_rules

    with _user_errors():
        if (prompt is None) == (data is None):
            raise AdhereError("give a PROMPT argument or --data FILE, not both")
        if data is not None:
            prompts = []
            for number, row in read_jsonl(data):
                if not isinstance(row.get("prompt"), str):
                    raise InputError(data, number, "missing the 'prompt' string")
                prompts.append(row["prompt"])
        else:
            prompts = [prompt or ""]
        for text in prompts:
            _print_extraction(extract_rules(text).as_dict(), as_json)


def _print_extraction(found: dict[str, Any], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False))
        return
    if not found["constraints"]:
        typer.echo("no checkable constraints found")
    for item in found["constraints"]:
        kwargs = json.dumps(item["kwargs"], ensure_ascii=False)
        typer.echo(f"{item['id']} {kwargs}\n    {item['description']}")


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
