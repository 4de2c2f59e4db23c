"""`adhere serve` in-process: the official openai SDK against the proxy, in front of a scriptable
local upstream (FakeOpenAIServer). Plain and streamed answers, strategies and their extension field,
OpenAI-style errors, upstream failures passed on, disconnects, limits and the run log."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="adhere serve needs the serve extra (starlette, uvicorn)")
pytest.importorskip("uvicorn", reason="adhere serve needs the serve extra (starlette, uvicorn)")
openai = pytest.importorskip("openai", reason="the tests' client is the official openai SDK (dev extra)")
httpx = pytest.importorskip("httpx")

from adhere.models import Model, get_model  # noqa: E402
from adhere.models._fake import FakeModel  # noqa: E402
from adhere.models._openai import HTTPStatusError  # noqa: E402
from adhere.runlog import read_samples  # noqa: E402
from adhere.serve import ServeConfig, create_app  # noqa: E402
from adhere.serve._app import Proxy  # noqa: E402
from adhere.testing import FakeOpenAIServer, running_app  # noqa: E402

LOWERCASE = "Reply in all lowercase letters, no capitals. What is 2+2?"


@contextmanager
def proxy(
    upstream: FakeOpenAIServer | None, extract: Model | None = None, **options: Any
) -> Iterator[tuple[str, Proxy]]:
    """The proxy in front of ``upstream`` (or of a local fake model), the decomposer asking
    ``extract`` when given; yields its URL and state."""
    if extract is not None:
        options.setdefault("extract_model", extract.name)
    if upstream is not None:
        config = ServeConfig(served_model="up-model", upstream_url=upstream.base_url, **options)
        model = get_model("openai/up-model", base_url=upstream.base_url, api_key="upstream-own-key")
    else:
        config = ServeConfig(served_model="fake/echo", **options)
        model = FakeModel.from_spec("echo")
    app = create_app(config, model, extract_model=extract)
    with running_app(app) as url:
        yield url, app.state.proxy


@pytest.fixture(scope="module")
def shared() -> Iterator[tuple[FakeOpenAIServer, str, Proxy]]:
    """One upstream and one proxy with the default settings, for the tests that need no others."""
    with FakeOpenAIServer(hang_s=60) as upstream, proxy(upstream) as (url, state):
        yield upstream, url, state


@pytest.fixture
def served(shared: tuple[FakeOpenAIServer, str, Proxy]) -> Iterator[tuple[FakeOpenAIServer, str, Proxy]]:
    """The shared proxy, its upstream's script reset after the test."""
    upstream = shared[0]
    plan, reply = upstream.plan, upstream.reply
    yield shared
    upstream.plan, upstream.reply = plan, reply


_CLIENTS: dict[tuple[str, str], Any] = {}


def client(url: str, api_key: str = "sk-client") -> Any:
    if (url, api_key) not in _CLIENTS:  # an SDK client is slow to make: one per proxy and key
        _CLIENTS[url, api_key] = openai.OpenAI(base_url=f"{url}/v1", max_retries=0, api_key=api_key)
    return _CLIENTS[url, api_key]


def ask(url: str, prompt: str = LOWERCASE, **options: Any) -> Any:
    return client(url).chat.completions.create(
        model="anything", messages=[{"role": "user", "content": prompt}], **options
    )


def test_direct_is_a_pass_through_with_the_extension_added(served):
    upstream, url, _ = served
    answer = ask(url, max_tokens=20, extra_body={"response_format": {"type": "text"}, "logprobs": False})
    assert answer.choices[0].message.content == f"answer to: {LOWERCASE}"
    sent = upstream.last_body
    # The client's fields go upstream as they were, with the upstream's model name.
    assert sent["model"] == "up-model"
    assert sent["response_format"] == {"type": "text"} and sent["logprobs"] is False
    assert sent["max_tokens"] == 20 and "adhere" not in sent
    extension = answer.model_extra["adhere"]
    assert extension["strategy"] == "direct" and extension["checked"] is False and extension["calls"] == 1


def test_direct_streams_the_upstream_events_and_ends_with_the_extension(served):
    upstream, url, _ = served
    chunks = list(ask(url, stream=True))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == f"answer to: {LOWERCASE}"
    assert chunks[-1].model_extra["adhere"]["strategy"] == "direct"
    assert all("adhere" not in c.model_extra for c in chunks[:-1])
    assert upstream.last_body["stream"] is True


def test_a_strategy_chosen_in_the_request_reports_each_verdict(served):
    upstream, url, _ = served
    upstream.reply = lambda _p: "four"
    answer = ask(url, extra_body={"adhere": {"strategy": "best-of-n", "settings": {"n": 2}}})
    assert answer.choices[0].message.content == "four"
    extension = answer.model_extra["adhere"]
    assert extension["strategy"] == "best-of-n" and extension["passed"] is True
    [verdict] = extension["constraints"]
    assert verdict["id"] == "change_case:english_lowercase" and verdict["ok"] is True
    assert extension["calls"] == 1 and extension["tokens"]["output"] == 1
    assert answer.usage.completion_tokens == 1


def test_a_failing_answer_is_retried_and_the_verdicts_say_why():
    replies = iter(["FOUR", "four"])
    upstream = FakeOpenAIServer(reply=lambda _p: next(replies))
    with upstream, proxy(upstream, strategy="best-of-n", settings={"n": "3"}) as (url, _):
        answer = ask(url)  # the server's default strategy
    extension = answer.model_extra["adhere"]
    assert answer.choices[0].message.content == "four"
    assert extension["calls"] == 2 and extension["passed"] is True


def test_a_streamed_strategy_answer_carries_the_verdicts_in_its_last_chunk(served):
    upstream, url, _ = served
    upstream.reply = lambda _p: "FOUR"
    chunks = list(
        ask(url, stream=True, extra_body={"adhere": {"strategy": "best-of-n", "settings": {"n": 2}}})
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "FOUR"
    extension = chunks[-1].model_extra["adhere"]
    assert extension["passed"] is False
    assert extension["constraints"][0]["ok"] is False and "lowercase" in extension["constraints"][0]["reason"]


def test_the_system_message_states_constraints_too():
    with (
        FakeOpenAIServer(reply=lambda _p: "FOUR") as upstream,
        proxy(upstream, strategy="best-of-n") as (url, _),
    ):
        answer = client(url).chat.completions.create(
            model="m",
            messages=[
                {"role": "developer", "content": "Reply in all lowercase letters, no capitals."},
                {"role": "user", "content": "What is 2+2?"},
            ],
        )
    ids = [v["id"] for v in answer.model_extra["adhere"]["constraints"]]
    assert ids == ["change_case:english_lowercase"]


def test_a_local_model_is_served_directly_through_solve():
    with proxy(None) as (url, _):
        answer = ask(url, "hello there")
        listed = client(url).models.list()
    assert answer.choices[0].message.content == "hello there"
    assert answer.model_extra["adhere"]["checked"] is True
    assert [m.id for m in listed.data] == ["fake/echo"]


def post(url: str, content: bytes, headers: dict[str, str] | None = None) -> Any:
    return httpx.post(f"{url}/v1/chat/completions", content=content, headers=headers or {}, timeout=10)


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        (b"{not json", 400, "not valid JSON"),
        (b'{"model": "m"}', 400, "'messages'"),
        (b'{"messages": [{"role": "user", "content": "hi"}], "adhere": {"strategy": "nope"}}', 400, "nope"),
        (
            b'{"messages": [{"role": "user", "content": "hi"}], "adhere": {"settings": {"bogus": 1}}}',
            400,
            "bogus",
        ),
        (
            b'{"messages": [{"role": "user", "content": "hi"}], '
            b'"adhere": {"strategy": "best-of-n", "settings": {"n": "many"}}}',
            400,
            "integer",
        ),
        (
            b'{"messages": [{"role": "assistant", "content": "hi"}], "adhere": {"strategy": "best-of-n"}}',
            400,
            "user",
        ),
        (
            b'{"messages": [{"role": "user", "content": "' + b"x" * 1_000_001 + b'"}]}',
            413,
            "over 1000000 bytes",
        ),
    ],
)
def test_bad_requests_get_openai_style_errors(served, body, status, says):
    response = post(served[1], body)
    assert response.status_code == status
    error = response.json()["error"]
    assert says in error["message"] and error["type"] == "invalid_request_error"


def test_the_sdk_sees_the_right_exceptions_and_unknown_paths_get_json():
    with FakeOpenAIServer() as upstream, proxy(upstream, api_key="proxy-key") as (url, _):
        with pytest.raises(openai.AuthenticationError):
            ask(url)
        assert (
            client(url, api_key="proxy-key")
            .chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
            .choices[0]
            .message.content
            == "answer to: hi"
        )
        missing = httpx.get(f"{url}/v1/nothing-here")
        wrong_method = httpx.get(f"{url}/v1/chat/completions")
    assert missing.status_code == 404 and "error" in missing.json()
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "POST"
    assert "POST" in wrong_method.json()["error"]["message"]
    # With its own key, the proxy pays the upstream with the upstream's key, never the client's.
    assert upstream.authorizations[-1] is None or "proxy-key" not in upstream.authorizations[-1]


@pytest.mark.parametrize("strategy", ["direct", "best-of-n"])
def test_upstream_429_is_passed_on_with_its_retry_after(served, strategy):
    upstream, url, _ = served
    upstream.plan = lambda _p, _a: 429
    response = post(
        url,
        json.dumps(
            {"messages": [{"role": "user", "content": "hi"}], "adhere": {"strategy": strategy}}
        ).encode(),
    )
    assert response.status_code == 429 and response.headers["retry-after"] == "0"
    assert response.json()["error"]["type"] == "rate_limit_error"


@pytest.mark.parametrize("strategy", ["direct", "best-of-n"])
def test_a_flaky_upstream_gives_the_sdk_clear_errors_and_the_proxy_keeps_serving(served, strategy):
    upstream, url, _ = served
    fates = iter([500, "drop", "ok"])
    upstream.plan = lambda _p, _a: next(fates)
    extra = {"adhere": {"strategy": strategy}}
    with pytest.raises(openai.InternalServerError) as failed:
        ask(url, extra_body=extra)
    assert failed.value.status_code == 500
    with pytest.raises(openai.APIStatusError) as dropped:
        ask(url, extra_body=extra)
    assert dropped.value.status_code == 502
    assert ask(url, "again", extra_body=extra).choices[0].message.content == "answer to: again"


@pytest.mark.parametrize("strategy", ["direct", "best-of-n"])
def test_an_upstream_that_is_down_gives_502_and_the_proxy_keeps_serving(strategy):
    upstream = FakeOpenAIServer()
    with upstream, proxy(upstream) as (url, _):
        upstream.kill()
        with pytest.raises(openai.APIStatusError) as down:
            ask(url, extra_body={"adhere": {"strategy": strategy}})
        assert down.value.status_code == 502 and "upstream" in down.value.message
        assert httpx.get(f"{url}/health").json()["status"] == "ok"


def wait_until(condition: Any, limit_s: float = 10.0) -> bool:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.parametrize(("strategy", "stream"), [("direct", False), ("direct", True), ("best-of-n", False)])
def test_a_client_that_disconnects_cancels_the_upstream_work(served, strategy, stream):
    upstream, url, state = served
    upstream.plan = lambda _p, _a: "hang"
    prompt = f"hang {strategy} {stream}"
    with pytest.raises(openai.APITimeoutError):
        ask(url, prompt, stream=stream, timeout=1.0, extra_body={"adhere": {"strategy": strategy}})
    assert upstream.requests[prompt]  # the call reached the upstream ...
    assert wait_until(lambda: state.gate.in_flight == 0)  # ... and was dropped with the client


def test_per_request_budget_and_timeout():
    upstream = FakeOpenAIServer(reply=lambda _p: "LOUD")
    with upstream, proxy(upstream, max_calls=2) as (url, _), pytest.raises(openai.BadRequestError) as over:
        ask(url, extra_body={"adhere": {"strategy": "best-of-n", "settings": {"n": 5}}})
    assert "--max-calls" in over.value.message
    upstream = FakeOpenAIServer(latency_s=30)
    with upstream, proxy(upstream, timeout_s=0.5) as (url, _), pytest.raises(openai.APIStatusError) as late:
        ask(url, extra_body={"adhere": {"strategy": "best-of-n"}})
    assert late.value.status_code == 504


def test_concurrency_toward_the_upstream_is_limited():
    with FakeOpenAIServer(latency_s=0.2) as upstream, proxy(upstream, concurrency=2) as (url, _):
        threads = [threading.Thread(target=ask, args=(url, f"q{i}")) for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert upstream.peak_in_flight <= 2 and sum(upstream.answers.values()) == 6


def test_every_request_is_a_run_record_even_under_concurrency(tmp_path):
    log = tmp_path / "served"
    with FakeOpenAIServer() as upstream, proxy(upstream, log_dir=log) as (url, _):
        strategies = ["direct", "best-of-n"]
        threads = [
            threading.Thread(
                target=ask,
                args=(url, f"Reply in all lowercase letters. question {i}"),
                kwargs={"stream": i % 3 == 0, "extra_body": {"adhere": {"strategy": strategies[i % 2]}}},
            )
            for i in range(12)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    records = read_samples(log)
    assert sorted(r.turns[-1].user for r in records) == sorted(
        f"Reply in all lowercase letters. question {i}" for i in range(12)
    )
    for record in records:
        assert record.error is None and record.metadata["served"] is True
        # The extracted constraints are the record's, so `adhere score` checks what was asked.
        assert [c.id for c in record.turns[-1].constraints] == ["change_case:english_lowercase"]
    assert {r.strategy for r in records} == {"direct", "best-of-n"}


def test_no_log_means_no_record(tmp_path):
    with FakeOpenAIServer() as upstream, proxy(upstream, log_dir=None) as (url, _):
        ask(url)
    assert not any(tmp_path.iterdir())


def test_config_described_keeps_no_key():
    config = ServeConfig(served_model="m", api_key="secret-proxy-key", log_dir=Path("x"))
    assert "secret-proxy-key" not in json.dumps(replace(config).described())


# --extract-model: a prompt the rules read nothing from, and what the extract model proposes for it.
HARBOUR = "Write four lines about the harbour at dawn."
PROPOSAL = '{"soft": "mention the gulls"}'


def is_decomposer_request(prompt: str) -> bool:
    return "List every constraint the request below places" in prompt


def test_the_extract_model_reads_the_constraints_and_the_upstream_answers(tmp_path):
    reader = FakeModel(PROPOSAL, spec="fake/reader")
    log = tmp_path / "served"
    with (
        FakeOpenAIServer(reply=lambda _p: "Gulls over the harbour.") as upstream,
        proxy(upstream, reader, strategy="best-of-n", log_dir=log) as (url, _),
    ):
        answer = ask(url, HARBOUR, extra_body={"adhere": {"settings": {"n": 1}}})
        relayed = ask(url, "Say hi.", extra_body={"adhere": {"strategy": "direct"}})
        unread = ask(url, HARBOUR, extra_body={"adhere": {"settings": {"n": 1, "decompose": False}}})
    # One decomposer call, to the extract model only; direct and decompose=false never ask it.
    assert [is_decomposer_request(m[-1]["content"]) for m, _ in reader.calls] == [True]
    assert not any(is_decomposer_request(prompt) for prompt in upstream.requests)
    extension = answer.model_extra["adhere"]
    assert extension["constraints"][0]["soft"] == "mention the gulls"
    assert extension["calls_by_purpose"]["decompose"] == 1 and extension["calls_by_purpose"]["answer"] == 1
    assert extension["tokens_by_purpose"]["decompose"]["output"] == len(PROPOSAL.split())
    assert relayed.model_extra["adhere"]["strategy"] == "direct"
    assert "decompose" not in unread.model_extra["adhere"]["calls_by_purpose"]
    read = next(r for r in read_samples(log) if any(c.purpose == "decompose" for c in r.calls))
    [decompose] = [c for c in read.calls if c.purpose == "decompose"]
    assert decompose.text == PROPOSAL and {"soft": "mention the gulls"} in read.turns[-1].known


def test_the_extract_model_pays_with_its_own_key_never_the_clients():
    with (
        FakeOpenAIServer(reply=lambda _p: "fine.") as upstream,
        FakeOpenAIServer(reply=lambda _p: PROPOSAL) as reading,
    ):
        reader = get_model("openai/reader", base_url=reading.base_url, api_key="reader-own-key")
        with proxy(upstream, reader, strategy="best-of-n") as (url, _):
            answer = ask(url, HARBOUR)
    assert answer.model_extra["adhere"]["calls_by_purpose"]["decompose"] == 1
    assert set(reading.authorizations) == {"Bearer reader-own-key"}
    assert set(upstream.authorizations) == {"Bearer sk-client"}


class _EchoesItsKey(FakeModel):
    async def generate(self, messages: Any, config: Any) -> Any:
        raise HTTPStatusError(f"HTTP 401 from x: Incorrect API key provided: {READER_KEY}", 401)


READER_KEY = "sk-READER-PLANTED-41c2d9"


@pytest.mark.parametrize("stream", [False, True])
def test_a_failing_extract_model_is_named_and_its_words_are_not_passed_on(tmp_path, stream):
    log = tmp_path / "served"
    with (
        FakeOpenAIServer() as upstream,
        proxy(upstream, _EchoesItsKey(spec="fake/reader"), strategy="best-of-n", log_dir=log) as (url, _),
        pytest.raises(openai.APIStatusError) as failed,
    ):
        ask(url, HARBOUR, stream=stream)
    assert failed.value.status_code == 502
    message = failed.value.message
    assert "extract model fake/reader failed" in message and "HTTP 401" in message
    assert READER_KEY not in str(failed.value.body)
    assert not upstream.requests  # no answer is asked for once reading the request failed
    [record] = read_samples(log)
    assert record.error and "extract model" in record.error
    assert READER_KEY not in (log / "samples.jsonl").read_text()


def test_an_extract_model_that_is_down_gives_502_and_the_proxy_keeps_serving():
    with FakeOpenAIServer() as upstream, FakeOpenAIServer() as reading:
        reader = get_model("openai/reader", base_url=reading.base_url, api_key="k")
        with proxy(upstream, reader, strategy="best-of-n") as (url, _):
            reading.kill()
            with pytest.raises(openai.APIStatusError) as down:
                ask(url, HARBOUR)
            assert down.value.status_code == 502 and "extract model openai/reader" in down.value.message
            assert ask(url, "Say hi.", extra_body={"adhere": {"strategy": "direct"}}).choices


def test_the_served_model_as_extract_model_reads_through_the_upstreams_gate():
    reply = lambda p: PROPOSAL if is_decomposer_request(p) else "fine."  # noqa: E731
    with FakeOpenAIServer(reply=reply) as upstream:
        model = get_model("openai/up-model", base_url=upstream.base_url)
        options = {"strategy": "best-of-n", "extract_model": "openai/up-model"}
        app = create_app(ServeConfig("up-model", upstream.base_url, **options), model, extract_model=model)
        with running_app(app) as url:
            answer = ask(url, HARBOUR)
    assert app.state.proxy.extractor is None  # the same model: counted in --max-calls, limits shared
    assert answer.model_extra["adhere"]["calls_by_purpose"]["decompose"] == 1
    assert sum(is_decomposer_request(p) for p in upstream.requests) == 1


def test_config_described_names_the_extract_model():
    config = ServeConfig(served_model="m", extract_model="openai/reader", extract_base_url="http://h/v1")
    assert config.described()["extract_model"] == "openai/reader"


@pytest.mark.parametrize("freeze", [False, True])
def test_only_a_process_that_just_serves_freezes_its_start_up_objects(freeze):
    """gc.freeze concerns the whole process: an app made by a library user leaves the collector
    alone; adhere serve (freeze_at_start) moves start-up objects out of its reach."""
    import gc

    gc.unfreeze()
    model = FakeModel.from_spec("echo")
    app = create_app(ServeConfig(served_model="fake/echo"), model, freeze_at_start=freeze)
    try:
        with running_app(app):
            frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    assert (frozen > 0) == freeze
