"""get_model's options reach the provider; the OpenAI-compatible provider against the fake server:
timeouts, stop texts, finish reasons, reasoning fields, streaming."""

from __future__ import annotations

import asyncio

import pytest

from adhere.models import (
    EndpointUnreachable,
    FakeModel,
    GenerateConfig,
    Model,
    ModelError,
    TransientModelError,
    available_providers,
    get_model,
    provider_options,
)
from adhere.models._openai import OpenAIModel
from adhere.models._registry import PROVIDERS, _builtin_factory
from adhere.reasoning import split_reasoning
from adhere.testing import FakeOpenAIServer

MESSAGES = [{"role": "user", "content": "Name a colour."}]


def generate(model: Model, config: GenerateConfig | None = None, messages=MESSAGES):
    async def once():
        try:
            return await model.generate(messages, config or GenerateConfig())
        finally:
            await model.aclose()

    return asyncio.run(once())


def test_todays_call_fits_every_provider():
    # evaluation.py and follow() call get_model this way whatever the provider.
    model = get_model("fake/echo", base_url=None, api_key=None, timeout_s=120.0)
    assert isinstance(model, FakeModel)
    for provider in PROVIDERS:
        accepted = provider_options(_builtin_factory(provider))
        assert accepted is not None and "timeout_s" in accepted, provider


def test_an_unknown_option_names_the_option_the_provider_and_what_it_accepts():
    with pytest.raises(ModelError) as error:
        get_model("fake/echo", temprature=0.3)
    assert str(error.value) == (
        "the 'fake' provider does not take option 'temprature' (accepts: latency_s, timeout_s)"
    )
    with pytest.raises(ModelError, match="the 'fake' provider does not take option 'base_url'"):
        get_model("fake/echo", base_url="http://127.0.0.1:1/v1")
    with pytest.raises(ModelError, match=r"'openai' provider does not take option 'n_ctx' \(accepts: "):
        get_model("openai/m", n_ctx=2048)


def test_options_reach_the_provider():
    model = get_model("fake/fixed:ok", latency_s=0.2, timeout_s=0.01)
    with pytest.raises(TransientModelError, match=r"no answer in 0\.01 s"):
        generate(model)
    assert "openai" in available_providers() and "fake" in available_providers()


def test_the_openai_provider_honours_timeout_s():
    # Before, create() dropped timeout_s: the request waited for httpx's default 120 s,
    # and here the server's hang ending (a dropped connection) would fail it differently.
    with FakeOpenAIServer(lambda _p, _a: "hang", hang_s=5.0) as server:
        model = get_model("openai/m", base_url=server.base_url, timeout_s=0.3)
        with pytest.raises(TransientModelError, match=r"no answer from .* in time"):
            generate(model)
        assert server.requests[MESSAGES[0]["content"]] == 1


def test_stop_max_tokens_and_seed_reach_the_server_and_the_answer_stops():
    with FakeOpenAIServer(reply=lambda _p: "red, then green") as server:
        model = get_model("openai/m", base_url=server.base_url)
        config = GenerateConfig(max_tokens=7, seed=3, stop=(", then",))
        completion = generate(model, config)
        assert server.last_body["stop"] == [", then"]
        assert server.last_body["max_tokens"] == 7 and server.last_body["seed"] == 3
    assert completion.text == "red" and completion.finish_reason == "stop"


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("field", ["reasoning_content", "reasoning"])
def test_a_separate_reasoning_field_arrives_apart_from_the_text(stream, field):
    with FakeOpenAIServer(reasoning=lambda p: f"thinking about {p}", reasoning_field=field) as server:
        model = get_model("openai/m", base_url=server.base_url, stream=stream)
        completion = generate(model)
        assert server.last_body.get("stream", False) is stream
    assert completion.text == "answer to: Name a colour."
    assert completion.reasoning == "thinking about Name a colour." and completion.finish_reason == "stop"
    assert completion.usage.input_tokens == 3 and completion.usage.output_tokens == 5


def test_a_streamed_answer_equals_the_plain_one():
    reply = "<think>\nhmm\n</think>\n\n  Blue,  of course.\n"
    with FakeOpenAIServer(reply=lambda _p: reply) as server:
        plain = generate(get_model("openai/m", base_url=server.base_url))
        streamed = generate(get_model("openai/m", base_url=server.base_url, stream=True))
    assert streamed.text == plain.text == reply
    assert (streamed.usage, streamed.finish_reason, streamed.reasoning) == (plain.usage, "stop", None)
    assert split_reasoning(streamed.text).answer == "Blue,  of course.\n"


def test_http_errors_read_the_error_body():
    refusing = FakeOpenAIServer(lambda _p, _a: 401)
    with refusing, pytest.raises(ModelError, match=r"HTTP 401 from .*: planned 401 .*--api-key"):
        generate(get_model("openai/m", base_url=refusing.base_url))
    busy = FakeOpenAIServer(lambda _p, _a: 503)
    with busy, pytest.raises(TransientModelError, match="HTTP 503") as error:
        generate(get_model("openai/m", base_url=busy.base_url, stream=True))
    assert error.value.retry_after == 0.0


def test_a_dead_endpoint_is_unreachable_and_a_one_url_list_is_the_plain_model():
    server = FakeOpenAIServer()
    url = server.base_url
    server.kill()
    with pytest.raises(EndpointUnreachable, match=r"cannot connect to .*--base-url"):
        generate(get_model("openai/m", base_url=url))
    single = get_model("openai/m", base_url=[url + "/"], endpoint_concurrency=3)
    assert isinstance(single, OpenAIModel) and single.max_concurrency == 3
    assert single.identity() == get_model("openai/m", base_url=url).identity()
    with pytest.raises(ModelError, match="listed twice"):
        get_model("openai/m", base_url=[url, url + "/"])
    with pytest.raises(ModelError, match="empty"):
        get_model("openai/m", base_url=[])
