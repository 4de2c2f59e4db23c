"""Any OpenAI-compatible chat completions endpoint (vLLM, llama.cpp server, Ollama, hosted APIs)."""

from __future__ import annotations

import email.utils
import os
import time
from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any

import httpx

from adhere.models import _wire
from adhere.models._base import (
    Completion,
    EndpointUnreachable,
    GenerateConfig,
    Message,
    Model,
    ModelError,
    TransientModelError,
)
from adhere.models._endpoints import EndpointPool

_RETRYABLE_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}

#: An ``Authorization`` header sent instead of the model's own key by the calls made in this
#: context: the proxy sets it per request, so each client pays upstream with its own key.
forwarded_authorization: ContextVar[str | None] = ContextVar("forwarded_authorization", default=None)


class HTTPStatusError(ModelError):
    """The endpoint answered with an error status retrying cannot fix (kept for a proxy to pass on)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class TransientHTTPStatusError(TransientModelError):
    """The endpoint answered with a retryable error status (429, 5xx)."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message, retry_after)
        self.status = status


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class OpenAIModel(Model):
    """One OpenAI-compatible endpoint. ``timeout_s`` bounds the wait for an answer (with
    ``stream``, the wait for each piece of it); connecting gets at most 10 s of it."""

    def __init__(
        self, model: str, *, base_url: str | None = None, api_key: str | None = None,
        timeout_s: float = 120.0, stream: bool = False, max_concurrency: int | None = None,
    ) -> None:  # fmt: skip
        self._model = model
        self._base_url = (
            base_url or os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1"
        ).rstrip("/")
        self._api_key = api_key or os.environ.get("OPENAI_API_KEY") or ""
        self._stream = stream
        self.max_concurrency = max_concurrency
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_s, connect=min(10.0, timeout_s)),
            limits=httpx.Limits(max_connections=None),
        )

    @property
    def name(self) -> str:
        return f"openai/{self._model}"

    @property
    def base_url(self) -> str:
        return self._base_url

    def identity(self) -> dict[str, Any]:
        # The key is deliberately absent: it does not change the output.
        return {"provider": "openai", "model": self._model, "endpoint": self._base_url}

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        headers = self._headers()
        url = f"{self._base_url}/chat/completions"
        body = _wire.request_body(self._model, messages, config, stream=self._stream)
        started = time.perf_counter()
        try:
            if self._stream:
                return await self._streamed(url, body, headers, started)
            response = await self._client.post(url, json=body, headers=headers)
            _raise_for_status(response, url)
            return _completion(response, time.perf_counter() - started)
        except httpx.ConnectError as error:
            raise EndpointUnreachable(
                f"cannot connect to {self._base_url} ({error}); is the server running? (--base-url)"
            ) from None
        except httpx.TimeoutException:
            raise TransientModelError(f"no answer from {url} in time") from None
        except httpx.TransportError as error:
            raise TransientModelError(f"connection to {url} failed: {error}") from None

    def _headers(self) -> dict[str, str]:
        forwarded = forwarded_authorization.get()
        if forwarded is not None:
            return {"Authorization": forwarded}
        return {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}

    async def _streamed(
        self, url: str, body: dict[str, Any], headers: dict[str, str], started: float
    ) -> Completion:
        gathered = _wire.StreamAccumulator()
        async with self._client.stream("POST", url, json=body, headers=headers) as response:
            if response.status_code >= 400:
                await response.aread()
                _raise_for_status(response, url)
            try:
                async for line in response.aiter_lines():
                    event = _wire.parse_sse_line(line)
                    if event is _wire.DONE:
                        break
                    if event is not None:
                        _raise_for_stream_error(event, url)
                        gathered.add(event)
            except _wire.WireError as error:
                raise TransientModelError(f"unreadable stream from {url}: {error}") from None
        return gathered.completion(time.perf_counter() - started)

    async def aclose(self) -> None:
        await self._client.aclose()


def _raise_for_status(response: httpx.Response, url: str) -> None:
    status = response.status_code
    if status < 400:
        return
    if status in _RETRYABLE_STATUS:
        raise TransientHTTPStatusError(
            f"HTTP {status} from {url}", status, retry_after_seconds(response.headers.get("retry-after"))
        )
    hint = " (check --api-key or OPENAI_API_KEY)" if status in (401, 403) else ""
    raise HTTPStatusError(f"HTTP {status} from {url}: {_error_text(response)}{hint}", status)


def _error_text(response: httpx.Response) -> str:
    try:
        error = _wire.parse_error(response.json())
    except ValueError:
        error = None
    return error.message[:300] if error else response.text[:300]


def _raise_for_stream_error(event: dict[str, Any], url: str) -> None:
    # A server that fails after the 200 has gone out can only say so inside the stream.
    error = _wire.parse_error(event)
    if error is not None:
        raise TransientModelError(f"error in the stream from {url}: {error.message[:300]}")


def _completion(response: httpx.Response, latency: float) -> Completion:
    try:
        return _wire.parse_completion(response.json(), latency)
    except (ValueError, _wire.WireError):  # WireError is a ValueError; named for the reader
        raise TransientModelError(f"unreadable answer: {response.text[:200]!r}") from None


def create(
    name: str, *, base_url: str | Sequence[str] | None = None, api_key: str | None = None,
    timeout_s: float = 120.0, stream: bool = False, endpoint_concurrency: int | None = None,
    cooloff_s: float = 1.0,
) -> Model:  # fmt: skip
    """``base_url`` is one endpoint, or a list of replicas serving the same model: requests
    then spread over them, failing over at once when one fails (see ``_endpoints``).
    ``endpoint_concurrency`` caps the requests in flight per endpoint (default 8 with a
    list, no cap of its own with one URL); ``cooloff_s`` is how long a failed replica rests."""

    def endpoint(url: str | None) -> OpenAIModel:
        return OpenAIModel(
            name, base_url=url, api_key=api_key, timeout_s=timeout_s, stream=stream,
            max_concurrency=endpoint_concurrency,
        )  # fmt: skip

    if base_url is None or isinstance(base_url, str):
        return endpoint(base_url)
    urls = _urls(base_url)
    if len(urls) == 1:  # the same model, and the same cache keys, as the URL given alone
        return endpoint(urls[0])
    identity = {"provider": "openai", "model": name, "endpoints": sorted(urls)}
    replicas = [(url, endpoint(url)) for url in urls]
    return EndpointPool(replicas, identity=identity, limit=endpoint_concurrency or 8, cooloff_s=cooloff_s)


def _urls(base_url: Sequence[str]) -> list[str]:
    urls = [url.rstrip("/") for url in base_url]
    if not urls:
        raise ModelError("base_url: the list of endpoints is empty (--base-url)")
    for url in urls:
        if urls.count(url) > 1:
            raise ModelError(f"base_url: {url} is listed twice (--base-url)")
    return urls
