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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from adhere._files import write_json, write_jsonl
from adhere._jsonl import read_jsonl
from adhere.benchmarks import load_bench, sample_from_row
from adhere.cache import CompletionCache
from adhere.constraints import Evaluation, evaluate
from adhere.errors import AdhereError, InputError
from adhere.models import GenerateConfig, get_model
from adhere.runner import Generation, RetryPolicy, run_generations
from adhere.samples import Sample
from adhere.scoring import bootstrap_intervals, summarize

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

    def described(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k not in ("api_key", "cache_path", "retry")}
        out["retry_attempts"] = self.retry.attempts
        out["cache_path"] = str(self.cache_path) if self.cache_path else None
        return out


class Interrupted(AdhereError):
    """The run was stopped; what finished is on disk and a rerun resumes."""


def _sample_row(generation: Generation) -> dict[str, Any]:
    sample, completion = generation.sample, generation.completion
    row: dict[str, Any] = {
        "key": sample.metadata.get("key", sample.key),
        "draw": generation.draw,
        "prompt": sample.prompt,
        "instruction_id_list": sample.instruction_ids,
        "kwargs": [c.kwargs() for c in sample.constraints],
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
        **run,
    }


def _write_run(out_dir: Path, rows: list[dict[str, Any]], run: dict[str, Any]) -> dict[str, Any]:
    results = results_from_rows(rows, run)
    write_jsonl(out_dir / SAMPLES_FILE, rows)
    write_json(out_dir / RESULTS_FILE, results)
    return results


def _write_partial(
    out: Path, samples: Sequence[Sample], finished: list[Generation], run: dict[str, Any]
) -> int:
    """Write what finished before a run stopped, in input order; return how many."""
    position = {sample.key: index for index, sample in enumerate(samples)}
    rows = [_sample_row(g) for g in sorted(finished, key=lambda g: (position[g.sample.key], g.draw))]
    if rows:
        _write_run(out, rows, run)
    return len(rows)


def run_eval(
    settings: EvalSettings, out_dir: str | Path, on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Generation], None] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Generate (or take from the cache), check, and write the run directory."""
    out = Path(out_dir)
    samples = load_bench(settings.bench, limit=settings.limit, seed=settings.seed)
    config = GenerateConfig(
        max_tokens=settings.max_tokens, temperature=settings.temperature, seed=settings.seed
    )
    model = get_model(
        settings.model, base_url=settings.base_url, api_key=settings.api_key, timeout_s=settings.timeout_s
    )
    cache = CompletionCache(settings.cache_path) if settings.cache_path else None
    finished: list[Generation] = []

    def record(generation: Generation) -> None:
        finished.append(generation)
        if on_done:
            on_done(generation)

    async def go() -> list[Generation]:
        try:
            return await run_generations(
                model, samples, config, draws=settings.draws, concurrency=settings.concurrency,
                cache=cache, retry=settings.retry, on_done=record, seed=settings.seed,
            )  # fmt: skip
        finally:
            await model.aclose()

    if on_start:
        on_start(len(samples) * settings.draws)
    started = time.perf_counter()
    run = {"model": model.name, "settings": settings.described(), "complete": True}
    try:
        generations = asyncio.run(go())
    except (KeyboardInterrupt, AdhereError) as stop:
        run.update(complete=False, wall_time_s=round(time.perf_counter() - started, 3))
        written = _write_partial(out, samples, finished, run)
        if isinstance(stop, AdhereError):
            raise
        raise Interrupted(
            f"interrupted: {written} of {len(samples) * settings.draws} responses written to {out}; "
            "rerun the same command to resume" + ("" if cache else " (with --no-cache nothing is resumed)")
        ) from None
    finally:
        if cache:
            cache.close()
    run["wall_time_s"] = round(time.perf_counter() - started, 3)
    return _write_run(out, [_sample_row(g) for g in generations], run)


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
