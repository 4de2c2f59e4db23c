"""Every model call a strategy makes, with its purpose, tokens and latency."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from adhere.models import Completion, GenerateConfig, Message, Model, Usage

__all__ = ["Call", "Trace"]


@dataclass(frozen=True)
class Call:
    """One model call: why it was made, what was sent, what came back, and its cost."""

    purpose: str
    messages: tuple[Message, ...]
    text: str
    input_tokens: int
    output_tokens: int
    latency_s: float
    cached: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "purpose": self.purpose,
            "messages": [dict(m) for m in self.messages],
            "text": self.text,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "latency_s": round(self.latency_s, 4),
            "cached": self.cached,
        }


class Trace:
    """Calls a model and keeps a record of each call, in order.

    A strategy makes one per sample; it is the strategy's only way to the
    model, so nothing it spends goes unrecorded.
    """

    def __init__(self, model: Model) -> None:
        self._model = model
        self.calls: list[Call] = []

    async def generate(self, purpose: str, messages: Sequence[Message], config: GenerateConfig) -> str:
        started = time.perf_counter()
        completion = await self._model.generate(messages, config)
        cached = bool(completion.raw and completion.raw.get("cached"))
        # A cache hit reports the latency it had when it was generated.
        latency = completion.latency_s or (0.0 if cached else time.perf_counter() - started)
        usage = completion.usage
        call = Call(
            purpose,
            tuple(messages),
            completion.text,
            usage.input_tokens,
            usage.output_tokens,
            latency,
            cached,
        )
        self.calls.append(call)
        return completion.text

    def model(self, purpose: str) -> Model:
        """This trace as a Model, for code that takes any model (the LLM decomposer)."""
        return _TracedModel(self, purpose)


class _TracedModel(Model):
    def __init__(self, trace: Trace, purpose: str) -> None:
        self._trace = trace
        self._purpose = purpose

    @property
    def name(self) -> str:
        return self._trace._model.name

    def identity(self) -> dict[str, Any]:
        return self._trace._model.identity()

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        text = await self._trace.generate(self._purpose, messages, config)
        last = self._trace.calls[-1]
        return Completion(text, Usage(last.input_tokens, last.output_tokens), last.latency_s)
