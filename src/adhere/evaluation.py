"""``adhere eval`` and ``adhere score``: generate, check, and write a run directory.

A run directory holds ``samples.jsonl`` (one row per prompt and draw: prompt,
constraints, response, verdicts, usage, latency) and ``results.json`` (the
metrics with 95% bootstrap intervals, per-instruction breakdown, token counts,
wall time). Completions live in the completion cache as they arrive, so an
interrupted run loses nothing; ``adhere score DIR`` re-checks the stored
responses without generating.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from adhere._files import write_json, write_jsonl
from adhere._jsonl import read_jsonl
from adhere.benchmarks import load_bench, sample_from_row
from adhere.cache import CompletionCache
from adhere.constraints import Evaluation, evaluate
from adhere.errors import AdhereError, InputError
from adhere.models import GenerateConfig, get_model
from adhere.runner import Generation, ManagedModel, RetryPolicy, run_generations
from adhere.samples import Sample
from adhere.scoring import bootstrap_intervals, summarize
from adhere.strategies import StrategySettings, get_strategy, multiturn
from adhere.strategies._results import strategy_row, strategy_sections
from adhere.strategies._run import Solved, run_strategy

__all__ = ["EvalSettings", "Interrupted", "results_from_rows", "run_eval", "score_dir"]

SAMPLES_FILE = "samples.jsonl"
RESULTS_FILE = "results.json"
# Bumped whenever a field of results.json or samples.jsonl changes meaning.
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class EvalSettings:
    model: str = "embedded"
    bench: str = "synth"
    limit: int | None = None
    concurrency: int = 8
    draws: int = 1
    max_tokens: int = 512
    temperature: float = 0.0
    seed: int = 0
    base_url: str | None = None
    api_key: str | None = None
    cache_path: Path | None = None
    timeout_s: float = 120.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    #: None: plain generation (``draws`` answers per prompt); else a name in STRATEGIES.
    strategy: str | None = None
    #: The strategy's knobs; its max_tokens, temperature and seed come from the fields above.
    strategy_settings: StrategySettings = field(default_factory=StrategySettings)
    #: IFBench's multi-turn isolation: the task, the model's answer, then the constraint.
    multiturn: bool = False

    @property
    def strategy_name(self) -> str | None:
        # Multi-turn needs two calls per sample, so it always runs through a strategy.
        return self.strategy or ("direct" if self.multiturn else None)

    def for_strategy(self) -> StrategySettings:
        return replace(
            self.strategy_settings, max_tokens=self.max_tokens, temperature=self.temperature, seed=self.seed
        )

    def described(self) -> dict[str, Any]:
        skipped = ("api_key", "cache_path", "retry", "strategy_settings")
        out = {k: v for k, v in asdict(self).items() if k not in skipped}
        if self.strategy:
            out["strategy_settings"] = self.for_strategy().as_dict()
        out["retry_attempts"] = self.retry.attempts
        out["cache_path"] = str(self.cache_path) if self.cache_path else None
        return out


class Interrupted(AdhereError):
    """The run was stopped; what finished is on disk and a rerun resumes."""


def _identity_row(sample: Sample, draw: int) -> dict[str, Any]:
    row = {
        "key": sample.metadata.get("key", sample.key),
        "draw": draw,
        "prompt": sample.prompt,
        "instruction_id_list": sample.instruction_ids,
        "kwargs": [c.kwargs() for c in sample.constraints],
    }
    if sample.history:
        row["messages"] = sample.messages
    return row


def _sample_row(generation: Generation) -> dict[str, Any]:
    completion = generation.completion
    row = _identity_row(generation.sample, generation.draw) | {
        "response": completion.text if completion else None,
        "error": generation.error,
    }
    if completion is not None:
        row["usage"] = {
            "input_tokens": completion.usage.input_tokens,
            "output_tokens": completion.usage.output_tokens,
        }
        row["latency_s"] = round(completion.latency_s, 4)
        row["cached"] = generation.cached
    return row


def _check_rows(rows: Sequence[dict[str, Any]]) -> list[tuple[dict[str, Any], Evaluation]]:
    """Verdicts for every row that has a response, also written into the row."""
    out = []
    for row in rows:
        if row.get("response") is None:
            continue
        evaluation = evaluate(sample_from_row(row).constraints, row["response"])
        row["strict"] = evaluation.strict_ok
        row["loose"] = list(evaluation.loose)
        row["reasons"] = [None if v.ok else v.reason for v in evaluation.strict]
        out.append((row, evaluation))
    return out


def results_from_rows(rows: Sequence[dict[str, Any]], run: dict[str, Any]) -> dict[str, Any]:
    checked = _check_rows(rows)
    metrics = summarize((row["instruction_id_list"], e) for row, e in checked)
    intervals = bootstrap_intervals([(str(row["key"]), row["instruction_id_list"], e) for row, e in checked])
    usages = [row.get("usage") or {} for row, _ in checked]
    return {
        "schema_version": SCHEMA_VERSION,
        **metrics.headline(),
        "ci95": {name: list(bounds) for name, bounds in intervals.items()},
        "n_prompts": len({str(row["key"]) for row in rows}),
        "errors": sum(1 for row in rows if row.get("response") is None),
        "by_instruction": {k: asdict(v) for k, v in metrics.by_instruction.items()},
        "tokens": {
            "input": sum(u.get("input_tokens", 0) for u in usages),
            "output": sum(u.get("output_tokens", 0) for u in usages),
        },
        **strategy_sections(rows),
        **run,
    }


def _write_run(out_dir: Path, rows: list[dict[str, Any]], run: dict[str, Any]) -> dict[str, Any]:
    results = results_from_rows(rows, run)
    write_jsonl(out_dir / SAMPLES_FILE, rows)
    write_json(out_dir / RESULTS_FILE, results)
    return results


Finished = Generation | Solved


def _row(item: Finished, settings: EvalSettings) -> dict[str, Any]:
    if isinstance(item, Generation):
        return _sample_row(item)
    return _identity_row(item.sample, 0) | strategy_row(
        item, settings.strategy_name or "", settings.for_strategy()
    )


def _rows(
    samples: Sequence[Sample], finished: Sequence[Finished], settings: EvalSettings
) -> list[dict[str, Any]]:
    """Rows for what finished, in input order."""
    position = {sample.key: index for index, sample in enumerate(samples)}

    def order(item: Finished) -> tuple[int, int]:
        return position[item.sample.key], item.draw if isinstance(item, Generation) else 0

    return [_row(item, settings) for item in sorted(finished, key=order)]


def _generate(
    settings: EvalSettings, samples: Sequence[Sample], cache: CompletionCache | None,
    record: Callable[[Finished], None],
) -> list[Finished]:  # fmt: skip
    model = get_model(
        settings.model, base_url=settings.base_url, api_key=settings.api_key, timeout_s=settings.timeout_s
    )
    config = GenerateConfig(
        max_tokens=settings.max_tokens, temperature=settings.temperature, seed=settings.seed
    )

    async def plain() -> list[Finished]:
        generations = await run_generations(
            model, samples, config, draws=settings.draws, concurrency=settings.concurrency,
            cache=cache, retry=settings.retry, on_done=record, seed=settings.seed,
        )  # fmt: skip
        return list(generations)

    async def with_strategy() -> list[Finished]:
        strategy = get_strategy(settings.strategy_name or "")
        if settings.multiturn:
            strategy = multiturn(strategy)
        managed = ManagedModel(
            model, concurrency=settings.concurrency, cache=cache, retry=settings.retry, seed=settings.seed
        )
        return list(await run_strategy(strategy, managed, samples, settings.for_strategy(), record))

    async def go() -> list[Finished]:
        try:
            return await (with_strategy() if settings.strategy_name else plain())
        finally:
            await model.aclose()

    return asyncio.run(go())


def run_eval(
    settings: EvalSettings, out_dir: str | Path, on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Finished], None] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Generate (or take from the cache), check, and write the run directory."""
    out = Path(out_dir)
    if settings.strategy_name:
        get_strategy(settings.strategy_name)  # an unknown name fails before anything loads
        if settings.draws != 1:
            raise AdhereError("--samples greater than 1 cannot be combined with --strategy or --multiturn")
    samples = load_bench(settings.bench, limit=settings.limit, seed=settings.seed)
    cache = CompletionCache(settings.cache_path) if settings.cache_path else None
    finished: list[Finished] = []

    def record(item: Finished) -> None:
        finished.append(item)
        if on_done:
            on_done(item)

    total = len(samples) * settings.draws
    if on_start:
        on_start(total)
    started = time.perf_counter()
    run: dict[str, Any] = {"model": settings.model, "settings": settings.described(), "complete": True}
    try:
        results = _generate(settings, samples, cache, record)
    except (KeyboardInterrupt, AdhereError) as stop:
        run.update(complete=False, wall_time_s=round(time.perf_counter() - started, 3))
        rows = _rows(samples, finished, settings)
        if rows:
            _write_run(out, rows, run)
        if isinstance(stop, AdhereError):
            raise
        raise Interrupted(
            f"interrupted: {len(rows)} of {total} responses written to {out}; "
            "rerun the same command to resume" + ("" if cache else " (with --no-cache nothing is resumed)")
        ) from None
    finally:
        if cache:
            cache.close()
    run["wall_time_s"] = round(time.perf_counter() - started, 3)
    return _write_run(out, _rows(samples, results, settings), run)


def score_dir(run_dir: str | Path) -> dict[str, Any]:
    """Re-check the responses in ``run_dir/samples.jsonl``; rewrite both files. Generates nothing."""
    run_path = Path(run_dir)
    rows = []
    for number, row in read_jsonl(run_path / SAMPLES_FILE):
        if row.get("response") is not None:
            try:
                sample_from_row(row)
            except AdhereError as error:
                raise InputError(run_path / SAMPLES_FILE, number, str(error)) from None
        rows.append(row)
    previous: dict[str, Any] = {}
    if (run_path / RESULTS_FILE).exists():
        previous = json.loads((run_path / RESULTS_FILE).read_text(encoding="utf-8"))
    run: dict[str, Any] = {
        k: previous[k] for k in ("model", "settings", "complete", "wall_time_s") if k in previous
    }
    return _write_run(run_path, rows, run)
