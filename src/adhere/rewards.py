"""Verifiable rewards for RL trainers: the IFEval-style checkers in the signatures TRL and verl call.

TRL's ``GRPOTrainer`` calls each reward function with the completions and every
other dataset column as keyword arguments, so a dataset with IFEval's columns
(``instruction_id_list``, ``kwargs``) needs nothing more::

    from adhere.rewards import ifeval_reward, make_reward
    trainer = GRPOTrainer(model, reward_funcs=[ifeval_reward], train_dataset=dataset, ...)
    partial = make_reward(fractional=True, loose=True)

verl calls ``compute_score(data_source, solution_str, ground_truth, extra_info)``;
``ground_truth`` holds the constraints (an object, or its JSON text, with
``instruction_id_list`` and ``kwargs``).

A reward is 1.0 when the answer follows every constraint (``binary``), or the
share it follows (``fractional``), strict or loose (IFEval's definitions). A
reasoning trace is stripped first; a trace that never closed has no answer and
scores 0. A row's constraints are built once per distinct (ids, kwargs), so a
group of completions for one prompt, or a prompt seen again, costs only checks.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from adhere.constraints import Constraint, build, check_strict, evaluate
from adhere.errors import AdhereError
from adhere.reasoning import split_reasoning

__all__ = ["RewardFunction", "compute_score", "constraints_of", "ifeval_reward", "make_reward", "score_text"]

RewardFunction = Callable[..., list[float]]


@functools.lru_cache(maxsize=65536)
def _constraints(key: str) -> tuple[Constraint, ...]:
    ids, kwargs = json.loads(key)
    return tuple(build(i, k) for i, k in zip(ids, kwargs, strict=True))


def _key(ids: Sequence[str], kwargs: Sequence[Mapping[str, Any] | None] | None) -> str:
    ids = [] if isinstance(ids, str) else list(ids)
    if not all(isinstance(i, str) for i in ids):
        raise AdhereError("instruction_id_list must be a list of constraint ids")
    # Datasets store every row's kwargs with every key of the column, absent ones as None.
    args = [{k: v for k, v in (a or {}).items() if v is not None} for a in (kwargs or [{}] * len(ids))]
    if len(args) != len(ids):
        raise AdhereError(f"kwargs has {len(args)} entries for {len(ids)} instruction ids")
    return json.dumps([ids, args], sort_keys=True, default=_plain)


def _plain(value: Any) -> Any:
    """numpy values (verl reads its parquet files through pandas) as JSON's own."""
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def constraints_of(
    ids: Sequence[str], kwargs: Sequence[Mapping[str, Any] | None] | None
) -> tuple[Constraint, ...]:
    """The constraints of one dataset row (built once per distinct row, then cached)."""
    return _constraints(_key(ids, kwargs))


def _answer(completion: str | Sequence[Mapping[str, Any]]) -> str | None:
    """The final answer of a plain-text or conversational completion (its last message)."""
    if isinstance(completion, str):
        text = completion
    else:
        text = str(completion[-1].get("content") or "") if completion else ""
    return split_reasoning(text).answer


def score_text(
    answer: str | None, constraints: Sequence[Constraint], *, fractional: bool = False, loose: bool = False
) -> float:
    """The reward of one final answer (None: no answer) against its constraints."""
    if not constraints:
        return 1.0
    if answer is None:
        return 0.0
    if loose:
        followed = evaluate(constraints, answer).loose
    else:
        followed = tuple(check_strict(c, answer).ok for c in constraints)
    if fractional:
        return sum(followed) / len(followed)
    return 1.0 if all(followed) else 0.0


def make_reward(*, fractional: bool = False, loose: bool = False) -> RewardFunction:
    """A reward function with TRL's signature, in the given mode; its name says the mode
    (TRL logs each reward under its function's name)."""

    def reward(
        completions: Sequence[str | Sequence[Mapping[str, Any]]],
        instruction_id_list: Sequence[Sequence[str]],
        kwargs: Sequence[Sequence[Mapping[str, Any] | None] | None] | None = None,
        **columns: Any,
    ) -> list[float]:
        rows_kwargs = kwargs if kwargs is not None else [None] * len(completions)
        return [
            score_text(_answer(c), constraints_of(ids, k), fractional=fractional, loose=loose)
            for c, ids, k in zip(completions, instruction_id_list, rows_kwargs, strict=True)
        ]

    reward.__name__ = f"ifeval_{'fractional' if fractional else 'binary'}_{'loose' if loose else 'strict'}"
    return reward


#: Binary, strict: 1.0 when every constraint is followed.
ifeval_reward = make_reward()


def _ground_truth(ground_truth: Any, extra_info: Mapping[str, Any] | None) -> Mapping[str, Any]:
    found = ground_truth if ground_truth is not None else (extra_info or {})
    if isinstance(found, str):
        try:
            found = json.loads(found)
        except ValueError:
            raise AdhereError(
                "ground_truth is text but not JSON with instruction_id_list and kwargs"
            ) from None
    if not isinstance(found, Mapping) or "instruction_id_list" not in found:
        raise AdhereError("ground_truth must hold instruction_id_list (and kwargs)")
    return found


def compute_score(
    data_source: str | None,
    solution_str: str,
    ground_truth: Any,
    extra_info: Mapping[str, Any] | None = None,
    *,
    fractional: bool = False,
    loose: bool = False,
) -> float:
    """verl's custom reward signature; modes through verl's ``reward_kwargs``."""
    rules = _ground_truth(ground_truth, extra_info)
    constraints = constraints_of(list(rules["instruction_id_list"]), rules.get("kwargs"))
    return score_text(_answer(solution_str), constraints, fractional=fractional, loose=loose)
