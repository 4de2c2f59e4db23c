"""Statistics for comparing runs: McNemar's exact test, a paired cluster bootstrap, Wilson intervals.

Pure Python on purpose: a comparison of two 541-prompt runs is small, and the
report must not pull in a numerical stack.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["PairedCluster", "mcnemar_exact", "paired_bootstrap", "wilson_interval"]


def mcnemar_exact(only_a: int, only_b: int) -> float:
    """Two-sided exact McNemar p-value from the discordant pairs.

    ``only_a``: pairs that run A passed and B failed; ``only_b`` the reverse.
    Under the null each discordant pair goes either way with probability 1/2,
    so the p-value is twice the binomial tail of the smaller count (capped at 1).
    """
    if only_a < 0 or only_b < 0:
        raise ValueError("discordant counts cannot be negative")
    n = only_a + only_b
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(only_a, only_b) + 1))
    # Integer numerator over 2**n: exact until the one final division.
    return min(1.0, 2 * tail / (1 << n))


@dataclass(frozen=True)
class PairedCluster:
    """One prompt's responses in both runs, per metric.

    ``diffs[m]`` is B's passes minus A's passes for metric m, ``totals[m]`` how
    many were counted (the same in both runs, since the samples are paired).
    Resampling whole prompts keeps the draws of one prompt together.
    """

    diffs: tuple[float, ...]
    totals: tuple[float, ...]


def paired_bootstrap(
    clusters: Sequence[PairedCluster], replicates: int = 2000, seed: int = 0
) -> list[tuple[float, float]]:
    """95% percentile intervals of each metric's difference (B − A), one resample shared by all metrics."""
    if not clusters:
        raise ValueError("no paired samples to resample")
    metrics = len(clusters[0].diffs)
    rng = random.Random(seed)
    indices = range(len(clusters))
    draws: list[list[float]] = [[] for _ in range(metrics)]
    for _ in range(replicates):
        chosen = rng.choices(indices, k=len(clusters))
        for m in range(metrics):
            total = sum(clusters[i].totals[m] for i in chosen)
            draws[m].append(sum(clusters[i].diffs[m] for i in chosen) / total if total else 0.0)
    return [_percentile_interval(values) for values in draws]


def _percentile_interval(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    last = len(ordered) - 1
    return ordered[round(0.025 * last)], ordered[round(0.975 * last)]


def wilson_interval(passed: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion: sensible at 0%, 100% and small counts,
    where a per-type bar often sits."""
    if total <= 0:
        return 0.0, 0.0
    p = passed / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)
