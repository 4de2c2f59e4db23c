"""Inference-time strategies: stateless async functions of (sample, model, settings).

Each returns an :class:`Outcome` with the final answer and every model call it
made (a :class:`Trace`). Strategies know only the constraints they extract from
the prompt text, unless ``oracle_constraints`` is set.
"""

from __future__ import annotations

from dataclasses import replace

from adhere.benchmarks._multiturn import isolate
from adhere.errors import AdhereError
from adhere.models import Model
from adhere.samples import Sample
from adhere.strategies._best_of_n import best_of_n
from adhere.strategies._decrim import decrim
from adhere.strategies._direct import direct
from adhere.strategies._repair import REPAIRABLE, repair, repaired
from adhere.strategies._selective import DECLINED, selective
from adhere.strategies._settings import Known, Outcome, Strategy, StrategySettings
from adhere.strategies._trace import Call, Trace
from adhere.strategies._tree import tree

__all__ = [
    "DECLINED",
    "REPAIRABLE",
    "STRATEGIES",
    "Call",
    "Known",
    "Outcome",
    "Strategy",
    "StrategySettings",
    "Trace",
    "best_of_n",
    "decrim",
    "direct",
    "get_strategy",
    "multiturn",
    "repair",
    "repaired",
    "selective",
    "tree",
]

STRATEGIES: dict[str, Strategy] = {
    "direct": direct,
    "best-of-n": best_of_n,
    "decrim": decrim,
    "tree": tree,
    "selective": selective,
}


def get_strategy(name: str) -> Strategy:
    if name not in STRATEGIES:
        raise AdhereError(f"--strategy {name!r} is not a strategy (known: {', '.join(STRATEGIES)})")
    return STRATEGIES[name]


def multiturn(strategy: Strategy) -> Strategy:
    """``strategy`` on IFBench's two-turn form of each sample: the task first, the model's answer
    to it, then the constraint. The turn-1 call is the first call in the outcome's trace."""

    async def isolated(sample: Sample, model: Model, settings: StrategySettings) -> Outcome:
        trace = Trace(model)
        two_turn = await isolate(sample, trace.model("turn1"), settings.config(0))
        outcome = await strategy(two_turn, model, settings)
        details = {**outcome.details, "multiturn": bool(two_turn.history), "turns": two_turn.messages}
        return replace(outcome, calls=(*trace.calls, *outcome.calls), details=details)

    return isolated
