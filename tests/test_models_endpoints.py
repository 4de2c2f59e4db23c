"""Several OpenAI-compatible endpoints behind one model: spreading, limits, fail-over, cache keys."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter

import pytest

from adhere.cache import CompletionCache
from adhere.models import (
    Completion,
    EndpointPool,
    EndpointUnreachable,
    GenerateConfig,
    Model,
    ModelError,
    TransientModelError,
    get_model,
)
from adhere.runner import RetryPolicy, run_generations
from adhere.samples import Sample
from adhere.testing import FakeOpenAIServer

CONFIG = GenerateConfig(max_tokens=16)
NO_WAIT = RetryPolicy(attempts=3, base_delay_s=0.01, max_delay_s=0.05)


def samples(n: int) -> list[Sample]:
    return [Sample.single(f"s{i}", f"prompt number {i}") for i in range(n)]


def run(model, items, *, concurrency=64, cache=None, retry=NO_WAIT):
    async def go():
        try:
            return await run_generations(
                model, items, CONFIG, concurrency=concurrency, cache=cache, retry=retry
            )
        finally:
            await model.aclose()

    return asyncio.run(go())


def kill_after(server: FakeOpenAIServer, answers: int) -> threading.Thread:
    def watch():
        deadline = time.monotonic() + 30
        while sum(server.answers.values()) < answers and time.monotonic() < deadline:
            time.sleep(0.005)
        server.kill()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_requests_spread_over_the_endpoints_within_each_ones_limit():
    with FakeOpenAIServer(latency_s=0.05) as a, FakeOpenAIServer(latency_s=0.05) as b:
        model = get_model("openai/m", base_url=[a.base_url, b.base_url], endpoint_concurrency=3)
        assert isinstance(model, EndpointPool) and model.max_concurrency == 6
        done = run(model, samples(24))
    assert all(g.completion for g in done)
    assert sum(a.answers.values()) + sum(b.answers.values()) == 24
    assert a.answers and b.answers
    # Each endpoint's own limit holds, though the runner let 64 requests go at once.
    assert a.peak_in_flight <= 3 and b.peak_in_flight <= 3


def test_an_endpoint_killed_mid_run_loses_no_sample():
    servers = [FakeOpenAIServer(latency_s=0.03) for _ in range(3)]
    for server in servers:
        server.__enter__()
    killed, survivors = servers[1], [servers[0], servers[2]]
    try:
        model = get_model("openai/m", base_url=[s.base_url for s in servers], endpoint_concurrency=4)
        watcher = kill_after(killed, 4)
        done = run(model, samples(40))
        watcher.join()
    finally:
        for server in servers:
            server.kill()
    assert all(g.completion is not None and g.error is None for g in done)
    assert all(g.completion.text == f"answer to: {g.sample.prompt}" for g in done if g.completion)
    prompts = [s.prompt for s in samples(40)]
    by_killed = killed.answers
    by_survivors = survivors[0].answers + survivors[1].answers
    # The kill came mid-run: the killed server answered some, and the survivors did the rest.
    assert 4 <= sum(by_killed.values()) < 40
    # What we assert: every prompt was answered; the survivors answered each at most once; and
    # a prompt answered by both is one whose answer the killed server wrote just as the kill cut
    # its connections, so the client never read it (at most one per request in flight there).
    assert all(by_killed[p] + by_survivors[p] >= 1 for p in prompts)
    assert set(by_survivors.values()) <= {1} and set(by_killed.values()) <= {1}
    twice = [p for p in prompts if by_killed[p] and by_survivors[p]]
    assert len(twice) <= 4
    # Requests the killed server never answered were retried on a survivor, not by the runner.
    assert all(g.attempts == 1 for g in done)


def test_the_cache_key_does_not_depend_on_which_replica_answered(tmp_path):
    cache = CompletionCache(tmp_path / "c.sqlite")
    with FakeOpenAIServer() as a, FakeOpenAIServer() as b, FakeOpenAIServer() as c:
        urls = [a.base_url, b.base_url, c.base_url]
        first = get_model("openai/m", base_url=urls)
        identity = first.identity()
        assert run(first, samples(12), cache=cache)
        assert identity == {"provider": "openai", "model": "m", "endpoints": sorted(urls)}
        answered = {url: sum(s.answers.values()) for url, s in zip(urls, (a, b, c), strict=True)}
        assert sum(answered.values()) == 12 and sum(n > 0 for n in answered.values()) >= 2
        # The same replicas listed in another order, with two of them down: every answer is cached.
        a.kill()
        b.kill()
        again = get_model("openai/m", base_url=list(reversed(urls)))
        assert again.identity() == identity
        rerun = run(again, samples(12), cache=cache)
        assert all(g.cached for g in rerun) and sum(c.requests.values()) == answered[c.base_url]
    cache.close()


def generate_once(model):
    async def go():
        try:
            return await model.generate([{"role": "user", "content": "x"}], CONFIG)
        finally:
            await model.aclose()

    return asyncio.run(go())


def test_all_endpoints_refusing_connections_is_a_model_error():
    dead = [FakeOpenAIServer(), FakeOpenAIServer()]
    for server in dead:
        server.kill()
    with pytest.raises(EndpointUnreachable, match="no endpoint of openai/m accepts connections") as error:
        generate_once(get_model("openai/m", base_url=[s.base_url for s in dead]))
    assert isinstance(error.value, ModelError) and all(s.base_url in str(error.value) for s in dead)


def test_all_endpoints_failing_is_transient_and_each_was_tried_once():
    dead = FakeOpenAIServer()
    dead.kill()
    with FakeOpenAIServer(lambda _p, _a: 503) as busy, FakeOpenAIServer(lambda _p, _a: "drop") as dropping:
        model = get_model("openai/m", base_url=[busy.base_url, dropping.base_url, dead.base_url], cooloff_s=5)
        with pytest.raises(TransientModelError, match="every endpoint of openai/m failed") as error:
            generate_once(model)
        assert busy.requests["x"] == 1 and dropping.requests["x"] == 1
    # The runner waits for the first endpoint to come back from its cool-off.
    assert error.value.retry_after is not None and 0 < error.value.retry_after <= 5


def test_a_request_refused_for_what_it_asks_is_not_retried_elsewhere():
    with FakeOpenAIServer(lambda _p, _a: 400) as a, FakeOpenAIServer(lambda _p, _a: 400) as b:
        with pytest.raises(ModelError, match="HTTP 400"):
            generate_once(get_model("openai/m", base_url=[a.base_url, b.base_url]))
        assert sum(a.requests.values()) + sum(b.requests.values()) == 1


def test_a_failed_endpoint_rests_then_gets_a_probe_and_comes_back():
    fails = Counter[str]()

    def flaky(prompt: str, _attempt: int) -> str | int:
        fails[prompt] += 1
        return 500 if sum(fails.values()) == 1 else "ok"

    with FakeOpenAIServer(flaky) as a, FakeOpenAIServer() as b:
        now = [0.0]
        model = get_model("openai/m", base_url=[a.base_url, b.base_url], endpoint_concurrency=1)
        assert isinstance(model, EndpointPool)
        model._clock = lambda: now[0]  # cool-offs on a clock the test moves

        async def sequence() -> list[int]:
            seen = []
            for i in range(4):
                if i == 2:
                    now[0] = 10.0  # past the cool-off
                before = sum(a.requests.values())
                await model.generate([{"role": "user", "content": f"p{i}"}], CONFIG)
                seen.append(sum(a.requests.values()) - before)
            await model.aclose()
            return seen

        seen = asyncio.run(sequence())
    # p0 fails on a and goes to b; p1 avoids the resting a; after the cool-off a is probed and back.
    assert seen[0] == 1 and seen[1] == 0 and sum(seen[2:]) >= 1
    assert sum(a.answers.values()) >= 1 and b.answers["p0"] == 1


class Replica(Model):
    def __init__(self, label: str, fails: bool) -> None:
        self.label, self.fails, self.calls = label, fails, 0

    @property
    def name(self) -> str:
        return "stub/m"

    def identity(self) -> dict:
        return {}

    async def generate(self, messages, config) -> Completion:
        self.calls += 1
        await asyncio.sleep(0.01)
        if self.fails:
            raise TransientModelError(f"{self.label} is down")
        return Completion(self.label)


def test_one_crash_counts_as_one_failure_and_a_probe_goes_alone():
    now = [0.0]
    down, up = Replica("a", fails=True), Replica("b", fails=False)
    pool = EndpointPool([("a", down), ("b", up)], identity={}, limit=3, cooloff_s=1.0, clock=lambda: now[0])

    async def six() -> list[str]:
        answers = await asyncio.gather(
            *[pool.generate([{"role": "user", "content": "x"}], CONFIG) for _ in range(6)]
        )
        return [c.text for c in answers]

    # Three requests were in flight on a when it failed: one crash, one cool-off of 1 s, not 8 s.
    assert asyncio.run(six()) == ["b"] * 6 and down.calls == 3
    resting = pool._replicas[0]
    assert resting.failures == 1 and resting.down_until == 1.0
    # After the cool-off a gets one probe, not a share of the load; its failure doubles the rest.
    # (A second event loop: the pool's waiting works in it too.)
    now[0] = 2.0
    assert asyncio.run(six()) == ["b"] * 6 and down.calls == 4
    assert resting.failures == 2 and resting.down_until == 4.0


def test_eval_over_three_replicas_one_killed_mid_run_answers_every_sample_once(tmp_path):
    """Through the command line, as a user runs it against vLLM replicas: --base-url repeated."""
    from tests.conftest import read_jsonl, run_adhere, write_jsonl

    rows = [{"key": i, "prompt": f"question {i}", "instruction_id_list": []} for i in range(30)]
    data = write_jsonl(tmp_path / "bench.jsonl", rows)
    with FakeOpenAIServer(latency_s=0.05) as a, FakeOpenAIServer(latency_s=0.05) as b:
        doomed = FakeOpenAIServer(latency_s=0.05)
        with doomed:
            killer = threading.Thread(target=lambda: (_wait_for(doomed, 3), doomed.kill()))
            killer.start()
            result = run_adhere(
                "eval", "--model", "openai/m", "--base-url", a.base_url, "--base-url", b.base_url,
                "--base-url", doomed.base_url, "--bench", str(data), "--no-cache", "--concurrency", "6",
                "--out", str(tmp_path / "run"),
            )  # fmt: skip
            killer.join()
        assert result.returncode == 0, result.stderr
        answered = [row for row in read_jsonl(tmp_path / "run" / "samples.jsonl") if row["response"]]
        assert len(answered) == 30 and all(r["response"] == f"answer to: {r['prompt']}" for r in answered)
        survivors = a.answers + b.answers
        assert sum(doomed.answers.values()) >= 3 and all(count == 1 for count in survivors.values())


def _wait_for(server: FakeOpenAIServer, answers: int) -> None:
    deadline = time.monotonic() + 30
    while sum(server.answers.values()) < answers and time.monotonic() < deadline:
        time.sleep(0.01)
