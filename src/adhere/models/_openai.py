"""Any OpenAI-compatible chat completions endpoint (vLLM, llama.cpp server, Ollama, hosted APIs)."""

from __future__ import annotations

import email.utils
import os
import time
from collections.abc import Sequence
from typing import Any

import httpx

from adhere.models._base import (
    Completion,
    GenerateConfig,
    Message,
    Model,
    ModelError,
    TransientModelError,
    Usage,
)

_RETRYABLE_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


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
    def __init__(
        self, model: str, *, base_url: str | None = None, api_key: str | None = None, timeout_s: float = 120.0
    ):
        self._model = model
        self._base_url = (
            base_url or os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1"
        ).rstrip("/")
        self._api_key = api_key or os.environ.get("OPENAI_API_KEY") or ""
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_s, connect=10.0), limits=httpx.Limits(max_connections=None)
        )

    @property
    def name(self) -> str:
        return f"openai/{self._model}"

    def identity(self) -> dict[str, Any]:
        # The key is deliberately absent: it does not change the output.
        return {"provider": "openai", "model": self._model, "endpoint": self._base_url}

    def _body(self, messages: Sequence[Message], config: GenerateConfig) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self._model, "messages": [dict(m) for m in messages]}
        body.update(config.as_dict())
        return body

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
        url = f"{self._base_url}/chat/completions"
        started = time.perf_counter()
        try:
            response = await self._client.post(url, json=self._body(messages, config), headers=headers)
        except httpx.ConnectError as error:
            raise ModelError(
                f"cannot connect to {self._base_url} ({error}); is the server running? (--base-url)"
            ) from None
        except httpx.TimeoutException:
            raise TransientModelError(f"no answer from {url} in time") from None
        except httpx.TransportError as error:
            raise TransientModelError(f"connection to {url} failed: {error}") from None
        latency = time.perf_counter() - started
        if response.status_code in _RETRYABLE_STATUS:
            raise TransientModelError(
                f"HTTP {response.status_code} from {url}",
                retry_after_seconds(response.headers.get("retry-after")),
            )
        if response.status_code >= 400:
            hint = " (check --api-key or OPENAI_API_KEY)" if response.status_code in (401, 403) else ""
            raise ModelError(f"HTTP {response.status_code} from {url}: {response.text[:300]}{hint}")
        return _completion(response, latency)

    async def aclose(self) -> None:
        await self._client.aclose()


def _completion(response: httpx.Response, latency: float) -> Completion:
    try:
        data = response.json()
        text = data["choices"][0]["message"]["content"] or ""
    except (ValueError, KeyError, IndexError, TypeError):
        raise TransientModelError(f"unreadable answer: {response.text[:200]!r}") from None
    usage = data.get("usage") or {}
    return Completion(
        text,
        Usage(int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)),
        latency,
        data,
    )


def create(
    name: str, *, base_url: str | None = None, api_key: str | None = None, **_options: Any
) -> OpenAIModel:
    return OpenAIModel(name, base_url=base_url, api_key=api_key)
