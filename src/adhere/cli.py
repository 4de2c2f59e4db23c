"""The ``adhere`` command line. One small function per command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from adhere._cli_errors import user_errors
from adhere._cli_extract import ExtractApiKey, ExtractBaseUrl, check_extract_flags
from adhere._cli_settings import read_settings
from adhere.errors import AdhereError, InputError

app = typer.Typer(
    name="adhere",
    help="Measure and improve how language models follow instructions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_stderr = Console(stderr=True)


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
        Path | None,
        typer.Option(
            "--responses",
            help="JSONL rows with 'response' (or 'replies') and 'key' or 'prompt'. Without it, "
            "--data holds recorded conversations whose 'assistant' turns are checked.",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write one verdict row per response row here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as one JSON object.")] = False,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Report and skip bad rows instead of stopping.")
    ] = False,
) -> None:
    """Check responses, or recorded conversations, against their constraints (strict and loose)."""
    from adhere._files import write_jsonl
    from adhere._jsonl import raise_invalid
    from adhere.check import check_files, check_recorded
    from adhere.report import metrics_tables

    skipped = _SkipReport()
    with user_errors():
        on_invalid = skipped if skip_invalid else raise_invalid
        if responses is None:
            result = check_recorded(data, on_invalid)
        else:
            result = check_files(data, responses, on_invalid)
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


# The strategy flags of adhere 0.1, each now a shorthand for one -S setting. Unset, they say nothing.
_STRATEGY_HELP = "direct, best-of-n, decrim, tree, selective, or a plug-in's name."
StrategyName = Annotated[str, typer.Option("--strategy", help=_STRATEGY_HELP)]
Settings = Annotated[
    list[str] | None,
    typer.Option("-S", "--set", help="A strategy setting as NAME=VALUE (repeatable), e.g. -S n=6."),
]
Answers = Annotated[int | None, typer.Option("--n", min=1, help="best-of-n: answers drawn at most (-S n=).")]
Rounds = Annotated[
    int | None, typer.Option("--rounds", min=0, help="decrim: revisions at most (-S rounds=).")
]
Branching = Annotated[
    int | None, typer.Option("--branching", min=1, help="tree: revisions per expanded node.")
]
Depth = Annotated[
    int | None, typer.Option("--depth", min=0, help="tree: revision levels below the first answer.")
]
Search = Annotated[str | None, typer.Option("--search", help="tree: bfs or dfs.")]
Judge = Annotated[bool, typer.Option("--judge", help="Also ask an LLM judge (best-of-n ties, tree scores).")]
Threshold = Annotated[
    float | None, typer.Option("--threshold", min=0.0, max=1.0, help="selective: least confidence to answer.")
]
Decline = Annotated[bool, typer.Option("--decline", help="selective: refuse below the threshold.")]
Decompose = Annotated[
    bool, typer.Option("--llm-extract", help="Extract constraints with the model too, not only the rules.")
]
Repair = Annotated[
    bool, typer.Option("--repair", help="Fix case, commas, quotes, end phrase, title, P.S. mechanically.")
]
Explore = Annotated[
    float | None,
    typer.Option("--explore-temperature", min=0.0, help="Temperature of every answer after the first."),
]
Reasoning = Annotated[
    str, typer.Option("--reasoning", help="strip: score a reply's final answer, not its <think> trace; keep.")
]
BaseUrls = Annotated[
    list[str] | None,
    typer.Option(
        "--base-url", help="OpenAI-compatible endpoint; repeat it to spread requests over replicas."
    ),
]
ExtractModel = Annotated[
    str | None,
    typer.Option(
        "--extract-model",
        help="The model the LLM decomposer asks (a spec as --model is), e.g. a strong hosted model "
        "reading constraints for a small local one; implies --llm-extract.",
    ),
]


def _strategy_options(settings: list[str] | None, **flags: Any) -> dict[str, Any]:
    """-S NAME=VALUE settings, plus the 0.1 flags that were given (a -S setting wins)."""
    if flags.get("search") not in (None, "bfs", "dfs"):
        raise AdhereError(f"--search must be bfs or dfs, not {flags['search']!r}")
    options: dict[str, Any] = {name: value for name, value in flags.items() if value not in (None, False)}
    return options | read_settings(settings)


def _one_or_many(urls: list[str] | None) -> str | list[str] | None:
    if not urls:
        return None
    return urls[0] if len(urls) == 1 else urls


def _retry_policy(retries: int | None, budget_s: float) -> Any:
    from adhere.runner import RetryPolicy

    return RetryPolicy(attempts=None if retries is None else retries + 1, budget_s=budget_s)


def _check_reasoning(reasoning: str) -> None:
    if reasoning not in ("strip", "keep"):
        raise AdhereError(f"--reasoning must be strip or keep, not {reasoning!r}")


@app.command("eval")
def eval_(
    model: Annotated[
        str, typer.Option("--model", help="embedded, llama-cpp/PATH.gguf, openai/MODEL or fake/echo.")
    ] = "embedded",
    bench: Annotated[
        str,
        typer.Option(
            "--bench",
            help="synth, ifeval, ifbench, ifbench-multiturn (hub), NAME:PATH, or an IFEval-format PATH.",
        ),
    ] = "synth",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Use only the first N prompts.")] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            "--concurrency", min=1, help="Requests in flight at once [default: 8, or the endpoints' sum]."
        ),
    ] = None,
    samples: Annotated[int, typer.Option("--samples", min=1, help="Responses drawn per prompt.")] = 1,
    max_tokens: Annotated[int, typer.Option("--max-tokens", min=1)] = 512,
    temperature: Annotated[float, typer.Option("--temperature", min=0.0)] = 0.0,
    seed: Annotated[int, typer.Option("--seed", help="Seed for synth prompts and sampling.")] = 0,
    base_url: BaseUrls = None,
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
        int | None,
        typer.Option(
            "--retries", min=0, help="At most this many retries of a failed request (429, 5xx, timeout)."
        ),
    ] = None,
    retry_budget: Annotated[
        float,
        typer.Option(
            "--retry-budget", min=0.0, help="Seconds to keep retrying one request before it is an error."
        ),
    ] = 300.0,
    settings_: Settings = None,
    reasoning: Reasoning = "strip",
    strategy: Annotated[
        str | None, typer.Option("--strategy", help=f"Answer with a strategy: {_STRATEGY_HELP}")
    ] = None,
    oracle_constraints: Annotated[
        bool,
        typer.Option("--oracle-constraints", help="Give strategies the benchmark's constraints (marked so)."),
    ] = False,
    n: Answers = None,
    rounds: Rounds = None,
    branching: Branching = None,
    depth: Depth = None,
    search: Search = None,
    judge: Judge = False,
    threshold: Threshold = None,
    decline: Decline = False,
    llm_extract: Decompose = False,
    repair: Repair = False,
    explore_temperature: Explore = None,
    multiturn: Annotated[
        bool,
        typer.Option(
            "--multiturn",
            help="IFBench multi-turn isolation: the task, the model's answer, then the constraint.",
        ),
    ] = False,
    paraphrases: Annotated[
        int,
        typer.Option(
            "--paraphrases",
            min=1,
            help="Ask every prompt in K wordings of its constraints (synth); report each, the spread "
            "and reliable@K.",
        ),
    ] = 1,
    extract_model: ExtractModel = None,
    extract_base_url: ExtractBaseUrl = None,
    extract_api_key: ExtractApiKey = None,
) -> None:
    """Run a model on a benchmark, check every response, and report the scores."""
    from adhere.cache import default_cache_path
    from adhere.evaluation import EvalSettings, run_eval

    bar, start, done = _progress()
    try:
        with user_errors():
            _check_reasoning(reasoning)
            check_extract_flags(extract_model, extract_base_url, extract_api_key)
            options = _strategy_options(
                settings_, n=n, rounds=rounds, branching=branching, depth=depth, search=search, judge=judge,
                threshold=threshold, decline=decline, decompose=llm_extract, repair=repair,
                explore_temperature=explore_temperature, oracle_constraints=oracle_constraints,
            )  # fmt: skip
            if options and not strategy:
                raise AdhereError(
                    f"{', '.join(sorted(options))}: strategy settings need a --strategy "
                    "(e.g. --strategy direct)"
                )
            settings = EvalSettings(
                model=model, bench=bench, limit=limit, concurrency=concurrency, draws=samples,
                max_tokens=max_tokens, temperature=temperature, seed=seed, base_url=_one_or_many(base_url),
                api_key=api_key, cache_path=None if no_cache else (cache or default_cache_path()),
                timeout_s=timeout, retry=_retry_policy(retries, retry_budget),
                strategy=strategy, strategy_options=options, multiturn=multiturn, reasoning=reasoning,
                paraphrases=paraphrases, extract_model=extract_model, extract_base_url=extract_base_url,
                extract_api_key=extract_api_key,
            )  # fmt: skip
            results = run_eval(settings, out, on_start=start, on_done=done)
    finally:
        bar.stop()
    _report(results, out)


def _report(results: Any, out: Path) -> None:
    from adhere.report import results_tables

    summary = results.as_dict()
    Console().print(results_tables(summary))
    if results.errors:
        _stderr.print(f"[yellow]{results.errors} response(s) failed after retries; rerun to retry them[/]")
    if results.unanswered:
        _stderr.print(
            f"[yellow]{results.unanswered} repl(ies) never closed their reasoning trace "
            "(scored as failing)[/]"
        )
    _stderr.print(f"results in {out / 'results.json'}, samples in {out / 'samples.jsonl'}", highlight=False)


@app.command()
def score(run_dir: Annotated[Path, typer.Argument(help="A run directory written by adhere eval.")]) -> None:
    """Re-check the responses of a run and rewrite its results, without generating."""
    from adhere.evaluation import score_dir

    with user_errors():
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

    with user_errors():
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


@app.command()
def follow(
    prompt: Annotated[str, typer.Argument(help="The request to answer.")],
    model: Annotated[
        str, typer.Option("--model", help="embedded, llama-cpp/PATH.gguf, openai/MODEL or fake/echo.")
    ] = "embedded",
    strategy: StrategyName = "best-of-n",
    max_tokens: Annotated[int, typer.Option("--max-tokens", min=1)] = 512,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    base_url: BaseUrls = None,
    api_key: Annotated[str | None, typer.Option("--api-key", help="Defaults to $OPENAI_API_KEY.")] = None,
    settings_: Settings = None,
    reasoning: Reasoning = "strip",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    n: Answers = None,
    rounds: Rounds = None,
    branching: Branching = None,
    depth: Depth = None,
    search: Search = None,
    judge: Judge = False,
    threshold: Threshold = None,
    decline: Decline = False,
    llm_extract: Decompose = False,
    repair: Repair = False,
    explore_temperature: Explore = None,
    extract_model: ExtractModel = None,
    extract_base_url: ExtractBaseUrl = None,
    extract_api_key: ExtractApiKey = None,
) -> None:
    """Answer one prompt with a strategy; print the answer, each constraint's verdict and the cost."""
    from adhere.solve import follow as run_follow
    from adhere.strategies import get_strategy

    with user_errors():
        _check_reasoning(reasoning)
        check_extract_flags(extract_model, extract_base_url, extract_api_key)
        options = _strategy_options(
            settings_, n=n, rounds=rounds, branching=branching, depth=depth, search=search, judge=judge,
            threshold=threshold, decline=decline, decompose=llm_extract or extract_model is not None,
            repair=repair, explore_temperature=explore_temperature,
        )  # fmt: skip
        settings = get_strategy(strategy).settings_from(
            options, max_tokens=max_tokens, seed=seed, reasoning=reasoning
        )
        result = run_follow(
            prompt,
            model=model,
            strategy=strategy,
            settings=settings,
            base_url=_one_or_many(base_url),
            api_key=api_key,
            extract_model=extract_model,
            extract_base_url=extract_base_url,
            extract_api_key=extract_api_key,
        ).as_dict()
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    typer.echo(result["answer"])
    _print_follow_verdicts(result)


def _print_follow_verdicts(result: dict[str, Any]) -> None:
    """Verdicts and cost on stderr, so stdout holds only the answer."""
    if not result["constraints"]:
        _stderr.print("\nno checkable constraints found in the prompt", highlight=False)
    for item in result["constraints"]:
        mark = "[green]pass[/]" if item["ok"] else ("[dim]soft[/]" if item["ok"] is None else "[red]FAIL[/]")
        what = item.get("id") or item["soft"]
        reason = "" if item["ok"] else f" — {item['reason']}"
        _stderr.print(f"{mark} {what}{reason}", highlight=False, soft_wrap=True)
    if "repaired" in result:
        fixes = ", ".join(result["repaired"]["repairs"]) or "none needed"
        _stderr.print(
            f"repaired answer (mechanical fixes: {fixes}):\n{result['repaired']['answer']}", highlight=False
        )
    tokens = result["tokens"]
    _stderr.print(
        f"{result['strategy']}: {result['calls']} call(s), {tokens['input']} tokens in, "
        f"{tokens['output']} out, {result['latency_s']:.1f} s",
        highlight=False,
    )


@app.command("list")
def list_constraints() -> None:
    """List every constraint id adhere can check."""
    from adhere.constraints import constraint_ids

    for constraint_id in constraint_ids():
        typer.echo(constraint_id)


#: Commands defined in modules of their own, each with ``register(app)``; a module imports
#: only typer at its top, so --help stays fast. A new command area adds its module here.
_COMMAND_MODULES: tuple[str, ...] = (
    "adhere._cli_data",
    "adhere._cli_report",
    "adhere._cli_suites",
    "adhere._cli_serve",
    "adhere._cli_improve",
)


def _register_commands() -> None:
    import importlib

    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(app)


def _stop_on_sigterm() -> None:
    """SIGTERM stops a run as Ctrl-C does: what finished is written, and the run resumes."""
    import signal

    def interrupt(_signum: int, _frame: object) -> None:
        # Passed on as SIGINT: inside asyncio.run that cancels the running work cleanly (its own
        # SIGINT handler), where raising here could land in the middle of a cleanup.
        signal.raise_signal(signal.SIGINT)

    signal.signal(signal.SIGTERM, interrupt)


def main() -> None:
    _stop_on_sigterm()
    _register_commands()
    app()


if __name__ == "__main__":
    main()
