"""``direct`` against an HTTP upstream: a pure pass-through. The client's body (less the extension
field, with the upstream's model name) goes upstream as it is, so fields adhere does not model
(tools, response_format, logprobs, n) keep working; a stream is passed on event by event as the
upstream sends it. The response gains only the extension field (in the last stream chunk).

The relay speaks to the upstream through its own small keep-alive client (_upstream_http): measured
here, httpx's connection pool served 100 concurrent requests more than ten times slower than
aiohttp, and aiohttp's client cost more CPU per request than the rest of the relay together."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.types import Send

from adhere.models import Completion, _wire
from adhere.serve._errors import ProxyError
from adhere.serve._gate import UpstreamGate
from adhere.serve._http import send_json, start_stream
from adhere.serve._request import EXTENSION, ServedRequest
from adhere.serve._served import scrub
from adhere.serve._upstream_http import HttpPool, UpstreamDropped, UpstreamResponse, UpstreamUnreachable

__all__ = ["Relay", "Relayed"]


@dataclass(frozen=True)
class Relayed:
    """What came back: the answer (None on failure) and the error, for the run record."""

    completion: Completion | None
    error: str | None = None


class Relay:
    def __init__(self, base_url: str, model: str, gate: UpstreamGate, timeout_s: float) -> None:
        self.base_url = base_url.rstrip("/")
        self._model = model
        self._gate = gate
        self._pool = HttpPool(self.base_url, connect_timeout_s=min(10.0, timeout_s), read_timeout_s=timeout_s)

    async def aclose(self) -> None:
        await self._pool.aclose()

    async def forward(
        self, served: ServedRequest, authorization: str | None, secrets: Sequence[str], send: Send
    ) -> Relayed:
        """Send the request upstream and its answer to the client; raises ProxyError before any
        byte went to the client, returns a failed Relayed when the stream broke off after."""
        body = json.dumps({**served.body, "model": self._model}, ensure_ascii=False).encode()
        headers = {"content-type": "application/json"}
        if authorization:
            headers["authorization"] = authorization
        started = time.perf_counter()
        async with self._gate.slot():
            try:
                async with self._pool.post("/chat/completions", body, headers) as response:
                    if response.status >= 400:
                        content = await response.read()
                        raise upstream_error(
                            response.status, content, response.headers.get("retry-after"), secrets
                        )
                    if served.chat.stream:
                        return await self._stream(response, send, started)
                    return await self._whole(response, send, started)
            except (UpstreamUnreachable, UpstreamDropped, TimeoutError) as error:
                raise self._unreachable(error) from None

    def _unreachable(self, error: Exception) -> ProxyError:
        if isinstance(error, TimeoutError):
            return ProxyError(
                504, f"the upstream {self.base_url} did not answer in time (--timeout)", "upstream_timeout"
            )
        what = "is unreachable" if isinstance(error, UpstreamUnreachable) else "dropped the connection"
        return ProxyError(502, f"the upstream {self.base_url} {what} ({error})", "upstream_unavailable")

    async def _whole(self, response: UpstreamResponse, send: Send, started: float) -> Relayed:
        content = await response.read()
        try:
            body = json.loads(content)
            completion = _wire.parse_completion(body, time.perf_counter() - started)
        except ValueError:  # WireError included: not an answer adhere reads, so passed on untouched
            await send_json(send, response.status, content)
            return Relayed(None, "the upstream's answer is not a chat completion")
        body[EXTENSION] = direct_extension(completion)
        await send_json(send, response.status, body)
        return Relayed(completion)

    async def _stream(self, response: UpstreamResponse, send: Send, started: float) -> Relayed:
        await start_stream(send)
        gathered = _wire.StreamAccumulator()
        event: list[str] = []
        try:
            async for line in _lines(response):
                if line:
                    event.append(line)
                    continue
                if event and await _pass_event(event, gathered, send, started):
                    return Relayed(gathered.completion(time.perf_counter() - started))
                event = []
        except (UpstreamDropped, TimeoutError) as error:
            message = f"the upstream {self.base_url} broke off the stream ({type(error).__name__})"
            await _end_stream(send, _wire.sse_event(_wire.error_body(message, "server_error", 502)))
            return Relayed(None, message)
        await _end_stream(send, b"")  # the upstream ended without [DONE]: so does the client's stream
        done = gathered.completion(time.perf_counter() - started)
        return Relayed(done, "the upstream's stream ended early")


async def _lines(response: UpstreamResponse) -> AsyncIterator[str]:
    """The body's lines as they arrive (any length; a final line without a newline included)."""
    pending = b""
    async for piece in response.chunks():
        pending += piece
        *complete, pending = pending.split(b"\n")
        for line in complete:
            yield line.rstrip(b"\r").decode("utf-8", "replace")
    if pending:
        yield pending.rstrip(b"\r").decode("utf-8", "replace")


async def _pass_event(
    event: list[str], gathered: _wire.StreamAccumulator, send: Send, started: float
) -> bool:
    """Pass one event on; True when it was the last ([DONE], after which the extension chunk goes)."""
    data = "\n".join(event)
    parsed = _parse(event)
    if parsed is _wire.DONE:
        done = gathered.completion(time.perf_counter() - started)
        last: dict[str, Any] = {
            "id": (done.raw or {}).get("id"),
            "object": "chat.completion.chunk",
            "choices": [],
        }
        last[EXTENSION] = direct_extension(done)
        await _end_stream(send, _wire.sse_event(last) + _wire.SSE_DONE)
        return True
    if isinstance(parsed, dict):
        gathered.add(parsed)
    await send({"type": "http.response.body", "body": data.encode() + b"\n\n", "more_body": True})
    return False


def _parse(event: list[str]) -> dict[str, Any] | object | None:
    for line in event:
        try:
            found = _wire.parse_sse_line(line)
        except _wire.WireError:
            return None  # not ours to judge: passed on as it came
        if found is not None:
            return found
    return None


async def _end_stream(send: Send, data: bytes) -> None:
    await send({"type": "http.response.body", "body": data, "more_body": False})


def direct_extension(completion: Completion) -> dict[str, Any]:
    """The extension of a pass-through answer: what it cost; nothing is checked on this path."""
    usage = completion.usage
    return {
        "strategy": "direct",
        "checked": False,
        "calls": 1,
        "tokens": {"input": usage.input_tokens, "output": usage.output_tokens},
        "latency_s": round(completion.latency_s, 3),
    }


def upstream_error(
    status: int, content: bytes, retry_after: str | None, secrets: Sequence[str]
) -> ProxyError:
    """The upstream's error, passed on with its status and ``Retry-After`` (any key scrubbed out)."""
    try:
        info = _wire.parse_error(json.loads(content))
    except ValueError:
        info = None
    text = info.message if info else content.decode("utf-8", "replace")[:300]
    message = scrub(f"upstream HTTP {status}: {text}", secrets)
    retry = [("Retry-After", retry_after)] if retry_after else []
    code = info.code if info and isinstance(info.code, str) else "upstream_error"
    return ProxyError(status, message, code, retry)
