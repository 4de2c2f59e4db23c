"""The one async entry point: answer a conversation with a strategy, inside a running event loop.

``solve`` is what ``adhere follow`` (through ``follow``, its synchronous
wrapper) and the OpenAI-compatible proxy call. A model opened once serves
many concurrent solves: pass the same :class:`~adhere.runner.ManagedModel`
(its gate, cache and retries are shared); a bare model is wrapped in one.
An ``extract_model`` answers the LLM decomposer's calls instead of ``model``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from adhere.constraints import check_strict
from adhere.errors import AdhereError
from adhere.models import Message, Model, get_model
from adhere.runlog import Call
from adhere.runner import ManagedModel
from adhere.samples import Sample
from adhere.strategies import (
    Known,
    Outcome,
    Strategy,
    StrategySettings,
    WithExtractModel,
    get_strategy,
    repaired,
)

__all__ = ["ConstraintVerdict", "Repaired", "Solution", "follow", "open_extract_model", "solve"]

_SOFT_REASON = "judged by an LLM only inside the strategy"


@dataclass(frozen=True)
class ConstraintVerdict:
    """A known constraint's verdict on the answer; ``ok`` is None for a soft one (no library check)."""

    id: str | None
    description: str
    ok: bool | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        if self.id is None:
            return {"soft": self.description, "ok": None, "reason": self.reason}
        return {"id": self.id, "description": self.description, "ok": self.ok, "reason": self.reason}


@dataclass(frozen=True)
class Repaired:
    answer: str
    repairs: tuple[str, ...]
    verdicts: tuple[ConstraintVerdict, ...]


@dataclass(frozen=True)
class Solution:
    """A strategy's answer to a conversation, each known constraint's verdict on it, and the cost."""

    answer: str
    strategy: str
    model: str
    verdicts: tuple[ConstraintVerdict, ...]
    outcome: Outcome
    repaired: Repaired | None = None

    @property
    def calls(self) -> tuple[Call, ...]:
        return self.outcome.calls

    @property
    def follows_known(self) -> bool:
        """Every known verifiable constraint passes (True when none was known)."""
        return all(v.ok is not False for v in self.verdicts)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "answer": self.answer,
            "strategy": self.strategy,
            "model": self.model,
            "constraints": [v.as_dict() for v in self.verdicts],
            "calls": len(self.outcome.calls),
            "tokens": {"input": self.outcome.input_tokens, "output": self.outcome.output_tokens},
            "latency_s": round(self.outcome.latency_s, 3),
            "details": dict(self.outcome.details),
        }
        if self.repaired is not None:
            out["repaired"] = {
                "answer": self.repaired.answer,
                "repairs": list(self.repaired.repairs),
                "constraints": [v.as_dict() for v in self.repaired.verdicts],
            }
        return out


def _verdicts(response: str, known: Known) -> tuple[ConstraintVerdict, ...]:
    checked = []
    for constraint in known.constraints:
        verdict = check_strict(constraint, response)
        checked.append(ConstraintVerdict(constraint.id, constraint.describe(), verdict.ok, verdict.reason))
    return tuple(checked) + tuple(ConstraintVerdict(None, text, None, _SOFT_REASON) for text in known.soft)


def _conversation(messages: Sequence[Message] | str) -> Sample:
    if isinstance(messages, str):
        return Sample.single("request", messages)
    if not messages or messages[-1].get("role") != "user":
        raise AdhereError("messages must end with the user turn to answer")
    for index, message in enumerate(messages):
        if message.get("role") not in ("system", "user", "assistant") or not isinstance(
            message.get("content"), str
        ):
            raise AdhereError(
                f"messages[{index}] must have a role (system, user, assistant) and a content string"
            )
    try:
        return Sample.single("request", messages[-1]["content"], history=messages[:-1])
    except ValueError as error:
        raise AdhereError(str(error)) from None


def _managed(model: Model, seed: int) -> ManagedModel:
    return model if isinstance(model, ManagedModel) else ManagedModel(model, concurrency=1, seed=seed)


async def solve(
    messages: Sequence[Message] | str,
    model: Model,
    strategy: str | Strategy[Any] = "direct",
    settings: StrategySettings | Mapping[str, Any] | None = None,
    *,
    extract_model: Model | None = None,
) -> Solution:
    """Answer ``messages`` (chat messages ending with a user turn, or one prompt) with ``strategy``.

    ``settings`` is the strategy's own settings object, or ``name=value`` options for it.
    ``extract_model``: the model the LLM decomposer asks (with ``decompose`` set); default ``model``.
    """
    chosen = get_strategy(strategy) if isinstance(strategy, str) else strategy
    own: StrategySettings = (
        chosen.settings_from(settings) if settings is None or isinstance(settings, Mapping) else settings
    )
    managed: Model = _managed(model, own.seed)
    if extract_model is not None and extract_model is not model:
        managed = WithExtractModel(managed, _managed(extract_model, own.seed))
    outcome = await chosen(_conversation(messages), managed, own)
    fixed = None
    if own.repair:
        answer, applied = repaired(outcome)
        fixed = Repaired(answer, tuple(applied), _verdicts(answer, outcome.knowledge))
    return Solution(
        outcome.response,
        chosen.name,
        model.name,
        _verdicts(outcome.response, outcome.knowledge),
        outcome,
        fixed,
    )


def open_extract_model(
    spec: str | None, answerer: Model, answerer_spec: str, *, base_url: str | None = None,
    api_key: str | None = None, timeout_s: float = 120.0,
) -> Model | None:  # fmt: skip
    """The model the decomposer asks: None without a ``spec``; ``answerer`` itself when ``spec`` is
    the answering model's and no other endpoint is named (one copy of a local model's weights);
    else the model ``spec`` names, at ``base_url`` (default: the provider's own)."""
    if spec is None:
        return None
    if spec == answerer_spec and base_url is None:
        return answerer
    return get_model(spec, base_url=base_url, api_key=api_key, timeout_s=timeout_s)


def follow(
    prompt: Sequence[Message] | str,
    *,
    model: str = "embedded",
    strategy: str = "best-of-n",
    settings: StrategySettings | Mapping[str, Any] | None = None,
    base_url: str | Sequence[str] | None = None,
    api_key: str | None = None,
    timeout_s: float = 120.0,
    extract_model: str | None = None,
    extract_base_url: str | None = None,
    extract_api_key: str | None = None,
) -> Solution:
    """``solve`` for one request from synchronous code: opens ``model`` (and ``extract_model``, a
    spec as ``model`` is, for the decomposer), answers, closes them."""

    async def go() -> Solution:
        inner = get_model(model, base_url=base_url, api_key=api_key, timeout_s=timeout_s)
        extractor = None
        try:
            extractor = open_extract_model(
                extract_model, inner, model, base_url=extract_base_url, api_key=extract_api_key,
                timeout_s=timeout_s,
            )  # fmt: skip
            return await solve(prompt, inner, strategy, settings, extract_model=extractor)
        finally:
            await inner.aclose()
            if extractor is not None and extractor is not inner:
                await extractor.aclose()

    return asyncio.run(go())
