"""A scripted model for tests: no network, no weights."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from adhere.models._base import Completion, GenerateConfig, Message, Model, ModelError, Usage

Script = Callable[[Sequence[Message], GenerateConfig], str]


class FakeModel(Model):
    """Answers from a script: a fixed text, a list taken in turn, or a function.

    ``fake/echo`` repeats the last user message; ``fake/fixed:TEXT`` always
    answers TEXT. Every call is recorded in ``calls``.
    """

    def __init__(
        self, script: str | list[str] | Script = "", *, latency_s: float = 0.0, spec: str = "fake/custom"
    ):
        self._script = script
        self._latency_s = latency_s
        self._spec = spec
        self._turn = 0
        self.calls: list[tuple[list[Message], GenerateConfig]] = []

    @classmethod
    def from_spec(cls, name: str) -> FakeModel:
        if name == "echo":
            return cls(lambda messages, _config: messages[-1]["content"], spec="fake/echo")
        if name.startswith("fixed:"):
            return cls(name.removeprefix("fixed:"), spec=f"fake/{name}")
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

    async def generate(self, messages: Sequence[Message], config: GenerateConfig) -> Completion:
        self.calls.append((list(messages), config))
        if self._latency_s:
            await asyncio.sleep(self._latency_s)
        text = self._answer(messages, config)
        prompt_words = sum(len(m["content"].split()) for m in messages)
        return Completion(text, Usage(prompt_words, len(text.split())), self._latency_s)


def create(name: str, **_options: Any) -> FakeModel:
    try:
        return FakeModel.from_spec(name)
    except ValueError as error:
        raise ModelError(str(error)) from None
