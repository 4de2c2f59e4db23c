"""``adhere eval`` and ``adhere score``: play every sample, check every reply, write a run directory.

The run directory's files are written only through :mod:`adhere.runlog`.
With ``paraphrases`` K > 1 every sample is played in K wordings of its
constraints (:mod:`adhere.benchmarks._paraphrase`); with ``extract_model`` a
strategy's LLM decomposer asks that model instead of the answering one.
Completions live in the completion cache as they arrive, so an interrupted run
loses nothing; ``adhere score DIR`` re-checks the stored replies without
generating.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from adhere.benchmarks import isolate, load_bench
from adhere.benchmarks._paraphrase import paraphrase
from adhere.cache import CompletionCache
from adhere.errors import AdhereError, InputError, Interrupted
from adhere.models import GenerateConfig, Model, get_model
from adhere.play import AnswerTurn, plain_turns, play_all, strategy_turns
from adhere.results import RunResults, sample_of, score_records
from adhere.runlog import SAMPLES_FILE, SampleRecord, read_results, read_samples, write_run
from adhere.runner import ManagedModel, RetryPolicy
from adhere.samples import Sample
from adhere.solve import open_extract_model
from adhere.strategies import Outcome, Strategy, StrategySettings, WithExtractModel, get_strategy

__all__ = ["EvalSettings", "Interrupted", "run_eval", "score_dir"]


@dataclass(frozen=True)
class EvalSettings:
    model: str = "embedded"
    bench: str = "synth"
    limit: int | None = None
    #: Requests in flight at once; None: the model's own limit (endpoints add up), else 8.
    concurrency: int | None = None
    draws: int = 1
    max_tokens: int = 512
    temperature: float = 0.0
    seed: int = 0
    #: One OpenAI-compatible endpoint, or several replicas to spread requests over.
    base_url: str | Sequence[str] | None = None
    api_key: str | None = None
    cache_path: Path | None = None
    timeout_s: float = 120.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    #: None: plain generation (``draws`` answers per prompt); else a strategy's name.
    strategy: str | None = None
    #: The strategy's own settings by name (``-S name=value``); strings are converted.
    strategy_options: Mapping[str, Any] = field(default_factory=dict)
    #: IFBench's multi-turn isolation: the task, the model's answer, then the constraint.
    multiturn: bool = False
    #: "strip": a reasoning trace is not part of the reply that is scored; "keep": it is.
    reasoning: str = "strip"
    #: Each sample asked in this many wordings of its constraints (1: only as the benchmark asks it).
    paraphrases: int = 1
    #: The model a strategy's LLM decomposer asks (a spec as ``model`` is); None: the answering model.
    extract_model: str | None = None
    extract_base_url: str | None = None
    extract_api_key: str | None = None

    def for_strategy(self) -> StrategySettings:
        # An extract model is there to be asked: it turns the decomposer on (-S decompose=false still wins).
        reading = {"decompose": True} if self.extract_model is not None else {}
        settings: StrategySettings = get_strategy(self.strategy or "direct").settings_from(
            self.strategy_options,
            max_tokens=self.max_tokens,
            temperature=self.temperature,
            seed=self.seed,
            reasoning=self.reasoning,
            **reading,
        )
        return settings

    def described(self) -> dict[str, Any]:
        skipped = ("api_key", "extract_api_key", "cache_path", "retry", "strategy_options", "base_url")
        out = {k: v for k, v in asdict(self).items() if k not in skipped}
        out["base_url"] = list(self.base_url) if isinstance(self.base_url, list | tuple) else self.base_url
        if self.strategy:
            out["strategy_settings"] = self.for_strategy().as_dict()
        out["retry_attempts"] = self.retry.attempts
        out["retry_budget_s"] = self.retry.budget_s
        out["cache_path"] = str(self.cache_path) if self.cache_path else None
        return out


def _extracting_with(strategy: Strategy[Any], extractor: ManagedModel | None) -> Strategy[Any]:
    """``strategy`` with its decomposer's calls sent to ``extractor`` (the strategy unchanged without one)."""
    if extractor is None:
        return strategy
    inner = strategy.solve

    async def solve(sample: Sample, model: Model, settings: StrategySettings) -> Outcome:
        return await inner(sample, WithExtractModel(model, extractor), settings)

    return replace(strategy, solve=solve)


def _answerer(settings: EvalSettings, managed: ManagedModel, extractor: ManagedModel | None) -> AnswerTurn:
    if settings.strategy is None:
        config = GenerateConfig(
            max_tokens=settings.max_tokens, temperature=settings.temperature, seed=settings.seed
        )
        return plain_turns(managed, config, settings.reasoning)
    strategy = _extracting_with(get_strategy(settings.strategy), extractor)
    return strategy_turns(strategy, managed, settings.for_strategy())


def _generate(
    settings: EvalSettings,
    samples: Sequence[Sample],
    cache: CompletionCache | None,
    record: Callable[[SampleRecord], None],
) -> list[SampleRecord]:
    model = get_model(
        settings.model, base_url=settings.base_url, api_key=settings.api_key, timeout_s=settings.timeout_s
    )
    knowledge = None
    if settings.strategy:
        knowledge = "oracle" if settings.for_strategy().oracle_constraints else "extracted"

    def managed(inner: Model) -> ManagedModel:
        # The same cache and retries for both models; each call is cached under its own model.
        return ManagedModel(
            inner, concurrency=settings.concurrency, cache=cache, retry=settings.retry, seed=settings.seed
        )

    async def go() -> list[SampleRecord]:
        extractor = None
        try:
            extractor = open_extract_model(
                settings.extract_model, model, settings.model, base_url=settings.extract_base_url,
                api_key=settings.extract_api_key, timeout_s=settings.timeout_s,
            )  # fmt: skip
            answering = managed(model)
            # The answering model itself reads constraints as it always did (the same cached calls).
            reading = None if extractor is None or extractor is model else managed(extractor)
            return await play_all(
                samples,
                _answerer(settings, answering, reading),
                draws=settings.draws,
                strategy=settings.strategy,
                knowledge=knowledge,
                on_done=record,
            )
        finally:
            await model.aclose()
            if extractor is not None and extractor is not model:
                await extractor.aclose()

    return asyncio.run(go())


def _in_order(samples: Sequence[Sample], finished: Sequence[SampleRecord]) -> list[SampleRecord]:
    position = {str(sample.metadata.get("key", sample.key)): index for index, sample in enumerate(samples)}
    return sorted(finished, key=lambda r: (position.get(str(r.key), len(position)), r.draw))


def _write(out: Path, records: Sequence[SampleRecord], run: Mapping[str, Any]) -> RunResults:
    scored, results = score_records(records, run)
    write_run(out, scored, results.as_dict())
    return results


def _load(settings: EvalSettings) -> list[Sample]:
    samples = load_bench(settings.bench, limit=settings.limit, seed=settings.seed)
    if settings.paraphrases > 1:
        try:
            return paraphrase(samples, settings.paraphrases)
        except AdhereError as error:
            raise AdhereError(f"--paraphrases with --bench {settings.bench}: {error}") from None
    return [isolate(s) for s in samples] if settings.multiturn else samples


def _check_combinations(settings: EvalSettings) -> None:
    """Settings that cannot go together fail before anything loads."""
    if settings.strategy:
        settings.for_strategy()  # an unknown name or setting fails before anything loads
        if settings.draws != 1:
            raise AdhereError("--samples greater than 1 cannot be combined with --strategy")
    if settings.paraphrases < 1:
        raise AdhereError(f"--paraphrases must be at least 1, not {settings.paraphrases}")
    if settings.paraphrases > 1 and settings.draws != 1:
        # reliable@K asks whether one answer per wording passes; draws would make K x draws answers.
        raise AdhereError("--paraphrases cannot be combined with --samples greater than 1")
    if settings.paraphrases > 1 and settings.multiturn:
        raise AdhereError(
            "--paraphrases cannot be combined with --multiturn (only one-turn prompts are reworded)"
        )
    if settings.extract_model is not None and not settings.strategy:
        raise AdhereError("--extract-model: the LLM decomposer runs inside a strategy; add a --strategy")
    if settings.extract_model is not None and settings.for_strategy().oracle_constraints:
        raise AdhereError(
            "--extract-model cannot be combined with --oracle-constraints (nothing is extracted)"
        )


def run_eval(
    settings: EvalSettings,
    out_dir: str | Path,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[SampleRecord], None] | None = None,
) -> RunResults:
    """Generate (or take from the cache), check, and write the run directory."""
    out = Path(out_dir)
    _check_combinations(settings)
    samples = _load(settings)
    cache = CompletionCache(settings.cache_path) if settings.cache_path else None
    finished: list[SampleRecord] = []

    def record(item: SampleRecord) -> None:
        finished.append(item)
        if on_done:
            on_done(item)

    total = len(samples) * settings.draws
    if on_start:
        on_start(total)
    started = time.perf_counter()
    run: dict[str, Any] = {"model": settings.model, "settings": settings.described(), "complete": True}
    try:
        records = _generate(settings, samples, cache, record)
    except (KeyboardInterrupt, AdhereError) as stop:
        run.update(complete=False, wall_time_s=round(time.perf_counter() - started, 3))
        if finished:
            _write(out, _in_order(samples, finished), run)
        if isinstance(stop, AdhereError):
            raise
        raise Interrupted(
            f"interrupted: {len(finished)} of {total} responses written to {out}; "
            "rerun the same command to resume" + ("" if cache else " (with --no-cache nothing is resumed)")
        ) from None
    finally:
        if cache:
            cache.close()
    run["wall_time_s"] = round(time.perf_counter() - started, 3)
    try:
        return _write(out, records, run)
    except KeyboardInterrupt:
        # Stopped while checking: every reply is in hand, so keep them all, unscored.
        write_run(out, records, {**run, "complete": False, "scored": False})
        raise Interrupted(
            f"interrupted while checking: all {len(records)} responses written to {out} unscored; "
            f"run adhere score {out} to check them"
        ) from None


def score_dir(run_dir: str | Path) -> RunResults:
    """Re-check the replies in ``run_dir``; rewrite both files. Generates nothing."""
    previous = read_results(run_dir)
    records = read_samples(run_dir)
    for number, record in enumerate(records, start=1):
        try:
            sample_of(record)
        except AdhereError as error:
            raise InputError(Path(run_dir) / SAMPLES_FILE, number, str(error)) from None
    run: dict[str, Any] = {
        k: previous[k] for k in ("model", "settings", "complete", "wall_time_s") if k in previous
    }
    if previous.get("scored") is False:  # stopped while checking: every reply had been generated
        run["complete"] = True
    return _write(Path(run_dir), records, run)
