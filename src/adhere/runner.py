"""Running a model over samples: concurrency, the completion cache, retries, progress.

Every (sample, draw) pair is answered at most once per cache: a completion is
committed to the cache the moment it arrives, so an interrupted run loses
nothing and its rerun generates only what is missing. A request that keeps
failing transiently is recorded as an error for that pair, never dropped.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from adhere.cache import CompletionCache, cache_key
from adhere.errors import AdhereError
from adhere.models import Completion, GenerateConfig, Message, Model, TransientModelError
from adhere.samples import Sample

__all__ = ["Generation", "ManagedModel", "RetriesExhausted", "RetryPolicy", "run_generations"]


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6
    base_delay_s: float = 1.0
    max_delay_s: float = 60.0

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_delay_s)
        # Exponential backoff with full jitter, so many clients do not retry in step.
        return rng.uniform(0, min(self.max_delay_s, self.base_delay_s * 2**attempt))


@dataclass(frozen=True)
class Generation:
    """The outcome for one draw of one sample."""

    sample: Sample
    draw: int
    completion: Completion | None
    error: str | None = None
    cached: bool = False
    attempts: int = 0


Progress = Callable[[Generation], None]


async def _generate_with_retries(
    model: Model, messages: Sequence[Message], config: GenerateConfig, retry: RetryPolicy, rng: random.Random
) -> tuple[Completion | None, str | None, int]:
    error = ""
    for attempt in range(retry.attempts):
        try:
            return await model.generate(messages, config), None, attempt + 1
        except TransientModelError as failure:
            error = str(failure)
            if attempt + 1 < retry.attempts:
                await asyncio.sleep(retry.delay(attempt, failure.retry_after, rng))
    return None, f"gave up after {retry.attempts} attempts: {error}", retry.attempts


def _draw_config(config: GenerateConfig, draw: int) -> GenerateConfig:
    # Draw k of a prompt gets its own seed, so K draws differ when sampling.
    if config.seed is None or draw == 0:
        return config
    return GenerateConfig(config.max_tokens, config.temperature, config.top_p, config.seed + draw)


async def run_generations(
    model: Model,
    samples: Sequence[Sample],
    config: GenerateConfig,
    *,
    draws: int = 1,
    concurrency: int = 8,
    cache: CompletionCache | None = None,
    retry: RetryPolicy | None = None,
    on_done: Progress | None = None,
    seed: int = 0,
) -> list[Generation]:
    """Answer every (sample, draw), in input order, at most ``concurrency`` at a time."""
    retry = retry or RetryPolicy()
    rng = random.Random(seed)
    limit = min(concurrency, model.max_concurrency or concurrency)
    gate = asyncio.Semaphore(max(1, limit))
    identity = model.identity()

    async def one(sample: Sample, draw: int) -> Generation:
        draw_config = _draw_config(config, draw)
        key = cache_key(identity, sample.messages, draw_config, draw)
        hit = cache.get(key) if cache else None
        if hit is not None:
            result = Generation(sample, draw, hit, cached=True)
        else:
            async with gate:
                completion, error, attempts = await _generate_with_retries(
                    model, sample.messages, draw_config, retry, rng
                )
            if completion is not None and cache is not None:
                cache.put(key, completion)
            result = Generation(sample, draw, completion, error, attempts=attempts)
        if on_done:
            on_done(result)
        return result

    tasks = [asyncio.ensure_future(one(sample, draw)) for sample in samples for draw in range(draws)]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for task in tasks:
            task.cancel()


class RetriesExhausted(AdhereError):
    """A call kept failing transiently. In a run, the sample that needed it is recorded
    as an error and the run goes on; alone (``adhere follow``), it is the error."""


class ManagedModel(Model):
    """A model behind the runner's gate, cache and retries, for strategies that call it many times.

    Each call is cached under its own messages and settings (a strategy gives every
    sampled call its own seed), so a rerun replays a strategy's finished calls and
    resumes where it stopped. Cache hits come back with ``raw={"cached": True}``.
    """

    def __init__(
        self, model: Model, *, concurrency: int = 8, cache: CompletionCache | None = None,
        retry: RetryPolicy | None = None, seed: int = 0,
    ) -> None:  # fmt: skip
        self.inner = model
        self._cache = cache
        self._retry = retry or RetryPolicy()
        self._rng = random.Random(seed)
        self._identity = model.identity()
        self._gate = asyncio.Semaphore(max(1, min(concurrency, model.max_concurrency or concurrency)))

    @property
    def name(self) -> str:
        return self.inner.name

    def identity(self) -> dict[str, Any]:
        return self._identity

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        key = cache_key(self._identity, messages, config, 0)
        hit = self._cache.get(key) if self._cache else None
        if hit is not None:
            return Completion(hit.text, hit.usage, hit.latency_s, raw={"cached": True})
        async with self._gate:
            completion, error, _ = await _generate_with_retries(
                self.inner, messages, config, self._retry, self._rng
            )
        if completion is None:
            raise RetriesExhausted(error)
        if self._cache is not None:
            self._cache.put(key, completion)
        return completion

    async def aclose(self) -> None:
        await self.inner.aclose()
