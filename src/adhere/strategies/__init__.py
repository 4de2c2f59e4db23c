"""Inference-time strategies: stateless async functions of (sample, model, settings), each
with its own settings type.

Each returns an :class:`Outcome` with the final answer, every model call it
made and every candidate it reviewed. Strategies know only the constraints
they extract from the prompt text (and the system message), unless
``oracle_constraints`` is set. Third parties add strategies through the
``adhere.strategies`` entry-point group (a :class:`Strategy` object).
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

from adhere.errors import AdhereError
from adhere.strategies._best_of_n import BestOfNSettings, best_of_n
from adhere.strategies._decrim import DecrimSettings, decrim
from adhere.strategies._defenses import DEFENSES
from adhere.strategies._direct import direct
from adhere.strategies._extract_model import WithExtractModel
from adhere.strategies._guard import GuardSettings, guard
from adhere.strategies._length import LengthSettings, length
from adhere.strategies._repair import REPAIRABLE, repair, repaired
from adhere.strategies._selective import DECLINED, SelectiveSettings, selective
from adhere.strategies._settings import Known, Outcome, SolveFn, Strategy, StrategySettings
from adhere.strategies._trace import Call, Trace
from adhere.strategies._tree import TreeSettings, tree

__all__ = [
    "DECLINED",
    "ENTRY_POINT_GROUP",
    "REPAIRABLE",
    "STRATEGIES",
    "BestOfNSettings",
    "Call",
    "DecrimSettings",
    "Known",
    "Outcome",
    "SelectiveSettings",
    "SolveFn",
    "Strategy",
    "StrategySettings",
    "Trace",
    "TreeSettings",
    "WithExtractModel",
    "get_strategy",
    "repair",
    "repaired",
    "strategy_names",
]

ENTRY_POINT_GROUP = "adhere.strategies"

STRATEGIES: dict[str, Strategy[Any]] = {
    s.name: s
    for s in (
        Strategy("direct", direct, StrategySettings, "one call"),
        Strategy("best-of-n", best_of_n, BestOfNSettings, "answers until one passes every known constraint"),
        Strategy("decrim", decrim, DecrimSettings, "check, critique and revise"),
        Strategy("tree", tree, TreeSettings, "SPaR-style tree of revisions"),
        Strategy("selective", selective, SelectiveSettings, "answer, or flag/decline when unsure"),
        Strategy("guard", guard, GuardSettings, "redraw a reply that breaks a system-message rule"),
        Strategy("length", length, LengthSettings, "revise toward a target word count, naming the count"),
        *DEFENSES,
    )
}


def _plugins() -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name not in STRATEGIES}


def strategy_names() -> list[str]:
    return [*STRATEGIES, *sorted(_plugins())]


def get_strategy(name: str) -> Strategy[Any]:
    """A built-in strategy, or one a plug-in publishes (read only when the name is not built in)."""
    if name in STRATEGIES:
        return STRATEGIES[name]
    plugin = _plugins().get(name)
    if plugin is None:
        raise AdhereError(f"--strategy {name!r} is not a strategy (known: {', '.join(strategy_names())})")
    try:
        loaded = plugin.load()
    except Exception as error:  # a broken plug-in must not look like adhere's own bug
        raise AdhereError(f"the strategy plug-in {name!r} ({plugin.value}) failed to load: {error}") from None
    if not isinstance(loaded, Strategy):
        raise AdhereError(
            f"the strategy plug-in {name!r} ({plugin.value}) is not an adhere.strategies.Strategy"
        )
    return loaded
