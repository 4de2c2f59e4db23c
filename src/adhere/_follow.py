"""``adhere follow``: one prompt through a strategy, with verdicts and cost."""

from __future__ import annotations

import asyncio
from typing import Any

from adhere.constraints import check_strict
from adhere.models import get_model
from adhere.runner import ManagedModel
from adhere.samples import Sample
from adhere.strategies import Known, StrategySettings, get_strategy, repaired

__all__ = ["follow"]


def _verdicts(response: str, known: Known) -> list[dict[str, Any]]:
    out = []
    for constraint in known.constraints:
        verdict = check_strict(constraint, response)
        out.append(
            {
                "id": constraint.id,
                "description": constraint.describe(),
                "ok": verdict.ok,
                "reason": verdict.reason,
            }
        )
    soft_reason = "judged by an LLM only inside the strategy"
    return out + [{"soft": text, "ok": None, "reason": soft_reason} for text in known.soft]


def follow(
    prompt: str, *, model: str = "embedded", strategy: str = "best-of-n",
    settings: StrategySettings | None = None,
    base_url: str | None = None, api_key: str | None = None, timeout_s: float = 120.0,
) -> dict[str, Any]:  # fmt: skip
    """Answer ``prompt`` with ``strategy``; the answer, each known constraint's verdict, and the cost."""
    settings = settings or StrategySettings()
    solve = get_strategy(strategy)
    sample = Sample("prompt", prompt, ())

    async def go() -> Any:
        inner = get_model(model, base_url=base_url, api_key=api_key, timeout_s=timeout_s)
        try:
            return await solve(sample, ManagedModel(inner, concurrency=1, seed=settings.seed), settings)
        finally:
            await inner.aclose()

    outcome = asyncio.run(go())
    result: dict[str, Any] = {
        "answer": outcome.response,
        "strategy": strategy,
        "model": model,
        "constraints": _verdicts(outcome.response, outcome.knowledge),
        "calls": len(outcome.calls),
        "tokens": {"input": outcome.input_tokens, "output": outcome.output_tokens},
        "latency_s": round(outcome.latency_s, 3),
        "details": dict(outcome.details),
    }
    if settings.repair:
        fixed, applied = repaired(outcome)
        result["repaired"] = {
            "answer": fixed,
            "repairs": applied,
            "constraints": _verdicts(fixed, outcome.knowledge),
        }
    return result
