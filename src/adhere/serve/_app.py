"""The proxy as an ASGI app: ``POST /v1/chat/completions``, ``GET /v1/models``, ``GET /health``.

The model is opened once (by the caller) and shared by every request through one
:class:`~adhere.runner.ManagedModel`; so is an extract model (``--extract-model``), which the LLM
decomposer asks in its place. The app closes both on shutdown.
"""

from __future__ import annotations

import asyncio
import gc
import hmac
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from adhere.models import Model, _wire
from adhere.runner import ManagedModel, RetryPolicy
from adhere.serve._config import ServeConfig
from adhere.serve._errors import ProxyError
from adhere.serve._extracting import ExtractModel
from adhere.serve._gate import UpstreamGate
from adhere.serve._http import header, read_body, send_error, send_json, until_disconnected
from adhere.serve._records import RunLog
from adhere.serve._relay import Relay
from adhere.serve._request import ServedRequest, read_request
from adhere.serve._served import failed_record, relayed_record, secrets_of, solved_record
from adhere.serve._solving import answer_body, answer_events, solved

__all__ = ["Proxy", "create_app"]


class Proxy:
    """The state every request shares: the gated model, the extract model, the relay, the run log."""

    def __init__(
        self, config: ServeConfig, model: Model, upstream_api_key: str | None = None,
        extract_model: Model | None = None,
    ) -> None:  # fmt: skip
        self.config = config
        self.gate = UpstreamGate(model, config.concurrency)
        retry = RetryPolicy(attempts=config.attempts, budget_s=config.timeout_s)
        self.model = ManagedModel(self.gate, concurrency=config.concurrency, retry=retry)
        self.extractor = (
            ExtractModel(extract_model, concurrency=config.concurrency, retry=retry)
            if extract_model is not None and extract_model is not model
            else None
        )
        self.relay = (
            Relay(config.upstream_url, config.served_model, self.gate, config.timeout_s)
            if config.upstream_url
            else None
        )
        self._upstream_key = f"Bearer {upstream_api_key}" if upstream_api_key else None
        self.runlog: RunLog | None = None

    def open(self) -> None:
        if self.config.log_dir is not None:
            self.runlog = RunLog(self.config.log_dir, self.config.described())

    async def aclose(self) -> None:
        if self.relay is not None:
            await self.relay.aclose()
        await self.model.aclose()
        if self.extractor is not None:
            await self.extractor.aclose()
        if self.runlog is not None:
            await asyncio.to_thread(self.runlog.close)

    def upstream_authorization(self, scope: Scope) -> str | None:
        """The client's own header, unless the proxy checks its own key (then the upstream key)."""
        if self.config.api_key:
            return self._upstream_key
        return header(scope, b"authorization") or self._upstream_key

    def check_key(self, scope: Scope) -> None:
        if not self.config.api_key:
            return
        given = header(scope, b"authorization") or ""
        if not hmac.compare_digest(given.encode(), f"Bearer {self.config.api_key}".encode()):
            raise ProxyError(
                401,
                "missing or wrong API key (send the server's --api-key as a Bearer token)",
                "invalid_api_key",
            )


class ChatCompletions:
    """``POST /v1/chat/completions`` as a bare ASGI app: it watches for the client going away."""

    def __init__(self, proxy: Proxy) -> None:
        self.proxy = proxy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        proxy = self.proxy
        try:
            proxy.check_key(scope)
            served = read_request(await read_body(scope, receive, proxy.config.max_body_bytes), proxy.config)
        except ProxyError as error:
            await send_error(send, error)
            return
        except asyncio.CancelledError:  # the client left while sending its request
            return
        authorization = proxy.upstream_authorization(scope)
        secrets = (*secrets_of(header(scope, b"authorization")), *secrets_of(authorization))
        await until_disconnected(receive, send, partial(self._respond, served, authorization, secrets))

    async def _respond(
        self, served: ServedRequest, authorization: str | None, secrets: Sequence[str], send: Send
    ) -> None:
        if served.strategy.name == "direct" and self.proxy.relay is not None:
            await self._relayed(served, authorization, secrets, send)
        else:
            await self._solved(served, authorization, secrets, send)

    def _record(self, job: object) -> None:
        if self.proxy.runlog is not None:
            self.proxy.runlog.add(job)  # type: ignore[arg-type]

    async def _relayed(
        self, served: ServedRequest, authorization: str | None, secrets: Sequence[str], send: Send
    ) -> None:
        relay = self.proxy.relay
        assert relay is not None
        try:
            done = await relay.forward(served, authorization, secrets, send)
        except ProxyError as error:
            self._record(partial(failed_record, served, error.message))
            await send_error(send, error)
            return
        self._record(partial(relayed_record, served, done.completion, done.error))

    async def _solved(
        self, served: ServedRequest, authorization: str | None, secrets: Sequence[str], send: Send
    ) -> None:
        proxy = self.proxy
        try:
            solution = await solved(
                served, proxy.model, proxy.config, authorization, secrets, proxy.extractor
            )
        except ProxyError as error:
            if error.status != 400:
                self._record(partial(failed_record, served, error.message))
            await send_error(send, error)
            return
        self._record(partial(solved_record, served, solution))
        model = proxy.config.served_model
        if not served.chat.stream:
            await send_json(send, 200, answer_body(served, solution, model))
            return
        headers = [(b"content-type", b"text/event-stream"), (b"cache-control", b"no-cache")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer_events(served, solution, model)})


def _models(proxy: Proxy, _request: Request) -> Response:
    entry = {"id": proxy.config.served_model, "object": "model", "created": 0, "owned_by": "adhere"}
    return JSONResponse({"object": "list", "data": [entry]})


def _health(proxy: Proxy, _request: Request) -> Response:
    return JSONResponse(
        {"status": "ok", "model": proxy.config.served_model, "in_flight": proxy.gate.in_flight}
    )


async def _http_error(_request: Request, error: Exception) -> Response:
    status = error.status_code if isinstance(error, HTTPException) else 500
    message = error.detail if isinstance(error, HTTPException) else "internal error"
    return JSONResponse(_wire.error_body(str(message), _wire.error_type(status), status), status_code=status)


def create_app(
    config: ServeConfig, model: Model, *, upstream_api_key: str | None = None,
    extract_model: Model | None = None, freeze_at_start: bool = False,
) -> Starlette:  # fmt: skip
    """The proxy in front of ``model``, the LLM decomposer asking ``extract_model`` when given
    (both opened by the caller; closed when the app shuts down). ``freeze_at_start``: for a process
    that only serves this app (``adhere serve``), see :func:`_freeze_start_up`."""
    proxy = Proxy(config, model, upstream_api_key, extract_model)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        proxy.open()
        if freeze_at_start:
            _freeze_start_up()
        try:
            yield
        finally:
            await proxy.aclose()

    routes = [
        Route("/v1/models", partial(_models, proxy), methods=["GET"]),
        Route("/health", partial(_health, proxy), methods=["GET"]),
    ]
    app = _ProxyApp(
        ChatCompletions(proxy), routes=routes, lifespan=lifespan,
        exception_handlers={HTTPException: _http_error},
    )  # fmt: skip
    app.state.proxy = proxy
    return app


def _freeze_start_up() -> None:
    """What start-up made (modules, compiled rules, the server, the app) lives as long as the server:
    moved out of the garbage collector's reach, full collections stay short. With the direct chat
    path below, it took serve_load.py's added p99 (--workers 2, idle machine) from 43-66 ms to
    15-33 ms; frozen before uvicorn's start-up instead, the p99 came out higher (21-40 ms in the
    same hour). It concerns the whole process, so only a process that just serves asks for it."""
    gc.collect()
    gc.freeze()


CHAT_PATHS = frozenset({"/v1/chat/completions", "/chat/completions"})


class _ProxyApp(Starlette):
    """Starlette, except that a chat completion goes straight to its handler: the hot path skips
    the router and the error middlewares, which wrap every ``send`` too (about 7% of the proxy's
    samples in ``direct``, py-spy under benchmarks/serve_load.py). The handler answers every error
    itself."""

    def __init__(self, chat: ChatCompletions, **options: Any) -> None:
        super().__init__(**options)
        self._chat = chat

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in CHAT_PATHS:
            if scope["method"] == "POST":
                await self._chat(scope, receive, send)
            else:
                allow = [("Allow", "POST")]
                await send_error(send, ProxyError(405, f"{scope['path']} takes POST only", None, allow))
            return
        await super().__call__(scope, receive, send)
