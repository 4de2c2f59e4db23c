"""95% percentile bootstrap intervals for suite statistics, resampling clusters (a conversation
with all its draws and turns), as the run's headline intervals resample prompts."""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

__all__ = ["interval"]

T = TypeVar("T")
REPLICATES = 1000


def interval(
    items: Sequence[T],
    cluster: Callable[[T], Hashable],
    statistic: Callable[[Sequence[T]], float],
    replicates: int = REPLICATES,
    seed: int = 0,
) -> list[float]:
    """``[low, high]`` of ``statistic`` over ``replicates`` resamples of the clusters (seeded)."""
    groups: dict[Hashable, list[T]] = {}
    for item in items:
        groups.setdefault(cluster(item), []).append(item)
    if not groups:
        return [0.0, 0.0]
    members = list(groups.values())
    rng = random.Random(seed)
    values = sorted(
        statistic([item for group in rng.choices(members, k=len(members)) for item in group])
        for _ in range(replicates)
    )
    last = len(values) - 1
    return [values[round(0.025 * last)], values[round(0.975 * last)]]
