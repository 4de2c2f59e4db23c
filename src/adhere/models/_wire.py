"""The OpenAI chat-completions wire format, written once.

Request bodies, response bodies, streaming chunks and their server-sent events,
and error bodies, as plain data in and out: no HTTP library here, so the
client provider, the test server and a proxy server all speak through it.
A body that breaks the format raises ``WireError`` naming the field.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from adhere.models._base import Completion, GenerateConfig, Message, Usage

__all__ = [
    "DONE",
    "REASONING_FIELDS",
    "SSE_DONE",
    "ChatRequest",
    "ErrorInfo",
    "StreamAccumulator",
    "WireError",
    "completion_body",
    "completion_chunks",
    "error_body",
    "error_type",
    "parse_completion",
    "parse_error",
    "parse_request",
    "parse_sse_line",
    "request_body",
    "sse_event",
]

#: Where servers put a reasoning trace apart from the answer: vLLM and DeepSeek use
#: ``reasoning_content``, some newer servers ``reasoning``. The first is what adhere writes.
REASONING_FIELDS = ("reasoning_content", "reasoning")


class WireError(ValueError):
    """A body that does not follow the chat-completions format."""


# --- requests ---------------------------------------------------------------------------------


def request_body(
    model: str, messages: Sequence[Message], config: GenerateConfig, *, stream: bool = False
) -> dict[str, Any]:
    """The JSON body of ``POST /chat/completions``."""
    body: dict[str, Any] = {"model": model, "messages": [dict(m) for m in messages]}
    body.update(config.as_dict())
    if stream:
        # Without include_usage a streamed answer carries no token counts.
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    return body


@dataclass(frozen=True)
class ChatRequest:
    """A request as a server reads it. ``extra`` keeps the fields adhere does not model,
    so a proxy can pass them on. Settings the body leaves out take GenerateConfig's defaults."""

    model: str
    messages: tuple[Message, ...]
    config: GenerateConfig
    stream: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)


_CONFIG_FIELDS = {"max_tokens", "max_completion_tokens", "temperature", "top_p", "seed", "stop"}


def parse_request(body: Any) -> ChatRequest:
    if not isinstance(body, Mapping):
        raise WireError("the request body must be a JSON object")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise WireError("'messages' must be a non-empty list")
    model = body.get("model", "")
    if not isinstance(model, str):
        raise WireError("'model' must be a string")
    known = _CONFIG_FIELDS | {"model", "messages", "stream", "stream_options"}
    return ChatRequest(
        model=model,
        messages=tuple(_message(m, i) for i, m in enumerate(messages)),
        config=_config(body),
        stream=bool(body.get("stream", False)),
        extra={k: v for k, v in body.items() if k not in known},
    )


def _message(message: Any, index: int) -> Message:
    where = f"messages[{index}]"
    if not isinstance(message, Mapping) or not isinstance(message.get("role"), str):
        raise WireError(f"{where} must be an object with a 'role'")
    content = message.get("content")
    if isinstance(content, list):  # content parts: only text parts carry anything adhere reads
        parts = [p.get("text") for p in content if isinstance(p, Mapping) and p.get("type") == "text"]
        content = "".join(p for p in parts if isinstance(p, str))
    if not isinstance(content, str):
        raise WireError(f"{where}.content must be a string or a list of text parts")
    return {"role": message["role"], "content": content}


def _config(body: Mapping[str, Any]) -> GenerateConfig:
    defaults = GenerateConfig()
    max_tokens = body.get("max_completion_tokens", body.get("max_tokens", defaults.max_tokens))
    stop = body.get("stop") or ()
    if isinstance(stop, str):
        stop = (stop,)
    if not isinstance(stop, list | tuple) or not all(isinstance(s, str) for s in stop):
        raise WireError("'stop' must be a string or a list of strings")
    try:
        return GenerateConfig(
            max_tokens=int(max_tokens),
            temperature=float(body.get("temperature", defaults.temperature)),
            top_p=None if body.get("top_p") is None else float(body["top_p"]),
            seed=None if body.get("seed") is None else int(body["seed"]),
            stop=tuple(stop),
        )
    except (TypeError, ValueError) as error:
        raise WireError(f"a sampling setting is not a number: {error}") from None


# --- responses --------------------------------------------------------------------------------


def _usage_body(usage: Usage) -> dict[str, int]:
    return {
        "prompt_tokens": usage.input_tokens,
        "completion_tokens": usage.output_tokens,
        "total_tokens": usage.input_tokens + usage.output_tokens,
    }


def _usage(value: Any) -> Usage:
    if not isinstance(value, Mapping):
        return Usage()
    return Usage(int(value.get("prompt_tokens") or 0), int(value.get("completion_tokens") or 0))


def _reasoning(fields: Mapping[str, Any]) -> str | None:
    for name in REASONING_FIELDS:
        value = fields.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def completion_body(
    completion: Completion, *, model: str, id: str | None = None, created: int | None = None,
    reasoning_field: str = REASONING_FIELDS[0],
) -> dict[str, Any]:  # fmt: skip
    """A ``chat.completion`` response body, as a server sends it."""
    message: dict[str, Any] = {"role": "assistant", "content": completion.text}
    if completion.reasoning is not None:
        message[reasoning_field] = completion.reasoning
    return {
        "id": id or _new_id(),
        "object": "chat.completion",
        "created": int(time.time()) if created is None else created,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": completion.finish_reason or "stop"}],
        "usage": _usage_body(completion.usage),
    }


def parse_completion(body: Any, latency_s: float = 0.0) -> Completion:
    """A ``chat.completion`` body (the first choice) as a Completion; ``raw`` is the body."""
    try:
        choice = body["choices"][0]
        message = choice["message"]
        text = message.get("content") or ""
    except (KeyError, IndexError, TypeError, AttributeError):
        raise WireError("the answer has no choices[0].message") from None
    if not isinstance(text, str):
        raise WireError("choices[0].message.content is not a string")
    try:
        usage = _usage(body.get("usage"))
    except (TypeError, ValueError):
        raise WireError("'usage' holds a token count that is not a number") from None
    return Completion(text, usage, latency_s, body, choice.get("finish_reason"), _reasoning(message))


def _new_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


# --- streaming --------------------------------------------------------------------------------


def _chunk(
    id: str, model: str, created: int, delta: Mapping[str, Any], finish_reason: str | None = None
) -> dict[str, Any]:
    return {
        "id": id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [{"index": 0, "delta": dict(delta), "finish_reason": finish_reason}],
    }


def _pieces(text: str) -> list[str]:
    # Word by word, each with the whitespace after it: joined, they give the text back exactly.
    return re.findall(r"\S+\s*|\s+", text)


def completion_chunks(
    completion: Completion, *, model: str, id: str | None = None, created: int | None = None,
    reasoning_field: str = REASONING_FIELDS[0],
) -> list[dict[str, Any]]:  # fmt: skip
    """A completion as ``chat.completion.chunk`` bodies: the role, the reasoning trace (if any),
    the text word by word, then a chunk with the finish reason and usage."""
    id = id or _new_id()
    created = int(time.time()) if created is None else created
    chunks = [_chunk(id, model, created, {"role": "assistant", "content": ""})]
    if completion.reasoning is not None:
        chunks += [_chunk(id, model, created, {reasoning_field: p}) for p in _pieces(completion.reasoning)]
    chunks += [_chunk(id, model, created, {"content": p}) for p in _pieces(completion.text)]
    last = _chunk(id, model, created, {}, completion.finish_reason or "stop")
    last["usage"] = _usage_body(completion.usage)
    return [*chunks, last]


def sse_event(body: Mapping[str, Any]) -> bytes:
    """One server-sent event carrying a JSON body."""
    return b"data: " + json.dumps(body, ensure_ascii=False).encode() + b"\n\n"


#: The event that ends a chat-completions stream.
SSE_DONE = b"data: [DONE]\n\n"


class _Done(Enum):
    DONE = "[DONE]"


#: What ``parse_sse_line`` returns for the stream's last event.
DONE = _Done.DONE


def parse_sse_line(line: str) -> dict[str, Any] | _Done | None:
    """A JSON body, DONE, or None for a line that carries no data (blank, comment, ``event:``)."""
    if not line.startswith("data:"):
        return None
    data = line.removeprefix("data:").strip()
    if data == DONE.value:
        return DONE
    try:
        body = json.loads(data)
    except ValueError:
        raise WireError(f"a stream event is not JSON: {data[:200]!r}") from None
    if not isinstance(body, dict):
        raise WireError(f"a stream event is not a JSON object: {data[:200]!r}")
    return body


class StreamAccumulator:
    """Gathers ``chat.completion.chunk`` bodies (first choice) into one Completion."""

    def __init__(self) -> None:
        self._text: list[str] = []
        self._reasoning: list[str] = []
        self._finish_reason: str | None = None
        self._usage = Usage()
        self._first: Mapping[str, Any] = {}

    def add(self, chunk: Mapping[str, Any]) -> None:
        self._first = self._first or chunk
        if chunk.get("usage"):
            self._usage = _usage(chunk["usage"])
        for choice in chunk.get("choices") or ():
            if not isinstance(choice, Mapping) or choice.get("index", 0) != 0:
                continue
            delta = choice.get("delta") or {}
            if isinstance(delta.get("content"), str):
                self._text.append(delta["content"])
            if (piece := _reasoning(delta)) is not None:
                self._reasoning.append(piece)
            self._finish_reason = choice.get("finish_reason") or self._finish_reason

    def completion(self, latency_s: float = 0.0) -> Completion:
        """What arrived so far; ``raw`` is the equivalent ``chat.completion`` body."""
        done = Completion(
            "".join(self._text), self._usage, latency_s, None, self._finish_reason,
            "".join(self._reasoning) if self._reasoning else None,
        )  # fmt: skip
        raw = completion_body(
            done, model=str(self._first.get("model", "")), id=self._first.get("id"),
            created=self._first.get("created"),
        )  # fmt: skip
        raw["choices"][0]["finish_reason"] = done.finish_reason  # None when the stream broke off
        return replace(done, raw=raw)


# --- errors -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorInfo:
    message: str
    type: str
    code: str | int | None = None


_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_error",
}


def error_type(status: int) -> str:
    """The error type OpenAI's API gives an HTTP status."""
    return _ERROR_TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")


def error_body(message: str, type: str = "server_error", code: str | int | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type, "code": code}}


def parse_error(body: Any) -> ErrorInfo | None:
    """The error a body reports, or None when it is not an error body."""
    error = body.get("error") if isinstance(body, Mapping) else None
    if isinstance(error, str):  # some servers send a bare message
        return ErrorInfo(error, "server_error")
    if not isinstance(error, Mapping):
        return None
    code = error.get("code")
    return ErrorInfo(
        str(error.get("message") or ""),
        str(error.get("type") or "server_error"),
        code if isinstance(code, str | int) else None,
    )
