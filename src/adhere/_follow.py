"""``adhere follow``: one prompt through a strategy, with verdicts and cost."""

from __future__ import annotations

import asyncio
from typing import Any

from adhere.constraints import build, check_strict
from adhere.models import get_model
from adhere.runner import ManagedModel
from adhere.samples import Sample
from adhere.strategies import StrategySettings, get_strategy, repaired

__all__ = ["follow"]


def _verdicts(response: str, known: tuple[dict[str, Any], ...]) -> list[dict[str, Any]]:
    out = []
    for item in known:
        if "soft" in item:
            out.append(
                {"soft": item["soft"], "ok": None, "reason": "judged by an LLM only inside the strategy"}
            )
            continue
        constraint = build(str(item["id"]), item["kwargs"])
        verdict = check_strict(constraint, response)
        out.append(
            {
                "id": constraint.id,
                "description": constraint.describe(),
                "ok": verdict.ok,
                "reason": verdict.reason,
            }
        )
    return out


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
        "constraints": _verdicts(outcome.response, outcome.known),
        "calls": len(outcome.calls),
        "tokens": {
            "input": sum(c.input_tokens for c in outcome.calls),
            "output": sum(c.output_tokens for c in outcome.calls),
        },
        "latency_s": round(sum(c.latency_s for c in outcome.calls), 3),
        "details": dict(outcome.details),
    }
    if settings.repair:
        fixed, applied = repaired(outcome)
        result["repaired"] = {
            "answer": fixed,
            "repairs": applied,
            "constraints": _verdicts(fixed, outcome.known),
        }
    return result
