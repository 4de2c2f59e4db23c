"""A proportion with its 95% Wilson interval: the robustness suites' figures, JSON-ready."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

__all__ = ["rate"]

_Z = 1.959964  # two-sided 95%


def rate(outcomes: Iterable[bool]) -> dict[str, Any]:
    """``{"rate", "n", "ci95"}`` for a list of successes; Wilson, because the suites' groups are
    small and their rates often near 0 or 1, where the normal interval leaves [0, 1]."""
    values = list(outcomes)
    n = len(values)
    if not n:
        return {"rate": None, "n": 0, "ci95": None}
    p = sum(values) / n
    denominator = 1 + _Z**2 / n
    centre = (p + _Z**2 / (2 * n)) / denominator
    half = _Z * math.sqrt(p * (1 - p) / n + _Z**2 / (4 * n * n)) / denominator
    return {
        "rate": round(p, 4),
        "n": n,
        "ci95": [round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)],
    }
