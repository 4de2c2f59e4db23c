"""The model abstraction: an async ``generate`` from chat messages to a completion."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from adhere.errors import AdhereError

__all__ = [
    "Completion",
    "EndpointUnreachable",
    "GenerateConfig",
    "Message",
    "Model",
    "ModelError",
    "TransientModelError",
    "Usage",
]

Message = Mapping[str, str]


@dataclass(frozen=True)
class GenerateConfig:
    """Sampling settings; every field changes the output, so all go into cache keys."""

    max_tokens: int = 512
    temperature: float = 0.0
    top_p: float | None = None
    seed: int | None = None
    #: Texts that end the answer where they first appear (not included in it).
    stop: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        # Part of every cache key: a setting left at "none" (None, no stop texts) is
        # omitted, so keys made before a field existed stay valid.
        out = {k: v for k, v in asdict(self).items() if v is not None and k != "stop"}
        if self.stop:
            out["stop"] = list(self.stop)
        return out


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0


@dataclass(frozen=True)
class Completion:
    text: str
    usage: Usage = field(default_factory=Usage)
    latency_s: float = 0.0
    raw: Mapping[str, Any] | None = None
    #: Why generation ended, as the server says it ("stop", "length", ...); None when unknown.
    finish_reason: str | None = None
    #: A reasoning trace the server returned apart from ``text`` (vLLM's and DeepSeek's
    #: ``reasoning_content``); a trace inside ``text`` (``<think>``) is left there.
    reasoning: str | None = None


class ModelError(AdhereError):
    """A failure retrying cannot fix: bad request, authentication, unreachable endpoint."""


class EndpointUnreachable(ModelError):
    """Nothing listens at the endpoint (connection refused, unknown host): another replica may."""


class TransientModelError(Exception):
    """A failure worth retrying (rate limit, server error, timeout)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Model(ABC):
    """A language model behind ``generate``. Providers subclass this."""

    #: How many requests the model can usefully serve at once (None: no limit of its own).
    max_concurrency: int | None = None

    @property
    @abstractmethod
    def name(self) -> str:
        """The spec the model was made from, e.g. ``openai/gpt-4o-mini``."""

    @abstractmethod
    def identity(self) -> dict[str, Any]:
        """Everything about the model that changes its output (provider, model, endpoint)."""

    @abstractmethod
    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        """One completion. Raises TransientModelError (retry) or ModelError (give up)."""

    async def aclose(self) -> None:  # noqa: B027 - most providers hold nothing
        """Release connections or memory."""


class WrappedModel(Model):
    """A model in front of another (a gate, a cache, a key taken away): it answers as the inner
    model does unless ``generate`` is overridden, and has its name, identity and concurrency;
    closing it closes the inner model."""

    def __init__(self, inner: Model) -> None:
        self.inner = inner
        self.max_concurrency = inner.max_concurrency

    @property
    def name(self) -> str:
        return self.inner.name

    def identity(self) -> dict[str, Any]:
        return self.inner.identity()

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        return await self.inner.generate(messages, config)

    async def aclose(self) -> None:
        await self.inner.aclose()
