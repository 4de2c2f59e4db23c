"""Running a model over samples: concurrency, the completion cache, retries, progress.

Every (sample, draw) pair is answered at most once per cache: a completion is
committed to the cache the moment it arrives, so an interrupted run loses
nothing and its rerun generates only what is missing. A request that keeps
failing transiently is recorded as an error for that pair, never dropped.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from adhere.cache import CompletionCache, cache_key
from adhere.errors import AdhereError
from adhere.models import Completion, GenerateConfig, Message, Model, TransientModelError, WrappedModel
from adhere.samples import Sample

__all__ = [
    "Generation",
    "ManagedModel",
    "RetriesExhausted",
    "RetryPolicy",
    "draw_config",
    "gather_in_order",
    "run_generations",
]


@dataclass(frozen=True)
class RetryPolicy:
    """Transient failures (429, 5xx, dropped connections, timeouts) are retried with backoff until
    ``budget_s`` seconds have passed since the first attempt; ``attempts`` is an optional upper
    bound on tries as well."""

    attempts: int | None = None
    budget_s: float = 300.0
    base_delay_s: float = 1.0
    max_delay_s: float = 60.0

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_delay_s)
        # Exponential backoff with full jitter, so many clients do not retry in step.
        return rng.uniform(0, min(self.max_delay_s, self.base_delay_s * 2**attempt))

    def gives_up(self, tries: int, elapsed_s: float, next_delay_s: float) -> bool:
        if self.attempts is not None and tries >= self.attempts:
            return True
        return elapsed_s + next_delay_s > self.budget_s


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
    started = time.monotonic()
    tries = 0
    while True:
        tries += 1
        try:
            return await model.generate(messages, config), None, tries
        except TransientModelError as failure:
            wait = retry.delay(tries - 1, failure.retry_after, rng)
            if retry.gives_up(tries, time.monotonic() - started, wait):
                spent = time.monotonic() - started
                return None, f"gave up after {tries} attempts in {spent:.0f} s: {failure}", tries
            await asyncio.sleep(wait)


def draw_config(config: GenerateConfig, draw: int) -> GenerateConfig:
    """Draw k of a prompt gets its own seed, so K draws differ when sampling."""
    if config.seed is None or draw == 0:
        return config
    return replace(config, seed=config.seed + draw)


DEFAULT_CONCURRENCY = 8


class RetriesExhausted(AdhereError):
    """A call kept failing transiently. In a run, the sample that needed it is recorded
    as an error and the run goes on; alone (``adhere follow``), it is the error."""


@dataclass(frozen=True)
class _Answer:
    completion: Completion | None
    error: str | None
    attempts: int
    cached: bool


class ManagedModel(WrappedModel):
    """A model behind the runner's gate, cache and retries.

    ``run_generations`` answers each (sample, draw) through ``answer``; strategies,
    which call the model many times per sample, use it as a plain Model. Each call
    is cached under its own messages and settings (a strategy gives every sampled
    call its own seed), so a rerun replays finished calls and resumes where it
    stopped. Cache hits come back with ``raw={"cached": True}``.
    """

    def __init__(
        self, model: Model, *, concurrency: int | None = None, cache: CompletionCache | None = None,
        retry: RetryPolicy | None = None, seed: int = 0,
    ) -> None:  # fmt: skip
        super().__init__(model)
        self.max_concurrency = None  # its own gate below is the limit
        self._cache = cache
        self._retry = retry or RetryPolicy()
        self._rng = random.Random(seed)
        self._identity = model.identity()
        # None: as many as the model serves at once (several endpoints add up), else 8.
        wanted = concurrency or model.max_concurrency or DEFAULT_CONCURRENCY
        self._gate = asyncio.Semaphore(max(1, min(wanted, model.max_concurrency or wanted)))

    def identity(self) -> dict[str, Any]:
        return self._identity

    async def answer(self, messages: Sequence[Message], config: GenerateConfig, draw: int = 0) -> _Answer:
        """From the cache, or generated (with retries) and committed to it the moment it arrives."""
        key = cache_key(self._identity, messages, config, draw)
        hit = self._cache.get(key) if self._cache else None
        if hit is not None:
            return _Answer(hit, None, 0, cached=True)
        async with self._gate:
            completion, error, attempts = await _generate_with_retries(
                self.inner, messages, config, self._retry, self._rng
            )
        if completion is not None and self._cache is not None:
            self._cache.put(key, completion)
        return _Answer(completion, error, attempts, cached=False)

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        found = await self.answer(messages, config)
        if found.completion is None:
            raise RetriesExhausted(found.error)
        if found.cached:
            return replace(found.completion, raw={"cached": True})
        return found.completion


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
    managed = ManagedModel(model, concurrency=concurrency, cache=cache, retry=retry, seed=seed)

    async def one(sample: Sample, draw: int) -> Generation:
        found = await managed.answer(sample.messages, draw_config(config, draw), draw)
        result = Generation(sample, draw, found.completion, found.error, found.cached, found.attempts)
        if on_done:
            on_done(result)
        return result

    return await gather_in_order([one(sample, draw) for sample in samples for draw in range(draws)])


_T = TypeVar("_T")


async def gather_in_order(jobs: Sequence[Awaitable[_T]]) -> list[_T]:
    """Run ``jobs`` together and return their results in order. When one fails or the run is
    interrupted, the rest are cancelled, so nothing keeps calling the model after a stop."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for task in tasks:
            task.cancel()
