"""The bits of HTTP the proxy speaks itself: reading a body under a size limit, sending JSON and
server-sent events, and cancelling the work of a client that went away."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from starlette.types import Message, Receive, Scope, Send

from adhere.serve._errors import ProxyError

__all__ = ["header", "read_body", "send_error", "send_json", "start_stream", "until_disconnected"]


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


async def read_body(scope: Scope, receive: Receive, limit: int) -> bytes:
    """The whole body; over ``limit`` bytes (as declared or as sent) is a 413."""
    declared = header(scope, b"content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise asyncio.CancelledError  # nobody is left to answer
        part = message.get("body", b"")
        size += len(part)
        if size > limit:
            raise _too_large(limit)
        parts.append(part)
        if not message.get("more_body", False):
            return b"".join(parts)


def _too_large(limit: int) -> ProxyError:
    return ProxyError(
        413, f"the request body is over {limit} bytes (the server's --max-body-bytes)", "too_large"
    )


def _headers(pairs: Iterable[tuple[str, str]]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in pairs]


async def send_json(
    send: Send, status: int, body: Mapping[str, Any] | bytes, headers: Iterable[tuple[str, str]] = ()
) -> None:
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    start = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": start + _headers(headers)})
    await send({"type": "http.response.body", "body": data})


async def send_error(send: Send, error: ProxyError) -> None:
    await send_json(send, error.status, error.body(), error.headers)


async def start_stream(send: Send) -> None:
    headers = [(b"content-type", b"text/event-stream"), (b"cache-control", b"no-cache")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})


async def until_disconnected(receive: Receive, send: Send, work: Callable[[Send], Awaitable[None]]) -> None:
    """Run ``work(send)``, which sends the response; a client that disconnects first cancels it,
    and with it every upstream call it made.

    The work runs in the caller's task and one watcher task waits for the disconnect. The earlier
    shape (the work in a task of its own, both awaited with ``asyncio.wait``) served fewer requests:
    serve_load.py --workers 2, alternating in one half hour, ratio 0.935-0.952 against 0.959-0.978
    here, added p50 2.4-3.6 ms against 1.7-2.0 ms (added p99 alike, 11-27 ms)."""
    handler = asyncio.current_task()
    assert handler is not None
    finished = False
    left = False

    async def tracked(message: Message) -> None:
        nonlocal finished
        await send(message)
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            finished = True

    async def watch() -> None:
        nonlocal left
        while (await receive())["type"] != "http.disconnect":
            pass
        if not finished:  # the server also reports a disconnect once the response is complete
            left = True
            handler.cancel()

    watcher = asyncio.ensure_future(watch())
    try:
        await work(tracked)
    except asyncio.CancelledError:
        if not left:
            raise
        handler.uncancel()  # the client went away: nobody is left to answer
    finally:
        watcher.cancel()
