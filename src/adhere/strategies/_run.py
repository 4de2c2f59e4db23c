"""Running a strategy over many samples; one sample's failure is its own error row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from adhere.runner import ManagedModel, RetriesExhausted, gather_in_order
from adhere.samples import Sample
from adhere.strategies._settings import Outcome, Strategy, StrategySettings

__all__ = ["Solved", "run_strategy"]


@dataclass(frozen=True)
class Solved:
    sample: Sample
    outcome: Outcome | None
    error: str | None = None


async def run_strategy(
    strategy: Strategy,
    model: ManagedModel,
    samples: Sequence[Sample],
    settings: StrategySettings,
    on_done: Callable[[Solved], None] | None = None,
) -> list[Solved]:
    """Every sample through ``strategy``, in input order; the model's gate bounds concurrency."""

    async def one(sample: Sample) -> Solved:
        try:
            outcome = await strategy(sample, model, settings)
            result = Solved(sample, outcome)
        except RetriesExhausted as failure:
            result = Solved(sample, None, str(failure))
        if on_done:
            on_done(result)
        return result

    return await gather_in_order([one(sample) for sample in samples])
