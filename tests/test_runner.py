"""The runner's control flow, with the fake model: order, concurrency, cache, retries."""

from __future__ import annotations

import asyncio

import pytest

from adhere.benchmarks import synth_samples
from adhere.cache import CompletionCache, cache_key
from adhere.models import FakeModel, GenerateConfig, Model, ModelError, TransientModelError
from adhere.runner import RetryPolicy, run_generations

SAMPLES = synth_samples(6, seed=3)
FAST_RETRY = RetryPolicy(attempts=4, base_delay_s=0.001, max_delay_s=0.01)


def run(model: Model, **options):
    return asyncio.run(run_generations(model, SAMPLES, GenerateConfig(max_tokens=16), **options))


def test_every_sample_and_draw_is_answered_once_in_order():
    model = FakeModel(lambda messages, _config: messages[-1]["content"][:10])
    generations = run(model, draws=3)
    assert [(g.sample.key, g.draw) for g in generations] == [(s.key, d) for s in SAMPLES for d in range(3)]
    assert all(g.completion and g.completion.text == g.sample.prompt[:10] for g in generations)
    assert len(model.calls) == 18


class CountingModel(FakeModel):
    def __init__(self, max_concurrency: int | None = None):
        super().__init__("ok", latency_s=0.02)
        self.max_concurrency = max_concurrency
        self.in_flight = 0
        self.peak = 0

    async def generate(self, messages, config):
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            return await super().generate(messages, config)
        finally:
            self.in_flight -= 1


@pytest.mark.parametrize(("concurrency", "model_limit", "expected"), [(1, None, 1), (4, None, 4), (8, 1, 1)])
def test_concurrency_is_bounded_by_the_flag_and_the_model(concurrency, model_limit, expected):
    model = CountingModel(model_limit)
    run(model, draws=2, concurrency=concurrency)
    assert model.peak == expected


def test_a_second_run_with_the_cache_generates_nothing(tmp_path):
    cache = CompletionCache(tmp_path / "c.sqlite")
    first = FakeModel("hello")
    run(first, cache=cache)
    again = FakeModel("something else")
    generations = run(again, cache=cache)
    assert again.calls == []
    assert all(g.cached and g.completion.text == "hello" for g in generations)


def test_cache_keys_change_with_everything_that_changes_the_output():
    messages = [{"role": "user", "content": "hi"}]
    base = cache_key({"model": "a"}, messages, GenerateConfig(), 0)
    assert base == cache_key({"model": "a"}, messages, GenerateConfig(), 0)
    assert base != cache_key({"model": "b"}, messages, GenerateConfig(), 0)
    assert base != cache_key({"model": "a"}, [{"role": "user", "content": "hi!"}], GenerateConfig(), 0)
    assert base != cache_key({"model": "a"}, messages, GenerateConfig(temperature=0.7), 0)
    assert base != cache_key({"model": "a"}, messages, GenerateConfig(), 1)


class FlakyModel(FakeModel):
    def __init__(self, failures: int):
        super().__init__("fine")
        self.failures = failures
        self.attempts = 0

    async def generate(self, messages, config):
        self.attempts += 1
        if self.attempts <= self.failures:
            raise TransientModelError("HTTP 503", retry_after=0.0)
        return await super().generate(messages, config)


def test_transient_failures_are_retried_until_they_pass():
    model = FlakyModel(failures=3)
    [generation] = asyncio.run(run_generations(model, SAMPLES[:1], GenerateConfig(), retry=FAST_RETRY))
    assert generation.completion.text == "fine" and generation.attempts == 4


def test_a_request_that_keeps_failing_is_recorded_as_an_error_not_lost():
    model = FlakyModel(failures=100)
    [generation] = asyncio.run(run_generations(model, SAMPLES[:1], GenerateConfig(), retry=FAST_RETRY))
    assert generation.completion is None
    assert generation.error.startswith("gave up after 4 attempts") and generation.error.endswith(": HTTP 503")


def test_retry_after_is_honoured_and_backoff_grows():
    import random

    policy = RetryPolicy(attempts=5, base_delay_s=1.0, max_delay_s=60.0)
    rng = random.Random(0)
    assert policy.delay(0, 7.5, rng) == 7.5
    assert policy.delay(9, 600.0, rng) == 60.0
    assert all(0 <= policy.delay(3, None, rng) <= 8.0 for _ in range(50))


def test_a_fatal_model_error_stops_the_run():
    class Broken(FakeModel):
        async def generate(self, messages, config):
            raise ModelError("HTTP 401: bad key")

    with pytest.raises(ModelError, match="401"):
        run(Broken())


def test_cached_completions_record_when_they_were_made(tmp_path):
    import sqlite3
    import time

    from adhere.models import Completion

    cache = CompletionCache(tmp_path / "c.sqlite")
    cache.put("k", Completion("text"))
    cache.close()
    with sqlite3.connect(tmp_path / "c.sqlite") as db:
        (created,) = db.execute("SELECT created FROM completions").fetchone()
    assert abs(created - time.time()) < 60


def test_the_cache_keeps_finish_reason_and_reasoning_and_upgrades_an_old_file(tmp_path):
    import sqlite3

    from adhere.cache import _SCHEMA, CompletionCache
    from adhere.models import Completion, Usage

    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.execute(_SCHEMA[0])  # a cache written by adhere 0.1: schema version 1
    old.execute("PRAGMA user_version = 1")
    old.execute(
        "INSERT INTO completions (key, text, input_tokens, output_tokens, latency_s) "
        "VALUES ('k', 'hi', 1, 2, 0.5)"
    )
    old.commit()
    old.close()
    cache = CompletionCache(path)
    assert cache.get("k") == Completion("hi", Usage(1, 2), 0.5)  # old rows read as they were
    cache.put("n", Completion("x", Usage(3, 4), 0.1, finish_reason="length", reasoning="thought"))
    again = cache.get("n")
    assert again is not None and again.finish_reason == "length" and again.reasoning == "thought"
    cache.close()
