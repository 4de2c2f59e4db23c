"""The OpenAI wire format, the new GenerateConfig/Completion fields, and cache-key stability."""

from __future__ import annotations

import json

import pytest

from adhere.cache import cache_key
from adhere.models import Completion, GenerateConfig, Usage, _wire

MESSAGES = [{"role": "user", "content": "Write a haiku."}]


def test_cache_keys_made_before_stop_existed_are_unchanged():
    # Computed with the code before GenerateConfig had `stop` (commit 25a52d7).
    endpoint = {"provider": "openai", "model": "m", "endpoint": "http://127.0.0.1:8000/v1"}
    assert cache_key(endpoint, MESSAGES, GenerateConfig(), 0) == (
        "7620f72d9ca7f6232142f90c04790d3793e6b4c2668e3d96a4b69e079f874182"
    )
    config = GenerateConfig(max_tokens=64, temperature=0.7, top_p=0.9, seed=3)
    assert cache_key({"provider": "fake", "model": "fake/echo"}, MESSAGES, config, 2) == (
        "729a078163bd420cbfbe2c3f03c1702ced16f9f3ce26ce983e7b1b35f7bb7125"
    )
    assert GenerateConfig().as_dict() == {"max_tokens": 512, "temperature": 0.0}


def test_stop_texts_change_the_key_and_go_out_as_a_list():
    config = GenerateConfig(stop=("\n\n", "END"))
    assert config.as_dict()["stop"] == ["\n\n", "END"]
    assert cache_key({}, MESSAGES, config, 0) != cache_key({}, MESSAGES, GenerateConfig(), 0)
    assert _wire.request_body("m", MESSAGES, config)["stop"] == ["\n\n", "END"]


def test_completion_keeps_positional_construction():
    completion = Completion("text", Usage(1, 2), 0.5, {"raw": 1})
    assert (completion.text, completion.usage, completion.latency_s, completion.raw) == (
        "text", Usage(1, 2), 0.5, {"raw": 1},
    )  # fmt: skip
    assert completion.finish_reason is None and completion.reasoning is None


def test_request_body_and_its_server_side_reading():
    config = GenerateConfig(max_tokens=32, temperature=0.5, seed=7, stop=("END",))
    body = _wire.request_body("m", MESSAGES, config)
    assert body == {
        "model": "m", "messages": MESSAGES, "max_tokens": 32, "temperature": 0.5, "seed": 7, "stop": ["END"],
    }  # fmt: skip
    request = _wire.parse_request({**body, "logprobs": True})
    assert request.model == "m" and list(request.messages) == MESSAGES and request.config == config
    assert request.extra == {"logprobs": True} and request.stream is False
    streamed = _wire.request_body("m", MESSAGES, config, stream=True)
    assert streamed["stream"] is True and _wire.parse_request(streamed).stream is True


def test_a_request_reading_accepts_the_other_spellings_and_names_what_is_wrong():
    parts = [{"type": "text", "text": "a"}, {"type": "image_url"}, {"type": "text", "text": "b"}]
    request = _wire.parse_request(
        {"messages": [{"role": "user", "content": parts}], "stop": "X", "max_completion_tokens": 9}
    )
    assert request.messages[0]["content"] == "ab"
    assert request.config.stop == ("X",) and request.config.max_tokens == 9
    for body, field in [
        ({}, "'messages'"),
        ({"messages": [{"content": "x"}]}, r"messages\[0\]"),
        ({"messages": MESSAGES, "stop": [1]}, "'stop'"),
        ({"messages": MESSAGES, "temperature": "hot"}, "not a number"),
    ]:
        with pytest.raises(_wire.WireError, match=field):
            _wire.parse_request(body)


@pytest.mark.parametrize("field", _wire.REASONING_FIELDS)
def test_a_response_body_gives_text_usage_finish_reason_and_reasoning(field):
    body = {
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": "hi", field: "thought"},
             "finish_reason": "length"}
        ],
        "usage": {"prompt_tokens": 3, "completion_tokens": 1},
    }  # fmt: skip
    completion = _wire.parse_completion(body, 0.25)
    assert completion == Completion("hi", Usage(3, 1), 0.25, body, "length", "thought")


def test_a_response_body_round_trips():
    completion = Completion("the answer", Usage(4, 2), 0.0, None, "stop", "thought")
    body = _wire.completion_body(completion, model="m", id="x", created=1)
    assert body["object"] == "chat.completion" and body["usage"]["total_tokens"] == 6
    assert body["choices"][0]["message"]["reasoning_content"] == "thought"
    back = _wire.parse_completion(json.loads(json.dumps(body)))
    assert (back.text, back.usage, back.finish_reason, back.reasoning) == (
        "the answer",
        Usage(4, 2),
        "stop",
        "thought",
    )


def test_an_unreadable_response_body_is_a_wire_error():
    for body in [{}, {"choices": []}, {"choices": [{"message": {"content": 3}}]}, []]:
        with pytest.raises(_wire.WireError):
            _wire.parse_completion(body)


def test_chunks_through_server_sent_events_give_back_the_completion():
    completion = Completion(" two  words\nand more ", Usage(5, 4), 0.0, None, "length", "a plan")
    chunks = _wire.completion_chunks(completion, model="m", id="c1", created=2)
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    assert (
        chunks[-1]["choices"][0]["finish_reason"] == "length"
        and chunks[-1]["usage"]["completion_tokens"] == 4
    )
    assert all(c["object"] == "chat.completion.chunk" and c["id"] == "c1" for c in chunks)
    assert all(c["choices"][0]["finish_reason"] is None for c in chunks[:-1])
    stream = b"".join(map(_wire.sse_event, chunks)) + _wire.SSE_DONE
    gathered = _wire.StreamAccumulator()
    lines = stream.decode().splitlines()
    events = [_wire.parse_sse_line(line) for line in [": keep-alive", "event: x", *lines]]
    # A comment, an event name and the blank line after each event carry no data.
    assert events.count(None) == 2 + len(chunks) + 1
    data = [event for event in events if event is not None]
    assert data[-1] is _wire.DONE and data[:-1] == chunks
    for chunk in chunks:
        gathered.add(chunk)
    done = gathered.completion(0.5)
    assert (done.text, done.usage, done.finish_reason, done.reasoning, done.latency_s) == (
        completion.text, completion.usage, "length", "a plan", 0.5,
    )  # fmt: skip
    assert (
        done.raw is not None
        and done.raw["id"] == "c1"
        and done.raw["choices"][0]["message"]["content"] == done.text
    )


def test_a_bad_stream_line_is_a_wire_error():
    with pytest.raises(_wire.WireError, match="not JSON"):
        _wire.parse_sse_line("data: {oops")


def test_error_bodies():
    body = _wire.error_body("slow down", _wire.error_type(429), "rate_limited")
    assert body == {"error": {"message": "slow down", "type": "rate_limit_error", "code": "rate_limited"}}
    assert _wire.parse_error(body) == _wire.ErrorInfo("slow down", "rate_limit_error", "rate_limited")
    assert _wire.parse_error({"error": "bare"}) == _wire.ErrorInfo("bare", "server_error")
    assert _wire.parse_error({"choices": []}) is None
    assert _wire.error_type(503) == "server_error" and _wire.error_type(401) == "authentication_error"
