"""A scripted model for tests: no network, no weights."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from adhere.models._base import (
    Completion,
    GenerateConfig,
    Message,
    Model,
    ModelError,
    TransientModelError,
    Usage,
)

Script = Callable[[Sequence[Message], GenerateConfig], str]


class FakeModel(Model):
    """Answers from a script: a fixed text, a list taken in turn, or a function.

    ``fake/echo`` repeats the last user message; ``fake/fixed:TEXT`` always
    answers TEXT. Every call is recorded in ``calls``.
    """

    def __init__(
        self, script: str | list[str] | Script = "", *, latency_s: float = 0.0, spec: str = "fake/custom",
        timeout_s: float | None = None,
    ):  # fmt: skip
        self._script = script
        self._latency_s = latency_s
        self._timeout_s = timeout_s
        self._spec = spec
        self._turn = 0
        self.calls: list[tuple[list[Message], GenerateConfig]] = []

    @classmethod
    def from_spec(cls, name: str, **options: Any) -> FakeModel:
        if name == "echo":
            return cls(lambda messages, _config: messages[-1]["content"], spec="fake/echo", **options)
        if name.startswith("fixed:"):
            return cls(name.removeprefix("fixed:"), spec=f"fake/{name}", **options)
        raise ValueError("fake models are 'fake/echo' or 'fake/fixed:TEXT'")

    @property
    def name(self) -> str:
        return self._spec

    def identity(self) -> dict[str, Any]:
        return {"provider": "fake", "model": self._spec}

    def _answer(self, messages: Sequence[Message], config: GenerateConfig) -> str:
        if callable(self._script):
            return self._script(messages, config)
        if isinstance(self._script, list):
            text = self._script[self._turn % len(self._script)]
            self._turn += 1
            return text
        return self._script

    async def _wait(self, seconds: float) -> None:
        # A latency past the timeout fails as a slow server does.
        if self._timeout_s is not None and seconds > self._timeout_s:
            await asyncio.sleep(self._timeout_s)
            raise TransientModelError(f"{self._spec}: no answer in {self._timeout_s} s")
        await asyncio.sleep(seconds)

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        self.calls.append((list(messages), config))
        if self._latency_s:
            await self._wait(self._latency_s)
        text = self._answer(messages, config)
        prompt_words = sum(len(m["content"].split()) for m in messages)
        return Completion(text, Usage(prompt_words, len(text.split())), self._latency_s)


def create(name: str, *, latency_s: float = 0.0, timeout_s: float | None = None) -> FakeModel:
    """``latency_s``: how long each answer takes; ``timeout_s``: a longer latency fails (transient)."""
    try:
        return FakeModel.from_spec(name, latency_s=latency_s, timeout_s=timeout_s)
    except ValueError as error:
        raise ModelError(str(error)) from None
