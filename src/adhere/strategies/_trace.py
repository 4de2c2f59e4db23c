"""Every model call a strategy makes, with its purpose, settings, tokens and latency, and every
candidate answer it reviewed. The decomposer's calls go to the extract model when the strategy's
model carries one (:class:`~adhere.strategies.WithExtractModel`)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from adhere.models import Completion, GenerateConfig, Message, Model, Usage
from adhere.reasoning import split_reasoning
from adhere.runlog import Call, Candidate
from adhere.strategies._extract_model import DECOMPOSE, models_for

__all__ = ["Call", "Candidate", "Trace"]


class Trace:
    """Calls a model and keeps a record of each call, in order.

    A strategy makes one per sample; it is the strategy's only way to the
    model, so nothing it spends goes unrecorded. ``reviewed`` notes each
    candidate answer with the strategy's verdict on it.
    """

    def __init__(self, model: Model, reasoning: str = "strip") -> None:
        self._model, self._extractor = models_for(model)
        self._reasoning = reasoning
        self.calls: list[Call] = []
        self.candidates: list[Candidate] = []

    def model_for(self, purpose: str) -> Model:
        """The model that answers calls made for ``purpose``."""
        return self._extractor if purpose == DECOMPOSE else self._model

    async def complete(self, purpose: str, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        started = time.perf_counter()
        completion = await self.model_for(purpose).generate(messages, config)
        cached = bool(completion.raw and completion.raw.get("cached"))
        # A cache hit reports the latency it had when it was generated.
        latency = completion.latency_s or (0.0 if cached else time.perf_counter() - started)
        usage = completion.usage
        self.calls.append(
            Call(
                purpose,
                tuple(messages),
                completion.text,
                usage.input_tokens,
                usage.output_tokens,
                latency,
                cached,
                config.as_dict(),
                completion.finish_reason,
            )
        )
        return completion

    async def generate(self, purpose: str, messages: Sequence[Message], config: GenerateConfig) -> str:
        """The answer's text; with reasoning "strip", its final answer ("" when the trace never closed)."""
        completion = await self.complete(purpose, messages, config)
        if self._reasoning != "strip":
            return completion.text
        return split_reasoning(completion.text, completion.reasoning).answer or ""

    def reviewed(self, text: str, passed: int, known: int, failures: Sequence[str]) -> None:
        self.candidates.append(Candidate(text, passed, known, tuple(failures)))

    def model(self, purpose: str) -> Model:
        """This trace as a Model, for code that takes any model (the LLM decomposer)."""
        return _TracedModel(self, purpose)


class _TracedModel(Model):
    def __init__(self, trace: Trace, purpose: str) -> None:
        self._trace = trace
        self._purpose = purpose

    @property
    def name(self) -> str:
        return self._trace.model_for(self._purpose).name

    def identity(self) -> dict[str, Any]:
        return self._trace.model_for(self._purpose).identity()

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        completion = await self._trace.complete(self._purpose, messages, config)
        last = self._trace.calls[-1]
        return Completion(completion.text, Usage(last.input_tokens, last.output_tokens), last.latency_s)
